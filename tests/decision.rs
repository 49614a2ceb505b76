//! The calibrated decision end to end: `factdesk calibrate` writes a model
//! the engine then reads, and a message with two questions answers one and
//! offers the other as a choice.

use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::config::Config;
use factdesk::dataset::Dataset;
use factdesk::decision::Model;
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
