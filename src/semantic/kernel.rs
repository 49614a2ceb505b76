//! `y = x Wᵀ + b` for the few rows (tokens) of one question, without the
//! packing copy a general GEMM makes of `W` on every call: each output is a
//! dot product of two contiguous rows, four outputs by two tokens at a time,
//! with fused multiply-adds where the CPU has them (checked at run time).

use super::weights::Linear;

/// Computes `y = x Wᵀ + b`; `x` is `[rows, inputs]`, `y` is `[rows, outputs]`.
pub fn linear_rows(x: &[f32], l: &Linear, y: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has the two features the function is compiled for.
        unsafe { linear_fma(x, l, y) };
        return;
    }
    kernel::<false>(x, l, y);
}

/// [`kernel`] with AVX2 fused multiply-adds on the four-by-two tiles.
///
/// # Safety
/// The CPU must have AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn linear_fma(x: &[f32], l: &Linear, y: &mut [f32]) {
    use std::arch::x86_64::*;
    let k = l.inputs;
    let rows = x.len() / k;
    assert!(
        x.len() == rows * k && y.len() == rows * l.outputs && l.weight.len() == k * l.outputs,
        "linear layer shapes disagree"
    );
    let chunks = k / LANES;
    let mut o = 0;
    while o + 4 <= l.outputs {
        let w = [0, 1, 2, 3].map(|i| &l.weight[(o + i) * k..][..k]);
        let mut t = 0;
        while t + 2 <= rows {
            let xs = [&x[t * k..][..k], &x[(t + 1) * k..][..k]];
            let mut acc = [[_mm256_setzero_ps(); 4]; 2];
            for c in 0..chunks {
                let at = c * LANES;
                // SAFETY: at + LANES <= k, the length of every row slice.
                let xv = xs.map(|r| _mm256_loadu_ps(r.as_ptr().add(at)));
                for (i, w) in w.iter().enumerate() {
                    let wv = _mm256_loadu_ps(w.as_ptr().add(at));
                    acc[0][i] = _mm256_fmadd_ps(wv, xv[0], acc[0][i]);
                    acc[1][i] = _mm256_fmadd_ps(wv, xv[1], acc[1][i]);
                }
            }
            for (r, row) in acc.iter().enumerate() {
                for (i, v) in row.iter().enumerate() {
                    let mut lanes = [0f32; LANES];
                    // SAFETY: lanes holds exactly one vector.
                    _mm256_storeu_ps(lanes.as_mut_ptr(), *v);
                    let tail: f32 = (chunks * LANES..k).map(|j| w[i][j] * xs[r][j]).sum();
                    y[(t + r) * l.outputs + o + i] =
                        lanes.iter().sum::<f32>() + tail + l.bias[o + i];
                }
            }
            t += 2;
        }
        for t in t..rows {
            for (i, w) in w.iter().enumerate() {
                y[t * l.outputs + o + i] = dot::<true>(w, &x[t * k..][..k]) + l.bias[o + i];
            }
        }
        o += 4;
    }
    for o in o..l.outputs {
        for t in 0..rows {
            let w = &l.weight[o * k..][..k];
            y[t * l.outputs + o] = dot::<true>(w, &x[t * k..][..k]) + l.bias[o];
        }
    }
}

const LANES: usize = 8;

#[inline(always)]
fn kernel<const FMA: bool>(x: &[f32], l: &Linear, y: &mut [f32]) {
    let k = l.inputs;
    let rows = x.len() / k;
    assert!(
        x.len() == rows * k && y.len() == rows * l.outputs && l.weight.len() == k * l.outputs,
        "linear layer shapes disagree"
    );
    let mut o = 0;
    while o + 4 <= l.outputs {
        let w = [0, 1, 2, 3].map(|i| &l.weight[(o + i) * k..][..k]);
        let mut t = 0;
        while t + 2 <= rows {
            let xs = [&x[t * k..][..k], &x[(t + 1) * k..][..k]];
            let sums = tile::<FMA>(w, xs);
            for (r, row_sums) in sums.iter().enumerate() {
                for (i, s) in row_sums.iter().enumerate() {
                    y[(t + r) * l.outputs + o + i] = s + l.bias[o + i];
                }
            }
            t += 2;
        }
        for t in t..rows {
            for (i, w) in w.iter().enumerate() {
                y[t * l.outputs + o + i] = dot::<FMA>(w, &x[t * k..][..k]) + l.bias[o + i];
            }
        }
        o += 4;
    }
    for o in o..l.outputs {
        for t in 0..rows {
            let w = &l.weight[o * k..][..k];
            y[t * l.outputs + o] = dot::<FMA>(w, &x[t * k..][..k]) + l.bias[o];
        }
    }
}

#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// Four weight rows against two token rows: `[token][output]` dot products.
#[inline(always)]
fn tile<const FMA: bool>(w: [&[f32]; 4], x: [&[f32]; 2]) -> [[f32; 4]; 2] {
    let mut acc = [[[0f32; LANES]; 4]; 2];
    let chunks = w[0].len() / LANES;
    for c in 0..chunks {
        let at = c * LANES;
        let xs = [&x[0][at..at + LANES], &x[1][at..at + LANES]];
        for (i, w) in w.iter().enumerate() {
            let w = &w[at..at + LANES];
            for (r, x) in xs.iter().enumerate() {
                for lane in 0..LANES {
                    acc[r][i][lane] = madd::<FMA>(w[lane], x[lane], acc[r][i][lane]);
                }
            }
        }
    }
    let mut out = [[0f32; 4]; 2];
    for r in 0..2 {
        for i in 0..4 {
            let tail: f32 = (chunks * LANES..w[i].len())
                .map(|j| w[i][j] * x[r][j])
                .sum();
            out[r][i] = acc[r][i].iter().sum::<f32>() + tail;
        }
    }
    out
}

#[inline(always)]
fn dot<const FMA: bool>(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(p, q)| p * q)
        .sum();
    for (p, q) in ca.zip(cb) {
        for lane in 0..LANES {
            acc[lane] = madd::<FMA>(p[lane], q[lane], acc[lane]);
        }
    }
    acc.iter().sum::<f32>() + tail
}
