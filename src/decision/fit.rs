//! Fitting the decision: L2-regularized logistic regression by Newton's
//! method over labeled examples (the features of a question's analysis,
//! and whether its top candidate was right), then boosted trees that
//! correct its logit (see [`trees`](super::trees)). Deterministic: the
//! same examples give the same model.

use super::features::{Feature, Features};
use super::model::Model;
use super::trees::{boost, Boosting};

/// One labeled question: its features and whether the top candidate was
/// an accepted answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Example {
    pub features: Features,
    pub right: bool,
}

/// How strongly weights are pulled towards 0 (not the bias).
const L2: f64 = 0.5;

/// Returns the model fitted to `examples`: the logistic weights, then the
/// trees that correct them.
pub fn fit(examples: &[Example]) -> Model {
    let mut model = fit_logistic(examples);
    let features: Vec<Features> = examples.iter().map(|e| e.features).collect();
    let right: Vec<bool> = examples.iter().map(|e| e.right).collect();
    let start: Vec<f32> = features.iter().map(|f| model.linear(f)).collect();
    model.trees = boost(&features, &right, &start, Boosting::default());
    model
}

/// Returns the logistic part of the model fitted to `examples`, no trees.
pub fn fit_logistic(examples: &[Example]) -> Model {
    const N: usize = Feature::ALL.len() + 1;
    let row = |e: &Example| {
        let mut x = [0.0f64; N];
        x[0] = 1.0;
        for (i, v) in e.features.0.iter().enumerate() {
            x[i + 1] = f64::from(*v);
        }
        x
    };
    let mut w = [0.0f64; N];
    for _ in 0..50 {
        let mut grad = [0.0f64; N];
        let mut hess = [[0.0f64; N]; N];
        for e in examples {
            let x = row(e);
            let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = if e.right { 1.0 } else { 0.0 };
            for i in 0..N {
                grad[i] += (p - y) * x[i];
                for j in 0..N {
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..N {
            grad[i] += L2 * w[i];
            hess[i][i] += L2;
        }
        hess[0][0] += 1e-6;
        let Some(step) = solve(hess, grad) else { break };
        let mut biggest: f64 = 0.0;
        for i in 0..N {
            w[i] -= step[i];
            biggest = biggest.max(step[i].abs());
        }
        if biggest < 1e-7 {
            break;
        }
    }
    let mut weights = [0.0f32; Feature::ALL.len()];
    for (i, v) in weights.iter_mut().enumerate() {
        *v = w[i + 1] as f32;
    }
    Model {
        bias: w[0] as f32,
        weights,
        trees: Vec::new(),
    }
}

/// What a wrong answer costs against a right one when choosing the
/// answer threshold: a confident wrong answer is worse than a "did you
/// mean".
const WRONG_COST: f32 = 4.0;

/// Returns the answer threshold (0.30 to 0.90, in steps of 0.01) that
/// does best on `examples`: right answers minus [`WRONG_COST`] times
/// wrong ones; the lowest of equals.
pub fn best_threshold(model: &Model, examples: &[Example]) -> f32 {
    let scored: Vec<(f32, bool)> = examples
        .iter()
        .map(|e| (model.probability(&e.features), e.right))
        .collect();
    let mut best = (f32::NEG_INFINITY, 0.5);
    for step in 30..=90 {
        let t = step as f32 / 100.0;
        let utility: f32 = scored
            .iter()
            .filter(|(p, _)| *p >= t)
            .map(|&(_, right)| if right { 1.0 } else { -WRONG_COST })
            .sum();
        if utility > best.0 {
            best = (utility, t);
        }
    }
    best.1
}

/// Returns x with `a` x = `b`, by Gaussian elimination with partial
/// pivoting, or `None` when `a` is singular.
fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> Option<[f64; N]> {
    for col in 0..N {
        let pivot = (col..N).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..N {
            let f = a[r][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[r].iter_mut().zip(pivot_row).skip(col) {
                *x -= f * p;
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; N];
    for r in (0..N).rev() {
        let s: f64 = (r + 1..N).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(top: f32, right: bool) -> Example {
        let mut f = Features([0.0; Feature::ALL.len()]);
        f.0[Feature::TopScore as usize] = top;
        Example { features: f, right }
    }

    #[test]
    fn a_feature_that_separates_gets_a_positive_weight() {
        let examples: Vec<Example> = (0..200)
            .map(|i| {
                let top = i as f32 / 200.0;
                // Right above 0.5, with some noise near it.
                example(top, top > 0.5 || i % 17 == 0)
            })
            .collect();
        let model = fit_logistic(&examples);
        assert!(model.weights[Feature::TopScore as usize] > 2.0, "{model:?}");
        let p = |top| model.probability(&example(top, true).features);
        assert!(
            p(0.9) > 0.8 && p(0.1) < 0.2,
            "p(0.9)={} p(0.1)={}",
            p(0.9),
            p(0.1)
        );
        assert_eq!(fit_logistic(&examples), model, "fitting is deterministic");
        let boosted = fit(&examples);
        assert_eq!(fit(&examples), boosted, "boosting is deterministic");
    }

    #[test]
    fn the_threshold_weighs_wrong_answers_heavier() {
        let mut model = Model {
            bias: 0.0,
            weights: [0.0; Feature::ALL.len()],
            trees: Vec::new(),
        };
        model.weights[Feature::TopScore as usize] = 10.0;
        model.bias = -5.0;
        // Right above a top score of 0.6; between 0.5 and 0.6 one right in three.
        let examples: Vec<Example> = (0..100)
            .map(|i| {
                let top = i as f32 / 100.0;
                example(top, top >= 0.6 || (top >= 0.5 && i % 3 == 0))
            })
            .collect();
        let t = best_threshold(&model, &examples);
        let p60 = model.probability(&example(0.6, true).features);
        assert!(
            (t - p60).abs() < 0.03,
            "threshold {t} should sit at P(0.6) = {p60}"
        );
    }

    #[test]
    fn solves_a_small_system() {
        let x = solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]).expect("regular");
        assert!(
            (x[0] - 0.8).abs() < 1e-9 && (x[1] - 1.4).abs() < 1e-9,
            "{x:?}"
        );
        assert!(solve([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0]).is_none());
    }
}
