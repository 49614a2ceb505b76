//! `fuzz matcher`: every input class through every path a message takes
//! (reply, `--explain`, the log's candidate lookup, `review`, and with
//! Discord autocomplete), catching panics and timing each path.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use factdesk::dataset::{Kind, Reference};
use factdesk::search::Scope;
use factdesk::unanswered::{Channel, Record};
use factdesk::{explain, review, Engine};

use crate::cpu;
use crate::inputs::{Vocabulary, CLASSES};
use crate::report::{Outcome, Slowest};
use crate::rng::Rng;

/// The paths a message can take, each bounded on its own.
const OPS: [&str; 5] = ["reply", "explain", "log lookup", "review", "autocomplete"];

/// Runs one path on one input.
fn run_op(engine: &Engine, op: usize, scope: Scope, q: &str) {
    match op {
        0 => {
            std::hint::black_box(engine.reply(scope, q));
        }
        1 => {
            std::hint::black_box(explain::explain(engine, scope, q));
        }
        2 => {
            let given = Reference::new(Kind::Qa, "x");
            std::hint::black_box(Record::not_helpful(
                engine,
                scope,
                q,
                &given,
                Channel::Console,
            ));
        }
        3 => {
            // What review does with one logged question (as the log keeps it).
            let record = Record {
                time: String::new(),
                question: q.to_string(),
                status: "no_match".to_string(),
                channel: Channel::Console,
                candidates: Vec::new(),
                given: None,
                user: None,
                truncated: None,
            }
            .clipped();
            std::hint::black_box(review::group(engine, &[record], None));
        }
        _ => autocomplete(engine, scope, q),
    }
}

/// Autocomplete serves `/when` and `/who` only.
#[cfg(feature = "discord")]
fn autocomplete(engine: &Engine, scope: Scope, q: &str) {
    let scope = if scope == Scope::Timeline {
        Scope::Timeline
    } else {
        Scope::People
    };
    std::hint::black_box(factdesk::discord::autocomplete::choices(engine, scope, q));
}

#[cfg(not(feature = "discord"))]
fn autocomplete(_: &Engine, _: Scope, _: &str) {}

/// Returns the dataset's words and phrasings.
fn vocabulary(engine: &Engine) -> Vocabulary {
    let mut phrasings: Vec<String> = engine
        .dataset()
        .entries()
        .flat_map(|e| e.keys())
        .map(str::to_string)
        .collect();
    phrasings.sort();
    phrasings.dedup();
    let mut words: Vec<String> = phrasings
        .iter()
        .flat_map(|p| p.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    Vocabulary { words, phrasings }
}

/// Runs `n` inputs (classes in turn) from `seed`, with `bound` of CPU per
/// path, stopping early (and saying so) after `budget`. With `jobs` > 1,
/// job `j` runs every `jobs`-th input from `j` on a thread of its own, from
/// a seed of its own (job 0's is `seed`, so one job replays as before).
pub fn run(
    engine: &Engine,
    n: u64,
    seed: u64,
    jobs: u64,
    bound: Duration,
    budget: Duration,
) -> Outcome {
    let vocab = vocabulary(engine);
    let jobs = jobs.max(1);
    let share = |job: u64| Share {
        first: job,
        step: jobs,
        n,
        seed: job_seed(seed, job),
        loud: job == 0,
    };
    if jobs == 1 {
        return run_share(engine, &vocab, share(0), bound, budget);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|job| {
                let vocab = &vocab;
                scope.spawn(move || run_share(engine, vocab, share(job), bound, budget))
            })
            .collect();
        let mut outcomes = handles.into_iter().map(|h| match h.join() {
            Ok(o) => o,
            Err(panic) => std::panic::resume_unwind(panic),
        });
        let mut total = outcomes.next().expect("at least one job");
        for o in outcomes {
            total.merge(o);
        }
        total
    })
}

/// The seed of job `job` of a run from `seed` (job 0's is `seed`).
fn job_seed(seed: u64, job: u64) -> u64 {
    seed ^ job.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Returns input number `at` of a run from `seed` on `jobs` jobs, in full,
/// with the CPU time of each path on it (the least of 5 runs): a failure
/// the report names by number, made again.
pub fn replay(engine: &Engine, at: u64, seed: u64, jobs: u64) -> String {
    let vocab = vocabulary(engine);
    let jobs = jobs.max(1);
    let job = at % jobs;
    let mut rng = Rng::new(job_seed(seed, job));
    let scopes = [Scope::All, Scope::All, Scope::Timeline, Scope::People];
    for i in (job..=at).step_by(jobs as usize) {
        let class = (i % CLASSES.len() as u64) as usize;
        let input = (CLASSES[class].make)(&mut rng, &vocab);
        let scope = *rng.pick(&scopes);
        if i < at {
            continue;
        }
        let mut out = format!(
            "input #{at} ({}, {scope:?}, {} chars): {input:?}\n",
            CLASSES[class].name,
            input.chars().count()
        );
        for (op, name) in OPS.iter().enumerate() {
            let cpu = cpu::least(5, || run_op(engine, op, scope, &input));
            out.push_str(&format!("  {name:<12} {}\n", crate::report::ms(cpu)));
        }
        return out;
    }
    String::new()
}

/// The inputs one job runs: `first`, `first + step`, ... below `n`.
#[derive(Clone, Copy)]
struct Share {
    first: u64,
    step: u64,
    n: u64,
    seed: u64,
    /// Prints progress.
    loud: bool,
}

fn run_share(
    engine: &Engine,
    vocab: &Vocabulary,
    share: Share,
    bound: Duration,
    budget: Duration,
) -> Outcome {
    let mut rng = Rng::new(share.seed);
    let mut outcome = Outcome::new(CLASSES.iter().map(|c| c.name));
    let scopes = [Scope::All, Scope::All, Scope::Timeline, Scope::People];
    let started = Instant::now();
    let n = share.n;
    for (done, i) in (share.first..n).step_by(share.step as usize).enumerate() {
        if started.elapsed() > budget {
            outcome.notes.push(format!(
                "job {} stopped at the time limit after {done} inputs",
                share.first
            ));
            break;
        }
        let class = (i % CLASSES.len() as u64) as usize;
        let input = (CLASSES[class].make)(&mut rng, vocab);
        let scope = *rng.pick(&scopes);
        let stats = &mut outcome.classes[class];
        stats.inputs += 1;
        for (op, name) in OPS.iter().enumerate() {
            let start = Instant::now();
            let result = catch_unwind(AssertUnwindSafe(|| run_op(engine, op, scope, &input)));
            let wall = start.elapsed();
            if let Err(panic) = result {
                outcome.panic(class, i, name, &input, crate::report::panic_text(&panic));
                continue;
            }
            // Wall time bounds CPU time from above: only a slow-looking
            // input is timed again, on CPU time, to tell load from cost.
            let cpu = if wall > bound {
                cpu::least(3, || run_op(engine, op, scope, &input))
            } else {
                Duration::ZERO
            };
            if cpu > bound {
                outcome.over(class, i, name, &input, cpu);
            }
            let slowest = &mut outcome.classes[class].slowest;
            if slowest.as_ref().is_none_or(|s| wall > s.wall) {
                *slowest = Some(Slowest {
                    op,
                    name,
                    input: input.clone(),
                    scope,
                    wall,
                    cpu: Duration::ZERO,
                });
            }
        }
        if share.loud && (i + share.step) % (n / 20).max(1) < share.step {
            eprintln!(
                "  {} / {n} inputs, {:.0?}, {} panics, {} over the bound (job 0)",
                i + 1,
                started.elapsed(),
                outcome.panics,
                outcome.over_bound
            );
        }
    }
    // The slowest input of each class, timed on CPU for the report.
    for stats in &mut outcome.classes {
        if let Some(s) = &mut stats.slowest {
            s.cpu = cpu::least(5, || run_op(engine, s.op, s.scope, &s.input));
        }
    }
    outcome
}
