//! The engine: a dataset, its index and the confidence thresholds, turning
//! a question into a [`Reply`]. The CLI, the console and the Discord bot
//! all call this and nothing else to answer.

use crate::answer::{trim_stop, Answered, Citation, NoMatch, Reply, Status, Suggest, Suggestion};
use crate::dataset::{Dataset, Entry, Reference};
use crate::decision::{Features, Model};
use crate::search::segment::{self, Part};
use crate::search::{Candidate, Evidence, Index, Query, Scope, Tuning, Unanswered};

/// Questions longer than this, as typed or once normalized, are not matched.
pub const MAX_QUESTION_CHARS: usize = crate::search::normalize::MAX_CHARS;
/// How many "did you mean" choices a reply offers.
pub const MAX_SUGGESTIONS: usize = 3;
/// A "did you mean" choice scores at most this much below the best.
const SUGGEST_WITHIN: f32 = 0.25;

/// When to answer, suggest or give up: thresholds on the calibrated
/// P(the top candidate is right), and the model that estimates it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// At or above: answer (if no rival is within `margin`).
    pub answer: f32,
    /// The same for a question the sentence encoder read: its own
    /// calibrated model, so its own threshold.
    pub answer_with_encoder: f32,
    /// At or above (and below `answer`): suggest.
    pub suggest: f32,
    /// A rival whose score is this close to the best makes the reply a
    /// suggestion.
    pub margin: f32,
    /// With the sentence encoder in use: a question the lexical decision
    /// answers with at least this P(right) is answered without the encoder
    /// (its one forward pass is most of a question's cost). Above 1: the
    /// encoder reads every question.
    pub encoder_from: f32,
    /// With the sentence encoder in use: a question is answered only when
    /// the words alone (the lexical decision) give its best match at least
    /// this P(right), so an off-topic question that merely sounds like the
    /// story is not answered on the encoder's word. 0: no floor.
    pub lexical_floor: f32,
    /// With `/when` and `/who`: a question of one content word whose
    /// "did you mean" would offer a single choice (every other candidate
    /// far behind) is answered from this P(right) instead. The command
    /// names an event or a person, and one candidate far ahead of all
    /// others is the one meant ("/when recogntion"). Above `answer`: never.
    pub only_choice: f32,
    /// The calibrated decision (`calibration.toml` beside the config).
    #[serde(skip)]
    pub model: Model,
    /// The same, fitted with the sentence encoder in use
    /// (`calibration-semantic.toml`).
    #[serde(skip)]
    pub model_semantic: Model,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            answer: 0.65,
            answer_with_encoder: 0.72,
            suggest: 0.2,
            margin: 0.005,
            encoder_from: 0.85,
            lexical_floor: 0.35,
            only_choice: 0.1,
            model: Model::default(),
            model_semantic: Model::built_in_semantic(),
        }
    }
}

/// What the engine decided for one analysis, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub status: Status,
    /// P(the top candidate is right), from the calibrated model.
    pub probability: f32,
    /// The runner-up's score is within the margin of the best.
    pub tie: bool,
    /// The features the model weighed (`None` without a candidate).
    pub features: Option<Features>,
    /// With the encoder: the lexical decision's P(right), below
    /// `[matching] lexical_floor` an answer becomes a suggestion.
    pub lexical: Option<f32>,
    /// Answered below the answer threshold as the only choice of a `/when`
    /// or `/who` (see [`Thresholds::only_choice`]).
    pub only_choice: bool,
    /// The question matched a question the articles do not answer better
    /// than any entry (see [`Analysis::unanswered`]): it is not answered.
    pub unanswered: bool,
}

impl Decision {
    /// No candidate: nothing to answer.
    pub const NONE: Decision = Decision {
        status: Status::NoMatch,
        probability: 0.0,
        tie: false,
        features: None,
        lexical: None,
        only_choice: false,
        unanswered: false,
    };
}

/// A question as the engine saw it: analyzed, its evidence, and the
/// ranked candidates with their traces. Replies and "Why?" both read it.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub scope: Scope,
    pub query: Query,
    pub evidence: Evidence,
    /// Best first.
    pub candidates: Vec<Candidate>,
    /// How well it matched the questions the articles do not answer
    /// (`asked.toml`), when that match ranked among the candidates.
    pub unanswered: Option<Unanswered>,
    /// The question was over [`MAX_QUESTION_CHARS`] and not matched.
    pub too_long: bool,
    /// The part of a long message matched instead of the whole (see
    /// [`crate::search::segment`]).
    pub part: Option<String>,
    /// A second question in the same message, confidently matched to
    /// another entry: offered as a choice beside the answer.
    pub also: Option<Candidate>,
    /// How many content words the whole message has.
    pub message_words: usize,
    /// In a message read part by part: the share of its other readings
    /// (the whole, its sentences and clauses) that rank this reading's top
    /// entry first too. 0 for a message read only whole.
    pub agreement: f32,
    /// What the calibrated decision made of this reading.
    pub decision: Decision,
}

impl Analysis {
    /// Returns the best score the top candidate competes with: the
    /// runner-up's, or the unanswered questions' match when higher.
    pub fn rival(&self) -> f32 {
        let runner = self.candidates.get(1).map_or(0.0, |c| c.score);
        self.unanswered.map_or(runner, |u| runner.max(u.score))
    }

    /// Returns true when the question matched a question the articles do
    /// not answer better than its top candidate.
    pub fn unanswered_wins(&self) -> bool {
        match (self.candidates.first(), self.unanswered) {
            (Some(top), Some(u)) => u.score > top.score,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

/// How many candidates a reply considers.
const CONSIDERED: usize = 8;

/// The optional sentence encoder and the embeddings of the dataset's
/// phrasings, for the semantic-similarity signal.
#[cfg(feature = "semantic")]
pub struct Semantic {
    pub encoder: std::sync::Arc<crate::semantic::Encoder>,
    pub index: crate::semantic::SemanticIndex,
    /// Where the phrasing embeddings are cached, if anywhere.
    pub cache: Option<std::path::PathBuf>,
}

#[cfg(feature = "semantic")]
impl Semantic {
    /// Embeds every phrasing of `dataset` with `encoder`, taking what it can
    /// from the cache at `cache`.
    pub fn new(
        encoder: std::sync::Arc<crate::semantic::Encoder>,
        dataset: &Dataset,
        cache: Option<std::path::PathBuf>,
    ) -> Semantic {
        let index = crate::semantic::SemanticIndex::build(&encoder, dataset, cache.as_deref());
        Semantic {
            encoder,
            index,
            cache,
        }
    }
}

/// A dataset ready to answer questions.
pub struct Engine {
    dataset: Dataset,
    index: Index,
    thresholds: Thresholds,
    #[cfg(feature = "semantic")]
    semantic: Option<Semantic>,
}

impl Engine {
    /// Indexes `dataset`.
    pub fn new(dataset: Dataset, thresholds: Thresholds) -> Engine {
        let index = Index::build(&dataset);
        Engine {
            dataset,
            index,
            thresholds,
            #[cfg(feature = "semantic")]
            semantic: None,
        }
    }

    /// Adds the sentence encoder: every question is also matched by meaning,
    /// and the decision uses the calibration fitted with it.
    #[cfg(feature = "semantic")]
    pub fn with_semantic(mut self, semantic: Semantic) -> Engine {
        self.semantic = Some(semantic);
        self
    }

    /// Returns a new engine for `dataset` that keeps this one's settings
    /// and sentence encoder (for a reload): only changed phrasings are
    /// embedded again, the rest come from the cache.
    pub fn renewed(&self, dataset: Dataset, thresholds: Thresholds) -> Engine {
        let engine = Engine::new(dataset, thresholds);
        #[cfg(feature = "semantic")]
        if let Some(sem) = &self.semantic {
            let renewed = Semantic::new(sem.encoder.clone(), engine.dataset(), sem.cache.clone());
            return engine.with_semantic(renewed);
        }
        engine
    }

    /// Returns true when the sentence encoder is in use.
    pub fn has_semantic(&self) -> bool {
        #[cfg(feature = "semantic")]
        {
            self.semantic.is_some()
        }
        #[cfg(not(feature = "semantic"))]
        {
            false
        }
    }

    /// Returns the calibrated model that decides `analysis`: the one fitted
    /// with the encoder when the encoder read the question.
    pub fn model_for(&self, analysis: &Analysis) -> &Model {
        if analysis.query.semantic.is_empty() {
            &self.thresholds.model
        } else {
            &self.thresholds.model_semantic
        }
    }

    /// Makes the encoder read every question (for fitting its calibration).
    pub fn encoder_always(&mut self) {
        self.thresholds.encoder_from = f32::INFINITY;
    }

    /// Returns, per entry in index order, the encoder's best cosine for each
    /// of `texts`; empty vectors without the encoder.
    fn cosines(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        #[cfg(feature = "semantic")]
        if let Some(sem) = &self.semantic {
            return sem
                .encoder
                .embed_batch(texts)
                .iter()
                .map(|v| sem.index.cosines(v))
                .collect();
        }
        texts.iter().map(|_| Vec::new()).collect()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn thresholds(&self) -> &Thresholds {
        &self.thresholds
    }

    /// Replaces the scoring knobs (for tuning experiments).
    pub fn set_tuning(&mut self, tuning: Tuning) {
        self.index.set_tuning(tuning);
    }

    /// Returns the ranked candidates for a question (best first).
    pub fn candidates(&self, scope: Scope, question: &str, limit: usize) -> Vec<Candidate> {
        if crate::search::normalize::too_long(question) {
            return Vec::new();
        }
        self.index.rank(question, scope, limit)
    }

    /// Returns the question analyzed and ranked in `scope`. A long message
    /// is also matched part by part (its sentences and clauses, without a
    /// narrative lead-in); the reading the decision is surest of wins.
    pub fn analyze(&self, scope: Scope, question: &str) -> Analysis {
        if crate::search::normalize::too_long(question) {
            return Analysis {
                too_long: true,
                decision: Decision::NONE,
                ..self.analyze_text(scope, "", Vec::new(), Vec::new())
            };
        }
        let parts = segment::parts(question);
        let lexical = self.read(scope, question, &parts, Vec::new());
        let sure = lexical.decision.status == Status::Answered
            && lexical.decision.probability >= self.thresholds.encoder_from;
        if !self.has_semantic() || sure {
            return lexical;
        }
        let texts: Vec<&str> = std::iter::once(question)
            .chain(parts.iter().map(|p| p.text.as_str()))
            .map(crate::search::normalize::unaddressed)
            .collect();
        let mut read = self.read(scope, question, &parts, self.cosines(&texts));
        read.decision = self.floored(read.decision, lexical.decision.probability);
        read
    }

    /// Returns the decision for a question the encoder read, given what the
    /// words alone gave (`lexical`: the lexical decision's P(right)): an
    /// answer needs both the encoder's calibrated P and `lexical_floor`
    /// from the words, so the lexical evidence stays the gate.
    pub fn floored(&self, mut decision: Decision, lexical: f32) -> Decision {
        decision.lexical = Some(lexical);
        if decision.status == Status::Answered && lexical < self.thresholds.lexical_floor {
            decision.status = Status::Suggest;
        }
        decision
    }

    /// Returns the reading of a message (whole, or one of its `parts`) the
    /// decision is surest of, with the encoder's cosines per text (whole
    /// first; none: lexical only).
    fn read(
        &self,
        scope: Scope,
        question: &str,
        parts: &[Part],
        cosines: Vec<Vec<f32>>,
    ) -> Analysis {
        let mut cosines = cosines.into_iter();
        let mut whole = self.analyze_text(
            scope,
            question,
            cosines.next().unwrap_or_default(),
            Vec::new(),
        );
        // The questions the articles do not answer are whole messages: a
        // message most like one is answered from a part of it only where
        // the part keeps a whole question (a sentence, or a question freed
        // of its preamble) and is what the message asks (in a message with
        // a question mark, a part of a sentence that ends with one); never
        // from a clause that may have dropped what made the message one
        // the articles do not answer.
        let parts: Vec<&Part> = if whole.unanswered_wins() {
            // A sentence that asks nothing ("russia recognised them. how
            // many followed?") is no question freed of its framing.
            let asking = parts.iter().any(|p| p.asks);
            parts
                .iter()
                .filter(|p| p.cut.keeps_the_question() && (p.asks || !asking))
                .collect()
        } else {
            parts.iter().collect()
        };
        if parts.is_empty() {
            whole.decision = self.decide(&whole);
            return whole;
        }
        // Only a clause that refers back needs the names of its sentence.
        let whole_named = if parts.iter().any(|p| p.referred_sentence().is_some()) {
            self.index.entities_named(&whole.query.resolved)
        } else {
            Vec::new()
        };
        let message_words = whole.evidence.words;
        let mut read: Vec<(Part, Analysis)> = Vec::with_capacity(parts.len());
        for part in parts.into_iter().cloned() {
            let analysis = Analysis {
                part: Some(part.text.clone()),
                message_words,
                ..self.analyze_text(
                    scope,
                    &part.text,
                    cosines.next().unwrap_or_default(),
                    part.referred_sentence()
                        .map(|s| self.sentence_entities(s, question, &whole_named, &read))
                        .unwrap_or_default(),
                )
            };
            // One content word is no question of its own, unless it
            // names someone ("is putin lol"): a long message's fragment
            // ("something like 'historic' right?") would match whatever
            // phrasing is that word.
            if analysis.evidence.words >= 2
                || !self
                    .index
                    .entities_named(&analysis.query.resolved)
                    .is_empty()
            {
                read.push((part, analysis));
            }
        }
        // How many readings rank the same entry first is a feature.
        let tops: Vec<Option<u32>> = std::iter::once(&whole)
            .chain(read.iter().map(|(_, a)| a))
            .map(|a| a.candidates.first().map(|c| c.number))
            .collect();
        let agreement = |i: usize| {
            if tops.len() < 2 {
                return 0.0; // the whole alone: no other reading to agree
            }
            let same = tops
                .iter()
                .enumerate()
                .filter(|&(j, t)| j != i && t.is_some() && *t == tops[i])
                .count();
            same as f32 / (tops.len() - 1) as f32
        };
        let mut best = whole;
        best.agreement = agreement(0);
        best.decision = self.decide(&best);
        let mut best_p = best.decision.probability;
        let mut best_sentence = None;
        for (i, (part, analysis)) in read.iter_mut().enumerate() {
            analysis.agreement = agreement(i + 1);
            analysis.decision = self.decide(analysis);
            if analysis.decision.probability > best_p {
                best_p = analysis.decision.probability;
                best = analysis.clone();
                best_sentence = Some(part.sentence);
            }
        }
        best.also = self.second_question(&best, best_sentence, &read);
        best
    }

    /// Returns the people and organisations `sentence` names, from its
    /// reading already made (the whole message, or the sentence as a part,
    /// which comes before its clauses), else by analyzing it.
    fn sentence_entities(
        &self,
        sentence: &str,
        message: &str,
        message_named: &[u32],
        read: &[(Part, Analysis)],
    ) -> Vec<u32> {
        if sentence == message.trim() {
            return message_named.to_vec();
        }
        match read.iter().find(|(p, _)| p.text == sentence) {
            Some((_, a)) => self.index.entities_named(&a.query.resolved),
            None => self
                .index
                .entities_named(&self.index.query(sentence).resolved),
        }
    }

    /// Returns the top candidate of another asked sentence of the message,
    /// when the decision would answer it and it is not the chosen entry.
    fn second_question(
        &self,
        chosen: &Analysis,
        sentence: Option<usize>,
        read: &[(Part, Analysis)],
    ) -> Option<Candidate> {
        let entry = chosen.candidates.first()?.entry;
        read.iter()
            .filter(|(part, a)| {
                part.asks
                    && Some(part.sentence) != sentence
                    && a.decision.status == Status::Answered
            })
            .filter_map(|(_, a)| Some((a.candidates.first()?, a.decision.probability)))
            .filter(|(c, _)| c.entry != entry)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| *c)
    }

    /// Returns one text analyzed and ranked in `scope`, with the encoder's
    /// per-entry cosines for it (empty without the encoder), not yet
    /// decided: a reading of a long message is decided once all its
    /// readings are ranked (see [`Analysis::agreement`]).
    /// `context`: the people and organisations its sentence names, for a
    /// clause that refers back to them.
    fn analyze_text(
        &self,
        scope: Scope,
        text: &str,
        semantic: Vec<f32>,
        context: Vec<u32>,
    ) -> Analysis {
        let mut query = self.index.query_in(text, scope);
        query.semantic = semantic;
        query.context_entities = context;
        let ranking = self.index.ranking(&query, scope, CONSIDERED);
        let evidence = self.index.evidence(&query);
        Analysis {
            scope,
            message_words: evidence.words,
            agreement: 0.0,
            evidence,
            query,
            candidates: ranking.candidates,
            unanswered: ranking.unanswered,
            too_long: false,
            part: None,
            also: None,
            decision: Decision::NONE,
        }
    }

    /// Returns the reply to `question` asked with the command of `scope`.
    pub fn reply(&self, scope: Scope, question: &str) -> Reply {
        self.reply_to(question, &self.analyze(scope, question))
    }

    /// Returns the reply to `question`, given its analysis.
    pub fn reply_to(&self, question: &str, analysis: &Analysis) -> Reply {
        let scope = analysis.scope;
        if analysis.too_long {
            let hint = format!(
                "That is too long for me: ask in a sentence or two (at most {MAX_QUESTION_CHARS} characters)."
            );
            return self.no_match(question, 0.0, hint);
        }
        if analysis.query.normalized.is_empty() {
            // Nothing but spaces, mentions, emoji or punctuation.
            return self.no_match(question, 0.0, empty_hint(scope));
        }
        let decision = analysis.decision;
        let candidates = &analysis.candidates;
        let Some(top) = candidates.first().copied() else {
            return self.no_match(question, 0.0, no_match_hint(scope));
        };
        let p = decision.probability;
        match decision.status {
            Status::Answered => {
                let mut answered = self.answered(question, top.entry.get(&self.dataset), p);
                // A second question in the message: offered as a choice.
                answered.also = analysis
                    .also
                    .map(|c| suggestion(c.entry.get(&self.dataset)));
                Reply::Answered(answered)
            }
            Status::Suggest => {
                let hint = if decision.unanswered {
                    "The articles may not say exactly that: these are the nearest they come. Pick one, or ask again in other words."
                } else {
                    "Pick one, or ask again in other words."
                };
                let floor = top.score - SUGGEST_WITHIN;
                let suggestions: Vec<Suggestion> = candidates
                    .iter()
                    .filter(|c| c.score >= floor)
                    .take(MAX_SUGGESTIONS)
                    .map(|c| suggestion(c.entry.get(&self.dataset)))
                    .collect();
                Reply::Suggest(Suggest {
                    query: question.to_string(),
                    confidence: p,
                    suggestions,
                    hint: hint.to_string(),
                    as_of: self.dataset.as_of,
                })
            }
            Status::NoMatch => self.no_match(question, p, no_match_hint(scope)),
        }
    }

    /// Returns the decision for an analysis: answer when the calibrated
    /// P(right) reaches `answer` and no rival ties, suggest from `suggest`
    /// (or on a tie), else no match.
    pub fn decide(&self, analysis: &Analysis) -> Decision {
        let t = &self.thresholds;
        let Some(top) = analysis.candidates.first() else {
            return Decision::NONE;
        };
        let Some(features) = Features::of(analysis, &self.index.tuning()) else {
            return Decision::NONE;
        };
        let probability = self.model_for(analysis).probability(&features);
        let unanswered = analysis.unanswered_wins();
        let tie = !unanswered && top.score - analysis.rival() < t.margin;
        let answer = if analysis.query.semantic.is_empty() {
            t.answer
        } else {
            t.answer_with_encoder
        };
        let only_choice = analysis.scope != Scope::All
            && analysis.evidence.words == 1
            && self.names_in_curated_words(analysis)
            && probability < answer
            && probability >= t.only_choice
            && !tie
            && analysis
                .candidates
                .get(1)
                .is_none_or(|c| c.score < top.score - SUGGEST_WITHIN);
        let status = if (probability >= answer || only_choice) && !tie && !unanswered {
            Status::Answered
        } else if probability >= t.suggest || tie {
            Status::Suggest
        } else {
            Status::NoMatch
        };
        Decision {
            status,
            probability,
            tie,
            features: Some(features),
            lexical: None,
            only_choice,
            unanswered,
        }
    }

    /// Returns true when every content word of the question is one the
    /// curated data uses (a phrasing, title, name or answer), not only
    /// questions people asked: for the rule that answers the only choice
    /// of a one-word /when or /who, the word must name the event or person
    /// as curators do. "/when christmas" reaches the Soviet invasion only
    /// through an asker who remembered it as Christmas time.
    fn names_in_curated_words(&self, analysis: &Analysis) -> bool {
        analysis
            .query
            .resolved
            .iter()
            .filter(|r| !r.word.stopword)
            .all(|r| r.terms.iter().any(|&(t, _)| self.index.curated_uses(t)))
    }

    /// Returns the answer of the entry `reference` points at (a pressed
    /// "did you mean" button), or `None` if there is no such entry.
    pub fn reply_for(&self, reference: &Reference, question: &str) -> Option<Reply> {
        let entry = self.dataset.find(reference)?;
        Some(self.answer(question, entry, 1.0))
    }

    /// Returns an answered reply for `entry`.
    pub fn answer(&self, question: &str, entry: Entry<'_>, confidence: f32) -> Reply {
        Reply::Answered(self.answered(question, entry, confidence))
    }

    /// Returns the answer `entry` gives to `question`.
    fn answered(&self, question: &str, entry: Entry<'_>, confidence: f32) -> Answered {
        let (title, answer) = match entry {
            Entry::Qa(q) => (q.question.clone(), q.answer.clone()),
            Entry::Event(e) => (
                e.title.clone(),
                format!("{} — {}. {}", e.date, trim_stop(&e.title), e.description),
            ),
            Entry::Person(p) => (
                p.name.clone(),
                format!("{} — {}. {}", p.name, trim_stop(&p.role), p.description),
            ),
        };
        let citations = entry
            .cite()
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let (source, section) = self.dataset.resolve(c);
                Citation {
                    n: i + 1,
                    source: source.id.clone(),
                    publisher: source.publisher.clone(),
                    title: source.title.clone(),
                    section: section.heading.clone(),
                    published: source.published.iso(),
                }
            })
            .collect();
        Answered {
            query: question.to_string(),
            entry: entry.reference(),
            title,
            answer,
            confidence,
            citations,
            caveat: entry.caveat().map(str::to_string),
            also: None,
            as_of: self.dataset.as_of,
        }
    }

    fn no_match(&self, question: &str, confidence: f32, hint: String) -> Reply {
        Reply::NoMatch(NoMatch {
            query: question.to_string(),
            confidence,
            hint,
            as_of: self.dataset.as_of,
        })
    }
}

fn suggestion(entry: Entry<'_>) -> Suggestion {
    Suggestion {
        kind: entry.kind(),
        id: entry.id().to_string(),
        label: entry.label(),
    }
}

fn empty_hint(scope: Scope) -> String {
    match scope {
        Scope::All => {
            "Ask me something about Russia's recognition of the Taliban government, \
                       e.g. \"why did russia recognise the taliban?\""
        }
        Scope::Timeline => "Name an event, e.g. /when recognition, or see /timeline.",
        Scope::People => "Name a person or a role, e.g. /who ambassador.",
    }
    .to_string()
}

fn no_match_hint(scope: Scope) -> String {
    match scope {
        Scope::All => {
            "I don't have an answer for that. I only know about Russia's recognition \
                       of the Taliban government (July 2025), its background since 1979 and the \
                       reactions. Try /timeline for dated events, /who for people, or rephrase."
        }
        Scope::Timeline => {
            "I can't find that event. Try /timeline to see every dated event, \
                            or /ask to ask in your own words."
        }
        Scope::People => {
            "I can't find that person or role. Try a name or a role such as \
                          ambassador or foreign minister, or /ask in your own words."
        }
    }
    .to_string()
}
