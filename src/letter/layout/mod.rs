//! Layout detection and what the layouts share. Each layout is one module with a `detect` and a
//! `parse` function, listed once in [`LAYOUTS`]; adding a layout touches nothing else.

mod disputed_issue;
mod documents_reviewed;
mod final_list;
mod issues_decisions;
mod notice_2013;
mod numbered_issues;
mod professional_review;

use super::citation::{self, CitationBlock};
use super::date::{find_dates, Date};
use super::{request, Decision, Determination, Item, Layout, Parsed, Reviewer};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Source;
use crate::span::{Span, Spanned};
use crate::text::{
    contains_ignore_ascii_case, find_ignore_ascii_case, in_capitals, line_break_hyphen, lines,
    sentence_goes_on, spellings_of, Hyphen, Line, LogicalText, Passage, Spacing,
};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// A letter being parsed: its text and its lines with content.
pub(super) struct Letter<'a> {
    pub text: &'a str,
    pub spacing: Spacing,
    pub lines: Vec<Line<'a>>,
    /// Each line's block heading and item start, worked out on first use: detection, the search for
    /// the first item and the items themselves ask about the same lines again and again.
    blocks: Vec<OnceCell<Option<(Block, usize)>>>,
    item_starts: Vec<OnceCell<Option<ItemStart>>>,
    decision_lines: Vec<OnceCell<bool>>,
    /// No line opens a block (see [`Letter::labels_no_block`]), read once.
    labels_no_block: OnceCell<bool>,
    /// No line holds a capital: a letter lower-cased whole, whose headings capitals no longer mark.
    lowercase: bool,
    /// No line holds a lowercase letter: a letter in capitals whole, where every line looks a heading.
    uppercase: bool,
    /// Whether the letter decides its items in the utilization review's words (see
    /// [`Letter::certifies`]), read once.
    certifies: OnceCell<bool>,
}

struct LayoutEntry {
    layout: Layout,
    detect: fn(&Letter<'_>) -> bool,
    parse: fn(&Letter<'_>, &mut Vec<Diagnostic>) -> Option<Determination>,
}

/// Most specific first: the first layout whose `detect` accepts the letter parses it.
const LAYOUTS: &[LayoutEntry] = &[
    LayoutEntry {
        layout: Layout::NumberedIssues,
        detect: numbered_issues::detect,
        parse: numbered_issues::parse,
    },
    LayoutEntry {
        layout: Layout::Notice2013,
        detect: notice_2013::detect,
        parse: notice_2013::parse,
    },
    LayoutEntry {
        layout: Layout::ProfessionalReview,
        detect: professional_review::detect,
        parse: professional_review::parse,
    },
    LayoutEntry {
        layout: Layout::DocumentsReviewed,
        detect: documents_reviewed::detect,
        parse: documents_reviewed::parse,
    },
    LayoutEntry {
        layout: Layout::IssuesDecisions,
        detect: issues_decisions::detect,
        parse: issues_decisions::parse,
    },
    // Last: any letter with its decisions listed at its end takes it, when no layout before it reads
    // an item.
    LayoutEntry {
        layout: Layout::FinalList,
        detect: final_list::detect,
        parse: final_list::parse,
    },
];

/// The labels that open an item's blocks in the seed layout. Where a letter's lines were joined into
/// long paragraphs ("NORCO 10/325 MG #90:  UPHELD Claims Administrator guideline: ... MAXIMUS
/// guideline: ... Decision rationale: ..."), each starts a line of its own again.
static RUN_ON_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\s(?:claims\s+administrator\s+guideline|maximus\s+guideline|decision\s+rationale)\s*:")
        .unwrap()
});

/// A joined line shorter than this is left whole: the labels stand mid-line only where lines were
/// joined into paragraphs.
const RUN_ON_LINE: usize = 200;

/// The end of a sentence, or of an item's decision ("NORCO #90:  UPHELD CLAIMS ADMINISTRATOR
/// GUIDELINE: ..."), and the capital after it, or the lowercase letter after a sentence's end.
static CLAUSE_THEN_CAPITAL: LazyLock<Regex> = LazyLock::new(|| {
    // A recased letter's labels may start in lowercase after a sentence or a decision ("... not
    // medically necessary. guideline(s) used by the claims administrator: ...", "lidoderm 5% patch #30:
    // upheld claims administrator guideline: ..."); an extractor may glue the label to the decision
    // ("Decision: UpheldGuideline(s) relied on: ...").
    crate::pattern::regex(
        r"(?:[A-Za-z0-9)][.?]|(?i:\bupheld|\boverturned))\s+[A-Z]|\b(?:Upheld|Overturned)[A-Z]|(?:[a-z0-9)][.?]|(?i:\bupheld|\boverturned))\s+[a-z]",
    )
    .unwrap()
});

/// Where the clauses inside `text` after its first start: at their capital.
fn clause_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    CLAUSE_THEN_CAPITAL.find_iter(text).map(|m| m.end() - 1)
}

/// The longest a block label's first part may be where it wraps onto the next line.
const WRAPPED_LABEL: usize = 60;

/// `lines` of `text` with each line split before the block labels standing inside it: any label in a
/// long line ([`RUN_ON_BLOCK`]), and a label after a sentence or an item's decision in any line ("...
/// medically necessary? Guideline(s) Used By The Claims Administrator: ..."), where a reflowed letter
/// ran the label's line into the line before it, however short; such a label may wrap onto the next
/// line ("... Appropriate? Guideline(s) Used By The Claims" / "Administrator: ODG ..."), and then
/// starts a line that goes on over the next.
fn split_run_on_blocks<'a>(text: &'a str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    let mut out = Vec::with_capacity(lines.len());
    // Where a label carried over from the line before starts, with that line's breaks and bullet
    // when the label opened it.
    let mut carried: Option<(usize, Option<Line<'a>>)> = None;
    let has_colon: Vec<bool> = lines
        .iter()
        .map(|l| memchr::memchr(b':', l.text.as_bytes()).is_some())
        .collect();
    for (k, &printed) in lines.iter().enumerate() {
        let line = match carried.take() {
            Some((start, opened)) => Line {
                text: &text[start..printed.span.end()],
                span: Span::from_range(start..printed.span.end()),
                paragraph_break: opened.is_some_and(|l| l.paragraph_break),
                page_break: opened.is_some_and(|l| l.page_break),
                bullet: opened.is_some_and(|l| l.bullet),
            },
            None => printed,
        };
        let wraps_label_onto = lines
            .get(k + 1)
            .filter(|next| !next.paragraph_break && has_colon[k + 1]);
        // A label ends in a colon: on this line, or on the next where it wraps.
        if !has_colon[k] && wraps_label_onto.is_none() {
            out.push(line);
            continue;
        }
        // A long label may fill its own line and end on the next: "Section of the Medical Treatment
        // Utilization Schedule (MTUS) cited by the Claims" / "Administrator: Chronic Pain ...".
        if let Some(next) =
            wraps_label_onto.filter(|_| !has_colon[k] && line.text.len() <= 2 * WRAPPED_LABEL)
        {
            if BLOCK.is_match(&text[line.span.offset..next.span.end()]) {
                carried = Some((line.span.offset, Some(line)));
                continue;
            }
        }
        let mut cuts: Vec<usize> = Vec::new();
        let mut last_clause = None;
        for at in clause_starts(line.text) {
            if BLOCK.is_match(&line.text[at..]) {
                cuts.push(at);
            }
            last_clause = Some(at);
        }
        if line.text.len() >= RUN_ON_LINE {
            // Past the blank the pattern starts with, which may be a no-break space.
            cuts.extend(RUN_ON_BLOCK.find_iter(line.text).map(|m| {
                m.start()
                    + line.text[m.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8)
            }));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let wrapped_label = wraps_label_onto.and(last_clause).filter(|&at| {
            let next = &lines[k + 1];
            cuts.last().is_none_or(|&cut| cut < at)
                && line.text.len() - at <= WRAPPED_LABEL
                && !line.text[at..].contains(':')
                && BLOCK.is_match(&text[line.span.offset + at..next.span.end()])
        });
        if cuts.is_empty() && wrapped_label.is_none() {
            out.push(line);
            continue;
        }
        // A part starting at byte `from` of the line; only the first keeps the line's breaks and bullet.
        let part_at = |from: usize, text: &'a str, first: bool| Line {
            text,
            span: Span::new(line.span.offset + from, text.len()),
            paragraph_break: first && line.paragraph_break,
            page_break: first && line.page_break,
            bullet: first && line.bullet,
        };
        let mut from = 0;
        let mut first = true;
        for cut in cuts.into_iter().chain(wrapped_label) {
            let part = line.text[from..cut].trim_end();
            if !part.is_empty() {
                out.push(part_at(from, part, first));
                first = false;
            }
            from = cut;
        }
        match wrapped_label {
            Some(at) => carried = Some((line.span.offset + at, None)),
            None => out.push(part_at(from, &line.text[from..], first)),
        }
    }
    out
}

/// Whether no line holds a capital: a letter lower-cased whole, whose headings capitals no longer mark.
fn lower_cased_whole(lines: &[Line<'_>]) -> bool {
    !lines
        .iter()
        .any(|l| l.text.bytes().any(|b| b.is_ascii_uppercase()))
}

/// `lines` with the hyphen or asterisk that bullets a block or decision label left out, as a bullet
/// glyph is ("  - Claims Administrator guideline: ...", "  - Determination: UPHELD"): the label then
/// opens its line. Other lines keep theirs: a dash may open a line of prose.
fn labels_after_dash_bullets(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let lowercase = lower_cased_whole(&lines);
    for line in &mut lines {
        let Some(rest) = line
            .text
            .strip_prefix("- ")
            .or_else(|| line.text.strip_prefix("* "))
            .map(str::trim_start)
        else {
            continue;
        };
        if block_kind(rest, lowercase).is_some() || may_be_decision_label(rest) {
            let cut = line.text.len() - rest.len();
            line.span = Span::new(line.span.offset + cut, rest.len());
            line.text = rest;
            line.bullet = true;
        }
    }
    lines
}

pub(super) fn parse(source: &Source) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = source.text.as_str();
    if text.trim().is_empty() {
        let message = if text.is_empty() {
            "the input is empty"
        } else {
            "the input holds only blank space"
        };
        diagnostics.push(
            Diagnostic::new(Code::InputEmpty, message)
                .with_label(Span::new(0, text.len()), "no text here"),
        );
        return Parsed {
            determination: None,
            diagnostics,
        };
    }
    if source.looks_binary() {
        diagnostics.push(
            Diagnostic::new(
                Code::InputBinary,
                "the input is binary data, not a text letter",
            )
            .with_label(
                Span::new(0, text.chars().next().map_or(0, char::len_utf8)),
                "binary data starts here",
            )
            .with_help(
                "extract the letter's text first; PDF letters need their text layer extracted",
            ),
        );
        return Parsed {
            determination: None,
            diagnostics,
        };
    }
    // Layouts read decision words and headings as written; a scanned letter's "0verturned", "Uphe1d"
    // and "Requesf #3" are read as the words they are, and no-break spaces and a re-typed letter's
    // Markdown ("**Upheld**") and outline numbers ("3.2.1 MAXIMUS guideline: ...") as blanks. Offsets
    // are unchanged, so spans still point into the letter.
    use crate::text::repaired_with;
    let repaired = crate::text::with_no_break_spaces_as_blanks(text);
    let repaired = repaired_with(repaired, crate::text::with_markdown_blanked);
    let repaired = repaired_with(repaired, |t| {
        crate::text::with_outline_numbers_blanked(t, true)
    });
    let repaired = repaired_with(repaired, crate::text::with_section_labels_blanked);
    let repaired = repaired_with(repaired, crate::text::with_dot_leaders_as_colons);
    let repaired = repaired_with(repaired, crate::text::with_rationale_item_headings_blanked);
    let repaired = repaired_with(repaired, crate::words::with_misread_digits_repaired);
    let repaired = repaired_with(repaired, crate::words::with_split_decision_words_joined);
    let repaired = repaired_with(repaired, crate::words::with_misread_labels_repaired);
    let repaired = repaired_with(repaired, crate::words::with_misread_decisions_repaired);
    let text = repaired.as_ref();
    let letter = prepared(text);
    let mut reading = read_layouts(&letter);
    // Outline numbers of one level ("3.1 NORCO #90:  UPHELD", "3.2 ...") may be the items' numbers or
    // hide the lines a layout reads; where no layout reads the letter with them, it is read again
    // without them.
    let unnumbered = match reading.determination {
        None => crate::text::with_outline_numbers_blanked(text, false),
        Some(_) => std::borrow::Cow::Borrowed(text),
    };
    let reread;
    let mut letter = &letter;
    if let std::borrow::Cow::Owned(unnumbered) = &unnumbered {
        reread = prepared(unnumbered);
        let second = read_layouts(&reread);
        if second.determination.is_some() {
            reading = second;
            letter = &reread;
        }
    }
    let Reading {
        determination,
        diagnostics: attempt,
        failed,
    } = reading;
    diagnostics.extend(attempt);
    if determination.is_none() {
        let Some((layout, attempt)) = failed else {
            diagnostics.push(
                Diagnostic::new(Code::NotALetter, "the text is not an IMR determination letter")
                    .with_label(letter.lines.first().map_or(Span::new(0, 0), |l| l.span), "the text starts here")
                    .with_help("a letter has a case summary and disputed items with decisions (\"SERVICE:  Upheld\") and rationales"),
            );
            return Parsed {
                determination: None,
                diagnostics,
            };
        };
        diagnostics.extend(attempt);
        diagnostics.push(
            Diagnostic::new(
                Code::NoItems,
                format!(
                    "the letter ({} layout) states no disputed item",
                    layout.name()
                ),
            )
            .with_label(letter.lines[0].span, "letter starts here")
            .with_help(
                "each disputed item starts with a line such as \"NORCO 10/325 MG, #90:  Upheld\"",
            ),
        );
    }
    if let Some(d) = &determination {
        check_overall(letter, d, &mut diagnostics);
    }
    Parsed {
        determination,
        diagnostics,
    }
}

/// The letter's lines, as every layout reads them.
fn prepared(text: &str) -> Letter<'_> {
    let spacing = Spacing::detect(text);
    Letter::new(
        text,
        spacing,
        labels_after_dash_bullets(split_run_on_blocks(
            text,
            lines(text, Span::new(0, text.len()), spacing),
        )),
    )
}

/// What the layouts read of a letter: the determination of the first that reads a decided item, and
/// its diagnostics; or else the first to fail, for the error.
struct Reading {
    determination: Option<Determination>,
    diagnostics: Vec<Diagnostic>,
    failed: Option<(Layout, Vec<Diagnostic>)>,
}

fn read_layouts(letter: &Letter<'_>) -> Reading {
    // A letter may take one layout's title and another's body: when the first layout that accepts it
    // reads no item, the next that accepts it tries. A reading whose items carry no decision at all
    // gives way to a later one that decides some (items lettered in the analysis, decided only in
    // a closing list).
    let mut failed: Option<(Layout, Vec<Diagnostic>)> = None;
    let mut undecided: Option<(Determination, Vec<Diagnostic>)> = None;
    for entry in LAYOUTS.iter().filter(|entry| (entry.detect)(letter)) {
        let mut attempt = Vec::new();
        match (entry.parse)(letter, &mut attempt) {
            Some(d) if d.items.iter().any(|item| item.decision.is_some()) => {
                return Reading {
                    determination: Some(d),
                    diagnostics: attempt,
                    failed,
                };
            }
            Some(d) if !d.items.is_empty() => {
                undecided.get_or_insert((d, attempt));
            }
            _ => {
                failed.get_or_insert((entry.layout, attempt));
            }
        }
    }
    let (determination, diagnostics) = match undecided {
        Some((d, attempt)) => (Some(d), attempt),
        None => (None, Vec::new()),
    };
    Reading {
        determination,
        diagnostics,
        failed,
    }
}

/// The letter's overall determination, stated before its items in the letters of 2013 to 2016:
/// "Final Determination: UPHOLD", "OVERTURN", "PARTIAL OVERTURN", "UPHOLD IN PART".
static OVERALL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*final\s+determination\s*:\s*(?P<word>partial(?:ly)?\s+(?:overturn(?:ed)?|uph[oe]ld)|(?:overturn(?:ed)?|uph[oe]ld)(?:\s+in\s+part)?)\b")
        .unwrap()
});

/// Warns when the letter's overall determination disagrees with its items' decisions: UPHOLD says no
/// item was overturned, OVERTURN that one was at least, PARTIAL OVERTURN that some were and some
/// were not.
fn check_overall(letter: &Letter<'_>, d: &Determination, diagnostics: &mut Vec<Diagnostic>) {
    let first_item = d
        .items
        .first()
        .map_or(usize::MAX, |i| i.service.span.offset);
    let Some((line, word)) = letter
        .lines
        .iter()
        .take_while(|l| l.span.offset < first_item)
        .filter(|l| contains_ignore_ascii_case(l.text, "determination"))
        .find_map(|l| {
            OVERALL
                .captures(l.text)
                .map(|c| (l, c.name("word").unwrap()))
        })
    else {
        return;
    };
    let decided: Vec<Decision> = d
        .items
        .iter()
        .filter_map(|i| i.decision.as_ref().map(|d| d.value))
        .collect();
    if decided.len() < d.items.len() {
        return;
    }
    let overturned = decided
        .iter()
        .filter(|&&d| d == Decision::Overturned)
        .count();
    let stated = word.as_str().to_ascii_lowercase();
    let (agrees, means) = if stated.starts_with("partial") || stated.ends_with("in part") {
        (
            overturned > 0 && overturned < decided.len(),
            "some items overturned and some upheld",
        )
    } else if stated.starts_with("overturn") {
        (overturned > 0, "at least one item overturned")
    } else {
        (overturned == 0, "every item upheld")
    };
    if agrees {
        return;
    }
    let span = Span::new(line.span.offset + word.start(), word.len());
    diagnostics.push(
        Diagnostic::new(
            Code::OverallDecisionMismatch,
            format!(
                "the letter's final determination \"{}\" disagrees with its items: {overturned} of {} overturned",
                word.as_str(),
                decided.len()
            ),
        )
        .with_label(span, format!("this means {means}"))
        .with_help("one of the two is wrong in the letter: compare each item's decision with its rationale"),
    );
}

/// A case-insensitive heading pattern, matched at the start of a line.
pub(super) fn heading(pattern: &str) -> HeadingPattern {
    // A heading's words may run together where an extractor lost the space between them
    // ("RATIONALE FOR THEDECISION", "CLINICALCASE SUMMARY").
    let pattern = ocr_tolerant(&pattern.replace(r"\s+", r"\s*"));
    HeadingPattern {
        regex: crate::pattern::regex(&format!(r"(?i)^\s*(?:{pattern})"))
            .expect("heading patterns are valid"),
        first_bytes: first_bytes(&format!("(?i)(?:{pattern})")),
    }
}

/// `pattern` with the letters an optical character reader misreads matched in their misread forms too:
/// "m" as "rn" ("Clinical case surnmary"), "l" as "1" or "|", "o" as "0". Letters of escapes and of
/// character classes are left as they are.
fn ocr_tolerant(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                out.extend(chars.next());
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            'm' | 'M' if !in_class => out.push_str("(?:m|rn)"),
            'l' | 'L' if !in_class => out.push_str("[l1|]"),
            'o' | 'O' if !in_class => out.push_str("[o0]"),
            _ => out.push(c),
        }
    }
    out
}

/// A heading pattern and the bytes its first word may start with.
pub(super) struct HeadingPattern {
    regex: Regex,
    /// Indexed by byte; `None` when the pattern's start is not known.
    first_bytes: Option<[bool; 256]>,
}

impl HeadingPattern {
    /// Whether the heading may start `line`, a line trimmed of blanks: the pattern's leading blanks
    /// match none there, so its first word must start the line. Most lines start with another letter,
    /// and this keeps the pattern off them.
    fn may_start(&self, line: &str) -> bool {
        match (&self.first_bytes, line.as_bytes().first()) {
            (None, _) => true,
            (Some(first), Some(&b)) => first[usize::from(b)],
            (Some(_), None) => false,
        }
    }

    /// Whether the heading starts `line`, a line trimmed of blanks.
    pub fn is_match(&self, line: &str) -> bool {
        self.may_start(line) && self.regex.is_match(line)
    }

    fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.regex.find(text)
    }
}

/// The bytes a match of `pattern` may start with, from the literals every match starts with; `None`
/// when a match may start with anything or with nothing.
fn first_bytes(pattern: &str) -> Option<[bool; 256]> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let prefixes = regex_syntax::hir::literal::Extractor::new().extract(&hir);
    let mut first = [false; 256];
    for literal in prefixes.literals()? {
        first[usize::from(*literal.as_bytes().first()?)] = true;
    }
    Some(first)
}

/// Where a heading stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Heading {
    /// The line the heading starts on.
    pub line: usize,
    /// The first line after the heading.
    pub next: usize,
    /// When text follows the heading on its own line ("CLINICAL CASE SUMMARY The patient is..."), where
    /// that text starts.
    pub content: Option<usize>,
}

impl<'a> Letter<'a> {
    pub fn new(text: &'a str, spacing: Spacing, lines: Vec<Line<'a>>) -> Letter<'a> {
        let n = lines.len();
        let lowercase = lower_cased_whole(&lines);
        let uppercase = !lines
            .iter()
            .any(|l| l.text.bytes().any(|b| b.is_ascii_lowercase()));
        Letter {
            text,
            spacing,
            lines,
            blocks: vec![OnceCell::new(); n],
            item_starts: (0..n).map(|_| OnceCell::new()).collect(),
            decision_lines: vec![OnceCell::new(); n],
            labels_no_block: OnceCell::new(),
            lowercase,
            uppercase,
            certifies: OnceCell::new(),
        }
    }

    /// Whether the letter decides its items in the utilization review's words ("NORCO 10/325 MG #120:
    /// Not certified", "Partially certified: 6 of 12 visits"): two such item lines or more, and none
    /// in the IMR's ("Upheld", "Overturned"). Read only when a line is no item in the IMR's words.
    fn certifies(&self) -> bool {
        *self.certifies.get_or_init(|| {
            let mut certified = 0;
            for line in &self.lines {
                let text = line.text;
                if names_decision_word(text) && ITEM_LINE.is_match(text) {
                    return false;
                }
                if (contains_ignore_ascii_case(text, "certified")
                    || contains_ignore_ascii_case(text, "modified"))
                    && ITEM_LINE_CERTIFIED.is_match(text)
                {
                    certified += 1;
                }
            }
            certified >= 2
        })
    }

    /// Whether line `i` comes after a heading: a short line in capitals, or, in a letter lower-cased
    /// or in capitals whole, a short line that opens its paragraph and neither ends a sentence nor
    /// leaves one open ("imr issues and rationales").
    fn follows_heading(&self, i: usize) -> bool {
        let Some(before) = i.checked_sub(1).map(|k| self.lines[k].text.trim_end()) else {
            return false;
        };
        if before.len() > 60 {
            return false;
        }
        if !self.uppercase && in_capitals(before) {
            return true;
        }
        (self.lowercase || self.uppercase)
            && !before.is_empty()
            && !before.ends_with(['.', ',', ';', ':', '?', '!', '-', ')'])
            && self.opens_paragraph(i - 1)
            && !crate::text::ends_open(before)
    }

    /// The block heading line `i` starts with, if any (see [`block_kind`]); none past the last line.
    fn block(&self, i: usize) -> Option<(Block, usize)> {
        let cell = self.blocks.get(i)?;
        *cell.get_or_init(|| block_kind(self.lines[i].text, self.lowercase))
    }

    /// Whether no line of the letter opens a block: a letter that labels none of its items'
    /// sections, whose rationales are unlabelled paragraphs.
    fn labels_no_block(&self) -> bool {
        *self
            .labels_no_block
            .get_or_init(|| (0..self.lines.len()).all(|j| self.block(j).is_none()))
    }

    /// How an item starts on line `i`, if one does (see [`item_start`]).
    fn item_start(&self, i: usize) -> Option<&ItemStart> {
        self.item_starts[i]
            .get_or_init(|| item_start(self, i))
            .as_ref()
    }

    /// The first heading at or after line `from` matching `re`: a whole line, a heading wrapped over two
    /// short lines, or a heading followed on its line by the text it introduces (reformatted letters run
    /// them together). Text may follow a heading that ends with a colon or is written in capitals.
    pub fn find_heading(&self, from: usize, re: &HeadingPattern) -> Option<Heading> {
        for i in from..self.lines.len() {
            let line = &self.lines[i];
            // A heading wrapped over two lines starts where its first line does.
            if !re.may_start(line.text) {
                continue;
            }
            if let Some(m) = re.find(line.text) {
                let rest = &line.text[m.end()..];
                // A scan may leave a stray mark after a heading ("CLINICAL CASE SUMMARY|").
                let stray = |c: char| c.is_whitespace() || matches!(c, '|' | '\u{a6}' | '`' | '~');
                // A parenthesis may qualify it: "CASE SUMMARY (MEDICAL RECORDS REVIEWED)".
                let qualifier = rest.trim();
                let parenthesised = qualifier.len() <= 60
                    && qualifier.starts_with('(')
                    && qualifier.trim_end_matches(':').ends_with(')');
                if rest.trim_matches(stray).is_empty() || parenthesised {
                    return Some(Heading {
                        line: i,
                        next: i + 1,
                        content: None,
                    });
                }
                let heading_text = m.as_str();
                // A letter lower-cased whole lost the capitals that set a heading off from its text.
                let in_capitals = self.lowercase || !heading_text.chars().any(char::is_lowercase);
                // Glued to its text, a heading in capitals is told by the capital after it; in a
                // letter lower-cased whole, by a word after it ("clinical case summarythe expert").
                let glued_word = || {
                    let word = rest
                        .split(|c: char| !c.is_ascii_alphabetic())
                        .next()
                        .unwrap_or("");
                    crate::words::is_word(word)
                };
                // A heading in any case glued to the capital that opens its text: "Clinical Case
                // SUMMARYThe reviewer ...", "How The IMR Final Determination Was MadeMAXIMUS ...".
                let glued_capital = heading_text.ends_with(|c: char| c.is_alphabetic())
                    && rest.starts_with(|c: char| c.is_uppercase());
                // A heading of two or more words in title case before a capital: "Expert Reviewer
                // Case Summary The patient is ...".
                let title_case = || {
                    let words: Vec<&str> = heading_text.split_whitespace().collect();
                    words.len() >= 2
                        && words
                            .iter()
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                        && rest.starts_with(' ')
                };
                let separated = heading_text.trim_end().ends_with(':')
                    || glued_capital
                    || title_case()
                    || (in_capitals
                        && rest.starts_with(|c: char| c.is_whitespace() || c.is_uppercase()))
                    || (self.lowercase && glued_word());
                let next_word_capital = self.lowercase
                    || rest
                        .trim_start()
                        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '"');
                if separated && next_word_capital {
                    let start = line.span.offset + m.end() + (rest.len() - rest.trim_start().len());
                    return Some(Heading {
                        line: i,
                        next: i + 1,
                        content: Some(start),
                    });
                }
            }
            if let Some(next) = self.lines.get(i + 1) {
                if line.text.len() < 40 && next.text.len() < 40 {
                    let joined = format!("{} {}", line.text, next.text);
                    if re
                        .find(&joined)
                        .is_some_and(|m| joined[m.end()..].trim().is_empty())
                    {
                        return Some(Heading {
                            line: i,
                            next: i + 2,
                            content: None,
                        });
                    }
                }
            }
        }
        None
    }

    /// The text a heading introduces, up to line `to` (exclusive).
    pub fn region_after(&self, heading: Heading, to: usize) -> Option<Span> {
        let to = to.min(self.lines.len());
        match heading.content {
            Some(start) => {
                let end = if to > heading.next {
                    self.lines[to - 1].span.end()
                } else {
                    self.lines[heading.line].span.end()
                };
                (end > start).then(|| Span::from_range(start..end))
            }
            None => self.region(heading.next, to),
        }
    }

    /// Whether line `i` opens a paragraph: the first line, after a paragraph break, or after a line
    /// that ends a sentence or a label. Double spacing hides paragraph breaks; the line before tells.
    fn opens_paragraph(&self, i: usize) -> bool {
        i == 0
            || self.lines[i].paragraph_break
            || self.lines[i - 1].text.trim_end().ends_with(['.', ':'])
    }

    /// Whether line `i` may open a paragraph: the first line, after a paragraph break, or, in a
    /// letter that marks no paragraphs with blank lines, after a line that ends a sentence or
    /// introduces what follows ("... the disputed items/services:").
    fn may_open_paragraph(&self, i: usize) -> bool {
        i == 0
            || self.lines[i].paragraph_break
            || (self.spacing.is_unbroken() && self.lines[i - 1].text.ends_with(['.', ':']))
    }

    /// Whether line `i` stands alone as a paragraph: a break before it and after it. Where no blank
    /// lines mark paragraphs, a line after a finished sentence and before a block's label does.
    fn stands_alone(&self, i: usize) -> bool {
        let unbroken = self.spacing.is_unbroken();
        let before = if unbroken {
            i > 0 && self.may_open_paragraph(i)
        } else {
            self.lines[i].paragraph_break
        };
        before
            && self.lines.get(i + 1).is_some_and(|next| {
                next.paragraph_break || (unbroken && self.block(i + 1).is_some())
            })
    }

    /// The span covering lines `from..to`.
    pub fn region(&self, from: usize, to: usize) -> Option<Span> {
        let to = to.min(self.lines.len());
        (from < to).then(|| self.lines[from].span.cover(self.lines[to - 1].span))
    }

    pub fn logical(&self, from: usize, to: usize) -> LogicalText {
        LogicalText::from_lines(&self.lines[from.min(to)..to.min(self.lines.len())])
    }

    /// The logical text of lines `from..to`, headed by the `heading_len` bytes that open line
    /// `from`'s printed text, and where the text after the heading starts in it: the logical text
    /// folds the blanks and line breaks a heading holds ("... by the Expert Reviewer in making the
    /// IMR   " / "determination:").
    pub fn logical_after_heading(
        &self,
        from: usize,
        to: usize,
        heading_len: usize,
    ) -> (LogicalText, usize) {
        let logical = self.logical(from, to);
        let after = logical.logical_offset(self.lines[from].span.offset + heading_len);
        (logical, after)
    }
}

static BOARD: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)board\s*certified\s*in\s*([A-Z][A-Za-z&/ -]*?)\s*(?:,|;|\.|\band\b\s+(?:is|has)|\bhas\b|\bwith\b|$)").unwrap()
});
static SUBSPECIALTY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)subspecialty\s+in\s+([A-Z][A-Za-z&/ -]*?)\s*(?:,|;|\.|\band\b|$)")
        .unwrap()
});
static LICENSED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)licensed\s+to\s+practice\s+in\s+([A-Z][A-Za-z ,]*?)\s*(?:\.|;|$)")
        .unwrap()
});
static KEY_SPECIALTY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*certification\(?s?\)?\s*/\s*specialty\s*:\s*(.+)$").unwrap()
});
static KEY_LICENSURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*state\(?s?\)?\s+of\s+licensure\s*:\s*(.+)$").unwrap()
});

/// Reads the reviewer's specialty and licensure from lines `from..to`.
pub(super) fn reviewer(letter: &Letter<'_>, from: usize, to: usize) -> Reviewer {
    let mut reviewer = Reviewer::default();
    for line in &letter.lines[from..to.min(letter.lines.len())] {
        let capture = |re: &Regex| {
            re.captures(line.text).map(|c| {
                let m = c.get(1).unwrap();
                let value = m.as_str().trim();
                Spanned::new(
                    value.to_string(),
                    Span::new(line.span.offset + m.start(), value.len()),
                )
            })
        };
        // Each key holds these letters, which have no case variant outside ASCII ("s" has the long
        // s): most lines hold neither, and a capture costs a search of its own.
        if reviewer.specialty.is_none() && contains_ignore_ascii_case(line.text, "pecialty") {
            reviewer.specialty = capture(&KEY_SPECIALTY);
        }
        if reviewer.licensure.is_none() && contains_ignore_ascii_case(line.text, "licen") {
            reviewer.licensure = capture(&KEY_LICENSURE);
        }
    }
    // The statements start on a line naming one of their keys; the header above the first such line
    // is not read as logical text at all.
    let to = to.min(letter.lines.len());
    let names_key = |i: &usize| {
        let line = letter.lines[*i].text;
        ["board", "pecialty", "licen"]
            .iter()
            .any(|key| contains_ignore_ascii_case(line, key))
    };
    let Some(first) = (from..to).find(names_key) else {
        return reviewer;
    };
    // And end within two lines of the last such line: a statement wraps over a line or two, and the
    // rest of the header (a whole case summary, in some layouts) is not read either.
    let last = (first..to).rev().find(names_key).unwrap_or(first);
    let logical = letter.logical(first.saturating_sub(1).max(from), (last + 3).min(to));
    let text = logical.as_str();
    // Every match of `re` starts with `literal`, which has no letter with a case variant outside
    // ASCII: the search starts where the literal first stands.
    let spanned = |re: &Regex, literal: &str| {
        let start = find_ignore_ascii_case(text, literal)?;
        re.captures_at(text, start).map(|c| {
            let m = c.get(1).unwrap();
            Spanned::new(
                m.as_str().trim().to_string(),
                logical.original_span(m.range()),
            )
        })
    };
    reviewer.specialty = reviewer.specialty.or_else(|| spanned(&BOARD, "board"));
    // "subspecialty" may be spelled with the long s the pattern also takes for "s": a match holds
    // "pecialty", but may start before it.
    reviewer.subspecialty = contains_ignore_ascii_case(text, "pecialty")
        .then(|| spanned(&SUBSPECIALTY, ""))
        .flatten();
    reviewer.licensure = reviewer.licensure.or_else(|| spanned(&LICENSED, "licen"));
    reviewer
}

/// The label of the letter's own date in a header: "Decision Date:", "Determination Date:", "Date of
/// Decision:", "Dated:", "Date:". The words a label may follow are caught so that "UR Denial Date:" and "Date of UR
/// Decision:" (the utilization review's date, not the letter's) are told apart.
pub(super) static LETTER_DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:(ur|denial|review|utilization|injury|application)\s+)?(?:(?:imr\s+|final\s+)?(?:decision|determination)\s+date|date\s+of\s+(?:imr\s+|final\s+)?(?:decision|determination)|dated?)\s*:")
        .unwrap()
});
/// The label of the date of injury in a header: "Date of Injury:", "DOI:", "Injury Date:".
pub(super) static INJURY_DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b()(?:date\s+of\s+(?:industrial\s+)?injury|injury\s+date|DOI)\s*:")
        .unwrap()
});

/// The date written right after a `label` ("Decision Date:  05/19/2015") within lines `from..to`. A
/// header may set two fields on a line ("Date of Injury: 09/23/2011   Decision Date: 05/19/2015"), so
/// the label may stand anywhere on its line; a label whose first group matched (a qualifying word such
/// as "UR" before "Decision Date") is not the one sought, nor is a label with no date right after it.
pub(super) fn labelled_date(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
    label: &Regex,
) -> Option<Spanned<Date>> {
    letter.lines[from..to.min(letter.lines.len())]
        .iter()
        .find_map(|line| {
            label.captures_iter(line.text).find_map(|c| {
                if c.get(1).is_some_and(|q| !q.is_empty()) {
                    return None;
                }
                let end = c.get(0)?.end();
                let rest = &line.text[end..];
                let blank = rest.len() - rest.trim_start().len();
                let (date, range) = find_dates(rest)
                    .into_iter()
                    .find(|(_, r)| r.start == blank)?;
                let offset = line.span.offset + end + range.start;
                Some(Spanned::new(date, Span::new(offset, range.len())))
            })
        })
}

/// "NORCO 10/325 MG, #90:  Upheld", "Item: Norco #60 Decision: Upheld (not medically necessary)", its
/// parenthesis perhaps wrapped onto the next line ("Decision: UPHELD (not medically" / "necessary).").
static ITEM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?:\(?\d{1,2}[.)]\s+)?(.+?)\s*:\s*(upheld|overturned|partial(?:ly)?\s+(?:certified|approved|overturned|upheld)|(?:upheld|overturned|certified|approved)\s+in\s+part)\s*(?:\([^()]{1,60}(?:\)\s*|$))?\.?$",
    )
    .unwrap()
});
/// An item's line deciding it in the utilization review's words, in a letter that uses no others:
/// "NORCO 10/325 MG #120:  Not certified", "MRI OF THE LUMBAR SPINE:  Certified", "PHYSICAL THERAPY 2
/// TIMES A WEEK FOR 6 WEEKS:  Partially certified: 6 of 12 visits", "COLD THERAPY UNIT: Modified".
static ITEM_LINE_CERTIFIED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?:\(?\d{1,2}[.)]\s+)?(.+?)\s*:\s*((?:not|non)[\s-]?certified|noncertified|certified|modified|partially\s+certified)(?:\s*[:,\-\x{2013}\x{2014}]\s*[^:()]{1,60}?)?\s*(?:\([^()]{1,60}(?:\)\s*|$))?\.?$",
    )
    .unwrap()
});
static ITEM_LINE_UNKNOWN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"^(?:\(?\d{1,2}[.)]\s+)?([^:]{3,}?)\s*:\s+([A-Za-z][A-Za-z-]{2,})\s*\.?$",
    )
    .unwrap()
});
/// The block headings in order of preference, each with the pattern of its label.
const BLOCK_LABELS: [(Block, &str); 4] = [
    // "Claims Administrator guideline:", "Claims Administrator Rationale:" (its citation statement),
    // "Medical Treatment Guideline(s) Relied Upon by the Claims
    // Administrator:", "... used by the Claims Administrator (CA) in making its utilization review
    // decision:", "Guidelines Used by Claims Administrator (Utilization Review):", "UR guideline(s):",
    // "Section of the MTUS cited by the Claims Administrator:",
    // "Guidelines cited in the utilization review:", "Standards applied by the Claims Administrator:",
    // "Guideline basis (Claims Administrator):".
    (
        Block::Administrator,
        r"claims\s+administrator(?:'s)?\s+(?:guidelines?|citations?|rationale|standards?(?:\s+applied)?)|sections?\s+of\s+the\s+(?:mtus|medical\s+treatment\s+utilization\s+schedule(?:\s+\(mtus\))?)\s+(?:cited|used|relied\s+(?:up)?on)\s+by\s+(?:the\s+)?claims\s+administrator|(?:ur|utilization\s+review)\s+guidelines?(?:\(s\))?(?:\s+(?:used|cited|applied))?|(?:medical\s+treatment\s+)?(?:guidelines?|standards?)(?:\(s\))?\s+(?:relied\s+(?:up)?on|used|cited|applied)\s+by\s+(?:the\s+)?claims\s+administrator(?:\s*\((?:[a-z]{2,5}|utilization\s+review)\))?(?:\s+in\s+(?:making|reaching)\s+[^:]{1,60})?|guidelines?(?:\(s\))?\s+(?:cited|used|applied|relied\s+(?:up)?on)\s+in\s+(?:the\s+)?(?:utilization\s+review|ur)(?:\s+(?:decision|determination))?|(?:guidelines?(?:\(s\))?|guideline\s+basis|citations?|standards?\s+applied)\s*\((?:(?:the\s+)?claims\s+administrator|utilization\s+review|ur)\)",
    ),
    // "MAXIMUS guideline:", "Reviewer's guideline basis:", "Medical Treatment Guideline(s) Relied Upon
    // by the Expert Reviewer:", "... used by the Expert Reviewer in making the IMR decision:", "... used
    // by the Expert Reviewer (EXR):", "IMR guideline(s):", "Section of the MTUS used by the Expert
    // Reviewer:", "Guidelines applied by the expert reviewer:".
    (
        Block::Imro,
        r"(?:maximus|imro|imr|(?:expert\s+|physician\s+)?reviewer)(?:['\x{2019}]?s)?\s+(?:guidelines?(?:\(s\))?(?:\s+basis)?|citations?|standards?(?:\s+applied)?)|sections?\s+of\s+the\s+(?:mtus|medical\s+treatment\s+utilization\s+schedule(?:\s+\(mtus\))?)\s+(?:cited|used|relied\s+(?:up)?on)\s+by\s+(?:the\s+)?(?:expert\s+|physician\s+)?reviewer|(?:medical\s+treatment\s+)?(?:guidelines?|standards?)(?:\(s\))?\s+(?:relied\s+(?:up)?on|used|cited|applied|considered)\s+by\s+(?:the\s+)?(?:maximus|imro|exr|(?:expert\s+|physician\s+|independent\s+)?reviewer(?:\s*\((?:[a-z]{2,5}|independent\s+medical\s+review)\))?)(?:\s+in\s+(?:making|reaching)\s+[^:]{1,60})?|(?:guidelines?(?:\(s\))?|guideline\s+basis|citations?|standards?\s+applied)\s*\((?:imr|imro|maximus|(?:the\s+)?(?:expert\s+|physician\s+)?reviewer)\)",
    ),
    // Citations nobody is named for: "MTUS Citation:", "Non-MTUS Citations:", "Guideline
    // citation:", "Citations:", "Guidelines cited:", "Cited guidelines:", "Guideline(s):", "Guidelines
    // applied:", "Guidelines considered:", "Reference Guidelines:", "Medical Treatment Utilization
    // Schedule (MTUS) Citation used:", "Basis:", "Guideline basis:", "Criteria Applied:",
    // "Applicable Criteria:", "Criteria source:", "Standard applied:", "Guidance relied upon:",
    // "Authority:", "Guideline references:", "Other Guideline(s) Used:", "Medical Treatment Guidelines
    // used in this review:", "Guidelines and Evidence-Based Resources Used:".
    (
        Block::Citations,
        r"(?:(?:(?:non-?\s*)?mtus|acoem|odg)(?:\s*/\s*(?:(?:non-?\s*)?mtus|acoem|odg))*\s+|guidelines?(?:\(s\))?\s+|medical\s+treatment\s+(?:guidelines?(?:\(s\))?|utilization\s+schedule)\s+(?:\(mtus\)\s+)?)?citations?(?:\s+used)?|(?:reference\s+|cited\s+|applicable\s+|other\s+|additional\s+)?(?:medical\s+treatment\s+)?(?:guidelines?(?:\(s\))?|guidance)(?:\s+(?:cited|relied\s+(?:up)?on|used|applied|considered|referenced|references?|basis)(?:\s+(?:in|for)\s+(?:this|the)\s+(?:review|determination|decision))?)?|guidelines?(?:\(s\))?\s+and\s+(?:other\s+)?evidence[-\s]based\s+(?:resources|references|sources|literature)(?:\s+(?:used|cited|relied\s+(?:up)?on|applied))?|(?:guidelines?\s+|regulatory\s+)?basis|(?:guideline\s+)?standards?(?:\(s\))?(?:\s+(?:applied|used|cited|relied\s+(?:up)?on))?|(?:applicable|relevant|guideline)\s+criteria|criteria\s+(?:applied|used|cited|considered|sources?)|(?:guideline\s+|supporting\s+|governing\s+)?authorit(?:y|ies)(?:\s+(?:cited|relied\s+(?:up)?on|used|applied))?|(?:guideline\s+)?references?(?:\s+(?:cited|used))?",
    ),
    // "Decision rationale:", "Rationale for (the) decision:", "Rationale:", "Reviewer's
    // rationale:", "Clinical rationale:", "Basis for the Decision:", "Expert Reviewer's Decision and
    // Rationale:", "Clinical basis:", "Reasoning:", "Clinical reasoning:", "Reviewer's analysis:",
    // "Rationale Used:", "Rationale Used by the EXR:", "Relevant Clinical Findings:", "Reviewer
    // Findings (and Rationale):", "Reviewer's Conclusion:", "What the records show:", "Explanation:",
    // "Findings and conclusion:", "Analysis and Findings:" (not "Findings:" alone, which opens
    // imaging reports in case summaries).
    (
        Block::Rationale,
        r"rationale\s+used(?:\s+by\s+(?:the\s+)?(?:(?:expert\s+|physician\s+)?reviewer(?:\s*\([a-z]{2,5}\))?|exr))?|(?:(?:(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?\s+)?decision\s+and\s+)?rationale|decision\s+rationale|clinical\s+basis|basis\s+for\s+(?:the\s+)?(?:decision|determination)|(?:(?:clinical|medical|imr|combined|(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?)\s+)?(?:rationale|reasoning|reasons|analysis|discussion|explanation)(?:\s+(?:for|of)\s+(?:the\s+)?(?:decision|determination))?|(?:relevant\s+|pertinent\s+)?(?:clinical\s+)?findings\s+(?:relied\s+(?:up)?on|considered)|(?:relevant|pertinent|(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?)\s+(?:clinical\s+)?findings(?:\s+and\s+(?:rationale|analysis|discussion))?|(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?\s+conclusions?|what\s+the\s+(?:medical\s+)?records?\s+shows?|findings\s+and\s+(?:conclusions?|rationale|analysis|discussion|reasoning)|(?:analysis|discussion)\s+and\s+(?:findings|conclusions?)",
    ),
];

fn block_heading(label: &str) -> Regex {
    crate::pattern::regex(&format!(r"(?i)^(?:{})\s*:", glued_words_allowed(label)))
        .expect("block labels are valid")
}

/// A label's pattern with the spaces between its words made optional: extraction glues words
/// together ("Guideline(s) used by the ClaimsAdministrator:"), and a label is only read where it
/// opens its line and ends at its colon.
fn glued_words_allowed(label: &str) -> String {
    label.replace(r"\s+", r"\s*")
}

/// Any block heading.
static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    let labels: Vec<&str> = BLOCK_LABELS.iter().map(|(_, label)| *label).collect();
    block_heading(&labels.join("|"))
});
/// Each block's heading, in order of preference.
static BLOCKS: LazyLock<Vec<(Block, Regex)>> = LazyLock::new(|| {
    BLOCK_LABELS
        .iter()
        .map(|&(kind, label)| (kind, block_heading(label)))
        .collect()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Administrator,
    Imro,
    /// Citations under a label that names nobody: the reviewer's, unless they go on from a block
    /// just before.
    Citations,
    Rationale,
}

/// A block heading without its colon, alone on its line in capitals: "ANALYSIS", "GUIDELINES".
static BARE_BLOCK: LazyLock<Vec<(Block, Regex)>> = LazyLock::new(|| {
    BLOCK_LABELS
        .iter()
        .map(|&(kind, label)| {
            let re =
                crate::pattern::regex(&format!(r"(?i)^(?:{})\s*$", glued_words_allowed(label)));
            (kind, re.expect("block labels are valid"))
        })
        .collect()
});

/// The length of a label opening `line` that opens an item's findings right after its header:
/// "Findings:" ("Clinical findings:", "Reviewer findings:"), or the item's own case summary ("Clinical
/// Summary:", "Background:").
pub(super) fn findings_label(line: &str) -> Option<usize> {
    static FINDINGS: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:(?:(?:clinical|key|relevant|pertinent|reviewer(?:['\x{2019}]?s)?)\s+)?findings|(?:clinical\s+(?:case\s+)?|case\s+)?summary|(?:(?:clinical|case|relevant)\s+)?(?:background|history))\s*:")
            .unwrap()
    });
    let starts = line.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'f' | b'c' | b'k' | b'r' | b'p' | b's' | b'b' | b'h'
        )
    });
    starts
        .then(|| FINDINGS.find(line))
        .flatten()
        .map(|m| m.end())
}

fn block_kind(line: &str, lowercase: bool) -> Option<(Block, usize)> {
    // Every block heading ends in a colon but one alone on its line in capitals (or in any case, in a
    // letter lower-cased whole, which lost the capitals); most lines are neither, and this keeps the
    // regexes off them.
    if !line.contains(':') {
        let bare = line.len() <= 40 && (lowercase || in_capitals(line) || in_title_case(line));
        if !bare {
            return None;
        }
        return bare_block_kind(line);
    }
    if !BLOCK.is_match(line) {
        return None;
    }
    // The first heading that matches is the one the alternation of them all matched, and a search
    // for one heading's end needs no capture groups, whose search costs several times more.
    let (kind, end) = BLOCKS
        .iter()
        .find_map(|(kind, re)| re.find(line).map(|m| (*kind, m.end())))?;
    // A label's word that ends a wrapped service line before its decision opens no block:
    // "BILATERAL L4-L5 TRANSFORAMINAL EPIDURAL STEROID INJECTION UNDER FLUOROSCOPIC" / "GUIDANCE:
    // Overturned".
    let rest = line[end..].trim();
    if !rest.is_empty() && decision_of(decision_alone(rest)).is_some() {
        return None;
    }
    Some((kind, end))
}

/// Whether `line` is written as a heading in title case ("Guidelines Applied", "Rationale for the
/// Decision"): every word capitalised but the short words that join them. A line of wrapped prose has
/// lower-case words.
fn in_title_case(line: &str) -> bool {
    const JOINING: [&str; 9] = ["of", "the", "for", "and", "by", "in", "on", "upon", "to"];
    line.starts_with(|c: char| c.is_ascii_uppercase())
        && line.split_whitespace().all(|word| {
            !word.starts_with(|c: char| c.is_ascii_lowercase()) || JOINING.contains(&word)
        })
}

/// The block a heading alone on its line ("RATIONALE", "GUIDELINES USED") opens, if any.
fn bare_block_kind(line: &str) -> Option<(Block, usize)> {
    BARE_BLOCK
        .iter()
        .find(|(_, re)| re.is_match(line))
        .map(|(kind, _)| (*kind, line.len()))
}

/// How an item starts: its service, its decision word (or the word that is not a decision), and the
/// last line of the item's header (the service line, or the line with the decision when that follows
/// it).
struct ItemStart {
    service: Spanned<String>,
    /// `None` when the item states no decision of its own: the determination table may give it.
    decision: Option<Result<Spanned<Decision>, Spanned<String>>>,
    header_end: usize,
    /// The service was written after a label ("Item: ..."), so no line before it belongs to it.
    labelled: bool,
    /// The item's form is one no other text takes: a decision on a line of its own after the service
    /// ("Decision: Upheld"), or a numbered heading with its decision after a dash ("Item 1. Lumbar MRI
    /// - UPHELD"). Such an item marks a letter even without a citation or rationale block after it.
    distinct: bool,
    /// The line stating the decision when it stands after the item's blocks begin ("Rationale: ..."
    /// / "Decision: Upheld"): the block before it ends there.
    decision_line: Option<usize>,
    /// Where the item's rationale starts when its header runs on into it ("Regarding X: The MTUS
    /// ..."): without a rationale block, the rationale is the text from there to the item's end.
    inline_rationale: Option<usize>,
    /// The numbers of the items a shared heading names ("Items 1 and 2 - X and Y"); empty for an item
    /// of its own.
    shared: Vec<usize>,
}

impl ItemStart {
    /// An item whose service line `line` (line `i`) names after its label, if any, with its decision
    /// word on the next line, whole or ended there.
    fn decided_on_next_line(
        line: &Line<'_>,
        service: &str,
        label_end: usize,
        decision: Spanned<Decision>,
        i: usize,
    ) -> ItemStart {
        let named = service[label_end..].trim();
        ItemStart {
            service: without_decision_label(Spanned::new(
                named.to_string(),
                Span::new(line.span.offset + label_end, named.len()),
            )),
            decision: Some(Ok(decision)),
            header_end: i + 1,
            labelled: label_end > 0,
            distinct: false,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        }
    }

    /// An item headed by its service alone on line `header_end`, its decision left to a table, a
    /// decision line after its blocks or its prose.
    fn heading(service: Spanned<String>, header_end: usize) -> ItemStart {
        ItemStart {
            service,
            decision: None,
            header_end,
            labelled: true,
            distinct: true,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        }
    }
}

static SERVICE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // "Item:", "Item 2:", "Item 2.", "Disputed Item/Service:", "Service Requested:", "Treatment
    // requested:", "Service/Good Requested (1 of 3):", "Item 1 of 3 -", "Disputed Service 2:", "Issue:",
    // "Item as requested:", "5.1 Request:", "Requested:", "Item B -", "Section 2.", and "RATIONALE, ITEM 2: ..." with
    // its first word blanked (`text::with_rationale_item_headings_blanked`).
    crate::pattern::regex(r"(?i)^(?:(?:\(?\d{1,2}(?:[.)]|\.\d{1,2}\.?)\s+)?(?:disputed\s*|requested\s+)?(?:items?|services?|requests?|requested|treatments?|issues?)(?:\s*/\s*(?:services?|goods?|items?))?(?:\s+(?:requested|as\s+requested|in\s+dispute|at\s+dispute|under\s+review))?(?:(?:\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?|\s*\(\d{1,2}\s+of\s+\d{1,2}\)|\s+[a-h])?\s*:|(?:\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?|\s+[a-h])(?:[.)]|\s+[-\x{2013}\x{2014}]{1,2}))|sections?\s*#?\s*\d{1,2}(?:[.)]|\s+[-\x{2013}\x{2014}]{1,2}|\s*:))\s*")
        .unwrap()
});
/// The reviewer's statement that the claims administrator's guidelines apply.
static ADOPTS_ADMINISTRATOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\bfound\s+the\s+guidelines?(?:\(s\))?\s+(?:used|cited|relied\s+(?:up)?on)\s+by\s+the\s+claims\s+administrator\s+(?:to\s+be\s+)?(?:relevant|appropriate|applicable)")
        .unwrap()
});
/// A "Label: value" line: "Dispute: Non-certification by utilization review, 05/08/2015".
static PARTICULAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^[A-Za-z][A-Za-z' /()-]{1,40}:\s+\S").unwrap());
/// The number or mark of an entry in a list, with the blank after it: "1)", "(2)", "II.", "C.", "-"
/// (bullet glyphs are left out of the lines).
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"^(?:\(?(?:\d{1,2}|[IVX]{1,4}|[A-Ha-h])[.)]|[-*])\s").unwrap()
});
/// A decision after a dash at a service's end: "... 12/04/2018) - OVERTURNED", "Gabapentin 800 mg #90 -
/// NOT CERTIFIED"; or the question
/// asked of the service, run on after it: "Left L5-S1 transforaminal epidural steroid injection Is the
/// request for ... medically necessary?".
static TRAILING_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\s+(?:[-\x{2013}\x{2014}]{1,2}\s*(?:upheld|overturned|(?:(?:not|non)[\s-]?|partially\s+)?certified)\b[^-\x{2013}\x{2014}]*|(?:is|are)\s*(?:the|an?|this)\s+[^?]{3,200}?\bmedically\s+necessary(?:\s+and\s+(?:appropriate|reasonable))?\s*\?)$").unwrap()
});
/// The number of an entry in a list: "1.", "1)", "(1)", with the blanks after it.
pub(super) static LIST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^\(?\d{1,2}[.)]\s+").unwrap());
/// A list's number alone, to be read glued to a word ([`list_number`]).
static LIST_NUMBER_MARK: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^\(?\d{1,2}[.)]").unwrap());

/// The number `text` opens with as an entry of a list ([`LIST_NUMBER`]), or glued to the word it
/// numbers as extraction may leave it ("4.Is a consultation ...", "2.Naproxen 500 mg", "1.MRI of the
/// neck", in a letter lower-cased whole "2.norco"): two letters after it, so that "2.5 mg" is no
/// entry.
pub(super) fn list_number(text: &str) -> Option<regex::Match<'_>> {
    if !text.starts_with(|c: char| c.is_ascii_digit() || c == '(') {
        return None;
    }
    LIST_NUMBER.find(text).or_else(|| {
        LIST_NUMBER_MARK.find(text).filter(|m| {
            let mut rest = text[m.end()..].chars();
            rest.next().is_some_and(|c| c.is_ascii_alphabetic())
                && rest.next().is_some_and(|c| c.is_ascii_alphabetic())
        })
    })
}
/// A list number within a line, after a sentence: "... Not medically necessary. 3. Acupuncture".
static NUMBER_WITHIN_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"[.;]\s+\d{1,2}\.\s+\S").unwrap());

/// A capital letter marking an item as a list number does: "A. Oxycodone IR 30 mg #120", "(B)
/// Gabapentin 600 mg #90". Read only where a number would be: an item named with its block below, or
/// asked or stated as an issue.
static LIST_LETTER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^\(?[A-H][.)]\s+").unwrap());
/// The same in a letter lower-cased whole ("a. oxycodone ir 30 mg #120").
static LIST_LETTER_LOWER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^\(?[a-h][.)]\s+").unwrap());

/// The list letter ([`LIST_LETTER`]) `text` starts with, in `letter`'s case.
pub(super) fn list_letter<'t>(letter: &Letter<'_>, text: &'t str) -> Option<regex::Match<'t>> {
    if letter.lowercase {
        LIST_LETTER_LOWER.find(text)
    } else {
        LIST_LETTER.find(text)
    }
}

/// Whether line `i` is a lettered list entry ("C. Physical therapy ...") whose neighbour in the list
/// ("B. ...", "D. ...") stands within a few lines.
fn in_lettered_list(letter: &Letter<'_>, i: usize) -> bool {
    let mark = |k: usize| {
        list_letter(letter, letter.lines[k].text)
            .and_then(|m| m.as_str().trim_start_matches('(').bytes().next())
    };
    let Some(own) = mark(i) else {
        return false;
    };
    let near = i.saturating_sub(4)..(i + 5).min(letter.lines.len());
    near.filter(|&k| k != i)
        .filter_map(mark)
        .any(|other| other + 1 == own || own + 1 == other)
}

/// The number a list number ([`list_number`]) states: "(2)" and "3." are 2 and 3.
pub(super) fn list_number_value(number: &str) -> Option<usize> {
    number
        .trim_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()
}

/// The number a list's mark gives its entry: "3" is 3, and a letter counts from "A" (or "a") as 1.
pub(super) fn list_mark_number(mark: &str) -> Option<usize> {
    match mark.as_bytes() {
        [b] if b.is_ascii_alphabetic() => Some(usize::from(b.to_ascii_uppercase() - b'A') + 1),
        _ => mark.parse().ok(),
    }
}

/// `text` after the list number it may start with ("1.", "(2)", "3)"), for a test of its first word.
pub(super) fn after_list_number(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '(' | ')' | '.' | ' ' | '\t')
    })
}

/// A decision line's label, up to its colon: "Decision:", "IMR Determination:", "Reviewer's
/// Determination:", "Medically Necessary:", "Answer:", "Decision, Item 2 (Omeprazole 20 mg #60):",
/// "DETERMINATION - ITEM A:", "Finding:" (an item's finding, "Finding: Not certified.").
const DECISION_LABEL_HEAD: &str = r"(?i)^(?:(?:ur|utilization\s+review)\s+(?:decision|determination)\s*:\s*[^:./|]{1,40}(?:[.;/|]|\s[-\x{2013}\x{2014}])\s*)?(?:the\s+)?(?:(?:imr|final|maximus)\s+|(?:(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?\s+))?(?:decision|determination|outcome|result|finding|medical\s+necessity|medically\s+necessary|answer)(?:(?:,?\s+|\s*[-\x{2013}\x{2014}]\s*)(?:for\s+)?item\s*#?\s*(?:\d{1,2}|[a-h]\b)(?:\s*\([^()]{0,80}\))?|\s*\((?:[a-h]|\d{1,2})\))?\s*:";

static DECISION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // "Decision: Upheld", "IMR Decision: Overturned", "Determination: Upheld", "Decision: Upheld (not
    // medically necessary)", "Outcome: Overturned", "Result: Upheld. The service is not medically
    // necessary.", "DECISION: UPHOLD the utilization review denial", and the decision as a sentence:
    // "Medical necessity: The requested zolpidem is not medically necessary.", "Decision: The CBC and
    // metabolic panel are medically necessary." (the word in group 2,
    // or the sentence's verdict in group 3, also without
    // its subject: "Decision: Medically necessary and appropriate (Overturned)."), "Determination:
    // UPHELD – not medically necessary" (the dash glued to the words about it: "Upheld—not medically
    // necessary"), and an answer to the item's question: "Answer: Yes – the
    // Claims Administrator's determination is overturned.", "Answer: Yes. Determination: OVERTURNED."
    // (the word in group 1).
    crate::pattern::regex(&format!(r"{DECISION_LABEL_HEAD}\s*(?:[^:]{{0,200}}?\b(?:decision|determination|denial|non-?certification|request)\s+(?:is|was|has\s+been|will\s+be)\s+((?:upheld|overturned|reversed|affirmed)(?:\s+in\s+part)?)\b(?:[^:]{{0,120}}|\.\s.{{0,160}})|([A-Za-z][A-Za-z -]{{1,30}}?)(?:\s+(?:the\s+)?(?:utilization\s+review(?:\s+\(ur\))?|ur|claims\s+administrator(?:['\x{{2019}}]?s)?)\s+(?:denial|decision|determination|non-?certification|modification))?\s*(?:\([^()]{{1,60}}\)\s*)?(?:(?:\.|\s[-\x{{2013}}\x{{2014}}]|;)(?:\s+(?:[^:]{{1,120}}|(?:imr\s+)?(?:decision|determination|outcome|result)\s*:\s*[^:]{{1,60}}))?|[\x{{2013}}\x{{2014}}]\s*[^:]{{1,120}}|-(?:not\s+)?medically\s+necessary\b[^:]{{0,100}})?|(?:[^:;]{{0,160}}?\b(?:is|are|was|were)\s+)?((?:not\s+)?medically\s+necessary)(?:\s+and\s+appropriate)?\s*(?:\([^()]{{1,60}}\)\s*)?\.?(?:\s+(?:upheld|overturned|reversed|affirmed)\.?)?)?$"))
        .unwrap()
});

/// The label of a decision line, whatever follows it (a sentence may wrap onto the next line).
static DECISION_LABEL_START: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(DECISION_LABEL_HEAD).unwrap());

static ITEM_DASH: LazyLock<Regex> = LazyLock::new(|| {
    // "Item 1. Lumbar MRI - UPHELD", "1. Lumbar MRI – Overturned", "Therapy, 24 visits — Partially
    // Overturned (12 visits certified)", "Lumbar MRI -- Upheld (not medically
    // necessary)", "Requested Service #1 — Percocet — DENIAL UPHELD", "(2) Lumbar fusion - UPHELD. Not
    // medically" (its sentence wrapped), "Celecoxib 200 mg #30 - Overturned. This item is medically
    // necessary.", "1. Meloxicam 15 mg #30 - Certified.".
    crate::pattern::regex(r"(?i)^(?P<number>(?:disputed\s+|requested\s+)?(?:items?|services?|requests?|treatments?)\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?\s*(?:[.:)]|[-\x{2013}\x{2014}]{1,2})\s*|\(?\d{1,2}[.)]\s+)?(?P<service>\S.*?)\s+[-\x{2013}\x{2014}]{1,2}\s*(?:(?:ur\s+)?denial\s+)?(?P<word>(?:partially\s+)?(?:upheld|overturned)|(?:non-?\s?|not\s+)?certified)\s*(?:\([^()]{1,60}\)\s*)?(?:[.;,]\s*(?:(?:this|the)\s+(?:item|request|service|treatment)\b(?:\s+(?:is|was))?\s*)?(?:(?:not\s+)?medically(?:\s+necessary)?\b[^.]{0,60})?)?\.?$")
        .unwrap()
});
/// A sentence's end inside a heading: a word's last letter, a period, and the capital opening the
/// next sentence ("without contrast. The denial is upheld"), not an abbreviation's ("mg. #90").
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"[a-z0-9)]{2}\.\s+[A-Z][a-z]").unwrap());

/// The first sentence of `text[range]`: the service an item's heading names before it goes on to
/// state the decision.
fn first_sentence(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    match SENTENCE_END.find(&text[range.clone()]) {
        Some(m) => range.start..range.start + m.start() + 2,
        None => range,
    }
}

static ITEM_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    // "1. Lumbar fusion L4-5 with 3 day inpatient stay is not medically necessary and appropriate.",
    // "Disputed Service #4: Physical therapy 2x6 lumbar spine is not medically necessary.", also over a
    // paragraph break ("Lumbar MRI." / "" / "The MRI is not medically necessary.").
    crate::pattern::regex(r"(?is)^(?:\(?(?:\d{1,2}|[a-z])[.)]\s+|(?:disputed\s+|requested\s+)?(?:service|item|issue|request|treatment)\s*#?\s*\d{1,2}\s*[:.)]\s+)?(?P<service>\S.*?),?\s+(?:is|are)\s*(?P<phrase>(?P<not>not\s*)?medically\s*necessary(?:\s*and\s*appropriate)?)\s*\.?$")
        .unwrap()
});

/// The service and the verdict phrase of a sentence naming a service with its necessity
/// ([`ITEM_SENTENCE`]), as ranges of `text`, with the decision the verdict means.
pub(super) fn item_sentence(
    text: &str,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>, Decision)> {
    // The pattern needs "medically", whose letters have no case variant outside ASCII.
    if !contains_ignore_ascii_case(text, "medically") {
        return None;
    }
    let c = ITEM_SENTENCE.captures(text)?;
    if asks_whether(c.name("service")?.as_str()) {
        return None;
    }
    Some((
        c.name("service")?.range(),
        c.name("phrase")?.range(),
        necessity_decision(&c),
    ))
}

/// Whether `line` is a decision line ("Decision: Upheld") as [`DECISION_LABEL`] reads one.
fn is_decision_label(line: &str) -> bool {
    starts_as_decision_label(line) && DECISION_LABEL.is_match(line)
}

/// Whether `line` starts with a decision label, whatever follows it, or is a decision heading alone.
fn may_be_decision_label(line: &str) -> bool {
    starts_as_decision_label(line)
        && (DECISION_LABEL_START.is_match(line) || is_decision_heading(line))
}

/// Whether `line` is a decision heading alone, its sentence on the lines after it: "DETERMINATION" /
/// "The request for X is medically necessary. The utilization review decision is overturned." The
/// letter's title ("FINAL DETERMINATION") is none.
fn is_decision_heading(line: &str) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:imr\s+|(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?\s+)?(?:decision|determination)\s*$").unwrap()
    });
    line.len() <= 40 && HEADING.is_match(line)
}

fn starts_as_decision_label(line: &str) -> bool {
    // The pattern starts with "imr", "final", "maximus", "medical", "decision", "determination",
    // "outcome", "result", "answer", "expert", "physician" or "reviewer", any of them after "the"
    // ("The decision: Upheld."), or with the utilization review's decision before the reviewer's ("UR
    // decision: Non-certified. IMR determination: OVERTURNED"), whose first letters have no case
    // variant outside ASCII.
    line.as_bytes().first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'i' | b'f' | b'm' | b'd' | b'o' | b'r' | b'a' | b'e' | b'p' | b'u' | b't'
        )
    })
}

/// Whether `line` may state a decision word after its service, as [`ITEM_LINE`] and [`ITEM_DASH`]
/// read one.
fn names_decision_word(line: &str) -> bool {
    // Both patterns end in "upheld" or "overturned", whose letters have no case variant outside ASCII.
    contains_ignore_ascii_case(line, "upheld") || contains_ignore_ascii_case(line, "overturned")
}

/// Whether `line` may state a decision word after a dash, as [`ITEM_DASH`] reads one: the IMR's
/// words or the utilization review's ("1. Meloxicam 15 mg #30 - Certified.").
fn names_dash_decision_word(line: &str) -> bool {
    names_decision_word(line) || contains_ignore_ascii_case(line, "certified")
}

/// Whether `line` may decide part of its request after its service, as [`ITEM_LINE`] reads it:
/// "Cognitive behavioral psychotherapy, 12 sessions:  Partially certified".
fn names_partial_decision(line: &str) -> bool {
    contains_ignore_ascii_case(line, "partial") || contains_ignore_ascii_case(line, " in part")
}

/// The decision a word states, or a decision line's verdict ("not medically necessary": upheld).
fn decision_of(word: &str) -> Option<Decision> {
    if word.eq_ignore_ascii_case("upheld") {
        Some(Decision::Upheld)
    } else if word.eq_ignore_ascii_case("overturned") {
        Some(Decision::Overturned)
    } else if contains_ignore_ascii_case(word, "medically") {
        let words: Vec<&str> = word.split_whitespace().collect();
        match words.as_slice() {
            [m, n]
                if m.eq_ignore_ascii_case("medically") && n.eq_ignore_ascii_case("necessary") =>
            {
                Some(Decision::Overturned)
            }
            [not, m, n]
                if not.eq_ignore_ascii_case("not")
                    && m.eq_ignore_ascii_case("medically")
                    && n.eq_ignore_ascii_case("necessary") =>
            {
                Some(Decision::Upheld)
            }
            _ => None,
        }
    } else {
        None
    }
}

/// The decision a decision line states in words of its own: besides [`decision_of`]'s, the imperative
/// ("Uphold", "Overturn"), the UR's decision "reversed" or "affirmed", the service "certified" or "not
/// certified", "approved" or "denied", and after a "Medically necessary:" label, "Yes" or "No".
pub(super) fn label_decision_of(word: &str) -> Option<Decision> {
    if let Some(decision) = decision_of(word) {
        return Some(decision);
    }
    let words: Vec<String> = word
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["uphold" | "upholds" | "affirmed" | "affirm" | "denied" | "deny" | "no" | "modified"]
        | ["not" | "non", "certified" | "approved" | "authorized"]
        | ["noncertified" | "uncertified"] => Some(Decision::Upheld),
        ["overturn" | "overturns" | "reversed" | "reverse" | "certified" | "approved"
        | "authorized" | "yes"] => Some(Decision::Overturned),
        // Part of the request certified: the request as submitted, which the review decides, is
        // not medically necessary ("Partially overturned \u{2014} 4 visits certified, 8 visits
        // non-certified").
        ["partially" | "partial", "overturned" | "overturn" | "certified" | "approved" | "upheld" | "uphold"]
        | ["overturned" | "upheld" | "certified" | "approved", "in", "part"] => {
            Some(Decision::Upheld)
        }
        // What was upheld or overturned named first: "Denial UPHELD", "UR non-certification
        // overturned".
        [named @ .., last]
            if !named.is_empty() && named.iter().all(|w| DENIAL_WORDS.contains(w)) =>
        {
            match *last {
                "upheld" | "affirmed" | "sustained" => Some(Decision::Upheld),
                "overturned" | "reversed" => Some(Decision::Overturned),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The decision a decision label's word states ([`decision_label_word`]), which may be a short
/// sentence of its own after the label: "Decision: The MRI is medically necessary. Overturned."
pub(super) fn label_word_decision(word: &str) -> Option<Decision> {
    label_decision_of(word).or_else(|| {
        let lower = word.to_ascii_lowercase();
        match lower.split_whitespace().collect::<Vec<_>>().as_slice() {
            [.., "is" | "are", "not", "medically", "necessary"] => Some(Decision::Upheld),
            [.., "is" | "are", "medically", "necessary"] => Some(Decision::Overturned),
            _ => None,
        }
    })
}

/// The words that name the utilization review's denial.
const DENIAL_WORDS: [&str; 8] = [
    "denial",
    "ur",
    "the",
    "decision",
    "determination",
    "non",
    "certification",
    "noncertification",
];

/// The decision of a sentence saying the request is medically necessary, or with its `not` group
/// that it is not (upheld).
pub(super) fn necessity_decision(c: &regex::Captures<'_>) -> Decision {
    if c.name("not").is_some() {
        Decision::Upheld
    } else {
        Decision::Overturned
    }
}

/// Whether a decision line starts on line `k`: on that line alone, or in a sentence wrapped onto the
/// next ("Decision: The requested service is medically necessary. The Utilization Review decision
/// is" / "overturned.").
pub(super) fn decision_line_at(letter: &Letter<'_>, k: usize) -> bool {
    *letter.decision_lines[k].get_or_init(|| {
        let text = letter.lines[k].text;
        // A line that goes on with the sentence above starts no label, though its first word reads
        // as one: "... framed ablation as contingent on the" / "result: if the blocks produce ...".
        let continues_sentence = k > 0 && !letter.lines[k].paragraph_break && {
            let previous = letter.lines[k - 1].text;
            crate::text::ends_open(previous)
                || (!letter.lowercase
                    && text.starts_with(|c: char| c.is_lowercase())
                    && crate::text::sentence_goes_on(previous, text))
        };
        !continues_sentence
            && (is_decision_label(text)
                || (may_be_decision_label(text) && wrapped_label_decision(letter, k).is_some()))
    })
}

/// The decision a decision label on line `j` states in a sentence wrapped over the lines of its
/// paragraph ("Determination: The request is medically neces-" / "sary and appropriate. The prior
/// non-certification is overturned."), and the line it ends on; none when the line alone states one
/// or the joined sentence states none.
fn wrapped_label_decision(letter: &Letter<'_>, j: usize) -> Option<(Spanned<Decision>, usize)> {
    let lines = &letter.lines;
    let alone = DECISION_LABEL
        .captures(lines[j].text)
        .and_then(|c| decision_label_word(&c).and_then(|w| label_decision_of(w.as_str())));
    if alone.is_some() {
        return None;
    }
    // A heading alone is set off from its sentence as a heading is, by a blank line.
    let heading = is_decision_heading(lines[j].text);
    let mut last = j;
    while last < j + 3
        && !lines[last].text.ends_with('.')
        && lines.get(last + 1).is_some_and(|l| {
            (!l.paragraph_break || (heading && last == j)) && letter.block(last + 1).is_none()
        })
    {
        last += 1;
    }
    if last == j {
        return None;
    }
    let logical = LogicalText::from_lines(&lines[j..=last]);
    let text = logical.as_str();
    if heading {
        // Read as the label it stands for: "Determination: The request for ...".
        // The heading may stand as a paragraph of its own, a blank line below it.
        let heading_end = text.find(char::is_whitespace)?;
        let after = &text[heading_end..];
        let sentence_at = heading_end + (after.len() - after.trim_start().len());
        const LABEL: &str = "Determination: ";
        let labelled = format!("{LABEL}{}", &text[sentence_at..]);
        let c = DECISION_LABEL.captures(&labelled)?;
        let word = decision_label_word(&c)?;
        let decision = label_decision_of(word.as_str())?;
        let at = word.start() - LABEL.len() + sentence_at..word.end() - LABEL.len() + sentence_at;
        return Some((Spanned::new(decision, logical.original_span(at)), last));
    }
    let c = DECISION_LABEL.captures(text)?;
    let word = decision_label_word(&c)?;
    let decision = label_decision_of(word.as_str())?;
    Some((
        Spanned::new(decision, logical.original_span(word.range())),
        last,
    ))
}

/// A decision stated before its service, with the item's first block on the next line:
/// "NON-CERTIFIED:  HYDROCODONE/APAP 10/325 MG #120", "Approved - Physical therapy x 6".
fn decision_first_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    static DECISION_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?P<word>non-?\s?certified|not\s+certified|partially\s+certified|certified|upheld|overturned|denied|approved|modified)\s*(?::|\s[-\x{2013}\x{2014}]|[-\x{2013}\x{2014}]\s)\s*(?P<service>\S.{2,150}?)\s*$")
            .unwrap()
    });
    let line = &letter.lines[i];
    // Most lines start otherwise: the first letters of the decision words.
    let first = line.text.as_bytes().first()?.to_ascii_lowercase();
    if !b"ncupdaom".contains(&first) {
        return None;
    }
    if letter.block(i + 1).is_none() {
        return decision_alone_first(letter, i);
    }
    let c = DECISION_FIRST.captures(line.text)?;
    let word = c.name("word")?;
    let service = c.name("service")?;
    let decision = label_decision_of(word.as_str())?;
    let at = |m: regex::Match<'_>| Span::new(line.span.offset + m.start(), m.len());
    Some(ItemStart {
        decision: Some(Ok(Spanned::new(decision, at(word)))),
        ..ItemStart::heading(Spanned::new(service.as_str().to_string(), at(service)), i)
    })
}

/// A decision word alone on its line, the service on the next and the item's first block after it
/// ("Overturned" / "MRI OF THE CERVICAL SPINE" / "MAXIMUS guideline: ..."), in a letter whose first
/// such word stands before any rationale: otherwise the word after a rationale is that item's
/// decision, stated last.
fn decision_alone_first(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    static WORD_ALONE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:upheld|overturned|non-?\s?certified|not\s+certified|certified|approved|denied)\.?$")
            .unwrap()
    });
    let opens = |j: usize| {
        let word = letter.lines[j].text.trim();
        // A paragraph of its own, not a sentence's last word ("... The denial is" / "OVERTURNED.")
        // nor a label's ("Determination:" / "Upheld.").
        let before = letter.lines[j.max(1) - 1].text.trim_end();
        let own_paragraph = j == 0
            || ((letter.lines[j].paragraph_break
                || before.ends_with(['.', '?', '!'])
                || crate::text::in_capitals(before))
                && !before.ends_with(':')
                && !crate::text::ends_open(before));
        if !WORD_ALONE.is_match(word) || !own_paragraph {
            return None;
        }
        let decision = label_decision_of(word.trim_end_matches('.'))?;
        let service = letter.lines.get(j + 1)?;
        let named = service.text.trim();
        (letter.block(j + 2).is_some()
            && letter.block(j + 1).is_none()
            && (3..=150).contains(&named.len())
            && !named.ends_with(['.', '?', ':'])
            && !named.contains(':')
            && !names_decision_word(named))
        .then_some(decision)
    };
    let decision = opens(i)?;
    // The first such word follows a heading or a label, not a rationale's last sentence.
    let first = (0..letter.lines.len()).find(|&j| opens(j).is_some())?;
    if first > 0
        && letter.lines[first - 1]
            .text
            .trim_end()
            .ends_with(['.', '?', '!'])
    {
        return None;
    }
    let line = &letter.lines[i];
    let service = &letter.lines[i + 1];
    let named = service.text.trim();
    let word = line.text.trim();
    Some(ItemStart {
        decision: Some(Ok(Spanned::new(
            decision,
            Span::new(
                line.span.offset + (line.text.len() - line.text.trim_start().len()),
                word.len(),
            ),
        ))),
        ..ItemStart::heading(
            Spanned::new(
                named.to_string(),
                Span::new(
                    service.span.offset + (service.text.len() - service.text.trim_start().len()),
                    named.len(),
                ),
            ),
            i + 1,
        )
    })
}

/// The decision word of a line [`DECISION_LABEL`] matched, or its sentence's verdict.
fn decision_label_word<'t>(c: &regex::Captures<'t>) -> Option<regex::Match<'t>> {
    c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))
}

/// Whether line `i` starts an item: "SERVICE:  Upheld"; a service line with its decision word
/// wrapped onto the next line; a service line, labelled ("Item: ...") or not, followed by a
/// "Decision: Upheld" line; or a service line with an unrecognised decision word that is followed by a
/// citation or rationale block.
fn item_start(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    // "Issue: Whether the requested ... is medically necessary." states the issue of the item above;
    // so does "Issue: Is the request for ... medically necessary?" right under a labelled service
    // ("Treatment requested: Right total knee arthroplasty", "Item 3: Diclofenac ER 100 mg #30").
    if disputed_issue::is_issue_statement(line.text) {
        return None;
    }
    static REQUESTED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:(?:treatments?|services?|requests?)\s+requested|requested\s+(?:treatments?|services?)|item\s*(?:#\s*|no\.?\s*)?\d{1,2}(?:\s+of\s+\d{1,2})?)\s*:\s*\S").unwrap()
    });
    let labelled_above = i > 0 && REQUESTED_LABEL.is_match(letter.lines[i - 1].text);
    if labelled_above
        && line.text.len() > 6
        && line.text.as_bytes()[..5].eq_ignore_ascii_case(b"issue")
    {
        return None;
    }
    if let Some(start) = disputed_issue::issue_item(letter, i) {
        return Some(start);
    }
    if let Some(start) = decision_first_item(letter, i) {
        return Some(start);
    }
    if let Some(start) = decision_line_item(letter, i) {
        return Some(start);
    }
    if let Some(start) = dash_item(letter, i)
        .or_else(|| sentence_item(letter, i))
        .or_else(|| requested_sentence_item(letter, i))
    {
        return Some(start);
    }
    if let Some(start) = capitals_item(letter, i) {
        return Some(start);
    }
    if disputed_issue::may_start_label(line.text) {
        if let Some(start) = shared_item(letter, i).or_else(|| labelled_item(letter, i)) {
            return Some(start);
        }
    }
    if let Some(start) = numbered_item_decided_below(letter, i) {
        return Some(start);
    }
    if let Some(start) = heading_over_decided_prose(letter, i) {
        return Some(start);
    }
    if let Some(start) = prose_item(letter, i) {
        return Some(start);
    }
    // Every other item line has a colon; most lines have none, and this keeps the regexes off them.
    if !line.text.contains(':') || letter.block(i).is_some() {
        return None;
    }
    let at = |m: regex::Match<'_>| Span::new(line.span.offset + m.start(), m.len());
    // A service after a label on the same line as its decision: "Item: Norco 10/325mg #90: Upheld".
    let label_end = || SERVICE_LABEL.find(line.text).map_or(0, |m| m.end());
    let item_line = (names_decision_word(line.text) || names_partial_decision(line.text))
        .then(|| {
            let label_end = label_end();
            ITEM_LINE
                .captures(&line.text[label_end..])
                .map(|c| (label_end, c))
        })
        .flatten()
        .or_else(|| {
            let label_end = label_end();
            letter
                .certifies()
                .then(|| ITEM_LINE_CERTIFIED.captures(&line.text[label_end..]))
                .flatten()
                // A label's word alone ("Answer: Non-certified.") names no service.
                .filter(|c| {
                    c.get(1)
                        .is_some_and(|s| s.as_str().split_whitespace().count() > 1)
                })
                .map(|c| (label_end, c))
        });
    if let Some((label_end, c)) = item_line {
        let at_label =
            |m: regex::Match<'_>| Span::new(line.span.offset + label_end + m.start(), m.len());
        let service = c.get(1).unwrap();
        let word = c.get(2).unwrap();
        // "Decision: Upheld" on a line of its own names no service; nor does the sentence a decision
        // label closes, unlabelled ("... The request is medically necessary. Decision: Overturned."):
        // that is a rationale's last line ("Disputed Item 1: Lumbar MRI. Decision: Upheld." is not).
        // Nor does the end of a label the line above broke at a hyphen ("... is medically
        // necessary. Deci-" / "sion: Overturned").
        // In capitals, only a label's own word: "DECI-" / "SION: OVERTURNED".
        let broken_label =
            label_end == 0 && i > 0 && letter.lines[i - 1].text.trim_end().ends_with('-') && {
                let tail = service.as_str();
                let above = letter.lines[i - 1].text.trim_end().trim_end_matches('-');
                let head = &above[above
                    .rfind(|c: char| !c.is_ascii_alphabetic())
                    .map_or(0, |p| p + 1)..];
                let word = format!("{head}{tail}").to_ascii_lowercase();
                tail.bytes().all(|b| b.is_ascii_lowercase())
                    || (tail.bytes().all(|b| b.is_ascii_uppercase())
                        && ["decision", "determination"].contains(&word.as_str()))
            };
        if is_decision_label(line.text)
            || broken_label
            || (label_end == 0
                && closes_sentence_before_label(service.as_str())
                && !marked_service_sentence(service.as_str()))
        {
            return None;
        }
        let decision = label_decision_of(word.as_str()).unwrap_or(Decision::Overturned);
        return Some(ItemStart {
            service: without_decision_label(Spanned::new(
                service.as_str().to_string(),
                at_label(service),
            )),
            decision: Some(Ok(Spanned::new(decision, at_label(word)))),
            header_end: i,
            labelled: label_end > 0,
            distinct: false,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        });
    }
    if let Some(start) = labelled_line_decision(line, i) {
        return Some(start);
    }
    // The decision word wrapped onto a line of its own: "NORCO 10/325 MG, #90 WITH 3 REFILLS:" / "Upheld",
    // "Disputed Item 6: Dental crown. Decision:" / "UPHELD (not medically necessary).".
    if let (Some(service), Some(next)) = (line.text.strip_suffix(':'), letter.lines.get(i + 1)) {
        let word = decision_alone(next.text);
        let label_end = label_end().min(service.len());
        let names_service = names_service_before_decision(line.text, service, label_end);
        if let Some(decision) = decision_of(word).filter(|_| names_service) {
            let decision = Spanned::new(decision, Span::new(next.span.offset, word.len()));
            return Some(ItemStart::decided_on_next_line(
                line, service, label_end, decision, i,
            ));
        }
    }
    if let Some(start) = broken_decision_item(letter, i) {
        return Some(start);
    }
    if let Some(start) = regarding_item(letter, i).or_else(|| rationale_item(letter, i)) {
        return Some(start);
    }
    // Only a block after it makes an unknown word a decision, and only on a line of its own: a line
    // going on with the words above it ("... title 8, section" / "9792.24.3, Knee: Meniscectomy.")
    // is the rest of their sentence.
    letter.block(i + 1)?;
    if i > 0 && !line.paragraph_break {
        let above = letter.lines[i - 1].text.trim_end();
        // In capitals a word of prose ends as a heading would: only a letter written wholly in
        // capitals reads a final capital as a word going on.
        let going_on =
            |c: char| c.is_lowercase() || c == ',' || (letter.uppercase && c.is_alphabetic());
        // A parenthesis the line above opened and this one closes: "MTUS Drug Formulary (8 CCR" /
        // "9792.27.15), Tramadol extended-release: Non-Preferred."
        let opens = |t: &str| t.matches('(').count() > t.matches(')').count();
        if above.ends_with(going_on) || opens(above) {
            return None;
        }
    }
    let c = ITEM_LINE_UNKNOWN.captures(line.text)?;
    let service = c.get(1).unwrap();
    let word = c.get(2).unwrap();
    Some(ItemStart {
        service: Spanned::new(service.as_str().to_string(), at(service)),
        decision: Some(Err(Spanned::new(word.as_str().to_string(), at(word)))),
        header_end: i,
        labelled: false,
        distinct: false,
        decision_line: None,
        inline_rationale: None,
        shared: Vec::new(),
    })
}

/// A service line whose decision word a narrow wrap broke at a hyphen: "Trigger point injections x4,
/// bilateral trapezius: Overtur-" / "ned".
fn broken_decision_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    let head = line.text.trim_end().strip_suffix('-')?;
    let colon = head.rfind(':')?;
    let part = head[colon + 1..].trim_start();
    let next = letter.lines.get(i + 1)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphabetic()) || next.paragraph_break {
        return None;
    }
    let rest = decision_alone(next.text);
    if !rest.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let decision = decision_of(&format!("{part}{rest}"))?;
    let service = &head[..colon];
    let label_end = SERVICE_LABEL.find(service).map_or(0, |m| m.end());
    // The broken word may also end a decision label's sentence, labelled or not.
    if !names_service_before_decision(line.text, service, label_end)
        || may_be_decision_label(line.text)
        || closes_sentence_before_label(service)
    {
        return None;
    }
    let part_at = line.span.offset + (head.len() - part.len());
    let decision = Spanned::new(
        decision,
        Span::from_range(part_at..next.span.offset + rest.len()),
    );
    Some(ItemStart::decided_on_next_line(
        line, service, label_end, decision, i,
    ))
}

/// Whether `service`, what line `line` states before its decision word (its label ending at
/// `label_end`), names a service. "Decision:" / "Upheld" is a decision line wrapped the same way, and
/// names none; nor does a rationale's last sentence wrapped before its decision ("... medically
/// necessary. Decision:" / "Overturned."), nor a label alone ("Disputed items/services:").
fn names_service_before_decision(line: &str, service: &str, label_end: usize) -> bool {
    !service[label_end..].trim().is_empty()
        && !is_decision_label(line)
        && (label_end > 0 || !closes_sentence_before_label(service))
}

/// The decision word a line states alone, without its period or the reason in parentheses after
/// it: "Upheld.", "UPHELD (not medically necessary)".
fn decision_alone(text: &str) -> &str {
    let stated = text.trim_end_matches('.');
    match stated.split_once('(') {
        Some((word, reason)) if reason.ends_with(')') => word.trim_end(),
        _ => stated,
    }
}

/// A numbered service line whose decision word stands alone on the next line: "1) NORCO 10/325MG
/// #120" / "Upheld".
fn numbered_item_decided_below(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    if !line
        .text
        .starts_with(|c: char| c.is_ascii_digit() || c == '(')
    {
        return None;
    }
    let number = list_number(line.text)?;
    let next = letter.lines.get(i + 1)?;
    let word = decision_alone(next.text);
    let decision = decision_of(word)?;
    let named = line.text[number.end()..]
        .trim_end()
        .trim_end_matches(':')
        .trim_end();
    if named.is_empty() || named.len() > 150 || letter.block(i).is_some() {
        return None;
    }
    let service = Spanned::new(
        named.to_string(),
        Span::new(line.span.offset + number.end(), named.len()),
    );
    Some(ItemStart {
        decision: Some(Ok(Spanned::new(
            decision,
            Span::new(next.span.offset, word.len()),
        ))),
        header_end: i + 1,
        ..ItemStart::heading(service, i)
    })
}

/// A label numbering an item, whatever follows it: "Request 1 of 5", "Item 2", "Question #3".
static ITEM_NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:disputed\s+|requested\s+)?(?:request|item|issue|question|service)s?\s*(?:no\.?\s*|#\s*)?\d").unwrap()
});

/// A short heading opening a paragraph of unlabelled prose that closes, in the same paragraph, with
/// its decision line: "Psychological evaluation" / "The MTUS ... recommend ..." / "Decision: The
/// request is medically necessary. Overturned.". The decision line decides the item.
fn heading_over_decided_prose(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    /// Most lines of prose between the heading and its decision line.
    const REACH: usize = 30;
    let line = &letter.lines[i];
    let text = line.text.trim_end();
    let opens = line.paragraph_break || (i > 0 && letter.follows_heading(i));
    if !opens
        || !(3..=100).contains(&text.len())
        || !text.starts_with(|c: char| c.is_uppercase())
        || text.ends_with(['.', ';', ',', '?', '!'])
        || text.contains(':')
        || text.split_whitespace().count() > 12
        || names_decision_word(text)
        || letter.block(i).is_some()
        || SECTION_HEADING_WORDS.is_match(text)
        || ITEM_NUMBER_LABEL.is_match(text)
    {
        return None;
    }
    // Prose, not a labelled line ("Treatment Requested: ..."): no colon among its first words.
    let next = letter.lines.get(i + 1)?;
    let opening = next.text.get(..40).unwrap_or(next.text);
    // Nor a sentence wrapped onto it: "The MTUS guidelines allow an epidural steroid" / "injection
    // for radicular pain ...".
    if next.paragraph_break
        || letter.block(i + 1).is_some()
        || next.text.len() < 40
        || opening.contains(':')
        || !next.text.chars().any(char::is_lowercase)
        || sentence_goes_on(text, next.text)
        || crate::text::ends_open(text)
    {
        return None;
    }
    let decision_line = (i + 2..(i + 2 + REACH).min(letter.lines.len()))
        .take_while(|&k| !letter.lines[k].paragraph_break)
        .find(|&k| is_decision_label(letter.lines[k].text))?;
    // The prose between is the item's own: no block of another form's items within it.
    if (i + 1..decision_line).any(|k| letter.block(k).is_some()) {
        return None;
    }
    Some(ItemStart::heading(
        Spanned::new(text.to_string(), Span::new(line.span.offset, text.len())),
        i,
    ))
}

/// A labelled service line whose citations or rationale follow at once, the decision left to the
/// determination table or the item's prose: "Disputed Item 1: Lumbar ESI" / "Cited guidelines: ...".
/// The service may wrap onto one more line.
fn labelled_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    let label = SERVICE_LABEL.find(line.text)?;
    let first = line.text[label.end()..].trim_end();
    // A line with a decision of its own ("Item: Norco #60 Decision: Overturned") is an item line; a
    // colon may still stand inside a service ("Compounded topical cream: flurbiprofen 20%/...").
    let labels_decision = || {
        ["decision", "determination", "outcome", "result"]
            .iter()
            .any(|w| contains_ignore_ascii_case(first, w))
    };
    if first.is_empty()
        || first.len() > 150
        || (first.contains(':') && labels_decision())
        || names_decision_word(first)
    {
        return None;
    }
    let start = line.span.offset + label.end();
    // "Disputed Item: Cyclobenzaprine 10 mg #30" / "Issue: Medical necessity of a muscle relaxant" /
    // "Guidelines: ...": the issue stated under the service ends the item's header. The service may
    // wrap onto a short line first: "Disputed Item: Trigger point injections to the lumbar
    // paraspinal and gluteal muscles (four" / "injections)" / "Issue: ...".
    let issue_under = |k: usize| {
        letter
            .lines
            .get(k)
            .is_some_and(|l| disputed_issue::is_issue_statement(l.text))
    };
    let wraps_before_issue = || {
        issue_under(i + 2)
            && letter.lines.get(i + 1).is_some_and(|next| {
                !next.paragraph_break
                    && next.text.len() <= 60
                    && !SERVICE_LABEL.is_match(next.text)
                    && letter.block(i + 1).is_none()
            })
    };
    let issue = if issue_under(i + 1) {
        Some(i + 1)
    } else if wraps_before_issue() {
        Some(i + 2)
    } else {
        None
    };
    if let Some(issue) = issue {
        let wrapped_once = issue == i + 2;
        let end = disputed_issue::issue_end(letter, issue);
        if !opens_section(letter, end + 1) {
            return None;
        }
        let service = if wrapped_once {
            let next = &letter.lines[i + 1];
            Spanned::new(
                join_lines(&[first, next.text]),
                Span::from_range(start..next.span.offset + next.text.trim_end().len()),
            )
        } else {
            Spanned::new(first.to_string(), Span::new(start, first.len()))
        };
        return Some(ItemStart::heading(service, end));
    }
    // Where the header ends, and whether the service runs on to its second line.
    let opens = opens_section(letter, i + 1);
    let section = (!opens)
        .then(|| section_after_decision(letter, i))
        .flatten();
    let opening = (!opens && section.is_none())
        .then(|| opening_decision(letter, i))
        .flatten();
    let (last, runs_on) = if opens || section.is_some() || opening.is_some() {
        (i, false)
    } else {
        let next = letter.lines.get(i + 1)?;
        // "Item 2 of 4: Norco 5/325 mg #42" / "UR decision: Modified to #20": the line below is the
        // utilization review's decision, a particular of the item, not the rest of its service. It
        // may read as a paragraph of its own where no blank lines tell paragraphs.
        let review_decision = disputed_issue::is_utilization_review_decision(next.text);
        if (next.paragraph_break && !review_decision)
            || SERVICE_LABEL.is_match(next.text)
            || !opens_section(letter, i + 2)
        {
            return None;
        }
        (i + 1, !review_decision)
    };
    if runs_on {
        let next = &letter.lines[last];
        // The decision may end the service's second line: "Item 4 of 5: UltraSling abduction pillow
        // sling:" / "Upheld", "Item 1 of 5: Postoperative physical therapy, right" / "shoulder, 12
        // visits: Overturned".
        static WRAPPED_DECISION: LazyLock<Regex> = LazyLock::new(|| {
            crate::pattern::regex(r"(?i)(?:^|\s*:\s*)(?P<word>upheld|overturned)\s*\.?$").unwrap()
        });
        if let Some(c) = WRAPPED_DECISION.captures(next.text) {
            let rest = next.text[..c.get(0)?.start()].trim_end();
            let word = c.name("word")?;
            if !rest.is_empty() || first.ends_with(':') {
                let first = first.trim_end_matches(':').trim_end();
                let (text, end) = match rest {
                    "" => (first.to_string(), start + first.len()),
                    _ => (join_lines(&[first, rest]), next.span.offset + rest.len()),
                };
                let decision = label_decision_of(word.as_str())?;
                let at = Span::new(next.span.offset + word.start(), word.len());
                return Some(ItemStart {
                    decision: Some(Ok(Spanned::new(decision, at))),
                    ..ItemStart::heading(Spanned::new(text, Span::from_range(start..end)), last)
                });
            }
        }
        let service = Spanned::new(
            join_lines(&[first, next.text]),
            Span::from_range(start..next.span.end()),
        );
        return Some(ItemStart::heading(service, last));
    }
    let service = Spanned::new(first.to_string(), Span::new(start, first.len()));
    // The decision is the paragraph's between the heading and its section, or the opening
    // sentence's of the one paragraph below.
    let decision = section
        .and_then(|k| prose_decision(letter, i + 1, k))
        .or(opening);
    // Or the labelled line's own: "Disputed Service #2: Oxycodone HCl 10mg #90 is medically necessary
    // and appropriate."
    if decision.is_none() {
        if let Some((named, phrase, decision)) = item_sentence(first) {
            let decision = Spanned::new(decision, Span::new(start + phrase.start, phrase.len()));
            return Some(ItemStart {
                decision: Some(Ok(decision)),
                ..ItemStart::heading(
                    Spanned::new(
                        first[named.clone()].to_string(),
                        Span::new(start + named.start, named.len()),
                    ),
                    last,
                )
            });
        }
    }
    Some(ItemStart {
        decision: decision.map(Ok),
        ..ItemStart::heading(service, last)
    })
}

/// Whether line `k` opens one of an item's sections: a block's label or a findings label.
fn opens_section(letter: &Letter<'_>, k: usize) -> bool {
    let opens = |k: usize| {
        letter.block(k).is_some()
            || letter
                .lines
                .get(k)
                .is_some_and(|l| findings_label(l.text).is_some())
    };
    // A rule drawn under a heading ("Service requested: X" / "-----" / "Claims Administrator
    // guideline:") belongs to neither: the section opens after it.
    opens(k) || (letter.lines.get(k).is_some_and(|l| horizontal_rule(l.text)) && opens(k + 1))
}

/// Whether `text` is a rule drawn across the page and nothing else ("-----", "=====").
fn horizontal_rule(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 5
        && text
            .chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | '~' | '\u{2013}' | '\u{2014}'))
}

/// The first line of the section the item headed on line `i` opens after a sentence or two stating
/// its decision: "Issue 1: Ambien 10 mg #30" / "The requested Ambien 10 mg #30 is not medically
/// necessary. The decision of the claims administrator is upheld." / "Guideline: ...", and "1) MRI of
/// the cervical spine" / "The requested MRI ... is not medically necessary." / "Rationale: ...".
///
/// A letter that labels no section goes on with the rationale's paragraph after the decision's
/// paragraph: "Item 1: Power wheelchair" / "The requested power wheelchair is not medically
/// necessary." / "The reviewer relied on the MTUS ...".
fn section_after_decision(letter: &Letter<'_>, i: usize) -> Option<usize> {
    let heading = |k: usize| {
        SERVICE_LABEL.is_match(letter.lines[k].text) || list_number(letter.lines[k].text).is_some()
    };
    let within = i + 2..(i + 6).min(letter.lines.len());
    let k = within
        .clone()
        .take_while(|&k| !heading(k))
        .find(|&k| opens_section(letter, k))
        .or_else(|| {
            let next_paragraph = within
                .take_while(|&k| !heading(k))
                .find(|&k| letter.lines[k].paragraph_break)?;
            (letter.lines[i + 1].paragraph_break && letter.labels_no_block())
                .then_some(next_paragraph)
        })?;
    let decision_paragraph = letter.lines[i + 1].paragraph_break
        || (!letter.lines[i + 1].bullet && (i + 1..k).all(|j| !opens_section(letter, j)));
    // Sentences, not a decision's word alone: "... pillow sling:" / "Upheld" is the header wrapped.
    let words: usize = (i + 1..k)
        .map(|j| letter.lines[j].text.split_whitespace().count())
        .sum();
    (decision_paragraph && words > 2 && prose_decision(letter, i + 1, k).is_some()).then_some(k)
}

/// The decision the paragraph below the heading on line `i` opens with, in a letter that labels no
/// section, the rationale running on in the same paragraph: "Request 1: Right knee arthroscopy" /
/// "The requested right knee arthroscopy is medically necessary. The reviewer relied on ...".
fn opening_decision(letter: &Letter<'_>, i: usize) -> Option<Spanned<Decision>> {
    let next = letter.lines.get(i + 1)?;
    let opens_paragraph = next.paragraph_break
        || next
            .text
            .get(..11)
            .is_some_and(|w| w.eq_ignore_ascii_case("the request"));
    if !opens_paragraph || !letter.labels_no_block() {
        return None;
    }
    let logical = letter.logical(i + 1, (i + 5).min(letter.lines.len()));
    let first = logical.sentences().first()?.clone();
    sentence_decision(&logical, first.clone(), &CLOSING_NECESSITY)
        .or_else(|| sentence_decision(&logical, first, &CLOSING_SUPPORT))
}

/// A heading several items share: "Items 1 and 2 - Cyclobenzaprine 7.5 mg #60 and Carisoprodol 350
/// mg #30", "Items 1, 2 and 3: ...".
static SHARED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^items\s+#?(?P<numbers>\d{1,2}(?:\s*(?:,|and|&)\s*#?\d{1,2})+)\s*(?:[-\x{2013}\x{2014}:.]{1,2})\s*(?P<services>\S.*)$")
        .unwrap()
});
/// An item's own decision where items share a heading: "Decision: Item 1 Upheld. Item 2 Upheld.",
/// "Decision, Item 2 (Omeprazole 20 mg #60): Certified."
static ITEM_NUMBER_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\bitem\s*#?\s*(?P<number>\d{1,2})\b(?:\s*\([^()]{0,80}\))?\s*[:,-]?\s*(?:is\s+)?(?P<word>upheld|overturned|uphold|overturn|certified|not\s+certified|non-?certified|approved|denied|not\s+medically\s+necessary|medically\s+necessary)\b")
        .unwrap()
});

/// A heading several items share, with their citations or decisions right after it: each item is
/// read from the same blocks, with its own decision.
fn shared_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    if line.text.len() < 8 || !line.text.as_bytes()[..5].eq_ignore_ascii_case(b"items") {
        return None;
    }
    let c = SHARED_HEADING.captures(line.text)?;
    let numbers: Vec<usize> = c["numbers"]
        .split(|ch: char| !ch.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let services = c.name("services")?;
    let start = line.span.offset + services.start();
    // The heading may wrap onto a short line of its own: "Items 1 and 2 - Cyclobenzaprine 7.5 mg #60
    // and Carisoprodol (Soma) 350" / "mg #30".
    let wrapped = letter.lines.get(i + 1).filter(|next| {
        !next.paragraph_break
            && next.text.len() <= 40
            && letter.block(i + 1).is_none()
            && !DECISION_LABEL_START.is_match(next.text)
            && !SERVICE_LABEL.is_match(next.text)
    });
    let after = i + 1 + usize::from(wrapped.is_some());
    let follows = (after..(after + 2).min(letter.lines.len()))
        .any(|k| letter.block(k).is_some() || is_decision_label(letter.lines[k].text));
    if numbers.len() < 2 || !follows {
        return None;
    }
    let (end, header_end) = match wrapped {
        Some(next) => (next.span.end(), i + 1),
        None => (start + services.as_str().trim_end().len(), i),
    };
    // The letter's own bytes, line break included: the services still split where they did.
    let value = letter.text.get(start..end)?;
    Some(ItemStart {
        shared: numbers,
        ..ItemStart::heading(
            Spanned::new(value.to_string(), Span::new(start, value.len())),
            header_end,
        )
    })
}

/// The services a shared heading names, one per item when they split evenly on "and" or ";".
fn shared_services(service: &Spanned<String>, count: usize) -> Vec<Spanned<String>> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::regex(r"(?i)\s+and\s+|\s*;\s*").unwrap());
    let text = service.value.as_str();
    let mut parts = Vec::new();
    let mut at = 0;
    for m in SEPARATOR.find_iter(text) {
        parts.push(at..m.start());
        at = m.end();
    }
    parts.push(at..text.len());
    let contiguous = service.span.length == text.len();
    if parts.len() != count || !contiguous {
        return vec![service.clone(); count];
    }
    parts
        .into_iter()
        .map(|r| {
            Spanned::new(
                text[r.clone()].to_string(),
                Span::new(service.span.offset + r.start, r.len()),
            )
        })
        .collect()
}

/// The decision of item `number` among items sharing a heading, stated in lines `from..to`.
fn numbered_item_decision(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
    number: usize,
) -> Option<Spanned<Decision>> {
    letter.lines[from..to.min(letter.lines.len())]
        .iter()
        .filter(|line| contains_ignore_ascii_case(line.text, "item"))
        .find_map(|line| {
            ITEM_NUMBER_DECISION.captures_iter(line.text).find_map(|c| {
                let n: usize = c["number"].parse().ok()?;
                let word = c.name("word")?;
                (n == number).then_some(())?;
                Some(Spanned::new(
                    label_decision_of(word.as_str())?,
                    Span::new(line.span.offset + word.start(), word.len()),
                ))
            })
        })
}

/// "Regarding the right C5-6 epidural steroid injection: The MTUS ...": an item whose heading runs on
/// into its rationale.
static REGARDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:\(?\d{1,2}[.)]\s+)?regarding\s+(?:the\s+request(?:ed)?\s+(?:for\s+)?|the\s+|an?\s+)?(?P<service>[^:]{3,150}?)\s*:\s*(?P<rest>\S.*)?$")
        .unwrap()
});

/// An item opening a paragraph as "Regarding X: ...", its rationale on the same line or the next, and
/// its decision in its prose: only a paragraph whose prose states a decision is one. A "Regarding the
/// request for X:" section of the 2013 notice is read by that layout first.
fn regarding_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    let text = after_list_number(line.text);
    if text.len() < 10 || !text.as_bytes()[..9].eq_ignore_ascii_case(b"regarding") {
        return None;
    }
    let opens = letter.opens_paragraph(i)
        || !letter.lines[i - 1]
            .text
            .bytes()
            .any(|b| b.is_ascii_lowercase());
    if !opens {
        return None;
    }
    let c = REGARDING.captures(line.text)?;
    let service = c.name("service")?;
    let rationale = rationale_after_heading(letter, i, c.name("rest"))?;
    // The item runs to the next paragraph that opens another one, or to the next block.
    let end = (i + 1..letter.lines.len())
        .find(|&k| {
            let l = &letter.lines[k];
            letter.block(k).is_some()
                || (REGARDING.is_match(after_list_number(l.text)) && l.text.len() > 10)
        })
        .unwrap_or(letter.lines.len());
    prose_decision(letter, i, end)?;
    let at = Span::new(line.span.offset + service.start(), service.len());
    Some(ItemStart {
        inline_rationale: Some(rationale),
        ..ItemStart::heading(Spanned::new(service.as_str().to_string(), at), i)
    })
}

/// Where the rationale of an item headed on line `i` starts: the text run on after the heading
/// (`rest`), or else the next line.
fn rationale_after_heading(
    letter: &Letter<'_>,
    i: usize,
    rest: Option<regex::Match<'_>>,
) -> Option<usize> {
    match rest {
        Some(rest) => Some(letter.lines[i].span.offset + rest.start()),
        None => Some(letter.lines.get(i + 1)?.span.offset),
    }
}

/// "Rationale, Item 1 (MRI right shoulder): ACOEM ...", "Rationale for Item 2 (Celecoxib): ...",
/// "Rationale, item 3: MTUS pages 58-59 ...": a rationale headed by its item's number, and perhaps a
/// short name of its service, after a determination table that gives the service in full and the
/// decision.
static RATIONALE_FOR_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:(?:decision\s+)?rationale|reasoning|discussion|analysis)\s*(?:,|\s+for|\s+on|\s*[-\x{2013}\x{2014}])\s*(?:item|issue|request)\s*(?:#\s*|no\.?\s*)?(?P<number>\d{1,2})\s*(?:\((?P<service>[^()]{2,150})\)\s*)?[:.\-\x{2013}\x{2014}]\s*(?P<rest>\S.*)?$")
        .unwrap()
});

/// An item opening with its rationale's heading ([`RATIONALE_FOR_ITEM`]), the rationale on the same
/// line or the next.
fn rationale_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    if !line.text.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    let c = RATIONALE_FOR_ITEM.captures(line.text)?;
    // It opens a paragraph, or follows the table's last row where no blank line parts them.
    let after_table = || i > 0 && !disputed_issue::table_rows(letter, i - 1, i).is_empty();
    if !letter.opens_paragraph(i) && !after_table() {
        return None;
    }
    let rationale = rationale_after_heading(letter, i, c.name("rest"))?;
    // Without a name of its own, the service is the row of that number in the table above.
    let service = match c.name("service") {
        Some(service) => Spanned::new(
            service.as_str().trim().to_string(),
            Span::new(line.span.offset + service.start(), service.len()),
        ),
        None => disputed_issue::last_numbered_service(
            &disputed_issue::table_rows(letter, 0, i),
            c["number"].parse().ok()?,
        )?,
    };
    Some(ItemStart {
        inline_rationale: Some(rationale),
        ..ItemStart::heading(service, i)
    })
}

/// A service named on a line of its own, as a heading, with its citation or rationale block right
/// after it ("LUMBAR MRI" / "Guidelines: ..."), its decision given by a determination table above:
/// only a letter with such a table has these items. A heading in capitals may name the service
/// shortly; one in ordinary case opens a paragraph and must be named by a row of the table, since
/// any short paragraph before a block would otherwise pass for one.
fn capitals_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    // A label numbering the item alone on its line starts it, the heading below it naming the
    // service: "QUESTION 1" / "INTERFERENTIAL CURRENT STIMULATOR, 30-DAY TRIAL" / "Guideline: ...".
    // Such a label is short and opens with one of its words' letters: most lines are read no further.
    let labels_next = |k: usize| {
        let text = letter.lines[k].text;
        k + 1 < letter.lines.len()
            && text.len() <= 40
            && text.starts_with(['I', 'i', 'R', 'r', 'S', 's', 'Q', 'q'])
            && number_only_item(text).is_some()
            && letter.may_open_paragraph(k)
    };
    if labels_next(i) {
        return capitals_heading(letter, i + 1, true);
    }
    if i > 0 && labels_next(i - 1) && capitals_heading(letter, i, true).is_some() {
        return None;
    }
    capitals_heading(letter, i, false)
}

/// The item whose heading is line `i` in capitals (or a short heading of its own over the item's
/// blocks), `under_label` where a label numbering the item stands alone on the line above.
fn capitals_heading(letter: &Letter<'_>, i: usize, under_label: bool) -> Option<ItemStart> {
    let line = &letter.lines[i];
    let text = line.text.trim_end();
    // A table's rule after a sentence ("... part of the MTUS. |") does not make it a heading.
    let heading = text.len() >= 3
        && !text.trim_end_matches(['|', ' ']).ends_with(['.', '?', '!'])
        && (!text.contains(':') || names_formulation(text))
        && !names_decision_word(text);
    // In a letter written wholly in capitals, a line that goes on with the sentence before is none.
    let capitals = heading
        && text.len() <= 80
        && in_capitals(text)
        && !(i > 0 && sentence_goes_on(letter.lines[i - 1].text, text));
    // After a question or a heading in capitals too.
    let opens = letter.opens_paragraph(i)
        || letter.lines[i - 1].text.ends_with(['?', '!'])
        || in_capitals(letter.lines[i - 1].text)
        || letter.follows_heading(i);
    let plain = heading && !capitals && text.len() <= 200 && opens;
    if !(capitals || plain) || letter.block(i).is_some() {
        return None;
    }
    // A heading as long as the letter's lines wraps onto one more: "2. Right shoulder arthroscopy
    // with subacromial decompression and distal clavicle" / "excision". In a letter wholly in
    // capitals, where case sets no heading apart, a long line goes on onto one in capitals: "A.
    // EXTERNAL ELECTRICAL BONE GROWTH STIMULATOR, RIGHT" / "ANKLE".
    let wrapped = letter.block(i + 1).is_none()
        && letter.lines.get(i + 1).is_some_and(|next| {
            !next.paragraph_break
                && next.text.len() <= 60
                && !next.text.trim_end().ends_with(['.', ':', '?', '!'])
                && (!in_capitals(next.text)
                    || (text.len() >= 40 && (letter.uppercase || capitals_wraps(text, next.text))))
                && !names_decision_word(next.text)
        })
        && letter.block(i + 2).is_some();
    // A numbered heading may have its decision stated between it and its first block ("1) MRI of the
    // cervical spine" / "The requested MRI ... is not medically necessary." / "Guideline: ...").
    let alone = letter.block(i + 1).is_none() && !wrapped;
    let decided = (alone && list_number(text).is_some())
        .then(|| section_after_decision(letter, i))
        .flatten();
    if alone && decided.is_none() {
        return numbered_row_heading(letter, i, text);
    }
    // "ITEM 1. OXYCODONE HCL 30 MG, #180": the service after its label.
    let label_end = SERVICE_LABEL.find(text).map_or(0, |m| m.end());
    let first = &text[label_end..];
    if first.is_empty() {
        return None;
    }
    let (named, span) = if wrapped {
        let next = &letter.lines[i + 1];
        (
            join_lines(&[first, next.text]),
            Span::from_range(line.span.offset + label_end..next.span.end()),
        )
    } else {
        (
            first.to_string(),
            Span::new(line.span.offset + label_end, first.len()),
        )
    };
    // "1. MRI of the right shoulder": the list's number names no word of the row.
    let unnumbered = list_number(&named).map_or(&named[..], |m| &named[m.end()..]);
    // Without a table to name it, the claims administrator's block right after it marks the heading
    // as an item's: no other line comes before that block.
    let rows = disputed_issue::table_rows(letter, 0, i);
    let after = letter.block(decided.unwrap_or(i + 1 + usize::from(wrapped)));
    let administrator_follows = matches!(after, Some((Block::Administrator, _)));
    // Or a paragraph of a few words of its own, no section's heading, with the guidelines right after
    // it: "Repeat radiofrequency ablation, bilateral C4-5 and C5-6" / "Guideline: ODG Neck ...". In
    // capitals, the heading may open the paragraph of its citations, wrapped or not: "CONSULTATION
    // WITH AN ORTHOPEDIC FOOT AND ANKLE" / "SURGEON" / "Guideline: MTUS ACOEM Chapter 14 ...".
    // The reviewer's own citation label ("MAXIMUS guideline:") belongs to an item: a heading that
    // opens a paragraph may have it on the very next line.
    let imro_follows = matches!(after, Some((Block::Imro, _)));
    // A short heading opening a paragraph, its guidelines and then its rationale right below it
    // ("Front-wheeled walker" / "Guideline: ODG ..." / "Rationale: ..."), in a letter that decides its
    // items in a list at the end.
    let first_block = i + 1 + usize::from(wrapped);
    // Only an unlabelled heading: "Items 1 and 2 - X and Y" heads items sharing it.
    let rationale_below = || {
        label_end == 0
            && !NUMBER_LABEL.is_match(text)
            && !text
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case("item"))
            && text.split_whitespace().count() <= 16
            && (first_block + 1..(first_block + 8).min(letter.lines.len()))
                .any(|k| matches!(letter.block(k), Some((Block::Rationale, _))))
    };
    // Under a label numbering it, the heading opens the label's paragraph.
    let heading_of_citations = || {
        matches!(after, Some((Block::Citations | Block::Imro, _)))
            && (text.trim_start().starts_with(char::is_alphabetic) || QUANTITY_FIRST.is_match(text))
            && text.len() <= 100
            && ((!wrapped
                && (letter.stands_alone(i)
                    || ((imro_follows || rationale_below()) && letter.may_open_paragraph(i))))
                || (capitals && letter.may_open_paragraph(i))
                || under_label)
            // The service after a label numbering it ("Section 1. Hydrocodone ...") names no section.
            && !SECTION_HEADING_WORDS.is_match(first)
    };
    // A numbered heading with its decision stated below it is an item's, whatever block follows.
    let known = if rows.is_empty() {
        administrator_follows || decided.is_some() || heading_of_citations()
    } else {
        // A heading its label numbers ("Section 2. TENS unit") over the item's citations needs no row.
        !plain
            || disputed_issue::row_names(&rows, unnumbered)
            || administrator_follows
            || (label_end > 0 && heading_of_citations())
    };
    if !known {
        return None;
    }
    // The sentences stating the decision are the header's, so none of them reads as an item.
    let Some(section) = decided else {
        return Some(ItemStart::heading(
            Spanned::new(named, span),
            i + usize::from(wrapped),
        ));
    };
    Some(ItemStart {
        decision: prose_decision(letter, i + 1, section).map(Ok),
        ..ItemStart::heading(Spanned::new(named, span), section - 1)
    })
}

/// A service heading opening with its length or count rather than a word: "12-week medically
/// supervised weight loss program", "6 sessions of acupuncture".
static QUANTITY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^\s*\d{1,3}[- ](?:weeks?|days?|months?|sessions?|visits?|hours?|treatments?)\b",
    )
    .unwrap()
});

/// Whether a heading's colon names a compound's formulation rather than ending a label: "Compounded
/// cream: flurbiprofen 20%, baclofen 2%, lidocaine 5%, 240gm".
fn names_formulation(text: &str) -> bool {
    static FORMULATION: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)^[a-z][a-z /-]{2,40}:\s+[a-z][^:]*?\d\s*(?:%|mg|gm|g|ml|mcg)\b[^:]*$",
        )
        .unwrap()
    });
    !SERVICE_LABEL.is_match(text) && block_kind(text, false).is_none() && FORMULATION.is_match(text)
}

/// Whether `text` is a closing summary's heading alone on its line, in capitals: "SUMMARY", "IN
/// SUMMARY", "CONCLUSION".
fn summary_heading_line(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':');
    ["SUMMARY", "IN SUMMARY", "CONCLUSION", "CONCLUSIONS"].contains(&text)
}

/// Whether a heading in capitals in a letter in mixed case goes on onto the short line in capitals
/// below it, and is not a section's heading above an item's.
fn capitals_wraps(text: &str, next: &str) -> bool {
    in_capitals(text) && next.len() <= 30 && !SECTION_HEADING_WORDS.is_match(text)
}

/// A numbered heading under a determination table whose row of that number names it, with the
/// item's rationale right below it unlabelled: "1. MRI of the right knee without contrast" / "ACOEM
/// Chapter 13, pages 341-343, states ...". The table gives the decision.
fn numbered_row_heading(letter: &Letter<'_>, i: usize, text: &str) -> Option<ItemStart> {
    let number = list_number(text)?;
    let next = letter.lines.get(i + 1)?;
    let prose_below = !next.paragraph_break
        && next.text.len() >= 50
        && !next.text.trim_end().ends_with(':')
        && list_number(next.text).is_none();
    if !prose_below
        || !disputed_issue::numbered_row_names(&disputed_issue::table_rows(letter, 0, i), text)
    {
        return None;
    }
    let service = text[number.end()..].trim();
    let offset =
        letter.lines[i].span.offset + (text.len() - text[number.end()..].trim_start().len());
    Some(ItemStart {
        inline_rationale: Some(next.span.offset),
        ..ItemStart::heading(
            Spanned::new(service.to_string(), Span::new(offset, service.len())),
            i,
        )
    })
}

/// The words a section's heading opens with, which name no service: "Discussion", "Guidelines Applied".
static SECTION_HEADING_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\W*(?:discussion|analysis|rationale|reasons?|reasoning|determinations?|decisions?|guidelines?|criteria|summary|findings|conclusions?|issues?|disputed|references|review|background|history|clinical|case|medical|documents|records|standards?|outcome|results?|part\b|section\b|appeal)\b")
        .unwrap()
});

/// Whether `text` holds a hyphen, an en dash or an em dash. Each is looked for on its own: a search
/// for one character skips ahead, a search for any of several reads every character.
fn has_dash(text: &str) -> bool {
    text.contains('-') || text.contains('\u{2013}') || text.contains('\u{2014}')
}

/// An item heading with its decision after a dash: "Item 1. Lumbar MRI - UPHELD", "1. Lumbar MRI –
/// Overturned". Without a number the heading must open a paragraph.
fn dash_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    if let Some(start) = wrapped_dash_item(letter, i) {
        return Some(start);
    }
    if line.text.len() > 200
        || !has_dash(line.text)
        || !names_dash_decision_word(line.text)
        || letter.block(i).is_some()
        || is_decision_label(line.text)
    {
        return None;
    }
    let c = ITEM_DASH.captures(line.text)?;
    let numbered = c.name("number").is_some();
    if !(numbered || i == 0 || line.paragraph_break) {
        return None;
    }
    // The utilization review's words head an item only under its number: unnumbered, "ITEM A -
    // Gabapentin 800 mg #90 - CERTIFIED" is a row of the list of decisions above the rationales.
    if !numbered
        && c.name("word")
            .is_some_and(|w| !names_decision_word(w.as_str()))
    {
        return None;
    }
    // Numbered lines one under the other with nothing between them are a determination table's rows
    // ("1. Functional restoration program - UPHELD" / "2. Duloxetine 60 mg #30 - OVERTURNED"), whose
    // items come later with their blocks.
    let row_beside = |k: usize| {
        letter.lines.get(k).is_some_and(|l| {
            has_dash(l.text)
                && names_dash_decision_word(l.text)
                && ITEM_DASH
                    .captures(l.text)
                    .is_some_and(|c| c.name("number").is_some())
        })
    };
    // Where no blank lines mark paragraphs, the breaks inferred before list entries set none apart.
    let touches = |l: &Line<'_>| !l.paragraph_break || letter.spacing.is_unbroken();
    if numbered
        && letter.block(i + 1).is_none()
        && ((i > 0 && touches(line) && row_beside(i - 1))
            || letter.lines.get(i + 1).is_some_and(touches) && row_beside(i + 1))
    {
        return None;
    }
    // So are lettered entries, blank lines or wrapped decisions between them ("C. Additional
    // postoperative physical therapy, 12 visits," / "right ankle — UPHELD (not medically necessary)" /
    // "D. Hydrocodone/acetaminophen 5/325 mg #60 — OVERTURNED").
    if letter.block(i + 1).is_none() && in_lettered_list(letter, i) {
        return None;
    }
    let service = c.name("service")?;
    let word = c.name("word")?;
    let at = |m: regex::Match<'_>| Span::new(line.span.offset + m.start(), m.len());
    Some(ItemStart {
        service: Spanned::new(service.as_str().to_string(), at(service)),
        decision: Some(Ok(Spanned::new(
            label_decision_of(word.as_str())?,
            at(word),
        ))),
        header_end: i,
        labelled: numbered,
        distinct: numbered,
        decision_line: None,
        inline_rationale: None,
        shared: Vec::new(),
    })
}

/// Printed lines joined by single blanks, as a heading wrapped over them reads, each part's offsets
/// mapped back onto the letter.
struct JoinedLines {
    text: String,
    /// Per line: where it starts in `text` and in the letter.
    starts: Vec<(usize, usize)>,
}

impl JoinedLines {
    fn new(line: &Line<'_>) -> JoinedLines {
        JoinedLines {
            text: line.text.to_string(),
            starts: vec![(0, line.span.offset)],
        }
    }

    fn push(&mut self, line: &Line<'_>) {
        self.text.push(' ');
        self.starts.push((self.text.len(), line.span.offset));
        self.text.push_str(line.text);
    }

    /// The letter's offset of byte `at` of the joined text.
    fn original(&self, at: usize) -> usize {
        let &(from, offset) = self
            .starts
            .iter()
            .rev()
            .find(|&&(from, _)| from <= at)
            .unwrap_or(&self.starts[0]);
        offset + at - from
    }

    /// The letter's span of `range` of the joined text, which may cover line breaks.
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        if range.is_empty() {
            return Span::new(self.original(range.start), 0);
        }
        Span::from_range(self.original(range.start)..self.original(range.end - 1) + 1)
    }
}

/// A numbered dash item whose heading wrapped over up to two more lines, its decision word ending it:
/// "Requested Service #3 — Trigger point injections — DENIAL" / "OVERTURNED", "(1) Left L4-5
/// hemilaminotomy -" / "OVERTURNED. Medically necessary.", "Requested Service #3 — Trigger point
/// injections, lumbar paraspinal" / "muscles — DENIAL" / "OVERTURNED".
fn wrapped_dash_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    if line.text.len() > 200
        || !has_dash(line.text)
        || names_dash_decision_word(line.text)
        || letter.block(i).is_some()
    {
        return None;
    }
    let mut joined = JoinedLines::new(line);
    for k in i + 1..letter.lines.len().min(i + 3) {
        let next = &letter.lines[k];
        if next.paragraph_break || next.text.len() > 200 || letter.block(k).is_some() {
            return None;
        }
        joined.push(next);
        if !names_dash_decision_word(next.text) {
            continue;
        }
        let c = ITEM_DASH.captures(&joined.text)?;
        c.name("number")?;
        let service = c.name("service")?;
        let word = c.name("word")?;
        let decision = label_decision_of(word.as_str())?;
        return Some(ItemStart {
            service: Spanned::new(service.as_str().to_string(), joined.span(service.range())),
            decision: Some(Ok(Spanned::new(decision, joined.span(word.range())))),
            header_end: k,
            labelled: true,
            distinct: true,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        });
    }
    None
}

/// The notice's decision sentence opening a paragraph that goes on with the item's rationale, no
/// block between: "The requested Norco 5/325mg #60 is medically necessary. MTUS Chronic Pain Medical
/// Treatment Guidelines, Opioids, pages 78-80, support ...". A rationale may open so too, so the
/// letter must open another paragraph with such a sentence.
fn requested_sentence_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    static REQUESTED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?is)^the\s+requested\s+(?P<service>\S.{1,150}?),?\s+(?:is|are)\s*(?P<phrase>(?P<not>not\s*)?medically\s*necessary(?:\s*and\s*appropriate)?)\s*\.(?:\s+|$)")
            .unwrap()
    });
    let opens_requested = |k: usize| {
        let text = letter.lines[k].text;
        text.len() > 14
            && text.as_bytes()[..14].eq_ignore_ascii_case(b"the requested ")
            && (letter.may_open_paragraph(k) || letter.follows_heading(k))
    };
    if !opens_requested(i) || letter.block(i + 1).is_some() || under_item_header(letter, i) {
        return None;
    }
    // The sentence may wrap over up to three lines.
    let mut joined = JoinedLines::new(&letter.lines[i]);
    let mut header_end = i;
    let c = loop {
        if let Some(c) = REQUESTED.captures(&joined.text) {
            break c;
        }
        header_end += 1;
        let next = letter
            .lines
            .get(header_end)
            .filter(|l| !l.paragraph_break)?;
        if header_end > i + 2 || letter.block(header_end).is_some() {
            return None;
        }
        joined.push(next);
    };
    if !(0..letter.lines.len()).any(|k| k != i && opens_requested(k)) {
        return None;
    }
    let service = c.name("service")?.range();
    let phrase = c.name("phrase")?.range();
    let decision = necessity_decision(&c);
    let end = c.get(0)?.end();
    // The rationale goes on after the sentence in its paragraph, on its line or the next; a decision
    // stated again ("The original UR decision is overturned.") is the item's header going on.
    let inline_rationale = if end < joined.text.len() {
        joined.original(end)
    } else {
        letter
            .lines
            .get(header_end + 1)
            .filter(|l| !l.paragraph_break && letter.block(header_end + 1).is_none())?
            .span
            .offset
    };
    let rest = &letter.text[inline_rationale..];
    // The words right after it, cut at a character's boundary: typographic quotes and dashes are
    // several bytes.
    let near = (0..=rest.len().min(120))
        .rev()
        .find(|&at| rest.is_char_boundary(at))
        .unwrap_or(0);
    if STATED_DECISION
        .find(&rest[..near])
        .is_some_and(|m| !rest[..m.start()].contains(". "))
    {
        return None;
    }
    Some(ItemStart {
        service: Spanned::new(
            joined.text[service.clone()].to_string(),
            joined.span(service),
        ),
        decision: Some(Ok(Spanned::new(decision, joined.span(phrase)))),
        header_end,
        labelled: true,
        // Two paragraphs opened so are a letter's items.
        distinct: true,
        decision_line: None,
        inline_rationale: Some(inline_rationale),
        shared: Vec::new(),
    })
}

/// Whether line `i` stands in the paragraph under an item's header or one of its blocks ("Disputed
/// item 1: X" / "Guideline: ..." / "The requested X is medically necessary."): the sentence there
/// states that item's decision.
fn under_item_header(letter: &Letter<'_>, i: usize) -> bool {
    for k in (i.saturating_sub(8)..i).rev() {
        let text = letter.lines[k].text;
        if letter.block(k).is_some()
            || SERVICE_LABEL.is_match(text)
            || list_number(text).is_some()
            || text.trim_end().ends_with('?')
        {
            return true;
        }
        if letter.lines[k].paragraph_break {
            return false;
        }
    }
    false
}

/// Whether one of `text`'s blank-separated words is one of `words`, in any case: a verb that makes a
/// name a sentence.
pub(super) fn holds_word(text: &str, words: &[&str]) -> bool {
    text.split_whitespace()
        .any(|w| words.iter().any(|word| w.eq_ignore_ascii_case(word)))
}

/// Whether `text` opens with a word that ties it to the sentence before ("Nevertheless, continued use
/// ... is not medically necessary."): a rationale's sentence, which no heading is, wherever no blank
/// line tells the paragraphs apart.
fn opens_with_connective(text: &str) -> bool {
    const CONNECTIVES: [&str; 14] = [
        "however",
        "nevertheless",
        "nonetheless",
        "therefore",
        "thus",
        "accordingly",
        "consequently",
        "moreover",
        "furthermore",
        "additionally",
        "hence",
        "overall",
        "finally",
        "still",
    ];
    let first = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    CONNECTIVES.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// An item heading written as a sentence that states the decision, on one line or wrapped over two:
/// "Lumbar fusion L4-5 with 3 day inpatient stay is not medically necessary and appropriate." (Upheld),
/// "... is medically necessary and appropriate." (Overturned). A rationale ends with such sentences
/// too, so the heading must open a paragraph and a citation or rationale block must follow it.
fn sentence_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    // A numbered item may follow the rationale above it with no blank line between ("... is medically
    // necessary." / "3. CT scan of the cervical spine is not medically necessary and appropriate.").
    let numbered_after_sentence =
        || list_number(line.text).is_some() && letter.lines[i - 1].text.trim_end().ends_with('.');
    // An item opens a paragraph, or follows a label or a heading in capitals ("FINDINGS AND
    // CONCLUSIONS" / "(A) MRI of the right knee. The denial is upheld; ..."), or is numbered after a
    // finished sentence.
    let opens = letter.may_open_paragraph(i)
        || letter.lines[i - 1].text.trim_end().ends_with(':')
        || letter.follows_heading(i)
        || numbered_after_sentence();
    // "MEDICAL NECESSITY: The requested X is medically necessary." states the decision of the item
    // above it.
    if !opens
        || line.text.len() > 200
        || letter.block(i).is_some()
        || DECISION_LABEL_START.is_match(line.text)
        || opens_with_connective(line.text)
    {
        return None;
    }
    let followed_by_block = |k: usize| letter.block(k).is_some();
    // The heading may wrap over up to three lines; a block follows it.
    let mut joined = JoinedLines::new(line);
    let mut header_end = i;
    while !followed_by_block(header_end + 1) {
        if header_end == i + 2 {
            return None;
        }
        header_end += 1;
        let next = letter.lines.get(header_end)?;
        // A label starts a line of its own: the heading does not run on into it; nor into a list
        // entry, nor past a lead-in ("... set forth below:" / "1. Norco ..."), nor, where no blank
        // line marks paragraphs, past a finished sentence.
        if next.paragraph_break
            || next.text.len() > 200
            || joined.text.ends_with(':')
            || list_number(next.text).is_some()
            || (letter.spacing.is_unbroken() && joined.text.ends_with('.'))
            || SERVICE_LABEL.is_match(next.text)
            || DECISION_LABEL_START.is_match(next.text)
        {
            return None;
        }
        joined.push(next);
    }
    // Under a labelled service and its citations ("Disputed item: Duloxetine 30 mg #30" / "Guidelines:
    // ..." / "The Expert Reviewer found that the requested duloxetine ... is not medically necessary"),
    // the sentence states that item's decision.
    if decides_labelled_item_above(letter, i) {
        return None;
    }
    // Right under an item's decision line ("Decision: Upheld" / "The request for tramadol ER ... is
    // not medically necessary and appropriate."), the sentence restates that item's decision.
    if i > 0 && decision_line_at(letter, i - 1) {
        return None;
    }
    let text = &joined.text;
    let (service, phrase, decision) = item_sentence(text)?;
    // "(A) MRI of the right knee. The denial is upheld; the MRI is not medically necessary.".
    let service = first_sentence(text, service);
    let named = &text[service.clone()];
    // A decision stated in a later sentence of the heading ("(A) MRI OF THE KNEE. THE DENIAL IS
    // UPHELD", in a letter in capitals, where no sentence's end is told) leaves the service first.
    let states_decision = STATED_DECISION
        .find(named)
        .is_some_and(|m| !named[..m.start()].contains(". "));
    // "The Claims Administrator's decision is upheld. The surgery is not medically necessary." states
    // the decision of the item above it, and names no service; nor does a rationale's closing
    // sentence on a line of its own ("The request is medically necessary.").
    if states_decision || UNNAMED_SERVICE.is_match(named) {
        return None;
    }
    Some(ItemStart {
        service: Spanned::new(named.to_string(), joined.span(service)),
        decision: Some(Ok(Spanned::new(decision, joined.span(phrase)))),
        header_end,
        labelled: true,
        distinct: false,
        decision_line: None,
        inline_rationale: None,
        shared: Vec::new(),
    })
}

/// Lines above a sentence that may decide the item a labelled service line opened: at most this many.
const LABELLED_ITEM_REACH: usize = 8;

/// Whether line `i` follows, within a few lines, a labelled service line and the citation block right
/// after it, with no decision of its own in between.
fn decides_labelled_item_above(letter: &Letter<'_>, i: usize) -> bool {
    let from = i.saturating_sub(LABELLED_ITEM_REACH);
    let Some(k) = (from..i)
        .rev()
        .find(|&k| SERVICE_LABEL.is_match(letter.lines[k].text))
    else {
        return false;
    };
    let citations = (k + 1..i).find_map(|j| letter.block(j).map(|(kind, _)| (j, kind)));
    citations.is_some_and(|(j, kind)| {
        j <= k + 2
            && matches!(kind, Block::Administrator | Block::Imro | Block::Citations)
            && (k..i)
                .all(|m| !names_decision_word(letter.lines[m].text) && !decision_line_at(letter, m))
    })
}

/// A request referred to rather than named: "The request", "This requested treatment", "It", also
/// after an opening phrase ("Based on these criteria, the request").
static UNNAMED_SERVICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:(?:therefore|thus|accordingly|[a-z][^,.;]{0,40},)\s+)?(?:it|(?:the|this|such|that)\s+(?:(?:current|above|prior|present)\s+)?(?:requests?(?:ed)?|proposed|disputed)?\s*(?:treatment|service|item|medication|procedure|therapy|study|surgery|request)?s?)$")
        .unwrap()
});

/// How many lines after a labelled service its decision line may be.
const LABELLED_REACH: usize = 5;

/// A service written on its own line (after a label such as "Item:" or without one), with its decision
/// on a "Decision: Upheld" line after it. A labelled service, and the particulars after it, may take up
/// to [`LABELLED_REACH`] lines before the decision line.
fn decision_line_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    // A labelled service line has a colon, or a decision line with one follows it within its reach
    // (a label written "Request 2 of 4 -" has none of its own).
    let has_colon = |k: usize| letter.lines.get(k).is_some_and(|l| l.text.contains(':'));
    if !has_colon(i)
        && !has_colon(i + 1)
        && !((has_colon(i + 2) || has_colon(i + 3)) && SERVICE_LABEL.is_match(line.text))
    {
        return None;
    }
    // The decision line comes within five lines, however the service is written: a labelled service
    // and the question after it may each wrap once.
    let decision_within = |reach: usize| {
        (i + 1..=i + reach)
            .take_while(|&k| k < letter.lines.len())
            .find(|&k| decision_line_at(letter, k))
    };
    let within_reach = decision_within(LABELLED_REACH)?;
    if letter.block(i).is_some() || is_decision_label(line.text) {
        return None;
    }
    let label_end = SERVICE_LABEL.find(line.text).map(|m| m.end());
    let labelled = label_end.is_some();
    // Without a label, the line must read as a service line, not as the end of a paragraph, nor as
    // the wrapped end of a block just above it ("Guidelines: ODG Low Back, Facet joint radiofrequency"
    // / "neurotomy, criteria for repeat neurotomy" / "Determination: OVERTURNED").
    // Nor as a sentence left open above its decision line: "... Giving the patient the benefit of the
    // July findings," / "Decision: Overturned.".
    if !labelled
        && (line.text.ends_with(['.', '!', '?'])
            || line.text.trim_end().ends_with([',', ';'])
            || line.text.len() > 150)
    {
        return None;
    }
    let mut above = i;
    while !labelled && above > 0 && i - above < 3 && !letter.lines[above].paragraph_break {
        above -= 1;
        // A wrapped block breaks off mid-sentence; a block ending its sentence ends before the line.
        if letter.lines[above]
            .text
            .trim_end()
            .ends_with(['.', '!', '?'])
        {
            break;
        }
        if letter.block(above).is_some() {
            return None;
        }
    }
    let j = if labelled {
        within_reach
    } else {
        decision_within(1)?
    };
    // After a labelled service, "Dispute: Non-certification by utilization review" and other
    // "Label: value" lines before the decision are the item's particulars, not its service.
    let is_particular = |k: usize| {
        let text = letter.lines[k].text;
        PARTICULAR.is_match(text) && letter.block(k).is_none() && !SERVICE_LABEL.is_match(text)
    };
    let service_end = if labelled {
        (i + 1..j).find(|&k| is_particular(k)).unwrap_or(j)
    } else {
        j
    };
    // The lines between continue the service: no block, no new label, no paragraph break. A particular
    // may wrap onto the next line ("Question: Is the requested ... appropriate for the" / "injured
    // worker?").
    let runs_on = |k: usize| {
        let l = &letter.lines[k];
        !l.paragraph_break && letter.block(k).is_none() && !SERVICE_LABEL.is_match(l.text)
    };
    let continues = (i + 1..service_end).all(runs_on)
        && (service_end..j).all(|k| is_particular(k) || (k > service_end && runs_on(k)));
    if !continues {
        return None;
    }
    let decision_line = &letter.lines[j];
    // "Final Determination: UPHOLD" is the letter's overall decision, which any line of text may stand
    // before: only a labelled service takes it as its own.
    if !labelled
        && decision_line.text.len() >= 5
        && decision_line.text.as_bytes()[..5].eq_ignore_ascii_case(b"final")
    {
        return None;
    }
    let (decision, header_end) = match wrapped_label_decision(letter, j) {
        Some((decision, end)) => (Ok(decision), end),
        None => {
            let c = DECISION_LABEL.captures(decision_line.text)?;
            let word = decision_label_word(&c)?;
            let word_span = Span::new(decision_line.span.offset + word.start(), word.len());
            match label_word_decision(word.as_str()) {
                Some(d) => (Ok(Spanned::new(d, word_span)), j),
                // Only a labelled service makes an unknown word an item's decision: any line of text
                // may stand before "Final Determination: UPHOLD".
                None if labelled => (Err(Spanned::new(word.as_str().to_string(), word_span)), j),
                None => return None,
            }
        }
    };
    let first = &line.text[label_end.unwrap_or(0)..];
    let start = line.span.offset + label_end.unwrap_or(0);
    if first.trim().is_empty() {
        return None;
    }
    let mut service = if service_end == i + 1 {
        Spanned::new(first.to_string(), Span::new(start, first.len()))
    } else {
        let mut parts = vec![first];
        parts.extend(letter.lines[i + 1..service_end].iter().map(|l| l.text));
        let end = letter.lines[service_end - 1].span.end();
        Spanned::new(join_lines(&parts), Span::from_range(start..end))
    };
    // A labelled service may end its sentence ("Disputed Item 4: Orthopedic consultation."); the
    // period is not part of it.
    if service.value.ends_with('.') {
        service.value.pop();
        service.span.length -= 1;
    }
    Some(ItemStart {
        service,
        decision: Some(decision),
        header_end,
        labelled,
        distinct: true,
        decision_line: None,
        inline_rationale: None,
        shared: Vec::new(),
    })
}

/// Whether `text` (what stands before a decision word) is a sentence and then a decision label:
/// "warranted. The request is medically necessary. Decision", "... on its own.  Outcome".
fn closes_sentence_before_label(text: &str) -> bool {
    /// A sentence's end, then the decision label that ends `text`.
    const LABEL_AFTER_SENTENCE: &str = r"[.!?]\s+(?:(?:the|this|my|our)\s+)?(?:(?:imr|final|maximus)\s+)?(?:decision|determination|outcome|result|conclusion|finding)\s*:?\s*$";
    static SENTENCE_THEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(&format!("(?i)[a-z)]{LABEL_AFTER_SENTENCE}")).unwrap()
    });
    // After a number ("... from 9/10 to 5/10. Decision:"), where a sentence before it shows prose: a
    // service may end in a number too ("NORCO 10/325 #90. DECISION:").
    static NUMBER_THEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(&format!("(?i)[0-9%]{LABEL_AFTER_SENTENCE}")).unwrap()
    });
    static SENTENCE_BREAK: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::regex(r"[a-z][.!?]\s+[A-Z]").unwrap());
    SENTENCE_THEN_LABEL.is_match(text)
        || (NUMBER_THEN_LABEL.is_match(text) && SENTENCE_BREAK.is_match(text))
}

/// Whether `text` (what stands before a decision word) is a list mark and one short sentence naming a
/// service, then a decision label: "A. Biofeedback, 6 sessions. DECISION", an item's heading rather
/// than a rationale's closing sentence.
fn marked_service_sentence(text: &str) -> bool {
    static MARKED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)^\(?(?:\d{1,2}|[a-h])[.)]\s+(?P<service>[^.!?]{3,120})[.!?]\s+(?:decision|determination)\s*:?\s*$",
        )
        .unwrap()
    });
    MARKED
        .captures(text)
        .and_then(|c| c.name("service"))
        .is_some_and(|service| {
            let service = service.as_str();
            !names_decision_word(service) && !contains_ignore_ascii_case(service, "medically")
        })
}

/// A labelled service with its decision labelled on the same line, in any word a decision label
/// takes: "Item: NORCO 10/325MG #120 - Determination: Non-certified", "Item: Lumbar MRI; Decision:
/// Approved".
fn labelled_line_decision(line: &Line<'_>, i: usize) -> Option<ItemStart> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?P<service>\S.*?)[\s,;.\-\x{2013}\x{2014}]+(?:(?:imr|final|maximus)\s+)?(?:decision|determination)\s*:\s*(?P<word>[a-z][a-z-]*(?:\s+[a-z-]+){0,2}?)\s*(?:\([^()]{1,80}\)\s*)?\.?$")
            .unwrap()
    });
    let label = SERVICE_LABEL.find(line.text)?;
    let c = LABELLED.captures(&line.text[label.end()..])?;
    let word = c.name("word")?;
    let decision = label_decision_of(word.as_str())?;
    let service = c.name("service")?;
    let at = |m: regex::Match<'_>| Span::new(line.span.offset + label.end() + m.start(), m.len());
    Some(ItemStart {
        decision: Some(Ok(Spanned::new(decision, at(word)))),
        ..ItemStart::heading(Spanned::new(service.as_str().to_string(), at(service)), i)
    })
}

/// A service with a trailing decision label cut off: "Gabapentin 600mg #90 Decision" (from "...
/// Decision: Upheld" on one line) is "Gabapentin 600mg #90".
fn without_decision_label(service: Spanned<String>) -> Spanned<String> {
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)[\s,;.\-\x{2013}\x{2014}]+(?:(?:imr|final|maximus)\s+)?(?:decision|determination)$",
        )
        .unwrap()
    });
    match TRAILING.find(&service.value) {
        Some(m) if m.start() > 0 => Spanned::new(
            service.value[..m.start()].to_string(),
            Span::new(service.span.offset, m.start().min(service.span.length)),
        ),
        _ => service,
    }
}

/// Printed lines joined as the logical text joins them, a word broken at a line end included.
fn join_lines(parts: &[&str]) -> String {
    let spellings = spellings_of(parts.iter().copied());
    let mut text = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            match line_break_hyphen(parts[k - 1], part, &mut |word| spellings.contains(word)) {
                Hyphen::Soft => {
                    text.pop();
                }
                Hyphen::Compound => {}
                Hyphen::None => text.push(' '),
            }
        }
        text.push_str(part);
    }
    text
}

/// Whether `text` states a quantity and nothing more ("150 ml", "#60", "180 gm x 2 refills"): no
/// service of its own, the end of one the line above names.
fn quantity_only(text: &str) -> bool {
    const UNITS: &[&str] = &[
        "ml", "mg", "g", "gm", "gms", "gram", "grams", "oz", "unit", "units", "tablet", "tablets",
        "tab", "tabs", "capsule", "capsules", "cap", "caps", "patch", "patches", "x", "refill",
        "refills", "with", "w/",
    ];
    let mut any = false;
    let all = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|word| {
            any = true;
            let word = word.trim_start_matches('#');
            word.starts_with(|c: char| c.is_ascii_digit())
                || UNITS.iter().any(|unit| word.eq_ignore_ascii_case(unit))
        });
    any && all
}

/// A service line wrapped over up to three printed lines ("PHYSICAL THERAPY 2 TIMES A WEEK FOR 6 WEEKS
/// FOR THE" / "LUMBAR SPINE:  Upheld"): the lines before the decision line that continue it, with no
/// paragraph break between them and none ending a sentence or a heading.
fn wrapped_service(
    letter: &Letter<'_>,
    line: usize,
    lower: usize,
    service: &Spanned<String>,
) -> (usize, Spanned<String>) {
    let mut first = line;
    // A service line that opens in lowercase goes on from the line above, even where that line's
    // shortness looked like a paragraph's end ("... for 4 weeks (8" / "visits):  Upheld"); in a
    // letter lower-cased whole every line opens so, and tells nothing.
    let continues = |k: usize| {
        !letter.lines[k].paragraph_break
            || (k == line
                && !letter.lowercase
                && letter.lines[k]
                    .text
                    .starts_with(|c: char| c.is_ascii_lowercase()))
    };
    // Where the service starts on its first line: after a label that a reflowed letter ran into it
    // ("... items/services set forth below: Functional restoration program, 160" / "hours: Overturned").
    let mut cut = 0;
    while first > lower && line - first < 2 && continues(first) {
        let previous = letter.lines[first - 1];
        // A parenthesis closes a line of its own, except inside a service in capitals
        // ("COMPOUNDED CREAM (FLURBIPROFEN 20%, LIDOCAINE 5%)" / "180 GRAMS: Upheld") or before a
        // quantity alone, which names no service ("LIDODERM (LIDOCAINE PATCH 5%)" / "#30: Overturned").
        let closes = previous.text.ends_with(')')
            && service.value.chars().any(char::is_alphabetic)
            && !(in_capitals(previous.text) && in_capitals(&service.value))
            && !quantity_only(&service.value);
        // A line ending in a decision word is a table's row or a list's entry, not a service's first
        // part ("4    omeprazole 20 mg #60    upheld" above the next item in a letter in lower case).
        let decided = previous
            .text
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|word| decision_of(word).is_some());
        let ends_something =
            closes || decided || previous.text.ends_with(['.', ':', ';', '!', '?']);
        if ends_something || letter.block(first - 1).is_some() || previous.text.len() > 120 {
            break;
        }
        first -= 1;
        if let Some(colon) = previous
            .text
            .rfind(": ")
            .filter(|&c| leads_in(&previous.text[..c]))
        {
            cut = colon + 2;
            break;
        }
    }
    if first == line {
        return (line, service.clone());
    }
    let mut parts: Vec<&str> = letter.lines[first..line].iter().map(|l| l.text).collect();
    parts[0] = parts[0][cut..].trim_start();
    let cut = letter.lines[first].text.len() - parts[0].len();
    parts.push(&service.value);
    let text = join_lines(&parts);
    let span = Span::from_range(letter.lines[first].span.offset + cut..service.span.end());
    (first, Spanned::new(text, span))
}

/// Whether `text` ends a sentence that leads into a list ("... set forth below", "as follows"): a
/// colon after it ends a lead-in, where a colon after a service's own words ("Compound cream:") does
/// not.
fn leads_in(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or(text);
    ["below", "following", "follows"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
}

/// Whether the letter has at least one item written as a service line followed by a citation or
/// rationale block, or in a form only an item takes (see [`ItemStart::distinct`]).
pub(super) fn has_service_line_items(letter: &Letter<'_>) -> bool {
    (0..letter.lines.len()).any(|i| {
        !in_numbered_run(letter, i)
            && letter.item_start(i).is_some_and(|start| {
                // An item whose decision is left to a determination table has a form of its own.
                start
                    .decision
                    .as_ref()
                    .map_or(start.distinct, Result::is_ok)
                    && (start.distinct || letter.block(start.header_end + 1).is_some())
            })
    })
}

/// Whether line `i` is an entry of a list of numbered lines ([`list_number`]), the next number on the
/// next line or its own one less on the line before: a list of decisions, one a line ("1. X - Upheld" /
/// "2.Y - Overturned"), states decisions, and its entries are not items' headers.
fn in_numbered_run(letter: &Letter<'_>, i: usize) -> bool {
    let number = |k: usize| -> Option<usize> {
        list_number_value(list_number(letter.lines.get(k)?.text.trim_start())?.as_str())
    };
    let Some(own) = number(i) else {
        return false;
    };
    number(i + 1) == Some(own + 1) || (own > 1 && i > 0 && number(i - 1) == Some(own - 1))
}

/// The line the first item starts on within lines `from..to`.
pub(super) fn first_item_line(letter: &Letter<'_>, from: usize, to: usize) -> Option<usize> {
    (from..to.min(letter.lines.len())).find(|&i| letter.item_start(i).is_some())
}

/// Whether the letter's items are paragraphs decided by a table or list after them (see
/// [`run_in_starts`]): a letter may have no other sign of its items.
pub(super) fn has_run_in_items(letter: &Letter<'_>) -> bool {
    !run_in_starts(letter, 0, letter.lines.len()).0.is_empty()
}

/// Where a paragraph's opening names its service, and where the prose after the name starts: a short
/// sentence of its own ("Gabapentin 600 mg #90. MTUS pages ..."), or the subject of the first
/// sentence ("The request for celecoxib 200 mg #30 is considered under the MTUS ...", which is all
/// prose).
fn run_in_name(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    static REQUEST_FOR: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^the\s+requests?\s+for\s+(?:an?\s+|the\s+)?(?P<service>[^.;]{3,150}?)\s+(?:is|was|are|were|has|have|cannot|can|does|did)\b")
            .unwrap()
    });
    if let Some(c) = REQUEST_FOR.captures(text) {
        return Some((c.name("service")?.range(), 0));
    }
    // A numbered heading run in ("1) CT MYELOGRAM. Guidelines: ...") is the final list's layout.
    if list_number(text).is_some() {
        return None;
    }
    let dot = text.find(". ").filter(|&d| d <= 120)?;
    let name = text[..dot].trim_end();
    // A name, not a sentence about the service ("The power scooter is addressed first").
    let verb = holds_word(
        name,
        &[
            "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "does", "did",
        ],
    );
    (!verb).then_some((0..name.len(), dot + 2))
}

/// Items whose paragraphs open with their service as a sentence of its own ("Gabapentin 600 mg #90.
/// MTUS pages 16-19 recommend ..."), decided in a table after them: each row of the table names the
/// service of one such paragraph, in the table's order, every row is named, and each row's decision
/// is its item's.
///
/// Also the line the table's paragraph starts on, where the last item ends (`to` without items).
fn run_in_starts(letter: &Letter<'_>, from: usize, to: usize) -> (Vec<(usize, ItemStart)>, usize) {
    let to = to.min(letter.lines.len());
    let mut rows = disputed_issue::table_rows(letter, from, to);
    let tabled = !rows.is_empty();
    if !tabled {
        // Or a closing list of decisions, one entry a line ("1. Lumbar support brace: Overturned").
        rows =
            disputed_issue::closing_list(letter, from, to).map_or_else(Vec::new, |(_, rows)| rows);
    }
    // Without a table or list deciding them (or with a row that decides none of them), items that
    // state their own decisions.
    let self_decided = || {
        let numbered = numbered_run_in_starts(letter, from, to);
        if !numbered.is_empty() {
            return (numbered, to);
        }
        let paragraphs = numbered_paragraph_starts(letter, from, to);
        if !paragraphs.is_empty() {
            return (paragraphs, to);
        }
        let listed = enumerated_list_starts(letter, from, to);
        if !listed.is_empty() {
            return (listed, to);
        }
        let decided = decided_paragraph_starts(letter, from, to);
        if !decided.is_empty() {
            return (decided, to);
        }
        (tabled_paragraph_starts(letter, from, to), to)
    };
    let Some(table_at) = rows.first().map(|row| row.service.span.offset) else {
        return self_decided();
    };
    let mut starts = Vec::new();
    for k in from..to {
        let Some(row) = rows.get(starts.len()) else {
            break;
        };
        let line = &letter.lines[k];
        if line.span.offset >= table_at {
            break;
        }
        // A paragraph opens the line, or a finished sentence ends the line above: the table's rows
        // confirm what reads as an item.
        if !(k == from
            || line.paragraph_break
            || letter.lines[k - 1].text.trim_end().ends_with(['.', ':']))
        {
            continue;
        }
        // The item's name and where it stands, the line its heading ends on, and where its prose
        // starts when it runs on after the name. A numbered heading stands alone on its line ("1.
        // Post-operative physical therapy, right shoulder"), its paragraphs below, where the rows
        // deciding them carry no numbers (a numbered list after numbered paragraphs is the final
        // list's layout).
        let (name, span, header_end, inline) = if let Some(number) =
            list_number(line.text).filter(|_| rows.iter().all(|r| !r.numbered()))
        {
            let name = line.text[number.end()..].trim();
            if name.contains(". ") {
                continue;
            }
            let at =
                line.span.offset + line.text.len() - line.text[number.end()..].trim_start().len();
            (name.to_string(), Span::new(at, name.len()), k, None)
        } else {
            let last = if k + 1 < to && !letter.lines[k + 1].paragraph_break {
                k + 1
            } else {
                k
            };
            let opening = letter.logical(k, last + 1);
            let Some((name, prose)) = run_in_name(opening.as_str()) else {
                continue;
            };
            let prose = opening.original_offset(prose);
            let header_end = if prose >= letter.lines[last].span.offset {
                last
            } else {
                k
            };
            let span = Span::from_range(
                opening.original_offset(name.start)..opening.original_span(name.clone()).end(),
            );
            (
                opening.as_str()[name].to_string(),
                span,
                header_end,
                Some(prose),
            )
        };
        let words = name.split_whitespace().count();
        if !(1..=12).contains(&words) || !disputed_issue::row_matches(row, &name) {
            continue;
        }
        starts.push((
            k,
            ItemStart {
                // The table decides; the paragraph's closing sentence is the reviewer's conclusion.
                decision: Some(Ok(row.decision.clone())),
                inline_rationale: inline,
                ..ItemStart::heading(Spanned::new(name, span), header_end)
            },
        ));
    }
    if starts.len() != rows.len() {
        // A single row that names no paragraph is some other line; a list of them is the letter's
        // list of decisions, which another layout reads. What reads as a list may be the items'
        // own numbered paragraphs, each opening with its decision ("1. The requested MRI is not
        // medically necessary. ...").
        return if starts.is_empty() && rows.len() < 2 {
            self_decided()
        } else if !tabled {
            (numbered_paragraph_starts(letter, from, to), to)
        } else {
            (Vec::new(), to)
        };
    }
    let first_row = (from..to)
        .find(|&k| letter.lines[k].span.end() > table_at)
        .unwrap_or(to);
    let table_line = (from..to.min(first_row + 1))
        .rev()
        .find(|&k| letter.lines[k].paragraph_break)
        .filter(|&k| k > starts.last().map_or(from, |(k, _)| *k))
        .unwrap_or(first_row);
    (starts, table_line)
}

/// Items each named by a numbered heading alone on its line, over unlabelled paragraphs whose prose
/// states the decision: "1. Physical therapy, lumbar spine (12 sessions)" / "The reviewer relied on
/// ... The requested 12 sessions are not medically necessary. The prior decision is upheld." The
/// headings count up from 1, two at the least, and every item's prose decides it, or none is read.
fn numbered_run_in_starts(letter: &Letter<'_>, from: usize, to: usize) -> Vec<(usize, ItemStart)> {
    let mut headings: Vec<(usize, Spanned<String>, usize)> = Vec::new();
    for k in from..to {
        let line = &letter.lines[k];
        let Some(number) = list_number(line.text) else {
            continue;
        };
        let name = line.text[number.end()..].trim();
        // A heading as long as a narrow letter's line wraps onto a short lowercase line ("1. Right
        // C5-6 interlaminar cervical epidural steroid" / "injection").
        let wrapped = letter.lines.get(k + 1).filter(|next| {
            k + 1 < to
                && !next.paragraph_break
                && next.text.starts_with(|c: char| c.is_lowercase())
                && next.text.len() <= 40
                && !next.text.trim_end().ends_with(['.', ':'])
                && !letter.lowercase
        });
        let header_end = k + usize::from(wrapped.is_some());
        let joined;
        let name = match wrapped {
            Some(next) => {
                joined = join_lines(&[name, next.text.trim()]);
                joined.as_str()
            }
            None => name,
        };
        // Where blank lines tell no paragraphs (a double-spaced letter), the heading still follows a
        // finished sentence or a heading and its paragraph opens with a capital.
        let after_break = k == from
            || line.paragraph_break
            || letter.lines[k - 1]
                .text
                .trim_end()
                .ends_with(['.', ':', '?'])
            || !letter.lines[k - 1].text.chars().any(char::is_lowercase);
        let opens_paragraph = after_break
            && letter.lines.get(header_end + 1).is_some_and(|next| {
                (next.paragraph_break || next.text.starts_with(char::is_uppercase))
                    && list_number(next.text).is_none()
            });
        // A heading names its service only: an entry of a list of decisions ("1. MRI of the lumbar
        // spine - not medically" / "necessary. ...") states its decision too.
        if !opens_paragraph
            || list_number_value(number.as_str()) != Some(headings.len() + 1)
            || name.contains(". ")
            || name.ends_with(['.', ':'])
            || names_decision_word(name)
            || contains_ignore_ascii_case(name, "medically")
            || !(1..=15).contains(&name.split_whitespace().count())
            || letter.block(k).is_some()
        {
            continue;
        }
        let at = line.span.offset + line.text.len() - line.text[number.end()..].trim_start().len();
        let end = letter.lines[header_end].span.end();
        headings.push((
            k,
            Spanned::new(name.to_string(), Span::from_range(at..end)),
            header_end,
        ));
    }
    let decided = |n: usize| {
        let end = headings.get(n + 1).map_or(to, |(k, ..)| *k);
        later_decision(letter, headings[n].2 + 1, end).is_some()
    };
    if headings.len() < 2 || !(0..headings.len()).all(decided) {
        return Vec::new();
    }
    headings
        .into_iter()
        .map(|(k, service, header_end)| (k, ItemStart::heading(service, header_end)))
        .collect()
}

/// The line among `from..to` that `span` ends on, or `from`: where a service named in a paragraph's
/// opening ends its header.
fn line_ending(letter: &Letter<'_>, from: usize, to: usize, span: Span) -> usize {
    (from..to)
        .find(|&j| letter.lines[j].span.end() >= span.end())
        .unwrap_or(from)
}

/// Items each a numbered paragraph that names its service as it opens and states its decision
/// before the next: a question ("Question 1: Is oxycodone 10 mg #120 medically necessary? Yes. ...
/// Decision: Overturned."), a conclusion ("1. The requested MRI of the lumbar spine is not medically
/// necessary. ... The denial is upheld.") or the service alone ("2. Radiofrequency ablation right
/// L4-5. Guideline: ... Rationale: ... Decision: Upheld."). The numbers count up from 1, two at the
/// least, and every paragraph is decided, or none is read.
fn numbered_paragraph_starts(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Vec<(usize, ItemStart)> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:(?:question|issue|item|request)\s*#?\s*(?P<labelled>\d{1,2})\s*[:.)]|(?P<bare>\d{1,2})[.)])\s+")
            .unwrap()
    });
    static ASKED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:is|are|was|were)\s+(?:the\s+)?(?:(?:requested|proposed|disputed)\s+|requests?\s+for\s+(?:an?\s+|the\s+)?)?(?:an?\s+)?(?P<service>[^?]{3,150}?),?\s+(?:medically\s+necessary|(?:medically\s+)?(?:reasonable|appropriate))\b[^?]{0,80}\?")
            .unwrap()
    });
    static CONCLUDED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:the\s+)?(?:(?:requested|proposed|disputed)\s+|requests?\s+for\s+(?:an?\s+|the\s+)?)(?P<service>(?:[^.;:?]|\.\d){3,150}?),?\s+(?:is|are|was|were)\s+(?:not\s+)?(?:medically\s+necessary|certified|non-?certified|upheld|overturned)\b")
            .unwrap()
    });
    // A paragraph this short is an entry of a list of decisions, not an item.
    const SHORTEST_ITEM: usize = 200;
    // A paragraph's opening: its line, its service, its header's last line and where its prose starts.
    struct Opening {
        line: usize,
        service: Spanned<String>,
        header_end: usize,
        prose: usize,
    }
    let mut sequences: Vec<Vec<Opening>> = Vec::new();
    for k in from..to {
        let line = &letter.lines[k];
        let opens = k == from
            || line.paragraph_break
            || letter.lines[k - 1]
                .text
                .trim_end()
                .ends_with(['.', ':', '?', ')']);
        let Some(c) = NUMBER.captures(line.text).filter(|_| opens) else {
            continue;
        };
        let number = c
            .name("labelled")
            .or(c.name("bare"))
            .and_then(|n| n.as_str().parse::<usize>().ok());
        let expected = sequences.last().map_or(1, |s| s.len() + 1);
        if number != Some(1) && number != Some(expected) {
            continue;
        }
        let label_end = c.get(0).map_or(0, |m| m.end());
        let last = (k + 4).min(to);
        let opening = letter.logical(k, last);
        let Some(rest) = opening.as_str().get(label_end..) else {
            continue;
        };
        let named = ASKED
            .captures(rest)
            .or_else(|| CONCLUDED.captures(rest))
            .and_then(|c| c.name("service").map(|m| m.range()))
            .or_else(|| {
                run_in_name(rest)
                    .map(|(name, _)| name)
                    .filter(|name| !contains_ignore_ascii_case(&rest[name.clone()], "medically"))
            });
        let Some(name) = named else {
            continue;
        };
        let service = rest[name.clone()].trim();
        if !(1..=15).contains(&service.split_whitespace().count()) || names_decision_word(service) {
            continue;
        }
        let at = label_end + name.start..label_end + name.end;
        let span = opening.original_span(at);
        let header_end = line_ending(letter, k, last, span);
        let prose = opening.original_offset(label_end);
        let entry = Opening {
            line: k,
            service: Spanned::new(service.to_string(), span),
            header_end,
            prose,
        };
        if number == Some(expected) && !sequences.is_empty() {
            sequences.last_mut().expect("not empty").push(entry);
        } else {
            sequences.push(vec![entry]);
        }
    }
    // The last sequence whose every paragraph is decided: a list of diagnoses in the case summary
    // numbers from 1 too.
    let sequence_ends: Vec<usize> = sequences
        .iter()
        .skip(1)
        .map(|s| s[0].line)
        .chain([to])
        .collect();
    sequences
        .into_iter()
        .zip(sequence_ends)
        .filter(|(sequence, _)| sequence.len() >= 2)
        .filter_map(|(sequence, end)| {
            let ends: Vec<usize> = sequence
                .iter()
                .skip(1)
                .map(|e| e.line)
                .chain([end])
                .collect();
            sequence
                .into_iter()
                .zip(ends)
                .map(|(opening, end)| {
                    let Opening {
                        line: k,
                        service,
                        header_end,
                        prose,
                    } = opening;
                    let long_enough = letter.lines[end - 1].span.end()
                        - letter.lines[k].span.offset
                        >= SHORTEST_ITEM;
                    let (decision, decision_line) =
                        later_decision(letter, k, end).filter(|_| long_enough)?;
                    Some((
                        k,
                        ItemStart {
                            decision: Some(Ok(decision)),
                            decision_line,
                            inline_rationale: Some(prose),
                            ..ItemStart::heading(service, header_end)
                        },
                    ))
                })
                .collect::<Option<Vec<_>>>()
        })
        .next_back()
        .unwrap_or_default()
}

/// Items listed in one sentence ("... the following disputed items: (1) Norco 10/325 mg #120; (2)
/// cyclobenzaprine 7.5 mg #90; ... and (5) purchase of a TENS unit. Each is discussed below in that
/// order.") and discussed after it in that order, each discussion closing with a sentence that
/// states its decision ("... and the denial is Overturned."). As many such sentences as entries, each
/// ending its line, or none is read.
fn enumerated_list_starts(letter: &Letter<'_>, from: usize, to: usize) -> Vec<(usize, ItemStart)> {
    static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"\((?P<number>\d{1,2})\)\s*(?P<service>[^;()]{3,150}?)\s*(?:;|,?\s+and\s+\(|\.(?:\s|$)|$)")
            .unwrap()
    });
    let Some(list_line) = (from..to).find(|&k| letter.lines[k].text.contains("(1)")) else {
        return Vec::new();
    };
    // The list's sentence may wrap over a few lines.
    let list_end = (list_line..(list_line + 6).min(to))
        .find(|&k| {
            let text = letter.lines[k].text.trim_end();
            text.ends_with('.') && !text.ends_with("(1).")
        })
        .unwrap_or(list_line);
    let list = letter.logical(list_line, list_end + 1);
    let mut entries: Vec<Spanned<String>> = Vec::new();
    let mut at = 0;
    while let Some(c) = ENTRY.captures_at(list.as_str(), at) {
        let (Some(number), Some(service)) = (c.name("number"), c.name("service")) else {
            break;
        };
        if number.as_str().parse::<usize>().ok() != Some(entries.len() + 1) {
            break;
        }
        let name = service.as_str().trim().trim_start_matches("and ").trim();
        entries.push(Spanned::new(
            name.to_string(),
            list.original_span(service.end() - name.len()..service.end()),
        ));
        at = service.end();
    }
    if entries.len() < 2 {
        return Vec::new();
    }
    // Each discussion ends on the line of its decision sentence; the next starts on the line after.
    let mut starts = Vec::with_capacity(entries.len());
    let mut k = list_end + 1;
    for service in entries {
        let Some((end, decision)) = (k..to).find_map(|j| {
            if !letter.lines[j].text.trim_end().ends_with('.') {
                return None;
            }
            let logical = letter.logical(k, j + 1);
            let last = logical.sentences().last()?.clone();
            administrator_decision(&logical, last).map(|decision| (j, decision))
        }) else {
            return Vec::new();
        };
        starts.push((
            k,
            ItemStart {
                decision: Some(Ok(decision)),
                inline_rationale: Some(letter.lines[k].span.offset),
                ..ItemStart::heading(service, k)
            },
        ));
        k = end + 1;
    }
    starts
}

/// Items decided in the table up front and discussed below it in unheaded paragraphs, one a row, in
/// the table's order, each opening with a sentence that names its row's service: "The first
/// medication under review is naproxen sodium 550 mg #60. ...", "Turning to the chiropractic
/// request, ...". Every row finds its paragraph, or none is read.
fn tabled_paragraph_starts(letter: &Letter<'_>, from: usize, to: usize) -> Vec<(usize, ItemStart)> {
    let rows = disputed_issue::table_rows(letter, 0, from);
    if rows.len() < 2 {
        return Vec::new();
    }
    let mut starts = Vec::with_capacity(rows.len());
    let mut k = from;
    for row in &rows {
        let Some(at) = (k..to).find(|&j| {
            let line = &letter.lines[j];
            (j == from || line.paragraph_break)
                && letter.block(j).is_none()
                && line.text.starts_with(char::is_uppercase)
                && {
                    let opening = letter.logical(j, (j + 3).min(to));
                    let first = opening.sentences().first().cloned().unwrap_or(0..0);
                    disputed_issue::row_named_in(row, &opening.as_str()[first])
                }
        }) else {
            return Vec::new();
        };
        starts.push((
            at,
            ItemStart {
                // The table decides; the paragraph's closing sentence is the reviewer's conclusion.
                decision: Some(Ok(row.decision.clone())),
                inline_rationale: Some(letter.lines[at].span.offset),
                ..ItemStart::heading(row.service.clone(), at)
            },
        ));
        k = at + 1;
    }
    starts
}

/// Items of a letter with no headings at all, each a paragraph whose opening sentence names its
/// service in a statement of the request or of its decision: "The request for an MRI of the cervical
/// spine is denied because ...", "HYDROCODONE/APAP 5/325 MG #60 is overturned; it is medically
/// necessary.", "The Official Disability Guidelines ... were applied to the request for LEFT TOTAL
/// KNEE ARTHROPLASTY. The request is upheld ...". Each paragraph's prose decides it, and two such
/// paragraphs at the least make the list, or none is read.
fn decided_paragraph_starts(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Vec<(usize, ItemStart)> {
    static DECIDED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:the\s+request\s+for\s+|an?\s+|the\s+)?(?:an?\s+|the\s+)?(?P<service>[^.;:]{3,150}?),?\s+(?:is|are|was|were)\s+(?:hereby\s+)?(?P<word>upheld|overturned|non-?certified|certified)\b")
            .unwrap()
    });
    // "The request for an MRI ... is denied because", "The request forEMG/NCV ... is reviewed under",
    // "Tramadol ER 150 mg #30 is addressed by the MTUS ...".
    static REQUEST_OPENING: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:the\s+requests?\s+for\s*(?:an?\s+|the\s+)?(?P<requested>)|(?:an?\s+|the\s+)?)(?P<service>[^.;:]{3,150}?),?\s+(?:(?:is|was|are|were)\s+(?:addressed|reviewed|evaluated|considered|assessed|governed|analy[sz]ed)\s+(?:by|under|in|against|with)\b|(?P<verb>is|was|are|were|has|have|cannot|can|does|did)\b)")
            .unwrap()
    });
    static APPLIED_TO: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)\b(?:to|for|on)\s+the\s+request\s+for\s+(?:an?\s+|the\s+)?(?P<service>[^.;:]{3,150}?)\s*\.$")
            .unwrap()
    });
    let mut starts: Vec<(usize, ItemStart, Option<Spanned<Decision>>)> = Vec::new();
    for k in from..to {
        let line = &letter.lines[k];
        let opens = k == from
            || line.paragraph_break
            || letter.lines[k - 1].text.trim_end().ends_with(['.', ':']);
        if !opens || !line.text.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let last = (k + 4).min(to);
        let opening = letter.logical(k, last);
        let sentences = opening.sentences();
        let Some(first) = sentences.first().cloned() else {
            continue;
        };
        let first_text = &opening.as_str()[first.clone()];
        // The decision a sentence states in the opening's words, with the service it names.
        let decided = |range: std::ops::Range<usize>| {
            let c = DECIDED.captures(&opening.as_str()[range.clone()])?;
            let word = c.name("word")?;
            let decision = label_decision_of(word.as_str())?;
            let at = range.start + word.start()..range.start + word.end();
            Some((
                c.name("service")?.range(),
                Spanned::new(decision, opening.original_span(at)),
            ))
        };
        // "... applied to the request for X. The request is upheld because ...".
        let next_decides = || {
            let (named, decision) = decided(sentences.get(1)?.clone())?;
            let named = &opening.as_str()[sentences[1].start..][named];
            named.eq_ignore_ascii_case("request").then_some(decision)
        };
        let (service, decision) = if let Some((service, decision)) = decided(first.clone()) {
            (service, Some(decision))
        } else if let Some(c) = REQUEST_OPENING
            .captures(first_text)
            // Any verb after "The request for X"; a service named alone, only where it is reviewed.
            .filter(|c| c.name("verb").is_none() || c.name("requested").is_some())
        {
            (c.name("service").unwrap().range(), None)
        } else if let Some(c) = APPLIED_TO.captures(first_text) {
            (c.name("service").unwrap().range(), next_decides())
        } else {
            continue;
        };
        let name = first_text[service.clone()].trim();
        let words = name.split_whitespace().count();
        // A name, not a sentence: "The request is upheld" or "The utilization review decision is
        // upheld" names no service.
        let names_no_service = ["request", "decision", "determination", "denial", "review"]
            .iter()
            .any(|w| {
                name.split_whitespace().any(|n| {
                    n.trim_matches(|c: char| !c.is_alphanumeric())
                        .eq_ignore_ascii_case(w)
                })
            });
        if !(1..=15).contains(&words) || names_no_service {
            continue;
        }
        let at = first.start + service.start..first.start + service.end;
        let span = opening.original_span(at);
        let header_end = line_ending(letter, k, last, span);
        starts.push((
            k,
            ItemStart {
                inline_rationale: Some(line.span.offset),
                ..ItemStart::heading(Spanned::new(name.to_string(), span), header_end)
            },
            decision,
        ));
    }
    // A numbered list after the paragraphs is the letter's own account of its items (a list of
    // decisions), which the final list's layout reads.
    if starts.len() < 2
        || (starts[0].0..letter.lines.len()).any(|k| list_number(letter.lines[k].text).is_some())
    {
        return Vec::new();
    }
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|(k, ..)| *k)
        .chain([to])
        .collect();
    let mut out = Vec::with_capacity(starts.len());
    for ((k, mut start, decision), end) in starts.into_iter().zip(ends) {
        let Some(decision) = decision.or_else(|| later_decision(letter, k, end).map(|(d, _)| d))
        else {
            return Vec::new();
        };
        start.decision = Some(Ok(decision));
        out.push((k, start));
    }
    out
}

/// Parses items written as "SERVICE:  Upheld" lines followed by citation and rationale blocks, within
/// lines `from..to`.
pub(super) fn service_line_items(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let to = to.min(letter.lines.len());
    let mut starts: Vec<(usize, &ItemStart)> = Vec::new();
    // Read only when a numbered line starts an item: most letters have no closing list to look for.
    let run_on = OnceCell::new();
    let in_run_on_list = |i: usize| {
        let text = letter.lines[i].text;
        (list_number(text).is_some() || NUMBER_WITHIN_LINE.is_match(text))
            && run_on
                .get_or_init(|| disputed_issue::run_on_list_lines(letter, from, to))
                .binary_search(&i)
                .is_ok()
    };
    let mut i = from;
    while i < to {
        match letter.item_start(i) {
            Some(_) if in_run_on_list(i) => i += 1,
            // The lines of an item's header start nothing themselves ("Item: X" / "Y" / "Decision: Upheld").
            Some(start) => {
                let next = start.header_end.max(i) + 1;
                starts.push((i, start));
                i = next;
            }
            None => i += 1,
        }
    }
    let (run_in, table_line) = if starts.is_empty() {
        run_in_starts(letter, from, to)
    } else {
        (Vec::new(), to)
    };
    starts.extend(run_in.iter().map(|(i, start)| (*i, start)));
    // The last item's paragraphs end where the table deciding them starts.
    let to = to.min(table_line);
    // Nothing of the dropped list belongs to the first section's service.
    let (from, listed) = drop_list_restated_by_sections(&mut starts).unwrap_or((from, Vec::new()));
    let listed_decision = |n: usize| match listed.get(n).and_then(|entry| entry.decision.as_ref()) {
        Some(Ok(decision)) => Some(decision.clone()),
        _ => None,
    };
    let mut to = starts
        .last()
        .and_then(|(_, last)| closing_line(letter, last.header_end + 1, to))
        .unwrap_or(to);
    // A summary of every decision after the last item's own ("SUMMARY" / "In summary, the reviewer
    // overturns ... and upholds ...") is none of that item's.
    if let Some((_, last)) = starts.last() {
        let from = last.header_end + 1;
        if let Some(k) = (from..to).find(|&k| summary_heading_line(letter.lines[k].text)) {
            if later_decision(letter, from, k).is_some() {
                to = k;
            }
        }
    }
    // The determination table up front, read only for an item that states no decision itself; the
    // table at the end ("SUMMARY OF DETERMINATIONS"), only for one whose section states none either.
    let table = OnceCell::new();
    let closing_table = OnceCell::new();
    // A closing list of decisions, one entry a line ("A. Medial branch blocks: OVERTURNED" / "B.
    // Radiofrequency ablation: UPHELD"), after items that state none: it decides them, and its
    // entries, which read as items "SERVICE: Upheld", are none.
    // After items that state their decisions, such a list only restates them, entry by entry in the
    // items' order ("(A) OxyContin 30 mg #60: Overturned" under "FINAL DECISIONS").
    let undecided = starts
        .iter()
        .position(|(_, s)| s.decision.is_none() && s.shared.is_empty());
    // Two items and their two entries at the least.
    let restating = undecided.is_none() && starts.len() >= 4;
    if let Some(undecided) = undecided.or(restating.then_some(0)) {
        let after = starts[undecided].1.header_end + 1;
        // The list may stand after the notice that closes the last item ("Summary of
        // determinations" below the last rationale's appeal rights). One with more entries than
        // the items read above it shows the items misread: another layout may read them.
        let closing = disputed_issue::closing_list(letter, after, letter.lines.len()).filter(
            |(first, rows)| {
                let above: Vec<&str> = starts
                    .iter()
                    .filter(|&&(i, _)| i < *first)
                    .map(|(_, s)| s.service.value.as_str())
                    .collect();
                above.len() >= rows.len()
                    && (!restating
                        || rows
                            .iter()
                            .zip(&above)
                            .all(|(row, service)| same_first_word(&row.service.value, service)))
            },
        );
        if let Some((first, rows)) = closing {
            starts.retain(|&(i, _)| i < first);
            to = to.min(first);
            let _ = closing_table.set(rows);
        }
    }
    // The last entry of a list of the requests, above a heading that opens a block ("E. Hydrocodone
    // 5/325 mg #30" / "REVIEWER ANALYSIS" / "RATIONALE, ITEM A: ..."), states no decision and names
    // the service of a section below: that section is the item. (An item named by its number alone,
    // "Issue 1: Upheld", is kept: it takes its service from the list of requests.)
    let phantom = |n: usize| {
        let (line, start) = &starts[n];
        let service = start.service.value.trim();
        start.decision.is_none()
            && start.shared.is_empty()
            && number_only_item(letter.lines[*line].text).is_none()
            && starts[n + 1..]
                .iter()
                .any(|(_, later)| later.service.value.trim().eq_ignore_ascii_case(service))
    };
    let phantoms: Vec<usize> = (0..starts.len()).filter(|&n| phantom(n)).collect();
    for n in phantoms.into_iter().rev() {
        starts.remove(n);
    }
    let mut items = Vec::new();
    let closing_list = OnceCell::new();
    for (n, (line_index, start)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(to, |s| s.0);
        let lower = if n == 0 {
            from
        } else {
            starts[n - 1].1.header_end + 1
        };
        let (first_line, mut service) = if start.labelled {
            (*line_index, start.service.clone())
        } else {
            wrapped_service(letter, *line_index, lower, &start.service)
        };
        // "Issue 1: Upheld": an item named by its number alone takes its service from the list of
        // disputed items above ("Issue 1.  OxyContin 30 mg #60").
        if let Some(listed) = number_only_item(letter.lines[*line_index].text).and_then(|number| {
            listed_service(letter, number, starts[0].0).or_else(|| {
                let rows = table.get_or_init(|| disputed_issue::table_rows(letter, 0, starts[0].0));
                disputed_issue::numbered_service(rows, number)
            })
        }) {
            service = listed;
        }
        let index = items.len() + 1;
        let mut decision_line = start.decision_line;
        let from_list = listed_decision(n);
        let decision = match &start.decision {
            Some(Ok(decision)) => Some(decision.clone()),
            // Each of the items sharing a heading has its own decision, read below.
            None if !start.shared.is_empty() => None,
            // The list of decisions its sections restate decides a section that states none.
            None if from_list.is_some() => from_list,
            None => {
                let rows = table.get_or_init(|| disputed_issue::table_rows(letter, 0, starts[0].0));
                let row = disputed_issue::table_row(rows, n, starts.len(), &service.value);
                // A heading naming the service shortly ("TENS UNIT") stands for the table's row.
                if let Some(fuller) = row.and_then(|row| row.fuller_service(&service.value)) {
                    service = fuller;
                }
                let decision = row.map(|row| row.decision.clone()).or_else(|| {
                    // A rationale run on from the header ends at the first block after it.
                    let prose_end = match start.inline_rationale {
                        Some(_) => (start.header_end + 1..end)
                            .find(|&k| letter.block(k).is_some())
                            .unwrap_or(end),
                        None => end,
                    };
                    let from = start.header_end + usize::from(start.inline_rationale.is_none());
                    // A rationale followed by the guidelines it relied upon closes with the decision
                    // ("... The request is medically necessary." / "Guidelines relied upon: ...").
                    let before_citations = || {
                        let cut = (from..prose_end).rev().find(|&k| {
                            letter
                                .block(k)
                                .is_some_and(|(kind, _)| kind != Block::Rationale)
                        })?;
                        let rationale_before = (from..cut)
                            .any(|k| matches!(letter.block(k), Some((Block::Rationale, _))));
                        rationale_before
                            .then(|| prose_decision(letter, from, cut).map(|d| (d, None)))
                            .flatten()
                    };
                    let (decision, line) =
                        later_decision(letter, from, prose_end).or_else(before_citations)?;
                    // A closing list of decisions after items that state none on a line of their own
                    // is the letter's decision; the rationale's closing sentence is the reviewer's
                    // conclusion, which may disagree with it. Where they agree, the decision stays
                    // the item's own.
                    if line.is_none() {
                        if let Some(listed) = closing_table
                            .get()
                            .and_then(|rows| {
                                disputed_issue::table_decision(
                                    rows,
                                    n,
                                    starts.len(),
                                    &service.value,
                                )
                            })
                            .filter(|listed| listed.value != decision.value)
                        {
                            return Some(listed);
                        }
                    }
                    decision_line = decision_line.or(line);
                    Some(decision)
                });
                // A closing list of decisions reflowed into one paragraph, after the last item's
                // heading, before a closing table: a reflowed list's lines read as rows whose one cell
                // runs several entries together ("wrist night splints - Overturned. 5. H-wave home
                // trial - Overturned. 6. Home health aide - Upheld.").
                let decision = decision.or_else(|| {
                    let rows = closing_list.get_or_init(|| {
                        let after = starts.last().map_or(to, |(_, s)| s.header_end + 1);
                        disputed_issue::run_on_rows(letter, after, letter.lines.len())
                    });
                    disputed_issue::table_decision(rows, n, starts.len(), &service.value)
                });
                let decision = decision.or_else(|| {
                    let rows = closing_table
                        .get_or_init(|| disputed_issue::table_rows(letter, to, letter.lines.len()));
                    disputed_issue::table_decision(rows, n, starts.len(), &service.value)
                });
                if decision.is_none() {
                    diagnostics.push(no_decision(
                        index,
                        service.span,
                        "no \"Decision:\" line follows this item",
                        "the item's section and the letter's determination table give it no decision",
                    ));
                }
                decision
            }
            Some(Err(word)) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownDecision,
                        format!("item {index}'s decision \"{}\" is neither Upheld nor Overturned", word.value),
                    )
                    .with_label(word.span, "unknown decision word")
                    .with_help("IMR decisions are \"Upheld\" (the denial stands) or \"Overturned\" (the service is medically necessary)"),
                );
                None
            }
        };
        // An item whose header the next item's follows at once, with nothing of its own between
        // ("Item 2: Lidoderm 5% patch #30  Decision: Overturned" / "Item 3: Compounded cream ...
        // Decision: Upheld" / "Decision rationale for Items 2 and 3: ..."), shares the next item's
        // citations and rationale.
        // The shared section names both items: "for Items 2 and 3".
        let shared_section = |from: usize, to: usize| {
            let both = format!("items {} and {}", n + 1, n + 2);
            (from..to).any(|k| contains_ignore_ascii_case(letter.lines[k].text, &both))
        };
        let next_end = starts.get(n + 2).map_or(to, |s| s.0);
        let (blocks_from, blocks_end) = match starts.get(n + 1) {
            Some((next_line, next))
                if start.header_end + 1 >= end
                    && *next_line == end
                    && shared_section(next.header_end + 1, next_end) =>
            {
                (next.header_end + 1, next_end)
            }
            _ => (start.header_end + 1, end),
        };
        let mut blocks: Vec<(Block, usize, usize)> = Vec::new();
        for i in blocks_from..blocks_end {
            // "Findings:" opens imaging reports in case summaries, so it opens a rationale only right
            // after an item's header ("Requested treatment: ..." / "Findings: The claimant has ...")
            // or after the item's citations ("GUIDELINES: ... page 46." / "FINDINGS:" / "- Left S1
            // radiculopathy on exam").
            let after_citations = blocks.last().is_some_and(|b| b.0 != Block::Rationale);
            let block = letter.block(i).or_else(|| {
                (i == blocks_from || after_citations)
                    .then(|| findings_label(letter.lines[i].text))
                    .flatten()
                    .map(|len| (Block::Rationale, len))
            });
            if let Some((kind, heading_len)) = block {
                let previous = blocks.last().map(|b| b.0);
                match kind {
                    // "Non-MTUS Citation:" right after a citation block goes on with that block.
                    Block::Citations
                        if matches!(previous, Some(Block::Administrator | Block::Imro)) => {}
                    Block::Citations => blocks.push((Block::Imro, i, heading_len)),
                    _ => blocks.push((kind, i, heading_len)),
                }
            }
        }
        let block_end = |k: usize| {
            let next = blocks.get(k + 1).map_or(blocks_end, |b| b.1);
            // A decision stated after the rationale is not part of it.
            decision_line
                .filter(|&line| line > blocks[k].1 && line < next)
                .unwrap_or(next)
        };
        let mut administrator_citations = None;
        let mut imro_citations = None;
        let mut rationale = None;
        // Without a rationale heading, the rationale may follow the last citation block's
        // statements directly.
        let unheaded = !blocks.iter().any(|b| b.0 == Block::Rationale);
        for (k, &(kind, first, heading_len)) in blocks.iter().enumerate() {
            let last = block_end(k);
            match kind {
                Block::Administrator | Block::Imro | Block::Citations => {
                    let (logical, heading_len) =
                        letter.logical_after_heading(first, last, heading_len);
                    let mut statements_end = logical.as_str().len();
                    if unheaded && k + 1 == blocks.len() {
                        if let Some(prose) = prose_after_citations(&logical, heading_len) {
                            statements_end = prose;
                            let from = logical.original_offset(prose);
                            let to = letter.region(first, last).map_or(from, |r| r.end());
                            if to > from {
                                rationale =
                                    Some(trim_footer(letter.text, Span::from_range(from..to)));
                            }
                        }
                    }
                    let parsed = citation::parse_block(&logical, heading_len..statements_end);
                    if kind == Block::Administrator {
                        administrator_citations.get_or_insert(parsed);
                    } else {
                        imro_citations.get_or_insert(parsed);
                    }
                }
                Block::Rationale => {
                    let head = letter.lines[first].span;
                    let rest = Span::new(
                        head.offset + heading_len,
                        head.length.saturating_sub(heading_len),
                    );
                    let whole = letter.region(first, last).unwrap_or(head);
                    // A heading on a line of its own ("RATIONALE:"): the rationale starts on the
                    // next line with text.
                    let after = Span::from_range(rest.offset..whole.end().max(rest.offset));
                    let after_text = letter.text.get(after.range()).unwrap_or("");
                    let start = after.offset + (after_text.len() - after_text.trim_start().len());
                    // Rationale blocks in a row ("Reviewer Findings:", "Reviewer's Conclusion:") are
                    // one rationale.
                    let start = match rationale {
                        Some(before) if k > 0 && blocks[k - 1].0 == Block::Rationale => {
                            before.offset
                        }
                        _ => start,
                    };
                    if whole.end() > start {
                        rationale = Some(trim_footer(
                            letter.text,
                            Span::from_range(start..whole.end()),
                        ));
                    }
                }
            }
        }
        if let (None, Some(from)) = (rationale, start.inline_rationale) {
            // Up to the first block after the header, or the item's end.
            let last = blocks.first().map_or(end, |b| b.1);
            let to = letter
                .region(start.header_end, last)
                .map_or(from, |r| r.end());
            if to > from {
                rationale = Some(trim_footer(letter.text, Span::from_range(from..to)));
            }
        }
        if rationale.is_none() && blocks.is_empty() {
            // A section of prose alone under its heading ("ITEM 1. CARPAL TUNNEL RELEASE:
            // OVERTURNED" and the reviewer's paragraphs) is the rationale, up to a decision stated
            // after it.
            let last = decision_line
                .filter(|&line| line > start.header_end)
                .unwrap_or(end);
            if let Some(prose) = letter.region(start.header_end + 1, last) {
                rationale = Some(trim_footer(letter.text, prose));
            }
        }
        let span = letter.region(first_line, end).unwrap_or(service.span);
        if !start.shared.is_empty() {
            // Items sharing a heading share its blocks, each with its own service and decision:
            // stated by its number below the heading, or else in the determination table's row
            // with its number, which also names its service whole ("Items 1 and 2 - Left and right
            // knee corticosteroid injections" over rows "1  Left knee corticosteroid injection").
            let services = shared_services(&service, start.shared.len());
            let rows = table.get_or_init(|| disputed_issue::table_rows(letter, 0, starts[0].0));
            for (number, service) in start.shared.iter().zip(services) {
                let index = items.len() + 1;
                let row_decision = disputed_issue::numbered_decision(rows, *number);
                let service = match row_decision {
                    Some(_) => disputed_issue::numbered_service(rows, *number).unwrap_or(service),
                    None => service,
                };
                let decision = numbered_item_decision(letter, start.header_end + 1, end, *number)
                    .or(row_decision);
                if decision.is_none() {
                    diagnostics.push(no_decision(
                        index,
                        service.span,
                        "no decision names this item's number",
                        "items sharing a heading need a decision line naming each (\"Item 1 Upheld\")",
                    ));
                }
                let item = build_item(
                    index,
                    span,
                    service,
                    decision,
                    administrator_citations.clone(),
                    imro_citations.clone(),
                    rationale,
                );
                check_complete(letter, &item, n + 1 == starts.len(), diagnostics);
                items.push(item);
            }
            continue;
        }
        let item = build_item(
            index,
            span,
            service,
            decision,
            administrator_citations,
            imro_citations,
            rationale,
        );
        check_complete(letter, &item, n + 1 == starts.len(), diagnostics);
        items.push(item);
    }
    items
}

/// A label naming an item by its number (or letter), alone or with the item's decision word: "Issue 1:
/// Upheld", "ITEM #2 - OVERTURNED", "Item C".
static NUMBER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:issue|item|request|service|question)\s*(?:no\.?\s*|#\s*)?(?P<number>\d{1,2}|(?-i:[A-H]))\b\s*(?:[.:)]|\s[-\x{2013}\x{2014}])?\s*(?P<rest>.*?)\s*$").unwrap()
});

/// The service an item introduced in a sentence of its own names: "The first request is for a repeat
/// cervical epidural steroid injection at C5-6.", "The next request is for an MRI of the cervical
/// spine.".
fn prose_item_service(text: &str) -> Option<regex::Match<'_>> {
    static PROSE_ITEM: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^the\s+(?:first|next|second|third|fourth|fifth|sixth|last|final|remaining|other)\s+(?:disputed\s+)?(?:request|item|service|treatment|issue)\s+(?:is\s+for|concerns|is)\s+(?:(?:a|an|the)\s+)?(?P<service>\S.{2,140}?)\.$")
            .unwrap()
    });
    (text.len() > 20 && text.as_bytes()[..4].eq_ignore_ascii_case(b"the "))
        .then(|| PROSE_ITEM.captures(text))
        .flatten()
        .and_then(|c| c.name("service"))
}

/// An item introduced in a sentence of its own ([`prose_item_service`]) with its blocks right after
/// it; its decision is its rationale's closing sentence.
fn prose_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let line = &letter.lines[i];
    let service = prose_item_service(line.text)?;
    letter.block(i + 1)?;
    Some(ItemStart {
        service: Spanned::new(
            service.as_str().to_string(),
            Span::new(line.span.offset + service.start(), service.len()),
        ),
        decision: None,
        header_end: i,
        labelled: true,
        distinct: true,
        decision_line: None,
        inline_rationale: None,
        shared: Vec::new(),
    })
}

/// The number of the item line `text` names by its number alone (see [`NUMBER_LABEL`]).
fn number_only_item(text: &str) -> Option<usize> {
    let c = NUMBER_LABEL.captures(text)?;
    let rest = c.name("rest").map_or("", |m| m.as_str());
    let alone = rest.is_empty() || label_decision_of(rest.trim_end_matches('.')).is_some();
    alone.then(|| list_mark_number(&c["number"])).flatten()
}

/// The service the list of disputed items before line `to` gives item `number`: "Issue 1.  OxyContin
/// (oxycodone ER) 30 mg #60". None unless just one line lists that number.
fn listed_service(letter: &Letter<'_>, number: usize, to: usize) -> Option<Spanned<String>> {
    let mut found = letter.lines[..to.min(letter.lines.len())]
        .iter()
        .filter_map(|line| {
            let c = NUMBER_LABEL.captures(line.text)?;
            let rest = c.name("rest")?;
            (list_mark_number(&c["number"])? == number
                && !rest.as_str().is_empty()
                && label_decision_of(rest.as_str().trim_end_matches('.')).is_none())
            .then(|| {
                Spanned::new(
                    rest.as_str().to_string(),
                    Span::new(line.span.offset + rest.start(), rest.len()),
                )
            })
        });
    match (found.next(), found.next()) {
        (Some(service), None) => Some(service),
        _ => None,
    }
}

/// The diagnostic of item `index`, whose service is at `service`, stating no decision.
fn no_decision(index: usize, service: Span, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownDecision,
        format!("item {index} states no decision"),
    )
    .with_label(service, label)
    .with_help(help)
}

/// A sentence of an item's prose stating its decision: "The Claims Administrator's decision is
/// overturned.", "... is not medically necessary and the denial is upheld.", "The UR decision to modify
/// this request for weaning is upheld.", "the modification made by the Claims Administrator is upheld".
static STATED_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:decision|determination|denial|non-?certification|modification)(?:\s+(?:to|of|dated|on|(?:made|issued)\s+by)\s+[^.;:,]{1,60}?)?\s+(?:is|was|has\s+been|will\s+be)\s+(?:hereby\s+)?(?P<word>upheld|overturned|reversed|affirmed)\b")
        .unwrap()
});
/// An item's closing sentence: "The request for X is (not) medically necessary (and appropriate).",
/// "..., and this request is medically necessary.", also after a short opening phrase ("Based on these
/// criteria, the request is ...").
static CLOSING_NECESSITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?:^|;\s+|[,;]\s+(?:and|so)\s+|^(?:therefore|thus|accordingly|consequently|as\s+such|in\s+summary),?\s+|^[a-z][^,.;]{0,40},\s+)(?:the|this)\s+(?:request(?:ed)?|proposed)\b(?:[^.;]|\.\d){0,200}?\b(?:is|are)\s+(?P<verdict>(?P<not>not\s*)?medically\s*necessary)\b")
        .unwrap()
});

/// A closing sentence whose verdict is in other words than necessity, the request its subject and
/// nothing after the verdict: "The request is not supported.", "The requested splints are certified."
static CLOSING_SUPPORT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:the|this)\s+request(?:ed\s+[^.;]{0,80}?)?\s+(?:is|are)\s+(?P<verdict>(?P<not>not\s+)?(?:supported|certified|warranted|approved))\s*\.?\s*$")
        .unwrap()
});

/// The decision of an item whose header states none, from its lines `from..to`: a decision line
/// after its blocks ("IMR Determination: Overturn."), with that line; or else a sentence of its prose
/// saying the administrator's decision is upheld or overturned, or else its closing sentence saying the
/// request is (not) medically necessary.
fn later_decision(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Option<(Spanned<Decision>, Option<usize>)> {
    let to = to.min(letter.lines.len());
    let line_decision = (from..to).find_map(|k| {
        let line = &letter.lines[k];
        if !is_decision_label(line.text) {
            // A heading alone with its sentence below ("DETERMINATION" / "The request is medically
            // necessary. Overturned.").
            return is_decision_heading(line.text)
                .then(|| wrapped_label_decision(letter, k))
                .flatten()
                .map(|(decision, _)| (decision, Some(k)));
        }
        let c = DECISION_LABEL.captures(line.text)?;
        let word = decision_label_word(&c)?;
        let decision = label_word_decision(word.as_str())?;
        let span = Span::new(line.span.offset + word.start(), word.len());
        Some((Spanned::new(decision, span), Some(k)))
    });
    line_decision
        .or_else(|| sentence_label_decision(letter, from, to).map(|d| (d, None)))
        .or_else(|| prose_decision(letter, from, to).map(|d| (d, None)))
}

/// The decision a label states in mid-line, as a sentence of its own after the rationale's last:
/// "... show no sign of misuse. Determination: OVERTURNED. Tramadol ER is medically necessary." The
/// last such sentence of lines `from..to`.
fn sentence_label_decision(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Option<Spanned<Decision>> {
    // Most rationales hold no decision label at all: look for one (or a word broken at a line's end,
    // "Deci-" / "sion: Overturned") before reading sentences.
    let labelled = (from..to).any(|k| {
        let text = letter.lines[k].text;
        contains_ignore_ascii_case(text, "determination")
            || contains_ignore_ascii_case(text, "decision")
            || contains_ignore_ascii_case(text, "outcome")
            || contains_ignore_ascii_case(text, "finding")
            || text.trim_end().ends_with('-')
    });
    if !labelled {
        return None;
    }
    let logical = letter.logical(from, to);
    logical.sentences().iter().rev().find_map(|range| {
        let sentence = &logical.as_str()[range.clone()];
        let c = DECISION_LABEL.captures(sentence)?;
        let word = decision_label_word(&c)?;
        let decision = label_decision_of(word.as_str())?;
        let at = range.start + word.start()..range.start + word.end();
        Some(Spanned::new(decision, logical.original_span(at)))
    })
}

/// Whether the words before a verdict put it as a question, which decides nothing: "The issue is
/// whether it is medically necessary."
fn asks_whether(before_verdict: &str) -> bool {
    contains_ignore_ascii_case(before_verdict, "whether")
}

/// The decision `re` reads in `logical[range]`, spanning its `verdict` group.
pub(super) fn sentence_decision(
    logical: &LogicalText,
    range: std::ops::Range<usize>,
    re: &Regex,
) -> Option<Spanned<Decision>> {
    let sentence = &logical.as_str()[range.clone()];
    let c = re.captures(sentence)?;
    let verdict = c.name("verdict")?;
    if asks_whether(&sentence[..verdict.start()]) || sentence.trim_end().ends_with('?') {
        return None;
    }
    let at = range.start + verdict.start()..range.start + verdict.end();
    Some(Spanned::new(
        necessity_decision(&c),
        logical.original_span(at),
    ))
}

/// The decision an item states in its prose (lines `from..to`): a sentence saying the administrator's
/// decision is upheld or overturned, or else its closing sentence saying the request is (not)
/// medically necessary.
fn prose_decision(letter: &Letter<'_>, from: usize, to: usize) -> Option<Spanned<Decision>> {
    // The last item's prose runs to the letter's end, past its sign-off: "... is medically necessary
    // and appropriate." / "/jm".
    let mut to = to;
    while to > from && is_trailing_footer(letter.lines[to - 1].text.trim()) {
        to -= 1;
    }
    let logical = letter.logical(from, to);
    let sentences = logical.sentences();
    let stated = sentences
        .iter()
        .find_map(|range| administrator_decision(&logical, range.clone()));
    let found = || {
        sentences
            .iter()
            .find_map(|range| sentence_decision(&logical, range.clone(), &REVIEWER_FOUND))
    };
    let last = sentences.last()?.clone();
    stated
        .or_else(found)
        .or_else(|| bare_decision(&logical, last.clone()))
        .or_else(|| word_decision(&logical, last.clone(), &REQUEST_DECIDED))
        .or_else(|| word_decision(&logical, last.clone(), &REQUEST_PARTIAL))
        .or_else(|| sentence_decision(&logical, last.clone(), &CLOSING_NECESSITY))
        .or_else(|| sentence_decision(&logical, last.clone(), &CLOSING_SUPPORT))
        .or_else(|| sentence_decision(&logical, last.clone(), &CONCLUDED_NECESSITY))
        .or_else(|| sentence_decision(&logical, last, &SERVICE_NECESSITY))
}

/// A rationale's last sentence that is a decision's word alone: "... fall within the guideline total.
/// Certified.", "Non-certified.".
fn bare_decision(
    logical: &LogicalText,
    range: std::ops::Range<usize>,
) -> Option<Spanned<Decision>> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?P<word>certified|non-?\s?certified|not\s+certified|upheld|overturned)\s*\.?\s*$")
            .unwrap()
    });
    word_decision(logical, range, &BARE)
}

/// A closing sentence that certifies part of the request, which leaves the request as submitted not
/// medically necessary: "..., so the request is partially certified at #90.", "The request is
/// modified to #60."
static REQUEST_PARTIAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?:^|[,;]\s+(?:so\s+|and\s+|therefore\s+)?)(?:the|this)\s+request(?:\s+for\s+[^.;]{1,150}?)?\s+(?:is|was|has\s+been)\s+(?:hereby\s+|therefore\s+|accordingly\s+)?(?P<word>partially\s+certified|partially\s+approved|partially\s+overturned|certified\s+in\s+part|modified)\b[^.;]{0,60}\.?\s*$")
        .unwrap()
});

/// A closing sentence that says the request itself is upheld or overturned, as a reviewer writing
/// loosely does: "The retrospective request for meloxicam 15 mg #30 is upheld."
static REQUEST_DECIDED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:the|this)\s+(?:(?:retrospective|prospective|disputed|current)\s+)?request(?:\s+for\s+[^.;]{1,150}?|ed\s+[^.;]{1,100}?)?\s+(?:is|are|was|has\s+been)\s+(?:hereby\s+|therefore\s+)?(?P<word>upheld|overturned)\s*\.?\s*$")
        .unwrap()
});

/// The reviewer's finding in the form's own words, wherever it stands in the item: "The Expert
/// Reviewer found that the requested duloxetine 30 mg #30 is not medically necessary and appropriate."
static REVIEWER_FOUND: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:the\s+)?(?:(?:expert|physician|independent(?:\s+medical)?)\s+)?reviewer\s+(?:has\s+)?(?:found|determined|concluded)\s+that\s+[^.;]{0,200}?\b(?:is|are)\s+(?P<verdict>(?P<not>not\s*)?medically\s*necessary)\b")
        .unwrap()
});

/// A closing sentence whose subject is the service itself, and whose end is the verdict: "The
/// assistant surgeon is medically necessary and appropriate.", "Twenty-four sessions of postoperative
/// physical therapy are not medically necessary and appropriate."
static SERVICE_NECESSITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^[a-z0-9](?:[^.;:]|\.\d){0,120}?\b(?:is|are)\s+(?:therefore\s+|thus\s+|also\s+)?(?P<verdict>(?P<not>not\s*)?medically\s*necessary)(?:\s+and\s+appropriate)?\s*\.?\s*$")
        .unwrap()
});

/// A closing sentence concluding on the service in other words than "the request": "..., and purchase
/// of the unit is therefore not medically necessary."
static CONCLUDED_NECESSITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:is|are)\s+(?:therefore|thus|accordingly|consequently|hence)\s+(?P<verdict>(?P<not>not\s*)?medically\s*necessary)\b[^.;]*\.?\s*$")
        .unwrap()
});

/// The decision a sentence `logical[range]` says was made on the administrator's decision: "The Claims
/// Administrator's determination is overturned."
pub(super) fn administrator_decision(
    logical: &LogicalText,
    range: std::ops::Range<usize>,
) -> Option<Spanned<Decision>> {
    word_decision(logical, range, &STATED_DECISION)
}

/// The decision `re` reads in `logical[range]` from a decision line's word in its `word` group
/// ("upheld", "Non-certified"), spanning that word.
fn word_decision(
    logical: &LogicalText,
    range: std::ops::Range<usize>,
    re: &Regex,
) -> Option<Spanned<Decision>> {
    let c = re.captures(&logical.as_str()[range.clone()])?;
    let word = c.name("word")?;
    let at = range.start + word.start()..range.start + word.end();
    Some(Spanned::new(
        label_decision_of(word.as_str())?,
        logical.original_span(at),
    ))
}

/// The length of the words before the service in a sentence read as one: the answer that opens a
/// decision sentence, with the article after it ("No. The soft cervical collar", "Yes. The 30-day
/// trial ...", never "No. 2 pencil"), or the denial it is the subject of ("The UR agent denied the
/// request for left endoscopic plantar fasciotomy").
fn lead_in_len(service: &str) -> Option<usize> {
    static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:(?:yes|no)\s*[.,:;]\s+(?:the\s+)?[a-z]|(?:the\s+)?(?:ur\s+agent|ur\s+reviewer|utilization\s+review(?:er)?|claims\s+administrator|carrier|insurer|ur)\s+(?:denied|non-?certified|modified|did\s+not\s+certify)\s+(?:the\s+)?(?:request(?:ed)?\s+for\s+|requested\s+)(?:an?\s+|the\s+)?[a-z0-9])").unwrap()
    });
    // The service starts at the letter the pattern ends on (which case folding may match beyond ASCII).
    LEAD_IN.find(service).map(|m| {
        let last = service[..m.end()]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        m.end() - last
    })
}

pub(super) fn build_item(
    index: usize,
    span: Span,
    service: Spanned<String>,
    decision: Option<Spanned<Decision>>,
    administrator_citations: Option<CitationBlock>,
    imro_citations: Option<CitationBlock>,
    rationale: Option<Span>,
) -> Item {
    // "The Expert Reviewer found the guideline used by the Claims Administrator relevant and
    // appropriate": the reviewer cites what the claims administrator cited.
    let imro_citations = match (imro_citations, &administrator_citations) {
        (Some(mut imro), Some(administrator)) if ADOPTS_ADMINISTRATOR.is_match(&imro.text) => {
            imro.citations = administrator.citations.clone();
            imro.not_based_on_mtus = administrator.not_based_on_mtus;
            Some(imro)
        }
        (imro, _) => imro,
    };
    // Blanks as extraction leaves them (tabs, no-break spaces, runs of spaces) are one space to every
    // reader of the service; its parts still point at the letter's own bytes.
    let base = service.span;
    let contiguous = base.length == service.value.len();
    let (value, offsets) = single_spaced(&service.value);
    // A list's number or bullet before the service is not part of it: "1) MRI ...", "II. RFA ...",
    // "- Lidocaine 5% patch", "6.Hot/cold packs" (glued to it). Nor is the decision a wrapped
    // heading leaves after it: "... (date of service 12/04/2018) - OVERTURNED".
    let marker = LIST_MARKER
        .find(&value)
        .map(|m| m.end())
        .or_else(|| list_number(&value).map(|m| m.end()))
        .unwrap_or(0);
    let marker = marker + lead_in_len(&value[marker..]).unwrap_or(0);
    // Nor is the issue a sentence after it states: "... plantar fasciotomy. The issue is whether it is".
    static ISSUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)[.;]\s+(?:the\s+)?(?:disputed\s+)?(?:issue|question)\s+(?:here\s+)?(?:is|was)\s+whether\b.*$").unwrap()
    });
    let end = TRAILING_DECISION
        .find(&value)
        .or_else(|| ISSUE_AFTER.find(&value))
        .map_or(value.len(), |m| m.start())
        .max(marker);
    let (value, offsets) = (
        value[marker..end].to_string(),
        offsets[marker..=end].to_vec(),
    );
    let request = request::parse(&value, |range| {
        if contiguous {
            let (start, end) = (offsets[range.start], offsets[range.end]);
            Span::new(base.offset + start, end - start)
        } else {
            base
        }
    });
    let service = Spanned::new(value, service.span);
    Item {
        index,
        span,
        service,
        decision,
        request,
        administrator_citations,
        imro_citations,
        rationale,
    }
}

/// `text` with each run of whitespace made one space and each character in its plain form
/// ([`crate::text::plain_form`]), and per byte of the result (and its end) the offset in `text` it
/// comes from.
fn single_spaced(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    let mut blank = false;
    for (i, c) in text.char_indices() {
        if let Some(plain) = crate::text::plain_form(c) {
            out.push_str(plain);
            offsets.extend(std::iter::repeat_n(i, plain.len()));
            blank &= plain.is_empty();
        } else if c.is_whitespace() {
            if !blank {
                out.push(' ');
                offsets.push(i);
            }
            blank = true;
        } else {
            out.push(c);
            offsets.extend(std::iter::repeat_n(i, c.len_utf8()));
            blank = false;
        }
    }
    offsets.push(text.len());
    (out, offsets)
}

/// Flags an item without rationale, and a last item whose rationale stops in mid-sentence.
pub(super) fn check_complete(
    letter: &Letter<'_>,
    item: &Item,
    last: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match item.rationale {
        None if last => diagnostics.push(
            Diagnostic::new(
                Code::TruncatedItem,
                format!(
                    "the letter ends inside item {} before its decision rationale",
                    item.index
                ),
            )
            .with_label(item.service.span, "this item has no rationale")
            .with_help(
                "the letter looks cut off; items before this one are complete and still checked",
            ),
        ),
        None => diagnostics.push(
            Diagnostic::new(
                Code::MissingRationale,
                format!("item {} has no decision rationale", item.index),
            )
            .with_label(
                item.service.span,
                "no \"Decision rationale:\" follows this item",
            )
            .with_help("the reviewer's conclusion cannot be checked; the rules still read the service line and the case summary"),
        ),
        Some(span) if last => {
            let text = without_footer(letter.text[span.range()].trim_end());
            let ends_well = text.ends_with(['.', '!', '?', '"', ')', '\u{201d}', ']']);
            if !ends_well {
                let tail = text
                    .char_indices()
                    .rev()
                    .take(40)
                    .last()
                    .map_or(0, |(i, _)| i);
                // The label starts on a word: a blank here may be the second half of a no-break
                // space the letter's text holds as two blanks, inside one character of the input.
                let tail = tail + (text[tail..].len() - text[tail..].trim_start().len());
                diagnostics.push(
                    Diagnostic::new(
                        Code::TruncatedItem,
                        format!(
                            "the letter ends inside item {}'s rationale, in mid-sentence",
                            item.index
                        ),
                    )
                    .with_label(
                        Span::new(span.offset + tail, text.len() - tail),
                        "the text stops here",
                    )
                    .with_help(
                        "the letter looks cut off; the rationale is checked as far as it goes",
                    ),
                );
            }
        }
        Some(_) => {}
    }
}

/// A letter's last rationale runs to the end of the letter, so it may carry a footer or a sign-off
/// after its last sentence ("Page 3 of 4", the typist's initials "/pm", "cc: Claims Administrator"):
/// the text before such trailing lines.
fn without_footer(text: &str) -> &str {
    let mut text = text;
    while let Some((before, last)) = text.rsplit_once('\n') {
        if !is_trailing_footer(last.trim()) {
            break;
        }
        text = before.trim_end();
    }
    text
}

/// Whether `line` is a footer or a sign-off that may trail a letter's last rationale ([`FOOTER_LINE`],
/// page furniture).
fn is_trailing_footer(line: &str) -> bool {
    FOOTER_LINE.is_match(line) || crate::text::is_page_furniture(line)
}

/// `span` without the footer lines that end it.
/// Sentences of the reviewer's own rather than citations: they have a verb ("ACOEM finds no good
/// evidence that fusion alone is effective"), where a citation lists a guideline, a topic and pages.
/// A statement that a guideline does not address the request is the citation block's own.
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:is|are|was|were|has|have|had|do|does|did|should|may|can|cannot|will|would|must|finds|found|recommends|supports|requires|needs|allows|states|notes|lists|limits|describes|shows|showed|indicates|reports|remains|lacks|appears)\b")
        .unwrap()
});
static NOT_ADDRESSED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:not\s+(?:specifically\s+)?address|silent\b|not\s+base)")
        .unwrap()
});

/// Where the rationale starts inside a last citation block when no heading introduces it: the first
/// sentence after the block's first that reads as prose (a logical offset into `logical`).
fn prose_after_citations(logical: &LogicalText, heading_len: usize) -> Option<usize> {
    let text = logical.as_str();
    logical
        .sentences()
        .into_iter()
        .filter(|s| s.end > heading_len)
        .skip(1)
        .find(|s| {
            let sentence = &text[s.clone()];
            PROSE.is_match(sentence) && !NOT_ADDRESSED.is_match(sentence)
        })
        .map(|s| s.start)
}

fn trim_footer(text: &str, span: Span) -> Span {
    let Some(slice) = text.get(span.range()) else {
        return span;
    };
    Span::new(span.offset, without_footer(slice.trim_end()).len())
}

/// Whether two names of a service open with the same word ("Lidocaine 5% patch #30", "lidocaine 5%
/// patch"): a list restating the items names them as their sections do, or more briefly.
fn same_first_word(a: &str, b: &str) -> bool {
    let opening = words_of(a).next();
    opening.is_some() && opening == words_of(b).next()
}

/// Drops a list of the items with their decisions, line after line, that the items' own sections
/// after it restate one by one in its order ("1. Acupuncture 2 x 6:  Upheld" ... then "ACUPUNCTURE 2 X
/// 6:  Upheld" / "Claims Administrator guideline: ..."): the sections are the items. Returns the line
/// after the list and the list's entries, in order, whose decisions stand for sections that state none.
fn drop_list_restated_by_sections<'s>(
    starts: &mut Vec<(usize, &'s ItemStart)>,
) -> Option<(usize, Vec<&'s ItemStart>)> {
    let run = 1 + starts
        .windows(2)
        .take_while(|pair| pair[1].0 == pair[0].1.header_end + 1)
        .count();
    // The first section may follow the list at once, as one more line of the run.
    let listed = (2..=run).rev().find(|&listed| {
        starts.len() >= 2 * listed
            && starts[..listed]
                .iter()
                .zip(&starts[listed..2 * listed])
                .all(|((_, entry), (_, section))| {
                    restates(&entry.service.value, &section.service.value)
                })
    });
    let listed = listed?;
    let after = starts[listed - 1].1.header_end + 1;
    let entries = starts.drain(..listed).map(|(_, entry)| entry).collect();
    Some((after, entries))
}

/// The words of `s`, lower-cased, whatever their punctuation.
fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether a list entry and a section name one service: the same words (one word will do: "Norco"),
/// or one the other cut short after two words or more ("TENS unit, 30-day home rental trial, right
/// upper extremity" in the list, "TENS unit, 30-day home rental trial" over its section).
fn restates(entry: &str, section: &str) -> bool {
    let (entry, section): (Vec<String>, Vec<String>) =
        (words_of(entry).collect(), words_of(section).collect());
    let (short, long) = if entry.len() <= section.len() {
        (&entry, &section)
    } else {
        (&section, &entry)
    };
    short == long || (short.len() >= 2 && long.starts_with(short))
}

/// The first line within `from..to` that opens the letter's closing ("YOUR RIGHTS", "Right to
/// Appeal", "Sincerely,", "[End of determination]"): later letters print it after the last item,
/// whose rationale ends there.
fn closing_line(letter: &Letter<'_>, from: usize, to: usize) -> Option<usize> {
    static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:your\s+(?:appeal\s+)?rights|(?:your\s+)?rights?\s+to\s+(?:an?\s+)?appeal|appeal\s+rights|how\s+to\s+appeal|sincerely|\[?\s*end\s+of\s+(?:the\s+)?(?:determination|decision|document|letter|report|review)\s*\]?)\s*[,:.]?$").unwrap()
    });
    // The notice of finality and appeal that follows the last item: "This determination is final
    // and binding ...", "Services found medically necessary must be authorized ...", "EFFECT OF THE
    // DECISION: THE CLAIMS ADMINISTRATOR IS REQUIRED TO IMPLEMENT THE OVERTURNED PORTION ...".
    static FINALITY: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:(?:this|the|these|final|the\s+final)\s+(?:imr\s+)?(?:final\s+)?(?:determination|decision)s?\s+(?:is|are)\s+(?:final|binding)|services?\s+found\s+(?:to\s+be\s+)?medically\s+necessary\s+must\s+be\s+authorized|(?:this|the)\s+(?:determination|decision)\s+may\s+be\s+appealed|a\s+party\s+(?:wishing|who\s+wishes)\s+to\s+(?:appeal|contest)|effect\s+of\s+(?:the|this)\s+(?:imr\s+)?(?:decision|determination)|the\s+claims\s+administrator\s+(?:is\s+required\s+to|must|shall)\s+(?:promptly\s+)?implement)\b").unwrap()
    });
    // The medical director's signature without a "Sincerely" above it: "[Redacted], MD, Medical
    // Director".
    static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:\[redacted\]|[a-z][a-z.' -]{1,40}),\s*(?:m\.?d\.?|d\.?o\.?)(?:\s*,\s*(?:mph|m\.?p\.?h\.?|ph\.?d\.?|faa[a-z]+|facp|mba))*\s*,?\s+(?:associate\s+|deputy\s+)?medical\s+director\b").unwrap()
    });
    (from..to.min(letter.lines.len())).find(|&k| {
        let line = &letter.lines[k];
        let text = line.text;
        let opens = letter.opens_paragraph(k);
        (text.len() <= 30 && CLOSING.is_match(text))
            || (opens && (FINALITY.is_match(text) || SIGNATURE.is_match(text)))
    })
}

pub(super) static FOOTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // The typist's reference: "/pm", "rb/pm", "JS:pm", "/dr: [Initials]".
    crate::pattern::regex(r"(?i)^(?:b?cc\b|c:|copy\b|copies\b|encl(?:osures?)?\b|attachments?\b|page\s+\d+(?:\s+of\s+\d+)?$|electronically\s+signed|signed\s+by\b|\[?end\b|[a-z]{0,4}\s*/\s*[a-z]{1,4}(?::\s*\[[a-z ]{1,20}\])?$|[a-z]{2,4}:[a-z]{2,4}$)").unwrap()
});

/// The determination a layout read: the letter's and the injury's dates labelled in its header (lines
/// before `header_end`), read with the case summary's.
pub(super) fn determination(
    letter: &Letter<'_>,
    layout: super::Layout,
    header_end: usize,
    reviewer: super::Reviewer,
    case_summary: Option<Span>,
    items: Vec<Item>,
) -> Determination {
    let letter_date = labelled_date(letter, 0, header_end, &LETTER_DATE_LABEL);
    let injury = labelled_date(letter, 0, header_end, &INJURY_DATE_LABEL);
    let (dates, summary_text) = dates(letter, case_summary, letter_date, injury);
    Determination {
        layout,
        spacing: letter.spacing,
        reviewer,
        dates,
        case_summary,
        summary_text,
        items,
    }
}

/// The case summary's dates, with the injury date taken from a header line where the layout prints one.
pub(super) fn dates(
    letter: &Letter<'_>,
    summary: Option<Span>,
    letter_date: Option<Spanned<Date>>,
    header_injury: Option<Spanned<Date>>,
) -> (super::LetterDates, Option<Passage>) {
    let summary = summary.map(|s| Passage::new(letter.text, s, letter.spacing));
    let mut dates = super::read_dates(summary.as_ref(), letter_date);
    if header_injury.is_some() {
        dates.injury = header_injury;
    }
    (dates, summary)
}

#[cfg(test)]
mod tests {
    use crate::letter::{Decision, Determination};
    use crate::source::Source;
    use crate::span::Span;

    #[test]
    fn a_heading_alone_on_its_line_is_read_with_its_words_glued() {
        use super::{block_kind, Block};
        for line in ["DECISION RATIONALE", "DECISIONRATIONALE", "CLINICALBASIS"] {
            assert!(
                matches!(block_kind(line, false), Some((Block::Rationale, _))),
                "{line}"
            );
        }
        assert!(matches!(
            block_kind("CLAIMSADMINISTRATOR GUIDELINE", false),
            Some((Block::Administrator, _))
        ));
        assert!(block_kind("DECISION UPHELD", false).is_none());
    }

    #[test]
    fn a_citation_label_naming_its_sources_opens_citations() {
        use super::{block_kind, Block};
        assert!(matches!(
            block_kind(
                "MTUS/ACOEM/Non-MTUS citation: MTUS Chronic Pain, page 24.",
                false
            ),
            Some((Block::Citations, _))
        ));
    }

    #[test]
    fn a_heading_in_capitals_names_its_service_after_its_label() {
        let (d, _) = read(
            "FINAL DETERMINATION: UPHOLD.\n\n\
             OXYCODONE HCL 30 MG, #180          UPHELD\n\
             ALPRAZOLAM 1 MG, #90               UPHELD\n\n\
             CLINICAL CASE SUMMARY\n\nTHE PATIENT HAS CHRONIC LOW BACK PAIN.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             ITEM 1. OXYCODONE HCL 30 MG, #180\n\n\
             DECISION RATIONALE: THE REQUEST IS NOT MEDICALLY NECESSARY.\n\n\
             ITEM 2. ALPRAZOLAM 1 MG, #90\n\n\
             DECISION RATIONALE: THE REQUEST IS NOT MEDICALLY NECESSARY.\n",
        );
        let (services, decisions) = services_and_decisions(&d);
        assert_eq!(
            services,
            ["OXYCODONE HCL 30 MG, #180", "ALPRAZOLAM 1 MG, #90"]
        );
        assert_eq!(decisions, [Decision::Upheld, Decision::Upheld]);
    }

    #[test]
    fn a_service_in_capitals_wrapped_after_its_parenthesis_is_read_whole() {
        let (d, _) = read(
            "CLINICAL CASE SUMMARY\n\nThe patient has neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             COMPOUNDED CREAM (FLURBIPROFEN 20%, LIDOCAINE 5%)\n\
             180 GRAMS: Upheld\n\
             Decision rationale: The request is not medically necessary.\n",
        );
        let (services, _) = services_and_decisions(&d);
        assert_eq!(
            services,
            ["COMPOUNDED CREAM (FLURBIPROFEN 20%, LIDOCAINE 5%) 180 GRAMS"]
        );
    }

    #[test]
    fn the_final_determination_is_checked_against_the_items() {
        let letter = |overall: &str, first: &str, second: &str| {
            format!(
                "Final Determination: {overall}. This means we decided ...\n\n\
                 CLINICAL CASE SUMMARY\n\nThe patient has low back pain.\n\n\
                 IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                 Norco 10/325mg #90:  {first}\n\n\
                 Decision rationale: The request is medically necessary.\n\n\
                 Lumbar MRI:  {second}\n\n\
                 Decision rationale: The request is not medically necessary.\n"
            )
        };
        let warned = |overall: &str, first: &str, second: &str| {
            read(&letter(overall, first, second))
                .1
                .contains(&"imr::overall-decision-mismatch".to_string())
        };
        assert!(!warned("UPHOLD", "Upheld", "Upheld"));
        assert!(warned("UPHOLD", "Overturned", "Upheld"));
        assert!(!warned("OVERTURN", "Overturned", "Upheld"));
        assert!(warned("OVERTURN", "Upheld", "Upheld"));
        assert!(!warned("PARTIAL OVERTURN", "Overturned", "Upheld"));
        assert!(warned("PARTIAL OVERTURN", "Overturned", "Overturned"));
        assert!(!warned("UPHOLD IN PART", "Upheld", "Overturned"));
    }

    #[test]
    fn citation_headings_that_say_what_the_party_was_deciding() {
        use super::{block_kind, Block};
        let administrator = "Medical Treatment Guideline(s) used by the Claims Administrator (CA) in making \
                             its utilization review decision: The Claims Administrator based its decision";
        let (kind, end) = block_kind(administrator, false).unwrap();
        assert!(kind == Block::Administrator);
        assert!(administrator[end..].starts_with(" The Claims"));
        let reviewer =
            "Medical Treatment Guideline(s) used by the Expert Reviewer in making the IMR decision:";
        assert!(block_kind(reviewer, false).is_some_and(|(kind, _)| kind == Block::Imro));
        // A sentence that only mentions a decision is no heading.
        assert!(block_kind(
            "The claims administrator denied it in making a decision: no.",
            false
        )
        .is_none());
    }

    fn read(text: &str) -> (Determination, Vec<String>) {
        let parsed = crate::letter::parse(&Source::from_text("letter", text));
        let codes = parsed
            .diagnostics
            .iter()
            .map(|d| d.code.name().to_string())
            .collect();
        (parsed.determination.expect("a letter"), codes)
    }

    /// The items' services and decisions, in letter order.
    fn services_and_decisions(d: &Determination) -> (Vec<&str>, Vec<Decision>) {
        d.items
            .iter()
            .map(|i| (i.service.value.as_str(), i.decision.as_ref().unwrap().value))
            .unzip()
    }

    /// Reads `text`, without a diagnostic, into items with these services and decisions.
    fn assert_items(text: &str, services: &[&str], decisions: &[Decision]) -> Determination {
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        let (read_services, read_decisions) = services_and_decisions(&d);
        assert_eq!(
            (read_services.as_slice(), read_decisions.as_slice()),
            (services, decisions)
        );
        d
    }

    #[test]
    fn numbered_items_decided_after_a_dash_in_the_utilization_reviews_words() {
        // A table up front whose guideline column wraps, then "RATIONALE FOR EACH DETERMINATION" over
        // "1. Meloxicam 15 mg #30 - Certified.".
        let text = "SUMMARY OF DETERMINATIONS\n\n\
             Disputed Item/Service        Guideline                          Determination\n\
             1. Meloxicam 15 mg #30       MTUS NSAIDs pp. 67-68; Osteoarthritis  Certified\n\
             \x20                            p. 22\n\
             2. Carisoprodol 350 mg #90   MTUS Carisoprodol p. 29            Non-certified\n\n\
             CLINICAL CASE SUMMARY\n\
             She has knee pain and takes carisoprodol.\n\n\
             RATIONALE FOR EACH DETERMINATION\n\n\
             1. Meloxicam 15 mg #30 - Certified.\n\
             MTUS page 22 recommends anti-inflammatories. The request is medically necessary.\n\n\
             2. Carisoprodol 350 mg #90 - Non-certified.\n\
             MTUS page 29 does not recommend carisoprodol. It is not medically necessary.\n";
        let d = assert_items(
            text,
            &["Meloxicam 15 mg #30", "Carisoprodol 350 mg #90"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items[1]
            .rationale
            .is_some_and(|r| text[r.range()].contains("page 29")));
    }

    #[test]
    fn the_last_item_s_closing_sentence_decides_it_above_the_typists_reference() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has shoulder pain and takes tramadol ER daily with relief.\n\n\
             1) Right subacromial corticosteroid injection\n\n\
             Guideline(s) used: ACOEM Practice Guidelines, Chapter 9, Shoulder Complaints, page 213.\n\n\
             Rationale: Both examiners found positive Neer and Hawkins signs. The injection is medically\n\
             necessary and appropriate.\n\n\
             2) Tramadol ER 150 mg #30\n\n\
             Guideline(s) used: Chronic Pain Medical Treatment Guidelines, Tramadol, pages 93-94.\n\n\
             Rationale: She reports a reduction of pain from 7/10 to 3/10 and works full duty. Continued\n\
             tramadol ER is medically necessary and appropriate.\n\n\
             /jm\n";
        assert_items(
            text,
            &[
                "Right subacromial corticosteroid injection",
                "Tramadol ER 150 mg #30",
            ],
            &[Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn a_rationale_s_sentence_left_open_above_its_decision_line_is_no_service() {
        // Wrapped at 60 columns, the rationale's last line ends on a comma right above the decision.
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain; two examinations disagree on her strength.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. MRI of the cervical spine without contrast\n\n\
             Guidelines: MTUS ACOEM Chapter 8, Neck and Upper Back\n\
             Complaints, pages 177-178.\n\n\
             Rationale: Criteria for ordering imaging include emergence\n\
             of a red flag and physiologic evidence of tissue insult.\n\
             The records here conflict on the decisive question, and\n\
             neither note explains the change. I cannot determine from\n\
             these records whether there is objective neurologic\n\
             dysfunction. Giving the patient the benefit of the July\n\
             findings,\n\n\
             Decision: Overturned. The MRI is medically necessary.\n\n\
             2. Tramadol ER 150 mg #30\n\n\
             Guidelines: MTUS Chronic Pain Medical Treatment\n\
             Guidelines, Opioids, pages 78-80.\n\n\
             Rationale: There is no change in pain with tramadol.\n\n\
             Decision: Upheld. Not medically necessary.\n";
        assert_items(
            text,
            &[
                "MRI of the cervical spine without contrast",
                "Tramadol ER 150 mg #30",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_decision_word_broken_at_the_line_end_still_decides_its_item() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Cervical medial branch blocks: Overturned\n\n\
             Claims Administrator guideline: MTUS ACOEM Chapter 8, page 174.\n\n\
             Decision rationale: The blocks are supported. The request is certified.\n\n\
             Trigger point injections x4, bilateral trapezius: Overtur-\n\
             ned\n\n\
             Claims Administrator guideline: MTUS Chronic Pain, page 122.\n\n\
             Decision rationale: Trigger points are documented. The request is certified.\n";
        assert_items(
            text,
            &[
                "Cervical medial branch blocks",
                "Trigger point injections x4, bilateral trapezius",
            ],
            &[Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn a_numbered_item_right_under_the_last_sentence_of_the_rationale_above_is_an_item() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             He has neck pain after a fall on 03/02/2016.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Radiofrequency ablation right C4-5 and C5-6 is medically necessary and appropriate.\n\n\
             Guidelines Used: ODG, Neck and Upper Back, Facet joint radiofrequency neurotomy.\n\n\
             Rationale: The blocks gave 75% relief at two levels. The patient has failed 18 PT\n\
             visits. The neurotomy is medically necessary.\n\
             2. CT scan of the cervical spine without contrast is not medically necessary and appropriate.\n\n\
             Guidelines Used: ACOEM Chapter 8, pages 177-179.\n\n\
             Rationale: Nothing new is found on examination. The CT scan is not medically necessary.\n";
        assert_items(
            text,
            &[
                "Radiofrequency ablation right C4-5 and C5-6",
                "CT scan of the cervical spine without contrast",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_short_heading_over_prose_closing_with_its_decision_line_is_an_item() {
        // The closing list after the items restates their decisions and is no item of its own; a
        // sentence wrapped after its first words is no heading.
        let text = "CLINICAL CASE SUMMARY\n\
             She has chronic low back pain and depression.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Psychological evaluation\n\
             The MTUS, pages 100-101, recommends psychological evaluation for chronic pain patients.\n\
             She has a PHQ-9 of 19 and has had no prior psychological assessment.\n\
             Decision: The request is medically necessary. Overturned.\n\n\
             Work hardening, 10 sessions\n\
             The MTUS limits work hardening to workers no more than two years past the injury, and\n\
             she was injured in 2016.\n\
             Decision: The request is not medically necessary. Upheld.\n\n\
             SUMMARY OF DECISIONS\n\
             1. Psychological evaluation: Overturned\n\
             2. Work hardening, 10 sessions: Upheld\n";
        assert_items(
            text,
            &["Psychological evaluation", "Work hardening, 10 sessions"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_label_numbering_the_item_alone_over_its_heading_in_capitals_starts_it() {
        // "QUESTION 1" alone, the service in capitals on the next line, its guideline right after,
        // the decision closing the section before the next label, in a sentence of the request's
        // own or with the necessity after it.
        let text = "CLINICAL CASE SUMMARY\n\
             He has neck and low back pain.\n\n\
             QUESTION 1\n\
             INTERFERENTIAL CURRENT STIMULATOR, 30-DAY TRIAL, CERVICAL SPINE\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, ICS, pages 118-120.\n\
             Rationale: Neck pain is controlled by medication without side effects.\n\
             Decision: The request is UPHELD.\n\n\
             QUESTION 2\n\
             FRONT-WHEELED WALKER\n\
             Guideline: ODG Knee & Leg, Walking aids.\n\
             Rationale: His gait is unsteady and he fell at home.\n\
             Decision: The request is OVERTURNED. The walker is medically necessary.\n";
        assert_items(
            text,
            &[
                "INTERFERENTIAL CURRENT STIMULATOR, 30-DAY TRIAL, CERVICAL SPINE",
                "FRONT-WHEELED WALKER",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn the_reviewers_finding_under_a_labelled_item_is_its_decision_not_an_item() {
        // "Item 1 of 2" / "Disputed item: ..." / its guidelines / "The Expert Reviewer found that the
        // requested ... is (not) medically necessary", wrapped or broken at a hyphen.
        let text = "CLINICAL CASE SUMMARY\n\
             He has wrist pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1 of 2\n\
             Disputed item: Oxycodone 10 mg #75\n\
             Guidelines: MTUS Chronic Pain, Weaning of medications, page 124.\n\n\
             The Expert Reviewer found that the requested oxycodone 10 mg #75 is medically nec-\n\
             essary and appropriate.\n\n\
             Rationale: A gradual taper is documented.\n\n\
             Item 2 of 2\n\
             Disputed item: Duloxetine 30 mg #30\n\
             Guidelines: MTUS Chronic Pain, Antidepressants, pages 13-16.\n\n\
             The Expert Reviewer found that the requested duloxetine 30 mg #30 is not medically\n\
             necessary and appropriate.\n\n\
             Rationale: No response to the drug is recorded. The request is non-certified.\n";
        assert_items(
            text,
            &["Oxycodone 10 mg #75", "Duloxetine 30 mg #30"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_lettered_decision_label_decides_its_item() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has shoulder pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             (A) MRI OF THE RIGHT SHOULDER\n\n\
             Guidelines: MTUS ACOEM Chapter 9, pages 207-209.\n\n\
             Rationale: A full-thickness tear is suspected.\n\n\
             DECISION (A): UPHELD. The MRI of the right shoulder is not medically necessary.\n\n\
             SUMMARY: (A) Upheld.\n\n\
             This determination is final and binding on all parties.\n";
        let (d, _) = read(text);
        let (services, decisions) = services_and_decisions(&d);
        assert_eq!(services, ["MRI OF THE RIGHT SHOULDER"]);
        assert_eq!(decisions, [Decision::Upheld]);
    }

    #[test]
    fn a_rationale_closing_with_the_decision_after_an_article_starts_no_item() {
        // "... No exceptional circumstance is" / "documented. The decision: Upheld." closes item 2's
        // rationale; its line reads as "SERVICE: WORD" alone.
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain.\n\n\
             RATIONALES\n\n\
             Item 1. Omeprazole 20mg #60\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 68-69.\n\
             She does not meet any of the listed risk factors. The\n\
             decision: Overturned.\n\n\
             Item 2. Soma 350mg #90\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, page 29.\n\
             The patient has been taking Soma since 06/2013. No exceptional circumstance is\n\
             documented. The decision: Upheld.\n";
        assert_items(
            text,
            &["Omeprazole 20mg #60", "Soma 350mg #90"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn unheaded_paragraphs_under_the_table_up_front_are_its_rows_in_order() {
        // The table decides; each paragraph opens by naming its row's service in its own words.
        let text = "DETERMINATION TABLE\n\
             |  #  | Treatment requested                 | Determination  |\n\
             |  1  | Naproxen sodium 550 mg #60          | Certified      |\n\
             |  2  | Chiropractic treatment, right knee  | Non-certified  |\n\n\
             CLINICAL CASE SUMMARY\n\
             She has knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The Final Determination was based on decisions for the disputed items listed above.\n\n\
             The first medication under review is naproxen sodium 550 mg #60. It helps her walk.\n\
             The request is certified.\n\n\
             Turning to the chiropractic request, twelve sessions for the right knee were asked\n\
             for. Manipulation is not recommended for the knee. The request is non-certified.\n";
        let d = assert_items(
            text,
            &[
                "Naproxen sodium 550 mg #60",
                "Chiropractic treatment, right knee",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        let rationale = d.items[1].rationale.expect("a rationale");
        assert!(text[rationale.range()].starts_with("Turning to the chiropractic request"));
    }

    #[test]
    fn service_lines_in_capitals_wrapped_before_a_quantity_or_a_label_word() {
        // "#30" names no service: the line above, closed by its parenthesis, is its start; and
        // "GUIDANCE:", a citation label's word, ends the service before its decision.
        let text = "CLINICAL CASE SUMMARY\n\
             She has back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             BILATERAL L4-L5 TRANSFORAMINAL EPIDURAL STEROID\n\
             INJECTION UNDER FLUOROSCOPIC\n\
             GUIDANCE:  Overturned\n\n\
             Claims Administrator guideline: Decision based on MTUS Epidural steroid injections.\n\n\
             Decision rationale: Radiculopathy is documented. The request is medically necessary.\n\n\
             LIDODERM (LIDOCAINE PATCH 5%)\n\
             #30:  Overturned\n\n\
             Claims Administrator guideline: Decision based on MTUS Lidoderm.\n\n\
             Decision rationale: A first-line trial failed. The patch is medically necessary.\n";
        assert_items(
            text,
            &[
                "BILATERAL L4-L5 TRANSFORAMINAL EPIDURAL STEROID INJECTION UNDER FLUOROSCOPIC GUIDANCE",
                "LIDODERM (LIDOCAINE PATCH 5%) #30",
            ],
            &[Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn a_decision_label_over_a_short_sentence_of_its_own() {
        // "Decision: The MRI is medically necessary. Overturned." under a numbered heading.
        let text = "CLINICAL CASE SUMMARY\n\
             She has knee pain.\n\n\
             RATIONALE FOR EACH DISPUTED ITEM\n\n\
             1. MRI right knee without contrast\n\
             Guidelines cited: MTUS ACOEM Chapter 13 Knee Complaints, pages 341-343.\n\
             She has mechanical locking and a positive McMurray test.\n\
             Decision: The MRI is medically necessary. Overturned.\n\n\
             2. Naproxen sodium 550 mg #60\n\
             Guideline cited: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs.\n\
             No benefit is recorded.\n\
             Decision: The naproxen is not medically necessary. Upheld.\n";
        assert_items(
            text,
            &[
                "MRI right knee without contrast",
                "Naproxen sodium 550 mg #60",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_decision_sentence_of_a_plural_service_decides_its_question() {
        // "Decision: The CBC and comprehensive metabolic panel are medically necessary."
        let text = "CLINICAL CASE SUMMARY\n\
             He has taken naproxen for fifteen months.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Is a quantitative urine drug test medically necessary?\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Drug testing, page 43.\n\
             Rationale: The screen was consistent and he is at low risk.\n\
             Decision: The quantitative urine drug test is not medically necessary.\n\n\
             2. Is a CBC and comprehensive metabolic panel medically necessary?\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, page 70.\n\
             Rationale: No laboratory monitoring has been done on the NSAID.\n\
             Decision: The CBC and comprehensive metabolic panel are medically necessary.\n";
        assert_items(
            text,
            &[
                "quantitative urine drug test",
                "CBC and comprehensive metabolic panel",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn numbered_issue_headings_one_under_another_share_the_section_below() {
        // Two items' headings in turn, one section for both, the decisions in the closing list.
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain radiating to the right thumb.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             DISPUTED ITEM AND ISSUE 1: MRI OF THE CERVICAL SPINE WITHOUT CONTRAST\n\
             DISPUTED ITEM AND ISSUE 2: EMG/NCV OF THE BILATERAL UPPER EXTREMITIES\n\
             Guideline(s) cited: MTUS ACOEM Chapter 8, Neck and Upper Back Complaints, pages 177-179.\n\
             Rationale for Items 1 and 2 (shared): Both studies are medically necessary.\n\n\
             DISPUTED ITEM AND ISSUE 3: CYCLOBENZAPRINE 7.5 MG #90\n\
             Guideline(s) cited: MTUS Chronic Pain Medical Treatment Guidelines, pages 41-42.\n\
             Rationale: Continued use is not supported.\n\n\
             SUMMARY OF DETERMINATIONS\n\
             1. MRI of the cervical spine without contrast -- Overturned (medically necessary)\n\
             2. EMG/NCV of the bilateral upper extremities -- Upheld (not medically necessary)\n\
             3. Cyclobenzaprine 7.5 mg #90 -- Upheld (not medically necessary)\n";
        assert_items(
            text,
            &[
                "MRI OF THE CERVICAL SPINE WITHOUT CONTRAST",
                "EMG/NCV OF THE BILATERAL UPPER EXTREMITIES",
                "CYCLOBENZAPRINE 7.5 MG #90",
            ],
            &[Decision::Overturned, Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn numbered_paragraphs_opening_with_their_service_and_closing_with_their_decision_are_items() {
        // A conclusion as the opening, under a heading no layout names.
        let concluded = "CLINICAL CASE SUMMARY\n\n\
             He has low back pain without leg symptoms. His examination is normal.\n\n\
             DECISIONS\n\n\
             1. The requested MRI of the lumbar spine is not medically necessary. Nothing\n\
             worrisome turned up on examination and no one plans an operation. ACOEM Chapter 12,\n\
             pages 303-304, reserves imaging for red flags. The denial is upheld.\n\n\
             2. The requested cyclobenzaprine 7.5 mg #90 is medically necessary. MTUS Chronic\n\
             Pain Medical Treatment Guidelines, pages 63-66, allow a short course for an acute\n\
             flare, which this is. The denial is overturned.\n";
        assert_items(
            concluded,
            &["MRI of the lumbar spine", "cyclobenzaprine 7.5 mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
        // A question answered on its own line, the decision labelled at the paragraph's end.
        let asked = "CLINICAL CASE SUMMARY\n\n\
             He has neck pain and takes oxycodone and naproxen.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Question 1: Is oxycodone 10 mg #120 medically necessary? Yes. The MTUS Chronic\n\
             Pain Medical Treatment Guidelines, pages 78-80, support continuing opioids when\n\
             pain and function improve. He went from 9/10 to 5/10. Decision: Overturned.\n\n\
             Question 2: Is naproxen 550 mg #60 medically necessary? No. MTUS Chronic Pain\n\
             Medical Treatment Guidelines, pages 67-68, recommend the shortest course, and he\n\
             reports no benefit from it at all. Decision:\n\
             Upheld.\n";
        assert_items(
            asked,
            &["oxycodone 10 mg #120", "naproxen 550 mg #60"],
            &[Decision::Overturned, Decision::Upheld],
        );
        // The service as a short sentence, its labels run in after it.
        let named = "CLINICAL CASE SUMMARY\n\n\
             She has burning leg pain and facet pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Gabapentin 600 mg #90. Guideline: MTUS Chronic Pain Medical Treatment Guidelines,\n\
             pages 16-19. Rationale: Her burning leg pain fell from 7/10 to 4/10. The request is\n\
             medically necessary. Decision: Overturned.\n\n\
             2. Radiofrequency ablation right L4-5, L5-S1. Guideline: ODG, Low Back, Facet joint\n\
             radiofrequency neurotomy. Rationale: Her block gave 40 percent relief for twenty\n\
             minutes. The request is not medically necessary. Decision: Upheld.\n";
        assert_items(
            named,
            &[
                "Gabapentin 600 mg #90",
                "Radiofrequency ablation right L4-5, L5-S1",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        // A numbered list of decisions, one short entry a line, is no set of items.
        let listed = "CLINICAL CASE SUMMARY\n\n\
             She has knee pain.\n\n\
             DECISIONS\n\n\
             1. Knee brace. Upheld.\n\
             2. Knee MRI. Overturned.\n";
        let letter = super::prepared(listed);
        assert!(super::numbered_paragraph_starts(&letter, 0, letter.lines.len()).is_empty());
        let letter = super::prepared(named);
        assert_eq!(
            super::numbered_paragraph_starts(&letter, 0, letter.lines.len()).len(),
            2
        );
    }

    #[test]
    fn a_numbered_heading_wrapped_onto_a_short_lowercase_line_is_one_service() {
        let text = "Summary of the case\n\
             He has neck pain radiating to the right thumb.\n\n\
             DISPUTED ITEMS AND DECISIONS\n\n\
             1. Right C5-6 interlaminar cervical epidural steroid\n\
             injection\n\
             The reviewer relied on the MTUS Chronic Pain Medical\n\
             Treatment Guidelines, page 46.\n\
             Findings: Radiculopathy is shown on exam and imaging.\n\
             The requested injection is medically necessary. The\n\
             denial is overturned.\n\n\
             2. IV sedation for cervical epidural steroid injection\n\
             The reviewer relied on the Official Disability Guidelines.\n\
             Findings: He denies procedural anxiety.\n\
             The requested IV sedation is not medically necessary. The\n\
             denial is upheld.\n";
        assert_items(
            text,
            &[
                "Right C5-6 interlaminar cervical epidural steroid injection",
                "IV sedation for cervical epidural steroid injection",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_closing_list_decides_over_a_rationale_whose_conclusion_disagrees() {
        // Item 2's rationale concludes against the service; the letter's list overturns the denial.
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has taken Xanax since 2012 and Restoril nightly.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1.  Is Restoril 30 mg #30 medically necessary?\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Treatment Guidelines, Benzodiazepines, page 24.\n\n\
             Decision rationale: Long-term use is not recommended. The request is not medically necessary.\n\n\
             2.  Is Xanax 0.25 mg #30 medically necessary?\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Treatment Guidelines, Benzodiazepines, page 24.\n\n\
             Decision rationale: She has taken it for two years. The request is not medically necessary.\n\n\
             DECISIONS\n\n\
             1.  Restoril 30 mg #30:  Upheld\n\
             2.  Xanax 0.25 mg #30:  Overturned\n";
        let d = assert_items(
            text,
            &["Restoril 30 mg #30", "Xanax 0.25 mg #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
        // Where the two agree, the decision points into the item itself.
        let first = &d.items[0];
        let decision = first.decision.as_ref().expect("decided");
        assert!(first.span.contains(decision.span), "{first:?}");
    }

    #[test]
    fn a_closing_sentence_naming_a_strength_with_a_decimal_point_still_decides() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain and groin pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             1. Lidoderm (lidocaine) 5% patch, #30\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, page 56.\n\
             Decision rationale: The pain is neuropathic. The request is medically necessary.\n\
             2. Pennsaid (diclofenac sodium) 1.5% topical solution, 150 ml\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, page 111.\n\
             Decision rationale: It is prescribed for the low back. Given her ongoing axial pain, the\n\
             requested Pennsaid (diclofenac\n\
             sodium) 1.5% topical solution, 150 ml is medically necessary.\n";
        assert_items(
            text,
            &[
                "Lidoderm (lidocaine) 5% patch, #30",
                "Pennsaid (diclofenac sodium) 1.5% topical solution, 150 ml",
            ],
            &[Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn a_short_heading_over_its_guideline_and_rationale_is_an_item_the_closing_list_decides() {
        let text = "CLINICAL CASE SUMMARY\n\
             He had a hip revision and walks with a walker.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Front-wheeled walker\n\
             Guideline: ODG, Knee & Leg, Walking aids.\n\
             Rationale: He ambulated with a walker in therapy. The request is medically necessary.\n\n\
             Elevated toilet seat\n\
             Guideline: ODG, Knee & Leg, Durable medical equipment.\n\
             Rationale: A toilet seat is a convenience item. The request is not medically necessary.\n\n\
             SUMMARY OF DECISIONS\n\
             1.  Front-wheeled walker: UPHELD (not medically necessary)\n\
             2.  Elevated toilet seat: UPHELD (not medically necessary)\n";
        let d = assert_items(
            text,
            &["Front-wheeled walker", "Elevated toilet seat"],
            &[Decision::Upheld, Decision::Upheld],
        );
        assert!(d.items.iter().all(|item| item.rationale.is_some()));
    }

    #[test]
    fn items_decided_in_the_reviews_words_where_the_letter_uses_no_others() {
        let text = "CLINICAL CASE SUMMARY\n\
             He has low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             NORCO 10/325 MG #120:  Not certified\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Treatment Guidelines, Opioids, pages 76-80.\n\n\
             Decision rationale: No pain scores are given. The request is not medically necessary.\n\n\
             PHYSICAL THERAPY 2 TIMES A WEEK FOR 6 WEEKS:  Partially certified: 6 of 12 visits\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Treatment Guidelines, Physical Medicine, pages 98-99.\n\n\
             Decision rationale: Twelve visits exceed the guideline; six are appropriate.\n\n\
             MRI OF THE LUMBAR SPINE:  Certified\n\n\
             MAXIMUS guideline: MTUS ACOEM Chapter 12, pages 303-304.\n\n\
             Decision rationale: A foot drop is documented. The MRI is medically necessary.\n";
        assert_items(
            text,
            &[
                "NORCO 10/325 MG #120",
                "PHYSICAL THERAPY 2 TIMES A WEEK FOR 6 WEEKS",
                "MRI OF THE LUMBAR SPINE",
            ],
            &[Decision::Upheld, Decision::Upheld, Decision::Overturned],
        );
        // Where the letter decides in the IMR's words, a review's line is no item's.
        let letter =
            super::prepared("NORCO 10/325 MG #120:  Upheld\nUR decision:  Not certified\n");
        assert!(!letter.certifies());
    }

    #[test]
    fn a_service_closing_a_parenthesis_goes_on_with_its_quantity_alone_below() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has hand osteoarthritis.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Pennsaid (diclofenac sodium topical solution 1.5%)\n\
             150 ml: Overturned\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 111-112.\n\n\
             Decision rationale: The hand joints suit a topical agent. The request is medically necessary.\n\n\
             2. Meloxicam 15 mg #30: Upheld\n\n\
             MAXIMUS guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 67-68.\n\n\
             Decision rationale: Her kidney disease rules it out. The request is not medically necessary.\n";
        assert_items(
            text,
            &[
                "Pennsaid (diclofenac sodium topical solution 1.5%) 150 ml",
                "Meloxicam 15 mg #30",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(super::quantity_only("180 gm x 2 refills"));
        assert!(!super::quantity_only("Lidoderm patches"));
    }

    #[test]
    fn an_issue_label_counting_the_items_asks_of_its_service() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has heel pain.\n\n\
             DISPUTED ITEMS\n\n\
             Disputed Item and Issue 1 of 2: Is a corticosteroid\n\
             injection to the left plantar fascia medically\n\
             necessary?\n\
             Guideline used: MTUS ACOEM Chapter 14, page 371.\n\
             Rationale: Months of orthotics and stretching failed.\n\
             Decision: Overturned.\n\n\
             Disputed Item and Issue 2 of 2: Is a corticosteroid\n\
             injection to the left knee medically necessary?\n\
             Guideline used: ODG Knee, Corticosteroid injections.\n\
             Rationale: The films show no arthritis.\n\
             Decision: Upheld.\n";
        assert_items(
            text,
            &[
                "corticosteroid injection to the left plantar fascia",
                "corticosteroid injection to the left knee",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_closing_list_may_decide_in_the_reviews_words() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1 of 2\n\
             MRI LEFT KNEE\n\
             MAXIMUS guideline: MTUS ACOEM Chapter 13, pages 341-343.\n\
             Decision rationale: No mechanical symptoms are described.\n\n\
             Item 2 of 2\n\
             NAPROXEN 550 MG #60\n\
             MAXIMUS guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 67-68.\n\
             Decision rationale: Her pain fell from 7/10 to 4/10 with it.\n\n\
             SUMMARY OF DECISIONS\n\
             1. MRI left knee: NOT CERTIFIED\n\
             2. Naproxen 550 mg #60: CERTIFIED\n";
        assert_items(
            text,
            &["MRI LEFT KNEE", "NAPROXEN 550 MG #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_disputed_item_label_with_its_issue_below_heads_its_blocks() {
        // "Issue:" under the service is the item's header, not a second item or the service's end.
        let text = "CLINICAL CASE SUMMARY\n\
             He has low back pain with spasm.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Disputed Item: Cyclobenzaprine 10 mg #30\n\
             Issue: Medical necessity of a muscle relaxant for an acute flare of low back pain\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Cyclobenzaprine, pages 41-42.\n\
             Rationale: A short course for an acute flare is supported.\n\
             Decision: Overturned. The request is medically necessary.\n\n\
             Disputed Item: Carisoprodol 350 mg #90\n\
             Issue: Medical necessity of continued\n\
             carisoprodol.\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Carisoprodol, page 29.\n\
             Rationale: The MTUS does not recommend carisoprodol.\n\
             Decision: Upheld. The request is not medically necessary.\n";
        assert_items(
            text,
            &["Cyclobenzaprine 10 mg #30", "Carisoprodol 350 mg #90"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_decision_list_its_sections_restate_decides_a_section_that_states_none() {
        // The first section's rationale ends on a sentence after its conclusion, so only the list
        // decides it.
        let text = "CLINICAL CASE SUMMARY\n\
             He has chronic low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             NORCO 10/325 MG #60: Upheld\n\
             PHYSICAL THERAPY 2 X 6: Upheld\n\n\
             NORCO 10/325 MG #60\n\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 78-80.\n\n\
             Decision rationale: There is no functional benefit. This request is not medically necessary. The medication should be tapered rather than stopped abruptly.\n\n\
             PHYSICAL THERAPY 2 X 6\n\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Physical Medicine Page(s): 98-99.\n\n\
             Decision rationale: He has had 24 visits. This request is not medically necessary.\n";
        assert_items(
            text,
            &["NORCO 10/325 MG #60", "PHYSICAL THERAPY 2 X 6"],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn lettered_items_headed_by_their_rationale_are_decided_by_their_determination_lines() {
        // "RATIONALE, ITEM A - ..." heads the item; "DETERMINATION, ITEM B:" decides its own item and
        // starts none; the decision may name what it does to the review's ("UPHOLD the utilization
        // review denial").
        let text = "CLINICAL CASE SUMMARY\n\
             She has chronic neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             RATIONALE, ITEM A - Lidocaine 4% cream, 120 gm\n\
             Reviewer's guideline basis: MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics, page 112.\n\
             Discussion: Only the dermal patch is supported, for neuropathic pain.\n\
             Determination: NOT CERTIFIED\n\n\
             RATIONALE, ITEM B - Capsaicin 0.025% cream, 60 gm\n\
             Reviewer's guideline basis: MTUS Chronic Pain Medical Treatment Guidelines, Capsaicin, page 28.\n\
             Discussion: Other treatments failed.\n\
             DETERMINATION, ITEM B:  OVERTURN the utilization review denial\n";
        assert_items(
            text,
            &[
                "Lidocaine 4% cream, 120 gm",
                "Capsaicin 0.025% cream, 60 gm",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_claims_administrator_standard_of_one_word_is_a_citation_not_an_item() {
        // "Claims administrator standard: same." names the party's citation in a word; it starts no
        // item of that name.
        let text = "CLINICAL CASE SUMMARY\n\
             He has chronic low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             RATIONALE, ITEM A - Cyclobenzaprine 10 mg #90\n\
             Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, Muscle relaxants, pp. 63-66.\n\
             Claims administrator standard: same.\n\
             Discussion: He has taken it for two years without a flare.\n\
             DETERMINATION, ITEM A: NOT CERTIFIED.\n\n\
             RATIONALE, ITEM B - Aquatic therapy x 8 sessions\n\
             Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, Aquatic therapy, p. 22.\n\
             Claims administrator standard: same.\n\
             Discussion: Reduced weight bearing is needed.\n\
             DETERMINATION, ITEM B: CERTIFIED.\n";
        assert_items(
            text,
            &["Cyclobenzaprine 10 mg #90", "Aquatic therapy x 8 sessions"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_form_with_dot_leaders_and_numbered_treatments_is_read_as_labelled_items() {
        let text = "CLINICAL CASE SUMMARY\n\
             He has low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             DISPUTED TREATMENT NO. 1\n\
             \x20  Service requested ..... Oxycodone IR 15 mg #180\n\
             \x20  Determination ......... NOT MEDICALLY NECESSARY (UR decision upheld)\n\
             \x20  Standard applied ...... MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
             \x20  Reasons for the determination:\n\
             \x20  His pain remains 8/10 and his activity has declined.\n\n\
             DISPUTED TREATMENT NO. 2\n\
             \x20  Service requested ..... Ibuprofen 800 mg #90\n\
             \x20  Determination ......... MEDICALLY NECESSARY (UR decision overturned)\n\
             \x20  Standard applied ...... MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, page 67.\n\n\
             \x20  Reasons for the determination:\n\
             \x20  An NSAID is first-line for his osteoarthritis.\n";
        assert_items(
            text,
            &["Oxycodone IR 15 mg #180", "Ibuprofen 800 mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_findings_list_after_the_citations_opens_the_rationale() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has left leg pain.\n\n\
             ISSUE 1 OF 2     Repeat left L5-S1 transforaminal epidural steroid injection\n\
             DECISION:        OVERTURN the utilization review denial\n\
             GUIDELINES:      MTUS Chronic Pain Medical Treatment Guidelines, page 46.\n\
             FINDINGS:\n\
             \x20 - Prior block: 60% relief for 10 weeks.\n\
             DISCUSSION:\n\
             The repeat block is supported. The denial is reversed.\n\n\
             ISSUE 2 OF 2     Norco 5/325 mg #60\n\
             DECISION:        UPHOLD the utilization review denial\n\
             GUIDELINES:      MTUS Chronic Pain Medical Treatment Guidelines, page 78.\n\
             DISCUSSION:\n\
             No benefit is recorded. The denial stands.\n";
        let d = assert_items(
            text,
            &[
                "Repeat left L5-S1 transforaminal epidural steroid injection",
                "Norco 5/325 mg #60",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        let rationale = &text[d.items[0].rationale.expect("a rationale").range()];
        assert!(
            rationale.starts_with("- Prior block: 60% relief"),
            "{rationale:?}"
        );
        let citations = d.items[0].imro_citations.as_ref().expect("citations");
        assert_eq!(citations.citations.len(), 1, "{citations:?}");
    }

    #[test]
    fn a_citation_going_on_from_the_line_above_starts_no_item() {
        // "... title 8, section" / "9792.24.3, Knee: Meniscectomy." reads as "SERVICE: WORD" alone.
        let text = "CLINICAL CASE SUMMARY\n\
             He has knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1. Post-operative physical therapy, 6 visits\n\
             Determination: Upheld (non-certified)\n\
             Guidelines: MTUS Postsurgical Treatment Guidelines,\n\
             California Code of Regulations, title 8, section\n\
             9792.24.3, Knee: Meniscectomy.\n\
             Rationale: Six visits are the initial course. The request is not medically necessary.\n";
        let (d, _) = read(text);
        assert_eq!(d.items.len(), 1);
        assert_eq!(
            d.items[0].service.value,
            "Post-operative physical therapy, 6 visits"
        );
    }

    #[test]
    fn a_formulary_citation_wrapped_inside_its_parenthesis_starts_no_item() {
        // The 2024 template: "MTUS Guideline(s) Used:" and "Other Guideline(s) Used: None." under
        // "DISPUTED SERVICES, DETERMINATIONS AND RATIONALE"; the formulary's status ("...: Non-
        // Preferred.") on the line a wrap inside "(8 CCR 9792.27.15)" left.
        let text = "SUMMARY OF MEDICAL RECORDS\n\
             She has wrist pain.\n\n\
             DISPUTED SERVICES, DETERMINATIONS AND RATIONALE\n\
             1.  Tramadol ER 100 mg #30:  Overturned\n\
             MTUS Guideline(s) Used: MTUS Opioids Guideline; MTUS Drug Formulary (8 CCR\n\
             9792.27.15), Tramadol extended-release: Non-Preferred.\n\
             Other Guideline(s) Used: None.\n\
             Rationale: The request is medically necessary.\n\
             2.  Lidocaine 5% patch #30:  Upheld\n\
             MTUS Guideline(s) Used: MTUS Chronic Pain Guideline, Topical Medications.\n\
             Other Guideline(s) Used: None.\n\
             Rationale: The request is not medically necessary.\n";
        assert_items(
            text,
            &["Tramadol ER 100 mg #30", "Lidocaine 5% patch #30"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn lettered_rationale_headings_take_their_services_from_the_list_of_items() {
        // "Item A:  X" listed up front; each section headed "RATIONALE, ITEM A" alone on its line.
        let text = "PART II.  CLINICAL CASE SUMMARY\n\
             She has a painful right bunion.\n\
             PART III.  ITEMS UNDER REVIEW\n\
             \x20  Item A:  Right first metatarsal osteotomy\n\
             \x20  Item B:  MRI of the left ankle without contrast\n\n\
             RATIONALE, ITEM A\n\
             Standard applied: ODG Ankle & Foot, Surgery for hallux valgus.\n\
             Analysis: Conservative care failed for over a year.\n\
             Determination: Certified.\n\n\
             RATIONALE, ITEM B\n\
             Standard applied: ODG Ankle & Foot, Magnetic resonance imaging.\n\
             Analysis: Plain films were never taken.\n\
             Determination: Not certified.\n";
        assert_items(
            text,
            &[
                "Right first metatarsal osteotomy",
                "MRI of the left ankle without contrast",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn guideline_basis_labels_name_their_party_in_parentheses() {
        let text = "PART II.  CLINICAL BACKGROUND\n\
             He has axial low back pain.\n\n\
             PART III.  ITEMS IN DISPUTE\n\
             \x20  A.  Right L4-5 and L5-S1 radiofrequency ablation (RFA)\n\
             \x20  B.  Ketoprofen 20% topical cream, 120 g\n\n\
             PART IV.  RATIONALE BY ITEM\n\n\
             RATIONALE, ITEM A - Right L4-5 and L5-S1 radiofrequency ablation (RFA)\n\
             Guideline basis (Claims Administrator): MTUS ACOEM Chapter 12, Page(s): 300-301.\n\
             Guideline basis (IMR): Non-MTUS Citation ODG, Low Back, Facet joint radiofrequency neurotomy.\n\
             Reviewer's discussion: Two concordant blocks gave 86% and 80% relief. Criteria are met.\n\
             Determination, Item A: CERTIFIED.\n\n\
             RATIONALE, ITEM B - Ketoprofen 20% topical cream, 120 g\n\
             Guideline basis (Claims Administrator): MTUS Chronic Pain, Topical analgesics, page 112.\n\
             Guideline basis (IMR): MTUS Chronic Pain, Topical analgesics, page 112.\n\
             Reviewer's discussion: Ketoprofen is not approved for topical use.\n\
             Determination, Item B: NOT CERTIFIED.\n";
        let d = assert_items(
            text,
            &[
                "Right L4-5 and L5-S1 radiofrequency ablation (RFA)",
                "Ketoprofen 20% topical cream, 120 g",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d
            .items
            .iter()
            .all(|item| item.administrator_citations.is_some() && item.imro_citations.is_some()));
    }

    #[test]
    fn a_double_spaced_issue_wrapped_onto_its_next_line_still_ends_the_item_header() {
        // An empty line between a paragraph's lines, a line of one blank between paragraphs.
        let text = "CLINICAL CASE SUMMARY \n \nShe has wrist pain. \n \n\
             IMR ISSUES, DECISIONS AND RATIONALES \n \n\
             Disputed Item 1: Corticosteroid injection, left first dorsal compartment \n \n\
             Issue: Whether a corticosteroid injection to the left first dorsal compartment is medically \n\n\
             necessary and appropriate. \n \n\
             Guidelines: MTUS ACOEM Chapter 11, page 265. \n \n\
             Rationale: Splinting failed. The injection is medically necessary. \n \n\
             Decision: The Claims Administrator's decision is overturned. \n \n\
             Disputed Item 2: Occupational hand therapy, 8 visits, left wrist \n \n\
             Issue: Whether occupational hand therapy for 8 visits to the left wrist is medically \n\n\
             necessary and appropriate. \n \n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99. \n \n\
             Rationale: She had 12 visits without gains. The therapy is not medically necessary. \n \n\
             Decision: The Claims Administrator's decision is upheld. \n";
        assert_items(
            text,
            &[
                "Corticosteroid injection, left first dorsal compartment",
                "Occupational hand therapy, 8 visits, left wrist",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_2024_template_with_its_own_headings_and_labels_reads_its_items() {
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\
             MAXIMUS Federal Services sent the complete case file to an expert reviewer.\n\n\
             SUMMARY OF RELEVANT INFORMATION\n\
             She has severe right knee osteoarthritis.\n\n\
             DISPUTED TREATMENT(S) AND REVIEWER ANALYSIS\n\
             Right total knee arthroplasty:  Overturned\n\
             Guidelines and Evidence-Based Resources Used: Official Disability Guidelines (ODG), Knee &\n\
             Leg, Knee joint replacement.\n\
             Analysis and Findings: Non-operative care has failed. The request is medically necessary.\n\
             Oxycodone 5 mg #40:  Upheld\n\
             Guidelines and Evidence-Based Resources Used: MTUS Opioids Guideline.\n\
             Analysis and Findings: The surgery is certified, but 40 tablets exceed the need. The request\n\
             is not medically necessary.\n";
        let d = assert_items(
            text,
            &["Right total knee arthroplasty", "Oxycodone 5 mg #40"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.case_summary.is_some());
        assert!(d
            .items
            .iter()
            .all(|item| item.rationale.is_some() && item.imro_citations.is_some()));
    }

    #[test]
    fn a_modification_upheld_in_the_last_sentence_decides_its_item() {
        let text = "CLINICAL CASE SUMMARY\n\
             He takes oxycodone and trazodone.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The Final Determination was based on decisions for the disputed items/services set forth below:\n\n\
             OXYCODONE HCL 10 MG #120\n\n\
             Medical treatment guidelines used: MTUS Chronic Pain Medical Treatment Guidelines,\n\
             Opioids, criteria for use, pages 76-80; Weaning of medications, page 124.\n\n\
             Rationale: Function has not improved. The full quantity is not medically necessary and the\n\
             modification made by the Claims Administrator is upheld.\n\n\
             TRAZODONE 50 MG #30\n\n\
             Medical treatment guidelines used: Official Disability Guidelines (ODG), Mental Illness &\n\
             Stress, Trazodone (Desyrel).\n\n\
             Rationale: Sleep onset improved. The request is medically necessary and the denial is\n\
             overturned.\n";
        assert_items(
            text,
            &["OXYCODONE HCL 10 MG #120", "TRAZODONE 50 MG #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_decision_word_glued_to_the_next_label_still_decides_its_item() {
        let text = "CLINICAL CASE SUMMARY\n\
             He takes morphine ER and gabapentin.\n\n\
             DISPUTED TREATMENT, GUIDELINES AND ANALYSIS\n\n\
             Disputed Treatment 1: Morphine sulfate ER 30 mg #60 - Decision: UpheldGuideline(s) relied on: MTUS\n\
             2017 Opioids Guideline (Chronic Pain).\n\
             Reviewer's analysis: No functional gain is recorded. Not medically necessary.\n\n\
             Disputed Treatment 2: Gabapentin 300 mg #90 - Decision: Overturned\n\
             Guideline(s) relied on: MTUS Chronic Pain Medical Treatment Guidelines, page 49.\n\
             Reviewer's analysis: Leg pain halved on it. Medically necessary.\n";
        assert_items(
            text,
            &["Morphine sulfate ER 30 mg #60", "Gabapentin 300 mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn guidelines_used_in_this_review_head_the_citations_under_decision_sentence_headers() {
        let text = "CLINICAL CASE SUMMARY\n\
             He has neck pain radiating to the thumb.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. MRI of the cervical spine is medically necessary and appropriate.\n\
             Medical Treatment Guidelines used in this review: MTUS ACOEM Chapter 8, pages 177-178.\n\
             Rationale for the Decision: Objective C6 deficits have progressed. The request is\n\
             medically necessary.\n\n\
             2. Functional capacity evaluation is not medically necessary and appropriate.\n\
             Medical Treatment Guidelines used in this review: ODG Fitness for Duty, FCE.\n\
             Rationale for the Decision: He is not near maximal medical improvement. The FCE is not\n\
             medically necessary.\n";
        let d = assert_items(
            text,
            &[
                "MRI of the cervical spine",
                "Functional capacity evaluation",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|item| item.imro_citations.is_some()));
    }

    #[test]
    fn lettered_items_listed_with_their_decisions_after_a_dash_keep_the_service_alone() {
        // Double-spaced, paragraphs a blank line apart; "ITEM A - X - CERTIFIED" up front; a scan
        // doubled a letter of the second label ("Standard appplied:"), which still heads its block;
        // the last rationale is prose after the citation, unheaded.
        let text = "PART II.  CLINICAL HISTORY\n\nHe has back and leg pain.\n\n \n\n\
             PART III.  ITEMS IN DISPUTE AND DETERMINATION\n\n \n\n\
             ITEM A - Gabapentin 800 mg #90 - CERTIFIED\n\n\
             ITEM B - TENS electrodes and supplies, 3 months - NOT CERTIFIED\n\n \n\n\
             RATIONALE, ITEM A\n\n\
             Standard applied: MTUS Chronic Pain, Gabapentin, page 49.\n\n\
             Gabapentin is first-line for neuropathic pain. Leg pain halved on the drug,\n\n\
             with better sleep. Certified.\n\n \n\n\
             RATIONALE, ITEM B\n\n\
             Standard appplied: MTUS Chronic Pain, TENS, pages 114-116.\n\n\
             Ongoing use needs documented frequency and benefit. The records do not state\n\n\
             whether he uses the unit. Not certified.\n";
        assert_items(
            text,
            &[
                "Gabapentin 800 mg #90",
                "TENS electrodes and supplies, 3 months",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn an_outcome_label_closing_a_rationale_starts_no_item() {
        // Double-spaced: the rationale's last line, "... on its own.  Outcome: NOT CERTIFIED.", is a
        // paragraph of its own and reads like "SERVICE: DECISION".
        let text = "CLINICAL CASE SUMMARY\n\n\
             He has low back pain.\n\n\
             RATIONALE, ITEM A:  Preoperative medical clearance with EKG\n\n\
             Criteria applied: ODG Low Back, Preoperative testing, general.\n\n\
             Findings and reasoning: The fusion was not certified, so no clearance is\n\n\
             required, and the testing is not needed. Nothing would justify the testing\n\n\
             on its own.  Outcome: NOT CERTIFIED.\n\n\
             RATIONALE, ITEM B:  Zolpidem 10 mg #30\n\n\
             Criteria applied: ODG Pain, Zolpidem.\n\n\
             Findings and reasoning: Nightly use for two years exceeds the guideline.\n\n\
             Outcome: NOT CERTIFIED.\n";
        assert_items(
            text,
            &[
                "Preoperative medical clearance with EKG",
                "Zolpidem 10 mg #30",
            ],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_compound_with_its_formulation_and_a_program_by_its_length_head_their_items() {
        // Headings over "MAXIMUS guideline:" blocks, decided by the list at the end: one names a
        // compound's ingredients after a colon, one opens with the program's length.
        let text = "CLINICAL CASE SUMMARY\n\n\
             He has low back pain and a BMI of 36.\n\n\
             IMR ISSUES AND RATIONALES\n\n\
             Compounded cream: flurbiprofen 20%, baclofen 2%, lidocaine 5%, 240gm\n\
             MAXIMUS guideline: MTUS Chronic Pain, Topical Analgesics, Page(s): 111-113.\n\
             Decision rationale: Baclofen is not recommended for topical use.\n\n\
             12-week medically supervised weight loss program\n\
             MAXIMUS guideline: The MTUS and ODG do not address this request.\n\
             Decision rationale: No prior weight loss effort is described.\n\n\
             SUMMARY OF DETERMINATIONS\n\
             1. Compounded cream: flurbiprofen 20%, baclofen 2%, lidocaine 5%, 240gm: Upheld\n\
             2. 12-week medically supervised weight loss program: Upheld\n";
        assert_items(
            text,
            &[
                "Compounded cream: flurbiprofen 20%, baclofen 2%, lidocaine 5%, 240gm",
                "12-week medically supervised weight loss program",
            ],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_disputed_item_wrapped_onto_a_second_line_before_its_issue_is_one_service() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has myofascial low back pain.\n\n\
             Disputed Item: Methadone 10mg #90\n\
             Issue: Medical necessity of methadone for chronic low back pain\n\
             Guidelines: MTUS Chronic Pain, Methadone, Page(s): 61-62.\n\
             Rationale: The QTc is prolonged. The request is not medically necessary.\n\
             Decision: Upheld\n\n\
             Disputed Item: Trigger point injections to the lumbar paraspinal muscles (four\n\
             injections)\n\
             Issue: Medical necessity of trigger point injections for myofascial low back pain\n\
             Guidelines: MTUS Chronic Pain, Trigger point injections, Page(s): 122.\n\
             Rationale: Twitch responses are documented. The request is medically necessary.\n\
             Decision: Overturned\n";
        assert_items(
            text,
            &[
                "Methadone 10mg #90",
                "Trigger point injections to the lumbar paraspinal muscles (four injections)",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_section_restates_an_entry_by_the_same_words_or_the_same_cut_short() {
        assert!(super::restates("Norco", "NORCO"));
        assert!(super::restates(
            "TENS unit, 30-day trial, right arm",
            "TENS unit, 30-day trial"
        ));
        assert!(!super::restates("TENS unit purchase", "TENS"));
        assert!(!super::restates("Norco", "Soma"));
    }

    #[test]
    fn a_list_up_front_whose_sections_name_their_services_shorter_is_restated_by_them() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has CRPS of the right hand.\n\n\
             PART III. DETERMINATION OF EACH DISPUTED ITEM\n\n\
             Item A.  TENS unit, 30-day home rental trial, right upper extremity\n\
             \x20        Determination: CERTIFIED (UR decision reversed)\n\
             Item B.  Home paraffin bath unit\n\
             \x20        Determination: NOT CERTIFIED (UR decision affirmed)\n\n\
             PART IV. REVIEWER'S ANALYSIS\n\n\
             RATIONALE, ITEM A - TENS unit, 30-day home rental trial\n\n\
             Standards applied: MTUS Chronic Pain Medical Treatment Guidelines, TENS, pages 114-116.\n\n\
             Analysis: CRPS is a condition the guideline names. The trial is certified.\n\n\
             RATIONALE, ITEM B - Home paraffin bath unit\n\n\
             Standards applied: ODG Forearm, Wrist & Hand, Paraffin wax baths.\n\n\
             Analysis: There is no hand arthritis. The unit is not certified.\n";
        let (d, _) = read(text);
        assert_eq!(d.items.len(), 2, "{:?}", services_and_decisions(&d));
        assert!(d.items.iter().all(|item| item.rationale.is_some()));
        assert_eq!(
            services_and_decisions(&d).1,
            vec![Decision::Overturned, Decision::Upheld]
        );
    }

    #[test]
    fn an_issue_asked_as_a_question_under_its_disputed_item_is_no_item_of_its_own() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             He had a knee arthroscopy.\n\n\
             Disputed Item and Issue 1\n\
             Disputed Item: Continuous-flow cryotherapy unit, 7-day rental, left knee\n\
             Issue: Is the requested cryotherapy unit for 7 days after arthroscopic surgery medically\n\
             necessary?\n\
             Guidelines: ODG, Knee & Leg, Continuous-flow cryotherapy.\n\
             Rationale: The surgery was done. The request is medically necessary.\n\
             Decision: The Claims Administrator's decision is overturned.\n\n\
             Disputed Item and Issue 2\n\
             Disputed Item: Home exercise kit, left knee\n\
             Issue: Is a home exercise kit medically necessary?\n\
             Guidelines: MTUS Chronic Pain, Exercise, pages 46-47.\n\
             Rationale: A home program is planned. The request is not medically necessary.\n\
             Decision: The Claims Administrator's decision is upheld.\n";
        assert_items(
            text,
            &[
                "Continuous-flow cryotherapy unit, 7-day rental, left knee",
                "Home exercise kit, left knee",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_numbered_service_label_with_the_verdict_on_its_line_states_service_and_decision() {
        // Whether the rationale below is wrapped or not.
        for rationale in [
            "Rationale: The guideline permits continued opioid therapy where function improves.\n\
             Function has improved by a third. The request is medically necessary.",
            "Rationale: The guideline permits continued opioid therapy where function improves. Function has improved by a third. The request is medically necessary.",
        ] {
            let text = format!(
                "CLINICAL CASE SUMMARY\n\nHe has chronic low back pain.\n\n\
                 IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                 Disputed Service #1: Oxycodone HCl 10mg #90 is medically necessary and appropriate.\n\n\
                 Guideline(s) used: MTUS 2017 ACOEM-based guidelines, Opioids Guideline (2017).\n\n\
                 {rationale}\n\n\
                 Disputed Service #2: Physical therapy 2x6 lumbar spine is not medically necessary and appropriate.\n\n\
                 Guideline(s) used: MTUS 2017 ACOEM-based guidelines, Low Back Disorders.\n\n\
                 Rationale: No progress from 24 prior visits is documented. The request is not medically necessary.\n"
            );
            assert_items(
                &text,
                &["Oxycodone HCl 10mg #90", "Physical therapy 2x6 lumbar spine"],
                &[Decision::Overturned, Decision::Upheld],
            );
        }
    }

    #[test]
    fn a_finding_label_decides_the_lettered_rationale_it_closes() {
        // On a line of its own, wrapped after its label, or after the rationale's last sentence.
        let text = "CLINICAL CASE SUMMARY\n\n\
             He has knee pain.\n\n\
             PART III - ITEM-BY-ITEM FINDINGS\n\n\
             RATIONALE, ITEM A - Single-point cane\n\n\
             Guidance considered: ODG Knee & Leg, Walking aids.\n\n\
             Reviewer's analysis: His gait is normal and he has not fallen. No deficit that a cane would correct is shown.\n\n\
             Finding: Not certified.\n\n\
             RATIONALE, ITEM B - TENS unit, purchase\n\n\
             Guidance considered: MTUS Chronic Pain, TENS, pages 114-116.\n\n\
             Reviewer's analysis: The trial halved his pain and he walks farther. Purchase for home use is reasonable.  Finding:\n\n\
             Certified.\n\n\
             RATIONALE, ITEM C - Patellar stabilizing knee brace, right\n\n\
             Guidance considered: ODG Knee & Leg, Knee brace.\n\n\
             Reviewer's analysis: She has had two dislocations and declines surgery, so external stabilization is the\n\
             appropriate nonoperative measure.  Finding: Certified.\n";
        assert_items(
            text,
            &[
                "Single-point cane",
                "TENS unit, purchase",
                "Patellar stabilizing knee brace, right",
            ],
            &[Decision::Upheld, Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn section_headings_numbering_items_under_decisions_stated_after_each_service() {
        // The list up front names each service, then the decision in a sentence that may wrap; the
        // sections below open with "Section N." and the reviewer's citation block, and their rationales
        // close with no decision of their own.
        let text = "This notice explains the result of the review.\n\n\
             Tramadol ER 100 mg #30: The Claims Administrator's decision is overturned.\n\
             The requested treatment is medically necessary and appropriate.\n\
             Lumbar support brace, purchase: The Claims Administrator's decision is\n\
             upheld. The requested treatment is not medically necessary and appropriate.\n\n\
             CLINICAL CASE SUMMARY\n\
             He has chronic low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The Final Determination was based on decisions for the disputed items/services set forth below:\n\n\
             Section 1. Tramadol ER 100 mg #30\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain, Opioids, pages 76-80.\n\
             Decision rationale: His pain and function improved. Continuation is supported.\n\n\
             Section 2. Lumbar support brace, purchase\n\
             MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12, page 301.\n\
             Decision rationale: Lumbar supports have no lasting benefit beyond the acute phase.\n";
        assert_items(
            text,
            &["Tramadol ER 100 mg #30", "Lumbar support brace, purchase"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn numbered_questions_a_scan_damaged_still_start_their_items() {
        // The last word misspelled or split, and the next label's first letters run onto the line.
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck and knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Is gabapentin 300 mg #90 medically necessary and appropriae?\n\
             Rationale: There is no neuropathic pain. The request is not medically necessary.\n\
             Decision: The Claims Administrator's decision is upheld.\n\n\
             2. Is MRI of the cervical spine medically necessary and approp riate? Guide-\n\
             lines used: ACOEM Chapter 8, pages 177-178.\n\
             Rationale: Myelopathic signs are documented. The request is medically necessary.\n\
             Decision: The Claims Administrator's decision is overturned.\n";
        assert_items(
            text,
            &["gabapentin 300 mg #90", "MRI of the cervical spine"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn decision_sentences_up_front_decide_sections_whose_rationales_close_without_one() {
        // Each sentence may wrap; the sections' rationales end in words that decide nothing ("The
        // referral is appropriate."), so only the sentences up front decide them.
        let text = "Final Determination: OVERTURN and UPHOLD.\n\n\
             The Claims Administrator's decision on lumbar epidural steroid injection is upheld.\n\
             The Claims Administrator's decision on an orthopedic hand surgery consultation is\n\
             overturned.\n\n\
             CLINICAL CASE SUMMARY\n\
             She has back pain and hand numbness.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             LUMBAR EPIDURAL STEROID INJECTION\n\n\
             Claims Administrator guideline: MTUS Chronic Pain, page 46.\n\n\
             Decision rationale: No radicular findings are documented on examination.\n\n\
             ORTHOPEDIC HAND SURGERY CONSULTATION\n\n\
             Claims Administrator guideline: MTUS ACOEM Chapter 7, page 127.\n\n\
             Decision rationale: The numbness has persisted for months. The referral is appropriate.\n";
        assert_items(
            text,
            &[
                "LUMBAR EPIDURAL STEROID INJECTION",
                "ORTHOPEDIC HAND SURGERY CONSULTATION",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn decision_sentences_to_deny_a_service_decide_its_section() {
        // "decision to deny X, ..., is overturned", its service holding a comma, wrapped.
        let text = "The Claims Administrator's decision to deny cognitive behavioral therapy, 6 additional\n\
             sessions, is overturned. This treatment is medically necessary and appropriate.\n\
             The Claims Administrator's decision to deny transportation to and from medical appointments is\n\
             overturned. This treatment is medically necessary and appropriate.\n\n\
             CLINICAL CASE SUMMARY\n\
             She has chronic pain and depression and does not drive.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Cognitive behavioral therapy, 6 additional sessions\n\n\
             Claims Administrator guideline: MTUS Chronic Pain, Behavioral interventions, page 23.\n\n\
             Decision rationale: The first sessions improved her function. More sessions fit the guideline.\n\n\
             Transportation to and from medical appointments\n\n\
             Claims Administrator guideline: ODG Knee & Leg, Transportation.\n\n\
             Decision rationale: She cannot drive after the surgery and has no one to take her.\n";
        assert_items(
            text,
            &[
                "Cognitive behavioral therapy, 6 additional sessions",
                "Transportation to and from medical appointments",
            ],
            &[Decision::Overturned, Decision::Overturned],
        );
    }

    #[test]
    fn lettered_rationales_closed_by_determination_lines_under_a_list_of_the_requests() {
        // The list's last entry stands right above a heading that opens a block; it is no item of
        // its own, and "DETERMINATION - ITEM A:" decides the rationale above it.
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has chronic low back pain.\n\n\
             PART III - DISPUTED SERVICES\n\n\
             \x20 A.  Tapentadol ER 100 mg, #60\n\n\
             \x20 B.  Omeprazole 40 mg, #30\n\n\
             PART IV - REVIEWER ANALYSIS\n\n\
             RATIONALE, ITEM A:  Tapentadol ER 100 mg, #60\n\n\
             Standards applied:  MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pp. 76-80.\n\n\
             Her function has declined and no benefit is documented.\n\n\
             DETERMINATION - ITEM A:  MODIFIED (#30 certified for taper; remaining #30 not certified)\n\n\
             RATIONALE, ITEM B:  Omeprazole 40 mg, #30\n\n\
             Standards applied:  MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pp. 68-69.\n\n\
             She is 70 and takes aspirin with the NSAID.\n\n\
             DETERMINATION - ITEM B:  CERTIFIED\n";
        assert_items(
            text,
            &["Tapentadol ER 100 mg, #60", "Omeprazole 40 mg, #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_closing_sentence_certifying_part_of_the_request_decides_it_upheld() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She takes hydrocodone six times a day.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Hydrocodone/APAP 10/325mg #180\n\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 76-80.\n\n\
             Decision rationale: Her pain ratings held at 8/10 and her activity did not change. Half the\n\
             requested quantity is reasonable to allow a taper; beyond that amount the request is not\n\
             medically necessary, so the request is partially certified at #90.\n\n\
             Baclofen 10mg #90\n\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Muscle relaxants Page(s): 64.\n\n\
             Decision rationale: She has spasm from a flare, and baclofen 10 mg #90 is medically\n\
             necessary; the utilization review decision is overturned.\n";
        assert_items(
            text,
            &["Hydrocodone/APAP 10/325mg #180", "Baclofen 10mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn lettered_issue_blocks_under_title_case_headings_and_a_closing_list_that_restates_them() {
        // "Disputed Item and Issue (A)" / the item named before its issue / "Guidelines Applied" and
        // "Rationale" alone on their lines in title case / "Determination"; then "FINAL DECISIONS"
        // restating each item, which adds none.
        let text = "CLINICAL CASE SUMMARY\n\
             He has neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             Disputed Item and Issue (A)\n\
             The Claims Administrator denied the request for OxyContin 30 mg #60. The issue\n\
             is whether OxyContin 30 mg #60 is medically necessary and appropriate.\n\
             Guidelines Applied\n\
             MTUS (2017) Opioids Guideline, Opioid tapering.\n\
             Rationale\n\
             A signed taper plan is documented.\n\
             Determination\n\
             Overturned. OxyContin 30 mg #60 is medically necessary and appropriate.\n\
             Disputed Item and Issue (B)\n\
             The Claims Administrator denied the request for naproxen 550 mg #60. The issue\n\
             is whether naproxen 550 mg #60 is medically necessary and appropriate.\n\
             Guidelines Applied\n\
             MTUS ACOEM Chronic Pain Guideline, NSAIDs.\n\
             Rationale\n\
             He had a bleeding ulcer in 2022.\n\
             Determination\n\
             Upheld. Naproxen 550 mg #60 is not medically necessary.\n\
             FINAL DECISIONS\n\
             (A) OxyContin 30 mg #60: Overturned\n\
             (B) Naproxen 550 mg #60: Upheld\n";
        let d = assert_items(
            text,
            &["OxyContin 30 mg #60", "naproxen 550 mg #60"],
            &[Decision::Overturned, Decision::Upheld],
        );
        let rationale = &text[d.items[1].rationale.expect("a rationale").range()];
        assert!(rationale.contains("bleeding ulcer"), "{rationale}");
        assert!(!rationale.contains("FINAL DECISIONS"), "{rationale}");
        // A line of prose is no heading, in whatever case it starts.
        assert!(!super::in_title_case("Rationale for the request was given"));
        assert!(super::in_title_case("Rationale for the Decision"));
    }

    #[test]
    fn a_determination_table_written_out_a_cell_a_line_decides_numbered_sections() {
        // The extraction put each cell on a line of its own, the service wrapping over two; the
        // section heading of item 2 wraps too, its second line starting with a number.
        let text = "FINAL DETERMINATION TABLE\n\
             Item\n\
             Disputed Item/Service\n\
             Final Determination\n\
             1\n\
             OxyContin 30 mg #60\n\
             UPHELD\n\
             2\n\
             Compounded cream: flurbiprofen 20%/cyclobenzaprine\n\
             4%, 180 gm\n\
             OVERTURNED\n\n\
             CLINICAL CASE SUMMARY\n\
             She has knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. OxyContin 30 mg #60\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain, Opioids, pages 74-96.\n\
             Decision rationale: Pain is unchanged. The request is non-certified.\n\n\
             2. Compounded cream: flurbiprofen 20%/cyclobenzaprine\n\
             4%, 180 gm\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain, pages 111-113.\n\
             Decision rationale: The request is certified.\n";
        assert_items(
            text,
            &[
                "OxyContin 30 mg #60",
                "Compounded cream: flurbiprofen 20%/cyclobenzaprine 4%, 180 gm",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn guidelines_used_by_the_administrator_glossed_as_utilization_review_open_a_block() {
        assert!(matches!(
            super::block_kind(
                "Guidelines Used by Claims Administrator (Utilization Review):",
                false
            ),
            Some((super::Block::Administrator, _))
        ));
    }

    #[test]
    fn a_lettered_service_sentence_before_its_decision_label_heads_an_item() {
        let text = "Case summary\n\nShe has chronic neck pain and headaches.\n\n\
                    Disputed items, decisions and basis\n\n\
                    A. Biofeedback, 6 sessions. DECISION: OVERTURNED.\n\n\
                    Basis: MTUS Chronic Pain Medical Treatment Guidelines, Biofeedback, pages 24-25.\n\n\
                    Rationale: Biofeedback is an option within a behavioral program, which she attends.\n\n\
                    B. Sertraline 50 mg #30. DECISION: UPHELD.\n\n\
                    Basis: MTUS Chronic Pain Medical Treatment Guidelines, SSRIs, page 107.\n\n\
                    Rationale: No depressive disorder is diagnosed. The request is not medically necessary.\n";
        assert_items(
            text,
            &["Biofeedback, 6 sessions", "Sertraline 50 mg #30"],
            &[Decision::Overturned, Decision::Upheld],
        );
        // A rationale's closing sentence before the label is no item's heading.
        assert!(!super::marked_service_sentence(
            "A. The request is medically necessary. Decision"
        ));
    }

    #[test]
    fn a_heading_in_any_case_glued_to_the_capital_of_its_text_opens_it() {
        let text =
            "How The IMR Final Determination Was MadeMAXIMUS gave the file to a reviewer.\n\n\
             Clinical Case SUMMARYThe injured worker has ankle pain since a fall.\n\n\
             IMR Issues, Decisions And RationalesThe items are listed below.\n\n\
             MRI of the right ankle:  Overturned\n\n\
             MAXIMUS guideline: ODG Ankle & Foot, MRI.\n\n\
             Decision rationale: The ankle is unstable.\n";
        let (d, _) = read(text);
        let summary = d.summary_text.expect("a summary");
        assert!(
            text[summary.region.range()].starts_with("The injured worker has ankle pain"),
            "{:?}",
            &text[summary.region.range()]
        );
    }

    #[test]
    fn a_labelled_service_may_hold_a_colon() {
        assert_items(
            "CLINICAL CASE SUMMARY\nShe has shoulder pain.\n\n\
             ITEM 1: Compounded topical cream: flurbiprofen 20%/cyclobenzaprine 4%, 180 g\n\n\
             MAXIMUS guideline: MTUS Chronic Pain, Topical analgesics, pages 111-113.\n\n\
             Decision rationale: Cyclobenzaprine is not recommended topically. Therefore, the \
             request is not medically necessary.\n",
            &["Compounded topical cream: flurbiprofen 20%/cyclobenzaprine 4%, 180 g"],
            &[Decision::Upheld],
        );
    }

    #[test]
    fn numbered_dash_lines_one_under_another_are_a_table_for_the_items_below() {
        assert_items(
            "Disputed Treatment and Outcome\n\
             1. Functional restoration program, 80 hours - UPHELD\n\
             2. Duloxetine 60 mg #30 - OVERTURNED\n\n\
             Summary of Clinical Records\n\
             He has neuropathic leg pain.\n\n\
             Item 1: Functional restoration program, 80 hours\n\
             Guideline(s) Relied Upon: MTUS Chronic Pain, Chronic pain programs, pages 30-34.\n\
             Reviewer's Rationale: No baseline testing was done.\n\n\
             Item 2: Duloxetine 60 mg #30\n\
             Guideline(s) Relied Upon: MTUS Chronic Pain, Duloxetine, pages 43-44.\n\
             Reviewer's Rationale: Leg pain fell from 7/10 to 5/10.\n",
            &[
                "Functional restoration program, 80 hours",
                "Duloxetine 60 mg #30",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    /// A notice whose decisions stand in a bare numbered table, with "Guidelines considered" blocks and
    /// a signature after the last rationale.
    const NUMBERED_TABLE_NOTICE: &str = "Determination Summary\n\n\
             \x20 #  Treatment Request                          Outcome\n\
             \x20 1  Left L5 transforaminal injection           Overturned\n\
             \x20 2  Lumbar fusion at L4-5                      Upheld\n\n\
             Case Summary\n\n\
             The employee has leg pain.\n\n\
             Rationale\n\n\
             1. Left L5 transforaminal injection\n\n\
             Guidelines considered: MTUS Chronic Pain, Epidural steroid injections, page 46.\n\n\
             Radiculopathy is corroborated by the MRI.\n\n\
             2. Lumbar fusion at L4-5\n\n\
             Guidelines considered: ODG Low Back, Fusion.\n\n\
             There is no instability.\n\n\
             [Redacted], MD, Medical Director\n\
             Maximus Federal Services, Inc.\n";

    #[test]
    fn a_notice_with_a_bare_numbered_table_considered_guidelines_and_a_signature() {
        let text = NUMBERED_TABLE_NOTICE;
        let d = assert_items(
            text,
            &["Left L5 transforaminal injection", "Lumbar fusion at L4-5"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.imro_citations.is_some()));
        // The signature is no part of the last rationale.
        assert_eq!(
            &text[d.items[1].rationale.unwrap().range()],
            "There is no instability."
        );
    }

    #[test]
    fn decision_words_an_optical_reader_misread_are_read_and_spans_stay_put() {
        let written = NUMBERED_TABLE_NOTICE
            .replace("Overturned", "0verturned")
            .replace("Upheld", "Uphe1d")
            .replace("Lumbar fusion", "Lumbar fu5ion");
        let text = written.as_str();
        let d = assert_items(
            text,
            &["Left L5 transforaminal injection", "Lumbar fusion at L4-5"],
            &[Decision::Overturned, Decision::Upheld],
        );
        let decision = d.items[1].decision.as_ref().unwrap();
        assert_eq!(&text[decision.span.range()], "Uphe1d");
        assert_eq!(
            &text[d.items[1].service.span.range()],
            "Lumbar fu5ion at L4-5"
        );
    }

    #[test]
    fn a_clinical_background_or_history_heads_the_case_summary() {
        for heading in [
            "CLINICAL BACKGROUND",
            "Clinical History:",
            "CASE HISTORY",
            "MEDICAL HISTORY",
        ] {
            let text = format!(
                "Date of Injury: 09/27/2016\n\n{heading}\n\
                 He hurt his back on 09/27/2016. He was seen on 06/04/2019.\n\n\
                 MRI OF THE LUMBAR SPINE:  Upheld\n\n\
                 Decision rationale: There is no red flag.\n"
            );
            let (d, _) = read(&text);
            let summary = d.case_summary.expect(heading);
            assert!(
                text[summary.range()].starts_with("He hurt his back"),
                "{heading}"
            );
            assert_eq!(
                d.dates.latest_record().map(|r| r.value.to_string()),
                Some("2019-06-04".to_string()),
                "{heading}"
            );
        }
    }

    #[test]
    fn a_question_wrapped_between_the_labelled_service_and_its_determination() {
        assert_items(
            "CASE SUMMARY\nHe has back pain.\n\n\
             Disputed Item/Service #1: Functional restoration program, 160 hours\n\n\
             Question: Is the requested functional restoration program, 160 hours, medically necessary and appropriate for the\n\
             injured worker?\n\n\
             Determination: Upheld. The requested item/service is not medically necessary and appropriate.\n\n\
             Rationale: The request exceeds the two-week trial.\n\n\
             Disputed Item/Service #2: Gym membership, 6 months\n\n\
             Question: Is the requested gym membership medically necessary?\n\n\
             Determination: Upheld.\n\n\
             Rationale: A gym is not medical treatment.\n\n\
             Disputed Item/Service #3: Bilateral L3-L4 and L4-L5 radiofrequency\n\
             ablation\n\n\
             Question: Is the requested bilateral L3-L4 and L4-L5 radiofrequency\n\
             ablation medically necessary and appropriate for the injured worker?\n\n\
             Determination: Overturned. The requested item/service is medically\n\
             necessary and appropriate.\n\n\
             Rationale: The blocks gave 80% relief.\n",
            &[
                "Functional restoration program, 160 hours",
                "Gym membership, 6 months",
                "Bilateral L3-L4 and L4-L5 radiofrequency ablation",
            ],
            &[Decision::Upheld, Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn an_issue_counted_of_all_over_the_item_as_requested() {
        assert_items(
            "CASE SUMMARY\nHe has buttock pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             ISSUE 1 OF 2\n\
             Item as requested: Right sacroiliac joint injection under fluoroscopic guidance\n\
             Decision: Overturned\n\n\
             Rationale: Three provocative tests are positive.\n\n\
             ISSUE 2 OF 2\n\
             Item as requested: Oxycodone HCl 10mg #120\n\
             Decision: Upheld\n\n\
             Rationale: There is no functional improvement.\n",
            &[
                "Right sacroiliac joint injection under fluoroscopic guidance",
                "Oxycodone HCl 10mg #120",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_reflowed_introduction_is_not_part_of_the_wrapped_service_after_it() {
        let text = "CLINICAL CASE SUMMARY\n\
             The worker has chronic low back pain.\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The Final Determination was based on decisions for the disputed\n\
             items/services set forth below: Functional restoration program, 160\n\
             hours: Overturned\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain\n\
             Treatment Guidelines Chronic pain programs Page(s): 30-34.\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment\n\
             Guidelines Chronic pain programs Page(s): 30-34, 49.\n\
             Decision rationale: Baseline testing has been done.\n\n\
             Compound cream: Flurbiprofen 20%, Cyclobenzaprine 4%, Gabapentin\n\
             6%, 180 grams: Upheld\n\
             Claims Administrator guideline: Decision based on MTUS Chronic Pain\n\
             Treatment Guidelines Topical analgesics Page(s): 111-113.\n\
             Decision rationale: Gabapentin is not recommended for topical use.\n";
        let d = assert_items(
            text,
            &[
                "Functional restoration program, 160 hours",
                "Compound cream: Flurbiprofen 20%, Cyclobenzaprine 4%, Gabapentin 6%, 180 grams",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(text[d.items[0].service.span.range()].starts_with("Functional restoration"));
    }

    #[test]
    fn block_labels_run_on_after_a_sentence_start_lines_of_their_own() {
        // A reflowed letter runs a label into the question before it, and may wrap the label itself.
        let text = "CLINICAL CASE SUMMARY\n\
             The patient has shoulder pain.\n\n\
             1. Is The Requested Right Shoulder Arthroscopic Subacromial\n\
             Decompression Medically Necessary And Appropriate? Guideline(s) Used\n\
             By The Claims Administrator: MTUS ACOEM Practice Guidelines, Shoulder\n\
             Complaints, Surgical Considerations.\n\n\
             Guideline(s) Used By The Expert Reviewer: MTUS ACOEM Practice\n\
             Guidelines, Chapter 9, Shoulder Complaints, pages 209-211.\n\n\
             Rationale For The Decision: The criteria are satisfied.\n\n\
             Decision: The request is medically necessary and appropriate. The\n\
             Claims Administrator's decision is overturned.\n\n\
             2. Is The Requested Continuous Passive Motion Device, 21-day Rental,\n\
             Medically Necessary And Appropriate? Guideline(s) Used By The Claims\n\
             Administrator: Official Disability Guidelines (ODG), Shoulder.\n\n\
             Guideline(s) Used By The Expert Reviewer: Official Disability\n\
             Guidelines (ODG), Shoulder, Continuous passive motion (CPM).\n\n\
             Rationale For The Decision: ODG does not recommend it. Decision: The request is\n\
             not medically necessary and appropriate. The Claims Administrator's decision is upheld.\n";
        let d = assert_items(
            text,
            &[
                "Right Shoulder Arthroscopic Subacromial Decompression",
                "Continuous Passive Motion Device, 21-day Rental",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        // Each block holds its own citations only.
        let block = |k: usize, administrator: bool| {
            let item = &d.items[k];
            let block = if administrator {
                &item.administrator_citations
            } else {
                &item.imro_citations
            };
            &text[block.as_ref().expect("a citation block").span.range()]
        };
        assert!(block(0, true).ends_with("Surgical Considerations."));
        assert!(block(0, false).ends_with("pages 209-211."));
        assert!(block(1, true).ends_with("Shoulder."));
        assert!(d.items[1].rationale.is_some());
    }

    #[test]
    fn a_label_in_lowercase_run_on_after_a_sentence_starts_a_line_of_its_own() {
        let text = "CLINICAL CASE SUMMARY\nShe has knee pain.\n\n\
             ISSUE 1: Is the requested MRI of the right knee medically necessary?\n\
             DECISION: The requested MRI of the right knee is not medically necessary. guideline(s) used by the\n\
             claims administrator: ACOEM Chapter 13, Knee Complaints, pages 341-343.\n\
             rationale for the decision: There are no red flags. The request is not medically necessary.\n";
        let d = assert_items(text, &["MRI of the right knee"], &[Decision::Upheld]);
        let item = &d.items[0];
        assert!(item.administrator_citations.is_some());
        assert!(text[item.rationale.expect("a rationale").range()].starts_with("There are no"));
    }

    #[test]
    fn ur_and_imr_guideline_labels_and_an_explanation_are_blocks() {
        let text = "CLINICAL CASE SUMMARY\nShe has knee pain.\n\n\
             ITEM 1 - Physical therapy, left knee, 8 visits\n\
             Final decision: Overturned (medically necessary)\n\
             UR guideline(s): MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99.\n\
             IMR guideline(s): MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99.\n\
             Explanation: The prior course improved her walking. The request is medically necessary.\n";
        let d = assert_items(
            text,
            &["Physical therapy, left knee, 8 visits"],
            &[Decision::Overturned],
        );
        let item = &d.items[0];
        assert!(item.administrator_citations.is_some());
        assert!(item.imro_citations.is_some());
        assert!(text[item.rationale.expect("a rationale").range()].starts_with("The prior course"));
        for (label, kind) in [
            (
                "Guidelines cited in the utilization review: MTUS, page 99.",
                super::Block::Administrator,
            ),
            (
                "Guidelines applied by the expert reviewer: MTUS, page 99.",
                super::Block::Imro,
            ),
        ] {
            assert_eq!(
                super::block_kind(label, false).map(|b| b.0),
                Some(kind),
                "{label}"
            );
        }
    }

    #[test]
    fn headings_are_read_through_optical_misreadings() {
        let summary = super::heading(r"clinical\s+case\s+summary");
        for line in [
            "CLINICAL CASE SUMMARY",
            "Clinical case surnmary",
            "CLINICAL CASE SUMMARY:",
            "C1inical Case Summary",
        ] {
            assert!(summary.is_match(line), "{line}");
        }
        assert!(!summary.is_match("Clinical course summary"));
        // A class and an escape keep their letters.
        assert_eq!(super::ocr_tolerant(r"[lm]\s"), r"[lm]\s");
    }

    #[test]
    fn a_stray_mark_a_scan_left_after_a_heading_is_no_text_of_it() {
        let text = "CLINICAL CASE SUMMARY|\n\
                    THE PATIENT HAS AXIAL LOW BACK PAIN.\n\n\
                    IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                    LIDODERM 5% PATCH #30:  UPHELD\n\n\
                    DECISION RATIONALE: THE PAIN IS NOT NEUROPATHIC.\n";
        let d = assert_items(text, &["LIDODERM 5% PATCH #30"], &[Decision::Upheld]);
        let summary = &text[d.case_summary.expect("a case summary").range()];
        assert!(summary.contains("AXIAL LOW BACK PAIN"), "{summary}");
        assert!(!summary.contains('|'), "{summary}");
    }

    #[test]
    fn block_labels_run_on_after_a_decision_word_start_lines_of_their_own() {
        // Reflowed in capitals: the label follows the item's decision, and wraps.
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             THE PATIENT HAS AXIAL LOW BACK PAIN.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             LIDODERM 5% PATCH #30:  UPHELD CLAIMS\n\
             ADMINISTRATOR GUIDELINE: DECISION BASED ON MTUS CHRONIC PAIN MEDICAL TREATMENT\n\
             GUIDELINES, LIDODERM, PAGES 56-57. MAXIMUS GUIDELINE: DECISION BASED ON MTUS\n\
             CHRONIC PAIN, LIDODERM, PAGES 56-57. DECISION RATIONALE: THE PAIN IS NOT NEUROPATHIC.\n\n\
             NORCO 10/325 MG #90:  OVERTURNED CLAIMS ADMINISTRATOR GUIDELINE: DECISION BASED ON\n\
             MTUS CHRONIC PAIN, OPIOIDS, PAGES 76-80. DECISION RATIONALE: THE FOUR A'S ARE MET.\n",
            &["LIDODERM 5% PATCH #30", "NORCO 10/325 MG #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn block_labels_run_on_into_a_long_line_start_lines_of_their_own() {
        let text = format!(
            "NORCO 10/325 MG #90:  UPHELD Claims Administrator guideline: Decision based on MTUS \
             Chronic Pain, page 78.\u{a0}MAXIMUS guideline: Decision based on MTUS Chronic Pain, \
             pages 76-80. Decision rationale: {}",
            "There is no functional improvement. ".repeat(4)
        );
        let lines = super::split_run_on_blocks(
            &text,
            crate::text::lines(
                &text,
                Span::new(0, text.len()),
                crate::text::Spacing::Single,
            ),
        );
        let starts: Vec<&str> = lines
            .iter()
            .map(|l| &l.text[..l.text.len().min(12)])
            .collect();
        assert_eq!(
            starts,
            [
                "NORCO 10/325",
                "Claims Admin",
                "MAXIMUS guid",
                "Decision rat"
            ]
        );
        for line in &lines {
            assert_eq!(&text[line.span.range()], line.text);
        }
        // A short line keeps a label inside it: only joined paragraphs are split.
        let short = "Reviewed the Decision rationale: see below.";
        let kept = super::split_run_on_blocks(
            short,
            crate::text::lines(
                short,
                Span::new(0, short.len()),
                crate::text::Spacing::Single,
            ),
        );
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn a_long_label_filling_its_line_and_ending_on_the_next_is_one_line() {
        let text = "1. Chiropractic treatment, 12 visits, is not medically necessary and\n\
            appropriate.\n\
            Section of the Medical Treatment Utilization Schedule (MTUS) cited by the Claims\n\
            Administrator: Chronic Pain Medical Treatment Guidelines, pages 58-60.\n\
            Rationale for the Decision: The MTUS allows 18 visits.\n";
        let lines = super::split_run_on_blocks(
            text,
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single),
        );
        assert_eq!(lines.len(), 4);
        assert!(lines[2].text.starts_with("Section of the"));
        assert!(lines[2].text.ends_with("pages 58-60."));
        assert_eq!(&text[lines[2].span.range()], lines[2].text);
        let letter = super::Letter::new(text, crate::text::Spacing::Single, lines);
        assert!(matches!(
            letter.block(2),
            Some((super::Block::Administrator, _))
        ));
    }

    #[test]
    fn an_answer_followed_by_the_determination_on_its_line() {
        assert_items(
            "CASE SUMMARY\nHe takes oxycodone.\n\n\
             Question 1: Is Oxycodone 10 mg #90 medically necessary?\n\n\
             Answer: Yes. Determination: OVERTURNED.\n\n\
             Guidelines applied: MTUS Chronic Pain, Opioids, pages 76-80.\n\n\
             Rationale: Pain falls from 8/10 to 4/10 and he works.\n\n\
             Question 2: Is a Work hardening program, 10 sessions medically necessary?\n\n\
             Answer: No. Determination: UPHELD.\n\n\
             Guidelines applied: MTUS Chronic Pain, Work hardening, pages 125-126.\n\n\
             Rationale: He works full duty.\n",
            &["Oxycodone 10 mg #90", "Work hardening program, 10 sessions"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_block_label_with_its_words_glued_is_still_the_label() {
        use super::{block_kind, Block};
        assert!(block_kind(
            "Guideline(s) used by the ClaimsAdministrator: MTUS, Spinal fusion.",
            false
        )
        .is_some_and(|(kind, _)| kind == Block::Administrator));
        assert!(
            block_kind("Decisionrationale: The MTUS recommends fusion.", false)
                .is_some_and(|(kind, _)| kind == Block::Rationale)
        );
    }

    #[test]
    fn a_rationale_used_heading_opens_the_rationale() {
        use super::{block_kind, Block};
        assert!(
            block_kind("Rationale Used:", false).is_some_and(|(kind, _)| kind == Block::Rationale)
        );
        assert!(
            block_kind("Rationale Used by the EXR: The ODG regards", false)
                .is_some_and(|(kind, _)| kind == Block::Rationale)
        );
        assert!(block_kind(
            "Medical Treatment Guideline(s) used by the Expert Reviewer (EXR): The Expert Reviewer",
            false
        )
        .is_some_and(|(kind, _)| kind == Block::Imro));
        assert!(block_kind("Guidelines considered: ODG.", false)
            .is_some_and(|(kind, _)| kind == Block::Citations));
    }

    #[test]
    fn items_labelled_with_their_count_outcome_and_particulars() {
        let d = assert_items(
            "EXPERT REVIEWER CASE SUMMARY\n\
             The worker has axial low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             SERVICE/GOOD REQUESTED (1 of 2): Bilateral medial branch blocks, L4-5\n\n\
             DISPUTE: Non-certification by utilization review, 05/08/2015\n\n\
             OUTCOME: Overturned\n\n\
             GUIDELINE USED BY THE EXPERT REVIEWER: ODG Low Back, Facet joint diagnostic blocks.\n\n\
             EXPERT REVIEWER'S DECISION AND RATIONALE: The pain is axial. The request is medically necessary.\n\n\
             Item 2 of 2 - Lumbar x-rays, 3 views\n\
             Result: Upheld. The service is not medically necessary.\n\
             Reference Guidelines: MTUS ACOEM Chapter 12, pages 303-305.\n\
             Clinical basis: There are no red flags. The request is not medically necessary.\n",
            &["Bilateral medial branch blocks, L4-5", "Lumbar x-rays, 3 views"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.case_summary.is_some());
        assert!(d
            .items
            .iter()
            .all(|i| i.rationale.is_some() && i.imro_citations.is_some()));
    }

    #[test]
    fn a_closing_summary_of_the_decisions_adds_no_items() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             MRI OF THE CERVICAL SPINE:  Upheld\n\n\
             Decision rationale: Nothing has changed. The request is not medically necessary.\n\n\
             URINE DRUG SCREEN:  Overturned\n\n\
             Decision rationale: A screen is reasonable. The request is medically necessary.\n\n\
             FINAL DETERMINATION SUMMARY\n\n\
             MRI of the cervical spine: Upheld (not medically necessary)\n\
             Urine drug screen: Overturned (medically necessary)\n";
        let d = assert_items(
            text,
            &["MRI OF THE CERVICAL SPINE", "URINE DRUG SCREEN"],
            &[Decision::Upheld, Decision::Overturned],
        );
        let last = d.items[1].rationale.expect("a rationale");
        assert!(!text[last.range()].contains("FINAL DETERMINATION"));
    }

    #[test]
    fn a_question_is_an_item_when_its_decision_sentence_wraps() {
        assert_items(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Is the requested urine drug test medically necessary and appropriate?\n\n\
             Decision: The request is not medically necessary and appropriate. The Claims Administrator's\n\
             decision is UPHELD.\n\n\
             Rationale: The MTUS recommends drug testing. The request is not medically necessary.\n",
            &["urine drug test"],
            &[Decision::Upheld],
        );
    }

    #[test]
    fn an_issue_stated_under_its_item_is_no_item_of_its_own() {
        assert_items(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Disputed Item and Issue 1\n\n\
             Item: Chiropractic treatment, 12 sessions, lumbar spine.\n\
             Issue: Whether the requested chiropractic treatment is medically necessary.\n\
             Guideline(s) used by the Expert Reviewer: MTUS, Manual therapy & manipulation, pages 58-60.\n\
             Rationale: He has had 18 visits without functional improvement.\n\
             Decision: The requested chiropractic treatment, 12 sessions, is not medically necessary. The\n\
             Claims Administrator's decision is upheld.\n\n\
             Disputed Item and Issue 2\n\n\
             Item: Zolpidem 10 mg #30.\n\
             Issue: Whether the requested zolpidem is medically necessary.\n\
             Rationale: Zolpidem is for short-term use.\n\
             Decision: The requested zolpidem 10 mg #30 is not medically necessary. The Claims\n\
             Administrator's decision is upheld.\n",
            &["Chiropractic treatment, 12 sessions, lumbar spine", "Zolpidem 10 mg #30"],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_relevant_clinical_history_heads_the_case_summary() {
        let text = "RELEVANT CLINICAL HISTORY\n\
             In 01/2025 he completed a 30-day home TENS trial.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             TENS unit, purchase: Upheld\n\n\
             Decision rationale: No trial is documented. The request is not medically necessary.\n";
        let d = assert_items(text, &["TENS unit, purchase"], &[Decision::Upheld]);
        let summary = d.case_summary.expect("a case summary");
        assert!(text[summary.range()].contains("30-day home TENS trial"));
    }

    #[test]
    fn an_issue_stated_under_its_label_with_the_determination_under_a_heading() {
        // "DISPUTED ITEM AND ISSUE" / "The issue is whether ..." / "DETERMINATION" / a sentence that
        // states it, wrapped.
        let text = "CLINICAL CASE SUMMARY\n\
             She has numbness in the right hand at night.\n\n\
             DISPUTED ITEM AND ISSUE\n\
             The issue is whether the request for right carpal tunnel release is medically necessary.\n\
             DETERMINATION\n\
             The request for right carpal tunnel release is medically necessary. The utilization\n\
             review decision is overturned.\n\
             RATIONALE\n\
             Nerve conduction studies confirm the diagnosis. Release is appropriate.\n\n\
             DISPUTED ITEM AND ISSUE\n\
             The issue is whether the request for postoperative occupational therapy, 4 sessions, is\n\
             medically necessary.\n\
             DETERMINATION\n\
             The request for postoperative occupational therapy is not medically necessary. The\n\
             utilization review decision is upheld.\n\
             RATIONALE\n\
             The course exceeds the guideline.\n";
        let d = assert_items(
            text,
            &[
                "right carpal tunnel release",
                "postoperative occupational therapy, 4 sessions",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        let rationale = &text[d.items[0].rationale.unwrap().range()];
        assert!(
            rationale.starts_with("Nerve conduction studies"),
            "{rationale}"
        );
        // The letter's title is no decision heading.
        assert!(!super::is_decision_heading("FINAL DETERMINATION"));
    }

    #[test]
    fn the_disputed_issue_stated_as_a_question_of_necessity_decides_nothing() {
        // "The disputed issue is whether X is medically necessary." names X; the decision is the
        // label's below.
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             She has neck pain and depression.\n\n\
             Disputed Item and Issue\n\
             The disputed issue is whether cognitive behavioral therapy, 12 sessions, is medically\n\
             necessary.\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, page 23.\n\
             Rationale: Twelve sessions exceed the initial trial.\n\
             Decision: Upheld.\n\n\
             Disputed Item and Issue\n\
             The disputed issue is whether alprazolam 0.5 mg #60 is medically necessary.\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, page 24.\n\
             Rationale: Benzodiazepines are for short-term use.\n\
             Decision: Upheld.\n",
            &["cognitive behavioral therapy, 12 sessions", "alprazolam 0.5 mg #60"],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_question_decides_nothing_and_a_table_s_rationales_may_sit_under_rationale_alone() {
        // "The issue is whether it is medically necessary" states no decision.
        assert!(super::item_sentence("The issue is whether it is medically necessary.").is_none());
        assert!(super::item_sentence("Lumbar MRI is not medically necessary.").is_some());
        // A determination table, then "RATIONALE" in capitals over the items.
        let text = "DETERMINATION

             #  | Disputed Item / Service          | Decision
             1  | Quetiapine 50 mg #30             | UPHELD
             2  | Psychological evaluation         | OVERTURNED

             CLINICAL CASE SUMMARY

             He has depression and chronic back pain after a fall from a ladder.

             RATIONALE

             Item 1. Quetiapine 50 mg #30: Upheld.
             Quetiapine is prescribed only for sleep, and low-dose quetiapine for insomnia is not recommended.

             Item 2. Psychological evaluation: Overturned.
             He has worsening depression and has never had a psychological evaluation.
";
        assert_items(
            text,
            &["Quetiapine 50 mg #30", "Psychological evaluation"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_sentence_restating_the_issue_under_a_labelled_service_is_no_part_of_it() {
        // "The claims administrator denied ..." and "Whether ... is medically necessary" open sentences
        // of their own under the service, with no blank line between.
        let text = "CLINICAL CASE SUMMARY
             She has narcolepsy and neck pain.

             DISPUTED ITEM AND ISSUE
             Item 1: Armodafinil 150 mg #30
             The claims administrator denied the request as not medically necessary.

             Decision: The denial is OVERTURNED. The request is medically necessary and appropriate.

             Guideline: ODG, Pain (Chronic) chapter, Armodafinil (Nuvigil).

             Rationale: She has narcolepsy confirmed by a sleep study.

             Disputed Item and Issue: Possible biceps tenodesis, right shoulder
             Whether a possible biceps tenodesis of the right shoulder is medically necessary and appropriate.

             Medical Treatment Guideline(s) Used by the Expert Reviewer: ODG, Shoulder, Biceps tenodesis.

             Rationale: The biceps tendon is normal.

             Decision: Upheld. The request is not medically necessary and appropriate.
";
        assert_items(
            text,
            &[
                "Armodafinil 150 mg #30",
                "Possible biceps tenodesis, right shoulder",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn an_item_named_before_its_issue_and_a_table_aligned_with_spaces() {
        // "The disputed item is X. The issue is whether the item is medically necessary."; the table's
        // cells a run of spaces apart, with a column of the utilization review's decision.
        let text = "No.  Disputed Treatment/Service            UR Decision     IMR Decision
             1    Right sacroiliac joint injection         Non-certified   Upheld
             2    L5-S1 interlaminar epidural injection    Non-certified   Overturned

             CLINICAL CASE SUMMARY
             She has low back pain.

             Disputed Item and Issue

             The disputed item is right sacroiliac joint injection. The issue is
             whether the item is medically necessary.

             Claims Administrator guideline: Decision based on ODG, Hip & Pelvis.

             Decision rationale: Fewer than three provocative tests are positive.

             Disputed Item and Issue

             The disputed item is L5-S1 interlaminar epidural injection. The issue is
             whether the item is medically necessary.

             Claims Administrator guideline: Decision based on MTUS page 46.

             Decision rationale: Radiculopathy is corroborated.
";
        assert_items(
            text,
            &[
                "right sacroiliac joint injection",
                "L5-S1 interlaminar epidural injection",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = super::Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = super::disputed_issue::table_rows(&letter, 0, 3);
        assert_eq!(
            super::disputed_issue::numbered_service(&rows, 1)
                .unwrap()
                .value,
            "Right sacroiliac joint injection"
        );
        assert_eq!(rows[1].decision.value, Decision::Overturned);
    }

    #[test]
    fn an_item_named_as_the_request_review_denied_then_its_issue_decided_after_the_rationale() {
        // "Utilization review non-certified a request for X. The issue is whether the procedure is
        // medically necessary." states the issue, not a decision; the decision closes the section.
        let text = "CLINICAL CASE SUMMARY
             She has knee pain.

             ITEM 1 OF 2

             DISPUTED ITEM AND ISSUE: UTILIZATION REVIEW NON-CERTIFIED A REQUEST FOR LEFT KNEE ARTHROSCOPY WITH
             PARTIAL MEDIAL MENISCECTOMY. THE ISSUE IS WHETHER THE PROCEDURE IS MEDICALLY NECESSARY.

             GUIDELINES RELIED UPON: ODG, KNEE & LEG, MENISCECTOMY.

             RATIONALE: SHE DENIES LOCKING OR CATCHING.

             DECISION: THE REQUEST IS NOT MEDICALLY NECESSARY.  UR DENIAL UPHELD.

             ITEM 2 OF 2

             DISPUTED ITEM AND ISSUE: UTILIZATION REVIEW DENIED A REQUEST FOR A HINGED LEFT KNEE BRACE. THE
             ISSUE IS WHETHER THE DEVICE IS MEDICALLY NECESSARY.

             GUIDELINES RELIED UPON: ODG, KNEE & LEG, KNEE BRACE.

             RATIONALE: THE KNEE IS STABLE.

             DECISION: THE REQUEST IS MEDICALLY NECESSARY.  OVERTURNED.
";
        assert_items(
            text,
            &[
                "LEFT KNEE ARTHROSCOPY WITH PARTIAL MEDIAL MENISCECTOMY",
                "HINGED LEFT KNEE BRACE",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_wrapped_table_cell_and_a_numbered_heading_wrapped_like_it() {
        // The service cell goes on below, alone in its column; the numbered heading as long as the
        // letter's lines wraps onto one more before its blocks. A decision alone on the line after a
        // heading is no part of it.
        let text = "No.  Disputed Treatment/Service                  UR Decision     IMR Decision\n\
                    1    MRI of the right shoulder                      Non-certified   Overturned\n\
                    2    Right shoulder arthroscopy with subacromial    Non-certified   Upheld\n     \
                         decompression and distal clavicle excision\n\
                    \n\
                    CLINICAL CASE SUMMARY\n\nHe has shoulder pain.\n\n\
                    IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                    1. MRI of the right shoulder\n\n\
                    Decision rationale: Impingement persists after therapy.\n\n\
                    2. Right shoulder arthroscopy with subacromial decompression and distal clavicle\n   \
                    excision\n\n\
                    Decision rationale: No imaging shows impingement.\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = super::Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = super::disputed_issue::table_rows(&letter, 0, 5);
        assert_eq!(
            super::disputed_issue::numbered_service(&rows, 2)
                .unwrap()
                .value,
            "Right shoulder arthroscopy with subacromial decompression and distal clavicle excision"
        );
        assert_items(
            text,
            &[
                "MRI of the right shoulder",
                "Right shoulder arthroscopy with subacromial decompression and distal clavicle excision",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        let decided_below = "No.  Disputed Treatment/Service    IMR Decision\n\
                             1    Lidoderm 5% patch #30            Upheld\n\n\
                             CLINICAL CASE SUMMARY\n\nHe has back pain.\n\n\
                             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                             1) LIDODERM 5% PATCH #30\n   Upheld\n\n\
                             Decision rationale: No neuropathic pain is described.\n";
        assert_items(
            decided_below,
            &["LIDODERM 5% PATCH #30"],
            &[Decision::Upheld],
        );
    }

    #[test]
    fn a_service_alone_on_its_line_before_the_administrator_s_block_with_the_decision_after() {
        // No table names the items; the claims administrator's block marks each heading.
        let text = "CLINICAL CASE SUMMARY\n\nSHE HAS NUMBNESS OF THE RIGHT HAND.\n\n\
                    IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                    RIGHT CARPAL TUNNEL RELEASE\n\n\
                    CLAIMS ADMINISTRATOR GUIDELINE: DECISION BASED ON MTUS ACOEM, HAND, WRIST, AND FOREARM.\n\n\
                    DECISION RATIONALE: NERVE CONDUCTION STUDIES CONFIRM THE DIAGNOSIS.\n\n\
                    DECISION: THE REQUEST IS MEDICALLY NECESSARY. THE UTILIZATION REVIEW DECISION IS OVERTURNED.\n\n\
                    BOTOX 200 UNITS\n\n\
                    CLAIMS ADMINISTRATOR GUIDELINE: DECISION BASED ON MTUS, BOTULINUM TOXIN.\n\n\
                    DECISION RATIONALE: MYOFASCIAL PAIN IS NO INDICATION.\n\n\
                    DECISION: THE REQUEST IS NOT MEDICALLY NECESSARY. THE UTILIZATION REVIEW DECISION IS UPHELD.\n";
        assert_items(
            text,
            &["RIGHT CARPAL TUNNEL RELEASE", "BOTOX 200 UNITS"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn block_and_decision_labels_bulleted_with_a_hyphen() {
        let text = "CLINICAL CASE SUMMARY\n\nShe has neck pain.\n\n\
                    The reviewer's determinations on the disputed items are given below.\n\
                    Item 1 of 2 - Work hardening, 10 sessions\n  \
                      - Claims Administrator guideline: ODG, Neck and Upper Back, Work hardening.\n  \
                      - Determination: UPHELD - not medically necessary.\n\
                    Rationale: No return-to-work goal is identified.\n\
                    Item 2 of 2 - Cyclobenzaprine 10 mg #30\n  \
                      * MAXIMUS guideline: ODG, Pain, Muscle relaxants (for pain).\n  \
                      * Determination: OVERTURNED - medically necessary.\n\
                    Rationale: A flare is documented.\n";
        assert_items(
            text,
            &["Work hardening, 10 sessions", "Cyclobenzaprine 10 mg #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn decisions_glued_to_their_dash_and_rationales_closed_by_a_decision_label() {
        // "Decision: Upheld—not medically necessary"; a rationale whose last line runs a sentence on
        // into "Decision: Overturned." names no item of its own.
        let text = "CLINICAL CASE SUMMARY\n\nShe has neck pain.\n\n\
                    IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                    Question 1: Is the cervical MRI medically necessary?\n\n\
                    Decision: Overturned\u{2014}medically necessary\n\n\
                    Decision rationale: A C6 deficit is documented.\n\n\
                    Question 2: Is the EMG medically necessary?\n\n\
                    Decision: Upheld-not medically necessary\n\n\
                    Decision rationale: No peripheral neuropathy is suspected.\n";
        assert_items(
            text,
            &["cervical MRI", "EMG"],
            &[Decision::Overturned, Decision::Upheld],
        );
        let text = "| # | Disputed item / service                | Determination |\n\
                    | 1 | MRI of the cervical spine              | Overturned    |\n\
                    | 2 | Acupuncture, 2 times a week for 3      | Upheld        |\n\
                    |   | weeks, cervical spine                  |               |\n\n\
                    CLINICAL CASE SUMMARY\n\nShe has neck pain.\n\n\
                    IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                    MRI of the cervical spine\n\n\
                    Decision rationale: A C6 deficit is documented, and imaging is\n\
                    warranted. The request is medically necessary. Decision: Overturned.\n\n\
                    Acupuncture, 2 times a week for 3 weeks, cervical spine\n\n\
                    Decision rationale: Six prior sessions gave no functional improvement.\n";
        let expected = [
            "MRI of the cervical spine",
            "Acupuncture, 2 times a week for 3 weeks, cervical spine",
        ];
        assert_items(text, &expected, &[Decision::Overturned, Decision::Upheld]);
        // The same rationale wrapped narrower, its decision word alone on the last line.
        let rewrapped = text.replace(
            "necessary. Decision: Overturned.",
            "necessary. Decision:\nOverturned.",
        );
        assert_items(
            &rewrapped,
            &expected,
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn items_named_by_number_take_their_services_from_the_list_or_table_above() {
        // A table with its cells a tab apart and a column of the utilization review's determination;
        // items headed "Request #N" alone, their blocks right after.
        let text = "IMR DETERMINATIONS AT A GLANCE\n\
             Request #\tService\tUR Determination\tIMR Determination\n\
             1\tFunctional restoration program, 160 hours\tNon-certified\tOverturned\n\
             2\tGym membership, 6 months\tNon-certified\tUpheld\n\n\
             CLINICAL CASE SUMMARY\n\
             She has chronic low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Request #1\n\
             MAXIMUS guideline: Decision based on MTUS Chronic pain programs, pages 30-34.\n\
             Decision rationale: The program is indicated. The request is medically necessary.\n\n\
             Request #2\n\
             MAXIMUS guideline: Decision based on ODG Gym memberships.\n\
             Decision rationale: No equipment need is shown. The request is not medically necessary.\n";
        assert_items(
            text,
            &[
                "Functional restoration program, 160 hours",
                "Gym membership, 6 months",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        // A list naming each issue, and items headed by the number with their decision.
        let text = "DISPUTED ITEMS/SERVICES\n\
             Issue 1.  OxyContin 30 mg #60\n\
             Issue 2.  Docusate sodium 100 mg #60\n\n\
             CLINICAL CASE SUMMARY\n\
             He takes OxyContin.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Issue 1: Upheld\n\
             MAXIMUS guideline: Decision based on MTUS Opioids, pages 76-80.\n\
             Decision rationale: No functional benefit. The request is not medically necessary.\n\n\
             Issue 2: Overturned\n\
             MAXIMUS guideline: Decision based on MTUS Opioids, page 77.\n\
             Decision rationale: He is constipated. The request is medically necessary.\n";
        assert_items(
            text,
            &["OxyContin 30 mg #60", "Docusate sodium 100 mg #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn the_utilization_review_s_decision_set_off_by_a_slash_before_the_reviewer_s() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has migraines.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             SUMATRIPTAN 50 MG #9\n\n\
             UR DECISION: Non-certified / IMR DECISION: Overturned\n\n\
             MAXIMUS guideline: Decision based on ODG Head, Triptans.\n\n\
             Decision rationale: Triptans are recommended for migraine. The request is medically necessary.\n";
        assert_items(text, &["SUMATRIPTAN 50 MG #9"], &[Decision::Overturned]);
    }

    #[test]
    fn a_summary_heading_in_title_case_may_run_on_into_its_text() {
        let text =
            "Expert Reviewer Case Summary The patient is a 34-year-old driver with knee pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Knee brace: Upheld\n\n\
             Decision rationale: The knee is stable. The request is not medically necessary.\n";
        let d = assert_items(text, &["Knee brace"], &[Decision::Upheld]);
        assert_summary_starts(text, &d, "The patient is a 34-year-old");
    }

    fn assert_summary_starts(text: &str, d: &Determination, start: &str) {
        let summary = &text[d.case_summary.expect("a case summary").range()];
        assert!(summary.starts_with(start), "{summary}");
    }

    #[test]
    fn a_summary_of_determinations_above_the_items_is_their_table() {
        // The table up front is headed as a closing summary would be; the items are numbered
        // headings under it.
        assert_items(
            "FINAL DETERMINATION\n\n\
             SUMMARY OF DETERMINATIONS\n\n\
             Item  Requested service                          Determination\n\
             1     Right shoulder rotator cuff repair         OVERTURNED\n\
             2     Tramadol ER 150 mg #30                     UPHELD\n\n\
             ITEM 1. RIGHT SHOULDER ROTATOR CUFF REPAIR\n\n\
             Guidelines: MTUS ACOEM Chapter 9, pages 209-211.\n\n\
             Rationale: The tear is full thickness. Determination: overturned.\n\n\
             ITEM 2. TRAMADOL ER 150 MG #30\n\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96.\n\n\
             Rationale: Pain fell from 8 to 4. Determination: upheld.\n",
            &[
                "RIGHT SHOULDER ROTATOR CUFF REPAIR",
                "TRAMADOL ER 150 MG #30",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_case_synopsis_or_background_is_the_case_summary() {
        for heading in [
            "CASE SYNOPSIS",
            "BACKGROUND AND RECORDS REVIEWED",
            "WHAT THE RECORDS SHOW",
        ] {
            let text = format!(
                "{heading}\n\n\
                 The mechanic fell from a ladder onto his right arm.\n\n\
                 Right shoulder rotator cuff repair: Overturned\n\n\
                 Rationale: The tear is full thickness. The repair is medically necessary.\n"
            );
            let d = assert_items(
                &text,
                &["Right shoulder rotator cuff repair"],
                &[Decision::Overturned],
            );
            assert_summary_starts(&text, &d, "The mechanic fell");
        }
    }

    #[test]
    fn a_decision_heading_above_its_sentence_decides_a_headed_item() {
        // The sentence may follow the heading on the next line or after a blank line, and may be
        // "Not medically necessary. Upheld.", whose first word is the verdict's.
        for gap in ["\n", "\n\n"] {
            let text = format!(
                "BACKGROUND\nThe worker injured his back lifting a package.\n\n\
                 ITEM 1 OF 2: RIGHT SACROILIAC JOINT INJECTION\n\
                 GUIDELINES APPLIED\n\
                 ODG, Hip and Pelvis, Sacroiliac joint injections (SJI).\n\
                 RATIONALE\n\
                 The provocation tests are not documented.\n\
                 DETERMINATION{gap}Not medically necessary. Upheld.\n\n\
                 ITEM 2 OF 2: LUMBAR MRI\n\
                 GUIDELINES APPLIED\n\
                 ACOEM Chapter 12, page 303.\n\
                 RATIONALE\n\
                 A new neurological deficit is documented.\n\
                 DETERMINATION{gap}The request is medically necessary. Overturned.\n"
            );
            assert_items(
                &text,
                &["RIGHT SACROILIAC JOINT INJECTION", "LUMBAR MRI"],
                &[Decision::Upheld, Decision::Overturned],
            );
        }
    }

    #[test]
    fn a_closing_sentence_with_the_service_as_its_subject_decides_the_item() {
        assert_items(
            "CLINICAL CASE SUMMARY\n\nShe has end-stage arthritis of the shoulder.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Is an assistant surgeon medically necessary and appropriate?\n\n\
             Criteria used: ODG, Shoulder, Surgical assistant.\n\n\
             The procedure almost always requires one. The assistant surgeon is medically necessary\n\
             and appropriate.\n\n\
             2. Are 24 sessions of postoperative physical therapy medically necessary and appropriate?\n\n\
             Criteria used: MTUS Postsurgical Treatment Guidelines, Shoulder.\n\n\
             The initial course is 12 visits. Twenty-four sessions of postoperative physical therapy\n\
             are not medically necessary and appropriate.\n",
            &[
                "assistant surgeon",
                "24 sessions of postoperative physical therapy",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_sentence_restating_the_decision_line_above_it_is_no_item() {
        let text = "CLINICAL CASE SUMMARY\n\
             He has back pain and takes tramadol.\n\n\
             Disputed Items/Services\n\n\
             1. Is Tramadol ER 150 mg #30 medically necessary and appropriate?\n\n\
             Decision: Upheld\n\n\
             The request for Tramadol ER 150 mg #30 is not medically necessary and appropriate.\n\n\
             Guidelines Used: MTUS, Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
             Rationale: The records do not document pain relief or function.\n\n\
             2. Is Omeprazole 20 mg #60 medically necessary and appropriate?\n\n\
             Decision: Overturned\n\n\
             The request for Omeprazole 20 mg #60 is medically necessary and appropriate.\n\n\
             Guidelines Used: MTUS, NSAIDs, GI symptoms, pages 68-69.\n\n\
             Rationale: He is 68 and takes aspirin.\n";
        assert_items(
            text,
            &["Tramadol ER 150 mg #30", "Omeprazole 20 mg #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn the_effect_of_the_decision_after_the_last_item_is_no_part_of_its_rationale() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Cervical medial branch blocks: Upheld\n\n\
             Claims Administrator guideline: ODG Neck, Facet joint diagnostic blocks.\n\n\
             Decision rationale: Her pain is radicular. The request is not medically necessary.\n\n\
             EFFECT OF THE DECISION: THE CLAIMS ADMINISTRATOR IS REQUIRED TO IMPLEMENT THE \
             OVERTURNED PORTION OF THIS DECISION.\n";
        let d = assert_items(
            text,
            &["Cervical medial branch blocks"],
            &[Decision::Upheld],
        );
        let rationale = &text[d.items[0].rationale.expect("a rationale").range()];
        assert!(!rationale.contains("IMPLEMENT"), "{rationale}");
    }

    #[test]
    fn items_introduced_in_sentences_with_renamed_labels() {
        let text = "CLINICAL CASE SUMMARY\n\
             He has neck pain with a C6 radiculopathy.\n\n\
             The first request is for a repeat cervical epidural steroid injection at C5-6.\n\n\
             Standards applied by the Claims Administrator: MTUS Chronic Pain, ESIs, page 46.\n\n\
             Reasoning: The first injection gave 20 percent relief for two weeks. The request for a\n\
             repeat cervical epidural steroid injection at C5-6 is not medically necessary and\n\
             appropriate.\n\n\
             The next request is for an MRI of the cervical spine.\n\n\
             Standards applied by the Expert Reviewer: ACOEM Chapter 8, page 177.\n\n\
             Reasoning: New weakness is documented. The request for an MRI of the cervical spine is\n\
             medically necessary and appropriate.\n";
        assert_items(
            text,
            &[
                "repeat cervical epidural steroid injection at C5-6",
                "MRI of the cervical spine",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn notice_sections_numbered_as_the_decision_list_and_regarding_retrospective_requests() {
        let text = "Notice of Independent Medical Review Determination\n\n\
             CLINICAL CASE SUMMARY\n\
             He has neck pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Retrospective request for omeprazole 20mg #60 (DOS 07/18/2013) is not medically necessary\n\
             and appropriate.\n\
             2. Tramadol ER 150mg #30 is medically necessary and appropriate.\n\n\
             1. Retrospective request for omeprazole 20mg #60 (DOS 07/18/2013):\n\
             Claims Administrator guideline: MTUS Chronic Pain, NSAIDs, pages 68-69.\n\
             Decision rationale: He has no GI risk factor. The request is not medically necessary.\n\n\
             2) Regarding the retrospective request for Tramadol ER 150mg #30:\n\
             Claims Administrator guideline: MTUS Chronic Pain, Opioids, pages 76-80.\n\
             Decision rationale: The four A's are documented. The request is medically necessary.\n";
        assert_items(
            text,
            &[
                "Retrospective request for omeprazole 20mg #60 (DOS 07/18/2013)",
                "Tramadol ER 150mg #30",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn items_numbered_of_their_total_with_standards_applied() {
        let text = "CLINICAL CASE SUMMARY\n\
             SHE HAS SHOULDER PAIN AND DEPRESSION.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             ITEM 1 OF 2: BIOFEEDBACK, 6 SESSIONS\n\n\
             STANDARD(S) APPLIED: MTUS CHRONIC PAIN MEDICAL TREATMENT GUIDELINES, BIOFEEDBACK, PAGES 24-25.\n\n\
             RATIONALE: BIOFEEDBACK IS NOT SUPPORTED ON ITS OWN.\n\n\
             DECISION: THE REQUEST IS NOT MEDICALLY NECESSARY. THE UTILIZATION REVIEW DECISION IS UPHELD.\n\n\
             ITEM 2 OF 2: BUPROPION XL 300 MG #30\n\n\
             STANDARD(S) APPLIED: ODG, MENTAL ILLNESS & STRESS, BUPROPION.\n\n\
             RATIONALE: HER DEPRESSION RESPONDED.\n\n\
             DECISION: THE REQUEST IS MEDICALLY NECESSARY. OVERTURNED.\n";
        assert_items(
            text,
            &["BIOFEEDBACK, 6 SESSIONS", "BUPROPION XL 300 MG #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_service_line_or_decision_label_deciding_part_of_the_request_upholds_it() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has depression after a knee injury.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Cognitive behavioral psychotherapy, 12 sessions:  Partially certified\n\n\
             Claims Administrator guideline: MTUS, Behavioral interventions, page 23.\n\n\
             Decision rationale: An initial trial of 3-4 visits is supported. The request is partially\n\
             certified: 4 of 12 sessions.\n\n\
             DISPUTED ITEM AND ISSUE\n\
             Item 2: Physical therapy 2 times a week for 6 weeks, bilateral shoulders\n\
             Issue: Whether the requested service is medically necessary and appropriate.\n\n\
             Decision: The non-certification is overturned in part. The request is partially certified: 10\n\
             visits are certified, and the remaining 2 visits are non-certified.\n\n\
             Rationale: The MTUS allows 9 to 10 visits for myalgia.\n";
        assert_items(
            text,
            &[
                "Cognitive behavioral psychotherapy, 12 sessions",
                "Physical therapy 2 times a week for 6 weeks, bilateral shoulders",
            ],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn items_discussed_by_letter_and_decided_in_a_closing_list() {
        // The list up front states no decision; each item is discussed in a paragraph keyed by its
        // letter, and decided in the list at the end.
        let text = "The items disputed in this review are identified by letter:\n\n\
                    A. Rizatriptan 10 mg ODT #12\n\
                    B. Sentra PM #60\n\n\
                    Clinical history. He has daily tension-type headaches.\n\n\
                    Discussion of item A. ODG recommends triptans for migraine. These headaches are\n\
                    bilateral, pressing and daily, lack every associated feature of migraine, and were\n\
                    classified as tension-type, yet a small supply for the worst days is reasonable.\n\n\
                    Discussion of item B. Reference: ODG Pain (Chronic), Medical food. Sentra PM is a\n\
                    medical food, and insomnia has no distinctive nutritional requirement that a food\n\
                    would meet; no sleep evaluation has been done, and no deficiency is documented.\n\n\
                    FINAL DETERMINATION BY ITEM\n\n\
                    A. Rizatriptan 10 mg ODT #12 - OVERTURNED. Medically necessary.\n\
                    B. Sentra PM #60 - UPHELD. Not medically\n\
                    necessary.\n";
        let d = assert_items(
            text,
            &["Rizatriptan 10 mg ODT #12", "Sentra PM #60"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert_eq!(d.layout, crate::letter::Layout::NumberedIssues);
        let rationale = &text[d.items[1].rationale.expect("a rationale").range()];
        assert!(
            rationale.contains("insomnia has no distinctive"),
            "{rationale}"
        );
    }

    #[test]
    fn a_table_s_numbered_rows_list_the_items_keyed_below() {
        // Rows numbered and set apart by blanks, with no mark after the number; each item discussed
        // under "Item N - service (decision)".
        let text = "DISPUTED ITEMS AND DETERMINATIONS\n\n\
                    \x20 #   Disputed Item/Service                      Determination\n\
                    \x20 1   Cervical epidural steroid injection, C6-C7      Upheld\n\
                    \x20 2   Right carpal tunnel release                    Overturned\n\n\
                    CLINICAL CASE SUMMARY\n\n\
                    He has right arm pain and numbness of the hand.\n\n\
                    RATIONALE FOR EACH DISPUTED ITEM\n\n\
                    Item 1 - Cervical epidural steroid injection, C6-C7 (Upheld)\n\n\
                    Guideline basis: MTUS Chronic Pain Medical Treatment Guidelines, page 46.\n\n\
                    No imaging corroborates a radiculopathy. The request is not medically necessary.\n\n\
                    Item 2 - Right carpal tunnel release (Overturned)\n\n\
                    Guideline basis: MTUS ACOEM Chapter 11, page 270.\n\n\
                    The nerve study confirms a moderate median neuropathy. The release is medically\n\
                    necessary.\n";
        let d = assert_items(
            text,
            &[
                "Cervical epidural steroid injection, C6-C7",
                "Right carpal tunnel release",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
        let rationale = &text[d.items[1].rationale.expect("a rationale").range()];
        assert!(rationale.contains("median neuropathy"), "{rationale}");
    }

    #[test]
    fn an_issue_asked_under_an_item_s_label_is_that_item_s_question() {
        // "Item 3: X" then "Issue: Is the requested X medically necessary and appropriate?": one item,
        // whose label may be glued ("Disputed Itemand Issue").
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n\
                    An expert reviewer reviewed the case file.\n\n\
                    CLINICAL CASE SUMMARY\n\n\
                    She has chronic low back pain.\n\n\
                    DISPUTED ITEM AND ISSUE\n\n\
                    Item 1: Chiropractic treatment, 12 visits\n\n\
                    Issue: Is the requested chiropractic treatment medically necessary and appropriate?\n\n\
                    Decision rationale: Twelve visits exceed the trial of six.\n\n\
                    DETERMINATION: The request is not medically necessary. The denial is upheld.\n\n\
                    Disputed Itemand Issue\n\n\
                    Item 2: Tramadol 50 mg #90\n\n\
                    Issue: Is the requested tramadol medically necessary and appropriate?\n\n\
                    Decision rationale: The 4 A's are documented.\n\n\
                    DETERMINATION: The request is medically necessary. The denial is overturned.\n";
        assert_items(
            text,
            &["Chiropractic treatment, 12 visits", "Tramadol 50 mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_section_of_prose_alone_under_its_heading_is_the_rationale() {
        // The table gives the decisions; each section under "ITEM N. SERVICE: DECISION" is the
        // reviewer's paragraphs, with no "Rationale:" label and no citations of their own.
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n\
                    AN EXPERT REVIEWER REVIEWED THE CASE FILE.\n\n\
                    IMR DETERMINATION TABLE\n\n\
                    \x20 #   DISPUTED ITEM/SERVICE              DETERMINATION\n\
                    \x20 1   RIGHT CARPAL TUNNEL RELEASE        OVERTURNED\n\
                    \x20 2   ASSISTANT SURGEON                  UPHELD\n\n\
                    CLINICAL CASE SUMMARY\n\n\
                    SHE HAS NUMBNESS OF THE RIGHT HAND AT NIGHT.\n\n\
                    RATIONALE FOR EACH DETERMINATION\n\n\
                    ITEM 1. RIGHT CARPAL TUNNEL RELEASE: OVERTURNED\n\n\
                    THE NERVE STUDY SHOWS A MODERATE MEDIAN NEUROPATHY. THE SURGERY IS MEDICALLY\n\
                    NECESSARY.\n\n\
                    ITEM 2. ASSISTANT SURGEON: UPHELD\n\n\
                    AN ASSISTANT IS ALMOST NEVER NEEDED FOR THIS PROCEDURE. AN ASSISTANT SURGEON IS\n\
                    NOT MEDICALLY NECESSARY.\n";
        let d = assert_items(
            text,
            &["RIGHT CARPAL TUNNEL RELEASE", "ASSISTANT SURGEON"],
            &[Decision::Overturned, Decision::Upheld],
        );
        let rationale = &text[d.items[1].rationale.expect("a rationale").range()];
        assert!(
            rationale.starts_with("AN ASSISTANT IS ALMOST"),
            "{rationale}"
        );
        assert!(rationale.trim_end().ends_with("NECESSARY."), "{rationale}");
    }

    #[test]
    fn the_utilization_review_s_decision_below_a_labelled_service_is_no_part_of_it() {
        let text = "BACKGROUND\n\nHe had a right knee arthroscopy on 01/05/2023.\n\n\
                    Item 1 of 2: Lyrica (pregabalin) 75 mg #60\n\
                    UR decision: Non-certified\n\n\
                    Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Pregabalin, pages 19-20.\n\n\
                    No neuropathic pain is described.\n\n\
                    Decision: UPHELD. Lyrica 75 mg #60 is not medically necessary.\n\n\
                    Item 2 of 2: Norco 5/325 mg #42\n\
                    UR decision: Modified to #20\n\n\
                    Guidelines: MTUS Opioids Treatment Guidelines, post-operative pain.\n\n\
                    A short post-operative course is reasonable.\n\n\
                    Decision: OVERTURNED. Norco 5/325 mg #42 is medically necessary.\n";
        // Also where no blank line tells the paragraphs.
        let unbroken = text.replace("\n\n", "\n");
        for text in [text, unbroken.as_str()] {
            assert_items(
                text,
                &["Lyrica (pregabalin) 75 mg #60", "Norco 5/325 mg #42"],
                &[Decision::Upheld, Decision::Overturned],
            );
        }
    }

    #[test]
    fn an_authority_label_heads_the_citations() {
        let d = assert_items(
            "Summary of the medical records\n\
             The worker fractured his right wrist.\n\n\
             Analysis and findings\n\
             A. CT scan of the right wrist\n\
             Authority: ODG Forearm, Wrist & Hand, Computed tomography (CT).\n\n\
             The fracture has healed and the hardware is intact.\n\n\
             Decision: Not medically necessary - Upheld.\n",
            &["CT scan of the right wrist"],
            &[Decision::Upheld],
        );
        assert!(d.items[0].imro_citations.is_some());
    }

    #[test]
    fn the_last_of_a_list_of_questions_is_no_item() {
        // Each question of the list is one under another; the summary after the last is the letter's.
        assert_items(
            "QUESTIONS PRESENTED\n\n\
             1. Is a home health aide, 4 hours per day, medically necessary and\n\
             appropriate?\n\
             2. Is pregabalin 75 mg, #60, medically necessary and appropriate?\n\n\
             SUMMARY OF THE MEDICAL RECORDS\n\n\
             The worker twisted his knee. He walks with crutches.\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, pages 51.\n\n\
             QUESTION 1: HOME HEALTH AIDE, 4 HOURS PER DAY\n\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Home health services, page 51.\n\n\
             Rationale: He is not homebound. Determination: The request is not medically necessary.\n\n\
             QUESTION 2: PREGABALIN 75 MG #60\n\n\
             Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Pregabalin, page 99.\n\n\
             Rationale: There is no neuropathic pain. Determination: The request is not medically necessary.\n",
            &["HOME HEALTH AIDE, 4 HOURS PER DAY", "PREGABALIN 75 MG #60"],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_closing_clause_after_a_semicolon_states_the_decision() {
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             The worker has low back pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1 - Physical therapy, lumbar spine, 12 visits\n\n\
             Guideline(s): MTUS Chronic Pain Medical Treatment Guidelines, Physical medicine, pages 98-99.\n\n\
             Reason for determination: She has completed 36 visits. Further formal therapy is not\n\
             supported; the request is not medically necessary.\n",
            &["Physical therapy, lumbar spine, 12 visits"],
            &[Decision::Upheld],
        );
    }

    #[test]
    fn decisions_wrapped_onto_the_next_line() {
        // A reflowed letter breaks lines where the original did not: inside a decision's parenthesis,
        // after a dash item's dash, inside a decision sentence after a utilization review's line.
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             The worker has low back pain radiating to the left leg.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Disputed Item 1: Duloxetine 60 mg #30. Decision: UPHELD (not medically\n\
             necessary).\n\
             Basis: MTUS Chronic Pain Medical Treatment Guidelines, Antidepressants, pages 13-16.\n\
             Rationale: No benefit is documented.\n\n\
             (2) Left L4-5 hemilaminotomy and decompression -\n\
             OVERTURNED. Medically necessary.\n\
             Guidelines: MTUS ACOEM Practice Guidelines, Chapter 12, pages 305-307.\n\
             Rationale: Progressive weakness is documented.\n\n\
             ISSUE 3 OF 3\n\n\
             Requested treatment: Lumbar MRI\n\n\
             Utilization Review determination: Non-certified\n\n\
             IMR decision: The requested service is medically necessary. The Utilization Review\n\
             determination is overturned.\n\n\
             Guidelines relied on: MTUS ACOEM Practice Guidelines, Chapter 12, page 303.\n\
             Rationale: A red flag is documented.\n",
            &[
                "Duloxetine 60 mg #30",
                "Left L4-5 hemilaminotomy and decompression",
                "Lumbar MRI",
            ],
            &[Decision::Upheld, Decision::Overturned, Decision::Overturned],
        );
        // A heading wrapped over three lines, a decision word wrapped after its label, a label with no
        // colon over a wrapped service, a service ending its sentence.
        let text = "CLINICAL CASE SUMMARY\n\
             The worker has low back pain.\n\n\
             Requested Service #1 — Trigger point injections ×4, lumbar paraspinal\n\
             muscles — DENIAL\n\
             OVERTURNED\n\n\
             Guidelines applied: MTUS Chronic Pain Medical Treatment Guidelines, page 122.\n\
             Rationale: Trigger points with a twitch response are documented.\n\n\
             Disputed Item 2: Dental evaluation and crown, tooth #19. Decision:\n\
             UPHELD (not medically necessary).\n\
             Basis: The MTUS does not address dental care.\n\
             Rationale: No dental examination is documented.\n\n\
             REQUEST 3 OF 4 - Extracorporeal shockwave therapy, right plantar\n\
             fascia, 3 sessions\n\n\
             Reviewer's determination: OVERTURN. The requested service is medically necessary.\n\n\
             Guidelines: ODG Ankle & Foot, Extracorporeal shock wave therapy.\n\n\
             Clinical rationale: Heel pain has persisted for a year.\n\n\
             Disputed Item 4: Orthopedic surgeon consultation, left shoulder.\n\
             Decision: OVERTURNED (medically necessary).\n\
             Basis: MTUS ACOEM Practice Guidelines, Shoulder Disorders, Referral.\n\
             Rationale: The tear is documented.\n";
        let d = assert_items(
            text,
            &[
                "Trigger point injections ×4, lumbar paraspinal muscles",
                "Dental evaluation and crown, tooth #19",
                "Extracorporeal shockwave therapy, right plantar fascia, 3 sessions",
                "Orthopedic surgeon consultation, left shoulder",
            ],
            &[
                Decision::Overturned,
                Decision::Upheld,
                Decision::Overturned,
                Decision::Overturned,
            ],
        );
        // The wrapped heading's service points at the letter's text over both lines.
        let first = &d.items[0].service;
        assert!(text[first.span.range()].ends_with("paraspinal\nmuscles"));
    }

    #[test]
    fn labelled_items_whose_prose_states_the_decision() {
        // The notice's title over the seed layout's body: the layout that reads items reads it.
        let d = assert_items(
            "Notice of Independent Medical Review Determination\n\n\
             CLINICAL CASE SUMMARY\n\
             The worker has low back pain radiating to both feet.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Disputed Item 1: Bilateral L4-5 transforaminal epidural steroid injection\n\
             Cited guidelines: MTUS Chronic Pain Medical Treatment Guidelines, page 46.\n\
             Decision and rationale: The Claims Administrator's decision is overturned. The exam and\n\
             the MRI agree.\n\n\
             Disputed Item/Service: Carisoprodol 350mg #90\n\
             Medical Treatment Guideline(s) relied upon: MTUS Chronic Pain, page 29.\n\
             Reasoning: The MTUS does not recommend carisoprodol. Therefore, the request for\n\
             carisoprodol is not medically necessary and the denial is upheld.\n\n\
             Disputed Item 3: Lumbar MRI\n\
             Rationale: There are no red flags. The request for a lumbar MRI is not medically necessary.\n",
            &["Bilateral L4-5 transforaminal epidural steroid injection", "Carisoprodol 350mg #90", "Lumbar MRI"],
            &[Decision::Overturned, Decision::Upheld, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
        assert!(d.items[..2].iter().all(|i| i.imro_citations.is_some()));
    }

    #[test]
    fn labelled_services_wrapped_with_their_decision_on_the_second_line() {
        let d = assert_items(
            "CLINICAL CASE SUMMARY\n\
             She had arthroscopic subacromial decompression.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1 of 2: Postoperative physical therapy, right\n\
             shoulder, 12 visits: Overturned\n\n\
             MAXIMUS guideline: Decision based on MTUS Postsurgical Treatment Guidelines.\n\n\
             Decision rationale: Twelve visits are the initial course. The request is medically necessary.\n\n\
             Item 2 of 2: UltraSling abduction pillow sling:\n\
             Upheld\n\n\
             MAXIMUS guideline: Decision based on ODG, Shoulder, Postoperative abduction pillow sling.\n\n\
             Decision rationale: The repair was arthroscopic. The request is not medically necessary.\n",
            &["Postoperative physical therapy, right shoulder, 12 visits", "UltraSling abduction pillow sling"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn numbered_headings_with_the_decision_stated_before_the_blocks() {
        // Single-spaced: the decision's sentences run straight on from the heading to the guideline.
        let d = assert_items(
            "CASE SUMMARY\n\
             The employee has neck pain radiating into the right arm.\n\n\
             FINAL DETERMINATION AND RATIONALE\n\
             1) MRI of the cervical spine without contrast\n\
             The requested MRI of the cervical spine is not medically necessary.\n\
             The Utilization Review decision is upheld.\n\
             Guideline: MTUS ACOEM Chapter 8, pages 177-179.\n\
             Rationale: There are no deficits. MRI is not supported.\n\n\
             2) EMG/NCV of the bilateral upper extremities\n\
             The requested EMG/NCV is medically necessary. The Utilization Review decision is overturned.\n\
             Guideline: MTUS ACOEM Chapter 8, page 178.\n\
             Rationale: He has C6 sensory loss. EMG is supported.\n",
            &["MRI of the cervical spine without contrast", "EMG/NCV of the bilateral upper extremities"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn paragraphs_opened_by_the_notice_s_decision_sentence() {
        // No header and no block: each paragraph opens with its decision, its rationale running on.
        let d = assert_items(
            "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\n\n\
             CLINICAL CASE SUMMARY\n\
             The injured worker has low back pain.\n\n\
             DETERMINATIONS\n\
             The requested home health aide is not medically necessary. MTUS page 51 recommends home\n\
             health only for patients who are homebound. The patient is not homebound.\n\n\
             The requested Norco 5/325mg #60 is medically necessary. MTUS pages 78-80 support\n\
             continued opioid therapy. Pain fell from 8/10 to 4/10.\n",
            &["home health aide", "Norco 5/325mg #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn sections_headed_by_the_question_they_answer_in_capitals() {
        // The question states no decision: each section's closing sentence does.
        let d = assert_items(
            "CLINICAL CASE SUMMARY\n\
             The employee has insomnia and low back pain.\n\n\
             DECISION AND RATIONALE\n\n\
             1. IS A POLYSOMNOGRAM (SLEEP STUDY) MEDICALLY NECESSARY\n\
             AND APPROPRIATE?\n\
             The Claims Administrator based its decision on the ODG, Pain Chapter, Polysomnography.\n\
             The Expert Reviewer based his/her decision on the ODG, Pain Chapter, Polysomnography.\n\
             Rationale for the Decision: The complaint has lasted two months.\n\
             The request for a polysomnogram is not medically necessary and appropriate.\n\n\
             2. IS A URINE DRUG SCREEN MEDICALLY NECESSARY AND\n\
             APPROPRIATE?\n\
             The Claims Administrator based its decision on the MTUS, page 43.\n\
             The Expert Reviewer based his/her decision on the MTUS, Drug testing, page 43.\n\
             Rationale for the Decision: Drug testing is a reasonable part of the plan.\n\
             The request for a urine drug screen is medically necessary and appropriate.\n",
            &["POLYSOMNOGRAM (SLEEP STUDY)", "URINE DRUG SCREEN"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn a_notice_paragraph_whose_rationale_has_a_dash_where_its_opening_is_read_does_not_fail() {
        // The first 120 bytes after the decision sentence end inside a three-byte dash.
        let rationale = format!("{}\u{2014} the notes show it.", "x".repeat(119));
        let letter = format!(
            "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\n\n\
             CLINICAL CASE SUMMARY\n\
             The injured worker has low back pain.\n\n\
             DETERMINATIONS\n\
             The requested home health aide is not medically necessary. {rationale}\n\n\
             The requested Norco 5/325mg #60 is medically necessary. Pain fell from 8/10 to 4/10.\n"
        );
        assert_items(
            &letter,
            &["home health aide", "Norco 5/325mg #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn rationales_keyed_to_the_rows_of_a_table_above() {
        let d = assert_items(
            "CLINICAL CASE SUMMARY\n\
             The injured worker has low back pain.\n\n\
             | # | Disputed Item/Service | Determination |\n\
             |---|---|---|\n\
             | 1 | Tramadol ER 150 mg #30 | Overturned |\n\
             | 2 | Chiropractic treatment 2x4, lumbar spine | Upheld |\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Rationale, item 1: MTUS supports ongoing opioid management with documented pain relief.\n\
             Pain decreases from 8/10 to 4/10. Tramadol ER is medically necessary.\n\n\
             Rationale for item 2: MTUS recommends a trial of 6 visits. She has had 18 visits without\n\
             gain. The request is not medically necessary.\n",
            &["Tramadol ER 150 mg #30", "Chiropractic treatment 2x4, lumbar spine"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn issue_headers_with_the_decision_stated_before_the_blocks() {
        // The notice's determinations: each issue's decision in a paragraph between its header and
        // its guideline.
        let d = assert_items(
            "SUMMARY OF THE CASE\n\
             The employee has low back pain and insomnia.\n\n\
             DETERMINATIONS\n\n\
             Issue 1: Ambien 10 mg #30\n\n\
             The requested Ambien 10 mg #30 is not medically necessary. The decision of the\n\
             claims administrator is upheld.\n\n\
             Guideline: Official Disability Guidelines (ODG), Pain (Chronic), Zolpidem.\n\n\
             Rationale: Zolpidem is for short-term use. Ambien 10 mg #30 is not medically necessary.\n\n\
             Issue 2: Gabapentin 600 mg #90\n\n\
             The requested Gabapentin 600 mg #90 is medically necessary. The decision of the\n\
             claims administrator is overturned.\n\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 16-19.\n\n\
             Rationale: Pain fell from 7/10 to 4/10. Gabapentin 600 mg #90 is medically necessary.\n",
            &["Ambien 10 mg #30", "Gabapentin 600 mg #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn item_headers_with_the_decision_and_rationale_in_unlabelled_paragraphs() {
        // No block is labelled: the decision's paragraph, then the rationale's.
        let d = assert_items(
            "Case summary\n\n\
             The injured worker has lumbar stenosis and walks with a cane.\n\n\
             Item 1: Power wheelchair\n\n\
             The requested power wheelchair is not medically necessary.\n\n\
             The reviewer relied on the MTUS, Power mobility devices, page 99. He walks with a\n\
             cane and his wife can help.\n\n\
             Item 2: Transportation to and from medical appointments\n\n\
             The requested transportation is medically necessary.\n\n\
             The reviewer relied on the ODG, Knee & Leg, Transportation. He cannot drive.\n",
            &[
                "Power wheelchair",
                "Transportation to and from medical appointments",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn a_labelled_service_with_its_determination_on_the_line_in_other_words() {
        let d = assert_items(
            "DISPUTED ITEMS, DETERMINATIONS AND BASIS\n\n\
             Item: NORCO 10/325MG #120 \u{2013} Determination: Non-certified\n\n\
             Reviewer's Analysis: No functional improvement is documented.\n\n\
             Basis for Decision: MTUS Chronic Pain, Opioids, pages 76-80.\n\n\
             Item: TENS UNIT PURCHASE - Determination: Certified\n\n\
             Reviewer's Analysis: A one-month trial reduced her pain.\n\n\
             Item: Physical therapy, 12 visits; Decision: Modified\n\n\
             Reviewer's Analysis: Six visits are certified.\n\n\
             CASE SUMMARY\n\n\
             The patient is a 52-year-old warehouse worker with low back pain.\n",
            &[
                "NORCO 10/325MG #120",
                "TENS UNIT PURCHASE",
                "Physical therapy, 12 visits",
            ],
            &[Decision::Upheld, Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
        assert!(d.case_summary.is_some());
    }

    #[test]
    fn items_named_by_number_under_a_table_before_a_summary_that_comes_last() {
        let d = assert_items(
            "IMR FINAL DETERMINATION NOTICE\n\n\
             DETERMINATION SUMMARY\n\
             No. | Service Requested | Determination\n\
             1 | TRAMADOL ER 150MG #30 | DENIED\n\
             2 | NAPROXEN SODIUM 550MG #60 | APPROVED\n\n\
             Item #1\n\
             Rationale: Pain is 8/10 with and without tramadol. The request is not medically necessary.\n\
             Guidelines: MTUS Chronic Pain, Opioids, pages 76-80.\n\n\
             Item #2\n\
             Rationale: Naproxen lowers the pain from 7/10 to 4/10. Continued naproxen is reasonable.\n\
             Guidelines: MTUS Chronic Pain, NSAIDs, pages 67-68.\n\n\
             Clinical Case Summary\n\
             This 42-year-old driver fell from a loading dock on 08/09/2019.\n",
            &["TRAMADOL ER 150MG #30", "NAPROXEN SODIUM 550MG #60"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
        assert!(d.case_summary.is_some());
    }

    #[test]
    fn paragraphs_opening_with_their_service_decided_by_a_closing_table() {
        // No item heading: each paragraph names its service in a short sentence of its own, and
        // the table after them decides, in the same order.
        let text = "CLINICAL CASE SUMMARY\n\
             The patient is a 47 year old carpenter with failed back surgery syndrome.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The decisions are set forth in the table at the end of this letter.\n\n\
             Repeat bilateral L4-5 epidural steroid in-\n\
             jection. MTUS page 46 bases repeat blocks on 50% relief for six to eight weeks.\n\n\
             Gabapentin 600 mg #90. MTUS pages 16-19 recommend antiepilepsy drugs for neuropathic\n\
             pain. The burning pain fell by 40%.\n\n\
             DETERMINATION TABLE\n\
             Item                                  Decision\n\
             Repeat bilateral L4-5 ESI             Certified\n\
             Gabapentin 600 mg #90                 Non-certified\n";
        let d = assert_items(
            text,
            &[
                "Repeat bilateral L4-5 epidural steroid injection",
                "Gabapentin 600 mg #90",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
        // The last item's rationale is its paragraph and stops at the table.
        let last = &text[d.items[1].rationale.unwrap().range()];
        assert!(last.contains("burning pain fell by 40%"), "{last}");
        assert!(!last.contains("DETERMINATION TABLE"), "{last}");
    }

    #[test]
    fn a_closing_sentence_saying_the_request_itself_is_upheld_decides_it() {
        let text = "CLINICAL CASE SUMMARY\n\
             She has right knee osteoarthritis.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             DISPUTED ITEM 1: RETROSPECTIVE MELOXICAM 15 MG #30\n\
             Guideline: MTUS ACOEM Knee Disorders Guideline, NSAIDs.\n\
             Rationale: The flare settled on meloxicam. This request is medically necessary.\n\
             The retrospective request for meloxicam 15 mg #30 is upheld.\n\n\
             DISPUTED ITEM 2: TIZANIDINE 4 MG #90\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 63-66.\n\
             Rationale: She has had a new flare with spasm.\n\
             The request for tizanidine 4 mg #90 is overturned.\n";
        assert_items(
            text,
            &["RETROSPECTIVE MELOXICAM 15 MG #30", "TIZANIDINE 4 MG #90"],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn a_letter_without_headings_whose_paragraphs_open_on_their_requests() {
        // No heading at all: each paragraph names its request in its opening sentence, in one of
        // the ways reviewers write it, and states its decision in its prose.
        let text = "An expert reviewer Board Certified in Orthopaedic Surgery reviewed the case file.\n\n\
             The applicant is a 44 year old order selector with neck pain and numb hands. Utilization\n\
             review non-certified the requests below.\n\n\
             The request for an MRI of the cervical spine is denied because ACOEM Chapter 8 reserves\n\
             imaging for red flags. He has none. The MRI is not medically necessary and the prior\n\
             denial is upheld.\n\n\
             Tramadol ER 150 mg #30 is addressed by the MTUS, pages 78-80. His pain fell from 7/10 to\n\
             4/10. The request for tramadol ER is medically necessary and the denial is overturned.\n\n\
             HYDROCODONE/APAP 5/325 MG #60 is overturned; it is medically necessary. She awaits\n\
             surgery.\n\n\
             The guidelines were applied to the request for LEFT TOTAL KNEE ARTHROPLASTY. The request\n\
             is upheld because the criteria were not shown to be met.\n";
        let d = assert_items(
            text,
            &[
                "MRI of the cervical spine",
                "Tramadol ER 150 mg #30",
                "HYDROCODONE/APAP 5/325 MG #60",
                "LEFT TOTAL KNEE ARTHROPLASTY",
            ],
            &[
                Decision::Upheld,
                Decision::Overturned,
                Decision::Overturned,
                Decision::Upheld,
            ],
        );
        // The case is told before the first item.
        let summary = &text[d.case_summary.expect("a summary").range()];
        assert!(summary.contains("order selector"), "{summary}");
        assert!(!summary.contains("MRI"), "{summary}");
    }

    #[test]
    fn a_labelled_heading_over_one_paragraph_that_opens_with_the_decision() {
        // No section is labelled: the paragraph below each heading opens with the decision and runs
        // on with the rationale.
        let text = "Summary of the records reviewed\n\n\
             You are a 44 year old driver who twisted your right knee.\n\n\
             Decisions\n\n\
             Request 1: Right knee arthroscopic partial medial meniscectomy\n\n\
             The requested right knee arthroscopic partial medial meniscectomy is medically\n\
             necessary. The reviewer relied on the ODG. You failed 8 sessions of therapy.\n\n\
             Request 2: Cold therapy unit, 30-day rental\n\n\
             The requested cold therapy unit, 30-day rental, is not medically necessary. ODG\n\
             recommends the unit for up to 7 days.\n";
        let d = assert_items(
            text,
            &[
                "Right knee arthroscopic partial medial meniscectomy",
                "Cold therapy unit, 30-day rental",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        let first = &text[d.items[0].rationale.unwrap().range()];
        assert!(first.contains("failed 8 sessions"), "{first}");
    }

    #[test]
    fn a_numbered_heading_with_its_decision_sentence_then_its_blocks() {
        // The decision sentence between the heading and its first block is the heading's, not an
        // item of its own, though a block follows it.
        let text = "CASE SUMMARY\n\n\
             He has chronic low back pain after a 2013 fusion.\n\n\
             DISPUTED TREATMENTS\n\n\
             1. H-wave unit, 30-day home trial\n\n\
             The requested H-wave unit, 30-day home trial, is medically necessary.\n\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 117-118.\n\n\
             Rationale: A TENS trial failed. The criteria for a one-month trial are met.\n\n\
             2. Spinal cord stimulator trial\n\n\
             The requested SCS trial is not medically necessary.\n\n\
             Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 105-107.\n\n\
             Rationale: No psychological evaluation has been done.\n";
        assert_items(
            text,
            &[
                "H-wave unit, 30-day home trial",
                "Spinal cord stimulator trial",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_decision_word_alone_before_each_service_when_the_first_stands_before_any_rationale() {
        let first = "CLINICAL CASE SUMMARY\n\n\
             He has neck pain since 2022.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Overturned\n\n\
             MRI OF THE CERVICAL SPINE\n\n\
             MAXIMUS guideline: MTUS ACOEM Chapter 8, pages 177-178.\n\n\
             Decision rationale: He has progressive weakness. The MRI is medically necessary.\n\n\
             Upheld\n\n\
             SOFT CERVICAL COLLAR\n\n\
             MAXIMUS guideline: MTUS ACOEM Chapter 8, page 175.\n\n\
             Decision rationale: Collars help only in the first days. It is not medically necessary.\n";
        assert_items(
            first,
            &["MRI OF THE CERVICAL SPINE", "SOFT CERVICAL COLLAR"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn items_listed_in_one_sentence_and_discussed_in_that_order() {
        // Double-spaced: no blank line tells the discussions apart, their decision sentences do.
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has low back pain and takes Norco and cyclobenzaprine.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             The Final Determination was based on decisions for the following disputed items: (1)\n\n\
             Norco 10/325 mg #120; (2) cyclobenzaprine 7.5 mg #90; and (3) purchase of a TENS unit.\n\n\
             Regarding the Norco, the MTUS supports continuing an opioid that improves pain and\n\n\
             function. Pain fell from 8/10 to 4/10. Norco is medically necessary and the denial is Overturned.\n\n\
             Turning to the cyclobenzaprine, the MTUS recommends only a short course. She has taken\n\n\
             it since 2012. It is not medically necessary, and the denial is Upheld.\n\n\
             Last, the TENS unit purchase follows a one-month trial. None is documented. The denial\n\n\
             is Upheld.\n";
        let d = assert_items(
            text,
            &[
                "Norco 10/325 mg #120",
                "cyclobenzaprine 7.5 mg #90",
                "purchase of a TENS unit",
            ],
            &[Decision::Overturned, Decision::Upheld, Decision::Upheld],
        );
        let second = &text[d.items[1].rationale.unwrap().range()];
        assert!(second.contains("since 2012"), "{second}");
        assert!(!second.contains("TENS"), "{second}");
    }

    #[test]
    fn an_item_with_nothing_of_its_own_shares_the_rationale_that_names_it() {
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has lumbar radicular pain.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             Item 1: Lidoderm 5% patch #30          Decision: Overturned\n\n\
             Item 2: Compounded cream, 180 g          Decision: Upheld\n\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain, pages 111-113.\n\n\
             Decision rationale for Items 1 and 2: Topical analgesics are largely experimental. Her\n\
             pain is radicular, not localized. Neither is medically necessary.\n";
        let d = assert_items(
            text,
            &["Lidoderm 5% patch #30", "Compounded cream, 180 g"],
            &[Decision::Overturned, Decision::Upheld],
        );
        for item in &d.items {
            let rationale = &text[item.rationale.expect("a shared rationale").range()];
            assert!(rationale.contains("radicular"), "{rationale}");
        }
    }

    #[test]
    fn numbered_headings_over_unlabelled_paragraphs_that_state_their_decisions() {
        // Double-spaced, as extracted: blank lines tell no paragraphs, so the headings are told by
        // the finished sentence or heading above them and the capital opening the prose below.
        let text = "SUMMARY OF THE CASE\n\n\
             The worker is a 52-year-old driver with low back pain radiating to the left leg.\n\n\
             DISPUTED ITEMS AND DECISIONS\n\n\
             1. Physical therapy, lumbar spine (12 sessions)\n\n\
             The MTUS allows 8 to 10 visits. He had 14 sessions in 2020. The requested\n\n\
             sessions are not medically necessary. The prior decision is upheld.\n\n\
             2. Gabapentin 300 mg #90\n\n\
             Gabapentin is a first-line drug for neuropathic pain. His leg pain fell from\n\n\
             7/10 to 4/10. The requested gabapentin is medically necessary. The prior\n\n\
             decision is overturned.\n";
        let d = assert_items(
            text,
            &[
                "Physical therapy, lumbar spine (12 sessions)",
                "Gabapentin 300 mg #90",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
        let first = &text[d.items[0].rationale.unwrap().range()];
        assert!(first.contains("14 sessions"), "{first}");
        // The summary, which no known heading closes, ends before the items and their heading.
        let summary = &text[d.case_summary.expect("a summary").range()];
        assert!(summary.ends_with("left leg."), "{summary}");
        assert!(!first.contains("Gabapentin"), "{first}");
        // A numbered list whose paragraphs state no decision is no list of items.
        let undecided = text.replace("The prior decision is upheld.", "").replace(
            "sessions are not medically necessary.",
            "sessions were reviewed.",
        );
        let parsed = crate::letter::parse(&Source::from_text("letter", &undecided));
        if let Some(d) = parsed.determination {
            assert_ne!(
                services_and_decisions(&d).1,
                [Decision::Upheld, Decision::Overturned]
            );
        }
    }

    #[test]
    fn a_letter_without_headings_whose_paragraphs_name_the_request_and_a_closing_list() {
        let d = assert_items(
            "Independent Medical Review, Final Determination. Date: 04/17/2023.\n\
             The injured worker is a 39 year old nursing assistant with low back pain after a\n\
             microdiscectomy. She takes celecoxib and wears no brace.\n\n\
             The request for a lumbar support brace is considered under ACOEM Chapter 12, which\n\
             finds lumbar supports of no lasting benefit beyond the acute phase.\n\n\
             The request for celecoxib 200 mg #30 is considered under the MTUS, pages 22 and 68.\n\
             Her back pain is better controlled on celecoxib than on ibuprofen.\n\n\
             Determinations:\n\
             1. Lumbar support brace: Upheld \u{2014} not medically\n\
             necessary.\n\
             2. Celecoxib 200 mg #30: Overturned \u{2014} medically necessary.\n",
            &["lumbar support brace", "celecoxib 200 mg #30"],
            &[Decision::Upheld, Decision::Overturned],
        );
        // The case is told before the first item.
        let summary = d
            .case_summary
            .expect("the text before the items is the summary");
        assert!(summary.offset < d.items[0].span.offset);
    }

    #[test]
    fn a_rationale_sentence_opened_by_a_connective_heads_no_item_and_a_qualified_heading_still_heads(
    ) {
        // No blank line parts the paragraphs: "Nevertheless, ... The request is not medically
        // necessary." before a block is the rationale's end, not an item's heading; and the case
        // summary's heading carries a parenthesis.
        let d = assert_items(
            "DISPUTED ITEMS, DETERMINATIONS AND BASIS\n\
             Item: NORCO 10/325MG #120 - Determination: Non-certified\n\
             Reviewer's Analysis: Pain falls from 8/10 to 4/10 with Norco.\n\
             Nevertheless, continued use of Norco cannot be supported because there is no documentation of\n\
             functional improvement. The request is not medically necessary.\n\
             Basis for Decision: MTUS Chronic Pain, Opioids, pages 76-80.\n\
             Item: TENS UNIT PURCHASE - Determination: Certified\n\
             Reviewer's Analysis: He continues a home exercise program.\n\
             CASE SUMMARY (MEDICAL RECORDS REVIEWED)\n\
             The patient is a 52-year-old warehouse worker injured on 06/03/2012.\n",
            &["NORCO 10/325MG #120", "TENS UNIT PURCHASE"],
            &[Decision::Upheld, Decision::Overturned],
        );
        let summary = d
            .case_summary
            .expect("the summary under its qualified heading");
        assert!(summary.offset > d.items[1].span.offset);
        assert!(d.items[1]
            .rationale
            .is_none_or(|r| r.end() <= summary.offset));
    }

    #[test]
    fn a_heading_with_the_reviewers_citations_on_the_next_line_decided_by_a_closing_list() {
        let d = assert_items(
            "CLINICAL CASE SUMMARY\n\
             He has failed back surgery syndrome and takes Norco.\n\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             The Final Determination was based on decisions for the disputed items set forth below:\n\n\
             Functional restoration program, 80 hours\n\
             MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines (2017).\n\
             Decision rationale: Every criterion is met. This request is medically necessary.\n\n\
             Norco 10/325 mg #120\n\
             MAXIMUS guideline: Decision based on the MTUS Opioids Guideline.\n\
             Decision rationale: Pain is 8/10 with and without it. This request is not medically necessary.\n\n\
             SUMMARY OF DECISIONS\n\
             1. Functional restoration program, 80 hours: Overturned\n\
             2. Norco 10/325 mg #120: Upheld\n",
            &["Functional restoration program, 80 hours", "Norco 10/325 mg #120"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d
            .items
            .iter()
            .all(|i| i.rationale.is_some() && i.imro_citations.is_some()));
    }

    #[test]
    fn items_decided_by_a_closing_list_of_sentences_with_the_outcome_in_parentheses() {
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             He has neck pain radiating to the arm and takes gabapentin.\n\n\
             IMR ISSUES AND RATIONALES\n\n\
             Item 1. Cervical interlaminar epidural steroid injection at C5-C6 (repeat)\n\n\
             Guideline(s) used: MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections.\n\n\
             Rationale: The first injection gave 60% relief for eight weeks, and a repeat is supported.\n\n\
             Item 2. Gabapentin 300 mg #90\n\n\
             Guideline(s) used: MTUS Chronic Pain Medical Treatment Guidelines, Anti-epilepsy drugs.\n\n\
             Rationale: No benefit from it is recorded after a year of use.\n\n\
             DECISIONS\n\n\
             1. The request for repeat cervical interlaminar epidural steroid injection at C5-C6 is\n\
             medically necessary and appropriate. (Overturned)\n\
             2. The request for gabapentin 300 mg #90 is not medicallynecessary and appropriate. (Upheld)\n",
            &[
                "Cervical interlaminar epidural steroid injection at C5-C6 (repeat)",
                "Gabapentin 300 mg #90",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn numbered_headings_alone_decided_by_an_unnumbered_summary_with_a_partial_decision() {
        let d = assert_items(
            "CASE SUMMARY\n\
             He had an arthroscopic rotator cuff repair on 02/14/2022 and walks independently.\n\n\
             DISPUTED ITEMS AND DECISIONS\n\n\
             1.  Post-operative physical therapy, right shoulder, 2 x 12 (24 visits)\n\
             The guidelines allow an initial course of 12 visits. Physical therapy is certified for 12\n\
             of the 24 requested visits.\n\n\
             2.  Home health aide, 4 hours per day for 4 weeks\n\
             He is not homebound. The requested home health aide services are not medically necessary.\n\n\
             SUMMARY OF DECISIONS\n\
             Post-operative physical therapy 24 visits \u{2014} Partially Overturned (12 visits certified)\n\
             Home health aide 4 hrs/day x 4 weeks \u{2014} Upheld\n",
            &[
                "Post-operative physical therapy, right shoulder, 2 x 12 (24 visits)",
                "Home health aide, 4 hours per day for 4 weeks",
            ],
            // Part of the request certified: the request as submitted is not medically necessary.
            &[Decision::Upheld, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn answers_to_questions_and_decisions_with_a_dashed_reason() {
        let d = assert_items(
            "Clinical Case Summary\n\
             The worker has neck pain.\n\n\
             IMR Issues, Decisions and Rationales\n\n\
             Question 1: Is the requested cervical epidural steroid injection at C5-6 medically necessary?\n\
             Answer: Yes \u{2013} the Claims Administrator\u{2019}s determination is overturned.\n\
             Cited guidelines: MTUS Chronic Pain, page 46.\n\
             Rationale: The exam shows radiculopathy.\n\n\
             Disputed Treatment #2: Trigger point injections, bilateral upper trapezius, x4\n\
             Determination: UPHELD \u{2013} not medically necessary\n\
             Guideline(s): MTUS Chronic Pain, page 122.\n\
             Reasoning: No twitch response is described.\n",
            &["cervical epidural steroid injection at C5-6", "Trigger point injections, bilateral upper trapezius, x4"],
            &[Decision::Overturned, Decision::Upheld],
        );
        assert!(d.items.iter().all(|i| i.rationale.is_some()));
    }

    #[test]
    fn decisions_in_other_words_and_decisions_after_the_rationale() {
        let text = "SUMMARY OF RECORDS\n\
             The worker has neck and knee pain.\n\n\
             DETERMINATIONS\n\
             1) MRI of the cervical spine without contrast\n\
             \x20  Medically Necessary: Yes\n\
             \x20  Rationale: There are red flags.\n\
             II. Bilateral lumbar radiofrequency ablation, L3-4 and L4-5\n\
             \x20  Determination: Not certified; weaning is recommended.\n\
             \x20  Reasons: No diagnostic block was done.\n\
             Issue: Post-operative physical therapy, right shoulder, 12 visits\n\
             Guideline: MTUS Postsurgical Treatment Guidelines.\n\
             Reasoning: The course is not complete.\n\
             IMR Determination: Overturn. Post-operative physical therapy x 12 is medically necessary.\n\
             Disputed Service #4:\tNaproxen sodium 550 mg, #60\n\
             Guideline basis: MTUS Chronic Pain, NSAIDs, pages 67-73.\n\
             Discussion: There is no documented benefit.\n\
             Outcome: Accordingly, the utilization review non-certification is upheld.\n\
             ITEM 5: WORK HARDENING PROGRAM, 10 SESSIONS\n\
             DETERMINATION: MEDICALLY NECESSARY\n\
             ANALYSIS\n\
             The worker has a job to return to.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(
            services_and_decisions(&d).1,
            [
                Decision::Overturned,
                Decision::Upheld,
                Decision::Overturned,
                Decision::Upheld,
                Decision::Overturned
            ]
        );
        assert!(
            d.items.iter().all(|i| i.rationale.is_some()),
            "{:?}",
            d.items
        );
        // The decision after the rationale is not part of it.
        let third = d.items[2].rationale.unwrap();
        assert!(!text[third.range()].contains("IMR Determination"));
    }

    #[test]
    fn paragraphs_regarding_each_item_and_headings_under_a_ruled_table() {
        let text = "CLINICAL BACKGROUND\n\
             The worker has low back pain.\n\n\
             DETERMINATIONS AND RATIONALE\n\
             Regarding the right L5 transforaminal epidural steroid injection: The MTUS requires\n\
             corroboration. This request is not medically necessary.\n\
             Regarding duloxetine 60 mg, #30: She could not tolerate gabapentin, and this request is\n\
             medically necessary.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "right L5 transforaminal epidural steroid injection",
                    "duloxetine 60 mg, #30"
                ],
                vec![Decision::Upheld, Decision::Overturned]
            )
        );
        assert!(text[d.items[0].rationale.unwrap().range()].starts_with("The MTUS requires"));

        let d = assert_items(
            "SUMMARY OF DETERMINATIONS\n\
             Item | Requested                          | Determination\n\
             1    | MRI of the lumbar spine            | Not medically necessary\n\
             2    | Urine drug screen (1)              | Medically necessary\n\n\
             CLINICAL BACKGROUND\n\
             The worker takes opioids.\n\n\
             LUMBAR MRI\n\
             Guidelines: MTUS ACOEM Chapter 12.\n\
             There is no new deficit.\n\n\
             URINE DRUG SCREEN\n\
             Guidelines: MTUS Chronic Pain, Drug testing, page 43.\n\
             The MTUS recommends drug testing for a patient who takes opioids, as he does.\n",
            // The table's rows say more than the headings: they stand for them, and point there.
            &["MRI of the lumbar spine", "Urine drug screen (1)"],
            &[Decision::Upheld, Decision::Overturned],
        );
        assert!(d.items[1].service.span.offset < d.items[0].rationale.unwrap().offset);
        // A heading that is not the row's words and more keeps its own words.
        let (d, _) = read(
            "SUMMARY OF DETERMINATIONS\n\
             Item | Requested                          | Determination\n\
             1    | MRI of the lumbar spine            | Not medically necessary\n\n\
             CLINICAL BACKGROUND\n\
             The worker has back pain.\n\n\
             LUMBAR SPINE MRI WITH CONTRAST\n\
             Guidelines: MTUS ACOEM Chapter 12.\n\
             There is no new deficit.\n",
        );
        assert_eq!(
            services_and_decisions(&d),
            (
                vec!["LUMBAR SPINE MRI WITH CONTRAST"],
                vec![Decision::Upheld]
            )
        );
    }

    #[test]
    fn items_sharing_a_heading_each_take_the_decision_naming_their_number() {
        let d = assert_items(
            "CLINICAL CASE SUMMARY\n\
             The worker takes two muscle relaxants.\n\n\
             DECISIONS AND RATIONALE\n\
             Items 1 and 2 - Cyclobenzaprine 7.5 mg #60 and Carisoprodol (Soma) 350 mg #30\n\
             Decision: Item 1 Upheld. Item 2 Overturned.\n\
             MTUS Citation used: MTUS Chronic Pain, Muscle relaxants, pages 63-66.\n\
             Rationale: The two requests are addressed together.\n\
             Item 3 - Chiropractic treatment, lumbar spine, 6 visits\n\
             Guidelines: MTUS Chronic Pain, Manual therapy & manipulation, pages 58-60.\n\
             Rationale: The six visits are not supported.\n\
             Decision, Item 3: Not certified. The request is not medically necessary.\n",
            &[
                "Cyclobenzaprine 7.5 mg #60",
                "Carisoprodol (Soma) 350 mg #30",
                "Chiropractic treatment, lumbar spine, 6 visits",
            ],
            &[Decision::Upheld, Decision::Overturned, Decision::Upheld],
        );
        assert_eq!(d.items[1].rationale, d.items[0].rationale);
        assert!(d.items.iter().all(|i| i.imro_citations.is_some()));
    }

    #[test]
    fn a_shared_heading_wrapped_onto_a_short_line_keeps_both_services() {
        assert_items(
            "CLINICAL CASE SUMMARY\n\
             The worker takes two muscle relaxants.\n\n\
             DECISIONS AND RATIONALE\n\
             Items 1 and 2 - Cyclobenzaprine 7.5 mg #60 and Carisoprodol (Soma) 350\n\
             mg #30\n\n\
             Decision: Item 1 Upheld. Item 2 Overturned.\n\n\
             MTUS Citation used: MTUS Chronic Pain, Muscle relaxants, pages 63-66.\n\
             Rationale: The two requests are addressed together.\n",
            &[
                "Cyclobenzaprine 7.5 mg #60",
                "Carisoprodol (Soma) 350 mg #30",
            ],
            &[Decision::Upheld, Decision::Overturned],
        );
    }

    #[test]
    fn the_notice_of_finality_after_the_last_item_ends_its_rationale() {
        let text = "CLINICAL CASE SUMMARY\nShe has insomnia.\n\nDETERMINATIONS\n\
            1) Zolpidem (Ambien) 10 mg, #30\n   Medically Necessary: No\n   Rationale: The use is long-term.\n\n\
            Services found medically necessary must be authorized by the claims administrator.\n";
        let (d, _) = read(text);
        assert_eq!(
            &text[d.items[0].rationale.unwrap().range()],
            "The use is long-term."
        );
    }

    #[test]
    fn a_wrapped_medical_necessity_line_is_the_decision_of_the_item_above() {
        let (d, _) = read(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
             1. Treatment/Service requested: Repeat cervical epidural steroid injection, C5-6\n\
             Outcome: Overturned\n\
             MEDICAL NECESSITY: The requested repeat C5-6 epidural steroid injection is medically\n\
             necessary.\n\
             Medical Treatment Utilization Schedule (MTUS) Citation used: MTUS Chronic Pain, page 46.\n\
             Expert reviewer's decision and rationale: The prior injection gave lasting relief.\n",
        );
        assert_eq!(
            services_and_decisions(&d),
            (
                vec!["Repeat cervical epidural steroid injection, C5-6"],
                vec![Decision::Overturned]
            )
        );
    }

    #[test]
    fn decisions_stated_as_sentences_or_wrapped_after_a_dash() {
        assert_items(
            "IMR DECISIONS\n\
             Item: Zolpidem 10 mg #30\n\
             MEDICAL NECESSITY: The requested zolpidem 10 mg #30 is not medically necessary.\n\
             Citations: ODG Pain (Chronic), Zolpidem.\n\
             Expert reviewer's rationale: Use beyond six weeks is not recommended.\n\n\
             Requested Service #2 \u{2014} Trigger point injections \u{00d7}4 \u{2014} DENIAL\n\
             OVERTURNED\n\
             Guidelines applied: MTUS Chronic Pain, Trigger point injections, p. 122.\n\
             Clinical basis: Twitch responses were documented. The injections are medically necessary.\n\n\
             (3) L4-5 fusion with instrumentation - UPHELD. Not medically\n\
             necessary.\n\
             Guidelines: MTUS ACOEM Chapter 12, page 307.\n\
             Rationale: There is no instability. The request is not medically necessary.\n\n\
             (4) Compounded flurbiprofen 20% / cyclobenzaprine 4% / gabapentin 6%\n\
             cream, 180 grams. The denial is upheld; the cream is not medically\n\
             necessary.\n\
             Guideline reference: MTUS Chronic Pain, Topical analgesics, pages 111-113.\n\
             Discussion: Gabapentin is not recommended for topical use.\n",
            &[
                "Zolpidem 10 mg #30",
                "Trigger point injections \u{00d7}4",
                "L4-5 fusion with instrumentation",
                "Compounded flurbiprofen 20% / cyclobenzaprine 4% / gabapentin 6% cream, 180 grams",
            ],
            &[
                Decision::Upheld,
                Decision::Overturned,
                Decision::Upheld,
                Decision::Upheld,
            ],
        );
    }

    #[test]
    fn a_partial_decision_leaves_the_request_as_submitted_upheld() {
        for word in [
            "Partially overturned \u{2014} 4 visits certified, 8 visits non-certified.",
            "PARTIALLY OVERTURNED",
            "Overturned in part",
        ] {
            let text = format!(
                "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                 Item: Physical therapy, 12 visits, lumbar spine\n\
                 Decision: {word}\n\
                 Decision rationale: Four visits are within the guideline; twelve are not.\n"
            );
            let (d, _) = read(&text);
            assert_eq!(
                d.items[0].decision.as_ref().map(|d| d.value),
                Some(Decision::Upheld),
                "{word}"
            );
        }
        assert_eq!(super::label_decision_of("Pending records"), None);
    }

    #[test]
    fn a_decision_label_needs_a_service_or_a_decision_word() {
        let (d, codes) = read(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\
             Item: Lumbar MRI\n\
             Decision: Pending records\n\
             Decision rationale: Only the first part is medically necessary.\n\
             as explained in this letter\n\
             Final Determination: UPHOLD\n",
        );
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].service.value, "Lumbar MRI");
        assert!(d.items[0].decision.is_none());
        assert_eq!(
            codes
                .iter()
                .filter(|c| *c == "imr::unknown-decision")
                .count(),
            1
        );
    }

    #[test]
    fn a_typists_reference_closes_a_section_with_or_without_its_placeholder() {
        for line in ["/pm", "rb/pm", "JS:pm", "/dr: [Initials]", "Page 3 of 4"] {
            assert!(super::FOOTER_LINE.is_match(line), "{line}");
        }
        for line in [
            "and/or: the patient's request",
            "/dr: the reviewer adds more",
        ] {
            assert!(!super::FOOTER_LINE.is_match(line), "{line}");
        }
    }

    #[test]
    fn a_decision_sentence_may_name_the_service_before_the_word() {
        // The service named in full takes the decision word past a hundred characters.
        let (d, _) = read(
            "IMR ISSUES, DECISIONS AND RATIONALES\n\
             1. Is the requested home health care, 4 hours per day, 5 days per week for 8 weeks, medically necessary and appropriate?\n\
             Decision: The requested home health care, 4 hours per day, is not medically necessary and appropriate. The utilization review decision is upheld.\n\
             Decision rationale: He is not homebound.\n",
        );
        assert_eq!(d.items.len(), 1);
        assert_eq!(
            d.items[0].decision.as_ref().map(|d| d.value),
            Some(Decision::Upheld)
        );
    }

    #[test]
    fn a_heading_may_start_only_lines_starting_with_its_first_letters() {
        let how = super::heading(r"how\s+the\s+imr");
        assert!(how.may_start("HOW THE IMR FINAL DETERMINATION WAS MADE"));
        assert!(how.may_start("how"));
        assert!(!how.may_start("Now the IMR"));
        assert!(!how.may_start(""));
        let decisions = super::heading(r"(?:imr\s+)?decisions?");
        for line in ["IMR DECISION", "Decisions", "decision"] {
            assert!(
                decisions.may_start(line) && decisions.is_match(line),
                "{line}"
            );
        }
        assert!(!decisions.may_start("The decision"));
        // A case-insensitive "s" also matches the long s, which starts with a byte outside ASCII.
        let summary = super::heading("summary");
        assert!(summary.may_start("\u{17f}ummary") && summary.is_match("\u{17f}ummary"));
        // A pattern that may match nothing at all may start any line.
        assert!(super::heading(r"x?").may_start("anything"));
    }

    #[test]
    fn dashes_of_every_width() {
        for text in ["L4-5", "MRI \u{2013} Upheld", "MRI\u{2014}Upheld"] {
            assert!(super::has_dash(text), "{text}");
        }
        assert!(!super::has_dash("MRI: Upheld \u{2012}\u{2015}\u{2019}"));
    }

    #[test]
    fn the_closing_after_the_last_item() {
        let text = "Decision rationale: It is not medically necessary.\n\
            YOUR RIGHTS\n\
            Right to Appeal\n\
            Sincerely,\n\
            Your rights to appeal this determination are set out below.\n";
        let letter = super::Letter::new(
            text,
            crate::text::Spacing::Single,
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single),
        );
        let closing = |from| super::closing_line(&letter, from, letter.lines.len());
        assert_eq!(closing(0), Some(1));
        assert_eq!(closing(2), Some(2));
        assert_eq!(closing(3), Some(3));
        // A sentence that speaks of the rights is not the heading.
        assert_eq!(closing(4), None);
    }

    #[test]
    fn header_dates_set_out_in_columns() {
        let header = "IMR Case Number: CM15-0068834   UR Denial Date: 03/27/2015\n\
            Date of UR Decision: 3/19/2015       Date of Injury:   1-30-2013\n\
            Date Assigned: 04/10/2015        Decision Date:     05/19/2015\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\n\
            The reviewer is Board Certified in Internal Medicine.\n\
            CLINICAL CASE SUMMARY\n\
            She was injured at work on 02/02/2013 and seen on 03/01/2015.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            Norco 10/325mg #60: Upheld\n\
            Decision rationale: It is not medically necessary.\n";
        let (d, _) = read(header);
        let letter = d.dates.letter.as_ref().unwrap();
        assert_eq!(letter.value.to_string(), "2015-05-19");
        assert_eq!(&header[letter.span.range()], "05/19/2015");
        // The header's injury date wins over the one the summary tells.
        let injury = d.dates.injury.as_ref().unwrap();
        assert_eq!(injury.value.to_string(), "2013-01-30");
        assert_eq!(&header[injury.span.range()], "1-30-2013");
        // A label with no date right after it, or the utilization review's date, is not the letter's.
        let (d, _) = read(
            "UR Denial Date: 03/27/2015   Decision Date:   Priority: Standard 05/19/2015\n\
             IMR ISSUES, DECISIONS AND RATIONALES\n\
             Norco 10/325mg #60: Upheld\n\
             Decision rationale: It is not medically necessary.\n",
        );
        assert!(d.dates.letter.is_none());
    }

    #[test]
    fn a_service_and_its_decision_on_labelled_lines() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            Item: Physical therapy 2 times a week for 6 weeks for the lum-\nbar spine\nDecision: Upheld\n\n\
            Decision rationale: The request is not medically necessary.\n\n\
            Service Requested: Norco 10/325mg #60 Decision: Overturned\n\n\
            Decision rationale: The request is medically necessary.\n\n\
            Lumbar MRI without contrast\nIMR Decision: Upheld.\n\n\
            Decision rationale: There are no red flags; it is not medically necessary.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        let (services, decisions) = services_and_decisions(&d);
        assert_eq!(
            services,
            [
                "Physical therapy 2 times a week for 6 weeks for the lumbar spine",
                "Norco 10/325mg #60",
                "Lumbar MRI without contrast"
            ]
        );
        assert_eq!(
            decisions,
            [Decision::Upheld, Decision::Overturned, Decision::Upheld]
        );
        for item in &d.items {
            let decision = item.decision.as_ref().unwrap().span;
            assert!(["Upheld", "Overturned"].contains(&&text[decision.range()]));
            assert!(item.rationale.is_some());
        }
        assert_eq!(&text[d.items[1].service.span.range()], "Norco 10/325mg #60");
        assert_eq!(
            d.items[1].request.medication.as_ref().unwrap().value,
            "Norco"
        );
        assert_eq!(
            &text[d.items[0].service.span.range()],
            "Physical therapy 2 times a week for 6 weeks for the lum-\nbar spine"
        );
    }

    #[test]
    fn rationale_labels_decisions_with_a_reason_and_dashed_headings() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            1. Lumbar MRI \u{2013} Overturned\n\n\
            Rationale: The request is medically necessary.\n\n\
            Item 2. Norco 10/325mg #60 - UPHELD\n\n\
            Rationale for decision: It is not medically necessary.\n\n\
            Item: Physical therapy x 6\nDecision: Upheld (not medically necessary)\n\n\
            Reviewer\u{2019}s rationale: It is not medically necessary.\n\n\
            Gabapentin 600mg #90: Overturned (medically necessary)\n\
            Clinical rationale: It is medically necessary.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        let (services, decisions) = services_and_decisions(&d);
        assert_eq!(
            services,
            [
                "Lumbar MRI",
                "Norco 10/325mg #60",
                "Physical therapy x 6",
                "Gabapentin 600mg #90"
            ]
        );
        assert_eq!(
            decisions,
            [
                Decision::Overturned,
                Decision::Upheld,
                Decision::Upheld,
                Decision::Overturned
            ]
        );
        for item in &d.items {
            let rationale = &text[item.rationale.unwrap().range()];
            assert!(rationale.ends_with("medically necessary."), "{rationale}");
            assert!(!rationale.contains("ationale:"), "{rationale}");
        }
    }

    #[test]
    fn a_sentence_is_an_item_heading_only_where_a_block_follows_it() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            1. Lumbar fusion L4-5 with 3 day inpatient stay is not medically necessary and\n\
            appropriate.\n\
            Decision rationale: Fusion is not indicated. The request is not medically necessary.\n\n\
            The request is medically necessary.\n\n\
            CT scan of the lumbar spine is medically necessary and appropriate.\n\
            Decision rationale: Imaging is indicated.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(d.items.len(), 2);
        assert_eq!(
            d.items[0].service.value,
            "Lumbar fusion L4-5 with 3 day inpatient stay"
        );
        assert_eq!(
            d.items[0].decision.as_ref().unwrap().value,
            Decision::Upheld
        );
        assert_eq!(d.items[1].service.value, "CT scan of the lumbar spine");
        assert_eq!(
            d.items[1].decision.as_ref().unwrap().value,
            Decision::Overturned
        );
    }

    #[test]
    fn item_and_decision_lines_make_a_letter_without_section_headings() {
        let text = "Case Number: CM17-0220874          Determination Date: 11/28/2017\n\
            Date of Injury: 06/12/2013          UR Denial Date: 10/31/2017\n\n\
            The claimant hurt her back.\n\n\
            DISPUTED ITEM 1: Naproxen sodium 550 mg, #60\n\
            DECISION: Upheld (not medically necessary)\n\n\
            RATIONALE:\n\n\
            It is not medically necessary.\n";
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].service.value, "Naproxen sodium 550 mg, #60");
        assert_eq!(
            &text[d.items[0].rationale.unwrap().range()],
            "It is not medically necessary."
        );
        assert_eq!(
            d.dates.letter.as_ref().unwrap().value.to_string(),
            "2017-11-28"
        );
        assert_eq!(
            d.dates.injury.as_ref().unwrap().value.to_string(),
            "2013-06-12"
        );
    }

    #[test]
    fn a_service_standing_alone_with_its_guidelines_below_heads_an_item() {
        let text = "Independent Medical Review\nFinal Determination\n\n\
            Clinical Case Summary\n\n\
            She has neck pain from facet arthropathy at C4-5 and C5-6, and low back pain\n\
            with left leg pain to the lateral foot. A TENS unit was tried at home.\n\n\
            Repeat radiofrequency ablation, bilateral C4-5 and C5-6\n\n\
            Guideline: ODG Neck and Upper Back (Acute & Chronic), Facet joint\n\
            radiofrequency neurotomy.\n\n\
            The first ablation gave 60% relief for six months, with half the opioid she\n\
            took before. The request is medically necessary.\n\n\
            TENS unit, purchase\n\n\
            Guideline: MTUS Chronic Pain Medical Treatment Guidelines, TENS, pages\n\
            114-116.\n\n\
            TENS is not recommended as a primary treatment modality, and purchase of\n\
            the unit is therefore not medically necessary.\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "Repeat radiofrequency ablation, bilateral C4-5 and C5-6",
                    "TENS unit, purchase"
                ],
                vec![Decision::Overturned, Decision::Upheld]
            )
        );
    }

    #[test]
    fn items_lettered_in_the_analysis_take_their_decisions_from_a_lettered_closing_list() {
        // The list of requests above names items with no decision; the analysis runs each heading
        // into its citation; only the closing list decides.
        let text = "BACKGROUND\n\n\
            She has numbness in the right hand at night after years of assembly work.\n\n\
            DISPUTED TREATMENT\n\
            A. Right carpal tunnel release\n\
            B. Hand therapy, 12 visits\n\
            C. Wrist splint, custom\n\n\
            ANALYSIS\n\n\
            A. RIGHT CARPAL TUNNEL RELEASE. MTUS ACOEM Chapter 11, page 270. Nerve conduction\n\
            studies show moderate median slowing and splinting has failed. Surgery is supported.\n\n\
            B. HAND THERAPY, 12 VISITS. MTUS Postsurgical Treatment Guidelines. The guideline\n\
            allows 3 to 8 visits after the release; twelve exceed it.\n\n\
            C. WRIST SPLINT, CUSTOM. ACOEM Chapter 11, page 264. A prefabricated splint has not\n\
            been tried, so a custom splint is not supported.\n\n\
            FINAL DETERMINATION\n\
            A. Right carpal tunnel release: MEDICALLY NECESSARY. UR\n\
               decision OVERTURNED.\n\
            B. Hand therapy, 12 visits: NOT MEDICALLY NECESSARY. UR\n\
               decision UPHELD.\n\
            C. Wrist splint, custom: NOT MEDICALLY NECESSARY. UR\n\
               decision UPHELD.\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "Right carpal tunnel release",
                    "Hand therapy, 12 visits",
                    "Wrist splint, custom"
                ],
                vec![Decision::Overturned, Decision::Upheld, Decision::Upheld]
            )
        );
        let rationale = d.items[2].rationale.expect("a rationale");
        assert!(text[rationale.range()].contains("prefabricated splint"));
    }

    #[test]
    fn a_closing_list_one_entry_a_line_decides_the_items_above_and_starts_none() {
        let text = "CLINICAL SUMMARY\n\n\
            She has axial low back pain with facet tenderness and takes carisoprodol daily.\n\n\
            A. Medial branch blocks\n\
            Guideline basis: ODG Low Back, Facet joint diagnostic blocks.\n\
            Analysis: The pain is axial and two levels are requested. Every criterion is met.\n\n\
            B. Soma\n\
            Guideline basis: MTUS Chronic Pain Medical Treatment Guidelines, Carisoprodol, page 29.\n\
            Analysis: Carisoprodol is not recommended, and she has taken it for eight months.\n\n\
            Final determinations\n\
            A. Medial branch blocks, bilateral L4-5/L5-S1: OVERTURNED\n\
            B. Soma 350 mg #60: UPHELD\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec!["Medial branch blocks", "Soma"],
                vec![Decision::Overturned, Decision::Upheld]
            )
        );
        // Below the notice that closes the last item, it decides too.
        let after_notice = text.replace(
            "Final determinations\n",
            "This determination is final and binding on the parties.\n\nFinal determinations\n",
        );
        let (d, _) = read(&after_notice);
        assert_eq!(
            services_and_decisions(&d).1,
            vec![Decision::Overturned, Decision::Upheld]
        );
        // Numbered the same way, the list decides too.
        let numbered = text.replace("A. ", "1. ").replace("B. ", "2. ");
        let (d, _) = read(&numbered);
        assert_eq!(
            services_and_decisions(&d).1,
            vec![Decision::Overturned, Decision::Upheld]
        );
        // Its entries set out as a table's rows, with dot leaders; a service with a colon of its
        // own; the guidelines under "Guidance relied upon".
        let leaders = "Case summary. He smokes and has a grade I slip at L4-5.\n\n\
            A. Assistant surgeon\n\n\
            Guidance relied upon: ODG Low Back, Surgical assistant.\n\n\
            The fusion is not certified, so no assistant is needed.\n\n\
            B. Smoking cessation program: varenicline for 12 weeks with counseling\n\n\
            Guidance relied upon: ODG Pain, Tobacco cessation.\n\n\
            He smokes a pack a day and wants to quit.\n\n\
            Final determinations\n\n\
            A. Assistant surgeon ............................ UPHELD (not medically necessary)\n\
            B. Smoking cessation program ..................... OVERTURNED (medically necessary)\n";
        let (d, _) = read(leaders);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "Assistant surgeon",
                    "Smoking cessation program: varenicline for 12 weeks with counseling"
                ],
                vec![Decision::Upheld, Decision::Overturned]
            )
        );
        assert!(
            d.items[0].imro_citations.is_some() || d.items[0].administrator_citations.is_some()
        );
    }

    #[test]
    fn a_list_of_items_with_decisions_that_their_sections_restate_adds_no_items() {
        let start = |service: &str, line: usize| {
            super::ItemStart::heading(
                crate::span::Spanned::new(service.to_string(), Span::new(0, 0)),
                line,
            )
        };
        // Entries on lines 10 and 11, the first section right after them, the second further on.
        let (a, b) = (
            start("Acupuncture 2 x 6 for the cervical spine", 10),
            start("Tramadol ER 150 mg #90", 11),
        );
        let (c, d) = (
            start("ACUPUNCTURE 2 X 6 FOR THE CERVICAL SPINE", 12),
            start("TRAMADOL ER 150 MG #90", 20),
        );
        let mut starts = vec![(10, &a), (11, &b), (12, &c), (20, &d)];
        let (after, entries) = super::drop_list_restated_by_sections(&mut starts).unwrap();
        assert_eq!(after, 12);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].service.value, "Tramadol ER 150 mg #90");
        assert_eq!(starts.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [12, 20]);
        // Sections of other services leave the items as they are.
        let e = start("Naproxen 500 mg #60", 20);
        let mut starts = vec![(10, &a), (11, &b), (12, &c), (20, &e)];
        assert!(super::drop_list_restated_by_sections(&mut starts).is_none());
        assert_eq!(starts.len(), 4);
    }

    #[test]
    fn ruled_service_labels_and_a_closing_list_wrapped_before_its_dot_leaders() {
        // A rule drawn under "Service requested:" is neither the service's nor its section's, though
        // the service wraps above it; the closing list's last entry wraps before its dot leaders.
        let text = "CLINICAL CASE SUMMARY\n\n\
             She has carpal tunnel syndrome and a BMI of 34.\n\n\
             imr issues and rationales\n\n\
             ----------------------------------------\n\
             Service requested:  Right carpal tunnel release\n\
             ----------------------------------------\n\
             Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 11.\n\n\
             Decision rationale: Splinting and an injection failed.\n\n\
             ----------------------------------------\n\
             Service requested:  EMG/NCV, bilateral upper extremities\n\
             ----------------------------------------\n\
             Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 11.\n\n\
             Decision rationale: A study was done last year.\n\n\
             ----------------------------------------\n\
             Service requested:  Medically supervised weight-loss program,\n\
             \x20                   12 weeks\n\
             ----------------------------------------\n\
             Claims Administrator guideline: The Claims Administrator did not cite any evidence.\n\n\
             Decision rationale: Weight management is a general health measure.\n\n\
             SUMMARY OF DETERMINATIONS\n\n\
             \t1.  Right carpal tunnel release ............. Overturned\n\
             \t    (medically necessary)\n\
             \t2.  EMG/NCV, bilateral upper extremities .... Upheld\n\
             \t    (not medically necessary)\n\
             \t3.  Medically supervised weight-loss\n\
             \t    program, 12 weeks ....................... Upheld\n\
             \t    (not medically necessary)\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "Right carpal tunnel release",
                    "EMG/NCV, bilateral upper extremities",
                    "Medically supervised weight-loss program, 12 weeks"
                ],
                vec![Decision::Overturned, Decision::Upheld, Decision::Upheld]
            )
        );
    }

    #[test]
    fn a_closing_list_whose_entries_wrap_decides_the_items_above() {
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n\
            The case file was reviewed.\n\n\
            Summary of Records\n\n\
            She has low back pain radiating to the left leg and takes ibuprofen.\n\n\
            (A) MRI of the lumbar spine without contrast\n\n\
            Guidelines: MTUS ACOEM Low Back Disorders, Magnetic Resonance Imaging.\n\n\
            Radicular pain has lasted ten weeks with a positive straight leg raise. The\n\
            request is approved.\n\n\
            (B) Chiropractic manipulation, 6 sessions,\n\
            lumbar spine\n\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Manual therapy, pages 58-60.\n\n\
            Manipulation is not advised for radiculopathy with a neurological deficit.\n\n\
            Outcome - Summary of Decisions\n\
            (A) MRI lumbar spine without contrast:\n\
            Overturned\n\
            (B) Chiropractic manipulation x 6, lumbar\n\
            spine: Upheld\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "MRI of the lumbar spine without contrast",
                    "Chiropractic manipulation, 6 sessions, lumbar spine"
                ],
                vec![Decision::Overturned, Decision::Upheld]
            )
        );
        // A heading over a labelled decision is an item's, no wrapped entry of a list.
        let labelled = text
            .replace(
                "(A) MRI lumbar spine without contrast:\nOverturned",
                "(A) MRI lumbar\nDecision: Overturned",
            )
            .replace(
                "(B) Chiropractic manipulation x 6, lumbar\nspine: Upheld",
                "(B) Chiropractic\nDecision: Upheld",
            );
        let (d, _) = read(&labelled);
        assert!(
            d.items
                .iter()
                .all(|item| item.service.value != "MRI lumbar Decision"),
            "{:?}",
            services_and_decisions(&d)
        );
    }

    #[test]
    fn rationales_headed_by_item_number_take_service_and_decision_from_the_table() {
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n\
            The case file was reviewed.\n\n\
            Summary of Records\n\n\
            She had a knee arthroscopy and has shoulder pain.\n\n\
            Reviewer Analysis\n\n\
            Item  Disputed Item/Service                  Outcome      Guideline relied on\n\
            1     MRI right shoulder without contrast    Upheld       MTUS ACOEM Ch. 9\n\
            2     Celecoxib 200 mg #30                   Overturned   MTUS CPMTG p. 22\n\
            3     Repeat MRI right knee                  Overturned   ODG Knee, MRIs\n\n\
            Rationale, Item 1 (MRI rightshoulder): No strengthening program was tried. The MRI is not\n\
            medically necessary.\n\n\
            Rationale, Item 2 (Celecoxib): She had a bleeding ulcer. It is medically necessary.\n\n\
            Rationale for Item 3 (Repeat MRI right knee): A re-tear is suspected. It is medically\n\
            necessary.\n";
        // Its glued name shares as many words with the knee's row as with its own: the row in its
        // place decides it.
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            (
                vec![
                    "MRI rightshoulder",
                    "Celecoxib 200 mg #30",
                    "Repeat MRI right knee"
                ],
                vec![Decision::Upheld, Decision::Overturned, Decision::Overturned]
            )
        );
        let rationale = d.items[0].rationale.unwrap();
        assert!(text[rationale.range()].starts_with("No strengthening"));
    }

    #[test]
    fn a_decision_label_in_mid_line_after_the_rationale_decides_its_item() {
        let text = "CLINICAL CASE SUMMARY\n\n\
            He takes tramadol ER and zolpidem for low back pain.\n\n\
            RATIONALES AND DETERMINATIONS\n\n\
            Tramadol ER 150 mg #30\n\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
            Rationale: Pain fell from 7/10 to 3/10 and he returned to modified work. The CURES\n\
            query and the agreement show no sign of misuse. Determination: OVERTURNED.\n\
            Tramadol ER is medically necessary.\n\n\
            Zolpidem 10 mg #30\n\n\
            Guidelines: ODG Pain, Insomnia treatment.\n\n\
            Rationale: He has taken it nightly for eight months. Determination:UPHELD. Zolpidem\n\
            is not medically necessary.\n";
        assert_items(
            text,
            &["Tramadol ER 150 mg #30", "Zolpidem 10 mg #30"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_service_sheds_a_glued_list_number_and_a_decision_its_wrapped_heading_left() {
        let service = |text: &str| {
            let item = super::build_item(
                1,
                Span::new(0, text.len()),
                crate::span::Spanned::new(text.to_string(), Span::new(0, text.len())),
                None,
                None,
                None,
                None,
            );
            item.service.value
        };
        assert_eq!(
            service("MRI left knee without contrast (date of service 12/04/2018) - OVERTURNED"),
            "MRI left knee without contrast (date of service 12/04/2018)"
        );
        assert_eq!(service("6.Hot/cold packs"), "Hot/cold packs");
        assert_eq!(service("1.MRI of the neck"), "MRI of the neck");
        assert_eq!(service("2.norco 5/325 mg #30"), "norco 5/325 mg #30");
        assert_eq!(
            service("No. The soft cervical collar"),
            "soft cervical collar"
        );
        assert_eq!(service("No. 2 lumbar brace"), "No. 2 lumbar brace");
        assert_eq!(service("No. \u{212a}nee brace"), "\u{212a}nee brace");
        assert_eq!(
            service("The UR agent denied the request for left endoscopic plantar fasciotomy"),
            "left endoscopic plantar fasciotomy"
        );
        assert_eq!(
            service("Left plantar fasciotomy. The issue is whether it is"),
            "Left plantar fasciotomy"
        );
        assert_eq!(
            service("(1) The UR agent denied the request for left plantar fasciotomy. The issue is whether it is"),
            "left plantar fasciotomy"
        );
        assert_eq!(
            service("TENS unit, purchase Is the request for purchase of a TENS unit medically necessary?"),
            "TENS unit, purchase"
        );
        assert_eq!(
            service("5.0 mg patch - two weekly"),
            "5.0 mg patch - two weekly"
        );
    }

    #[test]
    fn an_issue_asked_under_a_labelled_treatment_is_that_item_s() {
        let text = "CLINICAL SUMMARY\n\n\
            He has end-stage medial compartment arthritis of the right knee.\n\n\
            Item 1 of 2\n\
            Treatment requested: Right total knee arthroplasty\n\
            Issue: Is the request for right total knee arthroplasty medically necessary?\n\
            Guidelines applied: ODG Knee & Leg, Knee joint replacement.\n\
            Discussion: Each requirement is documented. The arthroplasty is medically necessary, and the\n\
            utilization review decision is overturned.\n\n\
            Item 2 of 2\n\
            Treatment requested: Front-wheeled walker\n\
            Issue: Is the request for a front-wheeled walker medically necessary?\n\
            Guidelines applied: ODG Knee & Leg, Walking aids.\n\
            Discussion: He already owns a walker. The request is not medically necessary. The denial is\n\
            upheld.\n";
        assert_items(
            text,
            &["Right total knee arthroplasty", "Front-wheeled walker"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn a_decision_label_broken_at_a_hyphen_starts_no_item() {
        let text = "CLINICAL SUMMARY\n\n\
            Her pain is axial, and a medial branch block gave 86% relief.\n\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            Disputed Item and Issue 1: Is the request for bilateral L4-L5 radiofrequency ablation\n\
            medically necessary?\n\
            Guidelines Used: ODG Low Back, Facet joint radiofrequency neurotomy.\n\
            Rationale: The block gave 86% relief. Radiofrequency ablation is medically necessary. Deci-\n\
            sion: Overturned\n\n\
            Disputed Item and Issue 2: Is the request for six sessions of acupuncture medically\n\
            necessary?\n\
            Guidelines Used: MTUS Acupuncture Medical Treatment Guidelines.\n\
            Rationale: Twelve sessions gave no functional improvement.\n\
            Decision: Upheld\n";
        assert_items(
            text,
            &[
                "bilateral L4-L5 radiofrequency ablation",
                "six sessions of acupuncture",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
        // In capitals too.
        let (d, _) = read(&text.to_uppercase());
        assert_eq!(d.items.len(), 2);
        assert_eq!(
            d.items[0].decision.as_ref().map(|d| d.value),
            Some(Decision::Overturned)
        );
    }

    #[test]
    fn numbered_paragraphs_under_a_ruled_table_with_a_guideline_column_are_its_items() {
        let text = "CLINICAL CASE SUMMARY\n\
            She fell onto the right knee and has catching and locking.\n\n\
            SUMMARY OF DETERMINATIONS\n\
            +----+-----------------------------+------------+--------------------------+\n\
            | #  | Disputed Item / Service     | Decision   | Guideline relied upon    |\n\
            | l  | MRI of the right knee       | Overturned | MTUS ACOEM Ch. 13        |\n\
            | 2  | X-rays of the right knee    | Upheld     | MTUS ACOEM Ch. 13        |\n\
            +----+-----------------------------+------------+--------------------------+\n\n\
            RATIONALE FOR EACH DISPUTED ITEM\n\n\
            l. MRI of the right knee\n\
            ACOEM Chapter 13 supports MRI when the history and examination suggest a meniscal tear.\n\
            A meniscal tear is suspected. The request is medically necessary.\n\n\
            2. X-rays of the right knee\n\
            Radiographs of the knee were taken in the emergency department and were negative.\n\
            The request is not medically necessary.\n";
        assert_items(
            text,
            &["MRI of the right knee", "X-rays of the right knee"],
            &[Decision::Overturned, Decision::Upheld],
        );
    }

    #[test]
    fn headings_in_capitals_over_their_citations_are_items_and_a_closing_summary_is_none() {
        let text = "HOW THE FINAL DETERMINATION WAS MADE\n\
            The reviewer is licensed in California.\n\n\
            CLINICAL CASE SUMMARY\n\
            The worker inverted his right ankle and has had 18 therapy visits.\n\n\
            ISSUES, RATIONALES AND DECISIONS\n\n\
            CONSULTATION WITH AN ORTHOPEDIC FOOT AND ANKLE\n\
            SURGEON\n\
            Guideline: MTUS ACOEM Chapter 14, pp. 374-375.\n\
            Rationale: The records do not document instability. The request for\n\
            consultation is not medically necessary.\n\n\
            FOLLOW-UP VISITS, WEEKLY X l2\n\
            Guideline: ODG Pain (Chronic), Office visits.\n\
            Rationale: He is stable and takes no prescription drug. Twelve weekly visits\n\
            are not medically necessary.\n\n\
            SUMMARY\n\
            In summary, the reviewer upholds the denial of the consultation, which is not\n\
            medically necessary, and overturns nothing that is medically necessary.\n";
        assert_items(
            text,
            &[
                "CONSULTATION WITH AN ORTHOPEDIC FOOT AND ANKLE SURGEON",
                "FOLLOW-UP VISITS, WEEKLY X 12",
            ],
            &[Decision::Upheld, Decision::Upheld],
        );
    }

    #[test]
    fn a_rationale_may_end_on_its_decision_word_or_on_the_request_not_supported() {
        let text = "CLINICAL CASE SUMMARY\n\
            He had rotator cuff repair and has used 10 therapy visits.\n\n\
            DISPUTED ITEM AND ISSUE 1: POSTOPERATIVE PHYSICAL THERAPY RIGHT SHOULDER X 12\n\
            Guideline: MTUS Postsurgical Treatment Guidelines, Shoulder, page 27.\n\
            Rationale: Up to 24 visits are supported. The 12 additional visits fall within the\n\
            guideline total. Certified.\n\
            DISPUTED ITEM AND ISSUE 2: ZOLPIDEM 10MG #30\n\
            \x0cReference CM24-0033518 - Page 2\n\
            Guideline: ODG Pain (Chronic), Insomnia treatment.\n\
            Rationale: Zolpidem is for short-term use. He has taken it for a year. The request is\n\
            not supported.\n";
        assert_items(
            text,
            &[
                "POSTOPERATIVE PHYSICAL THERAPY RIGHT SHOULDER X 12",
                "ZOLPIDEM 10MG #30",
            ],
            &[Decision::Overturned, Decision::Upheld],
        );
    }
}
