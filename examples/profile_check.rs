//! Checks the fixture letters many times, for profilers: `cargo run --release --example profile_check -- 500`.

use imr_audit::check;
use imr_audit::rules::RuleBase;
use imr_audit::source::Source;

#[path = "../benches/support/seed_letters.rs"]
mod seed_letters;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let letters = seed_letters::seed_letters();
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
