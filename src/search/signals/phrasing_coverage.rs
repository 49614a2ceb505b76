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

/// The power of the matched weight that [`coverage_fast`] takes, with the
/// last one computed kept: the phrasings a question touches come term by
/// term, so runs of them share their matched weight and one `powf` serves
/// the run. Every value is bit for bit [`coverage_fast`]'s.
#[derive(Debug, Clone, Copy)]
pub struct MatchedPower {
    exponent: f32,
    /// The last matched weight and its power (NaN before the first, so
    /// that no weight equals it).
    last: (f32, f32),
}

impl MatchedPower {
    /// Returns a memo for the tuning's two exponents.
    pub fn new(tuning: &Tuning) -> MatchedPower {
        MatchedPower {
            exponent: tuning.question_exponent + tuning.phrasing_exponent,
            last: (f32::NAN, f32::NAN),
        }
    }

    /// Returns [`coverage_fast`] of `m`: the power is computed only when
    /// `m` differs from the last call's.
    pub fn coverage(&mut self, m: f32, question_factor: f32, phrasing_factor: f32) -> f32 {
        if m != self.last.0 {
            self.last = (m, power(m, self.exponent));
        }
        self.last.1 * question_factor * phrasing_factor
    }
}

/// Returns `m.powf(exponent)`. Not inlined: inlined, the compiler may
/// compute the power before the test that skips it, on every call.
#[inline(never)]
fn power(m: f32, exponent: f32) -> f32 {
    m.powf(exponent)
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

    #[test]
    fn the_remembered_power_is_the_fast_form_bit_for_bit() {
        let t = Tuning::default();
        let mut memo = MatchedPower::new(&t);
        // (matched, question factor, phrasing factor), repeats included
        let rows = [
            (1.5, 0.3, 0.8),
            (1.5, 0.3, 0.6),
            (2.25, 0.3, 0.6),
            (1.5, 0.3, 0.7),
            (0.0, 0.3, 0.7),
            (1e-3, 0.3, 0.7),
        ];
        for (m, q, p) in rows {
            let want = coverage_fast(m, q, p, &t);
            let got = memo.coverage(m, q, p);
            assert_eq!(got.to_bits(), want.to_bits(), "m={m} q={q} p={p}");
        }
    }
}
