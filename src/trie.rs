/*!
A compact character trie for lexicon surfaces.

Built once ([`TrieBuilder`] → [`Trie`]), then only walked: from a position of
a text, [`Trie::walk`] reports every surface that starts there. One step per
character, not per byte, so an Arabic letter costs one lookup; a node's
children are a sorted slice of one shared array, and nodes with many
children in the Arabic block (the root, the first letters of common words)
also get a direct table indexed by the letter.
*/

use std::collections::BTreeMap;

/// Children in the Arabic block that earn a node a direct table.
const DENSE_CHILDREN: usize = 8;
/// The Arabic block U+0600..U+06FF.
const ARABIC: u32 = 0x0600;

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    /// Children: `keys[first..first + len]`, `kids[first..first + len]`.
    first: u32,
    len: u32,
    /// Index into `dense`, or `NONE`.
    dense: u32,
    /// Ids ending here: `ends[ends_first..ends_first + ends_len]`.
    ends_first: u32,
    ends_len: u32,
}

const NONE: u32 = u32::MAX;

/// A frozen trie.
#[derive(Debug, Clone, Default)]
pub struct Trie {
    nodes: Vec<Node>,
    keys: Vec<char>,
    kids: Vec<u32>,
    dense: Vec<[u32; 256]>,
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
        let mut t = Trie::default();
        for (children, ends) in self.children.iter().zip(&self.ends) {
            let mut node = Node {
                first: t.keys.len() as u32,
                len: children.len() as u32,
                dense: NONE,
                ends_first: t.ends.len() as u32,
                ends_len: ends.len() as u32,
            };
            t.keys.extend(children.keys());
            t.kids.extend(children.values());
            t.ends.extend(ends);
            let arabic = children
                .keys()
                .filter(|&&c| (c as u32) >> 8 == ARABIC >> 8)
                .count();
            if arabic >= DENSE_CHILDREN {
                let mut table = [NONE; 256];
                for (&c, &kid) in children {
                    if (c as u32) >> 8 == ARABIC >> 8 {
                        table[(c as u32 - ARABIC) as usize] = kid;
                    }
                }
                node.dense = t.dense.len() as u32;
                t.dense.push(table);
            }
            t.nodes.push(node);
        }
        t
    }
}

impl Trie {
    #[inline]
    fn child(&self, node: &Node, c: char) -> Option<u32> {
        let code = c as u32;
        if node.dense != NONE && code >> 8 == ARABIC >> 8 {
            let kid = self.dense[node.dense as usize][(code - ARABIC) as usize];
            return (kid != NONE).then_some(kid);
        }
        let (a, b) = (node.first as usize, (node.first + node.len) as usize);
        self.keys[a..b]
            .binary_search(&c)
            .ok()
            .map(|i| self.kids[a + i])
    }

    /// Calls `found(end, id)` for every string of the trie that `text` holds
    /// at byte `start`, shortest first.
    #[inline]
    pub fn walk(&self, text: &str, start: usize, mut found: impl FnMut(usize, u32)) {
        let Some(mut node) = self.nodes.first() else {
            return;
        };
        for (i, c) in text[start..].char_indices() {
            let Some(kid) = self.child(node, c) else {
                return;
            };
            node = &self.nodes[kid as usize];
            let ends =
                &self.ends[node.ends_first as usize..(node.ends_first + node.ends_len) as usize];
            for &id in ends {
                found(start + i + c.len_utf8(), id);
            }
        }
    }

    /// True when some string starts with `c`.
    pub fn starts_with(&self, c: char) -> bool {
        self.nodes
            .first()
            .is_some_and(|root| self.child(root, c).is_some())
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
        assert!(t.nodes[0].dense != NONE);
        for (i, w) in words.iter().enumerate() {
            let mut found = Vec::new();
            t.walk(w, 0, |end, id| found.push((end, id)));
            assert_eq!(found, vec![(w.len(), i as u32)]);
        }
    }
}
