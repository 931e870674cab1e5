//! Rule tests: cases stored beside the rules (`rules/tests/*.toml`) that pin what a finding reads in a
//! passage, what a rationale concludes, and what verdicts and codes whole letters get.

use crate::check;
use crate::evaluate::Verdict;
use crate::extract;
use crate::rules::{Region, RuleBase, Truth};
use crate::source::Source;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    case: Vec<Case>,
}

/// One rule test as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Case {
    pub name: String,
    /// A finding read in `text`.
    pub finding: Option<String>,
    /// The passage, for finding and conclusion cases.
    pub text: Option<String>,
    #[serde(default = "rationale")]
    pub region: Region,
    /// present, absent or unknown (finding cases); necessary, not-necessary or none (conclusion cases);
    /// unresolved or none (unresolved-records cases).
    pub expect: Option<String>,
    /// A conclusion case: what the rationale concludes.
    #[serde(default)]
    pub conclusion: bool,
    /// An unresolved-records case: whether the rationale says the records leave a fact unsettled.
    #[serde(default)]
    pub unresolved: bool,
    /// A letter case: a letter file, relative to the case file.
    pub letter: Option<PathBuf>,
    #[serde(default)]
    pub items: Vec<ItemExpectation>,
}

fn rationale() -> Region {
    Region::Rationale
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemExpectation {
    pub index: usize,
    pub verdict: String,
    #[serde(default)]
    pub codes: Vec<String>,
    /// Rules that must apply to the item.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub file: String,
    pub name: String,
    /// None when the case passed; otherwise what differed, expected against actual.
    pub failure: Option<String>,
    /// Which finding, criterion and rule ids the case exercised, and how the criteria came out.
    pub exercised: Exercised,
}

#[derive(Debug, Clone, Default)]
pub struct Exercised {
    pub findings: Vec<usize>,
    pub rules: Vec<usize>,
    pub criteria: Vec<(usize, Truth)>,
    /// For letter cases: each applied rule with the verdict its item reached.
    pub verdicts: Vec<(usize, Verdict)>,
}

/// Where rule tests and the letters they name are read from.
pub enum TestTree {
    /// A `tests/` directory on disk (beside a rules directory).
    Disk(PathBuf),
    /// The tests built into the binary with the default rule base.
    Embedded,
}

impl TestTree {
    /// The case files, `(name, text)`, in name order.
    fn case_files(&self) -> Result<Vec<(String, String)>, String> {
        match self {
            TestTree::Embedded => Ok(crate::rules::embedded_tests()
                .into_iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect()),
            TestTree::Disk(dir) => {
                let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                    .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                paths.sort();
                paths
                    .into_iter()
                    .map(|p| {
                        let text = std::fs::read_to_string(&p)
                            .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                        Ok((
                            p.file_name()
                                .unwrap_or_default()
                                .to_string_lossy()
                                .to_string(),
                            text,
                        ))
                    })
                    .collect()
            }
        }
    }

    fn read(&self, relative: &Path) -> Result<Source, String> {
        match self {
            TestTree::Disk(dir) => Source::read(&dir.join(relative))
                .map_err(|e| format!("cannot read {}: {e}", dir.join(relative).display())),
            TestTree::Embedded => crate::rules::embedded_test_file(relative)
                .map(|bytes| Source::from_bytes(relative.display().to_string(), bytes.to_vec()))
                .ok_or_else(|| format!("no built-in test letter {}", relative.display())),
        }
    }
}

fn parse_cases(name: &str, text: &str) -> Result<Vec<Case>, String> {
    let file: CaseFile = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |s| text[..s.start].matches('\n').count() + 1);
        format!("{name}:{line}: {}", e.message())
    })?;
    Ok(file.case)
}

fn truth_word(t: Truth) -> &'static str {
    match t {
        Truth::Met => "present",
        Truth::NotMet => "absent",
        Truth::Unknown => "unknown",
    }
}

/// Runs one case.
pub fn run_case(rules: &RuleBase, tree: &TestTree, file: &str, case: &Case) -> Outcome {
    let mut exercised = Exercised::default();
    let failure = (|| -> Option<String> {
        if let Some(finding) = &case.finding {
            let Some(f) = rules.finding_id(finding) else {
                return Some(format!("no finding has the id `{finding}`"));
            };
            exercised.findings.push(f);
            let text = case.text.as_deref().unwrap_or_default();
            let extraction = extract::read_passage(rules, text, case.region);
            let actual = truth_word(extraction.values[f].truth);
            let expected = case.expect.as_deref().unwrap_or("present");
            if actual != expected {
                let why: Vec<String> = extraction
                    .mentions
                    .iter()
                    .filter(|m| m.finding == f)
                    .map(|m| {
                        let trigger = m.trigger.as_ref().map_or(String::new(), |t| {
                            format!(", trigger \"{}\" ({})", t.phrase, t.category)
                        });
                        format!(
                            "\"{}\" counted {:?}{trigger}",
                            &text[m.span.range()],
                            m.counts
                        )
                    })
                    .collect();
                return Some(format!(
                    "finding `{finding}`: expected {expected}, got {actual}{}",
                    if why.is_empty() {
                        " (no mention found)".to_string()
                    } else {
                        format!(": {}", why.join("; "))
                    }
                ));
            }
            return None;
        }
        // A passage read as a rationale: what it concludes, or whether it leaves the records
        // unresolved.
        if case.conclusion || case.unresolved {
            let text = case.text.as_deref().unwrap_or_default();
            let extraction = extract::read_passage(rules, text, Region::Rationale);
            let (reading, actual) = if case.conclusion {
                let actual = match &extraction.conclusion {
                    Some(c) if c.necessary => "necessary",
                    Some(_) => "not-necessary",
                    None => "none",
                };
                ("conclusion", actual)
            } else {
                let actual = match extraction.unresolved {
                    Some(_) => "unresolved",
                    None => "none",
                };
                ("unresolved records", actual)
            };
            let expected = case.expect.as_deref().unwrap_or("none");
            return (actual != expected)
                .then(|| format!("{reading}: expected {expected}, got {actual}"));
        }
        if let Some(letter) = &case.letter {
            let source = match tree.read(letter) {
                Ok(s) => s,
                Err(e) => return Some(e),
            };
            let document = check::check(rules, source);
            let mut problems = Vec::new();
            for expected in &case.items {
                let Some(evaluation) = document.items.iter().find(|i| i.index == expected.index)
                else {
                    problems.push(format!(
                        "item {}: the letter has no such item",
                        expected.index
                    ));
                    continue;
                };
                for r in &evaluation.rules {
                    exercised.rules.push(r.rule);
                    exercised.verdicts.push((r.rule, evaluation.verdict));
                }
                for &c in &evaluation.relevant {
                    exercised.criteria.push((c, evaluation.criteria[c]));
                }
                for (f, v) in evaluation.extraction.values.iter().enumerate() {
                    if v.truth != Truth::Unknown {
                        exercised.findings.push(f);
                    }
                }
                if evaluation.verdict.name() != expected.verdict {
                    problems.push(format!(
                        "item {}: verdict expected {}, got {}",
                        expected.index,
                        expected.verdict,
                        evaluation.verdict.name()
                    ));
                }
                let mut actual: Vec<&str> = evaluation
                    .diagnostics
                    .iter()
                    .map(|d| d.code.name())
                    .collect();
                actual.sort_unstable();
                actual.dedup();
                let mut wanted: Vec<&str> = expected.codes.iter().map(String::as_str).collect();
                wanted.sort_unstable();
                wanted.dedup();
                if actual != wanted {
                    problems.push(format!(
                        "item {}: codes expected [{}], got [{}]",
                        expected.index,
                        wanted.join(", "),
                        actual.join(", ")
                    ));
                }
                for rule in &expected.rules {
                    if !evaluation
                        .rules
                        .iter()
                        .any(|r| &rules.rules[r.rule].id == rule)
                    {
                        problems.push(format!(
                            "item {}: rule `{rule}` does not apply",
                            expected.index
                        ));
                    }
                }
            }
            return (!problems.is_empty()).then(|| problems.join("\n"));
        }
        Some("a case needs `finding`, `conclusion = true`, `unresolved = true` or `letter`".into())
    })();
    Outcome {
        file: file.to_string(),
        name: case.name.clone(),
        failure,
        exercised,
    }
}

/// Runs every case of a test tree.
pub fn run(rules: &RuleBase, tree: &TestTree) -> Result<Vec<Outcome>, String> {
    let mut out = Vec::new();
    for (name, text) in tree.case_files()? {
        for case in parse_cases(&name, &text)? {
            out.push(run_case(rules, tree, &name, &case));
        }
    }
    Ok(out)
}

/// What the tests leave unexercised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub findings_untested: Vec<String>,
    pub criteria_untested: Vec<String>,
    pub rules_untested: Vec<String>,
    /// Criteria no test shows both met and not met.
    pub criteria_one_sided: Vec<String>,
    /// Per service category: how many letter items under its rules reached each verdict.
    pub categories: BTreeMap<String, VerdictTally>,
}

/// Letter items by verdict, for one service category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictTally {
    pub consistent: usize,
    pub inconsistent: usize,
    /// Indeterminate or not covered: the category's rules applied but reached no verdict.
    pub other: usize,
}

impl Coverage {
    /// Categories without both a consistent and an inconsistent letter item: their tests cannot
    /// show that the rules tell a supported decision from an unsupported one.
    pub fn categories_one_sided(&self) -> Vec<&str> {
        self.categories
            .iter()
            .filter(|(_, t)| t.consistent == 0 || t.inconsistent == 0)
            .map(|(c, _)| c.as_str())
            .collect()
    }
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sections = [
            ("findings no test exercises", &self.findings_untested),
            ("criteria no test exercises", &self.criteria_untested),
            ("rules no test exercises", &self.rules_untested),
            (
                "criteria no test shows both met and not met",
                &self.criteria_one_sided,
            ),
        ];
        fn listed<T: std::fmt::Display>(
            f: &mut std::fmt::Formatter<'_>,
            title: &str,
            list: &[T],
        ) -> std::fmt::Result {
            if list.is_empty() {
                return writeln!(f, "{title}: none");
            }
            writeln!(f, "{title}: {}", list.len())?;
            for id in list {
                writeln!(f, "  {id}")?;
            }
            Ok(())
        }
        for (title, list) in sections {
            listed(f, title, list)?;
        }
        writeln!(
            f,
            "letter items by category (consistent / inconsistent / no verdict):"
        )?;
        for (category, t) in &self.categories {
            writeln!(
                f,
                "  {category:<32} {:>3} / {:>3} / {:>3}",
                t.consistent, t.inconsistent, t.other
            )?;
        }
        listed(
            f,
            "categories without both a consistent and an inconsistent letter",
            &self.categories_one_sided(),
        )
    }
}

/// Whether criterion `c` reads nothing but findings of the service line ("genetic testing is not
/// recommended" where the request is genetic testing): wherever its rule applies it comes out the
/// same, so no case can show its other side.
fn reads_request_only(rules: &RuleBase, c: usize) -> bool {
    let read = rules.findings_read_by(&rules.criteria_read_by(std::iter::once(c)));
    let mut any = false;
    for (f, &r) in read.iter().enumerate() {
        if r {
            any = true;
            if rules.findings[f].read_in != [crate::rules::Region::Request] {
                return false;
            }
        }
    }
    any
}

/// Coverage of the rule base by a set of outcomes, as `opa test --coverage` reports a policy's.
pub fn coverage(rules: &RuleBase, outcomes: &[Outcome]) -> Coverage {
    let mut finding = vec![false; rules.findings.len()];
    let mut rule = vec![false; rules.rules.len()];
    let mut met = vec![false; rules.criteria.len()];
    let mut not_met = vec![false; rules.criteria.len()];
    let mut seen = vec![false; rules.criteria.len()];
    let mut categories: BTreeMap<String, VerdictTally> = rules
        .rules
        .iter()
        .map(|r| (r.category.clone(), VerdictTally::default()))
        .collect();
    for outcome in outcomes {
        for &(r, verdict) in &outcome.exercised.verdicts {
            let tally = categories
                .entry(rules.rules[r].category.clone())
                .or_default();
            match verdict {
                Verdict::Consistent => tally.consistent += 1,
                Verdict::Inconsistent => tally.inconsistent += 1,
                Verdict::Indeterminate | Verdict::NotCovered => tally.other += 1,
            }
        }
        for &f in &outcome.exercised.findings {
            finding[f] = true;
        }
        for &r in &outcome.exercised.rules {
            rule[r] = true;
        }
        for &(c, truth) in &outcome.exercised.criteria {
            seen[c] = true;
            match truth {
                Truth::Met => met[c] = true,
                Truth::NotMet => not_met[c] = true,
                Truth::Unknown => {}
            }
        }
    }
    Coverage {
        findings_untested: (0..finding.len())
            .filter(|&i| !finding[i])
            .map(|i| rules.findings[i].id.clone())
            .collect(),
        criteria_untested: (0..seen.len())
            .filter(|&i| !seen[i])
            .map(|i| rules.criteria[i].id.clone())
            .collect(),
        rules_untested: (0..rule.len())
            .filter(|&i| !rule[i])
            .map(|i| rules.rules[i].id.clone())
            .collect(),
        criteria_one_sided: (0..seen.len())
            .filter(|&i| seen[i] && !(met[i] && not_met[i]) && !reads_request_only(rules, i))
            .map(|i| rules.criteria[i].id.clone())
            .collect(),
        categories,
    }
}
