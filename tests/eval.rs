//! Measured quality on the labeled questions. Tune only on tune.tsv; the
//! held-out half measures how that generalizes.
//!
//! The held-out half is gated at the targets: at least 95% accuracy, at
//! most 2% wrong answers and at most 3% of off-topic questions answered.
//! The tuning half is held at the level measured now, so a change that
//! makes it worse fails even where the held-out half has room.

use std::path::{Path, PathBuf};

use factdesk::dataset::Dataset;
use factdesk::eval::{self, Case, Report};
use factdesk::Engine;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn cases(name: &str) -> Vec<Case> {
    let path = root().join("tests/eval").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eval::parse(name, &text).unwrap_or_else(|e| panic!("malformed eval file:\n{}", e.join("\n")))
}

fn run(name: &str) -> Report {
    let config =
        factdesk::config::Config::load(&root().join("config/factdesk.toml")).expect("config");
    let data = Dataset::load(&root().join("data")).expect("data/ loads");
    eval::run(&Engine::new(data, config.matching), &cases(name))
}

#[test]
fn eval_set_is_big_enough_and_refers_to_real_entries() {
    let data = Dataset::load(&root().join("data")).expect("data/ loads");
    let all: Vec<Case> = ["tune.tsv", "holdout.tsv", "blind.tsv", "blind2.tsv"]
        .iter()
        .flat_map(|f| cases(f))
        .collect();
    let on_topic = all.iter().filter(|c| !c.expected.is_empty()).count();
    let off_topic = all.len() - on_topic;
    assert!(
        on_topic >= 250,
        "need at least 250 on-topic questions, have {on_topic}"
    );
    assert!(
        off_topic >= 80,
        "need at least 80 off-topic questions, have {off_topic}"
    );
    for case in &all {
        for reference in &case.expected {
            assert!(
                data.find(reference).is_some(),
                "eval line {} expects {reference}, which data/ does not have: fix the label or the data",
                case.line
            );
        }
    }
}

/// The held-out half, measured 96.0% accuracy, 0.0% wrong answers and
/// 3.1% off-topic false answers with the calibrated decision (lexical).
/// The targets are 97% / 1.5% / 3%: not reached yet, so the gate holds the
/// measured level and fails on any regression.
const HELD_OUT_FLOOR: (f64, f64, f64) = (0.96, 0.005, 0.032);
/// The tuning half, where the matcher is tuned: measured 98.3%, 1.2%, 3.1%.
const TUNE_FLOOR: (f64, f64, f64) = (0.98, 0.015, 0.032);
/// A third set by another writer, who saw the entries' questions and
/// answers but none of their phrasings: measured 91.4%, 1.6%, 0.0%.
const BLIND_FLOOR: (f64, f64, f64) = (0.91, 0.02, 0.014);
/// The fourth set, written from the two articles alone by a writer who
/// never saw data/ or tests/eval/: measured 75.9%, 8.2%, 8.0%. The honest
/// figure for questions nobody wrote down in advance.
const BLIND2_FLOOR: (f64, f64, f64) = (0.755, 0.085, 0.081);

fn gate(name: &str, (accuracy, wrong, false_answers): (f64, f64, f64)) {
    let report = run(name);
    let summary = report.render();
    assert!(
        report.accuracy() >= accuracy,
        "{name}: accuracy fell below {accuracy}:\n{summary}"
    );
    assert!(
        report.wrong_rate() <= wrong,
        "{name}: wrong answers rose above {wrong}:\n{summary}"
    );
    assert!(
        report.false_answer_rate() <= false_answers,
        "{name}: off-topic false answers rose above {false_answers}:\n{summary}"
    );
}

#[test]
fn held_out_quality_does_not_regress() {
    gate("holdout.tsv", HELD_OUT_FLOOR);
}

#[test]
fn tuning_half_quality_does_not_regress() {
    gate("tune.tsv", TUNE_FLOOR);
}

#[test]
fn blind_set_quality_does_not_regress() {
    gate("blind.tsv", BLIND_FLOOR);
}

#[test]
fn blind2_set_quality_does_not_regress() {
    gate("blind2.tsv", BLIND2_FLOOR);
}

#[test]
fn eval_parser_reports_bad_lines() {
    let text = "ask\tqa:x\tfine\nbogus\tqa:x\tq\nask\tonly two\n# comment\n\nwho\tnone\tsomeone\n";
    let errors = eval::parse("f.tsv", text).expect_err("two bad lines");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].starts_with("f.tsv:2: command \"bogus\""),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("f.tsv:3: expected 3 tab-separated columns"),
        "{}",
        errors[1]
    );
    let ok = eval::parse(
        "f.tsv",
        "when\tevent:a|qa:b\trecognition\nwho\tnone\tnobody\nask\tnone|qa:c\thow many troops\n",
    )
    .expect("valid");
    assert!(
        ok[2].declinable && ok[2].expected == ["qa:c"],
        "`none|qa:c`: not answering is right, and so is qa:c: {:?}",
        ok[2]
    );
    assert_eq!(ok[0].expected, ["event:a", "qa:b"]);
    assert!(
        ok[1].expected.is_empty(),
        "`none` means must not be answered"
    );
}
