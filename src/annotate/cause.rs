/*!
Cause phrases (`causes.tsv`), each with its taxonomy category.

This annotator only says that a phrase names a kind of cause; whether the
text states it as the cause of *this* outage, and how sure it is, is decided
by the assembler from the cue words around it (connectives, attribution,
hedges, denials).
*/

use super::{Annotator, Mention, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;
use crate::vocab::CauseCategory;

pub struct CauseAnnotator {
    phrases: Gazetteer<CauseCategory>,
}

impl CauseAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> CauseAnnotator {
        CauseAnnotator {
            phrases: Gazetteer::new(&lex.causes, clitics),
        }
    }
}

impl Annotator for CauseAnnotator {
    fn name(&self) -> &'static str {
        "cause"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        for h in self.phrases.find(doc.ntext()) {
            if doc.is_masked(h.span) {
                continue;
            }
            out.push(Mention {
                span: h.span,
                value: Value::Cause(*h.value),
            });
        }
    }
}
