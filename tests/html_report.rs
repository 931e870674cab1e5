//! The HTML report: self-contained, and rendered for real in a headless browser.

mod common;

use std::path::{Path, PathBuf};

fn report_of(dir: &Path) -> PathBuf {
    let letters: Vec<PathBuf> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| common::seed(p))
        .collect();
    let flipped = std::fs::read_to_string(common::seed("001"))
        .unwrap()
        .replace("# 60:  Upheld", "# 60:  Overturned");
    let extra = dir.join("001-overturned.txt");
    std::fs::write(&extra, flipped).unwrap();
    let out = dir.join("report.html");
    common::imr()
        .arg("report")
        .args(&letters)
        .arg(&extra)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    out
}

fn tempdir(name: &str) -> common::Scratch {
    common::scratch(&format!("html-{name}"))
}

#[test]
fn the_report_is_self_contained_and_complete() {
    let dir = tempdir("content");
    let html = std::fs::read_to_string(report_of(&dir)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no scripts");
    let external = regex::Regex::new(r#"(?i)(src|href)\s*=\s*["']?(https?:|//)"#).unwrap();
    assert!(!external.is_match(&html), "no external assets");
    assert!(!html.contains("<link"), "no linked stylesheets");
    for expected in [
        "6 input(s)",
        "Verdicts by service category",
        "Verdicts by rule",
        "Diagnostics by code",
        "<svg",
        "opioids-ongoing-management",
        "imr::decision-conclusion-mismatch",
        "<mark class=\"error\"",
        "<mark class=\"warning\"",
        "001-overturned.txt",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
}

fn browser() -> Option<PathBuf> {
    let candidates = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in candidates {
            let full = dir.join(name);
            if full.is_file() {
                return Some(full);
            }
        }
    }
    None
}

#[test]
fn the_report_renders_in_a_headless_browser_without_console_errors() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have a browser for the report test (.ci/run installs chromium)"
        );
        eprintln!("no chromium on this machine: the browser check did not run (CI runs it)");
        return;
    };
    let dir = tempdir("browser");
    let report = report_of(&dir);
    let screenshot = dir.join("report.png");
    let profile = dir.join("profile");
    let output = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(screenshot.is_file(), "no screenshot; browser said:\n{log}");
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| {
            l.contains("CONSOLE") && (l.contains("Uncaught") || l.to_lowercase().contains("error"))
        })
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:#?}"
    );

    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&screenshot).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let bytes = &pixels[..info.buffer_size()];
    let channels = info.color_type.samples();
    let mut colors = std::collections::BTreeSet::new();
    let mut dark = 0usize;
    for px in bytes.chunks(channels) {
        colors.insert(px[..3.min(channels)].to_vec());
        if px[..3.min(channels)].iter().all(|&c| c < 100) {
            dark += 1;
        }
    }
    assert!(
        colors.len() > 20,
        "the screenshot is blank ({} colours)",
        colors.len()
    );
    assert!(dark > 1000, "no text drawn");
}
