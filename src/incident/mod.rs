/*!
Incident assembly: from typed mentions to the incidents of an article.

All the rules that decide what an article *reports* live in this module and
its files — `roles.rs` (what a named platform is in its sentence), `when.rs`
(which date and duration), `affected.rs` (which counts, in what order) — and
only here; annotators just say what words mean.

1. **Frames.** Each sentence belongs to the article's own outage or recalls
   an earlier one. A sentence recalls an earlier outage when it has a `past`
   cue («وكانت ... قد», «في وقت سابق», «انقطاع مماثل») with an outage word
   or a date, or a date older than the article's outage next to an outage
   word (a bare month «في شباط/فبراير», a day weeks before publication).
2. **Primary or none.** The article reports an outage when a sentence of
   its own frame has an outage or restoration cue that is not denied or
   announced for later («نفت وجود عطل», «سيتم قطع الخدمة»).
3. **Platforms** (`roles.rs`): a name counts when it is named as failing in
   an outage sentence, not as a channel, source, owner, competitor, monitor,
   a service that kept working, or a provider inside the cause. The *lead*
   services are those of the headline and the lead paragraph. A later
   sentence naming other failing services with facts of its own (a date,
   time, duration, count or cause) and no lead service is another outage
   the same day: a related incident that shares the primary date when it
   states none. An owner is not affected because its product is, and a
   country's internet is not listed when one of its operators is.
4. **Facts** of each incident come from its own sentences: the date and
   duration (`when.rs`), the affected counts (`affected.rs`), the causes of
   sentences that state a cause (connective or attribution) with the status
   their cue words give, regions, and status (`resolved` when service came
   back, `ongoing` when the text says it still is down).
5. **Related** incidents: clusters of earlier-outage sentences grouped by
   date; a cluster that names no service recalls the primary service.
*/

mod affected;
mod roles;
mod when;

use std::collections::BTreeSet;

use roles::Verdict;
use when::{looks_older, words_between};

use crate::annotate::datetime::{Precision, Resolved, resolve};
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

/// Lines that make the lead: the headline and lines up to the first one of
/// at least this many words.
const LEAD_WORDS: usize = 10;

/// What `build` reads, gathered once per document.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    by_sentence: &'a [Vec<usize>],
    info: &'a [SentenceInfo],
    dates: &'a [(usize, Span, &'a DateExpr, Resolved)],
    /// The verdict on each platform mention (by mention index).
    verdicts: &'a [Option<Verdict>],
    /// Causes that are the outage's effect (by mention index).
    effects: &'a [bool],
    published: Option<Date>,
    /// Days before publication within which a day is this outage's: a
    /// week, more when the text says it has lasted longer («منذ أكثر من
    /// أسبوع»).
    recent_days: i64,
}

impl Context<'_> {
    /// The mentions of sentence `s` that start within `bytes` of `span`.
    fn window(&self, s: usize, span: Span, bytes: usize) -> &[usize] {
        near(self.mentions, &self.by_sentence[s], span, bytes)
    }
}

/// The mentions of `ms` (a sentence's, sorted by start) that start within
/// `bytes` of `span`: what a rule with a reach of a few words needs to look
/// at, however long the sentence.
pub(super) fn near<'a>(
    mentions: &[Mention],
    ms: &'a [usize],
    span: Span,
    bytes: usize,
) -> &'a [usize] {
    let from = span.start.saturating_sub(bytes);
    let to = span.end + bytes;
    let a = ms.partition_point(|&i| mentions[i].span.start < from);
    let b = ms.partition_point(|&i| mentions[i].span.start < to);
    &ms[a..b.max(a)]
}

/// Bytes that surely hold `words` words and their mentions (Arabic words
/// rarely pass 40 bytes).
pub(super) const fn reach_bytes(words: usize) -> usize {
    (words + 2) * 48
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
    /// Says a further service failed in the same outage («وطال العطل أيضاً»).
    also: bool,
}

impl SentenceInfo {
    fn eventful(&self) -> bool {
        self.outage || self.restored
    }
}

/// How one frame of sentences becomes an incident.
struct Frame<'a> {
    sentences: &'a [usize],
    role: Role,
    /// Platforms to use when the frame names none.
    inherit: &'a [(Span, PlatformRef)],
    /// A date to use when the frame states none (same-day outages).
    same_day: Option<&'a IncidentDate>,
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
            let Some(s) = doc.sentence_at(m.span.start) else {
                continue;
            };
            by_sentence[s].push(i);
            let si = &mut info[s];
            match &m.value {
                Value::Cue(Cue::Outage(c)) => match c {
                    OutageCue::Outage => si.outage = true,
                    OutageCue::Restored => si.restored = true,
                    OutageCue::Ongoing => si.ongoing = true,
                    OutageCue::Past => si.past = true,
                    OutageCue::Denial => si.denial = true,
                    OutageCue::Future => si.future = true,
                    OutageCue::Also => si.also = true,
                    // Only a pair with an outage word is a mention (a denial).
                    OutageCue::Deny => {}
                },
                Value::Cue(Cue::Cause(
                    CauseCue::Connective
                    | CauseCue::Confirmed
                    | CauseCue::Suspected
                    | CauseCue::Claimed
                    | CauseCue::RuledOut,
                )) => si.cause_context = true,
                _ => {}
            }
        }
        // «بشكل طبيعي» (as normal) after «فيما عملت» / «في حين» (while ...
        // worked) says what kept working beside the outage, not that it
        // ended: «تعطل فيسبوك، فيما عملت أجهزة الصراف الآلي بشكل طبيعي».
        for (s, ms) in by_sentence.iter().enumerate() {
            if !info[s].restored {
                continue;
            }
            // Where the first contrast word ends (one pass: a sentence may
            // hold thousands of cues).
            let contrast_end = ms
                .iter()
                .filter(|&&k| {
                    matches!(
                        mentions[k].value,
                        Value::Cue(Cue::Platform(
                            PlatformCue::Whereas | PlatformCue::Competitor
                        ))
                    )
                })
                .map(|&k| mentions[k].span.end)
                .min();
            info[s].restored = ms.iter().any(|&i| {
                let m = &mentions[i];
                m.value.is_cue(Cue::Outage(OutageCue::Restored))
                    && !(contrast_end.is_some_and(|e| e <= m.span.start)
                        && near(mentions, ms, m.span, 0).iter().any(|&k| {
                            mentions[k].span == m.span
                                && mentions[k]
                                    .value
                                    .is_cue(Cue::Platform(PlatformCue::Unaffected))
                        }))
            });
        }
        // A deliberate cut named with its agent or its act states its cause
        // («قطعت السلطات الإنترنت», «حجبت السلطات تطبيق إنستغرام»): a
        // government cause that holds the sentence's outage word, or an
        // indefinite one that takes the proclitic ب (by) of the agent
        // («انقطع الإنترنت بقرار من وزارة الاتصالات»; not «اتصلت الشركة
        // بالسلطات», contacted the authorities).
        for (s, ms) in by_sentence.iter().enumerate() {
            let agent = ms.iter().any(|&i| {
                if !matches!(mentions[i].value, Value::Cause(CauseCategory::Government)) {
                    return false;
                }
                let cause = mentions[i].span;
                let text = doc.ntext();
                if text[crate::normalize::word_start(text, cause.start)..cause.start].ends_with('ب')
                    && !text[cause.start..].starts_with("ال")
                {
                    return true;
                }
                // The mentions that start inside the cause.
                near(mentions, ms, cause, 0).iter().any(|&k| {
                    mentions[k].value.is_cue(Cue::Outage(OutageCue::Outage))
                        && cause.contains(mentions[k].span)
                })
            });
            // «بعد» right before a cause phrase («بعد انهيار الشبكة الكهربائية»).
            let text = doc.ntext();
            let after = ms.iter().any(|&i| {
                mentions[i].value.is_cue(Cue::Cause(CauseCue::After))
                    && near(mentions, ms, mentions[i].span, reach_bytes(1))
                        .iter()
                        .any(|&k| {
                            let c = mentions[k].span;
                            matches!(mentions[k].value, Value::Cause(_))
                                && c.start >= mentions[i].span.end
                                && doc.word_count(
                                    mentions[i].span.end,
                                    crate::normalize::word_start(text, c.start),
                                    1,
                                ) == 0
                        })
            });
            if agent || after {
                info[s].cause_context = true;
            }
        }
        let effects = effects_of_outage(doc, mentions, &by_sentence);
        let dates: Vec<(usize, Span, &DateExpr, Resolved)> = mentions
            .iter()
            .filter_map(|m| match &m.value {
                Value::Date(e) => {
                    let s = doc.sentence_at(m.span.start)?;
                    Some((s, m.span, &**e, resolve(e, published)))
                }
                _ => None,
            })
            .collect();

        // 1. Frames.
        let recent_days = RECENT_DAYS + since_days(mentions);
        mark_related(
            doc,
            mentions,
            &by_sentence,
            &mut info,
            &dates,
            published,
            recent_days,
        );

        // Roles first: the verdicts are read by everything after.
        let cx = Context {
            doc,
            mentions,
            by_sentence: &by_sentence,
            info: &info,
            dates: &dates,
            verdicts: &[],
            effects: &effects,
            published,
            recent_days,
        };
        let mut verdicts = vec![None; mentions.len()];
        for (s, ms) in by_sentence.iter().enumerate() {
            for &i in ms {
                if matches!(mentions[i].value, Value::Platform(_)) {
                    verdicts[i] = Some(roles::classify(&cx, &self.platforms, s, i));
                }
            }
        }
        let cx = Context {
            verdicts: &verdicts,
            ..cx
        };
        let affected_in = |s: usize| -> Vec<usize> {
            by_sentence[s]
                .iter()
                .copied()
                .filter(|&i| verdicts[i] == Some(Verdict::Affected))
                .collect()
        };
        let id_of = |i: usize| match &mentions[i].value {
            Value::Platform(p) => Some((**p).clone()),
            _ => None,
        };

        // 2. The article's own frame, its lead services, and other outages
        // the same day.
        let own: Vec<usize> = (0..n).filter(|&s| !info[s].related).collect();
        let lead_lines = lead_lines(doc);
        let mut lead: BTreeSet<PlatformRef> = own
            .iter()
            .filter(|&&s| lead_lines.contains(&doc.sentences[s].line))
            .flat_map(|&s| affected_in(s))
            .filter_map(id_of)
            .collect();
        if lead.is_empty()
            && let Some(&first) = own.iter().find(|&&s| !affected_in(s).is_empty())
        {
            lead = affected_in(first).into_iter().filter_map(id_of).collect();
        }
        let lead_refs: Vec<(Span, PlatformRef)> =
            lead.iter().map(|p| (Span::default(), p.clone())).collect();
        // Services named as failing that are neither the lead's nor the
        // lead's owner («وقالت أمازون» about an AWS outage).
        let others = |s: usize| -> Vec<usize> {
            affected_in(s)
                .into_iter()
                .filter(|&i| {
                    let Some(p) = id_of(i) else { return false };
                    !lead.contains(&p) && !self.owns_any(&p, &lead_refs)
                })
                .collect()
        };
        let mut primary_sentences = Vec::new();
        let mut side: Vec<Vec<usize>> = Vec::new();
        for &s in &own {
            let names_lead = affected_in(s)
                .into_iter()
                .filter_map(id_of)
                .any(|p| lead.contains(&p));
            let is_side = !names_lead
                && info[s].outage
                && !info[s].also
                && !others(s).is_empty()
                && self.has_own_facts(&cx, s);
            let after_side = side
                .last()
                .is_some_and(|c| c.last() == Some(&s.wrapping_sub(1)));
            let continues_side = after_side
                && affected_in(s).is_empty()
                && self.has_own_facts(&cx, s)
                && !mentions_lead(&cx, s, &lead);
            if is_side {
                match side.last_mut() {
                    Some(c) if after_side && same_names(&cx, c[0], s) => c.push(s),
                    _ => side.push(vec![s]),
                }
            } else if continues_side {
                side.last_mut().expect("a side cluster").push(s);
            } else {
                primary_sentences.push(s);
            }
        }

        let mut incidents = Vec::new();
        // The lead decides: a lead that denies an outage or announces one
        // for later reports none; otherwise any outage sentence does.
        // A denial about another service («تعطل فيسبوك ولم يتأثر تطبيق
        // واتساب»: the clause of the denial names a service that is not
        // affected) does not cancel a sentence that names a failing one.
        let names_failure = |s: usize| {
            let text = doc.ntext();
            let sentence = doc.sentences[s].span;
            let about_other = |d: Span| {
                let clause = roles::clause_of(text, sentence, d);
                by_sentence[s].iter().any(|&i| {
                    matches!(verdicts[i], Some(Verdict::Other)) && clause.contains(mentions[i].span)
                })
            };
            by_sentence[s]
                .iter()
                .any(|&i| verdicts[i] == Some(Verdict::Affected))
                && by_sentence[s]
                    .iter()
                    .filter(|&&i| mentions[i].value.is_cue(Cue::Outage(OutageCue::Denial)))
                    .all(|&i| about_other(mentions[i].span))
        };
        let reports = |s: &usize| {
            info[*s].eventful() && !info[*s].future && (!info[*s].denial || names_failure(*s))
        };
        let in_lead: Vec<usize> = primary_sentences
            .iter()
            .copied()
            .filter(|&s| lead_lines.contains(&doc.sentences[s].line))
            .collect();
        let lead_negates = in_lead.iter().any(|&s| info[s].denial || info[s].future);
        let reports_outage = if lead_negates {
            in_lead.iter().any(reports)
        } else {
            primary_sentences.iter().any(reports)
        };
        let primary = reports_outage.then(|| {
            self.build(
                &cx,
                Frame {
                    sentences: &primary_sentences,
                    role: Role::Primary,
                    inherit: &[],
                    same_day: None,
                },
            )
        });
        // A service the headline says did not fail («لا عطل في واتساب..
        // إرثلنك تقر بقطع») is not the article's, wherever a rumour of it
        // is reported; unless it is all the article names.
        let mut primary = primary;
        if let Some(p) = primary.as_mut() {
            let denied = headline_denied(&cx, &lead_lines);
            if p.platforms.iter().any(|(_, q)| !denied.contains(q)) {
                p.platforms.retain(|(_, q)| !denied.contains(q));
            }
        }
        let primary_platforms: Vec<(Span, PlatformRef)> = primary
            .as_ref()
            .map(|p| p.platforms.clone())
            .unwrap_or_default();
        // With no outage of its own, the article's subject is the service
        // its headline names («اتصالات الجزائر تبرمج أشغال صيانة»): an
        // earlier outage recalled without a name is that service's.
        let subject: Vec<(Span, PlatformRef)> = if primary.is_some() {
            primary_platforms.clone()
        } else {
            doc.title
                .map(|t| doc.lines[t].span)
                .map(|line| {
                    let mut out: Vec<(Span, PlatformRef)> = Vec::new();
                    for m in mentions.iter().filter(|m| line.contains(m.span)) {
                        if let Value::Platform(p) = &m.value
                            && self.is_service(p)
                            && !out.iter().any(|(_, q)| q == &**p)
                        {
                            out.push((m.span, (**p).clone()));
                        }
                    }
                    out
                })
                .unwrap_or_default()
        };
        let primary_date = primary.as_ref().and_then(|p| p.date.clone());
        if let Some(p) = primary {
            incidents.push(p);
        }
        for cluster in &side {
            let inc = self.build(
                &cx,
                Frame {
                    sentences: cluster,
                    role: Role::Related,
                    inherit: &[],
                    same_day: primary_date.as_ref(),
                },
            );
            if !inc.platforms.is_empty() {
                incidents.push(inc);
            }
        }

        // 5. Earlier outages, grouped by date.
        for sentences in related_clusters(&info, &dates) {
            let mut inc = self.build(
                &cx,
                Frame {
                    sentences: &sentences,
                    role: Role::Related,
                    inherit: &subject,
                    same_day: None,
                },
            );
            // The primary's owner is its spokesman («وأرجعته «ميتا» حينها»);
            // when it is the only name, the earlier outage is that of the
            // primary's services it owns.
            let owned: Vec<(Span, PlatformRef)> = primary_platforms
                .iter()
                .filter(|(_, q)| {
                    inc.platforms
                        .iter()
                        .any(|(_, p)| self.owns_any(p, &[(Span::default(), q.clone())]))
                })
                .cloned()
                .collect();
            inc.platforms
                .retain(|(_, p)| !self.owns_any(p, &primary_platforms));
            if inc.platforms.is_empty() {
                inc.platforms = owned;
            }
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
        // A month that only names an earlier outage dated to the day
        // elsewhere («بعد عطل أكتوبر», a subheading, then «يوم الثلاثاء 14
        // أكتوبر الماضي») is that outage, not another.
        let days: Vec<(String, Vec<PlatformRef>)> = incidents
            .iter()
            .filter(|i| i.role == Role::Related)
            .filter_map(|i| {
                let d = i.date.as_ref()?;
                (d.resolved.precision == Some(Precision::Day)).then(|| {
                    (
                        d.resolved.value.clone().unwrap_or_default(),
                        i.platforms.iter().map(|(_, p)| p.clone()).collect(),
                    )
                })
            })
            .collect();
        incidents.retain(|i| {
            let Some(month) = i
                .date
                .as_ref()
                .filter(|d| {
                    i.role == Role::Related && d.resolved.precision == Some(Precision::Month)
                })
                .and_then(|d| d.resolved.value.as_deref())
            else {
                return true;
            };
            let bare = i.duration.is_none() && i.affected.is_empty() && i.causes.is_empty();
            !(bare
                && days.iter().any(|(day, ps)| {
                    day.strip_prefix(month).is_some_and(|r| r.starts_with('-'))
                        && i.platforms.iter().all(|(_, p)| ps.contains(p))
                }))
        });
        incidents
    }

    /// True when sentence `s` states a fact of its own: a date, a clock
    /// time, an outage duration, an affected count or a cause.
    fn has_own_facts(&self, cx: &Context<'_>, s: usize) -> bool {
        cx.by_sentence[s]
            .iter()
            .any(|&i| match &cx.mentions[i].value {
                Value::Date(_) | Value::Time(_) => true,
                Value::Duration(d) => when::is_outage_duration(d) && d.seconds.is_some(),
                Value::Quantity(q) => affected::is_candidate(q, true),
                Value::Cause(_) => cx.info[s].cause_context,
                _ => false,
            })
    }

    fn build(&self, cx: &Context<'_>, frame: Frame<'_>) -> Incident {
        let Context {
            doc,
            mentions,
            by_sentence,
            info,
            verdicts,
            ..
        } = *cx;
        let Frame {
            sentences,
            role,
            inherit,
            same_day,
        } = frame;

        // 3. Platforms.
        let mut platforms: Vec<(Span, PlatformRef)> = Vec::new();
        let mut providers: Vec<(Span, PlatformRef)> = Vec::new();
        // Providers said to have failed themselves («التي تعطلت بدورها»).
        let mut failed_providers: Vec<PlatformRef> = Vec::new();
        for &s in sentences {
            for &i in &by_sentence[s] {
                let Value::Platform(p) = &mentions[i].value else {
                    continue;
                };
                let p: &PlatformRef = p;
                match verdicts[i] {
                    Some(Verdict::Affected) if !platforms.iter().any(|(_, q)| q == p) => {
                        platforms.push((mentions[i].span, p.clone()));
                    }
                    Some(Verdict::Provider) => providers.push((mentions[i].span, p.clone())),
                    Some(Verdict::FailedProvider) => {
                        providers.push((mentions[i].span, p.clone()));
                        failed_providers.push(p.clone());
                        if !platforms.iter().any(|(_, q)| q == p) {
                            platforms.push((mentions[i].span, p.clone()));
                        }
                    }
                    _ => {}
                }
            }
        }
        // Owners are not affected because a product is; a country's
        // internet is not, when one of its operators is.
        let named = platforms.clone();
        platforms.retain(|(span, p)| {
            (!self.owns_any(p, &named) || (self.is_national(p) && outage_on(cx, *span)))
                && !self.operator_named(p, &named)
        });
        if platforms.is_empty() && role == Role::Related {
            platforms = inherit.to_vec();
        }

        // 4. Facts.
        let date = when::pick_date(cx, sentences, role).or_else(|| same_day.cloned());
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
            // A cause after «بعد ساعات من توقف تطبيق ...» is that earlier
            // failure's («ويأتي عطل WE بعد ساعات من توقف تطبيق إنستاباي ...
            // وهو ما أرجعته الشركة إلى أعمال تحديث»): where the first such
            // lapsed outage ends.
            let lapsed_end = if si.cause_context && role != Role::Related {
                roles::lapsed_outages(
                    doc.ntext(),
                    mentions,
                    &by_sentence[s],
                    doc.sentences[s].span,
                )
                .map(|o| o.end)
                .min()
            } else {
                None
            };
            restored |= si.restored;
            ongoing |= si.ongoing;
            for &i in &by_sentence[s] {
                let m = &mentions[i];
                match &m.value {
                    Value::Duration(d) if when::is_outage_duration(d) => {
                        durations.push((m.span, d));
                        used = true;
                    }
                    Value::Quantity(q)
                        if affected::is_candidate(q, si.eventful())
                            && !model_number(cx, s, m.span) =>
                    {
                        quantities.push((m.span, q));
                        used = true;
                    }
                    Value::Cause(c)
                        if si.cause_context
                            && !avoided(cx, s, m.span)
                            && !owns_the_site(cx, s, m.span, *c)
                            && !cx.effects[i]
                            && (role == Role::Related
                                || lapsed_end.is_none_or(|e| e > m.span.start)) =>
                    {
                        // The first mention of a category speaks for it.
                        if !causes.iter().any(|(_, k, _)| k == c) {
                            let status = cause_status(mentions, &by_sentence[s], m.span);
                            causes.push((m.span, *c, status));
                        }
                        used = true;
                    }
                    Value::Region(r)
                        if si.eventful()
                            && !time_spans.iter().any(|t| t.overlaps(m.span))
                            && !regions.iter().any(|(_, k)| *k == **r) =>
                    {
                        regions.push((m.span, (**r).clone()));
                    }
                    _ => {}
                }
            }
            if used || si.eventful() {
                evidence.push(doc.sentences[s].span);
            }
        }
        // The provider is a third-party cause with the status its sentence
        // gives («لا علاقة لها بمنصة أزور»: ruled out). A provider of the
        // affected services' own owner (Azure under Xbox and Minecraft) that
        // failed is in-house: affected, not a third party.
        let owner = |p: &PlatformRef| match p {
            PlatformRef::Catalog(i) => self.owners[*i as usize],
            PlatformRef::Family(..) => None,
        };
        let in_house = |p: &PlatformRef, platforms: &[(Span, PlatformRef)]| {
            let mut users = platforms
                .iter()
                .filter(|(_, q)| q != p && !self.is_provider(q))
                .peekable();
            users.peek().is_some() && owner(p).is_some() && users.all(|(_, q)| owner(q) == owner(p))
        };
        let house: Vec<(Span, PlatformRef)> = providers
            .iter()
            .filter(|(span, p)| {
                in_house(p, &platforms)
                    && !platforms.iter().any(|(_, q)| q == p)
                    && doc.sentence_at(span.start).is_some_and(|s| {
                        cause_status(mentions, &by_sentence[s], *span) != CauseStatus::RuledOut
                    })
            })
            .cloned()
            .collect();
        for (span, p) in house {
            if !platforms.iter().any(|(_, q)| *q == p) {
                platforms.push((span, p));
            }
        }
        if !causes
            .iter()
            .any(|(_, k, _)| *k == CauseCategory::ThirdParty)
            && let Some((span, status)) = providers.iter().find_map(|(span, p)| {
                let s = doc.sentence_at(span.start)?;
                let status = cause_status(mentions, &by_sentence[s], *span);
                (status == CauseStatus::RuledOut || !in_house(p, &platforms))
                    .then_some((*span, status))
            })
        {
            causes.push((span, CauseCategory::ThirdParty, status));
        }
        causes.sort_by_key(|(s, ..)| s.start);
        // A provider whose failure is the stated cause of other services'
        // outage is that cause, not one of the affected (record.md), unless
        // the text says it failed as well.
        if causes
            .iter()
            .any(|(_, k, st)| *k == CauseCategory::ThirdParty && *st != CauseStatus::RuledOut)
            && platforms.iter().any(|(_, p)| !self.is_provider(p))
        {
            // Flags first: `in_house` reads the list `retain` would change.
            let keep: Vec<bool> = platforms
                .iter()
                .map(|(_, p)| {
                    !self.is_provider(p) || failed_providers.contains(p) || in_house(p, &platforms)
                })
                .collect();
            let mut k = keep.iter();
            platforms.retain(|_| *k.next().expect("one flag per platform"));
        }
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

    /// True when `p` is a national service (an operator), not a global
    /// owner's umbrella (Meta, Google), which is never listed next to its
    /// products.
    /// True for a named service (not a country's internet, not an outage
    /// monitor).
    fn is_service(&self, p: &PlatformRef) -> bool {
        match p {
            PlatformRef::Catalog(i) => {
                !roles::MONITOR_KINDS.contains(&self.platform(*i).kind.as_str())
            }
            PlatformRef::Family(..) => false,
        }
    }

    /// True for a cloud, CDN, security, DNS or hosting provider.
    fn is_provider(&self, p: &PlatformRef) -> bool {
        matches!(p, PlatformRef::Catalog(i)
            if roles::PROVIDER_KINDS.contains(&self.platform(*i).kind.as_str()))
    }

    fn is_national(&self, p: &PlatformRef) -> bool {
        matches!(p, PlatformRef::Catalog(i) if self.platform(*i).country.is_some())
    }

    /// True when `p` is a country's internet or phone service and an
    /// operator of that country is among `platforms`.
    fn operator_named(&self, p: &PlatformRef, platforms: &[(Span, PlatformRef)]) -> bool {
        let PlatformRef::Family(_, Some(cc)) = p else {
            return false;
        };
        platforms.iter().any(|(_, q)| match q {
            PlatformRef::Catalog(i) => {
                let row = self.platform(*i);
                row.kind == "telecom" && row.country.as_deref() == Some(cc.as_str())
            }
            _ => false,
        })
    }
}

/// Words between «منذ» (since) and the date of the event it names («منذ
/// اندلاع الحرب في منتصف أبريل»).
const SINCE_REACH: usize = 4;

/// Days before publication within which a day is taken for this outage's.
const RECENT_DAYS: i64 = 7;

/// Whole days the text says the outage has lasted so far («منذ أكثر من
/// أسبوع» (for more than a week)).
fn since_days(mentions: &[Mention]) -> i64 {
    mentions
        .iter()
        .filter_map(|m| match &m.value {
            Value::Duration(d) if d.cue == Some(DurationCue::Since) => d.seconds,
            _ => None,
        })
        .map(|s| (s / 86_400.0).ceil() as i64)
        .max()
        .unwrap_or(0)
}

/// Marks the sentences that recall an earlier outage.
fn mark_related(
    doc: &Document,
    mentions: &[Mention],
    by_sentence: &[Vec<usize>],
    info: &mut [SentenceInfo],
    dates: &[(usize, Span, &DateExpr, Resolved)],
    published: Option<Date>,
    recent_days: i64,
) {
    // The article's own date: the first date of an outage sentence that
    // does not recall an earlier outage.
    let own_date = dates
        .iter()
        .find(|(s, _, e, r)| {
            info[*s].outage && !info[*s].past && !looks_older(e, r, published, recent_days)
        })
        .map(|(_, _, _, r)| r.clone());
    for (s, span, e, r) in dates {
        // «منذ» (since) an event in a date: a reference point («أطول
        // الانقطاعات منذ اندلاع الحرب في أبريل ٢٠٢٣»), not an earlier
        // outage; «منذ جوان 2016، حين قطعت» dates one.
        let since = near(mentions, &by_sentence[*s], *span, reach_bytes(SINCE_REACH))
            .iter()
            .any(|&i| {
                mentions[i].value.is_cue(Cue::Duration(DurationCue::Since))
                    && mentions[i].span.end <= span.start
                    && (1..=SINCE_REACH).contains(&words_between(doc, mentions[i].span, *span))
            });
        if since {
            continue;
        }
        // A sentence's only date, a month or a day, may stand further from
        // its outage word («عندما قطعت الإنترنت ... خلال موجة الاحتجاجات
        // التي اندلعت في تشرين الأول/أكتوبر 2019»).
        let alone = r
            .precision
            .is_some_and(|p| matches!(p, Precision::Day | Precision::Month))
            && when::only_date(dates, *s);
        let reach = if alone {
            2 * when::DATE_REACH
        } else {
            when::DATE_REACH
        };
        let near_outage = near(mentions, &by_sentence[*s], *span, reach_bytes(reach))
            .iter()
            .any(|&i| {
                matches!(
                    mentions[i].value,
                    Value::Cue(Cue::Outage(
                        OutageCue::Outage | OutageCue::Restored | OutageCue::Past
                    ))
                ) && words_between(doc, mentions[i].span, *span) <= reach
            });
        if info[*s].eventful() && near_outage && looks_older(e, r, published, recent_days) {
            let same = own_date
                .as_ref()
                .is_some_and(|p| p.value.is_some() && p.value == r.value);
            if !same {
                info[*s].related = true;
            }
        }
    }
    // The first recent day an outage sentence gives before any recall in
    // it: the article's own day, even in a sentence that recalls others.
    let first_past = |s: usize| {
        by_sentence[s]
            .iter()
            .filter(|&&i| mentions[i].value.is_cue(Cue::Outage(OutageCue::Past)))
            .map(|&i| mentions[i].span.start)
            .min()
            .unwrap_or(usize::MAX)
    };
    // Without a publication date no day is known to be recent.
    let first_told = dates
        .iter()
        .filter(|_| published.is_some())
        .find(|(s, span, e, r)| {
            info[*s].outage
                && r.precision == Some(Precision::Day)
                && !looks_older(e, r, published, recent_days)
                && span.end <= first_past(*s)
        })
        .map(|(_, _, _, r)| r.clone());
    // A past cue marks an earlier outage when the sentence speaks of an
    // outage or dates it («وفي وقت سابق من شهر مارس ... انقطاع مماثل»); the
    // pluperfect about this outage («وكان مستخدمون قد رجّحوا أن الضغط وراء
    // العطل») does not.
    let dated: BTreeSet<usize> = dates.iter().map(|(s, ..)| *s).collect();
    for (s, si) in info.iter_mut().enumerate() {
        // An outage word that introduces a cause phrase describes the cause
        // («نتج عن خلل لدى أحد مزودي الخدمات»), not another outage.
        let text = doc.ntext();
        let ms = &by_sentence[s];
        let introduces_cause = |o: Span| {
            near(mentions, ms, o, reach_bytes(1)).iter().any(|&k| {
                matches!(mentions[k].value, Value::Cause(_))
                    && mentions[k].span.start >= o.end
                    && doc.word_count(o.end, mentions[k].span.start, 2) <= 1
            })
        };
        let new_outage = ms.iter().any(|&i| {
            mentions[i].value.is_cue(Cue::Outage(OutageCue::Outage))
                && (!definite(text, mentions[i].span) || distal(text, mentions[i].span))
                && !introduces_cause(mentions[i].span)
        });
        // A recall after this outage was dated and named («استفاق اللبنانيون
        // فجر أمس على انقطاع ...، في مشهد أعاد إلى الأذهان أزمات الشتاء
        // الماضي») is about the recalled events, not the sentence.
        // Without a publication date, a recent relative day («صباح اليوم»,
        // «أمس») is this outage's too.
        // (Where the first such day and the first outage word end, found
        // once: a sentence may hold thousands of past cues.)
        let own_dates = when::dates_of(dates, s);
        let told_end = own_dates
            .iter()
            .filter(|(_, _, e, r)| {
                (r.value.is_some() && first_told.as_ref().is_some_and(|f| f.value == r.value))
                    || (published.is_none()
                        && e.relative_days
                            .is_some_and(|d| (-recent_days..=0).contains(&i64::from(d))))
            })
            .map(|(_, span, ..)| span.end)
            .min();
        let outage_end = ms
            .iter()
            .filter(|&&k| mentions[k].value.is_cue(Cue::Outage(OutageCue::Outage)))
            .map(|&k| mentions[k].span.end)
            .min();
        let told_before =
            |p: usize| told_end.is_some_and(|e| e <= p) && outage_end.is_some_and(|e| e <= p);
        // A past cue inside «بعد ساعات من مشكلة مماثلة» dates the event this
        // one came after; it does not make the sentence about it.
        // A clock time with no date is the article's own day: the pluperfect
        // there fills in this outage («وكانت الخدمة قد انقطعت في حوالي الساعة
        // السابعة مساء»); a recall gives the day it recalls.
        let clock_only = !dated.contains(&s)
            && ms
                .iter()
                .any(|&i| matches!(mentions[i].value, Value::Time(_)));
        // So does a sentence whose only day is the one the article told
        // («وكان مشتركو الشركة قد فوجئوا صباح اليوم بانقطاع خدمات الإنترنت»).
        let told_day_only = !own_dates.is_empty()
            && own_dates.iter().all(|(_, _, _, r)| {
                r.value.is_some() && first_told.as_ref().is_some_and(|f| f.value == r.value)
            });
        // A superlative right after a recent day («شهدت الشبكة أمس أكبر
        // انقطاع في تاريخها») is said of this outage, and names it.
        // (Only the last date ending before `p` can stand right before it:
        // dates do not overlap.)
        let said_of_day = |p: usize| {
            let k = own_dates.partition_point(|(_, span, ..)| span.end <= p);
            own_dates[..k].last().is_some_and(|(_, span, e, r)| {
                text[span.end..p].trim().is_empty()
                    // A day known to be recent: «أمس», or a date near publication.
                    && (e.relative_days.is_some() || (r.date.is_some() && published.is_some()))
                    && !looks_older(e, r, published, recent_days)
            })
        };
        let superlative = ms.iter().any(|&i| {
            mentions[i].value.is_cue(Cue::Outage(OutageCue::Past))
                && said_of_day(crate::normalize::word_start(text, mentions[i].span.start))
        });
        if superlative {
            si.outage = true;
        }
        let past = !clock_only
            && !told_day_only
            && ms.iter().any(|&i| {
                mentions[i].value.is_cue(Cue::Outage(OutageCue::Past))
                    && !told_before(mentions[i].span.start)
                    && !said_of_day(crate::normalize::word_start(text, mentions[i].span.start))
                    && !near(mentions, ms, mentions[i].span, reach_bytes(3))
                        .iter()
                        .any(|&k| {
                            mentions[k].value.is_cue(Cue::Duration(DurationCue::Delay))
                                && mentions[k].span.end <= mentions[i].span.start
                                && crate::annotate::word_count(
                                    text,
                                    mentions[k].span.end,
                                    mentions[i].span.start,
                                    3,
                                ) <= 3
                        })
            });
        // A date alone counts when a past cue other than the date's own
        // words recalls an outage («شهدت انقطاعا مماثلا في فبراير من العام
        // الماضي»); «وتجاوزت إيراداتها العام الماضي 100 مليار دولار» recalls
        // nothing.
        let recalled = ms.iter().any(|&i| {
            mentions[i].value.is_cue(Cue::Outage(OutageCue::Past))
                && !dates
                    .iter()
                    .any(|(ds, span, ..)| *ds == s && span.overlaps(mentions[i].span))
        });
        if past && (new_outage || si.restored || (dated.contains(&s) && recalled)) {
            si.related = true;
        }
    }
    // A list item of a timeline («- 4 أكتوبر 2021: ... . وأوضحت الشركة أن
    // السبب ...») is one earlier outage: an undated sentence after its
    // first one belongs to it.
    let text = doc.ntext();
    for s in 1..info.len() {
        let (prev, cur) = (doc.sentences[s - 1], doc.sentences[s]);
        let line = doc.lines[cur.line].span;
        if cur.line == prev.line
            && info[s - 1].related
            && !dated.contains(&s)
            && text[line.start..].trim_start().starts_with(BULLETS)
        {
            info[s].related = true;
        }
    }
}

/// Marks that open a list item.
const BULLETS: [char; 4] = ['-', '•', '*', '–'];

/// True when the word at `span` carries the article («العطل», «الانقطاع»):
/// the article's own outage named again, where «عطل مماثل» or «تعطلت» may
/// be another one.
fn definite(text: &str, span: Span) -> bool {
    text[crate::normalize::word_start(text, span.start)..span.start].ends_with("ال")
}

/// Distal demonstratives, ذلك / تلك (that): «ذلك العطل» is an earlier
/// outage the text has named, where «هذا العطل» (this outage) is the
/// article's.
const DISTAL: &[&str] = &["ذلك", "تلك"];

/// True when the word before `span`'s word is a distal demonstrative.
fn distal(text: &str, span: Span) -> bool {
    let before = text[..crate::normalize::word_start(text, span.start)].trim_end();
    DISTAL.iter().any(|d| {
        before
            .strip_suffix(d)
            .is_some_and(|rest| !rest.ends_with(crate::normalize::is_word_char))
    })
}

/// Clusters of earlier-outage sentences: the same date value, or adjacent
/// sentences when the later one has no date.
fn related_clusters(
    info: &[SentenceInfo],
    dates: &[(usize, Span, &DateExpr, Resolved)],
) -> Vec<Vec<usize>> {
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
            None => clusters
                .iter()
                .position(|(_, ss)| ss.last().is_some_and(|&l| l + 1 == s)),
        };
        match target {
            Some(i) => clusters[i].1.push(s),
            None => clusters.push((value, vec![s])),
        }
    }
    clusters.into_iter().map(|(_, s)| s).collect()
}

/// Services the headline names after a denial in their clause («لا عطل في
/// واتساب وانستغرام»).
fn headline_denied(cx: &Context<'_>, lead: &BTreeSet<usize>) -> Vec<PlatformRef> {
    let Some(title) = cx.doc.title.filter(|t| lead.contains(t)) else {
        return Vec::new();
    };
    let text = cx.doc.ntext();
    let mut out = Vec::new();
    for (s, ms) in cx.by_sentence.iter().enumerate() {
        let sentence = cx.doc.sentences[s];
        if sentence.line != title {
            continue;
        }
        for &i in ms {
            let Value::Platform(p) = &cx.mentions[i].value else {
                continue;
            };
            let p: &PlatformRef = p;
            let span = cx.mentions[i].span;
            let clause = roles::clause_of(text, sentence.span, span);
            // A clause reaches no further than the window `clause_of` reads.
            let denied = cx.window(s, span, roles::WINDOW).iter().any(|&d| {
                cx.mentions[d].value.is_cue(Cue::Outage(OutageCue::Denial))
                    && clause.contains(cx.mentions[d].span)
                    && cx.mentions[d].span.end <= span.start
            });
            if denied && cx.verdicts[i] == Some(Verdict::Other) && !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

/// The lines of the lead: the headline, and the lines after it up to and
/// including the first line of real prose.
fn lead_lines(doc: &Document) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let Some(title) = doc.title else {
        return out;
    };
    let text = doc.ntext();
    for (i, l) in doc.lines.iter().enumerate().skip(title) {
        if l.furniture {
            continue;
        }
        out.insert(i);
        if i > title && letter_words(text, l.span) >= LEAD_WORDS {
            break;
        }
    }
    out
}

/// Words with letters in `span`, up to `LEAD_WORDS`: a dateline full of
/// figures («تم النشر: 2025/10/21 الساعة 11:40») is not the lead's prose.
fn letter_words(text: &str, span: Span) -> usize {
    text[span.start..span.end]
        .split(|c: char| !crate::normalize::is_word_char(c))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(LEAD_WORDS)
        .count()
}

/// True when sentence `s` names a lead service in any role.
fn mentions_lead(cx: &Context<'_>, s: usize, lead: &BTreeSet<PlatformRef>) -> bool {
    cx.by_sentence[s]
        .iter()
        .any(|&i| matches!(&cx.mentions[i].value, Value::Platform(p) if lead.contains(p)))
}

/// True when two sentences name the same affected services.
fn same_names(cx: &Context<'_>, a: usize, b: usize) -> bool {
    let names = |s: usize| -> BTreeSet<PlatformRef> {
        cx.by_sentence[s]
            .iter()
            .filter(|&&i| cx.verdicts[i] == Some(Verdict::Affected))
            .filter_map(|&i| match &cx.mentions[i].value {
                Value::Platform(p) => Some((**p).clone()),
                _ => None,
            })
            .collect()
    };
    let (x, y) = (names(a), names(b));
    !x.is_disjoint(&y)
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

/// True when a bare number follows a service name: a model or version
/// («بلايستيشن 4», «ويندوز 11»), not a count.
fn model_number(cx: &Context<'_>, s: usize, span: Span) -> bool {
    let text = cx.doc.ntext();
    text[span.start..span.end]
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.')
        && cx.window(s, span, reach_bytes(2)).iter().any(|&i| {
            let m = &cx.mentions[i];
            matches!(m.value, Value::Platform(_))
                && m.span.end <= span.start
                && text[m.span.end..span.start].trim().is_empty()
        })
}

/// True when an authority named as a cause is the owner in a service's
/// name: «موقع وزارة التربية» (the education ministry's website) failed;
/// the ministry did not cut anything.
fn owns_the_site(cx: &Context<'_>, s: usize, span: Span, category: CauseCategory) -> bool {
    category == CauseCategory::Government
        && cx.window(s, span, 40).iter().any(|&i| {
            let m = &cx.mentions[i];
            m.value.is_cue(Cue::Platform(PlatformCue::Service))
                && m.span.end <= span.start
                && cx.doc.ntext()[m.span.end..span.start].trim().is_empty()
        })
}

/// True when a cause is something guarded against («لتفادي أي ضغط
/// مفاجئ» (to avoid any sudden load)), the repair («باشرت الملاكات
/// الفنية أعمال الصيانة» (set about maintenance works)) or the setting
/// («وسط موجة حر دفعت درجات الحرارة إلى 43 درجة» (amid a heat wave that
/// pushed temperatures to 43°): to the end of its clause), not what happened.
fn avoided(cx: &Context<'_>, s: usize, span: Span) -> bool {
    // A few words before the cause.
    cx.window(s, span, 200).iter().any(|&i| {
        let m = &cx.mentions[i];
        // The repair verb takes its subject and a preposition between
        // («شرعت الفرق الفنية في أعمال الصيانة»).
        let reach = match m.value {
            Value::Cue(Cue::Cause(CauseCue::Avoided)) => 2,
            Value::Cue(Cue::Cause(CauseCue::Remedy)) => 3,
            // «الوسط», «في وسط البلاد» (the centre) are a place; a cause cue
            // between gives the cause after all («وسط تكهنات بأن هجوما
            // إلكترونيا وراء العطل»).
            Value::Cue(Cue::Cause(CauseCue::Circumstance))
                if m.span.end <= span.start
                    && setting_word(cx.doc.ntext(), m.span)
                    && !cx.doc.ntext()[m.span.end..span.start].contains([',', ';', ':'])
                    && !cx.window(s, span, 200).iter().any(|&k| {
                        matches!(cx.mentions[k].value, Value::Cue(Cue::Cause(_)))
                            && cx.mentions[k].span.start >= m.span.end
                            && cx.mentions[k].span.end <= span.start
                    }) =>
            {
                CIRCUMSTANCE_REACH
            }
            _ => return false,
        };
        m.span.end <= span.start && cx.doc.word_count(m.span.end, span.start, reach + 1) <= reach
    })
}

/// True when the circumstance word at `span` stands alone or after «و»
/// (and), not with the article or after «في» (in): «وسط موجة حر» (amid a
/// heat wave), not «في وسط البلاد» (in the centre of the country).
fn setting_word(text: &str, span: Span) -> bool {
    let ws = crate::normalize::word_start(text, span.start);
    matches!(&text[ws..span.start], "" | "و")
        && text[..ws].trim_end().rsplit(' ').next() != Some("في")
}

/// Words a setting («وسط ...», amid) reaches within its clause.
const CIRCUMSTANCE_REACH: usize = 8;

/// Marks the causes that follow «تسبب العطل في» (the outage caused): the
/// outage is the subject, what follows is its effect («وتسبب العطل في
/// ارتباك ...، كما اشتكى طلاب ... قبل امتحانات منتصف الترم»), to the end
/// of the sentence unless another connective comes between. One pass over
/// each sentence's mentions.
fn effects_of_outage(
    doc: &Document,
    mentions: &[Mention],
    by_sentence: &[Vec<usize>],
) -> Vec<bool> {
    let text = doc.ntext();
    let mut out = vec![false; mentions.len()];
    for ms in by_sentence {
        // The end of the last connective, and whether the outage word
        // right after it made what follows its effect.
        let mut connective: Option<usize> = None;
        let mut effect = false;
        for &i in ms {
            let m = &mentions[i];
            match &m.value {
                Value::Cue(Cue::Cause(CauseCue::Connective)) => {
                    connective = Some(m.span.end);
                    effect = false;
                }
                Value::Cue(Cue::Outage(OutageCue::Outage)) => {
                    if let Some(end) = connective
                        && m.span.start >= end
                        && definite(text, m.span)
                        && doc.word_count(end, crate::normalize::word_start(text, m.span.start), 1)
                            == 0
                    {
                        effect = true;
                    }
                }
                Value::Cause(_) => out[i] = effect,
                _ => {}
            }
        }
    }
    out
}

/// True when an outage word stands right before `span` («شبكة فودافون»
/// after «عطل يضرب»): the name itself is said to fail.
fn outage_on(cx: &Context<'_>, span: Span) -> bool {
    let Some(s) = cx.doc.sentence_at(span.start) else {
        return false;
    };
    cx.window(s, span, 120).iter().any(|&i| {
        let m = &cx.mentions[i];
        matches!(m.value, Value::Cue(Cue::Outage(OutageCue::Outage)))
            && m.span.end <= span.start
            && cx.doc.word_count(m.span.end, span.start, 2) <= 2
    })
}

/// Bytes between a ruling-out verb and the word pointing back to the cause
/// («نفى المصدر ذاته ذلك»): two or three Arabic words.
const ANAPHOR_BYTES: usize = 40;

/// The status of a cause from the cue words of its sentence. A ruling-out
/// or a hedge reaches the causes after it up to a contrast word («بل»,
/// «لكن»).
fn cause_status(mentions: &[Mention], sentence: &[usize], span: Span) -> CauseStatus {
    // One pass over the sentence gathers what the rules below ask; each
    // rule is then a scan of its own cues (a sentence may be endless).
    let is = |i: usize, kind: CauseCue| mentions[i].value.is_cue(Cue::Cause(kind));
    let category = sentence.iter().find_map(|&k| match mentions[k].value {
        Value::Cause(c) if mentions[k].span == span => Some(c),
        _ => None,
    });
    // The start of the last contrast word wholly before the cause.
    let last_contrast = sentence
        .iter()
        .filter(|&&i| is(i, CauseCue::Contrast) && mentions[i].span.end <= span.start)
        .map(|&i| mentions[i].span.start)
        .max();
    let cue_before = |kind: CauseCue| {
        sentence.iter().any(|&i| {
            let c = mentions[i].span;
            is(i, kind) && c.end <= span.start && last_contrast.is_none_or(|l| l < c.end)
        })
    };
    let cue_anywhere = |kind: CauseCue| sentence.iter().any(|&i| is(i, kind));
    // «اشتبهوا في هجوم ... لكنهم استبعدوا ذلك»: a ruling-out after the
    // cause that points back to it, with no other cause between.
    let other_cause_end = sentence
        .iter()
        .filter(|&&k| {
            matches!(mentions[k].value, Value::Cause(c) if Some(c) != category)
                && mentions[k].span.start >= span.end
        })
        .map(|&k| mentions[k].span.end)
        .min();
    let anaphors: Vec<usize> = sentence
        .iter()
        .filter(|&&a| is(a, CauseCue::Anaphor))
        .map(|&a| mentions[a].span.start)
        .collect();
    let taken_back = sentence.iter().any(|&r| {
        let rs = mentions[r].span;
        is(r, CauseCue::RuledOut)
            && rs.start >= span.end
            && other_cause_end.is_none_or(|e| e > rs.start)
            && {
                let k = anaphors.partition_point(|&a| a < rs.end);
                anaphors
                    .get(k)
                    .is_some_and(|&a| a - rs.end <= ANAPHOR_BYTES)
            }
    });
    if cue_before(CauseCue::RuledOut) || taken_back {
        CauseStatus::RuledOut
    } else if cue_anywhere(CauseCue::Claimed) {
        CauseStatus::Claimed
    } else if cue_before(CauseCue::Suspected) {
        CauseStatus::Suspected
    } else {
        CauseStatus::Confirmed
    }
}
