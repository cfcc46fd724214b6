/*!
Dates and clock times.

A date is assembled from *pieces* found separately — month names (with a day
before and a year after, month pairs «تموز/يوليو», «يوليو (تموز)»), numeric
dates (d/m/yyyy, yyyy/m/d, ISO, dots), weekdays, relative days (اليوم, أمس),
relative weeks/months/years («الأسبوع الماضي»), parts of the day
(«مساء») and direction markers (الماضي, المقبل, الجاري) — and pieces that
stand next to each other with only glue between them (spaces, punctuation,
«يوم», «الموافق», «من», «في») form one date: «اليوم الخميس (14 تموز/يوليو
2022)» is one mention with a relative day, a weekday and a full date.

A date mention is a [`DateExpr`]: what the text says, before resolution.
[`resolve`] turns it into a record value against the publication date, with
a past bias (a bare weekday is the same or the previous one).

Clock times: «3:37 مساءً», «الساعة الثالثة عصرا», «التاسعة والنصف مساء»,
«الواحدة بعد منتصف الليل», with a time zone from `timezones.tsv`.
*/

use regex::Regex;

use super::{Annotator, ClockTime, Cue, DateExpr, Mention, Number, Value, numbers, skip_spaces};
use crate::calendar::Date;
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit};
use crate::hijri;
use crate::lexicon::{Lexicons, MonthName, Tz};
use crate::span::Span;
use crate::vocab::*;

pub struct DateTimeAnnotator {
    months: Gazetteer<MonthName>,
    weekdays: Gazetteer<Weekday>,
    relative: Gazetteer<i32>,
    parts: Gazetteer<DayPart>,
    zones: Gazetteer<Tz>,
    numeric: Regex,
    clock: Regex,
}

/// How a piece contributes to a date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Calendar {
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
        hijri: bool,
    },
    Year(i32),
    Weekday(Weekday),
    Days(i32),
    Weeks(i32),
    Months(i32),
    Years(i32),
    Part(DayPart),
    Direction(DateMarker),
}

impl DateTimeAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> DateTimeAnnotator {
        DateTimeAnnotator {
            months: Gazetteer::new(&lex.months, clitics),
            weekdays: Gazetteer::new(&lex.weekdays, clitics),
            relative: Gazetteer::new(&lex.relative_days, clitics),
            parts: Gazetteer::new(&lex.day_parts, clitics),
            zones: Gazetteer::new(&lex.timezones, clitics),
            numeric: Regex::new(
                r"(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})",
            )
            .expect("constant regex"),
            clock: Regex::new(r"(\d{1,2}) ?([:.,]) ?(\d{2})").expect("constant regex"),
        }
    }
}

impl Annotator for DateTimeAnnotator {
    fn name(&self) -> &'static str {
        "datetime"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let nums: Vec<(Span, Number)> = numbers(prior).map(|(s, n)| (s, *n)).collect();
        let markers: Vec<(Span, DateMarker)> = super::cues(prior)
            .filter_map(|(s, c)| match c {
                Cue::Date(m) => Some((s, m)),
                _ => None,
            })
            .collect();
        let hedges: Vec<Span> = super::cues(prior)
            .filter_map(|(s, c)| matches!(c, Cue::Qualifier(_, Position::After)).then_some(s))
            .collect();
        let times = self.times(doc, &nums, &markers, &hedges);
        let mut pieces = Vec::new();
        self.month_pieces(text, &nums, &markers, &mut pieces);
        self.numeric_pieces(text, &mut pieces);
        self.day_pieces(text, &markers, &times, &mut pieces);
        pieces.retain(|(s, _)| !doc.is_masked(*s));
        pieces.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        // Drop pieces inside others (a weekday inside a numeric match...).
        let mut kept: Vec<(Span, Piece)> = Vec::new();
        for (s, p) in pieces {
            if kept
                .last()
                .is_some_and(|(k, _)| k.contains(s) || k.overlaps(s))
            {
                continue;
            }
            kept.push((s, p));
        }
        for (span, expr) in group(text, &kept, &markers) {
            out.push(Mention {
                span,
                value: Value::Date(expr),
            });
        }
        for (span, t) in times {
            if !doc.is_masked(span) {
                out.push(Mention {
                    span,
                    value: Value::Time(t),
                });
            }
        }
    }
}

impl DateTimeAnnotator {
    fn month_pieces(
        &self,
        text: &str,
        nums: &[(Span, Number)],
        markers: &[(Span, DateMarker)],
        out: &mut Vec<(Span, Piece)>,
    ) {
        let hits = self.months.find(text);
        let mut consumed_until = 0;
        for (k, h) in hits.iter().enumerate() {
            if h.span.start < consumed_until {
                continue;
            }
            let mut span = h.span;
            let name = *h.value;
            // A second name of the same month: «تموز/يوليو», «يوليو (تموز)».
            let mut paired = false;
            if let Some(next) = hits.get(k + 1)
                && next.value.month == name.month
                && next.value.system != MonthSystem::Hijri
                && is_pair_glue(&text[h.span.end..next.word_start])
            {
                span = span.cover(next.span);
                if text[span.end..].starts_with(')') {
                    span.end += 1;
                }
                paired = true;
                consumed_until = span.end;
            }
            // A day before: «14 يوليو», «14 من أكتوبر», «الخامس من», «7حزيران».
            let mut before = h.word_start;
            let word_prefix = &text[h.word_start..h.span.start];
            let mut month_word = false;
            if let Some((ms, _)) = markers.iter().find(|(ms, m)| {
                *m == DateMarker::Month && ms.end <= before && gap_is(text, ms.end, before, "")
            }) {
                month_word = true;
                before = ms.start;
                // «شهر» may carry its own clitics; look before it.
                before = word_start_of(text, before);
            }
            let mut day = None;
            let mut start = span.start;
            if word_prefix.is_empty() {
                let mut look = before;
                if let Some((ls, _)) = markers.iter().find(|(ls, m)| {
                    *m == DateMarker::Link
                        && ls.end <= look
                        && gap_is(text, ls.end, look, "")
                        && text[ls.start..ls.end] == *"من"
                }) {
                    look = ls.start;
                }
                if let Some((ns, n)) = nums
                    .iter()
                    .find(|(ns, _)| ns.end <= look && gap_is(text, ns.end, look, ""))
                    && let Some(v) = n.value
                    && v.fract() == 0.0
                    && (1.0..=31.0).contains(&v)
                    && (n.digits || n.ordinal)
                {
                    day = Some(v as u8);
                    start = ns.start;
                }
            }
            // A year after: «2022», «1447 هـ».
            let mut year = None;
            let mut end = span.end;
            let after = skip_glue(text, span.end, ",");
            if let Some((ns, n)) = nums.iter().find(|(ns, _)| ns.start == after)
                && n.digits
                && let Some(v) = n.value
                && v.fract() == 0.0
                && ((1900.0..=2100.0).contains(&v)
                    || (name.system == MonthSystem::Hijri && (1300.0..=1600.0).contains(&v)))
            {
                year = Some(v as i32);
                end = ns.end;
                let rest = skip_spaces(text, end);
                for mark in ["هجري", "ه", "م"] {
                    if let Some(r) = text[rest..].strip_prefix(mark)
                        && !r.chars().next().is_some_and(crate::normalize::is_word_char)
                    {
                        end = rest + mark.len();
                        break;
                    }
                }
            }
            let direction = markers.iter().any(|(ms, m)| {
                matches!(
                    m,
                    DateMarker::Past | DateMarker::Future | DateMarker::Current
                ) && ms.start == skip_spaces(text, end)
            });
            if name.needs_context
                && day.is_none()
                && year.is_none()
                && !paired
                && !month_word
                && !direction
            {
                continue;
            }
            if month_word && day.is_none() {
                start = before.max(start.min(before));
                start = markers
                    .iter()
                    .find(|(ms, m)| {
                        *m == DateMarker::Month && ms.start >= before && ms.end <= h.word_start
                    })
                    .map_or(start, |(ms, _)| ms.start);
            }
            out.push((
                Span::new(start, end),
                Piece::Calendar {
                    year,
                    month: Some(name.month),
                    day,
                    hijri: name.system == MonthSystem::Hijri,
                },
            ));
        }
    }

    fn numeric_pieces(&self, text: &str, out: &mut Vec<(Span, Piece)>) {
        for c in self.numeric.captures_iter(text) {
            let m = c.get(0).expect("whole match");
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let digitish =
                |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || "/-.".contains(c));
            if digitish(before)
                || (digitish(after) && !text[m.end()..].starts_with(". ") && after != Some('.'))
            {
                continue;
            }
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
            if mo > 12 && d <= 12 {
                std::mem::swap(&mut mo, &mut d);
            }
            if Date::new(y as i32, mo as u8, d as u8).is_none() || !(1900..=2100).contains(&y) {
                continue;
            }
            out.push((
                Span::new(m.start(), m.end()),
                Piece::Calendar {
                    year: Some(y as i32),
                    month: Some(mo as u8),
                    day: Some(d as u8),
                    hijri: false,
                },
            ));
        }
    }

    fn day_pieces(
        &self,
        text: &str,
        markers: &[(Span, DateMarker)],
        times: &[(Span, ClockTime)],
        out: &mut Vec<(Span, Piece)>,
    ) {
        for h in self.weekdays.find(text) {
            let prefix = &text[h.word_start..h.span.start];
            let definite = prefix.ends_with("ال") || prefix.ends_with("لل");
            let after_day_word = markers
                .iter()
                .any(|(ms, m)| *m == DateMarker::Day && gap_is(text, ms.end, h.word_start, ""));
            if !definite && !after_day_word {
                continue;
            }
            let start = if definite && prefix.ends_with("ال") {
                h.span.start - "ال".len()
            } else {
                h.span.start
            };
            out.push((Span::new(start, h.span.end), Piece::Weekday(*h.value)));
        }
        for h in self.relative.find(text) {
            out.push((h.span, Piece::Days(*h.value)));
        }
        for h in self.parts.find(text) {
            // One-letter and Latin forms (ص, م, pm) only mark clock times.
            if h.span.len() <= 2 || text[h.span.start..h.span.end].is_ascii() {
                continue;
            }
            if times.iter().any(|(t, _)| t.overlaps(h.span)) {
                continue;
            }
            out.push((h.span, Piece::Part(*h.value)));
        }
        // «الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «هذا الأسبوع».
        for (i, (ms, m)) in markers.iter().enumerate() {
            let unit = match m {
                DateMarker::Week | DateMarker::Month | DateMarker::Year => *m,
                _ => continue,
            };
            if !text[..ms.start].ends_with("ال")
                && !text[word_start_of(text, ms.start)..ms.start].ends_with("ال")
            {
                // «شهر مايو» is handled with the month.
                let this = markers[..i]
                    .iter()
                    .rev()
                    .find(|(s, k)| *k == DateMarker::Current && gap_is(text, s.end, ms.start, ""));
                if this.is_none() {
                    continue;
                }
            }
            let dir = markers[i + 1..]
                .iter()
                .find(|(s, _)| s.start == skip_spaces(text, ms.end))
                .map(|(s, k)| (*s, *k));
            let this_before = markers[..i]
                .iter()
                .rev()
                .find(|(s, k)| *k == DateMarker::Current && gap_is(text, s.end, ms.start, ""));
            let (offset, span) = match (dir, this_before) {
                (Some((s, DateMarker::Past)), _) => (-1, Span::new(ms.start, s.end)),
                (Some((s, DateMarker::Future)), _) => (1, Span::new(ms.start, s.end)),
                (Some((s, DateMarker::Current)), _) => (0, Span::new(ms.start, s.end)),
                (_, Some((s, _))) => (0, Span::new(s.start, ms.end)),
                _ => continue,
            };
            let start = word_start_of(text, span.start);
            let span = Span::new(
                start.max(span.start - 4.min(span.start)).max(start),
                span.end,
            );
            let piece = match unit {
                DateMarker::Week => Piece::Weeks(offset),
                DateMarker::Month => Piece::Months(offset),
                _ => Piece::Years(offset),
            };
            out.push((span, piece));
        }
        // «عام 2022», «سنة 2019».
        for (ms, m) in markers {
            if *m != DateMarker::Year {
                continue;
            }
            let after = skip_spaces(text, ms.end);
            let digits: String = text[after..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if digits.len() == 4
                && let Ok(y) = digits.parse::<i32>()
                && (1900..=2100).contains(&y)
            {
                out.push((Span::new(ms.start, after + 4), Piece::Year(y)));
            }
        }
        for (ms, m) in markers {
            if matches!(
                m,
                DateMarker::Past | DateMarker::Future | DateMarker::Current
            ) {
                out.push((*ms, Piece::Direction(*m)));
            }
        }
    }

    /// Clock times with their part of day and zone.
    fn times(
        &self,
        doc: &Document,
        nums: &[(Span, Number)],
        markers: &[(Span, DateMarker)],
        hedges: &[Span],
    ) -> Vec<(Span, ClockTime)> {
        let text = doc.ntext();
        let parts = self.parts.find(text);
        let zones = self.zones.find(text);
        let mut out: Vec<(Span, ClockTime)> = Vec::new();
        let hour_words: Vec<Span> = markers
            .iter()
            .filter(|(_, m)| *m == DateMarker::Hour)
            .map(|(s, _)| *s)
            .collect();
        for c in self.clock.captures_iter(text) {
            let m = c.get(0).expect("whole match");
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|b| b.is_ascii_digit() || b == ':' || b == '/' || b == '.')
                || after.is_some_and(|a| a.is_ascii_digit() || a == ':' || a == '/')
            {
                continue;
            }
            let (Ok(h), Ok(min)) = (c[1].parse::<u8>(), c[3].parse::<u8>()) else {
                continue;
            };
            if h > 24 || min > 59 {
                continue;
            }
            let sep = &c[2];
            let after_hour_word = hour_words
                .iter()
                .any(|w| gap_is(text, w.end, m.start(), ""));
            let (part, zone, end) = self.tail(text, m.end(), &parts, &zones, hedges);
            // «6.30 مساءً», «(19,00 ت غ)»: dots and commas need a part, a
            // zone or الساعة to be a time rather than a decimal.
            if sep != ":" && part.is_none() && zone.is_none() && !after_hour_word {
                continue;
            }
            let start = hour_words
                .iter()
                .find(|w| gap_is(text, w.end, m.start(), ""))
                .map_or(m.start(), |w| w.start);
            out.push((
                Span::new(start, end),
                ClockTime {
                    hour: to_24h(h, part),
                    minute: min,
                    tz: zone,
                },
            ));
        }
        // «الساعة الثالثة عصرا», «الساعة 10», «التاسعة والنصف مساء».
        for (ns, n) in nums {
            if out.iter().any(|(s, _)| s.overlaps(*ns)) {
                continue;
            }
            let Some(v) = n.value else { continue };
            if v.fract() != 0.0 || !(0.0..=24.0).contains(&v) {
                continue;
            }
            let hour_word = hour_words
                .iter()
                .find(|w| gap_is(text, w.end, ns.start, ""))
                .copied();
            let word_number = !n.digits;
            let definite = word_number && text[..ns.start].ends_with("ال");
            let mut minute = 0u8;
            let mut end = ns.end;
            // والنصف, والربع
            if let Some((fs, f)) = nums.iter().find(|(fs, f)| {
                fs.start > ns.end
                    && gap_is(text, ns.end, word_start_of(text, fs.start), "")
                    && f.value.is_some_and(|x| x < 1.0)
            }) {
                let lead = &text[word_start_of(text, fs.start)..fs.start];
                if lead.starts_with('و') {
                    minute = (f.value.unwrap_or(0.0) * 60.0).round() as u8;
                    end = fs.end;
                }
            }
            let (part, zone, tail_end) = self.tail(text, end, &parts, &zones, hedges);
            let ok = match (hour_word, part) {
                (Some(_), _) => true,
                (None, Some(_)) => definite && (1.0..=12.0).contains(&v),
                _ => false,
            };
            if !ok {
                continue;
            }
            let start = hour_word.map_or(word_start_of(text, ns.start), |w| w.start);
            out.push((
                Span::new(start.min(ns.start), tail_end),
                ClockTime {
                    hour: to_24h(v as u8, part),
                    minute,
                    tz: zone,
                },
            ));
        }
        out.sort_by_key(|(s, _)| s.start);
        out.retain(|(s, _)| !doc.is_masked(*s));
        out
    }

    /// The part of day and zone after a time ending at `end`.
    fn tail(
        &self,
        text: &str,
        end: usize,
        parts: &[Hit<'_, DayPart>],
        zones: &[Hit<'_, Tz>],
        hedges: &[Span],
    ) -> (Option<DayPart>, Option<Tz>, usize) {
        let mut end = end;
        let mut part = None;
        let mut zone = None;
        let at = skip_spaces(text, end);
        if let Some(p) = parts.iter().find(|p| p.word_start == at) {
            part = Some(*p.value);
            end = p.span.end;
        }
        // «8:15 صباحًا تقريبًا بتوقيت ...»
        if let Some(h) = hedges.iter().find(|h| h.start == skip_spaces(text, end)) {
            end = h.end;
        }
        let at = skip_glue(text, end, "(");
        if let Some(z) = zones.iter().find(|z| z.word_start == at) {
            zone = Some(z.value.clone()).filter(|z| *z != Tz::Local);
            end = z.span.end;
            if text[..at].ends_with('(') && text[end..].starts_with(')') {
                end += 1;
            }
        }
        (part, zone, end)
    }
}

/// A 24-hour hour from a 12-hour one and a part of day.
fn to_24h(h: u8, part: Option<DayPart>) -> u8 {
    match part {
        Some(DayPart::Afternoon | DayPart::Evening) if h < 12 => h + 12,
        Some(DayPart::Noon) if h < 6 => h + 12,
        Some(DayPart::Night) if (6..12).contains(&h) => h + 12,
        Some(DayPart::Morning | DayPart::Dawn | DayPart::Midnight) if h == 12 => 0,
        _ => h % 24,
    }
}

/// True when `text[from..to]` is only spaces and the characters in `extra`.
fn gap_is(text: &str, from: usize, to: usize, extra: &str) -> bool {
    from <= to
        && text[from..to]
            .chars()
            .all(|c| c == ' ' || extra.contains(c))
}

/// Skips spaces and the characters in `extra` forward.
fn skip_glue(text: &str, pos: usize, extra: &str) -> usize {
    pos + text[pos..].len()
        - text[pos..]
            .trim_start_matches(|c: char| c == ' ' || extra.contains(c))
            .len()
}

/// The start of the word containing or ending at `pos`.
fn word_start_of(text: &str, pos: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::normalize::is_word_char(c))
        .last()
        .map_or(pos, |(i, _)| i)
}

fn is_pair_glue(gap: &str) -> bool {
    let t = gap.trim();
    matches!(t, "/" | "-" | "(" | "،" | "," | "" | "–")
}

/// Groups adjacent pieces into dates.
fn group(
    text: &str,
    pieces: &[(Span, Piece)],
    markers: &[(Span, DateMarker)],
) -> Vec<(Span, DateExpr)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i;
        while j + 1 < pieces.len() && is_glue(text, pieces[j].0.end, pieces[j + 1].0.start, markers)
        {
            j += 1;
        }
        let group = &pieces[i..=j];
        i = j + 1;
        if let Some(expr) = combine(group) {
            let mut span = group[0].0.cover(group[group.len() - 1].0);
            // «يوم أمس الإثنين», «يومه الاثنين»: the day word belongs to the date.
            if let Some((d, _)) = markers.iter().find(|(d, m)| {
                *m == DateMarker::Day && d.end <= span.start && gap_is(text, d.end, span.start, "")
            }) {
                span.start = word_start_of(text, d.start).max(d.start.saturating_sub(0));
                span.start = d.start;
            }
            // A direction marker alone at the edge belongs to another
            // phrase («الأسبوع الماضي» is its own piece).
            out.push((span, expr));
        }
    }
    out
}

fn is_glue(text: &str, from: usize, to: usize, markers: &[(Span, DateMarker)]) -> bool {
    if from > to {
        return false;
    }
    let mut pos = from;
    loop {
        pos = skip_glue(text, pos, ",()/-–");
        if pos >= to {
            return pos == to || text[from..to].trim().is_empty();
        }
        match markers.iter().find(|(s, m)| {
            matches!(m, DateMarker::Day | DateMarker::Link)
                && word_start_of(text, s.start.max(1)).max(pos) == pos
                && s.start >= pos
                && s.end <= to
        }) {
            Some((s, _)) => pos = s.end,
            None => return false,
        }
    }
}

fn combine(group: &[(Span, Piece)]) -> Option<DateExpr> {
    let mut e = DateExpr::default();
    let mut anything = false;
    let mut calendar_set = false;
    for (_, p) in group {
        match *p {
            Piece::Calendar {
                year,
                month,
                day,
                hijri,
            } => {
                if calendar_set {
                    // «الموافق 28 محرم 1447»: keep the Gregorian writing.
                    if hijri || !e.hijri {
                        continue;
                    }
                }
                if hijri {
                    match (year, month, day) {
                        (Some(y), Some(m), Some(d)) => match hijri::to_gregorian(y, m, d) {
                            Some(g) => {
                                e.year = Some(g.year);
                                e.month = Some(g.month);
                                e.day = Some(g.day);
                            }
                            None => continue,
                        },
                        _ => continue,
                    }
                    e.hijri = true;
                } else {
                    e.year = year;
                    e.month = month;
                    e.day = day;
                    e.hijri = false;
                }
                calendar_set = true;
                anything = true;
            }
            Piece::Year(y) => {
                if e.year.is_none() {
                    e.year = Some(y);
                    anything = true;
                }
            }
            Piece::Weekday(w) => {
                e.weekday = Some(w);
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
                if e.year.is_none() {
                    e.relative_years = Some(y);
                    anything = true;
                }
            }
            Piece::Part(p) => e.part = Some(p),
            Piece::Direction(d) => {
                if e.direction.is_none() {
                    e.direction = Some(d);
                }
            }
        }
    }
    anything.then_some(e)
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Weekday,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Weekday => "weekday",
        }
    }
}

/// A date resolved for the record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolved {
    /// TIMEX3-style value (`2022-07-14`, `XXXX-10-14`, `2022-07`,
    /// `2024-W28`), or `None`.
    pub value: Option<String>,
    pub precision: Option<Precision>,
    pub weekday: Option<Weekday>,
    /// Days relative to publication, kept when it cannot be resolved.
    pub relative_days: Option<i32>,
    /// The resolved calendar day, when there is one.
    pub date: Option<Date>,
}

/// Resolves a date expression against the publication date, with a past
/// bias. Never invents a year: without a publication date a day and month
/// stay `XXXX-MM-DD` and a weekday stays a weekday.
pub fn resolve(e: &DateExpr, published: Option<Date>) -> Resolved {
    let day_res = |d: Date| Resolved {
        value: Some(d.to_string()),
        precision: Some(Precision::Day),
        weekday: Some(d.weekday()),
        relative_days: None,
        date: Some(d),
    };
    match (e.year, e.month, e.day) {
        (Some(y), Some(m), Some(d)) => {
            if let Some(date) = Date::new(y, m, d) {
                return day_res(date);
            }
        }
        (None, Some(m), Some(d)) => {
            if let Some(p) = published {
                let mut y = p.year;
                match e.direction {
                    Some(DateMarker::Future) => {
                        if (m, d) < (p.month, p.day) {
                            y += 1;
                        }
                    }
                    Some(DateMarker::Current) => {}
                    _ => {
                        if (m, d) > (p.month, p.day) {
                            y -= 1;
                        }
                    }
                }
                if let Some(date) = Date::new(y, m, d) {
                    return day_res(date);
                }
            }
            return Resolved {
                value: Some(format!("XXXX-{m:02}-{d:02}")),
                precision: Some(Precision::Day),
                weekday: e.weekday,
                relative_days: None,
                date: None,
            };
        }
        (Some(y), Some(m), None) => {
            return Resolved {
                value: Some(format!("{y:04}-{m:02}")),
                precision: Some(Precision::Month),
                ..Default::default()
            };
        }
        (None, Some(m), None) => {
            let value = match published {
                Some(p) => {
                    let y = match e.direction {
                        Some(DateMarker::Past) => {
                            if m < p.month {
                                p.year
                            } else {
                                p.year - 1
                            }
                        }
                        Some(DateMarker::Future) => {
                            if m > p.month {
                                p.year
                            } else {
                                p.year + 1
                            }
                        }
                        Some(DateMarker::Current) => p.year,
                        _ => {
                            if m <= p.month {
                                p.year
                            } else {
                                p.year - 1
                            }
                        }
                    };
                    format!("{y:04}-{m:02}")
                }
                None => format!("XXXX-{m:02}"),
            };
            return Resolved {
                value: Some(value),
                precision: Some(Precision::Month),
                ..Default::default()
            };
        }
        (Some(y), None, _) => {
            return Resolved {
                value: Some(format!("{y:04}")),
                precision: Some(Precision::Year),
                ..Default::default()
            };
        }
        _ => {}
    }
    if let Some(r) = e.relative_days {
        return match published {
            Some(p) => day_res(p.add_days(i64::from(r))),
            None => Resolved {
                value: None,
                precision: e.weekday.map(|_| Precision::Weekday),
                weekday: e.weekday,
                relative_days: Some(r),
                date: None,
            },
        };
    }
    if let Some(w) = e.weekday {
        return match published {
            Some(p) => {
                let delta = (p.weekday().index() - w.index()).rem_euclid(7);
                let d = match e.direction {
                    Some(DateMarker::Future) => {
                        p.add_days((w.index() - p.weekday().index()).rem_euclid(7).max(1))
                    }
                    Some(DateMarker::Past) if delta == 0 => p.add_days(-7),
                    _ => p.add_days(-delta),
                };
                day_res(d)
            }
            None => Resolved {
                value: None,
                precision: Some(Precision::Weekday),
                weekday: Some(w),
                relative_days: None,
                date: None,
            },
        };
    }
    if let Some(wk) = e.relative_weeks {
        if let Some(p) = published {
            let (y, w) = p.add_days(7 * i64::from(wk)).iso_week();
            return Resolved {
                value: Some(format!("{y:04}-W{w:02}")),
                precision: Some(Precision::Week),
                ..Default::default()
            };
        }
        return Resolved::default();
    }
    if let Some(mo) = e.relative_months {
        if let Some(p) = published {
            let total = p.year * 12 + i32::from(p.month) - 1 + mo;
            return Resolved {
                value: Some(format!(
                    "{:04}-{:02}",
                    total.div_euclid(12),
                    total.rem_euclid(12) + 1
                )),
                precision: Some(Precision::Month),
                ..Default::default()
            };
        }
        return Resolved::default();
    }
    if let Some(yr) = e.relative_years
        && let Some(p) = published
    {
        return Resolved {
            value: Some(format!("{:04}", p.year + yr)),
            precision: Some(Precision::Year),
            ..Default::default()
        };
    }
    Resolved::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr() -> DateExpr {
        DateExpr::default()
    }

    #[test]
    fn resolves_with_past_bias() {
        let p = Date::new(2022, 7, 14); // a Thursday
        let mut e = expr();
        e.weekday = Some(Weekday::Monday);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2022-07-11"));
        e.weekday = Some(Weekday::Thursday);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2022-07-14"));
        e.direction = Some(DateMarker::Past);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2022-07-07"));
        let mut e = expr();
        e.relative_days = Some(-1);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2022-07-13"));
        let mut e = expr();
        e.month = Some(2);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2022-02"));
        e.month = Some(9);
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2021-09"));
        let mut e = expr();
        e.month = Some(10);
        e.day = Some(14);
        assert_eq!(resolve(&e, None).value.as_deref(), Some("XXXX-10-14"));
        assert_eq!(resolve(&e, p).value.as_deref(), Some("2021-10-14"));
    }

    #[test]
    fn never_invents_a_year() {
        let mut e = expr();
        e.weekday = Some(Weekday::Saturday);
        let r = resolve(&e, None);
        assert_eq!(r.value, None);
        assert_eq!(r.weekday, Some(Weekday::Saturday));
        let mut e = expr();
        e.relative_days = Some(-1);
        let r = resolve(&e, None);
        assert_eq!((r.value, r.relative_days), (None, Some(-1)));
    }
}
