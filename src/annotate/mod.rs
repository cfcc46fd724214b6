/*!
Annotators: each finds one kind of typed mention in a document.

Every annotator implements [`Annotator`]: it is built once from the
[`Lexicons`](crate::lexicon::Lexicons) (all automata and regexes compiled in
`new`), shared by all threads, and cannot fail at run time. They run in a
fixed order, and each sees the mentions of those before it (`prior`), the way
Duckling rules build on earlier tokens:

1. [`cue::CueAnnotator`] — the small words the others and the assembler read:
   outage, restoration, past and denial cues; cause connectives and
   attribution verbs; platform roles; qualifiers; count, duration and date
   markers. Cues are internal: they never appear in a record.
2. [`region::RegionAnnotator`] — countries and areas.
3. [`cause::CauseAnnotator`] — cause phrases, with a category.
4. [`number::NumberAnnotator`] — numbers in digits and words (internal).
5. [`datetime::DateTimeAnnotator`] — dates and clock times.
6. [`duration::DurationAnnotator`] — durations.
7. [`quantity::QuantityAnnotator`] — counts with unit and qualifier, from the
   numbers that are not part of a date, time or duration.
8. [`platform::PlatformAnnotator`] — service names (last, so that a
   country's internet does not take its country from a time zone).

Spans are byte ranges of the normalised text; the pipeline maps them back to
the original when it writes the record.
*/

pub mod cause;
pub mod cue;
pub mod datetime;
pub mod duration;
pub mod number;
pub mod platform;
pub mod quantity;
pub mod region;

use crate::document::Document;
use crate::lexicon::{Family, Tz};
use crate::span::Span;
use crate::vocab::*;

/// One typed mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte range of the normalised text.
    pub span: Span,
    pub value: Value,
}

/// What a mention says. Most mentions are cues of two bytes: the larger
/// values are boxed so that a mention is 32 bytes, not 96, and the passes
/// over a document's mentions read a third of the memory.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Cue(Cue),
    Number(Box<Number>),
    Platform(Box<PlatformRef>),
    Region(Box<String>),
    Cause(CauseCategory),
    Quantity(Box<Quantity>),
    Date(Box<DateExpr>),
    Time(Box<ClockTime>),
    Duration(Box<DurationValue>),
}

impl Value {
    /// True when this is the cue `cue` (cheaper than `==` on a built value).
    #[inline]
    pub fn is_cue(&self, cue: Cue) -> bool {
        matches!(self, Value::Cue(c) if *c == cue)
    }

    /// The record's `kind` for mentions that are emitted.
    pub fn kind(&self) -> Option<&'static str> {
        Some(match self {
            Value::Cue(_) | Value::Number(_) => return None,
            Value::Platform(_) => "platform",
            Value::Region(_) => "region",
            Value::Cause(_) => "cause",
            Value::Quantity(_) => "quantity",
            Value::Date(_) => "date",
            Value::Time(_) => "time",
            Value::Duration(_) => "duration",
        })
    }
}

/// An internal cue word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Outage(OutageCue),
    Cause(CauseCue),
    Platform(PlatformCue),
    Count(CountCue),
    Duration(DurationCue),
    Date(DateMarker),
    Qualifier(Qualifier, Position),
}

/// A number read from digits and/or words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// The value; `None` for a vague amount («آلاف»).
    pub value: Option<f64>,
    /// For a vague amount, its scale (آلاف → 1000).
    pub min: Option<f64>,
    /// Written with digits (at least in part).
    pub digits: bool,
    /// An ordinal word (الخامس).
    pub ordinal: bool,
    /// The largest scale word it was written with (15 ألفا → 1000), so
    /// that the first end of a range can borrow it (بين 10 و15 ألفا).
    pub scale: Option<f64>,
}

/// A platform mention: which service.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlatformRef {
    /// Index into the catalogue.
    Catalog(u16),
    /// A family with its country code (`internet_iq`), or without one when
    /// the text does not say which country.
    Family(Family, Option<String>),
}

/// A count.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub unit: Option<Unit>,
    /// The text calls it a peak (ذروة).
    pub peak: bool,
    /// A user base or market size, not an affected count.
    pub base: bool,
    /// A later, smaller figure (انخفض إلى).
    pub decline: bool,
    /// The text says the counted were affected (المتضررين, حُرم).
    pub affected: bool,
}

/// A date expression as written, before resolution against the
/// publication date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateExpr {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub weekday: Option<Weekday>,
    /// Days relative to the publication date (أمس = -1).
    pub relative_days: Option<i32>,
    /// Weeks relative to the publication week (الأسبوع الماضي = -1).
    pub relative_weeks: Option<i32>,
    /// Months relative to the publication month (الشهر الماضي = -1).
    pub relative_months: Option<i32>,
    /// Years relative to the publication year (العام الماضي = -1).
    pub relative_years: Option<i32>,
    /// الماضي / المقبل / الجاري after a month or weekday.
    pub direction: Option<DateMarker>,
    pub part: Option<DayPart>,
    pub time: Option<(u8, u8)>,
    pub tz: Option<Tz>,
    /// Written as a Hijri date (already converted to Gregorian).
    pub hijri: bool,
    /// A Hijri (month, day) written without a year: converted once the
    /// publication date gives the Hijri year.
    pub hijri_day: Option<(u8, u8)>,
    /// A Hijri month written without a day or year («رمضان الماضي»):
    /// the Gregorian month of its middle, once the publication date gives
    /// the Hijri year.
    pub hijri_month: Option<u8>,
}

/// A clock time.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
    pub tz: Option<Tz>,
    /// The part of the day written with it («مساء»), if any.
    pub part: Option<DayPart>,
}

/// A duration.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationValue {
    /// Best single value; `None` for vague durations («لساعات»).
    pub seconds: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    /// What the words around it say it is.
    pub cue: Option<DurationCue>,
    /// Its sentence speaks of an outage (an outage, restoration or ongoing
    /// word): an unmarked duration elsewhere («بالحبس من سنة إلى 3
    /// سنوات») measures something else.
    pub about_outage: bool,
}

/// An annotator: finds one kind of mention.
pub trait Annotator: Send + Sync {
    /// A short name for diagnostics.
    fn name(&self) -> &'static str;

    /// Appends this annotator's mentions of `doc` to `out`; `prior` holds the
    /// mentions of the annotators that ran before.
    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>);
}

/// Mentions of one kind, in text order.
pub fn cues(mentions: &[Mention]) -> impl Iterator<Item = (Span, Cue)> + '_ {
    mentions.iter().filter_map(|m| match &m.value {
        Value::Cue(c) => Some((m.span, *c)),
        _ => None,
    })
}

/// The numbers among `mentions`.
pub fn numbers(mentions: &[Mention]) -> impl Iterator<Item = (Span, &Number)> + '_ {
    mentions.iter().filter_map(|m| match &m.value {
        Value::Number(n) => Some((m.span, &**n)),
        _ => None,
    })
}

/// Quotation marks (« » " “ ” '), which may stand around a name or a
/// quoted word without changing what is read.
pub fn is_quote(c: char) -> bool {
    matches!(c, '«' | '»' | '"' | '“' | '”' | '\'')
}

/// Skips spaces (not newlines) forward from `pos` in `text`.
pub fn skip_spaces(text: &str, pos: usize) -> usize {
    pos + text[pos..].len() - text[pos..].trim_start_matches([' ', '\u{2009}']).len()
}

/// Skips spaces (not newlines) backward from `pos` in `text`.
pub fn skip_spaces_back(text: &str, pos: usize) -> usize {
    text[..pos].trim_end_matches([' ', '\u{2009}']).len()
}

/// The first byte at or after `from` that `wanted` accepts (`bytes.len()`
/// if none). Most of a text has no digit, so scans for digits skip 16 bytes
/// at a time with one vectorised test.
#[inline]
pub fn next_byte(bytes: &[u8], mut from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    while let Some(chunk) = bytes.get(from..from + 16) {
        if chunk.iter().fold(false, |acc, &b| acc | wanted(b)) {
            break;
        }
        from += 16;
    }
    bytes[from.min(bytes.len())..]
        .iter()
        .position(|&b| wanted(b))
        .map_or(bytes.len(), |i| from + i)
}

/// The number of words in `text[from..to]`, counting no further than
/// `cap + 1`: callers ask "at most `cap` words?", and the answer must not
/// cost a scan of a megabyte gap.
pub fn word_count(text: &str, from: usize, to: usize, cap: usize) -> usize {
    if from >= to {
        return 0;
    }
    let mut n = 0;
    let mut in_word = false;
    for c in text[from..to].chars() {
        if crate::normalize::is_word_char(c) {
            if !in_word {
                n += 1;
                if n > cap {
                    return n;
                }
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

/// The words of `text[from..to]`, as spans.
pub fn words_in(text: &str, from: usize, to: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[from..to].char_indices() {
        let at = from + i;
        if crate::normalize::is_word_char(c) {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(Span::new(s, at));
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::next_byte;

    #[test]
    fn next_byte_finds_the_first_wanted_byte_across_chunks() {
        let digit = |b: u8| b.is_ascii_digit();
        for at in [0, 5, 15, 16, 17, 31, 32, 40] {
            let mut bytes = vec![b'x'; 41];
            bytes[at] = b'7';
            for from in 0..=at {
                assert_eq!(next_byte(&bytes, from, digit), at, "at {at} from {from}");
            }
            assert_eq!(next_byte(&bytes, at + 1, digit), bytes.len());
        }
        assert_eq!(next_byte(b"", 0, digit), 0);
    }
}
