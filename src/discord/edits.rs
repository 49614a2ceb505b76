//! Edited channel messages: an edit that now addresses factdesk (a mention
//! added, or the text of an unanswered question fixed) is answered as a new
//! message would be ([`super::messages`]), once: a message factdesk has
//! answered ([`super::answered`]) is not answered again, and one still
//! waiting its turn is answered as edited ([`super::waiting`]). Only an
//! edit made just now of a recent message is answered ([`fresh`]): Discord
//! sends the whole message in every update (a pin, a thread started from
//! it), and after a restart factdesk no longer knows what it answered.

use std::time::Duration;

use serenity::all::{Http, Message, MessageUpdateEvent, Timestamp, UserId};
use tracing::debug;

use super::bot::{Bot, Claim};
use super::messages;

/// How long ago an edit may have been made to be answered. Discord sends
/// the whole message, its `edited_timestamp` included, in every
/// MESSAGE_UPDATE: one whose edit is older is an update of something else
/// (a pin, a thread started from the message, its embeds suppressed).
/// As long again into the future is allowed for clocks that disagree.
pub const FRESH_EDIT: Duration = Duration::from_secs(60);

/// How old a message (by its id) may be for an edit of it to be answered:
/// an edit of an older one is no question being asked now, and factdesk
/// may have answered it before a restart, which it does not remember.
pub const RECENT_MESSAGE: Duration = Duration::from_secs(15 * 60);

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

/// Returns whether `message`, as edited, was edited within [`FRESH_EDIT`]
/// of `now` and sent (its id's time) within [`RECENT_MESSAGE`] before it:
/// an edit being made now, not an old one Discord sent again with an
/// update of the message. Whole seconds are compared.
pub fn fresh(message: &Message, now: Timestamp) -> bool {
    let Some(edited_at) = message.edited_timestamp else {
        return false;
    };
    let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    let now = now.unix_timestamp();
    let edit_age = now - edited_at.unix_timestamp();
    let message_age = now - message.id.created_at().unix_timestamp();
    edit_age.abs() <= secs(FRESH_EDIT) && message_age <= secs(RECENT_MESSAGE)
}

/// Answers the message `event` edited, as [`messages::handle`] answers a
/// new one, unless it is no edit to answer ([`edited`]), no edit made
/// just now of a recent message ([`fresh`]), or is answered; one whose
/// answer is not composed yet (it waits its turn) gets the answer to the
/// edit instead ([`Bot::edit`]).
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
    if !fresh(&message, Timestamp::now()) {
        debug!(
            id = message.id.get(),
            channel = message.channel_id.get(),
            "an update of an edit made earlier (a pin, a thread) or of an old message: not answered"
        );
        return;
    }
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
    use serenity::all::MessageId;

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
    fn only_an_edit_made_just_now_of_a_recent_message_is_fresh() {
        let now = Timestamp::parse("2026-03-01T12:00:00Z").expect("a time");
        let at = |secs_before: i64| {
            Timestamp::from_unix_timestamp(now.unix_timestamp() - secs_before).expect("a time")
        };
        // The id of a message sent `secs_before` now.
        let sent = |secs_before: i64| {
            let ms = u64::try_from(at(secs_before).unix_timestamp() * 1000).expect("after 1970");
            MessageId::new((ms - 1_420_070_400_000) << 22)
        };
        // (what, sent, edited, in seconds before now; fresh)
        let rows = [
            ("sent and edited just now", 5, Some(1), true),
            ("edited a minute ago", 120, Some(60), true),
            ("edited 61 s ago (a pin now)", 120, Some(61), false),
            (
                "edited days ago (a thread started now)",
                300_000,
                Some(299_000),
                false,
            ),
            ("edited 10 s ahead of this clock", 30, Some(-10), true),
            (
                "edited 2 minutes ahead of this clock",
                30,
                Some(-120),
                false,
            ),
            ("sent 15 minutes ago, edited now", 900, Some(0), true),
            ("sent 16 minutes ago, edited now", 960, Some(0), false),
            ("not edited", 5, None, false),
        ];
        for (what, sent_secs, edited_secs, want) in rows {
            let mut m = edited(&update(&[]), None).expect("an edit");
            m.id = sent(sent_secs);
            m.edited_timestamp = edited_secs.map(at);
            assert_eq!(fresh(&m, now), want, "{what}");
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
