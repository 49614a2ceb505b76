//! Tense: a question about what has happened ("has any other country
//! recognised them yet", "did the taliban tell others to follow") is not
//! answered by an entry that is about what may come: one whose phrasings
//! nearly all ask what will happen ("will others follow russia"). Such an
//! entry keeps only part of its score; the entry telling what did happen
//! is the answer, or none is. People are never about what comes: their
//! roles are not questions.

use super::time_to_come::{asks_since_the_story, DONE, TO_COME};
use crate::search::Tuning;

/// The share of an entry's phrasings that must speak of what is to come
/// for the entry to be about it.
const TO_COME_SHARE: f32 = 0.75;

/// Returns true when a normalized question asks about what has happened:
/// it has "did", "has", "have" or "had" and speaks of nothing to come.
pub fn asks_what_happened(normalized: &str) -> bool {
    let words: Vec<&str> = normalized.split(' ').collect();
    words.iter().any(|w| DONE.contains(w))
        && !speaks_of_what_comes(normalized)
        && !asks_since_the_story(&words)
}

/// Returns true when a normalized text speaks of what is to come.
pub fn speaks_of_what_comes(normalized: &str) -> bool {
    normalized.split(' ').any(|w| TO_COME.contains(&w))
}

/// Returns true when an entry is about what is to come: `to_come` of its
/// `all` phrasings speak of it, nearly all.
pub fn about_what_comes(to_come: usize, all: usize) -> bool {
    all > 0 && to_come as f32 >= TO_COME_SHARE * all as f32
}

/// Returns the factor for an entry about what comes (`entry_to_come`)
/// against a question asking what happened (`asks_past`).
pub fn value(asks_past: bool, entry_to_come: bool, tuning: &Tuning) -> f32 {
    if asks_past && entry_to_come {
        tuning.tense
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
    fn a_question_about_what_happened_is_told_by_its_auxiliary() {
        // (normalized question, asks what happened)
        let rows = [
            ("has any other country recognised them yet", true),
            // after the sources: what is to come as they tell it
            (
                "how many countries have recognised them since russia did",
                false,
            ),
            ("has anyone else recognised them since then", false),
            ("since when does russia recognise them", false),
            ("did the taliban tell other countries to do the same", true),
            ("have iran and pakistan recognised the taliban too", true),
            ("will other countries follow russia", false),
            ("has anyone said whether others will follow", false),
            ("who might recognise them next", false),
            ("why did russia do it", true),
            ("who recognised them first", false),
        ];
        for (question, want) in rows {
            assert_eq!(asks_what_happened(question), want, "{question:?}");
        }
    }

    #[test]
    fn an_entry_about_what_comes_costs_only_against_the_past() {
        let entries: &[testkit::Row<'_>] = &[
            (
                "qa:follow",
                &[
                    "will other countries recognise the taliban",
                    "who could recognise them next",
                    "will anyone follow russia",
                    "are more countries going to recognise them",
                ],
                "It is not yet clear whether others will follow.",
            ),
            (
                "qa:first",
                &[
                    "is russia the first country to recognise the taliban",
                    "has anyone else recognised them",
                    "will russia stay the only one",
                ],
                "Yes: no other country had recognised them.",
            ),
            (
                "person:envoy",
                &[
                    "gul hassan hassan",
                    "next envoy",
                    "envoy who will serve",
                    "future envoy",
                    "the coming envoy",
                ],
                "The envoy.",
            ),
        ];
        let t = Tuning::default();
        // (question, entry, expected factor)
        let rows = [
            (
                "has any other country recognised them yet",
                "qa:follow",
                t.tense,
            ),
            ("has any other country recognised them yet", "qa:first", 1.0),
            ("will other countries recognise them", "qa:follow", 1.0),
            ("which countries recognise them", "qa:follow", 1.0),
            // a person's roles are not questions about what comes
            ("has the envoy arrived", "person:envoy", 1.0),
        ];
        for (question, entry, want) in rows {
            let v = testkit::value(entries, question, Scope::All, entry, Signal::Tense);
            assert_eq!(v, want, "tense factor of {question:?} for {entry}");
        }
    }
}
