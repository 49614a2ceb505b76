//! Adjacent pairs: a small bonus for the question's adjacent word pairs
//! that the phrasing has too, in order ("banned list", "before russia"),
//! so word order breaks ties between phrasings sharing the same words.

/// Returns the bonus for a phrasing that has `shared` of the question's
/// `pairs` adjacent term pairs (counted with the index's pair postings):
/// `bonus` times the share of the question's pairs the phrasing has.
pub fn bonus(shared: usize, pairs: usize, bonus: f32) -> f32 {
    if shared == 0 || pairs == 0 {
        return 0.0;
    }
    bonus * shared as f32 / pairs as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn pairs_in_order_add_and_others_do_not() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:banned",
            &["is the taliban on the banned list"],
            "Russia took them off the list.",
        )];
        // (question, expect a bonus)
        let rows = [
            ("taliban banned list", true),
            ("list banned taliban", false),
            ("banned", false),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:banned",
                Signal::AdjacentPairs,
            );
            assert_eq!(v > 0.0, want, "adjacent pairs of {question:?}: {v}");
        }
    }

    #[test]
    fn the_bonus_is_the_share_of_pairs_shared() {
        assert_eq!(bonus(1, 2, 0.1), 0.05);
        assert_eq!(bonus(0, 0, 0.1), 0.0);
    }
}
