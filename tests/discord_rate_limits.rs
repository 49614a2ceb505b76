//! End to end through the real serenity client (its ratelimiter off, as
//! with a `proxy`) and a fake Discord that rate limits a channel for
//! longer than a reply's window: factdesk backs off between 429s instead
//! of trying once a second, and the answer still arrives once Discord
//! takes it again.
#![cfg(feature = "discord")]

mod fake_discord;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use factdesk::discord::backoff::RATE_LIMITED_WAIT;
use factdesk::discord::delivery::REPLY_WINDOW;
use fake_discord::requests::posts_in;
use fake_discord::setup::{config, data_dir, engine};
use fake_discord::{Canned, Harness, Request};

/// The most POSTs one answer may make in its window under a rate limit
/// (one a second would be ten).
const MOST_TRIES_IN_WINDOW: usize = 5;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_rate_limit_is_backed_off_and_the_answer_arrives_when_it_ends() {
    let c = config(&data_dir());
    let e = engine(&data_dir(), &c);
    let h = Harness::start(c, e).await;
    let channel = 333_040;
    // Discord rate limits every post in the channel until told to stop.
    let refusing = Arc::new(AtomicBool::new(true));
    let still = Arc::clone(&refusing);
    h.fake.always(
        move |r| still.load(Ordering::SeqCst) && posts_in(channel)(r),
        Canned::rate_limited(30.0),
    );
    let asked = Instant::now();
    let id = h.ask_in(channel);
    // Every try of the reply's window has been made by its end.
    tokio::time::sleep(REPLY_WINDOW + Duration::from_millis(500)).await;
    let tries: Vec<Request> = h
        .fake
        .requests()
        .into_iter()
        .filter(|r| posts_in(channel)(r) && r.at.duration_since(asked) < REPLY_WINDOW)
        .collect();
    let seen: Vec<(u16, u128)> = tries
        .iter()
        .map(|r| (r.status, r.at.duration_since(asked).as_millis()))
        .collect();
    assert!(
        (2..=MOST_TRIES_IN_WINDOW).contains(&tries.len()),
        "tried again, but at most {MOST_TRIES_IN_WINDOW} POSTs in the {REPLY_WINDOW:?} window; (status, ms after asking): {seen:?}"
    );
    assert!(
        tries.iter().all(|r| r.status == 429),
        "every try in the window was rate limited: {seen:?}"
    );
    let gaps: Vec<Duration> = tries
        .windows(2)
        .map(|pair| pair[1].at.duration_since(pair[0].at))
        .collect();
    assert!(
        gaps[0] >= RATE_LIMITED_WAIT,
        "the first 429 is waited out for at least {RATE_LIMITED_WAIT:?}: gaps {gaps:?}"
    );
    for pair in gaps.windows(2) {
        assert!(
            pair[1] >= pair[0] * 3 / 2,
            "each 429 in a row waits longer than the one before: gaps {gaps:?}"
        );
    }
    // Discord takes posts again: the answer is tried again later and arrives.
    refusing.store(false, Ordering::SeqCst);
    let sent = h
        .fake
        .channel_message_within(channel, Duration::from_secs(15))
        .await;
    assert_eq!(
        sent["message_reference"]["message_id"],
        id.to_string(),
        "the answer arrives as a reply to the question once the rate limit ends"
    );
    assert_eq!(
        h.fake.created_in(channel).len(),
        1,
        "one answer in the channel"
    );
    h.fake.finish();
}
