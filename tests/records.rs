//! Records of the whole corpus and of the seeds: one per document, valid
//! against record.schema.json, every span's text equal to its slice, and
//! the same bytes whatever the number of threads.

use crate::util::{ok_records, rasd, records, root, shared};

/// Record sets to check: the bundled corpus, and the seeds when present.
fn inputs() -> Vec<String> {
    let mut v = vec!["corpus/articles".to_string()];
    match shared() {
        Some(s) => v.push(s.join("seeds/articles").display().to_string()),
        None => eprintln!("skipped the seeds: ../shared/seeds not found"),
    }
    v
}

/// Documents under a directory: one per .txt/.html file, one per JSONL line.
fn count_documents(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        match p.extension().and_then(|e| e.to_str()) {
            Some("txt" | "html" | "htm") => n += 1,
            Some("jsonl") => {
                n += std::fs::read_to_string(&p)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
            }
            _ => {}
        }
    }
    n
}

#[test]
fn one_valid_record_per_document() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("record.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    for input in inputs() {
        for flags in [&[][..], &["--mentions", "--text"][..]] {
            let mut args = vec!["extract", "-q"];
            args.extend_from_slice(flags);
            args.push(&input);
            let out = rasd(&args, None);
            let recs = ok_records(&out);
            let dir = if std::path::Path::new(&input).is_absolute() {
                std::path::PathBuf::from(&input)
            } else {
                root().join(&input)
            };
            assert_eq!(recs.len(), count_documents(&dir), "{input}");
            // The validator does reject records that break the contract.
            let mut broken = recs[0].clone();
            broken.as_object_mut().unwrap().remove("error");
            assert!(!validator.is_valid(&broken));
            let mut broken = recs
                .iter()
                .find(|r| !r["incidents"].as_array().unwrap().is_empty())
                .unwrap()
                .clone();
            broken["incidents"][0]["role"] = "main".into();
            assert!(!validator.is_valid(&broken));
            for r in &recs {
                let errors: Vec<String> = validator
                    .iter_errors(r)
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{} {flags:?}: {}",
                    r["id"],
                    errors.join("\n")
                );
            }
        }
    }
}

/// Every `text` next to a `span` in `v`, with the span.
fn located(v: &serde_json::Value, out: &mut Vec<(String, usize, usize)>) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(serde_json::Value::String(t)), Some(serde_json::Value::Array(s))) =
                (map.get("text"), map.get("span"))
            {
                out.push((
                    t.clone(),
                    s[0].as_u64().unwrap() as usize,
                    s[1].as_u64().unwrap() as usize,
                ));
            }
            for (k, x) in map {
                if k != "text" {
                    located(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| located(x, out)),
        _ => {}
    }
}

#[test]
fn every_span_slices_to_its_text() {
    for input in inputs() {
        let out = rasd(&["extract", "-q", "--mentions", "--text", &input], None);
        let mut checked = 0;
        for r in records(&out) {
            let text: Vec<char> = r["text"].as_str().expect("--text").chars().collect();
            let mut spans = Vec::new();
            located(&r["incidents"], &mut spans);
            located(&r["mentions"], &mut spans);
            for (t, s, e) in spans {
                assert!(
                    s < e && e <= text.len(),
                    "{}: span {s}..{e} of {}",
                    r["id"],
                    text.len()
                );
                let slice: String = text[s..e].iter().collect();
                assert_eq!(slice, t, "{}: span {s}..{e}", r["id"]);
                checked += 1;
            }
            for ev in r["incidents"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|i| i["evidence"].as_array().unwrap())
            {
                let (s, e) = (
                    ev[0].as_u64().unwrap() as usize,
                    ev[1].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= text.len());
            }
        }
        assert!(checked > 100, "{input}: only {checked} spans");
    }
}

#[test]
fn threads_do_not_change_a_byte() {
    for input in inputs() {
        let one = rasd(
            &["extract", "-q", "--mentions", "--threads", "1", &input],
            None,
        );
        let two = rasd(
            &["extract", "-q", "--mentions", "--threads", "2", &input],
            None,
        );
        assert_eq!(one.status.code(), Some(0));
        assert!(!one.stdout.is_empty());
        assert!(
            one.stdout == two.stdout,
            "{input}: --threads 1 and --threads 2 differ"
        );
    }
}
