//! Data files and log paths that are not what they should be: each is
//! reported clearly, nothing hangs, nothing grows without limit, nothing
//! is moved that should not be.

use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::dataset::{Dataset, LoadError, Problem};
use factdesk::unanswered::{Channel, Log, Record};

fn base() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base")
}

/// Returns a temp copy of the base fixture.
fn copy_of_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(base()).expect("base fixture") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

fn show(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let dir = copy_of_base();
    let path = dir.path().join("people.toml");
    let mut bytes = std::fs::read(&path).expect("people.toml");
    // Line 3 is `name = "Gul Hassan Hassan"`: break the 'H' of the first Hassan.
    let text = String::from_utf8(bytes.clone()).expect("the fixture is UTF-8");
    let at = text.find("Gul Hassan").expect("the name") + 4;
    bytes[at] = 0xff;
    std::fs::write(&path, bytes).expect("write");
    let err = Dataset::load(dir.path()).expect_err("a broken file does not load");
    let found = err.problems();
    let hit = found
        .iter()
        .find(|p| p.file.ends_with("people.toml") && p.message.contains("UTF-8"));
    let Some(hit) = hit else {
        panic!("no UTF-8 problem in people.toml:\n{}", show(found));
    };
    assert_eq!((hit.line, hit.col), (3, 13), "where the bad byte is: {hit}");
    assert!(
        matches!(err, LoadError::Invalid(_)),
        "exit 1, a content problem"
    );
}

#[test]
fn a_data_file_must_be_a_regular_file_of_sane_size() {
    // (what is put at qa.toml, words the error must contain)
    type Setup = fn(&Path);
    let rows: [(&str, Setup, &str); 4] = [
        (
            "a FIFO",
            |p| {
                let status = Command::new("mkfifo").arg(p).status().expect("mkfifo runs");
                assert!(status.success(), "mkfifo");
            },
            "not a regular file",
        ),
        (
            "a link to /dev/zero",
            |p| std::os::unix::fs::symlink("/dev/zero", p).expect("symlink"),
            "not a regular file",
        ),
        (
            "a directory",
            |p| std::fs::create_dir(p).expect("mkdir"),
            "not a regular file",
        ),
        (
            "a 5 MB file",
            |p| std::fs::write(p, vec![b'#'; 5 << 20]).expect("write"),
            "too big",
        ),
    ];
    for (what, setup, want) in rows {
        let dir = copy_of_base();
        let path = dir.path().join("qa.toml");
        std::fs::remove_file(&path).expect("remove qa.toml");
        setup(&path);
        // A FIFO would block forever if opened: run the load on a thread
        // and give it a generous deadline.
        let dir_path = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Dataset::load(&dir_path));
        });
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("loading with {what} as qa.toml hangs"));
        let err = got.expect_err("not a dataset");
        let found = err.problems();
        assert!(
            found
                .iter()
                .any(|p| p.file.ends_with("qa.toml") && p.message.contains(want)),
            "{what}: want {want:?} about qa.toml, got:\n{}",
            show(found)
        );
    }
}

#[test]
fn check_rejects_an_empty_dataset() {
    let dir = copy_of_base();
    for file in ["qa.toml", "timeline.toml", "people.toml"] {
        std::fs::write(dir.path().join(file), "# nothing here yet\n").expect("write");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .expect("factdesk check runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "check fails: {stderr}");
    assert!(
        stderr.contains("qa.toml:1:1: the dataset has no entries"),
        "says what is wrong and where: {stderr}"
    );
}

#[test]
fn a_directory_at_the_log_path_is_never_moved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log.jsonl");
    std::fs::create_dir(&path).expect("mkdir");
    std::fs::write(path.join("keep.txt"), "mine").expect("a file in it");
    let log = Log::new(&path, 10);
    let record = Record {
        time: "2026-01-02T03:04:05Z".to_string(),
        question: "who".to_string(),
        status: "no_match".to_string(),
        channel: Channel::Console,
        candidates: Vec::new(),
        given: None,
        user: None,
        truncated: None,
    };
    for _ in 0..3 {
        let err = log.append(&record).expect_err("a directory is not a log");
        assert!(err.contains("not a regular file"), "a clear error: {err}");
    }
    assert!(
        path.join("keep.txt").exists(),
        "the directory stays where it was"
    );
    assert!(
        !dir.path().join("log.jsonl.1").exists(),
        "nothing was rotated"
    );
}

#[test]
fn an_over_long_question_is_logged_cut_and_marked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("log.jsonl");
    let log = Log::new(&path, 0);
    let question = "why ".repeat(25_000);
    let record = Record {
        time: "2026-01-02T03:04:05Z".to_string(),
        question: question.clone(),
        status: "no_match".to_string(),
        channel: Channel::Console,
        candidates: Vec::new(),
        given: None,
        user: None,
        truncated: None,
    };
    log.append(&record).expect("append");
    let (records, _) = factdesk::unanswered::read(&path).expect("read");
    let got = &records[0];
    assert_eq!(
        got.question.chars().count(),
        1000,
        "cut to 1,000 characters"
    );
    assert_eq!(got.truncated, Some(100_000), "marked with its full length");
}

#[test]
fn review_holds_a_bounded_number_of_groups_and_questions() {
    use factdesk::review::{Review, MAX_GROUPS, MAX_SHOWN};
    let data = Dataset::load(&base()).expect("the base fixture loads");
    let engine = factdesk::Engine::new(data, factdesk::Thresholds::default());
    let record = |question: String| Record {
        time: "2026-01-02T03:04:05Z".to_string(),
        question,
        status: "no_match".to_string(),
        channel: Channel::Console,
        candidates: Vec::new(),
        given: None,
        user: None,
        truncated: None,
    };
    let mut review = Review::new(&engine, None);
    // Typos of one word: one group, more distinct questions than it shows.
    let typos = [
        "ambasador",
        "ambassadr",
        "ambasssador",
        "ambassadro",
        "amassador",
        "ambassdor",
        "embassador",
    ];
    for q in typos {
        review.add(&record(q.to_string()));
    }
    // Words alike in nothing: a group each, until there is no more room.
    let extra = 100;
    for i in 0..MAX_GROUPS - 1 + extra {
        review.add(&record(format!("zq{i}x")));
    }
    assert_eq!(
        review.ungrouped, extra,
        "questions past the group cap are counted"
    );
    let groups = review.finish();
    assert_eq!(groups.len(), MAX_GROUPS, "at most {MAX_GROUPS} groups");
    let typo_group = groups
        .iter()
        .find(|g| g.count == typos.len())
        .unwrap_or_else(|| panic!("the typos form one group: {:?}", &groups[..3]));
    assert_eq!(
        typo_group.questions.len(),
        MAX_SHOWN,
        "it shows {MAX_SHOWN}"
    );
}
