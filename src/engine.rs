//! The engine: a dataset, its index and the confidence thresholds, turning
//! a question into a [`Reply`]. The CLI, the console and the Discord bot
//! all call this and nothing else to answer.

use crate::answer::{Citation, Reply, Status, Suggestion};
use crate::dataset::{Dataset, Entry};
use crate::search::{Candidate, Index, Scope, Tuning};

/// Questions longer than this, as typed or once normalized, are not matched.
pub const MAX_QUESTION_CHARS: usize = crate::search::normalize::MAX_CHARS;
/// How many "did you mean" choices a reply offers.
pub const MAX_SUGGESTIONS: usize = 3;

/// When to answer, suggest or give up.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// At or above: answer (if no rival is within `margin`).
    pub answer: f32,
    /// At or above (and below `answer`): suggest.
    pub suggest: f32,
    /// A rival this close to the best makes the reply a suggestion.
    pub margin: f32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            answer: 0.55,
            suggest: 0.3,
            margin: 0.005,
        }
    }
}

/// A dataset ready to answer questions.
pub struct Engine {
    dataset: Dataset,
    index: Index,
    thresholds: Thresholds,
}

impl Engine {
    /// Indexes `dataset`.
    pub fn new(dataset: Dataset, thresholds: Thresholds) -> Engine {
        let index = Index::build(&dataset);
        Engine {
            dataset,
            index,
            thresholds,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Replaces the scoring knobs (for tuning experiments).
    pub fn set_tuning(&mut self, tuning: Tuning) {
        self.index.set_tuning(tuning);
    }

    /// Returns the ranked candidates for a question (best first).
    pub fn candidates(&self, scope: Scope, question: &str, limit: usize) -> Vec<Candidate> {
        if crate::search::normalize::too_long(question) {
            return Vec::new();
        }
        self.index.rank(question, scope, limit)
    }

    /// Returns the reply to `question` asked with the command of `scope`.
    pub fn reply(&self, scope: Scope, question: &str) -> Reply {
        if crate::search::normalize::too_long(question) {
            let hint = format!(
                "That is too long for me: ask in a sentence or two (at most {MAX_QUESTION_CHARS} characters)."
            );
            return self.no_match(question, 0.0, hint);
        }
        let query = self.index.query(question);
        if query.normalized.is_empty() {
            // Nothing but spaces, mentions, emoji or punctuation.
            return self.no_match(question, 0.0, empty_hint(scope));
        }
        let candidates = self.index.rank_query(&query, scope, 8);
        let Some(top) = candidates.first().copied() else {
            return self.no_match(question, 0.0, no_match_hint(scope));
        };
        let rival = candidates.get(1).map_or(0.0, |c| c.score);
        let t = self.thresholds;
        if top.score >= t.answer && top.score - rival >= t.margin {
            return self.answer(question, top.entry.get(&self.dataset), top.score.min(1.0));
        }
        if top.score >= t.suggest {
            let floor = t.suggest.max(top.score - 0.25);
            let suggestions: Vec<Suggestion> = candidates
                .iter()
                .filter(|c| c.score >= floor)
                .take(MAX_SUGGESTIONS)
                .map(|c| suggestion(c.entry.get(&self.dataset)))
                .collect();
            return Reply {
                status: Status::Suggest,
                suggestions,
                hint: Some("Pick one, or ask again in other words.".to_string()),
                ..self.no_match(question, top.score.min(1.0), String::new())
            };
        }
        self.no_match(question, top.score.min(1.0), no_match_hint(scope))
    }

    /// Returns the answer of entry `kind:id` (a pressed "did you mean"
    /// button), or `None` if there is no such entry.
    pub fn reply_for(&self, reference: &str, question: &str) -> Option<Reply> {
        let entry = self.dataset.find(reference)?;
        Some(self.answer(question, entry, 1.0))
    }

    /// Returns an answered reply for `entry`.
    pub fn answer(&self, question: &str, entry: Entry<'_>, confidence: f32) -> Reply {
        let (title, answer) = match entry {
            Entry::Qa(q) => (q.question.clone(), q.answer.clone()),
            Entry::Event(e) => (
                e.title.clone(),
                format!("{} — {}. {}", e.date, trim_stop(&e.title), e.description),
            ),
            Entry::Person(p) => (
                p.name.clone(),
                format!("{} — {}. {}", p.name, trim_stop(&p.role), p.description),
            ),
        };
        let citations = entry
            .cite()
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let (source, section) = self.dataset.resolve(c);
                Citation {
                    n: i + 1,
                    source: source.id.clone(),
                    publisher: source.publisher.clone(),
                    title: source.title.clone(),
                    section: section.heading.clone(),
                    published: source.published.iso(),
                }
            })
            .collect();
        Reply {
            query: question.to_string(),
            status: Status::Answered,
            kind: Some(entry.kind()),
            id: Some(entry.id().to_string()),
            title: Some(title),
            answer: Some(answer),
            confidence,
            citations,
            suggestions: Vec::new(),
            caveat: entry.caveat().map(str::to_string),
            as_of: self.dataset.as_of,
            hint: None,
        }
    }

    fn no_match(&self, question: &str, confidence: f32, hint: String) -> Reply {
        Reply {
            query: question.to_string(),
            status: Status::NoMatch,
            kind: None,
            id: None,
            title: None,
            answer: None,
            confidence,
            citations: Vec::new(),
            suggestions: Vec::new(),
            caveat: None,
            as_of: self.dataset.as_of,
            hint: Some(hint),
        }
    }
}

fn suggestion(entry: Entry<'_>) -> Suggestion {
    Suggestion {
        kind: entry.kind(),
        id: entry.id().to_string(),
        label: entry.label(),
    }
}

fn trim_stop(s: &str) -> &str {
    s.trim_end_matches('.')
}

fn empty_hint(scope: Scope) -> String {
    match scope {
        Scope::All => {
            "Ask me something about Russia's recognition of the Taliban government, \
                       e.g. \"why did russia recognise the taliban?\""
        }
        Scope::Timeline => "Name an event, e.g. /when recognition, or see /timeline.",
        Scope::People => "Name a person or a role, e.g. /who ambassador.",
    }
    .to_string()
}

fn no_match_hint(scope: Scope) -> String {
    match scope {
        Scope::All => {
            "I don't have an answer for that. I only know about Russia's recognition \
                       of the Taliban government (July 2025), its background since 1979 and the \
                       reactions. Try /timeline for dated events, /who for people, or rephrase."
        }
        Scope::Timeline => {
            "I can't find that event. Try /timeline to see every dated event, \
                            or /ask to ask in your own words."
        }
        Scope::People => {
            "I can't find that person or role. Try a name or a role such as \
                          ambassador or foreign minister, or /ask in your own words."
        }
    }
    .to_string()
}
