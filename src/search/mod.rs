//! Matching questions to entries: normalization, terms, typo lookup, the
//! index and ranking. Pure code: no I/O, no Discord.

mod asked_typos;
pub mod index;
mod key_tallies;
pub mod normalize;
pub mod rank;
pub mod relation;
pub mod resolve;
pub mod segment;
mod shortlist;
pub mod signals;
pub mod split_words;
pub mod text;
pub mod tuning;
pub mod typo;
mod vocabulary;
pub mod word_match;

pub use index::{EntryRef, Index, Ranking, Unanswered};
pub use rank::{Candidate, Query, Scope};
pub use resolve::Resolved;
pub use signals::{Effect, Evidence, Signal, Trace};
pub use text::Steer;
pub use tuning::Tuning;
pub use word_match::WordMatch;
