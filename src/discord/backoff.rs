//! How long one delivery waits before trying a failed request again: after
//! a 5xx or a dropped connection 100 ms doubling up to 1.6 s; after a 429
//! 1 s doubling with each 429 in a row, up to 8 s, so a long rate limit
//! costs a few requests in a reply's window, not one a second (each 429
//! counts toward Discord's limit of 10,000 invalid requests in 10 minutes).
//!
//! A 429 reaches factdesk only through a `proxy` (with its own ratelimiter
//! on, serenity waits 429s out itself), and serenity hands it back with
//! neither its headers (`retry-after`, `x-ratelimit-global`) nor its body's
//! `retry_after` and `global`: its error keeps the status, the URL, the
//! method and Discord's JSON error code and message, which a 429's body
//! does not even have. So the wait Discord asked for is not known here,
//! and the doubling stands in for it.

use std::time::Duration;

use super::delivery::Fault;

/// The wait after the first 429 of a run.
pub const RATE_LIMITED_WAIT: Duration = Duration::from_secs(1);

/// The longest wait after a 429: 1, 2, 4, 8, 8 … s.
pub const RATE_LIMITED_CAP: Duration = Duration::from_secs(8);

/// Returns the wait before try `n` (1: the first retry) after a 5xx or a
/// dropped connection: 100 ms doubling up to 1.6 s.
pub fn backoff(n: u32) -> Duration {
    Duration::from_millis(100 << n.saturating_sub(1).min(4))
}

/// Returns the wait after the `n`th 429 in a row (1: the first):
/// [`RATE_LIMITED_WAIT`] doubling up to [`RATE_LIMITED_CAP`].
pub fn rate_limited_wait(n: u32) -> Duration {
    (RATE_LIMITED_WAIT * (1 << n.saturating_sub(1).min(8))).min(RATE_LIMITED_CAP)
}

/// The failed tries of one delivery so far, which set the next wait.
#[derive(Debug, Default, Clone, Copy)]
pub struct Backoff {
    /// Tries failed so far.
    failed: u32,
    /// Of them, the 429s since the last other fault.
    rate_limited: u32,
}

impl Backoff {
    /// Records a try that failed with `fault`, one tried again ([`Fault::Retry`]
    /// or [`Fault::RateLimited`]).
    ///
    /// Returns the wait before the next try: [`rate_limited_wait`] after a
    /// 429, by the 429s in a row; [`backoff`] otherwise, by the tries failed.
    pub fn after(&mut self, fault: Fault) -> Duration {
        self.failed += 1;
        if fault == Fault::RateLimited {
            self.rate_limited += 1;
            rate_limited_wait(self.rate_limited)
        } else {
            self.rate_limited = 0;
            backoff(self.failed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let waits: Vec<u64> = (1..=7).map(|n| backoff(n).as_millis() as u64).collect();
        assert_eq!(waits, [100, 200, 400, 800, 1600, 1600, 1600]);
    }

    #[test]
    fn waits_after_429s_in_a_row_double_up_to_the_cap() {
        let waits: Vec<u64> = (1..=6).map(|n| rate_limited_wait(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
        assert_eq!(rate_limited_wait(u32::MAX), RATE_LIMITED_CAP, "no overflow");
    }

    #[test]
    fn a_run_of_429s_doubles_and_another_fault_ends_it() {
        // (the fault of each failed try, the wait after it in ms)
        let rows = [
            (Fault::RateLimited, 1_000),
            (Fault::RateLimited, 2_000),
            (Fault::RateLimited, 4_000),
            (Fault::Retry, 800), // the fourth failed try: backoff(4)
            (Fault::RateLimited, 1_000),
            (Fault::RateLimited, 2_000),
        ];
        let mut b = Backoff::default();
        for (i, (fault, want)) in rows.into_iter().enumerate() {
            let got = b.after(fault).as_millis() as u64;
            assert_eq!(got, want, "try {} failed with {fault:?}", i + 1);
        }
    }

    #[test]
    fn a_long_rate_limit_costs_few_tries_in_a_reply_window() {
        use super::super::delivery::REPLY_WINDOW;
        // Tries start while the next one is due before the window ends.
        let mut b = Backoff::default();
        let (mut at, mut tries) = (Duration::ZERO, 1);
        loop {
            let next = at + b.after(Fault::RateLimited);
            if next >= REPLY_WINDOW {
                break;
            }
            (at, tries) = (next, tries + 1);
        }
        assert_eq!(
            tries, 4,
            "tries at 0, 1, 3 and 7 s in the {REPLY_WINDOW:?} window, not one a second"
        );
    }
}
