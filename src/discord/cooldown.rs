//! Per-user and per-channel cooldowns: how long a user waits between two
//! questions and a channel between two answers. A question's cooldown is
//! spent when it is asked, and given back if its answer is lost
//! ([`Cooldowns::give_back`]), so that asking again is answered.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Above this many remembered users and channels, expired ones are dropped.
const PRUNE_AT: usize = 10_000;

/// When each user and channel last got an answer.
#[derive(Debug)]
pub struct Cooldowns {
    user: Duration,
    channel: Duration,
    users: HashMap<u64, Instant>,
    channels: HashMap<u64, Instant>,
}

impl Cooldowns {
    /// A zero duration means no limit.
    pub fn new(user: Duration, channel: Duration) -> Cooldowns {
        Cooldowns {
            user,
            channel,
            users: HashMap::new(),
            channels: HashMap::new(),
        }
    }

    /// Records a question from `user` in `channel` at `now` if neither is
    /// cooling down.
    ///
    /// Returns what it spent, to give back if the answer is lost, or
    /// `Err(wait)`, the time left, without recording anything if one of
    /// them is cooling down.
    pub fn take(&mut self, user: u64, channel: u64, now: Instant) -> Result<Spent, Duration> {
        let left = |last: Option<&Instant>, span: Duration| {
            last.map_or(Duration::ZERO, |t| {
                span.saturating_sub(now.saturating_duration_since(*t))
            })
        };
        let wait = left(self.users.get(&user), self.user)
            .max(left(self.channels.get(&channel), self.channel));
        if !wait.is_zero() {
            return Err(wait);
        }
        if self.users.len() + self.channels.len() > PRUNE_AT {
            let (u, c) = (self.user, self.channel);
            self.users
                .retain(|_, t| now.saturating_duration_since(*t) < u);
            self.channels
                .retain(|_, t| now.saturating_duration_since(*t) < c);
        }
        if !self.user.is_zero() {
            self.users.insert(user, now);
        }
        if !self.channel.is_zero() {
            self.channels.insert(channel, now);
        }
        Ok(Spent {
            user,
            channel,
            at: now,
        })
    }

    /// Gives back what a question `spent` (its answer was lost): its user
    /// and channel cool down from their question before, as if it had not
    /// been asked; a later question's cooldown stays.
    pub fn give_back(&mut self, spent: Spent) {
        if self.users.get(&spent.user) == Some(&spent.at) {
            self.users.remove(&spent.user);
        }
        if self.channels.get(&spent.channel) == Some(&spent.at) {
            self.channels.remove(&spent.channel);
        }
    }
}

/// The cooldown one question spent ([`Cooldowns::take`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "give it back if the answer is lost"]
pub struct Spent {
    user: u64,
    channel: u64,
    at: Instant,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_and_channel_wait_their_own_time() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(2));
        // (user, channel, ms, allowed)
        let rows = [
            (1, 10, 0, true),
            (1, 11, 1000, false), // same user, other channel: user cooldown
            (2, 10, 1000, false), // other user, same channel: channel cooldown
            (2, 11, 1000, true),  // both free
            (3, 10, 2000, true),  // channel free again after 2 s
            (1, 12, 4999, false), // user still waits
            (1, 12, 5000, true),  // user free after 5 s
        ];
        for (user, channel, ms, allowed) in rows {
            let got = c.take(user, channel, at(ms));
            assert_eq!(
                got.is_ok(),
                allowed,
                "user {user} channel {channel} at {ms} ms: {got:?}"
            );
        }
    }

    #[test]
    fn a_lost_answer_gives_its_cooldown_back() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::from_secs(5));
        let lost = c.take(1, 10, at(0)).expect("free at first");
        assert!(c.take(1, 10, at(1000)).is_err(), "cooling down");
        c.give_back(lost);
        assert!(
            c.take(1, 10, at(1000)).is_ok(),
            "asked again after a lost answer: answered"
        );
        // A cooldown spent by a later question is not given back by an older one.
        let older = Spent {
            user: 1,
            channel: 10,
            at: at(0),
        };
        c.give_back(older);
        assert_eq!(
            c.take(1, 10, at(2000)),
            Err(Duration::from_secs(4)),
            "the later question's cooldown stays"
        );
    }

    #[test]
    fn zero_means_no_limit_and_wait_is_reported() {
        let now = Instant::now();
        let mut free = Cooldowns::new(Duration::ZERO, Duration::ZERO);
        assert!(free.take(1, 1, now).is_ok() && free.take(1, 1, now).is_ok());
        let mut c = Cooldowns::new(Duration::from_secs(5), Duration::ZERO);
        assert!(c.take(1, 1, now).is_ok());
        assert_eq!(
            c.take(1, 2, now + Duration::from_secs(1)),
            Err(Duration::from_secs(4))
        );
    }
}
