/*!
Numbers in digits, words and mixtures: «1,800», «70٫000», «2,5 مليون»,
«عشرة آلاف», «خمسة وعشرون ألفا», «مليون و200 ألف», «نصف مليون»,
«مليون ونصف», «عشرات الآلاف» (vague), «الرابع عشر» (ordinal).

Numbers are internal mentions: the date, duration and quantity annotators
read them. Word numbers come from `numbers.tsv`; this module holds only the
grammar that combines them:

- a value word (unit, teen, ten, hundred, fraction, digits) followed by a
  scale word multiplies it (ثلاثة آلاف, 20 ألفا, مئتي ألف, نصف مليون);
- parts joined by و (glued or followed by a space) add up in the standard
  order: hundreds, then units, then tens (مئة وخمسة وعشرون), a new group
  after a scale (ألف وخمسمائة), each scale smaller than the one before;
- the scale noun follows the last part of its count, so «مئة وألف» is
  101 000 and «مئة وألفان» 102 000 (except after بين, where و separates the
  two ends of a range); after a scale, a smaller scale alone adds one or two
  of it (مليون وألف), a fraction adds that share of it (مليون ونصف,
  optionally «مليون ونصف المليون»);
- a plural scale or a vague word with no number before it is a vague amount
  whose `min` is the scale (آلاف → 1000, عشرات الآلاف → 10000, بضع مئات →
  100); بضعة / عدة alone are not numbers;
- a lone scale word between quotation marks is a name («ألفا»);
- a scale word glued to digits counts as written apart (20ألف).

Digit groups are disambiguated by what follows: with a scale word a single
separator is a decimal mark (2,5 مليون, 10.6 مليون); without one, a group of
exactly three digits after the separator means thousands (1,800, 12.500,
70٫000), anything else a decimal mark (3.5). ٬ and the thin space are only
ever thousands separators, and so is a plain space between a first group
of up to three digits and groups of exactly three (10 000). Digits glued to Latin letters (GPT-5) and
IP-like strings are not numbers.

Each number records the largest scale word it used (`scale`), so that the
quantity annotator can carry it to the first end of a range (بين 10 و15
ألفا).
*/

use super::{Annotator, Mention, Number, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer, Hit};
use crate::lexicon::{Lexicons, NumberWord};
use crate::span::Span;
use crate::vocab::NumberKind;

pub struct NumberAnnotator {
    words: Gazetteer<NumberWord>,
    /// Scale words, longest first, to find them glued to digits (20ألف).
    scales: Vec<(String, NumberWord)>,
}

impl NumberAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> NumberAnnotator {
        let mut scales: Vec<(String, NumberWord)> = lex
            .numbers
            .iter()
            .filter(|e| is_scale(ItemKind::Word(e.value.kind)))
            .map(|e| (e.surface.clone(), e.value))
            .collect();
        scales.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        NumberAnnotator {
            words: Gazetteer::new(&lex.numbers, clitics),
            scales,
        }
    }

    /// Every number in normalised `text`.
    pub fn numbers(&self, text: &str) -> Vec<(Span, Number)> {
        self.numbers_with(text, self.words.find(text))
    }

    /// Every number of `text`, given its number-word hits.
    fn numbers_with(&self, text: &str, hits: Vec<Hit<'_, NumberWord>>) -> Vec<(Span, Number)> {
        let mut items = self.word_items(text, hits);
        let digits = digit_items(text);
        items.extend(digits.iter().filter_map(|d| self.glued_scale(text, d)));
        items.extend(digits);
        items.sort_by_key(|i| i.span.start);
        chains(text, &items)
    }

    /// A scale word glued to the digits before it: «20ألف», «1.5مليون».
    fn glued_scale(&self, text: &str, digits: &Item) -> Option<Item> {
        let rest = &text[digits.span.end..];
        self.scales.iter().find_map(|(surface, w)| {
            let after = rest.strip_prefix(surface.as_str())?;
            if after
                .chars()
                .next()
                .is_some_and(crate::normalize::is_word_char)
            {
                return None;
            }
            let start = digits.span.end;
            Some(Item {
                span: Span::new(start, start + surface.len()),
                lead: start,
                joined: false,
                clitic: false,
                kind: ItemKind::Word(w.kind),
                value: w.value,
            })
        })
    }

    fn word_items(&self, text: &str, hits: Vec<Hit<'_, NumberWord>>) -> Vec<Item> {
        hits.into_iter()
            .map(|h| {
                let prefix = &text[h.word_start..h.span.start];
                // «و عشرون»: the conjunction written as its own word.
                let spaced = prefix
                    .is_empty()
                    .then(|| conjunction_before(text, h.word_start))
                    .flatten();
                Item {
                    span: h.span,
                    lead: spaced.unwrap_or(h.word_start),
                    joined: prefix == "و" || spaced.is_some(),
                    // Any other clitic (ب, ل, ال) may start a number but
                    // not continue one, except ال before a plural scale.
                    clitic: !prefix.is_empty() && prefix != "و",
                    kind: ItemKind::Word(h.value.kind),
                    value: h.value.value,
                }
            })
            .collect()
    }
}

impl Annotator for NumberAnnotator {
    fn name(&self) -> &'static str {
        "number"
    }

    fn annotate(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        for (span, n) in self.numbers_with(doc.ntext(), self.words.find_doc(doc)) {
            if doc.is_masked(span) {
                continue;
            }
            out.push(Mention {
                span,
                value: Value::Number(Box::new(n)),
            });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ItemKind {
    Word(NumberKind),
    /// Digits; the value is fixed once we know whether a scale follows.
    Digits(DigitForm),
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct DigitForm {
    /// Value read with a single separator as thousands (or the integer).
    plain: Option<f64>,
    /// Value read with a single separator as a decimal mark.
    decimal: Option<f64>,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    span: Span,
    /// Start including a leading و or clitic.
    lead: usize,
    /// Preceded by the conjunction و.
    joined: bool,
    /// Preceded by a clitic other than و.
    clitic: bool,
    kind: ItemKind,
    value: f64,
}

const SEPARATORS: [char; 5] = [',', '.', '٫', '٬', '\u{2009}'];
/// Separators that never mark decimals (a plain space only in «10 000»).
const THOUSANDS_ONLY: [char; 3] = ['٬', '\u{2009}', ' '];

/// Digit runs with their separators, excluding those glued to Latin letters
/// (GPT-5, 4E9dO) and IP-like strings.
fn digit_items(text: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i = super::next_byte(bytes, i, |b| b.is_ascii_digit());
            continue;
        }
        let start = i;
        let mut end = i;
        let mut groups: Vec<(char, &str)> = Vec::new();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        groups.push(('\0', &text[start..j]));
        end = end.max(j);
        while let Some(sep) = text[end..].chars().next() {
            if !SEPARATORS.contains(&sep) && sep != ' ' {
                break;
            }
            let after = end + sep.len_utf8();
            let mut k = after;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            if k == after {
                break;
            }
            // «10 000»: a plain space separates thousands only between a
            // first group of up to three digits and groups of exactly three.
            if sep == ' '
                && (groups[0].1.len() > 3
                    || k - after != 3
                    || groups[1..].iter().any(|(s, _)| *s != ' ')
                    || text[k..].starts_with(SEPARATORS))
            {
                break;
            }
            groups.push((sep, &text[after..k]));
            end = k;
        }
        i = end;
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if latin(prev)
            || latin(next)
            || (prev == Some('-') && latin(text[..start - 1].chars().next_back()))
        {
            continue;
        }
        let Some(form) = read_digits(&groups) else {
            continue;
        };
        let wa = conjunction_before(text, start);
        out.push(Item {
            span: Span::new(start, end),
            lead: wa.unwrap_or(start),
            joined: wa.is_some(),
            clitic: false,
            kind: ItemKind::Digits(form),
            value: 0.0,
        });
    }
    out
}

/// Where the conjunction و (and) starts when it stands alone just before
/// `start`, glued («و200») or followed by spaces («و 200»).
fn conjunction_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end_matches(' ');
    let wa = before.strip_suffix('و')?;
    let alone = !wa
        .chars()
        .next_back()
        .is_some_and(crate::normalize::is_word_char);
    alone.then_some(wa.len())
}

/// Reads digit groups in both readings of a single separator.
fn read_digits(groups: &[(char, &str)]) -> Option<DigitForm> {
    let int = |s: &str| s.parse::<f64>().ok();
    match groups {
        [(_, a)] => {
            let v = int(a)?;
            Some(DigitForm {
                plain: Some(v),
                decimal: Some(v),
            })
        }
        [(_, a), (sep, b)] => {
            let decimal = if THOUSANDS_ONLY.contains(sep) {
                None
            } else {
                format!("{a}.{b}").parse::<f64>().ok()
            };
            let thousands = (b.len() == 3 && a.len() <= 3)
                .then(|| Some(int(a)? * 1000.0 + int(b)?))
                .flatten();
            let plain = thousands.or(decimal);
            Some(DigitForm {
                plain,
                decimal: decimal.or(thousands),
            })
        }
        [(_, first), rest @ ..] => {
            // Several separators: thousands groups, maybe a final decimal
            // part with a different mark (1,234.5 or 1.234,5).
            if first.len() > 3 {
                return None;
            }
            let thousands_sep = rest[0].0;
            let mut v = int(first)?;
            for (k, (sep, g)) in rest.iter().enumerate() {
                let last = k == rest.len() - 1;
                if *sep == thousands_sep && g.len() == 3 {
                    v = v * 1000.0 + int(g)?;
                } else if last && *sep != thousands_sep && !THOUSANDS_ONLY.contains(sep) {
                    v += format!("0.{g}").parse::<f64>().ok()?;
                } else {
                    return None;
                }
            }
            Some(DigitForm {
                plain: Some(v),
                decimal: Some(v),
            })
        }
        [] => None,
    }
}

/// True when only spaces separate two items.
fn adjacent(text: &str, a: &Item, b: &Item) -> bool {
    a.span.end <= b.lead && text[a.span.end..b.lead].chars().all(|c| c == ' ')
}

fn is_scale(k: ItemKind) -> bool {
    matches!(
        k,
        ItemKind::Word(NumberKind::Scale | NumberKind::ScaleDual | NumberKind::ScalePlural)
    )
}

/// A value word or digits: what a scale word multiplies.
fn is_value(k: ItemKind) -> bool {
    matches!(
        k,
        ItemKind::Digits(_)
            | ItemKind::Word(
                NumberKind::Unit
                    | NumberKind::Teen
                    | NumberKind::Ten
                    | NumberKind::Hundred
                    | NumberKind::Fraction
            )
    )
}

/// A word that starts a new group after a scale (ألف وخمسمائة).
fn is_group_word(k: ItemKind) -> bool {
    matches!(
        k,
        ItemKind::Word(NumberKind::Unit | NumberKind::Teen | NumberKind::Ten | NumberKind::Hundred)
    )
}

/// Quotation marks around a name («ألفا» is an operator, not 1000).
const QUOTES: [char; 6] = ['"', '«', '»', '“', '”', '\''];

/// True when the number at `lead` follows بين (between): a و inside it
/// separates the two ends of a range (بين خمسمائة وألف), not two parts of
/// one number.
fn after_between(text: &str, lead: usize) -> bool {
    let before = text[..lead].trim_end_matches(' ');
    // بين (between), ما بين (what is between)
    before.ends_with("بين")
        && !before[..before.len() - "بين".len()]
            .chars()
            .next_back()
            .is_some_and(crate::normalize::is_word_char)
}

/// Combines items into numbers.
fn chains(text: &str, items: &[Item]) -> Vec<(Span, Number)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (next, number) = chain_at(text, items, i);
        if let Some(n) = number {
            out.push(n);
        }
        i = next.max(i + 1);
    }
    out
}

/// A vague amount: no value, its scale as `min`.
fn vague(min: f64) -> Number {
    Number {
        value: None,
        min: Some(min),
        digits: false,
        ordinal: false,
        scale: None,
    }
}

/// Rounds away the binary noise of a decimal times a scale (10.6 مليون is
/// 10 600 000, not 10 599 999.999999998).
fn tidy(v: f64) -> f64 {
    if v >= 1.0 && (v - v.round()).abs() < 1e-6 {
        v.round()
    } else {
        v
    }
}

/// The running state of a number being read.
struct Reading {
    /// Groups already closed by a scale word.
    total: f64,
    /// The group being read.
    current: f64,
    /// The scale word of the last closed group (0 before any).
    last_scale: f64,
    /// The largest scale word used.
    top_scale: Option<f64>,
    digits: bool,
    ordinal: bool,
    /// A fraction of the last scale was read (مليون ونصف): only that
    /// scale, repeated, may follow.
    fraction_tail: bool,
    /// Nothing may follow.
    closed: bool,
}

impl Reading {
    fn close_group(&mut self, value: f64, scale: f64) {
        self.total += value * scale;
        self.current = 0.0;
        self.last_scale = scale;
        self.top_scale = Some(self.top_scale.map_or(scale, |t: f64| t.max(scale)));
    }

    /// A scale word may close a group only below the previous one
    /// (مليون و200 ألف, not ألف و200 مليون).
    fn scale_fits(&self, scale: f64) -> bool {
        self.last_scale == 0.0 || scale < self.last_scale
    }
}

/// Reads the longest number starting at item `i`; returns the index after
/// it.
fn chain_at(text: &str, items: &[Item], i: usize) -> (usize, Option<(Span, Number)>) {
    let first = &items[i];
    let mut r = Reading {
        total: 0.0,
        current: 0.0,
        last_scale: 0.0,
        top_scale: None,
        digits: false,
        ordinal: false,
        fraction_tail: false,
        closed: false,
    };
    let mut last = first.kind;
    let mut end = first.span.end;
    let mut j = i;
    let between = after_between(text, first.lead);

    let scale_next = |j: usize| -> bool {
        items.get(j + 1).is_some_and(|n| {
            is_scale(n.kind) && !n.joined && !n.clitic && adjacent(text, &items[j], n)
        })
    };

    // The group at item `k` may join the number read so far: the scale
    // word right after it, if any, is smaller than the last one.
    let descends =
        |k: usize, last_scale: f64| -> bool { !scale_next(k) || items[k + 1].value < last_scale };

    match first.kind {
        ItemKind::Digits(f) => {
            r.digits = true;
            r.current = if scale_next(i) { f.decimal } else { f.plain }.unwrap_or(0.0);
        }
        ItemKind::Word(k) => match k {
            NumberKind::Unit | NumberKind::Teen | NumberKind::Ten | NumberKind::Hundred => {
                r.current = first.value
            }
            NumberKind::Ordinal => {
                r.current = first.value;
                r.ordinal = true;
            }
            NumberKind::Scale => {
                let quoted = text[..first.span.start].ends_with(QUOTES)
                    && text[first.span.end..].starts_with(QUOTES);
                if quoted && !scale_next(i) {
                    return (i + 1, None);
                }
                r.close_group(1.0, first.value);
            }
            NumberKind::ScaleDual => r.close_group(2.0, first.value),
            // آلاف, ملايين with no number before: a vague amount.
            NumberKind::ScalePlural => return (i + 1, Some((first.span, vague(first.value)))),
            NumberKind::Vague => {
                // عشرات الآلاف, بضعة آلاف, بضع مئات: the vague word
                // multiplies a following plural.
                let follows = items.get(i + 1).filter(|n| {
                    matches!(
                        n.kind,
                        ItemKind::Word(NumberKind::ScalePlural | NumberKind::Vague)
                    ) && !n.joined
                        && adjacent(text, first, n)
                });
                return match follows {
                    Some(n) => (
                        i + 2,
                        Some((
                            Span::new(first.span.start, n.span.end),
                            vague(first.value * n.value),
                        )),
                    ),
                    None if first.value > 1.0 => (i + 1, Some((first.span, vague(first.value)))),
                    // بضعة / عدة alone are not numbers.
                    None => (i + 1, None),
                };
            }
            NumberKind::Fraction => {
                if !scale_next(i) {
                    let n = Number {
                        value: Some(first.value),
                        min: None,
                        digits: false,
                        ordinal: false,
                        scale: None,
                    };
                    return (i + 1, Some((first.span, n)));
                }
                r.current = first.value;
            }
        },
    }

    while let Some(n) = items.get(j + 1) {
        if r.closed || !adjacent(text, &items[j], n) {
            break;
        }
        // «مليون ونصف المليون»: after a fraction of a scale only that scale
        // may follow, repeated (with the article).
        let repeat = r.fraction_tail
            && n.kind == ItemKind::Word(NumberKind::Scale)
            && n.value == r.last_scale
            && !n.joined;
        if (n.clitic || r.fraction_tail) && !repeat {
            break;
        }
        let scale_word = matches!(
            n.kind,
            ItemKind::Word(NumberKind::Scale | NumberKind::ScaleDual)
        );
        let ok = match (last, n.kind, n.joined) {
            _ if repeat => {
                r.closed = true;
                true
            }
            // value × scale: ثلاثة آلاف, 20 ألفا, مئة ألف, 2.5 مليون
            (l, ItemKind::Word(NumberKind::Scale | NumberKind::ScalePlural), false)
                if is_value(l) && r.current > 0.0 && r.scale_fits(n.value) =>
            {
                r.close_group(r.current, n.value);
                true
            }
            // a hundred, then one or two of the scale: مئة وألف (101 000),
            // مئتان وألفان (202 000)
            (ItemKind::Word(NumberKind::Hundred), ItemKind::Word(k), true)
                if scale_word && !between && r.scale_fits(n.value) =>
            {
                let k = if k == NumberKind::ScaleDual { 2.0 } else { 1.0 };
                r.close_group(r.current + k, n.value);
                true
            }
            // after a scale, a smaller scale joined by و: مليون وألف,
            // مليون وألفان
            (l, ItemKind::Word(k), true)
                if is_scale(l) && scale_word && r.current == 0.0 && r.scale_fits(n.value) =>
            {
                let k = if k == NumberKind::ScaleDual { 2.0 } else { 1.0 };
                r.close_group(k, n.value);
                true
            }
            // after a scale, a fraction of it: مليون ونصف, ألف وربع
            (l, ItemKind::Word(NumberKind::Fraction), true) if is_scale(l) && r.current == 0.0 => {
                r.total += n.value * r.last_scale;
                r.fraction_tail = true;
                true
            }
            // after a scale, a new group joined by و, unless its own scale
            // does not descend: «بين 10 آلاف و15 ألفا» is two numbers
            (l, k, true) if is_scale(l) && is_group_word(k) && descends(j + 1, r.last_scale) => {
                r.current = n.value;
                true
            }
            (l, ItemKind::Digits(f), true) if is_scale(l) && descends(j + 1, r.last_scale) => {
                r.digits = true;
                r.current = if scale_next(j + 1) {
                    f.decimal
                } else {
                    f.plain
                }
                .unwrap_or(0.0);
                true
            }
            // hundreds, then units, teens or tens
            (
                ItemKind::Word(NumberKind::Hundred),
                ItemKind::Word(NumberKind::Unit | NumberKind::Teen | NumberKind::Ten),
                true,
            ) => {
                r.current += n.value;
                true
            }
            // units, then tens (خمسة وعشرون)
            (ItemKind::Word(NumberKind::Unit), ItemKind::Word(NumberKind::Ten), true)
                if r.current % 10.0 != 0.0 || r.current < 10.0 =>
            {
                r.current += n.value;
                true
            }
            // ordinals: الرابع عشر, الحادي والعشرين
            (ItemKind::Word(NumberKind::Ordinal), ItemKind::Word(NumberKind::Unit), false)
                if n.value == 10.0 =>
            {
                r.current += 10.0;
                true
            }
            (ItemKind::Word(NumberKind::Ordinal), ItemKind::Word(NumberKind::Ten), true) => {
                r.current += n.value;
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        last = n.kind;
        end = n.span.end;
        j += 1;
    }

    let number = Number {
        value: Some(tidy(r.total + r.current)),
        min: None,
        digits: r.digits,
        ordinal: r.ordinal,
        scale: r.top_scale,
    };
    (j + 1, Some((Span::new(first.span.start, end), number)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn annotator() -> NumberAnnotator {
        let lex = Lexicons::embedded().unwrap();
        NumberAnnotator::new(&lex, &Clitics::new(&lex.clitics))
    }

    fn read(a: &NumberAnnotator, s: &str) -> Vec<(String, Option<f64>, Option<f64>)> {
        let t = normalize(s);
        a.numbers(&t)
            .into_iter()
            .map(|(sp, n)| (t[sp.start..sp.end].to_string(), n.value, n.min))
            .collect()
    }

    #[test]
    fn single_values() {
        let a = annotator();
        let cases: &[(&str, f64)] = &[
            ("1800", 1800.0),
            ("1,800", 1800.0),
            ("70٫000", 70000.0),
            ("12.500", 12500.0),
            ("١٢٣", 123.0),
            ("3.5", 3.5),
            ("2,5 مليون", 2_500_000.0),
            ("10.6 مليون", 10_600_000.0),
            ("25 ألف", 25000.0),
            ("20 ألفًا", 20000.0),
            ("3 آلاف", 3000.0),
            ("عشرة آلاف", 10000.0),
            ("ثلاثة آلاف وخمسمائة", 3500.0),
            ("خمسة وعشرون ألفا", 25000.0),
            ("مئة وخمسين ألف", 150000.0),
            ("مليون و200 ألف", 1_200_000.0),
            ("مليونين وخمسمائة ألف", 2_500_000.0),
            ("نصف مليون", 500_000.0),
            ("ربع مليون", 250_000.0),
            ("ألف", 1000.0),
            ("ألفين", 2000.0),
            ("مئتي ألف", 200_000.0),
            ("ثلاث مئة", 300.0),
            ("ثلاثمائة", 300.0),
            ("أحد عشر", 11.0),
            ("1,234,567", 1_234_567.0),
            ("مليون ونصف", 1_500_000.0),
            ("مليون ونصف المليون", 1_500_000.0),
            ("ثلاثة ملايين ونصف", 3_500_000.0),
            ("ألف وربع", 1250.0),
            ("مئة وألف", 101_000.0),
            ("مائتان وألفان", 202_000.0),
            ("مليون وألف", 1_001_000.0),
            ("مليون وألفان وخمسة", 1_002_005.0),
            ("ثلاثة و عشرون", 23.0),
            ("ألف و 200", 1200.0),
            ("إحدى وعشرون", 21.0),
            ("10.6 مليون", 10_600_000.0),
            ("20ألف", 20_000.0),
            ("1.5مليون", 1_500_000.0),
        ];
        for (s, want) in cases {
            let got = read(&a, s);
            assert_eq!(got.len(), 1, "{s:?} read as {got:?}");
            assert_eq!(got[0].1, Some(*want), "{s:?} read as {got:?}");
        }
    }

    #[test]
    fn vague_amounts() {
        let a = annotator();
        for (s, min) in [
            ("آلاف", 1000.0),
            ("الآلاف", 1000.0),
            ("ملايين", 1e6),
            ("عشرات الآلاف", 10000.0),
            ("مئات الآلاف", 100000.0),
            ("عشرات", 10.0),
            ("بضعة آلاف", 1000.0),
            ("بضع مئات", 100.0),
            ("عشرات الملايين", 1e7),
        ] {
            let got = read(&a, s);
            assert_eq!(got.len(), 1, "{s:?} read as {got:?}");
            assert_eq!((got[0].1, got[0].2), (None, Some(min)), "{s:?}");
        }
    }

    #[test]
    fn separate_numbers_stay_separate() {
        let a = annotator();
        let got = read(&a, "بين 40 بلاغا و1000 بلاغ");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(read(&a, "GPT-5").is_empty());
        // the two ends of a range
        let got = read(&a, "بين خمسمائة وألف");
        assert_eq!(got.len(), 2, "{got:?}");
        // a name in quotes
        assert!(read(&a, "شبكة «ألفا»").is_empty());
        assert_eq!(read(&a, "بين 10 و15 ألفا").len(), 2);
        assert!(read(&a, "1.1.1.1").is_empty());
    }
}
