/*!
Counts: a number with what it counts and how exactly.

Every number that is not part of a date, a clock time or a duration becomes
a quantity, typed — nothing is dropped here, so distractors (money,
followers, servers, percentages, user bases) are visible in `mentions` and
the assembler can refuse them for `affected`:

- the unit is the counted noun after the number (`units.tsv`), after an
  optional «من» («آلاف من المستخدمين»), or «%»; a number standing alone takes
  the noun the sentence counts («عدد البلاغات ... 20 ألفا»);
- the qualifier is a word just before or after (`qualifiers.tsv`);
- `base` marks user bases and market sizes («يضم», «مستخدم نشط»), `peak` a
  stated peak («في ذروة الانقطاع»), `decline` a later, smaller figure
  («انخفض إلى») (`count_cues.tsv`).

Years (a bare four-digit number from 1900 to 2100) and ordinals are not
counts.
*/

use std::collections::HashMap;

use super::{Annotator, Cue, Mention, Quantity, Value, numbers, skip_spaces, words_in};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;
use crate::span::Span;
use crate::vocab::*;

pub struct QuantityAnnotator {
    units: Gazetteer<Unit>,
}

/// How far a peak, base or decline cue may stand from its number, in words.
const CUE_REACH: usize = 6;

impl QuantityAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> QuantityAnnotator {
        QuantityAnnotator {
            units: Gazetteer::new(&lex.units, clitics),
        }
    }
}

impl Annotator for QuantityAnnotator {
    fn name(&self) -> &'static str {
        "quantity"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let units: HashMap<usize, (Span, Unit)> = self
            .units
            .find(text)
            .into_iter()
            .map(|h| (h.word_start, (h.span, *h.value)))
            .collect();
        let taken: Vec<Span> = prior
            .iter()
            .filter(|m| {
                matches!(
                    m.value,
                    Value::Date(_) | Value::Time(_) | Value::Duration(_)
                )
            })
            .map(|m| m.span)
            .collect();
        let cues: Vec<(Span, Cue)> = super::cues(prior).collect();

        for (span, n) in numbers(prior) {
            if n.ordinal || taken.iter().any(|t| t.overlaps(span)) || doc.is_masked(span) {
                continue;
            }
            if n.value.is_none() && n.min.is_none() {
                continue;
            }
            if n.value.is_some_and(|v| v < 1.0) && !n.digits {
                continue;
            }
            let Some(sentence) = doc.sentence_at(span.start) else {
                continue;
            };
            let sent = doc.sentences[sentence].span;

            // The counted noun.
            let mut end = span.end;
            let mut unit = None;
            let after = skip_spaces(text, span.end);
            if text[span.end..].starts_with('%') || text[after..].starts_with('%') {
                unit = Some(Unit::Percent);
                end = after + 1;
            } else {
                let mut at = after;
                // «آلاف من المستخدمين»
                if let Some(rest) = text[at..].strip_prefix("من ") {
                    let next = at + "من ".len();
                    if units.contains_key(&next) && !rest.is_empty() {
                        at = next;
                    }
                }
                if let Some((us, u)) = units.get(&at) {
                    unit = Some(*u);
                    end = us.end;
                }
            }
            if unit.is_none() {
                // «تجاوز عدد البلاغات ... 20 ألفا»: the noun the sentence counts.
                unit = cues
                    .iter()
                    .filter(|(s, c)| {
                        *c == Cue::Count(CountCue::Counted)
                            && sent.contains(*s)
                            && s.end <= span.start
                    })
                    .filter_map(|(s, _)| units.get(&skip_spaces(text, s.end)).map(|(_, u)| *u))
                    .next_back();
            }
            if unit.is_none()
                && n.digits
                && n.value
                    .is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v))
            {
                continue; // a year
            }

            // Qualifiers.
            let mut start = span.start;
            let mut qualifier = Qualifier::Exact;
            if n.value.is_none() {
                qualifier = Qualifier::Vague;
            } else if let Some((qs, q)) = cues.iter().rev().find_map(|(s, c)| match c {
                Cue::Qualifier(q, Position::Before)
                    if s.end <= span.start && text[s.end..span.start].trim().is_empty() =>
                {
                    Some((*s, *q))
                }
                _ => None,
            }) {
                qualifier = q;
                start = qs.start;
            }
            if let Some((qs, q)) = cues.iter().find_map(|(s, c)| match c {
                Cue::Qualifier(q, Position::After) if s.start == skip_spaces(text, end) => {
                    Some((*s, *q))
                }
                _ => None,
            }) && n.value.is_some()
            {
                if qualifier == Qualifier::Exact {
                    qualifier = q;
                }
                end = qs.end;
            }

            let near = |kind: CountCue, before: bool, after: bool| {
                cues.iter().any(|(s, c)| {
                    *c == Cue::Count(kind)
                        && sent.contains(*s)
                        && ((after
                            && s.start >= end
                            && words_in(text, end, s.start).len() <= CUE_REACH)
                            || (before
                                && s.end <= start
                                && words_in(text, s.end, start).len() <= CUE_REACH))
                })
            };
            let peak = near(CountCue::Peak, true, true);
            let base = cues.iter().any(|(s, c)| {
                *c == Cue::Count(CountCue::Base)
                    && sent.contains(*s)
                    && ((s.start >= end && words_in(text, end, s.start).len() <= 1)
                        || (s.end <= start && words_in(text, s.end, start).len() <= 3))
            });
            let decline = near(CountCue::Decline, true, false);

            let value = n.value;
            let (min, max) = match (value, qualifier) {
                (None, _) => (n.min, None),
                (Some(v), Qualifier::MoreThan | Qualifier::AtLeast) => (Some(v), None),
                (Some(v), Qualifier::LessThan | Qualifier::UpTo) => (None, Some(v)),
                _ => (None, None),
            };
            out.push(Mention {
                span: Span::new(start, end),
                value: Value::Quantity(Quantity {
                    value,
                    min,
                    max,
                    qualifier,
                    unit,
                    peak,
                    base,
                    decline,
                }),
            });
        }
    }
}
