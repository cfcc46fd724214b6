/*!
Clock times: «15:45», «3:37 مساءً», «05:23 ص», «12:08 PM», «6.30 مساءً»,
«(19,00 ت غ)», «الساعة الـ6 صباحاً», «الساعة الثانية ظهرا», «التاسعة والنصف
مساء», «الرابعة إلا ربعا», «السابعة واثنتي عشرة دقيقة مساء», «الواحدة و25
دقيقة بعد الزوال», «منتصف الليل».

A time is an hour (digits, or a number word) with optional minutes, then
optionally a part of the day (`day_parts.tsv`), a hedge («تقريبا») and a
time zone (`timezones.tsv`, with a UTC offset: «GMT+3», «(ت.غ+1)»). The hour
becomes 24-hour with the part of the day. What makes a number a time:

- `H:MM` with a colon is always a time (minutes are two digits, so «2:1» is
  a score);
- `H.MM` and `H,MM` are decimals unless a part of the day, a zone or «الساعة»
  goes with them;
- a bare hour needs «الساعة» before it, or a zone after it («12 بتوقيت
  المغرب»), or, written as a definite number word («الثانية»), a part of the
  day or minutes after it («الثانية ظهرا», «العاشرة والنصف»).

When a text gives one moment in two zones («8:00 مساءً بتوقيت شرق الولايات
المتحدة (الساعة 3:00 فجراً بتوقيت القاهرة)»), each time keeps its own zone;
the incident takes the first.
*/

use regex::Regex;

use super::digits::{DigitRegex, Start};

use super::{Cx, overlaps_sorted, with_article, word_start_of};
use crate::annotate::{ClockTime, Cue, Mention, skip_spaces};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit};
use crate::lexicon::{Lexicons, Tz};
use crate::span::Span;
use crate::vocab::*;

/// Builds clock times; made once.
pub(super) struct Clocks {
    zones: Gazetteer<Tz>,
    units: Gazetteer<(DurationUnit, UnitCount)>,
    digits: DigitRegex,
    offset: Regex,
}

/// What follows an hour: its part of the day and zone, and where the time
/// ends.
struct Tail {
    part: Option<DayPart>,
    tz: Option<Tz>,
    end: usize,
}

/// `إلا` (except): «الرابعة إلا ربعا» is a quarter to four.
const EXCEPT: &str = "الا";

impl Clocks {
    pub(super) fn new(lex: &Lexicons, clitics: &Clitics) -> Clocks {
        Clocks {
            zones: Gazetteer::new(&lex.timezones, clitics),
            units: Gazetteer::new(&lex.duration_units, clitics),
            // The leading non-digit keeps a rejected match («2025,11») from
            // swallowing the start of the next one («11:32»).
            // The first digit of a run (a rejected «2025,11» must not
            // swallow the start of «11:32»), one or two digits, then a
            // separator.
            digits: DigitRegex::new(
                r"((\d{1,2})( ?: ?|[.,])(\d{2})(:\d{2})?)",
                Start::RunStart,
                &[1, 2],
                &[b":", b" :", b": ", b" : ", b".", b","],
            ),
            offset: Regex::new(r"^ ?([+-]) ?(\d{1,2})(?::?(\d{2}))?").expect("constant regex"),
        }
    }

    /// Every clock time of the document.
    pub(super) fn times(
        &self,
        doc: &Document,
        prior: &[Mention],
        cx: &Cx<'_>,
        parts: &[Hit<'_, DayPart>],
    ) -> Vec<(Span, ClockTime)> {
        let text = cx.text;
        let zones = self.zones.find_doc(doc);
        let minute_words: Vec<Span> = self
            .units
            .find_doc(doc)
            .into_iter()
            .filter(|h| h.value.0 == DurationUnit::Minute)
            .map(|h| h.span)
            .collect();
        let mut hedges: Vec<Span> = crate::annotate::cues(prior)
            .filter_map(|(s, c)| matches!(c, Cue::Qualifier(_, Position::After)).then_some(s))
            .collect();
        hedges.sort();
        let tail = |end: usize| self.tail(text, end, parts, &zones, &hedges);
        let mut out: Vec<(Span, ClockTime)> = Vec::new();

        for c in self.digits.matches(text, &cx.digits) {
            let (m_start, m_end) = c.span(1).expect("the time");
            let c = &c.caps;
            let before = text[..m_start].chars().next_back();
            let after = text[m_end..].chars().next();
            // Not part of a longer number, a date or a UTC offset («+02:00»).
            if before.is_some_and(|b| ":/.+-".contains(b))
                || after.is_some_and(|a| a.is_ascii_digit() || ":/%".contains(a))
            {
                continue;
            }
            let (Ok(h), Ok(min)) = (c[2].parse::<u8>(), c[4].parse::<u8>()) else {
                continue;
            };
            if h > 24 || min > 59 {
                continue;
            }
            let hour_word = hour_word_before(cx, m_start);
            let t = tail(m_end);
            // «6.30 مساءً», «(19,00 ت غ)»: dots and commas need a part, a
            // zone or الساعة to be a time rather than a decimal.
            if c[3].trim() != ":" && t.part.is_none() && t.tz.is_none() && hour_word.is_none() {
                continue;
            }
            // «الساعة 11:30 من ليل الثلاثاء»
            let part = t.part.or_else(|| part_after_min(cx, t.end, parts));
            out.push((
                Span::new(hour_word.unwrap_or(m_start), t.end),
                ClockTime {
                    hour: to_24h(h, part),
                    minute: min,
                    tz: t.tz,
                    part,
                },
            ));
        }

        let digit_times: Vec<Span> = out.iter().map(|(s, _)| *s).collect();
        for &(ns, n) in cx.nums.all() {
            if overlaps_sorted(&digit_times, ns) {
                continue;
            }
            let Some(v) = n.value else { continue };
            // «الساعة الأولى» is the first hour, not one o'clock.
            if v.fract() != 0.0 || !(0.0..=24.0).contains(&v) || (n.ordinal && v == 1.0) {
                continue;
            }
            let hour_word = hour_word_before(cx, ns.start);
            let word = !n.digits && text[..ns.start].ends_with("ال");
            let (minute, end) = minutes_after(cx, ns.end, &minute_words);
            let t = tail(end);
            // «العاشرة من مساء يوم الأحد»: the part after «من» sets the
            // hour, and the date keeps its words.
            let part = t.part.or_else(|| part_after_min(cx, end, parts));
            let ok = match (hour_word, n.digits) {
                (Some(_), _) => true,
                // «(12 بتوقيت المغرب)», not the «00» of «+02:00 EET»; «حتى 1
                // ظهراً», «(4 - 7) صباحاً»: an hour of the twelve with its
                // part of the day right after it.
                (None, true) => {
                    (t.tz.is_some()
                        || (t.part.is_some() && end == ns.end && (1.0..=12.0).contains(&v)))
                        && !text[..ns.start]
                            .ends_with(|c: char| ":+-.,".contains(c) || c.is_ascii_digit())
                }
                (None, false) => {
                    word && (1.0..=12.0).contains(&v)
                        && (part.is_some() || t.tz.is_some() || end > ns.end)
                }
            };
            if !ok {
                continue;
            }
            let minute = minute.rem_euclid(60) as u8;
            let hour = if minute_before_hour(cx, ns.end, end) {
                (v as u8 + 11) % 12
            } else {
                v as u8
            };
            let start = hour_word.unwrap_or_else(|| with_article(text, ns.start));
            out.push((
                Span::new(start, t.end),
                ClockTime {
                    hour: to_24h(hour, part),
                    minute,
                    tz: t.tz,
                    part,
                },
            ));
        }

        // «عند منتصف الليل», «منتصف النهار»: midnight and noon on their own.
        out.sort_by_key(|(s, _)| s.start);
        let found: Vec<Span> = out.iter().map(|(s, _)| *s).collect();
        for p in parts {
            let hour = match *p.value {
                DayPart::Midnight => 0,
                DayPart::Midday => 12,
                _ => continue,
            };
            if !overlaps_sorted(&found, p.span) {
                let t = self.tail(text, p.span.end, &[], &zones, &hedges);
                out.push((
                    Span::new(p.span.start, t.end),
                    ClockTime {
                        hour,
                        minute: 0,
                        tz: t.tz,
                        part: Some(*p.value),
                    },
                ));
            }
        }
        out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut kept: Vec<(Span, ClockTime)> = Vec::with_capacity(out.len());
        for (s, t) in out {
            if !doc.is_masked(s) && !kept.last().is_some_and(|(k, _)| k.overlaps(s)) {
                kept.push((s, t));
            }
        }
        kept
    }

    /// The part of the day, hedge and zone after a time ending at `end`.
    fn tail(
        &self,
        text: &str,
        end: usize,
        parts: &[Hit<'_, DayPart>],
        zones: &[Hit<'_, Tz>],
        hedges: &[Span],
    ) -> Tail {
        let mut t = Tail {
            part: None,
            tz: None,
            end,
        };
        let at = skip_spaces(text, end);
        // A one-letter part (ص, م) takes no clitic: «لم» is not «ل + م».
        if let Some(p) = starting_word(parts, at).iter().find(|p| {
            p.word_start == at
                && (p.span.start == at || text[p.span.start..p.span.end].chars().count() > 1)
        }) {
            t.part = Some(*p.value);
            t.end = p.span.end;
        }
        // «8:15 صباحًا تقريبًا بتوقيت ...»
        let at = skip_spaces(text, t.end);
        let h = hedges.partition_point(|h| h.start < at);
        if let Some(h) = hedges.get(h).filter(|h| h.start == at) {
            t.end = h.end;
        }
        let opened = text[t.end..].trim_start_matches(' ').starts_with('(');
        let at = super::skip_glue(text, t.end, "(");
        if let Some(z) = starting_word(zones, at).first() {
            let mut zone_end = z.span.end;
            t.tz = match z.value {
                Tz::Local => None,
                Tz::Iana(name) if name == "UTC" => match self.offset.captures(&text[zone_end..]) {
                    // «GMT+3» is the IANA zone Etc/GMT-3 (the sign is
                    // inverted); a half-hour offset has no such zone.
                    Some(c) => {
                        zone_end += c[0].len();
                        let hours: u8 = c[2].parse().unwrap_or(99);
                        let minutes = c.get(3).map_or("00", |m| m.as_str());
                        (hours <= 14 && minutes == "00").then(|| {
                            let sign = if &c[1] == "+" { '-' } else { '+' };
                            Tz::Iana(if hours == 0 {
                                "UTC".to_string()
                            } else {
                                format!("Etc/GMT{sign}{hours}")
                            })
                        })
                    }
                    None => Some(z.value.clone()),
                },
                tz => Some(tz.clone()),
            };
            t.end = zone_end;
            if opened && text[t.end..].starts_with(')') {
                t.end += 1;
            }
        }
        t
    }
}

/// The hits (in text order) whose word starts at `pos`.
fn starting_word<'a, 'g, T>(hits: &'a [Hit<'g, T>], pos: usize) -> &'a [Hit<'g, T>] {
    let from = hits.partition_point(|h| h.word_start < pos);
    let to = hits.partition_point(|h| h.word_start <= pos);
    &hits[from..to.max(from)]
}

/// The start of «الساعة» (or «تمام الساعة») right before `pos`, allowing
/// «الـ» between: «الساعة الـ6».
fn hour_word_before(cx: &Cx<'_>, pos: usize) -> Option<usize> {
    let text = cx.text;
    let t = text[..pos].trim_end_matches(' ');
    let t = t.strip_suffix("ال").unwrap_or(t).trim_end_matches(' ');
    cx.markers
        .ending_at(t.len())
        .iter()
        .find(|(_, m)| *m == DateMarker::Hour)
        .map(|(s, _)| s.start)
}

/// Minutes after an hour word ending at `end`: «والنصف», «ونصف», «والربع»,
/// «إلا ربعا» (negative), «و25 دقيقة», «واثنتي عشرة دقيقة»; with the end
/// of the minutes.
fn minutes_after(cx: &Cx<'_>, end: usize, minute_words: &[Span]) -> (i32, usize) {
    let text = cx.text;
    let at = skip_spaces(text, end);
    let rest = &text[at..];
    let (sign, lead) = if let Some(r) = rest.strip_prefix('و') {
        (1, at + rest.len() - r.trim_start_matches(' ').len())
    } else if let Some(r) = rest.strip_prefix(EXCEPT)
        && r.starts_with(' ')
    {
        (-1, at + rest.len() - r.trim_start_matches(' ').len())
    } else {
        return (0, end);
    };
    // The number may carry the article («والنصف»).
    let lead = if text[lead..].starts_with("ال") {
        lead + "ال".len()
    } else {
        lead
    };
    let Some(&(ns, n)) = cx.nums.starting_at(lead).first() else {
        return (0, end);
    };
    let Some(v) = n.value else {
        return (0, end);
    };
    if v > 0.0 && v < 1.0 {
        // A fraction of the hour; «ربعا» carries the accusative alef.
        let mut e = ns.end;
        if text[e..].starts_with('ا') {
            e += 'ا'.len_utf8();
        }
        return (sign * (v * 60.0).round() as i32, e);
    }
    if sign > 0
        && v.fract() == 0.0
        && (1.0..60.0).contains(&v)
        && let Some(w) = minute_words
            .iter()
            .find(|w| w.start == skip_spaces(text, ns.end))
    {
        return (v as i32, w.end);
    }
    (0, end)
}

/// True when the minutes between `hour_end` and `end` count down («إلا»).
fn minute_before_hour(cx: &Cx<'_>, hour_end: usize, end: usize) -> bool {
    end > hour_end && cx.text[skip_spaces(cx.text, hour_end)..end].starts_with(EXCEPT)
}

/// «من مساء», «من صباح»: a part of the day after «من» that sets the hour of
/// a time ending at `end`.
fn part_after_min(cx: &Cx<'_>, end: usize, parts: &[Hit<'_, DayPart>]) -> Option<DayPart> {
    let (s, _) = cx.marker_after(end, &[DateMarker::From])?;
    if &cx.text[s.start..s.end] != "من" {
        return None;
    }
    let at = skip_spaces(cx.text, s.end);
    parts
        .iter()
        .find(|p| word_start_of(cx.text, p.span.start) == at && p.word_start == at)
        .map(|p| *p.value)
}

/// A 24-hour hour from a 12-hour one and a part of the day.
pub(in crate::annotate) fn to_24h(h: u8, part: Option<DayPart>) -> u8 {
    match part {
        Some(DayPart::Afternoon | DayPart::Evening) if h < 12 => h + 12,
        Some(DayPart::Noon | DayPart::Midday) if h < 6 => h + 12,
        Some(DayPart::Night) if (6..12).contains(&h) => h + 12,
        Some(DayPart::Morning | DayPart::Dawn | DayPart::Midnight | DayPart::Night) if h == 12 => 0,
        _ => h % 24,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_hour_clock() {
        assert_eq!(to_24h(3, Some(DayPart::Evening)), 15);
        assert_eq!(to_24h(12, Some(DayPart::Evening)), 12);
        assert_eq!(to_24h(12, Some(DayPart::Morning)), 0);
        assert_eq!(to_24h(2, Some(DayPart::Noon)), 14);
        assert_eq!(to_24h(12, Some(DayPart::Noon)), 12);
        assert_eq!(to_24h(11, Some(DayPart::Night)), 23);
        assert_eq!(to_24h(1, Some(DayPart::Night)), 1);
        assert_eq!(to_24h(12, Some(DayPart::Night)), 0);
        assert_eq!(to_24h(3, Some(DayPart::Dawn)), 3);
        assert_eq!(to_24h(15, Some(DayPart::Evening)), 15);
        assert_eq!(to_24h(24, None), 0);
    }
}
