/*!
A compact character trie for lexicon surfaces.

Built once ([`TrieBuilder`] → [`Trie`]), then only walked: from a position of
a text, [`Trie::walk`] reports every surface that starts there. One step per
character, not per byte, so an Arabic letter costs one lookup.

Walking is bound by memory latency, so a node is one record in one array,
its children's letters and positions inline: a step reads one record, mostly
one cache line. Records are laid out depth-first, so a chain of letters (the
rest of a long surface) is read in order. Nodes with many children in the
Arabic block (the root, the first letters of common words) also get a
direct table indexed by the letter.
*/

use std::collections::BTreeMap;

/// Children among the Arabic letters that earn a node a direct table.
const DENSE_CHILDREN: usize = 8;
/// The direct tables cover U+0620..U+065F: the Arabic letters left by
/// normalisation, in a table small enough to stay in cache.
const DENSE_FIRST: u32 = 0x0620;
const DENSE_LEN: usize = 0x40;

#[inline]
fn in_dense(c: char) -> bool {
    (c as u32).wrapping_sub(DENSE_FIRST) < DENSE_LEN as u32
}

const NONE: u32 = u32::MAX;

/// The character at byte `i` of `text` (a character boundary) and its
/// length: ASCII and two-byte letters (all of Arabic) are decoded with a
/// shift, the rest by std.
#[inline(always)]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        (b as char, 1)
    } else if (0xC0..0xE0).contains(&b) && i + 1 < bytes.len() {
        let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        (char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER), 2)
    } else {
        let c = text[i..].chars().next().expect("a character boundary");
        (c, c.len_utf8())
    }
}

/// A record in `Trie::records`, at offset `r`:
/// - `records[r]`: the number of children (low 16 bits) and of ids ending
///   here (high 16 bits);
/// - `records[r + 1]`: where those ids begin in `ends`;
/// - `records[r + 2]`: the node's direct table in `dense`, or `NONE`;
/// - then the children's letters, sorted, and their record offsets.
const HEADER: usize = 3;

/// A frozen trie.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    records: Vec<u32>,
    /// The root's children for ASCII characters (`NONE` where there is
    /// none): a space or a comma after every word tries the root.
    ascii: Vec<u32>,
    dense: Vec<[u32; DENSE_LEN]>,
    ends: Vec<u32>,
}

/// Collects strings before freezing them into a [`Trie`].
#[derive(Debug, Default)]
pub struct TrieBuilder {
    children: Vec<BTreeMap<char, u32>>,
    ends: Vec<Vec<u32>>,
}

impl TrieBuilder {
    pub fn insert(&mut self, s: &str, id: u32) {
        if self.children.is_empty() {
            self.children.push(BTreeMap::new());
            self.ends.push(Vec::new());
        }
        let mut node = 0usize;
        for c in s.chars() {
            let next = self.children.len() as u32;
            let child = *self.children[node].entry(c).or_insert(next);
            if child == next {
                self.children.push(BTreeMap::new());
                self.ends.push(Vec::new());
            }
            node = child as usize;
        }
        self.ends[node].push(id);
    }

    pub fn build(self) -> Trie {
        if self.children.is_empty() {
            return Trie::default();
        }
        // Records in depth-first order: a walk down a chain of letters
        // reads consecutive records.
        let mut order = Vec::with_capacity(self.children.len());
        let mut stack = vec![0u32];
        while let Some(n) = stack.pop() {
            order.push(n);
            stack.extend(self.children[n as usize].values().rev());
        }
        let mut offset = vec![0u32; self.children.len()];
        let mut at = 0usize;
        for &n in &order {
            offset[n as usize] = at as u32;
            at += HEADER + 2 * self.children[n as usize].len();
        }
        let mut t = Trie {
            records: Vec::with_capacity(at),
            ..Trie::default()
        };
        for &n in &order {
            let (children, ends) = (&self.children[n as usize], &self.ends[n as usize]);
            assert!(
                children.len() < 1 << 16 && ends.len() < 1 << 16,
                "trie node too wide"
            );
            t.records
                .push(children.len() as u32 | (ends.len() as u32) << 16);
            t.records.push(t.ends.len() as u32);
            t.ends.extend(ends);
            let letters = children.keys().filter(|&&c| in_dense(c)).count();
            if letters >= DENSE_CHILDREN {
                let mut table = [NONE; DENSE_LEN];
                for (&c, &kid) in children {
                    if in_dense(c) {
                        table[(c as u32 - DENSE_FIRST) as usize] = offset[kid as usize];
                    }
                }
                t.records.push(t.dense.len() as u32);
                t.dense.push(table);
            } else {
                t.records.push(NONE);
            }
            t.records.extend(children.keys().map(|&c| c as u32));
            t.records
                .extend(children.values().map(|&k| offset[k as usize]));
        }
        t.ascii = (0..128u8)
            .map(|b| {
                self.children[0]
                    .get(&char::from(b))
                    .map_or(NONE, |&k| offset[k as usize])
            })
            .collect();
        t
    }
}

impl Trie {
    /// The record of the root's child for `c`.
    #[inline(always)]
    fn first(&self, c: char) -> Option<usize> {
        if c.is_ascii() {
            let kid = self.ascii[c as usize];
            (kid != NONE).then_some(kid as usize)
        } else {
            self.child(0, c)
        }
    }

    /// The record of the child of the record at `r` for letter `c`.
    #[inline(always)]
    fn child(&self, r: usize, c: char) -> Option<usize> {
        let rec = &self.records[r..];
        let dense = rec[2];
        if dense != NONE && in_dense(c) {
            let kid = self.dense[dense as usize][(c as u32 - DENSE_FIRST) as usize];
            return (kid != NONE).then_some(kid as usize);
        }
        let (c, n) = (c as u32, (rec[0] & 0xFFFF) as usize);
        let keys = &rec[HEADER..HEADER + n];
        let i = if n <= 4 {
            keys.iter().position(|&k| k == c)?
        } else {
            keys.binary_search(&c).ok()?
        };
        Some(rec[HEADER + n + i] as usize)
    }

    /// The ids ending at the record at `r`.
    #[inline]
    fn ends_at(&self, r: usize) -> &[u32] {
        let n = (self.records[r] >> 16) as usize;
        if n == 0 {
            return &[];
        }
        let first = self.records[r + 1] as usize;
        &self.ends[first..first + n]
    }

    /// Calls `found(end, id)` for every string of the trie that `text` holds
    /// at byte `start`, shortest first.
    #[inline]
    pub fn walk(&self, text: &str, start: usize, mut found: impl FnMut(usize, u32)) {
        if self.records.is_empty() {
            return;
        }
        debug_assert!(text.is_char_boundary(start));
        let bytes = text.as_bytes();
        let mut r = usize::MAX;
        let mut i = start;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            let kid = if r == usize::MAX {
                self.first(c)
            } else {
                self.child(r, c)
            };
            let Some(kid) = kid else {
                return;
            };
            r = kid;
            i += len;
            for &id in self.ends_at(r) {
                found(i, id);
            }
        }
    }

    /// The id of `s` when it is one of the trie's strings (the first id).
    pub fn get(&self, s: &str) -> Option<u32> {
        if self.records.is_empty() {
            return None;
        }
        let mut r = 0;
        for c in s.chars() {
            r = self.child(r, c)?;
        }
        self.ends_at(r).first().copied()
    }

    /// True when some string starts with `c`.
    pub fn starts_with(&self, c: char) -> bool {
        !self.records.is_empty() && self.first(c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_every_prefix_match() {
        let mut b = TrieBuilder::default();
        for (i, s) in ["واتس", "واتساب", "وا", "x", "#tag"].iter().enumerate() {
            b.insert(s, i as u32);
        }
        let t = b.build();
        let mut found = Vec::new();
        t.walk("وواتساب اليوم", 2, |end, id| {
            found.push((end, id))
        });
        assert_eq!(found, vec![(6, 2), (10, 0), (14, 1)]);
        assert!(t.starts_with('#') && !t.starts_with('y'));
    }

    #[test]
    fn dense_and_sparse_nodes_agree() {
        // The root gets a table: more than DENSE_CHILDREN Arabic letters.
        let words = [
            "بلاغ",
            "تويتر",
            "ثلاث",
            "جوجل",
            "حجب",
            "خلل",
            "دقيقة",
            "ذروة",
            "زين",
            "ساعة",
        ];
        let mut b = TrieBuilder::default();
        for (i, w) in words.iter().enumerate() {
            b.insert(w, i as u32);
        }
        let t = b.build();
        assert!(t.records[2] != NONE);
        for (i, w) in words.iter().enumerate() {
            let mut found = Vec::new();
            t.walk(w, 0, |end, id| found.push((end, id)));
            assert_eq!(found, vec![(w.len(), i as u32)]);
        }
    }
}
