//! The fuzz command: hostile inputs against the matcher and mutated copies
//! of `data/` against the loader, deterministic from a seed.
//!
//! ```text
//! cargo run --release --example fuzz -- matcher --n 10000000
//! cargo run --release --example fuzz -- loader --n 100000
//! ```
//!
//! Options: `--n N` inputs, `--seed S` (default 1), `--jobs J` threads for
//! the matcher (default 1; job 0 replays the one-job run), `--replay I`
//! (matcher: make input number I of a run with that seed and jobs again,
//! print it in full and time each path), `--data DIR` (default
//! `data`), `--bound-ms MS` CPU per path per message (default 2, meant for
//! a release build), `--minutes M` to stop early and report what was run. Prints per class the inputs, panics and the slowest
//! input with its CPU time; exits 1 on a panic, an input over the bound or
//! (loader) a problem without its place, 2 on a usage error.

mod cpu;
mod inputs;
mod loader;
mod matcher;
mod mutations;
mod report;
mod rng;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use factdesk::dataset::Dataset;
use factdesk::{Engine, Thresholds};

struct Args {
    target: String,
    n: u64,
    seed: u64,
    /// Threads for the matcher (each times its own inputs on CPU time).
    jobs: u64,
    /// Matcher: make input number I again (with the run's seed and jobs)
    /// and time it, instead of a run.
    replay: Option<u64>,
    bound: Duration,
    budget: Duration,
    data: PathBuf,
}

const USAGE: &str =
    "usage: fuzz (matcher|loader) [--n N] [--seed S] [--jobs J] [--bound-ms MS] [--minutes M] [--data DIR] [--replay I]";

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let target = args.next().ok_or(USAGE)?;
    if target != "matcher" && target != "loader" {
        return Err(format!("unknown target {target:?}\n{USAGE}"));
    }
    let mut out = Args {
        target,
        n: 10_000,
        seed: 1,
        jobs: 1,
        replay: None,
        bound: Duration::from_millis(2),
        budget: Duration::MAX,
        data: PathBuf::from("data"),
    };
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || {
            value
                .parse::<f64>()
                .map_err(|_| format!("{flag} {value:?}: not a number"))
        };
        match flag.as_str() {
            "--n" => out.n = number()? as u64,
            "--seed" => out.seed = number()? as u64,
            "--jobs" => out.jobs = (number()? as u64).max(1),
            "--replay" => out.replay = Some(number()? as u64),
            "--bound-ms" => out.bound = Duration::from_secs_f64(number()? / 1000.0),
            "--minutes" => out.budget = Duration::from_secs_f64(number()? * 60.0),
            "--data" => out.data = PathBuf::from(&value),
            _ => return Err(format!("unknown option {flag}\n{USAGE}")),
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let dataset = match Dataset::load(&args.data) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        eprintln!("note: a debug build; the CPU bound is meant for --release");
    }
    report::quiet_panics();
    if let (Some(at), "matcher") = (args.replay, args.target.as_str()) {
        let engine = Engine::new(dataset, Thresholds::default());
        print!("{}", matcher::replay(&engine, at, args.seed, args.jobs));
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "fuzz {}: {} inputs, seed {}, bound {}",
        args.target,
        args.n,
        args.seed,
        report::ms(args.bound)
    );
    let outcome = if args.target == "matcher" {
        let engine = Engine::new(dataset, Thresholds::default());
        matcher::run(
            &engine,
            args.n,
            args.seed,
            args.jobs,
            args.bound,
            args.budget,
        )
    } else {
        match loader::run(&args.data, args.n, args.seed, args.budget) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    };
    print!("{}", outcome.text(&args.target));
    if outcome.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
