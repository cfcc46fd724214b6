/*!
Durations: «6 ساعات», «ثلاث ساعات», «ساعتين» (dual), «14 يوما»
(accusative), «نصف ساعة», «ساعة ونصف», «ساعتين و20 دقيقة», «من ساعتين إلى
ثلاث ساعات», «لأكثر من يومين», «نحو 8 ساعات», «أربع ساعات تقريبا», «لساعات»,
«عدة أيام» (vague), and a span between two clock times («من الساعة 7:30
صباحا حتى 10:30»).

# Values

`seconds` is the best single value; `min` and `max` are the bounds the words
state:

| words | seconds | min | max | qualifier |
|---|---|---|---|---|
| «ثلاث ساعات» | 10800 | – | – | exact |
| «نحو / قرابة / ما يقارب ثلاث ساعات», «ثلاث ساعات تقريبا» | 10800 | – | – | approx |
| «أكثر من يومين», «ما يزيد عن يومين» | 172800 | 172800 | – | more_than |
| «يومين على الأقل», «ما لا يقل عن يومين» | 172800 | 172800 | – | at_least |
| «أقل من ساعة» | 3600 | – | 3600 | less_than |
| «حتى / ما يصل إلى ست ساعات» | 21600 | – | 21600 | up_to |
| «من ساعتين إلى ثلاث ساعات», «ساعة أو ساعتين» | midpoint | low | high | approx |
| «لساعات», «عدة ساعات», «بضع دقائق» | – | one unit | – | vague |

# Which durations are the outage's

Each duration carries the cue around it (`duration_cues.tsv`): a `lasted`
cue (استمر, دام, لمدة, «ساعة كاملة») or none makes it a candidate for the
outage's duration; «في أقل من ساعة» (a window), «بعد يومين» (a delay),
«منذ» (elapsed), «قد يستغرق» (an estimate) and a compensation word in the
sentence («منح المشتركين ... لمدة عشرة أيام») type it as something else,
and the assembler leaves it out.

A bare singular («ساعة») or plural («ساعات») is a duration only with
support: a number, a qualifier, a cue, the preposition ل («لساعات») or a
vague number («عدة ساعات»); with the article («الساعة», «الأيام») it is
not a duration at all.
*/

use super::{
    Annotator, ClockTime, Cue, DurationValue, Mention, Number, Value, numbers, skip_spaces,
    words_in,
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

/// `أو` (or): «ساعة أو ساعتين» is a range.
const OR: &str = "او";

/// A unit with its amount, before qualifiers and cues.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    span: Span,
    unit: DurationUnit,
    /// In units; `None` for a vague plural.
    amount: Option<f64>,
    /// Supported by a number, a dual, a fraction or a vague number.
    counted: bool,
    /// The unit word carries ل («لساعات»).
    lam: bool,
    /// A bare number right before the phrase, joined by a range word: the
    /// low end of «من 4 إلى 6 ساعات», «4-6 ساعات».
    low: Option<f64>,
    /// Where the range opens, for «من 4 إلى 6 ساعات».
    low_start: usize,
}

/// What the duration annotator reads of one document.
struct Cx<'a> {
    text: &'a str,
    nums: Vec<(Span, Number)>,
    taken: Vec<Span>,
    quals: Vec<(Span, Qualifier, Position)>,
    cues: Vec<(Span, DurationCue)>,
    markers: Vec<(Span, DateMarker)>,
}

impl Cx<'_> {
    fn number_ending_at(&self, pos: usize) -> Option<(Span, Number)> {
        self.nums
            .iter()
            .find(|(s, _)| s.end == pos && !self.taken.iter().any(|t| t.overlaps(*s)))
            .copied()
    }

    fn number_at(&self, pos: usize) -> Option<(Span, Number)> {
        self.nums
            .iter()
            .find(|(s, _)| s.start == pos && !self.taken.iter().any(|t| t.overlaps(*s)))
            .copied()
    }

    /// The date marker of `kind` ending right before `pos`.
    fn marker_before(&self, pos: usize, kind: DateMarker) -> Option<Span> {
        let at = super::skip_spaces_back(self.text, pos);
        self.markers
            .iter()
            .find(|(s, m)| *m == kind && s.end == at)
            .map(|(s, _)| *s)
    }
}

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
        let cx = Cx {
            text,
            nums: numbers(prior).map(|(s, n)| (s, *n)).collect(),
            taken: prior
                .iter()
                .filter(|m| matches!(m.value, Value::Date(_) | Value::Time(_)))
                .map(|m| m.span)
                .collect(),
            quals: super::cues(prior)
                .filter_map(|(s, c)| match c {
                    Cue::Qualifier(q, p) => Some((s, q, p)),
                    _ => None,
                })
                .collect(),
            cues: super::cues(prior)
                .filter_map(|(s, c)| match c {
                    Cue::Duration(d) => Some((s, d)),
                    _ => None,
                })
                .collect(),
            markers: super::cues(prior)
                .filter_map(|(s, c)| match c {
                    Cue::Date(m) => Some((s, m)),
                    _ => None,
                })
                .collect(),
        };
        let phrases = self.phrases(&cx, doc);
        let mut found: Vec<(Span, DurationValue)> = Vec::new();
        let mut i = 0;
        while i < phrases.len() {
            let p = phrases[i];
            i += 1;
            // «من ساعتين إلى ثلاث ساعات», «ساعة أو ساعتين».
            if let Some(q) = phrases.get(i)
                && q.unit == p.unit
                && let (Some(a), Some(b)) = (p.amount, q.amount)
                && range_glue(&cx, p.span.end, q.span.start, p.span.start)
            {
                i += 1;
                let start = cx
                    .marker_before(p.span.start, DateMarker::From)
                    .map_or(p.span.start, |s| s.start);
                let span = Span::new(start, q.span.end);
                found.push((span, range(&cx, doc, span, p.unit, a, b)));
                continue;
            }
            if let (Some(low), Some(high)) = (p.low, p.amount) {
                let span = Span::new(p.low_start, p.span.end);
                found.push((span, range(&cx, doc, span, p.unit, low, high)));
                continue;
            }
            if let Some(d) = single(&cx, doc, &p) {
                found.push(d);
            }
        }
        found.extend(clock_spans(&cx, doc, prior));
        for (span, value) in found {
            if !doc.is_masked(span) {
                out.push(Mention {
                    span,
                    value: Value::Duration(value),
                });
            }
        }
    }
}

impl DurationAnnotator {
    /// Every unit word with its amount; a smaller unit added with و
    /// («ساعتين و20 دقيقة») joins the phrase before it.
    fn phrases(&self, cx: &Cx<'_>, doc: &Document) -> Vec<Phrase> {
        let text = cx.text;
        let mut out: Vec<Phrase> = Vec::new();
        for h in self.units.find(text) {
            if doc.is_masked(h.span) || cx.taken.iter().any(|t| t.overlaps(h.span)) {
                continue;
            }
            let (unit, count) = *h.value;
            let prefix = &text[h.word_start..h.span.start];
            // «الساعة», «الأيام», «اليومين الماضيين»: not a duration.
            if prefix.ends_with("ال") || prefix.ends_with("لل") {
                continue;
            }
            let lam = prefix == "ل" || prefix == "ول";
            let number = if prefix.is_empty() {
                cx.number_ending_at(super::skip_spaces_back(text, h.word_start))
                    .filter(|(_, n)| !n.ordinal)
            } else {
                None
            };
            let mut start = h.span.start;
            let mut counted = false;
            let mut amount = match (count, number) {
                (UnitCount::One | UnitCount::Many, Some((s, n))) => {
                    start = s.start;
                    counted = true;
                    // «عدة ساعات», «بضع دقائق»: a vague number.
                    n.value
                }
                (UnitCount::Two, _) => {
                    counted = true;
                    Some(2.0)
                }
                (UnitCount::One, None) => Some(1.0),
                (UnitCount::Many, None) => None,
            };
            let mut end = h.span.end;
            // «ساعة واحدة», «يوم واحد».
            if count == UnitCount::One
                && !counted
                && let Some((ns, n)) = cx.number_at(skip_spaces(text, end))
                && n.value == Some(1.0)
                && !n.digits
            {
                end = ns.end;
                counted = true;
            }
            // «ساعة ونصف», «ساعتين ونصف», «3 ساعات ونصف الساعة».
            if let Some(a) = amount
                && let Some((fs, f)) = joined_number(cx, end)
                && let Some(v) = f.value.filter(|v| *v > 0.0 && *v < 1.0)
            {
                amount = Some(a + v);
                end = fs.end;
                counted = true;
                let after = skip_spaces(text, end);
                if let Some(h2) = self.units.find(&text[after..]).first()
                    && h2.word_start == 0
                    && text[after + h2.word_start..after + h2.span.start].ends_with("ال")
                {
                    end = after + h2.span.end;
                }
            }
            // «ساعتين و20 دقيقة»: a smaller unit joined with و.
            if let Some(prev) = out.last_mut()
                && let (Some(pa), Some(a)) = (prev.amount, amount)
                && counted
                && unit.seconds() < prev.unit.seconds()
                && (prev.span.end..=prev.span.end + " و ".len()).contains(&start)
                && text[prev.span.end..start].trim() == "و"
            {
                prev.amount = Some(pa + a * unit.seconds() / prev.unit.seconds());
                prev.span.end = end;
                continue;
            }
            // «من 4 إلى 6 ساعات», «بين 4 و6 ساعات», «4-6 ساعات».
            let (low, low_start) = match (count, number) {
                (UnitCount::One | UnitCount::Many, Some((s, _))) => low_end(cx, s.start),
                _ => (None, start),
            };
            out.push(Phrase {
                span: Span::new(start, end),
                unit,
                amount,
                counted,
                lam,
                low,
                low_start,
            });
        }
        out
    }
}

/// A number joined with و right after `pos` («ونصف», «و النصف», «و20»).
fn joined_number(cx: &Cx<'_>, pos: usize) -> Option<(Span, Number)> {
    let text = cx.text;
    let at = skip_spaces(text, pos);
    let rest = text[at..].strip_prefix('و')?;
    let lead = text.len() - rest.trim_start_matches(' ').len();
    cx.nums
        .iter()
        .find(|(s, _)| {
            s.start == lead || (s.start == lead + "ال".len() && text[lead..].starts_with("ال"))
        })
        .copied()
}

/// The low end of a range written as a bare number before the number at
/// `start`: «من 4 إلى 6», «بين 4 و6», «4-6», «4 أو 6».
fn low_end(cx: &Cx<'_>, start: usize) -> (Option<f64>, usize) {
    let text = cx.text;
    let before = text[..start].trim_end_matches(' ');
    // The word before the high number: a range word, or و / - glued to it.
    let (gap_start, via_and) = if let Some(s) = cx.marker_before(start, DateMarker::Until) {
        (s.start, false)
    } else if let Some(r) = before.strip_suffix(['و', '-', '–']) {
        (r.len(), before.ends_with('و'))
    } else if let Some(r) = before.strip_suffix(OR) {
        (r.len(), false)
    } else {
        return (None, start);
    };
    let Some((ls, l)) = cx.number_ending_at(super::skip_spaces_back(text, gap_start)) else {
        return (None, start);
    };
    let Some(v) = l.value.filter(|v| *v > 0.0) else {
        return (None, start);
    };
    let from = cx.marker_before(ls.start, DateMarker::From);
    // «4 و6» alone is a list; «بين 4 و6» is a range.
    if via_and && from.is_none() {
        return (None, start);
    }
    (Some(v), from.map_or(ls.start, |s| s.start))
}

/// True when only a range word stands between two phrases: «إلى», «حتى»,
/// «و» (after «بين»), «أو», «-».
fn range_glue(cx: &Cx<'_>, from: usize, to: usize, low_start: usize) -> bool {
    let gap = cx.text[from..to].trim();
    if matches!(gap, "-" | "–" | OR) {
        return true;
    }
    // «بين ساعتين وثلاث ساعات»; without بين, و joins two durations.
    if gap == "و" {
        return cx.marker_before(low_start, DateMarker::From).is_some();
    }
    cx.markers.iter().any(|(s, m)| {
        *m == DateMarker::Until
            && s.start >= from
            && s.end <= to
            && {
                let rest = cx.text[from..s.start].trim();
                rest.is_empty() || rest == "و"
            }
            && cx.text[s.end..to].trim().is_empty()
    })
}

/// A duration from one phrase, with its qualifier and cue; `None` when the
/// words do not support it.
fn single(cx: &Cx<'_>, doc: &Document, p: &Phrase) -> Option<(Span, DurationValue)> {
    let text = cx.text;
    let qual_before = cx
        .quals
        .iter()
        .find(|(s, _, pos)| {
            *pos == Position::Before
                && s.end <= p.span.start
                && text[s.end..p.span.start].trim().is_empty()
        })
        .map(|(s, q, _)| (*s, *q));
    let lead = qual_before.map_or(p.span.start, |(s, _)| s.start);
    let mut end = p.span.end;
    let mut qualifier = qual_before.map_or(Qualifier::Exact, |(_, q)| q);
    if let Some((s, q, _)) = cx
        .quals
        .iter()
        .find(|(s, _, pos)| *pos == Position::After && s.start == skip_spaces(text, end))
    {
        if qualifier == Qualifier::Exact {
            qualifier = *q;
        }
        end = s.end;
    }
    let cue = cue_of(cx, doc, Span::new(lead, end), qual_before.map(|(s, _)| s));
    let supported = p.counted
        || p.lam
        || qual_before.is_some()
        || qualifier != Qualifier::Exact
        || cue.is_some();
    if !supported {
        return None;
    }
    let span = Span::new(lead, end);
    let value = match p.amount {
        None => DurationValue {
            seconds: None,
            min: Some(p.unit.seconds()),
            max: None,
            qualifier: Qualifier::Vague,
            cue,
        },
        Some(a) => {
            let s = a * p.unit.seconds();
            DurationValue {
                seconds: Some(s),
                min: matches!(qualifier, Qualifier::MoreThan | Qualifier::AtLeast).then_some(s),
                max: matches!(qualifier, Qualifier::LessThan | Qualifier::UpTo).then_some(s),
                qualifier,
                cue,
            }
        }
    };
    Some((span, value))
}

/// A range of one unit: the midpoint, with both bounds.
fn range(
    cx: &Cx<'_>,
    doc: &Document,
    span: Span,
    unit: DurationUnit,
    a: f64,
    b: f64,
) -> DurationValue {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let (lo, hi) = (lo * unit.seconds(), hi * unit.seconds());
    DurationValue {
        seconds: Some((lo + hi) / 2.0),
        min: Some(lo),
        max: Some(hi),
        qualifier: Qualifier::Approx,
        cue: cue_of(cx, doc, span, None),
    }
}

/// What the words around a duration say it is: the nearest cue before it
/// (within [`CUE_WORDS`] words of one clause, or a cue phrase holding its
/// qualifier: «في أقل من»), a `lasted` word right after it («ساعة كاملة»),
/// and a compensation word anywhere before it in its sentence or right
/// after it, which wins.
fn cue_of(cx: &Cx<'_>, doc: &Document, span: Span, qualifier: Option<Span>) -> Option<DurationCue> {
    let text = cx.text;
    let sentence = doc
        .sentence_at(span.start)
        .map_or(Span::new(0, 0), |s| doc.sentences[s].span);
    let after = |kind: DurationCue| {
        cx.cues
            .iter()
            .any(|(s, c)| *c == kind && s.start == skip_spaces(text, span.end))
    };
    let compensation = cx.cues.iter().any(|(s, c)| {
        *c == DurationCue::Compensation && sentence.contains(*s) && s.end <= span.start
    }) || after(DurationCue::Compensation);
    if compensation {
        return Some(DurationCue::Compensation);
    }
    let before = cx
        .cues
        .iter()
        .filter(|(s, _)| {
            let near = s.end <= span.start
                && words_in(text, s.end, span.start).len() <= CUE_WORDS
                && !text[s.end..span.start].contains(['\n', '.', '?', '!', ',', ';']);
            // «في أقل من ساعة»: the cue phrase holds the qualifier.
            let over_qualifier = qualifier.is_some_and(|q| s.overlaps(q));
            near || over_qualifier
        })
        .max_by_key(|(s, _)| s.end)
        .map(|(_, c)| *c);
    before.or_else(|| after(DurationCue::Lasted).then_some(DurationCue::Lasted))
}

/// «من الساعة 7:30 صباحا حتى 10:30», «بين الثامنة صباحا والثانية ظهرا»:
/// the time between two clock times.
fn clock_spans(cx: &Cx<'_>, doc: &Document, prior: &[Mention]) -> Vec<(Span, DurationValue)> {
    let text = cx.text;
    let times: Vec<(Span, &ClockTime)> = prior
        .iter()
        .filter_map(|m| match &m.value {
            Value::Time(t) => Some((m.span, t)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for w in times.windows(2) {
        let ((s1, t1), (s2, t2)) = (w[0], w[1]);
        let Some(from) = cx.marker_before(s1.start, DateMarker::From) else {
            continue;
        };
        let opened_with_between = matches!(&text[from.start..from.end], "بين" | "ما بين");
        let gap = text[s1.end..s2.start].trim();
        let closed = cx.markers.iter().any(|(s, m)| {
            *m == DateMarker::Until
                && s.start >= s1.end
                && s.end <= s2.start
                && matches!(text[s1.end..s.start].trim(), "" | "و")
                && text[s.end..s2.start].trim().is_empty()
        }) || (opened_with_between && gap == "و");
        if !closed {
            continue;
        }
        let start = i32::from(t1.hour) * 60 + i32::from(t1.minute);
        let mut end = i32::from(t2.hour) * 60 + i32::from(t2.minute);
        // «من السابعة صباحا حتى الثانية»: an end without a part of the day
        // is in the same half of the day or the next one.
        if t2.part.is_none() && end < start && end + 720 > start {
            end += 720;
        }
        if end <= start {
            end += 1440;
        }
        let minutes = end - start;
        if minutes <= 0 || minutes >= 1440 {
            continue;
        }
        let span = Span::new(from.start, s2.end);
        let seconds = f64::from(minutes * 60);
        out.push((
            span,
            DurationValue {
                seconds: Some(seconds),
                min: None,
                max: None,
                qualifier: Qualifier::Exact,
                cue: cue_of(cx, doc, span, None),
            },
        ));
    }
    out
}
