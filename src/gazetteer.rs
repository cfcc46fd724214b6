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
*/

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lexicon::Entry;
use crate::normalize::is_word_char;
use crate::span::Span;
use crate::vocab::CliticRole;

/// The proclitic chains accepted before a surface.
#[derive(Debug, Clone, Default)]
pub struct Clitics {
    chains: HashSet<String>,
    /// Chains that end with the article (ال, لل).
    definite: HashSet<String>,
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
        Clitics { chains, definite }
    }

    pub fn is_chain(&self, s: &str) -> bool {
        self.chains.contains(s)
    }

    pub fn is_definite_chain(&self, s: &str) -> bool {
        self.definite.contains(s)
    }
}

/// A surface found in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'g, T> {
    /// The surface (and accepted suffix), without the clitic.
    pub span: Span,
    /// Where the word begins (before the clitic).
    pub word_start: usize,
    pub value: &'g T,
    /// Index of the lexicon entry.
    pub entry: usize,
}

struct Pattern {
    entry: usize,
    /// The pattern dropped a leading ال: a definite chain must precede it.
    needs_article: bool,
}

/// A compiled set of surfaces.
pub struct Gazetteer<T> {
    ac: Option<AhoCorasick>,
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
        let ac = if strings.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&strings)
                    .expect("lexicon automaton within size limits"),
            )
        };
        Gazetteer {
            ac,
            patterns,
            values,
            clitics: clitics.clone(),
            suffixes: Vec::new(),
            clitics_allowed: true,
        }
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

    /// Every valid occurrence, overlapping ones included, in text order.
    pub fn find_all<'g>(&'g self, text: &str) -> Vec<Hit<'g, T>> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let Some(word_start) = self.left_ok(text, start, pattern.needs_article) else {
                continue;
            };
            let Some(end) = self.right_ok(text, end) else {
                continue;
            };
            let span_start = if pattern.needs_article {
                // Report the article as part of the name when it is there.
                let ws = &text[word_start..start];
                if ws.ends_with(ARTICLE) && self.clitics.is_chain(ws) {
                    start - ARTICLE.len()
                } else {
                    start
                }
            } else {
                start
            };
            hits.push(Hit {
                span: Span::new(span_start, end),
                word_start,
                value: &self.values[pattern.entry],
                entry: pattern.entry,
            });
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    /// Non-overlapping occurrences, longest first then leftmost, in text
    /// order.
    pub fn find<'g>(&'g self, text: &str) -> Vec<Hit<'g, T>> {
        select_longest(self.find_all(text))
    }

    /// The word start if the left boundary is valid.
    fn left_ok(&self, text: &str, start: usize, needs_article: bool) -> Option<usize> {
        let before = &text[..start];
        let word_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map_or(start, |(i, _)| i);
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
    hits.sort_by_key(|h| (std::cmp::Reverse(h.span.len()), h.span.start));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for h in hits {
        let s = h.span;
        let clash_before = taken
            .range(..s.end)
            .next_back()
            .is_some_and(|(_, &e)| e > s.start);
        if clash_before {
            continue;
        }
        taken.insert(s.start, s.end);
        out.push(h);
    }
    out.sort_by_key(|h| h.span.start);
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
}
