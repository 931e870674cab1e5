//! Read stage: bytes in, decoded text out. Owns encoding detection; never rejects text for its encoding.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// How the bytes of a letter were turned into text. Spans index the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// The file was valid UTF-8 (a byte-order mark, if any, is kept in the text): spans are the file's own byte offsets.
    Utf8,
    /// The file was not UTF-8 and was decoded as Windows-1252 (a superset of Latin-1 as PDF extractors write it).
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// One input letter as decoded text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown to users: the path as given, or `<stdin>`.
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
    pub encoding: Encoding,
    /// How many bytes the input had before decoding.
    pub byte_len: usize,
    /// The text is the text layer extracted from a PDF: spans index that text, not the PDF's bytes.
    pub from_pdf: bool,
}

impl Source {
    /// Decodes bytes: UTF-8 when valid, otherwise Windows-1252, which maps every byte to a character.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Source {
        let byte_len = bytes.len();
        let (text, encoding) = match String::from_utf8(bytes) {
            Ok(text) => (text, Encoding::Utf8),
            Err(err) => {
                let bytes = err.into_bytes();
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
                // encoding_rs sniffs a BOM; strip none of the text ourselves so spans stay predictable.
                (text.into_owned(), Encoding::Windows1252)
            }
        };
        Source {
            name: name.into(),
            path: None,
            text,
            encoding,
            byte_len,
            from_pdf: false,
        }
    }

    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        Source {
            name: name.into(),
            path: None,
            byte_len: text.len(),
            text,
            encoding: Encoding::Utf8,
            from_pdf: false,
        }
    }

    pub fn read(path: &Path) -> std::io::Result<Source> {
        let bytes = std::fs::read(path)?;
        let mut source = Source::from_bytes(path.display().to_string(), bytes);
        source.path = Some(path.to_path_buf());
        Ok(source)
    }

    /// True when the input looks like binary data rather than text: a NUL in its first bytes, or many
    /// control characters. A few stray NULs further on (some PDF extractors emit them) do not make a
    /// letter binary.
    pub fn looks_binary(&self) -> bool {
        // The first 8192 characters; every letter is read, so the counting is done on bytes.
        let text = self.text.as_str();
        // Most letters are ASCII, where a character is a byte: that is told far faster than
        // characters are counted, and only the first 8192 bytes need telling.
        let first = &text.as_bytes()[..text.len().min(8192)];
        let ascii = first.is_ascii();
        let head = if ascii {
            // All ASCII, so the cut falls between characters.
            &text[..first.len()]
        } else {
            text.char_indices()
                .nth(8192)
                .map_or(text, |(end, _)| &text[..end])
        };
        let characters = |s: &str| if ascii { s.len() } else { s.chars().count() };
        if let Some(nul) = head.find('\0') {
            if characters(&head[..nul]) < 512 {
                return true;
            }
        }
        let bytes = head.as_bytes();
        // Counted in chunks small enough for a byte-wide count, which the compiler vectorises.
        let ascii_control: usize = bytes
            .chunks(128)
            .map(|chunk| {
                let count = chunk.iter().fold(0u8, |n, &b| {
                    let control =
                        (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f;
                    n + u8::from(control)
                });
                usize::from(count)
            })
            .sum();
        // The other control characters, U+0080 to U+009F, are 0xC2 then 0x80 to 0x9F in UTF-8.
        let c1_control = if ascii {
            0
        } else {
            memchr::memchr_iter(0xc2, bytes)
                .filter(|&i| bytes.get(i + 1).is_some_and(|&b| b < 0xa0))
                .count()
        };
        (ascii_control + c1_control) * 10 > characters(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `looks_binary` decides, character by character.
    fn looks_binary_by_chars(text: &str) -> bool {
        let mut total = 0usize;
        let mut control = 0usize;
        for (n, c) in text.chars().take(8192).enumerate() {
            if c == '\0' && n < 512 {
                return true;
            }
            total += 1;
            if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') {
                control += 1;
            }
        }
        control * 10 > total
    }

    #[test]
    fn binary_is_told_by_characters_not_bytes() {
        let texts = [
            String::new(),
            "Dear Sir:\n\tThe request is upheld.\r\n\x0c".to_string(),
            format!("{}\0", "\u{e9}".repeat(511)),
            format!("{}\0", "\u{e9}".repeat(512)),
            format!("{}\0x", "a".repeat(600)),
            "\u{85}\u{9f}\u{a0}ab\x7f\x01cdefghijklmnop".to_string(),
            "\u{85}\u{9f}\u{a0}abcdefghijklmnopqrstuvwxyz".to_string(),
            format!("{}{}", "\u{e9}".repeat(8192), "\x01".repeat(2000)),
            format!("{}{}", "a".repeat(8000), "\x01".repeat(2000)),
        ];
        for text in &texts {
            let source = Source::from_text("t", text);
            assert_eq!(
                source.looks_binary(),
                looks_binary_by_chars(&source.text),
                "{text:?}"
            );
        }
        assert!(Source::from_text("t", &texts[2]).looks_binary());
        assert!(!Source::from_text("t", &texts[3]).looks_binary());
        assert!(Source::from_text("t", &texts[5]).looks_binary());
    }
}
