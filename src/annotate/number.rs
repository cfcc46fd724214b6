/*!
Numbers in digits, words and mixtures: «1,800», «70٫000», «2,5 مليون»,
«عشرة آلاف», «خمسة وعشرون ألفا», «مليون و200 ألف», «نصف مليون»,
«عشرات الآلاف» (vague), «الرابع عشر» (ordinal).

Numbers are internal mentions: the date, duration and quantity annotators
read them. Word numbers come from `numbers.tsv`; this module holds only the
grammar that combines them:

- a value word (unit, teen, ten, hundred, digits) followed by a scale word
  multiplies it (ثلاثة آلاف, 20 ألفا, مئتي ألف);
- parts joined by و add up in the standard order: hundreds, then units, then
  tens (مئة وخمسة وعشرون), a new group after a scale (ألف وخمسمائة);
- a plural scale or a vague word with no number before it is a vague amount
  whose `min` is the scale (آلاف → 1000, عشرات الآلاف → 10000).

Digit groups are disambiguated by what follows: with a scale word a single
separator is a decimal mark (2,5 مليون, 10.6 مليون); without one, a group of
exactly three digits after the separator means thousands (1,800, 12.500,
70٫000), anything else a decimal mark (3.5).
*/

use super::{Annotator, Mention, Number, Value};
use crate::document::Document;
use crate::gazetteer::{Clitics, Gazetteer};
use crate::lexicon::{Lexicons, NumberWord};
use crate::span::Span;
use crate::vocab::NumberKind;

pub struct NumberAnnotator {
    words: Gazetteer<NumberWord>,
}

impl NumberAnnotator {
    pub fn new(lex: &Lexicons, clitics: &Clitics) -> NumberAnnotator {
        NumberAnnotator {
            words: Gazetteer::new(&lex.numbers, clitics),
        }
    }

    /// Every number in normalised `text`.
    pub fn numbers(&self, text: &str) -> Vec<(Span, Number)> {
        let mut items = self.word_items(text);
        items.extend(digit_items(text));
        items.sort_by_key(|i| i.span.start);
        chains(text, &items)
    }

    fn word_items(&self, text: &str) -> Vec<Item> {
        self.words
            .find(text)
            .into_iter()
            .map(|h| {
                let prefix = &text[h.word_start..h.span.start];
                Item {
                    span: h.span,
                    lead: h.word_start,
                    joined: prefix == "و",
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
        for (span, n) in self.numbers(doc.ntext()) {
            if doc.is_masked(span) {
                continue;
            }
            out.push(Mention {
                span,
                value: Value::Number(n),
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

/// Digit runs with their separators, excluding those glued to Latin letters
/// (GPT-5, 4E9dO) and IP-like strings.
fn digit_items(text: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
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
            if !SEPARATORS.contains(&sep) {
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
        let glued_wa = text[..start].ends_with('و')
            && !text[..start - 'و'.len_utf8()]
                .chars()
                .next_back()
                .is_some_and(crate::normalize::is_word_char);
        let spaced_wa = text[..start].ends_with("و ")
            && !text[..start - "و ".len()]
                .chars()
                .next_back()
                .is_some_and(crate::normalize::is_word_char);
        let lead = if glued_wa {
            start - 'و'.len_utf8()
        } else if spaced_wa {
            start - "و ".len()
        } else {
            start
        };
        out.push(Item {
            span: Span::new(start, end),
            lead,
            joined: glued_wa || spaced_wa,
            clitic: false,
            kind: ItemKind::Digits(form),
            value: 0.0,
        });
    }
    out
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
            let decimal = if *sep == '٬' || *sep == '\u{2009}' {
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
                } else if last && *sep != thousands_sep && *sep != '٬' && *sep != '\u{2009}' {
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

/// Reads the longest number starting at item `i`; returns the index after
/// it.
fn chain_at(text: &str, items: &[Item], i: usize) -> (usize, Option<(Span, Number)>) {
    let first = &items[i];
    let mut total = 0.0;
    let mut current: f64 = 0.0;
    let mut last = first.kind;
    let mut digits = false;
    let mut ordinal = false;
    let mut vague: Option<f64> = None;
    let mut end = first.span.end;
    let mut j = i;

    let scale_next = |j: usize| -> bool {
        items.get(j + 1).is_some_and(|n| {
            is_scale(n.kind) && !n.joined && !n.clitic && adjacent(text, &items[j], n)
        })
    };

    match first.kind {
        ItemKind::Digits(f) => {
            digits = true;
            current = if scale_next(i) { f.decimal } else { f.plain }.unwrap_or(0.0);
        }
        ItemKind::Word(k) => match k {
            NumberKind::Unit | NumberKind::Teen | NumberKind::Ten | NumberKind::Hundred => {
                current = first.value
            }
            NumberKind::Ordinal => {
                current = first.value;
                ordinal = true;
            }
            NumberKind::Scale => total = first.value,
            NumberKind::ScaleDual => total = 2.0 * first.value,
            NumberKind::ScalePlural => vague = Some(first.value),
            NumberKind::Vague => {
                // عشرات الآلاف: the vague word multiplies a plural scale.
                let follows = items.get(i + 1).filter(|n| {
                    matches!(n.kind, ItemKind::Word(NumberKind::ScalePlural))
                        && !n.joined
                        && adjacent(text, first, n)
                });
                match follows {
                    Some(n) => {
                        end = n.span.end;
                        return (
                            i + 2,
                            Some((
                                Span::new(first.span.start, end),
                                Number {
                                    value: None,
                                    min: Some(first.value * n.value),
                                    digits: false,
                                    ordinal: false,
                                },
                            )),
                        );
                    }
                    None if first.value > 1.0 => vague = Some(first.value),
                    // بضعة / عدة alone are not numbers.
                    None => return (i + 1, None),
                }
            }
            NumberKind::Fraction => {
                if !scale_next(i) {
                    return (
                        i + 1,
                        Some((
                            first.span,
                            Number {
                                value: Some(first.value),
                                min: None,
                                digits: false,
                                ordinal: false,
                            },
                        )),
                    );
                }
                current = first.value;
            }
        },
    }

    if vague.is_none() {
        while let Some(n) = items.get(j + 1) {
            if !adjacent(text, &items[j], n) || n.clitic {
                break;
            }
            let ok = match (last, n.kind, n.joined) {
                // value × scale
                (
                    ItemKind::Digits(_)
                    | ItemKind::Word(
                        NumberKind::Unit
                        | NumberKind::Teen
                        | NumberKind::Ten
                        | NumberKind::Hundred
                        | NumberKind::Fraction,
                    ),
                    ItemKind::Word(NumberKind::Scale | NumberKind::ScalePlural),
                    false,
                ) if current > 0.0 => {
                    total += current * n.value;
                    current = 0.0;
                    true
                }
                // after a scale, a new group joined by و
                (
                    ItemKind::Word(
                        NumberKind::Scale | NumberKind::ScaleDual | NumberKind::ScalePlural,
                    ),
                    ItemKind::Word(
                        NumberKind::Unit | NumberKind::Teen | NumberKind::Ten | NumberKind::Hundred,
                    ),
                    true,
                ) => {
                    current = n.value;
                    true
                }
                (
                    ItemKind::Word(
                        NumberKind::Scale | NumberKind::ScaleDual | NumberKind::ScalePlural,
                    ),
                    ItemKind::Digits(f),
                    true,
                ) => {
                    digits = true;
                    current = if scale_next(j + 1) {
                        f.decimal
                    } else {
                        f.plain
                    }
                    .unwrap_or(0.0);
                    true
                }
                // hundreds, then units or tens
                (
                    ItemKind::Word(NumberKind::Hundred),
                    ItemKind::Word(NumberKind::Unit | NumberKind::Teen | NumberKind::Ten),
                    true,
                ) => {
                    current += n.value;
                    true
                }
                // units, then tens
                (ItemKind::Word(NumberKind::Unit), ItemKind::Word(NumberKind::Ten), true)
                    if current % 10.0 != 0.0 || current < 10.0 =>
                {
                    current += n.value;
                    true
                }
                // ordinals: الرابع عشر, الحادي والعشرين
                (ItemKind::Word(NumberKind::Ordinal), ItemKind::Word(NumberKind::Unit), false)
                    if n.value == 10.0 =>
                {
                    current += 10.0;
                    true
                }
                (ItemKind::Word(NumberKind::Ordinal), ItemKind::Word(NumberKind::Ten), true) => {
                    current += n.value;
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
    } else if let Some(n) = items.get(i + 1) {
        // آلاف ... stays vague; nothing joins it.
        let _ = n;
    }

    let span = Span::new(first.span.start, end);
    let number = match vague {
        Some(min) => Number {
            value: None,
            min: Some(min),
            digits: false,
            ordinal: false,
        },
        None => Number {
            value: Some(total + current),
            min: None,
            digits,
            ordinal,
        },
    };
    (j + 1, Some((span, number)))
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
        assert!(read(&a, "1.1.1.1").is_empty());
    }
}
