//! Bad input: every case ends in a clear diagnostic with a stable code and a place, never a panic, and
//! whatever can be kept is kept.

mod common;

use common::*;
use imr_audit::check::Status;

fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed(prefix)).unwrap()
}

#[test]
fn empty_and_blank_inputs_are_rejected() {
    for text in ["", "   \n\n \n"] {
        let doc = check_text("empty.txt", text);
        assert_eq!(doc.status, Status::Rejected);
        assert_eq!(document_codes(&doc), ["imr::input-empty"]);
    }
}

#[test]
fn binary_input_is_rejected() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(2048).collect();
    let doc = imr_audit::check::check(
        rules(),
        imr_audit::source::Source::from_bytes("blob.bin", bytes),
    );
    assert_eq!(doc.status, Status::Rejected);
    assert_eq!(document_codes(&doc), ["imr::input-binary"]);
    let png = format!("\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR{}", seed_text("000"));
    assert_eq!(
        document_codes(&check_text("image.png", &png)),
        ["imr::input-binary"]
    );
    // A few stray NULs inside a letter, as some extractors leave them, do not make it binary.
    let stray = seed_text("000").replacen("  The patient's", "\0 The patient's", 1);
    let doc = check_text("stray-nul.txt", &stray);
    assert_eq!(doc.status, Status::Accepted);
    assert_eq!(doc.items.len(), 2);
}

#[test]
fn a_text_that_is_not_a_letter_is_rejected_with_its_place() {
    let doc = check_text("minutes.txt", "Minutes of the budget meeting\n\nAttendees: the board.\nThe budget was approved: Upheld by all.\n");
    assert_eq!(doc.status, Status::Rejected);
    assert_eq!(document_codes(&doc), ["imr::not-a-letter"]);
    assert_eq!(
        at(&doc, doc.diagnostics[0].labels[0].span),
        "Minutes of the budget meeting"
    );
}

#[test]
fn a_letter_without_items_is_rejected() {
    let text = seed_text("000");
    let cut = text.find("NORCO 10/325 MG").unwrap();
    let doc = check_text("no-items.txt", &text[..cut]);
    assert_eq!(doc.status, Status::Rejected);
    assert_eq!(document_codes(&doc), ["imr::no-items"]);
}

#[test]
fn a_letter_cut_inside_an_item_keeps_its_complete_items() {
    let text = seed_text("003");
    // Cut after the second item's citations, before its rationale.
    let cut = text
        .find("Decision rationale: The ACOEM guidelines")
        .unwrap();
    let doc = check_text("truncated.txt", &text[..cut]);
    assert_eq!(doc.status, Status::Accepted);
    assert_eq!(document_codes(&doc), ["imr::truncated-item"]);
    assert_eq!(doc.items.len(), 2);
    assert_eq!(doc.items[0].verdict.name(), "consistent");
    assert_eq!(doc.items[1].verdict.name(), "indeterminate");
    assert_eq!(
        at(&doc, doc.diagnostics[0].labels[0].span),
        "Lumbar facet injections"
    );

    // Cut in mid-sentence inside the last rationale.
    let cut = text.find("The procedure should").unwrap();
    let doc = check_text("truncated.txt", &text[..cut + 20]);
    assert_eq!(document_codes(&doc), ["imr::truncated-item"]);
    assert!(doc.diagnostics[0].message.contains("mid-sentence"));

    // Where the last 40 characters start inside a run of no-break spaces, the cut's label starts on
    // the word after them, never inside one of the spaces (the parser reads each as two blanks).
    let cut_after_spaces = format!("{}\u{a0}\u{a0}\u{a0}{}", &text[..cut + 20], "x".repeat(39));
    let doc = check_text("truncated.txt", &cut_after_spaces);
    assert_eq!(document_codes(&doc), ["imr::truncated-item"]);
    assert_eq!(at(&doc, doc.diagnostics[0].labels[0].span), "x".repeat(39));

    // A footer after the last sentence is not a cut: "cc:" and page lines end many letters.
    let footer = format!(
        "{}\n\ncc: Claims Administrator\n\nPage 3 of 3\n",
        text.trim_end()
    );
    let doc = check_text("footer.txt", &footer);
    assert_eq!(document_codes(&doc), Vec::<&str>::new());
    // ...but a footer after a sentence cut in the middle does not hide the cut.
    let cut_then_footer = format!("{}\n\ncc: Claims Administrator\n", &text[..cut + 20]);
    let doc = check_text("truncated.txt", &cut_then_footer);
    assert_eq!(document_codes(&doc), ["imr::truncated-item"]);

    // Nor is a sign-off: a page line, the typist's initials and a copy line, in either order.
    for sign_off in [
        "\n\n                Page 3 of 4\n\n/pm\ncc: [REDACTED]\n                Page 4 of 4\n",
        "\n\nRB/pm\n\n- 3 -\n",
        "\nJS:pm\nEnclosure\n",
    ] {
        let signed = format!("{}{sign_off}", text.trim_end());
        let doc = check_text("signed.txt", &signed);
        assert_eq!(document_codes(&doc), Vec::<&str>::new(), "{sign_off:?}");
        let rationale = doc.determination.as_ref().unwrap().items[1]
            .rationale
            .unwrap();
        assert!(at(&doc, rationale).ends_with('.'), "{sign_off:?}");
    }
    let signed_cut = format!("{}\n/pm\n", &text[..cut + 20]);
    let doc = check_text("truncated.txt", &signed_cut);
    assert_eq!(document_codes(&doc), ["imr::truncated-item"]);
}

#[test]
fn an_item_without_rationale_is_flagged_and_the_others_checked() {
    let text = seed_text("004");
    let start = text
        .find("Decision rationale: There are no documented findings")
        .unwrap();
    let end = text.find("NORCO 10/325MG, #30").unwrap();
    let without = format!("{}{}", &text[..start], &text[end..]);
    let doc = check_text("no-rationale.txt", &without);
    assert_eq!(document_codes(&doc), ["imr::missing-rationale"]);
    assert_eq!(doc.items.len(), 2);
    assert_eq!(doc.items[0].verdict.name(), "indeterminate");
    assert_eq!(doc.items[1].verdict.name(), "consistent");
}

#[test]
fn an_unknown_decision_word_is_flagged_with_its_place() {
    let text =
        seed_text("001").replace("Norco 10/325 # 60:  Upheld", "Norco 10/325 # 60:  Modified");
    let doc = check_text("modified.txt", &text);
    assert_eq!(doc.status, Status::Accepted);
    assert_eq!(document_codes(&doc), ["imr::unknown-decision"]);
    assert_eq!(at(&doc, doc.diagnostics[0].labels[0].span), "Modified");
    let determination = doc.determination.as_ref().unwrap();
    assert!(determination.items[0].decision.is_none());
    assert_eq!(doc.items[0].verdict.name(), "indeterminate");
}

#[test]
fn invalid_utf8_is_decoded_not_rejected() {
    let mut bytes = seed_text("002").into_bytes();
    let at_quote = bytes.iter().position(|&b| b == b'"').unwrap();
    bytes[at_quote] = 0x93; // a Windows-1252 left double quote
    let doc = imr_audit::check::check(
        rules(),
        imr_audit::source::Source::from_bytes("cp1252.txt", bytes),
    );
    assert_eq!(
        doc.source.encoding,
        imr_audit::source::Encoding::Windows1252
    );
    assert_eq!(doc.status, Status::Accepted);
    assert_eq!(doc.items[0].verdict.name(), "consistent");
}
