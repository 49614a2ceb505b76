//! The BERT forward pass with sentence-transformers mean pooling and L2
//! normalisation, written out by hand over one GEMM routine.
//!
//! Several sentences go through together without padding: their tokens are
//! stacked into one matrix for every linear layer (where the time goes), and
//! only attention looks at each sentence's own rows.

use std::ops::Range;

use super::kernel::linear_rows;
use super::weights::{Linear, Norm, Weights};

/// Up to this many tokens a matrix product runs as dot products over the
/// weights in place ([`linear_rows`]); above it, a packed GEMM pays off.
const FEW_ROWS: usize = 64;

/// Returns one unit-length embedding per token-id sequence.
///
/// Each sequence is `[CLS] … [SEP]` as the tokenizer gives it, at most
/// `max_position_embeddings` long, every id below `vocab_size` (the
/// [`super::Encoder`] sees to both).
pub fn embed(w: &Weights, sequences: &[Vec<u32>]) -> Vec<Vec<f32>> {
    let d = w.dims;
    let h = d.hidden_size;
    let mut spans = Vec::with_capacity(sequences.len());
    let mut total = 0;
    for ids in sequences {
        spans.push(total..total + ids.len());
        total += ids.len();
    }
    let mut x = vec![0f32; total * h];
    for (span, ids) in spans.iter().zip(sequences) {
        for (p, &id) in ids.iter().enumerate() {
            let row = &mut x[(span.start + p) * h..][..h];
            let word = &w.words[id as usize * h..][..h];
            let position = &w.positions[p * h..][..h];
            for (j, v) in row.iter_mut().enumerate() {
                *v = word[j] + position[j] + w.token_type[j];
            }
        }
    }
    layer_norm(&mut x, &w.embedding_norm, d.layer_norm_eps);

    let mut qkv = vec![0f32; total * 3 * h];
    let mut context = vec![0f32; total * h];
    let mut sum = vec![0f32; total * h];
    let mut inner = vec![0f32; total * d.intermediate_size];
    let mut scores = Vec::new();
    for layer in &w.layers {
        linear(&x, &layer.qkv, &mut qkv);
        for span in &spans {
            attention(
                &qkv,
                span.clone(),
                h,
                d.head_dim(),
                &mut context,
                &mut scores,
            );
        }
        linear(&context, &layer.attention_out, &mut sum);
        add_norm(&mut x, &sum, &layer.attention_norm, d.layer_norm_eps);
        linear(&x, &layer.intermediate, &mut inner);
        inner.iter_mut().for_each(|v| *v = gelu(*v));
        linear(&inner, &layer.output, &mut sum);
        add_norm(&mut x, &sum, &layer.output_norm, d.layer_norm_eps);
    }
    spans.iter().map(|span| mean_pool(&x, span, h)).collect()
}

/// `y = x Wᵀ + b` for every row of `x`.
fn linear(x: &[f32], l: &Linear, y: &mut [f32]) {
    if x.len() <= FEW_ROWS * l.inputs {
        linear_rows(x, l, y);
    } else {
        linear_gemm(x, l, y);
    }
}

/// [`linear`] by matrixmultiply's packed GEMM.
fn linear_gemm(x: &[f32], l: &Linear, y: &mut [f32]) {
    let rows = x.len() / l.inputs;
    assert!(
        x.len() == rows * l.inputs
            && y.len() == rows * l.outputs
            && l.weight.len() == l.inputs * l.outputs
            && l.bias.len() == l.outputs,
        "linear layer shapes disagree"
    );
    for row in y.chunks_exact_mut(l.outputs) {
        row.copy_from_slice(&l.bias);
    }
    // SAFETY: the assert above keeps every index sgemm touches inside the
    // three slices: x is rows × inputs (row stride inputs), W is read
    // transposed as inputs × outputs (row stride 1, column stride inputs)
    // over its outputs × inputs storage, y is rows × outputs; y does not
    // alias x or W (it is borrowed mutably).
    unsafe {
        matrixmultiply::sgemm(
            rows,
            l.inputs,
            l.outputs,
            1.0,
            x.as_ptr(),
            l.inputs as isize,
            1,
            l.weight.as_ptr(),
            1,
            l.inputs as isize,
            1.0,
            y.as_mut_ptr(),
            l.outputs as isize,
            1,
        );
    }
}

/// Multi-head self-attention of one sentence (rows `span`): reads queries,
/// keys and values from `qkv` (`[rows, 3 * hidden]`), writes `context`.
fn attention(
    qkv: &[f32],
    span: Range<usize>,
    hidden: usize,
    head_dim: usize,
    context: &mut [f32],
    scores: &mut Vec<f32>,
) {
    let scale = 1.0 / (head_dim as f32).sqrt();
    let stride = 3 * hidden;
    for head in (0..hidden).step_by(head_dim) {
        for i in span.clone() {
            let q = &qkv[i * stride + head..][..head_dim];
            scores.clear();
            scores.extend(span.clone().map(|j| {
                let k = &qkv[j * stride + hidden + head..][..head_dim];
                dot(q, k) * scale
            }));
            softmax(scores);
            let out = &mut context[i * hidden + head..][..head_dim];
            out.fill(0.0);
            for (j, &p) in span.clone().zip(scores.iter()) {
                let v = &qkv[j * stride + 2 * hidden + head..][..head_dim];
                out.iter_mut().zip(v).for_each(|(o, v)| *o += p * v);
            }
        }
    }
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight partial sums let the compiler keep them in one vector register.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

fn softmax(v: &mut [f32]) {
    let max = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut total = 0.0;
    for x in v.iter_mut() {
        *x = (*x - max).exp();
        total += *x;
    }
    v.iter_mut().for_each(|x| *x /= total);
}

/// `x = LayerNorm(x + residual)`, row by row.
fn add_norm(x: &mut [f32], residual: &[f32], norm: &Norm, eps: f32) {
    x.iter_mut().zip(residual).for_each(|(a, b)| *a += b);
    layer_norm(x, norm, eps);
}

fn layer_norm(x: &mut [f32], norm: &Norm, eps: f32) {
    let h = norm.gamma.len();
    for row in x.chunks_exact_mut(h) {
        let mean = row.iter().sum::<f32>() / h as f32;
        let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, g), b) in row.iter_mut().zip(&norm.gamma).zip(&norm.beta) {
            *v = (*v - mean) * inv * g + b;
        }
    }
}

/// The exact (erf) GELU that BERT's `hidden_act = "gelu"` names.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26).
fn erf(x: f32) -> f32 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152_1 + t * 1.061_405_4))));
    let y = 1.0 - poly * (-x * x).exp();
    y.copysign(x)
}

/// Mean of the rows `span` of `x`, scaled to unit length.
fn mean_pool(x: &[f32], span: &Range<usize>, h: usize) -> Vec<f32> {
    let mut mean = vec![0f32; h];
    for row in x[span.start * h..span.end * h].chunks_exact(h) {
        mean.iter_mut().zip(row).for_each(|(m, v)| *m += v);
    }
    let norm = dot(&mean, &mean).sqrt().max(1e-12);
    mean.iter_mut().for_each(|m| *m /= norm);
    mean
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random value in -1..1.
    fn value(i: usize) -> f32 {
        let h = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
        (h as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }

    #[test]
    fn both_matrix_products_agree_with_the_definition() {
        // (rows, inputs, outputs): odd rows and outputs, inputs off the lane width.
        let shapes = [
            (1, 8, 4),
            (2, 16, 8),
            (3, 13, 6),
            (5, 384, 7),
            (70, 40, 9),
            (1, 3, 1),
        ];
        for (rows, inputs, outputs) in shapes {
            let x: Vec<f32> = (0..rows * inputs).map(value).collect();
            let l = Linear {
                weight: (0..inputs * outputs).map(|i| value(i + 7_000)).collect(),
                bias: (0..outputs).map(|i| value(i + 90_000)).collect(),
                inputs,
                outputs,
            };
            let mut want = vec![0f32; rows * outputs];
            for t in 0..rows {
                for o in 0..outputs {
                    want[t * outputs + o] = l.bias[o]
                        + (0..inputs)
                            .map(|k| x[t * inputs + k] * l.weight[o * inputs + k])
                            .sum::<f32>();
                }
            }
            for (name, product) in [
                (
                    "linear_rows",
                    linear_rows as fn(&[f32], &Linear, &mut [f32]),
                ),
                ("linear_gemm", linear_gemm),
            ] {
                let mut got = vec![f32::NAN; rows * outputs];
                product(&x, &l, &mut got);
                for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                    assert!(
                        (g - w).abs() < 1e-4,
                        "{name} {rows}x{inputs}x{outputs}: element {i} is {g}, expected {w}"
                    );
                }
            }
        }
    }

    #[test]
    fn erf_matches_known_values() {
        // (x, erf(x)) from tables.
        let table = [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-1.0, -0.842_700_8),
            (2.0, 0.995_322_3),
            (-3.5, -0.999_999_3),
        ];
        for (x, want) in table {
            let got = erf(x);
            assert!(
                (got - want).abs() < 5e-7,
                "erf({x}) = {got}, expected {want}"
            );
        }
    }

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let mut v = vec![1.0, 3.0, 2.0, -50.0];
        softmax(&mut v);
        let total: f32 = v.iter().sum();
        assert!((total - 1.0).abs() < 1e-6, "softmax sums to {total}");
        assert!(
            v[1] > v[2] && v[2] > v[0] && v[0] > v[3],
            "order lost: {v:?}"
        );
    }

    #[test]
    fn dot_covers_the_tail() {
        for n in [0, 1, 7, 8, 9, 17, 384] {
            let a: Vec<f32> = (0..n).map(|i| (i % 5) as f32).collect();
            let want: f32 = a.iter().map(|x| x * x).sum();
            assert_eq!(dot(&a, &a), want, "dot over {n} values");
        }
    }
}
