//! What factdesk may do in each channel, learnt from Discord's answers: a
//! reply refused with 50013 (Missing Permissions) first drops its embed
//! (perhaps no Embed Links: answer in plain text; only a plain message that
//! then goes through shows embeds were the cause); refused again, the
//! channel goes quiet (no Send Messages or Read Message History, embeds
//! not in question), with one probe per
//! [`PROBE_EVERY`] so a restored permission is noticed without hammering
//! the API (Discord bans a bot after 10,000 invalid requests in 10
//! minutes). A reply refused with 160002 (no Read Message History, which a
//! reply's reference needs) is posted as a message that mentions the asker
//! instead, and so are the channel's next answers, with one reply tried per
//! [`PROBE_EVERY`]. An interaction from the channel carries the app's
//! current permissions there and resets what they grant (a quiet channel
//! needs View Channel, Send Messages and Read Message History). A reply refused
//! with 50001 (Missing Access: factdesk cannot see the channel) makes it
//! quiet at once. Each change of
//! state is logged once, with the guild, the channel and the missing
//! permission.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serenity::all::{ChannelType, GuildId, PartialChannel, Permissions};
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

/// What a channel is known to do with embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Embeds {
    /// Not refused (the default).
    Allowed,
    /// An embed was refused: plain text is being tried, and only if it goes
    /// through were embeds the cause (not, say, a lost Send Messages).
    Suspected,
    /// An embed was refused and plain text then went through: no Embed Links.
    Refused,
}

#[derive(Debug, Clone, Copy)]
struct State {
    embeds: Embeds,
    /// Quiet, and when it was last tried.
    quiet_since: Option<Instant>,
    /// Replies refused (no Read Message History), and when one was last
    /// tried.
    unreplied_since: Option<Instant>,
}

impl State {
    const FRESH: State = State {
        embeds: Embeds::Allowed,
        quiet_since: None,
        unreplied_since: None,
    };

    fn grants_everything(&self) -> bool {
        self.embeds == Embeds::Allowed
            && self.quiet_since.is_none()
            && self.unreplied_since.is_none()
    }
}

/// Returns whether a refusal last tried at `since` still holds at `now`:
/// it does until [`PROBE_EVERY`] has passed; then it is tried once more
/// (false) and its clock restarts. No refusal: false.
fn still_refused(since: &mut Option<Instant>, now: Instant) -> bool {
    match *since {
        Some(at) if now.duration_since(at) < PROBE_EVERY => true,
        Some(_) => {
            *since = Some(now);
            false
        }
        None => false,
    }
}

/// Returns whether `channel` (as an interaction describes it) is a thread:
/// `None` when the interaction does not say.
pub fn is_thread(channel: Option<&PartialChannel>) -> Option<bool> {
    channel.map(|c| {
        matches!(
            c.kind,
            ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
        )
    })
}

/// Returns what the app's permissions sent with an interaction from
/// `guild` say of its channel: `None` (not known) outside a guild. In a
/// DM, Discord sends the same four (Attach Files, Embed Links, Mention
/// Everyone, Use External Emojis) whatever factdesk may do there, leaving
/// out View Channel and Send Messages, though factdesk may always post in
/// its own DM with the asker.
pub fn of_channel(guild: Option<GuildId>, app: Option<Permissions>) -> Option<Permissions> {
    guild.and(app)
}

/// Returns whether `permissions` let factdesk post a message in a channel
/// that is a thread if `thread` (`None`: not known, either will do): a
/// thread needs Send Messages in Threads, any other channel Send Messages.
pub fn may_send(permissions: Permissions, thread: Option<bool>) -> bool {
    let needed = match thread {
        Some(true) => Permissions::SEND_MESSAGES_IN_THREADS,
        Some(false) => Permissions::SEND_MESSAGES,
        None => Permissions::SEND_MESSAGES | Permissions::SEND_MESSAGES_IN_THREADS,
    };
    permissions.intersects(needed)
}

/// Returns whether `permissions` let factdesk post in a channel (a
/// thread if `thread`): it must see it (View Channel) and may send there
/// ([`may_send`]).
pub fn may_post(permissions: Permissions, thread: Option<bool>) -> bool {
    permissions.contains(Permissions::VIEW_CHANNEL) && may_send(permissions, thread)
}

/// Returns the names of what `permissions` lack for factdesk to post a
/// message in a channel (a thread if `thread`; `None`: not known), as a
/// log line gives them: View Channel, and Send Messages (Send Messages in
/// Threads in a thread). Empty when nothing is missing.
pub fn missing_to_post(permissions: Permissions, thread: Option<bool>) -> String {
    let mut missing = Vec::new();
    if !permissions.contains(Permissions::VIEW_CHANNEL) {
        missing.push("View Channel");
    }
    if !may_send(permissions, thread) {
        missing.push(match thread {
            Some(true) => "Send Messages in Threads",
            Some(false) => "Send Messages",
            None => "Send Messages (Send Messages in Threads in a thread)",
        });
    }
    missing.join(" and ")
}

/// Returns the names of what a quiet channel (a thread if `thread`) needs
/// to be answered in again, as a log line gives them.
fn answering_needs(thread: Option<bool>) -> &'static str {
    match thread {
        Some(true) => "View Channel, Send Messages in Threads and Read Message History",
        Some(false) => "View Channel, Send Messages and Read Message History",
        None => {
            "View Channel, Send Messages (or Send Messages in Threads) and Read Message History"
        }
    }
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
        if state.quiet_since.is_some() {
            return if still_refused(&mut state.quiet_since, now) {
                Plan::Silent
            } else {
                Plan::Plain
            };
        }
        if state.embeds != Embeds::Allowed {
            Plan::Plain
        } else {
            Plan::Embed
        }
    }

    /// Records that `channel` of `guild` refused a reply sent as `sent`.
    ///
    /// Returns what to do next.
    pub fn refused(&mut self, guild: Option<u64>, channel: u64, sent: Plan, now: Instant) -> Next {
        let guild = guild.unwrap_or(0);
        let state = self.channels.entry(channel).or_insert(State::FRESH);
        if sent == Plan::Embed {
            // Blamed on embeds only once plain text goes through (delivered).
            if state.embeds == Embeds::Allowed {
                state.embeds = Embeds::Suspected;
            }
            return Next::Plain;
        }
        if state.embeds == Embeds::Suspected {
            // Plain text is refused too: embeds were not the cause.
            state.embeds = Embeds::Allowed;
        }
        // A message does not say whether its channel is a thread, where
        // Send Messages does nothing: the line names both.
        if self.quiet(channel, now) {
            warn!(
                guild,
                channel,
                missing = "Send Messages (Send Messages in Threads in a thread)",
                "Discord refused a plain reply (50013 Missing Permissions): staying silent here, trying again every {} min or when an interaction shows the permission back; grant factdesk Send Messages here, or Send Messages in Threads if this is a thread",
                PROBE_EVERY.as_secs() / 60
            );
        }
        Next::Silent
    }

    /// Records that `channel` of `guild` refused a reply with 50001
    /// (Missing Access: factdesk cannot see it): it goes quiet at once,
    /// whatever was sent, as after a refused plain reply.
    pub fn inaccessible(&mut self, guild: Option<u64>, channel: u64, now: Instant) {
        if self.quiet(channel, now) {
            warn!(
                guild = guild.unwrap_or(0),
                channel,
                missing = "View Channel",
                "Discord refused a reply (50001 Missing Access): staying silent here, trying again every {} min or when an interaction shows the permission back",
                PROBE_EVERY.as_secs() / 60
            );
        }
    }

    /// Makes `channel` quiet from `now`.
    ///
    /// Returns whether it was not quiet before (the change to log).
    fn quiet(&mut self, channel: u64, now: Instant) -> bool {
        let state = self.channels.entry(channel).or_insert(State::FRESH);
        let was_quiet = state.quiet_since.replace(now).is_some();
        self.forget_some();
        !was_quiet
    }

    /// Returns whether to answer in `channel` at `now` as a reply to the
    /// question (else as a message mentioning the asker). Where replies
    /// were refused, one is tried again when a probe is due, and its clock
    /// restarts.
    pub fn replies(&mut self, channel: u64, now: Instant) -> bool {
        let Some(state) = self.channels.get_mut(&channel) else {
            return true;
        };
        !still_refused(&mut state.unreplied_since, now)
    }

    /// Records that `channel` of `guild` refused a reply for its reference
    /// (160002: no Read Message History): answers there mention the asker
    /// instead, until a reply goes through or an interaction shows the
    /// permission.
    pub fn cannot_reply(&mut self, guild: Option<u64>, channel: u64, now: Instant) {
        let state = self.channels.entry(channel).or_insert(State::FRESH);
        if state.unreplied_since.is_none() {
            warn!(
                guild = guild.unwrap_or(0),
                channel,
                missing = "Read Message History",
                "Discord refused a reply (160002: no Read Message History): answering here in messages that mention the asker; grant factdesk Read Message History in this channel for replies"
            );
        }
        state.unreplied_since = Some(now);
        self.forget_some();
    }

    /// Records that an answer to `channel` of `guild`, sent as `sent` and
    /// as a reply if `replied`, went through.
    pub fn delivered(&mut self, guild: Option<u64>, channel: u64, sent: Plan, replied: bool) {
        if let Some(state) = self.channels.get_mut(&channel) {
            if state.quiet_since.take().is_some() {
                info!(channel, "factdesk may post here again");
            }
            match (sent, state.embeds) {
                (Plan::Embed, _) => state.embeds = Embeds::Allowed,
                (Plan::Plain, Embeds::Suspected) => {
                    state.embeds = Embeds::Refused;
                    warn!(
                        guild = guild.unwrap_or(0),
                        channel,
                        missing = "Embed Links",
                        "Discord refused an embed (50013 Missing Permissions) but took plain text: answering in plain text here; grant factdesk Embed Links in this channel for full answers"
                    );
                }
                _ => {}
            }
            if replied && state.unreplied_since.take().is_some() {
                info!(channel, "factdesk may reply here again");
            }
            if state.grants_everything() {
                self.channels.remove(&channel);
            }
        }
    }

    /// Records the app's permissions in `channel` (a thread if `thread`),
    /// as an interaction from it reports them: what they grant is no
    /// longer assumed refused. A quiet channel is answered in again only
    /// when factdesk may see it, post and reply there.
    pub fn granted(&mut self, channel: u64, permissions: Permissions, thread: Option<bool>) {
        let Some(state) = self.channels.get_mut(&channel) else {
            return;
        };
        let answerable = may_post(permissions, thread)
            && permissions.contains(Permissions::READ_MESSAGE_HISTORY);
        if answerable && state.quiet_since.take().is_some() {
            let needs = answering_needs(thread);
            info!(
                channel,
                granted = needs,
                "an interaction here shows {needs} granted: answering here again"
            );
        }
        if permissions.contains(Permissions::EMBED_LINKS) {
            state.embeds = Embeds::Allowed;
        }
        if permissions.contains(Permissions::READ_MESSAGE_HISTORY)
            && state.unreplied_since.take().is_some()
        {
            info!(
                channel,
                "Read Message History is granted again: replying here again"
            );
        }
        if state.grants_everything() {
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
            // Plain-only and reply-less channels are forgotten first (each
            // costs one refused request to learn again); a quiet one is
            // kept so it is not hammered.
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
        assert_eq!(a.plan(1, t0), Plan::Embed, "unknown channel: embed");
        assert_eq!(a.refused(Some(9), 1, Plan::Embed, t0), Next::Plain);
        assert_eq!(a.plan(1, t0), Plan::Plain, "an embed refused: try plain");
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
    }

    #[test]
    fn the_permissions_of_a_dm_say_nothing_of_its_channel() {
        // What Discord sends as app_permissions in a DM with the bot.
        let dm = Permissions::ATTACH_FILES
            | Permissions::EMBED_LINKS
            | Permissions::MENTION_EVERYONE
            | Permissions::USE_EXTERNAL_EMOJIS;
        let guild = Some(GuildId::new(9));
        // (guild, app_permissions, what they say of the channel)
        let rows = [
            (guild, Some(dm), Some(dm)),
            (guild, None, None),
            (None, Some(dm), None),
            (None, Some(Permissions::all()), None),
        ];
        for (guild, app, want) in rows {
            assert_eq!(of_channel(guild, app), want, "{guild:?} {app:?}");
        }
        assert!(
            !may_post(dm, Some(false)),
            "read as a guild channel's, they would forbid posting"
        );
    }

    #[test]
    fn a_channel_factdesk_cannot_see_goes_quiet_at_once() {
        let t0 = Instant::now();
        let mut a = Access::default();
        a.inaccessible(Some(9), 1, t0);
        assert_eq!(a.plan(1, t0), Plan::Silent, "no embed-then-plain ladder");
        assert_eq!(a.plan(1, t0 + PROBE_EVERY), Plan::Plain, "probed rarely");
        a.delivered(Some(9), 1, Plan::Plain, true);
        assert_eq!(a.plan(1, t0 + PROBE_EVERY), Plan::Embed, "visible again");
        assert!(a.is_empty());
    }

    /// One step on a channel's ladder.
    #[derive(Debug, Clone, Copy)]
    enum Step {
        Refused(Plan),
        Delivered(Plan),
    }

    #[test]
    fn only_plain_text_going_through_blames_embeds() {
        use Step::{Delivered, Refused};
        let t0 = Instant::now();
        // (what happened, in order; the plan after a successful probe)
        let rows = [
            // A moderator lock: embed and plain text refused alike, then
            // lifted. Embeds were never the cause.
            (
                vec![Refused(Plan::Embed), Refused(Plan::Plain)],
                Plan::Embed,
            ),
            // No Embed Links: plain text went through; later a lock.
            (
                vec![
                    Refused(Plan::Embed),
                    Delivered(Plan::Plain),
                    Refused(Plan::Plain),
                ],
                Plan::Plain,
            ),
            // A lock while embeds were in doubt, after an earlier one.
            (
                vec![
                    Refused(Plan::Embed),
                    Refused(Plan::Plain),
                    Delivered(Plan::Plain),
                    Refused(Plan::Embed),
                    Refused(Plan::Plain),
                ],
                Plan::Embed,
            ),
        ];
        for (steps, want) in rows {
            let mut a = Access::default();
            for step in &steps {
                match *step {
                    Refused(sent) => {
                        let _ = a.refused(None, 1, sent, t0);
                    }
                    Delivered(sent) => a.delivered(None, 1, sent, true),
                }
            }
            let probe = a.plan(1, t0 + PROBE_EVERY);
            assert_eq!(probe, Plan::Plain, "{steps:?}: probes in plain text");
            a.delivered(None, 1, probe, true);
            assert_eq!(
                a.plan(1, t0 + PROBE_EVERY * 2),
                want,
                "{steps:?}, then a probe went through: the plan from then on"
            );
        }
    }

    #[test]
    fn an_interaction_showing_the_permissions_resets_the_channel() {
        let t0 = Instant::now();
        let mut a = Access::default();
        // No Embed Links (plain text went through), then no Send Messages.
        a.refused(None, 1, Plan::Embed, t0);
        a.delivered(None, 1, Plan::Plain, true);
        a.refused(None, 1, Plan::Plain, t0);
        a.granted(
            1,
            Permissions::VIEW_CHANNEL
                | Permissions::SEND_MESSAGES
                | Permissions::READ_MESSAGE_HISTORY,
            Some(false),
        );
        assert_eq!(
            a.plan(1, t0),
            Plan::Plain,
            "sending back, embeds still refused"
        );
        a.granted(1, Permissions::all(), None);
        assert_eq!(a.plan(1, t0), Plan::Embed);
        assert!(
            a.is_empty(),
            "a channel that grants everything is forgotten"
        );
    }

    #[test]
    fn a_quiet_channel_wakes_only_when_factdesk_may_see_post_and_reply_there() {
        let t0 = Instant::now();
        let see = Permissions::VIEW_CHANNEL;
        let send = Permissions::SEND_MESSAGES;
        let in_threads = Permissions::SEND_MESSAGES_IN_THREADS;
        let history = Permissions::READ_MESSAGE_HISTORY;
        // (what made it quiet, the interaction's permissions, a thread?, answered again)
        let rows = [
            ("no access", send | history, Some(false), false),
            ("no access", see | send | history, Some(false), true),
            ("no access", see | history, Some(false), false),
            ("no access", see | send, Some(false), false),
            ("no access", see | in_threads | history, Some(true), true),
            ("no access", see | send | history, Some(true), false),
            ("no access", in_threads | history, Some(true), false),
            ("no access", see | send | history, None, true),
            ("refused", send | history, Some(false), false),
            ("refused", see | send | history, Some(false), true),
        ];
        for (quiet, permissions, thread, want) in rows {
            let mut a = Access::default();
            if quiet == "no access" {
                a.inaccessible(None, 1, t0);
            } else {
                a.refused(None, 1, Plan::Plain, t0);
            }
            a.granted(1, permissions, thread);
            let plan = a.plan(1, t0);
            assert_eq!(
                plan != Plan::Silent,
                want,
                "quiet after {quiet}, then {permissions:?} in a thread: {thread:?}: {plan:?}"
            );
        }
    }

    #[test]
    fn a_thread_needs_send_messages_in_threads() {
        let send = Permissions::SEND_MESSAGES;
        let in_threads = Permissions::SEND_MESSAGES_IN_THREADS;
        // (permissions, a thread?, may send)
        let rows = [
            (send, Some(false), true),
            (in_threads, Some(false), false),
            (in_threads, Some(true), true),
            (send, Some(true), false),
            (send, None, true),
            (in_threads, None, true),
            (Permissions::VIEW_CHANNEL, None, false),
        ];
        for (permissions, thread, want) in rows {
            assert_eq!(
                may_send(permissions, thread),
                want,
                "{permissions:?} in a thread: {thread:?}"
            );
        }
    }

    #[test]
    fn what_posting_lacks_is_named_for_the_kind_of_channel() {
        let see = Permissions::VIEW_CHANNEL;
        let send = Permissions::SEND_MESSAGES;
        let in_threads = Permissions::SEND_MESSAGES_IN_THREADS;
        // (permissions, a thread?, what is missing)
        let rows = [
            (see | send, Some(false), ""),
            (see | in_threads, Some(true), ""),
            (see | in_threads, Some(false), "Send Messages"),
            (see | send, Some(true), "Send Messages in Threads"),
            (
                see,
                None,
                "Send Messages (Send Messages in Threads in a thread)",
            ),
            (send, Some(false), "View Channel"),
            (
                Permissions::empty(),
                Some(true),
                "View Channel and Send Messages in Threads",
            ),
        ];
        for (permissions, thread, want) in rows {
            assert_eq!(
                missing_to_post(permissions, thread),
                want,
                "{permissions:?} in a thread: {thread:?}"
            );
        }
    }

    #[test]
    fn refused_replies_mention_the_asker_and_are_probed_rarely() {
        let t0 = Instant::now();
        let mut a = Access::default();
        assert!(a.replies(1, t0), "unknown channel: reply");
        a.cannot_reply(Some(9), 1, t0);
        assert_eq!(a.plan(1, t0), Plan::Embed, "embeds are not in question");
        assert!(a.replies(2, t0), "other channels unaffected");
        // (time after the refusal, reply wanted)
        let rows = [
            (Duration::from_secs(1), false),
            (PROBE_EVERY - Duration::from_secs(1), false),
            (PROBE_EVERY, true),
            (PROBE_EVERY + Duration::from_secs(1), false),
        ];
        for (after, want) in rows {
            assert_eq!(
                a.replies(1, t0 + after),
                want,
                "{after:?} after the refusal"
            );
        }
        a.delivered(None, 1, Plan::Embed, false);
        assert!(!a.replies(1, t0), "a mention got through: still no replies");
        a.delivered(None, 1, Plan::Embed, true);
        assert!(a.replies(1, t0), "a probe reply got through");
        assert!(a.is_empty(), "nothing left to remember");
    }

    #[test]
    fn an_interaction_showing_read_message_history_restores_replies() {
        let t0 = Instant::now();
        let mut a = Access::default();
        a.cannot_reply(None, 1, t0);
        a.granted(
            1,
            Permissions::SEND_MESSAGES | Permissions::EMBED_LINKS,
            None,
        );
        assert!(!a.replies(1, t0), "still no Read Message History");
        a.granted(1, Permissions::all(), None);
        assert!(a.replies(1, t0));
        assert!(a.is_empty());
    }
}
