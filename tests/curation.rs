//! The curator's loop: the unanswered log (concurrent appends, broken
//! lines, rotation), `factdesk review` grouping, the console's log and
//! /feedback, and pinned "why this answer" explanations.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use factdesk::dataset::Dataset;
use factdesk::explain::{explain, Explanation, WordMatch};
use factdesk::review;
use factdesk::search::Scope;
use factdesk::unanswered::{self, Channel, Log, Record};
use factdesk::{Engine, Thresholds};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn engine(dir: &str) -> Engine {
    let data = Dataset::load(&root().join(dir)).expect("dataset loads");
    Engine::new(data, Thresholds::default())
}

fn record(question: &str) -> Record {
    Record {
        time: "2026-01-02T03:04:05Z".to_string(),
        question: question.to_string(),
        status: "no_match".to_string(),
        channel: Channel::Slash,
        candidates: Vec::new(),
        given: None,
        user: None,
        truncated: None,
    }
}

#[test]
fn concurrent_appends_lose_no_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = Arc::new(Log::new(dir.path().join("log.jsonl"), 0));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for i in 0..250 {
                    let long = "x".repeat(i * 7 % 3000);
                    log.append(&record(&format!("thread {t} question {i} {long}")))
                        .expect("append");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let (records, problems) = unanswered::read(log.path()).expect("read");
    assert!(problems.is_empty(), "no line may be torn: {problems:?}");
    assert_eq!(
        records.len(),
        8 * 250,
        "every append must land exactly once"
    );
    for t in 0..8 {
        for i in 0..250 {
            let prefix = format!("thread {t} question {i} ");
            assert!(
                records.iter().any(|r| r.question.starts_with(&prefix)),
                "lost {prefix:?}"
            );
        }
    }
}

#[test]
fn broken_lines_are_skipped_and_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log.jsonl");
    let good = serde_json::to_string(&record("who is the envoy")).expect("json");
    let text = format!(
        "{good}\n{{\"time\":\"2026-01-02\",\"quest\n\u{fffd}\u{0}garbage\n{good}\n{}",
        &good[..good.len() / 2]
    );
    std::fs::write(&path, text).expect("write");
    let (records, problems) = unanswered::read(&path).expect("read");
    assert_eq!(records.len(), 2, "the two good lines are read");
    let lines: Vec<&str> = problems
        .iter()
        .map(|p| p.rsplit_once(".jsonl:").map_or("", |x| x.1))
        .collect();
    assert_eq!(
        problems.len(),
        3,
        "each broken line is reported: {problems:?}"
    );
    for (got, want) in lines.iter().zip(["2:", "3:", "5:"]) {
        assert!(
            got.starts_with(want),
            "problems should name lines 2, 3 and 5: {problems:?}"
        );
    }
}

#[test]
fn the_log_rotates_at_its_size_and_review_reads_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log.jsonl");
    let log = Log::new(&path, 600);
    for i in 0..10 {
        log.append(&record(&format!("question number {i}")))
            .expect("append");
    }
    let size = std::fs::metadata(&path).expect("log").len();
    assert!(
        size <= 600,
        "the live file stays under max_bytes, is {size}"
    );
    assert!(
        unanswered::rotated(&path).exists(),
        "the full file moved to <path>.1"
    );
    let (records, _) = unanswered::read(&path).expect("read");
    let newest = records.last().map(|r| r.question.as_str());
    assert_eq!(
        newest,
        Some("question number 9"),
        "reading goes oldest first, newest last"
    );
}

#[test]
fn review_groups_paraphrases_and_keeps_unrelated_apart() {
    let engine = engine("data");
    let questions = [
        "who is the russian ambassador to the us",
        "who is russia's ambassador to the USA?",
        "russian ambassador in america",
        "what is the weather in kabul",
        "weather in kabul today?",
        "best pizza in moscow",
        "who is the russian ambassador to the us",
    ];
    let records: Vec<Record> = questions.iter().map(|q| record(q)).collect();
    let groups = review::group(&engine, &records, None);
    let find = |q: &str| {
        groups
            .iter()
            .position(|g| g.questions.iter().any(|x| x == q))
            .expect("grouped")
    };
    let rows = [
        (
            "who is the russian ambassador to the us",
            "who is russia's ambassador to the USA?",
            true,
        ),
        (
            "who is the russian ambassador to the us",
            "russian ambassador in america",
            true,
        ),
        (
            "what is the weather in kabul",
            "weather in kabul today?",
            true,
        ),
        (
            "what is the weather in kabul",
            "best pizza in moscow",
            false,
        ),
        (
            "best pizza in moscow",
            "who is the russian ambassador to the us",
            false,
        ),
    ];
    for (a, b, together) in rows {
        assert_eq!(
            find(a) == find(b),
            together,
            "{a:?} and {b:?} together: {together}\n{}",
            review::text(&groups)
        );
    }
    assert_eq!(
        groups[0].count,
        4,
        "the most frequent group comes first:\n{}",
        review::text(&groups)
    );
    assert!(
        groups[0].nearest.is_some(),
        "each group names its nearest entry"
    );
    let since = review::group(&engine, &records, Some("2027-01-01"));
    assert!(since.is_empty(), "--since drops older questions");
}

#[test]
fn explanations_are_pinned() {
    let engine = engine("tests/fixtures/base");
    let why = explain(&engine, Scope::All, "who recognised the talibn first?");
    let best = why.best.as_ref().expect("a match");
    assert_eq!(best.reference, "qa:first-to-recognise");
    assert_eq!(best.phrasing, "who recognised the taliban first");
    assert_eq!(
        why.words,
        [
            WordMatch::Exact("recognized".into()),
            WordMatch::Typo("talibn".into(), "taliban".into()),
            WordMatch::Exact("first".into()),
        ]
    );
    assert_eq!(
        why.runner_up
            .as_ref()
            .map(|r| r.reference.to_string())
            .as_deref(),
        Some("event:recognition")
    );

    let why = explain(&engine, Scope::People, "the envoys");
    assert_eq!(
        why.best
            .as_ref()
            .map(|b| b.reference.to_string())
            .as_deref(),
        Some("person:gul-hassan-hassan")
    );
    assert_eq!(
        why.words,
        [WordMatch::Synonym("envoys".into(), "ambassador".into())]
    );

    let why = explain(
        &engine,
        Scope::All,
        "why did russia recognise them, the reasons",
    );
    assert_eq!(
        why.best
            .as_ref()
            .map(|b| b.reference.to_string())
            .as_deref(),
        Some("qa:why-russia")
    );
    assert!(
        why.words.contains(&WordMatch::Elsewhere("reasons".into())),
        "{:?}",
        why.words
    );
    let text = why.text();
    for line in [
        "Matched qa:why-russia via the phrasing \"Why did Russia recognise the Taliban?\"",
        "words found elsewhere in the entry: reasons",
        "Runner-up: ",
    ] {
        assert!(
            text.contains(line),
            "explanation should contain {line:?}:\n{text}"
        );
    }

    let why = explain(&engine, Scope::All, "first country recognizing taliban");
    assert!(
        why.words
            .contains(&WordMatch::Stem("recognizing".into(), "recognize".into())),
        "{:?}",
        why.words
    );

    // A typo inside a synonym phrase is corrected before the phrase forms.
    let why = explain(&engine, Scope::Timeline, "when did the soveit union invade");
    assert_eq!(
        why.best
            .as_ref()
            .map(|b| b.reference.to_string())
            .as_deref(),
        Some("event:soviet-invasion")
    );
    assert!(
        why.words.contains(&WordMatch::Typo(
            "soveit union".into(),
            "soviet union".into()
        )),
        "{:?}",
        why.words
    );

    // Found only through its answer: shown by its first phrasing, no panic.
    let why = explain(&engine, Scope::People, "welcomed");
    assert_eq!(
        why.best.as_ref().map(|b| b.phrasing.as_str()),
        Some("Amir Khan Muttaqi")
    );
    assert_eq!(why.words, [WordMatch::Elsewhere("welcomed".into())]);

    // The penalties that decided show, for the best match and the runner-up.
    let why = explain(&engine, Scope::All, "who is russia's ambassador in kabul");
    let text = why.text();
    for line in [
        "Matched person:gul-hassan-hassan via the phrasing \"ambassador\"",
        "  signals: phrasing coverage +0.23, entry coverage +0.10, answer coverage +0.03, \
         unmentioned place x0.60, relation conflict x0.50",
        "steer x0.90).",
    ] {
        assert!(
            text.contains(line),
            "explanation should contain {line:?}:\n{text}"
        );
    }

    // A phrasing asking "why" matched by a yes/no question: the
    // question-form penalty shows on the runner-up.
    let why = explain(&engine, Scope::All, "did russia recognise the taliban");
    let text = why.text();
    for line in [
        "Matched event:recognition via the phrasing \"Russia recognises the Taliban\"",
        "Runner-up: qa:why-russia via \"Why did Russia recognise the Taliban?\"",
        "question form x0.70).",
    ] {
        assert!(
            text.contains(line),
            "explanation should contain {line:?}:\n{text}"
        );
    }

    // A long message: the part matched and the decision show.
    let why = explain(
        &engine,
        Scope::All,
        "ok so my uncle was watching the news last night and he kept saying \
         russia recognized the taliban first, is that even true",
    );
    let text = why.text();
    assert!(
        why.part.is_some(),
        "a chatty message is matched by a part:\n{text}"
    );
    for line in ["Matched the part ", "  decision: "] {
        assert!(
            text.contains(line),
            "explanation should contain {line:?}:\n{text}"
        );
    }

    let why = explain(&engine, Scope::All, "zzz qqq");
    assert_eq!(why.text(), "No entry shares a word with \"zzz qqq\".");
}

/// Returns the explanation of `question` asked in `scope`, having checked
/// that it matched `best` and that its text holds each of `parts`.
fn explains(scope: Scope, question: &str, best: &str, parts: &[&str]) -> Explanation {
    let why = explain(&engine("data"), scope, question);
    let text = why.text();
    assert_eq!(
        why.best
            .as_ref()
            .map(|b| b.reference.to_string())
            .as_deref(),
        Some(best),
        "{text}"
    );
    for part in parts {
        assert!(
            text.contains(part),
            "explanation should contain {part:?}:\n{text}"
        );
    }
    why
}

/// The deed signal names, in "Why?", the entry that named the doer.
#[test]
fn a_deed_explains_who_named_the_doer() {
    let why = explains(
        Scope::People,
        "lifted sanctions on the taliban",
        "person:russia",
        &[
            "deed +",
            "  deed: qa:sanctions-lifted, the best match for what the question says was done, names it",
        ],
    );
    // The Taliban, whom the question names, gain nothing from the deed.
    let taliban = why
        .runner_up
        .iter()
        .chain(why.best.iter())
        .find(|r| r.reference == "person:taliban");
    assert!(
        taliban.is_none_or(|r| r.deed_from.is_none()),
        "{}",
        why.text()
    );
}

/// With /who, the words asking for someone's part in the story are left
/// out of the match, and "Why?" says which.
#[test]
fn who_framing_words_left_out_are_shown() {
    explains(
        Scope::People,
        "what role did misri play",
        "person:vikram-misri",
        &["  words left out as /who framing: role, play"],
    );
    // Without "role", Russia's own name is the whole question: not Putin,
    // "the man in the kremlin".
    explains(
        Scope::People,
        "russia role",
        "person:russia",
        &["  words left out as /who framing: role"],
    );
    let why = explain(&engine("data"), Scope::All, "what role did misri play");
    assert!(
        !why.text().contains("/who framing"),
        "/ask keeps every word:\n{}",
        why.text()
    );
}

/// A checked claim keeps the penalties it lifts in view, and the lift too.
#[test]
fn a_checked_claim_shows_the_penalties_it_lifts() {
    explains(
        Scope::All,
        "muttaqi is pakistan's foreign minister right",
        "person:amir-khan-muttaqi",
        &[
            "other entity x0.60",
            "relation conflict x0.50",
            "checked claim x3.33",
        ],
    );
}

#[test]
fn chat_logs_misses_and_feedback_and_review_reads_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("unanswered.jsonl");
    let config = dir.path().join("factdesk.toml");
    std::fs::write(
        &config,
        format!("[unanswered]\npath = {:?}\n", log.display().to_string()),
    )
    .expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--data", &root().join("data").display().to_string()])
        .args(["--config", &config.display().to_string()])
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run chat");
    let input =
        "best pizza in moscow\nwhere to buy pizza in moscow\n/who ambassador\n/feedback\n/quit\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Thanks — noted that person:gul-hassan-hassan did not help"),
        "{stdout}"
    );
    let (records, problems) = unanswered::read(&log).expect("the chat wrote the log");
    assert!(problems.is_empty(), "{problems:?}");
    let statuses: Vec<&str> = records.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(
        statuses.len(),
        3,
        "two misses and one feedback, no answered question: {statuses:?}"
    );
    assert_eq!(statuses[2], "not_helpful");
    assert!(records
        .iter()
        .all(|r| r.channel == Channel::Console && r.user.is_none()));

    let review = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--data", &root().join("data").display().to_string()])
        .args(["review", "--json", "--log", &log.display().to_string()])
        .output()
        .expect("run review");
    assert_eq!(
        review.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&review.stderr)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&review.stdout).expect("review --json prints JSON");
    let groups = doc["groups"].as_array().expect("groups");
    assert_eq!(
        groups[0]["count"], 2,
        "the two pizza questions form one group: {doc}"
    );
    assert!(groups[0]["advice"].is_string());
}

/// Words dictation split in two are read as one word of the data, and
/// "Why?" says which; words the data knows are never joined.
#[test]
fn split_words_read_as_one_are_shown() {
    explains(
        Scope::All,
        "where did the tali ban come from originally",
        "qa:taliban-rise",
        &["  words split in two, read as one: tali ban ~ taliban"],
    );
    explains(
        Scope::Timeline,
        "most cow recognises kabul",
        "event:russia-recognises",
        &["  words split in two, read as one: most cow ~ moscow"],
    );
    let why = explain(&engine("data"), Scope::All, "did russia ban the taliban");
    assert!(
        !why.text().contains("split in two"),
        "known words stay as typed:\n{}",
        why.text()
    );
}
