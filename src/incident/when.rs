/*!
When an incident happened and how long it lasted: the choice among the
dates and durations of its sentences.

- The date is the start of the outage, from the first outage sentence that
  has one. Not a start: a date governed by a restoration word («وعادت الخدمة
  صباح الأربعاء»), a date that ends a span («حتى الخميس»), a date after
  publication or marked «المقبل» (a plan), and, for the primary incident, a
  date that looks older (a bare month, «العام الماضي», a day more than a week
  before publication: another outage) or a bare year. Within the sentence a
  day beats a week, month or year; a date after its outage word («إثر
  الانقطاع ... يوم الثلاثاء») beats one ahead of it («أمس الأربعاء،
  اعتذارها»); then the nearer to an outage word. A related incident's date
  must stand near the outage word it dates, unless it is its sentence's only
  date. When the text gives no date,
  there is none: consumers have `source.published`.
- The duration is one whose cue says the outage lasted that long, or an
  unmarked one in a sentence about the outage: specific before vague,
  `lasted` before unmarked, earliest first.
*/

use super::{Context, IncidentDate, Role};
use crate::annotate::datetime::{Precision, Resolved};
use crate::annotate::{Cue, DateExpr, DurationValue, Value};
use crate::calendar::Date;
use crate::document::Document;
use crate::span::Span;
use crate::vocab::*;

/// Sentences after the date's where its clock time may be given.
const TIME_REACH: usize = 3;

/// Words a date may stand from the outage cue it dates.
pub(super) const DATE_REACH: usize = 8;

/// The date of an incident built from `sentences` (in text order).
pub(super) fn pick_date(cx: &Context<'_>, sentences: &[usize], role: Role) -> Option<IncidentDate> {
    let Context {
        doc,
        mentions,
        by_sentence,
        info,
        published,
        ..
    } = *cx;
    // The incident's sentences, in text order (a binary search, not a scan
    // per date: long documents have thousands of both).
    let in_frame = |s: usize| sentences.binary_search(&s).is_ok();
    let mut candidates: Vec<&(usize, Span, &DateExpr, Resolved)> = cx
        .dates
        .iter()
        .filter(|(s, span, e, r)| {
            in_frame(*s)
                && (info[*s].outage || (role == Role::Related && info[*s].past))
                && (r.value.is_some() || r.weekday.is_some() || r.relative_days.is_some())
                && !(role == Role::Primary
                    && (looks_older(e, r, published, cx.recent_days) || e.relative_years.is_some()))
                && (role == Role::Primary
                    || only_date(cx.dates, *s)
                    || super::near(
                        mentions,
                        &by_sentence[*s],
                        *span,
                        super::reach_bytes(DATE_REACH),
                    )
                    .iter()
                    .any(|&i| {
                        matches!(
                            mentions[i].value,
                            Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Past))
                        ) && words_between(doc, mentions[i].span, *span) <= DATE_REACH
                    }))
        })
        // Not a start: a date that stands with the restoration («وعادت
        // الخدمة صباح الأربعاء») or a statement («أعلنت الشركة يوم
        // الأربعاء أن ...»), one that ends a span («حتى الخميس»), one after
        // publication (a plan).
        .filter(|(s, span, e, r)| {
            governing_cue(cx, *s, *span).is_none_or(|(g, _)| g == Governor::Outage)
                && !ends_a_span(cx, *s, *span)
                && e.direction != Some(DateMarker::Future)
                && !matches!((r.date, published), (Some(d), Some(p)) if d > p)
        })
        // The first sentence; in it, a day before a week, month or year,
        // a date after its outage word («إثر الانقطاع ... يوم الثلاثاء»)
        // before one ahead of it («أمس الأربعاء، اعتذارها ... إثر الانقطاع»),
        // then the date nearest an outage word.
        .collect();
    // An earlier outage is dated by an older date when its sentence has one
    // besides this outage's own day («ويأتي عطل أمس بعد انقطاع سابق ضرب
    // التطبيق في 28 أغسطس الماضي»).
    if role == Role::Related
        && candidates
            .iter()
            .any(|(_, _, e, r)| looks_older(e, r, published, cx.recent_days))
    {
        candidates.retain(|(_, _, e, r)| looks_older(e, r, published, cx.recent_days));
    }
    let best = candidates.iter().copied().min_by_key(|(s, span, _, r)| {
        (
            *s,
            coarse(r),
            !governing_cue(cx, *s, *span).is_some_and(|(_, before)| before),
            outage_distance(cx, *s, *span),
            span.start,
        )
    });
    // «بعد انقطاع أمس» in the headline, «مساء أمس الاثنين» in the lead: the
    // same day, told more fully later (without a publication date, only
    // the later one gives the weekday).
    let best = best.map(|b| {
        candidates
            .iter()
            .copied()
            .find(|c| {
                b.3.weekday.is_none()
                    && c.3.weekday.is_some()
                    && b.2.relative_days.is_some()
                    && c.2.relative_days == b.2.relative_days
            })
            .unwrap_or(b)
    });
    best.map(|(s, span, e, r)| {
        // The first start time near the date: not the time service came
        // back («وعادت الخدمة عند الساعة 5») nor the end of a span.
        let time = mentions
            .iter()
            .filter_map(|m| match &m.value {
                Value::Time(t) => Some((m.span, t)),
                _ => None,
            })
            .find(|(span, _)| {
                doc.sentence_at(span.start).is_some_and(|ts| {
                    ts >= *s
                        && ts <= s + TIME_REACH
                        && in_frame(ts)
                        && !ends_a_span(cx, ts, *span)
                        && governing_cue(cx, ts, *span).is_none_or(|(g, _)| g != Governor::Restored)
                })
            })
            .map(|(_, t)| (**t).clone());
        IncidentDate {
            span: *span,
            expr: (*e).clone(),
            resolved: r.clone(),
            time,
        }
    })
}

/// True when sentence `s` of an earlier outage has a single date: it dates
/// that outage however many names stand between («حين توقفت خدمات عدة،
/// بينها ... و... و...، في 21 مارس 2022»).
pub(super) fn only_date(dates: &[(usize, Span, &DateExpr, Resolved)], s: usize) -> bool {
    dates_of(dates, s).len() == 1
}

/// The dates of sentence `s` (dates come in text order, so by sentence).
pub(super) fn dates_of<'d, 'a>(
    dates: &'d [(usize, Span, &'a DateExpr, Resolved)],
    s: usize,
) -> &'d [(usize, Span, &'a DateExpr, Resolved)] {
    let from = dates.partition_point(|(ds, ..)| *ds < s);
    let to = dates.partition_point(|(ds, ..)| *ds <= s);
    &dates[from..to]
}

/// True for a date coarser than a day (a week, month or year).
fn coarse(r: &Resolved) -> bool {
    matches!(
        r.precision,
        Some(Precision::Week | Precision::Month | Precision::Year)
    )
}

/// Words between a date and the nearest outage word of its sentence. The
/// outage and past words come from one gazetteer and do not overlap, so the
/// nearest are the first found going out from the date each way (a
/// sentence may hold thousands of dates and cues).
fn outage_distance(cx: &Context<'_>, s: usize, date: Span) -> usize {
    let ms = &cx.by_sentence[s];
    let is_outage = |i: usize| {
        matches!(
            cx.mentions[i].value,
            Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Past))
        )
    };
    let at = ms.partition_point(|&i| cx.mentions[i].span.start < date.start);
    let before = ms[..at].iter().rev().copied().find(|&i| is_outage(i));
    let after = ms[at..].iter().copied().find(|&i| is_outage(i));
    [before, after]
        .into_iter()
        .flatten()
        .map(|i| words_between(cx.doc, cx.mentions[i].span, date))
        .min()
        .unwrap_or(usize::MAX)
}

/// What a date or time of a sentence is about: the outage, the
/// restoration, or a statement («أعلنت الشركة يوم الأربعاء أن ...»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governor {
    Outage,
    Restored,
    Statement,
}

/// The word that governs a date of sentence `s`, and whether it stands
/// before it: the nearest outage, restoration or statement word before the
/// date (Arabic puts the verb first: «وعادت الخدمة صباح الأربعاء»), else
/// the first outage or restoration word after it.
fn governing_cue(cx: &Context<'_>, s: usize, date: Span) -> Option<(Governor, bool)> {
    let governor = |i: usize| match cx.mentions[i].value {
        Value::Cue(Cue::Outage(OutageCue::Outage)) => Some(Governor::Outage),
        Value::Cue(Cue::Outage(OutageCue::Restored)) => Some(Governor::Restored),
        Value::Cue(Cue::Cause(CauseCue::Confirmed | CauseCue::Claimed | CauseCue::RuledOut)) => {
            Some(Governor::Statement)
        }
        _ => None,
    };
    // Going out from the date each way (mentions are in start order), the
    // first cue found is the nearest.
    let ms = &cx.by_sentence[s];
    let at = ms.partition_point(|&i| cx.mentions[i].span.start < date.start);
    let before = ms[..at].iter().rev().find_map(|&i| {
        governor(i)
            .filter(|_| cx.mentions[i].span.end <= date.start)
            .map(|g| (g, true))
    });
    before.or_else(|| {
        let from = ms.partition_point(|&i| cx.mentions[i].span.start < date.end);
        ms[from..].iter().find_map(|&i| {
            governor(i)
                .filter(|g| *g != Governor::Statement)
                .map(|g| (g, false))
        })
    })
}

/// True when a range word stands right before the date: «حتى الخميس»,
/// «إلى غاية الخميس» is when something ends.
fn ends_a_span(cx: &Context<'_>, s: usize, date: Span) -> bool {
    let at = crate::annotate::skip_spaces_back(cx.doc.ntext(), date.start);
    cx.window(s, date, super::reach_bytes(1)).iter().any(|&i| {
        cx.mentions[i].value.is_cue(Cue::Date(DateMarker::Until)) && cx.mentions[i].span.end == at
    })
}

/// True when a duration can be the outage's: its cue says the outage
/// lasted that long, or it has no cue and stands in a sentence about the
/// outage.
pub(super) fn is_outage_duration(d: &DurationValue) -> bool {
    match d.cue {
        Some(DurationCue::Lasted) => true,
        None => d.about_outage,
        Some(_) => false,
    }
}

/// The best duration among candidates.
pub(super) fn pick_duration(
    candidates: &[(Span, &DurationValue)],
) -> Option<(Span, DurationValue)> {
    candidates
        .iter()
        .min_by_key(|(span, d)| {
            (
                d.seconds.is_none(),
                d.cue != Some(DurationCue::Lasted),
                span.start,
            )
        })
        .map(|(s, d)| (*s, (*d).clone()))
}

/// The number of words between two spans of one sentence.
pub(super) fn words_between(doc: &Document, a: Span, b: Span) -> usize {
    let (from, to) = if a.end <= b.start {
        (a.end, b.start)
    } else if b.end <= a.start {
        (b.end, a.start)
    } else {
        return 0;
    };
    doc.word_count(from, to, 64)
}

/// True when a date points to an earlier outage rather than this one: a
/// bare month or year while news is about days («في شباط/فبراير»), or a day
/// more than a week before publication.
pub(super) fn looks_older(
    e: &DateExpr,
    r: &Resolved,
    published: Option<Date>,
    recent_days: i64,
) -> bool {
    if e.relative_days.is_some() || (e.weekday.is_some() && e.day.is_none()) {
        return false;
    }
    if e.month.is_some() && e.day.is_none() {
        return true;
    }
    if e.year.is_some() && e.month.is_none() {
        return true;
    }
    // «العام الماضي», «الشهر الماضي»: an earlier year or month.
    let earlier = |offset: Option<i32>| offset.is_some_and(|o| o < 0);
    if e.day.is_none() && (earlier(e.relative_years) || earlier(e.relative_months)) {
        return true;
    }
    match (r.date, published) {
        (Some(d), Some(p)) => d.days() < p.days() - recent_days,
        _ => false,
    }
}
