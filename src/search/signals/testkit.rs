//! A small dataset and its index, for the signals' table tests: each row
//! asks a question and reads one signal of one entry's trace.

use crate::dataset::{Dataset, Date, Event, Person, PersonKind, Qa};
use crate::search::{Index, Scope, Trace};

/// An entry of the test dataset: `kind:id`, its phrasings (for a person:
/// the name first, then roles), and its answer or description. `org:id`
/// is an organisation, found as `person:id` like every entry of people.toml.
pub(crate) type Row<'a> = (&'a str, &'a [&'a str], &'a str);

/// Returns a dataset of `entries` with the synonym `groups`.
pub(crate) fn dataset(entries: &[Row<'_>], groups: &[&[&str]]) -> Dataset {
    let mut data = Dataset {
        as_of: Date::parse("2025-07-05").expect("a valid date"),
        sources: Vec::new(),
        qa: Vec::new(),
        events: Vec::new(),
        people: Vec::new(),
        synonyms: groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect(),
        unanswered: Vec::new(),
    };
    for &(reference, keys, body) in entries {
        let (kind, id) = reference.split_once(':').expect("kind:id");
        let first = keys.first().copied().unwrap_or_default().to_string();
        let rest: Vec<String> = keys.iter().skip(1).map(|s| s.to_string()).collect();
        match kind {
            "qa" => data.qa.push(Qa {
                id: id.to_string(),
                question: first,
                phrasings: rest,
                answer: body.to_string(),
                cite: Vec::new(),
                caveat: None,
                asked: Vec::new(),
            }),
            "event" => data.events.push(Event {
                id: id.to_string(),
                date: Date::parse("2025-07-03").expect("a valid date"),
                spoken_date: "3 July 2025".to_string(),
                title: first,
                aliases: rest,
                description: body.to_string(),
                cite: Vec::new(),
                caveat: None,
                asked: Vec::new(),
            }),
            "person" | "org" => data.people.push(Person {
                id: id.to_string(),
                name: first,
                kind: if kind == "org" {
                    PersonKind::Organisation
                } else {
                    PersonKind::Person
                },
                role: String::new(),
                roles: rest,
                aliases: Vec::new(),
                description: body.to_string(),
                cite: Vec::new(),
                caveat: None,
                asked: Vec::new(),
            }),
            other => panic!("test entry kind {other:?} must be qa, event, person or org"),
        }
    }
    data
}

/// Returns the trace of entry `reference` for `question` in `scope`, or
/// `None` when the entry is not a candidate.
pub(crate) fn trace(
    index: &Index,
    data: &Dataset,
    question: &str,
    scope: Scope,
    reference: &str,
) -> Option<Trace> {
    index
        .rank(question, scope, 100)
        .into_iter()
        .find(|c| c.entry.get(data).reference() == reference)
        .map(|c| c.trace)
}

/// Returns the value of `signal` for `reference`, panicking with the
/// question when the entry is not ranked at all.
pub(crate) fn value(
    entries: &[Row<'_>],
    question: &str,
    scope: Scope,
    reference: &str,
    signal: super::Signal,
) -> f32 {
    let data = dataset(entries, &[]);
    let index = Index::build(&data);
    trace(&index, &data, question, scope, reference)
        .unwrap_or_else(|| panic!("{reference} is not a candidate for {question:?}"))
        .get(signal)
}
