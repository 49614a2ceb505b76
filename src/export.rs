//! `factdesk export --json`: the whole validated dataset as one JSON
//! document, citations resolved, for other tools.

use serde_json::{json, Value};

use crate::dataset::{Cite, Dataset, Date, PersonKind};

/// Returns the dataset as JSON: as-of date, sources, and every entry with
/// its kind, id, phrasings, text, date, resolved citations and caveat.
pub fn to_json(dataset: &Dataset) -> Value {
    let cites = |list: &[Cite]| -> Vec<Value> {
        list.iter()
            .enumerate()
            .map(|(i, &c)| {
                let (s, section) = dataset.resolve(c);
                json!({
                    "n": i + 1,
                    "source": s.id,
                    "publisher": s.publisher,
                    "title": s.title,
                    "section": section.heading,
                    "section_id": section.id,
                    "published": s.published.iso(),
                })
            })
            .collect()
    };
    let date =
        |d: &Date| json!({"iso": d.iso(), "precision": d.precision(), "text": d.to_string()});
    let mut entries = Vec::new();
    for q in &dataset.qa {
        entries.push(json!({
            "kind": "qa", "id": q.id, "question": q.question, "phrasings": q.phrasings,
            "answer": q.answer, "citations": cites(&q.cite), "caveat": q.caveat,
        }));
    }
    for e in &dataset.events {
        entries.push(json!({
            "kind": "event", "id": e.id, "date": date(&e.date), "title": e.title,
            "aliases": e.aliases, "description": e.description,
            "citations": cites(&e.cite), "caveat": e.caveat,
        }));
    }
    for p in &dataset.people {
        let kind = match p.kind {
            PersonKind::Person => "person",
            PersonKind::Organisation => "organisation",
        };
        entries.push(json!({
            "kind": "person", "id": p.id, "name": p.name, "type": kind, "role": p.role,
            "roles": p.roles, "aliases": p.aliases, "description": p.description,
            "citations": cites(&p.cite), "caveat": p.caveat,
        }));
    }
    let sources: Vec<Value> = dataset
        .sources
        .iter()
        .map(|s| {
            json!({
                "id": s.id, "publisher": s.publisher, "title": s.title,
                "published": s.published.iso(),
                "sections": s.sections.iter().map(|x| json!({"id": x.id, "heading": x.heading})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "as_of": dataset.as_of.iso(),
        "sources": sources,
        "synonyms": dataset.synonyms,
        "entries": entries,
    })
}
