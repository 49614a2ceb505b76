//! Buttons: every custom_id factdesk puts on a button is made and parsed
//! here ([`Action`]), with the button rows for "did you mean" choices and
//! the Previous/Next pager. Adding a button kind means adding a variant.

use serenity::all::{ButtonStyle, ComponentInteraction, CreateActionRow, CreateButton, Http};

use super::bot::Bot;
use super::limits::{self, clip};
use super::post::Post;
use crate::answer::Suggestion;

/// What a pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show the answer of entry `kind:id` (a "did you mean" choice):
    /// `pick:<kind>:<id>`.
    Pick(String),
    /// Show page `page` (0-based) of a paginated listing: `page:<list>:<n>`.
    Page { list: List, page: usize },
}

/// A paginated listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Timeline,
}

impl List {
    fn as_str(self) -> &'static str {
        match self {
            List::Timeline => "timeline",
        }
    }

    fn parse(s: &str) -> Option<List> {
        match s {
            "timeline" => Some(List::Timeline),
            _ => None,
        }
    }
}

impl Action {
    /// Returns the custom_id of the button, or `None` if it would be longer
    /// than Discord allows.
    pub fn custom_id(&self) -> Option<String> {
        let id = match self {
            Action::Pick(reference) => format!("pick:{reference}"),
            Action::Page { list, page } => format!("page:{}:{page}", list.as_str()),
        };
        (!id.is_empty() && id.len() <= limits::CUSTOM_ID).then_some(id)
    }

    /// Parses a custom_id made by [`Action::custom_id`]; `None` for anything
    /// else (e.g. a button from an older version).
    pub fn parse(custom_id: &str) -> Option<Action> {
        let (verb, rest) = custom_id.split_once(':')?;
        match verb {
            "pick" => {
                let (kind, id) = rest.split_once(':')?;
                (!kind.is_empty() && !id.is_empty()).then(|| Action::Pick(rest.to_string()))
            }
            "page" => {
                let (list, page) = rest.split_once(':')?;
                Some(Action::Page {
                    list: List::parse(list)?,
                    page: page.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

/// Returns the "did you mean" buttons, five to a row.
pub fn suggestion_rows(suggestions: &[Suggestion]) -> Vec<CreateActionRow> {
    let buttons: Vec<CreateButton> = suggestions
        .iter()
        .filter_map(|s| {
            let id = Action::Pick(s.reference()).custom_id()?;
            Some(
                CreateButton::new(id)
                    .label(clip(&s.label, limits::BUTTON_LABEL))
                    .style(ButtonStyle::Primary),
            )
        })
        .collect();
    rows(buttons)
}

/// Returns the Previous/Next row for page `page` of `pages`, or nothing
/// when everything fits on one page.
pub fn pager_rows(list: List, page: usize, pages: usize) -> Vec<CreateActionRow> {
    if pages <= 1 {
        return Vec::new();
    }
    // The two targets always differ, so the custom_ids are unique.
    let previous = Action::Page {
        list,
        page: page.saturating_sub(1),
    };
    let next = Action::Page {
        list,
        page: page + 1,
    };
    let button = |action: Action, label: &str, disabled: bool| {
        action.custom_id().map(|id| {
            CreateButton::new(id)
                .label(label)
                .style(ButtonStyle::Secondary)
                .disabled(disabled)
        })
    };
    let buttons = [
        button(previous, "Previous", page == 0),
        button(next, "Next", page + 1 >= pages),
    ];
    rows(buttons.into_iter().flatten().collect())
}

/// Answers a pressed button: a "did you mean" choice replaces the
/// question's message with its answer; a pager button turns the page.
pub async fn press(
    http: &Http,
    bot: &Bot,
    interaction: &ComponentInteraction,
) -> serenity::Result<()> {
    let response = match Action::parse(&interaction.data.custom_id) {
        Some(Action::Pick(reference)) => match bot.pick(&reference) {
            Some(reply) => Post::reply(&reply).update(),
            None => Post::text(
                "That choice is no longer in my data; please ask again.",
                true,
            )
            .response(),
        },
        Some(Action::Page {
            list: List::Timeline,
            page,
        }) => Post::timeline(&bot.engine(), page).update(),
        None => Post::text("This button no longer works; please ask again.", true).response(),
    };
    interaction.create_response(http, response).await
}

fn rows(buttons: Vec<CreateButton>) -> Vec<CreateActionRow> {
    buttons
        .chunks(limits::BUTTONS_PER_ROW)
        .take(limits::ROWS)
        .map(|chunk| CreateActionRow::Buttons(chunk.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Kind;

    #[test]
    fn custom_ids_round_trip() {
        let rows = [
            (
                Action::Pick("event:recognition".into()),
                "pick:event:recognition",
            ),
            (Action::Pick("qa:why-now".into()), "pick:qa:why-now"),
            (
                Action::Page {
                    list: List::Timeline,
                    page: 3,
                },
                "page:timeline:3",
            ),
        ];
        for (action, id) in rows {
            assert_eq!(action.custom_id().as_deref(), Some(id));
            assert_eq!(Action::parse(id), Some(action), "parse({id:?})");
        }
    }

    #[test]
    fn foreign_or_malformed_custom_ids_are_ignored() {
        for id in [
            "",
            "pick",
            "pick:",
            "pick:qa",
            "pick::x",
            "page:timeline:x",
            "page:other:1",
            "vote:up",
        ] {
            assert_eq!(Action::parse(id), None, "parse({id:?})");
        }
    }

    #[test]
    fn overlong_ids_get_no_button_and_labels_are_clipped() {
        assert_eq!(
            Action::Pick(format!("qa:{}", "x".repeat(100))).custom_id(),
            None
        );
        let suggestions: Vec<Suggestion> = (0..7)
            .map(|i| Suggestion {
                kind: Kind::Qa,
                id: if i == 6 {
                    "y".repeat(100)
                } else {
                    format!("q{i}")
                },
                label: "L".repeat(200),
            })
            .collect();
        let rows = suggestion_rows(&suggestions);
        let json = serde_json::to_value(&rows).expect("rows serialize");
        let buttons: Vec<&serde_json::Value> = json
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().into_iter().flatten())
            .collect();
        assert_eq!(
            rows.len(),
            2,
            "six valid buttons make two rows of at most five"
        );
        assert_eq!(
            buttons.len(),
            6,
            "the button with an overlong id is left out"
        );
        for b in buttons {
            let label = b["label"].as_str().unwrap_or_default();
            assert!(label.chars().count() <= 80, "label {label:?} too long");
            assert!(b["custom_id"].as_str().is_some_and(|id| id.len() <= 100));
        }
    }

    #[test]
    fn pager_disables_the_ends() {
        assert!(pager_rows(List::Timeline, 0, 1).is_empty());
        let json = serde_json::to_value(pager_rows(List::Timeline, 0, 2)).expect("serializes");
        let buttons = &json[0]["components"];
        assert_eq!(buttons[0]["custom_id"], "page:timeline:0");
        assert_eq!(buttons[0]["disabled"], true);
        assert_eq!(buttons[1]["custom_id"], "page:timeline:1");
        assert_eq!(buttons[1]["disabled"], false);
    }
}
