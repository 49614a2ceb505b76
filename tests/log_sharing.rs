//! Several `factdesk chat` processes share one unanswered log, as shard
//! processes do, across many rotations: no append fails, no line is broken
//! or repeated, and the kept generations hold, for every writer, all of its
//! latest records (rotation only ever drops the oldest generation).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use factdesk::unanswered::{self, generation};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
const WRITERS: usize = 8;
const RECORDS: usize = 1000;

/// Runs `WRITERS` chat processes at once, each asking `RECORDS` questions
/// the data cannot answer, against a log rotated at `max_bytes` keeping
/// `keep` generations.
fn run_writers(dir: &Path, max_bytes: u64, keep: usize) {
    let config = dir.join("factdesk.toml");
    std::fs::write(
        &config,
        format!("[unanswered]\npath = \"log.jsonl\"\nmax_bytes = {max_bytes}\nkeep = {keep}\n"),
    )
    .expect("write the config");
    let children: Vec<_> = (0..WRITERS)
        .map(|w| {
            let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
                .args(["--data", DATA, "--config"])
                .arg(&config)
                .arg("chat")
                .current_dir(dir)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("factdesk chat starts");
            let mut stdin = child.stdin.take().expect("piped stdin");
            let questions: String = (0..RECORDS)
                .map(|i| format!("zqxj vbnm qid{w}-{i}\n"))
                .collect();
            std::thread::spawn(move || {
                stdin
                    .write_all(questions.as_bytes())
                    .expect("feed the questions");
            });
            child
        })
        .collect();
    for (w, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().expect("chat finishes");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "writer {w} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let warnings: Vec<&str> = stdout.lines().filter(|l| l.contains("warning")).collect();
        assert!(
            warnings.is_empty(),
            "writer {w} could not log: {warnings:?}"
        );
    }
}

/// Returns, per writer, the record numbers found in the kept generations,
/// in log order.
fn kept(path: &Path) -> Vec<Vec<usize>> {
    let (records, problems) = unanswered::read(path).expect("the log reads");
    assert!(problems.is_empty(), "broken lines: {problems:?}");
    let mut per_writer = vec![Vec::new(); WRITERS];
    for r in records {
        let id = r.question.split(' ').find_map(|w| w.strip_prefix("qid"));
        let parsed = id.and_then(|id| {
            let (w, i) = id.split_once('-')?;
            Some((w.parse::<usize>().ok()?, i.parse::<usize>().ok()?))
        });
        let Some((w, i)) = parsed else {
            panic!("a line no writer wrote: {:?}", r.question);
        };
        per_writer[w].push(i);
    }
    per_writer
}

#[test]
fn every_line_is_kept_when_the_generations_hold_them_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    // ~16 records a file, 8,000 records: about 500 rotations, 600 kept.
    run_writers(dir.path(), 2_000, 600);
    let per_writer = kept(&dir.path().join("log.jsonl"));
    for (w, got) in per_writer.iter().enumerate() {
        let want: Vec<usize> = (0..RECORDS).collect();
        assert_eq!(got, &want, "writer {w}: every record, once, in order");
    }
    assert!(
        generation(&dir.path().join("log.jsonl"), 400).exists(),
        "the test should rotate many times"
    );
}

#[test]
fn the_kept_generations_hold_each_writers_latest_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log.jsonl");
    let (max_bytes, keep) = (2_000, 5);
    run_writers(dir.path(), max_bytes, keep);
    assert!(
        !generation(&path, keep + 1).exists(),
        "only {keep} generations are kept"
    );
    let per_writer = kept(&path);
    for (w, got) in per_writer.iter().enumerate() {
        let first = RECORDS - got.len();
        let want: Vec<usize> = (first..RECORDS).collect();
        assert_eq!(got, &want, "writer {w}: its latest records, none missing");
    }
    // A rotated generation is full: the next line would not have fitted.
    for k in 1..=keep {
        let len = std::fs::metadata(generation(&path, k)).map_or(0, |m| m.len());
        assert!(
            len > max_bytes - 400 && len <= max_bytes,
            "generation {k} has {len} bytes: rotated early or late"
        );
    }
    let total: usize = per_writer.iter().map(Vec::len).sum();
    eprintln!(
        "kept {total} of {} records in {keep} generations + the live file",
        WRITERS * RECORDS
    );
}
