//! The curated dataset: what factdesk knows. [`Dataset::load`] reads
//! `data/*.toml`, cross-checks everything and returns either a dataset that
//! is safe to serve or every problem found, each with file:line:col.

mod date;
mod load;
mod model;
mod problem;
mod reference;
mod validate;

pub use date::Date;
pub use load::FILES;
pub use problem::{line_col, LoadError, Problem};
pub use reference::Reference;

use std::fmt;
use std::path::Path;

/// The kind of an entry; also the prefix of its reference (`qa:first-to-recognise`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Qa,
    Event,
    Person,
}

impl Kind {
    /// Returns the name used in references and JSON: `qa`, `event`, `person`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Qa => "qa",
            Kind::Event => "event",
            Kind::Person => "person",
        }
    }

    /// Parses `qa`, `event` or `person`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "qa" => Some(Kind::Qa),
            "event" => Some(Kind::Event),
            "person" => Some(Kind::Person),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A validated dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// When the data was last brought up to date.
    pub as_of: Date,
    pub sources: Vec<Source>,
    pub qa: Vec<Qa>,
    /// Sorted by date.
    pub events: Vec<Event>,
    pub people: Vec<Person>,
    /// Groups of interchangeable words; the first is the canonical one.
    pub synonyms: Vec<Vec<String>>,
    /// Questions people asked that the articles do not answer (from
    /// `asked.toml`): a question most like one of these is not answered.
    pub unanswered: Vec<String>,
}

/// An article the dataset cites.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    pub published: Date,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub heading: String,
}

/// A citation resolved to indices into [`Dataset::sources`] and its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cite {
    pub source: usize,
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Qa {
    pub id: String,
    pub question: String,
    pub phrasings: Vec<String>,
    pub answer: String,
    pub cite: Vec<Cite>,
    pub caveat: Option<String>,
    /// Questions people asked that this answers, in their words (from
    /// `asked.toml`): matched like phrasings.
    pub asked: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: Date,
    /// The date as people write it ("3 July 2025", "August 2021", "1979"):
    /// one more phrasing, so `/when july 3` or `/when 1996` finds the event.
    pub spoken_date: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub description: String,
    pub cite: Vec<Cite>,
    pub caveat: Option<String>,
    /// Questions people asked that this answers (see [`Qa::asked`]).
    pub asked: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    Person,
    Organisation,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub kind: PersonKind,
    /// The role shown after the name.
    pub role: String,
    /// Roles and titles people ask about.
    pub roles: Vec<String>,
    pub aliases: Vec<String>,
    pub description: String,
    pub cite: Vec<Cite>,
    pub caveat: Option<String>,
    /// Questions people asked that this answers (see [`Qa::asked`]).
    pub asked: Vec<String>,
}

/// A borrowed view of any entry.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Qa(&'a Qa),
    Event(&'a Event),
    Person(&'a Person),
}

impl<'a> Entry<'a> {
    pub fn kind(&self) -> Kind {
        match self {
            Entry::Qa(_) => Kind::Qa,
            Entry::Event(_) => Kind::Event,
            Entry::Person(_) => Kind::Person,
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Entry::Qa(q) => &q.id,
            Entry::Event(e) => &e.id,
            Entry::Person(p) => &p.id,
        }
    }

    /// Returns `kind:id`, the reference used in logs, evals and JSON.
    pub fn reference(&self) -> Reference {
        Reference::new(self.kind(), self.id())
    }

    /// Returns the short label shown in suggestions: the question, the event
    /// title with its date, or the name with its role.
    pub fn label(&self) -> String {
        match self {
            Entry::Qa(q) => q.question.clone(),
            Entry::Event(e) => format!("{} ({})", e.title, e.date),
            Entry::Person(p) => format!("{} ({})", p.name, p.role),
        }
    }

    /// Returns the answer or description.
    pub fn body(&self) -> &'a str {
        match self {
            Entry::Qa(q) => &q.answer,
            Entry::Event(e) => &e.description,
            Entry::Person(p) => &p.description,
        }
    }

    /// Returns the words a question uses to ask for what the entry's date
    /// gives ("which year", "what month"; see [`Date::asked_by`]): an
    /// event's date answers them as its description answers its words.
    /// Empty for Q&A and people.
    pub fn date_asked_by(&self) -> &'static str {
        match self {
            Entry::Event(e) => e.date.asked_by(),
            Entry::Qa(_) | Entry::Person(_) => "",
        }
    }

    pub fn cite(&self) -> &'a [Cite] {
        match self {
            Entry::Qa(q) => &q.cite,
            Entry::Event(e) => &e.cite,
            Entry::Person(p) => &p.cite,
        }
    }

    pub fn caveat(&self) -> Option<&'a str> {
        match self {
            Entry::Qa(q) => q.caveat.as_deref(),
            Entry::Event(e) => e.caveat.as_deref(),
            Entry::Person(p) => p.caveat.as_deref(),
        }
    }

    /// Returns the phrasings people may type for this entry: the question and
    /// its phrasings, the title, aliases and date, or the name, aliases and roles
    /// (not the display `role`, a description rather than a phrasing); then
    /// the questions people asked that it answers.
    pub fn keys(&self) -> Vec<&'a str> {
        match self {
            Entry::Qa(q) => std::iter::once(q.question.as_str())
                .chain(q.phrasings.iter().map(String::as_str))
                .chain(q.asked.iter().map(String::as_str))
                .collect(),
            Entry::Event(e) => std::iter::once(e.title.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .chain(std::iter::once(e.spoken_date.as_str()))
                .chain(e.asked.iter().map(String::as_str))
                .collect(),
            Entry::Person(p) => std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .chain(p.roles.iter().map(String::as_str))
                .chain(p.asked.iter().map(String::as_str))
                .collect(),
        }
    }

    /// Returns the questions people asked that it answers: the last of its
    /// [`Entry::keys`].
    pub fn asked(&self) -> &'a [String] {
        match self {
            Entry::Qa(q) => &q.asked,
            Entry::Event(e) => &e.asked,
            Entry::Person(p) => &p.asked,
        }
    }

    /// Returns all of the entry's text (keys, date, body, caveat) in one string.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = self.keys().iter().map(|k| k.to_string()).collect();
        match self {
            Entry::Event(e) => {
                parts.push(e.date.to_string());
                parts.push(e.date.iso());
            }
            Entry::Person(p) => parts.push(p.role.clone()),
            Entry::Qa(_) => {}
        }
        parts.push(self.body().to_string());
        parts.extend(self.caveat().map(str::to_string));
        parts.join("\n")
    }
}

impl Dataset {
    /// Reads and cross-checks `sources.toml`, `qa.toml`, `timeline.toml`,
    /// `people.toml` and `synonyms.toml` in `dir`.
    ///
    /// Returns the dataset, or every problem found (not just the first).
    pub fn load(dir: &Path) -> Result<Dataset, LoadError> {
        load::load(dir)
    }

    /// Returns every entry: Q&A first, then events, then people.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.qa
            .iter()
            .map(Entry::Qa)
            .chain(self.events.iter().map(Entry::Event))
            .chain(self.people.iter().map(Entry::Person))
    }

    /// Returns the entry `reference` points at, if it exists.
    pub fn find(&self, reference: &Reference) -> Option<Entry<'_>> {
        self.entries()
            .find(|e| e.kind() == reference.kind && e.id() == reference.id)
    }

    /// Returns the source and section a citation points at.
    pub fn resolve(&self, cite: Cite) -> (&Source, &Section) {
        let source = &self.sources[cite.source];
        (source, &source.sections[cite.section])
    }
}
