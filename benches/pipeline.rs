//! Throughput of the pipeline stages on the fixture letters: parsing, checking, and assertion-context
//! evaluation. `cargo bench` reports letters per second (elements/s) and bytes per second.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use imr_audit::check;
use imr_audit::context::Cue;
use imr_audit::rules::RuleBase;
use imr_audit::source::Source;

#[path = "support/seed_letters.rs"]
mod seed_letters;

fn letters() -> Vec<(String, String)> {
    seed_letters::seed_letters()
}

fn pipeline(c: &mut Criterion) {
    let letters = letters();
    let bytes: usize = letters.iter().map(|(_, t)| t.len()).sum();
    let rules = RuleBase::embedded().unwrap();

    let mut group = c.benchmark_group("letters");
    group.throughput(Throughput::Elements(letters.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (name, text) in &letters {
                black_box(check::parse(Source::from_text(
                    name.as_str(),
                    text.as_str(),
                )));
            }
        })
    });
    group.bench_function("check", |b| {
        b.iter(|| {
            for (name, text) in &letters {
                black_box(check::check(
                    &rules,
                    Source::from_text(name.as_str(), text.as_str()),
                ));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("bytes");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("check", |b| {
        b.iter(|| {
            for (name, text) in &letters {
                black_box(check::check(
                    &rules,
                    Source::from_text(name.as_str(), text.as_str()),
                ));
            }
        })
    });
    group.finish();

    // One target evaluation: the sentence is scanned once, then each target asks for its context.
    let sentences = [
        ("No aberrant drug seeking behavior is discussed.", 3..33),
        (
            "Electro diagnostics on 4/18/2011 showed no evidence of lumbosacral radiculopathy.",
            68..81,
        ),
        (
            "The patient has a history of lumbar fusion and denies bowel or bladder dysfunction.",
            46..82,
        ),
        (
            "ODG guidelines require non-radicular back pain and facet joint tenderness.",
            51..74,
        ),
    ];
    let engine = &rules.context;
    let mut cues: Vec<Cue> = Vec::with_capacity(16);
    let mut group = c.benchmark_group("context");
    group.throughput(Throughput::Elements(sentences.len() as u64));
    group.bench_function("scan-and-assert", |b| {
        b.iter(|| {
            for (sentence, target) in &sentences {
                engine.scan(black_box(sentence), &mut cues);
                black_box(engine.assert(&cues, target.clone()));
            }
        })
    });
    group.bench_function("assert-only", |b| {
        let scanned: Vec<(Vec<Cue>, std::ops::Range<usize>)> = sentences
            .iter()
            .map(|(s, t)| {
                let mut cues = Vec::new();
                engine.scan(s, &mut cues);
                (cues, t.clone())
            })
            .collect();
        b.iter(|| {
            for (cues, target) in &scanned {
                black_box(engine.assert(cues, target.clone()));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
