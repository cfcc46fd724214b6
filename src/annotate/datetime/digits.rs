/*!
Regex matches that begin with a digit, without running the regex over the
text between numbers.

A pattern like `\d{1,2}:\d{2}` has no literal to look for, so the regex
engine walks every byte of the text; numbers are a small part of an article.
[`DigitRegex`] holds the pattern anchored (`^(?:…)`) and tries it only at
digits that pass a cheap test of what follows them, giving the same
leftmost-first, non-overlapping matches as `captures_iter` of the unanchored
pattern (when every match starts with its first digit).
*/

use regex::{Captures, Regex};

/// Where a match may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// At any digit.
    AnyDigit,
    /// Only at the first digit of a run (the unanchored pattern begins
    /// with `(?:^|\D)`).
    RunStart,
}

pub(super) struct DigitRegex {
    anchored: Regex,
    start: Start,
    /// Lengths of the ASCII digit run a match may begin with.
    run_lengths: &'static [usize],
    /// The separators that may follow the run; a digit must come next.
    separators: &'static [&'static [u8]],
}

/// One match: its offset in the text and its groups, relative to it.
pub(super) struct DigitMatch<'t> {
    pub offset: usize,
    pub caps: Captures<'t>,
}

impl DigitMatch<'_> {
    /// Group `i` as a span of the whole text.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.caps
            .get(i)
            .map(|m| (self.offset + m.start(), self.offset + m.end()))
    }
}

/// The decimal digits (`\d`, any script) of a normalised text: byte
/// offset, and whether a digit precedes it. Found once per text for every
/// pattern.
pub(super) struct Digits(Vec<(usize, bool)>);

/// True for bytes that may begin a digit in normalised text: ASCII digits,
/// and the lead bytes of U+07C0 and above (normalisation turns the Arabic
/// block's digits into ASCII, and no script below U+07C0 has others).
#[inline]
fn may_begin_digit(b: u8) -> bool {
    b.wrapping_sub(b'0') < 10 || b >= 0xDF
}

impl Digits {
    pub fn new(text: &str) -> Digits {
        static ND: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new(r"^\d").expect("constant regex"));
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut prev_end = usize::MAX;
        let mut i = 0;
        loop {
            i = crate::annotate::next_byte(bytes, i, may_begin_digit);
            let Some(&b) = bytes.get(i) else { break };
            let len = if b.is_ascii_digit() {
                1
            } else if b >= 0xDF {
                let c = text[i..].chars().next().expect("a lead byte");
                if c.is_numeric() && ND.is_match(&text[i..]) {
                    c.len_utf8()
                } else {
                    0
                }
            } else {
                0
            };
            if len > 0 {
                out.push((i, prev_end == i));
                prev_end = i + len;
            }
            i += 1;
        }
        Digits(out)
    }
}

impl DigitRegex {
    /// `pattern` must match only text that starts with a digit.
    pub fn new(
        pattern: &str,
        start: Start,
        run_lengths: &'static [usize],
        separators: &'static [&'static [u8]],
    ) -> DigitRegex {
        DigitRegex {
            anchored: Regex::new(&format!("^(?:{pattern})")).expect("constant regex"),
            start,
            run_lengths,
            separators,
        }
    }

    /// True when a match may begin at ASCII digit `pos`: a necessary
    /// condition, cheaper than the regex.
    fn may_start(&self, bytes: &[u8], pos: usize) -> bool {
        let run = bytes[pos..]
            .iter()
            .take(6)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let rest = &bytes[pos + run..];
        // A non-ASCII character may be another script's digit.
        if rest.first().is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        self.run_lengths.contains(&run)
            && self.separators.iter().any(|sep| {
                rest.starts_with(sep)
                    && rest
                        .get(sep.len())
                        .is_some_and(|b| b.is_ascii_digit() || !b.is_ascii())
            })
    }

    /// Every match, in text order.
    pub fn matches<'t>(&self, text: &'t str, digits: &Digits) -> Vec<DigitMatch<'t>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut next = 0;
        for &(pos, after_digit) in &digits.0 {
            if pos < next
                || (self.start == Start::RunStart && after_digit)
                || (bytes[pos].is_ascii() && !self.may_start(bytes, pos))
            {
                continue;
            }
            if let Some(caps) = self.anchored.captures(&text[pos..]) {
                let end = pos + caps.get(0).map_or(0, |m| m.end());
                if end > pos {
                    next = end;
                    out.push(DigitMatch { offset: pos, caps });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matches of the unanchored pattern, as group-1 spans or whole
    /// spans, for comparison.
    fn reference(re: &Regex, text: &str, group: usize) -> Vec<(usize, usize)> {
        re.captures_iter(text)
            .filter_map(|c| c.get(group).map(|m| (m.start(), m.end())))
            .collect()
    }

    #[test]
    fn same_matches_as_the_unanchored_patterns() {
        let clock = DigitRegex::new(
            r"((\d{1,2})( ?: ?|[.,])(\d{2})(:\d{2})?)",
            Start::RunStart,
            &[1, 2],
            &[b":", b" :", b": ", b" : ", b".", b","],
        );
        let clock_ref = Regex::new(r"(?:^|\D)((\d{1,2})( ?: ?|[.,])(\d{2})(:\d{2})?)").unwrap();
        let date = DigitRegex::new(
            r"(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})",
            Start::AnyDigit,
            &[1, 2, 4],
            &[b"-", b"/", b"."],
        );
        let date_ref = Regex::new(
            r"(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4})",
        )
        .unwrap();
        let texts = [
            "12:30",
            "الساعة 12:30 و 1:45:10",
            "12:3045 و123:45 و 2025,11:32",
            "في 2025/8/26 و17-09-2023 و12025/1/5",
            "6.30 مساء، (19,00 ت غ) 1.2.2024.3",
            "१२:३० و 12 : 30 و7 :05 و١٢",
            "1:2:3:4:5 1/2/3/4/2025/6",
            "",
            "0",
            "x9",
        ];
        for t in texts {
            let digits = Digits::new(t);
            let got: Vec<_> = clock
                .matches(t, &digits)
                .iter()
                .filter_map(|m| m.span(1))
                .collect();
            assert_eq!(got, reference(&clock_ref, t, 1), "clock in {t:?}");
            let got: Vec<_> = date
                .matches(t, &digits)
                .iter()
                .filter_map(|m| m.span(0))
                .collect();
            assert_eq!(got, reference(&date_ref, t, 0), "date in {t:?}");
        }
    }
}
