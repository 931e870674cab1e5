//! Any bytes through the whole pipeline: decode, parse, extract, evaluate. Must never panic.
#![no_main]

use imr_audit::check;
use imr_audit::rules::RuleBase;
use imr_audit::source::Source;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleBase {
    static RULES: OnceLock<RuleBase> = OnceLock::new();
    RULES.get_or_init(|| RuleBase::embedded().expect("the built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let document = check::check(rules(), Source::from_bytes("fuzz.txt", data.to_vec()));
    for (_, d) in imr_audit::batch::diagnostics_of(&document) {
        for label in &d.labels {
            assert!(label.span.end() <= document.source.text.len());
        }
    }
});
