//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, when this checkout sits next to it.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.join("seeds/articles").is_dir().then_some(p)
}

/// Runs the binary with `args`, feeding `stdin`.
pub fn rasd(args: &[&str], stdin: Option<&[u8]>) -> Output {
    rasd_in(&root(), args, stdin)
}

/// Runs the binary in `dir`.
pub fn rasd_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasd"));
    cmd.current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("rasd runs");
    if let Some(input) = stdin {
        let mut s = child.stdin.take().expect("stdin");
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = s.write_all(&input);
        });
    }
    child.wait_with_output().expect("rasd finishes")
}

/// The records of a run that must succeed (exit 0; stderr shown if not).
pub fn ok_records(out: &Output) -> Vec<serde_json::Value> {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    records(out)
}

/// The ids of records, in order.
pub fn ids(recs: &[serde_json::Value]) -> Vec<&str> {
    recs.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

/// The output lines parsed as JSON.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Shows both sides when they differ.
#[macro_export]
macro_rules! eqnice {
    ($want:expr, $got:expr) => {{
        let (want, got) = (&$want, &$got);
        if want != got {
            panic!("\n--- expected ---\n{want}\n--- got ---\n{got}\n");
        }
    }};
}
