//! The search index built from a dataset: every phrasing people may type
//! (questions, alternate phrasings, event titles and aliases, names and
//! roles) as a set of weighted terms, with postings from term to phrasing
//! and the vocabulary indexed for typos.

use rustc_hash::FxHashMap;

use super::text::Analyzer;
use super::typo::TypoIndex;
use crate::dataset::{Dataset, Entry, Kind};

/// One phrasing of one entry.
#[derive(Debug, Clone)]
pub struct Key {
    /// Index into [`Index::entries`].
    pub entry: u32,
    /// Position of the phrasing in [`Entry::keys`].
    pub position: u16,
    /// Sum of the weights of its distinct terms.
    pub weight: f32,
}

/// An entry as the index knows it: its kind and place in the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryRef {
    pub kind: Kind,
    /// Index into `dataset.qa`, `dataset.events` or `dataset.people`.
    pub index: usize,
}

pub struct Index {
    pub analyzer: Analyzer,
    pub entries: Vec<EntryRef>,
    pub keys: Vec<Key>,
    /// Term -> id.
    pub terms: FxHashMap<String, u32>,
    /// Per term id: its weight (IDF over entries).
    pub weights: Vec<f32>,
    /// Per term id: the keys holding it, ascending.
    pub postings: Vec<Vec<u32>>,
    /// A typed word -> the term it stands for, for typo correction.
    pub surfaces: FxHashMap<String, u32>,
    pub typos: TypoIndex,
    /// The weight of a word the data never uses: as rare as a word can be.
    pub unknown_weight: f32,
}

impl Index {
    /// Returns the index of every entry's phrasings.
    pub fn build(dataset: &Dataset) -> Index {
        let analyzer = Analyzer::new(&dataset.synonyms);
        let mut entries = Vec::new();
        let mut terms: FxHashMap<String, u32> = FxHashMap::default();
        let mut surfaces: FxHashMap<String, u32> = FxHashMap::default();
        let mut stems: FxHashMap<String, String> = FxHashMap::default();
        // Per key: its distinct term ids; per term: how many entries use it.
        let mut key_terms: Vec<(u32, u16, Vec<u32>)> = Vec::new();
        let mut entry_freq: Vec<u32> = Vec::new();
        let mut seen_in_entry: Vec<u32> = Vec::new();
        for (n, (eref, entry)) in indexed_entries(dataset).enumerate() {
            entries.push(eref);
            for (pos, key) in entry.keys().iter().enumerate() {
                let mut ids = Vec::new();
                for w in analyzer.words_cached(key, &mut stems) {
                    if w.stopword {
                        continue;
                    }
                    let next = terms.len() as u32;
                    let id = *terms.entry(w.term).or_insert(next);
                    if id as usize == entry_freq.len() {
                        entry_freq.push(0);
                        seen_in_entry.push(u32::MAX);
                    }
                    if seen_in_entry[id as usize] != n as u32 {
                        seen_in_entry[id as usize] = n as u32;
                        entry_freq[id as usize] += 1;
                    }
                    if !w.surface.contains(' ') {
                        surfaces.entry(w.surface).or_insert(id);
                    }
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                key_terms.push((n as u32, pos as u16, ids));
            }
        }
        let total = entries.len().max(1) as f32;
        let idf = |df: f32| (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        let weights: Vec<f32> = entry_freq.iter().map(|&df| idf(df as f32)).collect();
        let mut postings = vec![Vec::new(); terms.len()];
        let mut keys = Vec::with_capacity(key_terms.len());
        for (k, (entry, position, ids)) in key_terms.into_iter().enumerate() {
            for &t in &ids {
                postings[t as usize].push(k as u32);
            }
            keys.push(Key {
                entry,
                position,
                weight: ids.iter().map(|&t| weights[t as usize]).sum(),
            });
        }
        let typos = TypoIndex::new(surfaces.keys().cloned().collect());
        Index {
            analyzer,
            entries,
            keys,
            terms,
            weights,
            postings,
            surfaces,
            typos,
            unknown_weight: idf(1.0),
        }
    }
}

/// Returns every entry with its place in the dataset, in [`Dataset::entries`] order.
fn indexed_entries(dataset: &Dataset) -> impl Iterator<Item = (EntryRef, Entry<'_>)> {
    let at = |kind, index| EntryRef { kind, index };
    let qa = dataset.qa.iter().enumerate();
    let events = dataset.events.iter().enumerate();
    let people = dataset.people.iter().enumerate();
    qa.map(move |(i, q)| (at(Kind::Qa, i), Entry::Qa(q)))
        .chain(events.map(move |(i, e)| (at(Kind::Event, i), Entry::Event(e))))
        .chain(people.map(move |(i, p)| (at(Kind::Person, i), Entry::Person(p))))
}

impl EntryRef {
    /// Returns the entry this refers to in `dataset`.
    pub fn get(self, dataset: &Dataset) -> Entry<'_> {
        match self.kind {
            Kind::Qa => Entry::Qa(&dataset.qa[self.index]),
            Kind::Event => Entry::Event(&dataset.events[self.index]),
            Kind::Person => Entry::Person(&dataset.people[self.index]),
        }
    }
}
