//! End to end through the real serenity client and a fake Discord: edited
//! channel messages (MESSAGE_UPDATE). An edit that now mentions the bot is
//! answered once, as a reply; a message answered already is not answered
//! again; updates without text, link previews and bots' edits are ignored;
//! a question edited while it waits its turn is answered as edited.
#![cfg(feature = "discord")]

mod fake_discord;

use std::time::{Duration, SystemTime};

use factdesk::search::Scope;
use factdesk::Status;
use fake_discord::fixtures::{
    edited, edited_at, embeds_only, message, question, reply_to_bot_pinging, reply_to_bot_withheld,
    snowflake,
};
use fake_discord::setup::{config, data_dir, engine};
use fake_discord::{Harness, BOT_ID, CHANNEL_ID, USER_ID};
use serde_json::Value;

/// How long to wait before deciding factdesk stayed silent.
const SILENCE: Duration = Duration::from_millis(300);

/// One thing that happens in the channel, and what factdesk must post.
enum Step {
    /// A new message (MESSAGE_CREATE).
    Say(&'static str, Value),
    /// An update of a message (MESSAGE_UPDATE).
    Edit(&'static str, Value),
}

/// What factdesk posts after a step.
#[derive(Clone, Copy)]
enum Then {
    Nothing,
    /// The answer, as a reply to this message.
    Answers(u64),
}

struct Edits {
    h: Harness,
    /// A curated question the engine answers, and its answer's title.
    text: String,
    title: String,
}

impl Edits {
    async fn start() -> Edits {
        let c = config(&data_dir());
        let h = Harness::start(c.clone(), engine(&data_dir(), &c)).await;
        let engine = h.bot.engine();
        let (text, title) = engine
            .dataset()
            .qa
            .iter()
            .find_map(|q| {
                let reply = engine.reply(Scope::All, &q.question);
                let title = reply.answered().map(|a| a.title.clone());
                (reply.status() == Status::Answered).then_some((q.question.clone(), title?))
            })
            .expect("some curated question is answered");
        Edits { h, text, title }
    }

    /// The user's question `id`, mentioning the bot if `mention`.
    fn question(&self, id: u64, mention: bool) -> Value {
        let content = if mention {
            format!("<@{BOT_ID}> {}", self.text)
        } else {
            self.text.clone()
        };
        question(id, CHANNEL_ID, USER_ID, &content, mention)
    }

    /// Runs `steps` in turn, checking after each what factdesk posted.
    /// The steps of a question asked without a mention (ignored) and then
    /// edited to mention the bot (answered, as a reply to it).
    fn mention_added(&self, id: u64) -> Vec<(Step, Then)> {
        vec![
            (
                Step::Say("a question without a mention", self.question(id, false)),
                Then::Nothing,
            ),
            (
                Step::Edit("the mention added", edited(self.question(id, true))),
                Then::Answers(id),
            ),
        ]
    }

    async fn run(&self, steps: Vec<(Step, Then)>) {
        for (step, then) in steps {
            let what = match step {
                Step::Say(what, m) => {
                    self.h.say(m);
                    what
                }
                Step::Edit(what, m) => {
                    self.h.edit(m);
                    what
                }
            };
            match then {
                Then::Nothing => {
                    let path = format!("/channels/{CHANNEL_ID}/messages");
                    let posts =
                        move |r: &fake_discord::Request| r.method == "POST" && r.path == path;
                    self.h.fake.assert_silent(what, SILENCE, posts).await;
                }
                Then::Answers(to) => {
                    let sent = self.h.fake.channel_message(CHANNEL_ID).await;
                    assert_eq!(
                        sent["message_reference"]["message_id"],
                        to.to_string(),
                        "{what}: the answer replies to message {to}: {sent}"
                    );
                    assert_eq!(
                        sent["embeds"][0]["title"].as_str(),
                        Some(self.title.as_str()),
                        "{what}: the answer to the question as edited: {sent}"
                    );
                    assert_eq!(
                        sent["allowed_mentions"],
                        serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
                        "{what}: pings no one"
                    );
                }
            }
        }
        self.h.fake.finish();
    }
}

/// (1) A question without a mention is ignored; editing it to mention the
/// bot gets it answered, as a reply to it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_adding_the_mention_is_answered_as_a_reply() {
    let e = Edits::start().await;
    let id = e.h.id();
    e.run(e.mention_added(id)).await;
}

/// (2) Once an edit is answered, editing the message again posts nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_edit_posts_nothing_more() {
    let e = Edits::start().await;
    let id = e.h.id();
    let mut steps = e.mention_added(id);
    steps.push((
        Step::Edit("edited again", edited(e.question(id, true))),
        Then::Nothing,
    ));
    e.run(steps).await;
}

/// (3) A mention answered on arrival is not answered again when edited,
/// while another question edited after it is (edits do reach the bot).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_answered_on_arrival_is_not_answered_again_when_edited() {
    let e = Edits::start().await;
    let (answered, other) = (e.h.id(), e.h.id());
    e.run(vec![
        (
            Step::Say("a mention", e.question(answered, true)),
            Then::Answers(answered),
        ),
        (
            Step::Edit(
                "the answered mention edited",
                edited(e.question(answered, true)),
            ),
            Then::Nothing,
        ),
        (
            Step::Say("another question, no mention", e.question(other, false)),
            Then::Nothing,
        ),
        (
            Step::Edit(
                "the other question, mention added",
                edited(e.question(other, true)),
            ),
            Then::Answers(other),
        ),
    ])
    .await;
}

/// (4) Updates that are no edited question are ignored: no text (embeds
/// only, even one naming the bot), not edited (a link preview), edited by
/// a bot; the message's real edit afterwards is answered, to its text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_without_text_previews_and_bots_edits_are_ignored() {
    let e = Edits::start().await;
    let (id, by_bot) = (e.h.id(), e.h.id());
    let mut no_text = edited(e.question(id, true));
    no_text
        .as_object_mut()
        .expect("a message")
        .remove("content");
    let mut bots = message(by_bot, CHANNEL_ID, USER_ID + 9, true, &e.text);
    let bots_edit = {
        let mut m = edited(e.question(by_bot, true));
        m["author"]["bot"] = true.into();
        m["author"]["id"] = (USER_ID + 9).to_string().into();
        m
    };
    bots["mentions"] = serde_json::json!([]);
    e.run(vec![
        (
            Step::Say("a question without a mention", e.question(id, false)),
            Then::Nothing,
        ),
        (
            Step::Edit(
                "embeds added, no text, no author",
                embeds_only(id, CHANNEL_ID),
            ),
            Then::Nothing,
        ),
        (
            Step::Edit("no text, naming the bot", no_text),
            Then::Nothing,
        ),
        (
            Step::Edit("a link preview (not edited)", e.question(id, true)),
            Then::Nothing,
        ),
        (Step::Say("a bot's message", bots), Then::Nothing),
        (
            Step::Edit("the bot's edit adding the mention", bots_edit),
            Then::Nothing,
        ),
        (
            Step::Edit("the question's real edit", edited(e.question(id, true))),
            Then::Answers(id),
        ),
    ])
    .await;
}

/// (6) Discord sends the whole message in every MESSAGE_UPDATE, its old
/// `edited_timestamp` included, when a question is pinned, a thread is
/// started from it or its embeds change; after a restart factdesk no
/// longer remembers answering it. Only a fresh edit (within a minute) of
/// a recent message (under 15 minutes old) is answered: an old edit
/// updated now, or a fresh edit of a message sent days ago, is not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_fresh_edit_of_a_recent_message_is_answered() {
    let e = Edits::start().await;
    let now = SystemTime::now();
    let ago = |secs: u64| now - Duration::from_secs(secs);
    let days_ago = ago(3 * 24 * 3600);
    let pinned = |m: Value| {
        let mut m = m;
        m["pinned"] = true.into();
        m
    };
    // Message ids say when their message was sent.
    let (minutes_old, days_old, days_old_edited_now, fresh) = (
        snowflake(ago(600)),
        snowflake(days_ago),
        snowflake(days_ago) + 1,
        e.h.id(),
    );
    e.run(vec![
        (
            Step::Edit(
                "sent 10 minutes ago, edited 5 minutes ago, pinned now",
                pinned(edited_at(e.question(minutes_old, true), ago(300))),
            ),
            Then::Nothing,
        ),
        (
            Step::Edit(
                "sent and edited days ago, pinned now (after a restart)",
                pinned(edited_at(e.question(days_old, true), days_ago)),
            ),
            Then::Nothing,
        ),
        (
            Step::Edit(
                "sent days ago, edited now",
                edited(e.question(days_old_edited_now, true)),
            ),
            Then::Nothing,
        ),
        (
            Step::Edit("sent now, edited now", edited(e.question(fresh, true))),
            Then::Answers(fresh),
        ),
    ])
    .await;
}

/// Returns two curated questions the engine answers with different
/// entries, each with its answer's title.
fn two_answered(h: &Harness) -> [(String, String); 2] {
    let engine = h.bot.engine();
    let mut answered = engine.dataset().qa.iter().filter_map(|q| {
        let reply = engine.reply(Scope::All, &q.question);
        let title = reply.answered().map(|a| a.title.clone())?;
        (reply.status() == Status::Answered).then_some((q.question.clone(), title))
    });
    let first = answered.next().expect("some curated question is answered");
    let second = answered
        .find(|(_, title)| *title != first.1)
        .expect("two curated questions answered by different entries");
    [first, second]
}

/// (5) A question waiting its turn in a channel cooling down (another
/// question was just answered there) and edited meanwhile is answered as
/// edited: the answer to the new text, not to the text first sent, nor,
/// for a reply whose text Discord withheld and which the edit made ping
/// factdesk, the notice saying how to ask.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_edited_while_it_waits_its_turn_is_answered_as_edited() {
    let mut c = config(&data_dir());
    c.discord.channel_cooldown_secs = 2;
    let h = Harness::start(c.clone(), engine(&data_dir(), &c)).await;
    let [(first, first_title), (second, second_title)] = two_answered(&h);
    let ask = |text: &str| format!("<@{BOT_ID}> {text}");
    let (asked, withheld) = (h.id(), h.id());
    // (what, the message as sent, as edited while it waits)
    let rows = [
        (
            "a mention edited to another question",
            question(asked, CHANNEL_ID, USER_ID + 1, &ask(&first), true),
            question(asked, CHANNEL_ID, USER_ID + 1, &ask(&second), true),
        ),
        (
            "a reply whose text Discord withheld, edited to ping factdesk",
            reply_to_bot_withheld(withheld, CHANNEL_ID, USER_ID + 2),
            reply_to_bot_pinging(withheld, CHANNEL_ID, USER_ID + 2, &second),
        ),
    ];
    for (what, sent, edit) in rows {
        // Another question, answered, makes the channel cool down.
        let before = h.id();
        h.say(question(before, CHANNEL_ID, USER_ID, &ask(&first), true));
        let answer = h.fake.channel_message(CHANNEL_ID).await;
        assert_eq!(
            answer["embeds"][0]["title"].as_str(),
            Some(first_title.as_str()),
            "{what}: the question before it is answered: {answer}"
        );
        let id = sent["id"].as_str().unwrap_or_default().to_string();
        h.say(sent);
        // Well within its 2 s wait for the channel.
        tokio::time::sleep(Duration::from_millis(300)).await;
        h.edit(edited(edit));
        let what = format!("{what}: the answer to the text as edited while it waited");
        answered_once(&h, &id, &second_title, &what).await;
    }
    h.fake.finish();
}

/// The handlers of a message and of its edits run at the same time, so
/// versions of a message waiting its turn may be recorded out of order:
/// the later edit is answered, whichever arrived last, and an earlier
/// version arriving after it (the message itself, replayed) changes
/// nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_latest_edit_is_answered_whatever_order_versions_arrive_in() {
    let mut c = config(&data_dir());
    c.discord.channel_cooldown_secs = 2;
    let h = Harness::start(c.clone(), engine(&data_dir(), &c)).await;
    let [(first, first_title), (second, second_title)] = two_answered(&h);
    let ask = |text: &str| format!("<@{BOT_ID}> {text}");
    let before = h.id();
    h.say(question(before, CHANNEL_ID, USER_ID, &ask(&first), true));
    let answer = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(
        answer["embeds"][0]["title"].as_str(),
        Some(first_title.as_str()),
        "the question before it is answered: {answer}"
    );
    let id = h.id();
    let version = |text: &str, at: Option<SystemTime>| {
        let m = question(id, CHANNEL_ID, USER_ID + 1, &ask(text), true);
        match at {
            Some(at) => edited_at(m, at),
            None => m,
        }
    };
    let now = SystemTime::now();
    h.say(version(&first, None));
    // Well within its 2 s wait for the channel: the later edit, then an
    // earlier one, then the message as first sent again.
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Each handled before the next arrives, so the order is the one here.
    let pause = Duration::from_millis(150);
    h.edit(version(&second, Some(now)));
    tokio::time::sleep(pause).await;
    h.edit(version(&first, Some(now - Duration::from_secs(10))));
    tokio::time::sleep(pause).await;
    h.say(version(&first, None));
    answered_once(
        &h,
        &id.to_string(),
        &second_title,
        "the answer to the latest edit",
    )
    .await;
    h.fake.finish();
}

/// Asserts the next post in the channel is the reply to message `id`
/// titled `title`, and that no second post follows it.
async fn answered_once(h: &Harness, id: &str, title: &str, what: &str) {
    let answer = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(
        answer["message_reference"]["message_id"], id,
        "{what}: a reply to the message: {answer}"
    );
    assert_eq!(
        answer["embeds"][0]["title"].as_str(),
        Some(title),
        "{what}: {answer}"
    );
    h.fake
        .assert_silent(
            &format!("{what}: a second post to the message"),
            SILENCE,
            move |r| r.method == "POST" && r.path.ends_with("/messages"),
        )
        .await;
}
