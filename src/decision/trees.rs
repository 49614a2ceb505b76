//! The boosted correction of the decision: a few small regression trees
//! whose leaves add to the logistic model's logit. The logistic weights
//! say what each feature is worth on its own; the trees learn what they
//! cannot, how features work together (a high top score counts for less
//! when the encoder disagrees, a long message needs more agreement
//! between its readings). Each tree asks at most a few questions of the
//! form "is feature below x?".
//!
//! Fitted by gradient boosting with Newton steps on the logistic loss,
//! starting from the logistic model's logit; deterministic. In "Why?",
//! a tree's effect is credited to the features it asked about: each step
//! down a tree moves the value from the node's to the child's, and that
//! change counts for the feature the node asked about.

use super::features::{Feature, Features};

/// One node of a tree.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// What the node adds to the logit: a leaf's value is the tree's
    /// output; an inner node's is the average its questions start from.
    pub value: f32,
    /// For an inner node: the feature asked about, the value it must be
    /// below to go to `yes`, else `no` (indices of later nodes).
    pub split: Option<Split>,
}

/// The question an inner node asks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    pub feature: Feature,
    pub below: f32,
    pub yes: u16,
    pub no: u16,
}

/// A regression tree, its root first; children come after their parent.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// Returns the leaf `features` reach, and the nodes on the way.
    fn path<'a>(&'a self, features: &'a Features) -> impl Iterator<Item = &'a Node> + 'a {
        let mut at = self.nodes.first();
        std::iter::from_fn(move || {
            let node = at?;
            at = node.split.and_then(|s| {
                let next = if features.get(s.feature) < s.below {
                    s.yes
                } else {
                    s.no
                };
                self.nodes.get(next as usize)
            });
            Some(node)
        })
    }

    /// Returns what the tree adds to the logit for `features`.
    pub fn value(&self, features: &Features) -> f32 {
        self.path(features).last().map_or(0.0, |n| n.value)
    }

    /// Adds to `credit` each feature's share of the tree's value for
    /// `features` (see the module docs); returns the root's value, which
    /// no feature earned.
    pub fn credit(&self, features: &Features, credit: &mut [f32; Feature::ALL.len()]) -> f32 {
        let mut path = self.path(features).peekable();
        let root = path.peek().map_or(0.0, |n| n.value);
        while let Some(node) = path.next() {
            if let (Some(split), Some(child)) = (node.split, path.peek()) {
                credit[split.feature as usize] += child.value - node.value;
            }
        }
        root
    }
}

/// How boosting is done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Boosting {
    /// How many trees.
    pub rounds: usize,
    /// How many questions deep a tree may ask.
    pub depth: usize,
    /// A leaf holds at least this many examples.
    pub min_leaf: usize,
    /// Each tree's share of its Newton step (shrinkage).
    pub rate: f64,
    /// Pulls leaf values towards 0 (the Newton step's regularization).
    pub l2: f64,
}

impl Default for Boosting {
    /// 40 trees of depth 3: on development sets nobody tuned on, as good
    /// as 60 or more, and small enough to read.
    fn default() -> Boosting {
        Boosting {
            rounds: 40,
            depth: 3,
            min_leaf: 20,
            rate: 0.1,
            l2: 1.0,
        }
    }
}

/// Returns the trees fitted to correct `start` (each example's logit
/// before any tree) towards `right`.
pub fn boost(
    features: &[Features],
    right: &[bool],
    start: &[f32],
    settings: Boosting,
) -> Vec<Tree> {
    let mut logit: Vec<f64> = start.iter().map(|&z| f64::from(z)).collect();
    let mut trees = Vec::with_capacity(settings.rounds);
    for _ in 0..settings.rounds {
        let (grad, hess): (Vec<f64>, Vec<f64>) = logit
            .iter()
            .zip(right)
            .map(|(&z, &y)| {
                let p = 1.0 / (1.0 + (-z).exp());
                (p - if y { 1.0 } else { 0.0 }, (p * (1.0 - p)).max(1e-6))
            })
            .unzip();
        let mut tree = Tree { nodes: Vec::new() };
        let all: Vec<usize> = (0..features.len()).collect();
        grow(
            &mut tree,
            features,
            &grad,
            &hess,
            all,
            settings.depth,
            &settings,
        );
        if tree.nodes.is_empty() {
            break;
        }
        for (z, f) in logit.iter_mut().zip(features) {
            *z += f64::from(tree.value(f));
        }
        trees.push(tree);
    }
    trees
}

/// Adds the node for the examples `members` (and its subtree) to `tree`;
/// returns its index.
fn grow(
    tree: &mut Tree,
    features: &[Features],
    grad: &[f64],
    hess: &[f64],
    members: Vec<usize>,
    depth: usize,
    settings: &Boosting,
) -> u16 {
    let g: f64 = members.iter().map(|&i| grad[i]).sum();
    let h: f64 = members.iter().map(|&i| hess[i]).sum();
    let at = tree.nodes.len();
    tree.nodes.push(Node {
        value: (-settings.rate * g / (h + settings.l2)) as f32,
        split: None,
    });
    if depth == 0 || members.len() < 2 * settings.min_leaf {
        return at as u16;
    }
    let Some((feature, below)) = best_split(features, grad, hess, &members, settings) else {
        return at as u16;
    };
    let (yes, no): (Vec<usize>, Vec<usize>) = members
        .into_iter()
        .partition(|&i| features[i].get(feature) < below);
    let yes = grow(tree, features, grad, hess, yes, depth - 1, settings);
    let no = grow(tree, features, grad, hess, no, depth - 1, settings);
    tree.nodes[at].split = Some(Split {
        feature,
        below,
        yes,
        no,
    });
    at as u16
}

/// Returns the question that lowers the loss most on `members`, each side
/// keeping at least `min_leaf` examples; `None` when none helps.
fn best_split(
    features: &[Features],
    grad: &[f64],
    hess: &[f64],
    members: &[usize],
    settings: &Boosting,
) -> Option<(Feature, f32)> {
    let l2 = settings.l2;
    let g: f64 = members.iter().map(|&i| grad[i]).sum();
    let h: f64 = members.iter().map(|&i| hess[i]).sum();
    let parent = g * g / (h + l2);
    let mut best: Option<(f64, Feature, f32)> = None;
    let mut order = members.to_vec();
    for feature in Feature::ALL {
        order.sort_by(|&a, &b| {
            features[a]
                .get(feature)
                .total_cmp(&features[b].get(feature))
                .then(a.cmp(&b))
        });
        let (mut gl, mut hl) = (0.0, 0.0);
        for k in 0..order.len() - 1 {
            gl += grad[order[k]];
            hl += hess[order[k]];
            let left = k + 1;
            if left < settings.min_leaf || order.len() - left < settings.min_leaf {
                continue;
            }
            let (a, b) = (
                features[order[k]].get(feature),
                features[order[k + 1]].get(feature),
            );
            if a == b {
                continue;
            }
            let gain = gl * gl / (hl + l2) + (g - gl) * (g - gl) / (h - hl + l2) - parent;
            if gain > 1e-9 && best.is_none_or(|(b, _, _)| gain > b) {
                best = Some((gain, feature, a + (b - a) / 2.0));
            }
        }
    }
    best.map(|(_, f, below)| (f, below))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(values: &[(Feature, f32)]) -> Features {
        let mut f = Features([0.0; Feature::ALL.len()]);
        for &(feature, v) in values {
            f.0[feature as usize] = v;
        }
        f
    }

    /// A stump on top_score: below 0.5 takes 1.0 off, else adds 2.0.
    fn stump() -> Tree {
        Tree {
            nodes: vec![
                Node {
                    value: 0.5,
                    split: Some(Split {
                        feature: Feature::TopScore,
                        below: 0.5,
                        yes: 1,
                        no: 2,
                    }),
                },
                Node {
                    value: -1.0,
                    split: None,
                },
                Node {
                    value: 2.0,
                    split: None,
                },
            ],
        }
    }

    #[test]
    fn a_tree_adds_the_value_of_the_leaf_reached_and_credits_its_questions() {
        let tree = stump();
        // (top score, value, credit to top_score)
        let rows = [(0.2, -1.0, -1.5), (0.5, 2.0, 1.5), (0.9, 2.0, 1.5)];
        for (top, value, credited) in rows {
            let f = features(&[(Feature::TopScore, top)]);
            assert_eq!(tree.value(&f), value, "value at top score {top}");
            let mut credit = [0.0; Feature::ALL.len()];
            let root = tree.credit(&f, &mut credit);
            assert_eq!(root, 0.5);
            assert_eq!(
                credit[Feature::TopScore as usize],
                credited,
                "credit at {top}"
            );
            assert_eq!(
                root + credit.iter().sum::<f32>(),
                value,
                "credits and root add up to the value"
            );
        }
    }

    #[test]
    fn boosting_learns_what_a_line_cannot() {
        // Right only when top_score and margin are both high or both low
        // (margin's "high" starting lower): no weighted sum of the two
        // separates that.
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..400 {
            let top = (i % 20) as f32 / 20.0;
            let margin = (i / 20) as f32 / 20.0;
            xs.push(features(&[
                (Feature::TopScore, top),
                (Feature::Margin, margin),
            ]));
            ys.push((top >= 0.5) == (margin >= 0.3));
        }
        let start = vec![0.0; xs.len()];
        let settings = Boosting {
            rounds: 60,
            ..Boosting::default()
        };
        let trees = boost(&xs, &ys, &start, settings);
        let logit = |f: &Features| trees.iter().map(|t| t.value(f)).sum::<f32>();
        let right = xs
            .iter()
            .zip(&ys)
            .filter(|(f, &y)| (logit(f) > 0.0) == y)
            .count();
        assert!(right >= 380, "{right} of 400 classified right");
        assert_eq!(
            boost(&xs, &ys, &start, settings),
            trees,
            "boosting is deterministic"
        );
        for tree in &trees {
            assert!(tree.nodes.len() <= 15, "depth 3 is at most 15 nodes");
        }
    }

    #[test]
    fn nothing_to_learn_gives_flat_trees() {
        let xs: Vec<Features> = (0..100)
            .map(|i| features(&[(Feature::TopScore, i as f32 / 100.0)]))
            .collect();
        let ys: Vec<bool> = (0..100).map(|i| i % 2 == 0).collect();
        // Already right about every example: a huge logit of the right sign.
        let start: Vec<f32> = ys.iter().map(|&y| if y { 30.0 } else { -30.0 }).collect();
        let trees = boost(&xs, &ys, &start, Boosting::default());
        for tree in &trees {
            for f in &xs {
                assert!(tree.value(f).abs() < 1e-3, "{tree:?}");
            }
        }
    }
}
