//! `config/factdesk.toml`: every setting but the token, which only ever
//! comes from the `DISCORD_TOKEN` environment variable.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dataset::line_col;
use crate::engine::Thresholds;

/// Where the committed configuration lives.
pub const DEFAULT_PATH: &str = "config/factdesk.toml";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub data_dir: PathBuf,
    pub log_level: String,
    pub matching: Thresholds,
    pub discord: DiscordConfig,
    pub unanswered: UnansweredConfig,
    pub semantic: SemanticConfig,
}

/// The curator's log of questions factdesk could not answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnansweredConfig {
    /// JSON Lines file; empty turns the log off.
    pub path: PathBuf,
    /// Rotate to `<path>.1` at this size (0: never).
    pub max_bytes: u64,
    /// Rotated generations kept (`<path>.1` to `<path>.<keep>`).
    pub keep: usize,
    /// Store who asked (Discord user id and name).
    pub store_users: bool,
}

impl Default for UnansweredConfig {
    fn default() -> UnansweredConfig {
        UnansweredConfig {
            path: PathBuf::from("factdesk-unanswered.jsonl"),
            max_bytes: 10_000_000,
            keep: crate::unanswered::DEFAULT_KEEP,
            store_users: false,
        }
    }
}

impl UnansweredConfig {
    /// Returns the log to append to, or `None` when the path is empty.
    pub fn log(&self) -> Option<crate::unanswered::Log> {
        (!self.path.as_os_str().is_empty())
            .then(|| crate::unanswered::Log::new(&self.path, self.max_bytes).keeping(self.keep))
    }
}

/// The optional sentence encoder (cargo feature `semantic`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SemanticConfig {
    /// Hugging Face model directory; missing or empty: lexical only.
    pub model_dir: PathBuf,
    /// SHA-256 of `model_dir/model.safetensors`, 64 hex digits.
    pub sha256: String,
    /// Phrasing embeddings kept between runs; empty: no cache.
    pub cache: PathBuf,
}

/// all-MiniLM-L6-v2's `model.safetensors`.
pub const MINILM_SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

impl Default for SemanticConfig {
    fn default() -> SemanticConfig {
        SemanticConfig {
            model_dir: PathBuf::from("models/all-MiniLM-L6-v2"),
            sha256: MINILM_SHA256.to_string(),
            cache: PathBuf::from("factdesk-embeddings.bin"),
        }
    }
}

impl SemanticConfig {
    /// Returns the cache path, or `None` when it is empty (no cache).
    pub fn cache_path(&self) -> Option<&Path> {
        (!self.cache.as_os_str().is_empty()).then_some(self.cache.as_path())
    }

    fn check(&self) -> Result<(), String> {
        let hex = self.sha256.len() == 64 && self.sha256.chars().all(|c| c.is_ascii_hexdigit());
        if !hex {
            return Err(format!(
                "[semantic] sha256 {:?} must be the 64 hex digits of model.safetensors's \
                 SHA-256 (all-MiniLM-L6-v2: {MINILM_SHA256})",
                self.sha256
            ));
        }
        if !self.model_dir.as_os_str().is_empty() && self.model_dir == self.cache {
            return Err("[semantic] cache must not be the model_dir itself".into());
        }
        Ok(())
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data_dir: PathBuf::from("data"),
            log_level: "info".to_string(),
            matching: Thresholds::default(),
            discord: DiscordConfig::default(),
            unanswered: UnansweredConfig::default(),
            semantic: SemanticConfig::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// 0: register commands globally.
    pub dev_guild_id: u64,
    /// The one guild where `/reload` is registered (0: nowhere).
    pub admin_guild_id: u64,
    pub watch_channels: Vec<u64>,
    pub watch_threshold: f32,
    pub user_cooldown_secs: u64,
    pub channel_cooldown_secs: u64,
    /// On SIGTERM/SIGINT, how long to wait for answers in flight.
    pub drain_secs: u64,
    /// Base URL of an HTTP API proxy that forwards to Discord and rate
    /// limits for every process (empty: straight to Discord).
    pub proxy: String,
    /// Extra certificate authority (PEM) to trust for Discord's HTTPS
    /// (empty: none).
    pub ca_file: PathBuf,
    pub shards: ShardConfig,
}

impl Default for DiscordConfig {
    fn default() -> DiscordConfig {
        DiscordConfig {
            dev_guild_id: 0,
            admin_guild_id: 0,
            watch_channels: Vec::new(),
            watch_threshold: 0.8,
            user_cooldown_secs: 5,
            channel_cooldown_secs: 2,
            drain_secs: 10,
            proxy: String::new(),
            ca_file: PathBuf::new(),
            shards: ShardConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShardConfig {
    /// 0: let Discord recommend a count and run every shard here.
    pub total: u32,
    pub first: u32,
    pub last: u32,
}

impl Config {
    /// Reads and checks the configuration file.
    ///
    /// Returns a one-line error naming file:line:col and what to fix.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the config: {e}", path.display()))?;
        let mut config = Config::parse(path, &text)?;
        // The calibrated decision lives beside the config, if anywhere.
        let calibration = path.with_file_name(crate::decision::model::FILE_NAME);
        if calibration.is_file() {
            config.matching.model = crate::decision::Model::load(&calibration)?;
        }
        let semantic = path.with_file_name(crate::decision::model::SEMANTIC_FILE_NAME);
        if semantic.is_file() {
            config.matching.model_semantic = crate::decision::Model::load(&semantic)?;
        }
        Ok(config)
    }

    /// Reads the configuration at `path` if given, else the default file if
    /// it exists, else the built-in defaults.
    pub fn load_or_default(path: Option<&Path>) -> Result<Config, String> {
        match path {
            Some(p) => Config::load(p),
            None if Path::new(DEFAULT_PATH).is_file() => Config::load(Path::new(DEFAULT_PATH)),
            None => Ok(Config::default()),
        }
    }

    /// Parses configuration text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            format!(
                "{}:{line}:{col}: {} (see the comments in config/factdesk.toml)",
                path.display(),
                e.message().trim()
            )
        })?;
        config
            .check()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        let m = &self.matching;
        let unit = |v: f32| (0.0..=1.0).contains(&v);
        if !unit(m.answer)
            || !unit(m.answer_with_encoder)
            || !unit(m.suggest)
            || !unit(m.margin)
            || !unit(m.lexical_floor)
            || !unit(m.only_choice)
            || !unit(self.discord.watch_threshold)
        {
            return Err("matching thresholds and watch_threshold must be between 0 and 1".into());
        }
        if m.encoder_from.is_nan() || m.encoder_from < 0.0 {
            return Err(format!(
                "[matching] encoder_from ({}) must be a probability, or above 1 to read every question with the encoder",
                m.encoder_from
            ));
        }
        if m.suggest > m.answer.min(m.answer_with_encoder) {
            return Err(format!(
                "[matching] suggest ({}) must not be above answer ({}) or answer_with_encoder ({})",
                m.suggest, m.answer, m.answer_with_encoder
            ));
        }
        let proxy = &self.discord.proxy;
        if !(proxy.is_empty() || proxy.starts_with("http://") || proxy.starts_with("https://")) {
            return Err(format!(
                "[discord] proxy {proxy:?} must be a URL starting with http:// or https://, e.g. \"http://127.0.0.1:8080\", or empty"
            ));
        }
        let s = self.discord.shards;
        if s.total > 0 && (s.first > s.last || s.last >= s.total) {
            return Err(format!(
                "[discord.shards] first..=last ({}..={}) must lie within 0..{} (total)",
                s.first, s.last, s.total
            ));
        }
        self.semantic.check()?;
        if !matches!(
            self.log_level.as_str(),
            "error" | "warn" | "info" | "debug" | "trace"
        ) {
            return Err(format!(
                "log_level {:?} must be one of error, warn, info, debug, trace",
                self.log_level
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_config_matches_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_PATH);
        let config = Config::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config,
            Config::default(),
            "config/factdesk.toml documents the defaults; update one to match the other"
        );
    }

    #[test]
    fn bad_config_says_where_and_what() {
        let rows = [
            ("data_dri = \"x\"", "x.toml:1:1: unknown field `data_dri`"),
            ("[matching]\nanswer = \"high\"", "x.toml:2:10: invalid type"),
            (
                "[matching]\nanswer = 0.2\nsuggest = 0.5",
                "suggest (0.5) must not be above answer",
            ),
            (
                "[matching]\nanswer_with_encoder = 0.1\nsuggest = 0.2",
                "suggest (0.2) must not be above answer (0.65) or answer_with_encoder (0.1)",
            ),
            (
                "[matching]\nencoder_from = -0.5",
                "encoder_from (-0.5) must be a probability",
            ),
            (
                "[matching]\nlexical_floor = 1.5",
                "matching thresholds and watch_threshold must be between 0 and 1",
            ),
            (
                "[matching]\nonly_choice = -0.1",
                "matching thresholds and watch_threshold must be between 0 and 1",
            ),
            (
                "[discord.shards]\ntotal = 2\nfirst = 1\nlast = 2",
                "must lie within 0..2",
            ),
            ("log_level = \"loud\"", "log_level \"loud\" must be one of"),
            (
                "[discord]\nproxy = \"127.0.0.1:8080\"",
                "must be a URL starting with http://",
            ),
        ];
        for (text, want) in rows {
            let err = Config::parse(Path::new("x.toml"), text).expect_err(text);
            assert!(
                err.contains(want),
                "config {text:?}: error {err:?} should contain {want:?}"
            );
        }
    }

    #[test]
    fn bad_semantic_config_says_what() {
        let rows = [
            ("[semantic]\nsha256 = \"abc\"", "[semantic] sha256 \"abc\" must be the 64 hex"),
            (
                "[semantic]\nsha256 = \"zz3aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db\"",
                "must be the 64 hex digits",
            ),
            ("[semantic]\nmodel = \"x\"", "x.toml:2:1: unknown field `model`"),
            ("[semantic]\nmodel_dir = 3", "x.toml:2:13: invalid type"),
            (
                "[semantic]\nmodel_dir = \"m\"\ncache = \"m\"",
                "cache must not be the model_dir",
            ),
        ];
        for (text, want) in rows {
            let err = Config::parse(Path::new("x.toml"), text).expect_err(text);
            assert!(
                err.contains(want),
                "config {text:?}: error {err:?} should contain {want:?}"
            );
        }
        let empty = Config::parse(
            Path::new("x.toml"),
            "[semantic]\nmodel_dir = \"\"\ncache = \"\"",
        )
        .unwrap_or_else(|e| panic!("empty model_dir and cache turn them off: {e}"));
        assert_eq!(
            empty.semantic.cache_path(),
            None,
            "an empty cache path means no cache"
        );
    }
}
