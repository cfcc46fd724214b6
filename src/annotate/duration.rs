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
«منذ» (elapsed), «قد يستغرق» (an estimate), a compensation word in the
sentence («منح المشتركين ... لمدة عشرة أيام») and a recurring one («ساعتين
يوميا») type it as something else, and the assembler leaves it out. Two
readings turn a cue into `lasted`: a delay after a restoration word
(«وعادت الخدمة بعد نحو أربع ساعات»: the time it took to come back) and
«منذ» right after an outage word («ما تزال مقطوعة منذ أكثر من ثماني
ساعات»: down that long so far).

A bare singular («ساعة») or plural («ساعات») is a duration only with
support: a number, a qualifier, a cue, the preposition ل («لساعات») or a
vague number («عدة ساعات»); with the article («الساعة», «الأيام») it is
not a duration at all.
*/

use super::datetime::{Positions, overlaps_sorted};
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

/// Words allowed between a restoration word and what it governs
/// («عادت الخدمة تدريجيا بعد نحو أربع ساعات», «قبل أن تعود الخدمة إلى
/// طبيعتها نحو الساعة 12:10»).
const RESTORED_WORDS: usize = 8;

/// Words allowed between an outage word and «منذ» for the time since to be
/// the outage's so far.
const SINCE_WORDS: usize = 1;

/// Words allowed between the two times of a span («ظهرت الأعطال قرابة الساعة
/// 2:20 ظهرا بتوقيت القاهرة، واستمرت حتى الساعة 4:50»).
const SPAN_WORDS: usize = 20;

/// Words allowed between an outage word and the start time it governs
/// («انطلق الانقطاع قرابة الساعة الثامنة»).
const START_WORDS: usize = 4;

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
    nums: Positions<Number>,
    /// Dates and times, merged and sorted: their numbers are not durations.
    taken: Vec<Span>,
    quals: Positions<(Qualifier, Position)>,
    cues: Positions<DurationCue>,
    markers: Positions<DateMarker>,
    /// Words saying the service came back (`outage_cues.tsv`, restored).
    restored: Positions<()>,
    /// Words saying it failed (`outage_cues.tsv`, outage).
    outages: Positions<()>,
    /// Outage, restoration and ongoing words: what a sentence about the
    /// outage has.
    story: Positions<()>,
}

impl Cx<'_> {
    fn number_ending_at(&self, pos: usize) -> Option<(Span, Number)> {
        self.nums
            .ending_at(pos)
            .iter()
            .find(|(s, _)| !overlaps_sorted(&self.taken, *s))
            .copied()
    }

    fn number_at(&self, pos: usize) -> Option<(Span, Number)> {
        self.nums
            .starting_at(pos)
            .iter()
            .find(|(s, _)| !overlaps_sorted(&self.taken, *s))
            .copied()
    }

    /// The date marker of `kind` ending right before `pos`.
    fn marker_before(&self, pos: usize, kind: DateMarker) -> Option<Span> {
        let at = super::skip_spaces_back(self.text, pos);
        let find = |at: usize| {
            self.markers
                .ending_at(at)
                .iter()
                .find(|(_, m)| *m == kind)
                .map(|(s, _)| *s)
        };
        // A qualifier may stand between («من حوالي الساعة العاشرة»).
        find(at).or_else(|| {
            self.quals
                .ending_at(at)
                .first()
                .and_then(|(q, _)| find(super::skip_spaces_back(self.text, q.start)))
        })
    }
}

/// True when at most `max` words stand between `from` and `to`; bounded
/// work however far apart they are.
fn within_words(text: &str, from: usize, to: usize, max: usize) -> bool {
    from <= to && to - from <= WORD_BYTES * (max + 1) && words_in(text, from, to).len() <= max
}

/// More bytes than any word takes with its space, for [`within_words`].
const WORD_BYTES: usize = 48;

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
        let cues = |want: Cue| {
            Positions::new(
                super::cues(prior).filter_map(move |(s, c)| (c == want).then_some((s, ()))),
            )
        };
        let cx = Cx {
            text,
            nums: Positions::new(numbers(prior).map(|(s, n)| (s, *n))),
            taken: merged(
                prior
                    .iter()
                    .filter(|m| matches!(m.value, Value::Date(_) | Value::Time(_)))
                    .map(|m| m.span),
            ),
            quals: Positions::new(super::cues(prior).filter_map(|(s, c)| match c {
                Cue::Qualifier(q, p) => Some((s, (q, p))),
                _ => None,
            })),
            cues: Positions::new(super::cues(prior).filter_map(|(s, c)| match c {
                Cue::Duration(d) => Some((s, d)),
                _ => None,
            })),
            markers: Positions::new(super::cues(prior).filter_map(|(s, c)| match c {
                Cue::Date(m) => Some((s, m)),
                _ => None,
            })),
            restored: cues(Cue::Outage(OutageCue::Restored)),
            outages: cues(Cue::Outage(OutageCue::Outage)),
            story: Positions::new(super::cues(prior).filter_map(|(s, c)| {
                matches!(
                    c,
                    Cue::Outage(OutageCue::Outage | OutageCue::Restored | OutageCue::Ongoing)
                )
                .then_some((s, ()))
            })),
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
        // Clock times carry no day: a span between them is under a day. A
        // sentence that also states a day or more («بدأ ... مساء الأحد،
        // واستمر حتى الخامسة فجرا، ليتجاوز بذلك 30 ساعة») crossed nights the
        // span cannot see, and the stated length stands alone.
        let sentence_of = |s: Span| doc.sentence_at(s.start);
        let days_long: Vec<Option<usize>> = found
            .iter()
            .filter(|(_, d)| d.seconds.or(d.min).is_some_and(|s| s >= DAY))
            .map(|(s, _)| sentence_of(*s))
            .collect();
        found.extend(
            clock_spans(&cx, doc, prior)
                .into_iter()
                .filter(|(s, _)| !days_long.contains(&sentence_of(*s))),
        );
        // «حتى ساعة إعداد هذا التقرير» (until the time of writing): the unit
        // word inside an ongoing phrase is no length of time.
        let ongoing = cues(Cue::Outage(OutageCue::Ongoing));
        for (span, mut value) in found {
            value.about_outage = doc
                .sentence_at(span.start)
                .is_some_and(|s| !cx.story.starting_in(doc.sentences[s].span).is_empty());
            // One gazetteer's cues do not overlap: only the last one
            // starting at or before the duration can hold it.
            let before = ongoing.all();
            let k = before.partition_point(|(o, _)| o.start <= span.start);
            let inside = k > 0 && before[k - 1].0.contains(span);
            if !doc.is_masked(span) && !inside {
                out.push(Mention {
                    span,
                    value: Value::Duration(Box::new(value)),
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
        for h in self.units.find_doc(doc) {
            // A unit already read into the phrase before («ونصف الساعة»).
            if doc.is_masked(h.span)
                || overlaps_sorted(&cx.taken, h.span)
                || out
                    .last()
                    .is_some_and(|p: &Phrase| p.span.end > h.span.start)
            {
                continue;
            }
            let (unit, count) = *h.value;
            let prefix = &text[h.word_start..h.span.start];
            // «الساعة», «الأيام», «اليومين الماضيين»: not a duration, but
            // «ثلاثة أرباع الساعة», «نصف الساعة» are.
            let article = prefix.ends_with("ال") || prefix.ends_with("لل");
            let fraction = cx
                .number_ending_at(super::skip_spaces_back(text, h.word_start))
                .filter(|(_, n)| n.value.is_some_and(|v| v > 0.0 && v < 1.0));
            if article && (fraction.is_none() || count != UnitCount::One) {
                continue;
            }
            let lam = prefix == "ل" || prefix == "ول";
            // «بشهر واحد», «بيوم»: «in a month», not a length.
            let bi = prefix.ends_with('ب');
            let number = if prefix.is_empty() {
                number_before(cx, h.word_start).filter(|(_, n)| !n.ordinal)
            } else {
                fraction
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
            if bi && count == UnitCount::One && number.is_none() {
                continue;
            }
            // «طيلة أيام الامتحانات», «ساعات الذروة»: a named period, not a
            // length («لساعات الليلة الماضية» is a length, then a date).
            if count == UnitCount::Many && number.is_none() {
                let next = skip_spaces(text, end);
                if text[next..].starts_with("ال")
                    && !overlaps_sorted(&cx.taken, Span::new(next, next + 1))
                {
                    continue;
                }
            }
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
                if let Some(h2) = self.units.find_at(text, after)
                    && text[h2.word_start..h2.span.start].ends_with("ال")
                {
                    end = h2.span.end;
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

/// Spans sorted and merged where they overlap.
fn merged(spans: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut spans: Vec<Span> = spans.collect();
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if last.end > s.start => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The number right before a unit word at `pos`, also in parentheses
/// («لمدة (50) دقيقة»: the span then covers them).
fn number_before(cx: &Cx<'_>, pos: usize) -> Option<(Span, Number)> {
    let text = cx.text;
    let at = super::skip_spaces_back(text, pos);
    if let Some(inner) = text[..at].strip_suffix(')') {
        let (s, n) = cx.number_ending_at(inner.trim_end_matches(' ').len())?;
        let open = text[..s.start].trim_end_matches(' ');
        return open.strip_suffix('(').map(|o| (Span::new(o.len(), at), n));
    }
    cx.number_ending_at(at)
}

/// True when the word at `pos` carries the preposition ل (alone or after و
/// or ف).
fn lam_before(text: &str, pos: usize) -> bool {
    let word_start = crate::normalize::word_start(text, pos);
    matches!(&text[word_start..pos], "ل" | "ول" | "فل")
}

/// A number joined with و right after `pos` («ونصف», «و النصف», «و20»).
fn joined_number(cx: &Cx<'_>, pos: usize) -> Option<(Span, Number)> {
    let text = cx.text;
    let at = skip_spaces(text, pos);
    let rest = text[at..].strip_prefix('و')?;
    let lead = text.len() - rest.trim_start_matches(' ').len();
    let lead = if text[lead..].starts_with("ال") {
        lead + "ال".len()
    } else {
        lead
    };
    cx.number_at(lead)
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
    if from > to {
        return false;
    }
    let gap = cx.text[from..to].trim();
    if matches!(gap, "-" | "–" | OR) {
        return true;
    }
    // «بين ساعتين وثلاث ساعات»; without بين, و joins two durations.
    if gap == "و" {
        return cx.marker_before(low_start, DateMarker::From).is_some();
    }
    cx.markers
        .starting_in(Span::new(from, to))
        .iter()
        .any(|(s, m)| {
            *m == DateMarker::Until
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
        .ending_at(super::skip_spaces_back(text, p.span.start))
        .iter()
        .find(|(_, (_, pos))| *pos == Position::Before)
        .map(|(s, (q, _))| (*s, *q));
    let lead = qual_before.map_or(p.span.start, |(s, _)| s.start);
    let mut end = p.span.end;
    let mut qualifier = qual_before.map_or(Qualifier::Exact, |(_, q)| q);
    if let Some((s, (q, _))) = cx
        .quals
        .starting_at(skip_spaces(text, end))
        .iter()
        .find(|(_, (_, pos))| *pos == Position::After)
    {
        if qualifier == Qualifier::Exact {
            qualifier = *q;
        }
        end = s.end;
    }
    let mut cue = cue_of(cx, doc, Span::new(lead, end), qual_before.map(|(s, _)| s));
    // «لساعات», «لأكثر من ثلاثة أيام», «لثلاث ساعات»: ل before a length
    // is «for», how long something lasted.
    let lam = lam_before(text, lead);
    if cue.is_none() && lam {
        cue = Some(DurationCue::Lasted);
    }
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
            about_outage: false,
        },
        Some(a) => {
            let s = a * p.unit.seconds();
            DurationValue {
                seconds: Some(s),
                min: matches!(qualifier, Qualifier::MoreThan | Qualifier::AtLeast).then_some(s),
                max: matches!(qualifier, Qualifier::LessThan | Qualifier::UpTo).then_some(s),
                qualifier,
                cue,
                about_outage: false,
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
        about_outage: false,
    }
}

/// What the words around a duration say it is: the nearest cue before it
/// (within [`CUE_WORDS`] words of one clause, or a cue phrase holding its
/// qualifier: «في أقل من»), a `lasted` word right after it («ساعة كاملة»),
/// and a compensation or recurring word anywhere before it in its sentence
/// or right after it, which wins.
fn cue_of(cx: &Cx<'_>, doc: &Document, span: Span, qualifier: Option<Span>) -> Option<DurationCue> {
    let text = cx.text;
    let sentence = doc
        .sentence_at(span.start)
        .map_or(Span::new(0, 0), |s| doc.sentences[s].span);
    let after = |kind: DurationCue| {
        cx.cues
            .starting_at(skip_spaces(text, span.end))
            .iter()
            .any(|(_, c)| *c == kind)
    };
    let earlier = cx
        .cues
        .starting_in(Span::new(sentence.start.min(span.start), span.start));
    for kind in [DurationCue::Compensation, DurationCue::Recurring] {
        if earlier
            .iter()
            .any(|(s, c)| *c == kind && s.end <= span.start)
            || after(kind)
        {
            return Some(kind);
        }
    }
    let before = earlier
        .iter()
        .filter(|(s, _)| {
            let near = s.end <= span.start
                && within_words(text, s.end, span.start, CUE_WORDS)
                && !text[s.end..span.start].contains(['\n', '.', '?', '!', ',', ';']);
            // «في أقل من ساعة»: the cue phrase holds the qualifier.
            let over_qualifier = qualifier.is_some_and(|q| s.overlaps(q));
            near || over_qualifier
        })
        .max_by_key(|(s, _)| s.end)
        .copied();
    match before {
        // «وعادت الخدمة بعد نحو أربع ساعات»: the time it took to come back
        // is how long the outage lasted.
        Some((_, DurationCue::Delay)) if restored_before(cx, sentence, span.start) => {
            Some(DurationCue::Lasted)
        }
        // «أعلنت عودة الخدمات ... أي بعد نحو خمس ساعات من بدء العطل», «وبعد
        // أكثر من خمس ساعات على بدء العطل، أعلنت الشركة أن خدماتها عادت»: a
        // delay counted from the start, in a sentence of the restoration.
        Some((_, DurationCue::Delay))
            if after(DurationCue::FromStart)
                && !cx
                    .restored
                    .starting_in(Span::new(sentence.start.min(span.start), sentence.end))
                    .is_empty() =>
        {
            Some(DurationCue::Lasted)
        }
        // «ما تزال مقطوعة منذ أكثر من ثماني ساعات»: down for that long so
        // far.
        Some((s, DurationCue::Since)) if outage_right_before(cx, sentence, s.start) => {
            Some(DurationCue::Lasted)
        }
        Some((_, c)) => Some(c),
        None => after(DurationCue::Lasted).then_some(DurationCue::Lasted),
    }
}

/// True when an outage word stands right before `pos` («مقطوعة منذ»,
/// «معطلا تماما منذ»).
fn outage_right_before(cx: &Cx<'_>, sentence: Span, pos: usize) -> bool {
    let window = Span::new(
        pos.saturating_sub(WORD_BYTES * (SINCE_WORDS + 1))
            .max(sentence.start),
        pos,
    );
    cx.outages
        .starting_in(window)
        .iter()
        .any(|(o, _)| o.end <= pos && within_words(cx.text, o.end, pos, SINCE_WORDS))
}

/// True when a restoration word stands before `pos` in its sentence, with
/// no clause break between.
/// An outage word after it («ثم عاد للتعطل بعد نصف ساعة») says the service
/// failed again instead.
fn restored_before(cx: &Cx<'_>, sentence: Span, pos: usize) -> bool {
    let before = Span::new(sentence.start.min(pos), pos);
    cx.restored.starting_in(before).iter().any(|(r, _)| {
        // A cue may run into the time it governs («إلا عند الساعة ...»).
        let end = r.end.min(pos);
        r.start < pos
            && within_words(cx.text, end, pos, RESTORED_WORDS)
            && !cx.text[end..pos].contains(['.', ';', '?', '!'])
            && cx.outages.starting_in(Span::new(end, pos)).is_empty()
    })
}

/// Durations between two clock times of one sentence:
///
/// - «من الساعة 7:30 صباحا حتى 10:30», «بين الثامنة صباحا والثانية ظهرا»:
///   a start after من / بين and an end after حتى / إلى / و;
/// - «ظهرت الأعطال قرابة الساعة 2:20 ظهرا، واستمرت حتى الساعة 4:50»: an end
///   after «استمر حتى»;
/// - «انطلق الانقطاع قرابة الساعة الثامنة، قبل أن تعود الخدمة في حدود الساعة
///   الرابعة»: a start after an outage word and an end after a restoration
///   word.
///
/// A time in parentheses after the start converts it to another zone
/// («06:15 بتوقيت غرينتش (10:15 صباحا بتوقيت الإمارات)»); the writing in
/// the end's zone is used.
fn clock_spans(cx: &Cx<'_>, doc: &Document, prior: &[Mention]) -> Vec<(Span, DurationValue)> {
    let text = cx.text;
    let times: Vec<(Span, &ClockTime)> = prior
        .iter()
        .filter_map(|m| match &m.value {
            Value::Time(t) => Some((m.span, &**t)),
            _ => None,
        })
        .collect();
    let converted = |s: Span| text[..s.start].trim_end().ends_with('(');
    let mut out = Vec::new();
    for (j, &(s2, t2)) in times.iter().enumerate() {
        let Some(sentence) = doc.sentence_at(s2.start).map(|i| doc.sentences[i].span) else {
            continue;
        };
        if converted(s2) {
            continue;
        }
        let until = cx.marker_before(s2.start, DateMarker::Until);
        let restored = restored_before(cx, sentence, s2.start);
        let Some(i) = (0..j)
            .rev()
            .find(|&i| !converted(times[i].0) && sentence.contains(times[i].0))
        else {
            // «بدأت الشكاوى قرابة الساعة 9:40 ... ولم تعد الخدمة إلا عند
            // الساعة الثانية عشرة والربع»: a start in one of the sentences
            // just before a restoration time.
            if restored && let Some(d) = span_across(cx, doc, &times[..j], s2, t2) {
                out.push(d);
            }
            continue;
        };
        let (s1, t1) = times[i];
        // «بدأ المستخدمون في الإبلاغ عن المشكلة نحو الساعة السابعة، ...
        // واستمر العطل حتى الحادية عشرة»: an end after «استمر ... حتى» runs
        // from the time before it in the sentence, however far apart.
        let lasted_until = until.is_some_and(|u| lasted_before(cx, u.start));
        if !lasted_until && !within_words(text, s1.end, s2.start, SPAN_WORDS) {
            continue;
        }
        let from = cx.marker_before(s1.start, DateMarker::From);
        let between = from.is_some_and(|f| matches!(&text[f.start..f.end], "بين" | "ما بين"));
        let opened = match until {
            Some(u) => {
                (from.is_some() && only_glue(text, s1.end, u.start)) || lasted_before(cx, u.start)
            }
            None => {
                between && only_glue(text, s1.end, s2.start) && text[s1.end..s2.start].contains('و')
            }
        };
        let started = restored
            && (from.is_some()
                || cx
                    .outages
                    .starting_in(Span::new(sentence.start.min(s1.start), s1.start))
                    .iter()
                    .any(|(o, _)| {
                        o.end <= s1.start && within_words(text, o.end, s1.start, START_WORDS)
                    }));
        if !opened && !started {
            continue;
        }
        // The start in the end's zone, else the one not in UTC.
        let writings: Vec<&ClockTime> = std::iter::once(t1)
            .chain(
                times[i + 1..j]
                    .iter()
                    .filter(|(s, _)| converted(*s))
                    .map(|(_, t)| *t),
            )
            .collect();
        let utc = |t: &&ClockTime| matches!(&t.tz, Some(crate::lexicon::Tz::Iana(z)) if z == "UTC");
        let t1 = writings
            .iter()
            .find(|t| t.tz == t2.tz)
            .or_else(|| writings.iter().find(|t| !utc(t)))
            .copied()
            .unwrap_or(t1);
        let Some(minutes) = minutes_between(t1, t2) else {
            continue;
        };
        let span = Span::new(from.map_or(s1.start, |f| f.start), s2.end);
        // «بدأ العطل من الساعة 9:15 حتى 11:45»: the span of the outage.
        let of_outage = cx
            .story
            .starting_in(Span::new(sentence.start.min(span.start), span.start))
            .iter()
            .any(|(o, _)| {
                o.end <= span.start && within_words(text, o.end, span.start, START_WORDS)
            });
        let cue =
            cue_of(cx, doc, span, None).or((of_outage || started).then_some(DurationCue::Lasted));
        out.push((
            span,
            DurationValue {
                seconds: Some(f64::from(minutes * 60)),
                min: None,
                max: None,
                qualifier: Qualifier::Exact,
                cue,
                about_outage: false,
            },
        ));
    }
    out
}

/// A day, in seconds.
const DAY: f64 = 86_400.0;

/// Sentences before a restoration time where the outage's start may be told.
const START_SENTENCES: usize = 2;

/// The duration from the last start time of the sentences just before the
/// one of `end` (an outage word a few words before it: «بدأ العطل قرابة
/// الساعة 9:40») to `end`, a restoration time; reported on the start time.
fn span_across(
    cx: &Cx<'_>,
    doc: &Document,
    earlier: &[(Span, &ClockTime)],
    end: Span,
    t2: &ClockTime,
) -> Option<(Span, DurationValue)> {
    let text = cx.text;
    let here = doc.sentence_at(end.start)?;
    let &(s1, t1) = earlier.last()?;
    let there = doc.sentence_at(s1.start)?;
    if there >= here || here - there > START_SENTENCES {
        return None;
    }
    let sentence = doc.sentences[there].span;
    let started = cx
        .outages
        .starting_in(Span::new(sentence.start.min(s1.start), s1.start))
        .iter()
        .any(|(o, _)| o.end <= s1.start && within_words(text, o.end, s1.start, START_WORDS));
    if !started {
        return None;
    }
    let minutes = minutes_between(t1, t2)?;
    // The start time stands for the span: a span across sentences would
    // swallow the figures between.
    Some((
        s1,
        DurationValue {
            seconds: Some(f64::from(minutes * 60)),
            min: None,
            max: None,
            qualifier: Qualifier::Exact,
            cue: Some(DurationCue::Lasted),
            about_outage: false,
        },
    ))
}

/// Minutes from one clock time to a later one, within a day.
fn minutes_between(t1: &ClockTime, t2: &ClockTime) -> Option<i32> {
    let mut start = i32::from(t1.hour) * 60 + i32::from(t1.minute);
    let end_minutes = i32::from(t2.hour) * 60 + i32::from(t2.minute);
    // «من الثالثة والنصف إلى السادسة بعد الزوال»: a start without a
    // part of the day takes the end's when that keeps it before the end.
    if t1.part.is_none() && t2.part.is_some() && t1.hour < 12 {
        let shifted = i32::from(crate::annotate::datetime::to_24h(t1.hour, t2.part)) * 60
            + i32::from(t1.minute);
        if shifted <= end_minutes {
            start = shifted;
        }
    }
    let mut end = i32::from(t2.hour) * 60 + i32::from(t2.minute);
    // «من السابعة صباحا حتى الثانية»: an end without a part of the day is
    // in the same half of the day or the next one.
    if t2.part.is_none() && end < start && end + 720 > start {
        end += 720;
    }
    if end <= start {
        end += 1440;
    }
    let minutes = end - start;
    (minutes > 0 && minutes < 1440).then_some(minutes)
}

/// True when only spaces, commas, و and parenthesised asides stand in
/// `text[from..to]`.
fn only_glue(text: &str, from: usize, to: usize) -> bool {
    let mut depth = 0;
    let mut rest = String::new();
    for c in text[from..to].chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => rest.push(c),
            _ => {}
        }
    }
    rest.chars().all(|c| c == ' ' || c == ',' || c == 'و')
}

/// True when a `lasted` word stands right before the range word at `pos`
/// («واستمرت حتى», «واستمر الانقطاع إلى حدود»).
fn lasted_before(cx: &Cx<'_>, pos: usize) -> bool {
    let mut lead = &cx.text[..pos];
    // «وحتى»: the conjunction is a clitic of the range word.
    if let Some(r) = lead.strip_suffix('و') {
        lead = r;
    }
    let lead = lead.trim_end_matches(' ').len();
    let window = Span::new(lead.saturating_sub(WORD_BYTES * 4), lead);
    cx.cues.starting_in(window).iter().any(|(c, k)| {
        *k == DurationCue::Lasted
            && c.end <= lead
            && within_words(cx.text, c.end, lead, 2)
            && !cx.text[c.end..lead].contains([',', '.'])
    })
}
