//! Rarity: a word counts for as much as it is rare in the data (BM25's
//! inverse document frequency), floored so a word the data uses everywhere
//! ("russia") still counts, and a word the data never uses weighs the most
//! ("when did russia annex crimea" is not the recognition). A word only
//! questions people asked use (`asked.toml`) weighs no more than a word the
//! data uses a few times: the data's rarity is the curators' vocabulary,
//! and one asker's own word ("besties", "bibi") found in one asked
//! question is no evidence that the question is about that entry.

/// Returns a term's inverse document frequency (BM25's form) when
/// `found_in` of `total` entries use it.
pub fn inverse_frequency(total: f32, found_in: u32) -> f32 {
    let df = found_in as f32;
    (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
}

/// Returns the weight of a term of inverse frequency `idf`: at least
/// `min_weight` times the weight of the rarest possible word, `unknown`.
pub fn weight(idf: f32, unknown: f32, min_weight: f32) -> f32 {
    idf.max(min_weight * unknown)
}

/// Returns the weight of a term only questions people asked use, of
/// weight `w` by its rarity: at most `cap` times the weight of the rarest
/// possible word, `unknown`, but never under the floor (`min_weight` of
/// it), below which no word weighs.
pub fn asked_word_weight(w: f32, unknown: f32, cap: f32, min_weight: f32) -> f32 {
    w.min(cap.max(min_weight) * unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_only_asked_questions_use_weighs_no_more_than_the_cap() {
        let unknown = inverse_frequency(100.0, 1);
        // (entries using the word of 100, its weight as asked-only)
        let rows = [
            (1, 0.25 * unknown),  // as rare as can be: capped
            (2, 0.25 * unknown),  // nearly so: capped
            (100, 0.2 * unknown), // used everywhere: the floor, under the cap
        ];
        for (found_in, want) in rows {
            let w = weight(inverse_frequency(100.0, found_in), unknown, 0.2);
            let got = asked_word_weight(w, unknown, 0.25, 0.2);
            assert!(
                (got - want).abs() < 1e-6,
                "a word {found_in} entries of 100 use: asked-only weight {got}, want {want}"
            );
            assert!(got <= w, "the cap never raises a weight: {got} over {w}");
        }
        // A cap set under the floor: the floor holds.
        let rarest = weight(inverse_frequency(100.0, 1), unknown, 0.2);
        assert!(
            (asked_word_weight(rarest, unknown, 0.1, 0.2) - 0.2 * unknown).abs() < 1e-6,
            "a cap under the floor must not take a word under the floor"
        );
    }

    #[test]
    fn rare_words_weigh_more_and_common_ones_keep_a_floor() {
        let unknown = inverse_frequency(100.0, 1);
        // (entries using the word of 100, expected relation to the one before)
        let floor = 0.2 * unknown;
        let rows = [
            (1, "rarest"),
            (5, "rarer"),
            (20, "less rare"),
            (50, "common"),
            (100, "everywhere"),
        ];
        let mut last = f32::INFINITY;
        for (found_in, what) in rows {
            let w = weight(inverse_frequency(100.0, found_in), unknown, 0.2);
            assert!(
                w < last || w == floor,
                "{what} word must weigh less than a rarer one: {w} vs {last}"
            );
            assert!(w >= floor, "{what} word fell under the floor: {w}");
            last = w;
        }
        assert_eq!(
            weight(inverse_frequency(100.0, 100), unknown, 0.2),
            floor,
            "a word used everywhere weighs the floor"
        );
        assert_eq!(weight(inverse_frequency(100.0, 1), unknown, 0.2), unknown);
    }
}
