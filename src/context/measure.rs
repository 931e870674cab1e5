//! Measures the lexicon on labelled sentences: sensitivity, specificity, precision and F1 for
//! "negated", and agreement on the other axes.

use super::report::assess;
use super::{ContextEngine, Experiencer, Status, Temporality};
use serde::Deserialize;

/// One labelled sentence (`tests/context/labelled.jsonl`).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub id: String,
    pub text: String,
    pub target: String,
    pub negated: bool,
    #[serde(default)]
    pub undocumented: Option<bool>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub temporality: Option<String>,
    #[serde(default)]
    pub experiencer: Option<String>,
    #[serde(default)]
    pub guideline_statement: Option<bool>,
}

/// Counts for one binary label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub true_positive: usize,
    pub false_positive: usize,
    pub true_negative: usize,
    pub false_negative: usize,
}

impl Confusion {
    pub fn add(&mut self, expected: bool, actual: bool) {
        match (expected, actual) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (false, false) => self.true_negative += 1,
            (true, false) => self.false_negative += 1,
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if a + b == 0 {
            1.0
        } else {
            a as f64 / (a + b) as f64
        }
    }

    pub fn sensitivity(&self) -> f64 {
        Self::ratio(self.true_positive, self.false_negative)
    }

    pub fn specificity(&self) -> f64 {
        Self::ratio(self.true_negative, self.false_positive)
    }

    pub fn precision(&self) -> f64 {
        Self::ratio(self.true_positive, self.false_positive)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.sensitivity());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The measurement of a labelled set.
#[derive(Debug, Clone, Default)]
pub struct Measurement {
    pub negated: Confusion,
    pub undocumented: Confusion,
    pub guideline: Confusion,
    /// (agreeing, labelled) for temporality and experiencer.
    pub temporality: (usize, usize),
    pub experiencer: (usize, usize),
    /// Sentences whose target was not found, and the ids of disagreements on "negated".
    pub not_found: Vec<String>,
    pub negation_errors: Vec<String>,
    /// The ids of disagreements on temporality and on the experiencer, with the value read.
    pub temporality_errors: Vec<(String, &'static str)>,
    pub experiencer_errors: Vec<(String, &'static str)>,
}

pub fn measure(engine: &ContextEngine, cases: &[Labelled]) -> Measurement {
    let mut m = Measurement::default();
    for case in cases {
        let Ok(result) = assess(engine, &case.text, &case.target) else {
            m.not_found.push(case.id.clone());
            continue;
        };
        let negated = result.status == Status::Negated;
        m.negated.add(case.negated, negated);
        if case.negated != negated {
            m.negation_errors.push(case.id.clone());
        }
        if let Some(u) = case.undocumented {
            m.undocumented.add(u, negated && result.undocumented);
        }
        if let Some(g) = case.guideline_statement {
            m.guideline.add(g, result.guideline_statement);
        }
        if let Some(t) = &case.temporality {
            let actual = match result.temporality {
                Temporality::Current => "current",
                Temporality::Historical => "historical",
                Temporality::Hypothetical => "hypothetical",
            };
            m.temporality.1 += 1;
            m.temporality.0 += usize::from(actual == t);
            if actual != t {
                m.temporality_errors.push((case.id.clone(), actual));
            }
        }
        if let Some(e) = &case.experiencer {
            let actual = match result.experiencer {
                Experiencer::Patient => "patient",
                Experiencer::Other => "other",
            };
            m.experiencer.1 += 1;
            m.experiencer.0 += usize::from(actual == e);
            if actual != e {
                m.experiencer_errors.push((case.id.clone(), actual));
            }
        }
    }
    m
}

impl std::fmt::Display for Measurement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = &self.negated;
        writeln!(
            f,
            "negated: sensitivity {:.3}, specificity {:.3}, precision {:.3}, F1 {:.3} (TP {}, FP {}, TN {}, FN {})",
            n.sensitivity(),
            n.specificity(),
            n.precision(),
            n.f1(),
            n.true_positive,
            n.false_positive,
            n.true_negative,
            n.false_negative
        )?;
        // A set that does not label a dimension (a public negation corpus has no guideline
        // statements) gets no line for it rather than a perfect score.
        for (name, c) in [
            ("undocumented", &self.undocumented),
            ("guideline statement", &self.guideline),
        ] {
            if c.true_positive + c.false_positive + c.true_negative + c.false_negative == 0 {
                continue;
            }
            writeln!(
                f,
                "{name}: sensitivity {:.3}, specificity {:.3}, F1 {:.3}",
                c.sensitivity(),
                c.specificity(),
                c.f1()
            )?;
        }
        let pct = |(a, b): (usize, usize)| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        writeln!(
            f,
            "temporality agreement {:.3}, experiencer agreement {:.3}",
            pct(self.temporality),
            pct(self.experiencer)
        )?;
        if !self.not_found.is_empty() {
            writeln!(f, "targets not found: {}", self.not_found.join(", "))?;
        }
        Ok(())
    }
}

/// Rows of a NegEx / ConText annotation file as labelled cases. The columns are found by their
/// header's names, so the files of the NegEx project (`Report No., Condition, Sentence, Negation,
/// Temporality, Experiencer`, or `Number, Report No., Concept, Sentence, Negation`) and their
/// comma-separated copies all read; a file without a header is read as the six columns in that
/// order. The condition is looked up in its sentence ignoring case and runs of whitespace; the target
/// is the text found there. Also returns how many rows were skipped because their condition is not
/// in their sentence.
pub fn negex_annotations(text: &str) -> (Vec<Labelled>, usize) {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') || !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let mut records = reader.records().filter_map(Result::ok);
    let Some(header) = records.next() else {
        return (Vec::new(), 0);
    };
    let columns = Columns::of(&header);
    let mut cases = Vec::new();
    let mut skipped = 0;
    // A file without a header starts with its first case.
    let rows = (!columns.named)
        .then(|| header.clone())
        .into_iter()
        .chain(records);
    for record in rows {
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).map(str::trim);
        let (Some(condition), Some(sentence), Some(negation)) = (
            field(columns.condition),
            field(columns.sentence),
            field(columns.negation),
        ) else {
            continue;
        };
        // The line the row starts on makes the case's id, as a report holds several rows.
        let line = record.position().map_or(0, |p| p.line());
        let id = field(columns.id).unwrap_or_default();
        let words: Vec<String> = condition.split_whitespace().map(regex::escape).collect();
        let found = regex::RegexBuilder::new(&words.join(r"\s+"))
            .case_insensitive(true)
            .build()
            .ok()
            .and_then(|r| r.find(sentence));
        let Some(found) = found.filter(|_| !words.is_empty()) else {
            skipped += 1;
            continue;
        };
        let status = negation.to_ascii_lowercase();
        cases.push(Labelled {
            id: format!("r{id}:{line}"),
            text: sentence.to_string(),
            target: found.as_str().to_string(),
            negated: status == "negated",
            undocumented: None,
            status: Some(status),
            temporality: field(columns.temporality).and_then(|t| {
                match t.to_ascii_lowercase().as_str() {
                    "recent" => Some("current".into()),
                    "historical" => Some("historical".into()),
                    "hypothetical" => Some("hypothetical".into()),
                    _ => None,
                }
            }),
            experiencer: field(columns.experiencer)
                .filter(|e| !e.is_empty())
                .map(|e| {
                    if e.eq_ignore_ascii_case("patient") {
                        "patient"
                    } else {
                        "other"
                    }
                    .into()
                }),
            guideline_statement: None,
        });
    }
    (cases, skipped)
}

/// Where an annotation file keeps each field.
struct Columns {
    /// Whether the first record is a header naming them.
    named: bool,
    id: Option<usize>,
    condition: Option<usize>,
    sentence: Option<usize>,
    negation: Option<usize>,
    temporality: Option<usize>,
    experiencer: Option<usize>,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Columns {
        let find = |names: &[&str]| {
            header.iter().position(|h| {
                let h = h.trim().trim_end_matches('.').to_ascii_lowercase();
                names.iter().any(|n| h == *n)
            })
        };
        let sentence = find(&["sentence", "text"]);
        if sentence.is_none() {
            return Columns {
                named: false,
                id: Some(0),
                condition: Some(1),
                sentence: Some(2),
                negation: Some(3),
                temporality: Some(4),
                experiencer: Some(5),
            };
        }
        Columns {
            named: true,
            id: find(&["report no", "report", "report number", "id"]).or(find(&["number"])),
            condition: find(&["condition", "concept", "target", "phrase"]),
            sentence,
            negation: find(&["negation", "negation status", "status"]),
            temporality: find(&["temporality"]),
            experiencer: find(&["experiencer"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::negex_annotations;

    #[test]
    fn columns_are_found_by_their_header() {
        // The NegEx project's first file: an index, the report, the concept, no temporality.
        let text = "Number\tReport No.\tConcept\tSentence\tNegation\n\
                    1\t7\tfever\tShe denies fever or chills.\tNegated\n\
                    2\t7\tcough\tProductive  cough for a week.\tAffirmed\n";
        let (cases, skipped) = negex_annotations(text);
        assert_eq!(skipped, 0);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].id, "r7:2");
        assert!(cases[0].negated && !cases[1].negated);
        assert_eq!(cases[1].target, "cough");
        assert_eq!(cases[0].temporality, None);
        assert_eq!(cases[0].experiencer, None);
    }

    #[test]
    fn a_comma_separated_copy_reads_its_quoted_sentences() {
        let text = "Report No.,Condition,Sentence,Negation,Temporality,Experiencer\n\
                    3,asthma,\"Mother has asthma, no COPD.\",Affirmed,Historical,Other\n";
        let (cases, _) = negex_annotations(text);
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].text, "Mother has asthma, no COPD.");
        assert_eq!(cases[0].temporality.as_deref(), Some("historical"));
        assert_eq!(cases[0].experiencer.as_deref(), Some("other"));
    }

    #[test]
    fn a_file_without_a_header_is_read_in_the_context_order() {
        let text = "4\tpain\tNo pain today.\tNegated\tRecent\tPatient\n";
        let (cases, skipped) = negex_annotations(text);
        assert_eq!((cases.len(), skipped), (1, 0));
        assert!(cases[0].negated);
        assert_eq!(cases[0].experiencer.as_deref(), Some("patient"));
    }
}
