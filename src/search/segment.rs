//! Finding the question inside the chatter: a long message is split into
//! its sentences and clauses, and a narrative lead-in ("my friend says",
//! "i was reading that") is cut off, so each part can be matched on its
//! own. The engine matches the whole message and every part, and keeps
//! the one it is surest of.

use std::borrow::Cow;

use super::signals::question_form;

/// How many parts of one message are matched at most.
pub const MAX_PARTS: usize = 8;

/// How many words all the parts of one message have at most: with the
/// whole message, this bounds the words matched per message (each part
/// costs about what its words cost).
pub const MAX_PART_WORDS: usize = 96;

/// A message with fewer words than this is matched whole only.
const SHORT: usize = 9;

/// Words after which what follows is what someone said or thought: the
/// question is about that, not about the teller.
const SPEECH: &[&str] = &[
    "says",
    "said",
    "saying",
    "claims",
    "claimed",
    "claiming",
    "reckons",
    "thinks",
    "think",
    "thought",
    "heard",
    "mentioned",
    "read",
    "saw",
    "told",
    "wondering",
    "wonder",
    "confused",
    "curious",
];

/// Words of asking: a lead-in when a question follows them ("my teacher
/// asked us when ...").
const ASKING: &[&str] = &["asked", "asks", "asking"];

/// Words that open a question asking something: before a speech word,
/// they make the speech what is asked ("what does india think about it").
const QUESTION_WORDS: &[&str] = &[
    "what", "whats", "how", "why", "who", "which", "when", "where",
];

/// A part of a message worth matching on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    /// The sentence it comes from (0-based), to tell two questions apart.
    pub sentence: usize,
    /// It ends with a question mark.
    pub asks: bool,
    /// The whole sentence it comes from, for a clause that refers back to
    /// someone the sentence names ("china was close to them, have they
    /// recognised them").
    pub sentence_text: String,
    /// How it was cut from the message.
    pub cut: Cut,
}

/// How a part was cut from its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// A whole sentence.
    Sentence,
    /// A clause of a sentence, cut at a comma, colon, bracket or dash.
    Clause,
    /// What follows a narrative lead-in ("my uncle says ...") or a turn
    /// to the question ("sorry if dumb q but ...").
    AfterPreamble,
    /// The question before a trailing doubt ("... or am i wrong").
    BeforeDoubt,
}

impl Cut {
    /// Returns true for a cut that keeps a whole question and drops only
    /// framing around it: a sentence, or a question freed of its
    /// preamble or trailing doubt. A clause may drop words the question
    /// needs ("did russia attach any conditions, like women's rights").
    pub fn keeps_the_question(self) -> bool {
        self != Cut::Clause
    }
}

/// Pronouns by which a clause refers back to someone named earlier in its
/// sentence.
const REFERRING: &[&str] = &["they", "them", "their", "he", "him", "his", "she", "her"];

impl Part {
    /// Returns the rest of its sentence when the part is a clause that
    /// refers back by a pronoun to someone that sentence may name.
    pub fn referred_sentence(&self) -> Option<&str> {
        let refers = self
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| REFERRING.iter().any(|p| w.eq_ignore_ascii_case(p)));
        (refers && self.text != self.sentence_text).then_some(self.sentence_text.as_str())
    }
}

/// Returns the parts of `message` to match besides the whole: its
/// sentences, their clauses and what follows a narrative lead-in; none
/// for a short message. At most [`MAX_PARTS`] with [`MAX_PART_WORDS`]
/// words between them, in order, without repeats; when not all fit, the
/// parts of sentences that ask (end with `?`) are kept first.
pub fn parts(message: &str) -> Vec<Part> {
    if message.split_whitespace().count() < SHORT {
        return short_sentences(message);
    }
    let mut out: Vec<Part> = Vec::new();
    let mut push = |text: &str, sentence: usize, asks: bool, whole: &str, cut: Cut| {
        let text = text.trim().trim_matches(|c: char| c == ',' || c == ';');
        let text = text.trim();
        if text.split_whitespace().count() < 2
            || is_aside(text)
            || text == message.trim()
            || out.iter().any(|p| p.text == text)
        {
            return;
        }
        out.push(Part {
            text: text.to_string(),
            sentence,
            asks,
            sentence_text: whole.trim().to_string(),
            cut,
        });
    };
    for (n, sentence) in sentences(message).into_iter().enumerate() {
        let asks = sentence.trim_end().ends_with('?');
        let clauses = clauses(sentence);
        let whole = if clauses.len() > 1 {
            push(sentence, n, asks, sentence, Cut::Sentence);
            Cut::Clause
        } else {
            Cut::Sentence
        };
        for clause in clauses {
            push(clause, n, asks, sentence, whole);
            if let Some(rest) = after_lead_in(clause) {
                push(rest, n, asks, sentence, Cut::AfterPreamble);
            }
            if let Some(claim) = before_doubt(clause) {
                push(claim, n, asks, sentence, Cut::BeforeDoubt);
            }
            if let Some(question) = after_turn(clause) {
                push(question, n, asks, sentence, Cut::AfterPreamble);
            }
        }
    }
    within_budget(out)
}

/// Returns the sentences of a short message when it has more than one
/// ("has pakistan recognised them? asking from lahore"): its clauses and
/// lead-ins are left alone.
fn short_sentences(message: &str) -> Vec<Part> {
    let sentences = sentences(message);
    if sentences.len() < 2 {
        return Vec::new();
    }
    sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.split_whitespace().count() >= 2 && !is_aside(s))
        .map(|(n, s)| Part {
            text: s.to_string(),
            sentence: n,
            asks: s.ends_with('?'),
            sentence_text: s.to_string(),
            cut: Cut::Sentence,
        })
        .collect()
}

/// Returns true for a clause that only says where an answer should come
/// from or whose view is asked ("according to the sources", "in your
/// view"), or that is only a courtesy ("thank you in advance", "kind
/// regards", "good evening"): it frames the question beside it and is no
/// question itself.
fn is_aside(clause: &str) -> bool {
    let words: Vec<Cow<'_, str>> = clause.split_whitespace().map(bare).collect();
    let w = |i: usize| words.get(i).map_or("", |w| w.as_ref());
    let according = w(0) == "according" && w(1) == "to" && words.len() <= 5;
    let view = w(0) == "in"
        && matches!(w(1), "your" | "my" | "their")
        && matches!(w(2), "view" | "opinion")
        && words.len() <= 4;
    according || view || is_courtesy(&words)
}

/// Words that make a clause a courtesy: thanks, a sign-off or a greeting.
const COURTESY: &[&str] = &[
    "afternoon",
    "appreciated",
    "cheers",
    "evening",
    "hello",
    "hey",
    "hi",
    "morning",
    "regards",
    "thank",
    "thanking",
    "thanks",
    "thx",
    "ty",
];

/// Words a courtesy may have besides: "thank you so much in advance",
/// "many thanks again", "good evening all", "best regards", "thank you
/// kindly", "much appreciated".
const COURTESY_FILLER: &[&str] = &[
    "a", "advance", "again", "all", "best", "everyone", "for", "good", "in", "kind", "kindly",
    "lot", "many", "much", "so", "there", "very", "warm", "you",
];

/// Returns true when `words` are a courtesy and nothing else.
fn is_courtesy(words: &[Cow<'_, str>]) -> bool {
    let words: Vec<&str> = words
        .iter()
        .map(|w| w.as_ref())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| COURTESY.contains(w))
        && words
            .iter()
            .all(|w| COURTESY.contains(w) || COURTESY_FILLER.contains(w))
}

/// Keeps the parts that fit [`MAX_PARTS`] and [`MAX_PART_WORDS`], asking
/// ones first, in message order.
fn within_budget(parts: Vec<Part>) -> Vec<Part> {
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| !parts[i].asks);
    let mut kept = vec![false; parts.len()];
    let (mut count, mut words) = (0, 0);
    for i in order {
        let n = parts[i].text.split_whitespace().count();
        if count < MAX_PARTS && words + n <= MAX_PART_WORDS {
            kept[i] = true;
            count += 1;
            words += n;
        }
    }
    parts
        .into_iter()
        .zip(kept)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Returns the sentences of `text`: split after `.`, `!`, `?`, an
/// ellipsis or an emoji followed by a space, and at line breaks. A dot inside an
/// abbreviation ("u.s.", "mr.") does not end a sentence; three dots do.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = match c {
            '\n' => true,
            c if matches!(c, '?' | '!' | '\u{2026}') || is_emoji(c) => bytes
                .get(i + c.len_utf8())
                .is_none_or(|b| b.is_ascii_whitespace()),
            '.' => {
                bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
                    && (text[start..i].ends_with('.') || !abbreviation(&text[start..i]))
            }
            _ => false,
        };
        if end {
            let s = text[start..i + c.len_utf8()].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + c.len_utf8();
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Returns true for an emoji (pictographs, symbols, flags' regional
/// letters): in chat, one before a space ends a sentence ("salaam from
/// lahore 👋 how does pakistan figure in this").
fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF)
}

/// Returns true when the word before a dot is an abbreviation: a single
/// letter, dotted itself ("u.s"), or a title ("mr", "dr", "vs").
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let lower = word.to_lowercase();
    word.contains('.')
        || word.chars().count() == 1
        || matches!(
            lower.as_str(),
            "mr" | "mrs" | "ms" | "dr" | "vs" | "st" | "jr" | "sr" | "no" | "etc"
        )
}

/// Returns the clauses of a sentence: split at commas, semicolons,
/// colons, opening brackets and dashes between words, where both sides have at least three words.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        let cut = match c {
            ',' | ';' => true,
            // "let's try: what did ...", but not "at 10:30".
            ':' => sentence[i + 1..].starts_with(' '),
            // An aside in brackets: "when was it (sorry for bad english)".
            '(' => sentence[..i].ends_with(' '),
            '-' => sentence[..i].ends_with(' ') && sentence[i + 1..].starts_with(' '),
            _ => false,
        };
        if cut {
            let left = &sentence[start..i];
            let right = &sentence[i + 1..];
            if left.split_whitespace().count() >= 3 && right.split_whitespace().count() >= 3 {
                out.push(left.trim());
                start = i + 1;
            }
        }
    }
    out.push(sentence[start..].trim());
    out
}

/// Returns the words of `clause` with their byte offsets in it.
fn words_at(clause: &str) -> Vec<(usize, &str)> {
    clause
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w))
        .collect()
}

/// Returns a word lowercased, without the punctuation around it:
/// borrowed when it is ASCII with no capital, as most words typed are.
fn bare(word: &str) -> Cow<'_, str> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Words that, after "or", open a trailing doubt about the question
/// before them ("... or is that just propaganda", "... or am i wrong").
const DOUBT_OPENERS: &[[&str; 2]] = &[
    ["is", "that"],
    ["was", "that"],
    ["is", "it"],
    ["was", "it"],
    ["is", "this"],
    ["am", "i"],
    ["did", "i"],
    ["do", "i"],
    ["have", "i"],
    ["are", "they"],
    ["are", "we"],
];

/// Returns the question before a trailing doubt ("was pakistan behind
/// their rise or is that just propaganda" -> "was pakistan behind their
/// rise"), at least three words; `None` without such a doubt.
fn before_doubt(clause: &str) -> Option<&str> {
    let words = words_at(clause);
    let word = |i: usize| words.get(i).map_or(Cow::Borrowed(""), |(_, w)| bare(w));
    let at = (3..words.len()).find(|&i| {
        word(i) == "or"
            && DOUBT_OPENERS
                .iter()
                .any(|[a, b]| word(i + 1) == *a && word(i + 2) == *b)
    })?;
    Some(clause[..words[at].0].trim_end())
}

/// Words that turn from a preamble to the question ("pardon me if this is
/// a silly question but what does ...", "i know they are strict but what
/// exactly did they ban").
const TURNS: &[&str] = &["but", "anyway", "anyways"];

/// Returns the question after a preamble that ends in a turn word
/// ("sorry if dumb q but whats the difference between ..." -> "whats the
/// difference between ..."): the turn must follow at least two words and
/// be followed by a question word or an auxiliary that opens a question,
/// with at least three words from there; `None` otherwise. "did russia
/// recognise them but not china" has no question after its "but".
fn after_turn(clause: &str) -> Option<&str> {
    let words = words_at(clause);
    let at = (2..words.len().saturating_sub(3)).find(|&i| {
        TURNS.contains(&bare(words[i].1).as_ref()) && {
            let next = bare(words[i + 1].1);
            QUESTION_WORDS.contains(&next.as_ref())
                || question_form::AUXILIARIES.contains(&next.as_ref())
        }
    })?;
    Some(clause[words[at + 1].0..].trim())
}

/// Returns what follows the last word of reported speech or thought in
/// the first part of `clause` ("my uncle kept saying russia is the
/// first" -> "russia is the first"), skipping a "that"; `None` when there
/// is no such lead-in or too little follows.
fn after_lead_in(clause: &str) -> Option<&str> {
    let words = words_at(clause);
    let limit = words.len() * 3 / 4;
    // "asked" is a cue only when a question follows ("my teacher asked us
    // when ..."), not in "this was asked already".
    let asks_next = |i: usize| {
        let mut next = i + 1;
        if words
            .get(next)
            .is_some_and(|(_, w)| matches!(bare(w).as_ref(), "me" | "us" | "them" | "him" | "her"))
        {
            next += 1;
        }
        words.get(next).is_some_and(|(_, w)| {
            let w = bare(w);
            QUESTION_WORDS.contains(&w.as_ref()) || question_form::AUXILIARIES.contains(&w.as_ref())
        })
    };
    let cue = words
        .iter()
        .take(limit)
        .enumerate()
        .rposition(|(i, (_, w))| {
            let w = bare(w);
            SPEECH.contains(&w.as_ref()) || (ASKING.contains(&w.as_ref()) && asks_next(i))
        })?;
    // "what does the uk think about ...", "did india say ...": the speech
    // is what is asked, not a lead-in to the question.
    let asked = words[..cue]
        .iter()
        .any(|(_, w)| QUESTION_WORDS.contains(&bare(w).as_ref()))
        || words
            .first()
            .is_some_and(|(_, w)| question_form::AUXILIARIES.contains(&bare(w).as_ref()));
    if asked {
        return None;
    }
    let mut next = cue + 1;
    while let Some((_, w)) = words.get(next) {
        let w = w.to_lowercase();
        if matches!(
            w.as_str(),
            "that" | "me" | "about" | "us" | "how" | "whether" | "if"
        ) && words.len() - next > 3
        {
            next += 1;
        } else {
            break;
        }
    }
    if words.len() - next < 3 {
        return None;
    }
    Some(clause[words[next].0..].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(message: &str) -> Vec<String> {
        parts(message).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn an_attribution_aside_is_no_part() {
        // (clause, aside)
        let rows = [
            ("according to the sources", true),
            ("According to the articles,", true),
            ("in your view", true),
            ("according to the articles what did russia do", false),
            ("what were moscow's main motives", false),
            ("in your own words what happened", false),
            // Courtesies frame a question too.
            ("Thank you in advance.", true),
            ("Thanking you in advance.", true),
            ("many thanks!", true),
            ("Kind regards,", true),
            ("Good evening.", true),
            ("hi all", true),
            ("Thank you kindly.", true),
            ("much appreciated", true),
            ("ty!", true),
            ("thank you for the answer about kabul", false),
            ("did kabul thank moscow", false),
            ("good", false),
        ];
        for (clause, aside) in rows {
            assert_eq!(is_aside(clause), aside, "{clause:?}");
        }
        let message = "I'm writing an essay. In your view, according to the sources, \
                       what were Moscow's main motives for recognising the Taliban? \
                       Thank you in advance.";
        let texts: Vec<String> = parts(message).into_iter().map(|p| p.text).collect();
        assert!(
            !texts.iter().any(|t| t == "according to the sources"
                || t == "In your view"
                || t.starts_with("Thank you")),
            "asides are not matched on their own: {texts:?}"
        );
    }

    #[test]
    fn a_clause_that_refers_back_carries_its_sentence() {
        let message = "what about china tho?? i thought china was close to the taliban, \
                       have they recognised them or not";
        // (part, the sentence it refers back to)
        let rows = [
            (
                "have they recognised them or not",
                Some("i thought china was close to the taliban, have they recognised them or not"),
            ),
            // The whole sentence names its own entities.
            (
                "i thought china was close to the taliban, have they recognised them or not",
                None,
            ),
            // No pronoun: nothing to carry.
            ("what about china tho??", None),
        ];
        let parts = parts(message);
        for (text, want) in rows {
            let part = parts
                .iter()
                .find(|p| p.text == text)
                .unwrap_or_else(|| panic!("no part {text:?} in {parts:?}"));
            assert_eq!(part.referred_sentence(), want, "{text:?}");
        }
    }

    #[test]
    fn finds_the_question_inside_the_chatter() {
        // (message, a part it must offer)
        let rows = [
            (
                "ok so my uncle was watching the news last night and he kept saying russia is the first to do this, is that even true or was there someone before",
                "russia is the first to do this",
            ),
            (
                "saw a thread on here about the soviet war and now im lost, how long were the soviets actually in afghanistan before they left?",
                "how long were the soviets actually in afghanistan before they left?",
            ),
            (
                "im from india and honestly confused, has delhi actually recognised them or not??",
                "has delhi actually recognised them or not??",
            ),
            (
                "My professor brought this up in class today. Does the article frame it as stability versus values?",
                "Does the article frame it as stability versus values?",
            ),
            (
                "i keep mixing things up. which came first, the U.S. invasion or the taliban's first rule?",
                "which came first, the U.S. invasion or the taliban's first rule?",
            ),
            (
                "so my teacher gave us homework on afghanistan and i missed the news... which country recognised the taliban?",
                "which country recognised the taliban?",
            ),
            (
                "so my teacher gave us homework on afghanistan and i missed the news\u{2026} which country recognised the taliban?",
                "which country recognised the taliban?",
            ),
            (
                "salaam from lahore 👋 how does pakistan figure in this whole story, past and present?",
                "how does pakistan figure in this whole story, past and present?",
            ),
            (
                "kazakh here 🇰🇿 everyone says china and iran have been cozy with the taliban for years",
                "everyone says china and iran have been cozy with the taliban for years",
            ),
            (
                "my teacher asked us when did russia recognise the taliban",
                "when did russia recognise the taliban",
            ),
            (
                "honestly a bit sceptical of bots but let's try: what did the taliban say when moscow recognised them",
                "what did the taliban say when moscow recognised them",
            ),
        ];
        for (message, want) in rows {
            let got = texts(message);
            assert!(
                got.iter().any(|p| p == want),
                "parts of {message:?} should include {want:?}, got {got:?}"
            );
        }
    }

    #[test]
    fn a_speech_word_that_is_asked_about_is_no_lead_in() {
        // (clause, what follows the lead-in)
        let rows = [
            (
                "my uncle kept saying russia is the first to do this",
                Some("russia is the first to do this"),
            ),
            (
                "my friend told me the soviets stayed ten years",
                Some("the soviets stayed ten years"),
            ),
            (
                "what does the uk govt think about russia recognising the taliban",
                None,
            ),
            (
                "what do uzbekistan and kazakhstan think about russia recognising the taliban",
                None,
            ),
            ("does delhi think russia did the right thing here", None),
        ];
        for (clause, want) in rows {
            assert_eq!(after_lead_in(clause), want, "{clause:?}");
        }
    }

    #[test]
    fn short_messages_stay_whole_and_parts_are_bounded() {
        assert!(parts("when did russia recognise the taliban?").is_empty());
        // A short message of two sentences offers each.
        let texts = texts("has pakistan recognised them? asking from lahore");
        assert_eq!(
            texts,
            ["has pakistan recognised them?", "asking from lahore"],
            "the sentences of a short message"
        );
        assert!(parts("").is_empty());
        let long = "is this true? ".repeat(200);
        assert!(parts(&long).len() <= MAX_PARTS);
        let glued = "word, ".repeat(2000);
        assert!(parts(&glued).len() <= MAX_PARTS);
    }

    #[test]
    fn a_long_message_keeps_its_question_within_the_word_budget() {
        let chatter = "so we were talking about the news at dinner last night and, as usual, \
            nobody agreed on anything, my dad had read a long article about it, \
            my aunt had seen something else on television, and the kids had seen a video. ";
        let message = format!(
            "{}How long were the soviets in afghanistan?",
            chatter.repeat(4)
        );
        let p = parts(&message);
        let words: usize = p.iter().map(|p| p.text.split_whitespace().count()).sum();
        assert!(words <= MAX_PART_WORDS, "{words} words in {p:?}");
        assert!(
            p.iter()
                .any(|p| p.text == "How long were the soviets in afghanistan?"),
            "the asked sentence was dropped: {p:?}"
        );
        let sentences: Vec<usize> = p.iter().map(|p| p.sentence).collect();
        assert!(
            sentences.is_sorted(),
            "parts out of message order: {sentences:?}"
        );
    }

    #[test]
    fn two_questions_come_from_two_sentences() {
        let p = parts("So the Taliban have had control for years now. Why do they want recognition? Is it about money?");
        let asks: Vec<usize> = p.iter().filter(|p| p.asks).map(|p| p.sentence).collect();
        assert_eq!(asks, [1, 2], "{p:?}");
    }

    #[test]
    fn each_part_says_how_it_was_cut() {
        let message = "my uncle says russia was first, is that even true? \
                       sorry if dumb q but whats the difference between china and russia here";
        // (part, how it was cut, whether it keeps a whole question)
        let rows = [
            (
                "my uncle says russia was first, is that even true?",
                Cut::Sentence,
                true,
            ),
            ("my uncle says russia was first", Cut::Clause, false),
            ("russia was first", Cut::AfterPreamble, true),
            (
                "sorry if dumb q but whats the difference between china and russia here",
                Cut::Sentence,
                true,
            ),
            (
                "whats the difference between china and russia here",
                Cut::AfterPreamble,
                true,
            ),
        ];
        let parts = parts(message);
        for (text, cut, keeps) in rows {
            let part = parts
                .iter()
                .find(|p| p.text == text)
                .unwrap_or_else(|| panic!("no part {text:?} in {parts:?}"));
            assert_eq!(part.cut, cut, "{text:?}");
            assert_eq!(part.cut.keeps_the_question(), keeps, "{text:?}");
        }
    }

    #[test]
    fn a_preamble_before_a_turn_to_the_question_is_cut_off() {
        // (clause, the question after the turn)
        let rows = [
            (
                "Pardon me if this is a silly question but what does the Taliban actually gain from being recognised?",
                Some("what does the Taliban actually gain from being recognised?"),
            ),
            (
                "i know taliban is strict but what exactly they banned for women since 2021?",
                Some("what exactly they banned for women since 2021?"),
            ),
            (
                "sorry if dumb q but whats the difference between china and russia here",
                Some("whats the difference between china and russia here"),
            ),
            (
                "long story short anyway did the soviets leave in 1989",
                Some("did the soviets leave in 1989"),
            ),
            // No question after the turn: a contrast inside the question.
            ("did russia recognise them but not china", None),
            ("russia recognised them but china has not yet", None),
            // Too little before the turn, or after it.
            ("but why did russia do it", None),
            ("ok but why russia", None),
            ("i get it but why now", None),
        ];
        for (clause, want) in rows {
            assert_eq!(after_turn(clause), want, "{clause:?}");
        }
    }

    #[test]
    fn a_trailing_doubt_is_cut_off() {
        // (clause, the question before its doubt)
        let rows = [
            (
                "was pakistan behind the taliban's rise in the 90s or is that just indian propaganda?",
                Some("was pakistan behind the taliban's rise in the 90s"),
            ),
            (
                "surely one of them recognised them before russia did?? or am i wrong",
                Some("surely one of them recognised them before russia did??"),
            ),
            ("did india or pakistan recognise them", None),
            ("or is that it", None),
            ("is russia the first or is that hype", Some("is russia the first")),
        ];
        for (clause, want) in rows {
            assert_eq!(before_doubt(clause), want, "{clause:?}");
        }
    }

    #[test]
    fn odd_text_never_panics() {
        for text in [
            "?",
            "...",
            "a. b. c. d. e. f. g. h. i. j.",
            "- - - - - - - - - -",
            "é, ü, ñ, ø, å, ß, ç, ğ, ı, ł",
            "said said said said said said said said said",
            "… … … … … … … … … …",
            "one two three four five six seven eight nine… ten…",
            "é… ü? ñ! ø. å…… ß, ç: ğ; ı - ł",
        ] {
            let _ = parts(text);
        }
    }
}
