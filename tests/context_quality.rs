//! The context lexicon measured on the labelled sentences: figures held to a floor at NegEx's published
//! level (sensitivity 77.8%, specificity 94.5% for negation) or better.

mod common;

use imr_audit::context::measure::{measure, Labelled};

#[test]
fn negation_and_the_other_axes_meet_the_floor() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/context/labelled.jsonl");
    let cases: Vec<Labelled> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(cases.len() >= 400);
    let m = measure(&common::rules().context, &cases);
    assert!(
        m.not_found.is_empty(),
        "targets not found: {:?}",
        m.not_found
    );
    eprintln!("{m}");
    // The floors sit at or above NegEx's published figures and just under today's, so a lexicon edit
    // that loses ground fails here.
    assert!(m.negated.sensitivity() >= 0.96, "{m}");
    assert!(m.negated.specificity() >= 0.96, "{m}");
    assert!(m.negated.f1() >= 0.95, "{m}");
    assert!(m.undocumented.sensitivity() >= 0.90, "{m}");
    assert!(m.undocumented.specificity() >= 0.99, "{m}");
    assert!(m.guideline.sensitivity() >= 0.95, "{m}");
    assert!(m.guideline.specificity() >= 0.95, "{m}");
    assert!(m.temporality.0 * 100 >= m.temporality.1 * 85, "{m}");
    assert!(m.experiencer.0 * 100 >= m.experiencer.1 * 98, "{m}");
}
