//! The question side of the answer type: which detail (a count, a leader,
//! a day, someone's words, what will happen ...) a question asks for.

use super::said::{asks_for_a_statement, asks_for_words};
use super::{BACKGROUND, TIME_UNITS};
use crate::search::signals::time_to_come::{
    asks_since_the_story, has_a_phrase, COUNT_TO_COME, FUTURE, WHEN_GOING_TO, WHEN_TO_COME,
};
use crate::search::Scope;

/// The kind of detail a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asks {
    /// A count or amount: "how many", "number of", "what percent(age)".
    Quantity,
    /// How many countries have recognised them so far: "how many countries
    /// recognise them". An answer that counts by exclusion ("no other
    /// country had") gives it as well as a number does.
    Countries,
    /// A length of time: "how many years".
    Duration,
    /// A person who led or heads something: "who led", "name of the leader".
    Leader,
    /// Someone's life before the story: "before becoming", "career", "born".
    Background,
    /// What will happen: "will they", "going to", "expected to", "next year".
    Future,
    /// When something will happen: "when will china recognise them", "when
    /// is india going to". An answer that only says what could happen does
    /// not give it; one that says it is not yet clear, or not dated, does.
    FutureWhen,
    /// The time of day: "what time is it".
    Clock,
    /// A day of the month: "what day", "exact date", "on what date".
    Day,
    /// What was said in a meeting or call: "what did they discuss", "what
    /// did they talk about".
    Talks,
    /// Someone's own words: "any quotes", "in his own words", "what exactly
    /// did putin say".
    Words,
    /// Whether and what someone said about something: "did the taliban say
    /// anything about it", "what did china say about russia's move", "has
    /// pakistan commented". Not what an article says.
    Statement,
}

/// Words that make a "who" question ask for a leader (or a founder).
const LEADING: &[&str] = &[
    "lead",
    "led",
    "leading",
    "leader",
    "leaders",
    "head",
    "heads",
    "headed",
    "ruled",
    "ruling",
    "ruler",
    "president",
    "premier",
    "commanded",
    "commander",
    "charge",
    "chief",
    "founded",
    "founder",
    "founders",
];

/// Words that, after "before", make a question ask about someone's earlier
/// life ("before becoming", "before he became").
const BEFORE_BECOMING: &[&str] = &["becoming", "became", "being", "joining"];

/// How words of recognising begin, typos included ("recognise",
/// "recognized", "reconize", "recgonised", "acknowledge"); not "record" or
/// "reconsider".
const RECOGNISING: &[&str] = &["recog", "reconi", "recgo", "acknow"];

/// Words that make "how much" or "how big" ask for an amount (of money,
/// trade or spending).
const AMOUNTS: &[&str] = &[
    "aid",
    "amount",
    "budget",
    "cost",
    "costs",
    "dollar",
    "dollars",
    "euros",
    "figure",
    "figures",
    "investment",
    "money",
    "paid",
    "roubles",
    "rubles",
    "spend",
    "spending",
    "spent",
    "trade",
    "usd",
    "value",
    "volume",
    "worth",
];

/// Returns the kind of detail a normalized question asked with the command
/// of `scope` asks for: with `/who`, the command is the question's "who"
/// ("/who led the mujahideen" asks who led them, as "who led the
/// mujahideen" does).
pub fn asks_in(normalized: &str, scope: Scope) -> Option<Asks> {
    asks(normalized).or_else(|| asks_by_command(normalized, scope))
}

/// Returns what a normalized question asks for read with its command's
/// question word (`/who`: "who"), for a question that asks for nothing
/// read alone ([`asks`] is `None`); `None` for the other commands.
pub fn asks_by_command(normalized: &str, scope: Scope) -> Option<Asks> {
    (scope == Scope::People)
        .then(|| asks(&format!("who {normalized}")))
        .flatten()
}

/// Returns the kind of detail a normalized question asks for, if it is one
/// of those checked.
pub fn asks(normalized: &str) -> Option<Asks> {
    let words: Vec<&str> = normalized.split(' ').collect();
    let pair = |a: &str, b: &str| has_pair(&words, a, b);
    if pair("how", "many") {
        let at = words
            .windows(2)
            .position(|w| w[0] == "how" && w[1] == "many");
        let unit = at.is_some_and(|i| {
            words[i + 2..]
                .iter()
                .take(2)
                .any(|w| TIME_UNITS.contains(w))
        });
        let countries = at.is_some_and(|i| {
            words.get(i + 2).is_some_and(|w| {
                matches!(
                    *w,
                    "countries" | "countrys" | "nations" | "states" | "governments"
                )
            })
        });
        // Counting by exclusion counts those that recognised: "how many
        // countries have embassies in kabul" wants a number.
        let recognising = words
            .iter()
            .any(|w| RECOGNISING.iter().any(|p| w.starts_with(p)));
        // "how many countries will recognise them", "... since russia did":
        // a count still to come, or after the sources
        let to_come =
            words.iter().any(|w| COUNT_TO_COME.contains(w)) || asks_since_the_story(&words);
        return Some(if unit {
            Asks::Duration
        } else if countries && recognising && !to_come {
            Asks::Countries
        } else {
            Asks::Quantity
        });
    }
    if pair("number", "of")
        || pair("what", "percentage")
        || pair("what", "percent")
        || pair("what", "proportion")
    {
        return Some(Asks::Quantity);
    }
    // "how much" or "how big" asks for an amount when it is about money or
    // a volume ("how much trade", "how big is the aid in dollars"), not a
    // degree ("how much does it matter").
    let sizing = pair("how", "much") || pair("how", "big") || pair("how", "large");
    let amount = words.iter().any(|w| AMOUNTS.contains(w));
    // "the trade volume", "the amount of aid": the noun itself asks for one
    let measure = words.iter().any(|w| matches!(*w, "volume" | "amount"));
    if amount && (sizing || measure || pair("in", "dollars") || pair("dollar", "terms")) {
        return Some(Asks::Quantity);
    }
    if asks_the_clock(&words) {
        return Some(Asks::Clock);
    }
    let talk = words
        .iter()
        .position(|w| matches!(*w, "discuss" | "discussed"))
        .or_else(|| {
            words
                .windows(2)
                .position(|w| matches!(w[0], "talk" | "talked") && w[1] == "about")
        });
    if talk.is_some_and(|at| words[..at].contains(&"what")) {
        return Some(Asks::Talks);
    }
    if asks_for_words(&words) {
        return Some(Asks::Words);
    }
    if asks_for_a_statement(&words) {
        return Some(Asks::Statement);
    }
    let dated = |w: &str| w == "day" || w == "date";
    if words
        .windows(2)
        .any(|w| matches!(w[0], "exact" | "precise" | "specific" | "what" | "which") && dated(w[1]))
    {
        return Some(Asks::Day);
    }
    let before_becoming = words.windows(3).any(|w| {
        w[0] == "before" && (BEFORE_BECOMING.contains(&w[1]) || BEFORE_BECOMING.contains(&w[2]))
    });
    // Someone's background ("his background", "muttaqis background"); a
    // movement's or the story's is its history ("taliban background",
    // "the background to this").
    let persons_background = words.windows(2).any(|w| {
        w[1] == "background"
            && (matches!(w[0], "his" | "her") || (w[0].len() > 3 && w[0].ends_with('s')))
            && !matches!(
                w[0],
                "talibans" | "russias" | "afghanistans" | "its" | "this"
            )
    });
    if before_becoming || persons_background || words.iter().any(|w| BACKGROUND.contains(w)) {
        return Some(Asks::Background);
    }
    let who = words.iter().any(|w| *w == "who" || *w == "whos");
    let name_of = pair("name", "of") || pair("named", "the");
    if (who || name_of) && words.iter().any(|w| LEADING.contains(w)) {
        return Some(Asks::Leader);
    }
    let future = has_a_phrase(&words, FUTURE);
    // "when will women be allowed back", "when is india going to"
    let when_to_come = words.iter().position(|w| *w == "when").is_some_and(|at| {
        words[at + 1..].iter().any(|w| WHEN_TO_COME.contains(w))
            || words[at + 1..]
                .windows(2)
                .any(|w| WHEN_GOING_TO.contains(&w[0]) && w[1] == "to")
    });
    if when_to_come {
        return Some(Asks::FutureWhen);
    }
    if future || asks_since_the_story(&words) {
        return Some(Asks::Future);
    }
    None
}

/// Returns true when `a` is directly followed by `b` among `words`.
pub(super) fn has_pair(words: &[&str], a: &str, b: &str) -> bool {
    words.windows(2).any(|w| w[0] == a && w[1] == b)
}

/// Returns true for a question asking the time of day: "what time is
/// it", "what time was the announcement made", "at what time", "time of
/// day", "what hour", or "what's the time" with nothing after it but where
/// or now ("the time in kabul right now"); not "the time of the
/// recognition" or "what time period".
fn asks_the_clock(words: &[&str]) -> bool {
    let pair = |a: &str, b: &str| has_pair(words, a, b);
    let what_time = words.windows(3).any(|w| {
        w[0] == "what" && w[1] == "time" && !matches!(w[2], "period" | "frame" | "span" | "line")
    }) || words.ends_with(&["what", "time"]);
    if what_time || pair("what", "hour") || words.windows(3).any(|w| w == ["time", "of", "day"]) {
        return true;
    }
    let what = matches!(words.first(), Some(&("what" | "whats")));
    what && (0..words.len().saturating_sub(1)).any(|i| {
        words[i] == "the"
            && words[i + 1] == "time"
            && matches!(
                words.get(i + 2),
                None | Some(&("in" | "now" | "right" | "there" | "rn"))
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_asks_with_its_command() {
        // (question as typed after the command, scope, what it asks)
        let rows = [
            (
                "led the mujahideen against the soviets",
                Scope::People,
                Some(Asks::Leader),
            ),
            (
                "was the communist leader the soviets propped up",
                Scope::People,
                Some(Asks::Leader),
            ),
            ("led the mujahideen against the soviets", Scope::All, None),
            ("vladimir putin", Scope::People, None),
            ("how many troops", Scope::People, Some(Asks::Quantity)),
        ];
        for (question, scope, want) in rows {
            assert_eq!(asks_in(question, scope), want, "{question:?} in {scope:?}");
        }
    }

    #[test]
    fn detects_what_a_question_asks_for() {
        let rows = [
            ("how many soviet troops invaded", Some(Asks::Quantity)),
            (
                "how many countries recognise the taliban now",
                Some(Asks::Countries),
            ),
            (
                "how many countries will recognise the taliban by december",
                Some(Asks::Quantity),
            ),
            (
                "number of countries with embassies in kabul",
                Some(Asks::Quantity),
            ),
            (
                "how many countries have embassies in kabul",
                Some(Asks::Quantity),
            ),
            (
                "how many countrys reconize the taliban now",
                Some(Asks::Countries),
            ),
            (
                "how many countries reconsidered their stance",
                Some(Asks::Quantity),
            ),
            ("who was leading the ussr then", Some(Asks::Leader)),
            ("name of the taliban leader", Some(Asks::Leader)),
            ("who founded the taliban in 1994", Some(Asks::Leader)),
            ("when was the taliban founded", None),
            (
                "how much did the us spend arming the mujahideen",
                Some(Asks::Quantity),
            ),
            ("who recognised the taliban first", None),
            ("how long did the war last", None),
            ("how much trade is there between them", Some(Asks::Quantity)),
            ("how big is the aid in dollars", Some(Asks::Quantity)),
            (
                "trade between russia and afghanistan in dollars",
                Some(Asks::Quantity),
            ),
            ("how much does the recognition matter", None),
            (
                "what percent of afghan girls are out of school",
                Some(Asks::Quantity),
            ),
            ("what proportion of afghans back it", Some(Asks::Quantity)),
            (
                "when is india expected to recognise the taliban",
                Some(Asks::FutureWhen),
            ),
            (
                "when will china recognise the taliban",
                Some(Asks::FutureWhen),
            ),
            (
                "when is china going to recognise them",
                Some(Asks::FutureWhen),
            ),
            ("will china recognise them", Some(Asks::Future)),
            // what has happened since the story is after the sources
            ("has anyone followed since russia did", Some(Asks::Future)),
            (
                "how many countries have recognised the taliban since russia did",
                Some(Asks::Quantity),
            ),
            (
                "how many countries have recognised the taliban",
                Some(Asks::Countries),
            ),
            ("since when does russia recognise the taliban", None),
            // a past "when" beside a future clause is not asked for
            ("will china follow russia when it can", Some(Asks::Future)),
            (
                "when will women be allowed back at uni",
                Some(Asks::FutureWhen),
            ),
            ("when did russia recognise them", None),
            ("what was expected of the taliban in 2021", None),
            (
                "how many years were soviet troops there",
                Some(Asks::Duration),
            ),
            ("how many soviet soldiers died", Some(Asks::Quantity)),
            (
                "whats the trade volume between russia and afghanistan",
                Some(Asks::Quantity),
            ),
            (
                "what is the value of bilateral trade in dollar terms",
                Some(Asks::Quantity),
            ),
            ("will trade grow", None),
            (
                "what did gul hassan hassan do before becoming ambassador",
                Some(Asks::Background),
            ),
            (
                "what was his career before he became envoy",
                Some(Asks::Background),
            ),
            ("what did russia do before the recognition", None),
            (
                "whats gul hassan hassans background was he a fighter",
                Some(Asks::Background),
            ),
            ("what is his background", Some(Asks::Background)),
            ("taliban background", None),
            ("what is the background to this", None),
            ("russias background in afghanistan", None),
            (
                "will the taliban reopen schools next year",
                Some(Asks::Future),
            ),
            ("is india going to recognise them", Some(Asks::Future)),
            (
                "is russia gonna send troops to afghanistan",
                Some(Asks::Future),
            ),
            ("will other countries follow", None),
            ("what time is it", Some(Asks::Clock)),
            ("whats the time in kabul right now", Some(Asks::Clock)),
            ("what time did russia announce it", Some(Asks::Clock)),
            (
                "what time on july 3 did the foreign ministry make the announcement",
                Some(Asks::Clock),
            ),
            ("at what time of day was it announced", Some(Asks::Clock)),
            ("what time period did the soviets stay", None),
            ("what is the time in kabul right now", Some(Asks::Clock)),
            ("what is the time of the recognition", None),
            ("how big a deal is this", None),
            ("what day did russia recognise the taliban", Some(Asks::Day)),
            ("exact date kabul fell", Some(Asks::Day)),
            (
                "on what date in june was the ambassador appointed",
                Some(Asks::Day),
            ),
            ("which day was it", Some(Asks::Day)),
            ("is this up to date", None),
            ("what was the date of the recognition", None),
            ("what did misri and muttaqi discuss", Some(Asks::Talks)),
            (
                "what did putin and gul hassan hassan talk about when they met",
                Some(Asks::Talks),
            ),
            (
                "when the russians talk about practical engagement what was that about",
                None,
            ),
            (
                "we discuss recognition in class what debate could this spark",
                None,
            ),
        ];
        for (q, want) in rows {
            assert_eq!(asks(q), want, "{q:?}");
        }
    }
}
