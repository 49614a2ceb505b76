//! The channel messages claimed ([`super::answered`]) whose answer is not
//! composed yet (most wait their turn in a channel cooling down: see
//! [`super::cooldown`]), each with its latest edit: an edit made while a
//! question waits is what gets answered, instead of being ignored as an
//! edit of a message already answered ([`super::edits`]).

use std::collections::HashMap;

/// A version of a message: the handlers of a message and of its edits run
/// at the same time, so versions may be recorded in any order.
pub trait Version {
    /// Returns whether `self` is at least as recent an edit as `other`.
    fn not_older_than(&self, other: &Self) -> bool;
}

impl Version for serenity::all::Message {
    fn not_older_than(&self, other: &Self) -> bool {
        // Never edited (`None`) is the oldest.
        self.edited_timestamp >= other.edited_timestamp
    }
}

/// Messages waiting, by id, each with its latest edit (`None`: not
/// edited). An entry lives from a message's claim to its turn, so the map
/// holds no more messages than there are handlers running.
#[derive(Debug)]
pub struct Waiting<T> {
    latest: HashMap<u64, Option<T>>,
}

impl<T> Default for Waiting<T> {
    fn default() -> Waiting<T> {
        Waiting {
            latest: HashMap::new(),
        }
    }
}

impl<T: Version> Waiting<T> {
    /// Records that message `id` waits, not edited yet.
    pub fn start(&mut self, id: u64) {
        self.latest.insert(id, None);
    }

    /// Records `edited`, a version of message `id`, if it waits and no
    /// later version is recorded.
    ///
    /// Returns whether it waits (its answer will be to its latest version).
    pub fn edit(&mut self, id: u64, edited: T) -> bool {
        match self.latest.get_mut(&id) {
            Some(latest) => {
                if latest.as_ref().is_none_or(|old| edited.not_older_than(old)) {
                    *latest = Some(edited);
                }
                true
            }
            None => false,
        }
    }

    /// Ends the wait of message `id`: later edits are not recorded.
    ///
    /// Returns its latest edit, if it was edited while waiting.
    pub fn end(&mut self, id: u64) -> Option<T> {
        self.latest.remove(&id).flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version in the tests: its edit's time, then its text.
    type V = (u8, &'static str);

    impl Version for V {
        fn not_older_than(&self, other: &Self) -> bool {
            self.0 >= other.0
        }
    }

    /// One step in a message's life.
    #[derive(Clone, Copy)]
    enum Step {
        Start(u64),
        Edit(u64, V),
        End(u64),
    }

    #[test]
    fn the_latest_edit_made_while_waiting_is_kept() {
        use Step::{Edit, End, Start};
        // (what, steps, then the end of message 1: its latest edit)
        let rows: [(&str, &[Step], Option<V>); 7] = [
            ("not edited", &[Start(1)], None),
            (
                "edited once",
                &[Start(1), Edit(1, (1, "a"))],
                Some((1, "a")),
            ),
            (
                "edited twice: the later edit",
                &[Start(1), Edit(1, (1, "a")), Edit(1, (2, "b"))],
                Some((2, "b")),
            ),
            (
                "an older version recorded after a newer one is not kept",
                &[Start(1), Edit(1, (2, "b")), Edit(1, (1, "a"))],
                Some((2, "b")),
            ),
            (
                "an edit before the wait is not kept",
                &[Edit(1, (1, "a")), Start(1)],
                None,
            ),
            (
                "an edit after the wait ended is not kept",
                &[Start(1), End(1), Edit(1, (1, "a"))],
                None,
            ),
            (
                "another message's edit is its own",
                &[Start(1), Start(2), Edit(2, (2, "b"))],
                None,
            ),
        ];
        for (what, steps, want) in rows {
            let mut w = Waiting::default();
            for &step in steps {
                match step {
                    Start(id) => w.start(id),
                    Edit(id, version) => {
                        w.edit(id, version);
                    }
                    End(id) => {
                        w.end(id);
                    }
                }
            }
            assert_eq!(w.end(1), want, "{what}");
            assert!(!w.latest.contains_key(&1), "{what}: the wait of 1 ended");
        }
    }

    #[test]
    fn an_edit_says_whether_the_message_waits() {
        let mut w: Waiting<V> = Waiting::default();
        assert!(
            !w.edit(1, (1, "a")),
            "1 does not wait: its edit is no concern here"
        );
        w.start(1);
        assert!(
            w.edit(1, (2, "b")),
            "1 waits: its answer will be to the edit"
        );
        assert_eq!(w.end(1), Some((2, "b")));
        assert!(!w.edit(1, (3, "c")), "1 no longer waits");
        assert!(w.latest.is_empty(), "nothing left behind");
    }
}
