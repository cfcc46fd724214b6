/*!
Normalisation of Arabic text for matching, with a map back to the original.

rasd matches lexicons and patterns on a *normalised view* of a document and
reports every span on the *original* text. The view folds away what Arabic
news writes inconsistently:

- diacritics (harakat, dagger alef, Quranic marks) and tatweel are removed;
- alef variants أ إ آ ٱ → ا, alef maqsura ى → ي, ta marbuta ة → ه, and hamza
  seats ؤ ئ → ء (so مسؤول and مسئول meet);
- Eastern Arabic ٠–٩ and Persian ۰–۹ digits → ASCII; the Arabic decimal and
  thousands marks ٫ ٬ are *kept* (their use is ambiguous and the number
  reader decides), ، ؛ ؟ ٪ → , ; ? %;
- presentation forms (ﻻ, ﷲ ...) are decomposed by NFKC;
- bidi controls, zero-width characters, soft hyphens and `\r` are removed;
- runs of spaces, tabs and no-break spaces become one space; thin spaces
  become one U+2009 (a thousands separator in some outlets); newlines stay;
- Latin letters are lower-cased.

The function is idempotent: normalising a normalised text changes nothing.

Every byte of the normalised text knows the byte where the original
character that produced it starts; a removed mark is absorbed into the
character before it, so a span that ends on a letter also covers the letter's
diacritics in the original.
*/

use unicode_normalization::UnicodeNormalization;

use crate::span::Span;

/// A normalised view of a text with its map back to the original.
///
/// Each byte of `text` maps to the original character it comes from (its
/// end extended over removed marks that follow it). Nearly every character
/// keeps its length, so the map is kept as pieces where it changes, not as
/// a table per byte.
#[derive(Debug, Clone)]
pub struct NormText {
    /// The normalised text: what annotators match on.
    pub text: String,
    /// The map, in order of `at`; the first piece starts at 0.
    pieces: Vec<Piece>,
}

/// Where the map from normalised to original bytes changes.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// The first normalised byte of the piece.
    at: u32,
    /// The original byte of `at`.
    orig: u32,
    /// `SHIFT`: characters have their original length, shifted by
    /// `orig - at`. Otherwise every byte of the piece comes from the
    /// original character `orig..end`.
    end: u32,
}

const SHIFT: u32 = u32::MAX;

/// What the normaliser does with one original character.
#[derive(Clone, Copy)]
enum Fold {
    Keep,
    Drop,
    To(char),
    Space,
}

/// True for characters the normaliser removes without trace.
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'   // harakat, hamza above/below as marks
        | '\u{0670}'              // dagger alef
        | '\u{06D6}'..='\u{06ED}' // Quranic annotation marks
        | '\u{0640}'              // tatweel
        | '\u{00AD}'              // soft hyphen
        | '\u{061C}'              // Arabic letter mark
        | '\u{200B}'..='\u{200F}' // zero-width and directional marks
        | '\u{202A}'..='\u{202E}' // bidi embeddings
        | '\u{2060}'..='\u{2064}' // word joiner and invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}'              // BOM / zero-width no-break space
        | '\r'
    )
}

fn fold(c: char) -> Fold {
    if is_dropped(c) {
        return Fold::Drop;
    }
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ى' | 'ی' => Fold::To('ي'),
        'ة' => Fold::To('ه'),
        'ؤ' | 'ئ' => Fold::To('ء'),
        'ک' => Fold::To('ك'),
        '٠'..='٩' => Fold::To(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::To(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        '،' => Fold::To(','),
        '؛' => Fold::To(';'),
        '؟' => Fold::To('?'),
        '٪' => Fold::To('%'),
        '\u{2028}' | '\u{2029}' | '\u{0085}' => Fold::To('\n'),
        '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{202F}' => Fold::To('\u{2009}'),
        ' '
        | '\t'
        | '\u{00A0}'
        | '\u{000B}'
        | '\u{000C}'
        | '\u{1680}'
        | '\u{2000}'..='\u{2006}'
        | '\u{2008}'
        | '\u{205F}'
        | '\u{3000}' => Fold::Space,
        'A'..='Z' => Fold::To(c.to_ascii_lowercase()),
        // ASCII and the Arabic block hold no other upper case: skip the
        // Unicode table for them.
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => Fold::Keep,
        _ if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Fold::To(l),
                _ => Fold::Keep,
            }
        }
        _ => Fold::Keep,
    }
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// [`fold`] for ASCII and the Arabic block, which make up nearly every
/// character of an article: one lookup instead of a chain of tests.
static COMMON: std::sync::LazyLock<[Fold; 0x180]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        let code = if i < 0x80 {
            i as u32
        } else {
            0x0600 + i as u32 - 0x80
        };
        fold(char::from_u32(code).unwrap_or('\0'))
    })
});

#[inline]
fn fold_fast(c: char) -> Fold {
    let code = c as u32;
    match code {
        0..0x80 => COMMON[code as usize],
        0x0600..0x0700 => COMMON[(code - 0x0600 + 0x80) as usize],
        _ => fold(c),
    }
}

impl NormText {
    /// Normalises `original`.
    pub fn new(original: &str) -> NormText {
        let mut n = NormText {
            text: String::with_capacity(original.len()),
            pieces: Vec::new(),
        };
        let mut expanded = String::new();
        let bytes = original.as_bytes();
        // Forced once here, not at every character.
        let common: &[Fold; 0x180] = &COMMON;
        let mut pos = 0;
        while pos < bytes.len() {
            // The common case: a run of ASCII and two-byte Arabic characters
            // that keep their length, with no state to consult.
            let mut run = pos;
            n.open_piece(pos as u32, SHIFT);
            while let Some(&b) = bytes.get(pos) {
                let len = if b < 0x80 {
                    1
                } else if (0xD8..=0xDB).contains(&b) && pos + 1 < bytes.len() {
                    2
                } else {
                    break;
                };
                let code = if len == 1 {
                    b as usize
                } else {
                    (((b as usize) & 0x1F) << 6 | (bytes[pos + 1] as usize & 0x3F)) - 0x0600 + 0x80
                };
                match common[code] {
                    Fold::Keep => {}
                    // A space after a kept character is kept as it is: only
                    // runs of spaces collapse.
                    Fold::Space if b == b' ' && pos > run && bytes[pos - 1] != b' ' => {}
                    // أ → ا: another character of the same length.
                    Fold::To(t) if t.len_utf8() == len => {
                        n.text.push_str(&original[run..pos]);
                        n.text.push(t);
                        pos += len;
                        run = pos;
                        continue;
                    }
                    _ => break,
                }
                pos += len;
            }
            n.text.push_str(&original[run..pos]);
            let Some(c) = original[pos..].chars().next() else {
                break;
            };
            let start = pos as u32;
            let end = (pos + c.len_utf8()) as u32;
            pos += c.len_utf8();
            if is_presentation_form(c) {
                expanded.clear();
                expanded.extend(std::iter::once(c).nfkc());
                for e in expanded.chars() {
                    n.push_folded(e, start, end);
                }
            } else {
                n.push_folded(c, start, end);
            }
        }
        n
    }

    /// Makes the next bytes pushed map to the original from byte `orig`:
    /// shifted when `end` is `SHIFT`, else all to the character
    /// `orig..end`. The last piece goes on when it already maps them so, and
    /// is replaced when nothing was pushed under it.
    fn open_piece(&mut self, orig: u32, end: u32) {
        let at = self.text.len() as u32;
        let piece = Piece { at, orig, end };
        let goes_on = |p: &Piece| {
            if end == SHIFT {
                p.end == SHIFT && p.orig.wrapping_sub(p.at) == orig.wrapping_sub(at)
            } else {
                p.end == end && p.orig == orig
            }
        };
        match self.pieces.last_mut() {
            Some(p) if goes_on(p) => {}
            Some(p) if p.at == at => *p = piece,
            _ => self.pieces.push(piece),
        }
    }

    fn push_folded(&mut self, c: char, start: u32, end: u32) {
        let out = match fold_fast(c) {
            Fold::Keep => c,
            Fold::To(t) => t,
            Fold::Drop => {
                // Absorb the mark into the previous character (unless it was
                // a collapsed space), so spans keep a word's diacritics.
                if c != '\r'
                    && let Some(last) = self.text.chars().next_back()
                    && last != ' '
                    && last != '\n'
                {
                    // The last character alone gets the new end; what is
                    // pushed next starts a piece of its own.
                    while self
                        .pieces
                        .last()
                        .is_some_and(|p| p.at as usize == self.text.len())
                    {
                        self.pieces.pop();
                    }
                    let at = self.text.len() - last.len_utf8();
                    let (orig, _) = self.map(at);
                    let i = self.piece_of(at);
                    let piece = Piece {
                        at: at as u32,
                        orig: orig as u32,
                        end,
                    };
                    if self.pieces[i].at as usize == at {
                        self.pieces[i] = piece;
                    } else {
                        self.pieces.push(piece);
                    }
                }
                return;
            }
            Fold::Space => {
                if self.text.ends_with(' ') {
                    return;
                }
                ' '
            }
        };
        if out == '\u{2009}' && self.text.ends_with('\u{2009}') {
            return;
        }
        if out.len_utf8() as u32 == end - start {
            self.open_piece(start, SHIFT);
        } else {
            self.open_piece(start, end);
        }
        self.text.push(out);
    }

    /// The piece holding normalised byte `pos`.
    fn piece_of(&self, pos: usize) -> usize {
        self.pieces.partition_point(|p| p.at as usize <= pos) - 1
    }

    /// The original character (start, end) of normalised byte `pos`.
    fn map(&self, pos: usize) -> (usize, usize) {
        let p = self.pieces[self.piece_of(pos)];
        if p.end != SHIFT {
            return (p.orig as usize, p.end as usize);
        }
        let mut start = pos;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let len = self.text[start..].chars().next().map_or(1, char::len_utf8);
        let shift = |q: usize| (p.orig as usize + q) - p.at as usize;
        (shift(start), shift(start + len))
    }

    /// The original byte span of a span of the normalised text.
    pub fn to_original(&self, span: Span) -> Span {
        if span.start >= span.end || span.end > self.text.len() {
            let at = self.original_offset(span.start);
            return Span::new(at, at);
        }
        Span::new(self.map(span.start).0, self.map(span.end - 1).1)
    }

    /// The original byte offset where the normalised byte `pos` comes from
    /// (the end of the original text for `pos == text.len()`).
    pub fn original_offset(&self, pos: usize) -> usize {
        if pos < self.text.len() {
            self.map(pos).0
        } else if self.text.is_empty() {
            0
        } else {
            self.map(self.text.len() - 1).1
        }
    }
}

/// Normalises a string for matching, without the offset map (lexicon
/// entries, queries).
pub fn normalize(s: &str) -> String {
    NormText::new(s).text
}

/// The start of the word that contains or ends at byte `pos` (`pos` itself
/// when a non-word character precedes it).
pub fn word_start(text: &str, pos: usize) -> usize {
    text[..pos].trim_end_matches(is_word_char).len()
}

/// True for characters that make up words for boundary checks: letters and
/// digits of any script (Unicode alphanumeric). ASCII, the Arabic block and
/// common punctuation are answered without Unicode's tables, since this runs
/// for every candidate match.
#[inline]
pub fn is_word_char(c: char) -> bool {
    // Bit i: U+0600 + i is alphanumeric (a constant, not a lazy table: the
    // check of a lazy table's state cost more than the lookup). The test
    // below holds it to `char::is_alphanumeric`.
    const ARABIC: [u64; 4] = [
        0xFFFF_FFFF_07FF_0000,
        0xFFFF_C3FF_FEFF_FFFF,
        0xFFFF_FFFF_FFFF_FFFF,
        0x9FFF_E1FE_1FEF_FFFF,
    ];
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{0600}'..='\u{06FF}' => {
            let i = c as usize - 0x0600;
            ARABIC[i / 64] >> (i % 64) & 1 == 1
        }
        // Guillemets and dashes, common in Arabic news: no letters there.
        '\u{2000}'..='\u{206F}' | '\u{00AB}' | '\u{00BB}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_arabic_variants() {
        let cases = [
            ("إنستغرام", "انستغرام"),
            ("أنستغرام", "انستغرام"),
            ("مستشفى", "مستشفي"),
            ("شبكة", "شبكه"),
            ("مسؤول", "مسءول"),
            ("مسئول", "مسءول"),
            ("ألفًا", "الفا"),
            ("مـــساء", "مساء"),
            ("٣١ اغسطس ٢٠١٨", "31 اغسطس 2018"),
            ("۱۲۳", "123"),
            ("70٫000", "70٫000"),
            ("1٬800", "1٬800"),
            ("نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
            ("50٪", "50%"),
            ("WhatsApp  Down", "whatsapp down"),
            ("a\u{200F}b", "ab"),
            ("ﻻ", "لا"),
            ("a\r\nb", "a\nb"),
            ("10\u{202F}000", "10\u{2009}000"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "input {input:?}");
        }
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in ('\0'..='\u{3000}').chain(['\u{10FFFF}']) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn idempotent_on_examples() {
        for s in ["إنستغرام   ٣١\u{200F} ﻻ ألفًا\r\n", "  a  ", "ًa"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Normalising twice changes nothing, and every normalised span maps
        /// back to a span of the original on character boundaries whose
        /// normalised text holds it.
        #[test]
        fn idempotent_and_maps_back(s in "[\\PC\u{064B}-\u{065F}\u{0640}\u{200E}\u{FEF7}\u{0660}-\u{0669} \t\r\n]{0,40}") {
            let n = NormText::new(&s);
            proptest::prop_assert_eq!(normalize(&n.text), n.text.clone());
            let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
            for (k, &a) in bounds.iter().enumerate() {
                for &b in &bounds[k + 1..] {
                    let o = n.to_original(Span::new(a, b));
                    proptest::prop_assert!(s.is_char_boundary(o.start) && s.is_char_boundary(o.end) && o.start <= o.end);
                    let back = normalize(&s[o.start..o.end]);
                    let want = &n.text[a..b];
                    // Collapsed spaces at the edges may differ, and a ligature
                    // («ﱤ» → «ءر») maps back whole: the slice holds the text.
                    proptest::prop_assert!(back.contains(want.trim()), "{:?} {}..{}: {:?}", s, a, b, back);
                }
            }
        }
    }

    /// The map as a table per byte, built the simple way, to check the
    /// pieces against.
    fn reference(original: &str) -> (String, Vec<(u32, u32)>) {
        let mut text = String::new();
        let mut map: Vec<(u32, u32)> = Vec::new();
        let push = |text: &mut String, map: &mut Vec<(u32, u32)>, c: char, start, end| {
            let out = match fold(c) {
                Fold::Keep => c,
                Fold::To(t) => t,
                Fold::Drop => {
                    if c != '\r'
                        && let Some(last) = text.chars().next_back()
                        && last != ' '
                        && last != '\n'
                    {
                        let n = map.len();
                        for m in &mut map[n - last.len_utf8()..] {
                            m.1 = end;
                        }
                    }
                    return;
                }
                Fold::Space if text.ends_with(' ') => return,
                Fold::Space => ' ',
            };
            if out == '\u{2009}' && text.ends_with('\u{2009}') {
                return;
            }
            text.push(out);
            map.resize(text.len(), (start, end));
        };
        for (i, c) in original.char_indices() {
            let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
            if is_presentation_form(c) {
                for e in std::iter::once(c).nfkc() {
                    push(&mut text, &mut map, e, start, end);
                }
            } else {
                push(&mut text, &mut map, c, start, end);
            }
        }
        (text, map)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The pieces give every byte the same original character as a
        /// table per byte would.
        #[test]
        fn pieces_agree_with_a_table(s in "[\\PCابأإةى٣ \t\r\n\u{064B}-\u{065F}\u{0640}\u{200B}\u{200E}\u{FEF7}\u{FEFB}\u{2009}\u{00A0}]{0,40}") {
            let n = NormText::new(&s);
            let (text, map) = reference(&s);
            proptest::prop_assert_eq!(&n.text, &text);
            for (i, &(a, b)) in map.iter().enumerate() {
                proptest::prop_assert_eq!(n.map(i), (a as usize, b as usize), "byte {} of {:?}", i, s);
            }
            let end = map.last().map_or(0, |m| m.1 as usize);
            proptest::prop_assert_eq!(n.original_offset(text.len()), end);
        }
    }

    #[test]
    fn spans_map_back_with_diacritics() {
        let original = "عشرة آلافٍ مستخدمٍ";
        let n = NormText::new(original);
        let start = n.text.find("الاف").unwrap();
        let span = n.to_original(Span::new(start, start + "الاف".len()));
        assert_eq!(&original[span.start..span.end], "آلافٍ");
    }

    #[test]
    fn spans_map_back_over_collapsed_space_and_digits() {
        let original = "قبل  ٣ ساعات";
        let n = NormText::new(original);
        assert_eq!(n.text, "قبل 3 ساعات");
        let start = n.text.find('3').unwrap();
        let span = n.to_original(Span::new(start, n.text.len()));
        assert_eq!(&original[span.start..span.end], "٣ ساعات");
    }
}
