//! The `imr-audit` command line: a thin shell over the library.

use clap::{Parser, Subcommand, ValueEnum};
use imr_audit::check::{self, Document, Settings, Totals};
use imr_audit::letter::Date;
use imr_audit::report::{self, HumanOptions};
use imr_audit::rules::RuleBase;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "imr-audit",
    version,
    about = "Audits California IMR final determination letters for internal consistency against the guidelines they cite",
    long_about = "Audits California workers' compensation Independent Medical Review (IMR) final determination \
letters: it reads each disputed item, evaluates the rationale's stated findings against a rule base that \
encodes the cited MTUS, ACOEM and ODG criteria, and reports whether the findings support the decision.\n\n\
The default rule base is built in; --rules DIR replaces it.",
    after_help = "Examples:\n  imr-audit check tests/fixtures/*.txt\n  imr-audit explain letter.txt --item 2\n  imr-audit explain-code imr::findings-contradict-decision"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check letters: do each item's stated findings support its decision?
    #[command(
        after_help = "Examples:\n  imr-audit check letter.txt\n  imr-audit check tests/fixtures/ --format json\n  imr-audit check - < letter.txt\n\n\
Exit status: 0 when no item is inconsistent and every input was checked; 1 when an item is inconsistent; \
2 when an input was rejected, the rules could not be loaded or the usage was wrong (2 wins over 1)."
    )]
    Check {
        /// Letter files, directories (searched recursively for .txt files) or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// A rules directory to use instead of the built-in rule base.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        /// Apply the guideline editions in force on this date (YYYY-MM-DD) instead of the letter's own
        /// date or its latest dated record.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Parse letters into items, decisions, citations and request details, without checking them.
    #[command(
        after_help = "Examples:\n  imr-audit parse letter.txt\n  imr-audit parse tests/fixtures/*.txt --format json"
    )]
    Parse {
        /// Letter files, directories or - for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Show an item's evaluation tree: each criterion met, not met or unknown, and the text that decided it.
    #[command(
        after_help = "Examples:\n  imr-audit explain letter.txt\n  imr-audit explain letter.txt --item 2 --format json"
    )]
    Explain {
        /// One letter file, or - for standard input.
        path: PathBuf,
        /// Only this item (1-based).
        #[arg(long)]
        item: Option<usize>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        /// Apply the guideline editions in force on this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
    },
    /// Work on the rule base: validate it, run its tests.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Print the documentation of a diagnostic code, or list every code.
    #[command(
        after_help = "Examples:\n  imr-audit explain-code imr::citation-mismatch\n  imr-audit explain-code"
    )]
    ExplainCode {
        /// A code such as imr::decision-conclusion-mismatch (the imr:: prefix may be left out).
        code: Option<String>,
    },
    /// Show how the assertion-context lexicon reads a phrase in a sentence.
    #[command(
        after_help = "Examples:\n  imr-audit context --target radiculopathy \"EMG showed no evidence of radiculopathy.\"\n  \
echo '{\"text\": \"No aberrant behavior is discussed.\", \"target\": \"aberrant behavior\"}' | imr-audit context\n\n\
With TEXT, prints the target's assertion and the trigger and scope that decided it. Without TEXT, reads JSON Lines \
{\"text\": ..., \"target\": ...} on standard input and writes one JSON line per input, in order."
    )]
    Context {
        /// The phrase whose context to report (matched case-insensitively).
        #[arg(long)]
        target: Option<String>,
        /// The sentence or passage; without it, JSON Lines are read from standard input.
        text: Option<String>,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a rules directory (the built-in rule base without DIR) and report every problem at once.
    #[command(
        after_help = "Examples:\n  imr-audit rules lint\n  imr-audit rules lint my-rules/\n\nExit status: 0 clean, 1 problems found, 2 unusable input."
    )]
    Lint {
        /// A rules directory; the built-in rule base when left out.
        dir: Option<PathBuf>,
    },
    /// Run the rule tests stored beside the rules (DIR/tests/*.toml; the built-in ones without DIR).
    #[command(
        after_help = "Examples:\n  imr-audit rules test\n  imr-audit rules test my-rules/ --coverage\n\nExit status: 0 when every case passes, 1 when a case fails, 2 when the rules or tests cannot be read."
    )]
    Test {
        /// A rules directory with a tests/ directory inside; the built-in rule base when left out.
        dir: Option<PathBuf>,
        /// Also list the findings, criteria and rules no test exercises, and the criteria no test
        /// shows both met and not met.
        #[arg(long)]
        coverage: bool,
    },
    /// Print the dependency graph of findings, criteria and rules.
    #[command(
        after_help = "Examples:\n  imr-audit rules graph | dot -Tsvg > rules.svg\n  imr-audit rules graph --format mermaid --rule facet-diagnostic-blocks"
    )]
    Graph {
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
        /// Only this rule and what it depends on.
        #[arg(long, value_name = "ID")]
        rule: Option<String>,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Show one rule, criterion, finding or section: its definition, citations, and its neighbours.
    #[command(
        after_help = "Examples:\n  imr-audit rules show facet-diagnostic-blocks\n  imr-audit rules show radicular-symptoms"
    )]
    Show {
        id: String,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// List every rule with its service category and citations.
    #[command(
        after_help = "Examples:\n  imr-audit rules list\n  imr-audit rules list --format json"
    )]
    List {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum GraphFormat {
    Dot,
    Mermaid,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let options = HumanOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            rules,
            as_of,
        } => run_check(
            &mut out,
            &paths,
            format,
            rules.as_deref(),
            Settings { as_of },
            options,
        ),
        Command::Parse { paths, format } => run_parse(&mut out, &paths, format, options),
        Command::Explain {
            path,
            item,
            format,
            rules,
            as_of,
        } => run_explain(
            &mut out,
            &path,
            item,
            format,
            rules.as_deref(),
            Settings { as_of },
            options,
        ),
        Command::ExplainCode { code } => run_explain_code(&mut out, code.as_deref()),
        Command::Rules(RulesCommand::Lint { dir }) => {
            run_rules_lint(&mut out, dir.as_deref(), options)
        }
        Command::Rules(RulesCommand::Test { dir, coverage }) => {
            run_rules_test(&mut out, dir.as_deref(), coverage, options)
        }
        Command::Rules(RulesCommand::Graph {
            format,
            rule,
            rules,
        }) => run_rules_graph(&mut out, format, rule.as_deref(), rules.as_deref(), options),
        Command::Rules(RulesCommand::Show { id, rules }) => {
            run_rules_show(&mut out, &id, rules.as_deref(), options)
        }
        Command::Rules(RulesCommand::List { format, rules }) => {
            run_rules_list(&mut out, format, rules.as_deref(), options)
        }
        Command::Context {
            target,
            text,
            rules,
        } => run_context(
            &mut out,
            target.as_deref(),
            text.as_deref(),
            rules.as_deref(),
        ),
    };
    let _ = out.flush();
    ExitCode::from(code)
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

fn load_rules(dir: Option<&Path>, options: HumanOptions) -> Result<RuleBase, u8> {
    let loaded = match dir {
        Some(dir) => imr_audit::rules::load_dir(dir),
        None => RuleBase::embedded(),
    };
    loaded.map_err(|error| {
        let mut err = std::io::stderr().lock();
        let _ = report::human::write_rules_error(&mut err, &error, options);
        2
    })
}

/// Expands directories into the `.txt` files below them, sorted, so runs are deterministic.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            out.push(path);
        }
    }
}

fn exit_code(totals: &Totals) -> u8 {
    if totals.rejected > 0 {
        2
    } else if totals.inconsistent() > 0 {
        1
    } else {
        0
    }
}

fn run_check(
    out: &mut dyn Write,
    paths: &[PathBuf],
    format: Format,
    rules: Option<&Path>,
    settings: Settings,
    options: HumanOptions,
) -> u8 {
    let rules = match load_rules(rules, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut totals = Totals::default();
    let documents: Vec<Document> = expand(paths)
        .iter()
        .map(|p| {
            let d = check::check_path(&rules, p, &settings);
            totals.add(&d);
            d
        })
        .collect();
    let written = match format {
        Format::Human => report::human::write_check(out, &rules, &documents, &totals, options),
        Format::Json => report::json::write_check(out, &rules, &documents, &totals),
    };
    if written.is_err() {
        return 2;
    }
    exit_code(&totals)
}

fn run_parse(out: &mut dyn Write, paths: &[PathBuf], format: Format, options: HumanOptions) -> u8 {
    let mut totals = Totals::default();
    let documents: Vec<Document> = expand(paths)
        .iter()
        .map(|p| {
            let d = match check::read_input(p) {
                Ok(source) => check::parse(source),
                Err(e) => Document::unreadable(&p.display().to_string(), &e),
            };
            totals.add(&d);
            d
        })
        .collect();
    let written = match format {
        Format::Human => report::human::write_parse(out, &documents, &totals, options),
        Format::Json => report::json::write_parse(out, &documents, &totals),
    };
    if written.is_err() {
        return 2;
    }
    if totals.rejected > 0 {
        2
    } else {
        0
    }
}

fn run_explain(
    out: &mut dyn Write,
    path: &Path,
    item: Option<usize>,
    format: Format,
    rules: Option<&Path>,
    settings: Settings,
    options: HumanOptions,
) -> u8 {
    let rules = match load_rules(rules, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let document = check::check_path(&rules, path, &settings);
    let result = match format {
        Format::Human => report::explain::write_human(out, &rules, &document, item, options),
        Format::Json => report::explain::write_json(out, &rules, &document, item),
    };
    match result {
        Ok(true) => {
            if document.status == check::Status::Rejected {
                2
            } else {
                0
            }
        }
        Ok(false) => {
            eprintln!(
                "error: {} has no item {}",
                document.source.name,
                item.unwrap_or(0)
            );
            2
        }
        Err(_) => 2,
    }
}

fn run_explain_code(out: &mut dyn Write, code: Option<&str>) -> u8 {
    use imr_audit::diagnostic::{Code, CODES};
    match code {
        None => {
            for info in CODES {
                let _ = writeln!(
                    out,
                    "{:<40} {:<8} {}",
                    info.name,
                    info.severity.name(),
                    info.summary
                );
            }
            0
        }
        Some(name) => {
            match Code::from_name(name) {
                Some(code) => {
                    let _ = write!(out, "{}", code.info().page);
                    0
                }
                None => {
                    eprintln!("error: unknown diagnostic code `{name}`; `imr-audit explain-code` lists them");
                    2
                }
            }
        }
    }
}

fn run_context(
    out: &mut dyn Write,
    target: Option<&str>,
    text: Option<&str>,
    rules: Option<&Path>,
) -> u8 {
    let rules = match load_rules(rules, HumanOptions::default()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match (target, text) {
        (Some(target), Some(text)) => {
            let result = imr_audit::context::report::assess(&rules.context, text, target);
            let _ = writeln!(out, "{}", imr_audit::context::report::describe(&result));
            if result.is_ok() {
                0
            } else {
                1
            }
        }
        (None, Some(_)) => {
            eprintln!("error: --target PHRASE is required with TEXT");
            2
        }
        (target, None) => {
            let stdin = std::io::stdin();
            let code =
                imr_audit::context::report::run_jsonl(&rules.context, stdin.lock(), out, target);
            if code.is_err() {
                2
            } else {
                0
            }
        }
    }
}

fn run_rules_lint(out: &mut dyn Write, dir: Option<&Path>, options: HumanOptions) -> u8 {
    let loaded = match dir {
        Some(dir) => imr_audit::rules::load_dir(dir),
        None => RuleBase::embedded(),
    };
    match loaded {
        Ok(rules) => {
            let problems = imr_audit::rules::lint::lint(&rules);
            if !problems.is_empty() {
                let error = imr_audit::rules::RulesError {
                    files: rules.files.clone(),
                    problems,
                };
                let _ = report::human::write_rules_error(out, &error, options);
                return 1;
            }
            let _ = writeln!(
                out,
                "rules are clean: {} file(s), {} section(s), {} finding(s), {} criteria, {} rule(s)",
                rules.files.len(),
                rules.sections.len(),
                rules.findings.len(),
                rules.criteria.len(),
                rules.rules.len()
            );
            0
        }
        Err(error) => {
            let _ = report::human::write_rules_error(out, &error, options);
            if error.files.is_empty() {
                2
            } else {
                1
            }
        }
    }
}

fn run_rules_graph(
    out: &mut dyn Write,
    format: GraphFormat,
    rule: Option<&str>,
    dir: Option<&Path>,
    options: HumanOptions,
) -> u8 {
    let rules = match load_rules(dir, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let rule = match rule {
        None => None,
        Some(id) => match rules.rule_id(id) {
            Some(r) => Some(r),
            None => {
                eprintln!("error: no rule has the id `{id}`; `imr-audit rules list` lists them");
                return 2;
            }
        },
    };
    let written = match format {
        GraphFormat::Dot => report::rules::write_dot(out, &rules, rule),
        GraphFormat::Mermaid => report::rules::write_mermaid(out, &rules, rule),
    };
    if written.is_err() {
        2
    } else {
        0
    }
}

fn run_rules_show(out: &mut dyn Write, id: &str, dir: Option<&Path>, options: HumanOptions) -> u8 {
    let rules = match load_rules(dir, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    match report::rules::write_show(out, &rules, id) {
        Ok(true) => 0,
        Ok(false) => {
            eprintln!("error: no rule, criterion, finding or section has the id `{id}`");
            2
        }
        Err(_) => 2,
    }
}

fn run_rules_list(
    out: &mut dyn Write,
    format: Format,
    dir: Option<&Path>,
    options: HumanOptions,
) -> u8 {
    let rules = match load_rules(dir, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let written = match format {
        Format::Human => report::rules::write_list_human(out, &rules),
        Format::Json => report::rules::write_list_json(out, &rules),
    };
    if written.is_err() {
        2
    } else {
        0
    }
}

fn run_rules_test(
    out: &mut dyn Write,
    dir: Option<&Path>,
    coverage: bool,
    options: HumanOptions,
) -> u8 {
    use imr_audit::ruletest::{self, TestTree};
    let rules = match load_rules(dir, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let tree = match dir {
        Some(dir) => TestTree::Disk(dir.join("tests")),
        None => TestTree::Embedded,
    };
    let outcomes = match ruletest::run(&rules, &tree) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let failed: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    for outcome in &failed {
        let _ = writeln!(out, "FAIL {} :: {}", outcome.file, outcome.name);
        for line in outcome.failure.as_deref().unwrap_or_default().lines() {
            let _ = writeln!(out, "     {line}");
        }
    }
    if coverage {
        let _ = write!(out, "{}", ruletest::coverage(&rules, &outcomes));
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed",
        outcomes.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        0
    } else {
        1
    }
}
