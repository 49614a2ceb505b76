//! The search index built from a dataset: every phrasing people may type
//! (questions, alternate phrasings, event titles and aliases, names and
//! roles) as a set of weighted terms, with postings from term to phrasing
//! and the vocabulary indexed for typos.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::asked_typos::{self, AskedTypo};
use super::normalize::question;
use super::rank::{Candidate, Query, Scope};
use super::relation::{relations, Relation};
use super::resolve::{as_read, may_read_an_office, Resolved};
use super::signals::answer_type::{self, Gives, People};
use super::signals::claimed_year::checks_a_claim;
use super::signals::opposite_action::Actions;
use super::signals::question_form::{self, Form};
use super::signals::rarity::{asked_word_weight, inverse_frequency, weight};
use super::signals::Evidence;
use super::signals::{chatter, role_framing};
use super::text::{Analyzer, Steer};
use super::tuning::Tuning;
use super::typo::TypoIndex;
use super::vocabulary::{index_part, phrase_words, Part};
use crate::dataset::{Dataset, Entry, Kind, PersonKind, Qa};

/// One phrasing of one entry.
#[derive(Debug, Clone)]
pub struct Key {
    /// Index into [`Index::entries`].
    pub entry: u32,
    /// Position of the phrasing in [`Entry::keys`].
    pub position: u16,
    /// Its distinct content terms, ascending.
    pub terms: Vec<u32>,
    /// Sum of the weights of its distinct terms.
    pub weight: f32,
    /// What the phrasing asks (see [`question_form`]).
    pub form: Form,
    /// `weight` to the power of minus the phrasing exponent, precomputed
    /// (kept in step by [`Index::set_tuning`]).
    pub weight_factor: f32,
    /// `weight` to the power of minus phrasing exponent over the sum of both
    /// exponents: `matched * reach_factor` orders this phrasing's coverage
    /// without a power (see `rank::score_phrasings`).
    pub reach_factor: f32,
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
    /// Per kind of entry ([`Kind::Qa`], [`Kind::Event`], [`Kind::Person`]):
    /// a range of keys holding every key of its entries (empty for a kind
    /// without entries). Entries are indexed kind by kind and keys entry by
    /// entry, so the range holds no other kind's keys, and scoring one kind
    /// skips the postings of the others.
    pub kind_keys: [Range<u32>; 3],
    /// Term -> id.
    pub terms: FxHashMap<String, u32>,
    /// Per term id: its inverse document frequency over entries.
    pub idf: Vec<f32>,
    /// Per term id: its weight (the IDF, floored by the tuning).
    pub weights: Vec<f32>,
    /// Per term id: the keys holding it, ascending.
    pub postings: Vec<Vec<u32>>,
    /// An adjacent pair of terms -> the keys having it, ascending, once each.
    pub pair_postings: FxHashMap<(u32, u32), Vec<u32>>,
    /// Per term id: the entries using it in any phrasing, ascending.
    pub entry_postings: Vec<Vec<u32>>,
    /// Per term id: the entries using it in their answer or description, ascending.
    pub body_postings: Vec<Vec<u32>>,
    /// Per term id: the entries using it only in a question people asked,
    /// ascending (see `vocabulary::Field::Asked`).
    pub asked_postings: Vec<Vec<u32>>,
    /// Terms of conversational words ([`chatter`]) that only questions
    /// people asked use: they weigh the floor, as they would if the data
    /// never used them, so an asker's "honestly" or "tell me" does not
    /// carry a match.
    pub asked_chatter: Vec<u32>,
    /// Terms that name a person or organisation (names and aliases, not roles).
    pub entity_terms: rustc_hash::FxHashSet<u32>,
    /// Per entry: a person's or organisation's names (its name and
    /// aliases), each as its distinct terms; empty for other kinds.
    pub names: Vec<Vec<Vec<u32>>>,
    /// Per entry: it is an individual person (not an organisation,
    /// country or other kind of entry).
    pub individual: Vec<bool>,
    /// A phrasing's normalized text -> its entry, for exact matches.
    pub exact: FxHashMap<String, u32>,
    /// Per entry: the offices its phrasings state,
    /// with whose they are and where they serve.
    pub relations: Vec<Vec<Relation>>,
    /// Per entry: what its answer can give (a count, a person).
    pub gives: Vec<Gives>,
    /// Per entry: the actions its phrasings and answer state.
    pub actions: Vec<Actions>,
    /// Per entry: its phrasings nearly all ask what is to come (see
    /// [`super::signals::tense`]).
    pub to_come: Vec<bool>,
    /// A word of a phrasing -> the term it stands for, for typo correction.
    pub surfaces: FxHashMap<String, u32>,
    /// The words of the data's synonym phrases ("minister" of "foreign
    /// minister"), which typo correction also aims at: the corrected
    /// question is analyzed again so the phrase forms.
    pub phrase_words: rustc_hash::FxHashSet<String>,
    pub typos: TypoIndex,
    /// The weight of a word the data never uses: as rare as a word can be.
    pub unknown_weight: f32,
    /// The number of the entry that holds the questions the articles do not
    /// answer ([`Dataset::unanswered`]), indexed after every entry of the
    /// dataset so that they weigh words and compete for the top exactly as
    /// an entry does; never a candidate (see [`Ranking::unanswered`]).
    pub unanswered: Option<u32>,
    /// Per term only questions people asked use that misspells a curated
    /// word: that word (see [`asked_typos`]).
    pub asked_typos: FxHashMap<u32, AskedTypo>,
    pub(super) tuning: Tuning,
}

/// What ranking found for a question: its candidates, best first, and how
/// well it matched the questions the articles do not answer.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    pub candidates: Vec<Candidate>,
    pub unanswered: Option<Unanswered>,
}

/// The question's match among the questions the articles do not answer
/// ([`Dataset::unanswered`]), scored by the same signals as an entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unanswered {
    /// Its ranking score, comparable to a candidate's.
    pub score: f32,
    /// Which of [`Dataset::unanswered`] matched best.
    pub question: usize,
}

impl Index {
    /// Returns the index of every entry's phrasings and answers.
    pub fn build(dataset: &Dataset) -> Index {
        let mut analyzer = Analyzer::new(&dataset.synonyms);
        let people = People::of(dataset);
        let unanswered = unanswered_entry(dataset);
        let mut all: Vec<(EntryRef, Entry<'_>)> = indexed_entries(dataset).collect();
        let real = all.len();
        if let Some(qa) = &unanswered {
            let past_the_qa = EntryRef {
                kind: Kind::Qa,
                index: dataset.qa.len(),
            };
            all.push((past_the_qa, Entry::Qa(qa)));
        }
        // Indexing is mostly normalizing and interning words: a large dataset
        // is split in two halves indexed at once, then merged.
        let part = if all.len() < 1000 {
            index_part(&analyzer, &people, &all, 0)
        } else {
            let (first, second) = all.split_at(all.len() / 2);
            let offset = first.len() as u32;
            std::thread::scope(|scope| {
                let other = scope.spawn(|| index_part(&analyzer, &people, second, offset));
                let mut part = index_part(&analyzer, &people, first, 0);
                let other = other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                part.merge(other);
                part
            })
        };
        let Part {
            vocab,
            first_key,
            exact,
            entity_terms,
            key_terms,
            key_forms,
            relations,
            gives,
            actions,
            to_come,
        } = part;
        analyzer.remember_stems(vocab.surfaces.keys().map(String::as_str));
        let entries: Vec<EntryRef> = all.iter().map(|(r, _)| *r).collect();
        let phrase_words = phrase_words(dataset, &analyzer, &vocab.terms);
        let mut surface_words: Vec<String> = vocab.surfaces.keys().cloned().collect();
        surface_words.extend(
            phrase_words
                .iter()
                .filter(|w| !vocab.surfaces.contains_key(*w))
                .cloned(),
        );
        // The typo index is independent of the postings: build both at once.
        let (typos, (idf, postings, pair_postings, keys)) = std::thread::scope(|scope| {
            let typos = scope.spawn(move || TypoIndex::new(surface_words));
            let total = entries.len().max(1) as f32;
            let idf: Vec<f32> = vocab
                .freq
                .iter()
                .map(|&f| inverse_frequency(total, f))
                .collect();
            let mut postings = vec![Vec::new(); vocab.terms.len()];
            let mut pair_postings: FxHashMap<(u32, u32), Vec<u32>> = FxHashMap::default();
            let mut keys = Vec::with_capacity(key_terms.len());
            for (k, ((entry, position, sequence), form)) in
                key_terms.into_iter().zip(key_forms).enumerate()
            {
                // Its adjacent pairs of terms, in order ("banned list").
                for w in sequence.windows(2) {
                    let holders = pair_postings.entry((w[0], w[1])).or_default();
                    if holders.last() != Some(&(k as u32)) {
                        holders.push(k as u32);
                    }
                }
                let mut terms = sequence;
                terms.sort_unstable();
                terms.dedup();
                for &t in &terms {
                    postings[t as usize].push(k as u32);
                }
                keys.push(Key {
                    entry,
                    position,
                    terms,
                    form,
                    weight: 0.0,
                    weight_factor: 0.0,
                    reach_factor: 0.0,
                });
            }
            let typos = typos
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (typos, (idf, postings, pair_postings, keys))
        });
        let mut names = vec![Vec::new(); entries.len()];
        for key in &keys {
            let entry = entries[key.entry as usize];
            if entry.kind == Kind::Person
                && usize::from(key.position) <= dataset.people[entry.index].aliases.len()
                && !key.terms.is_empty()
            {
                names[key.entry as usize].push(key.terms.clone());
            }
        }
        let individual = entries
            .iter()
            .map(|e| e.kind == Kind::Person && dataset.people[e.index].kind == PersonKind::Person)
            .collect();
        let kind_keys = kind_keys(&keys, &entries[..real]);
        let mut asked_postings = vocab.asked;
        asked_postings.resize(vocab.terms.len(), Vec::new());
        let mut asked_chatter: Vec<u32> = vocab
            .surfaces
            .iter()
            .filter(|(surface, &t)| {
                !asked_postings[t as usize].is_empty()
                    && vocab.entries[t as usize].is_empty()
                    && vocab.bodies[t as usize].is_empty()
                    && chatter::is_chatter(surface)
            })
            .map(|(_, &t)| t)
            .collect();
        asked_chatter.sort_unstable();
        asked_chatter.dedup();
        let mut index = Index {
            analyzer,
            entries,
            first_key,
            keys,
            kind_keys,
            terms: vocab.terms,
            unknown_weight: inverse_frequency(all.len().max(1) as f32, 1),
            idf,
            weights: Vec::new(),
            pair_postings,
            postings,
            entry_postings: vocab.entries,
            body_postings: vocab.bodies,
            asked_postings,
            asked_chatter,
            entity_terms,
            names,
            individual,
            exact,
            relations,
            gives,
            actions,
            to_come,
            surfaces: vocab.surfaces,
            phrase_words,
            typos,
            unanswered: unanswered.map(|_| real as u32),
            asked_typos: FxHashMap::default(),
            tuning: Tuning::default(),
        };
        index.asked_typos = asked_typos::find(
            &index.surfaces,
            |t| index.curated_uses(t),
            |t| index.asked_only(t),
        );
        index.set_tuning(Tuning::default());
        index
    }

    /// Whether an entry's own phrasings, answer or description use term
    /// `t`; questions people asked (answered or not) do not count.
    pub fn curated_uses(&self, t: u32) -> bool {
        let t = t as usize;
        self.entry_postings
            .get(t)
            .is_some_and(|es| es.iter().any(|&e| Some(e) != self.unanswered))
            || self.body_postings.get(t).is_some_and(|es| !es.is_empty())
    }

    /// Whether only questions people asked (answered ones; unanswered
    /// ones too or not) use term `t`: no curated phrasing, answer or
    /// description does.
    pub fn asked_only(&self, t: u32) -> bool {
        self.asked_postings
            .get(t as usize)
            .is_some_and(|es| !es.is_empty())
            && !self.curated_uses(t)
    }

    /// Returns the scoring knobs in use.
    pub fn tuning(&self) -> Tuning {
        self.tuning
    }

    /// Replaces the scoring knobs, updating the weights that depend on them.
    pub fn set_tuning(&mut self, tuning: Tuning) {
        let unknown = self.unknown_weight;
        self.weights = self
            .idf
            .iter()
            .map(|&w| weight(w, unknown, tuning.min_weight))
            .collect();
        for &t in &self.asked_chatter {
            self.weights[t as usize] = tuning.min_weight * unknown;
        }
        // A word only questions people asked use weighs no more than a
        // word the data uses a few times.
        for t in 0..self.weights.len() {
            if self.asked_only(t as u32) {
                let w = &mut self.weights[t];
                *w = asked_word_weight(*w, unknown, tuning.asked_word_weight, tuning.min_weight);
            }
        }
        // A misspelling only asked questions use weighs no more than the
        // word it misspells.
        for (&t, typo) in &self.asked_typos {
            let spelled = typo
                .fixes
                .iter()
                .map(|&(f, _)| self.weights[f as usize])
                .fold(0.0f32, f32::max);
            let w = &mut self.weights[t as usize];
            *w = w.min(spelled);
        }
        for key in &mut self.keys {
            key.weight = key.terms.iter().map(|&t| self.weights[t as usize]).sum();
            key.weight_factor = key.weight.powf(-tuning.phrasing_exponent);
            key.reach_factor = key.weight.powf(
                -tuning.phrasing_exponent / (tuning.question_exponent + tuning.phrasing_exponent),
            );
        }
        self.tuning = tuning;
    }

    /// Returns the question's content words resolved to terms (stopwords are
    /// left out), and the kind of entry it steers to; a word the data never
    /// uses resolves to no term.
    pub fn resolve(&self, text: &str) -> (Vec<Resolved>, Option<Steer>) {
        self.resolve_normalized(&question(text))
    }

    /// Returns the people and organisations (terms) resolved words name,
    /// in order, each once.
    pub fn entities_named(&self, resolved: &[Resolved]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for r in resolved {
            for &(t, _) in &r.terms {
                if self.entity_terms.contains(&t) && !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Returns the question analyzed for ranking.
    pub fn query(&self, text: &str) -> Query {
        let mut query = self.query_normalized(question(text));
        // The question mark is gone once normalized: a statement sent with
        // one checks a claim too.
        if text.trim_end().ends_with('?') {
            query.claim = checks_a_claim(query.form, &query.normalized, true);
        }
        query
    }

    /// [`Index::query`] on a question already normalized.
    pub fn query_normalized(&self, normalized: String) -> Query {
        let (mut resolved, mut steer) = self.resolve_normalized(&normalized);
        let mut normalized = normalized;
        let mut joined = Vec::new();
        if let Some((read, runs)) = self.join_split_words(&normalized, &resolved) {
            (resolved, steer) = self.resolve_normalized(&read);
            normalized = read;
            joined = runs;
        }
        let form = question_form::form(&normalized);
        let mut stated = relations(&normalized);
        if stated.is_empty() && may_read_an_office(&normalized, &resolved) {
            // "russian foreign minster", "russias amb": the office as read
            stated = relations(&as_read(&normalized, &resolved));
        }
        Query {
            resolved,
            steer,
            relations: stated,
            asks: answer_type::asks(&normalized),
            form,
            claim: checks_a_claim(form, &normalized, false),
            normalized,
            semantic: Vec::new(),
            context_entities: Vec::new(),
            framing: Vec::new(),
            joined,
        }
    }

    /// Returns the question analyzed for ranking in `scope`: [`Index::query`]
    /// without the words that only frame that command (see
    /// [`role_framing`]).
    pub fn query_in(&self, text: &str, scope: Scope) -> Query {
        let mut query = self.query(text);
        if query.asks.is_none() {
            // `query` read the question alone; its command may ask too
            // (see `asks_in`).
            query.asks = answer_type::asks_by_command(&query.normalized, scope);
        }
        query.framing = role_framing::leave_out(&mut query.resolved, scope);
        if !query.framing.is_empty() {
            // Without them, "/who russia role" is "/who russia" word for word.
            query.normalized = role_framing::without(&query.normalized, &query.framing);
        }
        query
    }

    /// Returns up to `limit` entries in `scope`, best first, one candidate
    /// per entry.
    pub fn rank(&self, text: &str, scope: Scope, limit: usize) -> Vec<Candidate> {
        self.rank_query(&self.query_in(text, scope), scope, limit)
    }

    /// [`Index::rank`] on an analyzed question: each entry is scored by the
    /// named signals (see [`super::signals`]), recorded in its trace.
    pub fn rank_query(&self, query: &Query, scope: Scope, limit: usize) -> Vec<Candidate> {
        self.ranking(query, scope, limit).candidates
    }

    /// [`Index::rank_query`] with the question's match among the questions
    /// the articles do not answer, ranked like an entry and set apart when
    /// it is among the best `limit` + 1.
    pub fn ranking(&self, query: &Query, scope: Scope, limit: usize) -> Ranking {
        let extra = usize::from(self.unanswered.is_some());
        let mut candidates = self.rank_entries(query, scope, limit + extra);
        let at = candidates
            .iter()
            .position(|c| Some(c.number) == self.unanswered);
        let unanswered = at.map(|i| {
            let c = candidates.remove(i);
            Unanswered {
                score: c.score,
                question: usize::from(self.keys[c.key as usize].position),
            }
        });
        candidates.truncate(limit);
        Ranking {
            candidates,
            unanswered,
        }
    }

    /// Returns what the question itself brings: its weight, and the shares
    /// of it left unknown or matched only through typos.
    pub fn evidence(&self, query: &Query) -> Evidence {
        self.evidence_of(query)
    }
}

/// Returns the questions the articles do not answer as one Q&A entry to
/// index (none when the dataset has none).
fn unanswered_entry(dataset: &Dataset) -> Option<Qa> {
    let (first, rest) = dataset.unanswered.split_first()?;
    Some(Qa {
        id: String::new(),
        question: first.clone(),
        phrasings: rest.to_vec(),
        answer: String::new(),
        cite: Vec::new(),
        caveat: None,
        asked: Vec::new(),
    })
}

/// Returns, per kind of entry of the dataset (`entries`; see
/// [`Index::kind_keys`]), the range from its first key to its last. Keys of
/// no such entry (the unanswered questions, indexed last) lie in no range.
fn kind_keys(keys: &[Key], entries: &[EntryRef]) -> [Range<u32>; 3] {
    // Per kind: its first and last key so far (keys ascend).
    let mut spans: [Option<(u32, u32)>; 3] = [None; 3];
    for (k, key) in (0u32..).zip(keys) {
        let Some(entry) = entries.get(key.entry as usize) else {
            continue;
        };
        let span = &mut spans[kind_number(entry.kind)];
        *span = Some(span.map_or((k, k), |(first, _)| (first, k)));
    }
    spans.map(|span| span.map_or(0..0, |(first, last)| first..last + 1))
}

/// Returns the place of `kind` in [`Index::kind_keys`].
pub(super) fn kind_number(kind: Kind) -> usize {
    match kind {
        Kind::Qa => 0,
        Kind::Event => 1,
        Kind::Person => 2,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::testkit;

    #[test]
    fn each_kinds_keys_lie_in_its_range_and_no_others_do() {
        // Entries given out of kind order: the index orders them kind by kind.
        let entries: &[testkit::Row<'_>] = &[
            (
                "event:recognition",
                &["russia recognises the taliban"],
                "In July 2025.",
            ),
            ("qa:why", &["why did russia do it", "what for"], "Trade."),
            (
                "person:muttaqi",
                &["amir khan muttaqi", "foreign minister"],
                "Minister.",
            ),
            ("qa:who-next", &["who is next"], "Nobody yet."),
        ];
        let index = Index::build(&testkit::dataset(entries, &[]));
        for kind in [Kind::Qa, Kind::Event, Kind::Person] {
            let range = &index.kind_keys[kind_number(kind)];
            for (k, key) in (0u32..).zip(&index.keys) {
                let of_kind = index.entries[key.entry as usize].kind == kind;
                assert!(
                    !of_kind || range.contains(&k),
                    "key {k} of a {kind:?} entry is outside its range {range:?}"
                );
                assert!(
                    of_kind || !range.contains(&k),
                    "key {k} of another kind is inside the {kind:?} range {range:?}"
                );
            }
        }
    }

    #[test]
    fn a_kind_without_entries_has_no_keys() {
        let entries: &[testkit::Row<'_>] = &[("qa:why", &["why did russia do it"], "Trade.")];
        let index = Index::build(&testkit::dataset(entries, &[]));
        assert_eq!(index.kind_keys[kind_number(Kind::Event)], 0..0, "no events");
        assert_eq!(
            index.kind_keys[kind_number(Kind::Person)],
            0..0,
            "no people"
        );
    }
}
