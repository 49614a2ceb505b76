//! Entry coverage: how much of the question all of an entry's phrasings
//! together cover, weighed by rarity. Rewards an entry whose phrasings
//! between them use every word asked, when no single phrasing does.

use crate::search::Tuning;

/// Returns what the entry's phrasings add to its score when the question's
/// words found in any of them weigh `found` of the question's `question`.
pub fn value(found: f32, question: f32, tuning: &Tuning) -> f32 {
    tuning.entry_share * (found / question).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn words_spread_over_phrasings_still_count() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:envoy",
            &["who is the afghan ambassador", "gul hassan credentials"],
            "Gul Hassan Hassan.",
        )];
        let full = Tuning::default().entry_share;
        // (question, expected share of the full value, within 0.05)
        let rows = [
            ("afghan ambassador credentials", 1.0),
            ("afghan ambassador", 1.0),
            ("afghan ambassador pizza", 0.4),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:envoy",
                Signal::EntryCoverage,
            );
            assert!(
                (v / full - want).abs() < 0.25,
                "entry coverage of {question:?} is {v}, about {} expected",
                want * full
            );
        }
    }
}
