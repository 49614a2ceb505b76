//! Picking the best few of many entries without building every one: an
//! entry whose score bound is below scores already built cannot be among
//! the best.

use std::cmp::Ordering;

/// Returns the entries of `entries` that may be among the `limit` best,
/// built by `build` (every one that is, and maybe a few more; all of them
/// when `limit` is 0), in no particular order.
///
/// `bound(n)` is never below `score(&build(n))`. The entries of the
/// `limit` highest bounds are built first; the lowest of their scores is
/// then a floor, and any other entry whose bound is below it scores below
/// `limit` built ones, so it is not built.
pub fn best<C>(
    entries: impl Iterator<Item = u32>,
    limit: usize,
    bound: impl Fn(u32) -> f32,
    build: impl Fn(u32) -> C,
    score: impl Fn(&C) -> f32,
) -> Vec<C> {
    // Sized up front: a filtered collect would grow it step by step.
    let mut bounds: Vec<(f32, u32)> = Vec::with_capacity(entries.size_hint().1.unwrap_or(0));
    bounds.extend(entries.map(|n| (bound(n), n)));
    if limit == 0 || bounds.len() <= limit {
        return bounds.into_iter().map(|(_, n)| build(n)).collect();
    }
    let built = |&(b, n): &(f32, u32)| {
        let c = build(n);
        let below = b.partial_cmp(&score(&c)) == Some(Ordering::Less);
        debug_assert!(!below, "entry {n}: bound {b} below its score");
        c
    };
    // Neither `first` nor `floor` is NaN; an entry whose bound is NaN is built.
    let reaches = |b: f32, x: f32| b >= x || b.is_nan();
    let first = kth_highest(bounds.iter().map(|&(b, _)| b), limit);
    let mut out: Vec<C> = Vec::with_capacity(bounds.len());
    out.extend(
        bounds
            .iter()
            .filter(|&&(b, _)| reaches(b, first))
            .map(built),
    );
    let floor = out.iter().map(&score).fold(f32::INFINITY, f32::min);
    out.extend(
        bounds
            .iter()
            .filter(|&&(b, _)| !reaches(b, first) && reaches(b, floor))
            .map(built),
    );
    out
}

/// Returns the `k`-th highest of `values` other than NaN (k >= 1), or minus
/// infinity when there are fewer than `k`.
fn kth_highest(values: impl Iterator<Item = f32>, k: usize) -> f32 {
    // The `k` highest so far, highest first.
    let mut top: Vec<f32> = Vec::with_capacity(k + 1);
    for v in values {
        if v.is_nan() || (top.len() == k && v <= top[k - 1]) {
            continue;
        }
        let at = top.partition_point(|&t| t >= v);
        top.insert(at, v);
        top.truncate(k);
    }
    top.get(k - 1).copied().unwrap_or(f32::NEG_INFINITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns the `limit` best of `scores` (entry numbers, best first, ties
    /// by number), as ranking orders them.
    fn top(scores: &[f32], numbers: impl Iterator<Item = u32>, limit: usize) -> Vec<u32> {
        let mut all: Vec<u32> = numbers.collect();
        all.sort_by(|&a, &b| {
            scores[b as usize]
                .total_cmp(&scores[a as usize])
                .then(a.cmp(&b))
        });
        all.truncate(limit);
        all
    }

    #[test]
    fn the_best_are_always_built() {
        // (scores, slack added to each score for its bound, limit)
        let rows: [(&[f32], f32, usize); 7] = [
            (&[0.1, 0.9, 0.5, 0.3, 0.7], 0.0, 2),
            (&[0.1, 0.9, 0.5, 0.3, 0.7], 0.25, 2),
            (&[0.5, 0.5, 0.5, 0.5], 0.0, 2),
            (&[0.2, 0.4], 0.0, 8),
            (&[0.2, 0.4, 0.1], 0.0, 0),
            (&[0.0, 0.0, 1.0, 0.0], 0.0, 1),
            (&[0.3, 0.1, 0.2, 0.9, 0.8, 0.7, 0.6], 1.0, 3),
        ];
        for (scores, slack, limit) in rows {
            let n = scores.len() as u32;
            let built = best(
                0..n,
                limit,
                |i| scores[i as usize] + slack,
                |i| i,
                |&i| scores[i as usize],
            );
            let want_all = limit == 0;
            let kept = top(scores, built.iter().copied(), limit.max(built.len()));
            let expected = top(scores, 0..n, if want_all { n as usize } else { limit });
            assert_eq!(
                &kept[..expected.len()],
                &expected[..],
                "scores {scores:?}, slack {slack}, limit {limit}: built {built:?} misses one of the best"
            );
        }
    }

    #[test]
    fn a_tight_bound_builds_few() {
        let scores = [0.1, 0.9, 0.5, 0.3, 0.7, 0.2, 0.8];
        let built = best(
            0..7,
            2,
            |i| scores[i as usize],
            |i| i,
            |&i| scores[i as usize],
        );
        let mut built = built;
        built.sort();
        assert_eq!(
            built,
            vec![1, 6],
            "exact bounds should build only the two best"
        );
    }

    #[test]
    fn kth_highest_skips_nan() {
        // (values, k, expected)
        let rows: [(&[f32], usize, f32); 5] = [
            (&[0.3, 0.9, 0.1, 0.7], 1, 0.9),
            (&[0.3, 0.9, 0.1, 0.7], 2, 0.7),
            (&[0.3, 0.9, 0.1, 0.7], 4, 0.1),
            (&[0.5, 0.5, 0.2], 2, 0.5),
            (&[f32::NAN, 0.4], 2, f32::NEG_INFINITY),
        ];
        for (values, k, expected) in rows {
            let got = kth_highest(values.iter().copied(), k);
            assert_eq!(got, expected, "{k}-th highest of {values:?}");
        }
    }

    #[test]
    fn a_nan_bound_is_built() {
        let scores = [0.9, 0.8, 0.1];
        let bounds = [0.9, 0.8, f32::NAN];
        let built = best(
            0..3,
            1,
            |i| bounds[i as usize],
            |i| i,
            |&i| scores[i as usize],
        );
        assert!(
            built.contains(&2),
            "a NaN bound should not rule an entry out: {built:?}"
        );
    }
}
