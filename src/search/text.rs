//! From normalized text to terms: stemming (Snowball English), synonym
//! groups (single words or phrases) and stopwords. A term is what the index
//! stores and what questions are matched on.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use rust_stemmers::{Algorithm, Stemmer};

use super::normalize::normalize;

/// Words that frame a question rather than say what it is about. They still
/// count, a little, so "who is putin" and "putin" score alike. Courtesies
/// and apologies ("good evening", "kindly", "pardon me", "sorry if this is
/// a dumb question") are framing too: the story never uses them, so as
/// content words they would only match other askers' manners.
pub(crate) const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "actually",
    "afaik",
    "afternoon",
    "again",
    "all",
    "already",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anybody",
    "anymore",
    "anyone",
    "anything",
    "anyway",
    "apologies",
    "are",
    "as",
    "at",
    "basically",
    "be",
    "been",
    "being",
    "bro",
    "bruh",
    "btw",
    "but",
    "by",
    "can",
    "cheers",
    "could",
    "currently",
    "deal",
    "dear",
    "did",
    "do",
    "does",
    "doing",
    "dude",
    "dumb",
    "else",
    "even",
    "evening",
    "ever",
    "exactly",
    "explain",
    "finally",
    "for",
    "fr",
    "from",
    "give",
    "going",
    "gonna",
    "gotta",
    "greetings",
    "guess",
    "guys",
    "had",
    "happening",
    "has",
    "have",
    "he",
    "headlines",
    "hear",
    "heard",
    "hello",
    "her",
    "hey",
    "hi",
    "him",
    "his",
    "hiya",
    "hmm",
    "honestly",
    "hows",
    "huh",
    "i",
    "idk",
    "if",
    "im",
    "imo",
    "in",
    "info",
    "into",
    "is",
    "it",
    "its",
    "ive",
    "just",
    "keep",
    "kind",
    "kinda",
    "kindly",
    "know",
    "like",
    "literally",
    "lmao",
    "lol",
    "madam",
    "man",
    "me",
    "morning",
    "much",
    "my",
    "news",
    "ngl",
    "of",
    "ok",
    "okay",
    "omg",
    "on",
    "or",
    "our",
    "pardon",
    "please",
    "pls",
    "plz",
    "q",
    "question",
    "quick",
    "r",
    "read",
    "really",
    "regards",
    "right",
    "rn",
    "saw",
    "see",
    "seeing",
    "she",
    "silly",
    "sir",
    "smh",
    "so",
    "some",
    "somebody",
    "someone",
    "something",
    "sorry",
    "sort",
    "sorta",
    "stuff",
    "stupid",
    "tbh",
    "tell",
    "tf",
    "thank",
    "thanks",
    "that",
    "thats",
    "the",
    "their",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "tho",
    "those",
    "though",
    "thx",
    "to",
    "too",
    "u",
    "up",
    "ur",
    "very",
    "wait",
    "wanna",
    "was",
    "wats",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "wheres",
    "which",
    "who",
    "whom",
    "whos",
    "will",
    "with",
    "wondering",
    "would",
    "wtf",
    "wut",
    "ya",
    "yall",
    "yeah",
    "yes",
    "yet",
    "you",
    "your",
    "youre",
];

/// The word a question word steers towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Steer {
    /// "when", "what year", "date": timeline events.
    When,
    /// "who", "whom": people and organisations.
    Who,
}

/// One word of a text after normalization.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The normalized word as typed.
    pub surface: String,
    /// Its Snowball stem.
    pub stem: String,
    /// The term it counts as: its stem, or its synonym group's term.
    pub term: String,
    /// The synonym group it was folded into, if any.
    pub synonym_of: Option<String>,
    pub stopword: bool,
}

/// What a word counts as on its own (see [`Analyzer::classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lone<'a> {
    Term(&'a str),
    Stopword,
    PhraseStart,
}

/// Stemmer plus the synonym table, shared by indexing and querying.
pub struct Analyzer {
    stemmer: Stemmer,
    /// Stems of a synonym phrase, joined by spaces -> the group's term.
    synonyms: FxHashMap<String, String>,
    /// The first stem of every synonym phrase, to skip lookups quickly.
    synonym_starts: FxHashSet<String>,
    /// The first stem of every synonym phrase of two or more words.
    phrase_starts: FxHashSet<String>,
    /// Longest synonym phrase, in words.
    longest: usize,
    /// Stems of the words the data and the stopword list use, so the
    /// words most questions consist of skip the stemmer (see
    /// [`Analyzer::remember_stems`]).
    known_stems: FxHashMap<String, String>,
}

impl Analyzer {
    /// Builds an analyzer; each group's first word or phrase names its term.
    pub fn new(groups: &[Vec<String>]) -> Analyzer {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut synonyms = FxHashMap::default();
        let mut synonym_starts = FxHashSet::default();
        let mut phrase_starts = FxHashSet::default();
        let mut longest = 1;
        for group in groups {
            let Some(first) = group.first() else { continue };
            let term = format!("~{}", normalize(first));
            for phrase in group {
                let stems: Vec<String> = normalize(phrase)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| stemmer.stem(w).into_owned())
                    .collect();
                if stems.is_empty() {
                    continue;
                }
                longest = longest.max(stems.len());
                synonym_starts.insert(stems[0].clone());
                if stems.len() > 1 {
                    phrase_starts.insert(stems[0].clone());
                }
                synonyms.insert(stems.join(" "), term.clone());
            }
        }
        let known_stems = STOPWORDS
            .iter()
            .map(|w| (w.to_string(), stemmer.stem(w).into_owned()))
            .collect();
        Analyzer {
            stemmer,
            synonyms,
            synonym_starts,
            phrase_starts,
            longest,
            known_stems,
        }
    }

    /// Remembers the stems of `words` (the data's words): stemming is the
    /// costliest step of analyzing a question, and most of its words are
    /// the data's own. Stems are the same either way.
    pub fn remember_stems<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        for word in words {
            if !self.known_stems.contains_key(word) {
                let stem = self.stemmer.stem(word).into_owned();
                self.known_stems.insert(word.to_string(), stem);
            }
        }
    }

    /// Returns the words of `text`, synonyms folded into their group's term
    /// (a phrase becomes one word).
    pub fn words(&self, text: &str) -> Vec<Word> {
        self.normalized_words(&normalize(text))
    }

    /// [`Analyzer::words`] of a text already normalized.
    pub fn normalized_words(&self, normalized: &str) -> Vec<Word> {
        self.normalized_words_stemmed(normalized, &[])
    }

    /// [`Analyzer::normalized_words`], given the stems of some of its
    /// words already made (`made`: word, its stem), which are not made again.
    pub fn normalized_words_stemmed(&self, normalized: &str, made: &[(&str, String)]) -> Vec<Word> {
        let surfaces: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        let stems: Vec<Cow<'_, str>> = surfaces
            .iter()
            .map(|w| match made.iter().find(|(m, _)| m == w) {
                Some((_, stem)) => Cow::Borrowed(stem.as_str()),
                None => self.stem(w),
            })
            .collect();
        let stem_refs: Vec<&str> = stems.iter().map(|s| s.as_ref()).collect();
        let mut words = Vec::with_capacity(surfaces.len());
        self.segments(&stem_refs, |i, len, synonym| match synonym {
            Some(term) => words.push(Word {
                surface: surfaces[i..i + len].join(" "),
                stem: stems[i..i + len].join(" "),
                term: term.to_string(),
                synonym_of: Some(term[1..].to_string()),
                stopword: false,
            }),
            None => words.push(self.word(surfaces[i], stems[i].to_string())),
        });
        words
    }

    /// Calls `f(term, surface, single)` for each content term of `text`, in
    /// order, stopwords left out; `single` is false for a synonym phrase.
    /// Stems are remembered in `cache`. The allocation-light path for indexing.
    pub fn each_term(
        &self,
        text: &str,
        cache: &mut FxHashMap<String, String>,
        mut f: impl FnMut(&str, &str, bool),
    ) {
        let normalized = normalize(text);
        let surfaces: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
        for w in &surfaces {
            if !cache.contains_key(*w) {
                cache.insert(w.to_string(), self.stem(w).into_owned());
            }
        }
        let stems: Vec<&str> = surfaces.iter().map(|w| cache[*w].as_str()).collect();
        self.segments(&stems, |i, len, synonym| match synonym {
            Some(term) => f(term, surfaces[i], len == 1),
            None if is_stopword(surfaces[i]) => {}
            None => f(stems[i], surfaces[i], true),
        });
    }

    /// Calls `f(start, len, synonym term)` for each word of `stems`, or each
    /// synonym phrase (longest first), in order.
    fn segments(&self, stems: &[&str], mut f: impl FnMut(usize, usize, Option<&str>)) {
        let mut key = String::new();
        let mut i = 0;
        while i < stems.len() {
            let mut found = None;
            if self.synonym_starts.contains(stems[i]) {
                for len in (1..=self.longest.min(stems.len() - i)).rev() {
                    // The stems joined by spaces, built in place.
                    key.clear();
                    for (j, stem) in stems[i..i + len].iter().enumerate() {
                        if j > 0 {
                            key.push(' ');
                        }
                        key.push_str(stem);
                    }
                    if let Some(term) = self.synonyms.get(key.as_str()) {
                        found = Some((len, term.as_str()));
                        break;
                    }
                }
            }
            let (len, term) = found.map_or((1, None), |(l, t)| (l, Some(t)));
            f(i, len, term);
            i += len;
        }
    }

    fn word(&self, surface: &str, stem: String) -> Word {
        Word {
            surface: surface.to_string(),
            term: stem.clone(),
            stem,
            synonym_of: None,
            stopword: is_stopword(surface),
        }
    }

    /// Returns the Snowball stem of a normalized word: borrowed when it is
    /// a word of the data, whose stem is remembered.
    pub fn stem(&self, word: &str) -> Cow<'_, str> {
        match self.known_stems.get(word) {
            Some(stem) => Cow::Borrowed(stem),
            None => Cow::Owned(self.stemmer.stem(word).into_owned()),
        }
    }

    /// Returns what a normalized word counts as on its own, given its stem:
    /// a term, a stopword, or the possible start of a synonym phrase (which
    /// needs its neighbours: use [`Analyzer::each_term`]).
    pub fn classify<'a>(&'a self, word: &str, stem: &'a str) -> Lone<'a> {
        if self.phrase_starts.contains(stem) {
            Lone::PhraseStart
        } else if let Some(term) = self.synonyms.get(stem) {
            Lone::Term(term)
        } else if is_stopword(word) {
            Lone::Stopword
        } else {
            Lone::Term(stem)
        }
    }
}

/// Returns true for words that frame a question rather than name its topic.
pub fn is_stopword(word: &str) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

/// Returns the kind of entry the question words point to, if any.
pub fn steer(words: &[Word]) -> Option<Steer> {
    let has = |s: &str| words.iter().any(|w| w.surface == s);
    let pair = |a: &str, b: &str| {
        words
            .windows(2)
            .any(|w| w[0].surface == a && w[1].surface == b)
    };
    if has("when") || pair("what", "year") || pair("which", "year") || has("date") {
        Some(Steer::When)
    } else if has("who")
        || has("whom")
        || has("whos")
        // A name is asked for ("whats the name of the new envoy", "what is
        // his name"), and people's entries are what give names; the
        // articles name no pact, government or group beyond the story's
        // own, so "the name of the security pact" is no Q&A's question
        // either.
        || pair("name", "of")
        || ["his", "her", "their"].iter().any(|p| pair(p, "name"))
    {
        Some(Steer::Who)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::new(&[
            vec!["ambassador".into(), "envoy".into()],
            vec!["ussr".into(), "soviet union".into(), "soviets".into()],
        ])
    }

    #[test]
    fn folds_synonyms_and_stems() {
        let a = analyzer();
        let rows = [
            ("who is the envoy", vec!["who", "is", "the", "~ambassador"]),
            ("the Soviet Union invaded", vec!["the", "~ussr", "invad"]),
            ("ambassadors recognised", vec!["~ambassador", "recogn"]),
            ("", vec![]),
        ];
        for (text, want) in rows {
            let got: Vec<String> = a.words(text).into_iter().map(|w| w.term).collect();
            assert_eq!(got, want, "terms of {text:?}");
        }
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        for pair in STOPWORDS.windows(2) {
            assert!(
                pair[0] < pair[1],
                "STOPWORDS must be sorted and unique: {pair:?}"
            );
        }
    }

    #[test]
    fn framing_words_are_stopwords() {
        // (word, framing): "did china recognise them too" is about China,
        // not about whatever phrasing also says "too".
        let rows = [
            ("too", true),
            ("yet", true),
            ("also", true),
            ("already", true),
            ("ever", true),
            // "what do the taliban want" is about wanting
            ("want", false),
            ("china", false),
            ("recognise", false),
        ];
        for (word, framing) in rows {
            assert_eq!(is_stopword(word), framing, "{word:?}");
        }
    }

    #[test]
    fn question_words_steer() {
        let a = analyzer();
        let rows = [
            ("when did it happen", Some(Steer::When)),
            ("what year was the invasion", Some(Steer::When)),
            ("who is the envoy", Some(Steer::Who)),
            ("whos the envoy", Some(Steer::Who)),
            ("whats the name of the new envoy", Some(Steer::Who)),
            ("what is his name", Some(Steer::Who)),
            ("name the operation", None),
            ("whats the name of the security pact", Some(Steer::Who)),
            ("why did russia do this", None),
        ];
        for (text, want) in rows {
            assert_eq!(steer(&a.words(text)), want, "steer({text:?})");
        }
    }
}
