//! Reading text one line at a time with bounded memory: a line longer than
//! a cap is skipped (only its length is kept), a line that is not UTF-8 is
//! reported with where it breaks, and reading goes on after either. Used
//! for `ask -` and for reading the unanswered log.

use std::io::BufRead;

/// Why a line could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadLine {
    /// Longer than the cap (its length in bytes, without the newline).
    TooLong(u64),
    /// Not UTF-8 from this byte on (1-based column in bytes).
    NotUtf8(usize),
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadLine::TooLong(n) => write!(f, "a line of {n} bytes is too long"),
            BadLine::NotUtf8(col) => write!(f, "not valid UTF-8 at byte {col}"),
        }
    }
}

/// Lines of a reader, numbered from 1, each at most `cap` bytes.
pub struct Lines<R> {
    reader: R,
    cap: usize,
    number: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader`; a line over `cap` bytes is skipped, never held.
    pub fn new(reader: R, cap: usize) -> Lines<R> {
        Lines {
            reader,
            cap,
            number: 0,
            buf: Vec::new(),
        }
    }

    /// Returns the next line (without its `\n` or `\r\n`) and its number,
    /// `Ok(None)` at the end, or the reader's error.
    pub fn next_line(&mut self) -> std::io::Result<Option<(usize, Result<String, BadLine>)>> {
        self.buf.clear();
        let mut total: u64 = 0;
        let mut ended = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let (take, newline) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if self.buf.len() + take <= self.cap {
                self.buf.extend_from_slice(&chunk[..take]);
            } else {
                // Over the cap: keep counting, stop holding.
                self.buf.clear();
                self.buf.shrink_to(self.cap);
            }
            total += take as u64;
            self.reader.consume(take + usize::from(newline));
            if newline {
                ended = true;
                break;
            }
        }
        if total == 0 && !ended {
            return Ok(None);
        }
        self.number += 1;
        if total > self.cap as u64 {
            return Ok(Some((self.number, Err(BadLine::TooLong(total)))));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        let line = match std::str::from_utf8(&self.buf) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(BadLine::NotUtf8(e.valid_up_to() + 1)),
        };
        Ok(Some((self.number, line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_bad_ones() {
        let input: &[u8] = b"one\r\ntwo\n\xffbad\ntoo long line\n\nlast";
        let mut lines = Lines::new(std::io::BufReader::with_capacity(4, input), 8);
        let want: [(usize, Result<&str, BadLine>); 6] = [
            (1, Ok("one")),
            (2, Ok("two")),
            (3, Err(BadLine::NotUtf8(1))),
            (4, Err(BadLine::TooLong(13))),
            (5, Ok("")),
            (6, Ok("last")),
        ];
        for (n, line) in want {
            let got = lines.next_line().expect("reads from memory");
            let want = Some((n, line.map(str::to_string)));
            assert_eq!(got, want, "line {n}");
        }
        assert_eq!(lines.next_line().expect("reads"), None, "the end");
    }

    #[test]
    fn a_line_far_over_the_cap_is_never_held() {
        let input = vec![b'x'; 1 << 20];
        let mut lines = Lines::new(&input[..], 100);
        let got = lines.next_line().expect("reads");
        assert_eq!(got, Some((1, Err(BadLine::TooLong(1 << 20)))));
        assert!(
            lines.buf.capacity() <= 1024,
            "held {}",
            lines.buf.capacity()
        );
    }
}
