//! The slash commands: their registration payload, and what each does
//! with an invocation (ask the engine, list, or reload), always answering
//! within Discord's 3-second deadline.

use serenity::all::{
    Command, CommandInteraction, CommandOptionType, CreateCommand, CreateCommandOption, GuildId,
    Http, Permissions,
};

use super::bot::Bot;
use super::components::Origin;
use super::post::{defer, Post};
use super::reload::report;
use crate::engine::MAX_QUESTION_CHARS;

/// Returns the definitions of every command, as registered with Discord.
pub fn definitions() -> Vec<CreateCommand> {
    let text = |name: &str, description: &str, autocomplete: bool| {
        CreateCommandOption::new(CommandOptionType::String, name, description)
            .required(true)
            .max_length(u16::try_from(MAX_QUESTION_CHARS).unwrap_or(u16::MAX))
            .set_autocomplete(autocomplete)
    };
    vec![
        CreateCommand::new("ask")
            .description("Ask anything about Russia's recognition of the Taliban government")
            .add_option(text(
                "question",
                "Your question, e.g. why did russia do this?",
                false,
            )),
        CreateCommand::new("when")
            .description("When did something happen? Searches the timeline")
            .add_option(text("event", "An event, e.g. recognition", true)),
        CreateCommand::new("who")
            .description("Who is someone? Search by name or role")
            .add_option(text(
                "name_or_role",
                "A name or a role, e.g. ambassador",
                true,
            )),
        CreateCommand::new("timeline").description("Every dated event, oldest first"),
        CreateCommand::new("sources")
            .description("The articles my answers come from, and how up to date they are"),
        CreateCommand::new("help").description("What I can answer and how to ask"),
        CreateCommand::new("reload")
            .description(
                "Reload the data files (keeps the current data if the new data has problems)",
            )
            .default_member_permissions(Permissions::MANAGE_GUILD)
            .dm_permission(false),
    ]
}

/// Registers the commands in guild `dev_guild` (updates at once), or
/// globally when it is 0.
///
/// Returns how many commands Discord now has.
pub async fn register(http: &Http, dev_guild: u64) -> serenity::Result<usize> {
    let registered = if dev_guild == 0 {
        Command::set_global_commands(http, definitions()).await?
    } else {
        GuildId::new(dev_guild)
            .set_commands(http, definitions())
            .await?
    };
    Ok(registered.len())
}

/// Answers a slash command.
pub async fn run(http: &Http, bot: &Bot, c: &CommandInteraction) -> serenity::Result<()> {
    let post = match c.data.name.as_str() {
        "ask" => question(bot, c, Origin::Ask, "question"),
        "when" => question(bot, c, Origin::When, "event"),
        "who" => question(bot, c, Origin::Who, "name_or_role"),
        "timeline" => Post::timeline(&bot.engine(), 0),
        "sources" => Post::sources(&bot.engine()),
        "help" => Post::help(),
        "reload" => return reload(http, bot, c).await,
        _ => Post::text("I no longer have that command; type / to see mine.", true),
    };
    c.create_response(http, post.response()).await
}

/// Returns the reply to a question command, or a cooldown notice.
fn question(bot: &Bot, c: &CommandInteraction, origin: Origin, option: &str) -> Post {
    if let Err(wait) = bot.cooldown(c.user.id, c.channel_id) {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return Post::text(&format!("Please wait {secs} s before asking again."), true);
    }
    let text = c
        .data
        .options
        .iter()
        .find(|o| o.name == option)
        .and_then(|o| o.value.as_str())
        .unwrap_or_default();
    let reply = bot.ask(origin, text, &c.user);
    bot.post(&reply, Some(origin))
}

/// Defers (loading may take a moment), reloads and reports to the admin alone.
async fn reload(http: &Http, bot: &Bot, c: &CommandInteraction) -> serenity::Result<()> {
    if c.guild_id.is_none() {
        let post = Post::text(
            "Use /reload in a server, as someone who can manage it.",
            true,
        );
        return c.create_response(http, post.response()).await;
    }
    c.create_response(http, defer(true)).await?;
    let outcome = bot.reload().await;
    c.edit_response(http, Post::text(&report(&outcome), true).edit())
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_respect_discord_rules() {
        let json = serde_json::to_value(definitions()).expect("commands serialize");
        let commands = json.as_array().expect("a list");
        let names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
        assert_eq!(
            names,
            ["ask", "when", "who", "timeline", "sources", "help", "reload"]
        );
        for c in commands {
            let name = c["name"].as_str().unwrap_or_default();
            let description = c["description"].as_str().unwrap_or_default();
            assert!((1..=32).contains(&name.len()), "{name}: name length");
            assert!(
                name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{name}: lowercase"
            );
            assert!(
                (1..=100).contains(&description.chars().count()),
                "{name}: description length"
            );
            for o in c["options"].as_array().into_iter().flatten() {
                let d = o["description"].as_str().unwrap_or_default();
                assert!(
                    (1..=100).contains(&d.chars().count()),
                    "{name}: option description"
                );
            }
        }
        let reload = &commands[6];
        assert_eq!(reload["default_member_permissions"], "32", "MANAGE_GUILD");
        assert_eq!(reload["dm_permission"], false);
        assert_eq!(commands[1]["options"][0]["autocomplete"], true);
        assert_eq!(commands[2]["options"][0]["autocomplete"], true);
        assert_eq!(commands[0]["options"][0]["autocomplete"], false);
    }
}
