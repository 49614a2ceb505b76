//! `fuzz loader`: mutated copies of `data/` through `Dataset::load`,
//! catching panics, timing each load and checking that every problem it
//! reports in a file's content names its line and column.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use factdesk::dataset::{Dataset, LoadError, FILES};

use crate::cpu;
use crate::mutations::MUTATIONS;
use crate::report::{Outcome, Slowest};
use crate::rng::Rng;

/// Special files put where a data file belongs (checked every so often).
const SPECIAL: &str = "FIFO, /dev/zero, directory";

/// Runs `n` mutated datasets from `seed`, built from the files in `data`,
/// stopping early (and saying so) after `budget`.
///
/// Returns an error if the pristine files cannot be read or a temporary
/// directory cannot be written.
pub fn run(data: &Path, n: u64, seed: u64, budget: Duration) -> Result<Outcome, String> {
    let pristine: Vec<Vec<u8>> = FILES
        .iter()
        .map(|f| {
            std::fs::read(data.join(f)).map_err(|e| format!("{}: {e}", data.join(f).display()))
        })
        .collect::<Result<_, _>>()?;
    let dir = tempfile::tempdir().map_err(|e| format!("a temp dir: {e}"))?;
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.path().join(name), bytes)
            .map_err(|e| format!("{}: {e}", dir.path().join(name).display()))
    };
    for (name, bytes) in FILES.iter().zip(&pristine) {
        write(name, bytes)?;
    }
    let mut rng = Rng::new(seed);
    let names = MUTATIONS.iter().map(|m| m.name).chain([SPECIAL]);
    let mut outcome = Outcome::new(names);
    let classes = MUTATIONS.len() + 1;
    let (mut problems, mut unplaced) = (0u64, 0u64);
    let started = Instant::now();
    for i in 0..n {
        if started.elapsed() > budget {
            outcome.notes.push(format!(
                "stopped at the time limit after {i} of {n} datasets"
            ));
            break;
        }
        let class = (i % classes as u64) as usize;
        let f = rng.below(FILES.len());
        let path = dir.path().join(FILES[f]);
        let what = if class < MUTATIONS.len() {
            let bytes = (MUTATIONS[class].apply)(&mut rng, &pristine[f], &pristine);
            write(FILES[f], &bytes)?;
            format!("{} with {}", FILES[f], MUTATIONS[class].name)
        } else {
            special(&mut rng, &path)?
        };
        outcome.classes[class].inputs += 1;
        let cpu_start = cpu::thread_time();
        let wall_start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| Dataset::load(dir.path())));
        let (wall, cpu_time) = (wall_start.elapsed(), cpu::thread_time() - cpu_start);
        match result {
            Err(panic) => {
                outcome.panic(class, i, "load", &what, crate::report::panic_text(&panic));
            }
            Ok(Err(LoadError::Invalid(found))) => {
                for p in found {
                    problems += 1;
                    if p.line == 0 || p.col == 0 {
                        unplaced += 1;
                        outcome.unplaced(class, &format!("{what}: {p}"));
                    }
                }
            }
            Ok(Err(LoadError::Unreadable(found))) => problems += found.len() as u64,
            Ok(Ok(_)) => {}
        }
        let slowest = &mut outcome.classes[class].slowest;
        if slowest.as_ref().is_none_or(|s| wall > s.wall) {
            *slowest = Some(Slowest {
                op: 0,
                name: "load",
                input: what,
                scope: factdesk::search::Scope::All,
                wall,
                cpu: cpu_time,
            });
        }
        // Put the file back.
        if path.is_dir() {
            std::fs::remove_dir(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            let _ = std::fs::remove_file(&path);
        }
        write(FILES[f], &pristine[f])?;
        if (i + 1) % (n / 20).max(1) == 0 {
            eprintln!(
                "  {} / {n} datasets, {:.0?}, {} panics, {problems} problems, {unplaced} without line:col",
                i + 1,
                started.elapsed(),
                outcome.panics
            );
        }
    }
    outcome.notes.push(format!(
        "{problems} problems reported, {unplaced} of those in a file's content without line:col"
    ));
    Ok(outcome)
}

/// Puts a FIFO, a link to /dev/zero or a directory at `path`.
///
/// Returns what it put.
fn special(rng: &mut Rng, path: &Path) -> Result<String, String> {
    std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(match rng.below(3) {
        0 => {
            let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
                .map_err(|e| e.to_string())?;
            // SAFETY: `c` is a valid NUL-terminated path.
            if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
                return Err(fail(std::io::Error::last_os_error()));
            }
            format!("{name} as a FIFO")
        }
        1 => {
            std::os::unix::fs::symlink("/dev/zero", path).map_err(fail)?;
            format!("{name} linked to /dev/zero")
        }
        _ => {
            std::fs::create_dir(path).map_err(fail)?;
            format!("{name} as a directory")
        }
    })
}
