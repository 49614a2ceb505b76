//! The curated dataset as it is written in `data/*.toml`: sources, Q&A,
//! timeline events, people and synonym groups. Plain serde types; every
//! table rejects unknown keys so a typo in a key name is an error.

use serde::Deserialize;
use toml::Spanned;

/// `data/sources.toml`: the dataset's as-of date and the articles it cites.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesFile {
    /// When the dataset was last brought up to date, `YYYY-MM-DD`.
    pub as_of: Spanned<String>,
    #[serde(default, rename = "source")]
    pub sources: Vec<Source>,
}

/// One article the dataset is built from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id used in citations: `cite = ["<id>#<section>"]`.
    pub id: Spanned<String>,
    /// Who published it; where the article names nobody, say so.
    pub publisher: Spanned<String>,
    /// A descriptive title.
    pub title: Spanned<String>,
    /// The date the article reports on (`2025-07`, `2025-07-03`, ...).
    pub published: Spanned<String>,
    /// The article's sections, in order; citations point at their ids.
    pub sections: Vec<Section>,
}

/// A section heading of an article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub heading: Spanned<String>,
}

/// `data/qa.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaFile {
    #[serde(default)]
    pub qa: Vec<QaEntry>,
}

/// A curated question with its answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaEntry {
    pub id: Spanned<String>,
    /// The canonical question, as a full sentence.
    pub question: Spanned<String>,
    /// Other ways people type it in chat (at least 3).
    pub phrasings: Vec<Spanned<String>>,
    /// The answer in our own words (under 1,000 characters).
    pub answer: Spanned<String>,
    /// Citations, `"<source id>#<section id>"`.
    pub cite: Vec<Spanned<String>>,
    /// Where the sources disagree or are unclear.
    pub caveat: Option<Spanned<String>>,
}

/// `data/timeline.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineFile {
    #[serde(default, rename = "event")]
    pub events: Vec<Event>,
}

/// A dated event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Spanned<String>,
    /// `1979`, `2021-08`, `2025-07-03`, `2010s` or `2022-2023`.
    pub date: Spanned<String>,
    pub title: Spanned<String>,
    /// What people type after `/when`.
    pub aliases: Vec<Spanned<String>>,
    pub description: Spanned<String>,
    pub cite: Vec<Spanned<String>>,
    pub caveat: Option<Spanned<String>>,
}

/// `data/people.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    #[serde(default, rename = "person")]
    pub people: Vec<Person>,
}

/// A named person or organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    /// `person` or `organisation`.
    #[serde(default = "default_person_kind")]
    pub kind: Spanned<String>,
    /// The role shown after the name, e.g. "Afghanistan's ambassador to Russia".
    pub role: Spanned<String>,
    /// Other roles and titles people ask about (`/who ambassador`).
    pub roles: Vec<Spanned<String>>,
    /// Other names and spellings.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub description: Spanned<String>,
    pub cite: Vec<Spanned<String>>,
    pub caveat: Option<Spanned<String>>,
}

fn default_person_kind() -> Spanned<String> {
    Spanned::new(0..0, "person".to_string())
}

/// `data/synonyms.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    #[serde(default, rename = "group")]
    pub groups: Vec<SynonymGroup>,
}

/// Words or phrases people use interchangeably here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub words: Vec<Spanned<String>>,
}

/// `data/asked.toml` (optional): questions people asked, in their own
/// words, each under the entry whose answer satisfied them, and the
/// questions the articles do not answer. Curated phrasings say what an
/// entry answers; these say how people actually ask.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskedFile {
    #[serde(default)]
    pub answered: Vec<AskedGroup>,
    pub unanswered: Option<Unanswered>,
}

/// Questions one entry answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskedGroup {
    /// `kind:id`, e.g. `"qa:why-now"`.
    pub entry: Spanned<String>,
    pub questions: Vec<Spanned<String>>,
}

/// Questions that reuse the story's words for something the articles do
/// not say, and questions about other things.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unanswered {
    pub questions: Vec<Spanned<String>>,
}
