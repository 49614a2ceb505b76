//! Whole-dataset listings shown by `/timeline`, `/sources` and `/help`, in
//! plain text; the console prints them and Discord pages or embeds them.

use crate::dataset::Dataset;

/// Returns one line per timeline event, in date order: `1979 — Soviet invasion of Afghanistan`.
pub fn timeline_lines(dataset: &Dataset) -> Vec<String> {
    dataset
        .events
        .iter()
        .map(|e| format!("{} — {}", e.date, e.title))
        .collect()
}

/// Returns what the data is built from: each source with its sections, and
/// the as-of date.
pub fn sources_text(dataset: &Dataset) -> String {
    let mut out = String::from("factdesk answers only from these articles:\n");
    for s in &dataset.sources {
        out.push_str(&format!(
            "- {}, \"{}\" (reports on {}); sections: {}\n",
            s.publisher,
            s.title,
            s.published,
            s.sections
                .iter()
                .map(|x| format!("\"{}\"", x.heading))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str(&format!(
        "{} questions and answers, {} timeline events, {} people and organisations. Data as of {}.",
        dataset.qa.len(),
        dataset.events.len(),
        dataset.people.len(),
        dataset.as_of
    ));
    out
}
