//! End-to-end throughput of `check` on a generated corpus with JSON Lines output, on one core (a first
//! run, which builds the rules' finding readers, and a second) and on all cores, and peak memory at two
//! corpus sizes (it must not grow with the corpus).
//! `cargo bench --bench corpus` (set IMR_BENCH_LETTERS to change the size; default 4000).

use imr_audit::batch::{self, RunOptions};
use imr_audit::report::human::HumanOptions;
use imr_audit::report::stream::{Format, StreamWriter};
use imr_audit::rules::RuleBase;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn generate(n: usize, dir: &Path) {
    let status = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--release",
            "--quiet",
            "--example",
            "gen_corpus",
            "--",
        ])
        .arg(n.to_string())
        .arg(dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("run the corpus generator");
    assert!(status.success());
}

/// Checks every letter below `dir`; returns letters, bytes, seconds and the peak resident memory after
/// a quarter of the letters and after all of them.
fn run(rules: &RuleBase, dir: &Path, threads: usize) -> (usize, usize, f64, u64, u64) {
    let inputs = batch::expand_inputs(&[dir.to_path_buf()]);
    let bytes: usize = inputs
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len() as usize))
        .sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let quarter = inputs.len() / 4;
    let mut seen = 0usize;
    let mut peak_quarter = 0;
    let start = Instant::now();
    let letters = pool.install(|| {
        let options = RunOptions {
            window: 64 * threads,
            ..RunOptions::default()
        };
        let mut writer = StreamWriter::new(
            std::io::sink(),
            Format::Jsonl,
            rules,
            HumanOptions::default(),
        )
        .unwrap();
        let summary = batch::run(
            rules,
            &inputs,
            &options,
            None,
            |d| writer.document(d),
            || {
                seen += 1;
                if seen == quarter {
                    peak_quarter = batch::peak_memory_kib();
                }
            },
        )
        .unwrap();
        writer.finish(&summary).unwrap();
        summary.totals.inputs
    });
    (
        letters,
        bytes,
        start.elapsed().as_secs_f64(),
        peak_quarter,
        batch::peak_memory_kib(),
    )
}

// The allocator the command-line tool uses, set as it sets it, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: imr_audit::allocator::MiMalloc = imr_audit::allocator::MiMalloc;

fn main() {
    imr_audit::allocator::keep_freed_memory();
    let n: usize = std::env::var("IMR_BENCH_LETTERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let dir: PathBuf =
        std::env::temp_dir().join(format!("imr-audit-corpus-{}", std::process::id()));
    generate(n, &dir);
    let rules = RuleBase::embedded().unwrap();
    // The first run builds each rule's finding reader as its letters come up (a one-time cost the
    // rule base sets, not the corpus); the second shows the rate a long run settles at.
    let (letters, bytes, seconds, peak_quarter, peak_all) = run(&rules, &dir, 1);
    let report = |label: &str, seconds: f64| {
        println!(
            "check, JSON Lines, 1 core, {label}:  {letters} letters in {seconds:.2} s = {:.0} letters/s, {:.1} MB/s",
            letters as f64 / seconds,
            bytes as f64 / seconds / 1e6
        )
    };
    report("first run", seconds);
    println!(
        "peak resident memory: {peak_quarter} KiB after {} letters, {peak_all} KiB after {letters}",
        letters / 4
    );
    let (_, _, again, _, _) = run(&rules, &dir, 1);
    report("second run", again);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (all, _, all_seconds, _, _) = run(&rules, &dir, cores);
    println!(
        "check, JSON Lines, {cores} cores: {:.0} letters/s",
        all as f64 / all_seconds
    );
    let _ = std::fs::remove_dir_all(&dir);
}
