//! Measures the built-in context lexicon on a labelled JSON Lines file:
//! `cargo run --example context_eval -- tests/context/labelled.jsonl [--errors]`.

use imr_audit::context::measure::{measure, Labelled};
use imr_audit::rules::RuleBase;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: context_eval FILE.jsonl [--errors]");
    let show_errors = args.next().as_deref() == Some("--errors");
    let text = std::fs::read_to_string(&path).expect("read the labelled file");
    let cases: Vec<Labelled> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a labelled line"))
        .collect();
    let rules = RuleBase::embedded().expect("rules");
    let m = measure(&rules.context, &cases);
    print!("{} sentences\n{m}", cases.len());
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
