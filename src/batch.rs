/*!
Running the pipeline over a stream of documents.

Documents are read in bounded chunks (a number of documents or of bytes,
whichever comes first), processed in parallel with rayon, and written in
input order, one line per document. Memory is bounded by the chunk, not the
corpus, and the output is byte-identical whatever the number of threads.

A panic inside the pipeline (a bug) is caught per document and becomes that
document's error record, so one bad document never costs the others.
*/

use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::input::{Body, RawDoc};
use crate::pipeline::{Options, Pipeline};
use crate::record::{ErrorOut, Record, SCHEMA, Source};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    Pretty,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub documents: usize,
    pub incidents: usize,
    pub errors: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// The reader of our output went away (`| head`): not an error.
    pub broken_pipe: bool,
}

/// How much to read before processing.
#[derive(Debug, Clone, Copy)]
pub struct Chunking {
    pub documents: usize,
    pub bytes: u64,
}

impl Default for Chunking {
    fn default() -> Self {
        Chunking {
            documents: 256,
            bytes: 32 << 20,
        }
    }
}

fn body_len(d: &RawDoc) -> u64 {
    match &d.body {
        Ok(Body::Text(t)) | Ok(Body::Html(t)) => t.len() as u64,
        Err(_) => 0,
    }
}

/// Processes one document, turning a panic into an error record.
pub fn process_one(pipeline: &Pipeline, doc: RawDoc, opts: &Options) -> Record {
    let id = doc.id.clone();
    let path = doc.path.clone();
    let url = doc.url.clone();
    match catch_unwind(AssertUnwindSafe(|| pipeline.process(doc, opts))) {
        Ok(r) => r,
        Err(_) => Record {
            schema: SCHEMA,
            id,
            source: Source {
                path,
                url,
                title: None,
                published: None,
                published_from: None,
            },
            incidents: Vec::new(),
            mentions: Vec::new(),
            warnings: Vec::new(),
            error: Some(ErrorOut {
                kind: "internal",
                message: "rasd failed on this document (a bug: please report it with the input)"
                    .to_string(),
            }),
            text: None,
        },
    }
}

/// What a run needs besides its documents and output.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub pipeline: &'a Pipeline,
    pub opts: &'a Options,
    pub format: Format,
    pub pool: &'a rayon::ThreadPool,
    pub chunking: Chunking,
    /// Show progress on stderr when it is a terminal.
    pub progress: bool,
}

/// Runs the job over `docs`, writing records to `out` in input order, and
/// calling `each` with every record (for evaluation).
pub fn run<W: Write>(
    job: &Job<'_>,
    docs: impl Iterator<Item = RawDoc> + Send,
    out: &mut W,
    mut each: impl FnMut(&Record),
) -> io::Result<Summary> {
    let Job {
        pipeline,
        opts,
        format,
        pool,
        chunking,
        progress,
    } = *job;
    let started = Instant::now();
    let mut summary = Summary::default();
    let show_progress = progress && io::stderr().is_terminal();
    let mut last_progress = Instant::now();
    if format == Format::Csv && write_line(out, CSV_HEADER, &mut summary)? {
        return Ok(finish(summary, started));
    }
    // A reader thread reads and parses the next chunk while the pool
    // processes this one; two chunks in flight bound the memory.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<RawDoc>, u64)>(1);
        scope.spawn(move || {
            let mut docs = docs;
            loop {
                let mut chunk = Vec::new();
                let mut bytes = 0;
                while chunk.len() < chunking.documents && bytes < chunking.bytes {
                    let Some(d) = docs.next() else { break };
                    bytes += body_len(&d);
                    chunk.push(d);
                }
                // An empty chunk is the end; a closed channel means the
                // writer stopped (the reader of our output went away).
                if chunk.is_empty() || tx.send((chunk, bytes)).is_err() {
                    break;
                }
            }
        });
        for (chunk, bytes) in rx {
            summary.bytes += bytes;
            let rendered: Vec<(Record, String)> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|d| {
                        let r = process_one(pipeline, d, opts);
                        let line = render(&r, format);
                        (r, line)
                    })
                    .collect()
            });
            for (record, line) in rendered {
                summary.documents += 1;
                summary.incidents += record.incidents.len();
                if record.error.is_some() {
                    summary.errors += 1;
                }
                each(&record);
                if write_line(out, &line, &mut summary)? {
                    return Ok(());
                }
            }
            if show_progress && last_progress.elapsed() > Duration::from_millis(500) {
                let secs = started.elapsed().as_secs_f64();
                eprint!(
                    "\rrasd: {} documents, {:.0} documents/s, {:.1} MB/s   ",
                    summary.documents,
                    summary.documents as f64 / secs,
                    summary.bytes as f64 / 1e6 / secs
                );
                last_progress = Instant::now();
            }
        }
        Ok::<(), io::Error>(())
    })?;
    if summary.broken_pipe {
        return Ok(finish(summary, started));
    }
    if show_progress {
        eprint!("\r\x1b[K");
    }
    if let Err(e) = out.flush() {
        if e.kind() == io::ErrorKind::BrokenPipe {
            summary.broken_pipe = true;
        } else {
            return Err(e);
        }
    }
    Ok(finish(summary, started))
}

fn finish(mut s: Summary, started: Instant) -> Summary {
    s.seconds = started.elapsed().as_secs_f64();
    s
}

/// Writes a line; `Ok(true)` when the reader has gone away.
fn write_line<W: Write>(out: &mut W, line: &str, summary: &mut Summary) -> io::Result<bool> {
    let r = out
        .write_all(line.as_bytes())
        .and_then(|_| out.write_all(b"\n"));
    match r {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            summary.broken_pipe = true;
            Ok(true)
        }
        Err(e) => Err(e),
    }
}

/// The CSV header (one row per incident).
pub const CSV_HEADER: &str =
    "id,role,platforms,date,duration_seconds,affected_value,affected_unit,causes,error";

/// One record in the chosen format (without the final newline).
pub fn render(r: &Record, format: Format) -> String {
    match format {
        Format::Jsonl => serde_json::to_string(r).expect("records serialise"),
        Format::Csv => csv_rows(r),
        Format::Pretty => pretty(r),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_rows(r: &Record) -> String {
    let error = r
        .error
        .as_ref()
        .map(|e| format!("{}: {}", e.kind, e.message))
        .unwrap_or_default();
    if r.incidents.is_empty() {
        return [
            csv_field(&r.id),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            csv_field(&error),
        ]
        .join(",");
    }
    let mut rows = Vec::new();
    for i in &r.incidents {
        let platforms: Vec<&str> = i.platforms.iter().map(|p| p.id.as_str()).collect();
        let causes: Vec<&str> = i.causes.iter().map(|c| c.category.as_str()).collect();
        let date = i
            .date
            .as_ref()
            .and_then(|d| {
                d.fields
                    .value
                    .clone()
                    .or_else(|| d.fields.weekday.map(|w| format!("weekday:{w}")))
            })
            .unwrap_or_default();
        let seconds = i
            .duration
            .as_ref()
            .and_then(|d| d.fields.seconds)
            .map(|s| serde_json::to_string(&s).expect("number"))
            .unwrap_or_default();
        let (value, unit) = i
            .affected
            .first()
            .map(|a| {
                (
                    a.fields
                        .value
                        .or(a.fields.min)
                        .map(|v| serde_json::to_string(&v).expect("number"))
                        .unwrap_or_default(),
                    a.fields
                        .unit
                        .map(|u| u.as_str().to_string())
                        .unwrap_or_default(),
                )
            })
            .unwrap_or_default();
        rows.push(
            [
                csv_field(&r.id),
                i.role.to_string(),
                platforms.join("|"),
                date,
                seconds,
                value,
                unit,
                causes.join("|"),
                csv_field(&error),
            ]
            .join(","),
        );
    }
    rows.join("\n")
}

fn pretty(r: &Record) -> String {
    let mut s = format!("── {}", r.id);
    if let Some(p) = &r.source.published {
        s.push_str(&format!(
            "  (published {p}, from {})",
            r.source.published_from.unwrap_or("?")
        ));
    }
    if let Some(e) = &r.error {
        s.push_str(&format!("\n   error {}: {}", e.kind, e.message));
    }
    for w in &r.warnings {
        s.push_str(&format!("\n   warning: {w}"));
    }
    if r.incidents.is_empty() && r.error.is_none() {
        s.push_str("\n   no incident reported");
    }
    for i in &r.incidents {
        let platforms: Vec<String> = i
            .platforms
            .iter()
            .map(|p| format!("{} «{}»", p.id, p.text))
            .collect();
        s.push_str(&format!("\n   {}: {}", i.role, platforms.join(", ")));
        if let Some(d) = &i.date {
            let v = d
                .fields
                .value
                .clone()
                .or_else(|| d.fields.weekday.map(|w| format!("{w} (no year)")))
                .unwrap_or_else(|| "?".to_string());
            s.push_str(&format!("\n      date      {v}  «{}»", d.text));
        }
        if let Some(d) = &i.duration {
            s.push_str(&format!(
                "\n      duration  {}  «{}»",
                d.fields
                    .iso8601
                    .clone()
                    .unwrap_or_else(|| "vague".to_string()),
                d.text
            ));
        }
        for a in i.affected.iter().take(3) {
            s.push_str(&format!(
                "\n      affected  {} {}  «{}»",
                a.fields
                    .value
                    .or(a.fields.min)
                    .map(|v| serde_json::to_string(&v).expect("number"))
                    .unwrap_or_default(),
                a.fields.unit.map(|u| u.as_str()).unwrap_or("?"),
                a.text
            ));
        }
        for c in &i.causes {
            s.push_str(&format!(
                "\n      cause     {} ({})  «{}»",
                c.category, c.status, c.text
            ));
        }
        if let Some(st) = i.status {
            s.push_str(&format!("\n      status    {st}"));
        }
    }
    s
}
