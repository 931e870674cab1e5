//! The 2013 notice layout: "Notice of Independent Medical Review Determination", decisions stated as
//! numbered sentences ("1) MAXIMUS Federal Services, Inc. has determined the request for X is not
//! medically necessary and appropriate."), then the reviewer's qualifications, the case summary and one
//! "N) Regarding the request for X:" section per item.

use super::{
    block_kind, build_item, check_complete, dates, labelled_date, reviewer, trim_footer, Block,
    Letter, INJURY_DATE_LABEL, LETTER_DATE_LABEL,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::letter::citation;
use crate::letter::{Decision, Determination, Layout};
use crate::span::{Span, Spanned};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)notice\s+of\s+independent\s+medical\s+review\s+determination")
        .unwrap()
});
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(\d{1,2})\)\s*maximus\s+federal\s+services,?\s+inc\.?,?\s+has\s+determined\s+(?:that\s+)?the\s+request(?:ed)?\s+(?:for\s+)?(.+?)\s+(is\s+not|is)\s+medically\s+necessary(?:\s+and\s+appropriate)?")
        .unwrap()
});
static QUALIFICATIONS: LazyLock<Regex> = LazyLock::new(|| {
    // From 2014 the notice tells the qualifications under the seed layout's heading.
    crate::pattern::regex(r"(?i)^\s*(?:medical\s+qualifications\s+of\s+the\s+expert\s+reviewer\s*:|how\s+the\s+imr\s+final\s+determination\s+was\s+made\s*$)")
        .unwrap()
});
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    // "Expert Reviewer Case Summary:", and from 2014 "CLINICAL CASE SUMMARY" on a line of its own.
    crate::pattern::regex(
        r"(?i)^\s*(?:expert\s+reviewer\s+)?(?:clinical\s+)?case\s+summary\s*(?::|$)",
    )
    .unwrap()
});
static ISSUES: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*imr\s+issues?,?\s+decisions?\s+and\s+rationales?\s*:?\s*$")
        .unwrap()
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(\d{1,2})\)\s*regarding\s+the\s+request\s+for\s+(.+?)\s*:?\s*$")
        .unwrap()
});
static CITATIONS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^\s*medical\s+treatment\s+guidelines?\s*(?:\(mtus\)\s*)?citations?\s+used\s*:",
    )
    .unwrap()
});
static RATIONALE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*rationale\s+for\s+the\s+decision\s*:").unwrap()
});
static EXPERT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)\bthe\s+expert\s+reviewer\b").unwrap());
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:effect\s+of\s+the\s+decision|sincerely|cc\s*:|this\s+(?:final\s+)?determination\s+is\s+final)").unwrap()
});

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    letter
        .lines
        .iter()
        .take(15)
        .any(|l| NOTICE.is_match(l.text))
}

fn line_matching(letter: &Letter<'_>, from: usize, re: &Regex) -> Option<usize> {
    (from..letter.lines.len()).find(|&i| re.is_match(letter.lines[i].text))
}

/// The span of line `i` after its heading `re`, through line `to` (exclusive).
fn after_heading(letter: &Letter<'_>, i: usize, re: &Regex, to: usize) -> Option<Span> {
    let line = letter.lines[i];
    let heading_end = re.find(line.text).map_or(0, |m| m.end());
    let rest = line.text[heading_end..].trim_start();
    // A heading on a line of its own introduces the lines after it.
    let start = if rest.is_empty() && to > i + 1 {
        letter.lines[i + 1].span.offset
    } else {
        line.span.offset + (line.text.len() - rest.len())
    };
    let end = if to > i + 1 {
        letter.lines[to - 1].span.end()
    } else {
        line.span.end()
    };
    (end > start).then(|| Span::from_range(start..end))
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let n = letter.lines.len();
    let qualifications = line_matching(letter, 0, &QUALIFICATIONS);
    let summary_line = line_matching(letter, qualifications.unwrap_or(0), &SUMMARY);
    let first_item = line_matching(letter, summary_line.unwrap_or(0), &ITEM);

    // Numbered decision sentences, before the qualifications.
    let decisions_end = qualifications.or(summary_line).unwrap_or(n);
    let logical = letter.logical(0, decisions_end);
    let mut decisions: BTreeMap<usize, (Spanned<String>, Spanned<Decision>)> = BTreeMap::new();
    for c in DECISION.captures_iter(logical.as_str()) {
        let Ok(number) = c[1].parse::<usize>() else {
            continue;
        };
        let service = c.get(2).unwrap();
        let verb = c.get(3).unwrap();
        let decision = if verb.as_str().to_ascii_lowercase().contains("not") {
            Decision::Upheld
        } else {
            Decision::Overturned
        };
        let sentence = logical.original_span(c.get(0).unwrap().range());
        decisions.entry(number).or_insert((
            Spanned::new(
                service.as_str().to_string(),
                logical.original_span(service.range()),
            ),
            Spanned::new(decision, sentence),
        ));
    }

    let reviewer = qualifications.map_or_else(Default::default, |q| {
        reviewer(letter, q, summary_line.unwrap_or(n))
    });
    let summary_end = line_matching(
        letter,
        summary_line.map_or(n, |s| s.saturating_add(1)),
        &ISSUES,
    )
    .into_iter()
    .chain(first_item)
    .min()
    .unwrap_or(n);
    let summary = summary_line.and_then(|s| after_heading(letter, s, &SUMMARY, summary_end));
    let letter_date = labelled_date(letter, 0, decisions_end, &LETTER_DATE_LABEL);
    let injury = labelled_date(letter, 0, decisions_end, &INJURY_DATE_LABEL);

    let item_lines: Vec<usize> = first_item
        .map(|f| {
            (f..n)
                .filter(|&i| ITEM.is_match(letter.lines[i].text))
                .collect()
        })
        .unwrap_or_default();
    let mut items = Vec::new();
    for (k, &start) in item_lines.iter().enumerate() {
        let mut end = item_lines.get(k + 1).copied().unwrap_or(n);
        if k + 1 == item_lines.len() {
            end = line_matching(letter, start + 1, &CLOSING)
                .unwrap_or(n)
                .min(end);
        }
        let line = letter.lines[start];
        let c = ITEM.captures(line.text).unwrap();
        let number: usize = c[1].parse().unwrap_or(k + 1);
        let service_match = c.get(2).unwrap();
        let service = Spanned::new(
            service_match.as_str().to_string(),
            Span::new(
                line.span.offset + service_match.start(),
                service_match.len(),
            ),
        );
        let decision = decisions.get(&number).map(|(_, d)| d.clone());
        if decision.is_none() {
            diagnostics.push(
                Diagnostic::new(Code::UnknownDecision, format!("no numbered decision sentence states item {number}'s decision"))
                    .with_label(service.span, "this item's decision is not stated")
                    .with_help("the notice states each decision as \"N) MAXIMUS Federal Services, Inc. has determined the request for ... is (not) medically necessary and appropriate.\""),
            );
        }
        let rationale_line = line_matching(letter, start + 1, &RATIONALE).filter(|&i| i < end);
        let citations_end = rationale_line.unwrap_or(end);
        // The citation blocks: one "Citation Used:" block holding both parties' statements, or one
        // block per party ("Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:").
        let heads: Vec<(usize, Option<Block>, usize)> = (start + 1..citations_end)
            .filter_map(|i| {
                let text = letter.lines[i].text;
                if let Some(m) = CITATIONS.find(text) {
                    return Some((i, None, m.end()));
                }
                match block_kind(text) {
                    Some((Block::Rationale, _)) | None => None,
                    Some((kind, heading_len)) => Some((i, Some(kind), heading_len)),
                }
            })
            .collect();
        let (mut administrator, mut imro) = (None, None);
        for (k, &(first, kind, heading_len)) in heads.iter().enumerate() {
            let last = heads.get(k + 1).map_or(citations_end, |h| h.0);
            let logical = letter.logical(first, last);
            let text = logical.as_str();
            match kind {
                None => {
                    let split = EXPERT
                        .find_at(text, heading_len)
                        .map_or(text.len(), |m| m.start());
                    if split > heading_len {
                        administrator
                            .get_or_insert(citation::parse_block(&logical, heading_len..split));
                    }
                    if split < text.len() {
                        imro.get_or_insert(citation::parse_block(&logical, split..text.len()));
                    }
                }
                Some(Block::Administrator) => {
                    administrator
                        .get_or_insert(citation::parse_block(&logical, heading_len..text.len()));
                }
                Some(_) => {
                    imro.get_or_insert(citation::parse_block(&logical, heading_len..text.len()));
                }
            }
        }
        let rationale = rationale_line
            .and_then(|r| after_heading(letter, r, &RATIONALE, end))
            .map(|span| trim_footer(letter.text, span));
        let span = letter.region(start, end).unwrap_or(service.span);
        let item = build_item(
            k + 1,
            span,
            service,
            decision,
            administrator,
            imro,
            rationale,
        );
        check_complete(letter, &item, k + 1 == item_lines.len(), diagnostics);
        items.push(item);
    }
    let (dates, summary_text) = dates(letter, summary, letter_date, injury);
    Some(Determination {
        layout: Layout::Notice2013,
        spacing: letter.spacing,
        reviewer,
        dates,
        case_summary: summary,
        summary_text,
        items,
    })
}
