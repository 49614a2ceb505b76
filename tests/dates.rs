//! A timeline event's date answers the words that ask for what it gives:
//! "which month" is answered by an event dated to the month, and stays
//! unmatched (so the question is less sure) for one the articles date
//! only to the year.

use std::path::Path;

use factdesk::dataset::Dataset;
use factdesk::explain::{explain, WordMatch};
use factdesk::search::Scope;
use factdesk::{Engine, Thresholds};

fn engine() -> Engine {
    let data = Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
        .expect("the bundled dataset loads");
    Engine::new(data, Thresholds::default())
}

#[test]
fn a_date_answers_the_words_asking_for_what_it_gives() {
    let engine = engine();
    // (/when question, the event it matches (its date), the date word, found in the event?)
    let rows = [
        (
            "taliban return to kabul, which month",
            "event:taliban-return",
            "month",
            true,
        ), // 2021-08
        (
            "sanctions lifted, what year",
            "event:sanctions-lifted",
            "year",
            true,
        ), // 2024-04
        (
            "soviet withdrawal, which month",
            "event:soviet-withdrawal",
            "month",
            false,
        ), // 1989
        (
            "kabul captured, which month",
            "event:kabul-captured",
            "month",
            false,
        ), // 1996
    ];
    for (question, best, word, found) in rows {
        let why = explain(&engine, Scope::Timeline, question);
        let text = why.text();
        assert_eq!(
            why.best
                .as_ref()
                .map(|b| b.reference.to_string())
                .as_deref(),
            Some(best),
            "/when {question}:\n{text}"
        );
        let want = if found {
            WordMatch::Elsewhere(word.into())
        } else {
            WordMatch::Unmatched(word.into())
        };
        assert!(
            why.words.contains(&want),
            "/when {question}: want {want:?} among {:?}\n{text}",
            why.words
        );
    }
}
