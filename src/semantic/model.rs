//! The sentence encoder: a model directory in the Hugging Face layout
//! (`config.json`, `tokenizer.json`, `model.safetensors`), checked against
//! its SHA-256 and loaded once; then text in, unit vector out.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::tokenize::WordPieces;
use super::weights::{Dims, Weights};
use super::{forward, SemanticError};

/// Sentences embedded together: enough rows for the matrix products to run
/// at full speed, few enough to keep the working memory small.
const BATCH_TOKENS: usize = 2048;

/// A loaded sentence encoder (all-MiniLM-L6-v2 or another BERT model with
/// mean pooling).
pub struct Encoder {
    weights: Weights,
    words: WordPieces,
    sha256: String,
}

impl Encoder {
    /// Loads the model in `model_dir` after checking that the SHA-256 of its
    /// `model.safetensors` is `sha256` (hex, either case).
    ///
    /// Returns `Ok(None)` when `model_dir` does not exist (factdesk then runs
    /// lexical only), and an error naming the file when a file is missing,
    /// broken or not the expected one.
    pub fn load(model_dir: &Path, sha256: &str) -> Result<Option<Encoder>, SemanticError> {
        if !model_dir.exists() {
            return Ok(None);
        }
        let weights_path = model_dir.join("model.safetensors");
        let found = file_sha256(&weights_path)?;
        let expected = sha256.trim().to_ascii_lowercase();
        if found != expected {
            return Err(SemanticError::Hash {
                path: weights_path,
                expected,
                found,
            });
        }
        let dims = Dims::load(&model_dir.join("config.json"))?;
        let words = WordPieces::load(&model_dir.join("tokenizer.json"), dims.vocab_size)?;
        let weights = Weights::load(&weights_path, dims)?;
        Ok(Some(Encoder {
            weights,
            words,
            sha256: found,
        }))
    }

    /// Returns the unit-length embedding of `text`.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let ids = self.ids(text);
        forward::embed(&self.weights, std::slice::from_ref(&ids))
            .pop()
            .unwrap_or_default()
    }

    /// Returns the unit-length embeddings of `texts`, in order: the same
    /// vectors as [`Encoder::embed`] one at a time, computed in batches.
    pub fn embed_batch(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let mut out = Vec::with_capacity(texts.len());
        let mut batch = Vec::new();
        let mut tokens = 0;
        for text in texts {
            let ids = self.ids(text);
            if tokens + ids.len() > BATCH_TOKENS && !batch.is_empty() {
                out.extend(forward::embed(&self.weights, &batch));
                batch.clear();
                tokens = 0;
            }
            tokens += ids.len();
            batch.push(ids);
        }
        if !batch.is_empty() {
            out.extend(forward::embed(&self.weights, &batch));
        }
        out
    }

    /// Returns the length of every embedding (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.weights.dims.hidden_size
    }

    /// Returns the SHA-256 of the weights, lower-case hex: the key of the
    /// embedding cache.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Returns `text`'s token ids, cut to what the position table holds; an
    /// id outside the vocabulary (the tokenizer was checked to produce none)
    /// becomes 0 rather than an out-of-bounds read.
    fn ids(&self, text: &str) -> Vec<u32> {
        let d = self.weights.dims;
        let mut ids = self.words.ids(text);
        ids.truncate(d.max_position_embeddings);
        for id in &mut ids {
            if *id as usize >= d.vocab_size {
                *id = 0;
            }
        }
        ids
    }
}

/// Returns the SHA-256 of the file at `path`, lower-case hex.
pub fn file_sha256(path: &Path) -> Result<String, SemanticError> {
    let mut file = std::fs::File::open(path).map_err(|e| SemanticError::read(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| SemanticError::read(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Returns the cosine of two unit vectors (their dot product).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    forward::dot(a, b)
}
