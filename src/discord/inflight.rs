//! Work in flight: each event handler and each pending write of the
//! unanswered log holds a [`Ticket`] while it runs, so shutdown can wait
//! for them all (bounded) before the process exits.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// How long nothing may be in flight before a drain counts as done: a
/// handler serenity has spawned but not yet started holds no ticket yet.
const QUIET: Duration = Duration::from_millis(50);

/// A counter of work in flight.
#[derive(Debug, Default)]
pub struct Inflight {
    running: AtomicUsize,
    /// Every ticket taken so far (for logs and tests).
    taken: AtomicUsize,
    idle: Notify,
}

/// Held while one piece of work runs; dropping it ends the work.
#[derive(Debug)]
pub struct Ticket(Arc<Inflight>);

impl Drop for Ticket {
    fn drop(&mut self) {
        if self.0.running.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl Inflight {
    /// Returns a ticket that counts as work in flight until dropped.
    pub fn enter(self: &Arc<Self>) -> Ticket {
        self.running.fetch_add(1, Ordering::SeqCst);
        self.taken.fetch_add(1, Ordering::SeqCst);
        Ticket(Arc::clone(self))
    }

    /// Returns how much work is in flight now.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    /// Returns how many tickets were ever taken.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::SeqCst)
    }

    /// Waits until nothing has been in flight for a short quiet spell, or
    /// until `deadline`.
    ///
    /// Returns how much work was still in flight at the deadline (0: all done).
    pub async fn drained(&self, deadline: Instant) -> usize {
        loop {
            let idle = self.idle.notified();
            if self.running() == 0 {
                let taken = self.taken();
                let quiet = (Instant::now() + QUIET).min(deadline);
                tokio::time::sleep_until(quiet).await;
                if self.running() == 0 && self.taken() == taken {
                    return 0;
                }
                if Instant::now() >= deadline {
                    return self.running();
                }
                continue;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.running();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drained_waits_for_every_ticket_and_no_longer_than_the_deadline() {
        let work = Arc::new(Inflight::default());
        let tickets: Vec<Ticket> = (0..3).map(|_| work.enter()).collect();
        assert_eq!(work.running(), 3);
        let short = Instant::now() + Duration::from_millis(20);
        assert_eq!(work.drained(short).await, 3, "the deadline bounds the wait");
        let release = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(30)).await;
            drop(tickets);
        });
        let long = Instant::now() + Duration::from_secs(5);
        assert_eq!(work.drained(long).await, 0, "every ticket was returned");
        release.await.expect("the releasing task ends");
        assert_eq!(work.taken(), 3);
    }
}
