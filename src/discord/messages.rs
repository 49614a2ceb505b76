//! Questions typed in channels: factdesk answers a message that mentions
//! it, replies to one of its messages or is sent to it directly; a reply
//! whose text Discord withheld (no mention, no MESSAGE_CONTENT intent) gets
//! a notice saying how to ask instead ([`super::withheld`]); in a watched
//! channel it also answers unprompted, but only when it is sure, and stays
//! silent otherwise (a silent question with a '?' still goes to the
//! unanswered log). It ignores bots (itself included). An edit is handled
//! here too ([`super::edits`]), and a message is answered at most once.
//! A question in a channel cooling down waits for its turn
//! ([`super::cooldown`]) rather than going unanswered, and what is
//! answered then is the message as last edited ([`super::waiting`]); past
//! the channel's line of questions waiting, its asker is told to ask
//! again in the channel's next busy notice, one for all the askers told
//! meanwhile ([`super::busy`]).

use std::sync::{Mutex, PoisonError};

use serenity::all::{ChannelId, GuildId, Http, Message, MessageId, MessageType, UserId};
use tokio::time::Instant;
use tracing::{debug, info};

use super::access::{Next, Plan};
use super::bot::{Bot, Claim};
use super::busy::{self, Told};
use super::components::Origin;
use super::cooldown::{Spent, Turn};
use super::delivery::{deliver, Failed, Fallback, Fault, Target, REPLY_WINDOW};
use super::post::Post;
use super::redelivery::keep_trying;
use super::waiting::Version;
use super::withheld::{notice, withheld};
use crate::answer::{Reply, Status};

/// Why a message is (or is not) a question for factdesk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// It mentions factdesk, replies to it or is a direct message.
    Addressed,
    /// It replies to factdesk without mentioning it, and Discord withheld
    /// its text (see [`super::withheld`]): say how to ask.
    Withheld,
    /// It is in a watched channel: answer only if sure.
    Watched,
    Ignore,
}

/// Returns how to treat `message`, factdesk being user `me`.
pub fn route(message: &Message, me: UserId, watch_channels: &[u64]) -> Route {
    let author = &message.author;
    if author.bot || author.id == me || message.webhook_id.is_some() {
        return Route::Ignore;
    }
    if !matches!(
        message.kind,
        MessageType::Regular | MessageType::InlineReply
    ) {
        return Route::Ignore;
    }
    let mentioned = message.mentions.iter().any(|u| u.id == me);
    let replied_to_me = message
        .referenced_message
        .as_ref()
        .is_some_and(|m| m.author.id == me);
    let direct = message.guild_id.is_none();
    if mentioned || direct {
        Route::Addressed
    } else if replied_to_me && withheld(message) {
        Route::Withheld
    } else if replied_to_me {
        Route::Addressed
    } else if watch_channels.contains(&message.channel_id.get()) {
        Route::Watched
    } else {
        Route::Ignore
    }
}

/// Returns the question without factdesk's own mention (`<@id>`, `<@!id>`).
pub fn question(content: &str, me: UserId) -> String {
    content
        .replace(&format!("<@{me}>"), " ")
        .replace(&format!("<@!{me}>"), " ")
        .trim()
        .to_string()
}

/// Answers `message` if it is a question for factdesk, as a reply to it:
/// in plain text where embeds are refused, as a message mentioning the
/// asker where replies are, not at all where messages are (see
/// [`super::access`]); faults are retried and logged ([`super::delivery`]),
/// and an answer Discord would not take in time is tried again later
/// ([`super::redelivery`]). A reply whose text Discord withheld gets the
/// [`notice`] the same way, within the same cooldowns. A question whose
/// asker is cooling down is ignored; one in a channel cooling down is
/// answered in its turn ([`at_turn`]), as last edited by then
/// ([`Bot::turn_came`]), or, when too many wait there, told to ask again
/// in the channel's next busy notice ([`ask_again`]; a reply whose text
/// Discord withheld is told how to ask at once: [`too_busy`]). A message is answered once ([`Bot::claim`]), so an edit
/// of it once answered is not answered again ([`super::edits`]). What
/// answers nothing (a notice, silence, an answer lost for good) gives its
/// cooldown back and its claim ([`settle`]), so that asking again, or
/// editing, is answered.
/// `me` is factdesk's own user id.
pub async fn handle(http: &Http, bot: &Bot, me: UserId, message: &Message) {
    let route = route(message, me, &bot.config().discord.watch_channels);
    // A watched question takes a turn only if factdesk is sure of it.
    let sure = match route {
        Route::Ignore => return,
        Route::Watched => match sure_reply(bot, message) {
            Some(reply) => Some(reply),
            None => return,
        },
        Route::Addressed | Route::Withheld => None,
    };
    let Some(turn) = claim_turn(bot, message) else {
        return;
    };
    let (spent, outcome) = match turn {
        Turn::Answer { at, spent } => {
            wait_for_turn(bot, message, at).await;
            // An edit recorded meanwhile may be older than `message` when
            // the handlers of a message and of its edit raced.
            let latest = bot
                .turn_came(message.id)
                .filter(|latest| !message.not_older_than(latest));
            let outcome = match latest {
                Some(latest) => at_turn(http, bot, me, &latest, None).await,
                None => at_turn(http, bot, me, message, sure).await,
            };
            (spent, outcome)
        }
        Turn::Busy {
            retry,
            spent,
            notice,
        } => {
            // No edit is waited for: it is told to ask again.
            let _ = bot.turn_came(message.id);
            if route == Route::Addressed {
                let told = Told {
                    message: message.id,
                    user: message.author.id,
                    until: std::time::Instant::now() + retry,
                    spent,
                };
                return ask_again(http, bot, message, told, notice).await;
            }
            (spent, too_busy(http, bot, me, (message, route)).await)
        }
    };
    settle(bot, (message.id, message.channel_id), spent, outcome);
}

/// What became of a question, which says what it keeps of what it spent
/// ([`settle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Answered: it keeps its cooldowns and its claim.
    Answered,
    /// Told to ask again (too many wait): it keeps its user's cooldown,
    /// but an edit of it is answered.
    ToldToWait,
    /// Nothing answered it (a notice that says how to ask, or silence).
    NoAnswer,
    /// Its answer (or notice) was lost for good.
    Lost,
}

/// Returns `outcome` if factdesk's post was `delivered`, else
/// [`Outcome::Lost`].
fn delivered(delivered: bool, outcome: Outcome) -> Outcome {
    if delivered {
        outcome
    } else {
        Outcome::Lost
    }
}

/// Claims `message` (one answer each, an edit included), then takes its
/// turn.
///
/// Returns its turn, or `None`: answered already, or its asker is
/// cooling down.
fn claim_turn(bot: &Bot, message: &Message) -> Option<Turn> {
    if !bot.claim(message.id) {
        // The handlers of a message and of its edit run at the same time:
        // a version of a message already claimed but still waiting its
        // turn is answered at that turn if it is the latest.
        if bot.edit(message) == Claim::Waiting {
            debug!(
                id = message.id.get(),
                "a version of a message waiting its turn: recorded"
            );
        } else {
            debug!(id = message.id.get(), "answered already: message ignored");
        }
        return None;
    }
    let turn = bot.cooldown(message.author.id, message.channel_id);
    if turn.is_err() {
        bot.release(message.id);
        debug!(
            channel = message.channel_id.get(),
            user = message.author.id.get(),
            "the asker is cooling down: message ignored"
        );
    }
    turn.ok()
}

/// Returns the reply to `message` in a watched channel if factdesk is sure
/// of it. Logged as a question either way (and, if unanswered with a '?',
/// queued for the unanswered log), as [`Bot::ask`] does.
fn sure_reply(bot: &Bot, message: &Message) -> Option<Reply> {
    let reply = bot.ask(Origin::Watch, &message.content, &message.author);
    let threshold = bot.config().discord.watch_threshold;
    let sure = reply.status() == Status::Answered && reply.confidence() >= threshold;
    sure.then_some(reply)
}

/// Answers `message` (as last edited) now that its turn has come, as its
/// [`route`] says: the answer to its question, or the [`notice`] if
/// Discord withheld its text; in a watched channel, `sure` (the reply
/// found sure on arrival; `None`: asked again, as it was edited) or
/// nothing. An edit that left no question for factdesk gets nothing.
///
/// Returns what became of it.
async fn at_turn(
    http: &Http,
    bot: &Bot,
    me: UserId,
    message: &Message,
    sure: Option<Reply>,
) -> Outcome {
    let (origin, reply) = match route(message, me, &bot.config().discord.watch_channels) {
        Route::Withheld => return withheld_notice(http, bot, me, message).await,
        Route::Addressed => {
            let text = question(&message.content, me);
            let origin = Origin::Mention;
            (origin, bot.ask(origin, &text, &message.author))
        }
        Route::Watched => match sure.or_else(|| sure_reply(bot, message)) {
            Some(reply) => (Origin::Watch, reply),
            None => return Outcome::NoAnswer,
        },
        Route::Ignore => {
            debug!(
                id = message.id.get(),
                "edited while waiting into no question for factdesk: left unanswered"
            );
            return Outcome::NoAnswer;
        }
    };
    let compose = |embeds| bot.post_in(&reply, Some(origin), embeds);
    delivered(answer(http, bot, message, compose).await, Outcome::Answered)
}

/// Tells the asker of `message`, a reply whose text Discord withheld, how
/// to ask so that factdesk can read the question ([`notice`]).
///
/// Returns what became of it: the notice answers nothing.
async fn withheld_notice(http: &Http, bot: &Bot, me: UserId, message: &Message) -> Outcome {
    info!(
        id = message.id.get(),
        channel = message.channel_id.get(),
        "a reply to factdesk arrived without text (without MESSAGE_CONTENT, Discord withholds the text of a reply that does not mention factdesk): telling the asker how to ask"
    );
    let text = notice(me);
    let compose = |_: bool| Post::notice(&text);
    delivered(answer(http, bot, message, compose).await, Outcome::NoAnswer)
}

/// Deals at once with `message`, come by `route`, when too many questions
/// wait for its channel and it asks nothing of factdesk yet (a question
/// is told to ask again: [`ask_again`]): a reply whose text Discord
/// withheld is told how to ask instead (what it needs to know first), and
/// a watched question, which nobody asked factdesk, is left unanswered.
///
/// Returns what became of it.
async fn too_busy(
    http: &Http,
    bot: &Bot,
    me: UserId,
    (message, route): (&Message, Route),
) -> Outcome {
    if route == Route::Withheld {
        return withheld_notice(http, bot, me, message).await;
    }
    debug!(
        channel = message.channel_id.get(),
        "too many questions wait for this channel: a watched question left unanswered"
    );
    Outcome::NoAnswer
}

/// Tells `told`, the asker of `message` (a question past its channel's
/// line of questions waiting), to ask again, in the channel's busy notice
/// due `at` ([`super::busy`]). The handler of the notice's first asker
/// waits until then (or until shutdown begins) and posts it, as a reply
/// to its own question naming the askers who joined it since, and
/// settles each asker's question ([`settle`]: each keeps its user's
/// cooldown; if the notice is lost, each gets it back). Every other
/// handler returns at once.
async fn ask_again(http: &Http, bot: &Bot, message: &Message, told: Told, at: std::time::Instant) {
    let channel = message.channel_id.get();
    info!(
        id = message.id.get(),
        channel,
        "too many questions wait for this channel's cooldown: telling the asker to ask again, in the channel's next notice"
    );
    if !bot.notices(|n| n.join(channel, at, told)) {
        return;
    }
    until(bot, at).await;
    let told = bot.notices(|n| n.take(channel, at));
    let text = busy::text(&told, std::time::Instant::now());
    let compose = |_: bool| Post::notice(&text);
    let outcome = delivered(
        answer(http, bot, message, compose).await,
        Outcome::ToldToWait,
    );
    for t in told {
        settle(bot, (t.message, message.channel_id), t.spent, outcome);
    }
}

/// Keeps what the message `id` in `channel` spent as its `outcome` says:
/// an answered question keeps its cooldowns and its claim; one told to
/// ask again keeps its user's cooldown; what answered nothing, or was
/// lost, gives both back ([`Bot::give_back`], [`Bot::release`]), so that
/// asking again, or editing, is answered.
fn settle(bot: &Bot, (id, channel): (MessageId, ChannelId), spent: Spent, outcome: Outcome) {
    match outcome {
        Outcome::Answered => return,
        Outcome::ToldToWait => {}
        Outcome::NoAnswer => bot.give_back(spent),
        Outcome::Lost => {
            debug!(
                id = id.get(),
                channel = channel.get(),
                "the answer was lost: its cooldown is given back"
            );
            bot.give_back(spent);
        }
    }
    bot.release(id);
}

/// Waits until `at`, the turn of `message` in its channel, or until
/// shutdown begins (its answer then goes at once, before the process
/// ends).
async fn wait_for_turn(bot: &Bot, message: &Message, at: std::time::Instant) {
    let wait = at.saturating_duration_since(std::time::Instant::now());
    if wait.is_zero() {
        return;
    }
    debug!(
        id = message.id.get(),
        channel = message.channel_id.get(),
        wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
        "the channel is cooling down: answering in its turn"
    );
    until(bot, at).await;
}

/// Waits until `at`, or until shutdown begins.
async fn until(bot: &Bot, at: std::time::Instant) {
    let wait = at.saturating_duration_since(std::time::Instant::now());
    if wait.is_zero() {
        return;
    }
    let mut stopping = bot.stopping();
    tokio::select! {
        () = tokio::time::sleep(wait) => {}
        _ = stopping.wait_for(Option::is_some) => {}
    }
}

/// Posts what `compose` makes (given whether the channel takes embeds) to
/// `message` through the channel's ladder (embed, plain text, silence;
/// reply or mention), retrying faults within the window and later; a
/// refusal steps down the ladder ([`step_down`]) on a late try as on the
/// first.
///
/// Returns whether it was delivered (not, where factdesk may not post).
async fn answer(http: &Http, bot: &Bot, message: &Message, compose: impl Fn(bool) -> Post) -> bool {
    let channel = message.channel_id.get();
    let guild = message.guild_id.map(GuildId::get);
    let now = std::time::Instant::now();
    let way = Way::new(bot.access(|a| (a.plan(channel, now), a.replies(channel, now))));
    if current(&way).0 == Plan::Silent {
        debug!(
            channel,
            "factdesk may not post here: question left unanswered"
        );
        return false;
    }
    let target = Target::message(message).with_fallback(Fallback::Later);
    let asked = Instant::now();
    let deadline = asked + REPLY_WINDOW;
    // Each try posts the way the channel allows at the time.
    let send = || {
        let (plan, replying) = current(&way);
        let post = compose(plan == Plan::Embed);
        let create = if replying {
            post.reply_to(message)
        } else {
            post.to_user_in_channel(message.author.id, "", message.id.get())
        };
        message.channel_id.send_message(http, create)
    };
    let stepped_down = |failed: &Failed| step_down(bot, (guild, channel), &way, failed);
    let delivered = loop {
        match deliver(target, deadline, &bot.stopping(), send).await {
            Ok(_) => break true,
            Err(f) if target.recovers(&f) => {
                break keep_trying(target, asked, bot.stopping(), send, stepped_down).await
            }
            // Logged by deliver, or by the channel's access.
            Err(f) if !stepped_down(&f) => break false,
            Err(_) => {} // the next try posts another way
        }
    };
    if delivered {
        let (plan, replying) = current(&way);
        bot.access(|a| a.delivered(guild, channel, plan, replying));
    }
    delivered
}

/// How an answer goes to its channel: embed or plain text (or not at
/// all), and as a reply or not. Each try reads it; [`step_down`] changes it.
type Way = Mutex<(Plan, bool)>;

/// Returns how the answer goes to its channel now.
fn current(way: &Way) -> (Plan, bool) {
    *way.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records that `channel` of `guild` refused a post sent `way` with
/// `failed`, and steps `way` down: plain text after a refused embed (then
/// silence), a message mentioning the asker after a refused reply; a
/// channel factdesk cannot see goes quiet (see [`super::access`]).
///
/// Returns whether there is another way to post, now in `way`.
fn step_down(bot: &Bot, (guild, channel): (Option<u64>, u64), way: &Way, failed: &Failed) -> bool {
    let now = std::time::Instant::now();
    let (plan, replying) = current(way);
    let next = match failed.fault() {
        Fault::MissingPermissions => match bot.access(|a| a.refused(guild, channel, plan, now)) {
            Next::Plain if plan == Plan::Embed => (Plan::Plain, replying),
            _ => (Plan::Silent, replying),
        },
        Fault::NoAccess => {
            // Lost (logged by the caller); the channel's next answers would be too.
            bot.access(|a| a.inaccessible(guild, channel, now));
            return false;
        }
        Fault::CannotReply if replying => {
            bot.access(|a| a.cannot_reply(guild, channel, now));
            (plan, false)
        }
        _ => return false,
    };
    *way.lock().unwrap_or_else(PoisonError::into_inner) = next;
    next.0 != Plan::Silent
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: u64 = 900;

    fn message(
        author: u64,
        bot: bool,
        guild: bool,
        channel: u64,
        mentions: &[u64],
        reply_to: Option<u64>,
    ) -> Message {
        let user = |id: u64, bot: bool| serde_json::json!({"id": id.to_string(), "username": "u", "discriminator": "0", "bot": bot});
        let mut m = serde_json::json!({
            "id": "1", "channel_id": channel.to_string(), "author": user(author, bot),
            "content": "hello", "timestamp": "2025-07-05T12:00:00Z", "tts": false,
            "mention_everyone": false, "mentions": mentions.iter().map(|&id| user(id, id == ME)).collect::<Vec<_>>(),
            "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0,
        });
        if guild {
            m["guild_id"] = "5".into();
        }
        if let Some(to) = reply_to {
            let mut original = m.clone();
            original["author"] = user(to, to == ME);
            m["referenced_message"] = original;
            m["type"] = 19.into();
        }
        serde_json::from_value(m).expect("a valid message fixture")
    }

    /// Returns `m` with no text, as Discord sends a message that does not
    /// mention factdesk when MESSAGE_CONTENT is off.
    fn emptied(mut m: Message) -> Message {
        m.content.clear();
        m
    }

    #[test]
    fn routes() {
        let me = UserId::new(ME);
        let watch = [42];
        let rows = [
            (
                "plain message",
                message(1, false, true, 7, &[], None),
                Route::Ignore,
            ),
            (
                "mention",
                message(1, false, true, 7, &[ME], None),
                Route::Addressed,
            ),
            (
                "reply to me",
                message(1, false, true, 7, &[], Some(ME)),
                Route::Addressed,
            ),
            (
                "reply to someone else",
                message(1, false, true, 7, &[], Some(2)),
                Route::Ignore,
            ),
            (
                "reply to me, ping off, its text withheld",
                emptied(message(1, false, true, 7, &[], Some(ME))),
                Route::Withheld,
            ),
            (
                "reply to me, ping on: mentions me, its text shown",
                message(1, false, true, 7, &[ME], Some(ME)),
                Route::Addressed,
            ),
            (
                "reply to me in a DM without text",
                emptied(message(1, false, false, 7, &[], Some(ME))),
                Route::Addressed,
            ),
            (
                "reply to someone else without text",
                emptied(message(1, false, true, 7, &[], Some(2))),
                Route::Ignore,
            ),
            (
                "direct message",
                message(1, false, false, 7, &[], None),
                Route::Addressed,
            ),
            (
                "watched channel",
                message(1, false, true, 42, &[], None),
                Route::Watched,
            ),
            (
                "mention in watched channel",
                message(1, false, true, 42, &[ME], None),
                Route::Addressed,
            ),
            (
                "other bot mentions me",
                message(3, true, true, 7, &[ME], None),
                Route::Ignore,
            ),
            (
                "myself",
                message(ME, true, true, 42, &[ME], None),
                Route::Ignore,
            ),
        ];
        for (what, m, want) in rows {
            assert_eq!(route(&m, me, &watch), want, "{what}");
        }
    }

    #[test]
    fn own_mention_is_stripped() {
        let me = UserId::new(ME);
        assert_eq!(
            question("<@900> when was the recognition?", me),
            "when was the recognition?"
        );
        assert_eq!(
            question("hey <@!900>, who is the ambassador", me),
            "hey  , who is the ambassador"
        );
        assert_eq!(question("<@901> hi", me), "<@901> hi");
    }
}
