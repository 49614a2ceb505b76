//! The Discord adapter (`factdesk serve`): turns slash commands, buttons
//! and channel messages into engine calls, and replies into Discord
//! messages. It holds no matching logic of its own.
//!
//! [`serve`] reads the token, sets up logging, signals and the client;
//! [`run_client`] is the client itself, shared with the tests, which point
//! it at a fake Discord on 127.0.0.1.

pub mod access;
pub mod answered;
pub mod autocomplete;
pub mod backoff;
pub mod bot;
pub mod busy;
pub mod commands;
pub mod components;
pub mod cooldown;
pub mod delivery;
pub mod detour;
pub mod edits;
pub mod embeds;
pub mod feedback;
pub mod inflight;
pub mod limits;
pub mod markdown;
pub mod messages;
pub mod plain;
pub mod post;
pub mod ratelimit;
pub mod redelivery;
pub mod registration;
pub mod reload;
pub mod waiting;
pub mod withheld;

use std::future::Future;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ClientBuilder, GatewayIntents, Http, HttpBuilder};
use serenity::gateway::GatewayError;
use serenity::http::HttpError;

use tracing::{info, warn};

pub use bot::{Bot, Handler};

use crate::config::{Config, DiscordConfig};

/// The environment variable holding the bot token (never a file).
pub const TOKEN_VAR: &str = "DISCORD_TOKEN";

/// Runs the bot until SIGINT or SIGTERM; SIGHUP reloads the data.
///
/// Returns a one-line error saying what to set or fix: a missing or
/// malformed token, data with problems, or a connection Discord refused.
pub fn serve(config: Config) -> Result<(), String> {
    let token = check_token(std::env::var(TOKEN_VAR).ok().as_deref())?;
    init_tracing(&config.log_level);
    let bot = Arc::new(Bot::load(config)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let http = http_client(&token, &bot.config().discord)?;
    run_to_the_end(runtime, async move {
        reload_on_hangup(Arc::clone(&bot))?;
        run_client(bot, http, shutdown_signal()).await
    })?;
    info!("stopped");
    Ok(())
}

/// How long the runtime's end waits for what is left on its blocking pool
/// once serving has ended (and the drain has waited its drain_secs): an
/// unanswered-log write on a stalled disk or share, a DNS lookup during
/// an outage. Dropping the runtime would wait for them without limit.
pub const RUNTIME_GRACE: Duration = Duration::from_secs(1);

/// Runs `serving` on `runtime` until it completes, then shuts the runtime
/// down, waiting at most [`RUNTIME_GRACE`] for its blocking pool; what is
/// still running there is abandoned (the process is about to end).
///
/// Returns what `serving` returned.
pub fn run_to_the_end<T>(runtime: tokio::runtime::Runtime, serving: impl Future<Output = T>) -> T {
    let result = runtime.block_on(serving);
    runtime.shutdown_timeout(RUNTIME_GRACE);
    result
}

/// Returns the token if it has the shape of a Discord bot token; else an
/// error saying what to set (never echoing the value).
pub fn check_token(value: Option<&str>) -> Result<String, String> {
    let token = value.map(str::trim).unwrap_or_default();
    if token.is_empty() {
        return Err(format!(
            "{TOKEN_VAR} is not set: set it to your bot's token from the Discord developer portal \
             (Applications > your app > Bot > Reset Token), e.g. `{TOKEN_VAR}=... factdesk serve`"
        ));
    }
    serenity::utils::token::validate(token).map_err(|_| {
        format!(
            "{TOKEN_VAR} does not look like a Discord bot token (three parts separated by dots): \
             copy it again from the Bot page of the Discord developer portal"
        )
    })?;
    Ok(token.to_string())
}

/// Returns serenity's HTTP client for the `[discord]` settings: through
/// `proxy`, which then does the rate limiting (so serenity's own
/// ratelimiter is off), or straight to Discord with serenity's
/// ratelimiter; trusting `ca_file` too when it is set.
///
/// Returns an error naming the setting to fix if `ca_file` is unusable.
pub fn http_client(token: &str, discord: &DiscordConfig) -> Result<Http, String> {
    let mut builder = HttpBuilder::new(token).default_allowed_mentions(post::no_pings());
    if !discord.ca_file.as_os_str().is_empty() {
        let path = discord.ca_file.display();
        let pem = std::fs::read(&discord.ca_file)
            .map_err(|e| format!("[discord] ca_file {path}: cannot read it: {e}"))?;
        let ca = reqwest::Certificate::from_pem(&pem).map_err(|e| {
            format!("[discord] ca_file {path}: not a PEM certificate ({e}); give a CA certificate in PEM form or set ca_file = \"\"")
        })?;
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .add_root_certificate(ca)
            .build()
            .map_err(|e| format!("[discord] ca_file {path}: unusable: {e}"))?;
        builder = builder.client(client);
    }
    if !discord.proxy.is_empty() {
        builder = builder
            .proxy(discord.proxy.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    Ok(builder.build())
}

/// Returns the gateway intents: guild and direct messages (a guild
/// message's content arrives only when it mentions factdesk, as a reply
/// with the ping on does; see [`withheld`]), plus the privileged
/// MESSAGE_CONTENT only when watch_channels is set.
pub fn intents(config: &DiscordConfig) -> GatewayIntents {
    let base = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if config.watch_channels.is_empty() {
        base
    } else {
        base | GatewayIntents::MESSAGE_CONTENT
    }
}

/// Connects `bot` to Discord through `http` and serves until `shutdown`
/// completes, running the shards of the `[discord.shards]` settings.
///
/// Returns an error naming the setting to fix if Discord refuses the
/// connection.
pub async fn run_client(
    bot: Arc<Bot>,
    http: Http,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let discord = bot.config().discord.clone();
    let mut client = ClientBuilder::new_with_http(http, intents(&discord))
        .event_handler(Handler(Arc::clone(&bot)))
        .await
        .map_err(|e| format!("cannot set up the Discord client: {e}"))?;
    let pruning = tokio::spawn(ratelimit::keep_pruned(Arc::clone(&client.http)));
    let shards = Arc::clone(&client.shard_manager);
    let (signal, signalled) = tokio::sync::watch::channel(None);
    tokio::spawn(async move {
        shutdown.await;
        signal.send_replace(Some(tokio::time::Instant::now()));
        info!("shutting down: no new events; finishing what is in flight");
        shards.shutdown_all().await;
    });
    let s = discord.shards;
    let start = async {
        if s.total == 0 {
            client.start_autosharded().await
        } else {
            // serenity's range end is inclusive: this runs shards first..=last.
            client.start_shard_range(s.first..s.last, s.total).await
        }
    };
    // serenity's shutdown_all does nothing while no shard runs (start-up,
    // a shard re-identifying after an outage), and start never returns
    // then: the signal plus a grace for the shards to stop ends it too.
    let started = tokio::select! {
        started = start => Some(started),
        () = after_signal(signalled.clone(), SHARDS_GRACE) => {
            warn!(
                grace_ms = SHARDS_GRACE.as_millis() as u64,
                "the shards did not stop within the grace after the signal (none was connected, or one was reconnecting): stopping without them"
            );
            None
        }
    };
    // Stopped by a signal, or by a connection failure (then the drain
    // counts from now).
    let stopped = signalled.borrow().unwrap_or_else(tokio::time::Instant::now);
    drain(&bot, stopped + Duration::from_secs(discord.drain_secs)).await;
    pruning.abort();
    started.unwrap_or(Ok(())).map_err(|e| explain(&e, &discord))
}

/// How long after a shutdown signal the shards may take to stop before
/// serving ends without waiting for them.
pub const SHARDS_GRACE: Duration = Duration::from_secs(2);

/// Completes `grace` after `signalled` holds the time of a shutdown
/// signal; never if no signal comes.
async fn after_signal(
    mut signalled: tokio::sync::watch::Receiver<Option<tokio::time::Instant>>,
    grace: Duration,
) {
    let at = signalled.wait_for(Option::is_some).await.map(|at| *at);
    match at {
        Ok(Some(at)) => tokio::time::sleep_until(at + grace).await,
        _ => std::future::pending().await,
    }
}

/// Waits (until `deadline`) for the answers in flight and the unanswered
/// log's writes, and logs how it went, and a reload given up.
async fn drain(bot: &Bot, deadline: tokio::time::Instant) {
    let running = bot.work().running();
    let left = bot.drain(deadline).await;
    if bot.reloading() {
        // A SIGHUP's: a /reload gives its own up in time to say so.
        warn!("shutting down before the reload of the data finished: given up, none of the new data was put in service; factdesk reads the data folder again when it next starts");
    }
    if left == 0 {
        info!(
            in_flight_at_stop = running,
            "drained: everything in flight was finished"
        );
    } else {
        warn!(
            unfinished = left,
            "drain_secs ran out with work still in flight; raise [discord] drain_secs to wait longer"
        );
    }
}

/// Returns a one-line explanation of a connection failure.
fn explain(e: &serenity::Error, discord: &DiscordConfig) -> String {
    match e {
        serenity::Error::Gateway(GatewayError::InvalidAuthentication) => {
            format!("Discord rejected the token in {TOKEN_VAR}: reset it on the Bot page of the developer portal and set {TOKEN_VAR} again")
        }
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 401 => {
            format!("Discord rejected the token in {TOKEN_VAR}: reset it on the Bot page of the developer portal and set {TOKEN_VAR} again")
        }
        serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents) if !discord.watch_channels.is_empty() => {
            "Discord refused the MESSAGE CONTENT intent, which [discord] watch_channels needs: enable \
             \"Message Content Intent\" on the Bot page of the developer portal, or set watch_channels = []"
                .to_string()
        }
        serenity::Error::Gateway(GatewayError::InvalidShardData | GatewayError::OverloadedShard) => format!(
            "Discord refused the shard settings ({e}): check [discord.shards] total/first/last in the config"
        ),
        serenity::Error::Http(HttpError::Request(_)) => {
            format!("cannot reach Discord ({e}): check the network connection and try again")
        }
        other => format!("the Discord connection failed: {other}"),
    }
}

/// Logs at the configured level (RUST_LOG wins), keeping the libraries
/// underneath quiet, to stderr.
fn init_tracing(level: &str) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!(
            "{level},serenity=warn,tungstenite=warn,tokio_tungstenite=warn,reqwest=warn,hyper=warn,rustls=warn"
        ))
    });
    let output = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_filter(tracing_subscriber::filter::filter_fn(loggable));
    // Already set (e.g. by an embedding program): keep that one.
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(output)
        .try_init();
}

/// Returns whether a log event may be written at all, whatever RUST_LOG
/// says: never the websocket library's trace-level frame dumps, since the
/// IDENTIFY frame holds the token.
pub fn loggable(meta: &tracing::Metadata<'_>) -> bool {
    !(meta.target().contains("tungstenite") && *meta.level() == tracing::Level::TRACE)
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// Reloads the data on every SIGHUP (Unix only).
fn reload_on_hangup(bot: Arc<Bot>) -> Result<(), String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut hangups =
            signal(SignalKind::hangup()).map_err(|e| format!("cannot listen for SIGHUP: {e}"))?;
        tokio::spawn(async move {
            while hangups.recv().await.is_some() {
                info!("SIGHUP: reloading the data");
                if bot.reload().await == reload::Outcome::GivenUp {
                    warn!("SIGHUP: shutting down, so the reload was given up: none of the new data was put in service; factdesk reads the data folder again when it next starts");
                }
            }
        });
    }
    #[cfg(not(unix))]
    drop(bot);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shape_is_checked_without_echoing_it() {
        let good = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
        assert_eq!(
            check_token(Some(&format!(" {good}\n"))).as_deref(),
            Ok(good)
        );
        let rows = [
            (None, "DISCORD_TOKEN is not set"),
            (Some(""), "DISCORD_TOKEN is not set"),
            (Some("   "), "DISCORD_TOKEN is not set"),
            (
                Some("secret-without-dots"),
                "does not look like a Discord bot token",
            ),
            (Some("a.b"), "does not look like a Discord bot token"),
        ];
        for (value, want) in rows {
            let err = check_token(value).expect_err("a bad token is refused");
            assert!(err.contains(want), "{value:?}: {err}");
            assert!(!err.contains('\n'), "one line: {err}");
            assert!(
                !value.is_some_and(|v| !v.trim().is_empty() && err.contains(v)),
                "never echo the token: {err}"
            );
        }
    }

    #[test]
    fn message_content_intent_only_for_watched_channels() {
        let mut c = DiscordConfig::default();
        assert!(!intents(&c).contains(GatewayIntents::MESSAGE_CONTENT));
        assert!(
            intents(&c).contains(GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES)
        );
        c.watch_channels = vec![1];
        assert!(intents(&c).contains(GatewayIntents::MESSAGE_CONTENT));
    }
}
