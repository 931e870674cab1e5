//! Hostile input: every file ends in a clear error or a correct result, never a panic, and a batch run
//! over all of them reports every file.

mod common;

use std::io::Write;

fn hostile_corpus() -> (common::Scratch, Vec<&'static str>) {
    let dir = common::scratch("hostile");
    let seed = std::fs::read(common::seed("000")).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();

    write("empty.txt", b"");
    let noise: Vec<u8> = (0..65536u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    write("binary.txt", &noise);
    let mut nuls = seed.clone();
    nuls.splice(0..0, [0u8; 64]);
    write("nul-bytes.txt", &nuls);
    let every_byte: Vec<u8> = (0..=255u8).cycle().take(256 * 64).collect();
    write("every-byte.txt", &every_byte);
    // Invalid UTF-8 in every paragraph of every section, items included.
    let mut invalid = Vec::new();
    for line in seed.split(|&b| b == b'\n') {
        match line
            .iter()
            .position(|&b| b == b' ')
            .filter(|_| line.iter().any(u8::is_ascii_lowercase))
        {
            Some(space) => {
                invalid.extend_from_slice(&line[..=space]);
                invalid.extend_from_slice(&[0xff, 0xfe, 0x80, b' ']);
                invalid.extend_from_slice(&line[space + 1..]);
            }
            None => invalid.extend_from_slice(line),
        }
        invalid.push(b'\n');
    }
    write("invalid-utf8.txt", &invalid);
    let headings = "CLINICAL CASE SUMMARY\nIMR ISSUES, DECISIONS AND RATIONALES\n".repeat(50_000);
    write("repeated-headings.txt", headings.as_bytes());
    let items = "NORCO 10/325 MG, #90:  Upheld\nDecision rationale: The request is not medically necessary.\n".repeat(5_000);
    write("many-items.txt", format!("HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nIMR ISSUES, DECISIONS AND RATIONALES\n{items}").as_bytes());
    // One 10 MB line: read and rejected as no letter, in linear time.
    let line = "word ".repeat(2 * 1024 * 1024);
    write("one-long-line.txt", line.as_bytes());
    // 100 MB: refused by the size limit before it is read.
    let mut big = std::fs::File::create(dir.join("huge.txt")).unwrap();
    let block = vec![b'a'; 1024 * 1024];
    for _ in 0..100 {
        big.write_all(&block).unwrap();
    }
    drop(big);
    let names = vec![
        "binary.txt",
        "empty.txt",
        "every-byte.txt",
        "huge.txt",
        "invalid-utf8.txt",
        "many-items.txt",
        "nul-bytes.txt",
        "one-long-line.txt",
        "repeated-headings.txt",
    ];
    (dir, names)
}

#[test]
fn a_batch_over_hostile_files_reports_every_file_with_a_reason() {
    let (dir, names) = hostile_corpus();
    let output = common::imr()
        .arg("check")
        .arg(&dir)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), names.len() + 1);
    let by_name = |name: &str| {
        lines
            .iter()
            .find(|l| l["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let code = |name: &str| {
        by_name(name)["diagnostics"][0]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(code("empty.txt"), "imr::input-empty");
    assert_eq!(code("binary.txt"), "imr::input-binary");
    assert_eq!(code("nul-bytes.txt"), "imr::input-binary");
    assert_eq!(code("every-byte.txt"), "imr::input-binary");
    assert_eq!(code("huge.txt"), "imr::input-too-large");
    assert_eq!(code("many-items.txt"), "imr::too-many-items");
    assert_eq!(code("one-long-line.txt"), "imr::not-a-letter");
    assert_eq!(code("repeated-headings.txt"), "imr::no-items");
    // Invalid bytes are decoded, and the letter still checks.
    let invalid = by_name("invalid-utf8.txt");
    assert_eq!(invalid["status"], "checked");
    assert_eq!(invalid["encoding"], "windows-1252");
    assert_eq!(invalid["items"].as_array().unwrap().len(), 2);
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(summary["inputs"], names.len());
    assert_eq!(
        summary["checked"].as_u64().unwrap() + summary["rejected"].as_u64().unwrap(),
        names.len() as u64
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn limits_are_configurable() {
    let letter = common::seed("000");
    common::imr()
        .arg("check")
        .arg(&letter)
        .args(["--max-bytes", "100"])
        .assert()
        .code(2);
    common::imr()
        .arg("check")
        .arg(&letter)
        .args(["--max-items", "1"])
        .assert()
        .code(2);
    common::imr()
        .arg("check")
        .arg(&letter)
        .args(["--max-items", "2"])
        .assert()
        .success();
}
