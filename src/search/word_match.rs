//! How each of a question's words met the phrasing that matched it:
//! exactly, by stem, by synonym, by typo correction, elsewhere in the
//! entry, or not at all. Read off the analyzed question; shown by "Why?".

use super::index::Index;
use super::rank::{Candidate, Query};
use crate::dataset::Dataset;

/// How one question word met the matched phrasing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordMatch {
    /// The same word.
    Exact(String),
    /// Another form of the same word: (typed, in the phrasing).
    Stem(String, String),
    /// A word of the same synonym group: (typed, in the phrasing).
    Synonym(String, String),
    /// A typo, corrected: (typed, corrected to).
    Typo(String, String),
    /// Not in the phrasing, but in the entry's other phrasings or answer.
    Elsewhere(String),
    /// Nowhere in the entry.
    Unmatched(String),
}

impl Index {
    /// Returns how each content word of `query` met `candidate`'s phrasing.
    pub fn word_matches(
        &self,
        dataset: &Dataset,
        query: &Query,
        candidate: &Candidate,
    ) -> Vec<WordMatch> {
        let entry = candidate.entry.get(dataset);
        let key = &self.keys[candidate.key as usize];
        let phrasing = entry
            .keys()
            .get(usize::from(key.position))
            .copied()
            .unwrap_or_default();
        let key_words = self.analyzer.words(phrasing);
        let all_terms: Vec<String> = entry
            .keys()
            .iter()
            .chain([&entry.body(), &entry.date_asked_by()])
            .flat_map(|t| self.analyzer.words(t))
            .map(|w| w.term)
            .collect();
        query
            .resolved
            .iter()
            .map(|r| {
                let typed = r.word.surface.clone();
                // A misspelling questions people asked use (see
                // `asked_typos`) is matched as typed by its own question.
                if r.corrected.is_some() && key_words.iter().any(|k| k.surface == typed) {
                    return WordMatch::Exact(typed);
                }
                if let Some(fixed) = &r.corrected {
                    let fixed_term = self
                        .analyzer
                        .words(fixed)
                        .into_iter()
                        .next()
                        .map(|w| w.term);
                    let in_key = key_words
                        .iter()
                        .any(|k| Some(&k.term) == fixed_term.as_ref());
                    let anywhere = fixed_term.as_ref().is_some_and(|t| all_terms.contains(t));
                    if in_key || anywhere {
                        return WordMatch::Typo(typed, fixed.clone());
                    }
                }
                if let Some(k) = key_words.iter().find(|k| k.surface == typed) {
                    return WordMatch::Exact(k.surface.clone());
                }
                if let Some(k) = key_words.iter().find(|k| k.stem == r.word.stem) {
                    return WordMatch::Stem(typed, k.surface.clone());
                }
                if let Some(k) = key_words.iter().find(|k| k.term == r.word.term) {
                    return WordMatch::Synonym(typed, k.surface.clone());
                }
                if all_terms.contains(&r.word.term) {
                    return WordMatch::Elsewhere(typed);
                }
                WordMatch::Unmatched(typed)
            })
            .collect()
    }
}
