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

/// The commands, one line each; the same text serves the console and Discord.
pub const HELP: &str = "\
I answer questions about Russia's recognition of the Taliban government of Afghanistan (July 2025), its background since 1979 and the reactions, citing my sources.
/ask <question> — ask anything, e.g. /ask why did russia do this?
/when <event> — when something happened, e.g. /when recognition
/who <name or role> — who someone is, e.g. /who ambassador
/timeline — every dated event, oldest first
/sources — the articles my answers come from
/help — this help";
