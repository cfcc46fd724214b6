/*!
Durations: «6 ساعات», «ثلاث ساعات», «ساعتين» (dual), «ساعة ونصف»,
«نصف ساعة», «لأكثر من يومين», «نحو 8 ساعات», «لساعات» (vague).

Each duration carries the cue before it (`duration_cues.tsv`): only a
`lasted` cue (استمر, دام, لمدة, استغرق) or none makes it a candidate for the
outage's duration; «في أقل من ساعة» (a window), «بعد يومين» (a delay),
«منذ» and «قد يستغرق» (an estimate) are typed and left to the assembler.
*/

use std::collections::HashMap;

use super::{
    Annotator, Cue, DurationValue, Mention, Number, Value, numbers, skip_spaces, words_in,
};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;
use crate::span::Span;
use crate::vocab::*;

pub struct DurationAnnotator {
    units: Gazetteer<(DurationUnit, UnitCount)>,
}

/// Words allowed between a cue and its duration («استمر في بعض المناطق
/// لساعات» is too far).
const CUE_WORDS: usize = 2;

impl DurationAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> DurationAnnotator {
        DurationAnnotator {
            units: Gazetteer::new(&lex.duration_units, clitics),
        }
    }
}

impl Annotator for DurationAnnotator {
    fn name(&self) -> &'static str {
        "duration"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let nums: HashMap<usize, (Span, Number)> =
            numbers(prior).map(|(s, n)| (s.end, (s, *n))).collect();
        let nums_at: HashMap<usize, (Span, Number)> =
            numbers(prior).map(|(s, n)| (s.start, (s, *n))).collect();
        let taken: Vec<Span> = prior
            .iter()
            .filter(|m| matches!(m.value, Value::Date(_) | Value::Time(_)))
            .map(|m| m.span)
            .collect();
        let quals: Vec<(Span, Qualifier, Position)> = super::cues(prior)
            .filter_map(|(s, c)| match c {
                Cue::Qualifier(q, p) => Some((s, q, p)),
                _ => None,
            })
            .collect();
        let dcues: Vec<(Span, DurationCue)> = super::cues(prior)
            .filter_map(|(s, c)| match c {
                Cue::Duration(d) => Some((s, d)),
                _ => None,
            })
            .collect();

        for h in self.units.find(text) {
            if doc.is_masked(h.span) || taken.iter().any(|t| t.overlaps(h.span)) {
                continue;
            }
            let (unit, count) = *h.value;
            let prefix = &text[h.word_start..h.span.start];
            let unit_s = unit.seconds();
            // The number before the unit, if any.
            let before = super::skip_spaces_back(text, h.word_start);
            let number = nums
                .get(&before)
                .filter(|(s, n)| {
                    !n.ordinal && n.value.is_some() && !taken.iter().any(|t| t.overlaps(*s))
                })
                .copied();
            let mut start = h.span.start;
            let mut amount = match (count, number) {
                (UnitCount::One | UnitCount::Many, Some((s, n))) if prefix.is_empty() => {
                    start = s.start;
                    n.value
                }
                (UnitCount::Two, _) => Some(2.0),
                (UnitCount::One, _) => Some(1.0),
                (UnitCount::Many, _) => None,
            };
            let counted = number.is_some() && start < h.span.start;
            // «ساعة ونصف», «ساعتين ونصف», «3 ساعات ونصف»
            let mut end = h.span.end;
            let after = skip_spaces(text, end);
            if let Some((fs, f)) = nums_at
                .iter()
                .filter(|&(&at, _)| at > after && at <= after + "وال".len())
                .map(|(_, v)| *v)
                .find(|(fs, f)| {
                    f.value.is_some_and(|v| v < 1.0) && matches!(&text[after..fs.start], "و")
                })
                && let Some(a) = amount
            {
                amount = Some(a + f.value.unwrap_or(0.0));
                end = fs.end;
            }
            let fraction_added = end > h.span.end;
            // A bare singular or plural needs support to be a duration.
            let qual_before = quals
                .iter()
                .find(|(s, _, p)| {
                    *p == Position::Before && s.end <= start && text[s.end..start].trim().is_empty()
                })
                .map(|(s, q, _)| (*s, *q));
            let lead = qual_before.map_or(start, |(q, _)| q.start);
            let cue = dcues
                .iter()
                .filter(|(s, _)| {
                    let before_lead = s.end <= lead
                        && words_in(text, s.end, lead).len() <= CUE_WORDS
                        && !text[s.end..lead].contains(['\n', '.', '?', '!']);
                    // «في أقل من ساعة»: the cue phrase contains the qualifier.
                    let over_qualifier =
                        qual_before.is_some_and(|(q, _)| s.overlaps(q)) && s.end <= start;
                    before_lead || over_qualifier
                })
                .max_by_key(|(s, _)| s.end)
                .map(|(s, c)| (*s, *c));
            let article = prefix.ends_with("ال") || prefix.ends_with("لل");
            let lam = prefix == "ل" || prefix == "ول";
            match count {
                UnitCount::One
                    if !counted
                        && !fraction_added
                        && (article || (qual_before.is_none() && cue.is_none())) =>
                {
                    continue;
                }
                UnitCount::Many if !counted && !lam && cue.is_none() => {
                    continue;
                }
                UnitCount::Two if article => continue,
                _ => {}
            }
            let mut qualifier = qual_before.map_or(Qualifier::Exact, |(_, q)| q);
            if let Some((q, _, _)) = quals
                .iter()
                .find(|(s, _, p)| *p == Position::After && s.start == skip_spaces(text, end))
            {
                if qualifier == Qualifier::Exact {
                    qualifier = quals
                        .iter()
                        .find(|(s, _, _)| *s == *q)
                        .map_or(Qualifier::Approx, |(_, q, _)| *q);
                }
                end = q.end;
            }
            let span_start = qual_before.map_or(start, |(q, _)| q.start);
            let seconds = amount.map(|a| a * unit_s);
            let value = match seconds {
                None => DurationValue {
                    seconds: None,
                    min: None,
                    max: None,
                    qualifier: Qualifier::Vague,
                    cue: cue.map(|(_, c)| c),
                },
                Some(s) => DurationValue {
                    seconds: Some(s),
                    min: matches!(qualifier, Qualifier::MoreThan | Qualifier::AtLeast).then_some(s),
                    max: matches!(qualifier, Qualifier::LessThan | Qualifier::UpTo).then_some(s),
                    qualifier,
                    cue: cue.map(|(_, c)| c),
                },
            };
            out.push(Mention {
                span: Span::new(span_start, end),
                value: Value::Duration(value),
            });
        }
    }
}
