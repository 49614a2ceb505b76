//! Answer coverage: how much of the question the entry's answer (or
//! description) covers. A small share: it lets a question find an entry
//! through what the answer says when no phrasing uses its words.

use crate::search::Tuning;

/// Returns what the answer adds to the entry's score when the question's
/// words found in it weigh `found` of the question's `question`.
pub fn value(found: f32, question: f32, tuning: &Tuning) -> f32 {
    tuning.body_share * (found / question).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn words_of_the_answer_count_a_little() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:motives",
            &["why did russia recognise the taliban"],
            "Security on its southern flank and trade routes.",
        )];
        // (question, expect an answer-coverage value)
        let rows = [
            ("why did russia recognise the taliban trade routes", true),
            ("why did russia recognise the taliban", false),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:motives",
                Signal::AnswerCoverage,
            );
            assert_eq!(v > 0.0, want, "answer coverage of {question:?}: {v}");
            assert!(
                v <= Tuning::default().body_share,
                "answer coverage is capped: {v}"
            );
        }
    }
}
