//! Reading `data/*.toml`: file I/O and TOML parsing, with every error turned
//! into a located [`Problem`]. Cross-checks live in `validate`.

use std::io::Read;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::model::{AskedFile, PeopleFile, QaFile, SourcesFile, SynonymsFile, TimelineFile};
use super::problem::{line_col, LoadError, Problem, SourceFile};
use super::validate;
use super::Dataset;

/// The files a dataset directory holds, in the order they are read.
pub const FILES: [&str; 5] = [
    "sources.toml",
    "qa.toml",
    "timeline.toml",
    "people.toml",
    "synonyms.toml",
];

/// The file a dataset directory may hold besides [`FILES`]: the questions
/// people asked (see [`AskedFile`]). Without it, no question was recorded.
pub const ASKED: &str = "asked.toml";

/// A file that was read and parsed, with its text for locating problems.
pub struct Parsed<T> {
    pub file: SourceFile,
    pub data: T,
}

/// The five files, each present only if it parsed.
pub struct RawDataset {
    pub sources: Option<Parsed<SourcesFile>>,
    pub qa: Option<Parsed<QaFile>>,
    pub timeline: Option<Parsed<TimelineFile>>,
    pub people: Option<Parsed<PeopleFile>>,
    pub synonyms: Option<Parsed<SynonymsFile>>,
    /// `asked.toml`, when the directory has it and it parsed.
    pub asked: Option<Parsed<AskedFile>>,
}

pub fn load(dir: &Path) -> Result<Dataset, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::Unreadable(vec![Problem {
            file: dir.to_path_buf(),
            line: 0,
            col: 0,
            message: "not a directory: pass the folder that holds sources.toml, qa.toml, \
                      timeline.toml, people.toml and synonyms.toml (--data DIR)"
                .to_string(),
        }]));
    }
    let mut unreadable = Vec::new();
    let mut problems = Vec::new();
    // The text of the file at `path`; a problem with it is recorded.
    let mut text_of = |path: &Path| match read(path) {
        Ok(Ok(text)) => Some(SourceFile::new(path, text)),
        Ok(Err(not_utf8)) => {
            problems.push(not_utf8);
            None
        }
        Err(e) => {
            unreadable.push(e);
            None
        }
    };
    let texts: Vec<Option<SourceFile>> =
        FILES.iter().map(|name| text_of(&dir.join(name))).collect();
    let asked_path = dir.join(ASKED);
    let asked_text = if asked_path.exists() {
        text_of(&asked_path)
    } else {
        None
    };
    if !unreadable.is_empty() {
        return Err(LoadError::Unreadable(unreadable));
    }
    let mut texts = texts.into_iter();
    let mut next = || texts.next().flatten();
    let raw = RawDataset {
        sources: parse(next(), &mut problems),
        qa: parse(next(), &mut problems),
        timeline: parse(next(), &mut problems),
        people: parse(next(), &mut problems),
        synonyms: parse(next(), &mut problems),
        asked: parse(asked_text, &mut problems),
    };
    problems.extend(validate::check(&raw));
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    Ok(validate::build(&raw))
}

/// The largest data file read, in bytes: the real files are under 100 KB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads one data file: a regular file (not a FIFO, device or directory,
/// which could block or never end) of at most [`MAX_FILE_BYTES`].
///
/// Returns the text, or a problem at the first byte that is not UTF-8
/// (the inner error); the outer error is a file that cannot be read.
fn read(path: &Path) -> Result<Result<String, Problem>, Problem> {
    let whole = |message: String| Problem {
        file: path.to_path_buf(),
        line: 0,
        col: 0,
        message,
    };
    // Checked before opening: opening a FIFO would block.
    let meta = std::fs::metadata(path)
        .map_err(|e| whole(format!("cannot read: {e}; every dataset needs this file")))?;
    if !meta.is_file() {
        return Err(whole(
            "not a regular file (a directory, FIFO or device): put the data file itself here"
                .to_string(),
        ));
    }
    let too_big = |len: u64| {
        whole(format!(
            "too big: {len} bytes, the limit is {MAX_FILE_BYTES}; is this the right file?"
        ))
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| whole(format!("cannot read: {e}")))?;
    // Bounded even if the file was swapped or grows while being read.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| whole(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = String::from_utf8_lossy(&bytes[..good]);
        let (line, col) = line_col(&before, good);
        Problem {
            file: path.to_path_buf(),
            line,
            col,
            message: format!(
                "not valid UTF-8 (byte 0x{:02x}): save the file as UTF-8",
                bytes[good]
            ),
        }
    }))
}

fn parse<T: DeserializeOwned>(
    file: Option<SourceFile>,
    problems: &mut Vec<Problem>,
) -> Option<Parsed<T>> {
    let file = file?;
    match toml::from_str::<T>(&file.text) {
        Ok(data) => Some(Parsed { file, data }),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let span = if span == (0..0) { 0..1 } else { span };
            problems.push(file.problem(span, toml_message(e.message())));
            None
        }
    }
}

/// Returns toml's message with a hint on how to fix the common cases.
fn toml_message(message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    let message = message.as_str();
    let hint = if message.starts_with("unknown field") {
        "; check the spelling of the key (the comment at the top of the file lists the keys)"
    } else if message.starts_with("missing field") {
        "; add it to this entry"
    } else if message.contains("invalid type") {
        "; check the quotes and brackets of this value"
    } else {
        ""
    };
    format!("{message}{hint}")
}
