//! End to end through the real serenity client and a fake Discord: the
//! curator's feedback. Unanswered and suggest questions go to the
//! unanswered log (without users unless `store_users`); answers carry "Not
//! helpful" (logged once per user and message) and "Why?" (explained to
//! the presser alone); a picked suggestion keeps the question it answers.
#![cfg(feature = "discord")]

mod fake_discord;

use std::path::{Path, PathBuf};
use std::time::Duration;

use factdesk::config::Config;
use factdesk::search::Scope;
use factdesk::unanswered::{self, Channel, Record};
use factdesk::Status;
use fake_discord::fixtures::question;
use fake_discord::setup::{append, config, config_logging, copy_of_data, data_dir, engine, TWINS};
use fake_discord::{Harness, BOT_ID, CHANNEL_ID, PATIENCE, USER_ID};
use serde_json::{json, Value};

const EPHEMERAL: u64 = 64;
const WATCHED: u64 = 555_000;
/// How long to wait before deciding nothing more is logged.
const SETTLE: Duration = Duration::from_millis(200);

/// A bot serving the real data, logging to `log`, with `tune` applied.
async fn harness(log: &Path, tune: impl FnOnce(&mut Config)) -> Harness {
    let mut c = config_logging(&data_dir(), log);
    tune(&mut c);
    let e = engine(&data_dir(), &c);
    Harness::start(c, e).await
}

/// A bot serving the real data plus [`TWINS`], logging to `log`.
async fn twins_harness(data: &Path, log: &Path, tune: impl FnOnce(&mut Config)) -> Harness {
    append(data, "timeline.toml", TWINS);
    let mut c = config_logging(data, log);
    // A tie is a suggestion whenever the margin is above zero.
    c.matching.margin = c.matching.margin.max(0.05);
    tune(&mut c);
    let e = engine(data, &c);
    for scope in [Scope::All, Scope::Timeline] {
        let reply = e.reply(scope, "zeppelin summit");
        assert_eq!(
            reply.status(),
            Status::Suggest,
            "{scope:?}: two equal matches give choices: {reply:?}"
        );
    }
    Harness::start(c, e).await
}

fn log_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("unanswered.jsonl")
}

/// Waits until the log holds `n` records, then a little longer to be sure
/// no more arrive; returns them with their raw lines.
async fn records(path: &Path, n: usize) -> Vec<(Record, Value)> {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        let count = unanswered::read(path).map_or(0, |(r, _)| r.len());
        if count >= n {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{n} record(s) expected in {} within {PATIENCE:?}, found {count}",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(SETTLE).await;
    let (records, problems) = unanswered::read(path).expect("the log is readable");
    assert!(problems.is_empty(), "broken log lines: {problems:#?}");
    let text = std::fs::read_to_string(path).expect("the log");
    let raw: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(
        records.len(),
        n,
        "exactly {n} record(s) expected: {records:#?}"
    );
    records.into_iter().zip(raw).collect()
}

fn flags(response: &Value) -> u64 {
    response["data"]["flags"].as_u64().unwrap_or(0)
}

/// Returns the `(custom_id, label)` of every button of a message.
fn buttons(message: &Value) -> Vec<(String, String)> {
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            let s = |k: &str| b[k].as_str().unwrap_or_default().to_string();
            (s("custom_id"), s("label"))
        })
        .collect()
}

/// Asserts `response` is an ephemeral message that pings nobody; returns
/// its content.
fn private_text(response: &Value, what: &str) -> String {
    assert_eq!(response["type"], 4, "{what}: a new message: {response}");
    assert_eq!(
        flags(response) & EPHEMERAL,
        EPHEMERAL,
        "{what}: for the presser alone"
    );
    assert_eq!(
        response["data"]["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
        "{what}: pings nobody"
    );
    response["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_offers_not_helpful_and_why() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = harness(&log, |_| {}).await;
    let response = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    let data = &response["data"];
    assert_eq!(
        data["embeds"][0]["author"]["name"], "/when recognition",
        "the answer is headed by the question"
    );
    let reference = "event:russia-recognises";
    assert_eq!(
        buttons(data),
        [
            (format!("nothelpful:when:{reference}"), "Not helpful".into()),
            (format!("why:when:{reference}"), "Why?".into()),
        ]
    );
    let answer = h.stored(CHANNEL_ID, data);

    let pressed = h
        .press_on(&format!("nothelpful:when:{reference}"), USER_ID, &answer)
        .await;
    assert_eq!(private_text(&pressed, "not helpful"), "Thanks — noted.");
    let again = h
        .press_on(&format!("nothelpful:when:{reference}"), USER_ID, &answer)
        .await;
    assert_eq!(
        private_text(&again, "a second press"),
        "Thanks — already noted."
    );
    let logged = records(&log, 1).await;
    let (record, raw) = &logged[0];
    assert_eq!(
        (
            record.status.as_str(),
            record.channel,
            record.question.as_str()
        ),
        ("not_helpful", Channel::Slash, "recognition")
    );
    assert_eq!(
        record.given.as_ref().map(ToString::to_string).as_deref(),
        Some(reference)
    );
    assert!(!record.candidates.is_empty(), "candidates are logged");
    assert!(raw.get("user").is_none(), "no user stored: {raw}");

    let why = h
        .press_on(&format!("why:when:{reference}"), USER_ID, &answer)
        .await;
    let text = private_text(&why, "why");
    assert!(
        text.starts_with("```\n") && text.ends_with("\n```"),
        "a code block: {text}"
    );
    assert!(
        text.contains(&format!("Matched {reference} via")),
        "names the match: {text}"
    );
    assert!(text.contains("words matched exactly"), "{text}");
    assert!(text.chars().count() <= 2000);
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_questions_are_logged_without_users() {
    let data = copy_of_data();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = twins_harness(data.path(), &log, |c| {
        c.discord.watch_channels = vec![WATCHED];
    })
    .await;
    // Answered: not logged.
    h.command("when", &[("event", "recognition")], USER_ID)
        .await;
    // No match on /ask.
    let pizza = "what is the best pizza topping in naples";
    let response = h.command("ask", &[("question", pizza)], USER_ID).await;
    assert_eq!(flags(&response) & EPHEMERAL, EPHEMERAL);
    assert_eq!(
        buttons(&response["data"]),
        [],
        "no buttons on a no-match reply"
    );
    // Suggestions to a mention.
    let id = h.id();
    h.say(question(
        id,
        CHANNEL_ID,
        USER_ID,
        &format!("<@{BOT_ID}> zeppelin summit"),
        true,
    ));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert!(
        buttons(&sent).iter().all(|(id, _)| id.starts_with("pick:")),
        "only the choices: {sent}"
    );
    // In a watched channel: chatter is not logged, a '?' question is.
    h.say(question(h.id(), WATCHED, USER_ID, "lol", false));
    let watched = "anyone know the best pizza in naples?";
    h.say(question(h.id(), WATCHED, USER_ID, watched, false));

    let logged = records(&log, 3).await;
    let mut got: Vec<(String, Channel, String)> = logged
        .iter()
        .map(|(r, _)| (r.question.clone(), r.channel, r.status.clone()))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        [
            (watched.into(), Channel::Watched, "no_match".into()),
            (pizza.into(), Channel::Slash, "no_match".into()),
            ("zeppelin summit".into(), Channel::Mention, "suggest".into()),
        ]
    );
    for (record, raw) in &logged {
        assert!(
            record.user.is_none() && raw.get("user").is_none(),
            "no user stored: {raw}"
        );
    }
    let suggest = logged.iter().find(|(r, _)| r.status == "suggest");
    let candidates = suggest.map(|(r, _)| r.candidates.len()).unwrap_or(0);
    assert!(candidates >= 2, "the tied candidates are logged");
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_users_records_who_asked_and_who_pressed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = harness(&log, |c| c.unanswered.store_users = true).await;
    let pizza = "what is the best pizza topping in naples";
    h.command("ask", &[("question", pizza)], USER_ID).await;
    h.say(question(
        h.id(),
        CHANNEL_ID,
        USER_ID + 1,
        &format!("<@{BOT_ID}> {pizza}"),
        true,
    ));
    h.fake.channel_message(CHANNEL_ID).await;
    let response = h
        .command("who", &[("name_or_role", "ambassador")], USER_ID + 2)
        .await;
    let answer = h.stored(CHANNEL_ID, &response["data"]);
    let (id, _) = buttons(&response["data"])
        .into_iter()
        .find(|(id, _)| id.starts_with("nothelpful:"))
        .expect("a Not helpful button");
    h.press_on(&id, USER_ID + 3, &answer).await;

    let logged = records(&log, 3).await;
    let mut users: Vec<(String, String)> = logged
        .iter()
        .map(|(r, _)| (r.status.clone(), r.user.clone().unwrap_or_default()))
        .collect();
    users.sort();
    assert_eq!(
        users,
        [
            ("no_match".into(), format!("{USER_ID} user{USER_ID}")),
            ("no_match".into(), format!("{} someone", USER_ID + 1)),
            (
                "not_helpful".into(),
                format!("{} user{}", USER_ID + 3, USER_ID + 3)
            ),
        ],
        "id and name of whoever asked or pressed"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picked_choice_keeps_the_question_and_gets_the_buttons() {
    let data = copy_of_data();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = twins_harness(data.path(), &log, |_| {}).await;
    let response = h
        .command("when", &[("event", "zeppelin summit")], USER_ID)
        .await;
    let choices = buttons(&response["data"]);
    let (pick, _) = choices.last().cloned().expect("choices");
    let reference = pick.strip_prefix("pick:").expect("a pick button");
    let suggest = h.stored(CHANNEL_ID, &response["data"]);
    let picked = h.press_on(&pick, USER_ID, &suggest).await;
    assert_eq!(picked["type"], 7, "the choice replaces the message");
    let data_ = &picked["data"];
    assert_eq!(
        data_["embeds"][0]["author"]["name"],
        "/when zeppelin summit"
    );
    assert_eq!(
        buttons(data_),
        [
            (format!("nothelpful:when:{reference}"), "Not helpful".into()),
            (format!("why:when:{reference}"), "Why?".into()),
        ]
    );
    let answer = h.stored(CHANNEL_ID, data_);
    h.press_on(&format!("nothelpful:when:{reference}"), USER_ID, &answer)
        .await;
    let why = h
        .press_on(&format!("why:when:{reference}"), USER_ID, &answer)
        .await;
    let text = private_text(&why, "why");
    assert!(text.contains("Matched event:zeppelin-summit-"), "{text}");
    // The suggest reply and the "Not helpful" press.
    let logged = records(&log, 2).await;
    let not_helpful = logged
        .iter()
        .find(|(r, _)| r.status == "not_helpful")
        .map(|(r, _)| r.clone())
        .expect("a not_helpful record");
    assert_eq!(not_helpful.question, "zeppelin summit");
    assert_eq!(
        not_helpful
            .given
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some(reference)
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_answer_has_the_buttons_and_logs_as_mention() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = harness(&log, |_| {}).await;
    let text = "when did russia recognise the taliban";
    let expected = h.bot.engine().reply(Scope::All, text);
    let reference = match expected.answered() {
        Some(a) => a.entry.to_string(),
        None => panic!("not answered: {expected:?}"),
    };
    h.say(question(
        h.id(),
        CHANNEL_ID,
        USER_ID,
        &format!("<@{BOT_ID}>  {text}"),
        true,
    ));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(
        sent["embeds"][0]["author"]["name"],
        format!("Asked: {text}")
    );
    assert_eq!(
        buttons(&sent),
        [
            (
                format!("nothelpful:mention:{reference}"),
                "Not helpful".into()
            ),
            (format!("why:mention:{reference}"), "Why?".into()),
        ]
    );
    let answer = h.stored(CHANNEL_ID, &sent);
    let pressed = h
        .press_on(
            &format!("nothelpful:mention:{reference}"),
            USER_ID + 1,
            &answer,
        )
        .await;
    assert_eq!(private_text(&pressed, "not helpful"), "Thanks — noted.");
    let logged = records(&log, 1).await;
    let (record, _) = &logged[0];
    assert_eq!(
        (record.channel, record.question.as_str()),
        (Channel::Mention, text)
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_log_only_why_is_offered_and_old_buttons_still_answer() {
    let c = config(&data_dir());
    assert!(c.unanswered.log().is_none(), "the test config logs nothing");
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let response = h
        .command("who", &[("name_or_role", "ambassador")], USER_ID)
        .await;
    let ids: Vec<String> = buttons(&response["data"])
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(ids, ["why:who:person:gul-hassan-hassan"]);
    // Buttons on a message without the question heading (e.g. from an
    // older version) still get a private answer.
    let bare = h
        .press("nothelpful:who:person:gul-hassan-hassan", USER_ID)
        .await;
    assert_eq!(private_text(&bare, "bare not helpful"), "Thanks.");
    let why = h.press("why:who:person:gul-hassan-hassan", USER_ID).await;
    assert!(
        private_text(&why, "bare why").contains("no longer tell which question"),
        "{why}"
    );
    h.fake.finish();
}

/// Where factdesk answers in plain text (no Embed Links), the question
/// heading its answer is shown as typed, its markdown escaped: a masked
/// link in a question must not become a link in factdesk's own message,
/// under factdesk's name. A button on that answer reads the question back
/// as typed: "Not helpful" logs it unescaped. For /ask in a channel
/// without Embed Links, and for a mention in a channel that refuses
/// embeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_answer_shows_the_questions_markdown_as_typed() {
    use fake_discord::fixtures::{command, in_channel};
    use fake_discord::requests::posts_in;
    use fake_discord::Canned;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let log = log_in(&dir);
    let h = harness(&log, |_| {}).await;
    // A curated question (without markdown of its own) still answered with
    // a masked link before it and in bold.
    let link = "[Official Discord Support: claim here](https://evil.example/login)";
    let engine = h.bot.engine();
    let curated = engine
        .dataset()
        .qa
        .iter()
        .map(|q| q.question.clone())
        .filter(|q| q.len() < 150 && !q.contains(|c| r"\*_~`|[]()<>".contains(c)))
        .find(|q| {
            let asked = format!("{link} **{q}**");
            engine.reply(Scope::All, &asked).status() == Status::Answered
        })
        .expect("some curated question is answered with a masked link before it");
    let asked = format!("{link} **{curated}**");
    let shown = format!(
        r"\[Official Discord Support: claim here\]\(https://evil.example/login\) \*\*{curated}\*\*"
    );
    let (slash, mention) = (333_091u64, 333_092u64);
    // View Channel, Send Messages, Read Message History, Use Application
    // Commands; no Embed Links.
    let no_embeds: u64 = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31);
    h.fake.always(
        move |r| posts_in(mention)(r) && r.body["embeds"].as_array().is_some_and(|e| !e.is_empty()),
        Canned::missing_permissions(),
    );
    let id = h.id();
    h.fake.dispatch(
        "INTERACTION_CREATE",
        in_channel(
            command(id, "ask", &[("question", &asked)], USER_ID),
            slash,
            no_embeds,
        ),
    );
    let by_slash = h.fake.callback(id).await["data"].clone();
    h.say(question(
        h.id(),
        mention,
        USER_ID + 1,
        &format!("<@{BOT_ID}> {asked}"),
        true,
    ));
    let by_mention = h.fake.channel_message(mention).await;
    // (what, the plain answer, its heading, the channel logged)
    let rows = [
        ("/ask", by_slash, format!("/ask {shown}"), Channel::Slash),
        (
            "a mention",
            by_mention,
            format!("Asked: {shown}"),
            Channel::Mention,
        ),
    ];
    for (n, (what, sent, heading, channel)) in rows.into_iter().enumerate() {
        assert!(
            sent["embeds"].as_array().is_none_or(Vec::is_empty),
            "{what}: plain text, without Embed Links: {sent}"
        );
        let content = sent["content"].as_str().unwrap_or_default();
        assert_eq!(
            content.lines().next(),
            Some(heading.as_str()),
            "{what}: the question's markdown must be escaped in the heading, so that Discord shows it as typed (no masked link under factdesk's name):\n{content}"
        );
        let (not_helpful, _) = buttons(&sent)
            .into_iter()
            .find(|(_, label)| label == "Not helpful")
            .unwrap_or_else(|| panic!("{what}: an answer with \"Not helpful\": {sent}"));
        let answer = h.stored(CHANNEL_ID, &sent);
        let pressed = h.press_on(&not_helpful, USER_ID + 2, &answer).await;
        assert_eq!(private_text(&pressed, what), "Thanks — noted.");
        let logged = records(&log, n + 1).await;
        let (record, _) = &logged[n];
        assert_eq!(
            (record.channel, record.question.as_str()),
            (channel, asked.as_str()),
            "{what}: the question is read back from the heading as typed, unescaped"
        );
    }
    h.fake.finish();
}
