//! Typo lookup against the dataset's own vocabulary: a deletion index
//! (SymSpell) so a lookup touches a few hashes instead of every word, then
//! Damerau-Levenshtein to confirm. Typo budget by word length, as
//! Meilisearch does: none up to 4 characters (though a word of 4 may have
//! lost a letter or swapped two), 1 up to 8, 2 from 9.
//!
//! The cost of a lookup is bounded whatever is typed: a word longer than
//! the longest vocabulary word plus its budget cannot be within the budget
//! of any word, so it is rejected after counting its characters, and the
//! deletion variants (quadratic in the length) are only ever listed for
//! words of at most that length.

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
    /// (hash of a deletion variant, word index), sorted by hash. 32 bits of
    /// hash are plenty: a collision only adds a candidate that the edit
    /// distance then rejects.
    variants: Vec<(u32, u32)>,
    /// `buckets[b]..buckets[b + 1]`: the variants whose hash starts with the
    /// 16 bits `b`, so a probe is two array reads and a short scan rather
    /// than a binary search over all of them.
    buckets: Vec<u32>,
    /// The longest vocabulary word, in characters.
    longest: usize,
}

impl TypoIndex {
    /// Indexes `words` (each once) with every deletion variant a typo
    /// lookup could need.
    pub fn new(words: Vec<String>) -> TypoIndex {
        let mut variants = Vec::with_capacity(words.len() * 48);
        for (i, w) in words.iter().enumerate() {
            let chars: Vec<char> = w.chars().collect();
            // A word of length L is within 2 typos only of words of 9+
            // characters when L >= 7, and within 1 of words of 5+ when L >= 4;
            // a 3-letter word is reached only by a 4-letter one that doubled
            // a letter ("gull" for "gul").
            let depth = match chars.len() {
                0..=2 => continue,
                3..=6 => 1,
                _ => 2,
            };
            for_each_deletion(&chars, depth, |h| variants.push((short(h), i as u32)));
        }
        radix_sort(&mut variants);
        variants.dedup();
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let mut buckets = vec![0u32; (1 << 16) + 1];
        for (v, _) in &variants {
            buckets[(v >> 16) as usize + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        TypoIndex {
            words,
            variants,
            buckets,
            longest,
        }
    }

    /// Returns true when `word` is short enough to be within two edits of
    /// a vocabulary word. Costs no more than counting its characters up to
    /// the longest word + 3, so callers check it before any scan of a word
    /// that may be thousands of characters long.
    pub fn reaches(&self, word: &str) -> bool {
        let reach = self.longest + 2;
        word.chars().take(reach + 1).count() <= reach
    }

    /// Returns the vocabulary words closest to `word` within its typo budget
    /// (all those at the smallest distance), with that distance.
    /// A word too long to be within two edits of any vocabulary word costs
    /// no more than [`TypoIndex::reaches`].
    pub fn lookup(&self, word: &str) -> Vec<(&str, usize)> {
        self.lookup_within(word, usize::MAX)
    }

    /// [`TypoIndex::lookup`] with at most `most` edits (and no more than
    /// the word's budget): cheaper for a long word, whose two-edit lookup
    /// lists many more deletion variants.
    pub fn lookup_within(&self, word: &str, most: usize) -> Vec<(&str, usize)> {
        if !self.reaches(word) || most == 0 {
            return Vec::new();
        }
        let chars: Vec<char> = word.chars().collect();
        if chars.len() == SHORT {
            return self.short_lookup(&chars);
        }
        let budget = max_typos(chars.len()).min(most);
        if budget == 0 || chars.len() > self.longest + budget {
            return Vec::new();
        }
        let candidates = self.candidates(&chars, budget);
        let mut best: Vec<(&str, usize)> = Vec::new();
        let mut distance = Distance::default();
        for i in candidates {
            let candidate = self.words[i as usize].as_str();
            let d = distance.between(&chars, candidate);
            if d == 0 || d > budget {
                continue;
            }
            match best.first() {
                Some((_, b)) if d > *b => {}
                Some((_, b)) if d < *b => best = vec![(candidate, d)],
                _ => best.push((candidate, d)),
            }
        }
        same_start_first(&chars, best)
    }
}

/// The length of a word too short for a typo budget of its own that may
/// still have lost a letter or swapped two (see [`TypoIndex::lookup`]).
const SHORT: usize = 4;

impl TypoIndex {
    /// Returns the indexes of the vocabulary words that share a variant
    /// with `chars` with up to `depth` characters deleted.
    fn candidates(&self, chars: &[char], depth: usize) -> Vec<u32> {
        let mut candidates: Vec<u32> = Vec::new();
        for_each_deletion(chars, depth, |h| {
            let h = short(h);
            let b = (h >> 16) as usize;
            let bucket = &self.variants[self.buckets[b] as usize..self.buckets[b + 1] as usize];
            candidates.extend(bucket.iter().filter(|(v, _)| *v == h).map(|(_, i)| *i));
        });
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Returns the corrections of a word of [`SHORT`] characters. It has no
    /// typo budget (a changed letter makes another word too often: "iron",
    /// "rise"), but the two slips that rarely do are corrected: a letter
    /// left out of a 5-letter word ("civl" for "civil", "putn" for
    /// "putin"), two neighbouring letters swapped ("iarn" for "iran") and
    /// a letter typed twice in a 3-letter word ("gull" for "gul").
    fn short_lookup(&self, chars: &[char]) -> Vec<(&str, usize)> {
        let slipped = |word: &str| {
            let w: Vec<char> = word.chars().collect();
            match w.len() {
                5 => (0..5).any(|i| w[..i] == chars[..i] && w[i + 1..] == chars[i..]),
                3 => (0..3).any(|i| {
                    chars[i] == chars[i + 1]
                        && w[..=i] == chars[..=i]
                        && w[i + 1..] == chars[i + 2..]
                }),
                4 => (0..3).any(|i| {
                    w[i] != w[i + 1]
                        && w[i] == chars[i + 1]
                        && w[i + 1] == chars[i]
                        && (0..4).all(|j| j == i || j == i + 1 || w[j] == chars[j])
                }),
                _ => false,
            }
        };
        self.candidates(chars, 1)
            .into_iter()
            .map(|i| self.words[i as usize].as_str())
            .filter(|w| slipped(w))
            .map(|w| (w, 1))
            .collect()
    }
}

/// Returns the closest words without those that start with another letter
/// than the typed word, when any starts with the same: people seldom slip
/// on a word's first letter, so "coperation" is "cooperation" (an "o"
/// left out), not "operation" (a "c" added), though both are one edit away.
fn same_start_first<'a>(typed: &[char], best: Vec<(&'a str, usize)>) -> Vec<(&'a str, usize)> {
    let first = typed.first().copied();
    let starts = |w: &str| w.chars().next() == first;
    if best.len() > 1 && best.iter().any(|(w, _)| starts(w)) && !best.iter().all(|(w, _)| starts(w))
    {
        best.into_iter().filter(|(w, _)| starts(w)).collect()
    } else {
        best
    }
}

/// Unrestricted Damerau-Levenshtein distance (Lowrance-Wagner), as
/// `strsim::damerau_levenshtein` computes it, with its buffers kept from
/// one call to the next: a typo lookup confirms dozens of candidates, and
/// strsim allocates a hash map for each.
#[derive(Default)]
struct Distance {
    table: Vec<usize>,
    /// Per character of `b`: the last row of `a` (counted from 1) that
    /// held it so far, 0 for none. Kept per column, not per character, so
    /// a cell reads it without searching.
    last_row: Vec<usize>,
    b: Vec<char>,
}

impl Distance {
    /// Returns the edit distance between `a` and `b` (insertions,
    /// deletions, substitutions and transpositions of any two characters).
    fn between(&mut self, a: &[char], b: &str) -> usize {
        self.b.clear();
        self.b.extend(b.chars());
        let (b, n, m) = (&self.b, a.len(), self.b.len());
        let w = m + 2;
        let max = n + m;
        self.table.clear();
        self.table.resize((n + 2) * w, 0);
        self.last_row.clear();
        self.last_row.resize(m, 0);
        let d = &mut self.table;
        d[0] = max;
        for i in 0..=n {
            d[(i + 1) * w] = max;
            d[(i + 1) * w + 1] = i;
        }
        for j in 0..=m {
            d[j + 1] = max;
            d[w + j + 1] = j;
        }
        for i in 1..=n {
            let mut last_match = 0;
            for j in 1..=m {
                let k = self.last_row[j - 1];
                let l = last_match;
                let cost = if a[i - 1] == b[j - 1] {
                    last_match = j;
                    0
                } else {
                    1
                };
                let substitute = d[i * w + j] + cost;
                let insert = d[(i + 1) * w + j] + 1;
                let delete = d[i * w + j + 1] + 1;
                let transpose = d[k * w + l] + (i - k - 1) + 1 + (j - l - 1);
                d[(i + 1) * w + j + 1] = substitute.min(insert).min(delete).min(transpose);
            }
            for (row, &c) in self.last_row.iter_mut().zip(b) {
                if c == a[i - 1] {
                    *row = i;
                }
            }
        }
        d[(n + 1) * w + m + 1]
    }
}

/// The base of the polynomial hash: odd, so it has an inverse mod 2^64.
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// Returns the inverse of an odd number mod 2^64 (Newton's iteration).
const fn inverse(b: u64) -> u64 {
    let mut x = b;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(b.wrapping_mul(x)));
        i += 1;
    }
    x
}

const BASE_INV: u64 = inverse(BASE);
const BASE_INV2: u64 = BASE_INV.wrapping_mul(BASE_INV);

/// Calls `f` with the hash of `chars` and of every variant with up to
/// `depth` (1 or 2) characters deleted. The hash is a polynomial
/// `sum c_k * BASE^k` mod 2^64, so with prefix sums each variant's hash
/// costs O(1): the part after a deleted character shifts down one power.
fn for_each_deletion(chars: &[char], depth: usize, mut f: impl FnMut(u64)) {
    let n = chars.len();
    // pre[i] = hash of chars[..i].
    let mut pre = Vec::with_capacity(n + 1);
    let (mut h, mut power) = (0u64, 1u64);
    pre.push(0);
    for c in chars {
        h = h.wrapping_add(u64::from(u32::from(*c)).wrapping_mul(power));
        power = power.wrapping_mul(BASE);
        pre.push(h);
    }
    let all = pre[n];
    f(all);
    for i in 0..n {
        // chars[..i] + chars[i+1..] shifted down by one power.
        f(pre[i].wrapping_add(all.wrapping_sub(pre[i + 1]).wrapping_mul(BASE_INV)));
        if depth >= 2 {
            for j in i + 1..n {
                let middle = pre[j].wrapping_sub(pre[i + 1]).wrapping_mul(BASE_INV);
                let tail = all.wrapping_sub(pre[j + 1]).wrapping_mul(BASE_INV2);
                f(pre[i].wrapping_add(middle).wrapping_add(tail));
            }
        }
    }
}

/// Returns the 32 high bits of a deletion hash (the best mixed).
fn short(h: u64) -> u32 {
    (h >> 32) as u32
}

/// Sorts by hash, stably: least-significant-digit radix sort, 16 bits a pass.
fn radix_sort(items: &mut Vec<(u32, u32)>) {
    let mut buffer = vec![(0u32, 0u32); items.len()];
    for pass in 0..2 {
        let shift = pass * 16;
        let digit = |h: u32| ((h >> shift) & 0xffff) as usize;
        let mut counts = vec![0usize; 1 << 16];
        for &(h, _) in items.iter() {
            counts[digit(h)] += 1;
        }
        let mut start = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = start;
            start += n;
        }
        for &item in items.iter() {
            let d = digit(item.0);
            buffer[counts[d]] = item;
            counts[d] += 1;
        }
        std::mem::swap(items, &mut buffer);
    }
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
            "iran",
            "gul",
            "war",
            "operation",
            "cooperation",
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
        let rows: [(&str, Option<&str>); 19] = [
            ("ambasador", Some("ambassador")), // 9 letters, 1 deletion
            ("ambasadro", Some("ambassador")), // 2 edits: deletion + transposition
            ("recogniton", Some("recognition")),
            ("talibna", Some("taliban")), // transposition, 7 letters
            ("sanctoins", Some("sanctions")),
            ("sovet", Some("soviet")),
            ("putn", Some("putin")), // 4 letters: a letter left out
            ("kbul", Some("kabul")),
            ("iarn", Some("iran")), // 4 letters: two neighbours swapped
            ("iron", None),         // 4 letters: no changed letter
            ("ptin", Some("putin")),
            ("pun", None),         // 3 letters: nothing
            ("gull", Some("gul")), // 4 letters: a letter typed twice
            ("warr", Some("war")),
            ("ware", None), // 4 letters: an added letter that is no double
            // one edit from both: the word with the typed first letter wins
            ("coperation", Some("cooperation")),
            ("operatoin", Some("operation")),
            ("kabol", Some("kabul")),
            ("weather", None),
        ];
        for (typo, want) in rows {
            let got = idx.lookup(typo).first().map(|(w, _)| *w);
            assert_eq!(got, want, "lookup({typo:?})");
        }
    }

    #[test]
    fn lookup_within_caps_the_edits() {
        let idx = index();
        // (typed, at most, found)
        let rows: [(&str, usize, Option<&str>); 5] = [
            ("ambasador", 1, Some("ambassador")),
            ("ambasadro", 1, None), // two edits
            ("ambasadro", 2, Some("ambassador")),
            ("talibna", 0, None),
            ("talibna", 1, Some("taliban")),
        ];
        for (typo, most, want) in rows {
            let got = idx.lookup_within(typo, most).first().map(|(w, _)| *w);
            assert_eq!(got, want, "lookup_within({typo:?}, {most})");
        }
    }

    #[test]
    fn deletion_hashes_match_the_shorter_words() {
        let hash = |w: &str| {
            let chars: Vec<char> = w.chars().collect();
            let mut h = None;
            for_each_deletion(&chars, 0, |x| h = h.or(Some(x)));
            h.expect("a hash")
        };
        let mut seen = Vec::new();
        for_each_deletion(&"kabul".chars().collect::<Vec<_>>(), 2, |h| seen.push(h));
        for shorter in [
            "kabul", "abul", "kbul", "kabl", "kabu", "bul", "kul", "kab", "aul",
        ] {
            assert!(
                seen.contains(&hash(shorter)),
                "deleting from kabul should give {shorter:?}"
            );
        }
        assert!(!seen.contains(&hash("kl")), "three deletions are not two");
    }

    #[test]
    fn radix_sort_sorts_stably() {
        let mut items = vec![
            (5u32 << 20, 1u32),
            (3, 2),
            (5u32 << 20, 0),
            (u32::MAX, 3),
            (0, 4),
            (3, 1),
        ];
        radix_sort(&mut items);
        assert_eq!(
            items,
            [
                (0, 4),
                (3, 2),
                (3, 1),
                (5 << 20, 1),
                (5 << 20, 0),
                (u32::MAX, 3)
            ]
        );
    }

    #[test]
    fn words_beyond_reach_of_the_longest_are_not_looked_up() {
        let idx = index();
        // "recognition" (11 letters) is the longest: 13 is still in reach.
        let rows: [(&str, Option<&str>); 4] = [
            ("recognitionxx", Some("recognition")),
            ("recognitionxxx", None),
            (&"recognition".repeat(90), None),
            (&"\u{3316}".repeat(1000), None),
        ];
        for (typed, want) in rows {
            let got = idx.lookup(typed).first().map(|(w, _)| *w);
            assert_eq!(got, want, "lookup of {} chars", typed.chars().count());
        }
    }

    #[test]
    fn distance_agrees_with_strsim() {
        // Every pair of words up to 5 letters over a 3-letter alphabet.
        let mut words = vec![String::new()];
        for len in 1..=5 {
            let mut next = Vec::new();
            for w in words.iter().filter(|w| w.len() == len - 1) {
                for c in ['a', 'b', 'c'] {
                    next.push(format!("{w}{c}"));
                }
            }
            words.extend(next);
        }
        let mut distance = Distance::default();
        for a in words.iter().step_by(3) {
            let chars: Vec<char> = a.chars().collect();
            for b in &words {
                let want = strsim::damerau_levenshtein(a, b);
                assert_eq!(distance.between(&chars, b), want, "{a:?} vs {b:?}");
            }
        }
        let chars: Vec<char> = "kābul".chars().collect();
        assert_eq!(distance.between(&chars, "kabul"), 1, "non-ASCII");
    }

    #[test]
    fn exact_word_is_not_a_typo() {
        assert!(index().lookup("taliban").is_empty());
    }
}
