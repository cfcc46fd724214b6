/*!
Spans: half-open byte ranges, and their conversion to the code-point offsets
the record uses.

Inside rasd every span is a byte range, into the normalised text while
annotators work and into the original text once mapped back. Only the output
speaks code points (`record.md`: Python's `doc_text[start:end]`), through
[`CharOffsets`].
*/

use serde::Serialize;

/// A half-open byte range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Converts byte offsets of one text into code-point offsets, in time
/// proportional to the distance from a checkpoint rather than to the text.
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Code points before byte `i * STEP` (rounded down to a char boundary).
    checkpoints: Vec<(usize, usize)>,
}

const STEP: usize = 512;

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        let mut checkpoints = Vec::with_capacity(text.len() / STEP + 1);
        let (mut byte, mut chars) = (0, 0);
        while byte < text.len() {
            checkpoints.push((byte, chars));
            let mut next = (byte + STEP).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            // std counts code points of a slice word by word.
            chars += text[byte..next].chars().count();
            byte = next;
        }
        if checkpoints.is_empty() {
            checkpoints.push((0, 0));
        }
        CharOffsets { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte` (a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let i = match self.checkpoints.binary_search_by(|&(b, _)| b.cmp(&byte)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (b, c) = self.checkpoints[i];
        c + self.text[b..byte].chars().count()
    }

    /// `[start, end]` in code points.
    pub fn span(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_counting() {
        let text = "تويتر x ".repeat(300);
        let offsets = CharOffsets::new(&text);
        for (byte, _) in text.char_indices().step_by(7) {
            assert_eq!(offsets.char_offset(byte), text[..byte].chars().count());
        }
        assert_eq!(offsets.char_offset(text.len()), text.chars().count());
    }
}
