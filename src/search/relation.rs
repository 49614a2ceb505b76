//! Who holds an office for whom. "Russia's ambassador to the US" names an
//! ambassador sent by Russia to the US; matching words alone cannot tell it
//! from "Afghanistan's ambassador to Russia", which has the same words. The
//! ranking reads these relations from the question and from every phrasing
//! of an entry, and an entry whose relations contradict the question's is
//! about someone else.
//!
//! Input is normalized text (lowercase words joined by spaces, possessive
//! `'s` already dropped), as produced by `normalize`.

/// A kind of office or body that belongs to one country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Office {
    /// Ambassador, envoy, embassy, diplomat: sent by one country to another.
    Mission,
    ForeignMinister,
    ForeignSecretary,
    ForeignMinistry,
    /// President, leader, prime minister, head of state.
    Leader,
}

/// An office as a text states it: whose it is and where it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Relation {
    pub office: Office,
    /// The country the office belongs to ("russian", "of india").
    pub owner: Option<Nation>,
    /// The country it serves in ("to the us", "in kabul").
    pub host: Option<Nation>,
}

/// A country, by its position in [`NATIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Nation(u8);

/// Countries and the words that stand for each (names, demonyms, capitals,
/// and the movements governing them), as `normalize` leaves them. General
/// world knowledge, not the story's, like the stopword list.
const NATIONS: &[(&str, &[&str])] = &[
    (
        "Afghanistan",
        &[
            "afghanistan",
            "afghanistans",
            "afghan",
            "afghans",
            "kabul",
            "kabuls",
            "taliban",
            "talibans",
            "taleban",
            "islamic emirate",
        ],
    ),
    (
        "Russia",
        &[
            "russia",
            "russias",
            "russian",
            "russians",
            "moscow",
            "moscows",
            "kremlin",
            "kremlins",
            "russian federation",
        ],
    ),
    (
        "the Soviet Union",
        &["soviet", "soviets", "ussr", "soviet union"],
    ),
    (
        "the United States",
        &[
            "us",
            "usa",
            "america",
            "americas",
            "american",
            "americans",
            "washington",
            "united states",
        ],
    ),
    (
        "India",
        &["india", "indias", "indian", "indians", "delhi", "new delhi"],
    ),
    ("China", &["china", "chinas", "chinese", "beijing"]),
    (
        "Pakistan",
        &["pakistan", "pakistans", "pakistani", "islamabad"],
    ),
    ("Iran", &["iran", "irans", "iranian", "tehran"]),
    ("the UAE", &["uae", "emirati", "emirates", "abu dhabi"]),
    (
        "the United Kingdom",
        &[
            "uk",
            "britain",
            "british",
            "london",
            "united kingdom",
            "great britain",
        ],
    ),
    ("France", &["france", "french", "paris"]),
    ("Germany", &["germany", "german", "berlin"]),
    ("Ukraine", &["ukraine", "ukrainian", "kyiv", "kiev"]),
    ("Turkey", &["turkey", "turkish", "ankara", "turkiye"]),
    (
        "Saudi Arabia",
        &["saudi", "saudis", "saudi arabia", "riyadh"],
    ),
    ("Qatar", &["qatar", "qatari", "doha"]),
    ("Uzbekistan", &["uzbekistan", "uzbek", "tashkent"]),
    ("Tajikistan", &["tajikistan", "tajik", "dushanbe"]),
    ("Turkmenistan", &["turkmenistan", "turkmen", "ashgabat"]),
    ("Kazakhstan", &["kazakhstan", "kazakh", "astana"]),
    ("Kyrgyzstan", &["kyrgyzstan", "kyrgyz", "bishkek"]),
    ("Japan", &["japan", "japanese", "tokyo"]),
    ("Israel", &["israel", "israeli"]),
    ("Syria", &["syria", "syrian", "damascus"]),
    ("Iraq", &["iraq", "iraqi", "baghdad"]),
    ("Egypt", &["egypt", "egyptian", "cairo"]),
    ("Canada", &["canada", "canadian", "ottawa"]),
    ("Australia", &["australia", "australian", "canberra"]),
    ("Belarus", &["belarus", "belarusian", "minsk"]),
    ("North Korea", &["north korea", "north korean", "pyongyang"]),
    ("South Korea", &["south korea", "south korean", "seoul"]),
    ("Italy", &["italy", "italian", "rome"]),
    ("Spain", &["spain", "spanish", "madrid"]),
    ("Bangladesh", &["bangladesh", "bangladeshi", "dhaka"]),
    ("Indonesia", &["indonesia", "indonesian", "jakarta"]),
    ("Malaysia", &["malaysia", "malaysian"]),
    ("Nigeria", &["nigeria", "nigerian"]),
    ("Brazil", &["brazil", "brazilian"]),
    ("Mexico", &["mexico", "mexican"]),
    ("Poland", &["poland", "polish", "warsaw"]),
    ("the European Union", &["eu", "european union", "brussels"]),
    ("Hungary", &["hungary", "hungarian", "budapest"]),
    (
        "Czechoslovakia",
        &["czechoslovakia", "czechoslovak", "czech", "prague"],
    ),
    (
        "Georgia",
        &[
            "georgia",
            "georgian",
            "tbilisi",
            "abkhazia",
            "south ossetia",
        ],
    ),
    ("Crimea", &["crimea", "crimean"]),
    ("Chechnya", &["chechnya", "chechen", "grozny"]),
    ("Taiwan", &["taiwan", "taiwanese", "taipei"]),
    ("Kosovo", &["kosovo"]),
    ("Palestine", &["palestine", "palestinian", "gaza"]),
    ("Vietnam", &["vietnam", "vietnamese", "hanoi"]),
    ("Libya", &["libya", "libyan", "tripoli"]),
    ("Yemen", &["yemen", "yemeni"]),
    ("Somalia", &["somalia", "somali"]),
    ("Sudan", &["sudan", "sudanese"]),
    ("Myanmar", &["myanmar", "burma"]),
    ("Venezuela", &["venezuela", "venezuelan"]),
    ("Cuba", &["cuba", "cuban"]),
    ("Mongolia", &["mongolia", "mongolian"]),
    ("Armenia", &["armenia", "armenian", "yerevan"]),
    ("Azerbaijan", &["azerbaijan", "azerbaijani", "baku"]),
    ("Lebanon", &["lebanon", "lebanese", "beirut"]),
    ("Nepal", &["nepal", "nepalese"]),
    ("Sri Lanka", &["sri lanka", "sri lankan"]),
];

/// Returns true when `word` names a country or region in [`NATIONS`].
pub fn is_place(word: &str) -> bool {
    NATIONS.iter().any(|(_, names)| names.contains(&word))
}

/// The words for each office, longest first where one starts another.
const OFFICES: &[(Office, &[&str])] = &[
    (Office::ForeignMinister, &["top diplomat"]),
    (Office::ForeignMinistry, &["ministry of foreign affairs"]),
    (Office::ForeignMinister, &["minister of foreign affairs"]),
    (Office::ForeignMinistry, &["foreign affairs ministry"]),
    (Office::ForeignMinister, &["foreign affairs minister"]),
    (Office::Leader, &["head of state", "head of government"]),
    (
        Office::ForeignMinister,
        &["foreign minister", "foreign ministers"],
    ),
    (
        Office::ForeignMinistry,
        &["foreign ministry", "foreign office", "mfa", "mofa"],
    ),
    (
        Office::ForeignSecretary,
        &["foreign secretary", "foreign secretaries"],
    ),
    (
        Office::Leader,
        &[
            "prime minister",
            "supreme leader",
            "president",
            "presidents",
            "prez",
            "leader",
            "leaders",
            "pm",
        ],
    ),
    (
        Office::Mission,
        &[
            "ambassador",
            "ambassadors",
            "envoy",
            "envoys",
            "emissary",
            "emissaries",
            "embassy",
            "embassies",
            "diplomat",
            "diplomats",
        ],
    ),
];

/// Words that may stand between a country and its office: "Russia's new
/// ambassador", "the Taliban government's foreign minister".
/// Not articles: "tell us the ambassador" names no American.
const FILLERS: &[&str] = &[
    "new",
    "newly",
    "current",
    "acting",
    "former",
    "ex",
    "top",
    "chief",
    "senior",
    "special",
    "official",
    "appointed",
    "de",
    "facto",
    "interim",
    "own",
    "first",
    "government",
    "govt",
    "gov",
    "regime",
    "movement",
    "led",
];

/// Returns the relations `normalized` states, in order.
pub fn relations(normalized: &str) -> Vec<Relation> {
    // Most phrasings name no office: a cheap look at each word first.
    if !normalized.split(' ').any(may_start_office) {
        return Vec::new();
    }
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Only a word that starts an office's name can start an office.
        let found = may_start_office(words[i]).then(|| office_at(&words, i));
        let Some((office, len)) = found.flatten() else {
            i += 1;
            continue;
        };
        let mut owner = owner_before(&words, i);
        let mut host = None;
        let mut j = i + len;
        if let Some((nation, next)) = after(&words, j, &["of", "from"]) {
            owner = Some(nation);
            j = next;
        }
        if let Some((nation, _)) = after(&words, j, &["to", "in", "at", "into", "for"]) {
            host = Some(nation);
        }
        out.push(Relation {
            office,
            owner,
            host,
        });
        i += len;
    }
    out
}

/// Returns true when an entry stating `entry` relations (from all its
/// phrasings) cannot be what a question stating `question` asks about: the
/// question asks for one country's office and the entry never names that
/// office, or names it only without countries; or, for an office both name,
/// the question gives a country the entry never gives in that place
/// ("russian ambassador" to an Afghan ambassador, or "ambassador in kabul"
/// to an ambassador in Moscow).
pub fn conflicts(question: &[Relation], entry: &[Relation]) -> bool {
    question.iter().any(|q| {
        let same = || entry.iter().filter(|e| e.office == q.office);
        if same().next().is_none() {
            // An entry that never names the office is about something else
            // when the question asks for one country's office.
            return q.owner.is_some() || q.host.is_some();
        }
        let owners: Vec<Nation> = same().filter_map(|e| e.owner).collect();
        let hosts: Vec<Nation> = same().filter_map(|e| e.host).collect();
        misplaced(q.owner, &owners, &hosts) || misplaced(q.host, &hosts, &owners)
    })
}

/// Returns true when the question puts a country in one place (`given`)
/// where the entry names other countries (`place`), where the entry has it
/// only in the other place, or where the entry names no country at all.
fn misplaced(given: Option<Nation>, place: &[Nation], other: &[Nation]) -> bool {
    given.is_some_and(|n| {
        !place.contains(&n) && (!place.is_empty() || other.contains(&n) || other.is_empty())
    })
}

/// Returns true when `word` is the first word of some name in [`OFFICES`].
pub fn may_start_office(word: &str) -> bool {
    use std::sync::OnceLock;
    static FIRST: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    FIRST
        .get_or_init(|| {
            OFFICES
                .iter()
                .flat_map(|(_, names)| names.iter())
                .filter_map(|name| name.split(' ').next())
                .collect()
        })
        .contains(word)
}

/// Returns the office named at `words[i..]` and how many words it takes.
fn office_at(words: &[&str], i: usize) -> Option<(Office, usize)> {
    OFFICES.iter().find_map(|(office, names)| {
        names
            .iter()
            .find(|name| starts_with(words, i, name))
            .map(|name| (*office, name.split(' ').count()))
    })
}

/// Returns the country named just before `words[end]`, over fillers.
fn owner_before(words: &[&str], end: usize) -> Option<Nation> {
    let mut end = end;
    while end > 0 && FILLERS.contains(&words[end - 1]) {
        end -= 1;
    }
    nation_ending_at(words, end)
}

/// When `words[i]` (after an optional "the") is one of `links` followed by a
/// country, returns the country and the position after it.
fn after(words: &[&str], i: usize, links: &[&str]) -> Option<(Nation, usize)> {
    let link = words.get(i)?;
    if !links.contains(link) {
        return None;
    }
    let mut j = i + 1;
    if words.get(j) == Some(&"the") {
        j += 1;
    }
    nation_starting_at(words, j)
}

/// Returns the country whose name starts at `words[i]`, and the position after it.
fn nation_starting_at(words: &[&str], i: usize) -> Option<(Nation, usize)> {
    NATIONS.iter().enumerate().find_map(|(n, (_, names))| {
        names
            .iter()
            .filter(|name| starts_with(words, i, name))
            .map(|name| name.split(' ').count())
            .max()
            .map(|len| (Nation(n as u8), i + len))
    })
}

/// Returns the country whose name ends just before `words[end]`.
fn nation_ending_at(words: &[&str], end: usize) -> Option<Nation> {
    NATIONS.iter().enumerate().find_map(|(n, (_, names))| {
        names
            .iter()
            .any(|name| {
                let len = name.split(' ').count();
                end >= len && starts_with(words, end - len, name)
            })
            .then_some(Nation(n as u8))
    })
}

/// Returns true when the words from `i` on begin with the words of `phrase`.
fn starts_with(words: &[&str], i: usize, phrase: &str) -> bool {
    (i..)
        .zip(phrase.split(' '))
        .all(|(at, part)| words.get(at) == Some(&part))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nation(name: &str) -> Option<Nation> {
        let n = NATIONS.iter().position(|(n, _)| *n == name);
        Some(Nation(n.unwrap_or_else(|| panic!("no nation {name}")) as u8))
    }

    /// An office with its owner and host countries, by name.
    type Stated = (Office, Option<&'static str>, Option<&'static str>);

    #[test]
    fn reads_owner_and_host() {
        use Office::*;
        let rows: &[(&str, &[Stated])] = &[
            (
                "who is the russian ambassador to the us",
                &[(Mission, Some("Russia"), Some("the United States"))],
            ),
            (
                "afghanistan ambassador to russia appointed by the taliban",
                &[(Mission, Some("Afghanistan"), Some("Russia"))],
            ),
            (
                "who is russia new afghan envoy",
                &[(Mission, Some("Afghanistan"), None)],
            ),
            (
                "who is the taliban government foreign minister",
                &[(ForeignMinister, Some("Afghanistan"), None)],
            ),
            (
                "who is the foreign minister of india",
                &[(ForeignMinister, Some("India"), None)],
            ),
            ("president of russia", &[(Leader, Some("Russia"), None)]),
            (
                "new ambassador from afghanistan in moscow",
                &[(Mission, Some("Afghanistan"), Some("Russia"))],
            ),
            (
                "where is the russian embassy in kabul",
                &[(Mission, Some("Russia"), Some("Afghanistan"))],
            ),
            (
                "who is the minister of foreign affairs of russia",
                &[(ForeignMinister, Some("Russia"), None)],
            ),
            ("who is the ambassador", &[(Mission, None, None)]),
            (
                "russias special envoy for afghanistan",
                &[(Mission, Some("Russia"), Some("Afghanistan"))],
            ),
            ("why did russia recognise the taliban", &[]),
            ("", &[]),
        ];
        for (_, names) in OFFICES {
            for name in *names {
                let first = name.split(' ').next().unwrap_or_default();
                assert!(may_start_office(first), "may_start_office misses {name:?}");
            }
        }
        for (text, want) in rows {
            let want: Vec<Relation> = want
                .iter()
                .map(|&(office, owner, host)| Relation {
                    office,
                    owner: owner.and_then(nation),
                    host: host.and_then(nation),
                })
                .collect();
            assert_eq!(relations(text), want, "relations of {text:?}");
        }
    }

    #[test]
    fn conflicts_only_on_a_contradiction() {
        let entry = [
            relations("afghanistan ambassador to russia"),
            relations("taliban envoy to moscow"),
            relations("new ambassador"),
        ]
        .concat();
        let rows = [
            ("who is the russian ambassador to afghanistan", true),
            ("who is russia ambassador in kabul", true),
            ("who is the russian ambassador", true),
            ("who is the chinese envoy", true),
            ("who is the afghan envoy in moscow", false),
            ("who is the new ambassador", false),
            ("who is the taliban man in moscow", false),
            // Not about foreign ministers at all, and the question asks for
            // one country's.
            ("who is the russian foreign minister", true),
            ("who is the foreign minister", false),
        ];
        for (question, want) in rows {
            assert_eq!(
                conflicts(&relations(question), &entry),
                want,
                "does {question:?} contradict the Afghan ambassador to Russia?"
            );
        }
        // An entry that only says where its envoy serves still rules out
        // that country as the sender.
        let hosted = relations("ambassador to russia");
        assert!(conflicts(&relations("russian ambassador"), &hosted));
        assert!(!conflicts(&relations("afghan ambassador"), &hosted));
        // One that names the office but no country cannot be one country's.
        let bare = relations("ambassador credentials accepted");
        assert!(conflicts(
            &relations("russian ambassador to afghanistan"),
            &bare
        ));
        assert!(!conflicts(&relations("whose ambassador"), &bare));
    }
}
