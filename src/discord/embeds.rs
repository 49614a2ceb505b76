//! Replies and listings as Discord embeds. A [`Card`] is the plain content
//! of one embed; [`Card::fit`] makes it respect every embed limit by
//! clipping gracefully, so a long answer never becomes a failed request.

use serenity::all::{CreateEmbed, CreateEmbedAuthor, CreateEmbedFooter};

use super::limits::{self, clip, width};
use crate::answer::{citation_line, Answered, Reply, Suggest, ALSO_ASKED};

/// The accent colour of factdesk's embeds.
const COLOUR: u32 = 0x2b6cb0;
/// The least room worth giving a clipped field value.
const MIN_FIELD_VALUE: usize = 16;

/// The content of one embed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    /// The small line above the title: the question, as asked (see
    /// [`super::components::Origin::heading`]).
    pub author: Option<String>,
    pub title: Option<String>,
    pub description: String,
    /// `(name, value)`, in order of importance: the last ones go first.
    pub fields: Vec<(String, String)>,
    pub footer: String,
}

impl Card {
    /// Returns the length Discord checks against its 6000 limit.
    pub fn total(&self) -> usize {
        self.author.as_deref().map_or(0, width)
            + self.title.as_deref().map_or(0, width)
            + width(&self.description)
            + self
                .fields
                .iter()
                .map(|(n, v)| width(n) + width(v))
                .sum::<usize>()
            + width(&self.footer)
    }

    /// Returns the card clipped to every embed limit: each part to its own
    /// limit, at most 25 fields, then 6000 in total by clipping the
    /// description if it must and dropping or clipping fields from the end.
    pub fn fit(self) -> Card {
        let author = self.author.map(|a| clip(&a, limits::AUTHOR));
        let title = self.title.map(|t| clip(&t, limits::TITLE));
        let footer = clip(&self.footer, limits::FOOTER);
        let fixed =
            author.as_deref().map_or(0, width) + title.as_deref().map_or(0, width) + width(&footer);
        let mut room = limits::EMBED_TOTAL.saturating_sub(fixed);
        let description = clip(&self.description, limits::DESCRIPTION.min(room));
        room -= width(&description);
        let mut fields = Vec::new();
        for (name, value) in self.fields.into_iter().take(limits::FIELDS) {
            let name = clip(&name, limits::FIELD_NAME);
            let value = clip(&value, limits::FIELD_VALUE);
            if name.is_empty() || value.is_empty() {
                continue;
            }
            let need = width(&name) + width(&value);
            if need <= room {
                room -= need;
                fields.push((name, value));
                continue;
            }
            let left = room.saturating_sub(width(&name));
            if left >= MIN_FIELD_VALUE {
                fields.push((name, clip(&value, left)));
            }
            break;
        }
        Card {
            author,
            title,
            description,
            fields,
            footer,
        }
    }

    /// Returns the serenity embed of a card (call [`Card::fit`] first).
    pub fn embed(&self) -> CreateEmbed {
        let mut embed = CreateEmbed::new().colour(COLOUR);
        if let Some(author) = self.author.as_deref().filter(|a| !a.is_empty()) {
            embed = embed.author(CreateEmbedAuthor::new(author));
        }
        if let Some(title) = &self.title {
            embed = embed.title(title);
        }
        if !self.description.is_empty() {
            embed = embed.description(&self.description);
        }
        for (name, value) in &self.fields {
            embed = embed.field(name, value, false);
        }
        if !self.footer.is_empty() {
            embed = embed.footer(CreateEmbedFooter::new(&self.footer));
        }
        embed
    }
}

/// Returns the card of a reply: the answer with its citation markers, the
/// caveat, the numbered sources and the as-of footer; or the "did you
/// mean" list; or the hint; under `heading` (the question) if given.
/// Fitted to the limits.
pub fn reply_card(reply: &Reply, heading: Option<String>) -> Card {
    let card = match reply {
        Reply::Answered(a) => answer_card(a, reply.as_of_line()),
        Reply::Suggest(s) => suggest_card(s, reply.as_of_line()),
        Reply::NoMatch(n) => Card {
            author: None,
            title: None,
            description: n.hint.clone(),
            fields: Vec::new(),
            footer: reply.as_of_line(),
        },
    };
    Card {
        author: heading,
        ..card
    }
    .fit()
}

fn answer_card(reply: &Answered, footer: String) -> Card {
    let markers = reply.markers();
    let answer = reply.answer.as_str();
    let room = limits::DESCRIPTION.saturating_sub(width(&markers) + 1);
    let description = format!("{} {markers}", clip(answer, room))
        .trim_end()
        .to_string();
    let mut fields = Vec::new();
    if let Some(caveat) = reply.caveat_line() {
        fields.push(("Caveat".to_string(), caveat));
    }
    let lines: Vec<String> = reply.citations.iter().map(citation_line).collect();
    for (i, chunk) in pack(&lines, limits::FIELD_VALUE).into_iter().enumerate() {
        let name = if i == 0 {
            "Sources"
        } else {
            "Sources (continued)"
        };
        fields.push((name.to_string(), chunk));
    }
    if let Some(also) = &reply.also {
        // Its button is under the answer.
        fields.push((ALSO_ASKED.to_string(), also.label.clone()));
    }
    Card {
        author: None,
        title: Some(reply.title.clone()),
        description,
        fields,
        footer,
    }
}

fn suggest_card(reply: &Suggest, footer: String) -> Card {
    let mut description: String = reply
        .suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}\n", i + 1, s.label))
        .collect();
    description.push('\n');
    description.push_str(&reply.hint);
    Card {
        author: None,
        title: Some("I'm not sure what you mean. Did you mean:".to_string()),
        description,
        fields: Vec::new(),
        footer,
    }
}

/// Returns `lines` packed into as few chunks of at most `max` as the order
/// allows; a line longer than `max` is clipped.
fn pack(lines: &[String], max: usize) -> Vec<String> {
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let line = clip(line, max);
        if !current.is_empty() && width(&current) + 1 + width(&line) > max {
            chunks.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Returns a listing card: a title, text and footer, fitted.
pub fn listing_card(title: &str, text: &str, footer: String) -> Card {
    Card {
        author: None,
        title: Some(title.to_string()),
        description: text.to_string(),
        fields: Vec::new(),
        footer,
    }
    .fit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Citation, NoMatch, Suggestion};
    use crate::dataset::{Date, Kind, Reference};

    fn citation(n: usize, size: usize) -> Citation {
        Citation {
            n,
            source: "inkpost".into(),
            publisher: "The Ink Post".into(),
            title: "T".repeat(size),
            section: "Section".into(),
            published: "2025-07".into(),
        }
    }

    fn as_of() -> Date {
        Date::parse("2025-07-05").expect("a valid date")
    }

    fn answered(answer: &str, caveat: Option<&str>, citations: Vec<Citation>) -> Answered {
        Answered {
            query: "q".into(),
            entry: Reference::new(Kind::Qa, "x"),
            title: "What happened?".into(),
            answer: answer.into(),
            confidence: 1.0,
            citations,
            caveat: caveat.map(str::to_string),
            also: None,
            as_of: as_of(),
        }
    }

    fn reply(answer: &str, caveat: Option<&str>, citations: Vec<Citation>) -> Reply {
        Reply::Answered(answered(answer, caveat, citations))
    }

    /// Asserts every embed limit, on the card and on serenity's JSON.
    fn assert_within_limits(card: &Card, what: &str) {
        assert!(
            card.total() <= limits::EMBED_TOTAL,
            "{what}: total {} > 6000",
            card.total()
        );
        assert!(
            card.title.as_deref().map_or(0, width) <= limits::TITLE,
            "{what}: title"
        );
        assert!(
            card.author.as_deref().map_or(0, width) <= limits::AUTHOR,
            "{what}: author"
        );
        assert!(
            width(&card.description) <= limits::DESCRIPTION,
            "{what}: description"
        );
        assert!(card.fields.len() <= limits::FIELDS, "{what}: field count");
        for (n, v) in &card.fields {
            assert!(
                width(n) <= limits::FIELD_NAME && !n.is_empty(),
                "{what}: field name {n:?}"
            );
            assert!(
                width(v) <= limits::FIELD_VALUE && !v.is_empty(),
                "{what}: field value of {n:?}"
            );
        }
        assert!(width(&card.footer) <= limits::FOOTER, "{what}: footer");
        let json = serde_json::to_value(card.embed()).expect("an embed serializes");
        let text = |p: &str| json.pointer(p).and_then(|v| v.as_str()).map_or(0, width);
        assert_eq!(
            text("/description"),
            width(&card.description),
            "{what}: JSON description"
        );
    }

    #[test]
    fn answer_embed_has_answer_markers_caveat_sources_and_as_of() {
        let card = reply_card(
            &reply(
                "Russia did.",
                Some("They differ."),
                vec![citation(1, 5), citation(2, 5)],
            ),
            Some("/ask what happened?".into()),
        );
        assert_eq!(card.author.as_deref(), Some("/ask what happened?"));
        assert_eq!(card.title.as_deref(), Some("What happened?"));
        assert_eq!(card.description, "Russia did. [1][2]");
        assert_eq!(
            card.fields[0],
            ("Caveat".into(), "Sources differ: They differ.".into())
        );
        assert_eq!(card.fields[1].0, "Sources");
        assert!(
            card.fields[1].1.starts_with("[1] The Ink Post, \"TTTTT\""),
            "{:?}",
            card.fields[1]
        );
        assert!(card.fields[1].1.contains("\n[2] "), "one line per citation");
        assert_eq!(card.footer, "Data as of 5 July 2025.");
        assert_within_limits(&card, "small answer");
    }

    #[test]
    fn giant_reply_is_clipped_to_every_limit() {
        let rows = [
            (
                "giant answer",
                reply(&"word ".repeat(3000), None, vec![citation(1, 10)]),
            ),
            (
                "giant caveat",
                reply("a", Some(&"c".repeat(5000)), vec![citation(1, 10)]),
            ),
            (
                "many citations",
                reply("a", None, (1..=200).map(|n| citation(n, 80)).collect()),
            ),
            (
                "huge citations",
                reply("a", None, (1..=40).map(|n| citation(n, 3000)).collect()),
            ),
            (
                "everything huge",
                Reply::Answered(Answered {
                    title: "t".repeat(1000),
                    also: Some(Suggestion {
                        kind: Kind::Event,
                        id: "y".into(),
                        label: "L".repeat(2000),
                    }),
                    ..answered(
                        &"é".repeat(9000),
                        Some(&"😀".repeat(3000)),
                        (1..=99).map(|n| citation(n, 2000)).collect(),
                    )
                }),
            ),
        ];
        for (what, r) in rows {
            let card = reply_card(&r, Some(format!("/ask {}", "q".repeat(1000))));
            assert_within_limits(&card, what);
            assert!(
                card.description.ends_with(']'),
                "{what}: citation markers survive clipping"
            );
            assert!(
                card.fields.iter().any(|(n, _)| n == "Sources"),
                "{what}: some sources shown"
            );
        }
    }

    #[test]
    fn huge_title_and_footer_still_leave_a_valid_embed() {
        let card = Card {
            author: Some("a".repeat(300)),
            title: Some("t".repeat(300)),
            description: "d".repeat(5000),
            fields: (0..30)
                .map(|i| (format!("f{i}"), "v".repeat(2000)))
                .collect(),
            footer: "f".repeat(3000),
        }
        .fit();
        assert_within_limits(&card, "oversized card");
        assert_eq!(
            width(card.title.as_deref().unwrap_or_default()),
            limits::TITLE
        );
    }

    #[test]
    fn suggest_and_no_match_cards() {
        let suggestion = Suggestion {
            kind: Kind::Person,
            id: "gul-hassan-hassan".into(),
            label: "Gul Hassan Hassan (ambassador)".into(),
        };
        let suggest = Reply::Suggest(Suggest {
            query: "q".into(),
            confidence: 0.5,
            suggestions: vec![suggestion],
            hint: "Pick one.".into(),
            as_of: as_of(),
        });
        let card = reply_card(&suggest, None);
        assert_eq!(
            card.description,
            "1. Gul Hassan Hassan (ambassador)\n\nPick one."
        );
        let none = Reply::NoMatch(NoMatch {
            query: "q".into(),
            confidence: 0.0,
            hint: "Try /timeline.".into(),
            as_of: as_of(),
        });
        assert_eq!(reply_card(&none, None).description, "Try /timeline.");
    }
}
