//! Problems found in the data: each names the file, line and column, says
//! what is wrong and how to fix it. Loading collects all of them.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One thing wrong with the data, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.col,
                self.message
            )
        }
    }
}

/// Why a dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A file or the directory could not be read at all.
    Unreadable(Vec<Problem>),
    /// The files were read but hold problems, all of them listed.
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// Returns every problem, whichever the kind of failure.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Unreadable(p) | LoadError::Invalid(p) => p,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems = self.problems();
        for p in problems {
            writeln!(f, "{p}")?;
        }
        match self {
            LoadError::Unreadable(_) => write!(f, "could not read the dataset"),
            LoadError::Invalid(_) => write!(
                f,
                "{} problem{} found in the dataset",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// The text of one data file, used to turn byte spans into line:col.
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            text,
        }
    }

    /// Returns a problem located at the start of `span`.
    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        let (line, col) = if span == (0..0) {
            (0, 0)
        } else {
            line_col(&self.text, span.start)
        };
        Problem {
            file: self.path.clone(),
            line,
            col,
            message: message.into(),
        }
    }

    /// Returns the 1-based line of a byte offset, for "first defined at line N".
    pub fn line_of(&self, offset: usize) -> usize {
        line_col(&self.text, offset).0
    }
}

/// Returns the 1-based (line, column) of a byte offset; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        for (offset, want) in [(0, (1, 1)), (4, (1, 5)), (6, (2, 1)), (9, (2, 3))] {
            assert_eq!(line_col(text, offset), want, "offset {offset}");
        }
    }
}
