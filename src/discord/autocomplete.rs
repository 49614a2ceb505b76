//! Autocomplete for `/when` and `/who`: the core's fuzzy candidates plus
//! entries with a key starting with what was typed, at most 25, names and
//! values within 100 characters. A choice's value is the entry's title or
//! name, which the engine answers like any typed text.

use serenity::all::{
    AutocompleteChoice, CommandInteraction, CreateAutocompleteResponse, CreateInteractionResponse,
    Http,
};

use super::bot::Bot;
use super::delivery::{self, Deadline, Fallback, Target};
use super::limits::{self, clip};
use crate::dataset::{Dataset, Entry};
use crate::engine::Engine;
use crate::search::normalize::{normalize, normalize_checked};
use crate::search::Scope;

/// One autocomplete choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the user sees: the entry's label.
    pub name: String,
    /// What is submitted: the entry's title or name.
    pub value: String,
}

/// Returns the choices for `typed` among the entries of `scope`: the first
/// 25 when nothing is typed, none when it is too long to be a question.
pub fn choices(engine: &Engine, scope: Scope, typed: &str) -> Vec<Choice> {
    let dataset = engine.dataset();
    // Normalized once; a text too long to ask is not searched at all.
    let (typed_key, long) = normalize_checked(typed);
    if long {
        return Vec::new();
    }
    let in_scope = entries(dataset, scope);
    let picked: Vec<Entry<'_>> = if typed_key.is_empty() {
        in_scope
    } else {
        let fuzzy = engine
            .candidates(scope, typed, limits::CHOICES)
            .into_iter()
            .map(|c| c.entry.get(dataset));
        let prefix = in_scope.into_iter().filter(|e| starts_a_key(e, &typed_key));
        let mut seen = Vec::new();
        fuzzy
            .chain(prefix)
            .filter(|e| {
                let key = (e.kind(), e.id());
                let new = !seen.contains(&key);
                seen.push(key);
                new
            })
            .collect()
    };
    picked
        .into_iter()
        .take(limits::CHOICES)
        .filter_map(choice)
        .collect()
}

fn entries(dataset: &Dataset, scope: Scope) -> Vec<Entry<'_>> {
    match scope {
        Scope::Timeline => dataset.events.iter().map(Entry::Event).collect(),
        Scope::People => dataset.people.iter().map(Entry::Person).collect(),
        Scope::All => dataset.entries().collect(),
    }
}

/// Whether a key of the entry, or a word in it, starts with `typed`.
fn starts_a_key(entry: &Entry<'_>, typed: &str) -> bool {
    let with_space = format!(" {typed}");
    entry.keys().iter().any(|k| {
        let k = normalize(k);
        k.starts_with(typed) || k.contains(&with_space)
    })
}

fn choice(entry: Entry<'_>) -> Option<Choice> {
    let value = clip(entry.keys().first()?.trim(), limits::CHOICE_TEXT);
    let name = clip(entry.label().trim(), limits::CHOICE_TEXT);
    (!name.is_empty() && !value.is_empty()).then_some(Choice { name, value })
}

/// Answers an autocomplete interaction with the choices for the focused
/// option. A failure is logged, as a WARN line: only the suggestions are
/// lost, not an answer ([`Fallback::Suggestions`]).
pub async fn respond(http: &Http, bot: &Bot, interaction: &CommandInteraction, deadline: Deadline) {
    let scope = match interaction.data.name.as_str() {
        "when" => Some(Scope::Timeline),
        "who" => Some(Scope::People),
        _ => None,
    };
    let typed = interaction.data.autocomplete().map_or("", |o| o.value);
    let list = scope.map_or_else(Vec::new, |s| choices(&bot.engine(), s, typed));
    let list = list
        .into_iter()
        .map(|c| AutocompleteChoice::new(c.name, c.value))
        .collect();
    let response = CreateAutocompleteResponse::new().set_choices(list);
    let i = interaction;
    let target =
        Target::interaction(i.id, i.guild_id, i.channel_id).with_fallback(Fallback::Suggestions);
    let response = CreateInteractionResponse::Autocomplete(response);
    let until = (deadline, &bot.stopping());
    // Nothing else to do on a failure: deliver has logged it.
    let _ = delivery::respond(http, (i.id, &i.token), target, until, response).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Thresholds;
    use std::path::Path;

    fn engine() -> Option<Engine> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        Dataset::load(&dir)
            .ok()
            .map(|d| Engine::new(d, Thresholds::default()))
    }

    #[test]
    fn choices_are_few_short_and_relevant() {
        let Some(engine) = engine() else { return };
        let rows = [
            (Scope::Timeline, "", None),
            (Scope::Timeline, "recog", Some("recognises")),
            (Scope::Timeline, "recognition", Some("recognises")),
            (Scope::Timeline, "soviet", Some("Soviet")),
            (Scope::People, "ambass", Some("ambassador")),
            (Scope::People, "putin", Some("Putin")),
            (Scope::People, "", None),
        ];
        for (scope, typed, want) in rows {
            let got = choices(&engine, scope, typed);
            assert!(
                !got.is_empty() && got.len() <= 25,
                "{typed:?}: {} choices",
                got.len()
            );
            for c in &got {
                assert!(
                    (1..=100).contains(&c.name.chars().count()),
                    "{typed:?}: name {:?}",
                    c.name
                );
                assert!(
                    (1..=100).contains(&c.value.chars().count()),
                    "{typed:?}: value {:?}",
                    c.value
                );
            }
            if let Some(want) = want {
                let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
                assert!(
                    names.iter().any(|n| n.contains(want)),
                    "{typed:?}: no choice mentions {want:?}: {names:?}"
                );
            }
        }
    }

    #[test]
    fn text_too_long_to_ask_gets_no_choices() {
        let Some(engine) = engine() else { return };
        for typed in ["\u{fc5f}\u{bd5d}".repeat(3000), "\u{3316}".repeat(1000)] {
            assert!(
                choices(&engine, Scope::Timeline, &typed).is_empty(),
                "{} characters",
                typed.chars().count()
            );
        }
    }

    #[test]
    fn a_picked_choice_answers_its_entry() {
        let Some(engine) = engine() else { return };
        for (scope, typed) in [(Scope::Timeline, "recog"), (Scope::People, "ambass")] {
            let first = &choices(&engine, scope, typed)[0];
            let reply = engine.reply(scope, &first.value);
            assert_eq!(
                reply.answered().map(|a| a.title.as_str()),
                Some(first.value.as_str()),
                "{typed:?}: value {:?}",
                first.value
            );
        }
    }

    #[test]
    fn long_titles_are_clipped_to_100_characters() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let Ok(dir) = tempfile::tempdir() else { return };
        for f in crate::dataset::FILES {
            if std::fs::copy(src.join(f), dir.path().join(f)).is_err() {
                return; // no real data here: nothing to build the fixture from
            }
        }
        let title = format!("Ûnusually long wombat parade {}", "é".repeat(150));
        let event = format!(
            "\n[[event]]\nid = \"long\"\ndate = \"2025-07-05\"\ntitle = \"{title}\"\n\
             aliases = [\"wombat parade\", \"long parade\"]\ndescription = \"d\"\ncite = [\"inkpost#intro\"]\n"
        );
        let timeline = dir.path().join("timeline.toml");
        let text = std::fs::read_to_string(&timeline).unwrap_or_default() + &event;
        std::fs::write(&timeline, text).expect("write the fixture");
        let dataset = Dataset::load(dir.path()).unwrap_or_else(|e| panic!("fixture: {e}"));
        let engine = Engine::new(dataset, Thresholds::default());
        let got = choices(&engine, Scope::Timeline, "wombat");
        let c = got
            .iter()
            .find(|c| c.name.starts_with("Ûnusually"))
            .expect("the long event is offered");
        assert_eq!(c.name.chars().count(), 100, "{c:?}");
        assert_eq!(c.value.chars().count(), 100, "{c:?}");
        assert!(c.name.ends_with('…') && c.value.ends_with('…'), "{c:?}");
    }
}
