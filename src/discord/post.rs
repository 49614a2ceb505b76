//! What factdesk posts, in one shape for every way it can post it (an
//! interaction response, an edit of a deferred response, a channel reply).
//! Every builder made here carries empty allowed_mentions, so factdesk
//! never pings anyone, whatever the question contained.

use serenity::all::{
    CreateActionRow, CreateAllowedMentions, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse, Message,
    MessageReference, Nonce, UserId,
};

use super::components::{answer_rows, pager_rows, suggestion_rows, List, Origin};
use super::embeds::{listing_card, reply_card};
use super::limits::{self, clip};
use super::plain::plain_text;
use crate::answer::{Reply, Status};
use crate::engine::Engine;
use crate::listing::{sources_text, timeline_lines};

/// Timeline events per page.
pub const TIMELINE_PAGE: usize = 10;

/// One message's worth of content.
#[derive(Debug, Clone, Default)]
pub struct Post {
    pub content: Option<String>,
    pub embed: Option<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    /// Only the asker sees it (interactions only; channel replies cannot be).
    pub ephemeral: bool,
}

/// Returns allowed_mentions that allow nothing: no users, roles,
/// @everyone/@here, and no ping of the replied-to author.
pub fn no_pings() -> CreateAllowedMentions {
    // A new builder parses nothing and lists no users or roles.
    CreateAllowedMentions::new().replied_user(false)
}

impl Post {
    /// Returns a plain text post, clipped to 2000 characters.
    pub fn text(text: &str, ephemeral: bool) -> Post {
        Post {
            content: Some(clip(text, limits::CONTENT)),
            ephemeral,
            ..Post::default()
        }
    }

    /// Returns the post of a reply: an answer embed; a "did you mean" embed
    /// with a button per choice; or, for no match, the hint seen by the
    /// asker alone. With the question's `origin`, the embed is headed by the
    /// question (which buttons read back) and an answer gets "Why?" and,
    /// if `not_helpful`, "Not helpful" buttons, and a button for the other
    /// question of the message when it asked two.
    pub fn reply(reply: &Reply, origin: Option<Origin>, not_helpful: bool) -> Post {
        let components = match (reply, origin) {
            (Reply::Suggest(s), _) => suggestion_rows(&s.suggestions),
            (Reply::Answered(a), Some(origin)) => {
                let mut rows = answer_rows(origin, &a.entry, not_helpful);
                rows.extend(suggestion_rows(a.also.as_slice()));
                rows
            }
            _ => Vec::new(),
        };
        let heading = origin.map(|o| o.heading(reply.query()));
        Post {
            content: None,
            embed: Some(reply_card(reply, heading).embed()),
            components,
            ephemeral: reply.status() == Status::NoMatch,
        }
    }

    /// Returns the post of a reply as [`Post::reply`] does, but as plain
    /// text (the core's rendering under the question's heading), for a
    /// channel where factdesk may not post embeds.
    pub fn reply_plain(reply: &Reply, origin: Option<Origin>, not_helpful: bool) -> Post {
        let heading = origin.map(|o| o.heading(reply.query()));
        Post {
            content: Some(plain_text(reply, heading.as_deref())),
            embed: None,
            ..Post::reply(reply, origin, not_helpful)
        }
    }

    /// Returns the post with its embed turned into plain text (author,
    /// title, description, fields, footer, one after the other), for a
    /// channel where factdesk may not post embeds.
    pub fn without_embed(self) -> Post {
        let Some(embed) = &self.embed else {
            return self;
        };
        let e = serde_json::to_value(embed).unwrap_or_default();
        let text = |pointer: &str| {
            e.pointer(pointer)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let mut parts: Vec<String> = [text("/author/name"), text("/title"), text("/description")]
            .into_iter()
            .flatten()
            .collect();
        for f in e["fields"].as_array().into_iter().flatten() {
            let name = f["name"].as_str().unwrap_or_default();
            let value = f["value"].as_str().unwrap_or_default();
            parts.push(format!("{name}: {value}"));
        }
        parts.extend(text("/footer/text").filter(|t| !t.is_empty()));
        let mut body = self.content.clone().into_iter().collect::<Vec<_>>();
        body.extend(parts);
        Post {
            content: Some(clip(&body.join("\n"), limits::CONTENT)),
            embed: None,
            ..self
        }
    }

    /// Returns page `page` (0-based, clamped) of the timeline with its pager.
    pub fn timeline(engine: &Engine, page: usize) -> Post {
        let lines = timeline_lines(engine.dataset());
        let pages = lines.len().div_ceil(TIMELINE_PAGE).max(1);
        let page = page.min(pages - 1);
        let shown: Vec<&str> = lines
            .iter()
            .skip(page * TIMELINE_PAGE)
            .take(TIMELINE_PAGE)
            .map(String::as_str)
            .collect();
        let text = if shown.is_empty() {
            "The timeline is empty.".to_string()
        } else {
            shown.join("\n")
        };
        let footer = format!(
            "Page {} of {pages} · Data as of {}.",
            page + 1,
            engine.dataset().as_of
        );
        Post {
            embed: Some(listing_card("Timeline", &text, footer).embed()),
            components: pager_rows(List::Timeline, page, pages),
            ..Post::default()
        }
    }

    /// Returns what the data is built from, with its as-of date.
    pub fn sources(engine: &Engine) -> Post {
        let dataset = engine.dataset();
        let footer = format!("Data as of {}.", dataset.as_of);
        Post {
            embed: Some(listing_card("Sources", &sources_text(dataset), footer).embed()),
            ..Post::default()
        }
    }

    /// Returns the help, for the asker alone.
    pub fn help() -> Post {
        Post {
            embed: Some(listing_card("factdesk", &crate::command::help(), String::new()).embed()),
            ephemeral: true,
            ..Post::default()
        }
    }

    /// Returns the message part of an interaction response.
    pub fn message(self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if self.ephemeral {
            m = m.ephemeral(true);
        }
        if let Some(content) = self.content {
            m = m.content(content);
        }
        if let Some(embed) = self.embed {
            m = m.embed(embed);
        }
        m
    }

    /// Returns the post as a new interaction response.
    pub fn response(self) -> CreateInteractionResponse {
        CreateInteractionResponse::Message(self.message())
    }

    /// Returns the post as a replacement of the message a button is on.
    pub fn update(self) -> CreateInteractionResponse {
        CreateInteractionResponse::UpdateMessage(self.message())
    }

    /// Returns the post as the edit of a deferred response.
    pub fn edit(self) -> EditInteractionResponse {
        let mut e = EditInteractionResponse::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(content) = self.content {
            e = e.content(content);
        }
        if let Some(embed) = self.embed {
            e = e.embed(embed);
        }
        e
    }

    /// Returns the post as a reply to `question` in its channel, posted
    /// [`once`] per question.
    pub fn reply_to(self, question: &Message) -> CreateMessage {
        let mut reference = MessageReference::from(question);
        reference.fail_if_not_exists = Some(false);
        once(self.channel_message(), question.id.get()).reference_message(reference)
    }

    /// Returns the post as a new message in the channel, addressed to
    /// `user` with `note` (may be empty) before any content: the way to an
    /// asker whose interaction could not be answered in time, or whose
    /// question may not be replied to. The mention shows whom it is for
    /// but, like every post, pings no one. It is posted [`once`] per
    /// `question`, the id of the message or interaction it answers.
    pub fn to_user_in_channel(mut self, user: UserId, note: &str, question: u64) -> CreateMessage {
        let head = if note.is_empty() {
            format!("<@{user}>")
        } else {
            format!("<@{user}> {note}")
        };
        let content = match self.content.take() {
            Some(content) => format!("{head}\n{content}"),
            None => head,
        };
        self.content = Some(clip(&content, limits::CONTENT));
        once(self.channel_message(), question)
    }

    /// Returns the post as a channel message.
    fn channel_message(self) -> CreateMessage {
        let mut m = CreateMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(content) = self.content {
            m = m.content(content);
        }
        if let Some(embed) = self.embed {
            m = m.embed(embed);
        }
        m
    }
}

/// Returns `message` with a nonce made from `question` (the id of the
/// message or interaction it answers) that Discord enforces: a repeated
/// try of a post Discord took but answered late, or with a 5xx, returns
/// the message already created instead of posting the answer twice.
pub fn once(message: CreateMessage, question: u64) -> CreateMessage {
    message
        .nonce(Nonce::String(question.to_string()))
        .enforce_nonce(true)
}

/// Returns a deferred response (the answer follows as an edit), for the
/// asker alone if `ephemeral`.
pub fn defer(ephemeral: bool) -> CreateInteractionResponse {
    CreateInteractionResponse::Defer(
        CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .ephemeral(ephemeral),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pings_allows_nothing() {
        let json = serde_json::to_value(no_pings()).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false})
        );
    }

    #[test]
    fn every_builder_carries_no_pings() {
        let post = || Post::text("hi @everyone <@1> <@&2>", false);
        let json = [
            serde_json::to_value(post().response()),
            serde_json::to_value(post().update()),
            serde_json::to_value(defer(true)),
        ];
        for j in json {
            let j = j.expect("serializes");
            assert_eq!(
                j["data"]["allowed_mentions"]["parse"],
                serde_json::json!([]),
                "{j}"
            );
            assert_eq!(j["data"]["allowed_mentions"]["replied_user"], false, "{j}");
        }
        let edit = serde_json::to_value(post().edit()).expect("serializes");
        assert_eq!(
            edit["allowed_mentions"]["parse"],
            serde_json::json!([]),
            "{edit}"
        );
    }

    #[test]
    fn a_post_to_the_asker_in_the_channel_names_them_and_pings_no_one() {
        let user = UserId::new(42);
        let long = "word ".repeat(600);
        // (post, what the content starts with, whether it must be clipped)
        let rows = [
            (
                Post::text("the answer", false),
                "<@42> note\nthe answer",
                false,
            ),
            (Post::default(), "<@42> note", false),
            (Post::text(&long, false), "<@42> note\nword word", true),
        ];
        for (post, start, clipped) in rows {
            let json =
                serde_json::to_value(post.to_user_in_channel(user, "note", 7)).expect("serializes");
            let content = json["content"].as_str().unwrap_or_default();
            assert!(
                content.starts_with(start),
                "{content:?} should start with {start:?}"
            );
            assert!(
                content.chars().count() <= limits::CONTENT,
                "{} chars",
                content.chars().count()
            );
            assert_eq!(
                content.chars().count() == limits::CONTENT,
                clipped,
                "{content:?}"
            );
            assert_eq!(
                (&json["nonce"], &json["enforce_nonce"]),
                (&serde_json::json!("7"), &serde_json::json!(true)),
                "posted once per question: {json}"
            );
            assert_eq!(
                json["allowed_mentions"],
                serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
                "{json}"
            );
        }
    }

    #[test]
    fn without_embed_keeps_every_text_part_within_the_limit() {
        let card = |description: &str| Post {
            embed: Some(listing_card("Timeline", description, "Page 1 of 2".into()).embed()),
            components: pager_rows(List::Timeline, 0, 2),
            ..Post::default()
        };
        let long = "word ".repeat(1000);
        // (post, what the content must hold)
        let rows = [
            (
                card("5 July 2025: recognition"),
                vec!["Timeline", "5 July 2025: recognition", "Page 1 of 2"],
            ),
            (card(&long), vec!["Timeline", "word word"]),
            (Post::text("plain already", true), vec!["plain already"]),
        ];
        for (post, want) in rows {
            let had_buttons = !post.components.is_empty();
            let plain = post.without_embed();
            let content = plain.content.clone().unwrap_or_default();
            assert!(plain.embed.is_none(), "{content}");
            assert!(
                limits::width(&content) <= limits::CONTENT,
                "{} chars",
                content.len()
            );
            for w in want {
                assert!(content.contains(w), "{w:?} missing from {content}");
            }
            assert_eq!(!plain.components.is_empty(), had_buttons, "buttons kept");
        }
    }
}
