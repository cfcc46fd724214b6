/*!
Cause phrases (`causes.tsv`), each with its taxonomy category.

Two pieces of grammar join the lexicon:

- A phrase that follows another with nothing but a space between («تغيير في
  صلاحيات قاعدة بيانات») is the first one's complement and is not a cause of
  its own; one joined by a conjunction («عاصفة وانقطاع الكهرباء») is.
- Ellipsis: «مشاكل في الشبكة والتخزين» is «مشاكل في الشبكة» and «مشاكل في
  التخزين». A word joined by و right after a phrase «X في Y» is a cause when
  «X في» + that word is a phrase of the lexicon.

This annotator only says that a phrase names a kind of cause; whether the
text states it as the cause of *this* outage, and how sure it is, is decided
by the assembler from the cue words around it (connectives, attribution,
hedges, denials).
*/

use std::collections::HashMap;

use super::{Annotator, Mention, Value, skip_spaces};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;
use crate::normalize::is_word_char;
use crate::span::Span;
use crate::vocab::CauseCategory;

pub struct CauseAnnotator {
    phrases: Gazetteer<CauseCategory>,
    /// Every normalised surface, for ellipsis.
    by_surface: HashMap<String, CauseCategory>,
}

/// The preposition whose complement an ellipsis replaces: في (in).
const ELLIPSIS_HEAD: &str = " في ";
/// The conjunction of an ellipsis: و (and).
const AND: &str = "و";

impl CauseAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> CauseAnnotator {
        CauseAnnotator {
            phrases: Gazetteer::new(&lex.causes, clitics),
            by_surface: lex
                .causes
                .iter()
                .map(|e| (e.surface.clone(), e.value))
                .collect(),
        }
    }

    /// The causes elided after the phrase at `span`: «مشاكل في الشبكة
    /// والتخزين» gives «التخزين» (storage).
    fn elided(&self, text: &str, span: Span) -> Vec<(Span, CauseCategory)> {
        let phrase = &text[span.start..span.end];
        let Some(at) = phrase.rfind(ELLIPSIS_HEAD) else {
            return Vec::new();
        };
        let head = &phrase[..at + ELLIPSIS_HEAD.len()];
        let mut out = Vec::new();
        let mut pos = span.end;
        loop {
            let start = skip_spaces(text, pos);
            let Some(word_start) = text[start..].strip_prefix(AND).map(|_| start + AND.len())
            else {
                break;
            };
            let word_end = text[word_start..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| word_start + i);
            let word = &text[word_start..word_end];
            match self.by_surface.get(&format!("{head}{word}")) {
                Some(&c) if !word.is_empty() => out.push((Span::new(word_start, word_end), c)),
                _ => break,
            }
            pos = word_end;
        }
        out
    }
}

impl Annotator for CauseAnnotator {
    fn name(&self) -> &'static str {
        "cause"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let mut last_end = None;
        for h in self.phrases.find_doc(doc) {
            if doc.is_masked(h.span) || last_end.is_some_and(|e| h.span.start < e) {
                continue;
            }
            let complement = h.word_start == h.span.start
                && last_end.is_some_and(|e: usize| {
                    e <= h.word_start && text[e..h.word_start].chars().all(|c| c == ' ')
                });
            last_end = Some(h.span.end);
            if complement {
                continue;
            }
            out.push(Mention {
                span: h.span,
                value: Value::Cause(*h.value),
            });
            for (span, c) in self.elided(text, h.span) {
                last_end = Some(span.end);
                out.push(Mention {
                    span,
                    value: Value::Cause(c),
                });
            }
        }
    }
}
