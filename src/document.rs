/*!
A document ready for annotation: its text, the normalised view, and its
structure (lines, page furniture, sentences, headline).

The *text* is what rasd extracted and what spans point into: the input itself
for plain text, the article text for HTML. Page furniture found by
`boilerplate.tsv` is not removed from plain text (spans must point into the
input); it is *masked*: no sentence covers it, so nothing is read from it.
*/

use crate::boilerplate::Boilerplate;
use crate::gazetteer::{Matcher, Scan};
use crate::normalize::NormText;
use crate::span::Span;

/// Sentence ends: «.», «!», «?» (and the folded «؟»), «…».
const ENDS: &[char] = &['.', '!', '?', '…'];
/// Closing marks that may follow a sentence end («."», «.)»).
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']'];

/// Splits a line into sentences: after an end mark and any closing marks,
/// where white space follows. A dot between digits («3.5») or inside a word
/// («Outlook.com») ends nothing, since no space follows it.
fn sentence_pieces(line: &str) -> Vec<(usize, &str)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // By bytes, not characters: the end marks are ASCII or start with 0xE2
    // (…), which only ever leads a character.
    while i < bytes.len() {
        let len = match bytes[i] {
            b'.' | b'!' | b'?' => 1,
            0xE2 if line[i..].starts_with('…') => '…'.len_utf8(),
            _ => {
                i += 1;
                continue;
            }
        };
        let mut end = i + len;
        for n in line[end..].chars() {
            if ENDS.contains(&n) || CLOSERS.contains(&n) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        if line[end..].chars().next().is_none_or(char::is_whitespace) {
            out.push((start, &line[start..end]));
            start = end;
        }
        i = end;
    }
    if start < line.len() {
        out.push((start, &line[start..]));
    }
    out
}

/// A sentence of the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub span: Span,
    /// Index of the line (paragraph) the sentence is on.
    pub line: usize,
}

/// A line of the normalised text.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub span: Span,
    pub furniture: bool,
}

/// A document under annotation.
#[derive(Debug)]
pub struct Document {
    pub id: String,
    /// The emitted text: spans point into it.
    pub text: String,
    pub norm: NormText,
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
    /// The headline: the first line that is not furniture.
    pub title: Option<usize>,
    /// Raw lexicon matches of the whole text, scanned once for all
    /// gazetteers (see `gazetteer.rs`).
    scan: Option<Scan>,
}

impl Document {
    pub fn new(id: String, text: String, boilerplate: &Boilerplate) -> Document {
        let norm = NormText::new(&text);
        let flags = boilerplate.furniture_lines(&norm.text);
        let mut lines = Vec::with_capacity(flags.len());
        let mut sentences = Vec::new();
        for (i, (span, furniture)) in flags.into_iter().enumerate() {
            lines.push(Line { span, furniture });
            if furniture {
                continue;
            }
            let line = &norm.text[span.start..span.end];
            for (off, s) in sentence_pieces(line) {
                let trimmed_start = s.len() - s.trim_start().len();
                let t = s.trim();
                if t.is_empty() {
                    continue;
                }
                let start = span.start + off + trimmed_start;
                sentences.push(Sentence {
                    span: Span::new(start, start + t.len()),
                    line: i,
                });
            }
        }
        let title = lines
            .iter()
            .position(|l| !l.furniture && !norm.text[l.span.start..l.span.end].trim().is_empty());
        Document {
            id,
            text,
            norm,
            lines,
            sentences,
            title,
            scan: None,
        }
    }

    /// Scans the text once with `matcher` for every gazetteer.
    pub fn scan_with(&mut self, matcher: &Matcher) {
        self.scan = Some(matcher.scan(&self.norm.text));
    }

    /// The shared scan, if the document was scanned.
    pub fn scan(&self) -> Option<&Scan> {
        self.scan.as_ref()
    }

    /// The number of words in `ntext()[from..to]`, counting no further than
    /// `cap + 1` (see [`crate::annotate::word_count`]); from the scan's
    /// index of words when the document was scanned.
    pub fn word_count(&self, from: usize, to: usize, cap: usize) -> usize {
        match &self.scan {
            Some(scan) => scan.word_count(&self.norm.text, from, to, cap),
            None => crate::annotate::word_count(&self.norm.text, from, to, cap),
        }
    }

    /// The normalised text.
    pub fn ntext(&self) -> &str {
        &self.norm.text
    }

    /// The slice of the normalised text.
    pub fn nslice(&self, span: Span) -> &str {
        &self.norm.text[span.start..span.end]
    }

    /// The original text under a normalised span.
    pub fn original(&self, span: Span) -> &str {
        let o = self.norm.to_original(span);
        &self.text[o.start..o.end]
    }

    /// The sentence containing normalised byte `pos`, if it is read at all.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// The line containing normalised byte `pos`.
    pub fn line_at(&self, pos: usize) -> usize {
        self.lines
            .partition_point(|l| l.span.end < pos)
            .min(self.lines.len().saturating_sub(1))
    }

    /// True when `span` lies on page furniture or outside every sentence.
    pub fn is_masked(&self, span: Span) -> bool {
        self.sentence_at(span.start).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(line: &str) -> Vec<&str> {
        sentence_pieces(line)
            .into_iter()
            .map(|(_, s)| s.trim())
            .collect()
    }

    #[test]
    fn splits_sentences_not_numbers_or_names() {
        assert_eq!(
            pieces("تعطل واتساب. وعاد بعد 3.5 ساعة!"),
            ["تعطل واتساب.", "وعاد بعد 3.5 ساعة!"]
        );
        assert_eq!(pieces("قال: «عاد.» ثم غادر"), ["قال: «عاد.»", "ثم غادر"]);
        assert_eq!(
            pieces("موقع Outlook.com معطل? نعم"),
            ["موقع Outlook.com معطل?", "نعم"]
        );
        assert_eq!(pieces("بلا نقطة"), ["بلا نقطة"]);
        assert_eq!(pieces("انتهى..."), ["انتهى..."]);
    }

    /// The character-by-character reading the byte scan replaced.
    fn pieces_by_chars(line: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !ENDS.contains(&c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if ENDS.contains(&n) || CLOSERS.contains(&n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if line[end..].chars().next().is_none_or(char::is_whitespace) {
                out.push((start, &line[start..end]));
                start = end;
            }
        }
        if start < line.len() {
            out.push((start, &line[start..]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_splits_as_characters_do(line in "[.!?…»”) aب3\u{2028}]{0,30}") {
            proptest::prop_assert_eq!(sentence_pieces(&line), pieces_by_chars(&line));
        }
    }
}
