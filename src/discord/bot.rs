//! The bot's shared state (engine, settings, cooldowns, the unanswered
//! log, its own user id)
//! and the serenity event handler, which only hands each event to the
//! module that deals with it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serenity::all::{
    ChannelId, Context, EventHandler, Interaction, InteractionId, Message, MessageId,
    MessageUpdateEvent, Ready, User, UserId,
};
use serenity::async_trait;
use serenity::http::RatelimitInfo;
use tracing::{debug, error, info, warn};

use super::access::{is_thread, Access};
use super::answered::Answered;
use super::busy::Notices;
use super::components::Origin;
use super::cooldown::{Cooldowns, Spent, Turn};
use super::delivery::{Deadline, Fault, Stopping};
use super::feedback::{why_text, Feedback};
use super::inflight::Inflight;
use super::post::Post;
use super::ratelimit::Waits;
use super::reload::{self, EngineHandle, Loader, Outcome};
use super::waiting::Waiting;
use super::{autocomplete, commands, components, edits, messages, registration};
use crate::answer::Reply;
use crate::config::Config;
use crate::dataset::{Dataset, LoadError, Reference};
use crate::engine::Engine;

/// How long before the drain's deadline deliveries are cut off, so that
/// each one cut off is logged before the process ends.
pub const LAST_WORDS: Duration = Duration::from_millis(250);

/// Everything the handlers share.
pub struct Bot {
    engine: Arc<EngineHandle>,
    config: Config,
    cooldowns: Mutex<Cooldowns>,
    /// The busy notices due, with the askers each is for.
    notices: Mutex<Notices>,
    /// The channel messages answered, so that an edit is not answered again.
    answered: Mutex<Answered>,
    /// The channel messages claimed whose answer is not composed yet, with
    /// their latest edit. When both are locked, `answered` is locked first.
    waiting: Mutex<Waiting<Message>>,
    /// The interactions handled, so that one delivered again (a gateway
    /// resume's replay) is not handled twice.
    interactions: Mutex<Answered>,
    feedback: Feedback,
    registered: AtomicBool,
    reloading: tokio::sync::Mutex<()>,
    /// How a reload reads the data folder.
    loader: Loader,
    /// Event handlers running now, which shutdown waits for.
    work: Arc<Inflight>,
    /// What each channel lets factdesk post.
    access: Mutex<Access>,
    /// The rate limits serenity's ratelimiter is waiting out.
    waits: Arc<Waits>,
    /// Set when shutdown starts, to the time every delivery must end by:
    /// late deliveries make their last try, and no try outlives it.
    stopping: tokio::sync::watch::Sender<Option<tokio::time::Instant>>,
}

impl Bot {
    /// Returns a bot serving `engine` with the settings of `config`.
    pub fn new(config: Config, engine: Engine) -> Bot {
        let d = &config.discord;
        let cooldowns = Cooldowns::new(
            Duration::from_secs(d.user_cooldown_secs),
            Duration::from_secs(d.channel_cooldown_secs),
        );
        let feedback = Feedback::new(&config.unanswered);
        Bot {
            engine: Arc::new(EngineHandle::new(engine)),
            config,
            cooldowns: Mutex::new(cooldowns),
            notices: Mutex::default(),
            answered: Mutex::default(),
            waiting: Mutex::default(),
            interactions: Mutex::default(),
            feedback,
            registered: AtomicBool::new(false),
            reloading: tokio::sync::Mutex::new(()),
            loader: Dataset::load,
            work: Arc::default(),
            access: Mutex::default(),
            waits: Arc::default(),
            stopping: tokio::sync::watch::Sender::new(None),
        }
    }

    /// Loads `config.data_dir` and returns a bot serving it.
    ///
    /// Returns a one-line error (problems are logged) if the data has problems.
    pub fn load(config: Config) -> Result<Bot, String> {
        let dir = &config.data_dir;
        let dataset = Dataset::load(dir).map_err(|e| {
            for p in e.problems() {
                error!("{p}");
            }
            match &e {
                LoadError::Unreadable(p) => format!(
                    "cannot read the data: {}",
                    p.first().map_or_else(|| dir.display().to_string(), ToString::to_string)
                ),
                LoadError::Invalid(p) => format!(
                    "{}: {} problem(s) in the data; run `factdesk check --data {}` to see them, fix them and start again",
                    dir.display(),
                    p.len(),
                    dir.display()
                ),
            }
        })?;
        info!("loaded {}", reload::summary(&dataset));
        let (engine, notice) = crate::setup::engine(dataset, &config)?;
        info!("{notice}");
        Ok(Bot::new(config, engine))
    }

    /// Returns the bot with `loader` reading the data folder on a reload
    /// instead of [`Dataset::load`] (a test's slower one).
    pub fn with_loader(self, loader: Loader) -> Bot {
        Bot { loader, ..self }
    }

    /// Returns the engine in service.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine.current()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Returns the event handlers running now.
    pub fn work(&self) -> &Inflight {
        &self.work
    }

    /// Tells late deliveries to make their last try and every delivery to
    /// end [`LAST_WORDS`] before `deadline`, then waits (until `deadline`)
    /// for the running handlers and then for the pending writes of the
    /// unanswered log.
    ///
    /// Returns how many of either were still unfinished at the deadline.
    pub async fn drain(&self, deadline: tokio::time::Instant) -> usize {
        let cut_off = deadline.checked_sub(LAST_WORDS).unwrap_or(deadline);
        self.stopping
            .send_replace(Some(cut_off.max(tokio::time::Instant::now())));
        let handlers = self.work.drained(deadline).await;
        handlers + self.feedback.writes().drained(deadline).await
    }

    /// Returns shutdown's cut-off for deliveries (`None` until it starts).
    pub fn stopping(&self) -> Stopping {
        self.stopping.subscribe()
    }

    /// Returns the reply to a question `asker` asked via `origin`, logs one
    /// line about it and, if unanswered, queues it for the unanswered log.
    pub fn ask(&self, origin: Origin, text: &str, asker: &User) -> Reply {
        let started = Instant::now();
        let engine = self.engine();
        let reply = engine.reply(origin.scope(), text);
        log_question(origin.as_str(), &reply, started);
        self.feedback.unanswered(engine, origin, &reply, asker);
        reply
    }

    /// Returns the answer of the entry `reference` points at (a pressed
    /// choice) to `question`, logged, or `None` if the data no longer has it.
    pub fn pick(&self, reference: &Reference, question: &str) -> Option<Reply> {
        let started = Instant::now();
        let reply = self.engine().reply_for(reference, question)?;
        log_question("pick", &reply, started);
        Some(reply)
    }

    /// Returns the post of `reply` to a question from `origin` (`None`: not
    /// known), with "Not helpful" when there is a log to write to.
    pub fn post(&self, reply: &Reply, origin: Option<Origin>) -> Post {
        Post::reply(reply, origin, self.feedback.enabled())
    }

    /// Returns the post of `reply` as [`Bot::post`], in plain text unless
    /// `embeds` (the channel refuses them).
    pub fn post_in(&self, reply: &Reply, origin: Option<Origin>, embeds: bool) -> Post {
        if embeds {
            self.post(reply, origin)
        } else {
            Post::reply_plain(reply, origin, self.feedback.enabled())
        }
    }

    /// Returns what `f` returns on the channels' permission state.
    pub fn access<T>(&self, f: impl FnOnce(&mut Access) -> T) -> T {
        let mut access = self.access.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut access)
    }

    /// Returns what `f` returns on the busy notices due (see
    /// [`super::busy`]).
    pub fn notices<T>(&self, f: impl FnOnce(&mut Notices) -> T) -> T {
        let mut notices = self.notices.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut notices)
    }

    /// Records a "Not helpful" press by `asker` on `message`, the answer
    /// `given` (`kind:id`) to `question` (`None`: not known) from `origin`.
    ///
    /// Returns what to tell the presser.
    pub fn not_helpful(
        &self,
        origin: Origin,
        question: Option<&str>,
        given: &Reference,
        asker: &User,
        message: MessageId,
    ) -> &'static str {
        self.feedback
            .not_helpful(self.engine(), origin, question, given, asker, message)
            .text()
    }

    /// Returns the "Why?" text for the answer `given` to `question`.
    pub fn why(&self, origin: Origin, question: &str, given: &Reference) -> String {
        why_text(&self.engine(), origin, question, given)
    }

    /// Records a question typed by `user` in `channel` unless the user is
    /// cooling down; a channel cooling down gives it a later turn.
    ///
    /// Returns its turn (see [`Cooldowns::take`]; what it spent, see
    /// [`Bot::give_back`]), or `Err(wait)` with the user's time left.
    pub fn cooldown(&self, user: UserId, channel: ChannelId) -> Result<Turn, Duration> {
        self.cooldowns()
            .take(user.get(), channel.get(), Instant::now())
    }

    /// Records a slash command from `user` unless the user is cooling
    /// down: a channel's cooldown does not hold it up (Discord waits only
    /// 3 s for its answer).
    ///
    /// Returns what it spent, or `Err(wait)` with the time left.
    pub fn cooldown_of_user(&self, user: UserId) -> Result<Spent, Duration> {
        self.cooldowns().take_user(user.get(), Instant::now())
    }

    /// Records that the question that `spent` gets a public answer in
    /// `channel` now, which the channel's next questions wait after.
    pub fn posted(&self, spent: &mut Spent, channel: ChannelId) {
        self.cooldowns()
            .posted(spent, channel.get(), Instant::now());
    }

    /// Gives back the cooldown a question `spent` whose answer was lost,
    /// so that asking again is answered.
    pub fn give_back(&self, spent: Spent) {
        self.cooldowns().give_back(spent);
    }

    /// Marks channel message `id` as being answered, its answer not
    /// composed yet: an edit of it until [`Bot::turn_came`] replaces the
    /// text answered ([`Bot::edit`]).
    ///
    /// Returns `false` if it already is: it must not be answered again.
    pub fn claim(&self, id: MessageId) -> bool {
        let mut answered = self.answered_ids();
        let first = answered.claim(id.get());
        if first {
            // Under the claim's lock, so that an edit sees both or neither.
            self.waiting().start(id.get());
        }
        first
    }

    /// Records that the answer to claimed message `id` is composed now:
    /// its later edits are not answered.
    ///
    /// Returns the message as last edited since its claim, if it was.
    pub fn turn_came(&self, id: MessageId) -> Option<Message> {
        self.waiting().end(id.get())
    }

    /// Records `edited`, a channel message as edited, as the text to
    /// answer if its answer is not composed yet.
    ///
    /// Returns what the edit is to: see [`Claim`].
    pub fn edit(&self, edited: &Message) -> Claim {
        let answered = self.answered_ids();
        if !answered.contains(edited.id.get()) {
            Claim::Free
        } else if self.waiting().edit(edited.id.get(), edited.clone()) {
            Claim::Waiting
        } else {
            Claim::Answered
        }
    }

    /// Forgets that channel message `id` was being answered: nothing
    /// answered it (a notice, or its answer was lost), so an edit of it is
    /// answered.
    pub fn release(&self, id: MessageId) {
        let mut answered = self.answered_ids();
        answered.release(id.get());
        self.waiting().end(id.get());
    }

    /// Marks interaction `id` as handled.
    ///
    /// Returns `false` if it already was: Discord delivered it again (a
    /// gateway resume's replay), and it must not be answered again.
    pub fn first_delivery(&self, id: InteractionId) -> bool {
        let mut seen = self.interactions.lock().unwrap_or_else(|p| p.into_inner());
        seen.claim(id.get())
    }

    fn answered_ids(&self) -> std::sync::MutexGuard<'_, Answered> {
        self.answered.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, Waiting<Message>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cooldowns(&self) -> std::sync::MutexGuard<'_, Cooldowns> {
        self.cooldowns
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reloads the data folder; keeps the data in service if the new data
    /// has problems, which are logged. The data is read on a thread of
    /// its own, which neither shutdown nor the runtime's end waits for; a
    /// reload given up (this future dropped before it ends, as shutdown
    /// does) puts nothing in service and logs nothing. Once shutdown has
    /// begun, no load starts: a reload asked then, or still waiting for
    /// the one under way, ends at once, and one loading then puts nothing
    /// in service ([`reload::put_in_service`]); either is
    /// [`Outcome::GivenUp`], which the caller reports.
    ///
    /// Returns what happened.
    pub async fn reload(&self) -> Outcome {
        let mut stopping = self.stopping();
        let _one_at_a_time = tokio::select! {
            biased;
            Ok(_) = stopping.wait_for(Option::is_some) => return Outcome::GivenUp,
            one = self.reloading.lock() => one,
        };
        let current = self.engine();
        let dir = self.config.data_dir.clone();
        let thresholds = self.config.matching.clone();
        let loader = self.loader;
        let (done, read) = tokio::sync::oneshot::channel();
        let reading = std::thread::Builder::new()
            .name("factdesk-reload".to_string())
            .spawn(move || {
                // Given up meanwhile: nobody takes it, nothing is swapped.
                let _ = done.send(reload::prepare(&current, &dir, thresholds, loader));
            });
        let prepared = match reading {
            Ok(_) => read.await.unwrap_or_else(|_| {
                Err(vec![
                    "the reload stopped unexpectedly (see the log above)".to_string()
                ])
            }),
            Err(e) => Err(vec![format!("could not start the reload: {e}")]),
        };
        let shutting_down = self.stopping.borrow().is_some();
        let outcome = reload::put_in_service(&self.engine, prepared, shutting_down);
        match &outcome {
            Outcome::Loaded(summary) => info!("reloaded the data: {summary}"),
            Outcome::Kept(problems) => {
                for p in problems {
                    warn!("reload: {p}");
                }
                warn!(
                    "reload: {} problem(s); still serving the previous data",
                    problems.len()
                );
            }
            Outcome::GivenUp => {}
        }
        outcome
    }

    /// Returns whether a reload of the data is under way.
    pub fn reloading(&self) -> bool {
        self.reloading.try_lock().is_err()
    }
}

/// What an edit of a channel message is to ([`Bot::edit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// A message not being answered: answer the edit as a new message.
    Free,
    /// A message whose answer is not composed yet: it will answer the edit.
    Waiting,
    /// A message answered (or its answer under way): ignore the edit.
    Answered,
}

/// One log line per question: what asked, how it went, how sure, how fast.
fn log_question(kind: &'static str, reply: &Reply, started: Instant) {
    let entry = match reply.answered() {
        Some(a) => a.entry.to_string(),
        None => "-".to_string(),
    };
    info!(
        kind,
        status = reply.status().as_str(),
        confidence = (f64::from(reply.confidence()) * 1000.0).round() / 1000.0,
        entry = %entry,
        latency_us = started.elapsed().as_micros() as u64,
        "question"
    );
}

/// The serenity event handler: hands each event to its module.
pub struct Handler(pub Arc<Bot>);

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ready.shard.map_or(0, |s| s.id.0);
        info!(
            shard,
            guilds = ready.guilds.len(),
            "connected as {}",
            ready.user.name
        );
        // Shard 0 registers the commands, once per process, trying again
        // until Discord takes them (a resume brings no new READY).
        if shard != 0 || self.0.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        let discord = self.0.config.discord.clone();
        let waits = Arc::clone(&self.0.waits);
        tokio::spawn(async move {
            let window = registration::REGISTER_WINDOW;
            registration::register_until_done(&ctx.http, &discord, window, &waits).await;
        });
    }

    async fn ratelimit(&self, data: RatelimitInfo) {
        self.0.waits.record(&data.path, data.timeout);
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _running = self.0.work.enter();
        let deadline = Deadline::interaction(tokio::time::Instant::now());
        let bot = &self.0;
        if !bot.first_delivery(interaction.id()) {
            // Discord takes one response per interaction: a second handling
            // could only send a wrong one (a cooldown notice) ahead of it.
            debug!(
                id = interaction.id().get(),
                "delivered again: interaction ignored"
            );
            return;
        }
        let (guild, channel, permissions, thread) = match &interaction {
            Interaction::Command(c) | Interaction::Autocomplete(c) => (
                c.guild_id,
                c.channel_id,
                c.app_permissions,
                is_thread(c.channel.as_ref()),
            ),
            Interaction::Component(c) => (
                c.guild_id,
                c.channel_id,
                c.app_permissions,
                is_thread(c.channel.as_ref()),
            ),
            _ => return,
        };
        if let Some(p) = permissions {
            bot.access(|a| a.granted(channel.get(), p, thread));
        }
        let result = match &interaction {
            Interaction::Command(c) => commands::run(&ctx.http, bot, c, deadline).await,
            Interaction::Autocomplete(c) => {
                // Only suggestions: a failure is a WARN line, logged there.
                autocomplete::respond(&ctx.http, bot, c, deadline).await;
                Ok(())
            }
            Interaction::Component(c) => components::press(&ctx.http, bot, c, deadline).await,
            _ => Ok(()),
        };
        if let Err(fault) = result.map_err(|f| f.fault()) {
            if fault == Fault::MissingPermissions {
                // The asker gets nothing: the one line that says so.
                error!(
                    target_kind = "interaction",
                    id = interaction.id().get(),
                    guild = guild.map_or(0, |g| g.get()),
                    channel = channel.get(),
                    "could not deliver a reply: Discord refused the interaction response (50013 Missing Permissions); check factdesk's permissions in this channel (Use Application Commands, Send Messages, Embed Links)"
                );
            }
        }
    }

    async fn message(&self, ctx: Context, message: Message) {
        let _running = self.0.work.enter();
        // Who factdesk is, from the cache: serenity fills it from READY
        // before it hands out any later event, whereas this handler's own
        // `ready` may still be running when the first mention arrives.
        let me = ctx.cache.current_user().id;
        messages::handle(&ctx.http, &self.0, me, &message).await;
    }

    async fn message_update(
        &self,
        ctx: Context,
        _old_if_available: Option<Message>,
        new: Option<Message>,
        event: MessageUpdateEvent,
    ) {
        let _running = self.0.work.enter();
        let me = ctx.cache.current_user().id;
        edits::handle(&ctx.http, &self.0, me, &event, new).await;
    }
}
