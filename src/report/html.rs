//! `imr-audit report`: one self-contained HTML file (no scripts, no network, no external assets) with
//! the run's totals, verdicts by service category, rule and diagnostic code as inline SVG charts, and a
//! drill-down per letter showing its text with the flagged spans highlighted.

use crate::batch::RunSummary;
use crate::check::{Document, Status};
use crate::diagnostic::{Diagnostic, Severity};
use crate::evaluate::Verdict;
use crate::rules::RuleBase;
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1d2330;background:#fff;max-width:1200px}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #eef;text-align:left;vertical-align:top}
th{background:#f4f6fa}.num{text-align:right;font-variant-numeric:tabular-nums}
.totals span{display:inline-block;margin-right:1.5rem;font-size:1.05rem}
.consistent{color:#1b7f3b}.inconsistent{color:#b3261e}.indeterminate{color:#8a6d00}.not-covered{color:#566}.rejected{color:#b3261e}
details{margin:.4rem 0;border:1px solid #e3e6ee;border-radius:6px;padding:.3rem .7rem}summary{cursor:pointer;font-weight:600}
pre.letter{white-space:pre-wrap;font-size:.85rem;background:#fafbfd;padding:.8rem;border-radius:4px;max-height:40rem;overflow:auto}
mark{border-radius:3px;padding:0 1px}mark.error{background:#f9c9c5}mark.warning{background:#fde9a8}mark.advice{background:#cfe3fb}
.diag{margin:.4rem 0 .6rem 0}.diag .code{font-family:ui-monospace,monospace;font-size:.85rem}.diag .help{white-space:pre-wrap;color:#445;font-size:.9rem}
";

/// A horizontal bar chart as inline SVG: one bar per label, segments per verdict.
fn bar_chart(title: &str, rows: &[(String, [usize; 4])]) -> String {
    let colors = ["#2e9d57", "#d2453b", "#d6a90f", "#9aa5b1"];
    let max: usize = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let row_height = 26;
    let label_width = 300;
    let bar_width = 520;
    let height = rows.len() * row_height + 30;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        escape(title),
        label_width + bar_width + 60,
        label_width + bar_width + 60
    );
    for (i, (label, counts)) in rows.iter().enumerate() {
        let y = i * row_height + 4;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{}</text>",
            label_width - 8,
            y + 15,
            escape(label)
        );
        let mut x = label_width as f64;
        for (k, &n) in counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let w = n as f64 / max as f64 * bar_width as f64;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{} {}</title></rect>",
                row_height - 8,
                colors[k],
                n,
                Verdict::ALL[k].name()
            );
            x += w;
        }
        let total: usize = counts.iter().sum();
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{total}</text>",
            x + 6.0,
            y + 15
        );
    }
    let legend_y = rows.len() * row_height + 20;
    for (k, verdict) in Verdict::ALL.iter().enumerate() {
        let x = label_width + k * 120;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{legend_y}\" font-size=\"12\">{}</text>",
            legend_y - 9,
            colors[k],
            x + 14,
            verdict.name()
        );
    }
    svg.push_str("</svg>");
    svg
}

fn verdict_index(v: Verdict) -> usize {
    Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0)
}

fn severity_class(s: Severity) -> &'static str {
    s.name()
}

/// The letter's text with every labelled span marked; overlapping spans keep the first.
fn highlighted(text: &str, diagnostics: &[&Diagnostic]) -> String {
    let mut spans: Vec<(usize, usize, Severity, String)> = diagnostics
        .iter()
        .flat_map(|d| {
            d.labels.iter().map(move |l| {
                (
                    l.span.offset,
                    l.span.end(),
                    d.severity,
                    format!("{}: {}", d.code.name(), l.label),
                )
            })
        })
        .filter(|(s, e, _, _)| {
            *e > *s && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .collect();
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, severity, title) in spans {
        if start < at {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        let _ = write!(
            out,
            "<mark class=\"{}\" title=\"{}\">{}</mark>",
            severity_class(severity),
            escape(&title),
            escape(&text[start..end])
        );
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

fn diagnostic_html(d: &Diagnostic) -> String {
    format!(
        "<div class=\"diag\"><span class=\"code {}\">{}</span> {}{}</div>",
        severity_class(d.severity),
        escape(d.code.name()),
        escape(&d.message),
        d.help.as_ref().map_or(String::new(), |h| format!(
            "<div class=\"help\">{}</div>",
            escape(h)
        ))
    )
}

/// Renders the report for checked documents.
pub fn render(rules: &RuleBase, documents: &[Document], run: &RunSummary) -> String {
    let t = &run.totals;
    let mut by_category: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut by_code: BTreeMap<&'static str, (Severity, usize)> = BTreeMap::new();
    for document in documents {
        for evaluation in &document.items {
            let k = verdict_index(evaluation.verdict);
            let category = evaluation
                .rules
                .first()
                .map_or("(no rule applies)".to_string(), |r| {
                    rules.rules[r.rule].category.clone()
                });
            by_category.entry(category).or_default()[k] += 1;
            for r in &evaluation.rules {
                by_rule.entry(rules.rules[r.rule].id.clone()).or_default()[k] += 1;
            }
        }
        for (_, d) in crate::batch::diagnostics_of(document) {
            by_code.entry(d.code.name()).or_insert((d.severity, 0)).1 += 1;
        }
    }
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html.push_str("<title>imr-audit report</title><style>");
    html.push_str(STYLE);
    html.push_str("</style></head><body>");
    html.push_str("<h1>IMR determination audit</h1>");
    let _ = write!(
        html,
        "<p class=\"totals\"><span>{} input(s)</span><span>{} checked</span><span class=\"rejected\">{} rejected</span><span>{} item(s)</span></p>",
        t.inputs, t.checked, t.rejected, t.items
    );
    html.push_str("<p class=\"totals\">");
    for (k, verdict) in Verdict::ALL.iter().enumerate() {
        let _ = write!(
            html,
            "<span class=\"{}\">{} {}</span>",
            verdict.name(),
            t.verdicts[k],
            verdict.name()
        );
    }
    let _ = write!(
        html,
        "<span>{} error(s), {} warning(s), {} advice</span></p>",
        t.errors, t.warnings, t.advice
    );

    html.push_str("<h2>Verdicts by service category</h2>");
    let rows: Vec<(String, [usize; 4])> = by_category.into_iter().collect();
    html.push_str(&bar_chart("verdicts by service category", &rows));
    html.push_str("<h2>Verdicts by rule</h2>");
    let rows: Vec<(String, [usize; 4])> = by_rule.into_iter().collect();
    html.push_str(&bar_chart("verdicts by rule", &rows));
    html.push_str("<h2>Diagnostics by code</h2><table><tr><th>code</th><th>severity</th><th class=\"num\">count</th></tr>");
    for (code, (severity, n)) in &by_code {
        let _ = write!(
            html,
            "<tr><td><code>{}</code></td><td class=\"{}\">{}</td><td class=\"num\">{n}</td></tr>",
            escape(code),
            severity.name(),
            severity.name()
        );
    }
    html.push_str("</table>");

    if !run.disparities.is_empty() {
        html.push_str("<h2>Outcome disparities</h2>");
        for disparity in &run.disparities {
            html.push_str(&diagnostic_html(&disparity.diagnostic()));
        }
    }

    html.push_str("<h2>Letters</h2>");
    for document in documents {
        let counts: Vec<String> = document
            .items
            .iter()
            .map(|i| i.verdict.name().to_string())
            .collect();
        let status = if document.status == Status::Rejected {
            "rejected".to_string()
        } else {
            counts.join(", ")
        };
        let worst = if document.status == Status::Rejected {
            "rejected"
        } else {
            document
                .items
                .iter()
                .map(|i| i.verdict)
                .min()
                .map_or("not-covered", Verdict::name)
        };
        let _ = write!(
            html,
            "<details><summary><span class=\"{worst}\">{}</span> \u{2014} {}</summary>",
            escape(&document.source.name),
            escape(&status)
        );
        if let Some(determination) = &document.determination {
            html.push_str("<table><tr><th>#</th><th>service</th><th>decision</th><th>verdict</th><th>rules</th></tr>");
            for (item, evaluation) in determination.items.iter().zip(&document.items) {
                let applied: Vec<&str> = evaluation
                    .rules
                    .iter()
                    .map(|r| rules.rules[r.rule].id.as_str())
                    .collect();
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
                    item.index,
                    escape(&item.service.value),
                    item.decision.as_ref().map_or("none", |d| d.value.name()),
                    evaluation.verdict.name(),
                    evaluation.verdict.name(),
                    escape(&applied.join(", "))
                );
            }
            html.push_str("</table>");
        }
        let diagnostics: Vec<&Diagnostic> = crate::batch::diagnostics_of(document)
            .map(|(_, d)| d)
            .collect();
        for d in &diagnostics {
            html.push_str(&diagnostic_html(d));
        }
        let _ = write!(
            html,
            "<pre class=\"letter\">{}</pre></details>",
            highlighted(&document.source.text, &diagnostics)
        );
    }
    html.push_str("<p><small>Generated by imr-audit ");
    html.push_str(env!("CARGO_PKG_VERSION"));
    html.push_str(".</small></p></body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
