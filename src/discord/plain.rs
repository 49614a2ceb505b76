//! Replies as plain text, for channels where factdesk may not post embeds
//! (no Embed Links): the core's plain rendering ([`Reply::text`]) under the
//! question's heading, within a message's 2,000 characters. When it is too
//! long, the answer is clipped and the citations are kept: an answer
//! without its sources is not one factdesk gives.

use super::limits::{self, clip, join_within, width};
use crate::answer::{citation_line, Reply};

/// Returns `reply` as message content, headed by `heading` (which buttons
/// read the question back from) when given.
pub fn plain_text(reply: &Reply, heading: Option<&str>) -> String {
    let head = heading.map(|h| format!("{h}\n")).unwrap_or_default();
    let full = format!("{head}{}", reply.text());
    let Some(answered) = reply.answered().filter(|_| width(&full) > limits::CONTENT) else {
        return clip(&full, limits::CONTENT);
    };
    // Too long: sources first, then as much of the answer as fits.
    let lines: Vec<String> = answered.citations.iter().map(citation_line).collect();
    let tail_room = limits::CONTENT / 2;
    let sources = join_within(&lines, tail_room, |n| format!("… and {n} more sources"));
    let tail = format!("\n\n{sources}\n{}", reply.as_of_line());
    let markers = format!(" {}", answered.markers());
    let room = limits::CONTENT.saturating_sub(width(&head) + width(&tail) + width(&markers));
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
            let text = plain_text(r, heading);
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
