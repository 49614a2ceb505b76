//! Question form: a phrasing that asks "when", "why", "who", "where" or
//! "how many" says what its entry answers, and a question asking something
//! else (or stating a fact, or asking yes or no) should not match it fully
//! on the rest of its words. "russia recognised the taliban??" is not "when
//! did russia recognise the taliban". Open forms ("what", "which", "how")
//! are never held against anything: "what date" asks "when" in other
//! words. The phrasing is chosen with this factor applied, so an entry with
//! a phrasing of the right form is not penalised.

use crate::search::Tuning;

/// What a text asks, by its question word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// "what", "which", "how" or a question word this signal does not
    /// judge: compatible with everything.
    #[default]
    Open,
    When,
    Why,
    Who,
    Where,
    /// "how many", "how much", "how long", "how old".
    Amount,
    /// Starts with "is", "did", "does", "has", "can" ... and names no
    /// question word.
    YesNo,
    /// No question word at all: a statement or a few keywords.
    Statement,
}

impl Form {
    /// Every form, in declaration order: `form as usize` is its place.
    pub const ALL: [Form; 8] = [
        Form::Open,
        Form::When,
        Form::Why,
        Form::Who,
        Form::Where,
        Form::Amount,
        Form::YesNo,
        Form::Statement,
    ];
}

/// Words that open a yes/no question.
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can", "could", "will",
    "would", "should", "isnt", "arent", "wasnt", "didnt", "doesnt", "hasnt",
];

/// Returns the form of a normalized text (lowercase words joined by
/// spaces): its first question word decides; "where do/does/did ...
/// stand" asks for a stance, not a place.
pub fn form(normalized: &str) -> Form {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let found = match *w {
            "when" => Form::When,
            "why" => Form::Why,
            "who" | "whom" | "whose" => Form::Who,
            "where" if words[i..].contains(&"stand") => Form::Open,
            "where" => Form::Where,
            "how" if matches!(next, "many" | "much" | "long" | "old") => Form::Amount,
            "how" if next == "come" => Form::Why,
            "what" | "which" | "how" => Form::Open,
            _ => continue,
        };
        return found;
    }
    match words.first() {
        Some(w) if AUXILIARIES.contains(w) => Form::YesNo,
        _ => Form::Statement,
    }
}

/// Returns the factor for a phrasing of form `phrasing` matched by a
/// question of form `question`: below 1 when the phrasing asks something
/// specific the question does not.
pub fn value(question: Form, phrasing: Form, tuning: &Tuning) -> f32 {
    let specific = matches!(
        phrasing,
        Form::When | Form::Why | Form::Who | Form::Where | Form::Amount
    );
    if !specific || question == phrasing || question == Form::Open {
        1.0
    } else {
        tuning.form_factor
    }
}

/// Returns [`value`] for a question of form `question` against each
/// phrasing form, indexed by `phrasing as usize`: ranking looks the factor
/// up once per phrasing instead of comparing forms.
pub fn values(question: Form, tuning: &Tuning) -> [f32; Form::ALL.len()] {
    Form::ALL.map(|phrasing| value(question, phrasing, tuning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_values_is_value_for_every_pair() {
        let tuning = Tuning::default();
        for (i, form) in Form::ALL.into_iter().enumerate() {
            assert_eq!(
                form as usize, i,
                "Form::ALL must list {form:?} at its place"
            );
        }
        for question in Form::ALL {
            let table = values(question, &tuning);
            for phrasing in Form::ALL {
                assert_eq!(
                    table[phrasing as usize],
                    value(question, phrasing, &tuning),
                    "values({question:?})[{phrasing:?}]"
                );
            }
        }
    }

    #[test]
    fn the_first_question_word_decides_the_form() {
        // (normalized text, form)
        let rows = [
            ("when did russia recognise the taliban", Form::When),
            ("so when was it", Form::When),
            ("why did russia do this", Form::Why),
            ("how come russia did this", Form::Why),
            ("who is the ambassador", Form::Who),
            ("where is the embassy", Form::Where),
            (
                "where does the us stand on recognising the taliban",
                Form::Open,
            ),
            ("how many countries recognise them", Form::Amount),
            ("how long were the soviets there", Form::Amount),
            ("what date did russia recognise them", Form::Open),
            ("how did russia recognise them", Form::Open),
            ("did russia recognise the taliban", Form::YesNo),
            ("is it true russia recognised them", Form::YesNo),
            ("russia recognised the taliban", Form::Statement),
            ("recognition date", Form::Statement),
            ("", Form::Statement),
        ];
        for (text, want) in rows {
            assert_eq!(form(text), want, "form of {text:?}");
        }
    }

    #[test]
    fn only_a_specific_phrasing_asked_otherwise_is_penalised() {
        let t = Tuning::default();
        // (question, phrasing, penalised)
        let rows = [
            (Form::Statement, Form::When, true),
            (Form::YesNo, Form::When, true),
            (Form::Why, Form::When, true),
            (Form::When, Form::Where, true),
            (Form::Statement, Form::Amount, true),
            (Form::When, Form::When, false),
            (Form::Open, Form::When, false),
            (Form::When, Form::Open, false),
            (Form::When, Form::Statement, false),
            (Form::Why, Form::YesNo, false),
        ];
        for (question, phrasing, penalised) in rows {
            let v = value(question, phrasing, &t);
            assert_eq!(
                v < 1.0,
                penalised,
                "question {question:?}, phrasing {phrasing:?}: factor {v}"
            );
        }
    }
}
