//! Getting the slash commands registered: each try is bounded by
//! [`REGISTER_WINDOW`] and a failed one is tried again with a doubling
//! wait, its log line saying what happened ([`Refusal`]): Discord rate
//! limited it (with the wait it asked for, when known), gave no answer, or
//! refused it for good because factdesk was invited without the
//! `applications.commands` scope. That last one is one ERROR naming the
//! fix, then a quiet try every [`SCOPE_RETRY`]; mentions are answered
//! all along.

use std::time::Duration;

use serenity::all::Http;
use serenity::http::HttpError;
use tracing::{debug, error, info};

use super::commands::register;
use super::delivery::{code, Failed};
use super::ratelimit::{Wait, Waits};
use crate::config::DiscordConfig;

/// The first wait before registering again, and the longest.
const FIRST_RETRY: Duration = Duration::from_secs(1);
const LONGEST_RETRY: Duration = Duration::from_secs(60);

/// How long one registration may take before it counts as failed (a
/// request Discord never answers, or a rate limit serenity is still
/// waiting out) and is tried again.
pub const REGISTER_WINDOW: Duration = Duration::from_secs(10);

/// How often a registration refused for a missing scope is tried again
/// (it goes through once the bot is invited again with the scope).
pub const SCOPE_RETRY: Duration = Duration::from_secs(600);

/// What the registration request paths end with, as serenity reports them.
const ROUTE: &str = "/commands";

/// Why a registration try failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Discord asked factdesk to wait (429): what serenity's ratelimiter
    /// reported of it, if it did (through a `proxy` nothing is known).
    RateLimited(Option<Wait>),
    /// No answer within the window, and no rate limit reported.
    NoAnswer(Duration),
    /// 403, or 50001 Missing Access: the bot was invited without the
    /// `applications.commands` scope (or a command guild is not one of
    /// its servers). Trying again soon would fail the same way.
    MissingScope,
    /// Anything else, in the words a failed delivery is logged with
    /// ([`Failed`]).
    Other(String),
}

impl Refusal {
    /// Returns the refusal of an error answer with HTTP `status` and
    /// Discord JSON error `code`, `text` being serenity's words for it.
    pub fn answered(status: u16, code: isize, text: String) -> Refusal {
        match (status, code) {
            (429, _) => Refusal::RateLimited(None),
            (403, _) | (_, code::MISSING_ACCESS) => Refusal::MissingScope,
            _ => Refusal::Other(text),
        }
    }

    /// Returns the refusal that `e` means, in the words a failed delivery
    /// is logged with ([`Failed`]: an error page's status, not serenity's
    /// "could not decode").
    pub fn of(e: serenity::Error) -> Refusal {
        let answer = match &e {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
                Some((r.status_code.as_u16(), r.error.code))
            }
            _ => None,
        };
        let text = Failed::Error(e).to_string();
        match answer {
            Some((status, code)) => Refusal::answered(status, code, text),
            None => Refusal::Other(text),
        }
    }

    /// Returns the refusal of a try given up after `window`: a rate limit
    /// if serenity reported one still being waited out (`waiting`), else
    /// no answer.
    pub fn timed_out(window: Duration, waiting: Option<Wait>) -> Refusal {
        match waiting {
            Some(wait) => Refusal::RateLimited(Some(wait)),
            None => Refusal::NoAnswer(window),
        }
    }

    /// Returns the wait before the next try, after a `backoff` wait: at
    /// least what Discord asked for, and rarely after a missing scope.
    pub fn next_try(&self, backoff: Duration) -> Duration {
        match self {
            Refusal::RateLimited(Some(wait)) => backoff.max(wait.left),
            Refusal::MissingScope => SCOPE_RETRY,
            _ => backoff,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::RateLimited(Some(wait)) => write!(
                f,
                "rate limited by Discord (429 Too Many Requests, retry after {:.1} s; {:.1} s of it left when the {} s window ended)",
                wait.asked.as_secs_f64(),
                wait.left.as_secs_f64(),
                REGISTER_WINDOW.as_secs()
            ),
            Refusal::RateLimited(None) => {
                f.write_str("rate limited by Discord (429 Too Many Requests, retry-after not known)")
            }
            Refusal::NoAnswer(window) => write!(
                f,
                "no answer from Discord within {} ms (a hung request)",
                window.as_millis()
            ),
            Refusal::MissingScope => write!(
                f,
                "Discord refused it (403 Missing Access): factdesk was invited without the applications.commands scope; re-invite it with the bot and applications.commands scopes (developer portal: OAuth2 > URL Generator), and check that [discord] dev_guild_id and admin_guild_id, if set, name servers it is in. Until then there are no slash commands, mentions are still answered, and registration is tried again every {} min",
                SCOPE_RETRY.as_secs() / 60
            ),
            Refusal::Other(text) => f.write_str(text),
        }
    }
}

/// Registers the commands, each try given `window`, trying again until
/// Discord accepts them: after a doubling wait (1 s up to 60 s, at least
/// what a rate limit asks for), or every [`SCOPE_RETRY`] after a missing
/// scope. Every failure is logged, saying what happened ([`Refusal`]; a
/// rate limit is known from `waits`), except a missing scope after its
/// first ERROR line.
pub async fn register_until_done(
    http: &Http,
    discord: &DiscordConfig,
    window: Duration,
    waits: &Waits,
) {
    let mut backoff = FIRST_RETRY;
    let mut told_scope = false;
    for attempt in 1u32.. {
        let refusal = match tokio::time::timeout(window, register(http, discord)).await {
            Ok(Ok(n)) => {
                info!(attempt, "registered {n} commands");
                return;
            }
            Ok(Err(e)) => Refusal::of(e),
            Err(_) => Refusal::timed_out(window, waits.waiting(ROUTE)),
        };
        let wait = refusal.next_try(backoff);
        if refusal == Refusal::MissingScope && told_scope {
            debug!(attempt, "could not register the commands: {refusal}");
        } else {
            told_scope |= refusal == Refusal::MissingScope;
            error!(
                attempt,
                retry_in_s = wait.as_secs(),
                "could not register the commands, trying again: {refusal}"
            );
        }
        tokio::time::sleep(wait).await;
        backoff = (backoff * 2).min(LONGEST_RETRY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_says_what_happened_and_when_to_try_again() {
        let backoff = Duration::from_secs(2);
        let long_wait = Wait {
            asked: Duration::from_secs(30),
            left: Duration::from_secs(20),
        };
        // (the refusal, words its line must hold, words it must not, the next wait)
        let rows = [
            (
                Refusal::answered(429, 0, "Could not decode".into()),
                "rate limited by Discord (429 Too Many Requests, retry-after not known)",
                "decode",
                backoff,
            ),
            (
                Refusal::timed_out(REGISTER_WINDOW, Some(long_wait)),
                "rate limited by Discord (429 Too Many Requests, retry after 30.0 s; 20.0 s of it left",
                "hung",
                long_wait.left,
            ),
            (
                Refusal::timed_out(REGISTER_WINDOW, None),
                "no answer from Discord within 10000 ms",
                "rate limited",
                backoff,
            ),
            (
                Refusal::answered(403, 50001, "Missing Access".into()),
                "re-invite it with the bot and applications.commands scopes",
                "Missing Access\n",
                SCOPE_RETRY,
            ),
            (
                Refusal::answered(403, 0, "Forbidden".into()),
                "applications.commands scope",
                "429",
                SCOPE_RETRY,
            ),
            (
                Refusal::answered(500, 0, "Internal Server Error".into()),
                "Internal Server Error",
                "scope",
                backoff,
            ),
        ];
        for (refusal, says, not, wait) in rows {
            let line = refusal.to_string();
            assert!(
                line.contains(says),
                "{refusal:?}: {says:?} missing from {line:?}"
            );
            assert!(!line.contains(not), "{refusal:?}: {not:?} in {line:?}");
            assert_eq!(
                refusal.next_try(backoff),
                wait,
                "{refusal:?}: the next wait"
            );
        }
    }
}
