//! The channel messages claimed ([`super::answered`]) whose answer is not
//! composed yet (most wait their turn in a channel cooling down: see
//! [`super::cooldown`]), each with its latest edit: an edit made while a
//! question waits is what gets answered, instead of being ignored as an
//! edit of a message already answered ([`super::edits`]).

use std::collections::HashMap;

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

impl<T> Waiting<T> {
    /// Records that message `id` waits, not edited yet.
    pub fn start(&mut self, id: u64) {
        self.latest.insert(id, None);
    }

    /// Records `edited`, the new version of message `id`, if it waits.
    ///
    /// Returns whether it waits (its answer will be to `edited`).
    pub fn edit(&mut self, id: u64, edited: T) -> bool {
        match self.latest.get_mut(&id) {
            Some(latest) => {
                *latest = Some(edited);
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

    /// One step in a message's life.
    #[derive(Clone, Copy)]
    enum Step {
        Start(u64),
        Edit(u64, &'static str),
        End(u64),
    }

    #[test]
    fn the_latest_edit_made_while_waiting_is_kept() {
        use Step::{Edit, End, Start};
        // (what, steps, then the end of message 1: its latest edit)
        let rows: [(&str, &[Step], Option<&str>); 6] = [
            ("not edited", &[Start(1)], None),
            ("edited once", &[Start(1), Edit(1, "a")], Some("a")),
            (
                "edited twice: the later edit",
                &[Start(1), Edit(1, "a"), Edit(1, "b")],
                Some("b"),
            ),
            (
                "an edit before the wait is not kept",
                &[Edit(1, "a"), Start(1)],
                None,
            ),
            (
                "an edit after the wait ended is not kept",
                &[Start(1), End(1), Edit(1, "a")],
                None,
            ),
            (
                "another message's edit is its own",
                &[Start(1), Start(2), Edit(2, "b")],
                None,
            ),
        ];
        for (what, steps, want) in rows {
            let mut w = Waiting::default();
            for &step in steps {
                match step {
                    Start(id) => w.start(id),
                    Edit(id, text) => {
                        w.edit(id, text);
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
        let mut w = Waiting::default();
        assert!(
            !w.edit(1, "a"),
            "1 does not wait: its edit is no concern here"
        );
        w.start(1);
        assert!(w.edit(1, "b"), "1 waits: its answer will be to the edit");
        assert_eq!(w.end(1), Some("b"));
        assert!(!w.edit(1, "c"), "1 no longer waits");
        assert!(w.latest.is_empty(), "nothing left behind");
    }
}
