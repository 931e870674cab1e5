//! Prints peak resident memory as a run proceeds, to confirm it does not grow with the corpus:
//! `cargo run --release --example memory_probe -- DIR`.

use imr_audit::batch::{self, RunOptions};
use imr_audit::rules::RuleBase;

// The allocator the command-line tool uses, set as it sets it, so the figures are the tool's.
#[global_allocator]
static ALLOCATOR: imr_audit::allocator::MiMalloc = imr_audit::allocator::MiMalloc;

fn main() {
    imr_audit::allocator::keep_freed_memory();
    let dir = std::env::args().nth(1).expect("usage: memory_probe DIR");
    let rules = RuleBase::embedded().unwrap();
    let inputs = batch::expand_inputs(&[dir.into()]);
    let mut seen = 0usize;
    let options = RunOptions {
        window: 64,
        ..RunOptions::default()
    };
    let mut writer = imr_audit::report::stream::StreamWriter::new(
        std::io::sink(),
        imr_audit::report::stream::Format::Jsonl,
        &rules,
        imr_audit::report::human::HumanOptions::default(),
    )
    .unwrap();
    batch::run(
        &rules,
        &inputs,
        &options,
        None,
        |d| writer.document(d),
        || {
            seen += 1;
            if seen % 2000 == 0 {
                println!("{seen} letters: peak {} KiB", batch::peak_memory_kib());
            }
        },
    )
    .unwrap();
}
