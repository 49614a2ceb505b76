//! The people an answer may name: the dataset's people (not
//! organisations), by their normalized names and aliases.

use rustc_hash::FxHashSet;

use crate::dataset::{Dataset, PersonKind};
use crate::search::normalize::normalize;

/// The normalized names and aliases (of 4 letters or more) of the
/// dataset's people (not organisations), to find them in answers.
#[derive(Debug, Default)]
pub struct People {
    names: FxHashSet<String>,
    /// The most words a name has.
    longest: usize,
}

impl People {
    /// Returns the people of `dataset`.
    pub fn of(dataset: &Dataset) -> People {
        let names: FxHashSet<String> = dataset
            .people
            .iter()
            .filter(|p| p.kind == PersonKind::Person)
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
            .map(|n| normalize(n))
            .filter(|n| n.len() >= 4)
            .collect();
        let longest = names
            .iter()
            .map(|n| n.split(' ').count())
            .max()
            .unwrap_or(0);
        People { names, longest }
    }

    /// Returns true when the normalized `text` names one of them.
    pub(super) fn named_in(&self, text: &str) -> bool {
        if self.names.is_empty() {
            return false;
        }
        let words: Vec<&str> = text.split(' ').collect();
        let mut gram = String::new();
        (0..words.len()).any(|i| {
            gram.clear();
            words[i..].iter().take(self.longest).any(|w| {
                if !gram.is_empty() {
                    gram.push(' ');
                }
                gram.push_str(w);
                self.names.contains(&gram)
            })
        })
    }
}
