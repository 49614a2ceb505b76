//! Per-question latency on the real data and on a deterministic synthetic
//! dataset of 10,000 entries, and index build time.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use factdesk::dataset::{Cite, Dataset, Date, Event, Person, PersonKind, Qa, Section, Source};
use factdesk::search::{Index, Scope};
use factdesk::{Engine, Thresholds};

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Questions as people type them: paraphrases, typos, off-topic.
const QUESTIONS: [(Scope, &str); 10] = [
    (Scope::All, "why did russia do this?"),
    (
        Scope::All,
        "@factdesk who is the new afghan envoy in moscow?",
    ),
    (Scope::Timeline, "recognition"),
    (Scope::People, "ambassador"),
    (Scope::All, "wen did the sovviets invade afganistan"),
    (
        Scope::All,
        "quick q: did russia lift sanctions on the taliban",
    ),
    (Scope::All, "what does india think about all this"),
    (Scope::All, "when did russia annex crimea"),
    (Scope::All, "what's the weather in kabul"),
    (Scope::All, "WHAT DID MUTTAQI SAY"),
];

/// A tiny deterministic generator (64-bit LCG), so every run benches the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Returns a dataset of `n` entries (60% Q&A, 20% events, 20% people) over a
/// vocabulary of 20,000 made-up words with a Zipf-like skew.
fn synthetic(n: usize) -> Dataset {
    const SYLLABLES: [&str; 24] = [
        "ka", "ro", "mi", "tan", "sol", "ve", "dri", "qu", "lon", "par", "es", "th", "ul", "nor",
        "bi", "zed", "ak", "ram", "ost", "vin", "gal", "pe", "sha", "dum",
    ];
    let mut rng = Lcg(42);
    let vocab: Vec<String> = (0..20_000)
        .map(|_| {
            let len = 2 + rng.below(3);
            (0..len)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        })
        .collect();
    let word = |rng: &mut Lcg| {
        // Skew: small indices are far more common, as in real text.
        let r = rng.below(vocab.len());
        vocab[r * rng.below(vocab.len()) / vocab.len()].clone()
    };
    let sentence = |rng: &mut Lcg, words: usize| -> String {
        (0..words).map(|_| word(rng)).collect::<Vec<_>>().join(" ")
    };
    let cite = vec![Cite {
        source: 0,
        section: 0,
    }];
    let (mut qa, mut events, mut people) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        match i % 5 {
            0..=2 => qa.push(Qa {
                id: format!("q{i}"),
                question: sentence(&mut rng, 8),
                phrasings: (0..3).map(|_| sentence(&mut rng, 5)).collect(),
                answer: sentence(&mut rng, 40),
                cite: cite.clone(),
                caveat: None,
                asked: Vec::new(),
            }),
            3 => events.push(Event {
                id: format!("e{i}"),
                date: Date::Year(1900 + (i % 125) as i32),
                spoken_date: (1900 + (i % 125)).to_string(),
                title: sentence(&mut rng, 5),
                aliases: (0..3).map(|_| sentence(&mut rng, 2)).collect(),
                description: sentence(&mut rng, 40),
                cite: cite.clone(),
                caveat: None,
                asked: Vec::new(),
            }),
            _ => people.push(Person {
                id: format!("p{i}"),
                name: sentence(&mut rng, 3),
                kind: PersonKind::Person,
                role: sentence(&mut rng, 4),
                roles: (0..3).map(|_| sentence(&mut rng, 2)).collect(),
                aliases: vec![sentence(&mut rng, 1)],
                description: sentence(&mut rng, 30),
                cite: cite.clone(),
                caveat: None,
                asked: Vec::new(),
            }),
        }
    }
    let synonyms = (0..200)
        .map(|_| vec![word(&mut rng), word(&mut rng)])
        .collect();
    Dataset {
        as_of: Date::Day(2025, 7, 5),
        sources: vec![Source {
            id: "s".into(),
            publisher: "p".into(),
            title: "t".into(),
            published: Date::Month(2025, 7),
            sections: vec![Section {
                id: "x".into(),
                heading: "h".into(),
            }],
        }],
        qa,
        events,
        people,
        synonyms: dedup_synonyms(synonyms),
        unanswered: Vec::new(),
    }
}

/// Keeps each word in one synonym group, as the data checker requires.
fn dedup_synonyms(groups: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    groups
        .into_iter()
        .map(|g| {
            g.into_iter()
                .filter(|w| seen.insert(w.clone()))
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() >= 2)
        .collect()
}

/// Returns questions for the synthetic data: phrasings with a typo, and noise.
fn synthetic_questions(data: &Dataset) -> Vec<String> {
    let mut rng = Lcg(7);
    (0..50)
        .map(|i| {
            let q = &data.qa[rng.below(data.qa.len())];
            let mut text = q.phrasings[i % 3].clone();
            if i % 2 == 0 && text.len() > 6 {
                text.remove(3); // a typo
            }
            if i % 5 == 0 {
                text = format!("hey quick q {text} and something else entirely???");
            }
            text
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let real = Dataset::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data")))
        .expect("data/ loads");
    let engine = Engine::new(real.clone(), Thresholds::default());
    let mut i = 0;
    c.bench_function("question/real data", |b| {
        b.iter(|| {
            let (scope, q) = QUESTIONS[i % QUESTIONS.len()];
            i += 1;
            black_box(engine.reply(scope, black_box(q)))
        })
    });
    // Each index is dropped outside the timing: what is measured is building it.
    c.bench_function("index build/real data", |b| {
        b.iter_with_large_drop(|| Index::build(black_box(&real)))
    });

    let big = synthetic(10_000);
    let questions = synthetic_questions(&big);
    let engine = Engine::new(big.clone(), Thresholds::default());
    let mut i = 0;
    c.bench_function("question/synthetic 10k", |b| {
        b.iter(|| {
            let q = &questions[i % questions.len()];
            i += 1;
            black_box(engine.reply(Scope::All, black_box(q)))
        })
    });
    let mut group = c.benchmark_group("index build");
    group.sample_size(10);
    group.bench_function("synthetic 10k", |b| {
        b.iter_with_large_drop(|| Index::build(black_box(&big)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
