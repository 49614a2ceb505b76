//! Discord's size limits and the one way factdesk meets them: clipping text
//! on a character boundary with an ellipsis, never sending an oversized
//! request.

/// Message content.
pub const CONTENT: usize = 2000;
/// Embed title, a field name, and the embed author's name.
pub const TITLE: usize = 256;
pub const FIELD_NAME: usize = 256;
pub const AUTHOR: usize = 256;
/// Embed description.
pub const DESCRIPTION: usize = 4096;
/// Embed field value.
pub const FIELD_VALUE: usize = 1024;
/// Fields per embed.
pub const FIELDS: usize = 25;
/// Embed footer.
pub const FOOTER: usize = 2048;
/// Title, description, field names and values and footer together.
pub const EMBED_TOTAL: usize = 6000;
/// Autocomplete choices per response, and a choice's name or value.
pub const CHOICES: usize = 25;
pub const CHOICE_TEXT: usize = 100;
/// Buttons per action row, action rows per message.
pub const BUTTONS_PER_ROW: usize = 5;
pub const ROWS: usize = 5;
/// A button's label and custom_id.
pub const BUTTON_LABEL: usize = 80;
pub const CUSTOM_ID: usize = 100;

/// What marks clipped text.
pub const ELLIPSIS: char = '…';

/// Returns the length of `text` as Discord may count it: UTF-16 code units,
/// which is never less than the number of characters, so text within this
/// length is within the limit whichever way Discord counts.
pub fn width(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Returns `text` if it fits in `max`, else its longest prefix that fits
/// with an ellipsis appended, cut on a character boundary.
pub fn clip(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - ELLIPSIS.len_utf16();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        end = i + c.len_utf8();
    }
    let mut out = text[..end].trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Returns `text` as [`clip`] does, but cut after the last whole word that
/// fits (mid-word only when not even the first word fits).
pub fn clip_words(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let cut = clip(text, max);
    let Some(kept) = cut.strip_suffix(ELLIPSIS) else {
        return cut; // nothing
    };
    if text[kept.len()..].starts_with(char::is_whitespace) {
        return cut; // already at the end of a word
    }
    match kept.rfind(char::is_whitespace) {
        Some(end) => format!("{}{ELLIPSIS}", kept[..end].trim_end()),
        None => cut,
    }
}

/// Returns `lines` joined by newlines within `max`, each line clipped to
/// fit; when not all fit, the last line says how many were left out
/// (`more(n)`).
pub fn join_within(lines: &[String], max: usize, more: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = clip(line, max);
        let sep = usize::from(!out.is_empty());
        let left = lines.len() - i - 1;
        let tail = if left == 0 { 0 } else { 1 + width(&more(left)) };
        if width(&out) + sep + width(&line) + tail <= max {
            if sep == 1 {
                out.push('\n');
            }
            out.push_str(&line);
            continue;
        }
        let note = more(lines.len() - i);
        if width(&out) + sep + width(&note) <= max {
            if sep == 1 {
                out.push('\n');
            }
            out.push_str(&note);
        }
        return clip(&out, max);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_short_text_and_cuts_long_text_on_a_char_boundary() {
        let rows: [(&str, usize, &str); 7] = [
            ("short", 10, "short"),
            ("exactly", 7, "exactly"),
            ("abcdefgh", 5, "abcd…"),
            ("ab  cdefgh", 5, "ab…"),
            ("ééééé", 3, "éé…"),
            ("😀😀😀", 4, "😀…"),
            ("abc", 0, ""),
        ];
        for (text, max, want) in rows {
            let got = clip(text, max);
            assert_eq!(got, want, "clip({text:?}, {max})");
            assert!(
                width(&got) <= max,
                "clip({text:?}, {max}) = {got:?} is too long"
            );
        }
    }

    #[test]
    fn clip_words_cuts_after_the_last_whole_word_that_fits() {
        let rows: [(&str, usize, &str); 10] = [
            ("two words", 9, "two words"),
            ("it fits…", 8, "it fits…"),
            ("two words", 8, "two…"),
            ("two words", 5, "two…"),
            ("two words", 4, "two…"),
            ("two  words", 6, "two…"),
            ("one, two", 7, "one,…"),
            ("unbroken", 5, "unbr…"),
            ("été été", 6, "été…"),
            ("abc", 0, ""),
        ];
        for (text, max, want) in rows {
            let got = clip_words(text, max);
            assert_eq!(got, want, "clip_words({text:?}, {max})");
            assert!(
                width(&got) <= max,
                "clip_words({text:?}, {max}) = {got:?} is too long"
            );
        }
    }

    #[test]
    fn join_within_says_how_many_lines_were_left_out() {
        let lines: Vec<String> = (1..=10).map(|n| format!("line {n}")).collect();
        let more = |n: usize| format!("… and {n} more");
        assert_eq!(join_within(&lines[..2], 100, more), "line 1\nline 2");
        let got = join_within(&lines, 30, more);
        assert_eq!(got, "line 1\nline 2\n… and 8 more");
        assert!(width(&got) <= 30);
        let long = vec!["x".repeat(50)];
        assert_eq!(width(&join_within(&long, 20, more)), 20);
    }
}
