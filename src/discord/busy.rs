//! The notice telling askers to ask again when too many questions wait
//! for a channel ([`super::cooldown::Turn::Busy`]). One notice per channel
//! and due time covers every asker told before it goes: a burst of
//! questions gets one notice, a reply to the first asker naming the
//! others (pinging no one, as every post), not a wall of identical ones
//! ahead of the answers.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use serenity::all::{MessageId, UserId};

use super::cooldown::{whole_secs, Spent};

/// At most this many askers are named in one notice besides the one it
/// replies to (about 460 characters of mentions); the rest are counted.
pub const NAMED: usize = 20;

/// An asker to tell to ask again.
#[derive(Debug, Clone, Copy)]
pub struct Told {
    /// Their question.
    pub message: MessageId,
    pub user: UserId,
    /// When they may ask again (their cooldown, and room in the channel).
    pub until: Instant,
    /// What their question spent, settled once the notice went.
    pub spent: Spent,
}

/// The busy notices not posted yet, by channel and due time, each with
/// the askers it is for.
#[derive(Debug, Default)]
pub struct Notices {
    due: HashMap<(u64, Instant), Vec<Told>>,
}

impl Notices {
    /// Adds `told` to the notice of `channel` due `at`.
    ///
    /// Returns whether it is the first: its handler posts the notice when
    /// it is due, to the askers [`Notices::take`] gives then.
    pub fn join(&mut self, channel: u64, at: Instant, told: Told) -> bool {
        let askers = self.due.entry((channel, at)).or_default();
        askers.push(told);
        askers.len() == 1
    }

    /// Forgets the notice of `channel` due `at`: an asker joining later
    /// starts a notice of its own.
    ///
    /// Returns its askers, first the one who started it.
    pub fn take(&mut self, channel: u64, at: Instant) -> Vec<Told> {
        self.due.remove(&(channel, at)).unwrap_or_default()
    }
}

/// Returns the notice to `told` (the first is the asker it replies to)
/// posted at `now`: ask again once all of them may (the latest `until`),
/// and, if there are others, their names (at most [`NAMED`]).
pub fn text(told: &[Told], now: Instant) -> String {
    let until = told.iter().map(|t| t.until).max().unwrap_or(now);
    let wait = whole_secs(until.saturating_duration_since(now));
    let when = if wait == 0 {
        "now".to_string()
    } else {
        format!("in {wait} s")
    };
    let mut text = format!(
        "Too many questions are waiting for my answers in this channel; please ask again {when}."
    );
    let first = told.first().map(|t| t.user);
    let mut others: Vec<UserId> = Vec::new();
    for t in told {
        if Some(t.user) != first && !others.contains(&t.user) {
            others.push(t.user);
        }
    }
    if !others.is_empty() {
        let _ = write!(text, " The same goes for {}.", names(&others));
    }
    text
}

/// Returns `users` as mentions, `<@1>, <@2> and <@3>`, the ones past
/// [`NAMED`] counted (`… and 4 more`).
fn names(users: &[UserId]) -> String {
    let mut named: Vec<String> = users
        .iter()
        .take(NAMED)
        .map(|u| format!("<@{u}>"))
        .collect();
    let more = users.len().saturating_sub(NAMED);
    if more > 0 {
        named.push(format!("{more} more"));
    }
    match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::discord::cooldown::Cooldowns;

    /// An asker `user` (message `user` too) who may ask again `secs` after `now`.
    fn told(user: u64, now: Instant, secs: u64) -> Told {
        let mut c = Cooldowns::new(Duration::ZERO, Duration::ZERO);
        Told {
            message: MessageId::new(user),
            user: UserId::new(user),
            until: now + Duration::from_secs(secs),
            spent: c.take_user(user, now).expect("no cooldown"),
        }
    }

    #[test]
    fn askers_told_before_a_notice_goes_share_it() {
        let now = Instant::now();
        let (soon, later) = (now + Duration::from_secs(2), now + Duration::from_secs(4));
        let mut n = Notices::default();
        // (what, channel, due, asker, whether its handler posts the notice)
        let rows = [
            ("the first asker", 1, soon, 10, true),
            ("another, for the same notice", 1, soon, 11, false),
            ("another channel", 2, soon, 12, true),
            ("the channel's next notice", 1, later, 13, true),
            ("a third for the first notice", 1, soon, 14, false),
        ];
        for (what, channel, due, user, posts) in rows {
            assert_eq!(n.join(channel, due, told(user, now, 5)), posts, "{what}");
        }
        let users = |askers: Vec<Told>| askers.iter().map(|t| t.user.get()).collect::<Vec<_>>();
        assert_eq!(
            users(n.take(1, soon)),
            [10, 11, 14],
            "the first notice, its starter first"
        );
        assert!(n.take(1, soon).is_empty(), "taken once");
        assert!(
            n.join(1, soon, told(15, now, 5)),
            "an asker joining after the notice went starts one of its own"
        );
        assert_eq!(users(n.take(1, later)), [13]);
        assert_eq!(users(n.take(2, soon)), [12]);
    }

    #[test]
    fn the_notice_says_when_to_ask_again_and_names_the_others() {
        let now = Instant::now();
        let many: Vec<Told> = (1..=NAMED as u64 + 3).map(|u| told(u, now, 5)).collect();
        let mut named = (2..=NAMED as u64 + 1)
            .map(|u| format!("<@{u}>"))
            .collect::<Vec<_>>()
            .join(", ");
        named.push_str(" and 2 more");
        // (what, askers, what the notice says after "please ask again ")
        let rows = [
            ("one asker", vec![told(1, now, 5)], "in 5 s.".to_string()),
            (
                "two, the later cooldown counts",
                vec![told(1, now, 3), told(2, now, 4)],
                "in 4 s. The same goes for <@2>.".into(),
            ),
            (
                "three, one twice",
                vec![
                    told(1, now, 3),
                    told(2, now, 3),
                    told(1, now, 3),
                    told(3, now, 3),
                ],
                "in 3 s. The same goes for <@2> and <@3>.".into(),
            ),
            ("no wait left", vec![told(1, now, 0)], "now.".into()),
            (
                "more than can be named",
                many,
                format!("in 5 s. The same goes for {named}."),
            ),
        ];
        for (what, askers, want) in rows {
            let got = text(&askers, now);
            let want = format!(
                "Too many questions are waiting for my answers in this channel; please ask again {want}"
            );
            assert_eq!(got, want, "{what}");
        }
    }
}
