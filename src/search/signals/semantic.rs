//! Semantic similarity: how close, by meaning, the question is to the
//! entry's nearest phrasing, as the optional sentence encoder sees it
//! (cosine of their embeddings). Adds to the score above a floor, so a
//! paraphrase that shares no word with any phrasing can still rank; the
//! lexical evidence and the calibrated decision stay the gate. Without the
//! encoder the value is 0 and nothing changes.

use crate::search::Tuning;

/// Returns what a cosine of `cosine` (or none, without the encoder) adds.
pub fn value(cosine: Option<f32>, tuning: &Tuning) -> f32 {
    match cosine {
        Some(c) => tuning.semantic_weight * (c - tuning.semantic_floor).max(0.0),
        None => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_cosine_above_the_floor_adds() {
        let t = Tuning::default();
        // (cosine, adds something)
        let rows = [
            (None, false),
            (Some(0.1), false),
            (Some(t.semantic_floor), false),
            (Some(0.9), true),
        ];
        for (cosine, adds) in rows {
            let v = value(cosine, &t);
            assert_eq!(v > 0.0, adds, "cosine {cosine:?} gives {v}");
        }
        assert!(
            value(Some(0.9), &t) > value(Some(0.7), &t),
            "closer adds more"
        );
    }
}
