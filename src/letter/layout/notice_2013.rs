//! The 2013 notice layout and the Final Determination Letter of late 2013: decisions stated up front
//! as numbered sentences ("1) MAXIMUS Federal Services, Inc. has determined the request for X is not
//! medically necessary and appropriate.", "1. X is medically necessary and appropriate."), then the
//! reviewer's qualifications, the case summary and one "N) Regarding the request for X:" section per
//! item with its citations and rationale. Some letters of late 2013 state the decisions in a table up
//! front instead ("1. Lumbar MRI          Upheld").

use super::disputed_issue::{numbered_decision, table_decision, table_rows, TableRow};
use super::{
    after_list_number, block_kind, build_item, check_complete, dates, join_lines, labelled_date,
    list_number, list_number_value, names_decision_word, necessity_decision, reviewer,
    sentence_decision, trim_footer, Block, Letter, INJURY_DATE_LABEL, LETTER_DATE_LABEL,
};
use crate::diagnostic::{Code, Diagnostic};
use crate::letter::citation;
use crate::letter::{Decision, Determination, Layout};
use crate::span::{Span, Spanned};
use crate::text::{contains_ignore_ascii_case, Line};
use regex::Regex;
use std::sync::LazyLock;

static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)notice\s*of\s*independent\s*medical\s*review\s*determination")
        .unwrap()
});
/// A decision sentence, numbered or lettered or not, with or without the reviewing organisation's
/// preamble, or a summary's entry ("(A) Chiropractic treatment: medically necessary and appropriate
/// (Overturned)").
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:\(?(?P<number>\d{1,2}|[a-h])[.)]\s*)?(?P<preamble>maximus\s+federal\s+services,?\s+inc\.?,?\s+has\s+determined\s+(?:that\s+)?)?(?:the\s+request(?:ed)?\s+(?:for\s+)?)?(?P<service>\S.*?)(?:\s+(?P<verb>is|are)|\s*:|(?P<glued>[0-9%)])(?:is|are))\s*(?P<not>not\s*)?medically\s*necessary(?:\s*and\s*appropriate)?\b")
        .unwrap()
});

/// Where a [`DECISION`] sentence's service is: with the quantity or closing parenthesis extraction
/// glued to the verb ("Norco 10/325 mg #90is medically necessary"), which the pattern holds apart.
fn service_range(c: &regex::Captures<'_>) -> Option<std::ops::Range<usize>> {
    let service = c.name("service")?;
    let end = c.name("glued").map_or(service.end(), |g| g.end());
    Some(service.start()..end)
}
/// A section that states its own decision before its citations: "The Expert Reviewer found that the
/// request is not medically necessary and appropriate."
static SECTION_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:the\s+)?(?:expert\s+reviewer|(?:physician\s+)?reviewer|maximus\s+federal\s+services(?:,?\s+inc\.?)?,?)\s+(?:has\s+)?(?:found|finds|determined|determines|concluded|concludes)\s+(?:that\s+)?(?:the\s+)?(?:request|requested\s+[^.]{1,120}?)(?:\s+for\s+[^.]{1,120}?)?\s+(?:is|was|are|were)\s*(?P<verdict>(?P<not>not\s*)?medically\s*necessary)")
        .unwrap()
});
/// A section's closing decision: "The request for X is (not) medically necessary and appropriate.", also
/// as the sentence's last clause ("..., and the request for X is not medically necessary and appropriate.")
/// or after a short opening phrase ("Per the cited guidelines, the request for X is ..."); a
/// retrospective request says so ("The retrospective request for Toradol ... is not ..."); the reviewer
/// may be its subject ("The Physician Reviewer determined that the requested X is ...", also after
/// "Therefore,").
static CLOSING_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)(?:^(?:(?:therefore|thus|accordingly|consequently),?\s+|[^.;,]{1,60},\s+)?(?:(?:the\s+)?(?:physician\s+reviewer|expert\s+reviewer|reviewer|maximus\s+federal\s+services(?:,?\s+inc\.?)?,?)\s+(?:has\s+)?(?:found|finds|determined|determines|concluded|concludes)\s+(?:that\s+)?)?|[,;]\s+(?:and|so|therefore|thus)\s+)the\s*(?:retrospective\s+|retroactive\s+|prospective\s+)?request(?:ed)?(?:\s+(?:for\s+)?(?:[^.;]|\.\d){1,200}?)?\s+(?:is|are)\s*(?P<verdict>(?P<not>not\s*)?medically\s*necessary\s*and\s*appropriate)\s*\.?$")
        .unwrap()
});
/// An unnumbered decision sentence opens with the reviewing organisation's name.
static PREAMBLE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)^maximus\s+federal\s+services\b").unwrap());
static QUALIFICATIONS: LazyLock<Regex> = LazyLock::new(|| {
    // From 2014 the notice tells the qualifications under the seed layout's heading.
    crate::pattern::regex(r"(?i)^\s*(?:medical\s+qualifications\s+of\s+the\s+expert\s+reviewer\s*:|how\s+the\s+imr\s+final\s+determination\s+was\s+made\s*$)")
        .unwrap()
});
/// The words of the case summary's heading, in any case.
/// "Summary of Records" too, as letters reworded head it: only on a line of its own or before a colon,
/// since "SUMMARY OF RECORDS REVIEWED" heads a list of documents.
const SUMMARY_WORDS: &str = r"(?:(?:expert\s+reviewer\s+)?(?:clinical\s+(?:case\s+)?|case\s+)summary|summary\s+of\s+(?:the\s+)?(?:case|(?:medical\s+|clinical\s+)?records))";
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    // "Expert Reviewer Case Summary:", "Clinical Summary", "Summary of Case:", and from 2014
    // "CLINICAL CASE SUMMARY" on a line of its own; in title case or capitals the heading may run on
    // into its text without a colon ("Expert Reviewer Case Summary The patient is ...").
    crate::pattern::regex(&format!(
        r"(?i)^\s*(?:{SUMMARY_WORDS}\s*(?::|$)|(?-i:(?:Expert\s+Reviewer\s+)?(?:Clinical\s+(?:Case\s+)?|Case\s+)Summary|(?:EXPERT\s+REVIEWER\s+)?(?:CLINICAL\s+(?:CASE\s+)?|CASE\s+)SUMMARY)\s+)"
    ))
    .unwrap()
});
/// [`SUMMARY`] in a letter lower-cased whole, which lost the capitals that set a run-on heading off
/// from its text: "expert reviewer case summary the patient is ...".
static SUMMARY_LOWER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(&format!(r"(?i)^\s*{SUMMARY_WORDS}\s*(?::|$|\s+)")).unwrap()
});

/// The case summary's heading as `letter` may write it.
fn summary_heading(letter: &Letter<'_>) -> &'static Regex {
    if letter.lowercase {
        &SUMMARY_LOWER
    } else {
        &SUMMARY
    }
}
static ISSUES: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:imr\s+issues?,?\s+decisions?\s+and\s+rationales?|(?:imr\s+)?final\s+determinations?)\s*:?\s*$")
        .unwrap()
});
/// An item's section: "1) Regarding the request for X:"; from late 2013 also numbered "1." or not at all,
/// or lettered ("(A) Regarding the request for X:").
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^(?:\(?(?P<number>\d{1,2}|[a-h])(?P<mark>[.)])\s*)?regarding\s*the\s*(?:(?:retrospective|retroactive|prospective)\s+)?request\s*for\s*(?P<service>.+?)\s*$",
    )
    .unwrap()
});
/// The clinical text's own heading, where a list of the documents reviewed opens the case summary.
static CLINICAL_SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:clinical\s+(?:case\s+)?|case\s+)?summary\s*(?::|$)").unwrap()
});
/// An entry of a list marked with a dash or an asterisk, as a documents list may be written instead of
/// numbered (a bullet glyph marks the line as [`Line::bullet`]).
static BULLET: LazyLock<Regex> = LazyLock::new(|| crate::pattern::regex(r"^[-*]\s").unwrap());
/// Where the case summary is followed by the list of documents reviewed, the list ends it.
static DOCUMENTS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^\s*documents\s+reviewed(?:\s+for\s+(?:the\s+)?(?:determination|review))?\s*:?\s*$",
    )
    .unwrap()
});
static CITATIONS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^\s*medical\s+treatment\s+guidelines?\s*(?:\(mtus\)\s*)?citations?\s+used\s*:",
    )
    .unwrap()
});
/// From 2014 a section's body may open with the parties' citation headings, wrapped before their colon:
/// "Medical Treatment Guideline(s) relied upon by the Claims Administrator in the Utilization" /
/// "Review determination: ...".
static GUIDELINES_USED: LazyLock<Regex> = LazyLock::new(|| {
    // Also "Guidelines Used in Decision Making:", the label heading both parties' statements, and
    // "Guidelines Used by the Claims Administrator in the Utilization Review:".
    crate::pattern::regex(r"(?i)^\s*(?:(?:medical\s+treatment\s+)?guidelines?(?:\(s\))?\s+(?:relied\s+(?:up)?on|used)\s+by\s+the\s+(?:claims\s+administrator|(?:expert\s+)?reviewer)\b|(?:medical\s+treatment\s+)?guidelines?(?:\(s\))?\s+(?:used|relied\s+(?:up)?on|applied)\s+in\s+(?:decision\s+making|making\s+(?:the|this)\s+(?:decision|determination))\s*:)").unwrap()
});
static RATIONALE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*rationale\s*for\s*the\s*decision\s*:").unwrap()
});
/// From late 2013 "Rationale for the Decision:" holds both parties' citation statements, and the
/// rationale itself follows under "The Expert Reviewer's decision rationale:" (or "Rationale Used by
/// the Expert Reviewer:").
static REVIEWER_RATIONALE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:(?:the\s+)?(?:expert\s+|physician\s+)?reviewer(?:['\x{2019}]?s)?\s+(?:decision\s+)?rationale(?:\s+for\s+the\s+decision)?|rationale\s+used\s+by\s+the\s+(?:expert\s+|physician\s+)?reviewer)\s*:")
        .unwrap()
});
static EXPERT: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)\bthe\s+expert\s+reviewer\b").unwrap());
/// A party's citation statement opening a section's body without a heading of its own: "The Claims
/// Administrator based its decision on ...", "The Expert Reviewer based his/her decision on ...", also
/// after the party's label ("Claims Administrator Rationale: The Claims Administrator based ..."); or,
/// opening the line, what the party did not base its decision on ("The Claims Administrator did not
/// cite any evidence-based criteria").
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:claims\s*administrator(?:'s)?\s*(?:rationale|guidelines?|citations?)\s*:\s*)?(?:the\s+)?(?:claims\s*administrator|(?:expert\s+|physician\s+|independent\s+)?reviewer|maximus(?:\s+federal\s+services)?(?:,?\s+inc\.?)?,?)\s*(?:has\s*)?(?:based\s*(?:its|his|her|his/her|their)\s*(?:decision|determination)|relied\s+(?:up)?on\b)|^\s*the\s+(?:claims\s*administrator|(?:expert\s+|physician\s+|independent\s+)?reviewer)\s+did\s+not\s+(?:base|cite)\b")
        .unwrap()
});
/// The reviewer's own statement of what the decision rests on, with no party's label before it: "The
/// reviewer relied on the Official Disability Guidelines ...", "The Expert Reviewer based his/her
/// decision on ...".
static REVIEWER_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:the\s+)?(?:expert\s+|physician\s+|independent\s+)?reviewer\s+(?:has\s+)?(?:based|relied)\b")
        .unwrap()
});
/// The label of the outcome paragraph on a letter's first page.
static FINAL_DETERMINATION: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)^\s*final\s+determination\s*:\s*").unwrap());
/// A sentence that names the request it decides: "The requested X is ...", "The request for X is ...".
static REQUEST_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)^the\s+request(?:ed\s|\s+for\s)").unwrap());
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:effect\s+of\s+the\s+decision|sincerely|cc\s*:|this\s+(?:final\s+)?determination\s+is\s+final)").unwrap()
});

/// Whether the letter is titled "Notice of Independent Medical Review Determination".
fn titled(letter: &Letter<'_>) -> bool {
    letter
        .lines
        .iter()
        .take(15)
        .any(|l| NOTICE.is_match(l.text))
}

pub(super) fn detect(letter: &Letter<'_>) -> bool {
    if titled(letter) {
        return true;
    }
    // The Final Determination Letter of late 2013 has no title of its own, but no other layout states
    // its decisions up front and explains each in a "Regarding the request for X:" section, or heads
    // each section with its decision sentence (2014). Such a section opens its line (see `SECTION`),
    // so only the lines' first words are looked at: every letter goes through this test.
    if !letter
        .lines
        .iter()
        .any(|l| opens_with_regarding(l.text) || may_open_decision_section(l.text))
    {
        return false;
    }
    let outline = Outline::new(letter);
    if outline.first_section.is_none() {
        return false;
    }
    let regions = outline.decision_regions();
    !decision_list(letter, &regions).is_empty()
        || !decision_table(letter, &regions).is_empty()
        || !final_determination_sentences(letter, 0, outline.front_end(letter.lines.len()))
            .is_empty()
        || outline.first_section.is_some_and(|first| {
            decides_itself(letter, first) || decisions_after(letter, first + 1).is_some()
        })
}

/// The first line at or after `from` of a decision list standing after the sections, each sentence
/// with the reviewing organisation's preamble ("1) MAXIMUS Federal Services, Inc. has determined
/// ..."): some letters list the decisions last instead of first.
fn decisions_after(letter: &Letter<'_>, from: usize) -> Option<usize> {
    (from..letter.lines.len()).find(|&i| {
        let text = letter.lines[i].text;
        list_number(text).is_some() && PREAMBLE.is_match(after_list_number(text))
    })
}

/// Whether the section starting on line `first` states its own decision, first or last: letters
/// that list no decisions up front.
fn decides_itself(letter: &Letter<'_>, first: usize) -> bool {
    let Some(heading) = section(letter, first) else {
        return false;
    };
    if heading.decision.is_some() {
        return true;
    }
    let body = heading.last_line + 1;
    let end = (body..letter.lines.len())
        .find(|&i| section(letter, i).is_some())
        .unwrap_or(letter.lines.len());
    section_decision(letter, body, end).is_some() || closing_decision(letter, body, end).is_some()
}

/// The rows of a determination table standing where the decision sentences would
/// ("1. Lumbar MRI          Upheld"): some letters state the decisions that way instead.
fn decision_table(letter: &Letter<'_>, regions: &[(usize, usize, bool)]) -> Vec<TableRow> {
    regions
        .iter()
        .flat_map(|&(from, to, _)| table_rows(letter, from, to))
        .collect()
}

/// Whether `line`, after a section number or letter ("1)", "(2)", "3.", "(A)"), starts with
/// "regarding": what a line matching [`SECTION`] must do.
fn opens_with_regarding(line: &str) -> bool {
    let word = after_list_number(line);
    let word = super::LIST_LETTER
        .find(word)
        .or_else(|| super::LIST_LETTER_LOWER.find(word))
        .map_or(word, |m| &word[m.end()..]);
    word.len() >= 9 && word.as_bytes()[..9].eq_ignore_ascii_case(b"regarding")
}

/// Where the parts of a notice start.
struct Outline {
    qualifications: Option<usize>,
    summary: Option<usize>,
    /// "IMR ISSUES, DECISIONS AND RATIONALES" or "IMR Final Determination:", after the summary.
    issues: Option<usize>,
    first_section: Option<usize>,
}

impl Outline {
    fn new(letter: &Letter<'_>) -> Outline {
        let qualifications = line_matching(letter, 0, &QUALIFICATIONS);
        let summary = line_matching(letter, qualifications.unwrap_or(0), summary_heading(letter));
        let first_section =
            (summary.unwrap_or(0)..letter.lines.len()).find(|&i| section(letter, i).is_some());
        let issues = line_matching(letter, summary.map_or(0, |s| s + 1), &ISSUES)
            .filter(|&i| first_section.is_some_and(|f| i < f));
        Outline {
            qualifications,
            summary,
            issues,
            first_section,
        }
    }

    /// The line the decision sentences of the notice's first page end before.
    fn front_end(&self, n: usize) -> usize {
        self.qualifications.or(self.summary).unwrap_or(n)
    }

    /// Where decision sentences are stated, each with whether it is the list under the issues heading,
    /// whose sentences need no number: before the qualifications (the notice's first page), and
    /// between the issues heading and the first section.
    fn decision_regions(&self) -> Vec<(usize, usize, bool)> {
        let mut regions = vec![(0, self.front_end(usize::MAX), false)];
        if let (Some(issues), Some(first)) = (self.issues, self.first_section) {
            regions.push((issues + 1, first, true));
        }
        regions
    }
}

/// One item's section heading: "1) Regarding the request for X:", possibly wrapped onto a second line,
/// or the item's decision sentence ("1. X is not medically necessary and appropriate.").
struct Section {
    number: Option<usize>,
    service: Spanned<String>,
    /// The heading's last line.
    last_line: usize,
    /// The decision a decision sentence heading states.
    decision: Option<Spanned<Decision>>,
}

/// Whether `line` may open a section headed by its decision sentence: a list number, then a sentence
/// that says "medically" on this line or a later one.
fn may_open_decision_section(line: &str) -> bool {
    list_number(&line[item_label_len(line)..]).is_some()
}

/// The length of the word "Item" (and the blanks after it) that numbers a decision sentence as "Item
/// 2.  The requested pre-operative EKG is not medically necessary."; 0 where the line has none.
fn item_label_len(line: &str) -> usize {
    let Some(head) = line.get(..4).filter(|h| h.eq_ignore_ascii_case("item")) else {
        return 0;
    };
    let rest = &line[head.len()..];
    let after = rest.trim_start();
    if after.len() == rest.len() || !after.starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    line.len() - after.len()
}

/// The section headed on line `i` by its numbered decision sentence, which may wrap over three more
/// lines, when the section's body opens right after it: with a party's citation statement ("The Claims
/// Administrator based its decision on ..."), or the notice's citation or rationale heading. A
/// decision sentence in a list goes on to the next sentence instead.
fn decision_section(letter: &Letter<'_>, i: usize) -> Option<Section> {
    if !may_open_decision_section(letter.lines[i].text) {
        return None;
    }
    let n = letter.lines.len();
    let mut end = i + 1;
    while end < n
        && end < i + 4
        && !letter.lines[end].paragraph_break
        && !letter.lines[end - 1].text.trim_end().ends_with(['.', '?'])
    {
        end += 1;
    }
    // The review's word may stand alone under the sentence: "2. Repeat MRI of the lumbar spine is not
    // medically necessary and appropriate." / "Upheld".
    if letter.lines.get(end).is_some_and(|l| {
        !l.paragraph_break && super::decision_of(super::decision_alone(l.text.trim())).is_some()
    }) {
        end += 1;
    }
    // The notice's own openings only: a sentence followed by another layout's blocks ("Decision
    // rationale:") is that layout's item.
    let body = letter.lines.get(end)?.text;
    let opens_body = STATEMENT.is_match(body)
        || GUIDELINES_USED.is_match(body)
        || CITATIONS.is_match(body)
        || RATIONALE.is_match(body)
        || REVIEWER_RATIONALE.is_match(body);
    if !opens_body {
        return None;
    }
    let logical = letter.logical(i, end);
    let skip = item_label_len(logical.as_str());
    let text = &logical.as_str()[skip..];
    if !contains_ignore_ascii_case(text, "medically") {
        return None;
    }
    // The question the section answers ("1. IS A POLYSOMNOGRAM (SLEEP STUDY) MEDICALLY NECESSARY AND
    // APPROPRIATE?") states no decision: the section's closing sentence does.
    if text.trim_end().ends_with('?') {
        let number = list_number(text)?;
        let asked = &text[number.end()..];
        let service = super::disputed_issue::question_service(asked)?;
        let at = skip + number.end() + service.start;
        return Some(Section {
            number: list_number_value(number.as_str()),
            service: Spanned::new(
                logical.as_str()[at..at + service.len()].to_string(),
                logical.original_span(at..at + service.len()),
            ),
            last_line: end - 1,
            decision: None,
        });
    }
    let c = DECISION.captures(text)?;
    let number = c.name("number")?.as_str().parse().ok();
    let service = service_range(&c)?;
    // A labelled line ("1. Treatment requested: ...") is no decision sentence.
    if text[service.clone()].contains(':') {
        return None;
    }
    Some(Section {
        number,
        service: Spanned::new(
            text[service.clone()].to_string(),
            logical.original_span(skip + service.start..skip + service.end),
        ),
        last_line: end - 1,
        decision: Some(Spanned::new(
            necessity_decision(&c),
            logical.original_span(skip..skip + c.get(0)?.end()),
        )),
    })
}

/// The section heading starting on line `i`, if one does. A numbered heading may omit its colon; an
/// unnumbered one must open a paragraph and end with a colon, as a rationale's sentence that starts
/// "Regarding the request for ..." does not. A heading without its colon at the end of the line goes
/// on to the next line when that ends with one and is not a heading itself.
fn section(letter: &Letter<'_>, i: usize) -> Option<Section> {
    let line = letter.lines[i];
    if !contains_ignore_ascii_case(line.text, "regarding") {
        return decision_section(letter, i).or_else(|| service_section(letter, i));
    }
    let c = SECTION.captures(line.text)?;
    let number = c.name("number");
    // Only the notice's own "1)" numbers a section without its colon.
    let loose = number.is_some() && c.name("mark").is_some_and(|m| m.as_str() == ")");
    let service = c.name("service")?;
    let at = |start: usize, len: usize| Span::new(line.span.offset + start, len);
    let first = service.as_str();
    let (value, span, last_line) = if let Some(text) = first.strip_suffix(':') {
        let text = text.trim_end();
        (text.to_string(), at(service.start(), text.len()), i)
    } else if let Some((next, text)) = wrapped_heading_end(letter, i) {
        let end = next.span.offset + text.len();
        (
            join_lines(&[first, text]),
            Span::from_range(line.span.offset + service.start()..end),
            i + 1,
        )
    } else if loose {
        (first.to_string(), at(service.start(), first.len()), i)
    } else {
        return None;
    };
    let opens = letter.opens_paragraph(i);
    if number.is_none() && !opens {
        return None;
    }
    Some(Section {
        number: number.and_then(|m| super::list_mark_number(m.as_str())),
        service: Spanned::new(value, span),
        last_line,
        decision: None,
    })
}

/// The section headed on line `i` by its service alone, as the seed layout heads an item but without
/// its decision, when a citation block opens on the next line of a titled notice: "Omeprazole 20mg
/// #60", then "Claims Administrator guideline: ...", or numbered as the decision sentences are and
/// ending in a colon ("2. Retrospective request for omeprazole 20mg #60 (DOS 07/18/2013):"). The
/// decision is the notice's sentence naming the service.
fn service_section(letter: &Letter<'_>, i: usize) -> Option<Section> {
    let line = letter.lines[i];
    // The section's number, where the service starts in the line, and the service.
    let (number, start, heading) = match list_number(line.text) {
        Some(m) if line.text.ends_with(':') => {
            let rest = &line.text[m.end()..];
            let service = rest.trim_start();
            (
                super::list_mark_number(m.as_str()),
                m.end() + rest.len() - service.len(),
                service.trim_end_matches(':').trim_end(),
            )
        }
        _ => (None, 0, line.text),
    };
    // A double-spaced letter may run the issues heading and the first heading into one paragraph.
    let opens = letter.opens_paragraph(i)
        || i.checked_sub(1)
            .is_some_and(|p| ISSUES.is_match(letter.lines[p].text));
    let cites_next = matches!(
        letter.block(i + 1),
        Some((Block::Administrator | Block::Imro | Block::Citations, _))
    );
    // Other layouts head an item the same way with its decision beside it: only a notice, titled as
    // one, states the decisions elsewhere.
    if !opens
        || !cites_next
        || line.text.len() > 150
        || heading.is_empty()
        || heading.ends_with(['.', ':'])
        || letter.block(i).is_some()
        || names_decision_word(line.text)
        || letter.item_start(i).is_some()
        || !titled(letter)
    {
        return None;
    }
    Some(Section {
        number,
        service: Spanned::new(
            heading.to_string(),
            Span::new(line.span.offset + start, heading.len()),
        ),
        last_line: i,
        decision: None,
    })
}

/// The line after line `i` when it ends a heading wrapped onto it, with its text before the colon.
fn wrapped_heading_end<'a>(
    letter: &Letter<'a>,
    i: usize,
) -> Option<(crate::text::Line<'a>, &'a str)> {
    let next = *letter.lines.get(i + 1)?;
    let text = next.text.strip_suffix(':')?.trim_end();
    let heading = block_kind(next.text, false).is_some()
        || [
            &*CITATIONS,
            &*RATIONALE,
            &*REVIEWER_RATIONALE,
            &*SUMMARY,
            &*ISSUES,
        ]
        .iter()
        .any(|re| re.is_match(next.text));
    (!next.paragraph_break && !heading && !text.is_empty() && next.text.len() <= 80)
        .then_some((next, text))
}

/// One decision sentence.
#[derive(Debug)]
struct DecisionEntry {
    number: Option<usize>,
    service: Spanned<String>,
    decision: Spanned<Decision>,
}

/// The decision sentences in `regions` (lines `from..to`, and whether unnumbered sentences count
/// there). A sentence starts a line and may wrap over the next few; it needs a number, or the
/// reviewing organisation's preamble, except in the list under the issues heading.
fn decision_list(letter: &Letter<'_>, regions: &[(usize, usize, bool)]) -> Vec<DecisionEntry> {
    let mut entries = Vec::new();
    for &(from, to, list) in regions {
        let to = to.min(letter.lines.len());
        let starts_entry = |k: usize| {
            let text = letter.lines[k].text;
            let opens = k == from
                || letter.lines[k].paragraph_break
                || letter.lines[k - 1].text.ends_with(['.', ':']);
            list_number(text).is_some()
                || (list && super::list_letter(letter, text).is_some())
                || (opens && (list || PREAMBLE.is_match(text)))
        };
        for i in from..to {
            if !starts_entry(i) {
                continue;
            }
            // A sentence wraps over at most three more lines, up to the next sentence or paragraph.
            let mut end = i + 1;
            while end < to
                && end < i + 4
                && !letter.lines[end].paragraph_break
                && !starts_entry(end)
            {
                end += 1;
            }
            let logical = letter.logical(i, end);
            let text = logical.as_str();
            if !contains_ignore_ascii_case(text, "medically") {
                continue;
            }
            let Some(c) = DECISION.captures(text) else {
                continue;
            };
            let number = c
                .name("number")
                .and_then(|m| super::list_mark_number(m.as_str()));
            if number.is_none() && !list && c.name("preamble").is_none() {
                continue;
            }
            let service = service_range(&c).unwrap();
            let decision = necessity_decision(&c);
            entries.push(DecisionEntry {
                number,
                service: Spanned::new(
                    text[service.clone()].to_string(),
                    logical.original_span(service),
                ),
                decision: Spanned::new(decision, logical.original_span(c.get(0).unwrap().range())),
            });
        }
    }
    entries
}

/// The decisions a "Final Determination:" paragraph states as sentences running on in it ("Final
/// Determination: The requested EMG/NCV of the bilateral upper extremities is medically necessary and
/// appropriate. The requested tramadol ER 150 mg #30 is not medically necessary and appropriate."),
/// within lines `from..to`. Each sentence must name "the request(ed)": the paragraph's other
/// sentences explain the outcome in general.
fn final_determination_sentences(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Vec<DecisionEntry> {
    let to = to.min(letter.lines.len());
    let Some(start) = (from..to).find(|&i| FINAL_DETERMINATION.is_match(letter.lines[i].text))
    else {
        return Vec::new();
    };
    let end = (start + 1..to)
        .find(|&i| letter.lines[i].paragraph_break)
        .unwrap_or(to);
    let logical = letter.logical(start, end);
    let text = logical.as_str();
    let label_end = FINAL_DETERMINATION.find(text).map_or(0, |m| m.end());
    logical
        .sentences()
        .into_iter()
        .filter_map(|range| {
            let sentence = text
                .get(range.start.max(label_end)..range.end)?
                .trim_start();
            // The sentence ends where its range does.
            let offset = range.end - sentence.len();
            if !REQUEST_SENTENCE.is_match(sentence) {
                return None;
            }
            let c = DECISION.captures(sentence)?;
            let service = service_range(&c)?;
            let at =
                |r: std::ops::Range<usize>| logical.original_span(r.start + offset..r.end + offset);
            Some(DecisionEntry {
                number: None,
                service: Spanned::new(sentence[service.clone()].to_string(), at(service)),
                decision: Spanned::new(necessity_decision(&c), at(c.get(0)?.range())),
            })
        })
        .collect()
}

/// A service as written in the decision list and in its section, for comparing the two: lowercase
/// words, without the article or "request for" the one may add.
fn service_key(service: &str) -> String {
    let words: Vec<String> = service
        .split(|c: char| !c.is_alphanumeric() && c != '%' && c != '/')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut words = words.as_slice();
    while let Some((first, rest)) = words.split_first() {
        if ["the", "a", "an", "request", "requested", "for"].contains(&first.as_str()) {
            words = rest;
        } else {
            break;
        }
    }
    words.join(" ")
}

/// Where the case summary's text starts, and the heading on that line, when a list of the documents
/// reviewed opens the summary (lines `heading + 1..to`): after the list, at the clinical text's own
/// heading ("CLINICAL SUMMARY:") or else at the first paragraph that is no entry of the list. The
/// documents-reviewed layout prints the same list before the summary heading, and the summary is the
/// clinical text in both. `None` when the list does not open the summary.
fn after_documents(
    letter: &Letter<'_>,
    heading: usize,
    to: usize,
) -> Option<(usize, Option<&'static Regex>)> {
    let line = letter.lines[heading];
    let run_on = summary_heading(letter)
        .find(line.text)
        .is_some_and(|m| !line.text[m.end()..].trim().is_empty());
    let list = heading + 1;
    if run_on || list >= to || !DOCUMENTS.is_match(letter.lines[list].text) {
        return None;
    }
    if let Some(c) = (list + 1..to).find(|&i| CLINICAL_SUMMARY.is_match(letter.lines[i].text)) {
        return Some((c, Some(&*CLINICAL_SUMMARY)));
    }
    let entry = |line: &Line<'_>| {
        line.bullet || list_number(line.text).is_some() || BULLET.is_match(line.text)
    };
    let text = (list + 1..to)
        .find(|&i| letter.lines[i].paragraph_break && !entry(&letter.lines[i]))
        .unwrap_or(to);
    Some((text, None))
}

/// The decision of a section: the sentence of its number, or else the one naming its service.
fn decision_for(
    entries: &[DecisionEntry],
    used: &[bool],
    number: Option<usize>,
    service: &str,
) -> Option<usize> {
    if let Some(number) = number {
        if let Some(k) = entries.iter().position(|e| e.number == Some(number)) {
            return Some(k);
        }
    }
    let key = service_key(service);
    let unused = || (0..entries.len()).filter(|&k| !used[k]);
    unused()
        .find(|&k| service_key(&entries[k].service.value) == key)
        .or_else(|| {
            unused().find(|&k| {
                let other = service_key(&entries[k].service.value);
                !key.is_empty()
                    && !other.is_empty()
                    && (other.contains(&key) || key.contains(&other))
            })
        })
}

/// The decision a section states in its first sentence, which may wrap over three lines (lines
/// `from..to`).
fn section_decision(letter: &Letter<'_>, from: usize, to: usize) -> Option<Spanned<Decision>> {
    let logical = letter.logical(from, to.min(from + 3));
    sentence_decision(&logical, 0..logical.as_str().len(), &SECTION_DECISION).or_else(|| {
        // The decision sentence may open the rationale instead: "Rationale for the Decision: The
        // Expert Reviewer found that the requested ... is medically necessary and appropriate."
        let label = (from..to.min(letter.lines.len()))
            .find(|&i| RATIONALE.is_match(letter.lines[i].text))?;
        let len = RATIONALE
            .find(letter.lines[label].text)
            .map_or(0, |m| m.end());
        let (logical, after) = letter.logical_after_heading(label, to.min(label + 4), len);
        let text = logical.as_str();
        let start = after + (text[after..].len() - text[after..].trim_start().len());
        sentence_decision(&logical, start..text.len(), &SECTION_DECISION)
    })
}

/// The decision a section states in one of its last three sentences when nothing else states it: "The request
/// for zolpidem 10mg #30 is not medically necessary and appropriate." (a dose may have its decimal
/// point: "cyclobenzaprine 7.5 mg #90"), "The Claims Administrator's
/// determination is upheld." (lines `from..to`). The
/// sentence must name the request and use the notice's formula, "medically necessary and
/// appropriate", so the reviewer's other conclusions ("weaning is appropriate") are not taken.
fn closing_decision(letter: &Letter<'_>, from: usize, to: usize) -> Option<Spanned<Decision>> {
    let mut to = to.min(letter.lines.len());
    // The typist's initials or a page footer after the section's last sentence ("/js").
    while to > from && super::FOOTER_LINE.is_match(letter.lines[to - 1].text.trim()) {
        to -= 1;
    }
    let logical = letter.logical(from.max(to.saturating_sub(5)), to);
    // "... The Claims Administrator's determination is overturned." closes a section as well. Advice
    // may follow the decision: "... is not medically necessary and appropriate. A taper rather than
    // abrupt cessation is advised."
    logical
        .sentences()
        .into_iter()
        .rev()
        .take(3)
        .find_map(|sentence| {
            sentence_decision(&logical, sentence.clone(), &CLOSING_DECISION)
                .or_else(|| super::administrator_decision(&logical, sentence))
        })
}

fn line_matching(letter: &Letter<'_>, from: usize, re: &Regex) -> Option<usize> {
    (from..letter.lines.len()).find(|&i| re.is_match(letter.lines[i].text))
}

/// The span of line `i` after its heading `re`, through line `to` (exclusive).
fn after_heading(letter: &Letter<'_>, i: usize, re: &Regex, to: usize) -> Option<Span> {
    let heading_end = re.find(letter.lines[i].text).map_or(0, |m| m.end());
    after_heading_at(letter, i, heading_end, to)
}

/// The span of line `i` after its first `heading_end` bytes, through line `to` (exclusive).
fn after_heading_at(letter: &Letter<'_>, i: usize, heading_end: usize, to: usize) -> Option<Span> {
    let line = letter.lines[i];
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
    let outline = Outline::new(letter);
    let Outline {
        qualifications,
        summary: summary_line,
        first_section: first_item,
        ..
    } = outline;
    let decisions_end = outline.front_end(n);
    let regions = outline.decision_regions();
    let mut entries = decision_list(letter, &regions);
    entries.extend(final_determination_sentences(letter, 0, decisions_end));
    let table = decision_table(letter, &regions);

    let reviewer = qualifications.map_or_else(Default::default, |q| {
        reviewer(letter, q, summary_line.unwrap_or(n))
    });
    let after_summary = summary_line.map_or(n, |s| s.saturating_add(1));
    let summary_limit = [line_matching(letter, after_summary, &ISSUES), first_item]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(n);
    // The summary's text: after its heading, or after a documents list opening it.
    let text_start = summary_line.map(|s| {
        after_documents(letter, s, summary_limit).unwrap_or((s, Some(summary_heading(letter))))
    });
    let summary = text_start.and_then(|(start, heading)| {
        let end = line_matching(letter, start + 1, &DOCUMENTS)
            .map_or(summary_limit, |d| d.min(summary_limit));
        match heading {
            Some(re) => after_heading(letter, start, re, end),
            None => letter.region(start, end),
        }
    });
    let letter_date = labelled_date(letter, 0, decisions_end, &LETTER_DATE_LABEL);
    let injury = labelled_date(letter, 0, decisions_end, &INJURY_DATE_LABEL);

    let mut sections: Vec<(usize, Section)> = Vec::new();
    if let Some(first) = first_item {
        let mut i = first;
        while i < n {
            match section(letter, i) {
                Some(s) => {
                    let next = s.last_line + 1;
                    sections.push((i, s));
                    i = next;
                }
                None => i += 1,
            }
        }
    }
    // Some letters list the decisions after the last section instead of before the first: the list
    // ends that section.
    let trailing = sections
        .last()
        .and_then(|(_, last)| decisions_after(letter, last.last_line + 1));
    if let Some(t) = trailing {
        entries.extend(decision_list(letter, &[(t, n, false)]));
    }
    // Or under a heading of its own ("SUMMARY OF DECISIONS:"), its entries lettered or numbered.
    let summary_of_decisions = sections.last().and_then(|(_, last)| {
        letter
            .find_heading(
                last.last_line + 1,
                &super::issues_decisions::CLOSING_SUMMARY,
            )
            .map(|h| h.line)
    });
    if let Some(h) = summary_of_decisions {
        entries.extend(decision_list(letter, &[(h + 1, n, true)]));
    }
    let trailing = trailing.into_iter().chain(summary_of_decisions).min();
    let mut used = vec![false; entries.len()];
    let mut items = Vec::new();
    for (k, (start, heading)) in sections.iter().enumerate() {
        let start = *start;
        let mut end = sections.get(k + 1).map_or(n, |s| s.0);
        if k + 1 == sections.len() {
            end = line_matching(letter, heading.last_line + 1, &CLOSING)
                .into_iter()
                .chain(trailing)
                .fold(n, usize::min)
                .min(end);
        }
        let number = heading.number.unwrap_or(k + 1);
        let service = heading.service.clone();
        let decision = heading
            .decision
            .clone()
            .or_else(|| {
                decision_for(&entries, &used, heading.number, &service.value).map(|e| {
                    used[e] = true;
                    entries[e].decision.clone()
                })
            })
            .or_else(|| heading.number.and_then(|h| numbered_decision(&table, h)))
            .or_else(|| table_decision(&table, k, sections.len(), &service.value))
            .or_else(|| section_decision(letter, heading.last_line + 1, end))
            .or_else(|| closing_decision(letter, heading.last_line + 1, end));
        if decision.is_none() {
            diagnostics.push(
                Diagnostic::new(Code::UnknownDecision, format!("no numbered decision sentence or table row states item {number}'s decision"))
                    .with_label(service.span, "this item's decision is not stated")
                    .with_help("the notice states each decision as \"N) MAXIMUS Federal Services, Inc. has determined the request for ... is (not) medically necessary and appropriate.\", or as a table row \"N. ...     Upheld\""),
            );
        }
        let body = heading.last_line + 1;
        let rationale_line = line_matching(letter, body, &RATIONALE).filter(|&i| i < end);
        // The rationale's own heading after "Rationale for the Decision:": the reviewer's
        // ("The Expert Reviewer's decision rationale:"), or a plain one ("Rationale:") after the
        // parties' citation blocks.
        let reviewer_rationale = line_matching(letter, body, &REVIEWER_RATIONALE)
            .filter(|&i| i < end)
            .map(|i| {
                let len = REVIEWER_RATIONALE
                    .find(letter.lines[i].text)
                    .map_or(0, |m| m.end());
                (i, len)
            })
            .or_else(|| {
                // After "Rationale for the Decision:", or anywhere in a section without it
                // ("Rationale Used:").
                let from = rationale_line.map_or(body, |r| r + 1);
                (from..end).find_map(|i| match block_kind(letter.lines[i].text, false) {
                    Some((Block::Rationale, len)) => Some((i, len)),
                    _ => None,
                })
            });
        // Where the rationale has a heading of its own, "Rationale for the Decision:" before it holds
        // the citation statements.
        let statements = rationale_line.filter(|&r| reviewer_rationale.is_some_and(|(e, _)| r < e));
        let citations_end = reviewer_rationale
            .map(|(e, _)| e)
            .or(rationale_line)
            .unwrap_or(end);
        // The citation blocks: one "Citation Used:" block holding both parties' statements, or one
        // block per party ("Medical Treatment Guideline(s) Relied Upon by the Claims Administrator:").
        let heads: Vec<(usize, Option<Block>, usize)> = (body..citations_end)
            .filter_map(|i| {
                let text = letter.lines[i].text;
                if let Some(m) = CITATIONS.find(text) {
                    return Some((i, None, m.end()));
                }
                if statements == Some(i) {
                    return RATIONALE.find(text).map(|m| (i, None, m.end()));
                }
                match block_kind(text, false) {
                    Some((Block::Rationale, _)) | None => None,
                    Some((kind, heading_len)) => Some((i, Some(kind), heading_len)),
                }
            })
            .collect();
        // Without any heading, the parties' statements open the body ("The Claims Administrator based
        // its decision on ... The Expert Reviewer based his/her decision on ...").
        let opening_statement =
            heads.is_empty() && body < citations_end && STATEMENT.is_match(letter.lines[body].text);
        // A body of the reviewer's prose alone, no heading anywhere in it ("The reviewer relied on
        // ODG, Shoulder chapter, ... ODG recommends ... The requested sling is supported."): the
        // statement both cites and reasons.
        let prose = opening_statement
            && reviewer_rationale.is_none()
            && rationale_line.is_none()
            && REVIEWER_STATEMENT.is_match(letter.lines[body].text);
        let heads = if prose {
            vec![(body, Some(Block::Imro), 0)]
        } else if opening_statement {
            vec![(body, None, 0)]
        } else {
            heads
        };
        let (mut administrator, mut imro) = (None, None);
        for (k, &(first, kind, heading_len)) in heads.iter().enumerate() {
            let last = heads.get(k + 1).map_or(citations_end, |h| h.0);
            let (logical, heading_len) = letter.logical_after_heading(first, last, heading_len);
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
        let rationale = match reviewer_rationale {
            Some((r, len)) => after_heading_at(letter, r, len, end),
            None if prose => after_heading_at(letter, body, 0, end),
            None => rationale_line.and_then(|r| after_heading(letter, r, &RATIONALE, end)),
        }
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
        check_complete(letter, &item, k + 1 == sections.len(), diagnostics);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{lines, Spacing};

    #[test]
    fn a_party_that_cited_nothing_opens_a_section_body() {
        assert!(STATEMENT.is_match(
            "The Claims Administrator did not cite any evidence-based criteria for its decision."
        ));
        assert!(
            STATEMENT.is_match("The Physician Reviewer did not base his/her decision on the MTUS.")
        );
        // After another layout's label, the statement is that layout's citation block.
        assert!(!STATEMENT.is_match(
            "Claims Administrator guideline: The Claims Administrator did not cite any medical evidence."
        ));
    }

    #[test]
    fn the_labels_of_a_section_body_without_the_notice_s_usual_words() {
        assert!(GUIDELINES_USED.is_match(
            "Guidelines Used by the Claims Administrator in the Utilization Review: The Claims"
        ));
        assert!(GUIDELINES_USED
            .is_match("Medical Treatment Guidelines Used by the Expert Reviewer: ACOEM"));
        assert!(
            REVIEWER_RATIONALE.is_match("Rationale Used by the Expert Reviewer: The guidelines")
        );
        assert!(REVIEWER_RATIONALE.is_match("The Expert Reviewer's decision rationale:"));
        assert!(!GUIDELINES_USED.is_match("Guidelines used for other purposes are not cited."));
    }

    #[test]
    fn a_line_a_section_may_start() {
        for line in [
            "1) Regarding the request for Norco:",
            "(2)\tREGARDING the request for a cane",
            "3.Regarding the request for PT:",
            "regarding the request for acupuncture:",
        ] {
            assert!(opens_with_regarding(line), "{line}");
            assert_eq!(
                opens_with_regarding(line),
                SECTION.is_match(line) || !line.ends_with(':'),
                "{line}"
            );
        }
        assert!(!opens_with_regarding(
            "The records, regarding the request for PT, show"
        ));
        assert!(!opens_with_regarding("Regard"));
    }

    fn letter(text: &str) -> Letter<'_> {
        let spacing = Spacing::detect(text);
        Letter::new(
            text,
            spacing,
            lines(text, Span::new(0, text.len()), spacing),
        )
    }

    /// Each sentence as (number, service, upheld).
    fn read(text: &str, list: bool) -> Vec<(Option<usize>, String, bool)> {
        let letter = letter(text);
        decision_list(&letter, &[(0, letter.lines.len(), list)])
            .into_iter()
            .map(|e| {
                (
                    e.number,
                    e.service.value,
                    e.decision.value == Decision::Upheld,
                )
            })
            .collect()
    }

    #[test]
    fn decision_sentences_numbered_or_with_the_preamble() {
        let text = "1. Norco 10/325mg #120 is not medically necessary and appropriate.\n\
            2) MAXIMUS Federal Services, Inc. has determined the request for physical therapy 2x4 for the\n\
            lumbar spine is medically necessary and appropriate.\n\
            (3) Trigger point injections are not medically necessary.\n\
            MAXIMUS Federal Services, Inc. has determined the request for a urine drug screen is\n\
            medically necessary and appropriate.\n\
            4. Tramadol 50 mg #60is medically necessary and appropriate.\n\
            Final Determination: OVERTURN. This means we decided that some of the disputed items/services\n\
            are medically necessary and appropriate.\n";
        assert_eq!(
            read(text, false),
            [
                (Some(1), "Norco 10/325mg #120".to_string(), true),
                (
                    Some(2),
                    "physical therapy 2x4 for the lumbar spine".to_string(),
                    false
                ),
                (Some(3), "Trigger point injections".to_string(), true),
                (None, "a urine drug screen".to_string(), false),
                (Some(4), "Tramadol 50 mg #60".to_string(), false),
            ]
        );
    }

    #[test]
    fn unnumbered_plain_sentences_count_only_in_the_list() {
        let text = "The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            Lumbar MRI is medically necessary and appropriate.\n\
            The compounded cream (flurbiprofen 20%/lidocaine 5%) is not medically necessary and\n\
            appropriate.\n";
        assert!(read(text, false).is_empty());
        assert_eq!(
            read(text, true),
            [
                (None, "Lumbar MRI".to_string(), false),
                (
                    None,
                    "The compounded cream (flurbiprofen 20%/lidocaine 5%)".to_string(),
                    true
                ),
            ]
        );
    }

    #[test]
    fn section_headings_numbered_unnumbered_and_wrapped() {
        let text = "1) Regarding the request for Norco 10/325mg #120\n\
            Rationale for the Decision:\n\
            2. Regarding the request for chiropractic treatment 2 times a week for 4 weeks for the lumbar\n\
            spine:\n\
            The records show that,\n\
            regarding the request for acupuncture, nothing was sent:\n\
            \n\
            Regarding the request for acupuncture 6 sessions:\n\
            Regarding the request for a cane\n";
        let letter = letter(text);
        let read = |i: usize| section(&letter, i).map(|s| (s.number, s.service.value, s.last_line));
        // Only the notice's "1)" may leave out the colon; the heading before a block heading is whole.
        assert_eq!(
            read(0),
            Some((Some(1), "Norco 10/325mg #120".to_string(), 0))
        );
        assert_eq!(
            read(2),
            Some((
                Some(2),
                "chiropractic treatment 2 times a week for 4 weeks for the lumbar spine"
                    .to_string(),
                3
            ))
        );
        let wrapped = section(&letter, 2).unwrap().service.span;
        assert!(text[wrapped.range()].ends_with("lumbar\nspine"));
        // A sentence of a paragraph that happens to start a line is no heading.
        assert_eq!(read(5), None);
        assert_eq!(
            read(6),
            Some((None, "acupuncture 6 sessions".to_string(), 6))
        );
        assert_eq!(read(7), None);
    }

    #[test]
    fn a_documents_list_opening_the_summary_is_skipped() {
        let text = "Expert Reviewer Case Summary:\n\
            Documents Reviewed:\n\
            1. Application of Independent Medical Review\n\
            2. Progress reports dated 1/2/2013\n\
            Clinical Summary: The patient is a 50 year-old man.\n\
            \n\
            Expert Reviewer Case Summary:\n\
            \n\
            DOCUMENTS REVIEWED FOR DETERMINATION\n\
            - Utilization review letter\n\
            - Operative report\n\
            \n\
            The patient is a 61 year-old woman.\n\
            \n\
            Expert Reviewer Case Summary: The patient is a 44 year-old man.\n\
            Documents Reviewed:\n";
        let letter = letter(text);
        let start = |heading: usize| {
            after_documents(&letter, heading, letter.lines.len())
                .map(|(line, heading)| (letter.lines[line].text, heading.is_some()))
        };
        // At the clinical text's own heading, or at the first paragraph past the list's entries.
        assert_eq!(
            start(0),
            Some(("Clinical Summary: The patient is a 50 year-old man.", true))
        );
        assert_eq!(
            start(5),
            Some(("The patient is a 61 year-old woman.", false))
        );
        // A summary with its text on the heading's line is not opened by the list after it.
        assert_eq!(start(10), None);
        let letter_text = "Expert Reviewer Case Summary:\nThe patient is a 44 year-old man.\n";
        let plain = self::letter(letter_text);
        assert!(after_documents(&plain, 0, plain.lines.len()).is_none());
    }

    /// A letter whose decisions stand in a table: numbered rows, sections in another order, one
    /// numbered by a service the table words otherwise, one unnumbered.
    const TABLE_LETTER: &str = "Final Determination: PARTIAL OVERTURN.\n\
        \n\
        1. Lumbar MRI without contrast                 Overturned\n\
        2. Home health aide                            Upheld\n\
        3. Naproxen 550mg #60                          Overturned\n\
        \n\
        2) Regarding the request for home care assistance 4 hours a day:\n\
        Rationale for the Decision:\n\
        Claims Administrator guideline: ODG, Home health services.\n\
        Rationale:\n\
        No homebound status is documented.\n\
        \n\
        Regarding the request for naproxen 550mg #60:\n\
        Rationale for the Decision:\n\
        Claims Administrator guideline: MTUS, NSAIDs, page 67.\n\
        Rationale:\n\
        NSAIDs are recommended for osteoarthritis.\n\
        \n\
        1) Regarding the request for MRI of the lumbar spine:\n\
        Rationale for the Decision:\n\
        Rationale: A progressive deficit is documented.\n";

    #[test]
    fn a_section_takes_its_decision_from_the_table_by_number_or_by_service() {
        let letter = letter(TABLE_LETTER);
        assert!(detect(&letter));
        let mut diagnostics = Vec::new();
        let d = parse(&letter, &mut diagnostics).unwrap();
        let read: Vec<(&str, Option<Decision>)> = d
            .items
            .iter()
            .map(|i| {
                (
                    i.service.value.as_str(),
                    i.decision.as_ref().map(|d| d.value),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                // By its number: its words name no row, and its place is another row's.
                ("home care assistance 4 hours a day", Some(Decision::Upheld)),
                // Unnumbered, by the row naming its service rather than the row in its place.
                ("naproxen 550mg #60", Some(Decision::Overturned)),
                ("MRI of the lumbar spine", Some(Decision::Overturned)),
            ]
        );
        let decision = d.items[0].decision.as_ref().unwrap().span;
        assert_eq!(&TABLE_LETTER[decision.range()], "Upheld");
        assert!(TABLE_LETTER[..decision.offset]
            .ends_with("2. Home health aide                            "));
        // "Rationale:" after the parties' citations starts the rationale, on its line or after it.
        let rationale = |k: usize| &TABLE_LETTER[d.items[k].rationale.unwrap().range()];
        assert_eq!(rationale(0), "No homebound status is documented.");
        assert_eq!(rationale(2), "A progressive deficit is documented.");
        assert!(d.items[0].administrator_citations.is_some());
    }

    #[test]
    fn sections_without_decision_sentences_or_a_table_are_no_notice() {
        let without_table: String = TABLE_LETTER
            .lines()
            .filter(|l| !l.ends_with("Upheld") && !l.ends_with("Overturned"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(!detect(&letter(&without_table)));
    }

    #[test]
    fn a_section_may_state_its_own_decision_first() {
        let text = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\n\
                    Final Determination: UPHOLD.\n\n\
                    EXPERT REVIEWER CASE SUMMARY\n\
                    The worker has low back pain.\n\n\
                    ISSUES, DECISIONS AND RATIONALES\n\
                    1) Regarding the request for Norco 10/325 mg #120:\n\
                    The Expert Reviewer found that the request is not medically necessary and\n\
                    appropriate.\n\
                    Rationale for the Decision:\n\
                    Pain is unchanged. The request is not medically necessary.\n\
                    2) Regarding the request for a urine drug screen:\n\
                    The Expert Reviewer found that the requested screen is medically necessary.\n\
                    Rationale for the Decision:\n\
                    Early refills were documented. The request is medically necessary.\n";
        let parsed = crate::letter::parse(&crate::source::Source::from_text("notice", text));
        let d = parsed.determination.expect("a letter");
        let decisions: Vec<Option<Decision>> = d
            .items
            .iter()
            .map(|i| i.decision.as_ref().map(|d| d.value))
            .collect();
        assert_eq!(
            decisions,
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
        let span = d.items[0].decision.as_ref().unwrap().span;
        assert_eq!(&text[span.range()], "not medically necessary");
    }

    fn entry(number: Option<usize>, service: &str) -> DecisionEntry {
        DecisionEntry {
            number,
            service: Spanned::new(service.to_string(), Span::new(0, 0)),
            decision: Spanned::new(Decision::Upheld, Span::new(0, 0)),
        }
    }

    #[test]
    fn a_section_takes_the_decision_of_its_number_or_else_of_its_service() {
        assert_eq!(
            service_key("The request for Omeprazole 20mg, #60"),
            "omeprazole 20mg 60"
        );
        let entries = [
            entry(Some(1), "Norco 10/325mg #120"),
            entry(None, "The compounded cream (flurbiprofen 20%)"),
            entry(None, "Urine drug screen"),
        ];
        let unused = [false; 3];
        assert_eq!(
            decision_for(&entries, &unused, Some(1), "anything"),
            Some(0)
        );
        assert_eq!(
            decision_for(
                &entries,
                &unused,
                Some(7),
                "the compounded cream (flurbiprofen 20%)"
            ),
            Some(1)
        );
        assert_eq!(
            decision_for(
                &entries,
                &unused,
                None,
                "a urine drug screen every 3 months"
            ),
            Some(2)
        );
        // A sentence already taken by another section is not taken again by service.
        assert_eq!(
            decision_for(&entries, &[false, false, true], None, "urine drug screen"),
            None
        );
        assert_eq!(decision_for(&entries, &unused, None, "lumbar MRI"), None);
    }

    /// Items and their parts as (service, decision, administrator's and reviewer's citations found,
    /// the rationale's first words).
    fn sections_of(text: &str) -> Vec<(String, Option<Decision>, bool, bool, String)> {
        let letter = letter(text);
        assert!(detect(&letter));
        let d = parse(&letter, &mut Vec::new()).unwrap();
        d.items
            .iter()
            .map(|i| {
                let rationale = i.rationale.map_or("", |r| &text[r.range()]);
                (
                    i.service.value.clone(),
                    i.decision.as_ref().map(|d| d.value),
                    i.administrator_citations.is_some(),
                    i.imro_citations.is_some(),
                    rationale
                        .split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn sections_headed_by_their_decision_sentences_with_the_parties_statements() {
        // The 2014 notice: each section opens with its decision sentence, the parties' citation
        // statements follow without headings, then the reviewer's rationale.
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\
            The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            \n\
            1. Cervical epidural steroid injection at C5-6 is not medically necessary and\n\
            appropriate.\n\
            \n\
            The Claims Administrator based its decision on the Chronic Pain Medical Treatment\n\
            Guidelines, Epidural Steroid Injections (ESIs), page 46, which is part of the MTUS.\n\
            The Expert Reviewer based his/her decision on the same guideline.\n\
            \n\
            The Expert Reviewer's decision rationale:\n\
            Radiculopathy is not documented. The request is not medically necessary and appropriate.\n\
            \n\
            2. Gabapentin 600mg #90 is medically necessary and appropriate.\n\
            \n\
            The Claims Administrator based its decision on the Chronic Pain Medical Treatment\n\
            Guidelines, Antiepilepsy drugs (AEDs), pages 16-19, which is part of the MTUS.\n\
            The Expert Reviewer based his/her decision on the same guideline.\n\
            \n\
            The Expert Reviewer's decision rationale:\n\
            Her neuropathic pain is halved. The request is medically necessary and appropriate.\n";
        assert_eq!(
            sections_of(text),
            [
                (
                    "Cervical epidural steroid injection at C5-6".to_string(),
                    Some(Decision::Upheld),
                    true,
                    true,
                    "Radiculopathy is not".to_string()
                ),
                (
                    "Gabapentin 600mg #90".to_string(),
                    Some(Decision::Overturned),
                    true,
                    true,
                    "Her neuropathic pain".to_string()
                ),
            ]
        );
        // A numbered decision sentence with another layout's block after it is that layout's.
        let other = letter(
            "1. Lumbar fusion is not medically necessary and appropriate.\n\
             Decision rationale: Fusion is not indicated.\n",
        );
        assert!(decision_section(&other, 0).is_none());
    }

    #[test]
    fn the_first_section_may_run_on_from_the_issues_heading_in_a_double_spaced_letter() {
        // Double spacing leaves no blank line to tell paragraphs apart: the heading of the first
        // section follows the issues heading in the same paragraph, and still opens its section.
        let lines = [
            "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION ",
            "Final Determination: UPHOLD. A summary of the decisions is provided below: ",
            "1. Physical therapy 3x4 for the lumbar spine is not medically necessary and appropriate. ",
            "2. Ketoprofen 20% cream 120 gm is not medically necessary and appropriate. ",
            " ",
            "CLINICAL CASE SUMMARY ",
            "The patient has low back pain. ",
            " ",
            "IMR ISSUES, DECISIONS AND RATIONALES ",
            "1. Physical therapy3x4 for the lumbar spine: ",
            "Medical Treatment Guideline(s) Used by the Expert Reviewer: MTUS, page 99. ",
            "Rationale for the Decision: She has had 24 visits. The request is not medically necessary. ",
            " ",
            "2. Ketoprofen 20% cream 120 gm: ",
            "Medical Treatment Guideline(s) Used by the Expert Reviewer: MTUS, page 112. ",
            "Rationale for the Decision: Ketoprofen is not approved for topical use. ",
        ];
        let text = lines.join("\n\n") + "\n";
        let services: Vec<String> = sections_of(&text).into_iter().map(|s| s.0).collect();
        assert_eq!(
            services,
            [
                "Physical therapy3x4 for the lumbar spine",
                "Ketoprofen 20% cream 120 gm"
            ]
        );
    }

    #[test]
    fn item_labelled_decision_sentences_over_the_reviewers_own_prose() {
        // "Item 1." numbers the sentence; the paragraph under it is the reviewer's alone, both the
        // citation and the reasoning, with no heading anywhere.
        let text = "DISPUTED ITEMS AND DECISIONS\n\
            \n\
            1. Assistant surgeon for right shoulder surgery\n\
            2. Pre-operative EKG\n\
            \n\
            Item 1.  The requested assistant surgeon is medically necessary.\n\
            \n\
            The reviewer relied on the Official Disability Guidelines (ODG), Shoulder chapter,\n\
            Surgical assistant. A repair of a retracted tear qualifies.\n\
            \n\
            Item 2.  The requested pre-operative EKG is not medically necessary.\n\
            \n\
            The reviewer relied on ODG, Low Back chapter, Preoperative electrocardiogram. Shoulder\n\
            arthroscopy is a low-risk procedure.\n";
        assert_eq!(
            sections_of(text),
            [
                (
                    "assistant surgeon".to_string(),
                    Some(Decision::Overturned),
                    false,
                    true,
                    "The reviewer relied".to_string()
                ),
                (
                    "pre-operative EKG".to_string(),
                    Some(Decision::Upheld),
                    false,
                    true,
                    "The reviewer relied".to_string()
                ),
            ]
        );
        // "Item" before anything but a number numbers nothing.
        assert_eq!(item_label_len("Item 12. The requested"), 5);
        assert_eq!(item_label_len("Items reviewed: 3"), 0);
        assert_eq!(item_label_len("Item: 3"), 0);
    }

    #[test]
    fn a_clinical_summary_heading_opens_the_summary_and_a_closing_decision_may_have_an_opening_phrase(
    ) {
        let text = "Clinical Summary\n\nShe has numbness in both hands at night.\n\n\
            1) Regarding the request for occupational therapy for the bilateral hands:\n\
            Rationale for the Decision:\n\
            Home exercises are appropriate. Per the cited guidelines, the request for occupational\n\
            therapy for the bilateral hands is not medically necessary and appropriate.\n\n\
            2) Regarding the request for cyclobenzaprine 7.5 mg #90:\n\
            Rationale for the Decision:\n\
            Long-term use falls outside the guideline. The request for cyclobenzaprine 7.5 mg #90\n\
            is not medically necessary and appropriate.\n";
        let letter = letter(text);
        let d = parse(&letter, &mut Vec::new()).unwrap();
        let summary = &text[d.case_summary.unwrap().range()];
        assert_eq!(summary.trim(), "She has numbness in both hands at night.");
        // Reworded as "Summary of Records", the heading opens it too.
        let reworded = text.replace("Clinical Summary", "Summary of Records");
        let reworded_letter = self::letter(&reworded);
        let d = parse(&reworded_letter, &mut Vec::new()).unwrap();
        let summary = &reworded[d.case_summary.unwrap().range()];
        assert_eq!(summary.trim(), "She has numbness in both hands at night.");
        // The second section's request names a dose with a decimal point.
        assert_eq!(
            sections_of(text).iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_lettered_section_is_a_section() {
        let text = "(A) Regarding the request for chiropractic treatment, 12 sessions:\n\
            Rationale Used by the Expert Reviewer:\n\
            No flare-up is described. The request for chiropractic treatment is not medically\n\
            necessary and appropriate.\n\n\
            (B) Regarding the request for a lumbar epidural steroid injection at L4-5:\n\
            Rationale Used by the Expert Reviewer:\n\
            The radiculopathy is corroborated. The request for a lumbar epidural steroid injection\n\
            is medically necessary and appropriate.\n";
        assert_eq!(
            sections_of(text).iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
        assert!(opens_with_regarding("(B) Regarding the request for x:"));
        assert_eq!(super::super::list_mark_number("B"), Some(2));
        assert_eq!(super::super::list_mark_number("12"), Some(12));
    }

    #[test]
    fn a_summary_of_decisions_after_the_sections_decides_the_lettered_ones_that_do_not() {
        let text = "(A) Regarding the request for chiropractic treatment, 12 sessions:\n\
            Rationale Used by the Expert Reviewer:\n\
            No flare-up is described, and the request is medically necessary and appropriate.\n\n\
            (B) Regarding the request for cyclobenzaprine 7.5 mg #60:\n\
            Rationale Used by the Expert Reviewer:\n\
            No functional benefit from the medication is documented.\n\n\
            SUMMARY OF DECISIONS:\n\n\
            (A) Chiropractic treatment, 12 sessions: medicallynecessary and appropriate (Overturned)\n\n\
            (B) Cyclobenzaprine 7.5 mg #60: not medically necessary and appropriate (Upheld)\n";
        assert_eq!(
            sections_of(text).iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_closing_decision_may_have_the_reviewer_for_its_subject() {
        let text = "1) Regarding the request for bilateral L4-5, L5-S1 medial branch blocks:\n\
            Rationale for the Decision:\n\
            The guideline criteria are met. The Physician Reviewer determined that the requested\n\
            bilateral L4-5, L5-S1 medial branch blocks are medically necessary and appropriate.\n\n\
            2) Regarding the request for radiofrequency ablation, bilateral L4-5, L5-S1:\n\
            Rationale for the Decision:\n\
            The request is premature. The Expert Reviewer found that the requested radiofrequency\n\
            ablation, bilateral L4-5, L5-S1, is not medically necessary and appropriate.\n";
        assert_eq!(
            sections_of(text).iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_summary_heading_in_title_case_runs_on_into_its_text() {
        let text = "Expert Reviewer Case Summary The patient is a driver with a locking knee.\n\n\
            1) Regarding the request for knee brace:\n\
            Rationale for the Decision:\n\
            The knee is stable. The request for knee brace is not medically necessary and appropriate.\n";
        let letter = letter(text);
        let d = parse(&letter, &mut Vec::new()).unwrap();
        let summary = &text[d.case_summary.unwrap().range()];
        assert_eq!(
            summary.trim(),
            "The patient is a driver with a locking knee."
        );
        // The same letter lower-cased whole.
        let lower = text.to_lowercase();
        let letter = self::letter(&lower);
        let d = parse(&letter, &mut Vec::new()).unwrap();
        let summary = &lower[d.case_summary.unwrap().range()];
        assert_eq!(
            summary.trim(),
            "the patient is a driver with a locking knee."
        );
    }

    #[test]
    fn sections_headed_by_their_decision_open_with_the_guidelines_relied_upon() {
        // The 2014 notice: "Summary of Case:", sections headed by the decision sentence and opening
        // with "Medical Treatment Guideline(s) relied upon by ...", wrapped before the colon; a section
        // whose decision is followed by advice, and a retrospective request.
        let text = "Summary of Case:\nHe has back pain after a fall.\n\n\
            1) MAXIMUS Federal Services, Inc. has determined the request for Soma 350 mg #90 is not\n\
            medically necessary and appropriate.\n\n\
            Medical Treatment Guideline(s) relied upon by the Claims Administrator in the Utilization\n\
            Review determination: MTUS Chronic Pain Medical Treatment Guidelines, page 29.\n\n\
            Rationale for the Decision: Carisoprodol is not indicated for long-term use.\n\n\
            2) Regarding the request for Toradol 60 mg IM injection:\n\n\
            Rationale for the Decision: There was no acute pain. The retrospective request for Toradol\n\
            60 mg IM injection is not medically necessary and appropriate. A taper is not needed.\n";
        let read = sections_of(text);
        assert_eq!(
            read.iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Upheld)]
        );
        let letter = letter(text);
        let d = parse(&letter, &mut Vec::new()).unwrap();
        let summary = &text[d.case_summary.unwrap().range()];
        assert!(summary.contains("after a fall"), "{summary}");
    }

    #[test]
    fn a_decision_sentence_may_leave_the_review_s_word_to_the_line_below() {
        let text = "Summary of Case:\nHe has back pain and a new foot drop.\n\n\
            1. Norco 10/325 mg #120 is not medically necessary and appropriate.  Upheld\n\n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\n\
            MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
            Rationale for the Decision:\nNo functional benefit is documented.\n\n\
            2. Repeat MRI of the lumbar spine without contrast is not medically necessary and appropriate.\n\
            Upheld\n\n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\n\
            ODG Low Back, MRIs.\n\n\
            Rationale for the Decision:\nThere is no significant change since the prior study.\n";
        let read = sections_of(text);
        assert_eq!(
            read.iter().map(|r| (r.0.as_str(), r.1)).collect::<Vec<_>>(),
            [
                ("Norco 10/325 mg #120", Some(Decision::Upheld)),
                (
                    "Repeat MRI of the lumbar spine without contrast",
                    Some(Decision::Upheld)
                ),
            ]
        );
    }

    #[test]
    fn decisions_listed_under_the_final_determination_heading_after_the_summary() {
        let text = "Notice of Independent Medical Review Determination\n\n\
            CASE SUMMARY\nHe has back pain.\n\n\
            IMR Final Determination:\n\n\
            1. Cyclobenzaprine 10mg #60 is not medically necessary and appropriate.\n\n\
            2. Physical therapy 2x4 for the neck is medically necessary and appropriate.\n\n\
            Analysis of the Disputed Items:\n\n\
            1) Regarding the request for Cyclobenzaprine 10mg #60:\n\
            Rationale for the Decision:\n\
            He has taken it nightly for two years.\n\
            \n\
            2) Regarding the request for Physical therapy 2x4 for the neck:\n\
            Rationale for the Decision:\n\
            He has had no therapy for the neck.\n";
        let read = sections_of(text);
        assert_eq!(
            read.iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
    }

    #[test]
    fn decisions_listed_after_the_last_section_end_it_and_decide_the_sections() {
        let text = "CASE SUMMARY\nHe has back pain.\n\n\
            1) Regarding the request for MRI of the lumbar spine:\n\
            Rationale for the Decision:\n\
            There is no red flag.\n\
            \n\
            2) Regarding the request for Omeprazole 20mg #60:\n\
            Rationale for the Decision:\n\
            He has a history of a bleeding ulcer and takes naproxen.\n\
            \n\
            1) MAXIMUS Federal Services, Inc. has determined the requested MRI of the lumbar spine is not\n\
               medically necessary and appropriate.\n\
            2) MAXIMUS Federal Services, Inc. has determined the requested Omeprazole 20mg #60 is medically\n\
               necessary and appropriate.\n";
        let read = sections_of(text);
        assert_eq!(
            read.iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
        let letter = letter(text);
        let d = parse(&letter, &mut Vec::new()).unwrap();
        let last = &text[d.items[1].rationale.unwrap().range()];
        assert!(last.ends_with("takes naproxen."), "{last}");
    }

    #[test]
    fn a_final_determination_paragraph_states_each_decision_in_a_sentence() {
        let text = "Final Determination: The requested EMG/NCV of the bilateral upper\n\
            extremities is medically necessary and appropriate. The requested tramadol ER 150 mg #30 is not medically\n\
            necessary and appropriate. This decision is final.\n\
            \n\
            CASE SUMMARY\nShe has wrist pain.\n\n\
            1) Regarding the request for tramadol ER 150 mg #30:\n\
            Rationale for the Decision:\n\
            There is no functional improvement.\n\
            \n\
            2) Regarding the request for electromyography/nerve conduction velocity (EMG/NCV) of the bilateral upper extremities:\n\
            Rationale for the Decision:\n\
            The numbness is focal.\n";
        let letter = letter(text);
        let entries = final_determination_sentences(&letter, 0, 4);
        let read: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| {
                (
                    e.service.value.as_str(),
                    e.decision.value == Decision::Upheld,
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                ("EMG/NCV of the bilateral upper extremities", false),
                ("tramadol ER 150 mg #30", true)
            ]
        );
        for e in &entries {
            assert_eq!(
                text[e.service.span.range()].replace('\n', " "),
                e.service.value
            );
        }
        assert_eq!(
            sections_of(text).iter().map(|r| r.1).collect::<Vec<_>>(),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
    }

    #[test]
    fn a_glued_citation_statement_still_opens_a_section() {
        assert!(STATEMENT.is_match(
            "Claims Administrator guideline: The Claims Administrator basedits decision on the MTUS"
        ));
    }
}
