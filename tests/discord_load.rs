//! Load, end to end through the real serenity client (its ratelimiter on,
//! as in production) and a fake Discord: 1,000 interactions (mixed `/ask`,
//! `/when`, `/who` and autocomplete) paced at 100 a second alongside 1,000
//! mentions, all answered within Discord's rules, with the time from
//! dispatch to the callback's arrival reported and its p99 held under
//! 500 ms. A long run for memory (10,000 interactions against `factdesk
//! serve`, RSS sampled) is `#[ignore]`d: run it by hand (see README).
#![cfg(feature = "discord")]

mod fake_discord;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use fake_discord::fixtures::{self, question};
use fake_discord::setup::{config, data_dir, engine};
use fake_discord::{FakeDiscord, Harness, Request, BOT_ID, USER_ID};

/// Interactions and mentions each, and their pace.
const EACH: u64 = 1_000;
const PER_SECOND: u64 = 100;

/// Returns the `n`-th interaction of the mix.
fn interaction(id: u64, n: u64) -> serde_json::Value {
    let user = USER_ID + n % 50;
    match n % 4 {
        0 => fixtures::command(
            id,
            "ask",
            &[("question", "why did russia recognise the taliban")],
            user,
        ),
        1 => fixtures::command(id, "when", &[("event", "recognition")], user),
        2 => fixtures::command(id, "who", &[("name_or_role", "ambassador")], user),
        _ => fixtures::autocomplete(id, "when", "event", "recog"),
    }
}

/// Returns the `q`-th quantile of sorted `values`.
fn quantile(values: &[Duration], q: f64) -> Duration {
    let i = ((values.len() as f64 - 1.0) * q).round() as usize;
    values[i.min(values.len() - 1)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_interactions_and_a_thousand_mentions_are_all_answered_in_time() {
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let fake = FakeDiscord::start().await;
    let http = fake.http_ratelimited();
    let h = Harness::start_on(fake, http, c, e).await;
    let base = 10_000_000;
    let mut sent: HashMap<u64, Instant> = HashMap::new();
    let pace = Duration::from_micros(1_000_000 / PER_SECOND);
    let mut ticks = tokio::time::interval(pace);
    for n in 0..EACH {
        ticks.tick().await;
        let id = base + n;
        sent.insert(id, Instant::now());
        h.fake.dispatch("INTERACTION_CREATE", interaction(id, n));
        let channel = 600_000 + n % 20;
        h.say(question(
            base + EACH + n,
            channel,
            USER_ID + n % 50,
            &format!("<@{BOT_ID}> who is the ambassador"),
            true,
        ));
    }
    let answered = |r: &Request| r.status < 300 && r.method == "POST";
    let started = Instant::now();
    let (mut callbacks, mut replies) = (Vec::new(), 0);
    while started.elapsed() < Duration::from_secs(30) {
        let requests = h.fake.requests();
        callbacks = requests
            .iter()
            .filter(|r| answered(r) && r.path.ends_with("/callback"))
            .filter_map(|r| {
                let id: u64 = r.path.split('/').nth(2)?.parse().ok()?;
                Some(r.at.duration_since(*sent.get(&id)?))
            })
            .collect();
        replies = requests
            .iter()
            .filter(|r| answered(r) && r.path.starts_with("/channels/6"))
            .count();
        if callbacks.len() as u64 == EACH && replies as u64 == EACH {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        (callbacks.len() as u64, replies as u64),
        (EACH, EACH),
        "everything answered"
    );
    callbacks.sort();
    let (p50, p99, max) = (
        quantile(&callbacks, 0.5),
        quantile(&callbacks, 0.99),
        quantile(&callbacks, 1.0),
    );
    println!("dispatch to callback over {EACH} interactions at {PER_SECOND}/s with {EACH} mentions: p50 {p50:?}, p99 {p99:?}, max {max:?}");
    assert!(
        p99 < Duration::from_millis(500),
        "p99 {p99:?} (p50 {p50:?}, max {max:?})"
    );
    h.fake.finish(); // every request within Discord's limits, no pings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ratelimiter_forgets_answered_interactions() {
    use serenity::all::{
        CreateInteractionResponse, CreateInteractionResponseMessage, InteractionId,
    };
    use serenity::builder::Builder;
    let fake = FakeDiscord::start().await;
    let http = fake.http_ratelimited();
    let ratelimiter = http.ratelimiter.as_ref().expect("the ratelimiter is on");
    let n = 200u64;
    for id in 1..=n {
        let response = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content("hi")
                .allowed_mentions(factdesk::discord::post::no_pings()),
        );
        response
            .execute(&http, (InteractionId::new(id), "token"))
            .await
            .expect("the fake accepts the callback");
    }
    let before = ratelimiter.routes().read().await.len();
    assert!(
        before as u64 >= n,
        "one entry per interaction before pruning: {before}"
    );
    let after = factdesk::discord::ratelimit::prune(ratelimiter).await;
    assert!(after <= 2, "{after} entries left of {before}");
    fake.finish();
}

/// Returns the resident memory of process `pid` in kB.
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// `cargo test --release --test discord_load -- --ignored --nocapture`:
/// 10,000 interactions against `factdesk serve` (ratelimiter on), RSS
/// printed every 1,000.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a long run for memory; run by hand"]
async fn rss_stays_flat_over_ten_thousand_interactions() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("factdesk.toml");
    let text = format!(
        "data_dir = {:?}\n[discord]\nuser_cooldown_secs = 0\nchannel_cooldown_secs = 0\nca_file = {:?}\n[unanswered]\npath = \"\"\n",
        data_dir().display().to_string(),
        fake_discord::tls::ca_file().display().to_string()
    );
    std::fs::write(&config, text).expect("write the config");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("serve")
        .arg("--config")
        .arg(&config)
        .env("DISCORD_TOKEN", fake_discord::TOKEN)
        .env("RUST_LOG", "warn")
        .env("HTTPS_PROXY", &fake.https_proxy)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .spawn()
        .expect("start factdesk serve");
    let pid = child.id();
    fake.request("command registration", |r| {
        r.method == "PUT" && r.status == 200
    })
    .await;
    println!("idle: RSS {} kB", rss_kb(pid));
    let total = 10_000u64;
    let mut ticks = tokio::time::interval(Duration::from_millis(5)); // 200/s
    for n in 0..total {
        ticks.tick().await;
        fake.dispatch("INTERACTION_CREATE", interaction(20_000_000 + n, n));
        if (n + 1) % 1_000 == 0 {
            println!("{:>6} interactions: RSS {} kB", n + 1, rss_kb(pid));
        }
    }
    let answered = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|r| r.path.ends_with("/callback") && r.status < 300)
            .count() as u64
    };
    let started = Instant::now();
    while answered(&fake) < total && started.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(35)).await; // past a prune
    println!(
        "after {} answered and a prune: RSS {} kB",
        answered(&fake),
        rss_kb(pid)
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(answered(&fake), total);
}
