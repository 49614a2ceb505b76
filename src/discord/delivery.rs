//! Getting a reply to Discord despite faults: a request that fails with a
//! 5xx, a 429 or a dropped connection is tried again, after a wait that
//! grows with each failure ([`super::backoff`]), while its
//! deadline allows ([`Deadline`]: 2.5 s for an interaction, whose last try
//! is awaited until Discord's own 3 s deadline has passed; longer for a
//! channel reply); whatever still fails is logged with the interaction or
//! message id, the guild and the channel, never silently. Once shutdown has begun, every
//! try ends by its cut-off ([`Stopping`]), and one cut off is an ERROR
//! naming it. [`fault`] is the pure part: what a failure means.

use std::future::Future;
use std::time::Duration;

use serenity::all::{ChannelId, CreateInteractionResponse, GuildId, Http, InteractionId, Message};
use serenity::builder::Builder;
use serenity::http::HttpError;
use tokio::sync::watch;
use tokio::time::Instant;
use tracing::{error, warn};

use super::backoff::Backoff;

/// Logs one line about a reply's `$target` at `$level` (a tracing macro:
/// `info`, `warn`, `error`), with where it was (its kind, id, guild and
/// channel) before any other fields and the message.
macro_rules! target_line {
    ($level:ident, $target:expr, $($fields_and_message:tt)+) => {
        $level!(
            target_kind = $target.what,
            id = $target.id,
            guild = $target.guild.unwrap_or(0),
            channel = $target.channel,
            $($fields_and_message)+
        )
    };
}
pub(crate) use target_line;

/// Logs one line about delivering to `$target` at `$level`, with where it
/// was and the tries made.
macro_rules! delivery_line {
    ($level:ident, $target:expr, $tries:expr, $($message:tt)+) => {
        target_line!($level, $target, tries = $tries, $($message)+)
    };
}

/// An interaction must be answered within 3 s of its creation
/// ([`CALLBACK_DEADLINE`]); tries of its response start within this much
/// of it, the rest is the network's.
pub const INTERACTION_WINDOW: Duration = Duration::from_millis(2_500);

/// Discord takes an interaction's response until this long after it
/// created the interaction; a response that reaches it later is refused.
pub const CALLBACK_DEADLINE: Duration = Duration::from_secs(3);

/// How long past [`CALLBACK_DEADLINE`] (counted from when factdesk got the
/// interaction, which is after Discord created it) a try under way is
/// still awaited: by then Discord has taken it or never will, so what
/// Discord has is final.
pub const SETTLE_MARGIN: Duration = Duration::from_millis(500);

/// How long a delivery may take: tries start until `last_try`; one under
/// way then is awaited until `end`, and abandoned at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub last_try: Instant,
    pub end: Instant,
}

impl Deadline {
    /// Returns the deadline of the response to an interaction factdesk got
    /// at `arrived`: tries start within [`INTERACTION_WINDOW`], and one
    /// under way then is awaited until Discord can no longer take it
    /// ([`CALLBACK_DEADLINE`] plus [`SETTLE_MARGIN`]), so that a response
    /// Discord takes is never abandoned as lost.
    pub fn interaction(arrived: Instant) -> Deadline {
        Deadline {
            last_try: arrived + INTERACTION_WINDOW,
            end: arrived + CALLBACK_DEADLINE + SETTLE_MARGIN,
        }
    }
}

impl From<Instant> for Deadline {
    /// A deadline at which tries stop and one under way is abandoned alike.
    fn from(end: Instant) -> Deadline {
        Deadline { last_try: end, end }
    }
}

/// How long a channel reply (or a follow-up to a deferred interaction)
/// may keep being retried.
pub const REPLY_WINDOW: Duration = Duration::from_secs(10);

/// Shutdown's cut-off for deliveries: `None` while serving; once shutdown
/// has begun, the time by which every try must end (a little before the
/// drain's deadline, so that a delivery cut off is still logged).
pub type Stopping = watch::Receiver<Option<Instant>>;

/// Discord's JSON error codes that matter here.
pub mod code {
    /// The interaction was already answered (an earlier try got through).
    pub const ALREADY_ACKNOWLEDGED: isize = 40060;
    /// The bot cannot see the channel or thread (no View Channel, or a
    /// private thread it was not added to).
    pub const MISSING_ACCESS: isize = 50001;
    /// The bot lacks a permission in the channel.
    pub const MISSING_PERMISSIONS: isize = 50013;
    /// A reply (a message with a reference) needs Read Message History,
    /// which the bot lacks in the channel; a message without the reference
    /// would go through.
    pub const REPLY_WITHOUT_HISTORY: isize = 160002;
    /// Discord does not know the interaction (its response came too late).
    pub const UNKNOWN_INTERACTION: isize = 10062;
    /// Discord does not know the interaction's token: it never took the
    /// interaction's response, or the token's 15 minutes are over.
    pub const UNKNOWN_WEBHOOK: isize = 10015;
    /// Not Discord's: serenity's code for an error answer whose body is
    /// not Discord's JSON error (an HTML page of the CDN in front of
    /// Discord, as a 502 or 504 usually is).
    pub const UNREADABLE: isize = -1;
}

/// What a failed request means for the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Transient (5xx, connection trouble): try again after a backoff.
    Retry,
    /// Discord answered 429: try again after a wait that grows with each
    /// 429 in a row ([`super::backoff`]).
    RateLimited,
    /// An earlier try got through after all: nothing left to do.
    Delivered,
    /// Discord answered 403 with code 50013: a channel permission is missing.
    MissingPermissions,
    /// Discord answered 403 with code 50001: factdesk cannot see the
    /// channel at all. Final, like [`Fault::Final`], but the channel's
    /// next answers would be refused too.
    NoAccess,
    /// Discord answered code 160002: the bot may post in the channel but
    /// not reply there (no Read Message History).
    CannotReply,
    /// Anything else (a bad request, an unknown channel): trying again
    /// would fail the same way.
    Final,
}

impl Fault {
    /// Returns whether this is Discord's refusal for a permission factdesk
    /// lacks in the channel ([`Fault::MissingPermissions`],
    /// [`Fault::NoAccess`], [`Fault::CannotReply`]): a definite answer
    /// about the bot in that channel, not about one try, so Discord
    /// refuses every try of the same request for it, an earlier one whose
    /// connection failed a moment before included. That try cannot have
    /// been taken, and such a refusal stays final after it (a
    /// [`Failed::Error`], never [`Failed::AfterUnknown`]): the caller
    /// handles it as it does any such refusal (a step down, a loss logged
    /// once), never as a reply Discord may have taken. Other answers of
    /// Discord's own do not qualify: a 5xx or a 429 says nothing of an
    /// earlier try, and an unknown interaction (10062, its 3 s over) may
    /// follow a try that landed before them.
    pub fn refuses_every_try(self) -> bool {
        matches!(
            self,
            Fault::MissingPermissions | Fault::NoAccess | Fault::CannotReply
        )
    }
}

/// Returns what `e` means for the request that failed with it.
pub fn fault(e: &serenity::Error) -> Fault {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            answered(r.status_code.as_u16(), r.error.code)
        }
        serenity::Error::Http(HttpError::Request(r)) if !r.is_builder() => Fault::Retry,
        _ => Fault::Final,
    }
}

/// Returns whether an error answer with HTTP `status` is a gateway's in
/// front of Discord rather than Discord's own: a 502, 503 or 504 (or
/// Cloudflare's 520-524), sent when the gateway could not reach Discord or
/// gave up waiting for it. Discord may then have taken the request, or
/// still take it, so what became of it is not known. Any other answer
/// (a 500 included) is Discord's, sent once it is done with the request:
/// whatever it took is there when the answer comes.
pub fn from_a_gateway(status: u16) -> bool {
    matches!(status, 502..=504 | 520..=524)
}

/// Returns what an error answer with HTTP `status` and Discord JSON error
/// `code` means.
pub fn answered(status: u16, code: isize) -> Fault {
    match (status, code) {
        (_, code::ALREADY_ACKNOWLEDGED) => Fault::Delivered,
        (403, code::MISSING_PERMISSIONS) => Fault::MissingPermissions,
        (403, code::MISSING_ACCESS) => Fault::NoAccess,
        (_, code::REPLY_WITHOUT_HISTORY) => Fault::CannotReply,
        (429, _) => Fault::RateLimited,
        (500..=599, _) => Fault::Retry,
        _ => Fault::Final,
    }
}

/// What is being delivered, for the log.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// "interaction" or "message" (the question's id follows).
    pub what: &'static str,
    pub id: u64,
    pub guild: Option<u64>,
    pub channel: u64,
    /// What the caller does when this delivery fails: the failure is
    /// logged as an ERROR only when the reply is then lost.
    pub fallback: Fallback,
}

/// Another way a caller delivers a reply its first delivery failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// None: a failure loses the reply.
    None,
    /// A transient fault (5xx, 429, a try still under way at the
    /// deadline) is tried again later ([`super::redelivery`]).
    Later,
    /// Any failure but a missing permission is posted another way (a
    /// public interaction answer goes to the channel).
    Elsewhere,
    /// A try whose outcome is not known (abandoned at the deadline, its
    /// connection failed, or only a gateway in front of Discord answered:
    /// [`Failed::outcome_unknown`]) may have been taken all the same: the
    /// caller goes on as if it was (a deferral's report is edited in).
    AsIfTaken,
    /// A try whose outcome is not known may have been taken all the same:
    /// the caller asks Discord whether it was, and logs what it learns
    /// (a response only the asker may see, or one factdesk may not post
    /// in the channel, which has no other way). A failure Discord did
    /// answer the caller logs too, saying why the answer is not posted in
    /// the channel ([`Target::caller_logs_loss`]).
    Ask,
    /// None needed: the reply is autocomplete suggestions, not an answer
    /// (the user can still type the option and submit the command), so
    /// any failure, a refusal included, is a WARN line saying only the
    /// suggestions were lost.
    Suggestions,
}

impl Target {
    /// Returns the target of an interaction response.
    pub fn interaction(id: InteractionId, guild: Option<GuildId>, channel: ChannelId) -> Target {
        Target {
            what: "interaction",
            id: id.get(),
            guild: guild.map(GuildId::get),
            channel: channel.get(),
            fallback: Fallback::None,
        }
    }

    /// Returns the target of a reply to channel message `question`.
    pub fn message(question: &Message) -> Target {
        Target {
            what: "message",
            id: question.id.get(),
            guild: question.guild_id.map(GuildId::get),
            channel: question.channel_id.get(),
            fallback: Fallback::None,
        }
    }

    /// Returns the target with the caller's `fallback` for a failure.
    pub fn with_fallback(self, fallback: Fallback) -> Target {
        Target { fallback, ..self }
    }

    /// Returns whether the caller logs `failure` as the loss of the reply
    /// instead of [`deliver`]: a failure Discord answered itself, on every
    /// try (none without an answer, or with only a gateway's in front of
    /// it: [`Failed::outcome_unknown`]), of a response
    /// whose caller knows why it has no other way ([`Fallback::Ask`]),
    /// but not a missing permission, which the interaction's handler logs.
    pub fn caller_logs_loss(&self, failure: &Failed) -> bool {
        self.fallback == Fallback::Ask
            && !failure.outcome_unknown()
            && failure.fault() != Fault::MissingPermissions
    }

    /// Returns whether the caller still delivers the reply another way
    /// after `failure`: the one rule both the log level and the caller's
    /// next step follow.
    pub fn recovers(&self, failure: &Failed) -> bool {
        if matches!(failure, Failed::CutOff) {
            return false; // shutting down: no other way is left
        }
        match self.fallback {
            Fallback::None | Fallback::Suggestions => false,
            Fallback::Later => super::redelivery::worth_trying_later(failure),
            Fallback::Elsewhere => failure.fault() != Fault::MissingPermissions,
            Fallback::AsIfTaken | Fallback::Ask => failure.outcome_unknown(),
        }
    }
}

/// Sends `response` to interaction `id` (with `token`) through
/// [`deliver`], before `deadline` and shutdown's cut-off.
///
/// Returns why it failed, if it did (already logged).
pub async fn respond(
    http: &Http,
    (id, token): (InteractionId, &str),
    target: Target,
    (deadline, stopping): (Deadline, &Stopping),
    response: CreateInteractionResponse,
) -> Result<(), Failed> {
    deliver(target, deadline, stopping, || {
        response.clone().execute(http, (id, token))
    })
    .await
    .map(drop)
}

/// Why a delivery ended without success.
#[derive(Debug)]
pub enum Failed {
    /// The last error, after which trying again would not help or the
    /// deadline left no room for another try.
    Error(serenity::Error),
    /// The last error (`last`) is Discord's own answer, but an earlier
    /// try got none (`earlier`: its connection failed, or only a gateway
    /// in front of Discord answered): Discord may have taken that try, or
    /// still take it until its deadline, so the delivery's outcome is not
    /// known ([`Failed::outcome_unknown`]), whatever the last try was told
    /// (but a permission refused, which refused that try too:
    /// [`Fault::refuses_every_try`]).
    AfterUnknown {
        earlier: serenity::Error,
        last: serenity::Error,
    },
    /// The deadline's end passed while a try was under way (e.g.
    /// serenity's ratelimiter waiting out a long 429).
    Late,
    /// Shutdown's cut-off came first: the process is about to end.
    CutOff,
}

impl Failed {
    /// Returns `last`, the failure of a delivery's last try, as the
    /// delivery's failure: [`Failed::AfterUnknown`] when `last` is
    /// Discord's own answer but `earlier`, the failure of an earlier try,
    /// left that try's outcome unknown; `last` as it is when it refuses a
    /// permission factdesk lacks in the channel, which Discord refused
    /// that earlier try for too ([`Fault::refuses_every_try`]).
    fn after(earlier: Option<serenity::Error>, last: Failed) -> Failed {
        match (earlier, last) {
            (Some(earlier), Failed::Error(last))
                if !Failed::unknown(&last) && !fault(&last).refuses_every_try() =>
            {
                Failed::AfterUnknown { earlier, last }
            }
            (_, last) => last,
        }
    }

    /// Returns the last try's error, if it ended with one.
    fn last_error(&self) -> Option<&serenity::Error> {
        match self {
            Failed::Error(e) | Failed::AfterUnknown { last: e, .. } => Some(e),
            Failed::Late | Failed::CutOff => None,
        }
    }

    /// Returns what the last try's failure means, `Final` for a late one.
    pub fn fault(&self) -> Fault {
        self.last_error().map_or(Fault::Final, fault)
    }

    /// Returns the HTTP status Discord answered the last try with, if it
    /// answered.
    pub fn status(&self) -> Option<u16> {
        self.last_error().and_then(status)
    }

    /// Returns whether what became of the delivery is not known: Discord
    /// gave its last try, or an earlier one ([`Failed::AfterUnknown`]), no
    /// answer (the try was abandoned, or the connection failed), or only a
    /// gateway in front of Discord did (a 502, 503 or 504:
    /// [`from_a_gateway`]). Such a try may have been taken, or still take
    /// effect until Discord's deadline, whatever a later try was told, but
    /// for a permission refused, which refused that try too
    /// ([`Fault::refuses_every_try`]).
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Failed::Error(e) => Failed::unknown(e),
            Failed::AfterUnknown { .. } | Failed::Late | Failed::CutOff => true,
        }
    }

    /// Returns whether what became of the try that failed with `e` is not
    /// known: no answer from Discord, or only a gateway's.
    fn unknown(e: &serenity::Error) -> bool {
        status(e).is_none_or(from_a_gateway)
    }
}

/// Returns the HTTP status of error answer `e`, if it is one.
fn status(e: &serenity::Error) -> Option<u16> {
    match e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) => Some(r.status_code.as_u16()),
        _ => None,
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::Error(e) => describe(e, f),
            Failed::AfterUnknown { earlier, last } => {
                describe(last, f)?;
                f.write_str("; but an earlier try may have been taken all the same: ")?;
                describe(earlier, f)
            }
            Failed::Late => f.write_str("no answer from Discord before the deadline"),
            Failed::CutOff => f.write_str(
                "cut off by the shutdown (raise [discord] drain_secs to give deliveries longer)",
            ),
        }
    }
}

/// Writes what the try that failed with `e` was told, in the operator's
/// terms rather than serenity's.
fn describe(e: &serenity::Error, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match e {
        // serenity cannot decode a 429's body as an error and says so
        // instead of what happened.
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 429 =>
        {
            f.write_str("rate limited (429 Too Many Requests)")
        }
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.error.code == code::UNREADABLE =>
        {
            // serenity's words would be that it could not decode JSON,
            // which hides what Discord answered.
            let status = r.status_code;
            let reason = status.canonical_reason().unwrap_or("");
            write!(f, "Discord answered {} {reason}", status.as_u16())?;
            if status.is_server_error() {
                f.write_str(" (a fault on Discord's side; if it keeps happening, see https://discordstatus.com)")?;
            }
            Ok(())
        }
        e if fault(e) == Fault::NoAccess => write!(
            f,
            "{e} (50001): factdesk cannot see this channel or thread; grant it View Channel there, or add it to the private thread"
        ),
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if matches!(
                r.error.code,
                code::UNKNOWN_INTERACTION | code::UNKNOWN_WEBHOOK
            ) =>
        {
            write!(
                f,
                "{} ({}): Discord does not know this interaction (it never took its response, or its 15 minutes are over), so nothing more can reach the user through it",
                r.error.message, r.error.code
            )
        }
        serenity::Error::Http(HttpError::Request(r)) if !r.is_builder() => {
            // serenity's own text ("Error while sending HTTP request.")
            // hides what happened; the innermost cause says it.
            let mut cause: &dyn std::error::Error = r;
            while let Some(next) = cause.source() {
                cause = next;
            }
            if r.is_connect() {
                write!(
                    f,
                    "could not connect to Discord ({cause}), so the request never reached it; if this keeps happening, check the network or proxy between factdesk and Discord"
                )
            } else {
                write!(
                    f,
                    "the connection failed before Discord answered ({cause}), so Discord may or may not have taken the request; if this keeps happening, check the network or proxy between factdesk and Discord"
                )
            }
        }
        e => write!(f, "{e}"),
    }
}

/// Runs `send` until it succeeds, retrying transient faults while
/// `deadline` (its last try) and shutdown's cut-off (`stopping`) allow; a
/// try still under way at the deadline's end or the cut-off is abandoned.
/// Each retry is a WARN line; the final failure is an ERROR line naming
/// `target` (a WARN line when the reply goes out another way or is only
/// suggestions: see `log_failure`), unless it is a missing permission (or a
/// refused reply reference), which the caller handles (suggestions have
/// no caller to: logged here too).
///
/// Returns `Ok(Some(value))`, `Ok(None)` when an earlier try turned out to
/// have been delivered, or why it failed: the last try's failure, as
/// [`Failed::AfterUnknown`] when an earlier try got no answer of Discord's
/// own, so that the caller treats the reply as one Discord may have taken
/// (but not after a permission refused, final whatever came before:
/// [`Fault::refuses_every_try`]).
pub async fn deliver<T, F, Fut>(
    target: Target,
    deadline: impl Into<Deadline>,
    stopping: &Stopping,
    mut send: F,
) -> Result<Option<T>, Failed>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let deadline = deadline.into();
    let mut tries = 0u32;
    let mut waits = Backoff::default();
    // The error of the first try Discord gave no answer of its own: that
    // try may have been taken, whatever later tries are told but a
    // permission refused ([`Failed::after`]).
    let mut unknown: Option<serenity::Error> = None;
    loop {
        tries += 1;
        let failure = match try_bounded(deadline.end, stopping, send()).await {
            Ok(value) => return Ok(Some(value)),
            Err(failure) => failure,
        };
        let wait = match failure.fault() {
            Fault::Delivered => return Ok(None),
            fault @ (Fault::Retry | Fault::RateLimited) => Some(waits.after(fault)),
            _ => None,
        };
        let cut_off = *stopping.borrow();
        let last_try = cut_off.map_or(deadline.last_try, |c| c.min(deadline.last_try));
        let Some(wait) = wait.filter(|wait| Instant::now() + *wait < last_try) else {
            let failure = Failed::after(unknown, failure);
            // A refusal for a missing permission (or of a reply reference)
            // is the caller's to handle, unless it has nothing to do.
            let callers = matches!(
                failure.fault(),
                Fault::MissingPermissions | Fault::CannotReply
            );
            if !callers || target.fallback == Fallback::Suggestions {
                log_failure(target, tries, &failure);
            }
            return Err(failure);
        };
        delivery_line!(
            warn,
            target,
            tries,
            retry_in_ms = wait.as_millis() as u64,
            "a reply did not go through, trying again: {failure}"
        );
        match failure {
            Failed::Error(e) if unknown.is_none() && Failed::unknown(&e) => unknown = Some(e),
            _ => {}
        }
        tokio::time::sleep(wait).await;
    }
}

/// Awaits one try, `attempt`, until `deadline` or shutdown's cut-off
/// (`stopping`), whichever comes first.
///
/// Returns its value, or why it failed ([`Failed::Late`] or
/// [`Failed::CutOff`] when time ran out).
pub async fn try_bounded<T>(
    deadline: Instant,
    stopping: &Stopping,
    attempt: impl Future<Output = serenity::Result<T>>,
) -> Result<T, Failed> {
    tokio::select! {
        tried = try_once(deadline, attempt) => tried,
        () = cut_off(stopping) => Err(Failed::CutOff),
    }
}

/// Waits until `at` or shutdown's cut-off (`stopping`), whichever comes
/// first.
pub async fn wait_until(at: Instant, stopping: &Stopping) {
    tokio::select! {
        () = tokio::time::sleep_until(at) => {}
        () = cut_off(stopping) => {}
    }
}

/// Completes at shutdown's cut-off (`stopping`); never while serving.
async fn cut_off(stopping: &Stopping) {
    ahead_of_cut_off(stopping, Duration::ZERO).await;
}

/// Completes `margin` before shutdown's cut-off (`stopping`), at once if
/// that is past; never while serving.
pub async fn ahead_of_cut_off(stopping: &Stopping, margin: Duration) {
    let mut stopping = stopping.clone();
    match stopping.wait_for(Option::is_some).await.map(|c| *c) {
        Ok(Some(at)) => tokio::time::sleep_until(at.checked_sub(margin).unwrap_or(at)).await,
        _ => std::future::pending().await,
    }
}

/// Awaits one try, `attempt`, until `deadline`.
///
/// Returns its value, or why it failed ([`Failed::Late`] when the deadline
/// came first).
async fn try_once<T>(
    deadline: Instant,
    attempt: impl Future<Output = serenity::Result<T>>,
) -> Result<T, Failed> {
    match tokio::time::timeout_at(deadline, attempt).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(Failed::Error(e)),
        Err(_) => Err(Failed::Late),
    }
}

/// Logs a failed delivery: a WARN line when the caller still delivers the
/// reply another way (its outcome is logged there) or when the reply was
/// only suggestions, nothing when the caller logs the loss
/// ([`Target::caller_logs_loss`]), else an ERROR line.
fn log_failure(target: Target, tries: u32, failure: &Failed) {
    if target.fallback == Fallback::Suggestions {
        delivery_line!(
            warn,
            target,
            tries,
            "could not deliver the autocomplete suggestions: {failure}. Only the suggestions were lost: the user can still type the option and submit the command"
        );
    } else if target.recovers(failure) {
        let next = match target.fallback {
            Fallback::AsIfTaken => "going on as if Discord took it",
            Fallback::Ask => "asking Discord whether it took it",
            _ => "delivering it another way",
        };
        delivery_line!(
            warn,
            target,
            tries,
            "could not deliver a reply, {next}: {failure}"
        );
    } else if !target.caller_logs_loss(failure) {
        delivery_line!(error, target, tries, "could not deliver a reply: {failure}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_classified() {
        let rows = [
            (500, 0, Fault::Retry),
            (502, 0, Fault::Retry),
            (503, -1, Fault::Retry),
            (429, -1, Fault::RateLimited),
            (429, 0, Fault::RateLimited),
            (400, 40060, Fault::Delivered),
            (403, 50013, Fault::MissingPermissions),
            (403, 50001, Fault::NoAccess),
            (403, 160002, Fault::CannotReply),
            (404, 10003, Fault::Final),
            (400, 50035, Fault::Final),
        ];
        for (status, code, want) in rows {
            assert_eq!(answered(status, code), want, "{status} / {code}");
        }
    }

    #[test]
    fn only_a_permission_refused_stays_final_after_a_try_without_an_answer() {
        // (status, Discord error code, final after a try Discord gave no
        // answer: Failed::after keeps it a Failed::Error)
        let rows = [
            (403, 50013, true),  // Missing Permissions: the earlier try was refused too
            (403, 50001, true),  // Missing Access
            (403, 160002, true), // a reply without Read Message History
            (500, 0, false),     // Discord's own 5xx says nothing of the earlier try
            (429, 0, false),
            (404, 10062, false), // unknown interaction: the earlier try may have landed in time
            (404, 10015, false),
            (400, 50035, false),
        ];
        for (status, code, want) in rows {
            assert_eq!(
                answered(status, code).refuses_every_try(),
                want,
                "{status} / {code}: Fault::refuses_every_try decides whether Failed::after keeps it final"
            );
        }
    }

    #[test]
    fn only_a_gateways_5xx_leaves_the_outcome_unknown() {
        // (status, from a gateway in front of Discord)
        let rows = [
            (500, false), // Discord's own: done with the request
            (501, false),
            (502, true),
            (503, true),
            (504, true),
            (520, true),
            (524, true),
            (429, false),
            (404, false),
            (400, false),
        ];
        for (status, want) in rows {
            assert_eq!(from_a_gateway(status), want, "{status}");
        }
    }

    #[test]
    fn a_failure_is_an_error_only_when_the_reply_is_lost() {
        let target = Target {
            what: "message",
            id: 1,
            guild: None,
            channel: 2,
            fallback: Fallback::None,
        };
        // (the caller's fallback, the failure, delivered another way)
        let rows = [
            (Fallback::None, "late", false),
            (Fallback::None, "refused", false),
            // Later: a try under way at the deadline is tried again, a
            // final refusal is not.
            (Fallback::Later, "late", true),
            (Fallback::Later, "refused", false),
            // Elsewhere: any failure but a missing permission.
            (Fallback::Elsewhere, "late", true),
            (Fallback::Elsewhere, "refused", true),
            // AsIfTaken: a try whose outcome is not known.
            (Fallback::AsIfTaken, "late", true),
            // Ask: the same; the caller then asks Discord.
            (Fallback::Ask, "late", true),
            // Cut off by the shutdown: nothing is left to try.
            (Fallback::Later, "cut off", false),
            (Fallback::Elsewhere, "cut off", false),
            (Fallback::AsIfTaken, "cut off", false),
            (Fallback::Ask, "cut off", false),
        ];
        for (fallback, kind, want) in rows {
            let failure = match kind {
                "late" => Failed::Late,
                "cut off" => Failed::CutOff,
                _ => Failed::Error(serenity::Error::Other("refused")),
            };
            assert_eq!(
                target.with_fallback(fallback).recovers(&failure),
                want,
                "{fallback:?} after {failure}"
            );
        }
    }

    #[test]
    fn an_interaction_try_is_awaited_past_discords_deadline() {
        let arrived = Instant::now();
        let d = Deadline::interaction(arrived);
        assert!(
            d.last_try - arrived < CALLBACK_DEADLINE,
            "tries start before Discord's deadline: {d:?}"
        );
        assert!(
            d.end - arrived > CALLBACK_DEADLINE,
            "a try under way is awaited until Discord can no longer take it: {d:?}"
        );
        let channel = Deadline::from(arrived + REPLY_WINDOW);
        assert_eq!(channel.last_try, channel.end, "a channel reply: one time");
    }
}
