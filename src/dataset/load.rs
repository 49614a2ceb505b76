//! Reading `data/*.toml`: file I/O and TOML parsing, with every error turned
//! into a located [`Problem`]. Cross-checks live in `validate`.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::model::{PeopleFile, QaFile, SourcesFile, SynonymsFile, TimelineFile};
use super::problem::{LoadError, Problem, SourceFile};
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
    let mut texts = Vec::new();
    for name in FILES {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push(Some(SourceFile::new(&path, text))),
            Err(e) => {
                unreadable.push(Problem {
                    file: path,
                    line: 0,
                    col: 0,
                    message: format!("cannot read: {e}; every dataset needs this file"),
                });
                texts.push(None);
            }
        }
    }
    if !unreadable.is_empty() {
        return Err(LoadError::Unreadable(unreadable));
    }
    let mut problems = Vec::new();
    let mut texts = texts.into_iter().flatten();
    let mut next = || texts.next().expect("one text per file was read");
    let raw = RawDataset {
        sources: parse(next(), &mut problems),
        qa: parse(next(), &mut problems),
        timeline: parse(next(), &mut problems),
        people: parse(next(), &mut problems),
        synonyms: parse(next(), &mut problems),
    };
    problems.extend(validate::check(&raw));
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    Ok(validate::build(&raw))
}

fn parse<T: DeserializeOwned>(file: SourceFile, problems: &mut Vec<Problem>) -> Option<Parsed<T>> {
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
