//! Finding readers: the automaton of a set of findings' phrases and the set of their patterns, which
//! find those findings' mentions in a region in one pass each.
//!
//! The rule base has one reader for every finding, and one per rule for the findings its criteria read,
//! built the first time a letter needs it. An item is read with its rules' readers only: scanning for a
//! rule's few hundred phrases instead of the rule base's thousands made reading a letter about 40%
//! faster, and what is not read is never reported (reports show the findings of the item's rules
//! only).

use super::{PhraseOwner, RuleBase};
use crate::pattern::{Pattern, PatternSet};
use aho_corasick::AhoCorasick;

/// Most bytes a pattern set's program may take, per pattern limit (see `PATTERN_SIZE_LIMIT`).
const SET_SIZE_FACTOR: usize = 32;
/// Room for the lazy DFA behind a set of the whole rule base's patterns, per pattern limit; a rule's
/// set gets a share in proportion to its patterns (at least an eighth), so that all the rules' sets
/// together stay within a few times the whole rule base's.
const SET_CACHE_FACTOR: usize = 128;

/// Finds the mentions of a set of findings.
#[derive(Debug, Clone)]
pub struct FindingReader {
    pub(crate) phrases: AhoCorasick,
    /// Per phrase of the automaton: its index in the rule base's phrase list.
    pub(crate) phrase_ids: Vec<usize>,
    /// Indexes into the rule base's finding patterns.
    pub(crate) patterns: Vec<usize>,
    /// The same patterns as one set, to learn in one pass which of them match a text. Compiled when
    /// first needed: it is the costliest part of a reader to build, and the reader of every finding
    /// is seldom used.
    pattern_set: PatternSet,
}

impl FindingReader {
    /// A reader of the findings `wanted` (indexed by finding).
    pub(crate) fn build(
        phrases: &[String],
        owners: &[PhraseOwner],
        patterns: &[(Pattern, PhraseOwner)],
        pattern_limit: usize,
        wanted: &[bool],
    ) -> Result<FindingReader, aho_corasick::BuildError> {
        let phrase_ids: Vec<usize> = (0..owners.len())
            .filter(|&p| wanted[owners[p].finding])
            .collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            // A contiguous NFA rather than a DFA for the whole rule base: with thousands of phrases
            // the DFA is tens of megabytes, slow to build on every start and no faster once it no
            // longer fits in cache. A rule's few hundred phrases make a small DFA, faster to scan.
            .kind(Some(if phrase_ids.len() == phrases.len() {
                aho_corasick::AhoCorasickKind::ContiguousNFA
            } else {
                aho_corasick::AhoCorasickKind::DFA
            }))
            .build(phrase_ids.iter().map(|&p| &phrases[p]))?;
        let pattern_ids: Vec<usize> = (0..patterns.len())
            .filter(|&p| wanted[patterns[p].1.finding])
            .collect();
        let whole_cache = pattern_limit * SET_CACHE_FACTOR;
        let cache_limit =
            (whole_cache * pattern_ids.len() / patterns.len().max(1)).max(whole_cache / 8);
        let pattern_set = PatternSet::new(
            pattern_ids.iter().map(|&p| patterns[p].0.compiled()),
            pattern_limit * SET_SIZE_FACTOR,
            cache_limit,
        );
        Ok(FindingReader {
            phrases: automaton,
            phrase_ids,
            patterns: pattern_ids,
            pattern_set,
        })
    }

    /// The patterns that may match `text`, in pattern order.
    pub(crate) fn candidate_patterns(&self, text: &str) -> Vec<usize> {
        let mut candidates = self.pattern_set.candidates(text);
        candidates.iter_mut().for_each(|k| *k = self.patterns[*k]);
        candidates
    }
}

impl RuleBase {
    /// The reader of every finding. A rule base loaded with its patterns checked built it at load;
    /// the built-in one builds it here, which the test suite shows it can.
    pub(crate) fn every_finding(&self) -> &FindingReader {
        self.all_findings.get_or_init(|| {
            self.reader_of(&vec![true; self.findings.len()])
                .unwrap_or_else(|e| panic!("the reader of every finding cannot be built: {e}"))
        })
    }

    /// A reader of the findings `wanted` (indexed by finding).
    pub(super) fn reader_of(
        &self,
        wanted: &[bool],
    ) -> Result<FindingReader, aho_corasick::BuildError> {
        FindingReader::build(
            &self.finding_phrase_texts,
            &self.finding_phrase_owners,
            &self.finding_patterns,
            super::load::PATTERN_SIZE_LIMIT,
            wanted,
        )
    }

    /// The reader of the findings rule `rule`'s criteria read, in every edition.
    pub(crate) fn rule_reader(&self, rule: usize) -> &FindingReader {
        self.rule_readers[rule].get_or_init(|| {
            let rule = &self.rules[rule];
            let criteria =
                self.criteria_read_by(rule.require.iter().chain(&rule.exclude_if).copied());
            self.reader_of(&self.findings_read_by(&criteria))
                // A part of the phrases builds wherever the whole did; should it not, the reader of every
                // finding reads what this one would, and more.
                .unwrap_or_else(|_| self.every_finding().clone())
        })
    }
}
