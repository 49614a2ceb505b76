//! Checked claim: a question that checks a claim about someone it names
//! first and in full ("muttaqi is pakistan's foreign minister, right?",
//! "is gul hassan hassan the taliban foreign minister?") asks whether what
//! it says of them is so, and that person's entry answers it by saying who
//! they are. The office, country or other names the question states are
//! the claim being checked, not what is asked, so the penalties they
//! bring that person's entry (other entity, relation conflict) are lifted.
//! Only individual people count: a claim about a country or a movement
//! ("russia recognised them in 2024, right?") is about an event.
//!
//! With `/who`, a person named in full is whom the question asks about,
//! wherever the name stands and whatever else it says of them ("/who
//! chinese diplomat misri", "/who putins foreign minister muttaqi"): their
//! entry says who they really are.

/// Returns the factor that lifts `penalties` (the product of the entry's
/// other-entity and relation-conflict factors) when the question checks
/// a claim about the person the entry is; 1 otherwise.
pub fn value(checks_claim_about_it: bool, penalties: f32) -> f32 {
    if checks_claim_about_it && penalties > 0.0 && penalties < 1.0 {
        1.0 / penalties
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    /// Two people and an organisation, as the data has them.
    const ENTRIES: &[testkit::Row<'_>] = &[
        (
            "person:muttaqi",
            &["amir khan muttaqi", "taliban foreign minister"],
            "The Taliban government's foreign minister.",
        ),
        (
            "person:misri",
            &["vikram misri", "indian foreign secretary"],
            "India's foreign secretary; he met Muttaqi.",
        ),
        (
            "qa:pakistan",
            &["what is pakistan's stance"],
            "Pakistan has not said.",
        ),
    ];

    #[test]
    fn a_claim_about_someone_named_first_lifts_their_penalties() {
        // (question, entry, penalties lifted)
        let rows = [
            (
                "amir khan muttaqi is pakistan's foreign minister right",
                "person:muttaqi",
                true,
            ),
            (
                "is vikram misri pakistan's foreign secretary?",
                "person:misri",
                true,
            ),
            // Not a claim being checked: asks for pakistan's minister.
            (
                "who is pakistan's foreign minister amir khan muttaqi",
                "person:muttaqi",
                false,
            ),
            // Named, but not first: the claim is about misri.
            (
                "vikram misri met amir khan muttaqi in pakistan right",
                "person:muttaqi",
                false,
            ),
        ];
        for (question, entry, lifted) in rows {
            check(question, Scope::All, entry, lifted);
        }
    }

    #[test]
    fn with_who_someone_named_in_full_anywhere_is_asked_about() {
        // (question, entry, penalties lifted)
        let rows = [
            ("pakistani diplomat vikram misri", "person:misri", true),
            (
                "the pakistani foreign minister amir khan muttaqi",
                "person:muttaqi",
                true,
            ),
            // In full, in any order.
            ("pakistani diplomat misri vikram", "person:misri", true),
            // Not in full.
            ("pakistani diplomat misri", "person:misri", false),
            // Someone else named in full.
            (
                "pakistani foreign secretary vikram misri",
                "person:muttaqi",
                false,
            ),
        ];
        for (question, entry, lifted) in rows {
            check(question, Scope::People, entry, lifted);
        }
    }

    /// Asserts whether `question`, asked in `scope`, lifts the penalties
    /// of `entry`, and that a lift gives exactly 1.
    fn check(question: &str, scope: Scope, entry: &str, lifted: bool) {
        {
            let data = testkit::dataset(ENTRIES, &[]);
            let index = crate::search::Index::build(&data);
            let trace = testkit::trace(&index, &data, question, scope, entry)
                .unwrap_or_else(|| panic!("{entry} is not a candidate for {question:?}"));
            let factor = trace.get(Signal::CheckedClaim);
            let penalties = trace.get(Signal::OtherEntity) * trace.get(Signal::RelationConflict);
            assert_eq!(
                factor > 1.0,
                lifted,
                "{question:?}: checked-claim factor {factor} on {entry} (penalties {penalties})"
            );
            if lifted {
                assert!(
                    (factor * penalties - 1.0).abs() < 1e-5,
                    "{question:?}: the factor {factor} exactly lifts penalties {penalties}"
                );
            }
        }
    }

    #[test]
    fn nothing_to_lift_gives_one() {
        // (checks a claim about it, penalties, factor)
        let rows = [(true, 1.0, 1.0), (false, 0.5, 1.0), (true, 0.5, 2.0)];
        for (checks, penalties, want) in rows {
            let got = value(checks, penalties);
            assert!(
                (got - want).abs() < 1e-6,
                "checks {checks}, penalties {penalties}: {got}, want {want}"
            );
        }
    }
}
