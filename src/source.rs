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
        let mut total = 0usize;
        let mut control = 0usize;
        for (n, c) in self.text.chars().take(8192).enumerate() {
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
}
