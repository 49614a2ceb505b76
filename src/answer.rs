//! What factdesk says back: a structured [`Reply`] (answered, suggest or
//! no match) with numbered citations, and its one plain-text rendering used
//! by the CLI and the console. Discord renders its own embeds from the same
//! structure.

use std::fmt::Write as _;

use serde::Serialize;

use crate::dataset::{Date, Kind};

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

/// A "did you mean" choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub kind: Kind,
    pub id: String,
    pub label: String,
}

impl Suggestion {
    /// Returns `kind:id`.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.kind, self.id)
    }
}

/// factdesk's reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub query: String,
    pub status: Status,
    pub kind: Option<Kind>,
    pub id: Option<String>,
    /// The question, event title or name the answer is about.
    pub title: Option<String>,
    /// The answer alone: events lead with their date, people with name and role.
    pub answer: Option<String>,
    /// In [0, 1]: how sure the match is.
    pub confidence: f32,
    pub citations: Vec<Citation>,
    pub suggestions: Vec<Suggestion>,
    pub caveat: Option<String>,
    pub as_of: Date,
    /// What to try next, for suggest and no-match replies.
    pub hint: Option<String>,
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

    /// Returns `[1][2]`, the markers that follow the answer.
    pub fn markers(&self) -> String {
        self.citations
            .iter()
            .map(|c| format!("[{}]", c.n))
            .collect()
    }

    /// Returns the footer line: "Data as of 5 July 2025."
    pub fn as_of_line(&self) -> String {
        format!("Data as of {}.", self.as_of)
    }

    /// Returns the plain-text rendering used by the CLI and the console.
    pub fn text(&self) -> String {
        let mut out = String::new();
        match self.status {
            Status::Answered => {
                let answer = self.answer.as_deref().unwrap_or_default();
                let _ = writeln!(out, "{answer} {}", self.markers());
                if let Some(c) = self.caveat_line() {
                    let _ = writeln!(out, "\n{c}");
                }
                out.push('\n');
                for c in &self.citations {
                    let _ = writeln!(out, "{}", citation_line(c));
                }
            }
            Status::Suggest => {
                out.push_str("I'm not sure what you mean. Did you mean:\n");
                for (i, s) in self.suggestions.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {}", i + 1, s.label);
                }
                if let Some(h) = &self.hint {
                    let _ = writeln!(out, "{h}");
                }
            }
            Status::NoMatch => {
                let _ = writeln!(out, "{}", self.hint.as_deref().unwrap_or("I don't know."));
            }
        }
        out.push_str(&self.as_of_line());
        out
    }

    /// Returns the reply as the JSON object of the `--json` contract.
    pub fn to_json(&self) -> serde_json::Value {
        let json = JsonReply {
            query: &self.query,
            status: self.status,
            kind: self.kind,
            id: self.id.as_deref(),
            answer: self.answer.as_deref(),
            text: self.text(),
            confidence: (f64::from(self.confidence) * 1000.0).round() / 1000.0,
            citations: &self.citations,
            suggestions: &self.suggestions,
            caveat: self.caveat.as_deref(),
            as_of: self.as_of.iso(),
        };
        serde_json::to_value(json).expect("a reply always serializes")
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
