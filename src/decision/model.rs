//! The fitted model: a bias, one weight per [`Feature`] and the boosted
//! trees that correct them (see [`trees`](super::trees)), read from and
//! written to `config/calibration.toml`. P(right) is the logistic of the
//! bias plus the weighted features plus what each tree adds.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::features::{Feature, Features};
use super::trees::{Node, Split, Tree};
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

/// P(the top candidate is right) as a logistic model over the features,
/// corrected by boosted trees.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub weights: [f32; Feature::ALL.len()],
    /// Each adds the value of the leaf a question reaches to the logit.
    pub trees: Vec<Tree>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    bias: f32,
    weights: BTreeMap<toml::Spanned<String>, f32>,
    #[serde(default)]
    tree: Vec<toml::Spanned<TreeFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TreeFile {
    nodes: Vec<toml::Spanned<NodeFile>>,
}

/// A node as written: a leaf has only `value`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeFile {
    value: f32,
    feature: Option<toml::Spanned<String>>,
    below: Option<f32>,
    yes: Option<usize>,
    no: Option<usize>,
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
        1.0 / (1.0 + (-self.logit(features)).exp())
    }

    /// Returns the logit of P(right) for `features`.
    pub fn logit(&self, features: &Features) -> f32 {
        self.linear(features) + self.trees.iter().map(|t| t.value(features)).sum::<f32>()
    }

    /// Returns the logit of the logistic part alone, before the trees.
    pub fn linear(&self, features: &Features) -> f32 {
        self.bias
            + self
                .weights
                .iter()
                .zip(features.0)
                .map(|(w, x)| w * x)
                .sum::<f32>()
    }

    /// Returns each feature's contribution to the logit, for "Why?": its
    /// weight times its value, plus what the trees credit it with.
    pub fn contributions(&self, features: &Features) -> Vec<(Feature, f32)> {
        let mut credit = [0.0f32; Feature::ALL.len()];
        for tree in &self.trees {
            tree.credit(features, &mut credit);
        }
        Feature::ALL
            .iter()
            .map(|&f| {
                (
                    f,
                    self.weights[f as usize] * features.get(f) + credit[f as usize],
                )
            })
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
            let f = feature_named(key, &at)?;
            if !w.is_finite() {
                return Err(format!(
                    "{}: the weight of {} must be a finite number",
                    at(key.span().start),
                    f.name()
                ));
            }
            weights[f as usize] = w;
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
        let trees = file
            .tree
            .into_iter()
            .map(|t| {
                let place = at(t.span().start);
                parse_tree(t.into_inner(), &place, &at)
            })
            .collect::<Result<Vec<Tree>, String>>()?;
        Ok(Model {
            bias: file.bias,
            weights,
            trees,
        })
    }

    /// Returns the model as a commented calibration file; `header` lines
    /// (how it was fitted) go on top as comments.
    pub fn render(&self, header: &[String]) -> String {
        let mut out = String::new();
        out.push_str(
            "# factdesk's calibrated decision: P(the top candidate is right) =\n\
             # logistic(bias + sum of weight * feature + what each [[tree]] adds).\n\
             # factdesk answers at or above [matching] answer in factdesk.toml, offers\n\
             # \"did you mean\" choices at or above [matching] suggest, and says it does\n\
             # not know below.\n\
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
        if !self.trees.is_empty() {
            out.push_str(
                "\n# The boosted correction: each tree adds to the logit the value of the\n\
                 # leaf a question reaches. A node with a feature sends the question to\n\
                 # node `yes` when the feature is below `below`, else to node `no`\n\
                 # (nodes count from 0); a node without one is a leaf. An inner node's\n\
                 # value is where its questions start from, for \"Why?\".\n",
            );
        }
        for tree in &self.trees {
            out.push_str("\n[[tree]]\nnodes = [\n");
            for node in &tree.nodes {
                match node.split {
                    Some(s) => {
                        let _ = writeln!(
                            out,
                            "  {{ feature = \"{}\", below = {:.6}, yes = {}, no = {}, value = {:.6} }},",
                            s.feature.name(),
                            s.below,
                            s.yes,
                            s.no,
                            node.value
                        );
                    }
                    None => {
                        let _ = writeln!(out, "  {{ value = {:.6} }},", node.value);
                    }
                }
            }
            out.push_str("]\n");
        }
        out
    }
}

/// Returns the feature `key` names, or an error at its place listing them all.
fn feature_named(
    key: &toml::Spanned<String>,
    at: &impl Fn(usize) -> String,
) -> Result<Feature, String> {
    Feature::ALL
        .into_iter()
        .find(|f| f.name() == key.get_ref())
        .ok_or_else(|| {
            let known: Vec<&str> = Feature::ALL.iter().map(|f| f.name()).collect();
            format!(
                "{}: unknown feature {:?}; the features are {}",
                at(key.span().start),
                key.get_ref(),
                known.join(", ")
            )
        })
}

/// Returns a tree read from the file, checked: every feature known, every
/// inner node with `below`, `yes` and `no`, children after their parent.
fn parse_tree(
    file: TreeFile,
    tree_place: &str,
    at: &impl Fn(usize) -> String,
) -> Result<Tree, String> {
    let count = file.nodes.len();
    if count == 0 || count > usize::from(u16::MAX) {
        return Err(format!(
            "{tree_place}: a [[tree]] has 1 to {} nodes, this one {count}",
            u16::MAX
        ));
    }
    let mut nodes = Vec::with_capacity(count);
    for (i, spanned) in file.nodes.into_iter().enumerate() {
        let place = at(spanned.span().start);
        let n = spanned.into_inner();
        if !n.value.is_finite() {
            return Err(format!("{place}: a node's value must be a finite number"));
        }
        let split = match (n.feature, n.below, n.yes, n.no) {
            (None, None, None, None) => None,
            (Some(feature), Some(below), Some(yes), Some(no)) => {
                let f = feature_named(&feature, at)?;
                if !below.is_finite() {
                    return Err(format!("{place}: `below` must be a finite number"));
                }
                for child in [yes, no] {
                    if child <= i || child >= count {
                        return Err(format!(
                            "{place}: node {i} points to node {child}; a child must be a later \
                             node of the same tree (0 to {})",
                            count.saturating_sub(1)
                        ));
                    }
                }
                Some(Split {
                    feature: f,
                    below,
                    yes: yes as u16,
                    no: no as u16,
                })
            }
            _ => {
                return Err(format!(
                    "{place}: a node has either only `value` (a leaf) or all of \
                     `feature`, `below`, `yes`, `no` and `value`"
                ))
            }
        };
        nodes.push(Node {
            value: n.value,
            split,
        });
    }
    Ok(Tree { nodes })
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
    fn trees_survive_a_round_trip_and_add_to_the_logit() {
        let model = Model {
            trees: vec![Tree {
                nodes: vec![
                    Node {
                        value: 0.1,
                        split: Some(Split {
                            feature: Feature::Margin,
                            below: 0.25,
                            yes: 1,
                            no: 2,
                        }),
                    },
                    Node {
                        value: -0.5,
                        split: None,
                    },
                    Node {
                        value: 0.75,
                        split: None,
                    },
                ],
            }],
            ..Model::default()
        };
        let text = model.render(&[]);
        let again = Model::parse(Path::new("x.toml"), &text).expect("rendered file parses");
        assert_eq!(
            again.trees, model.trees,
            "trees survive a round trip:\n{text}"
        );
        let mut x = Features([0.0; Feature::ALL.len()]);
        x.0[Feature::Margin as usize] = 0.5;
        assert!((model.logit(&x) - model.linear(&x) - 0.75).abs() < 1e-6);
        let margin = model
            .contributions(&x)
            .into_iter()
            .find(|(f, _)| *f == Feature::Margin)
            .map(|(_, c)| c);
        let want = model.weights[Feature::Margin as usize] * 0.5 + 0.65;
        assert!(
            margin.is_some_and(|c| (c - want).abs() < 1e-5),
            "margin's contribution {margin:?}, want {want}"
        );
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
        // An error on the nodes line of a tree after every feature.
        let tree_at =
            |col: usize, what: &str| format!("c.toml:{}:{col}: {what}", Feature::ALL.len() + 4);
        // (file text, expected start of the error)
        let rows: [(String, String); 8] = [
            (
                "bias = \"x\"\n[weights]\n".to_string(),
                "c.toml:1:8: invalid type".to_string(),
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}bogus = 1.0\n"),
                bogus_at.clone(),
            ),
            (
                "bias = 0.0\n[weights]\ntop_score = 1.0\n".to_string(),
                "c.toml: [weights] lacks margin".to_string(),
            ),
            (
                format!("bias = 0.0\nextra = 1\n[weights]\n{full}"),
                "c.toml:2:1: unknown field `extra`".to_string(),
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}[[tree]]\nnodes = [{{ feature = \"bogus\", below = 1.0, yes = 1, no = 2, value = 0.0 }}, {{ value = 1.0 }}, {{ value = 2.0 }}]\n"),
                tree_at(22, "unknown feature \"bogus\""),
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}[[tree]]\nnodes = [{{ feature = \"margin\", below = 1.0, yes = 0, no = 1, value = 0.0 }}, {{ value = 1.0 }}]\n"),
                tree_at(10, "node 0 points to node 0"),
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}[[tree]]\nnodes = [{{ feature = \"margin\", value = 0.0 }}]\n"),
                tree_at(10, "a node has either only `value`"),
            ),
            (
                format!("bias = 0.0\n[weights]\n{full}[[tree]]\nnodes = []\n"),
                format!("c.toml:{}:1: a [[tree]] has 1 to", Feature::ALL.len() + 3),
            ),
        ];
        for (text, want) in rows {
            let err = Model::parse(Path::new("c.toml"), &text).expect_err("must be rejected");
            assert!(
                err.starts_with(&want),
                "error for {text:?}:\n{err}\nshould start with {want:?}"
            );
        }
    }

    #[test]
    fn probability_is_the_logistic_of_the_weighted_sum() {
        let mut model = Model {
            bias: -1.0,
            weights: [0.0; Feature::ALL.len()],
            trees: Vec::new(),
        };
        model.weights[Feature::TopScore as usize] = 2.0;
        let mut x = Features([0.0; Feature::ALL.len()]);
        assert!((model.probability(&x) - 0.2689).abs() < 1e-3);
        x.0[Feature::TopScore as usize] = 0.5;
        assert!((model.probability(&x) - 0.5).abs() < 1e-6);
    }
}
