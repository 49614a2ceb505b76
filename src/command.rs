//! The command list: one table that the console, `/help` and Discord's
//! command registration all read, so the three never disagree.

use crate::search::Scope;

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Answers the text after it, searched in this part of the data.
    Ask(Scope),
    /// Lists every dated event.
    Timeline,
    /// Lists the source articles.
    Sources,
    /// Shows the command list.
    Help,
}

/// A command's one text argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argument {
    /// Its name in Discord (`question`).
    pub name: &'static str,
    /// How `/help` shows it (`<question>`).
    pub shown: &'static str,
    /// Discord's description of it (at most 100 characters).
    pub description: &'static str,
    /// Discord offers choices from the data while it is typed.
    pub autocomplete: bool,
}

/// One command everyone can use, in the console and on Discord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    pub name: &'static str,
    pub action: Action,
    pub argument: Option<Argument>,
    /// What `/help` says of it, after the dash.
    pub help: &'static str,
    /// Discord's description of it (at most 100 characters).
    pub description: &'static str,
}

/// Every command everyone can use, in the order `/help` lists them.
pub const COMMANDS: [Command; 6] = [
    Command {
        name: "ask",
        action: Action::Ask(Scope::All),
        argument: Some(Argument {
            name: "question",
            shown: "<question>",
            description: "Your question, e.g. why did russia do this?",
            autocomplete: false,
        }),
        help: "ask anything, e.g. /ask why did russia do this?",
        description: "Ask anything about Russia's recognition of the Taliban government",
    },
    Command {
        name: "when",
        action: Action::Ask(Scope::Timeline),
        argument: Some(Argument {
            name: "event",
            shown: "<event>",
            description: "An event, e.g. recognition",
            autocomplete: true,
        }),
        help: "when something happened, e.g. /when recognition",
        description: "When did something happen? Searches the timeline",
    },
    Command {
        name: "who",
        action: Action::Ask(Scope::People),
        argument: Some(Argument {
            name: "name_or_role",
            shown: "<name or role>",
            description: "A name or a role, e.g. ambassador",
            autocomplete: true,
        }),
        help: "who someone is, e.g. /who ambassador",
        description: "Who is someone? Search by name or role",
    },
    Command {
        name: "timeline",
        action: Action::Timeline,
        argument: None,
        help: "every dated event, oldest first",
        description: "Every dated event, oldest first",
    },
    Command {
        name: "sources",
        action: Action::Sources,
        argument: None,
        help: "the articles my answers come from",
        description: "The articles my answers come from, and how up to date they are",
    },
    Command {
        name: "help",
        action: Action::Help,
        argument: None,
        help: "this help",
        description: "What I can answer and how to ask",
    },
];

/// What factdesk answers, the first line of `/help`.
const ABOUT: &str = "I answer questions about Russia's recognition of the Taliban government of Afghanistan (July 2025), its background since 1979 and the reactions, citing my sources.";

/// Returns the command called `name` (without its slash, any case).
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name.eq_ignore_ascii_case(name))
}

impl Command {
    /// Returns its `/help` line: `/when <event> — when something happened, ...`.
    pub fn help_line(&self) -> String {
        match self.argument {
            Some(a) => format!("/{} {} — {}", self.name, a.shown, self.help),
            None => format!("/{} — {}", self.name, self.help),
        }
    }
}

/// Returns `/help`: what factdesk answers, then one line per command.
pub fn help() -> String {
    let mut out = ABOUT.to_string();
    for c in &COMMANDS {
        out.push('\n');
        out.push_str(&c.help_line());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_with_its_argument() {
        let help = help();
        let lines: Vec<&str> = help.lines().collect();
        assert_eq!(lines.len(), COMMANDS.len() + 1, "{help}");
        let rows = [
            ("ask", "/ask <question> — ask anything"),
            ("when", "/when <event> — when something happened"),
            ("who", "/who <name or role> — who someone is"),
            ("timeline", "/timeline — every dated event"),
            ("sources", "/sources — the articles"),
            ("help", "/help — this help"),
        ];
        for (name, start) in rows {
            assert!(
                lines.iter().any(|l| l.starts_with(start)),
                "/help should list /{name} as {start:?}:\n{help}"
            );
            assert_eq!(find(name).map(|c| c.name), Some(name));
        }
    }

    #[test]
    fn names_and_descriptions_fit_discord() {
        for c in &COMMANDS {
            assert!(
                (1..=32).contains(&c.name.len())
                    && c.name
                        .chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{}: a Discord command name is 1-32 lowercase letters",
                c.name
            );
            assert!(
                (1..=100).contains(&c.description.chars().count()),
                "{}",
                c.name
            );
            if let Some(a) = c.argument {
                assert!(
                    (1..=100).contains(&a.description.chars().count()),
                    "{}",
                    c.name
                );
                assert!(
                    matches!(c.action, Action::Ask(_)),
                    "{}: only questions take text",
                    c.name
                );
            }
        }
        assert_eq!(
            find("WHEN").map(|c| c.action),
            Some(Action::Ask(Scope::Timeline))
        );
        assert!(
            find("reload").is_none(),
            "/reload is Discord's admin command only"
        );
    }
}
