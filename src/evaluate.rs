//! Evaluate stage: applies the rules that match an item's service to what the letter states, in
//! three-valued logic and dependency order, and compares the outcome with the decision and the
//! rationale's own conclusion.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::extract::{self, Extraction};
use crate::letter::Date;
use crate::letter::{Citation, Decision, Determination, GuidelineSource, Item};
use crate::rules::{AsOf, AsOfSource, ItemFacts, Measure, Region, RuleBase, Truth};
use crate::span::Span;
use serde::Serialize;
use std::cell::OnceCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// At least one error: the decision contradicts its conclusion or the stated findings.
    Inconsistent,
    /// Rules apply but the letter does not state the findings they need.
    Indeterminate,
    /// The findings, the conclusion and the decision agree.
    Consistent,
    /// No rule applies and nothing contradicts.
    NotCovered,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [
        Verdict::Consistent,
        Verdict::Inconsistent,
        Verdict::Indeterminate,
        Verdict::NotCovered,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Inconsistent => "inconsistent",
            Verdict::Indeterminate => "indeterminate",
            Verdict::Consistent => "consistent",
            Verdict::NotCovered => "not-covered",
        }
    }
}

/// How one rule came out for an item: met (supported), not met, or unknown.
#[derive(Debug, Clone, Serialize)]
pub struct RuleResult {
    #[serde(skip)]
    pub rule: usize,
    pub outcome: Truth,
    /// The criteria that decided the outcome.
    #[serde(skip)]
    pub deciding: Vec<usize>,
}

/// The evaluation of one item.
#[derive(Debug, Clone)]
pub struct ItemEvaluation {
    pub index: usize,
    pub rules: Vec<RuleResult>,
    /// Every criterion's truth (criteria no applicable rule reads stay unknown and are not relevant).
    pub criteria: Vec<Truth>,
    /// The criteria the applicable rules read, directly or through other criteria, in dependency order.
    pub relevant: Vec<usize>,
    /// Supported (met), not supported (not met) or unknown; `None` when no rule applies.
    pub outcome: Option<Truth>,
    pub extraction: Extraction,
    pub verdict: Verdict,
    pub diagnostics: Vec<Diagnostic>,
    /// What the letter's other requests say of the procedures this one may attend.
    pub attended: Attended,
}

/// The procedures among a letter's other requests that an item may attend.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attended {
    /// How many of the letter's other requests are procedures that were certified (overturned);
    /// none when no other request is a procedure (`letter.procedures-certified`).
    pub procedures_certified: Option<usize>,
    /// The same for surgeries only (`letter.surgeries-certified`).
    pub surgeries_certified: Option<usize>,
    /// How many of the letter's other requests are surgeries, whatever their decision
    /// (`letter.surgeries-requested`).
    pub surgeries_requested: usize,
    /// How many of the letter's other requests are surgeries that were upheld
    /// (`letter.surgeries-upheld`).
    pub surgeries_upheld: usize,
}

/// The numbers the letter's structure gives for `measure`, `attended` being the item's
/// [`ItemEvaluation::attended`].
pub fn measure(
    determination: &Determination,
    item: &Item,
    attended: Attended,
    measure: Measure,
) -> Option<f64> {
    let request = &item.request;
    let count = |n: usize| (n > 0).then_some(n as f64);
    match measure {
        Measure::JointLevels => request.joint_levels.map(f64::from),
        Measure::MotionSegments => count(request.motion_segments.len()),
        Measure::SpinalLevels => request.spinal_levels.map(f64::from),
        Measure::MedialBranches => count(request.medial_branches.len()),
        Measure::Quantity => request.quantity.as_ref().map(|q| f64::from(q.value)),
        Measure::Refills => request.refills.as_ref().map(|q| f64::from(q.value)),
        Measure::Visits => request.visits.as_ref().map(|q| f64::from(q.value)),
        Measure::Hours => request.hours.as_ref().map(|q| f64::from(q.value)),
        Measure::Days => request.days.as_ref().map(|q| f64::from(q.value)),
        Measure::WeeksSinceInjury => {
            let injury = determination.dates.injury.as_ref()?;
            let reference = determination.dates.reference()?;
            let days = injury.value.days_until(&reference.value);
            (days >= 0).then(|| days as f64 / 7.0)
        }
        Measure::ProceduresCertified => attended.procedures_certified.map(|n| n as f64),
        Measure::SurgeriesCertified => attended.surgeries_certified.map(|n| n as f64),
        Measure::SurgeriesRequested => Some(attended.surgeries_requested as f64),
        Measure::SurgeriesUpheld => Some(attended.surgeries_upheld as f64),
    }
}

/// The date whose guideline editions apply to a letter: `as_of` when given, else the letter's own date,
/// else its latest dated record, else none (the newest editions).
pub fn as_of(determination: &Determination, option: Option<Date>) -> AsOf {
    if let Some(date) = option {
        return AsOf {
            date: Some(date),
            source: AsOfSource::Option,
        };
    }
    if let Some(letter) = &determination.dates.letter {
        return AsOf {
            date: Some(letter.value),
            source: AsOfSource::LetterDate,
        };
    }
    if let Some(record) = determination.dates.latest_record() {
        return AsOf {
            date: Some(record.value),
            source: AsOfSource::LatestRecord,
        };
    }
    AsOf {
        date: None,
        source: AsOfSource::NewestEdition,
    }
}

/// Evaluates every item of a determination with the guideline editions in force on `as_of`.
pub fn evaluate(
    rules: &RuleBase,
    text: &str,
    determination: &Determination,
    as_of: &AsOf,
) -> Vec<ItemEvaluation> {
    // The sections each item's reviewer cites, resolved once: they choose the item's rules and
    // answer its criteria's `cites.` conditions.
    let item_cites: Vec<Option<Vec<usize>>> = determination
        .items
        .iter()
        .map(|item| reviewer_cites(rules, item))
        .collect();
    // The rules of every item first: the summary is read once, for the findings all of them read.
    let item_rules: Vec<Vec<usize>> = determination
        .items
        .iter()
        .zip(&item_cites)
        .map(|(item, cited)| {
            let service = crate::letter::request::without_review_note(&item.service.value);
            let service = service.as_ref();
            let companions_at = item
                .request
                .companions
                .first()
                .and_then(|c| service.find(c.value.as_str()))
                .unwrap_or(service.len());
            rules.rules_for_cited_request(service, companions_at, cited.as_deref().unwrap_or(&[]))
        })
        .collect();
    let mut letter_rules: Vec<usize> = item_rules.iter().flatten().copied().collect();
    letter_rules.sort_unstable();
    letter_rules.dedup();
    let summary = extract::read_summary(rules, text, determination, &letter_rules);
    // Requests that attend a procedure (an assistant surgeon, a sling, sedation) follow its decision.
    let kind = |flag: fn(&crate::rules::Rule) -> bool| -> Vec<bool> {
        item_rules
            .iter()
            .map(|ids| ids.iter().any(|&r| flag(&rules.rules[r])))
            .collect()
    };
    let (procedure, surgery) = (kind(|r| r.procedure), kind(|r| r.surgery));
    // The letter's requests of a kind (`of_kind`, by item) other than item `i`.
    fn others(i: usize, of_kind: &[bool]) -> impl Iterator<Item = usize> + '_ {
        (0..of_kind.len()).filter(move |&j| j != i && of_kind[j])
    }
    // How many of the letter's other requests of a kind were decided `decision`.
    let decided = |i: usize, of_kind: &[bool], decision: Decision| -> usize {
        others(i, of_kind)
            .filter(|&j| {
                determination.items[j]
                    .decision
                    .as_ref()
                    .is_some_and(|d| d.value == decision)
            })
            .count()
    };
    // How many of the letter's other requests of a kind were certified; none when there is none.
    let certified = |i: usize, of_kind: &[bool]| -> Option<usize> {
        (others(i, of_kind).count() > 0).then(|| decided(i, of_kind, Decision::Overturned))
    };
    // Every item is read before any is judged: whether the case summary contradicts one item's
    // rationale depends on what the others' rationales say.
    let extractions: Vec<Extraction> = determination
        .items
        .iter()
        .zip(&item_rules)
        .map(|(item, service_rules)| {
            extract::read_item(rules, text, determination, item, service_rules, &summary)
        })
        .collect();
    let regions: Vec<u64> = extractions.iter().map(|x| x.requested_regions).collect();
    // Per item and finding: what its rationale states.
    let in_rationale: Vec<Vec<Option<Truth>>> = extractions
        .iter()
        .map(|x| {
            x.values
                .iter()
                .map(|v| (v.region == Some(Region::Rationale)).then_some(v.truth))
                .collect()
        })
        .collect();
    determination
        .items
        .iter()
        .zip(&item_rules)
        .zip(extractions)
        .zip(item_cites)
        .enumerate()
        .map(|(i, (((item, service_rules), extraction), cited))| {
            let attended = Attended {
                procedures_certified: certified(i, &procedure),
                surgeries_certified: certified(i, &surgery),
                surgeries_requested: others(i, &surgery).count(),
                surgeries_upheld: decided(i, &surgery, Decision::Upheld),
            };
            // A summary's finding another item's rationale also states is one the reviewer weighed
            // and told apart by item ("radicular pain in the leg, none in the shoulder"): no
            // contradiction. Where both items name their body regions, the summary's statements of
            // other regions are already set aside, and the other item tells nothing apart: the
            // trapezius injection's "no radiculopathy" beside the cervical epidural's radiculopathy
            // contradicts the summary's arm pain.
            // Of a finding about the requested treatment, only an item under one of the same rules
            // tells the summary's statement apart: it is read by rule, so the venlafaxine's
            // benefit could be the nortriptyline's, but an NSAID's long use is no muscle relaxant's.
            let stated_elsewhere = |f: usize, truth: Truth| {
                in_rationale.iter().enumerate().any(|(j, states)| {
                    j != i
                        && states[f] == Some(truth)
                        && (regions[i] == 0 || regions[j] == 0)
                        && (!rules.findings[f].about_service
                            || item_rules[j].iter().any(|r| service_rules.contains(r)))
                })
            };
            let facts = Facts::new(rules, determination, item, attended).with_cited(cited);
            evaluate_item(
                rules,
                as_of,
                service_rules,
                facts,
                extraction,
                &stated_elsewhere,
            )
        })
        .collect()
}

/// An applicable rule with the criteria in force for the letter.
struct InForce {
    rule: usize,
    require: Vec<usize>,
    exclude_if: Vec<usize>,
}

/// The rules in force with only the criteria a denial's stated reasons settle. A denial stands on the
/// reasons the reviewer gave: what rules the service out on the case summary's word alone (a criterion
/// `in_record` fails that the rationale's findings, `stated`, do not; an exclusion they do not meet)
/// does not stand in for the stated reasons the summary contradicts.
fn reasons_given(in_force: &[InForce], in_record: &Decided, stated: &Decided) -> Vec<InForce> {
    in_force
        .iter()
        .map(|rule| InForce {
            rule: rule.rule,
            require: rule
                .require
                .iter()
                .copied()
                .filter(|&c| {
                    in_record.criteria[c] != Truth::NotMet || stated.criteria[c] == Truth::NotMet
                })
                .collect(),
            exclude_if: rule
                .exclude_if
                .iter()
                .copied()
                .filter(|&c| stated.criteria[c] == Truth::Met)
                .collect(),
        })
        .collect()
}

/// Whether every criterion that failed a rule in the rationale's reading (`results`) comes out the
/// other way in the record's (`in_record`): a requirement met, an exclusion not; or comes out open
/// there because the summary contradicts a finding it reads (`disagreeing`): "the patient no longer
/// takes opioid medication" against a summary's "currently takes Norco" answers the reason for
/// denying a drug screen, though the record then leaves the patient's risk level open.
fn reasons_answered(
    rules: &RuleBase,
    in_force: &[InForce],
    results: &[RuleResult],
    in_record: &Decided,
    disagreeing: &[usize],
) -> bool {
    let mut reasons = results
        .iter()
        .filter(|r| r.outcome == Truth::NotMet)
        .flat_map(|r| {
            let rule = in_force.iter().find(|f| f.rule == r.rule);
            r.deciding.iter().map(move |&c| {
                let excluding = rule.is_some_and(|f| f.exclude_if.contains(&c));
                (c, excluding)
            })
        })
        .peekable();
    reasons.peek().is_some()
        && reasons.all(|(c, excluding)| {
            let answer = if excluding { Truth::NotMet } else { Truth::Met };
            in_record.criteria[c] == answer
                || (in_record.criteria[c] == Truth::Unknown
                    && disagreeing.iter().any(|&f| reads_finding(rules, c, f)))
        })
}

/// Whether criterion `c`'s condition reads finding `f`, itself or through a criterion it names.
fn reads_finding(rules: &RuleBase, c: usize, f: usize) -> bool {
    let mut found = false;
    rules.criteria[c].condition.visit(&mut |e| match e {
        crate::rules::Expr::Finding(g) => found |= *g == f,
        crate::rules::Expr::Criterion(d) => found |= *d != c && reads_finding(rules, *d, f),
        _ => {}
    });
    found
}

/// The criteria, the rules' results and the item's outcome, from the findings' truths.
struct Decided {
    criteria: Vec<Truth>,
    results: Vec<RuleResult>,
    /// None when no rule applies.
    outcome: Option<Truth>,
}

fn decide(
    rules: &RuleBase,
    in_force: &[InForce],
    relevant: &[usize],
    finding: &impl Fn(usize) -> Truth,
    facts: &impl ItemFacts,
) -> Decided {
    let mut criteria = vec![Truth::Unknown; rules.criteria.len()];
    for &c in &rules.criteria_order {
        if !relevant.contains(&c) {
            continue;
        }
        criteria[c] = rules.criteria[c]
            .condition
            .eval(finding, &|k| criteria[k], facts);
    }
    let results: Vec<RuleResult> = in_force
        .iter()
        .map(|rule| {
            let r = rule.rule;
            let excluded: Vec<usize> = rule
                .exclude_if
                .iter()
                .copied()
                .filter(|&c| criteria[c] == Truth::Met)
                .collect();
            if !excluded.is_empty() {
                return RuleResult {
                    rule: r,
                    outcome: Truth::NotMet,
                    deciding: excluded,
                };
            }
            let outcome = rule
                .require
                .iter()
                .fold(Truth::Met, |acc, &c| acc.and(criteria[c]));
            let deciding = match outcome {
                Truth::Met => rule.require.clone(),
                other => rule
                    .require
                    .iter()
                    .copied()
                    .filter(|&c| criteria[c] == other)
                    .collect(),
            };
            RuleResult {
                rule: r,
                outcome,
                deciding,
            }
        })
        .collect();
    let outcome =
        (!results.is_empty()).then(|| results.iter().fold(Truth::Met, |acc, r| acc.and(r.outcome)));
    Decided {
        criteria,
        results,
        outcome,
    }
}

/// Evaluates one item, its facts (the letter it stands in, the procedures it may attend, the
/// sections its reviewer cites) and its findings read, under the guideline editions in force on
/// `as_of`.
fn evaluate_item(
    rules: &RuleBase,
    as_of: &AsOf,
    service_rules: &[usize],
    facts: Facts<'_>,
    extraction: Extraction,
    stated_elsewhere: &impl Fn(usize, Truth) -> bool,
) -> ItemEvaluation {
    let item = facts.item;
    let in_force = |c: &usize| rules.edition_applies(rules.criteria[*c].edition.as_ref(), as_of);
    let in_force: Vec<InForce> = service_rules
        .iter()
        .copied()
        .filter(|&r| rules.edition_applies(rules.rules[r].edition.as_ref(), as_of))
        .map(|r| InForce {
            rule: r,
            require: rules.rules[r]
                .require
                .iter()
                .copied()
                .filter(in_force)
                .collect(),
            exclude_if: rules.rules[r]
                .exclude_if
                .iter()
                .copied()
                .filter(in_force)
                .collect(),
        })
        .collect();
    let applicable: Vec<usize> = in_force.iter().map(|r| r.rule).collect();
    let relevant = relevant_criteria(rules, &in_force);

    let Decided {
        criteria,
        results,
        outcome,
    } = decide(
        rules,
        &in_force,
        &relevant,
        &|f| extraction.values[f].truth,
        &facts,
    );
    let relevant: Vec<usize> = rules
        .criteria_order
        .iter()
        .copied()
        .filter(|c| relevant.contains(c))
        .collect();
    // The findings the item's criteria read: what a disagreeing summary and a listed requirement are
    // looked for in.
    let read = rules.findings_read_by(&relevant);

    let mut diagnostics = Vec::new();
    let decision = item.decision.as_ref();
    let conclusion = extraction.conclusion.as_ref();
    let necessary_word = |n: bool| {
        if n {
            "medically necessary"
        } else {
            "not medically necessary"
        }
    };

    let mut conclusion_mismatch = false;
    if let (Some(decision), Some(conclusion)) = (decision, conclusion) {
        if decision.value.finds_necessary() != conclusion.necessary {
            conclusion_mismatch = true;
            diagnostics.push(
                Diagnostic::new(
                    Code::DecisionConclusionMismatch,
                    format!(
                        "item {} is {} ({}), but its rationale concludes it is {}",
                        item.index,
                        decision.value.name(),
                        necessary_word(decision.value.finds_necessary()),
                        necessary_word(conclusion.necessary)
                    ),
                )
                .with_label(decision.span, format!("decided {}", decision.value.name()))
                .with_label(conclusion.span, format!("the rationale concludes: {}", necessary_word(conclusion.necessary)))
                .with_help("the decision label and the reviewer's own conclusion must agree; one of them is wrong"),
            );
        }
    }

    if let (Some(decision), Some(outcome)) = (decision, outcome) {
        let known = outcome != Truth::Unknown;
        let supported = outcome == Truth::Met;
        if known && !conclusion_mismatch && decision.value.finds_necessary() != supported {
            diagnostics.push(findings_contradict(
                rules,
                item,
                decision,
                &results,
                &criteria,
                &extraction,
                supported,
            ));
        }
    }

    if let (Some(decision), Some(outcome)) = (decision, outcome) {
        let agrees = outcome != Truth::Unknown
            && decision.value.finds_necessary() == (outcome == Truth::Met);
        // Where the rationale's findings leave the outcome open, the summary's may still decide it
        // against the decision.
        let open = outcome == Truth::Unknown;
        let disagreeing: Vec<usize> = if (agrees || open) && !conclusion_mismatch {
            (0..read.len())
                .filter(|&f| read[f])
                .filter(|&f| {
                    extraction.values[f]
                        .summary_disagrees
                        .as_ref()
                        .is_some_and(|(recorded, _)| {
                            rules.findings[f].whole_patient || !stated_elsewhere(f, *recorded)
                        })
                })
                .collect()
        } else {
            Vec::new()
        };
        if !disagreeing.is_empty() {
            let recorded = |f: usize| match &extraction.values[f].summary_disagrees {
                Some((recorded, _)) if disagreeing.contains(&f) => *recorded,
                _ => extraction.values[f].truth,
            };
            let mut in_record = decide(rules, &in_force, &relevant, &recorded, &facts);
            if in_record.outcome == Some(Truth::NotMet) && !decision.value.finds_necessary() {
                let stated = decide(
                    rules,
                    &in_force,
                    &relevant,
                    &|f| {
                        let from_summary = extraction.values[f].region == Some(Region::Summary);
                        if from_summary && !disagreeing.contains(&f) {
                            Truth::Unknown
                        } else {
                            recorded(f)
                        }
                    },
                    &facts,
                );
                let reasons_given = reasons_given(&in_force, &in_record, &stated);
                in_record = decide(rules, &reasons_given, &relevant, &recorded, &facts);
            }
            let against_decision = |o: Truth| decision.value.finds_necessary() != (o == Truth::Met);
            // A denial whose every stated reason the summary's record answers has lost its basis,
            // though the record leaves some other criterion open.
            let reasons_refuted = in_record.outcome == Some(Truth::Unknown)
                && outcome == Truth::NotMet
                && !decision.value.finds_necessary()
                && reasons_answered(rules, &in_force, &results, &in_record, &disagreeing);
            let in_record_outcome = if reasons_refuted {
                Some(Truth::Met)
            } else {
                in_record.outcome
            };
            if let Some(flipped) = in_record_outcome
                .filter(|&o| o != Truth::Unknown && o != outcome && against_decision(o))
            {
                diagnostics.push(summary_contradicts(
                    rules,
                    item,
                    decision,
                    flipped,
                    &disagreeing,
                    &extraction,
                ));
            }
        }
    }

    diagnostics.extend(citation_mismatches(rules, item, &applicable));

    if outcome == Some(Truth::Unknown) {
        let unknown: Vec<usize> = results
            .iter()
            .filter(|r| r.outcome == Truth::Unknown)
            .flat_map(|r| r.deciding.iter().copied())
            .collect();
        if !unknown.is_empty() {
            let mut diagnostic = Diagnostic::new(
                Code::CriteriaNotShown,
                format!(
                    "item {}: the letter never shows whether {} {} met",
                    item.index,
                    unknown
                        .iter()
                        .map(|&c| format!("`{}`", rules.criteria[c].id))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if unknown.len() == 1 { "is" } else { "are" }
                ),
            )
            .with_label(item.service.span, "the decision rests on these criteria");
            let help: Vec<String> = unknown.iter().map(|&c| criterion_help(rules, c)).collect();
            diagnostic = diagnostic.with_help(help.join("\n"));
            diagnostics.push(diagnostic);
        }
    }
    // A requirement is listed but not shown only where the criteria consult it: not the fallback of
    // a finding the letter settles.
    let consulted =
        rules.findings_consulted_by(&relevant, &|f| extraction.values[f].truth != Truth::Unknown);
    diagnostics.extend(listed_but_not_shown(rules, item, &extraction, &consulted));
    if item.rationale.is_some() && conclusion.is_none() {
        diagnostics.push(
            Diagnostic::new(
                Code::NoConclusion,
                format!(
                    "item {}'s rationale states no conclusion of its own",
                    item.index
                ),
            )
            .with_label(
                item.rationale
                    .map_or(item.service.span, |r| Span::new(r.offset, 0)),
                "rationale starts here",
            )
            .with_help(
                "a rationale normally ends by saying whether the request is medically necessary",
            ),
        );
    }

    // The reviewer says the records leave a fact unsettled: the findings then settle nothing, whichever
    // way they point, unless the decision contradicts the reviewer's own conclusion.
    let unresolved = extraction
        .unresolved
        .filter(|_| outcome.is_some() && decision.is_some());
    if let Some(span) = unresolved {
        diagnostics.retain(|d| {
            !matches!(
                d.code,
                Code::FindingsContradictDecision | Code::SummaryContradictsRationale
            )
        });
        diagnostics.push(
            Diagnostic::new(
                Code::UnresolvedRecords,
                format!(
                    "item {}: the reviewer says the records leave a fact unsettled, and decides anyway",
                    item.index
                ),
            )
            .with_label(span, "the reviewer's own words")
            .with_help("the stated findings cannot show whether the decision is supported; the records need to be reconciled"),
        );
    }
    let has_error = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let verdict = if unresolved.is_some() && !has_error {
        Verdict::Indeterminate
    } else if has_error {
        Verdict::Inconsistent
    } else {
        match outcome {
            None => Verdict::NotCovered,
            Some(_) if decision.is_none() || item.rationale.is_none() => Verdict::Indeterminate,
            Some(Truth::Unknown) => Verdict::Indeterminate,
            Some(_) => Verdict::Consistent,
        }
    };
    ItemEvaluation {
        index: item.index,
        rules: results,
        criteria,
        relevant,
        outcome,
        extraction,
        verdict,
        diagnostics,
        attended: facts.attended,
    }
}

/// Findings the rationale names only while stating what a guideline requires, and that the letter never
/// states either way: criteria the reviewer listed but never showed met or not met.
fn listed_but_not_shown(
    rules: &RuleBase,
    item: &Item,
    extraction: &Extraction,
    read: &[bool],
) -> Option<Diagnostic> {
    use crate::extract::{Counts, Ignored};
    let mut findings: Vec<usize> = Vec::new();
    let mut sentences: Vec<Span> = Vec::new();
    for mention in &extraction.mentions {
        let listed = mention.region == Region::Rationale
            && mention.counts == Counts::Ignored(Ignored::Guideline);
        if listed
            && read[mention.finding]
            && extraction.values[mention.finding].truth == Truth::Unknown
        {
            if !findings.contains(&mention.finding) {
                findings.push(mention.finding);
            }
            if !sentences.contains(&mention.sentence) {
                sentences.push(mention.sentence);
            }
        }
    }
    if findings.is_empty() {
        return None;
    }
    let mut diagnostic =
        Diagnostic::new(
            Code::CriteriaNotShown,
            format!(
            "item {}: the rationale lists requirements the letter never shows met or not met: {}",
            item.index,
            findings.iter().map(|&f| rules.findings[f].id.as_str()).collect::<Vec<_>>().join(", ")
        ),
        );
    for sentence in sentences.iter().take(3) {
        diagnostic = diagnostic.with_label(*sentence, "the guideline's requirement, quoted");
    }
    let help: Vec<String> = findings
        .iter()
        .map(|&f| {
            format!(
                "`{}`: {}",
                rules.findings[f].id, rules.findings[f].description
            )
        })
        .collect();
    Some(diagnostic.with_help(format!(
        "not stated anywhere in the letter:\n{}",
        help.join("\n")
    )))
}

/// The criteria the applicable rules read, directly or through other criteria.
fn relevant_criteria(rules: &RuleBase, applicable: &[InForce]) -> Vec<usize> {
    rules.criteria_read_by(
        applicable
            .iter()
            .flat_map(|r| r.require.iter().chain(&r.exclude_if).copied()),
    )
}

/// "`facet-non-radicular-pain`: The pain is not radicular ... (ODG ..., p. 300)".
pub fn criterion_help(rules: &RuleBase, c: usize) -> String {
    let criterion = &rules.criteria[c];
    let cites: Vec<String> = criterion
        .cites
        .iter()
        .map(|cite| rules.cite_text(cite))
        .collect();
    format!(
        "`{}`: {} ({})",
        criterion.id,
        criterion.description,
        cites.join("; ")
    )
}

fn support_word(supported: bool) -> &'static str {
    if supported {
        "is supported"
    } else {
        "is not supported"
    }
}

/// What a part of the letter says of finding `f`, for a label.
fn stated(rules: &RuleBase, f: usize, truth: Truth) -> String {
    match truth {
        Truth::Met => format!("states {}", rules.findings[f].id),
        _ => format!("{} is absent or undocumented", rules.findings[f].id),
    }
}

/// The case summary records findings that, in place of the rationale's own, support the opposite
/// outcome: the reviewer's findings disagree with the record the reviewer summarized.
fn summary_contradicts(
    rules: &RuleBase,
    item: &Item,
    decision: &crate::span::Spanned<crate::letter::Decision>,
    in_record: Truth,
    disagreeing: &[usize],
    extraction: &Extraction,
) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        Code::SummaryContradictsRationale,
        format!(
            "item {} is {}, but the case summary's findings show it {}",
            item.index,
            decision.value.name(),
            support_word(in_record == Truth::Met)
        ),
    )
    .with_label(decision.span, format!("decided {}", decision.value.name()));
    let mut help = Vec::new();
    for &f in disagreeing {
        let value = &extraction.values[f];
        let Some((recorded, summary)) = &value.summary_disagrees else {
            continue;
        };
        if let Some(&m) = value.evidence.first() {
            diagnostic = diagnostic.with_label(
                extraction.mentions[m].sentence,
                format!("the rationale {}", stated(rules, f, value.truth)),
            );
        }
        if let Some(&m) = summary.first() {
            diagnostic = diagnostic.with_label(
                extraction.mentions[m].sentence,
                format!("the case summary {}", stated(rules, f, *recorded)),
            );
        }
        help.push(format!(
            "`{}`: {}",
            rules.findings[f].id, rules.findings[f].description
        ));
    }
    diagnostic.with_help(format!(
        "the rationale's findings support the decision, but the case summary records otherwise:\n{}",
        help.join("\n")
    ))
}

fn findings_contradict(
    rules: &RuleBase,
    item: &Item,
    decision: &crate::span::Spanned<crate::letter::Decision>,
    results: &[RuleResult],
    criteria: &[Truth],
    extraction: &Extraction,
    supported: bool,
) -> Diagnostic {
    let deciding: Vec<usize> = results
        .iter()
        .filter(|r| r.outcome == Truth::from_bool(supported))
        .flat_map(|r| r.deciding.iter().copied())
        .collect();
    let mut diagnostic = Diagnostic::new(
        Code::FindingsContradictDecision,
        format!(
            "item {} is {}, but under {} the stated findings show it {}",
            item.index,
            decision.value.name(),
            results
                .iter()
                .filter(|r| r.outcome == Truth::from_bool(supported))
                .map(|r| format!("`{}`", rules.rules[r.rule].id))
                .collect::<Vec<_>>()
                .join(", "),
            support_word(supported)
        ),
    )
    .with_label(decision.span, format!("decided {}", decision.value.name()));
    let mut labelled = Vec::new();
    for &c in &deciding {
        let mut findings = Vec::new();
        rules.criteria[c].condition.visit(&mut |e| {
            if let crate::rules::Expr::Finding(f) = e {
                findings.push(*f);
            }
        });
        for f in findings {
            for &m in extraction.values[f].evidence.iter().take(2) {
                let mention = &extraction.mentions[m];
                if labelled.contains(&mention.sentence) {
                    continue;
                }
                labelled.push(mention.sentence);
                diagnostic = diagnostic.with_label(
                    mention.sentence,
                    format!(
                        "`{}` {}: {}",
                        rules.criteria[c].id,
                        criteria[c].name(),
                        stated(rules, f, extraction.values[f].truth)
                    ),
                );
            }
        }
        if !deciding.iter().any(|&d| d != c) {
            break;
        }
    }
    let help: Vec<String> = deciding.iter().map(|&c| criterion_help(rules, c)).collect();
    diagnostic.with_help(help.join("\n"))
}

/// An item's facts besides its findings, as conditions read them.
pub struct Facts<'a> {
    rules: &'a RuleBase,
    determination: &'a Determination,
    item: &'a Item,
    attended: Attended,
    /// The sections the reviewer's citations name (`None` when they name none): handed in by the
    /// evaluation, which resolved them to choose the item's rules, or else resolved when a condition
    /// first asks.
    cited: OnceCell<Option<Vec<usize>>>,
}

impl<'a> Facts<'a> {
    pub fn new(
        rules: &'a RuleBase,
        determination: &'a Determination,
        item: &'a Item,
        attended: Attended,
    ) -> Facts<'a> {
        Facts {
            rules,
            determination,
            item,
            attended,
            cited: OnceCell::new(),
        }
    }

    /// The same facts, with the sections the reviewer's citations name already resolved.
    fn with_cited(self, cited: Option<Vec<usize>>) -> Facts<'a> {
        let _ = self.cited.set(cited);
        self
    }
}

impl ItemFacts for Facts<'_> {
    fn measure(&self, m: Measure) -> Option<f64> {
        measure(self.determination, self.item, self.attended, m)
    }

    fn cites(&self, section: usize) -> Truth {
        let cited = self
            .cited
            .get_or_init(|| reviewer_cites(self.rules, self.item));
        match cited {
            // A chapter cited covers its topics, and a topic cited its chapter.
            Some(cited) => Truth::from_bool(cited.iter().any(|&s| {
                s == section
                    || self.rules.sections[s].within == Some(section)
                    || self.rules.sections[section].within == Some(s)
            })),
            None => Truth::Unknown,
        }
    }
}

/// The sections the reviewer's own citations name, when they name any.
fn reviewer_cites(rules: &RuleBase, item: &Item) -> Option<Vec<usize>> {
    let block = item.imro_citations.as_ref()?;
    let mut cited: Vec<usize> = block
        .citations
        .iter()
        .flat_map(|c| resolve_citation(rules, c))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    (!cited.is_empty()).then_some(cited)
}

/// The sections a citation names.
pub fn resolve_citation(rules: &RuleBase, citation: &Citation) -> Vec<usize> {
    let sections = &rules.sections;
    let overlaps = |s: usize| {
        sections[s]
            .pages
            .iter()
            .any(|p| citation.pages.iter().any(|c| c.overlaps(p)))
    };
    let named_text = format!(
        "{} {}",
        citation.chapter_title.as_deref().unwrap_or(""),
        citation.topic.as_deref().unwrap_or("")
    );
    let mut named = vec![false; sections.len()];
    for m in crate::context::word_matches(&rules.section_aliases, &named_text) {
        named[rules.section_alias_owners[m.pattern().as_usize()]] = true;
    }
    let aliased = |s: usize| named[s];
    let of_source =
        |src: GuidelineSource| (0..sections.len()).filter(move |&s| sections[s].source == src);
    match citation.source {
        GuidelineSource::MtusAcoem => match citation.chapter {
            Some(n) => of_source(GuidelineSource::MtusAcoem)
                .filter(|&s| sections[s].chapter == Some(n))
                .collect(),
            None => of_source(GuidelineSource::MtusAcoem)
                .filter(|&s| overlaps(s))
                .collect(),
        },
        GuidelineSource::MtusChronicPain => {
            let topics: Vec<usize> = of_source(GuidelineSource::MtusChronicPain)
                .filter(|&s| sections[s].within.is_some() && (overlaps(s) || aliased(s)))
                .collect();
            if topics.is_empty() {
                of_source(GuidelineSource::MtusChronicPain)
                    .filter(|&s| sections[s].within.is_none())
                    .collect()
            } else {
                topics
            }
        }
        GuidelineSource::Odg => {
            let topics: Vec<usize> = of_source(GuidelineSource::Odg)
                .filter(|&s| sections[s].within.is_some() && aliased(s))
                .collect();
            if topics.is_empty() {
                of_source(GuidelineSource::Odg)
                    .filter(|&s| sections[s].within.is_none() && aliased(s))
                    .collect()
            } else {
                topics
            }
        }
        GuidelineSource::MtusOther => of_source(GuidelineSource::MtusOther)
            .filter(|&s| aliased(s))
            .collect(),
        GuidelineSource::Other => Vec::new(),
    }
}

fn citation_mismatches(rules: &RuleBase, item: &Item, applicable: &[usize]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(block) = &item.imro_citations else {
        return out;
    };
    let mut resolved_any = false;
    let mut covered = false;
    for citation in &block.citations {
        let sections = resolve_citation(rules, citation);
        resolved_any |= !sections.is_empty();
        covered |= sections
            .iter()
            .any(|&s| applicable.iter().any(|&r| rules.covers(r, s)));
        if citation.source == GuidelineSource::MtusAcoem && citation.chapter.is_some() {
            for &s in &sections {
                let section = &rules.sections[s];
                let outside: Vec<String> = citation
                    .pages
                    .iter()
                    .filter(|p| !section.pages.iter().any(|r| r.overlaps(p)))
                    .map(ToString::to_string)
                    .collect();
                if !outside.is_empty() && !section.pages.is_empty() {
                    out.push(
                        Diagnostic::new(
                            Code::CitationMismatch,
                            format!(
                                "item {} cites page(s) {} of {}, which spans pages {}",
                                item.index,
                                outside.join(", "),
                                section.title,
                                section.pages_text()
                            ),
                        )
                        .with_label(citation.span, "page(s) outside the cited chapter")
                        .with_help(format!(
                            "the cited pages lie outside {}; check the chapter or the pages",
                            section.title
                        )),
                    );
                }
            }
        }
    }
    if resolved_any && !covered && !applicable.is_empty() {
        let encoded: Vec<String> = applicable
            .iter()
            .flat_map(|&r| {
                rules.rules[r]
                    .sections
                    .iter()
                    .map(|&s| rules.sections[s].title.clone())
            })
            .collect();
        let mut diagnostic = Diagnostic::new(
            Code::CitationMismatch,
            format!(
                "item {}'s cited guideline does not cover the disputed service ({})",
                item.index,
                applicable
                    .iter()
                    .map(|&r| rules.rules[r].category.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        for citation in &block.citations {
            diagnostic = diagnostic.with_label(citation.span, "cited here");
        }
        out.push(diagnostic.with_help(format!(
            "this service is addressed in: {}",
            dedup(encoded).join("; ")
        )));
    }
    out
}

fn dedup(mut list: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.clone()));
    list
}
