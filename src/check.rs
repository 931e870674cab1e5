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
        Document::rejected(
            name,
            Diagnostic::new(
                Code::InputUnreadable,
                format!("cannot read {name}: {error}"),
            )
            .with_label(Span::new(0, 0), "unreadable"),
        )
    }

    /// An input rejected before its text could be parsed.
    pub fn rejected(name: &str, diagnostic: Diagnostic) -> Document {
        Document {
            source: Source::from_text(name, ""),
            status: Status::Rejected,
            determination: None,
            diagnostics: vec![diagnostic],
            items: Vec::new(),
            as_of: None,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.status == Status::Rejected
    }
}

/// Reads and parses a letter without evaluating it, with the default limits.
pub fn parse(source: Source) -> Document {
    parse_with(source, &Limits::default())
}

/// Reads and parses a letter without evaluating it.
pub fn parse_with(source: Source, limits: &Limits) -> Document {
    let mut parsed = letter::parse(&source);
    if let Some(determination) = &parsed.determination {
        if determination.items.len() > limits.max_items {
            let at = determination.items[limits.max_items].service.span;
            parsed.diagnostics.push(
                Diagnostic::new(
                    Code::TooManyItems,
                    format!(
                        "the letter has {} items, more than the limit of {}",
                        determination.items.len(),
                        limits.max_items
                    ),
                )
                .with_label(at, "the first item past the limit")
                .with_help("raise the limit with --max-items N if the letter is genuine"),
            );
            parsed.determination = None;
        }
    }
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

/// Bounds on what one input may hold, so hostile input cannot exhaust memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input, in bytes, read at all (a larger file is refused before it is read).
    pub max_bytes: u64,
    /// Most items one letter may hold.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_items: 200,
        }
    }
}

/// How a run checks its letters.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Apply the guideline editions in force on this date, whatever the letters' own dates.
    pub as_of: Option<Date>,
    pub limits: Limits,
}

/// Reads, parses and evaluates a letter with the default settings.
pub fn check(rules: &RuleBase, source: Source) -> Document {
    check_with(rules, source, &Settings::default())
}

/// Reads, parses and evaluates a letter. A defect that panics on this letter rejects it with
/// `imr::internal-error` and leaves the rest of a run alone.
pub fn check_with(rules: &RuleBase, source: Source, settings: &Settings) -> Document {
    let name = source.name.clone();
    let checked = crate::panic::caught(std::panic::AssertUnwindSafe(|| {
        check_unguarded(rules, source, settings)
    }));
    checked.unwrap_or_else(|message| {
        Document::rejected(
            &name,
            Diagnostic::new(
                Code::InternalError,
                format!("imr-audit failed on {name}: {message}"),
            )
            .with_help("this is a defect of imr-audit, not of the letter; the other inputs are still checked. Please report it with the letter"),
        )
    })
}

fn check_unguarded(rules: &RuleBase, source: Source, settings: &Settings) -> Document {
    let mut document = parse_with(source, &settings.limits);
    if let Some(determination) = &document.determination {
        let as_of = evaluate::as_of(determination, settings.as_of);
        // Findings are read as the layouts read headings: a scan's "8/lO" and "2Ol6" as the numbers
        // they are, and "medica lly" as the word it is; and, the layouts aside, "negafive" as the word
        // a reader misread. Each repair keeps the length, so spans still point into the letter.
        let text = crate::text::repaired_with(
            crate::text::repaired_with(
                crate::words::with_misread_digits_repaired(&document.source.text),
                crate::words::with_split_decision_words_joined,
            ),
            crate::words::with_misread_letters_repaired,
        );
        document.items = evaluate::evaluate(rules, &text, determination, &as_of);
        document.as_of = Some(as_of);
    }
    document
}

/// Reads a file (or standard input for `-`) and checks it.
pub fn check_path(rules: &RuleBase, path: &Path, settings: &Settings) -> Document {
    match read_input(path, &settings.limits) {
        Ok(source) => check_with(rules, source, settings),
        Err(document) => *document,
    }
}

/// Reads a file, or standard input for `-`, within the limits; a PDF's text layer is extracted. A
/// rejected input comes back as its document.
pub fn read_input(path: &Path, limits: &Limits) -> Result<Source, Box<Document>> {
    use std::io::Read;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let too_large = |size: String| {
        Box::new(Document::rejected(
            &name,
            Diagnostic::new(
                Code::InputTooLarge,
                format!(
                    "{name} is {size}, more than the limit of {} bytes",
                    limits.max_bytes
                ),
            )
            .with_label(Span::new(0, 0), "not read")
            .with_help("raise the limit with --max-bytes N if the file is a genuine letter"),
        ))
    };
    let unreadable = |e: std::io::Error| Box::new(Document::unreadable(&name, &e));
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(limits.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > limits.max_bytes {
            return Err(too_large("larger".to_string()));
        }
    } else {
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > limits.max_bytes {
            return Err(too_large(format!("{size} bytes")));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(limits.max_bytes + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
    }
    let mut source = if crate::pdf::is_pdf(&bytes) {
        let text = crate::pdf::extract_text(&bytes).map_err(|d| {
            let mut document = Document::rejected(&name, d);
            document.source.from_pdf = true;
            document.source.byte_len = bytes.len();
            Box::new(document)
        })?;
        let mut source = Source::from_text(name.clone(), text);
        source.from_pdf = true;
        source.byte_len = bytes.len();
        source
    } else {
        Source::from_bytes(name.clone(), bytes)
    };
    if path.as_os_str() != "-" {
        source.path = Some(path.to_path_buf());
    }
    Ok(source)
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
        // The letter's items, not its evaluations: `parse` reads items without evaluating them.
        self.items += document
            .determination
            .as_ref()
            .map_or(document.items.len(), |d| d.items.len());
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
