//! Byte spans into a letter's decoded text: the one way every stage points back at the source.

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `offset..offset + length` into the decoded text of one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn new(offset: usize, length: usize) -> Self {
        Span { offset, length }
    }

    pub fn from_range(range: Range<usize>) -> Self {
        Span {
            offset: range.start,
            length: range.end.saturating_sub(range.start),
        }
    }

    pub fn end(&self) -> usize {
        self.offset + self.length
    }

    pub fn range(&self) -> Range<usize> {
        self.offset..self.end()
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        let start = self.offset.min(other.offset);
        let end = self.end().max(other.end());
        Span::from_range(start..end)
    }

    pub fn contains(&self, other: Span) -> bool {
        other.offset >= self.offset && other.end() <= self.end()
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.offset, span.length).into()
    }
}

/// A value read from the letter together with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}
