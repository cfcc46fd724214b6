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
        // Nodes are numbered in depth-first order, so that a walk down a
        // chain of letters reads consecutive nodes, keys and ends.
        let mut order = Vec::with_capacity(self.children.len());
        let mut stack = vec![0u32];
        while let Some(n) = stack.pop() {
            order.push(n);
            stack.extend(self.children[n as usize].values().rev());
        }
        let mut new_id = vec![0u32; self.children.len()];
        for (i, &n) in order.iter().enumerate() {
            new_id[n as usize] = i as u32;
        }
        let mut t = Trie::default();
        for &n in &order {
            let (children, ends) = (&self.children[n as usize], &self.ends[n as usize]);
            let mut node = Node {
                first: t.keys.len() as u32,
                len: children.len() as u32,
                dense: NONE,
                ends_first: t.ends.len() as u32,
                ends_len: ends.len() as u32,
            };
            t.keys.extend(children.keys());
            t.kids
                .extend(children.values().map(|&k| new_id[k as usize]));
            t.ends.extend(ends);
            let letters = children.keys().filter(|&&c| in_dense(c)).count();
            if letters >= DENSE_CHILDREN {
                let mut table = [NONE; DENSE_LEN];
                for (&c, &kid) in children {
                    if in_dense(c) {
                        table[(c as u32 - DENSE_FIRST) as usize] = new_id[kid as usize];
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
        if node.dense != NONE && in_dense(c) {
            let kid = self.dense[node.dense as usize][(c as u32 - DENSE_FIRST) as usize];
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

    /// The id of `s` when it is one of the trie's strings (the first id).
    pub fn get(&self, s: &str) -> Option<u32> {
        let mut node = self.nodes.first()?;
        for c in s.chars() {
            node = &self.nodes[self.child(node, c)? as usize];
        }
        (node.ends_len > 0).then(|| self.ends[node.ends_first as usize])
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
