//! Relation conflict: an office is read with whose it is and where it
//! serves (`relation.rs`), from the question as typed or, when that states
//! none, from the question as the data reads it (synonyms and typo
//! corrections: "russian foreign minster", "russias amb in kabul"). An entry whose phrasings contradict the office
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

    #[test]
    fn an_office_is_read_through_typos_and_synonyms() {
        let entries: &[testkit::Row<'_>] = &[
            (
                "person:muttaqi",
                &[
                    "amir khan muttaqi",
                    "afghan foreign minister",
                    "taliban foreign minister",
                ],
                "The Taliban government's foreign minister.",
            ),
            (
                "person:envoy",
                &["gul hassan hassan", "afghan ambassador to russia"],
                "The Taliban's ambassador in Moscow.",
            ),
        ];
        let groups: &[&[&str]] = &[
            &["foreign minister", "foreign minster", "fm"],
            &["ambassador", "envoy", "amb"],
            &["russia", "russian", "moscow"],
        ];
        let data = testkit::dataset(entries, groups);
        let index = crate::search::Index::build(&data);
        let conflict = Tuning::default().relation_conflict;
        // (question, entry, expected factor)
        let rows = [
            ("russian foreign minster", "person:muttaqi", conflict),
            ("russian fm", "person:muttaqi", conflict),
            ("russian foreign ministr", "person:muttaqi", conflict),
            ("afghan foreign minster", "person:muttaqi", 1.0),
            ("foreign minster", "person:muttaqi", 1.0),
            ("russian amb in kabul", "person:envoy", conflict),
            ("afghan amb in moscow", "person:envoy", 1.0),
            ("russian envoy", "person:envoy", conflict),
        ];
        for (question, reference, want) in rows {
            let trace = testkit::trace(&index, &data, question, Scope::All, reference)
                .unwrap_or_else(|| panic!("{reference} is not a candidate for {question:?}"));
            let v = trace.get(Signal::RelationConflict);
            assert_eq!(v, want, "relation factor of {reference} for {question:?}");
        }
    }
}
