//! Replies end to end on the real data: odd input never panics and always
//! gets a clear reply, `when`/`who` answers lead with date or name, and the
//! CLI's JSON contract and exit codes are pinned.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use factdesk::dataset::Dataset;
use factdesk::search::Scope;
use factdesk::{Engine, Status, Thresholds};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let data = Dataset::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
            .expect("data/ loads");
        Engine::new(data, Thresholds::default())
    })
}

/// Runs the CLI on the real data with the committed settings, except that
/// the unanswered log goes to a temp dir.
fn factdesk(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/config/factdesk.toml");
    let mut config = std::fs::read_to_string(committed).expect("committed config");
    let log = dir.path().join("unanswered.jsonl");
    config = config.replace(
        "path = \"factdesk-unanswered.jsonl\"",
        &format!("path = {:?}", log.display().to_string()),
    );
    let config_path = dir.path().join("factdesk.toml");
    std::fs::write(&config_path, config).expect("write config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["--data", concat!(env!("CARGO_MANIFEST_DIR"), "/data")])
        .arg("--config")
        .arg(&config_path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run factdesk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn odd_input_gets_a_clear_reply() {
    let long = "why ".repeat(2_500);
    let zalgo = "w\u{0334}\u{0335}h\u{0336}o\u{0337}\u{0338} i\u{0321}s\u{0322} t\u{0327}h\u{0328}e\u{0334} p\u{0335}r\u{0336}e\u{0337}s\u{0338}i\u{0321}d\u{0322}e\u{0327}n\u{0328}t";
    // (name, input, what the reply must say)
    let rows: [(&str, &str, &str); 13] = [
        ("empty", "", "Ask me something"),
        ("whitespace", " \t\n  ", "Ask me something"),
        ("10,000 characters", &long, "too long"),
        (
            "control characters",
            "\u{0}\u{7}\u{1b}[31m\u{8}",
            "I don't have an answer",
        ),
        ("zalgo", zalgo, ""),
        ("emoji only", "🤔🤔🔥", "Ask me something"),
        ("@everyone", "@everyone @here", "Ask me something"),
        (
            "code block",
            "```rust\nfn main() { panic!() }\n```",
            "I don't have an answer",
        ),
        (
            "Cyrillic",
            "Когда Россия признала талибов?",
            "I don't have an answer",
        ),
        (
            "Arabic",
            "متى اعترفت روسيا بطالبان؟",
            "I don't have an answer",
        ),
        ("mention only", "<@123456789012345678>", "Ask me something"),
        // the data's "taliban 2.0" must not answer sums
        ("sum", "what's 2+2", "I don't have an answer"),
        ("numbers only", "1 2 3 4", "I don't have an answer"),
    ];
    for (name, input, want) in rows {
        for scope in [Scope::All, Scope::Timeline, Scope::People] {
            let reply = engine().reply(scope, input);
            let text = reply.text();
            assert!(
                !text.trim().is_empty(),
                "{name} ({scope:?}): the reply must say something"
            );
            assert!(
                text.contains("Data as of"),
                "{name}: every reply carries the as-of date: {text}"
            );
            if scope == Scope::All && reply.status() == Status::NoMatch {
                assert!(
                    text.contains(want),
                    "{name}: reply should contain {want:?}, got: {text}"
                );
            }
            if name != "zalgo" {
                assert_ne!(
                    reply.status(),
                    Status::Answered,
                    "{name}: must not be answered: {text}"
                );
            }
        }
    }
}

#[test]
fn when_and_who_answers_lead_with_date_and_name() {
    let rows = [
        (Scope::Timeline, "recognition", "3 July 2025 — "),
        (Scope::Timeline, "soviet invasion", "1979 — "),
        (Scope::People, "ambassador", "Gul Hassan Hassan — "),
        (Scope::People, "foreign minister", "Amir Khan Muttaqi — "),
    ];
    for (scope, question, lead) in rows {
        let reply = engine().reply(scope, question);
        assert_eq!(
            reply.status(),
            Status::Answered,
            "{question:?} should be answered: {}",
            reply.text()
        );
        let answered = reply.answered().expect("answered");
        let answer = answered.answer.clone();
        assert!(
            answer.starts_with(lead),
            "{question:?}: answer should start with {lead:?}: {answer}"
        );
        assert!(
            !answered.citations.is_empty(),
            "{question:?}: answers cite their sources"
        );
        assert!(
            reply.text().contains("[1] "),
            "{question:?}: the text lists numbered citations"
        );
    }
}

#[test]
fn caveats_are_shown_as_sources_differ() {
    let reply = engine().reply(Scope::Timeline, "recognition");
    assert!(
        reply.answered().is_some_and(|a| a.caveat.is_some()),
        "the recognition event has a caveat in the data"
    );
    assert!(
        reply.text().contains("Sources differ: "),
        "{}",
        reply.text()
    );
}

#[test]
fn json_contract_is_pinned() {
    let (code, out, err) = factdesk(&["when", "--json", "recognition"], "");
    assert_eq!(code, Some(0), "answered exits 0: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "query",
        "status",
        "kind",
        "id",
        "answer",
        "text",
        "confidence",
        "citations",
        "suggestions",
        "caveat",
        "as_of",
    ];
    want.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(
        got, want,
        "the JSON contract's keys changed; update README and consumers first"
    );
    assert_eq!(v["query"], "recognition");
    assert_eq!(v["status"], "answered");
    assert_eq!(v["kind"], "event");
    assert!(v["id"].is_string() && v["answer"].is_string() && v["text"].is_string());
    assert!(v["confidence"]
        .as_f64()
        .is_some_and(|c| (0.0..=1.0).contains(&c)));
    assert!(v["caveat"].is_string());
    assert_eq!(v["as_of"], "2025-07-05");
    let cite = &v["citations"][0];
    let mut ckeys: Vec<&str> = cite
        .as_object()
        .expect("citation")
        .keys()
        .map(String::as_str)
        .collect();
    ckeys.sort_unstable();
    assert_eq!(
        ckeys,
        ["n", "published", "publisher", "section", "source", "title"]
    );
    assert_eq!(cite["n"], 1);
    assert!(v["suggestions"].as_array().is_some_and(Vec::is_empty));

    let (code, out, _) = factdesk(&["ask", "--json", "what's the weather in kabul"], "");
    assert_eq!(code, Some(1), "not answered exits 1");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_ne!(v["status"], "answered");
    assert!(v["kind"].is_null() && v["id"].is_null() && v["answer"].is_null());
}

#[test]
fn batch_mode_answers_each_line_in_order() {
    let input =
        "when did russia recognise the taliban\n\nbest pizza in moscow\nwho is gul hassan hassan\n";
    let (code, out, err) = factdesk(&["ask", "-"], input);
    assert_eq!(
        code,
        Some(0),
        "batch mode exits 0 unless it hits an error: {err}"
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line per question"))
        .collect();
    let queries: Vec<&str> = lines.iter().filter_map(|v| v["query"].as_str()).collect();
    assert_eq!(
        queries,
        [
            "when did russia recognise the taliban",
            "",
            "best pizza in moscow",
            "who is gul hassan hassan"
        ],
        "one JSON line per input line, in order"
    );
    let statuses: Vec<&str> = lines.iter().filter_map(|v| v["status"].as_str()).collect();
    assert_eq!(statuses[0], "answered");
    assert_eq!(statuses[1], "no_match");
    assert_ne!(statuses[2], "answered");
    assert_eq!(statuses[3], "answered");
}

#[test]
fn cli_errors_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["ask", "--data", "/no/such/dir", "hi"])
        .output()
        .expect("run factdesk");
    let (code, err) = (out.status.code(), String::from_utf8_lossy(&out.stderr));
    assert_eq!(code, Some(2), "an unreadable dataset is an error: {err}");
    assert!(err.contains("not a directory"), "{err}");
}

#[test]
fn chat_console_behaves_like_the_channel() {
    let input = "/when recognition\n/who ambassador\n/timeline\n/sources\n/bogus\n/help\nwho is muttaqi\n/quit\nnever read\n";
    let (code, out, err) = factdesk(&["chat"], input);
    assert_eq!(code, Some(0), "{err}");
    for want in [
        "3 July 2025 — ",
        "Gul Hassan Hassan — ",
        "1979 — ",
        "The Ink Post",
        "Unknown command /bogus",
        "/when <event>",
        "Amir Khan Muttaqi",
    ] {
        assert!(
            out.contains(want),
            "console output should contain {want:?}:\n{out}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn matcher_never_panics(text in any::<String>()) {
        for scope in [Scope::All, Scope::Timeline, Scope::People] {
            let reply = engine().reply(scope, &text);
            prop_assert!((0.0..=1.0).contains(&reply.confidence()));
            prop_assert!(!reply.text().is_empty());
        }
    }

    #[test]
    fn matcher_never_panics_on_chat_like_text(text in "[a-zA-Z0-9 '?!.,@<>#:&`~\\-\u{300}-\u{36f}\u{1F600}-\u{1F64F}]{0,200}") {
        let reply = engine().reply(Scope::All, &text);
        prop_assert!((0.0..=1.0).contains(&reply.confidence()));
    }
}

/// Returns a dataset of two events whose titles say the same thing.
fn twin_events() -> Dataset {
    with_events(vec![event("kabul-1996", 1996), event("kabul-2021", 2021)])
}

fn event(id: &str, year: i32) -> factdesk::dataset::Event {
    use factdesk::dataset::{Cite, Date, Event};
    Event {
        id: id.to_string(),
        date: Date::Year(year),
        spoken_date: year.to_string(),
        title: "Fall of Kabul".to_string(),
        aliases: vec!["kabul falls".to_string()],
        description: "Kabul fell.".to_string(),
        cite: vec![Cite {
            source: 0,
            section: 0,
        }],
        caveat: None,
        asked: Vec::new(),
    }
}

/// Returns a dataset of `events` with one source.
fn with_events(events: Vec<factdesk::dataset::Event>) -> Dataset {
    use factdesk::dataset::{Date, Section, Source};
    Dataset {
        as_of: Date::Day(2025, 7, 5),
        sources: vec![Source {
            id: "s".into(),
            publisher: "p".into(),
            title: "t".into(),
            published: Date::Month(2025, 7),
            sections: vec![Section {
                id: "x".into(),
                heading: "h".into(),
            }],
        }],
        qa: Vec::new(),
        events,
        people: Vec::new(),
        synonyms: Vec::new(),
        unanswered: Vec::new(),
    }
}

/// `/when` with only a date, as people write one (day and month in either
/// order, a short month, a year, a decade), finds the event of that date:
/// an event's date is one of its phrasings.
#[test]
fn a_date_alone_finds_its_event() {
    let rows = [
        ("july 3", "russia-recognises"),
        ("3 july 2025", "russia-recognises"),
        ("july 2025", "russia-recognises"),
        ("aug 2021", "taliban-return"),
        ("august 2021", "taliban-return"),
        ("june 2025", "ambassador-appointed"),
        ("april 2024", "sanctions-lifted"),
        ("2010s", "taliban-regroups"),
        ("2001", "us-invasion"),
    ];
    for (question, id) in rows {
        let reply = engine().reply(Scope::Timeline, question);
        let got = reply.answered().map(|a| a.entry.id.clone());
        assert_eq!(
            got.as_deref(),
            Some(id),
            "/when {question:?} should answer event:{id}: {}",
            reply.text()
        );
    }
}

/// Two events alike but for their year: the year tells them apart.
#[test]
fn a_year_tells_twin_events_apart() {
    let engine = Engine::new(twin_events(), Thresholds::default());
    for (question, id) in [("kabul falls 1996", "kabul-1996"), ("2021", "kabul-2021")] {
        let reply = engine.reply(Scope::Timeline, question);
        let got = reply.answered().map(|a| a.entry.id.clone());
        assert_eq!(got.as_deref(), Some(id), "{question:?}: {}", reply.text());
    }
}

#[test]
fn two_close_candidates_get_did_you_mean() {
    let engine = Engine::new(twin_events(), Thresholds::default());
    let reply = engine.reply(Scope::Timeline, "when did kabul fall");
    assert_eq!(
        reply.status(),
        Status::Suggest,
        "a tie must not be guessed: {}",
        reply.text()
    );
    let ids: Vec<&str> = reply.choices().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["kabul-1996", "kabul-2021"], "both choices offered");
    assert!(reply.text().contains("Did you mean"), "{}", reply.text());
}

/// Questions that reuse the data's words about another country's office or
/// a place the data never mentions are not answered; the same words about
/// the data's own people and places are.
#[test]
fn other_countries_offices_and_places_are_not_answered() {
    let rows: &[(Scope, &str, Option<&str>)] = &[
        // Russia's own envoy is not named: the entry that says so answers.
        (
            Scope::All,
            "who is russia's ambassador in kabul",
            Some("qa:embassies"),
        ),
        (Scope::People, "russian ambassador to afghanistan", None),
        (Scope::All, "who is the russian ambassador to the us", None),
        (Scope::All, "who is the russian foreign minister", None),
        (Scope::All, "who is the foreign minister of india", None),
        (Scope::People, "chinese ambassador", None),
        (
            Scope::All,
            "did kyrgyzstan take the taliban off its banned list",
            None,
        ),
        (
            Scope::All,
            "who is the afghan ambassador in moscow",
            Some("person:gul-hassan-hassan"),
        ),
        (
            Scope::All,
            "who is the taliban foreign minister",
            Some("person:amir-khan-muttaqi"),
        ),
        (
            Scope::All,
            "who is the president of russia",
            Some("person:vladimir-putin"),
        ),
        (
            Scope::All,
            "did russia take the taliban off its banned list",
            Some("qa:banned-list"),
        ),
    ];
    for &(scope, question, want) in rows {
        let reply = engine().reply(scope, question);
        let got = reply.answered().map(|a| a.entry.to_string());
        assert_eq!(
            got.as_deref(),
            want,
            "{question:?} ({scope:?}) got {:?} at {:.2}",
            reply.status(),
            reply.confidence()
        );
    }
}

/// A word the data knows only through a synonym group is no typo of a word
/// in another group's phrase: "picked" is "appointed", not "kicked (out)".
#[test]
fn synonyms_are_not_typo_corrected() {
    let mut appointed = event("envoy-appointed", 2025);
    appointed.title = "Envoy appointed".to_string();
    appointed.aliases = Vec::new();
    let mut ousted = event("taliban-ousted", 2001);
    ousted.title = "Taliban kicked out".to_string();
    ousted.aliases = Vec::new();
    let mut data = with_events(vec![appointed, ousted]);
    data.synonyms = vec![
        vec!["appointed".to_string(), "picked".to_string()],
        vec!["ousted".to_string(), "kicked out".to_string()],
    ];
    let engine = Engine::new(data, Thresholds::default());
    let reply = engine.reply(Scope::Timeline, "envoy picked");
    assert_eq!(
        reply.answered().map(|a| a.entry.id.as_str()),
        Some("envoy-appointed"),
        "{}",
        reply.text()
    );
}

/// A typo in an inflected word is corrected through its stem: "regruoped"
/// is three edits from "regroup" and "regroups" but one from the stem.
#[test]
fn a_typo_in_an_inflected_word_is_corrected_through_its_stem() {
    let mut regroup = event("taliban-regroups", 2010);
    regroup.title = "The Taliban regroup".to_string();
    regroup.aliases = vec!["taliban regroups".to_string()];
    let mut rise = event("taliban-emerges", 1994);
    rise.title = "The Taliban emerge".to_string();
    rise.aliases = Vec::new();
    let engine = Engine::new(with_events(vec![regroup, rise]), Thresholds::default());
    // Three edits from every form the data uses, one from the stem; and
    // two from "regroups", within the budget of a nine-letter word.
    for question in ["taliban regruoped", "taliban regroupde"] {
        let reply = engine.reply(Scope::Timeline, question);
        assert_eq!(
            reply.answered().map(|a| a.entry.id.as_str()),
            Some("taliban-regroups"),
            "{question:?}: {}",
            reply.text()
        );
    }
}

/// "How did they take it" asks for a reaction; taking Kabul is still the
/// takeover. Both sides of the idiom, on the real data.
/// Asserts that each question, asked with the command of `scope`, is
/// answered with its entry (`kind:id`).
fn assert_answered(scope: Scope, rows: &[(&str, &str)]) {
    for &(question, want) in rows {
        let reply = engine().reply(scope, question);
        assert_eq!(
            reply.answered().map(|a| a.entry.to_string()).as_deref(),
            Some(want),
            "{question:?} ({scope:?}): {}",
            reply.text()
        );
    }
}

#[test]
fn taking_it_is_a_reaction_and_taking_kabul_is_not() {
    // (question, entry answered)
    let rows = [
        ("how did kabul take it", "qa:taliban-reaction"),
        ("how did the taliban take the news", "qa:taliban-reaction"),
        ("how did the taliban react", "qa:taliban-reaction"),
        ("how did the taliban take kabul", "qa:taliban-return-2021"),
    ];
    assert_answered(Scope::All, &rows);
}

#[test]
fn what_is_in_it_for_someone_asks_what_they_gain() {
    // (question, entry answered): "in it for" is all stopwords, so without
    // the synonym group only a phrasing word for word found it.
    let rows = [
        ("what's in it for russia", "qa:russia-motives"),
        (
            "ok but whats in it for the kremlin honestly",
            "qa:russia-motives",
        ),
        ("what is in it for moscow", "qa:russia-motives"),
        ("what does moscow get out of it", "qa:russia-motives"),
    ];
    assert_answered(Scope::All, &rows);
}

/// Messages that share a word or two with an entry but ask nothing it
/// answers: banter, questions about the bot, the opposite of what an entry
/// reports, a figure the sources do not give.
#[test]
fn banter_and_details_the_sources_lack_are_not_answered() {
    let rows: &[(Scope, &str)] = &[
        (Scope::All, "say something funny in russian"),
        (Scope::All, "who tf made this bot"),
        (
            Scope::Timeline,
            "when did russia put the taliban on the banned list",
        ),
        (Scope::All, "what percent of afghan girls are out of school"),
        (Scope::All, "is the taliban still under un sanctions"),
        (Scope::People, "made this bot"),
    ];
    for &(scope, question) in rows {
        let reply = engine().reply(scope, question);
        assert_eq!(
            reply.answered().map(|a| a.entry.to_string()),
            None,
            "{question:?} ({scope:?}) must not be answered; got it at {:.2}",
            reply.confidence()
        );
    }
}

/// `/when` asked by who acted or with a slip of the keys, as several
/// fresh-set writers did.
#[test]
fn when_finds_the_event_by_its_actor_or_through_a_short_typo() {
    // (question, event answered)
    let rows = [
        ("putin approves recognition", "event:russia-recognises"),
        (
            "when did putin recognize the taliban",
            "event:russia-recognises",
        ),
        ("civl war", "event:civil-war"),
    ];
    assert_answered(Scope::Timeline, &rows);
}

/// `/who` asked by what someone did: the deed finds them, and a light verb
/// alone ("made") finds no one.
#[test]
fn who_finds_the_doer_by_the_deed() {
    // (question, person answered)
    let rows = [
        (
            "who made the announcement",
            "person:russian-foreign-ministry",
        ),
        ("announced it", "person:russian-foreign-ministry"),
    ];
    assert_answered(Scope::People, &rows);
}

/// Questions that two or more fresh-set writers asked alike, each answered
/// by the entry that says what the articles report.
#[test]
fn questions_several_writers_asked_alike_are_answered() {
    // (question, entry answered)
    let rows = [
        ("did the soviets win in afghanistan", "qa:soviet-war-length"),
        (
            "did the soviet union win in afghanistan?",
            "qa:soviet-war-length",
        ),
        (
            "will other countries follow russia's lead?",
            "qa:others-follow",
        ),
        (
            "are more countries expected to follow russia",
            "qa:others-follow",
        ),
        (
            "why had nobody recognised the taliban until now",
            "qa:why-others-refuse",
        ),
        (
            "do the two articles agree on who announced it",
            "qa:who-decided",
        ),
        (
            "what kind of cooperation is planned",
            "qa:bilateral-cooperation",
        ),
        (
            "what did the un say about russia's recognition",
            "qa:world-reaction",
        ),
        ("tl;dr pls", "qa:what-happened"),
        (
            "why hasn't anyone recognised them since 2021?",
            "qa:why-others-refuse",
        ),
        (
            "why did russia recognise the taliban regime",
            "qa:russia-motives",
        ),
        (
            "why did russia recognise the taliban govt",
            "qa:russia-motives",
        ),
        (
            "is this just symbolic or does it actually mean anything",
            "qa:strategic-realignment",
        ),
        ("what is meaning of this for india", "qa:india-next"),
    ];
    assert_answered(Scope::All, &rows);
}

/// Near-miss questions that several fresh-set writers asked (a UN seat,
/// Russia's own embassy, Russian troops): the entry that answers them says
/// plainly that the articles do not report it, instead of the nearest
/// story (Russia's UN weight, other countries' missions, the Soviet war).
/// The questions next to them must still find the entries that answer.
#[test]
fn details_the_sources_lack_are_answered_by_saying_so() {
    // (question, entry answered)
    let rows = [
        ("does the taliban have a seat at the un now", "qa:un-seat"),
        (
            "@factdesk do the taliban get afghanistan's UN seat now",
            "qa:un-seat",
        ),
        ("does russia have an embassy in kabul", "qa:embassies"),
        ("where is the afghan embassy in moscow", "qa:embassies"),
        (
            "is russia gonna send troops to afghanistan",
            "qa:russian-military-help",
        ),
        (
            "so is russia going to arm the taliban now?",
            "qa:russian-military-help",
        ),
        (
            "which countries still have embassies in kabul",
            "qa:countries-keeping-contact",
        ),
        // The appointment names him too; people asked "did the taliban
        // send an ambassador to moscow" of it (asked.toml).
        (
            "who did the taliban send to moscow as ambassador",
            "event:ambassador-appointed",
        ),
        (
            "why does russia's un security council seat matter",
            "qa:political-weight",
        ),
        // when something will happen: the entry saying it is not yet
        // clear, not China's stance (which says only what could happen)
        ("when will china recognise the taliban", "qa:others-follow"),
    ];
    assert_answered(Scope::All, &rows);
    // His entry says neither article describes his career before. Since
    // the refit on dev53-64 (P 0.50) it is offered as the only "did you
    // mean" choice rather than answered outright.
    let question = "whats gul hassan hassans background";
    let reply = engine().reply(Scope::All, question);
    assert_eq!(
        reply
            .choices()
            .iter()
            .map(|c| c.reference().to_string())
            .collect::<Vec<_>>(),
        ["qa:ambassador-who"],
        "{question:?}: {}",
        reply.text()
    );
    for (question, want) in rows.iter().take(6) {
        let text = engine().reply(Scope::All, question).text();
        assert!(
            text.starts_with("Neither article"),
            "{question:?} is answered by {want}, which must say the articles do not report it: {text}"
        );
    }
}
