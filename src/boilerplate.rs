/*!
Page furniture: the lines of a page that are not the article.

Which lines are furniture is lexical knowledge (`boilerplate.tsv`: share
buttons, «اترك تعليقاً», «مقالات ذات صلة», skip links); two structural rules
live here: a line that is only a URL, a line with no letters at all but
list markers, and the linked headlines under a «اقرأ أيضاً» heading that
stands alone on its line (short lines that end no sentence, up to a blank
line). A line is compared after trimming list numbers, bullets,
punctuation and spaces at both ends.
*/

use std::collections::HashSet;

use crate::lexicon::Lexicons;
use crate::normalize::is_word_char;
use crate::span::Span;
use crate::trie::{Trie, TrieBuilder};
use crate::vocab::BoilerplateMatch;

/// Classifies lines as furniture.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    lines: HashSet<String>,
    /// Every line is tried against every prefix: a trie walks them once.
    prefixes: Trie,
    tails: HashSet<String>,
    /// The longest line or tail pattern: a longer line (a paragraph) is
    /// not looked up.
    longest: usize,
}

impl Boilerplate {
    pub fn new(lex: &Lexicons) -> Boilerplate {
        let mut b = Boilerplate::default();
        let mut prefixes = TrieBuilder::default();
        for e in &lex.boilerplate {
            let pattern = trim_furniture(&e.surface).to_string();
            if e.value != BoilerplateMatch::Prefix {
                b.longest = b.longest.max(pattern.len());
            }
            match e.value {
                BoilerplateMatch::Line => {
                    b.lines.insert(pattern);
                }
                BoilerplateMatch::Prefix => prefixes.insert(&pattern, 0),
                BoilerplateMatch::Tail => {
                    b.tails.insert(pattern);
                }
            }
        }
        b.prefixes = prefixes.build();
        b
    }

    /// The lines of normalised `text` with a furniture flag each.
    pub fn furniture_lines(&self, text: &str) -> Vec<(Span, bool)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut in_tail = false;
        let mut in_links = false;
        for line in text.split('\n') {
            let span = Span::new(start, start + line.len());
            start = span.end + 1;
            let core = trim_furniture(line);
            if !in_tail
                && !core.is_empty()
                && core.len() <= self.longest
                && self.tails.contains(core)
            {
                in_tail = true;
            }
            in_links = in_links && is_link_line(line);
            let furniture = in_tail || in_links || self.is_furniture(line, core);
            // «اقرأ أيضاً:» alone on its line heads a list of linked headlines.
            if self.prefixes.get(core).is_some() {
                in_links = true;
            }
            out.push((span, furniture));
        }
        out
    }

    /// Removes furniture lines from extracted text (HTML), keeping blank
    /// lines between paragraphs.
    pub fn strip(&self, text: &str) -> String {
        let norm = crate::normalize::normalize(text);
        let flags = self.furniture_lines(&norm);
        let mut out = String::with_capacity(text.len());
        // The normaliser keeps newlines one for one, so original lines and
        // normalised lines correspond by index.
        for (line, (_, furniture)) in text.split('\n').zip(flags) {
            if !furniture {
                out.push_str(line);
                out.push('\n');
            }
        }
        while out.ends_with('\n') {
            out.pop();
        }
        out
    }

    fn is_furniture(&self, line: &str, core: &str) -> bool {
        if core.is_empty() {
            // Blank, or only bullets and numbers: nothing to read either way.
            return !line.trim().is_empty();
        }
        if is_url_line(core) {
            return true;
        }
        if core.len() <= self.longest && self.lines.contains(core) {
            return true;
        }
        let mut found = false;
        self.prefixes.walk(core, 0, |end, _| {
            found |= core[end..]
                .chars()
                .next()
                .is_none_or(|c| !crate::normalize::is_word_char(c));
        });
        found
    }
}

/// Strips list markers, bullets, punctuation and spaces from both ends.
fn trim_furniture(line: &str) -> &str {
    let line = line.trim_matches(|c: char| !is_word_char(c) && c != '#' && c != '@');
    // Leading list numbers: "1. ", "2) ".
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits <= 3 {
        let rest = &line[digits..];
        if rest.starts_with(['.', ')', '-']) {
            return rest.trim_matches(|c: char| !is_word_char(c) && c != '#' && c != '@');
        }
    }
    line
}

/// Most words a linked headline has.
const LINK_WORDS: usize = 16;

/// A line that reads like a linked headline under «اقرأ أيضاً»: not blank,
/// short, and not ending a sentence.
fn is_link_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.split_whitespace().count() <= LINK_WORDS
        && !t.ends_with(['.', '!', '؟', '?', ':'])
}

fn is_url_line(core: &str) -> bool {
    let t = core.trim();
    (t.starts_with("http") || t.starts_with("www.")) && !t.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_list_markers() {
        assert_eq!(trim_furniture("  1. تخطي الي المحتوي"), "تخطي الي المحتوي");
        assert_eq!(trim_furniture("- شارك:"), "شارك");
        assert_eq!(trim_furniture("2025 عام"), "2025 عام");
    }

    #[test]
    fn links_under_a_see_also_heading_are_furniture() {
        let mut prefixes = TrieBuilder::default();
        prefixes.insert("اقرا ايضا", 0);
        let b = Boilerplate {
            prefixes: prefixes.build(),
            ..Boilerplate::default()
        };
        let text = "نص المقال.\nاقرا ايضا:\nعنوان مرتبط اول\nعنوان مرتبط ثان\n\nفقرة تالية.";
        let flags: Vec<bool> = b
            .furniture_lines(text)
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(flags, vec![false, true, true, true, false, false]);
        // A heading followed by a sentence is not a list of links.
        let text = "اقرا ايضا:\nتعطل التطبيق مساء امس في عدة دول.";
        let flags: Vec<bool> = b
            .furniture_lines(text)
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(flags, vec![true, false]);
    }

    #[test]
    fn a_prefix_must_end_a_word() {
        let mut prefixes = TrieBuilder::default();
        prefixes.insert("اقرا", 0);
        prefixes.insert("اقرا ايضا", 0);
        let b = Boilerplate {
            prefixes: prefixes.build(),
            ..Boilerplate::default()
        };
        let flags: Vec<bool> = b
            .furniture_lines("اقرا ايضا: عنوان مرتبط\nاقرات الحكومة القرار.\nاقرا")
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(flags, vec![true, false, true]);
    }

    #[test]
    fn url_lines_are_furniture() {
        assert!(is_url_line("https://p.example.com/p/4E9dO"));
        assert!(!is_url_line("http هو بروتوكول"));
    }
}
