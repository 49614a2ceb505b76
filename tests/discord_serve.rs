//! `factdesk serve` refuses to start, with one line saying what to set and
//! exit code 2, when the token, the settings or the data are not usable;
//! it never echoes the token; a connection Discord refuses ends the client
//! with a line saying what to fix; the shard settings pick the shards;
//! SIGTERM stops it even while no shard is connected.
#![cfg(feature = "discord")]

mod fake_discord;

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use factdesk::discord::{run_client, Bot};
use fake_discord::requests::callbacks_of;
use fake_discord::setup::{append, config, copy_of_data, data_dir, engine};
use fake_discord::FakeDiscord;

const GOOD_SHAPE: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.never-shown-0123456789abcdefghijklmnop";

#[test]
fn serve_refuses_to_start_without_what_it_needs() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bad_config = dir.path().join("bad.toml");
    std::fs::write(&bad_config, "[discord]\nwatch_treshold = 0.9\n").expect("write a config");
    let bad_config = bad_config.to_string_lossy().into_owned();
    let missing_data = dir.path().join("no-data").to_string_lossy().into_owned();
    let broken = copy_of_data();
    append(broken.path(), "qa.toml", "[[qa]]\nid = \"half-written\"\n");
    let broken_data = broken.path().to_string_lossy().into_owned();
    // (token, extra arguments, what the last stderr line must say)
    let rows: [(Option<&str>, Vec<&str>, &str); 6] = [
        (None, vec![], "DISCORD_TOKEN is not set"),
        (Some("  "), vec![], "DISCORD_TOKEN is not set"),
        (
            Some("hunter2-not-a-token"),
            vec![],
            "DISCORD_TOKEN does not look like a Discord bot token",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--config", &bad_config],
            "unknown field `watch_treshold`",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--data", &missing_data],
            "cannot read the data",
        ),
        (
            Some(GOOD_SHAPE),
            vec!["--data", &broken_data],
            "factdesk check --data",
        ),
    ];
    for (token, args, want) in rows {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk"));
        cmd.arg("serve")
            .args(&args)
            .env_remove("DISCORD_TOKEN")
            .env("RUST_LOG", "off");
        if let Some(t) = token {
            cmd.env("DISCORD_TOKEN", t);
        }
        let out = cmd.output().expect("run factdesk serve");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or_default();
        assert_eq!(out.status.code(), Some(2), "{token:?} {args:?}: {stderr}");
        assert!(
            last.starts_with("factdesk: ") && last.contains(want),
            "{token:?} {args:?}: {stderr}"
        );
        if let Some(t) = token.filter(|t| !t.trim().is_empty()) {
            assert!(
                !stderr.contains(t) && !String::from_utf8_lossy(&out.stdout).contains(t),
                "the token was echoed"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_says_what_to_fix() {
    // (close code, watch channels, what the error must say)
    let rows = [
        (4004, vec![], "Discord rejected the token in DISCORD_TOKEN"),
        (4014, vec![1], "enable \"Message Content Intent\""),
    ];
    for (code, watch, want) in rows {
        let fake = FakeDiscord::start_refusing(Some(code)).await;
        let mut c = config(&data_dir());
        c.discord.watch_channels = watch;
        let bot = Arc::new(Bot::new(c.clone(), engine(&data_dir(), &c)));
        let run = run_client(bot, fake.http(), std::future::pending());
        let result = tokio::time::timeout(Duration::from_secs(5), run).await;
        let err = result
            .expect("the client stops")
            .expect_err("a refused connection is an error");
        assert!(
            err.contains(want) && !err.contains('\n'),
            "close code {code}: {err}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shard_settings_pick_the_shards_and_shard_zero_registers() {
    // (total, first, last, the IDENTIFY shard, registers the commands)
    let rows = [
        (2, 1, 1, [1, 2], false),
        (3, 0, 0, [0, 3], true),
        (0, 0, 0, [0, 1], true),
    ];
    for (total, first, last, shard, registers) in rows {
        let fake = FakeDiscord::start().await;
        let mut c = config(&data_dir());
        c.discord.shards = factdesk::config::ShardConfig { total, first, last };
        let bot = Arc::new(Bot::new(c.clone(), engine(&data_dir(), &c)));
        let client = tokio::spawn(run_client(bot, fake.http(), std::future::pending()));
        let identify = fake.wait_identify().await;
        assert_eq!(
            identify["shard"],
            serde_json::json!(shard),
            "shards {first}..={last} of {total}"
        );
        let put = |r: &fake_discord::Request| r.method == "PUT";
        if registers {
            fake.request("command registration", put).await;
        } else {
            fake.assert_silent(
                "registration by a shard other than 0",
                Duration::from_millis(200),
                put,
            )
            .await;
        }
        assert_eq!(fake.identify().len(), 1, "one shard in this process");
        fake.finish();
        client.abort();
    }
}

/// A `factdesk serve` process run against the fake, its log in a file.
struct Served {
    child: std::process::Child,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Served {
    /// Starts `factdesk serve` with `settings` (the `[discord]` lines to
    /// add) serving `data`, with `env` set.
    fn start(data: &std::path::Path, settings: &str, env: &[(&str, String)]) -> Served {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let config = dir.path().join("factdesk.toml");
        let unanswered = dir.path().join("unanswered.jsonl");
        let text = format!(
            "data_dir = {:?}\n[discord]\nuser_cooldown_secs = 0\nchannel_cooldown_secs = 0\nadmin_guild_id = {}\n{settings}\n[unanswered]\npath = {:?}\n",
            data.display().to_string(),
            fake_discord::GUILD_ID,
            unanswered.display().to_string()
        );
        std::fs::write(&config, text).expect("write the config");
        let log = dir.path().join("serve.log");
        let stderr = std::fs::File::create(&log).expect("a log file");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_factdesk"));
        cmd.arg("serve")
            .arg("--config")
            .arg(&config)
            .env("DISCORD_TOKEN", fake_discord::TOKEN)
            .env("RUST_LOG", "factdesk=debug,serenity=warn")
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("no_proxy", "127.0.0.1,localhost")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(stderr);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start factdesk serve");
        Served {
            child,
            log: log.clone(),
            _dir: dir,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Returns the lock file of its unanswered log, which every append
    /// takes.
    fn unanswered_lock(&self) -> std::path::PathBuf {
        self._dir.path().join("unanswered.jsonl.lock")
    }

    /// Sends `signal` (HUP, TERM) to the process.
    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{signal} failed");
    }

    /// Waits until the log has a line with `text`; fails the test after 10 s.
    async fn wait_log(&self, text: &str) {
        let started = std::time::Instant::now();
        while !self.log().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no log line with {text:?}:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for the process to end; returns its exit code.
    async fn exit_code(&mut self, within: Duration) -> Option<i32> {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the process status") {
                return status.code();
            }
            if started.elapsed() > within {
                let _ = self.child.kill();
                panic!(
                    "factdesk serve did not stop within {within:?}:\n{}",
                    self.log()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asks `/when event` as interaction `id` and returns the response.
async fn when(fake: &FakeDiscord, id: u64, event: &str) -> serde_json::Value {
    fake.dispatch(
        "INTERACTION_CREATE",
        fake_discord::fixtures::command(id, "when", &[("event", event)], fake_discord::USER_ID),
    );
    fake.callback(id).await
}

/// SIGTERM with `n` interactions in flight (each one's first try answered
/// 503 at once, the second 503 after 1.5 s, longer than the shards take to
/// stop): all `n` are answered before the process exits 0.
async fn drains_on_sigterm(fake: &FakeDiscord, served: &mut Served, base: u64, n: u64) {
    use fake_discord::Canned;
    for id in base..base + n {
        fake.script(
            callbacks_of(id),
            vec![
                Canned::error(503, 0, "Unavailable"),
                Canned {
                    hold: Duration::from_millis(1_500),
                    ..Canned::error(503, 0, "Unavailable")
                },
            ],
        );
        fake.dispatch(
            "INTERACTION_CREATE",
            fake_discord::fixtures::command(
                id,
                "when",
                &[("event", "recognition")],
                fake_discord::USER_ID,
            ),
        );
    }
    // All first tries failed: every interaction is in flight (its second
    // try held by the fake).
    let failed = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| r.status == 503 && r.path.starts_with("/interactions/"))
            .count() as u64
    };
    let started = std::time::Instant::now();
    while failed(fake) < n {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} of {n} tried",
            failed(fake)
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    served.signal("TERM");
    assert_eq!(
        served.exit_code(Duration::from_secs(15)).await,
        Some(0),
        "{}",
        served.log()
    );
    let answered = (base..base + n)
        .filter(|id| {
            fake.requests()
                .iter()
                .any(|r| callbacks_of(*id)(r) && r.status == 204)
        })
        .count() as u64;
    assert_eq!(
        answered,
        n,
        "every interaction in flight was answered:\n{}",
        served.log()
    );
    assert!(served.log().contains("drained"), "{}", served.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_end_to_end_through_the_proxy_setting() {
    let fake = FakeDiscord::start().await;
    let data = copy_of_data();
    let proxy = format!("proxy = {:?}", fake.api_url);
    let mut served = Served::start(data.path(), &proxy, &[]);
    let put = |r: &fake_discord::Request| r.method == "PUT" && r.status == 200;
    let first = fake.request("the public commands", put).await;
    let second = fake.request("/reload in the admin guild", put).await;
    assert!(
        first.path.ends_with("/commands") && !first.path.contains("/guilds/"),
        "{}",
        first.path
    );
    assert!(
        second
            .path
            .contains(&format!("/guilds/{}/", fake_discord::GUILD_ID)),
        "{}",
        second.path
    );
    assert_eq!(when(&fake, 1, "recognition").await["type"], 4);

    // SIGHUP with broken data: the old data stays in service.
    let timeline =
        std::fs::read_to_string(data.path().join("timeline.toml")).expect("timeline.toml");
    append(
        data.path(),
        "timeline.toml",
        "[[event]]\nid = \"half-written\"\n",
    );
    served.signal("HUP");
    served.wait_log("still serving the previous data").await;
    assert_eq!(
        when(&fake, 2, "recognition").await["type"],
        4,
        "still answering"
    );
    // SIGHUP with good data and a new event: it is answered.
    std::fs::write(data.path().join("timeline.toml"), timeline).expect("restore timeline.toml");
    append(
        data.path(),
        "timeline.toml",
        "[[event]]\nid = \"fake-summit\"\ndate = \"2025-07-05\"\ntitle = \"Imaginary zeppelin summit\"\naliases = [\"zeppelin summit\", \"imaginary summit\"]\ndescription = \"A test event.\"\ncite = [\"inkpost#intro\"]\n",
    );
    served.signal("HUP");
    served.wait_log("reloaded the data").await;
    let new = when(&fake, 3, "zeppelin summit").await;
    assert_eq!(
        new["data"]["embeds"][0]["title"], "Imaginary zeppelin summit",
        "{new}"
    );

    drains_on_sigterm(&fake, &mut served, 1_000, 50).await;
    fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_end_to_end_with_the_ratelimiter_on() {
    use fake_discord::Canned;
    let fake = FakeDiscord::start().await;
    let ca = format!(
        "ca_file = {:?}",
        fake_discord::tls::ca_file().display().to_string()
    );
    let env = [("HTTPS_PROXY", fake.https_proxy.clone())];
    let mut served = Served::start(&data_dir(), &ca, &env);
    let put = |r: &fake_discord::Request| r.method == "PUT" && r.status == 200;
    fake.request("the public commands", put).await;
    assert_eq!(when(&fake, 1, "recognition").await["type"], 4);
    // A 429 within the window: serenity's ratelimiter waits it out.
    fake.script(callbacks_of(2), vec![Canned::rate_limited(0.4)]);
    let started = std::time::Instant::now();
    assert_eq!(when(&fake, 2, "recognition").await["type"], 4);
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "the retry-after was honoured"
    );
    // A 429 past the window: given up at the deadline and logged.
    fake.always(callbacks_of(3), Canned::rate_limited(6.0));
    fake.dispatch(
        "INTERACTION_CREATE",
        fake_discord::fixtures::command(
            3,
            "when",
            &[("event", "recognition")],
            fake_discord::USER_ID,
        ),
    );
    served.wait_log("could not deliver a reply").await;
    let line = served
        .log()
        .lines()
        .find(|l| l.contains("could not deliver a reply"))
        .unwrap_or_default()
        .to_string();
    for part in [
        "id=3",
        &format!("guild={}", fake_discord::GUILD_ID),
        &format!("channel={}", fake_discord::CHANNEL_ID),
    ] {
        assert!(line.contains(part), "{part} missing from {line}");
    }
    drains_on_sigterm(&fake, &mut served, 2_000, 30).await;
    fake.finish();
}

/// SIGTERM while no shard runs (the gateway unreachable, as in an outage
/// or at start-up): serve still logs the shutdown, drains and exits 0,
/// within the shards' grace plus a margin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_serve_while_the_gateway_is_unreachable() {
    let fake = FakeDiscord::start_unreachable().await;
    let proxy = format!("proxy = {:?}", fake.api_url);
    let mut served = Served::start(&data_dir(), &proxy, &[]);
    fake.request("the gateway lookup", |r| {
        r.method == "GET" && r.path.starts_with("/gateway")
    })
    .await;
    // serenity's shard queuer has failed to connect: no shard runs.
    served.wait_log("Err starting shard").await;
    served.signal("TERM");
    let bound = factdesk::discord::SHARDS_GRACE + Duration::from_secs(3);
    assert_eq!(served.exit_code(bound).await, Some(0), "{}", served.log());
    let log = served.log();
    for line in ["shutting down", "drained", "stopped"] {
        assert!(log.contains(line), "no {line:?} line:\n{log}");
    }
}

/// SIGTERM while a write to the unanswered log hangs (here its lock is
/// held by another process; a stalled disk or network share does the
/// same): the drain gives the write up when drain_secs runs out, and the
/// process exits within a second or so of that, instead of waiting for
/// the write forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_serve_within_the_drain_while_a_log_write_hangs() {
    let fake = FakeDiscord::start().await;
    let settings = format!("proxy = {:?}\ndrain_secs = 1", fake.api_url);
    let mut served = Served::start(&data_dir(), &settings, &[]);
    let put = |r: &fake_discord::Request| r.method == "PUT" && r.status == 200;
    fake.request("the public commands", put).await;
    let holder = std::fs::File::create(served.unanswered_lock()).expect("the log's lock file");
    holder.lock().expect("hold the log's lock");
    // An unanswered question: its record waits for the lock.
    fake.dispatch(
        "INTERACTION_CREATE",
        fake_discord::fixtures::command(
            1,
            "ask",
            &[("question", "qwxz vbnm plorf")],
            fake_discord::USER_ID,
        ),
    );
    let response = fake.callback(1).await;
    assert_eq!(response["type"], 4, "answered (with the hint): {response}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    served.signal("TERM");
    let started = std::time::Instant::now();
    // The drain (1 s), a second for the runtime, and a margin for a loaded machine.
    let bound = Duration::from_secs(1 + 1 + 4);
    let code = served.exit_code(bound).await;
    assert_eq!(code, Some(0), "{}", served.log());
    let log = served.log();
    assert!(
        log.contains("drain_secs ran out"),
        "the write still pending at the deadline is reported:\n{log}"
    );
    eprintln!("stopped {:?} after SIGTERM", started.elapsed());
    drop(holder);
}
