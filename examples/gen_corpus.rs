//! Builds a corpus of varied letters from the fixtures, for benchmarks and soak runs:
//! `cargo run --release --example gen_corpus -- 10000 target/corpus`.
//!
//! Each letter is a fixture with its dates shifted, quantities and names varied, sometimes its decision
//! and conclusion flipped together, and its spacing changed, so runs see realistic variety without any
//! real patient data.

use std::path::Path;

/// A small deterministic generator (xorshift64*), so the same N gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[path = "../benches/support/seed_letters.rs"]
mod seed_letters;

fn fixtures() -> Vec<String> {
    seed_letters::seed_letters()
        .into_iter()
        .map(|(_, text)| text)
        .collect()
}

fn vary(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_string();
    // Shift the years a letter states.
    let shift = rng.below(4) as i32;
    if shift > 0 {
        for year in (2007..=2015).rev() {
            out = out.replace(&year.to_string(), &(year + shift).to_string());
        }
    }
    // Vary quantities.
    for (from, choices) in [
        ("#90", ["#60", "#120", "#90"]),
        ("# 60", ["# 30", "# 90", "# 60"]),
        ("#30", ["#45", "#60", "#30"]),
    ] {
        let pick = choices[rng.below(3) as usize];
        out = out.replacen(from, pick, 1);
    }
    // Sometimes flip a decision together with its conclusion.
    if rng.below(5) == 0 {
        if let Some(at) = out.find(":  Upheld") {
            out.replace_range(at..at + ":  Upheld".len(), ":  Overturned");
            out = out.replacen("is not medically necessary", "is medically necessary", 1);
        }
    }
    // Sometimes typographic apostrophes and dashes, as word processors write them: non-ASCII text
    // takes other paths through the matchers, so the benchmark must see it.
    if rng.below(3) == 0 {
        out = out.replace('\'', "\u{2019}").replace(" - ", " \u{2013} ");
    }
    // Sometimes single-space the text, as other extractors do.
    if rng.below(3) == 0 {
        out = out
            .split('\n')
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .expect("usage: gen_corpus N DIR");
    let dir = args.next().expect("usage: gen_corpus N DIR");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("create the corpus directory");
    let fixtures = fixtures();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut bytes = 0usize;
    for i in 0..n {
        let base = &fixtures[rng.below(fixtures.len() as u64) as usize];
        let letter = vary(base, &mut rng);
        bytes += letter.len();
        // Spread files over subdirectories, as corpora are.
        let sub = dir.join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).expect("create a subdirectory");
        std::fs::write(sub.join(format!("letter-{i:06}.txt")), letter).expect("write a letter");
    }
    println!("{n} letters, {bytes} bytes, in {}", dir.display());
}
