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

/// Rows of a NegEx / ConText annotation file as labelled cases. The condition is looked up in its
/// sentence ignoring case and runs of whitespace; the target is the text found there. Also returns how
/// many rows were skipped because their condition is not in their sentence.
pub fn negex_annotations(text: &str) -> (Vec<Labelled>, usize) {
    let mut cases = Vec::new();
    let mut skipped = 0;
    // A report holds several rows: the row's line number makes its id.
    for (row, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [id, condition, sentence, negation, temporality, experiencer] = fields[..] else {
            continue;
        };
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
            id: format!("r{id}:{}", row + 1),
            text: sentence.to_string(),
            target: found.as_str().to_string(),
            negated: status == "negated",
            undocumented: None,
            status: Some(status),
            temporality: match temporality.to_ascii_lowercase().as_str() {
                "recent" => Some("current".into()),
                "historical" => Some("historical".into()),
                "hypothetical" => Some("hypothetical".into()),
                _ => None,
            },
            experiencer: Some(
                if experiencer.eq_ignore_ascii_case("patient") {
                    "patient"
                } else {
                    "other"
                }
                .into(),
            ),
            guideline_statement: None,
        });
    }
    (cases, skipped)
}
