//! The whole pipeline for one input: read, segment, extract, evaluate. Every input ends as a
//! [`Document`] that is either checked or rejected with its reasons; nothing is dropped.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::evaluate::{self, ItemEvaluation};
use crate::letter::Date;
use crate::letter::{self, Determination};
use crate::rules::{AsOf, RuleBase};
use crate::source::Source;
use crate::span::Span;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The letter was read and its items evaluated (or, for `parse`, read).
    Accepted,
    /// The input is not a usable letter; its diagnostics say why.
    Rejected,
}

/// One input and everything found about it.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    pub status: Status,
    pub determination: Option<Determination>,
    /// Problems with the letter as a whole (empty, not a letter, truncated, unknown decision word...).
    pub diagnostics: Vec<Diagnostic>,
    /// One evaluation per item, in item order; empty for `parse`.
    pub items: Vec<ItemEvaluation>,
    /// The date whose guideline editions were applied, and why (for checked letters).
    pub as_of: Option<AsOf>,
}

impl Document {
    /// An input that could not be read at all.
    pub fn unreadable(name: &str, error: &std::io::Error) -> Document {
        let source = Source::from_text(name, "");
        Document {
            source,
            status: Status::Rejected,
            determination: None,
            diagnostics: vec![Diagnostic::new(
                Code::InputUnreadable,
                format!("cannot read {name}: {error}"),
            )
            .with_label(Span::new(0, 0), "unreadable")],
            items: Vec::new(),
            as_of: None,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.status == Status::Rejected
    }
}

/// Reads and parses a letter without evaluating it.
pub fn parse(source: Source) -> Document {
    let parsed = letter::parse(&source);
    let status = if parsed.determination.is_some() {
        Status::Accepted
    } else {
        Status::Rejected
    };
    Document {
        source,
        status,
        determination: parsed.determination,
        diagnostics: parsed.diagnostics,
        items: Vec::new(),
        as_of: None,
    }
}

/// How a run checks its letters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Apply the guideline editions in force on this date, whatever the letters' own dates.
    pub as_of: Option<Date>,
}

/// Reads, parses and evaluates a letter with the default settings.
pub fn check(rules: &RuleBase, source: Source) -> Document {
    check_with(rules, source, &Settings::default())
}

/// Reads, parses and evaluates a letter.
pub fn check_with(rules: &RuleBase, source: Source, settings: &Settings) -> Document {
    let mut document = parse(source);
    if let Some(determination) = &document.determination {
        let as_of = evaluate::as_of(determination, settings.as_of);
        document.items = evaluate::evaluate(rules, &document.source.text, determination, &as_of);
        document.as_of = Some(as_of);
    }
    document
}

/// Reads a file (or standard input for `-`) and checks it.
pub fn check_path(rules: &RuleBase, path: &Path, settings: &Settings) -> Document {
    match read_input(path) {
        Ok(source) => check_with(rules, source, settings),
        Err(error) => Document::unreadable(&path.display().to_string(), &error),
    }
}

/// Reads a file, or standard input for `-`.
pub fn read_input(path: &Path) -> std::io::Result<Source> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)?;
        Ok(Source::from_bytes("<stdin>", bytes))
    } else {
        Source::read(path)
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub inputs: usize,
    pub checked: usize,
    pub rejected: usize,
    pub items: usize,
    pub verdicts: [usize; 4],
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
}

impl Totals {
    pub fn add(&mut self, document: &Document) {
        self.inputs += 1;
        match document.status {
            Status::Accepted => self.checked += 1,
            Status::Rejected => self.rejected += 1,
        }
        self.items += document.items.len();
        let all = document
            .diagnostics
            .iter()
            .chain(document.items.iter().flat_map(|i| &i.diagnostics));
        for d in all {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Advice => self.advice += 1,
            }
        }
        for item in &document.items {
            let k = crate::evaluate::Verdict::ALL
                .iter()
                .position(|v| *v == item.verdict)
                .unwrap_or(0);
            self.verdicts[k] += 1;
        }
    }

    pub fn inconsistent(&self) -> usize {
        self.verdicts[1]
    }
}
