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
use super::limits::{self, width};
use super::markdown;
use super::plain::Plain;
use crate::answer::{Reply, Status};
use crate::engine::Engine;
use crate::listing::{sources_text, timeline_lines};

/// Timeline events per page.
pub const TIMELINE_PAGE: usize = 10;

/// One message's worth of content.
#[derive(Debug, Clone, Default)]
pub struct Post {
    /// Composed when the words put before it, if any, are known.
    pub content: Option<Plain>,
    pub embed: Option<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    /// Only the asker sees it (interactions only; channel replies cannot be).
    pub ephemeral: bool,
    /// A notice about the question (ask again later, say it so I can
    /// read it), not its answer: posted [`once`] under a nonce of its
    /// own, so the answer to the same message, edited, is still posted.
    pub notice: bool,
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
            content: Some(Plain::text(text)),
            ephemeral,
            ..Post::default()
        }
    }

    /// Returns a plain text notice about a question in a channel (see
    /// [`Post::notice`]).
    pub fn notice(text: &str) -> Post {
        Post {
            notice: true,
            ..Post::text(text, false)
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
            notice: false,
        }
    }

    /// Returns the post of a reply as [`Post::reply`] does, but as plain
    /// text (the core's rendering under the question's heading, its
    /// markdown escaped: [`Origin::plain_heading`]), for a channel where
    /// factdesk may not post embeds.
    pub fn reply_plain(reply: &Reply, origin: Option<Origin>, not_helpful: bool) -> Post {
        let heading = origin.map(|o| o.plain_heading(reply.query()));
        Post {
            content: Some(Plain::Reply(Box::new(reply.clone()), heading)),
            embed: None,
            ..Post::reply(reply, origin, not_helpful)
        }
    }

    /// Returns the post with its embed turned into plain text (author,
    /// title, description, fields, footer, one after the other; the
    /// description is what gives way to fit), for a channel where factdesk
    /// may not post embeds. The author line, the asker's question (see
    /// [`Origin::heading`]), has its markdown escaped, as
    /// [`Origin::plain_heading`] has: Discord renders none in an embed's
    /// author but does in message content.
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
        let mut before: Vec<String> = self
            .content
            .iter()
            .map(|c| c.within(limits::CONTENT))
            .collect();
        let author = text("/author/name").map(|a| markdown::escape(&a));
        before.extend([author, text("/title")].into_iter().flatten());
        let mut after = Vec::new();
        for f in e["fields"].as_array().into_iter().flatten() {
            let name = f["name"].as_str().unwrap_or_default();
            let value = f["value"].as_str().unwrap_or_default();
            after.push(format!("{name}: {value}"));
        }
        after.extend(text("/footer/text").filter(|t| !t.is_empty()));
        let content = match text("/description") {
            Some(description) => Plain::Parts {
                head: before.iter().map(|p| format!("{p}\n")).collect(),
                body: description,
                tail: after.iter().map(|p| format!("\n{p}")).collect(),
            },
            None => Plain::text(&[before, after].concat().join("\n")),
        };
        Post {
            content: Some(content),
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
            m = m.content(content.within(limits::CONTENT));
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
    /// Discord keeps what an update leaves out, so a post without text
    /// clears the text (the note above an answer posted in the channel
    /// instead) and one without an embed clears the embed (the "did you
    /// mean" card under a plain-text answer).
    pub fn update(self) -> CreateInteractionResponse {
        let (text, embed) = (self.content.is_some(), self.embed.is_some());
        let mut m = self.message();
        if !text {
            m = m.content("");
        }
        if !embed {
            m = m.embeds(Vec::new());
        }
        CreateInteractionResponse::UpdateMessage(m)
    }

    /// Returns the post as the edit of a deferred response.
    pub fn edit(self) -> EditInteractionResponse {
        let mut e = EditInteractionResponse::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(content) = self.content {
            e = e.content(content.within(limits::CONTENT));
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
        let nonce = self.nonce(question.id.get());
        once(self.channel_message(), nonce).reference_message(reference)
    }

    /// Returns the post as a new message in the channel, addressed to
    /// `user` with `note` (may be empty) before any content: the way to an
    /// asker whose interaction could not be answered in time, or whose
    /// question may not be replied to. The mention shows whom it is for
    /// but, like every post, pings no one. It is posted [`once`] per
    /// `question`, the id of the message or interaction it answers. The
    /// mention and note take their room before the content is composed,
    /// so what gives way is the content's body, never its citations or
    /// as-of line.
    pub fn to_user_in_channel(mut self, user: UserId, note: &str, question: u64) -> CreateMessage {
        let head = if note.is_empty() {
            format!("<@{user}>")
        } else {
            format!("<@{user}> {note}")
        };
        let content = match self.content.take() {
            Some(content) => {
                let room = limits::CONTENT.saturating_sub(width(&head) + 1);
                format!("{head}\n{}", content.within(room))
            }
            None => head,
        };
        self.content = Some(Plain::text(&content));
        let nonce = self.nonce(question);
        once(self.channel_message(), nonce)
    }

    /// Returns the nonce that posts it once for `question`: the question's
    /// id (see [`once`]), prefixed with `n` for a notice (20 characters at
    /// most, within Discord's 25).
    fn nonce(&self, question: u64) -> Nonce {
        if self.notice {
            Nonce::String(format!("n{question}"))
        } else {
            Nonce::String(question.to_string())
        }
    }

    /// Returns the post as a channel message.
    fn channel_message(self) -> CreateMessage {
        let mut m = CreateMessage::new()
            .allowed_mentions(no_pings())
            .components(self.components);
        if let Some(content) = self.content {
            m = m.content(content.within(limits::CONTENT));
        }
        if let Some(embed) = self.embed {
            m = m.embed(embed);
        }
        m
    }
}

/// Returns `message` with `nonce` (made from the id of the message or
/// interaction it answers, see [`Post::nonce`]) that Discord enforces: a
/// repeated try of a post Discord took but answered late, or with a 5xx,
/// returns the message already created instead of posting it twice.
fn once(message: CreateMessage, nonce: Nonce) -> CreateMessage {
    message.nonce(nonce).enforce_nonce(true)
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
    fn an_update_replaces_the_text_and_the_embed_it_leaves_out() {
        let card = || CreateEmbed::new().title("an answer");
        // (post, its update's content, how many embeds)
        let rows = [
            (Post::text("plain answer", false), "plain answer", 0),
            (
                Post {
                    embed: Some(card()),
                    ..Post::default()
                },
                "",
                1,
            ),
            (
                Post {
                    content: Some(Plain::text("note")),
                    embed: Some(card()),
                    ..Post::default()
                },
                "note",
                1,
            ),
        ];
        for (post, content, embeds) in rows {
            let json = serde_json::to_value(post.update()).expect("serializes");
            let data = &json["data"];
            assert_eq!(data["content"], content, "the text replaced: {json}");
            assert_eq!(
                data["embeds"].as_array().map(Vec::len),
                Some(embeds),
                "the embeds replaced: {json}"
            );
        }
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

    /// Returns an answer of the validator's longest (1,000 characters)
    /// with `cites` long citations, and a "did you mean" reply of `choices`
    /// long labels.
    fn long_replies(cites: usize, choices: usize) -> (Reply, Reply) {
        use crate::answer::{long_citations, Answered, Suggest, Suggestion};
        use crate::dataset::{Date, Kind, Reference};
        let as_of = Date::parse("2025-07-05").expect("a date");
        let citations = long_citations(cites);
        let answered = Reply::Answered(Answered {
            query: "why".into(),
            entry: Reference::new(Kind::Qa, "why"),
            title: "Why?".into(),
            answer: "Security and influence. ".repeat(42)[..1000].to_string(),
            confidence: 1.0,
            citations,
            caveat: None,
            also: None,
            as_of,
        });
        let suggestions = (1..=choices)
            .map(|i| Suggestion {
                kind: Kind::Qa,
                id: format!("q{i}"),
                label: format!("Choice {i}: {}", "a long label ".repeat(12)),
            })
            .collect();
        let suggest = Reply::Suggest(Suggest {
            query: "which".into(),
            confidence: 0.5,
            suggestions,
            hint: "Try one of these.".into(),
            as_of,
        });
        (answered, suggest)
    }

    /// Plain text sent addressed to the asker (a mention where replies
    /// are refused; a slash answer posted in the channel, with a note)
    /// keeps its heading, its citations and its as-of line within 2,000
    /// characters: what gives way is the answer's body.
    #[test]
    fn plain_text_addressed_to_the_asker_keeps_its_citations_and_as_of_line() {
        let user = UserId::new(u64::MAX);
        let note = "Discord did not take my answer to your button press in time, so here it is:";
        let timeline = |lines: usize| Post {
            embed: Some(
                listing_card(
                    "Timeline",
                    &"5 July 2025: Russia recognises the Taliban government\n".repeat(lines),
                    "Page 1 of 2 · Data as of 5 July 2025.".into(),
                )
                .embed(),
            ),
            ..Post::default()
        };
        // (what, post, the note, lines the content must hold whole)
        let mut rows = Vec::new();
        for cites in [4, 5, 12] {
            let (answered, _) = long_replies(cites, 0);
            let a = answered.answered().expect("answered").clone();
            let mut kept = vec![
                answered.as_of_line(),
                crate::answer::citation_line(&a.citations[0]),
            ];
            if cites <= 4 {
                kept.push(crate::answer::citation_line(&a.citations[cites - 1]));
            }
            for (origin, note) in [(Origin::Mention, ""), (Origin::When, note)] {
                let what = format!("an answer with {cites} citations, {origin:?}");
                let post = Post::reply_plain(&answered, Some(origin), true);
                let heading = origin.plain_heading("why");
                let mut kept = kept.clone();
                kept.push(heading);
                rows.push((what, post, note, kept));
            }
        }
        let (_, suggest) = long_replies(0, 14);
        rows.push((
            "a long \"did you mean\" list".into(),
            Post::reply_plain(&suggest, Some(Origin::Ask), true),
            note,
            vec![suggest.as_of_line(), Origin::Ask.plain_heading("which")],
        ));
        rows.push((
            "a long timeline page as plain text".into(),
            timeline(40).without_embed(),
            note,
            vec![
                "Timeline".into(),
                "Page 1 of 2 · Data as of 5 July 2025.".into(),
            ],
        ));
        for (what, post, note, kept) in rows {
            let json =
                serde_json::to_value(post.to_user_in_channel(user, note, 7)).expect("serializes");
            let content = json["content"].as_str().unwrap_or_default();
            assert!(
                limits::width(content) <= limits::CONTENT,
                "{what}: {} chars, over Discord's 2,000",
                limits::width(content)
            );
            assert!(
                content.starts_with(&format!("<@{user}>")),
                "{what}: not addressed to the asker: {content}"
            );
            for line in kept {
                assert!(
                    content.lines().any(|l| l == line),
                    "{what}: {line:?} was cut off the message addressed to the asker; the answer's body should have given way:\n{content}"
                );
            }
        }
    }

    #[test]
    fn a_question_shown_in_plain_text_has_its_markdown_escaped() {
        let (answered, _) = long_replies(1, 0);
        let Reply::Answered(mut a) = answered else {
            panic!("long_replies gives an answer first")
        };
        a.query = "[claim here](https://evil.example) why".into();
        let reply = Reply::Answered(a);
        let embed = Post::reply(&reply, Some(Origin::Ask), true);
        let json = serde_json::to_value(&embed.embed).expect("serializes");
        assert_eq!(
            json["author"]["name"], "/ask [claim here](https://evil.example) why",
            "an embed's author renders no markdown: the question as typed"
        );
        // (what, the post in plain text)
        let rows = [
            (
                "an answer in plain text",
                Post::reply_plain(&reply, Some(Origin::Ask), true),
            ),
            ("an answer embed turned into text", embed.without_embed()),
        ];
        for (what, post) in rows {
            let content = post
                .content
                .map(|c| c.within(limits::CONTENT))
                .unwrap_or_default();
            assert_eq!(
                content.lines().next(),
                Some(r"/ask \[claim here\]\(https://evil.example\) why"),
                "{what}: the question's markdown must be escaped, or Discord renders its masked link in factdesk's message:\n{content}"
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
            let content = plain
                .content
                .as_ref()
                .map(|c| c.within(limits::CONTENT))
                .unwrap_or_default();
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
