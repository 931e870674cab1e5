//! `explain`: an item's evaluation tree, each criterion met, not met or unknown, with the text that
//! decided it, as OPA's `eval --explain` shows a policy's trace.

use crate::check::Document;
use crate::evaluate::{Facts, ItemEvaluation};
use crate::extract::Counts;
use crate::report::human::{reasons, render_diagnostic, HumanOptions};
use crate::rules::{Expr, ItemFacts, RuleBase, Truth};
use miette::NamedSource;
use serde_json::json;
use std::io::Write;

fn mark(t: Truth) -> &'static str {
    match t {
        Truth::Met => "[met]    ",
        Truth::NotMet => "[not met]",
        Truth::Unknown => "[unknown]",
    }
}

fn snippet(text: &str, span: crate::span::Span) -> String {
    let raw = text.get(span.range()).unwrap_or_default();
    let folded: Vec<&str> = raw.split_whitespace().collect();
    let s = folded.join(" ");
    if s.chars().count() > 140 {
        format!("{}\u{2026}", s.chars().take(139).collect::<String>())
    } else {
        s
    }
}

/// What one item's tree is drawn from.
struct Tree<'a> {
    rules: &'a RuleBase,
    document: &'a Document,
    evaluation: &'a ItemEvaluation,
    /// The item's measures and citations, read once for the whole tree.
    facts: Facts<'a>,
}

fn write_criterion(
    out: &mut dyn Write,
    tree: &Tree<'_>,
    c: usize,
    depth: usize,
) -> std::io::Result<()> {
    let Tree {
        rules,
        document,
        evaluation,
        facts,
    } = tree;
    let text = document.source.text.as_str();
    let criterion = &rules.criteria[c];
    let pad = "  ".repeat(depth);
    writeln!(
        out,
        "{pad}{} {}: {}",
        mark(evaluation.criteria[c]),
        criterion.id,
        criterion.description
    )?;
    writeln!(out, "{pad}          when: {}", criterion.condition_text)?;
    let cites: Vec<String> = criterion.cites.iter().map(|x| rules.cite_text(x)).collect();
    writeln!(out, "{pad}          cites: {}", cites.join("; "))?;
    let mut children = Vec::new();
    criterion.condition.visit(&mut |e| children.push(e.clone()));
    for e in children {
        match e {
            Expr::Criterion(k) => write_criterion(out, tree, k, depth + 1)?,
            Expr::Finding(f) => {
                let value = &evaluation.extraction.values[f];
                let finding = &rules.findings[f];
                let region = value
                    .region
                    .map_or(String::new(), |r| format!(" (from the {})", r.name()));
                writeln!(
                    out,
                    "{pad}  {} finding {}{}",
                    mark(value.truth),
                    finding.id,
                    region
                )?;
                for &m in value.evidence.iter().take(3) {
                    let mention = &evaluation.extraction.mentions[m];
                    let how = match mention.counts {
                        Counts::Present => "states it".to_string(),
                        Counts::Absent => match &mention.trigger {
                            Some(t) => format!("absent ({} \"{}\")", t.category, t.phrase),
                            None => "states it absent".into(),
                        },
                        Counts::Ignored(_) => "ignored".into(),
                    };
                    writeln!(
                        out,
                        "{pad}      {how}: \"{}\"",
                        snippet(text, mention.sentence)
                    )?;
                }
                // Statements that said the opposite of the deciding ones and lost (a later region,
                // or an absence beside a presence): an auditor needs to see them too.
                let opposite = match value.truth {
                    crate::rules::Truth::Met => Some(Counts::Absent),
                    crate::rules::Truth::NotMet => Some(Counts::Present),
                    crate::rules::Truth::Unknown => None,
                };
                let outweighed: Vec<_> = evaluation
                    .extraction
                    .mentions
                    .iter()
                    .filter(|m| m.finding == f && Some(m.counts) == opposite)
                    .take(2)
                    .collect();
                for m in outweighed {
                    let said = if m.counts == Counts::Present {
                        "present"
                    } else {
                        "absent"
                    };
                    writeln!(
                        out,
                        "{pad}      outweighed ({said}, in the {}): \"{}\"",
                        m.region.name(),
                        snippet(text, m.sentence)
                    )?;
                }
                let ignored: Vec<_> = evaluation
                    .extraction
                    .mentions
                    .iter()
                    .filter(|m| m.finding == f && matches!(m.counts, Counts::Ignored(_)))
                    .take(2)
                    .collect();
                for m in ignored {
                    if let Counts::Ignored(reason) = m.counts {
                        let why = serde_json::to_value(reason)
                            .ok()
                            .and_then(|v| v.as_str().map(String::from))
                            .unwrap_or_default();
                        let trigger = m
                            .trigger
                            .as_ref()
                            .map_or(String::new(), |t| format!(" by \"{}\"", t.phrase));
                        writeln!(
                            out,
                            "{pad}      not counted ({why}{trigger}): \"{}\"",
                            snippet(text, m.sentence)
                        )?;
                    }
                }
            }
            Expr::Compare(m, op, v) => {
                let value = facts.measure(m);
                writeln!(
                    out,
                    "{pad}  {} {} {} {} (the letter gives {})",
                    mark(value.map_or(Truth::Unknown, |x| Truth::from_bool(op.apply(x, v)))),
                    m.name(),
                    op.symbol(),
                    v,
                    value.map_or("nothing".to_string(), |x| format!("{:.0}", x))
                )?;
            }
            Expr::Cites(section) => {
                writeln!(
                    out,
                    "{pad}  {} the reviewer cites {}",
                    mark(facts.cites(section)),
                    rules.sections[section].title
                )?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes the tree of one item, or of every item; false when `only` names no item.
pub fn write_human(
    out: &mut dyn Write,
    rules: &RuleBase,
    document: &Document,
    only: Option<usize>,
    options: HumanOptions,
) -> std::io::Result<bool> {
    let Some(determination) = &document.determination else {
        let source = NamedSource::new(document.source.name.clone(), document.source.text.clone());
        writeln!(out, "{}: rejected", document.source.name)?;
        for d in &document.diagnostics {
            write!(out, "{}", render_diagnostic(d, &source, options))?;
        }
        return Ok(true);
    };
    let text = &document.source.text;
    let mut any = false;
    for (item, evaluation) in determination.items.iter().zip(&document.items) {
        if only.is_some_and(|n| n != item.index) {
            continue;
        }
        any = true;
        writeln!(out, "item {}: {}", item.index, item.service.value)?;
        writeln!(
            out,
            "  decision: {}",
            item.decision
                .as_ref()
                .map_or("none stated", |d| d.value.name())
        )?;
        match &evaluation.extraction.conclusion {
            Some(c) => writeln!(
                out,
                "  conclusion: {} (\"{}\")",
                if c.necessary {
                    "medically necessary"
                } else {
                    "not medically necessary"
                },
                snippet(text, c.sentence)
            )?,
            None => writeln!(out, "  conclusion: none found in the rationale")?,
        }
        writeln!(out, "  verdict: {}", evaluation.verdict.name())?;
        if evaluation.rules.is_empty() {
            writeln!(out, "  no rule applies to this service")?;
        }
        let tree = Tree {
            rules,
            document,
            evaluation,
            facts: Facts::new(
                rules,
                document.determination.as_ref().expect("checked"),
                item,
                evaluation.attended,
            ),
        };
        for (result, reason) in evaluation.rules.iter().zip(reasons(rules, evaluation)) {
            let rule = &rules.rules[result.rule];
            writeln!(out, "  rule {reason}")?;
            writeln!(out, "    {}", rule.title)?;
            for (label, list) in [
                ("requires", &rule.require),
                ("ruled out if", &rule.exclude_if),
            ] {
                for &c in list.iter() {
                    writeln!(out, "    {label}:")?;
                    write_criterion(out, &tree, c, 3)?;
                }
            }
        }
    }
    Ok(any)
}

/// The same tree as JSON.
pub fn write_json(
    out: &mut dyn Write,
    rules: &RuleBase,
    document: &Document,
    only: Option<usize>,
) -> std::io::Result<bool> {
    let full = crate::report::json::checked_document(rules, document);
    let mut items: Vec<serde_json::Value> = full["items"].as_array().cloned().unwrap_or_default();
    if let Some(n) = only {
        items.retain(|i| i["index"].as_u64() == Some(n as u64));
        if items.is_empty() {
            return Ok(false);
        }
    }
    for item in &mut items {
        let index = item["index"].as_u64().unwrap_or(0) as usize;
        if let Some(evaluation) = document.items.iter().find(|e| e.index == index) {
            let tree: Vec<serde_json::Value> = evaluation
                .relevant
                .iter()
                .map(|&c| {
                    let criterion = &rules.criteria[c];
                    json!({
                        "id": criterion.id,
                        "truth": match evaluation.criteria[c] { Truth::Met => "met", Truth::NotMet => "not-met", Truth::Unknown => "unknown" },
                        "condition": criterion.condition_text,
                        "description": criterion.description,
                        "cites": criterion.cites.iter().map(|x| rules.cite_text(x)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            item["criteria"] = serde_json::Value::Array(tree);
        }
    }
    let value = json!({"path": full["path"], "status": full["status"], "items": items});
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)?;
    Ok(true)
}
