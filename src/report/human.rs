//! Human output: miette's graphical report for every diagnostic, a table of items for `parse`, one
//! line per item with the reasons for `check`, and a closing summary.

use crate::check::{Document, Status, Totals};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::evaluate::{ItemEvaluation, Verdict};
use crate::letter::Item;
use crate::rules::{RuleBase, RulesError, Truth};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;
use std::io::Write;

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// A diagnostic with the text it points into, as miette wants it.
struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.name()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.source.inner().len();
        Some(Box::new(self.diagnostic.labels.iter().map(move |l| {
            let start = l.span.offset.min(len);
            let length = l.span.length.min(len - start);
            LabeledSpan::new_with_span(Some(l.label.clone()), (start, length))
        })))
    }
}

fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_context_lines(1)
}

/// Renders one diagnostic against the text it points into.
pub fn render_diagnostic(
    diagnostic: &Diagnostic,
    source: &NamedSource<String>,
    options: HumanOptions,
) -> String {
    let mut out = String::new();
    let rendered = Rendered { diagnostic, source };
    if handler(options).render_report(&mut out, &rendered).is_err() {
        out = format!("{}: {}\n", diagnostic.code.name(), diagnostic.message);
    }
    out
}

/// Renders every problem of a rule base.
pub fn write_rules_error(
    out: &mut dyn Write,
    error: &RulesError,
    options: HumanOptions,
) -> std::io::Result<()> {
    for (file, diagnostic) in &error.problems {
        let source = match file {
            Some(i) => NamedSource::new(error.files[*i].name.clone(), error.files[*i].text.clone()),
            None => NamedSource::new("rules", String::new()),
        };
        write!(out, "{}", render_diagnostic(diagnostic, &source, options))?;
    }
    let errors = error
        .problems
        .iter()
        .filter(|(_, d)| d.severity == crate::diagnostic::Severity::Error)
        .count();
    let warnings = error.problems.len() - errors;
    if errors > 0 {
        writeln!(
            out,
            "error: the rule base has {errors} error(s) and {warnings} warning(s)"
        )
    } else {
        writeln!(out, "warning: the rule base has {warnings} warning(s)")
    }
}

fn named(document: &Document) -> NamedSource<String> {
    NamedSource::new(
        document.source.name.clone(),
        printable(&document.source.text),
    )
}

/// The text with control characters (other than line breaks and tabs) replaced by `?`, byte for
/// byte so that spans still point at the same places: a binary input's snippet must not drive the
/// terminal.
fn printable(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t') {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Which guideline editions applied, and why.
fn editions_note(document: &Document) -> String {
    use crate::rules::AsOfSource;
    match document.as_of {
        Some(a) => match (a.date, a.source) {
            (Some(d), AsOfSource::Option) => format!("guideline editions as of {d} (--as-of)"),
            (Some(d), AsOfSource::LetterDate) => {
                format!("guideline editions as of {d} (the letter's date)")
            }
            (Some(d), _) => format!("guideline editions as of {d} (the latest dated record)"),
            (None, _) => "newest guideline editions (the letter states no date)".to_string(),
        },
        None => String::new(),
    }
}

fn encoding_note(document: &Document) -> String {
    // Inputs rejected before their text was read (missing, too large, unmatched patterns) have no
    // encoding or size to show; an empty file does.
    let never_read = document.status == Status::Rejected
        && document.source.text.is_empty()
        && document
            .diagnostics
            .iter()
            .all(|d| d.code != Code::InputEmpty);
    if document.source.from_pdf && never_read {
        return format!("a {}-byte PDF", document.source.byte_len);
    }
    if never_read {
        return "not read".to_string();
    }
    if document.source.from_pdf {
        return format!(
            "text extracted from a {}-byte PDF; places refer to the extracted text",
            document.source.byte_len
        );
    }
    format!(
        "{}, {} bytes",
        document.source.encoding.name(),
        document.source.byte_len
    )
}

/// `parse` in human form: a table of items per document.
pub fn write_parse(
    out: &mut dyn Write,
    documents: &[Document],
    totals: &Totals,
    options: HumanOptions,
) -> std::io::Result<()> {
    for document in documents {
        let source = named(document);
        match &document.determination {
            Some(d) => {
                writeln!(
                    out,
                    "{}: {} layout ({}), {} item(s)",
                    document.source.name,
                    d.layout.name(),
                    encoding_note(document),
                    d.items.len()
                )?;
                if let Some(s) = &d.reviewer.specialty {
                    writeln!(
                        out,
                        "  reviewer: {}{}",
                        s.value,
                        d.reviewer
                            .licensure
                            .as_ref()
                            .map_or(String::new(), |l| format!(", licensed in {}", l.value))
                    )?;
                }
                if let Some(injury) = &d.dates.injury {
                    writeln!(out, "  date of injury: {}", injury.value)?;
                }
                if let Some(reference) = d.dates.reference() {
                    writeln!(out, "  latest date stated: {}", reference.value)?;
                }
                writeln!(
                    out,
                    "    #  decision    {:<48} request / citations",
                    "service"
                )?;
                for item in &d.items {
                    writeln!(
                        out,
                        "  {:>3}  {:<11} {:<48} {}",
                        item.index,
                        item.decision.as_ref().map_or("?", |x| x.value.name()),
                        truncate(&item.service.value, 48),
                        request_summary(item)
                    )?;
                    for block in [&item.administrator_citations, &item.imro_citations]
                        .into_iter()
                        .flatten()
                    {
                        for c in &block.citations {
                            let pages: Vec<String> =
                                c.pages.iter().map(ToString::to_string).collect();
                            let chapter = c.chapter.map_or(String::new(), |n| format!(" ch.{n}"));
                            let topic = c
                                .topic
                                .as_deref()
                                .map_or(String::new(), |t| format!(" \"{t}\""));
                            let pages = if pages.is_empty() {
                                String::new()
                            } else {
                                format!(" pp.{}", pages.join(","))
                            };
                            writeln!(out, "{:67}{}{chapter}{topic}{pages}", "", c.source.name())?;
                        }
                    }
                }
            }
            None => writeln!(
                out,
                "{}: rejected ({})",
                document.source.name,
                encoding_note(document)
            )?,
        }
        for diagnostic in &document.diagnostics {
            write!(out, "{}", render_diagnostic(diagnostic, &source, options))?;
        }
    }
    writeln!(
        out,
        "{} input(s): {} parsed, {} rejected, {} item(s)",
        totals.inputs, totals.checked, totals.rejected, totals.items
    )
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('\u{2026}');
        t
    }
}

fn request_summary(item: &Item) -> String {
    let r = &item.request;
    let mut parts = Vec::new();
    if let Some(m) = &r.medication {
        parts.push(format!("medication {}", m.value));
    }
    if let Some(s) = &r.strength {
        parts.push(s.value.clone());
    }
    if let Some(q) = &r.quantity {
        parts.push(format!("#{}", q.value));
    }
    if let Some(q) = &r.refills {
        parts.push(format!("{} refill(s)", q.value));
    }
    if let Some(v) = &r.visits {
        parts.push(format!("{} visit(s)", v.value));
    }
    if !r.motion_segments.is_empty() {
        parts.push(format!("segments {}", r.motion_segments.join(", ")));
    }
    if !r.medial_branches.is_empty() {
        parts.push(format!("branches {}", r.medial_branches.join(", ")));
    }
    if let Some(j) = r.joint_levels {
        parts.push(format!("{j} joint level(s)"));
    }
    if let Some(l) = &r.laterality {
        parts.push(format!("{:?}", l.value).to_lowercase());
    }
    for c in &r.companions {
        parts.push(format!("with {}", c.value));
    }
    parts.join("; ")
}

/// One line per rule: its outcome and the criteria that decided it.
pub fn reasons(rules: &RuleBase, evaluation: &ItemEvaluation) -> Vec<String> {
    evaluation
        .rules
        .iter()
        .map(|r| {
            let rule = &rules.rules[r.rule];
            let outcome = match r.outcome {
                Truth::Met => "supported",
                Truth::NotMet => "not supported",
                Truth::Unknown => "undetermined",
            };
            let deciding: Vec<String> = r
                .deciding
                .iter()
                .map(|&c| format!("{} {}", rules.criteria[c].id, evaluation.criteria[c].name()))
                .collect();
            let edition = rule
                .edition
                .as_ref()
                .map_or(String::new(), |e| format!(", {}", e.name));
            format!(
                "{} ({}{edition}): {outcome} [{}]",
                rule.id,
                rule.category,
                deciding.join("; ")
            )
        })
        .collect()
}

pub fn write_checked_document(
    out: &mut dyn Write,
    rules: &RuleBase,
    document: &Document,
    options: HumanOptions,
) -> std::io::Result<()> {
    let source = named(document);
    match (&document.determination, document.status) {
        (Some(d), Status::Accepted) => {
            writeln!(
                out,
                "{}: {} layout ({}); {}",
                document.source.name,
                d.layout.name(),
                encoding_note(document),
                editions_note(document)
            )?;
            for (item, evaluation) in d.items.iter().zip(&document.items) {
                writeln!(
                    out,
                    "  item {}: {} \u{2014} {} \u{2014} {}",
                    item.index,
                    item.service.value,
                    item.decision
                        .as_ref()
                        .map_or("no decision", |x| x.value.name()),
                    evaluation.verdict.name()
                )?;
                if let Some(c) = &evaluation.extraction.conclusion {
                    writeln!(
                        out,
                        "    conclusion: \"{}\" ({})",
                        c.phrase,
                        if c.necessary {
                            "medically necessary"
                        } else {
                            "not medically necessary"
                        }
                    )?;
                }
                for reason in reasons(rules, evaluation) {
                    writeln!(out, "    rule {reason}")?;
                }
                if evaluation.verdict == Verdict::NotCovered {
                    writeln!(out, "    no rule in the rule base covers this service")?;
                }
            }
        }
        _ => writeln!(
            out,
            "{}: rejected ({})",
            document.source.name,
            encoding_note(document)
        )?,
    }
    for diagnostic in document
        .diagnostics
        .iter()
        .chain(document.items.iter().flat_map(|i| &i.diagnostics))
    {
        write!(out, "{}", render_diagnostic(diagnostic, &source, options))?;
    }
    Ok(())
}

pub fn write_totals(out: &mut dyn Write, totals: &Totals) -> std::io::Result<()> {
    let verdicts: Vec<String> = Verdict::ALL
        .iter()
        .zip(totals.verdicts)
        .map(|(v, n)| format!("{n} {}", v.name()))
        .collect();
    writeln!(
        out,
        "{} input(s): {} checked, {} rejected; {} item(s): {}; {} error(s), {} warning(s), {} advice",
        totals.inputs,
        totals.checked,
        totals.rejected,
        totals.items,
        verdicts.join(", "),
        totals.errors,
        totals.warnings,
        totals.advice
    )
}
