//! Answer type: a question asking for a count ("how many troops"), for
//! who led something ("who was leading the ussr"), for someone's earlier
//! life ("what did he do before becoming ambassador"), for what will
//! happen ("will they reopen schools next year"), for when it will
//! ("when will china recognise them") or for the time of day wants an
//! answer that gives one. An entry whose answer holds no number, names no
//! person, tells no one's background, speaks of nothing to come, does not
//! say the future is undated (or any entry, for the clock) keeps only part
//! of its score: the nearest entry is not an answer to a detail the
//! sources lack.
//!
//! The question side is in [`asks`], the entry side in [`gives`] (with the
//! [`People`] an answer may name); this module weighs one against the
//! other in [`value`].

mod asks;
mod gives;
mod people;
mod said;

pub use asks::{asks, asks_by_command, asks_in, Asks};
pub use gives::{gives, Gives};
pub use people::People;

use crate::search::Tuning;

/// Words of someone's earlier life: on their own ("career", "born") they
/// make a question ask about it, and an answer holding one tells it. Read
/// by both sides.
const BACKGROUND: &[&str] = &["biography", "born", "career", "childhood", "resume"];

/// Units of time: a number before one is a length of time ("ten years"),
/// and "how many" before one asks for it. Read by both sides.
const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
];

/// Returns the factor for an entry that `gives` what it gives,
/// against a question that `asks`.
pub fn value(asks: Option<Asks>, gives: Gives, tuning: &Tuning) -> f32 {
    let missing = match asks {
        Some(Asks::Quantity) => !gives.quantity,
        Some(Asks::Countries) => !gives.quantity && !gives.countries,
        Some(Asks::Duration) => !gives.duration,
        Some(Asks::Leader) => !gives.person,
        Some(Asks::Background) => !gives.background,
        Some(Asks::Future) => !gives.future,
        Some(Asks::FutureWhen) => !gives.undated_future,
        Some(Asks::Clock) => true,
        Some(Asks::Day) => !gives.day,
        Some(Asks::Talks) => !gives.talks,
        Some(Asks::Words) => !gives.words,
        Some(Asks::Statement) => !gives.statement,
        None => false,
    };
    if missing {
        tuning.answer_type
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn an_answer_without_the_detail_asked_costs() {
        let entries: &[testkit::Row<'_>] = &[
            (
                "qa:invasion",
                &["why did the soviets invade afghanistan in 1979"],
                "They went in during 1979 to prop up a communist government.",
            ),
            (
                "qa:troops",
                &["how many soviet troops were in afghanistan"],
                "About 100,000 at the peak, over ten years.",
            ),
            (
                "qa:length",
                &["how long were soviet troops in afghanistan"],
                "About ten years, from 1979 to 1989.",
            ),
            (
                "qa:stay",
                &["when did soviet troops come and go"],
                "They came in 1979 and left in 1989.",
            ),
            (
                "qa:quote",
                &["what did the soviets say about the invasion"],
                "Moscow called it 'international duty'.",
            ),
            (
                "qa:first",
                &["which country recognised the soviet government first"],
                "Britain. No other country had done so before it.",
            ),
            (
                "qa:britain",
                &["what did britain say about the soviet invasion"],
                "Neither article reports a British reaction.",
            ),
            (
                "qa:britain-stance",
                &["will britain recognise the soviet government"],
                "Britain could follow, the report says.",
            ),
            (
                "qa:others",
                &["will other countries recognise the soviet government"],
                "It is not yet clear; others could follow.",
            ),
            (
                "qa:meeting",
                &["when did britain and the soviets meet"],
                "The report does not say when the meeting happened.",
            ),
            (
                "org:soviet-union",
                &["soviet union", "backer of the communist government"],
                "It invaded in 1979 to prop up a communist government.",
            ),
            (
                "person:brezhnev",
                &["leonid brezhnev", "soviet leader"],
                "He led the Soviet Union in 1979.",
            ),
        ];
        let t = crate::search::Tuning::default();
        // (question, entry, expected factor)
        let rows = [
            (
                "how many soviet troops invaded afghanistan in 1979",
                "qa:invasion",
                t.answer_type,
            ),
            (
                "how many soviet troops invaded afghanistan in 1979",
                "qa:troops",
                1.0,
            ),
            (
                "who was leading the soviets when they invaded afghanistan",
                "qa:invasion",
                t.answer_type,
            ),
            ("why did the soviets invade afghanistan", "qa:invasion", 1.0),
            // A length of time is no count of soldiers, but answers "how many years".
            (
                "how many soviet soldiers died in afghanistan",
                "qa:length",
                t.answer_type,
            ),
            (
                "how many years were soviet troops in afghanistan",
                "qa:length",
                1.0,
            ),
            (
                "how many years were soviet troops in afghanistan",
                "qa:invasion",
                t.answer_type,
            ),
            // Two years named give the span between them; one year does not.
            (
                "how many years were soviet troops in afghanistan",
                "qa:stay",
                1.0,
            ),
            // Only a quotation gives someone's words.
            (
                "what exactly did the soviets say about the invasion",
                "qa:invasion",
                t.answer_type,
            ),
            (
                "what exactly did the soviets say about the invasion",
                "qa:quote",
                1.0,
            ),
            // "No other country" counts countries, and nothing else, and
            // only so far.
            (
                "how many countries recognised the soviet government",
                "qa:first",
                1.0,
            ),
            (
                "how many soviet troops recognised the government",
                "qa:first",
                t.answer_type,
            ),
            (
                "how many countries will recognise the soviet government",
                "qa:first",
                t.answer_type,
            ),
            // What someone said: a quotation, or a reaction (reported or
            // said to be missing), not the story nearest in words.
            (
                "did the soviets say anything about the invasion",
                "qa:invasion",
                t.answer_type,
            ),
            (
                "did the soviets say anything about the invasion",
                "qa:quote",
                1.0,
            ),
            (
                "what did britain say about the soviet invasion",
                "qa:britain",
                1.0,
            ),
            // When something will happen: what could happen is no date;
            // saying it is not yet clear answers it.
            (
                "will britain recognise the soviet government",
                "qa:britain-stance",
                1.0,
            ),
            (
                "when will britain recognise the soviet government",
                "qa:britain-stance",
                t.answer_type,
            ),
            (
                "when will britain recognise the soviet government",
                "qa:others",
                1.0,
            ),
            // an undated past is no undated future
            (
                "when will britain and the soviets meet again",
                "qa:meeting",
                t.answer_type,
            ),
            // Who led: a person answers; an organisation naming no one
            // does not.
            (
                "what was the name of the soviet leader in 1979",
                "person:brezhnev",
                1.0,
            ),
            (
                "what was the name of the communist leader the soviet union backed",
                "person:soviet-union",
                t.answer_type,
            ),
        ];
        for (question, entry, want) in rows {
            let v = testkit::value(entries, question, Scope::All, entry, Signal::AnswerType);
            assert_eq!(v, want, "answer-type factor of {question:?} for {entry}");
        }
    }
}
