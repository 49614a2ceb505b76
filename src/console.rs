//! `factdesk chat`: a terminal console that behaves like the Discord
//! channel. A plain line is a question; `/when`, `/who`, `/ask`,
//! `/timeline`, `/sources`, `/help` and `/quit` work as the slash commands do.

use std::io::{BufRead, Write};

use crate::engine::Engine;
use crate::listing::{sources_text, timeline_lines, HELP};
use crate::search::Scope;

/// What the console does with one line.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Print this.
    Say(String),
    /// Print nothing (blank line).
    Nothing,
    Quit,
}

/// Returns what to do with one typed line.
pub fn handle(engine: &Engine, line: &str) -> Outcome {
    let line = line.trim();
    if line.is_empty() {
        return Outcome::Nothing;
    }
    let Some(command) = line.strip_prefix('/') else {
        return Outcome::Say(engine.reply(Scope::All, line).text());
    };
    let (name, arg) = command
        .split_once(char::is_whitespace)
        .map_or((command, ""), |(n, a)| (n, a.trim()));
    let say = |s: String| Outcome::Say(s);
    match name.to_lowercase().as_str() {
        "ask" => say(engine.reply(Scope::All, arg).text()),
        "when" => say(engine.reply(Scope::Timeline, arg).text()),
        "who" => say(engine.reply(Scope::People, arg).text()),
        "timeline" => say(timeline_lines(engine.dataset()).join("\n")),
        "sources" => say(sources_text(engine.dataset())),
        "help" => say(format!("{HELP}\n/quit — leave the console")),
        "quit" | "exit" | "q" => Outcome::Quit,
        other => say(format!(
            "Unknown command /{other}. Type /help for the list."
        )),
    }
}

/// Runs the console until `/quit` or end of input.
///
/// Returns an error only if writing to `output` fails.
pub fn run(
    engine: &Engine,
    input: impl BufRead,
    mut output: impl Write,
    prompt: bool,
) -> std::io::Result<()> {
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
        match handle(engine, &line) {
            Outcome::Say(text) => writeln!(output, "{text}\n")?,
            Outcome::Nothing => {}
            Outcome::Quit => break,
        }
    }
    Ok(())
}
