//! Criterion conditions: a small language over findings, criteria and request measures, evaluated in
//! three-valued (Kleene) logic so that undocumented is never mistaken for absent.
//!
//! ```text
//! condition  := or ("otherwise" or)*
//! or         := and ("or" and)*
//! and        := unary ("and" unary)*
//! unary      := "not" unary | "(" or ")" | measure op number | "true" | "false" | id
//! op         := "<" | "<=" | ">" | ">=" | "==" | "!="
//! ```

use serde::Serialize;
use std::ops::Range;

/// Met, not met, or unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    Met,
    NotMet,
    Unknown,
}

impl Truth {
    pub fn from_bool(b: bool) -> Truth {
        if b {
            Truth::Met
        } else {
            Truth::NotMet
        }
    }

    pub fn negate(self) -> Truth {
        match self {
            Truth::Met => Truth::NotMet,
            Truth::NotMet => Truth::Met,
            Truth::Unknown => Truth::Unknown,
        }
    }

    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::NotMet, _) | (_, Truth::NotMet) => Truth::NotMet,
            (Truth::Met, Truth::Met) => Truth::Met,
            _ => Truth::Unknown,
        }
    }

    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Met, _) | (_, Truth::Met) => Truth::Met,
            (Truth::NotMet, Truth::NotMet) => Truth::NotMet,
            _ => Truth::Unknown,
        }
    }

    /// `self` when known, else `other`.
    pub fn otherwise(self, other: impl FnOnce() -> Truth) -> Truth {
        if self == Truth::Unknown {
            other()
        } else {
            self
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Truth::Met => "met",
            Truth::NotMet => "not met",
            Truth::Unknown => "unknown",
        }
    }
}

/// A number the engine reads from the letter's structure (not from clinical phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Measure {
    JointLevels,
    MotionSegments,
    SpinalLevels,
    MedialBranches,
    Quantity,
    Refills,
    Visits,
    Hours,
    Days,
    WeeksSinceInjury,
    ProceduresCertified,
    SurgeriesCertified,
    SurgeriesRequested,
    SurgeriesUpheld,
}

impl Measure {
    pub const ALL: [Measure; 14] = [
        Measure::JointLevels,
        Measure::MotionSegments,
        Measure::SpinalLevels,
        Measure::MedialBranches,
        Measure::Quantity,
        Measure::Refills,
        Measure::Visits,
        Measure::Hours,
        Measure::Days,
        Measure::WeeksSinceInjury,
        Measure::ProceduresCertified,
        Measure::SurgeriesCertified,
        Measure::SurgeriesRequested,
        Measure::SurgeriesUpheld,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Measure::JointLevels => "request.joint-levels",
            Measure::MotionSegments => "request.motion-segments",
            Measure::SpinalLevels => "request.spinal-levels",
            Measure::MedialBranches => "request.medial-branches",
            Measure::Quantity => "request.quantity",
            Measure::Refills => "request.refills",
            Measure::Visits => "request.visits",
            Measure::Hours => "request.hours",
            Measure::Days => "request.days",
            Measure::WeeksSinceInjury => "case.weeks-since-injury",
            Measure::ProceduresCertified => "letter.procedures-certified",
            Measure::SurgeriesCertified => "letter.surgeries-certified",
            Measure::SurgeriesRequested => "letter.surgeries-requested",
            Measure::SurgeriesUpheld => "letter.surgeries-upheld",
        }
    }

    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparison {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Comparison {
    pub fn apply(self, a: f64, b: f64) -> bool {
        match self {
            Comparison::Lt => a < b,
            Comparison::Le => a <= b,
            Comparison::Gt => a > b,
            Comparison::Ge => a >= b,
            Comparison::Eq => a == b,
            Comparison::Ne => a != b,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
            Comparison::Eq => "==",
            Comparison::Ne => "!=",
        }
    }
}

/// A parsed condition whose names are not yet resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `true` or `false`: what a fallback reads when the letter's silence must decide.
    Constant(Truth),
    /// A finding or criterion id, with its byte range in the condition text.
    Name(String, Range<usize>),
    Compare(String, Range<usize>, Comparison, f64),
    Not(Box<Condition>),
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Otherwise(Vec<Condition>),
}

impl Condition {
    /// Every name the condition refers to, with its range.
    pub fn names(&self, out: &mut Vec<(String, Range<usize>, bool)>) {
        match self {
            Condition::Constant(_) => {}
            Condition::Name(n, r) => out.push((n.clone(), r.clone(), false)),
            Condition::Compare(n, r, _, _) => out.push((n.clone(), r.clone(), true)),
            Condition::Not(c) => c.names(out),
            Condition::And(cs) | Condition::Or(cs) | Condition::Otherwise(cs) => {
                cs.iter().for_each(|c| c.names(out))
            }
        }
    }

    /// Evaluates with `name` giving each id's truth and `measure` each measure's value.
    pub fn eval(
        &self,
        name: &impl Fn(&str) -> Truth,
        measure: &impl Fn(&str) -> Option<f64>,
    ) -> Truth {
        match self {
            Condition::Constant(t) => *t,
            Condition::Name(n, _) => name(n),
            Condition::Compare(m, _, op, value) => match measure(m) {
                Some(v) => Truth::from_bool(op.apply(v, *value)),
                None => Truth::Unknown,
            },
            Condition::Not(c) => c.eval(name, measure).negate(),
            Condition::And(cs) => cs
                .iter()
                .fold(Truth::Met, |acc, c| acc.and(c.eval(name, measure))),
            Condition::Or(cs) => cs
                .iter()
                .fold(Truth::NotMet, |acc, c| acc.or(c.eval(name, measure))),
            Condition::Otherwise(cs) => cs.iter().fold(Truth::Unknown, |acc, c| {
                acc.otherwise(|| c.eval(name, measure))
            }),
        }
    }
}

/// A syntax error at a byte range of the condition text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    pub message: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Number(f64),
    Op(Comparison),
    Open,
    Close,
    And,
    Or,
    Not,
    Otherwise,
    Constant(Truth),
}

fn tokenize(text: &str) -> Result<Vec<(Token, Range<usize>)>, ConditionError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            b'(' => {
                i += 1;
                Token::Open
            }
            b')' => {
                i += 1;
                Token::Close
            }
            b'<' | b'>' | b'=' | b'!' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                i += if two { 2 } else { 1 };
                match (c, two) {
                    (b'<', false) => Token::Op(Comparison::Lt),
                    (b'<', true) => Token::Op(Comparison::Le),
                    (b'>', false) => Token::Op(Comparison::Gt),
                    (b'>', true) => Token::Op(Comparison::Ge),
                    (b'=', true) => Token::Op(Comparison::Eq),
                    (b'!', true) => Token::Op(Comparison::Ne),
                    _ => {
                        return Err(ConditionError {
                            message: format!(
                                "`{}` is not an operator; use <, <=, >, >=, == or !=",
                                &text[start..i]
                            ),
                            range: start..i,
                        })
                    }
                }
            }
            b'0'..=b'9' => {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                let number = text[start..i].parse().map_err(|_| ConditionError {
                    message: format!("`{}` is not a number", &text[start..i]),
                    range: start..i,
                })?;
                Token::Number(number)
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'-' | b'_' | b'.'))
                {
                    i += 1;
                }
                match &text[start..i] {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    "otherwise" => Token::Otherwise,
                    "true" => Token::Constant(Truth::Met),
                    "false" => Token::Constant(Truth::NotMet),
                    word => Token::Ident(word.to_string()),
                }
            }
            _ => {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                return Err(ConditionError {
                    message: format!("unexpected `{}`", &text[i..i + len]),
                    range: i..i + len,
                });
            }
        };
        out.push((token, start..i));
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: Vec<(Token, Range<usize>)>,
    at: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|t| &t.0)
    }

    fn here(&self) -> Range<usize> {
        self.tokens
            .get(self.at)
            .map_or(self.text.len()..self.text.len(), |t| t.1.clone())
    }

    fn otherwise(&mut self) -> Result<Condition, ConditionError> {
        let mut parts = vec![self.or()?];
        while self.peek() == Some(&Token::Otherwise) {
            self.at += 1;
            parts.push(self.or()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Condition::Otherwise(parts)
        })
    }

    fn or(&mut self) -> Result<Condition, ConditionError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Condition::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Condition, ConditionError> {
        let mut parts = vec![self.unary()?];
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().unwrap()
        } else {
            Condition::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Condition, ConditionError> {
        let range = self.here();
        match self.tokens.get(self.at).cloned() {
            Some((Token::Not, _)) => {
                self.at += 1;
                Ok(Condition::Not(Box::new(self.unary()?)))
            }
            Some((Token::Constant(t), _)) => {
                self.at += 1;
                Ok(Condition::Constant(t))
            }
            Some((Token::Open, open)) => {
                self.at += 1;
                let inner = self.otherwise()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(ConditionError {
                        message: "this parenthesis is never closed".into(),
                        range: open,
                    });
                }
                self.at += 1;
                Ok(inner)
            }
            Some((Token::Ident(name), name_range)) => {
                self.at += 1;
                if let Some(Token::Op(op)) = self.peek().cloned() {
                    self.at += 1;
                    match self.tokens.get(self.at).cloned() {
                        Some((Token::Number(n), _)) => {
                            self.at += 1;
                            Ok(Condition::Compare(name, name_range, op, n))
                        }
                        _ => Err(ConditionError {
                            message: format!("`{}` must be followed by a number", op.symbol()),
                            range: self.here(),
                        }),
                    }
                } else {
                    Ok(Condition::Name(name, name_range))
                }
            }
            Some((token, r)) => Err(ConditionError {
                message: format!(
                    "expected a finding, criterion, `true`, `false`, `not` or `(`, found {}",
                    match token {
                        Token::Close => "`)`".to_string(),
                        Token::And => "`and`".to_string(),
                        Token::Or => "`or`".to_string(),
                        Token::Otherwise => "`otherwise`".to_string(),
                        Token::Number(n) => format!("the number {n}"),
                        Token::Op(op) => format!("`{}`", op.symbol()),
                        _ => "something else".to_string(),
                    }
                ),
                range: r,
            }),
            None => Err(ConditionError {
                message: "the condition ends too early".into(),
                range,
            }),
        }
    }
}

/// Parses a condition.
pub fn parse(text: &str) -> Result<Condition, ConditionError> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(ConditionError {
            message: "the condition is empty".into(),
            range: 0..text.len(),
        });
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        text,
    };
    let condition = parser.otherwise()?;
    if parser.at < parser.tokens.len() {
        return Err(ConditionError {
            message: "expected `and`, `or`, `otherwise` or the end of the condition".into(),
            range: parser.here(),
        });
    }
    Ok(condition)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_kleene_logic() {
        let c = parse("a or b and not c").unwrap();
        let truth = |n: &str| match n {
            "a" => Truth::Unknown,
            "b" => Truth::Met,
            _ => Truth::NotMet,
        };
        assert_eq!(c.eval(&truth, &|_| None), Truth::Met);
        let c = parse("(a or c) and request.joint-levels <= 2").unwrap();
        assert_eq!(c.eval(&truth, &|_| Some(3.0)), Truth::NotMet);
        assert_eq!(c.eval(&truth, &|_| Some(2.0)), Truth::Unknown);
        assert_eq!(c.eval(&truth, &|_| None), Truth::Unknown);
    }

    #[test]
    fn otherwise_prefers_a_settled_left_side() {
        let c = parse("a otherwise b or c").unwrap();
        let with = |a: Truth, b: Truth| {
            move |n: &str| {
                if n == "a" {
                    a
                } else if n == "b" {
                    b
                } else {
                    Truth::Unknown
                }
            }
        };
        assert_eq!(
            c.eval(&with(Truth::NotMet, Truth::Met), &|_| None),
            Truth::NotMet
        );
        assert_eq!(
            c.eval(&with(Truth::Unknown, Truth::Met), &|_| None),
            Truth::Met
        );
        assert_eq!(
            c.eval(&with(Truth::Unknown, Truth::NotMet), &|_| None),
            Truth::Unknown
        );
    }

    #[test]
    fn constants_let_silence_decide() {
        let c = parse("not (a otherwise false) and b").unwrap();
        let silent = |n: &str| if n == "b" { Truth::Met } else { Truth::Unknown };
        assert_eq!(c.eval(&silent, &|_| None), Truth::Met);
        let stated = |n: &str| if n == "a" { Truth::Met } else { Truth::Unknown };
        assert_eq!(c.eval(&stated, &|_| None), Truth::NotMet);
        assert_eq!(parse("true").unwrap(), Condition::Constant(Truth::Met));
        // A word that only begins like a constant is an id.
        assert!(matches!(parse("true-up").unwrap(), Condition::Name(..)));
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("a and").unwrap_err().range, 5..5);
        assert_eq!(parse("(a or b").unwrap_err().range, 0..1);
        assert_eq!(parse("a b").unwrap_err().range, 2..3);
        assert_eq!(parse("x <= y").unwrap_err().range, 5..6);
        assert_eq!(parse("a & b").unwrap_err().range, 2..3);
    }
}
