//! Text normalization, as a list of small steps: Discord markup, Unicode
//! folding, case, quotes, contractions, abbreviations, British spelling,
//! punctuation and chat filler. Both the data and the questions go through
//! it, so whatever it does, it does to both sides alike.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The most characters a question may have, as typed and once normalized
/// (compatibility characters such as `㌖` fold to several letters each).
pub const MAX_CHARS: usize = 1000;

/// The most words of a question that are matched ([`question`]). A
/// question is a sentence or two; a message longer than this is chatter
/// around one, and the engine matches its sentences one by one (see
/// `segment`). Bounds the cost of a message of a thousand one-letter words
/// like that of a question. The data's own text is not cut.
pub const MAX_WORDS: usize = 48;

/// Returns the question as lowercase ASCII-folded words joined by single
/// spaces, with mentions, filler and punctuation removed.
///
/// The cost is bounded whatever the input: only the first [`MAX_CHARS`]
/// characters are read, and the result is cut to [`MAX_CHARS`] characters
/// (at a word boundary when there is one). [`too_long`] tells whether
/// anything was cut that way.
pub fn normalize(text: &str) -> String {
    bounded(text).0
}

/// Returns a question as it is matched: [`normalize`]d, and only its first
/// [`MAX_WORDS`] words (that cut alone does not make it [`too_long`]).
pub fn question(text: &str) -> String {
    question_checked(text).0
}

/// Returns [`normalize`] and [`too_long`] of `text` at the cost of one.
pub fn normalize_checked(text: &str) -> (String, bool) {
    bounded(text)
}

/// Returns [`question`] and [`too_long`] of `text` at the cost of one.
pub fn question_checked(text: &str) -> (String, bool) {
    let (mut normalized, long) = bounded(text);
    if let Some((at, _)) = normalized.match_indices(' ').nth(MAX_WORDS - 1) {
        normalized.truncate(at);
    }
    (normalized, long)
}

/// Returns `text` without the mentions and the bot's name it opens with
/// ("<@123> ", "@factdesk, "), as the sentence encoder should read it: the
/// words are matched without them, and Discord's own mention of the bot
/// never reaches the engine.
pub fn unaddressed(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        let opens = |name: &str| {
            rest.get(..name.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(name))
        };
        let cut = if rest.starts_with("<@") {
            rest.find('>').map(|i| i + 1)
        } else {
            ["@factdesk", "factdesk"]
                .into_iter()
                .find(|name| opens(name))
                .map(str::len)
        };
        match cut {
            // The name must end there: "factdesks" is another word.
            Some(at) if !rest[at..].starts_with(|c: char| c.is_alphanumeric()) => {
                rest = rest[at..].trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-')
                });
            }
            _ => return rest,
        }
    }
}

/// Returns true when `text` is over [`MAX_CHARS`] characters, as typed or
/// once normalized. Costs no more than normalizing [`MAX_CHARS`] characters.
pub fn too_long(text: &str) -> bool {
    // Short ASCII cannot grow past the limit: no rule here makes a word
    // with its space more than three times as long ("bc " -> "because "),
    // so skip normalizing it a second time.
    if text.is_ascii() && text.len().saturating_mul(4) <= MAX_CHARS {
        return false;
    }
    // Over the limit as typed: too long without normalizing anything.
    if text.chars().nth(MAX_CHARS).is_some() {
        return true;
    }
    bounded(text).1
}

/// Returns the normalized text and whether the input or the output was cut
/// at [`MAX_CHARS`].
fn bounded(text: &str) -> (String, bool) {
    let (text, cut_input) = head(text, MAX_CHARS);
    let text = strip_discord_markup(text);
    let mut text = fold(&text);
    // Folding stops one past MAX_FOLDED: more means too long.
    let (kept, cut_fold) = head(&text, MAX_FOLDED);
    let kept = kept.len();
    text.truncate(kept);
    let mut words = Vec::new();
    for chunk in text.split_whitespace() {
        split_chunk(chunk, &mut words);
    }
    drop_pronoun_us(&mut words);
    drop_source_ordinals(&mut words);
    let (start, end) = without_filler(&words);
    let mut out = words[start..end].join(" ");
    let (kept, cut_output) = head(&out, MAX_CHARS);
    if cut_output {
        let at = match kept.rfind(' ') {
            Some(space) => space,
            None => kept.len(),
        };
        out.truncate(at);
    }
    (out, cut_input || cut_fold || cut_output)
}

/// Verbs after which "us" is the pronoun ("can you tell us", "gave us
/// homework"), not the United States.
const TAKES_US: &[&str] = &[
    "ask", "asked", "asking", "give", "gave", "giving", "help", "helping", "let", "remind",
    "reminded", "show", "showed", "showing", "taught", "teach", "teaching", "tell", "telling",
    "told",
];

/// Drops the pronoun "us" after a verb that takes it, so that it is not
/// read as the country ("tell us who the envoy is" names no country).
fn drop_pronoun_us(words: &mut Vec<Cow<'_, str>>) {
    if !words.iter().any(|w| w == "us") {
        return;
    }
    let mut previous_takes_us = false;
    words.retain(|w| {
        let pronoun = previous_takes_us && w == "us";
        previous_takes_us = TAKES_US.contains(&w.as_ref());
        !pronoun
    });
}

/// Words that pick one of the sources ("the first article", "the other
/// report").
const SOURCE_ORDINALS: &[&str] = &["first", "second", "other", "former", "latter"];

/// Words for a source ("article", "piece", "report").
const SOURCE_NOUNS: &[&str] = &[
    "article", "articles", "piece", "report", "source", "story", "outlet", "link",
];

/// Drops an ordinal that picks a source ("according to the first article",
/// "the second report says"), so that "first" is not read as what is asked
/// ("who was the first to recognise them"). Only the ordinal goes: the
/// source word itself is framing (see `signals::chatter`).
fn drop_source_ordinals(words: &mut Vec<Cow<'_, str>>) {
    let mut i = 0;
    while i + 1 < words.len() {
        if SOURCE_ORDINALS.contains(&words[i].as_ref())
            && SOURCE_NOUNS.contains(&words[i + 1].as_ref())
        {
            words.remove(i);
        } else {
            i += 1;
        }
    }
}

/// The most characters folding makes of [`MAX_CHARS`] typed ones before
/// the text counts as too long (`\u{fdfa}` alone folds to 18).
const MAX_FOLDED: usize = 2 * MAX_CHARS;

/// Returns the first `max` characters of `text`, and whether that is not
/// all of it.
fn head(text: &str, max: usize) -> (&str, bool) {
    match text.char_indices().nth(max) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    }
}

/// Returns the key two phrasings share when they are the same to a reader:
/// the normalized text.
pub fn phrase_key(text: &str) -> String {
    normalize(text)
}

/// Removes user, role and channel mentions, @everyone/@here, custom emoji and
/// code fences.
fn strip_discord_markup(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '@', '`']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        // Markup is short: looking for its end no further keeps the scan
        // linear on text full of `<`.
        let near = &tail.as_bytes()[..tail.len().min(MAX_MARKUP)];
        match near.iter().position(|&b| b == b'>') {
            Some(end) if is_markup(&tail[1..end]) => rest = &tail[end + 1..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(
        out.replace("@everyone", " ")
            .replace("@here", " ")
            .replace("```", " "),
    )
}

/// The longest mention or custom emoji, `<a:` + a 32-character name + `:`
/// + a 20-digit id + `>`, with room to spare.
const MAX_MARKUP: usize = 64;

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
        let lower = text.to_ascii_lowercase();
        if !lower.bytes().any(|b| b == b'`' || b.is_ascii_control()) {
            return lower;
        }
        return lower
            .chars()
            .map(|c| match c {
                '`' => '\'',
                c if c.is_ascii_control() => ' ',
                c => c,
            })
            .collect();
    }
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .take(MAX_FOLDED + 1)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Splits one whitespace-separated chunk into words, appended to `words`:
/// expands contractions, joins dotted abbreviations (`u.s.` -> `us`),
/// breaks on punctuation and respells each word.
fn split_chunk<'a>(chunk: &'a str, words: &mut Vec<Cow<'a, str>>) {
    if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // The common case: a plain word.
        match bare_negation(chunk) {
            Some(head) => words.extend([Cow::Borrowed(head), Cow::Borrowed("not")]),
            None => words.push(spelling(chunk)),
        }
        return;
    }
    let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    if chunk == "tl;dr" {
        words.push(spelling("tldr"));
        return;
    }
    if chunk.contains('.') && is_dotted_abbreviation(chunk) {
        words.push(Cow::Owned(chunk.replace('.', "")));
        return;
    }
    for piece in chunk.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let piece = piece.trim_matches('\'');
        if piece.is_empty() {
            continue;
        }
        for word in contraction(piece) {
            words.push(match word {
                Cow::Borrowed(w) => spelling(w),
                Cow::Owned(w) => Cow::Owned(spelling(&w).into_owned()),
            });
        }
    }
}

/// Returns the verb of a negation typed without its apostrophe: `dont` ->
/// `do` (followed by "not").
fn bare_negation(word: &str) -> Option<&'static str> {
    Some(match word {
        "dont" => "do",
        "doesnt" => "does",
        "didnt" => "did",
        "isnt" => "is",
        "wasnt" => "was",
        "arent" => "are",
        "werent" => "were",
        "havent" => "have",
        "hasnt" => "has",
        "hadnt" => "had",
        "cant" => "can",
        "wont" => "will",
        "wouldnt" => "would",
        "shouldnt" => "should",
        "couldnt" => "could",
        _ => return None,
    })
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
fn contraction(word: &str) -> Vec<Cow<'_, str>> {
    let Some((head, tail)) = word.split_once('\'') else {
        return vec![Cow::Borrowed(word)];
    };
    let head = head.to_string();
    let expanded = match tail {
        "s" if IS_CONTRACTIONS.contains(&head.as_str()) => "is",
        "s" | "" => return vec![head.into()],
        "re" => "are",
        "ve" => "have",
        "ll" => "will",
        "d" => "did",
        "m" => "am",
        "t" if head == "won" => return vec!["will".into(), "not".into()],
        "t" if head == "can" => return vec!["can".into(), "not".into()],
        "t" if head.ends_with('n') => {
            return vec![head[..head.len() - 1].to_string().into(), "not".into()];
        }
        _ => return vec![format!("{head}{tail}").into()],
    };
    vec![head.into(), expanded.into()]
}

/// Returns the spelled-out or American form of a chat shorthand or a
/// British word from the table, if it is one.
fn respell(word: &str) -> Option<&'static str> {
    Some(match word {
        "wen" => "when",
        "wat" => "what",
        "wut" => "what",
        "wht" => "what",
        "hw" => "how",
        "abt" => "about",
        "bc" => "because",
        "cuz" => "because",
        "coz" => "because",
        "ppl" => "people",
        "w" => "with",
        "n" => "and",
        "yr" => "year",
        "yrs" => "years",
        "nah" => "no",
        "rly" => "really",
        "bcuz" => "because",
        "becuz" => "because",
        "thru" => "through",
        "eli5" => "explain",
        "tldr" => "summary",
        "intl" => "international",
        "colour" => "color",
        "favour" => "favor",
        "honour" => "honor",
        "labour" => "labor",
        "neighbour" => "neighbor",
        "neighbours" => "neighbors",
        "neighbouring" => "neighboring",
        "behaviour" => "behavior",
        "centre" => "center",
        "defence" => "defense",
        "offence" => "offense",
        "programme" => "program",
        "travelled" => "traveled",
        "dialogue" => "dialog",
        _ => return None,
    })
}

const ISE_SUFFIXES: [(&str, &str); 7] = [
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
];

/// Returns the number of a day-of-the-month ordinal ("3rd" -> "3",
/// "21st" -> "21"), as dates are written in the data ("3 July 2025").
fn ordinal_number(word: &str) -> Option<&str> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &word[digits..];
    ((1..=2).contains(&digits) && matches!(suffix, "st" | "nd" | "rd" | "th"))
        .then(|| &word[..digits])
}

/// Maps chat shorthand to words and British spellings to American ones: a
/// table of common words plus the `-ise`/`-isation` endings (applied to
/// data and questions alike).
fn spelling(word: &str) -> Cow<'_, str> {
    if let Some(to) = respell(word) {
        return Cow::Borrowed(to);
    }
    if let Some(day) = ordinal_number(word) {
        return Cow::Borrowed(day);
    }
    if word.len() > 6 && (word.contains("is") || word.ends_with("yse")) {
        for (uk, us) in ISE_SUFFIXES {
            if let Some(stem) = word.strip_suffix(uk) {
                return Cow::Owned(format!("{stem}{us}"));
            }
        }
    }
    Cow::Borrowed(word)
}

const LEADING_FILLER: &[&[&str]] = &[
    &["sorry", "for", "my", "bad", "english"],
    &["sorry", "for", "bad", "english"],
    &["sorry", "for", "my", "english"],
    &["quick", "question"],
    &["quick", "q"],
    &["quick", "one"],
    &["real", "quick"],
    &["any", "idea"],
    &["dear", "bot"],
    &["genuine", "question"],
    &["honest", "question"],
    &["serious", "question"],
    &["random", "question"],
    &["dumb", "question"],
    &["stupid", "question"],
    &["question"],
    // Quiz framing ("true or false: russia was first", "t/f the us has
    // recognised them"): the claim after it is what is asked.
    &["is", "it", "true", "or", "false", "that"],
    &["true", "or", "false"],
    &["true", "false"],
    &["t", "or", "f"],
    &["t", "f"],
    &["quiz", "question"],
    &["trivia", "question"],
    &["qq"],
    &["ok"],
    &["okay"],
    &["so"],
    &["um"],
    &["uh"],
    &["factdesk"],
    &["bot"],
    &["please"],
    &["pls"],
    // Polite requests around the question ("could you please let me know
    // when ..."): "let" and "know" would otherwise count as what is asked.
    &["could", "you", "please"],
    &["can", "you", "please"],
    &["would", "you", "please"],
    &["could", "you", "tell", "me"],
    &["can", "you", "tell", "me"],
    &["could", "you", "let", "me", "know"],
    &["can", "you", "let", "me", "know"],
    &["let", "me", "know"],
    // "let us know" and "can you tell us", once the pronoun "us" is dropped.
    &["let", "know"],
    &["could", "you", "tell"],
    &["can", "you", "tell"],
    &["tell", "me"],
    &["do", "you", "know"],
    &["i", "would", "like", "to", "know"],
    &["i", "want", "to", "know"],
];

/// Greetings and small talk: removed at the start like filler, and a
/// message of nothing else becomes empty, so it gets the "ask me
/// something" reply rather than a match on "how" and "today".
const SMALL_TALK: &[&[&str]] = &[
    &["hi"],
    &["hey"],
    &["hello"],
    &["hiya"],
    &["howdy"],
    &["yo"],
    &["greetings"],
    &["good", "morning"],
    &["good", "afternoon"],
    &["good", "evening"],
    &["how", "are", "you", "doing", "today"],
    &["how", "are", "you", "doing"],
    &["how", "are", "you", "today"],
    &["how", "are", "you"],
    &["how", "are", "u"],
    &["how", "r", "u"],
    &["how", "is", "it", "going"],
    &["how", "is", "your", "day", "going"],
    &["how", "is", "your", "day"],
    &["hows", "your", "day", "going"],
    &["hows", "your", "day"],
    &["how", "was", "your", "day"],
    &["what", "is", "up"],
    &["whats", "up"],
    &["wassup"],
    &["hows", "it", "going"],
    &["sup"],
    &["hope", "you", "are", "doing", "well"],
    &["hope", "you", "are", "well"],
    // About the bot itself: "who made this bot" is no question about who
    // made the decision.
    &["who", "made", "you"],
    &["who", "made", "this", "bot"],
    &["who", "made", "the", "bot"],
    &["who", "built", "you"],
    &["who", "built", "this", "bot"],
    &["who", "created", "you"],
    &["who", "created", "this", "bot"],
    &["who", "programmed", "you"],
    &["who", "coded", "this", "bot"],
    &["who", "wrote", "this", "bot"],
    &["who", "owns", "this", "bot"],
    &["who", "runs", "this", "bot"],
    &["who", "are", "you"],
    &["what", "are", "you"],
    &["are", "you", "a", "bot"],
    &["are", "you", "an", "ai"],
    &["are", "you", "ai"],
    &["are", "you", "human"],
    &["are", "you", "real"],
    &["what", "is", "this", "bot"],
    &["what", "is", "factdesk"],
    &["how", "does", "this", "bot", "work"],
    &["how", "do", "you", "work"],
];

/// Words that only add force, skipped inside small talk.
fn is_intensifier(word: &str) -> bool {
    matches!(
        word,
        "tf" | "even" | "actually" | "exactly" | "really" | "hell" | "heck" | "the"
    )
}

const TRAILING_FILLER: [&str; 12] = [
    "please", "pls", "plz", "thanks", "thx", "ty", "tbh", "rn", "tho", "lol", "though", "ngl",
];

/// Idioms that add nothing to a question they end: "why did the soviets
/// invade in the first place" asks why they invaded, "first" and "place"
/// are no words of the story there.
const TRAILING_IDIOMS: [&[&str]; 15] = [
    &["in", "the", "first", "place"],
    // an apology for one's English, common among learners: "when did
    // russia recognise them (sorry for bad english)" asks the question
    // before it; left in, its words match questions people asked that end
    // the same way
    &["sorry", "for", "bad", "english"],
    &["sorry", "for", "my", "bad", "english"],
    &["sorry", "for", "my", "english"],
    &["sorry", "my", "english", "is", "bad"],
    // "russia was the first to recognise them, true or false"
    &["true", "or", "false"],
    &["true", "false"],
    &["or", "what"],
    &["or", "not"],
    // "what kind of cooperation are we talking about": what is meant, not
    // what was discussed
    &["are", "we", "talking", "about"],
    &["are", "they", "talking", "about"],
    &["are", "you", "talking", "about"],
    // "say something in russian", "translate thank you into russian": the
    // language asked for, not Russia
    &["in", "russian"],
    &["into", "russian"],
    &["to", "russian"],
];

/// Returns the small talk and the leading filler that open with `word`
/// (small talk first, each in table order), with whether the phrase is
/// small talk: a phrase is said only where its first word is, so only
/// these need trying there.
fn opening_with(word: &str) -> &'static [(&'static [&'static str], bool)] {
    type Phrases = FxHashMap<&'static str, Vec<(&'static [&'static str], bool)>>;
    static BY_FIRST_WORD: OnceLock<Phrases> = OnceLock::new();
    let by_first_word = BY_FIRST_WORD.get_or_init(|| {
        let talk = SMALL_TALK.iter().map(|&p| (p, true));
        let filler = LEADING_FILLER.iter().map(|&p| (p, false));
        let mut by_first_word = Phrases::default();
        for (phrase, talk) in talk.chain(filler) {
            if let Some(&first) = phrase.first() {
                by_first_word.entry(first).or_default().push((phrase, talk));
            }
        }
        by_first_word
    });
    by_first_word.get(word).map_or(&[], Vec::as_slice)
}

/// Removes chat filler at the start ("hey", "quick q", the bot's name) and
/// politeness at the end; never removes every word, except from a message
/// of greetings and small talk alone.
///
/// Returns the range of `words` left.
fn without_filler(words: &[Cow<'_, str>]) -> (usize, usize) {
    // How many words `phrase` takes when said at `at`; small talk may have
    // intensifiers in it ("who tf made this bot", "who even are you").
    let says = |at: usize, phrase: &[&str], talk: bool| -> Option<usize> {
        let mut taken = 0;
        for &want in phrase {
            while talk
                && taken > 0
                && words
                    .get(at + taken)
                    .is_some_and(|w| w != want && is_intensifier(w))
            {
                taken += 1;
            }
            (words.get(at + taken)?.as_ref() == want).then_some(())?;
            taken += 1;
        }
        Some(taken)
    };
    let mut start = 0;
    // Small talk may take every word; other filler alone is kept
    // ("question" is what was typed).
    while let Some(taken) = words.get(start).and_then(|first| {
        opening_with(first).iter().find_map(|&(p, may_empty)| {
            says(start, p, may_empty).filter(|&n| may_empty || start + n < words.len())
        })
    }) {
        start += taken;
    }
    let mut end = words.len();
    loop {
        if end > start + 1 && TRAILING_FILLER.contains(&words[end - 1].as_ref()) {
            end -= 1;
        } else if let Some(idiom) = TRAILING_IDIOMS.iter().find(|idiom| {
            end > start + idiom.len()
                && words[end - idiom.len()..end]
                    .iter()
                    .zip(idiom.iter())
                    .all(|(w, want)| w == want)
        }) {
            end -= idiom.len();
        } else {
            break;
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::{
        normalize, opening_with, question, question_checked, too_long, LEADING_FILLER, MAX_CHARS,
        MAX_WORDS, SMALL_TALK,
    };

    #[test]
    fn unaddressed_drops_the_mentions_and_name_a_message_opens_with() {
        // (typed, what the encoder reads)
        let rows = [
            ("@factdesk who is muttaqi", "who is muttaqi"),
            ("<@123> <@!456>, who is muttaqi", "who is muttaqi"),
            ("  FactDesk: who is muttaqi", "who is muttaqi"),
            ("factdesks are great", "factdesks are great"),
            ("who is muttaqi @factdesk", "who is muttaqi @factdesk"),
            ("<@123", "<@123"),
            ("@factdesk", ""),
            ("", ""),
            ("éé@factdesk", "éé@factdesk"),
        ];
        for (typed, want) in rows {
            assert_eq!(super::unaddressed(typed), want, "{typed:?}");
        }
    }

    #[test]
    fn every_leading_phrase_is_tried_at_its_first_word_in_table_order() {
        let talk = SMALL_TALK.iter().map(|&p| (p, true));
        let filler = LEADING_FILLER.iter().map(|&p| (p, false));
        let all: Vec<_> = talk.chain(filler).collect();
        for (phrase, talk) in &all {
            let first = phrase.first().expect("no leading phrase is empty");
            let want: Vec<_> = all
                .iter()
                .filter(|(p, _)| p.first() == Some(first))
                .collect();
            let got: Vec<_> = opening_with(first).iter().collect();
            assert_eq!(got, want, "phrases opening with {first:?}");
            assert!(got.contains(&&(*phrase, *talk)), "{phrase:?} not tried");
        }
        assert!(opening_with("recognition").is_empty());
    }

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
            ("hey", ""),
            ("hi how are you today", ""),
            ("who made this bot?", ""),
            ("hey, who are you", ""),
            ("are you a bot", ""),
            ("who made the decision", "who made the decision"),
            ("who tf made this bot", ""),
            ("who the hell made the bot", ""),
            ("who even are you", ""),
            ("who even made the decision", "who even made the decision"),
            (
                "who made the bot and when did russia act",
                "and when did russia act",
            ),
            ("good morning! how r u", ""),
            (
                "hey how are you, when did russia recognise them",
                "when did russia recognize them",
            ),
            (
                "whats up with russia and the taliban",
                "with russia and the taliban",
            ),
            ("question", "question"),
            (
                "how does the first article describe india",
                "how does the article describe india",
            ),
            (
                "does the second report say russia was first",
                "does the report say russia was first",
            ),
            (
                "the first country to recognise",
                "the first country to recognize",
            ),
            ("the other side", "the other side"),
            ("", ""),
            ("   \t\n ", ""),
            ("a\u{0}b\u{7}c", "a b c"),
            ("```rust\nfn main()```", "rust fn main"),
            ("Путин", "путин"),
            ("😀😀", ""),
            (
                "tl;dr russia w/ the taliban",
                "summary russia with the taliban",
            ),
            ("4 yrs bc ppl said nah", "4 years because people said no"),
            ("on july 3rd n the 21st", "on july 3 and the 21"),
            (
                "can you tell us who the US envoy is, the teacher gave us this",
                "who the us envoy is the teacher gave this",
            ),
            ("did the us tell us anything", "did the us tell anything"),
            (
                "could you please let me know when russia recognised them",
                "when russia recognized them",
            ),
            ("can you tell me who the envoy is", "who the envoy is"),
            ("pls let us know who muttaqi is", "who muttaqi is"),
            ("do you know why", "why"),
            ("quick one: when was it", "when was it"),
            ("genuine question - who is he", "who is he"),
            ("real quick, any idea when it was", "when it was"),
            ("dear bot, who is he", "who is he"),
            ("@factdesk how's your day going", ""),
            (
                "how was your day? when was kabul captured",
                "when was kabul captured",
            ),
            (
                "why did the soviets invade in the first place",
                "why did the soviets invade",
            ),
            ("is russia the first or not lol", "is russia the first"),
            (
                "True or false: the US has recognised the Taliban",
                "the us has recognized the taliban",
            ),
            ("t/f russia was first", "russia was first"),
            (
                "russia was the first to recognise them, true or false?",
                "russia was the first to recognize them",
            ),
            ("true or false", "true or false"),
            (
                "when did russia recognise the taliban (sorry for bad english)",
                "when did russia recognize the taliban",
            ),
            (
                "sorry for my bad english, who is the new ambassador",
                "who is the new ambassador",
            ),
            (
                "is russia the first? sorry my english is bad",
                "is russia the first",
            ),
            ("sorry for my english", "sorry for my english"),
            (
                "is it true or false that russia was first",
                "russia was first",
            ),
            // a follow-up with no claim of its own keeps its question
            ("is that true or false", "is that"),
            (
                "so did they recognise them or what",
                "did they recognize them",
            ),
            (
                "what kind of cooperation are we talking about",
                "what kind of cooperation",
            ),
            ("say something in russian", "say something"),
            (
                "translate thank you into russian pls",
                "translate thank you",
            ),
            (
                "what did the russian foreign ministry say",
                "what did the russian foreign ministry say",
            ),
            // an idiom alone is kept: it is what was typed
            ("in the first place", "in the first place"),
            ("the 101st and the 3rdparty", "the 101st and the 3rdparty"),
        ];
        for (input, want) in rows {
            assert_eq!(normalize(input), want, "normalize({input:?})");
        }
    }

    #[test]
    fn the_length_limit_holds_after_normalization() {
        let sq = "\u{3316}"; // folds to six letters
        let rows: [(String, bool, usize); 7] = [
            ("who is the ambassador".to_string(), false, 21),
            ("a ".repeat(500), false, 999),
            ("a ".repeat(501), true, 999),
            ("x".repeat(MAX_CHARS), false, MAX_CHARS),
            ("x".repeat(MAX_CHARS + 1), true, MAX_CHARS),
            (sq.repeat(166), false, 996),
            (sq.repeat(1000), true, MAX_CHARS),
        ];
        for (input, long, max_out) in rows {
            let (n, chars) = (input.chars().count(), normalize(&input).chars().count());
            assert_eq!(too_long(&input), long, "too_long of {n} chars");
            assert!(
                chars <= max_out,
                "{n} chars normalized to {chars}, over {max_out}"
            );
        }
    }

    #[test]
    fn a_question_keeps_its_first_words_and_the_data_all_of_them() {
        let many = "ab ".repeat(300);
        assert_eq!(question(&many).split(' ').count(), MAX_WORDS);
        assert_eq!(
            normalize(&many).split(' ').count(),
            300,
            "data text is not cut"
        );
        assert!(
            !too_long(&many),
            "900 characters of short words are not too long"
        );
        assert_eq!(question_checked(&many), (question(&many), false));
        let few = "ab ".repeat(MAX_WORDS - 1);
        assert_eq!(question(&few).split(' ').count(), MAX_WORDS - 1);
        assert_eq!(question(""), "");
    }

    #[test]
    fn cut_output_ends_at_a_word_boundary() {
        // 400 characters typed, 1,399 once folded.
        let text = "\u{3316} ".repeat(200);
        let out = normalize(&text);
        let last = out.rsplit(' ').next().unwrap_or_default();
        assert_eq!(last, "キロメートル", "cut mid-word");
        assert!(out.chars().count() <= MAX_CHARS && too_long(&text));
        let one_word = "\u{3316}".repeat(200);
        let out = normalize(&one_word);
        assert!(out.chars().count() <= MAX_CHARS && too_long(&one_word));
        assert!(!out.ends_with(' '), "{out:?}");
    }
}
