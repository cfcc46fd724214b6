//! The case tables in `tests/cases/*.jsonl` (format in tests/cases/README.md):
//! many surface forms per expected value, Duckling style. Every failure is
//! collected and reported together; a case marked `skip` is a known failure
//! kept with its reason, and is reported when it starts passing.
//!
//! `CASES=numbers,dates` runs only those files; `CASES=-slow` excludes.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rasd::input::{Body, RawDoc};
use rasd::{Lexicons, Options, Pipeline};
use serde_json::Value;

use crate::util::root;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Lexicons::embedded().expect("embedded lexicons load")))
}

/// The record of `text` as JSON, with mentions.
pub fn record_of(text: &str, published: Option<&str>) -> Value {
    let doc = RawDoc {
        id: "case".to_string(),
        path: None,
        url: None,
        published: published.map(str::to_string),
        body: Ok(Body::Text(text.to_string())),
        warnings: Vec::new(),
    };
    let opts = Options {
        mentions: true,
        text: false,
        published: None,
    };
    serde_json::to_value(pipeline().process(doc, &opts)).unwrap()
}

/// True when every key of `want` has the same value in `got`. Lists of
/// platform ids and cause categories compare as sets.
fn subset(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|x| subset(v, x))),
        (Value::Number(a), Value::Number(b)) => {
            (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-6
        }
        (Value::Array(w), Value::Array(g)) => {
            w.len() == g.len() && w.iter().all(|x| g.iter().any(|y| subset(x, y)))
        }
        _ => want == got,
    }
}

/// Reduces an incident to the shape case tables speak.
fn incident_view(i: &Value) -> Value {
    let mut v = serde_json::Map::new();
    v.insert(
        "platforms".into(),
        Value::Array(
            i["platforms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].clone())
                .collect(),
        ),
    );
    v.insert("date".into(), i["date"].clone());
    v.insert("duration".into(), i["duration"].clone());
    v.insert(
        "affected".into(),
        i["affected"]
            .as_array()
            .unwrap()
            .first()
            .cloned()
            .unwrap_or(Value::Null),
    );
    v.insert(
        "causes".into(),
        Value::Array(
            i["causes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| serde_json::json!({"category": c["category"], "status": c["status"]}))
                .collect(),
        ),
    );
    v.insert(
        "regions".into(),
        Value::Array(
            i["regions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].clone())
                .collect(),
        ),
    );
    v.insert("status".into(), i["status"].clone());
    Value::Object(v)
}

/// Checks one text against `expect`; `Err` says what was wrong.
fn check(text: &str, published: Option<&str>, expect: &Value) -> Result<(), String> {
    let r = record_of(text, published);
    let mentions = r["mentions"].as_array().unwrap();
    let incidents = r["incidents"].as_array().unwrap();
    let primary = incidents.iter().find(|i| i["role"] == "primary");
    let mut problems = Vec::new();
    let mut wanted: Vec<&Value> = Vec::new();
    if let Some(m) = expect.get("mention") {
        wanted.push(m);
    }
    if let Some(Value::Array(ms)) = expect.get("mentions") {
        wanted.extend(ms);
    }
    for w in &wanted {
        if !mentions.iter().any(|m| subset(w, m)) {
            let kind = &w["kind"];
            let same_kind: Vec<&Value> = mentions.iter().filter(|m| &m["kind"] == kind).collect();
            problems.push(format!(
                "no mention {w}; {kind} mentions: {}",
                Value::Array(same_kind.into_iter().cloned().collect())
            ));
        }
    }
    if let Some(n) = expect.get("no_mention")
        && let Some(m) = mentions.iter().find(|m| subset(n, m))
    {
        problems.push(format!("unexpected mention {m}"));
    }
    if let Some(p) = expect.get("primary") {
        match primary {
            None => problems.push("no primary incident".to_string()),
            Some(i) => {
                let view = incident_view(i);
                for (k, v) in p.as_object().unwrap() {
                    let ok = match (v, &view[k]) {
                        (Value::Null, g) => g.is_null(),
                        (w, g) => subset(w, g),
                    };
                    if !ok {
                        problems.push(format!("primary {k}: want {v}, got {}", view[k]));
                    }
                }
            }
        }
    }
    if expect.get("no_primary") == Some(&Value::Bool(true))
        && let Some(p) = primary
    {
        problems.push(format!("unexpected primary {}", incident_view(p)));
    }
    if let Some(n) = expect.get("related_count") {
        let got = incidents.iter().filter(|i| i["role"] == "related").count();
        if Some(got as u64) != n.as_u64() {
            problems.push(format!("related incidents: want {n}, got {got}"));
        }
    }
    // Each expected related incident must be one of the related incidents.
    if let Some(want) = expect.get("related").and_then(Value::as_array) {
        let views: Vec<Value> = incidents
            .iter()
            .filter(|i| i["role"] == "related")
            .map(incident_view)
            .collect();
        for w in want {
            if !views.iter().any(|v| subset(w, v)) {
                problems.push(format!(
                    "no related incident {w}; related: {}",
                    Value::Array(views.clone())
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n      "))
    }
}

fn selected(stem: &str) -> bool {
    let Ok(filter) = std::env::var("CASES") else {
        return true;
    };
    let parts: Vec<&str> = filter.split(',').filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| p.strip_prefix('-') == Some(stem)) {
        return false;
    }
    let positive: Vec<&&str> = parts.iter().filter(|p| !p.starts_with('-')).collect();
    positive.is_empty() || positive.iter().any(|p| **p == stem)
}

#[derive(Default)]
struct Tally {
    cases: usize,
    passed: usize,
    skipped: usize,
    now_passing: Vec<String>,
    failures: Vec<String>,
}

#[test]
fn case_tables() {
    let dir = root().join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut report: BTreeMap<String, Tally> = BTreeMap::new();
    for file in files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        if !selected(&stem) {
            continue;
        }
        let tally = report.entry(stem.clone()).or_default();
        for (n, line) in std::fs::read_to_string(&file).unwrap().lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let case: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            let name = case["name"].as_str().unwrap_or("?");
            let published = case["published"].as_str();
            let skip = case["skip"].as_str();
            let texts = case["texts"]
                .as_array()
                .unwrap_or_else(|| panic!("{stem}/{name}: no texts"));
            for t in texts {
                let t = t.as_str().unwrap();
                tally.cases += 1;
                match (check(t, published, &case["expect"]), skip) {
                    (Ok(()), None) => tally.passed += 1,
                    (Ok(()), Some(_)) => {
                        tally.passed += 1;
                        tally.now_passing.push(format!("{stem}/{name}: «{t}»"));
                    }
                    (Err(_), Some(_)) => tally.skipped += 1,
                    (Err(e), None) => tally
                        .failures
                        .push(format!("{stem}/{name} (line {}): «{t}»\n      {e}", n + 1)),
                }
            }
        }
    }
    let mut failures = 0;
    for (stem, t) in &report {
        eprintln!(
            "cases/{stem}: {} cases, {} passed, {} skipped (known failures), {} failed",
            t.cases,
            t.passed,
            t.skipped,
            t.failures.len()
        );
        for p in &t.now_passing {
            eprintln!("  skip now passes (remove the skip): {p}");
        }
        for f in &t.failures {
            eprintln!("  FAIL {f}");
        }
        failures += t.failures.len();
    }
    assert_eq!(failures, 0, "{failures} case(s) failed; see above");
}
