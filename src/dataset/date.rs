//! Dates that carry their precision: a year, a month, a day, a decade or a
//! range of years, as the articles give them.

use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as precise as the source is, and no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Date {
    /// `1979`
    Year(i32),
    /// `2021-08`
    Month(i32, u8),
    /// `2025-07-03`
    Day(i32, u8, u8),
    /// `2010s`
    Decade(i32),
    /// `2022-2023`
    YearRange(i32, i32),
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYY0s` or `YYYY-YYYY`.
    ///
    /// Returns a message saying what is wrong and what the accepted forms are.
    pub fn parse(text: &str) -> Result<Date, String> {
        let t = text.trim();
        let bad = || {
            format!(
                "malformed date {text:?}: write YYYY (1979), YYYY-MM (2021-08), \
                 YYYY-MM-DD (2025-07-03), a decade (2010s) or a range of years (2022-2023)"
            )
        };
        if let Some(decade) = t.strip_suffix('s') {
            let y = year(decade).ok_or_else(bad)?;
            if y % 10 != 0 {
                return Err(format!(
                    "malformed date {text:?}: a decade ends in 0, like 2010s"
                ));
            }
            return Ok(Date::Decade(y));
        }
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y] => Ok(Date::Year(year(y).ok_or_else(bad)?)),
            [a, b] if b.len() == 4 => {
                let (a, b) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
                if a >= b {
                    return Err(format!(
                        "malformed date {text:?}: a range runs from the earlier year to the later one"
                    ));
                }
                Ok(Date::YearRange(a, b))
            }
            [y, m] => Ok(Date::Month(
                year(y).ok_or_else(bad)?,
                month(m).ok_or_else(bad)?,
            )),
            [y, m, d] => {
                let (y, m) = (year(y).ok_or_else(bad)?, month(m).ok_or_else(bad)?);
                let d = two_digits(d)
                    .filter(|d| (1..=days_in_month(y, m)).contains(d))
                    .ok_or_else(bad)?;
                Ok(Date::Day(y, m, d))
            }
            _ => Err(bad()),
        }
    }

    /// Returns the ISO-like form the data uses (`2021-08`, `2010s`).
    ///
    /// Written digit by digit, not with `format!`: every citation of every
    /// answer has one, and `format!` cost several times as much.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        match *self {
            Date::Year(y) => push_year(&mut out, y),
            Date::Month(y, m) => {
                push_year(&mut out, y);
                out.push('-');
                push_digits(&mut out, m.into(), 2);
            }
            Date::Day(y, m, d) => {
                push_year(&mut out, y);
                out.push('-');
                push_digits(&mut out, m.into(), 2);
                out.push('-');
                push_digits(&mut out, d.into(), 2);
            }
            Date::Decade(y) => {
                push_year(&mut out, y);
                out.push('s');
            }
            Date::YearRange(a, b) => {
                push_year(&mut out, a);
                out.push('-');
                push_year(&mut out, b);
            }
        }
        out
    }

    /// Returns the precision as a word: year, month, day, decade or range.
    pub fn precision(&self) -> &'static str {
        match self {
            Date::Year(_) => "year",
            Date::Month(..) => "month",
            Date::Day(..) => "day",
            Date::Decade(_) => "decade",
            Date::YearRange(..) => "range",
        }
    }

    /// Returns the words a question uses to ask for what this date gives
    /// ("which year", "what month", "the exact day"): a date to the month
    /// answers "what month", only one to the day "what date". A question
    /// asking for more than the date gives keeps its word unmatched.
    pub fn asked_by(&self) -> &'static str {
        match self {
            Date::Year(_) => "year",
            Date::Month(..) => "year month",
            Date::Day(..) => "year month day date",
            Date::Decade(_) => "decade",
            Date::YearRange(..) => "year years",
        }
    }

    /// Returns a key that sorts dates chronologically by their start.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        match *self {
            Date::Year(y) | Date::Decade(y) | Date::YearRange(y, _) => (y, 0, 0),
            Date::Month(y, m) => (y, m, 0),
            Date::Day(y, m, d) => (y, m, d),
        }
    }
}

/// Human form: `1979`, `August 2021`, `3 July 2025`, `the 2010s`, `2022–2023`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Date::Year(y) => write!(f, "{y}"),
            Date::Month(y, m) => write!(f, "{} {y}", MONTHS[usize::from(m - 1)]),
            Date::Day(y, m, d) => write!(f, "{d} {} {y}", MONTHS[usize::from(m - 1)]),
            Date::Decade(y) => write!(f, "the {y}s"),
            Date::YearRange(a, b) => write!(f, "{a}–{b}"),
        }
    }
}

fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn two_digits(s: &str) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month(s: &str) -> Option<u8> {
    two_digits(s).filter(|m| (1..=12).contains(m))
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Appends year `y` as `format!("{y}")` writes it.
fn push_year(out: &mut String, y: i32) {
    if y < 0 {
        out.push('-');
    }
    push_digits(out, y.unsigned_abs(), 1);
}

/// Appends `n` in decimal with at least `width` digits, zeros in front, as
/// `format!("{n:0width$}")` writes it.
fn push_digits(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    while n > 0 || digits.len() - start < width.max(1) {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_writes_what_format_writes() {
        // (date, what format! wrote before iso was written digit by digit)
        let rows = [
            (Date::Year(0), "0".to_string()),
            (Date::Year(-44), format!("{}", -44)),
            (Date::Year(i32::MIN), format!("{}", i32::MIN)),
            (Date::Year(i32::MAX), format!("{}", i32::MAX)),
            (Date::Month(2021, 0), format!("{}-{:02}", 2021, 0)),
            (Date::Month(2021, 255), format!("{}-{:02}", 2021, 255)),
            (Date::Day(7, 1, 9), format!("{}-{:02}-{:02}", 7, 1, 9)),
            (Date::Day(2025, 12, 31), "2025-12-31".to_string()),
            (Date::Decade(1990), "1990s".to_string()),
            (Date::YearRange(-5, 10), format!("{}-{}", -5, 10)),
        ];
        for (date, want) in rows {
            assert_eq!(date.iso(), want, "iso() of {date:?}");
        }
    }

    #[test]
    fn a_date_answers_the_words_asking_for_what_it_gives() {
        // (date, the words asking for it that it answers)
        let rows = [
            ("1989", "year"),
            ("2021-08", "year month"),
            ("2025-07-03", "year month day date"),
            ("2010s", "decade"),
            ("2022-2023", "year years"),
        ];
        for (text, want) in rows {
            let date = Date::parse(text).expect("a valid date");
            assert_eq!(date.asked_by(), want, "words {text} answers");
        }
    }

    #[test]
    fn parses_every_precision() {
        let rows = [
            ("1979", Date::Year(1979), "1979"),
            ("2021-08", Date::Month(2021, 8), "August 2021"),
            ("2025-07-03", Date::Day(2025, 7, 3), "3 July 2025"),
            ("2010s", Date::Decade(2010), "the 2010s"),
            ("2022-2023", Date::YearRange(2022, 2023), "2022–2023"),
        ];
        for (text, want, shown) in rows {
            let got = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(got, want, "parse({text:?})");
            assert_eq!(got.to_string(), shown, "display of {text:?}");
            assert_eq!(got.iso(), text, "iso() must round-trip {text:?}");
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for text in [
            "",
            "July 2025",
            "2025-13",
            "2025-02-30",
            "2015s",
            "2023-2022",
            "79",
            "2025-7-3",
        ] {
            assert!(Date::parse(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn sorts_chronologically() {
        let mut dates: Vec<Date> = ["2025-07-03", "1979", "2010s", "2021-08", "2022-2023"]
            .iter()
            .map(|d| Date::parse(d).unwrap())
            .collect();
        dates.sort_by_key(Date::sort_key);
        let iso: Vec<String> = dates.iter().map(Date::iso).collect();
        assert_eq!(iso, ["1979", "2010s", "2021-08", "2022-2023", "2025-07-03"]);
    }
}
