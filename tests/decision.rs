//! The calibrated decision end to end: `factdesk calibrate` writes a model
//! the engine then reads, and a message with two questions answers one and
//! offers the other as a choice.

use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::config::Config;
use factdesk::dataset::Dataset;
use factdesk::decision::{Feature, Features, Model};
use factdesk::engine::Decision;
use factdesk::search::Scope;
use factdesk::{Engine, Status};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn calibrate_writes_a_model_that_loads() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("calibration.toml");
    let run = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--data", &root().join("data").display().to_string()])
        .args([
            "--config",
            &root().join("config/factdesk.toml").display().to_string(),
        ])
        .arg("calibrate")
        .arg(root().join("tests/eval/tune.tsv"))
        .args(["--out", &out.display().to_string()])
        .env_remove("FACTDESK_MODEL_DIR")
        .current_dir(dir.path())
        .output()
        .expect("factdesk runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("Answer threshold that fitted best there"),
        "{stdout}"
    );
    let model = Model::load(&out).expect("the written calibration loads");
    assert!(
        model.weights.iter().any(|w| *w != 0.0),
        "a fitted model has weights: {model:?}"
    );
}

#[test]
fn a_second_question_is_offered_beside_the_answer() {
    let config = Config::load(&root().join("config/factdesk.toml")).expect("config");
    let data = Dataset::load(&root().join("data")).expect("data/ loads");
    let engine = Engine::new(data, config.matching);
    let reply = engine.reply(
        Scope::All,
        "quick question about this whole story. when did russia recognise the taliban? \
         and who is the new afghan ambassador in moscow?",
    );
    assert_eq!(reply.status(), Status::Answered, "{}", reply.text());
    let offered: Vec<String> = reply
        .choices()
        .iter()
        .map(|s| s.reference().to_string())
        .collect();
    let answered = reply
        .answered()
        .map(|a| a.entry.to_string())
        .unwrap_or_default();
    let both = ["event:russia-recognises", "person:gul-hassan-hassan"];
    assert!(
        both.contains(&answered.as_str())
            && offered
                .iter()
                .any(|o| both.contains(&o.as_str()) && *o != answered),
        "one question answered ({answered}), the other offered ({offered:?})"
    );
    let text = reply.text();
    assert!(
        text.contains(factdesk::answer::ALSO_ASKED),
        "the terminal shows the other question: {text}"
    );
}

fn engine() -> Engine {
    let config = Config::load(&root().join("config/factdesk.toml")).expect("config");
    let data = Dataset::load(&root().join("data")).expect("data/ loads");
    Engine::new(data, config.matching)
}

#[test]
fn readings_agree_counts_the_readings_with_the_same_top_entry() {
    let engine = engine();
    // (message, agreement expected above 0)
    let rows = [
        // read only whole: nothing to agree with
        ("when did russia recognise the taliban", false),
        // the whole, the question and its trailing doubt all rank the
        // motives first
        (
            "hi all. why did russia recognise the taliban? like what are the reasons",
            true,
        ),
    ];
    for (message, agrees) in rows {
        let analysis = engine.analyze(Scope::All, message);
        let features = analysis.decision.features.expect("a candidate");
        let value = features.get(Feature::ReadingsAgree);
        assert_eq!(
            value > 0.0,
            agrees,
            "{message:?}: readings_agree {value} (part read: {:?})",
            analysis.part
        );
        assert!((0.0..=1.0).contains(&value), "{message:?}: {value}");
    }
}

#[test]
fn semantic_lead_is_the_top_cosine_over_the_best_other_one() {
    let engine = engine();
    let mut analysis = engine.analyze(Scope::All, "when did russia recognise the taliban");
    let top = analysis.candidates[0].entry_number();
    let entries = engine.dataset().entries().count();
    let tuning = engine.index().tuning();
    // (top's cosine, best other cosine, expected lead); None: no encoder
    let rows = [
        (None, 0.0, 0.0),
        (Some(0.9), 0.5, 1.0),
        (Some(0.8), 0.75, 0.25),
        (Some(0.6), 0.7, -0.5),
        (Some(0.3), 0.9, -1.0),
    ];
    for (top_cosine, other, lead) in rows {
        analysis.query.semantic = match top_cosine {
            None => Vec::new(),
            Some(c) => (0..entries)
                .map(|i| if i == top { c } else { other })
                .collect(),
        };
        let features = Features::of(&analysis, &tuning).expect("a candidate");
        let value = features.get(Feature::SemanticLead);
        assert!(
            (value - lead).abs() < 1e-4,
            "top {top_cosine:?}, other {other}: semantic_lead {value}, want {lead}"
        );
    }
}

#[test]
fn a_question_the_encoder_read_is_held_to_its_own_threshold() {
    let config = Config::load(&root().join("config/factdesk.toml")).expect("config");
    let data = Dataset::load(&root().join("data")).expect("data/ loads");
    let mut thresholds = config.matching;
    thresholds.answer = 0.3;
    thresholds.answer_with_encoder = 0.999_9;
    let engine = Engine::new(data, thresholds);
    let mut analysis = engine.analyze(Scope::All, "when did russia recognise the taliban");
    let entries = engine.dataset().entries().count();
    // (encoder cosines, answered)
    let rows = [(Vec::new(), true), (vec![0.5; entries], false)];
    for (cosines, answered) in rows {
        let read = !cosines.is_empty();
        analysis.query.semantic = cosines;
        let decision = engine.decide(&analysis);
        assert_eq!(
            decision.status == Status::Answered,
            answered,
            "read by the encoder: {read}; P {} against answer 0.3 / answer_with_encoder 0.9999",
            decision.probability
        );
    }
}

#[test]
fn with_the_encoder_an_answer_needs_the_words_to_reach_the_lexical_floor() {
    let engine = engine();
    let floor = engine.thresholds().lexical_floor;
    let analysis = engine.analyze(Scope::All, "when did russia recognise the taliban");
    let sure = engine.decide(&analysis);
    assert_eq!(sure.status, Status::Answered, "P {}", sure.probability);
    let unsure = Decision {
        status: Status::Suggest,
        ..sure
    };
    // (the encoder's decision, the words' P(right), status after the floor)
    let rows = [
        (sure, floor + 0.01, Status::Answered),
        (sure, floor - 0.01, Status::Suggest),
        (sure, 0.0, Status::Suggest),
        (unsure, 0.99, Status::Suggest),
        (Decision::NONE, 0.0, Status::NoMatch),
    ];
    for (decision, words, want) in rows {
        let got = engine.floored(decision, words);
        assert_eq!(
            got.status, want,
            "{:?} at P {} with the words at {words} (floor {floor})",
            decision.status, decision.probability
        );
        assert_eq!(got.lexical, Some(words), "the words' P is kept for Why?");
    }
    // Why? says what held the answer back.
    let mut held = analysis.clone();
    held.decision = engine.floored(sure, 0.1);
    let text = factdesk::explain::explain_analysis(&engine, "q", &held).text();
    let line = format!("not answered: the words alone give P(right) 0.10, below {floor:.2}");
    assert!(text.contains(&line), "Why? should say {line:?}:\n{text}");
}

/// `/when` and `/who` name one event or person: a one-word question whose
/// "did you mean" would list a single choice, every other candidate far
/// behind, is answered from `[matching] only_choice`; longer ones and
/// `/ask` keep the usual thresholds.
#[test]
fn the_only_choice_of_a_one_word_slash_command_is_answered() {
    // (scope, question, status with only_choice 0.1, with it at 1)
    let rows = [
        // The typo corrected, it is a phrasing word for word: answered
        // outright, without the rule.
        (
            Scope::Timeline,
            "recogntion",
            Status::Answered,
            Status::Answered,
        ),
        (
            Scope::Timeline,
            "credentials",
            Status::Answered,
            Status::Suggest,
        ),
        // "sanctions" is a question people asked (asked.toml): the same.
        (
            Scope::Timeline,
            "sanctons",
            Status::Answered,
            Status::Answered,
        ),
        (Scope::People, "presdent", Status::Answered, Status::Suggest),
        // A word only people asking used is no name of the event: one
        // asker remembered the Soviet invasion as Christmas time. (Since
        // such a word weighs as a common one, not even a suggestion.)
        (
            Scope::Timeline,
            "christmas",
            Status::NoMatch,
            Status::NoMatch,
        ),
        // Two words: the usual thresholds.
        // (The event of 2001 answers it at the usual threshold since
        // asked.toml, correcting the year; never as the only choice.)
        (
            Scope::Timeline,
            "us toppled the taliban in 2003",
            Status::Answered,
            Status::Answered,
        ),
        // /ask: never the only-choice rule. (Since asked.toml this one is
        // nearly a question people asked, so answered outright.)
        (
            Scope::All,
            "whats operation sindu got to do with the taliban",
            Status::Answered,
            Status::Answered,
        ),
        // Two choices close together (the war's start, its end 0.02
        // behind): a suggestion until the refit on dev53-64; that model
        // answers the start at P 0.76, above `answer` (0.65), so the rule
        // for a single choice plays no part either way.
        (
            Scope::Timeline,
            "the soviet war",
            Status::Answered,
            Status::Answered,
        ),
    ];
    let mut strict = engine();
    let mut thresholds = strict.thresholds().clone();
    thresholds.only_choice = 1.0;
    strict = Engine::new(strict.dataset().clone(), thresholds);
    let engine = engine();
    for (scope, question, want, want_strict) in rows {
        let decision = engine.analyze(scope, question).decision;
        assert_eq!(
            decision.status,
            want,
            "{question:?} in {scope:?} at P {:.2} (only_choice {})",
            decision.probability,
            engine.thresholds().only_choice
        );
        assert_eq!(
            decision.only_choice,
            want == Status::Answered && want_strict != Status::Answered,
            "{question:?}: answered as the only choice?"
        );
        let strict = strict.analyze(scope, question).decision;
        assert_eq!(
            strict.status, want_strict,
            "{question:?} with only_choice 1"
        );
    }
    let why = factdesk::explain::explain(&engine, Scope::People, "presdent").text();
    assert!(
        why.contains("the only choice far ahead of any other for this command"),
        "Why? should say the only choice was answered:\n{why}"
    );
}
