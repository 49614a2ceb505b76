//! End to end through the real serenity client and a fake Discord that
//! misbehaves on cue: every reply survives a 5xx, a 429 within the
//! interaction window, a dropped gateway and a shutdown; what cannot be
//! delivered (a 429 past the window) is logged with the interaction id,
//! guild and channel, and a public answer is then posted in the channel;
//! a channel answer still refused then is tried again later (and once more
//! at once when shutdown starts);
//! a channel without Embed Links gets plain text, one without Read Message
//! History messages that mention the asker instead of replies, and one
//! without Send Messages silence, not a stream of refused requests;
//! command registration is retried until Discord takes it;
//! a /reload deferral Discord gave no answer to still gets its report;
//! a gateway's 502, 503 or 504 on the last try counts as no answer;
//! a dropped connection, whether Discord took the request or not, gives
//! the answer once, and what factdesk cannot know is logged once, even
//! when Discord answers the tries after it with an error of its own; a
//! permission refused after it is final, and a lost answer logged once.
#![cfg(feature = "discord")]

mod fake_discord;

use std::sync::Arc;
use std::time::Duration;

use fake_discord::captured_log::logs;
use fake_discord::fixtures::{self, question};
use fake_discord::requests::{callbacks_of, posts_in};
use fake_discord::setup::{append, config, copy_of_data, data_dir, engine};
use fake_discord::{
    Canned, FakeDiscord, Harness, Request, APP_ID, BOT_ID, DROPPED, GUILD_ID, PATIENCE, USER_ID,
};

async fn harness_on(fake: FakeDiscord) -> Harness {
    logs();
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let http = fake.http();
    Harness::start_on(fake, http, c, e).await
}

/// Returns the statuses the fake answered the requests matching `pred` with.
/// Discord's refusal of a reply in a channel without Read Message History.
fn cannot_reply() -> Canned {
    Canned::error(
        403,
        160002,
        "Cannot reply without permission to read message history",
    )
}

/// Makes Discord refuse every post with an embed in `channel`, as without
/// Embed Links; plain text goes through.
fn refuse_embeds_in(h: &Harness, channel: u64) {
    h.fake.always(
        move |r| posts_in(channel)(r) && r.body["embeds"].as_array().is_some_and(|e| !e.is_empty()),
        Canned::missing_permissions(),
    );
}

/// Makes Discord refuse every reply in `channel`, as without Read Message
/// History; a message without a reference goes through.
fn refuse_replies_in(h: &Harness, channel: u64) {
    h.fake.always(
        move |r| posts_in(channel)(r) && r.body["message_reference"].is_object(),
        cannot_reply(),
    );
}

/// Asks `asked` with /ask in `channel` (with `permissions` there), and
/// Discord does not take the answer in time: it is posted in the channel
/// with a note.
fn ask_by_slash_too_late(h: &Harness, channel: u64, asked: &str, permissions: u64) {
    let id = h.id();
    h.fake.always(callbacks_of(id), Canned::rate_limited(5.0));
    h.fake.dispatch(
        "INTERACTION_CREATE",
        fixtures::in_channel(
            fixtures::command(id, "ask", &[("question", asked)], USER_ID),
            channel,
            permissions,
        ),
    );
}

/// Returns the content of the next message in `channel`, which must be
/// plain text (`what` names the case in the failure).
async fn plain_message_in(h: &Harness, channel: u64, what: &str) -> String {
    let sent = h.fake.channel_message_within(channel, PATIENCE * 2).await;
    assert!(
        sent["embeds"].as_array().is_none_or(Vec::is_empty),
        "{what}: plain text expected: {sent}"
    );
    sent["content"].as_str().unwrap_or_default().to_string()
}

fn statuses(fake: &FakeDiscord, pred: impl Fn(&Request) -> bool) -> Vec<u16> {
    fake.requests()
        .iter()
        .filter(|r| pred(r))
        .map(|r| r.status)
        .collect()
}

/// Returns the log lines that mention all of `parts`, waiting up to 5 s
/// for the first: the bot logs what Discord answered after the fake has
/// recorded the request.
async fn logged_soon(parts: &[&str]) -> Vec<String> {
    let started = tokio::time::Instant::now();
    loop {
        let lines = logged(parts);
        if !lines.is_empty() || started.elapsed() > Duration::from_secs(5) {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How long after the first matching line [`logged_once`] keeps reading
/// the log: longer than any next step of a delivery that could log a
/// second line (asking Discord whether it took a response, a retry).
const SETTLE: Duration = Duration::from_millis(1_500);

/// Returns the one log line that mentions all of `parts` (said of
/// `what`), waiting up to 5 s for it and then [`SETTLE`] for a second;
/// fails the test, showing the log, if there is none or more than one
/// (a duplicate logged later counts).
async fn logged_once(what: &str, parts: &[&str]) -> String {
    if logged_soon(parts).await.is_empty() {
        panic!("{what}: nothing logged with {parts:?}:\n{}", logs());
    }
    tokio::time::sleep(SETTLE).await;
    let mut lines = logged(parts);
    assert!(
        lines.len() == 1,
        "{what}: logged {} times with {parts:?}, once expected:\n{}",
        lines.len(),
        lines.join("\n")
    );
    lines.remove(0)
}

/// Asserts that interaction `here` (`"id=..."`) logged its outcome's
/// `line` once, and once the WARN line of a connection that failed before
/// Discord answered, with the words of `also` in it too.
async fn logged_with_failure(what: &str, mut line: Vec<&str>, here: &str, also: &[&str]) {
    line.push(here);
    logged_once(what, &line).await;
    let mut failed = vec!["WARN", "could not deliver a reply"];
    failed.extend_from_slice(also);
    failed.extend(["the connection failed before Discord answered", here]);
    logged_once(what, &failed).await;
}

/// Returns the log lines that mention all of `parts`.
fn logged(parts: &[&str]) -> Vec<String> {
    logs()
        .lines()
        .filter(|l| parts.iter().all(|p| l.contains(p)))
        .map(str::to_string)
        .collect()
}

/// [`logged_once`] fails on a line logged a second time after the first,
/// which a check that stops reading at the first line cannot see.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logged_once_fails_on_a_duplicate_logged_later() {
    logs();
    // (what, the second line's delay, logged_once fails)
    let rows = [
        ("logged once", None, false),
        ("logged again 500 ms later", Some(500), true),
    ];
    for (what, again, fails) in rows {
        let marker = format!("self-test line 990001: {what}");
        tracing::error!(target: "factdesk::self_test", "{marker}");
        if let Some(ms) = again {
            let marker = marker.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                tracing::error!(target: "factdesk::self_test", "{marker}");
            });
        }
        let checked = tokio::spawn(async move { logged_once(what, &[&marker]).await });
        assert_eq!(
            checked.await.is_err(),
            fails,
            "{what}: logged_once should {}fail:\n{}",
            if fails { "" } else { "not " },
            logs()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interaction_callbacks_survive_5xx_and_short_429s() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what Discord answers first, how many tries it takes)
    let rows: [(Vec<Canned>, usize); 4] = [
        (vec![Canned::error(500, 0, "Internal Server Error")], 2),
        (
            vec![
                Canned::error(502, 0, "Bad Gateway"),
                Canned::error(503, 0, "Unavailable"),
            ],
            3,
        ),
        (vec![Canned::rate_limited(0.3)], 2),
        (
            vec![
                Canned::error(503, 0, "Unavailable"),
                Canned::rate_limited(0.5),
            ],
            3,
        ),
    ];
    for (faults, tries) in rows {
        let id = h.id() + 10_000;
        let what = format!("{:?}", faults.iter().map(|c| c.status).collect::<Vec<_>>());
        h.fake.script(callbacks_of(id), faults);
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, "when", &[("event", "recognition")], USER_ID),
        );
        let answer = h.fake.callback(id).await;
        assert_eq!(answer["type"], 4, "{what}: answered in the end: {answer}");
        let seen = statuses(&h.fake, callbacks_of(id));
        assert_eq!(seen.len(), tries, "{what}: tries {seen:?}");
        assert!(seen.last().is_some_and(|s| *s < 300), "{what}: {seen:?}");
    }
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_past_the_window_is_logged_with_where_it_was() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let id = 77_001;
    h.fake.always(callbacks_of(id), Canned::rate_limited(5.0));
    let channel = 333_077;
    h.fake.dispatch(
        "INTERACTION_CREATE",
        fixtures::in_channel(
            fixtures::command(id, "when", &[("event", "recognition")], USER_ID),
            channel,
            u64::MAX >> 1,
        ),
    );
    let started = tokio::time::Instant::now();
    let line = loop {
        let lines = logged(&["could not deliver a reply", &format!("id={id}")]);
        if let Some(l) = lines.first() {
            break l.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no failure logged for interaction {id}:\n{}",
            logs()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up within the 3-second window, after {:?}",
        started.elapsed()
    );
    for part in [format!("guild={GUILD_ID}"), format!("channel={channel}")] {
        assert!(line.contains(&part), "{part} missing from {line}");
    }
    assert!(
        statuses(&h.fake, callbacks_of(id))
            .iter()
            .all(|s| *s == 429),
        "never accepted"
    );
}

/// A public answer Discord would not take within the interaction's window
/// is posted in the channel instead, addressed to the asker without a
/// ping; a reply only the asker should see, or a channel the bot may not
/// post in, gets no such message. A DM with the bot is a channel it may
/// post in, though the app's permissions Discord sends there name neither
/// View Channel nor Send Messages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_past_the_window_is_posted_in_the_channel() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let all = Some(u64::MAX >> 1);
    // View Channel and Embed Links, not Send Messages.
    let no_send = Some(1024 | 16384);
    // A DM with the bot (its app_permissions are Discord's DM set).
    let dm = None;
    // (interaction, channel, command, argument, the app's permissions in
    // the guild channel or a DM, posted in the channel)
    let rows = [
        (77_101, 333_101, "when", ("event", "recognition"), all, true),
        (
            77_102,
            333_102,
            "ask",
            ("question", "what's the weather in paris"),
            all,
            false,
        ),
        (
            77_103,
            333_103,
            "when",
            ("event", "recognition"),
            no_send,
            false,
        ),
        (77_104, 666_104, "when", ("event", "recognition"), dm, true),
    ];
    for (id, channel, name, option, permissions, _) in rows {
        h.fake.always(callbacks_of(id), Canned::rate_limited(5.0));
        let command = fixtures::command(id, name, &[option], USER_ID);
        let command = match permissions {
            Some(permissions) => fixtures::in_channel(command, channel, permissions),
            None => fixtures::in_dm(command, channel),
        };
        h.fake.dispatch("INTERACTION_CREATE", command);
    }
    for (id, channel, name, option, _, posted) in rows {
        let what = format!("/{name} {} in channel {channel}", option.1);
        if posted {
            let sent = h.fake.channel_message(channel).await;
            let content = sent["content"].as_str().unwrap_or_default();
            assert!(
                content.starts_with(&format!("<@{USER_ID}> "))
                    && content.contains(&format!("/{name}")),
                "{what}: addressed to the asker: {content}"
            );
            let answer = sent["embeds"][0]["description"]
                .as_str()
                .unwrap_or_default();
            assert!(answer.contains("3 July 2025"), "{what}: the answer: {sent}");
            // Not lost: a WARN line for the interaction, no ERROR.
            let here = format!("channel={channel}");
            assert!(
                logged(&["ERROR", &here]).is_empty(),
                "{what}: an answer posted in the channel is no error:\n{}",
                logs()
            );
            logged_once(
                &what,
                &["WARN", "delivering it another way", &format!("id={id}")],
            )
            .await;
        } else {
            // Lost: one ERROR line.
            let lost = ["ERROR", "could not deliver a reply", &format!("id={id}")];
            logged_once(&what, &lost).await;
            assert!(
                statuses(&h.fake, posts_in(channel)).is_empty(),
                "{what}: nothing posted in the channel"
            );
        }
    }
    h.fake.finish();
}

/// An interaction response is never both taken by Discord and posted in
/// the channel, and never lost: a try still under way at the window is
/// awaited until Discord's 3 s deadline has passed (Discord may still
/// take it until then); only then, if Discord gave no answer (or only a
/// gateway in front of it did, with a 502, 503 or 504 error page), is it
/// asked for the interaction's original response (asked again on a 5xx),
/// and the answer is posted in the channel only when there is none, or,
/// with a WARN line, when Discord cannot tell.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_discord_took_late_is_not_posted_twice() {
    /// What becomes of the answer.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Then {
        /// The response went through: nothing else is needed.
        Answered,
        /// Discord shows it took the response: not posted again.
        FoundTaken,
        /// Discord did not take it: posted in the channel.
        Posted,
    }
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let hung = Duration::from_secs(4);
    let ms = Duration::from_millis;
    // (what, interaction, channel, how Discord answers the response, what then)
    let rows = [
        (
            "taken, answered past the window",
            77_301u64,
            333_301u64,
            Canned::after(hung).after_creating(),
            Then::FoundTaken,
        ),
        (
            "not taken, hung past the window",
            77_302,
            333_302,
            Canned {
                hold: hung,
                ..Canned::error(503, 0, "Service Unavailable")
            },
            Then::Posted,
        ),
        (
            "taken at 2.7 s (after the window, before Discord's deadline), answered past it",
            77_303,
            333_303,
            Canned::after(hung).landing_after(ms(2_700)),
            Then::FoundTaken,
        ),
        (
            "taken and answered at 2.7 s",
            77_304,
            333_304,
            Canned::after(ms(2_700)),
            Then::Answered,
        ),
        (
            "arrived at 3.3 s, past Discord's deadline, answered past it",
            77_305,
            333_305,
            Canned::after(hung).landing_after(ms(3_300)),
            Then::Posted,
        ),
        (
            "taken, answered past the window, and asking Discord fails once (503)",
            77_306,
            333_306,
            Canned::after(hung).after_creating(),
            Then::FoundTaken,
        ),
        (
            "not taken, hung past the window, and asking Discord always fails (503)",
            77_307,
            333_307,
            Canned {
                hold: hung,
                ..Canned::error(503, 0, "Service Unavailable")
            },
            Then::Posted,
        ),
        (
            "a gateway's 504 page at 2.45 s, the last try in the window, and taken at 2.6 s",
            77_308,
            333_308,
            Canned {
                hold: ms(2_450),
                ..Canned::page(504, "<html><title>504 Gateway Time-out</title></html>")
            }
            .landing_after(ms(2_600)),
            Then::FoundTaken,
        ),
        (
            "a gateway's 502 page at 2.45 s, the last try in the window, never taken",
            77_309,
            333_309,
            Canned {
                hold: ms(2_450),
                ..Canned::page(502, "<html><title>502 Bad Gateway</title></html>")
            },
            Then::Posted,
        ),
    ];
    // Discord fails the first question whether it took 77306's response,
    // and every one about 77307's.
    let asking = |id: u64| {
        let token = format!("/interaction-token-{id}/");
        move |r: &Request| r.method == "GET" && r.path.contains(&token)
    };
    let unavailable = || Canned::error(503, 0, "Service Unavailable");
    h.fake.script(asking(77_306), vec![unavailable()]);
    h.fake.always(asking(77_307), unavailable());
    for (_, id, channel, callback, _) in rows.clone() {
        h.fake.script(callbacks_of(id), vec![callback]);
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::in_channel(
                fixtures::command(id, "when", &[("event", "recognition")], USER_ID),
                channel,
                u64::MAX >> 1,
            ),
        );
    }
    for (what, id, channel, _, then) in rows {
        let here = format!("id={id}");
        match then {
            Then::Posted => {
                let sent = h.fake.channel_message(channel).await;
                assert!(
                    sent["content"]
                        .as_str()
                        .is_some_and(|c| c.starts_with(&format!("<@{USER_ID}> "))),
                    "{what}: the answer addressed to the asker: {sent}"
                );
            }
            Then::FoundTaken => {
                logged_once(what, &["took the interaction response", &here]).await;
            }
            Then::Answered => {
                h.fake.callback(id).await;
                // Past Discord's deadline and the check a detour would make.
                tokio::time::sleep(SETTLE).await;
                assert!(
                    logged(&["could not deliver", &here]).is_empty(),
                    "{what}: delivered in time:\n{}",
                    logs()
                );
            }
        }
        if id == 77_307 {
            logged_once(
                what,
                &["WARN", "could not tell whether Discord took", &here],
            )
            .await;
        }
        // Discord is asked only once its answer is final: 3 s after the
        // interaction, counted here from the response's first try.
        let requests = h.fake.requests();
        let first_try = requests.iter().find(|r| callbacks_of(id)(r)).map(|r| r.at);
        let too_soon: Vec<_> = requests
            .iter()
            .filter(|r| asking(id)(r))
            .filter_map(|r| Some(r.at.duration_since(first_try?)))
            .filter(|after| *after < Duration::from_secs(3))
            .collect();
        assert!(
            too_soon.is_empty(),
            "{what}: Discord asked whether it took the response before its deadline, {too_soon:?} after the first try"
        );
        if then != Then::Posted {
            assert!(
                statuses(&h.fake, posts_in(channel)).is_empty(),
                "{what}: the asker has the answer already; not posted again:\n{}",
                logs()
            );
            assert!(
                logged(&["ERROR", &here]).is_empty(),
                "{what}: delivered, so no ERROR:\n{}",
                logs()
            );
        }
    }
    h.fake.finish();
}

/// A button press is held to the same rule as a slash command: a public
/// answer (a "did you mean" choice or a page turn by the asker, which
/// replaces their message) that Discord would not take within the
/// interaction's window is posted in the channel instead, addressed to the
/// presser (in a DM with the bot too); what only the presser should see
/// ("Why?", someone else's choice) is not, and its loss is an ERROR line
/// naming the interaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_answer_past_the_window_is_posted_in_the_channel() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let all = u64::MAX >> 1;
    let answer = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    let why = answer["data"]["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["custom_id"].as_str())
        .find(|id| id.starts_with("why:"))
        .unwrap_or_else(|| panic!("a Why? button: {answer}"))
        .to_string();
    let pick = format!("pick:{}", why.splitn(3, ':').nth(2).unwrap_or_default());
    // (what, interaction, channel, button, presser, posted in the channel, what it shows)
    let rows = [
        (
            "the asker's choice",
            77_201u64,
            333_201u64,
            pick.clone(),
            USER_ID,
            true,
            "3 July 2025",
        ),
        (
            "the asker's page turn",
            77_202,
            333_202,
            "page:timeline:1".into(),
            USER_ID,
            true,
            "Page 2 of",
        ),
        ("Why?", 77_203, 333_203, why.clone(), USER_ID, false, ""),
        (
            "someone else's choice",
            77_204,
            333_204,
            pick,
            USER_ID + 1,
            false,
            "",
        ),
        (
            "the asker's page turn in a DM",
            77_205,
            666_205,
            "page:timeline:1".into(),
            USER_ID,
            true,
            "Page 2 of",
        ),
    ];
    for (what, id, channel, button, presser, _, _) in rows.clone() {
        h.fake.always(callbacks_of(id), Canned::rate_limited(5.0));
        let on = h.stored(channel, &answer["data"]);
        let press = fixtures::button_on(id, &button, presser, on);
        let press = if what.ends_with("in a DM") {
            fixtures::in_dm(press, channel)
        } else {
            fixtures::in_channel(press, channel, all)
        };
        h.fake.dispatch("INTERACTION_CREATE", press);
    }
    for (what, id, channel, _, presser, posted, shows) in rows {
        let lost = ["ERROR", "could not deliver a reply", &format!("id={id}")];
        if posted {
            let sent = h.fake.channel_message(channel).await;
            let content = sent["content"].as_str().unwrap_or_default();
            assert!(
                content.starts_with(&format!("<@{presser}> ")),
                "{what}: addressed to the presser: {content}"
            );
            assert!(
                sent.to_string().contains(shows),
                "{what}: the answer ({shows:?}): {sent}"
            );
            assert!(
                logged(&lost).is_empty(),
                "{what}: delivered, so no ERROR:\n{}",
                logs()
            );
        } else {
            let line = logged_once(what, &lost).await;
            assert!(
                line.contains(&format!("channel={channel}")),
                "{what}: {line}"
            );
            assert!(
                statuses(&h.fake, posts_in(channel)).is_empty(),
                "{what}: what only the presser may see is not posted"
            );
        }
    }
    h.fake.finish();
}

/// A press on a private copy (the page or choice someone else got from a
/// button on the asker's message, shown to them alone) stays private when
/// Discord does not take its answer in time: the copy names its presser
/// as the asker, but it is not posted in the channel; one ERROR line
/// says the answer was lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_on_a_private_copy_is_never_posted_in_the_channel() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let all = u64::MAX >> 1;
    let (id, channel) = (77_401u64, 333_401u64);
    let answer = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    let mut copy = h.stored(channel, &answer["data"]);
    copy["flags"] = serde_json::json!(64);
    h.fake.always(callbacks_of(id), Canned::rate_limited(5.0));
    h.fake.dispatch(
        "INTERACTION_CREATE",
        fixtures::in_channel(
            fixtures::button_on(id, "page:timeline:1", USER_ID, copy),
            channel,
            all,
        ),
    );
    let lost = ["ERROR", "could not deliver a reply", &format!("id={id}")];
    logged_once("a press on a private copy", &lost).await;
    assert!(
        statuses(&h.fake, posts_in(channel)).is_empty(),
        "a private copy's page is not posted in the channel"
    );
    h.fake.finish();
}

/// Whenever a slash command's asker ends up without the answer, an ERROR
/// line names the interaction: a refused interaction response (50013), or
/// a public answer Discord would not take in time whose channel message is
/// refused too. In a thread, Send Messages in Threads is what lets the
/// answer be posted there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_answer_nobody_receives_is_an_error_naming_the_interaction() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let all = u64::MAX >> 1;
    // View Channel, Embed Links, Read Message History, Send Messages in
    // Threads; not Send Messages.
    let thread_only = 1024 | 16384 | 65536 | (1 << 38);
    // (what, interaction, channel, a thread?, permissions, the callback's
    // answer, the channel post's answer, posted in the channel)
    let rows = [
        (
            "channel post refused",
            88_101u64,
            444_101u64,
            false,
            all,
            Canned::rate_limited(5.0),
            Some(Canned::missing_permissions()),
            false,
        ),
        (
            "thread with Send Messages in Threads",
            88_102,
            444_102,
            true,
            thread_only,
            Canned::rate_limited(5.0),
            None,
            true,
        ),
        (
            "interaction response refused",
            88_103,
            444_103,
            false,
            all,
            Canned::missing_permissions(),
            None,
            false,
        ),
    ];
    for (_, id, channel, thread, permissions, callback, post, _) in rows.clone() {
        h.fake.always(callbacks_of(id), callback);
        if let Some(post) = post {
            h.fake.always(posts_in(channel), post);
        }
        let command = fixtures::command(id, "when", &[("event", "recognition")], USER_ID);
        let command = if thread {
            fixtures::in_thread(command, channel, permissions)
        } else {
            fixtures::in_channel(command, channel, permissions)
        };
        h.fake.dispatch("INTERACTION_CREATE", command);
    }
    for (what, id, channel, _, _, _, _, posted) in rows {
        let lost = [
            "ERROR",
            "could not deliver a reply",
            &format!("id={id}"),
            &format!("channel={channel}"),
        ];
        if posted {
            let sent = h.fake.channel_message(channel).await;
            assert!(
                sent["content"]
                    .as_str()
                    .is_some_and(|c| c.starts_with(&format!("<@{USER_ID}> "))),
                "{what}: the answer addressed to the asker: {sent}"
            );
            assert!(
                logged(&lost).is_empty(),
                "{what}: delivered, so no ERROR:\n{}",
                logs()
            );
        } else {
            let line = logged_once(what, &lost).await;
            assert!(
                line.contains(&format!("guild={GUILD_ID}")),
                "{what}: {line}"
            );
            assert!(
                statuses(&h.fake, posts_in(channel))
                    .iter()
                    .all(|s| *s >= 300),
                "{what}: nothing posted"
            );
        }
    }
}

/// A slash answer lost for good (Discord refused the interaction
/// response: an ERROR line) gives back the cooldowns it spent, as a lost
/// channel answer does: its asker asking again at once is answered, not
/// told to wait, and that answer spends them as usual; a public answer
/// gives back its channel's too (another user's mention there is
/// answered at once).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_slash_answer_gives_its_cooldown_back() {
    logs();
    let mut c = config(&data_dir());
    c.discord.user_cooldown_secs = 60;
    c.discord.channel_cooldown_secs = 60;
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let all = u64::MAX >> 1;
    let please_wait = |r: &serde_json::Value| {
        r["data"]["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("Please wait"))
    };
    // (what, the lost answer's interaction, channel, asker, the command
    // and its option, a public answer)
    let rows = [
        (
            "a public answer",
            90_801u64,
            333_801u64,
            USER_ID + 30,
            ("when", ("event", "recognition")),
            true,
        ),
        (
            "a private answer (no match)",
            90_802,
            333_802,
            USER_ID + 31,
            (
                "ask",
                ("question", "what is the best pizza topping in naples"),
            ),
            false,
        ),
    ];
    for (what, lost, channel, user, (name, option), public) in rows {
        let ask = |id: u64| {
            let command = fixtures::command(id, name, &[option], user);
            h.fake.dispatch(
                "INTERACTION_CREATE",
                fixtures::in_channel(command, channel, all),
            );
        };
        h.fake
            .always(callbacks_of(lost), Canned::missing_permissions());
        ask(lost);
        let error = [
            "ERROR",
            "could not deliver a reply",
            &format!("id={lost}"),
            &format!("channel={channel}"),
        ];
        assert!(
            !logged_soon(&error).await.is_empty(),
            "{what}: the loss is an ERROR line:\n{}",
            logs()
        );
        if public {
            let text = format!("<@{BOT_ID}> who is the ambassador");
            h.say(question(h.id(), channel, USER_ID + 40, &text, true));
            let sent = h.fake.channel_message_within(channel, PATIENCE / 2).await;
            assert!(
                sent["embeds"].as_array().is_some_and(|e| !e.is_empty()),
                "{what}: the channel's cooldown was given back: {sent}"
            );
        }
        let again = h.id();
        ask(again);
        let response = h.fake.callback(again).await;
        assert!(
            !please_wait(&response),
            "{what}: asked again at once after the lost answer: answered, not told to wait: {response}"
        );
        let flags = response["data"]["flags"].as_u64().unwrap_or(0);
        assert_eq!(flags & 64 == 0, public, "{what}: {response}");
        let third = h.id();
        ask(third);
        let response = h.fake.callback(third).await;
        assert!(
            please_wait(&response),
            "{what}: within the delivered answer's cooldown: told to wait: {response}"
        );
    }
    h.fake.finish();
}

/// Autocomplete suggestions are not an answer (the user can still type
/// the option and submit the command), so failing to deliver them is a
/// WARN line naming the interaction and saying only the suggestions were
/// lost, never an ERROR, which promises a user went without an answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_autocomplete_response_that_fails_is_a_warning_not_an_error() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what, interaction, how Discord answers its every try)
    let rows = [
        (
            "a run of 5xx past the window",
            88_201u64,
            Canned::error(503, 0, "Service Unavailable"),
        ),
        (
            "a bad request",
            88_202,
            Canned::error(400, 50035, "Invalid Form Body"),
        ),
        (
            "an unknown interaction",
            88_203,
            Canned::error(404, 10062, "Unknown interaction"),
        ),
        (
            "a missing permission",
            88_204,
            Canned::missing_permissions(),
        ),
    ];
    for (_, id, canned) in rows.clone() {
        h.fake.always(callbacks_of(id), canned);
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::autocomplete(id, "when", "event", "recog"),
        );
    }
    for (what, id, _) in rows {
        let this = format!("id={id}");
        let line = logged_once(
            what,
            &[
                "WARN",
                "could not deliver the autocomplete suggestions",
                &this,
            ],
        )
        .await;
        assert!(
            line.contains("Only the suggestions were lost"),
            "{what}: the line says what was lost: {line}"
        );
        assert!(
            logged(&["ERROR", &this]).is_empty(),
            "{what}: no ERROR (nobody went without an answer), log it as a WARN:\n{}",
            logs()
        );
    }
    h.fake.finish();
}

/// Starts the bot with `/reload` allowed in the test guild.
async fn reload_harness() -> Harness {
    logs();
    let mut c = config(&data_dir());
    c.discord.admin_guild_id = GUILD_ID;
    let e = engine(&data_dir(), &c);
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    Harness::start_on(fake, http, c, e).await
}

/// Matches the edits and follow-ups of interaction `id`'s response.
fn webhooks_of(id: u64) -> impl Fn(&Request) -> bool + Send + Sync + 'static {
    let token = format!("/interaction-token-{id}");
    move |r| r.path.starts_with("/webhooks/") && r.path.contains(&token)
}

/// Sends admin `id`'s /reload with Discord answering its deferral as
/// `deferral`; returns the harness and the data before the reload.
async fn reload_deferred_as(id: u64, deferral: Canned) -> (Harness, Arc<factdesk::Engine>) {
    let h = reload_harness().await;
    let before = h.bot.engine();
    h.fake.script(callbacks_of(id), vec![deferral]);
    h.fake.dispatch(
        "INTERACTION_CREATE",
        fixtures::command(id, "reload", &[], USER_ID),
    );
    (h, before)
}

/// /reload whose deferral Discord took but never answered (the try was
/// abandoned at the deadline): the admin used to see "thinking..." for
/// good; the report is now edited in, once, after one reload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_deferral_taken_without_an_answer_still_gets_its_report() {
    let id = 77_501u64;
    let (h, before) =
        reload_deferred_as(id, Canned::after(Duration::from_secs(6)).after_creating()).await;
    let edit = h
        .fake
        .request_within("the reload report", Duration::from_secs(8), webhooks_of(id))
        .await;
    assert_eq!(
        (edit.method.as_str(), edit.status),
        ("PATCH", 200),
        "the deferred response is edited: {} {}",
        edit.method,
        edit.path
    );
    assert!(edit.path.ends_with("/messages/@original"), "{}", edit.path);
    let text = edit.body["content"].as_str().unwrap_or_default();
    assert!(text.starts_with("Reloaded the data"), "{text}");
    let reloaded = h.bot.engine();
    assert!(!Arc::ptr_eq(&before, &reloaded), "the data was reloaded");
    logged_once(
        "the deferral without an answer",
        &[
            "WARN",
            "going on as if Discord took it",
            &format!("id={id}"),
        ],
    )
    .await;
    h.fake
        .assert_silent("a second report", Duration::ZERO, webhooks_of(id))
        .await;
    assert!(
        Arc::ptr_eq(&reloaded, &h.bot.engine()),
        "reloaded once, not again"
    );
    h.fake.finish();
}

/// /reload whose deferral Discord never took and never answered: the
/// report's edit is refused as an unknown interaction, which is logged
/// once, and not tried again or another way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_report_for_an_interaction_discord_never_took_is_logged_once() {
    let id = 77_502u64;
    let (h, before) = reload_deferred_as(id, Canned::after(Duration::from_secs(6))).await;
    let line = logged_once(
        "the report nobody can receive",
        &["ERROR", "could not deliver a reply", &format!("id={id}")],
    )
    .await;
    assert!(
        line.contains("Unknown Webhook (10015): Discord does not know this interaction"),
        "{line}"
    );
    assert_eq!(
        statuses(&h.fake, webhooks_of(id)),
        [404],
        "one edit, refused, and nothing after it"
    );
    assert!(
        !Arc::ptr_eq(&before, &h.bot.engine()),
        "the data was reloaded"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn channel_replies_survive_5xx() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_010;
    h.fake.script(
        posts_in(channel),
        vec![
            Canned::error(500, 0, "Internal Server Error"),
            Canned::error(502, 0, "Bad Gateway"),
        ],
    );
    let id = h.ask_in(channel);
    let sent = h.fake.channel_message(channel).await;
    assert_eq!(sent["message_reference"]["message_id"], id.to_string());
    assert_eq!(statuses(&h.fake, posts_in(channel)), [500, 502, 200]);
    h.fake.finish();
}

/// A 429 handed back through the proxy setting (serenity's ratelimiter
/// off) is tried again only after a second, not after the 100 ms backoff
/// of a 5xx, and the log says "rate limited", not that serenity could not
/// decode the body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_through_the_proxy_waits_a_second_and_is_logged_as_rate_limited() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_019;
    h.fake.script(
        posts_in(channel),
        vec![Canned::rate_limited(0.05), Canned::rate_limited(0.05)],
    );
    h.ask_in(channel);
    h.fake.channel_message(channel).await;
    let tries: Vec<std::time::Instant> = h
        .fake
        .requests()
        .iter()
        .filter(|r| posts_in(channel)(r))
        .map(|r| r.at)
        .collect();
    assert_eq!(statuses(&h.fake, posts_in(channel)), [429, 429, 200]);
    for pair in tries.windows(2) {
        let gap = pair[1].duration_since(pair[0]);
        assert!(
            gap >= factdesk::discord::backoff::RATE_LIMITED_WAIT,
            "a 429 is tried again after at least a second, not after {gap:?}"
        );
    }
    let here = format!("channel={channel}");
    assert_eq!(
        logged(&["trying again: rate limited", &here]).len(),
        2,
        "{}",
        logs()
    );
    assert!(
        logged(&["Could not decode", &here]).is_empty(),
        "{}",
        logs()
    );
    h.fake.finish();
}

/// A channel answer Discord created but answered late (past the 10 s
/// window) or with a 5xx is tried again, and the retry carries the same
/// enforced nonce (the question's id), so the channel gets one message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_channel_answer_discord_already_created_is_posted_once() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what, channel, how Discord answers the first try after creating it)
    let rows = [
        (
            "created, answered past the window",
            333_017u64,
            Canned::after(Duration::from_millis(10_500)).after_creating(),
        ),
        (
            "created, answered 503",
            333_018,
            Canned::error(503, 0, "Service Unavailable").after_creating(),
        ),
    ];
    let mut asked = Vec::new();
    for (_, channel, first) in rows.clone() {
        h.fake.script(posts_in(channel), vec![first]);
        asked.push(h.ask_in(channel));
    }
    for ((what, channel, _), question) in rows.into_iter().zip(asked) {
        let started = tokio::time::Instant::now();
        // The first try is recorded when answered (late or 503), the retry after it.
        while !statuses(&h.fake, posts_in(channel)).ends_with(&[200])
            || statuses(&h.fake, posts_in(channel)).len() < 2
        {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{what}: no retry answered 200: {:?}\n{}",
                statuses(&h.fake, posts_in(channel)),
                logs()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let tries: Vec<Request> = h
            .fake
            .requests()
            .into_iter()
            .filter(|r| posts_in(channel)(r))
            .collect();
        assert!(tries.len() >= 2, "{what}: tried again: {tries:#?}");
        for t in &tries {
            assert_eq!(
                (&t.body["nonce"], &t.body["enforce_nonce"]),
                (
                    &serde_json::json!(question.to_string()),
                    &serde_json::json!(true)
                ),
                "{what}: every try carries the question's id as an enforced nonce"
            );
        }
        let created = h.fake.created_in(channel);
        assert_eq!(
            created.len(),
            1,
            "{what}: one answer in the channel, not one per try: {created:#?}"
        );
    }
    h.fake.finish();
}

/// A channel answer Discord refuses for longer than the 10 s window (a run
/// of 5xx) is not lost: it is tried again later and arrives as a reply to
/// the question.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_answer_refused_past_its_window_is_delivered_late() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_015;
    // As many 503s as the window has tries (ten in 10 s), or more.
    h.fake.script(
        posts_in(channel),
        (0..10)
            .map(|_| Canned::error(503, 0, "Service Unavailable"))
            .collect(),
    );
    let id = h.ask_in(channel);
    let started = tokio::time::Instant::now();
    let sent = h
        .fake
        .channel_message_within(channel, Duration::from_secs(40))
        .await;
    assert!(
        started.elapsed() > Duration::from_secs(10),
        "arrived after the window: {:?}",
        started.elapsed()
    );
    assert_eq!(sent["message_reference"]["message_id"], id.to_string());
    let seen = statuses(&h.fake, posts_in(channel));
    assert_eq!(seen.last(), Some(&200), "{seen:?}");
    assert_eq!(
        seen.iter().filter(|s| **s == 503).count(),
        10,
        "every refusal came first: {seen:?}"
    );
    let here = format!("channel={channel}");
    logged_once("a late answer", &["delivered the answer late", &here]).await;
    assert!(logged(&["gave up", &here]).is_empty(), "{}", logs());
    // Delivered after all: the window's failure is a WARN, no ERROR.
    assert!(logged(&["ERROR", &here]).is_empty(), "{}", logs());
    logged_once(
        "the window's failure",
        &[
            "WARN",
            "could not deliver a reply, delivering it another way",
            &here,
        ],
    )
    .await;
    h.fake.finish();
}

/// A channel answer that met an outage (a run of 5xx past its window) and
/// whose late try is then refused for a missing permission steps down as
/// a first try does, instead of being given up: plain text with its
/// citations without Embed Links, a message mentioning the asker without
/// Read Message History. It arrives once, and the log names the missing
/// permission and the late delivery, not a loss.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_answer_refused_for_a_missing_permission_steps_down() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what is missing, channel, what in a post Discord refuses for it,
    // its refusal, an embed still, a reply still)
    let rows = [
        (
            "Embed Links",
            333_041u64,
            "embeds",
            Canned::missing_permissions(),
            false,
            true,
        ),
        (
            "Read Message History",
            333_042,
            "message_reference",
            cannot_reply(),
            true,
            false,
        ),
    ];
    let mut asked = Vec::new();
    for (_, channel, refused, refusal, _, _) in rows.clone() {
        // As many 503s as the window has tries (ten in 10 s), then the
        // refusal of what the channel lacks; the rest goes through.
        h.fake.script(
            posts_in(channel),
            (0..10)
                .map(|_| Canned::error(503, 0, "Service Unavailable"))
                .collect(),
        );
        h.fake.always(
            move |r| posts_in(channel)(r) && carries(&r.body, refused),
            refusal,
        );
        asked.push(h.ask_in(channel));
    }
    let expected = h
        .bot
        .engine()
        .reply(factdesk::search::Scope::All, "who is the ambassador");
    let expected = expected.answered().expect("the engine answers it");
    for ((missing, channel, _, _, embed, reply), id) in rows.into_iter().zip(asked) {
        let started = tokio::time::Instant::now();
        while h.fake.created_in(channel).is_empty() {
            assert!(
                started.elapsed() < Duration::from_secs(40),
                "without {missing}: the answer was lost; the late try must step down as the first try does, not give up: {:?}\n{}",
                statuses(&h.fake, posts_in(channel)),
                logs()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let sent = h.fake.channel_message(channel).await;
        let content = sent["content"].as_str().unwrap_or_default();
        let seen = statuses(&h.fake, posts_in(channel));
        assert_eq!(
            seen[seen.len().saturating_sub(2)..],
            [403, 200],
            "without {missing}: the late try refused, then stepped down at once, not given up: {seen:?}\n{}",
            logs()
        );
        assert_eq!(
            sent["embeds"].as_array().is_some_and(|e| !e.is_empty()),
            embed,
            "without {missing}: an embed only if Embed Links is there: {sent}"
        );
        if !embed {
            assert!(
                content.contains(&expected.answer),
                "without {missing}: the answer in plain text: {content}"
            );
            for c in &expected.citations {
                let line = factdesk::answer::citation_line(c);
                assert!(
                    content.contains(&line),
                    "without {missing}: citation {line:?} kept: {content}"
                );
            }
        }
        if reply {
            assert_eq!(
                sent["message_reference"]["message_id"],
                id.to_string(),
                "without {missing}: still a reply to the question: {sent}"
            );
        } else {
            assert!(
                sent["message_reference"].is_null()
                    && content.starts_with(&format!("<@{USER_ID}>")),
                "without {missing}: a message mentioning the asker instead of a reply: {sent}"
            );
        }
        assert_eq!(
            h.fake.created_in(channel).len(),
            1,
            "without {missing}: the answer arrives once"
        );
        let here = format!("channel={channel}");
        logged_once(&format!("without {missing}"), &["WARN", missing, &here]).await;
        logged_once(
            &format!("without {missing}: the late answer"),
            &["INFO", "delivered the answer late", &here],
        )
        .await;
        assert!(
            logged(&["ERROR", &here]).is_empty(),
            "without {missing}: delivered, so no ERROR (the late try must step down, not give up):\n{}",
            logs()
        );
    }
    h.fake.finish();
}

/// Returns whether a post's `body` carries `field` (not absent, null or
/// an empty list).
fn carries(body: &serde_json::Value, field: &str) -> bool {
    match &body[field] {
        serde_json::Value::Null => false,
        serde_json::Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

/// Shutdown does not wait out a late delivery's pause: it makes one last
/// try at once, and says so when that fails too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_makes_a_late_answer_try_once_more_at_once() {
    let fake = FakeDiscord::start().await;
    let mut h = harness_on(fake).await;
    let channel = 333_016;
    h.fake.always(
        posts_in(channel),
        Canned::error(503, 0, "Service Unavailable"),
    );
    h.ask_in(channel);
    let waiting = format!("channel={channel}");
    let started = tokio::time::Instant::now();
    while logged(&["trying again for up to", &waiting]).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no late delivery started:\n{}",
            logs()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let tries = statuses(&h.fake, posts_in(channel)).len();
    let stopping = tokio::time::Instant::now();
    h.shut_down().await.expect("a clean stop");
    assert!(
        stopping.elapsed() < Duration::from_secs(4),
        "the pause before the next try (5 s) was cut short: {:?}",
        stopping.elapsed()
    );
    assert_eq!(
        statuses(&h.fake, posts_in(channel)).len(),
        tries + 1,
        "one last try"
    );
    assert_eq!(
        logged(&["gave up delivering the answer late", &waiting]).len(),
        1,
        "{}",
        logs()
    );
}

/// Shutdown bounds every delivery by its drain: a reply still being tried
/// in its window and a late answer's last try are both cut off before the
/// drain ends, each with an ERROR line naming it, instead of running on
/// past the drain and vanishing with the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_cuts_off_deliveries_at_the_drain_and_names_them() {
    logs();
    let fake = FakeDiscord::start().await;
    let drain_secs = 2;
    let mut c = config(&data_dir());
    c.discord.drain_secs = drain_secs;
    let e = engine(&data_dir(), &c);
    let http = fake.http();
    let mut h = Harness::start_on(fake, http, c, e).await;
    let hung = |secs| Canned {
        hold: Duration::from_secs(secs),
        ..Canned::error(503, 0, "Service Unavailable")
    };
    // A late answer: its window's ten tries refused at once, then every
    // try hangs.
    let (late, in_window) = (333_031u64, 333_032u64);
    h.fake.script(
        posts_in(late),
        (0..10)
            .map(|_| Canned::error(503, 0, "Service Unavailable"))
            .collect(),
    );
    h.fake.always(posts_in(late), hung(20));
    let late_id = h.ask_in(late);
    let started = tokio::time::Instant::now();
    while logged(&["trying again for up to", &format!("channel={late}")]).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no late delivery started:\n{}",
            logs()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // A reply in its window whose first try hangs.
    h.fake.always(posts_in(in_window), hung(20));
    let in_window_id = h.ask_in(in_window);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stopping = tokio::time::Instant::now();
    h.shut_down().await.expect("a clean stop");
    assert!(
        stopping.elapsed() < Duration::from_secs(drain_secs) + Duration::from_millis(1_500),
        "stopped within the drain: {:?}",
        stopping.elapsed()
    );
    // (what, question, channel, the ERROR line's words)
    let rows = [
        (
            "a late answer's last try",
            late_id,
            late,
            "gave up delivering the answer late",
        ),
        (
            "a reply in its window",
            in_window_id,
            in_window,
            "could not deliver a reply",
        ),
    ];
    for (what, id, channel, words) in rows {
        let lines = logged(&[
            "ERROR",
            words,
            "cut off by the shutdown",
            &format!("id={id}"),
            &format!("channel={channel}"),
        ]);
        assert_eq!(
            lines.len(),
            1,
            "{what}: one ERROR line naming message {id} in channel {channel} before the client returned:\n{}",
            logs()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_embed_links_the_answer_is_plain_text_with_its_citations() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_020;
    // Discord refuses embeds here; plain text goes through.
    refuse_embeds_in(&h, channel);
    let expected = h
        .bot
        .engine()
        .reply(factdesk::search::Scope::All, "who is the ambassador");
    for round in 0..2 {
        let id = h.ask_in(channel);
        let sent = h.fake.channel_message(channel).await;
        let content = sent["content"].as_str().unwrap_or_default();
        assert_eq!(sent["message_reference"]["message_id"], id.to_string());
        assert!(
            sent["embeds"].as_array().is_none_or(Vec::is_empty),
            "{sent}"
        );
        assert!(
            content.chars().count() <= 2000,
            "{} chars",
            content.chars().count()
        );
        assert!(
            content.starts_with("Asked: who is the ambassador"),
            "{content}"
        );
        let expected = expected.answered().expect("the engine answers it");
        assert!(
            content.contains(&expected.answer),
            "round {round}: the answer: {content}"
        );
        for c in &expected.citations {
            assert!(
                content.contains(&factdesk::answer::citation_line(c)),
                "citation kept: {content}"
            );
        }
    }
    let refusals = statuses(&h.fake, posts_in(channel))
        .iter()
        .filter(|s| **s == 403)
        .count();
    assert_eq!(
        refusals, 1,
        "the embed is refused once; then plain text straight away"
    );
    let warned = logged_once(
        "no Embed Links",
        &["Embed Links", &format!("channel={channel}")],
    )
    .await;
    assert!(warned.contains(&format!("guild={GUILD_ID}")), "{warned}");
    h.fake.finish();
}

/// In a channel without Embed Links, an answer whose plain text fills a
/// message on its own (the longest answer the data may hold, citing five
/// long sections) and is then sent addressed to the asker, as a mention
/// where replies are refused or as a slash answer Discord did not take in
/// time posted in the channel with a note, keeps its heading, its
/// citations and its as-of line: the answer's body gives way to the
/// mention and the note, not the end of the message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_text_addressed_to_the_asker_keeps_its_citations_and_as_of_line() {
    logs();
    let data = copy_of_data();
    // The longest answer the validator allows.
    let answer = "Zeppelin quarkwise councils convene for reasons of security and influence. "
        .repeat(14)[..1000]
        .to_string();
    let cites = [
        "intro",
        "long-road",
        "why-it-matters",
        "taliban-welcomes",
        "motives",
    ]
    .map(|s| format!("\"inkpost#{s}\""))
    .join(", ");
    append(
        data.path(),
        "qa.toml",
        &format!(
            r#"[[qa]]
id = "zeppelin-quarkwise-council"
question = "Why did the zeppelin quarkwise council convene?"
phrasings = ["quarkwise council reason", "why quarkwise zeppelins met", "zeppelin quarkwise convening"]
answer = "{}"
cite = [{cites}]
"#,
            answer
        ),
    );
    let asked = "why did the zeppelin quarkwise council convene";
    let c = config(data.path());
    let e = engine(data.path(), &c);
    let expected = e.reply(factdesk::search::Scope::All, asked);
    let answered = expected.answered().expect("the long entry answers it");
    assert!(
        answered.answer.chars().count() == 1000,
        "the fixture's answer must be as long as the data allows: {answered:?}"
    );
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let h = Harness::start_on(fake, http, c, e).await;
    // A mention where embeds and replies are refused.
    let (mentioned, slashed) = (333_060u64, 333_061u64);
    refuse_embeds_in(&h, mentioned);
    refuse_replies_in(&h, mentioned);
    h.say(question(
        h.id(),
        mentioned,
        USER_ID,
        &format!("<@{BOT_ID}> {asked}"),
        true,
    ));
    // A slash answer Discord does not take in time, in a channel without
    // Embed Links: posted in the channel with a note.
    ask_by_slash_too_late(&h, slashed, asked, VIEW_CHANNEL | SEND_MESSAGES | (1 << 16));
    // (what, channel, the heading)
    let rows = [
        (
            "a mention where replies are refused",
            mentioned,
            format!("Asked: {asked}"),
        ),
        (
            "a slash answer posted in the channel",
            slashed,
            format!("/ask {asked}"),
        ),
    ];
    for (what, channel, heading) in rows {
        let content = plain_message_in(&h, channel, what).await;
        assert!(
            content.starts_with(&format!("<@{USER_ID}>")),
            "{what}: addressed to the asker: {content}"
        );
        let must_keep = [
            heading,
            factdesk::answer::citation_line(&answered.citations[0]),
            expected.as_of_line(),
        ];
        for line in must_keep {
            assert!(
                content.lines().any(|l| l == line),
                "{what}: {line:?} was cut off; the answer's body should give way to the mention and note instead:\n{content}"
            );
        }
        assert!(
            content.contains("Zeppelin quarkwise councils convene")
                && !content.contains(&answered.answer),
            "{what}: the answer, clipped to make room: {content}"
        );
    }
    h.fake.finish();
}

/// In a channel without Embed Links, an answer whose plain text is too
/// long for a message (the longest answer the data may hold, a caveat and
/// five long citations) keeps its caveat, every citation and its as-of
/// line, as a reply and addressed to the asker: what gives way is the
/// answer's body, cut after a whole word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cut_plain_answer_keeps_its_caveat_and_every_citation() {
    logs();
    let data = copy_of_data();
    // The longest answer the validator allows.
    let answer = "Blorptic vexilla gatherings happen for reasons of security and influence. "
        .repeat(14)[..1000]
        .trim_end()
        .to_string();
    let caveat = "The Ink Post dates the blorptic vexillum gathering to July 2025 and says \
        Putin called it; the report gives 3 July 2025 and credits the Russian Foreign \
        Ministry, and it does not say who chaired it or how long it lasted.";
    let cites = [
        "long-road",
        "motives",
        "human-rights",
        "timeline",
        "realignment",
    ]
    .map(|s| format!("\"inkpost#{s}\""))
    .join(", ");
    append(
        data.path(),
        "qa.toml",
        &format!(
            r#"[[qa]]
id = "blorptic-vexillum-gathering"
question = "Why did the blorptic vexillum gathering happen?"
phrasings = ["blorptic vexillum reason", "why blorptic vexilla met", "blorptic vexillum meeting"]
answer = "{answer}"
cite = [{cites}]
caveat = "{caveat}"
"#
        ),
    );
    let asked = "why did the blorptic vexillum gathering happen";
    let c = config(data.path());
    let e = engine(data.path(), &c);
    let expected = e.reply(factdesk::search::Scope::All, asked);
    let answered = expected.answered().expect("the long entry answers it");
    let full: usize = expected.text().chars().count();
    assert!(
        answered.caveat.is_some() && answered.citations.len() == 5 && full > 2000,
        "the fixture must be too long for a message, with a caveat and five citations: {full} chars, {answered:?}"
    );
    let fake = FakeDiscord::start().await;
    let http = fake.http();
    let h = Harness::start_on(fake, http, c, e).await;
    let (replied, mentioned, slashed) = (333_090u64, 333_091u64, 333_092u64);
    // No Embed Links in any of the three; no Read Message History either
    // in the second, so the answer mentions the asker there.
    for channel in [replied, mentioned] {
        refuse_embeds_in(&h, channel);
    }
    refuse_replies_in(&h, mentioned);
    for channel in [replied, mentioned] {
        h.say(question(
            h.id(),
            channel,
            USER_ID,
            &format!("<@{BOT_ID}> {asked}"),
            true,
        ));
    }
    // A slash answer Discord does not take in time, posted in the channel
    // with a note.
    ask_by_slash_too_late(&h, slashed, asked, VIEW_CHANNEL | SEND_MESSAGES | (1 << 16));
    let mut must_keep = vec![
        answered.caveat_line().expect("a caveat"),
        expected.as_of_line(),
    ];
    must_keep.extend(
        answered
            .citations
            .iter()
            .map(factdesk::answer::citation_line),
    );
    // (what, channel, how the content starts)
    let rows = [
        ("a reply", replied, format!("Asked: {asked}\n")),
        (
            "a mention where replies are refused",
            mentioned,
            format!("<@{USER_ID}>\nAsked: {asked}\n"),
        ),
        (
            "a slash answer posted in the channel",
            slashed,
            format!("<@{USER_ID}> "),
        ),
    ];
    for (what, channel, start) in rows {
        let content = plain_message_in(&h, channel, what).await;
        assert!(
            content.encode_utf16().count() <= 2000,
            "{what}: {} chars, over Discord's 2,000",
            content.encode_utf16().count()
        );
        assert!(
            content.starts_with(&start),
            "{what}: should start with {start:?}: {content}"
        );
        for line in &must_keep {
            assert!(
                content.lines().any(|l| l == line),
                "{what}: {line:?} went missing; the answer's body should give way instead:\n{content}"
            );
        }
        assert_eq!(
            content.lines().last(),
            Some(expected.as_of_line().as_str()),
            "{what}: the as-of line ends the message"
        );
        let body = content
            .lines()
            .find(|l| l.starts_with("Blorptic vexilla"))
            .unwrap_or_default();
        let kept = body
            .strip_suffix(&format!("… {}", answered.markers()))
            .unwrap_or_else(|| panic!("{what}: the body, cut, then its markers: {body:?}"));
        assert!(
            answered
                .answer
                .strip_prefix(kept)
                .is_some_and(|rest| rest.starts_with(' ')),
            "{what}: the body is cut after a whole word: {body:?}"
        );
    }
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_read_message_history_the_answer_mentions_the_asker_instead_of_replying() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_025;
    // Discord refuses replies here (their reference needs Read Message
    // History); a message without one goes through.
    refuse_replies_in(&h, channel);
    for round in 0..3 {
        h.ask_in(channel);
        let sent = h.fake.channel_message(channel).await;
        let content = sent["content"].as_str().unwrap_or_default();
        assert!(
            content.starts_with(&format!("<@{USER_ID}>")),
            "round {round}: addressed to the asker: {sent}"
        );
        assert!(sent["message_reference"].is_null(), "round {round}: {sent}");
        assert_eq!(
            sent["allowed_mentions"]["parse"],
            serde_json::json!([]),
            "the mention pings no one: {sent}"
        );
        assert!(
            sent["embeds"][0]["title"].is_string(),
            "round {round}: still the full embed: {sent}"
        );
    }
    let refusals = statuses(&h.fake, posts_in(channel))
        .iter()
        .filter(|s| **s == 403)
        .count();
    assert_eq!(
        refusals,
        1,
        "one refused reply, then mentions straight away:\n{}",
        logs()
    );
    logged_once(
        "no Read Message History",
        &["Read Message History", &format!("channel={channel}")],
    )
    .await;
    let lost = logged(&["could not deliver", &format!("channel={channel}")]);
    assert!(lost.is_empty(), "nothing lost: {lost:#?}");
    h.fake.finish();
}

/// Without Send Messages (or, in a thread, Send Messages in Threads) the
/// bot stays silent in the channel, and its WARN line names both
/// permissions: a message does not say whether its channel is a thread,
/// and granting Send Messages does nothing in a thread.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_send_messages_the_bot_stays_silent_until_the_permission_is_back() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_030;
    h.fake.script(
        posts_in(channel),
        vec![Canned::missing_permissions(), Canned::missing_permissions()],
    );
    h.ask_in(channel);
    // Two refusals: the embed, then plain text; then nothing more.
    let started = tokio::time::Instant::now();
    let silent = format!("channel={channel}");
    while logged(&["staying silent", &silent]).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(5), "no refusals");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for _ in 0..5 {
        h.ask_in(channel);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen: Vec<(u16, bool)> = h
        .fake
        .requests()
        .iter()
        .filter(|r| posts_in(channel)(r))
        .map(|r| {
            (
                r.status,
                r.body["embeds"].as_array().is_some_and(|e| !e.is_empty()),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [(403, true), (403, false)],
        "no hammering:\n{}",
        logs()
    );
    let silent = logged_once(
        "no Send Messages",
        &["staying silent", &format!("channel={channel}")],
    )
    .await;
    for needed in ["Send Messages", "Send Messages in Threads"] {
        assert!(
            silent.contains(needed),
            "names {needed} (the channel may be a thread): {silent}"
        );
    }
    let blamed = logged(&["Embed Links", &format!("channel={channel}")]);
    assert!(
        blamed.is_empty(),
        "plain text was refused too, so Embed Links is not what is missing: {blamed:#?}"
    );
    // An interaction there shows the permissions are back.
    let id = h.id();
    h.fake.dispatch(
        "INTERACTION_CREATE",
        fixtures::in_channel(
            fixtures::command(id, "help", &[], USER_ID),
            channel,
            u64::MAX >> 1,
        ),
    );
    h.fake.callback(id).await;
    h.ask_in(channel);
    let sent = h.fake.channel_message(channel).await;
    assert!(
        sent["embeds"][0]["title"].is_string(),
        "answered with an embed again: {sent}"
    );
    h.fake.finish();
}

/// A reply refused with 50001 (Missing Access: factdesk cannot see the
/// channel or thread) is lost, and says what to grant; the channel then
/// goes quiet, as one without Send Messages does, instead of every later
/// question there sending one more refused request (Discord bans a bot
/// that makes too many). Only an interaction showing View Channel as well
/// as Send Messages and Read Message History ends the quiet, and the log
/// says what it showed granted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_access_the_loss_names_view_channel_and_the_bot_stays_silent() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_035;
    h.fake.script(
        posts_in(channel),
        vec![Canned::error(403, 50001, "Missing Access")],
    );
    let first = h.ask_in(channel);
    let here = format!("channel={channel}");
    let lost = logged_once(
        "a reply without access",
        &["ERROR", "could not deliver a reply", &here],
    )
    .await;
    for part in ["Missing Access", "View Channel", &format!("id={first}")] {
        assert!(lost.contains(part), "{part} missing from {lost}");
    }
    for _ in 0..3 {
        h.ask_in(channel);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        statuses(&h.fake, posts_in(channel)),
        [403],
        "one refused request, then silence:\n{}",
        logs()
    );
    logged_once(
        "going quiet",
        &["WARN", "staying silent", "View Channel", &here],
    )
    .await;
    // SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY, not VIEW_CHANNEL.
    let unseen = (1 << 11) | (1 << 14) | (1 << 16);
    // (what an interaction there shows, answered there again after it)
    let rows = [
        ("Send Messages and Read Message History", unseen, false),
        ("everything", u64::MAX >> 1, true),
    ];
    for (shows, permissions, answered) in rows {
        let id = h.id();
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::in_channel(
                fixtures::command(id, "help", &[], USER_ID),
                channel,
                permissions,
            ),
        );
        h.fake.callback(id).await;
        h.ask_in(channel);
        if answered {
            let sent = h.fake.channel_message(channel).await;
            assert!(
                sent["embeds"][0]["title"].is_string(),
                "after an interaction showing {shows}: answered again: {sent}"
            );
        } else {
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert_eq!(
                statuses(&h.fake, posts_in(channel)),
                [403],
                "after an interaction showing {shows}: still silent (no View Channel):\n{}",
                logs()
            );
        }
    }
    let woken = logged_once(
        "answering again",
        &["answering here again", "granted", &here],
    )
    .await;
    assert!(
        woken.contains("View Channel, Send Messages") && woken.contains("Read Message History"),
        "names what was granted: {woken}"
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_without_embed_links_is_answered_in_plain_text() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let send_only = (1 << 11) | (1 << 16); // SEND_MESSAGES | READ_MESSAGE_HISTORY
    for (command, options) in [
        ("when", vec![("event", "recognition")]),
        ("timeline", vec![]),
    ] {
        let id = h.id();
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::in_channel(
                fixtures::command(id, command, &options, USER_ID),
                333_040,
                send_only,
            ),
        );
        let r = h.fake.callback(id).await;
        let content = r["data"]["content"].as_str().unwrap_or_default();
        assert!(
            r["data"]["embeds"].as_array().is_none_or(Vec::is_empty),
            "/{command}: {r}"
        );
        assert!(
            !content.is_empty() && content.chars().count() <= 2000,
            "/{command}: {r}"
        );
    }
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_is_retried_until_discord_takes_it() {
    let fake = FakeDiscord::start().await;
    let put = |r: &Request| r.method == "PUT" && r.path.ends_with("/commands");
    fake.script(
        put,
        vec![
            Canned::error(500, 0, "Internal Server Error"),
            Canned::error(503, 0, "Unavailable"),
        ],
    );
    let h = harness_on(fake).await; // waits for an accepted registration
    assert_eq!(statuses(&h.fake, put), [500, 503, 200]);
    let failures = logged(&["could not register the commands"]);
    assert!(failures.len() >= 2, "each failure is logged: {failures:#?}");
    assert!(!logged(&["registered 6 commands"]).is_empty(), "{}", logs());
    h.fake.finish();
}

/// A registration Discord never answers (a hung request) is given up
/// after its window, logged, and tried again, instead of stalling forever
/// with the commands never registered; one Discord rate limits (a 429
/// through a proxy) is logged as rate limited, and one answered with an
/// error page (a 5xx from the CDN in front of Discord) with its status,
/// as a failed delivery is, not as serenity's "could not decode".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_registration_is_tried_again_and_logged_as_what_happened() {
    logs();
    let put = |r: &Request| r.method == "PUT" && r.path.ends_with("/commands");
    // (what, Discord's first answer, its status, words the log line holds, words it must not)
    let rows = [
        (
            "hung",
            Canned::after(Duration::from_secs(30)),
            "no answer from Discord within 300 ms",
            "rate limited",
        ),
        (
            "rate limited",
            Canned::rate_limited(0.2),
            "rate limited by Discord (429 Too Many Requests, retry-after not known)",
            "decode",
        ),
        (
            "an error page",
            Canned::page(
                502,
                "<html><head><title>502 Bad Gateway</title></head></html>",
            ),
            "Discord answered 502 Bad Gateway (a fault on Discord's side",
            "decode",
        ),
    ];
    for (what, first, says, not) in rows {
        let fake = FakeDiscord::start().await;
        fake.script(put, vec![first]);
        let http = fake.http();
        http.set_application_id(serenity::all::ApplicationId::new(APP_ID));
        let discord = factdesk::config::DiscordConfig::default();
        let waits = factdesk::discord::ratelimit::Waits::default();
        let registering = factdesk::discord::registration::register_until_done(
            &http,
            &discord,
            Duration::from_millis(300),
            &waits,
        );
        tokio::time::timeout(Duration::from_secs(5), registering)
            .await
            .unwrap_or_else(|_| panic!("{what}: registration stalled:\n{}", logs()));
        assert_eq!(
            statuses(&fake, put).last(),
            Some(&200),
            "{what}: the second try went through"
        );
        let line = logged_once(what, &["could not register the commands", says]).await;
        assert!(
            !line.contains(not),
            "{what}: {not:?} in {line}: the line must say what Discord answered, not serenity's words for it"
        );
        fake.finish();
    }
}

/// With serenity's ratelimiter on (as in production), a registration
/// Discord rate limits for longer than the registration's window is
/// logged as rate limited, with the wait Discord asked for, not as a hung
/// request; the next try waits the rest of it out and goes through.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_rate_limited_past_its_window_says_so() {
    logs();
    let fake = FakeDiscord::start().await;
    let put = |r: &Request| r.method == "PUT" && r.path.ends_with("/commands");
    fake.script(put, vec![Canned::rate_limited(12.0)]);
    let http = fake.http_ratelimited();
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let rate_limited = |r: &Request| r.status == 429;
    let h = Harness::start_until(fake, http, (c, e), rate_limited).await;
    // Other tests log registration failures too: these words are this one's.
    let words = [
        "could not register the commands",
        "rate limited by Discord (429 Too Many Requests, retry after",
    ];
    let started = tokio::time::Instant::now();
    while logged(&words).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "no rate limit logged after the 10 s window:\n{}",
            logs()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let line = logged_once("a long 429", &words).await;
    assert!(line.contains("retry after 12.0 s"), "{line}");
    assert!(
        logged(&[
            "could not register the commands",
            "no answer from Discord within 10000 ms"
        ])
        .is_empty(),
        "a rate limit is not a hung request:\n{}",
        logs()
    );
    h.fake
        .request_within("the registration after the wait", PATIENCE, |r| {
            put(r) && r.status == 200
        })
        .await;
    h.fake.finish();
}

/// A registration refused for good (403 Missing Access: the bot was
/// invited without the applications.commands scope) is one ERROR line
/// naming the fix, not a stream of retries with serenity's bare error;
/// mentions are answered all the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_without_the_commands_scope_is_one_error_naming_the_fix() {
    logs();
    let fake = FakeDiscord::start().await;
    let put = |r: &Request| r.method == "PUT" && r.path.ends_with("/commands");
    fake.always(put, Canned::error(403, 50001, "Missing Access"));
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let http = fake.http();
    let refused = |r: &Request| r.status == 403;
    let h = Harness::start_until(fake, http, (c, e), refused).await;
    let channel = 333_050;
    h.ask_in(channel);
    let sent = h.fake.channel_message(channel).await;
    assert!(
        sent["embeds"][0]["title"].is_string(),
        "a mention is answered: {sent}"
    );
    let line = logged_once(
        "a missing scope",
        &["ERROR", "could not register the commands", "Missing Access"],
    )
    .await;
    assert!(
        line.contains("re-invite it with the bot and applications.commands scopes"),
        "names the fix: {line}"
    );
    // The old doubling wait tried again after 1 s and 3 s.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        statuses(&h.fake, put),
        [403],
        "not tried again soon:\n{}",
        logs()
    );
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_gateway_resumes_and_keeps_answering() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (how the connection drops)
    for code in [Some(4000), None] {
        let before = h.fake.resumes().len();
        h.fake.drop_gateway(code);
        let started = tokio::time::Instant::now();
        while h.fake.resumes().len() == before {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{code:?}: no RESUME"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(h.fake.resumes()[before]["session_id"], "fake-session");
        let answer = h
            .command("when", &[("event", "recognition")], USER_ID)
            .await;
        assert_eq!(answer["type"], 4, "{code:?}: answered after the resume");
    }
    assert_eq!(h.fake.identify().len(), 1, "resumed, not identified again");
    h.fake.finish();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_every_interaction_in_flight() {
    let fake = FakeDiscord::start().await;
    // The first try of every callback fails after 1.5 s (longer than the
    // shards take to stop): at the signal, all of them are in flight.
    let n = 60u64;
    let base = 50_000;
    for id in base..base + n {
        fake.script(
            callbacks_of(id),
            vec![Canned {
                hold: Duration::from_millis(1_500),
                ..Canned::error(503, 0, "Unavailable")
            }],
        );
    }
    let mut h = harness_on(fake).await;
    for id in base..base + n {
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::command(id, "when", &[("event", "recognition")], USER_ID),
        );
    }
    let started = tokio::time::Instant::now();
    while h.bot.work().taken() < n as usize {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the bot received {} of {n}",
            h.bot.work().taken()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    h.shut_down().await.expect("a clean stop");
    let answered: Vec<u64> = (base..base + n)
        .filter(|id| statuses(&h.fake, callbacks_of(*id)).contains(&204))
        .collect();
    assert_eq!(
        answered.len() as u64,
        n,
        "answered before the client returned: {answered:?}"
    );
    assert!(!logged(&["drained"]).is_empty(), "{}", logs());
    h.fake.finish();
}

/// How a connection that closed without an answer left its request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dropped {
    /// Closed before Discord took the request.
    Unapplied,
    /// Discord took the request; its answer was lost on the way back.
    Applied,
}

impl Dropped {
    fn canned(self) -> Canned {
        match self {
            Dropped::Unapplied => Canned::dropped(),
            Dropped::Applied => Canned::dropped().after_creating(),
        }
    }
}

/// A way factdesk delivers something through an interaction.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    /// A slash command's answer (a response that posts a message).
    Slash,
    /// The asker's "did you mean" choice (a response that replaces their
    /// message).
    Pick,
    /// "Why?" (a response only the presser sees).
    Why,
    /// /reload's deferral.
    Deferral,
    /// /reload's report (an edit of the deferred response).
    Report,
}

type Matches = Box<dyn Fn(&Request) -> bool + Send + Sync>;

impl Way {
    /// Returns a matcher of the requests of interaction `id` that deliver
    /// this way (the ones a test drops).
    fn requests(self, id: u64) -> Matches {
        match self {
            Way::Report => {
                let edits = webhooks_of(id);
                Box::new(move |r| r.method == "PATCH" && edits(r))
            }
            _ => Box::new(callbacks_of(id)),
        }
    }

    /// Sends interaction `id` in `channel`, where the app has every
    /// permission; a button is pressed by the asker on `answer`, an answer
    /// to `/when recognition`.
    fn send(self, h: &Harness, id: u64, channel: u64, answer: &serde_json::Value) {
        self.send_with(h, (id, channel, ALL), answer);
    }

    /// Sends interaction `id` in `channel` as [`Way::send`] does, the
    /// app's permissions there being `permissions` (a bit set).
    fn send_with(
        self,
        h: &Harness,
        (id, channel, permissions): (u64, u64, u64),
        answer: &serde_json::Value,
    ) {
        let button = |kind: &str| {
            answer["data"]["components"][0]["components"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|b| b["custom_id"].as_str())
                .find(|c| c.starts_with("why:"))
                .map(|why| match kind {
                    "pick" => format!("pick:{}", why.splitn(3, ':').nth(2).unwrap_or_default()),
                    _ => why.to_string(),
                })
                .unwrap_or_else(|| panic!("a Why? button: {answer}"))
        };
        let interaction = match self {
            Way::Slash => fixtures::command(id, "when", &[("event", "recognition")], USER_ID),
            Way::Pick | Way::Why => {
                let custom_id = button(if self == Way::Pick { "pick" } else { "why" });
                fixtures::button_on(id, &custom_id, USER_ID, h.stored(channel, &answer["data"]))
            }
            Way::Deferral | Way::Report => fixtures::command(id, "reload", &[], USER_ID),
        };
        h.fake.dispatch(
            "INTERACTION_CREATE",
            fixtures::in_channel(interaction, channel, permissions),
        );
    }
}

/// Every permission, as an interaction's `app_permissions`.
const ALL: u64 = u64::MAX >> 1;
/// View Channel.
const VIEW_CHANNEL: u64 = 1 << 10;
/// Send Messages.
const SEND_MESSAGES: u64 = 1 << 11;
/// Send Messages in Threads.
const SEND_MESSAGES_IN_THREADS: u64 = 1 << 38;

/// Starts the bot with `/reload` allowed, and returns it with its answer
/// to `/when recognition` (whose buttons the tests press).
async fn drops_harness() -> (Harness, serde_json::Value) {
    let h = reload_harness().await;
    let answer = h
        .command("when", &[("event", "recognition")], USER_ID)
        .await;
    (h, answer)
}

/// Asserts that the answer was posted in `channel` once, addressed to the
/// asker.
async fn posted_once_to_the_asker(h: &Harness, what: &str, channel: u64) {
    let sent = h.fake.channel_message(channel).await;
    assert!(
        sent["content"]
            .as_str()
            .is_some_and(|c| c.starts_with(&format!("<@{USER_ID}> "))),
        "{what}: the answer addressed to the asker: {sent}"
    );
    let created = h.fake.created_in(channel);
    assert_eq!(created.len(), 1, "{what}: posted once: {created:#?}");
}

/// Waits until the requests `pred` matches have been answered with
/// `want`; fails the test, saying what was seen, after [`PATIENCE`].
async fn until_statuses(h: &Harness, what: &str, pred: &Matches, want: &[u16]) {
    let started = tokio::time::Instant::now();
    loop {
        let seen = statuses(&h.fake, pred);
        if seen.len() >= want.len() || started.elapsed() > PATIENCE {
            assert_eq!(seen, want, "{what}: the fake's answers\n{}", logs());
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// What becomes of an interaction's answer when its last try ends
/// without a final answer from Discord (the two tables below).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// Discord shows it took the response: no ERROR, nothing posted.
    FoundTaken,
    /// Posted in the channel; `true`: the presser may see it twice.
    Posted(bool),
    /// The report is edited into the deferred response.
    Reported,
    /// The report's edit is refused: Discord never took the deferral.
    Refused,
    /// Discord has no response, and the answer is the asker's alone:
    /// lost, with an ERROR line.
    Lost,
    /// Discord has no response, and factdesk may not post in the
    /// channel: lost, with an ERROR line naming what to grant there.
    Closed,
    /// Discord itself refused it (a 500), and the answer is the asker's
    /// alone: an ERROR line at once, Discord not asked.
    RefusedByDiscord,
}

impl Outcome {
    /// Waits for what the outcome delivers to interaction `id` from
    /// `channel`: the answer posted there once, or the report's edit
    /// answered (200) or refused (404).
    async fn delivered(self, h: &Harness, what: &str, id: u64, channel: u64) {
        match self {
            Outcome::Posted(_) => posted_once_to_the_asker(h, what, channel).await,
            Outcome::Reported | Outcome::Refused => {
                let want = if self == Outcome::Reported { 200 } else { 404 };
                until_statuses(h, what, &Way::Report.requests(id), &[want]).await;
            }
            _ => {}
        }
    }

    /// Returns the words of the one line the outcome logs (with the
    /// interaction's id).
    fn line(self) -> Vec<&'static str> {
        match self {
            Outcome::FoundTaken => vec!["INFO", "took the interaction response after all"],
            Outcome::Posted(true) => vec!["WARN", "may see it twice"],
            Outcome::Posted(false) => vec!["WARN", "delivering it another way"],
            Outcome::Reported => vec!["WARN", "going on as if Discord took it"],
            Outcome::Refused => vec!["ERROR", "Discord does not know this interaction"],
            Outcome::Lost => vec![
                "ERROR",
                "has no response to the interaction",
                "for the asker alone",
            ],
            Outcome::Closed => vec![
                "ERROR",
                "has no response to the interaction",
                "grant it Send Messages (Send Messages in Threads in a thread) there",
            ],
            Outcome::RefusedByDiscord => {
                vec!["ERROR", "Internal Server Error", "for the asker alone"]
            }
        }
    }
}

/// A connection dropped once, whether Discord took the request or not,
/// costs the user nothing: the retry delivers the answer, or Discord
/// says an earlier try got through (40060) and nothing more is sent. The
/// answer appears once, nothing is posted in the channel instead, and
/// nothing is logged as lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_retried_and_the_answer_given_once() {
    let (h, answer) = drops_harness().await;
    let ways = [Way::Slash, Way::Pick, Way::Why, Way::Deferral, Way::Report];
    let mut rows = Vec::new();
    for (n, way) in (0u64..).zip(ways) {
        for (m, dropped) in (0u64..).zip([Dropped::Unapplied, Dropped::Applied]) {
            rows.push((way, dropped, 78_100 + 10 * n + m, 338_100 + 10 * n + m));
        }
    }
    for &(way, dropped, id, channel) in &rows {
        h.fake.script(way.requests(id), vec![dropped.canned()]);
        way.send(&h, id, channel, &answer);
    }
    for &(way, dropped, id, _) in &rows {
        let what = format!("{way:?}, dropped {dropped:?} (interaction {id})");
        // The try after the drop: taken, or refused as already answered.
        let retried = match (way, dropped) {
            (Way::Report, _) => 200,
            (_, Dropped::Unapplied) => 204,
            (_, Dropped::Applied) => 400,
        };
        until_statuses(&h, &what, &way.requests(id), &[DROPPED, retried]).await;
        if matches!(way, Way::Deferral | Way::Report) {
            let report = Way::Report.requests(id);
            let edited: &[u16] = if way == Way::Report {
                &[DROPPED, 200]
            } else {
                &[200]
            };
            until_statuses(&h, &what, &report, edited).await;
            let edit = h
                .fake
                .requests()
                .into_iter()
                .rfind(|r| report(r) && r.status == 200);
            let text = edit.map(|e| e.body["content"].as_str().unwrap_or_default().to_string());
            assert!(
                text.as_deref()
                    .is_some_and(|t| t.starts_with("Reloaded the data")),
                "{what}: the report: {text:?}"
            );
        }
    }
    tokio::time::sleep(SETTLE).await;
    for &(way, dropped, id, channel) in &rows {
        let what = format!("{way:?}, dropped {dropped:?} (interaction {id})");
        let here = format!("id={id}");
        assert!(
            statuses(&h.fake, posts_in(channel)).is_empty(),
            "{what}: delivered once, so not posted in the channel too:\n{}",
            logs()
        );
        assert!(
            logged(&["could not deliver", &here]).is_empty()
                && logged(&["ERROR", &here]).is_empty(),
            "{what}: delivered, so nothing logged as lost:\n{}",
            logs()
        );
    }
    h.fake.finish();
}

/// Every try dropped: the answers say nothing, so factdesk acts on what
/// it can learn otherwise and logs, once, what it could not. A slash
/// answer: Discord is asked for the interaction's response (found: not
/// posted again; none: posted in the channel). A private answer ("Why?"):
/// asked too, and only one Discord does not have is logged as lost (an
/// ERROR line), never posted in the channel. A slash answer in a channel
/// factdesk may not post in (no View Channel, or no Send Messages): asked
/// about the same way, never posted in the channel, and one Discord does
/// not have is an ERROR line naming the permissions to grant there. A
/// button's replacement of the asker's message cannot be asked about: it
/// is posted in the channel, with one WARN line saying the presser may
/// see it twice. /reload's deferral: its report is edited in as if
/// Discord took it, which Discord refuses, once, if it did not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_whose_every_try_is_dropped_is_answered_as_documented() {
    let (h, answer) = drops_harness().await;
    // The app's permissions in the channel: every one, or all but what
    // posting there needs.
    let (all, unseen, mute) = (
        ALL,
        ALL & !VIEW_CHANNEL,
        ALL & !(SEND_MESSAGES | SEND_MESSAGES_IN_THREADS),
    );
    // (way, how each try is dropped, interaction, channel, permissions,
    // what then)
    let rows = [
        (
            Way::Slash,
            Dropped::Applied,
            78_201u64,
            338_201u64,
            all,
            Outcome::FoundTaken,
        ),
        (
            Way::Slash,
            Dropped::Unapplied,
            78_202,
            338_202,
            all,
            Outcome::Posted(false),
        ),
        (
            Way::Pick,
            Dropped::Applied,
            78_203,
            338_203,
            all,
            Outcome::Posted(true),
        ),
        (
            Way::Pick,
            Dropped::Unapplied,
            78_204,
            338_204,
            all,
            Outcome::Posted(true),
        ),
        (
            Way::Deferral,
            Dropped::Applied,
            78_205,
            338_205,
            all,
            Outcome::Reported,
        ),
        (
            Way::Deferral,
            Dropped::Unapplied,
            78_206,
            338_206,
            all,
            Outcome::Refused,
        ),
        (
            Way::Why,
            Dropped::Applied,
            78_207,
            338_207,
            all,
            Outcome::FoundTaken,
        ),
        (
            Way::Why,
            Dropped::Unapplied,
            78_208,
            338_208,
            all,
            Outcome::Lost,
        ),
        (
            Way::Slash,
            Dropped::Applied,
            78_209,
            338_209,
            unseen,
            Outcome::FoundTaken,
        ),
        (
            Way::Slash,
            Dropped::Unapplied,
            78_210,
            338_210,
            mute,
            Outcome::Closed,
        ),
    ];
    // What comes next drops once too: asking Discord whether it took
    // 78201's response (asked again), and posting 78202's answer in the
    // channel (created before the drop: the retry's nonce finds it).
    let asking = |r: &Request| r.method == "GET" && r.path.contains("/interaction-token-78201/");
    h.fake.script(asking, vec![Canned::dropped()]);
    h.fake
        .script(posts_in(338_202), vec![Canned::dropped().after_creating()]);
    for (way, dropped, id, channel, permissions, _) in rows {
        h.fake.always(way.requests(id), dropped.canned());
        way.send_with(&h, (id, channel, permissions), &answer);
    }
    let fake = &h.fake;
    let mut checks = Vec::new();
    for (way, dropped, id, channel, permissions, then) in rows {
        let what = format!(
            "{way:?}, every try dropped {dropped:?} (interaction {id}, permissions {permissions:#x})"
        );
        let here = format!("id={id}");
        then.delivered(&h, &what, id, channel).await;
        let line = then.line();
        checks.push(async move {
            // The response's failure says what happened.
            logged_with_failure(&what, line, &here, &[]).await;
            let lost = logged(&["ERROR", &here]);
            assert!(
                lost.is_empty() || matches!(then, Outcome::Refused | Outcome::Lost | Outcome::Closed),
                "{what}: the answer reached the user, so no ERROR: {lost:#?}"
            );
            if matches!(then, Outcome::FoundTaken | Outcome::Lost | Outcome::Closed) {
                let posted = statuses(fake, posts_in(channel));
                assert!(
                    posted.is_empty(),
                    "{what}: Discord has the answer, or it is the asker's alone, or factdesk may not post in the channel: not posted in the channel, yet posted there (answered {posted:?})"
                );
            }
            if matches!(then, Outcome::FoundTaken | Outcome::Closed) {
                // Discord was asked whether it took the response.
                let token = format!("/interaction-token-{id}/");
                let asked = statuses(fake, |r| r.method == "GET" && r.path.contains(&token));
                let has = if then == Outcome::FoundTaken { 200 } else { 404 };
                assert!(
                    asked.last() == Some(&has),
                    "{what}: Discord asked whether it took the response, answering {has} last; answered {asked:?}"
                );
            }
            if then == Outcome::Closed {
                let private = logged(&["for the asker alone", &here]);
                assert!(
                    private.is_empty(),
                    "{what}: a public answer is not called the asker's alone: {private:#?}"
                );
            }
        });
    }
    futures_util::future::join_all(checks).await;
    let (question, post) = (
        statuses(&h.fake, asking),
        statuses(&h.fake, posts_in(338_202)),
    );
    assert_eq!(
        (question.as_slice(), post.as_slice()),
        (&[DROPPED, 200][..], &[DROPPED, 200][..]),
        "the question whether Discord took 78201's response, and 78202's post in the channel: dropped, then answered"
    );
    h.fake.finish();
}

/// A gateway's 502, 503 or 504 error page (the CDN in front of Discord
/// could not reach it or gave up waiting) on the last try in the window
/// says nothing of what Discord did: it may have taken the response, or
/// still take it until its 3 s deadline. So it is a try without an
/// answer, as a dropped one is: once Discord's answer is final, a private
/// answer ("Why?") or one factdesk may not post in the channel is asked
/// about, and only one Discord does not have is an ERROR; a button's
/// replacement of the asker's message, which cannot be asked about, is
/// posted in the channel with a WARN line; /reload's report is edited in
/// as if Discord took the deferral, which Discord refuses, once, if it
/// did not. A 500 is Discord's own answer, final as it comes: a private
/// answer it refused is an ERROR at once, without asking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_error_on_the_last_try_is_answered_as_documented() {
    let (h, answer) = drops_harness().await;
    let ms = Duration::from_millis;
    let mute = ALL & !(SEND_MESSAGES | SEND_MESSAGES_IN_THREADS);
    // The only try in the window: answered at 2.45 s, too late for another.
    let last = |canned: Canned| Canned {
        hold: ms(2_450),
        ..canned
    };
    let page = |status: u16| {
        last(Canned::page(
            status,
            &format!("<html><title>{status}</title><body>cloudflare</body></html>"),
        ))
    };
    // (way, Discord's answer to the response, interaction, channel,
    // permissions, what then)
    let rows = [
        (
            Way::Why,
            page(504).landing_after(ms(2_600)),
            78_301u64,
            338_301u64,
            ALL,
            Outcome::FoundTaken,
        ),
        (Way::Why, page(503), 78_302, 338_302, ALL, Outcome::Lost),
        (
            Way::Slash,
            page(502).landing_after(ms(2_600)),
            78_303,
            338_303,
            ALL & !VIEW_CHANNEL,
            Outcome::FoundTaken,
        ),
        (
            Way::Slash,
            page(504),
            78_304,
            338_304,
            mute,
            Outcome::Closed,
        ),
        (
            Way::Pick,
            page(504).landing_after(ms(2_600)),
            78_305,
            338_305,
            ALL,
            Outcome::Posted(true),
        ),
        (
            Way::Deferral,
            page(504).after_creating(),
            78_306,
            338_306,
            ALL,
            Outcome::Reported,
        ),
        (
            Way::Deferral,
            page(502).landing_after(ms(2_600)),
            78_307,
            338_307,
            ALL,
            Outcome::Reported,
        ),
        (
            Way::Deferral,
            page(504),
            78_308,
            338_308,
            ALL,
            Outcome::Refused,
        ),
        (
            Way::Why,
            last(Canned::error(500, 0, "Internal Server Error")),
            78_309,
            338_309,
            ALL,
            Outcome::RefusedByDiscord,
        ),
    ];
    for (way, canned, id, channel, permissions, _) in rows.clone() {
        h.fake.script(way.requests(id), vec![canned]);
        way.send_with(&h, (id, channel, permissions), &answer);
    }
    let fake = &h.fake;
    let mut checks = Vec::new();
    for (way, canned, id, channel, permissions, then) in rows {
        let status = canned.status.unwrap_or_default();
        let what = format!(
            "{way:?}, {status} on the last try (interaction {id}, permissions {permissions:#x}), {then:?}"
        );
        let here = format!("id={id}");
        then.delivered(&h, &what, id, channel).await;
        let line = then.line();
        checks.push(async move {
            let mut parts = line.clone();
            parts.push(&here);
            logged_once(&what, &parts).await;
            if then != Outcome::RefusedByDiscord {
                // The response's failure says what the gateway answered.
                let answered = format!("Discord answered {status}");
                let failed = ["WARN", "could not deliver a reply", &answered, &here];
                logged_once(&what, &failed).await;
            }
            let lost = logged(&["ERROR", &here]);
            assert!(
                lost.len()
                    <= usize::from(matches!(
                        then,
                        Outcome::Refused | Outcome::Lost | Outcome::Closed | Outcome::RefusedByDiscord
                    )),
                "{what}: an ERROR only when the answer is lost, and once: {lost:#?}"
            );
            if then != Outcome::Posted(true) {
                let posted = statuses(fake, posts_in(channel));
                assert!(
                    posted.is_empty(),
                    "{what}: Discord has the answer, or it is the asker's alone, or factdesk may not post in the channel: not posted in the channel, yet posted there (answered {posted:?})"
                );
            }
            // Whether Discord was asked if it took the response, and when.
            let token = format!("/interaction-token-{id}/");
            let requests = fake.requests();
            let first_try = requests.iter().find(|r| callbacks_of(id)(r)).map(|r| r.at);
            let asked: Vec<(u16, Duration)> = requests
                .iter()
                .filter(|r| r.method == "GET" && r.path.contains(&token))
                .filter_map(|r| Some((r.status, r.at.duration_since(first_try?))))
                .collect();
            let want = match then {
                Outcome::FoundTaken => Some(200),
                Outcome::Lost | Outcome::Closed => Some(404),
                _ => None,
            };
            assert_eq!(
                asked.iter().map(|(status, _)| *status).collect::<Vec<_>>(),
                Vec::from_iter(want),
                "{what}: Discord asked whether it took the response (only for a response that posts a message, whose outcome is not known)"
            );
            assert!(
                asked.iter().all(|(_, after)| *after >= Duration::from_secs(3)),
                "{what}: asked only once Discord's answer is final (3 s after the interaction): {asked:?} after the first try"
            );
        });
    }
    futures_util::future::join_all(checks).await;
    h.fake.finish();
}

/// A first try whose connection failed before Discord answered may have
/// landed (or still land until Discord's 3 s deadline), whatever Discord
/// answers the tries after it (its own 500, a 500 page, a 429 past the
/// window): the delivery's outcome is not known, as when every try is
/// dropped. So a slash answer or "Why?" is asked about once Discord's
/// answer is final, and one Discord has is neither posted in the channel
/// as well (the asker would get it twice) nor logged as lost; one it does
/// not have is an ERROR only when the answer is the asker's alone. A
/// button's replacement of the asker's message is posted with the WARN
/// line saying the presser may see it twice, and /reload's report is
/// edited in as if Discord took the deferral. Before, the last try's
/// answer alone decided: a 500 counted as final.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_try_may_have_landed_whatever_later_tries_are_told() {
    let (h, answer) = drops_harness().await;
    let ms = Duration::from_millis;
    let mute = ALL & !(SEND_MESSAGES | SEND_MESSAGES_IN_THREADS);
    // Discord took the first try before its connection failed, or takes
    // it at 2.6 s (still processing it when the connection failed), after
    // the last try in the window has failed; or never.
    let (applied, landing, unapplied) = (
        Canned::dropped().after_creating(),
        Canned::dropped().landing_after(ms(2_600)),
        Canned::dropped(),
    );
    let internal = Canned::error(500, 0, "Internal Server Error");
    let page = Canned::page(500, "<html><title>500</title><body>Discord</body></html>");
    // (way, the first try, Discord's own answer to every later try,
    // interaction, channel, permissions, what then)
    let rows = [
        (
            Way::Slash,
            landing.clone(),
            internal.clone(),
            78_501u64,
            338_501u64,
            ALL,
            Outcome::FoundTaken,
        ),
        (
            Way::Slash,
            landing,
            page,
            78_502,
            338_502,
            mute,
            Outcome::FoundTaken,
        ),
        (
            Way::Why,
            applied.clone(),
            internal.clone(),
            78_503,
            338_503,
            ALL,
            Outcome::FoundTaken,
        ),
        (
            Way::Why,
            applied.clone(),
            Canned::rate_limited(5.0),
            78_504,
            338_504,
            ALL,
            Outcome::FoundTaken,
        ),
        (
            Way::Why,
            unapplied.clone(),
            internal.clone(),
            78_505,
            338_505,
            ALL,
            Outcome::Lost,
        ),
        (
            Way::Pick,
            applied.clone(),
            internal.clone(),
            78_506,
            338_506,
            ALL,
            Outcome::Posted(true),
        ),
        (
            Way::Deferral,
            applied,
            internal.clone(),
            78_507,
            338_507,
            ALL,
            Outcome::Reported,
        ),
        (
            Way::Deferral,
            unapplied,
            internal,
            78_508,
            338_508,
            ALL,
            Outcome::Refused,
        ),
    ];
    for (way, first, later, id, channel, permissions, _) in rows.clone() {
        h.fake.script(way.requests(id), vec![first]);
        h.fake.always(way.requests(id), later);
        way.send_with(&h, (id, channel, permissions), &answer);
    }
    let fake = &h.fake;
    let mut checks = Vec::new();
    for (way, first, later, id, channel, permissions, then) in rows {
        let how = match first.lands {
            Some(d) if d > Duration::ZERO => "landing later",
            Some(_) => "applied",
            None => "unapplied",
        };
        let status = later.status.unwrap_or_default();
        let what = format!(
            "{way:?}, first try dropped {how}, then {status} (interaction {id}, permissions {permissions:#x}), {then:?}"
        );
        let here = format!("id={id}");
        then.delivered(&h, &what, id, channel).await;
        let line = then.line();
        checks.push(async move {
            // The response's failure says why it is not taken as final.
            let unknown = "an earlier try may have been taken all the same";
            logged_with_failure(&what, line, &here, &[unknown]).await;
            let lost = logged(&["ERROR", &here]);
            assert!(
                lost.len() <= usize::from(matches!(then, Outcome::Lost | Outcome::Refused)),
                "{what}: an ERROR only when the answer is lost, and once: {lost:#?}"
            );
            if !matches!(then, Outcome::Posted(_)) {
                let posted = statuses(fake, posts_in(channel));
                assert!(
                    posted.is_empty(),
                    "{what}: Discord has the answer, or it is the asker's alone, or factdesk may not post in the channel: not posted in the channel, yet posted there (answered {posted:?})"
                );
            }
            // Whether Discord was asked if it took the response, and when.
            let token = format!("/interaction-token-{id}/");
            let requests = fake.requests();
            let first_try = requests.iter().find(|r| callbacks_of(id)(r)).map(|r| r.at);
            let asked: Vec<(u16, Duration)> = requests
                .iter()
                .filter(|r| r.method == "GET" && r.path.contains(&token))
                .filter_map(|r| Some((r.status, r.at.duration_since(first_try?))))
                .collect();
            let want = match then {
                Outcome::FoundTaken => Some(200),
                Outcome::Lost => Some(404),
                _ => None,
            };
            assert_eq!(
                asked.iter().map(|(status, _)| *status).collect::<Vec<_>>(),
                Vec::from_iter(want),
                "{what}: Discord asked once whether it took the response (only for a response that posts a message)"
            );
            assert!(
                asked.iter().all(|(_, after)| *after >= Duration::from_secs(3)),
                "{what}: asked only once Discord's answer is final (3 s after the interaction), since the dropped try may land until then: {asked:?} after the first try"
            );
        });
    }
    futures_util::future::join_all(checks).await;
    h.fake.finish();
}

/// A first try whose connection failed before Discord answered, then
/// Discord's refusal for a permission factdesk lacks in the channel (403
/// 50013 Missing Permissions, 50001 Missing Access; 160002 for a reply
/// without Read Message History): Discord refuses every try of the
/// request for it, the dropped one a moment before too, so that try
/// cannot have landed and the refusal is final. An interaction's answer
/// is lost with one ERROR line, the refusal's (for 50013 the handler's,
/// naming the permissions to check), at once: Discord is not asked
/// whether it took the response, no report is edited in, nothing is
/// posted in the channel instead. A channel reply steps down as after
/// any such refusal (plain text without Embed Links, a mention without
/// Read Message History) and is delivered, with no ERROR. Before, the
/// dropped try made the refusal's outcome "unknown": a private answer was
/// asked about after Discord's deadline and logged as lost twice, and a
/// deferral's report was edited in, to be refused as an unknown
/// interaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permission_refused_after_a_dropped_try_is_final_and_logged_once() {
    let (h, answer) = drops_harness().await;
    let mute = ALL & !(SEND_MESSAGES | SEND_MESSAGES_IN_THREADS);
    let (missing_permissions, missing_access) = (
        Canned::missing_permissions(),
        Canned::error(403, 50001, "Missing Access"),
    );
    let handlers = "Discord refused the interaction response (50013 Missing Permissions)";
    let unseen = "factdesk cannot see this channel";
    // (way, Discord's answer to every try after the dropped first one,
    // interaction, channel, permissions, the words of the one ERROR line)
    let rows = [
        (
            Way::Why,
            missing_permissions.clone(),
            78_601u64,
            338_601u64,
            ALL,
            handlers,
        ),
        (
            Way::Slash,
            missing_permissions.clone(),
            78_602,
            338_602,
            mute,
            handlers,
        ),
        (
            Way::Slash,
            missing_permissions.clone(),
            78_603,
            338_603,
            ALL,
            handlers,
        ),
        (
            Way::Pick,
            missing_permissions.clone(),
            78_604,
            338_604,
            ALL,
            handlers,
        ),
        (
            Way::Deferral,
            missing_permissions.clone(),
            78_605,
            338_605,
            ALL,
            handlers,
        ),
        (Way::Why, missing_access, 78_606, 338_606, ALL, unseen),
    ];
    for (way, refusal, id, channel, permissions, _) in rows.clone() {
        h.fake.script(way.requests(id), vec![Canned::dropped()]);
        h.fake.always(way.requests(id), refusal);
        way.send_with(&h, (id, channel, permissions), &answer);
    }
    // Channel replies: (the refusal, channel, how the reply goes out then).
    let (plain, mention) = (338_611u64, 338_612u64);
    for channel in [plain, mention] {
        h.fake.script(posts_in(channel), vec![Canned::dropped()]);
    }
    refuse_embeds_in(&h, plain);
    refuse_replies_in(&h, mention);
    let asked = [plain, mention].map(|channel| (channel, h.ask_in(channel)));
    let fake = &h.fake;
    let mut checks = Vec::new();
    for (way, refusal, id, channel, permissions, words) in rows {
        let code = refusal.body["code"].as_u64().unwrap_or_default();
        let what = format!(
            "{way:?}, first try dropped, then 403 {code} (interaction {id}, permissions {permissions:#x})"
        );
        let here = format!("id={id}");
        checks.push(async move {
            let line = logged_once(&what, &["ERROR", &here]).await;
            assert!(
                line.contains("could not deliver a reply") && line.contains(words),
                "{what}: the one ERROR line is the refusal's, saying {words:?}: {line}"
            );
            let unknown = logged(&["an earlier try may have been taken", &here]);
            assert!(
                unknown.is_empty(),
                "{what}: a permission refused on the last try refused the dropped one too, so nothing says it may have been taken: {unknown:#?}"
            );
            assert_eq!(
                statuses(fake, way.requests(id)),
                [DROPPED, 403],
                "{what}: the dropped try, then the refusal, not tried again"
            );
            // Nothing else for the interaction: Discord not asked whether
            // it took the response, no report edited in.
            let token = format!("interaction-token-{id}");
            let others: Vec<String> = fake
                .requests()
                .iter()
                .filter(|r| r.path.contains(&token) && !callbacks_of(id)(r))
                .map(|r| format!("{} {}", r.method, r.path))
                .collect();
            assert!(
                others.is_empty(),
                "{what}: Discord's refusal is final: no request after it: {others:?}"
            );
            let posted = statuses(fake, posts_in(channel));
            assert!(
                posted.is_empty(),
                "{what}: the refusal's handling is unchanged: not posted in the channel (answered {posted:?})"
            );
        });
    }
    let mut replies = Vec::new();
    for (channel, question) in asked {
        let question = question.to_string();
        let what = if channel == plain {
            "a channel reply dropped, then its embed refused (50013)"
        } else {
            "a channel reply dropped, then its reply refused (160002)"
        };
        replies.push(async move {
            let sent = fake.channel_message(channel).await;
            let content = sent["content"].as_str().unwrap_or_default();
            if channel == plain {
                assert!(
                    sent["embeds"].as_array().is_none_or(Vec::is_empty)
                        && sent["message_reference"]["message_id"] == question,
                    "{what}: a plain text reply to the question: {sent}"
                );
            } else {
                assert!(
                    content.starts_with(&format!("<@{USER_ID}>"))
                        && sent["message_reference"].is_null(),
                    "{what}: a message mentioning the asker: {sent}"
                );
            }
            assert_eq!(
                statuses(fake, posts_in(channel)),
                [DROPPED, 403, 200],
                "{what}: the dropped try, the refusal, then the step down"
            );
            tokio::time::sleep(SETTLE).await;
            let here = format!("channel={channel}");
            let lost = logged(&["ERROR", &here]);
            assert!(lost.is_empty(), "{what}: delivered, so no ERROR: {lost:#?}");
        });
    }
    futures_util::future::join(
        futures_util::future::join_all(checks),
        futures_util::future::join_all(replies),
    )
    .await;
    h.fake.finish();
}

/// A channel reply whose connection is dropped once is tried again with
/// the same enforced nonce: one message in the channel, whether Discord
/// created it before the drop or not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_channel_reply_is_posted_once() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (how the first try is dropped, channel)
    let rows = [
        (Dropped::Unapplied, 338_301u64),
        (Dropped::Applied, 338_302),
    ];
    let mut asked = Vec::new();
    for (dropped, channel) in rows {
        h.fake.script(posts_in(channel), vec![dropped.canned()]);
        asked.push(h.ask_in(channel));
    }
    for ((dropped, channel), question) in rows.into_iter().zip(asked) {
        let what = format!("a channel reply dropped {dropped:?}");
        posted_once_after_a_drop(&h, &what, channel).await;
        let sent = h.fake.channel_message(channel).await;
        assert_eq!(
            sent["message_reference"]["message_id"],
            question.to_string(),
            "{what}: a reply to the question: {sent}"
        );
    }
    h.fake.finish();
}

/// Waits until the reply in `channel`, dropped once, is tried again and
/// taken, and checks the channel holds it once.
async fn posted_once_after_a_drop(h: &Harness, what: &str, channel: u64) {
    let posts: Matches = Box::new(posts_in(channel));
    until_statuses(h, what, &posts, &[DROPPED, 200]).await;
    let created = h.fake.created_in(channel);
    assert_eq!(
        created.len(),
        1,
        "{what}: one answer in the channel: {created:#?}"
    );
}

/// With serenity's ratelimiter on and TLS (as in production), a dropped
/// connection is retried the same way: a slash answer and a channel reply,
/// each dropped once before and after Discord took it, are given once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_ratelimiter_on_a_dropped_connection_is_retried_too() {
    logs();
    let fake = FakeDiscord::start().await;
    let http = fake.http_ratelimited();
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let h = Harness::start_on(fake, http, c, e).await;
    let drops = [Dropped::Unapplied, Dropped::Applied];
    // (how the first try is dropped, interaction, its answer after the drop)
    let slash = [(drops[0], 78_401u64, 204u16), (drops[1], 78_402, 400)];
    for (dropped, id, _) in slash {
        h.fake
            .script(Way::Slash.requests(id), vec![dropped.canned()]);
        Way::Slash.send(&h, id, 338_400 + id % 100, &serde_json::Value::Null);
    }
    // (how the first try is dropped, channel)
    let replies = [(drops[0], 338_403u64), (drops[1], 338_404)];
    for (dropped, channel) in replies {
        h.fake.script(posts_in(channel), vec![dropped.canned()]);
        h.ask_in(channel);
    }
    for (dropped, id, retried) in slash {
        let what = format!("a slash answer dropped {dropped:?}, ratelimiter on");
        until_statuses(&h, &what, &Way::Slash.requests(id), &[DROPPED, retried]).await;
    }
    for (dropped, channel) in replies {
        let what = format!("a channel reply dropped {dropped:?}, ratelimiter on");
        posted_once_after_a_drop(&h, &what, channel).await;
    }
    h.fake.finish();
}

/// A public slash answer Discord may not have taken (every try dropped)
/// that factdesk may not post in the channel instead is lost; its ERROR
/// line names what to grant there, as the interaction's permissions show
/// it missing: Send Messages in Threads in a thread, Send Messages in a
/// channel, View Channel where factdesk cannot see. Not a fixed list
/// naming what factdesk has (Send Messages, useless in a thread) or what
/// a message in the channel does not need (Read Message History).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_names_the_permission_missing_to_post_it_in_the_channel() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what, interaction, channel, a thread?, permissions, what to grant,
    // what the line must not ask for)
    let rows = [
        (
            "a thread without Send Messages in Threads",
            88_301u64,
            444_301u64,
            true,
            ALL & !SEND_MESSAGES_IN_THREADS,
            "grant it Send Messages in Threads there",
            &["Read Message History", "View Channel"][..],
        ),
        (
            "a channel without Send Messages",
            88_302,
            444_302,
            false,
            ALL & !SEND_MESSAGES,
            "grant it Send Messages there",
            &["Read Message History", "View Channel", "in Threads"][..],
        ),
        (
            "a channel factdesk cannot see",
            88_303,
            444_303,
            false,
            ALL & !VIEW_CHANNEL,
            "grant it View Channel there",
            &["Read Message History", "Send Messages"][..],
        ),
    ];
    for (_, id, channel, thread, permissions, _, _) in rows {
        h.fake.always(callbacks_of(id), Canned::dropped());
        let command = fixtures::command(id, "when", &[("event", "recognition")], USER_ID);
        let command = if thread {
            fixtures::in_thread(command, channel, permissions)
        } else {
            let mut c = fixtures::in_channel(command, channel, permissions);
            c["channel"] =
                serde_json::json!({"id": channel.to_string(), "type": 0, "name": "a channel"});
            c
        };
        h.fake.dispatch("INTERACTION_CREATE", command);
    }
    for (what, id, channel, _, _, grant, not_asked) in rows {
        let lost = [
            "ERROR",
            "has no response to the interaction",
            &format!("id={id}"),
        ];
        let line = logged_once(what, &lost).await;
        assert!(
            line.contains(grant),
            "{what}: the ERROR line must say to {grant:?}: {line}"
        );
        for wrong in not_asked {
            assert!(
                !line.contains(wrong),
                "{what}: the ERROR line asks for {wrong:?}, which factdesk has here or does not need to post: {line}"
            );
        }
        assert!(
            statuses(&h.fake, posts_in(channel)).is_empty(),
            "{what}: nothing posted in the channel"
        );
    }
    h.fake.finish();
}

/// A 5xx whose body is not Discord's JSON (the HTML error page of the CDN
/// in front of Discord, as a 502 usually is) is logged with its status,
/// so the operator can tell a Discord outage from a fault of factdesk's,
/// not as serenity's "Could not decode json".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_5xx_error_page_is_logged_with_its_status() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    let channel = 333_403;
    let page = |status: u16| {
        let html =
            format!("<html><head><title>{status}</title></head><body>cloudflare</body></html>");
        Canned::page(status, &html)
    };
    h.fake.script(posts_in(channel), vec![page(502), page(503)]);
    h.ask_in(channel);
    h.fake.channel_message(channel).await;
    assert_eq!(statuses(&h.fake, posts_in(channel)), [502, 503, 200]);
    let here = format!("channel={channel}");
    let retries = logged(&["trying again", &here]);
    assert_eq!(retries.len(), 2, "{}", logs());
    for (line, status) in retries
        .iter()
        .zip(["502 Bad Gateway", "503 Service Unavailable"])
    {
        assert!(
            line.contains(status),
            "the retry's line must name what Discord answered ({status}): {line}"
        );
        assert!(
            !line.contains("decode"),
            "a page that is not JSON is no decoding fault: {line}"
        );
    }
    h.fake.finish();
}

/// A public slash answer in a channel factdesk may not post in, whose
/// interaction response Discord answers with a failure (a 429 past the
/// window, a 5xx on every try), is lost: its one ERROR line says so and
/// that the answer was not posted in the channel instead, naming the
/// permission missing there, without a request more than the tries of the
/// response (nothing posted; nothing asked of Discord when it answered
/// itself). A gateway's error page (a 502) leaves what Discord did
/// unknown: Discord is asked, once its answer is final, before the
/// answer is called lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_discord_refused_says_why_it_was_not_posted_in_the_channel() {
    let fake = FakeDiscord::start().await;
    let h = harness_on(fake).await;
    // (what, interaction, channel, a thread?, permissions, Discord's
    // answer to every try, the failure, what to grant, Discord asked)
    let rows = [
        (
            "a 429 past the window, no Send Messages",
            88_501u64,
            444_501u64,
            false,
            ALL & !SEND_MESSAGES,
            Canned::rate_limited(5.0),
            "rate limited (429 Too Many Requests)",
            "grant it Send Messages there",
            false,
        ),
        (
            "a 500 on every try, in a thread without Send Messages in Threads",
            88_502,
            444_502,
            true,
            ALL & !SEND_MESSAGES_IN_THREADS,
            Canned::error(500, 0, "Internal Server Error"),
            "Internal Server Error",
            "grant it Send Messages in Threads there",
            false,
        ),
        (
            "an error page on every try, no View Channel",
            88_503,
            444_503,
            false,
            ALL & !VIEW_CHANNEL,
            Canned::page(502, "<html><title>502 Bad Gateway</title></html>"),
            "Discord answered 502 Bad Gateway",
            "grant it View Channel there",
            true,
        ),
    ];
    for (_, id, channel, thread, permissions, answer, _, _, _) in rows.clone() {
        h.fake.always(callbacks_of(id), answer);
        let command = fixtures::command(id, "when", &[("event", "recognition")], USER_ID);
        let command = if thread {
            fixtures::in_thread(command, channel, permissions)
        } else {
            let mut c = fixtures::in_channel(command, channel, permissions);
            c["channel"] =
                serde_json::json!({"id": channel.to_string(), "type": 0, "name": "a channel"});
            c
        };
        h.fake.dispatch("INTERACTION_CREATE", command);
    }
    for (what, id, channel, _, _, _, failure, grant, asked) in rows {
        let lost = ["ERROR", "could not deliver a reply", &format!("id={id}")];
        let line = logged_once(what, &lost).await;
        for part in [
            failure,
            "not posted there",
            grant,
            &format!("channel={channel}"),
        ] {
            assert!(
                line.contains(part),
                "{what}: the ERROR line must say {part:?} (what failed, and why the answer was not posted in the channel instead): {line}"
            );
        }
        let token = format!("interaction-token-{id}");
        let others: Vec<String> = h
            .fake
            .requests()
            .iter()
            .filter(|r| r.path.contains(&token) && !callbacks_of(id)(r))
            .map(|r| format!("{} {}", r.method, r.path))
            .collect();
        let question = |r: &String| r.starts_with("GET ") && r.ends_with("/messages/@original");
        assert!(
            others.len() == usize::from(asked) && others.iter().all(question),
            "{what}: no request but the response's tries (and, when only a gateway answered, asking Discord once whether it took it): {others:?}"
        );
        if asked {
            assert!(
                line.contains("Asked afterwards, Discord has no response"),
                "{what}: {line}"
            );
        }
        assert!(
            statuses(&h.fake, posts_in(channel)).is_empty(),
            "{what}: nothing posted in the channel"
        );
    }
    h.fake.finish();
}
