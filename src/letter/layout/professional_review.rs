//! The "MEDICAL PROFESSIONAL REVIEW" layout: a header with dates, the reviewer's credentials as key:
//! value lines, "ISSUE AT DISPUTE:", "CASE SUMMARY:" and "DECISION(S) AND RATIONALE(S):" headings (some
//! wrapped over two lines), then items written as in the seed layout.

use super::{heading, reviewer, service_line_items, HeadingPattern, Letter};
use crate::diagnostic::Diagnostic;
use crate::letter::{Determination, Layout};
use std::sync::LazyLock;

static TITLE: LazyLock<HeadingPattern> =
    LazyLock::new(|| heading(r"medical\s+professional\s+review"));
static ISSUE: LazyLock<HeadingPattern> = LazyLock::new(|| heading(r"issues?\s+at\s+dispute\s*:?"));
static SUMMARY: LazyLock<HeadingPattern> =
    LazyLock::new(|| heading(r"(?:clinical\s+)?case\s+summary\s*:?"));
static DECISIONS: LazyLock<HeadingPattern> = LazyLock::new(|| {
    heading(r"(?:imr\s+)?(?:issues?,?\s+)?decision\(?s?\)?,?\s+and\s+rationale\(?s?\)?\s*:?")
});
pub(super) fn detect(letter: &Letter<'_>) -> bool {
    letter.lines.iter().take(10).any(|l| TITLE.is_match(l.text))
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let n = letter.lines.len();
    let issue = letter.find_heading(0, &ISSUE);
    let summary_heading = letter.find_heading(issue.map_or(0, |h| h.next), &SUMMARY);
    let decisions = letter.find_heading(summary_heading.map_or(0, |h| h.next), &DECISIONS);
    let header_end = issue.or(summary_heading).map_or(n, |h| h.line);
    let reviewer = reviewer(letter, 0, header_end);
    let summary =
        summary_heading.and_then(|h| letter.region_after(h, decisions.map_or(n, |h| h.line)));
    let items_from = decisions.or(summary_heading).map_or(0, |h| h.next);
    let items = service_line_items(letter, items_from, n, diagnostics);
    Some(super::determination(
        letter,
        Layout::ProfessionalReview,
        header_end,
        reviewer,
        summary,
        items,
    ))
}
