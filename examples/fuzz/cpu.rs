//! CPU time of the calling thread (what the bound is about: a busy machine
//! stretches wall time, not CPU time).

use std::time::Duration;

/// Returns the CPU time the calling thread has used so far.
pub fn thread_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the clock id is a constant
    // every Linux and macOS libc defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Returns the least CPU time of `runs` runs of `f`.
pub fn least(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = thread_time();
            f();
            thread_time().saturating_sub(start)
        })
        .min()
        .unwrap_or_default()
}
