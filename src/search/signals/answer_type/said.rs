//! The question side of what someone said: a question asking for someone's
//! own words ("what exactly did putin say") or for whether and what they
//! said about something ("did the taliban say anything about it"), not for
//! what an article says.

use super::asks::has_pair;

/// Returns true for a question asking for someone's own words: "quote"
/// (or "quotes", "quoted", "quotation"), "own words", "exact words", "word
/// for word", "verbatim", or "exactly" with "say" or "said" ("what exactly
/// did putin say", "what did he say exactly"). Not "what words did they
/// use", which a paraphrase answers.
pub(super) fn asks_for_words(words: &[&str]) -> bool {
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
pub(super) fn asks_for_a_statement(words: &[&str]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::asks::{asks, Asks};

    #[test]
    fn detects_a_question_asking_what_someone_said() {
        let rows = [
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
                "what exactly did putin say when he approved it",
                Some(Asks::Words),
            ),
            ("what did putin say in his own words", Some(Asks::Words)),
            ("any quotes from afghan women activists", Some(Asks::Words)),
            ("what did muttaqi say exactly", Some(Asks::Words)),
            ("what words did the taliban use", None),
            ("what is muttaqis exact title", None),
        ];
        for (q, want) in rows {
            assert_eq!(asks(q), want, "{q:?}");
        }
    }
}
