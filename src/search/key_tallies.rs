//! Per-phrasing tallies of one question: the weight of the question's terms
//! each phrasing (key) has, and how many of its adjacent pairs. They are
//! dense arrays as long as the index's phrasings (thousands), kept per
//! thread from one question to the next and left all zero after each, so
//! a question neither allocates them nor clears them whole: it puts back
//! to zero only the few hundred keys it touched.

use std::cell::RefCell;

/// The tallies, all zero between questions.
#[derive(Debug, Default)]
pub struct KeyTallies {
    /// Per key: the weight of the question's terms it has.
    pub matched: Vec<f32>,
    /// Per key: how many of the question's adjacent pairs it has.
    pub shared: Vec<u16>,
    /// Every value is zero: false while a question uses them, so tallies
    /// left behind by a question that did not finish (a panic) are cleared
    /// in full before the next.
    clean: bool,
}

impl KeyTallies {
    /// Returns the tallies for an index of `keys` phrasings: both arrays at
    /// least that long, all zero.
    fn ready(&mut self, keys: usize) -> &mut KeyTallies {
        if !self.clean {
            self.matched.fill(0.0);
            self.shared.fill(0);
        }
        if self.matched.len() < keys {
            self.matched.resize(keys, 0.0);
            self.shared.resize(keys, 0);
        }
        self.clean = false;
        self
    }

    /// Marks the tallies all zero again: the caller has put back to zero
    /// every value it changed.
    pub fn cleared(&mut self) {
        self.clean = true;
    }
}

thread_local! {
    static TALLIES: RefCell<KeyTallies> = RefCell::new(KeyTallies {
        clean: true,
        ..KeyTallies::default()
    });
}

/// Runs `f` on this thread's tallies, at least `keys` long and all zero.
/// `f` puts back to zero what it changed and calls
/// [`KeyTallies::cleared`]; if it does not, the next use clears them
/// whole. Nested use (never made) gets tallies of its own.
pub fn with<R>(keys: usize, f: impl FnOnce(&mut KeyTallies) -> R) -> R {
    TALLIES.with(|tallies| match tallies.try_borrow_mut() {
        Ok(mut tallies) => f(tallies.ready(keys)),
        Err(_) => f(KeyTallies::default().ready(keys)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_are_all_zero_and_long_enough_at_each_use() {
        // (keys asked for, key written, whether the use cleans up after itself)
        let rows = [
            (4, 1, true),
            (8, 7, false),
            (3, 2, true),
            (16, 15, true),
            (2, 0, false),
        ];
        for (keys, written, cleans) in rows {
            with(keys, |t| {
                assert!(
                    t.matched.len() >= keys && t.shared.len() >= keys,
                    "{keys} keys asked for, got {} and {}",
                    t.matched.len(),
                    t.shared.len()
                );
                assert!(
                    t.matched.iter().all(|&m| m == 0.0) && t.shared.iter().all(|&s| s == 0),
                    "tallies for {keys} keys should start all zero: {t:?}"
                );
                t.matched[written] = 1.5;
                t.shared[written] = 2;
                if cleans {
                    t.matched[written] = 0.0;
                    t.shared[written] = 0;
                    t.cleared();
                }
            });
        }
    }

    #[test]
    fn a_nested_use_gets_tallies_of_its_own() {
        with(4, |outer| {
            outer.matched[0] = 1.0;
            with(4, |inner| {
                assert_eq!(inner.matched[0], 0.0, "nested tallies start at zero");
                inner.matched[0] = 2.0;
            });
            assert_eq!(outer.matched[0], 1.0, "nested use left the outer alone");
        });
    }
}
