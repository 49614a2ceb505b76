//! Replies as plain text, for channels where factdesk may not post embeds
//! (no Embed Links): the core's plain rendering ([`Reply::text`]) under the
//! question's heading, within a message's 2,000 characters. When it is too
//! long, the answer is clipped and the citations are kept: an answer
//! without its sources is not one factdesk gives. [`Plain`] is composed
//! only once the words put before it (the asker's mention, a note) are
//! known, so that they too cost the answer, never its sources.

use super::limits::{self, clip, join_within, width};
use crate::answer::{citation_line, Reply};

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
/// from) when given; what gives way is the answer (or "did you mean"
/// list), never the citations or the as-of line.
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
    // Too long: sources first, then as much of the answer as fits.
    let lines: Vec<String> = answered.citations.iter().map(citation_line).collect();
    let tail_room = room / 2;
    let sources = join_within(&lines, tail_room, |n| format!("… and {n} more sources"));
    let tail = format!("\n\n{sources}\n{}", reply.as_of_line());
    let markers = format!(" {}", answered.markers());
    let room = room.saturating_sub(width(&head) + width(&tail) + width(&markers));
    let answer = clip(&answered.answer, room);
    format!("{head}{answer}{markers}{tail}")
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
}
