//! Guideline citations: "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 80."
//! turned into a source, chapter, topic and normalised page ranges, next to the text as written.

use crate::span::Span;
use crate::text::LogicalText;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// Which guideline a citation names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum GuidelineSource {
    /// MTUS Chronic Pain Medical Treatment Guidelines.
    MtusChronicPain,
    /// The ACOEM Practice Guidelines adopted by the MTUS.
    MtusAcoem,
    /// Another MTUS part (acupuncture, post-surgical treatment, ...).
    MtusOther,
    /// Official Disability Guidelines.
    Odg,
    /// Any other non-MTUS source (a textbook, a journal article, a web page).
    Other,
}

impl GuidelineSource {
    pub fn name(self) -> &'static str {
        match self {
            GuidelineSource::MtusChronicPain => "mtus-chronic-pain",
            GuidelineSource::MtusAcoem => "mtus-acoem",
            GuidelineSource::MtusOther => "mtus-other",
            GuidelineSource::Odg => "odg",
            GuidelineSource::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<GuidelineSource> {
        [
            GuidelineSource::MtusChronicPain,
            GuidelineSource::MtusAcoem,
            GuidelineSource::MtusOther,
            GuidelineSource::Odg,
            GuidelineSource::Other,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

/// An inclusive page range; a single page has `start == end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PageRange {
    pub start: u32,
    pub end: u32,
}

impl PageRange {
    pub fn overlaps(&self, other: &PageRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl std::fmt::Display for PageRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// One "Decision based on ..." statement.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The statement as written (whitespace folded).
    pub text: String,
    pub span: Span,
    pub source: GuidelineSource,
    /// ACOEM chapter number, when stated.
    pub chapter: Option<u32>,
    /// ACOEM chapter title or ODG chapter ("Low Back").
    pub chapter_title: Option<String>,
    /// The section or topic named ("Opioids for Chronic Pain", "Diagnostic Facet Blocks").
    pub topic: Option<String>,
    pub pages: Vec<PageRange>,
    /// The page list as written, when there is one.
    pub pages_text: Option<String>,
    pub edition: Option<String>,
    pub year: Option<u16>,
    /// "(online version)" or "(web)".
    pub online: bool,
}

/// A "Claims Administrator guideline:" or "MAXIMUS guideline:" paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct CitationBlock {
    pub span: Span,
    pub text: String,
    /// Where the block says the decision was not based on the MTUS.
    pub not_based_on_mtus: Option<Span>,
    pub citations: Vec<Citation>,
}

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:decision\s+(?:was\s+)?based\s+on|based\s+(?:its|his/her|his|her|their|the)\s+decisions?\s+on)\b")
        .unwrap()
});
static NOT_MTUS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)did\s+not\s+base\s+(?:its|his/her|his|her|their|the)\s+decisions?\s+on\s+(?:the\s+)?MTUS").unwrap()
});
static NON_MTUS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:the\s+)?non-?\s*MTUS(?:\s+citations?)?\s*:?").unwrap()
});
static CHRONIC_PAIN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)chronic\s*pain\s*(?:medical\s*)?treatment\s*guidelines?(?:\s*\((?:MTUS|CPMTG)\))?",
    )
    .unwrap()
});
static ACOEM: LazyLock<Regex> = LazyLock::new(|| crate::pattern::regex(r"(?i)\bACOEM\b").unwrap());
static ODG: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\bODG\b|official\s+disability\s+guidelines?").unwrap()
});
static MTUS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\bMTUS\b|medical treatment utilization schedule").unwrap()
});
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:chapter|ch\.?)\s*(\d{1,2})\b[\s,:/-]*([A-Za-z][A-Za-z ,/&-]*?)?\s*(?:[,.;(]|page|pgs?\b|pp?\.|$)").unwrap()
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)(?:\bpage\(s\)|\bpages?\b|\bpgs?\b\.?|\bpp?\.)\s*:?\s*(\d+(?:\s*[-\u{2013}]\s*\d+)?(?:\s*(?:,|;|&|\band\b)\s*\d+(?:\s*[-\u{2013}]\s*\d+)?)*)",
    )
    .unwrap()
});
static PAGE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(\d+)(?:\s*[-\u{2013}]\s*(\d+))?").unwrap());
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(\d{1,2}(?:st|nd|rd|th)|first|second|third)\s+edition\b").unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"\b(19[89]\d|20\d\d)\b").unwrap());
static ONLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\(\s*(?:online(?:\s+version)?|web)\s*\)|\bonline\s+version\b")
        .unwrap()
});
static ODG_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)non-?\s*MTUS(?:\s+citations?)?|official\s+disability\s+guidelines?|\(\s*ODG\s*\)|\bODG\b|treatment\s+index|\b\d{1,2}(?:st|nd|rd|th)\s+edition\b|\(\s*(?:online(?:\s+version)?|web)\s*\)|\b(?:19[89]\d|20\d\d)\b|\bguidelines?\b")
        .unwrap()
});

/// Parses the citations in `body`, a range of `logical` that excludes any heading ("MAXIMUS guideline:").
pub fn parse_block(logical: &LogicalText, body: std::ops::Range<usize>) -> CitationBlock {
    let text = logical.as_str();
    let body_start = body.start.min(text.len());
    let body_end = body.end.clamp(body_start, text.len());
    let body = &text[body_start..body_end];
    let not_based_on_mtus = NOT_MTUS
        .find(body)
        .map(|m| logical.original_span(body_start + m.start()..body_start + m.end()));
    let starts: Vec<(usize, usize)> = STATEMENT
        .find_iter(body)
        .map(|m| (body_start + m.start(), body_start + m.end()))
        .collect();
    let mut citations = Vec::new();
    if starts.is_empty() {
        let statement = body.trim();
        if !statement.is_empty()
            && NOT_MTUS
                .find(body)
                .is_none_or(|m| m.end() < body.trim_end().len())
        {
            let offset = body_start + (body.len() - body.trim_start().len());
            citations.push(parse_statement(logical, offset..offset + statement.len()));
        }
    }
    for (i, &(_, content_start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body_end, |s| s.0);
        let slice = &text[content_start..end];
        let lead = slice.len() - slice.trim_start().len();
        let trimmed = slice.trim();
        if trimmed.is_empty() {
            continue;
        }
        citations.push(parse_statement(
            logical,
            content_start + lead..content_start + lead + trimmed.len(),
        ));
    }
    let span = logical.original_span(body_start..body_end);
    CitationBlock {
        span,
        text: body.trim().to_string(),
        not_based_on_mtus,
        citations,
    }
}

fn parse_statement(logical: &LogicalText, range: std::ops::Range<usize>) -> Citation {
    let full = &logical.as_str()[range.clone()];
    let span = logical.original_span(range);
    let pages_match = PAGES.captures(full);
    let pages_text = pages_match.as_ref().map(|c| c[1].trim().to_string());
    let pages = pages_text.as_deref().map(parse_pages).unwrap_or_default();
    // Everything before the page list names the source, chapter and topic.
    let head = pages_match
        .as_ref()
        .map_or(full, |c| &full[..c.get(0).unwrap().start()]);
    let head_no_pages = head.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let non_mtus = NON_MTUS.is_match(full);
    let source = if ACOEM.is_match(full) && !non_mtus {
        GuidelineSource::MtusAcoem
    } else if CHRONIC_PAIN.is_match(full) && !non_mtus {
        GuidelineSource::MtusChronicPain
    } else if ODG.is_match(full) {
        GuidelineSource::Odg
    } else if MTUS.is_match(full) && !non_mtus {
        GuidelineSource::MtusOther
    } else {
        GuidelineSource::Other
    };
    let year_text = full.replace(pages_text.as_deref().unwrap_or("\u{0}"), " ");
    let year = YEAR.captures(&year_text).and_then(|c| c[1].parse().ok());
    let edition = EDITION.captures(full).map(|c| c[1].to_string());
    let online = ONLINE.is_match(full);
    let mut chapter = None;
    let mut chapter_title = None;
    let mut topic = None;
    match source {
        GuidelineSource::MtusAcoem => {
            if let Some(c) = CHAPTER.captures(head_no_pages) {
                chapter = c[1].parse().ok();
                chapter_title = c
                    .get(2)
                    .map(|t| clean(t.as_str()))
                    .filter(|t| !t.is_empty());
            }
        }
        GuidelineSource::MtusChronicPain => {
            if let Some(m) = CHRONIC_PAIN.find(head_no_pages) {
                let rest = YEAR.replace_all(&head_no_pages[m.end()..], "");
                topic = Some(clean(&rest.replace("()", ""))).filter(|t| !t.is_empty());
            }
        }
        GuidelineSource::Odg => {
            let rest = ODG_NOISE.replace_all(head_no_pages, " ");
            let parts: Vec<String> = rest
                .split([',', ';'])
                .map(clean)
                .filter(|p| !p.is_empty())
                .collect();
            if let Some((first, others)) = parts.split_first() {
                let first = first
                    .trim_end_matches(|c: char| c.is_whitespace())
                    .trim_end_matches("Chapter")
                    .trim_end_matches("chapter")
                    .trim_end_matches("CHAPTER")
                    .trim();
                chapter_title = Some(first.to_string()).filter(|t| !t.is_empty());
                topic = Some(others.join(", ")).filter(|t| !t.is_empty());
            }
        }
        GuidelineSource::MtusOther | GuidelineSource::Other => {
            let cleaned = clean(NON_MTUS.replace(head_no_pages, "").as_ref());
            topic = Some(cleaned).filter(|t| !t.is_empty());
        }
    }
    Citation {
        text: full.to_string(),
        span,
        source,
        chapter,
        chapter_title,
        topic,
        pages,
        pages_text,
        edition,
        year,
        online,
    }
}

fn clean(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-'))
        .to_string()
}

/// "60,61;76-78;88-89" -> 60, 61, 76-78, 88-89; "617-25" -> 617-625.
pub fn parse_pages(text: &str) -> Vec<PageRange> {
    let mut out = Vec::new();
    for c in PAGE_ITEM.captures_iter(text) {
        let Ok(start) = c[1].parse::<u32>() else {
            continue;
        };
        let end = match c.get(2) {
            None => start,
            Some(end_match) => {
                let end_text = end_match.as_str();
                let Ok(mut end) = end_text.parse::<u32>() else {
                    continue;
                };
                let start_text = &c[1];
                if end < start && end_text.len() < start_text.len() {
                    // An abbreviated range keeps the start's leading digits: "617-25" is 617-625.
                    let prefix = &start_text[..start_text.len() - end_text.len()];
                    end = format!("{prefix}{end_text}").parse().unwrap_or(end);
                }
                end
            }
        };
        if end >= start {
            out.push(PageRange { start, end });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::text::{LogicalText, Spacing};

    fn block(text: &str) -> CitationBlock {
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Single);
        let heading = text.find(':').map_or(0, |i| i + 1);
        parse_block(&logical, heading..logical.as_str().len())
    }

    fn pages(text: &str) -> Vec<String> {
        parse_pages(text).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn page_lists() {
        assert_eq!(pages("60,61;76-78;88-89"), ["60", "61", "76-78", "88-89"]);
        assert_eq!(pages("76, 80-82"), ["76", "80-82"]);
        assert_eq!(pages("300-301 and 617-25"), ["300-301", "617-625"]);
        assert_eq!(pages("53,180"), ["53", "180"]);
    }

    #[test]
    fn chronic_pain_topic_and_pages() {
        let b = block("MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Medications for chronic pain; CRITERIA FOR USE OF OPIOIDS Page(s): 60,61;76-78;88-89.");
        assert_eq!(b.citations.len(), 1);
        let c = &b.citations[0];
        assert_eq!(c.source, GuidelineSource::MtusChronicPain);
        assert_eq!(
            c.topic.as_deref(),
            Some("Medications for chronic pain; CRITERIA FOR USE OF OPIOIDS")
        );
        assert_eq!(c.pages.len(), 4);
        assert_eq!(c.pages_text.as_deref(), Some("60,61;76-78;88-89"));
    }

    #[test]
    fn odg_in_capitals_with_edition() {
        let b = block("Claims Administrator guideline: The Claims Administrator did not base their decision on the MTUS. Decision based on Non-MTUS Citation OFFICIAL DISABILITY GUIDELINES (ODG), TREATMENT INDEX, 11TH EDITION (WEB), 2013, LOW BACK, FACET JOINT DIAGNOSTIC BLOCKS (INJECTIONS).");
        assert!(b.not_based_on_mtus.is_some());
        assert_eq!(b.citations.len(), 1);
        let c = &b.citations[0];
        assert_eq!(c.source, GuidelineSource::Odg);
        assert_eq!(c.edition.as_deref(), Some("11TH"));
        assert_eq!(c.year, Some(2013));
        assert!(c.online);
        assert_eq!(c.chapter_title.as_deref(), Some("LOW BACK"));
        assert_eq!(
            c.topic.as_deref(),
            Some("FACET JOINT DIAGNOSTIC BLOCKS (INJECTIONS)")
        );
    }

    #[test]
    fn two_statements_one_nested_based_on() {
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 300-301 and 617-25.  Decision based on Non-MTUS Citation web MD  based on Kelly (2009), textbook of rheumatology, vol 1, pgs. 617-25.");
        assert_eq!(b.citations.len(), 2);
        assert_eq!(b.citations[0].source, GuidelineSource::MtusAcoem);
        assert_eq!(b.citations[0].chapter, Some(12));
        assert_eq!(
            b.citations[0].chapter_title.as_deref(),
            Some("Low Back Complaints")
        );
        assert_eq!(b.citations[1].source, GuidelineSource::Other);
        assert_eq!(b.citations[1].year, Some(2009));
        assert_eq!(
            b.citations[1].pages,
            vec![PageRange {
                start: 617,
                end: 625
            }]
        );
    }

    #[test]
    fn acoem_without_chapter_and_odg_online() {
        let b =
            block("Claims Administrator guideline: Decision based on MTUS ACOEM Page(s): 92,127.");
        assert_eq!(b.citations[0].chapter, None);
        assert_eq!(b.citations[0].pages.len(), 2);
        let b = block("MAXIMUS guideline: The Expert Reviewer did not base their decision on the MTUS. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) (online version); Low Back, Diagnostic Facet Blocks.");
        assert_eq!(b.citations.len(), 1);
        assert!(b.citations[0].online);
        assert_eq!(b.citations[0].chapter_title.as_deref(), Some("Low Back"));
        assert_eq!(
            b.citations[0].topic.as_deref(),
            Some("Diagnostic Facet Blocks")
        );
    }

    #[test]
    fn page_list_after_a_line_break_and_no_pages() {
        let text = "MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): \n\n31-32.   \n\n";
        let logical = LogicalText::from_region(text, Span::new(0, text.len()), Spacing::Double);
        let b = parse_block(&logical, "MAXIMUS guideline:".len()..logical.as_str().len());
        assert_eq!(b.citations[0].pages, vec![PageRange { start: 31, end: 32 }]);
        let b = block("Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Opioids.");
        assert!(b.citations[0].pages.is_empty());
        assert_eq!(b.citations[0].topic.as_deref(), Some("Opioids"));
    }
}
