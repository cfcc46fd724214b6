//! Property tests of number reading (issue 3): generated Arabic number
//! words and digit/scale mixes read back to their value.
//!
//! The generator is independent of rasd: its own word tables and grammar,
//! written from the standard rules of Arabic numerals (not from
//! `lexicons/numbers.tsv`), and its own seeded PRNG, so that every run
//! checks the same numbers and a failure can be replayed. It writes each
//! integer from 1 to 999,999,999 in one of several styles:
//!
//! - words, masculine or feminine counted noun, nominative or
//!   genitive/accusative case, مئة or مائة, hundreds joined or spaced
//!   (ثلاثمائة / ثلاث مئة), و glued or followed by a space, scale nouns
//!   in the form the grammar asks for (ألف, ألفان/ألفين, آلاف, ألفًا);
//! - digit groups with scale words (123 مليونا و456 ألفا و789), digits and
//!   words mixed group by group, decimals with a scale (2.5 مليون);
//! - plain digits with thousands separators in ASCII, Eastern Arabic or
//!   Persian digits.
//!
//! rasd's number annotator must read back exactly one number with the same
//! value and no other.

use rasd::Lexicons;
use rasd::annotate::number::NumberAnnotator;
use rasd::gazetteer::Clitics;
use rasd::normalize::normalize;

/// SplitMix64: small, seeded, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Gender {
    /// Counting a masculine noun (مستخدم): 3–10 take the ة form.
    Masculine,
    Feminine,
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Nominative,
    /// Genitive and accusative share their number forms.
    Oblique,
}

/// One writing style, drawn per number.
#[derive(Clone, Copy)]
struct Style {
    gender: Gender,
    case: Case,
    /// مائة instead of مئة.
    maia: bool,
    /// ثلاث مئة instead of ثلاثمئة.
    spaced_hundreds: bool,
    /// «و عشرون» instead of «وعشرون».
    spaced_wa: bool,
    /// ألفًا with tanween on a singular accusative scale noun.
    tanween: bool,
    /// ثماني instead of ثمان in compounds.
    thamani: bool,
}

impl Style {
    fn draw(rng: &mut Rng) -> Style {
        Style {
            gender: if rng.coin() {
                Gender::Masculine
            } else {
                Gender::Feminine
            },
            case: if rng.coin() {
                Case::Nominative
            } else {
                Case::Oblique
            },
            maia: rng.coin(),
            spaced_hundreds: rng.below(4) == 0,
            spaced_wa: rng.below(3) == 0,
            tanween: rng.coin(),
            thamani: rng.coin(),
        }
    }

    fn wa(&self) -> &'static str {
        if self.spaced_wa { " و " } else { " و" }
    }

    fn hundred_word(&self) -> &'static str {
        if self.maia { "مائة" } else { "مئة" }
    }
}

/// 3–9 as the stem used before مئة and in feminine counts: ثلاث, أربع ...
fn unit_stem(n: u64, style: &Style) -> &'static str {
    match n {
        3 => "ثلاث",
        4 => "أربع",
        5 => "خمس",
        6 => "ست",
        7 => "سبع",
        8 if style.thamani => "ثماني",
        8 => "ثمان",
        9 => "تسع",
        10 => "عشر",
        _ => unreachable!("unit stem of {n}"),
    }
}

/// 3–10 with ta marbuta: ثلاثة, أربعة ...
fn unit_ta(n: u64) -> &'static str {
    match n {
        3 => "ثلاثة",
        4 => "أربعة",
        5 => "خمسة",
        6 => "ستة",
        7 => "سبعة",
        8 => "ثمانية",
        9 => "تسعة",
        10 => "عشرة",
        _ => unreachable!("unit with ta of {n}"),
    }
}

/// A unit 1–10 counting a noun of `gender` (numbers 3–10 take the
/// opposite gender of the noun).
fn unit(n: u64, gender: Gender, case: Case, style: &Style) -> String {
    let masc = gender == Gender::Masculine;
    match n {
        1 => if masc { "واحد" } else { "واحدة" }.to_string(),
        2 => match (masc, case) {
            (true, Case::Nominative) => "اثنان",
            (true, Case::Oblique) => "اثنين",
            (false, Case::Nominative) => "اثنتان",
            (false, Case::Oblique) => "اثنتين",
        }
        .to_string(),
        3..=10 if masc => unit_ta(n).to_string(),
        3..=10 => unit_stem(n, style).to_string(),
        _ => unreachable!(),
    }
}

/// 11–19.
fn teen(n: u64, gender: Gender, case: Case, style: &Style) -> String {
    let masc = gender == Gender::Masculine;
    match n {
        11 => if masc {
            "أحد عشر"
        } else {
            "إحدى عشرة"
        }
        .to_string(),
        12 => match (masc, case) {
            (true, Case::Nominative) => "اثنا عشر",
            (true, Case::Oblique) => "اثني عشر",
            (false, Case::Nominative) => "اثنتا عشرة",
            (false, Case::Oblique) => "اثنتي عشرة",
        }
        .to_string(),
        13..=19 if masc => format!("{} عشر", unit_ta(n - 10)),
        13..=19 => format!("{} عشرة", unit_stem(n - 10, style)),
        _ => unreachable!(),
    }
}

/// 20, 30 ... 90.
fn ten(n: u64, case: Case) -> &'static str {
    const NOM: [&str; 8] = [
        "عشرون",
        "ثلاثون",
        "أربعون",
        "خمسون",
        "ستون",
        "سبعون",
        "ثمانون",
        "تسعون",
    ];
    const OBL: [&str; 8] = [
        "عشرين",
        "ثلاثين",
        "أربعين",
        "خمسين",
        "ستين",
        "سبعين",
        "ثمانين",
        "تسعين",
    ];
    let i = (n / 10 - 2) as usize;
    match case {
        Case::Nominative => NOM[i],
        Case::Oblique => OBL[i],
    }
}

/// 1–99.
fn below_hundred(n: u64, gender: Gender, case: Case, style: &Style) -> String {
    match n {
        1..=10 => unit(n, gender, case, style),
        11..=19 => teen(n, gender, case, style),
        _ if n.is_multiple_of(10) => ten(n, case).to_string(),
        _ => {
            let u = match (n % 10, gender) {
                // إحدى وعشرون: the feminine one in a compound
                (1, Gender::Feminine) => "إحدى".to_string(),
                (u, g) => unit(u, g, case, style),
            };
            format!("{u}{}{}", style.wa(), ten(n - n % 10, case))
        }
    }
}

/// 100–900; `construct` when a noun follows directly (مئتا ألف).
fn hundreds(h: u64, case: Case, construct: bool, style: &Style) -> String {
    let word = style.hundred_word();
    match h {
        1 => word.to_string(),
        2 => {
            let stem = if style.maia { "مائت" } else { "مئت" };
            let ending = match (case, construct) {
                (Case::Nominative, false) => "ان",
                (Case::Oblique, false) => "ين",
                (Case::Nominative, true) => "ا",
                (Case::Oblique, true) => "ي",
            };
            format!("{stem}{ending}")
        }
        _ => {
            let sep = if style.spaced_hundreds { " " } else { "" };
            format!("{}{sep}{word}", unit_stem(h, style))
        }
    }
}

/// A group 1–999 standing alone (the last group of a number).
fn group(n: u64, gender: Gender, case: Case, style: &Style) -> String {
    let (h, r) = (n / 100, n % 100);
    match (h, r) {
        (0, r) => below_hundred(r, gender, case, style),
        (h, 0) => hundreds(h, case, false, style),
        (h, r) => format!(
            "{}{}{}",
            hundreds(h, case, false, style),
            style.wa(),
            below_hundred(r, gender, case, style)
        ),
    }
}

/// A scale noun in its forms: ألف / ألفًا / ألفان / ألفين / آلاف.
struct Scale {
    singular: &'static str,
    accusative: &'static str,
    dual_nom: &'static str,
    dual_obl: &'static str,
    plural: &'static str,
}

const THOUSAND: Scale = Scale {
    singular: "ألف",
    accusative: "ألفًا",
    dual_nom: "ألفان",
    dual_obl: "ألفين",
    plural: "آلاف",
};

const MILLION: Scale = Scale {
    singular: "مليون",
    accusative: "مليونًا",
    dual_nom: "مليونان",
    dual_obl: "مليونين",
    plural: "ملايين",
};

impl Scale {
    fn dual(&self, case: Case) -> &'static str {
        match case {
            Case::Nominative => self.dual_nom,
            Case::Oblique => self.dual_obl,
        }
    }

    /// The singular noun after 11–99: accusative (tamyiz), often written
    /// without the tanween alef.
    fn tamyiz(&self, style: &Style) -> &'static str {
        if style.tanween {
            self.accusative
        } else {
            self.singular
        }
    }
}

/// `g` (1–999) of a scale, in words. The scale noun follows the last
/// element of the count: مئة ألف, مئة وألف, مئة وثلاثة آلاف, مئة
/// وخمسون ألفًا. The scale nouns are masculine, so 3–10 take ة.
fn scaled_group(g: u64, scale: &Scale, case: Case, style: &Style) -> String {
    let m = Gender::Masculine;
    let (h, r) = (g / 100, g % 100);
    let tail = |r: u64| -> String {
        match r {
            1 => scale.singular.to_string(),
            2 => scale.dual(case).to_string(),
            3..=10 => format!("{} {}", unit_ta(r), scale.plural),
            _ => format!(
                "{} {}",
                below_hundred(r, m, case, style),
                scale.tamyiz(style)
            ),
        }
    };
    match (h, r) {
        (0, r) => tail(r),
        (h, 0) => format!("{} {}", hundreds(h, case, true, style), scale.singular),
        (h, r) => format!(
            "{}{}{}",
            hundreds(h, case, false, style),
            style.wa(),
            tail(r)
        ),
    }
}

/// `n` fully in words.
fn words(n: u64, style: &Style) -> String {
    let (m, t, u) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    let mut parts = Vec::new();
    if m > 0 {
        parts.push(scaled_group(m, &MILLION, style.case, style));
    }
    if t > 0 {
        parts.push(scaled_group(t, &THOUSAND, style.case, style));
    }
    if u > 0 {
        parts.push(group(u, style.gender, style.case, style));
    }
    parts.join(style.wa())
}

/// A scale noun after digits, as the press writes it: 3 آلاف, 15 ألفا,
/// 200 ألف, and often the singular throughout (3 مليون).
fn digit_scale(g: u64, scale: &Scale, rng: &mut Rng) -> &'static str {
    if rng.below(4) == 0 {
        return scale.singular;
    }
    match g % 100 {
        3..=10 => scale.plural,
        11..=99 if rng.coin() => scale.accusative,
        _ => scale.singular,
    }
}

/// `n` with each group in digits or words, with scale nouns.
fn mixed(n: u64, style: &Style, rng: &mut Rng) -> String {
    let (m, t, u) = (n / 1_000_000, n / 1000 % 1000, n % 1000);
    let mut parts = Vec::new();
    for (g, scale) in [(m, &MILLION), (t, &THOUSAND)] {
        if g == 0 {
            continue;
        }
        if rng.below(4) == 0 {
            parts.push(scaled_group(g, scale, style.case, style));
        } else {
            parts.push(format!("{g} {}", digit_scale(g, scale, rng)));
        }
    }
    if u > 0 {
        if rng.coin() {
            parts.push(u.to_string());
        } else {
            parts.push(group(u, style.gender, style.case, style));
        }
    }
    parts.join(style.wa())
}

/// A decimal with a scale word (2.5 مليون, 1,25 مليون), for values it
/// writes exactly; `None` otherwise.
fn decimal(n: u64, rng: &mut Rng) -> Option<String> {
    if n < 1_000_000 || !n.is_multiple_of(10_000) || n.is_multiple_of(1_000_000) {
        return None;
    }
    let whole = n / 1_000_000;
    let frac = format!("{:02}", n % 1_000_000 / 10_000);
    let frac = frac.trim_end_matches('0');
    let mark = rng.pick(&[".", ",", "٫"]);
    let scale = if (3..=10).contains(&whole) && rng.coin() {
        "ملايين"
    } else {
        "مليون"
    };
    Some(format!("{whole}{mark}{frac} {scale}"))
}

/// Plain digits with a thousands separator, in one of three scripts.
fn digits(n: u64, rng: &mut Rng) -> String {
    let raw = n.to_string();
    let sep = if n >= 1000 {
        rng.pick(&["", ",", "٬", "\u{2009}"])
    } else {
        ""
    };
    let mut grouped = String::new();
    for (i, c) in raw.chars().enumerate() {
        if i > 0 && (raw.len() - i).is_multiple_of(3) {
            grouped.push_str(sep);
        }
        grouped.push(c);
    }
    let script = rng.below(3);
    grouped
        .chars()
        .map(|c| match (c.to_digit(10), script) {
            (Some(d), 1) => char::from_u32('٠' as u32 + d).unwrap(),
            (Some(d), 2) => char::from_u32('۰' as u32 + d).unwrap(),
            _ => c,
        })
        .collect()
}

/// A random integer, small ones as likely as large ones.
fn draw(rng: &mut Rng) -> u64 {
    let max = [10, 100, 1000, 10_000, 100_000, 1_000_000, 1_000_000_000][rng.below(7) as usize];
    // Round numbers are what the press writes most.
    let n = 1 + rng.below(max.min(1_000_000_000) - 1);
    match rng.below(4) {
        0 if n >= 1000 => n - n % 1000,
        1 if n >= 1_000_000 => n - n % 100_000,
        _ => n,
    }
    .clamp(1, 999_999_999)
}

/// Short frames the number is read in; none holds a number word.
const FRAMES: &[(&str, &str)] = &[
    ("", ""),
    ("سجل الموقع ", " بلاغ عن العطل."),
    ("تأثر ", " مستخدم بالانقطاع"),
    ("وبلغ عدد الشكاوى ", "، بحسب الشركة."),
    ("(", ")"),
];

#[test]
fn generated_numbers_read_back() {
    let lex = Lexicons::embedded().expect("embedded lexicons load");
    let annotator = NumberAnnotator::new(&lex, &Clitics::new(&lex.clitics));
    let mut rng = Rng(0x5EED_0003);
    let mut failures = Vec::new();
    let total = 12_000;
    for _ in 0..total {
        let n = draw(&mut rng);
        let style = Style::draw(&mut rng);
        let written = match rng.below(8) {
            0..=3 => words(n, &style),
            4 | 5 => mixed(n, &style, &mut rng),
            6 => decimal(n, &mut rng).unwrap_or_else(|| mixed(n, &style, &mut rng)),
            _ => digits(n, &mut rng),
        };
        let (before, after) = FRAMES[rng.below(FRAMES.len() as u64) as usize];
        let text = normalize(&format!("{before}{written}{after}"));
        let got: Vec<Option<f64>> = annotator
            .numbers(&text)
            .into_iter()
            .map(|(_, number)| number.value)
            .collect();
        if got != [Some(n as f64)] {
            failures.push(format!("{n}: «{written}» read as {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} generated numbers misread, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
}

/// The generator writes what it should: a few fixed points checked by hand.
#[test]
fn generator_writes_standard_forms() {
    let style = Style {
        gender: Gender::Masculine,
        case: Case::Nominative,
        maia: false,
        spaced_hundreds: false,
        spaced_wa: false,
        tanween: true,
        thamani: false,
    };
    assert_eq!(words(25_000, &style), "خمسة وعشرون ألفًا");
    assert_eq!(words(3500, &style), "ثلاثة آلاف وخمسمئة");
    assert_eq!(words(200_000, &style), "مئتا ألف");
    assert_eq!(words(2_000_000, &style), "مليونان");
    assert_eq!(words(103_000, &style), "مئة وثلاثة آلاف");
    assert_eq!(words(1_001_000, &style), "مليون وألف");
    let oblique = Style {
        case: Case::Oblique,
        gender: Gender::Feminine,
        spaced_wa: true,
        ..style
    };
    assert_eq!(words(150_002, &oblique), "مئة و خمسين ألفًا و اثنتين");
}
