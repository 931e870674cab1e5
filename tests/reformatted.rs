//! The same letters, reformatted the ways extractors and editors do: the items, decisions and verdicts
//! must not change.

mod common;

use common::*;

/// The seed's paragraphs, each as its list of printed lines.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.split('\n') {
        if line.is_empty() {
            continue;
        }
        if line.trim().is_empty() {
            out.push(Vec::new());
        } else {
            out.last_mut().unwrap().push(line.trim().to_string());
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

fn single_spaced_crlf(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|p| p.join("\r\n"))
        .collect::<Vec<_>>()
        .join("\r\n\r\n")
}

/// Single-spaced, then double-spaced again by an extractor that writes an empty line after every line,
/// blank or not: a blank line of the letter becomes three empty lines.
fn double_spaced_again(text: &str) -> String {
    single_spaced_crlf(text)
        .split("\r\n")
        .map(|line| format!("{line}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn unwrapped(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Each paragraph on one line, and an item's citation and rationale blocks run on after its service
/// line ("NORCO 10/325 MG, #90:  Upheld Claims Administrator guideline: ... Decision rationale: ...").
fn blocks_run_on(text: &str) -> String {
    let mut joined = unwrapped(text);
    for label in [
        "Claims Administrator guideline:",
        "MAXIMUS guideline:",
        "Maximus guideline:",
        "Decision rationale:",
    ] {
        joined = joined.replace(&format!("\n\n{label}"), &format!(" {label}"));
    }
    joined
}

fn rewrapped(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for paragraph in paragraphs(text) {
        let mut line = String::new();
        for word in paragraph.join(" ").split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
        out.push(String::new());
    }
    out.join("\n")
}

/// Apostrophes, quotation marks and number ranges as a word processor or an extractor prints them.
fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = true;
    let chars: Vec<char> = text.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(k + 1).copied();
        match c {
            '\'' if before.is_some_and(char::is_alphanumeric) => out.push('\u{2019}'),
            '"' => {
                out.push(if open { '\u{201c}' } else { '\u{201d}' });
                open = !open;
            }
            '-' if before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit()) =>
            {
                out.push('\u{2013}')
            }
            _ => out.push(c),
        }
    }
    out
}

/// A form feed where each page ends, as extractors print it before the next page's footer.
fn form_feeds(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.trim_start().starts_with("Page ") {
                format!("\x0c\n{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The seed with some of its spaces between words turned into tabs, no-break spaces and pairs of
/// spaces, as PDF extractors leave them.
fn irregular_blanks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut n = 0;
    for c in text.chars() {
        if c == ' ' {
            n += 1;
            out.push_str(match n % 7 {
                2 => "\u{a0}",
                4 => "\t",
                6 => "  ",
                _ => " ",
            });
        } else {
            out.push(c);
        }
    }
    out
}

fn summary(
    document: &imr_audit::check::Document,
) -> Vec<(
    String,
    Option<&'static str>,
    &'static str,
    Vec<&'static str>,
)> {
    let determination = document.determination.as_ref().expect("still a letter");
    determination
        .items
        .iter()
        .zip(&document.items)
        .map(|(item, evaluation)| {
            let mut codes: Vec<&'static str> = evaluation
                .diagnostics
                .iter()
                .map(|d| d.code.name())
                .collect();
            codes.sort_unstable();
            // The service as its words say it: a variant may change its case or its blanks.
            (
                item.service
                    .value
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
                item.decision.as_ref().map(|d| d.value.name()),
                evaluation.verdict.name(),
                codes,
            )
        })
        .collect()
}

/// Every item's finding values (truth and deciding region, and with `evidence` how many mentions
/// decided them).
fn finding_values(document: &imr_audit::check::Document, evidence: bool) -> Vec<Vec<String>> {
    document
        .items
        .iter()
        .map(|item| {
            item.extraction
                .values
                .iter()
                .map(|v| match evidence {
                    true => format!("{:?} {:?} {}", v.truth, v.region, v.evidence.len()),
                    false => format!("{:?} {:?}", v.truth, v.region),
                })
                .collect()
        })
        .collect()
}

/// An item's decision line ("NORCO 10/325 MG, #90:  Upheld"): the service and the decision.
fn decision_line(paragraph: &str) -> Option<(&str, &str)> {
    let (service, decision) = paragraph.rsplit_once(':')?;
    let decision = decision.trim();
    ["Upheld", "Overturned"]
        .iter()
        .any(|d| decision.eq_ignore_ascii_case(d))
        .then_some((service.trim(), decision))
}

fn is_heading(paragraph: &str) -> bool {
    paragraph.len() < 80
        && paragraph.chars().any(char::is_alphabetic)
        && !paragraph.chars().any(char::is_lowercase)
        && decision_line(paragraph).is_none()
}

const BLOCK_LABELS: [&str; 4] = [
    "Claims Administrator guideline:",
    "MAXIMUS guideline:",
    "Maximus guideline:",
    "Decision rationale:",
];

/// The seed's paragraphs, each on one line, with a heading printed above its paragraph ("CLINICAL
/// CASE SUMMARY" / "The expert reviewer ...") a paragraph of its own.
fn headed_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for lines in paragraphs(text) {
        let rest = match lines.split_first() {
            Some((first, rest)) if is_heading(first) && !rest.is_empty() => {
                out.push(first.clone());
                rest
            }
            _ => &lines[..],
        };
        out.push(rest.join(" "));
    }
    out
}

/// Re-typed in Markdown: headings in bold, each item a list entry with its decision in italics, its
/// blocks a nested list.
fn markdown(text: &str) -> String {
    headed_paragraphs(text)
        .iter()
        .map(|p| {
            if is_heading(p) {
                format!("**{p}**")
            } else if let Some((service, decision)) = decision_line(p) {
                format!("* **{service}:** *{decision}*")
            } else if BLOCK_LABELS.iter().any(|l| p.starts_with(l)) {
                format!("  - {p}")
            } else {
                p.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Re-typed with outline numbers: "2.0" before a heading, "2.3" before a paragraph or an item's
/// line, "2.3.1" before an item's blocks.
fn outline_numbered(text: &str) -> String {
    let (mut section, mut paragraph, mut block) = (0, 0, 0);
    headed_paragraphs(text)
        .iter()
        .map(|p| {
            if !p.starts_with(|c: char| c.is_ascii_uppercase()) {
                return p.clone();
            }
            if is_heading(p) {
                section += 1;
                paragraph = 0;
                format!("{section}.0 {p}")
            } else if BLOCK_LABELS.iter().any(|l| p.starts_with(l)) {
                block += 1;
                format!("{section}.{paragraph}.{block} {p}")
            } else {
                paragraph += 1;
                block = 0;
                format!("{section}.{paragraph} {p}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn reformatted_seeds_keep_their_items_and_verdicts() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(seed(prefix)).unwrap();
        let expected = summary(&check_text("original", &text));
        let variants = [
            ("single-spaced CRLF", single_spaced_crlf(&text)),
            ("one line per paragraph", unwrapped(&text)),
            (
                "single-spaced, then double-spaced with empty lines",
                double_spaced_again(&text),
            ),
            (
                "one line per paragraph, double-spaced with empty lines",
                unwrapped(&text).replace('\n', "\n\n"),
            ),
            ("rewrapped at 60 columns", rewrapped(&text, 60)),
            ("blocks run on after the service line", blocks_run_on(&text)),
            (
                "rewrapped at 40 columns, item lines wrapped too",
                rewrapped(&text, 40),
            ),
            ("rewrapped at 120 columns", rewrapped(&text, 120)),
            ("typographic quotes and dashes", typographic(&text)),
            ("all capitals", text.to_uppercase()),
            ("tabs, no-break and doubled spaces", irregular_blanks(&text)),
            (
                "ligatures, soft hyphens and zero-width spaces",
                text.replace("fi", "\u{fb01}")
                    .replace("fl", "\u{fb02}")
                    .replace("ation", "a\u{ad}tion")
                    .replace("ment", "\u{200b}ment"),
            ),
            // Its sentences no longer start with a capital.
            ("all lower case", text.to_lowercase()),
            ("form feeds before the page footers", form_feeds(&text)),
            ("re-typed in Markdown", markdown(&text)),
            ("outline numbers, single-spaced", outline_numbered(&text)),
            (
                "headings in title case",
                text.replace("CLINICAL CASE SUMMARY", "Clinical Case Summary")
                    .replace(
                        "IMR ISSUES, DECISIONS AND RATIONALES",
                        "IMR Issues, Decisions and Rationales",
                    ),
            ),
        ];
        for (name, variant) in variants {
            let actual = summary(&check_text(name, &variant));
            assert_eq!(actual, expected, "{prefix}, {name}");
        }
    }
}

#[test]
fn typographic_quotes_and_dashes_read_the_same_findings() {
    // Every finding, not only the verdict: a phrase written with an apostrophe ("the 4 A's") must be
    // found in a letter that prints it with a typographic one.
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(seed(prefix)).unwrap();
        let original = finding_values(&check_text("original", &text), true);
        let typeset = finding_values(&check_text("typographic", &typographic(&text)), true);
        assert_eq!(typeset, original, "{prefix}");
    }
}

/// The seed with the space after every "no", "the" and "of" before a lowercase word dropped, as
/// extractors drop spaces: "nofocal deficits", "ofthe lumbar spine".
fn glued(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(' ') {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let word = before
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        let next_lowercase = after[1..].starts_with(|c: char| c.is_ascii_lowercase());
        if !(matches!(word, "no" | "the" | "of") && next_lowercase) {
            out.push(' ');
        }
        rest = &after[1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn glued_words_read_the_same_findings() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(seed(prefix)).unwrap();
        let variant = glued(&text);
        assert!(variant.contains("ofthe") || variant.contains("nof") || variant.contains("thep"));
        let original = check_text("original", &text);
        let glued = check_text("glued", &variant);
        assert_eq!(summary(&glued), summary(&original), "{prefix}");
        assert_eq!(
            finding_values(&glued, false),
            finding_values(&original, false),
            "{prefix}"
        );
    }
}

/// The seed with one letter of every third word of seven letters or more, inside a line, misread as an
/// optical reader misreads it (t as f, e as c, i as l): "negafive", "rcported", "examlnation".
fn misread_letters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        let inside = after.starts_with([' ', ',', '.']) && out.ends_with(' ');
        let lower = word.bytes().all(|b| b.is_ascii_lowercase());
        let mut written = word.to_string();
        if word.len() >= 7 && inside && lower {
            count += 1;
            if count % 3 == 0 {
                if let Some((at, c)) = word
                    .char_indices()
                    .skip(2)
                    .find(|(_, c)| "tei".contains(*c))
                {
                    let misread = match c {
                        't' => "f",
                        'e' => "c",
                        _ => "l",
                    };
                    written.replace_range(at..at + 1, misread);
                }
            }
        }
        out.push_str(&written);
        rest = after;
    }
    out
}

#[test]
fn words_misread_by_a_letter_read_the_same_verdicts() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let text = std::fs::read_to_string(seed(prefix)).unwrap();
        let variant = misread_letters(&text);
        assert_ne!(variant, text);
        let original = check_text("original", &text);
        let misread = check_text("misread", &variant);
        assert_eq!(summary(&misread), summary(&original), "{prefix}");
    }
}

/// Letters of other layouts, lower-cased whole: headings run into their text or glued to it
/// ("clinical case summarythe expert reviewer"), a heading no capitals set off above the first item,
/// a section named in other words than its table row, a misread "0swestry" that must not bring a
/// capital back, and sentences glued at a period after a glued word.
#[test]
fn letters_lower_cased_whole_keep_their_items_and_verdicts() {
    let blind = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind");
    for letter in [
        "round14/04-lumbar-radiculopathy-2019.txt",
        "round22/07-lumbar-facet-rfa-2017.txt",
        "round30/05-lumbar-revision-fusion-scs-2018.txt",
        "round31/09-hwave-chiropractic-interferential-2014.txt",
        "round42/10-knee-viscosupplement-dental-2022.txt",
        // "isappropriate.the request ...": a glued word before a period glued to the next sentence.
        "round43/06-carpal-tunnel-2013-glued-typographic.txt",
        // The decisions listed after a narrative analysis, under headings no capitals set off.
        "round50/09-wrist-ctr-postop-ot-repeat-cervical-esi-diclofenac-gel-2021-narrative-numbered-list-at-end-wrap56-crlf-hyphenation.txt",
        // Numbered sections ("5. analysis") and entries numbered within them.
        "round30/11-knee-prp-heel-eswt-2024.txt",
    ] {
        let text = std::fs::read_to_string(blind.join(letter)).unwrap();
        let expected = summary(&check_text("original", &text));
        let actual = summary(&check_text("lower case", &text.to_lowercase()));
        assert_eq!(actual, expected, "{letter}");
    }
}

/// A letter in capitals whole, whose items are questions with their rationale unlabelled after them:
/// a line in capitals no longer makes the next one open a paragraph, so the rationale's closing
/// sentence before its guidelines is no item of its own.
#[test]
fn question_items_in_capitals_keep_their_items_and_verdicts() {
    let blind = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blind");
    let letter = "round44/09-hip-tha-aquatic-hospital-bed-2021-wrap61-nbsp-formfeed.txt";
    let text = std::fs::read_to_string(blind.join(letter)).unwrap();
    let expected = summary(&check_text("original", &text));
    assert_eq!(expected.len(), 4);
    let actual = summary(&check_text("capitals", &text.to_uppercase()));
    assert_eq!(actual, expected, "{letter}");
}

#[test]
fn decisions_listed_after_a_narrative_keep_their_items_and_verdicts() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/layouts/final-list-2022-narrative-decisions-listed-last.txt"),
    )
    .unwrap();
    let expected = summary(&check_text("original", &text));
    assert_eq!(expected.len(), 3, "{expected:?}");
    // Without capitals to tell its headings, the letter's sections are the short lines standing
    // alone as paragraphs.
    let variants = [
        ("all capitals", text.to_uppercase()),
        ("all lower case", text.to_lowercase()),
        ("double-spaced with empty lines", text.replace('\n', "\n\n")),
        ("CRLF", text.replace('\n', "\r\n")),
        ("typographic quotes and dashes", typographic(&text)),
        ("tabs, no-break and doubled spaces", irregular_blanks(&text)),
    ];
    for (name, variant) in variants {
        let actual = summary(&check_text(name, &variant));
        assert_eq!(actual, expected, "{name}");
    }
}
