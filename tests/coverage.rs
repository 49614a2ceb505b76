//! Coverage of the curated dataset against its two source articles.
//!
//! This file is the curators' checklist: every factual claim in either
//! article (The Ink Post explainer, cited as `inkpost`, and the unnamed
//! 3 July 2025 report, cited as `recognition-report`) is listed below with the
//! entry that answers it and words that entry must contain. If you change an
//! answer so that a word disappears, either put the fact back into the answer
//! or update the row here; if you add a fact, add a row.
//!
//! Rows are `(fact, "kind:id", &["keyword", ...])`, kind being `qa`, `event`
//! or `person`. Keywords are matched case-insensitively against everything
//! the entry says (question, phrasings, aliases, roles, answer, caveat).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use factdesk::dataset::{Dataset, Entry};

type Fact = (&'static str, &'static str, &'static [&'static str]);

/// Every claim of the two articles, paragraph by paragraph.
const FACTS: &[Fact] = &[
    // --- Ink Post: opening paragraphs -------------------------------------
    ("move could reshape diplomatic ties across Central Asia", "qa:central-asia-impact", &["central asia", "redraw"]),
    ("Russia is the first country to officially recognise the Taliban", "qa:first-to-recognise", &["russia", "first"]),
    ("Russia recognises the Taliban as Afghanistan's legitimate government", "qa:legitimacy", &["legitimate"]),
    ("the decision came directly from President Putin", "qa:who-decided", &["putin", "president"]),
    ("Putin approved removing the Taliban from Moscow's banned list", "qa:banned-list", &["putin", "banned organisations"]),
    ("Putin is Russia's president", "person:vladimir-putin", &["president of russia"]),
    ("the step is a significant turn in global diplomacy", "qa:significance", &["global diplomacy"]),
    ("it signals Russia's deeper involvement in the region", "qa:russia-influence", &["deeper russian involvement"]),
    ("it comes decades after the Soviet Union's turbulent history in Afghanistan", "qa:soviet-legacy", &["decades", "soviet union"]),
    // --- Ink Post: From Invasion to Influence ------------------------------
    ("Afghanistan has long been a pivot point for global powers", "qa:afghanistan-pivot", &["pivot point", "global powers"]),
    ("the Soviet Union sent troops in the late 1970s", "event:soviet-invasion", &["late 1970s", "1979"]),
    ("the Soviet intervention triggered a decade-long conflict", "qa:soviet-war-length", &["ten years", "1979", "1989"]),
    ("the US armed and trained Afghan fighters through Pakistan to counter Soviet influence", "qa:us-covert-support", &["pakistan", "arming and training", "counter soviet influence"]),
    ("Soviet withdrawal left Afghanistan fractured", "event:soviet-withdrawal", &["fractured"]),
    ("civil wars followed the Soviet withdrawal", "qa:after-soviet-withdrawal", &["civil war"]),
    ("the Taliban took control with support from Pakistan", "qa:pakistan-history", &["pakistani backing"]),
    ("the US returned after 9/11 and forced out the Taliban", "qa:us-invasion-2001", &["9/11", "toppled"]),
    ("the US struggled to stabilise the country", "qa:us-record", &["struggled to stabilise"]),
    ("the Taliban swiftly returned to power in 2021 as American forces exited", "qa:taliban-return-2021", &["2021", "quickly", "us and nato"]),
    // --- Ink Post: Why Russia's Decision Matters ---------------------------
    ("until now no country had formally recognised the Taliban", "qa:first-to-recognise", &["no other country"]),
    ("several countries maintained unofficial channels", "qa:unofficial-channels", &["unofficial channels"]),
    ("Moscow accepted Gul Hassan Hassan as an official diplomatic representative", "qa:credentials-accepted", &["gul hassan hassan", "official diplomatic representative"]),
    ("recognition opens bilateral cooperation in trade, security and regional stability", "qa:bilateral-cooperation", &["trade", "security", "regional stability"]),
    ("isolating the Taliban may no longer be a practical strategy", "qa:isolation-signal", &["isolated", "workable"]),
    // --- Ink Post: Taliban Welcomes Russia's Move --------------------------
    ("Taliban officials called it a 'historic milestone'", "qa:taliban-reaction", &["historic milestone"]),
    ("Muttaqi said it sets a good precedent", "qa:muttaqi-quote", &["good precedent"]),
    ("Muttaqi called on other nations to follow Russia's lead", "qa:taliban-reaction", &["muttaqi", "follow russia"]),
    ("Muttaqi is the Taliban's foreign minister", "person:amir-khan-muttaqi", &["foreign minister"]),
    ("recognition is about legitimacy for the Taliban", "qa:why-taliban-wants-recognition", &["legitimacy"]),
    ("recognition is crucial for access to aid, banking and economic partnerships", "qa:why-taliban-wants-recognition", &["aid", "banking", "economic partnerships"]),
    // --- Ink Post: Why Now? Russia's Motives -------------------------------
    ("Russia's motives go beyond diplomacy: a larger regional security plan", "qa:regional-security", &["regional security plan"]),
    ("with the US and NATO out, Russia sees an opportunity to expand influence", "qa:us-nato-exit", &["us and nato", "expand its own influence"]),
    ("the Kremlin lifted sanctions on the Taliban earlier this year", "qa:sanctions-lifted", &["kremlin", "sanctions", "earlier this year"]),
    ("formal recognition is the next logical step", "qa:why-now", &["next stage", "sanctions"]),
    ("the strategy aims to stabilise Russia's southern borders", "qa:regional-security", &["southern borders"]),
    ("the strategy includes working with power centres in the region", "qa:russia-motives", &["power centres"]),
    // --- Ink Post: The Taliban and Human Rights ----------------------------
    ("many countries remain hesitant despite Russia's decision", "qa:world-reaction", &["hesitant"]),
    ("the Taliban's strict policies since 2021 have drawn criticism worldwide", "qa:human-rights-concerns", &["strict policies", "criticism worldwide", "2021"]),
    ("women are banned from most public spaces", "qa:women-restrictions", &["public spaces"]),
    ("women are banned from most workplaces", "qa:women-work", &["workplaces"]),
    ("women are banned from education beyond the sixth grade", "qa:girls-education", &["sixth grade"]),
    ("public parks, gyms and universities are off-limits to women", "qa:women-restrictions", &["parks", "gyms", "university"]),
    ("the Taliban promised a more moderate approach than in 1996-2001", "qa:moderate-promise", &["1996–2001", "gentler"]),
    ("current policies make recognition a difficult sell, especially among Western democracies", "qa:why-others-refuse", &["hard sell", "western democracies"]),
    // --- Ink Post: Where Does India Stand? ---------------------------------
    ("India, a key regional power, has avoided formal recognition", "qa:india-recognised", &["no", "formal recognition"]),
    ("India is described as a key regional power", "qa:india-stance", &["key regional power"]),
    ("India's diplomatic landscape is shifting", "qa:india-next", &["shifting"]),
    ("India has maintained quiet contacts with Taliban officials", "qa:india-contacts", &["contacts with taliban officials"]),
    ("during Operation Sindhu the Taliban aligned with Indian positions", "qa:operation-sindhu", &["operation sindhu", "india's positions"]),
    ("former diplomat Vikram Misri met the Taliban's foreign minister", "qa:misri-meeting", &["vikram misri", "foreign minister", "former diplomat"]),
    ("the Misri meeting signals India is keeping options open", "qa:misri-meeting", &["options open"]),
    ("Russia's move could push New Delhi to reassess its approach", "qa:india-next", &["new delhi", "rethink"]),
    // --- Ink Post: A Strategic Realignment ---------------------------------
    ("Russia's move is not merely symbolic but a strategic realignment", "qa:strategic-realignment", &["strategic realignment", "symbolic"]),
    ("Moscow positions itself as a key broker in Central Asia", "qa:strategic-realignment", &["key brokers", "central asia"]),
    ("the move strengthens Russia's ties with China and Iran", "qa:russia-china-iran-ties", &["china", "iran", "strengthens"]),
    ("China and Iran are exploring their own engagement with Kabul", "qa:iran-stance", &["exploring its own engagement"]),
    ("the West continues to take a cautious line", "qa:russia-long-game", &["cautious"]),
    ("Russia is playing the long game", "qa:russia-long-game", &["long game", "long-term"]),
    // --- Ink Post: Will Other Countries Follow? ----------------------------
    ("China, the UAE and others keep diplomatic missions without recognising", "qa:countries-keeping-contact", &["china", "uae", "diplomatic missions"]),
    ("the UAE keeps a diplomatic mission in Afghanistan", "qa:uae-stance", &["uae", "diplomatic mission"]),
    ("China keeps a diplomatic mission in Afghanistan", "qa:china-stance", &["diplomatic mission"]),
    ("countries with regional interests might feel pressure to follow", "qa:others-follow", &["regional interests", "pressure"]),
    ("other countries following would be welcome for the Taliban", "qa:taliban-hopes", &["welcome"]),
    ("debate: should diplomacy be guided by stability or principles", "qa:stability-vs-principles", &["stability", "principles"]),
    // --- Ink Post: What Comes Next? ----------------------------------------
    ("recognition could bring new investments", "qa:trade-investment", &["investment"]),
    ("recognition could bring security coordination and broader engagement", "qa:what-next", &["security coordination", "international engagement"]),
    ("it raises questions about dealing with governments below human rights standards", "qa:stability-vs-principles", &["human rights standards"]),
    ("the next few months will show whether Russia stands alone or starts a wave", "qa:what-next", &["coming months", "series of recognitions"]),
    // --- Ink Post: Visual Timeline -----------------------------------------
    ("1979: the Soviet Union sent troops to support a communist government", "event:soviet-invasion", &["communist government"]),
    ("1979: the US began covert support for the anti-Soviet Mujahideen", "event:us-covert-support", &["mujahideen", "secretly"]),
    ("the Mujahideen were anti-Soviet fighters backed by the US", "person:mujahideen", &["anti-soviet", "covert"]),
    ("1989: after a costly decade-long war, Soviet troops left", "event:soviet-withdrawal", &["costly", "decade"]),
    ("1989: the country slipped into civil war", "event:civil-war", &["civil war"]),
    ("1994: the Taliban emerged as a powerful Islamist force", "event:taliban-emerges", &["islamist"]),
    ("1994: the Taliban promised law and order", "qa:taliban-rise", &["law and order", "1994"]),
    ("1996: the Taliban captured Kabul and controlled most of Afghanistan", "event:kabul-captured", &["kabul", "most of afghanistan"]),
    ("1996: the Taliban imposed strict Sharia rule", "qa:taliban-first-rule", &["sharia", "1996"]),
    ("2001: US-led forces toppled the Taliban after 9/11", "event:us-invasion", &["9/11", "us-led", "taliban from power"]),
    ("2001: a new democratic government was installed", "event:us-invasion", &["democratic government"]),
    ("2010s: the Taliban regained territory, especially in rural regions", "event:taliban-regroups", &["rural"]),
    ("2010s: peace talks remained inconclusive", "qa:peace-talks", &["inconclusive"]),
    ("Aug 2021: as US and NATO forces withdrew the Taliban took Kabul", "event:taliban-return", &["nato", "kabul", "august 2021"]),
    ("2022-2023: no country recognised the Taliban over human rights, especially women's rights", "qa:recognition-stalemate", &["2022–2023", "human rights", "women's rights"]),
    ("April 2024: Russia lifted sanctions, signalling warming relations", "event:sanctions-lifted", &["warming relations", "april 2024"]),
    ("June 2025: the Taliban appointed Gul Hassan Hassan ambassador to Russia", "event:ambassador-appointed", &["gul hassan hassan", "ambassador"]),
    ("July 2025: Russia formally recognised the Taliban, removing it from its banned list", "event:russia-recognises", &["banned-organisations list", "july 2025"]),
    // --- Report: opening paragraph -----------------------------------------
    ("Russia is the first country to recognise the Taliban since August 2021", "qa:first-to-recognise", &["august 2021"]),
    ("the recognition marks a major shift in international relations", "qa:significance", &["international relations"]),
    ("it may influence how other nations engage with Afghanistan", "qa:isolation-signal", &["other nations"]),
    // --- Report: Official Recognition Announced ----------------------------
    ("on 3 July 2025 the Russian Foreign Ministry announced the removal from the banned list", "event:russia-recognises", &["foreign ministry", "banned"]),
    ("the announcement date was 3 July 2025", "qa:when-recognised", &["3 july 2025"]),
    ("the removal cleared the way for full diplomatic recognition", "qa:banned-list", &["full diplomatic recognition"]),
    ("Russia formally accepted the credentials of ambassador Gul Hassan Hassan", "qa:credentials-accepted", &["credentials"]),
    ("Gul Hassan Hassan was appointed by the Taliban-led government in Kabul", "person:gul-hassan-hassan", &["appointed", "ambassador to russia"]),
    ("the statement said the move would promote productive bilateral cooperation", "qa:russian-statement", &["cooperation"]),
    ("the recognition took account of current realities and practical engagement", "qa:russian-statement", &["situation", "practical"]),
    ("the Russian Foreign Ministry announced the recognition", "person:russian-foreign-ministry", &["3 july 2025", "announced"]),
    // --- Report: Taliban Welcomes the Move ---------------------------------
    ("Afghanistan's Taliban-controlled Foreign Ministry called it a historic step", "person:afghan-foreign-ministry", &["historic step", "taliban"]),
    ("Muttaqi, acting Foreign Minister, called it 'a good example for other countries to follow'", "qa:muttaqi-quote", &["a good example for other countries to follow", "acting"]),
    ("the Taliban hope more nations will establish formal diplomatic ties", "qa:taliban-hopes", &["formal diplomatic ties", "acceptance"]),
    // --- Report: Background ------------------------------------------------
    ("the Taliban returned in August 2021 after US and NATO troops withdrew", "qa:taliban-return-2021", &["august 2021", "nato"]),
    ("most countries withheld recognition over human rights, women's education and inclusiveness", "qa:why-others-refuse", &["human rights", "women's schooling", "inclusiveness"]),
    ("the Taliban has de facto control of Afghanistan", "qa:who-controls-afghanistan", &["de facto"]),
    ("without recognition its engagement with international institutions is limited", "qa:cost-of-non-recognition", &["international bodies", "limited"]),
    // --- Report: Why Russia's Move Matters ---------------------------------
    ("Russia's recognition carries great political weight", "qa:political-weight", &["political weight"]),
    ("Russia is a permanent member of the UN Security Council", "qa:political-weight", &["permanent seat", "security council"]),
    ("Russia plays a major role in regional security across Central and South Asia", "qa:regional-security", &["central and south asia"]),
    ("Russia is the first major power to open the door to full diplomatic relations", "qa:political-weight", &["first major power", "full diplomatic"]),
    ("the move could influence China, Iran and Pakistan", "qa:others-follow", &["china", "iran", "pakistan"]),
    ("Pakistan keeps contact with the Taliban but has not recognised it", "qa:pakistan-stance", &["contact", "stopped short"]),
    ("Iran keeps contact with the Taliban but has not recognised it", "qa:iran-stance", &["contact", "not formally recognised"]),
];

/// Dated events and the exact date each must carry (as written in timeline.toml).
const EVENTS: &[(&str, &str)] = &[
    ("soviet-invasion", "1979"),
    ("us-covert-support", "1979"),
    ("soviet-withdrawal", "1989"),
    ("civil-war", "1989"),
    ("taliban-emerges", "1994"),
    ("kabul-captured", "1996"),
    ("first-taliban-rule", "1996-2001"),
    ("us-invasion", "2001"),
    ("taliban-regroups", "2010s"),
    ("taliban-return", "2021-08"),
    ("recognition-stalemate", "2022-2023"),
    ("sanctions-lifted", "2024-04"),
    ("ambassador-appointed", "2025-06"),
    ("russia-recognises", "2025-07-03"),
];

/// Where the articles disagree or are unclear: the entry, the sections it
/// must cite (both sides) and words its caveat must contain.
type Caveat = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);
const CAVEATS: &[Caveat] = &[
    (
        "sanctions: timeline says April 2024, text says 'earlier this year'",
        "qa:sanctions-lifted",
        &["inkpost#timeline", "inkpost#motives"],
        &["april 2024", "earlier this year"],
    ),
    (
        "sanctions date on the event",
        "event:sanctions-lifted",
        &["inkpost#timeline", "inkpost#motives"],
        &["april 2024", "earlier this year"],
    ),
    (
        "who decided: Putin (Ink Post) vs Foreign Ministry (report)",
        "qa:who-decided",
        &["inkpost#intro", "recognition-report#announcement"],
        &["putin", "foreign ministry"],
    ),
    (
        "Vikram Misri's 'former diplomat' label is unclear",
        "qa:misri-meeting",
        &["inkpost#india"],
        &["former diplomat", "unclear"],
    ),
    (
        "Vikram Misri's label, on his /who entry",
        "person:vikram-misri",
        &["inkpost#india"],
        &["former diplomat", "unclear"],
    ),
    (
        "Muttaqi: Foreign Minister vs acting Foreign Minister; quotes differ",
        "qa:muttaqi-quote",
        &[
            "inkpost#taliban-welcomes",
            "recognition-report#taliban-welcomes",
        ],
        &["acting", "good precedent", "good example"],
    ),
    (
        "Taliban reaction: 'historic milestone' vs 'historic step'",
        "qa:taliban-reaction",
        &[
            "inkpost#taliban-welcomes",
            "recognition-report#taliban-welcomes",
        ],
        &["historic milestone", "historic step"],
    ),
    (
        "Muttaqi's title, on his /who entry",
        "person:amir-khan-muttaqi",
        &[
            "inkpost#taliban-welcomes",
            "recognition-report#taliban-welcomes",
        ],
        &["acting"],
    ),
    (
        "first country ever (Ink Post) vs first since August 2021 / first major power (report)",
        "qa:first-to-recognise",
        &["inkpost#intro", "recognition-report#intro"],
        &["ever", "august 2021", "first major power"],
    ),
    (
        "recognition date: July 2025 (Ink Post) vs 3 July 2025 (report)",
        "qa:when-recognised",
        &["inkpost#timeline", "recognition-report#announcement"],
        &["3 july 2025", "july 2025"],
    ),
    (
        "recognition date and the timeline heading, on the event",
        "event:russia-recognises",
        &["inkpost#timeline", "recognition-report#announcement"],
        &["3 july 2025", "1979–2024"],
    ),
    (
        "countries keeping contact: China/UAE (Ink Post) vs China/Iran/Pakistan (report)",
        "qa:countries-keeping-contact",
        &["inkpost#follow", "recognition-report#why-it-matters"],
        &["uae", "iran", "pakistan", "only china"],
    ),
    (
        "UAE named only by the Ink Post",
        "qa:uae-stance",
        &["inkpost#follow", "recognition-report#why-it-matters"],
        &["only the ink post"],
    ),
];

/// Entries the bot must have for the people and bodies the articles name.
const REQUIRED_PEOPLE: &[(&str, &str)] = &[
    ("vladimir-putin", "president"),
    ("gul-hassan-hassan", "ambassador"),
    ("amir-khan-muttaqi", "foreign minister"),
    ("vikram-misri", "former diplomat"),
    ("russian-foreign-ministry", "russian foreign ministry"),
    ("taliban", "taliban government"),
    ("afghan-foreign-ministry", "afghan foreign ministry"),
];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn load() -> Dataset {
    Dataset::load(&data_dir()).unwrap_or_else(|e| {
        panic!("data/ does not load, so coverage cannot be checked; run `factdesk check` and fix:\n{e}")
    })
}

/// Returns the entry's citations as "source#section".
fn cites(data: &Dataset, entry: Entry<'_>) -> BTreeSet<String> {
    entry
        .cite()
        .iter()
        .map(|c| {
            let (source, section) = data.resolve(*c);
            format!("{}#{}", source.id, section.id)
        })
        .collect()
}

fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} {what} problem{}:\n  {}",
        failures.len(),
        if failures.len() == 1 { "" } else { "s" },
        failures.join("\n  ")
    );
}

#[test]
fn every_article_fact_is_answered_by_an_entry() {
    let data = load();
    let mut failures = Vec::new();
    for (fact, reference, keywords) in FACTS {
        let Some(entry) = data.find(&reference.parse().expect(reference)) else {
            failures.push(format!(
                "fact '{fact}' expects entry {reference}, which does not exist — add the entry or fix the id in the checklist"
            ));
            continue;
        };
        let text = entry.text().to_lowercase();
        for keyword in *keywords {
            if !text.contains(&keyword.to_lowercase()) {
                failures.push(format!(
                    "fact '{fact}' expects entry {reference} to mention '{keyword}' — update the answer or the checklist"
                ));
            }
        }
    }
    report("coverage", &failures);
}

#[test]
fn checklist_is_complete_enough() {
    assert!(
        FACTS.len() >= 80,
        "the checklist has only {} facts; every claim in both articles should be listed (expect 80+)",
        FACTS.len()
    );
}

#[test]
fn every_dated_event_is_on_the_timeline_with_its_date() {
    let data = load();
    let mut failures = Vec::new();
    for (id, date) in EVENTS {
        match data.events.iter().find(|e| e.id == *id) {
            None => failures.push(format!(
                "event:{id} ({date}) is missing from data/timeline.toml — add it"
            )),
            Some(e) if e.date.iso() != *date => failures.push(format!(
                "event:{id} has date {:?} but the articles give {date:?} — fix the date in data/timeline.toml or the checklist",
                e.date.iso()
            )),
            Some(_) => {}
        }
    }
    report("timeline", &failures);
}

#[test]
fn known_disagreements_carry_caveats_citing_both_sides() {
    let data = load();
    let mut failures = Vec::new();
    for (what, reference, sections, keywords) in CAVEATS {
        let Some(entry) = data.find(&reference.parse().expect(reference)) else {
            failures.push(format!(
                "caveat '{what}' expects entry {reference}, which does not exist — add it or fix the checklist"
            ));
            continue;
        };
        let Some(caveat) = entry.caveat() else {
            failures.push(format!(
                "caveat '{what}': entry {reference} has no caveat — add caveat = \"...\" saying what each source says"
            ));
            continue;
        };
        let caveat = caveat.to_lowercase();
        for keyword in *keywords {
            if !caveat.contains(&keyword.to_lowercase()) {
                failures.push(format!(
                    "caveat '{what}': the caveat of {reference} should mention '{keyword}' — update the caveat or the checklist"
                ));
            }
        }
        let cited = cites(&data, entry);
        if cited.len() < 2 {
            failures.push(format!(
                "caveat '{what}': {reference} cites {} section(s); a caveat must cite both sides — add the other citation",
                cited.len()
            ));
        }
        for section in *sections {
            if !cited.contains(*section) {
                failures.push(format!(
                    "caveat '{what}': {reference} should cite \"{section}\" — add it to its cite list"
                ));
            }
        }
    }
    report("caveat", &failures);
}

#[test]
fn every_section_of_every_article_is_cited() {
    let data = load();
    let mut cited = BTreeSet::new();
    for entry in data.entries() {
        cited.extend(cites(&data, entry));
    }
    let mut failures = Vec::new();
    for source in &data.sources {
        for section in &source.sections {
            let key = format!("{}#{}", source.id, section.id);
            if !cited.contains(&key) {
                failures.push(format!(
                    "section {key} (\"{}\") is cited by no entry — its facts are not covered; add entries that cite it",
                    section.heading
                ));
            }
        }
    }
    report("section coverage", &failures);
}

#[test]
fn the_people_and_bodies_named_in_the_articles_have_entries() {
    let data = load();
    let mut failures = Vec::new();
    for (id, role) in REQUIRED_PEOPLE {
        match data.people.iter().find(|p| p.id == *id) {
            None => failures.push(format!(
                "person:{id} is missing from data/people.toml — add it"
            )),
            Some(p) => {
                let roles: Vec<String> = p
                    .roles
                    .iter()
                    .chain(std::iter::once(&p.role))
                    .map(|r| r.to_lowercase())
                    .collect();
                if !roles.iter().any(|r| r.contains(role)) {
                    failures.push(format!(
                        "person:{id} should answer /who {role} — add \"{role}\" to its roles"
                    ));
                }
            }
        }
    }
    report("people", &failures);
}

#[test]
fn the_dataset_is_big_enough() {
    let data = load();
    assert!(
        data.qa.len() >= 65,
        "data/qa.toml has {} entries; it needs at least 65",
        data.qa.len()
    );
    assert!(
        data.sources.len() == 2,
        "data/sources.toml should list both articles, found {}",
        data.sources.len()
    );
    assert!(
        data.synonyms.len() >= 15,
        "data/synonyms.toml has {} groups; the domain's interchangeable words need at least 15",
        data.synonyms.len()
    );
}
