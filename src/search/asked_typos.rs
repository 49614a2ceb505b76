//! Misspellings that only questions people asked use.
//!
//! `asked.toml` holds questions as people typed them, typos and all
//! ("did russia recognise the tallibans"). A misspelling there becomes a
//! word of the vocabulary: typed again by someone else, it is no longer
//! corrected, and since only that one asked question uses it, it weighs
//! as the rarest of words, so the entry that question happens to belong
//! to wins on it alone ("did russia actually recognise the talliban" was
//! answered with the Taliban's card through the asked question
//! "tallibans"). Such a word is read as what it misspells too, a curated
//! word one slip away, and weighs no more than that word.

use rustc_hash::FxHashMap;

use super::typo::TypoIndex;

/// A word only questions people asked use, as the curated data spells it.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedTypo {
    /// The curated words closest to it (terms), with their distance.
    pub fixes: Vec<(u32, usize)>,
    /// The first of them, as typed in the data.
    pub read_as: String,
}

/// Returns, per term that only answered questions people asked use
/// (`asked(t)`; not one only the unanswered ones use, whose words steer a
/// question away from the entries), the curated words (`curated(t)`) one
/// edit from it that begin with the same letter; terms with none are left
/// out. A real word one asker used is often one edit from a curated word
/// too, but mostly by its first letter ("walked" and "talked", "mother"
/// and "other", "night" and "fight"), which a slip seldom changes; and
/// two edits apart ("colleagues", "remembers") it is more often another
/// word than a typo. `surfaces`: each word of the data -> its term.
pub fn find(
    surfaces: &FxHashMap<String, u32>,
    curated: impl Fn(u32) -> bool,
    asked: impl Fn(u32) -> bool,
) -> FxHashMap<u32, AskedTypo> {
    let mut curated_words: Vec<String> = surfaces
        .iter()
        .filter(|(_, &t)| curated(t))
        .map(|(w, _)| w.clone())
        .collect();
    curated_words.sort_unstable();
    let mut asked_only: Vec<(&str, u32)> = surfaces
        .iter()
        .filter(|(_, &t)| asked(t) && !curated(t))
        .map(|(w, &t)| (w.as_str(), t))
        .collect();
    if asked_only.is_empty() || curated_words.is_empty() {
        return FxHashMap::default();
    }
    // In order, so that a term with several spellings keeps the same fix
    // from run to run.
    asked_only.sort_unstable();
    let typos = TypoIndex::new(curated_words);
    let mut out: FxHashMap<u32, AskedTypo> = FxHashMap::default();
    for (word, t) in asked_only {
        if out.contains_key(&t) || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        let first = word.chars().next();
        let found: Vec<(&str, usize)> = typos
            .lookup_within(word, 1)
            .into_iter()
            .filter(|&(w, d)| d == 1 && w.chars().next() == first)
            .collect();
        let fixes: Vec<(u32, usize)> = found
            .iter()
            .filter_map(|&(w, d)| Some((*surfaces.get(w)?, d)))
            .collect();
        if let (Some(&(read_as, _)), false) = (found.first(), fixes.is_empty()) {
            out.insert(
                t,
                AskedTypo {
                    fixes,
                    read_as: read_as.to_string(),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_asked_only_misspelling_is_read_as_the_curated_word() {
        // (word, term, curated, used by an answered asked question)
        let words = [
            ("taliban", 0, true, false),
            ("talibans", 0, true, false),
            ("tallibans", 1, false, true),
            ("recognise", 2, true, false),
            ("besties", 3, false, true),
            ("mutaki", 4, false, true),
            ("muttaqi", 5, true, false),
            ("t4liban", 6, false, true),
            ("talked", 7, true, false),
            ("walked", 8, false, true),
            ("prezident", 9, false, true),
            ("president", 10, true, false),
            ("talibann", 11, false, false),
            ("vladmir", 12, false, true),
            ("vladimir", 13, true, false),
            ("comparing", 14, true, false),
            ("comparint", 15, false, true),
            ("commparint", 16, false, true),
        ];
        let surfaces: FxHashMap<String, u32> = words
            .iter()
            .map(|&(w, t, _, _)| (w.to_string(), t))
            .collect();
        let curated = |t: u32| words.iter().any(|&(_, term, c, _)| term == t && c);
        let asked = |t: u32| words.iter().any(|&(_, term, _, a)| term == t && a);
        let found = find(&surfaces, curated, asked);
        // (term, expected fixes and what it reads as)
        type Row<'a> = (u32, Option<(&'a [(u32, usize)], &'a str)>);
        let rows: [Row<'_>; 11] = [
            (1, Some((&[(0, 1)], "talibans"))),
            (9, Some((&[(10, 1)], "president"))),
            (12, Some((&[(13, 1)], "vladimir"))),
            (15, Some((&[(14, 1)], "comparing"))),
            (3, None),  // a word of its own, no misspelling of the data's
            (4, None),  // two edits from "muttaqi"
            (16, None), // two edits from "comparing": more often another word
            (6, None),  // not a word
            (8, None),  // "talked" with another first letter: a word of its own
            (11, None), // only an unanswered question uses it: left alone
            (0, None),  // curated words are left alone
        ];
        for (term, want) in rows {
            let got = found
                .get(&term)
                .map(|a| (a.fixes.as_slice(), a.read_as.as_str()));
            assert_eq!(got, want, "term {term}");
        }
    }
}
