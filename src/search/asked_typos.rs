//! Misspellings that only questions people asked use.
//!
//! `asked.toml` holds questions as people typed them, typos and all
//! ("did russia recognise the tallibans"). A misspelling there becomes a
//! word of the vocabulary: typed again by someone else, it is no longer
//! corrected, and since only that one asked question uses it, it weighs
//! as the rarest of words, so the entry that question happens to belong
//! to wins on it alone ("did russia actually recognise the talliban" was
//! answered with the Taliban's card through the asked question
//! "tallibans"). Such a word is read as what it misspells too, the
//! curated word within its typo budget, and weighs no more than that word.

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

/// Returns, per term only questions people asked use (`curated(t)` false),
/// its closest curated words within its typo budget; terms with none are
/// left out. `surfaces`: each word of the data -> its term.
pub fn find(
    surfaces: &FxHashMap<String, u32>,
    curated: impl Fn(u32) -> bool,
) -> FxHashMap<u32, AskedTypo> {
    let mut curated_words: Vec<String> = surfaces
        .iter()
        .filter(|(_, &t)| curated(t))
        .map(|(w, _)| w.clone())
        .collect();
    curated_words.sort_unstable();
    let mut asked_only: Vec<(&str, u32)> = surfaces
        .iter()
        .filter(|(_, &t)| !curated(t))
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
        let found = typos.lookup(word);
        let fixes: Vec<(u32, usize)> = found
            .iter()
            .filter(|&&(_, d)| d > 0)
            .filter_map(|&(w, d)| Some((*surfaces.get(w)?, d)))
            .collect();
        if let (Some(&(first, _)), false) = (found.first(), fixes.is_empty()) {
            out.insert(
                t,
                AskedTypo {
                    fixes,
                    read_as: first.to_string(),
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
        // (word, term, curated)
        let words = [
            ("taliban", 0, true),
            ("talibans", 0, true),
            ("tallibans", 1, false),
            ("recognise", 2, true),
            ("besties", 3, false),
            ("mutaki", 4, false),
            ("muttaqi", 5, true),
            ("2021", 6, false),
        ];
        let surfaces: FxHashMap<String, u32> =
            words.iter().map(|&(w, t, _)| (w.to_string(), t)).collect();
        let curated = |t: u32| words.iter().any(|&(_, term, c)| term == t && c);
        let found = find(&surfaces, curated);
        // (term, expected fixes and what it reads as)
        type Row<'a> = (u32, Option<(&'a [(u32, usize)], &'a str)>);
        let rows: [Row<'_>; 5] = [
            (1, Some((&[(0, 1)], "talibans"))),
            (3, None), // a word of its own, no misspelling of the data's
            (4, None), // two edits from "muttaqi", over a 6-letter budget
            (6, None), // not a word
            (0, None), // curated words are left alone
        ];
        for (term, want) in rows {
            let got = found
                .get(&term)
                .map(|a| (a.fixes.as_slice(), a.read_as.as_str()));
            assert_eq!(got, want, "term {term}");
        }
    }
}
