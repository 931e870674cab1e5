//! Corpus runs: every input accounted for, in input order, in every export; baselines; disparities.

mod common;

use std::path::{Path, PathBuf};

use common::{imr, json_of};

fn tempdir(name: &str) -> common::Scratch {
    common::scratch(&format!("batch-{name}"))
}

/// A small corpus: the seeds, a copy of seed 002 decided the other way, and two rejected inputs.
fn corpus(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for prefix in ["000", "001", "002", "003", "004"] {
        let to = dir.join(format!("{prefix}.txt"));
        std::fs::copy(common::seed(prefix), &to).unwrap();
        paths.push(to);
    }
    let flipped = std::fs::read_to_string(common::seed("002"))
        .unwrap()
        .replace("L3,L4,L5:  Upheld", "L3,L4,L5:  Overturned")
        .replace(
            "request is not medically necessary.",
            "request is medically necessary.",
        );
    let to = dir.join("sub/002-overturned.txt");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::write(&to, flipped).unwrap();
    paths.push(to);
    std::fs::write(dir.join("sub/empty.txt"), "").unwrap();
    paths.push(dir.join("sub/empty.txt"));
    std::fs::write(
        dir.join("sub/notes.txt"),
        "Meeting notes.\n\nNothing about medicine.\n",
    )
    .unwrap();
    paths.push(dir.join("sub/notes.txt"));
    paths
}

#[test]
fn jsonl_has_every_input_in_order_and_a_summary() {
    let dir = tempdir("jsonl");
    let paths = corpus(&dir);
    let output = imr()
        .arg("check")
        .args(&paths)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "rejected inputs make the exit status 2"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), paths.len() + 1);
    for (line, path) in lines.iter().zip(&paths) {
        assert_eq!(line["path"], path.display().to_string());
    }
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["inputs"], 8);
    assert_eq!(summary["checked"], 6);
    assert_eq!(summary["rejected"], 2);
    // The two medial branch block letters state the same findings and were decided differently.
    let disparities = summary["disparities"].as_array().unwrap();
    assert_eq!(disparities.len(), 1);
    assert_eq!(disparities[0]["category"], "facet-blocks");
    assert_eq!(
        disparities[0]["diagnostic"]["code"],
        "imr::outcome-disparity"
    );
    assert_eq!(disparities[0]["items"].as_array().unwrap().len(), 2);
}

#[test]
fn directories_globs_and_file_lists_are_expanded_in_order() {
    let dir = tempdir("expand");
    let paths = corpus(&dir);
    let list = dir.join("list.txt");
    std::fs::write(
        &list,
        format!(
            "# letters\n{}\n\n{}\n",
            paths[1].display(),
            paths[0].display()
        ),
    )
    .unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let output = imr()
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        json_of(&output)
    };
    let by_dir = json(&[dir.to_str().unwrap()]);
    assert_eq!(
        by_dir["summary"]["inputs"],
        8 + 1,
        "the list file is a .txt in the directory too"
    );
    let by_glob = json(&[&format!("{}/0*.txt", dir.display())]);
    assert_eq!(by_glob["summary"]["inputs"], 5);
    assert_eq!(
        by_glob["documents"][0]["path"],
        paths[0].display().to_string()
    );
    let by_list = json(&["--files-from", list.to_str().unwrap()]);
    assert_eq!(
        by_list["documents"][0]["path"],
        paths[1].display().to_string()
    );
    assert_eq!(
        by_list["documents"][1]["path"],
        paths[0].display().to_string()
    );
    let no_match = json(&[&format!("{}/*.nothing", dir.display())]);
    assert_eq!(no_match["summary"]["rejected"], 1);
}

#[test]
fn csv_has_one_row_per_item_and_per_rejected_input() {
    let dir = tempdir("csv");
    let paths = corpus(&dir);
    let output = imr()
        .arg("check")
        .args(&paths)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["path", "index", "service", "category", "decision", "verdict", "codes", "reason"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8 + 1 + 2);
    let flipped = rows
        .iter()
        .find(|r| r[0].ends_with("002-overturned.txt"))
        .unwrap();
    assert_eq!(&flipped[5], "inconsistent");
    assert_eq!(&flipped[6], "imr::findings-contradict-decision");
    let empty = rows.iter().find(|r| r[0].ends_with("empty.txt")).unwrap();
    assert_eq!(&empty[5], "rejected");
    assert_eq!(&empty[6], "imr::input-empty");
    assert!(!empty[7].is_empty());
}

#[test]
fn sarif_validates_against_the_schema() {
    let dir = tempdir("sarif");
    let paths = corpus(&dir);
    let out = dir.join("results.sarif");
    imr()
        .arg("check")
        .args(&paths)
        .args(["--format", "sarif", "-o"])
        .arg(&out)
        .assert()
        .code(2);
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "imr::findings-contradict-decision" && r["level"] == "error"));
    assert!(results.iter().any(|r| r["ruleId"] == "imr::input-empty"));
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "imr::outcome-disparity"));
    assert!(results
        .iter()
        .all(|r| r["ruleId"] == "imr::outcome-disparity"
            || r["partialFingerprints"]["imrAudit/v1"].is_string()));
    // Only the report is left in the directory: it was written through a temporary file.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".imr-audit-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn sqlite_tables_answer_queries() {
    let dir = tempdir("sqlite");
    let paths = corpus(&dir);
    let db = dir.join("results.db");
    imr()
        .arg("check")
        .args(&paths)
        .args(["--format", "sqlite", "-o"])
        .arg(&db)
        .assert()
        .code(2);
    let connection = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { connection.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 8);
    assert_eq!(
        count("SELECT COUNT(*) FROM documents WHERE status = 'rejected'"),
        2
    );
    assert_eq!(count("SELECT COUNT(*) FROM items"), 9);
    assert_eq!(
        count("SELECT COUNT(*) FROM items WHERE verdict = 'inconsistent'"),
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM diagnostics WHERE code = 'imr::citation-mismatch'"),
        3
    );
    assert_eq!(count("SELECT value FROM summary WHERE key = 'inputs'"), 8);
    assert_eq!(count("SELECT COUNT(*) FROM disparities"), 1);
    imr()
        .arg("check")
        .args(&paths[..1])
        .args(["--format", "sqlite"])
        .assert()
        .code(2);
}

#[test]
fn a_baseline_suppresses_reviewed_findings_and_survives_unrelated_edits() {
    let dir = tempdir("baseline");
    let letter = dir.join("flipped.txt");
    let flipped = std::fs::read_to_string(common::seed("002"))
        .unwrap()
        .replace("L3,L4,L5:  Upheld", "L3,L4,L5:  Overturned")
        .replace(
            "request is not medically necessary.",
            "request is medically necessary.",
        );
    std::fs::write(&letter, &flipped).unwrap();
    imr().arg("check").arg(&letter).assert().code(1);
    let baseline = dir.join("baseline.json");
    imr()
        .args(["baseline", "create"])
        .arg(&letter)
        .arg("-o")
        .arg(&baseline)
        .assert()
        .success();
    imr()
        .arg("check")
        .arg(&letter)
        .arg("--baseline")
        .arg(&baseline)
        .assert()
        .success();
    // An unrelated edit: the case summary gains a sentence, shifting every offset.
    let edited = flipped.replace(
        "The patient is a 48 year old male",
        "The injured worker, a warehouse clerk, is a 48 year old male",
    );
    std::fs::write(&letter, &edited).unwrap();
    let output = imr()
        .arg("check")
        .arg(&letter)
        .args(["--baseline"])
        .arg(&baseline)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = json_of(&output);
    assert_eq!(json["summary"]["suppressed"], 1);
    assert_eq!(json["documents"][0]["items"][0]["verdict"], "consistent");
    // A new finding is not suppressed.
    let new_problem = edited.replace("Low Back, Diagnostic Facet Blocks.", "Pain, Opioids.");
    std::fs::write(&letter, new_problem).unwrap();
    let output = imr()
        .arg("check")
        .arg(&letter)
        .args(["--baseline"])
        .arg(&baseline)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = json_of(&output);
    let codes: Vec<&str> = json["documents"][0]["items"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["imr::citation-mismatch"]);
}

#[test]
fn fail_fast_stops_at_the_first_rejected_input_and_still_accounts_for_all() {
    let dir = tempdir("failfast");
    let paths = corpus(&dir);
    let mut order = vec![paths[6].clone()];
    order.extend(paths[..3].iter().cloned());
    let output = imr()
        .arg("check")
        .args(&order)
        .args(["--format", "jsonl", "--fail-fast"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[4]["summary"]["inputs"], 4);
    assert_eq!(lines[4]["summary"]["rejected"], 4);
    assert!(lines[1]["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("--fail-fast"));
}

#[test]
fn the_output_is_the_same_bytes_whatever_the_number_of_jobs() {
    let dir = tempdir("jobs");
    let paths = corpus(&dir);
    let run = |jobs: &str| {
        imr()
            .arg("check")
            .args(&paths)
            .args(["--format", "jsonl", "--jobs", jobs])
            .output()
            .unwrap()
    };
    let one = run("1");
    let three = run("3");
    assert_eq!(one.status.code(), Some(2));
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, three.stdout);
    imr()
        .args(["check", "--jobs", "0"])
        .args(&paths)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--jobs"));
}

#[test]
fn a_disparity_counts_as_advice_and_a_baseline_can_accept_it() {
    let dir = tempdir("disparity-baseline");
    let paths: Vec<PathBuf> = corpus(&dir)
        .into_iter()
        .filter(|p| !p.ends_with("empty.txt") && !p.ends_with("notes.txt"))
        .collect();
    let run = |extra: &[&str]| -> serde_json::Value {
        let output = imr()
            .arg("check")
            .args(&paths)
            .args(["--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let summary = |extra: &[&str]| run(extra)["summary"].clone();
    let whole = run(&[]);
    let before = &whole["summary"];
    assert_eq!(before["disparities"].as_array().unwrap().len(), 1);
    // The letters' own advice, and the disparity on top.
    let mut letters_advice = 0;
    for document in whole["documents"].as_array().unwrap() {
        let items = document["items"].as_array().unwrap();
        for d in std::iter::once(&document["diagnostics"])
            .chain(items.iter().map(|i| &i["diagnostics"]))
            .flat_map(|d| d.as_array().unwrap())
        {
            letters_advice += u64::from(d["severity"] == "advice");
        }
    }
    assert_eq!(
        before["diagnostics"]["advice"].as_u64().unwrap(),
        letters_advice + 1,
        "{before}"
    );

    let baseline = dir.join("baseline.json");
    imr()
        .args(["baseline", "create"])
        .args(&paths)
        .arg("-o")
        .arg(&baseline)
        .assert()
        .success();
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(text.contains("imr::outcome-disparity"), "{text}");
    let after = summary(&["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(after["disparities"].as_array().unwrap().len(), 0);
    assert_eq!(
        after["diagnostics"]["advice"].as_u64().unwrap(),
        0,
        "{after}"
    );
    assert!(after["suppressed"].as_u64().unwrap() >= 1);
}
