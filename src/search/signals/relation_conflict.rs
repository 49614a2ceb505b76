//! Relation conflict: an office is read with whose it is and where it
//! serves (`relation.rs`). An entry whose phrasings contradict the office
//! the question asks about ("russia's ambassador in kabul" against the
//! Afghan ambassador to Russia), or never name that country's office,
//! keeps only part of its score.

use crate::search::relation::{conflicts, Relation};
use crate::search::Tuning;

/// Returns the factor for a question asking about the offices `asked`
/// against an entry stating `stated`.
pub fn value(asked: &[Relation], stated: &[Relation], tuning: &Tuning) -> f32 {
    if !asked.is_empty() && conflicts(asked, stated) {
        tuning.relation_conflict
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::{Scope, Tuning};

    #[test]
    fn another_countrys_office_conflicts() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:envoy",
            &[
                "who is the afghan ambassador to russia",
                "taliban envoy in moscow",
            ],
            "Gul Hassan Hassan.",
        )];
        let conflict = Tuning::default().relation_conflict;
        // (question, expected factor)
        let rows = [
            ("who is the afghan ambassador to russia", 1.0),
            ("who is russia's ambassador in kabul", conflict),
            ("who is the ambassador", 1.0),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:envoy",
                Signal::RelationConflict,
            );
            assert_eq!(v, want, "relation factor of {question:?}");
        }
    }
}
