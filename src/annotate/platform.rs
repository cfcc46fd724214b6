/*!
Service names (`platform_names.tsv`).

Guards from the lexicon decide ambiguous names: a `case` name must match the
original's letter case (X, WE); a `cue` name (زين, اتصالات, جوال) counts only
right after a service word of `platform_cues.tsv` («شركة زين», «منصة X») or
next to another name of the same service («إكس (تويتر سابقاً)»).

Families (`internet_*`, `phone_*`, `gov_sites_*`) take their country from the
nearest country, demonym or city in the same sentence that is not part of a
clock time's zone («بتوقيت القاهرة»); this is why platforms run after times.
*/

use super::{Annotator, Cue, Mention, PlatformRef, Value, words_in};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::{Lexicons, PlatformKey, PlatformName};
use crate::vocab::PlatformCue;

pub struct PlatformAnnotator {
    names: Gazetteer<PlatformName>,
    raws: Vec<String>,
}

/// How far (in bytes of normalised text) another name of the same service
/// may be to license a `cue` name.
const PARTNER_WINDOW: usize = 40;

impl PlatformAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> PlatformAnnotator {
        PlatformAnnotator {
            names: Gazetteer::new(&lex.platform_names, clitics),
            raws: lex.platform_names.iter().map(|e| e.raw.clone()).collect(),
        }
    }
}

impl Annotator for PlatformAnnotator {
    fn name(&self) -> &'static str {
        "platform"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let hits: Vec<_> = self
            .names
            .find(text)
            .into_iter()
            .filter(|h| !doc.is_masked(h.span))
            .filter(|h| !h.value.case_sensitive || doc.original(h.span) == self.raws[h.entry])
            .collect();
        let service_cues: Vec<_> = prior
            .iter()
            .filter(|m| matches!(m.value, Value::Cue(Cue::Platform(PlatformCue::Service))))
            .map(|m| m.span)
            .collect();
        for h in &hits {
            if h.value.needs_cue {
                // «الاتصال الفوري» is not Fawry: an ambiguous name written
                // without the article is not the word with it.
                let prefix = &text[h.word_start..h.span.start];
                if prefix.ends_with("ال") || prefix.ends_with("لل") {
                    continue;
                }
                let after_cue = service_cues.iter().any(|c| {
                    c.end <= h.word_start && {
                        // At most one word between the service word and the
                        // name («منصة التواصل X» is too far; «شركة زين» is not).
                        words_in(text, c.end, h.word_start).len() <= 1
                            && !text[c.end..h.word_start].contains(['\n', '.', ','])
                    }
                });
                let partnered = hits.iter().any(|o| {
                    !o.value.needs_cue
                        && o.value.key == h.value.key
                        && (o.span.end <= h.span.start
                            && h.span.start - o.span.end <= PARTNER_WINDOW
                            || h.span.end <= o.span.start
                                && o.span.start - h.span.end <= PARTNER_WINDOW)
                });
                if !after_cue && !partnered {
                    continue;
                }
            }
            let value = match h.value.key {
                PlatformKey::Catalog(i) => PlatformRef::Catalog(i),
                PlatformKey::Family(f) => PlatformRef::Family(f, country_near(doc, prior, h.span)),
            };
            out.push(Mention {
                span: h.span,
                value: Value::Platform(value),
            });
        }
    }
}

/// The country of the nearest region mention in the same sentence,
/// preferring one after the name («الإنترنت في العراق»).
fn country_near(doc: &Document, prior: &[Mention], span: crate::span::Span) -> Option<String> {
    let sentence = doc.sentence_at(span.start)?;
    let s = doc.sentences[sentence].span;
    // «بتوقيت القاهرة» names a zone, not the country that lost service.
    let in_zone = |r: crate::span::Span| {
        prior
            .iter()
            .any(|m| matches!(m.value, Value::Time(_)) && m.span.overlaps(r))
    };
    prior
        .iter()
        .filter_map(|m| match &m.value {
            Value::Region(id) if id.len() == 2 && s.contains(m.span) && !in_zone(m.span) => {
                Some((m.span, id))
            }
            _ => None,
        })
        .min_by_key(|(r, _)| {
            if r.start >= span.end {
                r.start - span.end
            } else {
                // Before the name: farther by a penalty, so after wins ties.
                (span.start - r.end) * 2 + 1
            }
        })
        .map(|(_, id)| id.clone())
}
