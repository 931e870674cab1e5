//! Run outputs written as each document finishes, so memory stays bounded whatever the corpus size:
//! human, JSON, JSON Lines, CSV and SARIF 2.1.0. Documents are written in input order.

use crate::batch::{Disparity, RunSummary};
use crate::check::{Document, Status};
use crate::diagnostic::{Severity, CODES};
use crate::fingerprint;
use crate::report::human::{self, HumanOptions};
use crate::report::json;
use crate::rules::{RuleBase, Truth};
use serde_json::json;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Jsonl,
    Csv,
    Sarif,
}

/// A run's output being written.
pub struct StreamWriter<'a, W: Write> {
    out: W,
    format: Format,
    rules: &'a RuleBase,
    options: HumanOptions,
    /// Documents (JSON) or results (SARIF) written so far, for separators.
    written: usize,
}

fn truth_name(t: Truth) -> &'static str {
    match t {
        Truth::Met => "met",
        Truth::NotMet => "not-met",
        Truth::Unknown => "unknown",
    }
}

/// The run's closing summary as JSON: totals, suppressed diagnostics, disparities.
pub fn summary_json(run: &RunSummary) -> serde_json::Value {
    let mut value = json::summary_value(&run.totals);
    value["suppressed"] = json!(run.suppressed);
    value["disparities"] = disparities_json(&run.disparities);
    value
}

fn disparities_json(disparities: &[Disparity]) -> serde_json::Value {
    serde_json::Value::Array(
        disparities
            .iter()
            .map(|d| {
                json!({
                    "category": d.category,
                    "criteria": d.criteria.iter().map(|(id, t)| json!({"id": id, "truth": truth_name(*t)})).collect::<Vec<_>>(),
                    "items": d.items,
                    "diagnostic": d.diagnostic(),
                })
            })
            .collect(),
    )
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

fn artifact_uri(path: &str) -> String {
    path.replace('\\', "/").replace(' ', "%20")
}

/// One SARIF result per diagnostic of a document.
fn sarif_results(document: &Document) -> Vec<serde_json::Value> {
    crate::batch::diagnostics_of(document)
        .map(|(item, d)| {
            let mut locations = Vec::new();
            for label in d.labels.iter().take(1) {
                locations.push(json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(&document.source.name)},
                        "region": {"byteOffset": label.span.offset, "byteLength": label.span.length}
                    },
                    "message": {"text": label.label}
                }));
            }
            if locations.is_empty() {
                locations.push(json!({"physicalLocation": {"artifactLocation": {"uri": artifact_uri(&document.source.name)}}}));
            }
            let mut result = json!({
                "ruleId": d.code.name(),
                "level": sarif_level(d.severity),
                "message": {"text": match &d.help { Some(h) => format!("{}\n{h}", d.message), None => d.message.clone() }},
                "locations": locations,
                "partialFingerprints": {"imrAudit/v1": fingerprint::of(document, item, d)},
            });
            if let Some(index) = item {
                result["properties"] = json!({"item": index});
            }
            result
        })
        .collect()
}

/// CSV rows: one per item; a rejected input is one row with verdict `rejected` and its reason.
fn csv_rows(rules: &RuleBase, document: &Document) -> Vec<Vec<String>> {
    let path = document.source.name.clone();
    if document.status == Status::Rejected {
        let codes: Vec<&str> = document.diagnostics.iter().map(|d| d.code.name()).collect();
        let reason: Vec<&str> = document
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        return vec![vec![
            path,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "rejected".into(),
            codes.join(" "),
            reason.join("; "),
        ]];
    }
    let Some(determination) = &document.determination else {
        return Vec::new();
    };
    determination
        .items
        .iter()
        .zip(&document.items)
        .map(|(item, evaluation)| {
            let mut codes: Vec<&str> = evaluation
                .diagnostics
                .iter()
                .map(|d| d.code.name())
                .collect();
            codes.dedup();
            vec![
                path.clone(),
                item.index.to_string(),
                item.service.value.clone(),
                evaluation
                    .rules
                    .first()
                    .map_or(String::new(), |r| rules.rules[r.rule].category.clone()),
                item.decision
                    .as_ref()
                    .map_or(String::new(), |d| d.value.name().to_string()),
                evaluation.verdict.name().to_string(),
                codes.join(" "),
                String::new(),
            ]
        })
        .collect()
}

fn csv_line(record: &[String]) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(record).map_err(std::io::Error::other)?;
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

impl<'a, W: Write> StreamWriter<'a, W> {
    pub fn new(
        mut out: W,
        format: Format,
        rules: &'a RuleBase,
        options: HumanOptions,
    ) -> std::io::Result<Self> {
        match format {
            Format::Json => write!(out, "{{\"documents\": [")?,
            Format::Sarif => write!(
                out,
                "{{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", \"runs\": [{{\"results\": ["
            )?,
            Format::Csv => {
                let header: Vec<String> = ["path", "index", "service", "category", "decision", "verdict", "codes", "reason"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                out.write_all(&csv_line(&header)?)?;
            }
            Format::Human | Format::Jsonl => {}
        }
        Ok(StreamWriter {
            out,
            format,
            rules,
            options,
            written: 0,
        })
    }

    fn separator(&mut self) -> std::io::Result<()> {
        if self.written > 0 {
            write!(self.out, ",")?;
        }
        self.written += 1;
        writeln!(self.out)
    }

    pub fn document(&mut self, document: &Document) -> std::io::Result<()> {
        match self.format {
            Format::Human => {
                human::write_checked_document(&mut self.out, self.rules, document, self.options)
            }
            Format::Json => {
                self.separator()?;
                json::write_checked_document(&mut self.out, self.rules, document, true)
            }
            Format::Jsonl => {
                json::write_checked_document(&mut self.out, self.rules, document, false)?;
                writeln!(self.out)
            }
            Format::Csv => {
                for row in csv_rows(self.rules, document) {
                    let line = csv_line(&row)?;
                    self.out.write_all(&line)?;
                }
                Ok(())
            }
            Format::Sarif => {
                for result in sarif_results(document) {
                    self.separator()?;
                    serde_json::to_writer(&mut self.out, &result)?;
                }
                Ok(())
            }
        }
    }

    /// Writes the closing part (totals, disparities) and returns the writer.
    pub fn finish(mut self, run: &RunSummary) -> std::io::Result<W> {
        match self.format {
            Format::Human => {
                for disparity in &run.disparities {
                    let d = disparity.diagnostic();
                    writeln!(self.out, "advice[{}]: {}", d.code.name(), d.message)?;
                    for line in d.help.as_deref().unwrap_or_default().lines() {
                        writeln!(self.out, "  {line}")?;
                    }
                }
                human::write_totals(&mut self.out, &run.totals)?;
                if run.suppressed > 0 {
                    writeln!(
                        self.out,
                        "{} diagnostic(s) suppressed by the baseline",
                        run.suppressed
                    )?;
                }
            }
            Format::Json => {
                write!(self.out, "\n], \"summary\": ")?;
                serde_json::to_writer_pretty(&mut self.out, &summary_json(run))?;
                writeln!(self.out, "}}")?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &json!({"summary": summary_json(run)}))?;
                writeln!(self.out)?;
            }
            Format::Csv => {}
            Format::Sarif => {
                for disparity in &run.disparities {
                    self.separator()?;
                    let d = disparity.diagnostic();
                    let locations: Vec<serde_json::Value> = disparity
                        .items
                        .iter()
                        .map(|i| json!({"physicalLocation": {"artifactLocation": {"uri": artifact_uri(&i.path)}}, "message": {"text": format!("item {} ({})", i.index, i.decision)}}))
                        .collect();
                    serde_json::to_writer(
                        &mut self.out,
                        &json!({"ruleId": d.code.name(), "level": "note", "message": {"text": format!("{}\n{}", d.message, d.help.unwrap_or_default())}, "locations": locations}),
                    )?;
                }
                let rules: Vec<serde_json::Value> = CODES
                    .iter()
                    .map(|info| {
                        json!({
                            "id": info.name,
                            "shortDescription": {"text": info.summary},
                            "fullDescription": {"text": info.summary},
                            "help": {"text": info.page, "markdown": info.page},
                            "defaultConfiguration": {"level": sarif_level(info.severity)},
                        })
                    })
                    .collect();
                let tool = json!({"driver": {"name": "imr-audit", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://www.dir.ca.gov/dwc/IMR.htm", "rules": rules}});
                write!(self.out, "\n], \"tool\": ")?;
                serde_json::to_writer(&mut self.out, &tool)?;
                write!(
                    self.out,
                    ", \"invocations\": [{{\"executionSuccessful\": true}}], \"properties\": "
                )?;
                serde_json::to_writer(&mut self.out, &json!({"summary": summary_json(run)}))?;
                writeln!(self.out, "}}]}}")?;
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}
