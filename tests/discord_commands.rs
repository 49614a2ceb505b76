//! End to end through the real serenity client and a fake Discord: slash
//! command registration, answers with citations, autocomplete, "did you
//! mean" buttons, pagination, listings, ephemeral no-match and cooldowns.
#![cfg(feature = "discord")]

mod fake_discord;

use factdesk::search::Scope;
use factdesk::{Reply, Status};
use fake_discord::requests::{callbacks_of, posts_in};
use fake_discord::setup::{append, config, copy_of_data, data_dir, engine, TWINS};
use fake_discord::{Harness, APP_ID, BOT_ID, GUILD_ID, USER_ID};
use serde_json::Value;

const EPHEMERAL: u64 = 64;

async fn harness() -> Harness {
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    Harness::start(c, e).await
}

fn expected(scope: Scope, text: &str) -> Reply {
    let c = config(&data_dir());
    engine(&data_dir(), &c).reply(scope, text)
}

fn flags(response: &Value) -> u64 {
    response["data"]["flags"].as_u64().unwrap_or(0)
}

fn embed(response: &Value) -> &Value {
    &response["data"]["embeds"][0]
}

/// Asserts `response` is the public answer embed of `reply`.
fn assert_answer(response: &Value, whole: &Reply, what: &str) {
    let Reply::Answered(reply) = whole else {
        panic!("{what}: the engine should answer: {whole:?}");
    };
    assert_eq!(
        response["type"], 4,
        "{what}: a message response: {response}"
    );
    assert_eq!(flags(response) & EPHEMERAL, 0, "{what}: answers are public");
    let e = embed(response);
    assert_eq!(
        e["title"].as_str(),
        Some(reply.title.as_str()),
        "{what}: title"
    );
    let description = e["description"].as_str().unwrap_or_default();
    assert!(
        description.starts_with(&reply.answer),
        "{what}: {description}"
    );
    assert!(
        description.ends_with(&reply.markers()),
        "{what}: citation markers in {description}"
    );
    let sources = e["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == "Sources"));
    let sources = sources.unwrap_or_else(|| panic!("{what}: no Sources field in {e}"));
    for n in 1..=reply.citations.len() {
        assert!(
            sources["value"]
                .as_str()
                .unwrap_or_default()
                .contains(&format!("[{n}] ")),
            "{what}: citation {n}"
        );
    }
    if let Some(caveat) = reply.caveat_line() {
        let shown = e["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == "Caveat"));
        assert_eq!(
            shown.map(|f| f["value"].as_str()),
            Some(Some(caveat.as_str())),
            "{what}: caveat"
        );
    }
    assert_eq!(
        e["footer"]["text"].as_str(),
        Some(whole.as_of_line().as_str()),
        "{what}: as-of footer"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_every_command_globally_with_plain_intents() {
    let h = harness().await;
    assert_eq!(
        h.registration.path,
        format!("/applications/{APP_ID}/commands")
    );
    let commands = h.registration.body.as_array().expect("a list of commands");
    let names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(
        names,
        ["ask", "when", "who", "timeline", "sources", "help"],
        "/reload is not for every server"
    );
    let option = |i: usize| &commands[i]["options"][0];
    assert_eq!(
        (option(0)["name"].as_str(), option(0)["required"].as_bool()),
        (Some("question"), Some(true))
    );
    assert_eq!(
        (
            option(1)["name"].as_str(),
            option(1)["autocomplete"].as_bool()
        ),
        (Some("event"), Some(true))
    );
    assert_eq!(
        (
            option(2)["name"].as_str(),
            option(2)["autocomplete"].as_bool()
        ),
        (Some("name_or_role"), Some(true))
    );
    for c in commands {
        assert_eq!(
            c["contexts"],
            serde_json::json!([0, 1]),
            "servers and DMs: {c}"
        );
        assert!(c.get("dm_permission").is_none(), "deprecated: {c}");
    }
    let identify = h.fake.identify();
    let intents = identify[0]["intents"].as_u64().expect("intents");
    assert_eq!(
        intents,
        (1 << 9) | (1 << 12),
        "GUILD_MESSAGES | DIRECT_MESSAGES, no privileged intent"
    );
    h.fake.finish();
}

/// A registration request: its path and the names of its commands.
type Registration<'a> = (String, Vec<&'a str>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_is_registered_only_in_the_admin_guild() {
    const ADMIN: u64 = 222_999;
    let global = format!("/applications/{APP_ID}/commands");
    let guild = |g: u64| format!("/applications/{APP_ID}/guilds/{g}/commands");
    let public = ["ask", "when", "who", "timeline", "sources", "help"];
    let both = [
        "ask", "when", "who", "timeline", "sources", "help", "reload",
    ];
    // (dev guild, admin guild, the registrations: path and names)
    let rows: [(u64, u64, Vec<Registration>); 4] = [
        (0, 0, vec![(global.clone(), public.to_vec())]),
        (
            0,
            ADMIN,
            vec![
                (global.clone(), public.to_vec()),
                (guild(ADMIN), vec!["reload"]),
            ],
        ),
        (GUILD_ID, 0, vec![(guild(GUILD_ID), public.to_vec())]),
        (GUILD_ID, GUILD_ID, vec![(guild(GUILD_ID), both.to_vec())]),
    ];
    for (dev, admin, want) in rows {
        let mut c = config(&data_dir());
        c.discord.dev_guild_id = dev;
        c.discord.admin_guild_id = admin;
        let e = engine(&data_dir(), &c);
        let h = Harness::start(c, e).await;
        let mut seen = vec![h.registration.clone()];
        for _ in 1..want.len() {
            seen.push(
                h.fake
                    .request("the admin guild's registration", |r| r.method == "PUT")
                    .await,
            );
        }
        let seen: Vec<Registration> = seen
            .iter()
            .map(|r| {
                let names = r.body.as_array().into_iter().flatten();
                (
                    r.path.clone(),
                    names.filter_map(|c| c["name"].as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(seen, want, "dev {dev}, admin {admin}");
        if let Some(reload) = h
            .registration
            .body
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["name"] == "reload")
        {
            assert_eq!(reload["default_member_permissions"], "32", "MANAGE_GUILD");
            assert_eq!(reload["contexts"], serde_json::json!([0]), "servers only");
        }
        h.fake
            .assert_silent(
                "another registration",
                std::time::Duration::from_millis(100),
                |r| r.method == "PUT",
            )
            .await;
        h.fake.finish();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_who_and_ask_are_answered_with_citations_and_caveat() {
    let h = harness().await;
    let rows = [
        (
            "when",
            "event",
            "recognition",
            Scope::Timeline,
            "event:russia-recognises",
        ),
        (
            "who",
            "name_or_role",
            "ambassador",
            Scope::People,
            "person:gul-hassan-hassan",
        ),
    ];
    for (command, option, text, scope, reference) in rows {
        let reply = expected(scope, text);
        if !reference.is_empty() {
            let got = reply
                .answered()
                .map_or("-:-".to_string(), |a| a.entry.to_string());
            assert_eq!(got, reference, "/{command} {text}");
        }
        let response = h.command(command, &[(option, text)], USER_ID).await;
        assert_answer(&response, &reply, &format!("/{command} {text}"));
    }
    // /ask with a curated question that has a caveat.
    let engine = h.bot.engine();
    let with_caveat = engine.dataset().qa.iter().filter(|q| q.caveat.is_some());
    let (question, reply) = with_caveat
        .map(|q| (q.question.clone(), engine.reply(Scope::All, &q.question)))
        .find(|(_, r)| r.answered().is_some_and(|a| a.caveat.is_some()))
        .expect("a curated question with a caveat is answered");
    let response = h.command("ask", &[("question", &question)], USER_ID).await;
    assert_answer(&response, &reply, &format!("/ask {question}"));
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_titles_and_names_and_a_choice_answers() {
    let h = harness().await;
    let all = h.autocomplete("when", "event", "").await;
    let events = h.bot.engine().dataset().events.len();
    assert_eq!(
        all.len(),
        events.min(25),
        "empty input: the first 25 events"
    );
    let recog = h.autocomplete("when", "event", "recog").await;
    let recognition = h
        .bot
        .engine()
        .dataset()
        .events
        .iter()
        .find(|e| e.id == "russia-recognises")
        .map(|e| e.title.clone());
    let recognition = recognition.expect("the event russia-recognises");
    assert!(
        recog.iter().any(|(_, v)| *v == recognition),
        "'recog' offers {recognition:?}: {recog:?}"
    );
    let people = h.autocomplete("who", "name_or_role", "ambass").await;
    assert!(
        people
            .iter()
            .any(|(n, _)| n.starts_with("Gul Hassan Hassan")),
        "{people:?}"
    );
    let (_, value) = &people[0];
    let response = h.command("who", &[("name_or_role", value)], USER_ID).await;
    assert_answer(
        &response,
        &expected(Scope::People, value),
        "the first choice of 'ambass'",
    );
    let typed = h
        .command(
            "when",
            &[("event", "the day russia recognised them")],
            USER_ID,
        )
        .await;
    assert_eq!(
        typed["type"], 4,
        "a value typed without picking a choice is asked as text"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggest_shows_buttons_and_pressing_one_shows_that_answer() {
    let data = copy_of_data();
    append(data.path(), "timeline.toml", TWINS);
    let mut c = config(data.path());
    // A tie is a suggestion whenever the margin is above zero.
    c.matching.margin = c.matching.margin.max(0.05);
    let e = engine(data.path(), &c);
    let question = "zeppelin summit";
    let reply = e.reply(Scope::Timeline, question);
    assert_eq!(
        reply.status(),
        Status::Suggest,
        "two equal matches give choices: {reply:?}"
    );
    let h = Harness::start(c, e).await;
    let response = h.command("when", &[("event", question)], USER_ID).await;
    assert_eq!(response["type"], 4);
    let title = embed(&response)["title"].as_str().unwrap_or_default();
    assert!(title.contains("Did you mean"), "{title}");
    let buttons = response["data"]["components"][0]["components"]
        .as_array()
        .expect("a row of buttons")
        .clone();
    assert_eq!(
        buttons.len(),
        reply.choices().len(),
        "one button per choice"
    );
    for (b, s) in buttons.iter().zip(reply.choices()) {
        assert_eq!(
            b["custom_id"].as_str(),
            Some(format!("pick:{}", s.reference()).as_str())
        );
        assert_eq!(b["label"].as_str(), Some(s.label.as_str()));
    }
    let pick = &reply.choices()[1];
    let pressed = h
        .press(&format!("pick:{}", pick.reference()), USER_ID)
        .await;
    assert_eq!(
        pressed["type"], 7,
        "the choice replaces the question's message"
    );
    let answer = h
        .bot
        .engine()
        .reply_for(&pick.reference(), "")
        .expect("the picked entry");
    let mut as_pressed = pressed.clone();
    as_pressed["type"] = 4.into();
    assert_answer(&as_pressed, &answer, "the pressed choice");
    assert_eq!(
        pressed["data"]["components"],
        serde_json::json!([]),
        "the buttons go away"
    );
    // Someone else's press answers them alone and leaves the message be.
    let other = h
        .press_on(
            &format!("pick:{}", pick.reference()),
            USER_ID + 1,
            &h.stored(fake_discord::CHANNEL_ID, &response["data"]),
        )
        .await;
    assert_eq!(other["type"], 4, "a new message, not an edit: {other}");
    assert_eq!(
        flags(&other) & EPHEMERAL,
        EPHEMERAL,
        "for the presser alone"
    );
    assert_eq!(
        embed(&other)["title"].as_str(),
        answer.answered().map(|a| a.title.as_str())
    );
    let stale = h.press("pick:event:no-such-event", USER_ID).await;
    assert_eq!(
        flags(&stale) & EPHEMERAL,
        EPHEMERAL,
        "a stale choice gets a private notice"
    );
    h.fake.finish();
}

/// Two questions in one message: the main one is answered, the other is
/// named under the answer with a button that answers it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_question_is_offered_beside_the_answer() {
    let question = "quick question about this whole story. when did russia recognise the \
                    taliban? and who is the new afghan ambassador in moscow?";
    let reply = expected(Scope::All, question);
    let Reply::Answered(answered) = &reply else {
        panic!("the main question is answered: {reply:?}");
    };
    let also = answered
        .also
        .clone()
        .expect("the other question is offered");
    let h = harness().await;
    let response = h.command("ask", &[("question", question)], USER_ID).await;
    assert_answer(&response, &reply, "a message of two questions");
    let field = embed(&response)["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == factdesk::answer::ALSO_ASKED))
        .unwrap_or_else(|| panic!("no field naming the other question: {response}"));
    assert_eq!(field["value"].as_str(), Some(also.label.as_str()));
    let ids: Vec<&str> = response["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter_map(|b| b["custom_id"].as_str())
        .collect();
    let pick = format!("pick:{}", also.reference());
    assert!(
        ids.contains(&pick.as_str()),
        "a button answers the other question: {ids:?}"
    );
    assert!(
        ids.iter().any(|id| id.starts_with("why:")),
        "the answer keeps its Why? button: {ids:?}"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_match_is_ephemeral_with_the_hint() {
    let h = harness().await;
    let question = "what is the best pizza topping in naples";
    let reply = expected(Scope::All, question);
    assert_eq!(reply.status(), Status::NoMatch, "an off-topic question");
    let response = h.command("ask", &[("question", question)], USER_ID).await;
    assert_eq!(
        flags(&response) & EPHEMERAL,
        EPHEMERAL,
        "no match is shown to the asker alone"
    );
    assert_eq!(
        embed(&response)["description"].as_str(),
        match &reply {
            Reply::NoMatch(n) => Some(n.hint.as_str()),
            other => panic!("expected no match: {other:?}"),
        }
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_pages_with_previous_and_next() {
    let h = harness().await;
    let lines = factdesk::listing::timeline_lines(h.bot.engine().dataset());
    let first = h.command("timeline", &[], USER_ID).await;
    let text = embed(&first)["description"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(text.starts_with(&lines[0]), "{text}");
    if lines.len() <= 10 {
        assert_eq!(
            first["data"]["components"],
            serde_json::json!([]),
            "one page, no pager"
        );
        return h.fake.finish();
    }
    let buttons = &first["data"]["components"][0]["components"];
    assert_eq!(
        (
            buttons[0]["label"].as_str(),
            buttons[0]["disabled"].as_bool()
        ),
        (Some("Previous"), Some(true))
    );
    assert_eq!(
        (
            buttons[1]["label"].as_str(),
            buttons[1]["disabled"].as_bool()
        ),
        (Some("Next"), Some(false))
    );
    let next = h
        .press(buttons[1]["custom_id"].as_str().expect("an id"), USER_ID)
        .await;
    assert_eq!(next["type"], 7, "turning the page edits the message");
    let page2 = embed(&next)["description"].as_str().unwrap_or_default();
    assert!(
        page2.starts_with(&lines[10]),
        "page 2 starts with event 11: {page2}"
    );
    assert!(embed(&next)["footer"]["text"]
        .as_str()
        .unwrap_or_default()
        .starts_with("Page 2 of"));
    // Someone else turning the page gets it privately.
    let custom_id = buttons[1]["custom_id"].as_str().expect("an id");
    let theirs = h.press(custom_id, USER_ID).await; // on their own /timeline
    assert_eq!(theirs["type"], 7);
    let mut on_other = fake_discord::fixtures::button(h.id(), custom_id, USER_ID + 1);
    on_other["message"]["interaction_metadata"] = fake_discord::fixtures::asked_by(1, USER_ID);
    let id = on_other["id"]
        .as_str()
        .expect("an id")
        .parse()
        .expect("a number");
    h.fake.dispatch("INTERACTION_CREATE", on_other);
    let other = h.fake.callback(id).await;
    assert_eq!(
        (other["type"].as_u64(), flags(&other) & EPHEMERAL),
        (Some(4), EPHEMERAL),
        "{other}"
    );
    assert!(embed(&other)["description"]
        .as_str()
        .unwrap_or_default()
        .starts_with(&lines[10]));
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_and_help() {
    let h = harness().await;
    let sources = h.command("sources", &[], USER_ID).await;
    let text = embed(&sources)["description"].as_str().unwrap_or_default();
    assert!(
        text.contains("The Ink Post") && text.contains("Data as of"),
        "{text}"
    );
    let help = h.command("help", &[], USER_ID).await;
    assert_eq!(flags(&help) & EPHEMERAL, EPHEMERAL);
    assert_eq!(
        embed(&help)["description"].as_str(),
        Some(factdesk::command::help().as_str())
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_during_a_cooldown_gets_an_ephemeral_notice() {
    let mut c = config(&data_dir());
    c.discord.user_cooldown_secs = 60;
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let first = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    assert_eq!(flags(&first) & EPHEMERAL, 0);
    let second = h
        .command("who", &[("name_or_role", "ambassador")], USER_ID)
        .await;
    assert_eq!(flags(&second) & EPHEMERAL, EPHEMERAL);
    let notice = second["data"]["content"].as_str().unwrap_or_default();
    assert!(
        notice.starts_with("Please wait") && notice.ends_with("before asking again."),
        "{notice}"
    );
    let other_user = h
        .command("who", &[("name_or_role", "ambassador")], USER_ID + 1)
        .await;
    assert_eq!(
        flags(&other_user) & EPHEMERAL,
        0,
        "another user is not held up"
    );
    h.fake.finish();
}

/// A slash command: its name and its string options `(name, value)`.
type Command<'a> = (&'a str, &'a [(&'a str, &'a str)]);

/// A check of a response, which panics saying what is wrong.
type Check<'a> = &'a dyn Fn(&Value);

/// Dispatches slash command `name` with `options` as `user` twice, as
/// Discord does when a gateway resume replays it, and returns the
/// response Discord took (the first; a second would be refused) after
/// checking that factdesk sent no other response and posted nothing in
/// the channel.
async fn delivered_twice(h: &Harness, (name, options): Command<'_>, user: u64) -> Value {
    let id = h.id();
    let command = fake_discord::fixtures::command(id, name, options, user);
    h.fake.dispatch("INTERACTION_CREATE", command.clone());
    h.fake.dispatch("INTERACTION_CREATE", command);
    let response = h.fake.callback(id).await;
    let quiet = std::time::Duration::from_millis(300);
    let (callbacks, posts) = (callbacks_of(id), posts_in(fake_discord::CHANNEL_ID));
    let what = format!("/{name} delivered twice: a second response or a post");
    h.fake
        .assert_silent(&what, quiet, move |r| callbacks(r) || posts(r))
        .await;
    response
}

/// An interaction Discord delivers twice (a gateway resume's replay) is
/// handled once: its one response is the answer. Handled twice, the
/// repeat would find the asker cooling down and send "Please wait" ahead
/// of the answer, which Discord would then refuse (40060), or send a
/// second answer that Discord refuses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_delivered_twice_is_answered_once() {
    let mut c = config(&data_dir());
    c.discord.user_cooldown_secs = 60;
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let when = expected(Scope::Timeline, "recognition");
    let answers_when = |r: &Value| assert_answer(r, &when, "/when delivered twice");
    let help = Some(factdesk::command::help());
    let answers_help = |r: &Value| {
        assert_eq!(
            embed(r)["description"].as_str(),
            help.as_deref(),
            "/help delivered twice: the help, once: {r}"
        );
    };
    // (command, asker, the check of its one response)
    let rows: [(Command, u64, Check); 2] = [
        (
            ("when", &[("event", "recognition")]),
            USER_ID,
            &answers_when,
        ),
        (("help", &[]), USER_ID + 1, &answers_help),
    ];
    for ((name, options), user, check) in rows {
        let response = delivered_twice(&h, (name, options), user).await;
        let content = response["data"]["content"].as_str().unwrap_or_default();
        assert!(
            !content.starts_with("Please wait"),
            "/{name} delivered twice: no cooldown notice: {response}"
        );
        check(&response);
    }
    h.fake.finish();
}

/// Runs slash command `name` with `options` as `user` in `channel`, and
/// returns its response.
async fn command_in(
    h: &Harness,
    channel: u64,
    (name, options): (&str, &[(&str, &str)]),
    user: u64,
) -> Value {
    let id = h.id();
    let command = fake_discord::fixtures::command(id, name, options, user);
    let all = u64::MAX >> 1;
    let command = fake_discord::fixtures::in_channel(command, channel, all);
    h.fake.dispatch("INTERACTION_CREATE", command);
    h.fake.callback(id).await
}

/// A channel's cooldown paces factdesk's posts in it, but holds up no
/// slash command (Discord waits 3 s for its answer, which answers the
/// asker's own command): another user's /who right after a channel answer
/// is answered, not told to wait. A public slash answer counts as a post
/// (the next mention waits its turn after it); a private one (no match)
/// does not (the next mention is answered at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_cooldown_holds_up_no_slash_command_and_a_private_answer_spends_none() {
    let mut c = config(&data_dir());
    c.discord.user_cooldown_secs = 60;
    c.discord.channel_cooldown_secs = 60;
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let (busy, quiet) = (333_701u64, 333_702u64);
    let mention = |channel: u64, user: u64| {
        let text = format!("<@{BOT_ID}> who is the ambassador");
        h.say(fake_discord::fixtures::question(
            h.id(),
            channel,
            user,
            &text,
            true,
        ));
    };
    mention(busy, USER_ID);
    h.fake.channel_message(busy).await;
    let who = ("who", &[("name_or_role", "ambassador")][..]);
    let other = command_in(&h, busy, who, USER_ID + 1).await;
    assert_eq!(
        flags(&other) & EPHEMERAL,
        0,
        "another user's command in a channel cooling down is answered, publicly: {other}"
    );
    mention(busy, USER_ID + 2);
    h.fake
        .assert_silent(
            "a mention right after a public slash answer waits its turn",
            std::time::Duration::from_millis(300),
            posts_in(busy),
        )
        .await;
    let off_topic = "what is the best pizza topping in naples";
    let private = command_in(&h, quiet, ("ask", &[("question", off_topic)]), USER_ID + 3).await;
    assert_eq!(
        flags(&private) & EPHEMERAL,
        EPHEMERAL,
        "no match: for the asker alone"
    );
    mention(quiet, USER_ID + 4);
    let sent = h
        .fake
        .channel_message_within(quiet, std::time::Duration::from_secs(2))
        .await;
    assert!(
        sent["embeds"].as_array().is_some_and(|e| !e.is_empty()),
        "answered at once after a private answer: {sent}"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_a_question_never_ping() {
    let h = harness().await;
    let question = "@everyone @here <@&123456> <@444001> when did russia recognise the taliban";
    let response = h.command("ask", &[("question", question)], USER_ID).await;
    let am = &response["data"]["allowed_mentions"];
    assert_eq!(
        am,
        &serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
    h.fake.finish(); // checks allowed_mentions on every request too
}
