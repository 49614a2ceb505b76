//! Steer: in a free question, "when" prefers timeline events, "who"
//! people and organisations, and a question with neither the curated
//! Q&A. An entry of another kind keeps most, not all, of its score.

use crate::dataset::Kind;
use crate::search::{Scope, Steer, Tuning};

/// Returns the factor for an entry of `kind` in `scope` when the question
/// steers to `steer`.
pub fn value(scope: Scope, steer: Option<Steer>, kind: Kind, tuning: &Tuning) -> f32 {
    if scope != Scope::All {
        return 1.0;
    }
    match steer {
        Some(Steer::When) if kind != Kind::Event => tuning.off_steer,
        Some(Steer::Who) if kind != Kind::Person => tuning.off_steer,
        None if kind != Kind::Qa => tuning.unsteered,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_words_prefer_their_kind() {
        let t = Tuning::default();
        // (scope, steer, kind, expected factor)
        let rows = [
            (Scope::All, Some(Steer::When), Kind::Event, 1.0),
            (Scope::All, Some(Steer::When), Kind::Qa, t.off_steer),
            (Scope::All, Some(Steer::Who), Kind::Person, 1.0),
            (Scope::All, Some(Steer::Who), Kind::Event, t.off_steer),
            (Scope::All, None, Kind::Qa, 1.0),
            (Scope::All, None, Kind::Person, t.unsteered),
            (Scope::Timeline, None, Kind::Event, 1.0),
            (Scope::People, Some(Steer::When), Kind::Person, 1.0),
        ];
        for (scope, steer, kind, want) in rows {
            assert_eq!(
                value(scope, steer, kind, &t),
                want,
                "{scope:?} {steer:?} {kind:?}"
            );
        }
    }
}
