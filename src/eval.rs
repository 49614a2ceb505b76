//! Measured quality: a labeled question file, run through the engine, gives
//! accuracy (answered with the right entry), the wrong-answer rate and the
//! off-topic false-answer rate.
//!
//! File format: one case per line, tab-separated `command expected question`,
//! where command is `ask`, `when` or `who`, and expected is `kind:id`,
//! several accepted answers joined by `|`, `none` for a question that must
//! not be answered, or `none|kind:id|...` for a near-miss that may go
//! unanswered or be answered by an entry saying the sources lack the
//! detail. Blank lines and lines starting with `#` are skipped.

use std::fmt::Write as _;

use crate::answer::Status;
use crate::dataset::Reference;
use crate::decision::Example;
use crate::engine::Engine;
use crate::search::Scope;

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// 1-based line in the file.
    pub line: usize,
    pub scope: Scope,
    /// Accepted answers; empty means "must not be answered".
    pub expected: Vec<Reference>,
    /// Not answering is right too (`none|kind:id`): a near-miss whose
    /// accepted entries say the sources lack the detail asked.
    pub declinable: bool,
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
        let mut listed: Vec<&str> = match expected.trim() {
            "none" => Vec::new(),
            list => list.split('|').map(str::trim).collect(),
        };
        let declinable = listed.first() == Some(&"none");
        if declinable {
            listed.remove(0);
        }
        let expected: Result<Vec<Reference>, String> = listed.iter().map(|e| e.parse()).collect();
        let expected = match expected {
            Ok(e) => e,
            Err(e) => {
                errors.push(format!("{name}:{line}: expected: {e} (or none first)"));
                continue;
            }
        };
        cases.push(Case {
            line,
            scope,
            expected,
            declinable,
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
    /// Per case with a candidate: the calibrated P(right) and whether the
    /// top candidate was right.
    pub predictions: Vec<(f32, bool)>,
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
        out.push_str(&self.reliability());
        for m in &self.misses {
            let listed = m
                .case
                .expected
                .iter()
                .map(Reference::to_string)
                .collect::<Vec<_>>()
                .join("|");
            let want = match (m.case.expected.is_empty(), m.case.declinable) {
                (true, _) => "none".to_string(),
                (false, true) => format!("none|{listed}"),
                (false, false) => listed,
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

impl Report {
    /// Returns the reliability table: per band of predicted P(right), how
    /// many questions fell in it, the mean predicted P and how often the
    /// top candidate was in fact right.
    pub fn reliability(&self) -> String {
        let mut out =
            String::from("reliability (predicted P(right) vs observed, top candidate):\n");
        for band in 0..5 {
            let (lo, hi) = (band as f32 * 0.2, (band + 1) as f32 * 0.2);
            let in_band: Vec<&(f32, bool)> = self
                .predictions
                .iter()
                .filter(|(p, _)| *p >= lo && (*p < hi || band == 4))
                .collect();
            if in_band.is_empty() {
                let _ = writeln!(out, "  P {lo:.1}-{hi:.1}: none");
                continue;
            }
            let n = in_band.len() as f32;
            let predicted = in_band.iter().map(|(p, _)| p).sum::<f32>() / n;
            let observed = in_band.iter().filter(|(_, r)| *r).count() as f32 / n;
            let _ = writeln!(
                out,
                "  P {lo:.1}-{hi:.1}: {:>4} questions, predicted {:.2}, observed {:.2}",
                in_band.len(),
                predicted,
                observed
            );
        }
        out
    }
}

/// Returns one labeled example per case with a candidate: the features of
/// its analysis, and whether its top candidate is an accepted answer.
pub fn examples(engine: &Engine, cases: &[Case]) -> Vec<Example> {
    cases
        .iter()
        .filter_map(|case| {
            let analysis = engine.analyze(case.scope, &case.question);
            let decision = analysis.decision;
            let top = analysis.candidates.first()?;
            Some(Example {
                features: decision.features?,
                right: case
                    .expected
                    .contains(&top.entry.get(engine.dataset()).reference()),
            })
        })
        .collect()
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
        let analysis = engine.analyze(case.scope, &case.question);
        let reply = engine.reply_to(&case.question, &analysis);
        if let Some(top) = analysis.candidates.first() {
            let reference = top.entry.get(engine.dataset()).reference();
            report.predictions.push((
                analysis.decision.probability,
                case.expected.contains(&reference),
            ));
        }
        let answered = reply.answered().map(|a| a.entry.clone());
        let got = match (&answered, reply.status()) {
            (Some(r), _) => format!("answered {r}"),
            (None, Status::Suggest) => format!(
                "suggest [{}]",
                reply
                    .choices()
                    .iter()
                    .map(|s| s.reference().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => "no_match".to_string(),
        };
        let miss = |report: &mut Report| {
            report.misses.push(Miss {
                case: case.clone(),
                got: got.clone(),
                confidence: reply.confidence(),
            })
        };
        if case.expected.is_empty() || case.declinable {
            report.off_topic += 1;
            let accepted = answered.as_ref().is_some_and(|r| case.expected.contains(r));
            if answered.is_some() && !accepted {
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
                    .choices()
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
