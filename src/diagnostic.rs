//! Diagnostics as plain data, and the registry of their stable `imr::` codes.
//!
//! Every code is listed once in [`CODES`], with its severity and its page under `docs/diagnostics/`,
//! which is the single source for `imr-audit explain-code`. A code never changes its meaning.

use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Advice,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $page:literal, $summary:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        /// Every code, in the order of `docs/diagnostics/README.md`.
        pub const CODES: &[CodeInfo] = &[
            $(CodeInfo {
                code: Code::$variant,
                name: $name,
                severity: Severity::$severity,
                summary: $summary,
                page: include_str!(concat!("../docs/diagnostics/", $page, ".md")),
            },)*
        ];
    };
}

codes! {
    InputUnreadable => "imr::input-unreadable", Error, "input-unreadable", "the input could not be read";
    InputEmpty => "imr::input-empty", Error, "input-empty", "the input is empty";
    InputBinary => "imr::input-binary", Error, "input-binary", "the input is binary data, not text";
    InputTooLarge => "imr::input-too-large", Error, "input-too-large", "the input is larger than the size limit";
    PdfNoText => "imr::pdf-no-text", Error, "pdf-no-text", "the PDF has no text layer: it needs OCR";
    PdfEncrypted => "imr::pdf-encrypted", Error, "pdf-encrypted", "the PDF is encrypted";
    PdfUnreadable => "imr::pdf-unreadable", Error, "pdf-unreadable", "the PDF is damaged or its text cannot be extracted";
    TooManyItems => "imr::too-many-items", Error, "too-many-items", "the letter has more items than the limit";
    NotALetter => "imr::not-a-letter", Error, "not-a-letter", "the text is not an IMR determination letter";
    NoItems => "imr::no-items", Error, "no-items", "the letter states no disputed item";
    TruncatedItem => "imr::truncated-item", Warning, "truncated-item", "the letter ends inside an item";
    MissingRationale => "imr::missing-rationale", Warning, "missing-rationale", "an item has no decision rationale";
    UnknownDecision => "imr::unknown-decision", Warning, "unknown-decision", "an item's decision is neither Upheld nor Overturned";
    OverallDecisionMismatch => "imr::overall-decision-mismatch", Warning, "overall-decision-mismatch", "the letter's final determination disagrees with its items' decisions";
    DecisionConclusionMismatch => "imr::decision-conclusion-mismatch", Error, "decision-conclusion-mismatch", "the decision contradicts the rationale's own conclusion";
    FindingsContradictDecision => "imr::findings-contradict-decision", Error, "findings-contradict-decision", "under the applicable rules the stated findings support the opposite outcome";
    SummaryContradictsRationale => "imr::summary-contradicts-rationale", Error, "summary-contradicts-rationale", "the case summary records findings that support the opposite outcome from the rationale's";
    CitationMismatch => "imr::citation-mismatch", Warning, "citation-mismatch", "the cited guideline section or pages do not cover the disputed service";
    CriteriaNotShown => "imr::criteria-not-shown", Advice, "criteria-not-shown", "criteria the decision rests on are never shown met or not met";
    OutcomeDisparity => "imr::outcome-disparity", Advice, "outcome-disparity", "items whose criteria came out the same were decided differently";
    NoConclusion => "imr::no-conclusion", Advice, "no-conclusion", "the rationale states no conclusion of its own";
    UnresolvedRecords => "imr::unresolved-records", Warning, "unresolved-records", "the reviewer says the records leave a fact the decision rests on unsettled";
    RulesSyntax => "imr::rules::syntax", Error, "rules-syntax", "a rule file is not valid TOML or does not fit the schema";
    RulesDuplicateId => "imr::rules::duplicate-id", Error, "rules-duplicate-id", "two definitions share one id";
    RulesUnknownReference => "imr::rules::unknown-reference", Error, "rules-unknown-reference", "a definition names an id that does not exist";
    RulesCycle => "imr::rules::cycle", Error, "rules-cycle", "criteria depend on each other in a cycle";
    RulesInvalidPattern => "imr::rules::invalid-pattern", Error, "rules-invalid-pattern", "a pattern or phrase does not compile";
    RulesInvalidCondition => "imr::rules::invalid-condition", Error, "rules-invalid-condition", "a criterion's condition cannot be parsed";
    RulesMissingCitation => "imr::rules::missing-citation", Error, "rules-missing-citation", "a criterion or rule cites no guideline";
    RulesUnused => "imr::rules::unused", Warning, "rules-unused", "a finding or criterion is not used by anything";
    RulesAmbiguousServices => "imr::rules::ambiguous-services", Warning, "rules-ambiguous-services", "two rules claim the same services with no precedence";
    RulesNeverMatches => "imr::rules::never-matches", Warning, "rules-never-matches", "a phrase or pattern can never match a letter";
    RulesEditions => "imr::rules::editions", Error, "rules-editions", "editions of one criterion or rule overlap or leave a gap";
    RulesUnreadable => "imr::rules::unreadable", Error, "rules-unreadable", "the rules directory or a rule file cannot be read";
    InternalError => "imr::internal-error", Error, "internal-error", "imr-audit failed on this input";
}

/// A code's registry entry.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: Code,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The code's documentation page (Markdown).
    pub page: &'static str,
}

impl Code {
    pub fn info(self) -> &'static CodeInfo {
        CODES
            .iter()
            .find(|c| c.code == self)
            .expect("every code is registered")
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn severity(self) -> Severity {
        self.info().severity
    }

    pub fn from_name(name: &str) -> Option<Code> {
        let wanted = name.trim();
        let wanted = wanted.strip_prefix("imr::").unwrap_or(wanted);
        CODES
            .iter()
            .find(|c| c.name.strip_prefix("imr::") == Some(wanted))
            .map(|c| c.code)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// A span of the source with what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    #[serde(flatten)]
    pub span: Span,
    pub label: String,
}

/// One finding about a letter or a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            label: label.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes and their severities, pinned: a code may be added, never renamed, removed or made to
    /// mean something else. Changing this list is a breaking change to every output format.
    #[test]
    fn codes_are_pinned() {
        let actual: Vec<(&str, &str)> = CODES.iter().map(|c| (c.name, c.severity.name())).collect();
        let expected = [
            ("imr::input-unreadable", "error"),
            ("imr::input-empty", "error"),
            ("imr::input-binary", "error"),
            ("imr::input-too-large", "error"),
            ("imr::pdf-no-text", "error"),
            ("imr::pdf-encrypted", "error"),
            ("imr::pdf-unreadable", "error"),
            ("imr::too-many-items", "error"),
            ("imr::not-a-letter", "error"),
            ("imr::no-items", "error"),
            ("imr::truncated-item", "warning"),
            ("imr::missing-rationale", "warning"),
            ("imr::unknown-decision", "warning"),
            ("imr::overall-decision-mismatch", "warning"),
            ("imr::decision-conclusion-mismatch", "error"),
            ("imr::findings-contradict-decision", "error"),
            ("imr::summary-contradicts-rationale", "error"),
            ("imr::citation-mismatch", "warning"),
            ("imr::criteria-not-shown", "advice"),
            ("imr::outcome-disparity", "advice"),
            ("imr::no-conclusion", "advice"),
            ("imr::unresolved-records", "warning"),
            ("imr::rules::syntax", "error"),
            ("imr::rules::duplicate-id", "error"),
            ("imr::rules::unknown-reference", "error"),
            ("imr::rules::cycle", "error"),
            ("imr::rules::invalid-pattern", "error"),
            ("imr::rules::invalid-condition", "error"),
            ("imr::rules::missing-citation", "error"),
            ("imr::rules::unused", "warning"),
            ("imr::rules::ambiguous-services", "warning"),
            ("imr::rules::never-matches", "warning"),
            ("imr::rules::editions", "error"),
            ("imr::rules::unreadable", "error"),
            ("imr::internal-error", "error"),
        ];
        assert_eq!(actual, expected);
    }

    #[test]
    fn registry_is_unique_and_documented() {
        let mut names: Vec<&str> = CODES.iter().map(|c| c.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "duplicate code names");
        for info in CODES {
            assert!(info.name.starts_with("imr::"));
            assert!(
                info.page.starts_with(&format!("# `{}`", info.name)),
                "{}'s page must open with its code",
                info.name
            );
            assert_eq!(Code::from_name(info.name), Some(info.code));
        }
    }
}
