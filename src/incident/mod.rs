/*!
Incident assembly: from typed mentions to the incidents of an article.

All the rules that decide what an article *reports* live in this module and
its two files — `when.rs` (which date and duration) and `affected.rs` (which
counts, in what order) — and only here; annotators just say what words
mean.

1. **Frames.** Each sentence belongs to the primary incident or recalls an
   earlier one. A sentence recalls an earlier outage when it has a `past` cue
   («وكانت ... قد», «في وقت سابق», «قبل أسابيع») or a date older than the
   primary one (a month «الماضي», a date weeks before publication).
2. **Primary or none.** The article reports an outage when a primary-frame
   sentence has an outage or restoration cue that is not denied or announced
   for later («نفت وجود عطل», «سيتم قطع الخدمة»).
3. **Platforms** are affected when named in an outage or restoration sentence
   (or an outage headline) in a role other than channel, source, owner or
   competitor (`platform_cues.tsv`), not a monitor (Downdetector), not inside
   the stated cause (a provider: Oracle, AWS → `third_party`), and not only the
   owner of another affected service.
4. **Date**: the first date of an outage sentence (restoration dates are
   not the start); **duration**: a duration with a `lasted` cue or none,
   specific before vague; **affected**: counts of users, reports or accounts
   that are not user bases, peak first, then specific before vague, then
   largest; **causes**: cause phrases in sentences that state a cause
   (connective or attribution), with the status the cue words give;
   **regions** and **status** from the same sentences.
5. **Related** incidents are clusters of earlier-outage sentences, grouped by
   date; a cluster that names no service recalls the primary service.
*/

mod affected;
mod when;

use when::{looks_older, words_between};

use std::collections::BTreeSet;

use crate::annotate::datetime::{Resolved, resolve};
use crate::annotate::{
    ClockTime, Cue, DateExpr, DurationValue, Mention, PlatformRef, Quantity, Value,
};
use crate::calendar::Date;
use crate::document::Document;
use crate::lexicon::{Lexicons, PlatformRow};
use crate::span::Span;
use crate::vocab::*;

/// Primary or related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Related,
}

/// Whether service came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Resolved,
    Ongoing,
}

/// The date of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentDate {
    pub span: Span,
    pub expr: DateExpr,
    pub resolved: Resolved,
    pub time: Option<ClockTime>,
}

/// One incident, ready for output (spans on the normalised text).
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub role: Role,
    pub platforms: Vec<(Span, PlatformRef)>,
    pub date: Option<IncidentDate>,
    pub duration: Option<(Span, DurationValue)>,
    pub affected: Vec<(Span, Quantity)>,
    pub causes: Vec<(Span, CauseCategory, CauseStatus)>,
    pub regions: Vec<(Span, String)>,
    pub status: Option<Status>,
    pub evidence: Vec<Span>,
}

/// Builds incidents; holds what it needs of the catalogue.
pub struct Assembler {
    platforms: Vec<PlatformRow>,
    /// Catalogue index of each row's owner.
    owners: Vec<Option<u16>>,
}

/// Platform kinds that are outage monitors, never affected.
const MONITOR_KINDS: &[&str] = &["monitoring"];
/// Platform kinds that are providers: named inside a cause, they are the
/// third party that failed.
const PROVIDER_KINDS: &[&str] = &["cloud", "cdn", "security", "dns", "hosting"];
/// Words between an outage word and the family name it governs
/// («انقطاع خدمة الإنترنت»).
const FAMILY_REACH: usize = 2;
/// Words a platform may stand from a role cue before it.
const ROLE_REACH: usize = 3;

/// What `build` reads, gathered once per document.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    by_sentence: &'a [Vec<usize>],
    info: &'a [SentenceInfo],
    dates: &'a [(usize, Span, &'a DateExpr, Resolved)],
    published: Option<Date>,
}

/// What the assembler knows about one sentence.
#[derive(Debug, Default, Clone)]
pub(crate) struct SentenceInfo {
    outage: bool,
    restored: bool,
    ongoing: bool,
    past: bool,
    denial: bool,
    future: bool,
    cause_context: bool,
    related: bool,
}

impl Assembler {
    pub fn new(lex: &Lexicons) -> Assembler {
        let owners = lex
            .platforms
            .iter()
            .map(|p| p.owner.as_deref().and_then(|o| lex.platform(o)))
            .collect();
        Assembler {
            platforms: lex.platforms.clone(),
            owners,
        }
    }

    /// The catalogue row of a platform index.
    pub fn platform(&self, i: u16) -> &PlatformRow {
        &self.platforms[i as usize]
    }

    /// The incidents of `doc`: the primary one (if the article reports an
    /// outage) first, then related ones in text order.
    pub fn assemble(
        &self,
        doc: &Document,
        mentions: &[Mention],
        published: Option<Date>,
    ) -> Vec<Incident> {
        let n = doc.sentences.len();
        let mut info = vec![SentenceInfo::default(); n];
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, m) in mentions.iter().enumerate() {
            if let Some(s) = doc.sentence_at(m.span.start) {
                by_sentence[s].push(i);
                if let Value::Cue(c) = &m.value {
                    let si = &mut info[s];
                    match c {
                        Cue::Outage(OutageCue::Outage) => si.outage = true,
                        Cue::Outage(OutageCue::Restored) => si.restored = true,
                        Cue::Outage(OutageCue::Ongoing) => si.ongoing = true,
                        Cue::Outage(OutageCue::Past) => si.past = true,
                        Cue::Outage(OutageCue::Denial) => si.denial = true,
                        Cue::Outage(OutageCue::Future) => si.future = true,
                        Cue::Cause(
                            CauseCue::Connective
                            | CauseCue::Confirmed
                            | CauseCue::Suspected
                            | CauseCue::Claimed
                            | CauseCue::RuledOut,
                        ) => si.cause_context = true,
                        _ => {}
                    }
                }
            }
        }
        let dates: Vec<(usize, Span, &DateExpr, Resolved)> = mentions
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date(e) => {
                    let s = doc.sentence_at(m.span.start)?;
                    Some((s, m.span, e, resolve(e, published)))
                }
                _ => None,
            })
            .collect();

        // 1. Frames. The primary date: the first date of an outage sentence
        // that does not recall an earlier outage.
        let primary_date = dates
            .iter()
            .find(|(s, _, e, r)| {
                let si = &info[*s];
                si.outage && !si.past && !looks_older(e, r, published)
            })
            .map(|(_, _, _, r)| r.clone());
        for (s, span, e, r) in &dates {
            let si = &info[*s];
            let near_outage = by_sentence[*s].iter().any(|&i| {
                matches!(
                    mentions[i].value,
                    Value::Cue(Cue::Outage(
                        OutageCue::Outage | OutageCue::Restored | OutageCue::Past
                    ))
                ) && words_between(doc, mentions[i].span, *span) <= when::DATE_REACH
            });
            if (si.outage || si.restored) && near_outage && looks_older(e, r, published) {
                let same = primary_date
                    .as_ref()
                    .is_some_and(|p| p.value.is_some() && p.value == r.value);
                if !same {
                    info[*s].related = true;
                }
            }
        }
        // A past cue marks an earlier outage when the sentence speaks of an
        // outage or dates it («وفي وقت سابق من شهر مارس ... انقطاع مماثل»).
        let dated: BTreeSet<usize> = dates.iter().map(|(s, ..)| *s).collect();
        for (s, si) in info.iter_mut().enumerate() {
            if si.past && (si.outage || si.restored || dated.contains(&s)) {
                si.related = true;
            }
        }

        let cx = Context {
            doc,
            mentions,
            by_sentence: &by_sentence,
            info: &info,
            dates: &dates,
            published,
        };
        let mut incidents = Vec::new();
        // 2. Primary or none.
        let primary_sentences: Vec<usize> = (0..n).filter(|&s| !info[s].related).collect();
        let reports_outage = primary_sentences
            .iter()
            .any(|&s| (info[s].outage || info[s].restored) && !info[s].denial && !info[s].future);
        let primary = if reports_outage {
            let inc = self.build(&cx, &primary_sentences, Role::Primary, &[]);
            Some(inc)
        } else {
            None
        };
        let primary_platforms: Vec<(Span, PlatformRef)> = primary
            .as_ref()
            .map(|p| p.platforms.clone())
            .unwrap_or_default();
        if let Some(p) = primary {
            incidents.push(p);
        }

        // 5. Related clusters, grouped by date value.
        let mut clusters: Vec<(Option<String>, Vec<usize>)> = Vec::new();
        for (s, si) in info.iter().enumerate() {
            if !si.related {
                continue;
            }
            let value = dates
                .iter()
                .find(|(ds, ..)| *ds == s)
                .and_then(|(_, _, _, r)| r.value.clone());
            let target = match &value {
                Some(v) => clusters
                    .iter()
                    .position(|(cv, _)| cv.as_deref() == Some(v.as_str())),
                // No date: continue the previous cluster when adjacent.
                None => clusters
                    .iter()
                    .position(|(_, ss)| ss.last().is_some_and(|&l| l + 1 == s)),
            };
            match target {
                Some(i) => clusters[i].1.push(s),
                None => clusters.push((value, vec![s])),
            }
        }
        for (_, sentences) in clusters {
            let inc = self.build(&cx, &sentences, Role::Related, &primary_platforms);
            let mut inc = inc;
            inc.platforms
                .retain(|(_, p)| !self.owns_any(p, &primary_platforms));
            let has_facts = inc.date.is_some()
                || inc.duration.is_some()
                || !inc.affected.is_empty()
                || !inc.causes.is_empty()
                || inc
                    .platforms
                    .iter()
                    .any(|p| !primary_platforms.iter().any(|q| q.1 == p.1));
            if has_facts && !inc.platforms.is_empty() {
                incidents.push(inc);
            }
        }
        incidents
    }

    fn build(
        &self,
        cx: &Context<'_>,
        sentences: &[usize],
        role: Role,
        inherit: &[(Span, PlatformRef)],
    ) -> Incident {
        let Context {
            doc,
            mentions,
            by_sentence,
            info,
            ..
        } = *cx;
        let eventful = |s: usize| info[s].outage || info[s].restored;

        // 3. Platforms.
        let mut platforms: Vec<(Span, PlatformRef)> = Vec::new();
        let mut providers: Vec<(Span, PlatformRef)> = Vec::new();
        for &s in sentences {
            if !eventful(s) {
                continue;
            }
            let ms = &by_sentence[s];
            for &i in ms {
                let Value::Platform(p) = &mentions[i].value else {
                    continue;
                };
                let span = mentions[i].span;
                if let PlatformRef::Catalog(ci) = p
                    && MONITOR_KINDS.contains(&self.platform(*ci).kind.as_str())
                {
                    continue;
                }
                if self.has_role_cue(doc, mentions, ms, span) {
                    continue;
                }
                // «الإنترنت» is everywhere («عبر الإنترنت»); the internet of
                // a country is affected only when an outage word governs it.
                if let PlatformRef::Family(..) = p
                    && !ms.iter().any(|&i| {
                        matches!(
                            mentions[i].value,
                            Value::Cue(Cue::Outage(OutageCue::Outage))
                        ) && mentions[i].span.end <= span.start
                            && crate::annotate::words_in(
                                doc.ntext(),
                                mentions[i].span.end,
                                span.start,
                            )
                            .len()
                                <= FAMILY_REACH
                    })
                {
                    continue;
                }
                if self.inside_cause(mentions, ms, span) {
                    if let PlatformRef::Catalog(ci) = p
                        && PROVIDER_KINDS.contains(&self.platform(*ci).kind.as_str())
                    {
                        providers.push((span, p.clone()));
                    }
                    continue;
                }
                if !platforms.iter().any(|(_, q)| q == p) {
                    platforms.push((span, p.clone()));
                }
            }
        }
        // Owners are not affected because a product is.
        let named = platforms.clone();
        platforms.retain(|(_, p)| !self.owns_any(p, &named));
        if platforms.is_empty() && role == Role::Related {
            platforms = inherit.to_vec();
        }

        // 4. Date (when.rs).
        let date = when::pick_date(cx, sentences, role);

        // Duration.
        let mut durations: Vec<(Span, &DurationValue)> = Vec::new();
        let mut quantities: Vec<(Span, &Quantity)> = Vec::new();
        let mut causes: Vec<(Span, CauseCategory, CauseStatus)> = Vec::new();
        let mut regions: Vec<(Span, String)> = Vec::new();
        let mut restored = false;
        let mut ongoing = false;
        let time_spans: Vec<Span> = mentions
            .iter()
            .filter(|m| matches!(m.value, Value::Time(_)))
            .map(|m| m.span)
            .collect();
        let mut evidence = Vec::new();
        for &s in sentences {
            let si = &info[s];
            let mut used = false;
            restored |= si.restored;
            ongoing |= si.ongoing;
            for &i in &by_sentence[s] {
                let m = &mentions[i];
                match &m.value {
                    Value::Duration(d) if when::is_outage_duration(d) => {
                        durations.push((m.span, d));
                        used = true;
                    }
                    Value::Quantity(q) if affected::is_candidate(q, eventful(s)) => {
                        quantities.push((m.span, q));
                        used = true;
                    }
                    Value::Cause(c) if si.cause_context => {
                        let status = cause_status(mentions, &by_sentence[s], m.span);
                        if !causes.iter().any(|(_, k, _)| k == c) {
                            causes.push((m.span, *c, status));
                        }
                        used = true;
                    }
                    Value::Region(r)
                        if eventful(s)
                            && !time_spans.iter().any(|t| t.overlaps(m.span))
                            && !regions.iter().any(|(_, k)| k == r) =>
                    {
                        regions.push((m.span, r.clone()));
                    }
                    _ => {}
                }
            }
            if used || eventful(s) {
                evidence.push(doc.sentences[s].span);
            }
        }
        for (span, p) in providers {
            if !causes
                .iter()
                .any(|(_, k, _)| *k == CauseCategory::ThirdParty)
            {
                causes.push((span, CauseCategory::ThirdParty, CauseStatus::Confirmed));
            }
            let _ = p;
        }
        causes.sort_by_key(|(s, ..)| s.start);
        let duration = when::pick_duration(&durations);
        let affected = affected::rank(quantities);
        let status = if restored {
            Some(Status::Resolved)
        } else if ongoing {
            Some(Status::Ongoing)
        } else {
            None
        };
        Incident {
            role,
            platforms,
            date,
            duration,
            affected,
            causes,
            regions,
            status,
            evidence,
        }
    }

    /// True when `p` owns one of `platforms`.
    fn owns_any(&self, p: &PlatformRef, platforms: &[(Span, PlatformRef)]) -> bool {
        let PlatformRef::Catalog(o) = p else {
            return false;
        };
        platforms.iter().any(|(_, q)| match q {
            PlatformRef::Catalog(i) => i != o && self.owners[*i as usize] == Some(*o),
            _ => false,
        })
    }

    /// True when a channel, source, owner or competitor cue stands just
    /// before the platform in its sentence.
    fn has_role_cue(
        &self,
        doc: &Document,
        mentions: &[Mention],
        sentence: &[usize],
        span: Span,
    ) -> bool {
        let text = doc.ntext();
        sentence.iter().any(|&i| {
            let m = &mentions[i];
            matches!(
                m.value,
                Value::Cue(Cue::Platform(
                    PlatformCue::Channel
                        | PlatformCue::Source
                        | PlatformCue::Owner
                        | PlatformCue::Competitor
                ))
            ) && m.span.end <= span.start
                && crate::annotate::words_in(text, m.span.end, span.start).len() <= ROLE_REACH
        })
    }

    /// True when the platform stands after a cause connective in its
    /// sentence and a cause phrase is nearby: it is part of the cause.
    fn inside_cause(&self, mentions: &[Mention], sentence: &[usize], span: Span) -> bool {
        let connective_before = sentence.iter().any(|&i| {
            matches!(
                mentions[i].value,
                Value::Cue(Cue::Cause(CauseCue::Connective))
            ) && mentions[i].span.end <= span.start
        });
        let cause_before = sentence.iter().any(|&i| {
            matches!(mentions[i].value, Value::Cause(_)) && mentions[i].span.end <= span.start
        });
        connective_before && cause_before
    }
}

/// The status a cause mention has from the cue words of its sentence.
pub fn mention_status(mentions: &[Mention], doc: &Document, span: Span) -> CauseStatus {
    let Some(s) = doc.sentence_at(span.start) else {
        return CauseStatus::Confirmed;
    };
    let sentence: Vec<usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| doc.sentence_at(m.span.start) == Some(s))
        .map(|(i, _)| i)
        .collect();
    cause_status(mentions, &sentence, span)
}

/// The status of a cause from the cue words of its sentence.
fn cause_status(mentions: &[Mention], sentence: &[usize], span: Span) -> CauseStatus {
    let cue_before = |kind: CauseCue| {
        sentence.iter().any(|&i| {
            mentions[i].value == Value::Cue(Cue::Cause(kind)) && mentions[i].span.end <= span.start
        })
    };
    let cue_anywhere = |kind: CauseCue| {
        sentence
            .iter()
            .any(|&i| mentions[i].value == Value::Cue(Cue::Cause(kind)))
    };
    if cue_before(CauseCue::RuledOut) {
        CauseStatus::RuledOut
    } else if cue_anywhere(CauseCue::Claimed) {
        CauseStatus::Claimed
    } else if cue_before(CauseCue::Suspected) {
        CauseStatus::Suspected
    } else {
        CauseStatus::Confirmed
    }
}
