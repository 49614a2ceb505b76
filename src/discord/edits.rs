//! Edited channel messages: an edit that now addresses factdesk (a mention
//! added, or the text of an unanswered question fixed) is answered as a new
//! message would be ([`super::messages`]), once: a message factdesk has
//! answered ([`super::answered`]) is not answered again, and one still
//! waiting its turn is answered as edited ([`super::waiting`]).

use serenity::all::{Http, Message, MessageUpdateEvent, UserId};
use tracing::debug;

use super::bot::{Bot, Claim};
use super::messages;

/// Returns the message as edited by `event`, on `cached` (the message from
/// serenity's cache, if it has it) or else on the event's own fields, or
/// `None` if the update is no edit to answer: no text (an embed-only
/// update), no author, or not edited (a link preview added).
pub fn edited(event: &MessageUpdateEvent, cached: Option<Message>) -> Option<Message> {
    if event.content.is_none() || event.author.is_none() || event.edited_timestamp.is_none() {
        return None;
    }
    let mut message = cached.unwrap_or_default();
    event.apply_to_message(&mut message);
    Some(message)
}

/// Answers the message `event` edited, as [`messages::handle`] answers a
/// new one, unless it is no edit to answer ([`edited`]) or is answered;
/// one whose answer is not composed yet (it waits its turn) gets the
/// answer to the edit instead ([`Bot::edit`]).
/// `me` is factdesk's own user id.
pub async fn handle(
    http: &Http,
    bot: &Bot,
    me: UserId,
    event: &MessageUpdateEvent,
    cached: Option<Message>,
) {
    let Some(message) = edited(event, cached) else {
        return;
    };
    match bot.edit(&message) {
        Claim::Free => messages::handle(http, bot, me, &message).await,
        Claim::Waiting => debug!(
            id = message.id.get(),
            channel = message.channel_id.get(),
            "edited while waiting its turn: the answer will be to the edit"
        ),
        Claim::Answered => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A MESSAGE_UPDATE as Discord sends it for an edited message, with
    /// `drop` left out.
    fn update(drop: &[&str]) -> MessageUpdateEvent {
        let mut e = serde_json::json!({
            "id": "10", "channel_id": "7", "guild_id": "5",
            "author": {"id": "1", "username": "u", "discriminator": "0"},
            "content": "<@900> when?", "timestamp": "2025-07-05T12:00:00Z",
            "edited_timestamp": "2025-07-05T12:01:00Z",
            "mentions": [{"id": "900", "username": "factdesk", "discriminator": "0", "bot": true}],
            "type": 0, "embeds": [],
        });
        for key in drop {
            e.as_object_mut().expect("an object").remove(*key);
        }
        serde_json::from_value(e).expect("a valid MESSAGE_UPDATE fixture")
    }

    #[test]
    fn which_updates_are_edits_to_answer() {
        // (what, fields left out, an edit to answer)
        let rows: [(&str, &[&str], bool); 4] = [
            ("a whole edited message", &[], true),
            ("an embed-only update (no text)", &["content"], false),
            ("no author", &["author"], false),
            ("not edited (a link preview)", &["edited_timestamp"], false),
        ];
        for (what, drop, want) in rows {
            let got = edited(&update(drop), None);
            assert_eq!(got.is_some(), want, "{what}");
        }
    }

    #[test]
    fn the_edit_is_read_from_the_event_without_the_cache() {
        let m = edited(&update(&[]), None).expect("an edit");
        assert_eq!(m.id.get(), 10);
        assert_eq!(m.channel_id.get(), 7);
        assert_eq!(m.guild_id.map(|g| g.get()), Some(5), "not taken for a DM");
        assert_eq!(m.content, "<@900> when?");
        assert_eq!(m.author.id.get(), 1);
        assert!(m.mentions.iter().any(|u| u.id.get() == 900));
    }

    #[test]
    fn the_edit_wins_over_the_cached_message() {
        let mut cached = edited(&update(&[]), None).expect("an edit");
        cached.content = "when?".into();
        cached.mentions.clear();
        let m = edited(&update(&[]), Some(cached)).expect("an edit");
        assert_eq!(m.content, "<@900> when?");
        assert_eq!(m.mentions.len(), 1);
    }
}
