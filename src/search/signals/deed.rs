//! Deed: a question asking who did something ("/who lifted sanctions on
//! the taliban", "who armed the fighters against the soviets") describes
//! the deed, not the doer, and the deed is what the timeline and the
//! curated answers tell. So the events and answers that best match the
//! question are found first, and a person or organisation they name
//! gains a share of the best one's score: Russia for the sanctions, the
//! United States for the arms. Whoever the question itself names took
//! part in the deed some other way (the Taliban had sanctions lifted on
//! them) and gains nothing.
//!
//! The share is of how well the deed matched, without an exact phrasing's
//! bonus: a question asked word for word as the answer's own phrasing is
//! answered by it, not by the doer it names.
//!
//! Only a deed counts: "/who muttaqi the taliban pm" and "who is putin"
//! name whom they ask about, and "who did misri meet" asks about the
//! other side of the deed.

use crate::search::{Scope, Tuning};

/// How many of the best-matching events and answers may name the doer.
pub const DEEDS: usize = 3;

/// Words that, right after "who" (or opening a `/who` question), do not
/// start a deed: a copula or auxiliary ("who is", "who did russia
/// recognise"), or a determiner or pronoun opening a description ("/who
/// the taliban foreign minister").
const NOT_A_DEED: &[&str] = &[
    "is", "are", "was", "were", "s", "am", "be", "been", "did", "does", "do", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "isnt", "arent", "wasnt", "werent", "didnt",
    "doesnt", "dont", "hasnt", "havent", "the", "a", "an", "this", "that", "these", "those", "his",
    "her", "their", "its", "my", "our", "your", "whos", "whose", "whom", "of", "else",
];

/// Returns whether a normalized question (lowercase words joined by
/// spaces) asks who did something: in `/who`, its first word starts a
/// deed; elsewhere, the word after its "who" does. `names` tells whether
/// a word is (part of) the name of a person or organisation: a question
/// opening with a name asks about that one.
pub fn asks_doer(normalized: &str, scope: Scope, names: impl Fn(&str) -> bool) -> bool {
    let mut words = normalized.split(' ').filter(|w| !w.is_empty());
    let first = match scope {
        Scope::Timeline => return false,
        Scope::People => match words.next() {
            Some("who") => words.next(),
            w => w,
        },
        Scope::All => {
            let mut after = words.skip_while(|w| *w != "who");
            after.next();
            after.next()
        }
    };
    first.is_some_and(|w| {
        !NOT_A_DEED.contains(&w) && !names(w) && !w.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Returns what a person or organisation gains when the best-matching
/// event or answer that names it scored `best` (0: none names it).
pub fn value(best: f32, tuning: &Tuning) -> f32 {
    tuning.deed_share * best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};

    fn is_name(w: &str) -> bool {
        matches!(w, "taliban" | "russia" | "muttaqi" | "putin" | "misri")
    }

    #[test]
    fn a_deed_is_what_follows_who_unless_it_is_a_copula_or_a_name() {
        // (question, scope, asks who did something)
        let rows = [
            ("lifted sanctions on the taliban", Scope::People, true),
            ("might follow russia", Scope::People, true),
            ("who lifted sanctions on the taliban", Scope::People, true),
            ("so who lifted sanctions on the taliban", Scope::All, true),
            (
                "who armed the fighters against the soviets",
                Scope::All,
                true,
            ),
            ("muttaqi the taliban pm", Scope::People, false),
            ("the taliban foreign minister", Scope::People, false),
            ("who is putin", Scope::All, false),
            ("who did misri meet", Scope::All, false),
            ("is russia teaming up with anyone", Scope::People, false),
            ("when did russia lift sanctions", Scope::All, false),
            ("what did russia lift", Scope::All, false),
            ("lifted sanctions on the taliban", Scope::Timeline, false),
            ("who won in 2021", Scope::All, true),
            ("2021", Scope::People, false),
            ("", Scope::People, false),
            ("who", Scope::All, false),
        ];
        for (question, scope, want) in rows {
            assert_eq!(
                asks_doer(question, scope, is_name),
                want,
                "{question:?} in {scope:?}"
            );
        }
    }

    /// A question asked word for word as an answer's phrasing is answered
    /// by that answer ("who made the decision to recognise the taliban"):
    /// its doer gains a share of how well the deed matched, not of the
    /// exact phrasing's bonus, which would tie them.
    #[test]
    fn the_doer_gains_a_share_of_the_deeds_match_not_of_its_exact_phrasing() {
        let entries: &[testkit::Row<'_>] = &[
            (
                "qa:who-decided",
                &["who made the decision to recognise the taliban"],
                "Vladimir Putin made the call, the Ink Post says.",
            ),
            (
                "person:putin",
                &["vladimir putin", "decision maker on the recognition"],
                "Russia's president.",
            ),
        ];
        let data = testkit::dataset(entries, &[]);
        let index = crate::search::Index::build(&data);
        let question = "who made the decision to recognise the taliban";
        let deed = testkit::trace(&index, &data, question, Scope::All, "qa:who-decided")
            .expect("the deed is a candidate");
        assert!(
            deed.get(Signal::ExactPhrasing) > 0.0,
            "asked word for word: {deed:?}"
        );
        let mut matched = deed;
        matched.set(Signal::ExactPhrasing, 0.0);
        let want = value(matched.score(), &Tuning::default());
        let got = testkit::trace(&index, &data, question, Scope::All, "person:putin")
            .expect("the doer is a candidate")
            .get(Signal::Deed);
        assert!(
            (got - want).abs() < 1e-5,
            "{question:?}: putin's deed {got:.3}, want {want:.3} (the deed's score {:.3} without \
             its exact-phrasing bonus)",
            matched.score()
        );
    }

    /// A deed the timeline tells, its doer, and the one it was done to.
    const ENTRIES: &[testkit::Row<'_>] = &[
        (
            "event:sanctions-lifted",
            &["sanctions lifted on the taliban"],
            "Russia lifted its sanctions on the Taliban.",
        ),
        (
            "person:russia",
            &["russia", "russian government"],
            "A state.",
        ),
        (
            "person:taliban",
            &["taliban", "taliban government"],
            "The Taliban rule Afghanistan; Russia recognised them.",
        ),
        (
            "person:china",
            &["china", "chinese government"],
            "A neighbour.",
        ),
    ];

    #[test]
    fn whoever_the_best_matching_event_names_did_it_unless_the_question_names_them() {
        let share = Tuning::default().deed_share;
        // (question, scope, entry, gains the deed's score)
        let rows = [
            (
                "lifted sanctions on the taliban",
                Scope::People,
                "person:russia",
                true,
            ),
            (
                "who lifted sanctions on the taliban",
                Scope::All,
                "person:russia",
                true,
            ),
            // Named by the question: not the doer.
            (
                "lifted sanctions on the taliban",
                Scope::People,
                "person:taliban",
                false,
            ),
            // Not named by the deed.
            (
                "lifted sanctions on the taliban",
                Scope::People,
                "person:china",
                false,
            ),
            // Asking about someone by name is no deed.
            ("russian government", Scope::People, "person:russia", false),
        ];
        for (question, scope, entry, gains) in rows {
            let data = testkit::dataset(ENTRIES, &[]);
            let index = crate::search::Index::build(&data);
            let got = testkit::trace(&index, &data, question, scope, entry)
                .map_or(0.0, |t| t.get(Signal::Deed));
            assert_eq!(
                got > 0.0,
                gains,
                "{question:?} in {scope:?}, {entry}: deed {got}"
            );
            assert!(
                got <= share * 1.2,
                "{question:?}: at most a share of a score"
            );
        }
    }
}
