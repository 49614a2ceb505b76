//! The named signals that score a candidate entry, and the [`Trace`] that
//! records each one's value, so "Why?" can show what decided an answer.
//!
//! A signal either adds to the score (the coverage signals and the exact
//! phrasing bonus) or multiplies it (the penalties and the steer). The
//! score of a candidate is
//!
//! ```text
//! ((phrasing + pairs + entry + answer + semantic + deed) * lone_word + exact)
//!     * other_entity * unmentioned_place * relation_conflict * steer
//!     * answer_type * opposite_action * tense * question_form
//! ```
//!
//! Four more signals work on the question's words before any entry is
//! scored: [`rarity`] weighs each word, [`chatter`] lets conversational
//! framing the data never uses weigh little, [`typo_cost`] discounts a
//! word matched through a typo correction, [`claimed_year`] lets the year a
//! yes/no question checks weigh little, and with `/who` [`role_framing`]
//! leaves out the words asking for someone's part in the story. Their
//! effect shows in the coverage signals and in the question's
//! [`Evidence`].

pub mod adjacent_pairs;
pub mod answer_coverage;
pub mod answer_type;
pub mod chatter;
pub mod checked_claim;
pub mod claimed_year;
pub mod deed;
pub mod entry_coverage;
pub mod exact_phrasing;
pub mod lone_word;
pub mod opposite_action;
pub mod other_entity;
pub mod phrasing_coverage;
pub mod question_form;
pub mod rarity;
pub mod relation_conflict;
pub mod role_framing;
pub mod semantic;
pub mod steer;
pub mod tense;
mod time_to_come;
pub mod typo_cost;
pub mod unmentioned_place;

#[cfg(test)]
pub(crate) mod testkit;

/// A signal that moves a candidate's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Signal {
    PhrasingCoverage,
    AdjacentPairs,
    EntryCoverage,
    AnswerCoverage,
    Semantic,
    LoneWord,
    ExactPhrasing,
    OtherEntity,
    UnmentionedPlace,
    RelationConflict,
    Steer,
    AnswerType,
    OppositeAction,
    Tense,
    QuestionForm,
    Deed,
    CheckedClaim,
}

/// How a signal acts on the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Its value is added (0 is neutral).
    Adds,
    /// Its value multiplies (1 is neutral).
    Multiplies,
}

impl Signal {
    /// Every signal, in the order the score combines them.
    pub const ALL: [Signal; 17] = [
        Signal::PhrasingCoverage,
        Signal::AdjacentPairs,
        Signal::EntryCoverage,
        Signal::AnswerCoverage,
        Signal::Semantic,
        Signal::LoneWord,
        Signal::ExactPhrasing,
        Signal::OtherEntity,
        Signal::UnmentionedPlace,
        Signal::RelationConflict,
        Signal::Steer,
        Signal::AnswerType,
        Signal::OppositeAction,
        Signal::Tense,
        Signal::QuestionForm,
        Signal::Deed,
        Signal::CheckedClaim,
    ];

    /// Returns the signal's name as shown in "Why?" and the calibration file.
    pub fn name(self) -> &'static str {
        match self {
            Signal::PhrasingCoverage => "phrasing coverage",
            Signal::AdjacentPairs => "adjacent pairs",
            Signal::EntryCoverage => "entry coverage",
            Signal::AnswerCoverage => "answer coverage",
            Signal::Semantic => "semantic similarity",
            Signal::LoneWord => "lone word",
            Signal::ExactPhrasing => "exact phrasing",
            Signal::OtherEntity => "other entity",
            Signal::UnmentionedPlace => "unmentioned place",
            Signal::RelationConflict => "relation conflict",
            Signal::Steer => "steer",
            Signal::AnswerType => "answer type",
            Signal::OppositeAction => "opposite action",
            Signal::Tense => "tense",
            Signal::QuestionForm => "question form",
            Signal::Deed => "deed",
            Signal::CheckedClaim => "checked claim",
        }
    }

    /// Returns how the signal acts on the score.
    pub fn effect(self) -> Effect {
        match self {
            Signal::PhrasingCoverage
            | Signal::AdjacentPairs
            | Signal::EntryCoverage
            | Signal::AnswerCoverage
            | Signal::Semantic
            | Signal::ExactPhrasing
            | Signal::Deed => Effect::Adds,
            Signal::LoneWord
            | Signal::OtherEntity
            | Signal::UnmentionedPlace
            | Signal::RelationConflict
            | Signal::Steer
            | Signal::AnswerType
            | Signal::OppositeAction
            | Signal::Tense
            | Signal::QuestionForm
            | Signal::CheckedClaim => Effect::Multiplies,
        }
    }

    /// Returns the value that leaves the score as it is.
    pub fn neutral(self) -> f32 {
        match self.effect() {
            Effect::Adds => 0.0,
            Effect::Multiplies => 1.0,
        }
    }
}

/// Each signal's value for one candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trace {
    values: [f32; Signal::ALL.len()],
}

impl Default for Trace {
    fn default() -> Trace {
        let mut values = [0.0; Signal::ALL.len()];
        for (v, s) in values.iter_mut().zip(Signal::ALL) {
            *v = s.neutral();
        }
        Trace { values }
    }
}

impl Trace {
    /// Returns the value of `signal`.
    pub fn get(&self, signal: Signal) -> f32 {
        self.values[signal as usize]
    }

    /// Records the value of `signal`.
    pub fn set(&mut self, signal: Signal, value: f32) {
        self.values[signal as usize] = value;
    }

    /// Returns the candidate's score from its signals (see the module docs).
    pub fn score(&self) -> f32 {
        let v = |s: Signal| self.get(s);
        let coverage = v(Signal::PhrasingCoverage)
            + v(Signal::AdjacentPairs)
            + v(Signal::EntryCoverage)
            + v(Signal::AnswerCoverage)
            + v(Signal::Semantic)
            + v(Signal::Deed);
        (coverage * v(Signal::LoneWord) + v(Signal::ExactPhrasing))
            * v(Signal::OtherEntity)
            * v(Signal::UnmentionedPlace)
            * v(Signal::RelationConflict)
            * v(Signal::Steer)
            * v(Signal::AnswerType)
            * v(Signal::OppositeAction)
            * v(Signal::Tense)
            * v(Signal::CheckedClaim)
    }

    /// Returns the signals whose value is not neutral, in order.
    pub fn active(&self) -> impl Iterator<Item = (Signal, f32)> + '_ {
        Signal::ALL
            .into_iter()
            .map(|s| (s, self.get(s)))
            .filter(|&(s, v)| (v - s.neutral()).abs() > 1e-6)
    }

    /// Returns the product of the multiplying signals other than the
    /// lone-word fit: what penalties and the steer left of the score.
    pub fn penalty(&self) -> f32 {
        Signal::ALL
            .into_iter()
            .filter(|&s| s.effect() == Effect::Multiplies && s != Signal::LoneWord)
            .map(|s| self.get(s))
            .product()
    }
}

/// What the question brings, before any entry is scored: the features of
/// the question itself that the decision weighs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    /// The weight of all its content words, unknown ones included.
    pub weight: f32,
    /// The share of that weight carried by words the data never uses.
    pub unknown_share: f32,
    /// The share of that weight lost to typo corrections.
    pub typo_share: f32,
    /// How many content words it has.
    pub words: usize,
    /// How many of them the data never uses.
    pub unknown_words: usize,
}
