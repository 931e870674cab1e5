//! PDF intake: letters as PDFs read the same as their text; scans, encrypted and damaged PDFs get
//! clear errors.

mod common;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use std::path::Path;

/// Writes `lines` as a PDF with a text layer, 50 lines a page.
fn write_pdf(lines: &[&str], path: &Path) {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(
        dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"},
    );
    let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
    let mut kids = Vec::new();
    for chunk in lines.chunks(50) {
        let mut operations = Vec::new();
        for (i, line) in chunk.iter().enumerate() {
            operations.push(Operation::new("BT", vec![]));
            operations.push(Operation::new("Tf", vec!["F1".into(), 9.into()]));
            operations.push(Operation::new(
                "Td",
                vec![40.into(), (760 - 14 * i as i64).into()],
            ));
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.to_string())],
            ));
            operations.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count}),
    );
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    doc.save(path).unwrap();
}

fn tempdir(name: &str) -> common::Scratch {
    common::scratch(&format!("pdf-{name}"))
}

fn items_and_verdicts(json: &serde_json::Value) -> Vec<(String, String, String)> {
    json["documents"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["service"].as_str().unwrap().to_string(),
                i["decision"].as_str().unwrap_or("").to_string(),
                i["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_json(path: &Path) -> serde_json::Value {
    let output = common::imr()
        .arg("check")
        .arg(path)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn pdf_letters_read_like_their_text() {
    let dir = tempdir("same");
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(common::seed(prefix)).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty())
            .collect();
        let pdf = dir.join(format!("{prefix}.pdf"));
        write_pdf(&lines, &pdf);
        let from_pdf = check_json(&pdf);
        let from_text = check_json(&common::seed(prefix));
        assert_eq!(from_pdf["documents"][0]["status"], "checked", "{prefix}");
        assert_eq!(from_pdf["documents"][0]["origin"], "pdf");
        assert_eq!(
            items_and_verdicts(&from_pdf),
            items_and_verdicts(&from_text),
            "{prefix}"
        );
    }
    let human = common::imr()
        .arg("check")
        .arg(dir.join("002.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8(human.stdout)
        .unwrap()
        .contains("text extracted from a"));
}

#[test]
fn scanned_encrypted_and_damaged_pdfs_are_rejected_with_reasons() {
    let dir = tempdir("bad");
    // A page with no text layer, as a scan has.
    let scan = dir.join("scan.pdf");
    write_pdf(&[], &scan);
    let mut doc = Document::load(&scan).unwrap_or_else(|_| {
        write_pdf(&[" "], &scan);
        Document::load(&scan).unwrap()
    });
    doc.save(&scan).unwrap();
    let json = check_json(&scan);
    assert_eq!(json["documents"][0]["status"], "rejected");
    assert_eq!(
        json["documents"][0]["diagnostics"][0]["code"],
        "imr::pdf-no-text"
    );

    let encrypted = dir.join("encrypted.pdf");
    write_pdf(&["Some text"], &encrypted);
    let mut doc = Document::load(&encrypted).unwrap();
    let encrypt_id = doc.add_object(dictionary! {"Filter" => "Standard", "V" => 1, "R" => 2, "O" => Object::string_literal(vec![0u8; 32]), "U" => Object::string_literal(vec![0u8; 32]), "P" => -4});
    doc.trailer.set("Encrypt", encrypt_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(vec![1u8; 16]),
            Object::string_literal(vec![1u8; 16]),
        ],
    );
    doc.save(&encrypted).unwrap();
    let json = check_json(&encrypted);
    assert_eq!(json["documents"][0]["status"], "rejected");
    let code = json["documents"][0]["diagnostics"][0]["code"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        code == "imr::pdf-encrypted" || code == "imr::pdf-unreadable",
        "{code}"
    );

    let damaged = dir.join("damaged.pdf");
    std::fs::write(
        &damaged,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer << /Root 1 0 R",
    )
    .unwrap();
    let json = check_json(&damaged);
    assert_eq!(json["documents"][0]["status"], "rejected");
    assert!(json["documents"][0]["diagnostics"][0]["code"]
        .as_str()
        .unwrap()
        .starts_with("imr::pdf-"));
}
