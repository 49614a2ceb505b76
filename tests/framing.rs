//! The way a question is framed does not change its answer: a polite
//! request, a chat opener or a reported question around a question the bot
//! answers gets the same answer, not a confident other one.

use std::path::Path;

use factdesk::dataset::Dataset;
use factdesk::search::Scope;
use factdesk::{Engine, Thresholds};

fn engine() -> Engine {
    let data =
        Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data")).expect("data/ loads");
    Engine::new(data, Thresholds::default())
}

/// Returns the entry the bot answers `question` with, or a description of
/// what it did instead.
fn answered_with(engine: &Engine, question: &str) -> String {
    let reply = engine.reply(Scope::All, question);
    match reply.answered() {
        Some(a) => a.entry.to_string(),
        None => format!("no answer ({:?})", reply.status()),
    }
}

#[test]
fn a_framed_question_keeps_its_answer() {
    let engine = engine();
    let questions = [
        "when did russia recognise the taliban",
        "who is the new afghan ambassador in moscow",
        "why did russia recognise the taliban",
    ];
    // Each frame has one %s, where the question goes.
    let frames = [
        "could you please let me know %s",
        "can you tell me %s",
        "quick one: %s",
        "genuine question: %s",
        "my teacher asked us %s",
        "can you tell us %s",
        "do you know %s",
        "hey bot, %s?",
        "real quick, %s",
        "any idea %s?",
        "dear bot, %s",
        "%s (sorry for bad english)",
    ];
    for question in questions {
        let bare = answered_with(&engine, question);
        assert!(
            !bare.starts_with("no answer"),
            "{question:?} itself should be answered, got {bare}"
        );
        for frame in frames {
            let framed = frame.replace("%s", question);
            assert_eq!(
                answered_with(&engine, &framed),
                bare,
                "{framed:?} should get the answer {question:?} gets"
            );
        }
    }
}

/// A fragment of a long message with one content word ("something like
/// 'historic' right?") is no question of its own: read alone, it would be
/// answered by whatever phrasing is that word ("is this historic"), not by
/// what the message asks. A fragment that names someone still counts.
#[test]
fn a_one_word_fragment_is_not_read_as_the_question() {
    let engine = engine();
    // (message, an entry it must not be answered with)
    let rows = [
        (
            "the headline said something like \"historic\" right? who said that exactly",
            "qa:significance",
        ),
        (
            "the guy on the radio kept saying something like \"historic\" right? what did he say exactly",
            "qa:significance",
        ),
    ];
    for (message, not) in rows {
        let got = answered_with(&engine, message);
        assert_ne!(
            got, not,
            "{message:?} was answered by its one-word fragment"
        );
    }
    // Every part a one-word fragment: the message is read whole, with a
    // real P(right) (no other reading to agree with is no reading agreeing).
    let fragments = "so yeah, like historic, i mean, you know, right?";
    let reply = engine.reply(Scope::All, fragments);
    assert!(
        reply.confidence().is_finite(),
        "{fragments:?}: P(right) {} must be a number",
        reply.confidence()
    );
    let named = "so random but who is amir khan muttaqi? saw him everywhere";
    assert_eq!(
        answered_with(&engine, named),
        "person:amir-khan-muttaqi",
        "{named:?}: a part naming someone is read"
    );
}
