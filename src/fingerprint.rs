//! Stable fingerprints of diagnostics, for baselines and SARIF. A fingerprint names the letter file,
//! the item by its service text, the code and what the diagnostic is about, never byte offsets, so it
//! survives edits elsewhere in the letter.

use crate::check::Document;
use crate::diagnostic::Diagnostic;

/// FNV-1a, 64 bits: small, dependency-free and stable across platforms and releases.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The file name a fingerprint uses: the last path component, so a corpus can move.
fn file_key(document: &Document) -> String {
    let name = &document.source.name;
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
}

/// What a diagnostic is about, without its place: its message with digits and quoted text kept (they
/// name pages, codes and ids) but spans left out.
fn subject(diagnostic: &Diagnostic) -> String {
    static ITEM: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\bitem \d+").expect("valid"));
    ITEM.replace_all(&normalize(&diagnostic.message), "item")
        .into_owned()
}

/// The fingerprint of a diagnostic of `document`, on item `item` (1-based) or on the letter as a whole.
pub fn of(document: &Document, item: Option<usize>, diagnostic: &Diagnostic) -> String {
    let file = file_key(document);
    let service = item
        .and_then(|i| document.determination.as_ref()?.items.get(i - 1))
        .map(|it| normalize(&it.service.value))
        .unwrap_or_default();
    // Items with the same service text in one letter are told apart by their order among them.
    let occurrence = item
        .and_then(|i| {
            let items = &document.determination.as_ref()?.items;
            let target = normalize(&items.get(i - 1)?.service.value);
            Some(
                items[..i - 1]
                    .iter()
                    .filter(|x| normalize(&x.service.value) == target)
                    .count(),
            )
        })
        .unwrap_or(0)
        .to_string();
    let hash = fnv1a(&[
        &file,
        &service,
        &occurrence,
        diagnostic.code.name(),
        &subject(diagnostic),
    ]);
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
