//! The command line: inputs, formats, errors and exit codes.

use crate::util::{ids, ok_records, rasd, records};

#[test]
fn stdin_jsonl_keeps_order_and_ids() {
    let input = concat!(
        r#"{"id":"b","text":"تعطل تطبيق واتساب مساء أمس لمدة ساعتين.","published":"2024-03-06"}"#,
        "\n",
        r#"{"text":"انقطعت خدمة إنستغرام."}"#,
        "\n\n",
        r#"{"id":"a","html":"<html><body><article><h1>عطل في فيسبوك</h1><p>تعطل فيسبوك اليوم.</p></article></body></html>"}"#,
        "\n"
    );
    let out = rasd(&["-q"], Some(input.as_bytes()));
    let recs = ok_records(&out);
    let ids = ids(&recs);
    assert_eq!(ids, ["b", "stdin:2", "a"]);
    assert_eq!(recs[0]["source"]["published"], "2024-03-06");
    assert_eq!(recs[0]["source"]["published_from"], "input");
    assert_eq!(recs[0]["incidents"][0]["date"]["value"], "2024-03-05");
    assert_eq!(recs[0]["incidents"][0]["duration"]["seconds"], 7200);
    assert_eq!(recs[2]["incidents"][0]["platforms"][0]["id"], "facebook");
}

#[test]
fn a_bad_json_line_gets_an_error_record_and_exit_1() {
    let input = "{\"id\":\"ok\",\"text\":\"تعطل واتساب\"}\nnot json\n[1,2]\n{\"id\":\"x\"}\n{\"id\":\"y\",\"text\":5}\n{\"id\":\"z\",\"text\":\"عطل في تيليجرام\"}\n";
    let out = rasd(&["-q"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 6);
    for (i, r) in recs.iter().enumerate() {
        let err = &r["error"];
        if i == 0 || i == 5 {
            assert!(err.is_null(), "{r}");
        } else {
            assert_eq!(err["kind"], "bad_json", "{r}");
            assert!(
                err["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("line {}:", i + 1)),
                "{r}"
            );
        }
    }
    assert_eq!(recs[3]["id"], "x");
}

#[test]
fn formats_csv_and_pretty() {
    let input = r#"{"id":"d","text":"تعطل تطبيق واتساب مساء أمس لمدة ساعتين بسبب خلل برمجي.","published":"2024-03-06"}"#;
    let out = rasd(&["--format", "csv", "-q"], Some(input.as_bytes()));
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,role,platforms,date,duration_seconds,affected_value,affected_unit,causes,error")
    );
    assert_eq!(
        lines.next(),
        Some("d,primary,whatsapp,2024-03-05,7200,,,software_bug,")
    );
    let out = rasd(&["--format", "pretty", "-q"], Some(input.as_bytes()));
    let pretty = String::from_utf8(out.stdout).unwrap();
    assert!(pretty.contains("primary: whatsapp"), "{pretty}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(rasd(&["--no-such-flag"], None).status.code(), Some(2));
    assert_eq!(
        rasd(&["--threads", "0", "corpus/articles"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        rasd(&["--published", "yesterday", "corpus/articles"], None)
            .status
            .code(),
        Some(2)
    );
    let help = rasd(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Exit status"));
}

#[test]
fn missing_and_empty_files_get_error_records() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "تعطل فيسبوك").unwrap();
    std::fs::write(dir.path().join("b.txt"), "  \n").unwrap();
    std::fs::write(dir.path().join("c.txt"), b"\x00\x01binary").unwrap();
    let d = dir.path().to_str().unwrap();
    let missing = dir.path().join("nope.txt");
    let out = rasd(&["-q", d, missing.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    let kinds: Vec<&str> = recs
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(kinds, ["-", "empty", "not_text", "io"]);
}

#[test]
fn eval_prints_the_table() {
    let out = rasd(
        &["eval", "--gold", "corpus/gold.jsonl", "corpus/articles"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    for field in [
        "platforms",
        "date",
        "duration",
        "affected",
        "causes",
        "mean F1",
        "related recall",
    ] {
        assert!(table.contains(field), "{table}");
    }
    let out = rasd(
        &[
            "eval",
            "--json",
            "--gold",
            "corpus/gold.jsonl",
            "corpus/articles",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gold_lines = std::fs::read_to_string(crate::util::root().join("corpus/gold.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(
        v["documents"], gold_lines as u64,
        "every gold document has a record"
    );
    assert!(v["mean_f1"].as_f64().unwrap() > 0.5);
}
