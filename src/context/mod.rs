//! Assertion context (the NegEx / ConText family): decides whether a mention of a finding in a sentence
//! is affirmed, negated or undocumented, possible, historical or hypothetical, about someone other than
//! the patient, or part of a statement of what a guideline requires.
//!
//! The trigger lexicon is data (`rules/context.toml`); this module compiles it into one Aho-Corasick
//! automaton and scans each sentence once. Evaluating a target against a scanned sentence allocates
//! nothing.

mod lexicon;
pub mod measure;
pub mod report;

pub use lexicon::{
    BodyRegion, BodyRegionSpec, Category, Direction, Lexicon, LexiconSpec, MAX_BODY_REGIONS,
};

use aho_corasick::AhoCorasick;
use serde::Serialize;
use std::ops::Range;

/// Whether the finding is stated as present, absent or uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Affirmed,
    Negated,
    Possible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Temporality {
    Current,
    Historical,
    Hypothetical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Experiencer {
    Patient,
    Other,
}

/// A trigger occurrence in a sentence, with the scope it governs (byte ranges of the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Index of the trigger in the lexicon.
    pub trigger: u32,
    pub start: u32,
    pub end: u32,
    pub scope_start: u32,
    pub scope_end: u32,
}

impl Cue {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn scope(&self) -> Range<usize> {
        self.scope_start as usize..self.scope_end as usize
    }
}

/// The context of one mention. Each axis keeps the cue that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assertion {
    pub status: Status,
    pub undocumented: bool,
    pub temporality: Temporality,
    pub experiencer: Experiencer,
    pub guideline_statement: bool,
    /// Only triggers that name a guideline source ("MTUS") made this a guideline statement.
    pub guideline_by_source_only: bool,
    /// Hypothetical only as what is expected to happen ("she will be homebound after surgery"), by
    /// `expectation` triggers alone.
    pub expected: bool,
    pub status_cue: Option<Cue>,
    pub undocumented_cue: Option<Cue>,
    pub temporality_cue: Option<Cue>,
    pub experiencer_cue: Option<Cue>,
    pub guideline_cue: Option<Cue>,
}

impl Assertion {
    pub const PLAIN: Assertion = Assertion {
        status: Status::Affirmed,
        undocumented: false,
        temporality: Temporality::Current,
        experiencer: Experiencer::Patient,
        guideline_statement: false,
        guideline_by_source_only: false,
        expected: false,
        status_cue: None,
        undocumented_cue: None,
        temporality_cue: None,
        experiencer_cue: None,
        guideline_cue: None,
    };

    /// The cue that mattered most, for explanations: guideline, then status, temporality, experiencer.
    pub fn deciding_cue(&self) -> Option<Cue> {
        self.guideline_cue
            .or(self.undocumented_cue.filter(|_| self.undocumented))
            .or(self.status_cue)
            .or(self.temporality_cue)
            .or(self.experiencer_cue)
    }
}

/// The body regions a sentence names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionsNamed {
    /// A bit set: bit `k` for the lexicon's region `k`.
    pub regions: u64,
    /// Where the sentence first names one.
    pub first: Option<Range<usize>>,
}

/// A compiled lexicon, ready to scan sentences.
#[derive(Debug, Clone)]
pub struct ContextEngine {
    lexicon: Lexicon,
    automaton: AhoCorasick,
    /// Per distinct phrase of the automaton: the lexicon entries it stands for. One phrase may act in
    /// several ways ("none" ends a list backwards and negates what follows it).
    phrase_entries: Vec<Vec<u32>>,
    patient_references: AhoCorasick,
    summary_references: AhoCorasick,
    /// Every body region's phrases; per phrase, its region.
    body_region_phrases: AhoCorasick,
    body_region_of_phrase: Vec<usize>,
    /// The lexicon's one-word forward negations.
    negation_words: Vec<String>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// A piece of a sentence read word by word: a word, or one byte between words.
enum Token {
    Word(Range<usize>),
    Mark(usize, u8),
}

/// The words of `bytes[from..to]` and the bytes between them, in order.
fn tokens(bytes: &[u8], from: usize, to: usize) -> impl Iterator<Item = Token> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        let start = at;
        if start >= to {
            return None;
        }
        if !is_word_byte(bytes[start]) {
            at += 1;
            return Some(Token::Mark(start, bytes[start]));
        }
        at = bytes[start..to]
            .iter()
            .position(|&b| !is_word_byte(b))
            .map_or(to, |p| start + p);
        Some(Token::Word(start..at))
    })
}

/// Whether `text[range]` stands as whole words.
pub fn at_word_boundaries(text: &[u8], range: &Range<usize>) -> bool {
    let before_ok = range.start == 0
        || !is_word_byte(text[range.start - 1])
        || !text.get(range.start).copied().is_some_and(is_word_byte);
    let after_ok = range.end >= text.len()
        || !is_word_byte(text[range.end])
        || !text.get(range.end - 1).copied().is_some_and(is_word_byte);
    before_ok && after_ok
}

/// Every match of `automaton` (built with the standard match kind) in `text` that stands as whole
/// words, overlapping ones included.
pub fn word_matches<'a>(
    automaton: &'a AhoCorasick,
    text: &'a str,
) -> impl Iterator<Item = aho_corasick::Match> + 'a {
    automaton
        .find_overlapping_iter(text)
        .filter(move |m| at_word_boundaries(text.as_bytes(), &m.range()))
}

/// The leftmost-longest non-overlapping matches of `automaton` (built with the standard match kind,
/// so every match is reported) that stand as whole words. A longer phrase that is not a whole word
/// ("not see" at the start of "not seem") must neither hide a shorter one at the same place ("not")
/// nor the words it covers ("contains no" in "contains none").
///
/// Quotation marks do not part a phrase: a reviewer quoting the record ("Spurling's test is
/// \"negative.\"") still writes "is negative". They are read as absent, and the matches returned
/// span the text as given.
pub fn whole_word_matches(automaton: &AhoCorasick, text: &str) -> Vec<aho_corasick::Match> {
    if memchr::memchr(b'"', text.as_bytes()).is_none() {
        return leftmost_longest_words(automaton, text);
    }
    // Where each byte of the text without its quotation marks stands in `text`.
    let mut unquoted = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        if c != '"' {
            unquoted.push(c);
            at.extend(i..i + c.len_utf8());
        }
    }
    at.push(text.len());
    leftmost_longest_words(automaton, &unquoted)
        .into_iter()
        .map(|m| {
            let end = at[m.end() - 1] + 1;
            aho_corasick::Match::new(m.pattern(), at[m.start()]..end)
        })
        .collect()
}

fn leftmost_longest_words(automaton: &AhoCorasick, text: &str) -> Vec<aho_corasick::Match> {
    let mut all: Vec<aho_corasick::Match> = word_matches(automaton, text).collect();
    all.sort_by_key(|m| (m.start(), std::cmp::Reverse(m.end()), m.pattern()));
    let mut kept = Vec::with_capacity(all.len());
    let mut end = 0;
    for m in all {
        if m.start() >= end {
            end = m.end();
            kept.push(m);
        }
    }
    kept
}

/// Counts whitespace-separated words in `text`.
fn words(text: &[u8]) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for &b in text {
        let space = b == b' ' || b == b'\n' || b == b'\t';
        if !space && !in_word {
            count += 1;
        }
        in_word = !space;
    }
    count
}

/// The byte offset `n` words after `from` (or the end).
fn advance_words(text: &[u8], from: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, &b) in text.iter().enumerate().skip(from) {
        let space = b == b' ' || b == b'\n' || b == b'\t';
        if !space && !in_word {
            if seen == n {
                return i;
            }
            seen += 1;
        }
        in_word = !space;
    }
    text.len()
}

/// Whether `words` introduce a list of examples ("such as", "including", "for example"), whose
/// entries may each open with an article.
fn names_examples(words: &[u8]) -> bool {
    [
        b"such as ".as_slice(),
        b"including ",
        b"for example ",
        b"for instance ",
        b"e.g. ",
        b"e.g., ",
    ]
    .iter()
    .any(|marker| {
        words
            .windows(marker.len())
            .any(|w| w.eq_ignore_ascii_case(marker))
    })
}

/// Where the list a negation starts at `from` ends, at most at `limit`: before an item that opens with
/// a determiner after a comma, which starts a new noun phrase rather than going on with the list ("no
/// side effects, a signed opioid agreement and a consistent drug screen"), unless the list gives
/// `examples` ("such as a new deficit, a seizure"), or, past `window_end`, at the end of its clause.
fn list_end(text: &[u8], from: usize, window_end: usize, limit: usize, examples: bool) -> usize {
    const OPENERS: [&[u8]; 9] = [
        b"a", b"an", b"the", b"his", b"her", b"their", b"its", b"this", b"that",
    ];
    let mut after_comma = false;
    let mut i = from;
    while i < limit {
        if i >= window_end && matches!(text[i], b'.' | b';' | b':') {
            return i;
        }
        if !text[i].is_ascii_alphanumeric() {
            after_comma |= text[i] == b',';
            i += 1;
            continue;
        }
        let word_end = (i..limit)
            .find(|&k| !(text[k].is_ascii_alphanumeric() || matches!(text[k], b'-' | b'\'' | b'/')))
            .unwrap_or(limit);
        if after_comma
            && !examples
            && OPENERS
                .iter()
                .any(|o| text[i..word_end].eq_ignore_ascii_case(o))
        {
            return i;
        }
        after_comma = false;
        i = word_end;
    }
    limit
}

/// Where the last entry of a list ends when the window stopped right before its conjunction: "none of
/// the reports ... mention heartburn, epigastric pain" / "or dyspepsia". At most three words, up to
/// the next punctuation.
fn final_conjunct_end(text: &[u8], from: usize, subjects: &[String]) -> Option<usize> {
    let rest = &text[from..];
    let skipped = rest.iter().take_while(|b| **b == b' ').count();
    let after = &rest[skipped..];
    let conjunction = [b"or ".as_slice(), b"and "]
        .into_iter()
        .find(|c| after.len() > c.len() && after[..c.len()].eq_ignore_ascii_case(c))?;
    let start = from + skipped + conjunction.len();
    // "..., and he walks daily": a clause of its own (a subject of the lexicon's opens it), not the
    // list's last entry.
    let next_word_len = text[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if in_word_list(subjects, &text[start..start + next_word_len]) {
        return None;
    }
    let mut end = start;
    let mut words = 0;
    while end < text.len() && words < 3 {
        if matches!(text[end], b',' | b'.' | b';' | b':' | b')' | b'?' | b'!') {
            break;
        }
        if text[end] == b' ' && end > start && text[end - 1] != b' ' {
            words += 1;
        }
        end += 1;
    }
    (end > start).then(|| {
        text[start..end]
            .iter()
            .rposition(|b| *b != b' ')
            .map_or(start, |p| start + p + 1)
    })
}

/// Whether the words of `bytes[from..to]` join a list's entries with "or" (or "nor") and never
/// with "and".
fn lists_alternatives(bytes: &[u8], from: usize, to: usize) -> bool {
    let (mut or, mut and) = (false, false);
    for token in tokens(bytes, from, to) {
        if let Token::Word(word) = token {
            let word = &bytes[word];
            or |= word.eq_ignore_ascii_case(b"or") || word.eq_ignore_ascii_case(b"nor");
            and |= word.eq_ignore_ascii_case(b"and");
        }
    }
    or && !and
}

/// Whether `word` is in `list` (lower case, sorted), ignoring its case.
fn in_word_list(list: &[String], word: &[u8]) -> bool {
    word.len() <= 16
        && list
            .binary_search_by(|w| {
                w.as_bytes()
                    .iter()
                    .copied()
                    .cmp(word.iter().map(u8::to_ascii_lowercase))
            })
            .is_ok()
}

/// The byte offset where the `n`th word before `to` starts (or 0).
fn retreat_words(text: &[u8], to: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut i = to;
    while i > 0 {
        while i > 0 && text[i - 1] == b' ' {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        while i > 0 && text[i - 1] != b' ' {
            i -= 1;
        }
        seen += 1;
        if seen == n {
            return i;
        }
    }
    0
}

impl ContextEngine {
    pub fn new(lexicon: Lexicon) -> Result<ContextEngine, aho_corasick::BuildError> {
        let mut phrases: Vec<&str> = Vec::new();
        let mut phrase_entries: Vec<Vec<u32>> = Vec::new();
        let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (e, entry) in lexicon.entries.iter().enumerate() {
            let k = *index.entry(entry.phrase.as_str()).or_insert_with(|| {
                phrases.push(entry.phrase.as_str());
                phrase_entries.push(Vec::new());
                phrases.len() - 1
            });
            phrase_entries[k].push(e as u32);
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&phrases)?;
        let references = |phrases: &[String]| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(phrases)
        };
        let patient_references = references(&lexicon.patient_references)?;
        let summary_references = references(&lexicon.summary_references)?;
        let (region_phrases, body_region_of_phrase): (Vec<&str>, Vec<usize>) = lexicon
            .body_regions
            .iter()
            .enumerate()
            .flat_map(|(k, r)| r.phrases.iter().map(move |p| (p.as_str(), k)))
            .unzip();
        let body_region_phrases = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(region_phrases)?;
        let negation_words = lexicon
            .entries
            .iter()
            .filter(|e| {
                e.category == lexicon::Category::Negated
                    && e.direction == lexicon::Direction::Forward
                    && !e.phrase.contains(' ')
            })
            .map(|e| e.phrase.clone())
            .collect();
        Ok(ContextEngine {
            lexicon,
            automaton,
            phrase_entries,
            patient_references,
            summary_references,
            body_region_phrases,
            body_region_of_phrase,
            negation_words,
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Whether `sentence` refers to this patient ("he", "this patient", "in this case").
    pub fn names_patient(&self, sentence: &str) -> bool {
        word_matches(&self.patient_references, sentence)
            .next()
            .is_some()
    }

    /// Whether `sentence` opens by going on about what the sentence before it named ("Since then ...").
    pub fn continues_previous(&self, sentence: &str) -> bool {
        let sentence = sentence.trim_start().as_bytes();
        self.lexicon.continuation_openers.iter().any(|opener| {
            let opener = opener.as_bytes();
            sentence.len() > opener.len()
                && sentence[..opener.len()].eq_ignore_ascii_case(opener)
                && !sentence[opener.len()].is_ascii_alphanumeric()
        })
    }

    /// Whether `target` starts within the trigger `cue` (of lexicon entry `entry`), on one of the
    /// words after the phrase's first, and runs past it, the trigger's closing words being the
    /// mention's opening ones: "signs of infection" in "no signs of infection", "recommended surgery"
    /// in "has not recommended surgery". Only a phrase ending in "of", or one that says whether a
    /// finding is there, shares its words so; what a trigger's first word negates is never the
    /// mention's own start, and a mention that opens with a trigger ("no documentation of a trial"
    /// in "contains no documentation", "rule out a tear" in "to rule out") carries its own.
    fn shares_closing_words(
        &self,
        entry: &lexicon::Entry,
        cue: &Cue,
        target: &Range<usize>,
    ) -> bool {
        let (start, end) = (cue.start as usize, cue.end as usize);
        let inside = start < target.start && target.start < end && target.end > end;
        let phrase = entry.phrase.as_str();
        if !(inside && (phrase.ends_with(" of") || entry.category.is_status())) {
            return false;
        }
        let first_word = phrase.find(' ').unwrap_or(phrase.len());
        let shared = end - target.start;
        if shared > phrase.len() - first_word {
            return false;
        }
        let Some(tail) = phrase.get(phrase.len() - shared..) else {
            return false;
        };
        // The mention opens with a status trigger of its own ("no documentation", "rule out a
        // tear" in "to rule out a tear"): it reads that one, not this.
        let opens_with_trigger = self.lexicon.entries.iter().any(|e| {
            e.category.is_status()
                && tail.starts_with(e.phrase.as_str())
                && tail[e.phrase.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ')
        });
        !opens_with_trigger
    }

    /// Whether `word` is, on its own, a negation trigger of the lexicon ("no", "not", "without").
    pub fn is_negation_word(&self, word: &str) -> bool {
        self.negation_words
            .iter()
            .any(|n| n.eq_ignore_ascii_case(word))
    }

    /// The body regions `sentence` names (logical text, whose words a single blank parts, as
    /// [`crate::text::LogicalText`] writes it: a region wrapped over lines, "low" / "back", is one).
    pub fn body_regions_named(&self, sentence: &str) -> RegionsNamed {
        let mut named = RegionsNamed::default();
        for m in word_matches(&self.body_region_phrases, sentence) {
            named.regions |= 1 << self.body_region_of_phrase[m.pattern().as_usize()];
            if named.first.as_ref().is_none_or(|f| m.start() < f.start) {
                named.first = Some(m.range());
            }
        }
        named
    }

    /// The body regions whose statements bear on a request for any of `regions`: those regions and
    /// the ones the lexicon relates to them.
    pub fn regions_bearing_on(&self, regions: u64) -> u64 {
        self.lexicon
            .body_regions
            .iter()
            .enumerate()
            .filter(|(k, _)| regions & (1 << k) != 0)
            .fold(0, |mask, (_, r)| mask | r.bears_on)
    }

    /// Whether `text` speaks of the case summary itself or of an error in the record.
    pub fn names_summary(&self, text: &str) -> bool {
        word_matches(&self.summary_references, text)
            .next()
            .is_some()
    }

    /// Scans one sentence for triggers and computes their scopes into `cues` (cleared first).
    pub fn scan(&self, sentence: &str, cues: &mut Vec<Cue>) {
        cues.clear();
        let bytes = sentence.as_bytes();
        let mut terminators: [u32; 32] = [0; 32];
        let mut terminator_ends: [u32; 32] = [0; 32];
        let mut terminator_cats: [u8; 32] = [0; 32];
        let mut n_terminators = 0usize;
        for m in whole_word_matches(&self.automaton, sentence) {
            let range = m.range();
            for &e in &self.phrase_entries[m.pattern().as_usize()] {
                let entry = &self.lexicon.entries[e as usize];
                match entry.category {
                    Category::Pseudo => {}
                    Category::Terminator => {
                        if n_terminators < terminators.len() {
                            terminators[n_terminators] = range.start as u32;
                            terminator_ends[n_terminators] = range.end as u32;
                            terminator_cats[n_terminators] = entry.terminates;
                            n_terminators += 1;
                        }
                    }
                    _ => cues.push(Cue {
                        trigger: e,
                        start: range.start as u32,
                        end: range.end as u32,
                        scope_start: 0,
                        scope_end: 0,
                    }),
                }
            }
        }
        // Where the sentence's opening subordinate clause ends, if it opens with one: read once, for
        // every trigger's scope.
        let opening = if cues.is_empty() {
            None
        } else {
            self.subordinate_clause_end(bytes)
        };
        for cue in cues.iter_mut() {
            let entry = &self.lexicon.entries[cue.trigger as usize];
            let clause_end = |b: u8| {
                (b == b';' && entry.semicolon_ends_scope) || (b == b',' && entry.comma_ends_scope)
            };
            let mask = entry.category.mask();
            let window = entry.window.unwrap_or(self.lexicon.window);
            let (start, end) = (cue.start as usize, cue.end as usize);
            if entry.own_words_only {
                let first_word_end = bytes[start..end]
                    .iter()
                    .position(|b| b.is_ascii_whitespace())
                    .map_or(end, |p| start + p);
                cue.end = first_word_end as u32;
                cue.scope_start = first_word_end as u32;
                cue.scope_end = end as u32;
                continue;
            }
            match entry.direction {
                Direction::Forward | Direction::Both => {
                    let mut scope_end = advance_words(bytes, end, window).min(bytes.len());
                    if entry.lists_extend_scope {
                        let commas = bytes[end..scope_end].iter().filter(|&&b| b == b',').count();
                        // "no red-flag features such as a new focal deficit, a seizure or a change
                        // in headache pattern": an example list runs on, its entries with articles.
                        let examples = commas >= 1 && names_examples(&bytes[end..scope_end]);
                        let limit = if commas >= 2 || examples {
                            advance_words(bytes, end, 2 * window)
                        } else {
                            scope_end
                        };
                        scope_end = list_end(bytes, end, scope_end, limit, examples);
                        if commas == 1 && !examples {
                            scope_end =
                                final_conjunct_end(bytes, scope_end, &self.lexicon.clause_subjects)
                                    .unwrap_or(scope_end);
                        }
                    }
                    for k in 0..n_terminators {
                        let t = terminators[k] as usize;
                        if t >= end && t < scope_end && terminator_cats[k] & mask != 0 {
                            scope_end = t;
                        }
                    }
                    if let Some(p) = bytes[end..scope_end].iter().position(|&b| clause_end(b)) {
                        scope_end = end + p;
                    }
                    if let Some(p) = parenthesis_closed(&bytes[end..scope_end]) {
                        scope_end = end + p;
                    }
                    // A trigger inside a sentence's opening subordinate clause reaches no further
                    // than the comma that closes it: "Because it contains agents that are not
                    // recommended, | it is not supported."
                    if let Some(comma) = opening {
                        if end <= comma && comma < scope_end {
                            scope_end = comma;
                        }
                    }
                    // An absence is stated of its own clause; what a guideline requires, or what
                    // is planned, runs over a list whose entries hold verbs of their own.
                    let absence =
                        matches!(entry.category, Category::Negated | Category::Undocumented);
                    if let Some(joint) = absence
                        .then(|| {
                            let verb_before = self.has_clause_verb(&bytes[..start]);
                            // "without" and "with no" head a phrase of the clause before them, never
                            // the subject of a verb after them.
                            let phrase = entry.phrase.as_bytes();
                            let prepositional = phrase.eq_ignore_ascii_case(b"without")
                                || phrase.eq_ignore_ascii_case(b"with no");
                            self.clause_end_after(bytes, end, scope_end, verb_before, prepositional)
                        })
                        .flatten()
                    {
                        scope_end = joint;
                    }
                    if absence {
                        // The list is read past the scope: its later entries tell what it lists.
                        let list_end = advance_words(bytes, end, 2 * window).min(bytes.len());
                        if let Some(comma) = self.own_polarity_list(bytes, end, list_end) {
                            scope_end = scope_end.min(comma);
                        }
                        // A list of alternatives closed by "or" is still all absent: "without
                        // fracture, dislocation, or effusion".
                        if self.inside_diagnosis_entry(bytes, start)
                            && !lists_alternatives(bytes, end, list_end)
                        {
                            if let Some(p) = bytes[end..scope_end].iter().position(|&b| b == b',') {
                                scope_end = end + p;
                            }
                        }
                    }
                    if entry.category == Category::OtherExperiencer
                        && self.names_companion(&bytes[..start])
                    {
                        scope_end = self.companion_clause_end(bytes, end, scope_end);
                    }
                    cue.scope_start = if entry.direction == Direction::Both {
                        retreat_words(bytes, start, window) as u32
                    } else {
                        end as u32
                    };
                    cue.scope_end = scope_end as u32;
                }
                Direction::Backward => {
                    let mut scope_start = retreat_words(bytes, start, window);
                    for k in 0..n_terminators {
                        let t = terminators[k] as usize;
                        // A clause after the terminator with no subject of its own ("an injection was
                        // discussed but has not been performed", "failed conservative care, which is
                        // not documented") speaks of the subject before it.
                        if t >= start || t < scope_start || terminator_cats[k] & mask == 0 {
                            continue;
                        }
                        let t_end = terminator_ends[k] as usize;
                        let subjectless = self.auxiliaries_only(&bytes[t_end..start.max(t_end)])
                            || (start <= t_end + 1
                                && tokens(bytes, t, t_end)
                                    .filter_map(|token| match token {
                                        Token::Word(word) => Some(word),
                                        Token::Mark(..) => None,
                                    })
                                    .last()
                                    .is_some_and(|word| self.auxiliaries_only(&bytes[word])));
                        if !subjectless {
                            scope_start = t;
                        }
                    }
                    if let Some(p) = bytes[scope_start..start]
                        .iter()
                        .rposition(|&b| clause_end(b))
                    {
                        scope_start += p + 1;
                    }
                    // A colon with a clause of its own after it ends the scope ("the radiculopathy is
                    // not subtle: the left ankle jerk is absent"); a label's value alone after it
                    // speaks of the label ("Ankle reflex: absent").
                    if let Some(p) = bytes[scope_start..start].iter().rposition(|&b| b == b':') {
                        let colon = scope_start + p;
                        if bytes[colon + 1..start]
                            .iter()
                            .any(u8::is_ascii_alphanumeric)
                        {
                            scope_start = colon + 1;
                        }
                    }
                    if let Some(p) = parenthesis_opened(&bytes[scope_start..start]) {
                        let open = scope_start + p;
                        // A trigger alone in its parentheses speaks of what stands just before them:
                        // "eczema (resolved)", "Lachman (negative)".
                        let alone = bytes[open + 1..start].iter().all(|&b| b == b' ')
                            && bytes[end..].iter().find(|&&b| b != b' ') == Some(&b')');
                        scope_start = if alone {
                            bytes[scope_start..open]
                                .iter()
                                .rposition(|&b| matches!(b, b',' | b':'))
                                .map_or(scope_start, |c| scope_start + c + 1)
                        } else {
                            open + 1
                        };
                    }
                    let trigger_has_verb = self.has_verb(&bytes[start..end]);
                    if let Some(joint) =
                        self.clause_joint(&bytes[..start], scope_start, opening, trigger_has_verb)
                    {
                        scope_start = joint;
                    }
                    cue.scope_start = scope_start as u32;
                    cue.scope_end = start as u32;
                }
            }
        }
    }

    /// Where, in the words before a backward trigger, the trigger's own clause starts: at the last
    /// clause conjunction that follows a verb ("she reports relief | and function was not
    /// documented"), or at the last comma after a verb that a subject of the trigger's own follows,
    /// opened by a determiner or a pronoun ("her scores have dropped, | the crying spells have
    /// resolved"), if any. A relative clause ("a fever, which has resolved") or an adverb ("for 2
    /// days, now resolved") speaks of what stands before its comma. `before` is the sentence up to
    /// the trigger, whose verbs count wherever they stand ("There are no myelopathic signs and no red
    /// flags, | and no surgery is planned"); only a joint at `from` or after is taken. A sentence
    /// opened by a subordinate clause ends that clause at `opening`, the comma that closes it
    /// ([`Self::subordinate_clause_end`]: "Because these conflicts cannot be reconciled, | necessity
    /// is not established"). A conjunction joins two clauses only when the second has a verb too,
    /// before the trigger or in it (`trigger_has_verb`): in "she has been nausea and vomiting free"
    /// the conjunction joins two symptoms, both free.
    fn clause_joint(
        &self,
        before: &[u8],
        from: usize,
        opening: Option<usize>,
        trigger_has_verb: bool,
    ) -> Option<usize> {
        let mut verb_seen = false;
        let mut joint = None;
        // The last conjunction after a verb, until a verb of its own clause follows it.
        let mut conjunction: Option<usize> = None;
        // The start of the words after the last comma that follows a verb, until a word comes.
        let mut after_comma: Option<usize> = None;
        for token in tokens(before, 0, before.len()) {
            let word = match token {
                Token::Mark(at, b',') if Some(at) == opening => {
                    if at + 1 >= from {
                        joint = Some(at + 1);
                    }
                    after_comma = Some(at + 1);
                    continue;
                }
                Token::Mark(at, b',') if verb_seen => {
                    after_comma = Some(at + 1);
                    continue;
                }
                // A semicolon or colon ends a clause: its verbs join nothing after it ("He was
                // diuresed; his edema and orthopnea resolved").
                Token::Mark(_, b';' | b':') => {
                    verb_seen = false;
                    after_comma = None;
                    joint = None;
                    continue;
                }
                Token::Mark(..) => continue,
                Token::Word(word) => word,
            };
            let at = word.start;
            let word = &before[word];
            if let Some(comma) = after_comma.take() {
                if comma >= from && in_word_list(&self.lexicon.clause_subjects, word) {
                    joint = Some(comma);
                    // The verbs before the comma are the last clause's: a conjunction in the new
                    // subject joins its nouns ("Strength is normal, | the Spurling's and Hoffmann
                    // tests are negative").
                    verb_seen = false;
                    conjunction = None;
                }
            }
            if verb_seen && at >= from && in_word_list(&self.lexicon.clause_conjunctions, word) {
                conjunction = Some(at);
            } else if in_word_list(&self.lexicon.clause_verbs, word) {
                verb_seen = true;
                joint = conjunction.take().or(joint);
            }
        }
        if trigger_has_verb {
            joint = conjunction.or(joint);
        }
        joint
    }

    /// Whether `words` hold one of the lexicon's clause verbs.
    fn has_clause_verb(&self, words: &[u8]) -> bool {
        tokens(words, 0, words.len()).any(|token| match token {
            Token::Word(word) => in_word_list(&self.lexicon.clause_verbs, &words[word]),
            Token::Mark(..) => false,
        })
    }

    /// Whether `words` holds one or two auxiliaries of a clause sharing the subject before it ("has",
    /// "was") and nothing else.
    fn auxiliaries_only(&self, words: &[u8]) -> bool {
        let mut count = 0;
        let only = tokens(words, 0, words.len()).all(|token| match token {
            Token::Word(word) => {
                count += 1;
                count <= 2 && in_word_list(&self.lexicon.shared_subject_auxiliaries, &words[word])
            }
            Token::Mark(_, b' ') => true,
            Token::Mark(..) => false,
        });
        only && count > 0
    }

    /// Whether a trigger's words hold a verb: a clause verb ("was not documented") or a participle
    /// standing for a clause ("function not documented", "ruled out").
    fn has_verb(&self, trigger: &[u8]) -> bool {
        tokens(trigger, 0, trigger.len()).any(|token| match token {
            Token::Word(word) => {
                let word = &trigger[word];
                in_word_list(&self.lexicon.clause_verbs, word)
                    || (word.len() > 3 && word[word.len() - 2..].eq_ignore_ascii_case(b"ed"))
            }
            Token::Mark(..) => false,
        })
    }

    /// Where a sentence's opening subordinate clause ends ("Because the records conflict on the
    /// tear, | ..."): the first comma after the clause's verb, when a clause opener starts the
    /// sentence.
    fn subordinate_clause_end(&self, bytes: &[u8]) -> Option<usize> {
        let mut verb_seen = false;
        let mut first = true;
        for token in tokens(bytes, 0, bytes.len()) {
            match token {
                // The opening clause ends at its first comma, or cannot be told from a list.
                Token::Mark(at, b',') => return verb_seen.then_some(at),
                Token::Mark(_, b';' | b':') => return None,
                Token::Mark(..) => {}
                Token::Word(word) => {
                    let word = &bytes[word];
                    if first {
                        if !in_word_list(&self.lexicon.clause_openers, word) {
                            return None;
                        }
                        first = false;
                    } else if in_word_list(&self.lexicon.clause_verbs, word) {
                        verb_seen = true;
                    }
                }
            }
        }
        None
    }

    /// Where, in a forward trigger's scope `from..to`, its clause ends: at a comma before a clause
    /// conjunction, when a verb comes before the comma (or before the trigger, `verb_before`: "she has
    /// bursitis without a tear, | and months of therapy have not helped") and another after the
    /// conjunction ("No radicular signs were found, | and facet tenderness was noted"), or right
    /// after it ("denies chest pain, | and has shortness of breath"). A list has no verb after its
    /// conjunction ("she has no numbness, tingling, and weakness") and stays in scope.
    fn clause_end_after(
        &self,
        bytes: &[u8],
        from: usize,
        to: usize,
        verb_before: bool,
        prepositional: bool,
    ) -> Option<usize> {
        let mut verb_seen = verb_before;
        let mut comma: Option<usize> = None;
        // A comma and the conjunction after it: where the clause would end, whether a verb came
        // before it, and whether a word came after the conjunction.
        let mut joint: Option<(usize, bool, bool)> = None;
        // A verb of the absence's own clause ("no further surgery is indicated"), then a bare "and"
        // and a subject of the next clause: where it would end and the words read after it.
        let mut scope_verb = false;
        let mut bare: Option<(usize, usize)> = None;
        // The first comma of the scope, before any verb of its own: where a coordinated subject of a
        // clause of its own would start ("axial without radicular signs, | facet tenderness and
        // loading are documented").
        let mut first_comma: Option<usize> = None;
        let mut previous: &[u8] = b"";
        for token in tokens(bytes, from, to) {
            let (word, range) = match token {
                Token::Mark(at, b',') => {
                    comma = Some(at);
                    if !scope_verb && first_comma.is_none() {
                        first_comma = Some(at);
                    }
                    continue;
                }
                Token::Mark(_, b' ') => continue,
                Token::Mark(..) => {
                    comma = None;
                    bare = None;
                    continue;
                }
                Token::Word(word) => (&bytes[word.clone()], word),
            };
            let verb = in_word_list(&self.lexicon.clause_verbs, word);
            // A plural verb after the comma, its subject the entries between: a clause of its own,
            // where a prepositional trigger's clause has its verb before the trigger. Not a
            // relative clause's ("weakness that are ..."), and not after "no", whose list is the
            // verb's own subject ("no early refills, lost prescriptions or other aberrant conduct
            // are described").
            let relative = [&b"that"[..], b"which", b"who"]
                .iter()
                .any(|r| previous.eq_ignore_ascii_case(r));
            if prepositional
                && verb_before
                && !scope_verb
                && !relative
                && (word.eq_ignore_ascii_case(b"are") || word.eq_ignore_ascii_case(b"were"))
            {
                if let Some(c) = first_comma {
                    return Some(c);
                }
            }
            previous = word;
            // "... is indicated and the psychological evaluation cleared him": the second clause has
            // a subject of its own, opened by a determiner, and a verb within a few words of it
            // (a past tense after the subject's first word: "the associated swelling" is no clause).
            if let Some((at, read)) = bare {
                let past = read >= 2 && word.len() > 3 && word.ends_with(b"ed");
                if read == 0 && !in_word_list(&self.lexicon.clause_subjects, word) {
                    bare = None;
                } else if read > 0 && (verb || past) {
                    return Some(at);
                } else if read >= 5 {
                    bare = None;
                } else {
                    bare = Some((at, read + 1));
                }
            }
            if scope_verb && comma.is_none() && bare.is_none() && word.eq_ignore_ascii_case(b"and")
            {
                bare = Some((range.start, 0));
            }
            scope_verb |= verb;
            if let Some((c, verb_before, word_after)) = joint {
                if verb && (verb_before || !word_after) {
                    return Some(c);
                }
                joint = Some((c, verb_before, true));
            }
            if let Some(c) = comma.take() {
                // "without advanced arthritis, | and failure of therapy": a comma before "and" after a
                // single entry joins a conjunct of the clause, not a list's last entry (a list of
                // three takes a comma before each: "without fever, chills, and sweats").
                if prepositional && first_comma == Some(c) && word.eq_ignore_ascii_case(b"and") {
                    return Some(c);
                }
                if in_word_list(&self.lexicon.clause_conjunctions, word) {
                    joint = Some((c, verb_seen, false));
                }
            }
            verb_seen |= verb;
        }
        None
    }

    /// Whether a trigger at `start` stands inside an entry of a list of diagnoses, after words of the
    /// entry's own: "Diagnoses include lumbar spondylosis | without myelopathy, facet arthropathy".
    fn inside_diagnosis_entry(&self, bytes: &[u8], start: usize) -> bool {
        // "include" and the like after the head open the list, as a colon does.
        const OPENS: [&[u8]; 9] = [
            b"include",
            b"includes",
            b"included",
            b"including",
            b"are",
            b"were",
            b"is",
            b"was",
            b"of",
        ];
        let mut head_seen = false;
        // Words of the current entry read before the trigger.
        let mut entry_words = 0;
        for token in tokens(bytes, 0, start) {
            match token {
                Token::Word(word)
                    if in_word_list(&self.lexicon.diagnosis_list_heads, &bytes[word.clone()]) =>
                {
                    head_seen = true;
                    entry_words = 0;
                }
                Token::Word(word) => {
                    let opens = OPENS
                        .iter()
                        .any(|o| bytes[word.clone()].eq_ignore_ascii_case(o));
                    if !(entry_words == 0 && opens) {
                        entry_words += 1;
                    }
                }
                Token::Mark(_, b',' | b':' | b';') => entry_words = 0,
                Token::Mark(..) => {}
            }
        }
        head_seen && entry_words >= 1
    }

    /// Where an absence's list ends when it lists the findings of the sentence's verb rather than what
    /// is absent: the first comma of `bytes[from..to]`, when an entry after a later comma, in the same
    /// run of the sentence, opens with a word of polarity of its own ("..., a negative Spurling's
    /// test"). A conjunction after the comma ("..., and normal reflexes") is a clause joint, read
    /// elsewhere. An entry that opens with a measurement, or holds one after "and", is found, and the
    /// absence stops at the comma before it: nothing is absent at "9/10" ("no retropulsion, and 9/10
    /// pain despite bracing", "without radiation, and knee pain 6/10"), while "or" still lists what is
    /// absent.
    fn own_polarity_list(&self, bytes: &[u8], from: usize, to: usize) -> Option<usize> {
        // A list whose first entry opens with such a word too lists like things, all absent: "say
        // nothing about improved activity tolerance, reduced medication use or a change in work
        // status".
        let first_word = tokens(bytes, from, to)
            .filter_map(|token| match token {
                Token::Word(word) => Some(&bytes[word]),
                Token::Mark(..) => None,
            })
            .find(|word| {
                ![
                    b"a".as_slice(),
                    b"an",
                    b"the",
                    b"any",
                    b"about",
                    b"of",
                    b"regarding",
                    b"on",
                ]
                .iter()
                .any(|d| word.eq_ignore_ascii_case(d))
            });
        if first_word.is_some_and(|word| in_word_list(&self.lexicon.polarity_words, word)) {
            return None;
        }
        let mut first_comma: Option<usize> = None;
        let mut last_comma = 0;
        // The entry after the comma opened with "and".
        let mut after_and = false;
        // After a comma: how many words of the entry were read.
        let mut entry: Option<usize> = None;
        // The word before was "and", after the first comma.
        let mut previous_and = false;
        for token in tokens(bytes, from, to) {
            let word = match token {
                Token::Mark(at, b',') => {
                    first_comma.get_or_insert(at);
                    last_comma = at;
                    entry = Some(0);
                    after_and = false;
                    previous_and = false;
                    continue;
                }
                Token::Mark(_, b' ' | b'-' | b'\'' | b'/') => continue,
                Token::Mark(..) => return None,
                Token::Word(word) => &bytes[word],
            };
            // A polarity word after "and" within an entry after the comma: the entries there are
            // found ("without radicular findings, | facet tenderness and positive loading").
            if previous_and && in_word_list(&self.lexicon.polarity_words, word) {
                return first_comma
                    .filter(|&c| bytes[from..c].iter().any(u8::is_ascii_alphanumeric));
            }
            previous_and = first_comma.is_some() && word.eq_ignore_ascii_case(b"and");
            let Some(read) = entry else { continue };
            let measured = word.first().is_some_and(u8::is_ascii_digit);
            if (read == 0 || after_and) && measured {
                return bytes[from..last_comma]
                    .iter()
                    .any(u8::is_ascii_alphanumeric)
                    .then_some(last_comma);
            }
            // After "and" the whole entry is read for a measurement: "without radiation, and right
            // shoulder and knee pain 6/10" rates what is present.
            if after_and {
                continue;
            }
            if read == 0 && word.eq_ignore_ascii_case(b"and") {
                after_and = true;
                continue;
            }
            // An entry opened by a verb in the present tense is a predicate of the sentence's subject,
            // not one more thing absent: "has no GI history, | takes a single anti-inflammatory". An
            // auxiliary may open the inverted clause the absence is about ("At no point in the records,
            // including the intake questionnaire, has the claimant endorsed depression").
            let auxiliary = [b"is".as_slice(), b"has", b"does", b"was"]
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a));
            if read == 0
                && word.len() > 3
                && word.ends_with(b"s")
                && !auxiliary
                && in_word_list(&self.lexicon.clause_verbs, word)
            {
                return bytes[from..last_comma]
                    .iter()
                    .any(u8::is_ascii_alphanumeric)
                    .then_some(last_comma);
            }
            let determiner = [b"a".as_slice(), b"an", b"the"]
                .iter()
                .any(|d| word.eq_ignore_ascii_case(d));
            if read == 0 && determiner {
                entry = Some(1);
                continue;
            }
            if in_word_list(&self.lexicon.polarity_words, word) {
                // A list closed by "or" and joined by no "and" is one of alternatives, all absent:
                // "denies fatigue, reduced libido or erectile dysfunction".
                if lists_alternatives(bytes, last_comma, to) {
                    return None;
                }
                // Only a comma after the first closes an entry the absence reached.
                return first_comma
                    .filter(|&c| bytes[from..c].iter().any(u8::is_ascii_alphanumeric));
            }
            entry = None;
        }
        None
    }

    /// Whether a treatment named between `before` and `after` is an outcome of what the sentence speaks
    /// of: one of the lexicon's outcome words stands among the last three words before it, through a
    /// determiner ("he reduced tramadol", "cut his Norco in half", "less ibuprofen"), or ends a clause
    /// the treatment is the subject of, through an auxiliary ("Norco stopped,", "tramadol use was
    /// discontinued and"). An outcome word followed by its object keeps the treatment the subject:
    /// "Norco reduced her pain" speaks of Norco.
    pub fn names_outcome(&self, before: &str, after: &str) -> bool {
        let before_names = before
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .rev()
            .take(3)
            .any(|word| in_word_list(&self.lexicon.outcome_words, word.as_bytes()));
        before_names || self.ends_in_outcome(after)
    }

    fn ends_in_outcome(&self, after: &str) -> bool {
        let mut rest = after;
        for _ in 0..4 {
            let trimmed = rest.trim_start_matches(' ');
            let len = trimmed
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(trimmed.len());
            if len == 0 {
                return false;
            }
            let (word, tail) = trimmed.split_at(len);
            if in_word_list(&self.lexicon.outcome_auxiliaries, word.as_bytes()) {
                rest = tail;
                continue;
            }
            if !in_word_list(&self.lexicon.outcome_words, word.as_bytes()) {
                return false;
            }
            let next = tail.trim_start_matches(' ');
            return next.is_empty()
                || next.starts_with([',', ';', '.', ')', ':'])
                || next
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .next()
                    .is_some_and(|w| {
                        in_word_list(&self.lexicon.clause_conjunctions, w.as_bytes())
                    });
        }
        false
    }

    /// Whether the person a trigger names right after `before` is the object of a companion
    /// preposition, possibly through a determiner: "with his wife", "by the patient's mother".
    fn names_companion(&self, before: &[u8]) -> bool {
        let mut words = before
            .split(|&b| !is_word_byte(b) && b != b'\'')
            .rev()
            .filter(|w| !w.is_empty());
        for _ in 0..3 {
            let Some(word) = words.next() else {
                return false;
            };
            if in_word_list(&self.lexicon.companion_prepositions, word) {
                return true;
            }
            let determiner = in_word_list(&self.lexicon.clause_subjects, word)
                || word.ends_with(b"'s")
                || word.eq_ignore_ascii_case(b"a");
            if !determiner {
                return false;
            }
        }
        false
    }

    /// Where the scope of a companion (see [`Self::names_companion`]) ends: at the next comma (unless a
    /// relative clause follows it), pronoun subject, or clause conjunction that a verb or a pronoun
    /// follows, after `from` and within `to`.
    fn companion_clause_end(&self, bytes: &[u8], from: usize, to: usize) -> usize {
        let pronoun = |word: &[u8]| {
            [&b"he"[..], b"she", b"they"]
                .iter()
                .any(|p| word.eq_ignore_ascii_case(p))
        };
        for token in tokens(bytes, from, to) {
            let word = match token {
                // A relative clause after the comma still speaks of the companion: "with her
                // mother, who has dementia".
                Token::Mark(at, b',') => {
                    let rest = bytes[at + 1..to].trim_ascii_start();
                    let relative = rest.len() > 3
                        && rest[..3].eq_ignore_ascii_case(b"who")
                        && rest.get(3).is_none_or(|&b| !is_word_byte(b) || b == b's');
                    if !relative {
                        return at;
                    }
                    continue;
                }
                Token::Mark(at, b';') => return at,
                Token::Mark(..) => continue,
                Token::Word(word) => word,
            };
            let (at, end) = (word.start, word.end);
            let word = &bytes[word];
            if pronoun(word) {
                return at;
            }
            // A conjunction opens a clause when a verb or a subject follows it ("and has radicular
            // pain"), not inside a list ("with gestational diabetes and GBS positive status").
            if in_word_list(&self.lexicon.clause_conjunctions, word) {
                let next = bytes[end..to].trim_ascii_start();
                let next = &next[..next
                    .iter()
                    .position(|&b| !is_word_byte(b))
                    .unwrap_or(next.len())];
                if pronoun(next) || in_word_list(&self.lexicon.clause_verbs, next) {
                    return at;
                }
            }
        }
        to
    }

    /// Whether `cue` stands inside the scope of a trigger naming a source ("ACOEM ... explains").
    fn after_source(&self, cues: &[Cue], cue: &Cue) -> bool {
        cues.iter().any(|source| {
            self.lexicon.entries[source.trigger as usize].names_source
                && source.end <= cue.start
                && cue.start < source.scope_end
        })
    }

    /// The assertion of the mention at `target` (a byte range of the scanned sentence).
    pub fn assert(&self, cues: &[Cue], target: Range<usize>) -> Assertion {
        let mut assertion = Assertion::PLAIN;
        let mut best_status: Option<(usize, Cue, Category)> = None;
        let mut qualifier: Option<Cue> = None;
        // The farthest undocumented trigger covering the target: a "no" later in the same list
        // ("the file contains no drug screen and no CURES report") continues its absence of records.
        let mut undocumented_over: Option<Cue> = None;
        // The hypothetical triggers covering the target that a negation before them would turn into
        // an absence, and whether any other hypothetical trigger covers it.
        let mut negatable_future: Option<Cue> = None;
        let mut conditional = false;
        let mut only_expectations = true;
        // A mention that opens with a negation of its own ("no risk screening places her above low
        // risk") carries its polarity: an absence opened before it ("no early refills are reported,
        // and no risk screening ...") has ended where the new one starts.
        let own_negation = cues.iter().any(|c| {
            let entry = &self.lexicon.entries[c.trigger as usize];
            c.start as usize == target.start
                && entry.category == Category::Negated
                && entry.direction == Direction::Forward
                && in_word_list(&self.lexicon.negation_words, entry.phrase.as_bytes())
        });
        for cue in cues {
            let entry = &self.lexicon.entries[cue.trigger as usize];
            if own_negation
                && (cue.end as usize) <= target.start
                && matches!(entry.category, Category::Negated | Category::Undocumented)
                && !entry.negates_negation
            {
                continue;
            }
            // A mention that starts with the trigger ("no benefit", "not medically necessary") is not
            // governed by it; one that shares only the trigger's closing words ("evidence of
            // instability" in "no evidence of instability") is.
            let after = target.start >= cue.end as usize && target.start < cue.scope_end as usize
                || self.shares_closing_words(entry, cue, &target)
                || (entry.reaches_into_mention
                    && cue.start as usize > target.start
                    && cue.end as usize <= target.end
                    && cue.scope_end as usize >= target.end);
            // A bare word after what it negates reaches the words just before it, and the whole of
            // a mention ending right there: "hepatitis B surface antigen negative".
            let before = target.end <= cue.start as usize
                && (target.start >= cue.scope_start as usize
                    || (target.end > cue.scope_start as usize
                        && cue.start as usize - target.end <= ADJACENT));
            let covers = match entry.direction {
                Direction::Forward => after,
                Direction::Backward => before,
                Direction::Both => after || before,
            };
            if !covers || (entry.after_source && !self.after_source(cues, cue)) {
                continue;
            }
            let distance = if target.start >= cue.end as usize {
                target.start - cue.end as usize
            } else {
                (cue.start as usize).saturating_sub(target.end)
            };
            match entry.category {
                Category::Negated | Category::Undocumented | Category::Possible => {
                    if entry.only_with_negation {
                        qualifier = qualifier.or(Some(*cue));
                        continue;
                    }
                    if entry.category == Category::Undocumented
                        && entry.direction != Direction::Backward
                    {
                        undocumented_over = undocumented_over.or(Some(*cue));
                    }
                    if best_status.is_none_or(|(d, _, _)| distance < d) {
                        best_status = Some((distance, *cue, entry.category));
                    }
                }
                Category::Historical => {
                    if assertion.temporality == Temporality::Current {
                        assertion.temporality = Temporality::Historical;
                        assertion.temporality_cue = Some(*cue);
                    }
                }
                Category::Hypothetical => {
                    assertion.temporality = Temporality::Hypothetical;
                    assertion.temporality_cue = Some(*cue);
                    only_expectations &= entry.expectation;
                    if entry.absent_when_negated {
                        negatable_future = negatable_future.or(Some(*cue));
                    } else {
                        conditional = true;
                    }
                }
                Category::OtherExperiencer => {
                    assertion.experiencer = Experiencer::Other;
                    assertion.experiencer_cue = assertion.experiencer_cue.or(Some(*cue));
                }
                Category::Guideline => {
                    if !assertion.guideline_statement {
                        assertion.guideline_by_source_only = true;
                    }
                    assertion.guideline_statement = true;
                    if !entry.names_source && assertion.guideline_by_source_only {
                        assertion.guideline_by_source_only = false;
                        assertion.guideline_cue = Some(*cue);
                    } else {
                        assertion.guideline_cue = assertion.guideline_cue.or(Some(*cue));
                    }
                }
                Category::Pseudo | Category::Terminator => {}
            }
        }
        // A double negative: the negation that decided lies inside another that negates it, or names
        // an exception to a negated ability ("cannot walk a block without calf pain").
        if let Some((_, negation, Category::Negated)) = best_status {
            let exception = self.lexicon.entries[negation.trigger as usize].exception;
            let cancelled_by = cues.iter().find(|c| {
                let entry = &self.lexicon.entries[c.trigger as usize];
                *c != &negation
                    && (entry.negates_negation || (exception && entry.negates_exception))
                    && c.end <= negation.start
                    && negation.start < c.scope_end
            });
            // The statement negated may carry its own negation after what it names: "it cannot be
            // said that radicular findings are absent".
            let cancelled_by = cancelled_by.or_else(|| {
                self.lexicon.entries[negation.trigger as usize]
                    .negates_negation
                    .then(|| {
                        cues.iter().find(|c| {
                            let entry = &self.lexicon.entries[c.trigger as usize];
                            *c != &negation
                                && entry.category == Category::Negated
                                && entry.direction == Direction::Backward
                                && negation.end <= c.start
                                && c.start < negation.scope_end
                        })
                    })
                    .flatten()
            });
            if let Some(canceller) = cancelled_by {
                assertion.status_cue = Some(*canceller);
                best_status = None;
            }
        }
        // "There is no indication that he will be homebound": a negation ahead of what is expected
        // says it is not so, now.
        if let (Some(future), Some((_, negation, Category::Negated | Category::Undocumented))) =
            (negatable_future, best_status)
        {
            if !conditional && negation.end <= future.start {
                assertion.temporality = Temporality::Current;
                assertion.temporality_cue = None;
            }
        }
        // "No CVA tenderness to suggest pyelonephritis": a negation over the evidence that would point
        // to a diagnosis leaves no reason to suspect it, so the diagnosis is absent too.
        if let Some((d, possible, Category::Possible)) = best_status {
            if self.lexicon.entries[possible.trigger as usize].absent_when_negated {
                let negation = cues.iter().find(|c| {
                    let entry = &self.lexicon.entries[c.trigger as usize];
                    entry.category == Category::Negated
                        && entry.direction != Direction::Backward
                        && c.end <= possible.start
                        && possible.start <= c.scope_end
                });
                if let Some(negation) = negation {
                    best_status = Some((d, *negation, Category::Negated));
                }
            }
        }
        if let Some((_, cue, category)) = best_status {
            assertion.status_cue = Some(cue);
            match category {
                Category::Possible => assertion.status = Status::Possible,
                Category::Undocumented => {
                    assertion.status = Status::Negated;
                    assertion.undocumented = true;
                    assertion.undocumented_cue = Some(cue);
                }
                _ => assertion.status = Status::Negated,
            }
        }
        if assertion.status == Status::Negated && !assertion.undocumented {
            let continued = undocumented_over.filter(|u| {
                assertion
                    .status_cue
                    .is_some_and(|n| n.start >= u.end && n.start < u.scope_end)
            });
            if let Some(q) = qualifier.or(continued) {
                assertion.undocumented = true;
                assertion.undocumented_cue = Some(q);
            }
        }
        assertion.expected =
            assertion.temporality == Temporality::Hypothetical && only_expectations;
        assertion
    }

    /// The trigger phrase and category of a cue.
    pub fn describe(&self, cue: &Cue) -> (&str, Category) {
        let entry = &self.lexicon.entries[cue.trigger as usize];
        (entry.phrase.as_str(), entry.category)
    }

    /// Whether `cue`'s trigger hedges a diagnosis (`hedge`) rather than leaving a question open.
    pub fn is_hedge(&self, cue: &Cue) -> bool {
        self.lexicon.entries[cue.trigger as usize].hedge
    }

    /// Counts words of `text`; exposed for scope reports.
    pub fn word_count(text: &str) -> usize {
        words(text.as_bytes())
    }
}

/// Most bytes between a mention and a trigger after it for the trigger to reach the whole mention
/// ("antigen negative", "raise: negative").
const ADJACENT: usize = 2;

/// Where, in the words after a trigger, the parenthesis the trigger stands inside closes: a trigger
/// inside "(a bone scan is being approved for that purpose)" reaches no further.
fn parenthesis_closed(after: &[u8]) -> Option<usize> {
    unmatched(after.iter().copied().enumerate(), b'(', b')')
}

/// Where, in the words before a trigger, the parenthesis the trigger stands inside opens.
fn parenthesis_opened(before: &[u8]) -> Option<usize> {
    unmatched(before.iter().copied().enumerate().rev(), b')', b'(')
}

/// The first `close` in `bytes`, in their order, that no `open` met on the way pairs with.
fn unmatched(bytes: impl Iterator<Item = (usize, u8)>, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in bytes {
        if b == open {
            depth += 1;
        } else if b == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_phrase_that_is_not_a_word_hides_nothing() {
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["not", "not see", "contains no", "none"])
            .unwrap();
        let found = |text: &str| -> Vec<String> {
            whole_word_matches(&automaton, text)
                .iter()
                .map(|m| text[m.range()].to_string())
                .collect()
        };
        assert_eq!(found("it does not seem right"), ["not"]);
        assert_eq!(found("the file contains none"), ["none"]);
        assert_eq!(found("we did not see it"), ["not see"]);
        // Quotation marks do not part a phrase, and the match spans them as written.
        assert_eq!(
            found("it is \"not\" seen; we did \"not see\" it"),
            ["not", "not see"]
        );
    }
}

#[cfg(test)]
mod clause_tests {
    use super::Status;
    use crate::context::report::assess;
    use crate::rules::RuleBase;

    fn status(sentence: &str, target: &str) -> Status {
        let rules = RuleBase::embedded().unwrap();
        assess(&rules.context, sentence, target).unwrap().status
    }

    fn temporality(sentence: &str, target: &str) -> crate::context::Temporality {
        let rules = RuleBase::embedded().unwrap();
        assess(&rules.context, sentence, target)
            .unwrap()
            .temporality
    }

    #[test]
    fn a_denial_with_its_own_verb_ends_at_a_bare_and_before_a_clause_of_its_own() {
        let sentence =
            "Less invasive treatments have failed, no further surgery is indicated and the \
                        psychological evaluation cleared him.";
        assert_eq!(
            status(sentence, "psychological evaluation"),
            Status::Affirmed
        );
        assert_eq!(status(sentence, "further surgery"), Status::Negated);
        assert_eq!(
            status("No fever is reported and the wound healed well.", "wound"),
            Status::Affirmed
        );
        // No verb of the denial's own: a list, all of it denied.
        assert_eq!(
            status(
                "There is no tenderness of the facets and the sacroiliac joints.",
                "sacroiliac joints"
            ),
            Status::Negated
        );
        // A participle after the determiner describes a listed thing.
        assert_eq!(
            status(
                "No pain is reported and the associated swelling.",
                "associated swelling"
            ),
            Status::Negated
        );
    }

    #[test]
    fn a_treatment_an_outcome_word_closes_the_clause_of_is_what_another_changed() {
        let rules = RuleBase::embedded().unwrap();
        let outcome = |before: &str, after: &str| rules.context.names_outcome(before, after);
        assert!(outcome(
            "Prior block: 60% relief, ",
            " stopped, walking improved."
        ));
        assert!(outcome(
            "After the injection her ",
            " use was discontinued and she walks."
        ));
        assert!(outcome(
            "after 6 sessions he reduced ",
            " from three tablets to one"
        ));
        assert!(!outcome("The ", " reduced her pain by half."));
        assert!(!outcome("Her ", " stopped working last spring."));
        assert!(!outcome("She takes ", " twice a day."));
    }

    #[test]
    fn a_result_quoted_from_the_record_is_still_read() {
        assert_eq!(
            status(
                "Spurling's test is \u{201c}negative.\u{201d} Reflexes are 2+.",
                "Spurling's test"
            ),
            Status::Negated
        );
        assert_eq!(
            status(
                "Spurling's test is \"negative.\" Reflexes are 2+.",
                "Spurling's test"
            ),
            Status::Negated
        );
    }

    #[test]
    fn a_verb_before_the_trigger_lets_a_clause_after_a_comma_and_conjunction_stand_alone() {
        let sentence =
            "She has bursitis without a full-thickness tear, and months of therapy have \
                        not restored her reach.";
        assert_eq!(status(sentence, "full-thickness tear"), Status::Negated);
        assert_eq!(status(sentence, "months of therapy"), Status::Affirmed);
        // A list after the conjunction has no verb of its own and stays absent.
        assert_eq!(
            status("She has no numbness, tingling, and weakness.", "weakness"),
            Status::Negated
        );
    }

    #[test]
    fn a_measured_entry_of_a_list_is_found_while_or_still_lists_what_is_absent() {
        let sentence = "He has an acute T12 fracture with marrow edema and no retropulsion, \
                        and 9/10 pain despite 10 weeks of bracing.";
        assert_eq!(status(sentence, "retropulsion"), Status::Negated);
        assert_eq!(status(sentence, "9/10 pain"), Status::Affirmed);
        // The measurement may close the entry after "and": what it rates is present.
        let rated = "She rates low back pain 6/10 without radiation, and right shoulder and knee \
                     pain 6/10.";
        assert_eq!(status(rated, "radiation"), Status::Negated);
        assert_eq!(status(rated, "knee pain"), Status::Affirmed);
        assert_eq!(
            status("There is no numbness, tingling, and weakness.", "weakness"),
            Status::Negated
        );
        assert_eq!(
            status(
                "No radiation, numbness, 5/5 strength throughout.",
                "numbness"
            ),
            Status::Negated
        );
        assert_eq!(
            status(
                "No radiation, numbness, 5/5 strength throughout.",
                "5/5 strength"
            ),
            Status::Affirmed
        );
        assert_eq!(
            status(
                "She denies fever, chills, or 2 days of vomiting.",
                "vomiting"
            ),
            Status::Negated
        );
    }

    #[test]
    fn a_clinicians_request_reaches_its_whole_list_but_not_its_purpose() {
        let request = "The treating physician requested a right L4-L5 and L5-S1 transforaminal \
                       epidural steroid injection, bilateral L3-L4 and L4-L5 medial branch blocks, \
                       and radiofrequency ablation.";
        assert_eq!(
            temporality(request, "medial branch blocks"),
            crate::context::Temporality::Hypothetical
        );
        let purpose = "The treating physician requested EMG/NCV of both upper extremities to \
                       distinguish cervical radiculopathy from peripheral nerve entrapment.";
        assert_ne!(
            temporality(purpose, "peripheral nerve entrapment"),
            crate::context::Temporality::Hypothetical
        );
    }

    #[test]
    fn a_request_after_a_comma_and_a_denial_of_its_own_reaches_no_earlier_entry() {
        let rules = RuleBase::embedded().unwrap();
        let sentence = "There is no fracture, no surgery has been performed or is planned.";
        let fracture = assess(&rules.context, sentence, "no fracture").unwrap();
        assert_eq!(fracture.temporality, crate::context::Temporality::Current);
        let surgery = assess(&rules.context, sentence, "surgery").unwrap();
        assert_eq!(
            surgery.temporality,
            crate::context::Temporality::Hypothetical
        );
    }

    #[test]
    fn a_condition_inside_a_mention_governs_it() {
        // A mention from "series" to "six months" holds "only when": the condition is its.
        assert_eq!(
            temporality(
                "A repeat series may be reasonable only when the earlier series produced \
                 improvement lasting six months.",
                "series may be reasonable only when the earlier series produced improvement lasting six months",
            ),
            crate::context::Temporality::Hypothetical
        );
        // A trigger without the flag inside a mention does not govern it.
        assert_eq!(
            temporality(
                "The series, requested in 2015, gave improvement lasting six months.",
                "series, requested in 2015, gave improvement lasting six months",
            ),
            crate::context::Temporality::Current
        );
    }

    #[test]
    fn a_clause_sharing_its_subject_reaches_back_over_but() {
        let sentence = "A subacromial injection was discussed but has not been performed.";
        assert_eq!(status(sentence, "subacromial injection"), Status::Negated);
        // A verb of the subject's own keeps "but" a boundary: a refusal is not an absence.
        let refused =
            "He was authorized for physical therapy but did not wish to proceed with this.";
        assert_eq!(status(refused, "physical therapy"), Status::Affirmed);
    }

    #[test]
    fn a_finding_absent_after_a_comma_leaves_the_clause_before_it() {
        let sentence = "The right leg pain follows the S1 distribution, the right Achilles reflex is absent, and plantar flexion is weak.";
        assert_eq!(status(sentence, "right leg pain"), Status::Affirmed);
        assert_eq!(status(sentence, "Achilles reflex"), Status::Negated);
    }

    #[test]
    fn a_relative_clause_after_a_denial_is_affirmed() {
        let sentence = "The fusion is solid, with no surgically correctable lesion identified, which is failed back surgery syndrome.";
        assert_eq!(
            status(sentence, "failed back surgery syndrome"),
            Status::Affirmed
        );
        assert_eq!(
            status(sentence, "surgically correctable lesion"),
            Status::Negated
        );
        // A denial the relative clause states itself reaches back over it.
        let stated = "He reports failed conservative treatment, which is not documented.";
        assert_eq!(
            status(stated, "failed conservative treatment"),
            Status::Negated
        );
    }

    #[test]
    fn let_alone_denies_the_stronger_claim_after_a_comma() {
        let sentence = "Conservative care has not been completed, let alone failed.";
        assert_eq!(status(sentence, "failed"), Status::Negated);
    }

    #[test]
    fn a_guideline_list_of_examples_runs_past_entries_that_open_with_an_article() {
        let rules = RuleBase::embedded().unwrap();
        let sentence =
            "A PPI is appropriate with NSAID therapy when the patient is at high risk for \
                        a GI event, for example age over 65, a history of peptic ulcer, concurrent \
                        anticoagulant use, or dyspepsia.";
        for target in ["age over 65", "peptic ulcer", "anticoagulant", "dyspepsia"] {
            let result = assess(&rules.context, sentence, target).unwrap();
            assert!(result.guideline_statement, "{target}");
        }
    }

    #[test]
    fn without_ends_at_a_comma_before_a_coordinated_subject_of_its_own_verb() {
        let sentence =
            "Here the pain is axial without radicular signs, facet tenderness and positive \
                        facet loading are documented at L3-4 and L4-5.";
        assert_eq!(status(sentence, "radicular signs"), Status::Negated);
        assert_eq!(status(sentence, "facet tenderness"), Status::Affirmed);
        // After "no", the list is the verb's own subject and stays absent.
        let listed = "She was screened on 05/28/2014, and no early refills, lost prescriptions or \
                      other aberrant conduct are described.";
        assert_eq!(status(listed, "lost prescriptions"), Status::Negated);
    }

    #[test]
    fn a_condition_the_guideline_ties_treatment_to_is_its_statement() {
        let rules = RuleBase::embedded().unwrap();
        let tied =
            "Continued psychotherapy is tied to documented objective functional improvement.";
        let result = assess(&rules.context, tied, "functional improvement").unwrap();
        assert!(result.guideline_statement);
        let own = "Her walking tolerance is tied to her pain level, with functional improvement \
                   after each session.";
        let result = assess(&rules.context, own, "functional improvement").unwrap();
        assert!(!result.guideline_statement);
    }

    #[test]
    fn an_absence_ends_with_its_clause_at_a_comma_and_conjunction() {
        // A verb before the comma and one after the conjunction: two clauses.
        let sentence = "No radicular signs were found, and facet tenderness was noted.";
        assert_eq!(status(sentence, "radicular signs"), Status::Negated);
        assert_eq!(status(sentence, "facet tenderness"), Status::Affirmed);
        // A verb right after the conjunction opens a predicate of its own.
        let sentence = "The patient denies chest pain, and has shortness of breath.";
        assert_eq!(status(sentence, "chest pain"), Status::Negated);
        assert_eq!(status(sentence, "shortness of breath"), Status::Affirmed);
        // A list has no verb before its comma: every entry stays absent.
        assert_eq!(
            status("There is no numbness, tingling, and weakness.", "weakness"),
            Status::Negated
        );
        assert_eq!(
            status(
                "No nausea, vomiting, and diarrhea were reported.",
                "diarrhea"
            ),
            Status::Negated
        );
    }
}

#[cfg(test)]
mod body_region_tests {
    use crate::rules::RuleBase;

    /// The names of the regions `sentence` names, and the words where it first names one.
    fn named(sentence: &str) -> (Vec<String>, Option<String>) {
        use crate::span::Span;
        use crate::text::{LogicalText, Spacing};
        let rules = RuleBase::embedded().unwrap();
        let logical =
            LogicalText::from_region(sentence, Span::new(0, sentence.len()), Spacing::Single);
        let named = rules.context.body_regions_named(logical.as_str());
        let mask = named.regions;
        let first = named.first.map(|at| logical.original_span(at).range());
        let names = rules
            .context
            .lexicon()
            .body_regions
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, r)| r.name.clone())
            .collect();
        (names, first.map(|r| sentence[r].to_string()))
    }

    #[test]
    fn a_sentence_names_its_regions_across_line_breaks_and_a_unit_names_none() {
        assert_eq!(
            named("Lumbar treatment has included 18 sessions of therapy."),
            (vec!["low back".to_string()], Some("Lumbar".to_string()))
        );
        assert_eq!(
            named("She has pain in the low\n\nback and the RIGHT KNEE."),
            (
                vec!["low back".to_string(), "knee".to_string()],
                Some("low\n\nback".to_string())
            )
        );
        assert_eq!(named("He is 5 feet 6 inches tall.").0, Vec::<String>::new());
        assert_eq!(
            named("On the other hand, she walks without a cane.").0,
            Vec::<String>::new()
        );
        // Overlapping names: the femoral neck is the hip's.
        assert!(named("A femoral neck fracture.")
            .0
            .contains(&"hip".to_string()));
    }

    #[test]
    fn a_spinal_region_bears_on_the_limbs_its_roots_supply_and_not_the_other_way_for_the_knee() {
        let rules = RuleBase::embedded().unwrap();
        let context = &rules.context;
        let region = |sentence: &str| context.body_regions_named(sentence).regions;
        let (neck, hand, knee, low_back) = (
            region("neck"),
            region("thumb"),
            region("knee"),
            region("lumbar"),
        );
        assert_ne!(context.regions_bearing_on(neck) & hand, 0);
        assert_ne!(context.regions_bearing_on(low_back) & knee, 0);
        assert_eq!(context.regions_bearing_on(knee) & low_back, 0);
        assert_eq!(context.regions_bearing_on(neck) & low_back, 0);
    }
}
