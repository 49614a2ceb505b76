//! End to end through the real serenity client and a fake Discord: /reload
//! keeps the last good data when the new data is broken and swaps in good
//! data, even when Discord does not take its deferral; a reload still
//! loading when shutdown's drain runs short is given up, and the admin is
//! told so within the drain; a deliberately huge answer still fits
//! Discord's limits.
#![cfg(feature = "discord")]

mod fake_discord;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use factdesk::dataset::{Dataset, LoadError};
use factdesk::discord::reload::{self, Outcome};
use factdesk::discord::Bot;
use factdesk::search::Scope;
use factdesk::Status;
use fake_discord::captured_log::logs;
use fake_discord::setup::{append, config, copy_of_data, engine};
use fake_discord::{fixtures, Canned, Harness, GUILD_ID, USER_ID};

/// Returns the log lines that mention all of `parts`.
fn logged(parts: &[&str]) -> Vec<String> {
    logs()
        .lines()
        .filter(|l| parts.iter().all(|p| l.contains(p)))
        .map(str::to_string)
        .collect()
}

const EPHEMERAL: u64 = 64;

/// Returns the reload report sent to the admin (after the deferral).
async fn reload(h: &Harness) -> String {
    let response = h.command("reload", &[], USER_ID).await;
    assert_eq!(response["type"], 5, "/reload defers first: {response}");
    assert_eq!(
        response["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
        EPHEMERAL,
        "privately"
    );
    let edit = h
        .fake
        .request("the reload report", |r| {
            r.method == "PATCH" && r.path.ends_with("/messages/@original")
        })
        .await;
    edit.body["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_keeps_the_last_good_data_and_swaps_in_good_data() {
    let data = copy_of_data();
    let mut c = config(data.path());
    c.discord.admin_guild_id = GUILD_ID;
    let e = engine(data.path(), &c);
    let h = Harness::start(c, e).await;
    let before = h.bot.engine();

    // Broken: a duplicate event id and an unknown key.
    let first = &before.dataset().events[0];
    let broken = format!(
        "[[event]]\nid = \"{}\"\ndate = \"2025-07-05\"\ntitle = \"Broken\"\naliases = [\"x y\", \"y z\"]\ndescription = \"d\"\ncite = [\"inkpost#intro\"]\ncolour = \"red\"\n",
        first.id
    );
    let timeline =
        std::fs::read_to_string(data.path().join("timeline.toml")).expect("timeline.toml");
    append(data.path(), "timeline.toml", &broken);
    let report = reload(&h).await;
    assert!(report.starts_with("The new data has"), "{report}");
    assert!(
        report.contains("timeline.toml:"),
        "problems say where: {report}"
    );
    assert!(
        std::sync::Arc::ptr_eq(&before, &h.bot.engine()),
        "the old engine stays in service"
    );
    let still = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    assert_eq!(still["type"], 4, "still answering from the last good data");

    // Fixed, with a new event.
    std::fs::write(data.path().join("timeline.toml"), timeline).expect("restore timeline.toml");
    append(
        data.path(),
        "timeline.toml",
        "[[event]]\nid = \"fake-summit\"\ndate = \"2025-07-05\"\ntitle = \"Imaginary zeppelin summit\"\naliases = [\"zeppelin summit\", \"imaginary summit\"]\ndescription = \"A test event.\"\ncite = [\"inkpost#intro\"]\n",
    );
    let report = reload(&h).await;
    assert!(report.starts_with("Reloaded the data"), "{report}");
    let new = h
        .command("when", &[("event", "zeppelin summit")], USER_ID)
        .await;
    assert_eq!(
        new["data"]["embeds"][0]["title"], "Imaginary zeppelin summit",
        "{new}"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_is_refused_outside_the_admin_guild() {
    let data = copy_of_data();
    let mut c = config(data.path());
    c.discord.admin_guild_id = GUILD_ID + 1;
    let e = engine(data.path(), &c);
    let h = Harness::start(c, e).await;
    let before = h.bot.engine();
    let response = h.command("reload", &[], USER_ID).await;
    assert_eq!(response["type"], 4, "no deferral, no reload: {response}");
    let text = response["data"]["content"].as_str().unwrap_or_default();
    assert!(text.contains("only for the bot's operator"), "{text}");
    let folder = data.path().display().to_string();
    assert!(!text.contains(&folder), "no paths: {text}");
    assert!(
        std::sync::Arc::ptr_eq(&before, &h.bot.engine()),
        "nothing reloaded"
    );
    // The same in a DM.
    let id = h.id();
    let mut dm = fixtures::command(id, "reload", &[], USER_ID);
    dm.as_object_mut().expect("an object").remove("guild_id");
    h.fake.dispatch("INTERACTION_CREATE", dm);
    assert_eq!(h.fake.callback(id).await["type"], 4);
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_answer_fits_discord_limits() {
    let data = copy_of_data();
    // A source with a huge title and 40 long section headings, and an
    // event citing them all with a long caveat and the longest description.
    let mut source = format!(
        "[[source]]\nid = \"huge\"\npublisher = \"{}\"\ntitle = \"{}\"\npublished = \"2025-07\"\nsections = [\n",
        "P".repeat(300),
        "T".repeat(3000)
    );
    let mut cites = String::new();
    for n in 0..40 {
        let _ = writeln!(
            source,
            "  {{ id = \"s{n}\", heading = \"{} {n}\" }},",
            "H".repeat(500)
        );
        let _ = write!(cites, "\"huge#s{n}\", ");
    }
    source.push_str("]\n");
    // sources.toml must keep as_of first: append sources at the end.
    append(data.path(), "sources.toml", &source);
    let event = format!(
        "[[event]]\nid = \"huge-event\"\ndate = \"2025-07-05\"\ntitle = \"Gargantuan quokka treaty {}\"\naliases = [\"quokka treaty\", \"gargantuan treaty\"]\ndescription = \"{}\"\ncite = [{cites}]\ncaveat = \"{}\"\n",
        "t".repeat(200),
        "word ".repeat(199).trim_end(),
        "caveat ".repeat(1500).trim_end()
    );
    append(data.path(), "timeline.toml", &event);
    let c = config(data.path());
    let e = engine(data.path(), &c);
    let reply = e.reply(Scope::Timeline, "quokka treaty");
    assert_eq!(
        (
            reply.status(),
            reply.answered().map_or(0, |a| a.citations.len())
        ),
        (Status::Answered, 40),
        "the huge fixture is answered"
    );
    let h = Harness::start(c, e).await;
    let response = h
        .command("when", &[("event", "quokka treaty")], USER_ID)
        .await;
    assert_eq!(response["type"], 4);
    let embed = &response["data"]["embeds"][0];
    let description = embed["description"].as_str().unwrap_or_default();
    assert!(
        description.ends_with("[39][40]"),
        "the citation markers survive: {description}"
    );
    let fields = embed["fields"].as_array().expect("fields");
    assert_eq!(fields[0]["name"], "Caveat");
    assert!(
        fields[0]["value"]
            .as_str()
            .unwrap_or_default()
            .ends_with('…'),
        "the caveat is clipped"
    );
    assert!(
        fields.iter().any(|f| f["name"] == "Sources"),
        "some sources are listed"
    );
    h.fake.finish(); // the fake answers 400 to, and fails on, anything over a limit
}

/// /reload reloads even when Discord does not take its deferral (the
/// report, which needs it, is what is lost).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_still_reloads_when_its_deferral_fails() {
    let data = copy_of_data();
    let mut c = config(data.path());
    c.discord.admin_guild_id = GUILD_ID;
    let e = engine(data.path(), &c);
    let h = Harness::start(c, e).await;
    // (what Discord answers the deferral with, every time)
    let rows = [
        (
            "a run of 503s",
            Canned::error(503, 0, "Service Unavailable"),
        ),
        ("Missing Permissions", Canned::missing_permissions()),
    ];
    for (n, (what, refusal)) in rows.into_iter().enumerate() {
        let id = 990_000 + n as u64;
        let event = format!("fake-summit-{n}");
        append(
            data.path(),
            "timeline.toml",
            &format!("[[event]]\nid = \"{event}\"\ndate = \"2025-07-05\"\ntitle = \"Imaginary summit {n}\"\naliases = [\"zeppelin summit {n}\"]\ndescription = \"A test event.\"\ncite = [\"inkpost#intro\"]\n"),
        );
        let prefix = format!("/interactions/{id}/");
        h.fake.always(
            move |r| r.path.starts_with(&prefix) && r.path.ends_with("/callback"),
            refusal,
        );
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, "reload", &[], USER_ID),
        );
        let started = std::time::Instant::now();
        while !h
            .bot
            .engine()
            .dataset()
            .events
            .iter()
            .any(|e| e.id == event)
        {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(8),
                "{what}: the deferral failed and the data was not reloaded"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

/// How long [`slow_load`] takes: longer than the drain of the test using it.
const SLOW: Duration = Duration::from_secs(5);

/// Reads the data folder as [`Dataset::load`] does, only [`SLOW`]ly, as a
/// reload is when the sentence encoder embeds many new phrasings.
fn slow_load(dir: &Path) -> Result<Dataset, LoadError> {
    std::thread::sleep(SLOW);
    Dataset::load(dir)
}

/// Starts a bot reading `data` with `loader` on a reload, with a drain of
/// `drain_secs`, `admin` guild set when `admin`; when `admin`, a new event
/// is added to the data for a reload to find.
async fn slow_reloading_bot(
    data: &Path,
    drain_secs: u64,
    loader: reload::Loader,
    admin: bool,
) -> Harness {
    let mut c = config(data);
    if admin {
        c.discord.admin_guild_id = GUILD_ID;
    }
    c.discord.drain_secs = drain_secs;
    let e = engine(data, &c);
    let h = Harness::start_bot(Bot::new(c, e).with_loader(loader)).await;
    if admin {
        append(data, "timeline.toml", NEW_EVENT);
    }
    h
}

/// An event the data did not have.
const NEW_EVENT: &str = "[[event]]\nid = \"fake-summit\"\ndate = \"2025-07-05\"\ntitle = \"Imaginary zeppelin summit\"\naliases = [\"zeppelin summit\"]\ndescription = \"A test event.\"\ncite = [\"inkpost#intro\"]\n";

/// Asserts that shutdown, begun at `stopping`, stopped the client within
/// the drain of `drain_secs`.
fn stopped_within_the_drain(stopping: Instant, drain_secs: u64) {
    let took = stopping.elapsed();
    assert!(
        took < Duration::from_secs(drain_secs) + Duration::from_millis(500),
        "the client stopped within the drain ({drain_secs} s): {took:?}"
    );
}

/// Shutdown while an admin's /reload is still loading, slower than the
/// drain allows: within the drain, the admin's "thinking..." is edited to
/// say factdesk is shutting down before the reload finished, and a WARN
/// line names the interaction; the client stops within the drain, and the
/// runtime it ran on (`factdesk serve` drops its own right after) does
/// not wait for the load; the load, given up, never puts its data in
/// service, even when it ends before the process does.
#[test]
fn shutdown_during_a_slow_reload_tells_the_admin_within_the_drain() {
    logs();
    let drain_secs = 2;
    let data = copy_of_data();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime, as `factdesk serve` builds it");
    let started = Instant::now();
    let (bot, before, id) = runtime.block_on(async {
        let mut h = slow_reloading_bot(data.path(), drain_secs, slow_load, true).await;
        let before = h.bot.engine();
        let id = h.id();
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, "reload", &[], USER_ID),
        );
        assert_eq!(h.fake.callback(id).await["type"], 5, "/reload defers first");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let stopping = Instant::now();
        h.shut_down().await.expect("a clean stop");
        stopped_within_the_drain(stopping, drain_secs);
        let edits: Vec<String> = h
            .fake
            .requests()
            .iter()
            .filter(|r| {
                r.method == "PATCH" && r.path.ends_with("/messages/@original") && r.status < 300
            })
            .map(|r| r.body["content"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            edits.len(),
            1,
            "the admin's deferral is edited once before the client returns, not left at \"thinking...\": {edits:?}\n{}",
            logs()
        );
        assert!(
            edits[0].contains("shutting down") && edits[0].contains("not finished"),
            "the edit says the reload did not finish because factdesk is shutting down: {}",
            edits[0]
        );
        h.fake.finish();
        (Arc::clone(&h.bot), before, id)
    });
    let dropping = Instant::now();
    drop(runtime);
    assert!(
        dropping.elapsed() < Duration::from_secs(1),
        "dropping the runtime waited {:?} for the reload: `factdesk serve` would outlive its drain",
        dropping.elapsed()
    );
    // The load, given up, ends now: nothing of it is put in service.
    std::thread::sleep(
        (started + SLOW + Duration::from_millis(500)).saturating_duration_since(Instant::now()),
    );
    assert!(
        Arc::ptr_eq(&before, &bot.engine()),
        "a reload given up at shutdown is not put in service"
    );
    let lines = logged(&["WARN", "reload", "shutting down", &format!("id={id}")]);
    assert_eq!(
        lines.len(),
        1,
        "one WARN line naming the interaction:\n{}",
        logs()
    );
}

/// The same for a reload that SIGHUP started, which has no admin to tell:
/// shutdown does not wait for it, and a WARN line says it was given up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_during_a_slow_sighup_reload_logs_it_given_up() {
    logs();
    let drain_secs = 2;
    let data = copy_of_data();
    let mut h = slow_reloading_bot(data.path(), drain_secs, slow_load, false).await;
    // As `factdesk serve` does on SIGHUP.
    let bot = Arc::clone(&h.bot);
    tokio::spawn(async move { bot.reload().await });
    let started = Instant::now();
    while !h.bot.reloading() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the reload did not start"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let stopping = Instant::now();
    h.shut_down().await.expect("a clean stop");
    stopped_within_the_drain(stopping, drain_secs);
    let given_up = [
        "WARN",
        "shutting down before the reload of the data finished",
    ];
    assert_eq!(logged(&given_up).len(), 1, "{}", logs());
    h.fake.finish();
}

/// How many reloads have started reading the data with
/// [`counted_slow_load`] (which one test alone uses).
static COUNTED_LOADS: AtomicUsize = AtomicUsize::new(0);

/// [`slow_load`], counted in [`COUNTED_LOADS`].
fn counted_slow_load(dir: &Path) -> Result<Dataset, LoadError> {
    COUNTED_LOADS.fetch_add(1, Ordering::SeqCst);
    slow_load(dir)
}

/// Returns when the fake took the edit of interaction `id`'s deferral,
/// and the edit's text.
fn edit_of(h: &Harness, id: u64) -> (Instant, String) {
    let token = format!("/interaction-token-{id}/messages/@original");
    let edits: Vec<(Instant, String)> = h
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "PATCH" && r.path.ends_with(&token) && r.status < 300)
        .map(|r| {
            let text = r.body["content"].as_str().unwrap_or_default();
            (r.at, text.to_string())
        })
        .collect();
    assert_eq!(
        edits.len(),
        1,
        "interaction {id}'s deferral is edited once: {edits:?}\n{}",
        logs()
    );
    edits[0].clone()
}

/// Shutdown while one /reload is loading and another /reload and a SIGHUP
/// reload wait their turn: the one loading at shutdown is the only load
/// (the waiting ones start none when the first gives up), the waiting
/// /reload is told at once that it was given up, with its WARN line, and
/// nothing is put in service, even when the runtime outlives the loads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_starts_no_reload_waiting_its_turn_and_puts_none_in_service() {
    logs();
    let drain_secs = 2;
    let data = copy_of_data();
    let mut h = slow_reloading_bot(data.path(), drain_secs, counted_slow_load, true).await;
    let before = h.bot.engine();
    // Ids of their own: the log is shared with the other tests here.
    let (loading, waiting) = (7_100_001, 7_100_002);
    for id in [loading, waiting] {
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, "reload", &[], USER_ID),
        );
        assert_eq!(h.fake.callback(id).await["type"], 5, "/reload defers first");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // As `factdesk serve` does on SIGHUP: queued behind the two.
    let bot = Arc::clone(&h.bot);
    let sighup = tokio::spawn(async move { bot.reload().await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        COUNTED_LOADS.load(Ordering::SeqCst),
        1,
        "one load at a time"
    );
    let stopping = Instant::now();
    h.shut_down().await.expect("a clean stop");
    stopped_within_the_drain(stopping, drain_secs);
    let (gave_up, first) = edit_of(&h, loading);
    let (told, second) = edit_of(&h, waiting);
    for text in [&first, &second] {
        assert!(
            text.contains("shutting down") && text.contains("not finished"),
            "each /reload is told it was given up: {text}"
        );
    }
    assert!(
        told.saturating_duration_since(stopping) < Duration::from_millis(500),
        "the waiting /reload is told at once, not {:?} after shutdown began (the loading one gave up after {:?})",
        told.saturating_duration_since(stopping),
        gave_up.saturating_duration_since(stopping)
    );
    for id in [loading, waiting] {
        let lines = logged(&["WARN", "reload", "shutting down", &format!("id={id}")]);
        assert_eq!(lines.len(), 1, "one WARN line for {id}:\n{}", logs());
    }
    // The runtime lives on (as it does for a moment after `factdesk
    // serve`'s drain): whatever the SIGHUP reload does, it ends.
    let outcome = tokio::time::timeout(SLOW * 2, sighup)
        .await
        .expect("the SIGHUP reload ends")
        .expect("the SIGHUP reload does not panic");
    assert!(
        !matches!(outcome, Outcome::Loaded(_)),
        "nothing is put in service once shutdown began: {outcome:?}"
    );
    assert!(
        Arc::ptr_eq(&before, &h.bot.engine()),
        "the engine in service is the one from before shutdown"
    );
    assert_eq!(
        COUNTED_LOADS.load(Ordering::SeqCst),
        1,
        "no reload starts loading once shutdown began"
    );
    h.fake.finish();
}
