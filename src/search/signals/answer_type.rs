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

use rustc_hash::FxHashSet;

use crate::dataset::{Dataset, Date, Entry, Kind, PersonKind};
use crate::search::normalize::normalize;
use crate::search::Tuning;

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

/// What an entry's answer can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gives {
    /// It holds a number that is not a year or a length of time.
    pub quantity: bool,
    /// It counts countries by exclusion: "no other country", "the only".
    pub countries: bool,
    /// It holds a length of time ("ten years").
    pub duration: bool,
    /// It is a person, or names one.
    pub person: bool,
    /// It tells someone's earlier life or career.
    pub background: bool,
    /// It speaks of what may come (could, may, expected, not yet clear).
    pub future: bool,
    /// It speaks of what may come and says it is not yet clear, decided
    /// or dated.
    pub undated_future: bool,
    /// It dates something to the day ("3 July 2025"), or says the day is
    /// not given.
    pub day: bool,
    /// It tells what was discussed, or says that it is not reported.
    pub talks: bool,
    /// It quotes someone's words (a quotation in quote marks).
    pub words: bool,
    /// It tells what someone said or how they reacted, or that no reaction
    /// is reported.
    pub statement: bool,
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

/// Words that make a question ask about someone's earlier life, on their
/// own ("career", "born") or after "before" ("before becoming").
const BACKGROUND: &[&str] = &["biography", "born", "career", "childhood", "resume"];
const BEFORE_BECOMING: &[&str] = &["becoming", "became", "being", "joining"];

/// Phrases that make a question ask what will happen.
const FUTURE: &[&str] = &[
    "will they",
    "will it",
    "will the",
    "will russia",
    "will india",
    "will china",
    "going to",
    "gonna",
    "planning to",
    "plan to",
    "plans to",
    "next year",
    "next month",
    "next week",
    "expected to",
];

/// Words with which an answer speaks of what may come.
const MAY_COME: &[&str] = &[
    "could", "may", "might", "expected", "expects", "likely", "unclear", "plans", "plan", "future",
    "yet", "next", "would", "hopes", "hope", "whether",
];

/// How words of recognising begin, typos included ("recognise",
/// "recognized", "reconize", "recgonised", "acknowledge"); not "record" or
/// "reconsider".
const RECOGNISING: &[&str] = &["recog", "reconi", "recgo", "acknow"];

/// Phrases with which an answer says what is to come is not yet clear,
/// decided or dated ("it is not yet clear", "the coming months will show",
/// "neither article says india has decided anything").
const UNDATED_FUTURE: &[&[&str]] = &[
    &["not", "yet", "clear"],
    &["unclear"],
    &["not", "clear"],
    &["coming", "months"],
    &["no", "date"],
    &["say", "when"],
    &["says", "when"],
    &["no", "timeline"],
    &["decided", "anything"],
    &["not", "decided"],
    &["too", "early"],
];

/// Units of time: a number before one is a length of time.
const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
];

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

/// Number words that give a quantity.
/// ("two" is left out: "two-way", "the two countries" count nothing.)
const NUMBER_WORDS: &[&str] = &[
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "percent",
];

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
        // "how many countries will recognise them": a count still to come
        let to_come = words
            .iter()
            .any(|w| matches!(*w, "will" | "gonna" | "going"));
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
    let future = FUTURE.iter().any(|p| match p.split_once(' ') {
        Some((a, b)) => pair(a, b),
        None => words.contains(p),
    });
    // "when will women be allowed back", "when is india going to"
    let when_to_come = words.iter().position(|w| *w == "when").is_some_and(|at| {
        words[at + 1..]
            .iter()
            .any(|w| matches!(*w, "will" | "gonna" | "expected"))
            || words[at + 1..]
                .windows(2)
                .any(|w| matches!(w[0], "going" | "planning") && w[1] == "to")
    });
    if when_to_come {
        return Some(Asks::FutureWhen);
    }
    if future {
        return Some(Asks::Future);
    }
    None
}

/// Returns true when `a` is directly followed by `b` among `words`.
fn has_pair(words: &[&str], a: &str, b: &str) -> bool {
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

/// Returns true for a question asking for someone's own words: "quote"
/// (or "quotes", "quoted", "quotation"), "own words", "exact words", "word
/// for word", "verbatim", or "exactly" with "say" or "said" ("what exactly
/// did putin say", "what did he say exactly"). Not "what words did they
/// use", which a paraphrase answers.
fn asks_for_words(words: &[&str]) -> bool {
    let pair = |a: &str, b: &str| has_pair(words, a, b);
    let quote = words
        .iter()
        .any(|w| matches!(*w, "quote" | "quotes" | "quoted" | "quotation" | "verbatim"));
    let exactly = words.contains(&"exactly") && words.iter().any(|w| matches!(*w, "say" | "said"));
    quote
        || exactly
        || pair("own", "words")
        || pair("exact", "words")
        || words.windows(3).any(|w| w == ["word", "for", "word"])
}

/// Words with which an answer tells what someone said or how they
/// reacted ("welcomed the decision", "no reaction is reported"); "says"
/// is left out, as every answer says what an article says.
const STATED: &[&str] = &[
    "statement",
    "statements",
    "welcomed",
    "praised",
    "called",
    "said",
    "stated",
    "reaction",
    "reacted",
    "comment",
    "commented",
    "quoted",
];

/// Words naming the articles: "what does the report say about india" asks
/// what an article says, not what someone said.
const SOURCES: &[&str] = &[
    "article",
    "articles",
    "report",
    "reports",
    "ink",
    "source",
    "sources",
    "piece",
    "explainer",
    "news",
    "you",
];

/// Returns true for a question asking whether or what someone said about
/// something: "did X say anything", "what did X say about", "any comment",
/// "has X commented", unless it asks what an article (or the bot) says.
fn asks_for_a_statement(words: &[&str]) -> bool {
    let pair = |a: &str, b: &str| has_pair(words, a, b);
    let said = |w: &str| matches!(w, "say" | "said" | "says");
    let anything = words.windows(2).any(|w| said(w[0]) && w[1] == "anything");
    let what_about =
        words.windows(2).any(|w| said(w[0]) && w[1] == "about") && words.contains(&"what");
    let comment = words.iter().any(|w| matches!(*w, "commented" | "comment"))
        || pair("any", "statement")
        || pair("a", "statement");
    (anything || what_about || comment) && !words.iter().any(|w| SOURCES.contains(w))
}

/// Returns true when `text` (an answer as written, before normalizing)
/// quotes someone: a quotation mark opening a word after a space or at
/// the start ("calling it 'a good example'"), not an apostrophe inside a
/// word ("Russia's").
fn quotes(text: &str) -> bool {
    let mut before = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = matches!(c, '\'' | '"' | '\u{2018}' | '\u{201C}')
            && (before.is_whitespace() || before == '(')
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        if opens {
            return true;
        }
        before = c;
    }
    false
}

/// The normalized names and aliases (of 4 letters or more) of the
/// dataset's people (not organisations), to find them in answers.
#[derive(Debug, Default)]
pub struct People {
    names: FxHashSet<String>,
    /// The most words a name has.
    longest: usize,
}

impl People {
    /// Returns the people of `dataset`.
    pub fn of(dataset: &Dataset) -> People {
        let names: FxHashSet<String> = dataset
            .people
            .iter()
            .filter(|p| p.kind == PersonKind::Person)
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
            .map(|n| normalize(n))
            .filter(|n| n.len() >= 4)
            .collect();
        let longest = names
            .iter()
            .map(|n| n.split(' ').count())
            .max()
            .unwrap_or(0);
        People { names, longest }
    }

    /// Returns true when the normalized `text` names one of them.
    fn named_in(&self, text: &str) -> bool {
        if self.names.is_empty() {
            return false;
        }
        let words: Vec<&str> = text.split(' ').collect();
        let mut gram = String::new();
        (0..words.len()).any(|i| {
            gram.clear();
            words[i..].iter().take(self.longest).any(|w| {
                if !gram.is_empty() {
                    gram.push(' ');
                }
                gram.push_str(w);
                self.names.contains(&gram)
            })
        })
    }
}

/// Returns what `entry`, whose answer normalizes to `body`, can give.
pub fn gives(entry: Entry<'_>, body: &str, people: &People) -> Gives {
    let words: Vec<&str> = body.split(' ').collect();
    let timed = |i: usize| words.get(i + 1).is_some_and(|w| TIME_UNITS.contains(w));
    let quoted = quotes(entry.body());
    let future = words.iter().any(|w| MAY_COME.contains(w));
    Gives {
        quantity: (0..words.len()).any(|i| is_quantity(words[i]) && !timed(i)),
        countries: counts_by_exclusion(&words),
        duration: (0..words.len()).any(|i| is_quantity(words[i]) && timed(i))
            || words.iter().any(|w| *w == "decade" || *w == "decades")
            || spans_years(&words)
            || matches!(entry, Entry::Event(e) if matches!(e.date, Date::YearRange(..))),
        person: matches!(entry, Entry::Person(p) if p.kind == PersonKind::Person)
            || people.named_in(body),
        background: body
            .split(' ')
            .any(|w| BACKGROUND.contains(&w) || w == "previously" || w == "formerly"),
        future,
        // about what may come, and saying it is not clear or dated: not an
        // undated past ("it does not say when the meeting happened")
        undated_future: future
            && UNDATED_FUTURE
                .iter()
                .any(|p| words.windows(p.len()).any(|w| w == *p)),
        day: matches!(entry, Entry::Event(e) if matches!(e.date, Date::Day(..)))
            || names_a_day(&words),
        talks: words
            .iter()
            .any(|w| matches!(*w, "discussed" | "discussion" | "discussions"))
            || words
                .windows(2)
                .any(|w| w[0] == "further" && w[1] == "detail"),
        words: quoted,
        statement: quoted || words.iter().any(|w| STATED.contains(w)),
    }
}

/// Returns true when `words` name two different years: a span whose
/// length the answer gives ("from 1996 until 2001").
fn spans_years(words: &[&str]) -> bool {
    let mut years = words.iter().filter(|w| super::claimed_year::is_year(w));
    let Some(first) = years.next() else {
        return false;
    };
    years.any(|y| y != first)
}

/// Month names, as normalized text has them.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Returns true when the words date something to the day ("3 july",
/// "july 3rd") or say the day is not given ("no exact date", "the day is
/// not reported").
fn names_a_day(words: &[&str]) -> bool {
    let day = |w: &str| {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty()
            && digits.len() <= 2
            && matches!(&w[digits.len()..], "" | "st" | "nd" | "rd" | "th")
            && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    let dated = words
        .windows(2)
        .any(|w| (day(w[0]) && MONTHS.contains(&w[1])) || (MONTHS.contains(&w[0]) && day(w[1])));
    let unsaid = words
        .windows(2)
        .any(|w| matches!(w[0], "exact" | "precise") && matches!(w[1], "day" | "date" | "dates"));
    dated || unsaid
}

/// Returns true when an answer counts countries by exclusion: "no other
/// country had", "no country has", "the only one".
fn counts_by_exclusion(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            ("no", "other" | "country" | "countries") | ("the", "only")
        )
    })
}

/// Returns true for a number that is not a year, or a number word.
fn is_quantity(word: &str) -> bool {
    if NUMBER_WORDS.contains(&word) {
        return true;
    }
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty()
        || digits.len() < word.len() && !word.ends_with('s') && !word.ends_with('%')
    {
        // "6th" is an ordinal, "1990s" a decade (kept below), "10%" a share.
        return !digits.is_empty() && word.ends_with('%');
    }
    !super::claimed_year::is_year(&digits)
}

/// Returns the factor for an entry of `kind` that `gives` what it gives,
/// against a question that `asks`.
pub fn value(asks: Option<Asks>, gives: Gives, kind: Kind, tuning: &Tuning) -> f32 {
    let missing = match asks {
        Some(Asks::Quantity) => !gives.quantity,
        Some(Asks::Countries) => !gives.quantity && !gives.countries,
        Some(Asks::Duration) => !gives.duration,
        Some(Asks::Leader) => !gives.person && kind != Kind::Person,
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
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn detects_what_a_question_asks_for() {
        let rows = [
            ("how many soviet troops invaded", Some(Asks::Quantity)),
            (
                "how many countries recognise the taliban now",
                Some(Asks::Countries),
            ),
            (
                "did the taliban say anything about womens rights",
                Some(Asks::Statement),
            ),
            (
                "what did china say about russias move",
                Some(Asks::Statement),
            ),
            ("has pakistan commented on it", Some(Asks::Statement)),
            // what an article says is no one's statement
            ("what does the report say about india", None),
            ("what did the articles say about china", None),
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
                "what exactly did putin say when he approved it",
                Some(Asks::Words),
            ),
            ("what did putin say in his own words", Some(Asks::Words)),
            ("any quotes from afghan women activists", Some(Asks::Words)),
            ("what did muttaqi say exactly", Some(Asks::Words)),
            ("what words did the taliban use", None),
            ("what is muttaqis exact title", None),
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

    #[test]
    fn an_answer_dates_to_the_day_or_says_the_day_is_not_given() {
        // (normalized answer, gives a day)
        let rows = [
            ("the ministry announced it on 3 july 2025", true),
            ("it was announced on july 3rd", true),
            ("the taliban appointed him in june 2025", false),
            ("neither article gives the exact date", true),
            ("from 1979 to 1989 about ten years", false),
            ("may 2025 could see more", false),
        ];
        for (body, want) in rows {
            let words: Vec<&str> = body.split(' ').collect();
            assert_eq!(names_a_day(&words), want, "{body:?}");
        }
    }

    #[test]
    fn a_quotation_is_quote_marks_opening_words() {
        let rows = [
            ("He called it 'a good example for other countries'.", true),
            ("Officials called it a \"historic step\".", true),
            ("The minister spoke of \u{201C}a new chapter\u{201D}.", true),
            ("Russia's Foreign Ministry announced it.", false),
            ("The Taliban's envoy; the soldiers' return.", false),
            ("No one was quoted.", false),
        ];
        for (body, want) in rows {
            assert_eq!(quotes(body), want, "{body:?}");
        }
    }

    #[test]
    fn numbers_that_are_not_years_count() {
        let rows = [
            ("1979", false),
            ("10", true),
            ("sixth", false),
            ("6th", false),
            ("1990s", false),
            ("40%", true),
            ("thousands", true),
            ("2,000", false),
        ];
        for (w, want) in rows {
            assert_eq!(is_quantity(w), want, "{w:?}");
        }
    }

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
        ];
        for (question, entry, want) in rows {
            let v = testkit::value(entries, question, Scope::All, entry, Signal::AnswerType);
            assert_eq!(v, want, "answer-type factor of {question:?} for {entry}");
        }
    }
}
