//! The layout of the seed letters: "HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY",
//! "IMR ISSUES, DECISIONS AND RATIONALES", then "SERVICE:  Upheld" items.

use super::{dates, heading, reviewer, service_line_items, Letter};
use crate::diagnostic::Diagnostic;
use crate::letter::{Determination, Layout};
use regex::Regex;
use std::sync::LazyLock;

static HOW_MADE: LazyLock<Regex> =
    LazyLock::new(|| heading(r"how\s+the\s+imr\s+final\s+determination\s+was\s+made"));
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| heading(r"clinical\s+case\s+summary:?"));
static ISSUES: LazyLock<Regex> =
    LazyLock::new(|| heading(r"imr\s+issues?,?\s+decisions?\s+and\s+rationales?:?"));

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    let has = |re: &Regex| letter.find_heading(0, re).is_some();
    // Also the fallback for letters whose headings were lost: items written as service lines followed
    // by citation or rationale blocks.
    has(&ISSUES) || (has(&HOW_MADE) && has(&SUMMARY)) || super::has_service_line_items(letter)
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
    items_heading: &Regex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let n = letter.lines.len();
    let summary_heading = letter.find_heading(0, &SUMMARY);
    let items_heading = letter.find_heading(summary_heading.map_or(0, |h| h.next), items_heading);
    let qualifications_end = summary_heading.or(items_heading).map_or(n, |h| h.line);
    let reviewer = reviewer(letter, 0, qualifications_end);
    let summary =
        summary_heading.and_then(|h| letter.region_after(h, items_heading.map_or(n, |h| h.line)));
    // Items start on their own lines, so text run on after the items heading is not an item.
    let items_from = items_heading.or(summary_heading).map_or(0, |h| h.next);
    let items = service_line_items(letter, items_from, n, diagnostics);
    Some(Determination {
        layout,
        spacing: letter.spacing,
        reviewer,
        dates: dates(letter, summary, None, None),
        case_summary: summary,
        items,
    })
}
