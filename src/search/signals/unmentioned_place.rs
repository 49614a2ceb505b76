//! Unmentioned place: every entry loses for each country the question
//! names that the data never mentions at all ("did kyrgyzstan take the
//! taliban off its banned list" is not about Russia's list). Only the
//! curated text counts as mentioning a country: a question people asked
//! (`asked.toml`, answered or not) that names it does not make the
//! articles say anything about it.

use crate::search::relation::is_place;
use crate::search::{Resolved, Tuning};

/// Returns how many countries `resolved` names that the curated data
/// never uses: none of the word's terms is one `curated` says an entry's
/// own phrasings, answer or description use.
pub fn count(resolved: &[Resolved], curated: impl Fn(u32) -> bool) -> i32 {
    resolved
        .iter()
        .filter(|r| is_place(&r.word.surface) && !r.terms.iter().any(|&(t, _)| curated(t)))
        .count() as i32
}

/// Returns the factor for a question naming `places` such countries.
pub fn value(places: i32, tuning: &Tuning) -> f32 {
    tuning.other_entity.powi(places)
}

#[cfg(test)]
mod tests {
    use crate::search::signals::{testkit, Signal};
    use crate::search::{Index, Scope, Tuning};

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

    #[test]
    fn a_country_only_people_asked_about_still_costs() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:banned",
            &["did russia take the taliban off its banned list"],
            "Yes, in 2025; no other country is named.",
        )];
        let mut data = testkit::dataset(entries, &[]);
        data.qa[0]
            .asked
            .push("did kyrgyzstan follow russia and take them off the list".to_string());
        data.unanswered
            .push("when did tajikistan take the taliban off its banned list".to_string());
        let index = Index::build(&data);
        let other = Tuning::default().other_entity;
        // (question, expected factor): kyrgyzstan is only in an asked
        // question, tajikistan only in an unanswered one, russia in the
        // curated phrasing.
        let rows = [
            ("did russia take the taliban off its banned list", 1.0),
            ("did kyrgyzstan take the taliban off its banned list", other),
            ("did tajikistan take the taliban off its banned list", other),
        ];
        for (question, want) in rows {
            let v = testkit::trace(&index, &data, question, Scope::All, "qa:banned")
                .unwrap_or_else(|| panic!("qa:banned is not a candidate for {question:?}"))
                .get(Signal::UnmentionedPlace);
            assert!(
                (v - want).abs() < 1e-6,
                "unmentioned-place factor of {question:?}: {v}, want {want}"
            );
        }
    }
}
