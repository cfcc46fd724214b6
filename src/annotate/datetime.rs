/*!
Dates and clock times.

A date is assembled from *pieces* found separately, the way Duckling
composes tokens:

- a month name of any system (`months.tsv`), with the day before it
  («14 يوليو», «14 من أكتوبر», «الخامس من», «الحادي والعشرين من»,
  «فاتح ماي», «7حزيران»), a second name of the same month («تموز/يوليو»,
  «يوليو (تموز)», «أكتوبر/ تشرين الأول»), a year after it («2022», «1447 هـ»)
  and, for English names, the day after it («January 15, 2020»);
- a numeric date (d/m/yyyy, d-m-yyyy, yyyy/m/d, ISO, dots; digits of any
  script are ASCII in the normalised view);
- a weekday (with ال or after يوم / يومه), a relative day (اليوم, أمس, أول
  أمس), a count back from publication («قبل يومين», «قبل 3 أيام»), a relative
  week, month or year («الأسبوع الماضي», «هذا الشهر»), a year («عام 2022»),
  a part of the day («مساء», «فجر») and a direction marker (الماضي, المقبل,
  الجاري).

Pieces that stand next to each other with only glue between them (spaces,
punctuation, «يوم», «الموافق», «من», «في») form one date: «اليوم الخميس (14
تموز/يوليو 2022)» is one mention with a relative day, a weekday and a full
date, and «الخميس 24 يوليو 2025 الموافق 29 محرم 1447» one with a Gregorian
and a Hijri writing (the Gregorian one is kept).

A date mention is a [`DateExpr`]: what the text says, before resolution.
[`resolve`] turns it into a record value against the publication date, with
a past bias. Ambiguous month names (آب "father", ماي "my", صفر "zero") are
months only with a day, a year, «شهر», a direction marker, فاتح or a second
month name.

Clock times are in [`clock`].
*/

mod clock;
mod digits;
mod resolve;

pub(super) use clock::to_24h;
pub use resolve::{Precision, Resolved, resolve};

use digits::{DigitRegex, Digits, Start};

use super::{Annotator, Cue, DateExpr, Mention, Number, Value, numbers, skip_spaces};
use crate::calendar::Date;
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit};
use crate::hijri;
use crate::lexicon::{Lexicons, MonthName};
use crate::span::Span;
use crate::vocab::*;

pub struct DateTimeAnnotator {
    months: Gazetteer<MonthName>,
    weekdays: Gazetteer<Weekday>,
    relative: Gazetteer<i32>,
    parts: Gazetteer<DayPart>,
    units: Gazetteer<(DurationUnit, UnitCount)>,
    numeric: DigitRegex,
    clocks: clock::Clocks,
}

/// The longest proclitic chain in bytes («وبال»).
const CLITIC_BYTES: usize = 8;

/// The Gregorian years a written year may have; Hijri years are checked
/// against the Umm al-Qura table.
const YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;

/// How a piece contributes to a date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Calendar {
        year: Option<i32>,
        month: u8,
        day: Option<u8>,
        hijri: bool,
    },
    Year(i32),
    /// A day of a month given by another piece («26 من الشهر الحالي»).
    DayOfMonth(u8),
    Weekday(Weekday),
    Days(i32),
    Weeks(i32),
    Months(i32),
    Years(i32),
    Part(DayPart),
    Direction(DateMarker),
}

/// Mentions of one kind indexed by where they start and where they end:
/// «what stands right before / after this word» is a binary search, not a
/// scan, so long documents stay linear.
pub(super) struct Positions<T> {
    by_start: Vec<(Span, T)>,
    by_end: Vec<(Span, T)>,
}

impl<T: Copy> Positions<T> {
    pub(super) fn new(items: impl IntoIterator<Item = (Span, T)>) -> Positions<T> {
        let mut by_start: Vec<(Span, T)> = items.into_iter().collect();
        by_start.sort_by_key(|(s, _)| (s.start, s.end));
        let mut by_end = by_start.clone();
        by_end.sort_by_key(|(s, _)| (s.end, s.start));
        Positions { by_start, by_end }
    }

    /// Every item, by start.
    pub(super) fn all(&self) -> &[(Span, T)] {
        &self.by_start
    }

    /// The items that start at `pos`.
    pub(super) fn starting_at(&self, pos: usize) -> &[(Span, T)] {
        let from = self.by_start.partition_point(|(s, _)| s.start < pos);
        let to = self.by_start.partition_point(|(s, _)| s.start <= pos);
        &self.by_start[from..to]
    }

    /// The items that end at `pos`.
    pub(super) fn ending_at(&self, pos: usize) -> &[(Span, T)] {
        let from = self.by_end.partition_point(|(s, _)| s.end < pos);
        let to = self.by_end.partition_point(|(s, _)| s.end <= pos);
        &self.by_end[from..to]
    }

    /// The items that start inside `span`.
    pub(super) fn starting_in(&self, span: Span) -> &[(Span, T)] {
        let from = self.by_start.partition_point(|(s, _)| s.start < span.start);
        let to = self.by_start.partition_point(|(s, _)| s.start < span.end);
        &self.by_start[from..to.max(from)]
    }
}

/// True when `span` overlaps one of `sorted` (sorted by start, not
/// overlapping each other).
pub(super) fn overlaps_sorted(sorted: &[Span], span: Span) -> bool {
    let i = sorted.partition_point(|t| t.end <= span.start);
    sorted.get(i).is_some_and(|t| t.start < span.end)
}

/// What the date annotator reads of one document.
struct Cx<'a> {
    doc: &'a Document,
    text: &'a str,
    nums: Positions<Number>,
    markers: Positions<DateMarker>,
    digits: Digits,
}

impl Cx<'_> {
    /// The marker of one of `kinds` that ends right before `pos` (spaces
    /// allowed between).
    fn marker_before(&self, pos: usize, kinds: &[DateMarker]) -> Option<Span> {
        let at = super::skip_spaces_back(self.text, pos);
        self.markers
            .ending_at(at)
            .iter()
            .find(|(_, m)| kinds.contains(m))
            .map(|(s, _)| *s)
    }

    /// The marker of one of `kinds` that starts at `pos` (after spaces).
    fn marker_after(&self, pos: usize, kinds: &[DateMarker]) -> Option<(Span, DateMarker)> {
        let at = skip_spaces(self.text, pos);
        self.markers
            .starting_at(at)
            .iter()
            .find(|(_, m)| kinds.contains(m))
            .copied()
    }

    /// The number that ends right before `pos` (spaces allowed between).
    fn number_before(&self, pos: usize) -> Option<(Span, Number)> {
        let at = super::skip_spaces_back(self.text, pos);
        self.nums.ending_at(at).first().copied()
    }

    /// The number that starts at `pos`.
    fn number_at(&self, pos: usize) -> Option<(Span, Number)> {
        self.nums.starting_at(pos).first().copied()
    }
}

impl DateTimeAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> DateTimeAnnotator {
        DateTimeAnnotator {
            months: Gazetteer::new(&lex.months, clitics),
            weekdays: Gazetteer::new(&lex.weekdays, clitics),
            relative: Gazetteer::new(&lex.relative_days, clitics),
            parts: Gazetteer::new(&lex.day_parts, clitics),
            units: Gazetteer::new(&lex.duration_units, clitics),
            // A separator after a run of 1, 2 or 4 digits.
            numeric: DigitRegex::new(
                r"(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})",
                Start::AnyDigit,
                &[1, 2, 4],
                &[b"-", b"/", b"."],
            ),
            clocks: clock::Clocks::new(lex, clitics),
        }
    }
}

impl Annotator for DateTimeAnnotator {
    fn name(&self) -> &'static str {
        "datetime"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let cx = Cx {
            doc,
            text,
            nums: Positions::new(numbers(prior).map(|(s, n)| (s, *n))),
            markers: Positions::new(super::cues(prior).filter_map(|(s, c)| match c {
                Cue::Date(m) => Some((s, m)),
                _ => None,
            })),
            digits: Digits::new(text),
        };
        let parts = self.parts.find_doc(doc);
        let times = self.clocks.times(doc, prior, &cx, &parts);
        let mut pieces = Vec::new();
        self.month_pieces(&cx, &mut pieces);
        self.numeric_pieces(&cx, &mut pieces);
        let time_spans: Vec<Span> = times.iter().map(|(s, _)| *s).collect();
        self.day_pieces(&cx, &parts, &time_spans, &mut pieces);
        self.ago_pieces(&cx, &mut pieces);
        unit_pieces(&cx, &mut pieces);
        pieces.retain(|(s, _)| !doc.is_masked(*s));
        pieces.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        // A piece inside or across another (a weekday inside a numeric
        // match, a direction marker inside «الأسبوع الماضي») is dropped.
        let mut kept: Vec<(Span, Piece)> = Vec::new();
        for (s, p) in pieces {
            if kept.last().is_some_and(|(k, _)| k.overlaps(s)) {
                continue;
            }
            kept.push((s, p));
        }
        for (span, expr) in group(&cx, &kept) {
            out.push(Mention {
                span,
                value: Value::Date(Box::new(expr)),
            });
        }
        for (span, t) in times {
            out.push(Mention {
                span,
                value: Value::Time(Box::new(t)),
            });
        }
    }
}

impl DateTimeAnnotator {
    /// The month names of `unglued` (the text with glued digits blanked):
    /// only lines that changed are matched again, the others come from the
    /// document's shared scan. No name crosses a line, and the boundary
    /// checks stop at its newline, so this equals matching the whole text.
    fn months_unglued<'g>(&'g self, cx: &Cx<'_>, unglued: &str) -> Vec<Hit<'g, MonthName>> {
        let scanned = self.months.find_all_doc(cx.doc);
        let mut all = Vec::with_capacity(scanned.len());
        let mut start = 0;
        for line in unglued.split('\n') {
            let end = start + line.len();
            if cx.text[start..end] == *line {
                all.extend(
                    scanned
                        .iter()
                        .filter(|h| h.span.start >= start && h.span.end <= end)
                        .copied(),
                );
            } else {
                all.extend(self.months.find_all(line).into_iter().map(|mut h| {
                    h.span = Span::new(h.span.start + start, h.span.end + start);
                    h.word_start += start;
                    h
                }));
            }
            start = end + 1;
        }
        crate::gazetteer::select_longest(all)
    }

    /// Month names with their day, year and second name.
    fn month_pieces(&self, cx: &Cx<'_>, out: &mut Vec<(Span, Piece)>) {
        let text = cx.text;
        // Digits glued to a name («7حزيران») are blanked for this search;
        // otherwise the document's shared scan serves.
        let hits = match unglue_digits(text) {
            std::borrow::Cow::Borrowed(_) => self.months.find_doc(cx.doc),
            std::borrow::Cow::Owned(unglued) => self.months_unglued(cx, &unglued),
        };
        let mut k = 0;
        while k < hits.len() {
            let h = &hits[k];
            let name = *h.value;
            k += 1;
            let mut span = h.span;
            // A second name of the same month: «تموز/يوليو», «يوليو (تموز)».
            let mut paired = false;
            if let Some(next) = hits.get(k)
                && next.value.month == name.month
                && (next.value.system == MonthSystem::Hijri) == (name.system == MonthSystem::Hijri)
                && next.word_start == next.span.start
                && is_pair_glue(&text[h.span.end..next.word_start])
            {
                span = span.cover(next.span);
                paired = true;
                k += 1;
            }
            // A clitic on the name («وأكتوبر») leaves no room for a day.
            let day_before = (h.word_start == h.span.start)
                .then(|| day_before(cx, h.span.start))
                .flatten();
            let mut day = day_before.map(|(_, d)| d);
            let mut end = span.end;
            // «January 15, 2020»: English names put the day after.
            if day.is_none()
                && name.system == MonthSystem::Latin
                && let Some((d, d_end)) = latin_day_after(cx, span.end)
            {
                day = Some(d);
                end = d_end;
            }
            let year = match year_after(cx, end, name.system) {
                Some((y, y_end)) => {
                    end = y_end;
                    Some(y)
                }
                None => None,
            };
            let month_word = day_before
                .is_none()
                .then(|| cx.marker_before(h.word_start, &[DateMarker::Month]))
                .flatten()
                .map(|s| with_article(text, s.start));
            let direction = cx
                .marker_after(
                    end,
                    &[DateMarker::Past, DateMarker::Future, DateMarker::Current],
                )
                .is_some();
            // A Hijri month alone is also a name («محمد رمضان»): a date
            // only with شهر before it or الماضي / المقبل after it.
            let bare = day.is_none() && year.is_none() && month_word.is_none() && !direction;
            if bare && ((name.needs_context && !paired) || name.system == MonthSystem::Hijri) {
                continue;
            }
            let start = day_before
                .map(|(s, _)| s)
                .or(month_word)
                .unwrap_or(span.start);
            out.push((
                Span::new(start, end),
                Piece::Calendar {
                    year,
                    month: name.month,
                    day,
                    hijri: name.system == MonthSystem::Hijri,
                },
            ));
        }
    }

    /// Numeric dates.
    fn numeric_pieces(&self, cx: &Cx<'_>, out: &mut Vec<(Span, Piece)>) {
        let text = cx.text;
        for c in self.numeric.matches(text, &cx.digits) {
            let (m_start, m_end) = c.span(0).expect("whole match");
            let before = text[..m_start].chars().next_back();
            let rest = &text[m_end..];
            let after = rest.chars().next();
            let mut after2 = rest.chars().skip(1);
            // Not inside a longer run of numbers (an IP address, a phone
            // number, a version): a separator may end the date only when
            // no digit follows it.
            let continues = after.is_some_and(|c| c.is_ascii_digit())
                || (after.is_some_and(|c| "/-.".contains(c))
                    && after2.next().is_some_and(|c| c.is_ascii_digit()));
            if before.is_some_and(|c| c.is_ascii_digit() || "/-.".contains(c)) || continues {
                continue;
            }
            let c = &c.caps;
            let num = |i: usize| c.get(i).and_then(|g| g.as_str().parse::<i64>().ok());
            let (y, mo, d, s1, s2) = if c.get(1).is_some() {
                (num(1), num(3), num(5), c.get(2), c.get(4))
            } else {
                (num(10), num(8), num(6), c.get(7), c.get(9))
            };
            // The two separators must agree (2025/8/26, 17-09-2023).
            if s1.map(|s| s.as_str()) != s2.map(|s| s.as_str()) {
                continue;
            }
            let (Some(y), Some(mut mo), Some(mut d)) = (y, mo, d) else {
                continue;
            };
            // Day first is the Arabic order; a "month" over 12 is a day.
            if mo > 12 && d <= 12 {
                std::mem::swap(&mut mo, &mut d);
            }
            if !YEARS.contains(&y) || Date::new(y as i32, mo as u8, d as u8).is_none() {
                continue;
            }
            out.push((
                Span::new(m_start, m_end),
                Piece::Calendar {
                    year: Some(y as i32),
                    month: mo as u8,
                    day: Some(d as u8),
                    hijri: false,
                },
            ));
        }
    }

    /// Weekdays, relative days, parts of the day and direction markers.
    fn day_pieces(
        &self,
        cx: &Cx<'_>,
        parts: &[Hit<'_, DayPart>],
        times: &[Span],
        out: &mut Vec<(Span, Piece)>,
    ) {
        let text = cx.text;
        for h in self.weekdays.find_doc(cx.doc) {
            let prefix = &text[h.word_start..h.span.start];
            let definite = prefix.ends_with("ال") || prefix.ends_with("لل");
            // أحد is also "one", اثنين "two": without the article the name
            // needs يوم before it, and no proclitic («يوم واحد» (one day)
            // is not «يوم وأحد»).
            if !definite
                && (cx.marker_before(h.word_start, &[DateMarker::Day]).is_none()
                    || !prefix.is_empty())
            {
                continue;
            }
            let start = if prefix.ends_with("ال") {
                h.span.start - "ال".len()
            } else {
                h.span.start
            };
            out.push((Span::new(start, h.span.end), Piece::Weekday(*h.value)));
        }
        for h in self.relative.find_doc(cx.doc) {
            // «اليوم الأول من العطل» (the first day): not today.
            if *h.value == 0
                && cx
                    .number_at(skip_spaces(text, h.span.end) + "ال".len())
                    .is_some_and(|(_, n)| n.ordinal)
            {
                continue;
            }
            out.push((h.span, Piece::Days(*h.value)));
        }
        for p in parts {
            // One-letter and Latin forms (ص, م, pm) only mark clock times.
            let surface = &text[p.span.start..p.span.end];
            if surface.chars().count() <= 1 || surface.is_ascii() {
                continue;
            }
            if overlaps_sorted(times, p.span) {
                continue;
            }
            out.push((p.span, Piece::Part(*p.value)));
        }
        for (s, m) in cx.markers.all() {
            if matches!(
                m,
                DateMarker::Past | DateMarker::Future | DateMarker::Current
            ) {
                out.push((*s, Piece::Direction(*m)));
            }
        }
    }

    /// «قبل يومين», «قبل 3 أيام», «قبل أسبوع», «قبل شهرين»: counted back
    /// from publication. Hours are not dates, and years are the age of
    /// things («تأسست قبل 18 عاما»), not when an outage happened.
    fn ago_pieces(&self, cx: &Cx<'_>, out: &mut Vec<(Span, Piece)>) {
        let text = cx.text;
        for h in self.units.find_doc(cx.doc) {
            let (unit, count) = *h.value;
            if h.word_start != h.span.start {
                continue;
            }
            let mut lead = h.span.start;
            let amount = match count {
                UnitCount::Two => 2,
                UnitCount::One | UnitCount::Many => match cx.number_before(h.span.start) {
                    Some((ns, n)) if !n.ordinal => {
                        let Some(v) = n
                            .value
                            .filter(|v| v.fract() == 0.0 && (1.0..=60.0).contains(v))
                        else {
                            continue;
                        };
                        lead = ns.start;
                        v as i32
                    }
                    _ if count == UnitCount::One => 1,
                    _ => continue,
                },
            };
            // «قبل يوم واحد»
            let mut end = h.span.end;
            if count == UnitCount::One
                && lead == h.span.start
                && let Some((ns, n)) = cx.number_at(skip_spaces(text, end))
                && n.value == Some(1.0)
                && !n.digits
            {
                end = ns.end;
            }
            let Some(ago) = cx.marker_before(lead, &[DateMarker::Ago]) else {
                continue;
            };
            // «قبل يومين (فقط) من انطلاق التخفيضات»: before another event.
            let next = skip_spaces(text, end);
            let after_next = skip_spaces(text, word_end(text, next));
            if [next, after_next]
                .iter()
                .any(|&at| cx.marker_after(at, &[DateMarker::From]).is_some())
            {
                continue;
            }
            let piece = match unit {
                DurationUnit::Day => Piece::Days(-amount),
                DurationUnit::Week => Piece::Days(-7 * amount),
                DurationUnit::Month => Piece::Months(-amount),
                _ => continue,
            };
            out.push((Span::new(ago.start, end), piece));
        }
    }
}

/// «الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «هذا الأسبوع», and
/// «عام 2022».
fn unit_pieces(cx: &Cx<'_>, out: &mut Vec<(Span, Piece)>) {
    let text = cx.text;
    for &(ms, m) in cx.markers.all() {
        if !matches!(m, DateMarker::Week | DateMarker::Month | DateMarker::Year) {
            continue;
        }
        // «عام 2022», «سنة 2019», «العام 2022».
        if m == DateMarker::Year
            && let Some((ns, n)) = cx.number_at(skip_spaces(text, ms.end))
            && n.digits
            && let Some(v) = n.value
            && v.fract() == 0.0
            && YEARS.contains(&(v as i64))
            && text[ns.start..ns.end].len() == 4
        {
            out.push((
                Span::new(with_article(text, ms.start), ns.end),
                Piece::Year(v as i32),
            ));
            continue;
        }
        let definite = text[word_start_of(text, ms.start)..ms.start].ends_with("ال")
            || text[..ms.start].ends_with("ال");
        let this = cx.marker_before(word_start_of(text, ms.start), &[DateMarker::Current]);
        let dir = cx.marker_after(
            ms.end,
            &[DateMarker::Past, DateMarker::Future, DateMarker::Current],
        );
        let (offset, span) = match (definite, dir, this) {
            (true, Some((s, DateMarker::Past)), _) => (-1, Span::new(ms.start, s.end)),
            (true, Some((s, DateMarker::Future)), _) => (1, Span::new(ms.start, s.end)),
            (true, Some((s, _)), _) => (0, Span::new(ms.start, s.end)),
            // «هذا الأسبوع»
            (true, None, Some(t)) => (0, Span::new(t.start, ms.end)),
            _ => continue,
        };
        let span = Span::new(with_article(text, span.start), span.end);
        // «26 من الشهر الحالي»: a day of a relative month.
        if m == DateMarker::Month
            && let Some((s, d)) = day_before(cx, span.start)
        {
            out.push((Span::new(s, span.start), Piece::DayOfMonth(d)));
        }
        let piece = match m {
            DateMarker::Week => Piece::Weeks(offset),
            DateMarker::Month => Piece::Months(offset),
            _ => Piece::Years(offset),
        };
        out.push((span, piece));
    }
}

/// The day written before a month name starting at `pos`: «14», «14 من»,
/// «الخامس من», «الحادي والعشرين من», «العاشر من شهر», «فاتح», «7حزيران»,
/// «11th,»; with the start of its span.
fn day_before(cx: &Cx<'_>, pos: usize) -> Option<(usize, u8)> {
    let text = cx.text;
    let mut look = back_over_openers(text, pos);
    // «شهر» between the day and the month: «العاشر من شهر أيلول».
    let month_word = cx.marker_before(look, &[DateMarker::Month]);
    if let Some(s) = month_word {
        look = s.start;
    }
    if let Some(s) = cx.marker_before(look, &[DateMarker::First]) {
        return Some((s.start, 1));
    }
    // «14 من أكتوبر»: only «من» links a day to its month.
    let linked = cx
        .marker_before(look, &[DateMarker::From])
        .filter(|s| &text[s.start..s.end] == "من");
    if let Some(s) = linked {
        look = s.start;
    } else if month_word.is_some() {
        return None;
    }
    let latin = back_over_latin_ordinal(text, look);
    if latin != look {
        // «11th, December»: the number reader stops at the suffix.
        let digits = text[..latin].len()
            - text[..latin]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        let d: u8 = text[latin - digits..latin].parse().ok()?;
        return (1..=31).contains(&d).then_some((latin - digits, d));
    }
    let (ns, n) = cx.number_before(look)?;
    // An ordinal needs «من»: «الخامس أغسطس» is not written.
    if linked.is_none() && !n.digits {
        return None;
    }
    // «النصف الثاني من رمضان»: the ordinal counts halves, not days.
    if !n.digits
        && cx
            .marker_before(
                with_article(cx.text, ns.start),
                &[DateMarker::Part, DateMarker::Week],
            )
            .is_some()
    {
        return None;
    }
    day_number(cx, ns, &n)
}

/// A day of the month from a number: digits 1–31, an ordinal («الخامس»),
/// a definite ten («العشرين») or a compound ordinal («الحادي والعشرين»).
fn day_number(cx: &Cx<'_>, ns: Span, n: &Number) -> Option<(usize, u8)> {
    let text = cx.text;
    let v = n.value?;
    if v.fract() != 0.0 {
        return None;
    }
    let definite = text[..ns.start].ends_with("ال");
    let mut start = ns.start;
    let mut value = v;
    if !n.digits && !n.ordinal {
        // «العشرين», «الحادي والعشرين»: a ten with the article, maybe after
        // an ordinal unit joined by و.
        if !definite || ![20.0, 30.0].contains(&v) {
            return None;
        }
        start = ns.start - "ال".len();
        let joined = text[..start].trim_end_matches(' ');
        if let Some(before) = joined.strip_suffix('و') {
            let before = before.trim_end_matches(' ');
            if let Some((us, u)) = cx.nums.ending_at(before.len()).first()
                && u.ordinal
                && u.value.is_some_and(|x| (1.0..=9.0).contains(&x))
            {
                value += u.value.unwrap_or(0.0);
                start = with_article(text, us.start);
            }
        }
    } else if n.ordinal {
        start = with_article(text, ns.start);
    }
    ((1.0..=31.0).contains(&value)).then_some((start, value as u8))
}

/// The year written after a month name (or a Latin day) ending at `pos`:
/// «2022», «، 2025», «» 2023», «1447 هـ», «2022م»; with the end of the date.
fn year_after(cx: &Cx<'_>, pos: usize, system: MonthSystem) -> Option<(i32, usize)> {
    let text = cx.text;
    let at = skip_glue(text, pos, ",»\"”')");
    // Four digits read here, not through the number reader: «2025,11:32 ص»
    // is a year and a time, not the decimal 2025.11.
    let digits = text[at..].len()
        - text[at..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits != 4 {
        return None;
    }
    let v: i64 = text[at..at + 4].parse().ok()?;
    let years = if system == MonthSystem::Hijri {
        i64::from(hijri::FIRST_YEAR)..=i64::from(hijri::LAST_YEAR)
    } else {
        YEARS
    };
    if !years.contains(&v) {
        return None;
    }
    let mut end = at + 4;
    // Era marks: هـ / هجري (Hijri), م / ميلادي (Common Era).
    let rest = skip_spaces(text, end);
    for mark in ["هجريه", "هجري", "ه", "ميلاديه", "ميلادي", "م"] {
        if let Some(r) = text[rest..].strip_prefix(mark)
            && !r.chars().next().is_some_and(crate::normalize::is_word_char)
        {
            end = rest + mark.len();
            break;
        }
    }
    Some((v as i32, end))
}

/// «January 15» / «December 11th,»: the day after an English month name.
fn latin_day_after(cx: &Cx<'_>, pos: usize) -> Option<(u8, usize)> {
    let at = skip_spaces(cx.text, pos);
    let digits = cx.text[at..].len()
        - cx.text[at..]
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let v: u8 = cx.text[at..at + digits].parse().ok()?;
    if !(1..=31).contains(&v) {
        return None;
    }
    let mut end = at + digits;
    for suffix in ["st", "nd", "rd", "th"] {
        if cx.text[end..].starts_with(suffix) {
            end += suffix.len();
            break;
        }
    }
    if cx.text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some((v, end))
}

/// Moves `start` back over an article written before it («الخامس»).
fn with_article(text: &str, start: usize) -> usize {
    let ws = word_start_of(text, start);
    if text[ws..start].ends_with("ال") {
        start - "ال".len()
    } else {
        start
    }
}

/// `text` with every digit run glued to a following letter blanked out
/// («7حزيران» → « حزيران»), so that the month name is found as a word; byte
/// offsets are unchanged.
fn unglue_digits(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // One pass: each digit run, and whether a letter follows it.
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if text[i..].chars().next().is_some_and(char::is_alphabetic) {
            let out = out.get_or_insert_with(|| bytes.to_vec());
            out[start..i].fill(b' ');
        }
    }
    match out {
        // Only ASCII digits were replaced by ASCII spaces.
        Some(out) => {
            std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// Moves back from `pos` over spaces and opening quotes or parentheses.
fn back_over_openers(text: &str, pos: usize) -> usize {
    text[..pos]
        .trim_end_matches(|c: char| c == ' ' || "«\"“'(/".contains(c))
        .len()
}

/// Moves back over an English ordinal suffix and comma («11th, December»).
fn back_over_latin_ordinal(text: &str, pos: usize) -> usize {
    let t = text[..pos].trim_end_matches([' ', ',']);
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(r) = t.strip_suffix(suffix)
            && r.ends_with(|c: char| c.is_ascii_digit())
        {
            return r.len();
        }
    }
    pos
}

/// Skips spaces and the characters in `extra` forward.
fn skip_glue(text: &str, pos: usize, extra: &str) -> usize {
    pos + text[pos..].len()
        - text[pos..]
            .trim_start_matches(|c: char| c == ' ' || extra.contains(c))
            .len()
}

/// The end of the word starting at `pos`.
fn word_end(text: &str, pos: usize) -> usize {
    text[pos..]
        .char_indices()
        .find(|&(_, c)| !crate::normalize::is_word_char(c))
        .map_or(text.len(), |(i, _)| pos + i)
}

/// The start of the word containing or ending at `pos`.
fn word_start_of(text: &str, pos: usize) -> usize {
    crate::normalize::word_start(text, pos)
}

/// What may stand between two names of one month.
fn is_pair_glue(gap: &str) -> bool {
    // Lazily: the gap may run to a far month name.
    let mut rest = gap.chars().filter(|c| *c != ' ' && !super::is_quote(*c));
    match (rest.next(), rest.next()) {
        (None, _) => true,
        (Some(c), None) => matches!(c, '/' | '-' | '(' | ',' | '–'),
        _ => false,
    }
}

/// Groups adjacent pieces into dates.
fn group(cx: &Cx<'_>, pieces: &[(Span, Piece)]) -> Vec<(Span, DateExpr)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i;
        while j + 1 < pieces.len() && is_glue(cx, pieces[j].0.end, pieces[j + 1].0.start) {
            j += 1;
        }
        let group = &pieces[i..=j];
        i = j + 1;
        if let Some(expr) = combine(group) {
            let mut span = group[0].0.cover(group[group.len() - 1].0);
            // A closing parenthesis or quote opened inside the date belongs
            // to it.
            for (open, close) in [('(', ')'), ('«', '»')] {
                let inside = &cx.text[span.start..span.end];
                if inside.matches(open).count() > inside.matches(close).count()
                    && cx.text[span.end..].starts_with(close)
                {
                    span.end += close.len_utf8();
                }
            }
            // «يوم أمس», «يومه الاثنين»: the day word belongs to the date.
            if let Some(d) = cx.marker_before(span.start, &[DateMarker::Day]) {
                span.start = d.start;
            }
            out.push((span, expr));
        }
    }
    out
}

/// True when only glue stands between two pieces: spaces, punctuation and
/// the words «يوم», «الموافق», «من», «في».
fn is_glue(cx: &Cx<'_>, from: usize, to: usize) -> bool {
    if from > to {
        return false;
    }
    let text = cx.text;
    let mut pos = from;
    loop {
        pos = skip_glue(text, pos, ",()/-–«»\"");
        if pos >= to {
            return pos == to;
        }
        // A marker word here, maybe after a clitic («وفي»).
        let near = Span::new(pos, to.min(pos + CLITIC_BYTES + 1));
        match cx.markers.starting_in(near).iter().find(|(s, m)| {
            matches!(m, DateMarker::Day | DateMarker::Link | DateMarker::From)
                && word_start_of(text, s.start) == pos
                && s.end <= to
        }) {
            Some((s, _)) => pos = s.end,
            None => return false,
        }
    }
}

/// The day that places a Hijri month in the Gregorian calendar: its middle
/// (Ramadan 1446 ran from 1 to 29 March 2025: «رمضان 1446» is 2025-03).
pub const HIJRI_MID: u8 = 15;

/// One date from a group of pieces. A Gregorian writing wins over a Hijri
/// one of the same day («الموافق 28 محرم 1447»).
fn combine(group: &[(Span, Piece)]) -> Option<DateExpr> {
    let mut e = DateExpr::default();
    let mut anything = false;
    let mut calendar = false;
    for (_, p) in group {
        match *p {
            Piece::Calendar {
                year,
                month,
                day,
                hijri,
            } => {
                if calendar && (hijri || !e.hijri) {
                    continue;
                }
                if hijri {
                    match (year, day) {
                        (Some(y), Some(d)) => {
                            let Some(g) = hijri::to_gregorian(y, month, d) else {
                                continue;
                            };
                            e.year = Some(g.year);
                            e.month = Some(g.month);
                            e.day = Some(g.day);
                            e.hijri_day = None;
                        }
                        // A Hijri day without a year is resolved against
                        // the publication date.
                        (None, Some(d)) => {
                            e.hijri_day = Some((month, d));
                        }
                        // A Hijri month: the Gregorian month of its middle.
                        (Some(y), None) => {
                            let Some(g) = hijri::to_gregorian(y, month, HIJRI_MID) else {
                                continue;
                            };
                            e.year = Some(g.year);
                            e.month = Some(g.month);
                            e.day = None;
                            e.hijri_day = None;
                        }
                        (None, None) => {
                            e.hijri_month = Some(month);
                        }
                    }
                    e.hijri = true;
                } else {
                    e.year = year;
                    e.month = Some(month);
                    e.day = day;
                    e.hijri = false;
                    e.hijri_day = None;
                    e.hijri_month = None;
                }
                calendar = true;
                anything = true;
            }
            Piece::DayOfMonth(d) => {
                e.day.get_or_insert(d);
            }
            Piece::Year(y) => {
                if e.year.is_none() {
                    e.year = Some(y);
                    anything = true;
                }
            }
            Piece::Weekday(w) => {
                if e.weekday.is_none() {
                    e.weekday = Some(w);
                }
                anything = true;
            }
            Piece::Days(d) => {
                e.relative_days = Some(d);
                anything = true;
            }
            Piece::Weeks(w) => {
                e.relative_weeks = Some(w);
                anything = true;
            }
            Piece::Months(m) => {
                e.relative_months = Some(m);
                anything = true;
            }
            Piece::Years(y) => {
                e.relative_years = Some(y);
                anything = true;
            }
            Piece::Part(p) => {
                e.part.get_or_insert(p);
            }
            Piece::Direction(d) => {
                e.direction.get_or_insert(d);
            }
        }
    }
    anything.then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_glue() {
        for g in ["/", " / ", "/ ", " - ", " (", "", " – ", "/ «"] {
            assert!(is_pair_glue(g), "{g:?}");
        }
        for g in [" و ", " في ", " 2022 "] {
            assert!(!is_pair_glue(g), "{g:?}");
        }
    }

    #[test]
    fn digits_glued_to_a_month_are_blanked() {
        assert_eq!(unglue_digits("في 7حزيران 2023"), "في  حزيران 2023");
        assert_eq!(unglue_digits("تشرين 1 2023"), "تشرين 1 2023");
        assert!(matches!(
            unglue_digits("14 يوليو"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn latin_ordinal_suffixes() {
        let t = "11th, december";
        assert_eq!(back_over_latin_ordinal(t, "11th, ".len()), 2);
        assert_eq!(
            back_over_latin_ordinal("في 14 من", "في 14 من".len()),
            "في 14 من".len()
        );
    }

    #[test]
    fn positions_find_by_start_and_end() {
        let p = Positions::new([
            (Span::new(5, 9), 'b'),
            (Span::new(0, 3), 'a'),
            (Span::new(5, 7), 'c'),
        ]);
        assert_eq!(p.all()[0].1, 'a');
        assert_eq!(p.starting_at(5).len(), 2);
        assert_eq!(p.ending_at(7), &[(Span::new(5, 7), 'c')]);
        assert!(p.ending_at(4).is_empty());
        assert_eq!(p.starting_in(Span::new(1, 6)).len(), 2);
        assert!(overlaps_sorted(
            &[Span::new(0, 3), Span::new(5, 9)],
            Span::new(2, 4)
        ));
        assert!(!overlaps_sorted(
            &[Span::new(0, 3), Span::new(5, 9)],
            Span::new(3, 5)
        ));
    }

    #[test]
    fn glue_helpers() {
        assert_eq!(skip_glue("، (x", 0, "،("), "، (".len());
        assert_eq!(word_start_of("في الخامس", "في الخامس".len()), "في ".len());
        assert_eq!(with_article("في الخامس", "في ال".len()), "في ".len());
    }
}
