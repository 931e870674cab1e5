//! Read stage for PDF letters: the text layer is extracted and fed to the same parser. Scanned PDFs
//! without a text layer, encrypted PDFs and corrupt files get clear errors.

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

/// Whether bytes are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    crate::panic::caught(f).ok()
}

fn problem(code: Code, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(code, message)
        .with_label(Span::new(0, 0), "the PDF file")
        .with_help(help)
}

/// The text layer of a PDF, or the reason there is none to read.
pub fn extract_text(bytes: &[u8]) -> Result<String, Diagnostic> {
    let owned = bytes.to_vec();
    let document = quietly(move || lopdf::Document::load_mem(&owned));
    let document = match document {
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            return Err(problem(
                Code::PdfUnreadable,
                format!("the PDF cannot be read: {e}"),
                "the file is damaged or not a complete PDF; export the letter again",
            ))
        }
        None => {
            return Err(problem(
                Code::PdfUnreadable,
                "the PDF cannot be read: its structure is malformed",
                "the file is damaged or not a complete PDF; export the letter again",
            ))
        }
    };
    if document.is_encrypted() {
        return Err(problem(
            Code::PdfEncrypted,
            "the PDF is encrypted",
            "remove the password protection (or print the letter to an unprotected PDF) and check it again",
        ));
    }
    let owned = bytes.to_vec();
    let text = match quietly(move || pdf_extract::extract_text_from_mem(&owned)) {
        Some(Ok(text)) => text,
        Some(Err(e)) => {
            return Err(problem(
                Code::PdfUnreadable,
                format!("the PDF's text cannot be extracted: {e}"),
                "the file may be damaged; export the letter again, or extract its text with another tool and check the .txt",
            ))
        }
        None => {
            return Err(problem(
                Code::PdfUnreadable,
                "the PDF's text cannot be extracted: the extractor failed on this file",
                "extract the letter's text with another tool and check the .txt",
            ))
        }
    };
    if text.trim().is_empty() {
        return Err(problem(
            Code::PdfNoText,
            format!(
                "the PDF has {} page(s) but no text layer: it is a scan",
                document.get_pages().len()
            ),
            "run OCR on the PDF (for example with ocrmypdf) and check the result",
        ));
    }
    Ok(text)
}
