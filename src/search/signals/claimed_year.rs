//! Claimed year: in a question that checks a claim ("did russia recognise
//! them in 2021?", "the soviets invaded in 1989, right?"), the year is what
//! is being checked, not what the question is about. It weighs little, so
//! the event asked about wins over whatever entry happens to name that
//! year, and its answer gives the right date. Works on the question's
//! words before any entry is scored; its effect shows in the coverage
//! signals.

use super::question_form::{Form, AUXILIARIES};
use crate::search::Tuning;

/// Words that turn a statement into a question checking it.
const TAGS: &[&str] = &["correct", "innit", "no", "right", "true", "yeah", "yes"];

/// Pronouns that close a tag question ("..., didn't they?").
const TAG_PRONOUNS: &[&str] = &["he", "it", "she", "there", "they", "we", "you"];

/// Returns true when a question of `form` checks a claim: a yes/no
/// question, a statement ending in a tag ("..., right?", "... yeah",
/// "..., didn't they"), or a statement sent with a question mark
/// (`question_mark`: "muttaqi is the russian foreign minister?").
pub fn checks_a_claim(form: Form, normalized: &str, question_mark: bool) -> bool {
    let mut last = normalized.split(' ').filter(|w| !w.is_empty()).rev();
    let (end, mut before) = (last.next(), last.next());
    // Normalizing spells "didnt they" as "did not they".
    if before == Some("not") {
        before = last.next();
    }
    let tagged = end.is_some_and(|w| TAGS.contains(&w))
        || (form == Form::Statement
            && end.is_some_and(|w| TAG_PRONOUNS.contains(&w))
            && before.is_some_and(|w| AUXILIARIES.contains(&w)));
    form == Form::YesNo || tagged || (form == Form::Statement && question_mark)
}

/// Returns true for a year of the story's span (1900-2099).
pub fn is_year(word: &str) -> bool {
    word.len() == 4
        && (word.starts_with("19") || word.starts_with("20"))
        && word.bytes().all(|b| b.is_ascii_digit())
}

/// Returns the factor on the weight of `word` in a question; `checking`:
/// the question checks a claim (see [`checks_a_claim`]).
pub fn factor(checking: bool, word: &str, tuning: &Tuning) -> f32 {
    if checking && is_year(word) {
        tuning.claimed_year
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::question_form::form;

    #[test]
    fn a_year_weighs_little_only_in_a_question_checking_a_claim() {
        let t = Tuning::default();
        // (normalized question, word, weighs little)
        let rows = [
            ("did russia recognise them in 2021", "2021", true),
            ("the soviets invaded in 1989 right", "1989", true),
            ("russia recognised the taliban in 2024 yeah", "2024", true),
            ("did russia recognise them in 2021", "russia", false),
            ("what happened in 2021", "2021", false),
            ("why did the us invade afghanistan in 2001", "2001", false),
            ("did the taliban win 12 seats", "12", false),
            ("did it happen in 3000", "3000", false),
        ];
        for (question, word, little) in rows {
            let checking = checks_a_claim(form(question), question, false);
            let f = factor(checking, word, &t);
            assert_eq!(f < 1.0, little, "{word:?} in {question:?}: factor {f}");
        }
    }

    #[test]
    fn claims_are_checked_by_yes_no_tags_and_question_marks() {
        // (normalized question, sent with a question mark, checks a claim)
        let rows = [
            ("did russia recognise them in 2021", false, true),
            ("the soviets invaded in 1989 right", false, true),
            (
                "the taliban first took kabul in 2001 didnt they",
                false,
                true,
            ),
            ("russia recognised them first wasnt it", false, true),
            // As normalize spells them.
            (
                "russia recognized the taliban back in 2024 did not it",
                false,
                true,
            ),
            ("the soviets left in 1989 was not it", false, true),
            ("the soviets left in 1989 not it", false, false),
            ("muttaqi is the russian foreign minister", true, true),
            ("muttaqi is the russian foreign minister", false, false),
            ("who is the russian foreign minister", true, false),
            ("when did they", false, false),
            ("what did russia say about it", true, false),
        ];
        for (question, mark, claim) in rows {
            assert_eq!(
                checks_a_claim(form(question), question, mark),
                claim,
                "{question:?} with question mark {mark}"
            );
        }
    }
}
