//! The JSON output of `check` and `parse` (documented in `docs/json.md`; a stable contract).

use crate::check::{Document, Status, Totals};
use crate::diagnostic::Diagnostic;
use crate::evaluate::{ItemEvaluation, Verdict};
use crate::extract::{Counts, Trigger};
use crate::letter::request::RequestDetails;
use crate::letter::{Citation, Item, LetterDates, Reviewer};
use crate::rules::{AsOfSource, Region, RuleBase, Truth};
use crate::span::Span;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Run<'a, D: Serialize> {
    documents: Vec<D>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<RulesInfo<'a>>,
}

#[derive(Serialize)]
struct RulesInfo<'a> {
    files: Vec<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    inputs: usize,
    checked: usize,
    rejected: usize,
    items: usize,
    verdicts: BTreeMap<&'static str, usize>,
    diagnostics: BTreeMap<&'static str, usize>,
}

/// The totals as JSON, shared by every format's summary.
pub fn summary_value(totals: &Totals) -> serde_json::Value {
    serde_json::to_value(summary(totals)).expect("serializable")
}

fn summary(totals: &Totals) -> Summary {
    let verdicts = Verdict::ALL
        .iter()
        .zip(totals.verdicts)
        .map(|(v, n)| (v.name(), n))
        .collect();
    let diagnostics = [
        ("error", totals.errors),
        ("warning", totals.warnings),
        ("advice", totals.advice),
    ]
    .into_iter()
    .collect();
    Summary {
        inputs: totals.inputs,
        checked: totals.checked,
        rejected: totals.rejected,
        items: totals.items,
        verdicts,
        diagnostics,
    }
}

#[derive(Serialize)]
struct AsOfJson {
    /// The date whose guideline editions applied (YYYY-MM-DD), or null for the newest editions.
    date: Option<String>,
    /// option | letter-date | latest-record | newest-edition
    source: AsOfSource,
}

#[derive(Serialize)]
struct CheckedDocument<'a> {
    path: &'a str,
    status: &'static str,
    layout: Option<&'static str>,
    encoding: &'static str,
    /// "text", or "pdf" when the text was extracted from a PDF (spans then index the extracted text).
    origin: &'static str,
    as_of: Option<AsOfJson>,
    diagnostics: &'a [Diagnostic],
    items: Vec<CheckedItem<'a>>,
}

#[derive(Serialize)]
struct CheckedItem<'a> {
    index: usize,
    service: &'a str,
    decision: Option<&'static str>,
    verdict: &'static str,
    category: Option<&'a str>,
    rules: Vec<&'a str>,
    /// The guideline edition each applicable rule encodes, where the rule names one.
    editions: Vec<EditionJson<'a>>,
    outcome: Option<&'static str>,
    conclusion: Option<ConclusionJson<'a>>,
    diagnostics: &'a [Diagnostic],
    span: Span,
    criteria: Vec<CriterionJson<'a>>,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct EditionJson<'a> {
    rule: &'a str,
    edition: &'a str,
}

#[derive(Serialize)]
struct ConclusionJson<'a> {
    necessary: bool,
    phrase: &'a str,
    span: Span,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    truth: &'static str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    truth: &'static str,
    region: Option<Region>,
    evidence: Vec<EvidenceJson<'a>>,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    region: Region,
    span: Span,
    #[serde(flatten)]
    counts: Counts,
    trigger: Option<&'a Trigger>,
}

fn truth_name(t: Truth) -> &'static str {
    match t {
        Truth::Met => "met",
        Truth::NotMet => "not-met",
        Truth::Unknown => "unknown",
    }
}

fn outcome_name(t: Truth) -> &'static str {
    match t {
        Truth::Met => "supported",
        Truth::NotMet => "not-supported",
        Truth::Unknown => "unknown",
    }
}

/// The findings the relevant criteria read, in rule-base order.
pub(crate) fn findings_read(rules: &RuleBase, evaluation: &ItemEvaluation) -> Vec<usize> {
    let used = rules.findings_read_by(&evaluation.relevant);
    (0..rules.findings.len()).filter(|&f| used[f]).collect()
}

fn checked_item<'a>(
    rules: &'a RuleBase,
    item: &'a Item,
    evaluation: &'a ItemEvaluation,
) -> CheckedItem<'a> {
    let findings = findings_read(rules, evaluation)
        .into_iter()
        .map(|f| {
            let value = &evaluation.extraction.values[f];
            FindingJson {
                id: &rules.findings[f].id,
                truth: match value.truth {
                    Truth::Met => "present",
                    Truth::NotMet => "absent",
                    Truth::Unknown => "unknown",
                },
                region: value.region,
                evidence: value
                    .evidence
                    .iter()
                    .map(|&m| {
                        let mention = &evaluation.extraction.mentions[m];
                        EvidenceJson {
                            region: mention.region,
                            span: mention.span,
                            counts: mention.counts,
                            trigger: mention.trigger.as_ref(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    CheckedItem {
        index: item.index,
        service: &item.service.value,
        decision: item.decision.as_ref().map(|d| d.value.name()),
        verdict: evaluation.verdict.name(),
        category: evaluation
            .rules
            .first()
            .map(|r| rules.rules[r.rule].category.as_str()),
        rules: evaluation
            .rules
            .iter()
            .map(|r| rules.rules[r.rule].id.as_str())
            .collect(),
        editions: evaluation
            .rules
            .iter()
            .filter_map(|r| {
                let rule = &rules.rules[r.rule];
                rule.edition.as_ref().map(|e| EditionJson {
                    rule: &rule.id,
                    edition: &e.name,
                })
            })
            .collect(),
        outcome: evaluation.outcome.map(outcome_name),
        conclusion: evaluation
            .extraction
            .conclusion
            .as_ref()
            .map(|c| ConclusionJson {
                necessary: c.necessary,
                phrase: &c.phrase,
                span: c.span,
            }),
        diagnostics: &evaluation.diagnostics,
        span: item.span,
        criteria: evaluation
            .relevant
            .iter()
            .map(|&c| CriterionJson {
                id: &rules.criteria[c].id,
                truth: truth_name(evaluation.criteria[c]),
            })
            .collect(),
        findings,
    }
}

fn status_name(status: Status, accepted: &'static str) -> &'static str {
    match status {
        Status::Accepted => accepted,
        Status::Rejected => "rejected",
    }
}

/// One checked document as JSON (also one line of JSON Lines output).
pub fn checked_document(rules: &RuleBase, document: &Document) -> serde_json::Value {
    serde_json::to_value(checked(rules, document)).expect("report types serialize")
}

/// Writes one checked document as JSON straight to `out`, without building a value first.
pub fn write_checked_document(
    out: &mut dyn std::io::Write,
    rules: &RuleBase,
    document: &Document,
    pretty: bool,
) -> std::io::Result<()> {
    let value = checked(rules, document);
    if pretty {
        serde_json::to_writer_pretty(out, &value)?;
    } else {
        serde_json::to_writer(out, &value)?;
    }
    Ok(())
}

fn checked<'a>(rules: &'a RuleBase, document: &'a Document) -> CheckedDocument<'a> {
    let items = match &document.determination {
        Some(d) => d
            .items
            .iter()
            .zip(&document.items)
            .map(|(i, e)| checked_item(rules, i, e))
            .collect(),
        None => Vec::new(),
    };
    CheckedDocument {
        path: &document.source.name,
        status: status_name(document.status, "checked"),
        layout: document.determination.as_ref().map(|d| d.layout.name()),
        encoding: document.source.encoding.name(),
        origin: if document.source.from_pdf {
            "pdf"
        } else {
            "text"
        },
        as_of: document.as_of.map(|a| AsOfJson {
            date: a.date.map(|d| d.to_string()),
            source: a.source,
        }),
        diagnostics: &document.diagnostics,
        items,
    }
}

#[derive(Serialize)]
struct ParsedDocument<'a> {
    path: &'a str,
    status: &'static str,
    layout: Option<&'static str>,
    encoding: &'static str,
    reviewer: Option<&'a Reviewer>,
    dates: Option<&'a LetterDates>,
    case_summary: Option<Span>,
    items: Vec<ParsedItem<'a>>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ParsedItem<'a> {
    index: usize,
    service: &'a str,
    decision: Option<&'static str>,
    decision_span: Option<Span>,
    citations: Vec<CitationJson<'a>>,
    not_based_on_mtus: Vec<NotMtus>,
    request: &'a RequestDetails,
    rationale: Option<Span>,
    span: Span,
}

#[derive(Serialize)]
struct CitationJson<'a> {
    by: &'static str,
    #[serde(flatten)]
    citation: &'a Citation,
}

#[derive(Serialize)]
struct NotMtus {
    by: &'static str,
    span: Span,
}

fn parsed_item(item: &Item) -> ParsedItem<'_> {
    let blocks = [
        ("claims-administrator", &item.administrator_citations),
        ("imro", &item.imro_citations),
    ];
    ParsedItem {
        index: item.index,
        service: &item.service.value,
        decision: item.decision.as_ref().map(|d| d.value.name()),
        decision_span: item.decision.as_ref().map(|d| d.span),
        citations: blocks
            .iter()
            .flat_map(|(by, block)| {
                block.iter().flat_map(move |b| {
                    b.citations
                        .iter()
                        .map(move |c| CitationJson { by, citation: c })
                })
            })
            .collect(),
        not_based_on_mtus: blocks
            .iter()
            .filter_map(|(by, block)| {
                block
                    .as_ref()
                    .and_then(|b| b.not_based_on_mtus)
                    .map(|span| NotMtus { by, span })
            })
            .collect(),
        request: &item.request,
        rationale: item.rationale,
        span: item.span,
    }
}

/// `parse --format json`.
pub fn write_parse(
    out: &mut dyn std::io::Write,
    documents: &[Document],
    totals: &Totals,
) -> std::io::Result<()> {
    let run = Run {
        documents: documents
            .iter()
            .map(|d| ParsedDocument {
                path: &d.source.name,
                status: status_name(d.status, "parsed"),
                layout: d.determination.as_ref().map(|x| x.layout.name()),
                encoding: d.source.encoding.name(),
                reviewer: d.determination.as_ref().map(|x| &x.reviewer),
                dates: d.determination.as_ref().map(|x| &x.dates),
                case_summary: d.determination.as_ref().and_then(|x| x.case_summary),
                items: d
                    .determination
                    .iter()
                    .flat_map(|x| x.items.iter().map(parsed_item))
                    .collect(),
                diagnostics: &d.diagnostics,
            })
            .collect(),
        summary: summary(totals),
        rules: None::<RulesInfo<'_>>,
    };
    serde_json::to_writer_pretty(&mut *out, &run)?;
    writeln!(out)
}
