//! What factdesk may do in each channel, learnt from Discord's answers: a
//! reply refused with 50013 (Missing Permissions) first drops its embed
//! (no Embed Links: answer in plain text); refused again, the channel goes
//! quiet (no Send Messages or Read Message History), with one probe per
//! [`PROBE_EVERY`] so a restored permission is noticed without hammering
//! the API (Discord bans a bot after 10,000 invalid requests in 10
//! minutes). An interaction from the channel carries the app's current
//! permissions there and resets what was learnt. Each change of state is
//! logged once, with the guild, the channel and the missing permission.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serenity::all::Permissions;
use tracing::{info, warn};

/// How often a quiet channel is tried again.
pub const PROBE_EVERY: Duration = Duration::from_secs(600);

/// How many channels are remembered; past it the oldest entries that grant
/// everything are forgotten (they are the default anyway).
const REMEMBERED: usize = 10_000;

/// How to post in a channel now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// An embed reply, as usual.
    Embed,
    /// Plain text: the channel refuses embeds.
    Plain,
    /// Nothing: the channel refuses messages until the next probe.
    Silent,
}

/// What to do after a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Try again in plain text.
    Plain,
    /// Give up: the channel is quiet now.
    Silent,
}

#[derive(Debug, Clone, Copy)]
struct State {
    plain: bool,
    /// Quiet, and when it was last tried.
    quiet_since: Option<Instant>,
}

/// The permission state of every channel that refused something.
#[derive(Debug, Default)]
pub struct Access {
    channels: HashMap<u64, State>,
}

impl Access {
    /// Returns how to post in `channel` at `now`. A quiet channel whose
    /// probe is due is tried once (in plain text) and its clock restarts.
    pub fn plan(&mut self, channel: u64, now: Instant) -> Plan {
        let Some(state) = self.channels.get_mut(&channel) else {
            return Plan::Embed;
        };
        match state.quiet_since {
            Some(since) if now.duration_since(since) < PROBE_EVERY => Plan::Silent,
            Some(_) => {
                state.quiet_since = Some(now);
                Plan::Plain
            }
            None if state.plain => Plan::Plain,
            None => Plan::Embed,
        }
    }

    /// Records that `channel` of `guild` refused a reply sent as `sent`.
    ///
    /// Returns what to do next.
    pub fn refused(&mut self, guild: Option<u64>, channel: u64, sent: Plan, now: Instant) -> Next {
        let guild = guild.unwrap_or(0);
        let state = self.channels.entry(channel).or_insert(State {
            plain: false,
            quiet_since: None,
        });
        if sent == Plan::Embed {
            if !state.plain {
                warn!(
                    guild,
                    channel,
                    missing = "Embed Links",
                    "Discord refused an embed (50013 Missing Permissions): answering in plain text here; grant factdesk Embed Links in this channel for full answers"
                );
            }
            state.plain = true;
            return Next::Plain;
        }
        if state.quiet_since.is_none() {
            warn!(
                guild,
                channel,
                missing = "Send Messages (or Read Message History, needed to reply)",
                "Discord refused a plain reply (50013 Missing Permissions): staying silent here, trying again every {} min or when an interaction shows the permission back",
                PROBE_EVERY.as_secs() / 60
            );
        }
        state.quiet_since = Some(now);
        self.forget_some();
        Next::Silent
    }

    /// Records that a reply to `channel` went through.
    pub fn delivered(&mut self, channel: u64, sent: Plan) {
        if let Some(state) = self.channels.get_mut(&channel) {
            if state.quiet_since.take().is_some() {
                info!(channel, "factdesk may post here again");
            }
            if sent == Plan::Embed {
                state.plain = false;
            }
        }
    }

    /// Records the app's permissions in `channel`, as an interaction from
    /// it reports them: what they grant is no longer assumed refused.
    pub fn granted(&mut self, channel: u64, permissions: Permissions) {
        let Some(state) = self.channels.get_mut(&channel) else {
            return;
        };
        let send =
            permissions.contains(Permissions::SEND_MESSAGES | Permissions::READ_MESSAGE_HISTORY);
        if send && state.quiet_since.take().is_some() {
            info!(
                channel,
                "Send Messages is granted again: answering here again"
            );
        }
        if permissions.contains(Permissions::EMBED_LINKS) {
            state.plain = false;
        }
        if !state.plain && state.quiet_since.is_none() {
            self.channels.remove(&channel);
        }
    }

    /// Returns how many channels are remembered.
    pub fn len(&self) -> usize {
        self.channels.len()
    }

    /// Returns whether no channel is remembered.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty()
    }

    fn forget_some(&mut self) {
        if self.channels.len() > REMEMBERED {
            // Plain-only channels are forgotten first; a quiet one is kept
            // so it is not hammered.
            self.channels.retain(|_, s| s.quiet_since.is_some());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_step_down_and_probes_are_rare() {
        let t0 = Instant::now();
        let mut a = Access::default();
        // (step, plan wanted before it)
        assert_eq!(a.plan(1, t0), Plan::Embed, "unknown channel: embed");
        assert_eq!(a.refused(Some(9), 1, Plan::Embed, t0), Next::Plain);
        assert_eq!(a.plan(1, t0), Plan::Plain, "no Embed Links: plain");
        assert_eq!(a.plan(2, t0), Plan::Embed, "other channels unaffected");
        assert_eq!(a.refused(Some(9), 1, Plan::Plain, t0), Next::Silent);
        let rows = [
            (Duration::from_secs(1), Plan::Silent),
            (PROBE_EVERY - Duration::from_secs(1), Plan::Silent),
            (PROBE_EVERY, Plan::Plain),
            (PROBE_EVERY + Duration::from_secs(1), Plan::Silent),
        ];
        for (after, want) in rows {
            assert_eq!(a.plan(1, t0 + after), want, "{after:?} after going quiet");
        }
        a.delivered(1, Plan::Plain);
        assert_eq!(a.plan(1, t0), Plan::Plain, "a probe got through");
    }

    #[test]
    fn an_interaction_showing_the_permissions_resets_the_channel() {
        let t0 = Instant::now();
        let mut a = Access::default();
        a.refused(None, 1, Plan::Embed, t0);
        a.refused(None, 1, Plan::Plain, t0);
        a.granted(
            1,
            Permissions::SEND_MESSAGES | Permissions::READ_MESSAGE_HISTORY,
        );
        assert_eq!(
            a.plan(1, t0),
            Plan::Plain,
            "sending back, embeds still refused"
        );
        a.granted(1, Permissions::all());
        assert_eq!(a.plan(1, t0), Plan::Embed);
        assert!(
            a.is_empty(),
            "a channel that grants everything is forgotten"
        );
    }
}
