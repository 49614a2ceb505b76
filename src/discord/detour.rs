//! The detour of a public interaction answer (a slash command's, or a
//! button's that replaces the asker's message) that Discord did not take
//! in time: a long 429, a run of 5xx, a hung request, an expired token.
//! It is posted in the channel as a message addressed to the asker instead
//! of being lost, unless Discord shows it took the response after all:
//! asked once Discord's answer is final (past its 3 s deadline, when a try
//! got no answer, or only a gateway's 502, 503 or 504), so the asker never
//! gets the answer twice. It is tried again later if Discord takes no
//! message either.
//! What only the asker should see is never detoured: the channel would see
//! it too; when what became of its response is not known (no answer, or
//! only a gateway's), Discord is asked whether it took it, so that only an
//! answer really lost is an ERROR.

use std::time::Duration;

use serenity::all::{
    ChannelId, CommandInteraction, ComponentInteraction, CreateInteractionResponse, GuildId, Http,
    InteractionId, PartialChannel, Permissions, UserId,
};
use tokio::time::Instant;
use tracing::{error, info, warn};

use super::access::{is_thread, may_post, missing_to_post, of_channel};
use super::backoff::Backoff;
use super::delivery::{
    deliver, respond, target_line, try_bounded, wait_until, Deadline, Failed, Fallback, Fault,
    Stopping, Target, REPLY_WINDOW,
};
use super::post::Post;
use super::redelivery::keep_trying;

/// The parts of an interaction an answer and its detour need.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    pub id: InteractionId,
    pub token: &'a str,
    pub user: UserId,
    pub guild: Option<GuildId>,
    pub channel: ChannelId,
    /// The app's permissions in the channel (`None`: not known, as in a
    /// DM).
    pub permissions: Option<Permissions>,
    /// Whether the channel is a thread (`None`: not known).
    pub thread: Option<bool>,
    /// What was asked, as the detour's note names it: `/when`, `button`.
    pub what: String,
}

impl<'a> Asked<'a> {
    /// Returns what slash command `c` asked.
    pub fn command(c: &'a CommandInteraction) -> Asked<'a> {
        Asked::new(
            (c.id, &c.token, c.user.id),
            (
                c.guild_id,
                c.channel_id,
                c.app_permissions,
                c.channel.as_ref(),
            ),
            format!("/{}", c.data.name),
        )
    }

    /// Returns what button press `c` asked.
    pub fn press(c: &'a ComponentInteraction) -> Asked<'a> {
        Asked::new(
            (c.id, &c.token, c.user.id),
            (
                c.guild_id,
                c.channel_id,
                c.app_permissions,
                c.channel.as_ref(),
            ),
            "button press".to_string(),
        )
    }

    fn new(
        (id, token, user): (InteractionId, &'a str, UserId),
        (guild, channel, permissions, kind): (
            Option<GuildId>,
            ChannelId,
            Option<Permissions>,
            Option<&PartialChannel>,
        ),
        what: String,
    ) -> Asked<'a> {
        Asked {
            id,
            token,
            user,
            guild,
            channel,
            permissions: of_channel(guild, permissions),
            thread: is_thread(kind),
            what,
        }
    }

    /// Returns the names of the permissions the interaction shows factdesk
    /// lacks to post in its channel (empty: none, or not known).
    pub fn missing_to_post(&self) -> String {
        self.permissions
            .map(|p| missing_to_post(p, self.thread))
            .unwrap_or_default()
    }

    /// Returns whether the interaction says the bot may post in its
    /// channel: View Channel, and Send Messages (Send Messages in Threads
    /// in a thread); unknown permissions count as yes.
    pub fn may_post(&self) -> bool {
        self.permissions.is_none_or(|p| may_post(p, self.thread))
    }
}

/// Answers `asked` with `response` (showing `post`) before `deadline`; if
/// Discord does not take it and `post` is public, posts `post` in the
/// channel instead ([`in_the_channel`]), unless Discord shows it took the
/// response after all ([`taken`], asked once Discord's answer is final).
/// A private answer whose response's outcome is not known (a try got no
/// answer, or only a gateway's, even if a later one got Discord's own,
/// unless that refused a permission factdesk lacks in the channel:
/// [`Failed::outcome_unknown`]) is asked about the same way and logged as
/// lost only when Discord does not have it.
///
/// Returns what became of the answer ([`Fate`]).
pub async fn answer(
    http: &Http,
    asked: &Asked<'_>,
    (deadline, stopping): (Deadline, Stopping),
    post: Post,
    response: CreateInteractionResponse,
) -> Fate {
    let posts_a_message = matches!(response, CreateInteractionResponse::Message(_));
    let detour = !post.ephemeral && asked.may_post();
    let fallback = match (detour, posts_a_message) {
        (true, _) => Fallback::Elsewhere,
        (false, true) => Fallback::Ask,
        (false, false) => Fallback::None,
    };
    let target = Target::interaction(asked.id, asked.guild, asked.channel).with_fallback(fallback);
    let until = (deadline, &stopping);
    // Why the answer is not posted in the channel, when it is not.
    let kept_out = || {
        if post.ephemeral {
            "the answer is for the asker alone, so it is not posted in the channel".to_string()
        } else {
            format!(
                "factdesk may not post in this channel (grant it {} there), so the answer is not posted there either",
                asked.missing_to_post()
            )
        }
    };
    let failed = match respond(http, (asked.id, asked.token), target, until, response).await {
        Err(failed) if target.recovers(&failed) => failed,
        Err(failed) if target.caller_logs_loss(&failed) => {
            target_line!(
                error,
                target,
                "could not deliver a reply: {failed}; {}",
                kept_out()
            );
            return Fate::lost(failed);
        }
        sent => {
            let delivered = sent.is_ok();
            return Fate {
                response: sent,
                delivered,
            };
        }
    };
    let kept_out = kept_out();
    let then = if detour {
        "posting the answer in the channel, where the asker may see it twice".to_string()
    } else {
        format!("{kept_out}; the asker may have gone without it")
    };
    let known = if posts_a_message {
        taken(http, asked, (&failed, deadline), &stopping, &then).await
    } else {
        None
    };
    let (id, guild, channel) = (target.id, target.guild.unwrap_or(0), target.channel);
    match known {
        Some(true) => {
            info!(
                id,
                guild,
                channel,
                "Discord took the interaction response after all (its answer came late or was lost): not posting it in the channel as well"
            );
            return Fate {
                response: Ok(()),
                delivered: true,
            };
        }
        Some(false) if !detour => error!(
            target_kind = target.what,
            id,
            guild,
            channel,
            "could not deliver a reply: {failed}. Asked afterwards, Discord has no response to the interaction, and {kept_out}"
        ),
        None if !posts_a_message && failed.outcome_unknown() => warn!(
            id,
            guild,
            channel,
            "Discord gave no answer of its own to the replacement of the asker's message, and whether it replaced the message cannot be asked: posting the answer in the channel as well, where the asker may see it twice"
        ),
        _ => {}
    }
    let delivered = detour && in_the_channel(http, asked, post, target, stopping).await;
    Fate {
        response: Err(failed),
        delivered,
    }
}

/// What became of an interaction's answer ([`answer`]).
#[derive(Debug)]
#[must_use = "give back what the question spent if its answer was not delivered"]
pub struct Fate {
    /// Why the interaction response failed, if it did (already logged,
    /// with what became of the answer).
    pub response: Result<(), Failed>,
    /// Whether the asker is known to have the answer: Discord took the
    /// response, or it was posted in the channel instead.
    pub delivered: bool,
}

impl Fate {
    /// An answer lost because its response `failed`.
    fn lost(failed: Failed) -> Fate {
        Fate {
            response: Err(failed),
            delivered: false,
        }
    }
}

/// How long asking Discord whether it took a response may take, retries
/// of a 5xx, a 429 or a dropped connection included.
pub const CHECK_WINDOW: Duration = Duration::from_secs(3);

/// Returns whether Discord has the original response of `asked` (a
/// response that posts a message): a try it took but answered late, or
/// with a 5xx. When a try of the response got no answer of Discord's own
/// (none, or a gateway's 502, 503 or 504: [`Failed::outcome_unknown`]),
/// that try may still land until Discord's deadline, whatever later tries
/// were told: Discord is asked only after it ([`Deadline::end`];
/// shutdown's cut-off ends the wait). When Discord answered every try
/// itself (a 500, a 429) it is asked at once: what Discord took is there
/// by the time it answers.
/// A transient fault of the question is retried within [`CHECK_WINDOW`]
/// (Discord failing the response is when it is likely); still not known,
/// it logs a WARN line saying so and what the caller does `then`.
///
/// Returns whether Discord has it, `None` when it could not tell.
async fn taken(
    http: &Http,
    asked: &Asked<'_>,
    (failed, deadline): (&Failed, Deadline),
    stopping: &Stopping,
    then: &str,
) -> Option<bool> {
    if failed.outcome_unknown() {
        wait_until(deadline.end, stopping).await;
    }
    let until = Instant::now() + CHECK_WINDOW;
    let mut waits = Backoff::default();
    for tries in 1u32.. {
        let check = http.get_original_interaction_response(asked.token);
        let failure = match try_bounded(until, stopping, check).await {
            Ok(_) => return Some(true),
            Err(failure) => failure,
        };
        // 404: Discord has none. A cut-off (shutting down) is not retried.
        if failure.status() == Some(404) {
            return Some(false);
        }
        let wait = match failure.fault() {
            fault @ (Fault::Retry | Fault::RateLimited) => Some(waits.after(fault)),
            _ => None,
        };
        match wait.filter(|wait| Instant::now() + *wait < until) {
            Some(wait) => tokio::time::sleep(wait).await,
            None => {
                warn!(
                    id = asked.id.get(),
                    guild = asked.guild.map_or(0, GuildId::get),
                    channel = asked.channel.get(),
                    tries,
                    "could not tell whether Discord took the interaction response ({failure}): {then}"
                );
                return None;
            }
        }
    }
    None
}

/// Posts a public answer whose interaction Discord did not take in time
/// as a channel message to the asker instead, so the answer is not lost;
/// the caller checks the bot may post there ([`Asked::may_post`]) and
/// that Discord did not take the response after all ([`taken`]; a
/// replacement of the asker's message cannot be checked, and a try that
/// reached Discord then shows the answer twice, the lesser harm). If Discord takes
/// no channel message either, it is tried again later
/// ([`super::redelivery`]).
///
/// Returns whether it was posted.
async fn in_the_channel(
    http: &Http,
    asked: &Asked<'_>,
    post: Post,
    target: Target,
    stopping: Stopping,
) -> bool {
    let target = target.with_fallback(Fallback::Later);
    let note = format!(
        "Discord did not take my answer to your {} in time, so here it is:",
        asked.what
    );
    let message = post.to_user_in_channel(asked.user, &note, asked.id.get());
    let send = || asked.channel.send_message(http, message.clone());
    let started = Instant::now();
    let sent = match deliver(target, started + REPLY_WINDOW, &stopping, send).await {
        Err(f) if target.recovers(&f) => {
            // No other way to post it: a late refusal gives it up.
            keep_trying(target, started, stopping, send, |_| false).await
        }
        Err(f) if matches!(f.fault(), Fault::MissingPermissions | Fault::CannotReply) => {
            // deliver leaves refusals to its caller: the answer is lost here.
            target_line!(
                error,
                target,
                "could not deliver a reply: Discord took neither the interaction response nor the channel message ({f}); grant factdesk Send Messages (Send Messages in Threads in a thread) in this channel"
            );
            false
        }
        sent => sent.is_ok(),
    };
    if sent {
        info!(
            id = target.id,
            guild = target.guild.unwrap_or(0),
            channel = target.channel,
            "answered in the channel instead of the interaction"
        );
    }
    sent
}
