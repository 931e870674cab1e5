//! Guideline citations: "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 80."
//! turned into a source, chapter, topic and normalised page ranges, next to the text as written.

use crate::span::Span;
use crate::text::{contains_ignore_ascii_case, LogicalText};
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

static SILENT: LazyLock<Regex> = LazyLock::new(|| {
    // "The MTUS does not address this request", "ODG does not specifically address this device",
    // "is silent on", "not addressed by the MTUS", "Neither the MTUS nor the ODG address ...".
    crate::pattern::regex(r"(?i)\b(?:does|do|did)\s+not\s+(?:specifically\s+|directly\s+|explicitly\s+)?(?:address|discuss|cover|mention|comment\s+on)\b|\b(?:is|are)\s+silent\b|\bnot\s+(?:specifically\s+|directly\s+)?(?:addressed|discussed|covered|mentioned)\b|\bneither\b[^.;]{0,80}\bnor\b[^.;]{0,80}\b(?:address|discuss|cover|mention)(?:es)?\b|\bno\s+(?:specific\s+)?(?:guidance|recommendations?)\s+(?:on|for|regarding)\b")
        .unwrap()
});
static CHAPTER_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)\b(?:chapter|ch\.?)\s*\d{1,2}\b").unwrap());
static NAMING_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)non-?\s*MTUS|\bMTUS\b|medical\s+treatment\s+utilization\s+schedule|\bcitations?\b|\bguidelines?\b|\bthe\b").unwrap()
});

/// Whether `re` matches `text`. `needs` are words one of which every match of `re` holds, with no
/// letter that has a case variant outside ASCII: most pieces of a statement hold none, and testing
/// for them costs a fraction of running the pattern.
fn matches(re: &Regex, needs: &[&str], text: &str) -> bool {
    needs
        .iter()
        .any(|word| contains_ignore_ascii_case(text, word))
        && re.is_match(text)
}

/// Whether `text` says a guideline does not address the request, or that the decision was not based
/// on the MTUS.
fn not_citation(text: &str) -> bool {
    // Every form of the first says "not", "silent", "neither", "no guidance" or "no recommendation";
    // the second says "did not base".
    let silent = ["not", "ilent", "neither", "guidance", "recommendation"];
    matches(&SILENT, &silent, text) || matches(&NOT_MTUS, &["did"], text)
}

/// Parses the citations in `body`, a range of `logical` that excludes any heading ("MAXIMUS guideline:").
pub fn parse_block(logical: &LogicalText, body: std::ops::Range<usize>) -> CitationBlock {
    let text = logical.as_str();
    let body_start = body.start.min(text.len());
    let body_end = body.end.clamp(body_start, text.len());
    let body = &text[body_start..body_end];
    // Where the block says the MTUS was not what the decision rests on: in so many words, or by saying
    // the MTUS does not address the request.
    let not_based_on_mtus = NOT_MTUS
        .find(body)
        .map(|m| m.range())
        .or_else(|| mtus_silent(body))
        .map(|r| logical.original_span(body_start + r.start..body_start + r.end));
    let starts: Vec<(usize, usize)> = STATEMENT
        .find_iter(body)
        .map(|m| (body_start + m.start(), body_start + m.end()))
        .collect();
    let mut citations = Vec::new();
    if starts.is_empty() {
        let statement = body.trim();
        if !statement.is_empty() {
            let offset = body_start + (body.len() - body.trim_start().len());
            citations_in(logical, offset..offset + statement.len(), &mut citations);
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
        citations_in(
            logical,
            content_start + lead..content_start + lead + trimmed.len(),
            &mut citations,
        );
    }
    let span = logical.original_span(body_start..body_end);
    CitationBlock {
        span,
        text: body.trim().to_string(),
        not_based_on_mtus,
        citations,
    }
}

/// The clause of `text` that says the MTUS does not address the request, if one does.
fn mtus_silent(text: &str) -> Option<std::ops::Range<usize>> {
    SILENT.find_iter(text).find_map(|m| {
        // The clause the statement stands in: back to the previous sentence or clause end.
        let start = text[..m.start()].rfind(['.', ';']).map_or(0, |i| i + 1);
        let start = start + (text[start..].len() - text[start..].trim_start().len());
        let clause = &text[start..m.end()];
        let names_mtus =
            (MTUS.is_match(clause) || ACOEM.is_match(clause) || CHRONIC_PAIN.is_match(clause))
                && !NON_MTUS.is_match(clause)
                && !clause.to_ascii_lowercase().contains("non-mtus");
        names_mtus.then_some(start..m.end())
    })
}

/// "which is part of the MTUS": a remark that the guideline just cited belongs to the MTUS, which
/// names no guideline of its own.
static MTUS_MEMBERSHIP: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\bwhich\s+(?:is|are)\s+(?:also\s+)?(?:a\s+)?part\s+of\s+(?:the\s+)?(?:MTUS|medical\s+treatment\s+utilization\s+schedule)\b")
        .unwrap()
});

/// `text` without its remarks that a guideline is part of the MTUS: a citation whose only mention
/// of a guideline is such a remark ("and Opioids, steps to avoid misuse, page 94, which are part of
/// the MTUS") continues the guideline before it rather than naming the MTUS as a whole.
fn without_mtus_membership(text: &str) -> std::borrow::Cow<'_, str> {
    if contains_ignore_ascii_case(text, "part") {
        MTUS_MEMBERSHIP.replace_all(text, "")
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The guideline `text` names, if it names one.
fn named_source(text: &str) -> Option<GuidelineSource> {
    let text = &*without_mtus_membership(text);
    let non_mtus = || matches(&NON_MTUS, &["non"], text);
    if matches(&ACOEM, &["acoem"], text) && !non_mtus() {
        Some(GuidelineSource::MtusAcoem)
    } else if matches(&CHRONIC_PAIN, &["chronic"], text) && !non_mtus() {
        Some(GuidelineSource::MtusChronicPain)
    } else if matches(&ODG, &["odg", "official"], text) {
        Some(GuidelineSource::Odg)
    } else if matches(&MTUS, &["mtu", "medical"], text) && !non_mtus() {
        Some(GuidelineSource::MtusOther)
    } else {
        None
    }
}

/// A place a citation statement may continue with another citation.
#[derive(Debug, Clone)]
struct Separator {
    /// The separator with the blanks around it.
    range: std::ops::Range<usize>,
    /// 0 a comma, 1 "and", 2 a semicolon or a sentence end.
    level: u8,
}

/// Whether `text` opens with a word that names a guideline or its kind ("non-MTUS", "ODG", "ACOEM").
fn opens_with_source_name(text: &str) -> bool {
    const NAMES: [&str; 7] = [
        "non-mtus",
        "non mtus",
        "mtus",
        "acoem",
        "odg",
        "official disability",
        "maximus",
    ];
    NAMES.iter().any(|name| {
        text.get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
            && !text[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// The separators of `range` of `text` outside brackets.
fn separators(text: &str, range: std::ops::Range<usize>) -> Vec<Separator> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let blanks_from = |mut j: usize| {
        while j < range.end && bytes[j] == b' ' {
            j += 1;
        }
        j
    };
    let and_at = |j: usize| {
        j + 4 <= range.end && bytes[j..j + 3].eq_ignore_ascii_case(b"and") && bytes[j + 3] == b' '
    };
    let mut i = range.start;
    while i < range.end {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            b';' => {
                // The blanks after it belong to it: an "and" after them ("; and ODG") is not
                // another separator inside this one.
                let end = blanks_from(i + 1);
                out.push(Separator {
                    range: i..end,
                    level: 2,
                });
                i = end.max(i + 1);
                continue;
            }
            b'.' => {
                let j = blanks_from(i + 1);
                // A sentence starts with a capital; in a letter lower-cased whole, a guideline's
                // name after the stop starts the next citation ("pages 25-26. non-mtus: odg, ...").
                if j > i + 1
                    && j < range.end
                    && (bytes[j].is_ascii_uppercase()
                        || opens_with_source_name(&text[j..range.end]))
                {
                    out.push(Separator {
                        range: i..j,
                        level: 2,
                    });
                    i = j;
                    continue;
                }
            }
            b',' => {
                let j = blanks_from(i + 1);
                if and_at(j) {
                    let end = blanks_from(j + 3);
                    out.push(Separator {
                        range: i..end,
                        level: 1,
                    });
                    i = end;
                    continue;
                }
                out.push(Separator {
                    range: i..j,
                    level: 0,
                });
            }
            b' ' if and_at(i + 1) => {
                let end = blanks_from(i + 4);
                out.push(Separator {
                    range: i..end,
                    level: 1,
                });
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The citations in one statement ("MTUS ACOEM Chapter 7, page 127; ODG Pain Chapter, Urine drug
/// testing"). A statement goes on to another citation where, after a separator, it names another
/// guideline, starts another ACOEM chapter, or gives another topic its own page list ("Opioids,
/// pages 78-80, and When to Continue Opioids, page 80"); a citation that names no guideline is one of
/// the guideline before it. A statement that a guideline does not address the request, or that the
/// decision was not based on the MTUS, is no citation.
fn citations_in(logical: &LogicalText, range: std::ops::Range<usize>, out: &mut Vec<Citation>) {
    let text = logical.as_str();
    let separators = separators(text, range.clone());
    let piece_end = |k: usize| separators.get(k).map_or(range.end, |s| s.range.start);
    let mut start = range.start;
    let mut inherited: Option<GuidelineSource> = None;
    let mut emit = |from: usize, to: usize, inherited: &mut Option<GuidelineSource>| {
        let slice = &text[from.min(to)..to];
        let trimmed = slice.trim();
        if trimmed.is_empty() || not_citation(trimmed) {
            return;
        }
        let lead = slice.len() - slice.trim_start().len();
        let named = named_source(trimmed);
        let mut citation = parse_statement(
            logical,
            from + lead..from + lead + trimmed.len(),
            named.or(*inherited),
        );
        // A citation naming no guideline continues the one before it, edition and all.
        if named.is_none() && inherited.is_some() {
            if let Some(before) = out.last() {
                citation.edition = citation.edition.or_else(|| before.edition.clone());
                citation.year = citation.year.or(before.year);
                citation.online |= before.online;
            }
        }
        *inherited = Some(citation.source);
        out.push(citation);
    };
    for (k, separator) in separators.iter().enumerate() {
        let current = &text[start.min(separator.range.start)..separator.range.start];
        let next_piece = &text[separator.range.end..piece_end(k + 1).max(separator.range.end)];
        let clause_end = separators[k + 1..]
            .iter()
            .find(|s| s.level >= separator.level.max(1))
            .map_or(range.end, |s| s.range.start);
        let clause = &text[separator.range.end..clause_end.max(separator.range.end)];
        // What the piece before the separator names and holds, asked only when the piece after it
        // could start another citation: most separators are commas in a page list.
        let current_source = || named_source(current).or(inherited);
        let has_content = || {
            NAMING_NOISE
                .replace_all(current, " ")
                .chars()
                .any(char::is_alphanumeric)
        };
        let strong = separator.level > 0;
        // A bare "MTUS" after a comma goes on naming the same guideline ("ACOEM, MTUS guidelines").
        let names_another = named_source(next_piece).is_some_and(|next| {
            (next != GuidelineSource::MtusOther || strong) && current_source() != Some(next)
        }) && has_content();
        let another_chapter = strong
            && matches(&CHAPTER_NUMBER, &["ch"], next_piece)
            && matches(&CHAPTER_NUMBER, &["ch"], current)
            && current_source() == Some(GuidelineSource::MtusAcoem);
        let another_page_list = strong && PAGES.is_match(clause) && PAGES.is_match(current);
        // A statement that a guideline does not address the request stands apart from the
        // citations around it, so that it takes none of them with it when it is left out.
        let apart = separator.level == 2 && (not_citation(current) || not_citation(clause));
        if names_another || another_chapter || another_page_list || apart {
            emit(start, separator.range.start, &mut inherited);
            start = separator.range.end;
        }
    }
    emit(start, range.end, &mut inherited);
}

/// One citation; `source` is the guideline it names, or else the guideline of the citation before it
/// in the same statement, which a citation naming no guideline of its own continues.
fn parse_statement(
    logical: &LogicalText,
    range: std::ops::Range<usize>,
    source: Option<GuidelineSource>,
) -> Citation {
    let full = &logical.as_str()[range.clone()];
    let span = logical.original_span(range);
    let pages_match = PAGES.find(full);
    let pages_text = pages_match.map(|m| page_list(m.as_str()).trim().to_string());
    let pages = pages_text.as_deref().map(parse_pages).unwrap_or_default();
    // Everything before the page list names the source, chapter and topic.
    let head = pages_match.map_or(full, |m| &full[..m.start()]);
    let head_no_pages = head.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let source = source.unwrap_or(GuidelineSource::Other);
    // A year starts "19" or "20"; blanking out the page list cannot make one.
    let year = (full.contains("19") || full.contains("20"))
        .then(|| {
            let year_text = full.replace(pages_text.as_deref().unwrap_or("\u{0}"), " ");
            YEAR.captures(&year_text).and_then(|c| c[1].parse().ok())
        })
        .flatten();
    let edition = contains_ignore_ascii_case(full, "edition")
        .then(|| EDITION.captures(full).map(|c| c[1].to_string()))
        .flatten();
    let online = matches(&ONLINE, &["online", "web"], full);
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
            // A citation continuing the guideline named before it is all topic.
            let rest = CHRONIC_PAIN
                .find(head_no_pages)
                .map_or(head_no_pages, |m| &head_no_pages[m.end()..]);
            let rest = YEAR.replace_all(rest, "");
            topic = Some(clean(&rest.replace("()", ""))).filter(|t| !t.is_empty());
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

/// The page list of a [`PAGES`] match: the pattern's last group, which starts at the match's first
/// digit, as the label before it ("Page(s):", "pp.") holds none. Reading it off the match spares
/// a search for the group.
fn page_list(pages_match: &str) -> &str {
    let start = pages_match
        .find(char::is_numeric)
        .unwrap_or(pages_match.len());
    &pages_match[start..]
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
    fn the_page_list_is_the_pattern_group_after_the_label() {
        for text in [
            "Opioids Page(s): 80-82, 91.",
            "Chapter 12, pp. 300-301 and 617-25",
            "Low Back, pgs 53, 180",
            "PAGES\u{a0}76 \u{2013} 78",
            "page(\u{17f}) \u{663}\u{663}",
        ] {
            let group = PAGES.captures(text).unwrap().get(1).unwrap().as_str();
            let whole = PAGES.find(text).unwrap().as_str();
            assert_eq!(page_list(whole), group, "{text}");
        }
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

    fn summary(b: &CitationBlock) -> Vec<String> {
        b.citations
            .iter()
            .map(|c| {
                let pages: Vec<String> = c.pages.iter().map(ToString::to_string).collect();
                format!(
                    "{} ch={:?} title={:?} topic={:?} pages={}",
                    c.source.name(),
                    c.chapter,
                    c.chapter_title.as_deref().unwrap_or(""),
                    c.topic.as_deref().unwrap_or(""),
                    pages.join(",")
                )
            })
            .collect()
    }

    #[test]
    fn every_guideline_on_a_citation_line_is_a_citation() {
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 7, page 127; ODG Pain Chapter, Urine drug testing.");
        assert_eq!(
            summary(&b),
            [
                "mtus-acoem ch=Some(7) title=\"\" topic=\"\" pages=127",
                "odg ch=None title=\"Pain\" topic=\"Urine drug testing\" pages="
            ]
        );
        assert_eq!(b.citations[0].text, "MTUS ACOEM Chapter 7, page 127");
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Practice Guidelines, Chapter 12, page 303, and ODG, Low Back - Lumbar & Thoracic, EMGs and Nerve conduction studies.");
        assert_eq!(b.citations.len(), 2);
        assert_eq!(b.citations[1].source, GuidelineSource::Odg);
        assert_eq!(
            b.citations[1].topic.as_deref(),
            Some("EMGs and Nerve conduction studies")
        );
        // Without "Decision based on", and guidelines named in full.
        let b = block("Guideline citation: MTUS Chronic Pain Medical Treatment Guidelines, Drug testing, page 43, Official Disability Guidelines (ODG), Pain (Chronic), Urine drug testing (UDT).");
        assert_eq!(
            summary(&b),
            [
                "mtus-chronic-pain ch=None title=\"\" topic=\"Drug testing\" pages=43",
                "odg ch=None title=\"Pain (Chronic)\" topic=\"Urine drug testing (UDT)\" pages="
            ]
        );
    }

    #[test]
    fn another_chapter_or_topic_with_its_own_pages_is_another_citation() {
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Practice Guidelines, Chapter 9, Shoulder Complaints, pages 209-211; Chapter 7, page 127.");
        assert_eq!(
            summary(&b),
            [
                "mtus-acoem ch=Some(9) title=\"Shoulder Complaints\" topic=\"\" pages=209-211",
                "mtus-acoem ch=Some(7) title=\"\" topic=\"\" pages=127"
            ]
        );
        let b = block("MTUS Citation: MTUS Chronic Pain Medical Treatment Guidelines (2009), Opioids, On-Going Management, pages 78-80, and When to Continue Opioids, page 80; Opioids, discontinuation and weaning, pages 79-80, 124.");
        assert_eq!(
            summary(&b),
            [
                "mtus-chronic-pain ch=None title=\"\" topic=\"Opioids, On-Going Management\" pages=78-80",
                "mtus-chronic-pain ch=None title=\"\" topic=\"When to Continue Opioids\" pages=80",
                "mtus-chronic-pain ch=None title=\"\" topic=\"Opioids, discontinuation and weaning\" pages=79-80,124"
            ]
        );
        // One page list spread over separators stays one citation.
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 300-301 and 617-25; 630.");
        assert_eq!(b.citations.len(), 1);
        assert_eq!(b.citations[0].pages.len(), 3);
    }

    #[test]
    fn a_guideline_that_does_not_address_the_request_is_not_a_citation() {
        let b = block("MAXIMUS guideline: The MTUS does not address this request. Decision based on Non-MTUS Citation: American Academy of Audiology, Clinical Practice Guidelines: Adult Patients with Hearing Aids; Official Disability Guidelines does not specifically address this device.");
        assert!(b.not_based_on_mtus.is_some());
        assert_eq!(b.citations.len(), 1);
        assert_eq!(b.citations[0].source, GuidelineSource::Other);
        let b = block("Guideline citation: The ODG is silent on this device. The MTUS Chronic Pain Medical Treatment Guidelines do not specifically address it.");
        assert!(b.citations.is_empty(), "{:?}", summary(&b));
        assert!(b.not_based_on_mtus.is_some());
        // The statement is left out alone, whichever guideline it names.
        let b = block("Guideline citation: Official Disability Guidelines (ODG), Pain Chapter, Tramadol. Non-MTUS Citations: The ODG is silent on extended-release dosing.");
        assert_eq!(
            summary(&b),
            ["odg ch=None title=\"Pain\" topic=\"Tramadol\" pages="]
        );
        // Only a statement about the MTUS says the decision is not based on it.
        let b = block("MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12, page 303; ODG does not address this test.");
        assert!(b.not_based_on_mtus.is_none());
        assert_eq!(b.citations.len(), 1);
    }

    #[test]
    fn a_letter_lower_cased_whole_still_parts_its_citations_at_a_guideline_s_name() {
        let text = "Guidelines relied upon: MTUS Chronic Pain Medical Treatment Guidelines, Botulinum toxin (Botox), pages 25-26. Non-MTUS: Official Disability Guidelines (ODG), Head Chapter, Botulinum toxin for chronic migraine.";
        let capitals = block(text);
        let lower = block(&text.to_lowercase());
        assert_eq!(lower.citations.len(), 2, "{:?}", summary(&lower));
        assert_eq!(lower.citations[0].pages, capitals.citations[0].pages);
        assert_eq!(lower.citations[1].source, GuidelineSource::Odg);
        assert!(lower.citations[1].pages.is_empty());
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

    #[test]
    fn a_remark_that_a_guideline_is_part_of_the_mtus_names_no_guideline() {
        let b = block("Rationale for the Decision: The Expert Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment Guidelines, Drug testing, page 43, and Opioids, steps to avoid misuse/addiction, page 94, which are part of the MTUS.");
        assert_eq!(
            summary(&b),
            [
                "mtus-chronic-pain ch=None title=\"\" topic=\"Drug testing\" pages=43",
                "mtus-chronic-pain ch=None title=\"\" topic=\"Opioids, steps to avoid misuse/addiction\" pages=94"
            ]
        );
        // The remark stays in the citation's text; only the naming ignores it.
        assert!(b.citations[1].text.ends_with("which are part of the MTUS."));
        assert_eq!(
            without_mtus_membership("the ACOEM guidelines, which is part of the MTUS"),
            "the ACOEM guidelines, "
        );
        // The MTUS named for itself is still named.
        assert_eq!(
            named_source("the MTUS, which is part of the law"),
            Some(GuidelineSource::MtusOther)
        );
    }
}
