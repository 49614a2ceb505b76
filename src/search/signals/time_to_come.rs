//! The words of what is to come, in one place: the lists with which the
//! [`tense`](super::tense) and [`answer_type`](super::answer_type) signals
//! tell a question about the future, or an answer that speaks of it. The
//! lists differ on purpose: each reads one side (a question or an answer)
//! for one purpose, and changing one moves answers. Text is normalized:
//! "won't" is "will not", "didn't" is "did not".

/// Words with which a text speaks of what is to come. Tense reads it on a
/// question and on each of an entry's phrasings (which are questions too),
/// so it holds the words of asking ("will", "going", "planning", "soon",
/// "later") and not an answer's hedges ("may", "likely", "whether"; "may"
/// is also a month), unlike [`MAY_COME`].
pub(super) const TO_COME: &[&str] = &[
    "will", "gonna", "going", "could", "might", "would", "next", "future", "expected", "coming",
    "plan", "plans", "planning", "soon", "later",
];

/// Auxiliaries with which a question asks about what has happened (tense):
/// the other side of [`TO_COME`], meaningful only when none of its words is
/// there.
pub(super) const DONE: &[&str] = &["did", "has", "have", "had"];

/// Phrases (one or two words) that make a question ask what will happen
/// (answer type, question side). Unlike [`TO_COME`], "will" counts only
/// before "they", "it", "the" or a country, so "will trade grow" and "will
/// other countries follow" ask for nothing in particular.
pub(super) const FUTURE: &[&[&str]] = &[
    &["will", "they"],
    &["will", "it"],
    &["will", "the"],
    &["will", "russia"],
    &["will", "india"],
    &["will", "china"],
    &["going", "to"],
    &["gonna"],
    &["planning", "to"],
    &["plan", "to"],
    &["plans", "to"],
    &["next", "year"],
    &["next", "month"],
    &["next", "week"],
    &["expected", "to"],
];

/// Phrases with which a question asks what has happened since the story
/// ("how many countries have recognised them since russia did", "has
/// anyone followed since then"): after the sources, so what is to come as
/// they tell it (tense and answer type, question side).
pub(super) const SINCE_THE_STORY: &[&[&str]] = &[
    &["since", "russia"],
    &["since", "russias"],
    &["since", "moscow"],
    &["since", "then"],
    &["since", "the", "recognition"],
];

/// Returns true when normalized `words` ask what has happened since the
/// story (see [`SINCE_THE_STORY`]).
pub(super) fn asks_since_the_story(words: &[&str]) -> bool {
    has_a_phrase(words, SINCE_THE_STORY)
}

/// Returns true when `words` hold one of `phrases`, word for word: how
/// every phrase list here is read.
pub(super) fn has_a_phrase(words: &[&str], phrases: &[&[&str]]) -> bool {
    phrases
        .iter()
        .any(|p| words.windows(p.len()).any(|w| w == *p))
}

/// Words that make "how many" ask for a count still to come ("how many
/// countries will recognise them"), which counting by exclusion does not
/// give (answer type, question side).
pub(super) const COUNT_TO_COME: &[&str] = &["will", "gonna", "going"];

/// Words that, after "when", make a question ask when something will
/// happen ("when will china recognise them", "when is india expected to")
/// (answer type, question side).
pub(super) const WHEN_TO_COME: &[&str] = &["will", "gonna", "expected"];

/// Words that, after "when" and followed by "to", make a question ask when
/// something will happen ("when is india going to", "planning to") (answer
/// type, question side).
pub(super) const WHEN_GOING_TO: &[&str] = &["going", "planning"];

/// Words with which an answer speaks of what may come (answer type, answer
/// side): hedges and plans ("may", "likely", "hopes", "whether", "yet",
/// "unclear") as well as future markers, since an answer seldom says
/// "will" of what is not yet decided.
pub(super) const MAY_COME: &[&str] = &[
    "could", "may", "might", "expected", "expects", "likely", "unclear", "plans", "plan", "future",
    "yet", "next", "would", "hopes", "hope", "whether",
];

/// Phrases with which an answer says what is to come is not yet clear,
/// decided or dated ("it is not yet clear", "the coming months will show",
/// "neither article says india has decided anything") (answer type, answer
/// side). Read only with [`MAY_COME`]: alone, "does not say when" may be
/// an undated past.
pub(super) const UNDATED_FUTURE: &[&[&str]] = &[
    &["not", "yet", "clear"],
    &["unclear"],
    &["not", "clear"],
    &["coming", "months"],
    &["no", "date"],
    &["say", "when"],
    &["says", "when"],
    &["no", "timeline"],
    &["decided", "anything"],
    &["not", "decided"],
    &["too", "early"],
];
