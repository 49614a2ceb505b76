//! Chatter: words people wrap a question in ("my uncle keeps saying",
//! "saw a thread about this", "honestly curious lol") that the data never
//! uses. An unknown word normally weighs the most, so "when did russia
//! annex crimea" is not the recognition; a chatter word weighs only the
//! floor, so a long, chatty message is not sunk by its framing. The list
//! is general conversational English (people, telling, hedging, chat
//! slang, the medium), not words of this story.

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
/// ("article 003"). A year or a large figure is not framing.
pub fn is_chatter(word: &str) -> bool {
    CHATTER.binary_search(&word).is_ok() || is_listing_number(word)
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
