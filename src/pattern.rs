//! Regular expressions as the tool compiles them: with ASCII word boundaries.
//!
//! A Unicode `\b` cannot be decided by the regex crate's lazy DFA once the text holds a non-ASCII
//! byte, so one curly apostrophe in a letter sent every search through the much slower backtracking
//! and NFA engines (a third more time per letter, measured). Letters are English: a word boundary
//! between ASCII word characters and everything else is what every pattern means, and it keeps the
//! DFA on every text. Patterns are shown as their authors wrote them.

use regex::{Regex, RegexBuilder};
use regex_syntax::ast::{self, AssertionKind, Ast};
use std::borrow::Cow;
use std::ops::Deref;

/// `pattern` with each word-boundary assertion made ASCII-only (`\b` → `(?-u:\b)`). A pattern that
/// does not parse is returned as it is, for the regex compiler to report.
pub fn ascii_word_boundaries(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains("\\b") && !pattern.contains("\\B") {
        return Cow::Borrowed(pattern);
    }
    rewrite(pattern, |ast, edits| {
        if let Ast::Assertion(assertion) = ast {
            let word = !matches!(
                assertion.kind,
                AssertionKind::StartLine
                    | AssertionKind::EndLine
                    | AssertionKind::StartText
                    | AssertionKind::EndText
            );
            if word {
                let (start, end) = (assertion.span.start.offset, assertion.span.end.offset);
                edits.push((start, end, format!("(?-u:{})", &pattern[start..end])));
            }
        }
    })
}

/// Counted repetitions longer than this become unbounded in [`loosened`].
const LOOSEN_ABOVE: u32 = 5;

/// A pattern matching wherever `pattern` matches, and cheaper for a DFA: long counted repetitions
/// (`[^.;]{0,40}`) made unbounded (`[^.;]{0,}`). A counter multiplies the states a DFA goes
/// through, and a set of patterns that only decides which patterns to run needs no exact bounds.
pub fn loosened(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('{') {
        return Cow::Borrowed(pattern);
    }
    rewrite(pattern, |ast, edits| {
        if let Ast::Repetition(rep) = ast {
            if let ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(min, max)) = rep.op.kind
            {
                if max > LOOSEN_ABOVE {
                    let (start, end) = (rep.op.span.start.offset, rep.op.span.end.offset);
                    let written = &pattern[start..end];
                    if let (Some(open), Some(close)) = (written.find('{'), written.find('}')) {
                        let replaced =
                            format!("{}{{{min},}}{}", &written[..open], &written[close + 1..]);
                        edits.push((start, end, replaced));
                    }
                }
            }
        }
    })
}

/// Applies the edits `collect` makes at nodes of `pattern`'s syntax tree (non-overlapping byte
/// ranges and their replacements).
fn rewrite(
    pattern: &str,
    collect: impl Fn(&Ast, &mut Vec<(usize, usize, String)>),
) -> Cow<'_, str> {
    let Ok(ast) = ast::parse::Parser::new().parse(pattern) else {
        return Cow::Borrowed(pattern);
    };
    let mut nodes = Vec::new();
    all_nodes(&ast, &mut nodes);
    let mut edits = Vec::new();
    for node in nodes {
        collect(node, &mut edits);
    }
    if edits.is_empty() {
        return Cow::Borrowed(pattern);
    }
    edits.sort_unstable_by_key(|e| e.0);
    let mut out = String::with_capacity(pattern.len() + edits.len() * 8);
    let mut at = 0;
    for (start, end, replacement) in edits {
        out.push_str(&pattern[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&pattern[at..]);
    Cow::Owned(out)
}

fn all_nodes<'a>(ast: &'a Ast, out: &mut Vec<&'a Ast>) {
    out.push(ast);
    match ast {
        Ast::Repetition(rep) => all_nodes(&rep.ast, out),
        Ast::Group(group) => all_nodes(&group.ast, out),
        Ast::Alternation(alt) => alt.asts.iter().for_each(|a| all_nodes(a, out)),
        Ast::Concat(concat) => concat.asts.iter().for_each(|a| all_nodes(a, out)),
        Ast::Empty(_)
        | Ast::Flags(_)
        | Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::Assertion(_)
        | Ast::ClassUnicode(_)
        | Ast::ClassPerl(_)
        | Ast::ClassBracketed(_) => {}
    }
}

/// Compiles `pattern` with ASCII word boundaries.
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_word_boundaries(pattern))
}

/// A rule base's regular expression: compiled with ASCII word boundaries, shown as written.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
    written: Box<str>,
}

impl Pattern {
    /// Compiles `pattern` within `size_limit` bytes for the program and for the DFA.
    pub fn new(pattern: &str, size_limit: usize) -> Result<Pattern, regex::Error> {
        let regex = RegexBuilder::new(&ascii_word_boundaries(pattern))
            .size_limit(size_limit)
            .dfa_size_limit(size_limit)
            .build()?;
        Ok(Pattern {
            regex,
            written: pattern.into(),
        })
    }

    /// The pattern as its author wrote it.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// The pattern as compiled.
    pub fn compiled(&self) -> &str {
        self.regex.as_str()
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        &self.regex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii_and_nothing_else_changes() {
        assert_eq!(
            ascii_word_boundaries(r"(?i)\bno\s+radicul\w*\B|^x$"),
            r"(?i)(?-u:\b)no\s+radicul\w*(?-u:\B)|^x$"
        );
        assert_eq!(ascii_word_boundaries(r"\\b"), r"\\b");
        assert_eq!(ascii_word_boundaries(r"\b{start}x"), r"(?-u:\b{start})x");
        assert_eq!(ascii_word_boundaries(r"(\b"), r"(\b");
    }

    #[test]
    fn loosened_patterns_drop_long_counters_only() {
        assert_eq!(
            loosened(r"a[^.;]{0,40}?b(?:\w+\s+){0,3}c{2}d{1,10}"),
            r"a[^.;]{0,}?b(?:\w+\s+){0,3}c{2}d{1,}"
        );
        assert_eq!(loosened(r"\{0,40\}"), r"\{0,40\}");
    }

    #[test]
    fn non_ascii_text_still_matches_at_ascii_words() {
        let re = regex(r"(?i)\bpatient\b").unwrap();
        assert!(re.is_match("the patient’s pain"));
        assert!(re.is_match("“patient”"));
        assert!(!re.is_match("outpatients"));
    }

    #[test]
    fn a_pattern_shows_as_written() {
        let p = Pattern::new(r"\bslr\b", 1 << 20).unwrap();
        assert_eq!(p.as_str(), r"\bslr\b");
        assert_eq!(p.compiled(), r"(?-u:\b)slr(?-u:\b)");
        assert!(p.is_match("SLR slr"));
    }
}
