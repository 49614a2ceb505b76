//! Building the engine the way `ask`, `chat`, `eval` and `serve` all run
//! it: the dataset, the calibrated thresholds, and the sentence encoder
//! when its model is there (cargo feature `semantic`).

use crate::config::Config;
use crate::dataset::Dataset;
use crate::engine::Engine;

/// Returns the engine for `dataset` with `config`'s settings, and a line
/// saying how it matches (to be said once at start of `chat` and `serve`).
///
/// A model directory that is missing means lexical matching only; a model
/// with a wrong hash or a broken file is an error naming the file.
pub fn engine(dataset: Dataset, config: &Config) -> Result<(Engine, String), String> {
    let engine = Engine::new(dataset, config.matching.clone());
    #[cfg(feature = "semantic")]
    {
        attach(engine, config)
    }
    #[cfg(not(feature = "semantic"))]
    {
        Ok((
            engine,
            "matching is lexical only (built without the `semantic` feature)".to_string(),
        ))
    }
}

/// Adds the sentence encoder `config` names to `engine`, embedding every
/// phrasing (what it can from the cache). A reload keeps the engine's
/// encoder instead (see `Engine::renewed`).
#[cfg(feature = "semantic")]
fn attach(engine: Engine, config: &Config) -> Result<(Engine, String), String> {
    use crate::semantic::Encoder;
    let settings = &config.semantic;
    if settings.model_dir.as_os_str().is_empty() {
        return Ok((
            engine,
            "matching is lexical only ([semantic] model_dir is empty)".to_string(),
        ));
    }
    let encoder = match Encoder::load(&settings.model_dir, &settings.sha256) {
        Ok(Some(e)) => std::sync::Arc::new(e),
        Ok(None) => {
            return Ok((
                engine,
                format!(
                    "matching is lexical only: no sentence encoder at {} (scripts/fetch-model fetches it)",
                    settings.model_dir.display()
                ),
            ))
        }
        Err(e) => return Err(e.to_string()),
    };
    let cache = settings.cache_path().map(std::path::Path::to_path_buf);
    let semantic = crate::engine::Semantic::new(encoder, engine.dataset(), cache);
    let stats = semantic.index.stats;
    let notice = format!(
        "sentence encoder in use: {} ({} phrasings, {} embedded now, {} from the cache, {:.1} s)",
        settings.model_dir.display(),
        stats.phrasings,
        stats.embedded,
        stats.cached,
        stats.seconds
    );
    Ok((engine.with_semantic(semantic), notice))
}
