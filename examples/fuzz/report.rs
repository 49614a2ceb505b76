//! What a fuzz run found: per class, how many inputs, panics and the
//! slowest input with its CPU time; the failures to replay.

use std::cell::RefCell;
use std::time::Duration;

use factdesk::search::Scope;

/// The slowest input of a class.
pub struct Slowest {
    pub op: usize,
    pub name: &'static str,
    pub input: String,
    pub scope: Scope,
    pub wall: Duration,
    /// The least CPU time of a few runs (filled in at the end).
    pub cpu: Duration,
}

pub struct ClassStats {
    pub name: &'static str,
    pub inputs: u64,
    pub panics: u64,
    pub slowest: Option<Slowest>,
}

pub struct Outcome {
    pub classes: Vec<ClassStats>,
    pub panics: u64,
    pub over_bound: u64,
    /// Problems in a file's content reported without line:col (loader).
    pub unplaced: u64,
    /// The first failures, described for a replay.
    pub failures: Vec<String>,
    /// Lines added at the end of the report.
    pub notes: Vec<String>,
}

/// Failures listed in full; the rest are only counted.
const MAX_LISTED: usize = 20;

impl Outcome {
    pub fn new(names: impl Iterator<Item = &'static str>) -> Outcome {
        Outcome {
            classes: names
                .map(|name| ClassStats {
                    name,
                    inputs: 0,
                    panics: 0,
                    slowest: None,
                })
                .collect(),
            panics: 0,
            over_bound: 0,
            unplaced: 0,
            failures: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A panic of input number `at` (replay it with `--replay at`).
    pub fn panic(&mut self, class: usize, at: u64, op: &str, input: &str, message: String) {
        self.panics += 1;
        self.classes[class].panics += 1;
        if self.failures.len() < MAX_LISTED {
            self.failures.push(format!(
                "PANIC in {op} ({}): {message}\n    input #{at}: {}",
                self.classes[class].name,
                preview(input)
            ));
        }
    }

    /// Input number `at` took `cpu` (replay it with `--replay at`).
    pub fn over(&mut self, class: usize, at: u64, op: &str, input: &str, cpu: Duration) {
        self.over_bound += 1;
        if self.failures.len() < MAX_LISTED {
            self.failures.push(format!(
                "OVER THE BOUND in {op} ({}): {} CPU\n    input #{at}: {}",
                self.classes[class].name,
                ms(cpu),
                preview(input)
            ));
        }
    }

    pub fn unplaced(&mut self, class: usize, problem: &str) {
        self.unplaced += 1;
        if self.failures.len() < MAX_LISTED {
            self.failures.push(format!(
                "NO LINE:COL ({}): {problem}",
                self.classes[class].name
            ));
        }
    }

    /// Returns the report as text.
    pub fn text(&self, what: &str) -> String {
        let mut out = format!(
            "{:<32} {:>9} {:>6}  {:<12} {:>10}  slowest input\n",
            "class", "inputs", "panics", "slowest in", "CPU"
        );
        for c in &self.classes {
            let (op, cpu, input) = match &c.slowest {
                Some(s) => (s.name, ms(s.cpu), preview(&s.input)),
                None => ("-", "-".to_string(), String::new()),
            };
            out.push_str(&format!(
                "{:<32} {:>9} {:>6}  {:<12} {:>10}  {input}\n",
                c.name, c.inputs, c.panics, op, cpu
            ));
        }
        let inputs: u64 = self.classes.iter().map(|c| c.inputs).sum();
        out.push_str(&format!(
            "{what}: {inputs} inputs, {} panics, {} over the bound\n",
            self.panics, self.over_bound
        ));
        for n in &self.notes {
            out.push_str(n);
            out.push('\n');
        }
        for f in &self.failures {
            out.push_str(f);
            out.push('\n');
        }
        out
    }

    /// Adds what another job found: counts summed, the slower input kept
    /// per class, failures listed up to the same limit.
    pub fn merge(&mut self, other: Outcome) {
        for (mine, theirs) in self.classes.iter_mut().zip(other.classes) {
            mine.inputs += theirs.inputs;
            mine.panics += theirs.panics;
            let slower = match (&mine.slowest, &theirs.slowest) {
                (Some(a), Some(b)) => b.cpu > a.cpu,
                (None, Some(_)) => true,
                _ => false,
            };
            if slower {
                mine.slowest = theirs.slowest;
            }
        }
        self.panics += other.panics;
        self.over_bound += other.over_bound;
        self.unplaced += other.unplaced;
        let room = MAX_LISTED.saturating_sub(self.failures.len());
        self.failures.extend(other.failures.into_iter().take(room));
        self.notes.extend(other.notes);
    }

    pub fn failed(&self) -> bool {
        self.panics > 0 || self.over_bound > 0 || self.unplaced > 0
    }
}

pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Returns an input shortened for a report line: its first characters,
/// escaped, and its length.
pub fn preview(input: &str) -> String {
    let head: String = input.chars().take(60).collect();
    format!("{head:?} ({} chars)", input.chars().count())
}

thread_local! {
    /// What the last panic on this thread said (each job is a thread).
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps panics quiet (they are counted and reported) but remembers where
/// the last one on each thread happened.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = info.to_string());
    }));
}

/// Returns what the last panic on this thread said, with its location.
pub fn panic_text(_payload: &Box<dyn std::any::Any + Send>) -> String {
    LAST_PANIC.with(|last| last.borrow().replace('\n', " "))
}
