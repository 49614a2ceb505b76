//! factdesk's side of a test: settings, the real dataset or a copy of it
//! to modify.

use std::path::{Path, PathBuf};

use factdesk::config::Config;
use factdesk::dataset::Dataset;
use factdesk::Engine;

/// The real data folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Settings for tests: the defaults without cooldowns and without the
/// unanswered log (so no test writes into the working folder), serving
/// `data`.
pub fn config(data: &Path) -> Config {
    let mut c = Config {
        data_dir: data.to_path_buf(),
        ..Config::default()
    };
    c.discord.user_cooldown_secs = 0;
    c.discord.channel_cooldown_secs = 0;
    c.unanswered.path = PathBuf::new();
    c
}

/// Settings for tests as [`config`], with the unanswered log at `log`.
pub fn config_logging(data: &Path, log: &Path) -> Config {
    let mut c = config(data);
    c.unanswered.path = log.to_path_buf();
    c
}

/// Returns the engine of the data in `dir`; fails the test if it has problems.
pub fn engine(dir: &Path, config: &Config) -> Engine {
    let dataset =
        Dataset::load(dir).unwrap_or_else(|e| panic!("{} must load clean:\n{e}", dir.display()));
    Engine::new(dataset, config.matching.clone())
}

/// Returns a temporary copy of the real data folder.
pub fn copy_of_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for entry in std::fs::read_dir(data_dir()).expect("the data folder") {
        let path = entry.expect("a data file").path();
        if path.is_file() {
            let name = path.file_name().expect("a file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy a data file");
        }
    }
    dir
}

/// Appends `text` to `file` in `dir`.
pub fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut content = std::fs::read_to_string(&path).expect("a data file");
    content.push('\n');
    content.push_str(text);
    std::fs::write(&path, content).expect("write a data file");
}

/// Two events that tie on what they share, so asking for it gets "did you
/// mean" choices with any margin above zero. Append to `timeline.toml`.
pub const TWINS: &str = r#"
[[event]]
id = "zeppelin-summit-quarkwise"
date = "2025-07-05"
title = "Zeppelin summit quarkwise"
aliases = ["quarkwise gathering", "quarkwise meeting"]
description = "A test event."
cite = ["inkpost#intro"]

[[event]]
id = "zeppelin-summit-blorptic"
date = "2025-07-05"
title = "Zeppelin summit blorptic"
aliases = ["blorptic gathering", "blorptic meeting"]
description = "A test event."
cite = ["inkpost#intro"]
"#;
