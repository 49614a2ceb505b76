//! "Why this answer": which phrasing matched, which of the question's words
//! matched it exactly, by stem, by synonym or by typo correction, the score
//! and the runner-up. Shown by `factdesk ask --explain` and Discord's "Why?".

use std::fmt::Write as _;

use crate::engine::Engine;
use crate::search::{Candidate, Scope};

/// How one question word met the matched phrasing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordMatch {
    /// The same word.
    Exact(String),
    /// Another form of the same word: (typed, in the phrasing).
    Stem(String, String),
    /// A word of the same synonym group: (typed, in the phrasing).
    Synonym(String, String),
    /// A typo, corrected: (typed, corrected to).
    Typo(String, String),
    /// Not in the phrasing, but in the entry's other phrasings or answer.
    Elsewhere(String),
    /// Nowhere in the entry.
    Unmatched(String),
}

/// A ranked entry in an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// `kind:id`.
    pub reference: String,
    /// The phrasing that scored best.
    pub phrasing: String,
    pub score: f32,
}

/// Why the engine ranked what it ranked for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub question: String,
    pub best: Option<Ranked>,
    pub runner_up: Option<Ranked>,
    pub words: Vec<WordMatch>,
}

/// Returns the explanation of how `question` was matched in `scope`.
pub fn explain(engine: &Engine, scope: Scope, question: &str) -> Explanation {
    let candidates = engine.candidates(scope, question, 2);
    let ranked = |c: &Candidate| {
        let entry = c.entry.get(engine.dataset());
        let key = &engine.index().keys[c.key as usize];
        Ranked {
            reference: entry.reference(),
            phrasing: entry
                .keys()
                .get(usize::from(key.position))
                .map_or_else(String::new, |k| k.to_string()),
            score: c.score.min(1.0),
        }
    };
    let best = candidates.first().map(ranked);
    let runner_up = candidates.get(1).map(ranked);
    let words = match candidates.first() {
        Some(top) => word_matches(engine, question, top),
        None => Vec::new(),
    };
    Explanation {
        question: question.to_string(),
        best,
        runner_up,
        words,
    }
}

fn word_matches(engine: &Engine, question: &str, top: &Candidate) -> Vec<WordMatch> {
    let index = engine.index();
    let entry = top.entry.get(engine.dataset());
    let key = &index.keys[top.key as usize];
    let phrasing = entry
        .keys()
        .get(usize::from(key.position))
        .copied()
        .unwrap_or_default();
    let key_words = index.analyzer.words(phrasing);
    let all_terms: Vec<String> = entry
        .keys()
        .iter()
        .chain(std::iter::once(&entry.body()))
        .flat_map(|t| index.analyzer.words(t))
        .map(|w| w.term)
        .collect();
    let (resolved, _) = index.resolve(question);
    resolved
        .into_iter()
        .map(|r| {
            let typed = r.word.surface.clone();
            if let Some(fixed) = &r.corrected {
                let fixed_term = index
                    .analyzer
                    .words(fixed)
                    .into_iter()
                    .next()
                    .map(|w| w.term);
                let in_key = key_words
                    .iter()
                    .any(|k| Some(&k.term) == fixed_term.as_ref());
                let anywhere = fixed_term.as_ref().is_some_and(|t| all_terms.contains(t));
                return if in_key || anywhere {
                    WordMatch::Typo(typed, fixed.clone())
                } else {
                    WordMatch::Unmatched(typed)
                };
            }
            if let Some(k) = key_words.iter().find(|k| k.surface == typed) {
                return WordMatch::Exact(k.surface.clone());
            }
            if let Some(k) = key_words.iter().find(|k| k.stem == r.word.stem) {
                return WordMatch::Stem(typed, k.surface.clone());
            }
            if let Some(k) = key_words.iter().find(|k| k.term == r.word.term) {
                return WordMatch::Synonym(typed, k.surface.clone());
            }
            if all_terms.contains(&r.word.term) {
                return WordMatch::Elsewhere(typed);
            }
            WordMatch::Unmatched(typed)
        })
        .collect()
}

impl Explanation {
    /// Returns the explanation as plain text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let Some(best) = &self.best else {
            let _ = write!(out, "No entry shares a word with {:?}.", self.question);
            return out;
        };
        let _ = writeln!(
            out,
            "Matched {} via the phrasing {:?} (score {:.2}).",
            best.reference, best.phrasing, best.score
        );
        for label in LABELS {
            let items: Vec<String> = self
                .words
                .iter()
                .filter(|w| w.label() == label)
                .map(word)
                .collect();
            let items = if items.is_empty() {
                "none".to_string()
            } else {
                items.join(", ")
            };
            let _ = writeln!(out, "  {label}: {items}");
        }
        match &self.runner_up {
            Some(r) => {
                let _ = write!(
                    out,
                    "Runner-up: {} via {:?} (score {:.2}).",
                    r.reference, r.phrasing, r.score
                );
            }
            None => out.push_str("Runner-up: none."),
        }
        out
    }
}

/// The lines of an explanation, in order.
const LABELS: [&str; 6] = [
    "words matched exactly",
    "words matched by stem",
    "words matched by synonym",
    "words matched by typo correction",
    "words found elsewhere in the entry",
    "words not matched",
];

impl WordMatch {
    /// Returns the line of the explanation this word belongs on.
    fn label(&self) -> &'static str {
        let i = match self {
            WordMatch::Exact(_) => 0,
            WordMatch::Stem(..) => 1,
            WordMatch::Synonym(..) => 2,
            WordMatch::Typo(..) => 3,
            WordMatch::Elsewhere(_) => 4,
            WordMatch::Unmatched(_) => 5,
        };
        LABELS[i]
    }
}

fn word(w: &WordMatch) -> String {
    match w {
        WordMatch::Exact(a) | WordMatch::Elsewhere(a) | WordMatch::Unmatched(a) => a.clone(),
        WordMatch::Stem(a, b) | WordMatch::Synonym(a, b) => format!("{a} ~ {b}"),
        WordMatch::Typo(a, b) => format!("{a} -> {b}"),
    }
}
