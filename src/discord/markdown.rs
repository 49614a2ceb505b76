//! Discord markdown in text factdesk echoes: a question shown in message
//! content (the heading of a plain-text answer) is escaped so that Discord
//! shows it as typed, not rendered: a masked link, bold or a spoiler in a
//! question must not become one in factdesk's own message. [`unescape`]
//! gives the text back.

/// The characters Discord's markdown gives a meaning inside a line
/// (emphasis, underline, strikethrough, code, spoilers, masked links,
/// mentions, emoji and timestamps in `<…>`) and the escape itself. A
/// backslash before any of them shows it as typed. Line-start markup
/// (headers, quotes, lists) cannot occur: a heading is one line after a
/// prefix.
const SPECIAL: &[char] = &['\\', '*', '_', '~', '`', '|', '[', ']', '(', ')', '<', '>'];

/// Returns `text` with a backslash before each markdown character, so
/// that Discord shows it as typed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Returns `text` escaped by [`escape`] as it was: a backslash before a
/// markdown character is dropped; any other character, a lone backslash
/// included, is kept, so text never escaped reads back unchanged unless
/// it has a backslash before a markdown character.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek().filter(|n| SPECIAL.contains(n)) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped_and_given_back() {
        // (what, typed, as escaped)
        let rows = [
            (
                "plain text",
                "who is the ambassador?",
                "who is the ambassador?",
            ),
            (
                "a masked link",
                "[claim here](https://evil.example/login) who",
                r"\[claim here\]\(https://evil.example/login\) who",
            ),
            (
                "bold and italics",
                "**who** _is_ *he*",
                r"\*\*who\*\* \_is\_ \*he\*",
            ),
            (
                "a spoiler and strikethrough",
                "||no|| ~~yes~~",
                r"\|\|no\|\| \~\~yes\~\~",
            ),
            ("code", "`rm -rf`", r"\`rm -rf\`"),
            (
                "a mention and a timestamp",
                "<@1> at <t:1:R>",
                r"\<@1\> at \<t:1:R\>",
            ),
            ("a backslash", r"a\b \*", r"a\\b \\\*"),
            (
                "other punctuation and letters",
                "who's #1? - ok: é",
                "who's #1? - ok: é",
            ),
        ];
        for (what, typed, escaped) in rows {
            assert_eq!(escape(typed), escaped, "{what}: escape({typed:?})");
            assert_eq!(unescape(escaped), typed, "{what}: unescape({escaped:?})");
        }
    }

    #[test]
    fn text_never_escaped_reads_back_unchanged() {
        for text in ["who is he", r"C:\Users", r"a \ b", "ends with \\", r"\n \d"] {
            assert_eq!(unescape(text), text, "{text:?}");
        }
    }
}
