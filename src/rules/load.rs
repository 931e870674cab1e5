//! Loading: reads rule files, collects every problem with its span (all at once, not the first), and
//! compiles what is valid into a [`RuleBase`].

use super::condition::{self, Condition};
use super::schema::{CiteSpec, RuleFile};
use super::*;
use crate::context::Lexicon;
use crate::diagnostic::{Code, Diagnostic};
use crate::letter::citation::parse_pages;
use crate::letter::Date;
use crate::span::Span;
use include_dir::{include_dir, Dir};
use petgraph::algo::{kosaraju_scc, toposort};
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The rule tests built into the binary (`rules/tests/*.toml`), as `(file name, text)`, in name order.
pub fn embedded_tests() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = EMBEDDED
        .get_dir("tests")
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents_utf8()?)))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A file below the built-in `rules/tests/` directory.
pub fn embedded_test_file(relative: &Path) -> Option<&'static [u8]> {
    EMBEDDED
        .get_file(Path::new("tests").join(relative))
        .map(|f| f.contents())
}

/// Largest compiled size of one rule pattern, so a hostile rule file cannot exhaust memory.
pub(super) const PATTERN_SIZE_LIMIT: usize = 1 << 20;

/// One rule file's text and the name it is shown under.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

/// Everything wrong with a rule base, each problem pointing into its file.
#[derive(Debug, Clone)]
pub struct RulesError {
    pub files: Vec<RuleSource>,
    /// `(file index, diagnostic)`; a diagnostic about the directory itself has no file.
    pub problems: Vec<(Option<usize>, Diagnostic)>,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the rule base has {} problem(s)", self.problems.len())
    }
}

impl std::error::Error for RulesError {}

/// The files of the rule base built into the binary, in file-name order.
pub fn embedded_sources() -> Vec<RuleSource> {
    let mut files: Vec<RuleSource> = EMBEDDED
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .map(|f| RuleSource {
            name: format!("rules/{}", f.path().display()),
            text: f.contents_utf8().unwrap_or_default().to_string(),
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

/// The rule base built into the binary (the `rules/` directory at build time). Its patterns are
/// compiled when first used: the test suite loads the same files with [`load_sources`], which
/// compiles and checks every one.
pub fn load_embedded() -> Result<RuleBase, RulesError> {
    load(embedded_sources(), Patterns::Deferred)
}

/// Loads every `*.toml` directly inside `dir`, in file-name order.
pub fn load_dir(dir: &Path) -> Result<RuleBase, RulesError> {
    let unreadable = |message: String| RulesError {
        files: Vec::new(),
        problems: vec![(None, Diagnostic::new(Code::RulesUnreadable, message))],
    };
    let entries = std::fs::read_dir(dir).map_err(|e| {
        unreadable(format!(
            "cannot read rules directory {}: {e}",
            dir.display()
        ))
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(unreadable(format!(
            "{} holds no *.toml rule file",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path)
            .map_err(|e| unreadable(format!("cannot read {}: {e}", path.display())))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            unreadable(format!(
                "{} is not UTF-8 (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        files.push(RuleSource {
            name: path.display().to_string(),
            text,
        });
    }
    load_sources(files)
}

struct Loader {
    problems: Vec<(Option<usize>, Diagnostic)>,
    file: usize,
    patterns: Patterns,
}

impl Loader {
    fn report(&mut self, code: Code, message: impl Into<String>, span: Range<usize>, label: &str) {
        let diagnostic = Diagnostic::new(code, message).with_label(Span::from_range(span), label);
        self.problems.push((Some(self.file), diagnostic));
    }

    fn report_help(
        &mut self,
        code: Code,
        message: impl Into<String>,
        span: Range<usize>,
        label: &str,
        help: String,
    ) {
        let diagnostic = Diagnostic::new(code, message)
            .with_label(Span::from_range(span), label)
            .with_help(help);
        self.problems.push((Some(self.file), diagnostic));
    }
}

/// The byte range of a string value's content (inside its quotes) within the file.
fn content_start(text: &str, span: &Range<usize>) -> usize {
    let raw = &text[span.clone()];
    let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else if raw.starts_with(['"', '\'']) {
        1
    } else {
        0
    };
    span.start + quote
}

enum Pending<'a> {
    Criterion(usize, Condition, &'a Spanned<String>),
}

/// When a rule base's patterns are compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Patterns {
    /// At load, each reported if it does not compile.
    Checked,
    /// When first used, for files known to compile.
    Deferred,
}

/// Validates and compiles rule files.
pub fn load_sources(files: Vec<RuleSource>) -> Result<RuleBase, RulesError> {
    load(files, Patterns::Checked)
}

fn load(files: Vec<RuleSource>, patterns: Patterns) -> Result<RuleBase, RulesError> {
    let mut loader = Loader {
        problems: Vec::new(),
        file: 0,
        patterns,
    };
    let mut parsed: Vec<(usize, RuleFile)> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        loader.file = i;
        match toml::from_str::<RuleFile>(&file.text) {
            Ok(rule_file) => parsed.push((i, rule_file)),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                loader.report(Code::RulesSyntax, err.message().to_string(), span, "here");
            }
        }
    }

    // One namespace for every id: conditions name findings and criteria alike.
    let mut ids: HashMap<String, (usize, Range<usize>)> = HashMap::new();
    let mut claim = |loader: &mut Loader, id: &Spanned<String>, kind: &str| -> bool {
        let name = id.get_ref();
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            loader.report_help(
                Code::RulesSyntax,
                format!("{kind} id `{name}` is not a valid id"),
                id.span(),
                "invalid id",
                "ids use lowercase letters, digits and hyphens, such as `facet-tenderness`".into(),
            );
            return false;
        }
        if let Some((file, span)) = ids.get(name) {
            let first = format!(
                "{}:{}",
                files[*file].name,
                line_of(&files[*file].text, span.start)
            );
            loader.report_help(
                Code::RulesDuplicateId,
                format!("the id `{name}` is defined twice"),
                id.span(),
                "second definition",
                format!("the first definition is at {first}; ids are shared by findings, criteria, rules and sections"),
            );
            return false;
        }
        ids.insert(name.clone(), (loader.file, id.span()));
        true
    };

    let mut lexicon = None;
    let mut conclusions: Vec<(String, bool)> = Vec::new();
    let mut secondary_conclusions: Vec<String> = Vec::new();
    let mut elsewhere_conclusions: Vec<String> = Vec::new();
    let mut other_course_subjects: Vec<String> = Vec::new();
    let mut general_qualifiers: Vec<String> = Vec::new();
    let mut particular_qualifiers: Vec<String> = Vec::new();
    let mut concessions: Vec<String> = Vec::new();
    let mut concession_turns: Vec<String> = Vec::new();
    let mut unresolved: Vec<Pattern> = Vec::new();
    let mut uncovered: Vec<String> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut section_within: Vec<Option<(usize, Spanned<String>)>> = Vec::new();
    let mut findings: Vec<Finding> = Vec::new();
    let mut phrase_list: Vec<String> = Vec::new();
    let mut phrase_owners: Vec<PhraseOwner> = Vec::new();
    let mut finding_patterns: Vec<(Pattern, PhraseOwner)> = Vec::new();

    for (file, rule_file) in &parsed {
        loader.file = *file;
        if let Some(spec) = &rule_file.context {
            if lexicon.is_some() {
                loader.report(
                    Code::RulesDuplicateId,
                    "a second [context] lexicon",
                    0..0,
                    "only one file may define [context]",
                );
            }
            lexicon = Some(Lexicon::from_spec(spec));
            check_body_regions(&mut loader, &spec.body_region);
        }
        if let Some(spec) = &rule_file.conclusions {
            for (list, necessary) in [(&spec.necessary, true), (&spec.not_necessary, false)] {
                for phrase in list {
                    if let Some(p) = phrase_of(&mut loader, phrase, "conclusion phrase") {
                        conclusions.push((p, necessary));
                    }
                }
            }
            for pattern in &spec.unresolved {
                if let Some(compiled) = compile_pattern(&mut loader, "", pattern) {
                    unresolved.push(compiled);
                }
            }
            let elsewhere = spec.other_course.iter().chain(&spec.other_subject);
            for phrase in elsewhere {
                if let Some(p) = phrase_of(&mut loader, phrase, "conclusion phrase") {
                    elsewhere_conclusions.push(p);
                }
            }
            for (list, out) in [
                (&spec.other_course_subjects, &mut other_course_subjects),
                (&spec.general_qualifiers, &mut general_qualifiers),
                (&spec.particular_qualifiers, &mut particular_qualifiers),
                (&spec.concessions, &mut concessions),
                (&spec.concession_turns, &mut concession_turns),
            ] {
                for phrase in list {
                    if let Some(p) = phrase_of(&mut loader, phrase, "conclusion phrase") {
                        out.push(p);
                    }
                }
            }
            for phrase in &spec.secondary {
                let Some(p) = phrase_of(&mut loader, phrase, "conclusion phrase") else {
                    continue;
                };
                if conclusions.iter().any(|(c, _)| *c == p) {
                    secondary_conclusions.push(p);
                } else {
                    loader.report_help(
                        Code::RulesUnknownReference,
                        format!("secondary conclusion `{p}` is in neither `necessary` nor `not-necessary`"),
                        phrase.span(),
                        "not a conclusion phrase",
                        "list the phrase under `necessary` or `not-necessary` of the same [conclusions] table".into(),
                    );
                }
            }
        }
        if let Some(spec) = &rule_file.uncovered {
            for phrase in &spec.services {
                if let Some(p) = phrase_of(&mut loader, phrase, "service phrase") {
                    uncovered.push(p);
                }
            }
        }
        for spec in &rule_file.section {
            if !claim(&mut loader, &spec.id, "section") {
                continue;
            }
            let Some(source) = GuidelineSource::from_name(spec.source.get_ref()) else {
                loader.report_help(
                    Code::RulesSyntax,
                    format!("unknown guideline source `{}`", spec.source.get_ref()),
                    spec.source.span(),
                    "unknown source",
                    "use mtus-chronic-pain, mtus-acoem, mtus-other, odg or other".into(),
                );
                continue;
            };
            let pages = spec
                .pages
                .as_ref()
                .map(|p| pages_of(&mut loader, p))
                .unwrap_or_default();
            section_within.push(spec.within.as_ref().map(|w| (*file, w.clone())));
            sections.push(Section {
                id: spec.id.get_ref().clone(),
                source,
                title: spec.title.clone(),
                chapter: spec.chapter,
                pages,
                aliases: spec
                    .aliases
                    .iter()
                    .map(|a| normalize_phrase(a))
                    .filter(|a| !a.is_empty())
                    .collect(),
                within: None,
                origin: Origin {
                    file: *file,
                    span: spec.id.span(),
                },
            });
        }
        for spec in &rule_file.finding {
            if !claim(&mut loader, &spec.id, "finding") {
                continue;
            }
            let index = findings.len();
            let mut any = false;
            for (list, present, neutral) in [
                (&spec.phrases, true, false),
                (&spec.absent_phrases, false, false),
                (&spec.neutral_phrases, false, true),
            ] {
                for phrase in list {
                    let Some(p) = phrase_of(&mut loader, phrase, "phrase") else {
                        continue;
                    };
                    any |= !neutral;
                    phrase_list.push(p);
                    phrase_owners.push(PhraseOwner {
                        finding: index,
                        present,
                        neutral,
                    });
                }
            }
            // A pattern that fails to compile is reported itself; it does not also make the finding "never match".
            any |= !spec.patterns.is_empty() || !spec.absent_patterns.is_empty();
            for (list, present, neutral) in [
                (&spec.patterns, true, false),
                (&spec.absent_patterns, false, false),
                (&spec.neutral_patterns, false, true),
            ] {
                for pattern in list {
                    if let Some(regex) = compile_pattern(&mut loader, &files[*file].text, pattern) {
                        finding_patterns.push((
                            regex,
                            PhraseOwner {
                                finding: index,
                                present,
                                neutral,
                            },
                        ));
                    }
                }
            }
            if !any || spec.read_in.is_empty() {
                loader.report_help(
                    Code::RulesInvalidPattern,
                    format!("finding `{}` has no phrase or pattern, so it can never be found", spec.id.get_ref()),
                    spec.id.span(),
                    "never matches",
                    "add `phrases`, `patterns`, `absent-phrases` or `absent-patterns`, and at least one `read-in` region".into(),
                );
            }
            let mut read_in = spec.read_in.clone();
            read_in.sort_unstable();
            read_in.dedup();
            findings.push(Finding {
                id: spec.id.get_ref().clone(),
                description: spec.description.clone(),
                read_in,
                history: spec.history,
                planned: spec.planned,
                expected: spec.expected,
                about_service: spec.about_service,
                about_named_service: spec.about_named_service,
                suspected: spec.suspected,
                any_of: spec.any_of,
                whole_patient: spec.whole_patient,
                placed_by_phrase: spec.placed_by_phrase,
                absent_denies: spec.absent_denies,
                about_others: spec.about_others,
                recent_within_months: spec.recent_within_months,
                negated_means: spec.negated_means,
                includes: Vec::new(),
                origin: Origin {
                    file: *file,
                    span: spec.id.span(),
                },
            });
        }
    }

    // Sections may name their chapter only once all sections are known.
    for (k, within) in section_within.iter().enumerate() {
        if let Some((file, name)) = within {
            loader.file = *file;
            match sections.iter().position(|s| &s.id == name.get_ref()) {
                Some(parent) => sections[k].within = Some(parent),
                None => unknown(&mut loader, "section", name),
            }
        }
    }
    let section_index: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let finding_index: HashMap<String, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    include_findings(
        &mut loader,
        &parsed,
        &finding_index,
        &mut findings,
        (&mut phrase_list, &mut phrase_owners),
        &mut finding_patterns,
    );

    // Criteria: claim ids first, so conditions may name criteria defined later or in other files.
    let mut criteria: Vec<Criterion> = Vec::new();
    let mut pending: Vec<Pending<'_>> = Vec::new();
    for (file, rule_file) in &parsed {
        loader.file = *file;
        for spec in &rule_file.criterion {
            if !claim(&mut loader, &spec.id, "criterion") {
                continue;
            }
            let text = spec.condition.get_ref();
            let cites = cites_of(&mut loader, &spec.cites, &section_index);
            if spec.cites.is_empty() {
                loader.report_help(
                    Code::RulesMissingCitation,
                    format!("criterion `{}` cites no guideline", spec.id.get_ref()),
                    spec.id.span(),
                    "no `cites`",
                    "add `cites = [{ section = \"...\", pages = \"...\" }]` naming the guideline section it encodes".into(),
                );
            }
            let index = criteria.len();
            criteria.push(Criterion {
                id: spec.id.get_ref().clone(),
                description: spec.description.clone(),
                condition_text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                condition: Expr::And(Vec::new()),
                cites,
                edition: spec
                    .edition
                    .as_ref()
                    .and_then(|e| edition_of(&mut loader, e)),
                origin: Origin {
                    file: *file,
                    span: spec.id.span(),
                },
            });
            match condition::parse(text) {
                Ok(parsed_condition) => {
                    pending.push(Pending::Criterion(index, parsed_condition, &spec.condition))
                }
                Err(err) => {
                    let base = content_start(&files[*file].text, &spec.condition.span());
                    loader.report(
                        Code::RulesInvalidCondition,
                        format!("criterion `{}`: {}", spec.id.get_ref(), err.message),
                        base + err.range.start..base + err.range.end,
                        "here",
                    );
                }
            }
        }
    }
    let criterion_index: HashMap<String, usize> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for Pending::Criterion(index, parsed_condition, spanned) in pending {
        loader.file = criteria[index].origin.file;
        let base = content_start(&files[loader.file].text, &spanned.span());
        let names = Names {
            findings: &finding_index,
            criteria: &criterion_index,
            sections: &section_index,
        };
        if let Some(expr) = resolve(&mut loader, &parsed_condition, base, &names) {
            criteria[index].condition = expr;
        }
    }

    let mut rules: Vec<Rule> = Vec::new();
    let mut service_list: Vec<String> = Vec::new();
    let mut service_owners: Vec<(usize, bool)> = Vec::new();
    for (file, rule_file) in &parsed {
        loader.file = *file;
        for spec in &rule_file.rule {
            if !claim(&mut loader, &spec.id, "rule") {
                continue;
            }
            let index = rules.len();
            let lookup = |list: &Vec<Spanned<String>>, loader: &mut Loader| -> Vec<usize> {
                list.iter()
                    .filter_map(|name| match criterion_index.get(name.get_ref()) {
                        Some(&i) => Some(i),
                        None => {
                            unknown(loader, "criterion", name);
                            None
                        }
                    })
                    .collect()
            };
            let require = lookup(&spec.require, &mut loader);
            let exclude_if = lookup(&spec.exclude_if, &mut loader);
            if spec.require.is_empty() && spec.exclude_if.is_empty() {
                loader.report_help(
                    Code::RulesUnknownReference,
                    format!("rule `{}` names no criterion", spec.id.get_ref()),
                    spec.id.span(),
                    "no `require` or `exclude-if`",
                    "a rule that only names services cannot judge a decision; list the criteria it rests on".into(),
                );
            }
            let rule_sections: Vec<usize> = spec
                .sections
                .iter()
                .filter_map(|name| match section_index.get(name.get_ref()) {
                    Some(&i) => Some(i),
                    None => {
                        unknown(&mut loader, "section", name);
                        None
                    }
                })
                .collect();
            let cites = cites_of(&mut loader, &spec.cites, &section_index);
            if spec.cites.is_empty() && spec.sections.is_empty() {
                loader.report(
                    Code::RulesMissingCitation,
                    format!("rule `{}` cites no guideline section", spec.id.get_ref()),
                    spec.id.span(),
                    "add `sections` or `cites`",
                );
            }
            let mut services = Vec::new();
            for (list, positive) in [(&spec.services, true), (&spec.not_services, false)] {
                for phrase in list {
                    let Some(p) = phrase_of(&mut loader, phrase, "service phrase") else {
                        continue;
                    };
                    if positive {
                        services.push(p.clone());
                    }
                    service_list.push(p);
                    service_owners.push((index, positive));
                }
            }
            let cited_services: Vec<String> = spec
                .cited_services
                .iter()
                .filter_map(|phrase| phrase_of(&mut loader, phrase, "service phrase"))
                .collect();
            if !cited_services.is_empty() && spec.sections.is_empty() {
                loader.report(
                    Code::RulesMissingCitation,
                    format!(
                        "rule `{}` has `cited-services` but no `sections` a citation could name",
                        spec.id.get_ref()
                    ),
                    spec.id.span(),
                    "add the sections whose citation brings these services in",
                );
            }
            let service_patterns: Vec<Pattern> = spec
                .service_patterns
                .iter()
                .filter_map(|p| compile_pattern(&mut loader, &files[*file].text, p))
                .collect();
            if spec.services.is_empty() && spec.service_patterns.is_empty() {
                loader.report(
                    Code::RulesInvalidPattern,
                    format!(
                        "rule `{}` names no service, so it never applies",
                        spec.id.get_ref()
                    ),
                    spec.id.span(),
                    "add `services` or `service-patterns`",
                );
            }
            rules.push(Rule {
                id: spec.id.get_ref().clone(),
                category: spec.category.clone(),
                title: spec.title.clone(),
                services,
                service_patterns,
                not_services: spec
                    .not_services
                    .iter()
                    .map(|s| normalize_phrase(s.get_ref()))
                    .collect(),
                cited_services,
                require,
                exclude_if,
                sections: rule_sections,
                precedence: spec.precedence,
                procedure: spec.procedure || spec.surgery,
                surgery: spec.surgery,
                cites,
                edition: spec
                    .edition
                    .as_ref()
                    .and_then(|e| edition_of(&mut loader, e)),
                origin: Origin {
                    file: *file,
                    span: spec.id.span(),
                },
            });
        }
    }

    check_editions(&mut loader, &criteria, &rules);

    // The dependency graph, and the order criteria are evaluated in.
    let mut graph = DiGraph::new();
    let finding_nodes: Vec<NodeIndex> = (0..findings.len())
        .map(|i| graph.add_node(Node::Finding(i)))
        .collect();
    let criterion_nodes: Vec<NodeIndex> = (0..criteria.len())
        .map(|i| graph.add_node(Node::Criterion(i)))
        .collect();
    let rule_nodes: Vec<NodeIndex> = (0..rules.len())
        .map(|i| graph.add_node(Node::Rule(i)))
        .collect();
    for (i, criterion) in criteria.iter().enumerate() {
        criterion.condition.visit(&mut |e| match e {
            Expr::Finding(f) => {
                graph.update_edge(finding_nodes[*f], criterion_nodes[i], ());
            }
            Expr::Criterion(c) => {
                graph.update_edge(criterion_nodes[*c], criterion_nodes[i], ());
            }
            _ => {}
        });
    }
    for (i, rule) in rules.iter().enumerate() {
        for &c in rule.require.iter().chain(&rule.exclude_if) {
            graph.update_edge(criterion_nodes[c], rule_nodes[i], ());
        }
    }
    let mut criteria_order = Vec::new();
    match toposort(&graph, None) {
        Ok(order) => {
            criteria_order = order
                .into_iter()
                .filter_map(|n| match graph[n] {
                    Node::Criterion(c) => Some(c),
                    _ => None,
                })
                .collect();
        }
        Err(_) => {
            for component in kosaraju_scc(&graph) {
                let is_cycle =
                    component.len() > 1 || graph.contains_edge(component[0], component[0]);
                if !is_cycle {
                    continue;
                }
                let members = cycle_path(&graph, &component);
                let path: Vec<&str> = members.iter().map(|&c| criteria[c].id.as_str()).collect();
                let first = &criteria[members[0]];
                loader.file = first.origin.file;
                let mut diagnostic = Diagnostic::new(
                    Code::RulesCycle,
                    format!("criteria depend on each other in a cycle: {} -> {}", path.join(" -> "), path[0]),
                )
                .with_help("a criterion cannot depend, directly or through others, on itself; break the cycle by naming findings instead");
                for &c in &members {
                    if criteria[c].origin.file == first.origin.file {
                        diagnostic = diagnostic.with_label(
                            Span::from_range(criteria[c].origin.span.clone()),
                            format!("`{}` is in the cycle", criteria[c].id),
                        );
                    }
                }
                loader.problems.push((Some(first.origin.file), diagnostic));
            }
        }
    }

    let lexicon = match lexicon {
        Some(l) => Some(l),
        None => {
            loader.problems.push((
                None,
                Diagnostic::new(
                    Code::RulesUnknownReference,
                    "no rule file defines the [context] trigger lexicon",
                )
                .with_help(
                    "the default lexicon is rules/context.toml; copy it into the rules directory",
                ),
            ));
            None
        }
    };
    if conclusions.is_empty() {
        loader.problems.push((
            None,
            Diagnostic::new(Code::RulesUnknownReference, "no rule file defines [conclusions] phrases")
                .with_help("the default phrases are in rules/conclusions.toml; copy it into the rules directory"),
        ));
    }
    if !loader.problems.is_empty() {
        return Err(RulesError {
            files,
            problems: loader.problems,
        });
    }
    // A contiguous NFA rather than a DFA: with thousands of phrases the DFA is tens of megabytes, slower
    // to build on every start and no faster to search once it no longer fits in cache.
    let build = |phrases: &[String]| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(phrases)
    };
    let fail = |files: Vec<RuleSource>, e: aho_corasick::BuildError| RulesError {
        files,
        problems: vec![(
            None,
            Diagnostic::new(
                Code::RulesInvalidPattern,
                format!("the phrase automaton cannot be built: {e}"),
            ),
        )],
    };
    // A service no rule covers blocks every rule (owner `UNCOVERED`).
    for phrase in uncovered {
        service_list.push(phrase);
        service_owners.push((UNCOVERED, false));
    }
    let service_pattern_rules: Vec<usize> = rules
        .iter()
        .enumerate()
        .flat_map(|(r, rule)| std::iter::repeat_n(r, rule.service_patterns.len()))
        .collect();
    let mut alias_owners = Vec::new();
    let mut alias_list = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        for alias in &section.aliases {
            alias_owners.push(s);
            alias_list.push(alias.clone());
        }
    }
    let mut conclusion_kinds: Vec<ConclusionKind> = conclusions
        .iter()
        .map(|(phrase, necessary)| ConclusionKind::Concludes {
            necessary: *necessary,
            secondary: secondary_conclusions.contains(phrase),
        })
        .collect();
    let mut conclusion_list: Vec<String> = conclusions.into_iter().map(|c| c.0).collect();
    // Another course's and another subject's phrases go in the same automaton, so that the longest
    // phrase at a place wins: "taper is recommended" over "is recommended", "being certified" over
    // "certified".
    conclusion_kinds.extend(
        elsewhere_conclusions
            .iter()
            .map(|_| ConclusionKind::Elsewhere),
    );
    conclusion_list.extend(elsewhere_conclusions);
    // The general qualifiers, then the particular ones, in one automaton.
    let general_qualifier_count = general_qualifiers.len();
    general_qualifiers.extend(particular_qualifiers);
    let service_words = crate::words::vocabulary(service_list.iter().map(String::as_str));
    let automata = (|| {
        Ok::<_, aho_corasick::BuildError>((
            ContextEngine::new(lexicon.expect("checked above"))?,
            build(&service_list)?,
            build(&alias_list)?,
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&other_course_subjects)?,
            // Matched anchored, right after a phrase: the longest qualifier that opens the words there.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Anchored)
                .build(&general_qualifiers)?,
            // A few dozen phrases, searched for in every rationale: a small DFA scans fastest.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&conclusion_list)?,
        ))
    })();
    let (
        context,
        service_phrases,
        section_aliases,
        other_course_subjects,
        general_qualifiers,
        conclusion_phrases,
    ) = match automata {
        Ok(built) => built,
        Err(e) => return Err(fail(files, e)),
    };
    let rule_readers = (0..rules.len())
        .map(|_| std::sync::OnceLock::new())
        .collect();
    let rules = RuleBase {
        files,
        context,
        sections,
        findings,
        criteria,
        rules,
        graph,
        finding_nodes,
        criterion_nodes,
        rule_nodes,
        criteria_order,
        finding_phrase_owners: phrase_owners,
        finding_phrase_texts: phrase_list,
        finding_patterns,
        all_findings: std::sync::OnceLock::new(),
        rule_readers,
        service_phrases,
        service_phrase_owners: service_owners,
        service_words,
        service_pattern_set: std::sync::OnceLock::new(),
        service_pattern_rules,
        conclusion_phrases,
        conclusion_kinds,
        other_course_subjects,
        general_qualifiers,
        general_qualifier_count,
        concessions,
        concession_turns,
        unresolved_set: crate::pattern::PatternSet::new(
            unresolved.iter().map(|p| p.compiled()),
            PATTERN_SIZE_LIMIT * 4,
            PATTERN_SIZE_LIMIT * 4,
        ),
        unresolved,
        section_aliases,
        section_alias_owners: alias_owners,
    };
    // The reader of every finding serves only passages read outside a letter: a checked rule base
    // builds it now, to report a phrase list too large to build; a deferred one when first needed.
    if patterns == Patterns::Checked {
        match rules.reader_of(&vec![true; rules.findings.len()]) {
            Ok(reader) => {
                let _ = rules.all_findings.set(reader);
            }
            Err(e) => return Err(fail(rules.files, e)),
        }
    }
    Ok(rules)
}

/// The criteria of a strongly connected component in the order they depend on each other, starting
/// from the one defined first.
fn cycle_path(graph: &DiGraph<Node, ()>, component: &[NodeIndex]) -> Vec<usize> {
    let criterion = |n: NodeIndex| match graph[n] {
        Node::Criterion(c) => Some(c),
        _ => None,
    };
    let Some(&start) = component
        .iter()
        .filter(|&&n| criterion(n).is_some())
        .min_by_key(|&&n| criterion(n))
    else {
        return Vec::new();
    };
    // Depth-first search for a path back to the start, staying inside the component.
    let mut path = vec![start];
    let mut visited = vec![start];
    fn search(
        graph: &DiGraph<Node, ()>,
        component: &[NodeIndex],
        start: NodeIndex,
        path: &mut Vec<NodeIndex>,
        visited: &mut Vec<NodeIndex>,
    ) -> bool {
        let at = *path.last().expect("the path starts with the start");
        let mut next: Vec<NodeIndex> = graph
            .neighbors(at)
            .filter(|n| component.contains(n))
            .collect();
        next.sort();
        for n in next {
            if n == start {
                return true;
            }
            if !visited.contains(&n) {
                visited.push(n);
                path.push(n);
                if search(graph, component, start, path, visited) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    search(graph, component, start, &mut path, &mut visited);
    path.into_iter().filter_map(criterion).collect()
}

fn edition_of(loader: &mut Loader, spec: &super::schema::EditionSpec) -> Option<Edition> {
    let mut date = |value: &Option<Spanned<String>>| -> Result<Option<Date>, ()> {
        match value {
            None => Ok(None),
            Some(text) => match Date::parse(text.get_ref()) {
                Some(d) => Ok(Some(d)),
                None => {
                    loader.report_help(
                        Code::RulesSyntax,
                        format!("`{}` is not a date", text.get_ref()),
                        text.span(),
                        "not a date",
                        "write edition dates as YYYY-MM-DD".into(),
                    );
                    Err(())
                }
            },
        }
    };
    let from = date(&spec.from).ok()?;
    let until = date(&spec.until).ok()?;
    Some(Edition {
        of: spec.of.get_ref().clone(),
        name: spec.name.clone(),
        from,
        until,
    })
}

/// Editions of one thing must follow each other: no overlap, no gap, and no edition ending before it
/// starts.
fn check_editions(loader: &mut Loader, criteria: &[Criterion], rules: &[Rule]) {
    let mut groups: std::collections::BTreeMap<&str, Vec<(&Edition, &Origin, &str)>> =
        Default::default();
    for c in criteria {
        if let Some(e) = &c.edition {
            groups
                .entry(e.of.as_str())
                .or_default()
                .push((e, &c.origin, c.id.as_str()));
        }
    }
    for r in rules {
        if let Some(e) = &r.edition {
            groups
                .entry(e.of.as_str())
                .or_default()
                .push((e, &r.origin, r.id.as_str()));
        }
    }
    for (of, mut editions) in groups {
        editions.sort_by_key(|(e, _, _)| e.from);
        for (e, origin, id) in &editions {
            if let (Some(f), Some(u)) = (e.from, e.until) {
                if u <= f {
                    loader.file = origin.file;
                    loader.report(
                        Code::RulesEditions,
                        format!(
                            "edition `{}` of `{of}` ({id}) ends before it starts",
                            e.name
                        ),
                        origin.span.clone(),
                        "empty date range",
                    );
                }
            }
        }
        for pair in editions.windows(2) {
            let (a, _, a_id) = pair[0];
            let (b, b_origin, b_id) = pair[1];
            loader.file = b_origin.file;
            match (a.until, b.from) {
                (None, _) | (_, None) => loader.report(
                    Code::RulesEditions,
                    format!("editions of `{of}` overlap: `{a_id}` has no end date and `{b_id}` follows it"),
                    b_origin.span.clone(),
                    "overlaps the previous edition",
                ),
                (Some(u), Some(f)) if u > f => loader.report(
                    Code::RulesEditions,
                    format!("editions of `{of}` overlap: `{a_id}` runs until {u}, `{b_id}` starts {f}"),
                    b_origin.span.clone(),
                    "overlaps the previous edition",
                ),
                (Some(u), Some(f)) if u < f => loader.report(
                    Code::RulesEditions,
                    format!("editions of `{of}` leave a gap: `{a_id}` ends {u}, `{b_id}` starts {f}"),
                    b_origin.span.clone(),
                    "leaves a gap after the previous edition",
                ),
                _ => {}
            }
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A phrase as matched (whitespace folded, lower case); an empty one is reported and dropped.
fn phrase_of(loader: &mut Loader, phrase: &Spanned<String>, what: &str) -> Option<String> {
    let p = normalize_phrase(phrase.get_ref());
    if p.is_empty() {
        loader.report(
            Code::RulesInvalidPattern,
            format!("an empty {what} never matches"),
            phrase.span(),
            "empty",
        );
        return None;
    }
    Some(p)
}

fn normalize_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Gives each finding that `includes` others their phrases and patterns, under its own id. Only a
/// finding's own phrases and patterns are given: inclusion does not chain, so what a finding reads is
/// always written in it or in the findings it names.
fn include_findings(
    loader: &mut Loader,
    parsed: &[(usize, RuleFile)],
    finding_index: &HashMap<String, usize>,
    findings: &mut [Finding],
    (phrase_list, phrase_owners): (&mut Vec<String>, &mut Vec<PhraseOwner>),
    finding_patterns: &mut Vec<(Pattern, PhraseOwner)>,
) {
    let own_phrases = phrase_owners.len();
    let own_patterns = finding_patterns.len();
    for (file, rule_file) in parsed {
        loader.file = *file;
        for spec in rule_file.finding.iter().filter(|s| !s.includes.is_empty()) {
            let Some(&index) = finding_index.get(spec.id.get_ref()) else {
                continue;
            };
            let origin = &findings[index].origin;
            if origin.file != *file || origin.span != spec.id.span() {
                continue; // a duplicate id, reported where it was claimed
            }
            for name in &spec.includes {
                let Some(&included) = finding_index.get(name.get_ref()) else {
                    unknown(loader, "finding", name);
                    continue;
                };
                if included == index {
                    loader.report_help(
                        Code::RulesSyntax,
                        format!("finding `{}` includes itself", spec.id.get_ref()),
                        name.span(),
                        "itself",
                        "`includes` names other findings; a finding reads its own phrases already"
                            .into(),
                    );
                    continue;
                }
                findings[index].includes.push(included);
                for p in 0..own_phrases {
                    if phrase_owners[p].finding != included {
                        continue;
                    }
                    phrase_list.push(phrase_list[p].clone());
                    phrase_owners.push(PhraseOwner {
                        finding: index,
                        ..phrase_owners[p]
                    });
                }
                for p in 0..own_patterns {
                    if finding_patterns[p].1.finding != included {
                        continue;
                    }
                    let (pattern, owner) = finding_patterns[p].clone();
                    finding_patterns.push((
                        pattern,
                        PhraseOwner {
                            finding: index,
                            ..owner
                        },
                    ));
                }
            }
        }
    }
}

fn unknown(loader: &mut Loader, kind: &str, name: &Spanned<String>) {
    loader.report(
        Code::RulesUnknownReference,
        format!("no {kind} has the id `{}`", name.get_ref()),
        name.span(),
        "unknown id",
    );
}

fn pages_of(loader: &mut Loader, pages: &Spanned<String>) -> Vec<PageRange> {
    let parsed = parse_pages(pages.get_ref());
    if parsed.is_empty() {
        loader.report_help(
            Code::RulesSyntax,
            format!("`{}` is not a page list", pages.get_ref()),
            pages.span(),
            "not a page list",
            "write pages as a letter would: \"78\", \"76-80\", \"60, 61, 76-78\"".into(),
        );
    }
    parsed
}

fn cites_of(
    loader: &mut Loader,
    cites: &[CiteSpec],
    sections: &HashMap<String, usize>,
) -> Vec<Cite> {
    let mut out = Vec::new();
    for cite in cites {
        let Some(&section) = sections.get(cite.section.get_ref()) else {
            unknown(loader, "section", &cite.section);
            continue;
        };
        let pages = cite
            .pages
            .as_ref()
            .map(|p| pages_of(loader, p))
            .unwrap_or_default();
        out.push(Cite { section, pages });
    }
    out
}

fn compile_pattern(loader: &mut Loader, text: &str, pattern: &Spanned<String>) -> Option<Pattern> {
    if loader.patterns == Patterns::Deferred {
        return Some(Pattern::deferred(pattern.get_ref(), PATTERN_SIZE_LIMIT));
    }
    match Pattern::new(pattern.get_ref(), PATTERN_SIZE_LIMIT) {
        Ok(regex) => {
            if regex.is_match("") {
                loader.report(
                    Code::RulesInvalidPattern,
                    format!(
                        "pattern `{}` matches empty text, so it matches everywhere",
                        pattern.get_ref()
                    ),
                    pattern.span(),
                    "matches empty text",
                );
                return None;
            }
            Some(regex)
        }
        Err(err) => {
            let _ = text;
            let message = err.to_string();
            let first_line = message
                .lines()
                .last()
                .unwrap_or("invalid pattern")
                .trim()
                .to_string();
            loader.report_help(
                Code::RulesInvalidPattern,
                format!("pattern `{}` does not compile", pattern.get_ref()),
                pattern.span(),
                "invalid regular expression",
                first_line,
            );
            None
        }
    }
}

/// The ids a condition may name.
struct Names<'a> {
    findings: &'a HashMap<String, usize>,
    criteria: &'a HashMap<String, usize>,
    sections: &'a HashMap<String, usize>,
}

/// The prefix of a condition's name for a guideline section the reviewer cites: `cites.elbow-odg`.
const CITES: &str = "cites.";

fn resolve(
    loader: &mut Loader,
    condition: &Condition,
    base: usize,
    names: &Names<'_>,
) -> Option<Expr> {
    let at = |r: &Range<usize>| base + r.start..base + r.end;
    match condition {
        Condition::Constant(t) => Some(Expr::Constant(*t)),
        Condition::Name(name, range) if name.starts_with(CITES) => {
            let section = &name[CITES.len()..];
            match names.sections.get(section) {
                Some(&s) => Some(Expr::Cites(s)),
                None => {
                    loader.report(
                        Code::RulesUnknownReference,
                        format!("no section has the id `{section}`"),
                        at(range),
                        "unknown section",
                    );
                    None
                }
            }
        }
        Condition::Name(name, range) => {
            if let Some(&f) = names.findings.get(name) {
                Some(Expr::Finding(f))
            } else if let Some(&c) = names.criteria.get(name) {
                Some(Expr::Criterion(c))
            } else if Measure::from_name(name).is_some() {
                loader.report(
                    Code::RulesInvalidCondition,
                    format!("`{name}` is a number; compare it, as in `{name} <= 2`"),
                    at(range),
                    "a measure needs a comparison",
                );
                None
            } else {
                loader.report(
                    Code::RulesUnknownReference,
                    format!("no finding or criterion has the id `{name}`"),
                    at(range),
                    "unknown id",
                );
                None
            }
        }
        Condition::Compare(name, range, op, value) => match Measure::from_name(name) {
            Some(m) => Some(Expr::Compare(m, *op, *value)),
            None => {
                let names: Vec<&str> = Measure::ALL.iter().map(|m| m.name()).collect();
                loader.report_help(
                    Code::RulesInvalidCondition,
                    format!("`{name}` is not a measure that can be compared"),
                    at(range),
                    "not a measure",
                    format!("measures are {}", names.join(", ")),
                );
                None
            }
        },
        Condition::Not(inner) => {
            resolve(loader, inner, base, names).map(|e| Expr::Not(Box::new(e)))
        }
        Condition::And(parts) | Condition::Or(parts) | Condition::Otherwise(parts) => {
            let resolved: Vec<Option<Expr>> = parts
                .iter()
                .map(|p| resolve(loader, p, base, names))
                .collect();
            if resolved.iter().any(Option::is_none) {
                return None;
            }
            let list = resolved.into_iter().flatten().collect();
            Some(match condition {
                Condition::And(_) => Expr::And(list),
                Condition::Or(_) => Expr::Or(list),
                _ => Expr::Otherwise(list),
            })
        }
    }
}
/// Body region names are unique, related regions exist, and there are no more than a set of regions
/// can hold.
fn check_body_regions(loader: &mut Loader, regions: &[crate::context::BodyRegionSpec]) {
    use crate::context::MAX_BODY_REGIONS;
    let named = |among: &[crate::context::BodyRegionSpec], name: &str| {
        among.iter().any(|r| r.name.get_ref() == name)
    };
    for (k, region) in regions.iter().enumerate() {
        let name = &region.name;
        if named(&regions[..k], name.get_ref()) {
            loader.report(
                Code::RulesDuplicateId,
                format!("a second body region named `{}`", name.get_ref()),
                name.span(),
                "already defined",
            );
        }
        if k == MAX_BODY_REGIONS {
            loader.report(
                Code::RulesSyntax,
                format!("more than {MAX_BODY_REGIONS} body regions"),
                name.span(),
                "one too many",
            );
        }
        for related in &region.related {
            if !named(regions, related.get_ref()) {
                loader.report(
                    Code::RulesUnknownReference,
                    format!("no body region is named `{}`", related.get_ref()),
                    related.span(),
                    "unknown body region",
                );
            }
        }
    }
}
