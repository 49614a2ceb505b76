//! Phrasing coverage: how much of the question the entry's best phrasing
//! covers and how much of that phrasing the question covers, both weighed
//! by rarity. Rewards a phrasing that says what was asked, no more and no
//! less; the main share of every score.

use crate::search::Tuning;

/// Returns the coverage of one phrasing of weight `phrasing` (its words'
/// total weight) by a question of weight `question`, when the words they
/// share weigh `matched`: `(m / question)^qe * (m / phrasing)^pe`.
pub fn coverage(matched: f32, phrasing: f32, question: f32, tuning: &Tuning) -> f32 {
    let m = matched.min(phrasing).min(question);
    if m <= 0.0 {
        return 0.0;
    }
    (m / question).powf(tuning.question_exponent) * (m / phrasing).powf(tuning.phrasing_exponent)
}

/// [`coverage`] with the powers of the two weights precomputed, one powf
/// per phrasing: `question_factor` is `question^-qe`, `phrasing_factor`
/// is `phrasing^-pe`.
pub fn coverage_fast(m: f32, question_factor: f32, phrasing_factor: f32, tuning: &Tuning) -> f32 {
    m.powf(tuning.question_exponent + tuning.phrasing_exponent) * question_factor * phrasing_factor
}

/// Returns what a phrasing score (coverage plus pairs) adds to the entry's
/// score: the share left by the entry and answer coverage.
pub fn share(tuning: &Tuning) -> f32 {
    1.0 - tuning.entry_share - tuning.body_share
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::{testkit, Signal};
    use crate::search::Scope;

    const ENTRIES: &[testkit::Row<'_>] = &[
        (
            "qa:recognition",
            &["when did russia recognise the taliban"],
            "On 3 July 2025.",
        ),
        (
            "qa:china",
            &["what does china think of the taliban"],
            "China keeps talking to them.",
        ),
    ];

    #[test]
    fn a_phrasing_covering_more_of_the_question_scores_more() {
        // (question, at least, at most) for qa:recognition's share
        let full = share(&Tuning::default());
        let rows = [
            (
                "when did russia recognise the taliban",
                full - 1e-4,
                full + 1e-4,
            ),
            ("russia recognise taliban", 0.7 * full, full),
            (
                "russia recognise taliban because of trade and oil",
                0.1,
                0.7 * full,
            ),
            ("taliban", 0.0, 0.75 * full),
        ];
        for (question, lo, hi) in rows {
            let v = testkit::value(
                ENTRIES,
                question,
                Scope::All,
                "qa:recognition",
                Signal::PhrasingCoverage,
            );
            assert!(
                (lo..=hi).contains(&v),
                "phrasing coverage of {question:?} is {v}, expected in [{lo}, {hi}]"
            );
        }
    }

    #[test]
    fn the_formula_and_its_fast_form_agree() {
        let t = Tuning::default();
        for (m, p, q) in [(1.0, 2.0, 3.0), (2.0, 2.0, 2.0), (0.5, 4.0, 1.0)] {
            let slow = coverage(m, p, q, &t);
            let fast = coverage_fast(
                m,
                q.powf(-t.question_exponent),
                p.powf(-t.phrasing_exponent),
                &t,
            );
            assert!(
                (slow - fast).abs() < 1e-5,
                "m={m} p={p} q={q}: {slow} vs {fast}"
            );
        }
    }
}
