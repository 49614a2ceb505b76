//! What factdesk says back: a structured [`Reply`] (answered, suggest or
//! no match) with numbered citations, and its one plain-text rendering used
//! by the CLI and the console. Discord renders its own embeds from the same
//! structure.

use std::fmt::Write as _;

use serde::Serialize;

use crate::dataset::{Date, Kind, Reference};

/// How a question was dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Answered,
    Suggest,
    NoMatch,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Answered => "answered",
            Status::Suggest => "suggest",
            Status::NoMatch => "no_match",
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A numbered citation, resolved for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// 1-based, as shown: `[1]`.
    pub n: usize,
    /// The source id.
    pub source: String,
    pub publisher: String,
    pub title: String,
    /// The section heading.
    pub section: String,
    /// The date the article reports on, `YYYY[-MM[-DD]]`.
    pub published: String,
}

/// Returns `n` citations of about 240 characters each, numbered from 1:
/// a fixture for tests of how long replies fit Discord's limits.
#[cfg(all(test, feature = "discord"))]
pub(crate) fn long_citations(n: usize) -> Vec<Citation> {
    (1..=n)
        .map(|n| Citation {
            n,
            source: "inkpost".into(),
            publisher: "The Ink Post".into(),
            title: format!("Explainer number {n}: {}", "background ".repeat(10)),
            section: "From Invasion to Influence: Russia's Long Road in Afghanistan".into(),
            published: "2025-07".into(),
        })
        .collect()
}

/// A "did you mean" choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub id: String,
    pub label: String,
}

impl Suggestion {
    /// Returns the entry it offers.
    pub fn reference(&self) -> Reference {
        Reference::new(self.kind, self.id.clone())
    }
}

/// factdesk's reply to one question: an answer, "did you mean" choices,
/// or no match.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Answered(Answered),
    Suggest(Suggest),
    NoMatch(NoMatch),
}

/// An answer, with its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub query: String,
    pub entry: Reference,
    /// The question, event title or name the answer is about.
    pub title: String,
    /// The answer alone: events lead with their date, people with name and role.
    pub answer: String,
    /// In [0, 1]: how sure the match is.
    pub confidence: f32,
    pub citations: Vec<Citation>,
    pub caveat: Option<String>,
    /// Another question asked in the same message, offered as a choice.
    pub also: Option<Suggestion>,
    pub as_of: Date,
}

/// "Did you mean" choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggest {
    pub query: String,
    /// In [0, 1]: how sure the best match is.
    pub confidence: f32,
    pub suggestions: Vec<Suggestion>,
    /// What to try next.
    pub hint: String,
    pub as_of: Date,
}

/// No match, and what to try instead.
#[derive(Debug, Clone, PartialEq)]
pub struct NoMatch {
    pub query: String,
    /// In [0, 1]: how sure the best match is (0 without one).
    pub confidence: f32,
    /// Why, and what to try next.
    pub hint: String,
    pub as_of: Date,
}

/// The JSON contract of one reply (see README).
#[derive(Serialize)]
struct JsonReply<'a> {
    query: &'a str,
    status: Status,
    kind: Option<Kind>,
    id: Option<&'a str>,
    answer: Option<&'a str>,
    text: String,
    confidence: f64,
    citations: &'a [Citation],
    suggestions: &'a [Suggestion],
    caveat: Option<&'a str>,
    as_of: String,
}

impl Reply {
    pub fn status(&self) -> Status {
        match self {
            Reply::Answered(_) => Status::Answered,
            Reply::Suggest(_) => Status::Suggest,
            Reply::NoMatch(_) => Status::NoMatch,
        }
    }

    /// Returns the question as asked.
    pub fn query(&self) -> &str {
        match self {
            Reply::Answered(a) => &a.query,
            Reply::Suggest(s) => &s.query,
            Reply::NoMatch(n) => &n.query,
        }
    }

    /// Returns how sure the match is, in [0, 1].
    pub fn confidence(&self) -> f32 {
        match self {
            Reply::Answered(a) => a.confidence,
            Reply::Suggest(s) => s.confidence,
            Reply::NoMatch(n) => n.confidence,
        }
    }

    pub fn as_of(&self) -> Date {
        match self {
            Reply::Answered(a) => a.as_of,
            Reply::Suggest(s) => s.as_of,
            Reply::NoMatch(n) => n.as_of,
        }
    }

    /// Returns the answer, for an answered reply.
    pub fn answered(&self) -> Option<&Answered> {
        match self {
            Reply::Answered(a) => Some(a),
            _ => None,
        }
    }

    /// Returns the choices offered: the "did you mean" list, or beside an
    /// answer the other question asked in the message.
    pub fn choices(&self) -> &[Suggestion] {
        match self {
            Reply::Answered(a) => a.also.as_slice(),
            Reply::Suggest(s) => &s.suggestions,
            Reply::NoMatch(_) => &[],
        }
    }

    /// Returns the footer line: "Data as of 5 July 2025."
    pub fn as_of_line(&self) -> String {
        format!("Data as of {}.", self.as_of())
    }

    /// Returns the plain-text rendering used by the CLI and the console.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match self {
            Reply::Answered(a) => {
                let _ = writeln!(out, "{} {}", a.answer, a.markers());
                if let Some(c) = a.caveat_line() {
                    let _ = writeln!(out, "\n{c}");
                }
                out.push('\n');
                for c in &a.citations {
                    let _ = writeln!(out, "{}", citation_line(c));
                }
                if let Some(also) = a.also_line() {
                    let _ = writeln!(out, "\n{also}");
                }
            }
            Reply::Suggest(s) => {
                out.push_str("I'm not sure what you mean. Did you mean:\n");
                for (i, choice) in s.suggestions.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {}", i + 1, choice.label);
                }
                let _ = writeln!(out, "{}", s.hint);
            }
            Reply::NoMatch(n) => {
                let _ = writeln!(out, "{}", n.hint);
            }
        }
        out.push_str(&self.as_of_line());
        out
    }

    /// Returns the reply as the JSON object of the `--json` contract.
    pub fn to_json(&self) -> serde_json::Value {
        let answered = self.answered();
        let json = JsonReply {
            query: self.query(),
            status: self.status(),
            kind: answered.map(|a| a.entry.kind),
            id: answered.map(|a| a.entry.id.as_str()),
            answer: answered.map(|a| a.answer.as_str()),
            text: self.text(),
            confidence: (f64::from(self.confidence()) * 1000.0).round() / 1000.0,
            citations: answered.map_or(&[], |a| a.citations.as_slice()),
            suggestions: self.choices(),
            caveat: answered.and_then(|a| a.caveat.as_deref()),
            as_of: self.as_of().iso(),
        };
        serde_json::to_value(json).expect("a reply always serializes")
    }
}

/// Returns `s` without its final full stops.
pub(crate) fn trim_stop(s: &str) -> &str {
    s.trim_end_matches('.')
}

/// What introduces the other question of a message, offered beside an
/// answer.
pub const ALSO_ASKED: &str = "You also asked about:";

impl Answered {
    /// Returns the caveat as shown: "Sources differ: ...".
    pub fn caveat_line(&self) -> Option<String> {
        self.caveat.as_ref().map(|c| {
            if c.to_lowercase().starts_with("sources differ") {
                c.clone()
            } else {
                format!("Sources differ: {c}")
            }
        })
    }

    /// Returns the line offering the other question of the message:
    /// "You also asked about: ... Ask it on its own for that answer."
    pub fn also_line(&self) -> Option<String> {
        self.also.as_ref().map(|also| {
            format!(
                "{ALSO_ASKED} {}. Ask it on its own for that answer.",
                trim_stop(&also.label)
            )
        })
    }

    /// Returns `[1][2]`, the markers that follow the answer.
    pub fn markers(&self) -> String {
        self.citations
            .iter()
            .map(|c| format!("[{}]", c.n))
            .collect()
    }
}

/// Returns `[1] The Ink Post, "Title", section "Heading" (July 2025)`.
pub fn citation_line(c: &Citation) -> String {
    let published =
        Date::parse(&c.published).map_or_else(|_| c.published.clone(), |d| d.to_string());
    format!(
        "[{}] {}, \"{}\", section \"{}\" ({})",
        c.n, c.publisher, c.title, c.section, published
    )
}
