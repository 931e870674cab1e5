//! Helpers shared by the integration tests.
#![allow(dead_code)]

use imr_audit::check::{self, Document};
use imr_audit::rules::RuleBase;
use imr_audit::source::Source;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The seed letter whose file name starts with `prefix` ("000").
pub fn seed(prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no fixture {prefix}*"))
}

pub fn rules() -> &'static RuleBase {
    static RULES: OnceLock<RuleBase> = OnceLock::new();
    RULES.get_or_init(|| RuleBase::embedded().expect("the built-in rule base loads"))
}

pub fn parse(path: &Path) -> Document {
    check::parse(Source::read(path).unwrap())
}

pub fn check_file(path: &Path) -> Document {
    check::check(rules(), Source::read(path).unwrap())
}

pub fn check_text(name: &str, text: &str) -> Document {
    check::check(rules(), Source::from_text(name, text))
}

/// The codes of one item's diagnostics, sorted.
pub fn item_codes(document: &Document, index: usize) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = document.items[index - 1]
        .diagnostics
        .iter()
        .map(|d| d.code.name())
        .collect();
    codes.sort_unstable();
    codes
}

pub fn document_codes(document: &Document) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = document.diagnostics.iter().map(|d| d.code.name()).collect();
    codes.sort_unstable();
    codes
}

/// The text a span of the document points at.
pub fn at(document: &Document, span: imr_audit::span::Span) -> &str {
    &document.source.text[span.range()]
}

/// The command-line tool, built for the tests.
pub fn imr() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("imr-audit").unwrap()
}

/// The JSON document a run of the tool wrote to standard output.
pub fn json_of(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "standard output is not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// A scratch directory removed when the test ends, so runs leave nothing behind in the temporary
/// directory. It reads as the `Path` it holds.
pub struct Scratch(tempfile::TempDir);

pub fn scratch(name: &str) -> Scratch {
    Scratch(
        tempfile::Builder::new()
            .prefix(&format!("imr-audit-{name}-"))
            .tempdir()
            .expect("a scratch directory"),
    )
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.path().as_os_str()
    }
}
