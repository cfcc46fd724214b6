/*!
Clitic-aware whole-word matching of lexicon surfaces.

A [`Gazetteer`] is built once from lexicon entries (an Aho-Corasick automaton
over their normalised surfaces) and finds them in normalised text. A surface
counts only as whole words:

- on the left, it starts a word, or is preceded inside its word by a
  proclitic chain from `clitics.tsv` that itself starts the word: (و|ف)?
  (ب|ل|ك)? (ال)? and لل — so وواتساب and لفيسبوك match, but a name buried
  in another word does not (the chain must reach back to the word start);
- on the right, the next character is not a letter or digit, unless the
  rest of the word is one of the gazetteer's accepted suffixes.

A surface written with ال (الاتصالات السعودية) also matches after لل, where
Arabic drops the alef. Overlapping candidates are resolved longest first,
then leftmost. The reported span excludes the clitic and includes an
accepted suffix.

Matching walks a byte trie of the surfaces from the only places a surface
may start — a word start, the end of a proclitic chain at a word start, or a
non-word character that begins some surface (#, %) — instead of scanning
every position for every surface. Every gazetteer built with one [`Clitics`]
registers its surfaces there, and [`Clitics::matcher`] joins them all into
one [`Matcher`]: a document is scanned once, by one trie walk per candidate
start, and each gazetteer reads its raw matches from that [`Scan`]
([`Gazetteer::find_doc`]) and applies its own boundary rules.
*/

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::document::Document;
use crate::trie::{Trie, TrieBuilder};

use crate::lexicon::Entry;
use crate::normalize::is_word_char;
use crate::span::Span;
use crate::vocab::CliticRole;

/// The proclitic chains accepted before a surface, and the registry of the
/// surface lists of every gazetteer built with them (cloned gazetteers share
/// it), from which one [`Matcher`] is built.
#[derive(Debug, Clone, Default)]
pub struct Clitics {
    /// Per chain id of `trie`: the chain ends with the article (ال, لل).
    definite: Vec<bool>,
    /// The chains as a trie, to find those that begin a word.
    trie: Trie,
    registry: Arc<Mutex<Registry>>,
}

/// Surface lists registered by gazetteers; an identical list is one entry.
#[derive(Debug, Default)]
struct Registry {
    lists: Vec<Vec<String>>,
    index: HashMap<Vec<String>, usize>,
}

impl Clitics {
    /// Builds every chain conj? prep? det? (and conj? prep+det) from the
    /// entries of `clitics.tsv`.
    pub fn new(entries: &[Entry<CliticRole>]) -> Clitics {
        let of = |role: CliticRole| -> Vec<&str> {
            entries
                .iter()
                .filter(|e| e.value == role)
                .map(|e| e.surface.as_str())
                .collect()
        };
        let mut conj = vec![""];
        conj.extend(of(CliticRole::Conj));
        let mut prep = vec![""];
        prep.extend(of(CliticRole::Prep));
        let det = of(CliticRole::Det);
        let prep_det = of(CliticRole::PrepDet);
        let mut chains = HashSet::new();
        let mut definite = HashSet::new();
        for c in &conj {
            for p in &prep {
                let bare = format!("{c}{p}");
                if !bare.is_empty() {
                    chains.insert(bare.clone());
                }
                for d in &det {
                    let chain = format!("{bare}{d}");
                    chains.insert(chain.clone());
                    definite.insert(chain);
                }
            }
            for pd in &prep_det {
                let chain = format!("{c}{pd}");
                chains.insert(chain.clone());
                definite.insert(chain);
            }
        }
        let mut trie = TrieBuilder::default();
        let mut chains: Vec<String> = chains.into_iter().collect();
        chains.sort();
        for (i, c) in chains.iter().enumerate() {
            trie.insert(c, i as u32);
        }
        let trie = trie.build();
        Clitics {
            definite: chains.iter().map(|c| definite.contains(c)).collect(),
            trie,
            registry: Arc::default(),
        }
    }

    /// Registers a gazetteer's surfaces; the same list gets the same id.
    fn register(&self, strings: &[String]) -> usize {
        let mut r = self.registry.lock().expect("registry lock");
        if let Some(&id) = r.index.get(strings) {
            return id;
        }
        let id = r.lists.len();
        r.lists.push(strings.to_vec());
        r.index.insert(strings.to_vec(), id);
        id
    }

    /// One matcher over every list registered so far.
    pub fn matcher(&self) -> Matcher {
        let r = self.registry.lock().expect("registry lock");
        let mut trie = TrieBuilder::default();
        let mut owners = Vec::new();
        for (list, strings) in r.lists.iter().enumerate() {
            for (pattern, s) in strings.iter().enumerate() {
                trie.insert(s, owners.len() as u32);
                owners.push((list as u32, pattern as u32));
            }
        }
        let trie = trie.build();
        Matcher {
            trie,
            owners,
            lists: r.lists.len(),
            chains: self.trie.clone(),
            definite: self.definite.clone(),
        }
    }

    pub fn is_chain(&self, s: &str) -> bool {
        self.trie.get(s).is_some()
    }

    pub fn is_definite_chain(&self, s: &str) -> bool {
        self.trie
            .get(s)
            .is_some_and(|id| self.definite[id as usize])
    }
}

/// A surface found in a text.
#[derive(Debug)]
pub struct Hit<'g, T> {
    /// The surface (and accepted suffix), without the clitic.
    pub span: Span,
    /// Where the word begins (before the clitic).
    pub word_start: usize,
    pub value: &'g T,
    /// Index of the lexicon entry.
    pub entry: usize,
}

// By hand: derived, they would ask `T: Copy` of the value behind the
// reference.
impl<T> Clone for Hit<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Hit<'_, T> {}

struct Pattern {
    entry: usize,
    /// The pattern dropped a leading ال: a definite chain must precede it.
    needs_article: bool,
}

/// All registered surfaces in one trie (see the module doc).
#[derive(Debug, Clone)]
pub struct Matcher {
    trie: Trie,
    /// (list, pattern) of each trie id.
    owners: Vec<(u32, u32)>,
    lists: usize,
    chains: Trie,
    /// Per chain id of `chains`: the chain ends with the article.
    definite: Vec<bool>,
}

/// The raw matches of every registered list in one text: per list, (pattern,
/// start, end, left) in start order, `left` what the scan knows of the text
/// before the start (see [`Left`]). Boundaries are checked by each
/// gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Every list's matches, list after list.
    raw: Vec<(u32, u32, u32, u32)>,
    /// Where each list's matches begin in `raw` (and the end, last).
    offsets: Vec<u32>,
    /// Where each word of the text starts, in order.
    words: Vec<u32>,
}

impl Scan {
    /// The number of words in `text[from..to]` (`text` the scanned text),
    /// counting no further than `cap + 1`: what
    /// [`crate::annotate::word_count`] gives, from the index of word starts.
    pub fn word_count(&self, text: &str, from: usize, to: usize, cap: usize) -> usize {
        if from >= to {
            return 0;
        }
        // Words starting inside, and the one `from` is in, if any.
        let a = self.words.partition_point(|&w| w as usize <= from);
        let b = self.words.partition_point(|&w| (w as usize) < to);
        let first = text[from..].chars().next().is_some_and(is_word_char);
        (b.saturating_sub(a) + usize::from(first)).min(cap.saturating_add(1))
    }

    fn list(&self, list: usize) -> Option<&[(u32, u32, u32, u32)]> {
        let (a, b) = (*self.offsets.get(list)?, *self.offsets.get(list + 1)?);
        Some(&self.raw[a as usize..b as usize])
    }
}

impl Matcher {
    /// Walks the trie from every place a surface may start.
    pub fn scan(&self, text: &str) -> Scan {
        let bytes = text.as_bytes();
        // One vector for all lists, sorted by list afterwards: a vector
        // per list costs an allocation each.
        // About a match per 10 bytes of Arabic text.
        let mut found: Vec<(u32, u32, u32, u32, u32)> = Vec::with_capacity(text.len() / 8);
        let mut words = Vec::with_capacity(text.len() / 8);
        let mut walk = |start: usize, left: u32| {
            self.trie.walk(text, start, |end, id| {
                let (list, pattern) = self.owners[id as usize];
                found.push((list, pattern, start as u32, end as u32, left));
            });
        };
        let mut prev_word = false;
        for (pos, c) in text.char_indices() {
            let word = is_word_char(c);
            if !prev_word {
                walk(pos, Left::WORD_START);
                if word {
                    words.push(pos as u32);
                    // Chains are at most a few letters: their ends fit here.
                    let mut ends = [(0usize, false); 8];
                    let mut n = 0;
                    self.chains.walk(text, pos, |end, id| {
                        if n < ends.len() && (n == 0 || ends[n - 1].0 != end) {
                            ends[n] = (end, self.definite[id as usize]);
                            n += 1;
                        }
                    });
                    for &(end, definite) in &ends[..n] {
                        if end < bytes.len() && text.is_char_boundary(end) {
                            walk(end, Left::chain(end - pos, definite));
                        }
                    }
                }
            } else if !word && self.trie.starts_with(c) {
                walk(pos, Left::UNKNOWN);
            }
            prev_word = word;
        }
        // A stable counting sort by list keeps each list in start order.
        let mut offsets = vec![0u32; self.lists + 1];
        for f in &found {
            offsets[f.0 as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut next = offsets.clone();
        let mut raw = vec![(0, 0, 0, 0); found.len()];
        for (list, pattern, start, end, left) in found {
            let at = &mut next[list as usize];
            raw[*at as usize] = (pattern, start, end, left);
            *at += 1;
        }
        Scan {
            raw,
            offsets,
            words,
        }
    }
}

/// What the scan knows of the text between a match's word start and the
/// match, packed in a `u32`: the kind in the low two bits, the length of
/// a chain above them. Gazetteers need not look at the text again.
struct Left;

impl Left {
    /// The match starts its word.
    const WORD_START: u32 = 0;
    /// A proclitic chain precedes it, with or without the article.
    const CHAIN: u32 = 1;
    const DEFINITE: u32 = 2;
    /// Not known: look at the text.
    const UNKNOWN: u32 = 3;

    fn chain(len: usize, definite: bool) -> u32 {
        ((len as u32) << 2)
            | if definite {
                Left::DEFINITE
            } else {
                Left::CHAIN
            }
    }
}

/// A compiled set of surfaces.
pub struct Gazetteer<T> {
    /// The surfaces, for the gazetteer's own trie.
    strings: Vec<String>,
    /// Built on first use: documents are matched through the shared scan,
    /// so only other texts (a substring, a rewritten text) need it.
    own: OnceLock<Trie>,
    /// The id of this gazetteer's list in the shared registry.
    shared: usize,
    patterns: Vec<Pattern>,
    values: Vec<T>,
    clitics: Clitics,
    suffixes: Vec<String>,
    clitics_allowed: bool,
}

const ARTICLE: &str = "ال";

impl<T: Clone> Gazetteer<T> {
    /// A gazetteer over `entries` accepting `clitics` before surfaces.
    pub fn new(entries: &[Entry<T>], clitics: &Clitics) -> Gazetteer<T> {
        Self::from_pairs(
            entries
                .iter()
                .map(|e| (e.surface.as_str(), e.value.clone())),
            clitics,
        )
    }

    /// A gazetteer over normalised `(surface, value)` pairs.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, T)>,
        clitics: &Clitics,
    ) -> Gazetteer<T> {
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut values = Vec::new();
        for (i, (surface, value)) in pairs.into_iter().enumerate() {
            values.push(value);
            strings.push(surface.to_string());
            patterns.push(Pattern {
                entry: i,
                needs_article: false,
            });
            if let Some(rest) = surface.strip_prefix(ARTICLE)
                && rest.chars().count() >= 2
                && !rest.starts_with(' ')
            {
                strings.push(rest.to_string());
                patterns.push(Pattern {
                    entry: i,
                    needs_article: true,
                });
            }
        }
        Gazetteer {
            shared: clitics.register(&strings),
            strings,
            own: OnceLock::new(),
            patterns,
            values,
            clitics: clitics.clone(),
            suffixes: Vec::new(),
            clitics_allowed: true,
        }
    }

    /// The gazetteer's own trie (built on first use).
    fn own(&self) -> &Trie {
        self.own.get_or_init(|| {
            let mut b = TrieBuilder::default();
            for (i, s) in self.strings.iter().enumerate() {
                b.insert(s, i as u32);
            }
            b.build()
        })
    }

    /// Also accept these word endings after a surface (normalised).
    pub fn with_suffixes(mut self, suffixes: &[&str]) -> Self {
        self.suffixes = suffixes.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Refuse proclitics: surfaces must start a word.
    pub fn without_clitics(mut self) -> Self {
        self.clitics_allowed = false;
        self
    }

    pub fn value(&self, entry: usize) -> &T {
        &self.values[entry]
    }

    /// Every valid occurrence in a document, overlapping ones included, in
    /// text order, from the document's shared scan when it has one.
    pub fn find_all_doc<'g>(&'g self, doc: &Document) -> Vec<Hit<'g, T>> {
        let mut hits = self.unsorted_doc(doc);
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    /// [`Gazetteer::find_all_doc`] in no particular order (equal spans in
    /// scan order).
    fn unsorted_doc<'g>(&'g self, doc: &Document) -> Vec<Hit<'g, T>> {
        let text = doc.ntext();
        let Some(raw) = doc.scan().and_then(|s| s.list(self.shared)) else {
            return self.find_all(text);
        };
        let mut hits = Vec::with_capacity(raw.len());
        for &(pattern, start, end, left) in raw {
            self.check(text, pattern, start as usize, end as usize, left, &mut hits);
        }
        hits
    }

    /// Non-overlapping occurrences in a document (see [`Gazetteer::find`]).
    pub fn find_doc<'g>(&'g self, doc: &Document) -> Vec<Hit<'g, T>> {
        // select_longest sorts by itself, stably.
        select_longest(self.unsorted_doc(doc))
    }

    /// Every valid occurrence, overlapping ones included, in text order.
    pub fn find_all<'g>(&'g self, text: &str) -> Vec<Hit<'g, T>> {
        let mut hits = Vec::new();
        let mut prev_word = false;
        for (pos, c) in text.char_indices() {
            let word = is_word_char(c);
            if !prev_word {
                self.try_word_at(text, pos, word, &mut hits);
            } else if !word && self.own().starts_with(c) {
                // A surface that begins with a non-word character (#, %)
                // right after a word: the word must be a proclitic chain.
                self.try_at(text, pos, &mut hits);
            }
            prev_word = word;
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    /// Adds the surfaces of the word (or non-word character) at `pos`:
    /// nothing but the word start, or a chain of proclitics from it, may
    /// precede a surface inside a word.
    fn try_word_at<'g>(&'g self, text: &str, pos: usize, word: bool, hits: &mut Vec<Hit<'g, T>>) {
        self.try_at(text, pos, hits);
        if word && self.clitics_allowed {
            self.clitics.trie.walk(text, pos, |end, _| {
                if end < text.len() && text.is_char_boundary(end) {
                    self.try_at(text, end, hits);
                }
            });
        }
    }

    /// Adds the surfaces that start at `start` and pass the boundary checks.
    fn try_at<'g>(&'g self, text: &str, start: usize, hits: &mut Vec<Hit<'g, T>>) {
        self.own().walk(text, start, |end, id| {
            self.check(text, id, start, end, Left::UNKNOWN, hits)
        });
    }

    /// Adds pattern `id` found at `start..end` if it passes the boundary
    /// checks; `left` is what is known of the text before it ([`Left`]).
    fn check<'g>(
        &'g self,
        text: &str,
        id: u32,
        start: usize,
        end: usize,
        left: u32,
        hits: &mut Vec<Hit<'g, T>>,
    ) {
        {
            if !text.is_char_boundary(end) {
                return;
            }
            let pattern = &self.patterns[id as usize];
            let ws = match left & 3 {
                Left::WORD_START => (!pattern.needs_article).then_some(start),
                Left::UNKNOWN => self.left_ok(text, start, pattern.needs_article),
                kind => (self.clitics_allowed
                    && (!pattern.needs_article || kind == Left::DEFINITE))
                    .then(|| start - (left >> 2) as usize),
            };
            let Some(ws) = ws else {
                return;
            };
            let Some(end) = self.right_ok(text, end) else {
                return;
            };
            let span_start = if pattern.needs_article {
                // Report the article as part of the name when it is there.
                let chain = &text[ws..start];
                if chain.ends_with(ARTICLE) && self.clitics.is_chain(chain) {
                    start - ARTICLE.len()
                } else {
                    start
                }
            } else {
                start
            };
            hits.push(Hit {
                span: Span::new(span_start, end),
                word_start: ws,
                value: &self.values[pattern.entry],
                entry: pattern.entry,
            });
        }
    }

    /// The longest valid occurrence whose word starts at `pos` (a word
    /// start), without scanning the rest of the text.
    pub fn find_at<'g>(&'g self, text: &str, pos: usize) -> Option<Hit<'g, T>> {
        let mut hits = Vec::new();
        self.try_word_at(text, pos, text[pos..].starts_with(is_word_char), &mut hits);
        hits.into_iter()
            .filter(|h| h.word_start == pos)
            .min_by_key(|h| (std::cmp::Reverse(h.span.len()), h.span.start))
    }

    /// Non-overlapping occurrences, longest first then leftmost, in text
    /// order.
    pub fn find<'g>(&'g self, text: &str) -> Vec<Hit<'g, T>> {
        select_longest(self.find_all(text))
    }

    /// The word start if the left boundary is valid.
    fn left_ok(&self, text: &str, start: usize, needs_article: bool) -> Option<usize> {
        let word_start = crate::normalize::word_start(text, start);
        let prefix = &text[word_start..start];
        if needs_article {
            return (self.clitics_allowed && self.clitics.is_definite_chain(prefix))
                .then_some(word_start);
        }
        if prefix.is_empty() || (self.clitics_allowed && self.clitics.is_chain(prefix)) {
            Some(word_start)
        } else {
            None
        }
    }

    /// The end of the match (with an accepted suffix) if the right boundary
    /// is valid.
    fn right_ok(&self, text: &str, end: usize) -> Option<usize> {
        let after = &text[end..];
        let word_end = after
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| end + i);
        if word_end == end {
            return Some(end);
        }
        // A surface that ends in a non-word character (a hashtag, "365 ")
        // needs no boundary after it.
        if text[..end]
            .chars()
            .next_back()
            .is_some_and(|c| !is_word_char(c))
        {
            return Some(end);
        }
        let rest = &text[end..word_end];
        self.suffixes.iter().any(|s| s == rest).then_some(word_end)
    }
}

/// Keeps the longest hits that do not overlap, earlier first among equals,
/// and returns them in text order.
pub fn select_longest<T>(mut hits: Vec<Hit<'_, T>>) -> Vec<Hit<'_, T>> {
    // Most texts have no overlapping hits at all: nothing to choose.
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    if hits.windows(2).all(|w| w[0].span.end <= w[1].span.start) {
        return hits;
    }
    // Hits chained by overlaps form a cluster that no hit outside it
    // overlaps: the choice is made within each, mostly of one or two.
    let mut out = Vec::with_capacity(hits.len());
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let mut end = hits[i].span.end;
        let mut j = i + 1;
        while j < hits.len() && hits[j].span.start < end {
            end = end.max(hits[j].span.end);
            j += 1;
        }
        if j == i + 1 {
            out.push(hits[i]);
            i = j;
            continue;
        }
        let cluster = &mut hits[i..j];
        cluster.sort_by_key(|h| (std::cmp::Reverse(h.span.len()), h.span.start));
        // Taken spans, disjoint and so sorted by start and end alike.
        taken.clear();
        let from = out.len();
        for h in cluster.iter() {
            let s = h.span;
            let k = taken.partition_point(|&(start, _)| start < s.end);
            if k > 0 && taken[k - 1].1 > s.start {
                continue;
            }
            taken.insert(k, (s.start, s.end));
            out.push(*h);
        }
        out[from..].sort_by_key(|h| h.span.start);
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn clitics() -> Clitics {
        let e = |s: &str, r| Entry {
            raw: s.to_string(),
            surface: s.to_string(),
            value: r,
            line: 0,
        };
        Clitics::new(&[
            e("و", CliticRole::Conj),
            e("ف", CliticRole::Conj),
            e("ب", CliticRole::Prep),
            e("ل", CliticRole::Prep),
            e("ك", CliticRole::Prep),
            e("ال", CliticRole::Det),
            e("لل", CliticRole::PrepDet),
        ])
    }

    fn gaz(surfaces: &[&str]) -> Gazetteer<usize> {
        let normed: Vec<String> = surfaces.iter().map(|s| normalize(s)).collect();
        Gazetteer::from_pairs(normed.iter().map(|s| s.as_str()).zip(0..), &clitics())
    }

    fn found(g: &Gazetteer<usize>, text: &str) -> Vec<(String, usize)> {
        let t = normalize(text);
        g.find(&t)
            .into_iter()
            .map(|h| (t[h.span.start..h.span.end].to_string(), *h.value))
            .collect()
    }

    #[test]
    fn clitics_attach_only_at_word_start() {
        let g = gaz(&["واتساب", "فيسبوك", "الاتصالات السعودية", "انستغرام"]);
        let cases: &[(&str, &[(&str, usize)])] = &[
            ("تعطل وواتساب اليوم", &[("واتساب", 0)]),
            ("لفيسبوك", &[("فيسبوك", 1)]),
            ("والفيسبوك", &[("فيسبوك", 1)]),
            ("بتطبيق إنستغرام", &[("انستغرام", 3)]),
            ("للاتصالات السعودية", &[("اتصالات السعوديه", 2)]),
            ("الاتصالات السعودية", &[("الاتصالات السعوديه", 2)]),
            ("مفيسبوك", &[]),
            ("فيسبوكي", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, usize)> =
                want.iter().map(|(s, v)| (s.to_string(), *v)).collect();
            assert_eq!(found(&g, text), want, "text {text:?}");
        }
    }

    #[test]
    fn longest_match_wins() {
        let g = gaz(&["جوجل", "جوجل بلاي", "بلاي"]);
        assert_eq!(
            found(&g, "متجر جوجل بلاي"),
            vec![("جوجل بلاي".to_string(), 1)]
        );
    }

    #[test]
    fn suffixes_are_accepted_when_listed() {
        let g = gaz(&["بلاغ"]).with_suffixes(&["ات", "ا"]);
        assert_eq!(found(&g, "بلاغات"), vec![("بلاغات".to_string(), 0)]);
        assert_eq!(found(&g, "بلاغين"), vec![]);
    }

    #[test]
    fn albania_is_not_the_article() {
        // A name that starts with ال is not an article plus a name.
        let g = gaz(&["ألبانيا"]);
        assert_eq!(found(&g, "ألبانيا"), vec![("البانيا".to_string(), 0)]);
        assert_eq!(found(&g, "وألبانيا"), vec![("البانيا".to_string(), 0)]);
        assert_eq!(found(&g, "لبانيا"), vec![]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The scan's word index counts words as a walk over the text does.
        #[test]
        fn indexed_word_count_agrees(s in "[ab1 ,.وال\u{0640}-]{0,30}", cap in 0usize..5) {
            let scan = clitics().matcher().scan(&s);
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            for &a in &bounds {
                for &b in &bounds {
                    proptest::prop_assert_eq!(
                        scan.word_count(&s, a, b, cap),
                        crate::annotate::word_count(&s, a, b, cap),
                        "{:?} {}..{} cap {}", s, a, b, cap
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// A document's matches read from the shared scan are those the
        /// gazetteer's own walk over the text finds.
        #[test]
        fn shared_scan_agrees_with_own_walk(
            words in proptest::collection::vec(
                "(و|ف|ب|ل|لل|وال|ال|وبال)?(الاتصالات|اتصالات|فيسبوك|#عطل|عطل|365 |x)(ها|ات)?[ ،.#]?",
                0..8,
            )
        ) {
            let c = clitics();
            let surfaces = ["الاتصالات", "فيسبوك", "#عطل", "عطل", "365 "];
            let normed: Vec<String> = surfaces.iter().map(|s| normalize(s)).collect();
            let mut g = Gazetteer::from_pairs(normed.iter().map(|s| s.as_str()).zip(0..), &c);
            g.suffixes = vec!["ها".to_string()];
            let text = words.join(" ");
            let mut doc = Document::new("t".into(), text, &crate::boilerplate::Boilerplate::default());
            doc.scan_with(&c.matcher());
            let key = |h: &Hit<'_, usize>| (h.span, h.word_start, *h.value, h.entry);
            let shared: Vec<_> = g.find_all_doc(&doc).iter().map(key).collect();
            let own: Vec<_> = g.find_all(doc.ntext()).iter().map(key).collect();
            proptest::prop_assert_eq!(shared, own, "{:?}", doc.ntext());
        }
    }

    /// The choice made over the whole list at once, as it was before
    /// clusters.
    fn longest_at_once(mut hits: Vec<Hit<'_, usize>>) -> Vec<Hit<'_, usize>> {
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        hits.sort_by_key(|h| (std::cmp::Reverse(h.span.len()), h.span.start));
        let mut out: Vec<Hit<'_, usize>> = Vec::new();
        for h in hits {
            if !out
                .iter()
                .any(|o| o.span.start < h.span.end && h.span.start < o.span.end)
            {
                out.push(h);
            }
        }
        out.sort_by_key(|h| h.span.start);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Choosing within clusters of overlapping hits chooses what one
        /// pass over all of them does.
        #[test]
        fn clusters_choose_as_one_pass(spans in proptest::collection::vec((0usize..40, 1usize..8), 0..20)) {
            let values: Vec<usize> = (0..spans.len()).collect();
            let hits: Vec<Hit<'_, usize>> = spans
                .iter()
                .zip(&values)
                .map(|(&(start, len), v)| Hit {
                    span: Span::new(start, start + len),
                    word_start: start,
                    value: v,
                    entry: *v,
                })
                .collect();
            let key = |h: &Hit<'_, usize>| (h.span, *h.value);
            let got: Vec<_> = select_longest(hits.clone()).iter().map(key).collect();
            let want: Vec<_> = longest_at_once(hits).iter().map(key).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
