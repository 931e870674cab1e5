//! Measures the built-in context lexicon on a labelled set:
//! `cargo run --example context_eval -- tests/context/labelled.jsonl [--errors]`.
//!
//! It also reads the tab-separated annotation files of the public NegEx / ConText evaluation
//! (`line number, condition, sentence, negation, temporality, experiencer`; e.g. the
//! `rsAnnotations-1-120-random.txt` of the NegEx project): any file not ending in `.jsonl`.

use imr_audit::context::measure::{measure, Labelled};
use imr_audit::rules::RuleBase;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: context_eval FILE.jsonl|FILE.tsv [--errors]");
    let show_errors = args.next().as_deref() == Some("--errors");
    let text = std::fs::read_to_string(&path).expect("read the labelled file");
    let (cases, skipped) = if path.ends_with(".jsonl") {
        let cases: Vec<Labelled> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("a labelled line"))
            .collect();
        (cases, 0)
    } else {
        annotations(&text)
    };
    let rules = RuleBase::embedded().expect("rules");
    let m = measure(&rules.context, &cases);
    print!("{} sentences", cases.len());
    if skipped > 0 {
        print!(" ({skipped} rows skipped: the condition is not in its sentence)");
    }
    print!("\n{m}");
    if show_errors {
        for id in &m.negation_errors {
            let case = cases.iter().find(|c| &c.id == id).unwrap();
            println!(
                "{id} expected negated={}: {} [target: {}]",
                case.negated, case.text, case.target
            );
        }
    }
}

/// Rows of a NegEx / ConText annotation file as labelled cases. The condition is looked up in its
/// sentence ignoring case and runs of whitespace; the target is the text found there.
fn annotations(text: &str) -> (Vec<Labelled>, usize) {
    let mut cases = Vec::new();
    let mut skipped = 0;
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [id, condition, sentence, negation, temporality, experiencer] = fields[..] else {
            continue;
        };
        let words: Vec<String> = condition.split_whitespace().map(regex::escape).collect();
        let found = regex::RegexBuilder::new(&words.join(r"\s+"))
            .case_insensitive(true)
            .build()
            .ok()
            .and_then(|r| r.find(sentence));
        let Some(found) = found.filter(|_| !words.is_empty()) else {
            skipped += 1;
            continue;
        };
        let status = negation.to_ascii_lowercase();
        cases.push(Labelled {
            id: format!("r{id}"),
            text: sentence.to_string(),
            target: found.as_str().to_string(),
            negated: status == "negated",
            undocumented: None,
            status: Some(status),
            temporality: match temporality.to_ascii_lowercase().as_str() {
                "recent" => Some("current".into()),
                "historical" => Some("historical".into()),
                "hypothetical" => Some("hypothetical".into()),
                _ => None,
            },
            experiencer: Some(
                if experiencer.eq_ignore_ascii_case("patient") {
                    "patient"
                } else {
                    "other"
                }
                .into(),
            ),
            guideline_statement: None,
        });
    }
    (cases, skipped)
}
