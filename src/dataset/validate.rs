//! Cross-checks of the parsed files: ids, citations, dates, empty fields,
//! lengths and ambiguous phrasings. [`check`] lists every problem; [`build`]
//! turns files that passed into a [`Dataset`].

use std::collections::HashMap;

use toml::Spanned;

use super::load::{Parsed, RawDataset};
use super::model::{self, AskedFile, SourcesFile};
use super::problem::{Problem, SourceFile};
use super::{Cite, Dataset, Date, Event, Kind, Person, PersonKind, Qa, Reference, Section, Source};
use crate::search::normalize::phrase_key;

/// The longest answer or description, in characters.
pub const MAX_ANSWER_CHARS: usize = 1000;
/// The fewest alternate phrasings a Q&A entry has.
pub const MIN_PHRASINGS: usize = 3;

/// Returns every problem in the parsed files.
pub fn check(raw: &RawDataset) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        sources: raw.sources.as_ref().map(SourceIndex::new),
        phrases: HashMap::new(),
    };
    if let Some(s) = &raw.sources {
        c.sources_file(s);
    }
    if let Some(q) = &raw.qa {
        c.unique_ids(&q.file, q.data.qa.iter().map(|e| &e.id), "Q&A entry");
        for e in &q.data.qa {
            c.qa(&q.file, e);
        }
    }
    if let Some(t) = &raw.timeline {
        c.unique_ids(&t.file, t.data.events.iter().map(|e| &e.id), "event");
        for e in &t.data.events {
            c.event(&t.file, e);
        }
    }
    if let Some(p) = &raw.people {
        c.unique_ids(&p.file, p.data.people.iter().map(|e| &e.id), "person");
        for e in &p.data.people {
            c.person(&p.file, e);
        }
    }
    if let Some(a) = &raw.asked {
        c.asked(a, raw);
    }
    if let Some(s) = &raw.synonyms {
        c.synonyms(s);
    }
    if let (Some(q), Some(t), Some(p)) = (&raw.qa, &raw.timeline, &raw.people) {
        if q.data.qa.is_empty() && t.data.events.is_empty() && p.data.people.is_empty() {
            c.at(
                &q.file,
                0..1,
                "the dataset has no entries: add a [[qa]] entry here, or an event to \
                 timeline.toml or a person to people.toml",
            );
        }
    }
    c.problems
}

/// Returns "a" or "an" for `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Returns the dataset of files that [`check`] found clean.
pub fn build(raw: &RawDataset) -> Dataset {
    let files = raw.sources.as_ref().expect("checked: sources parsed");
    let index = SourceIndex::new(files);
    let cites = |list: &[Spanned<String>]| -> Vec<Cite> {
        list.iter()
            .filter_map(|c| index.resolve(c.get_ref()).ok())
            .collect()
    };
    let text = |s: &Spanned<String>| s.get_ref().trim().to_string();
    let texts = |l: &[Spanned<String>]| l.iter().map(text).collect::<Vec<_>>();
    let caveat = |c: &Option<Spanned<String>>| c.as_ref().map(text);
    let date = |s: &Spanned<String>| Date::parse(s.get_ref()).expect("checked: date parses");
    let mut asked: HashMap<(Kind, String), Vec<String>> = HashMap::new();
    for group in raw.asked.iter().flat_map(|f| &f.data.answered) {
        if let Ok(r) = group.entry.get_ref().trim().parse::<Reference>() {
            asked
                .entry((r.kind, r.id))
                .or_default()
                .extend(texts(&group.questions));
        }
    }
    let asked_of = |kind: Kind, id: &Spanned<String>| {
        asked
            .get(&(kind, id.get_ref().trim().to_string()))
            .cloned()
            .unwrap_or_default()
    };

    let sources = files
        .data
        .sources
        .iter()
        .map(|s| Source {
            id: text(&s.id),
            publisher: text(&s.publisher),
            title: text(&s.title),
            published: date(&s.published),
            sections: s
                .sections
                .iter()
                .map(|x| Section {
                    id: text(&x.id),
                    heading: text(&x.heading),
                })
                .collect(),
        })
        .collect();
    let qa = raw.qa.iter().flat_map(|f| &f.data.qa).map(|q| Qa {
        id: text(&q.id),
        question: text(&q.question),
        phrasings: texts(&q.phrasings),
        answer: text(&q.answer),
        cite: cites(&q.cite),
        caveat: caveat(&q.caveat),
        asked: asked_of(Kind::Qa, &q.id),
    });
    let mut events: Vec<Event> = raw
        .timeline
        .iter()
        .flat_map(|f| &f.data.events)
        .map(|e| Event {
            id: text(&e.id),
            date: date(&e.date),
            spoken_date: date(&e.date).to_string(),
            title: text(&e.title),
            aliases: texts(&e.aliases),
            description: text(&e.description),
            cite: cites(&e.cite),
            caveat: caveat(&e.caveat),
            asked: asked_of(Kind::Event, &e.id),
        })
        .collect();
    events.sort_by_key(|e| e.date.sort_key());
    let people = raw
        .people
        .iter()
        .flat_map(|f| &f.data.people)
        .map(|p| Person {
            id: text(&p.id),
            name: text(&p.name),
            kind: if p.kind.get_ref() == "organisation" {
                PersonKind::Organisation
            } else {
                PersonKind::Person
            },
            role: text(&p.role),
            roles: texts(&p.roles),
            aliases: texts(&p.aliases),
            description: text(&p.description),
            cite: cites(&p.cite),
            caveat: caveat(&p.caveat),
            asked: asked_of(Kind::Person, &p.id),
        });
    let synonyms = raw
        .synonyms
        .iter()
        .flat_map(|f| &f.data.groups)
        .map(|g| texts(&g.words))
        .collect();
    Dataset {
        as_of: date(&files.data.as_of),
        sources,
        qa: qa.collect(),
        events,
        people: people.collect(),
        synonyms,
        unanswered: raw
            .asked
            .iter()
            .flat_map(|f| f.data.unanswered.iter().flat_map(|u| &u.questions))
            .map(text)
            .collect(),
    }
}

/// Source ids and their section ids, for resolving `source#section`.
struct SourceIndex {
    sources: HashMap<String, (usize, HashMap<String, usize>)>,
}

impl SourceIndex {
    fn new(files: &Parsed<SourcesFile>) -> SourceIndex {
        let mut sources = HashMap::new();
        for (i, s) in files.data.sources.iter().enumerate() {
            let sections = s
                .sections
                .iter()
                .enumerate()
                .map(|(j, x)| (x.id.get_ref().trim().to_string(), j))
                .collect();
            sources
                .entry(s.id.get_ref().trim().to_string())
                .or_insert((i, sections));
        }
        SourceIndex { sources }
    }

    /// Returns the citation, or a message saying what is wrong with it.
    fn resolve(&self, cite: &str) -> Result<Cite, String> {
        let Some((source, section)) = cite.trim().split_once('#') else {
            return Err(format!(
                "citation {cite:?} needs the form \"<source id>#<section id>\", e.g. \"inkpost#intro\""
            ));
        };
        let Some((i, sections)) = self.sources.get(source) else {
            let mut known: Vec<&str> = self.sources.keys().map(String::as_str).collect();
            known.sort_unstable();
            return Err(format!(
                "citation {cite:?} names source {source:?}, which sources.toml does not define \
                 (known: {}); fix the id or add the source",
                known.join(", ")
            ));
        };
        let Some(j) = sections.get(section) else {
            let mut known: Vec<&str> = sections.keys().map(String::as_str).collect();
            known.sort_unstable();
            return Err(format!(
                "citation {cite:?} names section {section:?}, which source {source:?} does not \
                 have (its sections: {}); fix the section id or add it to sources.toml",
                known.join(", ")
            ));
        };
        Ok(Cite {
            source: *i,
            section: *j,
        })
    }
}

/// Where a phrasing was first seen.
struct Owner {
    kind: Kind,
    id: String,
    file: String,
    line: usize,
    /// What the phrasing is in that entry: "phrasing", "alias", "role" ...
    field: &'static str,
}

struct Checker {
    problems: Vec<Problem>,
    sources: Option<SourceIndex>,
    phrases: HashMap<String, Owner>,
}

impl Checker {
    fn at(&mut self, file: &SourceFile, span: std::ops::Range<usize>, msg: impl Into<String>) {
        self.problems.push(file.problem(span, msg));
    }

    /// Reports an empty or whitespace-only value.
    fn filled(&mut self, file: &SourceFile, value: &Spanned<String>, what: &str) -> bool {
        if value.get_ref().trim().is_empty() {
            self.at(
                file,
                value.span(),
                format!("{what} is empty: write it, or remove the key"),
            );
            return false;
        }
        true
    }

    fn list(
        &mut self,
        file: &SourceFile,
        id: &Spanned<String>,
        list: &[Spanned<String>],
        what: &str,
        min: usize,
    ) {
        for v in list {
            self.filled(file, v, what);
        }
        if list.len() < min {
            self.at(
                file,
                id.span(),
                format!(
                    "entry {:?} has {} {what}{}; it needs at least {min}",
                    id.get_ref(),
                    list.len(),
                    if list.len() == 1 { "" } else { "s" }
                ),
            );
        }
    }

    fn id(&mut self, file: &SourceFile, id: &Spanned<String>) {
        let v = id.get_ref();
        if !self.filled(file, id, "id") {
            return;
        }
        let ok = v
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            self.at(
                file,
                id.span(),
                format!("id {v:?} may hold only lowercase letters, digits and '-': e.g. \"soviet-invasion\""),
            );
        }
    }

    fn unique_ids<'a>(
        &mut self,
        file: &SourceFile,
        ids: impl Iterator<Item = &'a Spanned<String>>,
        what: &str,
    ) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            let key = id.get_ref().trim();
            if key.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(key) {
                let line = file.line_of(*first);
                self.at(
                    file,
                    id.span(),
                    format!("duplicate {what} id {key:?} (first defined at line {line}): give one of them another id"),
                );
            } else {
                seen.insert(key, id.span().start);
            }
        }
    }

    fn cites(
        &mut self,
        file: &SourceFile,
        id: &Spanned<String>,
        cite: &[Spanned<String>],
        caveat: &Option<Spanned<String>>,
    ) {
        if cite.is_empty() {
            self.at(
                file,
                id.span(),
                format!(
                    "entry {:?} cites nothing: add cite = [\"<source>#<section>\"]",
                    id.get_ref()
                ),
            );
        }
        if let Some(index) = &self.sources {
            let errors: Vec<_> = cite
                .iter()
                .filter_map(|c| index.resolve(c.get_ref()).err().map(|e| (c.span(), e)))
                .collect();
            for (span, e) in errors {
                self.at(file, span, e);
            }
        }
        if let Some(c) = caveat {
            if self.filled(file, c, "caveat") && cite.len() < 2 {
                self.at(
                    file,
                    c.span(),
                    "a caveat says where sources differ, so the entry must cite both sides: add the other citation",
                );
            }
        }
    }

    fn length(&mut self, file: &SourceFile, text: &Spanned<String>, what: &str) {
        let n = text.get_ref().trim().chars().count();
        if n > MAX_ANSWER_CHARS {
            self.at(
                file,
                text.span(),
                format!("{what} is {n} characters; keep it under {MAX_ANSWER_CHARS} (move detail into another entry)"),
            );
        }
    }

    fn date(&mut self, file: &SourceFile, date: &Spanned<String>) {
        if let Err(e) = Date::parse(date.get_ref()) {
            self.at(file, date.span(), e);
        }
    }

    /// Records a phrasing and reports it if another entry already uses it.
    fn phrase(
        &mut self,
        file: &SourceFile,
        kind: Kind,
        id: &Spanned<String>,
        text: &Spanned<String>,
        field: &'static str,
    ) {
        let key = phrase_key(text.get_ref());
        if key.is_empty() {
            return;
        }
        let id = id.get_ref().trim();
        match self.phrases.get(&key) {
            Some(o) if o.kind == kind && o.id == id => {}
            Some(o) => {
                let msg = if o.kind == kind && kind != Kind::Qa {
                    format!(
                        "{field} {:?} collides with {} of {}:{} ({}:{}): /{} could not tell them apart; make it more specific or drop one",
                        text.get_ref(), o.field, o.kind, o.id, o.file, o.line,
                        if kind == Kind::Event { "when" } else { "who" }
                    )
                } else {
                    format!(
                        "{field} {:?} is also {} {} of {}:{} ({}:{}): the same phrasing in two entries is ambiguous; keep it in one",
                        text.get_ref(), article(o.field), o.field, o.kind, o.id, o.file, o.line
                    )
                };
                self.at(file, text.span(), msg);
            }
            None => {
                let owner = Owner {
                    kind,
                    id: id.to_string(),
                    file: file.path.file_name().map_or_else(
                        || file.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    ),
                    line: file.line_of(text.span().start),
                    field,
                };
                self.phrases.insert(key, owner);
            }
        }
    }

    /// Checks `asked.toml`: each group names an entry that exists, no
    /// question is empty, none is another entry's phrasing, and no
    /// unanswered question is a phrasing of any entry.
    fn asked(&mut self, a: &Parsed<AskedFile>, raw: &RawDataset) {
        let f = &a.file;
        // Every entry's kind and id, gathered once.
        let qa = raw
            .qa
            .iter()
            .flat_map(|q| &q.data.qa)
            .map(|e| (Kind::Qa, &e.id));
        let events = raw.timeline.iter().flat_map(|t| &t.data.events);
        let people = raw.people.iter().flat_map(|p| &p.data.people);
        let ids: std::collections::HashSet<(Kind, &str)> = qa
            .chain(events.map(|e| (Kind::Event, &e.id)))
            .chain(people.map(|e| (Kind::Person, &e.id)))
            .map(|(kind, id)| (kind, id.get_ref().trim()))
            .collect();
        for group in &a.data.answered {
            let entry = group.entry.get_ref().trim();
            let reference = match entry.parse::<Reference>() {
                Ok(r) => r,
                Err(e) => {
                    self.at(f, group.entry.span(), format!("entry {entry:?}: {e}"));
                    continue;
                }
            };
            if !ids.contains(&(reference.kind, reference.id.as_str())) {
                self.at(
                    f,
                    group.entry.span(),
                    format!("no entry {reference}: use the kind:id of an entry in qa.toml, timeline.toml or people.toml"),
                );
                continue;
            }
            let id = Spanned::new(group.entry.span(), reference.id.clone());
            for q in &group.questions {
                if self.filled(f, q, "asked question") {
                    self.phrase(f, reference.kind, &id, q, "asked question");
                }
            }
        }
        for q in a.data.unanswered.iter().flat_map(|u| &u.questions) {
            if !self.filled(f, q, "unanswered question") {
                continue;
            }
            if let Some(o) = self.phrases.get(&phrase_key(q.get_ref())) {
                let msg = format!(
                    "unanswered question {:?} is also {} {} of {}:{} ({}:{}): a question cannot be both answered and not; drop it here or there",
                    q.get_ref(), article(o.field), o.field, o.kind, o.id, o.file, o.line
                );
                self.at(f, q.span(), msg);
            }
        }
    }

    fn sources_file(&mut self, s: &Parsed<SourcesFile>) {
        let f = &s.file;
        if let Err(e) = Date::parse(s.data.as_of.get_ref()) {
            self.at(f, s.data.as_of.span(), format!("as_of: {e}"));
        } else if Date::parse(s.data.as_of.get_ref()).map(|d| d.precision()) != Ok("day") {
            self.at(
                f,
                s.data.as_of.span(),
                "as_of needs a full date: YYYY-MM-DD",
            );
        }
        if s.data.sources.is_empty() {
            self.at(
                f,
                0..1,
                "no sources: add a [[source]] table for each article",
            );
        }
        self.unique_ids(f, s.data.sources.iter().map(|x| &x.id), "source");
        for src in &s.data.sources {
            self.id(f, &src.id);
            self.filled(f, &src.publisher, "publisher");
            self.filled(f, &src.title, "title");
            self.date(f, &src.published);
            if src.sections.is_empty() {
                self.at(
                    f,
                    src.id.span(),
                    "source has no sections: list the article's headings in sections = [...]",
                );
            }
            self.unique_ids(f, src.sections.iter().map(|x| &x.id), "section");
            for sec in &src.sections {
                self.id(f, &sec.id);
                self.filled(f, &sec.heading, "heading");
            }
        }
    }

    fn qa(&mut self, f: &SourceFile, e: &model::QaEntry) {
        self.id(f, &e.id);
        self.filled(f, &e.question, "question");
        self.list(f, &e.id, &e.phrasings, "phrasing", MIN_PHRASINGS);
        if self.filled(f, &e.answer, "answer") {
            self.length(f, &e.answer, "answer");
        }
        self.cites(f, &e.id, &e.cite, &e.caveat);
        self.phrase(f, Kind::Qa, &e.id, &e.question, "question");
        for p in &e.phrasings {
            self.phrase(f, Kind::Qa, &e.id, p, "phrasing");
        }
    }

    fn event(&mut self, f: &SourceFile, e: &model::Event) {
        self.id(f, &e.id);
        self.date(f, &e.date);
        self.filled(f, &e.title, "title");
        self.list(f, &e.id, &e.aliases, "alias", 1);
        if self.filled(f, &e.description, "description") {
            self.length(f, &e.description, "description");
        }
        self.cites(f, &e.id, &e.cite, &e.caveat);
        self.phrase(f, Kind::Event, &e.id, &e.title, "title");
        for a in &e.aliases {
            self.phrase(f, Kind::Event, &e.id, a, "alias");
        }
    }

    fn person(&mut self, f: &SourceFile, p: &model::Person) {
        self.id(f, &p.id);
        self.filled(f, &p.name, "name");
        if !matches!(p.kind.get_ref().as_str(), "person" | "organisation") {
            self.at(
                f,
                p.kind.span(),
                format!(
                    "kind {:?} must be \"person\" or \"organisation\"",
                    p.kind.get_ref()
                ),
            );
        }
        self.filled(f, &p.role, "role");
        self.list(f, &p.id, &p.roles, "role", 1);
        for a in &p.aliases {
            self.filled(f, a, "alias");
        }
        if self.filled(f, &p.description, "description") {
            self.length(f, &p.description, "description");
        }
        self.cites(f, &p.id, &p.cite, &p.caveat);
        self.phrase(f, Kind::Person, &p.id, &p.name, "name");
        for a in &p.aliases {
            self.phrase(f, Kind::Person, &p.id, a, "alias");
        }
        for r in &p.roles {
            self.phrase(f, Kind::Person, &p.id, r, "role");
        }
    }

    fn synonyms(&mut self, s: &Parsed<model::SynonymsFile>) {
        let f = &s.file;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for g in &s.data.groups {
            if g.words.len() < 2 {
                let span = g.words.first().map_or(0..1, |w| w.span());
                self.at(f, span, "a synonym group needs at least two words");
            }
            for w in &g.words {
                if !self.filled(f, w, "synonym") {
                    continue;
                }
                let key = phrase_key(w.get_ref());
                if let Some(first) = seen.get(&key) {
                    let line = f.line_of(*first);
                    self.at(
                        f,
                        w.span(),
                        format!("{:?} is already in the group at line {line}: a word belongs to one group; merge the groups or drop it", w.get_ref()),
                    );
                } else {
                    seen.insert(key, w.span().start);
                }
            }
        }
    }
}
