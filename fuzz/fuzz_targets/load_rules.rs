//! Any text as a rule file beside the built-in lexicon: a rule base or diagnostics, never a panic.
#![no_main]

use imr_audit::rules::{load_sources, RuleSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let context = include_str!("../../rules/context.toml");
    let conclusions = include_str!("../../rules/conclusions.toml");
    let files = vec![
        RuleSource { name: "context.toml".into(), text: context.into() },
        RuleSource { name: "conclusions.toml".into(), text: conclusions.into() },
        RuleSource { name: "fuzz.toml".into(), text: text.into() },
    ];
    if let Err(error) = load_sources(files) {
        for (file, d) in &error.problems {
            if let Some(f) = file {
                for label in &d.labels {
                    assert!(label.span.end() <= error.files[*f].text.len());
                }
            }
        }
    }
});
