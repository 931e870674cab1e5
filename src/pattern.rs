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
use std::sync::OnceLock;

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

/// A pattern matching wherever `pattern` matches, and cheaper for a DFA and to compile: long counted
/// repetitions (`[^.;]{0,40}`) made unbounded (`[^.;]{0,}`), and Unicode word and digit classes
/// widened to every character outside ASCII (`\w` to `[0-9A-Za-z_\x{80}-\x{10FFFF}]`). A counter
/// multiplies the states a DFA goes through, a Unicode `\w` compiles to hundreds of byte ranges, and
/// a set of patterns that only decides which patterns to run needs neither exact bounds nor exact
/// classes.
pub fn loosened(pattern: &str) -> Cow<'_, str> {
    const CLASSES: [&str; 4] = ["\\w", "\\W", "\\d", "\\D"];
    if !pattern.contains('{') && !CLASSES.iter().any(|c| pattern.contains(c)) {
        return Cow::Borrowed(pattern);
    }
    // Classes are widened only where they are Unicode classes: with Unicode off anywhere (other than
    // around the ASCII word boundaries), the pattern keeps its classes.
    let unicode = !pattern
        .replace("(?-u:\\b)", "")
        .replace("(?-u:\\B)", "")
        .contains("-u");
    // The widened classes already hold both cases, and folding the case of a range that large is
    // slow to compile: they are written case-sensitive.
    let widened = |ascii: &str, negated: bool| {
        if negated {
            format!("(?u-i:[^{ascii}])")
        } else {
            format!("(?u-i:[{ascii}\\x{{80}}-\\x{{10FFFF}}])")
        }
    };
    rewrite(pattern, |ast, edits| match ast {
        Ast::Repetition(rep) => {
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
        Ast::ClassPerl(class) if unicode => {
            if let Some(ascii) = ascii_of(&class.kind) {
                let (start, end) = (class.span.start.offset, class.span.end.offset);
                edits.push((start, end, widened(ascii, class.negated)));
            }
        }
        // "[\w-]": the word class widened in place, and the bracket case-sensitive, which loses
        // nothing since the widened class holds every letter in both cases.
        Ast::ClassBracketed(bracket) if unicode && !bracket.negated => {
            let items: Vec<&ast::ClassSetItem> = match &bracket.kind {
                ast::ClassSet::Item(ast::ClassSetItem::Union(union)) => {
                    union.items.iter().collect()
                }
                ast::ClassSet::Item(item) => vec![item],
                ast::ClassSet::BinaryOp(_) => return,
            };
            let words: Vec<&ast::ClassPerl> = items
                .iter()
                .filter_map(|item| match item {
                    ast::ClassSetItem::Perl(class)
                        if !class.negated && class.kind == ast::ClassPerlKind::Word =>
                    {
                        Some(class)
                    }
                    _ => None,
                })
                .collect();
            if words.is_empty() {
                return;
            }
            let (start, end) = (bracket.span.start.offset, bracket.span.end.offset);
            edits.push((start, start, "(?u-i:".to_string()));
            for class in words {
                let (from, to) = (class.span.start.offset, class.span.end.offset);
                edits.push((from, to, "0-9A-Za-z_\\x{80}-\\x{10FFFF}".to_string()));
            }
            edits.push((end, end, ")".to_string()));
        }
        _ => {}
    })
}

/// The ASCII members of a Perl class that [`loosened`] widens.
fn ascii_of(kind: &ast::ClassPerlKind) -> Option<&'static str> {
    match kind {
        ast::ClassPerlKind::Word => Some("0-9A-Za-z_"),
        ast::ClassPerlKind::Digit => Some("0-9"),
        ast::ClassPerlKind::Space => None,
    }
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
    // An insertion goes before a replacement starting at the same place.
    edits.sort_unstable_by_key(|e| (e.0, e.1));
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
///
/// A pattern is either compiled when made ([`Pattern::new`], which reports what is wrong with it) or
/// when first searched with ([`Pattern::deferred`]), for rule bases already known to compile: compiling
/// every pattern of the built-in rule base took most of a start, and one letter needs few of them.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: OnceLock<Regex>,
    written: Box<str>,
    compiled: Box<str>,
    size_limit: usize,
}

impl Pattern {
    /// Compiles `pattern` within `size_limit` bytes for the program and for the DFA.
    pub fn new(pattern: &str, size_limit: usize) -> Result<Pattern, regex::Error> {
        let deferred = Pattern::deferred(pattern, size_limit);
        let regex = deferred.build()?;
        let _ = deferred.regex.set(regex);
        Ok(deferred)
    }

    /// `pattern`, compiled the first time it is searched with. Only for patterns that compile: one that
    /// does not panics there.
    pub fn deferred(pattern: &str, size_limit: usize) -> Pattern {
        Pattern {
            regex: OnceLock::new(),
            written: pattern.into(),
            compiled: ascii_word_boundaries(pattern).into(),
            size_limit,
        }
    }

    fn build(&self) -> Result<Regex, regex::Error> {
        RegexBuilder::new(&self.compiled)
            .size_limit(self.size_limit)
            .dfa_size_limit(self.size_limit)
            .build()
    }

    /// The pattern as its author wrote it.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// The pattern as compiled.
    pub fn compiled(&self) -> &str {
        &self.compiled
    }
}

impl Deref for Pattern {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.regex.get_or_init(|| {
            self.build().unwrap_or_else(|e| {
                panic!(
                    "the deferred pattern `{}` does not compile: {e}",
                    self.written
                )
            })
        })
    }
}

/// A list of patterns as one set, which tells in one pass over a text which of them may match, so
/// only those run for their positions. Built when first needed; a set too large to build leaves every
/// pattern to run.
#[derive(Debug, Clone)]
pub struct PatternSet {
    /// The patterns as the set compiles them: [`loosened`], since the set only picks which patterns
    /// run and they decide.
    members: Vec<String>,
    size_limit: usize,
    dfa_size_limit: usize,
    set: OnceLock<Option<regex::RegexSet>>,
}

impl PatternSet {
    /// The set of `patterns` (as compiled, with ASCII word boundaries), within `size_limit` bytes
    /// for its program and `dfa_size_limit` for its lazy DFA's cache.
    pub fn new<'p>(
        patterns: impl IntoIterator<Item = &'p str>,
        size_limit: usize,
        dfa_size_limit: usize,
    ) -> PatternSet {
        PatternSet {
            members: patterns
                .into_iter()
                .map(|p| loosened(p).into_owned())
                .collect(),
            size_limit,
            dfa_size_limit,
            set: OnceLock::new(),
        }
    }

    /// The indexes of the patterns that may match `text`, in order: every index when the set could not
    /// be built.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let set = self.set.get_or_init(|| {
            regex::RegexSetBuilder::new(&self.members)
                .size_limit(self.size_limit)
                // The lazy DFA behind a set gives up, and the set falls back to a matcher a hundred
                // times slower, when its cache fills too often: the caller gives it room.
                .dfa_size_limit(self.dfa_size_limit)
                .build()
                .ok()
        });
        match set {
            Some(set) => set.matches(text).into_iter().collect(),
            None => (0..self.members.len()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_pattern_is_compiled_when_first_used_and_matches_as_a_checked_one() {
        let deferred = Pattern::deferred(r"(?i)\bslr\b", 1 << 20);
        assert!(deferred.regex.get().is_none());
        assert_eq!(deferred.compiled(), r"(?i)(?-u:\b)slr(?-u:\b)");
        assert!(deferred.is_match("a positive SLR on the left"));
        assert!(!deferred.is_match("slrs"));
        let checked = Pattern::new(r"(?i)\bslr\b", 1 << 20).unwrap();
        assert!(checked.regex.get().is_some());
        assert_eq!(checked.compiled(), deferred.compiled());
        assert!(Pattern::new("(", 1 << 20).is_err());
    }

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
    fn loosened_patterns_drop_long_counters_and_widen_word_classes() {
        assert_eq!(
            loosened(r"a[^.;]{0,40}?b(?:\s+){0,3}c{2}d{1,10}"),
            r"a[^.;]{0,}?b(?:\s+){0,3}c{2}d{1,}"
        );
        assert_eq!(loosened(r"\{0,40\}"), r"\{0,40\}");
        assert_eq!(
            loosened(r"(?i)\w+[\w-]{0,9}\W\d[^\w]\s"),
            r"(?i)(?u-i:[0-9A-Za-z_\x{80}-\x{10FFFF}])+(?u-i:[0-9A-Za-z_\x{80}-\x{10FFFF}-]){0,}(?u-i:[^0-9A-Za-z_])(?u-i:[0-9\x{80}-\x{10FFFF}])[^\w]\s"
        );
        // Classes under `(?-u)` are ASCII already.
        assert_eq!(loosened(r"(?i-u)\w+"), r"(?i-u)\w+");
        // A loosened pattern matches wherever the pattern does.
        let texts = [
            "Café au lait",
            "NAÏVE-ish 12",
            "x_1 É",
            "١٢٣ digits",
            "plain WORDS",
            "a-b-c 7",
        ];
        for pattern in [
            r"(?i)\w+\s+\w+",
            r"(?i)[\w-]+\s\d+",
            r"\W\w",
            r"(?i)\D+\d",
            r"(?i)\b[a-z\w]{2,9}\s+[\w-]{1,7}\b",
        ] {
            let exact = regex(pattern).unwrap();
            let loose = regex(&loosened(pattern)).unwrap();
            for text in texts {
                assert!(
                    !exact.is_match(text) || loose.is_match(text),
                    "{pattern} on {text}"
                );
            }
        }
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

    #[test]
    fn a_pattern_set_names_the_patterns_that_may_match() {
        let set = super::PatternSet::new(
            [
                r"(?i)\bno\s+relief\b",
                r"(?i)\bpain\b[^.]{0,40}?\bfrom\s+\d+",
                r"\bUDS\b",
            ],
            1 << 20,
            1 << 20,
        );
        assert_eq!(
            set.candidates("Pain fell from 8 to 4. There was no relief."),
            [0, 1]
        );
        assert!(set.candidates("Nothing here.").is_empty());
        // A set too large to build leaves every pattern to run.
        let tiny = super::PatternSet::new([r"\w{50}", r"\d{40}"], 10, 10);
        assert_eq!(tiny.candidates("x"), [0, 1]);
    }
}
