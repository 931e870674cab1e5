//! The `context` command's reading of one target phrase in a text, for rule authors and for
//! measuring the lexicon on labelled sentences.

use super::{Assertion, ContextEngine, Cue, Experiencer, Status, Temporality};
use crate::span::Span;
use crate::text::{LogicalText, Spacing};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

/// A trigger or scope as reported: byte offsets into the input text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Place {
    pub offset: usize,
    pub length: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TriggerReport {
    pub phrase: String,
    pub category: &'static str,
    #[serde(flatten)]
    pub place: Place,
}

/// The assertion of a target, axis by axis.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ContextResult {
    pub target: Place,
    pub status: Status,
    pub undocumented: bool,
    pub temporality: Temporality,
    pub experiencer: Experiencer,
    pub guideline_statement: bool,
    /// The trigger that decided the assertion, if any.
    pub trigger: Option<TriggerReport>,
    /// The scope of that trigger.
    pub scope: Option<Place>,
    pub sentence: Place,
}

fn place(text: &str, span: Span) -> Place {
    Place {
        offset: span.offset,
        length: span.length,
        text: text.get(span.range()).unwrap_or_default().to_string(),
    }
}

/// Finds `target` in `text` (case-insensitively, preferring whole words) and reads its context.
pub fn assess(engine: &ContextEngine, text: &str, target: &str) -> Result<ContextResult, String> {
    let target = target
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if target.is_empty() {
        return Err("the target is empty".into());
    }
    // Glued words are split as in letters, unless that splits the target itself ("metastatic" is
    // not "meta static"): then the text is read as written.
    let split = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
    let logical = if split.as_str().to_ascii_lowercase().contains(&target) {
        split
    } else {
        LogicalText::from_region_unsplit(text, Span::new(0, text.len()), Spacing::Single)
    };
    let lower = logical.as_str().to_lowercase();
    if lower.len() != logical.as_str().len() {
        // Lowercasing changed byte lengths (rare non-ASCII): fall back to ASCII lowercasing, which keeps offsets.
        return assess_in(
            engine,
            text,
            &logical,
            &logical.as_str().to_ascii_lowercase(),
            &target,
        );
    }
    assess_in(engine, text, &logical, &lower, &target)
}

fn assess_in(
    engine: &ContextEngine,
    text: &str,
    logical: &LogicalText,
    lower: &str,
    target: &str,
) -> Result<ContextResult, String> {
    let occurrences: Vec<usize> = lower.match_indices(target).map(|(i, _)| i).collect();
    let start = occurrences
        .iter()
        .copied()
        .find(|&i| super::at_word_boundaries(lower.as_bytes(), &(i..i + target.len())))
        .or_else(|| occurrences.first().copied())
        .ok_or_else(|| format!("target \"{target}\" not found in the text"))?;
    let end = start + target.len();
    let sentences = logical.sentences();
    let sentence = sentences
        .iter()
        .find(|s| s.start <= start && start < s.end)
        .cloned()
        .unwrap_or(0..logical.as_str().len());
    let mut cues = Vec::new();
    engine.scan(&logical.as_str()[sentence.clone()], &mut cues);
    let assertion: Assertion = engine.assert(
        &cues,
        start - sentence.start..end.min(sentence.end) - sentence.start,
    );
    let to_original = |range: std::ops::Range<usize>| logical.original_span(range);
    let cue: Option<Cue> = assertion.deciding_cue();
    let trigger = cue.map(|c| {
        let (phrase, category) = engine.describe(&c);
        TriggerReport {
            phrase: phrase.to_string(),
            category: category.name(),
            place: place(
                text,
                to_original(sentence.start + c.start as usize..sentence.start + c.end as usize),
            ),
        }
    });
    let scope = cue.map(|c| {
        place(
            text,
            to_original(
                sentence.start + c.scope_start as usize..sentence.start + c.scope_end as usize,
            ),
        )
    });
    Ok(ContextResult {
        target: place(text, to_original(start..end)),
        status: assertion.status,
        undocumented: assertion.undocumented,
        temporality: assertion.temporality,
        experiencer: assertion.experiencer,
        guideline_statement: assertion.guideline_statement,
        trigger,
        scope,
        sentence: place(text, to_original(sentence)),
    })
}

/// A one-paragraph human description of a result.
pub fn describe(result: &Result<ContextResult, String>) -> String {
    match result {
        Err(e) => format!("error: {e}"),
        Ok(r) => {
            let status = match r.status {
                Status::Affirmed => "affirmed",
                Status::Negated if r.undocumented => "negated (undocumented)",
                Status::Negated => "negated",
                Status::Possible => "possible",
            };
            let mut lines = vec![
                format!(
                    "target:      \"{}\" at byte {}",
                    r.target.text, r.target.offset
                ),
                format!("status:      {status}"),
                format!(
                    "temporality: {}",
                    serde_json::to_value(r.temporality)
                        .unwrap()
                        .as_str()
                        .unwrap_or("")
                ),
                format!(
                    "experiencer: {}",
                    serde_json::to_value(r.experiencer)
                        .unwrap()
                        .as_str()
                        .unwrap_or("")
                ),
                format!(
                    "guideline:   {}",
                    if r.guideline_statement {
                        "yes (a statement of what a guideline says)"
                    } else {
                        "no"
                    }
                ),
            ];
            match (&r.trigger, &r.scope) {
                (Some(t), Some(s)) => {
                    lines.push(format!(
                        "trigger:     \"{}\" ({}) at byte {}",
                        t.place.text, t.category, t.place.offset
                    ));
                    lines.push(format!("scope:       \"{}\"", s.text));
                }
                _ => lines.push("trigger:     none".into()),
            }
            lines.push(format!("sentence:    \"{}\"", r.sentence.text));
            lines.join("\n")
        }
    }
}

#[derive(Deserialize)]
struct Input {
    text: String,
    target: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    status: Status,
    undocumented: bool,
    temporality: Temporality,
    experiencer: Experiencer,
    guideline_statement: bool,
    trigger: Option<&'a TriggerReport>,
    scope: Option<&'a Place>,
    target: &'a Place,
}

/// Reads JSON Lines `{"text": ..., "target": ...}` and writes one JSON line per input line, in order.
/// A line that cannot be read, or whose target is not found, gets an `{"error": ...}` line.
pub fn run_jsonl(
    engine: &ContextEngine,
    input: impl BufRead,
    out: &mut dyn Write,
    default_target: Option<&str>,
) -> std::io::Result<()> {
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let json = match serde_json::from_str::<Input>(&line) {
            Err(e) => serde_json::json!({"error": format!("line {}: {e}", n + 1), "line": n + 1}),
            Ok(input) => match input.target.as_deref().or(default_target) {
                None => {
                    serde_json::json!({"error": format!("line {}: no target", n + 1), "line": n + 1})
                }
                Some(target) => match assess(engine, &input.text, target) {
                    Ok(r) => serde_json::to_value(Output {
                        status: r.status,
                        undocumented: r.undocumented,
                        temporality: r.temporality,
                        experiencer: r.experiencer,
                        guideline_statement: r.guideline_statement,
                        trigger: r.trigger.as_ref(),
                        scope: r.scope.as_ref(),
                        target: &r.target,
                    })
                    .expect("serializable"),
                    Err(e) => serde_json::json!({"error": e, "line": n + 1, "target": target}),
                },
            },
        };
        writeln!(out, "{json}")?;
    }
    Ok(())
}
