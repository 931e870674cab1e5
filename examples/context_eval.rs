//! Measures the built-in context lexicon on a labelled set:
//! `cargo run --example context_eval -- tests/context/labelled.jsonl [--errors]`.
//!
//! It also reads the annotation files of the public NegEx / ConText evaluation, tab- or
//! comma-separated, their columns found by the header's names (`Report No., Condition, Sentence,
//! Negation, Temporality, Experiencer`, e.g. the `rsAnnotations-1-120-random.txt` of the NegEx
//! project, or `Number, Report No., Concept, Sentence, Negation`): any file not ending in `.jsonl`.

use imr_audit::context::measure::{measure, negex_annotations, Labelled};
use imr_audit::rules::RuleBase;

/// An axis's name, its disagreements (id, value read) and the label a case expects on it.
type Axis<'m> = (
    &'static str,
    &'m [(String, &'static str)],
    fn(&Labelled) -> Option<&String>,
);

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
        negex_annotations(&text)
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
        let axes: [Axis<'_>; 2] = [
            ("temporality", &m.temporality_errors, |c| {
                c.temporality.as_ref()
            }),
            ("experiencer", &m.experiencer_errors, |c| {
                c.experiencer.as_ref()
            }),
        ];
        for (axis, errors, expected) in axes {
            for (id, read) in errors {
                let case = cases.iter().find(|c| &c.id == id).unwrap();
                let want = expected(case).map_or("", String::as_str);
                println!(
                    "{id} expected {axis} {want}, read {read}: {} [target: {}]",
                    case.text, case.target
                );
            }
        }
    }
}
