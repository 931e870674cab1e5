//! Corpus runs: many inputs checked in parallel, reported in input order through a bounded window, with
//! every input accounted for; baselines that suppress reviewed findings; and the cross-letter
//! outcome-disparity analysis.

use crate::check::{self, Document, Settings, Status, Totals};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::evaluate::{ItemEvaluation, Verdict};
use crate::fingerprint;
use crate::rules::{RuleBase, Truth};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One input of a run: a path to check, or an input that cannot be used (its name and the reason).
pub type Input = Result<PathBuf, (String, String)>;

/// The extensions a directory walk picks up.
const LETTER_EXTENSIONS: &[&str] = &["txt", "text", "pdf"];

/// Expands the command line's inputs: files as given, directories into the letters below them
/// (sorted), glob patterns into their matches (sorted), `-` for standard input. Each entry is either a
/// path to check or an input that cannot be used, with the reason.
pub fn expand_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        let text = path.to_string_lossy();
        if text == "-" || path.is_file() {
            out.push(Ok(path.clone()));
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            out.extend(found.into_iter().map(Ok));
        } else if text.contains(['*', '?', '[']) {
            match glob::glob(&text) {
                Ok(matches) => {
                    let mut found: Vec<PathBuf> =
                        matches.flatten().filter(|p| p.is_file()).collect();
                    found.sort();
                    if found.is_empty() {
                        out.push(Err((
                            text.to_string(),
                            "no file matches this pattern".to_string(),
                        )));
                    }
                    out.extend(found.into_iter().map(Ok));
                }
                Err(e) => out.push(Err((text.to_string(), format!("not a valid pattern: {e}")))),
            }
        } else {
            // Missing files are reported when they are read, with the system's reason.
            out.push(Ok(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| LETTER_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            out.push(path);
        }
    }
}

/// Reads `--files-from`: one path per line; blank lines and lines starting with `#` are skipped.
pub fn read_list(list: &Path) -> std::io::Result<Vec<PathBuf>> {
    let text = if list.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(list)?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

/// A document for an input that could not be used at all.
pub fn rejected_input(name: &str, reason: &str) -> Document {
    Document::unreadable(name, &std::io::Error::other(reason.to_string()))
}

/// Accepted findings from a previous run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub fingerprints: Vec<BaselineEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub path: String,
    pub item: Option<usize>,
    pub code: String,
    pub message: String,
}

impl Baseline {
    pub fn from_documents<'a>(documents: impl IntoIterator<Item = &'a Document>) -> Baseline {
        let mut fingerprints = Vec::new();
        for document in documents {
            for (item, diagnostic) in diagnostics_of(document) {
                fingerprints.push(BaselineEntry {
                    fingerprint: fingerprint::of(document, item, diagnostic),
                    path: document.source.name.clone(),
                    item,
                    code: diagnostic.code.name().to_string(),
                    message: diagnostic.message.clone(),
                });
            }
        }
        fingerprints.sort();
        fingerprints.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline {
            version: 1,
            fingerprints,
        }
    }

    pub fn set(&self) -> BTreeSet<&str> {
        self.fingerprints
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }
}

/// Every diagnostic of a document with the item it belongs to.
pub fn diagnostics_of(document: &Document) -> impl Iterator<Item = (Option<usize>, &Diagnostic)> {
    document.diagnostics.iter().map(|d| (None, d)).chain(
        document
            .items
            .iter()
            .flat_map(|i| i.diagnostics.iter().map(move |d| (Some(i.index), d))),
    )
}

/// Removes the diagnostics a baseline accepts and recomputes the verdicts; returns how many it removed.
pub fn apply_baseline(document: &mut Document, accepted: &BTreeSet<&str>) -> usize {
    let mut removed = 0;
    let fingerprints: Vec<(Option<usize>, String)> = diagnostics_of(document)
        .map(|(item, d)| (item, fingerprint::of(document, item, d)))
        .collect();
    let mut k = 0;
    let doc_count = document.diagnostics.len();
    document.diagnostics.retain(|_| {
        let keep = !accepted.contains(fingerprints[k].1.as_str());
        k += 1;
        removed += usize::from(!keep);
        keep
    });
    k = doc_count;
    for item in &mut document.items {
        item.diagnostics.retain(|_| {
            let keep = !accepted.contains(fingerprints[k].1.as_str());
            k += 1;
            removed += usize::from(!keep);
            keep
        });
        if item.verdict == Verdict::Inconsistent
            && !item
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
        {
            item.verdict = verdict_without_errors(item);
        }
    }
    removed
}

fn verdict_without_errors(item: &ItemEvaluation) -> Verdict {
    match item.outcome {
        None => Verdict::NotCovered,
        Some(Truth::Unknown) => Verdict::Indeterminate,
        Some(_) => Verdict::Consistent,
    }
}

/// Items of one service category whose criteria came out the same but whose decisions differ.
#[derive(Debug, Clone, Serialize)]
pub struct Disparity {
    pub category: String,
    /// The criteria and how they came out, shared by every item of the group.
    pub criteria: Vec<(String, Truth)>,
    pub items: Vec<DisparityItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DisparityItem {
    pub path: String,
    pub index: usize,
    pub service: String,
    pub decision: &'static str,
}

impl Disparity {
    /// The advice diagnostic that reports it.
    pub fn diagnostic(&self) -> Diagnostic {
        let decided = |d: &str| self.items.iter().filter(|i| i.decision == d).count();
        let letters: Vec<String> = self
            .items
            .iter()
            .map(|i| format!("{} item {} ({})", i.path, i.index, i.decision))
            .collect();
        let criteria: Vec<String> = self
            .criteria
            .iter()
            .map(|(id, t)| format!("{id} {}", t.name()))
            .collect();
        Diagnostic::new(
            Code::OutcomeDisparity,
            format!(
                "{} {} item(s) with the same findings were decided differently: {} upheld, {} overturned",
                self.items.len(),
                self.category,
                decided("upheld"),
                decided("overturned")
            ),
        )
        .with_help(format!("criteria: {}\nletters: {}", criteria.join("; "), letters.join("; ")))
    }
}

/// A service category and how each of its criteria came out.
type DisparityKey = (String, Vec<(String, Truth)>);

/// Collects, across a run, what the disparity analysis needs: a few words per item.
#[derive(Debug, Default)]
pub struct DisparityTracker {
    groups: BTreeMap<DisparityKey, Vec<DisparityItem>>,
}

impl DisparityTracker {
    pub fn add(&mut self, rules: &RuleBase, document: &Document) {
        let Some(determination) = &document.determination else {
            return;
        };
        for (item, evaluation) in determination.items.iter().zip(&document.items) {
            let (Some(decision), Some(first)) = (&item.decision, evaluation.rules.first()) else {
                continue;
            };
            let criteria: Vec<(String, Truth)> = evaluation
                .relevant
                .iter()
                .map(|&c| (rules.criteria[c].id.clone(), evaluation.criteria[c]))
                .collect();
            // Letters that state nothing the rules need are not "the same findings".
            if criteria.iter().all(|(_, t)| *t == Truth::Unknown) {
                continue;
            }
            let category = rules.rules[first.rule].category.clone();
            self.groups
                .entry((category, criteria))
                .or_default()
                .push(DisparityItem {
                    path: document.source.name.clone(),
                    index: item.index,
                    service: item.service.value.clone(),
                    decision: decision.value.name(),
                });
        }
    }

    pub fn finish(self) -> Vec<Disparity> {
        self.groups
            .into_iter()
            .filter(|(_, items)| {
                let first = items[0].decision;
                items.iter().any(|i| i.decision != first)
            })
            .map(|((category, criteria), items)| Disparity {
                category,
                criteria,
                items,
            })
            .collect()
    }
}

/// What a run adds up to.
#[derive(Debug, Default)]
pub struct RunSummary {
    pub totals: Totals,
    pub disparities: Vec<Disparity>,
    /// Diagnostics a baseline suppressed.
    pub suppressed: usize,
}

/// How a run goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    pub settings: Settings,
    /// Stop at the first rejected input; the inputs not reached are reported as not checked.
    pub fail_fast: bool,
    /// How many inputs are in flight at once: bounds memory whatever the corpus size.
    pub window: usize,
}

impl RunOptions {
    /// Options for a run on the current thread pool: 64 letters in flight per thread.
    pub fn new(settings: Settings, fail_fast: bool) -> RunOptions {
        RunOptions {
            settings,
            fail_fast,
            window: 64 * rayon::current_num_threads(),
        }
    }
}

/// Peak resident memory of this process in KiB (Linux; 0 elsewhere), for benchmarks and probes.
pub fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Checks every input and hands each document, in input order, to `sink`. `progress` is told after
/// each document.
pub fn run(
    rules: &RuleBase,
    inputs: &[Input],
    options: &RunOptions,
    baseline: Option<&BTreeSet<&str>>,
    mut sink: impl FnMut(&Document) -> std::io::Result<()>,
    mut progress: impl FnMut(),
) -> std::io::Result<RunSummary> {
    let mut summary = RunSummary::default();
    let mut disparities = DisparityTracker::default();
    let window = options.window.max(1);
    let mut stopped = false;
    for chunk in inputs.chunks(window) {
        let documents: Vec<Document> = if stopped {
            chunk
                .iter()
                .map(|input| {
                    let name = match input {
                        Ok(p) => p.display().to_string(),
                        Err((n, _)) => n.clone(),
                    };
                    rejected_input(
                        &name,
                        "not checked: the run stopped at the first rejected input (--fail-fast)",
                    )
                })
                .collect()
        } else {
            chunk
                .par_iter()
                .map(|input| match input {
                    Ok(path) => check::check_path(rules, path, &options.settings),
                    Err((name, reason)) => rejected_input(name, reason),
                })
                .collect()
        };
        for mut document in documents {
            if let Some(accepted) = baseline {
                summary.suppressed += apply_baseline(&mut document, accepted);
            }
            if options.fail_fast && document.status == Status::Rejected && !stopped {
                stopped = true;
            } else if stopped && document.status == Status::Accepted {
                document = rejected_input(
                    &document.source.name,
                    "not checked: the run stopped at the first rejected input (--fail-fast)",
                );
            }
            summary.totals.add(&document);
            disparities.add(rules, &document);
            sink(&document)?;
            progress();
        }
    }
    summary.disparities = disparities.finish();
    if let Some(accepted) = baseline {
        let before = summary.disparities.len();
        summary
            .disparities
            .retain(|d| !accepted.contains(fingerprint::of_disparity(d).as_str()));
        summary.suppressed += before - summary.disparities.len();
    }
    // A disparity is advice like any other: the totals count it.
    summary.totals.advice += summary.disparities.len();
    Ok(summary)
}
