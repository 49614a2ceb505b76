//! Which recorded requests a test means: the bot's posts in a channel, or
//! its callbacks to an interaction.

use super::Request;

/// Matches the bot's POSTs of a message in `channel`.
pub fn posts_in(channel: u64) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let path = format!("/channels/{channel}/messages");
    move |r| r.method == "POST" && r.path == path
}

/// Matches the bot's callbacks to interaction `id`.
pub fn callbacks_of(id: u64) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let prefix = format!("/interactions/{id}/");
    move |r| r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback")
}
