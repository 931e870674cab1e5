//! The layout of the seed letters: "HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY",
//! "IMR ISSUES, DECISIONS AND RATIONALES", then "SERVICE:  Upheld" items.

use super::{
    dates, first_item_line, heading, labelled_date, reviewer, service_line_items, HeadingPattern,
    Letter, INJURY_DATE_LABEL, LETTER_DATE_LABEL,
};
use crate::diagnostic::Diagnostic;
use crate::letter::{Determination, Layout};
use std::sync::LazyLock;

static HOW_MADE: LazyLock<HeadingPattern> =
    LazyLock::new(|| heading(r"how\s+the\s+(?:imr\s+)?final\s+determination\s+was\s+made"));
static SUMMARY: LazyLock<HeadingPattern> = LazyLock::new(|| {
    heading(
        r"(?:expert\s+reviewer(?:['\x{2019}]?s)?\s+)?(?:clinical\s+(?:case\s+)?|case\s+)summary:?",
    )
});
/// "Summary" alone, "Summary of the Records", "Summary of Clinical Records", "Summary of the (clinical) case",
/// "Summary of Relevant Information",
/// "Clinical Background", "Case Synopsis", "Background", "Medical History", "Case History", "Case
/// Overview", "Relevant Clinical History", "Background and Records Reviewed" or "What the records show", as later letters head
/// the case summary: only on a line of its own or before a colon, since the words also start other
/// headings ("SUMMARY OF RECORDS REVIEWED").
static BARE_SUMMARY: LazyLock<HeadingPattern> = LazyLock::new(|| {
    heading(
        r"(?:what\s+the\s+(?:medical\s+)?records\s+show(?:ed)?|summary(?:\s+of\s+(?:the\s+)?(?:(?:medical\s+|clinical\s+)?records|(?:clinical\s+)?case|clinical\s+history|(?:relevant|pertinent)\s+(?:(?:medical|clinical)\s+)?(?:information|records|history|facts)))?|(?:(?:relevant|pertinent|brief)\s+)?(?:(?:clinical|case|medical)\s+)?(?:background|history|overview|synopsis)(?:\s+and\s+(?:the\s+)?(?:medical\s+)?(?:records|documents)(?:\s+reviewed)?)?)(?::|\s*$)",
    )
});
/// A summary of the decisions after the items ("FINAL DETERMINATION SUMMARY", "SUMMARY OF DECISIONS",
/// "Outcome - Summary of Decisions", "FINAL DETERMINATIONS", "DECISIONS" alone on its line),
/// whose lines repeat the items' services and decisions and are no items of their own. The 2013 notice
/// reads its decisions from it where its sections state none.
pub(super) static CLOSING_SUMMARY: LazyLock<HeadingPattern> = LazyLock::new(|| {
    heading(
        r"(?:outcomes?\s*[-\x{2013}\x{2014}:]\s*)?(?:(?:final\s+)?(?:determination|decisions?|outcomes?)\s+summary:?|summary\s+of\s+(?:the\s+)?(?:final\s+)?(?:determinations?|decisions?|outcomes?):?|final\s+(?:determinations|decisions):?|decisions:?\s*$)",
    )
});
/// "IMR ISSUES, DECISIONS AND RATIONALES"; later letters write "DISPUTED ITEMS, DECISIONS AND
/// RATIONALES", "DISPUTED SERVICES, DETERMINATIONS AND RATIONALE", "ISSUES, RATIONALES AND
/// DECISIONS", "RATIONALE FOR EACH DISPUTED ITEM", "RATIONALE FOR EACH DETERMINATION" or
/// "DISPUTED TREATMENT(S) AND REVIEWER ANALYSIS".
static ISSUES: LazyLock<HeadingPattern> = LazyLock::new(|| {
    heading(
        r"(?:(?:imr\s+)?issues?|disputed\s+(?:items?|issues?|services?|treatments?|treatment\(s\)|item\(s\)|service\(s\))(?:\s+and\s+issues?)?),?\s+(?:(?:decisions?|determinations?)\s+and\s+rationales?|rationales?\s+and\s+(?:decisions?|determinations?)|(?:and\s+)?(?:(?:expert\s+)?reviewer(?:['\x{2019}]?s)?\s+)?analysis):?|rationales?\s+for\s+(?:(?:each|the)\s+disputed\s+(?:items?|issues?|services?|treatments?)|each\s+(?:determination|decision)|the\s+(?:determinations|decisions)):?|(?:final\s+)?(?:determinations?|decisions?)\s+and\s+rationales?:?",
    )
});

/// The heading of the case summary at or after line `from`, the more specific headings first.
pub(super) fn summary_heading(letter: &Letter<'_>, from: usize) -> Option<super::Heading> {
    letter
        .find_heading(from, &SUMMARY)
        .or_else(|| letter.find_heading(from, &BARE_SUMMARY))
}

/// "RATIONALE" alone, in capitals, over the first item: the items' heading of a letter that states
/// the decisions in a table above it ("DETERMINATION" / "1 | Quetiapine 50 mg #30 | UPHELD" / ... /
/// "RATIONALE" / "Item 1. Quetiapine 50 mg #30: Upheld."). An item's own rationale label has no item
/// below it.
fn rationale_heading(letter: &Letter<'_>, from: usize) -> Option<super::Heading> {
    (from..letter.lines.len().saturating_sub(1))
        .find(|&i| {
            let text = letter.lines[i].text.trim().trim_end_matches(':');
            matches!(text, "RATIONALE" | "RATIONALES") && letter.item_start(i + 1).is_some()
        })
        .map(|line| super::Heading {
            line,
            next: line + 1,
            content: None,
        })
}

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    let has = |re: &HeadingPattern| letter.find_heading(0, re).is_some();
    // Also the fallback for letters whose headings were lost: items written as service lines followed
    // by citation or rationale blocks.
    has(&ISSUES)
        || rationale_heading(letter, 0).is_some()
        || (has(&HOW_MADE) && (has(&SUMMARY) || has(&BARE_SUMMARY)))
        || super::has_service_line_items(letter)
        || super::has_run_in_items(letter)
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    parse_with(letter, Layout::IssuesDecisions, &ISSUES, diagnostics)
}

/// Shared with the documents-reviewed variant, which differs only in its headings.
pub(super) fn parse_with(
    letter: &Letter<'_>,
    layout: Layout,
    items_heading: &HeadingPattern,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let n = letter.lines.len();
    let how_made = letter.find_heading(0, &HOW_MADE);
    // An item's own summary ("Item 1: X" / "Clinical Summary: ...") is no heading of the letter's.
    let letter_heading =
        |h: &super::Heading| h.line == 0 || letter.item_start(h.line - 1).is_none();
    let summary_heading = letter
        .find_heading(0, &SUMMARY)
        .filter(letter_heading)
        .or_else(|| letter.find_heading(0, &BARE_SUMMARY).filter(letter_heading));
    // A letter may be reordered, its items before its summary.
    let items_heading = letter
        .find_heading(summary_heading.map_or(0, |h| h.next), items_heading)
        .or_else(|| {
            summary_heading.and_then(|s| {
                letter
                    .find_heading(0, items_heading)
                    .filter(|h| h.line < s.line)
            })
        })
        .or_else(|| rationale_heading(letter, summary_heading.map_or(0, |h| h.next)));
    // Without an items heading, a reordered letter's items are all before its summary's heading
    // and none after it.
    let summary_last = summary_heading
        .filter(|_| items_heading.is_none())
        .filter(|s| {
            first_item_line(letter, s.next, n).is_none()
                && first_item_line(letter, 0, s.line).is_some()
        });
    // The summary's heading, where the items come before it.
    let summary_after_items = items_heading
        .zip(summary_heading)
        .filter(|(items, summary)| items.line < summary.line)
        .map(|(_, summary)| summary)
        .or(summary_last);
    // Without an items heading, the items start at the first item line after the summary heading.
    // Only a letter missing a heading needs it, and finding it reads every line of the summary.
    let first_item = || match summary_last {
        Some(s) => first_item_line(letter, 0, s.line),
        None => first_item_line(letter, summary_heading.map_or(0, |h| h.next), n),
    };
    // The header above the first heading (or, in a letter with no headings, above the first item)
    // may set the letter's dates out as labelled fields.
    let header_end = [how_made, summary_heading, items_heading]
        .into_iter()
        .flatten()
        .map(|h| h.line)
        .chain(summary_last.and_then(|_| first_item()))
        .min()
        .or_else(first_item)
        .unwrap_or(n);
    let letter_date = labelled_date(letter, 0, header_end, &LETTER_DATE_LABEL);
    let injury = labelled_date(letter, 0, header_end, &INJURY_DATE_LABEL);
    let reviewer = match (summary_after_items, how_made) {
        (Some(_), Some(how_made)) => reviewer(letter, how_made.line, n),
        _ => {
            let qualifications_end = summary_heading.or(items_heading).map_or(n, |h| h.line);
            reviewer(letter, 0, qualifications_end)
        }
    };
    let summary_end = match summary_after_items {
        Some(summary) => how_made
            .filter(|h| h.line > summary.line)
            .map_or(n, |h| h.line),
        None => items_heading
            .map(|h| h.line)
            .or_else(first_item)
            .unwrap_or(n),
    };
    let summary = summary_heading.and_then(|h| letter.region_after(h, summary_end));
    // Items start on their own lines, so text run on after the items heading is not an item.
    let items_from = match summary_last {
        Some(_) => 0,
        None => items_heading.or(summary_heading).map_or(0, |h| h.next),
    };
    // A summary of the determinations above every item is the table up front, which closes nothing.
    let items_to = std::iter::successors(letter.find_heading(items_from, &CLOSING_SUMMARY), |h| {
        letter.find_heading(h.next, &CLOSING_SUMMARY)
    })
    .find(|h| first_item_line(letter, items_from, h.line).is_some())
    .map_or(n, |h| h.line);
    let items_to = summary_after_items.map_or(items_to, |summary| items_to.min(summary.line));
    let items = service_line_items(letter, items_from, items_to, diagnostics);
    // A letter without headings tells its case before its first item (one with headings but no
    // summary's tells it in each item).
    let summary = summary.or_else(|| {
        if how_made.is_some() || items_heading.is_some() {
            return None;
        }
        let first = items.first()?.span.offset;
        let end = (0..n).find(|&k| letter.lines[k].span.offset >= first)?;
        letter.region(0, end)
    });
    // A summary whose end no heading marks ends where the first item starts.
    let summary = summary.and_then(|summary| {
        let first = items.first().map_or(summary.end(), |item| item.span.offset);
        if first >= summary.end() || first <= summary.offset {
            return Some(summary);
        }
        let mut end = (0..n).find(|&k| letter.lines[k].span.end() > first)?;
        // Nor is an unknown heading over the items ("DISPUTED ITEMS") any of it.
        if end > 0 && !letter.lines[end - 1].text.chars().any(char::is_lowercase) {
            end -= 1;
        }
        let end = letter.lines[end.max(1) - 1].span.end();
        (end > summary.offset).then(|| crate::span::Span::from_range(summary.offset..end))
    });
    let (dates, summary_text) = dates(letter, summary, letter_date, injury);
    Some(Determination {
        layout,
        spacing: letter.spacing,
        reviewer,
        dates,
        case_summary: summary,
        summary_text,
        items,
    })
}
