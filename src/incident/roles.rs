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
const MONITOR_KINDS: &[&str] = &["monitoring"];
/// Platform kinds that are providers: named inside a cause, they are the
/// third party that failed.
pub(super) const PROVIDER_KINDS: &[&str] = &["cloud", "cdn", "security", "dns", "hosting"];
/// Bytes around a name within which its cues are looked for: more than the
/// longest reach below, in Arabic words of up to about 30 bytes.
const WINDOW: usize = 400;
/// Words between an outage word and the family name it governs.
const FAMILY_REACH: usize = 2;
/// Words between «بعد» (after) and the outage word it dates back to
/// («بعد ساعات من عطل»).
const EARLIER_REACH: usize = 3;
/// Words after a provider within which an outage word says it failed too.
const FAILS_TOO_REACH: usize = 2;
/// Words a statement word may stand before the channel it introduces.
const STATEMENT_REACH: usize = 10;
/// Words between a preposition and the channel name («على حساب «أسك
/// بلايستيشن» في منصة إكس»).
const VIA_REACH: usize = 5;

/// How far before a name each role cue reaches, in words.
fn reach(role: PlatformCue) -> usize {
    match role {
        PlatformCue::Channel | PlatformCue::Owner => 3,
        PlatformCue::Source => 4,
        // «ولجأ بعض المستخدمين العرب إلى تطبيقي «أنغامي» و«يوتيوب ميوزيك»»
        PlatformCue::Competitor => 8,
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
    let kind = match p {
        PlatformRef::Catalog(ci) => Some(catalog[*ci as usize].kind.as_str()),
        PlatformRef::Family(..) => None,
    };
    if kind.is_some_and(|k| MONITOR_KINDS.contains(&k)) {
        return Verdict::Other;
    }
    let cues = || {
        sentence.iter().filter_map(|&j| match mentions[j].value {
            Value::Cue(Cue::Platform(c)) => Some((mentions[j].span, c)),
            _ => None,
        })
    };
    // Counting stops past 64 words: every reach here is shorter. Distances
    // to the name are measured to its word start, so that its proclitic
    // («للإنترنت», «لتيليجرام») is not counted as a word between.
    let words = |a: usize, b: usize| word_count(text, a, b, 64);
    let name_start = crate::normalize::word_start(text, span.start);

    // A role cue just before the name governs it. A source or a channel
    // governs only the first name after it, or a list of names: «أفاد موقع
    // داون ديتكتور بأن واتساب تعطل» says nothing about WhatsApp's role.
    let platforms_between = |a: usize, b: usize| {
        sentence.iter().filter(move |&&j| {
            matches!(mentions[j].value, Value::Platform(_))
                && mentions[j].span.start >= a
                && mentions[j].span.end <= b
        })
    };
    let listed_after = |a: usize| {
        let mut from = a;
        for &j in platforms_between(a, span.start) {
            let gap = &text[from..mentions[j].span.start];
            if !is_list_gap(gap) && from != a {
                return false;
            }
            from = mentions[j].span.end;
        }
        from == a || is_list_gap(&text[from..span.start])
    };
    if cues().any(|(c, role)| {
        reach(role) > 0
            && c.end <= span.start
            && words(c.end, name_start) <= reach(role)
            && (!matches!(role, PlatformCue::Source | PlatformCue::Channel)
                || platforms_between(c.end, span.start).next().is_none()
                || listed_after(c.end))
    }) {
        return Verdict::Other;
    }
    // Where posts were made: a statement word right after the name, or
    // after the list it ends («امتلأت منصتا «ثريدز» و«إكس» بمنشورات»).
    let mut list_end = span.end;
    for &j in sentence {
        let n = mentions[j].span;
        if matches!(mentions[j].value, Value::Platform(_))
            && n.start >= list_end
            && is_list_gap(&text[list_end..n.start])
        {
            list_end = n.end;
        }
    }
    if cues().any(|(c, role)| {
        role == PlatformCue::Statement
            && c.start >= list_end
            && words(list_end, c.start) == 0
            && !text[list_end..c.start].contains([',', ';', ':'])
    }) {
        return Verdict::Other;
    }
    // A competitor word right after the name, no word between («تيليجرام
    // المنافس», «جيميني بديلا عنه»); further on, it introduces the next name
    // («شاهد لساعتين مقارنة بنتفليكس»).
    if cues().any(|(c, role)| {
        role == PlatformCue::Competitor
            && c.start >= span.end
            && words(span.end, c.start) == 0
            && !text[span.end..c.start].contains([',', ';', ':'])
    }) {
        return Verdict::Other;
    }
    // A service that kept working, in the same clause; «بشكل طبيعي» (as
    // normal) says so only where nothing came back («عادت للعمل بشكل طبيعي»).
    let clause = clause_of(text, doc.sentences[s].span, span);
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
        role == PlatformCue::Unaffected && clause.contains(c) && !restored_apart(c)
    }) {
        return Verdict::Other;
    }
    // A denied outage: earlier in the clause («تنفي وجود عطل في جيميناي»),
    // or in a later clause that names no other service and where nothing
    // came back («شكاوى من بطء في جيميناي، لكن متحدثاً قال إن خدماتها تعمل
    // بشكل طبيعي»).
    let sentence_span = doc.sentences[s].span;
    if sentence.iter().any(|&j| {
        let d = mentions[j].span;
        if mentions[j].value != Value::Cue(Cue::Outage(OutageCue::Denial)) {
            return false;
        }
        if clause.contains(d) {
            // Before the name, or right after it: the name denies («وغوغل
            // تنفي وجود عطل»).
            return d.end <= span.start || words(span.end, d.start) == 0;
        }
        let later = clause_of(text, sentence_span, d);
        d.start >= span.end
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
    let outage_between = |a: usize, b: usize| {
        sentence.iter().any(|&j| {
            matches!(
                mentions[j].value,
                Value::Cue(Cue::Outage(OutageCue::Outage))
            ) && mentions[j].span.start >= a
                && mentions[j].span.end <= b
        })
    };
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
    // A country's internet: only with a country, under an outage word.
    if let PlatformRef::Family(_, None) = p {
        return Verdict::Other;
    }
    if let PlatformRef::Family(..) = p
        && !sentence.iter().any(|&j| {
            matches!(
                mentions[j].value,
                Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Restored))
            ) && mentions[j].span.start < span.start
                && (mentions[j].span.overlaps(span)
                    || words(mentions[j].span.end, name_start) <= FAMILY_REACH)
        })
    {
        return Verdict::Other;
    }
    let provider = kind.is_some_and(|k| PROVIDER_KINDS.contains(&k));
    if inside_cause(mentions, sentence, span, provider) {
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
    let earlier = sentence.iter().any(|&j| {
        let o = mentions[j].span;
        matches!(
            mentions[j].value,
            Value::Cue(Cue::Outage(OutageCue::Outage | OutageCue::Past))
        ) && o.end <= span.start
            && words(o.end, name_start) <= EARLIER_REACH
            && sentence.iter().any(|&k| {
                matches!(
                    mentions[k].value,
                    Value::Cue(Cue::Duration(DurationCue::Delay))
                ) && mentions[k].span.end <= o.start
                    && words(mentions[k].span.end, o.start) <= EARLIER_REACH
            })
    });
    if earlier {
        return Verdict::Other;
    }
    if info[s].outage || info[s].restored {
        Verdict::Affected
    } else {
        Verdict::Other
    }
}

/// True when the platform is part of the stated cause: after a cause
/// connective, with a cause phrase between the connective and the name
/// («بسبب انقطاع الكهرباء في مركز بيانات أوراكل»); a provider also right
/// after the connective («بسبب عطل لدى أمازون ويب سيرفيسز»: the generic
/// fault names no cause phrase).
fn inside_cause(mentions: &[Mention], sentence: &[usize], span: Span, provider: bool) -> bool {
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
    provider
        || sentence.iter().any(|&i| {
            matches!(mentions[i].value, Value::Cause(_))
                && mentions[i].span.start >= after
                && mentions[i].span.end <= span.start
        })
}

/// True when a gap between two names makes them one list («و», «،», «أو»,
/// quotes and spaces).
fn is_list_gap(gap: &str) -> bool {
    gap.split(|c: char| c.is_whitespace() || "،,«»\"“”'".contains(c))
        .all(|w| w.is_empty() || w == "و" || w == "او")
}

/// The clause of `sentence` around `span`: between the nearest clause marks
/// (, ; : dashes and brackets) on either side, at most `WINDOW` bytes away.
pub(super) fn clause_of(text: &str, sentence: Span, span: Span) -> Span {
    const MARKS: &[char] = &[',', ';', ':', '(', ')', '-', '–', '—'];
    let floor = floor_char_boundary(text, span.start.saturating_sub(WINDOW).max(sentence.start));
    let ceil = ceil_char_boundary(text, (span.end + WINDOW).min(sentence.end));
    let start = text[floor..span.start]
        .rfind(MARKS)
        .map_or(floor, |i| floor + i + 1);
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
