//! Loading the sentence encoder without the real model: a tiny BERT written
//! here (4 dimensions, 6 words) loads and embeds, and each broken variant
//! of it is refused with an error naming the file. The phrasing index and
//! its cache are checked over the real data with the tiny model.
#![cfg(feature = "semantic")]

use std::path::{Path, PathBuf};

use factdesk::dataset::{Dataset, Kind};
use factdesk::semantic::{cosine, file_sha256, Encoder, EntryAt, SemanticIndex};

const HIDDEN: usize = 4;
const VOCAB: usize = 6;
const INTER: usize = 8;
const POSITIONS: usize = 300;

fn config_json(model_type: &str) -> String {
    format!(
        r#"{{"model_type": "{model_type}", "hidden_act": "gelu", "vocab_size": {VOCAB},
            "hidden_size": {HIDDEN}, "num_hidden_layers": 1, "num_attention_heads": 2,
            "intermediate_size": {INTER}, "max_position_embeddings": {POSITIONS},
            "layer_norm_eps": 1e-12}}"#
    )
}

fn tokenizer_json(words: &[&str]) -> String {
    let vocab: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
        .iter()
        .chain(words)
        .enumerate()
        .map(|(i, w)| format!("\"{w}\": {i}"))
        .collect();
    let special = |t: &str| format!(r#"{{"SpecialToken": {{"id": "{t}", "type_id": 0}}}}"#);
    let seq = |s: &str| format!(r#"{{"Sequence": {{"id": "{s}", "type_id": 0}}}}"#);
    format!(
        r###"{{"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
        "normalizer": {{"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                        "strip_accents": null, "lowercase": true}},
        "pre_tokenizer": {{"type": "BertPreTokenizer"}},
        "post_processor": {{"type": "TemplateProcessing",
            "single": [{cls}, {a}, {sep}], "pair": [{cls}, {a}, {sep}, {b}, {sep}],
            "special_tokens": {{
                "[CLS]": {{"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]}},
                "[SEP]": {{"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}}}}},
        "decoder": null,
        "model": {{"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                   "max_input_chars_per_word": 100, "vocab": {{{}}}}}}}"###,
        vocab.join(", "),
        cls = special("[CLS]"),
        sep = special("[SEP]"),
        a = seq("A"),
        b = seq("B"),
    )
}

/// Every tensor of the tiny BERT: (name, shape).
fn tensors() -> Vec<(String, Vec<usize>)> {
    let mut t = vec![
        (
            "embeddings.word_embeddings.weight".to_string(),
            vec![VOCAB, HIDDEN],
        ),
        (
            "embeddings.position_embeddings.weight".into(),
            vec![POSITIONS, HIDDEN],
        ),
        (
            "embeddings.token_type_embeddings.weight".into(),
            vec![2, HIDDEN],
        ),
        ("embeddings.LayerNorm.weight".into(), vec![HIDDEN]),
        ("embeddings.LayerNorm.bias".into(), vec![HIDDEN]),
    ];
    let l = "encoder.layer.0";
    for (part, out, inp) in [
        ("attention.self.query", HIDDEN, HIDDEN),
        ("attention.self.key", HIDDEN, HIDDEN),
        ("attention.self.value", HIDDEN, HIDDEN),
        ("attention.output.dense", HIDDEN, HIDDEN),
        ("intermediate.dense", INTER, HIDDEN),
        ("output.dense", HIDDEN, INTER),
    ] {
        t.push((format!("{l}.{part}.weight"), vec![out, inp]));
        t.push((format!("{l}.{part}.bias"), vec![out]));
    }
    for norm in ["attention.output.LayerNorm", "output.LayerNorm"] {
        t.push((format!("{l}.{norm}.weight"), vec![HIDDEN]));
        t.push((format!("{l}.{norm}.bias"), vec![HIDDEN]));
    }
    t
}

/// A safetensors file of `tensors` with deterministic values.
fn safetensors(tensors: &[(String, Vec<usize>)]) -> Vec<u8> {
    let mut header = Vec::new();
    let mut data = Vec::new();
    for (name, shape) in tensors {
        let n: usize = shape.iter().product();
        let begin = data.len();
        for i in 0..n {
            let v = ((begin / 4 + i) as f32 * 0.618).sin() * 0.5;
            data.extend_from_slice(&v.to_le_bytes());
        }
        header.push(format!(
            r#""{name}": {{"dtype": "F32", "shape": {shape:?}, "data_offsets": [{begin}, {}]}}"#,
            data.len()
        ));
    }
    let mut json = format!("{{{}}}", header.join(", ")).into_bytes();
    while json.len() % 8 != 0 {
        json.push(b' ');
    }
    let mut out = (json.len() as u64).to_le_bytes().to_vec();
    out.extend(json);
    out.extend(data);
    out
}

/// Writes a tiny model directory; `spoil` changes it before the hash is taken.
fn tiny_model(root: &Path, spoil: impl FnOnce(&Path)) -> (PathBuf, String) {
    let dir = root.join("model");
    std::fs::create_dir_all(&dir).expect("model dir");
    std::fs::write(dir.join("config.json"), config_json("bert")).expect("write");
    std::fs::write(
        dir.join("tokenizer.json"),
        tokenizer_json(&["the", "taliban"]),
    )
    .expect("write");
    std::fs::write(dir.join("model.safetensors"), safetensors(&tensors())).expect("write");
    spoil(&dir);
    let hash = file_sha256(&dir.join("model.safetensors")).unwrap_or_else(|_| "0".repeat(64));
    (dir, hash)
}

#[test]
fn a_missing_directory_means_lexical_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = Encoder::load(&dir.path().join("no-such-model"), &"0".repeat(64));
    assert!(
        matches!(loaded, Ok(None)),
        "a missing model directory must give Ok(None)"
    );
}

#[test]
fn the_tiny_model_loads_and_embeds_unit_vectors() {
    let root = tempfile::tempdir().expect("temp dir");
    let (dir, hash) = tiny_model(root.path(), |_| {});
    let encoder = Encoder::load(&dir, &hash.to_uppercase())
        .unwrap_or_else(|e| panic!("the tiny model should load: {e}"))
        .expect("the directory exists");
    assert_eq!(encoder.dim(), HIDDEN);
    let texts = [
        "the taliban",
        "The Taliban!",
        "",
        "unknown words only",
        &"the ".repeat(400),
    ];
    let batch = encoder.embed_batch(&texts);
    for (text, batched) in texts.iter().zip(&batch) {
        let one = encoder.embed(text);
        let norm = cosine(&one, &one);
        assert!(
            (norm - 1.0).abs() < 1e-4,
            "{text:?}: length² {norm}, expected 1"
        );
        let same = cosine(&one, batched);
        assert!(
            same > 0.9999,
            "{text:?}: batched and single embeddings differ ({same})"
        );
    }
}

#[test]
fn broken_models_are_refused_naming_the_file() {
    type Spoil = fn(&Path);
    // (what is wrong, how to spoil the model, file the error names, words it says)
    let rows: [(&str, Spoil, &str, &str); 8] = [
        (
            "no weights file",
            |d| std::fs::remove_file(d.join("model.safetensors")).expect("rm"),
            "model.safetensors",
            "cannot read it",
        ),
        (
            "weights not safetensors",
            |d| std::fs::write(d.join("model.safetensors"), b"<html>404</html>").expect("w"),
            "model.safetensors",
            "not a safetensors file",
        ),
        (
            "weights truncated",
            |d| {
                let bytes = std::fs::read(d.join("model.safetensors")).expect("r");
                std::fs::write(d.join("model.safetensors"), &bytes[..bytes.len() - 40]).expect("w")
            },
            "model.safetensors",
            "truncated",
        ),
        (
            "a tensor missing",
            |d| {
                let mut t = tensors();
                t.retain(|(n, _)| !n.contains("intermediate.dense.weight"));
                std::fs::write(d.join("model.safetensors"), safetensors(&t)).expect("w")
            },
            "model.safetensors",
            "encoder.layer.0.intermediate.dense.weight is missing",
        ),
        (
            "not a BERT config",
            |d| std::fs::write(d.join("config.json"), config_json("gpt2")).expect("w"),
            "config.json",
            "model_type is \"gpt2\"",
        ),
        (
            "config not JSON",
            |d| std::fs::write(d.join("config.json"), "hidden_size = 4").expect("w"),
            "config.json",
            "not a BERT config.json",
        ),
        (
            "no tokenizer",
            |d| std::fs::remove_file(d.join("tokenizer.json")).expect("rm"),
            "tokenizer.json",
            "cannot read it",
        ),
        (
            "tokenizer of a larger vocabulary",
            |d| {
                let words = ["the", "taliban", "kabul", "moscow"];
                std::fs::write(d.join("tokenizer.json"), tokenizer_json(&words)).expect("w")
            },
            "tokenizer.json",
            "vocab_size is 6",
        ),
    ];
    for (what, spoil, file, words) in rows {
        let root = tempfile::tempdir().expect("temp dir");
        let (dir, hash) = tiny_model(root.path(), spoil);
        let err = match Encoder::load(&dir, &hash) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{what}: the model should be refused"),
        };
        let path = dir.join(file).display().to_string();
        assert!(
            err.contains(&path) && err.contains(words),
            "{what}: error {err:?} should name {path} and say {words:?}"
        );
        assert!(
            err.contains("scripts/fetch-model"),
            "{what}: {err:?} should say how to fix it"
        );
    }
}

#[test]
fn a_wrong_hash_is_refused_naming_both_hashes() {
    let root = tempfile::tempdir().expect("temp dir");
    let (dir, hash) = tiny_model(root.path(), |_| {});
    let wrong = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
    let err = match Encoder::load(&dir, wrong) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a model with another hash must be refused"),
    };
    let path = dir.join("model.safetensors").display().to_string();
    for part in [path.as_str(), wrong, hash.as_str()] {
        assert!(err.contains(part), "error {err:?} should contain {part}");
    }
}

#[test]
fn the_index_covers_every_phrasing_and_its_cache_makes_a_warm_start() {
    let root = tempfile::tempdir().expect("temp dir");
    let (dir, hash) = tiny_model(root.path(), |_| {});
    let encoder = Encoder::load(&dir, &hash).expect("loads").expect("exists");
    let data = Dataset::load(Path::new("data")).unwrap_or_else(|e| panic!("data: {e:?}"));
    let keys: usize = data.entries().map(|e| e.keys().len()).sum();
    let cache = root.path().join("cache").join("embeddings.bin");

    let cold = SemanticIndex::build(&encoder, &data, Some(&cache));
    assert_eq!(cold.len(), data.entries().count(), "one row set per entry");
    assert_eq!(
        cold.stats.phrasings,
        keys + data.unanswered.len(),
        "one row per key of every entry and per question the articles do not answer"
    );
    assert!(
        cold.stats.embedded > 0 && cold.stats.cached == 0,
        "{:?}",
        cold.stats
    );
    assert!(cache.is_file(), "the cold start writes the cache");

    let warm = SemanticIndex::build(&encoder, &data, Some(&cache));
    assert_eq!(
        warm.stats.embedded, 0,
        "the warm start embeds nothing: {:?}",
        warm.stats
    );
    assert_eq!(warm.stats.cached, cold.stats.embedded);

    let question = encoder.embed("the taliban");
    assert_eq!(
        warm.cosines(&question).len(),
        data.entries().count() + usize::from(!data.unanswered.is_empty()),
        "a cosine per entry, then the unanswered questions' best, where the lexical index numbers them"
    );
    let ranked = warm.ranked(&question);
    assert_eq!(
        ranked,
        cold.ranked(&question),
        "cached vectors are the computed ones"
    );
    assert!(
        ranked.windows(2).all(|w| w[0].cosine >= w[1].cosine),
        "highest first"
    );
    for near in &ranked {
        assert_eq!(
            warm.best(&question, near.entry),
            Some(*near),
            "best() agrees with ranked()"
        );
        let entry = near.entry.get(&data).expect("the entry exists");
        let key = entry.keys()[near.key];
        let direct = cosine(&encoder.embed(key), &question);
        assert!(
            (direct - near.cosine).abs() < 1e-5,
            "{}: key {key:?} scores {direct} directly, {} in the index",
            entry.reference(),
            near.cosine
        );
    }
    let beyond = EntryAt {
        kind: Kind::Person,
        index: data.people.len(),
    };
    assert_eq!(
        warm.best(&question, beyond),
        None,
        "an entry not in the dataset"
    );
}
