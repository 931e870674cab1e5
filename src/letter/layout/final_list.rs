//! The final-list layout: the reviewer's analysis written as one narrative, a paragraph or more per
//! request with no heading or label of its own, and the decisions stated once, in a numbered list
//! after it ("1. Right carpal tunnel release - medically necessary. The utilization review decision
//! is overturned."). Each analysis paragraph is given to the item whose service it names most,
//! keeping the list's order: a narrative discusses its requests in the order it lists them.

use super::numbered_issues::{entries, is_section_heading, Entry};
use super::{citation, issues_decisions, list_number, reviewer, trim_footer, Letter};
use crate::diagnostic::Diagnostic;
use crate::letter::citation::GuidelineSource;
use crate::letter::{Determination, Layout};
use crate::span::Span;
use crate::text::{in_capitals, Spacing};
use regex::Regex;
use std::sync::LazyLock;

/// What a paragraph gains for an item when it starts on a new one: the list's every item is
/// discussed, so a paragraph that names two items about equally goes to the one not yet discussed.
const NEW_ITEM: f64 = 2.0;

/// How many words open a paragraph with its subject ("Postoperative therapy after carpal tunnel
/// release is governed by ...": the therapy, not the release).
const SUBJECT_WORDS: usize = 3;

/// The longest a topic named in the analysis's prose may be: a longer one is the sentence that goes on
/// after the guideline's name.
const PROSE_TOPIC: usize = 60;

/// Words of a service that say how much, where or on which side, not what: a paragraph naming them
/// names no particular item.
const QUALIFIERS: &[&str] = &[
    "right",
    "left",
    "bilateral",
    "with",
    "without",
    "each",
    "sessions",
    "session",
    "visits",
    "visit",
    "times",
    "weeks",
    "days",
    "units",
    "unit",
    "purchase",
    "rental",
    "request",
    "requested",
    "retrospective",
    "prospective",
    "date",
    "service",
    "supply",
    "refills",
    "refill",
];

/// A paragraph of the analysis: its lines `first..end`.
struct Paragraph {
    first: usize,
    end: usize,
}

/// Where the parts of the letter stand.
struct Sections {
    list: Vec<Entry>,
    /// The line that heads the list (its section heading, or its first entry).
    list_start: usize,
    summary: Option<Span>,
    analysis: Vec<Paragraph>,
}

fn sections(letter: &Letter<'_>) -> Option<Sections> {
    let n = letter.lines.len();
    let list = entries(letter, n);
    let first_entry = list.first()?.line;
    let list_start = (0..first_entry)
        .rev()
        .take_while(|&i| !prose_line(letter, i) || i + 3 >= first_entry)
        .find(|&i| heading_line(letter, i))
        .unwrap_or(first_entry);
    let summary_heading = summary_heading(letter).filter(|h| h.line < list_start);
    // The analysis is the section before the list's; a summary's section ends where the analysis
    // starts.
    let analysis_heading = (summary_heading.map_or(0, |h| h.next)..list_start)
        .rev()
        .find(|&i| heads_section(letter, i, &list))?;
    let summary = summary_heading.and_then(|h| {
        let to = (h.next..list_start)
            .find(|&i| heading_line(letter, i))
            .unwrap_or(analysis_heading);
        letter.region_after(h, to)
    });
    let analysis = paragraphs(letter, analysis_heading + 1, list_start, &list);
    (!analysis.is_empty()).then_some(Sections {
        list,
        list_start,
        summary,
        analysis,
    })
}

/// Whether line `i` heads a section: as the numbered-issues layout's headings, or numbered in capitals
/// ("5. ANALYSIS", "6. DETERMINATION"), which no entry of the list is.
fn heading_line(letter: &Letter<'_>, i: usize) -> bool {
    if is_section_heading(letter, i) {
        return true;
    }
    let text = letter.lines[i].text.trim_end();
    // A letter lower-cased whole lost the capitals: a numbered line standing alone as a paragraph.
    list_number(text).is_some_and(|m| {
        let rest = &text[m.end()..];
        rest.len() <= 40
            && rest.split_whitespace().count() <= 5
            && (in_capitals(rest) || (letter.lowercase && letter.stands_alone(i)))
            && (!letter.uppercase || !rest.ends_with(['.', ',', ';']))
            && !super::names_decision_word(rest)
    })
}

/// The case summary's heading: the seed layout's headings, or "Summary of the Records Reviewed" over
/// prose (other layouts head a list of the documents so).
fn summary_heading(letter: &Letter<'_>) -> Option<super::Heading> {
    static RECORDS_REVIEWED: LazyLock<super::HeadingPattern> = LazyLock::new(|| {
        super::heading(r"summary\s+of\s+(?:the\s+)?(?:medical\s+)?records\s+reviewed:?")
    });
    issues_decisions::summary_heading(letter, 0).or_else(|| {
        letter
            .find_heading(0, &RECORDS_REVIEWED)
            .filter(|h| h.next < letter.lines.len() && prose_line(letter, h.next))
    })
}

/// Whether line `i` is prose running on to the next: long, and ending in no heading's colon.
fn prose_line(letter: &Letter<'_>, i: usize) -> bool {
    let text = letter.lines[i].text.trim_end();
    text.len() > 60 && !text.ends_with(':')
}

/// Whether `text` is an item's own heading in the analysis, numbered and naming a list entry's
/// service ("1) CT MYELOGRAM, CERVICAL SPINE."): it opens that item's paragraph and heads no section.
fn names_entry(text: &str, list: &[Entry]) -> bool {
    let Some(mark) = list_number(text) else {
        return false;
    };
    let named = text[mark.end()..]
        .trim()
        .trim_end_matches(['.', ':'])
        .to_lowercase();
    !named.is_empty()
        && list.iter().any(|entry| {
            let service = entry.service.value.to_lowercase();
            service.starts_with(&named) || named.starts_with(&service)
        })
}

/// Whether line `i` heads a section of the letter ([`heading_line`]) rather than an item of `list`.
fn heads_section(letter: &Letter<'_>, i: usize, list: &[Entry]) -> bool {
    heading_line(letter, i) && !names_entry(letter.lines[i].text, list)
}

/// The paragraphs of lines `from..to`, section headings left out.
fn paragraphs(letter: &Letter<'_>, from: usize, to: usize, list: &[Entry]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for i in from..to {
        if heads_section(letter, i, list) {
            open = false;
            continue;
        }
        // Double spacing hides paragraph breaks: a line after a sentence's end may open one.
        let opens = letter.lines[i].paragraph_break
            || (letter.spacing != Spacing::Single && letter.opens_paragraph(i));
        match out.last_mut() {
            Some(last) if open && !opens => last.end = i + 1,
            _ => out.push(Paragraph {
                first: i,
                end: i + 1,
            }),
        }
        open = true;
    }
    out
}

/// The words of `text` that may name a service, each cut to its first six letters so that
/// "injection" meets "injections" and "postoperative" meets "postoperatively".
fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !QUALIFIERS.contains(&w.as_str()))
        .map(|w| w.chars().take(6).collect())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How much each paragraph names each entry's service: per service word it holds, one, one more
/// when its first sentence holds it, and one more when its subject does (what a paragraph opens with
/// is what it is about), each divided by how many services share the word.
fn scores(letter: &Letter<'_>, list: &[Entry], analysis: &[Paragraph]) -> Vec<Vec<f64>> {
    let services: Vec<Vec<String>> = list.iter().map(|e| stems(&e.service.value)).collect();
    let shared = |word: &String| services.iter().filter(|s| s.contains(word)).count() as f64;
    analysis
        .iter()
        .map(|p| {
            let logical = letter.logical(p.first, p.end);
            let text = logical.as_str();
            let opening = text.find(". ").map_or(text, |end| &text[..end]);
            let subject: Vec<&str> = text.split_whitespace().take(SUBJECT_WORDS).collect();
            let (all, first, subject) = (stems(text), stems(opening), stems(&subject.join(" ")));
            services
                .iter()
                .map(|service| {
                    service
                        .iter()
                        .map(|w| {
                            let held = [&all, &first, &subject]
                                .iter()
                                .filter(|words| words.binary_search(w).is_ok())
                                .count() as f64;
                            held / shared(w)
                        })
                        .sum()
                })
                .collect()
        })
        .collect()
}

/// The entry each paragraph is given to, in the list's order (never back to an earlier entry), so
/// that the paragraphs name their entries most, [`NEW_ITEM`] counted for each entry given any.
fn assign(scores: &[Vec<f64>]) -> Vec<usize> {
    let (m, n) = (scores.len(), scores.first().map_or(0, Vec::len));
    if m == 0 || n == 0 {
        return Vec::new();
    }
    // best[i][j]: the best total for paragraphs 0..=i with paragraph i given to entry j, and the
    // entry paragraph i - 1 was given to.
    let mut best = vec![vec![(f64::NEG_INFINITY, 0usize); n]; m];
    for j in 0..n {
        best[0][j] = (scores[0][j] + NEW_ITEM, j);
    }
    for i in 1..m {
        // The best total so far over entries before j, and which.
        let mut before: Option<(f64, usize)> = None;
        for j in 0..n {
            let stay = best[i - 1][j].0;
            let (total, from) = match before {
                // On a tie the paragraph stays with the entry before: a paragraph naming no
                // entry goes on with the one the paragraphs before it discuss.
                Some((b, k)) if b + NEW_ITEM >= stay => (b + NEW_ITEM, k),
                _ => (stay, j),
            };
            best[i][j] = (total + scores[i][j], from);
            if before.is_none_or(|(b, _)| best[i - 1][j].0 > b) {
                before = Some((best[i - 1][j].0, j));
            }
        }
    }
    let mut j = (0..n)
        .rev()
        .max_by(|&a, &b| best[m - 1][a].0.total_cmp(&best[m - 1][b].0))
        .unwrap_or(0);
    let mut out = vec![0; m];
    for i in (0..m).rev() {
        out[i] = j;
        j = best[i][j].1;
    }
    out
}

/// A paragraph's last sentence closing the discussion of a request: "The lumbar MRI is not medically
/// necessary.", "Right carpal tunnel release is supported.", "The threshold for a repeat injection is
/// not met."
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:is|are)\s+(?:not\s+)?(?:medically\s+necessary|supported|appropriate|indicated|warranted|recommended|certified|approved|met)\b[^A-Za-z]*$").unwrap()
});

fn closes_discussion(letter: &Letter<'_>, paragraph: &Paragraph) -> bool {
    let logical = letter.logical(paragraph.first, paragraph.end);
    logical
        .sentences()
        .last()
        .is_some_and(|last| CLOSING.is_match(&logical.as_str()[last.clone()]))
}

/// Paragraphs naming no item stay with the item before them ([`assign`]), unless that item's
/// discussion closed with its decision: then they open the next item's ("Ongoing opioid management is
/// governed by ..." before "Tramadol has been prescribed since 2019 ...").
fn introductions_go_forward(
    letter: &Letter<'_>,
    analysis: &[Paragraph],
    scores: &[Vec<f64>],
    given: &mut [usize],
) {
    let names_none = |i: usize| scores[i].iter().all(|&s| s == 0.0);
    let mut i = 1;
    while i < given.len() {
        if !names_none(i) {
            i += 1;
            continue;
        }
        let run_end = (i..given.len()).find(|&k| !names_none(k));
        if let Some(end) = run_end {
            let closed = closes_discussion(letter, &analysis[i - 1]);
            if closed && given[end] > given[i - 1] {
                let next = given[end];
                given[i..end].fill(next);
            }
        }
        i = run_end.unwrap_or(given.len());
    }
}

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    sections(letter).is_some()
}

pub(super) fn parse(
    letter: &Letter<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Determination> {
    let Sections {
        list,
        list_start,
        summary,
        analysis,
    } = sections(letter)?;
    let scores = scores(letter, &list, &analysis);
    let mut given = assign(&scores);
    introductions_go_forward(letter, &analysis, &scores, &mut given);
    let mut items = Vec::new();
    for (k, entry) in list.iter().enumerate() {
        let own: Vec<&Paragraph> = analysis
            .iter()
            .zip(&given)
            .filter(|&(_, &j)| j == k)
            .map(|(p, _)| p)
            .collect();
        let (first, end) = match (own.first(), own.last()) {
            (Some(a), Some(b)) => (a.first, b.end),
            _ => (0, 0),
        };
        let rationale = letter
            .region(first, end)
            .map(|span| without_run_in_heading(letter.text, trim_footer(letter.text, span), k + 1));
        // The reviewer names the guidelines in the analysis itself.
        let citations = rationale.map(|_| {
            let logical = letter.logical(first, end);
            let len = logical.as_str().len();
            let mut block = citation::parse_block(&logical, 0..len);
            // Its other sentences are the reviewer's prose, not sources of another kind; nor is a
            // whole sentence after a guideline's name its topic.
            let prose = |t: &String| t.len() > PROSE_TOPIC || t.contains(". ");
            block.citations.retain(|c| {
                c.source != GuidelineSource::Other
                    && !(c.source == GuidelineSource::MtusOther
                        && c.pages.is_empty()
                        && c.topic.as_ref().is_some_and(prose))
            });
            for c in &mut block.citations {
                if c.topic.as_ref().is_some_and(prose) {
                    c.topic = None;
                }
            }
            block
        });
        let next_entry = list.get(k + 1).map_or(letter.lines.len(), |e| e.line);
        let entry_end = (entry.line + 1..next_entry)
            .find(|&i| letter.lines[i].paragraph_break)
            .unwrap_or(next_entry);
        let item = entry.item(letter, entry_end, citations, rationale);
        super::check_complete(letter, &item, false, diagnostics);
        items.push(item);
    }
    let header_end = summary_heading(letter).map_or(list_start, |h| h.line.min(list_start));
    Some(super::determination(
        letter,
        Layout::FinalList,
        header_end,
        reviewer(letter, 0, list_start),
        summary,
        items,
    ))
}

/// Most bytes a heading run in before its item's analysis may take ("1. Interferential current
/// stimulator, 30-day home rental. The MTUS ...").
const RUN_IN_HEADING: usize = 150;

/// `rationale` without the heading it opens with when it opens with its item's number, the service
/// named as a sentence of its own: that sentence names the request and states nothing of the patient.
fn without_run_in_heading(text: &str, rationale: Span, number: usize) -> Span {
    let passage = &text[rationale.range()];
    let Some(mark) = list_number(passage) else {
        return rationale;
    };
    let numbered =
        super::list_mark_number(mark.as_str().trim_matches(|c: char| !c.is_ascii_digit()));
    let heading = &passage[mark.end()..passage.len().min(mark.end() + RUN_IN_HEADING)];
    let end = heading
        .match_indices('.')
        .map(|(at, _)| at)
        .find(|&at| heading[at + 1..].starts_with(char::is_whitespace))
        .filter(|&end| numbered == Some(number) && !heading[..end].contains("\n\n"));
    let Some(end) = end else {
        return rationale;
    };
    let rest = &passage[mark.end() + end + 1..];
    let start = rationale.offset + passage.len() - rest.trim_start().len();
    Span::from_range(start..rationale.end())
}

#[cfg(test)]
mod tests {
    use super::assign;
    use crate::letter::{Decision, Determination, Layout};

    /// The letter `text` read with this layout, and its items' services and decisions.
    fn read(text: &str) -> (Determination, Vec<(String, Decision)>) {
        let parsed = crate::letter::parse(&crate::source::Source::from_text("letter", text));
        let d = parsed.determination.expect("a letter");
        assert_eq!(d.layout, Layout::FinalList);
        let items = d
            .items
            .iter()
            .map(|i| (i.service.value.clone(), i.decision.as_ref().unwrap().value))
            .collect();
        (d, items)
    }

    #[test]
    fn paragraphs_keep_the_list_s_order_and_every_item_is_discussed() {
        // The second paragraph names the first item as much as the second, which no other paragraph
        // discusses.
        let scores = vec![
            vec![3.0, 0.0, 0.0],
            vec![1.5, 1.5, 0.0],
            vec![0.0, 0.0, 2.0],
            vec![0.0, 0.0, 0.0],
        ];
        assert_eq!(assign(&scores), [0, 1, 2, 2]);
    }

    #[test]
    fn a_closing_list_with_an_entry_glued_to_its_number_is_the_list_of_decisions() {
        // Services head their paragraphs without a decision: only the list decides them, and its
        // entries, one a line, are no items of their own.
        let text = "Background\n\nShe has stage 3b kidney disease and takes naproxen.\n\n\
                    Analysis of the disputed treatment\n\n\
                    Naproxen 500 mg #60\n\
                    Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, p. 70.\n\
                    NSAIDs call for caution in kidney disease, and naproxen is not supported.\n\n\
                    Omeprazole 20 mg #30\n\
                    Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, pp. 68-69.\n\
                    A prior ulcer bleed places her at high risk, and omeprazole is supported.\n\n\
                    FINAL DETERMINATIONS\n\
                    1. Naproxen 500 mg #60 - Upheld (not medically necessary)\n\
                    2.Omeprazole 20 mg #30 - Overturned (medically necessary)\n";
        let (_, items) = read(text);
        assert_eq!(
            items,
            [
                ("Naproxen 500 mg #60".to_string(), Decision::Upheld),
                ("Omeprazole 20 mg #30".to_string(), Decision::Overturned)
            ]
        );
    }

    #[test]
    fn a_paragraph_naming_no_item_stays_with_the_one_before() {
        let scores = vec![vec![2.0, 0.0], vec![0.0, 0.0], vec![0.0, 4.0]];
        assert_eq!(assign(&scores), [0, 0, 1]);
    }

    #[test]
    fn a_decision_stated_after_the_service_ends_it_and_decides_the_entry() {
        let text = "CLINICAL SUMMARY\n\nShe walks with a cane.\n\n\
                    ANALYSIS\n\n\
                    The power scooter is addressed first. She walks with a cane, so a scooter is\n\
                    not supported.\n\n\
                    The hospital bed was considered next. No positioning need is described.\n\n\
                    DETERMINATIONS\n\n\
                    1. POWER SCOOTER - UPHELD. THE REQUEST IS NOT MEDICALLY NECESSARY.\n\
                    2. SEMI-ELECTRIC HOSPITAL BED - OVERTURNED. THE REQUEST IS MEDICALLY NECESSARY.\n";
        let (_, items) = read(text);
        assert_eq!(
            items,
            [
                ("POWER SCOOTER".to_string(), Decision::Upheld),
                (
                    "SEMI-ELECTRIC HOSPITAL BED".to_string(),
                    Decision::Overturned
                )
            ]
        );
    }

    #[test]
    fn sections_headed_in_sentence_case_and_headings_run_in_before_the_analysis() {
        // "Case synopsis", "Discussion" and "Final determinations" head the sections; each analysis
        // paragraph opens with its item's number and service, which is no part of the rationale.
        let text = "Case synopsis\n\n\
                    She has neck pain. Gabapentin was stopped because of sedation.\n\n\
                    Discussion\n\n\
                    1. Interferential current stimulator, 30-day rental. A trial is supported\n\
                    because medications caused side effects.\n\n\
                    2. Omeprazole 20 mg #30. She has no gastrointestinal risk factor.\n\n\
                    3. Celecoxib 200 mg #30. No functional improvement is documented.\n\n\
                    Final determinations\n\n\
                    After review of the records, the items in dispute are decided as follows:\n\n\
                    1. Interferential current stimulator, 30-day rental - OVERTURNED (medically\n\
                    necessary)\n\
                    2. Omeprazole 20 mg #30 - UPHELD (not medically necessary)\n\
                    3. Celecoxib 200 mg #30 - UPHELD (not medically necessary)\n\n\
                    The claims administrator shall implement the overturned decision.\n";
        let (d, items) = read(text);
        assert_eq!(
            items,
            [
                (
                    "Interferential current stimulator, 30-day rental".to_string(),
                    Decision::Overturned
                ),
                ("Omeprazole 20 mg #30".to_string(), Decision::Upheld),
                ("Celecoxib 200 mg #30".to_string(), Decision::Upheld),
            ]
        );
        let rationales: Vec<&str> = d
            .items
            .iter()
            .map(|i| &text[i.rationale.unwrap().range()])
            .collect();
        assert!(
            rationales[0].starts_with("A trial is supported"),
            "{rationales:?}"
        );
        assert_eq!(rationales[1], "She has no gastrointestinal risk factor.");
        let summary = &text[d.case_summary.unwrap().range()];
        assert!(summary.starts_with("She has neck pain."), "{summary}");
    }

    #[test]
    fn a_summary_of_the_records_reviewed_over_prose_is_the_case_summary() {
        let text = "The following items were submitted for Independent Medical Review:\n\n\
                    \x20 1. Hinged knee brace\n\
                    \x20 2. Knee MRI\n\n\
                    Summary of the Records Reviewed\n\n\
                    The injured worker is a 29 year old line cook whose left knee gives way when he pivots.\n\
                    On examination the Lachman test is 2+ with a soft endpoint and the pivot shift is positive.\n\n\
                    Analysis\n\n\
                    1. Hinged knee brace\n\n\
                    ODG (Knee & Leg chapter, Knee brace) lists knee instability among the indications.\n\
                    The records describe no instability on examination, so the brace is not indicated.\n\n\
                    2. Knee MRI\n\n\
                    ODG (Knee & Leg chapter, MRI) supports an MRI for a suspected ligament tear.\n\
                    An MRI is indicated here.\n\n\
                    Final Determination\n\n\
                    \x20 1. Hinged knee brace: UPHELD - not medically necessary.\n\
                    \x20 2. Knee MRI: OVERTURNED - medically necessary.\n";
        let (d, items) = read(text);
        assert_eq!(
            items,
            [
                ("Hinged knee brace".to_string(), Decision::Upheld),
                ("Knee MRI".to_string(), Decision::Overturned)
            ]
        );
        let summary = &text[d.case_summary.unwrap().range()];
        assert!(summary.starts_with("The injured worker is"), "{summary}");
    }

    #[test]
    fn an_entry_s_decision_after_dot_leaders_may_be_glossed() {
        let text = "CLINICAL SUMMARY\n\nShe has neck pain without a deficit.\n\n\
                    ANALYSIS\n\n\
                    A CT myelogram adds nothing to the recent MRI.\n\n\
                    A psychological evaluation before the stimulator trial is required.\n\n\
                    FINAL DETERMINATION\n\n\
                    1) CT myelogram, cervical spine ........... UPHELD - not medically necessary\n\
                    2) Psychological evaluation ............... OVERTURNED - medically necessary\n";
        let (_, items) = read(text);
        assert_eq!(
            items,
            [
                ("CT myelogram, cervical spine".to_string(), Decision::Upheld),
                ("Psychological evaluation".to_string(), Decision::Overturned),
            ]
        );
    }

    #[test]
    fn an_item_s_numbered_heading_in_capitals_opens_its_paragraph_and_heads_no_section() {
        // "Guidelines:" run on after the heading is set on a line of its own, which leaves the
        // heading alone on its line, numbered and in capitals as a section's would be.
        let text = "BACKGROUND\n\nShe has neck pain after a fall.\n\n\
                    ANALYSIS\n\n\
                    1) CT MYELOGRAM, CERVICAL SPINE. Guidelines: ODG Neck and Upper Back, Myelography.\n\n\
                    The 2022 MRI remains on file and shows the stenosis clearly.\n\n\
                    2) PSYCHOLOGICAL EVALUATION. Guidelines: MTUS Chronic Pain, pages 100-101.\n\n\
                    Fusion surgery is being planned and no evaluation has been done.\n\n\
                    DETERMINATION\n\n\
                    1) CT myelogram, cervical spine ........... UPHELD - not medically necessary\n\
                    2) Psychological evaluation ............... OVERTURNED - medically necessary\n";
        let (d, _) = read(text);
        let rationale = |k: usize| &text[d.items[k].rationale.expect("a rationale").range()];
        assert!(
            rationale(0).contains("MRI remains on file"),
            "{}",
            rationale(0)
        );
        assert!(!rationale(0).contains("no evaluation"), "{}", rationale(0));
        assert!(
            rationale(1).contains("no evaluation has been done"),
            "{}",
            rationale(1)
        );
    }

    #[test]
    fn numbered_sections_and_entries_numbered_within_them_with_dotted_leaders() {
        let text = "1. TREATMENT IN DISPUTE\n\n   1.1  Lumbar MRI\n   1.2  Aquatic therapy, 8 sessions\n\n\
                    4. CLINICAL BACKGROUND\n\n   He has axial low back pain and walks without an aid.\n\n\
                    5. ANALYSIS\n\n   5.1  Lumbar MRI\n\n   Findings: No red flag and no neurologic deficit is described.\n\n\
                       5.2  Aquatic therapy, 8 sessions\n\n   Findings: Reduced weight bearing is not needed.\n\n\
                    6. DETERMINATION\n\n\
                       6.1  Lumbar MRI ............................. NOT MEDICALLY NECESSARY\n\
                            (utilization review decision upheld)\n\
                       6.2  Aquatic therapy, 8 sessions ............ MEDICALLY NECESSARY\n\
                            (utilization review decision overturned)\n";
        let (d, items) = read(text);
        assert_eq!(
            items,
            [
                ("Lumbar MRI".to_string(), Decision::Upheld),
                (
                    "Aquatic therapy, 8 sessions".to_string(),
                    Decision::Overturned
                )
            ]
        );
        let second = &text[d.items[1].rationale.unwrap().range()];
        assert!(second.starts_with("5.2  Aquatic"), "{second}");
        assert!(second.ends_with("is not needed."), "{second}");
    }

    #[test]
    fn no_paragraph_goes_back_to_an_earlier_item() {
        let scores = vec![vec![0.0, 3.0], vec![3.0, 0.0]];
        let given = assign(&scores);
        assert!(given.windows(2).all(|w| w[0] <= w[1]), "{given:?}");
    }
}
