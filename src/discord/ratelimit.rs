//! Keeping serenity's ratelimiter small: it keeps one entry per route it
//! has seen, and an interaction's callback route includes the
//! interaction's id, so without pruning it grows by one entry per
//! interaction for as long as the process runs. [`prune`] drops the
//! entries nothing is using whose rate-limit window has passed (they hold
//! nothing worth knowing); [`keep_pruned`] runs it periodically.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

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
