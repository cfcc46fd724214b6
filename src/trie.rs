/*!
A compact character trie for lexicon surfaces.

Built once ([`TrieBuilder`] → [`Trie`]), then only walked: from a position of
a text, [`Trie::walk`] reports every surface that starts there. One step per
character, not per byte, so an Arabic letter costs one lookup.

Walking is bound by memory latency, so the trie is a double array: each
letter of the trie's alphabet has a small code, and the child of the node
in slot `s` for code `k` is slot `base[s] + k` when that slot's `check` says
its parent is `s`. A step is one table lookup for the code and one read of
the child's slot, whatever the node's width; no search among children.
*/

use std::collections::BTreeMap;

/// `check` of a free slot (never a parent: parents fit in 31 bits).
const FREE: u32 = u32::MAX;
/// Set in `check` when ids end at the slot.
const ENDS: u32 = 1 << 31;

/// One slot of the double array.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Where the node's children are: the child for code `k` is at
    /// `base + k`.
    base: u32,
    /// The parent slot, with [`ENDS`] set when ids end here; [`FREE`] when
    /// the slot holds no node.
    check: u32,
}

/// A frozen trie.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    /// Slot 0 is the root.
    nodes: Vec<Node>,
    /// The code of each ASCII character (0: none of the trie's letters).
    ascii: Vec<u16>,
    /// The code of each character of U+0600..U+06FF, by its low 8 bits.
    arabic: Vec<u16>,
    /// The codes of the other characters, sorted by character.
    other: Vec<(char, u16)>,
    /// Per slot with [`ENDS`]: where its ids begin in `ends`, which holds
    /// their number and then the ids.
    ends_from: Vec<u32>,
    ends: Vec<u32>,
}

/// Collects strings before freezing them into a [`Trie`].
#[derive(Debug, Default)]
pub struct TrieBuilder {
    /// Every string, one after another.
    text: String,
    /// Per string: where it lies in `text`, and its id.
    items: Vec<(u32, u32, u32)>,
}

impl TrieBuilder {
    pub fn insert(&mut self, s: &str, id: u32) {
        let at = self.text.len() as u32;
        self.text.push_str(s);
        self.items.push((at, s.len() as u32, id));
    }

    pub fn build(mut self) -> Trie {
        if self.items.is_empty() {
            return Trie::default();
        }
        let text = std::mem::take(&mut self.text);
        let string = |&(at, len, _): &(u32, u32, u32)| &text[at as usize..(at + len) as usize];
        // Sorted (stably: ids of one string stay in insertion order), the
        // strings under any node are a run, and a string's new nodes are
        // the letters after what it shares with the one before it.
        self.items.sort_by(|x, y| string(x).cmp(string(y)));
        let items = &self.items;
        let mut t = Trie {
            ascii: vec![0; 128],
            arabic: vec![0; 256],
            ..Trie::default()
        };
        // Codes by frequency among the trie's edges, so common letters are
        // small codes and the array stays dense.
        let mut count: BTreeMap<char, usize> = BTreeMap::new();
        let mut prev = "";
        for item in items {
            let s = string(item);
            let shared = s
                .char_indices()
                .zip(prev.chars())
                .find(|&((_, c), p)| c != p)
                .map_or(s.len().min(prev.len()), |((i, _), _)| i);
            for c in s[shared..].chars() {
                *count.entry(c).or_default() += 1;
            }
            prev = s;
        }
        let mut letters: Vec<(char, usize)> = count.into_iter().collect();
        letters.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
        assert!(letters.len() < u16::MAX as usize, "trie alphabet too large");
        for (i, &(c, _)) in letters.iter().enumerate() {
            let code = i as u16 + 1;
            match c as u32 {
                a @ 0..0x80 => t.ascii[a as usize] = code,
                a @ 0x600..0x700 => t.arabic[(a & 0xFF) as usize] = code,
                _ => t.other.push((c, code)),
            }
        }
        t.other.sort_unstable();
        let max_code = letters.len();

        // Place nodes depth first, each node's children at the first base
        // whose slots are all free, so a chain of letters (the rest of a
        // long surface) lies close together. A node is a run of `items`
        // sharing their first `depth` bytes.
        let mut nodes = vec![Node {
            base: 0,
            check: FREE,
        }];
        let mut used = vec![true];
        let mut first_free = 1usize;
        let mut stack = vec![(0usize, 0usize, items.len(), 0usize)];
        let mut kids: Vec<(u32, usize, usize, usize)> = Vec::new();
        while let Some((s, mut lo, hi, depth)) = stack.pop() {
            // Strings ending here sort first in the run.
            let ends = items[lo..hi]
                .iter()
                .take_while(|item| string(item).len() == depth)
                .count();
            if ends > 0 {
                nodes[s].check = if s == 0 { ENDS } else { nodes[s].check | ENDS };
                if t.ends_from.len() <= s {
                    t.ends_from.resize(s + 1, 0);
                }
                t.ends_from[s] = t.ends.len() as u32;
                t.ends.push(ends as u32);
                t.ends
                    .extend(items[lo..lo + ends].iter().map(|&(_, _, id)| id));
                lo += ends;
            }
            kids.clear();
            while lo < hi {
                let c = string(&items[lo])[depth..]
                    .chars()
                    .next()
                    .expect("longer than the node");
                let end =
                    lo + items[lo..hi].partition_point(|item| string(item)[depth..].starts_with(c));
                kids.push((t.code(c), lo, end, depth + c.len_utf8()));
                lo = end;
            }
            if kids.is_empty() {
                continue;
            }
            let least = kids.iter().map(|k| k.0).min().expect("a child") as usize;
            while used.get(first_free).copied().unwrap_or(false) {
                first_free += 1;
            }
            let mut p = first_free.max(least);
            let base = loop {
                let base = p - least;
                if kids
                    .iter()
                    .all(|k| !used.get(base + k.0 as usize).copied().unwrap_or(false))
                {
                    break base;
                }
                p += 1;
                while used.get(p).copied().unwrap_or(false) {
                    p += 1;
                }
            };
            let top = base + max_code + 1;
            if nodes.len() < top {
                nodes.resize(
                    top,
                    Node {
                        base: 0,
                        check: FREE,
                    },
                );
                used.resize(top, false);
            }
            assert!(top < ENDS as usize, "trie too large");
            nodes[s].base = base as u32;
            for &(k, ..) in &kids {
                let at = base + k as usize;
                used[at] = true;
                nodes[at].check = s as u32;
            }
            stack.extend(
                kids.iter()
                    .rev()
                    .map(|&(k, lo, hi, depth)| (base + k as usize, lo, hi, depth)),
            );
        }
        t.ends_from.resize(nodes.len(), 0);
        t.nodes = nodes;
        t
    }
}

impl Trie {
    /// The code of the character at byte `i` of `text` (a character
    /// boundary; 0 when no surface has it) and its length: ASCII and the
    /// Arabic block (all the letters normalisation leaves) by a table.
    #[inline(always)]
    fn code_at(&self, text: &str, i: usize) -> (u32, usize) {
        let bytes = text.as_bytes();
        let b = bytes[i];
        if b < 0x80 {
            (u32::from(self.ascii[b as usize]), 1)
        } else if b & 0xFC == 0xD8 && i + 1 < bytes.len() {
            // U+0600..U+06FF: lead byte 0xD8..0xDB, the low 8 bits spread
            // over both bytes.
            let low = (usize::from(b & 0x03) << 6) | usize::from(bytes[i + 1] & 0x3F);
            (u32::from(self.arabic[low]), 2)
        } else {
            let c = text[i..].chars().next().expect("a character boundary");
            (self.code(c), c.len_utf8())
        }
    }

    fn code(&self, c: char) -> u32 {
        match c as u32 {
            a @ 0..0x80 => u32::from(self.ascii[a as usize]),
            a @ 0x600..0x700 => u32::from(self.arabic[(a & 0xFF) as usize]),
            _ => self
                .other
                .binary_search_by_key(&c, |&(o, _)| o)
                .map_or(0, |i| u32::from(self.other[i].1)),
        }
    }

    /// The slot of the child of slot `s` for `code` (0: none).
    #[inline(always)]
    fn child(&self, s: usize, code: u32) -> Option<usize> {
        if code == 0 {
            return None;
        }
        let t = self.nodes[s].base as usize + code as usize;
        let node = self.nodes.get(t)?;
        (node.check & !ENDS == s as u32).then_some(t)
    }

    /// The ids ending at slot `s`.
    #[inline]
    fn ends_at(&self, s: usize) -> &[u32] {
        if self.nodes[s].check & ENDS == 0 || self.nodes[s].check == FREE {
            return &[];
        }
        let from = self.ends_from[s] as usize;
        let n = self.ends[from] as usize;
        &self.ends[from + 1..from + 1 + n]
    }

    /// Calls `found(end, id)` for every string of the trie that `text` holds
    /// at byte `start`, shortest first.
    #[inline]
    pub fn walk(&self, text: &str, start: usize, mut found: impl FnMut(usize, u32)) {
        if self.nodes.is_empty() {
            return;
        }
        debug_assert!(text.is_char_boundary(start));
        let mut s = 0;
        let mut i = start;
        while i < text.len() {
            let (code, len) = self.code_at(text, i);
            let Some(t) = self.child(s, code) else {
                return;
            };
            s = t;
            i += len;
            if self.nodes[s].check & ENDS != 0 {
                for &id in self.ends_at(s) {
                    found(i, id);
                }
            }
        }
    }

    /// The id of `s` when it is one of the trie's strings (the first id).
    pub fn get(&self, s: &str) -> Option<u32> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut slot = 0;
        for c in s.chars() {
            slot = self.child(slot, self.code(c))?;
        }
        self.ends_at(slot).first().copied()
    }

    /// True when some string starts with `c`.
    pub fn starts_with(&self, c: char) -> bool {
        !self.nodes.is_empty() && self.child(0, self.code(c)).is_some()
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
    fn wide_nodes_find_every_child() {
        // The root and «ال» have many children: their slots interleave with
        // other nodes' in the double array.
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
            "البلاغ",
            "التويتر",
            "الثلاث",
            "الخلل",
            "الساعة",
            "٣",
            "é",
            "x",
            "#",
        ];
        let mut b = TrieBuilder::default();
        for (i, w) in words.iter().enumerate() {
            b.insert(w, i as u32);
        }
        let t = b.build();
        for (i, w) in words.iter().enumerate() {
            let mut found = Vec::new();
            t.walk(w, 0, |end, id| found.push((end, id)));
            assert_eq!(found.last(), Some(&(w.len(), i as u32)), "{w}");
            assert_eq!(t.get(w), Some(i as u32));
        }
        assert_eq!(t.get("ال"), None);
        assert!(!t.starts_with('ي') && !t.starts_with('ü'));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// A walk reports exactly the strings the text starts with, shortest
        /// first, ids of one string in insertion order.
        #[test]
        fn walks_agree_with_prefix_tests(
            strings in proptest::collection::vec("[اب ت#a٣é]{0,5}", 0..30),
            text in "[اب ت#a٣éz]{0,20}",
        ) {
            let mut b = TrieBuilder::default();
            for (i, s) in strings.iter().enumerate() {
                b.insert(s, i as u32);
            }
            let t = b.build();
            for (start, _) in text.char_indices() {
                let mut found = Vec::new();
                t.walk(&text, start, |end, id| found.push((end, id)));
                let mut want: Vec<(usize, u32)> = strings
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !s.is_empty() && text[start..].starts_with(s.as_str()))
                    .map(|(i, s)| (start + s.len(), i as u32))
                    .collect();
                want.sort();
                proptest::prop_assert_eq!(found, want, "{:?} at {}", text, start);
            }
            for (i, s) in strings.iter().enumerate() {
                let first = strings.iter().position(|o| o == s).map(|k| k as u32);
                proptest::prop_assert_eq!(t.get(s), first, "{:?} #{}", s, i);
            }
        }
    }
}
