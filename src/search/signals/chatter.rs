//! Chatter: words people wrap a question in ("my uncle keeps saying",
//! "saw a thread about this", "honestly curious lol") that the data never
//! uses. An unknown word normally weighs the most, so "when did russia
//! annex crimea" is not the recognition; a chatter word weighs only the
//! floor, so a long, chatty message is not sunk by its framing. The list
//! is general conversational English (people, telling, hedging, chat
//! slang, the medium), not words of this story.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::search::text::{is_stopword, STOPWORDS};

/// Conversational words, sorted for binary search.
const CHATTER: &[&str] = &[
    "actual",
    "actually",
    "advance",
    "ages",
    "ago",
    "agree",
    "ahead",
    "alright",
    "anybody",
    "anyone",
    "anyway",
    "anyways",
    "apparently",
    "appreciate",
    "article",
    "articles",
    "asap",
    "asked",
    "asking",
    "assume",
    "aunt",
    "author",
    "authors",
    "basically",
    "bc",
    "bit",
    "bored",
    "bot",
    "bro",
    "brother",
    "btw",
    "buddy",
    "chat",
    "check",
    "checking",
    "chill",
    "clarify",
    "class",
    "classmate",
    "clear",
    "colleague",
    "comment",
    "confirm",
    "confused",
    "confusing",
    "context",
    "cool",
    "correct",
    "couple",
    "cousin",
    "coverage",
    "curious",
    "dad",
    "dear",
    "describing",
    "documentary",
    "dude",
    "dumb",
    "earlier",
    "english",
    "essay",
    "etc",
    "everybody",
    "everyone",
    "exactly",
    "explain",
    "explainer",
    "fam",
    "family",
    "father",
    "feel",
    "fine",
    "folks",
    "forgot",
    "friend",
    "friends",
    "fyi",
    "genuine",
    "genuinely",
    "group",
    "guess",
    "guy",
    "guys",
    "headline",
    "headlines",
    "hearing",
    "hello",
    "help",
    "hey",
    "hi",
    "homework",
    "honest",
    "honestly",
    "idea",
    "idk",
    "imo",
    "interested",
    "journalist",
    "journalists",
    "kids",
    "kind",
    "kinda",
    "kindly",
    "know",
    "late",
    "lately",
    "literally",
    "lmao",
    "lol",
    "looking",
    "lost",
    "lot",
    "lots",
    "mate",
    "maybe",
    "mean",
    "mention",
    "mentioned",
    "mixing",
    "mom",
    "mother",
    "mum",
    "namaste",
    "name",
    "nerd",
    "news",
    "newsletter",
    "night",
    "noob",
    "ok",
    "okay",
    "online",
    "opinion",
    "paragraph",
    "people",
    "person",
    "piece",
    "please",
    "pls",
    "plz",
    "point",
    "post",
    "posted",
    "pretty",
    "probably",
    "prof",
    "professor",
    "question",
    "questions",
    "quick",
    "quiz",
    "random",
    "read",
    "reading",
    "really",
    "reckon",
    "reddit",
    "remember",
    "remind",
    "reporter",
    "reporters",
    "reporting",
    "research",
    "right",
    "roommate",
    "roughly",
    "sceptical",
    "school",
    "seeing",
    "seem",
    "seems",
    "seen",
    "server",
    "simple",
    "sis",
    "sister",
    "skeptical",
    "smth",
    "somebody",
    "someone",
    "somewhere",
    "sorry",
    "sort",
    "sound",
    "sounds",
    "stupid",
    "super",
    "supposed",
    "supposedly",
    "sure",
    "teacher",
    "tell",
    "telling",
    "thank",
    "thanks",
    "thing",
    "things",
    "thought",
    "thread",
    "thx",
    "today",
    "tonight",
    "totally",
    "trying",
    "tv",
    "twitter",
    "uncle",
    "understand",
    "vague",
    "video",
    "wait",
    "watching",
    "weird",
    "whatever",
    "whatsapp",
    "wife",
    "wiki",
    "wikipedia",
    "wild",
    "wondering",
    "work",
    "wow",
    "writer",
    "writers",
    "writing",
    "wrote",
    "yeah",
    "yesterday",
    "yo",
    "youtube",
];

/// Returns true when `word` (normalized) is conversational framing: a
/// word of the list, or a small or zero-padded number, which counts or
/// lists ("3 reasons", "2 questions") or names an article by its number
/// ("article 003"), or a misspelt stopword (see [`misspells_stopword`]).
/// A year or a large figure is not framing.
pub fn is_chatter(word: &str) -> bool {
    CHATTER.binary_search(&word).is_ok() || is_listing_number(word) || misspells_stopword(word)
}

/// Returns true when `word` is one typo away from a stopword: "ths" for
/// "this", "waht" for "what", "theese" for "these", "acutally" for
/// "actually". The data never uses such a word, so without this it would
/// weigh as much as an unknown topic and sink "why did russia do ths".
/// Only the typos that rarely make another word count: a letter left out,
/// two neighbouring letters swapped, and (in a word of 5 or more letters)
/// one letter too many. A changed letter does not ("world" is one from
/// "would"), nor a typo of a chatter word ("cat" is one from "chat").
pub fn misspells_stopword(word: &str) -> bool {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    if stopword_typos().contains(word) {
        return true;
    }
    if word.len() < 5 {
        return false;
    }
    // The word with one letter left out, each in turn, in one buffer.
    let mut without = String::with_capacity(word.len());
    (0..word.len()).any(|i| {
        without.clear();
        without.push_str(&word[..i]);
        without.push_str(&word[i + 1..]);
        is_stopword(&without)
    })
}

/// Every stopword of 4 or more letters with one letter left out, and
/// every one of 3 or more with two neighbouring letters swapped.
fn stopword_typos() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = FxHashSet::default();
        for word in STOPWORDS
            .iter()
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        {
            let b = word.as_bytes();
            let mut add = |v: Vec<u8>| {
                set.insert(String::from_utf8(v).expect("ASCII stays UTF-8"));
            };
            for i in 0..b.len() {
                if b.len() >= 4 {
                    let mut v = b.to_vec();
                    v.remove(i);
                    add(v);
                }
                if i + 1 < b.len() && b[i] != b[i + 1] {
                    let mut v = b.to_vec();
                    v.swap(i, i + 1);
                    add(v);
                }
            }
        }
        set
    })
}

/// Returns true for a number of one or two digits, or one written with
/// leading zeros.
pub fn is_listing_number(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_digit())
        && (word.len() <= 2 || word.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        for pair in CHATTER.windows(2) {
            assert!(
                pair[0] < pair[1],
                "CHATTER must be sorted and unique: {pair:?}"
            );
        }
    }

    #[test]
    fn a_stopword_with_one_typo_is_framing() {
        // (typed, misspells a stopword)
        let rows = [
            ("ths", true),
            ("wer", true),
            ("waht", true),
            ("teh", true),
            ("theese", true),
            ("acutally", true),
            ("anyting", true),
            ("anymroe", true),
            ("this", false),
            ("world", false),
            ("cat", false),
            ("war", false),
            ("th", false),
            ("crimea", false),
            ("wgat", false),
            ("ThS", false),
            ("thé", false),
        ];
        for (typed, want) in rows {
            assert_eq!(misspells_stopword(typed), want, "{typed:?}");
        }
        let entries: &[testkit::Row<'_>] = &[(
            "qa:motives",
            &["why did russia do it"],
            "Influence and security.",
        )];
        let coverage = |q: &str| {
            testkit::value(
                entries,
                q,
                Scope::All,
                "qa:motives",
                Signal::PhrasingCoverage,
            )
        };
        let plain = coverage("why did russia do this");
        let typo = coverage("why did russia do ths");
        let topic = coverage("why did russia do crimea");
        assert!(
            typo > 0.7 * plain && topic < typo,
            "a misspelt stopword should weigh as framing: plain {plain}, typo {typo}, topic {topic}"
        );
    }

    #[test]
    fn framing_costs_less_than_an_unknown_topic() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:women",
            &["what restrictions do women face in afghanistan"],
            "Bans on work and education.",
        )];
        let coverage =
            |q: &str| testkit::value(entries, q, Scope::All, "qa:women", Signal::PhrasingCoverage);
        let plain = coverage("what restrictions do women face in afghanistan");
        let chatty =
            coverage("my mom asked me honestly what restrictions do women face in afghanistan");
        let other_topic =
            coverage("what restrictions do women face in afghanistan football stadiums");
        assert!(
            chatty > 0.7 * plain,
            "framing should cost little: {chatty} vs {plain}"
        );
        assert!(
            other_topic < chatty,
            "an unknown topic word costs more than framing: {other_topic} vs {chatty}"
        );
        for word in [
            "uncle",
            "honestly",
            "lol",
            "article",
            "reporting",
            "3",
            "003",
        ] {
            assert!(is_chatter(word), "{word}");
        }
        for word in [
            "crimea", "annex", "pizza", "bitcoin", "1999", "500", "100000",
        ] {
            assert!(!is_chatter(word), "{word} is a topic, not chatter");
        }
    }
}
