//! `factdesk review`: the logged questions grouped by similarity (the
//! matcher's own normalization, stemming, synonyms and typo correction),
//! most frequent first, each with the nearest existing entry and its score,
//! so a curator sees what to add as a phrasing and what needs a new entry.
//! Records are taken one at a time ([`Review::add`]), so a log of any size
//! is reviewed in bounded memory and bounded time per question.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::dataset::Reference;
use crate::engine::Engine;
use crate::search::normalize::question_checked;
use crate::search::Scope;
use crate::unanswered::{Record, MAX_LOGGED_CHARS};

/// Two questions whose weighted word overlap reaches this are one group.
pub const SAME_GROUP: f32 = 0.4;

/// Similar logged questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// How many logged questions it holds.
    pub count: usize,
    /// The distinct questions, most frequent first (at most [`MAX_SHOWN`]).
    pub questions: Vec<String>,
    /// `not_helpful` presses among them, with the entries that were given
    /// (at most [`MAX_SHOWN`]).
    pub not_helpful: Vec<String>,
    /// The nearest existing entry and its score, if any.
    pub nearest: Option<Reference>,
    pub score: f32,
    /// What the curator could do.
    pub advice: String,
}

/// A question as a bag of weighted terms.
struct Bag {
    terms: BTreeMap<String, f32>,
}

impl Bag {
    /// The bag of a question's phrase key (its normalized text).
    fn of(engine: &Engine, key: &str) -> Bag {
        let index = engine.index();
        let (resolved, _) = index.resolve_normalized(key);
        let mut terms = BTreeMap::new();
        for r in resolved {
            if r.terms.is_empty() {
                // A word the data never uses still makes questions alike.
                terms.insert(format!("?{}", r.word.term), index.unknown_weight);
            }
            for (t, _) in r.terms {
                terms.insert(format!("#{t}"), index.weights[t as usize]);
            }
        }
        Bag { terms }
    }

    /// Returns the weighted Dice similarity of two bags, in [0, 1].
    fn similarity(&self, other: &Bag) -> f32 {
        let shared: f32 = self
            .terms
            .iter()
            .filter(|(t, _)| other.terms.contains_key(*t))
            .map(|(_, w)| w)
            .sum();
        let total: f32 = self.terms.values().sum::<f32>() + other.terms.values().sum::<f32>();
        if total <= 0.0 {
            0.0
        } else {
            2.0 * shared / total
        }
    }
}

/// Groups made at most; a question like none of them is only counted.
pub const MAX_GROUPS: usize = 2000;
/// Distinct questions (and "not helpful" notes) kept per group.
pub const MAX_SHOWN: usize = 5;
/// Groups a question is compared with through any one of its terms.
const MAX_PER_TERM: usize = 64;

/// A group being built.
struct Pending {
    /// The bag of the group's first question, which others are compared to.
    bag: Bag,
    /// How many questions it holds.
    count: usize,
    /// Distinct questions (up to [`MAX_SHOWN`]).
    questions: Vec<Shown>,
    not_helpful: Vec<String>,
}

/// A distinct question a group shows.
struct Shown {
    question: String,
    /// Its phrase key: the normalized question.
    key: String,
    /// How often it was asked.
    count: usize,
    /// Too long to be matched (see [`crate::search::normalize::too_long`]).
    long: bool,
}

/// Returns the entry nearest to a shown question, as the engine ranks it
/// (none for a question too long to be matched).
fn nearest(engine: &Engine, shown: &Shown) -> Option<crate::search::Candidate> {
    if shown.long {
        return None;
    }
    let index = engine.index();
    let query = index.query_normalized(shown.key.clone());
    index.rank_query(&query, Scope::All, 1).into_iter().next()
}

/// Groups logged questions one at a time, in bounded memory (at most
/// [`MAX_GROUPS`] groups of [`MAX_SHOWN`] questions) and bounded time per
/// question (one bounded analysis, at most [`MAX_PER_TERM`] groups compared
/// per term).
pub struct Review<'a> {
    engine: &'a Engine,
    since: Option<String>,
    groups: Vec<Pending>,
    /// Groups by the terms of their bag.
    by_term: FxHashMap<String, Vec<u32>>,
    /// Groups by the phrase key of the questions they show.
    by_key: FxHashMap<String, u32>,
    /// Questions like no group once [`MAX_GROUPS`] were made.
    pub ungrouped: usize,
}

impl<'a> Review<'a> {
    /// Starts a review of records logged on or after `since` (a
    /// `YYYY-MM-DD` prefix compare).
    pub fn new(engine: &'a Engine, since: Option<&str>) -> Review<'a> {
        Review {
            engine,
            since: since.map(str::to_string),
            groups: Vec::new(),
            by_term: FxHashMap::default(),
            by_key: FxHashMap::default(),
            ungrouped: 0,
        }
    }

    /// Adds one logged record.
    pub fn add(&mut self, r: &Record) {
        if self.since.as_deref().is_some_and(|s| r.time.as_str() < s) {
            return;
        }
        let question = clip(r.question.trim());
        // The phrase key is the normalized question: normalized once here,
        // it is grouped, resolved and ranked without normalizing again.
        let (key, long) = question_checked(question);
        let slot = match self.by_key.get(&key) {
            Some(&i) => Some(i as usize),
            None => self.place(&key),
        };
        let Some(i) = slot else {
            self.ungrouped += 1;
            return;
        };
        let g = &mut self.groups[i];
        g.count += 1;
        let room = g.questions.len() < MAX_SHOWN;
        match g.questions.iter_mut().find(|q| q.key == key) {
            Some(shown) => shown.count += 1,
            None if room => {
                self.by_key.insert(key.clone(), i as u32);
                g.questions.push(Shown {
                    question: question.to_string(),
                    key,
                    count: 1,
                    long,
                });
            }
            None => {}
        }
        if let Some(given) = &r.given {
            if g.not_helpful.len() < MAX_SHOWN {
                g.not_helpful.push(format!("{question:?} gave {given}"));
            }
        }
    }

    /// Returns the group most like the question with phrase key `key`, a
    /// new one, or `None` when there is no room left for a new one.
    fn place(&mut self, key: &str) -> Option<usize> {
        let bag = Bag::of(self.engine, key);
        let mut seen: Vec<u32> = bag
            .terms
            .keys()
            .filter_map(|t| self.by_term.get(t))
            .flat_map(|groups| groups.iter().copied())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let best = seen
            .into_iter()
            .map(|i| (i as usize, self.groups[i as usize].bag.similarity(&bag)))
            .filter(|(_, s)| *s >= SAME_GROUP)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        if best.is_some() {
            return best;
        }
        if self.groups.len() >= MAX_GROUPS {
            return None;
        }
        let i = self.groups.len();
        for t in bag.terms.keys() {
            let list = self.by_term.entry(t.clone()).or_default();
            if list.len() < MAX_PER_TERM {
                list.push(i as u32);
            }
        }
        self.groups.push(Pending {
            bag,
            count: 0,
            questions: Vec::new(),
            not_helpful: Vec::new(),
        });
        Some(i)
    }

    /// Returns the groups, most frequent first, each with its nearest entry.
    pub fn finish(self) -> Vec<Group> {
        let engine = self.engine;
        let suggest = engine.thresholds().suggest;
        let mut out: Vec<Group> = self
            .groups
            .into_iter()
            .filter(|p| !p.questions.is_empty())
            .map(|p| {
                let mut questions = p.questions;
                questions.sort_by_key(|q| std::cmp::Reverse(q.count));
                let nearest = nearest(engine, &questions[0])
                    .map(|c| (c.entry.get(engine.dataset()).reference(), c.score.min(1.0)));
                let (nearest, score) = match nearest {
                    Some((r, s)) => (Some(r), s),
                    None => (None, 0.0),
                };
                let advice = match &nearest {
                    Some(r) if score >= suggest => {
                        format!("add these as alternate phrasings of {r}")
                    }
                    _ => "this needs a new entry (or is off-topic)".to_string(),
                };
                Group {
                    count: p.count,
                    questions: questions.into_iter().map(|q| q.question).collect(),
                    not_helpful: p.not_helpful,
                    nearest,
                    score: (score * 1000.0).round() / 1000.0,
                    advice,
                }
            })
            .collect();
        out.sort_by_key(|g| std::cmp::Reverse(g.count));
        out
    }
}

/// Returns `question` cut to [`MAX_LOGGED_CHARS`] characters (records from
/// older logs may be longer).
fn clip(question: &str) -> &str {
    match question.char_indices().nth(MAX_LOGGED_CHARS) {
        Some((at, _)) => &question[..at],
        None => question,
    }
}

/// Returns the records since `since` (a `YYYY-MM-DD` prefix compare),
/// grouped, most frequent group first.
pub fn group(engine: &Engine, records: &[Record], since: Option<&str>) -> Vec<Group> {
    let mut review = Review::new(engine, since);
    for r in records {
        review.add(r);
    }
    review.finish()
}

/// Returns the groups as plain text for the terminal.
pub fn text(groups: &[Group]) -> String {
    if groups.is_empty() {
        return "No logged questions to review.".to_string();
    }
    let mut out = String::new();
    for (i, g) in groups.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} question{} — nearest: {} ({:.2}) — {}\n",
            i + 1,
            g.count,
            if g.count == 1 { "" } else { "s" },
            g.nearest
                .as_ref()
                .map_or("none".to_string(), Reference::to_string),
            g.score,
            g.advice
        ));
        for q in &g.questions {
            out.push_str(&format!("     {q:?}\n"));
        }
        for n in &g.not_helpful {
            out.push_str(&format!("     not helpful: {n}\n"));
        }
    }
    out
}
