//! Extract stage: finds the rule base's findings and the reviewer's conclusion in a letter, each
//! mention read in its sentence through the assertion context.

use crate::context::{Assertion, Category, Cue, Experiencer, Status, Temporality};
use crate::letter::{Determination, Item};
use crate::rules::{
    ConclusionKind, FindingReader, NegatedMeans, PhraseOwner, Region, RuleBase, Truth,
};
use crate::span::Span;
use crate::text::{LogicalText, Passage, Spacing};
use serde::Serialize;
use std::cell::OnceCell;
use std::ops::Range;

/// Why a mention does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ignored {
    /// Part of what a guideline requires or states.
    Guideline,
    Hypothetical,
    /// About the past, for a finding about the current state.
    Historical,
    OtherExperiencer,
    Possible,
    /// Negated, for a finding whose negated mentions say nothing (`negated-means = "unknown"`).
    Negated,
    /// About another treatment: the sentence names other services and none of the item's
    /// (`about-service`).
    OtherService,
    /// In the case summary, about no treatment it names (`about-service`).
    Unattributed,
    /// The sentence names only the other side of the body than the one-sided request does ("MRI of
    /// the right knee showed a tear" for a left knee MRI).
    OtherSide,
    /// The sentence names only body regions that do not bear on the request's ("lumbar treatment has
    /// included physical therapy" for an MRI of the neck).
    OtherBodyRegion,
}

/// How a mention counts for its finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "counts", content = "reason")]
pub enum Counts {
    Present,
    Absent,
    Ignored(Ignored),
}

/// The trigger that decided a mention's context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    pub phrase: String,
    pub category: &'static str,
    pub span: Span,
    /// The trigger hedges a diagnosis ("possible"): a later denial in its sentence settles the finding.
    #[serde(skip)]
    pub hedge: bool,
}

impl Trigger {
    /// A trigger that sets a mention aside for what its sentence names (a body region, a service, a
    /// date, a side), not for a context lexicon's cue.
    fn set_aside_by(phrase: String, category: &'static str, span: Span) -> Trigger {
        Trigger {
            phrase,
            category,
            span,
            hedge: false,
        }
    }
}

/// One place where a finding is mentioned.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    #[serde(skip)]
    pub finding: usize,
    pub region: Region,
    pub span: Span,
    pub sentence: Span,
    #[serde(skip)]
    pub assertion: Assertion,
    pub counts: Counts,
    pub trigger: Option<Trigger>,
    /// The sentence refers to this patient ("he", "this patient", "in this case").
    #[serde(skip)]
    pub about_patient: bool,
    /// Read from a phrase or pattern that states the finding absent by a sign of it ("straight leg
    /// raise was negative" for radicular pain), not from a mention of the finding itself. A finding
    /// about the requested treatment (`about-service`) has no signs: its absent phrases state it.
    #[serde(skip)]
    pub by_sign: bool,
    /// For a finding about the requested treatment (`about-service`): the rules whose services the
    /// sentence names before the mention ends, each with the phrase that names it.
    #[serde(skip)]
    pub services_named: Vec<(usize, Trigger)>,
    /// Outside the request line: the body regions the sentence names (a bit set, see
    /// [`crate::context::ContextEngine::body_regions_named`]), and the words that first name one.
    #[serde(skip)]
    pub body_regions: u64,
    #[serde(skip)]
    pub body_region_named: Option<Trigger>,
}

/// What the letter says about one finding.
#[derive(Debug, Clone, Serialize)]
pub struct FindingValue {
    pub truth: Truth,
    /// The region whose mentions decided it.
    pub region: Option<Region>,
    /// Indexes into [`Extraction::mentions`] of the mentions that decided it.
    pub evidence: Vec<usize>,
    /// What the case summary alone says of the finding, when the rationale decided it the other way
    /// (the truth and the summary's mentions): the record the reviewer summarized disagrees with the
    /// reviewer's own finding.
    #[serde(skip)]
    pub summary_disagrees: Option<(Truth, Vec<usize>)>,
}

/// The reviewer's own conclusion about the request.
#[derive(Debug, Clone, Serialize)]
pub struct Conclusion {
    /// True when the rationale concludes the service is medically necessary.
    pub necessary: bool,
    pub span: Span,
    pub sentence: Span,
    pub phrase: String,
}

/// Everything read from one item.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub values: Vec<FindingValue>,
    pub conclusion: Option<Conclusion>,
    /// Where the rationale says the records conflict on a fact, or cannot settle it ("The records
    /// conflict as to whether a left knee injection has already been given").
    pub unresolved: Option<Span>,
    /// The body regions the service line names, one bit each (see
    /// [`crate::context::ContextEngine::body_regions_named`]); none for a passage.
    pub requested_regions: u64,
}

/// A region of the letter prepared for reading: logical text, sentences, and which sentences sit
/// inside a quotation of a guideline.
struct Prepared {
    logical: LogicalText,
    sentences: Vec<Range<usize>>,
    /// Each sentence's context cues, scanned the first time a reader needs them: findings, quotes
    /// and the conclusion all read the same sentences.
    cues: Vec<OnceCell<Vec<Cue>>>,
    quoted_guideline: Vec<bool>,
}

impl Prepared {
    fn new(rules: &RuleBase, text: &str, region: Span, spacing: Spacing) -> Prepared {
        Prepared::from_passage(rules, Passage::new(text, region, spacing))
    }

    fn from_passage(rules: &RuleBase, passage: Passage) -> Prepared {
        let Passage {
            logical, sentences, ..
        } = passage;
        let mut prepared = Prepared {
            logical,
            cues: (0..sentences.len()).map(|_| OnceCell::new()).collect(),
            sentences,
            quoted_guideline: Vec::new(),
        };
        prepared.quoted_guideline = quoted_guideline_sentences(rules, &prepared);
        prepared
    }

    /// The context cues of sentence `s`, offsets relative to the sentence.
    fn cues(&self, rules: &RuleBase, s: usize) -> &[Cue] {
        self.cues[s].get_or_init(|| {
            let mut cues = Vec::new();
            rules
                .context
                .scan(&self.logical.as_str()[self.sentences[s].clone()], &mut cues);
            cues
        })
    }

    fn sentence_of(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}

/// Sentences that lie inside a quotation opened after a guideline trigger ("MTUS states, "Pain should
/// be assessed... "), which may run over several sentences.
fn quoted_guideline_sentences(rules: &RuleBase, prepared: &Prepared) -> Vec<bool> {
    let text = prepared.logical.as_str();
    let sentences = &prepared.sentences;
    let mut out = vec![false; sentences.len()];
    let mut open = false;
    let mut open_is_guideline = false;
    for (k, range) in sentences.iter().enumerate() {
        let sentence = &text[range.clone()];
        if open && open_is_guideline {
            out[k] = true;
        }
        if !sentence.contains(['"', '\u{201c}', '\u{201d}']) {
            continue;
        }
        for (i, c) in sentence.char_indices() {
            let opens = match c {
                '\u{201c}' => true,
                '\u{201d}' => false,
                // An inch mark ("5'4"", a double prime written as a quote) quotes nothing; after a
                // quote opened, a digit's quote closes it ("pain remains "8-9/10"").
                '"' if !open && sentence[..i].ends_with(|b: char| b.is_ascii_digit()) => continue,
                '"' => !open,
                _ => continue,
            };
            if opens && !open {
                // Introduced as the guideline's words, or saying in its own words what a guideline
                // says: "\"A 'good' response to the use of AEDs has been defined as a 50% reduction
                // ... It has been reported that ..."
                let closes = sentence[i + c.len_utf8()..]
                    .find(['"', '\u{201d}'])
                    .map_or(sentence.len(), |at| i + c.len_utf8() + at);
                let of_guideline = prepared.cues(rules, k).iter().any(|cue| {
                    let (_, category) = rules.context.describe(cue);
                    category == Category::Guideline
                        && (((cue.end as usize) <= i && i < cue.scope_end as usize)
                            || (i < cue.start as usize && (cue.end as usize) <= closes))
                });
                open_is_guideline = out[k] || of_guideline;
                open = true;
            } else if !opens {
                open = false;
            }
        }
        // A quote left open at the end of the paragraph closes there.
        if range.end == text.len() || text[range.end..].starts_with('\n') {
            open = false;
        }
    }
    out
}

/// A place where a reader found a finding.
struct Hit {
    sentence: usize,
    start: usize,
    end: usize,
    owner: PhraseOwner,
    source: FoundBy,
}

/// What found a hit: among equal hits, the one found first in the rule base's order of phrases, then
/// patterns, is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FoundBy {
    Phrase(usize),
    Pattern(usize),
}

/// Whether the mention states its finding absent and only a date makes it historical ("weaned off
/// hydrocodone in 2013"): the absence stands now.
fn dated_absence(rules: &RuleBase, owner: PhraseOwner, assertion: &Assertion) -> bool {
    !owner.present
        && assertion
            .temporality_cue
            .is_some_and(|cue| rules.context.lexicon().entries[cue.trigger as usize].keeps_absences)
}

/// How a mention counts, given its assertion and where it starts in its sentence (`start`).
fn counts_of(
    rules: &RuleBase,
    owner: PhraseOwner,
    assertion: &Assertion,
    start: usize,
    opens_with_negation: bool,
) -> Counts {
    let finding = &rules.findings[owner.finding];
    if assertion.guideline_statement {
        return Counts::Ignored(Ignored::Guideline);
    }
    if assertion.experiencer == Experiencer::Other && !finding.about_others {
        return Counts::Ignored(Ignored::OtherExperiencer);
    }
    match assertion.temporality {
        Temporality::Hypothetical
            if !(finding.planned || finding.expected && assertion.expected) =>
        {
            return Counts::Ignored(Ignored::Hypothetical)
        }
        Temporality::Historical if !finding.history && !dated_absence(rules, owner, assertion) => {
            return Counts::Ignored(Ignored::Historical)
        }
        _ => {}
    }
    let stated_present = match assertion.status {
        // A suspicion is what a diagnostic test is for: "suspected CRPS" indicates a bone scan.
        Status::Possible if finding.suspected && owner.present => true,
        Status::Possible => return Counts::Ignored(Ignored::Possible),
        Status::Affirmed => owner.present,
        Status::Negated => {
            if !owner.present {
                // An absence stated inside a negation ("no effusion and a negative McMurray") is a
                // list running on, not a double negative: it stays an absence. "No documentation that
                // the examination was normal" says nothing either way. But a negation reaching into
                // the absence's own words ("has not improved with physical therapy") denies it,
                // unless the absence opens with that negation itself ("with no change in her
                // symptoms", read by "no change in ... symptoms").
                let denied = !opens_with_negation
                    && assertion.status_cue.is_some_and(|cue| {
                        cue.start as usize <= start && start <= cue.end as usize + 1
                    });
                return if assertion.undocumented {
                    Counts::Ignored(Ignored::Possible)
                } else if denied {
                    Counts::Present
                } else {
                    Counts::Absent
                };
            }
            // "no aberrant behaviour" documents an assessment; "not discussed" documents nothing.
            match finding.negated_means {
                NegatedMeans::Unknown => return Counts::Ignored(Ignored::Negated),
                NegatedMeans::Present => !assertion.undocumented,
                NegatedMeans::Absent => false,
            }
        }
    };
    if stated_present {
        Counts::Present
    } else {
        Counts::Absent
    }
}

fn trigger_of(
    rules: &RuleBase,
    prepared: &Prepared,
    sentence_start: usize,
    cue: Option<Cue>,
) -> Option<Trigger> {
    let cue = cue?;
    let (phrase, category) = rules.context.describe(&cue);
    let range = sentence_start + cue.start as usize..sentence_start + cue.end as usize;
    Some(Trigger {
        phrase: phrase.to_string(),
        category: category.name(),
        span: prepared.logical.original_span(range),
        hedge: rules.context.is_hedge(&cue),
    })
}

/// The match of `regex` that ends where `m` ends and starts in the latest clause of `m` that still
/// matches: a pattern's gap may reach back over a comma into another clause ("There is no radicular
/// pain here, and the back pain has been present for two years" matches from the first "pain"), whose
/// negation is not the finding's.
fn latest_clause_match(
    regex: &regex::Regex,
    text: &str,
    m: regex::Match<'_>,
) -> std::ops::Range<usize> {
    let mut latest = m.range();
    for (comma, _) in text[m.range()].match_indices(", ") {
        let from = m.start() + comma + 2;
        if let Some(later) = regex.find_at(text, from) {
            if later.end() == m.end() {
                latest = later.range();
            }
        }
    }
    latest
}

/// Reads the findings of `readers` that may be read in `region` from the prepared text.
fn read_region(
    rules: &RuleBase,
    readers: &[&FindingReader],
    prepared: &Prepared,
    region: Region,
    out: &mut Vec<Mention>,
) {
    let text = prepared.logical.as_str();
    let mut hits: Vec<Hit> = Vec::new();
    let reads = |owner: &PhraseOwner| rules.findings[owner.finding].read_in.contains(&region);
    // A phrase a reviewer put in quotation marks ('no documented "red flag" symptoms') is still the
    // phrase: phrases are matched with the marks taken out, and the matches mapped back.
    let unquoted: Option<(String, Vec<usize>)> =
        text.contains(['"', '\u{201c}', '\u{201d}']).then(|| {
            let mut unquoted = String::with_capacity(text.len());
            let mut back: Vec<usize> = Vec::with_capacity(text.len() + 1);
            for (i, c) in text.char_indices() {
                if !matches!(c, '"' | '\u{201c}' | '\u{201d}') {
                    unquoted.push(c);
                    back.extend(std::iter::repeat_n(i, c.len_utf8()));
                }
            }
            back.push(text.len());
            (unquoted, back)
        });
    let haystack = unquoted.as_ref().map_or(text, |(u, _)| u.as_str());
    let to_text = |at: usize| unquoted.as_ref().map_or(at, |(_, back)| back[at]);
    for reader in readers {
        for m in crate::context::word_matches(&reader.phrases, haystack) {
            let phrase = reader.phrase_ids[m.pattern().as_usize()];
            let owner = rules.finding_phrase_owners[phrase];
            if !reads(&owner) {
                continue;
            }
            let start = to_text(m.start());
            let last = to_text(m.end() - 1);
            let end = last + text[last..].chars().next().map_or(1, char::len_utf8);
            if let Some(s) = prepared.sentence_of(start) {
                hits.push(Hit {
                    sentence: s,
                    start,
                    end: end.min(prepared.sentences[s].end),
                    owner,
                    source: FoundBy::Phrase(phrase),
                });
            }
        }
    }
    // One pass per reader finds which patterns match at all; only those are run for their positions,
    // once each however many readers hold them.
    let mut candidates: Vec<usize> = readers
        .iter()
        .flat_map(|reader| reader.candidate_patterns(text))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    for index in candidates {
        let (regex, owner) = &rules.finding_patterns[index];
        if !reads(owner) {
            continue;
        }
        for m in regex.find_iter(text) {
            let m = latest_clause_match(regex, text, m);
            if let Some(s) = prepared.sentence_of(m.start) {
                hits.push(Hit {
                    sentence: s,
                    start: m.start,
                    end: m.end.min(prepared.sentences[s].end),
                    owner: *owner,
                    source: FoundBy::Pattern(index),
                });
            }
        }
    }
    // Within one finding, a mention inside a longer one ("radicular" in "non-radicular") is the
    // longer one; a mention two readers found is one mention. Of two matching the same words, the
    // absence is the rule editor's exception to the presence ("a body mass index of less than 40").
    hits.sort_by_key(|h| {
        (
            h.sentence,
            h.owner.finding,
            h.start,
            std::cmp::Reverse(h.end),
            h.owner.present,
            h.source,
        )
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        if let Some(last) = kept.last() {
            if last.sentence == hit.sentence
                && last.owner.finding == hit.owner.finding
                && hit.start >= last.start
                && hit.end <= last.end
            {
                continue;
            }
        }
        kept.push(hit);
    }
    // A neutral phrase has done its work once it has hidden the matches inside it.
    kept.retain(|hit| !hit.owner.neutral);
    let mut about_patient: Vec<Option<bool>> = vec![None; prepared.sentences.len()];
    let mut regions_named: Vec<Option<(u64, Option<Trigger>)>> =
        vec![None; prepared.sentences.len()];
    let mut services_named: Vec<Option<Vec<(usize, usize, Trigger)>>> =
        vec![None; prepared.sentences.len()];
    for Hit {
        sentence: s,
        start,
        end,
        owner,
        source,
    } in kept
    {
        let sentence = prepared.sentences[s].clone();
        let names_patient = *about_patient[s]
            .get_or_insert_with(|| rules.context.names_patient(&text[sentence.clone()]));
        let assertion = if region == Region::Request {
            Assertion::PLAIN
        } else {
            let mut a = rules.context.assert(
                prepared.cues(rules, s),
                start - sentence.start..end - sentence.start,
            );
            if prepared.quoted_guideline[s] && !a.guideline_statement {
                a.guideline_statement = true;
            }
            a
        };
        let opens_with_negation = !owner.present
            && text[start..end]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| rules.context.is_negation_word(w));
        let counts = counts_of(
            rules,
            owner,
            &assertion,
            start - sentence.start,
            opens_with_negation,
        );
        let trigger = trigger_of(rules, prepared, sentence.start, assertion.deciding_cue());
        // What a sentence is about is named before the finding ("Norco has been prescribed since
        // 2016"); a service named after it is more often its outcome ("a trial ... halved his Norco
        // use").
        // Every finding's sentence is read for the services it names, to tell which of two requests
        // under one rule it speaks of (`set_aside_other_items`).
        let services_named = if region != Region::Request {
            if services_named[s].is_none() {
                let mut named = services_named_in(rules, prepared, sentence.clone());
                // "Since then ..." speaks of what the sentence before named, as if it opened the
                // sentence.
                if s > 0 && rules.context.continues_previous(&text[sentence.clone()]) {
                    let before = services_named[s - 1].get_or_insert_with(|| {
                        services_named_in(rules, prepared, prepared.sentences[s - 1].clone())
                    });
                    for (rule, _, trigger) in before.iter() {
                        if named.iter().all(|(r, _, _)| r != rule) {
                            named.push((*rule, sentence.start, trigger.clone()));
                        }
                    }
                }
                services_named[s] = Some(named);
            }
            // A clause after a semicolon that names services of its own speaks of those: "...
            // and Fioricet as needed; Lidoderm patches were newly prescribed".
            let clause_start = text[sentence.start..start]
                .rfind(';')
                .map_or(sentence.start, |p| sentence.start + p);
            let named = services_named[s].as_ref().expect("filled above");
            let from = if named
                .iter()
                .any(|&(_, at, _)| at >= clause_start && at < end)
            {
                clause_start
            } else {
                sentence.start
            };
            named
                .iter()
                .filter(|(_, at, _)| *at >= from && *at < end)
                .map(|(rule, _, trigger)| (*rule, trigger.clone()))
                .collect()
        } else {
            Vec::new()
        };
        // Which parts of the body the mention speaks of, for requests that name one
        // (`set_aside_other_body_region`): its sentence's, or, for a finding placed by its phrases,
        // those the phrase's own words name ("a right open carpal tunnel release" in a sentence that
        // also tells of the shoulder's repair). Only such findings: "ankle clonus" is a sign of the
        // neck's myelopathy.
        let regions_at = |range: std::ops::Range<usize>| {
            let named = rules.context.body_regions_named(&text[range.clone()]);
            let trigger = named.first.map(|at| {
                let at = range.start + at.start..range.start + at.end;
                Trigger::set_aside_by(
                    text[at.clone()].to_string(),
                    "body region",
                    prepared.logical.original_span(at),
                )
            });
            (named.regions, trigger)
        };
        let (body_regions, body_region_named) = if region != Region::Request {
            let own = match source {
                FoundBy::Phrase(_) if rules.findings[owner.finding].placed_by_phrase => {
                    regions_at(start..end)
                }
                _ => (0, None),
            };
            if own.0 != 0 {
                own
            } else {
                regions_named[s]
                    .get_or_insert_with(|| regions_at(sentence.clone()))
                    .clone()
            }
        } else {
            (0, None)
        };
        out.push(Mention {
            finding: owner.finding,
            region,
            span: prepared.logical.original_span(start..end),
            sentence: prepared.logical.original_span(sentence),
            assertion,
            counts,
            trigger,
            about_patient: names_patient,
            by_sign: !owner.present
                && !rules.findings[owner.finding].about_service
                && !rules.findings[owner.finding].absent_denies,
            services_named,
            body_regions,
            body_region_named,
        });
    }
}

/// The rules whose services the sentence `range` names, in order, each phrase with where it starts (a
/// logical offset): "Percocet ... morphine" names the opioid rules twice.
fn services_named_in(
    rules: &RuleBase,
    prepared: &Prepared,
    range: Range<usize>,
) -> Vec<(usize, usize, Trigger)> {
    let text = &prepared.logical.as_str()[range.clone()];
    let mut matches: Vec<(usize, aho_corasick::Match)> = rules.services_named(text).collect();
    matches.sort_by_key(|(rule, m)| (m.start(), *rule));
    let mut named: Vec<(usize, usize, Trigger)> = Vec::new();
    for (rule, m) in matches {
        let phrase = &text[m.range()];
        // "he reduced tramadol from three tablets to one", "Norco stopped": what another treatment
        // changed.
        if rules
            .context
            .names_outcome(&text[..m.start()], &text[m.end()..])
        {
            continue;
        }
        if named
            .iter()
            .all(|(r, _, t)| *r != rule || !t.phrase.eq_ignore_ascii_case(phrase))
        {
            let at = range.start + m.start()..range.start + m.end();
            named.push((
                rule,
                at.start,
                Trigger::set_aside_by(
                    phrase.to_string(),
                    "service",
                    prepared.logical.original_span(at),
                ),
            ));
        }
    }
    named
}

/// Sets aside the mentions of findings about the requested treatment whose sentences speak of other
/// services only: those of another of the letter's requests, or of a treatment the patient had.
fn set_aside_other_services(rules: &RuleBase, mentions: &mut [Mention], rule_ids: &[usize]) {
    for mention in mentions {
        let finding = &rules.findings[mention.finding];
        if !(finding.about_service || finding.about_named_service)
            || !matches!(mention.counts, Counts::Present | Counts::Absent)
        {
            continue;
        }
        let named = &mention.services_named;
        if named.iter().any(|(rule, _)| rule_ids.contains(rule)) {
            continue;
        }
        if let Some((_, service)) = named.first() {
            mention.counts = Counts::Ignored(Ignored::OtherService);
            mention.trigger = Some(service.clone());
        } else if finding.about_service && mention.region == Region::Summary {
            // The case summary tells of every treatment: what it says of one it does not name ("he
            // returned to full duty") cannot be laid to the request. The rationale speaks of it.
            mention.counts = Counts::Ignored(Ignored::Unattributed);
        }
    }
}

/// Sets aside the mentions, of any finding, whose sentences name another of the letter's requests and
/// not this one, where both fall under one of this item's rules: "the May urine test was
/// negative for oxycodone" after "no Percocet fill after 04/2017" speaks of the Percocet request, not
/// of the morphine request beside it.
fn set_aside_other_items(
    text: &str,
    determination: &Determination,
    item: &Item,
    rule_ids: &[usize],
    mentions: &mut [Mention],
) {
    let own = item.service.value.to_lowercase();
    let others: Vec<String> = determination
        .items
        .iter()
        .filter(|other| other.index != item.index)
        .map(|other| other.service.value.to_lowercase())
        .collect();
    if others.is_empty() {
        return;
    }
    for mention in mentions {
        if !matches!(mention.counts, Counts::Present | Counts::Absent)
            || mention.services_named.is_empty()
        {
            continue;
        }
        let named = &mention.services_named;
        if named.iter().any(|(_, t)| words_within(&own, &t.phrase)) {
            continue;
        }
        // A service named in an earlier clause of the sentence, before a semicolon, is that clause's:
        // "... negative for oxycodone; the CURES report lists two early refills" tells of the patient.
        let same_clause = |t: &Trigger| {
            text.get(t.span.end()..mention.span.offset)
                .is_none_or(|between| !between.contains(';'))
        };
        // Only another request under one of this item's rules: a sentence naming the EMG still
        // speaks to the MRI requested beside it.
        if let Some((_, other)) = named.iter().find(|(rule, t)| {
            rule_ids.contains(rule)
                && others.iter().any(|o| words_within(o, &t.phrase))
                && same_clause(t)
        }) {
            mention.counts = Counts::Ignored(Ignored::OtherService);
            mention.trigger = Some(other.clone());
        }
    }
}

/// Whether the words of `phrase` stand in `service` as whole words, ignoring case (`service` is
/// lower-cased).
fn words_within(service: &str, phrase: &str) -> bool {
    let phrase = phrase.to_lowercase();
    service.match_indices(&phrase).any(|(at, _)| {
        let before = service[..at].chars().next_back();
        let after = service[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Turns into absences the present mentions of a finding that must be recent (`recent-within-months`)
/// whose sentences are dated, at their latest date, more than that many months before the letter's
/// date: "the last urine drug test, on 10/19/2022" is no recent test in a letter of 2024. An undated
/// sentence, or a letter without a date, leaves the mention as it is.
fn out_of_date_as_absent(
    rules: &RuleBase,
    text: &str,
    determination: &Determination,
    mentions: &mut [Mention],
) {
    let Some(reference) = determination.dates.reference().map(|d| d.value) else {
        return;
    };
    for mention in mentions {
        let Some(months) = rules.findings[mention.finding].recent_within_months else {
            continue;
        };
        if mention.counts != Counts::Present {
            continue;
        }
        let latest = text.get(mention.sentence.range()).and_then(|sentence| {
            crate::letter::date::find_dates(sentence)
                .into_iter()
                .map(|(d, _)| d)
                .max()
        });
        // A month is taken as 30.44 days: a year is 365 or 366.
        let limit = (f64::from(months) * 30.44).round() as i64;
        if let Some(date) = latest.filter(|date| date.days_until(&reference) > limit) {
            // What was done too long ago is not what must be recent: "the last urine drug test, on
            // 10/19/2022" states that no test was done in the current period.
            mention.counts = Counts::Absent;
            mention.trigger = Some(Trigger::set_aside_by(
                date.to_string(),
                "date",
                mention.sentence,
            ));
        }
    }
}

/// Where the paragraph holding byte `at` starts: after the last blank line before it, looking back at
/// most a few lines' worth.
fn paragraph_start(text: &str, at: usize) -> usize {
    const REACH: usize = 1500;
    let mut from = at.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    let breaks: Vec<usize> = before.match_indices('\n').map(|(k, _)| k).collect();
    // A whole line between two breaks that is blank ends the search; the paragraph starts after it.
    breaks
        .windows(2)
        .rev()
        .find(|w| before[w[0] + 1..w[1]].trim().is_empty())
        .map_or(from, |w| from + w[1] + 1)
}

/// The side of the body a one-sided request names ("MRI of the left knee").
fn one_side(item: &Item) -> Option<crate::letter::request::Laterality> {
    use crate::letter::request::Laterality;
    match item.request.laterality.as_ref().map(|l| l.value) {
        Some(side @ (Laterality::Left | Laterality::Right)) => Some(side),
        _ => None,
    }
}

/// Sets aside the mentions whose sentences speak only of the other side of the body than a one-sided
/// request: a case summary tells of both knees, and a left knee's request is not met by the right
/// knee's tear.
fn set_aside_other_side(text: &str, item: &Item, mentions: &mut [Mention]) {
    use crate::letter::request::{
        one_side_named, paragraph_side_label, side_just_before, side_shortly_before, SideNamed,
    };
    let Some(side) = one_side(item) else {
        return;
    };
    // A region's mentions come sentence by sentence: each sentence is read for its side once.
    let mut read: Option<(Span, Option<SideNamed>)> = None;
    for mention in mentions {
        if mention.region == Region::Request
            || !matches!(mention.counts, Counts::Present | Counts::Absent)
        {
            continue;
        }
        // The side named right before the mention places it, whatever else its sentence names:
        // "bilateral knee osteoarthritis, ... and right rotator cuff tear".
        let mut from = mention
            .span
            .offset
            .saturating_sub(48)
            .max(mention.sentence.offset);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..mention.span.offset);
        let adjacent = before
            .and_then(|b| side_just_before(b).or_else(|| side_shortly_before(b)))
            .map(|(named, at)| (named, from + at.start..from + at.end));
        let named = match &read {
            Some((sentence, named)) if *sentence == mention.sentence => named.clone(),
            _ => {
                // A sentence naming no side, in a paragraph labelled with one ("Left shoulder: ...
                // Examination shows positive Neer and Hawkins signs"), is of that side. Ranges are
                // where the side is named in the letter.
                let sentence = mention.sentence.offset;
                let named = text
                    .get(mention.sentence.range())
                    .and_then(one_side_named)
                    .map(|(side, at)| (side, sentence + at.start..sentence + at.end))
                    .or_else(|| {
                        let start = paragraph_start(text, sentence);
                        let opening = text.get(start..sentence.min(start + 60))?;
                        let (labelled, at) = paragraph_side_label(opening)?;
                        Some((labelled, start + at.start..start + at.end))
                    });
                read = Some((mention.sentence, named.clone()));
                named
            }
        };
        // A mention that names one side itself ("radiographs showed right knee joint space
        // narrowing with osteophytes") is of that side, whatever else its sentence names.
        let within = || {
            text.get(mention.span.range())
                .and_then(one_side_named)
                .map(|(side, at)| {
                    (
                        side,
                        mention.span.offset + at.start..mention.span.offset + at.end,
                    )
                })
        };
        let named = adjacent.or_else(within).or(named);
        if let Some((_, at)) = named.filter(|(named, _)| *named != side) {
            let offset = at.start;
            mention.counts = Counts::Ignored(Ignored::OtherSide);
            mention.trigger = Some(Trigger::set_aside_by(
                text[offset..offset + at.len()].to_string(),
                "side",
                Span::new(offset, at.len()),
            ));
        }
    }
}

/// Sets aside, outside the request line, the mentions whose sentence names body regions and none that
/// bears on the regions the request names (`requested`, read from the service line): what the case
/// summary says of the low back is no finding for an MRI of the neck. A request that names no region, a
/// sentence that names none, and a fact about the patient as a whole (`whole-patient`) are left alone.
fn set_aside_other_body_region(rules: &RuleBase, requested: u64, mentions: &mut [Mention]) {
    if requested == 0 {
        return;
    }
    let bearing = rules.context.regions_bearing_on(requested);
    for mention in mentions {
        let elsewhere = mention.body_regions != 0 && mention.body_regions & bearing == 0;
        if elsewhere
            && mention.region != Region::Request
            && matches!(mention.counts, Counts::Present | Counts::Absent)
            && !rules.findings[mention.finding].whole_patient
        {
            mention.counts = Counts::Ignored(Ignored::OtherBodyRegion);
            mention.trigger = mention.body_region_named.clone();
        }
    }
}

/// The findings of the case summary, read once per letter and shared by its items.
#[derive(Debug, Clone, Default)]
pub struct SummaryReading {
    mentions: Vec<Mention>,
}

/// Reads the case summary for the findings of rules `rule_ids` (those of all the letter's items).
pub fn read_summary(
    rules: &RuleBase,
    text: &str,
    determination: &Determination,
    rule_ids: &[usize],
) -> SummaryReading {
    read_summary_with(rules, &readers_of(rules, rule_ids), text, determination)
}

fn read_summary_with(
    rules: &RuleBase,
    readers: &[&FindingReader],
    text: &str,
    determination: &Determination,
) -> SummaryReading {
    let mut mentions = Vec::new();
    if let Some(summary) = determination.case_summary.filter(|_| !readers.is_empty()) {
        let prepared = match &determination.summary_text {
            Some(passage) if passage.region == summary => {
                Prepared::from_passage(rules, passage.clone())
            }
            _ => Prepared::new(rules, text, summary, determination.spacing),
        };
        read_region(rules, readers, &prepared, Region::Summary, &mut mentions);
    }
    SummaryReading { mentions }
}

fn readers_of<'r>(rules: &'r RuleBase, rule_ids: &[usize]) -> Vec<&'r FindingReader> {
    rule_ids.iter().map(|&r| rules.rule_reader(r)).collect()
}

/// Reads one item for the findings of its rules `rule_ids`: its request line, its rationale, and the
/// shared case summary.
pub fn read_item(
    rules: &RuleBase,
    text: &str,
    determination: &Determination,
    item: &Item,
    rule_ids: &[usize],
    summary: &SummaryReading,
) -> Extraction {
    let readers = readers_of(rules, rule_ids);
    read_item_with(
        rules,
        &readers,
        rule_ids,
        text,
        determination,
        item,
        summary,
    )
}

/// What the letter's other items request and certify, read for the findings that hold planned care
/// (`planned = true`): the surgery an inpatient stay or a course of therapy attends may be asked for only
/// as an item of its own ("1. LEFT L5-S1 MICRODISCECTOMY" / "4. INPATIENT STAY x 2 DAYS"), the case
/// summary silent on it.
fn planned_in_other_requests(
    rules: &RuleBase,
    readers: &[&FindingReader],
    text: &str,
    determination: &Determination,
    item: &Item,
) -> Vec<Mention> {
    let mut mentions = Vec::new();
    // A request the letter upholds will not be carried out: only a certified one is planned.
    for other in &determination.items {
        let certified = other
            .decision
            .as_ref()
            .is_some_and(|d| d.value == crate::letter::Decision::Overturned);
        if other.index == item.index || !certified {
            continue;
        }
        let request = Prepared::new(rules, text, other.service.span, determination.spacing);
        read_region(rules, readers, &request, Region::Summary, &mut mentions);
    }
    mentions.retain(|m| rules.findings[m.finding].planned && m.counts == Counts::Present);
    mentions
}

fn read_item_with(
    rules: &RuleBase,
    readers: &[&FindingReader],
    rule_ids: &[usize],
    text: &str,
    determination: &Determination,
    item: &Item,
    summary: &SummaryReading,
) -> Extraction {
    let mut mentions = Vec::new();
    let service = item.service.span;
    let request = Prepared::new(rules, text, service, determination.spacing);
    let requested_regions = rules
        .context
        .body_regions_named(request.logical.as_str())
        .regions;
    read_region(rules, readers, &request, Region::Request, &mut mentions);
    let mut conclusion = None;
    let mut unresolved = None;
    let mut rationale_text = None;
    if let Some(rationale) = item.rationale {
        let prepared = Prepared::new(rules, text, rationale, determination.spacing);
        read_region(rules, readers, &prepared, Region::Rationale, &mut mentions);
        conclusion = read_conclusion(
            rules,
            &prepared,
            item.decision.as_ref().map(|d| d.span),
            one_side(item),
        );
        unresolved = read_unresolved(rules, &prepared);
        // A decision stated after the rationale in sentences wrapped over lines ("Determination: The
        // request is not medically necessary. The Utilization Review decision is" / "upheld.") states
        // the reviewer's last conclusion, as the rationale's own last sentences would.
        let conclusion_in = |span: Span| {
            let sentence = Prepared::new(rules, text, span, determination.spacing);
            read_conclusion(rules, &sentence, None, None)
        };
        if let Some(after) = decision_after(text, item, rationale) {
            conclusion = conclusion_in(after).or(conclusion);
        }
        if conclusion.is_none() {
            conclusion =
                sentence_after_decision_word(text, item, rationale).and_then(conclusion_in);
        }
        rationale_text = Some(prepared.logical);
    }
    mentions.extend(summary.mentions.iter().cloned());
    set_aside_other_services(rules, &mut mentions, rule_ids);
    set_aside_other_items(text, determination, item, rule_ids, &mut mentions);
    mentions.extend(planned_in_other_requests(
        rules,
        readers,
        text,
        determination,
        item,
    ));
    set_aside_other_side(text, item, &mut mentions);
    set_aside_other_body_region(rules, requested_regions, &mut mentions);
    out_of_date_as_absent(rules, text, determination, &mut mentions);
    let mut values = values_of(rules, text, &mentions);
    // Where the rationale speaks of the summary itself, the reviewer has weighed the two.
    let disagreeing = values.iter().any(|v| v.summary_disagrees.is_some());
    if disagreeing
        && rationale_text.is_some_and(|logical| rules.context.names_summary(logical.as_str()))
    {
        for value in &mut values {
            value.summary_disagrees = None;
        }
    }
    Extraction {
        mentions,
        values,
        conclusion,
        unresolved,
        requested_regions,
    }
}

/// The first statement, in the reviewer's own voice, that the records conflict on a fact or cannot
/// settle it (`unresolved` in `conclusions.toml`): "there are no conflicting reports" denies a
/// conflict, and a guideline's words are not the reviewer's.
fn read_unresolved(rules: &RuleBase, prepared: &Prepared) -> Option<Span> {
    let text = prepared.logical.as_str();
    rules
        .unresolved_set
        .candidates(text)
        .into_iter()
        .flat_map(|k| rules.unresolved[k].find_iter(text))
        .filter_map(|m| {
            let s = prepared.sentence_of(m.start())?;
            let sentence = prepared.sentences[s].clone();
            let end = m.end().min(sentence.end);
            let a = rules.context.assert(
                prepared.cues(rules, s),
                m.start() - sentence.start..end - sentence.start,
            );
            (a.status == Status::Affirmed && !a.guideline_statement).then_some(m.range())
        })
        .min_by_key(|range| range.start)
        .map(|range| prepared.logical.original_span(range))
}

/// Most bytes between a rationale's end and the end of the decision after it that are read as the
/// decision's sentence: a decision line, wrapped over a few lines.
const DECISION_AFTER_REACH: usize = 400;

/// The text from the end of `rationale` to the end of the item's decision, when the decision follows
/// the rationale closely, in a sentence wrapped onto the decision's line. A decision line of its own
/// ("Decision: Upheld (not medically necessary)") is the outcome, not the reviewer's reasoning.
fn decision_after(text: &str, item: &Item, rationale: Span) -> Option<Span> {
    let decision = decision_below(item, rationale)?;
    let (from, to) = (rationale.end(), decision.end());
    let before = text.get(from..decision.offset)?.trim_start();
    before.contains('\n').then(|| Span::from_range(from..to))
}

/// The item's decision when it is stated within reach below its rationale: a decision from a list or
/// table outside the item is no sentence of the reviewer's after it.
fn decision_below(item: &Item, rationale: Span) -> Option<Span> {
    let decision = item.decision.as_ref()?.span;
    let (from, to) = (rationale.end(), decision.end());
    (from <= decision.offset && to - from <= DECISION_AFTER_REACH && to <= item.span.end())
        .then_some(decision)
}

/// The sentences after a labelled decision word below the rationale ("Decision: Overturned.
/// Oxycodone 15 mg #105 is medically necessary."): the reviewer's conclusion when the rationale states
/// none.
fn sentence_after_decision_word(text: &str, item: &Item, rationale: Span) -> Option<Span> {
    let decision = decision_below(item, rationale)?;
    let (from, to) = (rationale.end(), decision.end());
    let label = text.get(from..decision.offset)?.trim();
    if !label.ends_with(':') || label.len() > 40 || label.contains(['.', '\n']) {
        return None;
    }
    // To the end of the sentence, which may wrap over a few lines ("Therapy is certified for 6" / "of
    // the 12 visits requested; the remaining 6 visits are" / "not medically necessary at this time.").
    let item_end = item.span.end();
    let mut end = to;
    for _ in 0..4 {
        let line_end = text[end..item_end]
            .find('\n')
            .map_or(item_end, |at| end + at);
        let finished = text[end..line_end].trim_end().ends_with(['.', '?', '!']);
        if finished || line_end + 1 >= item_end {
            end = line_end;
            break;
        }
        end = line_end + 1;
    }
    // Only sentences of their own: what runs on after a dash or comma qualifies the decision
    // ("Partially overturned — 4 visits certified, 8 visits" / "non-certified.").
    let sentences = text[to..end].trim_start().strip_prefix('.')?;
    sentences
        .contains(char::is_alphabetic)
        .then(|| Span::from_range(end - sentences.len()..end))
}

/// Reads a free-standing passage as if it were the given region of a letter: what rule tests and the
/// `context` tooling use to try phrases outside a whole letter.
pub fn read_passage(rules: &RuleBase, text: &str, region: Region) -> Extraction {
    let prepared = Prepared::new(rules, text, Span::new(0, text.len()), Spacing::detect(text));
    let mut mentions = Vec::new();
    read_region(
        rules,
        &[rules.every_finding()],
        &prepared,
        region,
        &mut mentions,
    );
    let conclusion = (region == Region::Rationale)
        .then(|| read_conclusion(rules, &prepared, None, None))
        .flatten();
    let unresolved = (region == Region::Rationale)
        .then(|| read_unresolved(rules, &prepared))
        .flatten();
    let values = values_of(rules, text, &mentions);
    Extraction {
        mentions,
        values,
        conclusion,
        unresolved,
        requested_regions: 0,
    }
}

/// Whether a sentence of `read` (the rationale's) dates the same event as a sentence of `record` (the
/// summary's). Of a finding that holds only while recent, the two then agree on the event and differ
/// only in whether its date is recent: the reviewer's reading of the date ("her last screen was in
/// 07/2017, so a yearly test is due") is no contradiction of the summary's "last urine drug screen was
/// in 07/2017". Of any other finding the same date read two ways is the misread record that
/// `imr::summary-contradicts-rationale` is for.
fn same_dated_event(text: &str, mentions: &[Mention], read: &[usize], record: &[usize]) -> bool {
    let dates = |indices: &[usize]| -> Vec<crate::letter::date::Date> {
        indices
            .iter()
            .filter_map(|&i| text.get(mentions[i].sentence.range()))
            .flat_map(|sentence| {
                crate::letter::date::find_dates(sentence)
                    .into_iter()
                    .map(|(d, _)| d)
            })
            .collect()
    };
    let recorded = dates(record);
    !recorded.is_empty() && dates(read).iter().any(|d| recorded.contains(d))
}

/// Which of two sets of mentions of one finding (`present`, `absent`) the latest-dated one belongs
/// to, where every mention's sentence names a date and the latest date is of one set only.
fn latest_dated(
    text: &str,
    mentions: &[Mention],
    present: &[usize],
    absent: &[usize],
) -> Option<bool> {
    let latest = |indices: &[usize]| -> Option<crate::letter::date::Date> {
        let mut latest = None;
        for &i in indices {
            let sentence = text.get(mentions[i].sentence.range())?;
            // The date of what the sentence reports, not of an onset it counts from ("has axial
            // pain since 02/02/2016").
            let dated = crate::letter::date::find_dates(sentence)
                .into_iter()
                .filter(|(_, at)| {
                    let before = sentence[..at.start].trim_end();
                    !(before.len() >= 5
                        && before.is_char_boundary(before.len() - 5)
                        && before[before.len() - 5..].eq_ignore_ascii_case("since"))
                })
                .map(|(d, _)| d)
                .max()?;
            latest = latest.max(Some(dated));
        }
        latest
    };
    let (present, absent) = (latest(present)?, latest(absent)?);
    (present != absent).then_some(present > absent)
}

/// A finding's value: the first region (request, rationale, summary) with a mention that counts
/// decides; within a region a present mention outweighs an absent one.
fn values_of(rules: &RuleBase, text: &str, mentions: &[Mention]) -> Vec<FindingValue> {
    const REGIONS: [Region; 3] = [Region::Request, Region::Rationale, Region::Summary];
    // Per finding and region: the present and the absent mentions, in mention order.
    let mut by_finding: Vec<[(Vec<usize>, Vec<usize>); 3]> = (0..rules.findings.len())
        .map(|_| Default::default())
        .collect();
    // A sentence that first calls a finding uncertain ("it is unclear whether he has had acupuncture
    // before; the file contains no acupuncture notes") leaves it open: the missing record it then
    // mentions does not settle it. An uncertainty after the absence is about something else ("no
    // documented red flags concerning for tumor"), and so is a doubt cast back on what was said before
    // it ("the AME described gross instability, but that opinion predates the films; the films show
    // only 2 mm of translation"): the reviewer goes on to settle it. A hedged diagnosis is one source's
    // guess, which a denial after it settles ("a chiropractor's note lists possible dyspepsia; the
    // treating physician documents no GI complaints").
    let uncertain: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.counts == Counts::Ignored(Ignored::Possible))
        .filter(|m| {
            m.trigger
                .as_ref()
                .is_none_or(|t| t.span.offset < m.span.offset && !t.hedge)
        })
        .collect();
    let left_open = |m: &Mention| {
        uncertain.iter().any(|u| {
            u.finding == m.finding && u.sentence == m.sentence && u.span.offset < m.span.offset
        })
    };
    for (i, m) in mentions.iter().enumerate() {
        let Some(r) = REGIONS.iter().position(|&r| r == m.region) else {
            continue;
        };
        let slot = &mut by_finding[m.finding][r];
        match m.counts {
            Counts::Present => slot.0.push(i),
            Counts::Absent if !left_open(m) => slot.1.push(i),
            Counts::Absent | Counts::Ignored(_) => {}
        }
    }
    let mut values: Vec<FindingValue> = by_finding
        .into_iter()
        .enumerate()
        .map(|(finding, regions)| {
            let any_of = rules.findings[finding].any_of;
            let unknown = || FindingValue {
                truth: Truth::Unknown,
                region: None,
                evidence: Vec::new(),
                summary_disagrees: None,
            };
            // Most findings are never mentioned.
            if regions.iter().all(|(p, a)| p.is_empty() && a.is_empty()) {
                return unknown();
            }
            // A record that says both, each statement dated, with the finding stated last says it
            // is there now: the surgeon's April examination with a new foot drop after the January
            // one without. A later denial may be of one condition among several ("she denied
            // suicidal thoughts" after a diagnosis of depression), so it settles nothing.
            let mut regions = regions;
            let (in_summary_present, in_summary_absent) = &mut regions[2];
            // (Of a finding that is any one of several conditions, a presence outweighs a denial
            // of another already.)
            if !rules.findings[finding].any_of
                && !in_summary_present.is_empty()
                && !in_summary_absent.is_empty()
                && latest_dated(text, mentions, in_summary_present, in_summary_absent) == Some(true)
            {
                in_summary_absent.clear();
            }
            let words = |i: &usize| {
                let span = mentions[*i].span;
                text.get(span.range())
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            };
            // Between conflicting statements, one about this patient outweighs one about patients in
            // general; otherwise a presence outweighs an absence. Of a finding that is any one of
            // several conditions, only a denial in the same words answers a presence: "he has no
            // prior failed fusion" leaves the two-level fusion and the diabetes stated beside it.
            let decide = |(present, absent): (Vec<usize>, Vec<usize>)| {
                let names = |v: &Vec<usize>| v.iter().any(|&i| mentions[i].about_patient);
                let answers_presence =
                    |a: &usize| !any_of || present.iter().any(|p| words(p) == words(a));
                let absence_wins = !present.is_empty()
                    && absent
                        .iter()
                        .any(|a| mentions[*a].about_patient && answers_presence(a))
                    && !names(&present);
                if !present.is_empty() && !absence_wins {
                    Some((Truth::Met, present))
                } else if !absent.is_empty() {
                    Some((Truth::NotMet, absent))
                } else {
                    None
                }
            };
            // The summary disagrees only where none of its mentions agrees with the rationale (a
            // record that says both leaves the reviewer's reading of it standing), and where it names
            // the finding itself: a sign that tells against it ("straight leg raise was negative")
            // is the reviewer's to weigh against the other signs.
            let [_, _, (in_summary_present, in_summary_absent)] = &regions;
            // Of a fact about the whole patient that is any one of several conditions, the summary's
            // denial of one ("he denies any prior overdose") leaves the others it states ("130
            // morphine milligram equivalents") standing: its statements still agree. Conditions of
            // one site (a knee's "giving way" and its stability on stress) answer each other.
            let several_risks = any_of && rules.findings[finding].whole_patient;
            let summary_unanimous =
                (in_summary_present.is_empty() || in_summary_absent.is_empty() || several_risks)
                    && in_summary_present
                        .iter()
                        .chain(in_summary_absent)
                        .any(|&i| !mentions[i].by_sign);
            // One of several conditions the summary denies leaves the one the rationale states
            // ("he quit smoking" beside "the two-level fusion"); a denial of the same words does not.
            let [_, (in_rationale_present, _), (_, in_summary_denied)] = &regions;
            let same_condition_denied = || {
                in_rationale_present
                    .iter()
                    .any(|p| in_summary_denied.iter().any(|a| words(p) == words(a)))
            };
            let another_denied = any_of && !same_condition_denied();
            let one_denied_of_many = |said: &Truth| *said == Truth::Met && another_denied;
            // What the rationale states as planned ("a psychological evaluation is also being
            // certified") is not what the summary says has not happened yet.
            let planned_only = !in_rationale_present.is_empty()
                && in_rationale_present.iter().all(|&i| {
                    mentions[i].assertion.temporality == crate::context::Temporality::Hypothetical
                });
            let [request, rationale, mut summary] = regions.map(decide);
            // Where it disagrees the rationale decides, so the summary's reading moves aside.
            let summary_disagrees = match (&rationale, &summary) {
                (Some((said, read)), Some((recorded, record)))
                    if request.is_none()
                        && said != recorded
                        && summary_unanimous
                        && !one_denied_of_many(said)
                        && !(*said == Truth::Met && planned_only)
                        && !(rules.findings[finding].recent_within_months.is_some()
                            && same_dated_event(text, mentions, read, record)) =>
                {
                    summary.take()
                }
                _ => None,
            };
            match [request, rationale, summary]
                .into_iter()
                .enumerate()
                .find_map(|(r, value)| value.map(|v| (r, v)))
            {
                Some((r, (truth, evidence))) => FindingValue {
                    truth,
                    region: Some(REGIONS[r]),
                    evidence,
                    summary_disagrees,
                },
                None => unknown(),
            }
        })
        .collect();
    // The service line is the whole request: what it does not name is not requested.
    for (finding, value) in values.iter_mut().enumerate() {
        if value.truth == Truth::Unknown
            && rules.findings[finding].read_in.contains(&Region::Request)
        {
            value.truth = Truth::NotMet;
            value.region = Some(Region::Request);
        }
    }
    values
}

/// Whether `after` (the words after a secondary conclusion phrase) opens with a qualifier that makes
/// the phrase speak of the treatment in general ("is recommended for a short course"). The source, or
/// the treatment it goes with, may be named first: "is supported by ODG only after a diagnostic
/// block", "is indicated with NSAID therapy when the patient is at risk".
fn qualified_in_general(rules: &RuleBase, after: &str) -> bool {
    let opens_general = |after: &str| {
        let after = after.trim_start();
        let input = aho_corasick::Input::new(after).anchored(aho_corasick::Anchored::Yes);
        rules.general_qualifiers.find(input).is_some_and(|m| {
            m.pattern().as_usize() < rules.general_qualifier_count
                && after[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    if opens_general(after) {
        return true;
    }
    let after = after.trim_start();
    let Some(source) = ["by ", "with "].iter().find_map(|word| {
        after
            .get(..word.len())
            .filter(|w| w.eq_ignore_ascii_case(word))
            .map(|_| &after[word.len()..])
    }) else {
        return false;
    };
    // Up to three words name the source or the treatment: "by ODG", "by the MTUS", "with NSAID
    // therapy".
    let mut rest = source;
    for _ in 0..3 {
        rest = rest.trim_start();
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = &rest[word_end..];
        if opens_general(rest) {
            return true;
        }
    }
    false
}

/// A count of a count ("4 of the 12", "six out of twelve"): a part of the request.
const PART_OF_WHOLE: &str = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s*\(\d+\))?(?:\s+\w+)?\s+(?:out\s+)?of\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|sixteen|eighteen|twenty|twenty-four|thirty|sixty|ninety)\b";

/// A part of the request certified, right after a "necessary" phrase ("is certified for 4 of the 12
/// requested sessions", "approved as 2 of the 3 levels") or right before it ("six of the twelve
/// visits are medically necessary"): the decision is about the request as submitted, which the
/// part leaves denied, so the phrase concludes nothing about it.
fn part_of_request(before: &str, after: &str) -> bool {
    static AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(&format!(
            r"(?i)^\s*(?:only\s+)?(?:for|to|as|at)\s+(?:only\s+)?{PART_OF_WHOLE}"
        ))
        .unwrap()
    });
    static BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::pattern::regex(&format!(
            r"(?i)\b(?:only\s+)?{PART_OF_WHOLE}(?:\s+[\w-]+){{0,3}}\s*$"
        ))
        .unwrap()
    });
    AFTER.is_match(after) || BEFORE.is_match(before)
}

/// Whether offset `at` of `sentence` lies in the clause of a concession that opens it, with the main
/// clause after a comma: "Although the surgery has been found medically necessary, the request for
/// 8 visits exceeds the initial course" grants the surgery and concludes nothing of the request.
fn conceded(rules: &RuleBase, sentence: &str, at: usize) -> bool {
    let opening = sentence.trim_start();
    let opens_with = |word: &str| {
        opening
            .get(..word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
            && opening[word.len()..].starts_with(' ')
    };
    rules.concessions.iter().any(|w| opens_with(w))
        && !sentence[..at].contains([',', ';'])
        && sentence[at..].contains(',')
}

/// Whether the rest of a sentence after a secondary conclusion phrase turns against it, after a comma
/// or semicolon: "is reasonable and should be supported, but his dose is moderate".
fn turned_against(rules: &RuleBase, rest: &str) -> bool {
    rest.match_indices([',', ';']).any(|(at, _)| {
        let after = rest[at + 1..].trim_start();
        rules.concession_turns.iter().any(|turn| {
            after
                .get(..turn.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(turn))
                && !after[turn.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    })
}

/// The last conclusion the reviewer states outside a guideline statement. The item's decision word
/// alone, where the layout read it at the rationale's end ("... 6 further visits are medically
/// necessary. Upheld."), is no conclusion of the rationale's when one comes before it. For a one-sided
/// request (`side`), a conclusion whose sentence names only the other side gives way to one that does
/// not: a rationale two items share concludes for each ("The right knee injection is medically
/// necessary. ... so the left knee injection is not medically necessary.").
fn read_conclusion(
    rules: &RuleBase,
    prepared: &Prepared,
    decision: Option<Span>,
    side: Option<crate::letter::request::Laterality>,
) -> Option<Conclusion> {
    let text = prepared.logical.as_str();
    let mut found = None;
    let mut own_side: Option<Conclusion> = None;
    // The sentence of the conclusion found so far, when a secondary phrase may not replace it.
    let mut primary_in: Option<usize> = None;
    for m in crate::context::whole_word_matches(&rules.conclusion_phrases, text) {
        let Some(s) = prepared.sentence_of(m.start()) else {
            continue;
        };
        if prepared.quoted_guideline[s] {
            continue;
        }
        let (phrase_necessary, secondary) = match rules.conclusion_kinds[m.pattern().as_usize()] {
            ConclusionKind::Concludes {
                necessary,
                secondary,
            } => (necessary, secondary),
            ConclusionKind::Elsewhere => continue,
        };
        if secondary && primary_in == Some(s) {
            continue;
        }
        let span = prepared.logical.original_span(m.range());
        let sentence = prepared.sentences[s].clone();
        let bare = text[sentence.clone()].trim().trim_end_matches('.').len() == m.len();
        if found.is_some()
            && bare
            && decision.is_some_and(|d| d.offset <= span.offset && span.end() <= d.end())
        {
            continue;
        }
        if conceded(rules, &text[sentence.clone()], m.start() - sentence.start) {
            continue;
        }
        // What was found necessary before a part is certified was that part ("a trial is
        // reasonable ... certified for 4 of the 12 requested sessions").
        if phrase_necessary
            && part_of_request(
                &text[sentence.start..m.start()],
                &text[m.end()..sentence.end],
            )
        {
            if found.as_ref().is_some_and(|c: &Conclusion| c.necessary) {
                found = None;
                primary_in = None;
            }
            if own_side.as_ref().is_some_and(|c: &Conclusion| c.necessary) {
                own_side = None;
            }
            continue;
        }
        if secondary
            && crate::context::word_matches(
                &rules.other_course_subjects,
                &text[sentence.start..m.start()],
            )
            .next()
            .is_some()
        {
            continue;
        }
        if secondary && qualified_in_general(rules, &text[m.end()..sentence.end]) {
            continue;
        }
        if secondary && turned_against(rules, &text[m.end()..sentence.end]) {
            continue;
        }
        let a = rules.context.assert(
            prepared.cues(rules, s),
            m.start() - sentence.start..m.end() - sentence.start,
        );
        if (a.guideline_statement && !a.guideline_by_source_only) || a.status == Status::Possible {
            continue;
        }
        // A negation flips "medically necessary"; a phrase that already says "not" stays "not",
        // whatever negation runs on from earlier in the sentence.
        let necessary = phrase_necessary && a.status != Status::Negated;
        primary_in = (!secondary).then_some(s);
        let conclusion = Conclusion {
            necessary,
            span,
            sentence: prepared.logical.original_span(sentence.clone()),
            phrase: text[m.range()].to_string(),
        };
        let other_side = side.is_some_and(|side| {
            crate::letter::request::one_side_named(&text[sentence])
                .is_some_and(|(named, _)| named != side)
        });
        if !other_side {
            own_side = Some(conclusion.clone());
        }
        found = Some(conclusion);
    }
    own_side.or(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// The fixture letters that parse, with their sources and determinations: every one but the
    /// blind rounds' letters, of which every eighth (a full reading of every letter is slow where
    /// tests are built without optimisation, and each round only adds more of the same layouts).
    fn parsed_fixtures() -> Vec<(String, Source, Determination)> {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut blind = 0usize;
        crate::batch::expand_inputs(&[fixtures])
            .into_iter()
            .flatten()
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .filter(|path| {
                if !path.components().any(|c| c.as_os_str() == "blind") {
                    return true;
                }
                blind += 1;
                blind % 8 == 1
            })
            .filter_map(|path| {
                let name = path.display().to_string();
                let source = Source::from_bytes(name.clone(), std::fs::read(&path).unwrap());
                let determination = crate::letter::parse(&source).determination?;
                Some((name, source, determination))
            })
            .collect()
    }

    #[test]
    fn a_paragraph_starts_after_the_last_blank_line() {
        let text =
            "Summary of the case.\n\nLeft shoulder: injected in March.\nExamination shows signs.";
        let at = text.find("Examination").unwrap();
        assert_eq!(
            &text[paragraph_start(text, at)..at],
            "Left shoulder: injected in March.\n"
        );
        let crlf = "A.\r\n\r\nRight knee: pain.\r\nIt locks.";
        let at = crlf.find("It locks").unwrap();
        assert_eq!(
            &crlf[paragraph_start(crlf, at)..at],
            "Right knee: pain.\r\n"
        );
        assert_eq!(paragraph_start("No blank line. Here.", 15), 0);
    }

    /// A rationale that states no conclusion of its own takes it from the sentence its labelled
    /// decision opens ("Decision: Overturned.  Oxycodone 15 mg #90 is medically necessary."), whether
    /// on one line or wrapped; a decision qualified after a dash, or a table below it, states none.
    #[test]
    fn a_sentence_after_a_labelled_decision_states_the_conclusion_a_rationale_left_out() {
        let rules = RuleBase::embedded().unwrap();
        let letter = |decision_lines: &str, after: &str| {
            format!(
                "IMR Case Number: CM21-0098733 Date Assigned: 06/29/2021\n\
                 Date of Injury: 04/11/2011 Decision Date: 08/06/2021\n\n\
                 CLINICAL CASE SUMMARY\n\n\
                 The injured worker is a 61-year-old male custodian with chronic low back pain after a \
                 fall on 04/11/2011. He takes oxycodone. Utilization review non-certified the request \
                 on 06/04/2021.\n\n\
                 IMR ISSUES, DECISIONS AND RATIONALES\n\n\
                 Disputed Item: Oxycodone 15 mg #90\n\n\
                 Issue: Medical necessity of continued oxycodone\n\n\
                 Guidelines: MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 76-80.\n\n\
                 Rationale: Pain falls from 8/10 to 4/10 with the medication and he walks a mile daily. \
                 The request supports the ongoing plan.\n\n\
                 {decision_lines}\n\n{after}"
            )
        };
        let conclusion_of = |text: &str| {
            let source = Source::from_text("letter", text);
            let parsed = crate::letter::parse(&source)
                .determination
                .expect("a letter");
            let item = &parsed.items[0];
            let rule_ids = rules.rules_for_cited_request(&item.service.value, usize::MAX, &[]);
            let summary = read_summary(&rules, text, &parsed, &rule_ids);
            let decision_at = text.find("Decision:").unwrap();
            read_item(&rules, text, &parsed, item, &rule_ids, &summary)
                .conclusion
                .map(|c| (c.necessary, c.sentence.offset > decision_at))
        };
        // Necessary, read below the decision label.
        let necessary = Some((true, true));
        assert_eq!(
            conclusion_of(&letter(
                "Decision: Overturned.  Oxycodone 15 mg #90 is medically necessary.",
                ""
            )),
            necessary
        );
        assert_eq!(
            conclusion_of(&letter(
                "Decision: Overturned.  The requested oxycodone 15 mg #90\nis medically necessary.",
                ""
            )),
            necessary
        );
        assert_eq!(
            conclusion_of(&letter(
                "Decision: Overturned.",
                "SUMMARY TABLE\n\nOxycodone 15 mg #90 | Not medically necessary"
            )),
            None
        );
        assert_eq!(
            conclusion_of(&letter(
                "Decision: Partially overturned \u{2014} 45 tablets certified, 45 not certified.",
                ""
            )),
            None
        );
    }

    /// The case summary the parser prepared for its dates reads as a summary prepared afresh, and a
    /// passage of another region is never read as the summary.
    #[test]
    fn the_parsed_summary_passage_reads_as_the_summary_itself() {
        let rules = RuleBase::embedded().unwrap();
        let every_finding = [rules.every_finding()];
        let mut compared = 0;
        for (name, source, parsed) in parsed_fixtures() {
            let mut fresh = parsed.clone();
            fresh.summary_text = None;
            // Findings are read with a scan's misread digits put back, as the check reads them.
            let repaired = crate::words::with_misread_digits_repaired(&source.text);
            let text = repaired.as_ref();
            let shared = read_summary_with(&rules, &every_finding, text, &parsed);
            let own = read_summary_with(&rules, &every_finding, text, &fresh);
            let spans = |r: &SummaryReading| -> Vec<(usize, Span, Counts)> {
                r.mentions
                    .iter()
                    .map(|m| (m.finding, m.span, m.counts))
                    .collect()
            };
            assert_eq!(spans(&shared), spans(&own), "{name}");
            compared += shared.mentions.len();
            // A passage made for another region (a layout may shorten the summary after its dates
            // were read) is not used.
            let mut stale = parsed.clone();
            stale.summary_text = Some(Passage::new(text, Span::new(0, text.len()), parsed.spacing));
            let read = read_summary_with(&rules, &every_finding, text, &stale);
            assert_eq!(spans(&read), spans(&own), "{name}");
        }
        assert!(compared > 100, "only {compared} mentions compared");
    }

    /// Reading an item with its own rules' readers finds, for every finding those rules read, what
    /// reading it for every finding of the rule base finds; the other findings stay unread.
    #[test]
    fn an_item_read_for_its_rules_reads_their_findings_as_a_full_reading_does() {
        let rules = RuleBase::embedded().unwrap();
        let every_finding = [rules.every_finding()];
        let mut compared = 0;
        for (name, source, d) in parsed_fixtures() {
            let text = source.text.as_str();
            let full_summary = read_summary_with(&rules, &every_finding, text, &d);
            for item in &d.items {
                let own = rules.rules_for_service(&item.service.value);
                let summary = read_summary(&rules, text, &d, &own);
                let narrow = read_item(&rules, text, &d, item, &own, &summary);
                let full =
                    read_item_with(&rules, &every_finding, &own, text, &d, item, &full_summary);
                let criteria = rules.criteria_read_by(own.iter().flat_map(|&r| {
                    let rule = &rules.rules[r];
                    rule.require.iter().chain(&rule.exclude_if).copied()
                }));
                let wanted = rules.findings_read_by(&criteria);
                let spans = |x: &Extraction, f: usize| -> Vec<(Span, Counts)> {
                    x.values[f]
                        .evidence
                        .iter()
                        .map(|&m| (x.mentions[m].span, x.mentions[m].counts))
                        .collect()
                };
                for f in (0..rules.findings.len()).filter(|&f| wanted[f]) {
                    let id = &rules.findings[f].id;
                    let at = &name;
                    assert_eq!(narrow.values[f].truth, full.values[f].truth, "{id} in {at}");
                    assert_eq!(spans(&narrow, f), spans(&full, f), "{id} in {at}");
                    compared += 1;
                }
                assert!(narrow.mentions.iter().all(|m| wanted[m.finding]));
            }
        }
        assert!(compared > 100, "only {compared} findings compared");
    }
}
