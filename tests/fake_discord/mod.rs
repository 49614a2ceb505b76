//! A fake Discord on 127.0.0.1 for end-to-end tests: a REST API (reached
//! through serenity's HTTP proxy setting) and a gateway over plain ws://.
//! It drives the real serenity client, parses every payload it sends with
//! serenity's own model first (a malformed fixture fails the test), records
//! every request the bot makes and checks each against Discord's rules
//! (limits, allowed_mentions), as the real Discord would.
#![allow(dead_code)]

pub mod captured_log;
pub mod checks;
pub mod fixtures;
mod gateway;
pub mod requests;
mod rest;
pub mod setup;
pub mod tls;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use serenity::all::{Http, HttpBuilder};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use factdesk::config::Config;
use factdesk::discord::{run_client, Bot};
use factdesk::Engine;

/// The bot's token (well-formed, fake).
pub const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.fake-token-for-tests-only-0123456789";
pub const APP_ID: u64 = 111_000;
pub const BOT_ID: u64 = 111_001;
pub const GUILD_ID: u64 = 222_000;
pub const CHANNEL_ID: u64 = 333_000;
pub const USER_ID: u64 = 444_000;

/// How long any wait may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Without the `/api/v10` prefix: `/channels/1/messages`.
    pub path: String,
    pub body: Value,
    /// The status the fake answered with ([`DROPPED`]: none, it closed
    /// the connection).
    pub status: u16,
    /// When the request arrived (its body read).
    pub at: std::time::Instant,
}

/// The status recorded for a request whose connection the fake closed
/// without answering (nginx logs such a request as 444 No Response).
pub const DROPPED: u16 = 444;

/// A scripted answer to a request (see [`FakeDiscord::script`]).
#[derive(Debug, Clone)]
pub struct Canned {
    /// How long to wait before answering.
    pub hold: Duration,
    /// `None`: answer as Discord would, after the hold.
    pub status: Option<u16>,
    /// The answer's body: JSON, or a string sent as it is (an HTML page).
    pub body: Value,
    pub headers: Vec<(String, String)>,
    /// The request takes effect this long after it arrives (a message is
    /// created, an interaction answered), whatever the answer and however
    /// late it comes; `None`: as it is answered, if the answer is Discord's.
    pub lands: Option<Duration>,
    /// Close the connection after the hold instead of answering (once the
    /// request has landed, if it lands by then; one landing later lands
    /// after the close, as a request Discord was still processing): the
    /// client cannot tell whether Discord took it.
    pub drops: bool,
}

impl Canned {
    /// Answers as usual, after `hold`.
    pub fn after(hold: Duration) -> Canned {
        Canned {
            hold,
            status: None,
            body: Value::Null,
            headers: Vec::new(),
            lands: None,
            drops: false,
        }
    }

    /// No answer at all: the connection is closed after reading the
    /// request (a reset, a proxy restarting), and the request never takes
    /// effect. `Canned::dropped().after_creating()` is the other flavour:
    /// Discord took the request, and its answer was lost on the way back;
    /// `Canned::dropped().landing_after(delay)` a third: the connection
    /// failed while Discord was still processing the request, which takes
    /// effect `delay` later. Recorded with status [`DROPPED`].
    pub fn dropped() -> Canned {
        Canned {
            drops: true,
            ..Canned::after(Duration::ZERO)
        }
    }

    /// This answer, but the request takes effect as it arrives: Discord
    /// created the message, then answered late or with an error.
    pub fn after_creating(self) -> Canned {
        self.landing_after(Duration::ZERO)
    }

    /// This answer, but the request takes effect `delay` after it arrives
    /// (Discord processed it slowly), whenever it is answered.
    pub fn landing_after(self, delay: Duration) -> Canned {
        Canned {
            lands: Some(delay),
            ..self
        }
    }

    /// A 5xx (or any) error with Discord's error body.
    pub fn error(status: u16, code: u64, message: &str) -> Canned {
        Canned {
            hold: Duration::ZERO,
            status: Some(status),
            body: serde_json::json!({"message": message, "code": code}),
            headers: Vec::new(),
            lands: None,
            drops: false,
        }
    }

    /// A 429 asking to retry after `secs`, as Discord sends it (header and body).
    pub fn rate_limited(secs: f64) -> Canned {
        Canned {
            hold: Duration::ZERO,
            status: Some(429),
            body: serde_json::json!({"message": "You are being rate limited.", "retry_after": secs, "global": false}),
            headers: vec![
                ("retry-after".into(), format!("{secs}")),
                ("x-ratelimit-limit".into(), "5".into()),
                ("x-ratelimit-remaining".into(), "0".into()),
                ("x-ratelimit-reset-after".into(), format!("{secs}")),
                ("x-ratelimit-bucket".into(), "fake-bucket".into()),
                ("x-ratelimit-scope".into(), "user".into()),
            ],
            lands: None,
            drops: false,
        }
    }

    /// An error page `html` with `status`, as a proxy or CDN in front of
    /// Discord (Cloudflare) sends on a 5xx: not Discord's JSON error.
    pub fn page(status: u16, html: &str) -> Canned {
        Canned {
            body: Value::String(html.to_string()),
            ..Canned::error(status, 0, "")
        }
    }

    /// 403 Missing Permissions (50013).
    pub fn missing_permissions() -> Canned {
        Canned::error(403, 50013, "Missing Permissions")
    }
}

type Matcher = Arc<dyn Fn(&Request) -> bool + Send + Sync>;

/// Scripted answers for the requests `pred` matches, in turn; the last one
/// repeats forever if `repeat`.
struct Rule {
    pred: Matcher,
    canned: std::collections::VecDeque<Canned>,
    repeat: bool,
}

#[derive(Default)]
struct Log {
    requests: Vec<(Request, bool)>,
    /// Rule breaks and unexpected calls: the test fails on any.
    problems: Vec<String>,
    /// IDENTIFY payloads received.
    identify: Vec<Value>,
    /// RESUME payloads received.
    resumes: Vec<Value>,
    rules: Vec<Rule>,
    /// The messages created, in order, with the nonce each was created
    /// with if enforced, and when.
    created: Vec<Created>,
    /// The message each interaction token's response created (its
    /// original response), by token.
    originals: std::collections::HashMap<String, Value>,
    /// The interactions whose response created a message.
    answered: std::collections::HashSet<u64>,
    /// The tokens of the interactions whose response (a deferral
    /// included) Discord took: only those can be edited or followed up.
    taken: std::collections::HashSet<String>,
    /// The interactions whose response Discord took, by id: a second
    /// response is refused as already acknowledged.
    acknowledged: std::collections::HashSet<u64>,
    /// When each interaction was dispatched, by id: Discord takes its
    /// response until [`CALLBACK_DEADLINE`] after.
    dispatched: std::collections::HashMap<u64, std::time::Instant>,
    /// Ids of messages deleted (see [`FakeDiscord::delete`]).
    deleted: std::collections::HashSet<u64>,
    /// Dispatches the gateway sends right behind READY, in the same burst
    /// (see [`FakeDiscord::dispatch_with_ready`]).
    with_ready: Vec<Value>,
}

/// A message the fake created.
#[derive(Debug, Clone)]
pub struct Created {
    pub channel: u64,
    pub message: Value,
    /// The enforced nonce it was created with.
    nonce: Option<String>,
    at: std::time::Instant,
}

/// How long Discord remembers an enforced nonce ("the past few minutes").
pub const NONCE_WINDOW: Duration = Duration::from_secs(300);

/// How long after an interaction is created Discord takes its response.
pub const CALLBACK_DEADLINE: Duration = Duration::from_secs(3);

/// State shared by the fake's servers.
#[derive(Clone)]
pub(crate) struct Shared {
    log: Arc<Mutex<Log>>,
    ws_url: String,
    next_id: Arc<Mutex<u64>>,
    /// Close the gateway with this code after IDENTIFY instead of READY.
    pub(crate) refuse: Option<u16>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn record(&self, request: Request, problems: Vec<String>) {
        let mut log = self.lock();
        log.problems.extend(problems);
        log.requests.push((request, false));
    }

    pub(crate) fn problem(&self, p: String) {
        self.lock().problems.push(p);
    }

    /// Takes the dispatches to send right behind READY.
    pub(crate) fn take_with_ready(&self) -> Vec<Value> {
        std::mem::take(&mut self.lock().with_ready)
    }

    pub(crate) fn identified(&self, payload: Value) {
        self.lock().identify.push(payload);
    }

    pub(crate) fn resumed(&self, payload: Value) {
        self.lock().resumes.push(payload);
    }

    /// Returns the scripted answer to `r`, if a rule matches it.
    pub(crate) fn scripted(&self, r: &Request) -> Option<Canned> {
        let mut log = self.lock();
        let rule = log
            .rules
            .iter_mut()
            .find(|rule| !rule.canned.is_empty() && (rule.pred)(r))?;
        if rule.repeat && rule.canned.len() == 1 {
            return rule.canned.front().cloned();
        }
        rule.canned.pop_front()
    }

    /// Returns the message a request with `body` creates in `channel`,
    /// or, when `body` enforces a nonce already used within
    /// [`NONCE_WINDOW`], the message created with it then.
    pub(crate) fn create_message(&self, body: &Value, channel: u64) -> Value {
        let nonce = match (&body["nonce"], body["enforce_nonce"].as_bool()) {
            (Value::String(n), Some(true)) => Some(n.clone()),
            (Value::Number(n), Some(true)) => Some(n.to_string()),
            _ => None,
        };
        let now = std::time::Instant::now();
        if let Some(nonce) = &nonce {
            let log = self.lock();
            let earlier = log.created.iter().find(|c| {
                c.nonce.as_ref() == Some(nonce) && now.duration_since(c.at) < NONCE_WINDOW
            });
            if let Some(c) = earlier {
                return c.message.clone();
            }
        }
        let mut message = rest::message(self, body, channel);
        if !body["nonce"].is_null() {
            message["nonce"] = body["nonce"].clone();
        }
        self.lock().created.push(Created {
            channel,
            message: message.clone(),
            nonce,
            at: now,
        });
        message
    }

    /// Records the response `body` to interaction `id` with `token`: one
    /// that posts a message (type 4) creates its original response.
    ///
    /// Returns `false`, recording nothing, when it comes too late: more
    /// than [`CALLBACK_DEADLINE`] after the interaction was dispatched.
    pub(crate) fn responded(&self, id: &str, token: &str, body: &Value) -> bool {
        let id: u64 = id.parse().unwrap_or(0);
        let dispatched = self.lock().dispatched.get(&id).copied();
        if dispatched.is_some_and(|at| at.elapsed() > CALLBACK_DEADLINE) {
            return false;
        }
        let mut log = self.lock();
        log.taken.insert(token.to_string());
        log.acknowledged.insert(id);
        drop(log);
        if body["type"] != 4 {
            return true;
        }
        let mut original = rest::message(self, &body["data"], CHANNEL_ID);
        original["interaction_metadata"] = fixtures::asked_by(id, USER_ID);
        let mut log = self.lock();
        log.originals.insert(token.to_string(), original);
        log.answered.insert(id);
        true
    }

    /// Returns whether Discord took a response (a deferral included) to
    /// the interaction with `token`.
    pub(crate) fn taken(&self, token: &str) -> bool {
        self.lock().taken.contains(token)
    }

    /// Returns whether Discord took a response to interaction `id`.
    pub(crate) fn acknowledged(&self, id: &str) -> bool {
        let id: u64 = id.parse().unwrap_or(0);
        self.lock().acknowledged.contains(&id)
    }

    /// Returns the original response of the interaction with `token`, if
    /// one was created.
    pub(crate) fn original(&self, token: &str) -> Option<Value> {
        self.lock().originals.get(token).cloned()
    }

    /// Returns Discord's refusal of a message `body` replying to a deleted
    /// message without `fail_if_not_exists: false` (then Discord posts it
    /// without the reference); `None` otherwise.
    pub(crate) fn dangling_reference(&self, body: &Value) -> Option<Value> {
        let reference = &body["message_reference"];
        let id: u64 = reference["message_id"].as_str()?.parse().ok()?;
        let deleted = self.lock().deleted.contains(&id);
        (deleted && reference["fail_if_not_exists"] != false).then(|| {
            serde_json::json!({"code": 50035, "message": "Invalid Form Body", "errors": {"message_reference": {"_errors": [
                {"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "message": "Unknown message"}
            ]}}})
        })
    }

    /// Returns a fresh snowflake.
    pub(crate) fn id(&self) -> u64 {
        let mut n = self.next_id.lock().unwrap_or_else(|p| p.into_inner());
        *n += 1;
        *n
    }
}

/// A running fake Discord.
pub struct FakeDiscord {
    pub api_url: String,
    /// The CONNECT proxy in front of the fake's https://discord.com.
    pub https_proxy: String,
    shared: Shared,
    events: mpsc::UnboundedSender<Value>,
}

impl FakeDiscord {
    /// Starts the REST and gateway servers on loopback ports.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_refusing(None).await
    }

    /// Starts a fake whose gateway, if `close` is set, answers IDENTIFY by
    /// closing with that code (4004: bad token, 4014: disallowed intents).
    pub async fn start_refusing(close: Option<u16>) -> FakeDiscord {
        FakeDiscord::start_with(close, false).await
    }

    /// Starts a fake whose gateway cannot be reached (its URL names a
    /// closed port): serenity keeps failing to start a shard, as in a
    /// gateway outage.
    pub async fn start_unreachable() -> FakeDiscord {
        FakeDiscord::start_with(None, true).await
    }

    async fn start_with(close: Option<u16>, unreachable: bool) -> FakeDiscord {
        // reqwest honours HTTP(S)_PROXY; loopback must not go through one.
        std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
        std::env::set_var("no_proxy", "127.0.0.1,localhost");
        let api = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind REST port");
        let ws = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway port");
        let connect = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the CONNECT proxy port");
        let https_proxy = format!("http://{}", connect.local_addr().expect("proxy address"));
        let api_url = format!("http://{}", api.local_addr().expect("REST address"));
        let mut ws_url = format!("ws://{}", ws.local_addr().expect("gateway address"));
        if unreachable {
            let closed = TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind a port to close");
            ws_url = format!("ws://{}", closed.local_addr().expect("its address"));
        }
        let shared = Shared {
            log: Arc::default(),
            ws_url,
            next_id: Arc::new(Mutex::new(900_000_000)),
            refuse: close,
        };
        let (events, queue) = mpsc::unbounded_channel();
        tokio::spawn(rest::serve(api, shared.clone()));
        tokio::spawn(tls::serve(connect, shared.clone()));
        tokio::spawn(gateway::serve(ws, shared.clone(), queue));
        FakeDiscord {
            api_url,
            https_proxy,
            shared,
            events,
        }
    }

    /// Returns serenity's HTTP client pointed at the fake.
    pub fn http(&self) -> Http {
        HttpBuilder::new(TOKEN)
            .proxy(&self.api_url)
            .ratelimiter_disabled(true)
            .build()
    }

    /// Answers the next requests matching `pred` with `canned`, one each,
    /// in order; then as usual.
    pub fn script(
        &self,
        pred: impl Fn(&Request) -> bool + Send + Sync + 'static,
        canned: Vec<Canned>,
    ) {
        self.shared.lock().rules.push(Rule {
            pred: Arc::new(pred),
            canned: canned.into(),
            repeat: false,
        });
    }

    /// Answers every request matching `pred` with `canned`.
    pub fn always(&self, pred: impl Fn(&Request) -> bool + Send + Sync + 'static, canned: Canned) {
        self.shared.lock().rules.push(Rule {
            pred: Arc::new(pred),
            canned: vec![canned].into(),
            repeat: true,
        });
    }

    /// Deletes message `id`: a reply to it must not fail if it does not
    /// exist.
    pub fn delete(&self, id: u64) {
        self.shared.lock().deleted.insert(id);
    }

    /// Drops the gateway connection (a close frame with `code`, or just the
    /// TCP connection when `None`); the client should resume.
    pub fn drop_gateway(&self, code: Option<u16>) {
        let marker = serde_json::json!({"__drop": code});
        self.events.send(marker).expect("the gateway is running");
    }

    /// Returns the RESUME payloads received.
    pub fn resumes(&self) -> Vec<Value> {
        self.shared.lock().resumes.clone()
    }

    /// Returns serenity's HTTP client as `factdesk serve` makes it, with
    /// its ratelimiter on, reaching the fake's https://discord.com.
    pub fn http_ratelimited(&self) -> Http {
        let discord = factdesk::config::DiscordConfig {
            ca_file: tls::ca_file(),
            ..Default::default()
        };
        // As HTTPS_PROXY would set it for `serve`.
        let proxy = reqwest::Proxy::https(&self.https_proxy).expect("a proxy URL");
        let pem = std::fs::read(tls::ca_file()).expect("tls/ca.pem");
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .proxy(proxy)
            .add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("a PEM certificate"))
            .build()
            .expect("a reqwest client");
        let http = HttpBuilder::new(TOKEN).client(client).build();
        assert!(http.ratelimiter.is_some(), "the ratelimiter is on");
        let _ = factdesk::discord::http_client(TOKEN, &discord).expect("serve accepts the test CA");
        http
    }

    /// Sends a gateway dispatch `t` with data `d`, after checking serenity
    /// parses it as that event (not as an unknown one).
    pub fn dispatch(&self, t: &str, d: Value) {
        let payload = serde_json::json!({"op": 0, "t": t, "s": 0, "d": d});
        gateway::check_parses(&payload);
        if t == "INTERACTION_CREATE" {
            let id = d["id"].as_str().and_then(|id| id.parse().ok());
            let now = std::time::Instant::now();
            self.shared.lock().dispatched.extend(id.map(|id| (id, now)));
        }
        self.events.send(payload).expect("the gateway is running");
    }

    /// Has the gateway send dispatch `t` with data `d` right behind the next
    /// READY, before the client could have done anything about READY: a
    /// mention arriving the moment factdesk connects.
    pub fn dispatch_with_ready(&self, t: &str, d: Value) {
        let payload = serde_json::json!({"op": 0, "t": t, "s": 0, "d": d});
        gateway::check_parses(&payload);
        self.shared.lock().with_ready.push(payload);
    }

    /// Waits for the first request not yet taken that matches `pred`,
    /// takes it and returns it; fails the test after [`PATIENCE`].
    pub async fn request(&self, what: &str, pred: impl Fn(&Request) -> bool) -> Request {
        self.request_within(what, PATIENCE, pred).await
    }

    /// [`FakeDiscord::request`], waiting up to `patience`.
    pub async fn request_within(
        &self,
        what: &str,
        patience: Duration,
        pred: impl Fn(&Request) -> bool,
    ) -> Request {
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            {
                let mut log = self.shared.lock();
                if let Some((r, taken)) = log
                    .requests
                    .iter_mut()
                    .find(|(r, taken)| !*taken && pred(r))
                {
                    *taken = true;
                    return r.clone();
                }
            }
            if tokio::time::Instant::now() > deadline {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("no request for {what} within {patience:?}; requests seen: {seen:#?}");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Waits for the accepted interaction response (callback) of
    /// interaction `id`.
    pub async fn callback(&self, id: u64) -> Value {
        let prefix = format!("/interactions/{id}/");
        self.request(&format!("the response to interaction {id}"), |r| {
            r.method == "POST"
                && r.status < 300
                && r.path.starts_with(&prefix)
                && r.path.ends_with("/callback")
        })
        .await
        .body
    }

    /// Waits for a message the bot posts (and the fake accepts) in `channel`.
    pub async fn channel_message(&self, channel: u64) -> Value {
        self.channel_message_within(channel, PATIENCE).await
    }

    /// [`FakeDiscord::channel_message`], waiting up to `patience`.
    pub async fn channel_message_within(&self, channel: u64, patience: Duration) -> Value {
        let path = format!("/channels/{channel}/messages");
        self.request_within(&format!("a message in channel {channel}"), patience, |r| {
            r.method == "POST" && r.status < 300 && r.path == path
        })
        .await
        .body
    }

    /// Fails the test if a request matching `pred` arrives within `wait`.
    pub async fn assert_silent(&self, what: &str, wait: Duration, pred: impl Fn(&Request) -> bool) {
        tokio::time::sleep(wait).await;
        let log = self.shared.lock();
        let extra: Vec<String> = log
            .requests
            .iter()
            .filter(|(r, taken)| !*taken && pred(r))
            .map(|(r, _)| format!("{} {} {}", r.method, r.path, r.body))
            .collect();
        assert!(
            extra.is_empty(),
            "expected silence for {what}, got {extra:#?}"
        );
    }

    /// Returns the messages created in `channel` so far (a request that
    /// repeated an enforced nonce created none).
    pub fn created_in(&self, channel: u64) -> Vec<Value> {
        self.shared
            .lock()
            .created
            .iter()
            .filter(|c| c.channel == channel)
            .map(|c| c.message.clone())
            .collect()
    }

    /// Returns every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.shared
            .lock()
            .requests
            .iter()
            .map(|(r, _)| r.clone())
            .collect()
    }

    /// Waits for the first IDENTIFY and returns its payload.
    pub async fn wait_identify(&self) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(first) = self.identify().first() {
                return first.clone();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no IDENTIFY within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Returns the IDENTIFY payloads received.
    pub fn identify(&self) -> Vec<Value> {
        self.shared.lock().identify.clone()
    }

    /// Fails the test if any request broke a Discord rule, went to an
    /// unknown route, or if a message was sent without empty
    /// allowed_mentions, or if an interaction was answered twice: by its
    /// response and by a message in the channel (one whose nonce is the
    /// interaction's id).
    pub fn finish(&self) {
        let log = self.shared.lock();
        let twice: Vec<String> = log
            .created
            .iter()
            .filter(|c| {
                let id = c.nonce.as_deref().and_then(|n| n.parse().ok());
                id.is_some_and(|id: u64| log.answered.contains(&id))
            })
            .map(|c| format!("interaction {:?}: {}", c.nonce, c.message["content"]))
            .collect();
        assert!(
            log.problems.is_empty() && twice.is_empty(),
            "the fake Discord saw problems: {:#?}\nanswers given twice (the interaction's response and a channel message): {twice:#?}",
            log.problems
        );
    }
}

/// A fake Discord with a connected bot whose commands are registered.
pub struct Harness {
    pub fake: FakeDiscord,
    pub bot: Arc<Bot>,
    /// The body of the command registration request.
    pub registration: Request,
    next: Mutex<u64>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    client: Option<tokio::task::JoinHandle<Result<(), String>>>,
}

impl Harness {
    /// Starts a fake Discord and the real client serving `engine` with
    /// `config`, and waits until it is connected and has registered its
    /// commands.
    pub async fn start(config: Config, engine: Engine) -> Harness {
        let fake = FakeDiscord::start().await;
        let http = fake.http();
        Harness::start_on(fake, http, config, engine).await
    }

    /// Starts the real client on `fake` (which a test may have scripted)
    /// through `http`, as [`Harness::start`].
    pub async fn start_on(
        fake: FakeDiscord,
        http: Http,
        config: Config,
        engine: Engine,
    ) -> Harness {
        let accepted = |r: &Request| r.status < 300;
        Harness::start_until(fake, http, (config, engine), accepted).await
    }

    /// Starts the real client on `fake` through `http`, serving `engine`
    /// with `config`, as [`Harness::start_on`], but waits only for the
    /// first command registration request that `registered` matches (one
    /// the fake refused, say).
    pub async fn start_until(
        fake: FakeDiscord,
        http: Http,
        (config, engine): (Config, Engine),
        registered: impl Fn(&Request) -> bool,
    ) -> Harness {
        Harness::serve(fake, http, Bot::new(config, engine), registered).await
    }

    /// Starts a fake Discord and the real client serving `bot` (one a test
    /// has changed, e.g. with a slower loader), as [`Harness::start`].
    pub async fn start_bot(bot: Bot) -> Harness {
        let fake = FakeDiscord::start().await;
        let http = fake.http();
        Harness::serve(fake, http, bot, |r: &Request| r.status < 300).await
    }

    /// Starts the real client serving `bot` on `fake` through `http`, and
    /// waits for the first command registration request that `registered`
    /// matches.
    async fn serve(
        fake: FakeDiscord,
        http: Http,
        bot: Bot,
        registered: impl Fn(&Request) -> bool,
    ) -> Harness {
        let bot = Arc::new(bot);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let client = tokio::spawn(run_client(Arc::clone(&bot), http, shutdown));
        let registration = fake
            .request("command registration", |r| {
                r.method == "PUT" && r.path.ends_with("/commands") && registered(r)
            })
            .await;
        Harness {
            fake,
            bot,
            registration,
            next: Mutex::new(fixtures::snowflake(std::time::SystemTime::now())),
            stop: Some(stop),
            client: Some(client),
        }
    }

    /// Stops the client as SIGTERM would and waits for it to finish.
    ///
    /// Returns what the client returned.
    pub async fn shut_down(&mut self) -> Result<(), String> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let client = self.client.take().expect("the client runs");
        match tokio::time::timeout(PATIENCE * 4, client).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) => Err(format!("the client panicked: {e}")),
            Err(_) => Err("the client did not stop".into()),
        }
    }

    /// Returns a fresh interaction or message id: a snowflake of about
    /// now (the harness's start), as Discord's are.
    pub fn id(&self) -> u64 {
        let mut n = self.next.lock().unwrap_or_else(|p| p.into_inner());
        *n += 1;
        *n
    }

    /// Runs slash command `name` with string options `(name, value)` as
    /// user `user`, and returns its response.
    pub async fn command(&self, name: &str, options: &[(&str, &str)], user: u64) -> Value {
        let id = self.id();
        self.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, name, options, user),
        );
        self.fake.callback(id).await
    }

    /// Types `typed` in option `option` of command `name`; returns the choices.
    pub async fn autocomplete(
        &self,
        name: &str,
        option: &str,
        typed: &str,
    ) -> Vec<(String, String)> {
        let id = self.id();
        self.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::autocomplete(id, name, option, typed),
        );
        let response = self.fake.callback(id).await;
        assert_eq!(response["type"], 8, "an autocomplete result: {response}");
        response["data"]["choices"]
            .as_array()
            .expect("choices")
            .iter()
            .map(|c| {
                let s = |k: &str| c[k].as_str().expect("a string").to_string();
                (s("name"), s("value"))
            })
            .collect()
    }

    /// Presses button `custom_id` on a bot message; returns the response.
    pub async fn press(&self, custom_id: &str, user: u64) -> Value {
        let id = self.id();
        self.fake
            .dispatch("INTERACTION_CREATE", fixtures::button(id, custom_id, user));
        self.fake.callback(id).await
    }

    /// Returns the message the bot sent as `sent` (a message body, or an
    /// interaction response's `data`) in `channel`, with a fresh id, as
    /// Discord stores it.
    pub fn stored(&self, channel: u64, sent: &Value) -> Value {
        fixtures::sent_message(self.id() + 1_000_000, channel, sent)
    }

    /// Presses button `custom_id` on `on` (see [`Harness::stored`]) as
    /// user `user`; returns the response.
    pub async fn press_on(&self, custom_id: &str, user: u64, on: &Value) -> Value {
        let id = self.id();
        self.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::button_on(id, custom_id, user, on.clone()),
        );
        self.fake.callback(id).await
    }

    /// Posts a channel message as `author` with `content`.
    pub fn say(&self, message: Value) {
        self.fake.dispatch("MESSAGE_CREATE", message);
    }

    /// Asks "who is the ambassador" in `channel` by mention, as
    /// [`USER_ID`]; returns the message id.
    pub fn ask_in(&self, channel: u64) -> u64 {
        let id = self.id();
        self.say(fixtures::question(
            id,
            channel,
            USER_ID,
            &format!("<@{BOT_ID}> who is the ambassador"),
            true,
        ));
        id
    }

    /// Sends `update`, a message as edited (see [`fixtures::edited`]).
    pub fn edit(&self, update: Value) {
        self.fake.dispatch("MESSAGE_UPDATE", update);
    }
}
