//! Text to word-piece ids with the model's own `tokenizer.json` (BERT
//! normalisation, lower-casing, WordPiece), through Hugging Face's
//! `tokenizers` crate so the ids are exactly the ones the model was trained on.

use std::path::Path;

use tokenizers::{Tokenizer, TruncationParams};

use super::SemanticError;

/// sentence-transformers' `max_seq_length` for all-MiniLM-L6-v2.
pub const MAX_TOKENS: usize = 256;

/// A loaded `tokenizer.json`, set to one unpadded sentence at a time.
pub struct WordPieces {
    tokenizer: Tokenizer,
}

impl WordPieces {
    /// Reads `path` and checks that its ids fit a vocabulary of `vocab_size`.
    pub fn load(path: &Path, vocab_size: usize) -> Result<WordPieces, SemanticError> {
        if !path.is_file() {
            return Err(SemanticError::read(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "file not found"),
            ));
        }
        let broken = |reason: String| SemanticError::broken(path, reason);
        let mut tokenizer =
            Tokenizer::from_file(path).map_err(|e| broken(format!("not a tokenizer.json: {e}")))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| broken(format!("cannot set truncation: {e}")))?;
        let size = tokenizer.get_vocab_size(true);
        if size > vocab_size {
            return Err(broken(format!(
                "{size} tokens, but config.json's vocab_size is {vocab_size}: \
                 the tokenizer belongs to another model"
            )));
        }
        let pieces = WordPieces { tokenizer };
        if pieces.ids("a").len() < 3 {
            return Err(broken("it adds no [CLS]/[SEP] around a sentence".into()));
        }
        Ok(pieces)
    }

    /// Returns the ids of `text` with `[CLS]` and `[SEP]` around them,
    /// truncated to [`MAX_TOKENS`].
    ///
    /// A text the tokenizer rejects (it should reject none) is logged and
    /// encoded as the empty sentence.
    pub fn ids(&self, text: &str) -> Vec<u32> {
        match self.tokenizer.encode_fast(text, true) {
            Ok(encoding) => encoding.get_ids().to_vec(),
            Err(e) => {
                tracing::warn!("tokenizer rejected {text:?}: {e}; encoding it as empty");
                self.tokenizer
                    .encode_fast("", true)
                    .map(|e| e.get_ids().to_vec())
                    .unwrap_or_default()
            }
        }
    }
}
