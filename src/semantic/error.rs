//! Why the sentence encoder could not be loaded: every error names the file
//! and says how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// What to run to get a good copy of the model.
const FIX: &str = "run scripts/fetch-model to fetch a verified copy, \
                   or remove the directory to run lexical only";

/// A start-up error of the sentence encoder.
#[derive(Debug)]
pub enum SemanticError {
    /// A file of the model directory could not be read.
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// `model.safetensors` is not the file the configuration names.
    Hash {
        path: PathBuf,
        expected: String,
        found: String,
    },
    /// A file was read but its content is not what the encoder needs.
    Broken { path: PathBuf, reason: String },
}

impl SemanticError {
    pub(crate) fn read(path: &Path, error: std::io::Error) -> SemanticError {
        SemanticError::Read {
            path: path.to_path_buf(),
            error,
        }
    }

    pub(crate) fn broken(path: &Path, reason: impl Into<String>) -> SemanticError {
        SemanticError::Broken {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }

    /// Returns the file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SemanticError::Read { path, .. }
            | SemanticError::Hash { path, .. }
            | SemanticError::Broken { path, .. } => path,
        }
    }
}

impl fmt::Display for SemanticError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SemanticError::Read { path, error } => {
                write!(f, "{}: cannot read it: {error}; {FIX}", path.display())
            }
            SemanticError::Hash {
                path,
                expected,
                found,
            } => write!(
                f,
                "{}: SHA-256 is {found}, but [semantic] sha256 in the config says {expected}; \
                 the file is damaged or another model: {FIX}",
                path.display()
            ),
            SemanticError::Broken { path, reason } => {
                write!(f, "{}: {reason}; {FIX}", path.display())
            }
        }
    }
}

impl std::error::Error for SemanticError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SemanticError::Read { error, .. } => Some(error),
            _ => None,
        }
    }
}
