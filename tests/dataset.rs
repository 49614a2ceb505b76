//! The dataset loader and `factdesk check`: the real data is clean, and
//! every class of defect is reported with its file:line and a fix.

use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::dataset::{Dataset, LoadError, Problem};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Returns a temp dir holding the base fixture with `defect`'s files laid over it.
fn dataset_with(defects: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixtures().join("base")).expect("base fixture") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    for defect in defects {
        let from = fixtures().join("defects").join(defect);
        for entry in std::fs::read_dir(&from).unwrap_or_else(|e| panic!("{}: {e}", from.display()))
        {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    dir
}

fn problems(dir: &Path) -> Vec<Problem> {
    match Dataset::load(dir) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    }
}

fn show(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

#[test]
fn real_data_loads_and_checks_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let found = problems(&dir);
    assert!(
        found.is_empty(),
        "data/ must check clean; fix these:\n{}",
        show(&found)
    );
    let data = Dataset::load(&dir).expect("checked above");
    assert!(
        data.qa.len() >= 60,
        "expected 60+ Q&A entries, found {}",
        data.qa.len()
    );
    assert!(
        data.events.len() >= 11,
        "every dated event 1979-2025 needs an entry"
    );
    for name in [
        "Vladimir Putin",
        "Gul Hassan Hassan",
        "Amir Khan Muttaqi",
        "Vikram Misri",
    ] {
        assert!(
            data.people.iter().any(|p| p.name == name),
            "people.toml must have an entry named {name:?}"
        );
    }
}

#[test]
fn base_fixture_is_clean() {
    let dir = dataset_with(&[]);
    let found = problems(dir.path());
    assert!(
        found.is_empty(),
        "the base fixture must be clean:\n{}",
        show(&found)
    );
}

#[test]
fn each_defect_is_reported_at_its_place() {
    // (fixture, file, line, what the message must say)
    let rows = [
        (
            "dangling-source",
            "qa.toml",
            14,
            "names source \"inkpots\", which sources.toml does not define",
        ),
        (
            "dangling-section",
            "timeline.toml",
            7,
            "names section \"timelime\", which source \"inkpost\" does not have",
        ),
        (
            "duplicate-id",
            "qa.toml",
            10,
            "duplicate Q&A entry id \"first-to-recognise\" (first defined at line 2)",
        ),
        (
            "ambiguous-phrasing",
            "qa.toml",
            12,
            "is also a phrasing of qa:first-to-recognise",
        ),
        ("empty-field", "people.toml", 15, "description is empty"),
        (
            "malformed-date",
            "timeline.toml",
            3,
            "malformed date \"late 1970s\"",
        ),
        (
            "long-answer",
            "qa.toml",
            13,
            "answer is 1079 characters; keep it under 1000",
        ),
        (
            "event-alias-collision",
            "timeline.toml",
            13,
            "collides with alias of event:soviet-invasion",
        ),
        (
            "role-collision",
            "people.toml",
            14,
            "collides with role of person:gul-hassan-hassan",
        ),
        ("unknown-key", "people.toml", 5, "unknown field `role_s`"),
        (
            "toml-syntax",
            "synonyms.toml",
            6,
            "invalid array; expected `]`",
        ),
        ("caveat-one-cite", "qa.toml", 7, "must cite both sides"),
        (
            "few-phrasings",
            "qa.toml",
            10,
            "has 1 phrasing; it needs at least 3",
        ),
        (
            "bad-citation-form",
            "people.toml",
            16,
            "needs the form \"<source id>#<section id>\"",
        ),
        (
            "synonym-in-two-groups",
            "synonyms.toml",
            5,
            "\"Envoy\" is already in the group at line 2",
        ),
        (
            "bad-person-kind",
            "people.toml",
            4,
            "kind \"human\" must be \"person\" or \"organisation\"",
        ),
        (
            "asked-unknown-entry",
            "asked.toml",
            7,
            "no entry qa:why-putin: use the kind:id of an entry",
        ),
        (
            "asked-bad-reference",
            "asked.toml",
            3,
            "is not an entry reference: write kind:id",
        ),
        (
            "asked-ambiguous",
            "asked.toml",
            6,
            "asked question \"who recognised the taliban first\" is also a phrasing of qa:first-to-recognise",
        ),
        ("asked-empty", "asked.toml", 4, "asked question is empty"),
        (
            "unanswered-answered",
            "asked.toml",
            9,
            "is also an asked question of person:muttaqi",
        ),
    ];
    for (fixture, file, line, want) in rows {
        let dir = dataset_with(&[fixture]);
        let found = problems(dir.path());
        let hit = found.iter().any(|p| {
            p.file.ends_with(file) && p.line == line && p.col > 0 && p.message.contains(want)
        });
        assert!(
            hit,
            "fixture {fixture}: expected a problem at {file}:{line} saying {want:?}; got:\n{}",
            show(&found)
        );
        assert_eq!(
            found.len(),
            1,
            "fixture {fixture} has one defect, so one problem:\n{}",
            show(&found)
        );
    }
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let dir = dataset_with(&[
        "dangling-source",
        "malformed-date",
        "role-collision",
        "toml-syntax",
    ]);
    let found = problems(dir.path());
    for file in ["qa.toml", "timeline.toml", "people.toml", "synonyms.toml"] {
        assert!(
            found.iter().any(|p| p.file.ends_with(file)),
            "expected a problem in {file} among:\n{}",
            show(&found)
        );
    }
}

#[test]
fn a_missing_file_is_unreadable() {
    let dir = dataset_with(&[]);
    std::fs::remove_file(dir.path().join("people.toml")).expect("remove");
    match Dataset::load(dir.path()) {
        Err(LoadError::Unreadable(p)) => {
            assert!(
                p[0].file.ends_with("people.toml"),
                "should name people.toml: {}",
                p[0]
            )
        }
        other => panic!("a missing people.toml must be Unreadable, got {other:?}"),
    }
}

#[test]
fn check_exit_codes() {
    let clean = dataset_with(&[]);
    let broken = dataset_with(&["duplicate-id"]);
    let missing = clean.path().join("no-such-dir");
    let rows: [(&Path, i32, &str); 3] = [
        (clean.path(), 0, "ok"),
        (broken.path(), 1, "qa.toml:10:6: duplicate Q&A entry id"),
        (&missing, 2, "not a directory"),
    ];
    for (dir, code, want) in rows {
        let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
            .args(["check", "--data"])
            .arg(dir)
            .output()
            .expect("run factdesk");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "check --data {}: {text}",
            dir.display()
        );
        assert!(
            text.contains(want),
            "check --data {} should say {want:?}: {text}",
            dir.display()
        );
    }
}

#[test]
fn export_json_holds_every_entry_with_resolved_citations() {
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["export", "--json", "--data"])
        .arg(fixtures().join("base"))
        .output()
        .expect("run factdesk");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("export prints JSON");
    let entries = doc["entries"].as_array().expect("entries array");
    let kinds: Vec<&str> = entries.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["qa", "qa", "event", "event", "person", "person"]);
    let first = &entries[0];
    assert_eq!(first["id"], "first-to-recognise");
    assert_eq!(first["phrasings"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        first["citations"][1]["publisher"],
        "Publisher not named in the article"
    );
    assert_eq!(
        first["citations"][1]["section"],
        "Official Recognition Announced"
    );
    assert!(first["caveat"].is_string(), "caveat exported");
    let event = &entries[3];
    assert_eq!(event["date"]["iso"], "2025-07-03");
    assert_eq!(event["date"]["precision"], "day");
    assert_eq!(entries[4]["roles"][1], "envoy");
    assert_eq!(doc["as_of"], "2025-07-05");
}

/// `asked.toml` is optional, but one that is there must be readable.
#[test]
fn an_asked_file_is_optional_but_must_be_readable() {
    let dir = dataset_with(&[]);
    assert!(problems(dir.path()).is_empty(), "no asked.toml: clean");
    std::fs::create_dir(dir.path().join("asked.toml")).expect("dir");
    let found = match Dataset::load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().to_vec(),
    };
    assert!(
        found
            .iter()
            .any(|p| p.file.ends_with("asked.toml") && p.message.contains("not a regular file")),
        "a directory named asked.toml must be reported:\n{}",
        show(&found)
    );
}
