//! The fitted model: a bias and one weight per [`Feature`], read from and
//! written to `config/calibration.toml`. P(right) is the logistic of the
//! bias plus the weighted features.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::features::{Feature, Features};
use crate::dataset::line_col;

/// The calibration file the binary ships with, used when none is found
/// beside the config.
pub const BUILT_IN: &str = include_str!("../../config/calibration.toml");

/// The calibration fitted with the sentence encoder, built in likewise.
pub const BUILT_IN_SEMANTIC: &str = include_str!("../../config/calibration-semantic.toml");

/// The file's name, beside `factdesk.toml`.
pub const FILE_NAME: &str = "calibration.toml";

/// The name of the file fitted with the sentence encoder.
pub const SEMANTIC_FILE_NAME: &str = "calibration-semantic.toml";

/// P(the top candidate is right) as a logistic model over the features.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub weights: [f32; Feature::ALL.len()],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    bias: f32,
    weights: BTreeMap<toml::Spanned<String>, f32>,
}

impl Default for Model {
    /// Returns the built-in calibration.
    fn default() -> Model {
        Model::parse(Path::new("config/calibration.toml (built in)"), BUILT_IN)
            .unwrap_or_else(|e| panic!("the built-in calibration must parse: {e}"))
    }
}

impl Model {
    /// Returns the built-in calibration fitted with the sentence encoder.
    pub fn built_in_semantic() -> Model {
        Model::parse(
            Path::new("config/calibration-semantic.toml (built in)"),
            BUILT_IN_SEMANTIC,
        )
        .unwrap_or_else(|e| panic!("the built-in semantic calibration must parse: {e}"))
    }

    /// Returns P(right) for `features`.
    pub fn probability(&self, features: &Features) -> f32 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(features.0)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Returns each feature's contribution to the logit (weight times
    /// value), for "Why?".
    pub fn contributions(&self, features: &Features) -> Vec<(Feature, f32)> {
        Feature::ALL
            .iter()
            .map(|&f| (f, self.weights[f as usize] * features.get(f)))
            .collect()
    }

    /// Reads a calibration file.
    ///
    /// Returns the model, or a one-line error naming file:line:col and
    /// what to fix.
    pub fn load(path: &Path) -> Result<Model, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the calibration: {e}", path.display()))?;
        Model::parse(path, &text)
    }

    /// Parses calibration text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Model, String> {
        let at = |offset: usize| {
            let (line, col) = line_col(text, offset);
            format!("{}:{line}:{col}", path.display())
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let place = e.span().map_or_else(|| at(0), |s| at(s.start));
            format!(
                "{place}: {} (run `factdesk calibrate` to write a fresh file)",
                e.message().trim()
            )
        })?;
        let mut weights = [f32::NAN; Feature::ALL.len()];
        for (key, &w) in &file.weights {
            let Some(f) = Feature::ALL.iter().find(|f| f.name() == key.get_ref()) else {
                let known: Vec<&str> = Feature::ALL.iter().map(|f| f.name()).collect();
                return Err(format!(
                    "{}: unknown feature {:?}; the features are {}",
                    at(key.span().start),
                    key.get_ref(),
                    known.join(", ")
                ));
            };
            if !w.is_finite() {
                return Err(format!(
                    "{}: the weight of {} must be a finite number",
                    at(key.span().start),
                    f.name()
                ));
            }
            weights[*f as usize] = w;
        }
        if let Some(missing) = Feature::ALL.iter().find(|f| weights[**f as usize].is_nan()) {
            return Err(format!(
                "{}: [weights] lacks {}; add `{} = 0.0` or run `factdesk calibrate`",
                path.display(),
                missing.name(),
                missing.name()
            ));
        }
        if !file.bias.is_finite() {
            return Err(format!("{}: bias must be a finite number", path.display()));
        }
        Ok(Model {
            bias: file.bias,
            weights,
        })
    }

    /// Returns the model as a commented calibration file; `header` lines
    /// (how it was fitted) go on top as comments.
    pub fn render(&self, header: &[String]) -> String {
        let mut out = String::new();
        out.push_str(
            "# factdesk's calibrated decision: P(the top candidate is right) =\n\
             # logistic(bias + sum of weight * feature). factdesk answers at or above\n\
             # [matching] answer in factdesk.toml, offers \"did you mean\" choices at or\n\
             # above [matching] suggest, and says it does not know below.\n\
             # A positive weight makes an answer likelier. Written by `factdesk calibrate`;\n\
             # refit after changing the data or the ranking (see README, \"How to refit\").\n",
        );
        for line in header {
            let _ = writeln!(out, "# {line}");
        }
        let _ = writeln!(out, "\nbias = {:.4}\n\n[weights]", self.bias);
        for f in Feature::ALL {
            let _ = writeln!(
                out,
                "# {}\n{} = {:.4}",
                f.doc(),
                f.name(),
                self.weights[f as usize]
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_calibration_parses_and_round_trips() {
        let _ = Model::built_in_semantic();
        let model = Model::default();
        let again =
            Model::parse(Path::new("x.toml"), &model.render(&[])).expect("rendered file parses");
        for (a, b) in model.weights.iter().zip(again.weights) {
            assert!(
                (a - b).abs() < 1e-4,
                "weights survive a round trip: {a} vs {b}"
            );
        }
    }

    #[test]
    fn features_are_declared_in_the_order_of_the_weights() {
        for (i, f) in Feature::ALL.iter().enumerate() {
            assert_eq!(
                *f as usize,
                i,
                "{} is at {i} in Feature::ALL but declared as number {}: \
                 declare it in the same place",
                f.name(),
                *f as usize
            );
        }
    }

    #[test]
    fn broken_files_name_the_place_and_the_fix() {
        let full: String = Feature::ALL
            .iter()
            .map(|f| format!("{} = 0.0\n", f.name()))
            .collect();
        // The line after bias, [weights] and every feature.
        let bogus_at = format!(
            "c.toml:{}:1: unknown feature \"bogus\"",
            Feature::ALL.len() + 3
        );
        // (file text, expected start of the error)
        let rows = [
            (
                "bias = \"x\"\n[weights]\n".to_string(),
                "c.toml:1:8: invalid type",
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}bogus = 1.0\n"),
                bogus_at.as_str(),
            ),
            (
                "bias = 0.0\n[weights]\ntop_score = 1.0\n".to_string(),
                "c.toml: [weights] lacks margin",
            ),
            (
                format!("bias = 0.0\nextra = 1\n[weights]\n{full}"),
                "c.toml:2:1: unknown field `extra`",
            ),
        ];
        for (text, want) in rows {
            let err = Model::parse(Path::new("c.toml"), &text).expect_err("must be rejected");
            assert!(
                err.starts_with(want),
                "error for {text:?}:\n{err}\nshould start with {want:?}"
            );
        }
    }

    #[test]
    fn probability_is_the_logistic_of_the_weighted_sum() {
        let mut model = Model {
            bias: -1.0,
            weights: [0.0; Feature::ALL.len()],
        };
        model.weights[Feature::TopScore as usize] = 2.0;
        let mut x = Features([0.0; Feature::ALL.len()]);
        assert!((model.probability(&x) - 0.2689).abs() < 1e-3);
        x.0[Feature::TopScore as usize] = 0.5;
        assert!((model.probability(&x) - 0.5).abs() < 1e-6);
    }
}
