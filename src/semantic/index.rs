//! The embedding of every phrasing of every entry (a Q&A's question and
//! phrasings, an event's title and aliases, a person's name, aliases and
//! roles: [`Entry::keys`]), and the best cosine per entry for a question.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::dataset::{Dataset, Entry, Kind};

use super::cache::EmbeddingCache;
use super::{cosine, Encoder};

/// An entry's kind and its index into `dataset.qa`, `dataset.events` or
/// `dataset.people` (the same pair as the lexical index's `EntryRef`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryAt {
    pub kind: Kind,
    pub index: usize,
}

/// An entry's best cosine against a question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similar {
    pub entry: EntryAt,
    /// The highest cosine over the entry's phrasings, in -1..=1.
    pub cosine: f32,
    /// Which of the entry's keys ([`Entry::keys`] order) scored it.
    pub key: usize,
}

/// What building the index took.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildStats {
    /// Rows in the index (one per key of every entry).
    pub phrasings: usize,
    /// Distinct texts computed by the encoder this time.
    pub embedded: usize,
    /// Distinct texts taken from the cache.
    pub cached: usize,
    pub seconds: f64,
}

/// Phrasing embeddings of a whole dataset.
pub struct SemanticIndex {
    dim: usize,
    entries: Vec<EntryAt>,
    /// Per entry, its first row; one more at the end.
    first: Vec<usize>,
    /// Row-major, `dim` floats a row.
    vectors: Vec<f32>,
    /// Entries of each kind before the first of the next (Q&A, events).
    counts: [usize; 2],
    /// The rows of the questions the articles do not answer
    /// ([`Dataset::unanswered`]), after every entry's.
    unanswered: std::ops::Range<usize>,
    pub stats: BuildStats,
}

impl SemanticIndex {
    /// Embeds every key of every entry of `dataset`, taking what it can from
    /// the cache at `cache_path` and writing the cache back (only the texts
    /// in use) when anything was computed. A cache that cannot be written is
    /// logged, not fatal.
    pub fn build(encoder: &Encoder, dataset: &Dataset, cache_path: Option<&Path>) -> SemanticIndex {
        let start = Instant::now();
        let dim = encoder.dim();
        let mut cache = match cache_path {
            Some(p) => EmbeddingCache::load(p, encoder.sha256(), dim),
            None => EmbeddingCache::new(encoder.sha256(), dim),
        };
        let all: Vec<(EntryAt, Vec<&str>)> = dataset
            .entries()
            .scan([0usize; 3], |seen, e| {
                let slot = kind_slot(e.kind());
                let at = EntryAt {
                    kind: e.kind(),
                    index: seen[slot],
                };
                seen[slot] += 1;
                Some((at, e.keys()))
            })
            .collect();
        let unanswered: Vec<&str> = dataset.unanswered.iter().map(String::as_str).collect();
        let texts = || {
            all.iter()
                .flat_map(|(_, keys)| keys.iter().copied())
                .chain(unanswered.iter().copied())
        };
        let mut missing: Vec<&str> = texts().filter(|t| cache.get(t).is_none()).collect();
        missing.sort_unstable();
        missing.dedup();
        let embedded = missing.len();
        for (text, vector) in missing.iter().zip(encoder.embed_batch(&missing)) {
            cache.insert(text, vector);
        }
        let in_use: HashMap<&str, ()> = texts().map(|k| (k, ())).collect();
        let before = cache.len();
        cache.retain(|t| in_use.contains_key(t));
        if let Some(path) = cache_path.filter(|_| embedded > 0 || cache.len() != before) {
            if let Err(e) = cache.save(path) {
                tracing::warn!("{}: cannot write the embedding cache: {e}", path.display());
            }
        }

        let mut index = SemanticIndex {
            dim,
            entries: Vec::with_capacity(all.len()),
            first: Vec::with_capacity(all.len() + 1),
            vectors: Vec::new(),
            counts: [dataset.qa.len(), dataset.events.len()],
            unanswered: 0..0,
            stats: BuildStats {
                phrasings: 0,
                embedded,
                cached: in_use.len() - embedded,
                seconds: 0.0,
            },
        };
        let push = |vectors: &mut Vec<f32>, key: &str| match cache.get(key) {
            Some(v) => vectors.extend_from_slice(v),
            None => vectors.extend(std::iter::repeat_n(0.0, dim)),
        };
        for (at, keys) in &all {
            index.entries.push(*at);
            index.first.push(index.vectors.len() / dim);
            for key in keys {
                push(&mut index.vectors, key);
            }
        }
        index.first.push(index.vectors.len() / dim);
        let bank = index.vectors.len() / dim;
        for key in &unanswered {
            push(&mut index.vectors, key);
        }
        index.unanswered = bank..index.vectors.len() / dim;
        index.stats.phrasings = index.vectors.len() / dim;
        index.stats.seconds = start.elapsed().as_secs_f64();
        index
    }

    /// Returns every entry's best cosine against the question vector, in
    /// the dataset's entry order ([`Dataset::entries`]: Q&A, events,
    /// people), the same order as the lexical index's entries; then, when
    /// the dataset has questions the articles do not answer, their best,
    /// where the lexical index numbers them ([`crate::search::Index::unanswered`]).
    pub fn cosines(&self, question: &[f32]) -> Vec<f32> {
        let entries = (0..self.entries.len()).map(|e| self.best_of(e, question).cosine);
        let unanswered = (!self.unanswered.is_empty()).then(|| {
            self.unanswered
                .clone()
                .map(|r| cosine(&self.vectors[r * self.dim..][..self.dim], question))
                .fold(f32::NEG_INFINITY, f32::max)
        });
        entries.chain(unanswered).collect()
    }

    /// Returns every entry's best cosine against the question vector
    /// `question` (from [`Encoder::embed`]), highest first.
    pub fn ranked(&self, question: &[f32]) -> Vec<Similar> {
        let mut all: Vec<Similar> = (0..self.entries.len())
            .map(|e| self.best_of(e, question))
            .collect();
        all.sort_by(|a, b| b.cosine.total_cmp(&a.cosine));
        all
    }

    /// Embeds `question` and returns every entry's best cosine, highest first.
    pub fn similarity(&self, encoder: &Encoder, question: &str) -> Vec<Similar> {
        self.ranked(&encoder.embed(question))
    }

    /// Returns the best cosine of `entry`'s keys against the question vector,
    /// or `None` when the dataset the index was built from has no such entry.
    pub fn best(&self, question: &[f32], entry: EntryAt) -> Option<Similar> {
        let offset = match entry.kind {
            Kind::Qa => 0,
            Kind::Event => self.counts[0],
            Kind::Person => self.counts[0] + self.counts[1],
        };
        let row = offset + entry.index;
        (self.entries.get(row) == Some(&entry)).then(|| self.best_of(row, question))
    }

    /// Returns how many entries the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn best_of(&self, e: usize, question: &[f32]) -> Similar {
        let rows = self.first[e]..self.first[e + 1];
        let (key, cosine) = rows
            .enumerate()
            .map(|(k, r)| {
                (
                    k,
                    cosine(&self.vectors[r * self.dim..][..self.dim], question),
                )
            })
            .fold(
                (0, f32::NEG_INFINITY),
                |best, c| if c.1 > best.1 { c } else { best },
            );
        Similar {
            entry: self.entries[e],
            cosine,
            key,
        }
    }
}

fn kind_slot(kind: Kind) -> usize {
    match kind {
        Kind::Qa => 0,
        Kind::Event => 1,
        Kind::Person => 2,
    }
}

impl EntryAt {
    /// Returns the entry this refers to in `dataset`, if it is there.
    pub fn get(self, dataset: &Dataset) -> Option<Entry<'_>> {
        match self.kind {
            Kind::Qa => dataset.qa.get(self.index).map(Entry::Qa),
            Kind::Event => dataset.events.get(self.index).map(Entry::Event),
            Kind::Person => dataset.people.get(self.index).map(Entry::Person),
        }
    }
}
