//! Replies as plain text, for channels where factdesk may not post embeds
//! (no Embed Links): the core's plain rendering ([`Reply::text`]) under the
//! question's heading, within a message's 2,000 characters. When an answer
//! is too long, its body gives way (cut after a whole word, with an
//! ellipsis) and the caveat, the numbered citations and the as-of line are
//! kept: an answer without its sources, or without saying where they
//! disagree, is not one factdesk gives. The "also asked" line is kept if
//! it still fits, else left out whole. [`Plain`] is composed only once the
//! words put before it (the asker's mention, a note) are known, so that
//! they too cost the answer's body, never its sources.

use std::fmt::Write as _;

use super::limits::{self, clip, clip_words, join_within, width};
use crate::answer::{citation_line, Answered, Reply};

/// The least of an answer's body (all of it if shorter) kept when its
/// plain text is cut: only data that leaves no more room (a caveat or
/// citations of thousands of characters) cuts the caveat, and then the
/// citations, rather than the body below it.
const MIN_BODY: usize = 100;

/// Message content in plain text, composed when the room left for it is
/// known ([`Plain::within`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Plain {
    /// `head`, `body` and `tail` one after the other, of which only the
    /// body is clipped to fit: a notice (all body), or an embed as text
    /// (its heading and title, its description, its fields and footer).
    Parts {
        head: String,
        body: String,
        tail: String,
    },
    /// A reply under its heading (see [`plain_text`]).
    Reply(Box<Reply>, Option<String>),
}

impl Plain {
    /// Returns `text` as content of which any part may be clipped.
    pub fn text(text: &str) -> Plain {
        Plain::Parts {
            head: String::new(),
            body: text.to_string(),
            tail: String::new(),
        }
    }

    /// Returns the content within `room` characters: the body clipped to
    /// what the head and tail leave of it (the whole only if they do not
    /// fit on their own).
    pub fn within(&self, room: usize) -> String {
        match self {
            Plain::Parts { head, body, tail } => {
                let body = clip(body, room.saturating_sub(width(head) + width(tail)));
                clip(&format!("{head}{body}{tail}"), room)
            }
            Plain::Reply(reply, heading) => plain_text(reply, heading.as_deref(), room),
        }
    }
}

/// Returns `reply` as message content within `room` characters (at most
/// 2,000), headed by `heading` (which buttons read the question back
/// from) when given. Text that fits is the core's rendering unchanged.
/// Otherwise what gives way is the answer's body, before its caveat,
/// citations and "also asked" line (in that order: see `fitted`), or the
/// "did you mean" list; never the heading or the as-of line.
pub fn plain_text(reply: &Reply, heading: Option<&str>, room: usize) -> String {
    let room = room.min(limits::CONTENT);
    let head = heading.map(|h| format!("{h}\n")).unwrap_or_default();
    let full = format!("{head}{}", reply.text());
    if width(&full) <= room {
        return full;
    }
    let Some(answered) = reply.answered() else {
        // Every reply's text ends with its as-of line.
        let as_of = reply.as_of_line();
        let body = full.strip_suffix(&as_of).unwrap_or(&full);
        let body = body.strip_prefix(&head).unwrap_or(body).trim_end();
        let plain = Plain::Parts {
            head,
            body: body.to_string(),
            tail: format!("\n{as_of}"),
        };
        return plain.within(room);
    };
    // Only a heading and as-of line that fill the room on their own reach
    // this clip.
    clip(
        &fitted(answered, &head, reply.as_of_line(), room).text(),
        room,
    )
}

/// An answer's plain text in parts, laid out as [`Reply::text`] lays out
/// an answer; a part left out is `None` or empty.
#[derive(Debug)]
struct Layout<'a> {
    head: &'a str,
    body: String,
    markers: String,
    caveat: Option<String>,
    sources: Vec<String>,
    also: Option<String>,
    as_of: String,
}

impl Layout<'_> {
    /// Returns the text: with every part whole, the heading followed by
    /// [`Reply::text`].
    fn text(&self) -> String {
        let mut out = self.head.to_string();
        let _ = writeln!(out, "{} {}", self.body, self.markers);
        if let Some(caveat) = &self.caveat {
            let _ = writeln!(out, "\n{caveat}");
        }
        out.push('\n');
        for line in &self.sources {
            let _ = writeln!(out, "{line}");
        }
        if let Some(also) = &self.also {
            let _ = writeln!(out, "\n{also}");
        }
        out.push_str(&self.as_of);
        out
    }

    fn width(&self) -> usize {
        width(&self.text())
    }
}

/// Returns the parts of an answer too long for `room`, each given its room
/// in this order, with the body's first [`MIN_BODY`] characters kept back:
/// the heading, markers and as-of line; every citation (if not all fit,
/// as many as do and "… and N more sources", and then no caveat); the
/// caveat (cut after a whole word if it must be); the "also asked" line,
/// whole or not at all; and last the body, cut after a whole word to what
/// is left.
fn fitted<'a>(answered: &Answered, head: &'a str, as_of: String, room: usize) -> Layout<'a> {
    let mut layout = Layout {
        head,
        body: String::new(),
        markers: answered.markers(),
        caveat: None,
        sources: Vec::new(),
        also: None,
        as_of,
    };
    let floor = width(&answered.answer).min(MIN_BODY);
    // What the part about to be placed may take.
    let left = |layout: &Layout| room.saturating_sub(layout.width() + floor);
    let lines: Vec<String> = answered.citations.iter().map(citation_line).collect();
    // Each source line ends with a newline.
    let sources: usize = lines.iter().map(|l| width(l) + 1).sum();
    if sources > left(&layout) {
        let max = left(&layout).saturating_sub(1);
        layout.sources = vec![join_within(&lines, max, |n| {
            format!("… and {n} more sources")
        })];
    } else {
        layout.sources = lines;
        // "\n{caveat}\n": a blank line before it, a newline after.
        layout.caveat = answered
            .caveat_line()
            .map(|c| clip_words(&c, left(&layout).saturating_sub(2)))
            .filter(|c| !c.trim_end_matches(limits::ELLIPSIS).is_empty());
        if let Some(also) = answered.also_line() {
            if width(&also) + 2 <= left(&layout) {
                layout.also = Some(also);
            }
        }
    }
    layout.body = clip_words(&answered.answer, room.saturating_sub(layout.width()));
    layout
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::engine::{Engine, Thresholds};
    use crate::search::Scope;

    #[test]
    fn plain_text_fits_and_keeps_the_citations() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let Ok(dataset) = Dataset::load(&dir) else {
            return; // the real data is checked by its own tests
        };
        let engine = Engine::new(dataset, Thresholds::default());
        let question = engine.dataset().qa[0].question.clone();
        let reply = engine.reply(Scope::All, &question);
        let Reply::Answered(answered) = &reply else {
            panic!("{question}: not answered: {reply:?}");
        };
        let huge = Reply::Answered(crate::answer::Answered {
            answer: "word ".repeat(1000),
            ..answered.clone()
        });
        // (reply, heading, what the text must hold)
        let rows = [
            (&reply, Some("/ask q"), answered.answer.clone()),
            (&huge, Some("/ask q"), "word word".to_string()),
            (&huge, None, reply.as_of_line()),
        ];
        for (r, heading, want) in rows {
            let text = plain_text(r, heading, limits::CONTENT);
            assert!(width(&text) <= limits::CONTENT, "{} chars", width(&text));
            assert!(text.contains(&want), "{want:?} missing from {text}");
            let a = r.answered().expect("answered");
            assert!(text.contains(&a.markers()), "markers kept: {text}");
            let first = citation_line(&a.citations[0]);
            assert!(text.contains(&first), "the first citation is kept: {text}");
            if let Some(h) = heading {
                assert!(text.starts_with(h), "headed by the question: {text}");
            }
        }
    }

    /// How much of a part a message shows.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Shown {
        Whole,
        /// Cut after a whole word with an ellipsis (the citations: as many
        /// as fit, then "… and N more sources").
        Cut,
        Gone,
        /// Shown, but neither whole nor cut after a whole word.
        Mangled,
    }
    use Shown::{Cut, Gone, Mangled, Whole};

    /// Returns text of `len` characters made of words of several lengths,
    /// ending with a full stop.
    fn words(len: usize, sentence: &str) -> String {
        let mut text = sentence.repeat(len / sentence.len() + 1);
        text.truncate(len - 1);
        format!("{}.", text.trim_end())
    }

    /// Returns an answer of `answer` characters, with a caveat of
    /// `caveat` characters if any, `cites` citations of about 240
    /// characters each and an "also asked" line if `also`.
    fn answer(answer: usize, caveat: Option<usize>, cites: usize, also: bool) -> Reply {
        use crate::answer::{long_citations, Suggestion};
        use crate::dataset::{Date, Kind, Reference};
        let citations = long_citations(cites);
        Reply::Answered(Answered {
            query: "why".into(),
            entry: Reference::new(Kind::Qa, "why"),
            title: "Why?".into(),
            answer: words(answer, "Security and influence mattered to Moscow. "),
            confidence: 1.0,
            citations,
            caveat: caveat.map(|n| words(n, "The report says 3 July; the Ink Post, July. ")),
            also: also.then(|| Suggestion {
                kind: Kind::Event,
                id: "recognition".into(),
                label: format!("When did it happen, {}?", "and who said so ".repeat(8)),
            }),
            as_of: Date::parse("2025-07-05").expect("a date"),
        })
    }

    /// Returns how much of `want` `line` shows.
    fn part(line: &str, want: &str) -> Shown {
        if line == want {
            return Whole;
        }
        if line.is_empty() {
            return Gone;
        }
        let after_a_word = line.strip_suffix(limits::ELLIPSIS).is_some_and(|kept| {
            !kept.is_empty()
                && want
                    .strip_prefix(kept)
                    .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        });
        if after_a_word {
            Cut
        } else {
            Mangled
        }
    }

    /// Returns how much of `want` the line of `content` starting with
    /// `prefix` shows (see [`part`]).
    fn shown(content: &str, prefix: &str, want: &str) -> Shown {
        content
            .lines()
            .find(|l| l.starts_with(prefix))
            .map_or(Gone, |l| part(l, want))
    }

    /// When a plain-text answer must be cut to fit a message, the body
    /// gives way first: the caveat, every citation and the as-of line
    /// stay, and the "also asked" line if it still fits. Addressed to the
    /// asker, the mention and a note take their room first.
    #[test]
    fn a_cut_plain_answer_keeps_its_caveat_citations_and_as_of_line() {
        let to_asker = format!(
            "<@{}> Discord did not take my answer to your button press in time, so here it is:\n",
            u64::MAX
        );
        // (answer chars, caveat chars, citations, also asked, addressed to
        // the asker) -> [body, caveat, citations, also asked]
        let rows = [
            (
                (200, Some(150), 2, true, false),
                [Whole, Whole, Whole, Whole],
            ),
            (
                (200, Some(150), 2, true, true),
                [Whole, Whole, Whole, Whole],
            ),
            (
                (1000, Some(250), 4, true, false),
                [Cut, Whole, Whole, Whole],
            ),
            ((1000, Some(250), 4, true, true), [Cut, Whole, Whole, Whole]),
            ((1000, Some(250), 5, false, true), [Cut, Whole, Whole, Gone]),
            ((1000, None, 5, false, true), [Cut, Gone, Whole, Gone]),
            // The "also asked" line would leave less than the body's floor.
            ((1000, Some(250), 6, true, true), [Cut, Whole, Whole, Gone]),
            // Pathological data: the caveat is cut, the citations kept.
            ((1000, Some(3000), 2, true, false), [Cut, Cut, Whole, Gone]),
            ((50, Some(3000), 6, false, true), [Whole, Cut, Whole, Gone]),
            // More citations than a message holds: as many as fit.
            ((1000, Some(250), 40, true, false), [Cut, Gone, Cut, Gone]),
        ];
        for ((len, caveat, cites, also, addressed), want) in rows {
            let what = format!(
                "{len}-char answer, caveat {caveat:?}, {cites} citations, also asked {also}, addressed {addressed}"
            );
            let reply = answer(len, caveat, cites, also);
            let a = reply.answered().expect("answered");
            let prefix = if addressed { to_asker.as_str() } else { "" };
            let head = "/ask why";
            let text = plain_text(&reply, Some(head), limits::CONTENT - width(prefix));
            let content = format!("{prefix}{text}");
            assert!(
                width(&content) <= limits::CONTENT,
                "{what}: {} chars, over Discord's 2,000",
                width(&content)
            );
            let full = format!("{head}\n{}", reply.text());
            let headed = format!("{head}\n");
            let whole = fitted(a, &headed, reply.as_of_line(), usize::MAX);
            assert_eq!(
                whole.text(),
                full,
                "{what}: a cut answer is not laid out as Reply::text"
            );
            if width(&full) <= limits::CONTENT - width(prefix) {
                assert_eq!(
                    text, full,
                    "{what}: it fits, so it is the core's text unchanged"
                );
            }
            assert!(
                text.starts_with(&format!("{head}\n")),
                "{what}: the heading went missing:\n{content}"
            );
            assert_eq!(
                content.lines().last(),
                Some(reply.as_of_line().as_str()),
                "{what}: the as-of line went missing:\n{content}"
            );
            let first = text[head.len() + 1..].lines().next().unwrap_or_default();
            let markers = format!(" {}", a.markers());
            let Some(body) = first.strip_suffix(&markers) else {
                panic!("{what}: the citation markers went missing: {first:?}");
            };
            let body = part(body, &a.answer);
            let caveat = a
                .caveat_line()
                .map_or(Gone, |c| shown(&content, "Sources differ:", &c));
            let lines: Vec<String> = a.citations.iter().map(citation_line).collect();
            let kept = lines
                .iter()
                .filter(|l| content.lines().any(|c| c == *l))
                .count();
            let more = content
                .lines()
                .any(|l| l.starts_with("… and ") && l.ends_with(" more sources"));
            let sources = match (kept, more) {
                (k, false) if k == cites => Whole,
                (k, true) if k > 0 && k < cites => Cut,
                _ => Mangled,
            };
            let also = a
                .also_line()
                .map_or(Gone, |l| shown(&content, crate::answer::ALSO_ASKED, &l));
            let got = [body, caveat, sources, also];
            let names = [
                "the answer's body",
                "the caveat",
                "the citations",
                "the \"also asked\" line",
            ];
            let wrong: Vec<String> = names
                .iter()
                .zip(got.iter().zip(want))
                .filter(|(_, (got, want))| *got != want)
                .map(|(name, (got, want))| format!("{name} is {got:?}, should be {want:?}"))
                .collect();
            assert!(wrong.is_empty(), "{what}: {}:\n{content}", wrong.join("; "));
        }
    }
}
