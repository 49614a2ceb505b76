//! factdesk answers questions about Russia's recognition of the Taliban
//! government of Afghanistan (3 July 2025) from a curated, cited dataset.
//!
//! The core is pure: load a [`dataset::Dataset`], build an [`Engine`], ask.
//!
//! ```no_run
//! use factdesk::{dataset::Dataset, Engine, Thresholds, search::Scope};
//! let data = Dataset::load(std::path::Path::new("data")).expect("valid data");
//! let engine = Engine::new(data, Thresholds::default());
//! let reply = engine.reply(Scope::Timeline, "recognition");
//! println!("{}", reply.text());
//! ```

pub mod answer;
pub mod command;
pub mod config;
pub mod console;
pub mod dataset;
pub mod decision;
#[cfg(feature = "discord")]
pub mod discord;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod export;
pub mod lines;
pub mod listing;
pub mod review;
pub mod search;
#[cfg(feature = "semantic")]
pub mod semantic;
pub mod setup;
pub mod unanswered;

pub use answer::{Reply, Status};
pub use engine::{Engine, Thresholds};
