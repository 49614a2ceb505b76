//! Resolving a question's words to the index's terms: exactly, by stem,
//! by synonym, or by typo correction (a typo inside a synonym phrase is
//! corrected before the phrase is looked up).

use std::borrow::Cow;

use super::index::Index;
use super::relation::may_start_office;
use super::signals::typo_cost;
use super::split_words::{self, Joined};
use super::text::{steer, Lone, Steer, Word};

/// A question word resolved against the index.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub word: Word,
    /// Term ids it matches and the factor each match keeps (1 or less for typos).
    pub terms: Vec<(u32, f32)>,
    /// The vocabulary word a typo was corrected to.
    pub corrected: Option<String>,
}

/// Returns `normalized` as the data reads it: each content word of
/// `resolved` (in order) replaced by the word of its synonym group that
/// leads the group, or else by its typo correction ("russian foreign
/// minster" reads "russia foreign minister", "the amb in kabul" reads "the
/// ambassador in taliban government"); stopwords stay as typed. Text such
/// as an office's owner and host, which word-by-word matching leaves to
/// later readers, is read from this when the words as typed state none.
pub fn as_read(normalized: &str, resolved: &[Resolved]) -> String {
    let typed: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<&str> = Vec::with_capacity(typed.len());
    let mut at = 0;
    for r in resolved {
        let surface: Vec<&str> = r.word.surface.split(' ').collect();
        let Some(found) = (at..typed.len()).find(|&i| {
            typed.len() - i >= surface.len() && typed[i..i + surface.len()] == surface[..]
        }) else {
            continue;
        };
        out.extend_from_slice(&typed[at..found]);
        match r.word.synonym_of.as_deref().or(r.corrected.as_deref()) {
            Some(read) => out.push(read),
            None => out.extend_from_slice(&surface),
        }
        at = found + surface.len();
    }
    out.extend_from_slice(&typed[at..]);
    out.join(" ")
}

/// Returns false when [`as_read`] of `normalized` and `resolved` cannot
/// state an office: no word typed, nor any word read in place of one,
/// may start an office's name (see [`may_start_office`]), so there is no
/// need to build it.
pub fn may_read_an_office(normalized: &str, resolved: &[Resolved]) -> bool {
    let read = resolved
        .iter()
        .filter_map(|r| r.word.synonym_of.as_deref().or(r.corrected.as_deref()));
    normalized
        .split(' ')
        .chain(read.flat_map(|r| r.split(' ')))
        .any(may_start_office)
}

/// The most words of one question looked up as typos. A typo lookup is the
/// costliest step of matching a word; a question with more misspelled
/// words than this is not one a correction would save, and the bound keeps
/// a message of a hundred made-up words as cheap as a question.
pub const MAX_TYPO_LOOKUPS: usize = 16;

impl Index {
    /// Returns the content words of a normalized question (see
    /// [`crate::search::normalize::normalize`]) resolved to terms
    /// (stopwords are left out), and the kind of entry it steers to; a word
    /// the data never uses resolves to no term.
    pub fn resolve_normalized(&self, normalized: &str) -> (Vec<Resolved>, Option<Steer>) {
        let (typos, stems) = self.typos_in(normalized);
        let swaps: Vec<PhraseTypo<'_>> = typos
            .iter()
            .filter(|t| !self.phrase_words.contains(t.typed))
            .filter_map(|t| {
                let &(fixed, edits) = t
                    .fixes
                    .iter()
                    .find(|(f, _)| self.phrase_words.contains(*f))?;
                Some(PhraseTypo {
                    typed: t.typed,
                    fixed,
                    edits,
                })
            })
            .collect();
        let words = if swaps.is_empty() {
            self.analyzer.normalized_words_stemmed(normalized, &stems)
        } else {
            let fixed: Vec<&str> = normalized
                .split(' ')
                .map(|w| swaps.iter().find(|f| f.typed == w).map_or(w, |f| f.fixed))
                .collect();
            self.analyzer
                .normalized_words_stemmed(&fixed.join(" "), &stems)
        };
        let steer = steer(&words);
        let mut lookups = typos.len();
        let resolved = words
            .into_iter()
            .filter(|w| !w.stopword)
            .map(|word| self.resolve_word(word, &typos, &swaps, &mut lookups))
            .collect();
        (resolved, steer)
    }

    /// Returns `normalized` with the words a slip split in two read as one
    /// (see [`split_words`]), and the runs, or `None` when none was.
    /// `resolved`: `normalized` resolved; only a word it found no term
    /// for as typed (none at all, or only a typo correction) may start a
    /// run.
    pub fn join_split_words(
        &self,
        normalized: &str,
        resolved: &[Resolved],
    ) -> Option<(String, Vec<Joined>)> {
        let unknown = |r: &Resolved| r.terms.is_empty() || r.corrected.is_some();
        if !resolved.iter().any(unknown) {
            return None;
        }
        let lost = |w: &str| resolved.iter().any(|r| unknown(r) && r.word.surface == w);
        split_words::join(normalized, lost, |run| {
            if !self.typos.reaches(run) {
                return None;
            }
            if self.surfaces.contains_key(run) {
                return Some((run.to_string(), 0));
            }
            let stem = self.analyzer.stem(run);
            if let Lone::Term(term) = self.analyzer.classify(run, &stem) {
                if self.terms.contains_key(term) {
                    return Some((run.to_string(), 0));
                }
            }
            let &(fix, edits) = self
                .typos
                .lookup_within(run, split_words::MOST_EDITS)
                .first()?;
            Some((fix.to_string(), edits))
        })
    }

    /// Returns the words of `normalized` the data does not know, with their
    /// typo corrections, when the data has synonym phrases: a typo best
    /// corrected to a word of one ("foreign minster") is corrected before
    /// the analysis, so the phrase forms. Without phrases, each word is
    /// looked up as it is resolved.
    /// Each distinct word is looked up once (kept even without a fix, so
    /// it is not looked up again), and at most [`MAX_TYPO_LOOKUPS`] words.
    /// Also returns the stems it made on the way (word, stem), so the
    /// analysis does not stem those words again.
    fn typos_in<'a>(&'a self, normalized: &'a str) -> (Vec<Typo<'a>>, Vec<(&'a str, String)>) {
        let mut out: Vec<Typo<'a>> = Vec::new();
        let mut stems: Vec<(&'a str, String)> = Vec::new();
        if self.phrase_words.is_empty() {
            return (out, stems);
        }
        for typed in normalized.split(' ') {
            if out.len() == MAX_TYPO_LOOKUPS {
                break;
            }
            let candidate = !self.surfaces.contains_key(typed)
                && self.typos.reaches(typed)
                && typed.chars().all(char::is_alphabetic)
                && !out.iter().any(|t| t.typed == typed);
            if !candidate {
                continue;
            }
            let stem = self.analyzer.stem(typed);
            if !self.knows(typed, &stem) {
                out.push(Typo {
                    typed,
                    fixes: self.typo_fixes(typed, Some(&stem)),
                });
            }
            stems.push((typed, stem.into_owned()));
        }
        (out, stems)
    }

    /// Returns the vocabulary words closest to `typed`, a word the data
    /// does not know, with their distance; failing any within its typo
    /// budget, those closest to its stem: a typo in an inflected word
    /// ("regruoped") can be two edits from the inflected forms the data
    /// uses and one from their stem ("regroup"). `stem`: the stem of
    /// `typed`, when already made.
    fn typo_fixes(&self, typed: &str, stem: Option<&str>) -> Vec<(&str, usize)> {
        let fixes = self.typos.lookup(typed);
        if !fixes.is_empty() {
            return fixes;
        }
        let stem = stem.map_or_else(|| self.analyzer.stem(typed), Cow::Borrowed);
        if stem.len() < typed.len() {
            self.typos.lookup(&stem)
        } else {
            fixes
        }
    }

    /// Returns true when `word`, of stem `stem`, counts as a term of the
    /// data on its own (by stem or synonym), is a stopword, or may start
    /// one of the data's synonym phrases.
    fn knows(&self, word: &str, stem: &str) -> bool {
        match self.analyzer.classify(word, stem) {
            Lone::Term(term) => self.terms.contains_key(term),
            Lone::Stopword | Lone::PhraseStart => true,
        }
    }

    /// Resolves one analyzed word, given the question's typos (`typos`) and
    /// those corrected before the analysis (`swaps`). A word not among the
    /// typos is looked up while `lookups` (those done so far for the
    /// question) is under [`MAX_TYPO_LOOKUPS`].
    fn resolve_word(
        &self,
        mut word: Word,
        typos: &[Typo<'_>],
        swaps: &[PhraseTypo<'_>],
        lookups: &mut usize,
    ) -> Resolved {
        if !swaps.is_empty() {
            // Put back what was typed; the phrase counts as a typo.
            let mut edits = 0;
            let typed: Vec<&str> = word
                .surface
                .split(' ')
                .map(|w| match swaps.iter().find(|f| f.fixed == w) {
                    Some(f) => {
                        edits += f.edits;
                        f.typed
                    }
                    None => w,
                })
                .collect();
            if edits > 0 {
                let typed = typed.join(" ");
                let corrected = std::mem::replace(&mut word.surface, typed);
                let terms = match self.terms.get(&word.term) {
                    Some(&t) => vec![(t, typo_cost::factor(edits, self.tuning.typo_penalty))],
                    None => Vec::new(),
                };
                return Resolved {
                    word,
                    terms,
                    corrected: Some(corrected),
                };
            }
        }
        if let Some(&t) = self.terms.get(&word.term) {
            if let Some(typo) = self.asked_typos.get(&t) {
                // A misspelling only questions people asked use: the word
                // it misspells too, as a typo correction would read it.
                let mut terms = vec![(t, 1.0)];
                terms.extend(
                    typo.fixes
                        .iter()
                        .map(|&(f, d)| (f, typo_cost::factor(d, self.tuning.typo_penalty))),
                );
                return Resolved {
                    word,
                    terms,
                    corrected: Some(typo.read_as.clone()),
                };
            }
            return Resolved {
                word,
                terms: vec![(t, 1.0)],
                corrected: None,
            };
        }
        let typo_candidate = word.synonym_of.is_none()
            && self.typos.reaches(&word.surface)
            && word.surface.chars().all(char::is_alphabetic);
        if typo_candidate {
            let looked;
            let fixes = match typos.iter().find(|t| t.typed == word.surface) {
                Some(t) => &t.fixes,
                None if *lookups < MAX_TYPO_LOOKUPS => {
                    *lookups += 1;
                    looked = self.typo_fixes(&word.surface, None);
                    &looked
                }
                None => {
                    looked = Vec::new();
                    &looked
                }
            };
            if let Some((first, _)) = fixes.first() {
                let corrected = Some(first.to_string());
                let terms = fixes
                    .iter()
                    .filter_map(|(fix, d)| {
                        let t = *self.surfaces.get(*fix)?;
                        Some((t, typo_cost::factor(*d, self.tuning.typo_penalty)))
                    })
                    .collect();
                return Resolved {
                    word,
                    terms,
                    corrected,
                };
            }
        }
        Resolved {
            word,
            terms: Vec::new(),
            corrected: None,
        }
    }
}

/// A question word the data does not know, with its closest corrections.
struct Typo<'a> {
    typed: &'a str,
    fixes: Vec<(&'a str, usize)>,
}

/// A typo corrected to a word of a synonym phrase.
#[derive(Debug, Clone, Copy)]
struct PhraseTypo<'a> {
    typed: &'a str,
    fixed: &'a str,
    edits: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::signals::testkit;

    #[test]
    fn a_question_is_read_with_synonym_leads_and_typo_corrections() {
        let entries: &[testkit::Row<'_>] = &[(
            "qa:envoy",
            &[
                "who is the afghan ambassador to russia",
                "who is the foreign minister",
            ],
            "Gul Hassan Hassan.",
        )];
        let groups: &[&[&str]] = &[
            &["foreign minister", "foreign minster"],
            &["ambassador", "envoy", "amb"],
            &["russia", "russian", "moscow"],
        ];
        let index = Index::build(&testkit::dataset(entries, groups));
        // (normalized question, as read)
        let rows = [
            ("russian foreign minster", "russia foreign minister"),
            ("the amb in moscow", "the ambassador in russia"),
            (
                "who is the afghan ambasador",
                "who is the afghan ambassador",
            ),
            ("who is the ambassador", "who is the ambassador"),
            ("", ""),
        ];
        for (question, want) in rows {
            let (resolved, _) = index.resolve_normalized(question);
            assert_eq!(as_read(question, &resolved), want, "{question:?} as read");
        }
    }
}
