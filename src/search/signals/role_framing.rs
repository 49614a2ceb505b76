//! Role framing: `/who` asks what someone's part in the story is, and
//! every `/who` answer says just that. So the words that ask for it
//! ("role", "part", "position", "job", "involvement", "story", "play",
//! and "here", as in "what did he do here")
//! do not tell one person or organisation from another, and with `/who`
//! they are left out of the match: "/who russia role" is Russia (not
//! Putin, whom one phrasing calls "the man in the kremlin"), "/who what
//! role did misri play" is Misri, "/who putin in this story" is Putin.
//! They stay in a question made of nothing else, and in `/ask` and
//! `/when`, where "what was putin's role" may be a curated answer's own
//! question. "Why?" lists the words left out.

use crate::search::resolve::Resolved;
use crate::search::Scope;

/// Words asking for someone's part in the story, sorted.
const ROLE_WORDS: &[&str] = &[
    "here",
    "involvement",
    "part",
    "play",
    "played",
    "playing",
    "plays",
    "position",
    "role",
    "roles",
    "story",
];

/// Returns true for a word asking for someone's part in the story.
pub fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.binary_search(&word).is_ok()
}

/// With `/who`, removes the role words from a question's `resolved`
/// words, unless nothing else is left, and returns them as typed (for
/// "Why?"); in any other scope it changes nothing.
pub fn leave_out(resolved: &mut Vec<Resolved>, scope: Scope) -> Vec<String> {
    let role = |r: &Resolved| is_role_word(&r.word.surface);
    if scope != Scope::People || !resolved.iter().any(role) || resolved.iter().all(role) {
        return Vec::new();
    }
    let mut left_out = Vec::new();
    resolved.retain(|r| {
        if role(r) {
            left_out.push(r.word.surface.clone());
            false
        } else {
            true
        }
    });
    left_out
}

/// Returns the normalized question `normalized` without the words
/// `left_out` (once each).
pub fn without(normalized: &str, left_out: &[String]) -> String {
    let mut left: Vec<&str> = left_out.iter().map(String::as_str).collect();
    normalized
        .split(' ')
        .filter(|w| match left.iter().position(|l| l == w) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::testkit;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(
            ROLE_WORDS.windows(2).all(|w| w[0] < w[1]),
            "ROLE_WORDS must stay sorted and without duplicates"
        );
    }

    #[test]
    fn who_leaves_out_the_words_asking_for_a_part_in_the_story() {
        let data = testkit::dataset(
            &[(
                "person:putin",
                &["vladimir putin", "russian president"],
                "Russia's president.",
            )],
            &[],
        );
        let index = crate::search::Index::build(&data);
        // (question, scope, words left out)
        let rows: [(&str, Scope, &[&str]); 8] = [
            ("russia role", Scope::People, &["role"]),
            ("is putin and what did he do here", Scope::People, &["here"]),
            ("what role did misri play", Scope::People, &["role", "play"]),
            ("who is putin in this story", Scope::People, &["story"]),
            ("putin", Scope::People, &[]),
            // Nothing but role words: kept, so the question is still read.
            ("role", Scope::People, &[]),
            // Other commands keep them.
            ("what was putins role", Scope::All, &[]),
            ("russia role", Scope::Timeline, &[]),
        ];
        for (question, scope, want) in rows {
            let mut query = index.query(question);
            let before = query.resolved.len();
            let got = leave_out(&mut query.resolved, scope);
            assert_eq!(got, want, "words left out of {question:?} in {scope:?}");
            let kept = question
                .split(' ')
                .filter(|w| !want.contains(w))
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(
                without(question, &got),
                kept,
                "{question:?} read without its framing words in {scope:?}"
            );
            assert_eq!(
                query.resolved.len(),
                before - want.len(),
                "words still matched in {question:?} in {scope:?}"
            );
        }
    }
}
