//! Unmentioned place: every entry loses for each country the question
//! names that the data never mentions at all ("did kyrgyzstan take the
//! taliban off its banned list" is not about Russia's list).

use crate::search::relation::is_place;
use crate::search::{Resolved, Tuning};

/// Returns how many countries `resolved` names that the data never uses.
pub fn count(resolved: &[Resolved]) -> i32 {
    resolved
        .iter()
        .filter(|r| r.terms.is_empty() && is_place(&r.word.surface))
        .count() as i32
}

/// Returns the factor for a question naming `places` such countries.
pub fn value(places: i32, tuning: &Tuning) -> f32 {
    tuning.other_entity.powi(places)
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::{Scope, Tuning};

    #[test]
    fn a_country_the_data_never_mentions_costs() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:banned",
            &["did russia take the taliban off its banned list"],
            "Yes, in 2025.",
        )];
        let other = Tuning::default().other_entity;
        // (question, expected factor)
        let rows = [
            ("did russia take the taliban off its banned list", 1.0),
            ("did kyrgyzstan take the taliban off its banned list", other),
            (
                "did kyrgyzstan and tajikistan take the taliban off the banned list",
                other * other,
            ),
        ];
        for (question, want) in rows {
            let v = testkit::value(
                entries,
                question,
                Scope::All,
                "qa:banned",
                Signal::UnmentionedPlace,
            );
            assert!(
                (v - want).abs() < 1e-6,
                "unmentioned-place factor of {question:?}: {v}, want {want}"
            );
        }
    }
}
