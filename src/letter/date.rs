//! Dates stated in a letter: the date of injury, the dates of records in the case summary and the
//! letter's own date, from which rules measure durations and pick guideline editions.

use crate::span::Spanned;
use crate::text::Passage;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A calendar date; `day` is absent for "November 2011".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let date = Date {
            year,
            month,
            day: Some(day),
        };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        (1900..=2100).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self
                .day
                .is_none_or(|d| d >= 1 && d <= days_in_month(self.year, self.month))
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar; a missing day counts as the 15th.
    pub fn day_number(&self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let d = self.day.unwrap_or(15) as i64;
        365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: &Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// Parses "2013-11-18", "11/18/2013", "11/18/13", "1-30-2013", "07/2017".
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Some(c) = ISO.captures(text) {
            return Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        }
        let c = NUMERIC.captures(text)?;
        (c.get(0)?.as_str().len() == text.len()).then_some(())?;
        numeric(&c)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.day {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::regex(r"^(\d{4})-(\d{2})-(\d{2})$").unwrap());
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    // "11/18/2013", "11/18/13", and with hyphens "1-30-2013" (a four-digit year only: "10-12-14" is as
    // likely a list of numbers as a date); a month of a year, "07/2017", with this or the last
    // century's year only ("1/1000" is a ratio).
    crate::pattern::regex(
        r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b|\b(\d{1,2})-(\d{1,2})-(\d{4})\b|\b(\d{1,2})/((?:19|20)\d{2})\b",
    )
    .unwrap()
});
/// [`NUMERIC`] with ASCII digits: on a text with no digit outside ASCII it matches where [`NUMERIC`]
/// does, and a search for ASCII digits skips ahead to the next one instead of reading every byte.
static NUMERIC_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"\b([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})\b|\b([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})\b|\b([0-9]{1,2})/((?:19|20)[0-9]{2})\b",
    )
    .unwrap()
});
static MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::regex(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})\b",
    )
    .unwrap()
});
static INJURY: LazyLock<Regex> = LazyLock::new(|| {
    // "injured on", "date of injury", "DOI", and the event itself: "sustained a lumbar strain on",
    // "fell from a ladder on", "was hurt lifting"; a claim of cumulative trauma names the period's end.
    crate::pattern::regex(r"(?i)\binjur|\b(?:cumulative|continuous)[- ]trauma\b|\bDOI\b|date of (?:industrial )?injury|\bsustained\s+(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}?(?:strain|sprain|fracture|trauma|contusion|laceration|tear|crush)|\b(?:slipped|tripped|twisted)\b|\bfell\s+(?:off|down|from\s+(?:a|an|the|his|her))\b|\b(?:was\s+)?hurt\s+(?:his|her|their)\b|\bwas hurt\b|\bafter\s+a\s+(?:fall|slip|motor\s+vehicle)|\bwhile\s+(?:lifting|unloading|loading|carrying|pushing|pulling|moving|climbing|stocking|working)\b|\bwork[- ]related (?:accident|incident)")
            .unwrap()
});

fn numeric(c: &regex::Captures<'_>) -> Option<Date> {
    if let (Some(month), Some(year)) = (c.get(7), c.get(8)) {
        let date = Date {
            year: year.as_str().parse().ok()?,
            month: month.as_str().parse().ok()?,
            day: None,
        };
        return date.is_valid().then_some(date);
    }
    let group = |slashed: usize| {
        c.get(slashed)
            .or_else(|| c.get(slashed + 3))
            .map_or("", |m| m.as_str())
    };
    let month: u32 = group(1).parse().ok()?;
    let day: u32 = group(2).parse().ok()?;
    let year_text = group(3);
    let mut year: i32 = year_text.parse().ok()?;
    if year_text.len() == 2 {
        // Two-digit years in these letters are this century's until the century turns over for them.
        year += if year <= 69 { 2000 } else { 1900 };
    }
    Date::new(year, month, day)
}

/// Every date in `text`, with its offset range in `text`.
pub fn find_dates(text: &str) -> Vec<(Date, std::ops::Range<usize>)> {
    let mut out: Vec<(Date, std::ops::Range<usize>)> = Vec::new();
    let unicode_digits = has_non_ascii_digit(text);
    let numeric_dates = if unicode_digits {
        &NUMERIC
    } else {
        &NUMERIC_ASCII
    };
    for c in numeric_dates.captures_iter(text) {
        let whole = c.get(0).unwrap();
        // A month of a year is not the tail of a date whose day is written in digits the pattern
        // does not read.
        let tail = c.get(7).is_some() && text[..whole.start()].ends_with(['/', '-']);
        if let Some(date) = numeric(&c).filter(|_| !tail) {
            out.push((date, whole.range()));
        }
    }
    // A date with its month in words ends in a four-digit year after a blank; a digit outside ASCII
    // is left to the pattern. Most case summaries write only numeric dates.
    let may_have_year = unicode_digits || has_year_after_blank(text);
    let month_dates = may_have_year.then(|| MONTH_NAME.captures_iter(text));
    for c in month_dates.into_iter().flatten() {
        let whole = c.get(0).unwrap();
        let month = match c[1].to_ascii_lowercase().as_str() {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "may" => 5,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" | "sept" => 9,
            "oct" => 10,
            "nov" => 11,
            _ => 12,
        };
        let Ok(year) = c[3].parse() else { continue };
        let date = Date {
            year,
            month,
            day: c.get(2).and_then(|d| d.as_str().parse().ok()),
        };
        if date.is_valid() {
            out.push((date, whole.range()));
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

/// Whether `text` holds a decimal digit outside ASCII, which a Unicode `\d` matches and `[0-9]` does
/// not. Most letters hold a few curly quotes and dashes and no such digit.
fn has_non_ascii_digit(text: &str) -> bool {
    // Whole chunks of ASCII are skipped at once; `is_numeric` takes in every decimal digit.
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + CHUNK).min(bytes.len());
        if !bytes[start..end].is_ascii() {
            // The chunk's characters from the one its first byte belongs to through the one its
            // last byte belongs to.
            let mut from = start;
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let found = text[from..]
                .char_indices()
                .take_while(|&(i, _)| from + i < end)
                .any(|(_, c)| !c.is_ascii() && c.is_numeric());
            if found {
                return true;
            }
        }
        start = end;
    }
    false
}

/// Whether `text` holds a run of exactly four ASCII digits right after a blank, as a year written after
/// a month's name ("November 2011", "January 7, 2013") is.
fn has_year_after_blank(text: &str) -> bool {
    crate::text::byte_runs(text.as_bytes(), |b| b.is_ascii_digit()).any(|run| {
        run.len() == 4
            && text[..run.start]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
    })
}

/// The dates a letter states.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LetterDates {
    /// The letter's own date, in layouts that print one.
    pub letter: Option<Spanned<Date>>,
    pub injury: Option<Spanned<Date>>,
    /// Dates of records mentioned in the case summary, in the order stated.
    pub records: Vec<Spanned<Date>>,
}

impl LetterDates {
    /// The latest dated record in the case summary.
    pub fn latest_record(&self) -> Option<&Spanned<Date>> {
        self.records.iter().max_by_key(|d| d.value)
    }

    /// The date the letter speaks from: its own date, else its latest dated record.
    pub fn reference(&self) -> Option<&Spanned<Date>> {
        self.letter.as_ref().or_else(|| self.latest_record())
    }
}

pub(crate) fn letter_dates(
    summary: Option<&Passage>,
    letter: Option<Spanned<Date>>,
) -> LetterDates {
    let mut dates = LetterDates {
        letter,
        ..LetterDates::default()
    };
    let Some(Passage {
        logical, sentences, ..
    }) = summary
    else {
        return dates;
    };
    let mut previous_sentence = usize::MAX;
    for (date, range) in find_dates(logical.as_str()) {
        let k = sentences.partition_point(|s| s.end <= range.start);
        let first_in_sentence = k != previous_sentence;
        previous_sentence = k;
        let span = logical.original_span(range);
        let mentions_injury = || {
            sentences
                .get(k)
                .is_some_and(|s| INJURY.is_match(&logical.as_str()[s.clone()]))
        };
        if first_in_sentence && dates.injury.is_none() && mentions_injury() {
            dates.injury = Some(Spanned::new(date, span));
        } else {
            dates.records.push(Spanned::new(date, span));
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dates of a letter whose case summary is `summary` alone.
    fn summary_dates(summary: &str) -> LetterDates {
        let passage = Passage::new(
            summary,
            crate::span::Span::new(0, summary.len()),
            crate::text::Spacing::detect(summary),
        );
        letter_dates(Some(&passage), None)
    }

    #[test]
    fn the_injury_is_the_date_of_the_event_however_it_is_named() {
        let summary =
            "He sustained a lumbar strain on 08/05/2013 lifting a pallet. Seen on 09/01/2013.";
        let dates = summary_dates(summary);
        assert_eq!(dates.injury.unwrap().value.to_string(), "2013-08-05");
        let summary =
            "The injured worker sustained an industrial injury on 1-30-2013. Seen 09-14-2015.";
        let dates = summary_dates(summary);
        assert_eq!(dates.injury.unwrap().value.to_string(), "2013-01-30");
        assert_eq!(dates.records[0].value.to_string(), "2015-09-14");
        let summary = "A cumulative trauma claim for neck pain ending 03/01/2017. Seen 01/08/2019.";
        let dates = summary_dates(summary);
        assert_eq!(dates.injury.unwrap().value.to_string(), "2017-03-01");
        // Relief that was sustained is not an injury.
        let summary = "She sustained 60% relief from the injection on 04/02/2014.";
        let dates = summary_dates(summary);
        assert!(dates.injury.is_none());
    }

    #[test]
    fn parses_the_forms_letters_use() {
        let found: Vec<String> =
            find_dates("on 8/30/11 and 08/31/2007, in November 2011 and January 7, 2013")
                .into_iter()
                .map(|(d, _)| d.to_string())
                .collect();
        assert_eq!(found, ["2011-08-30", "2007-08-31", "2011-11", "2013-01-07"]);
        let found: Vec<String> =
            find_dates("injured on 1-30-2013, seen 01-30-2013 and (9-14-2015)")
                .into_iter()
                .map(|(d, _)| d.to_string())
                .collect();
        assert_eq!(found, ["2013-01-30", "2013-01-30", "2015-09-14"]);
        assert_eq!(Date::parse("1-30-2013"), Date::new(2013, 1, 30));
        // Ranges, levels, claim and telephone numbers are not dates.
        assert!(
            find_dates("L4-5, 4-6 weeks, 10-12-14 visits, claim 05-112233, 916-605-4270")
                .is_empty()
        );
        assert!(find_dates("on 13/45/2013").is_empty());
        assert_eq!(Date::parse("2014-02-29"), None);
        // A month of a year, of this or the last century: not a ratio or a month past twelve.
        let found: Vec<String> = find_dates("last tested in 07/2017 and 1/2016, seen 11/18/2013")
            .into_iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(found, ["2017-07", "2016-01", "2013-11-18"]);
        assert!(find_dates("a ratio of 1/1000, 13/2017, 5/3000").is_empty());
    }

    #[test]
    fn a_digit_outside_ascii_is_told_from_other_characters() {
        assert!(!has_non_ascii_digit(
            "seen on 08/31/2010 \u{2019}\u{2013}\u{e9} \u{201c}x\u{201d}"
        ));
        // An Arabic-Indic and a full-width digit, alone, at the start, across a chunk's end and at
        // the very end.
        assert!(has_non_ascii_digit("\u{663}"));
        assert!(has_non_ascii_digit(&format!("\u{663}{}", "a".repeat(40))));
        assert!(has_non_ascii_digit(&format!("{}\u{ff13}", "a".repeat(31))));
        assert!(has_non_ascii_digit(&format!(
            "{}\u{ff13}/12/2013",
            "\u{e9}".repeat(40)
        )));
        // A date found through those digits is not read as one, nor does it hide one that is.
        assert!(find_dates("on \u{663}/12/2013").is_empty());
        assert_eq!(find_dates("\u{663}\u{663} and 12/01/2013").len(), 1);
    }

    #[test]
    fn a_year_stands_after_a_blank_and_has_four_digits() {
        assert!(has_year_after_blank("in November 2011."));
        assert!(has_year_after_blank("January 7,\u{a0}2013"));
        assert!(has_year_after_blank("seen\n2013 was"));
        assert!(!has_year_after_blank("seen 08/31/2010 and 1-30-2013"));
        assert!(!has_year_after_blank("claim 20134 and 201"));
        assert!(!has_year_after_blank("2013"));
        // Every date with a month in words holds one.
        for text in [
            "in November 2011",
            "on January 7, 2013",
            "Sept. 2014",
            "MAY\t2015",
        ] {
            assert!(!find_dates(text).is_empty(), "{text}");
            assert!(has_year_after_blank(text), "{text}");
        }
    }

    #[test]
    fn measures_days() {
        let a = Date::new(2013, 1, 17).unwrap();
        let b = Date::new(2013, 11, 21).unwrap();
        assert_eq!(a.days_until(&b), 308);
        assert_eq!(
            Date::new(2012, 2, 28)
                .unwrap()
                .days_until(&Date::new(2012, 3, 1).unwrap()),
            2
        );
    }
}
