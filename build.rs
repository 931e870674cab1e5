// The default rule base and its tests are embedded from rules/; rebuild when any of it changes.
// The words the rule base is written in are gathered for the glued-word splitter: a word a rule
// reads must never be taken for two words glued together.
use std::collections::BTreeSet;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=docs/diagnostics");
    let mut words = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir("rules")
        .expect("rules/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("rule files are UTF-8");
        for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 3 {
                words.insert(word.to_ascii_lowercase());
            }
        }
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("rule_words.txt");
    let list: Vec<String> = words.into_iter().collect();
    std::fs::write(out, list.join("\n")).expect("OUT_DIR is writable");
}
