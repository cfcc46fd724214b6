/*!
Cue words: the small words that say what the rest means.

Each cue lexicon gets its own gazetteer, since one phrase may serve two
concerns (حجب is an outage word and names a government cause elsewhere).
All hits are kept, overlapping across lexicons; within one lexicon the
longest wins.

Normalisation folds hamza seats, so «إثر» (following: a cause connective)
and «أثر» (affected, effect) are one string. A cause cue is therefore
dropped when the text writes its first hamza on the other seat than the
lexicon does (single words only: «على أثر» is still «على إثر»), and a connective written with a bare alef is dropped when a
preposition follows it («اثر على», affected).

A cause cue that runs into a cause phrase («ليس هجوما إلكترونيا», «ليس نتيجة
مشاكل») ends where the phrase begins, so that it stands before the cause it
qualifies.
*/

use super::{Annotator, Cue, Mention, Value, skip_spaces, skip_spaces_back};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit};
use crate::lexicon::Lexicons;
use crate::vocab::{CauseCue, OutageCue};

pub struct CueAnnotator {
    gazetteers: Vec<Gazetteer<Cue>>,
    /// The cause phrases, to keep cause cues off them.
    causes: Gazetteer<crate::vocab::CauseCategory>,
    /// The raw surfaces of `cause_cues.tsv`, by entry (the cause gazetteer
    /// is `gazetteers[CAUSE]`).
    cause_raws: Vec<String>,
}

/// Index of the outage-cue and cause-cue gazetteers in `gazetteers`.
const OUTAGE: usize = 0;
const CAUSE: usize = 1;

/// Denials made of a verb of denial and the outage word after it
/// («تنفي "انقطاعا شاملا"» (denies "a total outage")): only spaces and
/// quotes between, or a few words that are its subject and object
/// («نفت الشركة أنباء عن تعطل فيسبوك», «نفت شركة زين وجود أي انقطاع»); not
/// a that-clause («نفت الشركة أن يكون العطل ناجما عن هجوم»: the cause is
/// denied, not the outage) and not across a clause mark.
fn denials(text: &str, hits: &[Hit<'_, Cue>]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (k, d) in hits.iter().enumerate() {
        if *d.value != Cue::Outage(OutageCue::Deny) {
            continue;
        }
        let Some(o) = hits[k + 1..]
            .iter()
            .take_while(|o| {
                super::word_count(text, d.span.end, o.word_start, DENY_REACH) <= DENY_REACH
            })
            .find(|o| *o.value == Cue::Outage(OutageCue::Outage))
        else {
            continue;
        };
        let gap = &text[d.span.end..o.word_start];
        let adjacent = gap.chars().all(|c| c.is_whitespace() || super::is_quote(c));
        // Within the sentence: no clause or sentence mark, no line break.
        let object = !gap.contains([',', '.', ';', ':', '?', '!', '…', '\n'])
            && !gap
                .split_whitespace()
                .any(|w| THAT.contains(&w.trim_matches(super::is_quote)));
        if adjacent || object {
            out.push(Mention {
                span: d.span.cover(o.span),
                value: Value::Cue(Cue::Outage(OutageCue::Denial)),
            });
        }
    }
    out
}

/// Words a denial's subject and object may take between the verb and the
/// outage word.
const DENY_REACH: usize = 5;

/// «أن» (that) and its forms, normalised: a that-clause after a verb of
/// denial denies what it says of the outage, not the outage.
const THAT: &[&str] = &["ان", "بان", "لان", "انه", "انها", "بانه", "بانها"];

/// Prepositions that make a bare-alef «اثر» the verb «أثّر» (affected):
/// على (on), في (in), ب (with), عل (a common typo of على).
const VERB_PREPOSITIONS: &[&str] = &["علي", "في", "ب", "عل"];

impl CueAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> CueAnnotator {
        fn gaz<T: Copy>(
            entries: &[crate::lexicon::Entry<T>],
            clitics: &Clitics,
            f: impl Fn(T) -> Cue,
        ) -> Gazetteer<Cue> {
            Gazetteer::from_pairs(
                entries.iter().map(|e| (e.surface.as_str(), f(e.value))),
                clitics,
            )
        }
        CueAnnotator {
            gazetteers: vec![
                gaz(&lex.outage_cues, clitics, Cue::Outage),
                gaz(&lex.cause_cues, clitics, Cue::Cause),
                gaz(&lex.platform_cues, clitics, Cue::Platform),
                gaz(&lex.count_cues, clitics, Cue::Count),
                gaz(&lex.duration_cues, clitics, Cue::Duration),
                gaz(&lex.date_markers, clitics, Cue::Date),
                gaz(&lex.qualifiers, clitics, |(q, p)| Cue::Qualifier(q, p)),
            ],
            cause_raws: lex.cause_cues.iter().map(|e| e.raw.clone()).collect(),
            causes: Gazetteer::new(&lex.causes, clitics),
        }
    }

    /// False when the text's spelling rules out the cause cue's reading.
    fn cause_cue_holds(&self, doc: &Document, hit: &Hit<'_, Cue>) -> bool {
        let raw = &self.cause_raws[hit.entry];
        // A fixed phrase («على إثر», often «على أثر») is read whatever its hamza.
        if raw.contains(' ') {
            return true;
        }
        let original = doc.original(hit.span);
        let seat = |s: &str| s.chars().find(|c| matches!(c, 'أ' | 'إ' | 'ا'));
        match (seat(raw), seat(original)) {
            // أثر written for إثر: another word.
            (Some(want), Some(got)) if want != got && got != 'ا' && want != 'ا' => false,
            // اثر with a bare alef: the verb when a preposition follows.
            (Some('إ'), Some('ا')) if *hit.value == Cue::Cause(CauseCue::Connective) => {
                let text = doc.ntext();
                let rest = &text[skip_spaces(text, hit.span.end)..];
                let word = rest
                    .split(|c: char| !crate::normalize::is_word_char(c))
                    .next()
                    .unwrap_or("");
                !VERB_PREPOSITIONS.contains(&word)
            }
            _ => true,
        }
    }
}

impl Annotator for CueAnnotator {
    fn name(&self) -> &'static str {
        "cue"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let causes = self.causes.find_doc(doc);
        for (i, g) in self.gazetteers.iter().enumerate() {
            let hits = g.find_doc(doc);
            if i == OUTAGE {
                out.extend(denials(text, &hits));
            }
            for hit in hits {
                if *hit.value == Cue::Outage(OutageCue::Deny) {
                    continue;
                }
                if doc.is_masked(hit.span) || (i == CAUSE && !self.cause_cue_holds(doc, &hit)) {
                    continue;
                }
                let mut span = hit.span;
                if i == CAUSE {
                    // «ليس هجوما إلكترونيا»: the cue is the words before the
                    // cause phrase it runs into («ليس»), so it stands before it.
                    // Hits come in text order: the first cause starting
                    // after the cue's start.
                    let next = causes.partition_point(|c| c.word_start <= span.start);
                    if let Some(c) = causes[next..].first().filter(|c| c.word_start < span.end) {
                        span.end = skip_spaces_back(text, c.word_start);
                    }
                }
                out.push(Mention {
                    span,
                    value: Value::Cue(*hit.value),
                });
            }
        }
    }
}
