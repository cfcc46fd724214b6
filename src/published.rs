/*!
The publication date of a document, when the input metadata and the page's
markup do not give it: a dateline in the text, or a date in the URL.

A dateline is a full date after a dateline word («تم النشر:», «نشر في»,
`date_markers.tsv`) on one of the first lines, or a full date standing nearly
alone on a line below the headline («١٤ يوليو ٢٠٢٢»); a date line above the
headline is a masthead unless a place stands before it («الرياض | ...»),
and dates further down are sidebars or other
stories. The URL gives `/2025/11/4/` or `2017-07-03-`.
*/

use regex::Regex;

use crate::annotate::datetime::resolve;
use crate::annotate::{Cue, DateExpr, Mention, Value, words_in};
use crate::calendar::Date;
use crate::document::Document;
use crate::span::Span;
use crate::vocab::DateMarker;

/// Lines from the top of a text where a dateline may stand.
const DATELINE_LINES: usize = 8;

/// Words besides the date (and a clock time) a dateline may hold: a city
/// («دمشق –»), a separator word, a section name.
const DATELINE_EXTRA_WORDS: usize = 3;

/// The publication date written in the text: a full date after a dateline
/// word («تم النشر:», «نشر في», `date_markers.tsv`) on one of the first lines,
/// or a full date standing nearly alone on a line below the headline
/// («١٤ يوليو ٢٠٢٢», «الأربعاء، 10 ديسمبر 2025 02:15 م», «دمشق – ٤ تشرين الثاني
/// ٢٠٢٥»). A date line above the headline is the page's masthead (the day
/// the page was printed or scraped), not the article's date.
pub fn dateline(doc: &Document, mentions: &[Mention]) -> Option<Date> {
    find_dateline(doc, mentions, |e| resolve(e, None).date)
}

/// The day and month of a dateline that gives no year («الرباط - 14 أكتوبر
/// (رويترز) -», common in wire copy), when no full dateline is found: the
/// day the story's «اليوم» (today) and «أمس» (yesterday) count from.
pub fn yearless_dateline(doc: &Document, mentions: &[Mention]) -> Option<(u8, u8)> {
    find_dateline(doc, mentions, |e| match (e.year, e.month, e.day) {
        (None, Some(m), Some(d)) if e.relative_years.is_none() => Some((m, d)),
        _ => None,
    })
}

/// The first date on the top lines that `accept` takes and that stands as
/// a dateline (module docs).
fn find_dateline<T>(
    doc: &Document,
    mentions: &[Mention],
    accept: impl Fn(&DateExpr) -> Option<T>,
) -> Option<T> {
    let text = doc.ntext();
    let top: Vec<usize> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.furniture && !text[l.span.start..l.span.end].trim().is_empty())
        .map(|(i, _)| i)
        .take(DATELINE_LINES)
        .collect();
    for (rank, &li) in top.iter().enumerate() {
        let line = doc.lines[li].span;
        // The line's mentions (sorted by start): a line may be the whole
        // text.
        let from = mentions.partition_point(|m| m.span.start < line.start);
        let to = mentions.partition_point(|m| m.span.start < line.end);
        let on_line: Vec<&Mention> = mentions[from..to.max(from)]
            .iter()
            .filter(|m| line.contains(m.span))
            .collect();
        let Some((span, date)) = on_line.iter().find_map(|m| match &m.value {
            Value::Date(e) => accept(e).map(|d| (m.span, d)),
            _ => None,
        }) else {
            continue;
        };
        let before: Vec<&&Mention> = on_line
            .iter()
            .take_while(|m| m.span.start < span.start)
            .collect();
        let marked = before
            .iter()
            .any(|c| c.value.is_cue(Cue::Date(DateMarker::Dateline)) && c.span.end <= span.start);
        if marked {
            return Some(date);
        }
        // The words of the line outside its dates and times, as far as a
        // dateline may have them.
        let covered: Vec<Span> = on_line
            .iter()
            .filter(|m| matches!(m.value, Value::Date(_) | Value::Time(_)))
            .map(|m| m.span)
            .collect();
        // A byline after the date («– كتب: رامي الخطيب») ends what is
        // counted: the writer's name is no story text.
        let end = on_line
            .iter()
            .find(|m| m.value.is_cue(Cue::Date(DateMarker::Byline)) && m.span.start >= span.end)
            .map_or(line.end, |m| m.span.start);
        let extra = words_in(text, line.start, end)
            .iter()
            .filter(|w| !covered.iter().any(|c| c.contains(**w)))
            .take(DATELINE_EXTRA_WORDS + 1)
            .count();
        // A place before the date («الرياض | الاثنين ١٤ يوليو ٢٠٢٥») is a
        // dateline even above the headline: mastheads carry no place.
        let first_word = words_in(text, line.start, span.start)
            .first()
            .map(|w| w.start);
        let placed = before.iter().any(|m| {
            matches!(m.value, Value::Region(_))
                && m.span.end <= span.start
                && first_word.is_none_or(|w| m.span.start <= w)
        });
        // So is a section label before a bar («تكنولوجيا | الثلاثاء ١٧
        // نوفمبر ٢٠٢٦»): the page's furniture names no section.
        let labelled = section_label(&text[line.start..span.start]);
        if (rank > 0 || placed || labelled) && extra <= DATELINE_EXTRA_WORDS {
            return Some(date);
        }
        // A wire dateline that opens the first paragraph: a place, the
        // date, the agency in brackets and a dash before the story
        // («صفاقس، 19 فيفري 2025 (وات) - شهدت ...»).
        if placed && wire_dash(&text[span.end..line.end]) {
            return Some(date);
        }
    }
    None
}

/// Most words a section label before a dateline's bar may have
/// («علوم وتكنولوجيا |»).
const SECTION_LABEL_WORDS: usize = 2;

/// True when `before`, the line before a date, is a short label closed by a
/// bar: a section or place name («تكنولوجيا |», «اقتصاد |»).
fn section_label(before: &str) -> bool {
    let Some(label) = before.trim_end().strip_suffix('|') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=SECTION_LABEL_WORDS).contains(&words) && !label.contains(['|', ':'])
}

/// True when `rest`, the line after a date, starts with an optional
/// bracketed agency of a few words and then a dash.
fn wire_dash(rest: &str) -> bool {
    let mut rest = rest.trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let Some(close) = inner.find(')') else {
            return false;
        };
        if inner[..close].split_whitespace().count() > DATELINE_EXTRA_WORDS {
            return false;
        }
        rest = inner[close + 1..].trim_start();
    }
    rest.starts_with(['-', '–', '—'])
}

/// Reads dates in URLs; built once.
pub struct UrlDates {
    pattern: Regex,
}

impl Default for UrlDates {
    fn default() -> Self {
        Self::new()
    }
}

impl UrlDates {
    pub fn new() -> UrlDates {
        UrlDates {
            pattern: Regex::new(
                r"(?:^|[/_-])((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)",
            )
            .expect("constant regex"),
        }
    }

    /// A date in a URL path (`/2025/11/4/`, `2017-07-03-`).
    pub fn date(&self, url: &str) -> Option<Date> {
        let c = self.pattern.captures(url)?;
        Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_dates() {
        let u = UrlDates::new();
        assert_eq!(
            u.date("https://x.net/news/2025/11/4/story"),
            Date::new(2025, 11, 4)
        );
        assert_eq!(
            u.date("https://x.net/2017-07-03-whatsapp-down"),
            Date::new(2017, 7, 3)
        );
        assert_eq!(
            u.date("https://x.net/ar/2021/4/27/internet-cut"),
            Date::new(2021, 4, 27)
        );
        assert_eq!(u.date("https://x.net/2024/02/30/x"), None);
        assert_eq!(u.date("https://x.net/p/4E9dO"), None);
        assert_eq!(u.date("https://x.net/item/20250405123"), None);
    }
}
