//! The context lexicon measured on the labelled sentences: figures held to a floor at NegEx's published
//! level (sensitivity 77.8%, specificity 94.5% for negation) or better.

mod common;

use imr_audit::context::measure::{measure, Labelled};

fn labelled(name: &str) -> Vec<Labelled> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/context")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The built-in lexicon measured on a labelled set of at least `at_least` sentences.
fn measured(name: &str, at_least: usize) -> imr_audit::context::measure::Measurement {
    let cases = labelled(name);
    assert!(cases.len() >= at_least);
    let m = measure(&common::rules().context, &cases);
    assert!(
        m.not_found.is_empty(),
        "targets not found: {:?}",
        m.not_found
    );
    eprintln!("{m}");
    m
}

#[test]
fn negation_and_the_other_axes_meet_the_floor() {
    let m = measured("labelled.jsonl", 400);
    // The floors sit at or above NegEx's published figures and just under today's, so a lexicon edit
    // that loses ground fails here.
    assert!(m.negated.sensitivity() >= 0.96, "{m}");
    assert!(m.negated.specificity() >= 0.96, "{m}");
    assert!(m.negated.f1() >= 0.95, "{m}");
    assert!(m.undocumented.sensitivity() >= 0.90, "{m}");
    assert!(m.undocumented.specificity() >= 0.99, "{m}");
    assert!(m.guideline.sensitivity() >= 0.95, "{m}");
    assert!(m.guideline.specificity() >= 0.95, "{m}");
    agreement_at_least(&m, 89, 98);
}

#[test]
fn clinical_report_negation_meets_the_floor() {
    // Radiology and discharge-summary language, clause boundaries, pseudo-triggers and double
    // negatives: the second set (see tests/context/README.md).
    let m = measured("clinical.jsonl", 320);
    negation_at_least(&m, 0.96);
    assert!(m.temporality.0 * 100 >= m.temporality.1 * 95, "{m}");
}

/// Sensitivity, specificity and F1 on "negated" all at least `floor`.
fn negation_at_least(m: &imr_audit::context::measure::Measurement, floor: f64) {
    assert!(m.negated.sensitivity() >= floor, "{m}");
    assert!(m.negated.specificity() >= floor, "{m}");
    assert!(m.negated.f1() >= floor, "{m}");
}

/// Temporality and experiencer agree with the labels on at least the given percentages of cases.
fn agreement_at_least(
    m: &imr_audit::context::measure::Measurement,
    temporality: usize,
    experiencer: usize,
) {
    assert!(
        m.temporality.0 * 100 >= m.temporality.1 * temporality,
        "{m}"
    );
    assert!(
        m.experiencer.0 * 100 >= m.experiencer.1 * experiencer,
        "{m}"
    );
}

/// The measurement of a NegEx-format file of `rows` rows in `tests/context`, every target found.
fn negex_measured(name: &str, rows: usize) -> imr_audit::context::measure::Measurement {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/context")
        .join(name);
    let (cases, skipped) =
        imr_audit::context::measure::negex_annotations(&std::fs::read_to_string(path).unwrap());
    assert_eq!((cases.len(), skipped), (rows, 0));
    let m = measure(&common::rules().context, &cases);
    assert!(
        m.not_found.is_empty(),
        "targets not found: {:?}",
        m.not_found
    );
    m
}

#[test]
fn negex_format_reports_meet_the_floor() {
    // Written blind in the tab-separated format of the public NegEx evaluation file: discharge
    // summaries, radiology, emergency and consult notes, with some workers' compensation review.
    let m = negex_measured("negex-format.tsv", 320);
    negation_at_least(&m, 0.97);
    agreement_at_least(&m, 92, 98);
}

#[test]
fn second_negex_format_set_meets_the_floor() {
    // A second blind set: abbreviations, review-of-systems marks, "no X to suggest Y". Its labels
    // call family history historical, which the lexicon does not, so temporality has a lower floor.
    let m = negex_measured("negex-format-2.tsv", 500);
    negation_at_least(&m, 0.98);
    agreement_at_least(&m, 90, 98);
}

#[test]
fn third_negex_format_set_meets_the_floor() {
    // A third blind set in the telegraphic style of hospital reports: "w/o", "PMH", capitals, "(resolved)",
    // bare trailing "ruled out", relatives who report the patient's symptoms.
    let m = negex_measured("negex-format-3.tsv", 600);
    negation_at_least(&m, 0.98);
    agreement_at_least(&m, 88, 98);
}

#[test]
fn fourth_negex_format_set_meets_the_floor() {
    // A fourth blind set in the style of discharge summaries and consult notes: triggers after their
    // condition, long lists, double negation, "but is unlikely", "denied by patient". Its labels call
    // family history, dated past events and plans ("r/o", "return if") historical or hypothetical,
    // which the lexicon reads by other conventions, so temporality has the lowest floor.
    let m = negex_measured("negex-format-4.tsv", 600);
    negation_at_least(&m, 0.99);
    agreement_at_least(&m, 85, 98);
}

#[test]
fn fifth_negex_format_set_meets_the_floor() {
    // A fifth blind set across note types (pathology, echo, operative and ICU notes): negations after
    // their condition, pseudo-negations, double negation ("cannot walk a block without calf pain"),
    // "suspicious for, but not diagnostic of". Its labels call "evaluate for" and prophylaxis
    // hypothetical and dated past events historical, which the lexicon reads by the older sets'
    // conventions.
    let m = negex_measured("negex-format-5.tsv", 600);
    negation_at_least(&m, 0.995);
    agreement_at_least(&m, 91, 99);
}

#[test]
fn sixth_negex_format_set_meets_the_floor() {
    // A sixth blind set across note types, with negations after their condition ("DTs have never
    // occurred", "delirium, which cleared"), negations behind a semicolon's new clause, "arguing
    // against", "never without", compound adjectives ("CT-negative subarachnoid hemorrhage") and report
    // headings run into sentences. Its labels call guideline wording, "assess for" and "r/o"
    // hypothetical, and family history historical, which the lexicon reads by the older sets'
    // conventions.
    let m = negex_measured("negex-format-6.tsv", 609);
    negation_at_least(&m, 0.985);
    agreement_at_least(&m, 87, 98);
}

#[test]
fn seventh_negex_format_set_meets_the_floor() {
    // A seventh blind set, a third of it workers' compensation and pain notes: symptoms a patient
    // denied after naming them ("Constipation and nausea were denied"), a new subject after "and"
    // ("I can't sleep and I feel hopeless"), and historical scopes a persisting complaint ends ("s/p
    // fusion in 2014 with persistent axial low back pain").
    let m = negex_measured("negex-format-7.tsv", 400);
    negation_at_least(&m, 0.995);
    agreement_at_least(&m, 90, 99);
}

#[test]
fn eighth_negex_format_set_meets_the_floor() {
    // An eighth blind set: newborn, toxicology and exposure notes beside review prose. A trigger ending
    // in "of" shares its words with the mention ("no signs of infection"), a bare "negative" reaches a
    // whole mention before it ("hepatitis B surface antigen negative"), and a relative stays the
    // subject of a second predicate ("Father smokes outdoors and has COPD"). Its labels call "r/o"
    // hypothetical and dated events historical, as the sixth set's do.
    let m = negex_measured("negex-format-8.tsv", 400);
    negation_at_least(&m, 0.98);
    agreement_at_least(&m, 83, 96);
}

#[test]
fn ninth_negex_format_set_meets_the_floor() {
    // A ninth blind set: a denial denied affirms ("he does not deny methamphetamine use"), a span free
    // of something ends its negation at "since" ("free of angina since his stent placement"), a
    // relative named as a companion is not the subject ("lives with his wife and has ..."), and a
    // relative who denies or notes something speaks for the patient ("Mom denies rash").
    let m = negex_measured("negex-format-9.tsv", 400);
    negation_at_least(&m, 0.995);
    agreement_at_least(&m, 90, 98);
}

#[test]
fn an_absence_reaches_only_its_own_entry_of_a_list_of_findings_with_polarities_of_their_own() {
    use imr_audit::context::Status;
    let sentence = "This patient has axial neck pain without radiation, facet tenderness at C5-6 \
                    and C6-7, a negative Spurling's test and a normal neurological exam.";
    assert_eq!(status_of(sentence, "radiation"), Status::Negated);
    assert_eq!(status_of(sentence, "facet tenderness"), Status::Affirmed);
    // A list of what is absent names no polarity again, and stays absent.
    let symptoms = "He has neck pain without radiation, fever, numbness or chills.";
    assert_eq!(status_of(symptoms, "numbness"), Status::Negated);
    // Alternatives closed by "or" are all absent, whatever word opens one of them.
    // Inside an entry of a list of diagnoses, "without" qualifies that entry alone; alternatives
    // closed by "or" stay absent together.
    let diagnoses = "Diagnoses include lumbar spondylosis without myelopathy, lumbar facet \
                     arthropathy, and a painful peripheral neuropathy.";
    assert_eq!(status_of(diagnoses, "myelopathy"), Status::Negated);
    assert_eq!(
        status_of(diagnoses, "lumbar facet arthropathy"),
        Status::Affirmed
    );
    assert_eq!(
        status_of(diagnoses, "peripheral neuropathy"),
        Status::Affirmed
    );
    let alternatives = "Diagnosis: knee contusion without fracture, dislocation, or effusion.";
    assert_eq!(status_of(alternatives, "dislocation"), Status::Negated);
    // An abbreviation stands for its word on either side of what it denies.
    assert_eq!(status_of("SLR neg bilaterally.", "SLR"), Status::Negated);
    assert_eq!(
        status_of("X-rays neg for fracture.", "fracture"),
        Status::Negated
    );
    // A study that excludes what it looked for denies it; one that cannot exclude it leaves it possible.
    let excludes = "Radiographs exclude arthritis, fracture, dysplasia and avascular necrosis.";
    assert_eq!(status_of(excludes, "avascular necrosis"), Status::Negated);
    assert_eq!(
        status_of("The MRI does not exclude a labral tear.", "labral tear"),
        Status::Possible
    );
    assert_eq!(
        status_of("X-rays were ordered to exclude fracture.", "fracture"),
        Status::Possible
    );
    // A denial after a colon that opens a clause of its own reaches back no further than the colon.
    let colon = "In this case the radiculopathy is not subtle: the left ankle jerk is absent.";
    assert_eq!(
        status_of(colon, "radiculopathy is not subtle"),
        Status::Affirmed
    );
    assert_eq!(status_of(colon, "ankle jerk"), Status::Negated);
    assert_eq!(
        status_of("Ankle reflex: absent.", "Ankle reflex"),
        Status::Negated
    );
    let alternatives = "He specifically denies fatigue, reduced libido or erectile dysfunction.";
    assert_eq!(status_of(alternatives, "reduced libido"), Status::Negated);
    assert_eq!(
        status_of(alternatives, "erectile dysfunction"),
        Status::Negated
    );
}

#[test]
fn an_absence_reaches_every_entry_of_a_list_whose_first_entry_has_a_polarity_word_too() {
    use imr_audit::context::Status;
    // Like entries, each with an outcome word: all of them are what the notes leave out.
    let outcomes = "The therapy notes say nothing about improved sitting tolerance, reduced \
                    opioid use or a return to work.";
    assert_eq!(status_of(outcomes, "reduced opioid use"), Status::Negated);
    let listed = "The notes do not mention increased walking distance, decreased pain scores or \
                  fewer flares.";
    assert_eq!(status_of(listed, "decreased pain scores"), Status::Negated);
}

#[test]
fn a_negated_list_of_examples_runs_on_though_its_entries_open_with_articles() {
    use imr_audit::context::Status;
    let examples =
        "The symptoms are stable, and no red-flag features such as a new focal deficit, \
                    a seizure or a change in headache pattern are described.";
    assert_eq!(
        status_of(examples, "change in headache pattern"),
        Status::Negated
    );
    // Without examples, an entry with an article after a comma starts a new noun phrase.
    let findings =
        "There are no side effects, a signed opioid agreement and a consistent drug screen.";
    assert_eq!(
        status_of(findings, "consistent drug screen"),
        Status::Affirmed
    );
}

#[test]
fn a_trigger_s_closing_words_may_open_the_mention_it_negates() {
    use imr_audit::context::Status;
    let sentence = "The wound is clean, with no signs of infection.";
    assert_eq!(status_of(sentence, "signs of infection"), Status::Negated);
    assert_eq!(
        status_of(
            "There is no evidence of instability.",
            "evidence of instability"
        ),
        Status::Negated
    );
    // So may a negation's closing verb or adjective, but not its negation word itself: a mention that
    // opens with "no" carries its own negation, which the rule base reads.
    assert_eq!(
        status_of(
            "The surgeon has not recommended surgery.",
            "recommended surgery"
        ),
        Status::Negated
    );
    assert_eq!(
        status_of(
            "The records contain no documentation of a trial.",
            "no documentation of a trial"
        ),
        Status::Affirmed
    );
    // A mention that starts with the trigger is not negated by it.
    assert_eq!(
        status_of("There was no benefit from therapy.", "no benefit"),
        Status::Affirmed
    );
    let serologies =
        "Maternal serologies: HIV negative, hepatitis B surface antigen negative, RPR nonreactive.";
    assert_eq!(
        status_of(serologies, "hepatitis B surface antigen"),
        Status::Negated
    );
    // A mention further back than the bare word's reach stays as it is.
    assert_eq!(
        status_of(
            "Lumbar radiculopathy with a prior EMG negative.",
            "Lumbar radiculopathy"
        ),
        Status::Affirmed
    );
}

#[test]
fn what_a_test_is_used_for_is_said_in_general() {
    let sentence = "A triple-phase bone scan is used selectively to support a diagnosis of complex regional pain syndrome when the clinical picture is suggestive.";
    assert!(assertion_of(sentence, "complex regional pain syndrome").guideline_statement);
    // A diagnosis whose criteria the patient does not meet is absent, not a guideline's.
    let sentence = "A pain specialist concluded that she does not meet the Budapest criteria for complex regional pain syndrome.";
    let assertion = assertion_of(sentence, "complex regional pain syndrome");
    assert!(!assertion.guideline_statement);
    assert_eq!(assertion.status, imr_audit::context::Status::Negated);
}

#[test]
fn a_long_list_of_requests_is_what_is_asked_for() {
    use imr_audit::context::Temporality;
    let sentence = "Requests were submitted for a spinal cord stimulator trial, 10 sessions of cognitive behavioral therapy, pregabalin and an MRI.";
    assert_eq!(
        assertion_of(sentence, "10 sessions of cognitive behavioral therapy").temporality,
        Temporality::Hypothetical
    );
}

#[test]
fn a_relative_stays_the_subject_of_a_second_predicate() {
    use imr_audit::context::Experiencer;
    assert_eq!(
        assertion_of("Father smokes outdoors and has COPD.", "COPD").experiencer,
        Experiencer::Other
    );
    // A negation still ends where the new predicate starts.
    assert_eq!(
        status_of("He does not smoke and has COPD.", "COPD"),
        imr_audit::context::Status::Affirmed
    );
}

#[test]
fn a_companion_is_not_the_subject_of_the_sentence() {
    use imr_audit::context::Experiencer::{Other, Patient};
    let whose = |sentence: &str, target: &str| assertion_of(sentence, target).experiencer;
    assert_eq!(
        whose(
            "He lives with his wife and has radicular pain in the left leg.",
            "radicular pain"
        ),
        Patient
    );
    assert_eq!(
        whose(
            "He was driven by his wife to the clinic, complaining of radicular pain.",
            "radicular pain"
        ),
        Patient
    );
    // A relative clause and a list still speak of the companion.
    assert_eq!(
        whose("She lives with her mother, who has dementia.", "dementia"),
        Other
    );
    assert_eq!(
        whose(
            "Infant born to mother with gestational diabetes and GBS positive status.",
            "GBS"
        ),
        Other
    );
    // A relative who denies something speaks for the patient; the patient named again is the patient.
    assert_eq!(
        whose("Mom denies rash, vomiting, or diarrhea.", "rash"),
        Patient
    );
    assert_eq!(
        whose(
            "Her daughter denies that the patient has had any memory problems.",
            "memory problems"
        ),
        Patient
    );
    assert_eq!(
        whose(
            "His daughter denies any history of sudden cardiac death in the family.",
            "sudden cardiac death"
        ),
        Other
    );
}

#[test]
fn an_event_placed_in_a_past_year_is_historical() {
    use imr_audit::context::Temporality::{Current, Historical};
    let when = |sentence: &str, target: &str| assertion_of(sentence, target).temporality;
    assert_eq!(
        when(
            "Treatment has included physical therapy and a lumbar fusion at L5-S1 in 2015.",
            "lumbar fusion"
        ),
        Historical
    );
    assert_eq!(when("Her father had an MI at age 52.", "MI"), Historical);
    // A year before the mention opens a clause that may reach the present.
    assert_eq!(
        when(
            "Naproxen was stopped in 2012 and no anti-inflammatory is currently prescribed.",
            "anti-inflammatory"
        ),
        Current
    );
}

#[test]
fn a_comparison_and_a_denied_cause() {
    use imr_audit::context::Status::{Affirmed, Negated};
    // "Without" whose object is left to the comparison negates nothing after it.
    assert_eq!(
        status_of(
            "Pain is 8/10 without and 4/10 with Norco, which allows him to walk for 30 minutes.",
            "walk for 30 minutes"
        ),
        Affirmed
    );
    // A condition denied as a cause is denied.
    assert_eq!(
        status_of(
            "There is no history of diabetes, thyroid disease, alcohol use or any other cause of peripheral neuropathy.",
            "peripheral neuropathy"
        ),
        Negated
    );
}

/// How the built-in lexicon reads `target` in `sentence`.
fn assertion_of(sentence: &str, target: &str) -> imr_audit::context::Assertion {
    let engine = &common::rules().context;
    let mut cues = Vec::new();
    engine.scan(sentence, &mut cues);
    let at = sentence.rfind(target).expect("target in sentence");
    engine.assert(&cues, at..at + target.len())
}

fn status_of(sentence: &str, target: &str) -> imr_audit::context::Status {
    assertion_of(sentence, target).status
}

#[test]
fn what_is_certified_in_the_same_letter_is_still_to_come() {
    use imr_audit::context::Temporality;
    let sentence = "A preoperative psychological evaluation is also being certified below.";
    assert_eq!(
        assertion_of(sentence, "psychological evaluation").temporality,
        Temporality::Hypothetical
    );
    // A requirement in general is the guideline's, not the patient's.
    let general = "A medical food must be intended for a condition with distinctive nutritional requirements.";
    assert!(assertion_of(general, "distinctive nutritional requirements").guideline_statement);
}

#[test]
fn a_guideline_statement_ends_where_the_request_comes_in() {
    let sentence =
        "Since the compound contains non-recommended components, it is not recommended, \
                    and the request is not medically necessary.";
    assert!(!assertion_of(sentence, "not medically necessary").guideline_statement);
    // A guideline's words inside an opening clause of reason reach no further than its comma; a
    // sentence whose first comma comes before any verb tells no such clause.
    let reason =
        "Because this compound contains agents that are not recommended, it is not supported.";
    assert!(!assertion_of(reason, "not supported").guideline_statement);
    let no_clause =
        "Because water minimizes the effects of gravity, it is specifically recommended \
                     where reduced weight bearing is desirable, for example in extreme obesity.";
    assert!(assertion_of(no_clause, "extreme obesity").guideline_statement);
    // A drug's label is not the patient's diagnosis.
    let label = "Pregabalin has FDA approval for diabetic neuropathy and fibromyalgia.";
    assert!(assertion_of(label, "fibromyalgia").guideline_statement);
    // What a named source is said to say is the guideline's; the same verb about the patient is not.
    let reported = "ACOEM chapter 13 explains that most knee problems improve quickly, so special \
                    studies are usually unnecessary.";
    let a = assertion_of(reported, "unnecessary");
    assert!(a.guideline_statement && !a.guideline_by_source_only);
    let observed = "The treating physician notes that special studies are unnecessary.";
    assert!(!assertion_of(observed, "unnecessary").guideline_statement);
    // A guideline's second clause after "but", its subject left out, is still the guideline's; a
    // patient's own "but" still ends what a denial reaches.
    let elided =
        "The ODG does not recommend flexion/extension films for range of motion, but does \
                  support them for suspected instability after trauma or fusion.";
    assert!(assertion_of(elided, "suspected instability").guideline_statement);
    // What continuing a treatment depends on, said of any patient, is the guideline's.
    let depends =
        "Continued use of an opioid analgesic depends on ongoing review showing that the \
                   drug is reducing pain and improving function.";
    assert!(assertion_of(depends, "improving function").guideline_statement);
    let turned = "He denies numbness but does have weakness in the left leg.";
    assert_eq!(
        status_of(turned, "weakness"),
        imr_audit::context::Status::Affirmed
    );
}

#[test]
fn a_negated_list_is_negated_to_its_end() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let list = "There is no history of cancer, fever, unexplained weight loss, recent trauma, or \
                bowel or bladder dysfunction.";
    assert_eq!(status_of(list, "bladder dysfunction"), Negated);
    // Past the list's clause, and in a sentence with no list, the window still ends the scope.
    let after = "There is no fever; she has had eleven months of steadily worsening low back pain \
                 with bladder dysfunction.";
    assert_eq!(status_of(after, "bladder dysfunction"), Affirmed);
    let long = "There is no reason to doubt the account of the patient who reported at the visit \
                last week that she has bladder dysfunction.";
    assert_eq!(status_of(long, "bladder dysfunction"), Affirmed);
}

#[test]
fn a_condition_governs_its_clause_and_a_guideline_names_what_to_record_first() {
    let condition = "Opioids may be continued if the patient has returned to work or has improved \
                     functioning and pain.";
    assert_eq!(
        assertion_of(condition, "improved functioning").temporality,
        imr_audit::context::Temporality::Hypothetical
    );
    let record = "The 4 A's (analgesia, activities of daily living, adverse side effects, and \
                  aberrant drug-taking behaviors) should be monitored and documented.";
    assert!(assertion_of(record, "analgesia").guideline_statement);
    assert!(
        !assertion_of("He reports good analgesia from Norco.", "analgesia").guideline_statement
    );
}

#[test]
fn own_word_negations_and_comma_scopes() {
    use imr_audit::context::Status::{Affirmed, Negated};
    // own-words-only: the phrase negates what it names and nothing after it.
    assert_eq!(
        status_of("There has been no improvement in pain.", "improvement"),
        Negated
    );
    assert_eq!(
        status_of("There has been no improvement in pain.", "pain"),
        Affirmed
    );
    assert_eq!(
        status_of("Therapy did not reduce her stiffness.", "stiffness"),
        Affirmed
    );
    // comma-ends-scope: an adjective's negation stops at the comma, either way.
    assert_eq!(
        status_of("Negative Lachman test, positive McMurray test.", "McMurray"),
        Affirmed
    );
    assert_eq!(
        status_of("Positive McMurray test, negative Lachman test.", "McMurray"),
        Affirmed
    );
    assert_eq!(
        status_of("Negative Lachman test, positive McMurray test.", "Lachman"),
        Negated
    );
    // Clause boundaries.
    assert_eq!(
        status_of(
            "Although there is no fracture, there is an effusion.",
            "effusion"
        ),
        Affirmed
    );
    assert_eq!(
        status_of("He does not smoke and has COPD.", "COPD"),
        Affirmed
    );
    assert_eq!(
        status_of("She denies fever, chills, or night sweats.", "night sweats"),
        Negated
    );
}

#[test]
fn verbs_questions_double_negatives_and_denied_requests() {
    use imr_audit::context::Status::{Affirmed, Negated, Possible};
    // What has not been done is absent, however far the verb stands after it.
    assert_eq!(
        status_of(
            "The diagnostic blocks have not yet been performed, so there is no response.",
            "diagnostic blocks"
        ),
        Negated
    );
    assert_eq!(
        status_of("An EMG of the legs was never performed.", "EMG"),
        Negated
    );
    // "Without" that qualifies a verb negates nothing.
    assert_eq!(
        status_of(
            "He has taken it without interruption for more than six months.",
            "six months"
        ),
        Affirmed
    );
    // A double negative, and the single one beside it.
    assert_eq!(
        status_of("It is not true that he has no pain.", "pain"),
        Affirmed
    );
    assert_eq!(
        status_of(
            "It cannot be said that there is no radiculopathy.",
            "radiculopathy"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "It cannot be said that radicular findings are absent: the straight leg raise is positive.",
            "radicular findings"
        ),
        Affirmed
    );
    assert_eq!(
        status_of("It is not true that he has pain.", "pain"),
        Negated
    );
    // A negated ability or span of time with an exception: what the exception names is there.
    assert_eq!(
        status_of("She cannot walk a block without calf pain.", "calf pain"),
        Affirmed
    );
    assert_eq!(
        status_of("There is hardly a night without heartburn.", "heartburn"),
        Affirmed
    );
    assert_eq!(
        status_of("There is no night without heartburn.", "heartburn"),
        Affirmed
    );
    // A trigger after its subject reaches back to its own clause: a comma after a clause with a verb
    // of its own, before a subject opened by a determiner, ends it; a relative clause or an adverb does not.
    assert_eq!(
        status_of(
            "Her depression scores have dropped, the crying spells have resolved, and she cooks again.",
            "depression"
        ),
        Affirmed
    );
    assert_eq!(
        status_of("She had a fever, which has resolved.", "fever"),
        Negated
    );
    // A list entry opened by a verb in the present tense is the subject's next predicate, not one more
    // thing absent; an auxiliary may open the inverted clause the absence is about.
    assert_eq!(
        status_of(
            "The injured worker is 44, has no GI history, takes a single anti-inflammatory at a standard dose, and denies dyspepsia.",
            "anti-inflammatory"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "At no point in the records reviewed, including the intake questionnaire, has the claimant endorsed depression.",
            "depression"
        ),
        Negated
    );
    assert_eq!(
        status_of(
            "The psychiatric evaluation of 06/2018 excluded a depressive disorder and scored the PHQ-9 at 3.",
            "depressive disorder"
        ),
        Negated
    );
    // A diagnosis's "not otherwise specified" denies nothing after it.
    assert_eq!(
        status_of(
            "Diagnoses include depressive disorder not otherwise specified with anxious features, and insomnia.",
            "insomnia"
        ),
        Affirmed
    );
    // Within that subject a conjunction joins nouns, whatever verb the clause before the comma had.
    for target in ["Spurling's", "Hoffmann"] {
        assert_eq!(
            status_of(
                "Strength is normal, the Spurling's and Hoffmann tests are negative.",
                target
            ),
            Negated
        );
    }
    // A comma before "and" after a single entry joins the clause's next conjunct; a list of three
    // takes a comma before each entry and runs on.
    assert_eq!(
        status_of(
            "He has a displaced tear without advanced arthritis, and failure of physical therapy.",
            "failure of physical therapy"
        ),
        Affirmed
    );
    assert_eq!(
        status_of("He presents without fever, chills, and sweats.", "sweats"),
        Negated
    );
    // What has not been excluded is still possible.
    assert_eq!(
        status_of(
            "An occult scaphoid fracture has not been excluded.",
            "occult scaphoid fracture"
        ),
        Possible
    );
    // A later entry holding a word of polarity after "and" lists what was found, not what is absent.
    assert_eq!(
        status_of(
            "This patient has axial pain without radicular findings, facet tenderness and positive loading at two levels.",
            "facet tenderness"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "This patient has axial pain without radicular findings, facet tenderness and positive loading at two levels.",
            "radicular findings"
        ),
        Negated
    );
    // The verb may be any of the record's past tenses, the next subject opened by an article.
    assert_eq!(
        status_of(
            "The patient completed six weeks of therapy without benefit, a facet injection was negative and hip imaging is normal.",
            "six weeks of therapy"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "The patient completed six weeks of therapy without benefit, a facet injection was negative and hip imaging is normal.",
            "facet injection"
        ),
        Negated
    );
    // A subordinate clause opening the sentence ends at its comma: the main clause's predicate
    // says nothing of it. Without a verb of its own it is no clause, and the trigger reaches it: a
    // list's commas ("Because numbness, tingling and weakness were not documented") close nothing.
    assert_eq!(
        status_of(
            "Because the records are contradictory on the tear, medical necessity is not established.",
            "records are contradictory"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "Since these conflicts cannot be reconciled, the request is not supported.",
            "conflicts"
        ),
        Affirmed
    );
    assert_eq!(
        status_of(
            "Although she reports relief, functional improvement was not documented.",
            "functional improvement"
        ),
        Negated
    );
    assert_eq!(
        status_of(
            "Because numbness, tingling and weakness were not documented, the EMG is not supported.",
            "numbness"
        ),
        Negated
    );
    assert_eq!(
        status_of(
            "Infant had mild respiratory distress requiring CPAP for 2 days, now resolved.",
            "respiratory distress"
        ),
        Negated
    );
    // Not across a comma, and not for an absence of records.
    assert_eq!(
        status_of("No edema, lungs clear without wheezes.", "wheezes"),
        Negated
    );
    assert_eq!(
        status_of(
            "The request cannot be certified without documentation of functional improvement.",
            "functional improvement"
        ),
        Negated
    );
    assert_eq!(
        status_of(
            "The biopsy is suspicious for, but not diagnostic of, carcinoma.",
            "carcinoma"
        ),
        Possible
    );
    // A question asks; it states nothing.
    assert_eq!(
        status_of(
            "Is there evidence of small bowel obstruction?",
            "small bowel obstruction"
        ),
        Possible
    );
    // A utilization review's denial, with its date between the reviewer and the verb.
    assert_eq!(
        status_of(
            "Utilization review on 01/02/2014 denied the request for an injection for radiculopathy.",
            "radiculopathy"
        ),
        Affirmed
    );
}

#[test]
fn how_long_ago_a_history_reaches() {
    use imr_audit::context::Status::Negated;
    use imr_audit::context::Temporality::{Current, Historical};
    let temporality = |sentence: &str, target: &str| assertion_of(sentence, target).temporality;
    // A history of days or a week or two is the present complaint.
    let recent =
        "She is a 45-year-old woman with a two-day history of fever, body aches and nausea.";
    assert_eq!(temporality(recent, "nausea"), Current);
    let weeks = "He reports a 1-week history of low back pain radiating to the left leg.";
    assert_eq!(temporality(weeks, "low back pain"), Current);
    // A period the text has placed in the past.
    assert_eq!(
        temporality(
            "During that period the records describe early refill requests.",
            "early refill requests"
        ),
        Historical
    );
    // "Reports" the noun starts nothing new: the period reaches the end of the sentence.
    assert_eq!(
        temporality(
            "During that period the records describe sedation and two reports of lost prescriptions.",
            "lost prescriptions"
        ),
        Historical
    );
    // A treatment stopped is past: tried, and not taken now.
    assert_eq!(
        temporality("Naproxen was stopped in 2012.", "Naproxen"),
        Historical
    );
    assert_eq!(
        temporality(
            "Gabapentin has been discontinued because of sedation.",
            "Gabapentin"
        ),
        Historical
    );
    assert_eq!(
        temporality(
            "History of present illness: shortness of breath.",
            "shortness of breath"
        ),
        Current
    );
    // What is recent after a history is not part of it, and a denial still negates.
    let denied = "He does not give a history of deafness and denies any recent nausea or vomiting.";
    assert_eq!(temporality(denied, "deafness"), Historical);
    assert_eq!(temporality(denied, "vomiting"), Current);
    assert_eq!(status_of(denied, "vomiting"), Negated);
    // A history heading reaches a long list; a chronic condition a history in running text is
    // "significant for" still counts now.
    let section = "PAST MEDICAL HISTORY: The patient has hypertension, type 2 diabetes, gout, \
                   chronic kidney disease, obstructive sleep apnea and atrial fibrillation.";
    assert_eq!(temporality(section, "atrial fibrillation"), Historical);
    let significant = "Her medical history is significant for asthma, migraine headaches, \
                       hypothyroidism and chronic kidney disease.";
    assert_eq!(temporality(significant, "chronic kidney disease"), Current);
    // "As previously noted" is a reference back in the record, not a past condition.
    let noted = "As previously noted, there is tenderness over the lumbar facets.";
    assert_eq!(temporality(noted, "tenderness"), Current);
}

#[test]
fn the_requesting_physician_is_not_a_request() {
    use imr_audit::context::Temporality::{Current, Hypothetical};
    let temporality = |sentence: &str, target: &str| assertion_of(sentence, target).temporality;
    let exam = "The requesting physician documented a positive straight leg raise on the left.";
    assert_eq!(temporality(exam, "positive straight leg raise"), Current);
    let request = "The physician is requesting a lumbar epidural steroid injection.";
    assert_eq!(
        temporality(request, "epidural steroid injection"),
        Hypothetical
    );
}

#[test]
fn a_list_of_risk_factors_is_the_guideline_s_and_a_patient_s_own_are_findings() {
    let general = "Risk factors are age over 65 years; a history of peptic ulcer, GI bleeding or \
                   perforation; or concurrent use of aspirin or corticosteroids.";
    assert!(assertion_of(general, "GI bleeding").guideline_statement);
    let own = "His risk factors include age over 65 years and a prior GI bleeding episode.";
    assert!(!assertion_of(own, "GI bleeding").guideline_statement);
}

#[test]
fn a_denial_runs_through_a_long_list_until_something_is_endorsed() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let list =
        "The patient denies bowel or bladder changes, gait disturbance, fever, night sweats, \
                weight loss or a history of cancer.";
    assert_eq!(status_of(list, "history of cancer"), Negated);
    let endorsed =
        "She denies chest pain and on questioning today endorses intermittent blurred vision.";
    assert_eq!(status_of(endorsed, "blurred vision"), Affirmed);
}

#[test]
fn a_trigger_after_its_subject_does_not_reach_back_into_another_clause() {
    use imr_audit::context::Status::{Affirmed, Negated};
    // A clause with its own verb before "and" is not the subject of "has not been documented".
    let joined = "The patient reports 50% pain relief and functional improvement has not been \
                  documented.";
    assert_eq!(status_of(joined, "pain relief"), Affirmed);
    assert_eq!(status_of(joined, "functional improvement"), Negated);
    // The clause's verb may stand farther back than the trigger's window.
    let long =
        "There are no myelopathic signs and no red flags, and no surgical procedure is planned.";
    assert_eq!(
        assertion_of(long, "red flags").temporality,
        imr_audit::context::Temporality::Current
    );
    assert_eq!(status_of(long, "red flags"), Negated);
    let ruled_out = "Lumbar radiculopathy is present and instability was ruled out.";
    assert_eq!(status_of(ruled_out, "radiculopathy"), Affirmed);
    assert_eq!(status_of(ruled_out, "instability"), Negated);
    // A list without a verb is the subject, all of it.
    let list = "Sedation, constipation, and nausea were not reported.";
    assert_eq!(status_of(list, "Sedation"), Negated);
    let pair = "Pain relief and functional improvement have not been documented.";
    assert_eq!(status_of(pair, "Pain relief"), Negated);
}

#[test]
fn a_review_of_systems_may_answer_after_the_symptom() {
    use imr_audit::context::Status::{Affirmed, Negated};
    assert_eq!(status_of("Chest pain: denies.", "Chest pain"), Negated);
    assert_eq!(status_of("Chest pain (-).", "Chest pain"), Negated);
    // A mark after one entry of a list is that entry's.
    assert_eq!(status_of("(+) CP, (-) SOB.", "CP"), Affirmed);
    assert_eq!(status_of("ROS: Denies fever, chills.", "fever"), Negated);
}

#[test]
fn a_diagnosis_judged_unlikely_is_the_one_named_before_it() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let sentence = "Dx: acute lumbar strain, cauda equina syndrome unlikely.";
    assert_eq!(status_of(sentence, "acute lumbar strain"), Affirmed);
    assert_eq!(status_of(sentence, "cauda equina syndrome"), Negated);
    let felt = "Pulmonary embolism is felt to be unlikely.";
    assert_eq!(status_of(felt, "Pulmonary embolism"), Negated);
}

#[test]
fn free_is_said_of_what_stands_just_before_it() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let both = "She has been nausea and vomiting free for a week.";
    assert_eq!(status_of(both, "nausea"), Negated);
    assert_eq!(status_of(both, "vomiting"), Negated);
    let adjective = "Total testosterone was 180 ng/dL, free testosterone was low.";
    assert_eq!(status_of(adjective, "Total testosterone"), Affirmed);
    // A second clause with a verb of its own still ends the scope at its conjunction.
    let clauses = "She reports 50% relief and functional improvement was not documented.";
    assert_eq!(status_of(clauses, "50% relief"), Affirmed);
    assert_eq!(status_of(clauses, "functional improvement"), Negated);
    let participle = "She reports 50% relief and function not documented.";
    assert_eq!(status_of(participle, "50% relief"), Affirmed);
}

#[test]
fn a_class_of_patients_is_the_guideline_s() {
    let sentence = "For patients at low risk of addiction or aberrant behavior, the ODG advises testing yearly.";
    assert!(assertion_of(sentence, "low risk").guideline_statement);
    let own = "This patient is at low risk of addiction, and the ODG advises testing yearly.";
    assert!(!assertion_of(own, "low risk").guideline_statement);
}

#[test]
fn how_a_condition_is_diagnosed_is_the_guideline_s() {
    let general = "The diagnosis is made clinically, on the basis of lateral hip pain with point tenderness over the greater trochanter.";
    assert!(
        assertion_of(general, "point tenderness over the greater trochanter").guideline_statement
    );
    let own = "The diagnosis was made on 04/16/2015, and she has point tenderness over the greater trochanter.";
    assert!(!assertion_of(own, "point tenderness over the greater trochanter").guideline_statement);
}

#[test]
fn a_diagnosis_not_in_doubt_and_a_chapter_s_statement() {
    use imr_audit::context::Status::Affirmed;
    let sentence = "The diagnosis is not in doubt here: there is a painful arc and positive Neer and Hawkins signs.";
    assert_eq!(status_of(sentence, "positive Neer"), Affirmed);
    let indication = "Dyspepsia caused by an NSAID is a separate indication.";
    assert!(assertion_of(indication, "Dyspepsia").guideline_statement);
    let chapter = "Chapter 9 supports two or three subacromial injections over an extended period.";
    assert!(assertion_of(chapter, "three subacromial injections").guideline_statement);
}

#[test]
fn a_negated_list_reaches_its_last_entry_after_the_window() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let sentence = "He takes no interacting drug, and none of the reports from the past five months mention heartburn, epigastric pain or dyspepsia.";
    assert_eq!(status_of(sentence, "dyspepsia"), Negated);
    let clause = "There is no numbness in the left foot or tingling in the toes at rest, and he walks with a limp.";
    assert_eq!(status_of(clause, "limp"), Affirmed);
}

#[test]
fn what_has_not_resolved_is_still_there() {
    use imr_audit::context::Status::{Affirmed, Negated};
    assert_eq!(
        status_of(
            "His radicular symptoms have not resolved.",
            "radicular symptoms"
        ),
        Affirmed
    );
    let list = "Low back pain that has not resolved with therapy, elevated fear avoidance beliefs.";
    assert_eq!(status_of(list, "fear avoidance"), Affirmed);
    assert_eq!(
        status_of("Radicular pain has resolved.", "Radicular pain"),
        Negated
    );
}

#[test]
fn abbreviated_phrases_read_as_the_phrases_they_shorten() {
    use imr_audit::context::Status::{Affirmed, Negated};
    assert_eq!(
        status_of("CXR w/o infiltrate or effusion.", "effusion"),
        Negated
    );
    // "w/o difficulty" is the pseudo-trigger "without difficulty".
    assert_eq!(
        status_of("Ambulates w/o difficulty, has back pain.", "back pain"),
        Affirmed
    );
    let history = assertion_of("41 yo M w/ PMH of HTN, afib.", "afib");
    assert_eq!(
        history.temporality,
        imr_audit::context::Temporality::Historical
    );
}

#[test]
fn a_trailing_ruled_out_denies_only_what_takes_no_object() {
    use imr_audit::context::Status::{Affirmed, Negated};
    assert_eq!(
        status_of("Diagnostic tap: 90 PMNs, SBP ruled out.", "SBP"),
        Negated
    );
    assert_eq!(status_of("WPW ruled out on EKG.", "WPW"), Negated);
    let transitive = "The MRI ruled out a tear.";
    assert_eq!(status_of(transitive, "MRI"), Affirmed);
    assert_eq!(status_of(transitive, "tear"), Negated);
}

#[test]
fn a_trigger_alone_in_parentheses_speaks_of_what_precedes_them() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let sentence = "PMH: asthma as a child, eczema (resolved).";
    assert_eq!(status_of(sentence, "eczema"), Negated);
    assert_eq!(status_of(sentence, "asthma"), Affirmed);
}

#[test]
fn a_relative_who_reports_a_symptom_reports_the_patient_s() {
    use imr_audit::context::Experiencer::{Other, Patient};
    let reported = assertion_of(
        "Wife describes tongue biting after the event.",
        "tongue biting",
    );
    assert_eq!(reported.experiencer, Patient);
    let own = assertion_of("Wife has chronic bronchitis.", "chronic bronchitis");
    assert_eq!(own.experiencer, Other);
}

#[test]
fn a_warning_of_a_side_effect_is_hypothetical() {
    use imr_audit::context::Temporality::Hypothetical;
    let sentence = "On zolpidem, which may cause sedation and confusion.";
    assert_eq!(
        assertion_of(sentence, "confusion").temporality,
        Hypothetical
    );
    let risks = "Plan: carpal tunnel release; discussed risks incl infection and pillar pain.";
    assert_eq!(assertion_of(risks, "pillar pain").temporality, Hypothetical);
}

#[test]
fn what_must_still_be_ruled_out_is_possible_and_reaches_only_its_own_words() {
    use imr_audit::context::Status::{Affirmed, Possible};
    let sentence = "The treating physician documents that the diagnosis is uncertain and that an \
                    inflammatory arthritis must be excluded.";
    assert_eq!(status_of(sentence, "inflammatory arthritis"), Possible);
    assert_eq!(status_of(sentence, "diagnosis is uncertain"), Affirmed);
}

#[test]
fn a_target_the_glued_word_splitter_would_break_is_read_as_written() {
    // "hispanic" splits into two words ("his panic") as a glued pair would; as the target it is found
    // in the text as written, and glued words elsewhere in a sentence are still split.
    use imr_audit::context::report::assess;
    use imr_audit::context::Status;
    let engine = &common::rules().context;
    let result = assess(
        engine,
        "The patient is hispanic and denies chest pain.",
        "hispanic",
    )
    .unwrap();
    assert_eq!(result.status, Status::Affirmed);
    let glued = assess(engine, "The patient has nochest pain today.", "chest pain").unwrap();
    assert_eq!(glued.status, Status::Negated);
}

#[test]
fn the_fourth_sets_general_rules_hold() {
    use imr_audit::context::{Experiencer, Status, Temporality};
    let considered = "Aortic dissection was considered but is unlikely given normal mediastinum.";
    assert_eq!(status_of(considered, "Aortic dissection"), Status::Negated);
    assert_eq!(
        status_of(
            "Triglycerides normal, EtOH use denied by patient.",
            "EtOH use"
        ),
        Status::Negated
    );
    let presenting =
        "He has afib not on anticoagulation presenting with acute left-sided weakness.";
    assert_eq!(
        status_of(presenting, "left-sided weakness"),
        Status::Affirmed
    );
    let brought = "7 month old brought by father for fever x 1 day.";
    assert_eq!(
        assertion_of(brought, "fever").experiencer,
        Experiencer::Patient
    );
    let classmates = "Several classmates have mono.";
    assert_eq!(
        assertion_of(classmates, "mono").experiencer,
        Experiencer::Other
    );
    let resolved = "Rash and fever, both of which resolved.";
    assert_eq!(status_of(resolved, "Rash"), Status::Negated);
    let excluded = "Cat scratch disease cannot be entirely excluded; correlate with serology.";
    assert_eq!(status_of(excluded, "Cat scratch disease"), Status::Possible);
    let per_friend = "Per friend pt drank a lot tonight, no drug use.";
    assert_eq!(
        assertion_of(per_friend, "drug use").experiencer,
        Experiencer::Patient
    );
    // A guideline's "efficacious but limited" is one clause: the condition after it is the guideline's.
    let guideline =
        "The guidelines state that opioids appear efficacious but limited for short-term \
                     pain relief in chronic back pain.";
    assert!(assertion_of(guideline, "chronic back pain").guideline_statement);
    let instruction =
        "Return if you develop numbness in the groin, loss of bladder control, or weakness in the legs.";
    assert_eq!(
        assertion_of(instruction, "weakness").temporality,
        Temporality::Hypothetical
    );
}

#[test]
fn a_semicolon_starts_a_clause_and_which_speaks_of_what_is_just_before_it() {
    use imr_audit::context::Status::{Affirmed, Negated};
    // The verb before the semicolon joins nothing after it: the whole list after it resolved.
    let course = "He was diuresed with IV furosemide; his lower extremity edema and orthopnea \
                  resolved by hospital day 4.";
    assert_eq!(status_of(course, "lower extremity edema"), Negated);
    let cleared = "Postop course complicated by acute blood loss anemia requiring 1 unit PRBC and \
                   mild postoperative delirium, which cleared.";
    assert_eq!(status_of(cleared, "mild postoperative delirium"), Negated);
    assert_eq!(status_of(cleared, "acute blood loss anemia"), Affirmed);
    assert_eq!(
        status_of(
            "Past detoxes were uneventful; DTs have never occurred.",
            "DTs"
        ),
        Negated
    );
    assert_eq!(
        status_of(
            "Normal septal configuration, arguing against RV strain.",
            "RV strain"
        ),
        Negated
    );
}

#[test]
fn what_is_never_absent_and_the_test_a_compound_names_are_affirmed() {
    use imr_audit::context::Status::{Affirmed, Negated};
    assert_eq!(
        status_of("He states he is never without pain, even at rest.", "pain"),
        Affirmed
    );
    let compound = "Impression: CT-negative subarachnoid hemorrhage from a ruptured aneurysm.";
    assert_eq!(status_of(compound, "subarachnoid hemorrhage"), Affirmed);
    assert_eq!(
        status_of("Head CT was negative for hemorrhage.", "hemorrhage"),
        Negated
    );
    // A report heading run into the title of a study "without" contrast ends its scope.
    let title = "MR L-SPINE W/O - Indication: LBP with left sciatica.";
    assert_eq!(status_of(title, "LBP"), Affirmed);
    // What a finding could explain is there; a healed injury is past, the tenderness beside it is not.
    let explained =
        "An extrusion abutting the L5 root, which could explain the radicular symptoms.";
    assert_eq!(
        assertion_of(explained, "radicular symptoms").temporality,
        imr_audit::context::Temporality::Current
    );
    let healed = "Exam: well-healed incision, mild tenderness over the lateral hardware.";
    assert_eq!(
        assertion_of(healed, "incision").temporality,
        imr_audit::context::Temporality::Historical
    );
    assert_eq!(
        assertion_of(healed, "tenderness").temporality,
        imr_audit::context::Temporality::Current
    );
}

#[test]
fn a_fronted_negation_ends_where_the_reviewer_s_own_clause_starts() {
    use imr_audit::context::Status;
    let sentence = "Without the order itself the reviewer cannot tell whether the request falls within the seven-day window.";
    assert_eq!(status_of(sentence, "cannot tell"), Status::Affirmed);
    // The order the phrase is without is still absent.
    assert_eq!(status_of(sentence, "order"), Status::Negated);
}

#[test]
fn an_opinion_the_reviewer_disputes_is_no_finding() {
    use imr_audit::context::Status;
    let sentence = "The AME described gross instability in 08/2023, but that opinion was offered before any dynamic imaging was obtained.";
    assert_eq!(status_of(sentence, "gross instability"), Status::Possible);
    // The reviewer's own statement after the dispute is read as it stands.
    let sentence = "Dr. Lee opined that the pain is radicular, but that opinion is not supported by the examination; the straight leg raise is negative.";
    assert_eq!(status_of(sentence, "radicular"), Status::Possible);
    assert_eq!(status_of(sentence, "straight leg raise"), Status::Negated);
}

#[test]
fn only_what_is_expected_to_happen_reads_as_an_expectation() {
    use imr_audit::context::Temporality;
    for (sentence, target, expected) in [
        (
            "She will be unable to leave the home for several weeks after surgery.",
            "unable to leave the home",
            true,
        ),
        (
            "After the fusion he is expected to be homebound for a month.",
            "homebound",
            true,
        ),
        // What would be, what is planned and what is asked for are no forecast.
        (
            "Home health would be appropriate if she were homebound.",
            "homebound",
            false,
        ),
        (
            "If he will be homebound, nursing may follow.",
            "homebound",
            false,
        ),
        (
            "The surgeon is requesting home nursing because she will be homebound.",
            "homebound",
            true,
        ),
        ("The plan is to order a walker.", "walker", false),
    ] {
        let assertion = assertion_of(sentence, target);
        assert_eq!(
            assertion.temporality,
            Temporality::Hypothetical,
            "{sentence}"
        );
        assert_eq!(assertion.expected, expected, "{sentence}");
    }
    // A negation before the forecast reads the finding absent now, not expected.
    let denied = assertion_of(
        "There is no indication that he will be homebound after surgery.",
        "homebound",
    );
    assert_eq!(denied.temporality, Temporality::Current);
    assert!(!denied.expected);
}

#[test]
fn a_comparison_with_and_without_the_medication_negates_nothing() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let sentence = "The note documents pain of 8/10 without tramadol and 4/10 with it, walking tolerance of \
                    20 minutes with the medication versus 5 minutes without, and that it allows her to \
                    complete light housework.";
    assert_eq!(status_of(sentence, "walking tolerance"), Affirmed);
    assert_eq!(status_of(sentence, "allows her to complete"), Affirmed);
    // A "without" with its object still negates it.
    assert_eq!(
        status_of("She walks 20 minutes without pain.", "pain"),
        Negated
    );
    assert_eq!(
        status_of("Her pain is 3/10 without side effects.", "side effects"),
        Negated
    );
    // A rating after a comma is what was found, not what was denied.
    let rated =
        "The physician documented axial low back pain without radiation into the legs, rated \
                 8/10 without medication.";
    assert_eq!(status_of(rated, "8/10"), Affirmed);
    assert_eq!(status_of(rated, "radiation"), Negated);
}

#[test]
fn a_mention_opening_with_its_own_negation_ends_the_absence_before_it() {
    use imr_audit::context::Status::Affirmed;
    let sentence =
        "No early refills are reported, and no risk screening places her above low risk.";
    assert_eq!(
        status_of(sentence, "no risk screening places her above low risk"),
        Affirmed
    );
    let listed = "There is no aberrant behavior, and no signs of sedation are reported.";
    assert_eq!(status_of(listed, "no signs of sedation"), Affirmed);
}

#[test]
fn a_guideline_taken_up_by_it_and_a_verbless_clause_after_it_stay_the_guideline_s() {
    // "It" with what only a guideline does takes up the guideline the sentence before named.
    let allows =
        "It allows an initial trial of 6 visits and, where objective functional improvement \
                  is shown, up to 13 to 20 visits.";
    assert!(assertion_of(allows, "objective functional improvement").guideline_statement);
    // A medication's "it allows him to" is the patient's.
    let medication = "It allows him to walk his dog every morning.";
    assert!(!assertion_of(medication, "walk his dog").guideline_statement);
    let stand_alone =
        "Biofeedback is considered by the MTUS an option in a cognitive behavioral therapy \
                       program, though not as stand-alone treatment.";
    assert!(assertion_of(stand_alone, "stand-alone treatment").guideline_statement);
}

#[test]
fn a_risk_said_in_general_and_what_a_treatment_is_for_are_no_finding() {
    let risk =
        "Risk is elevated when the patient is over 65, has a past peptic ulcer, or takes aspirin.";
    assert!(assertion_of(risk, "over 65").guideline_statement);
    assert!(assertion_of(risk, "peptic ulcer").guideline_statement);
    let aim = "Viscosupplementation is directed at osteoarthritis.";
    assert!(assertion_of(aim, "osteoarthritis").guideline_statement);
}

#[test]
fn none_of_the_reports_denies_what_they_are_said_to_attribute() {
    use imr_audit::context::Status::{Affirmed, Negated};
    let sentence =
        "None of the submitted reports attributes any reduction in pain or gain in activity \
                    to it.";
    assert_eq!(status_of(sentence, "reduction in pain"), Negated);
    // "Reports" as a verb still ends a denial before it.
    assert_eq!(
        status_of("The patient denies fever, reports cough.", "cough"),
        Affirmed
    );
}

#[test]
fn a_missing_report_said_to_be_absent_from_the_record_is_undocumented() {
    for (sentence, target) in [
        (
            "No recent UDS or CURES report is in the record.",
            "CURES report",
        ),
        (
            "No operative report is available for review.",
            "operative report",
        ),
        (
            "No pain diary was submitted with the request.",
            "pain diary",
        ),
    ] {
        let assertion = assertion_of(sentence, target);
        assert!(assertion.undocumented, "{sentence}");
    }
    // An examination that finds nothing records an absence, not a gap in the file.
    assert!(!assertion_of("No swelling was noted on examination.", "swelling").undocumented);
}

#[test]
fn a_wish_or_a_goal_has_not_happened() {
    use imr_audit::context::Temporality;
    for sentence in [
        "He states he is motivated to improve his function.",
        "She hopes to return to full duty by the spring.",
        "The goal is to reduce her pain so she can sleep.",
    ] {
        let target = [
            "improve his function",
            "return to full duty",
            "reduce her pain",
        ]
        .into_iter()
        .find(|t| sentence.contains(t))
        .unwrap();
        assert_eq!(
            assertion_of(sentence, target).temporality,
            Temporality::Hypothetical,
            "{sentence}"
        );
    }
    // A goal met is a fact.
    assert_eq!(
        assertion_of(
            "He has improved his function at work.",
            "improved his function"
        )
        .temporality,
        Temporality::Current
    );
}

#[test]
fn a_list_of_what_raises_a_risk_is_the_guideline_s() {
    let sentence = "The factors that raise the risk of a GI event are age over 65, a history of peptic ulcer, GI bleeding or perforation, and concurrent aspirin.";
    assert!(assertion_of(sentence, "peptic ulcer").guideline_statement);
    // The patient's own risk is a finding.
    let sentence = "Her age of 70 raises the risk of a GI event.";
    assert!(!assertion_of(sentence, "GI event").guideline_statement);
}

#[test]
fn what_a_guideline_allows_in_an_opening_clause_ends_at_its_comma() {
    let sentence = "Because the number requested exceeds the initial course the guidelines allow, the 24 sessions of postoperative physical therapy are not medically necessary.";
    assert!(!assertion_of(sentence, "not medically necessary").guideline_statement);
    // Without the opening clause, what the guideline allows is the guideline's.
    let sentence = "The guidelines allow 24 sessions of postoperative physical therapy.";
    assert!(assertion_of(sentence, "postoperative physical therapy").guideline_statement);
}

#[test]
fn when_or_how_long_the_records_leave_open_is_no_absence() {
    use imr_audit::context::Status;
    let sentence = "The records do not establish when tizanidine was first prescribed or whether any benefit followed.";
    assert_eq!(status_of(sentence, "first prescribed"), Status::Possible);
    let sentence = "The notes do not state how long she has taken zolpidem.";
    assert_eq!(status_of(sentence, "taken zolpidem"), Status::Possible);
    // What the records do not establish, without a question, is still missing from them.
    let sentence = "The records do not establish a failed trial of physical therapy.";
    assert_eq!(status_of(sentence, "physical therapy"), Status::Negated);
}

#[test]
fn a_guideline_s_condition_found_in_this_case_is_the_patient_s() {
    let sentence = "The MTUS permits the rest of the general course when functional improvement has been shown during the initial course, and here it has: flexion gained 25 degrees.";
    assert!(!assertion_of(sentence, "flexion gained").guideline_statement);
    assert!(assertion_of(sentence, "functional improvement").guideline_statement);
}

#[test]
fn a_diagnosis_whose_criteria_the_patient_meets_is_the_patient_s() {
    let sentence = "The treating physician has documented that the patient meets DSM-5 criteria for a moderate opioid use disorder.";
    assert!(!assertion_of(sentence, "opioid use disorder").guideline_statement);
    // A guideline's criteria for a treatment are still the guideline's.
    let sentence =
        "The MTUS criteria for a repeat block include at least 50% relief for six to eight weeks.";
    assert!(assertion_of(sentence, "50% relief").guideline_statement);
}

#[test]
fn a_negation_does_not_reach_the_next_predicate_of_the_same_subject() {
    use imr_audit::context::Status;
    let sentence = "She has had therapy and medication without lasting improvement, needs assistance with self-care, and has been off work for 18 months.";
    assert_eq!(status_of(sentence, "lasting improvement"), Status::Negated);
    assert_eq!(
        status_of(sentence, "assistance with self-care"),
        Status::Affirmed
    );
    // A negation stated after its condition, past a comma, still reaches back to it.
    let sentence =
        "Fracture of the scaphoid, previously suspected on the initial films, has been excluded.";
    assert_eq!(
        status_of(sentence, "Fracture of the scaphoid"),
        Status::Negated
    );
}
