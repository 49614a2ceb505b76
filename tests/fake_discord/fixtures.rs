//! Payloads as Discord sends them, with every field serenity 0.12 requires.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use serenity::all::Timestamp;

use super::{APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID};

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({"id": id.to_string(), "username": name, "discriminator": "0", "global_name": name, "avatar": null, "bot": bot})
}

fn member(id: u64) -> Value {
    json!({
        "user": user(id, &format!("user{id}"), false),
        "roles": [], "joined_at": "2025-01-01T00:00:00Z", "deaf": false, "mute": false, "flags": 0,
        "permissions": "2147483647",
    })
}

/// The fields every interaction has, in the test guild and channel.
fn interaction(id: u64, kind: u8, user: u64, data: Value) -> Value {
    json!({
        "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind,
        "token": format!("interaction-token-{id}"), "version": 1,
        "guild_id": GUILD_ID.to_string(), "channel_id": CHANNEL_ID.to_string(),
        "member": member(user), "locale": "en-GB", "guild_locale": "en-GB",
        "entitlements": [], "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
        "context": 0, "attachment_size_limit": 8_388_608, "app_permissions": "2147483647",
        "data": data,
    })
}

/// A slash command with string options.
pub fn command(id: u64, name: &str, options: &[(&str, &str)], user: u64) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(n, v)| json!({"name": n, "type": 3, "value": v}))
        .collect();
    interaction(
        id,
        2,
        user,
        json!({"id": "1", "name": name, "type": 1, "options": options}),
    )
}

/// An autocomplete request while typing `typed` in `option`.
pub fn autocomplete(id: u64, name: &str, option: &str, typed: &str) -> Value {
    let options = json!([{"name": option, "type": 3, "value": typed, "focused": true}]);
    interaction(
        id,
        4,
        super::USER_ID,
        json!({"id": "1", "name": name, "type": 1, "options": options}),
    )
}

/// A press of button `custom_id` by `user` on an answer of the bot to
/// `user`'s own command.
pub fn button(id: u64, custom_id: &str, user: u64) -> Value {
    let mut on = message(id + 1_000_000, CHANNEL_ID, BOT_ID, true, "");
    on["interaction_metadata"] = asked_by(id + 2_000_000, user);
    button_on(id, custom_id, user, on)
}

/// The `interaction_metadata` of a bot message answering command
/// interaction `id` run by `user`.
pub fn asked_by(id: u64, user: u64) -> Value {
    json!({
        "id": id.to_string(), "type": 2, "user": self::user(user, &format!("user{user}"), false),
        "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
    })
}

/// Returns `interaction` with the app's permissions in its channel set to
/// `permissions` (a bit set) and its channel to `channel`.
pub fn in_channel(mut interaction: Value, channel: u64, permissions: u64) -> Value {
    interaction["channel_id"] = channel.to_string().into();
    interaction["app_permissions"] = permissions.to_string().into();
    interaction
}

/// Returns `interaction` as [`in_channel`] does, its channel a public
/// thread (as Discord describes it in the interaction's `channel`).
pub fn in_thread(interaction: Value, thread: u64, permissions: u64) -> Value {
    let mut i = in_channel(interaction, thread, permissions);
    i["channel"] = json!({"id": thread.to_string(), "type": 11, "name": "a thread",
        "parent_id": CHANNEL_ID.to_string()});
    i
}

/// The `app_permissions` Discord sends in a DM with the bot, whatever the
/// bot may do there: Attach Files, Embed Links, Mention Everyone and Use
/// External Emojis (Discord's interaction docs), so neither View Channel
/// nor Send Messages.
pub const DM_APP_PERMISSIONS: u64 = (1 << 15) | (1 << 14) | (1 << 17) | (1 << 18);

/// Returns `interaction` as sent from `dm`, the asker's DM channel with
/// the bot: no guild and no member, the asker as `user`, the channel a DM
/// and the app's permissions [`DM_APP_PERMISSIONS`].
pub fn in_dm(mut interaction: Value, dm: u64) -> Value {
    let i = interaction.as_object_mut().expect("an interaction object");
    let member = i.remove("member").unwrap_or_default();
    i.remove("guild_id");
    i.remove("guild_locale");
    i.insert("user".into(), member["user"].clone());
    i.insert("channel_id".into(), dm.to_string().into());
    i.insert("channel".into(), json!({"id": dm.to_string(), "type": 1}));
    i.insert("context".into(), 1.into());
    i.insert("authorizing_integration_owners".into(), json!({"0": "0"}));
    i.insert(
        "app_permissions".into(),
        DM_APP_PERMISSIONS.to_string().into(),
    );
    interaction
}

/// A press of button `custom_id` on `on`, a message of the bot.
pub fn button_on(id: u64, custom_id: &str, user: u64, on: Value) -> Value {
    let mut i = interaction(
        id,
        3,
        user,
        json!({"custom_id": custom_id, "component_type": 2}),
    );
    i["message"] = on;
    i
}

/// Message `id` of the bot in `channel` as Discord stores it, from what
/// the bot sent (`sent`: a message body, or an interaction response's
/// `data`): its content and embeds.
pub fn sent_message(id: u64, channel: u64, sent: &Value) -> Value {
    let content = sent["content"].as_str().unwrap_or_default();
    let mut m = message(id, channel, BOT_ID, true, content);
    m["interaction_metadata"] = asked_by(id + 2_000_000, super::USER_ID);
    m["embeds"] = sent["embeds"].clone();
    if m["embeds"].is_null() {
        m["embeds"] = json!([]);
    }
    m
}

/// A message by `author` in `channel` of the test guild.
pub fn message(id: u64, channel: u64, author: u64, bot: bool, content: &str) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel.to_string(), "guild_id": GUILD_ID.to_string(),
        "author": user(author, if author == BOT_ID { "factdesk" } else { "someone" }, bot),
        "content": content, "timestamp": "2025-07-05T12:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "components": [], "pinned": false, "type": 0,
    })
}

/// A user's message in `channel`, mentioning the bot if `mention_bot`.
pub fn question(id: u64, channel: u64, author: u64, content: &str, mention_bot: bool) -> Value {
    let mut m = message(id, channel, author, false, content);
    m["member"] = json!({"roles": [], "joined_at": "2025-01-01T00:00:00Z", "deaf": false, "mute": false, "flags": 0});
    if mention_bot {
        m["mentions"] = json!([user(BOT_ID, "factdesk", true)]);
    }
    m
}

/// A user's reply to a message of the bot, with the reply ping off: it
/// does not mention the bot, so Discord sends its `content` only to a bot
/// with the MESSAGE_CONTENT intent (and in DMs). Without the intent,
/// Discord sends [`reply_to_bot_withheld`] instead.
pub fn reply_to_bot(id: u64, channel: u64, author: u64, content: &str) -> Value {
    let mut m = question(id, channel, author, content, false);
    m["type"] = 19.into();
    m["message_reference"] = json!({"message_id": (id + 1_000_000).to_string(), "channel_id": channel.to_string(), "guild_id": GUILD_ID.to_string()});
    m["referenced_message"] = message(id + 1_000_000, channel, BOT_ID, true, "an earlier answer");
    m
}

/// [`reply_to_bot`] with the reply ping on: the bot is in `mentions`, so
/// Discord sends its `content` whatever the bot's intents.
pub fn reply_to_bot_pinging(id: u64, channel: u64, author: u64, content: &str) -> Value {
    let mut m = reply_to_bot(id, channel, author, content);
    m["mentions"] = json!([user(BOT_ID, "factdesk", true)]);
    m
}

/// [`reply_to_bot`] as Discord sends it to a bot without the
/// MESSAGE_CONTENT intent: the reply does not mention the bot, so its
/// `content`, `attachments` and `embeds` arrive empty (whatever the user
/// typed or attached).
pub fn reply_to_bot_withheld(id: u64, channel: u64, author: u64) -> Value {
    reply_to_bot(id, channel, author, "")
}

/// `message` as Discord sends it in a MESSAGE_UPDATE after its author
/// edited it just now: the whole message, with `edited_timestamp` set.
pub fn edited(message: Value) -> Value {
    edited_at(message, SystemTime::now())
}

/// `message` as Discord sends it in a MESSAGE_UPDATE after its author
/// edited it at `at`: the whole message, with `edited_timestamp` set (a
/// pin or a thread started from it later sends the same).
pub fn edited_at(mut message: Value, at: SystemTime) -> Value {
    message["edited_timestamp"] = timestamp(at).into();
    message
}

/// Discord's epoch, 2015-01-01T00:00:00Z, in Unix milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Returns the first snowflake (message or interaction id) of `at`: a
/// snowflake holds the milliseconds since Discord's epoch above its 22
/// low bits, so an id says when its message was sent.
pub fn snowflake(at: SystemTime) -> u64 {
    let ms = at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    ms.saturating_sub(DISCORD_EPOCH_MS) << 22
}

/// Returns `at` as Discord writes times (RFC 3339, UTC).
pub fn timestamp(at: SystemTime) -> String {
    let ms = at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp::from_millis(ms)
        .expect("a time Discord can write")
        .to_string()
}

/// A MESSAGE_UPDATE without text or author, as Discord sends when it adds
/// embeds (a link preview) to message `id` in `channel`.
pub fn embeds_only(id: u64, channel: u64) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel.to_string(), "guild_id": GUILD_ID.to_string(),
        "embeds": [{"type": "link", "url": "https://example.com/", "title": "a preview"}],
    })
}
