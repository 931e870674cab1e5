//! Checking the seed letters: each item's verdict, with the reason it is right, and the warnings the
//! letters really earn.

mod common;

use common::*;
use imr_audit::evaluate::Verdict;

struct Expected {
    seed: &'static str,
    item: usize,
    verdict: Verdict,
    codes: &'static [&'static str],
    reason: &'static str,
}

const SEEDS: &[Expected] = &[
    Expected {
        seed: "000",
        item: 1,
        verdict: Verdict::Consistent,
        codes: &[],
        reason: "upheld; the rationale states the four A's are not documented, so continuing opioids is not supported",
    },
    Expected {
        seed: "000",
        item: 2,
        verdict: Verdict::Consistent,
        codes: &["imr::citation-mismatch"],
        reason: "upheld; L3-S1 reaches three joint levels and RFA is requested with the diagnostic block; ACOEM chapter 12 does not reach page 360",
    },
    Expected {
        seed: "001",
        item: 1,
        verdict: Verdict::Consistent,
        codes: &[],
        reason: "upheld; no pain assessment, no ADLs, side effects and aberrant behaviour not discussed: the 4 A's fail",
    },
    Expected {
        seed: "002",
        item: 1,
        verdict: Verdict::Consistent,
        codes: &[],
        reason: "upheld; positive straight leg raise with radicular symptoms rules out a diagnostic facet block",
    },
    Expected {
        seed: "003",
        item: 1,
        verdict: Verdict::Consistent,
        codes: &[],
        reason: "overturned; pain 8/10 persists after injections, physical therapy, chiropractic care and narcotics",
    },
    Expected {
        seed: "003",
        item: 2,
        verdict: Verdict::Consistent,
        codes: &["imr::citation-mismatch"],
        reason: "upheld; the patient has radiculopathy; pages 617-25 belong to a textbook, not ACOEM chapter 12",
    },
    Expected {
        seed: "004",
        item: 1,
        verdict: Verdict::Consistent,
        codes: &["imr::citation-mismatch"],
        reason: "upheld; no red flags, neurological examination intact, no surgery considered; pages 53 and 180 lie outside chapter 12",
    },
    Expected {
        seed: "004",
        item: 2,
        verdict: Verdict::Consistent,
        codes: &[],
        reason: "upheld; anxiety, depression and suicidal ideation predict a poor response to opioids",
    },
];

#[test]
fn seed_verdicts() {
    for expected in SEEDS {
        let doc = check_file(&seed(expected.seed));
        let evaluation = &doc.items[expected.item - 1];
        assert_eq!(
            evaluation.verdict, expected.verdict,
            "{} item {}: expected {:?} because {}",
            expected.seed, expected.item, expected.verdict, expected.reason
        );
        assert_eq!(
            item_codes(&doc, expected.item),
            expected.codes,
            "{} item {} ({})",
            expected.seed,
            expected.item,
            expected.reason
        );
    }
}

#[test]
fn no_seed_item_carries_an_error() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = check_file(&seed(prefix));
        for item in &doc.items {
            assert!(
                item.diagnostics
                    .iter()
                    .all(|d| d.severity != imr_audit::diagnostic::Severity::Error),
                "{prefix} item {}: {:?}",
                item.index,
                item.diagnostics
            );
        }
    }
}

#[test]
fn citation_warning_points_at_the_citation() {
    let doc = check_file(&seed("004"));
    let warning = &doc.items[0].diagnostics[0];
    assert_eq!(warning.code.name(), "imr::citation-mismatch");
    assert!(
        at(&doc, warning.labels[0].span).starts_with("MTUS ACOEM Chapter 12 Low Back Complaints")
    );
    assert!(warning.message.contains("53, 180"));
}

/// The built-in rule base compiles its patterns when first used; loaded with every pattern compiled and
/// checked, the same files must load without a problem, or a deferred pattern could fail mid-run.
#[test]
fn the_built_in_rule_base_loads_with_every_pattern_checked() {
    use imr_audit::rules::{embedded_sources, load_sources};
    let checked =
        load_sources(embedded_sources()).unwrap_or_else(|e| panic!("{e}: {:?}", e.problems));
    let built_in = imr_audit::rules::RuleBase::embedded().unwrap();
    assert_eq!(checked.findings.len(), built_in.findings.len());
    assert_eq!(checked.rules.len(), built_in.rules.len());
}

/// Of the rules a service line names, only those of the highest precedence apply.
#[test]
fn a_rule_with_higher_precedence_replaces_the_others_for_its_services() {
    use imr_audit::rules::{load_sources, RuleSource};
    let mut files: Vec<RuleSource> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| RuleSource {
                name: p.display().to_string(),
                text: std::fs::read_to_string(&p).unwrap(),
            })
            .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let rules_for = |files: &[RuleSource]| -> Vec<String> {
        let base = load_sources(files.to_vec()).unwrap();
        base.rules_for_service("Lidoderm 5% patch #30")
            .into_iter()
            .map(|r| base.rules[r].id.clone())
            .collect()
    };
    assert_eq!(rules_for(&files), ["med-lidocaine-patch"]);
    files.push(RuleSource {
        name: "override.toml".into(),
        text: r#"
[[rule]]
id = "lidocaine-patch-override"
category = "topical-analgesics"
title = "Lidocaine patches, judged only on first-line failure"
services = ["lidoderm"]
require = ["med-topical-after-first-line"]
sections = ["mtus-cp-topical-analgesics"]
precedence = 1
"#
        .into(),
    });
    assert_eq!(rules_for(&files), ["lidocaine-patch-override"]);
}

#[test]
fn a_request_s_companions_do_not_keep_off_the_rule_its_service_names() {
    let base = imr_audit::rules::RuleBase::embedded().unwrap();
    let ids = |rules: Vec<usize>| -> Vec<String> {
        rules
            .into_iter()
            .map(|r| base.rules[r].id.clone())
            .collect()
    };
    let service = "Right total hip arthroplasty with a two-day inpatient stay";
    let companions_at = service.find("a two-day").unwrap();
    // Read whole, the inpatient stay keeps the replacement rule off; read with its companion told
    // apart, the replacement is the request.
    assert!(!ids(base.rules_for_service(service)).contains(&"hip-replacement".to_string()));
    assert_eq!(
        ids(base.rules_for_request(service, companions_at)),
        ["hip-replacement"]
    );
    // A rule only a companion names is still kept off by what the companion says: "PT/INR" in a
    // laboratory panel asked with a clearance names no physical therapy.
    let clearance = "pre-operative medical clearance with laboratory studies (CBC, BMP, PT/INR)";
    let at = clearance.find("laboratory").unwrap();
    assert!(!ids(base.rules_for_request(clearance, at)).contains(&"physical-therapy".to_string()));
}

/// The ids of the rules the built-in rule base names for `service`.
fn rule_ids_for_service(base: &imr_audit::rules::RuleBase, service: &str) -> Vec<String> {
    base.rules_for_service(service)
        .into_iter()
        .map(|r| base.rules[r].id.clone())
        .collect()
}

#[test]
fn a_dental_appliance_is_outside_the_rule_base_whatever_consultation_comes_with_it() {
    let base = imr_audit::rules::RuleBase::embedded().unwrap();
    let rules_for = |service: &str| rule_ids_for_service(&base, service);
    assert_eq!(
        rules_for("Dental consultation"),
        ["specialist-consultation"]
    );
    for service in [
        "Dental consultation with fabrication of occlusal night guard",
        "Occlusal splint for bruxism",
        "Custom mouthguard",
    ] {
        assert_eq!(rules_for(service), Vec::<String>::new(), "{service}");
    }
}

#[test]
fn a_service_line_garbled_by_a_scan_names_its_rule_and_a_different_word_names_none() {
    let base = imr_audit::rules::RuleBase::embedded().unwrap();
    let rules_for = |service: &str| rule_ids_for_service(&base, service);
    assert_eq!(
        rules_for("ACUPUNCTUE x6 SESSiONS, CERVICAL SPINE"),
        ["acupuncture"]
    );
    assert_eq!(
        rules_for("MRI OF THE CERV1CAL SPINE WITHOUT CONTRAST"),
        ["cervical-mri"]
    );
    assert_eq!(rules_for("gabapentin300mg #90"), ["med-anticonvulsants"]);
    // A word a letter away from a service's word is another word when the letter is changed.
    assert_eq!(rules_for("Hypnotherapy, 6 sessions"), Vec::<String>::new());
}

#[test]
fn a_service_line_names_its_rule_whatever_its_strength_or_glued_words() {
    let base = imr_audit::rules::RuleBase::embedded().unwrap();
    let rules_for = |service: &str| rule_ids_for_service(&base, service);
    assert_eq!(
        rules_for("Diclofenac sodium 1% gel, 100 grams with 1 refill"),
        ["med-topical-nsaids"]
    );
    // A topical NSAID alone is the topical NSAIDs' rule; with a second drug it is a compound.
    assert_eq!(
        rules_for("FLURBIPROFEN 20% TOPICAL CREAM 120 GM"),
        ["med-topical-nsaids"]
    );
    assert_eq!(
        rules_for("Flurbiprofen 20%/lidocaine 5% cream 180 gm"),
        ["med-topical-compounds"]
    );
    // The digit named inside the release's name.
    assert_eq!(
        rules_for("left ring finger trigger release"),
        ["trigger-finger-release"]
    );
    assert_eq!(
        rules_for("Functional restoration program, additional 80 hours"),
        ["chronic-pain-program-continuation"]
    );
    assert_eq!(
        rules_for("Right shoulder arthroscopy with subacromialdecompression"),
        ["shoulder-subacromial-decompression"]
    );
    assert_eq!(
        rules_for("Butalbital/APAP/caffeine 50/325/40 mg #60"),
        ["med-butalbital"]
    );
    assert_eq!(rules_for("Xanax 0.5 mg #60"), ["med-benzodiazepines"]);
    assert_eq!(
        rules_for("Chronic pain management program (HELP), 160 hours"),
        ["chronic-pain-program"]
    );
    assert_eq!(
        rules_for("Right carpal tunnel corticosteroid injection"),
        ["carpal-tunnel-injection"]
    );
    // "PT" in a laboratory panel is the prothrombin time, not physical therapy.
    assert_eq!(
        rules_for("Pre-operative laboratory testing (CBC, CMP, PT/PTT, urinalysis)"),
        ["perioperative-associated-service"]
    );
    // Hand therapy is therapy, after surgery the postsurgical course; a service's side may stand
    // between the procedure and its structure, and its eponym in parentheses.
    assert_eq!(
        rules_for("HAND THERAPY, RIGHT ELBOW/FOREARM, 8 VISITS"),
        ["physical-therapy"]
    );
    assert_eq!(
        rules_for("12 visits of postoperative hand therapy, right wrist"),
        ["postsurgical-physical-therapy"]
    );
    assert_eq!(
        rules_for("Open repair, left Achilles tendon"),
        ["achilles-tendon-repair"]
    );
    assert_eq!(
        rules_for("right first dorsal compartment (de Quervain's) release"),
        ["dequervain-release"]
    );
}

#[test]
fn a_citation_brings_in_the_rule_whose_cited_services_the_line_names() {
    let base = imr_audit::rules::RuleBase::embedded().unwrap();
    let postsurgical = base
        .sections
        .iter()
        .position(|s| s.id == "mtus-postsurgical")
        .unwrap();
    let rules_for = |service: &str, cited: &[usize]| -> Vec<String> {
        base.rules_for_cited_request(service, service.len(), cited)
            .into_iter()
            .map(|r| base.rules[r].id.clone())
            .collect()
    };
    let additional = "ADDITIONAL OCCUPATIONAL THERAPY X 6 VISITS, RIGHT HAND";
    // Uncited, therapy for chronic pain; cited to the Postsurgical Treatment Guidelines, the
    // postsurgical course in its place.
    assert_eq!(rules_for(additional, &[]), ["physical-therapy"]);
    assert_eq!(
        rules_for(additional, &[postsurgical]),
        ["postsurgical-physical-therapy"]
    );
    // Words naming more than the cited phrase keep their rule: therapy at home is home health care.
    let home = rules_for(
        "Home physical therapy, 2 times per week for 3 weeks",
        &[postsurgical],
    );
    assert!(
        home.contains(&"home-health-services".to_string()),
        "{home:?}"
    );
    assert!(
        home.contains(&"postsurgical-physical-therapy".to_string()),
        "{home:?}"
    );
    // A line its cited phrases do not name is left as it is.
    assert_eq!(
        rules_for(
            "Continuous cold therapy unit, 7-day rental",
            &[postsurgical]
        ),
        rules_for("Continuous cold therapy unit, 7-day rental", &[])
    );
}

#[test]
fn a_closing_list_under_final_determinations_is_no_item_of_its_own() {
    // Five items decided by a summary table up front, then "FINAL DETERMINATIONS" restating them.
    let doc = parse(&fixture(
        "blind/round185/03-hydrocodone-partial-oxycodone-fentanyl-2017.txt",
    ));
    assert_eq!(doc.determination.unwrap().items.len(), 5);
}
