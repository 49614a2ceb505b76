//! The search index built from a dataset: every phrasing people may type
//! (questions, alternate phrasings, event titles and aliases, names and
//! roles) as a set of weighted terms, with postings from term to phrasing
//! and the vocabulary indexed for typos.

use rustc_hash::FxHashMap;

use super::normalize::normalize;
use super::relation::{may_start_office, relations, Relation};
use super::text::{Analyzer, Lone};
use super::typo::TypoIndex;
use crate::dataset::{Dataset, Entry, Kind};

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
    /// `weight` to the power of minus the phrasing exponent, precomputed
    /// (kept in step by [`Index::set_tuning`]).
    pub weight_factor: f32,
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
    /// Per term id: its inverse document frequency over entries.
    pub idf: Vec<f32>,
    /// Per term id: its weight (the IDF, floored by the tuning).
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
    /// Per entry: the offices its phrasings state,
    /// with whose they are and where they serve.
    pub relations: Vec<Vec<Relation>>,
    /// A word of a phrasing -> the term it stands for, for typo correction.
    pub surfaces: FxHashMap<String, u32>,
    /// The words of the data's synonym phrases ("minister" of "foreign
    /// minister"), which typo correction also aims at: the corrected
    /// question is analyzed again so the phrase forms.
    pub phrase_words: rustc_hash::FxHashSet<String>,
    pub typos: TypoIndex,
    /// The weight of a word the data never uses: as rare as a word can be.
    pub unknown_weight: f32,
    pub(super) tuning: Tuning,
}

/// The knobs of the scoring formula (see `rank`), tuned on the tuning half
/// of the eval set only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much of a phrasing's score rests on covering the question.
    pub question_exponent: f32,
    /// How much rests on the question covering the phrasing.
    pub phrasing_exponent: f32,
    /// For a question of one content word: the power of how much of its
    /// best phrasing it covers, applied to the whole score.
    pub lone_word_fit: f32,
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
    /// No word weighs less than this share of the rarest word's weight, so
    /// a word the data uses everywhere ("russia") still counts when a
    /// phrasing lacks it ("russian foreign minister" is not "foreign minister").
    pub min_weight: f32,
    /// Added when the question is one of the entry's phrasings, word for word.
    pub exact_bonus: f32,
    /// Added, in proportion, for the question's adjacent word pairs that a
    /// phrasing has too ("banned list", "before russia").
    pub pair_bonus: f32,
    /// What an entry keeps for each person or organisation the question
    /// names that the entry never mentions ("president of china" is not
    /// about Putin).
    pub other_entity: f32,
    /// What an entry keeps when the question asks about an office held by
    /// or serving another country than every one the entry states
    /// ("russia's ambassador in kabul" is not the Afghan ambassador in Moscow).
    pub relation_conflict: f32,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            question_exponent: 0.7,
            phrasing_exponent: 0.2,
            lone_word_fit: 1.0,
            entry_share: 0.35,
            body_share: 0.1,
            typo_penalty: 0.25,
            off_steer: 0.9,
            unsteered: 0.9,
            unknown_factor: 2.0,
            min_weight: 0.2,
            exact_bonus: 0.1,
            pair_bonus: 0.1,
            other_entity: 0.6,
            relation_conflict: 0.5,
        }
    }
}

/// Interns terms and counts in how many entries each appears.
#[derive(Default)]
struct Vocabulary {
    terms: FxHashMap<String, u32>,
    surfaces: FxHashMap<String, u32>,
    stems: FxHashMap<String, String>,
    /// What each normalized word seen so far counts as on its own.
    /// With whether the word may start the name of an office ("ambassador").
    known: FxHashMap<String, (Known, bool)>,
    /// Per term: the entries using it in a phrasing, ascending, each once.
    entries: Vec<Vec<u32>>,
    /// Per term: the entries using it in their answer, ascending, each once.
    bodies: Vec<Vec<u32>>,
    /// Per term: how many entries use it anywhere.
    freq: Vec<u32>,
}

/// A word's meaning on its own, cached during indexing.
#[derive(Debug, Clone, Copy)]
enum Known {
    Term(u32),
    Stopword,
    /// May start a synonym phrase: the text takes the full analysis.
    PhraseStart,
}

impl Vocabulary {
    /// Returns the content terms of `text` (given with its normalized form)
    /// in order, recording them for `entry` as phrasing or (`body`) answer
    /// terms, and whether the text may name an office (see
    /// `relation::may_start_office`).
    fn add(
        &mut self,
        analyzer: &Analyzer,
        text: &str,
        normalized: &str,
        entry: u32,
        body: bool,
    ) -> (Vec<u32>, bool) {
        let mut ids = Vec::new();
        let mut phrase = false;
        let mut office = false;
        for word in normalized.split(' ').filter(|w| !w.is_empty()) {
            let (known, starts_office) = match self.known.get(word) {
                Some(&k) => k,
                None => self.learn(analyzer, word),
            };
            office |= starts_office;
            match known {
                Known::Term(id) => {
                    // Typo corrections aim at the words of phrasings only.
                    if !body && !self.surfaces.contains_key(word) {
                        self.surfaces.insert(word.to_string(), id);
                    }
                    ids.push(id);
                }
                Known::Stopword => {}
                Known::PhraseStart => {
                    phrase = true;
                    break;
                }
            }
        }
        if phrase {
            office = normalized.split(' ').any(may_start_office);
            ids.clear();
            let (terms, surfaces) = (&mut self.terms, &mut self.surfaces);
            let (entries, bodies, freq) = (&mut self.entries, &mut self.bodies, &mut self.freq);
            analyzer.each_term(text, &mut self.stems, |term, surface, single| {
                let id = intern(terms, entries, bodies, freq, term);
                if single && !body && !surfaces.contains_key(surface) {
                    surfaces.insert(surface.to_string(), id);
                }
                ids.push(id);
            });
        }
        for &id in &ids {
            let t = id as usize;
            if self.entries[t].last() != Some(&entry) && self.bodies[t].last() != Some(&entry) {
                self.freq[t] += 1;
            }
            let list = if body {
                &mut self.bodies[t]
            } else {
                &mut self.entries[t]
            };
            if list.last() != Some(&entry) {
                list.push(entry);
            }
        }
        (ids, office)
    }

    /// Works out and remembers what `word` counts as on its own.
    fn learn(&mut self, analyzer: &Analyzer, word: &str) -> (Known, bool) {
        let stem = analyzer.stem(word);
        let known = match analyzer.classify(word, &stem) {
            Lone::PhraseStart => Known::PhraseStart,
            Lone::Stopword => Known::Stopword,
            Lone::Term(term) => {
                let id = intern(
                    &mut self.terms,
                    &mut self.entries,
                    &mut self.bodies,
                    &mut self.freq,
                    term,
                );
                Known::Term(id)
            }
        };
        let learned = (known, may_start_office(word));
        self.known.insert(word.to_string(), learned);
        learned
    }
}

/// Returns the id of `term`, adding it (with empty postings) if new.
fn intern(
    terms: &mut FxHashMap<String, u32>,
    entries: &mut Vec<Vec<u32>>,
    bodies: &mut Vec<Vec<u32>>,
    freq: &mut Vec<u32>,
    term: &str,
) -> u32 {
    if let Some(&id) = terms.get(term) {
        return id;
    }
    let id = terms.len() as u32;
    terms.insert(term.to_string(), id);
    entries.push(Vec::new());
    bodies.push(Vec::new());
    freq.push(0);
    id
}

impl Index {
    /// Returns the index of every entry's phrasings and answers.
    pub fn build(dataset: &Dataset) -> Index {
        let analyzer = Analyzer::new(&dataset.synonyms);
        let all: Vec<(EntryRef, Entry<'_>)> = indexed_entries(dataset).collect();
        // Indexing is mostly normalizing and interning words: a large dataset
        // is split in two halves indexed at once, then merged.
        let part = if all.len() < 1000 {
            index_part(&analyzer, &all, 0)
        } else {
            let (first, second) = all.split_at(all.len() / 2);
            let offset = first.len() as u32;
            std::thread::scope(|scope| {
                let other = scope.spawn(|| index_part(&analyzer, second, offset));
                let mut part = index_part(&analyzer, first, 0);
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
            relations,
        } = part;
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
        let (typos, (idf, postings, keys)) = std::thread::scope(|scope| {
            let typos = scope.spawn(move || TypoIndex::new(surface_words));
            let total = entries.len().max(1) as f32;
            let idf: Vec<f32> = vocab
                .freq
                .iter()
                .map(|&f| inverse_frequency(total, f))
                .collect();
            let mut postings = vec![Vec::new(); vocab.terms.len()];
            let mut keys = Vec::with_capacity(key_terms.len());
            for (k, (entry, position, sequence)) in key_terms.into_iter().enumerate() {
                let pairs = sequence.windows(2).map(|w| (w[0], w[1])).collect();
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
                    weight: 0.0,
                    weight_factor: 0.0,
                    pairs,
                });
            }
            let typos = typos
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (typos, (idf, postings, keys))
        });
        let mut index = Index {
            analyzer,
            entries,
            first_key,
            keys,
            terms: vocab.terms,
            unknown_weight: inverse_frequency(all.len().max(1) as f32, 1),
            idf,
            weights: Vec::new(),
            postings,
            entry_postings: vocab.entries,
            body_postings: vocab.bodies,
            entity_terms,
            exact,
            relations,
            surfaces: vocab.surfaces,
            phrase_words,
            typos,
            tuning: Tuning::default(),
        };
        index.set_tuning(Tuning::default());
        index
    }

    /// Returns the scoring knobs in use.
    pub fn tuning(&self) -> Tuning {
        self.tuning
    }

    /// Replaces the scoring knobs, updating the weights that depend on them.
    pub fn set_tuning(&mut self, tuning: Tuning) {
        let floor = tuning.min_weight * self.unknown_weight;
        self.weights = self.idf.iter().map(|w| w.max(floor)).collect();
        for key in &mut self.keys {
            key.weight = key.terms.iter().map(|&t| self.weights[t as usize]).sum();
            key.weight_factor = key.weight.powf(-tuning.phrasing_exponent);
        }
        self.tuning = tuning;
    }
}

/// Returns the words of every synonym phrase of two or more words that the
/// data uses (whose group's term is in `terms`).
fn phrase_words(
    dataset: &Dataset,
    analyzer: &Analyzer,
    terms: &FxHashMap<String, u32>,
) -> rustc_hash::FxHashSet<String> {
    let mut out = rustc_hash::FxHashSet::default();
    for group in &dataset.synonyms {
        let Some(first) = group.first() else { continue };
        let used = analyzer
            .words(first)
            .first()
            .is_some_and(|w| terms.contains_key(&w.term));
        if !used {
            continue;
        }
        for phrase in group {
            let normalized = normalize(phrase);
            if normalized.contains(' ') {
                out.extend(normalized.split(' ').map(str::to_string));
            }
        }
    }
    out
}

/// Returns a term's inverse document frequency (BM25's form) when `found_in`
/// of `total` entries use it.
fn inverse_frequency(total: f32, found_in: u32) -> f32 {
    let df = found_in as f32;
    (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
}

/// What one thread indexes of a run of entries, with its own term ids.
struct Part {
    vocab: Vocabulary,
    /// Per entry: the index of its first key in `key_terms`.
    first_key: Vec<u32>,
    exact: FxHashMap<String, u32>,
    entity_terms: rustc_hash::FxHashSet<u32>,
    /// Per key: entry, position of the phrasing, content terms in order.
    key_terms: Vec<(u32, u16, Vec<u32>)>,
    /// Per entry: the relations its phrasings state.
    relations: Vec<Vec<Relation>>,
}

/// Indexes `all`, whose first entry is entry number `offset`.
fn index_part(analyzer: &Analyzer, all: &[(EntryRef, Entry<'_>)], offset: u32) -> Part {
    let mut part = Part {
        vocab: Vocabulary::default(),
        first_key: Vec::with_capacity(all.len()),
        exact: FxHashMap::default(),
        entity_terms: rustc_hash::FxHashSet::default(),
        key_terms: Vec::new(),
        relations: Vec::with_capacity(all.len()),
    };
    for (i, (_, entry)) in all.iter().enumerate() {
        let n = offset + i as u32;
        part.first_key.push(part.key_terms.len() as u32);
        let names = match entry {
            Entry::Person(p) => 1 + p.aliases.len(),
            _ => 0,
        };
        let mut stated = Vec::new();
        for (pos, key) in entry.keys().iter().enumerate() {
            let normalized = normalize(key);
            let (sequence, office) = part.vocab.add(analyzer, key, &normalized, n, false);
            if pos < names {
                part.entity_terms.extend(sequence.iter().copied());
            }
            if office {
                stated.extend(relations(&normalized));
            }
            part.exact.entry(normalized).or_insert(n);
            part.key_terms.push((n, pos as u16, sequence));
        }
        stated.sort_unstable();
        stated.dedup();
        part.relations.push(stated);
        let body = normalize(entry.body());
        part.vocab.add(analyzer, entry.body(), &body, n, true);
    }
    part
}

impl Part {
    /// Appends `later`, which indexed the entries after this part's.
    fn merge(&mut self, later: Part) {
        let v = &mut self.vocab;
        let mut names = vec![""; later.vocab.terms.len()];
        for (term, &id) in &later.vocab.terms {
            names[id as usize] = term;
        }
        let mut remap = Vec::with_capacity(names.len());
        for (local, term) in names.iter().enumerate() {
            let id = intern(
                &mut v.terms,
                &mut v.entries,
                &mut v.bodies,
                &mut v.freq,
                term,
            );
            let g = id as usize;
            v.freq[g] += later.vocab.freq[local];
            v.entries[g].extend_from_slice(&later.vocab.entries[local]);
            v.bodies[g].extend_from_slice(&later.vocab.bodies[local]);
            remap.push(id);
        }
        for (word, id) in later.vocab.surfaces {
            v.surfaces.entry(word).or_insert(remap[id as usize]);
        }
        let keys_before = self.key_terms.len() as u32;
        self.first_key
            .extend(later.first_key.iter().map(|k| k + keys_before));
        for (text, n) in later.exact {
            self.exact.entry(text).or_insert(n);
        }
        self.entity_terms
            .extend(later.entity_terms.iter().map(|&t| remap[t as usize]));
        let mut key_terms = later.key_terms;
        for (_, _, sequence) in &mut key_terms {
            for t in sequence.iter_mut() {
                *t = remap[*t as usize];
            }
        }
        self.key_terms.append(&mut key_terms);
        self.relations.extend(later.relations);
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
