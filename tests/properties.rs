//! Free-form input never panics, and every span the model reports lies inside the text on character
//! boundaries.

mod common;

use imr_audit::check::{self, Document};
use imr_audit::source::Source;
use imr_audit::span::Span;
use proptest::prelude::*;

fn seed_bytes() -> Vec<Vec<u8>> {
    ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| std::fs::read(common::seed(p)).unwrap())
        .collect()
}

fn assert_span(document: &Document, span: Span, what: &str) {
    let text = &document.source.text;
    assert!(
        span.end() <= text.len(),
        "{what} {span:?} runs past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.offset) && text.is_char_boundary(span.end()),
        "{what} {span:?} splits a character"
    );
}

fn assert_spans(document: &Document) {
    for d in document
        .diagnostics
        .iter()
        .chain(document.items.iter().flat_map(|i| &i.diagnostics))
    {
        for label in &d.labels {
            assert_span(document, label.span, d.code.name());
        }
    }
    if let Some(determination) = &document.determination {
        for item in &determination.items {
            assert_span(document, item.span, "item");
            assert_span(document, item.service.span, "service");
            if let Some(r) = item.rationale {
                assert_span(document, r, "rationale");
            }
            for block in [&item.administrator_citations, &item.imro_citations]
                .into_iter()
                .flatten()
            {
                for c in &block.citations {
                    assert_span(document, c.span, "citation");
                }
            }
        }
    }
    for evaluation in &document.items {
        for m in &evaluation.extraction.mentions {
            assert_span(document, m.span, "mention");
            assert_span(document, m.sentence, "sentence");
        }
    }
}

/// The pieces letters are made of: headings, item lines, citation words, separators, line breaks,
/// page furniture. Random sequences of them reach the parser's paths that random bytes seldom do.
const LETTER_TOKENS: &[&str] = &[
    "IMR ISSUES, DECISIONS AND RATIONALES\n",
    "CLINICAL CASE SUMMARY\n",
    "Documents Reviewed:\n",
    "NORCO 10/325 MG #90: Upheld\n",
    "Lumbar MRI: Overturned\n",
    "Item: PT 2x4\n",
    "Decision: Upheld\n",
    "Decision: Overturned (medically necessary)\n",
    "Claims Administrator guideline: ",
    "MAXIMUS guideline: ",
    "MTUS Citation: ",
    "Decision rationale: ",
    "Rationale: ",
    "ODG",
    "MTUS",
    "ACOEM",
    "Chapter 7",
    "Chronic Pain Medical Treatment Guidelines",
    "pages 12-14",
    "page 80",
    "2014",
    "(",
    ")",
    "; ",
    " and ",
    ", ",
    ". ",
    ": ",
    "-\n",
    "\n",
    "\n\n",
    " ",
    "Page 2 of 3\n",
    "IMR Case Number CM14-0012345\n",
    "Date of Injury: 1-30-2013\n",
    "Decision Date: 03/04/2014\n",
    "the patient has no radiculopathy",
    "is not medically necessary",
    "is medically necessary",
    "facet",
    "L4-5 and L5-S1",
    "\u{2019}",
    "\u{201c}",
    "cc: ",
    "/pm",
    "does not address",
    "\u{a0}",
    "\t",
    "\r\n",
];

fn run(bytes: Vec<u8>) -> Document {
    let document = check::check(common::rules(), Source::from_bytes("input", bytes));
    assert_spans(&document);
    document
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        run(bytes);
    }

    #[test]
    fn slices_of_real_letters_never_panic(seed in 0usize..5, start in 0usize..6000, len in 0usize..6000) {
        let bytes = &seed_bytes()[seed];
        let start = start.min(bytes.len());
        let end = (start + len).min(bytes.len());
        run(bytes[start..end].to_vec());
    }

    #[test]
    fn letters_with_bytes_flipped_never_panic(seed in 0usize..5, edits in proptest::collection::vec((0usize..6000, any::<u8>()), 1..40)) {
        let mut bytes = seed_bytes()[seed].clone();
        for (at, b) in edits {
            let at = at % bytes.len();
            bytes[at] = b;
        }
        run(bytes);
    }

    #[test]
    fn letters_made_of_letter_language_never_panic(tokens in proptest::collection::vec(0usize..LETTER_TOKENS.len(), 0..300)) {
        let text: String = tokens.iter().map(|&t| LETTER_TOKENS[t]).collect();
        run(text.into_bytes());
    }

    #[test]
    fn letters_with_lines_dropped_still_parse_their_complete_items(seed in 0usize..5, drop in 0usize..160) {
        let text = String::from_utf8(seed_bytes()[seed].clone()).unwrap();
        let kept: Vec<&str> = text.split('\n').enumerate().filter(|(i, _)| *i != drop).map(|(_, l)| l).collect();
        run(kept.join("\n").into_bytes());
    }
}

#[test]
fn every_truncation_of_a_seed_keeps_its_earlier_items() {
    let bytes = &seed_bytes()[3];
    let full = run(bytes.clone());
    let items = full.determination.unwrap().items;
    let second_item_start = items[1].span.offset;
    for cut in (second_item_start + 40..bytes.len()).step_by(97) {
        let document = run(bytes[..cut].to_vec());
        let determination = document
            .determination
            .expect("a truncated letter is still a letter");
        assert_eq!(
            determination.items[0].service.value, items[0].service.value,
            "cut at {cut}"
        );
    }
}
