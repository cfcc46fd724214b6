/*!
The output record, schema version 1 (`record.md`, `record.schema.json`).

One JSON object per input document, one per line:

```text
{"schema": 1, "id": ..., "source": {"path", "url", "title", "published", "published_from"},
 "incidents": [...], "mentions": [...], "warnings": [...], "error": null | {"kind", "message"}}
```

Every field is always present; absent facts are `null` or `[]`. An incident
has `role`, `platforms` (`id`, `name`, `text`, `span`), `date` (`value`,
`precision`, `weekday`, `relative`, `time`, `tz`, `text`, `span`),
`duration` (`seconds`, `min`, `max`, `qualifier`, `iso8601`, `text`,
`span`), `affected` (`value`, `min`, `max`, `qualifier`, `unit`, `peak`,
`text`, `span`), `causes` (`category`, `status`, `text`, `span`), `regions`
(`id`, `text`, `span`), `status` and `evidence` (sentence spans).

Spans are `[start, end)` in code points of the document text (the input for
plain text, the extracted article text for HTML, emitted with `--text`), and
`text` is exactly that slice. Numbers that are whole are written as integers.

This module only turns typed values into this shape; every decision was made
before.
*/

use serde::Serialize;

use crate::annotate::datetime::Resolved;
use crate::annotate::{ClockTime, DurationValue, Quantity};
use crate::lexicon::Tz;
use crate::vocab::*;

/// The schema version written in every record.
pub const SCHEMA: u32 = 1;

/// A number written as an integer when it is whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

fn num(v: Option<f64>) -> Option<Num> {
    v.map(Num)
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    pub source: Source,
    pub incidents: Vec<IncidentOut>,
    pub mentions: Vec<MentionOut>,
    pub warnings: Vec<String>,
    pub error: Option<ErrorOut>,
    /// The document text, with `--text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub path: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ErrorOut {
    pub kind: &'static str,
    pub message: String,
}

pub type SpanOut = [usize; 2];

#[derive(Debug, Serialize)]
pub struct IncidentOut {
    pub role: &'static str,
    pub platforms: Vec<PlatformOut>,
    pub date: Option<DateOut>,
    pub duration: Option<DurationOut>,
    pub affected: Vec<QuantityOut>,
    pub causes: Vec<CauseOut>,
    pub regions: Vec<RegionOut>,
    pub status: Option<&'static str>,
    pub evidence: Vec<SpanOut>,
}

#[derive(Debug, Serialize)]
pub struct PlatformOut {
    pub id: String,
    pub name: String,
    pub text: String,
    pub span: SpanOut,
}

#[derive(Debug, Serialize)]
pub struct Relative {
    pub days: i32,
}

#[derive(Debug, Serialize)]
pub struct DateFields {
    pub value: Option<String>,
    pub precision: Option<&'static str>,
    pub weekday: Option<Weekday>,
    pub relative: Option<Relative>,
    pub time: Option<String>,
    pub tz: Option<String>,
}

impl DateFields {
    pub fn new(r: &Resolved, time: Option<&ClockTime>) -> DateFields {
        DateFields {
            value: r.value.clone(),
            precision: r.precision.map(|p| p.as_str()),
            weekday: r.weekday,
            relative: r.relative_days.map(|days| Relative { days }),
            time: time.map(|t| format!("{:02}:{:02}", t.hour, t.minute)),
            tz: time.and_then(|t| tz_name(t.tz.as_ref())),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DateOut {
    #[serde(flatten)]
    pub fields: DateFields,
    pub text: String,
    pub span: SpanOut,
}

#[derive(Debug, Serialize)]
pub struct DurationFields {
    pub seconds: Option<Num>,
    pub min: Option<Num>,
    pub max: Option<Num>,
    pub qualifier: Qualifier,
    pub iso8601: Option<String>,
}

impl DurationFields {
    pub fn new(d: &DurationValue) -> DurationFields {
        DurationFields {
            seconds: num(d.seconds.map(f64::round)),
            min: num(d.min.map(f64::round)),
            max: num(d.max.map(f64::round)),
            qualifier: d.qualifier,
            iso8601: d.seconds.map(iso8601),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DurationOut {
    #[serde(flatten)]
    pub fields: DurationFields,
    pub text: String,
    pub span: SpanOut,
}

#[derive(Debug, Serialize)]
pub struct QuantityFields {
    pub value: Option<Num>,
    pub min: Option<Num>,
    pub max: Option<Num>,
    pub qualifier: Qualifier,
    pub unit: Option<Unit>,
    pub peak: bool,
}

impl QuantityFields {
    pub fn new(q: &Quantity) -> QuantityFields {
        QuantityFields {
            value: num(q.value),
            min: num(q.min),
            max: num(q.max),
            qualifier: q.qualifier,
            unit: q.unit,
            peak: q.peak,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct QuantityOut {
    #[serde(flatten)]
    pub fields: QuantityFields,
    pub text: String,
    pub span: SpanOut,
}

#[derive(Debug, Serialize)]
pub struct CauseOut {
    pub category: CauseCategory,
    pub status: CauseStatus,
    pub text: String,
    pub span: SpanOut,
}

#[derive(Debug, Serialize)]
pub struct RegionOut {
    pub id: String,
    pub text: String,
    pub span: SpanOut,
}

/// The fields a mention carries besides `kind`, `text` and `span`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum MentionFields {
    Quantity(QuantityFields),
    Date(DateFields),
    Time {
        time: String,
        tz: Option<String>,
    },
    Duration(DurationFields),
    Platform {
        id: String,
        name: String,
    },
    Cause {
        category: CauseCategory,
        status: CauseStatus,
    },
    Region {
        id: String,
    },
}

#[derive(Debug, Serialize)]
pub struct MentionOut {
    pub kind: &'static str,
    pub text: String,
    pub span: SpanOut,
    #[serde(flatten)]
    pub fields: MentionFields,
}

/// The record's name of a zone (`None` for local time).
pub fn tz_name(tz: Option<&Tz>) -> Option<String> {
    match tz {
        Some(Tz::Iana(n)) => Some(n.clone()),
        _ => None,
    }
}

/// ISO 8601 duration of `seconds` (`PT3H`, `PT1H30M`, `P2D`).
pub fn iso8601(seconds: f64) -> String {
    let total = seconds.round().max(0.0) as u64;
    if total == 0 {
        return "PT0S".to_string();
    }
    let days = total / 86_400;
    let rest = total % 86_400;
    let mut out = String::from("P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if rest > 0 {
        out.push('T');
        let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if s > 0 {
            out.push_str(&format!("{s}S"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(iso8601(10800.0), "PT3H");
        assert_eq!(iso8601(5400.0), "PT1H30M");
        assert_eq!(iso8601(172800.0), "P2D");
        assert_eq!(iso8601(90000.0), "P1DT1H");
        assert_eq!(iso8601(36.0), "PT36S");
    }

    #[test]
    fn whole_numbers_are_integers() {
        assert_eq!(serde_json::to_string(&Num(50000.0)).unwrap(), "50000");
        assert_eq!(serde_json::to_string(&Num(2.5)).unwrap(), "2.5");
    }
}
