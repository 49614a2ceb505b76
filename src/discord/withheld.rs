//! Replies whose text Discord withheld. Without the privileged
//! MESSAGE_CONTENT intent, Discord sends a guild message's text only when
//! it mentions factdesk. A reply to factdesk with the reply ping on
//! mentions it; one with the ping turned off does not, and arrives with
//! empty `content` (and no attachments or embeds). factdesk then says it
//! could not read the message and how to ask so it can, instead of
//! answering an empty question with the generic hint.

use serenity::all::{Message, UserId};

/// Returns whether `message`, a reply to factdesk that does not mention
/// it, arrived with nothing factdesk can read: no text, no attachments,
/// no embeds (what Discord empties without MESSAGE_CONTENT).
pub fn withheld(message: &Message) -> bool {
    message.content.trim().is_empty() && message.attachments.is_empty() && message.embeds.is_empty()
}

/// Returns the reply to a message whose text was withheld, factdesk being
/// user `me`: what happened and how to ask so that it can read the
/// question (the mention renders as factdesk's name and, like every post,
/// pings no one).
pub fn notice(me: UserId) -> String {
    format!(
        "I could not read your message: Discord shows me a reply's text only when the reply mentions me. \
         Reply again with the @ switched ON, start your message with <@{me}>, or use /ask."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(content: &str, attachments: usize, embeds: usize) -> Message {
        let attachment = serde_json::json!({"id": "7", "filename": "a.png", "size": 1,
            "url": "https://cdn.example/a.png", "proxy_url": "https://cdn.example/a.png"});
        serde_json::from_value(serde_json::json!({
            "id": "1", "channel_id": "2", "guild_id": "5",
            "author": {"id": "3", "username": "u", "discriminator": "0"},
            "content": content, "timestamp": "2025-07-05T12:00:00Z", "tts": false,
            "mention_everyone": false, "mentions": [], "mention_roles": [],
            "attachments": vec![attachment; attachments],
            "embeds": vec![serde_json::json!({"title": "t"}); embeds],
            "pinned": false, "type": 19,
        }))
        .expect("a valid message fixture")
    }

    #[test]
    fn only_a_reply_with_nothing_readable_is_withheld() {
        // (what, content, attachments, embeds, withheld)
        let rows = [
            ("empty, as without MESSAGE_CONTENT", "", 0, 0, true),
            ("whitespace only", "  \n", 0, 0, true),
            ("text, as with MESSAGE_CONTENT", "who is he", 0, 0, false),
            ("an image without text", "", 1, 0, false),
            ("a link preview without text", "", 0, 1, false),
        ];
        for (what, content, attachments, embeds, want) in rows {
            assert_eq!(
                withheld(&reply(content, attachments, embeds)),
                want,
                "{what}: withheld(content {content:?}, {attachments} attachments, {embeds} embeds)"
            );
        }
    }

    #[test]
    fn the_notice_says_how_to_ask_so_factdesk_can_read() {
        let text = notice(UserId::new(900));
        for part in ["could not read", "@ switched ON", "<@900>", "/ask"] {
            assert!(
                text.contains(part),
                "the notice should say {part:?}: {text}"
            );
        }
        assert!(text.chars().count() < 300, "a short notice: {text}");
    }
}
