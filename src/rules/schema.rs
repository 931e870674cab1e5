//! The rule-file schema as rule editors write it. Every id and reference keeps its span in the file so
//! that validation can point at the offending key.

use crate::context::LexiconSpec;
use serde::Deserialize;
use toml::Spanned;

/// One `rules/*.toml` file: any of the tables below may appear in any file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub context: Option<LexiconSpec>,
    pub conclusions: Option<ConclusionSpec>,
    pub uncovered: Option<UncoveredSpec>,
    #[serde(default)]
    pub section: Vec<SectionSpec>,
    #[serde(default)]
    pub finding: Vec<FindingSpec>,
    #[serde(default)]
    pub criterion: Vec<CriterionSpec>,
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// How reviewers state their own conclusion about a request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConclusionSpec {
    /// Phrases concluding the service is medically necessary (negated by context: "does not appear medically necessary").
    pub necessary: Vec<Spanned<String>>,
    /// Phrases concluding it is not.
    pub not_necessary: Vec<Spanned<String>>,
    /// Phrases of either list that speak less directly of the request ("is recommended"): after
    /// another conclusion in the same sentence they do not replace it ("... is not medically
    /// necessary; a taper is recommended").
    #[serde(default)]
    pub secondary: Vec<Spanned<String>>,
    /// Phrases that read like a conclusion but recommend another course ("a taper is recommended"):
    /// never the conclusion about the request.
    #[serde(default)]
    pub other_course: Vec<Spanned<String>>,
    /// Phrases that read like a conclusion but speak of another request's or another time's decision
    /// ("the surgery being certified", "was previously certified"): never the conclusion about the
    /// request.
    #[serde(default)]
    pub other_subject: Vec<Spanned<String>>,
    /// Words naming another course ("taper", "weaning"): a secondary phrase whose sentence names one
    /// before it recommends that course, however many words stand between ("A gradual taper under the
    /// supervision of the prescribing physician is recommended").
    #[serde(default)]
    pub other_course_subjects: Vec<Spanned<String>>,
    /// Words that, right after a secondary phrase, make it speak of a treatment in general, as a
    /// guideline does ("Cyclobenzaprine is recommended for a short course"): no conclusion.
    #[serde(default)]
    pub general_qualifiers: Vec<Spanned<String>>,
    /// Words that, right after a secondary phrase, keep it about the request although a general
    /// qualifier opens them ("is recommended for this patient", where "for" alone qualifies in
    /// general): the longer wins.
    #[serde(default)]
    pub particular_qualifiers: Vec<Spanned<String>>,
    /// Words opening a sentence with a concession ("Although", "While"): a phrase inside that opening
    /// clause, before the comma the main clause follows, grants something and concludes nothing
    /// ("Although the surgery has been found medically necessary, the request for 8 visits exceeds
    /// ...").
    #[serde(default)]
    pub concessions: Vec<Spanned<String>>,
    /// Words that, after a comma or semicolon later in its sentence, turn against a secondary phrase
    /// ("... is reasonable, but no outpatient taper has been tried"): it concludes nothing.
    #[serde(default)]
    pub concession_turns: Vec<Spanned<String>>,
    /// Patterns of a sentence in which the reviewer says the records conflict, or that a fact cannot
    /// be determined from them ("the records conflict as to whether ...", "the reviewer cannot
    /// determine whether ..."): the stated findings then cannot settle the decision.
    #[serde(default)]
    pub unresolved: Vec<Spanned<String>>,
}

/// Services no rule covers, whatever else their service line names: "Round-trip transportation to
/// physical therapy" is transportation, not physical therapy.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UncoveredSpec {
    pub services: Vec<Spanned<String>>,
}

/// A guideline section a citation can name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionSpec {
    pub id: Spanned<String>,
    /// mtus-chronic-pain, mtus-acoem, mtus-other, odg or other.
    pub source: Spanned<String>,
    pub title: String,
    /// ACOEM chapter number.
    pub chapter: Option<u32>,
    /// The pages the section spans ("74-96").
    pub pages: Option<Spanned<String>>,
    /// Names a citation may use for this section (matched case-insensitively inside the cited topic).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a topic: the chapter section it belongs to.
    pub within: Option<Spanned<String>>,
}

/// Where a finding may be read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// The item's decision rationale: the reviewer's stated findings.
    Rationale,
    /// The clinical case summary.
    Summary,
    /// The item's service line ("... WITH RFA IF DIAGNOSTIC").
    Request,
}

impl Region {
    pub fn name(self) -> &'static str {
        match self {
            Region::Rationale => "rationale",
            Region::Summary => "summary",
            Region::Request => "request",
        }
    }
}

fn default_regions() -> Vec<Region> {
    vec![Region::Rationale, Region::Summary]
}

/// What a negated mention of a finding means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum NegatedMeans {
    /// "no radiculopathy": the finding is absent.
    #[default]
    Absent,
    /// "no aberrant behaviour": the thing was assessed, so the finding (an assessment) is present.
    /// An undocumented mention ("aberrant behaviour is not discussed") is still absent.
    Present,
    /// "no benefit from Norco": negation of a nearby word says nothing about whether the thing is
    /// there, so a negated mention is not counted. Only `absent-phrases` and `absent-patterns`
    /// state an absence.
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FindingSpec {
    pub id: Spanned<String>,
    pub description: String,
    #[serde(default = "default_regions")]
    pub read_in: Vec<Region>,
    /// Historical mentions count (for findings about prior treatment and its results).
    #[serde(default)]
    pub history: bool,
    /// Planned and requested mentions count (for what a request is for: the surgery a post-operative
    /// request follows is named as requested or planned as often as done).
    #[serde(default)]
    pub planned: bool,
    /// What is stated as expected to happen counts ("she will not be able to leave the home after
    /// surgery"), though not what is planned, wished or conditional: for the patient's state after a
    /// requested treatment, which is all a rationale can judge before it.
    #[serde(default)]
    pub expected: bool,
    /// A mention speaks of the item's own service only: one whose sentence names another rule's
    /// service and none of the item's rules' services is about that other treatment ("Norco has been
    /// prescribed since 2016" says nothing of how long zolpidem has been taken).
    #[serde(default)]
    pub about_service: bool,
    /// A mention whose sentence names another rule's service and none of the item's rules' services
    /// is about that other treatment, as with `about_service`; but one whose sentence names no
    /// service counts, in the case summary too ("the injection gave 70% relief for three months" is
    /// said of the earlier injection the repeat request follows, "after the ablation, 60% relief for
    /// five months" of another procedure).
    #[serde(default)]
    pub about_named_service: bool,
    /// Possible mentions count ("suspected CRPS", "a nonunion cannot be excluded"): for what a
    /// diagnostic test is indicated by, which a suspicion is enough for.
    #[serde(default)]
    pub suspected: bool,
    /// The finding is any one of several conditions ("a risk factor for a failed fusion: smoking,
    /// diabetes, a multilevel fusion"): the case summary's denial of one of them ("he quit smoking")
    /// does not contradict the rationale's statement of another.
    #[serde(default)]
    pub any_of: bool,
    /// The finding is a fact about the patient as a whole (a daily opioid dose, a drug taken, a risk
    /// of overdose), the same for every item of the letter: another item's rationale that states it
    /// does not explain away a case summary that contradicts this item's rationale.
    #[serde(default)]
    pub whole_patient: bool,
    /// A phrase's own words place the mention: "carpal tunnel release" is of the wrist whatever else
    /// its sentence names, for a request that names another body region.
    #[serde(default)]
    pub placed_by_phrase: bool,
    /// The absent phrases and patterns deny the finding itself ("the shoulder has never been
    /// injected"), not one sign of it among others ("straight leg raise was negative" for radicular
    /// pain): the case summary's denial can then contradict the rationale.
    #[serde(default)]
    pub absent_denies: bool,
    /// The finding is about the people around the patient (a caregiver who can help): a mention whose
    /// experiencer is another person ("his wife is available to push the chair") still counts.
    #[serde(default)]
    pub about_others: bool,
    /// The finding is recent: a mention whose sentence is dated more than this many months before
    /// the letter's date ("the last urine drug test, on 10/19/2022") does not count.
    #[serde(default)]
    pub recent_within_months: Option<u32>,
    #[serde(default)]
    pub negated_means: NegatedMeans,
    /// Other findings whose phrases and patterns (present, absent and neutral) also state this one:
    /// a finding about one treatment's results ("the acupuncture produced functional improvement")
    /// reads the general measures of function with its own flags, such as `about-service`.
    #[serde(default)]
    pub includes: Vec<Spanned<String>>,
    /// Phrases stating the finding, matched as whole words, case-insensitively.
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    /// Regular expressions stating the finding.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Phrases stating the finding is absent ("neurological examination was intact").
    #[serde(default)]
    pub absent_phrases: Vec<Spanned<String>>,
    #[serde(default)]
    pub absent_patterns: Vec<Spanned<String>>,
    /// Names of other things that hold the finding's words ("beck depression inventory" for
    /// "depression"): a phrase or pattern matched inside one is not a mention.
    #[serde(default)]
    pub neutral_phrases: Vec<Spanned<String>>,
    /// The same, where wording varies: a measure too small to state the finding either way ("from 8/10
    /// to 7/10" for a finding of relief).
    #[serde(default)]
    pub neutral_patterns: Vec<Spanned<String>>,
}

/// A guideline reference: a section id and, optionally, the pages within it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CiteSpec {
    pub section: Spanned<String>,
    pub pages: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CriterionSpec {
    pub id: Spanned<String>,
    pub description: String,
    /// A condition over findings, criteria and request measures: `a and (b or not c)`, `request.joint-levels <= 2`.
    pub condition: Spanned<String>,
    #[serde(default)]
    pub cites: Vec<CiteSpec>,
    pub edition: Option<EditionSpec>,
}

/// Which edition of a guideline a criterion or rule encodes, and when that edition was in force.
/// Definitions that share `of` are editions of one thing; exactly one applies on any date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionSpec {
    /// The name shared by every edition of the same criterion or rule.
    pub of: Spanned<String>,
    /// The edition's name, shown in reports ("MTUS Chronic Pain Medical Treatment Guidelines, 2009").
    pub name: String,
    /// First day in force (YYYY-MM-DD); open when left out.
    pub from: Option<Spanned<String>>,
    /// First day no longer in force (YYYY-MM-DD); open when left out.
    pub until: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: Spanned<String>,
    /// The service category, for reports ("opioids", "facet-blocks").
    pub category: String,
    pub title: String,
    /// Phrases naming the services the rule applies to, matched in the service line.
    #[serde(default)]
    pub services: Vec<Spanned<String>>,
    #[serde(default)]
    pub service_patterns: Vec<Spanned<String>>,
    /// Phrases that keep the rule from applying even when a service phrase matches.
    #[serde(default)]
    pub not_services: Vec<Spanned<String>>,
    /// Phrases naming the service only where the reviewer cites one of the rule's sections:
    /// "additional occupational therapy" under the Postsurgical Treatment Guidelines.
    #[serde(default)]
    pub cited_services: Vec<Spanned<String>>,
    /// Criteria that must all be met for the service to be supported.
    #[serde(default)]
    pub require: Vec<Spanned<String>>,
    /// Criteria that, when met, rule the service out (unknown ones do not).
    #[serde(default)]
    pub exclude_if: Vec<Spanned<String>>,
    /// The guideline sections this rule encodes; a letter citing none of them draws citation-mismatch.
    #[serde(default)]
    pub sections: Vec<Spanned<String>>,
    /// Where the rule wins over another rule with an identical service matcher.
    pub precedence: Option<i64>,
    /// The rule covers a procedure (surgery, injection) that other requests of the same letter may
    /// attend (`letter.procedures-certified`).
    #[serde(default)]
    pub procedure: bool,
    /// The procedure is a surgery (`letter.surgeries-certified`); a surgery is a procedure too.
    #[serde(default)]
    pub surgery: bool,
    #[serde(default)]
    pub cites: Vec<CiteSpec>,
    pub edition: Option<EditionSpec>,
}
