//! Segment stage, letter half: turns decoded text into a [`Determination`], the typed model of one IMR
//! final determination letter. Every value read from the text keeps its [`Span`].
//!
//! Each layout the letters have used over the years is one module under `layout/`; everything the
//! layouts share (citations, request details, dates, reviewer lines) lives beside this file.

pub mod citation;
pub mod date;
mod layout;
pub mod request;

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use crate::span::{Span, Spanned};
use crate::text::{Passage, Spacing};
use serde::Serialize;

pub use citation::{Citation, CitationBlock, GuidelineSource, PageRange};
pub use date::{Date, LetterDates};
pub use request::RequestDetails;

/// The layouts determination letters have been printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// "HOW THE IMR FINAL DETERMINATION WAS MADE" / "CLINICAL CASE SUMMARY" / "IMR ISSUES, DECISIONS AND RATIONALES".
    IssuesDecisions,
    /// As above with "DOCUMENTS REVIEWED" and "IMR DECISION(S) AND RATIONALE(S)".
    DocumentsReviewed,
    /// The 2013 "Notice of Independent Medical Review Determination" with numbered decision sentences.
    Notice2013,
    /// "MEDICAL PROFESSIONAL REVIEW" with "ISSUE AT DISPUTE:" and "CASE SUMMARY:" headings.
    ProfessionalReview,
    /// Items listed once, numbered, with their decisions ("1. X -- Determination: Upheld"); the
    /// guidelines and the analysis in later sections keyed to them ("Issue 1: ...").
    NumberedIssues,
    /// The analysis as one narrative, and the decisions in a numbered list after it ("1. Right carpal
    /// tunnel release - medically necessary. The utilization review decision is overturned.").
    FinalList,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::IssuesDecisions => "issues-decisions",
            Layout::DocumentsReviewed => "documents-reviewed",
            Layout::Notice2013 => "notice-2013",
            Layout::ProfessionalReview => "professional-review",
            Layout::NumberedIssues => "numbered-issues",
            Layout::FinalList => "final-list",
        }
    }
}

/// The IMRO's decision on one disputed item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The denial stands: the service is not medically necessary.
    Upheld,
    /// The denial is reversed: the service is medically necessary.
    Overturned,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Upheld => "upheld",
            Decision::Overturned => "overturned",
        }
    }

    /// Whether the decision finds the service medically necessary.
    pub fn finds_necessary(self) -> bool {
        matches!(self, Decision::Overturned)
    }
}

/// Who reviewed the case, as the letter states it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reviewer {
    pub specialty: Option<Spanned<String>>,
    pub subspecialty: Option<Spanned<String>>,
    pub licensure: Option<Spanned<String>>,
}

/// One disputed treatment item and how it was decided.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// 1-based position in the letter.
    pub index: usize,
    /// The whole item, from its service line to the end of its rationale.
    pub span: Span,
    pub service: Spanned<String>,
    pub decision: Option<Spanned<Decision>>,
    pub request: RequestDetails,
    /// "Claims Administrator guideline:" (what utilization review cited).
    pub administrator_citations: Option<CitationBlock>,
    /// "MAXIMUS guideline:" (what the IMRO's reviewer cited).
    pub imro_citations: Option<CitationBlock>,
    /// The decision rationale's text, without its heading.
    pub rationale: Option<Span>,
}

/// One parsed determination letter.
#[derive(Debug, Clone, Serialize)]
pub struct Determination {
    pub layout: Layout,
    pub spacing: Spacing,
    pub reviewer: Reviewer,
    pub dates: LetterDates,
    /// The clinical case summary's text, without its heading.
    pub case_summary: Option<Span>,
    /// The case summary as the parser read it for its dates; the finding reader reads the same
    /// text when its region is still `case_summary`.
    #[serde(skip)]
    pub summary_text: Option<Passage>,
    pub items: Vec<Item>,
}

/// What parsing produced: a determination when the text is a letter, and every problem found on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub determination: Option<Determination>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one decoded letter. Never panics; a text that is not a letter yields no determination and a
/// diagnostic saying why.
pub fn parse(source: &Source) -> Parsed {
    layout::parse(source)
}

/// The clinical case summary and the letter dates are shared by every layout.
pub(crate) fn read_dates(
    summary: Option<&Passage>,
    letter_date: Option<Spanned<Date>>,
) -> LetterDates {
    date::letter_dates(summary, letter_date)
}
