//! Measured quality: a labeled question file, run through the engine, gives
//! accuracy (answered with the right entry), the wrong-answer rate and the
//! off-topic false-answer rate.
//!
//! File format: one case per line, tab-separated `command expected question`,
//! where command is `ask`, `when` or `who`, and expected is `kind:id`,
//! several accepted answers joined by `|`, or `none` for a question that must
//! not be answered. Blank lines and lines starting with `#` are skipped.

use std::fmt::Write as _;

use crate::answer::Status;
use crate::engine::Engine;
use crate::search::Scope;

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// 1-based line in the file.
    pub line: usize,
    pub scope: Scope,
    /// Accepted `kind:id` answers; empty means "must not be answered".
    pub expected: Vec<String>,
    pub question: String,
}

/// Parses an eval file.
///
/// Returns the cases, or every malformed line as `name:line: message`.
pub fn parse(name: &str, text: &str) -> Result<Vec<Case>, Vec<String>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.splitn(3, '\t').collect();
        let [command, expected, question] = cols.as_slice() else {
            errors.push(format!(
                "{name}:{line}: expected 3 tab-separated columns: command, expected, question"
            ));
            continue;
        };
        let scope = match command.trim() {
            "ask" => Scope::All,
            "when" => Scope::Timeline,
            "who" => Scope::People,
            other => {
                errors.push(format!(
                    "{name}:{line}: command {other:?} must be ask, when or who"
                ));
                continue;
            }
        };
        let expected = match expected.trim() {
            "none" => Vec::new(),
            list => list.split('|').map(|s| s.trim().to_string()).collect(),
        };
        cases.push(Case {
            line,
            scope,
            expected,
            question: question.to_string(),
        });
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

/// What went wrong with one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub case: Case,
    /// `answered kind:id`, `suggest [...]` or `no_match`.
    pub got: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub on_topic: usize,
    pub correct: usize,
    pub wrong: usize,
    /// On-topic questions not answered, but with the right entry among the suggestions.
    pub suggested_right: usize,
    pub off_topic: usize,
    pub off_topic_answered: usize,
    pub misses: Vec<Miss>,
}

impl Report {
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.on_topic)
    }

    pub fn wrong_rate(&self) -> f64 {
        ratio(self.wrong, self.on_topic)
    }

    pub fn false_answer_rate(&self) -> f64 {
        ratio(self.off_topic_answered, self.off_topic)
    }

    /// Returns the summary and every miss, one per line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "accuracy {:.1}% ({}/{}), wrong answers {:.1}% ({}), right entry suggested {}, \
             off-topic false answers {:.1}% ({}/{})",
            100.0 * self.accuracy(),
            self.correct,
            self.on_topic,
            100.0 * self.wrong_rate(),
            self.wrong,
            self.suggested_right,
            100.0 * self.false_answer_rate(),
            self.off_topic_answered,
            self.off_topic
        );
        for m in &self.misses {
            let want = if m.case.expected.is_empty() {
                "none".to_string()
            } else {
                m.case.expected.join("|")
            };
            let _ = writeln!(
                out,
                "  line {}: {:?} wants {want}, got {} ({:.2})",
                m.case.line, m.case.question, m.got, m.confidence
            );
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs every case through the engine.
pub fn run(engine: &Engine, cases: &[Case]) -> Report {
    let mut report = Report::default();
    for case in cases {
        let reply = engine.reply(case.scope, &case.question);
        let answered = (reply.status == Status::Answered).then(|| {
            format!(
                "{}:{}",
                reply.kind.map_or("", |k| k.as_str()),
                reply.id.as_deref().unwrap_or("")
            )
        });
        let got = match (&answered, reply.status) {
            (Some(r), _) => format!("answered {r}"),
            (None, Status::Suggest) => format!(
                "suggest [{}]",
                reply
                    .suggestions
                    .iter()
                    .map(|s| s.reference())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => "no_match".to_string(),
        };
        let miss = |report: &mut Report| {
            report.misses.push(Miss {
                case: case.clone(),
                got: got.clone(),
                confidence: reply.confidence,
            })
        };
        if case.expected.is_empty() {
            report.off_topic += 1;
            if answered.is_some() {
                report.off_topic_answered += 1;
                miss(&mut report);
            }
            continue;
        }
        report.on_topic += 1;
        match &answered {
            Some(r) if case.expected.contains(r) => report.correct += 1,
            Some(_) => {
                report.wrong += 1;
                miss(&mut report);
            }
            None => {
                if reply
                    .suggestions
                    .iter()
                    .any(|s| case.expected.contains(&s.reference()))
                {
                    report.suggested_right += 1;
                }
                miss(&mut report);
            }
        }
    }
    report
}
