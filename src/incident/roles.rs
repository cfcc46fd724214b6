/*!
What a named platform is in its sentence: a service that failed, the
provider whose failure caused it, or something else — the channel of a
statement, the source of figures, the owner, a competitor or alternative, a
service that kept working, an outage monitor.

The words are in `platform_cues.tsv` (roles `channel`, `source`, `owner`,
`competitor`, `unaffected`, `statement`, `via`); the grammar is here:

- a role cue stands a few words before the name («في تغريدة على»,
  «بحسب موقع», «المملوكة لشركة», «لجأ آخرون مؤقتاً إلى»);
- a statement word earlier in the clause and a preposition just before the
  name make the name a channel («وكتب أحدهم على «فيسبوك»», «في منشور عبر
  حساب ... على منصة «إكس»»);
- an `unaffected` cue in the same clause («لم يتأثر تطبيق «واتساب»»,
  «باستثناء»);
- a name after a cause connective, next to a cause phrase, is part of the
  cause (a provider of kind cloud/CDN/security becomes `third_party`);
- a country's internet or phone service is affected only when an outage word
  governs it («انقطاع خدمة الإنترنت»), since «الإنترنت» is everywhere.
*/

use super::Context;
use crate::annotate::{Cue, Mention, PlatformRef, Value, word_count};
use crate::lexicon::PlatformRow;
use crate::span::Span;
use crate::vocab::*;

/// What a platform mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Named as failing, in a sentence about the outage.
    Affected,
    /// Named inside the stated cause, as a provider.
    Provider,
    /// A provider inside the cause that is said to fail as well («بسبب عطل
    /// في خدمات أمازون ويب سيرفيسز، التي تعطلت بدورها»).
    FailedProvider,
    /// Anything else: channel, source, owner, competitor, unaffected,
    /// monitor, or a sentence that is not about an outage.
    Other,
}

/// Platform kinds that are outage monitors, never affected.
pub(super) const MONITOR_KINDS: &[&str] = &["monitoring"];
/// Platform kinds that are providers: named inside a cause, they are the
/// third party that failed.
pub(super) const PROVIDER_KINDS: &[&str] = &["cloud", "cdn", "security", "dns", "hosting"];
/// Bytes around a name within which its cues are looked for: more than the
/// longest reach below, in Arabic words of up to about 30 bytes.
pub(super) const WINDOW: usize = 400;
/// Words between an outage word and the family name it governs: a verb's
/// subject may stand between («قطعت وزارة الاتصالات العراقية خدمة
/// الإنترنت»).
const FAMILY_REACH: usize = 3;
/// Words between «بعد» (after) and the outage word it dates back to
/// («بعد ساعات من عطل»), and between that word and the name it governs.
const EARLIER_REACH: usize = 3;
/// Words after a provider within which an outage word says it failed too.
const FAILS_TOO_REACH: usize = 2;
/// Words a statement word may stand before the channel it introduces.
const STATEMENT_REACH: usize = 10;
/// Words between a preposition and the channel name («على حساب «أسك
/// بلايستيشن» في منصة إكس»).
const VIA_REACH: usize = 5;

/// Relative pronouns that open a clause about the names before them:
/// الذي/التي (which), اللذين/اللتين/اللذان/اللتان (which, dual), الذين
/// (who), اللواتي (which, plural).
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "الذين",
    "اللواتي",
    "اللاتي",
];

/// How far before a name each role cue reaches, in words.
fn reach(role: PlatformCue) -> usize {
    match role {
        PlatformCue::Channel | PlatformCue::Owner => 3,
        PlatformCue::Source => 4,
        // «ولجأ بعض المستخدمين العرب إلى تطبيقي «أنغامي» و«يوتيوب ميوزيك»»,
        // «ولجأ عدد كبير من المستخدمين إلى محافظ الهاتف المحمول مثل «فودافون
        // كاش»»
        PlatformCue::Competitor => 10,
        _ => 0,
    }
}

/// The verdict on mention `i` (a platform) of sentence `s`.
pub(super) fn classify(cx: &Context<'_>, catalog: &[PlatformRow], s: usize, i: usize) -> Verdict {
    let Context {
        doc,
        mentions,
        info,
        ..
    } = *cx;
    let Value::Platform(p) = &mentions[i].value else {
        return Verdict::Other;
    };
    let span = mentions[i].span;
    let text = doc.ntext();
    // Only mentions near the name matter; bounding the window keeps
    // pathological sentences (one name repeated 100,000 times) linear.
    let sentence = cx.window(s, span, WINDOW);
    let kind = match &**p {
        PlatformRef::Catalog(ci) => Some(catalog[*ci as usize].kind.as_str()),
        PlatformRef::Family(..) => None,
    };
    if kind.is_some_and(|k| MONITOR_KINDS.contains(&k)) {
        return Verdict::Other;
    }
    // Gathered once: every rule below looks at them again.
    let cue_list: Vec<(Span, PlatformCue)> = sentence
        .iter()
        .filter_map(|&j| match mentions[j].value {
            Value::Cue(Cue::Platform(c)) => Some((mentions[j].span, c)),
            _ => None,
        })
        .collect();
    let cues = || cue_list.iter().copied();
    let plats: Vec<usize> = sentence
        .iter()
        .copied()
        .filter(|&j| matches!(mentions[j].value, Value::Platform(_)))
        .collect();
    let outage_list: Vec<Span> = sentence
        .iter()
        .filter(|&&j| mentions[j].value.is_cue(Cue::Outage(OutageCue::Outage)))
        .map(|&j| mentions[j].span)
        .collect();
    // Counting stops past 64 words: every reach here is shorter. Distances
    // to the name are measured to its word start, so that its proclitic
    // («للإنترنت», «لتيليجرام») is not counted as a word between.
    let words = |a: usize, b: usize| doc.word_count(a, b, 64);
    let name_start = crate::normalize::word_start(text, span.start);

    // A role cue just before the name governs it. A source or a channel
    // governs only the first name after it, or a list of names: «أفاد موقع
    // داون ديتكتور بأن واتساب تعطل» says nothing about WhatsApp's role.
    let platforms_between = |a: usize, b: usize| {
        plats
            .iter()
            .filter(move |&&j| mentions[j].span.start >= a && mentions[j].span.end <= b)
    };
    // Service words may stand between the names of a list («"أزور" ومنصة
    // "لينكدإن"»).
    let gap_is_list = |a: usize, b: usize| {
        let mut gap = String::new();
        let mut from = a;
        for (c, role) in cues() {
            if role == PlatformCue::Service && c.start >= from && c.end <= b {
                gap.push_str(&text[from..c.start]);
                gap.push(' ');
                from = c.end;
            }
        }
        gap.push_str(&text[from..b]);
        is_list_gap(&gap)
    };
    let listed_after = |a: usize, to: usize| {
        let mut from = a;
        for &j in platforms_between(a, to) {
            if !gap_is_list(from, mentions[j].span.start) && from != a {
                return false;
            }
            from = mentions[j].span.end;
        }
        from == a || gap_is_list(from, to)
    };
    // The list the name ends and the list it starts: a role cue before the
    // list governs every name of it, a statement or denial after it too.
    let mut head = span;
    while let Some(&j) = plats
        .iter()
        .filter(|&&j| mentions[j].span.end <= head.start)
        .max_by_key(|&&j| mentions[j].span.end)
    {
        if !gap_is_list(mentions[j].span.end, head.start) {
            break;
        }
        head = mentions[j].span;
    }
    let head_start = crate::normalize::word_start(text, head.start);
    let mut list_end = span.end;
    for &j in &plats {
        let n = mentions[j].span;
        if n.start >= list_end && gap_is_list(list_end, n.start) {
            list_end = n.end;
        }
    }
    // An outage word between a cue and a name starts another clause about
    // the outage («التواصل عبر ... بعدما توقفت منصة تيمز», «لجأ المستخدمون
    // إلى بدائل بعد تعطل واتساب»); right after the cue it is the cue's
    // object («مقارنة بانقطاع يوتيوب»).
    // Outage words within `a..b`.
    let outages_in = |a: usize, b: usize| {
        outage_list
            .iter()
            .copied()
            .filter(move |o| o.start >= a && o.end <= b)
    };
    let failure_between = |a: usize, b: usize| outages_in(a, b).any(|o| words(a, o.start) >= 2);
    let governed = |name: Span, first: usize| {
        let start = crate::normalize::word_start(text, name.start);
        cues().any(|(c, role)| {
            reach(role) > 0
                && c.end <= name.start
                && !failure_between(c.end, name.start)
                && (words(c.end, start) <= reach(role)
                    || (c.end <= first && words(c.end, first) <= reach(role)))
                && (!matches!(role, PlatformCue::Source | PlatformCue::Channel)
                    || platforms_between(c.end, name.start).next().is_none()
                    || listed_after(c.end, name.start))
        })
    };
    let provider = kind.is_some_and(|k| PROVIDER_KINDS.contains(&k));
    let in_cause = inside_cause(
        text,
        doc.sentences[s].span,
        mentions,
        sentence,
        span,
        provider,
    );
    // A provider inside the cause stays the third party whatever cue
    // stands before it («بسبب عطل في مراكز البيانات التابعة لأمازون»).
    if governed(span, head_start) && !(provider && in_cause) {
        return Verdict::Other;
    }
    // The same service named again in the sentence keeps the role a cue
    // gave it («لجأ عدد منهم إلى تيليغرام ... وقفز تيليغرام إلى صدارة
    // ...»), unless an outage word governs it here.
    let outage_governs = outage_list
        .iter()
        .any(|o| o.end <= span.start && words(o.end, head_start) <= FAILS_TOO_REACH);
    if !outage_governs
        && sentence.iter().any(|&j| {
            mentions[j].value == mentions[i].value
                && mentions[j].span.end <= span.start
                && governed(mentions[j].span, mentions[j].span.start)
        })
    {
        return Verdict::Other;
    }
    // Where posts were made: a statement word right after the name, or
    // after the list it ends («امتلأت منصتا «ثريدز» و«إكس» بمنشورات»).
    if cues().any(|(c, role)| {
        role == PlatformCue::Statement
            && c.start >= list_end
            && words(list_end, c.start) == 0
            && !text[list_end..c.start].contains([',', ';', ':'])
    }) {
        return Verdict::Other;
    }
    // A competitor word right after the name or the list it ends, no word
    // between («تيليجرام المنافس», «جيميني بديلا عنه», «شهد «تيليغرام»
    // و«سيغنال» ارتفاعا في عدد التنزيلات»); further on, it introduces the next name
    // («شاهد لساعتين مقارنة بنتفليكس»).
    if cues().any(|(c, role)| {
        role == PlatformCue::Competitor
            && c.start >= list_end
            && words(list_end, c.start) == 0
            && !text[list_end..c.start].contains([',', ';', ':'])
    }) {
        return Verdict::Other;
    }
    // A service that kept working, in the same clause; «بشكل طبيعي» (as
    // normal) says so only where nothing came back («عادت للعمل بشكل طبيعي»).
    let clause = clause_of(text, doc.sentences[s].span, span);
    // A relative clause after the name's clause speaks of it («إلى شبكة
    // «إكس بوكس»، اللتين عملتا بشكل طبيعي»).
    let described = {
        let rest = text[clause.end..doc.sentences[s].span.end].trim_start_matches([',', ' ']);
        if RELATIVES
            .iter()
            .any(|r| rest.strip_prefix(r).is_some_and(|t| t.starts_with(' ')))
        {
            let at = doc.sentences[s].span.end - rest.len();
            Span::new(
                clause.start,
                clause_of(text, doc.sentences[s].span, Span::new(at, at)).end,
            )
        } else {
            clause
        }
    };
    let restored_apart = |c: Span| {
        sentence.iter().any(|&j| {
            matches!(
                mentions[j].value,
                Value::Cue(Cue::Outage(OutageCue::Restored))
            ) && clause.contains(mentions[j].span)
                && !mentions[j].span.overlaps(c)
        })
    };
    if cues().any(|(c, role)| {
        role == PlatformCue::Unaffected && described.contains(c) && !restored_apart(c)
    }) {
        return Verdict::Other;
    }
    // «كذلك» (likewise) at the head of the clause carries the clause before
    // it («عملت «واتساب» بشكل طبيعي، وكذلك خدمات الإنترنت لدى «سيريتل»»).
    let likewise = sentence.iter().any(|&j| {
        let a = mentions[j].span;
        mentions[j].value.is_cue(Cue::Outage(OutageCue::Also))
            && clause.contains(a)
            && a.end <= span.start
            && words(clause.start, crate::normalize::word_start(text, a.start)) == 0
    });
    if likewise && clause.start > doc.sentences[s].span.start {
        // The mark that opens the clause (a dash may take three bytes).
        let at = text[..clause.start]
            .char_indices()
            .next_back()
            .map_or(clause.start, |(i, _)| i);
        let before = clause_of(text, doc.sentences[s].span, Span::new(at, at));
        if cues().any(|(c, role)| role == PlatformCue::Unaffected && before.contains(c)) {
            return Verdict::Other;
        }
    }
    // A list set off as an aside of examples: the clause that starts right
    // after its closing comma is its predicate («تطبيقات البنوك، ومنها تطبيق
    // «X» وتطبيق «Y»، عملت بشكل طبيعي»).
    let aside = cues().any(|(c, role)| {
        role == PlatformCue::Including && c.end <= head.start && gap_is_list(c.end, head.start)
    });
    if aside {
        let after = &text[list_end..doc.sentences[s].span.end];
        let rest = after.trim_start_matches(['"', '»', '”', ' ']);
        if let Some(predicate) = rest.strip_prefix(',') {
            let at = doc.sentences[s].span.end - predicate.trim_start().len();
            if cues().any(|(c, role)| role == PlatformCue::Unaffected && c.start == at) {
                return Verdict::Other;
            }
        }
    }
    // A denied outage: earlier in the clause («تنفي وجود عطل في جيميناي»),
    // or in a later clause that names no other service and where nothing
    // came back («شكاوى من بطء في جيميناي، لكن متحدثاً قال إن خدماتها تعمل
    // بشكل طبيعي»).
    let sentence_span = doc.sentences[s].span;
    if sentence.iter().any(|&j| {
        let d = mentions[j].span;
        if !mentions[j].value.is_cue(Cue::Outage(OutageCue::Denial)) {
            return false;
        }
        if clause.contains(d) {
            // Before the name, or right after it: the name denies («وغوغل
            // تنفي وجود عطل»).
            return d.end <= span.start
                || words(span.end, d.start) == 0
                || (d.start >= list_end && words(list_end, d.start) == 0);
        }
        let later = clause_of(text, sentence_span, d);
        // «طال العطل «سورا»، في حين أكدت الشركة أن خدماتها الأخرى لم
        // تتأثر»: set against the name, not said of it.
        let whereas = cues().any(|(c, role)| {
            role == PlatformCue::Whereas && c.start >= span.end && c.end <= d.start
        });
        d.start >= span.end
            && !whereas
            && !restored_apart(d)
            && !sentence.iter().any(|&k| {
                later.contains(mentions[k].span)
                    && (matches!(mentions[k].value, Value::Platform(_))
                        || (matches!(
                            mentions[k].value,
                            Value::Cue(Cue::Outage(OutageCue::Restored))
                        ) && !mentions[k].span.overlaps(d)))
            })
    }) {
        return Verdict::Other;
    }
    // A channel: «وكتب أحدهم على «فيسبوك»», with no outage word between.
    let outage_between = |a: usize, b: usize| outages_in(a, b).next().is_some();
    // A channel cue («في منشور على») is a statement and a preposition at once.
    let via_before = cues().any(|(c, role)| {
        matches!(role, PlatformCue::Via | PlatformCue::Channel)
            && c.end <= span.start
            && words(c.end, name_start) <= VIA_REACH
            && !outage_between(c.end, span.start)
    });
    if via_before
        && cues().any(|(c, role)| {
            matches!(role, PlatformCue::Statement | PlatformCue::Channel)
                && c.end <= span.start
                && words(c.end, name_start) <= STATEMENT_REACH
        })
    {
        return Verdict::Other;
    }
    // A country's internet: only with a country, under an outage word, or
    // with one right after it and its country, as its predicate or the
    // object of «شهدت» (witnessed): «شهدت خدمات الإنترنت في ليبيا انقطاعا»,
    // «الإنترنت في سوريا مقطوع»; not «مزودي خدمات الإنترنت بخصوص هذا
    // العطل» (about this outage).
    if let PlatformRef::Family(_, None) = &**p {
        return Verdict::Other;
    }
    let country_words = |a: usize, b: usize| -> usize {
        sentence
            .iter()
            .filter(|&&k| matches!(mentions[k].value, Value::Region(_)))
            .map(|&k| mentions[k].span)
            .filter(|r| r.start >= a && r.end <= b)
            .map(|r| words(r.start, r.end))
            .sum()
    };
    if let PlatformRef::Family(..) = &**p
        && !sentence.iter().any(|&j| {
            let o = mentions[j].span;
            match mentions[j].value {
                Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Restored))
                    if o.start < span.start =>
                {
                    o.overlaps(span) || words(o.end, name_start) <= FAMILY_REACH
                }
                Value::Cue(Cue::Outage(OutageCue::Outage)) => {
                    // At most the preposition before the country between.
                    // (The country is counted only near the name: the
                    // window may hold many outage words.)
                    o.start >= span.end
                        && words(span.end, o.start) <= FAMILY_REACH + 1
                        && words(span.end, o.start).saturating_sub(country_words(span.end, o.start))
                            <= 1
                        && !text[span.end..o.start].contains([',', ';', ':'])
                }
                _ => false,
            }
        })
    {
        return Verdict::Other;
    }
    if in_cause {
        let fails_too = sentence.iter().any(|&j| {
            matches!(
                mentions[j].value,
                Value::Cue(Cue::Outage(OutageCue::Outage))
            ) && mentions[j].span.start >= span.end
                && words(span.end, mentions[j].span.start) <= FAILS_TOO_REACH
        });
        return if provider && fails_too {
            Verdict::FailedProvider
        } else if provider {
            Verdict::Provider
        } else {
            Verdict::Other
        };
    }
    // «بعد ساعات من عطل «سناب شات»», «بعد ساعات من مشكلة مماثلة واجهها
    // مستخدمو «سناب شات»»: the outage word governing the name is the
    // earlier event that this one came after.
    let earlier = lapsed_outages(
        text,
        mentions,
        sentence,
        Span::new(span.start.saturating_sub(LAPSE_BYTES), span.start),
    )
    .any(|o| o.end <= span.start && words(o.end, name_start) <= EARLIER_REACH);
    if earlier {
        return Verdict::Other;
    }
    if info[s].outage || info[s].restored {
        Verdict::Affected
    } else {
        Verdict::Other
    }
}

/// The outage words of a sentence that follow a lapse of time, «بعد ساعات
/// من عطل ...» (hours after the failure of ...): an earlier event that this
/// one came after. «بعد انقطاع واتساب» (after WhatsApp went down) names no
/// lapse: that is this outage.
pub(super) fn lapsed_outages<'a>(
    text: &'a str,
    mentions: &'a [Mention],
    sentence: &'a [usize],
    within: Span,
) -> impl Iterator<Item = Span> + 'a {
    super::near(mentions, sentence, within, 0)
        .iter()
        .filter(|&&j| {
            matches!(
                mentions[j].value,
                Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Past))
            )
        })
        .map(|&j| mentions[j].span)
        .filter(move |&o| {
            // The lapse stands a few words before the outage word.
            let near = super::near(mentions, sentence, o, LAPSE_BYTES);
            near.iter().any(|&k| {
                let d = mentions[k].span;
                mentions[k].value.is_cue(Cue::Duration(DurationCue::Delay))
                    && d.end <= o.start
                    && word_count(text, d.end, o.start, EARLIER_REACH + 1) <= EARLIER_REACH
                    && near.iter().any(|&t| {
                        matches!(mentions[t].value, Value::Duration(_))
                            && mentions[t].span.start >= d.start
                            && mentions[t].span.end <= o.start
                    })
            })
        })
}

/// Bytes before an outage word within which its lapse («بعد ساعات من») is
/// looked for: `EARLIER_REACH` words and the cue itself.
const LAPSE_BYTES: usize = 256;

/// True when the platform is part of the stated cause: after a cause
/// connective, with a cause phrase between the connective and the name
/// («بسبب انقطاع الكهرباء في مركز بيانات أوراكل»); a provider also right
/// after the connective («بسبب عطل لدى أمازون ويب سيرفيسز»: the generic
/// fault names no cause phrase).
fn inside_cause(
    text: &str,
    sentence_span: Span,
    mentions: &[Mention],
    sentence: &[usize],
    span: Span,
    provider: bool,
) -> bool {
    let connective = sentence
        .iter()
        .filter(|&&i| {
            matches!(
                mentions[i].value,
                Value::Cue(Cue::Cause(CauseCue::Connective))
            ) && mentions[i].span.end <= span.start
        })
        .map(|&i| mentions[i].span.end)
        .max();
    let Some(after) = connective else {
        return false;
    };
    if provider {
        return true;
    }
    let clause = clause_of(text, sentence_span, span);
    // An outage word between the cause and the name, in the name's
    // clause, starts the effect («تسببت العاصفة في انقطاع خدمات ...
    // «موبيليس»»).
    let effect_between = |from: usize| {
        clause.start <= from
            && sentence.iter().any(|&j| {
                matches!(
                    mentions[j].value,
                    Value::Cue(Cue::Outage(OutageCue::Outage))
                ) && mentions[j].span.start >= from
                    && mentions[j].span.end <= span.start
            })
    };
    sentence.iter().any(|&i| {
        matches!(mentions[i].value, Value::Cause(_))
            && mentions[i].span.start >= after
            && mentions[i].span.end <= span.start
            && !effect_between(mentions[i].span.end)
    })
}

/// True when a gap between two names makes them one list («و», «،», «أو»,
/// quotes and spaces).
fn is_list_gap(gap: &str) -> bool {
    gap.split(|c: char| {
        c.is_whitespace() || matches!(c, '،' | ',' | '«' | '»' | '"' | '“' | '”' | '\'')
    })
    .all(|w| w.is_empty() || w == "و" || w == "او")
}

/// The clause of `sentence` around `span`: between the nearest clause marks
/// (, ; : dashes and brackets) on either side, at most `WINDOW` bytes away.
pub(super) fn clause_of(text: &str, sentence: Span, span: Span) -> Span {
    const MARKS: &[char] = &[',', ';', ':', '(', ')', '-', '–', '—'];
    // A mention that runs past the sentence is cut to it.
    let span = Span::new(
        span.start.clamp(sentence.start, sentence.end),
        span.end.clamp(sentence.start, sentence.end),
    );
    let floor = floor_char_boundary(text, span.start.saturating_sub(WINDOW).max(sentence.start));
    let ceil = ceil_char_boundary(text, (span.end + WINDOW).min(sentence.end));
    // After the mark, which may take more than one byte («—»).
    let start = text[floor..span.start].rfind(MARKS).map_or(floor, |i| {
        floor + i + text[floor + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..ceil]
        .find(MARKS)
        .map_or(ceil, |i| span.end + i);
    Span::new(start, end)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
