/*!
Counts: a number with what it counts and how exactly.

Every number that is not part of a date, a clock time or a duration, and
is not a label, becomes a quantity, typed — nothing is dropped here, so
distractors (money, followers, servers, percentages, user bases) are visible
in `mentions` and the assembler can refuse them for `affected`.

- **Unit.** The counted noun after the number (`units.tsv`), after an
  optional «من» before a determined noun («آلاف من المستخدمين»), or «%» and
  currency signs; the noun of the whole for a part («3 ملايين من أصل 493
  مليون متابع»); the noun of an earlier count the number is joined to by و
  («1400 بلاغ في بريطانيا و1000 في ألمانيا»). A number standing alone takes
  the noun the sentence counts: the noun after «عدد» earlier in the
  sentence («تجاوز عدد البلاغات ... 20 ألفا»), or a counted noun a few words
  before it in the same clause, not after a preposition, when nothing but
  a link word follows the number («تخطت الشكاوى 5 آلاف في ...»).
- **Qualifier.** A word just before or after the number (`qualifiers.tsv`);
  a `before` word may also stand several words earlier when only the counted
  noun lies between («تجاوز عدد البلاغات على الموقع 20 ألفا» → `more_than`),
  unless an `exact` word (وصل إلى, ليصل إلى, بلغ) stands nearer. Vague
  amounts (آلاف, عشرات الآلاف) are `vague`, `value` null, `min` the scale.
- **Ranges.** «بين X و Y», «من X إلى Y», «X إلى Y», «X - Y», «X أو Y» are one
  quantity: `value` null (rasd never invents a midpoint), `min` X, `max` Y,
  `qualifier` the stated one or `approx`. The first end borrows the scale
  of the second (بين 10 و15 ألفا → 10 000–15 000). «من X إلى Y» after a
  rise or decline word (ارتفع, انخفض) is a change, not a range: two counts.
- **What a count is** (`count_cues.tsv`): `base` marks user bases and market
  sizes («يضم», «مستخدم نشط», and a counted noun with a possessive ending,
  «عدد مشتركيها»), `peak` a stated peak («في ذروة الانقطاع»), `decline` a
  later, smaller figure («انخفض إلى»), `affected` a count the text says was
  affected («المتضررين», «حُرم»), which overrides a possessive base.

Not quantities: years (a bare 1900–2100 with no noun, unless a qualifier
or «عدد X» makes it a figure), ordinals (المركز الثاني) and definite digits
with no noun (المركز الـ3), definite number words (في المائة, الخمسة),
shares in words (خمس المواقع), labels (رقم 5, المادة 68), phone numbers and
codes (a leading zero, a +, digit runs split by single spaces), pieces of
dates and times the date reader left (8/26), names and versions (مغرب24,
Windows 11, «503 Service»), and lone number words for one or two (Arabic
counts one and two with the noun itself).
*/

use std::collections::HashSet;

use super::{Annotator, Cue, Mention, Number, Quantity, Value, numbers, skip_spaces, word_count};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::Lexicons;
use crate::normalize::is_word_char;
use crate::span::Span;
use crate::vocab::*;

pub struct QuantityAnnotator {
    units: Gazetteer<Unit>,
    /// The normalised surface of each unit entry, to tell a possessive
    /// ending from the bare noun.
    surfaces: Vec<String>,
    /// Per unit entry: a plural construct form (مستخدمي, مشتركو: the bare
    /// noun plus ي or و is also listed).
    construct: Vec<bool>,
    clitics: Clitics,
}

/// Possessive endings on a counted noun (مستخدميها, مشتركيه, عملائهم): the
/// owner's users, a user base. A bare ه is left out: normalisation writes
/// ta marbuta as ه.
const POSSESSIVE: &[&str] = &["ها", "هم", "يه", "يها", "يهم"];

/// How far a peak, decline, rise or affected cue may stand from its
/// number, in words.
const CUE_REACH: usize = 6;
/// How far a qualifier word may stand before its number when the counted
/// noun lies between («تجاوز عدد البلاغات على الموقع 20 ألفا»).
const QUALIFIER_REACH: usize = 6;
/// How far the counted noun may stand before a qualifier verb that reaches
/// its number («عدد البلاغات تجاوز في الساعة الأولى 40 ألفا»).
const SUBJECT_BEFORE_VERB: usize = 1;
/// How far the counted noun of a lone number may stand before it
/// («تخطت الشكاوى 5 آلاف»).
const SUBJECT_REACH: usize = 4;
/// How far a count may stand after the count whose noun it shares
/// («1400 بلاغ في المملكة المتحدة، و1000 في ألمانيا»).
const ELLIPSIS_REACH: usize = 8;
/// How far a user-base cue may stand before / after its count.
const BASE_BEFORE: usize = 3;
const BASE_AFTER: usize = 1;
/// How far a label word may stand before its number («الرقم المجاني 800»).
const LABEL_REACH: usize = 2;

/// How far, in bytes, the rules of a count look around it (some forty
/// words of Arabic).
const WINDOW: usize = 480;
/// Characters that end a clause: a qualifier or a counted noun does not
/// reach across them.
const CLAUSE_MARKS: [char; 8] = [',', ';', ':', '.', '!', '?', '\n', '؛'];
const CURRENCY: [char; 4] = ['$', '€', '£', '¥'];

/// A counted noun found in the text.
#[derive(Debug, Clone, Copy)]
struct UnitHit {
    span: Span,
    /// Where its word starts (before a clitic).
    lead: usize,
    unit: Unit,
    /// Written with a possessive ending (مستخدميها).
    possessive: bool,
    /// Definite (المستخدمين) or the first term of a construct
    /// (مستخدمي تطبيق): a noun «من» can introduce after a count.
    determined: bool,
}

/// Counted nouns by the start of their word, in text order (a hash map
/// cost more than the rest of the lookups).
struct Units(Vec<(usize, UnitHit)>);

impl From<Vec<(usize, UnitHit)>> for Units {
    /// From hits in text order; a later hit of the same word wins.
    fn from(mut hits: Vec<(usize, UnitHit)>) -> Units {
        hits.sort_by_key(|(k, u)| (*k, u.span.start));
        let mut out: Vec<(usize, UnitHit)> = Vec::with_capacity(hits.len());
        for h in hits {
            match out.last_mut() {
                Some(last) if last.0 == h.0 => *last = h,
                _ => out.push(h),
            }
        }
        Units(out)
    }
}

impl Units {
    fn get(&self, word_start: &usize) -> Option<&UnitHit> {
        let i = self.0.binary_search_by_key(word_start, |(k, _)| *k).ok()?;
        Some(&self.0[i].1)
    }
}

/// What one document offers the quantity rules. Cues, counted nouns and
/// numbers are sorted by start, and every rule looks only inside a
/// sentence, so that reading stays linear in the document.
struct Ctx<'a> {
    doc: &'a Document,
    text: &'a str,
    /// Counted nouns by the start of their word (clitics included).
    units: Units,
    /// The same, by start.
    unit_list: Vec<UnitHit>,
    cues: Vec<(Span, Cue)>,
    nums: Vec<(Span, Number)>,
}

impl Ctx<'_> {
    /// The cues starting inside `within`.
    fn cues_in(&self, within: Span) -> &[(Span, Cue)] {
        let from = self.cues.partition_point(|(s, _)| s.start < within.start);
        let to = self.cues.partition_point(|(s, _)| s.start < within.end);
        &self.cues[from..to.max(from)]
    }

    /// The spans of the cues inside `within` that `pred` accepts.
    fn cue_spans<'s>(
        &'s self,
        within: Span,
        pred: impl Fn(&Cue) -> bool + 's,
    ) -> impl DoubleEndedIterator<Item = Span> + 's {
        self.cues_in(within)
            .iter()
            .filter(move |(_, c)| pred(c))
            .map(|(s, _)| *s)
    }

    /// The counted nouns starting inside `within`.
    fn units_in(&self, within: Span) -> &[UnitHit] {
        let from = self
            .unit_list
            .partition_point(|u| u.span.start < within.start);
        let to = self
            .unit_list
            .partition_point(|u| u.span.start < within.end);
        &self.unit_list[from..to.max(from)]
    }

    /// True when some number lies inside `from..to`.
    fn number_between(&self, from: usize, to: usize) -> bool {
        let i = self.nums.partition_point(|(s, _)| s.start < from);
        self.nums.get(i).is_some_and(|(s, _)| s.end <= to)
    }

    /// The words from `from` to `to`, when they stay inside one clause.
    fn clause_words(&self, from: usize, to: usize) -> Option<usize> {
        let between = self.text.get(from..to)?;
        (!between.contains(CLAUSE_MARKS)).then(|| self.doc.word_count(from, to, usize::MAX))
    }

    /// The counted noun right after `pos`: «بلاغ», «من المستخدمين», «%», «$».
    fn unit_after(&self, pos: usize) -> Option<(usize, UnitHit)> {
        let text = self.text;
        let after = skip_spaces(text, pos);
        if let Some(c) = text[after..].chars().next()
            && (c == '%' || CURRENCY.contains(&c))
        {
            let unit = if c == '%' { Unit::Percent } else { Unit::Money };
            let span = Span::new(after, after + c.len_utf8());
            let hit = UnitHit {
                span,
                lead: span.start,
                unit,
                possessive: false,
                determined: false,
            };
            return Some((span.end, hit));
        }
        if let Some(u) = self.units.get(&after) {
            return Some((u.span.end, *u));
        }
        // «آلاف من المستخدمين», «50 ألفا من مستخدمي التطبيق»; not «6 من
        // قانون» (a part of something).
        let rest = text[after..].strip_prefix("من ")?;
        let next = text.len() - rest.len();
        self.units
            .get(&next)
            .filter(|u| u.determined)
            .map(|u| (u.span.end, *u))
    }

    /// A currency sign right before the number: «$5 مليارات».
    fn currency_before(&self, start: usize) -> bool {
        self.text[..start].trim_end_matches(' ').ends_with(CURRENCY)
    }
}

impl QuantityAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> QuantityAnnotator {
        QuantityAnnotator {
            units: Gazetteer::new(&lex.units, clitics).with_suffixes(POSSESSIVE),
            surfaces: lex.units.iter().map(|e| e.surface.clone()).collect(),
            construct: lex
                .units
                .iter()
                .map(|e| {
                    e.surface
                        .strip_suffix(['ي', 'و'])
                        .is_some_and(|bare| lex.units.iter().any(|o| o.surface == bare))
                })
                .collect(),
            clitics: clitics.clone(),
        }
    }

    fn unit_hits(&self, doc: &Document) -> Units {
        let text = doc.ntext();
        self.units
            .find_doc(doc)
            .into_iter()
            .map(|h| {
                let written = &text[h.span.start..h.span.end];
                let surface = &self.surfaces[h.entry];
                let possessive = !written.ends_with(surface.as_str());
                // مستخدمي, مشتركو: plural construct forms.
                let construct = self.construct[h.entry];
                let definite = written.starts_with("ال")
                    || self
                        .clitics
                        .is_definite_chain(&text[h.word_start..h.span.start]);
                let hit = UnitHit {
                    span: h.span,
                    lead: h.word_start,
                    unit: *h.value,
                    possessive,
                    determined: possessive || construct || definite,
                };
                (h.word_start, hit)
            })
            .collect::<Vec<_>>()
            .into()
    }

    /// True when the number at `span` is glued to the article (الخمسة,
    /// المركز الـ3, للمرة الـ5).
    fn definite(&self, text: &str, span: Span) -> bool {
        let prefix = glued_prefix(text, span.start);
        !prefix.is_empty() && self.clitics.is_definite_chain(prefix)
    }
}

impl Annotator for QuantityAnnotator {
    fn name(&self) -> &'static str {
        "quantity"
    }

    fn annotate(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.ntext();
        let taken: Vec<Span> = prior
            .iter()
            .filter(|m| {
                matches!(
                    m.value,
                    Value::Date(_) | Value::Time(_) | Value::Duration(_)
                )
            })
            .map(|m| m.span)
            .collect();
        let mut nums: Vec<(Span, Number)> = numbers(prior)
            .filter(|(s, n)| {
                !n.ordinal
                    && n.value != Some(0.0)
                    && !taken.iter().any(|t| t.overlaps(*s))
                    && !doc.is_masked(*s)
                    && (n.value.is_some() || n.min.is_some())
                    // a fraction in words alone (نصف) is a share, not a count
                    && (n.digits || !n.value.is_some_and(|v| v < 1.0))
            })
            .map(|(s, n)| (s, *n))
            .collect();
        nums.sort_by_key(|(s, _)| s.start);
        let units = self.unit_hits(doc);
        let unit_list: Vec<UnitHit> = units.0.iter().map(|(_, u)| *u).collect();
        let mut cues: Vec<(Span, Cue)> = super::cues(prior).collect();
        cues.sort_by_key(|(s, _)| (s.start, s.end));
        let cx = Ctx {
            doc,
            text,
            units,
            unit_list,
            cues,
            nums,
        };
        let mut consumed: HashSet<usize> = HashSet::new();
        for i in 0..cx.nums.len() {
            if consumed.contains(&i) {
                continue;
            }
            if let Some((q, partner)) = self.read(&cx, i) {
                if let Some(k) = partner {
                    consumed.insert(k);
                }
                out.push(q);
            }
        }
    }
}

/// The two ends of a range, read.
struct Range {
    /// Index of the second number.
    second: usize,
    start: usize,
    end: usize,
    min: f64,
    max: f64,
    unit: Option<UnitHit>,
}

/// Where a count stands: its span, and where its first word starts
/// before a glued clitic (what a qualifier must touch).
#[derive(Debug, Clone, Copy)]
struct Extent {
    start: usize,
    lead: usize,
    end: usize,
}

/// What the words around a count say it is.
struct Kind {
    peak: bool,
    base: bool,
    decline: bool,
    affected: bool,
}

impl QuantityAnnotator {
    /// The quantity of number `i`, and the index of a second number it
    /// took as the end of a range.
    fn read(&self, cx: &Ctx<'_>, i: usize) -> Option<(Mention, Option<usize>)> {
        let text = cx.text;
        let (span, mut n) = cx.nums[i];
        let sentence = cx.doc.sentence_at(span.start)?;
        let sent = window(text, cx.doc.sentences[sentence].span, span);

        let after = own_noun(cx, span, &mut n)?;
        let mut unit = after
            .map(|(_, u)| u)
            .or_else(|| out_of_unit(cx, i, span.end))
            .or_else(|| elided_unit(cx, i, sent))
            .or_else(|| {
                cx.currency_before(span.start).then_some(UnitHit {
                    span,
                    lead: span.start,
                    unit: Unit::Money,
                    possessive: false,
                    determined: false,
                })
            });
        if self.not_a_count(cx, span, &n, unit.is_some(), sent) {
            return None;
        }

        let range = range_at(cx, i, after.map_or(span.end, |(e, _)| e), sent);
        // A clitic glued to the number («قرابة المليون», «لـ10 ملايين»)
        // stands between it and a qualifier.
        let mut at = Extent {
            start: span.start,
            lead: span.start - glued_prefix(text, span.start).len(),
            end: after.map_or(span.end, |(e, _)| e),
        };
        if let Some(r) = &range {
            at = Extent {
                start: r.start,
                lead: r.start,
                end: r.end,
            };
            unit = r.unit.or(unit);
        }
        let qualifier = qualify(cx, &n, range.is_some(), &mut at, sent);
        if unit.is_none() && range.is_none() && bare_year(cx, &n, qualifier, at.lead, sent) {
            return None;
        }
        // The noun the sentence counts, for a number standing alone.
        if unit.is_none() {
            unit = counted_unit(cx, at.start, sent)
                .or_else(|| subject_unit(cx, at.start, at.end, sent));
        }
        let kind = kind_of(cx, at, unit, sent);

        let (value, min, max) = match (&range, n.value, qualifier) {
            (Some(r), ..) => (None, Some(r.min), Some(r.max)),
            (None, None, _) => (None, n.min, None),
            (None, Some(v), Qualifier::MoreThan | Qualifier::AtLeast) => (Some(v), Some(v), None),
            (None, Some(v), Qualifier::LessThan | Qualifier::UpTo) => (Some(v), None, Some(v)),
            (None, Some(v), _) => (Some(v), None, None),
        };
        let mention = Mention {
            span: Span::new(at.start, at.end),
            value: Value::Quantity(Box::new(Quantity {
                value,
                min,
                max,
                qualifier,
                unit: unit.map(|u| u.unit),
                peak: kind.peak,
                base: kind.base,
                decline: kind.decline,
                affected: kind.affected,
            })),
        };
        Some((mention, range.map(|r| r.second)))
    }

    /// Numbers that are not counts: one or two in words, labels, phone
    /// numbers and codes, ranks, versions.
    fn not_a_count(
        &self,
        cx: &Ctx<'_>,
        span: Span,
        n: &Number,
        has_unit: bool,
        sent: Span,
    ) -> bool {
        let text = cx.text;
        // واحد, اثنين, إحدى: Arabic counts one and two with the noun.
        if !n.digits && n.value.is_some_and(|v| v <= 2.0) {
            return true;
        }
        if n.digits && digit_code(text, span) {
            return true;
        }
        // رقم 5, المادة (68), الرقم المختصر 19623
        let label = cx
            .cue_spans(sent, |c| *c == Cue::Count(CountCue::Label))
            .any(|s| {
                s.end <= span.start
                    && cx
                        .clause_words(s.end, span.start)
                        .is_some_and(|w| w <= LABEL_REACH)
                    && !cx.number_between(s.end, span.start)
            });
        if label {
            return true;
        }
        // مغرب24: digits glued to a word that is not a clitic are a name.
        let glued = glued_prefix(text, span.start);
        if !glued.is_empty() && !self.clitics.is_chain(glued) {
            return true;
        }
        // «في المائة»: a number word inside a counted noun.
        if cx.units_in(sent).iter().any(|u| u.span.overlaps(span)) {
            return true;
        }
        // الخمسة, المائة (a noun: the five, the hundred); المركز الـ3 (a
        // rank). A definite scale word is a count: «قرابة المليون مشترك».
        let definite = self.definite(text, span);
        if definite && !n.digits && n.scale.is_none() && n.value.is_some() {
            return true;
        }
        if has_unit {
            return false;
        }
        if definite {
            return true;
        }
        // Windows 11, iPhone 15: a version; «503 Service Unavailable»: a
        // code.
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        latin(text[..span.start].trim_end_matches(' ').chars().next_back())
            || latin(text[span.end..].trim_start_matches(' ').chars().next())
    }
}

/// True when the digits at `span` are a code, not a count: a piece of a
/// date or time the date reader left (2025/8/26, 10:30), a phone number
/// (0225551234, +20 ..., digit runs split by single spaces: 010 123 4567).
fn digit_code(text: &str, span: Span) -> bool {
    let mut after = text[span.end..].chars();
    let mut before = text[..span.start].chars().rev();
    let (a1, a2, b1, b2) = (after.next(), after.next(), before.next(), before.next());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let glued = |c: Option<char>, d: Option<char>| matches!(c, Some('/' | ':')) && digit(d);
    let spaced = |c: Option<char>, d: Option<char>| c == Some(' ') && digit(d);
    // A count never starts with a zero digit.
    let bytes = &text.as_bytes()[span.start..span.end];
    let phone = (bytes.first() == Some(&b'0') && bytes.get(1).is_some_and(u8::is_ascii_digit))
        || (bytes.len() >= 10 && bytes.iter().all(u8::is_ascii_digit))
        || b1 == Some('+');
    glued(a1, a2) || glued(b1, b2) || spaced(a1, a2) || spaced(b1, b2) || phone
}

/// The counted noun right after the number at `span`, with where it ends;
/// `None` when the number word is a share, not a count. Reads «ألفا
/// مستخدم» (a dual in construct) as two thousand.
fn own_noun(cx: &Ctx<'_>, span: Span, n: &mut Number) -> Option<Option<(usize, UnitHit)>> {
    let text = cx.text;
    let after = cx.unit_after(span.end);
    let direct = after.is_some_and(|(_, u)| u.lead == skip_spaces(text, span.end));
    // «ألفا مستخدم», «مليونا مشترك»: a dual in construct with its noun
    // (two thousand), not the accusative singular (20 ألفا).
    if !n.digits
        && n.scale.is_some()
        && n.value == n.scale
        && text[span.start..span.end].ends_with('ا')
        && direct
    {
        n.value = n.value.map(|v| 2.0 * v);
    }
    // «خمس المواقع», «ثلث مستخدميها»: a number word without a scale before
    // a determined noun is a share (a fifth), not a count.
    if !n.digits
        && n.scale.is_none()
        && n.value.is_some()
        && direct
        && after.is_some_and(|(_, u)| u.determined)
    {
        return None;
    }
    Some(after)
}

/// The qualifier of a count, widening `at` over the qualifier words: one
/// right before (أكثر من) or after (تقريبا), or a verb a few words before
/// (تجاوز عدد البلاغات ... 20 ألفا). Vague amounts are `vague`, ranges
/// `approx` unless a qualifier is stated.
fn qualify(cx: &Ctx<'_>, n: &Number, range: bool, at: &mut Extent, sent: Span) -> Qualifier {
    let before = qualifier_before(cx, at.lead, sent);
    let after = qualifier_after(cx, at.end, sent);
    let qualifier = match (n.value, before, after) {
        (None, ..) if !range => Qualifier::Vague,
        (_, Some((_, q)), _) => q,
        (_, None, Some((_, q))) => q,
        (_, None, None) => qualifier_reach(cx, at.start, sent).unwrap_or(Qualifier::Exact),
    };
    // The span takes a qualifier word in, not a verb of plain figures
    // (بلغت 20 ألفا).
    if let Some((qs, q)) = before
        && n.value.is_some()
        && q != Qualifier::Exact
    {
        at.start = at.start.min(qs.start);
    }
    if let Some((qs, _)) = after
        && n.value.is_some()
    {
        at.end = qs.end;
    }
    if range && qualifier == Qualifier::Exact {
        Qualifier::Approx
    } else {
        qualifier
    }
}

/// Peak, user base, later decline, stated affected: from the count cues
/// near the count in its sentence.
fn kind_of(cx: &Ctx<'_>, at: Extent, unit: Option<UnitHit>, sent: Span) -> Kind {
    let text = cx.text;
    let (start, end) = (at.start, at.end);
    let near = |kind: CountCue, before: usize, after: usize| {
        cx.cue_spans(sent, |c| *c == Cue::Count(kind)).any(|s| {
            sent.contains(s)
                && ((s.start >= end && word_count(text, end, s.start, after) <= after)
                    || (s.end <= start && word_count(text, s.end, start, before) <= before))
        })
    };
    let affected = near(CountCue::Affected, CUE_REACH, 3);
    // «عدد مشتركيها ... يتجاوز 17 مليون مشترك»: the owner's users.
    let owners = unit.is_some_and(|u| u.possessive)
        || counted_unit(cx, start, sent)
            .is_some_and(|u| u.possessive && cx.clause_words(u.span.end, start).is_some());
    // «انخفض من 30 ألفا إلى 5 آلاف»: the figure it fell from is not the
    // decline.
    let before = text[..start].trim_end_matches(' ');
    let from = before.ends_with(" من") || before == "من";
    // A peak cue after the count in its clause is the count's, however
    // long the names between («11 ألف بلاغ عن مشكلات في «شات جي بي تي» عند
    // ذروة العطل»); one that a count before it in its clause already has
    // is not the next clause's («..., ونحو 6 آلاف بلاغ»).
    let claimed = |cue: Span| {
        text[cue.end..start].contains(CLAUSE_MARKS) && {
            // Only the numbers of the window: a long sentence of counts
            // stays linear.
            let from = cx.nums.partition_point(|(n, _)| n.start < sent.start);
            let to = cx.nums.partition_point(|(n, _)| n.start < cue.start);
            cx.nums[from..to.max(from)]
                .iter()
                .any(|(n, _)| n.end <= cue.start && cx.clause_words(n.end, cue.start).is_some())
        }
    };
    let peak = cx
        .cue_spans(sent, |c| *c == Cue::Count(CountCue::Peak))
        .any(|s| {
            sent.contains(s)
                && ((s.start >= end
                    && (word_count(text, end, s.start, CUE_REACH) <= CUE_REACH
                        || cx.clause_words(end, s.start).is_some()))
                    || (s.end <= start
                        && word_count(text, s.end, start, CUE_REACH) <= CUE_REACH
                        && !claimed(s)))
        });
    Kind {
        peak,
        base: near(CountCue::Base, BASE_BEFORE, BASE_AFTER)
            || cx
                .cue_spans(sent, |c| *c == Cue::Count(CountCue::Total))
                .any(|s| {
                    sent.contains(s)
                        && s.end <= start
                        && word_count(text, s.end, start, BASE_BEFORE) <= BASE_BEFORE
                })
            || (owners && !affected)
            // «ثاني أكبر متعامل ... بأكثر من 15 مليون مشترك»: the rank's size.
            || cx
                .cue_spans(sent, |c| *c == Cue::Count(CountCue::Rank))
                .any(|s| sent.contains(s) && s.end <= start && cx.clause_words(s.end, start).is_some()),
        decline: near(CountCue::Decline, CUE_REACH, 0) && !from,
        affected,
    }
}

/// The part of the sentence a count's rules look at: at most `WINDOW`
/// bytes on each side, on character boundaries (a text without
/// punctuation is one long sentence).
fn window(text: &str, sent: Span, span: Span) -> Span {
    let mut start = sent.start.max(span.start.saturating_sub(WINDOW));
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = sent.end.min(span.end + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Span::new(start.min(span.start), end.max(span.end))
}

/// The letters glued before `start` in its word (و, ال, مغرب).
fn glued_prefix(text: &str, start: usize) -> &str {
    let word_start = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) && !c.is_ascii_digit())
        .last()
        .map_or(start, |(i, _)| i);
    &text[word_start..start]
}

/// A qualifier word right before `start` (spaces or an opening bracket
/// between).
fn qualifier_before(cx: &Ctx<'_>, start: usize, sent: Span) -> Option<(Span, Qualifier)> {
    cx.cues_in(sent).iter().rev().find_map(|(s, c)| match c {
        Cue::Qualifier(q, Position::Before)
            if s.end <= start && cx.text[s.end..start].chars().all(|c| c == ' ' || c == '(') =>
        {
            Some((*s, *q))
        }
        _ => None,
    })
}

/// A qualifier word right after `end`.
fn qualifier_after(cx: &Ctx<'_>, end: usize, sent: Span) -> Option<(Span, Qualifier)> {
    let at = skip_spaces(cx.text, end);
    cx.cues_in(sent).iter().find_map(|(s, c)| match c {
        Cue::Qualifier(q, Position::After) if s.start == at => Some((*s, *q)),
        _ => None,
    })
}

/// A qualifier word a few words before the number, with only the counted
/// noun between («تجاوز عدد البلاغات على الموقع 20 ألفا»). The nearest
/// qualifier decides; an `exact` one (وصل إلى) stops the reach.
fn qualifier_reach(cx: &Ctx<'_>, start: usize, sent: Span) -> Option<Qualifier> {
    let (s, q) = cx.cues_in(sent).iter().rev().find_map(|(s, c)| match c {
        Cue::Qualifier(q, Position::Before) if sent.contains(*s) && s.end <= start => {
            Some((*s, *q))
        }
        _ => None,
    })?;
    let words = cx.clause_words(s.end, start)?;
    if words == 0 || words > QUALIFIER_REACH || cx.number_between(s.end, start) {
        return None;
    }
    // The counted noun stands between (تجاوز عدد البلاغات ... 20 ألفا) or
    // just before the verb (عدد البلاغات تجاوز ... 20 ألفا).
    let near_verb = |a: usize, b: usize| {
        (a >= s.end && b <= start)
            || (b <= s.start
                && cx
                    .clause_words(b, s.start)
                    .is_some_and(|w| w <= SUBJECT_BEFORE_VERB))
    };
    let counted = cx
        .cue_spans(sent, |c| *c == Cue::Count(CountCue::Counted))
        .any(|c| near_verb(c.start, c.end))
        || cx
            .units_in(sent)
            .iter()
            .any(|u| near_verb(u.span.start, u.span.end));
    (counted && q != Qualifier::Exact).then_some(q)
}

/// A bare year (1900–2100 in digits, no noun): not a count unless a
/// qualifier says so («تجاوز عدد البلاغات 2000») or it is the figure of a
/// counted noun with no preposition or date word before it («بلغ عدد
/// البلاغات 2000», not «ارتفع عدد البلاغات في 2023»).
fn bare_year(cx: &Ctx<'_>, n: &Number, qualifier: Qualifier, lead: usize, sent: Span) -> bool {
    let year_like = n.digits
        && n.value
            .is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v));
    let qualified = !matches!(qualifier, Qualifier::Exact | Qualifier::Vague);
    let figure = counted_unit(cx, lead, sent)
        .is_some_and(|u| cx.clause_words(u.span.end, lead).is_some())
        && !dated(cx, lead, sent);
    year_like && !qualified && !figure
}

/// True when a preposition or a date word stands right before `lead`
/// (في 2023, عام 2023).
fn dated(cx: &Ctx<'_>, lead: usize, sent: Span) -> bool {
    cx.cues_in(sent).iter().any(|(s, c)| {
        matches!(c, Cue::Count(CountCue::Link) | Cue::Date(_))
            && s.end <= lead
            && word_count(cx.text, s.end, lead, 0) == 0
            // إلى (to) leads to a figure: «وصل عدد البلاغات إلى 2000»
            && &cx.text[s.start..s.end] != "الي"
    })
}

/// The noun after the last «عدد» before `start` in the sentence.
fn counted_unit(cx: &Ctx<'_>, start: usize, sent: Span) -> Option<UnitHit> {
    cx.cue_spans(sent, |c| *c == Cue::Count(CountCue::Counted))
        .filter(|s| sent.contains(*s) && s.end <= start)
        .filter_map(|s| cx.units.get(&skip_spaces(cx.text, s.end)).copied())
        .next_back()
}

/// The counted noun a few words before a lone number in its clause, when
/// nothing but a link word or the clause end follows the number
/// («تخطت الشكاوى 5 آلاف في ...»).
fn subject_unit(cx: &Ctx<'_>, start: usize, end: usize, sent: Span) -> Option<UnitHit> {
    let text = cx.text;
    if !followed_by_boundary(cx, end, sent) {
        return None;
    }
    // A noun after a preposition («على المنصة») is not what is counted.
    let governed = |u: &UnitHit| {
        cx.cue_spans(sent, |c| *c == Cue::Count(CountCue::Link))
            .any(|s| s.end <= u.lead && word_count(text, s.end, u.lead, 0) == 0)
    };
    cx.units_in(sent)
        .iter()
        .filter(|u| sent.contains(u.span) && u.span.end <= start && !governed(u))
        .max_by_key(|u| u.span.end)
        .filter(|u| {
            cx.clause_words(u.span.end, start)
                .is_some_and(|w| w <= SUBJECT_REACH)
                && !cx.number_between(u.span.end, start)
        })
        .copied()
}

/// «3 ملايين من أصل 493 مليون متابع»: the part takes the unit of the whole.
fn out_of_unit(cx: &Ctx<'_>, i: usize, end: usize) -> Option<UnitHit> {
    let text = cx.text;
    let at = skip_spaces(text, end);
    // من أصل (out of), من بين (among)
    let rest = ["من اصل ", "من بين "]
        .iter()
        .find_map(|p| text[at..].strip_prefix(p))?;
    let (next, _) = cx.nums.get(i + 1)?;
    (next.start == skip_spaces(text, text.len() - rest.len()))
        .then(|| cx.unit_after(next.end).map(|(_, u)| u))
        .flatten()
}

/// «1400 بلاغ في بريطانيا و1000 في ألمانيا»: a number joined by و to an
/// earlier count of the sentence, with nothing but a link word after it,
/// counts the same noun.
fn elided_unit(cx: &Ctx<'_>, i: usize, sent: Span) -> Option<UnitHit> {
    let text = cx.text;
    let (span, _) = cx.nums[i];
    let (prev, _) = cx.nums[..i].last()?;
    let before = text[..span.start].trim_end_matches(' ');
    let joined = before.ends_with('و')
        && !before[..before.len() - 'و'.len_utf8()]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
    if !joined || !sent.contains(*prev) || !followed_by_boundary(cx, span.end, sent) {
        return None;
    }
    let (_, unit) = cx.unit_after(prev.end)?;
    let wa = before.len() - 'و'.len_utf8();
    (unit.span.end <= wa && word_count(text, unit.span.end, wa, ELLIPSIS_REACH) <= ELLIPSIS_REACH)
        .then_some(unit)
}

/// True when nothing but the clause end or a link word (في, عبر) follows
/// `end`: the number has no noun of its own.
fn followed_by_boundary(cx: &Ctx<'_>, end: usize, sent: Span) -> bool {
    let text = cx.text;
    let next = skip_spaces(text, end);
    next >= sent.end
        || text[next..].chars().next().is_none_or(|c| !is_word_char(c))
        || cx
            .cue_spans(sent, |c| *c == Cue::Count(CountCue::Link))
            .any(|s| s.start >= next && word_count(text, next, s.start, 0) == 0)
}

/// Connectors between the two ends of a range, normalised: و (after بين),
/// إلى, حتى, أو, dashes.
const RANGE_LINKS: &[&str] = &["الي", "حتي", "او", "-", "–", "—"];

/// The range that number `i` (whose unit ends at `end`) opens, if any.
fn range_at(cx: &Ctx<'_>, i: usize, end: usize, sent: Span) -> Option<Range> {
    let text = cx.text;
    let (span, first) = cx.nums[i];
    let (second_span, second) = *cx.nums.get(i + 1)?;
    let lo = first.value?;
    let hi = second.value?;
    let gap = text.get(end..second_span.start)?;
    let before = text[..span.start].trim_end_matches(' ');
    // بين (between), ما بين
    let between = before.ends_with("بين")
        && !before[..before.len() - "بين".len()]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
    // من (from)
    let from = before.ends_with("من")
        && !before[..before.len() - "من".len()]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
    let link = gap.trim_matches(' ');
    let linked = if between {
        link == "و"
    } else {
        RANGE_LINKS.contains(&link) && (link != "-" || (first.digits && second.digits))
    };
    if !linked || !sent.contains(second_span) {
        return None;
    }
    // «ارتفع من 500 إلى 20 ألفا»: a change between two figures.
    if from
        && cx
            .cue_spans(sent, |c| {
                matches!(c, Cue::Count(CountCue::Rise | CountCue::Decline))
            })
            .any(|s| sent.contains(s) && s.end <= span.start)
    {
        return None;
    }
    let lo = match (first.scale, second.scale) {
        (None, Some(s)) if lo * s <= hi => lo * s,
        _ => lo,
    };
    if lo >= hi {
        return None;
    }
    let second_unit = cx.unit_after(second_span.end);
    let first_unit = cx.unit_after(span.end).map(|(_, u)| u);
    let start = if between || from {
        before.len()
            - if between {
                "بين".len()
            } else {
                "من".len()
            }
    } else {
        span.start
    };
    Some(Range {
        second: i + 1,
        start,
        end: second_unit.map_or(second_span.end, |(e, _)| e),
        min: lo,
        max: hi,
        unit: second_unit.map(|(_, u)| u).or(first_unit),
    })
}
