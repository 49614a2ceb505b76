//! The slash commands: their registration payload, and what each does
//! with an invocation (ask the engine, list, or reload), always answering
//! within Discord's 3-second deadline.

use serenity::all::{
    Command, CommandInteraction, CommandOptionType, CreateCommand, CreateCommandOption, GuildId,
    Http, InteractionContext, Permissions,
};
use std::time::Duration;

use tokio::time::Instant;
use tracing::{debug, warn};

use super::bot::Bot;
use super::components::Origin;
use super::cooldown::{whole_secs, Spent};
use super::delivery::{
    ahead_of_cut_off, deliver, respond, target_line, Deadline, Failed, Fallback, Target,
    REPLY_WINDOW,
};
use super::detour::{self, Asked};
use super::post::{defer, Post};
use super::reload::{report, Outcome};
use crate::command::{self, Action, COMMANDS};
use crate::config::DiscordConfig;
use crate::engine::MAX_QUESTION_CHARS;

/// Where the public commands may be used: servers and DMs with the bot.
fn everywhere() -> Vec<InteractionContext> {
    vec![InteractionContext::Guild, InteractionContext::BotDm]
}

/// Returns the definitions of the commands everyone sees, as registered
/// with Discord.
pub fn definitions() -> Vec<CreateCommand> {
    COMMANDS
        .iter()
        .map(|c| {
            let command = CreateCommand::new(c.name)
                .description(c.description)
                .contexts(everywhere());
            match c.argument {
                Some(a) => command.add_option(
                    CreateCommandOption::new(CommandOptionType::String, a.name, a.description)
                        .required(true)
                        .max_length(u16::try_from(MAX_QUESTION_CHARS).unwrap_or(u16::MAX))
                        .set_autocomplete(a.autocomplete),
                ),
                None => command,
            }
        })
        .collect()
}

/// Returns the operator's commands, registered only in the admin guild:
/// `/reload` acts on every server this process serves.
pub fn admin_definitions() -> Vec<CreateCommand> {
    vec![CreateCommand::new("reload")
        .description("Reload the data files (keeps the current data if the new data has problems)")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])]
}

/// Registers the public commands in `dev_guild_id` (updates at once), or
/// globally when it is 0, and `/reload` in `admin_guild_id` only (nowhere
/// when it is 0). A guild's list is replaced as a whole, so when the two
/// guilds are one, it gets both lists in one request.
///
/// Returns how many commands Discord now has.
pub async fn register(http: &Http, discord: &DiscordConfig) -> serenity::Result<usize> {
    let (dev, admin) = (discord.dev_guild_id, discord.admin_guild_id);
    let mut public = definitions();
    if dev != 0 && dev == admin {
        public.extend(admin_definitions());
    }
    let mut registered = if dev == 0 {
        Command::set_global_commands(http, public).await?.len()
    } else {
        GuildId::new(dev).set_commands(http, public).await?.len()
    };
    if admin != 0 && admin != dev {
        registered += GuildId::new(admin)
            .set_commands(http, admin_definitions())
            .await?
            .len();
    }
    Ok(registered)
}

/// Answers a slash command before `deadline`; an answer the asker is not
/// known to have got (see [`detour::Fate`]) gives back the cooldowns its
/// question spent, so that asking again is answered.
///
/// Returns why the interaction response failed, if it did (already
/// logged).
pub async fn run(
    http: &Http,
    bot: &Bot,
    c: &CommandInteraction,
    deadline: Deadline,
) -> Result<(), Failed> {
    let embeds = c
        .app_permissions
        .is_none_or(|p| p.contains(Permissions::EMBED_LINKS));
    if c.data.name == "reload" {
        return reload(http, bot, c, deadline).await;
    }
    let (post, spent) = match command::find(&c.data.name) {
        Some(command) => match (command.action, command.argument) {
            (Action::Ask(scope), Some(argument)) => {
                question(bot, c, Origin::asking(scope), argument.name, embeds)
            }
            (Action::Timeline, _) => (Post::timeline(&bot.engine(), 0), None),
            (Action::Sources, _) => (Post::sources(&bot.engine()), None),
            (Action::Help, _) => (Post::help(), None),
            (Action::Ask(_), None) => (Post::text("That command needs a question.", true), None),
        },
        None => (
            Post::text("I no longer have that command; type / to see mine.", true),
            None,
        ),
    };
    let post = if embeds { post } else { post.without_embed() };
    let response = post.clone().response();
    let until = (deadline, bot.stopping());
    let fate = detour::answer(http, &Asked::command(c), until, post, response).await;
    if let Some(spent) = spent.filter(|_| !fate.delivered) {
        debug!(
            id = c.id.get(),
            channel = c.channel_id.get(),
            "the answer was lost: its cooldown is given back"
        );
        bot.give_back(spent);
    }
    fate.response
}

/// Returns the reply to a question command (as plain text unless
/// `embeds`) and the cooldowns it spent, to give back if it is lost, or a
/// cooldown notice when its user is cooling down. The channel's cooldown
/// does not hold it up (Discord waits 3 s for an answer, and it answers
/// the asker's own command); a public reply counts as a post in the
/// channel, which the channel's next questions wait after
/// ([`Bot::posted`]), a private one does not.
fn question(
    bot: &Bot,
    c: &CommandInteraction,
    origin: Origin,
    option: &str,
    embeds: bool,
) -> (Post, Option<Spent>) {
    let mut spent = match bot.cooldown_of_user(c.user.id) {
        Ok(spent) => spent,
        Err(wait) => {
            let text = format!("Please wait {} s before asking again.", whole_secs(wait));
            return (Post::text(&text, true), None);
        }
    };
    let text = c
        .data
        .options
        .iter()
        .find(|o| o.name == option)
        .and_then(|o| o.value.as_str())
        .unwrap_or_default();
    let reply = bot.ask(origin, text, &c.user);
    let post = bot.post_in(&reply, Some(origin), embeds);
    if !post.ephemeral {
        bot.posted(&mut spent, c.channel_id);
    }
    (post, Some(spent))
}

/// How long before shutdown's cut-off a /reload still loading is given
/// up: the time its report, saying so, has to reach the admin.
pub const REPORT_TIME: Duration = Duration::from_secs(1);

/// Defers (loading may take a moment), reloads (even when the deferral
/// fails) and reports to the admin alone (also when what became of the
/// deferral is not known: no answer, or only a gateway's 502, 503 or 504);
/// refuses outside the admin guild (a registration left over from an
/// older version or another setting). Shutdown gives up a reload still
/// loading [`REPORT_TIME`] before its cut-off, so that the admin is told
/// ([`GIVEN_UP`](super::reload::GIVEN_UP)) and the process still ends
/// within its drain; one asked, or waiting its turn, once shutdown began
/// starts no load and is told so at once.
async fn reload(
    http: &Http,
    bot: &Bot,
    c: &CommandInteraction,
    deadline: Deadline,
) -> Result<(), Failed> {
    let target = Target::interaction(c.id, c.guild_id, c.channel_id);
    let stopping = bot.stopping();
    let until = (deadline, &stopping);
    let admin = bot.config().discord.admin_guild_id;
    if admin == 0 || c.guild_id.map(GuildId::get) != Some(admin) {
        let post = Post::text("/reload is only for the bot's operator.", true);
        return respond(http, (c.id, &c.token), target, until, post.response()).await;
    }
    // The admin asked for a reload: it happens even if Discord did not
    // take the deferral (already logged). A deferral whose outcome is not
    // known (a try without an answer from Discord, or with only a
    // gateway's, whatever later tries were told but a permission refused)
    // may have been taken all the same, or still be taken until Discord's
    // deadline, and the admin would then see "thinking..." for good: once
    // Discord's answer is final, the report is edited in anyway (an edit,
    // so never shown twice); an interaction Discord does not know refuses
    // it, which is logged once. Refused by Discord itself, it is lost.
    let deferring = target.with_fallback(Fallback::AsIfTaken);
    let deferred = respond(http, (c.id, &c.token), deferring, until, defer(true)).await;
    let outcome = tokio::select! {
        biased;
        outcome = bot.reload() => outcome,
        () = ahead_of_cut_off(&stopping, REPORT_TIME) => Outcome::GivenUp,
    };
    if outcome == Outcome::GivenUp {
        target_line!(
            warn,
            target,
            "shutting down before the reload finished: given up, none of the new data was put in service; factdesk reads the data folder again when it next starts"
        );
    }
    if let Err(failed) = deferred {
        if !deferring.recovers(&failed) {
            return Err(failed);
        }
        tokio::select! {
            () = tokio::time::sleep_until(deadline.end) => {}
            () = ahead_of_cut_off(&stopping, REPORT_TIME) => {}
        }
    }
    let text = report(&outcome);
    let later = Instant::now() + REPLY_WINDOW;
    deliver(target, later, &stopping, || {
        c.edit_response(http, Post::text(&text, true).edit())
    })
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_respect_discord_rules() {
        let mut all = definitions();
        all.extend(admin_definitions());
        let json = serde_json::to_value(all).expect("commands serialize");
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
        assert_eq!(reload["contexts"], serde_json::json!([0]), "servers only");
        assert!(
            reload.get("dm_permission").is_none(),
            "deprecated: {reload}"
        );
        for c in &commands[..6] {
            assert_eq!(
                c["contexts"],
                serde_json::json!([0, 1]),
                "servers and DMs: {c}"
            );
        }
        assert_eq!(commands[1]["options"][0]["autocomplete"], true);
        assert_eq!(commands[2]["options"][0]["autocomplete"], true);
        assert_eq!(commands[0]["options"][0]["autocomplete"], false);
    }
}
