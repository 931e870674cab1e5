//! Segment stage, text half: recovers lines, paragraphs and sentences from text extracted from PDF.
//!
//! PDF extractors double-space lines, pad them with blanks, split sentences across page breaks and glue
//! words at line ends. Everything here works on a *logical text* (whitespace folded, artificial line
//! breaks joined) and maps every logical offset back to the original bytes, so spans stay exact.

use crate::span::Span;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// Whether every printed line is followed by an empty line (the usual PDF extraction of these letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Spacing {
    /// Empty lines are artefacts; a line holding only blanks marks a paragraph break.
    Double,
    /// Every printed line is followed by one line holding only blanks, an artefact; two or more such
    /// lines in a row mark a paragraph break.
    DoubleBlank,
    /// Any blank line marks a paragraph break.
    Single,
    /// Single spacing with (almost) no blank lines between paragraphs, as retyped copies and some
    /// extractors give: a blank line still marks a paragraph break, and so does a line ending where
    /// the next line's first word would still have fitted on it (see [`hard_break`]), the lines
    /// wrapped as the letter's [`Wrap`] tells.
    Unbroken(Wrap),
}

impl Spacing {
    pub fn detect(text: &str) -> Spacing {
        let mut empty = 0usize;
        let mut content = 0usize;
        let mut content_then_empty = 0usize;
        // The same counts with lines holding only blanks taken as empty.
        let mut blank = 0usize;
        let mut content_then_blank = 0usize;
        // Lines holding only blanks: after a line with content, alone (the next line has content
        // again) or the first of a run; and how many of the lines before a lone one leave a
        // sentence open.
        let mut lone_blank = 0usize;
        let mut lone_blank_after_open = 0usize;
        let mut blank_runs = 0usize;
        // 0: the last line had content (or none came yet); 1: one blank-only line since; 2: more.
        let mut blanks_since_content = 0u8;
        let mut last_content_open = false;
        let mut previous_content = false;
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
        for end in ends {
            // A final newline ends the last line rather than starting an empty one.
            if start == text.len() {
                break;
            }
            let raw = &text[start..end];
            start = end + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let trimmed = line.trim();
            if line.is_empty() {
                empty += 1;
                if previous_content {
                    content_then_empty += 1;
                }
                previous_content = false;
            } else {
                if !trimmed.is_empty() {
                    content += 1;
                }
                previous_content = true;
            }
            if trimmed.is_empty() {
                blank += 1;
                if blanks_since_content == 0 && content > 0 {
                    content_then_blank += 1;
                }
                blanks_since_content = blanks_since_content.saturating_add(1).min(2);
            } else {
                match blanks_since_content {
                    1 => {
                        lone_blank += 1;
                        lone_blank_after_open += usize::from(last_content_open);
                    }
                    2 => blank_runs += 1,
                    _ => {}
                }
                blanks_since_content = 0;
                last_content_open = !trimmed.ends_with(['.', ':', '?', '!', ';']);
            }
        }
        // Lines wrapped from paragraphs leave sentences open; a letter whose paragraphs are each
        // one line with a blank line between them ends one on most lines, and has no longer runs
        // of blank lines to mark its paragraphs.
        let wraps = lone_blank_after_open * 2 >= lone_blank;
        let blanks_may_be_spacing = wraps || blank_runs > 0;
        if content >= 2
            && empty * 10 >= content * 7
            && content_then_empty * 10 >= content * 7
            && blanks_may_be_spacing
        {
            Spacing::Double
        } else if content >= 2
            && empty * 10 < blank
            && blank * 10 >= content * 7
            && content_then_blank * 10 >= content * 7
            && blanks_may_be_spacing
        {
            // Double spacing whose empty lines were all padded with blanks: no line tells a
            // paragraph break by its blanks, only runs of them do. Its lines wrap sentences, where
            // one-line paragraphs a padded blank line apart end theirs.
            Spacing::DoubleBlank
        } else if content >= 2 && lone_blank * 10 >= content * 6 && wraps && blank_runs > 0 {
            // A letter whose paragraphs are each one line with a blank line between them also has a
            // blank line after most lines, but its lines end sentences, and it has no longer runs.
            Spacing::DoubleBlank
        } else if content >= MIN_UNBROKEN_LINES
            && (lone_blank + blank_runs) * UNBROKEN_LINES_PER_BLANK < content
        {
            Spacing::Unbroken(Wrap::of(text))
        } else {
            Spacing::Single
        }
    }

    /// Whether blank lines leave the letter's paragraphs unmarked (see [`Spacing::Unbroken`]).
    pub fn is_unbroken(self) -> bool {
        matches!(self, Spacing::Unbroken(_))
    }
}

/// A single-spaced letter shorter than this has too few lines to tell its paragraphs by blank lines.
const MIN_UNBROKEN_LINES: usize = 20;
/// Paragraphs of letters run four to ten lines: a letter with fewer runs of blank lines than one in
/// this many lines does not mark its paragraphs with them (only its header and signature, say).
const UNBROKEN_LINES_PER_BLANK: usize = 15;

/// How the lines of a letter without blank lines between paragraphs are wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Wrap {
    /// The width in characters: nearly the longest of the lines a sentence goes on from, since a
    /// table row or a long link may stick out past the margin. Zero when the lines are paragraphs
    /// written on one line each.
    width: usize,
    /// Whether every wrapped line is as full as the width allows, as a program wrapping text in
    /// characters leaves it; a PDF's proportional font fills its lines with fewer or more characters.
    exact: bool,
}

impl Wrap {
    fn of(text: &str) -> Wrap {
        const UNWRAPPED: Wrap = Wrap {
            width: 0,
            exact: false,
        };
        let lines: Vec<&str> = lines_with_ends(text)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // Lines a sentence goes on from are wrapped ones, each with the length of the word that did
        // not fit on it: their lengths tell the width, where rows of a table or a header left
        // unwrapped stick out past it.
        let wrapped: Vec<(usize, usize)> = lines
            .windows(2)
            .filter(|pair| sentence_goes_on(pair[0], pair[1]) || ends_open(pair[0]))
            .map(|pair| (pair[0].chars().count(), first_word_length(pair[1])))
            .collect();
        let mut lengths: Vec<usize> = if wrapped.len() >= MIN_WRAPPED_LINES {
            wrapped.iter().map(|&(length, _)| length).collect()
        } else {
            lines.iter().map(|l| l.chars().count()).collect()
        };
        if lengths.is_empty() {
            return UNWRAPPED;
        }
        let at = (lengths.len() * 19 / 20).min(lengths.len() - 1);
        let width = *lengths.select_nth_unstable(at).1;
        if width > MAX_WRAP_WIDTH {
            return UNWRAPPED;
        }
        // A wrapped line, no short heading, is full: the next word would not have fitted on it, to
        // the character where a program wrapped it. Extracted from a PDF, a third or more of them
        // would have held it.
        let long: Vec<&(usize, usize)> = wrapped
            .iter()
            .filter(|&&(length, _)| length * 2 >= width)
            .collect();
        let full = long
            .iter()
            .filter(|&&&(length, word)| length + 1 + word > width)
            .count();
        Wrap {
            width,
            exact: long.len() >= 5 && full * 10 >= long.len() * 9,
        }
    }

    /// Whether `previous` ended before its line was full: `next`'s first word would have fitted.
    fn has_room(&self, previous: &str, next: &str) -> bool {
        // Lines written a paragraph each are not wrapped: every line that ends a sentence ends one.
        if self.width == 0 {
            return true;
        }
        let used = previous.chars().count() + 1 + first_word_length(next);
        // With a proportional font a line counts as ended early only if the next word and a fifth
        // of the width more would have fitted.
        if self.exact {
            used <= self.width
        } else {
            used * 5 <= self.width * 4
        }
    }
}

/// How many characters the first word of `line` has.
fn first_word_length(line: &str) -> usize {
    line.split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count())
}

/// Fewer lines a sentence goes on from than this tell nothing of the width.
const MIN_WRAPPED_LINES: usize = 5;

/// No page is printed wider than this many characters: longer lines are not wrapped.
const MAX_WRAP_WIDTH: usize = 160;

/// Whether a paragraph ends between `previous` and `next` in a letter that marks no paragraphs with
/// blank lines, its lines wrapped as `wrap` tells. A wrapped line is full: the next word did not
/// fit on it (see [`Wrap::has_room`]). A list entry, or a heading in capitals, after a finished sentence opens a paragraph too. A lead-in
/// ("Rationale:", "Applied to this case:") and the list entries it introduces ("...;") stay in one
/// paragraph, as single-spaced letters with blank lines write them.
fn hard_break(text: &str, previous: &Line<'_>, next: &str, wrap: Wrap) -> bool {
    let opened = previous.paragraph_break;
    // The whole printed line, though the region read starts inside it ("Rationale: " before it).
    let line_start =
        memchr::memrchr(b'\n', &text.as_bytes()[..previous.span.offset]).map_or(0, |at| at + 1);
    let printed = text[line_start..previous.span.end()].trim_start();
    let previous = previous.text;
    if ends_open(previous) {
        return false;
    }
    let last = previous
        .trim_end_matches(['"', '\u{201d}', ')'])
        .chars()
        .last();
    if matches!(last, Some(':' | ';' | ',')) {
        return false;
    }
    let room = wrap.has_room(printed, next);
    // A heading of a few words stands on its line as a paragraph of its own, though the text after
    // it starts in lower case (as in a letter lower-cased whole: "analysis" / "the first item ...").
    let heading = room
        && opened
        && !previous.contains(". ")
        && previous.split_whitespace().count() <= HEADING_WORDS
        && last.is_some_and(char::is_alphanumeric);
    if sentence_goes_on(previous, next) && !heading {
        return false;
    }
    // A sentence does not start with a numeral, a list entry aside: "... physical therapy x" / "16
    // visits is not medically necessary."
    if next.starts_with(|c: char| c.is_ascii_digit()) && !starts_list_entry(next) {
        return false;
    }
    let finished = matches!(last, Some('.' | '?' | '!'));
    // A line in capitals after one in small letters is a heading; in a letter written wholly in
    // capitals it tells nothing.
    let capitals_heading = in_capitals(next) && next.contains(' ') && !in_capitals(previous);
    room || (finished && (starts_list_entry(next) || capitals_heading))
}

/// The most words a heading on a line of its own has ("how the imr final determination was made").
const HEADING_WORDS: usize = 6;

/// Whether `line` starts with a list entry's number or letter: "2. ", "(3) ", "b) ".
fn starts_list_entry(line: &str) -> bool {
    let unparenthesised = line.strip_prefix('(').unwrap_or(line);
    let mark = unparenthesised
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map_or("", |end| &unparenthesised[..end]);
    let rest = &unparenthesised[mark.len()..];
    let numbered = (1..=2).contains(&mark.len()) && mark.bytes().all(|b| b.is_ascii_digit());
    let lettered = mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_alphabetic());
    (numbered || lettered) && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// One printed line with content, trimmed of surrounding blanks.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
    /// A paragraph break stands between this line and the previous line with content.
    pub paragraph_break: bool,
    /// A page ends between this line and the previous line with content: a running header or
    /// footer, or a form feed, was skipped.
    pub page_break: bool,
    /// The line started with a bullet glyph, which `text` leaves out.
    pub bullet: bool,
}

/// Whether `c` is a bullet glyph: the round and square bullets and arrows word processors print
/// before list entries, and the private-use symbols of their bullet fonts, which extractors copy
/// as they are. They start list entries, and stray ones start any line of a damaged letter.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}'
            | '\u{2023}'
            | '\u{2043}'
            | '\u{2219}'
            | '\u{25A0}'
            | '\u{25A1}'
            | '\u{25AA}'
            | '\u{25BA}'
            | '\u{25CF}'
            | '\u{25E6}'
            | '\u{27A2}'
            | '\u{F0A7}'
            | '\u{F0B7}'
            | '\u{F0D8}'
            | '\u{F0FC}'
    )
}

/// `text` after `repair`, one of the repairs that keep every offset (it returns its input borrowed
/// when it changes nothing): the chain of them is read as one text.
pub fn repaired_with<'a>(
    text: std::borrow::Cow<'a, str>,
    repair: impl FnOnce(&str) -> std::borrow::Cow<'_, str>,
) -> std::borrow::Cow<'a, str> {
    match repair(&text) {
        std::borrow::Cow::Owned(repaired) => std::borrow::Cow::Owned(repaired),
        std::borrow::Cow::Borrowed(_) => text,
    }
}

/// `text` with each no-break space (two bytes) written as two blanks, so that every offset into the
/// result is the same offset into `text`: a PDF extractor writes no-break spaces between words where
/// the layout reads blanks.
pub fn with_no_break_spaces_as_blanks(text: &str) -> std::borrow::Cow<'_, str> {
    const NO_BREAK_SPACE: &[u8] = "\u{a0}".as_bytes();
    let bytes = text.as_bytes();
    let mut found = memchr::memmem::find_iter(bytes, NO_BREAK_SPACE).peekable();
    if found.peek().is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut blanked = bytes.to_vec();
    for at in found {
        blanked[at..at + NO_BREAK_SPACE.len()].fill(b' ');
    }
    // Only whole characters were replaced, each by ASCII blanks.
    std::borrow::Cow::Owned(String::from_utf8(blanked).expect("still UTF-8"))
}

/// `text` with the Markdown of a re-typed letter written as blanks, byte for byte, so that offsets
/// into the result are offsets into `text`: emphasis (`**Upheld**`, `*never*`), and list marks and
/// headings' hashes at a line's start (`* `, `+ `, `## `). Only where the letter uses Markdown
/// throughout (several marks), so a lone asterisk keeps its meaning.
pub fn with_markdown_blanked(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    if memchr::memchr2(b'*', b'#', bytes).is_none()
        || (memchr::memmem::find_iter(bytes, b"**")
            .nth(MARKS_NEEDED)
            .is_none()
            && line_marks(text).nth(MARKS_NEEDED - 1).is_none())
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for at in line_marks(text) {
        out[at] = b' ';
    }
    let word = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let edge = |c: Option<&u8>| c.is_none_or(|&c| !c.is_ascii_alphanumeric() && c != b'*');
    for at in memchr::memchr_iter(b'*', bytes) {
        let before = at.checked_sub(1).map(|i| &bytes[i]);
        let after = bytes.get(at + 1);
        let doubled = before == Some(&b'*') || after == Some(&b'*');
        // Emphasis hugs a word: `*never*`, `*Overturned*:`; an asterisk between blanks or digits
        // ("2 * 3") is the text's own.
        if doubled || (edge(before) && word(after)) || (word(before) && edge(after)) {
            out[at] = b' ';
        }
    }
    // Only ASCII bytes were replaced, each by an ASCII blank.
    std::borrow::Cow::Owned(String::from_utf8(out).expect("still UTF-8"))
}

/// How many marks of a kind make a letter's markup, not a stray character.
const MARKS_NEEDED: usize = 3;

/// `text` with the outline numbers at its lines' starts ("2.0 CLINICAL CASE SUMMARY", "3.2.1 MAXIMUS
/// guideline: ...") written as blanks, byte for byte, where there are several. Layouts read numbered
/// entries ("5.1  Platelet-rich plasma injection") as items, so with `whole_outline` only a letter
/// numbered throughout (a "2.0" heading or a "3.2.1" paragraph among them) loses its numbers.
pub fn with_outline_numbers_blanked(text: &str, whole_outline: bool) -> std::borrow::Cow<'_, str> {
    let numbers: Vec<(usize, &str)> = outline_numbers(text).collect();
    let throughout = || {
        numbers.iter().any(|(_, n)| {
            let n = n.trim_end().trim_end_matches('.');
            n.ends_with(".0") || n.matches('.').count() >= 2
        })
    };
    if numbers.len() < MARKS_NEEDED || (whole_outline && !throughout()) {
        return std::borrow::Cow::Borrowed(text);
    }
    with_ranges_blanked(
        text,
        numbers
            .into_iter()
            .map(|(at, number)| at..at + number.len()),
    )
}

/// `text` with the bytes of `ranges` written as blanks, or `text` itself when there are none. Each
/// range covers whole characters, so the result is still UTF-8 and every offset into it the same
/// offset into `text`.
pub(crate) fn with_ranges_blanked(
    text: &str,
    ranges: impl IntoIterator<Item = std::ops::Range<usize>>,
) -> std::borrow::Cow<'_, str> {
    let mut out: Option<Vec<u8>> = None;
    for range in ranges {
        out.get_or_insert_with(|| text.as_bytes().to_vec())[range].fill(b' ');
    }
    match out {
        Some(bytes) => {
            std::borrow::Cow::Owned(String::from_utf8(bytes).expect("whole characters blanked"))
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// `text` with the dot leaders of a form's fields ("Service requested ..... Oxycodone IR 15 mg",
/// "Determination ......... NOT MEDICALLY NECESSARY") written as a colon and blanks, byte for byte:
/// the fields are then read as "Label: value" lines. A field's label opens its line and is a few
/// words long; a numbered table row ("5) Pre-operative EKG ........ OVERTURN") is no field.
pub fn with_dot_leaders_as_colons(text: &str) -> std::borrow::Cow<'_, str> {
    static FIELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(
            r"(?m)^[ \t]*[A-Za-z][A-Za-z'()/ -]{1,40}?[A-Za-z)]([ \t]*\.{3,})[ \t]+\S",
        )
        .unwrap()
    });
    if !text.contains("...") {
        return std::borrow::Cow::Borrowed(text);
    }
    let leaders: Vec<std::ops::Range<usize>> = FIELD
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.range()))
        .collect();
    if leaders.len() < MARKS_NEEDED {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = with_ranges_blanked(text, leaders.iter().cloned()).into_owned();
    for leader in leaders {
        // A blank the leader left, one ASCII byte for another.
        out.replace_range(leader.start..leader.start + 1, ":");
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with the word "RATIONALE" blanked, byte for byte, where it heads an item's section with the
/// item named after it ("RATIONALE, ITEM 2:  Naproxen sodium 550 mg, #60", "Rationale for Item A -
/// Lidocaine 4% cream"), or alone ("RATIONALE, ITEM A", the service listed above): the line is then read
/// as the item's labelled service, or its label. Only a heading: the line
/// does not run on into prose (it ends no clause with a comma, and a blank line or a labelled line
/// follows it); "Rationale, item 1: MTUS supports ongoing opioid management ..." opens a rationale.
pub fn with_rationale_item_headings_blanked(text: &str) -> std::borrow::Cow<'_, str> {
    static HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(
            r"(?mi)^[ \t]*(rationale(?:[ \t]+for)?[ \t]*,?[ \t]+)item[ \t]*#?[ \t]*(?:\d{1,2}|[a-h])\b[ \t]*(?:(?::|[-\x{2013}\x{2014}])[ \t]*\S|\r?$)",
        )
        .unwrap()
    });
    static LABELLED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(r"^[ \t]*[A-Z][A-Za-z'\x{2019}() /-]{1,48}:").unwrap()
    });
    let line_at = |start: usize| {
        let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        (text[start..end].trim_end_matches('\r'), end)
    };
    let headings = HEADING.captures_iter(text).filter_map(|c| {
        let word = c.get(1)?;
        let (line, end) = line_at(c.get(0)?.start());
        let next = if end < text.len() {
            line_at(end + 1).0
        } else {
            ""
        };
        let heading = !line.trim_end().ends_with(',')
            && line.len() <= 120
            && (next.trim().is_empty() || LABELLED.is_match(next));
        heading.then(|| word.range())
    });
    with_ranges_blanked(text, headings)
}

/// `text` with the section labels before its headings ("SECTION II. CLINICAL CASE SUMMARY", "PART 3 -
/// DISPUTED ITEMS") written as blanks, byte for byte, where there are several: the headings are then
/// read as the template writes them.
pub fn with_section_labels_blanked(text: &str) -> std::borrow::Cow<'_, str> {
    static SECTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(
            r"(?m)^[ \t]*(?:((?:SECTION|Section|PART|Part)[ \t]+(?:[IVX]{1,4}|\d{1,2}|[A-H])[ \t]*(?:[.:]|[-\x{2013}\x{2014}])?[ \t]+)[A-Z]{2}|((?:section|part)[ \t]+[ivx]{1,4}[ \t]*(?:[.:]|[-\x{2013}\x{2014}])?[ \t]+)([a-z]{2,}))",
        )
        .unwrap()
    });
    // A letter lower-cased whole numbers its parts in lower case too ("part iv. determination summary").
    let named = ["SECTION", "Section ", "PART ", "Part ", "section ", "part "];
    if !named.iter().any(|n| text.contains(n)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let labels: Vec<std::ops::Range<usize>> = SECTION
        .captures_iter(text)
        .filter_map(|c| {
            // In lower case, only a roman number marks a part (an item may be "section 1. tens
            // unit"), and a heading's first word is no word of a sentence ("part ii of the code").
            let sentence = c.get(3).is_some_and(|word| {
                [
                    "of", "in", "the", "and", "to", "for", "with", "was", "is", "are", "on", "at",
                ]
                .contains(&word.as_str())
            });
            let label = c.get(1).or(c.get(2).filter(|_| !sentence))?;
            // A part named by a block's word alone ("PART III. RATIONALE") keeps its label: bare,
            // the word would head a block of the item above it.
            let rest = text[label.end()..].lines().next().unwrap_or("").trim();
            let block_word = ["rationale", "rationales", "analysis", "discussion"]
                .iter()
                .any(|w| rest.eq_ignore_ascii_case(w));
            (!block_word).then(|| label.range())
        })
        .collect();
    if labels.len() < 2 {
        return std::borrow::Cow::Borrowed(text);
    }
    with_ranges_blanked(text, labels)
}

/// The offsets of Markdown's marks at a line's start: a list mark (`* `, `+ `) or a heading's hashes
/// (`## `) before a word.
fn line_marks(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut offset = 0;
    lines_with_ends(text).flat_map(move |raw| {
        let start = offset;
        offset += raw.len();
        let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        let rest = &raw.as_bytes()[indent..];
        let hashes = rest.iter().take_while(|&&b| b == b'#').count();
        let next_word = |from: usize| rest[from..].iter().find(|b| **b != b' ').copied();
        let marks = match rest.first() {
            Some(b'*' | b'+') if rest.get(1) == Some(&b' ') && next_word(1).is_some() => 1,
            // A heading's hashes need a word after them: "# 3" may be an item's number.
            Some(b'#')
                if (1..=6).contains(&hashes)
                    && rest.get(hashes) == Some(&b' ')
                    && next_word(hashes).is_some_and(|b| b.is_ascii_alphabetic()) =>
            {
                hashes
            }
            _ => 0,
        };
        let start = start + indent;
        start..start + marks
    })
}

/// Outline numbers at a line's start ("2.0 ", "3.2.1 "): the offset of each, and the number with
/// the blanks after it, where a capitalised word that is no unit follows.
fn outline_numbers(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    static OUTLINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(r"(?m)^[ \t]*(\d{1,2}(?:\.\d{1,2}){1,3}\.?[ \t]+)([A-Z][A-Za-z]*)")
            .unwrap()
    });
    const UNITS: &[&str] = &[
        "MG", "MCG", "ML", "CM", "MM", "G", "GM", "GMS", "MEQ", "IU", "UNITS", "HRS", "HR",
    ];
    OUTLINE.captures_iter(text).filter_map(|c| {
        let number = c.get(1)?;
        let word = c.get(2)?.as_str();
        (!UNITS.iter().any(|u| u.eq_ignore_ascii_case(word)))
            .then(|| (number.start(), number.as_str()))
    })
}

/// The lines with content inside `region` of `text`.
pub fn lines(text: &str, region: Span, spacing: Spacing) -> Vec<Line<'_>> {
    let region = clamp(region, text.len());
    let slice = &text[region.range()];
    let mut out = Vec::new();
    let mut pending_break = false;
    let mut pending_page = false;
    // Empty lines in a row since the last line with content.
    let mut empties = 0usize;
    let mut offset = region.offset;
    for raw in lines_with_ends(slice) {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim();
        // A bullet is the list's mark, not the entry's text; a line holding nothing else is blank.
        let unbulleted = content.trim_start_matches(is_bullet).trim_start();
        let bullet = unbulleted.len() < content.len();
        let content = unbulleted;
        // The content is what is left at the end of the line once its end is trimmed.
        let trimmed_start = line.trim_end().len() - content.len();
        // Page furniture a PDF extractor leaves in the text flow ("Page 2 of 4", the running
        // header under it) is not part of what it interrupts: skip it, and keep the paragraph open
        // so a sentence split by a page break joins up again.
        let furniture = is_page_furniture(content)
            || is_running_header(text, start, content)
            || (is_furniture_title(content)
                && (pending_page || furniture_follows(&text[offset..region.end()])));
        if furniture {
            // A blank line of a double-spaced letter before the page's foot still ends its paragraph
            // (unless the sentence goes on on the next page, below).
            pending_break |=
                matches!(spacing, Spacing::Double | Spacing::DoubleBlank) && empties >= 2;
            empties = 0;
            pending_page = true;
            continue;
        }
        // A form feed is where the extractor turned the page, not a paragraph.
        if content.is_empty() && line.contains('\x0c') {
            pending_page = true;
            continue;
        }
        if content.is_empty() {
            let marks_break = match spacing {
                Spacing::Double => !line.is_empty(),
                Spacing::DoubleBlank => false,
                Spacing::Single | Spacing::Unbroken(_) => true,
            };
            pending_break |= marks_break;
            empties += 1;
            continue;
        }
        let goes_on = || {
            out.last()
                .is_some_and(|previous: &Line<'_>| sentence_goes_on(previous.text, content))
        };
        // Double spacing puts one empty line after each line: two or more in a row stand for a
        // blank line of the letter, unless the sentence goes on past them. Around a page's
        // furniture they are the page's margins.
        // A line of a few words before them is a heading, not a sentence's start, though the text
        // after it starts in lower case (as in a letter lower-cased whole: "analysis" / "the first
        // item ...").
        if matches!(spacing, Spacing::Double | Spacing::DoubleBlank)
            && empties >= 2
            && !pending_page
        {
            let heading = out.last().is_some_and(|previous: &Line<'_>| {
                previous.text.split_whitespace().count() <= 3 && !ends_open(previous.text)
            });
            pending_break |= heading || !goes_on();
        }
        empties = 0;
        // The blank lines around a page's footer are the page's margins, not a paragraph's end: a
        // sentence left open at the foot of a page and going on in lower case on the next one
        // ("The Utilization Review decision is" / "upheld.") is one paragraph.
        let runs_on = pending_page && goes_on();
        // The letter's lines, not the region's, tell how it is wrapped: a region may start or end
        // inside a line.
        if let (Spacing::Unbroken(wrap), false) = (spacing, pending_page) {
            pending_break |= out
                .last()
                .is_some_and(|previous: &Line<'_>| hard_break(text, previous, content, wrap));
        }
        out.push(Line {
            text: content,
            span: Span::new(start + trimmed_start, content.len()),
            paragraph_break: pending_break && !out.is_empty() && !runs_on,
            page_break: pending_page && !out.is_empty(),
            bullet,
        });
        pending_break = false;
        pending_page = false;
    }
    out
}

/// Whether `text` is written in capitals: some capital letters and no small ones. A line in mixed case
/// shows a small letter within its first word, so the test stops early there.
pub(crate) fn in_capitals(text: &str) -> bool {
    !text.bytes().any(|b| b.is_ascii_lowercase()) && text.bytes().any(|b| b.is_ascii_uppercase())
}

/// Words a sentence cannot end on: a line ending in one leaves its sentence open.
const OPEN_ENDINGS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "that",
    "which", "who", "whose", "than", "this", "these", "his", "her", "its", "their",
];

/// Whether the sentence left open on the line `previous` goes on on the line `next`. In lower case it
/// does when the next line starts in lower case. A letter in capitals has no such mark: there the
/// sentence goes on when the line before ends on a word no sentence ends on, or is too long for a
/// heading.
pub(crate) fn sentence_goes_on(previous: &str, next: &str) -> bool {
    if previous.ends_with(['.', ':', '?', '!', ';']) {
        return false;
    }
    // A comma leaves the sentence open whatever the next word: "There is no urine drug screen," /
    // "CURES report or signed opioid agreement ...".
    if next.starts_with(|c: char| c.is_lowercase()) || previous.ends_with(',') {
        return true;
    }
    if !(in_capitals(next) && in_capitals(previous)) {
        return false;
    }
    ends_open(previous) || previous.split_whitespace().count() >= 8
}

/// Whether `line` ends on a word no sentence ends on ("and", "the", "with").
pub(crate) fn ends_open(line: &str) -> bool {
    let last = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    OPEN_ENDINGS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// The lines of `text`, each with its line end, as `split_inclusive('\n')` gives them; every letter is
/// read this way, and a vectorised search finds the line ends faster.
fn lines_with_ends(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|i| i + 1)
        .chain(std::iter::once(text.len()))
        .filter_map(move |end| {
            let line = (end > start).then(|| &text[start..end]);
            start = end;
            line
        })
}

/// The words of a running header's or footer's title: the letter's title, the case label, the
/// reviewing organisation, a redacted name ("IMR Case Number CM18-0019772   Employee: [Redacted]", or
/// the redaction alone), a confidentiality notice ("CONFIDENTIAL - contains protected health
/// information").
const FURNITURE_TITLE: &str = r"(?:confidential(?:\s*[-\x{2013}\x{2014}:]?\s*(?:contains\s+)?(?:protected\s+health\s+information|phi))?|(?:imr\s+|independent\s+medical\s+review\s+)?final\s+determination(?:\s+letter)?(?:\s+for)?|(?:imr\s+)?case(?:\s+(?:number|no\.?|#))?\s*:?|(?:reference|ref\.?)(?:\s+(?:number|no\.?|#))?\s*:?|maximus(?:\s+federal\s+services(?:,?\s+inc\.?)?)?|(?:employee|claimant|injured\s+worker|applicant|patient)(?:\s+name)?\s*:\s*(?:\[[^\]]{1,20}\]|redacted|x{2,}|\*{2,})|imr|independent\s+medical\s+review|\[[^\]\n]{1,24}\])";

/// What parts the pieces of a running header or footer: blanks, bars, commas and dashes, typographic
/// ones too ("CM21-0087412 – Final Determination Letter").
const FURNITURE_SEPARATOR: &str = r"[\s|,\x{2013}\x{2014}-]*";

pub(crate) fn is_page_furniture(line: &str) -> bool {
    static FURNITURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // A running header or footer is made of the letter's title, its case number and a page
        // number, in any order ("CM18-0098765   Final Determination Letter   Page 2 of 3"): a line
        // made of these alone, with a case number or a page number among them. The page number may
        // stand bare at the far right ("Final Determination Letter for IMR Case Number CM19-0052216
        // 3").
        let title = FURNITURE_TITLE;
        // Extractors may turn the case number's hyphen into a typographic dash.
        let case = r"[a-z]{0,3}\d{2}[-\x{2010}-\x{2014}]\d{4,}";
        let page = r"page\s+\d+(?:\s+of\s+\d+)?";
        crate::pattern::regex(&format!(
            r"(?i)^(?:-\s*\d+\s*-|(?:{title}{FURNITURE_SEPARATOR})*(?:{case}|{page})(?:{FURNITURE_SEPARATOR}(?:{title}|{case}|{page}))*(?:\s{{2,}}\d{{1,3}})?)$"
        ))
        .expect("valid")
    });
    // Every form starts with a dash, or holds a case number (a dash between digits) or the word
    // "page": most lines hold none of these, and are told without the pattern.
    // Wide letters set a footer's page number far to the right.
    line.len() < 200
        && (line.starts_with('-')
            || dash_between_digits(line)
            || (line.bytes().any(|b| b.is_ascii_digit())
                && contains_ignore_ascii_case(line, "page")))
        && FURNITURE.is_match(line)
}

/// Whether `line` is a running header's title alone ("Independent Medical Review Final
/// Determination"), which is page furniture where it stands on the line above or below a page's
/// number or case number: elsewhere it is the letter's own title.
fn is_furniture_title(line: &str) -> bool {
    static TITLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(&format!(
            r"(?i)^(?:{FURNITURE_TITLE}{FURNITURE_SEPARATOR})+$"
        ))
        .expect("valid")
    });
    // Every title word starts with one of these letters ("confidential", "IMR", "independent",
    // "final", "case", "MAXIMUS", "employee", "claimant", "applicant", "patient"): most lines start
    // with another and are told without the pattern.
    line.len() < 120
        && line.as_bytes().first().is_some_and(|b| {
            matches!(
                b.to_ascii_lowercase(),
                b'c' | b'i' | b'f' | b'm' | b'e' | b'a' | b'p'
            )
        })
        && TITLE.is_match(line)
}

/// Whether the first line with content in `rest` is page furniture.
fn furniture_follows(rest: &str) -> bool {
    lines_with_ends(rest)
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(is_page_furniture)
}

/// Whether `line`, starting at byte `start` of `text`, is a running header that repeats the letter's
/// case number and date of injury at the top of each page ("IMR Case Number CM16-0094411   Date of
/// Injury 08/03/2012"). The letter's own header sets out the same fields once, on its first lines:
/// only a line the letter repeats, past those lines, is a page's.
fn is_running_header(text: &str, start: usize, line: &str) -> bool {
    /// The letter's own header ends within this many lines.
    const HEADER_LINES: usize = 12;
    if line.len() >= 120
        || !dash_between_digits(line)
        || !contains_ignore_ascii_case(line, "injury")
    {
        return false;
    }
    let repeated = memchr::memmem::find_iter(text.as_bytes(), line.as_bytes())
        .nth(1)
        .is_some();
    repeated
        && memchr::memchr_iter(b'\n', &text.as_bytes()[..start])
            .nth(HEADER_LINES)
            .is_some()
}

/// Whether a hyphen or a typographic dash (U+2010 to U+2014) stands between two digits.
fn dash_between_digits(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr2_iter(b'-', 0xe2, bytes).any(|at| {
        let len = if bytes[at] == b'-' {
            1
        } else if bytes.get(at + 1) == Some(&0x80)
            && bytes.get(at + 2).is_some_and(|b| (0x90..=0x94).contains(b))
        {
            3
        } else {
            return false;
        };
        at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + len).is_some_and(u8::is_ascii_digit)
    })
}

/// The maximal runs of bytes of `bytes` that `class` admits, as ranges.
pub(crate) fn byte_runs<'a>(
    bytes: &'a [u8],
    class: impl Fn(u8) -> bool + 'a,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !class(bytes[i]) {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && class(bytes[i]) {
            i += 1;
        }
        (i > start).then_some(start..i)
    })
}

/// Whether `haystack` contains `needle`, ASCII letters compared without case. A cheap test a text
/// must pass before a case-insensitive pattern that needs `needle` can match it: a pattern's `(?i)`
/// also matches letters outside ASCII, but only "k" and "s" have such variants, so a needle without
/// them is a strict necessary condition.
pub fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    find_ignore_ascii_case(haystack, needle).is_some()
}

/// Per byte, how rare it is in English text: the letters by frequency, every other byte rarest.
static RARITY: [u8; 256] = {
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let mut rarity = [BY_FREQUENCY.len() as u8; 256];
    let mut i = 0;
    while i < BY_FREQUENCY.len() {
        rarity[BY_FREQUENCY[i] as usize] = i as u8;
        i += 1;
    }
    rarity
};

/// Where `needle` first stands in `haystack`, ASCII letters compared without case. No match of a
/// pattern that starts with `needle` (and whose `(?i)` has no letter with a variant outside ASCII
/// to match there) starts before it, so the pattern's search can start there.
pub fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    // The search looks for the needle's rarest letter, which leaves the fewest places to compare.
    let rank = |b: u8| RARITY[usize::from(b.to_ascii_lowercase())];
    let Some((offset, &anchor)) = needle.iter().enumerate().max_by_key(|&(_, &b)| rank(b)) else {
        return Some(0);
    };
    let last_start = haystack.len().checked_sub(needle.len())?;
    memchr::memchr2_iter(
        anchor.to_ascii_lowercase(),
        anchor.to_ascii_uppercase(),
        &haystack[offset..=last_start + offset],
    )
    .find(|&start| haystack[start..start + needle.len()].eq_ignore_ascii_case(needle))
}

fn clamp(span: Span, len: usize) -> Span {
    let start = span.offset.min(len);
    let end = span.end().min(len);
    Span::from_range(start..end)
}

/// A region of a letter read as logical text, with its sentences: what the date reader and the
/// finding reader both need of the case summary, made once.
#[derive(Debug, Clone)]
pub struct Passage {
    pub region: Span,
    pub logical: LogicalText,
    pub sentences: Vec<Range<usize>>,
}

impl Passage {
    pub fn new(text: &str, region: Span, spacing: Spacing) -> Passage {
        let logical = LogicalText::from_region(text, region, spacing);
        let sentences = logical.sentences();
        Passage {
            region,
            logical,
            sentences,
        }
    }
}

/// Text with folded whitespace, joined lines, typographic quotes and dashes in their ASCII form and
/// `\n` between paragraphs, mapped back to the original.
#[derive(Debug, Clone, Default)]
pub struct LogicalText {
    text: String,
    /// `(logical offset, original offset)` at the start of every run copied verbatim.
    anchors: Vec<(usize, usize)>,
    /// `(logical offset, original length)` of every character written in its ASCII form, so a span
    /// ending on one ends after the whole original character.
    plain: Vec<(usize, usize)>,
    /// Runs of letters are copied as written, glued words included.
    keep_glued: bool,
    /// The lines hold no capital letter: a letter lower-cased whole, whose only capitals are those a
    /// repaired misreading puts back ("0dg" read as "Odg"), which must not make it look cased.
    written_in_lowercase: bool,
}

/// The plain form of a character PDF extractors print where a letter's author typed plain text:
/// typographic quotes and dashes in ASCII (rules and patterns are written with `'`, `"` and `-`, and
/// extractors print "8–10 visits" and "the patient’s"), ligatures as their letters ("signiﬁcant"), and
/// nothing for the invisible soft hyphen and zero-width characters ("Consulta\u{ad}tion").
pub fn plain_form(c: char) -> Option<&'static str> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => Some("'"),
        '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => Some("\""),
        '\u{2010}'..='\u{2014}' | '\u{2212}' => Some("-"),
        '\u{fb00}' => Some("ff"),
        '\u{fb01}' => Some("fi"),
        '\u{fb02}' => Some("fl"),
        '\u{fb03}' => Some("ffi"),
        '\u{fb04}' => Some("ffl"),
        '\u{fb05}' | '\u{fb06}' => Some("st"),
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Some(""),
        _ => None,
    }
}

impl LogicalText {
    /// Joins `lines` into one text. A paragraph break in mid-sentence (the line before it does not end
    /// one) is a page break when a running header or footer stood there or the next line starts in
    /// lowercase, so it is joined like an ordinary line break: "positive\n\nPage 2 of 4\n\nSpurling's
    /// test" is one sentence.
    pub fn from_lines(lines: &[Line<'_>]) -> LogicalText {
        let mut logical = LogicalText::default();
        logical.append_lines(lines);
        logical
    }

    fn append_lines(&mut self, lines: &[Line<'_>]) {
        // Folding mostly shortens the lines, so the text seldom grows past its first allocation.
        self.text
            .reserve(lines.iter().map(|l| l.text.len() + 1).sum());
        self.anchors.reserve(lines.len());
        self.written_in_lowercase = !lines
            .iter()
            .any(|l| l.text.bytes().any(|b| b.is_ascii_uppercase()));
        let logical = self;
        // The words these lines spell, gathered only when a line ends in a hyphen.
        let mut spellings: Option<HashSet<String>> = None;
        let mut written = |word: &str| {
            spellings
                .get_or_insert_with(|| spellings_of(lines.iter().map(|l| l.text)))
                .contains(word)
        };
        // Whether the lines since the last paragraph break hold a list's entries.
        let mut in_list = false;
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                in_list = line.bullet;
            } else {
                let previous = lines[i - 1].text;
                match line_break_hyphen(previous, line.text, &mut written) {
                    Hyphen::Soft => {
                        // The hyphen is the typesetter's: the word goes on without it. The hyphen was
                        // copied with the run before it, so the run is cut short; the next line starts
                        // a run (and an anchor) of its own, so offsets on either side stay exact.
                        logical.text.pop();
                    }
                    Hyphen::Compound => {}
                    Hyphen::None => {
                        let soft = || {
                            !previous.ends_with(['.', ':', '?', '!'])
                                && (line.page_break || sentence_goes_on(previous, line.text))
                        };
                        // A list entry is a statement of its own, whatever punctuation the one
                        // before it lacks: "• anterior drawer test positive" / "- mild swelling; no
                        // ecchymosis". A stray bullet after a line left open ("The MTUS directs the"
                        // / "• clinician to determine"), or after a long line of prose that no list
                        // comes before and no colon ends ("... IN PATIENTS WITH LOW BACK" / "• PAIN IN
                        // THE ABSENCE OF RED FLAGS"), marks no entry.
                        let prose_runs_on = !in_list
                            && previous.len() >= 60
                            && !previous.ends_with(['.', ':', ';', '?', '!']);
                        let list_entry = (line.bullet
                            || line.text.starts_with("- ")
                            || line.text.starts_with("* "))
                            && !ends_open(previous)
                            && !previous.ends_with(',')
                            && !prose_runs_on;
                        in_list = list_entry || (in_list && !line.paragraph_break);
                        logical
                            .text
                            .push(if (line.paragraph_break && !soft()) || list_entry {
                                '\n'
                            } else {
                                ' '
                            });
                    }
                }
            }
            logical.push_folded(line.text, line.span.offset);
        }
    }

    /// A logical text of one region of `text`.
    pub fn from_region(text: &str, region: Span, spacing: Spacing) -> LogicalText {
        LogicalText::from_lines(&lines(text, region, spacing))
    }

    /// A logical text of one region of `text` with every run of letters as written: no glued words
    /// split, for a caller that must find a term exactly as the text spells it.
    pub fn from_region_unsplit(text: &str, region: Span, spacing: Spacing) -> LogicalText {
        let mut logical = LogicalText {
            keep_glued: true,
            ..LogicalText::default()
        };
        logical.append_lines(&lines(text, region, spacing));
        logical
    }

    fn push_folded(&mut self, content: &str, original: usize) {
        // A run of blanks becomes one space. The text is copied in runs that match the original byte
        // for byte, single spaces included; a new anchor starts only where that stops being true.
        let bytes = content.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        self.anchors.push((self.text.len(), original));
        while i < bytes.len() {
            // Skip to the next byte that may start a blank: most are letters.
            match bytes[i..]
                .iter()
                .position(|&b| is_ascii_blank(b) || !b.is_ascii())
            {
                Some(skip) => i += skip,
                None => break,
            }
            let blank_len = blank_at(content, i);
            if blank_len == 0 {
                let typographic = content
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .and_then(|c| plain_form(c).map(|p| (p, c.len_utf8())));
                let Some((plain, len)) = typographic else {
                    i += 1;
                    continue;
                };
                self.push_run(content, run_start, i, original);
                // Every letter of the plain form stands for the whole original character.
                for (k, letter) in plain.char_indices() {
                    if k > 0 {
                        self.anchors.push((self.text.len(), original + i));
                    }
                    self.plain.push((self.text.len(), len));
                    self.text.push(letter);
                }
                run_start = i + len;
                i += len;
                if i < bytes.len() {
                    self.anchors.push((self.text.len(), original + i));
                }
                continue;
            }
            let mut end = i + blank_len;
            loop {
                let more = blank_at(content, end);
                if more == 0 {
                    break;
                }
                end += more;
            }
            // A word broken at a line end that a reflowed letter joined with a blank ("cri- tical")
            // is read whole; the hyphen and the blank map to nothing.
            if i > 0 && bytes[i - 1] == b'-' && mid_line_break(content, i, end) {
                self.push_run(content, run_start, i - 1, original);
                run_start = end;
                i = end;
                self.anchors.push((self.text.len(), original + end));
                continue;
            }
            if end - i == 1 && bytes[i] == b' ' {
                i = end;
                continue;
            }
            self.push_run(content, run_start, i, original);
            self.text.push(' ');
            run_start = end;
            i = end;
            if end < bytes.len() {
                self.anchors.push((self.text.len(), original + end));
            }
        }
        self.push_run(content, run_start, content.len(), original);
    }

    /// Copies `content[from..to]` (at original offset `original + from`), with a space between two
    /// words glued together ("nofocal" is written "no focal").
    fn push_run(&mut self, content: &str, from: usize, to: usize, original: usize) {
        if self.keep_glued {
            self.text.push_str(&content[from..to]);
            return;
        }
        let bytes = content.as_bytes();
        let joins = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'' || b >= 0x80;
        let mut copied = from;
        // Runs are split at spaces, the only blank left in them; a word is its letters between
        // punctuation that does not join words.
        // One vectorised search over the run finds its spaces: most tokens are short.
        let spaces = memchr::memchr_iter(b' ', &bytes[from..to])
            .map(|at| from + at)
            .chain(std::iter::once(to));
        let mut token_start = from;
        // The letters of the token before, when it ends in them: the first part of a word split apart.
        let mut before: Option<(usize, usize)> = None;
        for token_end in spaces {
            let token = &content[token_start..token_end];
            let start = token_start;
            token_start = token_end + 1;
            let leading = token.bytes().take_while(u8::is_ascii_alphabetic).count();
            let split_part = before.take().filter(|&(left, space)| {
                leading >= 2
                    && token.as_bytes()[leading..]
                        .iter()
                        .all(|b| !b.is_ascii_alphanumeric())
                    && crate::words::split_apart(&content[left..space], &token[..leading])
            });
            if let Some((_, space)) = split_part.filter(|&(_, space)| copied <= space) {
                self.text.push_str(&content[copied..space]);
                copied = space + 1;
                self.anchors.push((self.text.len(), original + copied));
                continue;
            }
            let trailing = token
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphabetic)
                .count();
            if trailing == token.len()
                || token.as_bytes()[..token.len() - trailing]
                    .iter()
                    .all(|b| !b.is_ascii_alphanumeric() && *b != b'-')
            {
                before = Some((token_end - trailing, token_end));
            }
            if crate::words::may_be_misread(token.as_bytes())
                && self.push_misread(content, start, token_end, &mut copied, original)
            {
                continue;
            }
            if token.len() < crate::words::MIN_GLUED {
                continue;
            }
            let letters = token.trim_matches(|c: char| !c.is_ascii_alphabetic());
            if letters.len() < crate::words::MIN_GLUED {
                continue;
            }
            let word_start = start
                + (token.len()
                    - token
                        .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
                        .len());
            let word_end = word_start + letters.len();
            let whole = (word_start == 0 || !joins(bytes[word_start - 1]))
                && bytes.get(word_end).is_none_or(|&b| !joins(b));
            if !whole {
                continue;
            }
            let mut rest = word_start;
            while let Some(at) = crate::words::glued_split(&content[rest..word_end]) {
                let cut = rest + at;
                self.text.push_str(&content[copied..cut]);
                self.text.push(' ');
                self.anchors.push((self.text.len(), original + cut));
                copied = cut;
                rest = cut;
            }
        }
        self.text.push_str(&content[copied..to]);
    }

    /// Copies the runs of letters and digits in `content[from..to]` that an optical character reader
    /// misread ("rnedically") as the words they are, after the text before them from `copied` on; says
    /// whether there was one. A zero or one read as a letter keeps its place; an "m" read as "rn"
    /// stands for both letters, and the text after it starts an anchor of its own.
    fn push_misread(
        &mut self,
        content: &str,
        from: usize,
        to: usize,
        copied: &mut usize,
        original: usize,
    ) -> bool {
        let bytes = content.as_bytes();
        let mut found = false;
        let mut at = from;
        while at < to {
            if !bytes[at].is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let end = at
                + bytes[at..to]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(to - at);
            if let Some(word) = crate::words::ocr_misreading(&content[at..end]) {
                found = true;
                self.text.push_str(&content[*copied..at]);
                let (written, read) = (&bytes[at..end], word.as_bytes());
                let (mut i, mut j) = (0, 0);
                while j < read.len() {
                    let pair = written.len() - i > read.len() - j;
                    if pair
                        && written[i..i + 2].eq_ignore_ascii_case(b"rn")
                        && read[j].eq_ignore_ascii_case(&b'm')
                    {
                        self.plain.push((self.text.len(), 2));
                        self.text.push(char::from(read[j]));
                        i += 2;
                        self.anchors.push((self.text.len(), original + at + i));
                    } else {
                        self.text.push(char::from(read[j]));
                        i += 1;
                    }
                    j += 1;
                }
                *copied = end;
            }
            at = end;
        }
        found
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of a logical offset; offsets inside inserted blanks map to the end of
    /// the run before them.
    pub fn original_offset(&self, logical: usize) -> usize {
        match self.anchors.binary_search_by(|a| a.0.cmp(&logical)) {
            Ok(i) => self.anchors[i].1,
            Err(0) => self.anchors.first().map_or(0, |a| a.1),
            Err(i) => {
                let (l, o) = self.anchors[i - 1];
                let run_end = self.anchors.get(i).map_or(self.text.len(), |a| a.0);
                // The run copied verbatim ends before the blank that separates it from the next run.
                let run_len = self.text[l..run_end].trim_end().len();
                o + (logical - l).min(run_len)
            }
        }
    }

    /// The logical offset of an original byte offset inside this text's lines; an offset inside
    /// blanks folded away maps to the start of the run after them.
    pub fn logical_offset(&self, original: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.1 <= original);
        let Some(&(l, o)) = i.checked_sub(1).and_then(|i| self.anchors.get(i)) else {
            return 0;
        };
        let next = self.anchors.get(i).map_or(self.text.len(), |a| a.0);
        let run_len = self.text[l..next].trim_end().len();
        if original - o > run_len {
            return next;
        }
        // A character written in its plain form is shorter than the original: an offset inside it
        // maps past it.
        let mut at = l + (original - o);
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// The original span of a logical range.
    pub fn original_span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            let at = self.original_offset(range.start);
            return Span::new(at, 0);
        }
        let start = self.original_offset(range.start);
        // Map the last byte, so a range ending at a blank does not run on to the next line.
        let mut last = (range.end - 1).min(self.text.len().saturating_sub(1));
        while last > 0 && !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let last_len = match self.plain.binary_search_by(|p| p.0.cmp(&last)) {
            Ok(k) => self.plain[k].1,
            Err(_) => self.text[last..].chars().next().map_or(1, char::len_utf8),
        };
        let end = self.original_offset(last) + last_len;
        Span::from_range(start..end.max(start))
    }

    /// The paragraphs, as logical ranges.
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in self.text.match_indices('\n') {
            out.push(start..i);
            start = i + 1;
        }
        out.push(start..self.text.len());
        out.retain(|r| !r.is_empty());
        out
    }

    /// The sentences, as logical ranges.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for paragraph in self.paragraphs() {
            split_sentences(&self.text, paragraph, self.written_in_lowercase, &mut out);
        }
        out
    }
}

/// How a line ending in a hyphen joins the next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyphen {
    /// No word is broken at the line end: the lines join with a blank.
    None,
    /// A word the typesetter broke ("Guide-" / "lines"): it joins up without the hyphen.
    Soft,
    /// A compound broken at its own hyphen ("non-" / "radicular", "one-" / "month"): it joins up
    /// keeping the hyphen.
    Compound,
}

/// First elements that make hyphenated compounds ("non-radicular", "follow-up", "one-month"); a line
/// break after one of them is taken to be at the compound's own hyphen. Prefixes that as often start
/// a closed word ("pre", "re", "sub", "post") are left out: the letter's own spelling decides those.
const COMPOUND_FIRST: &[&str] = &[
    "non", "anti", "self", "co", "ex", "multi", "semi", "quasi", "well", "follow", "short", "long",
    "full", "part", "half", "mid", "all", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "first", "second", "third",
];

/// Endings that only continue a word ("follow-" / "ing", "treat-" / "ment"): after a break before one
/// of them the hyphen is the typesetter's, whatever the first part.
const WORD_ENDINGS: &[&str] = &[
    "s", "es", "ed", "er", "ers", "est", "ing", "ings", "ly", "ally", "ment", "ments", "ness",
    "tion", "tions", "ation", "ations", "ity", "ance", "ence", "able", "ible", "al", "ful", "less",
    "ive", "ous", "ize", "ized",
];

/// Words after which a hyphen is suspended ("short-" / "and long-term"), not a broken word.
const SUSPENDING: &[&str] = &["and", "or", "nor", "to", "versus"];

/// Whether the hyphen before the blank `content[at..end]` broke a word that a reflowed letter joined
/// back with a blank ("cri- tical"): the letters on either side spell a word. A suspended hyphen ("pre-
/// and post-operative") and a compound ("non- steroidal", where no word results) keep theirs.
fn mid_line_break(content: &str, at: usize, end: usize) -> bool {
    let bytes = content.as_bytes();
    // The part after the break starts in lowercase, or both parts are in capitals ("REST- ORATION").
    let tail_opens = |b: &u8| {
        b.is_ascii_lowercase() || (b.is_ascii_uppercase() && bytes[at - 2].is_ascii_uppercase())
    };
    if at < 2 || !bytes[at - 2].is_ascii_alphabetic() || !bytes.get(end).is_some_and(tail_opens) {
        return false;
    }
    let head_start = bytes[..at - 1]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let tail_end = bytes[end..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .map_or(bytes.len(), |p| end + p);
    let (head, tail) = (&content[head_start..at - 1], &content[end..tail_end]);
    if head.len() < 2 || tail.len() < 2 || SUSPENDING.contains(&tail) {
        return false;
    }
    let mut word = head.to_ascii_lowercase();
    word.push_str(&tail.to_ascii_lowercase());
    crate::words::is_word(&word)
}

/// Decides whether `previous`, a line that may end in a hyphen, runs on into `next` as one word.
/// `written` says whether the letter spells a lowercase word elsewhere in the same text.
///
/// Only a hyphen right after a letter or a digit, with a lowercase letter (or, after a digit, a
/// digit) starting the next line, can join a word. Then, in order:
/// - a suspended hyphen ("short-" / "and long-term") stays as written, with a blank;
/// - the text's own spelling decides: the joined word written elsewhere ("nonradicular") makes the
///   hyphen soft, the hyphenated compound written elsewhere ("follow-up") keeps it;
/// - an ending that only continues a word ("-ing", "-ment", "-ation") makes it soft;
/// - a hyphen after a digit ("30-" / "day", "74-" / "96"), after a word in capitals ("NSAID-" /
///   "induced"), after a part of a compound already hyphenated ("non-weight-" / "bearing") or after a
///   first element of hyphenated compounds ([`COMPOUND_FIRST`]) is the compound's own;
/// - anything else is the typesetter's ("Guide-" / "lines", "Pregaba-" / "lin").
///
/// A compound of two ordinary words that the letter writes nowhere else ("hydrocodone-" /
/// "acetaminophen") therefore loses its hyphen: without a dictionary it cannot be told from a
/// broken word, and broken words are by far the commoner in these letters.
pub fn line_break_hyphen(
    previous: &str,
    next: &str,
    written: &mut dyn FnMut(&str) -> bool,
) -> Hyphen {
    let Some(stem) = previous.strip_suffix('-') else {
        return Hyphen::None;
    };
    let Some(last) = stem.chars().next_back() else {
        return Hyphen::None;
    };
    let Some(first) = next.chars().next() else {
        return Hyphen::None;
    };
    let after_digit = last.is_ascii_digit();
    // A letter in capitals breaks its words too ("FUNCTIONAL REST-" / "ORATION PROGRAM").
    let in_capitals = last.is_uppercase() && first.is_uppercase();
    if !(last.is_alphabetic() || after_digit)
        || !(first.is_lowercase() || in_capitals || (after_digit && first.is_ascii_digit()))
    {
        return Hyphen::None;
    }
    if after_digit {
        return Hyphen::Compound;
    }
    // The broken word's two parts: the letters (and inner hyphens) before the line's hyphen, and the
    // letters starting the next line.
    let head_start = stem
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
        .last()
        .map_or(stem.len(), |(i, _)| i);
    let head = stem[head_start..].trim_start_matches('-');
    let tail_end = next
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(next.len(), |(i, _)| i);
    let tail = &next[..tail_end];
    if head.is_empty() || tail.is_empty() {
        return Hyphen::None;
    }
    let tail_lower = tail.to_lowercase();
    if SUSPENDING.contains(&tail_lower.as_str()) {
        return Hyphen::None;
    }
    if in_capitals && !tail.chars().all(char::is_uppercase) {
        return Hyphen::None;
    }
    let head_lower = head.to_lowercase();
    let joined = format!("{head_lower}{tail_lower}");
    if written(&joined) {
        return Hyphen::Soft;
    }
    if written(&format!("{head_lower}-{tail_lower}")) {
        return Hyphen::Compound;
    }
    let last_part = head_lower.rsplit('-').next().unwrap_or(&head_lower);
    let compound_head = head.contains('-') || COMPOUND_FIRST.contains(&last_part);
    let continues = WORD_ENDINGS.contains(&tail_lower.as_str());
    if in_capitals {
        // Capitals hide which part is a name ("X-" / "RAY"): only a word the dictionary knows
        // joins.
        return if !compound_head && (continues || crate::words::is_word(&joined)) {
            Hyphen::Soft
        } else {
            Hyphen::Compound
        };
    }
    if continues {
        return Hyphen::Soft;
    }
    // Two words that make none together are a compound broken at its hyphen: "fear-" / "avoidance".
    if !crate::words::is_word(&joined)
        && last_part.len() >= 4
        && tail_lower.len() >= 4
        && crate::words::is_word(last_part)
        && crate::words::is_word(&tail_lower)
    {
        return Hyphen::Compound;
    }
    let head_in_capitals = head.chars().count() >= 2 && head.chars().all(|c| c.is_uppercase());
    if head_in_capitals || compound_head {
        Hyphen::Compound
    } else {
        Hyphen::Soft
    }
}

/// The lowercase words written in `texts`, hyphenated compounds whole.
pub fn spellings_of<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut words = HashSet::new();
    for text in texts {
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            let word = word.trim_matches('-');
            if !word.is_empty() {
                words.insert(word.to_lowercase());
            }
        }
    }
    words
}

/// Abbreviations after which a period does not end a sentence (compared lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "y.o", "yo", "dr", "mr", "mrs", "ms", "vs", "v", "no", "approx", "pg", "pgs",
    "p", "pp", "vol", "inc", "jr", "sr", "st", "fig", "et al", "al", "etc.", "u.s", "b.i.d",
    "t.i.d", "q.i.d", "p.o", "p.r.n", "q", "cf", "ca", "ed", "eds", "rev", "ch", "chap", "sec",
    "n.b",
];

fn split_sentences(
    text: &str,
    paragraph: Range<usize>,
    written_in_lowercase: bool,
    out: &mut Vec<Range<usize>>,
) {
    let bytes = text.as_bytes();
    let mut start = paragraph.start;
    let end = paragraph.end;
    let mut i = start;
    // A paragraph without a single capital (a letter lower-cased whole) starts its sentences in lower
    // case: there a period before a lowercase word ends a sentence unless it ends an abbreviation.
    let caseless = written_in_lowercase || !bytes[start..end].iter().any(u8::is_ascii_uppercase);
    let push = |from: usize, to: usize, out: &mut Vec<Range<usize>>| {
        let slice = &text[from..to];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        if from + lead < to - trail {
            out.push(from + lead..to - trail);
        }
    };
    while i < end {
        // Most bytes are lowercase letters and blanks, which never end a sentence themselves.
        match bytes[i..end]
            .iter()
            .position(|&b| !(b.is_ascii_lowercase() || b == b' ' || b == b','))
        {
            Some(skip) => i += skip,
            None => break,
        }
        let b = bytes[i];
        let boundary = match b {
            b'.' | b'?' | b'!' => sentence_end_at(text, start, i, end, caseless),
            // A list item glued to the previous word: "radiculopathy2. lower back".
            b'0'..=b'9'
                if i > start
                    && bytes[i - 1].is_ascii_lowercase()
                    && list_marker_at(bytes, i, end) =>
            {
                Some(i)
            }
            // A glued heading or sentence: "ArthropathyAccording", "legA physical".
            b'A'..=b'Z' if glued_capital_at(bytes, start, i, end) => Some(i),
            _ => None,
        };
        if let Some(cut) = boundary {
            if cut > start {
                push(start, cut, out);
                start = cut;
            }
        }
        i += 1;
    }
    push(start, end, out);
}

/// Where the sentence ends when `text[i]` is terminal punctuation, if it does.
fn sentence_end_at(
    text: &str,
    start: usize,
    i: usize,
    end: usize,
    caseless: bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    // Closing quotes and brackets belong to the sentence they close.
    while j < end && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
        j += 1;
    }
    if j < end && text[j..].starts_with(['\u{201d}', '\u{2019}']) {
        j += 3;
    }
    if j >= end {
        return None;
    }
    let next = text[j..].chars().next()?;
    let glued = !next.is_whitespace();
    let mut k = j;
    while k < end && bytes[k] == b' ' {
        k += 1;
    }
    let following = text[k..end].chars().next()?;
    // Two words of one case glued at a period ("been done.the request" in a letter lower-cased whole,
    // "BEEN DONE.THE REQUEST" in capitals) are two sentences when both are words, the one before
    // perhaps two words glued itself ("isappropriate.the request"): "e.g.the", "maximus.com" and
    // "U.S.A" are not.
    let glued_words = |of_case: fn(&u8) -> bool| {
        let before = word_before(text, start, i);
        let after_end = bytes[j..end]
            .iter()
            .position(|b| !of_case(b))
            .map_or(end, |p| j + p);
        let after = &text[j..after_end];
        before.len() >= 3
            && after.len() >= 2
            && before.bytes().all(|b| of_case(&b))
            && {
                let before = before.to_ascii_lowercase();
                crate::words::is_word(&before) || crate::words::glued_split(&before).is_some()
            }
            && crate::words::is_word(&after.to_ascii_lowercase())
    };
    let caseless_glued =
        caseless && glued && following.is_ascii_lowercase() && glued_words(u8::is_ascii_lowercase);
    let capitals_glued =
        glued && following.is_ascii_uppercase() && glued_words(u8::is_ascii_uppercase);
    let starts_sentence = following.is_uppercase()
        || (caseless && !glued && following.is_lowercase())
        || caseless_glued
        || following.is_ascii_digit()
        || matches!(following, '"' | '(' | '\u{201c}' | '\'');
    if !starts_sentence {
        return None;
    }
    if bytes[i] == b'.' {
        let word = word_before(text, start, i);
        let trimmed = word.trim_end_matches('.');
        if ABBREVIATIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(word) || a.eq_ignore_ascii_case(trimmed))
        {
            return None;
        }
        // Single capitals are initials ("J. Smith"), but not a plural's or possessive's ending ("THE
        // 4 A'S. THE RECORDS" in capitals); short digit runs are list markers ("1. Grade").
        if word.len() == 1
            && (word.as_bytes()[0].is_ascii_uppercase()
                || caseless && word.as_bytes()[0].is_ascii_lowercase())
            && !text[start..i - 1].ends_with(['\'', '\u{2019}'])
        {
            return None;
        }
        if !word.is_empty() && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
            let before = text[start..i - word.len()].trim_end();
            if before.is_empty() || before.ends_with([':', ';', '.']) {
                return None;
            }
        }
        if glued {
            // "reduction.There": only a lowercase word glued to a capitalised word ends a sentence;
            // "U.S.A" or "5.0" do not.
            let last = word.chars().last();
            let second = text[j..].chars().nth(1);
            let word_glued_to_word = (last.is_some_and(|c| c.is_lowercase() || c == '"')
                && following.is_uppercase()
                && second.is_some_and(|c| c.is_lowercase()))
                || caseless_glued
                || capitals_glued;
            let quote_follows = matches!(following, '"' | '\u{201c}');
            if !word_glued_to_word && !quote_follows {
                return None;
            }
        }
    }
    Some(k)
}

/// The word (letters, digits, inner periods) ending right before `i`.
fn word_before(text: &str, start: usize, i: usize) -> &str {
    let bytes = text.as_bytes();
    let mut j = i;
    while j > start
        && (bytes[j - 1].is_ascii_alphanumeric() || bytes[j - 1] == b'.' || bytes[j - 1] == b'/')
    {
        j -= 1;
    }
    &text[j..i]
}

fn list_marker_at(bytes: &[u8], i: usize, end: usize) -> bool {
    let mut j = i;
    while j < end && bytes[j].is_ascii_digit() {
        j += 1;
    }
    j - i <= 2 && j + 1 < end && (bytes[j] == b'.' || bytes[j] == b')') && bytes[j + 1] == b' '
}

fn glued_capital_at(bytes: &[u8], start: usize, i: usize, end: usize) -> bool {
    // At least three lowercase letters glued before the capital...
    if i < start + 3 || !bytes[i - 3..i].iter().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    // ...and the capital starts a word: "According", or the article "A" standing alone.
    let next = bytes.get(i + 1).copied();
    let lower_run = bytes[i + 1..end.min(bytes.len())]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    lower_run >= 2 || (bytes[i] == b'A' && next == Some(b' ') && article_glued(bytes, start, i))
}

/// Whether the lowercase run before the capital "A" at `i` is a word of its own, the article glued
/// to it ("reviewedA patient"), and not a name ending in the letter ("onabotulinumtoxinA").
fn article_glued(bytes: &[u8], start: usize, i: usize) -> bool {
    let from = bytes[start..i]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(start, |p| start + p + 1);
    let (Ok(before), Ok(whole)) = (
        std::str::from_utf8(&bytes[from..i]),
        std::str::from_utf8(&bytes[from..=i]),
    ) else {
        return false;
    };
    crate::words::is_word(&before.to_ascii_lowercase())
        && !crate::words::is_word(&whole.to_ascii_lowercase())
}

/// Whether `b` is an ASCII character that is whitespace.
fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The length of the whitespace character at byte `i` of `text`, or 0.
fn blank_at(text: &str, i: usize) -> usize {
    let Some(&b) = text.as_bytes().get(i) else {
        return 0;
    };
    if b < 0x80 {
        return usize::from(is_ascii_blank(b));
    }
    if !text.is_char_boundary(i) {
        return 0;
    }
    text[i..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_break_inside_a_sentence_leaves_no_trace() {
        let text = "The records do not provide\n\nPage 2 of 4\n\nFinal Determination Letter for IMR Case Number CM13-0041877\n\ndocumentation of the four A's.\n";
        let spacing = Spacing::detect(text);
        let found: Vec<&str> = lines(text, Span::new(0, text.len()), spacing)
            .iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            found,
            [
                "The records do not provide",
                "documentation of the four A's."
            ]
        );
        assert!(!is_page_furniture("Page 2 of the report shows a fracture."));
        assert!(is_page_furniture(
            "IMR Case Number CM18-0019772        Employee: [Redacted]"
        ));
        assert!(!is_page_furniture("Employee: John Smith, CM18-0019772"));
        assert!(is_page_furniture(
            "Maximus Federal Services  IMR CM25-0019934  Page 3 of 5"
        ));
    }

    #[test]
    fn a_word_broken_at_a_line_end_and_joined_with_a_blank_is_read_whole() {
        let text = "Sleep hygiene is cri- tical, with pre- and post-operative care and a well- known drug.\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(
            logical.as_str(),
            "Sleep hygiene is critical, with pre- and post-operative care and a well- known drug."
        );
        assert_eq!(original_of(text, &logical, "critical"), "cri- tical");
        assert_eq!(original_of(text, &logical, "with"), "with");
    }

    #[test]
    fn a_sentence_left_open_at_a_page_foot_keeps_its_paragraph() {
        let single = "The Utilization Review decision is\n\nPage 3 of 9\nCM15-0012345\n\nupheld.\n\nGuidelines: ODG.\n";
        let found = lines(single, Span::new(0, single.len()), Spacing::Single);
        let breaks: Vec<(&str, bool)> = found.iter().map(|l| (l.text, l.paragraph_break)).collect();
        assert_eq!(
            breaks,
            [
                ("The Utilization Review decision is", false),
                ("upheld.", false),
                ("Guidelines: ODG.", true)
            ]
        );
        // A sentence ended at the page's foot, or a capital on the next page, starts a paragraph.
        let ended = "The decision is upheld.\n\nPage 3 of 9\n\nrationale follows.\n";
        let found = lines(ended, Span::new(0, ended.len()), Spacing::Single);
        assert!(found[1].paragraph_break);
    }

    #[test]
    fn no_break_spaces_are_blanks_at_the_same_offsets() {
        let text = "Norco\u{a0}10/325\u{a0}mg:  Upheld";
        let blanked = with_no_break_spaces_as_blanks(text);
        assert_eq!(blanked, "Norco  10/325  mg:  Upheld");
        assert_eq!(blanked.len(), text.len());
        assert!(matches!(
            with_no_break_spaces_as_blanks("no such space"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn markdown_is_blank_at_the_same_offsets() {
        let text = "**CLINICAL CASE SUMMARY**\n* He has *never* had it.\n## Items\n* **Norco #60:** *Upheld*\n";
        let blanked = with_markdown_blanked(text);
        assert_eq!(
            blanked,
            "  CLINICAL CASE SUMMARY  \n  He has  never  had it.\n   Items\n    Norco #60:    Upheld \n"
        );
        assert_eq!(blanked.len(), text.len());
        // A stray asterisk or two is the letter's own.
        let footnote = "Norco #60*: Upheld\n* see note\n";
        assert!(matches!(
            with_markdown_blanked(footnote),
            std::borrow::Cow::Borrowed(_)
        ));
        let arithmetic = "**a** 2 * 3 **b** **c** **d**";
        assert_eq!(
            with_markdown_blanked(arithmetic),
            "  a   2 * 3   b     c     d  "
        );
    }

    #[test]
    fn a_rationale_heading_naming_its_item_reads_as_the_item() {
        let text = "RATIONALE, ITEM 1:  MRI of the cervical spine\n\nGuidelines: ACOEM.\nRATIONALE, ITEM B - Capsaicin cream\nReviewer's guideline basis: MTUS.\nRationale, item 1: MTUS supports ongoing opioid management with documentation of pain relief,\nfunctional status and side effects.\n";
        assert_eq!(
            with_rationale_item_headings_blanked(text),
            "           ITEM 1:  MRI of the cervical spine\n\nGuidelines: ACOEM.\n           ITEM B - Capsaicin cream\nReviewer's guideline basis: MTUS.\nRationale, item 1: MTUS supports ongoing opioid management with documentation of pain relief,\nfunctional status and side effects.\n"
        );
    }

    #[test]
    fn section_labels_before_headings_are_blank_where_there_are_several() {
        let text = "SECTION I. HOW THE IMR FINAL DETERMINATION WAS MADE\nSECTION II. CLINICAL CASE SUMMARY\nPART 3 \u{2014} DISPUTED ITEMS\nSection 4 of the code applies.\n";
        assert_eq!(
            with_section_labels_blanked(text),
            "           HOW THE IMR FINAL DETERMINATION WAS MADE\n            CLINICAL CASE SUMMARY\n           DISPUTED ITEMS\nSection 4 of the code applies.\n"
        );
        assert!(matches!(
            with_section_labels_blanked("SECTION II. CLINICAL CASE SUMMARY\nShe fell.\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A letter lower-cased whole: its labels in lower case, not a sentence that opens with them.
        let lower = "part ii. clinical history\npart iv. determination summary\npart ii of the code applies.\nsection 1. tens unit\npart iii. rationale\n";
        assert_eq!(
            with_section_labels_blanked(lower),
            "         clinical history\n         determination summary\npart ii of the code applies.\nsection 1. tens unit\npart iii. rationale\n"
        );
    }

    #[test]
    fn a_forms_dot_leaders_read_as_colons() {
        let text = "   Service requested ..... Oxycodone IR 15 mg #180\n   Determination ......... NOT MEDICALLY NECESSARY\n   Standard applied ...... MTUS, pages 76-80.\n5) Pre-operative EKG ........ OVERTURN\n";
        assert_eq!(
            with_dot_leaders_as_colons(text),
            "   Service requested:      Oxycodone IR 15 mg #180\n   Determination:          NOT MEDICALLY NECESSARY\n   Standard applied:       MTUS, pages 76-80.\n5) Pre-operative EKG ........ OVERTURN\n"
        );
    }

    #[test]
    fn outline_numbers_are_blank_only_where_the_letter_is_numbered_throughout() {
        let text = "1.0 CASE SUMMARY\n1.1 She fell.\n2.0 ISSUES\n2.1 NORCO #60:  UPHELD\n2.1.1 Decision rationale: X.\n";
        let blanked = with_outline_numbers_blanked(text, true);
        assert_eq!(
            blanked,
            "    CASE SUMMARY\n    She fell.\n    ISSUES\n    NORCO #60:  UPHELD\n      Decision rationale: X.\n"
        );
        // Numbered entries of one level may be the items' own numbers; a dose is no number of an
        // outline.
        let entries =
            "5.1  Platelet-rich plasma\n5.2  Shockwave therapy\n5.3  Weight loss\n7.5 MG #60\n";
        assert!(matches!(
            with_outline_numbers_blanked(entries, true),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            with_outline_numbers_blanked(entries, false),
            "     Platelet-rich plasma\n     Shockwave therapy\n     Weight loss\n7.5 MG #60\n"
        );
    }

    #[test]
    fn a_run_of_empty_lines_in_a_double_spaced_letter_is_a_paragraph_break() {
        // One empty line after each line is the spacing; three are a blank line of the letter, unless
        // a sentence goes on past them in lower case.
        let text = "Set forth below:\n\n\n\n1. Norco #60 is not medically necessary.\n\n\
                    The records show no benefit and\n\n\n\nno signed agreement.\n\n";
        let found = lines(text, Span::new(0, text.len()), Spacing::Double);
        let breaks: Vec<(&str, bool)> = found.iter().map(|l| (l.text, l.paragraph_break)).collect();
        assert_eq!(
            breaks,
            [
                ("Set forth below:", false),
                ("1. Norco #60 is not medically necessary.", true),
                ("The records show no benefit and", false),
                ("no signed agreement.", false)
            ]
        );
    }

    /// `paragraphs` wrapped greedily at `width` characters, one under the other with no blank line.
    fn run_on(paragraphs: &[&str], width: usize) -> String {
        let mut out = Vec::new();
        for paragraph in paragraphs {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                if !line.is_empty() && line.len() + 1 + word.len() > width {
                    out.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push(line);
        }
        out.join("\n") + "\n"
    }

    const PROSE: &str = "The guideline calls for documentation of pain relief, functional status, side \
        effects and aberrant drug-taking behavior at each visit of a patient on opioids. The records \
        describe none of these at the last two visits, and the patient remains off work.";

    #[test]
    fn paragraphs_without_blank_lines_end_where_a_line_ends_early() {
        let paragraphs = [
            PROSE,
            "Rationale Used:",
            PROSE,
            "1. Norco 10/325 mg #120 is not medically necessary.",
            "2. Urine drug screen is not medically necessary.",
            PROSE,
            "IMR ISSUES AND DECISIONS",
            PROSE,
            "analysis",
            "the first item is the request for norco, which the guideline allows only with documented \
             benefit.",
        ];
        // Rows of a table stick out past the margin; the width is the wrapped lines'.
        let row = format!("| {:<70} | Upheld |\n", "Norco 10/325 mg #120");
        let text = row.repeat(4) + &run_on(&paragraphs, 60);
        let spacing = Spacing::detect(&text);
        assert!(spacing.is_unbroken());
        let found = lines(&text, Span::new(0, text.len()), spacing);
        let opening: Vec<&str> = found
            .iter()
            .filter(|l| l.paragraph_break)
            .map(|l| {
                l.text
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .map(|w| &text[text.find(&w).unwrap()..][..w.len()])
            .collect();
        // A lead-in ("Rationale Used:") keeps what it introduces; each list entry, heading and
        // paragraph after a line ended early opens one. A line as long as the rows tells nothing.
        assert_eq!(
            opening,
            [
                "Rationale Used:",
                "1. Norco",
                "2. Urine",
                "The guideline",
                "IMR ISSUES",
                "The guideline",
                "analysis",
                "the first"
            ]
        );
    }

    #[test]
    fn a_proportional_font_fills_its_lines_unevenly() {
        // Extracted from a PDF, a wrapped line holds 83 to 100 characters: one ending a sentence a
        // word short of the longest does not end its paragraph; one ending half way does.
        let mut text = String::new();
        for _ in 0..24 {
            text += &format!("{}\nof {}\n", "a".repeat(85), "b".repeat(93));
        }
        text +=
            "The requested refill of Norco is not medically necessary.\nRationale follows here.\n";
        let shorter = format!("{}.", "z".repeat(86));
        text += &format!("{shorter}\nThe records show no benefit.\n");
        let spacing = Spacing::detect(&text);
        assert!(spacing.is_unbroken());
        let found = lines(&text, Span::new(0, text.len()), spacing);
        let break_before = |t: &str| found.iter().find(|l| l.text == t).unwrap().paragraph_break;
        assert!(break_before("Rationale follows here."));
        assert!(!break_before("The records show no benefit."));
        // A region read from inside a line measures the whole printed line.
        let at = text.find(&shorter).unwrap() + 70;
        let found = lines(&text, Span::new(at, text.len() - at), spacing);
        assert_eq!(found.len(), 2);
        assert!(!found[1].paragraph_break);
    }

    #[test]
    fn a_running_header_with_the_date_of_injury_is_page_furniture() {
        // The letter's own header keeps its fields; the same line repeated atop a later page, here
        // inside a sentence, is the page's.
        let header = "IMR Case Number CM16-0094411      Date of Injury 08/03/2012";
        let mut text = format!("{header}\nDecision Date 06/24/2016\n\n");
        for _ in 0..12 {
            text += "The records were reviewed in full.\n";
        }
        text += &format!(
            "There is no documentation of a\n{header}\nsignificant change since the prior study.\n"
        );
        let found = lines(&text, Span::new(0, text.len()), Spacing::Single);
        let texts: Vec<&str> = found.iter().map(|l| l.text).collect();
        assert_eq!(texts[0], header);
        assert_eq!(texts.iter().filter(|t| **t == header).count(), 1);
        let last = found.last().unwrap();
        assert!(last.page_break && !last.paragraph_break);
    }

    #[test]
    fn a_confidentiality_notice_with_the_page_number_is_page_furniture() {
        assert!(is_page_furniture(
            "CONFIDENTIAL - contains protected health information          CM24-0291145          Page 3 of 3"
        ));
        assert!(is_page_furniture("Confidential   Page 2 of 4"));
        assert!(is_page_furniture("Reference CM24-0033518 - Page 2"));
        assert!(!is_page_furniture(
            "The confidential records on page 2 of 4 were reviewed."
        ));
        assert!(!is_page_furniture(
            "Reference is made to page 2 of the report."
        ));
    }

    #[test]
    fn a_running_title_beside_a_page_number_is_page_furniture() {
        // The letter's own title stands alone at its top; the same title on the line above or below a
        // page's number is the page's header.
        let text = "Independent Medical Review Final Determination\nDate: 09/02/2022\n\n\
                    B. CT scan of the right wrist\n\
                    Independent Medical Review Final Determination\n\
                    IMR Case Number: CM22-0098413      Page 3 of 3\n\
                    Authority: ODG Forearm, Wrist & Hand, Computed tomography.\n\
                    Page 4 of 5\n\
                    Final Determination Letter\n\
                    The films are normal.\n";
        let found = lines(text, Span::new(0, text.len()), Spacing::Single);
        let texts: Vec<&str> = found.iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "Independent Medical Review Final Determination",
                "Date: 09/02/2022",
                "B. CT scan of the right wrist",
                "Authority: ODG Forearm, Wrist & Hand, Computed tomography.",
                "The films are normal.",
            ]
        );
    }

    #[test]
    fn blank_holding_lines_after_every_line_are_double_spacing() {
        // One line holding a blank after each line is the spacing; three are a paragraph break.
        let text = "RATIONALE: THE GUIDELINES ALLOW CONTINUED OPIOID THERAPY WHEN THE\n \n\
                    PATIENT HAS RETURNED TO WORK OR HAS IMPROVED FUNCTIONING AND PAIN, AND\n \n\
                    DOCUMENT THE 4 A'S AT EACH VISIT: ANALGESIA, ACTIVITIES OF DAILY LIVING\n \n\
                    AND ABERRANT DRUG-TAKING BEHAVIOR.\n \n \n \n\
                    2. SOMA 350MG #60 IS NOT MEDICALLY NECESSARY.\n \n";
        assert_eq!(Spacing::detect(text), Spacing::DoubleBlank);
        let found = lines(text, Span::new(0, text.len()), Spacing::DoubleBlank);
        let breaks: Vec<bool> = found.iter().map(|l| l.paragraph_break).collect();
        assert_eq!(breaks, [false, false, false, false, true]);
        // Paragraphs of one line each, a blank line between them, are single spacing.
        let paragraphs =
            "The patient has back pain.\n \nThe request is not medically necessary.\n \n\
                          Utilization review denied it.\n \nThe decision is upheld.\n";
        assert_eq!(Spacing::detect(paragraphs), Spacing::Single);
    }

    #[test]
    fn double_spacing_with_every_empty_line_padded_is_told_by_runs_of_blank_lines() {
        // No line tells a paragraph break by the blanks it holds when every one holds them.
        let text = "Compounded topical cream (flurbiprofen   \n   \n\
                    20%, cyclobenzaprine 10%, lidocaine 5%):   \n   \n\
                    Upheld   \n   \n   \n   \n\
                    Claims Administrator guideline: Decision based on MTUS.   \n   \n";
        assert_eq!(Spacing::detect(text), Spacing::DoubleBlank);
        let found = lines(text, Span::new(0, text.len()), Spacing::detect(text));
        let breaks: Vec<bool> = found.iter().map(|l| l.paragraph_break).collect();
        assert_eq!(breaks, [false, false, false, true]);
    }

    #[test]
    fn an_original_offset_maps_into_the_logical_text_past_folded_blanks() {
        let text = "MAXIMUS  guideline:   \n\tDecision   based on MTUS";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(
            logical.as_str(),
            "MAXIMUS guideline: Decision based on MTUS"
        );
        let colon = text.find(':').unwrap();
        assert_eq!(
            logical.logical_offset(colon + 1),
            "MAXIMUS guideline:".len()
        );
        let decision = text.find("Decision").unwrap();
        let at = logical.logical_offset(decision);
        assert!(logical.as_str()[at..].starts_with("Decision"));
        // Inside the blanks between two runs: the next run's start.
        assert_eq!(logical.logical_offset(colon + 2), at);
        let based = text.find("based").unwrap();
        assert!(logical.as_str()[logical.logical_offset(based)..].starts_with("based on"));
        assert_eq!(logical.logical_offset(0), 0);
    }

    #[test]
    fn a_sentence_goes_on_over_lines_in_capitals() {
        assert!(sentence_goes_on(
            "THE EXPERT REVIEWER HAS DETERMINED THAT THE REQUEST IS NOT",
            "MEDICALLY NECESSARY AND APPROPRIATE."
        ));
        assert!(sentence_goes_on("BASED ON THE", "GUIDELINES"));
        assert!(!sentence_goes_on(
            "CLINICAL CASE SUMMARY",
            "THE PATIENT IS A 52 YEAR OLD MAN."
        ));
        assert!(!sentence_goes_on("IT ENDS HERE.", "NEXT SENTENCE"));
        assert!(sentence_goes_on("Mixed case goes on", "in lower case"));
        assert!(!sentence_goes_on(
            "Mixed case heading",
            "The next paragraph"
        ));
        assert!(sentence_goes_on(
            "There is no urine drug screen,",
            "CURES report or signed opioid agreement"
        ));
        // Over a page's foot too.
        let text = "DISPUTED ITEM AND ISSUE: IS RADIOFREQUENCY ABLATION AT RIGHT L4-5 AND L5-S1 MEDICALLY\n\n\
                    CM21-0056789\nPAGE 1 OF 3\n\nNECESSARY AND APPROPRIATE?\n";
        let found = lines(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(found.len(), 2);
        assert!(found[1].page_break && !found[1].paragraph_break);
    }

    /// The bytes of `text` the first `word` of its logical text `logical` was read from.
    fn original_of<'t>(text: &'t str, logical: &LogicalText, word: &str) -> &'t str {
        let at = logical.as_str().find(word).unwrap();
        &text[logical.original_span(at..at + word.len()).range()]
    }

    #[test]
    fn a_list_entry_is_a_sentence_of_its_own_but_a_stray_bullet_is_not() {
        let text = "Findings on examination:\n\
                    \u{2022} tenderness over the anterior talofibular\n\
                    ligament\n\
                    \u{2022} anterior drawer test positive\n\
                    - mild swelling; no ecchymosis\n\
                    * gait non-antalgic\n\n\
                    The MTUS directs the\n\
                    \u{2022} clinician to weigh the risk.\n\n\
                    ACOEM STATES THAT X-RAYS SHOULD NOT BE RECOMMENDED IN PATIENTS WITH LOW BACK\n\
                    \u{2022} PAIN IN THE ABSENCE OF RED FLAGS.\n";
        assert_eq!(
            sentences_of(text),
            [
                "Findings on examination:",
                "tenderness over the anterior talofibular ligament",
                "anterior drawer test positive",
                "- mild swelling; no ecchymosis",
                "* gait non-antalgic",
                "The MTUS directs the clinician to weigh the risk.",
                "ACOEM STATES THAT X-RAYS SHOULD NOT BE RECOMMENDED IN PATIENTS WITH LOW BACK PAIN IN THE ABSENCE OF RED FLAGS.",
            ]
        );
    }

    fn sentences_of(text: &str) -> Vec<String> {
        let logical =
            LogicalText::from_region(text, Span::new(0, text.len()), Spacing::detect(text));
        logical
            .sentences()
            .into_iter()
            .map(|r| logical.as_str()[r].to_string())
            .collect()
    }

    #[test]
    fn ligatures_and_soft_hyphens_read_as_their_letters_and_map_back_whole() {
        let text = "no signi\u{fb01}cant relief; consulta\u{ad}tion";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(logical.as_str(), "no significant relief; consultation");
        let at = |word: &str| original_of(text, &logical, word);
        assert_eq!(at("significant"), "signi\u{fb01}cant");
        assert_eq!(at("signifi"), "signi\u{fb01}");
        assert_eq!(at("consultation"), "consulta\u{ad}tion");
        assert_eq!(at("relief"), "relief");
    }

    #[test]
    fn optical_misreadings_read_as_their_words_and_map_back_whole() {
        let text = "not rnedically necessary since 0ctober per the 0DG, syrnptorns at L5 1evel";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(
            logical.as_str(),
            "not medically necessary since October per the ODG, symptoms at L5 level"
        );
        let at = |word: &str| original_of(text, &logical, word);
        assert_eq!(at("medically necessary"), "rnedically necessary");
        assert_eq!(at("medically"), "rnedically");
        assert_eq!(at("m"), "rn");
        assert_eq!(at("symptoms"), "syrnptorns");
        assert_eq!(at("sympto"), "syrnpto");
        assert_eq!(at("October per"), "0ctober per");
        assert_eq!(at("ODG"), "0DG");
        assert_eq!(at("L5 level"), "L5 1evel");
    }

    #[test]
    fn words_split_apart_read_whole_and_map_back_to_both_parts() {
        let text = "a left sac roiliac injection, not medi cally necessary; an MRI scan in tact";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(
            logical.as_str(),
            "a left sacroiliac injection, not medically necessary; an MRI scan in tact"
        );
        let at = |word: &str| original_of(text, &logical, word);
        assert_eq!(at("sacroiliac injection"), "sac roiliac injection");
        assert_eq!(at("medically necessary"), "medi cally necessary");
        assert_eq!(at("necessary"), "necessary");
    }

    #[test]
    fn a_plural_s_after_an_apostrophe_ends_a_sentence_an_initial_does_not() {
        assert_eq!(
            sentences_of("WITH MONITORING OF THE 4 A'S. THE RECORDS DO NOT ESTABLISH ANALGESIA."),
            [
                "WITH MONITORING OF THE 4 A'S.",
                "THE RECORDS DO NOT ESTABLISH ANALGESIA."
            ]
        );
        assert_eq!(
            sentences_of("Examined by J. Smith on 01/08/2014."),
            ["Examined by J. Smith on 01/08/2014."]
        );
    }

    #[test]
    fn a_paragraph_in_lower_case_still_has_sentences() {
        assert_eq!(
            sentences_of(
                "pain is 7/10. the exam by dr. smith, e.g. the slr, is normal. no change."
            ),
            [
                "pain is 7/10.",
                "the exam by dr. smith, e.g. the slr, is normal.",
                "no change."
            ]
        );
        // With capitals, a lowercase word after a period continues the sentence.
        assert_eq!(
            sentences_of("Dosing is 10 mg. daily per the note. No change."),
            ["Dosing is 10 mg. daily per the note.", "No change."]
        );
        // Two words glued at a period in a lower-cased letter are two sentences; "e.g." is not.
        assert_eq!(
            sentences_of(
                "no testing has been done.the request is medically necessary. see e.g.the notes."
            ),
            [
                "no testing has been done.",
                "the request is medically necessary.",
                "see e.g.the notes."
            ]
        );
        // The word before the period may be two words glued itself.
        assert_eq!(
            sentences_of("release of the tunnel isappropriate.the request is medically necessary."),
            [
                "release of the tunnel isappropriate.",
                "the request is medically necessary."
            ]
        );
        // In capitals too; "U.S.A" is no two sentences.
        assert_eq!(
            sentences_of(
                "NO TESTING HAS BEEN DONE.THE REQUEST IS NECESSARY. MADE IN THE U.S.A TODAY."
            ),
            [
                "NO TESTING HAS BEEN DONE.",
                "THE REQUEST IS NECESSARY.",
                "MADE IN THE U.S.A TODAY."
            ]
        );
        // A misreading repaired with a capital ("0dg" as "Odg") leaves a lower-cased letter caseless.
        assert_eq!(
            sentences_of("0dg requires a trial. the pain is axial since 0ctober. no change."),
            [
                "Odg requires a trial.",
                "the pain is axial since October.",
                "no change."
            ]
        );
    }

    #[test]
    fn double_spacing_joins_lines_and_keeps_paragraphs() {
        let text = " First line of a \n\nsentence.  Second \n\n \n\nNew paragraph.\n\n";
        assert_eq!(Spacing::detect(text), Spacing::Double);
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Double);
        assert_eq!(
            logical.as_str(),
            "First line of a sentence. Second\nNew paragraph."
        );
    }

    #[test]
    fn page_break_inside_a_sentence_is_joined() {
        let text = "testing so \n\n \n\n\n\nfollow-up with the same test.\n\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "testing so follow-up with the same test.");
    }

    #[test]
    fn a_page_break_before_a_capital_inside_a_sentence_is_joined() {
        // A running footer, or a form feed, stood between the halves: the next page may start with a
        // name or an abbreviation.
        let footer = "a positive \n\nPage 2 of 4\n\nSpurling's test.\n\n";
        let logical = LogicalText::from_region(footer, Span::new(0, footer.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "a positive Spurling's test.");
        let feed = "treated with \n\n\x0c\nNorco since 2012.\n\n";
        let logical = LogicalText::from_region(feed, Span::new(0, feed.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "treated with Norco since 2012.");
        // Without a page break a capital after a paragraph break starts a paragraph.
        let paragraph = "Pain is 7/10 \n\n \n\nNorco was started.\n\n";
        let logical =
            LogicalText::from_region(paragraph, Span::new(0, paragraph.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "Pain is 7/10\nNorco was started.");
    }

    #[test]
    fn typographic_quotes_and_dashes_read_as_ascii_and_map_back_whole() {
        let text =
            "the patient\u{2019}s note cites \u{201c}approximately 8\u{2013}10 visits\u{201d}.\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(
            logical.as_str(),
            "the patient's note cites \"approximately 8-10 visits\"."
        );
        for (plain, original) in [
            ("patient's", "patient\u{2019}s"),
            ("8-10", "8\u{2013}10"),
            ("\"approximately", "\u{201c}approximately"),
            ("visits\"", "visits\u{201d}"),
            ("-", "\u{2013}"),
        ] {
            assert_eq!(original_of(text, &logical, plain), original, "{plain}");
        }
        // Other characters outside ASCII stay as they are.
        let text = "caf\u{e9} \u{2022} na\u{ef}ve\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(logical.as_str(), "caf\u{e9} \u{2022} na\u{ef}ve");
    }

    #[test]
    fn spans_map_back_to_original_bytes() {
        let text = "  alpha   beta \n\ngamma\n\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "alpha beta gamma");
        for word in ["alpha", "beta", "gamma"] {
            assert_eq!(original_of(text, &logical, word), word);
        }
        let span = logical.original_span(0..logical.as_str().len());
        assert_eq!(&text[span.range()], "alpha   beta \n\ngamma");
    }

    #[test]
    fn bullets_mark_lines_and_a_line_of_bullets_is_blank() {
        let text = "\u{2022} 1) REGARDING THE REQUEST FOR TENS:\n\u{2022}\n\u{25aa}PROGRAM OF CARE\nplain\n";
        let read = lines(text, Span::new(0, text.len()), Spacing::Single);
        let shown: Vec<(&str, bool, bool)> = read
            .iter()
            .map(|l| (l.text, l.bullet, l.paragraph_break))
            .collect();
        assert_eq!(
            shown,
            [
                ("1) REGARDING THE REQUEST FOR TENS:", true, false),
                ("PROGRAM OF CARE", true, true),
                ("plain", false, false),
            ]
        );
        assert_eq!(&text[read[1].span.range()], "PROGRAM OF CARE");
    }

    #[test]
    fn running_headers_and_footers_are_page_furniture() {
        for line in [
            "Page 2 of 3",
            "CM18-0098765                       Final Determination Letter                       Page 2 of 3",
            "Final Determination Letter for IMR Case Number CM13-0041822",
            "IMR Case Number: CM14-0012345 Page 3 of 4",
            "Case No. CM16-0123456 | Page 1",
            "MAXIMUS Federal Services, Inc. | CM15-0001234 | Page 2 of 5",
            "CM18\u{2013}0098765   Final Determination Letter",
            "CM21-0087412 \u{2013} Final Determination Letter",
            "CM18-0034561  [redacted]  Final Determination  Page 4 of 5",
            "Final Determination Letter \u{2014} CM21-0087412 \u{2014} Page 3 of 5",
            "- 3 -",
            "Final Determination Letter for IMR Case Number CM19-0052216                                                               7",
        ] {
            assert!(is_page_furniture(line), "{line}");
        }
        for line in [
            "FINAL DETERMINATION LETTER",
            "Date of Injury: 01-30-2013",
            "the pain is described on page 2 of 3 of the note",
            "Norco 10/325 mg #90: Upheld",
            "Final Determination Letter for IMR Case Number CM19-0052216 7 visits",
        ] {
            assert!(!is_page_furniture(line), "{line}");
        }
    }

    #[test]
    fn every_logical_word_maps_to_its_original_bytes() {
        // Single spaces, runs of blanks, tabs and no-break spaces, on one line and across lines.
        let text = "one two  three\u{a0}four\tfive \u{2003} six\nseven eight\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        assert_eq!(logical.as_str(), "one two three four five six seven eight");
        let mut from = 0;
        for word in logical.as_str().split(' ') {
            let at = from + logical.as_str()[from..].find(word).unwrap();
            let span = logical.original_span(at..at + word.len());
            assert_eq!(&text[span.range()], word);
            from = at + word.len();
        }
    }

    /// The logical text of `text`, and a check that every word in it maps back to the original bytes
    /// it was read from (a word joined over a line break covers the break).
    fn joined(text: &str) -> String {
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        let mut from = 0;
        for word in logical.as_str().split(' ') {
            let at = from + logical.as_str()[from..].find(word).unwrap();
            let span = logical.original_span(at..at + word.len());
            let original = &text[span.range()];
            assert!(
                word == original.replace('\n', "") || word == original.replace("-\n", ""),
                "{word:?} maps to {original:?}"
            );
            from = at + word.len();
        }
        logical.as_str().to_string()
    }

    #[test]
    fn a_word_broken_at_a_line_end_joins_up() {
        let text = "MTUS Chronic Pain Guide-\nlines, Chap-\nter 8, Pregaba-\nlin (Lyrica).\n";
        assert_eq!(
            joined(text),
            "MTUS Chronic Pain Guidelines, Chapter 8, Pregabalin (Lyrica)."
        );
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        let at = logical.as_str().find("Guidelines").unwrap();
        let span = logical.original_span(at..at + "Guidelines".len());
        assert_eq!(&text[span.range()], "Guide-\nlines");
        let at = logical.as_str().find("Chapter").unwrap();
        assert_eq!(&text[logical.original_span(at..at + 4).range()], "Chap");
        let span = logical.original_span(at + 4..at + 7);
        assert_eq!(&text[span.range()], "ter");
        // Double-spaced text, and a break across a page.
        let text = "Knee Com-\n\nplaints, pages 341-\n\n343.\n\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Double);
        assert_eq!(logical.as_str(), "Knee Complaints, pages 341-343.");
    }

    #[test]
    fn a_compound_broken_at_its_own_hyphen_keeps_it() {
        assert_eq!(
            joined("low back pain that is non-\nradicular, a follow-\nup visit and a one-\nmonth trial of\nNSAIDs (non-steroidal anti-\ninflammatory drugs) or NSAID-\ninduced gastritis.\n"),
            "low back pain that is non-radicular, a follow-up visit and a one-month trial of NSAIDs (non-steroidal anti-inflammatory drugs) or NSAID-induced gastritis."
        );
        // Two words that make none together.
        assert_eq!(
            joined("crying spells and fear-\navoidance beliefs, with rehabili-\ntation\n"),
            "crying spells and fear-avoidance beliefs, with rehabilitation"
        );
        // An ending that only continues a word, whatever the first part.
        assert_eq!(joined("the follow-\ning visit\n"), "the following visit");
        // A suspended hyphen is not a broken word.
        assert_eq!(
            joined("short-\nand long-term goals\n"),
            "short- and long-term goals"
        );
        // The letter's own spelling elsewhere decides.
        assert_eq!(
            joined("hydrocodone-acetaminophen daily; hydrocodone-\nacetaminophen was tapered\n"),
            "hydrocodone-acetaminophen daily; hydrocodone-acetaminophen was tapered"
        );
        assert_eq!(
            joined("nonradicular pain; it is non-\nradicular\n"),
            "nonradicular pain; it is nonradicular"
        );
        // A dash set off by blanks, or a capital on the next line, joins nothing.
        assert_eq!(joined("pain -\nwhich\n"), "pain - which");
        assert_eq!(joined("Guide-\nLines\n"), "Guide- Lines");
    }

    #[test]
    fn a_letter_in_capitals_joins_the_words_it_broke() {
        assert_eq!(
            joined("FUNCTIONAL REST-\nORATION PROGRAM; NON-\nSTEROIDAL DRUGS\n"),
            "FUNCTIONAL RESTORATION PROGRAM; NON-STEROIDAL DRUGS"
        );
        // A capital after a lowercase head is a name, not a broken word.
        assert_eq!(joined("Guide-\nLINES\n"), "Guide- LINES");
    }

    #[test]
    fn lines_split_as_split_inclusive_splits_them() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\nb\r\n\n",
            "x\n\u{e9}\n\ny",
        ] {
            let ours: Vec<&str> = lines_with_ends(text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn contains_ignoring_ascii_case() {
        assert!(contains_ignore_ascii_case("Lumbar MRI - UPHELD", "upheld"));
        assert!(contains_ignore_ascii_case("upheld", "Upheld"));
        assert!(contains_ignore_ascii_case("anything", ""));
        assert!(contains_ignore_ascii_case("x Overturned.", "overturned"));
        assert!(!contains_ignore_ascii_case("uphel", "upheld"));
        assert!(!contains_ignore_ascii_case("", "a"));
        assert!(!contains_ignore_ascii_case("up held", "upheld"));
        // Past a multi-byte character, and never matching one against an ASCII letter.
        assert!(contains_ignore_ascii_case(
            "\u{2013} medically",
            "MEDICALLY"
        ));
        assert!(!contains_ignore_ascii_case(
            "medic\u{212a}lly",
            "medickally"
        ));
        // The first place, wherever the rarest letter stands in the needle.
        assert_eq!(find_ignore_ascii_case("a board, a BOARD", "board"), Some(2));
        assert_eq!(find_ignore_ascii_case("xx licensed", "LICEN"), Some(3));
        assert_eq!(find_ignore_ascii_case("ab", ""), Some(0));
        assert_eq!(find_ignore_ascii_case("boar", "board"), None);
    }

    #[test]
    fn splitter_survives_pdf_artefacts() {
        assert_eq!(
            sentences_of("The patient is a 41 y.o. male. He had pain, e.g., in the back."),
            [
                "The patient is a 41 y.o. male.",
                "He had pain, e.g., in the back."
            ]
        );
        assert_eq!(
            sentences_of("with 60-75% of pain reduction.There were no other findings."),
            [
                "with 60-75% of pain reduction.",
                "There were no other findings."
            ]
        );
        assert_eq!(
            sentences_of("work status is \"working without restrictions.\"The 5/27/2014 report indicates pain."),
            ["work status is \"working without restrictions.\"", "The 5/27/2014 report indicates pain."]
        );
        assert_eq!(
            sentences_of("the diagnosis is:1. Grade I Spondylolisthesis with Facet ArthropathyAccording to this report, pain."),
            ["the diagnosis is:1. Grade I Spondylolisthesis with Facet Arthropathy", "According to this report, pain."]
        );
        assert_eq!(
            sentences_of("diagnoses are:1. lumbar radiculopathy2. lower back pain3. hip bursitis"),
            [
                "diagnoses are:1. lumbar radiculopathy",
                "2. lower back pain",
                "3. hip bursitis"
            ]
        );
        assert_eq!(
            sentences_of("Board Certified inInternal Medicine."),
            ["Board Certified inInternal Medicine."]
        );
        // The article glued to a word starts a sentence; a drug's name ending in the letter does not.
        assert_eq!(
            sentences_of("pain in the right legA physical therapy note follows."),
            ["pain in the right leg", "A physical therapy note follows."]
        );
        assert_eq!(
            sentences_of("ODG supports onabotulinumtoxinA for chronic migraine."),
            ["ODG supports onabotulinumtoxinA for chronic migraine."]
        );
    }
}
