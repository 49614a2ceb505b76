//! The search index built from a dataset: every phrasing people may type
//! (questions, alternate phrasings, event titles and aliases, names and
//! roles) as a set of weighted terms, with postings from term to phrasing
//! and the vocabulary indexed for typos.

use rustc_hash::FxHashMap;

use super::normalize::phrase_key;
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
    /// Its adjacent pairs of content terms, in order ("banned list").
    pub pairs: Vec<(u32, u32)>,
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
    /// Per entry: the index of its first key (every entry has at least one).
    pub first_key: Vec<u32>,
    pub keys: Vec<Key>,
    /// Term -> id.
    pub terms: FxHashMap<String, u32>,
    /// Per term id: its weight (IDF over entries).
    pub weights: Vec<f32>,
    /// Per term id: the keys holding it, ascending.
    pub postings: Vec<Vec<u32>>,
    /// Per term id: the entries using it in any phrasing, ascending.
    pub entry_postings: Vec<Vec<u32>>,
    /// Per term id: the entries using it in their answer or description, ascending.
    pub body_postings: Vec<Vec<u32>>,
    /// Terms that name a person or organisation (names and aliases, not roles).
    pub entity_terms: rustc_hash::FxHashSet<u32>,
    /// A phrasing's normalized text -> its entry, for exact matches.
    pub exact: FxHashMap<String, u32>,
    /// A typed word -> the term it stands for, for typo correction.
    pub surfaces: FxHashMap<String, u32>,
    pub typos: TypoIndex,
    /// The weight of a word the data never uses: as rare as a word can be.
    pub unknown_weight: f32,
    pub tuning: Tuning,
}

/// The knobs of the scoring formula (see `rank`), tuned on the tuning half
/// of the eval set only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much of a phrasing's score rests on covering the question.
    pub question_exponent: f32,
    /// How much rests on the question covering the phrasing.
    pub phrasing_exponent: f32,
    /// The share of the score that comes from all of an entry's phrasings
    /// together covering the question.
    pub entry_share: f32,
    /// The share that comes from the entry's answer covering the question.
    pub body_share: f32,
    /// What a typo costs, per edit.
    pub typo_penalty: f32,
    /// What an entry keeps when the question word points to another kind
    /// ("when" to events, "who" to people).
    pub off_steer: f32,
    /// What an event or person keeps, against Q&A entries, in a free
    /// question with no such question word.
    pub unsteered: f32,
    /// A word the data never uses weighs this many times the rarest word.
    pub unknown_factor: f32,
    /// The question's words a phrasing or entry does not match count this
    /// many times their weight against it ("president of china" is not
    /// "russian president").
    pub unmatched_factor: f32,
    /// Added when the question is one of the entry's phrasings, word for word.
    pub exact_bonus: f32,
    /// Added, in proportion, for the question's adjacent word pairs that a
    /// phrasing has too ("banned list", "before russia").
    pub pair_bonus: f32,
    /// What an entry keeps for each person or organisation the question
    /// names that the entry never mentions ("president of china" is not
    /// about Putin).
    pub other_entity: f32,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            question_exponent: 0.7,
            phrasing_exponent: 0.2,
            entry_share: 0.35,
            body_share: 0.1,
            typo_penalty: 0.15,
            off_steer: 0.9,
            unsteered: 0.9,
            unknown_factor: 1.5,
            unmatched_factor: 1.0,
            exact_bonus: 0.1,
            pair_bonus: 0.1,
            other_entity: 0.6,
        }
    }
}

/// Interns terms and counts in how many entries each appears.
#[derive(Default)]
struct Vocabulary {
    terms: FxHashMap<String, u32>,
    surfaces: FxHashMap<String, u32>,
    stems: FxHashMap<String, String>,
    /// Per term: the entries using it in a phrasing, ascending, each once.
    entries: Vec<Vec<u32>>,
    /// Per term: the entries using it in their answer, ascending, each once.
    bodies: Vec<Vec<u32>>,
    /// Per term: how many entries use it anywhere.
    freq: Vec<u32>,
}

impl Vocabulary {
    /// Returns the content terms of `text` in order, recording them for
    /// `entry` as phrasing or (`body`) answer terms.
    fn add(&mut self, analyzer: &Analyzer, text: &str, entry: u32, body: bool) -> Vec<u32> {
        let mut ids = Vec::new();
        let (terms, surfaces) = (&mut self.terms, &mut self.surfaces);
        let (entries, bodies, freq) = (&mut self.entries, &mut self.bodies, &mut self.freq);
        analyzer.each_term(text, &mut self.stems, |term, surface, single| {
            let id = match terms.get(term) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    terms.insert(term.to_string(), id);
                    entries.push(Vec::new());
                    bodies.push(Vec::new());
                    freq.push(0);
                    id
                }
            };
            let t = id as usize;
            if entries[t].last() != Some(&entry) && bodies[t].last() != Some(&entry) {
                freq[t] += 1;
            }
            let list = if body {
                &mut bodies[t]
            } else {
                &mut entries[t]
            };
            if list.last() != Some(&entry) {
                list.push(entry);
            }
            if single && !surfaces.contains_key(surface) {
                surfaces.insert(surface.to_string(), id);
            }
            ids.push(id);
        });
        ids
    }
}

impl Index {
    /// Returns the index of every entry's phrasings and answers.
    pub fn build(dataset: &Dataset) -> Index {
        let analyzer = Analyzer::new(&dataset.synonyms);
        let mut vocab = Vocabulary::default();
        let mut entries = Vec::new();
        let mut first_key = Vec::new();
        let mut exact = FxHashMap::default();
        let mut entity_terms = rustc_hash::FxHashSet::default();
        let mut key_terms: Vec<(u32, u16, Vec<u32>)> = Vec::new();
        for (n, (eref, entry)) in indexed_entries(dataset).enumerate() {
            let n = n as u32;
            entries.push(eref);
            first_key.push(key_terms.len() as u32);
            let names = match entry {
                Entry::Person(p) => 1 + p.aliases.len(),
                _ => 0,
            };
            for (pos, key) in entry.keys().iter().enumerate() {
                exact.entry(phrase_key(key)).or_insert(n);
                let sequence = vocab.add(&analyzer, key, n, false);
                if pos < names {
                    entity_terms.extend(sequence.iter().copied());
                }
                key_terms.push((n, pos as u16, sequence));
            }
            vocab.add(&analyzer, entry.body(), n, true);
        }
        let total = entries.len().max(1) as f32;
        let idf = |df: f32| (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        let weights: Vec<f32> = vocab.freq.iter().map(|&f| idf(f as f32)).collect();
        let mut postings = vec![Vec::new(); vocab.terms.len()];
        let mut keys = Vec::with_capacity(key_terms.len());
        for (k, (entry, position, sequence)) in key_terms.into_iter().enumerate() {
            let pairs = sequence.windows(2).map(|w| (w[0], w[1])).collect();
            let mut ids = sequence;
            ids.sort_unstable();
            ids.dedup();
            for &t in &ids {
                postings[t as usize].push(k as u32);
            }
            keys.push(Key {
                entry,
                position,
                weight: ids.iter().map(|&t| weights[t as usize]).sum(),
                pairs,
            });
        }
        let typos = TypoIndex::new(vocab.surfaces.keys().cloned().collect());
        Index {
            analyzer,
            entries,
            first_key,
            keys,
            terms: vocab.terms,
            weights,
            postings,
            entry_postings: vocab.entries,
            body_postings: vocab.bodies,
            entity_terms,
            exact,
            surfaces: vocab.surfaces,
            typos,
            unknown_weight: idf(1.0),
            tuning: Tuning::default(),
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
