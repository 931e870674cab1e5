//! The numbered-issues layout: the disputed items listed once near the top, numbered, each with its
//! decision ("1. Left knee arthroscopy with partial medial" / "meniscectomy -- Determination:
//! Overturned"), then sections of the letter whose paragraphs are keyed to the items by number: the
//! guidelines applied ("Issue 1: MTUS ACOEM Chapter 13 ...") and the analysis ("Issue 1. ACOEM
//! indicates ...").

use super::{
    citation, closing_line, issues_decisions, label_decision_of, reviewer, trim_footer,
    JoinedLines, Letter,
};
use crate::diagnostic::Diagnostic;
use crate::letter::{Decision, Determination, Layout};
use crate::span::{Span, Spanned};
use crate::text::in_capitals;
use regex::Regex;
use std::sync::LazyLock;

/// A paragraph keyed to an item by its number or letter: "Issue 1:", "ISSUE 2.", "Item #3 -", "Request
/// 4)", "Discussion of item A.".
static KEYED: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?:(?:discussion|analysis|review)\s+of\s+)?(?:issue|item|request|disputed\s+(?:item|issue)|service)\s*(?:no\.?\s*|#\s*)?(?P<number>\d{1,2}|(?-i:[A-H]))\s*(?:[.:)]|\s[-\x{2013}\x{2014}])\s*",
    )
    .unwrap()
});

/// Whether `text` opens with a key ([`KEYED`]). Most lines start with another letter, and this keeps
/// the pattern off them.
fn is_keyed(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'i' | b'r' | b'd' | b's' | b'a'))
        && KEYED.is_match(text)
}

/// An entry of the list of items: "1. X -- Determination: Overturned", "(2) X – Upheld", and with
/// the space after its number lost to extraction, "2.Naproxen 500 mg - Overturned"; or a table's row,
/// its number set apart by blanks ("  1   Cervical epidural steroid injection      Upheld").
/// An entry may be numbered within its section: "6.1  Platelet-rich plasma injection ....... NOT
/// MEDICALLY NECESSARY".
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"^\s{0,4}\(?(?:(?P<number>\d{1,2})(?:[.)](?:\s+\S|[A-Z][a-z])|\s{2,}[A-Za-z])|(?:\d{1,2}\.(?P<sub>\d{1,2})\.?|(?P<letter>[A-Ha-h])[.)])\s+\S)",
    )
    .unwrap()
});

/// The decision closing an entry, after a dash or a colon, with or without a label: "-- Determination:
/// Overturned", "– Upheld (not medically necessary)", ": Decision: Upheld", "........ UPHELD - not
/// medically necessary".
static ENTRY_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?:\s*(?:--?|[\x{2013}\x{2014}]|:|\.{2,})\s*|\s+)(?:(?:final\s+)?(?:determination|decision|outcome|result)\s*[:\-\x{2013}\x{2014}]?\s*)?(?P<word>upheld|overturned|uphold|overturn|not\s+medically\s+necessary|medically\s+necessary)\b(?:\s*(?:--?|[\x{2013}\x{2014}]|:|\.)\s*(?:not\s+)?medically\s+necessary(?:\s+and\s+appropriate)?)?[^A-Za-z]*(?:\([^)]*\)\s*\.?\s*)?$",
    )
    .unwrap()
});

/// A decision stated right after a service, before the words that close its entry: " - medically
/// necessary. The utilization review decision is", ": not medically necessary;", " - UPHELD. THE
/// REQUEST IS".
static DECISION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)\s*(?:--?|[\x{2013}\x{2014}]|:|,|\s(?:is|are))\s*(?P<word>(?:not\s+)?medically\s+necessary|upheld|overturned|uphold|overturn)\b",
    )
    .unwrap()
});

/// Headings of the sections whose keyed paragraphs cite the guidelines.
static CITATIONS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:guidelines?|criteria|standards?|references?|citations?|evidence\s+(?:base|relied)|sources?)\b").unwrap()
});

/// Fewest bytes of a keyed paragraph holding an item's rationale.
const KEYED_PROSE: usize = 150;

/// Most lines an entry of the list may be wrapped over.
const ENTRY_LINES: usize = 3;

/// An item as the list states it.
pub(super) struct Entry {
    pub number: usize,
    pub line: usize,
    pub service: Spanned<String>,
    pub decision: Spanned<Decision>,
}

impl Entry {
    /// The item this entry states, spanning lines `line..end` of `letter`.
    pub(super) fn item(
        &self,
        letter: &Letter<'_>,
        end: usize,
        citations: Option<citation::CitationBlock>,
        rationale: Option<Span>,
    ) -> crate::letter::Item {
        let span = letter.region(self.line, end).unwrap_or(self.service.span);
        super::build_item(
            self.number,
            span,
            self.service.clone(),
            Some(self.decision.clone()),
            None,
            citations,
            rationale,
        )
    }
}

/// The list's entries, numbered 1, 2, ... in order, each with a decision, before line `to`.
pub(super) fn entries(letter: &Letter<'_>, to: usize) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut i = 0;
    while i < to {
        let line = &letter.lines[i];
        let Some((number, marker)) = ENTRY.captures(line.text).and_then(|c| {
            // A list lettered A, B, C ... is numbered 1, 2, 3 ...
            let number = c
                .name("number")
                .or_else(|| c.name("sub"))
                .or_else(|| c.name("letter"))?;
            Some((super::list_mark_number(number.as_str())?, number.end()))
        }) else {
            i += 1;
            continue;
        };
        if number != out.len() + 1 {
            // A list numbered again further down starts over; any other number is no entry of it.
            if number == 1 {
                out.clear();
            } else {
                i += 1;
                continue;
            }
        }
        let mut joined = JoinedLines::new(line);
        let mut last = i;
        while ENTRY_DECISION.find(&joined.text).is_none() && last + 1 < to.min(i + ENTRY_LINES) {
            let next = &letter.lines[last + 1];
            if next.paragraph_break || ENTRY.is_match(next.text) || is_keyed(next.text) {
                break;
            }
            joined.push(next);
            last += 1;
        }
        let Some(c) = ENTRY_DECISION.captures(&joined.text) else {
            i = last + 1;
            continue;
        };
        let (whole, word) = (c.get(0).unwrap(), c.name("word").unwrap());
        let service_start = joined.text[marker..]
            .find(|ch: char| ch.is_alphanumeric())
            .map_or(joined.text.len(), |k| k + marker);
        // "1. Lumbar MRI is not medically necessary": the verb is no part of the service.
        let service = joined.text[service_start..whole.start()].trim_end();
        let service = [" is", " are"]
            .iter()
            .find_map(|verb| service.strip_suffix(verb))
            .unwrap_or(service);
        // "2. Physical therapy, 12 sessions - medically necessary. The utilization review decision
        // is overturned.", "2. HOSPITAL BED - UPHELD. THE REQUEST IS NOT MEDICALLY NECESSARY.": the
        // decision stated right after the service is no part of it either, and is the entry's.
        let stated = DECISION_AFTER
            .captures(service)
            .filter(|c| c.get(0).unwrap().start() > 0)
            .and_then(|c| {
                let word = c.name("word")?;
                let decision = label_decision_of(word.as_str())?;
                Some((c.get(0)?.start(), decision, word.range()))
            });
        let (service, decision, word) = match stated {
            Some((end, decision, at)) => (
                service[..end].trim_end(),
                Some(decision),
                service_start + at.start..service_start + at.end,
            ),
            None => (service, label_decision_of(word.as_str()), word.range()),
        };
        if let (false, Some(decision)) = (service.is_empty(), decision) {
            out.push(Entry {
                number,
                line: i,
                service: Spanned::new(
                    service.to_string(),
                    joined.span(service_start..service_start + service.len()),
                ),
                decision: Spanned::new(decision, joined.span(word)),
            });
        }
        i = last + 1;
    }
    out
}

/// A section heading: a short line in capitals (in a letter not in capitals whole) or a short line
/// ending in a colon that starts a paragraph, neither keyed nor an entry. In a letter whose capitals
/// tell nothing (lower-cased or in capitals whole), a few words standing alone as a paragraph and
/// ending no sentence.
pub(super) fn is_section_heading(letter: &Letter<'_>, i: usize) -> bool {
    let text = letter.lines[i].text.trim_end();
    if text.is_empty() || text.len() > 60 || is_keyed(text) || ENTRY.is_match(text) {
        return false;
    }
    let words = text.split_whitespace().count();
    // A few words of a title, in sentence case, standing as a paragraph of their own: "Case
    // synopsis", "Discussion", "Final determinations", "Analysis of the disputed treatment".
    let titled = || {
        words <= 6
            && text.len() <= 50
            && text.starts_with(|c: char| c.is_uppercase())
            && text
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '&' | '\''))
            && letter.stands_alone(i)
    };
    (!letter.uppercase
        && in_capitals(text)
        && text.chars().filter(|c| c.is_alphabetic()).count() > 3)
        || titled()
        || (text.ends_with(':') && letter.opens_paragraph(i) && words <= 5)
        || ((letter.lowercase || letter.uppercase)
            && words <= 6
            && letter.stands_alone(i)
            && letter.follows_heading(i + 1))
}

/// A paragraph keyed to item `number`: its lines `first..end`, and the heading of its section.
struct Keyed {
    number: usize,
    first: usize,
    end: usize,
    heading: Option<usize>,
}

/// The keyed paragraphs from line `from` on, each ending at the next keyed line, section heading or
/// the letter's closing.
fn keyed_paragraphs(letter: &Letter<'_>, from: usize) -> Vec<Keyed> {
    let n = letter.lines.len();
    let end = closing_line(letter, from, n).unwrap_or(n);
    let mut out: Vec<Keyed> = Vec::new();
    // The first keyed paragraph's section starts above it.
    let mut heading = (0..from).rev().find(|&i| is_section_heading(letter, i));
    for i in from..end {
        let text = letter.lines[i].text;
        let keyed = is_keyed(text)
            .then(|| KEYED.captures(text))
            .flatten()
            .and_then(|c| super::list_mark_number(&c["number"]));
        let section = keyed.is_none() && is_section_heading(letter, i);
        if keyed.is_some() || section {
            if let Some(last) = out.last_mut().filter(|k| k.end == n) {
                last.end = i;
            }
        }
        if section {
            heading = Some(i);
        }
        if let Some(number) = keyed {
            out.push(Keyed {
                number,
                first: i,
                end: n,
                heading,
            });
        }
    }
    if let Some(last) = out.last_mut().filter(|k| k.end == n) {
        last.end = end;
    }
    out
}

/// The list of the items with their decisions: before the first keyed paragraph or, where the list up
/// front states no decision, the closing list after the keyed paragraphs ("FINAL DETERMINATION BY
/// ITEM" / "A. Rizatriptan 10 mg ODT #12 - OVERTURNED. Medically necessary.").
fn item_list(letter: &Letter<'_>, first_keyed: usize) -> Vec<Entry> {
    let list = entries(letter, first_keyed);
    if !list.is_empty() {
        return list;
    }
    let closing = entries(letter, letter.lines.len());
    if closing.first().is_some_and(|e| e.line > first_keyed) {
        closing
    } else {
        Vec::new()
    }
}

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    let Some(first_keyed) = (0..letter.lines.len()).find(|&i| is_keyed(letter.lines[i].text))
    else {
        return false;
    };
    let list = item_list(letter, first_keyed);
    // Every item has a keyed paragraph of prose, and the keys name no item the list does not state.
    // An item keyed once, by a line the other layouts read as its heading ("Item 1: Lumbar MRI"
    // with its blocks below), is theirs: this layout spreads an item over sections.
    let keyed = keyed_paragraphs(letter, first_keyed);
    let prose = |k: &Keyed| {
        letter
            .region(k.first, k.end)
            .is_some_and(|r| r.length >= KEYED_PROSE)
    };
    let spread = |number: usize| {
        let mut own = keyed.iter().filter(|k| k.number == number);
        own.clone().count() > 1 || own.all(|k| letter.item_start(k.first).is_none())
    };
    !list.is_empty()
        && keyed.iter().all(|k| k.number <= list.len())
        && list
            .iter()
            .all(|e| keyed.iter().any(|k| k.number == e.number && prose(k)) && spread(e.number))
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let n = letter.lines.len();
    let first_keyed = (0..n).find(|&i| is_keyed(letter.lines[i].text))?;
    let list = item_list(letter, first_keyed);
    let keyed = keyed_paragraphs(letter, first_keyed);
    let header_end = list.first().map_or(n, |e| e.line).min(first_keyed);
    let summary_heading = issues_decisions::summary_heading(letter, header_end);
    let summary = summary_heading.and_then(|h| {
        let to = (h.next..first_keyed)
            .find(|&i| is_section_heading(letter, i))
            .unwrap_or(first_keyed);
        letter.region_after(h, to)
    });
    let mut items = Vec::new();
    for entry in &list {
        let mut citations = None;
        let mut rationale: Option<Span> = None;
        let mut last_line = entry.line;
        for k in keyed.iter().filter(|k| k.number == entry.number) {
            let logical = letter.logical(k.first, k.end);
            let key_len = KEYED.find(logical.as_str()).map_or(0, |m| m.end());
            // A section headed as a citation block, or headed in other words that name guidelines.
            let cites = k.heading.is_some_and(|h| match letter.block(h) {
                Some((kind, _)) => matches!(
                    kind,
                    super::Block::Administrator | super::Block::Imro | super::Block::Citations
                ),
                None => CITATIONS_HEADING.is_match(letter.lines[h].text),
            });
            last_line = last_line.max(k.end.saturating_sub(1));
            if cites {
                citations.get_or_insert(citation::parse_block(
                    &logical,
                    key_len..logical.as_str().len(),
                ));
                continue;
            }
            let Some(region) = letter.region(k.first, k.end) else {
                continue;
            };
            let start = logical.original_offset(key_len).max(region.offset);
            if region.end() > start {
                // A rationale in several keyed paragraphs is the last section's.
                rationale = Some(trim_footer(
                    letter.text,
                    Span::from_range(start..region.end()),
                ));
            }
        }
        let item = entry.item(letter, last_line + 1, citations, rationale);
        super::check_complete(letter, &item, entry.number == list.len(), diagnostics);
        items.push(item);
    }
    Some(super::determination(
        letter,
        Layout::NumberedIssues,
        header_end,
        reviewer(letter, 0, first_keyed),
        summary,
        items,
    ))
}
