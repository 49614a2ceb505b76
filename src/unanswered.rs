//! The curator's log: every question factdesk could not answer, or answered
//! only with suggestions, and every "Not helpful" press, appended as JSON
//! Lines to a local file. Appends are serialized and each record is one
//! write, so concurrent tasks never interleave lines; the file is rotated at
//! a configured size; reading skips (and reports) broken lines.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::answer::{Reply, Status};
use crate::engine::Engine;
use crate::search::Scope;

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
    /// `kind:id`.
    pub entry: String,
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
    pub given: Option<String>,
    /// Only when the config turns on storing users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
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
        if reply.status == Status::Answered {
            return None;
        }
        Some(Record {
            time: now_utc(),
            question: reply.query.clone(),
            status: reply.status.as_str().to_string(),
            channel,
            candidates: top_candidates(engine, scope, &reply.query),
            given: None,
            user: None,
        })
    }

    /// Returns a "Not helpful" record: `given` (`kind:id`) was a miss for
    /// `question`, asked with the command of `scope`.
    pub fn not_helpful(
        engine: &Engine,
        scope: Scope,
        question: &str,
        given: &str,
        channel: Channel,
    ) -> Record {
        Record {
            time: now_utc(),
            question: question.to_string(),
            status: "not_helpful".to_string(),
            channel,
            candidates: top_candidates(engine, scope, question),
            given: Some(given.to_string()),
            user: None,
        }
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

/// An append-only JSON Lines log, safe to share between tasks.
#[derive(Debug)]
pub struct Log {
    path: PathBuf,
    max_bytes: u64,
    lock: Mutex<()>,
}

impl Log {
    /// Returns a log appending to `path`, rotated to `<path>.1` once it
    /// reaches `max_bytes` (0: never).
    pub fn new(path: impl Into<PathBuf>, max_bytes: u64) -> Log {
        Log {
            path: path.into(),
            max_bytes,
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record as one line.
    ///
    /// Returns an error naming the file if it cannot be written.
    pub fn append(&self, record: &Record) -> Result<(), String> {
        let mut line = serde_json::to_string(record).map_err(|e| e.to_string())?;
        line.push('\n');
        // A poisoned lock only means another append panicked; the file is fine.
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let fail = |e: std::io::Error| {
            format!(
                "{}: cannot write the unanswered log: {e}",
                self.path.display()
            )
        };
        if self.max_bytes > 0 {
            let len = std::fs::metadata(&self.path).map_or(0, |m| m.len());
            if len > 0 && len + line.len() as u64 > self.max_bytes {
                std::fs::rename(&self.path, rotated(&self.path)).map_err(fail)?;
            }
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(fail)?;
        file.write_all(line.as_bytes()).map_err(fail)
    }
}

/// Returns the path a full log is rotated to: `<path>.1`.
pub fn rotated(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".1");
    PathBuf::from(name)
}

/// Reads a log (and its rotated predecessor, oldest first).
///
/// Returns the records and a message for each line that could not be read
/// (`file:line: reason`); a broken line never stops the rest.
pub fn read(path: &Path) -> Result<(Vec<Record>, Vec<String>), String> {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let old = rotated(path);
    let mut any = false;
    for file in [old.as_path(), path] {
        let text = match std::fs::read(file) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: {e}", file.display())),
        };
        any = true;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(line) {
                Ok(r) => records.push(r),
                Err(e) => problems.push(format!(
                    "{}:{}: skipped a broken line ({e})",
                    file.display(),
                    i + 1
                )),
            }
        }
    }
    if !any {
        return Err(format!(
            "{}: no log yet; factdesk writes it when `serve` or `chat` meets a question it cannot answer",
            path.display()
        ));
    }
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
