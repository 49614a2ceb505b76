//! Text normalization, as a list of small steps: Discord markup, Unicode
//! folding, case, quotes, contractions, abbreviations, British spelling,
//! punctuation and chat filler. Both the data and the questions go through
//! it, so whatever it does, it does to both sides alike.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Returns the question as lowercase ASCII-folded words joined by single
/// spaces, with mentions, filler and punctuation removed.
pub fn normalize(text: &str) -> String {
    let text = strip_discord_markup(text);
    let text = fold(&text);
    let words: Vec<String> = text
        .split_whitespace()
        .flat_map(split_chunk)
        .map(|w| spelling(&w))
        .collect();
    let words = strip_filler(words);
    words.join(" ")
}

/// Returns the key two phrasings share when they are the same to a reader:
/// the normalized text.
pub fn phrase_key(text: &str) -> String {
    normalize(text)
}

/// Removes user, role and channel mentions, @everyone/@here, custom emoji and
/// code fences.
fn strip_discord_markup(text: &str) -> String {
    if !text.contains(['<', '@', '`']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match tail.find('>') {
            Some(end) if is_markup(&tail[1..end]) => rest = &tail[end + 1..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("@everyone", " ")
        .replace("@here", " ")
        .replace("```", " ")
}

/// `@123`, `@!123`, `@&123`, `#123`, `:name:123`, `a:name:123`.
fn is_markup(inner: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(id) = inner
        .strip_prefix("@!")
        .or_else(|| inner.strip_prefix("@&"))
        .or_else(|| inner.strip_prefix('@'))
        .or_else(|| inner.strip_prefix('#'))
    {
        return digits(id);
    }
    let emoji = inner.strip_prefix('a').unwrap_or(inner);
    match emoji.strip_prefix(':').and_then(|e| e.rsplit_once(':')) {
        Some((name, id)) => !name.is_empty() && digits(id),
        None => false,
    }
}

/// Unicode compatibility decomposition, combining marks (accents, zalgo)
/// dropped, lowercase, typographic quotes made plain, control characters
/// made spaces.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        // NFKD leaves ASCII as it is: only case, backquotes and controls change.
        return text
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                b if b.is_ascii_control() => ' ',
                b => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Splits one whitespace-separated chunk into words: expands contractions,
/// joins dotted abbreviations (`u.s.` -> `us`) and breaks on punctuation.
fn split_chunk(chunk: &str) -> Vec<String> {
    let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    if is_dotted_abbreviation(chunk) {
        return vec![chunk.replace('.', "")];
    }
    let mut words = Vec::new();
    for piece in chunk.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let piece = piece.trim_matches('\'');
        if piece.is_empty() {
            continue;
        }
        words.extend(contraction(piece));
    }
    words
}

/// `u.s`, `u.s.a`, `u.n` (the trailing dot is already trimmed).
fn is_dotted_abbreviation(chunk: &str) -> bool {
    let parts: Vec<&str> = chunk.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

const IS_CONTRACTIONS: [&str; 10] = [
    "what", "who", "where", "when", "why", "how", "it", "that", "there", "here",
];

/// Expands `what's`, `isn't`, `they're`, `i'm`...; drops a possessive `'s`.
fn contraction(word: &str) -> Vec<String> {
    let Some((head, tail)) = word.split_once('\'') else {
        return vec![word.to_string()];
    };
    let head = head.to_string();
    let expanded = match tail {
        "s" if IS_CONTRACTIONS.contains(&head.as_str()) => "is",
        "s" | "" => return vec![head],
        "re" => "are",
        "ve" => "have",
        "ll" => "will",
        "d" => "did",
        "m" => "am",
        "t" if head == "won" => return vec!["will".into(), "not".into()],
        "t" if head == "can" => return vec!["can".into(), "not".into()],
        "t" if head.ends_with('n') => {
            return vec![head[..head.len() - 1].to_string(), "not".into()];
        }
        _ => return vec![format!("{head}{tail}")],
    };
    vec![head, expanded.to_string()]
}

const BRITISH: [(&str, &str); 14] = [
    ("colour", "color"),
    ("favour", "favor"),
    ("honour", "honor"),
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("neighbours", "neighbors"),
    ("neighbouring", "neighboring"),
    ("behaviour", "behavior"),
    ("centre", "center"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("programme", "program"),
    ("travelled", "traveled"),
    ("dialogue", "dialog"),
];

const ISE_SUFFIXES: [(&str, &str); 7] = [
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
];

/// Chat shorthand for question words, spelled out.
const SHORTHAND: [(&str, &str); 10] = [
    ("wen", "when"),
    ("wat", "what"),
    ("wut", "what"),
    ("wht", "what"),
    ("hw", "how"),
    ("abt", "about"),
    ("bc", "because"),
    ("cuz", "because"),
    ("coz", "because"),
    ("ppl", "people"),
];

/// Maps chat shorthand to words and British spellings to American ones: a
/// table of common words plus the `-ise`/`-isation` endings (applied to
/// data and questions alike).
fn spelling(word: &str) -> String {
    if let Some((_, to)) = SHORTHAND
        .iter()
        .chain(BRITISH.iter())
        .find(|(from, _)| *from == word)
    {
        return to.to_string();
    }
    if word.len() > 6 {
        for (uk, us) in ISE_SUFFIXES {
            if let Some(stem) = word.strip_suffix(uk) {
                return format!("{stem}{us}");
            }
        }
    }
    word.to_string()
}

const LEADING_FILLER: [&[&str]; 16] = [
    &["quick", "question"],
    &["quick", "q"],
    &["qq"],
    &["hey"],
    &["hi"],
    &["hello"],
    &["yo"],
    &["ok"],
    &["okay"],
    &["so"],
    &["um"],
    &["uh"],
    &["factdesk"],
    &["bot"],
    &["please"],
    &["pls"],
];

const TRAILING_FILLER: [&str; 12] = [
    "please", "pls", "plz", "thanks", "thx", "ty", "tbh", "rn", "tho", "lol", "though", "ngl",
];

/// Removes chat filler at the start ("hey", "quick q", the bot's name) and
/// politeness at the end; never removes every word.
fn strip_filler(words: Vec<String>) -> Vec<String> {
    let mut start = 0;
    'outer: loop {
        for filler in LEADING_FILLER {
            let end = start + filler.len();
            if end < words.len() && words[start..end].iter().zip(filler).all(|(w, f)| w == f) {
                start = end;
                continue 'outer;
            }
        }
        break;
    }
    let mut end = words.len();
    while end > start + 1 && TRAILING_FILLER.contains(&words[end - 1].as_str()) {
        end -= 1;
    }
    words[start..end].to_vec()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes_chat_text() {
        let rows = [
            ("Who is the AMBASSADOR?", "who is the ambassador"),
            ("what's the deal", "what is the deal"),
            ("Who’s Gul Hassan Hassan", "who is gul hassan hassan"),
            ("Russia’s decision", "russia decision"),
            (
                "why didn't india recognise them",
                "why did not india recognize them",
            ),
            ("the U.S. troops", "the us troops"),
            ("<@123456> when was recognition", "when was recognition"),
            (
                "<@!42> hey, quick question: who is muttaqi",
                "who is muttaqi",
            ),
            (
                "quick q: when sanctions lifted?? thx",
                "when sanctions lifted",
            ),
            ("Café Kābul", "cafe kabul"),
            ("Z̷a̸l̴g̵o̶ taliban", "zalgo taliban"),
            ("ｒｕｓｓｉａ", "russia"),
            (
                "organisation neighbouring recognised",
                "organization neighboring recognized",
            ),
            ("@everyone when <:pepe:99> recognition", "when recognition"),
            ("hey", "hey"),
            ("", ""),
            ("   \t\n ", ""),
            ("a\u{0}b\u{7}c", "a b c"),
            ("```rust\nfn main()```", "rust fn main"),
            ("Путин", "путин"),
            ("😀😀", ""),
        ];
        for (input, want) in rows {
            assert_eq!(normalize(input), want, "normalize({input:?})");
        }
    }
}
