/*!
Cue words: the small words that say what the rest means.

Each cue lexicon gets its own gazetteer, since one phrase may serve two
concerns (حجب is an outage word and names a government cause elsewhere).
All hits are kept, overlapping across lexicons; within one lexicon the
longest wins.
*/

use super::{Annotator, Cue, Mention, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;

pub struct CueAnnotator {
    gazetteers: Vec<Gazetteer<Cue>>,
}

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
        }
    }
}

impl Annotator for CueAnnotator {
    fn name(&self) -> &'static str {
        "cue"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        for g in &self.gazetteers {
            for hit in g.find(doc.ntext()) {
                if doc.is_masked(hit.span) {
                    continue;
                }
                out.push(Mention {
                    span: hit.span,
                    value: Value::Cue(*hit.value),
                });
            }
        }
    }
}
