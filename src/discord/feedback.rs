//! The curator's feedback from Discord: questions factdesk could not
//! answer (or answered only with suggestions) and "Not helpful" presses go
//! to the unanswered log; "Why?" explains a match. Log writes run on
//! tokio's blocking pool, so they never delay a response (Discord allows
//! 3 s); a failed write is a warning in the log, never a crash.

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use serenity::all::{MessageId, User};
use tracing::{info, warn};

use super::components::Origin;
use super::inflight::{Inflight, Ticket};
use super::limits;
use crate::answer::{Reply, Status};
use crate::config::UnansweredConfig;
use crate::dataset::Reference;
use crate::engine::Engine;
use crate::explain::explain;
use crate::unanswered::{Log, Record};

/// How many (message, user) "Not helpful" presses are remembered, so a
/// second press by the same user on the same answer is not logged twice.
const REMEMBERED_PRESSES: usize = 4096;

/// The unanswered log as the bot uses it.
pub struct Feedback {
    log: Option<Arc<Log>>,
    /// Pending writes, which shutdown waits for.
    writes: Arc<Inflight>,
    store_users: bool,
    pressed: Mutex<Recent>,
}

/// What a "Not helpful" press did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noted {
    /// A record is on its way to the log.
    Logged,
    /// This user already pressed it on this message.
    Already,
    /// Nothing to record: the log is off, or the question is unknown.
    Not,
}

impl Noted {
    /// Returns what the presser is told.
    pub fn text(self) -> &'static str {
        match self {
            Noted::Logged => "Thanks — noted.",
            Noted::Already => "Thanks — already noted.",
            Noted::Not => "Thanks.",
        }
    }
}

impl Feedback {
    /// Returns the feedback of the `[unanswered]` settings (no log when
    /// its path is empty).
    pub fn new(config: &UnansweredConfig) -> Feedback {
        Feedback {
            log: config.log().map(Arc::new),
            writes: Arc::default(),
            store_users: config.store_users,
            pressed: Mutex::new(Recent::new(REMEMBERED_PRESSES)),
        }
    }

    /// Returns whether there is a log to write to ("Not helpful" is shown
    /// only then).
    pub fn enabled(&self) -> bool {
        self.log.is_some()
    }

    /// Returns the log writes still pending (shutdown waits for them).
    pub fn writes(&self) -> &Inflight {
        &self.writes
    }

    /// Logs `reply` from `origin`, asked by `asker`, if [`worth_logging`].
    pub fn unanswered(&self, engine: Arc<Engine>, origin: Origin, reply: &Reply, asker: &User) {
        let Some(log) = &self.log else { return };
        if !worth_logging(origin, reply) {
            return;
        }
        let reply = reply.clone();
        let user = self.user(asker);
        append_later(Arc::clone(log), self.writes.enter(), move || {
            let mut record = Record::of_reply(&engine, origin.scope(), &reply, origin.channel())?;
            record.user = user;
            Some(record)
        });
    }

    /// Logs that the answer `given` (`kind:id`) to `question` did not help
    /// `asker`, once per user and message.
    ///
    /// Returns what was done.
    pub fn not_helpful(
        &self,
        engine: Arc<Engine>,
        origin: Origin,
        question: Option<&str>,
        given: &Reference,
        asker: &User,
        message: MessageId,
    ) -> Noted {
        let (Some(log), Some(question)) = (&self.log, question) else {
            return Noted::Not;
        };
        let first = self
            .pressed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((message.get(), asker.id.get()));
        if !first {
            return Noted::Already;
        }
        info!(origin = origin.as_str(), entry = %given, "not helpful");
        let (question, given) = (question.to_string(), given.clone());
        let user = self.user(asker);
        append_later(Arc::clone(log), self.writes.enter(), move || {
            let mut record =
                Record::not_helpful(&engine, origin.scope(), &question, &given, origin.channel());
            record.user = user;
            Some(record)
        });
        Noted::Logged
    }

    /// Returns `"<id> <name>"` when the settings store users, else `None`.
    fn user(&self, user: &User) -> Option<String> {
        self.store_users
            .then(|| format!("{} {}", user.id.get(), user.name))
    }
}

/// Returns whether a reply belongs in the unanswered log: a suggest or no
/// match reply to a question that is not blank. In a watched channel, where
/// factdesk reads every message and stays silent unless sure, only text
/// with a '?' counts as a question: a simple rule that keeps most chatter
/// out of the log at the cost of questions typed without one.
pub fn worth_logging(origin: Origin, reply: &Reply) -> bool {
    reply.status() != Status::Answered
        && !reply.query().trim().is_empty()
        && (origin != Origin::Watch || reply.query().contains('?'))
}

/// Makes a record and appends it on the blocking pool (inline when there
/// is no tokio runtime); a failure is logged as a warning.
fn append_later(
    log: Arc<Log>,
    ticket: Ticket,
    make: impl FnOnce() -> Option<Record> + Send + 'static,
) {
    let job = move || {
        let _pending = ticket;
        if let Some(record) = make() {
            if let Err(e) = log.append(&record) {
                warn!("{e}");
            }
        }
    };
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => drop(runtime.spawn_blocking(job)),
        Err(_) => job(),
    }
}

/// Returns the "Why?" text: how `question` from `origin` was matched, as a
/// code block within the message limit, noting when the answer shown
/// (`given`, e.g. a picked suggestion) is not the best match.
pub fn why_text(engine: &Engine, origin: Origin, question: &str, given: &Reference) -> String {
    let explanation = explain(engine, origin.scope(), question);
    let mut text = explanation.text();
    if explanation
        .best
        .as_ref()
        .is_some_and(|b| b.reference != *given)
    {
        let _ = write!(
            text,
            "\nThe answer shown is {given}: picked from the suggestions, or the data changed."
        );
    }
    // Backticks would end the code block early.
    let text = text.replace('`', "'");
    format!(
        "```\n{}\n```",
        limits::clip(&text, limits::CONTENT - FENCES)
    )
}

/// The characters of the code block around the "Why?" text.
const FENCES: usize = "```\n\n```".len();

/// A set that forgets its oldest keys beyond a fixed size.
struct Recent {
    seen: HashSet<(u64, u64)>,
    order: VecDeque<(u64, u64)>,
    cap: usize,
}

impl Recent {
    fn new(cap: usize) -> Recent {
        Recent {
            seen: HashSet::new(),
            order: VecDeque::new(),
            cap,
        }
    }

    /// Adds `key`; returns false if it was already there.
    fn insert(&mut self, key: (u64, u64)) -> bool {
        if !self.seen.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > self.cap {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Date;

    fn reply(status: Status, query: &str) -> Reply {
        let as_of = Date::parse("2025-07-05").expect("a valid date");
        let query = query.to_string();
        match status {
            Status::Answered => Reply::Answered(crate::answer::Answered {
                query,
                entry: crate::dataset::Reference::new(crate::dataset::Kind::Qa, "x"),
                title: "T".into(),
                answer: "A".into(),
                confidence: 1.0,
                citations: Vec::new(),
                caveat: None,
                also: None,
                as_of,
            }),
            Status::Suggest => Reply::Suggest(crate::answer::Suggest {
                query,
                confidence: 0.5,
                suggestions: Vec::new(),
                hint: "Pick one.".into(),
                as_of,
            }),
            Status::NoMatch => Reply::NoMatch(crate::answer::NoMatch {
                query,
                confidence: 0.0,
                hint: "No.".into(),
                as_of,
            }),
        }
    }

    #[test]
    fn what_is_worth_logging() {
        use Origin::*;
        use Status::*;
        let rows = [
            (Ask, NoMatch, "best pizza", true, "a slash no match"),
            (When, Suggest, "summit", true, "a slash suggestion"),
            (Ask, Answered, "recognition", false, "an answer"),
            (Mention, NoMatch, "  ", false, "a bare mention"),
            (Mention, Suggest, "who is he", true, "a mention without '?'"),
            (Watch, NoMatch, "lol", false, "watched chatter without '?'"),
            (Watch, NoMatch, "pizza tonight?", true, "a watched question"),
            (Watch, Suggest, "the envoy?", true, "a watched suggestion"),
            (Watch, Answered, "why?", false, "a watched answer"),
        ];
        for (origin, status, query, want, what) in rows {
            assert_eq!(
                worth_logging(origin, &reply(status, query)),
                want,
                "{what}: {origin:?} {status:?} {query:?}"
            );
        }
    }

    #[test]
    fn recent_forgets_the_oldest() {
        let mut r = Recent::new(2);
        assert!(r.insert((1, 1)));
        assert!(!r.insert((1, 1)), "a repeat");
        assert!(r.insert((1, 2)));
        assert!(r.insert((2, 1)), "(1, 1) is forgotten now");
        assert!(r.insert((1, 1)));
        assert_eq!(r.seen.len(), 2);
    }
}
