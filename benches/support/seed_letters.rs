//! The seed letters (the `.txt` files directly in `tests/fixtures`) with their paths, sorted: shared by
//! the benchmarks and the example programs.

use std::path::Path;

pub fn seed_letters() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("the fixtures directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a readable fixture");
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}
