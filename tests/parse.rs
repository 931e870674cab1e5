//! Parsing the letters: items, decisions, request details, citations and dates, with exact spans.

mod common;

use common::*;
use imr_audit::letter::{Decision, GuidelineSource, Item, Layout};

fn items(prefix: &str) -> (imr_audit::check::Document, Vec<Item>) {
    let doc = parse(&seed(prefix));
    let items = doc.determination.as_ref().expect("a letter").items.clone();
    (doc, items)
}

fn pages(item: &Item, imro: bool) -> Vec<Vec<String>> {
    let block = if imro {
        &item.imro_citations
    } else {
        &item.administrator_citations
    };
    block
        .as_ref()
        .unwrap()
        .citations
        .iter()
        .map(|c| c.pages.iter().map(ToString::to_string).collect())
        .collect()
}

#[test]
fn seed_000_norco_and_facet_blocks_with_rfa() {
    let (doc, items) = items("000");
    assert_eq!(
        doc.determination.as_ref().unwrap().layout,
        Layout::IssuesDecisions
    );
    assert_eq!(items.len(), 2);
    let norco = &items[0];
    assert_eq!(norco.service.value, "NORCO 10/325 MG, #90 WITH 3 REFILLS");
    assert_eq!(
        at(&doc, norco.service.span),
        "NORCO 10/325 MG, #90 WITH 3 REFILLS"
    );
    assert_eq!(norco.decision.as_ref().unwrap().value, Decision::Upheld);
    assert_eq!(at(&doc, norco.decision.as_ref().unwrap().span), "Upheld");
    assert_eq!(norco.request.medication.as_ref().unwrap().value, "NORCO");
    assert_eq!(norco.request.strength.as_ref().unwrap().value, "10/325 MG");
    assert_eq!(norco.request.quantity.as_ref().unwrap().value, 90);
    assert_eq!(norco.request.refills.as_ref().unwrap().value, 3);
    assert_eq!(pages(norco, false), [["80"]]);
    assert_eq!(pages(norco, true), [["80"]]);

    let facet = &items[1];
    assert_eq!(
        facet.service.value,
        "FACET BLOCKS AT L3-S1 WITH RFA IF DIAGNOSTIC"
    );
    assert_eq!(facet.decision.as_ref().unwrap().value, Decision::Upheld);
    assert_eq!(facet.request.motion_segments, ["L3-4", "L4-5", "L5-S1"]);
    assert_eq!(facet.request.joint_levels, Some(3));
    assert_eq!(facet.request.companions[0].value, "RFA IF DIAGNOSTIC");
    assert_eq!(at(&doc, facet.request.levels[0].span), "L3-S1");
    let admin = facet.administrator_citations.as_ref().unwrap();
    assert!(admin.not_based_on_mtus.is_some());
    assert_eq!(admin.citations[0].source, GuidelineSource::Odg);
    assert_eq!(admin.citations[0].edition.as_deref(), Some("11TH"));
    let imro = &facet.imro_citations.as_ref().unwrap().citations[0];
    assert_eq!(
        (imro.source, imro.chapter),
        (GuidelineSource::MtusAcoem, Some(12))
    );
    assert_eq!(pages(facet, true), [["360"]]);
    let rationale = at(&doc, facet.rationale.unwrap());
    assert!(rationale.starts_with("The ACOEM Guidelines, chapter 12/low back"));
    assert!(rationale
        .trim_end()
        .ends_with("This request is not medically necessary."));
}

#[test]
fn seed_001_norco_60() {
    let (doc, items) = items("001");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].service.value, "Norco 10/325 # 60");
    assert_eq!(items[0].request.quantity.as_ref().unwrap().value, 60);
    assert_eq!(items[0].decision.as_ref().unwrap().value, Decision::Upheld);
    assert_eq!(pages(&items[0], true), [["60", "61", "76-78", "88-89"]]);
    let c = &items[0].imro_citations.as_ref().unwrap().citations[0];
    assert_eq!(
        c.topic.as_deref(),
        Some("Medications for chronic pain; CRITERIA FOR USE OF OPIOIDS")
    );
    assert_eq!(
        items[0].administrator_citations.as_ref().unwrap().citations[0]
            .topic
            .as_deref(),
        Some("Opioids")
    );
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.reviewer.licensure.as_ref().unwrap().value, "California");
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Physical Medicine & Rehabn"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2009-10-05"
    );
    assert_eq!(
        d.dates.latest_record().unwrap().value.to_string(),
        "2014-11-24"
    );
}

#[test]
fn seed_002_medial_branch_block() {
    let (doc, items) = items("002");
    assert_eq!(items.len(), 1);
    let mbb = &items[0];
    assert_eq!(mbb.service.value, "Medial branch block left L3,L4,L5");
    assert_eq!(mbb.request.medial_branches, ["L3", "L4", "L5"]);
    assert_eq!(mbb.request.joint_levels, Some(2));
    assert_eq!(
        at(&doc, mbb.request.laterality.as_ref().unwrap().span),
        "left"
    );
    let imro = mbb.imro_citations.as_ref().unwrap();
    assert!(imro.not_based_on_mtus.is_some());
    assert_eq!(imro.citations[0].source, GuidelineSource::Odg);
    assert!(imro.citations[0].online);
    assert_eq!(
        imro.citations[0].topic.as_deref(),
        Some("Diagnostic Facet Blocks")
    );
    let admin = mbb.administrator_citations.as_ref().unwrap();
    assert_eq!(admin.citations.len(), 2);
    assert_eq!(pages(mbb, false), [vec!["300".to_string()], vec![]]);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        d.reviewer.subspecialty.as_ref().unwrap().value,
        "Interventional spine"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2011-08-30"
    );
}

#[test]
fn seed_003_consultation_and_facet_injections() {
    let (doc, items) = items("003");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].service.value, "Consultation with pain management");
    assert_eq!(
        items[0].decision.as_ref().unwrap().value,
        Decision::Overturned
    );
    assert_eq!(pages(&items[0], false), [["92", "127"]]);
    assert_eq!(
        items[0].administrator_citations.as_ref().unwrap().citations[0].chapter,
        None
    );
    assert_eq!(pages(&items[0], true), [["31-32"]]);
    assert_eq!(items[1].service.value, "Lumbar facet injections");
    assert_eq!(items[1].decision.as_ref().unwrap().value, Decision::Upheld);
    assert_eq!(
        pages(&items[1], true),
        [vec!["300-301", "617-625"], vec!["617-625"]]
    );
    let other = &items[1].imro_citations.as_ref().unwrap().citations[1];
    assert_eq!(other.source, GuidelineSource::Other);
    assert_eq!(other.year, Some(2009));
    // The page break inside the rationale's numbered list does not split the item.
    let rationale = at(&doc, items[0].rationale.unwrap());
    assert!(rationale.contains("(6) Negative predictors"));
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Internal Medicine"
    );
    assert_eq!(d.reviewer.licensure.as_ref().unwrap().value, "New York");
}

#[test]
fn seed_004_mri_and_norco_30() {
    let (_, items) = items("004");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].service.value, "MRI OF THE LUMBAR SPINE");
    assert_eq!(pages(&items[0], false), [["303-304"]]);
    assert_eq!(pages(&items[0], true), [["53", "180"]]);
    assert_eq!(items[1].service.value, "NORCO 10/325MG, #30 WITH 1 REFILL");
    assert_eq!(items[1].request.quantity.as_ref().unwrap().value, 30);
    assert_eq!(items[1].request.refills.as_ref().unwrap().value, 1);
    assert_eq!(pages(&items[1], true), [["76", "80-82"]]);
}

#[test]
fn every_seed_parses_without_diagnostics() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = parse(&seed(prefix));
        assert!(
            doc.diagnostics.is_empty(),
            "{prefix}: {:?}",
            doc.diagnostics
        );
    }
}

#[test]
fn crlf_single_spacing_and_windows_1252_decode_to_the_same_items() {
    let original = std::fs::read_to_string(seed("001")).unwrap();
    // Single-spaced CRLF text with smart quotes in Windows-1252.
    let single: String = original
        .split('\n')
        .step_by(2)
        .collect::<Vec<_>>()
        .join("\r\n");
    let text = single.replace('"', "\u{201c}");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let doc = imr_audit::check::parse(imr_audit::source::Source::from_bytes(
        "cp1252.txt",
        cp1252.into_owned(),
    ));
    assert_eq!(
        doc.source.encoding,
        imr_audit::source::Encoding::Windows1252
    );
    let d = doc.determination.expect("still a letter");
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].service.value, "Norco 10/325 # 60");
    assert_eq!(
        d.items[0].decision.as_ref().unwrap().value,
        Decision::Upheld
    );
}

fn layout_fixture(name: &str) -> imr_audit::check::Document {
    parse(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/layouts")
            .join(name),
    )
}

#[test]
fn layout_2_documents_reviewed() {
    let doc = layout_fixture("documents-reviewed-esi-and-mri.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::DocumentsReviewed);
    assert_eq!(d.items.len(), 2);
    assert_eq!(
        d.items[0].service.value,
        "Lumbar epidural steroid injection L4-5"
    );
    assert_eq!(
        d.items[0].decision.as_ref().unwrap().value,
        Decision::Overturned
    );
    assert_eq!(d.items[0].request.motion_segments, ["L4-5"]);
    assert_eq!(
        d.items[1].decision.as_ref().unwrap().value,
        Decision::Upheld
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2012-02-14"
    );
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Orthopaedic Surgery"
    );
    // The documents list is not part of the case summary.
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 52 year old female"));
    assert!(!summary.contains("Utilization Review Determination"));
}

#[test]
fn layout_3_notice_2013() {
    let doc = layout_fixture("notice-2013-opioid-and-pt.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::Notice2013);
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2013-12-16"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2011-03-14"
    );
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Anesthesiology"
    );
    assert_eq!(
        d.reviewer.subspecialty.as_ref().unwrap().value,
        "Pain Medicine"
    );
    assert_eq!(d.items.len(), 2);
    let norco = &d.items[0];
    assert_eq!(norco.service.value, "Norco 10/325mg #120");
    assert_eq!(norco.decision.as_ref().unwrap().value, Decision::Upheld);
    assert_eq!(norco.request.quantity.as_ref().unwrap().value, 120);
    let admin = &norco.administrator_citations.as_ref().unwrap().citations[0];
    assert_eq!(admin.source, GuidelineSource::MtusChronicPain);
    assert_eq!(admin.pages_text.as_deref(), Some("78-80"));
    let imro = &norco.imro_citations.as_ref().unwrap().citations[0];
    assert_eq!(imro.year, Some(2009));
    assert_eq!(imro.pages_text.as_deref(), Some("76-80"));
    let rationale = at(&doc, norco.rationale.unwrap())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(rationale.starts_with("The guidelines require ongoing review"));
    assert!(rationale.ends_with("is not medically necessary and appropriate."));
    let pt = &d.items[1];
    assert_eq!(
        pt.service.value,
        "physical therapy 2x4 for the lumbar spine"
    );
    assert_eq!(pt.decision.as_ref().unwrap().value, Decision::Overturned);
    assert_eq!(pt.request.visits.as_ref().unwrap().value, 8);
}

#[test]
fn layout_4_professional_review_with_wrapped_headings() {
    let doc = layout_fixture("professional-review-wrapped.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::ProfessionalReview);
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2015-06-18"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2012-04-02"
    );
    assert_eq!(d.reviewer.licensure.as_ref().unwrap().value, "California");
    assert_eq!(d.items.len(), 1);
    assert_eq!(
        d.items[0].service.value,
        "Medial branch block bilateral L4-5, L5-S1"
    );
    assert_eq!(d.items[0].request.joint_levels, Some(2));
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 39 year old man"));
}

#[test]
fn layout_2017_item_and_decision_on_labelled_lines() {
    let doc = layout_fixture("issues-decisions-2017-item-decision-lines.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.items.len(), 2);
    let gabapentin = &d.items[0];
    assert_eq!(gabapentin.service.value, "Gabapentin 600mg #90");
    assert_eq!(at(&doc, gabapentin.service.span), "Gabapentin 600mg #90");
    assert_eq!(
        gabapentin.request.medication.as_ref().unwrap().value,
        "Gabapentin"
    );
    assert_eq!(
        gabapentin.decision.as_ref().unwrap().value,
        Decision::Upheld
    );
    assert_eq!(
        at(&doc, gabapentin.decision.as_ref().unwrap().span),
        "Upheld"
    );
    // The header's dates, one to a line.
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2017-10-06"
    );
    let naproxen = &d.items[1];
    assert_eq!(naproxen.service.value, "Naproxen sodium 550mg #60");
    assert_eq!(
        naproxen.decision.as_ref().unwrap().value,
        Decision::Overturned
    );
    // The next item's label line is not part of the rationale before it.
    let rationale = at(&doc, gabapentin.rationale.unwrap());
    assert!(
        rationale.ends_with("is therefore not medically necessary."),
        "{rationale}"
    );
}

/// Each citation of a block as "source chapter topic pages".
fn cited(block: &Option<imr_audit::letter::CitationBlock>) -> Vec<String> {
    block
        .as_ref()
        .map(|b| {
            b.citations
                .iter()
                .map(|c| {
                    let pages: Vec<String> = c.pages.iter().map(ToString::to_string).collect();
                    let mut parts = vec![c.source.name().to_string()];
                    parts.extend(c.chapter.map(|n| format!("ch.{n}")));
                    parts.extend(c.topic.clone());
                    if !pages.is_empty() {
                        parts.push(format!("pp.{}", pages.join(",")));
                    }
                    parts.join(" ")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn layout_2014_notice_with_guidelines_relied_upon_by_each_party() {
    let doc = layout_fixture("notice-2014-relied-upon.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::Notice2013);
    assert_eq!(
        cited(&d.items[0].administrator_citations),
        ["mtus-chronic-pain Opioids pp.74-96"]
    );
    assert_eq!(
        cited(&d.items[0].imro_citations),
        [
            "mtus-chronic-pain Opioids, On-Going Management pp.78-80",
            "mtus-chronic-pain When to Continue Opioids pp.80"
        ]
    );
    // A citation continuing the one before it keeps its edition.
    let imro = &d.items[0].imro_citations.as_ref().unwrap().citations;
    assert_eq!(imro[1].year, Some(2009));
    assert_eq!(
        cited(&d.items[1].imro_citations),
        [
            "mtus-chronic-pain Carisoprodol (Soma) pp.29",
            "mtus-chronic-pain Muscle relaxants (for pain) pp.63-66"
        ]
    );
    // The 2014 notice tells the reviewer and the case summary under the seed layout's headings.
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Physical Medicine and Rehabilitation"
    );
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The expert reviewer developed"));
    assert!(summary.ends_with("Norco 10/325mg #120 and Soma 350mg #60."));
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2014-06-27"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2009-10-02"
    );
    // The sign-off after the last rationale is not part of it.
    let rationale = at(&doc, d.items[1].rationale.unwrap());
    assert!(rationale.ends_with("is not medically necessary and appropriate."));
}

/// Whitespace folded, as the text reads.
fn folded(doc: &imr_audit::check::Document, span: imr_audit::span::Span) -> String {
    at(doc, span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn late_2013_final_determination_letter_states_its_decisions_in_a_numbered_list() {
    let doc = layout_fixture("notice-2013-final-determination-letter.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::Notice2013);
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Physical Medicine and Rehabilitation"
    );
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2013-12-02"
    );
    // The list of documents reviewed is not part of the case summary.
    let summary = folded(&doc, d.case_summary.unwrap());
    assert!(
        summary.ends_with("without a documented one month trial."),
        "{summary}"
    );
    assert_eq!(
        services(d),
        [
            "MRI of the lumbar spine without contrast",
            "gabapentin 600mg #90",
            // A section heading wrapped onto a second line.
            "TENS unit purchase for home use after the trial period for the lumbar spine"
        ]
    );
    assert_eq!(
        decisions(d),
        [Decision::Overturned, Decision::Overturned, Decision::Upheld]
    );
    // The decision comes from the list, a sentence wrapped over two lines included.
    assert_eq!(
        folded(&doc, d.items[1].decision.as_ref().unwrap().span),
        "2. Gabapentin 600mg #90 is medically necessary and appropriate"
    );
    // "Rationale for the Decision:" holds each party's statement; the rationale has its own heading.
    assert_eq!(
        cited(&d.items[0].administrator_citations),
        ["mtus-acoem ch.12 pp.303-304"]
    );
    assert_eq!(
        cited(&d.items[0].imro_citations),
        ["mtus-acoem ch.12 pp.303"]
    );
    assert_eq!(
        cited(&d.items[1].administrator_citations),
        ["mtus-chronic-pain Antiepilepsy drugs pp.16-18"]
    );
    assert_eq!(
        cited(&d.items[1].imro_citations),
        ["mtus-chronic-pain Gabapentin pp.18-19"]
    );
    let rationales = rationales(&doc);
    assert!(rationales[0].starts_with("Imaging of the lumbar spine is indicated"));
    // The page footer inside the first rationale is skipped, not the text after it.
    assert!(rationales[0].ends_with("without contrast is medically necessary and appropriate."));
    assert!(rationales[1].starts_with("Gabapentin is recommended for neuropathic pain."));
    assert!(rationales[2].starts_with("A one month home-based trial of TENS"));
    assert!(rationales.iter().all(|r| !r.contains("based its decision")));
}

#[test]
fn late_2013_letter_with_unnumbered_decisions_matches_them_by_service() {
    let doc = layout_fixture("notice-2013-unnumbered-decisions.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::Notice2013);
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Anesthesiology"
    );
    assert_eq!(d.items.len(), 2);
    // The sections come in another order than the decisions, and neither is numbered.
    let pt = &d.items[0];
    assert_eq!(
        pt.service.value,
        "physical therapy 2 times a week for 3 weeks for the neck"
    );
    assert_eq!(pt.decision.as_ref().unwrap().value, Decision::Overturned);
    assert_eq!(pt.request.visits.as_ref().unwrap().value, 6);
    let esi = &d.items[1];
    assert_eq!(
        esi.service.value,
        "cervical epidural steroid injection at C5-6"
    );
    assert_eq!(esi.decision.as_ref().unwrap().value, Decision::Upheld);
    assert!(folded(&doc, esi.decision.as_ref().unwrap().span)
        .starts_with("MAXIMUS Federal Services, Inc. has determined the request for cervical"));
    assert_eq!(
        cited(&esi.administrator_citations),
        ["mtus-chronic-pain Epidural steroid injections (ESIs) pp.46"]
    );
    assert_eq!(
        cited(&esi.imro_citations),
        ["mtus-chronic-pain Epidural steroid injections (ESIs) pp.46"]
    );
    assert!(
        folded(&doc, pt.rationale.unwrap()).starts_with("The guidelines support up to ten visits")
    );
    assert!(folded(&doc, esi.rationale.unwrap()).starts_with("Radiculopathy must be documented"));
}

#[test]
fn late_2013_letter_states_its_decisions_in_a_table() {
    let doc = layout_fixture("notice-2013-decision-table.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    // Its documents list does not make it the documents-reviewed layout.
    assert_eq!(d.layout, Layout::Notice2013);
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Orthopedic Surgery"
    );
    // The documents list opening the case summary is skipped: the summary is the clinical text.
    let summary = folded(&doc, d.case_summary.unwrap());
    assert!(
        summary.starts_with("The patient is a 38 year-old cashier"),
        "{summary}"
    );
    assert!(
        summary.ends_with("locking of the knee twice a week."),
        "{summary}"
    );
    assert_eq!(
        services(d),
        [
            "tramadol ER 150mg #30",
            "acupuncture 2 times a week for 3 weeks for the left knee",
            "MRI of the left knee"
        ]
    );
    // The unnumbered sections come in another order than the table's rows: each takes the row
    // naming its service, not the row in its place.
    assert_eq!(
        decisions(d),
        [Decision::Upheld, Decision::Upheld, Decision::Overturned]
    );
    assert_eq!(
        at(&doc, d.items[2].decision.as_ref().unwrap().span),
        "Overturned"
    );
    assert_eq!(
        cited(&d.items[0].administrator_citations),
        ["mtus-chronic-pain Opioids pp.78-80"]
    );
    assert_eq!(
        cited(&d.items[0].imro_citations),
        ["mtus-chronic-pain Tramadol pp.113"]
    );
    // "Rationale:" after the parties' citation blocks starts the rationale.
    let rationales = rationales(&doc);
    assert!(rationales[0].starts_with("The guidelines call for documented pain relief"));
    assert!(rationales[1].starts_with("Acupuncture is used when pain medication"));
    assert!(rationales[2].starts_with("An MRI is indicated for a suspected meniscus tear"));
    assert!(rationales.iter().all(|r| !r.contains("based its decision")));
}

#[test]
fn layout_2019_mtus_citation_blocks() {
    let doc = layout_fixture("issues-decisions-2019-mtus-citation.txt");
    let d = doc.determination.as_ref().unwrap();
    assert!(d.items.iter().all(|i| i.administrator_citations.is_none()));
    assert_eq!(
        cited(&d.items[0].imro_citations),
        [
            "mtus-chronic-pain Muscle relaxants (for pain) pp.63-66",
            "mtus-chronic-pain Tizanidine (Zanaflex) pp.66"
        ]
    );
    assert_eq!(
        cited(&d.items[1].imro_citations),
        [
            "mtus-chronic-pain Opioids, On-going management pp.78-80",
            "mtus-chronic-pain Opioids, discontinuation and weaning pp.79-80,124",
            "mtus-chronic-pain Opioids, dealing with misuse and addiction pp.84"
        ]
    );
    let doc = layout_fixture("issues-decisions-2017-item-decision-lines.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        cited(&d.items[1].imro_citations),
        ["mtus-chronic-pain NSAIDs (non-steroidal anti-inflammatory drugs) pp.67-73"]
    );
}

#[test]
fn layout_2018_two_guidelines_on_one_citation_line() {
    let doc = layout_fixture("issues-decisions-2018-two-guidelines-per-line.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        cited(&d.items[0].imro_citations),
        [
            "mtus-chronic-pain Drug testing pp.43",
            "odg Urine drug testing (UDT)"
        ]
    );
    assert_eq!(
        cited(&d.items[1].administrator_citations),
        ["mtus-acoem ch.7 pp.127", "mtus-acoem ch.9 pp.209-211"]
    );
    assert_eq!(
        cited(&d.items[1].imro_citations),
        ["mtus-acoem ch.9 pp.209-211", "mtus-acoem ch.7 pp.127"]
    );
    // The header's dates, two to a line.
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2018-08-09"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2016-10-27"
    );
    let odg = &d.items[0].imro_citations.as_ref().unwrap().citations[1];
    assert_eq!(odg.chapter_title.as_deref(), Some("Pain (Chronic)"));
    assert_eq!(
        at(&doc, odg.span),
        "ODG Pain (Chronic), Urine drug testing (UDT)."
    );
}

#[test]
fn layout_2016_a_guideline_that_does_not_address_the_request() {
    let doc = layout_fixture("issues-decisions-2016-guideline-not-addressing.txt");
    let d = doc.determination.as_ref().unwrap();
    let imro = d.items[0].imro_citations.as_ref().unwrap();
    assert_eq!(
        at(&doc, imro.not_based_on_mtus.unwrap()),
        "The MTUS does not address"
    );
    assert_eq!(imro.citations.len(), 1);
    assert_eq!(imro.citations[0].source, GuidelineSource::Other);
    assert!(imro.citations[0]
        .text
        .contains("Adult Patients with Hearing Aids"));
    assert!(d.items[0]
        .administrator_citations
        .as_ref()
        .unwrap()
        .not_based_on_mtus
        .is_none());
}

#[test]
fn layout_2019_double_spaced_with_words_broken_at_line_ends() {
    let doc = layout_fixture("issues-decisions-2019-double-spaced.txt");
    let d = doc.determination.as_ref().unwrap();
    let knee = &d.items[0].imro_citations.as_ref().unwrap().citations[0];
    assert_eq!(knee.chapter, Some(13));
    assert_eq!(knee.chapter_title.as_deref(), Some("Knee Complaints"));
    assert_eq!(
        cited(&d.items[1].imro_citations),
        [
            "mtus-chronic-pain Pregabalin (Lyrica) pp.19-20",
            "mtus-chronic-pain Antiepilepsy drugs pp.16-17"
        ]
    );
    let pregabalin = &d.items[1].imro_citations.as_ref().unwrap().citations[0];
    assert!(at(&doc, pregabalin.span).contains("Pregaba-\n\nlin"));
}

#[test]
fn every_layout_fixture_is_read_with_its_layout() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".txt") {
            continue;
        }
        let expected = if name.starts_with("documents") {
            Layout::DocumentsReviewed
        } else if name.starts_with("issues-decisions") {
            Layout::IssuesDecisions
        } else if name.starts_with("notice") {
            Layout::Notice2013
        } else if name.starts_with("numbered-issues") {
            Layout::NumberedIssues
        } else if name.starts_with("final-list") {
            Layout::FinalList
        } else {
            Layout::ProfessionalReview
        };
        let doc = parse(&entry.path());
        assert!(doc.diagnostics.is_empty(), "{name}: {:?}", doc.diagnostics);
        let d = doc
            .determination
            .as_ref()
            .unwrap_or_else(|| panic!("{name} is not read as a letter"));
        assert_eq!(d.layout, expected, "{name}");
        assert!(!d.items.is_empty(), "{name}");
        assert!(
            d.items
                .iter()
                .all(|i| i.decision.is_some() && i.rationale.is_some()),
            "{name}"
        );
        seen += 1;
    }
    assert!(seen >= 3);
}

#[test]
fn items_listed_once_and_keyed_by_number_in_later_sections() {
    let doc = layout_fixture("numbered-issues-2020-sections-keyed-by-item.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::NumberedIssues);
    // The list's entries, one wrapped over two lines, each with its decision after a dash.
    assert_eq!(
        services(d),
        [
            "MRI of the lumbar spine without contrast",
            "TENS unit, one-month home trial",
            "Cyclobenzaprine 10 mg #90"
        ]
    );
    assert_eq!(
        decisions(d),
        [Decision::Upheld, Decision::Overturned, Decision::Upheld]
    );
    // The service's span points at the service, not at its list number ("(1) ").
    assert_eq!(
        at(&doc, d.items[0].service.span),
        "MRI of the lumbar spine without contrast"
    );
    // Each item's citations come from its paragraph under the guidelines heading, its rationale from
    // its paragraph under the analysis, without the key.
    assert_eq!(
        cited(&d.items[0].imro_citations),
        ["mtus-acoem ch.12 pp.303-304"]
    );
    assert_eq!(
        cited(&d.items[2].imro_citations),
        ["mtus-chronic-pain Muscle relaxants (for pain) pp.63-66"]
    );
    let rationales = rationale_spans(&doc);
    assert!(
        rationales[0].starts_with("ACOEM supports imaging"),
        "{rationales:?}"
    );
    assert!(rationales[1].starts_with("The MTUS supports a one-month"));
    assert!(rationales[2].starts_with("Muscle relaxants are recommended"));
    // The last rationale ends before the notice of finality; the summary ends at the next heading.
    assert!(rationales[2].ends_with("The request is not medically necessary."));
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 44-year-old"));
    assert!(summary.ends_with("home exercise program."));
}

#[test]
fn a_narrative_analysis_with_the_decisions_listed_after_it() {
    let doc = layout_fixture("final-list-2022-narrative-decisions-listed-last.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::FinalList);
    // The necessity stated after a service, and the decision sentence wrapped below it, are no part of
    // the service.
    assert_eq!(
        services(d),
        [
            "MRI of the lumbar spine without contrast",
            "Tramadol 50 mg #120",
            "Aquatic therapy, 8 sessions"
        ]
    );
    assert_eq!(decisions(d), [Decision::Upheld; 3]);
    let rationales = rationale_spans(&doc);
    // The opening paragraph, naming no item, goes with the first; the opioid paragraph that names
    // no service word of its own goes with the tramadol paragraph after it, which names the item.
    assert!(
        rationales[0].starts_with("The reviewer considered the records"),
        "{rationales:?}"
    );
    assert!(rationales[0].ends_with("The lumbar MRI is not medically necessary."));
    assert!(rationales[1].starts_with("Ongoing opioid management"));
    assert!(rationales[1].ends_with("Continued tramadol is not medically necessary."));
    assert!(rationales[2].starts_with("Aquatic therapy is an optional form"));
    assert!(rationales[2].ends_with("sessions are not medically necessary."));
    // The guidelines are named in the analysis itself.
    assert_eq!(
        cited(&d.items[0].imro_citations),
        ["mtus-acoem ch.12 pp.303-304"]
    );
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 47-year-old"));
    assert!(summary.ends_with("is in the records."));
}

#[test]
fn items_keyed_once_by_their_heading_stay_with_the_layout_that_reads_their_blocks() {
    // A front list and "Item 1: X" headings with labelled blocks below: the seed layout's items.
    let doc = layout_fixture("issues-decisions-2019-question-items.txt");
    assert_eq!(
        doc.determination.as_ref().unwrap().layout,
        Layout::IssuesDecisions
    );
}

fn decisions(d: &imr_audit::letter::Determination) -> Vec<Decision> {
    d.items
        .iter()
        .map(|i| i.decision.as_ref().unwrap().value)
        .collect()
}

fn services(d: &imr_audit::letter::Determination) -> Vec<&str> {
    d.items.iter().map(|i| i.service.value.as_str()).collect()
}

/// Each item's rationale as the letter prints it.
fn rationale_spans(doc: &imr_audit::check::Document) -> Vec<&str> {
    let d = doc.determination.as_ref().unwrap();
    d.items
        .iter()
        .map(|i| at(doc, i.rationale.unwrap()))
        .collect()
}

/// Each item's rationale as logical text.
fn rationales(doc: &imr_audit::check::Document) -> Vec<String> {
    let d = doc.determination.as_ref().unwrap();
    d.items
        .iter()
        .map(|i| folded(doc, i.rationale.unwrap()))
        .collect()
}

#[test]
fn layout_2017_rationale_label_and_parenthetical_decisions() {
    let doc = layout_fixture("documents-reviewed-2017-rationale-label-parenthetical-decision.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.items.len(), 2);
    assert_eq!(decisions(d), [Decision::Overturned, Decision::Upheld]);
    assert_eq!(
        at(&doc, d.items[0].decision.as_ref().unwrap().span),
        "Overturned"
    );
    let rationale = at(&doc, d.items[0].rationale.unwrap());
    assert!(rationale.starts_with("According to ACOEM"), "{rationale}");
    assert!(rationale.ends_with("MRI of the right shoulder is medically necessary."));
    assert!(at(&doc, d.items[1].rationale.unwrap()).ends_with("is not medically necessary."));
}

#[test]
fn layout_2017_disputed_item_lines_without_section_headings() {
    let doc = layout_fixture("issues-decisions-2017-disputed-item-lines-no-headings.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::IssuesDecisions);
    assert_eq!(
        services(d),
        [
            "Naproxen sodium 550 mg, #60",
            "Work hardening program, 10 sessions"
        ]
    );
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Upheld]);
    // "GUIDELINE(S):" is the item's citation block, "RATIONALE:" its rationale.
    assert!(d.items.iter().all(|i| i.imro_citations.is_some()));
    assert!(at(&doc, d.items[0].rationale.unwrap()).starts_with("The guidelines recommend NSAIDs"));
    // "CASE SUMMARY" heads the summary, which stops at the first item.
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The claimant is a 41-year-old woman"));
    assert!(!summary.contains("DISPUTED ITEM"));
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2017-11-28"
    );
}

#[test]
fn layout_2014_items_headed_by_a_sentence_with_the_decision() {
    let doc = layout_fixture("issues-decisions-2014-sentence-item-headings.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        services(d),
        [
            "Posterior lumbar interbody fusion L4-L5 with 3 day inpatient stay",
            "CT scan of the lumbar spine without contrast"
        ]
    );
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Overturned]);
    // The heading wraps: the decision phrase runs onto the next printed line.
    assert_eq!(
        at(&doc, d.items[0].decision.as_ref().unwrap().span),
        "not medically necessary and\nappropriate"
    );
    assert_eq!(
        at(&doc, d.items[1].decision.as_ref().unwrap().span),
        "medically necessary and appropriate"
    );
    assert!(d.items.iter().all(|i| i.rationale.is_some()));
}

#[test]
fn layout_2019_item_headings_with_the_decision_after_a_dash() {
    let doc = layout_fixture("documents-reviewed-2019-dash-item-headings.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        services(d),
        [
            "Medically supervised weight loss program x 10 weeks",
            "Bilateral sacroiliac joint injections under fluoroscopy"
        ]
    );
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Upheld]);
    assert_eq!(
        at(&doc, d.items[0].decision.as_ref().unwrap().span),
        "UPHELD"
    );
    assert!(d
        .items
        .iter()
        .all(|i| i.rationale.is_some() && i.imro_citations.is_some()));
}

#[test]
fn layout_2019_header_dates_in_a_letter_without_section_headings() {
    let doc = layout_fixture("documents-reviewed-2019-header-without-headings.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2019-09-26"
    );
    assert_eq!(
        d.dates.injury.as_ref().unwrap().value.to_string(),
        "2017-02-02"
    );
    // "Clinical Summary:" heads the summary, which stops before the item.
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 54-year-old female"));
    assert!(summary.trim_end().ends_with("injection was requested."));
}

#[test]
fn layout_2018_determination_date_is_the_letter_date() {
    let doc = layout_fixture("documents-reviewed-2018-determination-date.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2018-10-29"
    );
    assert_eq!(d.items.len(), 2);
    assert!(d.items.iter().all(|i| i.rationale.is_some()));
}

#[test]
fn layout_2019_items_asked_as_questions_with_a_basis_for_the_decision() {
    let doc = layout_fixture("issues-decisions-2019-question-items.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.layout, Layout::IssuesDecisions);
    // The numbered decision list up front is not an item: the items are the questions.
    assert_eq!(
        services(d),
        [
            "cervical epidural steroid injection at C6-7",
            "physical therapy 2 times a week for 4 weeks"
        ]
    );
    assert_eq!(
        at(&doc, d.items[0].service.span),
        "cervical epidural steroid injection at C6-7"
    );
    // The second question is split by a page footer after its service.
    assert_eq!(
        at(&doc, d.items[1].service.span),
        "physical therapy 2 times a week for 4 weeks"
    );
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Overturned]);
    assert_eq!(
        at(&doc, d.items[0].decision.as_ref().unwrap().span),
        "Upheld"
    );
    assert_eq!(pages(&d.items[0], true), [["46"]]);
    assert_eq!(pages(&d.items[1], true), [["98-99"]]);
    // "Basis for the Decision:" is the rationale, and the last one stops at the letter's closing.
    let first = at(&doc, d.items[0].rationale.unwrap());
    assert!(
        first.starts_with("The guidelines require radiculopathy"),
        "{first}"
    );
    assert!(
        first.ends_with("The request is not medically necessary."),
        "{first}"
    );
    let last = at(&doc, d.items[1].rationale.unwrap());
    assert!(
        last.starts_with("The guidelines allow 8 to 10 visits"),
        "{last}"
    );
    assert!(
        last.ends_with("The request is medically necessary."),
        "{last}"
    );
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary
        .trim_end()
        .ends_with("lost range of motion since then."));
}

#[test]
fn layout_2021_decision_stated_after_the_rationale() {
    let doc = layout_fixture("issues-decisions-2021-decision-after-rationale.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
    // The first question runs over a page break that falls inside it.
    assert_eq!(
        services,
        ["lumbar MRI without contrast", "tramadol ER 100mg #30"]
    );
    assert_eq!(decisions(d), [Decision::Overturned, Decision::Upheld]);
    assert_eq!(pages(&d.items[0], true), [["303-304"]]);
    assert_eq!(pages(&d.items[1], true), [["78-80"]]);
    for (item, end) in d.items.iter().zip([
        "The request is medically necessary.",
        "The request is not medically necessary.",
    ]) {
        let rationale = item.rationale.unwrap();
        let text = at(&doc, rationale);
        assert!(text.ends_with(end), "{text}");
        assert!(!text.contains("Decision"), "{text}");
        // The decision is the line after the rationale.
        let decision = item.decision.as_ref().unwrap().span;
        assert!(decision.offset > rationale.end());
    }
    assert!(at(&doc, d.items[0].rationale.unwrap()).starts_with("Imaging of the low back"));
    // A line holding only the item's label ends the case summary.
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary
        .trim_end()
        .ends_with("no urine drug screen is on file."));
}

#[test]
fn layout_2022_numbered_disputed_issues_under_a_summary_heading() {
    let doc = layout_fixture("issues-decisions-2022-numbered-disputed-issues.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    // No section heading of the seed layout: the items alone make the letter.
    assert_eq!(d.layout, Layout::IssuesDecisions);
    assert_eq!(
        services(d),
        [
            "Postoperative physical therapy for the right shoulder, 12 sessions",
            "Shoulder sling"
        ]
    );
    assert_eq!(decisions(d), [Decision::Overturned, Decision::Upheld]);
    assert_eq!(
        at(&doc, d.items[0].service.span),
        "Postoperative physical therapy for the right shoulder, 12\nsessions"
    );
    assert!(d.items.iter().all(|i| i.imro_citations.is_some()));
    let first = at(&doc, d.items[0].rationale.unwrap());
    assert!(
        first.starts_with("The postsurgical guidelines allow"),
        "{first}"
    );
    assert!(
        first.ends_with("The request is medically necessary."),
        "{first}"
    );
    let last = at(&doc, d.items[1].rationale.unwrap());
    assert!(last.ends_with("medically necessary."), "{last}");
    // "Summary" alone heads the case summary.
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.starts_with("The injured worker is a 55 year old cook"));
    assert!(summary
        .trim_end()
        .ends_with("postoperative physical therapy."));
    assert_eq!(
        d.dates.letter.as_ref().unwrap().value.to_string(),
        "2022-03-28"
    );
}

#[test]
fn layout_2020_decisions_given_only_by_the_determination_table() {
    let doc = layout_fixture("issues-decisions-2020-decisions-in-table.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        services(d),
        ["gabapentin 300mg #90", "cyclobenzaprine 7.5mg #60"]
    );
    assert_eq!(decisions(d), [Decision::Overturned, Decision::Upheld]);
    // Each decision is the word in the item's row of the table, above the case summary.
    let summary = d.case_summary.unwrap();
    for (item, word) in d.items.iter().zip(["Overturned", "Upheld"]) {
        let span = item.decision.as_ref().unwrap().span;
        assert_eq!(at(&doc, span), word);
        assert!(span.offset < summary.offset);
        assert!(item.rationale.is_some() && item.imro_citations.is_some());
    }
}

/// The services and decisions of a layout fixture's items, in letter order.
fn fixture_services_and_decisions(name: &str) -> Vec<(String, Decision)> {
    let doc = layout_fixture(name);
    doc.determination
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| (i.service.value.clone(), i.decision.as_ref().unwrap().value))
        .collect()
}

#[test]
fn a_numbered_service_takes_the_decision_word_on_the_line_below() {
    assert_eq!(
        fixture_services_and_decisions("issues-decisions-2014-numbered-items-decision-below.txt"),
        [
            ("TRAMADOL 50MG #90".to_string(), Decision::Overturned),
            (
                "PHYSICAL THERAPY 2X6 LUMBAR SPINE".to_string(),
                Decision::Upheld
            )
        ]
    );
}

#[test]
fn items_set_before_the_case_summary_are_read_and_the_summary_ends_at_the_next_heading() {
    let doc = layout_fixture("issues-decisions-2014-items-before-summary.txt");
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.items.len(), 1);
    assert_eq!(d.items[0].service.value, "LUMBAR MRI WITHOUT CONTRAST");
    let rationale = at(&doc, d.items[0].rationale.unwrap());
    assert!(!rationale.contains("CLINICAL CASE SUMMARY"), "{rationale}");
    let summary = at(&doc, d.case_summary.unwrap());
    assert!(summary.contains("nurse's aide"), "{summary}");
    assert!(!summary.contains("MAXIMUS"), "{summary}");
    assert_eq!(
        d.reviewer.specialty.as_ref().unwrap().value,
        "Physical Medicine and Rehabilitation"
    );
}

#[test]
fn questions_labelled_without_a_number_take_their_decisions_from_the_closing_table() {
    assert_eq!(
        fixture_services_and_decisions("issues-decisions-2023-questions-closing-table.txt"),
        [
            ("meloxicam 15 mg, #30".to_string(), Decision::Overturned),
            ("cervical pillow, purchase".to_string(), Decision::Upheld)
        ]
    );
}

#[test]
fn layout_2018_items_with_their_own_summaries_and_decisions_after() {
    let doc = layout_fixture("issues-decisions-2018-item-summaries.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    // The first item's "Clinical Summary:" is no heading of the letter's: no item is lost to it.
    assert_eq!(
        services(d),
        [
            "Cyclobenzaprine 10 mg #90",
            "Acupuncture, 6 sessions, lumbar spine"
        ]
    );
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Overturned]);
    assert!(d.case_summary.is_none());
    // The item's own summary is read with its rationale, up to its guidelines.
    rationales_run(
        &doc,
        &[
            (
                "The injured worker is a 52 year old",
                "the request is not medically necessary.",
            ),
            ("She has not had acupuncture", "is medically necessary."),
        ],
    );
    assert_eq!(pages(&d.items[0], true), [["63-66"]]);
}

#[test]
fn layout_2021_questions_with_an_unlabelled_rationale() {
    let doc = layout_fixture("issues-decisions-2021-questions-unlabelled-rationale.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        services(d),
        [
            "MRI of the right knee without contrast",
            "hinged knee brace"
        ]
    );
    assert_eq!(decisions(d), [Decision::Overturned, Decision::Upheld]);
    // The prose after the question up to its guidelines is the rationale.
    rationales_run(
        &doc,
        &[
            ("ACOEM recommends", "medically necessary\nand appropriate."),
            (
                "A brace is usually",
                "not\nmedically necessary and appropriate.",
            ),
        ],
    );
    assert_eq!(pages(&d.items[1], true), [["340"]]);
}

#[test]
fn layout_2019_issues_after_a_dash_decided_by_their_rationale() {
    let doc = layout_fixture("issues-decisions-2019-issue-dash-decision-in-rationale.txt");
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(
        services(d),
        ["cervical MRI without contrast", "ibuprofen 800 mg #90"]
    );
    // No decision line: each rationale's closing sentence, before its guidelines, decides.
    assert_eq!(decisions(d), [Decision::Upheld, Decision::Overturned]);
    let decision = at(&doc, d.items[0].decision.as_ref().unwrap().span);
    assert_eq!(decision, "not medically necessary");
    assert_eq!(pages(&d.items[1], true), [["67-68"]]);
}

/// Each item's rationale starts and ends with the given words.
fn rationales_run(doc: &imr_audit::check::Document, bounds: &[(&str, &str)]) {
    let d = doc.determination.as_ref().unwrap();
    assert_eq!(d.items.len(), bounds.len());
    for (item, (first, last)) in d.items.iter().zip(bounds) {
        let text = at(doc, item.rationale.unwrap());
        assert!(text.starts_with(first), "{text}");
        assert!(text.trim_end().ends_with(last), "{text:?}");
    }
}

#[test]
fn an_item_label_misread_by_one_letter_still_opens_its_item() {
    // "Request #3" scanned as "Requesf #3": the third of six request headings.
    let text = "Request #1 - Lumbar MRI\n\nGuidelines considered: ODG Low Back, MRIs.\n\n\
                Rationale: There are no red flags. The request is not medically necessary.\n\n\
                Determination: Upheld.\n\n\
                Requesf #2 - Chiropractic treatment, six visits\n\n\
                Guidelines considered: MTUS Chronic Pain, Manual therapy, page 58.\n\n\
                Rationale: Six visits are within the guideline's trial. The request is medically \
                necessary.\n\nDetermination: Overturned.\n";
    let doc = imr_audit::check::parse(imr_audit::source::Source::from_text("ocr.txt", text));
    let services: Vec<&str> = doc
        .determination
        .as_ref()
        .expect("a letter")
        .items
        .iter()
        .map(|i| i.service.value.as_str())
        .collect();
    assert_eq!(
        services,
        ["Lumbar MRI", "Chiropractic treatment, six visits"]
    );
}
