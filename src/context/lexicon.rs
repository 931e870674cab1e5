//! The trigger lexicon as rule authors write it (`[context]` in `rules/context.toml`), flattened into
//! one list of phrases for the automaton.

use serde::Deserialize;

/// What a trigger does to the mentions in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The finding is stated as absent ("no", "denies", "negative for").
    Negated,
    /// The finding is not documented ("no documentation of", "is not discussed"): absent for the rules.
    Undocumented,
    /// The finding is uncertain ("possible", "unclear", "rule out").
    Possible,
    /// The mention is about the past ("history of", "previously").
    Historical,
    /// The mention is hypothetical or planned ("if", "would", "requested").
    Hypothetical,
    /// The mention is about someone else ("family history", "mother").
    OtherExperiencer,
    /// The mention is part of what a guideline requires or recommends.
    Guideline,
    /// Blocks a shorter trigger inside it ("no increase", "not only").
    Pseudo,
    /// Ends the scope of triggers ("but", "however").
    Terminator,
}

impl Category {
    /// Whether the category says whether the finding is there (negated, undocumented, possible).
    pub fn is_status(self) -> bool {
        matches!(
            self,
            Category::Negated | Category::Undocumented | Category::Possible
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            Category::Negated => "negated",
            Category::Undocumented => "undocumented",
            Category::Possible => "possible",
            Category::Historical => "historical",
            Category::Hypothetical => "hypothetical",
            Category::OtherExperiencer => "other-experiencer",
            Category::Guideline => "guideline",
            Category::Pseudo => "pseudo",
            Category::Terminator => "terminator",
        }
    }

    /// A bit per scoped category, for terminators that end only some scopes.
    pub fn mask(self) -> u8 {
        match self {
            Category::Negated => 1,
            Category::Undocumented => 2,
            Category::Possible => 4,
            Category::Historical => 8,
            Category::Hypothetical => 16,
            Category::OtherExperiencer => 32,
            Category::Guideline => 64,
            Category::Pseudo | Category::Terminator => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The trigger governs the words after it ("no radiculopathy").
    #[default]
    Forward,
    /// The trigger governs the words before it ("radiculopathy was ruled out").
    Backward,
    /// Either side.
    Both,
}

/// `[context]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconSpec {
    /// How many words a trigger's scope reaches by default.
    pub window: usize,
    #[serde(default)]
    pub trigger: Vec<TriggerSpec>,
    #[serde(default)]
    pub pseudo: Vec<PhraseList>,
    #[serde(default)]
    pub terminator: Vec<TerminatorSpec>,
    /// Words that mark a sentence as being about this patient ("he", "this patient", "in this
    /// case"): between conflicting statements of a finding, such a sentence outweighs one that only
    /// speaks of patients in general, as guideline paraphrases do.
    #[serde(default)]
    pub patient_references: Vec<String>,
    /// Openings with which a sentence goes on speaking of what the sentence before it named ("Lyrica
    /// was started on 11/21/2013. Since then his leg pain has decreased ..."): a finding about the
    /// requested treatment there is about the service the sentence before named.
    #[serde(default)]
    pub continuation_openers: Vec<String>,
    /// Words with which a rationale speaks of the case summary itself or of an error in the record
    /// ("the age in the case summary appears to be a transcription error"): such a rationale has
    /// weighed the summary, so where the two disagree the reviewer has said why.
    #[serde(default)]
    pub summary_references: Vec<String>,
    /// Words that join two clauses ("and"). A backward trigger ("was not documented") is the
    /// predicate of the words just before it; where such a word in its scope follows a verb of its
    /// own ("she reports relief and function was not documented"), what stands before it is another
    /// clause, and the scope starts at the conjunction. A list has no verb ("sedation, constipation
    /// and nausea were not reported") and stays in scope.
    #[serde(default)]
    pub clause_conjunctions: Vec<String>,
    /// The finite verbs that make the words before a clause conjunction a clause of their own ("is",
    /// "has", "reports"). Participles are left out: they also stand as adjectives inside a list
    /// ("reported relief and improved function were not documented").
    #[serde(default)]
    pub clause_verbs: Vec<String>,
    /// The auxiliaries that open a clause sharing the subject of the clause before it, after a
    /// terminator ("an injection was discussed but has not been performed"): a backward trigger after
    /// them reaches over the terminator.
    #[serde(default)]
    pub shared_subject_auxiliaries: Vec<String>,
    /// Words that give a list entry a polarity of its own ("a negative Spurling's test", "normal
    /// reflexes"): a list holding such an entry after a comma lists the findings of the sentence's
    /// verb, each with its own polarity, and an absence before it reaches only its own entry ("axial
    /// neck pain without radiation, facet tenderness at C5-6, a negative Spurling's test").
    #[serde(default)]
    pub polarity_words: Vec<String>,
    /// Words that head a list of diagnoses ("Diagnoses include", "Impression:"), each entry with
    /// qualifiers of its own: an absence inside an entry ("lumbar spondylosis without myelopathy,
    /// facet arthropathy") reaches only that entry.
    #[serde(default)]
    pub diagnosis_list_heads: Vec<String>,
    /// The words that open a clause's own subject after a comma ("the", "her", "she"): after a clause
    /// with a verb, a comma and one of them start the backward trigger's own clause ("her scores have
    /// dropped, the crying spells have resolved"); a relative pronoun or an adverb does not.
    #[serde(default)]
    pub clause_subjects: Vec<String>,
    /// Words that deny what follows them ("no", "without"), as against words naming a result
    /// ("negative"): a mention opened by one carries its own polarity, so an absence stated before it
    /// has ended ("no early refills are reported, and no risk screening places her above low risk").
    #[serde(default)]
    pub negation_words: Vec<String>,
    /// The words that open a subordinate clause at the start of a sentence ("because", "although"):
    /// the first comma after that clause's verb closes it, and a backward trigger after the comma is
    /// the predicate of the main clause ("Because the records conflict, necessity is not
    /// established" does not deny the conflict).
    #[serde(default)]
    pub clause_openers: Vec<String>,
    /// The prepositions that make a person named after them a companion, not the sentence's subject
    /// ("lives with his wife", "was driven by her husband", "according to his wife"): an
    /// other-experiencer trigger so placed reaches only to the next comma, clause conjunction or
    /// pronoun ("he lives with his wife and has radicular pain" is about him).
    #[serde(default)]
    pub companion_prepositions: Vec<String>,
    /// The words that make a treatment named right after them an outcome of what the sentence speaks
    /// of, not its subject ("after 6 sessions his pain fell and he reduced tramadol from three tablets
    /// to one": the sessions' gain, no statement about tramadol).
    #[serde(default)]
    pub outcome_words: Vec<String>,
    /// The words that may stand between a treatment and an outcome word ending its clause: "Norco use
    /// was stopped" (nouns of its use, auxiliaries).
    #[serde(default)]
    pub outcome_auxiliaries: Vec<String>,
    /// Short forms clinical notes write for a phrase's words (`"w/o" = "without"`): every phrase of
    /// the lexicon that holds the long form is matched in the short form too ("w/o difficulty" is the
    /// pseudo-trigger "without difficulty").
    #[serde(default)]
    pub abbreviations: std::collections::BTreeMap<String, String>,
    /// The regions of the body a sentence may name: a statement about one region ("lumbar treatment
    /// has included 18 sessions of physical therapy") says nothing of a request for another (an MRI of
    /// the neck).
    #[serde(default)]
    pub body_region: Vec<BodyRegionSpec>,
}

/// `[[context.body-region]]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BodyRegionSpec {
    pub name: toml::Spanned<String>,
    /// Words that name the region (whole words, any case).
    pub phrases: Vec<String>,
    /// Other regions whose statements still bear on a request for this one: a neck request reads what
    /// is said of the arm its nerve roots supply.
    #[serde(default)]
    pub related: Vec<toml::Spanned<String>>,
}

/// Most body regions a lexicon may name: a set of them is one bit each of a `u64`.
pub const MAX_BODY_REGIONS: usize = 64;

/// A body region, compiled.
#[derive(Debug, Clone)]
pub struct BodyRegion {
    pub name: String,
    pub phrases: Vec<String>,
    /// The regions (as a bit set, this one among them) whose statements bear on a request for it.
    pub bears_on: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TriggerSpec {
    pub category: Category,
    #[serde(default)]
    pub direction: Direction,
    pub window: Option<usize>,
    /// An undocumented trigger that only qualifies a negation ("no X *is discussed*").
    #[serde(default)]
    pub only_with_negation: bool,
    /// A possible trigger that hedges a diagnosis ("possible dyspepsia"), one source's guess rather
    /// than an open question: a denial later in the sentence ("the treating physician documents no GI
    /// complaints") settles the finding, as it does not after "it is unclear whether".
    #[serde(default)]
    pub hedge: bool,
    /// A guideline trigger that only names a source ("MTUS"): it makes findings guideline statements
    /// but leaves a reviewer's conclusion in the same sentence a conclusion.
    #[serde(default)]
    pub names_source: bool,
    /// A guideline trigger that counts only inside the scope of a trigger naming a source: "ACOEM
    /// explains that ..." reports the guideline, "the physician explains that ..." does not.
    #[serde(default)]
    pub after_source: bool,
    /// A forward trigger that governs the rest of a mention it stands inside: a pattern spanning a
    /// condition ("the earlier series produced ... improvement lasting six months" in "a repeat series
    /// may be reasonable only when the earlier series produced ...") starts before the trigger.
    #[serde(default)]
    pub reaches_into_mention: bool,
    /// Whether a semicolon ends the scope (default true). A guideline's list of criteria runs on
    /// across semicolons ("age over 65; a history of ulcer; ...").
    #[serde(default = "yes")]
    pub semicolon_ends_scope: bool,
    /// Whether a comma ends the scope (default false). An adjective that negates its own noun phrase
    /// ("negative Lachman test, positive McMurray test") stops at the comma after it.
    #[serde(default)]
    pub comma_ends_scope: bool,
    /// The trigger governs only the words of its own phrase after its first word: "no improvement in
    /// pain" negates the improvement, not the pain (what a pseudo-trigger does for the words after it).
    #[serde(default)]
    pub own_words_only: bool,
    /// A scope whose window ends inside a list (two commas already in it) runs on to the list's end,
    /// the end of its clause, up to twice the window: "no history of cancer, fever, unexplained weight
    /// loss, recent trauma, or bowel or bladder dysfunction".
    #[serde(default)]
    pub lists_extend_scope: bool,
    /// A negation that turns a negation inside its scope back into an affirmation: "it is not true
    /// that he has no pain" says he has pain.
    #[serde(default)]
    pub negates_negation: bool,
    /// A negation of an ability or of a span of time that turns an `exception` inside its scope into
    /// an affirmation: "cannot walk a block without calf pain" and "hardly a night without heartburn"
    /// say the pain and the heartburn are there.
    #[serde(default)]
    pub negates_exception: bool,
    /// A negation that names an exception ("without"): a `negates-exception` trigger before it turns it
    /// back into an affirmation.
    #[serde(default)]
    pub exception: bool,
    /// A hypothetical trigger of what is expected or planned ("will", "planned"), or a possible one
    /// of what evidence points to ("to suggest", "concerning for"), that a negation before it turns
    /// into an absence: "there is no indication that he will be homebound" says he is not, "no
    /// infiltrate to suggest pneumonia" that there is no pneumonia.
    #[serde(default)]
    pub absent_when_negated: bool,
    /// A historical trigger that dates an event ("in 2013") leaves an absence the event states
    /// standing: "she was weaned off hydrocodone in 2013" says she takes none now.
    #[serde(default)]
    pub keeps_absences: bool,
    /// A hypothetical trigger of what is expected to happen ("will"), not merely planned, wished
    /// or conditional: a finding read as `expected` counts what it says ("she will not be able to
    /// leave the home after surgery").
    #[serde(default)]
    pub expectation: bool,
    pub phrases: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PhraseList {
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TerminatorSpec {
    /// The categories whose scope the terminator ends; all when empty.
    #[serde(default)]
    pub categories: Vec<Category>,
    pub phrases: Vec<String>,
}

/// One phrase of the compiled lexicon.
#[derive(Debug, Clone)]
pub struct Entry {
    pub phrase: String,
    pub category: Category,
    pub direction: Direction,
    pub window: Option<usize>,
    pub only_with_negation: bool,
    pub hedge: bool,
    pub names_source: bool,
    pub after_source: bool,
    pub reaches_into_mention: bool,
    pub semicolon_ends_scope: bool,
    pub comma_ends_scope: bool,
    pub own_words_only: bool,
    pub lists_extend_scope: bool,
    pub negates_negation: bool,
    pub negates_exception: bool,
    pub exception: bool,
    pub absent_when_negated: bool,
    pub keeps_absences: bool,
    pub expectation: bool,
    /// For terminators: the categories (as a mask) whose scope they end.
    pub terminates: u8,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub window: usize,
    pub entries: Vec<Entry>,
    pub patient_references: Vec<String>,
    pub summary_references: Vec<String>,
    /// Sentence openings, lower case.
    pub continuation_openers: Vec<String>,
    /// One-word conjunctions, verbs and subject openers, lower case and sorted.
    pub clause_conjunctions: Vec<String>,
    pub clause_verbs: Vec<String>,
    pub shared_subject_auxiliaries: Vec<String>,
    pub polarity_words: Vec<String>,
    pub diagnosis_list_heads: Vec<String>,
    pub clause_subjects: Vec<String>,
    pub negation_words: Vec<String>,
    pub clause_openers: Vec<String>,
    pub companion_prepositions: Vec<String>,
    pub outcome_words: Vec<String>,
    pub outcome_auxiliaries: Vec<String>,
    pub body_regions: Vec<BodyRegion>,
}

impl Lexicon {
    pub fn from_spec(spec: &LexiconSpec) -> Lexicon {
        let mut entries = Vec::new();
        let normalize = |p: &String| {
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        for trigger in &spec.trigger {
            for phrase in &trigger.phrases {
                entries.push(Entry {
                    phrase: normalize(phrase),
                    category: trigger.category,
                    direction: trigger.direction,
                    window: trigger.window,
                    only_with_negation: trigger.only_with_negation,
                    hedge: trigger.hedge,
                    names_source: trigger.names_source,
                    after_source: trigger.after_source,
                    reaches_into_mention: trigger.reaches_into_mention,
                    semicolon_ends_scope: trigger.semicolon_ends_scope,
                    comma_ends_scope: trigger.comma_ends_scope,
                    own_words_only: trigger.own_words_only,
                    lists_extend_scope: trigger.lists_extend_scope,
                    negates_negation: trigger.negates_negation,
                    negates_exception: trigger.negates_exception,
                    exception: trigger.exception,
                    absent_when_negated: trigger.absent_when_negated,
                    keeps_absences: trigger.keeps_absences,
                    expectation: trigger.expectation,
                    terminates: 0,
                });
            }
        }
        // Pseudo-triggers and terminators take no options: only their category and, for a terminator,
        // the categories it ends.
        let marker = |phrase: &String, category: Category, terminates: u8| Entry {
            phrase: normalize(phrase),
            category,
            direction: Direction::Forward,
            window: None,
            only_with_negation: false,
            hedge: false,
            names_source: false,
            after_source: false,
            reaches_into_mention: false,
            semicolon_ends_scope: true,
            comma_ends_scope: false,
            own_words_only: false,
            lists_extend_scope: false,
            negates_negation: false,
            negates_exception: false,
            exception: false,
            absent_when_negated: false,
            keeps_absences: false,
            expectation: false,
            terminates,
        };
        for pseudo in &spec.pseudo {
            for phrase in &pseudo.phrases {
                entries.push(marker(phrase, Category::Pseudo, 0));
            }
        }
        for terminator in &spec.terminator {
            let mask = if terminator.categories.is_empty() {
                u8::MAX
            } else {
                terminator.categories.iter().fold(0, |m, c| m | c.mask())
            };
            for phrase in &terminator.phrases {
                entries.push(marker(phrase, Category::Terminator, mask));
            }
        }
        entries.retain(|e| !e.phrase.is_empty());
        let abbreviated = abbreviated_entries(&entries, &spec.abbreviations);
        entries.extend(abbreviated);
        Lexicon {
            window: spec.window,
            entries,
            patient_references: spec
                .patient_references
                .iter()
                .map(normalize)
                .filter(|p| !p.is_empty())
                .collect(),
            summary_references: spec
                .summary_references
                .iter()
                .map(normalize)
                .filter(|p| !p.is_empty())
                .collect(),
            continuation_openers: spec
                .continuation_openers
                .iter()
                .map(normalize)
                .filter(|o| !o.is_empty())
                .collect(),
            clause_conjunctions: sorted_words(&spec.clause_conjunctions),
            clause_verbs: sorted_words(&spec.clause_verbs),
            shared_subject_auxiliaries: sorted_words(&spec.shared_subject_auxiliaries),
            polarity_words: sorted_words(&spec.polarity_words),
            diagnosis_list_heads: sorted_words(&spec.diagnosis_list_heads),
            clause_subjects: sorted_words(&spec.clause_subjects),
            negation_words: sorted_words(&spec.negation_words),
            clause_openers: sorted_words(&spec.clause_openers),
            companion_prepositions: sorted_words(&spec.companion_prepositions),
            outcome_words: sorted_words(&spec.outcome_words),
            outcome_auxiliaries: sorted_words(&spec.outcome_auxiliaries),
            body_regions: body_regions(&spec.body_region),
        }
    }
}

/// The body regions, each bearing on itself and on the regions it names as related that exist (the
/// loader reports the others); regions beyond the first [`MAX_BODY_REGIONS`] are left out (reported
/// too).
fn body_regions(specs: &[BodyRegionSpec]) -> Vec<BodyRegion> {
    let specs = &specs[..specs.len().min(MAX_BODY_REGIONS)];
    let bit = |name: &str| {
        specs
            .iter()
            .position(|r| r.name.get_ref() == name)
            .map_or(0, |k| 1u64 << k)
    };
    specs
        .iter()
        .map(|spec| BodyRegion {
            name: spec.name.get_ref().clone(),
            phrases: spec
                .phrases
                .iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect(),
            bears_on: spec
                .related
                .iter()
                .fold(bit(spec.name.get_ref()), |mask, r| mask | bit(r.get_ref())),
        })
        .collect()
}

/// `words` in lower case, sorted and without repeats, for binary search.
fn sorted_words(words: &[String]) -> Vec<String> {
    let mut words: Vec<String> = words
        .iter()
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The entries whose phrase holds the long form of an abbreviation, with the short form in its place;
/// none that the lexicon already has with the same category and direction ("neg" after what it
/// denies, "SLR neg", as well as before it, "neg for fracture").
fn abbreviated_entries(
    entries: &[Entry],
    abbreviations: &std::collections::BTreeMap<String, String>,
) -> Vec<Entry> {
    let known: std::collections::HashSet<(&str, Category, Direction)> = entries
        .iter()
        .map(|e| (e.phrase.as_str(), e.category, e.direction))
        .collect();
    let mut added: std::collections::HashSet<(String, Category, Direction)> = Default::default();
    let mut out = Vec::new();
    for (short, long) in abbreviations {
        let short = short.trim().to_lowercase();
        let long: Vec<String> = long.split_whitespace().map(str::to_lowercase).collect();
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        if short.is_empty() || long.is_empty() {
            continue;
        }
        for entry in entries {
            let words: Vec<&str> = entry.phrase.split(' ').collect();
            let mut replaced: Vec<&str> = Vec::with_capacity(words.len());
            let mut i = 0;
            while i < words.len() {
                if words[i..].starts_with(&long) {
                    replaced.push(&short);
                    i += long.len();
                } else {
                    replaced.push(words[i]);
                    i += 1;
                }
            }
            if replaced == words {
                continue;
            }
            let phrase = replaced.join(" ");
            if known.contains(&(phrase.as_str(), entry.category, entry.direction))
                || !added.insert((phrase.clone(), entry.category, entry.direction))
            {
                continue;
            }
            out.push(Entry {
                phrase,
                ..entry.clone()
            });
        }
    }
    out
}
