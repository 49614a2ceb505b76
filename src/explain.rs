//! "Why this answer": the phrasing that matched, how each of the
//! question's words met it (exactly, by stem, by synonym or by typo
//! correction), and every signal that moved the score, penalties included,
//! for the best match and the runner-up. Shown by `factdesk ask --explain`,
//! the console's `/why` and Discord's "Why?". It renders what the engine
//! decided from; it analyzes nothing itself.

use std::fmt::Write as _;

use crate::dataset::Reference;
use crate::engine::{Analysis, Decision, Engine};
use crate::search::split_words::Joined;
use crate::search::{Candidate, Effect, Scope, Trace};

pub use crate::search::WordMatch;

/// A ranked entry in an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// `kind:id`.
    pub reference: Reference,
    /// The phrasing that scored best.
    pub phrasing: String,
    /// That phrasing is a question people asked (`asked.toml`), not one a
    /// curator wrote.
    pub asked: bool,
    pub score: f32,
    /// Each signal's value.
    pub trace: Trace,
    /// The entry whose answer named it as doing what the question asks
    /// (the deed signal).
    pub deed_from: Option<Reference>,
}

/// Why the engine ranked what it ranked for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub question: String,
    /// The part of a long message that was matched, if not the whole.
    pub part: Option<String>,
    pub best: Option<Ranked>,
    pub runner_up: Option<Ranked>,
    pub words: Vec<WordMatch>,
    /// Words left out of the match as framing of the command (see
    /// `search::signals::role_framing`).
    pub framing: Vec<String>,
    /// Words a slip split in two, read as one (see `search::split_words`).
    pub joined: Vec<Joined>,
    /// The question's words only questions people asked use, which weigh
    /// no more than a word the data uses a few times (see
    /// `search::signals::rarity`).
    pub asked_words: Vec<String>,
    /// The calibrated P(right) and what was decided.
    pub decision: Decision,
    /// The decision's features that moved P the most, with their pull on
    /// the log-odds, strongest first (at most 4).
    pub pulls: Vec<(&'static str, f32)>,
    /// The encoder is in use but was not needed: the lexical decision was
    /// sure enough (see `[matching] encoder_from`).
    pub encoder_skipped: bool,
    /// With the encoder: the words alone gave the best match only this
    /// P(right), below `[matching] lexical_floor` (the second value), so
    /// what the encoder would have answered became a suggestion.
    pub held_by_words: Option<(f32, f32)>,
    /// The question the articles do not answer (`asked.toml`) that it
    /// matched best, with its score, when that ranked among the candidates.
    pub unanswered: Option<(String, f32)>,
}

/// Returns the explanation of how `question` was matched in `scope`.
pub fn explain(engine: &Engine, scope: Scope, question: &str) -> Explanation {
    explain_analysis(engine, question, &engine.analyze(scope, question))
}

/// Returns the explanation of an analysis the engine already made.
pub fn explain_analysis(engine: &Engine, question: &str, analysis: &Analysis) -> Explanation {
    let ranked = |c: &Candidate| {
        let entry = c.entry.get(engine.dataset());
        let key = &engine.index().keys[c.key as usize];
        let position = usize::from(key.position);
        let keys = entry.keys();
        Ranked {
            reference: entry.reference(),
            asked: position >= keys.len() - entry.asked().len(),
            phrasing: keys
                .get(position)
                .map_or_else(String::new, |k| k.to_string()),
            score: c.score.min(1.0),
            trace: c.trace,
            deed_from: c.deed_from.map(|n| {
                engine.index().entries[n as usize]
                    .get(engine.dataset())
                    .reference()
            }),
        }
    };
    let candidates = &analysis.candidates;
    let words = match candidates.first() {
        Some(top) => engine
            .index()
            .word_matches(engine.dataset(), &analysis.query, top),
        None => Vec::new(),
    };
    let decision = analysis.decision;
    let mut pulls: Vec<(&'static str, f32)> = decision
        .features
        .map(|f| {
            engine
                .model_for(analysis)
                .contributions(&f)
                .into_iter()
                .filter(|(_, v)| v.abs() >= 0.05)
                .map(|(feature, v)| (feature.name(), v))
                .collect()
        })
        .unwrap_or_default();
    pulls.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    pulls.truncate(4);
    Explanation {
        question: question.to_string(),
        part: analysis.part.clone(),
        best: candidates.first().map(ranked),
        runner_up: candidates.get(1).map(ranked),
        words,
        framing: analysis.query.framing.clone(),
        joined: analysis.query.joined.clone(),
        asked_words: asked_words(engine, analysis),
        decision,
        pulls,
        encoder_skipped: engine.has_semantic() && analysis.query.semantic.is_empty(),
        held_by_words: held_by_words(engine, &decision),
        unanswered: analysis.unanswered.and_then(|u| {
            let question = engine.dataset().unanswered.get(u.question)?;
            Some((question.clone(), u.score.min(1.0)))
        }),
    }
}

/// Returns the words of the analyzed question that only questions people
/// asked use (not read as a typo of the data's own word).
fn asked_words(engine: &Engine, analysis: &Analysis) -> Vec<String> {
    let index = engine.index();
    analysis
        .query
        .resolved
        .iter()
        .filter(|r| {
            r.corrected.is_none()
                && !r.terms.is_empty()
                && r.terms.iter().all(|&(t, _)| index.asked_only(t))
        })
        .map(|r| r.word.surface.clone())
        .collect()
}

/// Returns the lexical P(right) and the floor when the floor, not the
/// encoder's calibrated P, kept the question from an answer.
fn held_by_words(engine: &Engine, decision: &Decision) -> Option<(f32, f32)> {
    let t = engine.thresholds();
    let lexical = decision.lexical?;
    let would_answer =
        (decision.probability >= t.answer_with_encoder || decision.only_choice) && !decision.tie;
    (would_answer && lexical < t.lexical_floor).then_some((lexical, t.lexical_floor))
}

impl Explanation {
    /// Returns the explanation as plain text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let Some(best) = &self.best else {
            let _ = write!(out, "No entry shares a word with {:?}.", self.question);
            if let Some((question, score)) = &self.unanswered {
                let _ = write!(
                    out,
                    " It is most like a question the articles do not answer: {question:?} (score {score:.2})."
                );
            }
            return out;
        };
        if let Some(part) = &self.part {
            let _ = writeln!(out, "Matched the part {part:?} of the message.");
        }
        let _ = writeln!(
            out,
            "Matched {} via {} {:?} (score {:.2}).",
            best.reference,
            if best.asked {
                "the question someone asked"
            } else {
                "the phrasing"
            },
            best.phrasing,
            best.score
        );
        for label in LABELS {
            let items: Vec<String> = self
                .words
                .iter()
                .filter(|w| label_of(w) == label)
                .map(word)
                .collect();
            let items = if items.is_empty() {
                "none".to_string()
            } else {
                items.join(", ")
            };
            let _ = writeln!(out, "  {label}: {items}");
        }
        if !self.joined.is_empty() {
            let runs: Vec<String> = self
                .joined
                .iter()
                .map(|j| format!("{} ~ {}", j.typed, j.read))
                .collect();
            let _ = writeln!(
                out,
                "  words split in two, read as one: {}",
                runs.join(", ")
            );
        }
        if !self.asked_words.is_empty() {
            let _ = writeln!(
                out,
                "  words only questions people asked use, weighed as common words: {}",
                self.asked_words.join(", ")
            );
        }
        if !self.framing.is_empty() {
            let _ = writeln!(
                out,
                "  words left out as /who framing: {}",
                self.framing.join(", ")
            );
        }
        let _ = writeln!(out, "  signals: {}", signals(&best.trace));
        if let Some(from) = &best.deed_from {
            let _ = writeln!(
                out,
                "  deed: {from}, the best match for what the question says was done, names it"
            );
        }
        let pulls: Vec<String> = self
            .pulls
            .iter()
            .map(|(name, v)| format!("{name} {v:+.2}"))
            .collect();
        let _ = writeln!(
            out,
            "  decision: {} at P(right) {:.2}{}{}{}{}{}",
            self.decision.status.as_str(),
            self.decision.probability,
            if self.decision.tie { ", a tie" } else { "" },
            if self.decision.only_choice {
                ", the only choice far ahead of any other for this command"
            } else {
                ""
            },
            if self.encoder_skipped {
                ", lexical (sure enough without the encoder)"
            } else {
                ""
            },
            match self.held_by_words {
                Some((words, floor)) => format!(
                    ", not answered: the words alone give P(right) {words:.2}, below {floor:.2}"
                ),
                None => String::new(),
            },
            if pulls.is_empty() {
                String::new()
            } else {
                format!(" (strongest pulls: {})", pulls.join(", "))
            }
        );
        if let Some((question, score)) = &self.unanswered {
            let _ = writeln!(
                out,
                "  {} a question the articles do not answer: {question:?} (score {score:.2})",
                if self.decision.unanswered {
                    "not answered: it is most like"
                } else {
                    "nearest"
                }
            );
        }
        match &self.runner_up {
            Some(r) => {
                let _ = write!(
                    out,
                    "Runner-up: {} via {:?} (score {:.2}; {}).",
                    r.reference,
                    r.phrasing,
                    r.score,
                    signals(&r.trace)
                );
            }
            None => out.push_str("Runner-up: none."),
        }
        out
    }
}

/// Returns the trace's signals that moved the score: what each added, then
/// each factor (penalties below 1).
pub fn signals(trace: &Trace) -> String {
    let parts: Vec<String> = trace
        .active()
        .map(|(s, v)| match s.effect() {
            Effect::Adds => format!("{} +{v:.2}", s.name()),
            Effect::Multiplies => format!("{} x{v:.2}", s.name()),
        })
        .collect();
    if parts.is_empty() {
        return "none".to_string();
    }
    parts.join(", ")
}

/// The word lines of an explanation, in order.
const LABELS: [&str; 6] = [
    "words matched exactly",
    "words matched by stem",
    "words matched by synonym",
    "words matched by typo correction",
    "words found elsewhere in the entry",
    "words not matched",
];

/// Returns the line of the explanation a word belongs on.
fn label_of(w: &WordMatch) -> &'static str {
    let i = match w {
        WordMatch::Exact(_) => 0,
        WordMatch::Stem(..) => 1,
        WordMatch::Synonym(..) => 2,
        WordMatch::Typo(..) => 3,
        WordMatch::Elsewhere(_) => 4,
        WordMatch::Unmatched(_) => 5,
    };
    LABELS[i]
}

fn word(w: &WordMatch) -> String {
    match w {
        WordMatch::Exact(a) | WordMatch::Elsewhere(a) | WordMatch::Unmatched(a) => a.clone(),
        WordMatch::Stem(a, b) | WordMatch::Synonym(a, b) => format!("{a} ~ {b}"),
        WordMatch::Typo(a, b) => format!("{a} -> {b}"),
    }
}
