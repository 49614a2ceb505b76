//! Typo cost: a word matched through a typo correction keeps less of its
//! weight, less the more edits it took ("presdent" for "president").

/// Returns the share of a word's weight a match through `edits` typo
/// corrections keeps, at `penalty` per edit.
pub fn factor(edits: usize, penalty: f32) -> f32 {
    (1.0 - penalty * edits as f32).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::testkit;
    use crate::search::signals::Signal;
    use crate::search::Scope;

    #[test]
    fn each_edit_costs_the_penalty() {
        let rows = [(0, 1.0), (1, 0.75), (2, 0.5), (5, 0.0)];
        for (edits, want) in rows {
            assert_eq!(factor(edits, 0.25), want, "{edits} edits");
        }
    }

    #[test]
    fn a_typo_matches_for_less_than_the_word() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:recognition",
            &["when did russia recognise the taliban"],
            "On 3 July 2025.",
        )];
        let q = |question| {
            testkit::value(
                entries,
                question,
                Scope::All,
                "qa:recognition",
                Signal::PhrasingCoverage,
            )
        };
        let exact = q("when did russia recognise the taliban");
        let typo = q("when did russia recognise the talibam");
        assert!(typo < exact, "a typo must cost: {typo} vs {exact}");
        assert!(
            typo > 0.5 * exact,
            "a typo must still match: {typo} vs {exact}"
        );
    }
}
