//! Keeping serenity's ratelimiter small: it keeps one entry per route it
//! has seen, and an interaction's callback route includes the
//! interaction's id, so without pruning it grows by one entry per
//! interaction for as long as the process runs. [`prune`] drops the
//! entries nothing is using whose rate-limit window has passed (they hold
//! nothing worth knowing); [`keep_pruned`] runs it periodically.
//! [`Waits`] keeps what the ratelimiter reports waiting out, so a request
//! slow because Discord asked it to wait can be told from a hung one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use serenity::all::Http;
use serenity::http::Ratelimiter;
use tracing::debug;

/// How often the ratelimiter is pruned.
pub const PRUNE_EVERY: Duration = Duration::from_secs(30);

/// Drops the ratelimiter's idle entries: no request holds them and their
/// window has reset (or Discord gave none).
///
/// Returns how many entries remain.
pub async fn prune(ratelimiter: &Ratelimiter) -> usize {
    let routes = ratelimiter.routes();
    let mut routes = routes.write().await;
    let now = SystemTime::now();
    routes.retain(|_, bucket| {
        // Held by a request under way (or another clone of the map's Arc).
        if Arc::strong_count(bucket) > 1 {
            return true;
        }
        bucket
            .try_lock()
            .map_or(true, |limit| limit.reset().is_some_and(|reset| reset > now))
    });
    routes.len()
}

/// Prunes the ratelimiter of `http` (if it has one) every [`PRUNE_EVERY`],
/// forever: spawn it.
pub async fn keep_pruned(http: Arc<Http>) {
    let Some(ratelimiter) = http.ratelimiter.as_ref() else {
        return;
    };
    let mut ticks = tokio::time::interval(PRUNE_EVERY);
    loop {
        ticks.tick().await;
        let left = prune(ratelimiter).await;
        debug!(routes = left, "pruned the ratelimiter");
    }
}

/// A wait serenity's ratelimiter reported: what Discord asked for, and
/// how much of it is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    pub asked: Duration,
    pub left: Duration,
}

/// The waits serenity's ratelimiter is under way with (a 429 it waits
/// out, a request it holds back until its bucket resets), by request
/// path, as it reports them (the `ratelimit` event). Only waits not yet
/// over are kept.
#[derive(Debug, Default)]
pub struct Waits {
    until: Mutex<HashMap<String, (Duration, Instant)>>,
}

impl Waits {
    /// Records that serenity waits `asked` before its next request to
    /// `path`.
    pub fn record(&self, path: &str, asked: Duration) {
        let now = Instant::now();
        let mut until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        until.retain(|_, (_, end)| *end > now);
        until.insert(path.to_string(), (asked, now + asked));
    }

    /// Returns the longest wait serenity is still under way with for a
    /// request whose path ends with `route`, if any.
    pub fn waiting(&self, route: &str) -> Option<Wait> {
        let now = Instant::now();
        let until = self.until.lock().unwrap_or_else(|p| p.into_inner());
        until
            .iter()
            .filter(|(path, (_, end))| path.ends_with(route) && *end > now)
            .map(|(_, (asked, end))| Wait {
                asked: *asked,
                left: *end - now,
            })
            .max_by_key(|w| w.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_waits_under_way_are_reported() {
        let waits = Waits::default();
        let commands = "https://discord.com/api/v10/applications/1/commands";
        // (path, wait asked, what waiting("/commands") reports after it)
        let rows = [
            ("https://discord.com/api/v10/channels/2/messages", 30, None),
            (commands, 0, None),
            (commands, 30, Some(30)),
        ];
        for (path, secs, want) in rows {
            waits.record(path, Duration::from_secs(secs));
            let got = waits.waiting("/commands");
            assert_eq!(
                got.map(|w| w.asked.as_secs()),
                want,
                "after {path} {secs} s"
            );
            assert!(got.is_none_or(|w| w.left <= w.asked), "{got:?}");
        }
    }
}
