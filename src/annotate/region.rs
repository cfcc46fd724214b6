/*!
Countries and areas (`regions.tsv`): names, demonyms, cities (which name
their country) and areas such as `global` («حول العالم»).

A name inside a time-zone phrase («بتوقيت القاهرة») is a mention here too;
the assembler does not count it as an affected region.
*/

use super::{Annotator, Mention, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::{Lexicons, RegionName};

pub struct RegionAnnotator {
    names: Gazetteer<RegionName>,
}

impl RegionAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> RegionAnnotator {
        RegionAnnotator {
            names: Gazetteer::new(&lex.regions, clitics),
        }
    }
}

impl Annotator for RegionAnnotator {
    fn name(&self) -> &'static str {
        "region"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        for h in self.names.find_doc(doc) {
            if doc.is_masked(h.span) {
                continue;
            }
            out.push(Mention {
                span: h.span,
                value: Value::Region(Box::new(h.value.id.clone())),
            });
        }
    }
}
