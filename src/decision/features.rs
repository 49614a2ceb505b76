//! The features the decision weighs, each named, each in about [0, 1],
//! read off an [`Analysis`]: how well the top candidate matched (its
//! score and signals), how far ahead of the runner-up it is, and what the
//! question brought that the data does not know.

use crate::engine::Analysis;
use crate::search::{Scope, Signal, Tuning};

/// One feature of the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// The top candidate's ranking score.
    TopScore,
    /// Its lead over the runner-up's score.
    Margin,
    /// How well its best phrasing and the question cover each other.
    PhrasingFit,
    /// How much of the question its phrasings cover together.
    EntryFit,
    /// What its penalties took (1 minus the product of the factors).
    Penalty,
    /// The share of the question's weight the data never uses.
    UnknownShare,
    /// The share lost to typo corrections.
    TypoShare,
    /// The question has one content word.
    LoneWord,
    /// Asked with `/when` or `/who`.
    SlashCommand,
    /// The question's length in content words, up to 20, over 20.
    Length,
    /// The question is one of its phrasings word for word.
    Exact,
    /// No runner-up scores even half as much.
    Alone,
    /// "when" or "who" points to another kind of entry.
    SteerMismatch,
    /// A part of a long message was matched: the share of the message's
    /// content words left out.
    PartLeftOut,
    /// The sentence encoder's best cosine for the top candidate (0 without it).
    SemanticTop,
    /// 1 when the top candidate is also the entry nearest by meaning.
    SemanticAgrees,
    /// In a long message: the share of its other readings (the whole, its
    /// sentences and clauses) that rank the same entry first.
    ReadingsAgree,
    /// How far the top candidate's cosine is above (or below) the best
    /// cosine of any other entry, in [-1, 1] (0 without the encoder).
    SemanticLead,
}

impl Feature {
    /// Every feature, in the order of the model's weights (the order they
    /// are declared in: `feature as usize` indexes [`Features`]).
    pub const ALL: [Feature; 18] = [
        Feature::TopScore,
        Feature::Margin,
        Feature::PhrasingFit,
        Feature::EntryFit,
        Feature::Penalty,
        Feature::UnknownShare,
        Feature::TypoShare,
        Feature::LoneWord,
        Feature::SlashCommand,
        Feature::Length,
        Feature::Exact,
        Feature::Alone,
        Feature::SteerMismatch,
        Feature::PartLeftOut,
        Feature::SemanticTop,
        Feature::SemanticAgrees,
        Feature::ReadingsAgree,
        Feature::SemanticLead,
    ];

    /// Returns the feature's key in the calibration file.
    pub fn name(self) -> &'static str {
        match self {
            Feature::TopScore => "top_score",
            Feature::Margin => "margin",
            Feature::PhrasingFit => "phrasing_fit",
            Feature::EntryFit => "entry_fit",
            Feature::Penalty => "penalty",
            Feature::UnknownShare => "unknown_share",
            Feature::TypoShare => "typo_share",
            Feature::LoneWord => "lone_word",
            Feature::SlashCommand => "slash_command",
            Feature::Length => "length",
            Feature::Exact => "exact",
            Feature::Alone => "alone",
            Feature::SteerMismatch => "steer_mismatch",
            Feature::PartLeftOut => "part_left_out",
            Feature::SemanticTop => "semantic_top",
            Feature::SemanticAgrees => "semantic_agrees",
            Feature::ReadingsAgree => "readings_agree",
            Feature::SemanticLead => "semantic_lead",
        }
    }

    /// Returns what the feature measures, for the calibration file.
    pub fn doc(self) -> &'static str {
        match self {
            Feature::TopScore => "the top candidate's ranking score",
            Feature::Margin => "its lead over the runner-up",
            Feature::PhrasingFit => "how well its best phrasing and the question cover each other",
            Feature::EntryFit => "how much of the question its phrasings cover together",
            Feature::Penalty => "what its penalties took (other entity, place, relation, steer)",
            Feature::UnknownShare => "share of the question's weight in words the data never uses",
            Feature::TypoShare => "share of the question's weight lost to typo corrections",
            Feature::LoneWord => "1 for a question of one content word",
            Feature::SlashCommand => "1 for /when and /who",
            Feature::Length => "content words, up to 20, over 20",
            Feature::Exact => "1 when the question is one of its phrasings word for word",
            Feature::Alone => "1 when no runner-up scores half as much",
            Feature::SteerMismatch => "1 when when/who points to another kind of entry",
            Feature::PartLeftOut => {
                "share of a long message's content words left out by matching one part"
            }
            Feature::SemanticTop => "the sentence encoder's cosine for it (0 without the encoder)",
            Feature::SemanticAgrees => "1 when it is also the entry nearest by meaning",
            Feature::SemanticLead => {
                "its cosine minus the best other entry's, over 0.2, in [-1, 1] (0 without the encoder)"
            }
            Feature::ReadingsAgree => {
                "share of a long message's other readings (whole, sentences, clauses) with the same top entry"
            }
        }
    }
}

/// The features of one analysis, in [`Feature::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features(pub [f32; Feature::ALL.len()]);

impl Features {
    /// Returns the features of `analysis`, or `None` when it has no candidate.
    pub fn of(analysis: &Analysis, tuning: &Tuning) -> Option<Features> {
        let top = analysis.candidates.first()?;
        let runner = analysis.rival();
        let t = &top.trace;
        let e = &analysis.evidence;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let semantic = &analysis.query.semantic;
        let cosine =
            |c: &crate::search::Candidate| analysis.query.semantic.get(c.entry_number()).copied();
        let share = 1.0 - tuning.entry_share - tuning.body_share;
        let mut v = [0.0; Feature::ALL.len()];
        for (i, f) in Feature::ALL.iter().enumerate() {
            v[i] = match f {
                Feature::TopScore => top.score.min(1.2),
                Feature::Margin => (top.score - runner).clamp(0.0, 1.0),
                Feature::PhrasingFit => {
                    ((t.get(Signal::PhrasingCoverage) + t.get(Signal::AdjacentPairs)) / share)
                        .min(1.2)
                }
                Feature::EntryFit => (t.get(Signal::EntryCoverage) / tuning.entry_share).min(1.0),
                Feature::Penalty => 1.0 - t.penalty(),
                Feature::UnknownShare => e.unknown_share,
                Feature::TypoShare => e.typo_share,
                Feature::LoneWord => flag(e.words == 1),
                Feature::SlashCommand => flag(analysis.scope != Scope::All),
                Feature::Length => e.words.min(20) as f32 / 20.0,
                Feature::Exact => flag(t.get(Signal::ExactPhrasing) > 0.0),
                Feature::Alone => flag(runner < 0.5 * top.score),
                // "unsteered" also lowers the steer factor: only a question
                // word pointing elsewhere counts.
                Feature::SteerMismatch => flag(
                    analysis.query.steer.is_some()
                        && t.get(Signal::Steer) < 1.0
                        && analysis.scope == Scope::All,
                ),
                Feature::SemanticTop => cosine(top).unwrap_or(0.0),
                Feature::SemanticAgrees => {
                    let best = semantic.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    flag(cosine(top).is_some_and(|c| c >= best))
                }
                Feature::ReadingsAgree => analysis.agreement,
                Feature::SemanticLead => match cosine(top) {
                    Some(c) => {
                        let other = semantic
                            .iter()
                            .enumerate()
                            .filter(|&(i, _)| i != top.entry_number())
                            .map(|(_, &v)| v)
                            .fold(f32::NEG_INFINITY, f32::max);
                        ((c - other) / 0.2).clamp(-1.0, 1.0)
                    }
                    None => 0.0,
                },
                Feature::PartLeftOut => match &analysis.part {
                    Some(_) if analysis.message_words > 0 => {
                        1.0 - (e.words as f32 / analysis.message_words as f32).min(1.0)
                    }
                    _ => 0.0,
                },
            };
        }
        Some(Features(v))
    }

    /// Returns the value of `feature`.
    pub fn get(&self, feature: Feature) -> f32 {
        self.0[feature as usize]
    }
}
