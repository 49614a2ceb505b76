//! The curator's log: every question factdesk could not answer, or answered
//! only with suggestions, and every "Not helpful" press, appended as JSON
//! Lines to a local file that several processes (shards) may share.
//!
//! Each append takes an exclusive lock on `<path>.lock` (a file lock, so it
//! holds across processes), rotates when the file would pass `max_bytes`
//! (`<path>` -> `<path>.1` -> ... -> `<path>.<keep>`, the oldest dropped)
//! and writes the record as one line. Reading streams the generations
//! oldest first with bounded memory and skips (and reports) broken lines.
//! A question over [`MAX_LOGGED_CHARS`] is logged cut and marked.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::answer::{Reply, Status};
use crate::dataset::Reference;
use crate::engine::Engine;
use crate::lines::Lines;
use crate::search::Scope;

/// The longest question the log keeps; a longer one is cut to this and its
/// record marked with its full length.
pub const MAX_LOGGED_CHARS: usize = crate::search::normalize::MAX_CHARS;
/// The longest line `read` parses; a longer one is skipped and reported.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Rotated generations kept by default.
pub const DEFAULT_KEEP: usize = 5;

/// Where a question came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Slash,
    Mention,
    Watched,
    Console,
}

/// A candidate entry and its score, as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub entry: Reference,
    pub score: f32,
}

/// One logged question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub time: String,
    pub question: String,
    /// `no_match`, `suggest`, or `not_helpful` for a "Not helpful" press.
    pub status: String,
    pub channel: Channel,
    /// The top candidates with their scores.
    #[serde(default)]
    pub candidates: Vec<Scored>,
    /// For `not_helpful`: the entry that was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<Reference>,
    /// Only when the config turns on storing users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// When the question was cut to [`MAX_LOGGED_CHARS`]: its full length
    /// in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<usize>,
}

impl Record {
    /// Returns a record of an unanswered or suggest reply, with the top
    /// candidates the engine had for it; `None` for an answered reply.
    pub fn of_reply(
        engine: &Engine,
        scope: Scope,
        reply: &Reply,
        channel: Channel,
    ) -> Option<Record> {
        if reply.status() == Status::Answered {
            return None;
        }
        let (question, truncated) = clip(reply.query());
        Some(Record {
            time: now_utc(),
            question,
            status: reply.status().as_str().to_string(),
            channel,
            candidates: top_candidates(engine, scope, reply.query()),
            given: None,
            user: None,
            truncated,
        })
    }

    /// Returns a "Not helpful" record: `given` (`kind:id`) was a miss for
    /// `question`, asked with the command of `scope`.
    pub fn not_helpful(
        engine: &Engine,
        scope: Scope,
        question: &str,
        given: &Reference,
        channel: Channel,
    ) -> Record {
        let (clipped, truncated) = clip(question);
        Record {
            time: now_utc(),
            question: clipped,
            status: "not_helpful".to_string(),
            channel,
            candidates: top_candidates(engine, scope, question),
            given: Some(given.clone()),
            user: None,
            truncated,
        }
    }

    /// Returns the record with its question cut to [`MAX_LOGGED_CHARS`]
    /// (and marked) if it is longer.
    pub fn clipped(mut self) -> Record {
        if let (question, Some(full)) = clip(&self.question) {
            self.question = question;
            self.truncated = Some(self.truncated.unwrap_or(0).max(full));
        }
        self
    }
}

/// Returns `question` cut to [`MAX_LOGGED_CHARS`] characters, and its full
/// length when it was cut.
fn clip(question: &str) -> (String, Option<usize>) {
    match question.char_indices().nth(MAX_LOGGED_CHARS) {
        None => (question.to_string(), None),
        Some((at, _)) => (question[..at].to_string(), Some(question.chars().count())),
    }
}

fn top_candidates(engine: &Engine, scope: Scope, question: &str) -> Vec<Scored> {
    engine
        .candidates(scope, question, 3)
        .iter()
        .map(|c| Scored {
            entry: c.entry.get(engine.dataset()).reference(),
            score: (c.score.min(1.0) * 1000.0).round() / 1000.0,
        })
        .collect()
}

/// An append-only JSON Lines log, safe to share between tasks and between
/// processes.
#[derive(Debug)]
pub struct Log {
    path: PathBuf,
    max_bytes: u64,
    keep: usize,
    lock: Mutex<()>,
}

impl Log {
    /// Returns a log appending to `path`, rotated once it reaches
    /// `max_bytes` (0: never), keeping [`DEFAULT_KEEP`] rotated generations.
    pub fn new(path: impl Into<PathBuf>, max_bytes: u64) -> Log {
        Log {
            path: path.into(),
            max_bytes,
            keep: DEFAULT_KEEP,
            lock: Mutex::new(()),
        }
    }

    /// Returns the log keeping `keep` rotated generations (`<path>.1` to
    /// `<path>.<keep>`); 0 keeps none: a full log is started afresh.
    pub fn keeping(mut self, keep: usize) -> Log {
        self.keep = keep;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line (its question cut if over
    /// [`MAX_LOGGED_CHARS`]).
    ///
    /// Returns an error naming the file if it cannot be written.
    pub fn append(&self, record: &Record) -> Result<(), String> {
        let record = if record.question.len() > MAX_LOGGED_CHARS {
            &record.clone().clipped()
        } else {
            record
        };
        let mut line = serde_json::to_string(record).map_err(|e| e.to_string())?;
        line.push('\n');
        let fail = |path: &Path, e: std::io::Error| {
            format!("{}: cannot write the unanswered log: {e}", path.display())
        };
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        }
        // A poisoned lock only means another append panicked; the file is fine.
        let _inner = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let _outer = lock_file(&self.path)?;
        if self.max_bytes > 0 {
            let len = match std::fs::symlink_metadata(&self.path) {
                Ok(m) if !m.is_file() => return Err(not_a_file(&self.path)),
                Ok(m) => m.len(),
                Err(_) => 0,
            };
            if len > 0 && len + line.len() as u64 > self.max_bytes {
                self.rotate()?;
            }
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| fail(&self.path, e))?;
        file.write_all(line.as_bytes())
            .map_err(|e| fail(&self.path, e))
    }

    /// Shifts every generation one up, dropping the oldest, and moves the
    /// live file to `<path>.1` (or removes it when none are kept). Called
    /// with the lock held.
    fn rotate(&self) -> Result<(), String> {
        let fail = |path: &Path, e: std::io::Error| {
            format!("{}: cannot rotate the unanswered log: {e}", path.display())
        };
        if self.keep == 0 {
            return std::fs::remove_file(&self.path).map_err(|e| fail(&self.path, e));
        }
        for k in (1..=self.keep).rev() {
            let from = if k == 1 {
                self.path.clone()
            } else {
                generation(&self.path, k - 1)
            };
            let to = generation(&self.path, k);
            match std::fs::symlink_metadata(&from) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(fail(&from, e)),
                Ok(m) if !m.is_file() => return Err(not_a_file(&from)),
                Ok(_) => {}
            }
            if std::fs::symlink_metadata(&to).is_ok_and(|m| !m.is_file()) {
                return Err(not_a_file(&to));
            }
            std::fs::rename(&from, &to).map_err(|e| fail(&from, e))?;
        }
        Ok(())
    }
}

/// Returns the error for something other than a plain file where a log
/// generation belongs: it is never renamed or removed.
fn not_a_file(path: &Path) -> String {
    format!(
        "{}: is not a regular file; the unanswered log will not move or replace it: \
         set [unanswered] path to a file name",
        path.display()
    )
}

/// Returns the open, exclusively locked `<path>.lock`; the lock lasts until
/// the file is dropped. The lock file itself is never rotated.
fn lock_file(path: &Path) -> Result<File, String> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let fail = |e: std::io::Error| {
        format!(
            "{}: cannot lock the unanswered log: {e}",
            lock_path.display()
        )
    };
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(fail)?;
    file.lock().map_err(fail)?;
    Ok(file)
}

/// Returns the path of rotated generation `k` (1 is the newest): `<path>.k`.
pub fn generation(path: &Path, k: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{k}"));
    PathBuf::from(name)
}

/// Returns the path a full log is rotated to first: `<path>.1`.
pub fn rotated(path: &Path) -> PathBuf {
    generation(path, 1)
}

/// The most rotated generations `read` looks for.
const MAX_GENERATIONS: usize = 1000;

/// Calls `each` with every record of the log and its rotated generations,
/// oldest first, and `skipped` with a `file:line: reason` message for each
/// line that could not be read; a broken line never stops the rest. Memory
/// stays bounded: one line (at most [`MAX_LINE_BYTES`]) at a time.
///
/// The files are opened together under the log's lock, so a rotation by a
/// writer meanwhile neither hides nor repeats a generation.
///
/// Returns an error when there is no log at all or a file cannot be read.
pub fn stream(
    path: &Path,
    mut each: impl FnMut(Record),
    mut skipped: impl FnMut(String),
) -> Result<(), String> {
    let files = open_generations(path)?;
    if files.is_empty() {
        return Err(format!(
            "{}: no log yet; factdesk writes it when `serve` or `chat` meets a question it cannot answer",
            path.display()
        ));
    }
    for (name, file) in files {
        let mut lines = Lines::new(BufReader::new(file), MAX_LINE_BYTES);
        while let Some((n, line)) = lines
            .next_line()
            .map_err(|e| format!("{}: {e}", name.display()))?
        {
            let record = line.map_err(|e| e.to_string()).and_then(|l| {
                if l.trim().is_empty() {
                    return Ok(None);
                }
                serde_json::from_str::<Record>(&l)
                    .map(Some)
                    .map_err(|e| e.to_string())
            });
            match record {
                Ok(Some(r)) => each(r.clipped()),
                Ok(None) => {}
                Err(e) => skipped(format!(
                    "{}:{n}: skipped a broken line ({e})",
                    name.display()
                )),
            }
        }
    }
    Ok(())
}

/// Returns the existing generations, oldest first, each opened.
fn open_generations(path: &Path) -> Result<Vec<(PathBuf, File)>, String> {
    // Best effort: a reader that cannot lock (a read-only directory) still reads.
    let _lock = path.exists().then(|| lock_file(path).ok());
    let mut names = vec![path.to_path_buf()];
    names.extend(
        (1..=MAX_GENERATIONS)
            .map(|k| generation(path, k))
            .take_while(|p| p.exists()),
    );
    let mut files = Vec::new();
    for name in names.into_iter().rev() {
        match File::open(&name) {
            Ok(file) => {
                if !file.metadata().is_ok_and(|m| m.is_file()) {
                    return Err(not_a_file(&name));
                }
                files.push((name, file));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: {e}", name.display())),
        }
    }
    Ok(files)
}

/// Reads the whole log (every generation, oldest first) into memory; see
/// [`stream`] for large logs.
///
/// Returns the records and a message for each line that could not be read
/// (`file:line: reason`).
pub fn read(path: &Path) -> Result<(Vec<Record>, Vec<String>), String> {
    let (mut records, mut problems) = (Vec::new(), Vec::new());
    stream(path, |r| records.push(r), |p| problems.push(p))?;
    Ok((records, problems))
}

/// Returns the current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

/// Returns a Unix time as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian).
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        let rows = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_751_500_800, "2025-07-03T00:00:00Z"),
            (1_751_545_599, "2025-07-03T12:26:39Z"),
        ];
        for (secs, want) in rows {
            assert_eq!(format_utc(secs), want, "format_utc({secs})");
        }
    }
}
