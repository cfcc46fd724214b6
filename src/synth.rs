/*!
A deterministic corpus generator for benchmarks: it scales the bundled
corpus to any size by recombining and varying its articles.

Each generated article takes the headline and paragraphs of one source
article, mixes in paragraphs of others, and varies its figures (every run of
digits becomes another number of the same length) and its service names (a
name is swapped for another spelling from a small list). The same seed
always gives the same bytes. Output is JSON Lines (`{"id", "text"}` or
`{"id", "html"}`), or a directory of `.txt` / `.html` files; HTML articles are
wrapped in a page with navigation, sidebars, scripts and comments, like a
saved news page.

No network, no randomness from the system: a SplitMix64 generator seeded
from the command line.
*/

use std::io::{self, Write};
use std::path::Path;

use crate::input::html::HtmlExtractor;

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// JSON Lines of `{"id", "text"}`.
    TextJsonl,
    /// JSON Lines of `{"id", "html"}`.
    HtmlJsonl,
    /// A directory of `.txt` files.
    TextFiles,
    /// A directory of `.html` files.
    HtmlFiles,
}

/// Spellings swapped into generated articles, so that names vary.
const NAMES: &[&str] = &[
    "واتساب",
    "واتس اب",
    "فيسبوك",
    "فيس بوك",
    "إنستغرام",
    "انستجرام",
    "تويتر",
    "منصة إكس",
    "تيك توك",
    "يوتيوب",
    "تيليجرام",
    "سناب شات",
    "جيميل",
    "شات جي بي تي",
    "فودافون مصر",
    "زين العراق",
    "اتصالات المغرب",
    "موبايلي",
];

/// The source articles: plain texts of the corpus directory (HTML pages are
/// reduced to their article text, JSON Lines to their documents).
pub fn load_sources(dir: &Path) -> io::Result<Vec<String>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let html = HtmlExtractor::new();
    let mut out = Vec::new();
    for f in files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        let content = match std::fs::read_to_string(&f) {
            Ok(c) => c,
            Err(_) => continue,
        };
        match ext {
            "txt" => out.push(content),
            "html" | "htm" => out.push(html.extract(&content).text),
            "jsonl" => {
                for line in content.lines() {
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                        && let Some(t) = v.get("text").and_then(|t| t.as_str())
                    {
                        out.push(t.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no articles in {}", dir.display()),
        ));
    }
    Ok(out)
}

/// One generated article's text.
pub fn article(sources: &[String], rng: &mut Rng) -> String {
    let base = &sources[rng.below(sources.len())];
    let mut paragraphs: Vec<&str> = base.lines().filter(|l| !l.trim().is_empty()).collect();
    // Mix in one or two paragraphs of other articles.
    for _ in 0..1 + rng.below(2) {
        let other = &sources[rng.below(sources.len())];
        let lines: Vec<&str> = other
            .lines()
            .filter(|l| l.split_whitespace().count() > 8)
            .collect();
        if !lines.is_empty() {
            let at = 1 + rng.below(paragraphs.len().max(1));
            paragraphs.insert(at.min(paragraphs.len()), lines[rng.below(lines.len())]);
        }
    }
    let mut text = paragraphs.join("\n");
    vary_names(&mut text, rng);
    vary_digits(&text, rng)
}

fn vary_names(text: &mut String, rng: &mut Rng) {
    for _ in 0..2 {
        let from = NAMES[rng.below(NAMES.len())];
        let to = NAMES[rng.below(NAMES.len())];
        *text = text.replace(from, to);
    }
}

/// Replaces each run of ASCII digits with another of the same length.
fn vary_digits(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for c in text.chars() {
        if c.is_ascii_digit() {
            let d = if first {
                1 + rng.below(9)
            } else {
                rng.below(10)
            };
            out.push(char::from(b'0' + d as u8));
            first = false;
        } else {
            out.push(c);
            first = true;
        }
    }
    out
}

/// Wraps an article in a news page with the furniture real pages carry.
pub fn page(text: &str, n: usize, rng: &mut Rng) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("");
    let mut body = String::new();
    for l in lines {
        body.push_str("<p>");
        body.push_str(&escape(l));
        body.push_str("</p>\n");
    }
    let day = 1 + rng.below(28);
    let month = 1 + rng.below(12);
    format!(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
<title>{t} | موقع الأخبار</title>\
<meta property=\"article:published_time\" content=\"2025-{month:02}-{day:02}T10:00:00+03:00\">\
<style>body{{font-family:sans-serif}} .share a{{margin:2px}}</style>\
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script></head>\
<body><header><div class=\"masthead\">الأحد {day} نوفمبر 2025</div><nav><ul><li><a href=\"/\">الرئيسية</a></li>\
<li><a href=\"/tech\">تكنولوجيا</a></li><li><a href=\"/eco\">اقتصاد</a></li></ul></nav></header>\
<main><article><h1>{t}</h1><div class=\"share\"><a>شارك</a><a>تويتر</a><a>واتساب</a></div>\
<div class=\"article-body\">{body}</div></article>\
<aside class=\"sidebar\"><h3>الأكثر قراءة</h3><ul><li>انقطاع الإنترنت في عدة محافظات لمدة {h} ساعات</li>\
<li>تعطل تطبيق بنكي يوم {day} أكتوبر</li></ul></aside></main>\
<section id=\"comments\"><h3>التعليقات</h3><p>تعليق رقم {n}: الخدمة سيئة</p></section>\
<footer>جميع الحقوق محفوظة</footer><script>console.log({n});</script></body></html>",
        t = escape(title),
        h = 2 + rng.below(9),
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes at least `bytes` of generated corpus: JSON Lines to `out`, or files
/// into `dir` for the file shapes. Returns (documents, bytes written).
pub fn generate(
    sources: &[String],
    shape: Shape,
    bytes: u64,
    seed: u64,
    out: &mut dyn Write,
    dir: Option<&Path>,
) -> io::Result<(usize, u64)> {
    let mut rng = Rng::new(seed);
    let mut written = 0u64;
    let mut n = 0usize;
    while written < bytes {
        n += 1;
        let text = article(sources, &mut rng);
        let id = format!("gen{n:08}");
        let (chunk, ext) = match shape {
            Shape::TextJsonl | Shape::TextFiles => (text, "txt"),
            Shape::HtmlJsonl | Shape::HtmlFiles => (page(&text, n, &mut rng), "html"),
        };
        match (shape, dir) {
            (Shape::TextJsonl, _) => {
                let line = serde_json::json!({"id": id, "text": chunk}).to_string();
                written += line.len() as u64 + 1;
                writeln!(out, "{line}")?;
            }
            (Shape::HtmlJsonl, _) => {
                let line = serde_json::json!({"id": id, "html": chunk}).to_string();
                written += line.len() as u64 + 1;
                writeln!(out, "{line}")?;
            }
            (_, Some(d)) => {
                let sub = d.join(format!("{:04}", n / 1000));
                if n % 1000 == 1 {
                    std::fs::create_dir_all(&sub)?;
                }
                std::fs::write(sub.join(format!("{id}.{ext}")), &chunk)?;
                written += chunk.len() as u64;
            }
            (_, None) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "file shapes need a directory",
                ));
            }
        }
    }
    out.flush()?;
    Ok((n, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let sources = vec![
            "عنوان\nتعطل واتساب 12 ساعة يوم 14 مايو لدى 3500 مستخدم في مصر.\nفقرة ثانية طويلة بما يكفي لتكون فقرة من فقرات الخبر هنا".to_string(),
            "عنوان آخر\nانقطع فيسبوك لمدة 45 دقيقة بعد تحديث برمجي أثر على آلاف المستخدمين حول العالم".to_string(),
        ];
        let run = |seed| {
            let mut out = Vec::new();
            generate(&sources, Shape::TextJsonl, 4000, seed, &mut out, None).unwrap();
            out
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        assert!(run(7).len() >= 4000);
    }
}
