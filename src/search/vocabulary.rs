//! Indexing a dataset's text: interning terms, counting in how many
//! entries each appears, and the postings of phrasings and answers; a
//! large dataset is indexed in two parts that are then merged.

use rustc_hash::FxHashMap;

use super::index::EntryRef;
use super::normalize::normalize;
use super::relation::{may_start_office, relations, Relation};
use super::signals::answer_type::{self, Gives, People};
use super::signals::opposite_action::Actions;
use super::signals::question_form::{self, Form};
use super::signals::tense;
use super::text::{Analyzer, Lone};
use crate::dataset::{Dataset, Entry};

/// Interns terms and counts in how many entries each appears.
#[derive(Default)]
pub(super) struct Vocabulary {
    pub(super) terms: FxHashMap<String, u32>,
    pub(super) surfaces: FxHashMap<String, u32>,
    stems: FxHashMap<String, String>,
    /// What each normalized word seen so far counts as on its own.
    /// With whether the word may start the name of an office ("ambassador").
    known: FxHashMap<String, (Known, bool)>,
    /// Per term: the entries using it in a phrasing, ascending, each once.
    pub(super) entries: Vec<Vec<u32>>,
    /// Per term: the entries using it in their answer, ascending, each once.
    pub(super) bodies: Vec<Vec<u32>>,
    /// Per term: the entries using it only in a question people asked
    /// (`asked.toml`), ascending, each once; shorter than `terms` when the
    /// last terms have none.
    pub(super) asked: Vec<Vec<u32>>,
    /// Per term: how many entries use it anywhere.
    pub(super) freq: Vec<u32>,
}

/// Where a text of an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// A phrasing a curator wrote (a question, alias, name or role).
    Phrasing,
    /// A question people asked that the entry answers: matched like a
    /// phrasing, but the entry's coverage of a question and the names it
    /// mentions come from its curated text alone, so that hundreds of
    /// asked questions, asides and all, do not make an entry cover every
    /// question.
    Asked,
    /// Its answer or description.
    Body,
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
    /// in order, recording them for `entry` as terms of `field`, and
    /// whether the text may name an office (see
    /// `relation::may_start_office`).
    fn add(
        &mut self,
        analyzer: &Analyzer,
        text: &str,
        normalized: &str,
        entry: u32,
        field: Field,
    ) -> (Vec<u32>, bool) {
        let body = field == Field::Body;
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
            if self.asked.len() <= t {
                self.asked.resize(t + 1, Vec::new());
            }
            if self.entries[t].last() != Some(&entry)
                && self.bodies[t].last() != Some(&entry)
                && self.asked[t].last() != Some(&entry)
            {
                self.freq[t] += 1;
            }
            let list = match field {
                Field::Phrasing => &mut self.entries[t],
                // Its curated phrasings, indexed first, may have it already.
                Field::Asked if self.entries[t].last() == Some(&entry) => continue,
                Field::Asked => &mut self.asked[t],
                Field::Body => &mut self.bodies[t],
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

/// Returns the words of every synonym phrase of two or more words that the
/// data uses (whose group's term is in `terms`).
pub(super) fn phrase_words(
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

/// What one thread indexes of a run of entries, with its own term ids.
pub(super) struct Part {
    pub(super) vocab: Vocabulary,
    /// Per entry: the index of its first key in `key_terms`.
    pub(super) first_key: Vec<u32>,
    pub(super) exact: FxHashMap<String, u32>,
    pub(super) entity_terms: rustc_hash::FxHashSet<u32>,
    /// Per key: entry, position of the phrasing, content terms in order.
    pub(super) key_terms: Vec<(u32, u16, Vec<u32>)>,
    /// Per key: what the phrasing asks (see [`question_form`]).
    pub(super) key_forms: Vec<Form>,
    /// Per entry: the relations its phrasings state.
    pub(super) relations: Vec<Vec<Relation>>,
    /// Per entry: what its answer can give (a count, a person).
    pub(super) gives: Vec<Gives>,
    /// Per entry: the actions its phrasings and answer state.
    pub(super) actions: Vec<Actions>,
    /// Per entry: its phrasings nearly all ask what is to come.
    pub(super) to_come: Vec<bool>,
}

/// Indexes `all`, whose first entry is entry number `offset`.
pub(super) fn index_part(
    analyzer: &Analyzer,
    people: &People,
    all: &[(EntryRef, Entry<'_>)],
    offset: u32,
) -> Part {
    let mut part = Part {
        vocab: Vocabulary::default(),
        first_key: Vec::with_capacity(all.len()),
        exact: FxHashMap::default(),
        entity_terms: rustc_hash::FxHashSet::default(),
        key_terms: Vec::new(),
        key_forms: Vec::new(),
        relations: Vec::with_capacity(all.len()),
        gives: Vec::with_capacity(all.len()),
        actions: Vec::with_capacity(all.len()),
        to_come: Vec::with_capacity(all.len()),
    };
    for (i, (_, entry)) in all.iter().enumerate() {
        let n = offset + i as u32;
        part.first_key.push(part.key_terms.len() as u32);
        let names = match entry {
            Entry::Person(p) => 1 + p.aliases.len(),
            _ => 0,
        };
        let mut stated = Vec::new();
        let mut actions = Actions::default();
        let mut to_come = (0, 0);
        let keys = entry.keys();
        let curated = keys.len() - entry.asked().len();
        for (pos, key) in keys.iter().enumerate() {
            let normalized = normalize(key);
            let field = if pos < curated {
                Field::Phrasing
            } else {
                Field::Asked
            };
            let (sequence, office) = part.vocab.add(analyzer, key, &normalized, n, field);
            if pos < names {
                part.entity_terms.extend(sequence.iter().copied());
            }
            if office {
                stated.extend(relations(&normalized));
            }
            actions = actions.with(Actions::of(&normalized));
            part.key_forms.push(question_form::form(&normalized));
            to_come.0 += usize::from(tense::speaks_of_what_comes(&normalized));
            to_come.1 += 1;
            part.exact.entry(normalized).or_insert(n);
            part.key_terms.push((n, pos as u16, sequence));
        }
        stated.sort_unstable();
        stated.dedup();
        part.relations.push(stated);
        part.to_come.push(
            !matches!(entry, Entry::Person(_)) && tense::about_what_comes(to_come.0, to_come.1),
        );
        let body = normalize(entry.body());
        part.gives.push(answer_type::gives(*entry, &body, people));
        part.actions.push(actions.with(Actions::of(&body)));
        part.vocab
            .add(analyzer, entry.body(), &body, n, Field::Body);
        let asked = entry.date_asked_by();
        if !asked.is_empty() {
            part.vocab.add(analyzer, asked, asked, n, Field::Body);
        }
    }
    part
}

impl Part {
    /// Appends `later`, which indexed the entries after this part's.
    pub(super) fn merge(&mut self, later: Part) {
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
            if let Some(asked) = later.vocab.asked.get(local).filter(|a| !a.is_empty()) {
                if v.asked.len() <= g {
                    v.asked.resize(g + 1, Vec::new());
                }
                v.asked[g].extend_from_slice(asked);
            }
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
        self.key_forms.extend(later.key_forms);
        self.relations.extend(later.relations);
        self.gives.extend(later.gives);
        self.actions.extend(later.actions);
        self.to_come.extend(later.to_come);
    }
}
