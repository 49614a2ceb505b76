//! The channel messages factdesk has answered (or is answering), so that
//! editing one does not bring a second answer ([`super::edits`]), and the
//! interactions it has handled, so that one Discord delivers again is not
//! answered again: a small set of ids that forgets the oldest first.

use std::collections::{HashSet, VecDeque};

/// How many answered message ids are remembered. Discord lets a message be
/// edited at any time, so no size covers every edit; the set only has to
/// outlast the edits that follow an answer soon (a typo fixed, a word
/// added). Channel cooldowns allow one answer per channel every 2 s by
/// default, so 4,096 ids hold over two hours of one channel answered
/// non-stop, or many minutes of dozens of busy channels, in about 100 KiB.
pub const REMEMBERED: usize = 4096;

/// Message ids answered, oldest first, at most `cap` of them.
#[derive(Debug)]
pub struct Answered {
    cap: usize,
    ids: HashSet<u64>,
    order: VecDeque<u64>,
}

impl Default for Answered {
    fn default() -> Answered {
        Answered::new(REMEMBERED)
    }
}

impl Answered {
    /// Returns an empty set holding at most `cap` ids (at least one).
    pub fn new(cap: usize) -> Answered {
        let cap = cap.max(1);
        Answered {
            cap,
            ids: HashSet::with_capacity(cap),
            order: VecDeque::with_capacity(cap),
        }
    }

    /// Returns whether message `id` is answered (or being answered).
    pub fn contains(&self, id: u64) -> bool {
        self.ids.contains(&id)
    }

    /// Marks message `id` as answered, forgetting the oldest id if full.
    ///
    /// Returns `false` if it already was (someone else answers it).
    pub fn claim(&mut self, id: u64) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > self.cap {
            if let Some(oldest) = self.order.pop_front() {
                self.ids.remove(&oldest);
            }
        }
        true
    }

    /// Forgets message `id`, whose answer was lost, so that an edit of it
    /// is answered.
    pub fn release(&mut self, id: u64) {
        if self.ids.remove(&id) {
            self.order.retain(|&o| o != id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims() {
        // (what, cap, ids claimed in turn, id asked about, expected)
        let rows: [(&str, usize, &[u64], u64, bool); 6] = [
            ("never claimed", 3, &[1, 2], 9, false),
            ("claimed", 3, &[1, 2], 2, true),
            ("oldest forgotten when full", 3, &[1, 2, 3, 4], 1, false),
            ("newest kept when full", 3, &[1, 2, 3, 4], 4, true),
            ("a second claim keeps one slot", 2, &[1, 1, 2], 1, true),
            ("a zero cap still holds one", 0, &[1, 2], 2, true),
        ];
        for (what, cap, claimed, asked, want) in rows {
            let mut a = Answered::new(cap);
            for &id in claimed {
                a.claim(id);
            }
            assert_eq!(a.contains(asked), want, "{what}: {claimed:?} then {asked}");
            assert!(a.order.len() <= cap.max(1), "{what}: over the cap");
        }
    }

    #[test]
    fn a_second_claim_fails_and_a_release_frees_it() {
        let mut a = Answered::new(3);
        assert!(a.claim(7), "the first claim of 7 wins");
        assert!(!a.claim(7), "7 is already answered: no second answer");
        a.release(7);
        assert!(!a.contains(7), "a lost answer is forgotten");
        assert!(a.claim(7), "after a release, 7 may be answered again");
        assert_eq!(a.order.len(), 1, "one slot per id");
    }
}
