/*!
Inputs: paths and standard input, turned into a stream of raw documents.

A path is a `.txt` file (plain text), a `.html`/`.htm` file (a saved page),
a `.jsonl` file (one document per line), or a directory, walked recursively
in sorted path order for those extensions only. No path, or `-`, reads JSON
Lines from standard input.

Documents are produced lazily, one file or line at a time, so memory does not
grow with the corpus. A problem with one document (unreadable, binary, empty,
too large, a bad JSON line) becomes that document's error; it never stops the
stream.
*/

pub mod html;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{DocError, DocErrorKind};

/// The body of a document as read.
#[derive(Debug, Clone)]
pub enum Body {
    Text(String),
    Html(String),
}

/// A document before processing.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub id: String,
    /// The file it came from, as given on the command line.
    pub path: Option<String>,
    pub url: Option<String>,
    /// Publication date from the input metadata (JSONL `published`).
    pub published: Option<String>,
    pub body: Result<Body, DocError>,
    pub warnings: Vec<String>,
}

impl RawDoc {
    fn failed(id: String, path: Option<String>, error: DocError) -> RawDoc {
        RawDoc {
            id,
            path,
            url: None,
            published: None,
            body: Err(error),
            warnings: Vec::new(),
        }
    }
}

/// Where documents come from.
#[derive(Debug, Clone)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
}

/// The kind of a file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    Jsonl,
}

fn kind_of(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(FileKind::Text),
        "html" | "htm" => Some(FileKind::Html),
        "jsonl" => Some(FileKind::Jsonl),
        _ => None,
    }
}

/// One item of the expanded input list.
#[derive(Debug, Clone)]
enum Item {
    File(PathBuf, FileKind),
    Stdin,
    /// A path that could not be listed or has an unknown extension.
    Bad(PathBuf, DocError),
}

/// Expands paths into files: directories are walked recursively in sorted
/// order, following symlinks but never the same directory twice.
fn expand(sources: &[InputSource]) -> Vec<Item> {
    let mut out = Vec::new();
    for s in sources {
        match s {
            InputSource::Stdin => out.push(Item::Stdin),
            InputSource::Path(p) => {
                if p.is_dir() {
                    let mut seen = Vec::new();
                    walk(p, &mut seen, &mut out);
                } else {
                    match kind_of(p) {
                        Some(k) => out.push(Item::File(p.clone(), k)),
                        None if !p.exists() => out.push(Item::Bad(
                            p.clone(),
                            DocError::new(DocErrorKind::Io, "no such file or directory"),
                        )),
                        None => out.push(Item::Bad(
                            p.clone(),
                            DocError::new(
                                DocErrorKind::Io,
                                "unknown file type (expected .txt, .html, .htm or .jsonl)",
                            ),
                        )),
                    }
                }
            }
        }
    }
    out
}

fn walk(dir: &Path, seen: &mut Vec<PathBuf>, out: &mut Vec<Item>) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            out.push(Item::Bad(
                dir.to_path_buf(),
                DocError::new(DocErrorKind::Io, e.to_string()),
            ));
            return;
        }
    };
    if seen.contains(&canonical) {
        return; // a symlink loop, or a directory reached twice
    }
    seen.push(canonical);
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            v
        }
        Err(e) => {
            out.push(Item::Bad(
                dir.to_path_buf(),
                DocError::new(DocErrorKind::Io, e.to_string()),
            ));
            return;
        }
    };
    for p in entries {
        if p.is_dir() {
            walk(&p, seen, out);
        } else if let Some(k) = kind_of(&p) {
            out.push(Item::File(p, k));
        }
    }
}

/// A lazy stream of raw documents.
pub struct Documents {
    items: std::vec::IntoIter<Item>,
    lines: Option<LineSource>,
    max_bytes: u64,
    stdin_count: usize,
}

/// An open JSON Lines source.
struct LineSource {
    reader: Box<dyn BufRead + Send>,
    /// File stem for ids, or `None` for standard input.
    stem: Option<String>,
    path: Option<String>,
    line: usize,
}

impl Documents {
    pub fn new(sources: &[InputSource], max_bytes: u64) -> Documents {
        Documents {
            items: expand(sources).into_iter(),
            lines: None,
            max_bytes,
            stdin_count: 0,
        }
    }

    fn next_line(&mut self) -> Option<RawDoc> {
        let max = self.max_bytes;
        let src = self.lines.as_mut()?;
        loop {
            let mut buf = Vec::new();
            // Read at most max+1 bytes of the line; the rest is skipped.
            let read = read_line_bounded(&mut src.reader, &mut buf, max);
            src.line += 1;
            let line_no = src.line;
            let default_id = match &src.stem {
                Some(stem) => format!("{stem}:{line_no}"),
                None => {
                    self.stdin_count += 1;
                    format!("stdin:{line_no}")
                }
            };
            match read {
                Err(e) => {
                    let path = src.path.clone();
                    self.lines = None;
                    return Some(RawDoc::failed(
                        default_id,
                        path,
                        DocError::new(DocErrorKind::Io, format!("line {line_no}: {e}")),
                    ));
                }
                Ok(LineRead::Eof) => {
                    self.lines = None;
                    return None;
                }
                Ok(LineRead::TooLong(n)) => {
                    return Some(RawDoc::failed(
                        default_id,
                        src.path.clone(),
                        DocError::new(
                            DocErrorKind::TooLarge,
                            format!(
                                "line {line_no}: {n} bytes, over the limit of {max} bytes (--max-bytes)"
                            ),
                        ),
                    ));
                }
                Ok(LineRead::Line) => {
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(parse_json_line(&buf, line_no, default_id, src.path.clone()));
                }
            }
        }
    }
}

impl Iterator for Documents {
    type Item = RawDoc;

    fn next(&mut self) -> Option<RawDoc> {
        loop {
            if self.lines.is_some() {
                if let Some(d) = self.next_line() {
                    return Some(d);
                }
                continue;
            }
            let item = self.items.next()?;
            match item {
                Item::Stdin => {
                    self.lines = Some(LineSource {
                        reader: Box::new(BufReader::new(std::io::stdin())),
                        stem: None,
                        path: None,
                        line: 0,
                    });
                }
                Item::Bad(p, e) => {
                    return Some(RawDoc::failed(
                        stem_of(&p),
                        Some(p.display().to_string()),
                        e,
                    ));
                }
                Item::File(p, FileKind::Jsonl) => match File::open(&p) {
                    Ok(f) => {
                        self.lines = Some(LineSource {
                            reader: Box::new(BufReader::new(f)),
                            stem: Some(stem_of(&p)),
                            path: Some(p.display().to_string()),
                            line: 0,
                        });
                    }
                    Err(e) => {
                        return Some(RawDoc::failed(
                            stem_of(&p),
                            Some(p.display().to_string()),
                            DocError::new(DocErrorKind::Io, e.to_string()),
                        ));
                    }
                },
                Item::File(p, kind) => return Some(read_file(&p, kind, self.max_bytes)),
            }
        }
    }
}

enum LineRead {
    Line,
    Eof,
    TooLong(u64),
}

/// Reads one line into `buf` (without the newline), keeping at most `max`
/// bytes; a longer line is consumed and reported with its length.
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> std::io::Result<LineRead> {
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if !any {
                LineRead::Eof
            } else if total > max {
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total <= max {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            buf.clear();
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(if total > max {
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
    }
}

fn stem_of(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Decodes bytes as text: NUL bytes mean binary; invalid UTF-8 is replaced
/// with a warning naming the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Vec<String>), DocError> {
    if bytes.contains(&0) {
        let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(DocError::new(
            DocErrorKind::NotText,
            format!("binary content (NUL byte at offset {at})"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, Vec::new())),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let s = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok((s, vec![format!("invalid UTF-8 replaced at byte {at}")]))
        }
    }
}

fn read_file(p: &Path, kind: FileKind, max_bytes: u64) -> RawDoc {
    let id = stem_of(p);
    let path = Some(p.display().to_string());
    let fail = |e: DocError| RawDoc::failed(id.clone(), path.clone(), e);
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return fail(DocError::new(DocErrorKind::Io, e.to_string())),
    };
    if meta.len() > max_bytes {
        return fail(DocError::new(
            DocErrorKind::TooLarge,
            format!(
                "{} bytes, over the limit of {max_bytes} bytes (--max-bytes)",
                meta.len()
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read = File::open(p).and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return fail(DocError::new(DocErrorKind::Io, e.to_string()));
    }
    if bytes.len() as u64 > max_bytes {
        return fail(DocError::new(
            DocErrorKind::TooLarge,
            format!("over the limit of {max_bytes} bytes (--max-bytes)"),
        ));
    }
    let (body, warnings) = match kind {
        FileKind::Html => match html::decode_html(bytes) {
            Ok((s, w)) => (Body::Html(s), w),
            Err(e) => return fail(e),
        },
        _ => match decode(bytes) {
            Ok((s, w)) => (Body::Text(s), w),
            Err(e) => return fail(e),
        },
    };
    RawDoc {
        id,
        path,
        url: None,
        published: None,
        body: Ok(body),
        warnings,
    }
}

/// One JSON Lines document.
fn parse_json_line(bytes: &[u8], line: usize, default_id: String, path: Option<String>) -> RawDoc {
    let bad = |msg: String| {
        RawDoc::failed(
            default_id.clone(),
            path.clone(),
            DocError::new(DocErrorKind::BadJson, format!("line {line}: {msg}")),
        )
    };
    let (text, mut warnings) = match decode(bytes.to_vec()) {
        Ok(t) => t,
        Err(e) => return bad(e.message),
    };
    for w in &mut warnings {
        *w = format!("line {line}: {w}");
    }
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return bad(format!("not valid JSON: {e}")),
    };
    let serde_json::Value::Object(obj) = value else {
        return bad("not a JSON object".to_string());
    };
    let id = match obj.get("id") {
        None | Some(serde_json::Value::Null) => default_id.clone(),
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return bad("\"id\" must be a string".to_string()),
    };
    let string_field = |key: &str| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"{key}\" must be a string")),
        }
    };
    let fields = (|| -> Result<_, String> {
        Ok((
            string_field("text")?,
            string_field("html")?,
            string_field("url")?,
            string_field("published")?,
        ))
    })();
    let (text, html, url, published) = match fields {
        Ok(f) => f,
        Err(m) => {
            let mut d = bad(m);
            d.id = id;
            return d;
        }
    };
    let body = match (text, html) {
        (Some(t), _) => Body::Text(t),
        (None, Some(h)) => Body::Html(h),
        (None, None) => {
            let mut d = bad("no \"text\" or \"html\" field".to_string());
            d.id = id;
            return d;
        }
    };
    RawDoc {
        id,
        path,
        url,
        published,
        body: Ok(body),
        warnings,
    }
}
