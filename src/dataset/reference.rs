//! A typed reference to one entry, `kind:id` (`qa:why-now`,
//! `event:russia-recognises`, `person:gul-hassan-hassan`): what custom_ids,
//! the unanswered log, eval files, JSON and the console write and read.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use super::Kind;

/// One entry, by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    pub kind: Kind,
    pub id: String,
}

impl Reference {
    pub fn new(kind: Kind, id: impl Into<String>) -> Reference {
        Reference {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.id)
    }
}

/// A reference equals its text: `reference == "qa:why-now"`.
impl PartialEq<&str> for Reference {
    fn eq(&self, text: &&str) -> bool {
        text.split_once(':') == Some((self.kind.as_str(), self.id.as_str()))
    }
}

impl FromStr for Reference {
    type Err = String;

    /// Parses `kind:id`; the error says what is wrong and how to write it.
    fn from_str(s: &str) -> Result<Reference, String> {
        let Some((kind, id)) = s.split_once(':') else {
            return Err(format!(
                "{s:?} is not an entry reference: write kind:id, e.g. qa:why-now"
            ));
        };
        let Some(kind) = Kind::parse(kind) else {
            return Err(format!(
                "{s:?}: unknown kind {kind:?}; the kinds are qa, event and person"
            ));
        };
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(format!(
                "{s:?}: the id after {kind}: must be one word, e.g. {kind}:some-id"
            ));
        }
        Ok(Reference::new(kind, id))
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Reference, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_and_bad_ones_say_how_to_write_them() {
        for text in [
            "qa:why-now",
            "event:russia-recognises",
            "person:gul-hassan-hassan",
        ] {
            let parsed: Reference = text.parse().expect(text);
            assert_eq!(parsed.to_string(), text, "round trip of {text}");
            assert_eq!(parsed, text);
        }
        let rows = [
            ("why-now", "write kind:id"),
            ("faq:why-now", "unknown kind \"faq\""),
            ("qa:", "must be one word"),
            ("qa:why now", "must be one word"),
            ("", "write kind:id"),
        ];
        for (text, want) in rows {
            let err = text.parse::<Reference>().expect_err(text);
            assert!(
                err.contains(want),
                "{text:?}: error {err:?} should contain {want:?}"
            );
        }
    }

    #[test]
    fn serializes_as_its_text() {
        let r = Reference::new(Kind::Qa, "why-now");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"qa:why-now\"");
        let back: Reference = serde_json::from_str("\"qa:why-now\"").unwrap();
        assert_eq!(back, r);
        assert!(serde_json::from_str::<Reference>("\"nope\"").is_err());
    }
}
