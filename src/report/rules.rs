//! Reports about the rule base itself: its dependency graph, one definition with its neighbours, and
//! the list of rules with their service categories and citations.

use crate::rules::{Cite, Node, RuleBase};
use petgraph::graph::NodeIndex;
use petgraph::Direction;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write;

fn node_id(rules: &RuleBase, node: Node) -> (&str, &'static str) {
    match node {
        Node::Finding(i) => (&rules.findings[i].id, "finding"),
        Node::Criterion(i) => (&rules.criteria[i].id, "criterion"),
        Node::Rule(i) => (&rules.rules[i].id, "rule"),
    }
}

/// The nodes to draw: everything, or one rule and everything it depends on.
fn selection(rules: &RuleBase, rule: Option<usize>) -> BTreeSet<NodeIndex> {
    match rule {
        None => rules.graph.node_indices().collect(),
        Some(r) => {
            let mut seen = BTreeSet::new();
            let mut stack = vec![rules.rule_nodes[r]];
            while let Some(n) = stack.pop() {
                if seen.insert(n) {
                    stack.extend(rules.graph.neighbors_directed(n, Direction::Incoming));
                }
            }
            seen
        }
    }
}

/// The dependency graph in Graphviz dot; edges run from what is depended on to what depends on it.
pub fn write_dot(
    out: &mut dyn Write,
    rules: &RuleBase,
    rule: Option<usize>,
) -> std::io::Result<()> {
    let nodes = selection(rules, rule);
    writeln!(out, "digraph rules {{")?;
    writeln!(out, "  rankdir=LR;")?;
    for &n in &nodes {
        let (id, kind) = node_id(rules, rules.graph[n]);
        let shape = match kind {
            "finding" => "ellipse",
            "criterion" => "box",
            _ => "doubleoctagon",
        };
        writeln!(out, "  \"{id}\" [shape={shape}, tooltip=\"{kind}\"];")?;
    }
    for edge in rules.graph.edge_indices() {
        let (a, b) = rules
            .graph
            .edge_endpoints(edge)
            .expect("edges have endpoints");
        if nodes.contains(&a) && nodes.contains(&b) {
            writeln!(
                out,
                "  \"{}\" -> \"{}\";",
                node_id(rules, rules.graph[a]).0,
                node_id(rules, rules.graph[b]).0
            )?;
        }
    }
    writeln!(out, "}}")
}

/// The dependency graph as a Mermaid flowchart.
pub fn write_mermaid(
    out: &mut dyn Write,
    rules: &RuleBase,
    rule: Option<usize>,
) -> std::io::Result<()> {
    let nodes = selection(rules, rule);
    let key = |n: NodeIndex| format!("n{}", n.index());
    writeln!(out, "flowchart LR")?;
    for &n in &nodes {
        let (id, kind) = node_id(rules, rules.graph[n]);
        let shape = match kind {
            "finding" => format!("([{id}])"),
            "criterion" => format!("[{id}]"),
            _ => format!("{{{{{id}}}}}"),
        };
        writeln!(out, "  {}{shape}", key(n))?;
    }
    for edge in rules.graph.edge_indices() {
        let (a, b) = rules
            .graph
            .edge_endpoints(edge)
            .expect("edges have endpoints");
        if nodes.contains(&a) && nodes.contains(&b) {
            writeln!(out, "  {} --> {}", key(a), key(b))?;
        }
    }
    Ok(())
}

fn cites_text(rules: &RuleBase, cites: &[Cite]) -> Vec<String> {
    cites.iter().map(|c| rules.cite_text(c)).collect()
}

/// A definition (rule, criterion, finding or section), what it depends on and what depends on it.
/// False when no definition has the id.
pub fn write_show(out: &mut dyn Write, rules: &RuleBase, id: &str) -> std::io::Result<bool> {
    let neighbours = |node: NodeIndex, direction: Direction| -> Vec<String> {
        let mut list: Vec<String> = rules
            .graph
            .neighbors_directed(node, direction)
            .map(|n| {
                let (id, kind) = node_id(rules, rules.graph[n]);
                format!("{kind} {id}")
            })
            .collect();
        list.sort();
        list
    };
    let file = |origin: &crate::rules::Origin| {
        let f = &rules.files[origin.file];
        let line = f.text[..origin.span.start.min(f.text.len())]
            .matches('\n')
            .count()
            + 1;
        format!("{}:{line}", f.name)
    };
    if let Some(r) = rules.rule_id(id) {
        let rule = &rules.rules[r];
        writeln!(out, "rule {} ({})", rule.id, file(&rule.origin))?;
        writeln!(out, "  title: {}", rule.title)?;
        writeln!(out, "  category: {}", rule.category)?;
        writeln!(out, "  services: {}", rule.services.join(", "))?;
        for p in &rule.service_patterns {
            writeln!(out, "  service pattern: {}", p.as_str())?;
        }
        if !rule.not_services.is_empty() {
            writeln!(out, "  not for: {}", rule.not_services.join(", "))?;
        }
        if !rule.cited_services.is_empty() {
            writeln!(
                out,
                "  services where its sections are cited: {}",
                rule.cited_services.join(", ")
            )?;
        }
        let sections: Vec<&str> = rule
            .sections
            .iter()
            .map(|&s| rules.sections[s].title.as_str())
            .collect();
        writeln!(out, "  encodes: {}", sections.join("; "))?;
        for c in &rule.require {
            writeln!(
                out,
                "  requires: {} ({})",
                rules.criteria[*c].id,
                cites_text(rules, &rules.criteria[*c].cites).join("; ")
            )?;
        }
        for c in &rule.exclude_if {
            writeln!(
                out,
                "  ruled out if: {} ({})",
                rules.criteria[*c].id,
                cites_text(rules, &rules.criteria[*c].cites).join("; ")
            )?;
        }
        return Ok(true);
    }
    if let Some(c) = rules.criterion_id(id) {
        let criterion = &rules.criteria[c];
        let node = rules.criterion_nodes[c];
        writeln!(
            out,
            "criterion {} ({})",
            criterion.id,
            file(&criterion.origin)
        )?;
        writeln!(out, "  {}", criterion.description)?;
        writeln!(out, "  condition: {}", criterion.condition_text)?;
        writeln!(
            out,
            "  cites: {}",
            cites_text(rules, &criterion.cites).join("; ")
        )?;
        writeln!(
            out,
            "  depends on: {}",
            neighbours(node, Direction::Incoming).join(", ")
        )?;
        writeln!(
            out,
            "  used by: {}",
            neighbours(node, Direction::Outgoing).join(", ")
        )?;
        return Ok(true);
    }
    if let Some(f) = rules.finding_id(id) {
        let finding = &rules.findings[f];
        let regions: Vec<&str> = finding.read_in.iter().map(|r| r.name()).collect();
        writeln!(out, "finding {} ({})", finding.id, file(&finding.origin))?;
        writeln!(out, "  {}", finding.description)?;
        writeln!(
            out,
            "  read in: {}{}{}{}{}{}{}{}",
            regions.join(", "),
            if finding.history {
                "; historical mentions count"
            } else {
                ""
            },
            if finding.planned {
                "; planned and requested mentions count"
            } else if finding.expected {
                "; expected mentions count"
            } else {
                ""
            },
            if finding.suspected {
                "; suspected and possible mentions count"
            } else {
                ""
            },
            if finding.any_of {
                "; any one of several conditions"
            } else {
                ""
            },
            if finding.whole_patient {
                "; a fact about the whole patient"
            } else if finding.placed_by_phrase {
                "; placed by its phrases' body regions"
            } else {
                ""
            },
            if finding.absent_denies {
                "; its absent phrases deny it"
            } else {
                ""
            },
            if finding.about_others {
                "; about the people around the patient"
            } else {
                ""
            }
        )?;
        if !finding.includes.is_empty() {
            let included: Vec<&str> = finding
                .includes
                .iter()
                .map(|&i| rules.findings[i].id.as_str())
                .collect();
            writeln!(
                out,
                "  includes the phrases and patterns of: {}",
                included.join(", ")
            )?;
        }
        for (present, neutral, label) in [
            (true, false, "phrases"),
            (false, false, "absent phrases"),
            (false, true, "neutral phrases"),
        ] {
            let phrases: Vec<&str> = rules
                .finding_phrase_owners
                .iter()
                .zip(&rules.finding_phrase_texts)
                .filter(|(o, _)| o.finding == f && o.present == present && o.neutral == neutral)
                .map(|(_, p)| p.as_str())
                .collect();
            if !phrases.is_empty() {
                writeln!(out, "  {label}: {}", phrases.join(", "))?;
            }
        }
        for (regex, owner) in rules
            .finding_patterns
            .iter()
            .filter(|(_, o)| o.finding == f)
        {
            writeln!(
                out,
                "  {}: {}",
                if owner.present {
                    "pattern"
                } else {
                    "absent pattern"
                },
                regex.as_str()
            )?;
        }
        writeln!(
            out,
            "  used by: {}",
            neighbours(rules.finding_nodes[f], Direction::Outgoing).join(", ")
        )?;
        return Ok(true);
    }
    if let Some(section) = rules.sections.iter().find(|s| s.id == id) {
        writeln!(out, "section {} ({})", section.id, file(&section.origin))?;
        writeln!(out, "  {} [{}]", section.title, section.source.name())?;
        if !section.pages.is_empty() {
            writeln!(out, "  pages: {}", section.pages_text())?;
        }
        if !section.aliases.is_empty() {
            writeln!(out, "  cited as: {}", section.aliases.join(", "))?;
        }
        let users: Vec<&str> = rules
            .rules
            .iter()
            .filter(|r| r.sections.iter().any(|&s| rules.sections[s].id == id))
            .map(|r| r.id.as_str())
            .collect();
        writeln!(out, "  encoded by: {}", users.join(", "))?;
        return Ok(true);
    }
    Ok(false)
}

/// One rule in `rules list --format json` (a stable contract, see docs/rules.md).
#[derive(Serialize)]
pub struct RuleEntry<'a> {
    pub id: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    pub services: &'a [String],
    pub citations: Vec<String>,
    pub sections: Vec<&'a str>,
    pub require: Vec<&'a str>,
    pub exclude_if: Vec<&'a str>,
}

pub fn rule_entries(rules: &RuleBase) -> Vec<RuleEntry<'_>> {
    rules
        .rules
        .iter()
        .map(|rule| {
            let mut citations: Vec<String> = Vec::new();
            for &c in rule.require.iter().chain(&rule.exclude_if) {
                for cite in cites_text(rules, &rules.criteria[c].cites) {
                    if !citations.contains(&cite) {
                        citations.push(cite);
                    }
                }
            }
            for cite in cites_text(rules, &rule.cites) {
                if !citations.contains(&cite) {
                    citations.push(cite);
                }
            }
            RuleEntry {
                id: &rule.id,
                category: &rule.category,
                title: &rule.title,
                services: &rule.services,
                citations,
                sections: rule
                    .sections
                    .iter()
                    .map(|&s| rules.sections[s].id.as_str())
                    .collect(),
                require: rule
                    .require
                    .iter()
                    .map(|&c| rules.criteria[c].id.as_str())
                    .collect(),
                exclude_if: rule
                    .exclude_if
                    .iter()
                    .map(|&c| rules.criteria[c].id.as_str())
                    .collect(),
            }
        })
        .collect()
}

pub fn write_list_json(out: &mut dyn Write, rules: &RuleBase) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &rule_entries(rules))?;
    writeln!(out)
}

pub fn write_list_human(out: &mut dyn Write, rules: &RuleBase) -> std::io::Result<()> {
    for entry in rule_entries(rules) {
        writeln!(
            out,
            "{:<36} {:<32} {}",
            entry.id, entry.category, entry.title
        )?;
        for c in &entry.citations {
            writeln!(out, "{:<36} {:<32}   cites {c}", "", "")?;
        }
    }
    Ok(())
}
