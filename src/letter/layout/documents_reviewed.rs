//! The variant with a "DOCUMENTS REVIEWED" list before the case summary and "IMR DECISION(S) AND
//! RATIONALE(S)" as the items heading; items are written as in the seed layout.

use super::{heading, issues_decisions, HeadingPattern, Letter};
use crate::diagnostic::Diagnostic;
use crate::letter::{Determination, Layout};
use std::sync::LazyLock;

static DOCUMENTS: LazyLock<HeadingPattern> = LazyLock::new(|| heading(r"documents\s+reviewed:?"));
static DECISIONS: LazyLock<HeadingPattern> =
    LazyLock::new(|| heading(r"imr\s+decision\(?s?\)?\s+and\s+rationale\(?s?\)?:?"));

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    letter.find_heading(0, &DECISIONS).is_some() || letter.find_heading(0, &DOCUMENTS).is_some()
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    // The documents list sits between the qualifications and the case summary, so the summary heading
    // still bounds the qualifications; the list itself is not part of the case summary.
    let mut determination =
        issues_decisions::parse_with(letter, Layout::DocumentsReviewed, &DECISIONS, diagnostics)?;
    if let (Some(summary), Some(documents)) = (
        determination.case_summary,
        letter.find_heading(0, &DOCUMENTS),
    ) {
        if documents.line > 0 && letter.lines[documents.line].span.offset > summary.offset {
            // A letter that lists documents after the summary: the summary stops at the list.
            let end = letter.lines[documents.line - 1].span.end();
            determination.case_summary = Some(crate::span::Span::from_range(
                summary.offset..end.max(summary.offset),
            ));
        }
    }
    Some(determination)
}
