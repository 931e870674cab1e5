//! Checks beyond what loading needs: definitions nothing uses, rules that claim the same services with
//! no precedence, and phrases or patterns that can never match. `rules lint` reports them; `check`
//! runs with them.

use super::{Expr, RuleBase};
use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

/// `(file index, diagnostic)` for every lint problem, in definition order.
pub fn lint(rules: &RuleBase) -> Vec<(Option<usize>, Diagnostic)> {
    let mut out = Vec::new();
    let at = |origin: &super::Origin| Span::from_range(origin.span.clone());

    let mut finding_used = vec![false; rules.findings.len()];
    let mut criterion_used = vec![false; rules.criteria.len()];
    for criterion in &rules.criteria {
        criterion.condition.visit(&mut |e| match e {
            Expr::Finding(f) => finding_used[*f] = true,
            Expr::Criterion(c) => criterion_used[*c] = true,
            _ => {}
        });
    }
    for rule in &rules.rules {
        for &c in rule.require.iter().chain(&rule.exclude_if) {
            criterion_used[c] = true;
        }
    }
    // A finding read only through another's `includes` is used wherever that one is.
    for (includer, finding) in rules.findings.iter().enumerate() {
        for &f in &finding.includes {
            finding_used[f] |= finding_used[includer];
        }
    }
    for (f, finding) in rules.findings.iter().enumerate() {
        if !finding_used[f] {
            out.push((
                Some(finding.origin.file),
                Diagnostic::new(
                    Code::RulesUnused,
                    format!("finding `{}` is not used by any criterion", finding.id),
                )
                .with_label(at(&finding.origin), "never used")
                .with_help("name it in a criterion's condition, or remove it"),
            ));
        }
    }
    for (c, criterion) in rules.criteria.iter().enumerate() {
        if !criterion_used[c] {
            out.push((
                Some(criterion.origin.file),
                Diagnostic::new(
                    Code::RulesUnused,
                    format!(
                        "criterion `{}` is not used by any rule or criterion",
                        criterion.id
                    ),
                )
                .with_label(at(&criterion.origin), "never used")
                .with_help("list it in a rule's `require` or `exclude-if`, or remove it"),
            ));
        }
    }

    // Two rules claiming exactly the same services, neither with a precedence, and not editions of
    // one rule: which one a letter meets is an accident of file order.
    let matcher = |r: usize| {
        let rule = &rules.rules[r];
        let mut services = rule.services.clone();
        services.sort();
        let mut patterns: Vec<&str> = rule.service_patterns.iter().map(|p| p.as_str()).collect();
        patterns.sort_unstable();
        (
            services,
            patterns.into_iter().map(String::from).collect::<Vec<_>>(),
        )
    };
    for a in 0..rules.rules.len() {
        for b in a + 1..rules.rules.len() {
            let (ra, rb) = (&rules.rules[a], &rules.rules[b]);
            let editions = matches!((&ra.edition, &rb.edition), (Some(x), Some(y)) if x.of == y.of);
            if editions || ra.precedence.is_some() || rb.precedence.is_some() {
                continue;
            }
            if matcher(a) == matcher(b) {
                out.push((
                    Some(rb.origin.file),
                    Diagnostic::new(
                        Code::RulesAmbiguousServices,
                        format!("rules `{}` and `{}` claim the same services and neither states a precedence", ra.id, rb.id),
                    )
                    .with_label(at(&rb.origin), "same service matcher")
                    .with_help("give one of them `precedence = N` (higher wins), make them editions of one rule, or narrow one matcher"),
                ));
            }
        }
    }

    // Letters are read with whitespace folded and line breaks joined, one sentence at a time.
    for (regex, owner) in &rules.finding_patterns {
        let source = regex.as_str();
        if needs_line_break(source) {
            let finding = &rules.findings[owner.finding];
            out.push((
                Some(finding.origin.file),
                Diagnostic::new(
                    Code::RulesNeverMatches,
                    format!("a pattern of finding `{}` needs a line break, which never reaches the matcher: {source}", finding.id),
                )
                .with_label(at(&finding.origin), "in this finding")
                .with_help("letters are matched with line breaks joined into single spaces; use \\s+ instead"),
            ));
        }
    }
    for (owner, phrase) in rules
        .finding_phrase_owners
        .iter()
        .zip(&rules.finding_phrase_texts)
    {
        if !phrase.bytes().any(|b| b.is_ascii_alphanumeric()) {
            let finding = &rules.findings[owner.finding];
            out.push((
                Some(finding.origin.file),
                Diagnostic::new(
                    Code::RulesNeverMatches,
                    format!("phrase \"{phrase}\" of finding `{}` has no letter or digit, so it never stands as a word", finding.id),
                )
                .with_label(at(&finding.origin), "in this finding"),
            ));
        }
    }
    let mut seen: Vec<(usize, &str, &'static str)> = Vec::new();
    for (owner, phrase) in rules
        .finding_phrase_owners
        .iter()
        .zip(&rules.finding_phrase_texts)
    {
        if let Some(first) = seen
            .iter()
            .find(|(f, p, _)| *f == owner.finding && *p == phrase.as_str())
        {
            if first.2 != owner.list() {
                let finding = &rules.findings[owner.finding];
                out.push((
                    Some(finding.origin.file),
                    Diagnostic::new(
                        Code::RulesNeverMatches,
                        format!(
                            "phrase \"{phrase}\" of finding `{}` is listed both in `{}` and in `{}`",
                            finding.id,
                            first.2,
                            owner.list()
                        ),
                    )
                    .with_label(at(&finding.origin), "in this finding")
                    .with_help("one phrase says one thing: a finding, its absence, or the name of something else; keep it in one list"),
                ));
            }
        } else {
            seen.push((owner.finding, phrase.as_str(), owner.list()));
        }
    }
    out
}

/// Whether every match of `pattern` must contain a line break: a literal `\n` or `\r`, or a class of
/// nothing else. `[^\n]` and `\s` do not need one.
fn needs_line_break(pattern: &str) -> bool {
    use regex_syntax::hir::{Class, Hir, HirKind};
    fn only_breaks(c: &Class) -> bool {
        let is_break = |lo: u32, hi: u32| (lo == 0x0a || lo == 0x0d) && (hi == 0x0a || hi == 0x0d);
        match c {
            Class::Unicode(u) => u
                .ranges()
                .iter()
                .all(|r| is_break(r.start() as u32, r.end() as u32)),
            Class::Bytes(b) => b
                .ranges()
                .iter()
                .all(|r| is_break(u32::from(r.start()), u32::from(r.end()))),
        }
    }
    fn needs(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Literal(l) => l.0.iter().any(|&b| b == b'\n' || b == b'\r'),
            HirKind::Class(c) => only_breaks(c),
            HirKind::Repetition(r) => r.min > 0 && needs(&r.sub),
            HirKind::Capture(c) => needs(&c.sub),
            HirKind::Concat(parts) => parts.iter().any(needs),
            HirKind::Alternation(alts) => alts.iter().all(needs),
            HirKind::Empty | HirKind::Look(_) => false,
        }
    }
    regex_syntax::parse(pattern).is_ok_and(|h| needs(&h))
}

#[cfg(test)]
mod tests {
    use super::needs_line_break;

    #[test]
    fn only_patterns_that_must_match_a_line_break_need_one() {
        assert!(needs_line_break(r"pain\nradiating"));
        assert!(needs_line_break(r"pain[\r\n]+radiating"));
        assert!(needs_line_break(r"(?:a\n|b\r)"));
        assert!(!needs_line_break(r"pain[^\n]{0,20}radiating"));
        assert!(!needs_line_break(r"pain\s+radiating"));
        assert!(!needs_line_break(r"pain(?:\n)?radiating"));
        assert!(!needs_line_break(r"(?:a\n|b)"));
    }
}
