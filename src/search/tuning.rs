//! The knobs of the scoring formula, tuned on the tuning half of the eval
//! set and development sets only.

/// The knobs of the scoring formula (see `signals`), tuned on the tuning half
/// of the eval set only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// How much of a phrasing's score rests on covering the question.
    pub question_exponent: f32,
    /// How much rests on the question covering the phrasing.
    pub phrasing_exponent: f32,
    /// For a question of one content word: the power of how much of its
    /// best phrasing it covers, applied to the whole score.
    pub lone_word_fit: f32,
    /// The share of the score that comes from all of an entry's phrasings
    /// together covering the question.
    pub entry_share: f32,
    /// The share that comes from the entry's answer covering the question.
    pub body_share: f32,
    /// What a typo costs, per edit.
    pub typo_penalty: f32,
    /// What an entry keeps when the question word points to another kind
    /// ("when" to events, "who" to people).
    pub off_steer: f32,
    /// What an event or person keeps, against Q&A entries, in a free
    /// question with no such question word.
    pub unsteered: f32,
    /// A word the data never uses weighs this many times the rarest word.
    pub unknown_factor: f32,
    /// No word weighs less than this share of the rarest word's weight, so
    /// a word the data uses everywhere ("russia") still counts when a
    /// phrasing lacks it ("russian foreign minister" is not "foreign minister").
    pub min_weight: f32,
    /// A word only questions people asked use weighs at most this share of
    /// the rarest word's weight (see [`super::signals::rarity`]).
    pub asked_word_weight: f32,
    /// Added when the question is one of the entry's phrasings, word for word.
    pub exact_bonus: f32,
    /// Added, in proportion, for the question's adjacent word pairs that a
    /// phrasing has too ("banned list", "before russia").
    pub pair_bonus: f32,
    /// What an entry keeps for each person or organisation the question
    /// names that the entry never mentions ("president of china" is not
    /// about Putin).
    pub other_entity: f32,
    /// What an entry keeps when the question asks about an office held by
    /// or serving another country than every one the entry states
    /// ("russia's ambassador in kabul" is not the Afghan ambassador in Moscow).
    pub relation_conflict: f32,
    /// What an entry keeps when the question asks for a count or a leader
    /// and its answer gives neither ("how many troops", "who led the ussr").
    pub answer_type: f32,
    /// What an entry keeps when it states only the opposite of the action
    /// the question asks about (taken off the list, not put on it).
    pub opposite_action: f32,
    /// What an entry about what may come keeps against a question about
    /// what has happened ("has anyone else recognised them yet").
    pub tense: f32,
    /// What a year weighs in a question that checks a claim ("did russia
    /// recognise them in 2021?"): the year is what is checked, not what
    /// the question is about.
    pub claimed_year: f32,
    /// What an entry keeps when its best phrasing asks "when", "why",
    /// "who", "where" or "how many" and the question asks otherwise.
    pub form_factor: f32,
    /// For a question asking who did something: the share of the score of
    /// the best-matching event or answer naming a person or organisation
    /// that it adds to theirs.
    pub deed_share: f32,
    /// What a cosine of 1 from the sentence encoder adds, above the floor.
    pub semantic_weight: f32,
    /// Cosines at or below this add nothing.
    pub semantic_floor: f32,
    /// How many entries nearest by meaning join the candidates even when
    /// no word matched them.
    pub semantic_extra: usize,
}

impl Tuning {
    /// Returns whether no signal can be negative and the relation-conflict,
    /// answer-type, opposite-action and tense penalties are at most 1: then
    /// an entry scores at most what it scores with those four left neutral,
    /// which lets ranking skip the entries that cannot make the list.
    pub fn bounds_scores(&self) -> bool {
        let phrasing_share = 1.0 - self.entry_share - self.body_share;
        let non_negative = [
            phrasing_share,
            self.entry_share,
            self.body_share,
            self.pair_bonus,
            self.exact_bonus,
            self.semantic_weight,
            self.deed_share,
            self.other_entity,
            self.off_steer,
            self.unsteered,
        ];
        let penalties = [
            self.relation_conflict,
            self.answer_type,
            self.opposite_action,
            self.tense,
        ];
        non_negative.iter().all(|&v| v >= 0.0) && penalties.iter().all(|v| (0.0..=1.0).contains(v))
    }
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            question_exponent: 0.7,
            phrasing_exponent: 0.2,
            lone_word_fit: 1.0,
            entry_share: 0.35,
            body_share: 0.1,
            typo_penalty: 0.25,
            off_steer: 0.9,
            unsteered: 0.9,
            unknown_factor: 2.0,
            min_weight: 0.2,
            asked_word_weight: 0.25,
            exact_bonus: 0.1,
            pair_bonus: 0.1,
            other_entity: 0.6,
            relation_conflict: 0.5,
            answer_type: 0.5,
            opposite_action: 0.5,
            tense: 0.5,
            form_factor: 0.7,
            claimed_year: 0.3,
            deed_share: 0.5,
            semantic_weight: 1.0,
            semantic_floor: 0.4,
            semantic_extra: 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_bounded_only_with_penalties_in_zero_to_one() {
        // (what is changed, the tuning, whether scores can be bounded)
        let default = Tuning::default();
        let rows = [
            ("nothing", default, true),
            (
                "a penalty of 1",
                Tuning {
                    tense: 1.0,
                    ..default
                },
                true,
            ),
            (
                "a penalty above 1",
                Tuning {
                    answer_type: 1.2,
                    ..default
                },
                false,
            ),
            (
                "a negative penalty",
                Tuning {
                    relation_conflict: -0.5,
                    ..default
                },
                false,
            ),
            (
                "shares above 1",
                Tuning {
                    entry_share: 0.8,
                    body_share: 0.4,
                    ..default
                },
                false,
            ),
            (
                "a negative bonus",
                Tuning {
                    exact_bonus: -0.1,
                    ..default
                },
                false,
            ),
        ];
        for (change, tuning, bounded) in rows {
            assert_eq!(
                tuning.bounds_scores(),
                bounded,
                "bounds_scores with {change}: ranking may skip entries only when no signal is negative and those penalties are at most 1"
            );
        }
    }
}
