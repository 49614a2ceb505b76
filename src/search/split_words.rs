//! Words that dictation or a slip of the thumb split in two ("tali ban",
//! "most cow", "afghan a stan", "crem lin"). Where a word of the question
//! is one the data neither knows nor can correct, the run of two or three
//! words around it is read as one word when, written together, the run
//! spells a word of the data, or would with one edit ("tail ban"). More
//! edits would read too much into chance: "won the" is two from "month",
//! "russia sits" three from "russias". A word the data knows or can correct is
//! never joined on its own account: only a lost word starts a join, so
//! "any one" or "be came" stay as typed. "Why?" shows each join.

use std::borrow::Cow;

/// Words of a question read as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    /// The words as typed, separated by spaces.
    pub typed: String,
    /// The word of the data they were read as.
    pub read: String,
}

/// The most words read as one.
const MOST_PARTS: usize = 3;

/// The fewest letters of the word a run is read as: short runs spell a
/// short word by chance too often ("in dia" is "india", but "a rab" is not
/// "arab").
const FEWEST_LETTERS: usize = 6;

/// The most letters of one part: fragments are short; a long word the data
/// does not know is chatter or a name it lacks, not half a word.
const MOST_PART_LETTERS: usize = 7;

/// The most edits between a run written together and the word it is read
/// as.
pub const MOST_EDITS: usize = 1;

/// The most runs spelled out for one question: spelling a run costs a typo
/// lookup, and a message of a hundred made-up words must stay cheap.
pub const MAX_SPELLINGS: usize = 12;

/// Returns `normalized` (words separated by single spaces) with each run of
/// split words read as one, and the runs, or `None` when no run was.
/// `lost`: the data neither knows nor can correct the word. `spell`: the
/// word of the data a run written together spells, with the edits it took
/// (0 when written exactly so), or `None`.
pub fn join(
    normalized: &str,
    lost: impl Fn(&str) -> bool,
    mut spell: impl FnMut(&str) -> Option<(String, usize)>,
) -> Option<(String, Vec<Joined>)> {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let is_lost: Vec<bool> = words.iter().map(|w| lost(w)).collect();
    if !is_lost.contains(&true) {
        return None;
    }
    let mut out: Vec<Cow<'_, str>> = Vec::with_capacity(words.len());
    let mut joined = Vec::new();
    let mut spellings = 0;
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<(usize, String, usize)> = None;
        for len in (2..=MOST_PARTS).rev() {
            let Some(run) = words.get(i..i + len) else {
                continue;
            };
            let may_join = is_lost[i..i + len].contains(&true)
                && run.iter().all(|w| is_fragment(w))
                && run.iter().map(|w| w.len()).sum::<usize>() >= FEWEST_LETTERS;
            if !may_join || spellings == MAX_SPELLINGS {
                continue;
            }
            spellings += 1;
            if let Some((read, edits)) = spell(&run.concat()) {
                if edits <= MOST_EDITS && best.as_ref().is_none_or(|b| edits < b.2) {
                    best = Some((len, read, edits));
                }
            }
        }
        match best {
            Some((len, read, _)) => {
                joined.push(Joined {
                    typed: words[i..i + len].join(" "),
                    read: read.clone(),
                });
                out.push(Cow::Owned(read));
                i += len;
            }
            None => {
                out.push(Cow::Borrowed(words[i]));
                i += 1;
            }
        }
    }
    (!joined.is_empty()).then(|| (out.join(" "), joined))
}

/// Returns true for a word that may be part of a split word: letters only,
/// and short.
fn is_fragment(word: &str) -> bool {
    word.len() <= MOST_PART_LETTERS && word.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny vocabulary: the words the data knows, with typo budgets as
    /// the index gives them (one edit from 5 letters, two from 9).
    const KNOWN: &[&str] = &[
        "taliban",
        "moscow",
        "afghanistan",
        "kremlin",
        "russia",
        "ban",
        "recognise",
        "came",
        "mujahideen",
    ];
    const STOPWORDS: &[&str] = &["the", "a", "any", "one", "be", "did", "who", "is"];

    fn lost(w: &str) -> bool {
        !KNOWN.contains(&w) && !STOPWORDS.contains(&w)
    }

    fn spell(run: &str) -> Option<(String, usize)> {
        KNOWN
            .iter()
            .map(|k| (k.to_string(), strsim::damerau_levenshtein(run, k)))
            .filter(|(_, d)| *d <= super::super::typo::max_typos(run.len()))
            .min_by_key(|(_, d)| *d)
    }

    /// A question, what it reads as, and the joins shown in "Why?" (as
    /// typed, read as).
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    #[test]
    fn split_words_are_read_as_one_only_around_a_lost_word() {
        let cases: &[Case<'_>] = &[
            (
                "who is the tali ban",
                "who is the taliban",
                &[("tali ban", "taliban")],
            ),
            (
                "most cow recognise",
                "moscow recognise",
                &[("most cow", "moscow")],
            ),
            (
                "afghan a stan",
                "afghanistan",
                &[("afghan a stan", "afghanistan")],
            ),
            ("the crem lin", "the kremlin", &[("crem lin", "kremlin")]),
            // one edit at most: "tally ban" is two from "taliban"
            ("the tail ban", "the taliban", &[("tail ban", "taliban")]),
            ("the tally ban", "the tally ban", &[]),
            ("mud ja hadeen", "mud ja hadeen", &[]),
            // every word known: nothing is joined
            ("any one be came", "any one be came", &[]),
            // a lost word whose neighbours spell nothing
            ("did russia blorp", "did russia blorp", &[]),
            // too short to be read as a word
            ("a ban", "a ban", &[]),
            // a long unknown word is not a fragment
            ("taliban shenanigans", "taliban shenanigans", &[]),
            ("", "", &[]),
        ];
        for (question, reads, joins) in cases {
            let got = join(question, lost, spell);
            let (text, runs) = got.clone().unwrap_or((question.to_string(), Vec::new()));
            assert_eq!(&text, reads, "{question:?} read as {text:?}");
            let runs: Vec<(&str, &str)> = runs
                .iter()
                .map(|j| (j.typed.as_str(), j.read.as_str()))
                .collect();
            assert_eq!(&runs, joins, "joins for {question:?}");
            assert_eq!(got.is_none(), joins.is_empty(), "{question:?}");
        }
    }

    #[test]
    fn spelling_is_bounded_whatever_is_typed() {
        let many = vec!["zq"; 500].join(" ");
        let mut calls = 0;
        let got = join(
            &many,
            |_| true,
            |_| {
                calls += 1;
                None
            },
        );
        assert!(got.is_none());
        assert_eq!(calls, MAX_SPELLINGS, "spellings tried for 500 lost words");
    }
}
