/*!
The publication date of a document, when the input metadata and the page's
markup do not give it: a dateline in the text, or a date in the URL.

A dateline is a full date standing on its own on one of the first lines
(«١٤ يوليو ٢٠٢٢»), or any full date after a dateline word («تم النشر:»,
«نشر في», `date_markers.tsv`). The URL gives `/2025/11/4/` or `2017-07-03-`.
*/

use regex::Regex;

use crate::annotate::datetime::resolve;
use crate::annotate::{Cue, Mention, Value};
use crate::calendar::Date;
use crate::document::Document;
use crate::vocab::DateMarker;

/// Lines from the top of a text where a dateline may stand.
const DATELINE_LINES: usize = 12;

/// A full date on its own near the top of the text («١٤ يوليو ٢٠٢٢»),
/// or after a dateline word («تم النشر: ...»).
pub fn dateline(doc: &Document, mentions: &[Mention]) -> Option<Date> {
    let text = doc.ntext();
    let top: Vec<usize> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.furniture && !text[l.span.start..l.span.end].trim().is_empty())
        .map(|(i, _)| i)
        .take(DATELINE_LINES)
        .collect();
    for m in mentions {
        let Value::Date(e) = &m.value else { continue };
        let (Some(_), Some(_), Some(_)) = (e.year, e.month, e.day) else {
            continue;
        };
        let line_i = doc.line_at(m.span.start);
        let line = doc.lines[line_i];
        let marked = mentions.iter().any(|c| {
            c.value == Value::Cue(Cue::Date(DateMarker::Dateline)) && line.span.contains(c.span)
        });
        let words = crate::annotate::words_in(text, line.span.start, line.span.end).len();
        let date_words = crate::annotate::words_in(text, m.span.start, m.span.end).len();
        let short = words <= date_words + 4;
        if marked || (top.contains(&line_i) && short) {
            return resolve(e, None).date;
        }
    }
    None
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
        assert_eq!(u.date("https://x.net/p/4E9dO"), None);
    }
}
