//! Opposite action: a question about an action ("when was the taliban put
//! on the list", "why did russia impose sanctions", "who was the previous
//! ambassador") is not answered by an entry about its opposite (taken off
//! the list, sanctions lifted, the new ambassador) when the entry never
//! states the action asked about. Such an entry keeps only part of its
//! score: the sources report the one, not the other. A yes/no question
//! ("did russia impose sanctions?") is left alone: the entry stating the
//! opposite is the answer that corrects it. Not with `/when` or `/who`,
//! whose command is the question word: "/when was the taliban put on the
//! list" asks when.

use crate::search::Scope;

/// Pairs of opposite actions, each side as words or two-word phrases of
/// normalized text. A question stating one side and an entry stating only
/// the other conflict. Banning first ("when did russia first ban the
/// taliban") is both putting on the list and imposing a ban; "banned"
/// alone is not, being also the list's name ("the banned list").
const OPPOSITES: &[(&[&str], &[&str])] = &[
    // Putting on a list, and taking off it.
    (
        &[
            "put on",
            "placed on",
            "added",
            "add",
            "adding",
            "designated",
            "designate",
            "blacklisted",
            "outlawed",
            "first banned",
            "first ban",
            "first banning",
            "originally banned",
            "initially banned",
        ],
        &[
            "removed",
            "remove",
            "removes",
            "removing",
            "removal",
            "delisted",
            "delists",
            "delist",
            "delisting",
            "unbanned",
            "struck off",
            "taken off",
            "take off",
            "took off",
            "takes off",
            "taking off",
        ],
    ),
    // Imposing sanctions or a ban, and lifting them.
    (
        &[
            "impose",
            "imposed",
            "imposes",
            "imposing",
            "slapped",
            "first banned",
            "first ban",
            "first banning",
            "originally banned",
            "initially banned",
            "first sanction",
            "first sanctioned",
            "first sanctioning",
            "originally sanctioned",
            "initially sanctioned",
        ],
        &["lift", "lifted", "lifts", "lifting", "scrapped"],
    ),
    // Sending an envoy, and sending one away.
    (
        &["appointed", "appoint", "appoints"],
        &[
            "expelled",
            "expel",
            "expels",
            "recalled",
            "dismissed",
            "sacked",
        ],
    ),
    // The one before, and the new one.
    (&["previous", "former"], &["new", "newly"]),
];

/// The most words between the two words of a side's phrase.
const GAP: usize = 3;

/// Words that open a yes/no question.
const YES_NO: &[&str] = &[
    "did", "was", "were", "is", "are", "has", "have", "had", "does", "do", "can", "could",
];

/// Returns true when `word` is the first word of some side's phrase: the
/// quick test that most texts, naming no action, stop at.
fn starts_an_action(word: &str) -> bool {
    use std::sync::OnceLock;
    static FIRST: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    FIRST
        .get_or_init(|| {
            OPPOSITES
                .iter()
                .flat_map(|(one, other)| one.iter().chain(other.iter()))
                .map(|p| p.split(' ').next().unwrap_or(p))
                .collect()
        })
        .contains(word)
}

/// Which sides of [`OPPOSITES`] a text states: bit `2 * i` for the first
/// side of pair `i`, bit `2 * i + 1` for the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Actions(u16);

impl Actions {
    /// Returns the sides a normalized text states.
    pub fn of(normalized: &str) -> Actions {
        if !normalized.split(' ').any(starts_an_action) {
            return Actions::default();
        }
        let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        // A verb and its particle may have the object between them ("put
        // the taliban on", "took them off"): up to GAP words.
        let states = |phrase: &str| match phrase.split_once(' ') {
            Some((a, b)) => words
                .iter()
                .enumerate()
                .any(|(i, w)| *w == a && words[i + 1..].iter().take(GAP + 1).any(|w| *w == b)),
            None => words.contains(&phrase),
        };
        let mut bits = 0u16;
        for (i, (first, second)) in OPPOSITES.iter().enumerate() {
            if first.iter().any(|p| states(p)) {
                bits |= 1 << (2 * i);
            }
            if second.iter().any(|p| states(p)) {
                bits |= 1 << (2 * i + 1);
            }
        }
        Actions(bits)
    }

    /// Returns every side this or `other` states.
    pub fn with(self, other: Actions) -> Actions {
        Actions(self.0 | other.0)
    }

    /// Returns the sides of a normalized question that count, asked with
    /// the command of `scope`: none for a yes/no question. With `/when`
    /// and `/who` the question word is the command's, so "/when was the
    /// taliban put on the list" asks when, not whether.
    pub fn asked(normalized: &str, scope: Scope) -> Actions {
        let first = normalized.split(' ').find(|w| !w.is_empty());
        if scope == Scope::All && first.is_some_and(|w| YES_NO.contains(&w)) {
            Actions::default()
        } else {
            Actions::of(normalized)
        }
    }

    /// Returns true when this question states a side of some pair that
    /// `entry` never states while stating the other side.
    pub fn conflicts_with(self, entry: Actions) -> bool {
        (0..OPPOSITES.len()).any(|i| {
            let (one, other) = (1u16 << (2 * i), 1u16 << (2 * i + 1));
            let side = |a: Actions, bit: u16| a.0 & bit != 0;
            (side(self, one) && !side(self, other) && side(entry, other) && !side(entry, one))
                || (side(self, other)
                    && !side(self, one)
                    && side(entry, one)
                    && !side(entry, other))
        })
    }
}

/// Returns the factor for an entry stating `entry` against a question
/// stating `asked`.
pub fn value(asked: Actions, entry: Actions, tuning: &crate::search::Tuning) -> f32 {
    if asked.conflicts_with(entry) {
        tuning.opposite_action
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Tuning;

    #[test]
    fn a_question_about_the_opposite_action_conflicts() {
        // (question, entry text, conflicts)
        let rows = [
            (
                "when was the taliban put on the banned list",
                "taliban removed from banned list",
                true,
            ),
            (
                "taliban added to russia terror list",
                "russia delists the taliban",
                true,
            ),
            (
                "when was the taliban taken off the list",
                "taliban removed from banned list",
                false,
            ),
            (
                "when did russia put the taliban on the banned list",
                "taliban removed from banned list",
                true,
            ),
            (
                "when did russia take the taliban off its list",
                "taliban removed from banned list",
                false,
            ),
            (
                "put the taliban and many other groups on",
                "taliban removed from banned list",
                false,
            ),
            (
                "russia first banned the taliban",
                "russia lifts its ban on the taliban",
                true,
            ),
            (
                "when did russia first ban the taliban",
                "taliban struck off the banned organisations list",
                true,
            ),
            (
                "when did russia first ban the taliban",
                "neither article says when the taliban was first banned or removed",
                false,
            ),
            (
                "russia becomes first country to recognise the taliban",
                "taliban struck off the banned list",
                false,
            ),
            (
                "why did russia impose sanctions on the taliban",
                "russia lifted sanctions on the taliban",
                true,
            ),
            // Sanctioning first is imposing them, as banning first is.
            (
                "when did russia first sanction the taliban",
                "russia lifted sanctions on the taliban",
                true,
            ),
            (
                "when did russia lift its sanctions on the taliban",
                "russia lifted sanctions on the taliban",
                false,
            ),
            (
                "previous afghan ambassador to russia",
                "the new afghan ambassador to russia",
                true,
            ),
            (
                "who is the new afghan ambassador",
                "the new afghan ambassador to russia",
                false,
            ),
            // An entry stating both sides answers either.
            (
                "when was the taliban put on the list",
                "it was designated years ago and removed in july",
                false,
            ),
            // A question stating both sides asks about both.
            (
                "appointed by the taliban or by the old government, was he recalled",
                "the taliban appointed him",
                false,
            ),
            // A yes/no question is corrected by the opposite.
            (
                "did russia impose sanctions on the taliban",
                "russia lifted sanctions on the taliban",
                false,
            ),
            (
                "why did russia recognise the taliban",
                "russia lifted sanctions on the taliban",
                false,
            ),
        ];
        for (question, entry, want) in rows {
            let got = Actions::asked(question, Scope::All).conflicts_with(Actions::of(entry));
            assert_eq!(got, want, "{question:?} against {entry:?}");
        }
    }

    #[test]
    fn the_entry_about_the_opposite_keeps_part_of_its_score() {
        let entries: &[testkit::Row<'_>] = &[(
            "event:delisted",
            &["taliban removed from banned list"],
            "Russia struck the Taliban off its banned list.",
        )];
        let t = Tuning::default();
        // (question, command, expected factor)
        let rows = [
            ("taliban put on banned list", Scope::All, t.opposite_action),
            ("taliban removed from banned list", Scope::All, 1.0),
            // Whether it was: the entry corrects it.
            ("was the taliban put on the banned list", Scope::All, 1.0),
            // "/when was ...": when it was, which the entry does not say.
            (
                "was the taliban put on the banned list",
                Scope::Timeline,
                t.opposite_action,
            ),
        ];
        for (question, scope, want) in rows {
            let v = testkit::value(
                entries,
                question,
                scope,
                "event:delisted",
                Signal::OppositeAction,
            );
            assert_eq!(
                v, want,
                "opposite-action factor of {question:?} in {scope:?}"
            );
        }
    }
}
