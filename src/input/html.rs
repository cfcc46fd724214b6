/*!
Article text and metadata from a saved news page.

The body is taken from the article's container (`itemprop="articleBody"`,
else the `<article>` with the most text, else `<main>`, else `<body>`);
inside it, navigation, headers and footers without the headline, sidebars,
scripts, styles, forms, figures' captions and elements whose class or id says
comments, related links, sharing, ads or newsletter are skipped. Block
elements become line breaks. The headline (`<h1>`, else `og:title`, else
`<title>`) is the first line. Furniture lines (`boilerplate.tsv`) are then
removed by the pipeline.

The publication date comes from `article:published_time`,
`itemprop="datePublished"`, JSON-LD `datePublished`, then `<time datetime>`,
in that order.

The tree is walked with an explicit stack, so pages nested thousands deep do
not exhaust the call stack.
*/

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use crate::calendar::Date;
use crate::error::DocError;

/// What a page yields.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub title: Option<String>,
    /// Headline and body, one paragraph per line.
    pub text: String,
    pub published: Option<Date>,
}

/// Selectors built once.
pub struct HtmlExtractor {
    article_body: Selector,
    article: Selector,
    main: Selector,
    body: Selector,
    h1: Selector,
    title: Selector,
    og_title: Selector,
    published_meta: Selector,
    item_published: Selector,
    json_ld: Selector,
    time: Selector,
}

/// Tags whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "nav",
    "aside",
    "script",
    "style",
    "form",
    "noscript",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "template",
    "figcaption",
    "object",
    "embed",
    "canvas",
    "input",
    "label",
    "dialog",
    "menu",
    "head",
];

/// Class or id fragments of page furniture.
const SKIP_MARKS: &[&str] = &[
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "sidebar",
    "side-bar",
    "newsletter",
    "advert",
    "ads-",
    "ad-slot",
    "banner",
    "breadcrumb",
    "most-read",
    "mostread",
    "popular",
    "trending",
    "widget",
    "subscribe",
    "cookie",
    "promo",
    "recommend",
    "read-more",
    "readmore",
    "more-news",
    "tags",
    "footer",
    "navbar",
    "masthead",
    "ticker",
];

/// Tags that end a line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "br",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "table",
    "dd",
    "dt",
    "figure",
    "main",
    "header",
    "footer",
    "hr",
    "address",
    "td",
    "th",
];

impl Default for HtmlExtractor {
    fn default() -> Self {
        Self::new()
    }
}

impl HtmlExtractor {
    pub fn new() -> HtmlExtractor {
        let s = |css: &str| Selector::parse(css).expect("constant selector");
        HtmlExtractor {
            article_body: s("[itemprop=\"articleBody\"]"),
            article: s("article"),
            main: s("main, [role=\"main\"]"),
            body: s("body"),
            h1: s("h1"),
            title: s("title"),
            og_title: s("meta[property=\"og:title\"]"),
            published_meta: s(
                "meta[property=\"article:published_time\"], meta[name=\"article:published_time\"]",
            ),
            item_published: s("[itemprop=\"datePublished\"]"),
            json_ld: s("script[type=\"application/ld+json\"]"),
            time: s("time[datetime]"),
        }
    }

    pub fn extract(&self, html: &str) -> Extracted {
        let doc = Html::parse_document(html);
        let root = self.root(&doc);
        let title = doc
            .select(&self.og_title)
            .find_map(|e| e.value().attr("content"))
            .map(clean)
            .filter(|t| !t.is_empty())
            .or_else(|| {
                doc.select(&self.title)
                    .next()
                    .map(|t| clean(&t.text().collect::<String>()))
                    .filter(|t| !t.is_empty())
            });
        let headline = root
            .and_then(|r| r.select(&self.h1).next())
            .or_else(|| doc.select(&self.h1).next())
            .map(|h| clean(&h.text().collect::<String>()))
            .filter(|h| !h.is_empty());
        let body = root.map(text_of).unwrap_or_default();
        let mut text = String::new();
        let first_line = body.lines().next().unwrap_or("").trim().to_string();
        let head = headline.clone().or_else(|| title.clone());
        if let Some(h) = head
            && first_line != h
            && !body.contains(&h)
        {
            text.push_str(&h);
            text.push('\n');
        }
        text.push_str(&body);
        Extracted {
            title,
            text,
            published: self.published(&doc, root),
        }
    }

    fn root<'a>(&self, doc: &'a Html) -> Option<ElementRef<'a>> {
        if let Some(e) = doc.select(&self.article_body).next() {
            // The article body may not hold the headline; its <article>
            // ancestor does.
            return Some(
                e.ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| a.value().name() == "article")
                    .unwrap_or(e),
            );
        }
        let best_article = doc
            .select(&self.article)
            .max_by_key(|a| a.text().map(|t| t.trim().len()).sum::<usize>());
        best_article
            .or_else(|| doc.select(&self.main).next())
            .or_else(|| doc.select(&self.body).next())
            .or_else(|| Some(doc.root_element()))
    }

    fn published(&self, doc: &Html, root: Option<ElementRef<'_>>) -> Option<Date> {
        if let Some(d) = doc
            .select(&self.published_meta)
            .find_map(|e| e.value().attr("content").and_then(Date::parse_iso))
        {
            return Some(d);
        }
        if let Some(d) = doc.select(&self.item_published).find_map(|e| {
            let v = e.value();
            v.attr("content")
                .or_else(|| v.attr("datetime"))
                .and_then(Date::parse_iso)
                .or_else(|| Date::parse_iso(&e.text().collect::<String>()))
        }) {
            return Some(d);
        }
        for script in doc.select(&self.json_ld) {
            let raw: String = script.text().collect();
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw)
                && let Some(d) = find_date_published(&v, 0)
            {
                return Some(d);
            }
        }
        // A <time> inside the article first, then anywhere.
        root.and_then(|r| {
            r.select(&self.time)
                .find_map(|t| t.value().attr("datetime").and_then(Date::parse_iso))
        })
        .or_else(|| {
            doc.select(&self.time)
                .find_map(|t| t.value().attr("datetime").and_then(Date::parse_iso))
        })
    }
}

fn find_date_published(v: &serde_json::Value, depth: usize) -> Option<Date> {
    if depth > 16 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("datePublished")
                && let Some(d) = Date::parse_iso(s)
            {
                return Some(d);
            }
            map.values().find_map(|x| find_date_published(x, depth + 1))
        }
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_date_published(x, depth + 1)),
        _ => None,
    }
}

fn is_skipped(el: &scraper::node::Element, has_h1: impl Fn() -> bool) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if (name == "header" || name == "footer") && !has_h1() {
        return true;
    }
    let marks = |s: Option<&str>| {
        s.is_some_and(|s| {
            let s = s.to_ascii_lowercase();
            SKIP_MARKS.iter().any(|m| s.contains(m))
        })
    };
    if marks(el.attr("class")) || marks(el.attr("id")) {
        return !has_h1();
    }
    el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true")
}

/// The text of an element, block elements on their own lines.
fn text_of(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    // (node, entering): an explicit stack instead of recursion.
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        match node.value() {
            Node::Text(t) if entering => push_text(&mut out, t),
            Node::Element(el) => {
                let block = BLOCK_TAGS.contains(&el.name());
                if entering {
                    if node.id() != root.id() {
                        let has_h1 = || {
                            ElementRef::wrap(node).is_some_and(|e| {
                                e.descendants().any(|d| {
                                    d.value().as_element().is_some_and(|x| x.name() == "h1")
                                })
                            })
                        };
                        if is_skipped(el, has_h1) {
                            continue;
                        }
                    }
                    if block {
                        newline(&mut out);
                    }
                    stack.push((node, false));
                    let children: Vec<_> = node.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push((c, true));
                    }
                } else if block {
                    newline(&mut out);
                }
            }
            _ => {}
        }
    }
    let mut text = String::with_capacity(out.len());
    for line in out.lines() {
        let line = line.trim();
        if !line.is_empty() {
            text.push_str(line);
            text.push('\n');
        }
    }
    text.pop();
    text
}

fn push_text(out: &mut String, t: &str) {
    for (i, word) in t.split_whitespace().enumerate() {
        if (i > 0 || t.starts_with(char::is_whitespace))
            && !out.is_empty()
            && !out.ends_with([' ', '\n'])
        {
            out.push(' ');
        }
        out.push_str(word);
    }
    if t.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Collapses white space.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes an HTML file's bytes: a byte-order mark, else the charset the
/// page declares in its first bytes (`<meta charset>`, `http-equiv`), else
/// UTF-8. Arabic sites still serve windows-1256; a declared encoding other
/// than UTF-8 is decoded with encoding_rs, and malformed sequences are
/// replaced with a warning naming the first bad byte.
pub fn decode_html(bytes: Vec<u8>) -> Result<(String, Vec<String>), DocError> {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        return decode_with(enc, &bytes);
    }
    match declared_charset(&bytes) {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            if bytes.contains(&0) && !enc.name().starts_with("UTF-16") {
                return super::decode(bytes);
            }
            decode_with(enc, &bytes)
        }
        _ => super::decode(bytes),
    }
}

fn decode_with(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> Result<(String, Vec<String>), DocError> {
    let (text, used, had_errors) = enc.decode(bytes);
    let mut warnings = vec![format!("decoded from {}", used.name())];
    if had_errors {
        let at = first_bad_byte(used, bytes);
        warnings.push(format!("invalid {} replaced at byte {at}", used.name()));
    }
    Ok((text.into_owned(), warnings))
}

/// The offset of the first byte `enc` cannot decode.
fn first_bad_byte(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(room);
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, extra), read) => {
            read - bad as usize - extra as usize
        }
        _ => 0,
    }
}

/// The encoding a page declares in its first 4 KB, if any.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(i) = head[from..].find("charset") {
        let at = from + i + "charset".len();
        let rest = head[at..].trim_start();
        if let Some(rest) = rest.strip_prefix('=') {
            let label: String = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
                .collect();
            if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                return Some(enc);
            }
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_drops_furniture() {
        let html = r#"<html><head><title>T | Site</title>
            <meta property="article:published_time" content="2025-03-04T10:20:00+03:00"></head>
            <body><nav><a>الرئيسية</a></nav><header><div class="clock">الأحد 1 يناير</div></header>
            <article><h1>تعطل واتساب</h1><p>انقطعت الخدمة <b>مساء</b> أمس.</p>
            <div class="share">شارك</div><aside>الأكثر قراءة</aside><script>var x=1;</script>
            <p>عادت الخدمة.</p></article>
            <div id="comments">تعليق</div><footer>حقوق</footer></body></html>"#;
        let x = HtmlExtractor::new().extract(html);
        assert_eq!(x.text, "تعطل واتساب\nانقطعت الخدمة مساء أمس.\nعادت الخدمة.");
        assert_eq!(x.published, Date::new(2025, 3, 4));
        assert_eq!(x.title.as_deref(), Some("T | Site"));
    }

    #[test]
    fn json_ld_and_time_dates() {
        let e = HtmlExtractor::new();
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-07-19T08:00:00Z"}]}</script><p>x</p>"#;
        assert_eq!(e.extract(html).published, Date::new(2024, 7, 19));
        let html = r#"<article><time datetime="2023-10-14">14</time><p>x</p></article>"#;
        assert_eq!(e.extract(html).published, Date::new(2023, 10, 14));
    }

    #[test]
    fn windows_1256_pages_are_decoded() {
        let body = "<html><head><meta charset=\"windows-1256\"></head><body><p>تعطل واتساب</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(body);
        let (text, warnings) = decode_html(bytes.into_owned()).unwrap();
        assert!(text.contains("تعطل واتساب"), "{text}");
        assert_eq!(warnings, vec!["decoded from windows-1256".to_string()]);
        let http_equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>";
        assert_eq!(
            declared_charset(http_equiv),
            Some(encoding_rs::WINDOWS_1256)
        );
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}نص{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let x = HtmlExtractor::new().extract(&html);
        assert!(x.text.contains("نص"));
    }
}
