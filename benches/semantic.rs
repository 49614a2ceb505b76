//! The sentence encoder with the real model (scripts/fetch-model): time to
//! embed one question (criterion's median, plus median and p99 over 500
//! eval-set questions computed here), cold start (every phrasing of the real
//! data embedded) and warm start (all from the cache), and peak RSS.
//!
//! Without the model it says so and measures nothing.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};

use factdesk::dataset::Dataset;
use factdesk::engine::Semantic;
use factdesk::search::Scope;
use factdesk::semantic::{Encoder, SemanticIndex};
use factdesk::{Engine, Thresholds};

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MODEL_DIR: &str = "models/all-MiniLM-L6-v2";
const SHA256: &str = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";
const QUESTIONS: usize = 500;

/// Returns the question column of the eval sets, up to [`QUESTIONS`].
fn eval_questions() -> Vec<String> {
    let mut out = Vec::new();
    for set in ["tune", "holdout", "blind"] {
        let path = format!("tests/eval/{set}.tsv");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        out.extend(
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.splitn(3, '\t').nth(2))
                .map(str::to_string),
        );
    }
    out.truncate(QUESTIONS);
    out
}

/// Returns a line of /proc/self/status (`VmHWM`, `VmRSS`) in MB.
fn status_mb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Returns the time this thread has spent on a CPU, in ms (Linux
/// schedstat), to tell the encoder's own cost from waiting for a busy machine.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

fn semantic(c: &mut Criterion) {
    let load = Instant::now();
    let encoder = match Encoder::load(Path::new(MODEL_DIR), SHA256) {
        Ok(Some(e)) => e,
        Ok(None) => {
            eprintln!(
                "SKIPPED benches/semantic.rs: no model at {MODEL_DIR} (run scripts/fetch-model)"
            );
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let load = load.elapsed().as_secs_f64();
    let rss_model = status_mb("VmHWM:").unwrap_or(f64::NAN);
    let data = Dataset::load(Path::new("data")).expect("the real data loads");

    // Per question, one at a time as the bot does it.
    let questions = eval_questions();
    for q in questions.iter().take(20) {
        black_box(encoder.embed(q));
    }
    let (mut ms, mut cpu): (Vec<f64>, Vec<f64>) = questions
        .iter()
        .map(|q| {
            let (t, c) = (Instant::now(), cpu_ms());
            black_box(encoder.embed(q));
            let wall = t.elapsed().as_secs_f64() * 1e3;
            (wall, cpu_ms().zip(c).map_or(f64::NAN, |(b, a)| b - a))
        })
        .unzip();
    ms.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    eprintln!(
        "semantic: per question over {} eval questions: median {:.2} ms, p99 {:.2} ms, max {:.2} ms \
         (on-CPU time: median {:.2} ms, p99 {:.2} ms; load average {})",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        ms[ms.len() - 1],
        percentile(&cpu, 0.5),
        percentile(&cpu, 0.99),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim()
    );

    // Cold start: nothing cached; warm start: everything cached.
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("embeddings.bin");
    let cold = SemanticIndex::build(&encoder, &data, Some(&cache));
    let warm = SemanticIndex::build(&encoder, &data, Some(&cache));
    assert_eq!(warm.stats.embedded, 0, "the warm start computed nothing");
    eprintln!(
        "semantic: model load {load:.2} s; cold start {:.1} s ({} phrasings, {} distinct texts \
         embedded); warm start {:.3} s ({} from the cache)",
        cold.stats.seconds,
        cold.stats.phrasings,
        cold.stats.embedded,
        warm.stats.seconds,
        warm.stats.cached
    );
    eprintln!(
        "semantic: peak RSS {rss_model:.0} MB after loading the model, {:.0} MB after both \
         index builds (VmHWM)",
        status_mb("VmHWM:").unwrap_or(f64::NAN)
    );

    // The whole reply with the encoder in use, as the bot gives it: the
    // encoder reads only questions the lexical match is not sure of.
    let encoder = std::sync::Arc::new(encoder);
    let semantic = Semantic::new(encoder.clone(), &data, Some(cache.clone()));
    let engine = Engine::new(data.clone(), Thresholds::default()).with_semantic(semantic);
    let mut replies: Vec<f64> = questions
        .iter()
        .map(|q| {
            let t = Instant::now();
            black_box(engine.reply(Scope::All, q));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let read = questions
        .iter()
        .filter(|q| !engine.analyze(Scope::All, q).query.semantic.is_empty())
        .count();
    replies.sort_by(f64::total_cmp);
    eprintln!(
        "semantic: whole reply with the encoder in use, over {} eval questions: median {:.2} ms, \
         p99 {:.2} ms; the encoder read {read} of them (the rest were sure lexically)",
        replies.len(),
        percentile(&replies, 0.5),
        percentile(&replies, 0.99),
    );

    let mut group = c.benchmark_group("semantic");
    group.bench_function("embed one question", |b| {
        b.iter(|| encoder.embed(black_box("what's in it for moscow")))
    });
    let qvec = encoder.embed("who blinked first on kabul");
    group.bench_function("rank every entry for a question vector", |b| {
        b.iter(|| warm.ranked(black_box(&qvec)))
    });
    group.sample_size(10);
    group.bench_function("warm start (index from the cache)", |b| {
        b.iter(|| SemanticIndex::build(&encoder, &data, Some(&cache)))
    });
    group.finish();
}

criterion_group!(benches, semantic);
criterion_main!(benches);
