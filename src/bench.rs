/*!
`rasd bench`: end-to-end throughput and peak memory on generated corpora.

It generates a text and an HTML corpus (JSON Lines, see `gen.rs`) and runs
`rasd extract --stats` on each as a child process per thread count, so that
each measurement includes reading, extraction and writing, and its peak
memory is the child's own (`VmHWM` from `/proc/self/status`).
*/

use std::path::Path;
use std::process::Command;

use crate::synth::{self, Shape};

/// One measurement.
#[derive(Debug, Clone)]
pub struct Measure {
    pub input: &'static str,
    pub threads: usize,
    pub documents: usize,
    pub bytes: u64,
    pub seconds: f64,
    pub peak_rss_kb: Option<u64>,
}

impl Measure {
    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }
    pub fn docs_per_s(&self) -> f64 {
        self.documents as f64 / self.seconds
    }
}

/// The peak resident memory of this process, in kB (Linux).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// The statistics line of `rasd extract --stats`.
pub fn stats_line(documents: usize, bytes: u64, seconds: f64) -> String {
    let rss = peak_rss_kb().map_or_else(|| "unknown".to_string(), |k| k.to_string());
    format!("rasd-stats documents={documents} bytes={bytes} seconds={seconds:.3} peak_rss_kb={rss}")
}

fn parse_stats(stderr: &str) -> Option<(usize, u64, f64, Option<u64>)> {
    let line = stderr.lines().find(|l| l.starts_with("rasd-stats "))?;
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
    };
    Some((
        field("documents")?.parse().ok()?,
        field("bytes")?.parse().ok()?,
        field("seconds")?.parse().ok()?,
        field("peak_rss_kb").and_then(|v| v.parse().ok()),
    ))
}

/// Generates the corpora in `dir` (when absent) and measures each input at
/// each thread count.
pub fn run(
    exe: &Path,
    sources_dir: &Path,
    dir: &Path,
    megabytes: u64,
    threads: &[usize],
    inputs: &[(&'static str, Shape)],
) -> std::io::Result<Vec<Measure>> {
    let sources = synth::load_sources(sources_dir)?;
    std::fs::create_dir_all(dir)?;
    let mut out = Vec::new();
    for &(name, shape) in inputs {
        let file = dir.join(format!("{name}-{megabytes}mb.jsonl"));
        if !file.exists() {
            eprintln!("rasd bench: generating {} ...", file.display());
            let mut w = std::io::BufWriter::new(std::fs::File::create(&file)?);
            synth::generate(&sources, shape, megabytes * 1_000_000, 1, &mut w, None)?;
        }
        for &t in threads {
            let result = Command::new(exe)
                .args([
                    "extract",
                    "-q",
                    "--stats",
                    "--threads",
                    &t.to_string(),
                    "-o",
                    "/dev/null",
                ])
                .arg(&file)
                .output()?;
            let stderr = String::from_utf8_lossy(&result.stderr);
            let (documents, bytes, seconds, peak_rss_kb) =
                parse_stats(&stderr).ok_or_else(|| {
                    std::io::Error::other(format!("no statistics from rasd: {stderr}"))
                })?;
            let m = Measure {
                input: name,
                threads: t,
                documents,
                bytes,
                seconds,
                peak_rss_kb,
            };
            eprintln!(
                "rasd bench: {name} x{t}: {:.1} MB/s, {:.0} documents/s",
                m.mb_per_s(),
                m.docs_per_s()
            );
            out.push(m);
        }
    }
    Ok(out)
}

/// The results as a table.
pub fn table(ms: &[Measure]) -> String {
    let mut s = String::from(
        "input  threads  documents      MB   seconds    MB/s   MB/s/thread  documents/s  peak RSS MB  speed-up\n",
    );
    for m in ms {
        let base = ms
            .iter()
            .find(|b| b.input == m.input && b.threads == 1)
            .map(|b| b.seconds / m.seconds);
        s.push_str(&format!(
            "{:<6} {:>7} {:>10} {:>7.1} {:>9.2} {:>7.1} {:>12.1} {:>12.0} {:>12} {:>9}\n",
            m.input,
            m.threads,
            m.documents,
            m.bytes as f64 / 1e6,
            m.seconds,
            m.mb_per_s(),
            m.mb_per_s() / m.threads as f64,
            m.docs_per_s(),
            m.peak_rss_kb
                .map_or("?".to_string(), |k| format!("{:.0}", k as f64 / 1024.0)),
            base.map_or("-".to_string(), |b| format!("{b:.2}x")),
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_stats_line() {
        let l = "rasd: 3 documents\nrasd-stats documents=3 bytes=1200 seconds=0.500 peak_rss_kb=20480\n";
        assert_eq!(parse_stats(l), Some((3, 1200, 0.5, Some(20480))));
    }
}
