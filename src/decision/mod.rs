//! The calibrated decision: a small logistic model of P(the top candidate
//! is right), over named features of the analysis (the top candidate's
//! trace, the margin to the runner-up, what the question left unmatched),
//! corrected by a few boosted trees for how the features work together.
//! The engine answers at or above a P threshold, suggests between, and
//! says it does not know below. The weights are fitted by `factdesk
//! calibrate` and kept in `config/calibration.toml`, readable and diffable.

pub mod features;
pub mod fit;
pub mod model;
pub mod trees;

pub use features::{Feature, Features};
pub use fit::{fit, Example};
pub use model::Model;
