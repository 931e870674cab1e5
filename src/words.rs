//! English words, to tell a word from two glued together. PDF extractors drop the space between two
//! words now and then ("there is nofocal deficit"); a glued pair hides both words from every phrase
//! and trigger. A lowercase run that is no word but splits into two words is read as those two.
//!
//! The words are SCOWL's (see `words/SCOWL-COPYRIGHT`), clinical terms it lacks (`words/medical.txt`)
//! and those the built-in rule base is written in, so a term a rule reads ("paraspinal") is never
//! split ("para spinal").

use std::sync::LazyLock;

static ENGLISH: &str = include_str!("words/english.txt");
static RULE_WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/rule_words.txt"));
static MEDICAL: &str = include_str!("words/medical.txt");

/// The common words one part of a glued pair must be: the function words that glue most often ("no",
/// "of", "the") and a few others. Other short entries of a dictionary ("ad", "cur", "tit") would split
/// too many unknown terms ("redacted", "titration").
const SHORT: &[&str] = &[
    "no", "of", "in", "on", "to", "at", "is", "it", "an", "as", "be", "by", "he", "we", "do", "if",
    "my", "so", "up", "the", "and", "for", "was", "has", "had", "not", "are", "but", "his", "her",
    "she", "him", "all", "any", "can", "did", "due", "may", "new", "nor", "now", "off", "one",
    "out", "per", "two", "use", "via", "who", "with", "yet", "day", "leg", "arm", "hip", "low",
    "age", "left", "pain", "this", "that", "from", "there", "have", "been", "were", "will",
    "would", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "after",
    "before", "since", "than", "when", "which", "into", "over", "also", "only", "about", "under",
    "their", "they", "then", "each", "both", "other", "such", "more", "most", "some", "very",
];

/// The words a sentence glued to its second word starts with ("Thepatient", "Shehas").
const SENTENCE_OPENERS: &[&str] = &[
    "he", "she", "the", "this", "there", "his", "her", "they", "it",
];

/// Word-forming suffixes a dictionary may list as words ("ally"): a term that ends in one
/// ("diagnostically") is one word.
const SUFFIXES: &[&str] = &[
    "ally", "fully", "fulness", "ness", "less", "ment", "ship", "ward",
];

/// Word-forming prefixes a dictionary may list as words ("multi", "para"): a term that starts with
/// one ("multilevel", "paravertebral") is one word, not two.
const PREFIXES: &[&str] = &[
    "multi", "electro", "psycho", "neuro", "cardio", "audio", "hyper", "hypo", "intra", "inter",
    "extra", "trans", "anti", "semi", "poly", "mono", "para", "peri", "post", "over", "under",
    "super", "ultra", "pseudo", "auto", "photo", "radio", "thermo", "hydro", "micro", "macro",
    "counter", "retro", "infra", "supra", "osteo", "arthro", "fora", "myo", "bio", "tele", "sacro",
];

/// Shortest run looked at: shorter glued pairs ("isno") are rare and mostly words.
pub(crate) const MIN_GLUED: usize = 5;

/// The words as a Bloom filter: every word of every logical text is looked up, and a table of
/// 64,000 strings spread over a megabyte missed the cache on nearly every lookup (a sixth more time
/// per letter, measured). The filter takes 256 KiB; it takes about one non-word in 5,000 for a word.
struct Bloom {
    bits: Vec<u64>,
}

const BLOOM_BITS: u32 = 21;
const BLOOM_HASHES: u64 = 4;

impl Bloom {
    fn indexes(word: &str) -> impl Iterator<Item = usize> {
        // FNV-1a, then finalisers to spread its bits, and double hashing for the four indexes;
        // fixed, so a run gives the same answers on every machine.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in word.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mix = |mut h: u64| {
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 33;
            h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
            h ^ (h >> 33)
        };
        let first = mix(h);
        let step = mix(first ^ 0x9e37_79b9_7f4a_7c15) | 1;
        let mask = (1u64 << BLOOM_BITS) - 1;
        (0..BLOOM_HASHES).map(move |i| (first.wrapping_add(i.wrapping_mul(step)) & mask) as usize)
    }

    fn insert(&mut self, word: &str) {
        for i in Self::indexes(word) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn contains(&self, word: &str) -> bool {
        Self::indexes(word).all(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }
}

static WORDS: LazyLock<Bloom> = LazyLock::new(|| {
    let mut bloom = Bloom {
        bits: vec![0; (1 << BLOOM_BITS) / 64],
    };
    ENGLISH
        .lines()
        .filter(|l| !l.starts_with('#'))
        .chain(RULE_WORDS.lines())
        .chain(MEDICAL.lines().filter(|l| !l.starts_with('#')))
        .filter(|w| w.len() > 3 || SHORT.contains(w))
        .for_each(|w| bloom.insert(w));
    bloom
});

/// Whether `word` (lowercase ASCII) is a word.
pub fn is_word(word: &str) -> bool {
    // Short words are only the listed ones: the filter would take some two-letter strings for words.
    if word.len() <= 3 {
        return SHORT.contains(&word);
    }
    WORDS.contains(word)
}

/// Whether `left` and `right`, two runs of letters a blank apart, are one word an extractor split
/// ("medi cally", "sac roiliac", "Uti lization"): together they make a word, and one of them alone is
/// none. Two words stay two ("in tact", "any more"); so do capitals beside lower case ("MRI scan").
pub fn split_apart(left: &str, right: &str) -> bool {
    let (l, r) = (left.as_bytes(), right.as_bytes());
    let n = l.len() + r.len();
    if l.len() < 2 || r.len() < 2 || !(6..=40).contains(&n) {
        return false;
    }
    let lower = |b: &[u8]| b.iter().all(u8::is_ascii_lowercase);
    let upper = |b: &[u8]| b.iter().all(u8::is_ascii_uppercase);
    let cased = (lower(r) && (lower(l) || (l[0].is_ascii_uppercase() && lower(&l[1..]))))
        || (upper(l) && upper(r));
    if !cased {
        return false;
    }
    // Most pairs are two words that make none together: the pair, lower-cased on the stack, is looked
    // up first and without allocating.
    let mut joined = [0u8; 40];
    joined[..l.len()].copy_from_slice(l);
    joined[l.len()..n].copy_from_slice(r);
    joined[..n].make_ascii_lowercase();
    let word = |b: &[u8]| std::str::from_utf8(b).is_ok_and(is_word);
    word(&joined[..n]) && (!word(&joined[l.len()..n]) || !word(&joined[..l.len()]))
}

/// The longer words of the built-in rule base: the clinical vocabulary its phrases are written in.
static RULE_LONG: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| RULE_WORDS.lines().filter(|w| w.len() >= 5).collect());

/// Whether both parts of a glued pair are words the rule base's phrases use: two clinical words glued
/// ("medialmeniscus") are a pair, as two rarer English words are not. A term the rule base writes
/// whole is a word and never split.
fn both_rule_words(left: &str, right: &str) -> bool {
    RULE_LONG.contains(left) && RULE_LONG.contains(right)
}

/// The three-letter words of the built-in rule base ("odg", "emg"), which [`is_word`] leaves out.
static RULE_SHORT: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| RULE_WORDS.lines().filter(|w| w.len() == 3).collect());

/// The word an optical character reader misread as `run` (a maximal run of ASCII letters and digits),
/// when `run` is no word and reading it as such a misreading makes one: "rn" for "m"
/// ("rnedically", "docurnented"), a zero for an O ("0ctober", "0DG"), a one for an l ("1evel", "Uphe1d")
/// and a five for an S ("TEN5"). Runs holding other digits, or more digits than letters, are numbers
/// and codes ("L5", "10mg").
/// The word keeps the run's case: all capitals, an initial capital (or a zero read as one), or none.
pub fn ocr_misreading(run: &str) -> Option<String> {
    let bytes = run.as_bytes();
    // "N0" for "NO": the negation is too short for the general test, and too important to lose.
    if let [n @ (b'n' | b'N'), b'0'] = bytes {
        return Some(if *n == b'N' { "NO" } else { "no" }.to_string());
    }
    if bytes.len() < 3 || bytes.len() > 40 {
        return None;
    }
    // One pass over the run: most are words or codes ("L4-5", "10mg") and stop here.
    let (mut letters, mut digits, mut has_rn) = (0, 0, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0' | b'1' | b'5' => digits += 1,
            b if b.is_ascii_alphabetic() => {
                letters += 1;
                has_rn |= b.eq_ignore_ascii_case(&b'n')
                    && i > 0
                    && bytes[i - 1].eq_ignore_ascii_case(&b'r');
            }
            _ => return None,
        }
    }
    if letters < 2 || digits > letters || (digits == 0 && !has_rn) {
        return None;
    }
    let lower = run.to_ascii_lowercase();
    let known = |w: &str| is_word(w) || (w.len() == 3 && RULE_SHORT.contains(w));
    if digits == 0 && known(&lower) {
        return None;
    }
    // The letters whose shapes the digits have, a one read as `one`.
    let as_letters = |one: char| -> String {
        lower
            .chars()
            .map(|c| match c {
                '0' => 'o',
                '1' => one,
                '5' => 's',
                c => c,
            })
            .collect()
    };
    let letters_only = as_letters('l');
    let mut candidates = vec![letters_only.clone()];
    // A one is also a lowercase or capital i's shape: "CERV1CAL".
    if lower.contains('1') {
        candidates.push(as_letters('i'));
    }
    if has_rn {
        candidates.push(letters_only.replace("rn", "m"));
        let places: Vec<usize> = letters_only.match_indices("rn").map(|(i, _)| i).collect();
        if places.len() > 1 {
            for &at in &places {
                candidates.push(format!(
                    "{}m{}",
                    &letters_only[..at],
                    &letters_only[at + 2..]
                ));
            }
        }
    }
    let word = candidates
        .into_iter()
        .filter(|c| c != &lower)
        .find(|c| known(c))?;
    let capitals = bytes
        .iter()
        .filter(|b| b.is_ascii_alphabetic())
        .all(u8::is_ascii_uppercase);
    // A zero has the shape of a capital O; a one, of a lowercase l.
    let initial = bytes[0].is_ascii_uppercase() || bytes[0] == b'0';
    Some(recased(word, capitals, initial))
}

/// `meant`, in lower case, written as the word it stands for was: in capitals, with a capital
/// initial, or as it is.
fn recased(mut meant: String, capitals: bool, initial: bool) -> String {
    if capitals {
        meant.make_ascii_uppercase();
    } else if initial {
        meant[..1].make_ascii_uppercase();
    }
    meant
}

/// Whether `token` holds what [`ocr_misreading`] may repair: a digit an optical reader prints for a
/// letter, or "rn". Most words hold neither, and this keeps the dictionary off them.
pub fn may_be_misread(token: &[u8]) -> bool {
    token.windows(2).any(|w| {
        w.eq_ignore_ascii_case(b"rn")
            || (matches!(w[0], b'0' | b'1' | b'5') && w[1].is_ascii_alphabetic())
            || (w[0].is_ascii_alphabetic() && matches!(w[1], b'0' | b'1' | b'5'))
    })
}

/// `text` with the letters an optical character reader misread as digits put back ("0verturned",
/// "Uphe1d", "TEN5"): each replacement is one byte for one, so every offset into the result is the
/// same offset into `text`. Misreadings that change a word's length ("rnedically") are left to the
/// logical text.
pub fn with_misread_digits_repaired(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    // A letter lower-cased whole stays so: a capital put back ("0ctober" as "October") would make it
    // look cased, and its sentences and headings are then read as in a letter without capitals.
    let lowercase = !bytes.iter().any(u8::is_ascii_uppercase);
    // Only a 0, 1 or 5 beside a letter may be a misread letter: the search goes from digit to digit.
    let mut done = 0;
    for digit in memchr::memchr3_iter(b'0', b'1', b'5', bytes) {
        let letter_beside = (digit > 0 && bytes[digit - 1].is_ascii_alphabetic())
            || bytes.get(digit + 1).is_some_and(u8::is_ascii_alphabetic);
        if digit < done || !letter_beside {
            continue;
        }
        let std::ops::Range { start, end } = alphanumeric_run(bytes, digit);
        done = end;
        // A run starting or ending right by a non-ASCII byte is part of a longer word.
        let whole =
            (start == 0 || bytes[start - 1].is_ascii()) && bytes.get(end).is_none_or(u8::is_ascii);
        if whole {
            if let Some(mut word) =
                ocr_misreading(&text[start..end]).filter(|w| w.len() == end - start)
            {
                if lowercase {
                    word.make_ascii_lowercase();
                }
                repaired.get_or_insert_with(|| bytes.to_vec())[start..end]
                    .copy_from_slice(word.as_bytes());
            }
        }
    }
    with_misread_ones_repaired(text, bytes, repaired, lowercase)
}

/// The run of ASCII letters and digits around byte `at`.
fn alphanumeric_run(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let start = bytes[..at]
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    let end = at
        + bytes[at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - at);
    start..end
}

/// The ones and zeros an optical reader printed as a lowercase l and a capital O, where a letter
/// cannot stand: an item number opening a line or after an item's label ("l. Is the epidural
/// injection...", "Item l:"), a number ("page 46 of l27", "#12O", "O3/O2/20l3", "lO/325") and the
/// first sacral level after a dash ("L5-Sl"). `repaired` holds the repairs made so far, if any.
fn with_misread_ones_repaired<'t>(
    text: &'t str,
    bytes: &[u8],
    mut repaired: Option<Vec<u8>>,
    lowercase: bool,
) -> std::borrow::Cow<'t, str> {
    // A letter lower-cased whole has its misread zeros lower-cased too ("norco lo/325").
    let zero = if lowercase { b'o' } else { b'O' };
    let digit_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let mut done = 0;
    for at in memchr::memchr2_iter(b'l', zero, bytes) {
        // Most are letters within words: a misread digit stands by a digit, a slash, a dash or alone.
        let near = |b: Option<&u8>| {
            b.is_none_or(|b| b.is_ascii_digit() || !b.is_ascii_alphanumeric() || *b == zero)
        };
        // ("L5-Sl" passes by the blank or stop after it.)
        if at < done || !(near(at.checked_sub(1).map(|b| &bytes[b])) || near(bytes.get(at + 1))) {
            continue;
        }
        let std::ops::Range { start, end } = alphanumeric_run(bytes, at);
        done = end;
        let run = &bytes[start..end];
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let ascii_bounds =
            before.is_none_or(|b| b.is_ascii()) && bytes.get(end).is_none_or(u8::is_ascii);
        let numeral = run
            .iter()
            .all(|&b| b == b'l' || b == zero || b.is_ascii_digit());
        let digits = run.iter().filter(|b| b.is_ascii_digit()).count();
        // A lowercase letter l between digits needs two of them: "l5" is a level in a letter
        // lower-cased whole. A fraction's misread part stands beside the digits of the other.
        let in_number = numeral
            && ascii_bounds
            && (digits >= 2
                || (digits == 1 && (!run.contains(&b'l') || after_count_sign(bytes, start)))
                || (run.len() >= 2
                    && ((bytes.get(end) == Some(&b'/') && digit_at(end + 1))
                        || (before == Some(b'/') && start >= 2 && digit_at(start - 2)))));
        let line_start = bytes[..start]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| b == b' ' || b == b'\t');
        let item_number = run == b"l"
            && ((matches!(bytes.get(end), Some(b'.' | b')' | b':'))
                && (line_start && matches!(bytes.get(end + 1), Some(b' ' | b'\t'))
                    || after_label_word(bytes, start)))
                || after_count_sign(bytes, start)
                || alone_in_cell(bytes, start, end));
        let sacral = run == b"Sl" && before == Some(b'-');
        if in_number || item_number || sacral {
            let out = repaired.get_or_insert_with(|| bytes.to_vec());
            for k in start..end {
                match bytes[k] {
                    b'l' => out[k] = b'1',
                    b if b == zero && in_number => out[k] = b'0',
                    _ => {}
                }
            }
        }
    }
    with_ascii_replaced(text, repaired)
}

/// Whether the text before `at` ends with a sign that a count follows: "#", or "x" or "times" and a
/// blank ("WEEKLY X l2", "#l2"). A level is never counted so ("l5" in a letter lower-cased whole).
fn after_count_sign(bytes: &[u8], at: usize) -> bool {
    let head = &bytes[..at];
    if head.ends_with(b"#") {
        return true;
    }
    let trimmed = head.trim_ascii_end();
    if trimmed.len() == head.len() {
        return false;
    }
    let word = last_word(trimmed);
    word.eq_ignore_ascii_case(b"x") || word.eq_ignore_ascii_case(b"times")
}

/// The run of ASCII letters that ends `text`.
fn last_word(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    &text[start..]
}

/// Whether the bytes `start..end` stand alone in a table's cell, between bars: "| l  | MRI ...".
fn alone_in_cell(bytes: &[u8], start: usize, end: usize) -> bool {
    bytes[..start].trim_ascii_end().ends_with(b"|")
        && bytes[end..].trim_ascii_start().starts_with(b"|")
}

/// Whether the text before `at` ends with an item's label word and a space or a number sign ("Item ",
/// "Request #").
fn after_label_word(bytes: &[u8], at: usize) -> bool {
    let head = &bytes[..at];
    let trimmed = head.strip_suffix(b"#").unwrap_or(head).trim_ascii_end();
    // Neither a number sign nor a blank before the number: it is part of a word.
    if trimmed.len() == head.len() {
        return false;
    }
    let word = last_word(trimmed);
    LABEL_WORDS
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// `text`, or `out`, a rewriting of `text` up to byte `copied`, with the rest of `text` after it.
fn with_rest_copied(text: &str, out: Option<String>, copied: usize) -> std::borrow::Cow<'_, str> {
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// `text`, or `replaced`, its bytes with ASCII letters written over ASCII bytes: still UTF-8.
fn with_ascii_replaced(text: &str, replaced: Option<Vec<u8>>) -> std::borrow::Cow<'_, str> {
    match replaced {
        Some(bytes) => {
            std::borrow::Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The words of a decision and its labels, which an optical reader may split with a stray blank
/// ("not medica lly necessary", "Uphe ld", "Deter mination:").
const DECISION_WORDS: &[&str] = &[
    "medically",
    "necessary",
    "appropriate",
    "upheld",
    "overturned",
    "determination",
    "decision",
    "rationale",
    "guideline",
    "guidelines",
    "requested",
    "certified",
];

/// `text` with a decision word an optical reader split with a stray blank written whole, the blank
/// moved after it ("not medica lly necessary" is read "not medically  necessary"), and a decision
/// alone on its line broken at a hyphen onto the next ("Overt-" / "urned") written whole on its first
/// line: every offset into the result is within a word of the same offset into `text`, and the length
/// is unchanged.
pub fn with_split_decision_words_joined(text: &str) -> std::borrow::Cow<'_, str> {
    // Every decision word split once by a blank ("medica lly"), searched for at once by one DFA:
    // every letter's whole text goes through it, twice.
    static SPLIT: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        let patterns = DECISION_WORDS.iter().flat_map(|word| {
            (2..word.len() - 1).map(move |at| format!("{} {}", &word[..at], &word[at..]))
        });
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns)
            .expect("split decision words build")
    });
    let bytes = text.as_bytes();
    let standalone = |at: Option<&u8>| at.is_none_or(|b| !b.is_ascii_alphanumeric());
    let mut joined: Option<Vec<u8>> = None;
    for m in SPLIT.find_iter(bytes) {
        if !standalone(m.start().checked_sub(1).map(|i| &bytes[i]))
            || !standalone(bytes.get(m.end()))
        {
            continue;
        }
        let out = joined.get_or_insert_with(|| bytes.to_vec());
        let blank = m.start()
            + bytes[m.range()]
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(0);
        out.copy_within(blank + 1..m.end(), blank);
        out[m.end() - 1] = b' ';
    }
    // A decision broken at a hyphen over two lines of its own ("Overt-" / "urned"): written whole on
    // the first line, the second left with what followed the word.
    for (at, _) in text.match_indices('-') {
        let break_len = match bytes.get(at + 1..at + 3) {
            Some([b'\r', b'\n']) => 2,
            Some([b'\n', ..]) => 1,
            _ => match bytes.get(at + 1) {
                Some(b'\n') => 1,
                _ => continue,
            },
        };
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let head = &bytes[line_start..at];
        let tail_start = at + 1 + break_len;
        let tail_len = bytes[tail_start..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(bytes.len() - tail_start);
        let tail = &bytes[tail_start..tail_start + tail_len];
        let whole = [head, tail].concat();
        let decision = ["upheld", "overturned"]
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(&whole));
        if head.len() < 2 || !head.iter().all(u8::is_ascii_alphabetic) || !decision {
            continue;
        }
        let out = joined.get_or_insert_with(|| bytes.to_vec());
        out[line_start..line_start + whole.len()].copy_from_slice(&whole);
        let blank = line_start + whole.len();
        out[blank] = b' ';
        out[blank + 1..blank + 1 + break_len].copy_from_slice(&bytes[at + 1..at + 1 + break_len]);
    }
    with_ascii_replaced(text, joined)
}

/// The words that open an item's label before its number ("Request #3 -", "Item 2:").
const LABEL_WORDS: &[&str] = &[
    "request",
    "requests",
    "item",
    "items",
    "issue",
    "issues",
    "service",
    "services",
    "treatment",
    "question",
    "decision",
];

/// Pairs of letters an optical reader takes for one another.
const CONFUSED_LETTERS: &[(u8, u8)] = &[
    (b't', b'f'),
    (b'l', b'i'),
    (b'e', b'c'),
    (b'n', b'h'),
    (b'a', b'o'),
    (b'u', b'v'),
];

/// `text` with label words put back where an optical reader misread one of their letters as one it
/// confuses with it: the first word of a line before an item's number ("Requesf #3 - ...", "ltem 2:",
/// "Issve 4"), and a word of a label of a few words before its colon that the dictionary knows only
/// so read ("Guidelines considcred:"). Each replacement is one byte for one, so every offset into the
/// result is the same offset into `text`.
pub fn with_misread_labels_repaired(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    let mut repair = |at: usize, word: &[u8]| {
        repaired.get_or_insert_with(|| bytes.to_vec())[at..at + word.len()].copy_from_slice(word);
    };
    let label_word = |w: &[u8]| LABEL_WORDS.iter().any(|l| l.as_bytes() == w);
    let known = |w: &[u8]| std::str::from_utf8(w).is_ok_and(is_word);
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    let mut next_start = 0;
    for line_end in ends {
        let line_start = std::mem::replace(&mut next_start, line_end + 1);
        let line = &bytes[line_start..line_end];
        let start = line
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(line.len());
        let end = start
            + line[start..]
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(line.len() - start);
        if (4..=9).contains(&(end - start)) && numbered_after(&line[end..]) {
            if let Some((at, letter)) = misread_letter(&line[start..end], label_word) {
                repair(line_start + start + at, &[letter]);
            }
            continue;
        }
        // A label: a few words before a colon near the line's start.
        let Some(colon) = memchr::memchr(b':', &line[..line.len().min(LABEL_LENGTH)]) else {
            continue;
        };
        let head = &line[..colon];
        if head
            .split(u8::is_ascii_whitespace)
            .filter(|w| !w.is_empty())
            .count()
            > LABEL_WORDS_MOST
        {
            continue;
        }
        for run in crate::text::byte_runs(head, |b| b.is_ascii_alphabetic()) {
            if run.len() >= 5 {
                if let Some(word) = respelled(&head[run.clone()], known) {
                    repair(line_start + run.start, &word);
                }
            }
        }
    }
    with_ascii_replaced(text, repaired)
}

/// `text` with a decision word that ends a line after a colon or a dash put back where an optical
/// reader misread it: one letter confused with another ("Uphcld", "Ovcrturned"), or "rn" read as "m"
/// ("Overtumed"), which is one letter short and takes the blank before it, so the result keeps the
/// length of `text` and every offset within a word of the same offset into it.
pub fn with_misread_decisions_repaired(text: &str) -> std::borrow::Cow<'_, str> {
    const DECISIONS: [&str; 2] = ["upheld", "overturned"];
    let bytes = text.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    let is_decision = |w: &[u8]| DECISIONS.iter().any(|d| d.as_bytes() == w);
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    let mut next_start = 0;
    for line_end in ends {
        let line_start = std::mem::replace(&mut next_start, line_end + 1);
        let line = bytes[line_start..line_end].trim_ascii_end();
        let start = line
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        let word = &line[start..];
        // A decision word's length, after a colon or a dash and a blank.
        let before = line[..start].trim_ascii_end();
        let blanks = start - before.len();
        if !(5..=10).contains(&word.len())
            || blanks == 0
            || !before.ends_with(b":") && !before.ends_with(b"-")
        {
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if is_decision(&lower) {
            continue;
        }
        let at = line_start + start;
        if let Some((i, letter)) = misread_letter(word, is_decision) {
            repaired.get_or_insert_with(|| bytes.to_vec())[at + i] = letter;
        } else if let Some(m) = lower.iter().position(|&b| b == b'm') {
            let mut meant = lower[..m].to_vec();
            meant.extend_from_slice(b"rn");
            meant.extend_from_slice(&lower[m + 1..]);
            if is_decision(&meant) {
                // Letters only: the word is ASCII.
                let meant = String::from_utf8(meant).expect("ASCII letters");
                let capitals = word.iter().all(u8::is_ascii_uppercase);
                let meant = recased(meant, capitals, word[0].is_ascii_uppercase());
                let out = repaired.get_or_insert_with(|| bytes.to_vec());
                out[at - 1..at + word.len()].copy_from_slice(meant.as_bytes());
            }
        }
    }
    with_ascii_replaced(text, repaired)
}

/// `text` with each word of five letters or more that the dictionary does not know, and knows with
/// one letter an optical reader confuses put back, read so ("negafive", "enfirely", "Spurlinq" stay
/// unknown where two readings are words). Each replacement is one byte for one, so every offset into
/// the result is the same offset into `text`.
pub fn with_misread_letters_repaired(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    let known = |w: &[u8]| std::str::from_utf8(w).is_ok_and(is_word);
    for run in crate::text::byte_runs(bytes, |b| b.is_ascii_alphabetic()) {
        // A run by a non-ASCII byte, a digit or a hyphen is part of a longer token ("C5-6",
        // "Hernández", "non-radicular"), and one at either end of a line may be part of a word the
        // line broke ("bila-" / "teral"): neither is read alone.
        let part =
            |b: &u8| !b.is_ascii() || b.is_ascii_digit() || matches!(b, b'-' | b'\n' | b'\r');
        if !(5..=20).contains(&run.len())
            || run.start == 0
            || part(&bytes[run.start - 1])
            || bytes.get(run.end).is_none_or(part)
            || (bytes[run.end] == b' '
                && bytes[run.end..]
                    .iter()
                    .find(|&&b| b != b' ')
                    .is_none_or(|&b| b == b'\n' || b == b'\r'))
        {
            continue;
        }
        // Most words are known: told so without an allocation.
        let mut lower = [0u8; 20];
        let lower = &mut lower[..run.len()];
        lower.copy_from_slice(&bytes[run.clone()]);
        lower.make_ascii_lowercase();
        if known(lower) {
            continue;
        }
        // Two words glued ("areno", "kneeis") or half of one split ("bila teral") are the glued
        // words' or the whole word's to read: a letter changed would lose them ("arena").
        let glued = (2..lower.len() - 1).any(|i| known(&lower[..i]) && known(&lower[i..]));
        let half = |other: Option<&[u8]>| {
            other.is_some_and(|other| {
                let mut whole = other.to_ascii_lowercase();
                whole.extend_from_slice(lower);
                let mut reversed = lower.to_vec();
                reversed.extend(other.iter().map(u8::to_ascii_lowercase));
                known(&whole) || known(&reversed)
            })
        };
        let before = bytes[..run.start - 1]
            .rsplit(|b| !b.is_ascii_alphabetic())
            .next()
            .filter(|_| bytes[run.start - 1] == b' ');
        let after = bytes[run.end + 1..]
            .split(|b| !b.is_ascii_alphabetic())
            .next()
            .filter(|_| bytes[run.end] == b' ');
        if glued || half(before) || half(after) {
            continue;
        }
        if let Some(word) = respelled(&bytes[run.clone()], known) {
            repaired.get_or_insert_with(|| bytes.to_vec())[run.clone()].copy_from_slice(&word);
        }
    }
    with_ascii_replaced(text, repaired)
}

/// How far into its line a label's colon may stand, and how many words the label may have.
const LABEL_LENGTH: usize = 48;
const LABEL_WORDS_MOST: usize = 5;

/// Whether `rest` opens with an item's number, after blanks and a number sign: " #3", " 2".
fn numbered_after(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    let rest = rest.strip_prefix(b"#").unwrap_or(rest).trim_ascii_start();
    rest.first().is_some_and(u8::is_ascii_digit)
}

/// `word` written as the one word `known` knows that it misspells, in as many bytes: one letter an
/// optical reader confuses with another ([`misread_letter`]); else two neighbouring letters swapped
/// ("docuemnted"), or a letter doubled ("appplied"), which leaves a blank before the word. Several
/// readings are none.
fn respelled(word: &[u8], known: impl Fn(&[u8]) -> bool) -> Option<Vec<u8>> {
    if let Some((at, letter)) = misread_letter(word, &known) {
        let mut meant = word.to_vec();
        meant[at] = letter;
        return Some(meant);
    }
    let lower = word.to_ascii_lowercase();
    if known(&lower) {
        return None;
    }
    let readings = (1..word.len()).map(|at| {
        let mut meant = Vec::with_capacity(word.len());
        if lower[at - 1] == lower[at] {
            meant.push(b' ');
            meant.extend_from_slice(&word[..at]);
            meant.extend_from_slice(&word[at + 1..]);
        } else {
            meant.extend_from_slice(word);
            meant.swap(at - 1, at);
        }
        meant
    });
    let mut found: Option<Vec<u8>> = None;
    for meant in readings.filter(|m| known(&m.trim_ascii_start().to_ascii_lowercase())) {
        match &found {
            // A run of three letters reads the same with either of two dropped.
            Some(other) if *other != meant => return None,
            _ => found = Some(meant),
        }
    }
    found
}

/// Where `word`, which `known` does not know in lower case, differs by one letter an optical reader
/// confuses with another from the only word it knows so, and the letter to put there in the word's
/// case.
fn misread_letter(word: &[u8], known: impl Fn(&[u8]) -> bool) -> Option<(usize, u8)> {
    let mut lower = word.to_ascii_lowercase();
    if known(&lower) {
        return None;
    }
    let mut found = None;
    for at in 0..lower.len() {
        let read = lower[at];
        for &(a, b) in CONFUSED_LETTERS {
            let meant = match read {
                _ if read == a => b,
                _ if read == b => a,
                _ => continue,
            };
            lower[at] = meant;
            if known(&lower) {
                if found.is_some() {
                    return None;
                }
                found = Some((at, meant));
            }
            lower[at] = read;
        }
    }
    found.map(|(at, meant)| {
        let letter = if word[at].is_ascii_uppercase() {
            meant.to_ascii_uppercase()
        } else {
            meant
        };
        (at, letter)
    })
}

/// `text` with each run of lowercase ASCII letters that is no word but two words of at least four
/// letters glued together ("subacromialdecompression") split by a space. Looser than the prose's
/// splitting (neither word need be common), for a service line no rule's services name as written.
pub fn with_glued_words_split(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    for std::ops::Range { start, end: i } in
        crate::text::byte_runs(bytes, |b| b.is_ascii_alphabetic())
    {
        // A run by a non-ASCII byte or a digit is part of a longer token.
        let whole = (start == 0
            || bytes[start - 1].is_ascii() && !bytes[start - 1].is_ascii_digit())
            && bytes
                .get(i)
                .is_none_or(|b| b.is_ascii() && !b.is_ascii_digit());
        if let Some(at) = rare_pair_split(&text[start..i]).filter(|_| whole) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 4));
            out.push_str(&text[copied..start + at]);
            out.push(' ');
            copied = start + at;
        }
    }
    with_rest_copied(text, out, copied)
}

/// The words of `phrases` a misspelling may be read back to: lowercase, of at least
/// [`MISSPELLED_MIN`] letters, sorted and without repeats.
pub fn vocabulary<'p>(phrases: impl IntoIterator<Item = &'p str>) -> Vec<Box<str>> {
    let mut words: Vec<Box<str>> = phrases
        .into_iter()
        .flat_map(|phrase| phrase.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= MISSPELLED_MIN)
        .map(|w| w.to_ascii_lowercase().into_boxed_str())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The shortest word [`with_misspelled_words_repaired`] reads back: below it, one letter more or less
/// turns too many words into others.
const MISSPELLED_MIN: usize = 5;

/// `text` with each word of at least [`MISSPELLED_MIN`] letters that is not in `vocabulary` (see
/// [`vocabulary`]) read as the one word of it that it misspells ("ACUPUNCTUE", "SYNVSC", "EXTREMTIES",
/// "INJECTIONx": see [`nearest_word`]) or as two such words glued ("CERVICALSPLNE"), and a word glued
/// to the number after it set apart ("gabapentin300mg"). A word that could be either of two is left
/// as it is. Offsets move; the repaired words are lowercase.
pub fn with_misspelled_words_repaired<'t>(
    text: &'t str,
    vocabulary: &[Box<str>],
) -> std::borrow::Cow<'t, str> {
    let bytes = text.as_bytes();
    let known = |word: &str| {
        vocabulary
            .binary_search_by(|v| v.as_ref().cmp(word))
            .is_ok()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    for run in crate::text::byte_runs(bytes, |b| b.is_ascii_alphabetic()) {
        // A run by a non-ASCII byte is part of a longer word.
        if (run.start > 0 && !bytes[run.start - 1].is_ascii())
            || bytes.get(run.end).is_some_and(|b| !b.is_ascii())
        {
            continue;
        }
        let word = text[run.clone()].to_ascii_lowercase();
        let read = |part: &str| -> Option<String> {
            if known(part) {
                Some(part.to_string())
            } else {
                nearest_word(part, vocabulary).map(str::to_string)
            }
        };
        let reading = if word.len() < MISSPELLED_MIN || known(&word) {
            None
        } else {
            nearest_word(&word, vocabulary)
                .map(str::to_string)
                .or_else(|| {
                    // Two words glued, one of them or both misspelled ("cervicalsplne").
                    (MISSPELLED_MIN..=word.len().saturating_sub(MISSPELLED_MIN))
                        .filter_map(|at| {
                            Some(format!("{} {}", read(&word[..at])?, read(&word[at..])?))
                        })
                        .next()
                })
        };
        // The vocabulary holds no word shorter than `MISSPELLED_MIN`.
        let glued_to_number = bytes.get(run.end).is_some_and(u8::is_ascii_digit)
            && (reading.is_some() || known(&word));
        if reading.is_none() && !glued_to_number {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
        out.push_str(&text[copied..run.start]);
        out.push_str(reading.as_deref().unwrap_or(&text[run.clone()]));
        if glued_to_number {
            out.push(' ');
        }
        copied = run.end;
    }
    with_rest_copied(text, out, copied)
}

/// The one word of `vocabulary` that `word` (lowercase) misspells, with the same first letter: with a
/// letter dropped or added ("acupunctue", "injectionx"), two for a word of nine letters or more, two
/// neighbouring letters swapped, or one letter an optical reader confuses with another ("splne"). Any
/// other letter changed is never read back: "hypnotherapy" is not "hydrotherapy".
fn nearest_word<'v>(word: &str, vocabulary: &'v [Box<str>]) -> Option<&'v str> {
    let most = if word.len() >= 9 { 2 } else { 1 };
    let first = word.as_bytes()[0];
    // The vocabulary is sorted: the words sharing the first letter stand together.
    let from = vocabulary.partition_point(|v| v.as_bytes()[0] < first);
    let mut found = vocabulary[from..]
        .iter()
        .take_while(|v| v.as_bytes()[0] == first)
        .filter(|candidate| {
            let (a, b) = (word.as_bytes(), candidate.as_bytes());
            match a.len().abs_diff(b.len()) {
                0 => swapped_once(a, b) || confused_once(a, b),
                n if n <= most => {
                    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
                    is_subsequence(short, long)
                }
                _ => false,
            }
        });
    let one = found.next()?;
    found.next().is_none().then_some(one.as_ref())
}

/// Whether `short`'s letters stand in `long` in order.
fn is_subsequence(short: &[u8], long: &[u8]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// Whether `a` is `b` with one letter an optical reader confuses with another read as it ("splne").
fn confused_once(a: &[u8], b: &[u8]) -> bool {
    let mut differ = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (differ.next(), differ.next()) {
        (Some(i), None) => CONFUSED_LETTERS
            .iter()
            .any(|&(x, y)| (a[i], b[i]) == (x, y) || (a[i], b[i]) == (y, x)),
        _ => false,
    }
}

/// Whether `a` is `b` with two neighbouring letters swapped.
fn swapped_once(a: &[u8], b: &[u8]) -> bool {
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(differ.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// `text` with a lowercase "l" inside a word of capitals read as the "I" an optical reader took it for:
/// "MRl cervical spine", "NSAlD". One byte for one.
pub fn with_capitals_misread_l_repaired(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut repaired: Option<Vec<u8>> = None;
    for run in crate::text::byte_runs(bytes, |b| b.is_ascii_alphabetic()) {
        // A plural's "s" may follow the capitals: "NSAlDs".
        let word = &bytes[run.clone()];
        let word = word
            .strip_suffix(b"s")
            .filter(|w| w.len() >= 3)
            .unwrap_or(word);
        let capitals = word.iter().filter(|b| b.is_ascii_uppercase()).count();
        if capitals >= 2
            && capitals < word.len()
            && word.iter().all(|&b| b.is_ascii_uppercase() || b == b'l')
        {
            let out = repaired.get_or_insert_with(|| bytes.to_vec());
            for at in run.start..run.start + word.len() {
                if bytes[at] == b'l' {
                    out[at] = b'I';
                }
            }
        }
    }
    with_ascii_replaced(text, repaired)
}

/// `text` with the words an extractor split apart read whole ("Left sac roiliac joint injection"),
/// or a hyphen a line break left inside a word kept ("EMG/NCV of the bilateral lower ex-tremities"):
/// see [`split_apart`].
pub fn with_split_words_joined(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut before: Option<std::ops::Range<usize>> = None;
    for run in crate::text::byte_runs(bytes, |b| b.is_ascii_alphabetic()) {
        if let Some(left) = before.take() {
            if left.end + 1 == run.start
                && matches!(bytes[left.end], b' ' | b'-')
                && split_apart(&text[left.clone()], &text[run.clone()])
            {
                let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..left.end]);
                copied = run.start;
                continue;
            }
        }
        before = Some(run);
    }
    with_rest_copied(text, out, copied)
}

/// Where `run`, no word itself, splits into two words of at least four letters each, the longer
/// first part winning.
fn rare_pair_split(run: &str) -> Option<usize> {
    const LEAST: usize = 4;
    // A drug's name glued to the capitals of its form ("TramadolER", "HydrocodoneAPAP").
    let tail = run.bytes().rev().take_while(u8::is_ascii_uppercase).count();
    if (2..=4).contains(&tail) && run.len() >= tail + LEAST {
        let head = &run[..run.len() - tail];
        if head.bytes().skip(1).all(|b| b.is_ascii_lowercase())
            && is_word(&head.to_ascii_lowercase())
        {
            return Some(head.len());
        }
    }
    // An abbreviation in capitals glued to the word after it ("MRIof the cervical spine", "TENSunit"):
    // the word whole, so that a plural's "s" ("MRIs", "NSAIDs") stays.
    let head = run.bytes().take_while(u8::is_ascii_uppercase).count();
    if (2..=5).contains(&head) && run.len() >= head + 2 {
        let rest = &run[head..];
        if rest.bytes().all(|b| b.is_ascii_lowercase()) && is_word(rest) {
            return Some(head);
        }
    }
    // The same in one case ("tramadoler", "TRAMADOLER"): a form's usual abbreviation after a word.
    const FORMS: &[&str] = &["er", "xr", "sr", "cr", "ir", "xl", "dr", "apap"];
    let cased =
        run.bytes().all(|b| b.is_ascii_lowercase()) || run.bytes().all(|b| b.is_ascii_uppercase());
    let lower = cased.then(|| run.to_ascii_lowercase());
    if let Some(lower) = lower.filter(|lower| !is_word(lower)) {
        if let Some(form) = FORMS.iter().find(|form| {
            lower.len() >= form.len() + 5
                && lower.ends_with(*form)
                && is_word(&lower[..lower.len() - form.len()])
        }) {
            return Some(run.len() - form.len());
        }
        // A short word of the request's wording glued to the service's first word: "request
        // forpost-operative physical therapy", "MRI ofthe lumbar spine".
        const LEADS: &[&str] = &["for", "of", "the", "and", "with", "to"];
        if let Some(lead) = LEADS.iter().find(|lead| {
            lower.len() >= lead.len() + LEAST
                && lower.starts_with(*lead)
                && is_word(&lower[lead.len()..])
        }) {
            return Some(lead.len());
        }
    }
    if run.len() < 2 * LEAST || run.len() > 40 {
        return None;
    }
    // A service line in capitals glues its words as often ("SUBACROMIALDECOMPRESSION"), and one that
    // opens with a capital its first word ("Leftankle arthroscopy").
    let capitalised = run.as_bytes()[0].is_ascii_uppercase()
        && run.bytes().skip(1).all(|b| b.is_ascii_lowercase());
    if capitalised || run.bytes().all(|b| b.is_ascii_uppercase()) {
        return rare_pair_split(&run.to_ascii_lowercase());
    }
    if !run.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if is_word(run) {
        return None;
    }
    (LEAST..=run.len() - LEAST).rev().find(|&at| {
        let (left, right) = run.split_at(at);
        is_word(left) && is_word(right) && !PREFIXES.contains(&left) && !SUFFIXES.contains(&right)
    })
}

/// Where the lowercase run of ASCII letters `run` splits into two words, when it is no word itself:
/// "nofocal" at 2, "ofthe" at 2. Of several splits, the one with more of the commonest words, then
/// the one with the longer part ("the records", not "there cords"). A run of three words ("ofthefour")
/// splits after its first word when the rest splits in two. A run in capitals splits as its lowercase
/// would ("NECESSARYAND"): whole letters are printed in capitals, and their glued words are as
/// common. A capitalised run is a name or a heading more often than a glued pair: it splits only after
/// a word that opens sentences ("Thepatient").
pub fn glued_split(run: &str) -> Option<usize> {
    let bytes = run.as_bytes();
    if bytes.len() < MIN_GLUED || bytes.len() > 40 {
        return None;
    }
    if bytes.iter().all(u8::is_ascii_uppercase) {
        return glued_split(&run.to_ascii_lowercase());
    }
    // A sentence's first word glued to the next ("Thepatient", "Hehasnever"): only after a pronoun or
    // article that starts sentences, so a name ("Washington", "Newton") stays whole.
    if bytes[0].is_ascii_uppercase() && bytes[1..].iter().all(u8::is_ascii_lowercase) {
        let opens = SENTENCE_OPENERS
            .iter()
            .any(|w| bytes.len() > w.len() && bytes[..w.len()].eq_ignore_ascii_case(w.as_bytes()));
        if !opens {
            return None;
        }
        let lower = run.to_ascii_lowercase();
        // The lowercase run splits only where it is no word itself.
        return glued_split(&lower).filter(|&at| SENTENCE_OPENERS.contains(&&lower[..at]));
    }
    if !bytes.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    if is_word(run) {
        return None;
    }
    two_words(run).or_else(|| {
        (2..=run.len() - MIN_GLUED)
            .filter(|&at| {
                let (left, right) = run.split_at(at);
                // Never a negation first: "notochord" is not "no to chord".
                SHORT.contains(&left) && !left.starts_with("no") && two_words(right).is_some()
            })
            .max()
    })
}

/// Where `run` splits into two words, if it does.
fn two_words(run: &str) -> Option<usize> {
    (2..=run.len() - 2)
        .filter(|&at| {
            let (left, right) = run.split_at(at);
            // One part must be a common word: two rarer words glued are too often one term the
            // list lacks ("metastatic" is not "meta static").
            (SHORT.contains(&left) || SHORT.contains(&right) || both_rule_words(left, right))
                && is_word(left)
                && is_word(right)
                && !PREFIXES.contains(&left)
                && !SUFFIXES.contains(&right)
        })
        .max_by_key(|&at| {
            let (left, right) = run.split_at(at);
            let common = usize::from(SHORT.contains(&left)) + usize::from(SHORT.contains(&right));
            (common, left.len().max(right.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misread_decision_word_ending_a_line_is_put_back() {
        let text = "MRI OF THE CERVICAL SPINE: Uphcld\nACUPUNCTURE x6: Overtumed\nTENS - OVERTUMED \nHe was overtumed.\n";
        assert_eq!(
            with_misread_decisions_repaired(text),
            "MRI OF THE CERVICAL SPINE: Upheld\nACUPUNCTURE x6:Overturned\nTENS -OVERTURNED \nHe was overtumed.\n"
        );
        assert_eq!(with_misread_decisions_repaired(text).len(), text.len());
    }

    #[test]
    fn a_label_word_misread_by_one_letter_before_its_number_is_put_back() {
        let text = "Requesf #3 - Medial branch blocks\n  ltem 2: Lumbar MRI\nISSVE 4 - TENS\n\
                    Guidelines considcred: ODG Low Back\nStandard appplied: MTUS\n";
        assert_eq!(
            with_misread_labels_repaired(text),
            "Request #3 - Medial branch blocks\n  item 2: Lumbar MRI\nISSUE 4 - TENS\n\
             Guidelines considered: ODG Low Back\nStandard  applied: MTUS\n"
        );
        // Without a number after it, or a word in its own right, or a letter no reader confuses, a
        // line keeps its first word.
        for kept in [
            "Requesf the records\n",
            "Itself 2 visits\n",
            "Requesx #3 - MRI\n",
            "Request #3 - MRI\n",
            "The patient was seen on 2/3/2015 and the records considcred the request in full: none\n",
        ] {
            assert_eq!(with_misread_labels_repaired(kept), kept);
        }
    }

    #[test]
    fn optical_misreadings_read_as_the_word_and_numbers_stay() {
        assert_eq!(ocr_misreading("rnedically").as_deref(), Some("medically"));
        assert_eq!(ocr_misreading("docurnented").as_deref(), Some("documented"));
        assert_eq!(ocr_misreading("0ctober").as_deref(), Some("October"));
        assert_eq!(ocr_misreading("N0").as_deref(), Some("NO"));
        assert_eq!(ocr_misreading("n0").as_deref(), Some("no"));
        assert_eq!(ocr_misreading("L5"), None);
        assert_eq!(ocr_misreading("0DG").as_deref(), Some("ODG"));
        assert_eq!(ocr_misreading("1evel").as_deref(), Some("level"));
        assert_eq!(ocr_misreading("CERV1CAL").as_deref(), Some("CERVICAL"));
        assert_eq!(ocr_misreading("d1sc").as_deref(), Some("disc"));
        assert_eq!(ocr_misreading("RNEDICAL").as_deref(), Some("MEDICAL"));
        assert_eq!(ocr_misreading("syrnptorns").as_deref(), Some("symptoms"));
        assert_eq!(ocr_misreading("Uphe1d").as_deref(), Some("Upheld"));
        assert_eq!(ocr_misreading("TEN5").as_deref(), Some("TENS"));
        for kept in [
            "modern",
            "return",
            "burning",
            "L5",
            "S1",
            "T10",
            "10mg",
            "x10",
            "100s",
            "1011",
            "C0",
            "Hernandez",
            "q12h",
            "PHQ9",
            "C5",
            "5mg",
            "L5S1",
            "T5",
        ] {
            assert_eq!(ocr_misreading(kept), None, "{kept}");
        }
    }

    #[test]
    fn misread_digits_are_repaired_in_place() {
        let text = "MRI\t0verturned\nEMG Uphe1d; TEN5 unit at L5-S1, 10mg, caf\u{e9}0l";
        let repaired = with_misread_digits_repaired(text);
        assert_eq!(
            repaired,
            "MRI\tOverturned\nEMG Upheld; TENS unit at L5-S1, 10mg, caf\u{e9}0l"
        );
        assert!(matches!(
            with_misread_digits_repaired("L5-S1 10 mg"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A letter lower-cased whole gets no capital back: its sentences start in lower case.
        assert_eq!(
            with_misread_digits_repaired(
                "the 0swestry index is 46%. he has never used a ten5 unit."
            ),
            "the oswestry index is 46%. he has never used a tens unit."
        );
        assert_eq!(
            with_misread_digits_repaired("The 0swestry index is 46%."),
            "The Oswestry index is 46%."
        );
    }

    #[test]
    fn a_lowercase_l_among_capitals_is_the_i_a_scan_misread() {
        assert_eq!(
            with_capitals_misread_l_repaired("MRl cervical spine; NSAlDs; Tylenol; ALL"),
            "MRI cervical spine; NSAIDs; Tylenol; ALL"
        );
        assert!(matches!(
            with_capitals_misread_l_repaired("Lidoderm 5% patch, MRI"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn decision_words_split_by_a_blank_are_written_whole_at_the_same_length() {
        let text = "The request is not medica lly necessary. Guideli nes Relied Upon: Uphe ld";
        let joined = with_split_decision_words_joined(text);
        assert_eq!(
            joined,
            "The request is not medically  necessary. Guidelines  Relied Upon: Upheld "
        );
        assert_eq!(joined.len(), text.len());
        // Part of a longer word is left alone.
        let apart = "premedica lly, decision sx";
        assert!(matches!(
            with_split_decision_words_joined(apart),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_decision_broken_at_a_hyphen_over_lines_of_its_own_is_written_whole() {
        let text =
            "Item 1 of 4: CBT x 4 sessions —\nOvert-\nurned\nGuideline: MTUS.\r\nUph-\r\neld.\n";
        let joined = with_split_decision_words_joined(text);
        assert_eq!(
            joined,
            "Item 1 of 4: CBT x 4 sessions —\nOverturned \n\nGuideline: MTUS.\r\nUpheld \r\n.\n"
        );
        assert_eq!(joined.len(), text.len());
        // A word in a sentence broken so, or any other word, is left alone.
        for kept in [
            "The decision is over-\nturned.",
            "Over-\nall pain\n",
            "Con-\ntinued\n",
        ] {
            assert!(matches!(
                with_split_decision_words_joined(kept),
                std::borrow::Cow::Borrowed(_)
            ));
        }
    }

    #[test]
    fn a_service_line_has_its_split_words_joined() {
        assert_eq!(
            with_split_words_joined("Left sac roiliac joint injection under fluo roscopy"),
            "Left sacroiliac joint injection under fluoroscopy"
        );
        assert!(matches!(
            with_split_words_joined("MRI scan in tact"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A hyphen a line break left inside a word; real compounds keep theirs.
        assert_eq!(
            with_split_words_joined("EMG/NCV of the bilateral lower ex-tremities"),
            "EMG/NCV of the bilateral lower extremities"
        );
        assert!(matches!(
            with_split_words_joined("Follow-up visit and x-ray"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn misspelled_words_are_read_back_to_the_one_word_they_misspell() {
        let vocabulary = vocabulary([
            "acupuncture",
            "synvisc injection",
            "bilateral upper extremities",
            "hydrotherapy",
            "gabapentin",
            "mental health",
            "manual therapy",
            "massage therapy",
            "lumbar",
            "lumber",
            "spine",
        ]);
        assert_eq!(
            with_misspelled_words_repaired("ACUPUNCTUE x6, SYNVSC INJECTIONx 3", &vocabulary),
            "acupuncture x6, synvisc injection 3"
        );
        assert_eq!(
            with_misspelled_words_repaired("upper EXTREMTIES; gabapentin300mg", &vocabulary),
            "upper extremities; gabapentin 300mg"
        );
        assert_eq!(
            with_misspelled_words_repaired("MRI OF THE LUMBARSPLNE", &vocabulary),
            "MRI OF THE lumbar spine"
        );
        // A letter changed, a first letter changed, a word too short or one that could be either of
        // two words is left alone.
        for text in ["hypnotherapy", "dental exam", "massa", "lumbr fusion"] {
            assert!(
                matches!(
                    with_misspelled_words_repaired(text, &vocabulary),
                    std::borrow::Cow::Borrowed(_)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn a_word_misread_by_one_confusable_letter_is_put_back_in_place() {
        assert_eq!(
            with_misread_letters_repaired("Spurling test is negafive, exam enfirely normal."),
            "Spurling test is negative, exam entirely normal."
        );
        // Two letters swapped are put back in place; a doubled letter is dropped and leaves a blank
        // before the word, so the words after it stay where they were.
        assert_eq!(
            with_misread_letters_repaired("The MTUS was appplied and pain is docuemnted today."),
            "The MTUS was  applied and pain is documented today."
        );
        // Glued words, half of a split word, a word the line broke, a word by a hyphen or a digit, and a
        // clinical term the dictionary holds stay as written.
        for text in [
            "there areno red flags",
            "the bila teral knees",
            "a broken negafive\nline",
            "pain negafive-ish",
            "level C5negafive here",
            "a Holter monitor",
            "a dose recommened by him",
        ] {
            assert!(
                matches!(
                    with_misread_letters_repaired(text),
                    std::borrow::Cow::Borrowed(_)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn words_split_apart_are_told_from_two_words() {
        for (left, right) in [
            ("medi", "cally"),
            ("sac", "roiliac"),
            ("Uti", "lization"),
            ("nece", "ssary"),
            ("DETERM", "INATION"),
        ] {
            assert!(split_apart(left, right), "{left} {right}");
        }
        for (left, right) in [
            ("in", "tact"),
            ("any", "more"),
            ("MRI", "scan"),
            ("the", "patient"),
            ("Norco", "tablets"),
            ("some", "one"),
            ("x", "ray"),
        ] {
            assert!(!split_apart(left, right), "{left} {right}");
        }
    }

    #[test]
    fn ones_misread_as_l_are_repaired_where_no_letter_can_stand() {
        assert_eq!(
            with_misread_digits_repaired(
                "  l. Is L4-L5 and L5-Sl ESI needed?\nl) Norco\npage 46 of l27, #l20, 2l0 mg"
            ),
            "  1. Is L4-L5 and L5-S1 ESI needed?\n1) Norco\npage 46 of 127, #120, 210 mg"
        );
        assert_eq!(
            with_misread_digits_repaired(
                "Item l: Norco lO/325 mg #12O, pain 6/lO, hurt on O3/O2/20l3; Request #l."
            ),
            "Item 1: Norco 10/325 mg #120, pain 6/10, hurt on 03/02/2013; Request #1."
        );
        assert_eq!(
            with_misread_digits_repaired("item l: norco lo/325 mg #12o, no pain, 2 or 3 times"),
            "item 1: norco 10/325 mg #120, no pain, 2 or 3 times"
        );
        // A count is no level: "x", "times" or "#" before it.
        assert_eq!(
            with_misread_digits_repaired("FOLLOW-UP VISITS, WEEKLY X l2; PT x l8, #l2, visit x l"),
            "FOLLOW-UP VISITS, WEEKLY X 12; PT x 18, #12, visit x 1"
        );
        assert_eq!(
            with_misread_digits_repaired("| l  | MRI of the knee | Upheld |"),
            "| 1  | MRI of the knee | Upheld |"
        );
        // Words, levels in lower case and abbreviations keep their l.
        for kept in [
            "the l5-s1 level",
            "as well. The",
            "l.e. the",
            "Sl. ",
            "SLR at 45 degrees",
            "a l2 mm cyst",
            "Tl-weighted",
            "Hl-3",
            "b.l. 20",
            "OK. Oswestry",
            "lOO words",
            "O'Brien",
            "2 l of fluid",
        ] {
            assert!(
                matches!(
                    with_misread_digits_repaired(kept),
                    std::borrow::Cow::Borrowed(_)
                ),
                "{kept}"
            );
        }
    }

    #[test]
    fn a_service_line_has_its_glued_words_split_and_its_codes_kept() {
        assert_eq!(
            with_glued_words_split("Right shoulder arthroscopy with subacromialdecompression"),
            "Right shoulder arthroscopy with subacromial decompression"
        );
        assert_eq!(
            with_glued_words_split("RIGHT SHOULDER ARTHROSCOPY WITH SUBACROMIALDECOMPRESSION"),
            "RIGHT SHOULDER ARTHROSCOPY WITH SUBACROMIAL DECOMPRESSION"
        );
        assert_eq!(
            with_glued_words_split("Leftankle arthroscopy with debridement"),
            "Left ankle arthroscopy with debridement"
        );
        assert_eq!(
            with_glued_words_split("TramadolER 150 mg #30"),
            "Tramadol ER 150 mg #30"
        );
        assert_eq!(with_glued_words_split("OxyContin 20 mg"), "OxyContin 20 mg");
        assert_eq!(
            with_glued_words_split("MRIof the cervical spine"),
            "MRI of the cervical spine"
        );
        assert_eq!(with_glued_words_split("NSAIDs and MRIs"), "NSAIDs and MRIs");
        assert_eq!(
            with_glued_words_split("TRAMADOLER 150 MG"),
            "TRAMADOL ER 150 MG"
        );
        assert_eq!(
            with_glued_words_split("request forpost-operative physical therapy x 12 visits"),
            "request for post-operative physical therapy x 12 visits"
        );
        assert_eq!(
            with_glued_words_split("nerve stimulator"),
            "nerve stimulator"
        );
        // Drug names, codes and strengths are not two words.
        for line in [
            "Norco 10/325 mg #90",
            "EMG/NCV of the bilateral upper extremities",
            "L4-5 TFESI x2",
            "Lidoderm 5% patch #30",
            "Wellbutrin XL 150 mg",
            "Cymbalta 60 mg",
        ] {
            assert!(
                matches!(with_glued_words_split(line), std::borrow::Cow::Borrowed(_)),
                "{line}"
            );
        }
    }

    #[test]
    fn glued_pairs_split_and_words_stay_whole() {
        assert_eq!(glued_split("nofocal"), Some(2));
        assert_eq!(glued_split("thepatient"), Some(3));
        assert_eq!(glued_split("hasno"), Some(3));
        // The commonest words win: "of the", not "oft he"; "the records", not "there cords".
        assert_eq!(glued_split("ofthe"), Some(2));
        assert_eq!(glued_split("inthe"), Some(2));
        assert_eq!(glued_split("therecords"), Some(3));
        // Three words: the first comes off, and the rest splits again.
        assert_eq!(glued_split("ofthefour"), Some(2));
        assert_eq!(glued_split("thefour"), Some(3));
        // Two clinical words the rule base uses, neither of them common English.
        assert_eq!(glued_split("medialmeniscus"), Some(6));
        // Words, and terms the rule base reads, are never split.
        for word in [
            "nothing",
            "notable",
            "therapist",
            "another",
            "paraspinal",
            "nontender",
            "into",
            "multilevel",
            "subacute",
            "redacted",
            "titration",
            "extensor",
            "longus",
            // Clinical words the English list lacks ("so no gram", "as cites").
            "sonogram",
            "SONOGRAM",
            "ascites",
            "statin",
        ] {
            assert_eq!(glued_split(word), None, "{word}");
        }
        // Unknown terms that do not split into two words stay whole.
        for term in [
            "hydrocodone",
            "tizanidine",
            "Norco",
            "radiculopathy",
            "metastatic",
            "bronchograms",
            "notochord",
        ] {
            assert_eq!(glued_split(term), None, "{term}");
        }
        // Runs in capitals split as their lowercase; short runs are left alone.
        assert_eq!(glued_split("NOFOCAL"), Some(2));
        assert_eq!(glued_split("NECESSARYAND"), Some(9));
        assert_eq!(glued_split("SIXTREATMENTS"), Some(3));
        assert_eq!(glued_split("MAXIMUS"), None);
        assert_eq!(glued_split("RADICULOPATHY"), None);
        assert_eq!(glued_split("Washington"), None);
        // A capitalised run splits only after a word that opens sentences.
        assert_eq!(glued_split("Thepatient"), Some(3));
        assert_eq!(glued_split("Hehasnever"), Some(2));
        assert_eq!(glued_split("Newton"), None);
        assert_eq!(glued_split("Theodore"), None);
        assert_eq!(glued_split("isno"), None);
    }
}
