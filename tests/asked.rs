//! Questions people asked (`asked.toml`): an asked question is matched like
//! a phrasing of its entry, and a question most like one the articles do
//! not answer is not answered, whatever entry it also resembles. "Why?"
//! shows both.

use std::path::Path;

use factdesk::answer::Reply;
use factdesk::dataset::Dataset;
use factdesk::explain::explain;
use factdesk::search::Scope;
use factdesk::{Engine, Thresholds};

const ASKED: &str = r#"
[[answered]]
entry = "qa:why-russia"
questions = ["what was the kremlin thinking, honestly"]

[unanswered]
questions = [
  "how old is amir khan muttaqi",
  "why did russia do this, was it for the oil",
]
"#;

/// Returns an engine over the base fixture, with `asked` as its
/// `asked.toml` when given.
fn engine(asked: Option<&str>) -> Engine {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    for entry in std::fs::read_dir(&base).expect("base fixture") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    if let Some(text) = asked {
        std::fs::write(dir.path().join("asked.toml"), text).expect("write asked.toml");
    }
    let data = Dataset::load(dir.path()).expect("fixture loads");
    Engine::new(data, Thresholds::default())
}

/// Returns what `question` is answered with (`kind:id`), if anything.
fn answered(engine: &Engine, question: &str) -> Option<String> {
    match engine.reply(Scope::All, question) {
        Reply::Answered(a) => Some(a.entry.to_string()),
        _ => None,
    }
}

#[test]
fn an_asked_question_reaches_its_entry() {
    let question = "what was the kremlin thinking honestly?";
    assert_eq!(
        answered(&engine(None), question),
        None,
        "without asked.toml no phrasing of the fixture reaches {question:?}"
    );
    let with = engine(Some(ASKED));
    assert_eq!(
        answered(&with, question).as_deref(),
        Some("qa:why-russia"),
        "{}",
        explain(&with, Scope::All, question).text()
    );
    let text = explain(&with, Scope::All, question).text();
    assert!(
        text.contains("via the question someone asked \"what was the kremlin thinking, honestly\""),
        "Why? must say the match came through an asked question:\n{text}"
    );
}

#[test]
fn a_question_like_an_unanswered_one_is_not_answered() {
    let without = engine(None);
    let with = engine(Some(ASKED));
    // (question, the entry it is answered with when nothing says the
    // articles leave it open)
    let rows = [
        ("how old is amir khan muttaqi", "person:muttaqi"),
        ("why did russia do this, was it the oil", "qa:why-russia"),
    ];
    for (question, nearby) in rows {
        assert_eq!(
            answered(&without, question).as_deref(),
            Some(nearby),
            "without asked.toml {question:?} gets the nearby entry:\n{}",
            explain(&without, Scope::All, question).text()
        );
        let why = explain(&with, Scope::All, question);
        let text = why.text();
        assert_eq!(
            answered(&with, question),
            None,
            "{question:?} is most like a question the articles do not answer:\n{text}"
        );
        assert!(
            why.decision.unanswered,
            "the decision must say why it did not answer:\n{text}"
        );
        assert!(
            text.contains("not answered: it is most like a question the articles do not answer"),
            "Why? must show the unanswered question:\n{text}"
        );
    }
    // An entry's own question still wins over a merely similar unanswered one.
    for (question, entry) in [
        ("who is amir khan muttaqi", "person:muttaqi"),
        ("why did russia do this", "qa:why-russia"),
    ] {
        assert_eq!(
            answered(&with, question).as_deref(),
            Some(entry),
            "{}",
            explain(&with, Scope::All, question).text()
        );
    }
}

#[test]
fn a_misspelling_only_an_asked_question_uses_is_read_as_the_word_it_misspells() {
    // Someone once asked "tallibans" and got the foreign minister's card.
    let asked = r#"
[[answered]]
entry = "person:muttaqi"
questions = ["tallibans", "talliban foreign minister"]
"#;
    let with = engine(Some(asked));
    // (question, the entry that answers it, how "Why?" reads the misspelling)
    let rows = [
        (
            "why did russia recognise the talliban",
            "qa:why-russia",
            "words matched by typo correction: talliban -> taliban",
        ),
        (
            "which country recognised the talliban first",
            "qa:first-to-recognise",
            "words matched by typo correction: talliban -> taliban",
        ),
        (
            "who is the talliban foreign minister",
            "person:muttaqi",
            "words matched exactly: talliban, foreign, minister",
        ),
    ];
    for (question, entry, read) in rows {
        let text = explain(&with, Scope::All, question).text();
        assert_eq!(
            answered(&with, question).as_deref(),
            Some(entry),
            "{question:?}: the misspelling must not carry the asked question's entry:\n{text}"
        );
        assert!(
            text.contains(read),
            "Why? must show {read:?} for {question:?}:\n{text}"
        );
    }
}

#[test]
fn a_word_only_an_asked_question_uses_does_not_carry_a_question_to_its_entry() {
    // One asker's own words, found in no curated text.
    let asked = r#"
[[answered]]
entry = "person:muttaqi"
questions = ["is the taliban bloke besties with moscow lol"]
"#;
    let with = engine(Some(asked));
    // (question, the entry that answers it)
    let rows = [
        ("russia taliban besties why", "qa:why-russia"),
        ("why are russia and the taliban besties", "qa:why-russia"),
        // The asked question itself still reaches its entry.
        (
            "is the taliban bloke besties with moscow lol",
            "person:muttaqi",
        ),
    ];
    for (question, entry) in rows {
        let text = explain(&with, Scope::All, question).text();
        assert_eq!(
            answered(&with, question).as_deref(),
            Some(entry),
            "{question:?}: \"besties\" must not carry it to the asker's entry:\n{text}"
        );
        let line = text.lines().find(|l| {
            l.contains("words only questions people asked use, weighed as common words:")
        });
        assert!(
            line.is_some_and(|l| l.contains("besties")),
            "Why? must show the word weighed as common:\n{text}"
        );
    }
}
