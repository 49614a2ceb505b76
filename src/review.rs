//! `factdesk review`: the logged questions grouped by similarity (the
//! matcher's own normalization, stemming, synonyms and typo correction),
//! most frequent first, each with the nearest existing entry and its score,
//! so a curator sees what to add as a phrasing and what needs a new entry.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::Engine;
use crate::search::normalize::phrase_key;
use crate::search::Scope;
use crate::unanswered::Record;

/// Two questions whose weighted word overlap reaches this are one group.
pub const SAME_GROUP: f32 = 0.4;

/// Similar logged questions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// How many logged questions it holds.
    pub count: usize,
    /// The distinct questions, most frequent first.
    pub questions: Vec<String>,
    /// `not_helpful` presses among them, with the entries that were given.
    pub not_helpful: Vec<String>,
    /// The nearest existing entry (`kind:id`) and its score, if any.
    pub nearest: Option<String>,
    pub score: f32,
    /// What the curator could do.
    pub advice: String,
}

/// A question as a bag of weighted terms.
struct Bag {
    terms: BTreeMap<String, f32>,
}

impl Bag {
    fn of(engine: &Engine, question: &str) -> Bag {
        let index = engine.index();
        let (resolved, _) = index.resolve(question);
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

/// A group being built.
struct Pending {
    /// The bag of the group's first question, which others are compared to.
    bag: Bag,
    /// Distinct questions with how often each was asked.
    questions: Vec<(String, usize)>,
    not_helpful: Vec<String>,
}

/// Returns the records since `since` (a `YYYY-MM-DD` prefix compare),
/// grouped, most frequent group first.
pub fn group(engine: &Engine, records: &[Record], since: Option<&str>) -> Vec<Group> {
    let mut groups: Vec<Pending> = Vec::new();
    for r in records
        .iter()
        .filter(|r| since.is_none_or(|s| r.time.as_str() >= s))
    {
        let bag = Bag::of(engine, &r.question);
        let key = r.question.trim().to_string();
        let slot = groups
            .iter()
            .enumerate()
            .map(|(i, g)| (i, g.bag.similarity(&bag)))
            .filter(|(_, s)| *s >= SAME_GROUP)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        let i = slot.unwrap_or_else(|| {
            groups.push(Pending {
                bag,
                questions: Vec::new(),
                not_helpful: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        let same = phrase_key(&key);
        match g.questions.iter_mut().find(|(q, _)| phrase_key(q) == same) {
            Some(entry) => entry.1 += 1,
            None => g.questions.push((key, 1)),
        }
        if let Some(given) = &r.given {
            g.not_helpful.push(format!("{:?} gave {given}", r.question));
        }
    }
    let suggest = engine.thresholds().suggest;
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(
            |Pending {
                 mut questions,
                 not_helpful,
                 ..
             }| {
                questions.sort_by_key(|q| std::cmp::Reverse(q.1));
                let count = questions.iter().map(|(_, n)| n).sum();
                let nearest = engine
                    .candidates(Scope::All, &questions[0].0, 1)
                    .first()
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
                    count,
                    questions: questions.into_iter().map(|(q, _)| q).collect(),
                    not_helpful,
                    nearest,
                    score: (score * 1000.0).round() / 1000.0,
                    advice,
                }
            },
        )
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.count));
    out
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
            g.nearest.as_deref().unwrap_or("none"),
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
