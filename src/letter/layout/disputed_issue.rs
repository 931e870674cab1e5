//! Items written as the disputed issue, as letters from about 2019 print them: the service asked about
//! in a question ("Is the requested L4-5 laminectomy medically necessary and appropriate?") or named
//! after a "Disputed Item and Issue" label, with the decision on a "Decision:" line of its own that
//! may stand before or after the item's citation and rationale blocks. Such letters may also list
//! every decision up front in a determination table, which decides an item whose own section states
//! none.

use super::{
    after_list_number, decision_of, is_decision_label, list_number, ItemStart, Letter,
    DECISION_LABEL, ITEM_DASH, SERVICE_LABEL,
};
use crate::letter::Decision;
use crate::span::{Span, Spanned};
use crate::text::{contains_ignore_ascii_case, Line, LogicalText};
use regex::Regex;
use std::sync::LazyLock;

static ISSUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // "Disputed Item and Issue:", "Disputed Item and Issue #2:", "Disputed Item and Issue 1 of 5:",
    // "1. DISPUTED ITEMS AND ISSUES:",
    // "ISSUE 1:", "ISSUE 2 OF 5:", "ISSUE 3 —", "Question 2:", "Question:", "Disputed Item and Issue (C):".
    crate::pattern::regex(r"(?i)^(?:\(?\d{1,2}[.)]\s+)?(?:(?:disputed\s*items?\s*and\s*issues?(?:\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?|\s*\([a-h]\))?|(?:issues?|questions?)\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?)\s*(?:[:.]|[-\x{2013}\x{2014}]{1,2}(?:\s|$))?|(?:issues?|questions?)\s*:)\s*")
        .unwrap()
});
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // A label with the service on the lines after it: "Item 1", "DISPUTED ITEM AND ISSUE",
    // "Disputed Item and Issue #1:", "ISSUE 1 OF 5", "Disputed Item and Issue (B)", "(A) Disputed Item
    // and Issue", "ITEM C"; its words may be glued ("Disputed Itemand Issue").
    crate::pattern::regex(r"(?i)^(?:\(?[a-h1-9][.)]\s*)?(?:(?:disputed\s*)?items?(?:\s*and\s*issues?)?|issues?|requests?\s*#?\s*\d{1,2})(?:\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?|\s*\(?[a-h]\)|\s+(?-i:[A-H]))?\s*[:.]?$")
        .unwrap()
});
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    // "Is the requested L4-5 laminectomy medically necessary and appropriate?", "Is a consultation
    // with a spine surgeon medically necessary?", "Are the requested 12 sessions of physical therapy
    // medically necessary and appropriate?"; in a scan, with its last word misspelled or split
    // ("appropriae?", "approp riate?") and the next label's first letters after it ("? Guide-"); what
    // it is for may follow ("Is Lidoderm 5% patch #30 medically necessary for the low back?"); the words
    // may be glued ("Is OxyContin 20mg #60medically necessary andappropriate?").
    crate::pattern::regex(r"(?i)^(?:is|are)\s*(?:(?:the\s+)?requested\s+|the\s+requests?\s+for\s+(?:an?\s+)?|(?:the|an?)\s+)?(?P<service>\S.*?),?\s*medically\s+necessary(?:\s*and\s*(?:appropriate|reasonable|[a-z]{3,8}(?:\s?[a-z]{2,8})?))?\s*(?:(?:\s+(?:for|to|in|of|on)\s+(?:the\s+|his\s+|her\s+|this\s+)?[\w/,()-]+(?:\s+[\w/,()-]+){0,4})?\s*\?(?:\s+\w+-|\s+[\w ()]{1,30}:.*)?)?$")
        .unwrap()
});
/// Where the service stands in a question ([`QUESTION`]): "Is a CT scan of the lumbar spine medically
/// necessary and appropriate?" asks about "CT scan of the lumbar spine".
pub(super) fn question_service(text: &str) -> Option<std::ops::Range<usize>> {
    let lead = text.len() - text.trim_start().len();
    QUESTION
        .captures(text.trim())
        .and_then(|c| c.name("service"))
        .map(|m| lead + m.start()..lead + m.end())
}

static TABLE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    // A row of a determination table, the decision set apart from the service by a run of blanks
    // ("CT scan of the lumbar spine          Upheld", "2  Lumbar MRI     Upheld") or by a dash as in
    // a list ("1. Lumbar MRI --
    // Overturned (medically necessary)", "2. Shower chair - UPHELD. Not medically necessary."), or by dot
    // leaders ("5) Pre-operative EKG ........ OVERTURN"). The word may be glossed after a dash
    // ("Upheld - not medically necessary").
    crate::pattern::regex(r"(?i)^(?:\(?(?P<number>\d{1,2})(?:[.)]\s+|\s{2,}))?(?P<service>\S.*?\S)(?:\s{2,}|\t|\s*[-\x{2013}\x{2014}]{1,2}\s*|\s*\.{3,}\s*)(?P<word>upheld|overturned|uphold|overturn)\s*(?:\([^()]{1,60}\)\s*)?(?:[.;,:\-\x{2013}\x{2014}]?\s*(?:not\s+)?medically\s+necessary(?:\s+and\s+appropriate)?)?\.?$")
        .unwrap()
});

/// A row whose cells a PDF extraction ran together: "Repeat MRI of the cervical spine without
/// contrastUpheld", "EMG/NCV of the upper extremities Overturned". The decision is a capitalised word
/// that ends the line; a sentence ("The decision is Upheld") is no row.
static TABLE_ROW_TIGHT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"^(?:\(?(?P<number>\d{1,2})(?:[.)]\s+|\s{2,}))?(?P<service>[A-Z0-9][^.:;]*?[A-Za-z0-9)])\s?(?P<word>Upheld|Overturned|UPHELD|OVERTURNED)\s*$")
        .unwrap()
});

/// [`TABLE_ROW_TIGHT`] in a letter lower-cased whole, whose decision word has no capital to tell it.
static TABLE_ROW_TIGHT_LOWER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"^(?:\(?(?P<number>\d{1,2})(?:[.)]\s+|\s{2,}))?(?P<service>[a-z0-9][^.:;]*?[a-z0-9)])\s?(?P<word>upheld|overturned)\s*$")
        .unwrap()
});

/// A row whose decision column states the verdict instead of the word: "1. Walker          Medically
/// necessary and appropriate", "3. Cold therapy unit          Not medically necessary and appropriate",
/// "2. Bone growth stimulator, lumbar: not medically necessary and appropriate" (its last words may
/// wrap; a scan may read "m" as "rn").
static TABLE_ROW_VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:\(?(?P<number>\d{1,2})(?:[.)]\s+|\s{2,}))?(?P<service>\S.*?\S)(?:\s{2,}|\t|\s*:\s*)(?P<word>(?:not\s+)?(?:m|rn)edically\s+necessa(?:ry|iy))(?:\s+and(?:\s+appropriate)?)?\s*\.?$")
        .unwrap()
});

/// The issue stated rather than asked: "The issue is whether the request for right carpal tunnel
/// release is medically necessary.", "At issue is whether the requested MRI is medically necessary",
/// "The disputed issue is whether alprazolam 0.5 mg #60 is medically necessary.", and under an issue's
/// label the question alone: "Whether a 3-in-1 bedside commode is medically necessary.".
static ISSUE_WHETHER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(&format!(r"(?i)^(?:{ISSUE_IS}\s+)?whether\s+(?:the\s+|an?\s+)?(?:(?:retrospective|prospective)\s+)?(?:requested\s+|requests?\s+for\s+(?:the\s+|an?\s+)?)?(?P<service>\S.*?),?\s+(?:is|are|was|were)\s+medically\s+necessary(?:\s+and\s+(?:appropriate|reasonable))?\s*[.?]?$"))
        .unwrap()
});

/// The words that state an issue before "whether": "The issue is", "The disputed question was", "At
/// issue is".
const ISSUE_IS: &str = r"(?:(?:the\s+)?(?:disputed\s+|sole\s+|only\s+)?(?:issue|question)\s+(?:here\s+)?(?:is|was)|at\s+issue\s+is)";

/// The item named in a sentence before the issue: "The disputed item is radiofrequency ablation, left
/// L4-5 and L5-S1 medial branches. The issue is whether the item is medically necessary.", "Utilization
/// review non-certified a request for left knee arthroscopy. The issue is whether the procedure is
/// medically necessary."
static ITEM_NAMED_THEN_ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:the\s+(?:disputed\s+)?(?:item|service|request|treatment)(?:\s+in\s+dispute)?\s+(?:is|was)|(?:the\s+)?(?:utilization\s+review(?:\s+\(ur\))?|ur|claims\s+administrator)\s+(?:non-?certified|denied|modified|did\s+not\s+certify)\s+(?:an?|the)\s+request\s+for)\s+(?:an?\s+|the\s+)?(?P<service>(?:[^.]|\.\d)+?)\.\s+the\s+(?:issue|question)\s+(?:is|was)\s+whether\b[^.]*\.?$")
        .unwrap()
});

/// Whether `text` opens the issue stated rather than asked (see [`ISSUE_WHETHER`]).
fn states_issue(text: &str) -> bool {
    static OPENING: LazyLock<Regex> =
        LazyLock::new(|| crate::pattern::regex(&format!(r"(?i)^{ISSUE_IS}\s+whether\s")).unwrap());
    text.len() > 12
        && matches!(
            text.as_bytes()[0].to_ascii_lowercase(),
            b't' | b'i' | b'q' | b'a'
        )
        && OPENING.is_match(text)
}

/// Whether `text` opens a question about a service: "Is ...", "Are ...", also with a count glued on
/// ("Are6 sessions ...").
fn asks(text: &str) -> bool {
    let b = text.as_bytes();
    let word = |w: &[u8]| {
        b.len() > w.len()
            && b[..w.len()].eq_ignore_ascii_case(w)
            && (b[w.len()].is_ascii_whitespace() || b[w.len()].is_ascii_digit())
    };
    // Extraction may glue the question's first two words: "Isthe request for ...".
    word(b"is") || word(b"are") || word(b"isthe") || word(b"arethe") || word(b"isthis")
}

/// Whether `text` is a sentence under a labelled issue's service that says what is disputed, not
/// more of the service: "Whether a possible biceps tenodesis ... is medically necessary", "The
/// applicant's representative asks whether ...", "The claims administrator denied the request as not
/// medically necessary."
fn restates_issue(text: &str) -> bool {
    static RESTATED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:whether\s|the\s+(?:applicant|claimant|injured\s+worker|employee|patient|worker)(?:['\x{2019}]s\s+(?:representative|attorney|counsel))?\s+(?:asks|requests|disputes|seeks|questions|contends)\b|the\s+claims\s+administrator\s+(?:denied|non-?certified|modified|declined)\b)").unwrap()
    });
    // Its own sentence, so a capital: "... The issue is" / "whether the item ..." goes on with one.
    text.len() > 8 && matches!(text.as_bytes()[0], b'W' | b'T') && RESTATED.is_match(text)
}

/// Whether `text` is a label alone, with the service on the lines after it.
fn is_label_line(text: &str) -> bool {
    // The pattern starts with "item", "issue", "disputed" or a numbered "request", perhaps after a
    // list mark ("(A) Disputed Item and Issue"), and fits a short line.
    text.len() <= 44
        && text.as_bytes().first().is_some_and(
            |b| matches!(b.to_ascii_lowercase(), b'a'..=b'i' | b'r' | b'(' | b'1'..=b'9'),
        )
        && LABEL_LINE.is_match(text)
}

/// Whether `text` states the issue after its item: "Issue: Whether the requested zolpidem is medically
/// necessary.", asked ("Issue: Is the requested cryotherapy unit ... medically necessary?"), or the
/// issue alone, "Issue: Medical necessity".
pub(super) fn is_issue_statement(text: &str) -> bool {
    static ISSUE_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)^issues?\s*:\s*(?:whether|(?:is|are)\s+(?:the|an?|this|these)\s|the\s+medical\s+necessity\b|medical\s+necessity\s+(?:of|for)\s|(?:medical\s+necessity|necessity|medically\s+necessary)\s*\.?\s*$)",
        )
            .unwrap()
    });
    text.len() > 6
        && text.as_bytes()[..5].eq_ignore_ascii_case(b"issue")
        && ISSUE_STATEMENT.is_match(text)
}

/// The last line of the issue stated on line `k` ("Issue: Whether the requested zolpidem is medically" /
/// "necessary."): it wraps over up to three lines, ending at its full stop or question mark, or where
/// a block, a decision line or a paragraph follows; a line in lower case after a blank one still goes
/// on with the sentence (a double-spaced letter), as does any line in a letter printed in capitals.
pub(super) fn issue_end(letter: &Letter<'_>, k: usize) -> usize {
    let lines = &letter.lines;
    let mut end = k;
    while end < k + 2
        && !lines[end].text.trim_end().ends_with(['.', '?'])
        && lines.get(end + 1).is_some_and(|l| {
            (!l.paragraph_break
                || letter.uppercase
                || l.text.starts_with(|c: char| c.is_ascii_lowercase()))
                && letter.block(end + 1).is_none()
                && !is_decision_label(l.text)
        })
    {
        end += 1;
    }
    end
}

/// Whether `text` states the utilization review's own decision, not the reviewer's: "Utilization
/// Review determination: Non-certified", "UR decision: Denied".
pub(super) fn is_utilization_review_decision(text: &str) -> bool {
    static UR_DECISION: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)^(?:ur|utilization\s+review)(?:\s+\w+)?\s+(?:decision|determination)\s*:\s*[^:]{1,60}$",
        )
        .unwrap()
    });
    text.len() > 3
        && text.as_bytes()[0].eq_ignore_ascii_case(&b'u')
        && UR_DECISION.is_match(text)
        && !is_decision_label(text)
}

/// A labelled item's service without the issue it may name after it: "Clonazepam 0.5 mg #30 - Medical
/// necessity", "Lumbar MRI (medical necessity)".
fn without_issue(text: &str) -> &str {
    static ISSUE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(
            r"(?i)(?:\s*[-\x{2013}\x{2014},:;]\s*|\s*\(\s*|\s+)(?:issue\s*:\s*)?medical(?:ly)?\s+necess(?:ity|ary)\s*\)?[.\s]*$",
        )
        .unwrap()
    });
    let text = text.trim_end_matches(['.', ' ']);
    match ISSUE_SUFFIX.find(text) {
        Some(m) if m.start() > 0 => &text[..m.start()],
        _ => text,
    }
}

/// The end of a label ("Disputed Item and Issue #1:", "Item 1:") that starts `text`, and whether it
/// is the disputed issue's own label.
fn label(text: &str) -> Option<(usize, bool)> {
    if !may_start_label(text) {
        return None;
    }
    if contains_ignore_ascii_case(text, "issue") || contains_ignore_ascii_case(text, "question") {
        if let Some(m) = ISSUE_LABEL.find(text) {
            return Some((m.end(), true));
        }
    }
    SERVICE_LABEL.find(text).map(|m| (m.end(), false))
}

/// Whether `text` ends with a word no sentence ends with: a preposition or an article.
fn ends_with_preposition(text: &str) -> bool {
    let last = text.trim_end().rsplit(' ').next().unwrap_or("");
    [
        "under", "in", "of", "at", "to", "for", "with", "per", "from", "by", "on", "see", "the",
        "a", "an", "and", "or",
    ]
    .iter()
    .any(|word| last.eq_ignore_ascii_case(word))
}

/// Whether `text` may start with a label: its first word, after a list number ("1.", "(2)"), starts
/// as "item", "service", "request", "treatment", "disputed", "issue" or "question" do. Most lines start otherwise, and
/// this keeps the label patterns off them.
pub(super) fn may_start_label(text: &str) -> bool {
    let b = after_list_number(text).as_bytes();
    b.len() >= 4
        && [
            b"item", b"serv", b"requ", b"trea", b"disp", b"issu", b"ques",
        ]
        .iter()
        .any(|w| b[..4].eq_ignore_ascii_case(*w))
}

/// An item written as the disputed issue starting on line `i`: up to two lines holding only a label,
/// then the service, as a question or after a "Disputed Item and Issue" label, wrapped over up to four
/// lines, followed by the item's decision or one of its blocks. The decision is the first "Decision:"
/// line before the next item; without one it is left to the determination table.
pub(super) fn issue_item(letter: &Letter<'_>, i: usize) -> Option<ItemStart> {
    let lines = &letter.lines;
    let mut k = i;
    let mut issue_labelled = false;
    // The last word of a sentence wrapped onto a line of its own is no label: "... was submitted with
    // the other" / "items.".
    let ends_sentence_above = |k: usize| {
        k > 0
            && !lines[k].paragraph_break
            && lines[k].text.trim_end().ends_with('.')
            && crate::text::sentence_goes_on(lines[k - 1].text.trim_end(), lines[k].text)
    };
    while k < i + 2 && k < lines.len() && is_label_line(lines[k].text) && !ends_sentence_above(k) {
        issue_labelled |= contains_ignore_ascii_case(lines[k].text, "issue");
        k += 1;
    }
    // A numbered label alone with the item's blocks right after it ("Request #1" / "Claims Administrator
    // guideline: ..."): the label names the item, whose service the list or table above gives.
    if k > i && letter.block(k).is_some() && super::number_only_item(lines[k - 1].text).is_some() {
        let label = &lines[k - 1];
        return Some(ItemStart {
            service: Spanned::new(label.text.to_string(), label.span),
            decision: None,
            header_end: k - 1,
            labelled: true,
            distinct: true,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        });
    }
    let line = lines.get(k)?;
    // A reference to an item that a wrapped sentence carries to the start of a line ("... certified
    // under" / "Question 1. Because the injection itself is ...") opens none.
    if k == i && k > 0 && !line.paragraph_break && ends_with_preposition(lines[k - 1].text) {
        return None;
    }
    // A list number labels the item as well: "1. Is the requested ... necessary?", and "1. Front-wheeled
    // walker" with the item's citation block right after it (its decision is then the table's).
    let labelled_line = label(line.text);
    let numbered = labelled_line
        .is_none()
        .then(|| list_number(line.text).or_else(|| super::list_letter(letter, line.text)))
        .flatten()
        .map(|m| m.end());
    let own_label = labelled_line.or(numbered.map(|end| (end, false)));
    // A label line names an item whatever follows it ("DISPUTED ITEM #2" / "Custom-molded LSO"); with a
    // labelled service below it ("ITEM 1" / "Requested treatment: ...") the item may go on with its
    // findings before any block.
    let labelled_twice = k > i && labelled_line.is_some();
    issue_labelled |= k > i || own_label.is_some_and(|(_, issue)| issue);
    let label_end = own_label.map_or(0, |(end, _)| end);
    let first = &line.text[label_end..];
    // Only a line that states no decision of its own ("1. Norco:  Upheld" is the seed layout's item).
    // The service may wrap onto a short line before the block: "A. External electrical bone growth
    // stimulator, right" / "ankle" / "Standard: ODG ...", "3. Compounded cream: flurbiprofen
    // 20%/cyclobenzaprine" / "4%/gabapentin 6%, 180 gm".
    // In capitals the wrapped part opens with a capital too: "(A) BILATERAL LUMBAR MEDIAL BRANCH
    // BLOCKS ..., WITH RADIOFREQUENCY" / "ABLATION TO FOLLOW IF POSITIVE".
    let wrapped = || {
        lines.get(k + 1).is_some_and(|next| {
            !next.paragraph_break
                && next.text.len() <= 40
                && (next
                    .text
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                    || (crate::text::in_capitals(first)
                        && crate::text::in_capitals(next.text)
                        && next.text.starts_with(char::is_uppercase)
                        && !next.text.trim_end().ends_with('.')))
                && list_number(next.text).is_none()
                && !next.text.contains(':')
        }) && letter.block(k + 2).is_some()
    };
    // A heading as long as a wide letter's line ("A. OnabotulinumtoxinA (Botox) 155 units, cranial and
    // cervical injection for chronic migraine") is still one when it opens a paragraph; a long line
    // inside a citation block ("43. Decision based on ...") is none.
    let named = numbered.is_some()
        && (first.len() <= 80 || (first.len() <= 120 && line.paragraph_break))
        && !first.ends_with(['.', '?'])
        && (!first.contains(':') || colon_in_service(first))
        && (letter.block(k + 1).is_some() || wrapped())
        && !ITEM_DASH.is_match(line.text)
        && !TABLE_ROW.is_match(line.text);
    let statement = states_issue(first);
    // A service labelled as an item and nothing more ("Item 2: Trigger point injections") is this
    // layout's only when unlabelled prose follows it (below). Its label ends with a colon and its
    // service is a heading's length, no sentence: "Item 4. The request was reviewed against ..." opens
    // a paragraph of prose.
    let other_form = asks(first) || statement || issue_labelled || named;
    let via_item_label = !other_form
        && labelled_line.is_some_and(|(_, issue)| !issue)
        && line.text[..label_end]
            .trim_end()
            .ends_with([':', '-', '\u{2013}', '\u{2014}'])
        && first.len() <= 90
        && !first.contains(':')
        && !first.trim_end().ends_with(['.', '?', '!']);
    if first.is_empty() || !(other_form || via_item_label) {
        return None;
    }
    // A rationale may ask a question too: one without a label must open a paragraph.
    let labelled = k > i || own_label.is_some();
    let opens = letter.may_open_paragraph(k) || lines[k - 1].text.ends_with(':');
    if !labelled && !opens {
        return None;
    }
    let mut last = k;
    let ends_issue = |text: &str| text.ends_with('?') || (statement && text.ends_with('.'));
    while last + 1 < lines.len() && last - k < 3 && !ends_issue(lines[last].text) {
        let next = &lines[last + 1];
        // A page break may split the service, and leaves a paragraph break before a lowercase word.
        // The decision may stand in a paragraph of its own under the service: "Disputed Item 1:
        // Lumbar MRI." / "" / "The Claims Administrator's decision is upheld. ...".
        let states_decision = || {
            super::STATED_DECISION
                .find(next.text)
                .is_some_and(|m| m.start() <= STATED_DECISION_REACH)
        };
        // In a letter lower-cased whole every line starts so: the paragraph break decides.
        let continues = (!next.paragraph_break
            || (next.text.starts_with(char::is_lowercase) && !letter.lowercase)
            || (last == k && states_decision()))
            && letter.block(last + 1).is_none()
            && !is_decision_label(next.text)
            && !is_label_line(next.text)
            && !is_utilization_review_decision(next.text)
            && !restates_issue(next.text)
            && label(next.text).is_none()
            && super::findings_label(next.text).is_none()
            // A service labelled as an item wraps mid-word or onto a lowercase line; the capital
            // after it opens its prose.
            && (!via_item_label
                || lines[last].text.ends_with('-')
                || (next.text.starts_with(char::is_lowercase)
                    && !(letter.lowercase && next.paragraph_break)));
        if !continues {
            break;
        }
        last += 1;
    }
    let mut after = last + 1;
    // The issue may be stated after the item, wrapped over a line or two: "Item: Chiropractic
    // treatment, 12 sessions." / "Issue: Whether the requested chiropractic treatment is medically
    // necessary."
    // After a service labelled as the item ("Item: Naproxen 550 mg #60"), an issue label asks the
    // question of it: "Issue: Is the requested medication medically necessary?".
    let item_labelled = labelled_line.is_some_and(|(_, issue)| !issue);
    let asks_of_item = |text: &str| {
        item_labelled && label(text).is_some_and(|(end, issue)| issue && asks(&text[end..]))
    };
    if lines.get(after).is_some_and(|l| {
        is_issue_statement(l.text)
            || asks_of_item(l.text)
            || (issue_labelled && restates_issue(l.text))
    }) {
        after = issue_end(letter, after) + 1;
    }
    // The utilization review's decision may stand between the service and the reviewer's
    // ("Utilization Review determination: Non-certified" / "IMR decision: ...").
    if lines
        .get(after)
        .is_some_and(|l| is_utilization_review_decision(l.text))
    {
        after += 1;
    }
    // The decision may be a sentence wrapped onto the next line: "Decision: The request is medically
    // necessary and appropriate. The Claims Administrator's" / "decision is OVERTURNED."
    let decision_follows = after < lines.len() && super::decision_line_at(letter, after);
    let findings_follow = labelled_twice
        && lines
            .get(after)
            .is_some_and(|l| super::findings_label(l.text).is_some());
    // A numbered or labelled question may go on with its rationale unlabelled, its citations or its
    // decision line after it ("1. Is the request for X medically necessary and appropriate?" / "The
    // ODG criteria ..." / "Guideline(s) relied upon: ..." / "Decision: ...").
    // The last of a list of questions, one under another ("3. Is ...?" / "4. Is ...?" / "" /
    // "SUMMARY OF THE MEDICAL RECORDS"), is the list's entry: the prose after it is the letter's.
    let in_question_list = k > 0 && !line.paragraph_break && lines[k - 1].text.ends_with('?');
    let prose_follows = || {
        labelled
            && asks(first)
            && lines[last].text.ends_with('?')
            && !in_question_list
            && section_closes(letter, after)
    };
    // An item labelled with its service ("Item 2: Trigger point injections, bilateral upper
    // trapezius, x4") may go on with its rationale unlabelled, its decision given by the determination
    // table above.
    let item_prose = via_item_label
        && !decision_follows
        && letter.block(after).is_none()
        && lines.get(after).is_some_and(|l| {
            l.text.len() >= 50 && label(l.text).is_none() && !is_label_line(l.text)
        })
        && !table_rows(letter, 0, i).is_empty();
    // The decision may stand in a paragraph of its own between the service and the first block:
    // "Disputed Item and Issue 1" / "Physical therapy, 12 additional sessions" / "The requested
    // physical therapy is not medically necessary. The Utilization Review decision is upheld." /
    // "Guideline: ...".
    // A decision line after the blocks is the item's, and such a paragraph only restates it.
    let stated = stated_decision(letter, after);
    let decision_paragraph = (stated.is_none()
        && !decision_follows
        && !findings_follow
        && letter.block(after).is_none()
        && lines.get(after).is_some_and(|l| l.paragraph_break))
    .then(|| {
        let block =
            (after + 1..(after + 5).min(lines.len())).find(|&b| letter.block(b).is_some())?;
        super::prose_decision(letter, after, block).map(|decision| (decision, block))
    })
    .flatten();
    // Items sharing one section: the next item's labelled heading right below this one's, its blocks
    // after it ("DISPUTED ITEM AND ISSUE 1: MRI ..." / "DISPUTED ITEM AND ISSUE 2: EMG/NCV ..." /
    // "Guideline(s) cited: ..." / "Rationale for Items 1 and 2 (shared): ...").
    // The two labels number the items in turn, so a question's label over its own "Disputed Item and
    // Issue:" line is no pair of items.
    let shares_next = issue_labelled
        && letter.block(after + 1).is_some()
        && lines.get(after).is_some_and(|l| {
            let number = digits(&line.text[..label_end]);
            label(l.text).is_some_and(|(end, issue)| {
                issue && number.is_some() && digits(&l.text[..end]) == number.map(|n| n + 1)
            })
        });
    let inline_rationale = if decision_follows
        || findings_follow
        || letter.block(after).is_some()
        || decision_paragraph.is_some()
        || shares_next
    {
        None
    } else if prose_follows() || item_prose {
        Some(lines[after].span.offset)
    } else {
        return None;
    };
    if via_item_label && !item_prose {
        return None;
    }
    let mut parts: Vec<Line<'_>> = lines[k..=last].to_vec();
    parts[0] = Line {
        text: first,
        span: Span::new(line.span.offset + label_end, first.len()),
        paragraph_break: false,
        page_break: false,
        bullet: false,
    };
    let logical = LogicalText::from_lines(&parts);
    let text = logical.as_str();
    // A labelled issue may state its own decision: "ISSUE 2 OF 5: Naloxone 4 mg nasal spray #2 is
    // medically necessary and appropriate."
    let mut own_decision = None;
    let question = QUESTION
        .captures(text)
        .or_else(|| {
            let whether = statement
                || (issue_labelled
                    && text.len() > 8
                    && text.as_bytes()[..8].eq_ignore_ascii_case(b"whether "));
            whether.then(|| ISSUE_WHETHER.captures(text)).flatten()
        })
        .or_else(|| ITEM_NAMED_THEN_ISSUE.captures(text))
        .and_then(|c| c.name("service"));
    // "Right lateral epicondylar release - Upheld. This item is not medically necessary."
    let dashed = (question.is_none() && issue_labelled)
        .then(|| ITEM_DASH.captures(text))
        .flatten();
    let range = match (question, dashed) {
        (Some(service), _) => service.range(),
        (None, Some(c)) => {
            let word = c.name("word")?;
            own_decision = Some(Ok(Spanned::new(
                super::decision_of(word.as_str())?,
                logical.original_span(word.range()),
            )));
            c.name("service")?.range()
        }
        (None, None) if issue_labelled || named || item_prose => {
            match super::item_sentence(text) {
                Some((service, phrase, decision)) => {
                    own_decision = Some(Ok(Spanned::new(decision, logical.original_span(phrase))));
                    // "Right open carpal tunnel release. The Claims Administrator's decision is
                    // upheld. The surgery is not medically necessary.".
                    let service = super::first_sentence(text, service);
                    service.start..service.start + text[service].trim_end_matches([',', ' ']).len()
                }
                // The verdict after a colon: "2. Acupuncture 2x3 for the left knee: not medically
                // necessary", its citation block below.
                None => match named
                    .then(|| TABLE_ROW_VERDICT.captures(text))
                    .flatten()
                    .filter(|c| c.name("number").is_none())
                {
                    Some(c) => {
                        let word = c.name("word")?;
                        let decision = super::label_decision_of(word.as_str())
                            .or_else(|| misread_verdict(word.as_str()))?;
                        own_decision = Some(Ok(Spanned::new(
                            decision,
                            logical.original_span(word.range()),
                        )));
                        c.name("service")?.range()
                    }
                    None => 0..without_issue(text).len(),
                },
            }
        }
        (None, None) => return None,
    };
    let service = Spanned::new(
        text[range.clone()].to_string(),
        logical.original_span(range),
    );
    if let Some((decision, block)) = decision_paragraph {
        return Some(ItemStart {
            service,
            decision: Some(Ok(decision)),
            header_end: block - 1,
            labelled: true,
            distinct: true,
            decision_line: None,
            inline_rationale: None,
            shared: Vec::new(),
        });
    }
    let (decision, header_end, decision_line) = match stated {
        // Right after the service, the decision line is part of the item's header.
        Some((decision, first, end)) if first == after => (Some(decision), end, None),
        // A decision the heading states is the item's; a decision line further on may be the whole
        // letter's ("Final Determination: PARTIAL OVERTURN").
        _ if own_decision.is_some() => (own_decision, last, None),
        Some((decision, first, _)) => (Some(decision), last, Some(first)),
        None => (None, last, None),
    };
    Some(ItemStart {
        service,
        decision,
        header_end,
        labelled: true,
        distinct: true,
        decision_line,
        inline_rationale,
        shared: Vec::new(),
    })
}

/// How far into its line a decision stated under an item's service may start: "The Claims
/// Administrator's decision is upheld."
const STATED_DECISION_REACH: usize = 40;

/// Most lines an unlabelled rationale runs before its item's citations or decision.
const PROSE_LINES: usize = 80;

/// Whether the prose from line `from` on reaches a citation or rationale block or a decision line
/// before a label or another item's question.
fn section_closes(letter: &Letter<'_>, from: usize) -> bool {
    let lines = &letter.lines;
    for (j, line) in lines.iter().enumerate().skip(from).take(PROSE_LINES) {
        let text = line.text;
        if letter.block(j).is_some() || super::decision_line_at(letter, j) {
            return true;
        }
        // A labelled line ends the prose whatever it says; a numbered one only when it asks.
        let asks_again = || list_number(text).is_some_and(|m| asks(&text[m.end()..]));
        if is_label_line(text) || label(text).is_some() || asks_again() {
            return false;
        }
    }
    false
}

type StatedDecision = Result<Spanned<Decision>, Spanned<String>>;

/// The first decision line from line `from` on, before the next item starts: the decision (or the
/// word that is not one), the line it starts on and the line it ends on ("Decision:" may have its
/// word on the next line).
fn stated_decision(letter: &Letter<'_>, from: usize) -> Option<(StatedDecision, usize, usize)> {
    let lines = &letter.lines;
    for j in from..lines.len() {
        let line = &lines[j];
        // A decision sentence may wrap: "Determination: The request is medically necessary and" /
        // "appropriate. The prior non-certification is overturned."
        if super::may_be_decision_label(line.text) {
            if let Some((decision, end)) = super::wrapped_label_decision(letter, j) {
                return Some((Ok(decision), j, end));
            }
        }
        if is_decision_label(line.text) {
            let c = DECISION_LABEL.captures(line.text)?;
            let (word, end) = match super::decision_label_word(&c) {
                Some(word) => (
                    Spanned::new(
                        word.as_str(),
                        Span::new(line.span.offset + word.start(), word.len()),
                    ),
                    j,
                ),
                None => {
                    let next = lines.get(j + 1)?;
                    let word = next.text.trim_end_matches('.');
                    super::label_decision_of(word)?;
                    (
                        Spanned::new(word, Span::new(next.span.offset, word.len())),
                        j + 1,
                    )
                }
            };
            let decision = match super::label_word_decision(word.value) {
                Some(d) => Ok(Spanned::new(d, word.span)),
                None => Err(Spanned::new(word.value.to_string(), word.span)),
            };
            return Some((decision, j, end));
        }
        if j > from && letter.item_start(j).is_some() {
            return None;
        }
    }
    None
}

/// A row of a determination table: the service and its decision.
#[derive(Debug, Clone)]
pub(super) struct TableRow {
    /// The row's number in a numbered table ("1. Lumbar MRI     Upheld"), which a numbered section
    /// may name it by.
    number: Option<usize>,
    pub(super) service: Spanned<String>,
    pub(super) decision: Spanned<Decision>,
}

impl TableRow {
    /// Whether the row carries a number of its own ("1. Lumbar MRI    Upheld").
    pub(super) fn numbered(&self) -> bool {
        self.number.is_some()
    }

    /// The row's service where it says more than `service`, the shorter name a section heads the
    /// item with ("TENS UNIT" for "TENS unit, purchase, with supplies"): every word of `service` and
    /// more. The request's details (a purchase, a quantity, a side) are often in the row alone.
    pub(super) fn fuller_service(&self, service: &str) -> Option<Spanned<String>> {
        let (wanted, have) = (words(service), words(&self.service.value));
        let fuller = !wanted.is_empty()
            && have.len() > wanted.len()
            && wanted.iter().all(|w| have.contains(w));
        fuller.then(|| self.service.clone())
    }
}

/// The rows of a determination table within lines `from..to`: "Lumbar MRI     Upheld", "1. Lumbar MRI
/// -- Overturned (medically necessary)".
pub(super) fn table_rows(letter: &Letter<'_>, from: usize, to: usize) -> Vec<TableRow> {
    let to = to.min(letter.lines.len());
    let mut rows = Vec::new();
    for k in from..to {
        let line = &letter.lines[k];
        // A flattened row's columns after the decision are on its line: nothing below continues it.
        if let Some(row) = stacked_row(letter, k, to)
            .or_else(|| decision_sentence_row(letter, k, to))
            .or_else(|| cell_per_line_row(letter, k, to))
            .or_else(|| flattened_row(line, letter.lowercase))
        {
            rows.push(row);
            continue;
        }
        if let Some(mut row) = table_row_of(letter, line) {
            // Columns after the decision (the guidelines used) go on below it too.
            let trailing = row.decision.span.end() < line.span.offset + line.text.trim_end().len();
            // A service cell wrapped within its column: the next lines, alone in that column.
            for next in letter.lines[k + 1..to].iter().take(2) {
                let cell = match ruled_separator(line.text) {
                    Some(separator) => ruled_continuation(line, &row.service, next, separator),
                    None if trailing => trailing_columns_continuation(letter, &row, next),
                    None => continues_cell(letter, &row.service, next)
                        .then(|| Spanned::new(next.text.to_string(), next.span)),
                };
                let Some(cell) = cell else {
                    break;
                };
                row.service = Spanned::new(
                    super::join_lines(&[&row.service.value, &cell.value]),
                    Span::from_range(row.service.span.offset..cell.span.end()),
                );
            }
            rows.push(row);
        }
    }
    rows
}

/// An entry of a numbered list of decisions run together in one paragraph, as a closing section
/// reflowed: "1. Functional restoration program, 160 hours: PARTIALLY OVERTURNED. 80 hours are
/// medically necessary ... 2. Cognitive behavioral therapy, 4 additional sessions: UPHELD.".
static RUN_ON_ENTRY: LazyLock<Regex> = LazyLock::new(|| run_on_entry(r":"));

/// The same entry with its decision after a dash ("1. Duloxetine 60mg #30 - Overturned. 2. ...") or dot
/// leaders, wrapped or not ("5. Medically supervised weight-loss" / "program, 12 weeks .... Upheld"), read
/// only in a closing list after the items: before them, such entries are the items' own headings
/// ("1. Lumbar MRI – Overturned").
static RUN_ON_DASHED_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| run_on_entry(r"(?::|\s[-\x{2013}\x{2014}]|\s*\.{3,})"));

/// A numbered list entry run on in a paragraph, its service and its decision parted by `separator`.
fn run_on_entry(separator: &str) -> Regex {
    crate::pattern::regex(&format!(
        r"(?i)(?:^|\s)(?P<number>\d{{1,2}})\.\s+(?P<service>[^:]{{3,150}}?)\s*{separator}\s*(?P<word>(?:partially\s+)?overturned|upheld|not\s+medically\s+necessary|medically\s+necessary)\b"
    ))
    .unwrap()
}

/// Whether `text` ends with the label of a decision ("Decision", "Determination"), as a service never
/// does.
fn ends_with_label(text: &str) -> bool {
    text.rsplit(|ch: char| !ch.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| {
            ["determination", "decision", "result", "outcome", "finding"]
                .iter()
                .any(|label| w.eq_ignore_ascii_case(label))
        })
}

/// The entries `re` ([`RUN_ON_ENTRY`] or [`RUN_ON_DASHED_ENTRY`]) finds in `text`, each with its
/// number: a service line with its decision label below ("1. Lumbar MRI / Determination: Upheld") is
/// an item's heading, no entry.
fn run_on_entries<'t>(
    text: &'t str,
    re: &'static Regex,
) -> impl Iterator<Item = (usize, regex::Captures<'t>)> {
    re.captures_iter(text).filter_map(|c| {
        let number = c["number"].parse::<usize>().ok()?;
        (!ends_with_label(&c["service"])).then_some((number, c))
    })
}

/// The rows of a numbered list of decisions run together in a paragraph ([`RUN_ON_ENTRY`]) in lines
/// `from..to`: only a list of two entries or more, numbered 1, 2, ... in order.
pub(super) fn run_on_rows(letter: &Letter<'_>, from: usize, to: usize) -> Vec<TableRow> {
    let logical = letter.logical(from, to.min(letter.lines.len()));
    let mut rows: Vec<TableRow> = Vec::new();
    for (number, c) in run_on_entries(logical.as_str(), &RUN_ON_DASHED_ENTRY) {
        let (service, word) = (c.name("service").unwrap(), c.name("word").unwrap());
        if number != rows.len() + 1 {
            // A list numbered again further down starts over; any other number is no entry of it.
            if number != 1 {
                continue;
            }
            rows.clear();
        }
        let Some(decision) = super::label_decision_of(word.as_str()) else {
            continue;
        };
        rows.push(TableRow {
            number: Some(number),
            service: Spanned::new(
                service.as_str().to_string(),
                logical.original_span(service.range()),
            ),
            decision: Spanned::new(decision, logical.original_span(word.range())),
        });
    }
    if rows.len() < 2 {
        rows.clear();
    }
    rows
}

/// Whether the colon in a list entry's text is the service's own ("Smoking cessation program:
/// varenicline for 12 weeks", "Compounded cream: flurbiprofen 20%/baclofen 2%"), not a label's
/// ("Decision: Upheld", "Guidelines: MTUS") or a decision's.
fn colon_in_service(text: &str) -> bool {
    let Some((head, tail)) = text.split_once(':') else {
        return true;
    };
    head.split_whitespace().count() >= 2
        && !tail.trim().is_empty()
        && !super::names_decision_word(text)
        && !is_label_line(text)
        && !is_decision_label(text)
}

/// An entry of a closing list of decisions, after its mark ([`CLOSING_MARK`]), a line of its own:
/// "A. Medial branch blocks, bilateral L4-5/L5-S1: OVERTURNED", "2. Hand therapy, 12 visits: NOT
/// MEDICALLY NECESSARY. UR decision UPHELD". An entry set out as a table's row ("B. Assistant
/// surgeon ........ UPHELD") is read as one.
static CLOSING_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?P<service>[^:]{3,150}?)\s*:\s*(?P<word>(?:partially\s+)?overturned|upheld|uphold|overturn|(?:not\s+)?medically\s+necessary|(?:partially\s+|not\s+|non-?\s?)?certified)\b")
        .unwrap()
});

/// A closing list's entry as a sentence, the review's outcome in parentheses after it: "1. The request
/// for repeat cervical epidural steroid injection is medically necessary and appropriate.
/// (Overturned)" (the verdict's words may be glued: "not medicallynecessary").
static CLOSING_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(&format!(r"{CLOSING_SENTENCE_HEAD}(?:not\s+)?medically\s*necessary(?:\s+and\s+appropriate)?\s*\.?\s*\(\s*(?P<word>(?:partially\s+)?overturned|upheld)\s*\)\s*\.?$"))
        .unwrap()
});

/// A closing list's entry as a sentence alone: "2. The request for EMG/NCV of the bilateral upper
/// extremities is not medically necessary and appropriate."
static CLOSING_SENTENCE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(&format!(r"{CLOSING_SENTENCE_HEAD}(?P<word>(?:not\s+)?medically\s+necessary)(?:\s+and\s+appropriate)?\s*\.?$"))
        .unwrap()
});

/// The service a closing list's sentence names, up to its verb: "The request for EMG/NCV ... is ".
const CLOSING_SENTENCE_HEAD: &str = r"(?i)^(?:the\s+(?:requests?\s+for\s+|requested\s+)?)?(?P<service>[^:]{3,150}?),?\s+(?:is|are)\s+";

/// A closing list's entry in any of its forms, its `service` and its decision `word`.
fn closing_entry_captures(text: &str) -> Option<regex::Captures<'_>> {
    CLOSING_ENTRY
        .captures(text)
        .or_else(|| CLOSING_SENTENCE.captures(text))
        .or_else(|| CLOSING_SENTENCE_BARE.captures(text))
}

/// The mark a closing list's entry opens with: "A.", "(2)", "3)".
static CLOSING_MARK: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)^\(?(?P<number>\d{1,2}|[a-h])[.)]\s+").unwrap());

/// Most lines from one entry of a closing list of decisions to the next: an entry may wrap once.
const CLOSING_ENTRY_REACH: usize = 3;

/// The closing list's entry on line `k`, if it is one, with its number. An entry may wrap once, its
/// service or its decision on the next line ("(B) Chiropractic manipulation x 6, lumbar" / "spine:
/// Upheld").
fn closing_entry(letter: &Letter<'_>, k: usize) -> Option<(usize, TableRow)> {
    let line = &letter.lines[k];
    let text = line.text.trim_end();
    let mark = CLOSING_MARK.captures(text)?;
    let number = super::list_mark_number(&mark["number"])?;
    let mark_end = mark.get(0)?.end();
    let entry = |c: regex::Captures<'_>, at: &dyn Fn(regex::Match<'_>) -> Span| {
        let (service, word) = (c.name("service")?, c.name("word")?);
        let decision = super::label_decision_of(word.as_str())?;
        Some((
            number,
            TableRow {
                number: Some(number),
                service: Spanned::new(service.as_str().to_string(), at(service)),
                decision: Spanned::new(decision, at(word)),
            },
        ))
    };
    if let Some(c) = closing_entry_captures(&text[mark_end..]) {
        let at = |m: regex::Match<'_>| Span::new(line.span.offset + mark_end + m.start(), m.len());
        return entry(c, &at);
    }
    let wrapped = letter
        .lines
        .get(k + 1)
        .filter(|next| !next.paragraph_break && !CLOSING_MARK.is_match(next.text));
    if let Some(next) = wrapped {
        let joined = format!("{} {}", &text[mark_end..], next.text.trim_end());
        let first_len = text.len() - mark_end;
        // Offsets in `joined` back to the letter: the first line's part, then the next line's.
        let offset = |at: usize| {
            if at <= first_len {
                line.span.offset + mark_end + at
            } else {
                next.span.offset + at - first_len - 1
            }
        };
        let at = |m: regex::Match<'_>| Span::from_range(offset(m.start())..offset(m.end()));
        if let Some(c) = closing_entry_captures(&joined) {
            // A heading above a labelled decision ("(A) Lumbar MRI" / "Decision: Upheld") is an
            // item's, no entry.
            if !c
                .name("service")
                .is_some_and(|service| ends_with_label(service.as_str()))
            {
                return entry(c, &at);
            }
        }
    }
    let mut row = table_row_of(letter, line)?;
    // The row's service without the list's mark ("B. Assistant surgeon").
    if row.service.span.offset == line.span.offset {
        let skip = mark_end.min(row.service.value.len());
        row.service = Spanned::new(
            row.service.value[skip..].to_string(),
            Span::new(
                row.service.span.offset + skip,
                row.service.span.length - skip,
            ),
        );
    }
    row.number = Some(number);
    Some((number, row))
}

/// A closing list of decisions in lines `from..to`, entries numbered or lettered 1, 2, ... each on a
/// line of its own and close after the one before ([`closing_entry`]): where its first entry stands,
/// and its rows. Only a list of two entries or more.
pub(super) fn closing_list(
    letter: &Letter<'_>,
    from: usize,
    to: usize,
) -> Option<(usize, Vec<TableRow>)> {
    let to = to.min(letter.lines.len());
    let mut rows: Vec<TableRow> = Vec::new();
    let mut first = 0;
    let mut last = 0;
    for k in from..to {
        let Some((number, row)) = closing_entry(letter, k) else {
            continue;
        };
        let follows = !rows.is_empty() && k - last <= CLOSING_ENTRY_REACH;
        if number == 1 {
            if rows.len() >= 2 {
                break;
            }
            rows.clear();
            first = k;
        } else if number != rows.len() + 1 || !follows {
            if rows.len() >= 2 {
                break;
            }
            rows.clear();
            continue;
        }
        rows.push(row);
        last = k;
    }
    (rows.len() >= 2).then_some((first, rows))
}

/// Most bytes between one entry of a list of decisions run together and the next: a rationale between
/// them makes them item headings, no list.
const RUN_ON_GAP: usize = 160;

/// The lines among `from..to` that hold a numbered list of decisions run together ([`RUN_ON_ENTRY`]):
/// reflowed, such a list puts some of its entries at the start of a line, or a service before a
/// decision word at a line's end ("2. Cognitive behavioral therapy, 4 additional sessions: UPHELD. Not"
/// / "medically necessary. 3. Acupuncture, 12 sessions: OVERTURNED."), where they are no items of
/// their own. Only a list of two entries or more, numbered 1, 2, ... each close after the one before,
/// with an entry within a line.
pub(super) fn run_on_list_lines(letter: &Letter<'_>, from: usize, to: usize) -> Vec<usize> {
    let to = to.min(letter.lines.len());
    if from >= to {
        return Vec::new();
    }
    let logical = letter.logical(from, to);
    let text = logical.as_str();
    let line_of = |at: usize| {
        from + letter.lines[from..to]
            .partition_point(|l| l.span.offset <= at)
            .saturating_sub(1)
    };
    let at_line_start = |at: usize| {
        let l = &letter.lines[line_of(at)];
        l.span.offset + (l.text.len() - l.text.trim_start().len()) == at
    };
    // Per entry of the list being read: where its number starts and its decision word ends, in the
    // letter, and where the word ends in `text`.
    let mut chain: Vec<(usize, usize, usize)> = Vec::new();
    let mut out = Vec::new();
    let close = |chain: &mut Vec<(usize, usize, usize)>, out: &mut Vec<usize>| {
        if chain.len() >= 2 && chain.iter().any(|&(at, _, _)| !at_line_start(at)) {
            let (first, last) = (chain[0].0, chain[chain.len() - 1].1);
            out.extend(line_of(first)..=line_of(last));
        }
        chain.clear();
    };
    for (n, c) in run_on_entries(text, &RUN_ON_ENTRY) {
        let (number, word) = (c.name("number").unwrap(), c.name("word").unwrap());
        let near = chain
            .last()
            .is_some_and(|&(_, _, end)| number.start().saturating_sub(end) <= RUN_ON_GAP);
        if !(n == chain.len() + 1 && (n == 1 || near)) {
            close(&mut chain, &mut out);
            if n != 1 {
                continue;
            }
        }
        chain.push((
            logical.original_span(number.range()).offset,
            logical.original_span(word.range()).end(),
            word.end(),
        ));
    }
    close(&mut chain, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// A row whose decision stands under its service, labelled: "Item 2 of 4   Platelet-rich plasma (PRP)
/// injection, left knee" / "Result: NOT MEDICALLY NECESSARY - the UR decision is upheld".
fn stacked_row(letter: &Letter<'_>, k: usize, to: usize) -> Option<TableRow> {
    // The label may stand apart from the service by a column's blanks alone.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:disputed\s+)?(?:item|service|request|issue)\s*#?\s*\d{1,2}(?:\s+of\s+\d{1,2})?(?:\s*[:.)\x{2013}\x{2014}-]\s*|\s{2,}|\t\s*)")
            .unwrap()
    });
    let line = &letter.lines[k];
    let label = LABEL.find(line.text)?;
    let service = line.text[label.end()..].trim_end();
    let next = letter.lines.get(k + 1).filter(|_| k + 1 < to)?;
    let indent = next.text.len() - next.text.trim_start().len();
    if service.is_empty()
        || super::names_decision_word(service)
        || !is_decision_label(&next.text[indent..])
    {
        return None;
    }
    let c = DECISION_LABEL.captures(&next.text[indent..])?;
    let word = super::decision_label_word(&c)?;
    let decision = super::label_decision_of(word.as_str())?;
    Some(TableRow {
        number: digits(label.as_str()),
        service: Spanned::new(
            service.to_string(),
            Span::new(line.span.offset + label.end(), service.len()),
        ),
        decision: Spanned::new(
            decision,
            Span::new(next.span.offset + indent + word.start(), word.len()),
        ),
    })
}

/// A decision stated as a sentence of its own, starting line `k` and wrapped over at most two more
/// lines: "The Claims Administrator's decision on repeat bilateral greater occipital nerve blocks is" /
/// "overturned.", "The UR decision regarding the lumbar MRI was upheld.", "The Claims Administrator's
/// decision to deny cognitive behavioral therapy, 6 additional sessions, is overturned.", or after the
/// service and a
/// colon: "TENS unit, 30-day rental: The Claims Administrator's decision is" / "overturned. The
/// requested treatment is medically necessary and appropriate.".
fn decision_sentence_row(letter: &Letter<'_>, k: usize, to: usize) -> Option<TableRow> {
    static SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^(?:the\s+)?(?:(?:claims\s+administrator|utilization\s+review|ur|carrier|insurer)(?:['\x{2019}]s)?\s+)?(?:decision|determination|denial|non-?certification)\s+(?:on|regarding|for|concerning|about|of|to\s+(?:deny|non-?certify|not\s+certify|modify))\s+(?:the\s+(?:request(?:ed)?\s+(?:for\s+)?)?|an?\s+)?(?P<service>[^.;:]{3,150}?),?\s+(?:is|was|has\s+been)\s+(?P<word>(?:partially\s+)?(?:upheld|overturned|reversed|affirmed))\s*(?:[.;].*)?$|^(?:(?P<number>\d{1,2})[.)]\s+)?(?P<named>[^:]{3,150}?):\s+(?:the\s+)?(?:claims\s+administrator|utilization\s+review|ur|carrier|insurer)(?:['\x{2019}]s)?\s+(?:decision|determination|denial|non-?certification)\s+(?:is|was|has\s+been)\s+(?P<said>(?:partially\s+)?(?:upheld|overturned|reversed|affirmed))\s*(?:[.;].*)?$")
            .unwrap()
    });
    // The sentence names the decision on its first line, or after the service's colon on the next.
    let text = letter.lines[k].text;
    if !text.contains(':')
        && !contains_ignore_ascii_case(text, "decision")
        && !contains_ignore_ascii_case(text, "determination")
        && !contains_ignore_ascii_case(text, "denial")
        && !contains_ignore_ascii_case(text, "certification")
    {
        return None;
    }
    let opens = k == 0
        || letter.lines[k].paragraph_break
        || letter.lines[k - 1].text.trim_end().ends_with(['.', ':']);
    if !opens {
        return None;
    }
    let mut end = k + 1;
    while end < to
        && end < k + 3
        && !letter.lines[end - 1].text.trim_end().ends_with('.')
        && !letter.lines[end].paragraph_break
    {
        end += 1;
    }
    let logical = letter.logical(k, end);
    let c = SENTENCE.captures(logical.as_str().trim_end())?;
    let service = c.name("service").or_else(|| c.name("named"))?;
    let word = c.name("word").or_else(|| c.name("said"))?;
    let decision = super::label_decision_of(word.as_str())?;
    Some(TableRow {
        number: c.name("number").and_then(|n| n.as_str().parse().ok()),
        service: Spanned::new(
            service.as_str().to_string(),
            logical.original_span(service.range()),
        ),
        decision: Spanned::new(decision, logical.original_span(word.range())),
    })
}

/// Most lines a service cell of a table extracted a cell a line may wrap over.
const CELL_LINES: usize = 3;

/// A row of a table the extraction wrote out a cell a line: its number alone on line `k`, the service
/// on the lines after it, then the decision alone ("3" / "Compounded cream: flurbiprofen 20%/" /
/// "gabapentin 6%, 180 gm" / "OVERTURNED").
fn cell_per_line_row(letter: &Letter<'_>, k: usize, to: usize) -> Option<TableRow> {
    let number_text = letter.lines[k].text.trim();
    if number_text.is_empty()
        || number_text.len() > 2
        || !number_text.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let number: usize = number_text.parse().ok()?;
    let lines = &letter.lines[k + 1..to.min(letter.lines.len())];
    let (decision_at, word, decision) =
        lines
            .iter()
            .take(CELL_LINES + 1)
            .enumerate()
            .find_map(|(at, l)| {
                let word = l.text.trim().trim_end_matches('.');
                decision_of(word).map(|decision| (at, word, decision))
            })?;
    let cells = &lines[..decision_at];
    // Each cell being short, the extraction may mark any of them as opening a paragraph.
    if cells.is_empty()
        || cells
            .iter()
            .any(|l| l.text.trim().bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let word_line = &lines[decision_at];
    let word_offset =
        word_line.span.offset + (word_line.text.len() - word_line.text.trim_start().len());
    let texts: Vec<&str> = cells.iter().map(|l| l.text.trim()).collect();
    let first = cells.first()?.span.offset;
    let last = cells.last()?;
    Some(TableRow {
        number: Some(number),
        service: Spanned::new(
            super::join_lines(&texts),
            Span::from_range(first..last.span.offset + last.text.trim_end().len()),
        ),
        decision: Spanned::new(decision, Span::new(word_offset, word.len())),
    })
}

/// The column `offset` stands in, on its line of `text`, in characters.
fn column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count()
}

/// How far a wrapped cell's line may start from its cell's column: a no-break space read as blanks
/// widens a run of blanks by one for each.
const COLUMN_SLACK: usize = 2;

/// Whether `next` goes on with the cell `cell` of the row above it: one cell alone on its line,
/// starting in the cell's column, in the same paragraph, ending no sentence, and no row of its own.
/// Only a cell after another (the row's number) has a column of its own: text under a first cell
/// may be anything that follows the table.
fn continues_cell(letter: &Letter<'_>, cell: &Spanned<String>, next: &Line<'_>) -> bool {
    let at = column(letter.text, cell.span.offset);
    at > 0
        && !next.paragraph_break
        && !next.text.contains("  ")
        && !next.text.contains(['|', '\t'])
        && !next.text.trim_end().ends_with(['.', ':', '?', '!'])
        && column(letter.text, next.span.offset).abs_diff(at) <= COLUMN_SLACK
        && table_row_of(letter, next).is_none()
}

/// The text `next` adds to the service cell of `row`, a row aligned with spaces with columns after its
/// decision: a line whose first cell stands in the service's column and whose other cells, if any,
/// stand in the columns after the decision ("     film #60                     p. 26-27").
fn trailing_columns_continuation(
    letter: &Letter<'_>,
    row: &TableRow,
    next: &Line<'_>,
) -> Option<Spanned<String>> {
    let cells = spaced_cells(next.text);
    let &(first_at, first) = cells.first()?;
    let at = |offset: usize| column(letter.text, next.span.offset + offset);
    let decision_column = column(letter.text, row.decision.span.offset);
    let in_service_column =
        at(first_at).abs_diff(column(letter.text, row.service.span.offset)) <= COLUMN_SLACK;
    let rest_after_decision = cells[1..]
        .iter()
        .all(|&(offset, _)| at(offset) + COLUMN_SLACK >= decision_column);
    (!next.paragraph_break
        && in_service_column
        && rest_after_decision
        && table_row_of(letter, next).is_none())
    .then(|| {
        Spanned::new(
            first.to_string(),
            Span::new(next.span.offset + first_at, first.len()),
        )
    })
}

/// The character a ruled row's cells are parted by: bars, or tabs ("1\tFunctional restoration
/// program\tNon-certified\tOverturned").
fn ruled_separator(text: &str) -> Option<char> {
    if text.contains('|') {
        Some('|')
    } else if text.matches('\t').count() >= 2 {
        Some('\t')
    } else {
        None
    }
}

/// The cells of a ruled line, empty ones kept, each with where its text starts in the line.
fn ruled_cells(text: &str, separator: char) -> Vec<(usize, &str)> {
    text.split(separator)
        .scan(0, |at, cell| {
            let start = *at;
            *at += cell.len() + 1;
            Some((start, cell))
        })
        .map(|(start, cell)| (start + (cell.len() - cell.trim_start().len()), cell.trim()))
        .collect()
}

/// The text `next` adds to the ruled row's service cell `service` (on line `row`): a line ruled the
/// same way whose only text stands in that cell ("|    | cervical spine      |        |").
fn ruled_continuation(
    row: &Line<'_>,
    service: &Spanned<String>,
    next: &Line<'_>,
    separator: char,
) -> Option<Spanned<String>> {
    let cells = ruled_cells(row.text, separator);
    let at = service.span.offset.checked_sub(row.span.offset)?;
    let column = cells.iter().position(|&(start, _)| start == at)?;
    let below = ruled_cells(next.text, separator);
    if below.len() != cells.len()
        || !below
            .iter()
            .enumerate()
            .all(|(k, (_, cell))| (k == column) != cell.is_empty())
    {
        return None;
    }
    let (start, text) = below[column];
    Some(Spanned::new(
        text.to_string(),
        Span::new(next.span.offset + start, text.len()),
    ))
}

/// The row line `line` states, if it is one.
fn table_row_of(letter: &Letter<'_>, line: &Line<'_>) -> Option<TableRow> {
    if let Some(separator) = ruled_separator(line.text) {
        return ruled_row(line, separator);
    }
    let cells = spaced_cells(line.text);
    if let Some(row) = spaced_row_with_guideline_column(line, &cells) {
        return Some(row);
    }
    if let Some(row) = spaced_row_with_review_column(line, &cells) {
        return Some(row);
    }
    if let Some(row) = spaced_row_with_trailing_columns(line, &cells) {
        return Some(row);
    }
    if let Some(row) = spaced_row_of_two_cells(line, &cells) {
        return Some(row);
    }
    if let Some(row) = flattened_row(line, letter.lowercase) {
        return Some(row);
    }
    if is_decision_label(line.text) {
        return None;
    }
    // A table may state the decision in the imperative ("OVERTURN", "UPHOLD").
    let c = if super::names_decision_word(line.text)
        || contains_ignore_ascii_case(line.text, "overturn")
        || contains_ignore_ascii_case(line.text, "uphold")
    {
        TABLE_ROW
            .captures(line.text)
            .or_else(|| ITEM_DASH.captures(line.text))
            .or_else(|| {
                let tight = if letter.lowercase {
                    &TABLE_ROW_TIGHT_LOWER
                } else {
                    &TABLE_ROW_TIGHT
                };
                tight.captures(line.text).filter(|c| {
                    let service = c.name("service").map_or("", |m| m.as_str());
                    !super::names_decision_word(service)
                        && !service.split(' ').any(|word| {
                            ["is", "was", "are", "were", "been", "be"]
                                .iter()
                                .any(|verb| word.eq_ignore_ascii_case(verb))
                        })
                })
            })?
    } else if contains_ignore_ascii_case(line.text, "edically") {
        TABLE_ROW_VERDICT.captures(line.text)?
    } else {
        return None;
    };
    let word = c.name("word")?;
    let mut service = c.name("service")?.range();
    // The utilization review's decision in a column of its own, one space from the reviewer's
    // ("EMG/NCV bilateral upper      Non-certified Overturned"), is none of the service.
    let cell = &line.text[service.clone()];
    if let Some(gap) = cell.trim_end().rfind("  ") {
        let head = cell[..gap].trim_end();
        if !head.is_empty() && cell_states_decision(cell[gap..].trim()) {
            service.end = service.start + head.len();
        }
    }
    let mut number = c.name("number").and_then(|m| digits(m.as_str()));
    // A row labelled as an item: "Item 1 – Right total hip arthroplasty – Overturned".
    if number.is_none() {
        if let Some(label) = super::SERVICE_LABEL.find(&line.text[service.clone()]) {
            if label.end() < service.len() {
                number = digits(label.as_str());
                service.start += label.end();
            }
        }
    }
    Some(TableRow {
        number,
        service: Spanned::new(
            line.text[service.clone()].to_string(),
            Span::new(line.span.offset + service.start, service.len()),
        ),
        decision: Spanned::new(
            super::label_decision_of(word.as_str())
                .or_else(|| imperative_decision(word.as_str()))
                .or_else(|| misread_verdict(word.as_str()))?,
            Span::new(line.span.offset + word.start(), word.len()),
        ),
    })
}

/// A numbered row whose columns a conversion flattened to single spaces, the decision a capitalised
/// word between the service and the guideline column: "1 Gabapentin 600 mg #90 Overturned MTUS
/// Chronic Pain, Antiepilepsy drugs, pp. 16-19". Prose reads otherwise: the service holds no verb and
/// whatever follows the decision names a guideline.
fn flattened_row(line: &Line<'_>, lowercase: bool) -> Option<TableRow> {
    static FLATTENED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"^(?P<number>\d{1,2})[.)]?\s+(?P<service>\S.{2,120}?)\s+(?P<word>Upheld|Overturned|UPHELD|OVERTURNED|Non-certified|NON-CERTIFIED|Certified|CERTIFIED|Partially\s+Overturned|PARTIALLY\s+OVERTURNED)(?:\s+(?P<rest>\S.*?))?\s*$")
            .unwrap()
    });
    // A letter lower-cased whole has lost the capital that sets the decision word apart.
    static FLATTENED_LOWER: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"^(?P<number>\d{1,2})[.)]?\s+(?P<service>\S.{2,120}?)\s+(?P<word>upheld|overturned|non-certified|certified|partially\s+overturned)(?:\s+(?P<rest>\S.*?))?\s*$")
            .unwrap()
    });
    static GUIDELINE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)\b(?:mtus|odg|acoem|guidelines?|chapter|ch\.|pp?\.|pages?|official\s+disability|\x{a7})")
            .unwrap()
    });
    let text = line.text.trim_end();
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.contains(['\t', '|']) {
        return None;
    }
    let c = if lowercase {
        FLATTENED_LOWER.captures(line.text)?
    } else {
        FLATTENED.captures(line.text)?
    };
    let service = c.name("service")?;
    let word = c.name("word")?;
    // Columns set apart by blanks, or a dash before the decision, are read as such.
    if line.text[..word.end()].contains("  ")
        || !service
            .as_str()
            .ends_with(|c: char| c.is_alphanumeric() || c == ')')
    {
        return None;
    }
    let verb = super::holds_word(
        service.as_str(),
        &["is", "was", "are", "were", "been", "be", "has", "had"],
    );
    if verb
        || super::names_decision_word(service.as_str())
        || c.name("rest")
            .is_some_and(|rest| !GUIDELINE.is_match(rest.as_str()))
    {
        return None;
    }
    Some(TableRow {
        number: c.name("number").and_then(|m| digits(m.as_str())),
        service: Spanned::new(
            service.as_str().to_string(),
            Span::new(line.span.offset + service.start(), service.len()),
        ),
        decision: Spanned::new(
            super::label_decision_of(word.as_str())?,
            Span::new(line.span.offset + word.start(), word.len()),
        ),
    })
}

/// The decision a verdict column states with a scan's misread letters ("rnedically necessaiy").
fn misread_verdict(word: &str) -> Option<Decision> {
    let not = word.len() > 4 && word.as_bytes()[..4].eq_ignore_ascii_case(b"not ");
    contains_ignore_ascii_case(word, "edically").then_some(if not {
        Decision::Upheld
    } else {
        Decision::Overturned
    })
}

/// The decision a table states in the imperative: "OVERTURN", "Uphold".
fn imperative_decision(word: &str) -> Option<Decision> {
    if word.eq_ignore_ascii_case("uphold") {
        Some(Decision::Upheld)
    } else if word.eq_ignore_ascii_case("overturn") {
        Some(Decision::Overturned)
    } else {
        None
    }
}

/// A table row ruled with bars (or with its cells a tab apart): "1 | MRI of the lumbar spine | Not
/// medically necessary", the decision in its last cell in any of a decision line's words. A column of
/// the utilization review's determination may stand between the service and the decision ("1 | X |
/// Non-certified | Overturned").
fn ruled_row(line: &Line<'_>, separator: char) -> Option<TableRow> {
    let cells: Vec<(usize, &str)> = ruled_cells(line.text, separator)
        .into_iter()
        .filter(|(_, cell)| !cell.is_empty())
        .collect();
    // A column of the guidelines relied upon before the decision ("1<tab>Tramadol ER 150 mg
    // #30<tab>MTUS Chronic Pain ... Page(s): 76-80<tab>Overturned"), or after it: "| 1 | MRI of the
    // right knee | Overturned | MTUS ACOEM Ch. 13 |".
    spaced_row_with_guideline_column(line, &cells)
        .or_else(|| row_of_cells(line, &cells))
        .or_else(|| {
            let (_, last) = cells.last()?;
            GUIDELINE_CELL
                .is_match(last)
                .then(|| spaced_row_with_trailing_columns(line, &cells))
                .flatten()
        })
}

/// The cells of a row aligned with spaces, each with where it starts: runs of two or more spaces
/// part them ("1    MRI of the right shoulder         Non-certified   Overturned").
fn spaced_cells(text: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let mut start = None;
    let mut spaces = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b' ' {
            spaces += 1;
            if spaces == 2 {
                if let Some(s) = start.take() {
                    cells.push((s, text[s..i - 1].trim_end()));
                }
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        spaces = 0;
    }
    if let Some(s) = start {
        cells.push((s, text[s..].trim_end()));
    }
    cells
}

/// A cell naming the guideline a row's decision relied on: "MTUS CPMTG Glucosamine p. 50", "ODG Pain,
/// Medical food", "ACOEM Ch. 13".
static GUIDELINE_CELL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^(?:ca\s+)?(?:non-?\s*)?(?:mtus|odg|acoem|cpmtg|official\s+disability\s+guidelines)\b")
        .unwrap()
});

/// A row (aligned with spaces, or ruled) whose decision follows a column of the guidelines applied ("1
/// Glucosamine sulfate 1500 mg #30     MTUS CPMTG Glucosamine p. 50     Upheld"): read cell by cell,
/// since the guidelines would otherwise run on into the service.
fn spaced_row_with_guideline_column(line: &Line<'_>, cells: &[(usize, &str)]) -> Option<TableRow> {
    let [.., (_, service), (_, guideline), last] = cells[..] else {
        return None;
    };
    if !cell_states_decision(last.1)
        || !GUIDELINE_CELL.is_match(guideline)
        || GUIDELINE_CELL.is_match(service)
    {
        return None;
    }
    let mut kept = cells[..cells.len() - 2].to_vec();
    kept.push(last);
    row_of_cells(line, &kept)
}

/// A row aligned with spaces whose decision follows a column of the utilization review's
/// ("2    Right shoulder arthroscopy    Non-certified   Overturned"): read cell by cell, since the
/// review's decision would otherwise run on into the service.
fn spaced_row_with_review_column(line: &Line<'_>, cells: &[(usize, &str)]) -> Option<TableRow> {
    let [.., (_, review), (_, _)] = cells[..] else {
        return None;
    };
    if cells.len() < 3 || !cell_states_decision(review) {
        return None;
    }
    row_of_cells(line, cells)
}

/// A row (aligned with spaces, or ruled) with columns after its decision, such as the guidelines the reviewer
/// used: "2    Suboxone 8mg/2mg        Overturned      MTUS CPMTG Buprenorphine". The decision is the
/// last cell stating one; no cell after it does.
fn spaced_row_with_trailing_columns(line: &Line<'_>, cells: &[(usize, &str)]) -> Option<TableRow> {
    let (_, last) = cells.last()?;
    if cell_states_decision(last) {
        return None;
    }
    let decision = (1..cells.len() - 1)
        .rev()
        .find(|&k| cell_states_decision(cells[k].1))?;
    row_of_cells(line, &cells[..=decision])
}

/// A row of two columns aligned with spaces, the decision in another of a decision line's words than
/// "Upheld" or "Overturned": "Functional restoration prgm 160 hrs   Non-certified". The service names
/// at least two words, and a wide gap parts the cells, as a table's columns do.
fn spaced_row_of_two_cells(line: &Line<'_>, cells: &[(usize, &str)]) -> Option<TableRow> {
    // Rows in "Upheld" and "Overturned" are read below, with their numbers.
    if super::names_decision_word(line.text) {
        return None;
    }
    let [(service_at, service), (decision_at, decision)] = cells[..] else {
        return None;
    };
    let gap = decision_at.checked_sub(service_at + service.len())?;
    if gap < 3 || service.split_whitespace().count() < 2 || !cell_states_decision(decision) {
        return None;
    }
    row_of_cells(line, cells)
}

/// Whether a table cell states a decision in any of a decision line's words ("Upheld.",
/// "Non-certified").
fn cell_states_decision(cell: &str) -> bool {
    super::label_decision_of(cell.trim_end_matches('.')).is_some()
}

/// The row whose cells are `cells` (each with where it starts in the line): the decision in the last
/// cell, the service in the last cell before it that states no decision.
fn row_of_cells(line: &Line<'_>, cells: &[(usize, &str)]) -> Option<TableRow> {
    let [.., (word_at, word)] = cells[..] else {
        return None;
    };
    let &(service_at, service) = cells[..cells.len() - 1]
        .iter()
        .rev()
        .find(|(_, cell)| !cell_states_decision(cell))
        .filter(|(_, cell)| !cell.bytes().all(|b| b.is_ascii_digit()))?;
    // "Not Medically Necessary (UR Upheld)": the cell's verdict, or else what its parenthesis says;
    // "Upheld - not medically necessary": the verdict before a dash, or else the words after it.
    let word = word.trim_end_matches('.');
    let dashed = || {
        [" - ", " \u{2013} ", " \u{2014} "]
            .iter()
            .find_map(|dash| word.split_once(dash))
    };
    let decision = match word.split_once('(').or_else(dashed) {
        Some((verdict, aside)) => super::label_decision_of(verdict.trim())
            .or_else(|| super::label_decision_of(aside.trim_end_matches(')').trim())),
        None => super::label_decision_of(word),
    }?;
    let number = (cells.len() > 2).then(|| digits(cells[0].1)).flatten();
    Some(TableRow {
        number,
        service: Spanned::new(
            service.to_string(),
            Span::new(line.span.offset + service_at, service.len()),
        ),
        decision: Spanned::new(decision, Span::new(line.span.offset + word_at, word.len())),
    })
}

/// The number in a row's label ("1.", "(2)", "Item 3:").
fn digits(label: &str) -> Option<usize> {
    let start = label.find(|c: char| c.is_ascii_digit())?;
    let rest = &label[start..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// The table's row numbered `number`, when just one row has that number: a table numbering its rows
/// twice is not one a number can be trusted in.
fn numbered_row(rows: &[TableRow], number: usize) -> Option<&TableRow> {
    let mut numbered = rows.iter().filter(|row| row.number == Some(number));
    match (numbered.next(), numbered.next()) {
        (Some(row), None) => Some(row),
        _ => None,
    }
}

/// The service of the row numbered `number` in the last table of `rows` to have one: a letter may
/// list its items twice, in a determination table and again in a table with their guidelines.
pub(super) fn last_numbered_service(rows: &[TableRow], number: usize) -> Option<Spanned<String>> {
    rows.iter()
        .rev()
        .find(|row| row.number == Some(number))
        .map(|row| row.service.clone())
}

/// The service of the table's row numbered `number` (see [`numbered_row`]).
pub(super) fn numbered_service(rows: &[TableRow], number: usize) -> Option<Spanned<String>> {
    numbered_row(rows, number).map(|row| row.service.clone())
}

/// Whether the table's row numbered as the list number opening `heading` names every word after it
/// ("1. MRI of the right knee" for the row "1 | MRI of the right knee without contrast | Overturned").
pub(super) fn numbered_row_names(rows: &[TableRow], heading: &str) -> bool {
    let Some(number) = super::list_number(heading) else {
        return false;
    };
    digits(number.as_str())
        .and_then(|n| numbered_row(rows, n))
        .is_some_and(|row| row_names(std::slice::from_ref(row), &heading[number.end()..]))
}

/// The decision of the table's row numbered `number` (see [`numbered_row`]).
pub(super) fn numbered_decision(rows: &[TableRow], number: usize) -> Option<Spanned<Decision>> {
    numbered_row(rows, number).map(|row| row.decision.clone())
}

/// The decision the table gives the item at `index` (from 0) of `count` items, whose service is
/// `service` (see [`table_row`]).
pub(super) fn table_decision(
    rows: &[TableRow],
    index: usize,
    count: usize,
    service: &str,
) -> Option<Spanned<Decision>> {
    table_row(rows, index, count, service).map(|row| row.decision.clone())
}

/// The row of the table for the item at `index` (from 0) of `count` items, whose service is
/// `service`: the row that shares most of the service's words (of rows sharing as many, the one in
/// the item's place or numbered as it is, else the first), or, when no row shares half of them and
/// the table has a row for every item, the row in the item's place.
pub(super) fn table_row<'r>(
    rows: &'r [TableRow],
    index: usize,
    count: usize,
    service: &str,
) -> Option<&'r TableRow> {
    let wanted = words(service);
    let best = rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let shared = shared_words(&wanted, &words(&row.service.value));
            let in_place = k == index || row.number == Some(index + 1);
            (shared, in_place, std::cmp::Reverse(k), row)
        })
        .filter(|&(shared, ..)| !wanted.is_empty() && 2 * shared >= wanted.len())
        .max_by_key(|&(shared, in_place, first, _)| (shared, in_place, first));
    match best {
        Some((.., row)) => Some(row),
        None if rows.len() == count => rows.get(index),
        None => None,
    }
}

/// Whether some row of `rows` names `service` as a heading would: the same words, or every word of
/// the heading among the row's more (the row may add the request's details), in any order and form
/// ("Spine surgery consultation" names "Consultation with a spine surgeon").
pub(super) fn row_names(rows: &[TableRow], service: &str) -> bool {
    let wanted = words(service);
    !wanted.is_empty()
        && rows.iter().any(|row| {
            let have = words(&row.service.value);
            wanted.iter().all(|w| have.iter().any(|h| same_word(w, h)))
        })
}

/// Two forms of one word: the same, or sharing their first five letters ("surgery", "surgeon").
fn same_word(a: &str, b: &str) -> bool {
    const STEM: usize = 5;
    a == b
        || (a.len() >= STEM
            && b.len() >= STEM
            && a.as_bytes()[..STEM] == b.as_bytes()[..STEM]
            && a.bytes().take(STEM).all(|c| c.is_ascii_alphabetic()))
}

/// Whether `row` names the service a paragraph opens with: half its words or more, and half the
/// row's ("Repeat bilateral L4-5 ESI" names "Repeat bilateral L4-5 epidural steroid injection").
pub(super) fn row_matches(row: &TableRow, service: &str) -> bool {
    let (wanted, have) = (words(service), words(&row.service.value));
    let shared = shared_words(&wanted, &have);
    shared > 0 && 2 * shared >= wanted.len().min(have.len())
}

/// Whether `sentence` names `row`'s service by a word that tells it from the others: a word of the
/// service other than a side or a word every request shares ("right", "request", "sessions").
pub(super) fn row_named_in(row: &TableRow, sentence: &str) -> bool {
    let said = words(sentence);
    words(&row.service.value).iter().any(|w| {
        !matches!(
            w.as_str(),
            "right"
                | "left"
                | "bilateral"
                | "both"
                | "request"
                | "requested"
                | "treatment"
                | "sessions"
                | "visits"
                | "times"
                | "without"
                | "contrast"
                | "purchase"
                | "rental"
        ) && w.bytes().any(|b| b.is_ascii_alphabetic())
            && said.iter().any(|s| same_word(w, s))
    })
}

/// How many of the words `wanted` stand among `have`.
fn shared_words(wanted: &[String], have: &[String]) -> usize {
    wanted.iter().filter(|w| have.contains(w)).count()
}

/// The words of a service that tell it from another: lowercased, without the short words that join
/// them ("of", "the", "a").
fn words(service: &str) -> Vec<String> {
    service
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '/')
        .filter(|w| w.len() > 2 || w.bytes().any(|b| b.is_ascii_digit()))
        .filter(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "the" | "and" | "for" | "with"
            )
        })
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service_of(question: &str) -> Option<&str> {
        QUESTION
            .captures(question)
            .and_then(|c| c.name("service"))
            .map(|m| m.as_str())
    }

    fn read(text: &str) -> (crate::letter::Determination, Vec<String>) {
        let parsed = crate::letter::parse(&crate::source::Source::from_text("letter", text));
        let codes = parsed
            .diagnostics
            .iter()
            .map(|d| d.code.name().to_string())
            .collect();
        (parsed.determination.expect("a letter"), codes)
    }

    /// The items' services and decisions, in letter order.
    fn services_and_decisions(d: &crate::letter::Determination) -> Vec<(&str, Option<Decision>)> {
        d.items
            .iter()
            .map(|i| {
                (
                    i.service.value.as_str(),
                    i.decision.as_ref().map(|d| d.value),
                )
            })
            .collect()
    }

    /// Reads `text`, which must give no diagnostic.
    fn read_clean(text: &str) -> crate::letter::Determination {
        let (d, codes) = read(text);
        assert!(codes.is_empty(), "{codes:?}");
        d
    }

    fn decisions(d: &crate::letter::Determination) -> Vec<Option<Decision>> {
        d.items
            .iter()
            .map(|i| i.decision.as_ref().map(|d| d.value))
            .collect()
    }

    #[test]
    fn a_heading_names_a_row_in_other_words_forms() {
        let row = |service: &str| TableRow {
            number: None,
            service: Spanned::new(service.to_string(), crate::span::Span::new(0, 0)),
            decision: Spanned::new(
                crate::letter::Decision::Upheld,
                crate::span::Span::new(0, 0),
            ),
        };
        let rows = [row("Consultation with a spine surgeon"), row("Lumbar MRI")];
        assert!(row_names(&rows, "spine surgery consultation"));
        assert!(row_names(&rows, "MRI, lumbar"));
        // Words sharing fewer than five letters are other words.
        assert!(!row_names(&rows, "spine injection consultation"));
        assert!(!row_names(&rows, "cervical MRI"));
    }

    #[test]
    fn a_decision_in_the_words_of_the_question() {
        let text = "CASE SUMMARY\n\
            The worker hurt his knee.\n\n\
            ISSUES AND DETERMINATIONS\n\n\
            Is the request for left total knee arthroplasty medically necessary and appropriate?\n\
            Decision: Medically necessary and appropriate.\n\
            Rationale: All criteria are met. The request is medically necessary.\n\n\
            Is the request for a CPM unit rental medically necessary and appropriate?\n\
            Decision: Not medically necessary and appropriate.\n\
            Rationale: No stiffness risk is stated. It is not medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(d.items[0].service.value, "left total knee arthroplasty");
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_decision_sentence_wrapped_over_lines() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            ISSUES AND DETERMINATIONS\n\n\
            Issue 1: Is the request for a functional restoration program medically necessary and\n\
            appropriate?\n\
            Rationale: Every criterion is met.\n\n\
            Determination: The request is medically neces-\n\
            sary and appropriate. The prior\n\
            non-certification is overturned.\n\n\
            Issue 2: Is the request for baclofen 10 mg #90 medically necessary and appropriate?\n\
            Rationale: It has been taken for two years.\n\n\
            Determination: The request is not medically necessary\n\
            and appropriate. The prior non-certification is\n\
            upheld.\n";
        let d = read_clean(text);
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
        let word = |i: usize| &text[d.items[i].decision.as_ref().unwrap().span.range()];
        assert_eq!(word(0), "overturned");
        assert_eq!(word(1), "not medically necessary");
        assert_eq!(
            &text[d.items[1].rationale.unwrap().range()],
            "It has been taken for two years."
        );
    }

    #[test]
    fn a_decision_word_on_the_line_after_its_label() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Disputed Item and Issue: Is the requested lumbar MRI medically necessary?\n\n\
            Rationale: It is not medically necessary.\n\n\
            Decision:\n\
            Upheld\n";
        let d = read_clean(text);
        assert_eq!(d.items[0].service.value, "lumbar MRI");
        assert_eq!(decisions(&d), [Some(Decision::Upheld)]);
        assert_eq!(
            &text[d.items[0].rationale.unwrap().range()],
            "It is not medically necessary."
        );
    }

    #[test]
    fn an_item_labelled_with_its_service_and_unlabelled_prose_under_a_table() {
        let text = "SUMMARY OF DETERMINATIONS\n\
            Item  Disputed Treatment                          Determination  Guideline Relied Upon\n\
            1     Cervical epidural steroid injection,        Overturned     MTUS CPMTG, ESIs,\n\
            \x20     C6-7 interlaminar, under fluoroscopy                       pp. 46-47\n\
            2     Cyclobenzaprine 7.5 mg #60                  Upheld         MTUS CPMTG, p. 41\n\n\
            Clinical History\n\
            The worker hurt his neck lowering a transmission onto a bench in the shop in 2013.\n\n\
            Basis for Each Determination\n\
            Item 1: Cervical epidural steroid injection, C6-7 interla-\n\
            minar, under fluoroscopy\n\
            The MTUS allows an epidural steroid injection for radicular pain only when radiculopathy\n\
            is documented. The examination is normal. The request is medically necessary.\n\
            Determination: Overturned.\n\
            Item 2: Cyclobenzaprine 7.5 mg #60\n\
            The MTUS recommends cyclobenzaprine only as a short course, and he has taken it for two\n\
            years. The request is not medically necessary. Determination: Upheld.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "Cervical epidural steroid injection, C6-7 interlaminar, under fluoroscopy",
                "Cyclobenzaprine 7.5 mg #60"
            ]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
        let rationale = &text[d.items[1].rationale.unwrap().range()];
        assert!(rationale.starts_with("The MTUS recommends"), "{rationale}");
    }

    #[test]
    fn a_flattened_table_decides_items_labelled_with_a_dash_over_their_prose() {
        let text = "CLINICAL CASE SUMMARY\n\n\
            She has radicular pain and a locking right knee.\n\n\
            DETERMINATION SUMMARY\n\n\
            Item Requested service Determination Guideline applied\n\n\
            1 Gabapentin 600 mg #90 Overturned MTUS Chronic Pain, Antiepilepsy drugs, pp. 16-19\n\n\
            2 Zolpidem 10 mg #10 Upheld ODG Pain (Chronic), Insomnia treatment\n\n\
            RATIONALE BY ITEM\n\n\
            Item 1 \u{2013} Gabapentin 600 mg #90\n\n\
            Antiepilepsy drugs are recommended for neuropathic pain. Her pain fell from 8/10 to 5/10\n\
            with better sleep. Gabapentin is medically necessary.\n\n\
            Item 2 \u{2013} Zolpidem 10 mg #10\n\n\
            ODG recommends zolpidem for short-term treatment of insomnia. She has taken it for a\n\
            year. Zolpidem is not medically necessary.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(services, ["Gabapentin 600 mg #90", "Zolpidem 10 mg #10"]);
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_numbered_issue_label_its_service_and_a_decision_paragraph_before_the_blocks() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back lifting boxes.\n\n\
            Disputed Item and Issue 1\n\
            Physical therapy, 12 additional sessions, lumbar spine\n\n\
            The requested physical therapy is not medically necessary. The Utilization Review deci-\n\
            sion is upheld.\n\n\
            Guideline: MTUS Chronic Pain Medical Treatment Guidelines, pages 98-99.\n\n\
            Rationale: He has completed 10 sessions. The request is not medically necessary.\n\n\
            Disputed Item and Issue 2\n\
            Home health aide, 8 hours per day\n\n\
            The requested home health services are not medically necessary. The Utilization Review\n\
            decision is upheld.\n\n\
            Guideline: MTUS Chronic Pain Medical Treatment Guidelines, page 51.\n\n\
            Rationale: He drives himself. The request is not medically necessary.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "Physical therapy, 12 additional sessions, lumbar spine",
                "Home health aide, 8 hours per day"
            ]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Upheld), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn an_issue_of_medical_necessity_and_a_wrapped_guidelines_block_before_the_decision() {
        let text = "CASE SUMMARY\n\
            The worker hurt her back.\n\n\
            Disputed Item and Issue 1\n\n\
            Disputed Item: Repeat radiofrequency ablation, bilateral L3-4 and L4-5\n\
            Issue: Medical necessity of a repeat lumbar facet neurotomy\n\
            Guidelines: ODG Low Back - Lumbar & Thoracic (Acute & Chronic), Facet joint radiofrequency\n\
            neurotomy, criteria for repeat neurotomy; MTUS ACOEM Practice Guidelines, Low Back Disorders\n\
            (2016 and later), Radiofrequency neurotomy\n\
            Determination: OVERTURNED\n\
            Rationale: The first procedure gave 80% relief for eight months. It is medically necessary.\n\n\
            Disputed Item and Issue 2\n\n\
            Disputed Item: Meloxicam 15 mg #30\n\
            Issue: Medical necessity of an oral NSAID\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pages 67-68; NSAIDs, GI\n\
            symptoms & cardiovascular risk, pages 68-69\n\
            Determination: UPHELD\n\
            Rationale: She had a bleeding ulcer. It is not medically necessary.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "Repeat radiofrequency ablation, bilateral L3-4 and L4-5",
                "Meloxicam 15 mg #30"
            ]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_necessity_verdict_with_the_review_outcome_in_parentheses() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Disputed Item and Issue: Is chiropractic treatment of the lumbar spine, 6 visits, medically\n\
            necessary and appropriate?\n\
            Decision: Medically necessary and appropriate (Overturned).\n\
            Rationale: A trial of six visits is recommended. The request is medically necessary.\n\n\
            Disputed Item and Issue: Is a TENS unit, purchase, medically necessary and appropriate?\n\
            Decision: Not medically necessary (Upheld).\n\
            Rationale: No trial was done. The request is not medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn numbered_issues_and_numbered_questions() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            ISSUES AND DETERMINATIONS\n\
            ISSUE 1: Is the requested purchase of a TENS unit medically necessary?\n\
            DETERMINATION: UPHELD\n\
            Rationale: No trial was done. The request is not medically necessary.\n\n\
            2. Is the requested work hardening program, 10 sessions, medically necessary?\n\
            DECISION: OVERTURNED\n\
            Rationale: The criteria are met. The request is medically necessary.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "purchase of a TENS unit",
                "work hardening program, 10 sessions"
            ]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
        // A numbered question inside a rationale, with no decision or block after it, is no item.
        assert!(list_number("1. Is the pain radicular?").is_some());
    }

    #[test]
    fn a_question_s_number_may_be_glued_to_it() {
        let text = "IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            1. Is onabotulinumtoxinA 155 units medically necessary and appropriate?\n\n\
            Rationale: Three preventive agents failed. The request is medically necessary.\n\n\
            Determination: Medically necessary. The denial is overturned.\n\n\
            2.Is butalbital/acetaminophen/caffeine 50/325/40 mg #120 medically necessary\n\
            and appropriate?\n\n\
            Rationale: Barbiturate-containing analgesics are not recommended.\n\n\
            Determination: Not medically necessary. The denial is upheld.\n";
        let (d, _) = read(text);
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
        assert_eq!(
            d.items[1].service.value,
            "butalbital/acetaminophen/caffeine 50/325/40 mg #120"
        );
        // A strength is no glued number.
        assert!(list_number("2.5 mg of lorazepam").is_none());
        assert_eq!(list_number("2.Naproxen").map(|m| m.end()), Some(2));
    }

    #[test]
    fn an_issue_numbered_of_a_count_states_its_own_decision() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\n\
            ISSUE 1 OF 2:  Naloxone 4 mg nasal spray #2 is medically necessary and appropriate.\n\n\
            Decision rationale: He takes 90 mg of morphine equivalents a day. The request is medically necessary.\n\n\
            ISSUE 2 OF 2: Compounded cream (flurbiprofen 20%, gabapentin 6%), 240 g, is not\n\
            medically necessary and appropriate.\n\n\
            Decision rationale: Gabapentin is not recommended for topical use. The request is not medically necessary.\n\n\
            Final Determination: PARTIAL OVERTURN\n";
        let (d, _) = read(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "Naloxone 4 mg nasal spray #2",
                "Compounded cream (flurbiprofen 20%, gabapentin 6%), 240 g"
            ]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn in_a_letter_in_lower_case_a_service_ends_before_the_utilization_review_s_decision() {
        let text = "case summary\n\nthe worker had a cervical fusion.\n\n\
            issue 1 of 1\n\n\
            requested treatment: aspen cervical collar, postoperative\n\n\
            utilization review determination: non-certified\n\n\
            imr decision: the requested service is not medically necessary. the utilization review\n\
            determination is upheld.\n\n\
            reviewer's rationale:\n\n\
            odg does not recommend a collar after a single-level fusion.\n";
        let (d, _) = read(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(services, ["aspen cervical collar, postoperative"]);
        assert_eq!(decisions(&d), [Some(Decision::Upheld)]);
    }

    #[test]
    fn a_numbered_service_with_its_citation_block_takes_the_table_s_decision() {
        let text = "The following determinations were made:\n\
            1.  Front-wheeled walker (purchase) \u{2013} OVERTURNED. Medically necessary.\n\
            2.  Shower chair (purchase) \u{2013} UPHELD. Not medically necessary.\n\n\
            CLINICAL CASE SUMMARY\n\
            The worker has knee arthritis.\n\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1. Front-wheeled walker (purchase)\n\
            MAXIMUS guideline: ODG Knee & Leg, Walking aids.\n\
            Decision rationale: She falls without it. The walker is medically necessary.\n\n\
            2. Shower chair (purchase)\n\
            MAXIMUS guideline: ODG Knee & Leg, Durable medical equipment.\n\
            Decision rationale: A convenience item. It is not medically necessary.\n";
        let d = read_clean(text);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            ["Front-wheeled walker (purchase)", "Shower chair (purchase)"]
        );
        assert_eq!(
            decisions(&d),
            [Some(Decision::Overturned), Some(Decision::Upheld)]
        );
    }

    #[test]
    fn a_numbered_service_states_its_verdict_after_a_colon_over_its_citation_block() {
        let text = "CLINICAL CASE SUMMARY\n\
            She had a meniscectomy and takes acetaminophen.\n\n\
            1. Additional physical therapy x 6 sessions for the left knee: medically necessary\n\
            Guideline used: California MTUS Postsurgical Treatment Guidelines, Knee.\n\
            Rationale: She has made gains. The request is medically necessary.\n\n\
            2. Acupuncture 2x3 for the left knee: not medically necessary\n\
            Guideline used: California MTUS Acupuncture Medical Treatment Guidelines.\n\
            Rationale: The request is not medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(
            services_and_decisions(&d),
            [
                (
                    "Additional physical therapy x 6 sessions for the left knee",
                    Some(Decision::Overturned)
                ),
                ("Acupuncture 2x3 for the left knee", Some(Decision::Upheld)),
            ]
        );
    }

    #[test]
    fn a_sentence_s_last_word_wrapped_onto_its_own_line_is_no_item_label() {
        // "items." ends the summary's sentence; the first item is the question below.
        let text = "CLINICAL CASE SUMMARY\n\n\
            She has shoulder pain. A request for mileage reimbursement was submitted with the other\n\
            items.\n\n\
            Utilization review of 03/08/2019 non-certified MRI of the left shoulder, x-rays of the left\n\
            shoulder and mileage reimbursement.\n\n\
            DISPUTED ITEMS AND DETERMINATIONS\n\n\
            1. Is MRI of the left shoulder without contrast medically necessary and appropriate?\n\n\
            Decision: The request is not medically necessary and appropriate. The denial is upheld.\n\n\
            Guideline: MTUS ACOEM Chapter 9, Shoulder Complaints, pages 207-209.\n\n\
            Rationale: There is no red flag. The request is not medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(
            services_and_decisions(&d),
            [(
                "MRI of the left shoulder without contrast",
                Some(Decision::Upheld)
            )]
        );
    }

    #[test]
    fn an_issue_label_over_the_question_alone_names_the_service_it_asks_about() {
        let text = "CLINICAL CASE SUMMARY\n\
            She is four weeks out from a lumbar fusion and may not climb stairs.\n\n\
            Disputed Item and Issue 1\n\
            Whether a 3-in-1 bedside commode is medically necessary.\n\
            Decision: The UR determination is overturned. The commode is medically necessary.\n\
            Guideline: ODG, Knee & Leg (Acute & Chronic), Durable medical equipment (DME).\n\
            Rationale: She is confined to the first floor. A commode is required.\n\n\
            Disputed Item and Issue 2\n\
            Whether home nursing visits three times per week for two weeks are medically necessary.\n\
            Decision: The UR determination is upheld. The visits are not medically necessary.\n\
            Guideline: ODG, Low Back, Home health services.\n\
            Rationale: She is not homebound.\n";
        let d = read_clean(text);
        assert_eq!(
            services_and_decisions(&d),
            [
                ("3-in-1 bedside commode", Some(Decision::Overturned)),
                (
                    "home nursing visits three times per week for two weeks",
                    Some(Decision::Upheld)
                ),
            ]
        );
    }

    #[test]
    fn a_question_s_words_may_be_glued_to_its_service_and_verdict() {
        assert_eq!(
            service_of("Is OxyContin 20mg #60medically necessary and appropriate?"),
            Some("OxyContin 20mg #60")
        );
        assert_eq!(
            service_of("Is Norco 10/325mg#120 medically necessary andappropriate?"),
            Some("Norco 10/325mg#120")
        );
    }

    #[test]
    fn a_table_row_may_say_what_its_decision_means() {
        let rows = |line: &str| TABLE_ROW.captures(line).map(|c| c["word"].to_string());
        assert_eq!(
            rows("2.  Shower chair (purchase) \u{2013} UPHELD. Not medically necessary."),
            Some("UPHELD".to_string())
        );
        assert_eq!(
            rows("1. Front-wheeled walker - Overturned; medically necessary and appropriate."),
            Some("Overturned".to_string())
        );
        assert_eq!(
            rows("Upheld means the treatment was found not medically necessary."),
            None
        );
    }

    #[test]
    fn a_table_row_decides_an_item_in_its_place_when_no_row_names_it() {
        let text = "Disputed treatment          Final Determination\n\
            Magnetic resonance imaging   Upheld\n\
            Opioid analgesic             Overturned\n\n\
            CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Disputed Item and Issue: Is the requested lumbar MRI medically necessary?\n\
            Rationale: It is not medically necessary.\n\n\
            Disputed Item and Issue: Is the requested Norco 10/325mg #60 medically necessary?\n\
            Rationale: It is medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(
            decisions(&d),
            [Some(Decision::Upheld), Some(Decision::Overturned)]
        );
    }

    #[test]
    fn an_item_no_line_decides_is_flagged() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Disputed Item and Issue #1: Lumbar MRI\n\
            Rationale: It is not medically necessary.\n";
        let (d, codes) = read(text);
        assert_eq!(d.items[0].service.value, "Lumbar MRI");
        assert_eq!(decisions(&d), [None]);
        assert_eq!(codes, ["imr::unknown-decision"]);
    }

    #[test]
    fn a_question_starts_an_item_only_where_an_item_would() {
        // Inside a paragraph, or with no decision or block after it, a question is the rationale's.
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Item 1: Is the requested lumbar MRI medically necessary and appropriate?\n\
            Decision: Upheld\n\
            Rationale: The question is the one the\n\
            Is the requested lumbar MRI medically necessary?\n\
            Rationale: ... no, it is not.\n\n\
            Is the requested lumbar MRI medically necessary?\n\n\
            It is not medically necessary.\n";
        let d = read_clean(text);
        assert_eq!(d.items.len(), 1);
        assert_eq!(d.items[0].service.value, "lumbar MRI");
        assert_eq!(&text[d.items[0].service.span.range()], "lumbar MRI");
        assert_eq!(
            &text[d.items[0].decision.as_ref().unwrap().span.range()],
            "Upheld"
        );
    }

    #[test]
    fn a_reference_to_a_question_wrapped_to_a_line_s_start_is_no_item() {
        let text = "CASE SUMMARY\n\
            The worker hurt his back.\n\n\
            Question 1: Is the requested lumbar epidural steroid injection medically necessary?\n\
            Analysis: The injection is supported.\n\
            Answer: Overturned.\n\n\
            Question 2: Is the requested intravenous sedation medically necessary?\n\
            Analysis: The sedation accompanies the injection certified under\n\
            Question 1. Because the injection itself is medically necessary, the sedation with it\n\
            is medically necessary as well.\n\
            Answer: Overturned.\n";
        let d = read_clean(text);
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[1].service.value, "intravenous sedation");
    }

    #[test]
    fn a_question_names_its_service_without_the_words_around_it() {
        for (question, service) in [
            (
                "Is the requested L4-5 laminectomy medically necessary and appropriate?",
                "L4-5 laminectomy",
            ),
            (
                "Is a consultation with a spine surgeon medically necessary?",
                "consultation with a spine surgeon",
            ),
            (
                "Is an MRI of the lumbar spine medically necessary and appropriate?",
                "MRI of the lumbar spine",
            ),
            (
                "Are the requested 12 sessions of physical therapy medically necessary",
                "12 sessions of physical therapy",
            ),
            (
                "IS THE REQUEST FOR A CT SCAN MEDICALLY NECESSARY AND APPROPRIATE?",
                "CT SCAN",
            ),
            (
                "Is Norco 10/325mg #60 medically necessary?",
                "Norco 10/325mg #60",
            ),
            (
                "Is Lidoderm 5% patch #30 medically necessary for the low back?",
                "Lidoderm 5% patch #30",
            ),
        ] {
            assert_eq!(service_of(question), Some(service), "{question}");
        }
        for text in [
            "Is the request supported by the guidelines?",
            "This is medically necessary and appropriate?",
            "Is the requested MRI medically necessary and appropriate? It is.",
            "Is the MRI medically necessary for the low back pain he describes.",
        ] {
            assert_eq!(service_of(text), None, "{text}");
        }
    }

    #[test]
    fn a_count_glued_to_the_question_word() {
        assert!(asks(
            "Are6 sessions of postoperative physical therapy medically necessary?"
        ));
        assert_eq!(
            service_of("Are6 sessions of postoperative physical therapy medically necessary?"),
            Some("6 sessions of postoperative physical therapy")
        );
    }

    #[test]
    fn only_is_and_are_open_a_question() {
        assert!(asks("Is the requested MRI medically necessary?"));
        assert!(asks("ARE\tthe requested visits medically necessary?"));
        assert!(!asks("Isolated MRI"));
        assert!(!asks("Is"));
        assert!(!asks("The request is medically necessary."));
    }

    #[test]
    fn labels_alone_on_their_lines() {
        for line in [
            "Item 1",
            "ITEM 2:",
            "DISPUTED ITEM AND ISSUE",
            "Disputed Items and Issues",
            "Disputed Item and Issue #3:",
            "Issue 1.",
        ] {
            assert!(is_label_line(line), "{line}");
        }
        for line in [
            "Item 1: Lumbar MRI",
            "Disputed Item and Issue: Is the requested MRI medically necessary?",
            "Items reviewed were the following",
            "Decision: Upheld",
        ] {
            assert!(!is_label_line(line), "{line}");
        }
        assert_eq!(
            label("Disputed Item and Issue #1: Knee MRI"),
            Some((28, true))
        );
        assert_eq!(label("Item 2: Is the requested MRI"), Some((8, false)));
        assert_eq!(label("Is the requested MRI medically necessary?"), None);
    }

    #[test]
    fn a_numbered_row_is_found_by_its_number_once_only() {
        let text = "1. Lumbar MRI          Upheld\n\
            (2) Knee brace -- Overturned\n\
            3) Tramadol ER - Upheld\n\
            Chiropractic treatment    Overturned\n\
            4. Gym membership         Upheld\n\
            4) Pool therapy           Overturned\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = table_rows(&letter, 0, letter.lines.len());
        let numbers: Vec<Option<usize>> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), None, Some(4), Some(4)]);
        let decision = |number| numbered_decision(&rows, number).map(|d| d.value);
        assert_eq!(decision(1), Some(Decision::Upheld));
        assert_eq!(decision(2), Some(Decision::Overturned));
        assert_eq!(decision(3), Some(Decision::Upheld));
        // A number two rows share, or none has, names no row.
        assert_eq!(decision(4), None);
        assert_eq!(decision(5), None);
        assert_eq!(digits("Item 12: "), Some(12));
        assert_eq!(digits("Item: "), None);
    }

    #[test]
    fn table_rows_whose_column_states_the_verdict() {
        let text = "Disputed Item/Service                    Determination\n\
            2. Post-operative physical therapy, 12 sessions          Medically necessary and appropriate\n\
            3. Cold therapy unit, purchase                           Not medically necessary and appropriate\n\
            4. Bone growth stimulator, lumbar: not medically necessary and appropriate\n\
            5. L5-S1 fusion: rnedically necessaiy and\n\
            The walker is medically necessary\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let read: Vec<(Option<usize>, String, Decision)> =
            table_rows(&letter, 0, letter.lines.len())
                .into_iter()
                .map(|r| (r.number, r.service.value, r.decision.value))
                .collect();
        assert_eq!(
            read,
            [
                (
                    Some(2),
                    "Post-operative physical therapy, 12 sessions".to_string(),
                    Decision::Overturned
                ),
                (
                    Some(3),
                    "Cold therapy unit, purchase".to_string(),
                    Decision::Upheld
                ),
                (
                    Some(4),
                    "Bone growth stimulator, lumbar".to_string(),
                    Decision::Upheld
                ),
                (Some(5), "L5-S1 fusion".to_string(), Decision::Overturned),
            ]
        );
    }

    #[test]
    fn table_rows_run_together_or_labelled_as_items() {
        let text = "Treatment Determination\n\
            Repeat MRI of the cervical spine without contrastUpheld\n\
            EMG/NCV of the upper extremities Overturned\n\
            Item 4 \u{2013} Zolpidem 5 mg #10 \u{2013} Upheld (not medically necessary)\n\
            The request was Upheld\n\
            The decision is Upheld\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = table_rows(&letter, 0, letter.lines.len());
        let read: Vec<(Option<usize>, &str, Decision)> = rows
            .iter()
            .map(|r| {
                assert_eq!(text[r.service.span.range()], r.service.value);
                (r.number, r.service.value.as_str(), r.decision.value)
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    None,
                    "Repeat MRI of the cervical spine without contrast",
                    Decision::Upheld
                ),
                (
                    None,
                    "EMG/NCV of the upper extremities",
                    Decision::Overturned
                ),
                (Some(4), "Zolpidem 5 mg #10", Decision::Upheld),
            ]
        );
    }

    #[test]
    fn a_question_with_its_first_words_glued_still_asks() {
        assert!(asks(
            "Isthe request for an MRI of the lumbar spine medically necessary?"
        ));
        assert!(asks("Are the requested 12 visits medically necessary?"));
        assert!(!asks("Isaac Brown reports knee pain."));
    }

    /// Asserts the services and decisions of the table rows of `text`, a single-spaced table.
    fn assert_table_rows(text: &str, expected: &[(&str, Decision)]) {
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = table_rows(&letter, 0, letter.lines.len());
        let read: Vec<(&str, Decision)> = rows
            .iter()
            .map(|r| (r.service.value.as_str(), r.decision.value))
            .collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn ruled_table_rows_whose_decision_cell_goes_on_after_a_dash() {
        assert_table_rows(
            "|  #  | Disputed item / service                 | Determination                      |\n\
             |  1  | Hyperbaric oxygen therapy, 20 sessions  | Upheld - not medically necessary   |\n\
             |  2  | Norco 10/325 mg #90                     | Overturned \u{2013} medically necessary |\n",
            &[
                ("Hyperbaric oxygen therapy, 20 sessions", Decision::Upheld),
                ("Norco 10/325 mg #90", Decision::Overturned),
            ],
        );
    }

    #[test]
    fn table_rows_with_the_reviews_decision_one_space_before_the_reviewers() {
        assert_table_rows(
            "#  Disputed item/service           UR decision   IMR decision\n\
             1  EMG/NCV bilateral upper         Non-certified Overturned\n\
             2  Urine drug screen               Non-certified Upheld\n",
            &[
                ("EMG/NCV bilateral upper", Decision::Overturned),
                ("Urine drug screen", Decision::Upheld),
            ],
        );
    }

    #[test]
    fn table_rows_with_a_guideline_column_after_the_decision() {
        let text = "No.  Disputed Item/Service                            Determination   MAXIMUS Guideline(s)\n\
            1    Outpatient opioid detoxification program,        Overturned      MTUS CPMTG Detoxification\n\
            \x20    10 days                                                          p. 42; Weaning p. 124\n\
            2    Suboxone (buprenorphine/naloxone) 8mg/2mg        Overturned      MTUS CPMTG Buprenorphine\n\
            \x20    film #60                                                         p. 26-27\n\
            3    Functional restoration program x 80 hours        Upheld          MTUS CPMTG Chronic pain\n";
        assert_table_rows(
            text,
            &[
                (
                    "Outpatient opioid detoxification program, 10 days",
                    Decision::Overturned,
                ),
                (
                    "Suboxone (buprenorphine/naloxone) 8mg/2mg film #60",
                    Decision::Overturned,
                ),
                (
                    "Functional restoration program x 80 hours",
                    Decision::Upheld,
                ),
            ],
        );
    }

    #[test]
    fn table_rows_with_a_guideline_column_before_the_decision() {
        let text = "No.  Disputed Item/Service              Guideline(s) Applied                     Decision\n\
            1\u{a0} \u{a0}  Glucosamine sulfate 1500\u{a0} mg #30     MTUS CPMTG Glucosamine p. 50             Upheld\n\
            2    Sentra PM #60                       ODG Pain, Medical food                   Upheld\n\
            3    Capsaicin 0.025% cream 60 gm        Non-MTUS ODG Capsaicin                   Overturned\n";
        assert_table_rows(
            text,
            &[
                ("Glucosamine sulfate 1500\u{a0} mg #30", Decision::Upheld),
                ("Sentra PM #60", Decision::Upheld),
                ("Capsaicin 0.025% cream 60 gm", Decision::Overturned),
            ],
        );
        // Its columns parted by tabs or rules.
        let ruled = "Item\tService\tGuideline\tDecision\n\
            1\tTramadol ER 150 mg #30\tMTUS Chronic Pain Treatment Guidelines Opioids Page(s): 76-80\tOverturned\n\
            2 | Zolpidem 10 mg #30 | Non-MTUS ODG Pain (Chronic), Zolpidem (Ambien) | Upheld\n";
        assert_table_rows(
            ruled,
            &[
                ("Tramadol ER 150 mg #30", Decision::Overturned),
                ("Zolpidem 10 mg #30", Decision::Upheld),
            ],
        );
    }

    #[test]
    fn table_rows_set_apart_by_blanks_a_dash_or_dot_leaders() {
        let text = "Disputed treatment                     Final Determination\n\
            Radiofrequency ablation, right L4-5    Overturned\n\
            CT scan of the lumbar spine\t Upheld (not medically necessary)\n\
            2. Consultation with a spine surgeon -- Overturned\n\
            5) Pre-operative EKG ........................ OVERTURN\n\
            6     Gabapentin 300 mg #90                 Upheld - not medically necessary\n\
            The request was Upheld\n\
            Decision: Upheld\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let rows = table_rows(&letter, 0, letter.lines.len());
        let read: Vec<(&str, Decision, &str)> = rows
            .iter()
            .map(|r| {
                assert_eq!(text[r.service.span.range()], r.service.value);
                (
                    r.service.value.as_str(),
                    r.decision.value,
                    &text[r.decision.span.range()],
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "Radiofrequency ablation, right L4-5",
                    Decision::Overturned,
                    "Overturned"
                ),
                ("CT scan of the lumbar spine", Decision::Upheld, "Upheld"),
                (
                    "Consultation with a spine surgeon",
                    Decision::Overturned,
                    "Overturned"
                ),
                ("Pre-operative EKG", Decision::Overturned, "OVERTURN"),
                ("Gabapentin 300 mg #90", Decision::Upheld, "Upheld"),
            ]
        );
        // A row is found by the words it shares with the service, wherever it stands.
        let decision =
            |index, count, service| table_decision(&rows, index, count, service).map(|d| d.value);
        assert_eq!(
            decision(0, 6, "CT scan of lumbar spine without contrast"),
            Some(Decision::Upheld)
        );
        assert_eq!(
            decision(2, 6, "radiofrequency ablation at right L4-5 and L5-S1"),
            Some(Decision::Overturned)
        );
        // A service the table does not name takes the row in its place, only when every item has one.
        assert_eq!(decision(1, 5, "Knee brace"), Some(Decision::Upheld));
        assert_eq!(decision(1, 6, "Knee brace"), None);
    }

    #[test]
    fn rows_stacked_under_labels_and_a_closing_list_reflowed_into_a_paragraph() {
        let text = "YOUR IMR RESULTS\n\
            Item 1 of 2   Platelet-rich plasma (PRP) injection, left knee\n\
            \x20             Result: NOT MEDICALLY NECESSARY - the UR decision is upheld\n\
            Item 2 of 2   Home health aide, 4 hours/day\n\
            \x20             Result: MEDICALLY NECESSARY - the UR decision is overturned\n\
            \n\
            FINAL DETERMINATIONS\n\
            \n\
            1. Functional restoration program, 160 hours: PARTIALLY OVERTURNED. 80 hours are medically\n\
            necessary. 2. Gym membership, 6 months: UPHELD. Not medically necessary.\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let read = |rows: Vec<TableRow>| -> Vec<(Option<usize>, String, Decision)> {
            rows.into_iter()
                .map(|r| {
                    assert_eq!(text[r.service.span.range()], r.service.value);
                    (r.number, r.service.value, r.decision.value)
                })
                .collect()
        };
        assert_eq!(
            read(table_rows(&letter, 0, 5)),
            [
                (
                    Some(1),
                    "Platelet-rich plasma (PRP) injection, left knee".to_string(),
                    Decision::Upheld
                ),
                (
                    Some(2),
                    "Home health aide, 4 hours/day".to_string(),
                    Decision::Overturned
                ),
            ]
        );
        // "PARTIALLY OVERTURNED" leaves the request as submitted upheld.
        assert_eq!(
            read(run_on_rows(&letter, 5, letter.lines.len())),
            [
                (
                    Some(1),
                    "Functional restoration program, 160 hours".to_string(),
                    Decision::Upheld
                ),
                (
                    Some(2),
                    "Gym membership, 6 months".to_string(),
                    Decision::Upheld
                ),
            ]
        );
        // One entry alone is no list.
        assert!(run_on_rows(&letter, 0, 5).is_empty());
        // Entries whose decisions follow a dash: "1. Duloxetine 60mg #30 - Overturned. 2. H-wave home
        // trial - Upheld."
        let text = "SUMMARY OF DECISIONS: 1. Duloxetine 60mg #30 - Overturned. 2. H-wave home\n\
                    trial - Upheld.\n";
        let lines =
            crate::text::lines(text, Span::new(0, text.len()), crate::text::Spacing::Single);
        let letter = Letter::new(text, crate::text::Spacing::Single, lines);
        let rows: Vec<(String, Decision)> = run_on_rows(&letter, 0, letter.lines.len())
            .into_iter()
            .map(|r| (r.service.value, r.decision.value))
            .collect();
        assert_eq!(
            rows,
            [
                ("Duloxetine 60mg #30".to_string(), Decision::Overturned),
                ("H-wave home trial".to_string(), Decision::Upheld),
            ]
        );
    }

    #[test]
    fn items_lettered_as_a_list_with_their_blocks_below() {
        let text = "Summary of the case\n\n\
            He has low back pain and takes oxycodone and gabapentin.\n\n\
            Determinations\n\n\
            A. Oxycodone IR 30 mg #120\n\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
            Pain falls only from 9/10 to 8/10 and no functional improvement is documented. The UR\n\
            decision to modify this request for weaning is upheld.\n\n\
            B. Gabapentin 600 mg #90 for the burning\n\
            leg pain\n\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Antiepilepsy drugs, pages 16-19.\n\n\
            His neuropathic pain fell from 8/10 to 5/10 with the drug. The UR decision is reversed.\n";
        let (d, _) = read(text);
        assert_eq!(
            services_and_decisions(&d),
            [
                ("Oxycodone IR 30 mg #120", Some(Decision::Upheld)),
                (
                    "Gabapentin 600 mg #90 for the burning leg pain",
                    Some(Decision::Overturned)
                ),
            ]
        );
        assert!(d.case_summary.is_some());
        // In capitals, the wrapped part of a heading opens with a capital too.
        let capitals = text.replace(
            "B. Gabapentin 600 mg #90 for the burning\nleg pain",
            "B. GABAPENTIN 600 MG #90 FOR THE BURNING\nLEG PAIN",
        );
        let (d, _) = read(&capitals);
        assert_eq!(
            services_and_decisions(&d)[1],
            (
                "GABAPENTIN 600 MG #90 FOR THE BURNING LEG PAIN",
                Some(Decision::Overturned)
            )
        );
        // A closing list of decisions reflowed into a paragraph decides the items, and an entry the
        // reflow put at the start of a line is no item of its own.
        let listed = "Summary of the case\n\n\
            He has low back pain and has completed six sessions of therapy.\n\n\
            ISSUES AND RATIONALES\n\n\
            1. Acupuncture, 12 sessions\n\n\
            Guideline: MTUS Acupuncture Medical Treatment Guidelines.\n\n\
            Rationale: An initial trial is 3 to 6 treatments; 12 are requested.\n\n\
            2. Gym membership, 6 months\n\n\
            Guideline: ODG Low Back, Gym memberships.\n\n\
            Rationale: His home exercise program is effective and needs no equipment.\n\n\
            3. Duloxetine 60 mg #30\n\n\
            Guideline: MTUS Chronic Pain Medical Treatment Guidelines, Antidepressants.\n\n\
            Rationale: The records do not say when it was started.\n\n\
            FINAL DETERMINATIONS\n\n\
            1. Acupuncture, 12 sessions: OVERTURNED. Medically necessary. 2. Gym membership, 6\n\
            months: UPHELD. Not medically necessary.\n\
            3. Duloxetine 60 mg #30: UPHELD\n";
        let (d, _) = read(listed);
        assert_eq!(
            services_and_decisions(&d),
            [
                ("Acupuncture, 12 sessions", Some(Decision::Overturned)),
                ("Gym membership, 6 months", Some(Decision::Upheld)),
                ("Duloxetine 60 mg #30", Some(Decision::Upheld)),
            ]
        );
        // A heading as long as a wide letter's line opens its paragraph; a citation line after a
        // page number inside a block does not.
        let wide = "Summary of the case\n\n\
            She has chronic daily headache.\n\n\
            A. OnabotulinumtoxinA (Botox) 155 units, cranial and cervical injection for chronic migraine\n\n\
            Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Botulinum toxin, pages 25-26.\n\n\
            Discussion: The diary shows nine headache days a month. The request is not supported.\n\n\
            B. Urine drug screen\n\n\
            MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Drug testing Page(s):\n\
            43. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain Chapter, Urine\n\
            drug testing (UDT).\n\n\
            Discussion: She is at low risk and was tested a month ago. The request is not supported.\n";
        let (d, _) = read(wide);
        let services: Vec<&str> = d.items.iter().map(|i| i.service.value.as_str()).collect();
        assert_eq!(
            services,
            [
                "OnabotulinumtoxinA (Botox) 155 units, cranial and cervical injection for chronic migraine",
                "Urine drug screen"
            ]
        );
        // A letter lower-cased whole letters its items in lower case.
        let (d, _) = read(&text.to_lowercase());
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[0].service.value, "oxycodone ir 30 mg #120");
    }
}
