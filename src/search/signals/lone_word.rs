//! Lone word: a question of one content word is an answer only where it
//! is (nearly) a whole phrasing: "recognition", "putin"; not "time" in
//! "why this timing". Multiplies the score by how much of the best
//! phrasing the word covers.

use crate::search::Tuning;

/// Returns the factor for a question of one content word (`lone`) whose
/// best phrasing it covers by `fit` in [0, 1]; 1 for longer questions.
pub fn value(lone: bool, fit: f32, tuning: &Tuning) -> f32 {
    if lone {
        fit.powf(tuning.lone_word_fit)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn one_word_must_fit_its_phrasing() {
        let entries: &[testkit::Row<'_>] = &[
            (
                "event:recognition",
                &["recognition", "russia recognises the taliban"],
                "Russia recognised them.",
            ),
            (
                "qa:timing",
                &["why this timing for the recognition deal"],
                "Because of trade.",
            ),
        ];
        // (question, entry, expected factor range)
        let rows = [
            ("recognition", "event:recognition", 0.99, 1.0),
            ("timing", "qa:timing", 0.0, 0.5),
            ("why this timing for the deal", "qa:timing", 1.0, 1.0),
        ];
        for (question, entry, lo, hi) in rows {
            let v = testkit::value(entries, question, Scope::All, entry, Signal::LoneWord);
            assert!(
                (lo..=hi).contains(&v),
                "lone word factor of {question:?} for {entry}: {v}, want [{lo}, {hi}]"
            );
        }
    }
}
