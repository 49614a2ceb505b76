//! The optional sentence encoder (cargo feature `semantic`): a pure-Rust
//! all-MiniLM-L6-v2 (BERT, mean pooling, L2 normalisation) that turns text
//! into a 384-dimensional unit vector, so a question phrased in words no
//! curated phrasing uses still lands near the right entry. It is one more
//! signal for ranking, never the gate: off-topic questions score as high as
//! on-topic ones on cosine alone.
//!
//! The model stays optional at run time: a model directory in the Hugging
//! Face layout (`config.json`, `tokenizer.json`, `model.safetensors`;
//! `scripts/fetch-model` makes one) named by `[semantic] model_dir`.
//!
//! ```no_run
//! use std::path::Path;
//! use factdesk::dataset::Dataset;
//! use factdesk::semantic::{Encoder, SemanticIndex};
//!
//! let sha256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
//! // Ok(None): no model directory, run lexical only.
//! let encoder = Encoder::load(Path::new("models/all-MiniLM-L6-v2"), sha256)
//!     .expect("a model that is there must load")
//!     .expect("the model is there");
//! let data = Dataset::load(Path::new("data")).expect("valid data");
//! // Embeds every phrasing once; later starts read the cache.
//! let index = SemanticIndex::build(&encoder, &data, Some(Path::new("factdesk-embeddings.bin")));
//! let question = encoder.embed("what's in it for moscow");
//! for near in index.ranked(&question).iter().take(3) {
//!     let entry = near.entry.get(&data).expect("same dataset");
//!     println!("{:.3} {}", near.cosine, entry.reference());
//! }
//! ```
//!
//! - [`Encoder::load`] checks the SHA-256 of `model.safetensors` first; a
//!   wrong hash or a broken file is a [`SemanticError`] naming the file.
//! - [`Encoder::embed`] / [`Encoder::embed_batch`]: text to unit vector
//!   (about 4 ms a question on a 2-core VM: `benches/semantic.rs`).
//! - [`SemanticIndex::build`] embeds every key of every entry
//!   ([`crate::dataset::Entry::keys`]: Q&A question and phrasings, event
//!   title and aliases, person name, aliases and roles; not the answers),
//!   with an on-disk cache keyed by model hash and text.
//! - [`SemanticIndex::ranked`] gives each entry's best cosine for a question
//!   vector, highest first; [`SemanticIndex::best`] one entry's.
//!
//! Files: `model.rs` (load and hash check), `tokenize.rs`, `safetensors.rs`
//! and `weights.rs` (reading the model), `forward.rs` (the forward pass) over
//! `kernel.rs` (few-token matrix products),
//! `cache.rs` (the embedding cache), `index.rs` (the dataset's phrasings).

mod cache;
mod error;
mod forward;
mod index;
mod kernel;
mod model;
mod safetensors;
mod tokenize;
mod weights;

pub use cache::EmbeddingCache;
pub use error::SemanticError;
pub use index::{BuildStats, EntryAt, SemanticIndex, Similar};
pub use model::{cosine, file_sha256, Encoder};
pub use tokenize::MAX_TOKENS;
