//! The `imr-audit` command line: a thin shell over the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use imr_audit::batch;
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
        after_help = "Examples:\n  imr-audit check letter.txt\n  imr-audit check letters/ --format jsonl -o results.jsonl\n  imr-audit check 'letters/**/*.txt' --format sqlite -o results.db\n  imr-audit check --files-from list.txt --format csv\n  imr-audit check - < letter.txt\n\n\
Exit status: 0 when no item is inconsistent and every input was checked; 1 when an item is inconsistent; \
2 when an input was rejected, the rules could not be loaded or the usage was wrong (2 wins over 1)."
    )]
    Check(CheckArgs),
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
        #[command(flatten)]
        limits: LimitArgs,
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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write one self-contained HTML report of a run: totals, charts, and a drill-down per letter.
    #[command(
        after_help = "Examples:\n  imr-audit report letters/ -o report.html\n  imr-audit report --files-from list.txt -o report.html --baseline baseline.json"
    )]
    Report {
        /// Letter files, directories, glob patterns or - for standard input.
        paths: Vec<PathBuf>,
        /// Also check the paths listed in LIST, one per line.
        #[arg(long, value_name = "LIST")]
        files_from: Option<PathBuf>,
        /// Where to write the HTML file.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<Date>,
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Record findings already reviewed, so later runs show only new ones.
    #[command(subcommand)]
    Baseline(BaselineCommand),
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

#[derive(Args)]
struct CheckArgs {
    /// Letter files, directories (searched recursively for .txt and .pdf letters), glob patterns ('letters/**/*.txt')
    /// or - for standard input.
    paths: Vec<PathBuf>,
    /// Also check the paths listed in LIST, one per line (- for standard input).
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// Write the output to FILE (atomically: written beside it, then renamed) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A rules directory to use instead of the built-in rule base.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Apply the guideline editions in force on this date (YYYY-MM-DD) instead of the letter's own
    /// date or its latest dated record.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Leave out the findings recorded in this baseline (made by `imr-audit baseline create`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Stop at the first rejected input; the inputs not reached are reported as not checked.
    #[arg(long)]
    fail_fast: bool,
    #[command(flatten)]
    limits: LimitArgs,
    /// Check N letters at a time (default: one per core). The output is the same whatever N is.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

/// Limits on what one input may be, shared by every command that reads letters.
#[derive(Args, Clone, Copy)]
struct LimitArgs {
    /// Refuse inputs larger than N bytes, before reading them.
    #[arg(long, value_name = "N", default_value_t = check::Limits::default().max_bytes)]
    max_bytes: u64,
    /// Reject letters with more than N items.
    #[arg(long, value_name = "N", default_value_t = check::Limits::default().max_items)]
    max_items: usize,
}

impl LimitArgs {
    fn limits(self) -> check::Limits {
        check::Limits {
            max_bytes: self.max_bytes,
            max_items: self.max_items,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    /// miette's graphical report per letter, then totals.
    Human,
    /// One JSON document (docs/json.md).
    Json,
    /// One JSON document per line, written as each letter finishes; a last line holds the summary.
    Jsonl,
    /// One row per item; a rejected input is one row with verdict `rejected`.
    Csv,
    /// SARIF 2.1.0, for code-scanning viewers and dashboards.
    Sarif,
    /// A SQLite database with documents, items and diagnostics tables (needs -o FILE).
    Sqlite,
}

impl CheckFormat {
    fn stream(self) -> Option<report::stream::Format> {
        use report::stream::Format as F;
        Some(match self {
            CheckFormat::Human => F::Human,
            CheckFormat::Json => F::Json,
            CheckFormat::Jsonl => F::Jsonl,
            CheckFormat::Csv => F::Csv,
            CheckFormat::Sarif => F::Sarif,
            CheckFormat::Sqlite => return None,
        })
    }
}

#[derive(Subcommand)]
enum BaselineCommand {
    /// Record every current finding of these letters as reviewed and accepted.
    #[command(
        after_help = "Examples:\n  imr-audit baseline create letters/ -o baseline.json\n  imr-audit check letters/ --baseline baseline.json"
    )]
    Create {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the baseline.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
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
        /// Also list the findings, criteria and rules no test exercises, the criteria no test
        /// shows both met and not met, and, per service category, how many letter items reached
        /// each verdict.
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
    imr_audit::allocator::keep_freed_memory();
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let options = HumanOptions {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    let code = match cli.command {
        Command::Check(args) => run_check(&mut out, &args, options),
        Command::Parse {
            paths,
            format,
            limits,
        } => run_parse(&mut out, &paths, format, limits.limits(), options),
        Command::Explain {
            path,
            item,
            format,
            rules,
            as_of,
            limits,
        } => run_explain(
            &mut out,
            &path,
            item,
            format,
            rules.as_deref(),
            Settings {
                as_of,
                limits: limits.limits(),
            },
            options,
        ),
        Command::ExplainCode { code } => run_explain_code(&mut out, code.as_deref()),
        Command::Report {
            paths,
            files_from,
            output,
            rules,
            as_of,
            baseline,
            limits,
        } => {
            let args = CheckArgs {
                paths,
                files_from,
                format: CheckFormat::Human,
                output: Some(output),
                rules,
                as_of,
                baseline,
                fail_fast: false,
                limits,
                jobs: None,
            };
            run_report(&mut out, &args, options)
        }
        Command::Baseline(BaselineCommand::Create {
            paths,
            output,
            rules,
            limits,
        }) => run_baseline(&mut out, &paths, &output, rules.as_deref(), limits, options),
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

fn exit_code(totals: &Totals) -> u8 {
    if totals.rejected > 0 {
        2
    } else if totals.inconsistent() > 0 {
        1
    } else {
        0
    }
}

/// What a check or report run needs: the rules, the expanded inputs, the baseline and the run options.
struct Prepared {
    rules: RuleBase,
    inputs: Vec<batch::Input>,
    baseline: Option<batch::Baseline>,
    run_options: batch::RunOptions,
}

impl Prepared {
    /// Checks every input, handing each document to `on_document` in input order.
    fn run(
        &self,
        on_document: impl FnMut(&check::Document) -> std::io::Result<()>,
        tick: impl FnMut(),
    ) -> std::io::Result<batch::RunSummary> {
        let accepted = self.baseline.as_ref().map(|b| b.set());
        batch::run(
            &self.rules,
            &self.inputs,
            &self.run_options,
            accepted.as_ref(),
            on_document,
            tick,
        )
    }
}

/// Loads the rules and reads the inputs and baseline a run names; the exit status on a problem.
fn prepare(args: &CheckArgs, options: HumanOptions) -> Result<Prepared, u8> {
    let rules = load_rules(args.rules.as_deref(), options)?;
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        match batch::read_list(list) {
            Ok(more) => paths.extend(more),
            Err(e) => {
                eprintln!("error: cannot read the file list {}: {e}", list.display());
                return Err(2);
            }
        }
    }
    if paths.is_empty() {
        eprintln!("error: no input: name letters, directories, patterns, - or --files-from LIST");
        return Err(2);
    }
    let baseline = match &args.baseline {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<batch::Baseline>(&t).map_err(|e| e.to_string()))
        {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("error: cannot read the baseline {}: {e}", path.display());
                return Err(2);
            }
        },
    };
    Ok(Prepared {
        rules,
        inputs: batch::expand_inputs(&paths),
        baseline,
        run_options: batch::RunOptions::new(
            Settings {
                as_of: args.as_of,
                limits: args.limits.limits(),
            },
            args.fail_fast,
        ),
    })
}

fn run_report(out: &mut dyn Write, args: &CheckArgs, options: HumanOptions) -> u8 {
    let prepared = match prepare(args, options) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut documents = Vec::new();
    let summary = match prepared.run(
        |d| {
            documents.push(d.clone());
            Ok(())
        },
        || {},
    ) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let html = report::html::render(&prepared.rules, &documents, &summary);
    let path = args.output.as_deref().expect("report always has an output");
    if let Err(e) = atomic_write(path, |temp| std::fs::write(temp, &html)) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return 2;
    }
    let _ = writeln!(
        out,
        "report of {} input(s) written to {}",
        summary.totals.inputs,
        path.display()
    );
    let _ = report::human::write_totals(out, &summary.totals);
    exit_code(&summary.totals)
}

fn run_check(out: &mut dyn Write, args: &CheckArgs, options: HumanOptions) -> u8 {
    if let Some(jobs) = args.jobs {
        // Only fails when a pool already exists, and none does before this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global();
    }
    let prepared = match prepare(args, options) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let rules = &prepared.rules;
    let progress = progress_bar(prepared.inputs.len());
    let tick = || {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    };
    let result = match (args.format, &args.output) {
        (CheckFormat::Sqlite, None) => {
            eprintln!("error: --format sqlite needs -o FILE");
            return 2;
        }
        (CheckFormat::Sqlite, Some(path)) => atomic_write(path, |temp| {
            let mut writer = report::sqlite::SqliteWriter::create(temp, rules)?;
            let summary = prepared.run(|d| writer.document(d), tick)?;
            writer.finish(&summary)?;
            Ok(summary)
        }),
        (format, output) => {
            let format = format.stream().expect("every other format streams");
            let run = |sink: &mut dyn Write| -> std::io::Result<batch::RunSummary> {
                let mut writer = report::stream::StreamWriter::new(sink, format, rules, options)?;
                let summary = prepared.run(|d| writer.document(d), tick)?;
                writer.finish(&summary)?;
                Ok(summary)
            };
            match output {
                Some(path) => atomic_write(path, |temp| {
                    let file = std::fs::File::create(temp)?;
                    let mut buffered = std::io::BufWriter::new(file);
                    let summary = run(&mut buffered)?;
                    buffered.flush()?;
                    Ok(summary)
                }),
                None => run(out),
            }
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    match result {
        Ok(summary) => exit_code(&summary.totals),
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

/// A progress bar on standard error, only when it is a terminal.
fn progress_bar(total: usize) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || total < 2 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} letters, {per_sec}, eta {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Writes `path` through a temporary file beside it, renamed into place only when `write` succeeds, so
/// an interrupted run never leaves a half-written report.
fn atomic_write<T>(
    path: &Path,
    write: impl FnOnce(&Path) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".imr-audit-")
        .tempfile_in(dir)?;
    let value = write(temp.path())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(value)
}

fn run_baseline(
    out: &mut dyn Write,
    paths: &[PathBuf],
    output: &Path,
    rules: Option<&Path>,
    limits: LimitArgs,
    options: HumanOptions,
) -> u8 {
    let rules = match load_rules(rules, options) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let inputs = batch::expand_inputs(paths);
    let run_options = batch::RunOptions::new(
        Settings {
            limits: limits.limits(),
            ..Settings::default()
        },
        false,
    );
    let mut baseline = batch::Baseline::default();
    let result = batch::run(
        &rules,
        &inputs,
        &run_options,
        None,
        |d| {
            baseline
                .fingerprints
                .extend(batch::Baseline::from_documents([d]).fingerprints);
            Ok(())
        },
        || {},
    );
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    baseline.version = 1;
    for disparity in &summary.disparities {
        let diagnostic = disparity.diagnostic();
        baseline.fingerprints.push(batch::BaselineEntry {
            fingerprint: imr_audit::fingerprint::of_disparity(disparity),
            path: String::new(),
            item: None,
            code: diagnostic.code.name().to_string(),
            message: diagnostic.message,
        });
    }
    baseline.fingerprints.sort();
    baseline
        .fingerprints
        .dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let written = atomic_write(output, |temp| {
        let text = serde_json::to_string_pretty(&baseline).map_err(std::io::Error::other)?;
        std::fs::write(temp, text + "\n")
    });
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", output.display());
        return 2;
    }
    let _ = writeln!(
        out,
        "baseline of {} finding(s) from {} input(s) written to {}",
        baseline.fingerprints.len(),
        summary.totals.inputs,
        output.display()
    );
    // A rejected input has nothing accepted in the baseline: say so, as check would.
    if summary.totals.rejected > 0 {
        let _ = report::human::write_totals(out, &summary.totals);
        return 2;
    }
    0
}

fn run_parse(
    out: &mut dyn Write,
    paths: &[PathBuf],
    format: Format,
    limits: check::Limits,
    options: HumanOptions,
) -> u8 {
    let mut totals = Totals::default();
    let documents: Vec<Document> = batch::expand_inputs(paths)
        .iter()
        .map(|input| {
            let d = match input {
                Ok(p) => match check::read_input(p, &limits) {
                    Ok(source) => check::parse_with(source, &limits),
                    Err(rejected) => *rejected,
                },
                Err((name, reason)) => batch::rejected_input(name, reason),
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
    // The built-in rule base is linted as a directory is, with every pattern compiled now: a check
    // run compiles them only when first used.
    let loaded = match dir {
        Some(dir) => imr_audit::rules::load_dir(dir),
        None => imr_audit::rules::load_sources(imr_audit::rules::embedded_sources()),
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

#[global_allocator]
static ALLOCATOR: imr_audit::allocator::MiMalloc = imr_audit::allocator::MiMalloc;
