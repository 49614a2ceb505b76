//! Per-user and per-channel cooldowns: how long a user waits between two
//! questions and a channel between two of factdesk's posts. A user who
//! asks again too soon is refused; a question in a channel that is
//! cooling down waits for its turn instead ([`Turn::Answer`]), up to
//! [`WAITING`] questions a channel, past which the asker is told to ask
//! again ([`Turn::Busy`]) in the channel's next busy notice, which goes
//! with its next turn, at most one a channel cooldown, for all the askers
//! told meanwhile ([`super::busy`]). A slash command is answered at once (Discord
//! waits 3 s for it): only its user's cooldown holds it, and its public
//! answer counts as a post in the channel ([`Cooldowns::posted`]). What a
//! question spent is given back if its answer is lost
//! ([`Cooldowns::give_back`]), so that asking again is answered.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Above this many remembered users and channels, expired ones are dropped.
const PRUNE_AT: usize = 10_000;

/// How many questions may wait for one channel's cooldown at once: the
/// last waits this many channel cooldowns (8 s by default).
pub const WAITING: u32 = 4;

/// When each user last asked and each channel last got (or will get) a
/// post.
#[derive(Debug)]
pub struct Cooldowns {
    user: Duration,
    channel: Duration,
    users: HashMap<u64, Instant>,
    /// A channel's last post, or the turn of the last question waiting.
    channels: HashMap<u64, Instant>,
    /// When a channel's last busy notice went, or its next one goes.
    notices: HashMap<u64, Instant>,
}

/// When a question in a channel is answered ([`Cooldowns::take`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "answer at its turn, and give back what was spent if the answer is lost"]
pub enum Turn {
    /// Answer at `at`: at once, or when the channel's cooldown (and those
    /// of the questions waiting before it) ends.
    Answer { at: Instant, spent: Spent },
    /// [`WAITING`] questions already wait for the channel: tell the asker
    /// to ask again in `retry` (from now), in the channel's busy notice
    /// due at `notice`: with the channel's next turn, when there is room
    /// again, but at least one channel cooldown after the notice before,
    /// so that a burst of questions gets one notice, not one each. Only
    /// the user's cooldown is spent, so a user gets at most one such
    /// notice per cooldown.
    Busy {
        retry: Duration,
        spent: Spent,
        notice: Instant,
    },
}

impl Cooldowns {
    /// A zero duration means no limit.
    pub fn new(user: Duration, channel: Duration) -> Cooldowns {
        Cooldowns {
            user,
            channel,
            users: HashMap::new(),
            channels: HashMap::new(),
            notices: HashMap::new(),
        }
    }

    /// Records a question from `user` in `channel` at `now`, unless the
    /// user is cooling down; it takes the channel's next turn (now, or
    /// one channel cooldown after the last post or turn taken there) if
    /// at most [`WAITING`] cooldowns away.
    ///
    /// Returns its [`Turn`], or `Err(wait)`, the time the user has left,
    /// without recording anything.
    pub fn take(&mut self, user: u64, channel: u64, now: Instant) -> Result<Turn, Duration> {
        let mut spent = self.take_user(user, now)?;
        let at = self
            .channels
            .get(&channel)
            .map_or(now, |last| (*last + self.channel).max(now));
        let wait = at.saturating_duration_since(now);
        if wait > self.channel * WAITING {
            // Room again once the first question waiting has its turn.
            let room = wait.saturating_sub(self.channel * WAITING);
            let retry = room.max(self.user);
            let notice = self.notice(channel, now + room, now);
            return Ok(Turn::Busy {
                retry,
                spent,
                notice,
            });
        }
        if !self.channel.is_zero() {
            spent.channel = channel;
            spent.channel_mark = Some(mark(&mut self.channels, channel, at));
        }
        Ok(Turn::Answer { at, spent })
    }

    /// Returns when the busy notice of `channel` goes for a question told
    /// at `now` to ask again: the one due later, if there is one, or a new
    /// one at `room` (the channel's next turn), at least one channel
    /// cooldown after the last.
    fn notice(&mut self, channel: u64, room: Instant, now: Instant) -> Instant {
        let last = self.notices.get(&channel).copied();
        if let Some(due) = last.filter(|due| *due > now) {
            return due;
        }
        let at = last.map_or(room, |last| room.max(last + self.channel));
        self.notices.insert(channel, at);
        at
    }

    /// Records a question from `user` at `now` unless the user is cooling
    /// down, whatever the channel: a slash command's (see
    /// [`Cooldowns::posted`] for its channel).
    ///
    /// Returns what it spent, or `Err(wait)`, the time left, without
    /// recording anything.
    pub fn take_user(&mut self, user: u64, now: Instant) -> Result<Spent, Duration> {
        let left = self.users.get(&user).map_or(Duration::ZERO, |t| {
            self.user.saturating_sub(now.saturating_duration_since(*t))
        });
        if !left.is_zero() {
            return Err(left);
        }
        if self.users.len() + self.channels.len() + self.notices.len() > PRUNE_AT {
            let (u, c) = (self.user, self.channel);
            self.users
                .retain(|_, t| now.saturating_duration_since(*t) < u);
            self.channels
                .retain(|_, t| now.saturating_duration_since(*t) < c);
            self.notices
                .retain(|_, t| now.saturating_duration_since(*t) < c);
        }
        let user_mark = (!self.user.is_zero()).then(|| mark(&mut self.users, user, now));
        Ok(Spent {
            user,
            user_mark,
            channel: 0,
            channel_mark: None,
        })
    }

    /// Records that the question that `spent` gets a public answer posted
    /// in `channel` at `now` (a slash command's: it does not wait), so
    /// that the channel's next questions wait their turn after it; a turn
    /// already taken there stays.
    pub fn posted(&mut self, spent: &mut Spent, channel: u64, now: Instant) {
        if self.channel.is_zero() {
            return;
        }
        let at = self.channels.get(&channel).map_or(now, |t| (*t).max(now));
        spent.channel = channel;
        spent.channel_mark = Some(mark(&mut self.channels, channel, at));
    }

    /// Gives back what a question `spent` (its answer was lost): its user
    /// and channel cool down from what came before it, as if it had not
    /// been asked; what a later question spent stays.
    pub fn give_back(&mut self, spent: Spent) {
        if let Some(m) = spent.user_mark {
            unmark(&mut self.users, spent.user, m);
        }
        if let Some(m) = spent.channel_mark {
            unmark(&mut self.channels, spent.channel, m);
        }
    }
}

/// Sets `key`'s time in `times` to `at`.
///
/// Returns the mark to undo it ([`unmark`]).
fn mark(times: &mut HashMap<u64, Instant>, key: u64, at: Instant) -> Mark {
    Mark {
        at,
        before: times.insert(key, at),
    }
}

/// Puts back `key`'s time from before `m`, unless something set it since.
fn unmark(times: &mut HashMap<u64, Instant>, key: u64, m: Mark) {
    if times.get(&key) != Some(&m.at) {
        return;
    }
    match m.before {
        Some(before) => times.insert(key, before),
        None => times.remove(&key),
    };
}

/// A time a question set, and the one it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    at: Instant,
    before: Option<Instant>,
}

/// The cooldowns one question spent ([`Cooldowns::take`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "give it back if the answer is lost"]
pub struct Spent {
    user: u64,
    user_mark: Option<Mark>,
    channel: u64,
    channel_mark: Option<Mark>,
}

/// Returns `wait` in whole seconds, rounded up, as a notice says it.
pub fn whole_secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a question got, for the tables: the ms it waits for its turn,
    /// "busy" with the retry in ms, or "user" with the user's wait in ms.
    fn outcome(got: Result<Turn, Duration>, now: Instant) -> (&'static str, u128) {
        match got {
            Ok(Turn::Answer { at, .. }) => ("answer", (at - now).as_millis()),
            Ok(Turn::Busy { retry, .. }) => ("busy", retry.as_millis()),
            Err(wait) => ("user", wait.as_millis()),
        }
    }

    #[test]
    fn a_channel_cooling_down_delays_other_users_questions() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(2));
        // (user, channel, ms, outcome, its ms)
        let rows = [
            (1, 10, 0, "answer", 0),
            (1, 11, 1000, "user", 4000), // same user, other channel: user cooldown
            (2, 10, 1000, "answer", 1000), // other user, same channel: waits its turn, at 2 s
            (3, 11, 1000, "answer", 0),  // both free
            (4, 10, 1500, "answer", 2500), // after user 2's turn: at 4 s
            (5, 10, 1500, "answer", 4500), // at 6 s
            (6, 10, 1500, "answer", 6500), // at 8 s: the fourth waiting
            (7, 10, 1500, "busy", 5000), // a fifth would wait past 4 cooldowns
            (7, 10, 2000, "user", 4500), // and its user's cooldown was spent
            (8, 10, 2500, "answer", 7500), // room again since user 2's turn at 2 s: at 10 s
            (9, 12, 4999, "answer", 0),
            (1, 12, 5000, "answer", 1999), // user 1 free after 5 s; channel 12 busy until 6.999 s
            (10, 10, 10_001, "answer", 1999), // the queue drained to one: at 12 s
        ];
        for (user, channel, ms, want, want_ms) in rows {
            let got = outcome(c.take(user, channel, at(ms)), at(ms));
            assert_eq!(
                got,
                (want, want_ms),
                "user {user} channel {channel} at {ms} ms"
            );
        }
    }

    #[test]
    fn busy_retry_is_when_there_is_room_again() {
        let t0 = Instant::now();
        let mut c = Cooldowns::new(Duration::ZERO, Duration::from_secs(10));
        for user in 0..=WAITING {
            let got = outcome(c.take(u64::from(user), 1, t0), t0);
            assert_eq!(got, ("answer", u128::from(user) * 10_000), "user {user}");
        }
        let busy = outcome(c.take(99, 1, t0 + Duration::from_secs(3)), t0);
        assert_eq!(
            busy,
            ("busy", 7000),
            "the first in line is answered at 10 s: room then"
        );
    }

    #[test]
    fn questions_told_to_ask_again_share_one_notice_with_the_next_turn() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::ZERO, Duration::from_secs(2));
        // One answered at once and four waiting, turns 2 s apart until 8 s.
        for user in 0..=u64::from(WAITING) {
            let got = c.take(user, 10, t0);
            assert!(
                matches!(got, Ok(Turn::Answer { .. })),
                "user {user}: {got:?}"
            );
        }
        // (user, ms, its turn or its notice, in ms)
        let rows = [
            (10, 0, "notice", 2000),   // with the first waiting turn: room then
            (11, 500, "notice", 2000), // told in the same notice
            (12, 1999, "notice", 2000),
            (13, 2000, "answer", 10_000), // room since the turn at 2 s
            (14, 2100, "notice", 4000),   // the next notice, a cooldown later
            (15, 3000, "notice", 4000),
            (16, 4000, "answer", 12_000),
        ];
        for (user, ms, want, want_ms) in rows {
            let got = match c.take(user, 10, at(ms)) {
                Ok(Turn::Answer { at, .. }) => ("answer", (at - t0).as_millis()),
                Ok(Turn::Busy { notice, .. }) => ("notice", (notice - t0).as_millis()),
                Err(wait) => ("user", wait.as_millis()),
            };
            assert_eq!(got, (want, want_ms), "user {user} at {ms} ms");
        }
    }

    #[test]
    fn a_slash_command_waits_for_its_user_alone_and_its_public_answer_counts() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(2));
        let _ = c.take(1, 10, at(0)).expect("free at first");
        // Another user's command in the cooling channel is not held up.
        let mut slash = c
            .take_user(2, at(500))
            .expect("only the user's cooldown counts");
        assert_eq!(c.take_user(2, at(600)), Err(Duration::from_millis(4900)));
        // Private answer: nothing recorded for the channel; user 3's turn is at 2 s.
        let got = outcome(c.take(3, 10, at(1000)), at(1000));
        assert_eq!(got, ("answer", 1000), "a private answer does not count");
        // A public answer posted at 2.5 s: the next turn is after it.
        c.posted(&mut slash, 10, at(2500));
        let got = outcome(c.take(4, 10, at(2500)), at(2500));
        assert_eq!(got, ("answer", 2000), "after the public answer");
        // Posted in a channel whose turns are taken ahead: they stay.
        let mut other = c.take_user(5, at(2600)).expect("free");
        c.posted(&mut other, 10, at(2600));
        let got = outcome(c.take(6, 10, at(2600)), at(2600));
        assert_eq!(got, ("answer", 3900), "after user 4's turn at 4.5 s");
    }

    #[test]
    fn a_lost_answer_gives_its_cooldown_back() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(5));
        let Ok(Turn::Answer { spent: lost, .. }) = c.take(1, 10, at(0)) else {
            panic!("free at first")
        };
        assert!(c.take(1, 10, at(1000)).is_err(), "the user is cooling down");
        c.give_back(lost);
        let got = outcome(c.take(1, 10, at(1000)), at(1000));
        assert_eq!(
            got,
            ("answer", 0),
            "asked again after a lost answer: at once"
        );
        // A cooldown spent by a later question is not given back by an older one.
        c.give_back(lost);
        assert_eq!(
            c.take(1, 10, at(2000)),
            Err(Duration::from_secs(4)),
            "the later question's cooldown stays"
        );
        // A lost turn in the middle of the line: the turns after it stay,
        // and the channel is not freed.
        let Ok(Turn::Answer { spent: middle, .. }) = c.take(2, 10, at(2000)) else {
            panic!("waits its turn")
        };
        let _ = c.take(3, 10, at(2000));
        c.give_back(middle);
        let got = outcome(c.take(4, 10, at(2000)), at(2000));
        assert_eq!(got, ("answer", 14_000), "after user 3's turn at 11 s");
        // A lost public slash answer: the channel cools down from before it.
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(5));
        let _ = c.take(1, 10, at(0));
        let mut slash = c.take_user(2, at(1000)).expect("free");
        c.posted(&mut slash, 10, at(1000));
        c.give_back(slash);
        assert!(
            c.take_user(2, at(1000)).is_ok(),
            "the user's cooldown given back"
        );
        let got = outcome(c.take(3, 10, at(1000)), at(1000));
        assert_eq!(got, ("answer", 4000), "cools down from user 1's answer");
    }

    #[test]
    fn zero_means_no_limit_and_wait_is_reported() {
        let now = Instant::now();
        let mut free = Cooldowns::new(Duration::ZERO, Duration::ZERO);
        for _ in 0..=WAITING + 1 {
            assert_eq!(outcome(free.take(1, 1, now), now), ("answer", 0));
        }
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::ZERO);
        assert!(c.take(1, 1, now).is_ok());
        assert_eq!(
            c.take(1, 2, now + Duration::from_secs(1)),
            Err(Duration::from_secs(4))
        );
    }

    #[test]
    fn waits_are_said_in_whole_seconds_rounded_up() {
        let rows = [(0, 0), (1, 1), (999, 1), (1000, 1), (1001, 2), (4500, 5)];
        for (ms, secs) in rows {
            assert_eq!(whole_secs(Duration::from_millis(ms)), secs, "{ms} ms");
        }
    }
}
