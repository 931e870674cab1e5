//! The command line: exit codes, output contracts, and every command reachable.

mod common;

use predicates::prelude::*;

use common::{imr, json_of};

fn seeds() -> Vec<std::path::PathBuf> {
    ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| common::seed(p))
        .collect()
}

#[test]
fn check_seeds_exits_zero_and_prints_totals() {
    imr()
        .arg("check")
        .args(seeds())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 input(s): 5 checked, 0 rejected; 8 item(s): 8 consistent",
        ))
        .stdout(predicate::str::contains("imr::citation-mismatch"));
}

#[test]
fn check_json_reconciles_inputs_and_is_deterministic() {
    let run = || {
        imr()
            .arg("check")
            .args(seeds())
            .arg("--format")
            .arg("json")
            .output()
            .unwrap()
    };
    let first = run();
    let second = run();
    assert_eq!(first.stdout, second.stdout, "same input, same bytes");
    let json: serde_json::Value = json_of(&first);
    let summary = &json["summary"];
    assert_eq!(summary["inputs"], 5);
    assert_eq!(
        summary["checked"].as_u64().unwrap() + summary["rejected"].as_u64().unwrap(),
        5
    );
    let item = &json["documents"][0]["items"][1];
    assert_eq!(
        item["service"],
        "FACET BLOCKS AT L3-S1 WITH RFA IF DIAGNOSTIC"
    );
    assert_eq!(item["decision"], "upheld");
    assert_eq!(item["verdict"], "consistent");
    assert_eq!(item["category"], "facet-blocks");
    assert_eq!(item["rules"][1], "facet-radiofrequency-ablation");
    assert_eq!(item["diagnostics"][0]["code"], "imr::citation-mismatch");
    assert!(item["diagnostics"][0]["labels"][0]["offset"].is_u64());
}

#[test]
fn a_rejected_input_is_reported_and_exits_two() {
    let dir = tempdir();
    let not_letter = dir.join("notes.txt");
    std::fs::write(
        &not_letter,
        "Minutes of the meeting.\n\nWe discussed the budget.\n",
    )
    .unwrap();
    let output = imr()
        .arg("check")
        .arg(common::seed("001"))
        .arg(&not_letter)
        .arg(dir.join("missing.txt"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let json: serde_json::Value = json_of(&output);
    assert_eq!(json["summary"]["inputs"], 3);
    assert_eq!(json["summary"]["checked"], 1);
    assert_eq!(json["summary"]["rejected"], 2);
    assert_eq!(json["documents"][1]["status"], "rejected");
    assert_eq!(
        json["documents"][1]["diagnostics"][0]["code"],
        "imr::not-a-letter"
    );
    assert_eq!(
        json["documents"][2]["diagnostics"][0]["code"],
        "imr::input-unreadable"
    );
}

#[test]
fn an_inconsistent_item_exits_one() {
    let text = std::fs::read_to_string(common::seed("001"))
        .unwrap()
        .replace(
            "Norco 10/325 # 60:  Upheld",
            "Norco 10/325 # 60:  Overturned",
        );
    imr()
        .args(["check", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "imr::decision-conclusion-mismatch",
        ));
}

#[test]
fn parse_json_has_items_citations_and_request() {
    let output = imr()
        .arg("parse")
        .arg(common::seed("000"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = json_of(&output);
    let doc = &json["documents"][0];
    assert_eq!(doc["status"], "parsed");
    assert_eq!(doc["encoding"], "utf-8");
    assert_eq!(doc["items"][0]["request"]["quantity"]["value"], 90);
    assert_eq!(doc["items"][1]["request"]["joint_levels"], 3);
    assert_eq!(doc["items"][1]["citations"][1]["by"], "imro");
    assert_eq!(doc["items"][1]["citations"][1]["pages"][0]["start"], 360);
    // The summary counts the items parsed, though none was evaluated.
    let listed = doc["items"].as_array().unwrap().len();
    assert!(listed > 0);
    assert_eq!(json["summary"]["items"], listed);
}

#[test]
fn parse_human_shows_a_table() {
    imr()
        .arg("parse")
        .arg(common::seed("002"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Medial branch block left L3,L4,L5",
        ))
        .stdout(predicate::str::contains("branches L3, L4, L5"));
}

#[test]
fn parse_totals_count_the_items_listed() {
    let letters = [common::seed("000"), common::seed("002")];
    let items: usize = letters
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let source = imr_audit::source::Source::from_text("letter", text);
            imr_audit::check::parse(source)
                .determination
                .map_or(0, |d| d.items.len())
        })
        .sum();
    assert!(items >= 2);
    imr()
        .arg("parse")
        .args(&letters)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "2 input(s): 2 parsed, 0 rejected, {items} item(s)"
        )));
}

#[test]
fn a_condition_written_over_several_lines_is_shown_on_one() {
    let output = imr()
        .args(["rules", "show", "botox-recommended-indication"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let condition = text
        .lines()
        .find(|l| l.trim_start().starts_with("condition: "))
        .expect("a condition line");
    assert!(
        condition.contains("migraine-diagnosis) otherwise false)) or (")
            && condition.contains("headache-failed-preventive-medications)"),
        "{text}"
    );
}

#[test]
fn explain_shows_the_criteria_and_the_deciding_text() {
    imr()
        .arg("explain")
        .arg(common::seed("002"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "[not met] facet-non-radicular-pain",
        ))
        .stdout(predicate::str::contains("positive straight leg raise"));
    imr()
        .arg("explain")
        .arg(common::seed("002"))
        .args(["--item", "7"])
        .assert()
        .code(2);
    let output = imr()
        .arg("explain")
        .arg(common::seed("004"))
        .args(["--item", "2", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = json_of(&output);
    assert_eq!(json["items"][0]["index"], 2);
    assert!(json["items"][0]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "opioid-psychological-red-flags" && c["truth"] == "met"));
}

#[test]
fn explain_code_prints_each_page_and_lists_all() {
    for info in imr_audit::diagnostic::CODES {
        imr()
            .args(["explain-code", info.name])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(format!("# `{}`", info.name)));
    }
    imr()
        .args(["explain-code", "findings-contradict-decision"])
        .assert()
        .success();
    imr()
        .arg("explain-code")
        .assert()
        .success()
        .stdout(predicate::str::contains("imr::rules::cycle"));
    imr()
        .args(["explain-code", "imr::no-such-code"])
        .assert()
        .code(2);
}

#[test]
fn context_reads_one_sentence_and_json_lines() {
    imr()
        .args([
            "context",
            "--target",
            "radiculopathy",
            "Electrodiagnostic testing showed no evidence of lumbosacral radiculopathy.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("status:      negated"))
        .stdout(predicate::str::contains("\"no evidence of\" (negated)"));
    let input = concat!(
        "{\"text\": \"No aberrant drug seeking behavior is discussed.\", \"target\": \"aberrant drug seeking behavior\"}\n",
        "{\"text\": \"ODG guidelines require non-radicular back pain.\", \"target\": \"back pain\"}\n",
        "{\"text\": \"The knee is swollen.\", \"target\": \"elbow\"}\n",
        "not json\n",
    );
    let output = imr().arg("context").write_stdin(input).output().unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["status"], "negated");
    assert_eq!(lines[0]["undocumented"], true);
    assert_eq!(lines[0]["temporality"], "current");
    assert_eq!(lines[0]["experiencer"], "patient");
    assert_eq!(lines[1]["guideline_statement"], true);
    assert!(lines[2]["error"].is_string());
    assert!(lines[3]["error"].is_string());
}

#[test]
fn rules_lint_reports_every_mistake_with_its_place() {
    imr()
        .args(["rules", "lint"])
        .assert()
        .success()
        .stdout(predicate::str::contains("rules are clean"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules-broken");
    let output = imr()
        .args(["rules", "lint"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "imr::rules::invalid-pattern",
        "imr::rules::cycle",
        "first -> second -> first",
        "imr::rules::missing-citation",
        "no finding or criterion has the id `radicular-pain`",
        "no section has the id `no-such-section`",
        "imr::rules::duplicate-id",
        "no criterion has the id `no-such-criterion`",
        "broken.toml:",
        "imr::rules::editions",
        "editions of `facet` leave a gap: `facet-2009` ends 2015-01-01, `facet-2016` starts 2016-01-01",
        "edition `2016 edition` of `facet` (facet-2016) ends before it starts",
        "secondary conclusion `is advisable` is in neither `necessary` nor `not-necessary`",
        "no body region is named `kneecap`",
        "a second body region named `knee`",
        "no finding has the id `no-such-finding`",
        "finding `tender-anywhere` includes itself",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let syntax = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules-bad-syntax");
    imr()
        .args(["rules", "lint"])
        .arg(&syntax)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("imr::rules::syntax"))
        .stdout(predicate::str::contains("syntax.toml:3"));
}

#[test]
fn rules_lint_finds_what_loading_allows() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules-lint-warnings");
    let output = imr()
        .args(["rules", "lint"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "finding `orphan` is not used by any criterion",
        "criterion `lonely` is not used by any rule or criterion",
        "rules `facet-a` and `facet-b` claim the same services and neither states a precedence",
        "needs a line break",
        // Both lists are named; the line wraps after the first.
        "\"facet tenderness\" of finding `tenderness` is listed both in `phrases` and in `absent-",
        "\"no orphan\" of finding `orphan` is listed both in `absent-phrases` and in `neutral-",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The same rules still check letters.
    imr()
        .arg("check")
        .arg(common::seed("002"))
        .arg("--rules")
        .arg(&dir)
        .assert()
        .success();
}

#[test]
fn check_with_unusable_rules_exits_two() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules-broken");
    imr()
        .arg("check")
        .arg(common::seed("000"))
        .arg("--rules")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("imr::rules::cycle"));
    imr()
        .arg("check")
        .arg(common::seed("000"))
        .arg("--rules")
        .arg("/nonexistent-rules-dir")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("imr::rules::unreadable"));
}

#[test]
fn check_with_a_copy_of_the_rules_gives_the_same_result() {
    let dir = tempdir();
    for entry in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .unwrap()
        .flatten()
    {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    let builtin = imr()
        .arg("check")
        .args(seeds())
        .args(["--format", "json"])
        .output()
        .unwrap();
    let copied = imr()
        .arg("check")
        .args(seeds())
        .args(["--format", "json"])
        .arg("--rules")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(builtin.stdout, copied.stdout);
}

#[test]
fn check_reports_the_guideline_edition_applied_and_why() {
    let json = |args: &[&str]| -> serde_json::Value {
        let output = imr()
            .arg("check")
            .arg(common::seed("001"))
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        json_of(&output)
    };
    let own = json(&[]);
    assert_eq!(own["documents"][0]["as_of"]["date"], "2014-11-24");
    assert_eq!(own["documents"][0]["as_of"]["source"], "latest-record");
    assert_eq!(
        own["documents"][0]["items"][0]["rules"][0],
        "opioids-ongoing-management"
    );
    assert_eq!(
        own["documents"][0]["items"][0]["editions"][0]["edition"],
        "MTUS Chronic Pain Medical Treatment Guidelines (2009)"
    );
    let later = json(&["--as-of", "2019-03-01"]);
    assert_eq!(later["documents"][0]["as_of"]["source"], "option");
    assert_eq!(
        later["documents"][0]["items"][0]["rules"][0],
        "opioids-ongoing-management-2017"
    );
    imr()
        .arg("check")
        .arg(common::seed("001"))
        .args(["--as-of", "March 2019"])
        .assert()
        .code(2);
}

#[test]
fn rules_graph_show_and_list() {
    imr()
        .args(["rules", "graph"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"radicular-symptoms\" -> \"facet-non-radicular-pain\";",
        ));
    imr()
        .args([
            "rules",
            "graph",
            "--format",
            "mermaid",
            "--rule",
            "lumbar-mri",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("flowchart LR"))
        .stdout(predicate::str::contains("red-flags"))
        .stdout(predicate::str::contains("facet").not());
    imr()
        .args(["rules", "graph", "--rule", "no-such-rule"])
        .assert()
        .code(2);
    imr()
        .args(["rules", "show", "psychological-red-flags"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "neutral phrases: beck depression inventory",
        ));
    imr()
        .args(["rules", "show", "facet-non-radicular-pain"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "depends on: finding radicular-symptoms",
        ))
        .stdout(predicate::str::contains(
            "used by: rule facet-diagnostic-blocks",
        ));
    imr()
        .args(["rules", "show", "postop-shoulder-surgery"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "historical mentions count; planned and requested mentions count",
        ))
        .stdout(predicate::str::contains(
            "placed by its phrases' body regions",
        ));
    imr()
        .args(["rules", "show", "acupuncture-prior-functional-benefit"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "includes the phrases and patterns of: measured-functional-gain",
        ));
    imr()
        .args(["rules", "show", "postsurgical-physical-therapy"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "services where its sections are cited: physical therapy, occupational therapy",
        ));
    imr()
        .args(["rules", "show", "nothing-here"])
        .assert()
        .code(2);
    let output = imr()
        .args(["rules", "list", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = json_of(&output);
    let facet = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "facet-diagnostic-blocks")
        .unwrap();
    assert_eq!(facet["category"], "facet-blocks");
    assert!(facet["services"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "medial branch block"));
    assert!(facet["citations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c.as_str().unwrap().contains("ACOEM Chapter 12")));
}

#[test]
fn rules_test_runs_the_built_in_cases_and_covers_every_criterion() {
    imr()
        .args(["rules", "test", "--coverage"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"\d+ passed, 0 failed").unwrap())
        .stdout(predicate::str::contains("findings no test exercises: none"))
        .stdout(predicate::str::contains("rules no test exercises: none"))
        .stdout(predicate::str::contains(
            "criteria no test shows both met and not met: none",
        ))
        .stdout(predicate::str::contains(
            "categories without both a consistent and an inconsistent letter: none",
        ))
        .stdout(predicate::str::is_match(r"\n  opioids +\d+ / +[1-9]\d* / +\d+\n").unwrap());
}

#[test]
fn every_command_has_an_example_in_its_help() {
    for command in [
        vec!["check"],
        vec!["parse"],
        vec!["explain"],
        vec!["explain-code"],
        vec!["context"],
        vec!["rules", "lint"],
        vec!["rules", "test"],
    ] {
        imr()
            .args(&command)
            .arg("--help")
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

fn tempdir() -> common::Scratch {
    common::scratch("cli")
}

#[test]
fn a_binary_input_is_shown_without_its_control_characters() {
    let dir = tempdir();
    let path = dir.join("blob.txt");
    let mut bytes = b"abc\x1b[31mRED".to_vec();
    bytes.extend([0u8; 40]);
    std::fs::write(&path, bytes).unwrap();
    let output = imr()
        .arg("check")
        .arg(&path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("imr::input-binary"), "{stdout}");
    assert!(stdout.contains("abc?[31mRED"), "{stdout}");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\0'));
}

#[test]
fn an_input_never_read_shows_no_size() {
    let dir = tempdir();
    imr()
        .arg("check")
        .arg(dir.join("missing.txt"))
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("missing.txt: rejected (not read)"));
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    imr()
        .arg("check")
        .arg(dir.join("empty.txt"))
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "empty.txt: rejected (utf-8, 0 bytes)",
        ));
}

#[test]
fn every_command_that_reads_letters_takes_the_input_limits() {
    let dir = tempdir();
    let seed = common::seed("000");
    let out = |name: &str| dir.join(name).display().to_string();
    for args in [
        vec!["check".to_string()],
        vec!["parse".to_string()],
        vec!["explain".to_string()],
        vec!["report".to_string(), "-o".to_string(), out("r.html")],
        vec![
            "baseline".to_string(),
            "create".to_string(),
            "-o".to_string(),
            out("b.json"),
        ],
    ] {
        let output = imr()
            .args(&args)
            .arg(&seed)
            .args(["--max-items", "1"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(2), "{args:?}: {all}");
        let shown = match args[0].as_str() {
            "report" => std::fs::read_to_string(out("r.html")).unwrap(),
            _ => all.clone(),
        };
        assert!(
            shown.contains("too-many-items") || shown.contains("1 rejected"),
            "{args:?}: {all}"
        );
    }
}

#[test]
fn explain_shows_the_statement_that_was_outweighed() {
    // The rationale states the radicular signs; the summary says the pain does not radiate. The
    // rationale decides, and the summary's statement is shown as outweighed.
    let text = std::fs::read_to_string(common::seed("002"))
        .unwrap()
        .replacen(
            "CLINICAL CASE SUMMARY",
            "CLINICAL CASE SUMMARY\n\nHis back pain does not radiate.",
            1,
        );
    imr()
        .args(["explain", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "outweighed (absent, in the summary): \"His back pain does not radiate.\"",
        ));
}
