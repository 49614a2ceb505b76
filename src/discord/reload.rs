//! Reloading the data while serving: the engine sits behind a handle that
//! is swapped, in one step after the new engine is ready, only when the
//! new dataset loads clean and shutdown has not begun (a reload given up
//! before that changes nothing); otherwise the last good one keeps
//! serving and the problems are reported.

use std::path::Path;
use std::sync::{Arc, RwLock};

use super::limits::{self, join_within};
use crate::dataset::{Dataset, LoadError};
use crate::engine::{Engine, Thresholds};

/// Reads a data folder: [`Dataset::load`], unless a test gives the bot a
/// slower one ([`super::Bot::with_loader`]).
pub type Loader = fn(&Path) -> Result<Dataset, LoadError>;

/// The engine in service, swappable while questions are being answered.
pub struct EngineHandle(RwLock<Arc<Engine>>);

impl EngineHandle {
    pub fn new(engine: Engine) -> EngineHandle {
        EngineHandle(RwLock::new(Arc::new(engine)))
    }

    /// Returns the engine in service now.
    pub fn current(&self) -> Arc<Engine> {
        let guard = self
            .0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(&guard)
    }

    fn swap(&self, engine: Engine) {
        let mut guard = self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = Arc::new(engine);
    }
}

/// How a reload went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The new data is in service: what it holds.
    Loaded(String),
    /// The new data has problems (each as file:line:col: message); the old
    /// data is still in service.
    Kept(Vec<String>),
    /// Shutdown had begun: no load was started, or the one under way was
    /// not put in service; the old data is still in service.
    GivenUp,
}

/// A reload's new engine, loaded but not in service yet, with a
/// one-line summary of its data; or the new data's problems (each as
/// file:line:col: message).
pub type Prepared = Result<(Engine, String), Vec<String>>;

/// Loads `dir` with `load` into an engine like `current` (the same
/// sentence encoder, if any, which embeds the new phrasings), without
/// putting it in service (blocking, and slow with many new phrasings:
/// call it off the async threads).
///
/// Returns the new engine and its summary, or the problems.
pub fn prepare(current: &Engine, dir: &Path, thresholds: Thresholds, load: Loader) -> Prepared {
    match load(dir) {
        Ok(dataset) => {
            let summary = summary(&dataset);
            Ok((current.renewed(dataset, thresholds), summary))
        }
        Err(e) => {
            let mut problems: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
            if problems.is_empty() {
                problems.push(e.to_string());
            }
            Err(problems)
        }
    }
}

/// Puts `prepared`'s engine in service in one swap, if the new data is
/// clean and shutdown has not begun (`shutting_down`, read once the load
/// ended); otherwise leaves the engine in service alone. It refuses, and
/// not its callers, as it is the one place where data is put in service;
/// and from shutdown's start, not only from when the drain gives reloads
/// up, so that what shutdown says (the drain's WARN, /reload's
/// [`GIVEN_UP`]: none of the new data was put in service) holds however
/// a load's end falls against the drain's, at no cost: the new data would
/// serve only the last moments, and the next start reads it anyway.
///
/// Returns what happened: [`Outcome::GivenUp`] for clean data refused;
/// problems are reported even then (they keep the next start from
/// serving).
pub fn put_in_service(handle: &EngineHandle, prepared: Prepared, shutting_down: bool) -> Outcome {
    match prepared {
        Ok(_) if shutting_down => Outcome::GivenUp,
        Ok((engine, summary)) => {
            handle.swap(engine);
            Outcome::Loaded(summary)
        }
        Err(problems) => Outcome::Kept(problems),
    }
}

/// Returns a one-line description of a dataset.
pub fn summary(dataset: &Dataset) -> String {
    format!(
        "{} Q&A, {} events, {} people and organisations from {} sources, as of {}",
        dataset.qa.len(),
        dataset.events.len(),
        dataset.people.len(),
        dataset.sources.len(),
        dataset.as_of
    )
}

/// The report to the admin whose /reload was still loading when shutdown
/// had to give it up, so that the report could still reach them.
pub const GIVEN_UP: &str = "I am shutting down, and the reload had not finished: none of the new data was put in service. \
I read the data folder again when I next start (run `factdesk check` first: data with problems keeps me from starting).";

/// Returns the report for the admin who asked, within a message's 2000
/// characters.
pub fn report(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Loaded(summary) => format!("Reloaded the data: {summary}."),
        Outcome::GivenUp => GIVEN_UP.to_string(),
        Outcome::Kept(problems) => {
            let head = format!(
                "The new data has {} problem{}, so I kept serving the previous data. Fix them and /reload again (`factdesk check` lists them too):",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            let lines: Vec<String> = problems.iter().map(|p| format!("- {p}")).collect();
            let room = limits::CONTENT.saturating_sub(limits::width(&head) + 1);
            let list = join_within(&lines, room, |n| format!("… and {n} more (see the log)"));
            limits::clip(&format!("{head}\n{list}"), limits::CONTENT)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_of_many_problems_fits_in_a_message() {
        let problems: Vec<String> = (1..=300)
            .map(|n| {
                format!("data/qa.toml:{n}:1: something is wrong with entry {n} and here is why")
            })
            .collect();
        let text = report(&Outcome::Kept(problems));
        assert!(
            limits::width(&text) <= limits::CONTENT,
            "{} chars",
            text.chars().count()
        );
        assert!(text.starts_with("The new data has 300 problems"), "{text}");
        assert!(text.contains("- data/qa.toml:1:1: "), "{text}");
        assert!(text.ends_with("more (see the log)"), "{text}");
    }

    #[test]
    fn reload_of_a_missing_folder_keeps_the_engine() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let Ok(dataset) = Dataset::load(&dir) else {
            return; // the real data is checked by its own tests
        };
        let handle = EngineHandle::new(Engine::new(dataset, Thresholds::default()));
        let before = Arc::as_ptr(&handle.current());
        let reload = |dir: &Path, shutting_down: bool| {
            let prepared = prepare(&handle.current(), dir, Thresholds::default(), Dataset::load);
            put_in_service(&handle, prepared, shutting_down)
        };
        let outcome = reload(Path::new("/nonexistent/factdesk-data"), false);
        assert!(
            matches!(outcome, Outcome::Kept(ref p) if !p.is_empty()),
            "{outcome:?}"
        );
        assert_eq!(
            Arc::as_ptr(&handle.current()),
            before,
            "the old engine stays in service"
        );
        assert_eq!(
            reload(&dir, true),
            Outcome::GivenUp,
            "clean data is not put in service once shutdown began"
        );
        assert_eq!(Arc::as_ptr(&handle.current()), before, "nor swapped");
        assert!(matches!(reload(&dir, false), Outcome::Loaded(_)));
        assert_ne!(
            Arc::as_ptr(&handle.current()),
            before,
            "a clean reload swaps the engine"
        );
    }
}
