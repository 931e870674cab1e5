//! Which finding patterns can match which sentence, learnt from the literals their matches must
//! contain.
//!
//! Running every pattern over every region is the most expensive part of reading a letter. A
//! pattern's syntax tree gives sets of literals such that every match contains a string of each set
//! (a pattern about a Spurling test needs "spurling" and "positive"); one Aho-Corasick pass over a
//! region finds which literals occur in which sentence, and a pattern runs only on the sentences that
//! hold a literal of each of its sets. Short literals ("is", "a") would filter nothing and slow the
//! pass, so only literals of `MIN_LITERAL` bytes or more are used; a pattern left with none runs on
//! the whole region. The filter only ever over-approximates: the patterns themselves decide.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::collections::HashMap;
use std::ops::Range;

/// A set of literals, ASCII letters in lower case.
type Set = Vec<Vec<u8>>;

/// Most strings a literal set may hold before it stops growing: a longer run of exact pieces is cut
/// there, since more alternatives filter no better.
const MAX_SET: usize = 64;

/// Most literal sets kept per pattern: beyond the best few, another set rarely rules a pattern out.
const MAX_CLAUSES: usize = 4;

/// The shortest literal worth looking for.
const MIN_LITERAL: usize = 3;

/// What the matches of a node are known to contain.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Literals {
    /// Every match is exactly one of these strings.
    Exact(Set),
    /// Every match contains, for each of these sets, at least one of its strings.
    Contains(Vec<Set>),
    Unknown,
}

/// Sets of literals such that every match of `hir` contains a string of each set, the best first;
/// empty when none is known.
pub fn required_literals(hir: &Hir) -> Vec<Set> {
    match literals(hir) {
        Literals::Exact(set) => usable(set).into_iter().collect(),
        Literals::Contains(clauses) => clauses,
        Literals::Unknown => Vec::new(),
    }
}

/// A set that filters anything: no empty string (which every text contains).
fn usable(set: Set) -> Option<Set> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

fn contains(mut clauses: Vec<Set>) -> Literals {
    if clauses.is_empty() {
        return Literals::Unknown;
    }
    clauses.sort_by_key(|c| std::cmp::Reverse(rank(c)));
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES);
    Literals::Contains(clauses)
}

fn literals(hir: &Hir) -> Literals {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Literals::Exact(vec![Vec::new()]),
        HirKind::Literal(literal) => Literals::Exact(vec![literal.0.to_ascii_lowercase()]),
        HirKind::Class(class) => class_literals(class),
        HirKind::Capture(capture) => literals(&capture.sub),
        HirKind::Repetition(rep) => match (rep.min, rep.max, literals(&rep.sub)) {
            (1, Some(1), sub) => sub,
            // An optional piece ("tests?"): the piece or nothing, so runs across it still join.
            (0, Some(1), Literals::Exact(mut set)) if set.len() < MAX_SET => {
                set.push(Vec::new());
                dedup(&mut set);
                Literals::Exact(set)
            }
            (0, _, _) => Literals::Unknown,
            (_, _, Literals::Exact(set)) => contains(usable(set).into_iter().collect()),
            (_, _, sub) => sub,
        },
        HirKind::Alternation(alternatives) => {
            // Each alternative's best set, together: a match contains a string of one of them.
            let mut union: Set = Vec::new();
            let mut exact = true;
            for alternative in alternatives {
                match literals(alternative) {
                    Literals::Exact(set) => union.extend(set),
                    Literals::Contains(clauses) => {
                        exact = false;
                        union.extend(clauses.into_iter().next().expect("never empty"));
                    }
                    Literals::Unknown => return Literals::Unknown,
                }
            }
            dedup(&mut union);
            if exact && union.len() <= MAX_SET {
                Literals::Exact(union)
            } else {
                contains(usable(union).into_iter().collect())
            }
        }
        HirKind::Concat(children) => concat_literals(children),
    }
}

/// A class of a few characters, such as a letter in both cases, is a set of one-character strings.
fn class_literals(class: &Class) -> Literals {
    const MAX_CLASS: usize = 4;
    let mut set: Set = Vec::new();
    let mut add = |bytes: Vec<u8>| {
        set.push(bytes.to_ascii_lowercase());
        dedup(&mut set);
        set.len() <= MAX_CLASS
    };
    let small = match class {
        Class::Unicode(class) => class
            .iter()
            .all(|range| (range.start()..=range.end()).all(|c| add(c.to_string().into_bytes()))),
        Class::Bytes(class) => class
            .iter()
            .all(|range| (range.start()..=range.end()).all(|b| add(vec![b]))),
    };
    if small && !set.is_empty() {
        Literals::Exact(set)
    } else {
        Literals::Unknown
    }
}

/// Adjacent exact pieces join into longer literals ("t", "e", "n", "s" into "tens"); a match of the
/// concatenation contains every piece's literals.
fn concat_literals(children: &[Hir]) -> Literals {
    let mut clauses: Vec<Set> = Vec::new();
    let mut run: Set = vec![Vec::new()];
    let mut whole_is_exact = true;
    let offer = |clauses: &mut Vec<Set>, set: Set| clauses.extend(usable(set));
    for child in children {
        match literals(child) {
            Literals::Exact(set) => {
                if run.len() * set.len() <= MAX_SET {
                    run = run
                        .iter()
                        .flat_map(|a| set.iter().map(move |b| [a.as_slice(), b].concat()))
                        .collect();
                    dedup(&mut run);
                } else {
                    whole_is_exact = false;
                    offer(&mut clauses, std::mem::replace(&mut run, set));
                }
            }
            Literals::Contains(sets) => {
                whole_is_exact = false;
                offer(&mut clauses, std::mem::replace(&mut run, vec![Vec::new()]));
                clauses.extend(sets);
            }
            Literals::Unknown => {
                whole_is_exact = false;
                offer(&mut clauses, std::mem::replace(&mut run, vec![Vec::new()]));
            }
        }
    }
    if whole_is_exact {
        return Literals::Exact(run);
    }
    offer(&mut clauses, run);
    contains(clauses)
}

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// Longer literals occur less often; of sets as long, the smaller one filters better.
fn rank(set: &Set) -> (usize, std::cmp::Reverse<usize>) {
    (shortest(set), std::cmp::Reverse(set.len()))
}

fn dedup(set: &mut Set) {
    set.sort_unstable();
    set.dedup();
}

/// The literal sets of the finding patterns, in one automaton.
#[derive(Debug, Clone)]
pub struct PatternFilter {
    automaton: AhoCorasick,
    /// Per literal: the (pattern, set) pairs it satisfies.
    owners: Vec<Vec<(u32, u8)>>,
    /// Per pattern: a bit per literal set, all of which a sentence must satisfy.
    needed: Vec<u8>,
    /// Patterns with no usable literal, or anchored to the start or end of the text: run on the
    /// whole region.
    unfiltered: Vec<usize>,
}

impl PatternFilter {
    /// Builds the filter for `patterns`, in the order given.
    pub fn new<'a>(
        patterns: impl IntoIterator<Item = &'a str>,
    ) -> Result<PatternFilter, aho_corasick::BuildError> {
        let mut literal_list: Vec<Vec<u8>> = Vec::new();
        let mut index_of: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut owners: Vec<Vec<(u32, u8)>> = Vec::new();
        let mut needed = Vec::new();
        let mut unfiltered = Vec::new();
        for (pattern, text) in patterns.into_iter().enumerate() {
            let clauses: Vec<Set> = match regex_syntax::parse(text) {
                // A sentence is not the text: "^" there is not "^" here.
                Ok(hir) if !hir.properties().look_set().contains_anchor() => {
                    required_literals(&hir)
                        .into_iter()
                        .filter(|set| shortest(set) >= MIN_LITERAL)
                        .collect()
                }
                _ => Vec::new(),
            };
            if clauses.is_empty() {
                unfiltered.push(pattern);
            }
            needed.push(((1u16 << clauses.len()) - 1) as u8);
            for (clause, set) in clauses.into_iter().enumerate() {
                for literal in set {
                    let at = *index_of.entry(literal.clone()).or_insert_with(|| {
                        literal_list.push(literal);
                        owners.push(Vec::new());
                        owners.len() - 1
                    });
                    owners[at].push((pattern as u32, clause as u8));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literal_list)?;
        Ok(PatternFilter {
            automaton,
            owners,
            needed,
            unfiltered,
        })
    }

    /// Every (sentence, pattern) pair such that the sentence of `text` holds a literal of each of the
    /// pattern's sets, in sentence order. `sentences` are sorted, disjoint ranges of `text`.
    pub fn candidates(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        out: &mut Vec<(usize, usize)>,
    ) {
        let mut satisfied = vec![0u8; self.needed.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut current: Option<usize> = None;
        let mut flush = |s: usize, satisfied: &mut [u8], touched: &mut Vec<u32>| {
            touched.sort_unstable();
            touched.dedup();
            for &p in touched.iter() {
                let p = p as usize;
                if satisfied[p] == self.needed[p] {
                    out.push((s, p));
                }
                satisfied[p] = 0;
            }
            touched.clear();
        };
        for m in self.automaton.find_overlapping_iter(text) {
            let i = sentences.partition_point(|r| r.end <= m.start());
            if i >= sentences.len() || sentences[i].start > m.start() {
                continue;
            }
            if current != Some(i) {
                if let Some(s) = current {
                    flush(s, &mut satisfied, &mut touched);
                }
                current = Some(i);
            }
            for &(pattern, clause) in &self.owners[m.pattern().as_usize()] {
                satisfied[pattern as usize] |= 1 << clause;
                touched.push(pattern);
            }
        }
        if let Some(s) = current {
            flush(s, &mut satisfied, &mut touched);
        }
    }

    /// The patterns that run on every region: no literal of `MIN_LITERAL` bytes, or anchored.
    pub fn unfiltered(&self) -> &[usize] {
        &self.unfiltered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern's literal sets, best first.
    fn required(pattern: &str) -> Vec<Vec<String>> {
        required_literals(&regex_syntax::parse(pattern).unwrap())
            .into_iter()
            .map(|set| {
                set.into_iter()
                    .map(|s| String::from_utf8(s).unwrap())
                    .collect()
            })
            .collect()
    }

    fn strings(set: &[&str]) -> Vec<String> {
        set.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_literal_piece_is_a_set_longest_first() {
        assert_eq!(
            required(
                r"(?i-u)\b(?:mri|imaging|ct)\b\s+(?:\w+\s+)?(?:was|is)\s+(?:normal|unremarkable)\b"
            ),
            vec![
                strings(&["normal", "unremarkable"]),
                strings(&["is", "was"]),
                strings(&["ct", "imaging", "mri"]),
            ]
        );
    }

    #[test]
    fn unicode_case_folding_keeps_the_other_forms() {
        // (?i)k also matches the Kelvin sign, so the literal set must too.
        let sets = required(r"(?i)\bkinesio");
        assert_eq!(sets.len(), 1);
        assert!(sets[0].contains(&"kinesio".to_string()));
        assert!(sets[0].contains(&"\u{212a}inesio".to_string()));
    }

    #[test]
    fn optional_pieces_join_runs() {
        assert_eq!(
            required(r"(?i-u)spurlings?\s+positive"),
            vec![strings(&["positive"]), strings(&["spurling", "spurlings"])]
        );
    }

    #[test]
    fn alternatives_give_one_set_from_each() {
        assert_eq!(
            required(r"(?i-u)(?:failed\s+\w+|did\s+not\s+respond)"),
            vec![strings(&["failed", "respond"])]
        );
    }

    #[test]
    fn no_literal_when_a_branch_has_none() {
        assert!(required(r"(?i)\b\w+\s+(?:pain|\d+)").is_empty());
        assert!(required(r"(?:abc)?\d+").is_empty());
    }

    #[test]
    fn a_pattern_runs_only_where_all_its_literals_meet() {
        let patterns = [
            r"(?i)\bspurling\W?s?\s+(?:test|sign)\s+(?:was\s+)?positive",
            r"(?i)\b\d+\s*%",
            r"(?i)\bno\s+radicul\w*",
            r"(?i)^spurling",
        ];
        let filter = PatternFilter::new(patterns).unwrap();
        // "%" is too short to look for, and an anchored pattern cannot run on a sentence alone.
        assert_eq!(filter.unfiltered(), &[1, 3]);
        let text = "Spurling's test was negative. Pain is positive. There is no radiculopathy.";
        let sentences = [0..29, 30..47, 48..74];
        let mut out = Vec::new();
        filter.candidates(text, &sentences, &mut out);
        assert_eq!(out, vec![(2, 2)]);
        out.clear();
        let whole = "SPURLING'S TEST WAS POSITIVE.";
        filter.candidates(whole, &[0..whole.len(), whole.len()..whole.len()], &mut out);
        assert_eq!(out, vec![(0, 0)]);
    }
}
