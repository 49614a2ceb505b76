//! The worst inputs an attacker can type, on the real data: every path a
//! message takes (reply, `--explain`, the log's candidate lookup, `review`
//! and, with Discord, autocomplete) must stay under 2 ms of CPU each. The
//! fuzz command (`cargo run --release --example fuzz -- matcher`) searches
//! for worse; the rows here are the classes it found worst.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use factdesk::dataset::{Dataset, Kind, Reference};
use factdesk::search::Scope;
use factdesk::unanswered::{Channel, Record};
use factdesk::{explain, review, Engine, Thresholds};

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Returns the hostile questions, by class.
fn questions() -> Vec<(&'static str, String)> {
    // A deterministic 1,000-letter word no dictionary has.
    let mut x = 7u32;
    let word: String = (0..1000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((x >> 16) % 26) as u8)
        })
        .collect();
    vec![
        // 1,000 characters that fold to 6,000 letters: too long once normalized.
        ("U+3316 x1000", "\u{3316}".repeat(1000)),
        // Just under the limit once normalized: one 996-letter word.
        ("U+3316 x166", "\u{3316}".repeat(166)),
        ("1000-letter word", word),
        // 1,000 Hangul syllables: one word of 2,000 jamo, each a slow
        // Unicode table lookup.
        ("Hangul x1000", "\u{c37f}".repeat(1000)),
        // A long message of short words: only the first words are matched.
        ("500 one-letter words", "a ".repeat(500)),
        ("glued repeats", "ambassador".repeat(100)),
        ("glued typo repeats", "ambasadr".repeat(125)),
        ("repeated typo word", "ambasadorr ".repeat(90)),
        (
            "distinct typos",
            "wen did teh sovviets invaid afganistan an recognis talibn embasy sanktions "
                .repeat(13),
        ),
        ("short unknown word", "zqxv".to_string()),
    ]
}

fn bench(c: &mut Criterion) {
    let given = Reference::new(Kind::Qa, "x");
    let data = Dataset::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data")))
        .expect("data/ loads");
    let engine = Engine::new(data, Thresholds::default());
    let mut group = c.benchmark_group("hostile");
    for (class, q) in questions() {
        let q = q.as_str();
        group.bench_with_input(BenchmarkId::new("reply", class), q, |b, q| {
            b.iter(|| black_box(engine.reply(Scope::All, black_box(q))))
        });
        group.bench_with_input(BenchmarkId::new("explain", class), q, |b, q| {
            b.iter(|| black_box(explain::explain(&engine, Scope::All, black_box(q))))
        });
        let reply = engine.reply(Scope::All, q);
        group.bench_with_input(BenchmarkId::new("log lookup", class), &reply, |b, r| {
            b.iter(|| Record::of_reply(&engine, Scope::All, black_box(r), Channel::Console))
        });
        let record = Record::not_helpful(&engine, Scope::All, q, &given, Channel::Console);
        let records = [record];
        group.bench_with_input(BenchmarkId::new("review", class), &records, |b, r| {
            b.iter(|| black_box(review::group(&engine, black_box(r), None)))
        });
        #[cfg(feature = "discord")]
        group.bench_with_input(BenchmarkId::new("autocomplete", class), q, |b, q| {
            b.iter(|| {
                // Autocomplete serves /when and /who; people has the most keys.
                black_box(factdesk::discord::autocomplete::choices(
                    &engine,
                    Scope::People,
                    black_box(q),
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
