/*!
The pipeline: one raw document in, one record out.

```text
RawDoc ──► text (HTML: article extraction, furniture removed)
       ──► Document (normalised view, lines, furniture mask, sentences)
       ──► annotators in order (cue, region, cause, number, datetime,
           duration, quantity, platform) ──► mentions
       ──► publication date (input ▸ HTML metadata ▸ dateline ▸ URL ▸ --published)
       ──► Assembler ──► incidents
       ──► Record (spans mapped back to the text, in code points)
```

A [`Pipeline`] is built once from the lexicons and shared by all threads;
[`Pipeline::process`] cannot fail: a document that cannot be read gets a
record with `error` set.
*/

use crate::annotate::cause::CauseAnnotator;
use crate::annotate::cue::CueAnnotator;
use crate::annotate::datetime::{DateTimeAnnotator, resolve};
use crate::annotate::duration::DurationAnnotator;
use crate::annotate::number::NumberAnnotator;
use crate::annotate::platform::PlatformAnnotator;
use crate::annotate::quantity::QuantityAnnotator;
use crate::annotate::region::RegionAnnotator;
use crate::annotate::{Annotator, Mention, PlatformRef, Value};
use crate::boilerplate::Boilerplate;
use crate::calendar::Date;
use crate::document::Document;
use crate::error::{DocError, DocErrorKind};
use crate::gazetteer::{Clitics, Matcher};
use crate::incident::{Assembler, Incident, Role, Status};
use crate::input::html::HtmlExtractor;
use crate::input::{Body, RawDoc};
use crate::lexicon::Lexicons;
use crate::published::{self, UrlDates};
use crate::record::*;
use crate::span::{CharOffsets, Span};

/// Per-run options that change records.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Emit every mention (`--mentions`).
    pub mentions: bool,
    /// Emit the document text (`--text`).
    pub text: bool,
    /// Reference date for documents that carry none (`--published`).
    pub published: Option<Date>,
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFrom {
    Input,
    HtmlMeta,
    Dateline,
    Url,
    Cli,
}

impl PublishedFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedFrom::Input => "input",
            PublishedFrom::HtmlMeta => "html_meta",
            PublishedFrom::Dateline => "dateline",
            PublishedFrom::Url => "url",
            PublishedFrom::Cli => "cli",
        }
    }
}

/// Everything built once.
pub struct Pipeline {
    /// Every gazetteer's surfaces in one trie: one scan per document.
    matcher: Matcher,
    boilerplate: Boilerplate,
    html: HtmlExtractor,
    annotators: Vec<Box<dyn Annotator>>,
    assembler: Assembler,
    url_dates: UrlDates,
}

impl Pipeline {
    pub fn new(lex: &Lexicons) -> Pipeline {
        let clitics = Clitics::new(&lex.clitics);
        let annotators: Vec<Box<dyn Annotator>> = vec![
            Box::new(CueAnnotator::new(lex, &clitics)),
            Box::new(RegionAnnotator::new(lex, &clitics)),
            Box::new(CauseAnnotator::new(lex, &clitics)),
            Box::new(NumberAnnotator::new(lex, &clitics)),
            Box::new(DateTimeAnnotator::new(lex, &clitics)),
            Box::new(DurationAnnotator::new(lex, &clitics)),
            Box::new(QuantityAnnotator::new(lex, &clitics)),
            Box::new(PlatformAnnotator::new(lex, &clitics)),
        ];
        let matcher = clitics.matcher();
        Pipeline {
            matcher,
            boilerplate: Boilerplate::new(lex),
            html: HtmlExtractor::new(),
            annotators,
            assembler: Assembler::new(lex),
            url_dates: UrlDates::new(),
        }
    }

    /// The record of one document. Never fails.
    pub fn process(&self, raw: RawDoc, opts: &Options) -> Record {
        let mut warnings = raw.warnings.clone();
        let body = match raw.body {
            Ok(b) => b,
            Err(e) => return error_record(raw.id, raw.path, raw.url, warnings, e),
        };
        let (text, title, html_published) = match body {
            Body::Text(t) => (t, None, None),
            Body::Html(h) => {
                let x = self.html.extract(&h);
                (self.boilerplate.strip(&x.text), x.title, x.published)
            }
        };
        if text.trim().is_empty() {
            return error_record(
                raw.id,
                raw.path,
                raw.url,
                warnings,
                DocError::new(DocErrorKind::Empty, "no text to read"),
            );
        }
        let mut doc = Document::new(raw.id.clone(), text, &self.boilerplate);
        doc.scan_with(&self.matcher);
        let mentions = self.annotate(&doc);

        let input_published = raw.published.as_deref().and_then(|p| {
            let d = Date::parse_iso(p);
            if d.is_none() {
                warnings.push(format!(
                    "input \"published\" {p:?} is not an ISO date; ignored"
                ));
            }
            d
        });
        let (published, from) = if let Some(d) = input_published {
            (Some(d), Some(PublishedFrom::Input))
        } else if let Some(d) = html_published {
            (Some(d), Some(PublishedFrom::HtmlMeta))
        } else if let Some(d) = published::dateline(&doc, &mentions) {
            (Some(d), Some(PublishedFrom::Dateline))
        } else if let Some(d) = raw.url.as_deref().and_then(|u| self.url_dates.date(u)) {
            (Some(d), Some(PublishedFrom::Url))
        } else if let Some(d) = opts.published {
            (Some(d), Some(PublishedFrom::Cli))
        } else {
            (None, None)
        };

        let mut incidents = self.assembler.assemble(&doc, &mentions, published);
        if published.is_none()
            && let Some((month, day)) = published::yearless_dateline(&doc, &mentions)
        {
            for date in incidents.iter_mut().filter_map(|i| i.date.as_mut()) {
                date.resolved.anchor_without_year(month, day);
            }
        }
        let offsets = CharOffsets::new(&doc.text);
        let out = Out {
            doc: &doc,
            offsets: &offsets,
            assembler: &self.assembler,
        };
        Record {
            schema: SCHEMA,
            id: raw.id,
            source: Source {
                path: raw.path,
                url: raw.url,
                title,
                published: published.map(|d| d.to_string()),
                published_from: from.map(PublishedFrom::as_str),
            },
            incidents: incidents.iter().map(|i| out.incident(i)).collect(),
            mentions: if opts.mentions {
                out.mentions(&mentions, published)
            } else {
                Vec::new()
            },
            warnings,
            error: None,
            text: opts.text.then(|| doc.text.clone()),
        }
    }

    /// A human-readable account of how a text was read: each sentence with
    /// every mention and cue found in it (`rasd explain`).
    pub fn explain(&self, text: &str) -> String {
        use std::fmt::Write as _;
        let mut doc = Document::new("explain".to_string(), text.to_string(), &self.boilerplate);
        doc.scan_with(&self.matcher);
        let mentions = self.annotate(&doc);
        let mut out = String::new();
        for (i, line) in doc.lines.iter().enumerate() {
            if line.furniture {
                let _ = writeln!(out, "[furniture] {}", doc.original(line.span).trim());
            }
            for (si, s) in doc
                .sentences
                .iter()
                .enumerate()
                .filter(|(_, s)| s.line == i)
            {
                let _ = writeln!(out, "[{si}] {}", doc.original(s.span));
                for m in mentions.iter().filter(|m| s.span.contains(m.span)) {
                    let what = match &m.value {
                        Value::Cue(c) => format!("cue {c:?}"),
                        Value::Number(n) => format!("number {:?} min {:?}", n.value, n.min),
                        v => format!("{v:?}"),
                    };
                    let _ = writeln!(out, "      «{}» {what}", doc.original(m.span));
                }
            }
        }
        out
    }

    /// Runs the annotators in order.
    pub fn annotate(&self, doc: &Document) -> Vec<Mention> {
        // Sized for a typical article (a mention per 10 bytes, half of
        // them cues), so that they are not copied as they grow; a huge text
        // grows from there. One buffer serves every annotator's output.
        let n = doc.ntext().len().min(1 << 20);
        let mut mentions = Vec::with_capacity(n / 8);
        let mut out = Vec::with_capacity(n / 16);
        for a in &self.annotators {
            a.annotate(doc, &mentions, &mut out);
            // Each annotator's mentions in span order: later annotators
            // that index them by position find them sorted already.
            sort_by_span(&mut out);
            mentions.append(&mut out);
        }
        sort_by_span(&mut mentions);
        mentions
    }
}

/// Puts `mentions` in order of (start, end), equal spans in their order:
/// sorted by small keys, then moved in place, since a mention is large (96
/// bytes).
fn sort_by_span(mentions: &mut [Mention]) {
    if mentions
        .windows(2)
        .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end))
    {
        return;
    }
    // One integer per mention (start, end, index: the index keeps equal
    // spans in order), which compares faster than a tuple.
    let mut keys: Vec<u128> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| (m.span.start as u128) << 80 | (m.span.end as u128) << 40 | i as u128)
        .collect();
    // A stable sort finds the runs (an annotator's, a gazetteer's) and
    // merges them.
    keys.sort();
    // Where each mention goes, followed cycle by cycle.
    let mut to = vec![0; keys.len()];
    for (k, &key) in keys.iter().enumerate() {
        to[(key & ((1 << 40) - 1)) as usize] = k;
    }
    for i in 0..to.len() {
        while to[i] != i {
            let t = to[i];
            mentions.swap(i, t);
            to.swap(i, t);
        }
    }
}

fn error_record(
    id: String,
    path: Option<String>,
    url: Option<String>,
    warnings: Vec<String>,
    e: DocError,
) -> Record {
    Record {
        schema: SCHEMA,
        id,
        source: Source {
            path,
            url,
            title: None,
            published: None,
            published_from: None,
        },
        incidents: Vec::new(),
        mentions: Vec::new(),
        warnings,
        error: Some(ErrorOut {
            kind: e.kind.as_str(),
            message: e.message,
        }),
        text: None,
    }
}

/// Turns internal values into record values for one document.
struct Out<'a> {
    doc: &'a Document,
    offsets: &'a CharOffsets<'a>,
    assembler: &'a Assembler,
}

impl Out<'_> {
    /// The text and code-point span of a normalised span.
    fn locate(&self, span: Span) -> (String, SpanOut) {
        let o = self.doc.norm.to_original(span);
        (
            self.doc.text[o.start..o.end].to_string(),
            self.offsets.span(o),
        )
    }

    fn platform(&self, p: &PlatformRef) -> (String, String) {
        match p {
            PlatformRef::Catalog(i) => {
                let row = self.assembler.platform(*i);
                (row.id.clone(), row.name.clone())
            }
            PlatformRef::Family(f, Some(cc)) => (
                format!("{}_{cc}", f.prefix()),
                format!("{} ({})", f.display(), cc.to_uppercase()),
            ),
            // Only in mentions: incidents drop a family without a country.
            PlatformRef::Family(f, None) => (
                f.prefix().to_string(),
                format!("{} (country not stated)", f.display()),
            ),
        }
    }

    fn incident(&self, i: &Incident) -> IncidentOut {
        IncidentOut {
            role: match i.role {
                Role::Primary => "primary",
                Role::Related => "related",
            },
            platforms: i
                .platforms
                .iter()
                .filter(|(_, p)| !matches!(p, PlatformRef::Family(_, None)))
                .map(|(s, p)| {
                    let (id, name) = self.platform(p);
                    let (text, span) = self.locate(*s);
                    PlatformOut {
                        id,
                        name,
                        text,
                        span,
                    }
                })
                .collect(),
            date: i.date.as_ref().map(|d| {
                let (text, span) = self.locate(d.span);
                DateOut {
                    fields: DateFields::new(&d.resolved, d.time.as_ref()),
                    text,
                    span,
                }
            }),
            duration: i.duration.as_ref().map(|(s, d)| {
                let (text, span) = self.locate(*s);
                DurationOut {
                    fields: DurationFields::new(d),
                    text,
                    span,
                }
            }),
            affected: i
                .affected
                .iter()
                .map(|(s, q)| {
                    let (text, span) = self.locate(*s);
                    QuantityOut {
                        fields: QuantityFields::new(q),
                        text,
                        span,
                    }
                })
                .collect(),
            causes: i
                .causes
                .iter()
                .map(|(s, c, st)| {
                    let (text, span) = self.locate(*s);
                    CauseOut {
                        category: *c,
                        status: *st,
                        text,
                        span,
                    }
                })
                .collect(),
            regions: i
                .regions
                .iter()
                .map(|(s, r)| {
                    let (text, span) = self.locate(*s);
                    RegionOut {
                        id: r.clone(),
                        text,
                        span,
                    }
                })
                .collect(),
            status: i.status.map(|s| match s {
                Status::Resolved => "resolved",
                Status::Ongoing => "ongoing",
            }),
            evidence: i.evidence.iter().map(|s| self.locate(*s).1).collect(),
        }
    }

    fn mentions(&self, mentions: &[Mention], published: Option<Date>) -> Vec<MentionOut> {
        mentions
            .iter()
            .filter_map(|m| {
                let kind = m.value.kind()?;
                let fields = match &m.value {
                    Value::Quantity(q) => MentionFields::Quantity(QuantityFields::new(q)),
                    Value::Date(e) => {
                        MentionFields::Date(DateFields::new(&resolve(e, published), None))
                    }
                    Value::Time(t) => MentionFields::Time {
                        time: format!("{:02}:{:02}", t.hour, t.minute),
                        tz: tz_name(t.tz.as_ref()),
                    },
                    Value::Duration(d) => MentionFields::Duration(DurationFields::new(d)),
                    Value::Platform(p) => {
                        let (id, name) = self.platform(p);
                        MentionFields::Platform { id, name }
                    }
                    Value::Cause(c) => MentionFields::Cause {
                        category: *c,
                        status: crate::incident::mention_status(mentions, self.doc, m.span),
                    },
                    Value::Region(r) => MentionFields::Region { id: (**r).clone() },
                    Value::Cue(_) | Value::Number(_) => return None,
                };
                let (text, span) = self.locate(m.span);
                Some(MentionOut {
                    kind,
                    text,
                    span,
                    fields,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Cue;
    use crate::vocab::OutageCue;

    #[test]
    fn mentions_sort_by_span_keeping_ties_in_order() {
        let m = |a, b, cue| Mention {
            span: Span::new(a, b),
            value: Value::Cue(Cue::Outage(cue)),
        };
        let input = vec![
            m(5, 9, OutageCue::Outage),
            m(0, 3, OutageCue::Past),
            m(5, 9, OutageCue::Deny),
            m(5, 7, OutageCue::Outage),
            m(0, 3, OutageCue::Outage),
        ];
        let mut input = input;
        sort_by_span(&mut input);
        let got: Vec<(usize, usize, Value)> = input
            .into_iter()
            .map(|m| (m.span.start, m.span.end, m.value))
            .collect();
        let cue = |c| Value::Cue(Cue::Outage(c));
        assert_eq!(
            got,
            vec![
                (0, 3, cue(OutageCue::Past)),
                (0, 3, cue(OutageCue::Outage)),
                (5, 7, cue(OutageCue::Outage)),
                (5, 9, cue(OutageCue::Outage)),
                (5, 9, cue(OutageCue::Deny)),
            ]
        );
    }

    proptest::proptest! {
        /// The in-place sort is a stable sort by (start, end).
        #[test]
        fn sort_by_span_is_a_stable_sort(spans in proptest::collection::vec((0usize..6, 0usize..3), 0..40)) {
            let mentions: Vec<Mention> = spans
                .iter()
                .enumerate()
                .map(|(i, &(a, l))| Mention {
                    span: Span::new(a, a + l),
                    value: Value::Region(Box::new(i.to_string())),
                })
                .collect();
            let mut want = mentions.clone();
            want.sort_by_key(|m| (m.span.start, m.span.end));
            let mut got = mentions;
            sort_by_span(&mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
