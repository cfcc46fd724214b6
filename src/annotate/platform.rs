/*!
Service names (`platform_names.tsv`).

Guards from the lexicon decide ambiguous names: a `case` name must match the
original's letter case (X, WE); a `cue` name (زين, اتصالات, جوال) counts only
when the text marks it as a name:

- right after a service word of `platform_cues.tsv`, with nothing between
  and no proclitic on the name («شركة زين»; not «شركة زين للاتصالات» for
  اتصالات, nor «للخدمة لأسباب أمنية» for أمنية);
- in quotes («"زين"», «زين»);
- in a list right after another service of the same kind («أورانج
  واتصالات», «فودافون، اتصالات»);
- next to another name of the same service («إكس (تويتر سابقاً)»).

Names whose id is `-` are phrases that contain a name but are no service
(«أشعة إكس»): a name inside one does not count.

Families (`internet_*`, `phone_*`, `gov_sites_*`) take their country from the
nearest country, demonym or city in the same sentence that is not part of a
clock time's zone («بتوقيت القاهرة»; this is why platforms run after times),
else from the country the document speaks of most (unless it speaks of the
whole world). In a sentence or an
article whose headline names a telecom operator, «الإنترنت» is that
operator's service, not the country's, unless the sentence states a
government shutdown: the family then gets no country.

Bare brands (`zain_*`: زين, فودافون, أورنج, أوريدو ...) become the national
row the brand owns (`zain_iq`) in the country the context names: a country
of the brand in the same sentence, else the nearest national name of the
same brand in the document («زين العراق» ... «زين»), else the document's main
country; with none of these the name is dropped. A national row that owns
rows abroad (stc → stc_kw, stc_bh) moves the same way when the context names
one of those countries.
*/

use std::collections::HashMap;

use super::{Annotator, Cue, Mention, PlatformRef, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit, select_longest};
use crate::lexicon::{Lexicons, PlatformKey, PlatformName};
use crate::span::Span;
use crate::vocab::{CauseCategory, PlatformCue};

pub struct PlatformAnnotator {
    names: Gazetteer<PlatformName>,
    raws: Vec<String>,
    /// Kind of each catalogue row (`telecom`, `social` ...).
    kinds: Vec<String>,
    /// Country of each catalogue row.
    countries: Vec<Option<String>>,
    /// For each brand of `Lexicons::brands`, its national rows.
    brand_rows: Vec<Vec<u16>>,
    /// For each catalogue row, the national rows it owns in other countries.
    abroad: Vec<Vec<u16>>,
}

/// How far (in bytes of normalised text) another name of the same service
/// may be to license a `cue` name.
const PARTNER_WINDOW: usize = 40;

/// The region id of the whole world.
const WORLDWIDE: &str = "global";

/// The catalogue kind of telecom operators.
const OPERATOR_KIND: &str = "telecom";

/// Quotation marks that set a name apart («زين», "زين").
const QUOTES: &[char] = &['«', '»', '"', '“', '”', '„', '\''];

impl PlatformAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> PlatformAnnotator {
        let rows = &lex.platforms;
        let owned_by = |owner: &str, except: Option<&str>| -> Vec<u16> {
            rows.iter()
                .enumerate()
                .filter(|(_, p)| {
                    p.owner.as_deref() == Some(owner)
                        && p.country.is_some()
                        && p.country.as_deref() != except
                })
                .map(|(i, _)| i as u16)
                .collect()
        };
        PlatformAnnotator {
            names: Gazetteer::new(&lex.platform_names, clitics),
            raws: lex.platform_names.iter().map(|e| e.raw.clone()).collect(),
            kinds: rows.iter().map(|p| p.kind.clone()).collect(),
            countries: rows.iter().map(|p| p.country.clone()).collect(),
            brand_rows: lex.brands.iter().map(|b| owned_by(b, None)).collect(),
            abroad: rows
                .iter()
                .map(|p| match &p.country {
                    Some(cc) => owned_by(&p.id, Some(cc)),
                    None => Vec::new(),
                })
                .collect(),
        }
    }

    /// The catalogue kind a name stands for (a brand: its rows' kind).
    fn kind_of(&self, key: PlatformKey) -> Option<&str> {
        match key {
            PlatformKey::Catalog(i) => Some(&self.kinds[i as usize]),
            PlatformKey::Brand(b) => self.brand_rows[b as usize]
                .first()
                .map(|&i| self.kinds[i as usize].as_str()),
            PlatformKey::Family(_) | PlatformKey::NotAService => None,
        }
    }

    /// The national rows a name may stand for, and the row it stands for when
    /// the context names none of their countries.
    fn national_choices(&self, key: PlatformKey) -> (&[u16], Option<u16>) {
        match key {
            PlatformKey::Brand(b) => (&self.brand_rows[b as usize], None),
            PlatformKey::Catalog(i) => (&self.abroad[i as usize], Some(i)),
            PlatformKey::Family(_) | PlatformKey::NotAService => (&[], None),
        }
    }
}

/// Sentences where «الإنترنت» is an operator's service (see
/// `operator_sentences`).
struct OperatorSentences {
    named: std::collections::BTreeSet<usize>,
    in_title: bool,
    shutdown: std::collections::BTreeSet<usize>,
}

impl OperatorSentences {
    fn service_at(&self, doc: &Document, span: Span) -> bool {
        let Some(s) = doc.sentence_at(span.start) else {
            return false;
        };
        !self.shutdown.contains(&s) && (self.in_title || self.named.contains(&s))
    }
}

/// What the annotator knows of the document while it reads names.
struct Context<'a> {
    doc: &'a Document,
    /// Countries named (regions outside time-zone phrases), in text order.
    countries: Vec<(Span, &'a str)>,
    /// The country the document speaks of most, if one does.
    main_country: Option<String>,
    /// The document speaks of the whole world («حول العالم»).
    worldwide: bool,
}

impl Annotator for PlatformAnnotator {
    fn name(&self) -> &'static str {
        "platform"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let (blockers, names): (Vec<_>, Vec<_>) = self
            .names
            .find_all_doc(doc)
            .into_iter()
            .filter(|h| !doc.is_masked(h.span))
            .filter(|h| !h.value.case_sensitive || doc.original(h.span) == self.raws[h.entry])
            .partition(|h| h.value.key == PlatformKey::NotAService);
        // A phrase that is no service hides the names inside it, and only
        // those («خدمات أمنية», not «خدمات اتصالات المغرب»).
        let blockers = select_longest(blockers);
        let hits: Vec<_> = select_longest(names)
            .into_iter()
            .filter(|h| {
                // Blockers do not overlap: only the last one starting at or
                // before the name can contain it.
                let i = blockers.partition_point(|b| b.span.start <= h.span.start);
                !(i > 0 && blockers[i - 1].span.contains(h.span))
            })
            .collect();
        let service_cues: Vec<Span> = prior
            .iter()
            .filter(|m| matches!(m.value, Value::Cue(Cue::Platform(PlatformCue::Service))))
            .map(|m| m.span)
            .collect();

        // Which names count.
        let mut accepted: Vec<&Hit<'_, PlatformName>> = Vec::new();
        for h in &hits {
            if h.value.needs_cue && !self.licensed(text, h, &hits, &accepted, &service_cues) {
                continue;
            }
            accepted.push(h);
        }

        let cx = self.context(doc, prior, &accepted);
        let operators = self.operator_sentences(doc, prior, &accepted);
        for h in &accepted {
            let value = match h.value.key {
                PlatformKey::Family(f) => {
                    let cc = if operators.service_at(doc, h.span) {
                        None
                    } else {
                        country_near(&cx, h.span, |_| true).or_else(|| {
                            // A worldwide story's «الإنترنت» is nobody's in particular.
                            (!cx.worldwide).then(|| cx.main_country.clone()).flatten()
                        })
                    };
                    Some(PlatformRef::Family(f, cc))
                }
                key => self
                    .national(&cx, &accepted, key, h.span)
                    .map(PlatformRef::Catalog),
            };
            if let Some(value) = value {
                out.push(Mention {
                    span: h.span,
                    value: Value::Platform(Box::new(value)),
                });
            }
        }
    }
}

impl PlatformAnnotator {
    /// True when the text marks a `cue` name as a name (see the module doc).
    fn licensed(
        &self,
        text: &str,
        h: &Hit<'_, PlatformName>,
        hits: &[Hit<'_, PlatformName>],
        accepted: &[&Hit<'_, PlatformName>],
        service_cues: &[Span],
    ) -> bool {
        let prefix = &text[h.word_start..h.span.start];
        // «الاتصال الفوري» is not Fawry: an ambiguous name written without
        // the article is not the word with it.
        if prefix.ends_with("ال") || prefix.ends_with("لل") {
            return false;
        }
        let before = &text[..h.word_start];
        let after = &text[h.span.end..];
        let quoted = prefix.is_empty()
            && before.trim_end_matches(' ').ends_with(QUOTES)
            && after.trim_start_matches(' ').starts_with(QUOTES);
        // «شركة زين»: the service word right before the bare name (cues
        // are sorted and do not overlap within their gazetteer).
        let last_cue = service_cues.partition_point(|c| c.end <= h.word_start);
        let after_service = prefix.is_empty()
            && last_cue > 0
            && only_gap(&text[service_cues[last_cue - 1].end..h.word_start], &[]);
        // «أورانج واتصالات», «فودافون، اتصالات»: a list of services of one kind.
        let listed = (prefix.is_empty() || prefix == "و")
            && accepted.last().is_some_and(|p| {
                p.span.end <= h.word_start
                    && only_gap(&text[p.span.end..h.word_start], &['،', ','])
                    && self.kind_of(p.value.key).is_some()
                    && self.kind_of(p.value.key) == self.kind_of(h.value.key)
            });
        let from = hits.partition_point(|o| o.span.start + PARTNER_WINDOW < h.span.start);
        let to = hits.partition_point(|o| o.span.start <= h.span.end + PARTNER_WINDOW);
        let partnered = hits[from..to].iter().any(|o| {
            !o.value.needs_cue
                && o.value.key == h.value.key
                && (o.span.end <= h.span.start && h.span.start - o.span.end <= PARTNER_WINDOW
                    || h.span.end <= o.span.start && o.span.start - h.span.end <= PARTNER_WINDOW)
        });
        quoted || after_service || listed || partnered
    }

    /// Where a family name is a telecom operator's service («انقطاع
    /// الإنترنت لدى أوريدو»), not a country's: in sentences that name an
    /// operator, or in all sentences when the headline does, except those
    /// that state a government shutdown («قطعت السلطات الإنترنت»).
    fn operator_sentences(
        &self,
        doc: &Document,
        prior: &[Mention],
        accepted: &[&Hit<'_, PlatformName>],
    ) -> OperatorSentences {
        let mut named = std::collections::BTreeSet::new();
        let mut in_title = false;
        for o in accepted {
            if self.kind_of(o.value.key) == Some(OPERATOR_KIND)
                && let Some(s) = doc.sentence_at(o.span.start)
            {
                named.insert(s);
                in_title |= Some(doc.sentences[s].line) == doc.title;
            }
        }
        let shutdown = prior
            .iter()
            .filter(|m| m.value == Value::Cause(CauseCategory::Government))
            .filter_map(|m| doc.sentence_at(m.span.start))
            .collect();
        OperatorSentences {
            named,
            in_title,
            shutdown,
        }
    }

    /// Countries of the document, for families and brands.
    fn context<'a>(
        &self,
        doc: &'a Document,
        prior: &'a [Mention],
        accepted: &[&Hit<'_, PlatformName>],
    ) -> Context<'a> {
        // «بتوقيت القاهرة» names a zone, not the country that lost service.
        let times: Vec<Span> = prior
            .iter()
            .filter(|m| matches!(m.value, Value::Time(_)))
            .map(|m| m.span)
            .collect();
        let in_zone = |r: Span| {
            // Times are sorted by start; the ones that may overlap `r` start
            // before its end, and the last such is the only candidate unless
            // times nest, which they do not.
            let i = times.partition_point(|t| t.start < r.end);
            i > 0 && times[i - 1].overlaps(r)
        };
        let countries: Vec<(Span, &str)> = prior
            .iter()
            .filter_map(|m| match &m.value {
                Value::Region(id) if id.len() == 2 && !in_zone(m.span) => {
                    Some((m.span, id.as_str()))
                }
                _ => None,
            })
            .collect();
        // National services count for their country too («فودافون كاش»).
        let mut votes: HashMap<&str, (usize, usize)> = HashMap::new();
        let national = accepted.iter().filter_map(|h| match h.value.key {
            PlatformKey::Catalog(i) => self.countries[i as usize].as_deref().map(|cc| (h.span, cc)),
            _ => None,
        });
        for (span, cc) in countries.iter().copied().chain(national) {
            let v = votes.entry(cc).or_insert((0, span.start));
            v.0 += 1;
            v.1 = v.1.min(span.start);
        }
        let main_country = votes
            .iter()
            .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
            .map(|(cc, _)| cc.to_string());
        let worldwide = prior
            .iter()
            .any(|m| matches!(&m.value, Value::Region(id) if **id == WORLDWIDE));
        Context {
            doc,
            countries,
            main_country,
            worldwide,
        }
    }

    /// The catalogue row a non-family name stands for, if any.
    fn national(
        &self,
        cx: &Context<'_>,
        accepted: &[&Hit<'_, PlatformName>],
        key: PlatformKey,
        span: Span,
    ) -> Option<u16> {
        let (choices, default) = self.national_choices(key);
        if choices.is_empty() {
            return default;
        }
        let row_in = |cc: &str| {
            choices
                .iter()
                .copied()
                .find(|&i| self.countries[i as usize].as_deref() == Some(cc))
        };
        // A country of the brand in the same sentence.
        if let Some(cc) = country_near(cx, span, |cc| row_in(cc).is_some()) {
            return row_in(&cc);
        }
        // The nearest national name of the same brand («زين العراق»).
        let named = nearest(
            accepted,
            |o| o.span,
            span,
            |o| match o.value.key {
                PlatformKey::Catalog(i) if choices.contains(&i) => Some(i),
                _ => None,
            },
        );
        if let Some(i) = named {
            return Some(i);
        }
        cx.main_country.as_deref().and_then(row_in).or(default)
    }
}

/// True when `gap` holds only spaces, quotes and the given separators.
fn only_gap(gap: &str, separators: &[char]) -> bool {
    gap.chars()
        .all(|c| c == ' ' || QUOTES.contains(&c) || separators.contains(&c))
}

/// Distance between two spans, a span before `of` counting double so that a
/// country after a name wins ties («الإنترنت في العراق»).
fn distance(r: Span, of: Span) -> usize {
    if r.start >= of.end {
        r.start - of.end
    } else if r.end <= of.start {
        (of.start - r.end) * 2 + 1
    } else {
        0
    }
}

/// The nearest country named in the sentence of `span` that `wanted`
/// accepts.
fn country_near(cx: &Context<'_>, span: Span, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let sentence = cx.doc.sentence_at(span.start)?;
    let s = cx.doc.sentences[sentence].span;
    nearest(
        &cx.countries,
        |(r, _)| *r,
        span,
        |(r, cc)| (s.contains(*r) && !r.overlaps(span) && wanted(cc)).then(|| cc.to_string()),
    )
}

/// The value of the item of `items` (sorted by span start) nearest to `of`
/// by `distance` among those `pick` accepts, scanning outwards from `of` and
/// stopping once nothing nearer can follow.
fn nearest<T, V>(
    items: &[T],
    span_of: impl Fn(&T) -> Span,
    of: Span,
    pick: impl Fn(&T) -> Option<V>,
) -> Option<V> {
    let mid = items.partition_point(|x| span_of(x).start < of.start);
    let mut best: Option<(usize, usize, V)> = None; // (distance, index, value)
    let better = |d: usize, i: usize, best: &Option<(usize, usize, V)>| {
        best.as_ref().is_none_or(|(bd, bi, _)| (d, i) < (*bd, *bi))
    };
    for (i, x) in items.iter().enumerate().skip(mid) {
        let d = distance(span_of(x), of);
        if best
            .as_ref()
            .is_some_and(|(bd, ..)| span_of(x).start.saturating_sub(of.end) > *bd)
        {
            break;
        }
        if better(d, i, &best)
            && let Some(v) = pick(x)
        {
            best = Some((d, i, v));
        }
    }
    for (i, x) in items[..mid].iter().enumerate().rev() {
        let r = span_of(x);
        // Before `of`, distance grows as we go left once spans end before it.
        if r.end <= of.start
            && best
                .as_ref()
                .is_some_and(|(bd, ..)| (of.start - r.end) * 2 + 1 > *bd)
        {
            break;
        }
        let d = distance(r, of);
        if better(d, i, &best)
            && let Some(v) = pick(x)
        {
            best = Some((d, i, v));
        }
    }
    best.map(|(_, _, v)| v)
}
