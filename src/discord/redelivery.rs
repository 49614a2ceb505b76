//! Late delivery: a channel answer Discord would not take within its
//! window (a run of 5xx, a long 429, a lost connection) is tried again
//! later instead of being lost, after 5 s and then waits doubling up to a
//! minute, for up to [`KEEP_TRYING`] after the question. An answer a few
//! minutes late, as a reply to the question, beats none. Shutdown cuts the
//! wait short: one last try, ended by shutdown's cut-off, then it gives
//! up. A refusal for a missing permission steps down as a first try does
//! (plain text, a mention of the asker), tried at once; one that would
//! only repeat (no step left, a bad request) ends it at once.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use tracing::{debug, error, info, warn};

use super::delivery::{target_line, try_bounded, Failed, Fault, Stopping, Target, REPLY_WINDOW};

/// How long after the question a late answer is still tried.
pub const KEEP_TRYING: Duration = Duration::from_secs(300);

/// Returns the wait before late try `n` (1: the first): 5 s doubling up
/// to 60 s.
pub fn late_wait(n: u32) -> Duration {
    Duration::from_secs((5u64 << n.saturating_sub(1).min(4)).min(60))
}

/// Returns whether a delivery that failed with `failed` may go through
/// later: a transient fault, or a try still under way at the deadline.
pub fn worth_trying_later(failed: &Failed) -> bool {
    matches!(failed, Failed::Late) || passes(failed.fault())
}

/// Returns whether `fault` may pass: a 5xx, a 429 or connection trouble.
fn passes(fault: Fault) -> bool {
    matches!(fault, Fault::Retry | Fault::RateLimited)
}

/// Tries `send` again, once per late try, until it goes through, a
/// refusal would only repeat, [`KEEP_TRYING`] has passed since `asked`,
/// or shutdown begins (`stopping`; then once more at once, ended by its
/// cut-off). A refusal that will not pass is handed to `step_down`, the
/// caller's answer to it on a first try (e.g. plain text where embeds are
/// refused), which returns whether `send` now sends another way: that is
/// tried at once. Logs a WARN line when it starts, an INFO line when the
/// answer goes through and an ERROR line when it gives up, each with
/// `target`.
///
/// Returns whether the answer went through.
pub async fn keep_trying<T, F, Fut>(
    target: Target,
    asked: Instant,
    mut stopping: Stopping,
    mut send: F,
    mut step_down: impl FnMut(&Failed) -> bool,
) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let give_up = asked + KEEP_TRYING;
    target_line!(
        warn,
        target,
        "Discord did not take the answer in time: trying again for up to {} min",
        KEEP_TRYING.as_secs() / 60
    );
    // Whether the try before stepped down: the post sent another way goes at once.
    let mut at_once = false;
    for n in 1.. {
        if !at_once {
            // Both return at once when shutdown has begun or time is up.
            let wake = (Instant::now() + late_wait(n)).min(give_up);
            tokio::select! {
                () = tokio::time::sleep_until(wake) => {}
                _ = stopping.wait_for(Option::is_some) => {}
            }
        }
        let last = stopping.borrow().is_some() || Instant::now() >= give_up;
        let failed = match try_bounded(Instant::now() + REPLY_WINDOW, &stopping, send()).await {
            Ok(_) => {
                target_line!(
                    info,
                    target,
                    late_secs = asked.elapsed().as_secs(),
                    tries = n,
                    "delivered the answer late"
                );
                return true;
            }
            Err(failed) => failed,
        };
        if matches!(failed.fault(), Fault::Delivered) {
            return true;
        }
        let later = worth_trying_later(&failed);
        at_once = !later && step_down(&failed);
        if at_once {
            debug!(
                id = target.id,
                tries = n,
                "late try refused, stepping down: {failed}"
            );
            continue;
        }
        if last || !later {
            target_line!(
                error,
                target,
                tries = n,
                "gave up delivering the answer late: {failed}"
            );
            return false;
        }
        debug!(id = target.id, tries = n, "late try failed: {failed}");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_waits_grow_to_a_minute() {
        let waits: Vec<u64> = (1..=7).map(|n| late_wait(n).as_secs()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60]);
        let total: u64 = waits.iter().sum();
        assert!(
            total < KEEP_TRYING.as_secs(),
            "several tries fit in the time kept: {total} s"
        );
    }

    #[test]
    fn only_passing_faults_are_tried_later() {
        use super::super::delivery::answered;
        // (status, Discord error code, tried later)
        let rows = [
            (503, 0, true),
            (500, 0, true),
            (429, 0, true),
            (403, 50013, false),
            (403, 50001, false),
            (403, 160002, false),
            (400, 50035, false),
            (404, 10003, false),
            (400, 40060, false),
        ];
        for (status, code, want) in rows {
            assert_eq!(passes(answered(status, code)), want, "{status} / {code}");
        }
        assert!(
            worth_trying_later(&Failed::Late),
            "a try cut off at the deadline"
        );
    }
}
