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
        std::sync::LazyLock::new(|| crate::pattern::regex(r"\bitem \d+").expect("valid"));
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

/// The fingerprint of an outcome disparity: its category, how its criteria came out, and its items by
/// file name and service text. A letter joining or leaving the group makes it a new finding.
pub fn of_disparity(disparity: &crate::batch::Disparity) -> String {
    let mut items: Vec<String> = disparity
        .items
        .iter()
        .map(|i| {
            let file = i.path.rsplit(['/', '\\']).next().unwrap_or(&i.path);
            format!("{file}\u{1f}{}", normalize(&i.service))
        })
        .collect();
    items.sort();
    let criteria: Vec<String> = disparity
        .criteria
        .iter()
        .map(|(id, truth)| format!("{id}={}", truth.name()))
        .collect();
    let mut parts = vec![
        crate::diagnostic::Code::OutcomeDisparity.name(),
        disparity.category.as_str(),
    ];
    parts.extend(criteria.iter().map(String::as_str));
    parts.extend(items.iter().map(String::as_str));
    format!("{:016x}", fnv1a(&parts))
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
