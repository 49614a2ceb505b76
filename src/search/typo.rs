//! Typo lookup against the dataset's own vocabulary: a deletion index
//! (SymSpell) so a lookup touches a few hashes instead of every word, then
//! Damerau-Levenshtein (strsim) to confirm. Typo budget by word length, as
//! Meilisearch does: none up to 4 characters, 1 up to 8, 2 from 9.

/// Returns how many typos a word of `len` characters may have.
pub fn max_typos(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// A vocabulary indexed for typo lookup.
pub struct TypoIndex {
    words: Vec<String>,
    /// (hash of a deletion variant, word index), sorted by hash.
    variants: Vec<(u64, u32)>,
}

impl TypoIndex {
    /// Indexes `words` (each once) with every deletion variant a typo
    /// lookup could need.
    pub fn new(words: Vec<String>) -> TypoIndex {
        let mut variants = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            // A word of length L is within 2 typos only of words of 9+
            // characters when L >= 7, and within 1 of words of 5+ when L >= 4.
            let depth = match chars.len() {
                0..=3 => continue,
                4..=6 => 1,
                _ => 2,
            };
            for_each_deletion(&chars, depth, |h| variants.push((h, i as u32)));
        }
        variants.sort_unstable();
        variants.dedup();
        TypoIndex { words, variants }
    }

    /// Returns the vocabulary words closest to `word` within its typo budget
    /// (all those at the smallest distance), with that distance.
    pub fn lookup(&self, word: &str) -> Vec<(&str, usize)> {
        let chars: Vec<char> = word.chars().collect();
        let budget = max_typos(chars.len());
        if budget == 0 {
            return Vec::new();
        }
        let mut candidates: Vec<u32> = Vec::new();
        for_each_deletion(&chars, budget, |h| {
            let start = self.variants.partition_point(|(v, _)| *v < h);
            candidates.extend(
                self.variants[start..]
                    .iter()
                    .take_while(|(v, _)| *v == h)
                    .map(|(_, i)| *i),
            );
        });
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Vec<(&str, usize)> = Vec::new();
        for i in candidates {
            let candidate = self.words[i as usize].as_str();
            let d = strsim::damerau_levenshtein(word, candidate);
            if d == 0 || d > budget {
                continue;
            }
            match best.first() {
                Some((_, b)) if d > *b => {}
                Some((_, b)) if d < *b => best = vec![(candidate, d)],
                _ => best.push((candidate, d)),
            }
        }
        best
    }

    /// Returns how many words are indexed.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Calls `f` with the hash of `chars` and of every variant with up to
/// `depth` (1 or 2) characters deleted.
fn for_each_deletion(chars: &[char], depth: usize, mut f: impl FnMut(u64)) {
    let n = chars.len();
    f(hash_skipping(chars, n, n));
    for i in 0..n {
        f(hash_skipping(chars, i, n));
        if depth >= 2 {
            for j in i + 1..n {
                f(hash_skipping(chars, i, j));
            }
        }
    }
}

/// FNV-1a over `chars` leaving out positions `a` and `b` (pass `n` for none),
/// seeded with the variant's length so different lengths rarely collide.
fn hash_skipping(chars: &[char], a: usize, b: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, c) in chars.iter().enumerate() {
        if i == a || i == b {
            continue;
        }
        h ^= u64::from(u32::from(*c));
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> TypoIndex {
        let words = [
            "ambassador",
            "recognition",
            "taliban",
            "sanctions",
            "soviet",
            "putin",
            "kabul",
        ];
        TypoIndex::new(words.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn typo_budget_scales_with_length() {
        let rows = [(1, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)];
        for (len, want) in rows {
            assert_eq!(max_typos(len), want, "max_typos({len})");
        }
    }

    #[test]
    fn finds_words_within_budget() {
        let idx = index();
        let rows: [(&str, Option<&str>); 9] = [
            ("ambasador", Some("ambassador")), // 9 letters, 1 deletion
            ("ambasadro", Some("ambassador")), // 2 edits: deletion + transposition
            ("recogniton", Some("recognition")),
            ("talibna", Some("taliban")), // transposition, 7 letters
            ("sanctoins", Some("sanctions")),
            ("sovet", Some("soviet")),
            ("putn", None), // 4 letters: no typos allowed
            ("kabol", Some("kabul")),
            ("weather", None),
        ];
        for (typo, want) in rows {
            let got = idx.lookup(typo).first().map(|(w, _)| *w);
            assert_eq!(got, want, "lookup({typo:?})");
        }
    }

    #[test]
    fn exact_word_is_not_a_typo() {
        assert!(index().lookup("taliban").is_empty());
    }
}
