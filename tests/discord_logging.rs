//! End to end through the real serenity client and a fake Discord, with
//! every log line captured (serenity's too, at trace level): one line per
//! question with kind, status, confidence and latency, and never the token.
#![cfg(feature = "discord")]

mod fake_discord;

use fake_discord::captured_log::Captured;
use fake_discord::fixtures::question;
use fake_discord::setup::{config, data_dir, engine};
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use fake_discord::{Harness, BOT_ID, CHANNEL_ID, TOKEN, USER_ID};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_line_per_question_and_never_the_token() {
    let logs = Captured::default();
    let writer = logs.clone();
    // Everything at trace level, through the filter `factdesk serve` applies.
    let output = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .with_filter(filter_fn(factdesk::discord::loggable));
    tracing_subscriber::registry()
        .with(EnvFilter::new("trace,h2=info,hyper=info,rustls=info"))
        .with(output)
        .init();

    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    h.command("when", &[("event", "recognition")], USER_ID)
        .await;
    h.say(question(
        h.id(),
        CHANNEL_ID,
        USER_ID,
        &format!("<@{BOT_ID}> who is the ambassador"),
        true,
    ));
    h.fake.channel_message(CHANNEL_ID).await;
    h.fake.finish();

    let text = logs.text();
    let questions: Vec<&str> = text.lines().filter(|l| l.contains(" question ")).collect();
    assert_eq!(questions.len(), 2, "one line per question: {questions:#?}");
    for (line, kind) in questions.iter().zip(["when", "mention"]) {
        for field in [
            &format!("kind=\"{kind}\"") as &str,
            "status=",
            "confidence=",
            "latency_us=",
        ] {
            assert!(line.contains(field), "{field} missing from {line}");
        }
    }
    for part in TOKEN.split('.') {
        let leaks: Vec<&str> = text.lines().filter(|l| l.contains(part)).collect();
        assert!(
            leaks.is_empty(),
            "the token (or part of it) was logged: {leaks:#?}"
        );
    }
}
