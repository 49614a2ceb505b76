//! Ranking: which entries a question is about, and how sure we are. A
//! question's words are resolved to index terms (exactly, by stem, by
//! synonym or by typo correction); each phrasing sharing a term is scored
//! by how much of the question it covers and how much of itself the
//! question covers, both weighted by term rarity (IDF).

use rustc_hash::FxHashMap;

use super::index::{EntryRef, Index};
use super::text::{steer, Steer, Word};
use crate::dataset::Kind;

/// Which entries a command searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `/ask`: everything.
    All,
    /// `/when`: timeline events.
    Timeline,
    /// `/who`: people and organisations.
    People,
}

impl Scope {
    fn admits(self, kind: Kind) -> bool {
        match self {
            Scope::All => true,
            Scope::Timeline => kind == Kind::Event,
            Scope::People => kind == Kind::Person,
        }
    }
}

/// How much of the score rests on covering the question (the rest on
/// covering the phrasing): a question's unmatched words hurt more than a
/// phrasing's, so "when did russia annex crimea" does not pass for
/// "when did russia recognise the taliban".
const QUESTION_COVERAGE_EXPONENT: f32 = 0.7;
const PHRASING_COVERAGE_EXPONENT: f32 = 0.3;
/// What a typo costs, per edit.
const TYPO_PENALTY: f32 = 0.15;
/// What an entry of the kind the question word does not point to keeps.
const OFF_STEER_FACTOR: f32 = 0.9;

/// An entry and the phrasing of it that best matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub entry: EntryRef,
    /// Index into [`Index::keys`].
    pub key: u32,
    /// In [0, 1].
    pub score: f32,
}

/// A question word resolved against the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub word: Word,
    /// Term ids it matches and the factor each match keeps (1 or less for typos).
    pub terms: Vec<(u32, f32)>,
    /// The vocabulary word a typo was corrected to.
    pub corrected: Option<String>,
}

impl Index {
    /// Returns the question's content words resolved to terms (stopwords are
    /// left out); a word the data never uses resolves to no term.
    pub fn resolve(&self, text: &str) -> (Vec<Resolved>, Option<Steer>) {
        let words = self.analyzer.words(text);
        let steer = steer(&words);
        let resolved = words
            .into_iter()
            .filter(|w| !w.stopword)
            .map(|word| self.resolve_word(word))
            .collect();
        (resolved, steer)
    }

    fn resolve_word(&self, word: Word) -> Resolved {
        if let Some(&t) = self.terms.get(&word.term) {
            return Resolved {
                word,
                terms: vec![(t, 1.0)],
                corrected: None,
            };
        }
        let typo_candidate =
            word.synonym_of.is_none() && word.surface.chars().all(char::is_alphabetic);
        if typo_candidate {
            let fixes = self.typos.lookup(&word.surface);
            if let Some((first, _)) = fixes.first() {
                let corrected = Some(first.to_string());
                let terms = fixes
                    .iter()
                    .filter_map(|(fix, d)| {
                        let t = *self.surfaces.get(*fix)?;
                        Some((t, 1.0 - TYPO_PENALTY * *d as f32))
                    })
                    .collect();
                return Resolved {
                    word,
                    terms,
                    corrected,
                };
            }
        }
        Resolved {
            word,
            terms: Vec::new(),
            corrected: None,
        }
    }

    /// Returns up to `limit` entries in `scope`, best first, one candidate
    /// per entry.
    pub fn rank(&self, text: &str, scope: Scope, limit: usize) -> Vec<Candidate> {
        let (resolved, steer) = self.resolve(text);
        self.rank_resolved(&resolved, steer, scope, limit)
    }

    /// [`Index::rank`] on an already resolved question.
    pub fn rank_resolved(
        &self,
        resolved: &[Resolved],
        steer: Option<Steer>,
        scope: Scope,
        limit: usize,
    ) -> Vec<Candidate> {
        // Distinct terms of the question with the best factor each keeps.
        let mut query: Vec<(u32, f32)> = Vec::new();
        let mut question_weight = 0.0;
        for r in resolved {
            let mut word_weight: f32 = 0.0;
            for &(t, f) in &r.terms {
                match query.iter_mut().find(|(q, _)| *q == t) {
                    Some(existing) => existing.1 = existing.1.max(f),
                    None => {
                        query.push((t, f));
                        word_weight = word_weight.max(self.weights[t as usize]);
                    }
                }
            }
            question_weight += if r.terms.is_empty() {
                self.unknown_weight
            } else {
                word_weight
            };
        }
        if query.is_empty() || question_weight <= 0.0 {
            return Vec::new();
        }
        let mut matched: FxHashMap<u32, f32> = FxHashMap::default();
        for &(t, f) in &query {
            let w = self.weights[t as usize] * f;
            for &k in &self.postings[t as usize] {
                *matched.entry(k).or_insert(0.0) += w;
            }
        }
        let mut best: FxHashMap<u32, Candidate> = FxHashMap::default();
        for (k, m) in matched {
            let key = &self.keys[k as usize];
            let entry = self.entries[key.entry as usize];
            if !scope.admits(entry.kind) || key.weight <= 0.0 {
                continue;
            }
            let m = m.min(key.weight).min(question_weight);
            let mut score = (m / question_weight).powf(QUESTION_COVERAGE_EXPONENT)
                * (m / key.weight).powf(PHRASING_COVERAGE_EXPONENT);
            let steered = match steer {
                Some(Steer::When) => entry.kind == Kind::Event,
                Some(Steer::Who) => entry.kind == Kind::Person,
                None => true,
            };
            if !steered && scope == Scope::All {
                score *= OFF_STEER_FACTOR;
            }
            let candidate = Candidate {
                entry,
                key: k,
                score: score.clamp(0.0, 1.0),
            };
            best.entry(key.entry)
                .and_modify(|c| {
                    if candidate.score > c.score || (candidate.score == c.score && k < c.key) {
                        *c = candidate;
                    }
                })
                .or_insert(candidate);
        }
        let mut out: Vec<Candidate> = best.into_values().collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key)));
        out.truncate(limit);
        out
    }
}
