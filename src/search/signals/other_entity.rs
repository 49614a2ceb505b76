//! Other entity: an entry loses for each person or organisation the
//! question names that the entry never mentions ("who is the chinese
//! ambassador" is not about the Afghan envoy; "president of china" is not
//! about Putin).

use crate::search::Tuning;

/// Returns the factor for a question naming `named` people or
/// organisations of which the entry mentions `mentioned`.
pub fn value(named: usize, mentioned: u32, tuning: &Tuning) -> f32 {
    let missing = named.saturating_sub(mentioned as usize) as i32;
    tuning.other_entity.powi(missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    /// Two people and an entry naming one of them.
    const ENTRIES: &[testkit::Row<'_>] = &[
        (
            "person:putin",
            &["vladimir putin", "russian president"],
            "Russia's president.",
        ),
        (
            "person:xi",
            &["xi jinping", "chinese president"],
            "China's president.",
        ),
        (
            "qa:decided",
            &["who decided to recognise the taliban"],
            "Vladimir Putin approved it.",
        ),
    ];

    #[test]
    fn naming_someone_the_entry_never_mentions_costs() {
        let entries = ENTRIES;
        let other = Tuning::default().other_entity;
        // (question, entry, expected factor)
        let rows = [
            (
                "did putin decide to recognise the taliban",
                "qa:decided",
                1.0,
            ),
            (
                "did xi decide to recognise the taliban",
                "qa:decided",
                other,
            ),
            // Each name word counts: "xi jinping" names two.
            (
                "did xi jinping decide to recognise the taliban",
                "qa:decided",
                other * other,
            ),
            ("xi and putin decided", "qa:decided", other),
            ("president", "person:putin", 1.0),
        ];
        for (question, entry, want) in rows {
            let v = testkit::value(entries, question, Scope::All, entry, Signal::OtherEntity);
            assert!(
                (v - want).abs() < 1e-6,
                "other-entity factor of {question:?} for {entry}: {v}, want {want}"
            );
        }
    }

    #[test]
    fn a_clause_counts_the_people_its_sentence_names() {
        let data = testkit::dataset(ENTRIES, &[]);
        let index = crate::search::Index::build(&data);
        let other = Tuning::default().other_entity;
        // (clause, the rest of its sentence, expected factor for qa:decided)
        let rows = [
            ("did he decide to recognise the taliban", "", 1.0),
            (
                "did he decide to recognise the taliban",
                "xi met them, did he decide to recognise the taliban",
                other,
            ),
            (
                "did he decide to recognise the taliban",
                "putin met them, did he decide to recognise the taliban",
                1.0,
            ),
        ];
        for (clause, sentence, want) in rows {
            let mut query = index.query(clause);
            query.context_entities = index.entities_named(&index.query(sentence).resolved);
            let v = index
                .rank_query(&query, Scope::All, 10)
                .into_iter()
                .find(|c| c.entry.get(&data).reference() == "qa:decided")
                .map(|c| c.trace.get(Signal::OtherEntity));
            assert_eq!(v, Some(want), "{clause:?} in {sentence:?}");
        }
    }
}
