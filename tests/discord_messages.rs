//! End to end through the real serenity client and a fake Discord:
//! questions typed in channels (mentions, replies to the bot, watched
//! channels) and in DMs, what factdesk ignores, cooldowns, never pinging
//! anyone, and an answer to a question deleted meanwhile.
#![cfg(feature = "discord")]

mod fake_discord;

use std::time::Duration;

use factdesk::config::Config;
use factdesk::search::Scope;
use factdesk::Status;
use fake_discord::fixtures::{
    edited, message, question, reply_to_bot, reply_to_bot_pinging, reply_to_bot_withheld,
};
use fake_discord::requests::posts_in;
use fake_discord::setup::{config, data_dir, engine};
use fake_discord::{Canned, FakeDiscord, Harness, BOT_ID, CHANNEL_ID, USER_ID};
use serde_json::Value;

const WATCHED: u64 = 555_000;
/// How long to wait before deciding factdesk stayed silent.
const SILENCE: Duration = Duration::from_millis(300);

async fn harness(tune: impl FnOnce(&mut Config)) -> Harness {
    let mut c = config(&data_dir());
    tune(&mut c);
    let e = engine(&data_dir(), &c);
    Harness::start(c, e).await
}

/// Asserts `sent` is a reply to message `to` with the answer's title.
fn assert_reply(sent: &Value, to: u64, title: Option<&str>) {
    assert_eq!(
        sent["message_reference"]["message_id"],
        to.to_string(),
        "replies to the question: {sent}"
    );
    assert_eq!(sent["embeds"][0]["title"].as_str(), title, "{sent}");
    let am = &sent["allowed_mentions"];
    assert_eq!(
        am,
        &serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
}

/// Returns a curated question the engine answers.
fn answerable(h: &Harness) -> String {
    let engine = h.bot.engine();
    let qa = engine.dataset().qa.iter();
    qa.map(|q| q.question.clone())
        .find(|q| engine.reply(Scope::All, q).status() == Status::Answered)
        .expect("some curated question is answered")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_is_answered_as_a_reply_without_pinging_anyone() {
    let h = harness(|_| {}).await;
    let text = answerable(&h);
    let content = format!("<@{BOT_ID}> {text} @everyone <@&777> <@{}>", USER_ID + 5);
    let expected = h.bot.engine().reply(Scope::All, &text);
    assert_eq!(expected.status(), Status::Answered);
    let id = h.id();
    h.say(question(id, CHANNEL_ID, USER_ID, &content, true));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_reply(&sent, id, expected.answered().map(|a| a.title.as_str()));
    h.fake.finish();
}

/// A mention that arrives right behind READY, while factdesk may still be
/// handling READY itself, is answered: who factdesk is comes from what
/// serenity read off READY, not from factdesk's own READY handler.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_arriving_with_ready_is_answered() {
    let fake = FakeDiscord::start().await;
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let text = "who is the ambassador";
    let expected = e.reply(Scope::All, text);
    assert_eq!(expected.status(), Status::Answered, "{text:?} is answered");
    let content = format!("<@{BOT_ID}> {text}");
    fake.dispatch_with_ready(
        "MESSAGE_CREATE",
        question(7_000, CHANNEL_ID, USER_ID, &content, true),
    );
    let http = fake.http();
    let h = Harness::start_on(fake, http, c, e).await;
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_reply(&sent, 7_000, expected.answered().map(|a| a.title.as_str()));
    h.fake.finish();
}

/// A reply to the bot whose text Discord sends is answered: one with the
/// reply ping on (it mentions the bot), and one with it off that a bot
/// with the MESSAGE_CONTENT intent receives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_to_the_bot_is_answered() {
    let h = harness(|_| {}).await;
    let text = answerable(&h);
    let expected = h.bot.engine().reply(Scope::All, &text);
    let title = expected.answered().map(|a| a.title.as_str());
    // (what, the reply)
    let rows = [
        (
            "ping on",
            reply_to_bot_pinging(h.id(), CHANNEL_ID, USER_ID, &text),
        ),
        (
            "ping off, text sent (MESSAGE_CONTENT)",
            reply_to_bot(h.id(), CHANNEL_ID, USER_ID + 1, &text),
        ),
    ];
    for (what, m) in rows {
        let id = id_of(&m);
        h.say(m);
        let sent = h.fake.channel_message(CHANNEL_ID).await;
        assert!(title.is_some(), "{what}: an answerable question: {text}");
        assert_reply(&sent, id, title);
    }
    h.fake.finish();
}

/// A reply to the bot with the reply ping off, as Discord sends it to a
/// bot without MESSAGE_CONTENT (no text), is not answered as an empty
/// question (the generic hint): the asker is told the bot could not read
/// it and how to ask so it can, in plain text, as a reply, pinging no one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_whose_text_discord_withheld_is_told_how_to_ask() {
    let h = harness(|_| {}).await;
    let id = h.id();
    h.say(reply_to_bot_withheld(id, CHANNEL_ID, USER_ID));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(
        sent["message_reference"]["message_id"],
        id.to_string(),
        "replies to the unreadable message: {sent}"
    );
    assert!(
        sent["embeds"].as_array().is_none_or(Vec::is_empty),
        "a short notice, not an answer or the generic hint: {sent}"
    );
    let content = sent["content"].as_str().unwrap_or_default();
    let mention = format!("<@{BOT_ID}>");
    for (part, why) in [
        ("could not read", "says the bot could not read the message"),
        ("@ switched ON", "says to keep the reply ping on"),
        (mention.as_str(), "says to mention the bot"),
        ("/ask", "points to the slash command"),
    ] {
        assert!(content.contains(part), "the notice {why}: {content:?}");
    }
    assert_eq!(
        sent["allowed_mentions"],
        serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
        "pings no one, the bot included"
    );
    h.fake.finish();
}

/// Returns the id of message `m`.
fn id_of(m: &Value) -> u64 {
    m["id"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("a message id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_messages_bots_and_itself_are_ignored() {
    let h = harness(|_| {}).await;
    let text = "when did russia recognise the taliban";
    h.say(question(h.id(), CHANNEL_ID, USER_ID, text, false));
    let mut from_bot = question(
        h.id(),
        CHANNEL_ID,
        USER_ID + 9,
        &format!("<@{BOT_ID}> {text}"),
        true,
    );
    from_bot["author"]["bot"] = true.into();
    h.say(from_bot);
    h.say(message(
        h.id(),
        CHANNEL_ID,
        BOT_ID,
        true,
        &format!("<@{BOT_ID}> {text}"),
    ));
    h.fake
        .assert_silent("ignored messages", SILENCE, posts_in(CHANNEL_ID))
        .await;
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_watched_channel_gets_sure_answers_and_silence_otherwise() {
    let h = harness(|c| c.discord.watch_channels = vec![WATCHED]).await;
    let intents = h.fake.identify()[0]["intents"].as_u64().expect("intents");
    assert_eq!(
        intents & (1 << 15),
        1 << 15,
        "MESSAGE_CONTENT is requested for watched channels"
    );
    let engine = h.bot.engine();
    let sure = answerable(&h);
    let expected = engine.reply(Scope::All, &sure);
    assert!(
        expected.status() == Status::Answered && expected.confidence() >= 0.8,
        "{expected:?}"
    );
    let id = h.id();
    h.say(question(id, WATCHED, USER_ID, &sure, false));
    let sent = h.fake.channel_message(WATCHED).await;
    assert_reply(&sent, id, expected.answered().map(|a| a.title.as_str()));
    for chat in [
        "anyone up for pizza tonight?",
        "lol",
        "what time is the match tonight",
    ] {
        let reply = engine.reply(Scope::All, chat);
        assert!(
            reply.status() != Status::Answered || reply.confidence() < 0.8,
            "{chat:?} must not be a sure answer"
        );
        h.say(question(h.id(), WATCHED, USER_ID + 1, chat, false));
    }
    h.fake
        .assert_silent(
            "off-topic chat in a watched channel",
            SILENCE,
            posts_in(WATCHED),
        )
        .await;
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_during_a_cooldown_is_ignored() {
    let h = harness(|c| c.discord.user_cooldown_secs = 60).await;
    let ask = |text: &str| format!("<@{BOT_ID}> {text}");
    let first = h.id();
    h.say(question(
        first,
        CHANNEL_ID,
        USER_ID,
        &ask("when did russia recognise the taliban"),
        true,
    ));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(sent["message_reference"]["message_id"], first.to_string());
    h.say(question(
        h.id(),
        CHANNEL_ID,
        USER_ID,
        &ask("who is the ambassador"),
        true,
    ));
    h.fake
        .assert_silent(
            "a second question within the cooldown",
            SILENCE,
            posts_in(CHANNEL_ID),
        )
        .await;
    let other = h.id();
    h.say(question(
        other,
        CHANNEL_ID,
        USER_ID + 1,
        &ask("who is the ambassador"),
        true,
    ));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(
        sent["message_reference"]["message_id"],
        other.to_string(),
        "another user is answered"
    );
    h.fake.finish();
}

/// Returns the next message the bot posts (and the fake accepts) in
/// `channel`, with when it arrived.
async fn posted_in(h: &Harness, channel: u64, what: &str) -> (Value, std::time::Instant) {
    let r = h
        .fake
        .request(what, |r| posts_in(channel)(r) && r.status < 300)
        .await;
    (r.body, r.at)
}

/// With the default cooldowns (5 s a user, 2 s a channel), a question
/// from another user in a channel that just got an answer is not dropped:
/// it is answered, as a reply to it, once the channel's cooldown ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_question_in_a_channel_cooling_down_is_answered_in_its_turn() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 5;
        c.discord.channel_cooldown_secs = 2;
    })
    .await;
    let ask = format!("<@{BOT_ID}> {}", answerable(&h));
    let first = h.id();
    h.say(question(first, CHANNEL_ID, USER_ID, &ask, true));
    let (sent, at_first) = posted_in(&h, CHANNEL_ID, "the first answer").await;
    assert_eq!(sent["message_reference"]["message_id"], first.to_string());
    let other = h.id();
    h.say(question(other, CHANNEL_ID, USER_ID + 1, &ask, true));
    let (sent, at_other) = posted_in(&h, CHANNEL_ID, "the other user's answer").await;
    assert_eq!(
        sent["message_reference"]["message_id"],
        other.to_string(),
        "the other user's question is answered, as a reply to it: {sent}"
    );
    assert!(
        sent["embeds"].as_array().is_some_and(|e| !e.is_empty()),
        "an answer, not a notice: {sent}"
    );
    let gap = at_other - at_first;
    assert!(
        gap >= Duration::from_millis(1500),
        "posted once the channel's 2 s cooldown ended (counted from the first question), not before: {gap:?} after the first answer"
    );
    h.fake.finish();
}

/// At most four questions wait for a channel's cooldown: each is answered
/// in its turn, one channel cooldown apart; one more is told to ask again
/// (a plain reply, pinging no one), not dropped: in the channel's busy
/// notice, which goes with the first turn (when there is room again), not
/// on top of the answer just posted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_four_questions_waiting_the_asker_is_told_to_ask_again_with_the_next_turn() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 5;
        c.discord.channel_cooldown_secs = 1;
    })
    .await;
    let ask = format!("<@{BOT_ID}> {}", answerable(&h));
    let first = h.id();
    h.say(question(first, CHANNEL_ID, USER_ID, &ask, true));
    let (_, at_first) = posted_in(&h, CHANNEL_ID, "the first answer").await;
    // Five other users ask at once: four wait, one is one too many.
    let asked: Vec<u64> = (1..=5)
        .map(|n| {
            let id = h.id();
            h.say(question(id, CHANNEL_ID, USER_ID + n, &ask, true));
            id
        })
        .collect();
    let mut answers = Vec::new();
    let mut notices = Vec::new();
    for n in 0..5 {
        let (sent, at) = posted_in(&h, CHANNEL_ID, &format!("post {n} after the first")).await;
        let to: u64 = sent["message_reference"]["message_id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("a reply to a question: {sent}"));
        assert!(asked.contains(&to), "a reply to one of the five: {sent}");
        if sent["embeds"].as_array().is_some_and(|e| !e.is_empty()) {
            answers.push((to, at));
        } else {
            notices.push((sent, at));
        }
    }
    assert_eq!(
        answers.len(),
        4,
        "four answered in their turn: {notices:#?}"
    );
    assert_eq!(notices.len(), 1, "one told to ask again: {notices:#?}");
    let (notice, at_notice) = &notices[0];
    let text = notice["content"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("Too many questions")
            && ["please ask again in 4 s.", "please ask again in 5 s."]
                .iter()
                .any(|when| text.contains(when)),
        "says when to ask again (what is left of its user's 5 s cooldown at the first turn, 1 s on): {text}"
    );
    let after = *at_notice - at_first;
    assert!(
        after >= Duration::from_millis(600) && after < Duration::from_millis(1900),
        "told with the first turn (1 s after the first question), not on top of the first answer: {after:?}"
    );
    // The first turn counts from the first question, a little before its
    // answer was posted; each next turn from the turn before.
    let mut last = at_first - Duration::from_millis(200);
    for (to, at) in &answers {
        assert!(
            *at - last >= Duration::from_millis(900),
            "message {to}: answered one channel cooldown (1 s) after the post before: {:?}",
            *at - last
        );
        last = *at;
    }
    h.fake.finish();
}

/// Ten users mention factdesk in one channel at once (5 s a user, 2 s a
/// channel): the first is answered at once and four wait their turns, 2 s
/// apart; the other five are told to ask again in one notice, a reply to
/// one of them naming the other four (pinging no one), posted with the
/// channel's next turn rather than on top of the first answer. Every
/// question is answered or told, and nothing else is posted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_in_one_channel_gets_one_notice_for_everyone_told_to_ask_again() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 5;
        c.discord.channel_cooldown_secs = 2;
    })
    .await;
    let ask = format!("<@{BOT_ID}> {}", answerable(&h));
    let started = std::time::Instant::now();
    // (message id, its author)
    let asked: Vec<(u64, u64)> = (0..10)
        .map(|n| {
            let id = h.id();
            h.say(question(id, CHANNEL_ID, USER_ID + n, &ask, true));
            (id, USER_ID + n)
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let early: Vec<String> = h
        .fake
        .requests()
        .iter()
        .filter(|r| {
            posts_in(CHANNEL_ID)(r) && r.at.duration_since(started) < Duration::from_millis(1500)
        })
        .map(|r| {
            r.body["content"]
                .as_str()
                .unwrap_or("<an embed>")
                .to_string()
        })
        .collect();
    assert!(
        early.len() <= 1,
        "{} posts within 1.5 s of the burst; only the first answer belongs there (the channel gets a post every 2 s; Discord allows 5 a channel per 5 s): {early:#?}",
        early.len()
    );
    // Five answers (the first and four in their turns) and one notice.
    let mut answered = Vec::new();
    let mut notices = Vec::new();
    for n in 0..6 {
        let (sent, _) = posted_in(&h, CHANNEL_ID, &format!("post {n} after the burst")).await;
        let to: u64 = sent["message_reference"]["message_id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("a reply to a question: {sent}"));
        let author = asked
            .iter()
            .find(|(id, _)| *id == to)
            .map(|(_, author)| *author)
            .unwrap_or_else(|| panic!("a reply to one of the ten: {sent}"));
        if sent["embeds"].as_array().is_some_and(|e| !e.is_empty()) {
            answered.push(author);
        } else {
            notices.push((author, sent));
        }
    }
    assert_eq!(answered.len(), 5, "five answered: {notices:#?}");
    assert_eq!(notices.len(), 1, "one notice for the rest: {notices:#?}");
    let (replied_to, notice) = &notices[0];
    let text = notice["content"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("Too many questions") && text.contains("please ask again in"),
        "the notice says to ask again, and when: {text}"
    );
    let told: Vec<u64> = asked
        .iter()
        .map(|(_, author)| *author)
        .filter(|author| author == replied_to || text.contains(&format!("<@{author}>")))
        .collect();
    assert_eq!(
        told.len(),
        5,
        "the notice replies to one asker and names the other four: {text}"
    );
    for author in asked.iter().map(|(_, author)| author) {
        assert!(
            answered.contains(author) != told.contains(author),
            "user {author} is either answered or told, once: answered {answered:?}, told {told:?}"
        );
    }
    assert_eq!(
        notice["allowed_mentions"],
        serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false}),
        "the notice names the askers but pings no one"
    );
    h.fake
        .assert_silent(
            "a post after every question was dealt with",
            SILENCE,
            posts_in(CHANNEL_ID),
        )
        .await;
    h.fake.finish();
}

/// When too many questions wait for a channel, a question is told to ask
/// again later (in the channel's next busy notice, with its next turn),
/// but a reply whose text Discord withheld is told at once how to ask so
/// that factdesk can read it (asking again later, the same way, would not
/// help).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_four_waiting_a_reply_whose_text_was_withheld_is_told_how_to_ask() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 60;
        c.discord.channel_cooldown_secs = 3;
    })
    .await;
    let ask = format!("<@{BOT_ID}> {}", answerable(&h));
    h.say(question(h.id(), CHANNEL_ID, USER_ID, &ask, true));
    posted_in(&h, CHANNEL_ID, "the first answer").await;
    // Four other users ask: all four wait (turns at 3, 6, 9 and 12 s), the
    // channel is full.
    for n in 1..=4 {
        h.say(question(h.id(), CHANNEL_ID, USER_ID + n, &ask, true));
    }
    tokio::time::sleep(SILENCE).await;
    // (what, the message from one more user, what it is told, and within)
    let rows = [
        (
            "a reply whose text Discord withheld",
            reply_to_bot_withheld(h.id(), CHANNEL_ID, USER_ID + 6),
            "I could not read your message",
            Duration::from_secs(1),
        ),
        (
            "a question",
            question(h.id(), CHANNEL_ID, USER_ID + 5, &ask, true),
            "Too many questions",
            Duration::from_secs(4),
        ),
    ];
    for (what, m, told, within) in rows {
        let id = id_of(&m).to_string();
        h.say(m);
        let to_it = move |r: &fake_discord::Request| {
            posts_in(CHANNEL_ID)(r)
                && r.status < 300
                && r.body["message_reference"]["message_id"] == id
        };
        let sent = h.fake.request_within(what, within, to_it).await.body;
        let text = sent["content"].as_str().unwrap_or_default();
        assert!(text.starts_with(told), "{what}: told {told:?}...: {text:?}");
    }
    h.fake.finish();
}

/// Sends `message` (in CHANNEL_ID) as edited, and asserts that an answer
/// to message `id` is created for it within 10 s: a reply to it with an
/// embed. Reads what Discord created, not only the requests: a post whose
/// enforced nonce Discord had seen returns the earlier message and
/// creates nothing.
async fn answered_when_edited(h: &Harness, id: u64, message: Value, what: &str) {
    let before = h.fake.created_in(CHANNEL_ID).len();
    h.edit(edited(message));
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while h.fake.created_in(CHANNEL_ID).len() <= before {
        assert!(
            std::time::Instant::now() < until,
            "{what}: nothing more was created in 10 s ({before} messages)"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (sent, _) = posted_in(h, CHANNEL_ID, what).await;
    assert_eq!(
        sent["message_reference"]["message_id"],
        id.to_string(),
        "{what}: replies to the question: {sent}"
    );
    assert!(
        sent["embeds"].as_array().is_some_and(|e| !e.is_empty()),
        "{what}: an answer, not a notice: {sent}"
    );
}

/// A question told to ask again (too many waiting) is answered when its
/// asker edits it: the notice and the answer are two posts to the same
/// message, each posted once under a nonce of its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_told_to_ask_again_is_answered_when_edited() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 1;
        c.discord.channel_cooldown_secs = 1;
    })
    .await;
    let ask = format!("<@{BOT_ID}> {}", answerable(&h));
    h.say(question(h.id(), CHANNEL_ID, USER_ID, &ask, true));
    posted_in(&h, CHANNEL_ID, "the first answer").await;
    let asked: Vec<(u64, u64)> = (1..=5)
        .map(|n| {
            let id = h.id();
            h.say(question(id, CHANNEL_ID, USER_ID + n, &ask, true));
            (id, USER_ID + n)
        })
        .collect();
    let mut told = None;
    for n in 0..5 {
        let (sent, _) = posted_in(&h, CHANNEL_ID, &format!("post {n} after the first")).await;
        if sent["embeds"].as_array().is_none_or(Vec::is_empty) {
            let to = sent["message_reference"]["message_id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            told = asked.iter().find(|(id, _)| id.to_string() == to).copied();
        }
    }
    let (id, author) = told.expect("one asker told to ask again");
    // Past the asker's and the channel's cooldowns.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let edit = question(id, CHANNEL_ID, author, &ask, true);
    answered_when_edited(&h, id, edit, "the edited question").await;
    h.fake.finish();
}

/// The notice to a reply whose text Discord withheld is no answer: the
/// message edited to mention factdesk is answered, at once (the notice
/// spent none of the asker's cooldown).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_withheld_notice_the_edited_reply_is_answered() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 5;
        c.discord.channel_cooldown_secs = 0;
    })
    .await;
    let question_text = answerable(&h);
    let id = h.id();
    h.say(reply_to_bot_withheld(id, CHANNEL_ID, USER_ID));
    let (notice, _) = posted_in(&h, CHANNEL_ID, "the notice").await;
    assert!(
        notice["embeds"].as_array().is_none_or(Vec::is_empty),
        "a notice first: {notice}"
    );
    // As a person would: the edit comes after the notice was read, once
    // factdesk has Discord's response to it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let edit = reply_to_bot_pinging(id, CHANNEL_ID, USER_ID, &question_text);
    answered_when_edited(&h, id, edit, "the reply edited to ping factdesk").await;
    h.fake.finish();
}

/// A question whose answer Discord refused for good gives its cooldowns
/// back: the asker who asks again at once is answered, and that answer
/// spends them as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_lost_for_good_gives_the_cooldown_back() {
    let h = harness(|c| {
        c.discord.user_cooldown_secs = 60;
        c.discord.channel_cooldown_secs = 60;
    })
    .await;
    let ask = format!("<@{BOT_ID}> who is the ambassador");
    // (what, the channel, Discord's final refusal of the first answer)
    let rows = [
        (
            "a bad request",
            333_050u64,
            Canned::error(400, 50035, "Invalid Form Body"),
        ),
        (
            "an unknown channel",
            333_051,
            Canned::error(404, 10003, "Unknown Channel"),
        ),
    ];
    for (n, (what, channel, refusal)) in rows.into_iter().enumerate() {
        let user = USER_ID + 10 + n as u64;
        h.fake.script(posts_in(channel), vec![refusal]);
        h.say(question(h.id(), channel, user, &ask, true));
        let refused = h
            .fake
            .request(&format!("{what}: the first answer"), |r| {
                posts_in(channel)(r) && r.status >= 400
            })
            .await;
        assert!(refused.status >= 400, "{what}: refused: {refused:?}");
        // The fake records the refusal before the bot reads it: give the
        // bot time to read it and give up the answer.
        tokio::time::sleep(SILENCE).await;
        let again = h.id();
        h.say(question(again, channel, user, &ask, true));
        let sent = h.fake.channel_message(channel).await;
        assert_eq!(
            sent["message_reference"]["message_id"],
            again.to_string(),
            "{what}: asked again within the cooldown after the answer was lost: answered"
        );
        h.say(question(h.id(), channel, user, &ask, true));
        h.fake
            .assert_silent(
                &format!("{what}: a third question, within the delivered answer's cooldown"),
                SILENCE,
                posts_in(channel),
            )
            .await;
    }
    h.fake.finish();
}

/// Returns `message` as sent in a DM with the bot: no guild, no member.
fn in_dm(mut message: Value, dm: u64) -> Value {
    let m = message.as_object_mut().expect("a message");
    m.remove("guild_id");
    m.remove("member");
    m.insert("channel_id".into(), dm.to_string().into());
    if let Some(r) = m.get_mut("message_reference") {
        r.as_object_mut().map(|r| r.remove("guild_id"));
        r["channel_id"] = dm.to_string().into();
    }
    if let Some(r) = m.get_mut("referenced_message") {
        r.as_object_mut().map(|r| r.remove("guild_id"));
        r["channel_id"] = dm.to_string().into();
    }
    message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_message_is_answered_as_a_reply() {
    let h = harness(|_| {}).await;
    let text = "who is the ambassador";
    let expected = h.bot.engine().reply(Scope::All, text);
    let title = expected.answered().map(|a| a.title.as_str());
    let dm = 666_000;
    // (what, the message)
    let rows = [
        ("plain", question(h.id(), dm, USER_ID, text, false)),
        (
            "mention",
            question(h.id(), dm, USER_ID, &format!("<@{BOT_ID}> {text}"), true),
        ),
        ("reply to the bot", reply_to_bot(h.id(), dm, USER_ID, text)),
    ];
    for (what, m) in rows {
        let id: u64 = m["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("an id");
        h.say(in_dm(m, dm));
        let sent = h.fake.channel_message(dm).await;
        assert_reply(&sent, id, title);
        assert!(
            sent["message_reference"]["guild_id"].is_null(),
            "{what}: {sent}"
        );
    }
    h.fake.finish();
}

/// A question deleted before its answer is posted still gets the answer
/// (Discord posts it without the reply reference, as factdesk asks), not
/// a refused reply.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_deleted_before_the_answer_still_gets_it() {
    let h = harness(|_| {}).await;
    let id = h.id();
    h.fake.delete(id);
    let text = format!("<@{BOT_ID}> who is the ambassador");
    h.say(question(id, CHANNEL_ID, USER_ID, &text, true));
    let sent = h.fake.channel_message(CHANNEL_ID).await;
    assert_eq!(sent["message_reference"]["message_id"], id.to_string());
    assert_eq!(
        h.fake
            .requests()
            .iter()
            .filter(|r| posts_in(CHANNEL_ID)(r))
            .map(|r| r.status)
            .collect::<Vec<_>>(),
        [200],
        "posted at the first try"
    );
    h.fake.finish();
}
