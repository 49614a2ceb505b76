//! Ranking: which entries a question is about, and how sure we are. A
//! question's words are resolved to index terms (exactly, by stem, by
//! synonym or by typo correction); each phrasing sharing a term is scored
//! by how much of the question it covers and how much of itself the
//! question covers, both weighted by term rarity (IDF).

use super::index::{EntryRef, Index};
use super::normalize::normalize;
use super::relation::{conflicts, is_place, relations, Relation};
use super::text::{steer, Lone, Steer, Word};
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

/// An entry and the phrasing of it that best matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub entry: EntryRef,
    /// Index into [`Index::keys`].
    pub key: u32,
    /// Ranking score: about [0, 1], a little above 1 for an exact
    /// phrasing; the reply's confidence is this clamped to [0, 1].
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
        self.resolve_normalized(&normalize(text))
    }

    fn resolve_normalized(&self, normalized: &str) -> (Vec<Resolved>, Option<Steer>) {
        let typos = self.typos_in(normalized);
        let swaps: Vec<PhraseTypo<'_>> = typos
            .iter()
            .filter(|t| !self.phrase_words.contains(t.typed))
            .filter_map(|t| {
                let &(fixed, edits) = t
                    .fixes
                    .iter()
                    .find(|(f, _)| self.phrase_words.contains(*f))?;
                Some(PhraseTypo {
                    typed: t.typed,
                    fixed,
                    edits,
                })
            })
            .collect();
        let words = if swaps.is_empty() {
            self.analyzer.normalized_words(normalized)
        } else {
            let fixed: Vec<&str> = normalized
                .split(' ')
                .map(|w| swaps.iter().find(|f| f.typed == w).map_or(w, |f| f.fixed))
                .collect();
            self.analyzer.normalized_words(&fixed.join(" "))
        };
        let steer = steer(&words);
        let resolved = words
            .into_iter()
            .filter(|w| !w.stopword)
            .map(|word| self.resolve_word(word, &typos, &swaps))
            .collect();
        (resolved, steer)
    }

    /// Returns the words of `normalized` the data does not know, with their
    /// typo corrections, when the data has synonym phrases: a typo best
    /// corrected to a word of one ("foreign minster") is corrected before
    /// the analysis, so the phrase forms. Without phrases, each word is
    /// looked up as it is resolved.
    fn typos_in<'a>(&'a self, normalized: &'a str) -> Vec<Typo<'a>> {
        if self.phrase_words.is_empty() {
            return Vec::new();
        }
        normalized
            .split(' ')
            .filter(|typed| {
                !self.surfaces.contains_key(*typed)
                    && typed.chars().all(char::is_alphabetic)
                    && !self.knows(typed)
            })
            .map(|typed| Typo {
                typed,
                fixes: self.typos.lookup(typed),
            })
            .filter(|t| !t.fixes.is_empty())
            .collect()
    }

    /// Returns true when `word` counts as a term of the data on its own
    /// (by stem or synonym), is a stopword, or may start one of the data's
    /// synonym phrases.
    fn knows(&self, word: &str) -> bool {
        let stem = self.analyzer.stem(word);
        match self.analyzer.classify(word, &stem) {
            Lone::Term(term) => self.terms.contains_key(term),
            Lone::Stopword | Lone::PhraseStart => true,
        }
    }

    /// Resolves one analyzed word, given the question's typos (`typos`) and
    /// those corrected before the analysis (`swaps`).
    fn resolve_word(
        &self,
        mut word: Word,
        typos: &[Typo<'_>],
        swaps: &[PhraseTypo<'_>],
    ) -> Resolved {
        if !swaps.is_empty() {
            // Put back what was typed; the phrase counts as a typo.
            let mut edits = 0;
            let typed: Vec<&str> = word
                .surface
                .split(' ')
                .map(|w| match swaps.iter().find(|f| f.fixed == w) {
                    Some(f) => {
                        edits += f.edits;
                        f.typed
                    }
                    None => w,
                })
                .collect();
            if edits > 0 {
                let typed = typed.join(" ");
                let corrected = std::mem::replace(&mut word.surface, typed);
                let terms = match self.terms.get(&word.term) {
                    Some(&t) => vec![(t, (1.0 - self.tuning.typo_penalty * edits as f32).max(0.0))],
                    None => Vec::new(),
                };
                return Resolved {
                    word,
                    terms,
                    corrected: Some(corrected),
                };
            }
        }
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
            let looked;
            let fixes = match typos.iter().find(|t| t.typed == word.surface) {
                Some(t) => &t.fixes,
                None => {
                    looked = self.typos.lookup(&word.surface);
                    &looked
                }
            };
            if let Some((first, _)) = fixes.first() {
                let corrected = Some(first.to_string());
                let terms = fixes
                    .iter()
                    .filter_map(|(fix, d)| {
                        let t = *self.surfaces.get(*fix)?;
                        Some((t, 1.0 - self.tuning.typo_penalty * *d as f32))
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

    /// Returns the question analyzed for ranking.
    pub fn query(&self, text: &str) -> Query {
        let normalized = normalize(text);
        let (resolved, steer) = self.resolve_normalized(&normalized);
        Query {
            resolved,
            steer,
            relations: relations(&normalized),
            normalized,
        }
    }

    /// Returns up to `limit` entries in `scope`, best first, one candidate
    /// per entry.
    pub fn rank(&self, text: &str, scope: Scope, limit: usize) -> Vec<Candidate> {
        self.rank_query(&self.query(text), scope, limit)
    }

    /// [`Index::rank`] on an analyzed question.
    ///
    /// An entry's score blends its best phrasing's score (how much of the
    /// question the phrasing covers, and how much of the phrasing the
    /// question covers, both IDF-weighted) with how much of the question
    /// the entry as a whole (phrasings and answer) covers.
    pub fn rank_query(&self, query: &Query, scope: Scope, limit: usize) -> Vec<Candidate> {
        let Some(question) = self.question_terms(query) else {
            return Vec::new();
        };
        let (mut cover, touched) = self.cover_entries(&question);
        self.score_phrasings(&question, &mut cover);
        let exact = self.exact.get(&query.normalized).copied();
        let mut out: Vec<Candidate> = touched
            .into_iter()
            .filter(|&n| scope.admits(self.entries[n as usize].kind))
            .map(|n| {
                self.candidate(
                    query,
                    &question,
                    scope,
                    n,
                    cover[n as usize],
                    exact == Some(n),
                )
            })
            .collect();
        let order =
            |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score).then(a.key.cmp(&b.key));
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
        }
        out.truncate(limit);
        out.sort_by(order);
        out
    }

    /// Returns the question's distinct terms and weights, or `None` when no
    /// word of it is in the data.
    fn question_terms(&self, query: &Query) -> Option<Question> {
        let tuning = self.tuning;
        // Distinct terms of the question with the best factor each keeps.
        let mut terms: Vec<(u32, f32)> = Vec::new();
        let mut weight = 0.0;
        for r in &query.resolved {
            let mut word_weight: f32 = 0.0;
            for &(t, f) in &r.terms {
                match terms.iter_mut().find(|(q, _)| *q == t) {
                    Some(existing) => existing.1 = existing.1.max(f),
                    None => {
                        terms.push((t, f));
                        word_weight = word_weight.max(self.weights[t as usize]);
                    }
                }
            }
            weight += if r.terms.is_empty() {
                self.unknown_weight * tuning.unknown_factor
            } else {
                word_weight
            };
        }
        if terms.is_empty() || weight <= 0.0 {
            return None;
        }
        // Adjacent pairs of the question's words, each by its first term.
        let firsts: Vec<Option<u32>> = query
            .resolved
            .iter()
            .map(|r| r.terms.first().map(|t| t.0))
            .collect();
        let pairs = firsts
            .windows(2)
            .filter_map(|w| Some((w[0]?, w[1]?)))
            .collect();
        // The people and organisations the question names (at most 8 tracked).
        let entities = terms
            .iter()
            .map(|&(t, _)| t)
            .filter(|t| self.entity_terms.contains(t))
            .take(8)
            .collect();
        // Countries the data never mentions: named, and in no entry.
        let foreign_places = query
            .resolved
            .iter()
            .filter(|r| r.terms.is_empty() && is_place(&r.word.surface))
            .count() as i32;
        Some(Question {
            terms,
            weight,
            pairs,
            entities,
            foreign_places,
            lone: query.resolved.len() == 1,
        })
    }

    /// Returns, per entry, what the question covers of its phrasings and its
    /// answer (dense, indexed by entry), and the entries touched.
    fn cover_entries(&self, question: &Question) -> (Vec<Coverage>, Vec<u32>) {
        let mut cover = vec![Coverage::default(); self.entries.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(t, f) in &question.terms {
            let w = self.weights[t as usize] * f;
            let bit = question
                .entities
                .iter()
                .position(|&e| e == t)
                .map_or(0, |j| 1u8 << j);
            let phrasings = self.entry_postings[t as usize].iter().map(|&e| (e, true));
            let bodies = self.body_postings[t as usize].iter().map(|&e| (e, false));
            for (e, in_phrasing) in phrasings.chain(bodies) {
                let c = &mut cover[e as usize];
                if c.phrasings == 0.0 && c.body == 0.0 {
                    touched.push(e);
                }
                if in_phrasing {
                    c.phrasings += w;
                } else {
                    c.body += w;
                }
                c.entities |= bit;
            }
        }
        (cover, touched)
    }

    /// Scores every phrasing sharing a term with the question and keeps
    /// each entry's best in `cover`.
    fn score_phrasings(&self, question: &Question, cover: &mut [Coverage]) {
        let tuning = self.tuning;
        let mut matched = vec![0.0f32; self.keys.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &(t, f) in &question.terms {
            let w = self.weights[t as usize] * f;
            for &k in &self.postings[t as usize] {
                if matched[k as usize] == 0.0 {
                    touched.push(k);
                }
                matched[k as usize] += w;
            }
        }
        let both = tuning.question_exponent + tuning.phrasing_exponent;
        let question_factor = question.weight.powf(-tuning.question_exponent);
        let pairs = &question.pairs;
        for k in touched {
            let key = &self.keys[k as usize];
            if key.weight <= 0.0 {
                continue;
            }
            let m = matched[k as usize].min(key.weight).min(question.weight);
            // (m / question)^qe * (m / phrasing)^pe, with one powf per phrasing.
            let mut score = m.powf(both) * question_factor * key.weight_factor;
            if !pairs.is_empty() && !key.pairs.is_empty() {
                let shared = pairs.iter().filter(|p| key.pairs.contains(p)).count();
                score += tuning.pair_bonus * shared as f32 / pairs.len() as f32;
            }
            let c = &mut cover[key.entry as usize];
            if c.key == 0 || score > c.best || (score == c.best && k + 1 < c.key) {
                c.best = score;
                c.key = k + 1;
                c.fit = m / key.weight;
            }
        }
    }

    /// Returns entry `n` as a candidate, its coverage turned into a score.
    fn candidate(
        &self,
        query: &Query,
        question: &Question,
        scope: Scope,
        n: u32,
        c: Coverage,
        exact: bool,
    ) -> Candidate {
        let tuning = self.tuning;
        let entry = self.entries[n as usize];
        let share = |w: f32| (w / question.weight).min(1.0);
        let mut score = (1.0 - tuning.entry_share - tuning.body_share) * c.best
            + tuning.entry_share * share(c.phrasings)
            + tuning.body_share * share(c.body);
        if question.lone {
            // One content word is an answer only if it is (nearly) a whole
            // phrasing: "recognition", "putin"; not "time" in "why this timing".
            score *= c.fit.powf(tuning.lone_word_fit);
        }
        if exact {
            score += tuning.exact_bonus;
        }
        let unmentioned = question.entities.len() as i32 - c.entities.count_ones() as i32
            + question.foreign_places;
        score *= tuning.other_entity.powi(unmentioned);
        if !query.relations.is_empty() && conflicts(&query.relations, &self.relations[n as usize]) {
            score *= tuning.relation_conflict;
        }
        if scope == Scope::All {
            score *= match query.steer {
                Some(Steer::When) if entry.kind != Kind::Event => tuning.off_steer,
                Some(Steer::Who) if entry.kind != Kind::Person => tuning.off_steer,
                // A free question prefers the curated answers to questions.
                None if entry.kind != Kind::Qa => tuning.unsteered,
                _ => 1.0,
            };
        }
        // An entry found only through its answer is shown by its first phrasing.
        let key = if c.key == 0 {
            self.first_key[n as usize]
        } else {
            c.key - 1
        };
        Candidate { entry, key, score }
    }
}

/// A question word the data does not know, with its closest corrections.
struct Typo<'a> {
    typed: &'a str,
    fixes: Vec<(&'a str, usize)>,
}

/// A typo corrected to a word of a synonym phrase.
#[derive(Debug, Clone, Copy)]
struct PhraseTypo<'a> {
    typed: &'a str,
    fixed: &'a str,
    edits: usize,
}

/// The question as the ranking uses it.
struct Question {
    /// Distinct terms with the factor each keeps (below 1 for typos).
    terms: Vec<(u32, f32)>,
    /// The weight of all its content words, unknown ones included.
    weight: f32,
    /// Adjacent pairs of its words, by term.
    pairs: Vec<(u32, u32)>,
    /// The people and organisations it names (at most 8).
    entities: Vec<u32>,
    /// How many countries it names that the data never mentions.
    foreign_places: i32,
    /// It has a single content word.
    lone: bool,
}

/// What the question's terms cover of one entry.
#[derive(Debug, Clone, Copy, Default)]
struct Coverage {
    /// The best phrasing's score.
    best: f32,
    /// That phrasing's key plus one; 0 while no phrasing matched.
    key: u32,
    /// How much of that phrasing the question covers, in [0, 1].
    fit: f32,
    /// Weight of the question's terms found in any phrasing.
    phrasings: f32,
    /// Weight of the question's terms found in the answer.
    body: f32,
    /// Bit j set: the entry mentions the question's j-th named entity.
    entities: u8,
}

/// A question analyzed for ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub resolved: Vec<Resolved>,
    pub steer: Option<Steer>,
    /// The offices it asks about, with whose they are and where they serve.
    pub relations: Vec<Relation>,
    /// The whole question normalized, for exact phrasing matches.
    pub normalized: String,
}
