//! The matcher's input classes: what an attacker (or a cat on a keyboard)
//! can send in a Discord message, each class a generator.

use crate::rng::Rng;

/// A class of inputs: its name and how to make one.
pub struct Class {
    pub name: &'static str,
    pub make: fn(&mut Rng, &Vocabulary) -> String,
}

/// Words and phrasings of the dataset, to build inputs that reach deep
/// into the matcher rather than stop at "unknown word".
pub struct Vocabulary {
    pub words: Vec<String>,
    pub phrasings: Vec<String>,
}

pub const CLASSES: [Class; 18] = [
    Class {
        name: "dataset words and typos",
        make: dataset_words,
    },
    Class {
        name: "dataset phrasings, mutated",
        make: phrasings,
    },
    Class {
        name: "many distinct typos",
        make: many_typos,
    },
    Class {
        name: "random unicode, all planes",
        make: random_unicode,
    },
    Class {
        name: "combining marks",
        make: combining,
    },
    Class {
        name: "bidi and zero-width",
        make: bidi,
    },
    Class {
        name: "emoji ZWJ",
        make: emoji,
    },
    Class {
        name: "control characters",
        make: controls,
    },
    Class {
        name: "long, up to 100,000 chars",
        make: long,
    },
    Class {
        name: "glued words",
        make: glued,
    },
    Class {
        name: "repeated words",
        make: repeated,
    },
    Class {
        name: "NFKD-expanding",
        make: expanding,
    },
    Class {
        name: "Discord mentions and markdown",
        make: markup,
    },
    Class {
        name: "URLs",
        make: urls,
    },
    Class {
        name: "numbers",
        make: numbers,
    },
    Class {
        name: "punctuation",
        make: punctuation,
    },
    Class {
        name: "whitespace",
        make: whitespace,
    },
    Class {
        name: "other scripts",
        make: scripts,
    },
];

/// Returns `word` with up to `edits` random deletions, insertions,
/// substitutions or transpositions.
fn typo(rng: &mut Rng, word: &str, edits: usize) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    for _ in 0..edits {
        if chars.is_empty() {
            break;
        }
        let at = rng.below(chars.len());
        let letter = char::from(b'a' + rng.below(26) as u8);
        match rng.below(4) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, letter),
            2 => chars[at] = letter,
            _ if at + 1 < chars.len() => chars.swap(at, at + 1),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn word(rng: &mut Rng, v: &Vocabulary) -> String {
    let w = rng.pick(&v.words).clone();
    let edits = [0, 0, 1, 1, 2, 3][rng.below(6)];
    typo(rng, &w, edits)
}

fn dataset_words(rng: &mut Rng, v: &Vocabulary) -> String {
    let n = rng.size(1, 12);
    (0..n).map(|_| word(rng, v)).collect::<Vec<_>>().join(" ")
}

fn phrasings(rng: &mut Rng, v: &Vocabulary) -> String {
    let p = rng.pick(&v.phrasings).clone();
    let mut words: Vec<String> = p.split(' ').map(str::to_string).collect();
    for _ in 0..rng.below(4) {
        let at = rng.below(words.len());
        match rng.below(4) {
            0 => {
                let edits = 1 + rng.below(2);
                words[at] = typo(rng, &words[at], edits);
            }
            1 => words[at] = words[at].to_uppercase(),
            2 => words.insert(at, word(rng, v)),
            _ if words.len() > 1 => {
                words.remove(at);
            }
            _ => {}
        }
    }
    words.join(" ")
}

/// As many typo'd dataset words as fit in 1,000 characters: each one a
/// typo lookup.
fn many_typos(rng: &mut Rng, v: &Vocabulary) -> String {
    let mut out = String::new();
    let limit = 900 + rng.below(101);
    while out.chars().count() < limit {
        let w = rng.pick(&v.words).clone();
        let edits = 1 + rng.below(2);
        out.push_str(&typo(rng, &w, edits));
        out.push(' ');
    }
    out.chars().take(limit).collect()
}

fn any_char(rng: &mut Rng) -> char {
    loop {
        // Half the time the Basic Multilingual Plane, else any plane.
        let top = if rng.chance(50) { 0x1_0000 } else { 0x11_0000 };
        if let Some(c) = char::from_u32(rng.below(top) as u32) {
            return c;
        }
    }
}

fn random_unicode(rng: &mut Rng, _: &Vocabulary) -> String {
    let n = rng.size(1, 1200);
    (0..n).map(|_| any_char(rng)).collect()
}

fn combining(rng: &mut Rng, v: &Vocabulary) -> String {
    const MARKS: [(u32, u32); 4] = [
        (0x0300, 0x036f),
        (0x1ab0, 0x1aff),
        (0x1dc0, 0x1dff),
        (0x20d0, 0x20ff),
    ];
    let base = dataset_words(rng, v);
    let per = rng.size(1, 200);
    let mut out = String::new();
    for c in base.chars() {
        out.push(c);
        for _ in 0..rng.below(per + 1) {
            let (lo, hi) = *rng.pick(&MARKS);
            out.extend(char::from_u32(
                lo + rng.below((hi - lo + 1) as usize) as u32,
            ));
        }
    }
    out
}

fn sprinkle(rng: &mut Rng, base: &str, pool: &[char], percent: usize) -> String {
    let mut out = String::new();
    for c in base.chars() {
        while rng.chance(percent) {
            out.push(*rng.pick(pool));
        }
        out.push(c);
    }
    out
}

fn bidi(rng: &mut Rng, v: &Vocabulary) -> String {
    const POOL: [char; 16] = [
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}',
        '\u{202c}', '\u{202d}', '\u{202e}', '\u{2060}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}', '\u{feff}',
    ];
    let base = dataset_words(rng, v);
    let percent = 10 + rng.below(80);
    sprinkle(rng, &base, &POOL, percent)
}

fn emoji(rng: &mut Rng, v: &Vocabulary) -> String {
    const PARTS: [&str; 12] = [
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}",
        "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
        "\u{1f44d}\u{1f3fd}",
        "\u{1f1f7}\u{1f1fa}",
        "\u{1f1e6}\u{1f1eb}",
        "\u{2764}\u{fe0f}",
        "\u{200d}",
        "\u{fe0f}",
        "\u{1f3fb}",
        "\u{1f9d1}\u{200d}\u{1f680}",
        "\u{e0067}\u{e0062}\u{e007f}",
        "\u{1f600}",
    ];
    let mut out = String::new();
    for _ in 0..rng.size(1, 300) {
        if rng.chance(20) {
            out.push_str(&word(rng, v));
            out.push(' ');
        }
        let part: &&str = rng.pick(&PARTS);
        out.push_str(part);
    }
    out
}

fn controls(rng: &mut Rng, v: &Vocabulary) -> String {
    let pool: Vec<char> = (0u32..0x20)
        .chain([0x7f])
        .chain(0x80..0xa0)
        .filter_map(char::from_u32)
        .collect();
    let base = dataset_words(rng, v);
    let percent = 5 + rng.below(90);
    sprinkle(rng, &base, &pool, percent)
}

fn long(rng: &mut Rng, v: &Vocabulary) -> String {
    let target = 1000 + rng.size(0, 99_000);
    let unit = match rng.below(4) {
        0 => word(rng, v),
        1 => format!("{} ", word(rng, v)),
        2 => "\u{3316}".to_string(),
        _ => (0..rng.size(1, 50)).map(|_| any_char(rng)).collect(),
    };
    let mut out = String::new();
    let mut n = 0;
    while n < target {
        out.push_str(&unit);
        n += unit.chars().count().max(1);
    }
    out.chars().take(target).collect()
}

fn glued(rng: &mut Rng, v: &Vocabulary) -> String {
    let limit = rng.size(10, 1000);
    let mut out = String::new();
    while out.len() < limit {
        out.push_str(&word(rng, v));
    }
    out.chars().take(limit).collect()
}

fn repeated(rng: &mut Rng, v: &Vocabulary) -> String {
    let w = word(rng, v);
    let sep = *rng.pick(&["", " ", " ", "-", ", "]);
    let limit = rng.size(10, 1000);
    let unit = format!("{w}{sep}");
    let n = (limit / unit.chars().count().max(1)).max(1);
    unit.repeat(n)
}

fn expanding(rng: &mut Rng, v: &Vocabulary) -> String {
    const POOL: [char; 12] = [
        '\u{3316}', // SQUARE KIROMEETORU: 6 letters
        '\u{fdfa}', // ARABIC LIGATURE SALLALLAHOU...: 18 letters
        '\u{fdfb}', // 8 letters
        '\u{fb03}', // ffi
        '\u{33ff}', // gal
        '\u{2474}', // (1)
        '\u{1f12f}',
        '\u{3300}',
        '\u{3327}',
        '\u{ff21}',  // fullwidth A
        '\u{2163}',  // roman IV
        '\u{1d400}', // bold A
    ];
    let n = if rng.chance(20) {
        1000
    } else {
        rng.size(1, 1000)
    };
    let spaced = rng.chance(30);
    let mut out = String::new();
    for i in 0..n {
        if rng.chance(5) {
            out.push_str(&word(rng, v));
        }
        out.push(*rng.pick(&POOL));
        if spaced && i % 3 == 0 {
            out.push(' ');
        }
    }
    out.chars().take(1000).collect()
}

fn markup(rng: &mut Rng, v: &Vocabulary) -> String {
    let parts = [
        "<@123456789012345678>".to_string(),
        "<@!42>".to_string(),
        "<@&1>".to_string(),
        "<#999>".to_string(),
        "<:pepe:123>".to_string(),
        "<a:dance:1>".to_string(),
        "@everyone".to_string(),
        "@here".to_string(),
        "```".to_string(),
        "`".to_string(),
        "**".to_string(),
        "||".to_string(),
        "> ".to_string(),
        "<".to_string(),
        ">".to_string(),
        "<@".to_string(),
        "<:".to_string(),
        "~~".to_string(),
        "# ".to_string(),
        "[link](https://x.y)".to_string(),
    ];
    let mut out = String::new();
    for _ in 0..rng.size(1, 300) {
        if rng.chance(40) {
            out.push_str(&word(rng, v));
        }
        out.push_str(rng.pick(&parts).as_str());
        if rng.chance(50) {
            out.push(' ');
        }
    }
    out
}

fn urls(rng: &mut Rng, v: &Vocabulary) -> String {
    let mut out = String::new();
    for _ in 0..rng.size(1, 20) {
        let path: Vec<String> = (0..rng.size(1, 10)).map(|_| word(rng, v)).collect();
        out.push_str(&format!(
            "{}://{}.{}/{}?q={}&x=%20%E2%80%AE#{} ",
            rng.pick(&["https", "http", "ftp", "discord", "javascript"]),
            word(rng, v),
            rng.pick(&["com", "ru", "af", "xn--p1ai"]),
            path.join("/"),
            word(rng, v),
            word(rng, v)
        ));
    }
    out
}

fn numbers(rng: &mut Rng, v: &Vocabulary) -> String {
    let mut out = String::new();
    for _ in 0..rng.size(1, 60) {
        let n = match rng.below(8) {
            0 => rng.next().to_string(),
            1 => format!("-{}", rng.below(10_000)),
            2 => format!("{}.{}", rng.below(1000), rng.below(1000)),
            3 => format!(
                "{}-{:02}-{:02}",
                1900 + rng.below(200),
                rng.below(13),
                rng.below(32)
            ),
            4 => "1e308".to_string(),
            5 => "9".repeat(rng.size(1, 500)),
            6 => format!("{}th", rng.below(100)),
            _ => word(rng, v),
        };
        out.push_str(&n);
        out.push(' ');
    }
    out
}

fn punctuation(rng: &mut Rng, v: &Vocabulary) -> String {
    const PARTS: [&str; 16] = [
        "'", "''", "'s", "n't", ".", "u.s.a.", "tl;dr", "?", "!!!", "...", "\u{2019}", "\"", "(",
        ")", "/", ";",
    ];
    let mut out = String::new();
    for _ in 0..rng.size(1, 300) {
        if rng.chance(50) {
            out.push_str(&word(rng, v));
        }
        let part: &&str = rng.pick(&PARTS);
        out.push_str(part);
        if rng.chance(30) {
            out.push(' ');
        }
    }
    out
}

fn whitespace(rng: &mut Rng, v: &Vocabulary) -> String {
    const POOL: [char; 8] = [
        ' ', '\t', '\n', '\r', '\u{a0}', '\u{3000}', '\u{2028}', '\u{85}',
    ];
    let mut out: String = (0..rng.size(0, 1000)).map(|_| *rng.pick(&POOL)).collect();
    if rng.chance(30) {
        out.push_str(&word(rng, v));
    }
    out
}

fn scripts(rng: &mut Rng, _: &Vocabulary) -> String {
    const WORDS: [&str; 10] = [
        "Путин",
        "Талибан",
        "طالبان",
        "کابل",
        "塔利班",
        "俄罗斯",
        "तालिबान",
        "Ταλιμπάν",
        "טאליבאן",
        "タリバン",
    ];
    let n = rng.size(1, 100);
    (0..n)
        .map(|_| *rng.pick(&WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}
