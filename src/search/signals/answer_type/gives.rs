//! The entry side of the answer type: what an entry's answer can give (a
//! number, a length of time, a person, a day, a quotation, what may come
//! ...), read once per entry when the index is built.

use super::people::People;
use super::{BACKGROUND, TIME_UNITS};
use crate::dataset::{Date, Entry, PersonKind};
use crate::search::signals::claimed_year::is_year;
use crate::search::signals::time_to_come::{has_a_phrase, MAY_COME, UNDATED_FUTURE};

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

/// Returns what `entry`, whose answer normalizes to `body`, can give.
pub fn gives(entry: Entry<'_>, body: &str, people: &People) -> Gives {
    let words: Vec<&str> = body.split(' ').collect();
    let timed = |i: usize| words.get(i + 1).is_some_and(|w| TIME_UNITS.contains(w));
    let quoted = quotes(entry.body());
    let future = words.iter().any(|w| MAY_COME.contains(w));
    Gives {
        quantity: (0..words.len())
            .any(|i| is_quantity(words[i]) && !timed(i) && !in_a_date(&words, i)),
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
        undated_future: future && has_a_phrase(&words, UNDATED_FUTURE),
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

/// How many words apart two years may stand and still be read as one
/// span ("captured kabul in 1996 and ruled until 2001").
const SPAN_WORDS: usize = 8;

/// Returns true when `words` name a span of years: two different years at
/// most [`SPAN_WORDS`] apart ("from 1996 until 2001"), whose length the
/// answer thereby gives. Years far apart tell of different events.
fn spans_years(words: &[&str]) -> bool {
    let years: Vec<(usize, &str)> = words
        .iter()
        .enumerate()
        .filter(|(_, w)| is_year(w))
        .map(|(i, w)| (i, *w))
        .collect();
    years
        .windows(2)
        .any(|p| p[0].1 != p[1].1 && p[1].0 - p[0].0 <= SPAN_WORDS)
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
    let dated = words.windows(2).any(|w| {
        (is_day(w[0]) && MONTHS.contains(&w[1])) || (MONTHS.contains(&w[0]) && is_day(w[1]))
    });
    let unsaid = words
        .windows(2)
        .any(|w| matches!(w[0], "exact" | "precise") && matches!(w[1], "day" | "date" | "dates"));
    dated || unsaid
}

/// Returns true for a day of the month: 1 to 31, bare or as an ordinal
/// ("3", "3rd").
fn is_day(w: &str) -> bool {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    !digits.is_empty()
        && digits.len() <= 2
        && matches!(&w[digits.len()..], "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Returns true when the number `words[i]` is part of a date, not a
/// quantity: a day beside its month ("3 july 2025", "july 3"), or one of
/// two numbers written as one ("9/11", normalized "9 11").
fn in_a_date(words: &[&str], i: usize) -> bool {
    let beside = |w: Option<&&str>| w.is_some_and(|w| MONTHS.contains(w) || is_day(w));
    is_day(words[i])
        && (beside(words.get(i + 1)) || beside(i.checked_sub(1).and_then(|j| words.get(j))))
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
    !is_year(&digits)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn two_years_near_each_other_are_a_span() {
        let rows = [
            ("they took kabul in 1996 and ruled until 2001", true),
            ("from 1979 to 1989", true),
            ("the 1996-2001 period", true),
            ("in 1979 and again in 1979", false),
            ("only in 2021", false),
            (
                "sent in 1979 to prop up a communist government and after a long costly war the troops left in 1989",
                false,
            ),
        ];
        for (text, want) in rows {
            let normalized = crate::search::normalize::normalize(text);
            let words: Vec<&str> = normalized.split(' ').collect();
            assert_eq!(spans_years(&words), want, "spans_years({text:?})");
        }
    }

    #[test]
    fn an_event_dated_by_a_range_of_years_gives_a_length_of_time() {
        let data = crate::search::signals::testkit::dataset(&[], &[]);
        let people = People::of(&data);
        let event = |date: &str| crate::dataset::Event {
            id: "rule".to_string(),
            date: Date::parse(date).expect("a valid date"),
            spoken_date: date.to_string(),
            title: "The first rule".to_string(),
            aliases: Vec::new(),
            description: "They ruled most of the country.".to_string(),
            cite: Vec::new(),
            caveat: None,
            asked: Vec::new(),
        };
        // (date, gives a length of time)
        let rows = [("1996-2001", true), ("1996", false), ("1990s", false)];
        for (date, want) in rows {
            let e = event(date);
            let body = crate::search::normalize::normalize(&e.description);
            assert_eq!(
                gives(Entry::Event(&e), &body, &people).duration,
                want,
                "an event dated {date:?}"
            );
        }
    }

    #[test]
    fn a_number_in_a_date_is_no_quantity() {
        let data = crate::search::signals::testkit::dataset(&[], &[]);
        let people = People::of(&data);
        // (answer, gives a quantity)
        let rows = [
            ("The ministry announced it on 3 July 2025.", false),
            ("It was announced on July 3.", false),
            ("After 9/11, the US invaded.", false),
            ("About 10 countries keep embassies there.", true),
            ("In 2001, 40 countries sent troops.", true),
            ("Some 100 July visitors.", true),
        ];
        for (answer, want) in rows {
            let qa = crate::dataset::Qa {
                id: "q".to_string(),
                question: "Q?".to_string(),
                phrasings: Vec::new(),
                answer: answer.to_string(),
                cite: Vec::new(),
                caveat: None,
                asked: Vec::new(),
            };
            let body = crate::search::normalize::normalize(answer);
            assert_eq!(
                gives(Entry::Qa(&qa), &body, &people).quantity,
                want,
                "{answer:?} (normalized {body:?}) gives a quantity"
            );
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
}
