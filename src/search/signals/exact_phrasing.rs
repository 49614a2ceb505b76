//! Exact phrasing: a bonus when the question, normalized, is one of the
//! entry's phrasings word for word, as typed or once its typos are
//! corrected ("/who kremiln" is the role "kremlin").

use crate::search::Tuning;

/// Returns the bonus for an exact phrasing match.
pub fn value(exact: bool, tuning: &Tuning) -> f32 {
    if exact {
        tuning.exact_bonus
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::{Scope, Tuning};

    #[test]
    fn only_the_phrasing_word_for_word_earns_it() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:first",
            &["was russia the first to recognise the taliban"],
            "Yes.",
        )];
        let bonus = Tuning::default().exact_bonus;
        // (question, expected bonus)
        let rows = [
            ("Was Russia the first to recognise the Taliban?", bonus),
            ("was russia the very first to recognise the taliban", 0.0),
            ("russia first to recognise taliban", 0.0),
            ("was russia the first to recognise the talibna", bonus),
            ("was russia the first to recognise the talibna yet", 0.0),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:first",
                Signal::ExactPhrasing,
            );
            assert_eq!(v, want, "exact phrasing bonus of {question:?}");
        }
    }
}
