//! `factdesk chat`: a terminal console that behaves like the Discord
//! channel. A plain line is a question; `/when`, `/who`, `/ask`,
//! `/timeline`, `/sources`, `/help`, `/feedback`, `/why` and `/quit` work as the
//! slash commands and buttons do. Unanswered questions go to the curator's log.

use std::io::{BufRead, Write};

use crate::command::{self, Action};
use crate::dataset::Reference;
use crate::engine::Engine;
use crate::explain::explain;
use crate::listing::{sources_text, timeline_lines};
use crate::search::Scope;
use crate::unanswered::{Channel, Log, Record};

/// What the console does with one line.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Print this.
    Say(String),
    /// Print nothing (blank line).
    Nothing,
    Quit,
}

/// The console's own commands, listed under [`command::help`].
const CONSOLE_ONLY: &str = "\
/feedback — the last answer was not helpful
/why — how the last question was matched
/quit — leave the console";

/// One console session: remembers the last answer for `/feedback`.
pub struct Console<'a> {
    engine: &'a Engine,
    log: Option<&'a Log>,
    /// The last answered question, its command's scope and the entry
    /// (`kind:id`) given.
    last: Option<(String, Scope, Reference)>,
    /// The last question asked and its command's scope, for `/why`.
    asked: Option<(String, Scope)>,
}

impl<'a> Console<'a> {
    /// Returns a console answering from `engine`, logging misses to `log`.
    pub fn new(engine: &'a Engine, log: Option<&'a Log>) -> Console<'a> {
        Console {
            engine,
            log,
            last: None,
            asked: None,
        }
    }

    /// Returns what to do with one typed line.
    pub fn handle(&mut self, line: &str) -> Outcome {
        let line = line.trim();
        if line.is_empty() {
            return Outcome::Nothing;
        }
        let Some(command) = line.strip_prefix('/') else {
            return Outcome::Say(self.ask(Scope::All, line));
        };
        let (name, arg) = command
            .split_once(char::is_whitespace)
            .map_or((command, ""), |(n, a)| (n, a.trim()));
        let data = self.engine.dataset();
        let say = Outcome::Say;
        if let Some(c) = command::find(name) {
            return say(match c.action {
                Action::Ask(scope) => self.ask(scope, arg),
                Action::Timeline => timeline_lines(data).join("\n"),
                Action::Sources => sources_text(data),
                Action::Help => format!("{}\n{CONSOLE_ONLY}", command::help()),
            });
        }
        match name.to_lowercase().as_str() {
            "feedback" => say(self.feedback()),
            "why" => say(self.why()),
            "quit" | "exit" | "q" => Outcome::Quit,
            other => say(format!(
                "Unknown command /{other}. Type /help for the list."
            )),
        }
    }

    fn ask(&mut self, scope: Scope, question: &str) -> String {
        let reply = self.engine.reply(scope, question);
        self.asked = Some((question.to_string(), scope));
        if let Some(answered) = reply.answered() {
            self.last = Some((question.to_string(), scope, answered.entry.clone()));
        }
        let mut text = reply.text();
        if let (Some(log), Some(record)) = (
            self.log,
            Record::of_reply(self.engine, scope, &reply, Channel::Console),
        ) {
            if let Err(e) = log.append(&record) {
                text.push_str(&format!("\n(warning: {e})"));
            }
        }
        text
    }

    /// Returns how the last question was matched, as Discord's "Why?" does.
    fn why(&self) -> String {
        match &self.asked {
            Some((question, scope)) => explain(self.engine, *scope, question).text(),
            None => "Ask a question first; /why then shows how it was matched.".to_string(),
        }
    }

    fn feedback(&mut self) -> String {
        let Some((question, scope, given)) = self.last.take() else {
            return "There is no answer to give feedback on yet.".to_string();
        };
        let Some(log) = self.log else {
            return "Thanks. (The unanswered log is turned off in the config, so this was not recorded.)".to_string();
        };
        let record = Record::not_helpful(self.engine, scope, &question, &given, Channel::Console);
        match log.append(&record) {
            Ok(()) => format!("Thanks — noted that {given} did not help with {question:?}."),
            Err(e) => format!("Could not record that: {e}"),
        }
    }
}

/// Runs the console until `/quit` or end of input.
///
/// Returns an error only if writing to `output` fails.
pub fn run(
    engine: &Engine,
    log: Option<&Log>,
    input: impl BufRead,
    mut output: impl Write,
    prompt: bool,
) -> std::io::Result<()> {
    let mut console = Console::new(engine, log);
    writeln!(output, "factdesk console. Ask a question, or type /help.")?;
    let mut lines = input.lines();
    loop {
        if prompt {
            write!(output, "> ")?;
            output.flush()?;
        }
        let Some(line) = lines.next() else { break };
        // A line that is not UTF-8 is skipped rather than ending the session.
        let Ok(line) = line else {
            writeln!(
                output,
                "That line was not valid text; please type it again."
            )?;
            continue;
        };
        match console.handle(&line) {
            Outcome::Say(text) => writeln!(output, "{text}\n")?,
            Outcome::Nothing => {}
            Outcome::Quit => break,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::engine::Thresholds;

    #[test]
    fn why_explains_the_last_question_with_its_signals() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let data = Dataset::load(&root.join("tests/fixtures/base")).expect("fixture loads");
        let engine = Engine::new(data, Thresholds::default());
        let mut console = Console::new(&engine, None);
        // (line typed, what the reply must contain)
        let rows = [
            ("/why", "Ask a question first"),
            (
                "who is russia's ambassador in kabul",
                "I don't have an answer",
            ),
            ("/why", "relation conflict x0.50"),
            ("/who ambassador", "Gul Hassan Hassan"),
            ("/why", "Matched person:gul-hassan-hassan"),
        ];
        for (line, want) in rows {
            let Outcome::Say(text) = console.handle(line) else {
                panic!("{line:?} should print something");
            };
            assert!(text.contains(want), "{line:?} should say {want:?}:\n{text}");
        }
    }
}
