//! Checks the fixture letters many times, for profilers: `cargo run --release --example profile_check -- 500`.

use imr_audit::check;
use imr_audit::rules::RuleBase;
use imr_audit::source::Source;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut letters: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    letters.sort();
    let rules = RuleBase::embedded().unwrap();
    let mut items = 0;
    for _ in 0..rounds {
        for (name, text) in &letters {
            items += check::check(&rules, Source::from_text(name.as_str(), text.as_str()))
                .items
                .len();
        }
    }
    println!("{items} items");
}
