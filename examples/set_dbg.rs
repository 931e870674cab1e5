fn main() {
    let pats: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string("/tmp/pats.json").unwrap()).unwrap();
    let conv = |f: &dyn Fn(&str) -> String| -> Vec<String> {
        pats.iter()
            .map(|p| f(&imr_audit::pattern::ascii_word_boundaries(p)))
            .collect()
    };
    let re = regex::Regex::new(r"\{(\d*),\d+\}\??").unwrap();
    let re6 = regex::Regex::new(r"\{(\d*),(?:[6-9]|\d\d+)\}\??").unwrap();
    let variants: Vec<(&str, Vec<String>)> = vec![
        ("as is", conv(&|p| p.to_string())),
        (
            "counters unbounded",
            conv(&|p| re.replace_all(p, "{$1,}").into_owned()),
        ),
        (
            "unbounded >=6",
            conv(&|p| re6.replace_all(p, "{$1,}").into_owned()),
        ),
    ];
    let mut texts = vec![];
    for e in walk("/tmp/corpus") {
        texts.push(std::fs::read_to_string(e).unwrap());
        if texts.len() >= 2000 {
            break;
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    for (name, v) in variants {
        for (i, p) in v.iter().enumerate() {
            if let Err(e) = regex::bytes::Regex::new(p) {
                println!("{i} {e}");
            }
        }
        let set = regex::bytes::RegexSetBuilder::new(&v)
            .size_limit(1 << 28)
            .dfa_size_limit(1 << 27)
            .build()
            .unwrap();
        for round in 0..2 {
            let t = std::time::Instant::now();
            let mut m = 0;
            for x in &texts {
                m += set.matches(x.as_bytes()).iter().count();
            }
            let e = t.elapsed();
            println!(
                "{name} round {round}: {m} matches {:?} {:.2} ns/B",
                e,
                e.as_nanos() as f64 / bytes as f64
            );
        }
    }
}
fn walk(d: &str) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    let mut st = vec![std::path::PathBuf::from(d)];
    while let Some(p) = st.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                st.push(e.unwrap().path());
            }
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
