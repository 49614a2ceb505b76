//! Matching questions to entries: normalization, terms, typo lookup, the
//! index and ranking. Pure code: no I/O, no Discord.

pub mod index;
pub mod normalize;
pub mod rank;
pub mod relation;
pub mod text;
pub mod typo;

pub use index::{EntryRef, Index, Tuning};
pub use rank::{Candidate, Query, Resolved, Scope};
pub use text::Steer;
