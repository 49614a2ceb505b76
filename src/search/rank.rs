//! Ranking: every phrasing sharing a term with the question is scored, each
//! entry keeps its best, and the named [`signals`](super::signals) turn
//! that into the entry's score, recorded in its [`Trace`].

use std::ops::Range;

use super::index::{self, EntryRef, Index, Key};
use super::key_tallies::{self, KeyTallies};
use super::relation::Relation;
use super::resolve::Resolved;
use super::shortlist;
use super::signals::answer_type::{self, Asks};
use super::signals::opposite_action::{self, Actions};
use super::signals::{
    adjacent_pairs, answer_coverage, chatter, checked_claim, claimed_year, deed, entry_coverage,
    exact_phrasing, lone_word, other_entity, phrasing_coverage, question_form, relation_conflict,
    semantic, steer, tense, unmentioned_place, Evidence, Signal, Trace,
};
use super::text::Steer;
use super::vocabulary::Field;
use crate::dataset::Kind;

/// A phrasing whose reach is below this share of its entry's best is not
/// scored: its coverage is certainly lower (see `Index::score_phrasings`).
const REACH_MARGIN: f32 = 0.9999;

/// The matched weight of a key already scored: term weights are never
/// negative, so no key's weight is this.
const SCORED: f32 = -1.0;

/// The most people and organisations a question's named ones are tracked
/// for: one bit each in [`Coverage::entities`].
const MAX_ENTITIES: usize = 8;

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
    /// Index into [`Index::entries`].
    pub number: u32,
    /// Index into [`Index::keys`].
    pub key: u32,
    /// Ranking score: about [0, 1], a little above 1 for an exact
    /// phrasing; the score of [`Candidate::trace`].
    pub score: f32,
    /// Each signal's value.
    pub trace: Trace,
    /// For the deed signal: the entry (index into [`Index::entries`])
    /// whose answer named this one as doing what the question asks.
    pub deed_from: Option<u32>,
}

impl Candidate {
    /// Orders candidates best first: by score, then by phrasing.
    pub fn best_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        b.score.total_cmp(&a.score).then(a.key.cmp(&b.key))
    }

    /// Returns its index into [`Index::entries`], as a `usize`.
    pub fn entry_number(&self) -> usize {
        self.number as usize
    }
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
    /// The kind of detail it asks for, where that is checked.
    pub asks: Option<Asks>,
    /// What it asks, by its question word (see [`question_form`]).
    pub form: question_form::Form,
    /// It checks a claim (see [`claimed_year::checks_a_claim`]).
    pub claim: bool,
    /// Per entry (in index order): the sentence encoder's best cosine
    /// against its phrasings; empty without the encoder.
    pub semantic: Vec<f32>,
    /// People and organisations (terms) its sentence names, for a clause
    /// that refers back to them ("china was close to them, have they
    /// recognised them"): the other-entity signal counts them as named.
    pub context_entities: Vec<u32>,
    /// Words left out of the match as framing of its command (see
    /// [`role_framing`](super::signals::role_framing)), as typed.
    pub framing: Vec<String>,
    /// Words a slip split in two, read as one (see
    /// [`split_words`](super::split_words)).
    pub joined: Vec<super::split_words::Joined>,
}

impl Query {
    /// Returns the normalized question with its typos corrected ("who is
    /// the kremiln" -> "who is the kremlin"), or `None` when none was.
    pub fn corrected(&self) -> Option<String> {
        let mut fixes = self
            .resolved
            .iter()
            .filter_map(|r| Some((r.word.surface.as_str(), r.corrected.as_deref()?)))
            .peekable();
        fixes.peek()?;
        let mut text = format!(" {} ", self.normalized);
        for (typed, fixed) in fixes {
            text = text.replacen(&format!(" {typed} "), &format!(" {fixed} "), 1);
        }
        Some(text.trim().to_string())
    }
}

/// The question as the ranking uses it.
pub(super) struct Question {
    /// Distinct terms with the factor each keeps (below 1 for typos).
    terms: Vec<(u32, f32)>,
    /// The weight of all its content words, unknown ones included.
    weight: f32,
    /// Adjacent pairs of its words, by term.
    pairs: Vec<(u32, u32)>,
    /// The people and organisations it names (at most [`MAX_ENTITIES`]).
    entities: Vec<u32>,
    /// The unmentioned-place factor, the same for every entry (see
    /// [`unmentioned_place`]).
    unmentioned_place: f32,
    /// The other-entity factor of an entry mentioning `i` of `entities`,
    /// at index `i` (see [`other_entity`]).
    other_entity: [f32; MAX_ENTITIES + 1],
    /// It has a single content word.
    lone: bool,
    /// It asks who did something (see [`deed`]).
    doer: bool,
    /// It checks a claim (a yes/no question, or a statement with a tag
    /// such as "right?"): see [`checked_claim`].
    checks_claim: bool,
    /// What it asks, by its question word.
    form: question_form::Form,
    /// The actions it asks about, with its command (see [`opposite_action`]).
    actions: Actions,
    /// It asks about what has happened (see [`tense`]).
    past: bool,
}

/// What the question's terms cover of one entry.
#[derive(Debug, Clone, Copy, Default)]
struct Coverage {
    /// The best phrasing's coverage.
    best: f32,
    /// Its adjacent-pairs bonus.
    pairs: f32,
    /// That phrasing's key plus one; 0 while no phrasing matched.
    key: u32,
    /// How much of that phrasing the question covers, in [0, 1].
    fit: f32,
    /// The question-form factor of that phrasing (see [`question_form`]).
    form: f32,
    /// That phrasing's `matched * reach_factor` (which orders phrasing
    /// coverages as they are ordered without computing a power) times
    /// [`REACH_MARGIN`]: a phrasing reaching less cannot beat it.
    reach_floor: f32,
    /// Weight of the question's terms found in any phrasing.
    phrasings: f32,
    /// Weight of the question's terms found in the answer.
    body: f32,
    /// Bit j set: the entry mentions the question's j-th named entity.
    entities: u8,
    /// The question's terms reach it (a phrasing, an asked question or its
    /// answer has one).
    touched: bool,
}

impl Index {
    /// Returns up to `limit` entries of `scope` for an analyzed question,
    /// best first, one candidate per entry.
    pub(super) fn rank_entries(&self, query: &Query, scope: Scope, limit: usize) -> Vec<Candidate> {
        let Some(question) = self.question_terms(query, scope) else {
            return Vec::new();
        };
        let (mut cover, mut touched) = self.cover_entries(&question);
        // Only the phrasings of entries that can become candidates are
        // scored: those of the scope, and for a question asking who did
        // something, the events and answers that may name the doer.
        let scored = if scope == Scope::All || (question.doer && scope.admits(Kind::Person)) {
            None
        } else if scope == Scope::Timeline {
            Some(Kind::Event)
        } else {
            Some(Kind::Person)
        };
        self.score_phrasings(&question, scored, &mut cover);
        self.add_nearest(query, scope, &mut touched);
        let exact = self
            .exact
            .get(&query.normalized)
            .or_else(|| self.exact.get(&query.corrected()?))
            .copied();
        let make = |n: u32, scope: Scope| {
            self.candidate(
                query,
                &question,
                scope,
                n,
                cover[n as usize],
                exact == Some(n),
            )
        };
        let admitted = touched
            .iter()
            .copied()
            .filter(|&n| scope.admits(self.entries[n as usize].kind));
        let doers = question.doer && scope.admits(Kind::Person);
        let mut out: Vec<Candidate> = if doers || !self.tuning.bounds_scores() {
            // Sized up front: a filtered collect would grow it step by step.
            let mut all = Vec::with_capacity(touched.len());
            all.extend(admitted.map(|n| make(n, scope)));
            all
        } else {
            // Only the entries that may make the list are scored in full.
            let bound = |n: u32| {
                let exact = exact == Some(n);
                self.score_bound(query, &question, scope, n, &cover[n as usize], exact)
            };
            shortlist::best(admitted, limit, bound, |n| make(n, scope), |c| c.score)
        };
        if doers {
            self.credit_doers(&question, scope, &touched, make, &mut out);
        }
        let order = Candidate::best_first;
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, order);
        }
        out.truncate(limit);
        out.sort_by(order);
        out
    }

    /// For a question asking who did something: credits each person or
    /// organisation that the best-matching events and answers name, and
    /// the question does not, with a share of the best one's score (see
    /// [`deed`]); one not yet a candidate becomes one.
    /// `make` scores entry `n` as a candidate in a scope.
    fn credit_doers(
        &self,
        question: &Question,
        scope: Scope,
        touched: &[u32],
        make: impl Fn(u32, Scope) -> Candidate,
        out: &mut Vec<Candidate>,
    ) {
        let mut deeds: Vec<Candidate> = touched
            .iter()
            .copied()
            .filter(|&n| self.entries[n as usize].kind != Kind::Person)
            .map(|n| make(n, Scope::All))
            .collect();
        deeds.sort_by(Candidate::best_first);
        deeds.truncate(deed::DEEDS);
        let names_in = |entry: u32, name: &[u32]| {
            name.iter()
                .all(|&t| self.body_postings[t as usize].binary_search(&entry).is_ok())
        };
        for (p, names) in self.names.iter().enumerate() {
            let named = |d: &Candidate| names.iter().any(|name| names_in(d.number, name));
            let asked = names
                .iter()
                .flatten()
                .any(|t| question.entities.contains(t));
            if names.is_empty() || asked {
                continue;
            }
            // The deeds are best first.
            let Some(best) = deeds.iter().find(|d| named(d)) else {
                continue;
            };
            let p = p as u32;
            let at = match out.iter().position(|c| c.number == p) {
                Some(i) => i,
                None => {
                    out.push(make(p, scope));
                    out.len() - 1
                }
            };
            // The deed's own exact phrasing makes it the answer, not its doer.
            let mut deed_match = best.trace;
            deed_match.set(Signal::ExactPhrasing, 0.0);
            let c = &mut out[at];
            c.trace
                .set(Signal::Deed, deed::value(deed_match.score(), &self.tuning));
            c.score = c.trace.score();
            c.deed_from = Some(best.number);
        }
    }

    /// Returns whether entry `n` is an individual the question names in
    /// full (every word of one of their names), anywhere in it.
    fn names_in_full(&self, question: &Question, n: u32) -> bool {
        self.named_in_full(question, n, |_| true)
    }

    /// Returns whether entry `n` is an individual the question names first
    /// (before anyone else) and in full (every word of one of their names).
    fn names_first(&self, question: &Question, n: u32) -> bool {
        let Some(&first) = question.entities.first() else {
            return false;
        };
        self.named_in_full(question, n, |name| name.contains(&first))
    }

    /// Returns whether entry `n` is an individual and the question has every
    /// word of one of their names for which `which` holds.
    fn named_in_full(&self, question: &Question, n: u32, which: impl Fn(&[u32]) -> bool) -> bool {
        self.individual[n as usize]
            && self.names[n as usize].iter().any(|name| {
                !name.is_empty()
                    && which(name)
                    && name
                        .iter()
                        .all(|t| question.terms.iter().any(|&(q, _)| q == *t))
            })
    }

    /// Adds the entries nearest the question by meaning (the sentence
    /// encoder's best cosines) to the touched ones, if not there yet.
    fn add_nearest(&self, query: &Query, scope: Scope, touched: &mut Vec<u32>) {
        let extra = self.tuning.semantic_extra;
        if query.semantic.is_empty() || extra == 0 {
            return;
        }
        let mut nearest: Vec<u32> = (0..query.semantic.len() as u32)
            .filter(|&n| scope.admits(self.entries[n as usize].kind))
            .collect();
        let by_cosine =
            |a: &u32, b: &u32| query.semantic[*b as usize].total_cmp(&query.semantic[*a as usize]);
        if nearest.len() > extra {
            nearest.select_nth_unstable_by(extra - 1, by_cosine);
            nearest.truncate(extra);
        }
        for n in nearest {
            if !touched.contains(&n) {
                touched.push(n);
            }
        }
    }

    /// Returns the weight of a question word the data never uses: the most
    /// a word can weigh, or the floor for conversational framing.
    fn unknown_word_weight(&self, word: &str) -> f32 {
        let t = &self.tuning;
        if chatter::is_chatter(word) {
            t.min_weight * self.unknown_weight
        } else {
            self.unknown_weight * t.unknown_factor
        }
    }

    /// Returns what the question brings before any entry is scored.
    pub(super) fn evidence_of(&self, query: &Query) -> Evidence {
        let mut e = Evidence {
            words: query.resolved.len(),
            ..Evidence::default()
        };
        for r in &query.resolved {
            if r.terms.is_empty() {
                let unknown = self.unknown_word_weight(&r.word.surface);
                e.unknown_words += 1;
                e.unknown_share += unknown;
                e.weight += unknown;
            } else {
                let (w, kept) = r
                    .terms
                    .iter()
                    .map(|&(t, f)| (self.weights[t as usize], f))
                    .fold((0.0f32, 0.0f32), |(w, k), (tw, f)| (w.max(tw), k.max(f)));
                e.weight += w;
                e.typo_share += w * (1.0 - kept);
            }
        }
        if e.weight > 0.0 {
            e.unknown_share /= e.weight;
            e.typo_share /= e.weight;
        }
        e
    }

    /// Returns the question's distinct terms and weights, or `None` when no
    /// word of it is in the data, or it has no word but small numbers
    /// ("what's 2+2" is no question about "taliban 2.0").
    fn question_terms(&self, query: &Query, scope: Scope) -> Option<Question> {
        if query
            .resolved
            .iter()
            .all(|r| chatter::is_listing_number(&r.word.surface))
        {
            return None;
        }
        // Distinct terms of the question with the best factor each keeps.
        let mut terms: Vec<(u32, f32)> = Vec::new();
        let mut weight = 0.0;
        let checking = query.claim;
        for r in &query.resolved {
            let mut word_weight: f32 = 0.0;
            let claim = claimed_year::factor(checking, &r.word.surface, &self.tuning);
            for &(t, f) in &r.terms {
                let f = f * claim;
                match terms.iter_mut().find(|(q, _)| *q == t) {
                    Some(existing) => existing.1 = existing.1.max(f),
                    None => {
                        terms.push((t, f));
                        word_weight = word_weight.max(self.weights[t as usize] * claim);
                    }
                }
            }
            weight += if r.terms.is_empty() {
                self.unknown_word_weight(&r.word.surface)
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
        // The people and organisations the question names (at most
        // `MAX_ENTITIES` tracked).
        let mut entities = self.entities_named(&query.resolved);
        let doer = deed::asks_doer(&query.normalized, scope, |w| {
            query.resolved.iter().any(|r| {
                r.word.surface == w && r.terms.iter().any(|(t, _)| self.entity_terms.contains(t))
            })
        });
        for &t in &query.context_entities {
            if !entities.contains(&t) {
                entities.push(t);
            }
        }
        entities.truncate(MAX_ENTITIES);
        let named = entities.len();
        Some(Question {
            terms,
            weight,
            pairs,
            entities,
            unmentioned_place: unmentioned_place::value(
                unmentioned_place::count(&query.resolved, |t| self.curated_uses(t)),
                &self.tuning,
            ),
            other_entity: std::array::from_fn(|mentioned| {
                other_entity::value(named, mentioned as u32, &self.tuning)
            }),
            lone: query.resolved.len() == 1,
            doer,
            checks_claim: checking,
            form: query.form,
            actions: Actions::asked(&query.normalized, scope),
            past: tense::asks_what_happened(&query.normalized),
        })
    }

    /// Returns, per entry, what the question covers of its phrasings and its
    /// answer (dense, indexed by entry), and the entries touched.
    fn cover_entries(&self, question: &Question) -> (Vec<Coverage>, Vec<u32>) {
        let mut cover = vec![Coverage::default(); self.entries.len()];
        let mut touched: Vec<u32> = Vec::with_capacity(self.entries.len());
        for &(t, f) in &question.terms {
            let w = self.weights[t as usize] * f;
            let bit = question
                .entities
                .iter()
                .position(|&e| e == t)
                .map_or(0, |j| 1u8 << j);
            let mut add = |e: u32, field: Field| {
                let c = &mut cover[e as usize];
                if !c.touched {
                    c.touched = true;
                    touched.push(e);
                }
                match field {
                    Field::Phrasing => c.phrasings += w,
                    Field::Body => c.body += w,
                    // An asked question covers the question like a
                    // phrasing, but the names it mentions are the asker's.
                    Field::Asked => {
                        c.phrasings += w;
                        return;
                    }
                }
                c.entities |= bit;
            };
            for &e in &self.entry_postings[t as usize] {
                add(e, Field::Phrasing);
            }
            for &e in &self.body_postings[t as usize] {
                add(e, Field::Body);
            }
            for &e in &self.asked_postings[t as usize] {
                add(e, Field::Asked);
            }
        }
        // Entities named only elsewhere in the sentence: which entries mention them.
        for (j, &t) in question.entities.iter().enumerate() {
            if question.terms.iter().any(|&(q, _)| q == t) {
                continue;
            }
            let holders = self.entry_postings[t as usize]
                .iter()
                .chain(&self.body_postings[t as usize]);
            for &e in holders {
                cover[e as usize].entities |= 1u8 << j;
            }
        }
        (cover, touched)
    }

    /// Adds to `matched` (dense, indexed by key, all zero) the weight of
    /// the question's terms each key in `keys` has.
    fn matched_weights(&self, question: &Question, keys: &Range<u32>, matched: &mut [f32]) {
        for &(t, f) in &question.terms {
            let w = term_weight(&self.weights, t, f);
            for &k in self.postings_within(t, keys) {
                matched[k as usize] += w;
            }
        }
    }

    /// Returns the keys of entries of kind `only` (see
    /// [`Index::kind_keys`]: no other kind's), or all keys.
    fn keys_of(&self, only: Option<Kind>) -> Range<u32> {
        match only {
            Some(kind) => self.kind_keys[index::kind_number(kind)].clone(),
            None => 0..self.keys.len() as u32,
        }
    }

    /// Returns the postings of term `t` in `keys`.
    fn postings_within(&self, t: u32, keys: &Range<u32>) -> &[u32] {
        within(&self.postings[t as usize], keys)
    }

    /// Counts in `shared` (dense, indexed by key, all zero) how many of the
    /// question's adjacent pairs each key has; returns the keys it counted
    /// for, a slice of `shared`, empty when the question has no pairs.
    fn shared_pairs<'s>(&self, question: &Question, shared: &'s mut [u16]) -> &'s [u16] {
        if question.pairs.is_empty() {
            return &[];
        }
        for pair in &question.pairs {
            for &k in self.pair_postings(pair) {
                shared[k as usize] += 1;
            }
        }
        &shared[..self.keys.len()]
    }

    /// Returns the keys that have the adjacent pair `pair` of terms.
    fn pair_postings(&self, pair: &(u32, u32)) -> &[u32] {
        self.pair_postings.get(pair).map_or(&[][..], Vec::as_slice)
    }

    /// Scores every phrasing sharing a term with the question (only those
    /// of entries of kind `only`, when given) and keeps each entry's best
    /// in `cover`.
    ///
    /// Not inlined: its loop runs once per posting of the question's terms
    /// (about 700 per question), and inlined into `rank_entries` it was
    /// compiled anew, better or worse, whenever unrelated code changed.
    #[inline(never)]
    fn score_phrasings(&self, question: &Question, only: Option<Kind>, cover: &mut [Coverage]) {
        // The postings of keys of other kinds are skipped whole.
        let keys = self.keys_of(only);
        key_tallies::with(self.keys.len(), |tallies| {
            let KeyTallies {
                matched, shared, ..
            } = tallies;
            let shared = self.shared_pairs(question, shared);
            let mut scorer = PhrasingScorer::new(self, question, only, shared);
            if let [(t, f)] = question.terms[..] {
                // One term: each of its phrasings has its weight, no sums to make.
                let w = term_weight(&self.weights, t, f);
                for &k in self.postings_within(t, &keys) {
                    scorer.score(k, w, cover);
                }
            } else {
                self.matched_weights(question, &keys, matched);
                // Each key is scored once, where the question's terms first
                // touch it; its matched weight is then replaced by `SCORED`,
                // or by zero at the last term, which no term reads after.
                let last = question.terms.len() - 1;
                for (i, &(t, _)) in question.terms.iter().enumerate() {
                    let after = if i == last { 0.0 } else { SCORED };
                    for &k in self.postings_within(t, &keys) {
                        let matched = std::mem::replace(&mut matched[k as usize], after);
                        if matched != SCORED {
                            scorer.score(k, matched, cover);
                        }
                    }
                }
                // Back to zero: the keys of the other terms.
                for &(t, _) in &question.terms[..last] {
                    for &k in self.postings_within(t, &keys) {
                        matched[k as usize] = 0.0;
                    }
                }
            }
            self.clear_shared_pairs(question, &mut tallies.shared);
            tallies.cleared();
        });
    }

    /// Puts back to zero what [`Index::shared_pairs`] counted in `shared`.
    fn clear_shared_pairs(&self, question: &Question, shared: &mut [u16]) {
        for pair in &question.pairs {
            for &k in self.pair_postings(pair) {
                shared[k as usize] = 0;
            }
        }
    }

    /// Returns a score entry `n` cannot exceed, when the tuning
    /// [bounds scores](super::Tuning::bounds_scores): the score of its
    /// [`first_signals`](Index::first_signals) alone (the penalties that
    /// take work to find left neutral), or infinity when a checked claim
    /// may lift it. Computed without a trace, the same sums and products in
    /// the same order as [`Trace::score`], so the same value.
    #[inline]
    fn score_bound(
        &self,
        query: &Query,
        question: &Question,
        scope: Scope,
        n: u32,
        c: &Coverage,
        exact: bool,
    ) -> f32 {
        if self.individual[n as usize] && (question.checks_claim || scope == Scope::People) {
            return f32::INFINITY;
        }
        let t = &self.tuning;
        let share = phrasing_coverage::share(t);
        let coverage = share * c.best
            + share * c.pairs
            + entry_coverage::value(c.phrasings, question.weight, t)
            + answer_coverage::value(c.body, question.weight, t)
            + semantic::value(query.semantic.get(n as usize).copied(), t);
        let bound = (coverage * lone_word::value(question.lone, c.fit, t)
            + exact_phrasing::value(exact, t))
            * question.other_entity[c.entities.count_ones() as usize]
            * question.unmentioned_place
            * steer::value(scope, query.steer, self.entries[n as usize].kind, t);
        debug_assert_eq!(
            bound,
            self.first_signals(query, question, scope, n, c, exact)
                .score(),
            "score_bound must be the score of first_signals"
        );
        bound
    }

    /// Returns the trace of entry `n` with the signals that take little
    /// work set: relation conflict, answer type, opposite action, tense,
    /// checked claim and question form are left neutral.
    fn first_signals(
        &self,
        query: &Query,
        question: &Question,
        scope: Scope,
        n: u32,
        c: &Coverage,
        exact: bool,
    ) -> Trace {
        let t = &self.tuning;
        let share = phrasing_coverage::share(t);
        let mut trace = Trace::default();
        trace.set(Signal::PhrasingCoverage, share * c.best);
        trace.set(Signal::AdjacentPairs, share * c.pairs);
        trace.set(
            Signal::EntryCoverage,
            entry_coverage::value(c.phrasings, question.weight, t),
        );
        trace.set(
            Signal::AnswerCoverage,
            answer_coverage::value(c.body, question.weight, t),
        );
        trace.set(
            Signal::Semantic,
            semantic::value(query.semantic.get(n as usize).copied(), t),
        );
        trace.set(Signal::LoneWord, lone_word::value(question.lone, c.fit, t));
        trace.set(Signal::ExactPhrasing, exact_phrasing::value(exact, t));
        trace.set(
            Signal::OtherEntity,
            question.other_entity[c.entities.count_ones() as usize],
        );
        trace.set(Signal::UnmentionedPlace, question.unmentioned_place);
        trace.set(
            Signal::Steer,
            steer::value(scope, query.steer, self.entries[n as usize].kind, t),
        );
        trace
    }

    /// Returns entry `n` as a candidate, its signals recorded in its trace.
    fn candidate(
        &self,
        query: &Query,
        question: &Question,
        scope: Scope,
        n: u32,
        c: Coverage,
        exact: bool,
    ) -> Candidate {
        let t = &self.tuning;
        let entry = self.entries[n as usize];
        let mut trace = self.first_signals(query, question, scope, n, &c, exact);
        trace.set(
            Signal::RelationConflict,
            relation_conflict::value(&query.relations, &self.relations[n as usize], t),
        );
        trace.set(
            Signal::AnswerType,
            answer_type::value(query.asks, self.gives[n as usize], t),
        );
        trace.set(
            Signal::OppositeAction,
            opposite_action::value(question.actions, self.actions[n as usize], t),
        );
        trace.set(
            Signal::Tense,
            tense::value(question.past, self.to_come[n as usize], t),
        );
        trace.set(
            Signal::CheckedClaim,
            checked_claim::value(
                (question.checks_claim && self.names_first(question, n))
                    || (scope == Scope::People && self.names_in_full(question, n)),
                trace.get(Signal::OtherEntity) * trace.get(Signal::RelationConflict),
            ),
        );
        // An entry found only through its answer has no phrasing to judge.
        trace.set(Signal::QuestionForm, if c.key == 0 { 1.0 } else { c.form });
        // An entry found only through its answer is shown by its first phrasing.
        let key = if c.key == 0 {
            self.first_key[n as usize]
        } else {
            c.key - 1
        };
        Candidate {
            entry,
            number: n,
            key,
            score: trace.score(),
            trace,
            deed_from: None,
        }
    }
}

/// Returns what term `t`, kept with factor `f`, adds to the matched weight
/// of a phrasing that has it: the same value summed into a phrasing's
/// matched weight starting from 0, bit for bit (weights are positive).
fn term_weight(weights: &[f32], t: u32, f: f32) -> f32 {
    weights[t as usize] * f
}

/// Returns the part of `postings` (keys, ascending) in `keys`.
fn within<'p>(postings: &'p [u32], keys: &Range<u32>) -> &'p [u32] {
    if let (Some(first), Some(last)) = (postings.first(), postings.last()) {
        if keys.contains(first) && keys.contains(last) {
            // All of them (every key, when no kind is asked for).
            return postings;
        }
    }
    let from = postings.partition_point(|&k| k < keys.start);
    let to = from + postings[from..].partition_point(|&k| k < keys.end);
    &postings[from..to]
}

/// What scoring a phrasing needs, worked out once per question.
struct PhrasingScorer<'a> {
    /// The index's phrasings and entries, and the question's weight, held
    /// here so the loop over postings need not read them through the
    /// index and the question again for each.
    keys: &'a [Key],
    entries: &'a [EntryRef],
    question_weight: f32,
    /// How many adjacent pairs the question has.
    question_pairs: usize,
    /// The tuning's bonus for sharing all of them.
    pair_bonus: f32,
    /// The kind of entry asked for, when given: every key scored is one
    /// of its entries' (the postings are cut to its range of keys), which
    /// debug builds check.
    only: Option<Kind>,
    /// Per key, how many of the question's adjacent pairs it has (see
    /// [`Index::shared_pairs`]); empty when the question has no pairs.
    shared: &'a [u16],
    /// The question's weight to the power of minus the question exponent.
    question_factor: f32,
    /// The question-form factor per phrasing form.
    forms: [f32; question_form::Form::ALL.len()],
    power: phrasing_coverage::MatchedPower,
}

impl<'a> PhrasingScorer<'a> {
    fn new(
        index: &'a Index,
        question: &'a Question,
        only: Option<Kind>,
        shared: &'a [u16],
    ) -> PhrasingScorer<'a> {
        let tuning = &index.tuning;
        PhrasingScorer {
            keys: &index.keys,
            entries: &index.entries,
            question_weight: question.weight,
            question_pairs: question.pairs.len(),
            pair_bonus: tuning.pair_bonus,
            only,
            shared,
            question_factor: question.weight.powf(-tuning.question_exponent),
            forms: question_form::values(question.form, tuning),
            power: phrasing_coverage::MatchedPower::new(tuning),
        }
    }

    /// Scores phrasing `k`, which has `matched` of the question's weight,
    /// and keeps it in `cover` if it is its entry's best.
    #[inline(always)]
    fn score(&mut self, k: u32, matched: f32, cover: &mut [Coverage]) {
        let key = &self.keys[k as usize];
        debug_assert!(
            self.only
                .is_none_or(|kind| self.entries[key.entry as usize].kind == kind),
            "key {k} lies outside the kind asked for"
        );
        if key.weight <= 0.0 {
            return;
        }
        // `smaller`, not `f32::min`: the weights are never NaN, and the
        // test for NaN cost a tenth of this function.
        let m = smaller(smaller(matched, key.weight), self.question_weight);
        let c = &mut cover[key.entry as usize];
        let form = self.forms[key.form as usize];
        // Coverage is `reach^(qe + pe) * question_factor`, so a phrasing
        // with no pairs, no better form factor and clearly less reach than
        // the entry's best cannot beat it: skip the power (the margin is far
        // above rounding, so the ranking is the same as computing it).
        let reach = m * key.reach_factor;
        let beaten = c.key != 0 && form <= c.form && reach < c.reach_floor;
        // None without pairs in the question.
        let shared = self.shared.get(k as usize).map_or(0, |&n| n as usize);
        if beaten && shared == 0 {
            // No pairs bonus can save it.
            return;
        }
        let pairs = adjacent_pairs::bonus(shared, self.question_pairs, self.pair_bonus);
        if beaten && pairs == 0.0 {
            return;
        }
        let coverage = self
            .power
            .coverage(m, self.question_factor, key.weight_factor);
        let score = (coverage + pairs) * form;
        let best = (c.best + c.pairs) * c.form;
        if c.key == 0 || score > best || (score == best && k + 1 < c.key) {
            c.best = coverage;
            c.pairs = pairs;
            c.key = k + 1;
            c.fit = m / key.weight;
            c.reach_floor = reach * REACH_MARGIN;
            c.form = form;
        }
    }
}

/// Returns the smaller of `a` and `b`, which are not NaN: `f32::min`
/// without its test for NaN.
#[inline(always)]
fn smaller(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_within_a_range_of_keys() {
        // (postings, keys, the postings within them)
        let rows: [(&[u32], Range<u32>, &[u32]); 8] = [
            (&[1, 4, 7, 9], 0..10, &[1, 4, 7, 9]),
            (&[1, 4, 7, 9], 4..8, &[4, 7]),
            (&[1, 4, 7, 9], 2..4, &[]),
            (&[1, 4, 7, 9], 9..20, &[9]),
            (&[1, 4, 7, 9], 0..1, &[]),
            (&[1, 4, 7, 9], 0..0, &[]),
            (&[], 0..10, &[]),
            (&[5], 5..6, &[5]),
        ];
        for (postings, keys, want) in rows {
            assert_eq!(
                within(postings, &keys),
                want,
                "postings {postings:?} within keys {keys:?}"
            );
        }
    }
}
