//! Mutants of the seed letters, one deliberate change each, covering every shipped rule; each asserts
//! its exact set of codes.
//!
//! - a label flipped against its conclusion: decision-conclusion-mismatch;
//! - a label and its conclusion flipped together, so that only the stated findings contradict the
//!   decision: findings-contradict-decision and nothing else (beyond a seed's own citation warning);
//! - a wrong guideline section: citation-mismatch;
//! - a certification whose stated findings do meet the criteria: consistent.

mod common;

use common::*;
use regex::Regex;

fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed(prefix)).unwrap()
}

/// Replaces `from` in `text` whatever line breaks and blanks the letter puts between its words; the
/// phrase must occur exactly `count` times before the `nth` (0-based) is replaced.
fn replace_nth(text: &str, from: &str, to: &str, nth: usize) -> String {
    let pattern = from
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let re = Regex::new(&pattern).unwrap();
    let m = re
        .find_iter(text)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{from}` (#{nth}) not in the letter"));
    format!("{}{}{}", &text[..m.start()], to, &text[m.end()..])
}

fn replace(text: &str, from: &str, to: &str) -> String {
    replace_nth(text, from, to, 0)
}

fn codes_of(text: &str) -> Vec<Vec<&'static str>> {
    let doc = check_text("mutant.txt", text);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    (1..=doc.items.len()).map(|i| item_codes(&doc, i)).collect()
}

const MISMATCH: &str = "imr::decision-conclusion-mismatch";
const CONTRADICT: &str = "imr::findings-contradict-decision";
const CITATION: &str = "imr::citation-mismatch";

#[test]
fn opioid_mutants() {
    // 000 item 1: the four A's are not documented.
    let text = seed_text("000");
    let flipped = replace(&text, "REFILLS:  Upheld", "REFILLS:  Overturned");
    assert_eq!(codes_of(&flipped)[0], [MISMATCH]);
    let both = replace(
        &flipped,
        "This request is not medically necessary.",
        "This request is medically necessary.",
    );
    assert_eq!(codes_of(&both)[0], [CONTRADICT]);

    // 001: pain assessment and the 4 A's missing.
    let text = seed_text("001");
    let both = replace(
        &replace(&text, "# 60:  Upheld", "# 60:  Overturned"),
        "the request IS NOT medically necessary",
        "the request IS medically necessary",
    );
    assert_eq!(codes_of(&both)[0], [CONTRADICT]);
    let wrong_section = replace(
        &text,
        "Decision based on MTUS Chronic Pain Treatment Guidelines Medications for chronic pain; CRITERIA FOR USE OF OPIOIDS Page(s): 60,61;76-78;88-89.",
        "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 308.",
    );
    assert_eq!(codes_of(&wrong_section)[0], [CITATION]);

    // 004 item 2: psychological red flags.
    let text = seed_text("004");
    let both = replace(
        &replace(&text, "1 REFILL:  Upheld", "1 REFILL:  Overturned"),
        "The Norco is not medically necessary.",
        "The Norco is medically necessary.",
    );
    assert_eq!(codes_of(&both)[1], [CONTRADICT]);
}

#[test]
fn facet_block_and_ablation_mutants() {
    // 000 item 2: three joint levels and an ablation requested with the diagnostic block.
    let text = seed_text("000");
    let both = replace(&text, "DIAGNOSTIC:  Upheld", "DIAGNOSTIC:  Overturned");
    let both = replace(
        &both,
        "this request is not supported by the treatment guidelines",
        "this request is supported by the treatment guidelines",
    );
    let both = replace_nth(
        &both,
        "This request is not medically necessary.",
        "This request is medically necessary.",
        1,
    );
    assert_eq!(codes_of(&both)[1], [CITATION, CONTRADICT]);

    // 002: radicular symptoms.
    let text = seed_text("002");
    let flipped = replace(&text, "L3,L4,L5:  Upheld", "L3,L4,L5:  Overturned");
    assert_eq!(codes_of(&flipped)[0], [MISMATCH]);
    let both = replace(
        &flipped,
        "The request is not medically necessary.",
        "The request is medically necessary.",
    );
    assert_eq!(codes_of(&both)[0], [CONTRADICT]);

    // 003 item 2: radiculopathy.
    let text = seed_text("003");
    let both = replace(
        &replace(&text, "injections:  Upheld", "injections:  Overturned"),
        "The request is non-certified.",
        "The request is certified.",
    );
    assert_eq!(codes_of(&both)[1], [CITATION, CONTRADICT]);
}

#[test]
fn mri_and_consultation_mutants() {
    let text = seed_text("004");
    let both = replace(
        &replace(&text, "SPINE:  Upheld", "SPINE:  Overturned"),
        "The MRI is not medically necessary.",
        "The MRI is medically necessary.",
    );
    assert_eq!(codes_of(&both)[0], [CITATION, CONTRADICT]);
    let flipped = replace(&text, "SPINE:  Upheld", "SPINE:  Overturned");
    assert_eq!(codes_of(&flipped)[0], [CITATION, MISMATCH]);

    let text = seed_text("003");
    let flipped = replace(&text, "management:  Overturned", "management:  Upheld");
    assert_eq!(codes_of(&flipped)[0], [MISMATCH]);
    let both = replace(
        &flipped,
        "it seems reasonable to support a consultation",
        "it is not reasonable to support a consultation",
    );
    assert_eq!(codes_of(&both)[0], [CONTRADICT]);
}

/// A letter in the seed layout with one item.
fn letter(summary: &str, service: &str, decision: &str, imro: &str, rationale: &str) -> String {
    format!(
        " HOW THE IMR FINAL DETERMINATION WAS MADE \n\nMAXIMUS Federal Services sent the complete case file to an expert reviewer. The expert \n\n\
reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California. \n\n \n\n\
CLINICAL CASE SUMMARY \n\n{summary} \n\n \n\nIMR ISSUES, DECISIONS AND RATIONALES \n\n\
The Final Determination was based on decisions for the disputed items/services set forth below: \n\n \n\n\
{service}:  {decision} \n\n \n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines. \n\n \n\n\
MAXIMUS guideline: {imro} \n\n \n\nDecision rationale: {rationale} \n\n"
    )
}

#[test]
fn certifications_whose_findings_meet_the_criteria_stay_consistent() {
    let opioid = letter(
        "The injured worker is a 52 year old man injured on 03/02/2012 with chronic low back pain. At the 09/14/2014 visit he reported pain of 8/10 without and 4/10 with Norco.",
        "Norco 10/325 #60",
        "Overturned",
        "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids, criteria for use Page(s): 76-80.",
        "The treating physician documents that Norco reduces his pain from 8/10 to 4/10 and that he can walk for 30 minutes and do household chores, an improvement in function over the last six months. He reports no adverse side effects. A urine drug screen in August was consistent with the prescribed medication and there is no aberrant drug-seeking behavior. The 4 A's have been documented. The request is medically necessary.",
    );
    assert_eq!(codes_of(&opioid)[0], Vec::<&str>::new());
    let doc = check_text("opioid.txt", &opioid);
    assert_eq!(doc.items[0].verdict.name(), "consistent");

    let facet = letter(
        "The patient is a 45 year old woman injured on 01/10/2013 with axial low back pain. Examination on 06/02/2014 showed tenderness over the lumbar facet joints and a negative straight leg raise bilaterally. Eight weeks of physical therapy, home exercise and NSAIDs failed to help.",
        "Medial branch block left L3, L4, L5",
        "Overturned",
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) (online version); Low Back, Facet joint diagnostic blocks.",
        "The patient has non-radicular low back pain with facet tenderness on examination, and conservative care including physical therapy has failed. The request covers two joint levels. The request is medically necessary.",
    );
    let doc = check_text("facet.txt", &facet);
    assert_eq!(item_codes(&doc, 1), Vec::<&str>::new());
    assert_eq!(doc.items[0].verdict.name(), "consistent");

    let mri = letter(
        "The patient injured his low back on 02/05/2012. On 10/01/2014 he had a new left foot drop with worsening weakness of ankle dorsiflexion and absent ankle jerks.",
        "MRI of the lumbar spine",
        "Overturned",
        "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303-304.",
        "The patient has a progressive neurological deficit, with a new foot drop. The spine surgeon and the patient are considering surgical decompression. The MRI is medically necessary.",
    );
    let doc = check_text("mri.txt", &mri);
    assert_eq!(item_codes(&doc, 1), Vec::<&str>::new());
    assert_eq!(doc.items[0].verdict.name(), "consistent");
}

#[test]
fn a_letter_outside_the_rule_base_is_not_covered_unless_it_contradicts_itself() {
    let outside = letter(
        "The patient was injured on 04/04/2013 and lives alone.",
        "Interpreter services for medical appointments x 12",
        "Upheld",
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Knee & Leg.",
        "The records do not explain why the patient cannot attend the appointments without an interpreter. The request is not medically necessary.",
    );
    let doc = check_text("outside.txt", &outside);
    assert_eq!(doc.items[0].verdict.name(), "not-covered");
    assert_eq!(item_codes(&doc, 1), Vec::<&str>::new());
    let contradicting = replace(&outside, "x 12:  Upheld", "x 12:  Overturned");
    let doc = check_text("outside.txt", &contradicting);
    assert_eq!(doc.items[0].verdict.name(), "inconsistent");
    assert_eq!(item_codes(&doc, 1), [MISMATCH]);
}

#[test]
fn requirements_listed_but_never_shown_draw_advice() {
    let listed = letter(
        "The patient was injured on 05/05/2013 and has low back pain.",
        "Lumbar facet injection L4-5",
        "Overturned",
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG); Low Back, Facet joint diagnostic blocks.",
        "ODG requires facet tenderness on examination, non-radicular pain and a failure of conservative treatment before diagnostic facet blocks. The request is medically necessary.",
    );
    let doc = check_text("listed.txt", &listed);
    assert_eq!(doc.items[0].verdict.name(), "indeterminate");
    assert_eq!(
        item_codes(&doc, 1),
        ["imr::criteria-not-shown", "imr::criteria-not-shown"]
    );
}
