//! Buttons: every custom_id factdesk puts on a button is made and parsed
//! here ([`Action`]), with the button rows for "did you mean" choices, the
//! "Not helpful"/"Why?" pair under an answer and the Previous/Next pager.
//! Adding a button kind means adding a variant. A button press does not
//! carry the question it is about, so every reply shows it in its heading
//! ([`Origin::heading`]; [`Origin::plain_heading`] in message content,
//! its markdown escaped) and a press reads it back ([`read_heading`],
//! [`read_plain_heading`]).

use serenity::all::{
    ButtonStyle, ComponentInteraction, CreateActionRow, CreateButton, Http, Message, MessageFlags,
    MessageInteractionMetadata, Permissions, UserId,
};

use super::bot::Bot;
use super::delivery::{Deadline, Failed};
use super::detour::{self, Asked};
use super::limits::{self, clip};
use super::markdown;
use super::post::Post;
use crate::answer::Suggestion;
use crate::dataset::Reference;
use crate::search::Scope;
use crate::unanswered::Channel;

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show the answer of entry `kind:id` (a "did you mean" choice):
    /// `pick:<kind>:<id>`.
    Pick(Reference),
    /// Show page `page` (0-based) of a paginated listing: `page:<list>:<n>`.
    Page { list: List, page: usize },
    /// The answer `kind:id` to a question asked via `origin` did not help:
    /// `nothelpful:<origin>:<kind>:<id>`.
    NotHelpful {
        origin: Origin,
        reference: Reference,
    },
    /// Explain how the question led to the answer `kind:id`:
    /// `why:<origin>:<kind>:<id>`.
    Why {
        origin: Origin,
        reference: Reference,
    },
}

/// Where a question was asked: it decides the scope searched, the channel
/// logged and the heading shown above the reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `/ask`.
    Ask,
    /// `/when`.
    When,
    /// `/who`.
    Who,
    /// A message that mentions factdesk, replies to it or is a DM.
    Mention,
    /// A message in a watched channel.
    Watch,
}

/// What starts the heading of a reply to a channel message.
const ASKED: &str = "Asked: ";

impl Origin {
    /// Returns the name used in custom_ids and log lines (`ask`, `when`,
    /// `who`, `mention`, `watch`).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Ask => "ask",
            Origin::When => "when",
            Origin::Who => "who",
            Origin::Mention => "mention",
            Origin::Watch => "watch",
        }
    }

    fn parse(s: &str) -> Option<Origin> {
        [
            Origin::Ask,
            Origin::When,
            Origin::Who,
            Origin::Mention,
            Origin::Watch,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }

    /// Returns the origin of slash command `name`, if it asks a question.
    pub fn of_command(name: &str) -> Option<Origin> {
        Origin::parse(name).filter(|o| o.is_command())
    }

    fn is_command(self) -> bool {
        matches!(self, Origin::Ask | Origin::When | Origin::Who)
    }

    /// Returns the slash command that asks in `scope`.
    pub fn asking(scope: Scope) -> Origin {
        match scope {
            Scope::All => Origin::Ask,
            Scope::Timeline => Origin::When,
            Scope::People => Origin::Who,
        }
    }

    /// Returns the part of the data a question from here is searched in.
    pub fn scope(self) -> Scope {
        match self {
            Origin::Ask | Origin::Mention | Origin::Watch => Scope::All,
            Origin::When => Scope::Timeline,
            Origin::Who => Scope::People,
        }
    }

    /// Returns the channel the unanswered log records.
    pub fn channel(self) -> Channel {
        match self {
            Origin::Ask | Origin::When | Origin::Who => Channel::Slash,
            Origin::Mention => Channel::Mention,
            Origin::Watch => Channel::Watched,
        }
    }

    /// Returns the line shown above a reply (the embed's author line):
    /// `/when recognition` for a command, `Asked: …` for a message, with
    /// runs of whitespace made one space and clipped to the author limit.
    pub fn heading(self, question: &str) -> String {
        let question = question.split_whitespace().collect::<Vec<_>>().join(" ");
        let heading = if self.is_command() {
            format!("/{} {question}", self.as_str())
        } else {
            format!("{ASKED}{question}")
        };
        clip(&heading, limits::AUTHOR)
    }

    /// Returns the [`Origin::heading`] shown in message content, where
    /// Discord renders markdown (a plain-text answer): the question's
    /// markdown escaped, so that it shows as typed ([`markdown::escape`])
    /// and a masked link in it is no link in factdesk's message. The
    /// prefixes (`/ask `, `Asked: `) hold no markdown.
    pub fn plain_heading(self, question: &str) -> String {
        markdown::escape(&self.heading(question))
    }
}

/// Returns the origin and question of a heading made by
/// [`Origin::heading`] (a message's origin reads back as
/// [`Origin::Mention`]); `None` for anything else. A question clipped to
/// fit comes back clipped, ellipsis included.
pub fn read_heading(heading: &str) -> Option<(Origin, String)> {
    let (origin, question) = match heading.strip_prefix(ASKED) {
        Some(q) => (Origin::Mention, q),
        None => {
            let (command, q) = heading.strip_prefix('/')?.split_once(' ')?;
            (Origin::of_command(command)?, q)
        }
    };
    let question = question.trim();
    (!question.is_empty()).then(|| (origin, question.to_string()))
}

/// Returns the origin and question of a heading made by
/// [`Origin::plain_heading`], the question unescaped as typed, as
/// [`read_heading`] does (a heading posted before questions were escaped
/// reads back as it is).
pub fn read_plain_heading(heading: &str) -> Option<(Origin, String)> {
    read_heading(heading).map(|(origin, question)| (origin, markdown::unescape(&question)))
}

/// Returns the origin and question of the reply a button sits on, read
/// from the heading of its first embed, or from the first line of a plain
/// text reply (escaped: [`read_plain_heading`]): the second when the
/// first addresses the asker (`<@id>`, perhaps with a note; see
/// [`Post::to_user_in_channel`]).
///
/// [`Post::to_user_in_channel`]: super::post::Post::to_user_in_channel
pub fn asked(message: &Message) -> Option<(Origin, String)> {
    if let Some(embed) = message.embeds.first() {
        return read_heading(&embed.author.as_ref()?.name);
    }
    let mut lines = message.content.lines();
    let first = lines.next()?;
    read_plain_heading(first).or_else(|| {
        addressee(first)?;
        read_plain_heading(lines.next()?)
    })
}

/// A paginated listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Timeline,
}

impl List {
    fn as_str(self) -> &'static str {
        match self {
            List::Timeline => "timeline",
        }
    }

    fn parse(s: &str) -> Option<List> {
        match s {
            "timeline" => Some(List::Timeline),
            _ => None,
        }
    }
}

impl Action {
    /// Returns the custom_id of the button, or `None` if it would be longer
    /// than Discord allows.
    pub fn custom_id(&self) -> Option<String> {
        let id = match self {
            Action::Pick(reference) => format!("pick:{reference}"),
            Action::Page { list, page } => format!("page:{}:{page}", list.as_str()),
            Action::NotHelpful { origin, reference } => {
                format!("nothelpful:{}:{reference}", origin.as_str())
            }
            Action::Why { origin, reference } => format!("why:{}:{reference}", origin.as_str()),
        };
        (!id.is_empty() && id.len() <= limits::CUSTOM_ID).then_some(id)
    }

    /// Parses a custom_id made by [`Action::custom_id`]; `None` for anything
    /// else (e.g. a button from an older version).
    pub fn parse(custom_id: &str) -> Option<Action> {
        let (verb, rest) = custom_id.split_once(':')?;
        let reference = |r: &str| r.parse::<Reference>().ok();
        let about = |rest: &str| {
            let (origin, r) = rest.split_once(':')?;
            Some((Origin::parse(origin)?, reference(r)?))
        };
        match verb {
            "pick" => reference(rest).map(Action::Pick),
            "nothelpful" => {
                about(rest).map(|(origin, reference)| Action::NotHelpful { origin, reference })
            }
            "why" => about(rest).map(|(origin, reference)| Action::Why { origin, reference }),
            "page" => {
                let (list, page) = rest.split_once(':')?;
                Some(Action::Page {
                    list: List::parse(list)?,
                    page: page.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

/// Returns the "did you mean" buttons, five to a row.
pub fn suggestion_rows(suggestions: &[Suggestion]) -> Vec<CreateActionRow> {
    let buttons: Vec<CreateButton> = suggestions
        .iter()
        .filter_map(|s| {
            let id = Action::Pick(s.reference()).custom_id()?;
            Some(
                CreateButton::new(id)
                    .label(clip(&s.label, limits::BUTTON_LABEL))
                    .style(ButtonStyle::Primary),
            )
        })
        .collect();
    rows(buttons)
}

/// Returns the row under an answer to `reference` (`kind:id`): "Not
/// helpful" (only when `not_helpful`, i.e. there is a log to write to) and
/// "Why?". A button whose custom_id would be too long is left out.
pub fn answer_rows(
    origin: Origin,
    reference: &Reference,
    not_helpful: bool,
) -> Vec<CreateActionRow> {
    let reference = reference.clone();
    let mut actions = Vec::new();
    if not_helpful {
        actions.push((
            Action::NotHelpful {
                origin,
                reference: reference.clone(),
            },
            "Not helpful",
        ));
    }
    actions.push((Action::Why { origin, reference }, "Why?"));
    let buttons = actions
        .into_iter()
        .filter_map(|(action, label)| {
            let id = action.custom_id()?;
            Some(
                CreateButton::new(id)
                    .label(label)
                    .style(ButtonStyle::Secondary),
            )
        })
        .collect();
    rows(buttons)
}

/// Returns the Previous/Next row for page `page` of `pages`, or nothing
/// when everything fits on one page.
pub fn pager_rows(list: List, page: usize, pages: usize) -> Vec<CreateActionRow> {
    if pages <= 1 {
        return Vec::new();
    }
    // The two targets always differ, so the custom_ids are unique.
    let previous = Action::Page {
        list,
        page: page.saturating_sub(1),
    };
    let next = Action::Page {
        list,
        page: page + 1,
    };
    let button = |action: Action, label: &str, disabled: bool| {
        action.custom_id().map(|id| {
            CreateButton::new(id)
                .label(label)
                .style(ButtonStyle::Secondary)
                .disabled(disabled)
        })
    };
    let buttons = [
        button(previous, "Previous", page == 0),
        button(next, "Next", page + 1 >= pages),
    ];
    rows(buttons.into_iter().flatten().collect())
}

/// Returns the user who asked the question `message` answers: who ran the
/// command it answers, who wrote the message it replies to, or whom it
/// is addressed to (a leading mention, where factdesk could not reply);
/// `None` when the message does not say.
pub fn asker(message: &Message) -> Option<UserId> {
    if let Some(meta) = &message.interaction_metadata {
        return match meta.as_ref() {
            MessageInteractionMetadata::Command(m) => Some(m.user.id),
            MessageInteractionMetadata::Component(m) => Some(m.user.id),
            MessageInteractionMetadata::ModalSubmit(m) => Some(m.user.id),
            _ => None,
        };
    }
    if let Some(question) = &message.referenced_message {
        return Some(question.author.id);
    }
    addressee(&message.content)
}

/// Returns the user a message's content starts by mentioning (`<@id>`).
fn addressee(content: &str) -> Option<UserId> {
    let rest = content.strip_prefix("<@")?;
    let rest = rest.strip_prefix('!').unwrap_or(rest);
    let id: u64 = rest[..rest.find('>')?].parse().ok()?;
    (id != 0).then(|| UserId::new(id))
}

/// Answers a pressed button before `deadline`: a "did you mean" choice
/// replaces the question's message with its answer and a pager button
/// turns the page, when the asker presses them; anyone else gets the same
/// privately, leaving the asker's message alone. "Not helpful" logs the
/// miss and "Why?" explains the match, both to the presser alone. A
/// public answer Discord does not take in time goes to the channel
/// ([`detour`]).
///
/// Returns why the answer failed, if it did (already logged).
pub async fn press(
    http: &Http,
    bot: &Bot,
    interaction: &ComponentInteraction,
    deadline: Deadline,
) -> Result<(), Failed> {
    let message = &interaction.message;
    let embeds = interaction
        .app_permissions
        .is_none_or(|p| p.contains(Permissions::EMBED_LINKS));
    let own = asker(message) == Some(interaction.user.id);
    // A private copy (someone else's page or choice, shown to them alone)
    // names its presser as the asker too, but what it shows stays theirs.
    let private_copy = message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    // The post and whether it replaces the message: the asker's own
    // message is replaced; anyone else's answer is theirs alone.
    let show = |post: Post| {
        let post = if embeds { post } else { post.without_embed() };
        let ephemeral = post.ephemeral || !own || private_copy;
        (Post { ephemeral, ..post }, own)
    };
    let private = |text: &str| (Post::text(text, true), false);
    let (post, replaces) = match Action::parse(&interaction.data.custom_id) {
        Some(Action::Pick(reference)) => {
            // Without the question (a message from an older version) the
            // answer gets no buttons, as it has nothing to log or explain.
            let asked = asked(message);
            let shown = reference.to_string();
            let question = asked.as_ref().map_or(shown.as_str(), |(_, q)| q);
            match bot.pick(&reference, question) {
                Some(reply) => show(bot.post_in(&reply, asked.map(|(o, _)| o), embeds)),
                None => private("That choice is no longer in my data; please ask again."),
            }
        }
        Some(Action::Page {
            list: List::Timeline,
            page,
        }) => show(Post::timeline(&bot.engine(), page)),
        Some(Action::NotHelpful { origin, reference }) => {
            let question = asked(message).map(|(_, q)| q);
            private(bot.not_helpful(
                origin,
                question.as_deref(),
                &reference,
                &interaction.user,
                message.id,
            ))
        }
        Some(Action::Why { origin, reference }) => match asked(message) {
            Some((_, question)) => private(&bot.why(origin, &question, &reference)),
            None => private("I can no longer tell which question this answered; please ask again."),
        },
        None => private("This button no longer works; please ask again."),
    };
    let response = if replaces {
        post.clone().update()
    } else {
        post.clone().response()
    };
    let until = (deadline, bot.stopping());
    detour::answer(http, &Asked::press(interaction), until, post, response)
        .await
        .response
}

fn rows(buttons: Vec<CreateButton>) -> Vec<CreateActionRow> {
    buttons
        .chunks(limits::BUTTONS_PER_ROW)
        .take(limits::ROWS)
        .map(|chunk| CreateActionRow::Buttons(chunk.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Reference {
        text.parse().expect(text)
    }
    use crate::dataset::Kind;

    #[test]
    fn custom_ids_round_trip() {
        let rows = [
            (
                Action::Pick(r("event:recognition")),
                "pick:event:recognition",
            ),
            (Action::Pick(r("qa:why-now")), "pick:qa:why-now"),
            (
                Action::Page {
                    list: List::Timeline,
                    page: 3,
                },
                "page:timeline:3",
            ),
            (
                Action::NotHelpful {
                    origin: Origin::When,
                    reference: r("event:russia-recognises"),
                },
                "nothelpful:when:event:russia-recognises",
            ),
            (
                Action::Why {
                    origin: Origin::Watch,
                    reference: r("qa:why-now"),
                },
                "why:watch:qa:why-now",
            ),
            (
                Action::Why {
                    origin: Origin::Mention,
                    reference: r("person:gul-hassan-hassan"),
                },
                "why:mention:person:gul-hassan-hassan",
            ),
        ];
        for (action, id) in rows {
            assert_eq!(action.custom_id().as_deref(), Some(id));
            assert_eq!(Action::parse(id), Some(action), "parse({id:?})");
        }
    }

    #[test]
    fn foreign_or_malformed_custom_ids_are_ignored() {
        for id in [
            "",
            "pick",
            "pick:",
            "pick:qa",
            "pick::x",
            "page:timeline:x",
            "page:other:1",
            "vote:up",
            "why:ask",
            "why:ask:qa",
            "why:ask:qa:",
            "why:later:qa:x",
            "nothelpful:qa:x",
            "nothelpful::qa:x",
        ] {
            assert_eq!(Action::parse(id), None, "parse({id:?})");
        }
    }

    #[test]
    fn overlong_ids_get_no_button_and_labels_are_clipped() {
        assert_eq!(
            Action::Pick(r(&format!("qa:{}", "x".repeat(100)))).custom_id(),
            None
        );
        let suggestions: Vec<Suggestion> = (0..7)
            .map(|i| Suggestion {
                kind: Kind::Qa,
                id: if i == 6 {
                    "y".repeat(100)
                } else {
                    format!("q{i}")
                },
                label: "L".repeat(200),
            })
            .collect();
        let rows = suggestion_rows(&suggestions);
        let json = serde_json::to_value(&rows).expect("rows serialize");
        let buttons: Vec<&serde_json::Value> = json
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().into_iter().flatten())
            .collect();
        assert_eq!(
            rows.len(),
            2,
            "six valid buttons make two rows of at most five"
        );
        assert_eq!(
            buttons.len(),
            6,
            "the button with an overlong id is left out"
        );
        for b in buttons {
            let label = b["label"].as_str().unwrap_or_default();
            assert!(label.chars().count() <= 80, "label {label:?} too long");
            assert!(b["custom_id"].as_str().is_some_and(|id| id.len() <= 100));
        }
    }

    #[test]
    fn headings_give_back_origin_and_question() {
        // (origin, question, its heading in an embed, in message content)
        let rows = [
            (
                Origin::Ask,
                "why  did\nrussia do it?",
                "/ask why did russia do it?",
                "/ask why did russia do it?",
            ),
            (
                Origin::When,
                "recognition",
                "/when recognition",
                "/when recognition",
            ),
            (
                Origin::Who,
                "the ambassador",
                "/who the ambassador",
                "/who the ambassador",
            ),
            (
                Origin::Mention,
                "who is he",
                "Asked: who is he",
                "Asked: who is he",
            ),
            (
                Origin::Ask,
                "[claim here](https://evil.example) who is **he**",
                "/ask [claim here](https://evil.example) who is **he**",
                r"/ask \[claim here\]\(https://evil.example\) who is \*\*he\*\*",
            ),
            (
                Origin::Mention,
                r"a\b <@1> ||x||",
                r"Asked: a\b <@1> ||x||",
                r"Asked: a\\b \<@1\> \|\|x\|\|",
            ),
        ];
        for (origin, question, heading, plain) in rows {
            let typed = Some((origin, question.split_whitespace().collect::<String>()));
            let unspaced =
                |read: Option<(Origin, String)>| read.map(|(o, q)| (o, q.replace(' ', "")));
            assert_eq!(origin.heading(question), heading, "{origin:?} {question:?}");
            assert_eq!(
                unspaced(read_heading(heading)),
                typed,
                "read_heading({heading:?})"
            );
            assert_eq!(
                origin.plain_heading(question),
                plain,
                "{origin:?} {question:?} in message content: its markdown must be escaped"
            );
            assert_eq!(
                unspaced(read_plain_heading(plain)),
                typed,
                "read_plain_heading({plain:?}) must give the question back as typed"
            );
        }
        // A watched channel's heading reads back as a mention: same scope.
        assert_eq!(
            read_heading(&Origin::Watch.heading("when?")),
            Some((Origin::Mention, "when?".to_string()))
        );
        let long = Origin::Ask.heading(&"word ".repeat(100));
        assert!(
            long.chars().count() <= limits::AUTHOR,
            "clipped to the author limit"
        );
        assert!(read_heading(&long).is_some_and(|(_, q)| q.ends_with('…')));
        for other in [
            "",
            "/ask",
            "/ask ",
            "/timeline x",
            "/ask\tx",
            "Asked:x",
            "Q: x",
            "hello",
        ] {
            assert_eq!(read_heading(other), None, "read_heading({other:?})");
        }
    }

    #[test]
    fn answer_rows_have_not_helpful_only_with_a_log() {
        let ids = |rows: Vec<CreateActionRow>| -> Vec<String> {
            let json = serde_json::to_value(rows).expect("rows serialize");
            json[0]["components"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|b| b["custom_id"].as_str().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(
            ids(answer_rows(Origin::Who, &r("person:x"), true)),
            ["nothelpful:who:person:x", "why:who:person:x"]
        );
        assert_eq!(
            ids(answer_rows(Origin::Who, &r("person:x"), false)),
            ["why:who:person:x"]
        );
        let too_long = format!("qa:{}", "x".repeat(95));
        assert!(answer_rows(Origin::Ask, &r(&too_long), true).is_empty());
    }

    #[test]
    fn pager_disables_the_ends() {
        assert!(pager_rows(List::Timeline, 0, 1).is_empty());
        let json = serde_json::to_value(pager_rows(List::Timeline, 0, 2)).expect("serializes");
        let buttons = &json[0]["components"];
        assert_eq!(buttons[0]["custom_id"], "page:timeline:0");
        assert_eq!(buttons[0]["disabled"], true);
        assert_eq!(buttons[1]["custom_id"], "page:timeline:1");
        assert_eq!(buttons[1]["disabled"], false);
    }

    fn user(id: u64) -> serde_json::Value {
        serde_json::json!({"id": id.to_string(), "username": "u", "discriminator": "0"})
    }

    /// Returns a message of the bot with the fields of `extra` set.
    fn message(extra: serde_json::Value) -> Message {
        let mut m = serde_json::json!({
            "id": "1", "channel_id": "2", "author": user(900), "content": "", "timestamp": "2025-07-05T12:00:00Z",
            "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": [], "pinned": false, "type": 0,
        });
        for (k, v) in extra.as_object().into_iter().flatten() {
            m[k] = v.clone();
        }
        serde_json::from_value::<Message>(m).expect("a valid message fixture")
    }

    #[test]
    fn the_question_is_read_back_from_every_plain_layout() {
        use super::super::post::Post;
        let body = |heading: &str| format!("{heading}\nThe answer.\n\nSources: inkpost");
        // As factdesk posts them: a plain reply, and plain text addressed
        // to the asker without and with a note.
        let addressed = |heading: &str, note: &str| {
            let m = Post::text(&body(heading), false).to_user_in_channel(UserId::new(8), note, 1);
            let json = serde_json::to_value(m).expect("serializes");
            json["content"].as_str().unwrap_or_default().to_string()
        };
        let note = "Discord did not take my answer to your /when in time, so here it is:";
        // (what, content, origin and question read back)
        let rows = [
            (
                "a plain reply",
                body("Asked: who is the ambassador"),
                Some((Origin::Mention, "who is the ambassador")),
            ),
            (
                "plain text addressed to the asker",
                addressed("Asked: who is the ambassador", ""),
                Some((Origin::Mention, "who is the ambassador")),
            ),
            (
                "a slash answer posted in the channel",
                addressed("/when recognition", note),
                Some((Origin::When, "recognition")),
            ),
            (
                "a heading on the second line without an addressee",
                body("hello\nAsked: who is the ambassador"),
                None,
            ),
            ("no heading", addressed("The answer.", ""), None),
        ];
        for (what, content, want) in rows {
            let got = asked(&message(serde_json::json!({ "content": content })));
            assert_eq!(
                got,
                want.map(|(o, q)| (o, q.to_string())),
                "{what}: {content:?}"
            );
        }
    }

    #[test]
    fn the_asker_is_who_ran_the_command_or_wrote_the_question() {
        let metadata = |kind: u8, id: u64| {
            serde_json::json!({"interaction_metadata": {
                "id": "3", "type": kind, "user": user(id), "authorizing_integration_owners": {}, "interacted_message_id": "4",
            }})
        };
        let mut question = message(serde_json::json!({}));
        question.author.id = UserId::new(7);
        let reply = message(
            serde_json::json!({"type": 19, "referenced_message": serde_json::to_value(&question).expect("serializes")}),
        );
        // (what, message, asker)
        let rows = [
            ("a command's answer", message(metadata(2, 5)), Some(5)),
            (
                "a page someone turned for themselves",
                message(metadata(3, 6)),
                Some(6),
            ),
            ("a reply to a channel question", reply, Some(7)),
            (
                "a message that says nothing",
                message(serde_json::json!({})),
                None,
            ),
            (
                "a message addressed to the asker",
                message(serde_json::json!({"content": "<@8>\n**Answer**"})),
                Some(8),
            ),
            (
                "a mention that is not at the start",
                message(serde_json::json!({"content": "ask <@8> later"})),
                None,
            ),
            (
                "a broken mention",
                message(serde_json::json!({"content": "<@8x> hi"})),
                None,
            ),
        ];
        for (what, m, want) in rows {
            assert_eq!(asker(&m).map(UserId::get), want, "{what}");
        }
    }
}
