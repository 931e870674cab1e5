//! Request details read from an item's service line: medication, strength, quantity, refills, visits,
//! spinal levels with the motion segments and facet joints they reach, laterality and companion procedures.

use crate::span::{Span, Spanned};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Laterality {
    Left,
    Right,
    Bilateral,
}

impl Laterality {
    /// The side a word names: "left" or "lt", "right" or "rt", "bilateral", "bilat" or "b/l".
    fn of(word: &str) -> Option<Laterality> {
        match word.to_ascii_lowercase().as_str() {
            "left" | "lt" => Some(Laterality::Left),
            "right" | "rt" => Some(Laterality::Right),
            "bilateral" | "bilaterally" | "bilat" | "b/l" => Some(Laterality::Bilateral),
            _ => None,
        }
    }
}

/// The side a paragraph's opening label names, when the paragraph tells of one side only: "Left
/// shoulder: she received a left subacromial injection ...", "RIGHT KNEE \u{2014} ...". The range is
/// where the side stands in `opening`.
pub fn paragraph_side_label(opening: &str) -> Option<SideNamed> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)^\s*(?P<side>left|right)\s+(?:[a-z]+\s+){0,2}?[a-z]+\s*(?::|\s[-\x{2013}\x{2014}])")
            .unwrap()
    });
    let c = LABEL.captures(opening)?;
    let side = c.name("side")?;
    let laterality = Laterality::of(side.as_str())?;
    Some((laterality, side.range()))
}

/// The side named by the word right before a mention (`before` ends where the mention starts):
/// "right" in "..., and right rotator cuff tear", with where it stands in `before`. A side
/// coordinated with another ("left and right knee pain", "left/right") names no one side.
pub fn side_just_before(before: &str) -> Option<(Laterality, std::ops::Range<usize>)> {
    let trimmed = before.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let side = match Laterality::of(&trimmed[start..])? {
        side @ (Laterality::Left | Laterality::Right) => side,
        Laterality::Bilateral => return None,
    };
    // The side coordinated with another just before it: "left and right", "left/right", "left, right";
    // not a clause's "..., and right rotator cuff tear" after a comma.
    let mut earlier = trimmed[..start].trim_end();
    for conjunction in ["and", "or"] {
        let len = earlier.len();
        if len > conjunction.len()
            && earlier.is_char_boundary(len - conjunction.len())
            && earlier[len - conjunction.len()..].eq_ignore_ascii_case(conjunction)
            && earlier[..len - conjunction.len()].ends_with(char::is_whitespace)
        {
            earlier = earlier[..len - conjunction.len()].trim_end();
            if earlier.ends_with(',') {
                return Some((side, start..trimmed.len()));
            }
        }
    }
    let previous = earlier
        .split(|c: char| !c.is_ascii_alphabetic())
        .rfind(|w| !w.is_empty());
    let coordinated = previous.is_some_and(|w| Laterality::of(w).is_some());
    (!coordinated).then_some((side, start..trimmed.len()))
}

/// The side named a few words before a mention, with only the words naming where between them:
/// "right" in "showed right knee medial compartment joint space narrowing". Up to three words between,
/// none of which opens another clause or phrase ("right knee pain and joint space narrowing" names no
/// side for the narrowing).
pub fn side_shortly_before(before: &str) -> Option<(Laterality, std::ops::Range<usize>)> {
    const BETWEEN: [&str; 16] = [
        "and", "or", "but", "with", "without", "is", "was", "are", "were", "has", "had", "have",
        "no", "not", "showed", "shows",
    ];
    let trimmed = before.trim_end();
    let mut end = trimmed.len();
    for _ in 0..3 {
        let word_start = trimmed[..end]
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphabetic() || *c == '-'))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let word = &trimmed[word_start..end];
        if word.is_empty() || BETWEEN.iter().any(|w| word.eq_ignore_ascii_case(w)) {
            return None;
        }
        // Only blanks between the words, a line break among them (a letter wraps its lines): a comma
        // or a period ends the phrase.
        let rest = trimmed[..word_start].trim_end();
        if rest.len() == word_start {
            return None;
        }
        if let Some(found) = side_just_before(rest) {
            return Some(found);
        }
        end = rest.len();
    }
    None
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RequestDetails {
    /// The medication's name as written, when the service line reads as a prescription.
    pub medication: Option<Spanned<String>>,
    /// "10/325 MG".
    pub strength: Option<Spanned<String>>,
    /// "#90", "# 60".
    pub quantity: Option<Spanned<u32>>,
    /// "WITH 3 REFILLS".
    pub refills: Option<Spanned<u32>>,
    /// Visits or sessions requested ("x 6 visits", "2x4" is 8).
    pub visits: Option<Spanned<u32>>,
    /// Hours requested in all ("x 160 hrs", "80 hours"); a rate ("4 hours per day") is not a total.
    pub hours: Option<Spanned<u32>>,
    /// How long the request lasts, in days ("21 days", "30-day rental", "x 6 weeks" is 42, "2 months"
    /// is 60); a rate ("5 days per week") is not a duration.
    pub days: Option<Spanned<u32>>,
    /// Spinal levels as written ("L3-S1", "L3", "L4-5").
    pub levels: Vec<Spanned<String>>,
    /// Motion segments spanned by level ranges: "L3-S1" spans L3-4, L4-5 and L5-S1.
    pub motion_segments: Vec<String>,
    /// Medial branches, when the request names branches ("left L3,L4,L5").
    pub medial_branches: Vec<String>,
    /// Facet joint levels the request reaches: its motion segments, or the joints its medial branches
    /// supply (branches L3, L4, L5 reach the L4-5 and L5-S1 joints).
    pub joint_levels: Option<u32>,
    /// Spinal levels the request names in all: its motion segments and the single levels no range
    /// covers ("L4, L5 and S1" is three nerve-root levels; "L4-5, L5-S1" two).
    #[serde(skip)]
    pub spinal_levels: Option<u32>,
    pub laterality: Option<Spanned<Laterality>>,
    /// Procedures requested together with the main one ("RFA IF DIAGNOSTIC").
    pub companions: Vec<Spanned<String>>,
}

static STRENGTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*\s*(?:mg|mcg|\x{b5}g|gm?|ml|%|meq|units?|iu)\b|\d+(?:\.\d+)?/\d+(?:\.\d+)?\b)")
        .unwrap()
});
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)#\s*(\d+)|\b(?:qty|quantity)\s*[:.]?\s*(\d+)").unwrap()
});
static REFILLS: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+refills?\b").unwrap()
});
static VISITS: LazyLock<Regex> = LazyLock::new(|| {
    // The count may stand before the kind of visit: "12 additional acupuncture sessions", "8 physical
    // therapy visits", "eight sessions".
    crate::pattern::regex(
        r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:(?:additional|more|further|extra|initial|follow-?up|individual|group|outpatient|physical|occupational|aquatic|chiropractic|acupuncture|massage|therapy|psychotherapy|psychological|cbt|cognitive|behavioral|biofeedback|manipulation|treatment|pt|ot|post-?operative|post-?op|post-?surgical|supervised|formal|land-based|home)\s+){0,4}(?:visits|sessions|treatments)\b|\b(\d+)\s*x\s*(\d+)\b|\bx\s*(\d+)\b",
    )
    .unwrap()
});
/// A weekly frequency for a number of weeks: "2 TIMES A WEEK FOR 3 WEEKS" (6), "2x/week x 4 weeks" (8),
/// "7 days per week x 6 weeks" (42 days).
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:x|times|days|visits|sessions|treatments)\s*(?:a|per|/|each|every)?\s*(?:week|wk)\b\s*,?\s*(?:for|x|times|\*)?\s*(?:the\s+next\s+)?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:weeks?|wks?)\b")
        .unwrap()
});
static HOURS: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)\b(\d{1,4})\s*(?:hours|hrs?)\b").unwrap());
/// A duration: "21 days", "30-day", "x 6 weeks", "two months".
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*-?\s*(days?|weeks?|wks?|months?)\b").unwrap()
});
/// What makes a number of hours a rate: "4 hours per day", "20 hrs/week".
static RATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)^\s*(?:per|a|an|/|each|every)\s*(?:day|week|wk|visit|session|month)\b",
    )
    .unwrap()
});
/// A duration right after a count: "x 6 weeks" is how long, not how many visits.
static DURATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)^\s*(?:weeks?|wks?|days?|months?|hours?|hrs?)\b").unwrap()
});
static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        // A letter typed or printed in lower case writes its levels so ("l4-5").
        r"\b([CTLSctls])\s?(\d{1,2})(?:\s*(?:-|\x{2013}|to|through|thru)\s*([CTLSctls])?\s?(\d{1,2}))?\b",
    )
    .unwrap()
});
static BRANCH: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"(?i)medial\s+branch|\bMBBs?\b").unwrap());
static LATERALITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(bilateral|bilat|b/l|left|lt|right|rt)\b").unwrap()
});
/// A side named in prose: "his right knee", "left-sided sciatica", "bilateral hand numbness". The
/// word after a side keeps the verb and the idioms out: "he left work", "the right to appeal",
/// "right-hand dominant".
static SIDE_IN_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:(bilateral(?:ly)?)\b|(left|right)(?:\s*-\s*|\s+)(?:sided\s+|side\s+)?([a-z]+)(?:(?:\s*-\s*|\s+)([a-z]+))?)").unwrap()
});
static COMPANION: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:with|followed\s+by|plus)\s+([^,;()]+)").unwrap()
});

/// A side a sentence names, and where the word naming it stands in the sentence.
pub type SideNamed = (Laterality, std::ops::Range<usize>);

/// The one side a sentence names, and where, when it names one side only: a sentence about both
/// sides, or about neither, gives `None`.
pub fn one_side_named(sentence: &str) -> Option<SideNamed> {
    let mut named: Option<SideNamed> = None;
    for c in SIDE_IN_PROSE.captures_iter(sentence) {
        if c.get(1).is_some() {
            return None;
        }
        let (Some(side), Some(next)) = (c.get(2), c.get(3)) else {
            continue;
        };
        let next = next.as_str().to_ascii_lowercase();
        let after = c.get(4).map(|m| m.as_str().to_ascii_lowercase());
        // "right and left knees" names both.
        if matches!(next.as_str(), "and" | "or")
            && matches!(after.as_deref(), Some("left" | "right"))
        {
            return None;
        }
        let idiom = match next.as_str() {
            "to" | "now" | "away" | "after" | "before" | "work" | "the" | "his" | "her"
            | "their" | "and" | "or" | "at" | "for" | "in" | "on" | "with" | "early" | "home"
            | "school" | "job" | "it" | "him" | "them" | "a" | "an" | "off" | "of" | "from"
            | "by" | "as" | "that" | "this" | "when" | "handed" | "handedness" | "dominant" => true,
            "hand" => matches!(after.as_deref(), Some("dominant" | "dominance")),
            _ => false,
        };
        if idiom {
            continue;
        }
        let Some(this) = Laterality::of(side.as_str()) else {
            continue;
        };
        match &named {
            Some((other, _)) if *other != this => return None,
            Some(_) => {}
            None => named = Some((this, side.range())),
        }
    }
    named
}

/// The first match of `re` in `service` that is a total, not a rate: "80 hours", not "4 hours per day".
fn total<'s>(re: &Regex, service: &'s str) -> Option<regex::Captures<'s>> {
    re.captures_iter(service)
        .find(|c| !RATE_AFTER.is_match(&service[c.get(0).unwrap().end()..]))
}

/// A vertebra as an ordinal down the spine: C1 = 1 ... C7 = 7, T1 = 8 ... T12 = 19, L1 = 20 ... L5 = 24, S1 = 25.
fn vertebra(region: &str, number: u32) -> Option<u32> {
    match (region.to_ascii_uppercase().as_str(), number) {
        ("C", 1..=7) => Some(number),
        ("T", 1..=12) => Some(7 + number),
        ("L", 1..=5) => Some(19 + number),
        ("S", 1..=5) => Some(24 + number),
        _ => None,
    }
}

fn vertebra_name(ordinal: u32) -> String {
    match ordinal {
        1..=7 => format!("C{ordinal}"),
        8..=19 => format!("T{}", ordinal - 7),
        20..=24 => format!("L{}", ordinal - 19),
        _ => format!("S{}", ordinal - 24),
    }
}

fn segment_name(upper: u32) -> String {
    let (a, b) = (vertebra_name(upper), vertebra_name(upper + 1));
    if a[..1] == b[..1] {
        format!("{a}-{}", &b[1..])
    } else {
        format!("{a}-{b}")
    }
}

fn count_word(word: &str) -> Option<u32> {
    let words = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    word.parse().ok().or_else(|| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
            .map(|i| i as u32)
    })
}

/// A count spelled out with its figure after it, as notices write counts: "twenty-four (24)", "three
/// (3)".
static SPELLED_WITH_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(r"(?i)\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)\s*\((?P<figure>\d{1,3})\)")
        .unwrap()
});

/// `service` with each count spelled out and given in figures ([`SPELLED_WITH_FIGURE`]) blanked but
/// for its figure, so the figure is read as the count and every offset stays where it was.
fn spelled_counts_blanked(service: &str) -> std::borrow::Cow<'_, str> {
    if !service.contains('(') {
        return std::borrow::Cow::Borrowed(service);
    }
    let around_figures = SPELLED_WITH_FIGURE.captures_iter(service).flat_map(|c| {
        let (whole, figure) = (c.get(0).unwrap().range(), c.name("figure").unwrap().range());
        [whole.start..figure.start, figure.end..whole.end]
    });
    crate::text::with_ranges_blanked(service, around_figures)
}

/// `service` with the utilization review's note on it written as blanks, byte for byte: "TRAMADOL ER
/// 150 MG #30 (MODIFIED TO #20 FOR WEANING)", "Physical therapy x12 (UR certified 6)". The note tells
/// what the review allowed, not what was requested: "weaning" there names no weaning request.
pub fn without_review_note(service: &str) -> std::borrow::Cow<'_, str> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::regex(r"(?i)\((?:(?:ur|utilization\s+review|claims\s+administrator)\s+)?(?:modified|certified|non-?certified|approved|denied|reduced|partially\s+certified)\b[^()]*\)")
            .unwrap()
    });
    if !service.contains('(') {
        return std::borrow::Cow::Borrowed(service);
    }
    crate::text::with_ranges_blanked(service, NOTE.find_iter(service).map(|m| m.range()))
}

/// Reads request details from a service line; `span_of` maps a range of `service` to the letter.
pub fn parse(service: &str, span_of: impl Fn(std::ops::Range<usize>) -> Span) -> RequestDetails {
    let blanked = spelled_counts_blanked(service);
    let service = blanked.as_ref();
    let mut details = RequestDetails::default();
    let spanned = |value: u32, range| Spanned::new(value, span_of(range));

    if let Some(c) = REFILLS.captures(service) {
        if let Some(n) = count_word(&c[1]) {
            details.refills = Some(spanned(n, c.get(0).unwrap().range()));
        }
    }
    if let Some(c) = QUANTITY.captures(service) {
        let m = c.get(1).or(c.get(2)).unwrap();
        if let Ok(n) = m.as_str().parse() {
            details.quantity = Some(spanned(n, c.get(0).unwrap().range()));
        }
    }
    let strength = STRENGTH
        .find_iter(service)
        .find(|m| crate::letter::date::find_dates(m.as_str()).is_empty());
    if let Some(m) = strength {
        details.strength = Some(Spanned::new(
            m.as_str().trim().to_string(),
            span_of(m.range()),
        ));
    }
    let name_end = strength
        .map(|m| m.start())
        .or_else(|| details.quantity.as_ref().and_then(|_| service.find('#')));
    if let Some(end) = name_end {
        let name =
            service[..end].trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '-');
        let words = name.split_whitespace().count();
        if (1..=5).contains(&words) && name.chars().any(|c| c.is_alphabetic()) {
            let start = service.len() - service.trim_start().len();
            details.medication = Some(Spanned::new(
                name.trim().to_string(),
                span_of(start..name.len()),
            ));
        }
    }
    if details.medication.is_none() {
        details.strength = None;
        if let Some(c) = FREQUENCY.captures(service) {
            if let (Some(a), Some(b)) = (count_word(&c[1]), count_word(&c[2])) {
                details.visits = Some(spanned(a.saturating_mul(b), c.get(0).unwrap().range()));
            }
        }
        for c in VISITS.captures_iter(service) {
            if details.visits.is_some() {
                break;
            }
            let whole = c.get(0).unwrap();
            // "x 6 weeks": a duration, not a count of visits.
            if c.get(4).is_some() && DURATION_AFTER.is_match(&service[whole.end()..]) {
                continue;
            }
            let n = if let Some(v) = c.get(1) {
                count_word(v.as_str())
            } else if let (Some(a), Some(b)) = (c.get(2), c.get(3)) {
                a.as_str()
                    .parse::<u32>()
                    .ok()
                    .zip(b.as_str().parse::<u32>().ok())
                    .map(|(a, b)| a * b)
            } else {
                c.get(4).and_then(|v| v.as_str().parse().ok())
            };
            if let Some(n) = n {
                details.visits = Some(spanned(n, c.get(0).unwrap().range()));
                break;
            }
        }
    }

    details.hours = total(&HOURS, service).and_then(|c| {
        let n = c[1].parse().ok()?;
        Some(spanned(n, c.get(0).unwrap().range()))
    });

    details.days = total(&DURATION, service).and_then(|c| {
        let n = count_word(&c[1]).filter(|&n| n > 0)?;
        let unit = match c[2].as_bytes()[0].to_ascii_lowercase() {
            b'w' => 7,
            b'm' => 30,
            _ => 1,
        };
        Some(spanned(n.saturating_mul(unit), c.get(0).unwrap().range()))
    });

    let mut singles = Vec::new();
    let mut segments: Vec<u32> = Vec::new();
    for c in LEVEL.captures_iter(service) {
        let whole = c.get(0).unwrap();
        let Some(start) = c[2].parse().ok().and_then(|n| vertebra(&c[1], n)) else {
            continue;
        };
        details.levels.push(Spanned::new(
            whole.as_str().to_string(),
            span_of(whole.range()),
        ));
        match c.get(4) {
            None => singles.push(start),
            Some(end_number) => {
                let region = c.get(3).map_or(&c[1], |r| r.as_str());
                let end_number: u32 = end_number.as_str().parse().unwrap_or(0);
                let end = vertebra(region, end_number).or_else(|| {
                    // "L5-1" is unusual; "L4-5" names the next vertebra in the same region.
                    (end_number == 1 && c[1].eq_ignore_ascii_case("L")).then_some(25)
                });
                if let Some(end) = end.filter(|&e| e > start && e - start <= 8) {
                    segments.extend(start..end);
                }
            }
        }
    }
    segments.sort_unstable();
    segments.dedup();
    details.motion_segments = segments.iter().map(|&s| segment_name(s)).collect();
    let uncovered = {
        let mut alone: Vec<u32> = singles
            .iter()
            .copied()
            .filter(|&v| !segments.iter().any(|&s| v == s || v == s + 1))
            .collect();
        alone.sort_unstable();
        alone.dedup();
        alone.len()
    };
    let spinal_levels = segments.len() + uncovered;
    details.spinal_levels = (spinal_levels > 0).then_some(spinal_levels as u32);
    if BRANCH.is_match(service) && !singles.is_empty() {
        singles.sort_unstable();
        singles.dedup();
        details.medial_branches = singles.iter().map(|&v| vertebra_name(v)).collect();
        // Each facet joint takes its supply from two adjacent medial branches.
        let joints = singles.windows(2).filter(|w| w[1] == w[0] + 1).count() as u32;
        details.joint_levels = Some(joints);
    } else if !segments.is_empty() {
        details.joint_levels = Some(segments.len() as u32);
    }

    let mut left = None;
    let mut right = None;
    let mut both = None;
    for m in LATERALITY.find_iter(service) {
        match Laterality::of(m.as_str()) {
            Some(Laterality::Left) => left = left.or(Some(m.range())),
            Some(Laterality::Right) => right = right.or(Some(m.range())),
            _ => both = both.or(Some(m.range())),
        }
    }
    details.laterality = match (both, left, right) {
        (Some(r), _, _) => Some(Spanned::new(Laterality::Bilateral, span_of(r))),
        (None, Some(l), Some(r)) => Some(Spanned::new(
            Laterality::Bilateral,
            span_of(l.start..r.end.max(l.end)),
        )),
        (None, Some(l), None) => Some(Spanned::new(Laterality::Left, span_of(l))),
        (None, None, Some(r)) => Some(Spanned::new(Laterality::Right, span_of(r))),
        _ => None,
    };

    for c in COMPANION.captures_iter(service) {
        let m = c.get(1).unwrap();
        let text = m.as_str().trim();
        if text.is_empty() || REFILLS.is_match(text) {
            continue;
        }
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        details.companions.push(Spanned::new(
            text.to_string(),
            span_of(start..start + text.len()),
        ));
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_note_on_a_service_line_is_blanked_in_place() {
        let line = "TRAMADOL ER 150 MG #30 (MODIFIED TO #20 FOR WEANING)";
        let blanked = without_review_note(line);
        assert_eq!(blanked.trim_end(), "TRAMADOL ER 150 MG #30");
        assert_eq!(blanked.len(), line.len());
        assert_eq!(
            without_review_note("Physical therapy x12 (UR certified 6 visits)").trim_end(),
            "Physical therapy x12"
        );
        // A parenthesis that names the service stays.
        for kept in [
            "Hydrocodone (Norco) 10/325 mg #90",
            "Weaning program (opioid detoxification)",
        ] {
            assert!(matches!(
                without_review_note(kept),
                std::borrow::Cow::Borrowed(_)
            ));
        }
    }

    #[test]
    fn a_paragraph_labelled_with_a_side_tells_of_that_side() {
        let side = |s: &str| paragraph_side_label(s).map(|(side, _)| side);
        assert_eq!(
            side("Left shoulder: she received a left subacromial injection"),
            Some(Laterality::Left)
        );
        assert_eq!(
            side("\nRIGHT KNEE \u{2014} pain 6/10"),
            Some(Laterality::Right)
        );
        assert_eq!(side("Right shoulder pain is 6/10 with reaching."), None);
        assert_eq!(side("Examination shows positive Neer signs."), None);
    }

    #[test]
    fn the_side_right_before_a_mention_names_it_unless_coordinated_with_another() {
        fn side(s: &str) -> Option<(Laterality, &str)> {
            side_just_before(s).map(|(side, at)| (side, &s[at]))
        }
        assert_eq!(
            side("bilateral knee osteoarthritis, right greater than left, and right "),
            Some((Laterality::Right, "right"))
        );
        assert_eq!(side("pain in the Left "), Some((Laterality::Left, "Left")));
        assert_eq!(side("left and right "), None);
        assert_eq!(side("left/right "), None);
        assert_eq!(side("bilateral "), None);
        assert_eq!(
            side("the \u{201c}right "),
            Some((Laterality::Right, "right"))
        );
        assert_eq!(side("he had a "), None);
    }

    #[test]
    fn the_side_a_few_words_before_a_mention_names_it_when_only_words_of_place_stand_between() {
        fn side(s: &str) -> Option<(Laterality, &str)> {
            side_shortly_before(s).map(|(side, at)| (side, &s[at]))
        }
        assert_eq!(
            side("radiographs showed right knee medial compartment "),
            Some((Laterality::Right, "right"))
        );
        assert_eq!(side("the left shoulder "), Some((Laterality::Left, "left")));
        assert_eq!(
            side("showed right knee \n\nmedial compartment "),
            Some((Laterality::Right, "right"))
        );
        // Another clause or phrase between: no side.
        assert_eq!(side("right knee pain and "), None);
        assert_eq!(side("right knee pain, "), None);
        assert_eq!(side("right knee with "), None);
        // More than three words between.
        assert_eq!(side("right knee medial compartment mild "), None);
        assert_eq!(side("left and right knee "), None);
    }

    #[test]
    fn a_sentence_names_one_side_only_of_a_body_part() {
        let side = |s: &str| one_side_named(s).map(|(side, _)| side);
        assert_eq!(
            side("MRI of the right knee showed a meniscal tear."),
            Some(Laterality::Right)
        );
        assert_eq!(side("She has left-sided sciatica."), Some(Laterality::Left));
        assert_eq!(side("Pain in the left knee and the right hip."), None);
        assert_eq!(
            side("Bilateral hand numbness, worse on the left side."),
            None
        );
        assert_eq!(side("He left work in 2019 and has not returned."), None);
        assert_eq!(
            side("A right-hand dominant cook; she has the right to appeal."),
            None
        );
        assert_eq!(side("She is right handed."), None);
        assert_eq!(side("Her right and left knees swell."), None);
    }

    fn read(service: &str) -> RequestDetails {
        parse(service, Span::from_range)
    }

    #[test]
    fn prescription() {
        let r = read("NORCO 10/325 MG, #90 WITH 3 REFILLS");
        assert_eq!(r.medication.unwrap().value, "NORCO");
        assert_eq!(r.strength.unwrap().value, "10/325 MG");
        assert_eq!(r.quantity.unwrap().value, 90);
        assert_eq!(r.refills.unwrap().value, 3);
        assert!(r.companions.is_empty());
        let r = read("Norco 10/325 # 60");
        assert_eq!(r.quantity.unwrap().value, 60);
        assert_eq!(r.strength.unwrap().value, "10/325");
        let r = read("NORCO 10/325MG, #30 WITH 1 REFILL");
        assert_eq!(r.refills.unwrap().value, 1);
        assert_eq!(r.strength.unwrap().value, "10/325MG");
    }

    #[test]
    fn a_strength_with_a_thousands_separator_is_one_strength() {
        let r = read("Cyanocobalamin 1,000 mcg IM monthly x 6");
        assert_eq!(r.medication.unwrap().value, "Cyanocobalamin");
        assert_eq!(r.strength.unwrap().value, "1,000 mcg");
    }

    #[test]
    fn spinal_levels_count_ranges_and_single_roots() {
        let levels = |s: &str| read(s).spinal_levels;
        assert_eq!(
            levels("bilateral L4, L5 and S1 transforaminal epidural steroid injections"),
            Some(3)
        );
        assert_eq!(levels("TFESI at L4-5 and L5-S1"), Some(2));
        assert_eq!(levels("L5-S1 interlaminar ESI"), Some(1));
        assert_eq!(levels("right L5 and S1 transforaminal ESI"), Some(2));
        assert_eq!(levels("epidural steroid injection"), None);
    }

    #[test]
    fn facet_levels_and_companion() {
        let r = read("FACET BLOCKS AT L3-S1 WITH RFA IF DIAGNOSTIC");
        assert_eq!(r.motion_segments, ["L3-4", "L4-5", "L5-S1"]);
        assert_eq!(r.joint_levels, Some(3));
        assert_eq!(r.companions[0].value, "RFA IF DIAGNOSTIC");
        assert!(r.medication.is_none());
        let lower = read("bilateral l3-4, l4-5 and l5-s1 medial branch blocks");
        assert_eq!(lower.motion_segments, ["L3-4", "L4-5", "L5-S1"]);
        assert_eq!(lower.joint_levels, Some(3));
    }

    #[test]
    fn medial_branches_reach_joints() {
        let r = read("Medial branch block left L3,L4,L5");
        assert_eq!(r.medial_branches, ["L3", "L4", "L5"]);
        assert_eq!(r.joint_levels, Some(2));
        assert_eq!(r.laterality.unwrap().value, Laterality::Left);
        let r = read("Lumbar facet injections L4-5 and L5-S1 bilateral");
        assert_eq!(r.joint_levels, Some(2));
        assert_eq!(r.laterality.unwrap().value, Laterality::Bilateral);
    }

    #[test]
    fn visits() {
        assert_eq!(
            read("Physical therapy 2x4 for the lumbar spine")
                .visits
                .unwrap()
                .value,
            8
        );
        assert_eq!(read("Acupuncture x 6 visits").visits.unwrap().value, 6);
        assert_eq!(
            read("12 ADDITIONAL ACUPUNCTURE SESSIONS")
                .visits
                .unwrap()
                .value,
            12
        );
        assert_eq!(read("8 physical therapy visits").visits.unwrap().value, 8);
        assert_eq!(
            read("Massage therapy, eight sessions, lumbar spine")
                .visits
                .unwrap()
                .value,
            8
        );
        assert!(read("MRI OF THE LUMBAR SPINE").visits.is_none());
        let r = read("ACUPUNCTURE 2 TIMES A WEEK FOR 3 WEEKS, LUMBAR SPINE");
        assert_eq!(r.visits.unwrap().value, 6);
        assert_eq!(
            read("Physical therapy 3x/week x 4 weeks")
                .visits
                .unwrap()
                .value,
            12
        );
        // A daily program for six weeks is not six visits.
        let visits = read("Home health care 4 hours per day, 7 days per week x 6 weeks").visits;
        assert_ne!(visits.map(|v| v.value), Some(6));
        assert!(read("Cold therapy unit x 30 days").visits.is_none());
        // Hours in all, never a rate.
        assert_eq!(read("FRP x 160 hrs").hours.unwrap().value, 160);
        assert_eq!(
            read("Functional restoration program, 80 hours")
                .hours
                .unwrap()
                .value,
            80
        );
        assert!(read("FRP x 160 hrs").visits.is_none());
        assert!(read("Home health aide 4 hours per day, 5 days per week")
            .hours
            .is_none());
        assert!(read("Home health 20 hrs/week x 4 weeks").hours.is_none());
    }

    #[test]
    fn reads_the_duration_in_days() {
        let days = |s: &str| read(s).days.map(|d| d.value);
        assert_eq!(
            days("Continuous passive motion (CPM) device, home use, 21 days"),
            Some(21)
        );
        assert_eq!(days("Cold therapy unit, 30-day rental"), Some(30));
        assert_eq!(days("CPM rental x 2 weeks"), Some(14));
        assert_eq!(days("TENS unit, two month rental"), Some(60));
        // A rate is not how long: the weeks after it are.
        assert_eq!(
            days("Home health care 4 hours per day, 5 days per week for 8 weeks"),
            Some(56)
        );
        assert_eq!(days("Home health aide 5 days per week"), None);
        assert_eq!(days("MRI of the lumbar spine"), None);
        assert_eq!(days("Norco 10/325 mg #90"), None);
    }

    #[test]
    fn a_count_spelled_out_reads_its_figure() {
        let r = read("a three (3) day inpatient hospital stay");
        assert_eq!(r.days.map(|d| d.value), Some(3));
        let r = read("twenty-four (24) sessions of postoperative physical therapy");
        assert_eq!(r.visits.map(|d| d.value), Some(24));
        let r = read("Physical therapy, twelve (12) visits, and a home exercise kit");
        assert_eq!(r.visits.map(|d| d.value), Some(12));
        let r = read("12 postoperative physical therapy visits for the right knee");
        assert_eq!(r.visits.map(|d| d.value), Some(12));
    }
}
