//! The rule base: guideline sections, findings, criteria and rules loaded from `rules/*.toml`,
//! validated, and compiled into matchers and one dependency graph.
//!
//! Nothing clinical lives in Rust: phrases, criteria, thresholds and citations are all data. This module
//! only knows the schema, the condition language and the request measures the parser provides.

pub mod condition;
pub mod lint;
mod load;
mod reader;
pub mod schema;

pub use condition::{Comparison, Measure, Truth};
pub use load::{
    embedded_sources, embedded_test_file, embedded_tests, load_dir, load_embedded, load_sources,
    RuleSource, RulesError,
};
pub use schema::{NegatedMeans, Region};

use crate::context::ContextEngine;
use crate::letter::{Date, GuidelineSource, PageRange};
use crate::pattern::Pattern;
use aho_corasick::AhoCorasick;
use petgraph::graph::{DiGraph, NodeIndex};
pub(crate) use reader::FindingReader;
use std::ops::Range;

/// Where a definition was written: which rule file, and the byte range of its id.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: usize,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub source: GuidelineSource,
    pub title: String,
    pub chapter: Option<u32>,
    pub pages: Vec<PageRange>,
    /// Lowercase names a citation may use.
    pub aliases: Vec<String>,
    /// The chapter section this topic belongs to.
    pub within: Option<usize>,
    pub origin: Origin,
}

impl Section {
    pub fn pages_text(&self) -> String {
        self.pages
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A guideline reference of a criterion or rule.
#[derive(Debug, Clone)]
pub struct Cite {
    pub section: usize,
    pub pages: Vec<PageRange>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub description: String,
    pub read_in: Vec<Region>,
    pub history: bool,
    pub planned: bool,
    pub expected: bool,
    pub about_service: bool,
    pub about_named_service: bool,
    pub suspected: bool,
    pub any_of: bool,
    pub whole_patient: bool,
    /// A phrase's own body-region words place a mention of it, not its sentence's.
    pub placed_by_phrase: bool,
    pub absent_denies: bool,
    pub about_others: bool,
    /// Months before the letter's date within which a dated mention counts (`recent-within-months`).
    pub recent_within_months: Option<u32>,
    pub negated_means: NegatedMeans,
    /// The findings whose phrases and patterns this one also reads (`includes`).
    pub includes: Vec<usize>,
    pub origin: Origin,
}

/// A condition with its names resolved.
#[derive(Debug, Clone)]
pub enum Expr {
    Constant(Truth),
    /// The reviewer cites this section, or one within it (`cites.SECTION`).
    Cites(usize),
    Finding(usize),
    Criterion(usize),
    Compare(Measure, Comparison, f64),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Otherwise(Vec<Expr>),
}

/// What a condition reads of an item besides its findings: the request's measures and the
/// guideline sections the reviewer cites.
pub trait ItemFacts {
    fn measure(&self, measure: Measure) -> Option<f64>;
    /// Met when the reviewer cites `section`, a section within it or the chapter it is within, not
    /// met when the reviewer cites only others, unknown when the reviewer's citations name no section.
    fn cites(&self, section: usize) -> Truth;
}

impl Expr {
    pub fn eval(
        &self,
        finding: &impl Fn(usize) -> Truth,
        criterion: &impl Fn(usize) -> Truth,
        facts: &impl ItemFacts,
    ) -> Truth {
        match self {
            Expr::Constant(t) => *t,
            Expr::Cites(s) => facts.cites(*s),
            Expr::Finding(i) => finding(*i),
            Expr::Criterion(i) => criterion(*i),
            Expr::Compare(m, op, v) => facts
                .measure(*m)
                .map_or(Truth::Unknown, |x| Truth::from_bool(op.apply(x, *v))),
            Expr::Not(e) => e.eval(finding, criterion, facts).negate(),
            Expr::And(es) => es.iter().fold(Truth::Met, |acc, e| {
                acc.and(e.eval(finding, criterion, facts))
            }),
            Expr::Or(es) => es.iter().fold(Truth::NotMet, |acc, e| {
                acc.or(e.eval(finding, criterion, facts))
            }),
            Expr::Otherwise(es) => es.iter().fold(Truth::Unknown, |acc, e| {
                acc.otherwise(|| e.eval(finding, criterion, facts))
            }),
        }
    }

    /// Every finding, criterion and measure the expression reads.
    pub fn visit(&self, f: &mut impl FnMut(&Expr)) {
        f(self);
        match self {
            Expr::Not(e) => e.visit(f),
            Expr::And(es) | Expr::Or(es) | Expr::Otherwise(es) => {
                es.iter().for_each(|e| e.visit(f))
            }
            _ => {}
        }
    }
}

/// The guideline edition a criterion or rule encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Shared by every edition of the same criterion or rule.
    pub of: String,
    pub name: String,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Edition {
    pub fn in_force(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date < u)
    }
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub description: String,
    /// The condition as written, a condition written over several lines on one: reports print it on
    /// a line of its own.
    pub condition_text: String,
    pub condition: Expr,
    pub cites: Vec<Cite>,
    pub edition: Option<Edition>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub category: String,
    pub title: String,
    pub services: Vec<String>,
    pub service_patterns: Vec<Pattern>,
    pub not_services: Vec<String>,
    /// Phrases naming the service only where the reviewer cites one of the rule's `sections`.
    pub cited_services: Vec<String>,
    pub require: Vec<usize>,
    pub exclude_if: Vec<usize>,
    pub sections: Vec<usize>,
    pub precedence: Option<i64>,
    /// A procedure (surgery, injection) other requests may attend.
    pub procedure: bool,
    /// A surgery (also a procedure).
    pub surgery: bool,
    pub cites: Vec<Cite>,
    pub edition: Option<Edition>,
    pub origin: Origin,
}

/// A phrase or pattern that states a finding.
#[derive(Debug, Clone, Copy)]
pub struct PhraseOwner {
    pub finding: usize,
    /// True when the phrase states the finding present; false for `absent-phrases` and
    /// `neutral-phrases`.
    pub present: bool,
    /// A `neutral-phrases` entry: the name of something else that holds the finding's words ("Beck
    /// Depression Inventory"), inside which a match is no mention.
    pub neutral: bool,
}

impl PhraseOwner {
    /// The finding's list, as rule editors write it, that holds the phrase.
    pub fn list(&self) -> &'static str {
        match (self.present, self.neutral) {
            (true, _) => "phrases",
            (false, false) => "absent-phrases",
            (false, true) => "neutral-phrases",
        }
    }
}

/// A node of the dependency graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Finding(usize),
    Criterion(usize),
    Rule(usize),
}

/// Where `text` holds `phrase` (a normalized phrase, single-spaced) as whole words, ignoring ASCII
/// case.
fn phrase_at(text: &str, phrase: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(at) = crate::text::find_ignore_ascii_case(&text[from..], phrase) {
        let start = from + at;
        let found = start..start + phrase.len();
        if crate::context::at_word_boundaries(text.as_bytes(), &found) {
            return Some(found);
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The owner of a service phrase naming a service no rule covers (`[uncovered]`).
pub(crate) const UNCOVERED: usize = usize::MAX;

/// What a conclusion phrase says about the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ConclusionKind {
    /// That it is (or is not) medically necessary. A secondary phrase does not replace a conclusion
    /// stated before it in its sentence.
    Concludes { necessary: bool, secondary: bool },
    /// Nothing about the request: it recommends another course ("a taper is recommended"), or speaks
    /// of another decision ("the surgery being certified").
    Elsewhere,
}

/// The compiled rule base.
#[derive(Debug, Clone)]
pub struct RuleBase {
    pub files: Vec<RuleSource>,
    pub context: ContextEngine,
    pub sections: Vec<Section>,
    pub findings: Vec<Finding>,
    pub criteria: Vec<Criterion>,
    pub rules: Vec<Rule>,
    /// Edges run from what is depended on to what depends on it.
    pub graph: DiGraph<Node, ()>,
    pub finding_nodes: Vec<NodeIndex>,
    pub criterion_nodes: Vec<NodeIndex>,
    pub rule_nodes: Vec<NodeIndex>,
    /// Criteria in dependency order: each after every criterion it reads.
    pub criteria_order: Vec<usize>,
    /// Per finding phrase (lower-cased): its finding and whether it states the finding present.
    pub(crate) finding_phrase_owners: Vec<PhraseOwner>,
    /// The phrase texts, parallel to `finding_phrase_owners`.
    pub(crate) finding_phrase_texts: Vec<String>,
    pub(crate) finding_patterns: Vec<(Pattern, PhraseOwner)>,
    /// Reads every finding: for passages read outside a letter ([`RuleBase::every_finding`]).
    pub(crate) all_findings: std::sync::OnceLock<FindingReader>,
    /// Per rule: the reader of the findings its criteria read, built when first needed.
    pub(crate) rule_readers: Vec<std::sync::OnceLock<FindingReader>>,
    pub(crate) service_phrases: AhoCorasick,
    /// Per service phrase: its rule and whether it names the service (or keeps the rule off it);
    /// [`UNCOVERED`] for a service no rule covers.
    pub(crate) service_phrase_owners: Vec<(usize, bool)>,
    /// The words of the service phrases, which a misspelled service line is read back to (see
    /// [`crate::words::with_misspelled_words_repaired`]).
    pub(crate) service_words: Vec<Box<str>>,
    /// Every rule's service patterns, rule after rule, as one set, so a service line is matched once,
    /// not once per pattern; built when first needed, and none when too large to build (each pattern
    /// then runs alone).
    pub(crate) service_pattern_set: std::sync::OnceLock<Option<regex::RegexSet>>,
    /// Per pattern of `service_pattern_set`: its rule.
    pub(crate) service_pattern_rules: Vec<usize>,
    pub(crate) conclusion_phrases: AhoCorasick,
    /// Per conclusion phrase: what it concludes.
    pub(crate) conclusion_kinds: Vec<ConclusionKind>,
    /// Words naming another course than the request ("taper"), for secondary conclusion phrases.
    pub(crate) other_course_subjects: AhoCorasick,
    /// Words that, right after a secondary conclusion phrase, make it speak of a treatment in general,
    /// then those that keep it particular (from `general_qualifier_count` on).
    pub(crate) general_qualifiers: AhoCorasick,
    pub(crate) general_qualifier_count: usize,
    /// Words opening a sentence's concession ("although"), lower case.
    pub(crate) concessions: Vec<String>,
    /// Words that, after a comma or semicolon, turn the rest of a sentence against a secondary
    /// conclusion phrase before them ("but"), lower case.
    pub(crate) concession_turns: Vec<String>,
    /// Patterns of the reviewer's statement that the records conflict on a fact or cannot settle it.
    pub(crate) unresolved: Vec<crate::pattern::Pattern>,
    /// The same patterns as one set, so that a rationale is read once for all of them.
    pub(crate) unresolved_set: crate::pattern::PatternSet,
    /// Every section alias, to learn in one pass which sections a citation's words name.
    pub(crate) section_aliases: AhoCorasick,
    /// Per alias: its section.
    pub(crate) section_alias_owners: Vec<usize>,
}

/// How the guideline editions for a letter were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsOfSource {
    /// `--as-of DATE` on the command line.
    Option,
    /// The letter's own date.
    LetterDate,
    /// The latest dated record in the case summary.
    LatestRecord,
    /// The letter states no date: the newest editions apply.
    NewestEdition,
}

/// The date whose guideline editions apply, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AsOf {
    pub date: Option<Date>,
    pub source: AsOfSource,
}

impl AsOf {
    /// Picks one edition among definitions that share `Edition::of`: the one in force on the date; for a
    /// date before every edition the earliest; without a date (or after them all) the newest.
    pub fn chooses(&self, edition: &Edition, siblings: &[&Edition]) -> bool {
        let newest = siblings.iter().max_by_key(|e| e.from).copied();
        let chosen = match self.date {
            Some(date) => siblings
                .iter()
                .find(|e| e.in_force(date))
                .copied()
                .or_else(|| {
                    let earliest = siblings.iter().min_by_key(|e| e.from).copied();
                    earliest.filter(|e| e.from.is_some_and(|f| date < f))
                })
                .or(newest),
            None => newest,
        };
        chosen == Some(edition)
    }
}

impl RuleBase {
    /// Whether a definition with this edition applies on `as_of`.
    pub fn edition_applies(&self, edition: Option<&Edition>, as_of: &AsOf) -> bool {
        let Some(edition) = edition else { return true };
        let siblings: Vec<&Edition> = self
            .criteria
            .iter()
            .filter_map(|c| c.edition.as_ref())
            .chain(self.rules.iter().filter_map(|r| r.edition.as_ref()))
            .filter(|e| e.of == edition.of)
            .collect();
        as_of.chooses(edition, &siblings)
    }

    /// The rule base built into the binary.
    pub fn embedded() -> Result<RuleBase, RulesError> {
        load_embedded()
    }

    pub fn finding_id(&self, id: &str) -> Option<usize> {
        self.findings.iter().position(|f| f.id == id)
    }

    pub fn criterion_id(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }

    pub fn rule_id(&self, id: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.id == id)
    }

    /// The criteria `roots` read, themselves included, directly or through other criteria, in
    /// criterion order.
    pub fn criteria_read_by(&self, roots: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut seen = vec![false; self.criteria.len()];
        let mut stack: Vec<usize> = roots.collect();
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut seen[c], true) {
                continue;
            }
            self.criteria[c].condition.visit(&mut |e| {
                if let Expr::Criterion(k) = e {
                    stack.push(*k);
                }
            });
        }
        (0..self.criteria.len()).filter(|&c| seen[c]).collect()
    }

    /// Per finding: whether one of `criteria` reads it directly.
    pub fn findings_read_by(&self, criteria: &[usize]) -> Vec<bool> {
        // With nothing settled, every alternative is consulted.
        self.findings_consulted_by(criteria, &|_| false)
    }

    /// The findings the conditions of `criteria` consult, given which findings the letter settles
    /// (`known`): an alternative after `otherwise` is consulted only while those before it are open
    /// ("neuroma-care-failed otherwise failed-conservative-care" reads the second only where the first
    /// is unknown).
    pub fn findings_consulted_by(
        &self,
        criteria: &[usize],
        known: &impl Fn(usize) -> bool,
    ) -> Vec<bool> {
        fn settled(e: &Expr, known: &impl Fn(usize) -> bool) -> bool {
            match e {
                Expr::Constant(_) => true,
                Expr::Finding(f) => known(*f),
                Expr::Not(inner) => settled(inner, known),
                _ => false,
            }
        }
        fn consult(e: &Expr, known: &impl Fn(usize) -> bool, read: &mut [bool]) {
            match e {
                Expr::Finding(f) => read[*f] = true,
                Expr::Not(inner) => consult(inner, known, read),
                Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| consult(e, known, read)),
                Expr::Otherwise(es) => {
                    for e in es {
                        consult(e, known, read);
                        if settled(e, known) {
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        let mut read = vec![false; self.findings.len()];
        for &c in criteria {
            consult(&self.criteria[c].condition, known, &mut read);
        }
        read
    }

    /// The rules whose service phrases `text` names, with where: a sentence naming "Norco" names the
    /// opioid rules.
    pub(crate) fn services_named<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, aho_corasick::Match)> + 'a {
        crate::context::word_matches(&self.service_phrases, text).filter_map(|m| {
            let (rule, positive) = self.service_phrase_owners[m.pattern().as_usize()];
            (positive && rule != UNCOVERED).then_some((rule, m))
        })
    }

    /// The rules whose service matchers match `service`, in rule order.
    pub fn rules_for_service(&self, service: &str) -> Vec<usize> {
        self.rules_for_request(service, service.len())
    }

    /// The rules whose service matchers match `service`, whose companions (the services requested
    /// with it: "total hip arthroplasty with a two-day inpatient stay") start at byte `companions_at`.
    /// A companion may name what a rule's `not-services` keep it off (the inpatient stay): a rule the
    /// service before its companions names still applies; one only a companion names does not.
    pub fn rules_for_request(&self, service: &str, companions_at: usize) -> Vec<usize> {
        // A line the PDF's extraction glued words on ("arthroscopy with subacromialdecompression",
        // "request forpost-operative physical therapy") names its service once they are split: the
        // glued word may be the one that tells the service apart.
        let split =
            self.rules_named_by_repaired(crate::words::with_glued_words_split(service), None);
        if !split.is_empty() {
            return split;
        }
        let matched = self.rules_named_by(service, companions_at);
        if !matched.is_empty() {
            return matched;
        }
        // So does a line whose words it split apart ("Left sac roiliac joint injection"), or a scan
        // whose capitals it misread ("MRl cervical spine").
        let joined =
            self.rules_named_by_repaired(crate::words::with_split_words_joined(service), None);
        if !joined.is_empty() {
            return joined;
        }
        let capitals = self.rules_named_by_repaired(
            crate::words::with_capitals_misread_l_repaired(service),
            Some(companions_at),
        );
        if !capitals.is_empty() {
            return capitals;
        }
        // Last, a line a scan or a typist garbled in several ways at once ("MRI OF THE CERV1CAL
        // SPINE", "ACUPUNCTUE x6 SESSiONS", "CERVICALSPlNE"): every repair in turn, then its words
        // read back to the service phrases' words.
        let repaired = crate::words::with_misread_digits_repaired(service);
        let repaired = crate::words::with_capitals_misread_l_repaired(&repaired).into_owned();
        let repaired = crate::words::with_glued_words_split(&repaired).into_owned();
        let repaired = crate::words::with_misspelled_words_repaired(&repaired, &self.service_words);
        if repaired == service {
            return Vec::new();
        }
        self.rules_named_by(&repaired, repaired.len())
    }

    /// The rules a repaired service line names; none where the repair changed nothing. A repair that
    /// keeps every offset keeps `companions_at`; one that moves them reads the line whole.
    fn rules_named_by_repaired(
        &self,
        repaired: std::borrow::Cow<'_, str>,
        companions_at: Option<usize>,
    ) -> Vec<usize> {
        match repaired {
            std::borrow::Cow::Owned(line) => {
                self.rules_named_by(&line, companions_at.unwrap_or(line.len()))
            }
            std::borrow::Cow::Borrowed(_) => Vec::new(),
        }
    }

    fn rules_named_by(&self, service: &str, companions_at: usize) -> Vec<usize> {
        let mut hit = vec![false; self.rules.len()];
        // Per rule: named before the companions; kept off before them; kept off in them.
        let mut named_first = vec![false; self.rules.len()];
        let mut blocked = vec![false; self.rules.len()];
        let mut blocked_in_companion = vec![false; self.rules.len()];
        for m in crate::context::word_matches(&self.service_phrases, service) {
            let (rule, positive) = self.service_phrase_owners[m.pattern().as_usize()];
            if rule == UNCOVERED {
                return Vec::new();
            }
            let first = m.start() < companions_at;
            match (positive, first) {
                (true, _) => {
                    hit[rule] = true;
                    named_first[rule] |= first;
                }
                (false, true) => blocked[rule] = true,
                (false, false) => blocked_in_companion[rule] = true,
            }
        }
        for rule in 0..self.rules.len() {
            blocked[rule] |= blocked_in_companion[rule] && !named_first[rule];
        }
        let set = self.service_pattern_set.get_or_init(|| {
            regex::RegexSetBuilder::new(
                self.rules
                    .iter()
                    .flat_map(|rule| rule.service_patterns.iter().map(|p| p.compiled())),
            )
            .size_limit(load::PATTERN_SIZE_LIMIT * 32)
            .dfa_size_limit(load::PATTERN_SIZE_LIMIT * 32)
            .build()
            .ok()
        });
        match set {
            Some(set) => set
                .matches(service)
                .iter()
                .for_each(|k| hit[self.service_pattern_rules[k]] = true),
            None => {
                for (i, rule) in self.rules.iter().enumerate() {
                    if !hit[i] && rule.service_patterns.iter().any(|p| p.is_match(service)) {
                        hit[i] = true;
                    }
                }
            }
        }
        let matched: Vec<usize> = (0..self.rules.len())
            .filter(|&i| hit[i] && !blocked[i])
            .collect();
        self.of_top_precedence(matched)
    }

    /// Of the rules a service names, only those of the highest precedence apply; a rule that states
    /// none has precedence 0, so rules without one all apply together.
    fn of_top_precedence(&self, matched: Vec<usize>) -> Vec<usize> {
        let top = matched
            .iter()
            .map(|&i| self.rules[i].precedence.unwrap_or(0))
            .max()
            .unwrap_or(0);
        matched
            .into_iter()
            .filter(|&i| self.rules[i].precedence.unwrap_or(0) == top)
            .collect()
    }

    /// The rules that apply to a request whose reviewer cites `cited` (sections): those its service
    /// line names ([`RuleBase::rules_for_request`]), unless the words that name them lie within
    /// words that name, as a rule's `cited-services`, a rule whose sections the citation names and
    /// whose `not-services` do not keep it off the line: that rule applies in their place.
    /// "Additional occupational therapy" cited to the Postsurgical Treatment Guidelines is the
    /// postsurgical course, not therapy for chronic pain; "home physical therapy" is still home
    /// health care as well.
    pub fn rules_for_cited_request(
        &self,
        service: &str,
        companions_at: usize,
        cited: &[usize],
    ) -> Vec<usize> {
        let named = self.rules_for_request(service, companions_at);
        // Per cited rule, where its phrase stands in the line.
        let cited_at: Vec<(usize, std::ops::Range<usize>)> = (0..self.rules.len())
            .filter(|&r| {
                !self.rules[r].cited_services.is_empty()
                    && !named.contains(&r)
                    && cited.iter().any(|&s| self.covers(r, s))
            })
            .filter_map(|r| {
                self.rules[r]
                    .cited_services
                    .iter()
                    .find_map(|phrase| phrase_at(service, phrase))
                    .map(|at| (r, at))
            })
            .collect();
        if cited_at.is_empty() {
            return named;
        }
        let mut kept_off = vec![false; self.rules.len()];
        let mut replaced = vec![false; self.rules.len()];
        for m in crate::context::word_matches(&self.service_phrases, service) {
            match self.service_phrase_owners[m.pattern().as_usize()] {
                (UNCOVERED, _) => return named,
                (rule, false) => kept_off[rule] = true,
                (rule, true) => {
                    replaced[rule] |= cited_at
                        .iter()
                        .any(|(_, at)| at.start <= m.start() && m.end() <= at.end);
                }
            }
        }
        let mut all: Vec<usize> = named.into_iter().filter(|&r| !replaced[r]).collect();
        all.extend(cited_at.iter().map(|&(r, _)| r).filter(|&r| !kept_off[r]));
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Whether rule `rule` encodes `section`: a section it lists, or a chapter holding one.
    pub fn covers(&self, rule: usize, section: usize) -> bool {
        let listed = &self.rules[rule].sections;
        listed.contains(&section)
            || (self.sections[section].within.is_none()
                && listed
                    .iter()
                    .any(|&s| self.sections[s].within == Some(section)))
    }

    /// A short citation text: "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, p. 78".
    pub fn cite_text(&self, cite: &Cite) -> String {
        let section = &self.sections[cite.section];
        let mut text = match section.within {
            Some(parent) => format!("{}, {}", self.sections[parent].title, section.title),
            None => section.title.clone(),
        };
        let pages = if cite.pages.is_empty() {
            &section.pages
        } else {
            &cite.pages
        };
        if !pages.is_empty() {
            let list: Vec<String> = pages.iter().map(ToString::to_string).collect();
            let many = pages.len() > 1 || pages[0].start != pages[0].end;
            text.push_str(&format!(
                ", {} {}",
                if many { "pp." } else { "p." },
                list.join(", ")
            ));
        }
        text
    }
}
