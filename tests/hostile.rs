//! Hostile input: every bad document still gets its record, in order, with a
//! clear error or warning, and every other document is untouched.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{ids, ok_records, rasd, records};

/// A good document placed between bad ones.
const GOOD: &str = "تعطل تطبيق واتساب مساء أمس لمدة ساعتين.";

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// Runs rasd on `dir` and returns (records by file stem, exit code).
fn run_dir(dir: &std::path::Path, extra: &[&str]) -> (Vec<serde_json::Value>, Option<i32>) {
    let mut args = vec!["-q"];
    args.extend_from_slice(extra);
    let d = dir.to_str().unwrap().to_string();
    args.push(&d);
    let out = rasd(&args, None);
    (records(&out), out.status.code())
}

#[test]
fn bad_files_get_records_and_the_others_are_kept_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "a_good.txt", GOOD.as_bytes());
    // Invalid UTF-8 in the middle: decoded lossily, with the byte offset.
    let mut bad = "تعطل فيسبوك ".as_bytes().to_vec();
    let at = bad.len();
    bad.extend_from_slice(&[0xFF, 0xFE, b' ']);
    bad.extend_from_slice("مساء أمس.".as_bytes());
    write(p, "b_latin1.txt", &bad);
    write(p, "c_binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00binary");
    write(p, "d_empty.txt", b"");
    write(p, "e_huge.txt", &vec![b'a'; 5000]);
    write(p, "f_good.txt", GOOD.as_bytes());
    // A dangling symlink cannot be read.
    std::os::unix::fs::symlink(p.join("nowhere.txt"), p.join("g_dangling.txt")).unwrap();
    // A directory that links back to its parent.
    std::fs::create_dir(p.join("h_loop")).unwrap();
    std::os::unix::fs::symlink(p, p.join("h_loop/back")).unwrap();
    write(&p.join("h_loop"), "inner.txt", GOOD.as_bytes());

    let (recs, code) = run_dir(p, &["--max-bytes", "4000"]);
    assert_eq!(code, Some(1));
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "a_good",
            "b_latin1",
            "c_binary",
            "d_empty",
            "e_huge",
            "f_good",
            "g_dangling",
            "inner"
        ]
    );
    let kind = |i: usize| recs[i]["error"]["kind"].as_str().unwrap_or("-").to_string();
    assert_eq!(kind(0), "-");
    assert_eq!(kind(1), "-");
    assert_eq!(
        recs[1]["warnings"][0],
        format!("invalid UTF-8 replaced at byte {at}")
    );
    assert_eq!(recs[1]["incidents"][0]["platforms"][0]["id"], "facebook");
    assert_eq!(kind(2), "not_text");
    assert_eq!(kind(3), "empty");
    assert_eq!(kind(4), "too_large");
    assert_eq!(kind(5), "-");
    assert_eq!(kind(6), "io");
    assert_eq!(kind(7), "-");
    for i in [0, 5, 7] {
        assert_eq!(
            recs[i]["incidents"][0]["platforms"][0]["id"], "whatsapp",
            "{}",
            recs[i]
        );
    }
}

#[test]
fn broken_html_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(
        p,
        "a_truncated.html",
        "<html><body><article><h1>تعطل تيك توك</h1><p>توقف تطبيق تيك توك عن العمل مس".as_bytes(),
    );
    write(
        p,
        "b_unclosed.html",
        "<div><p>انقطعت خدمة تيليجرام <b>لساعات<i> في عدة دول <div><span>".as_bytes(),
    );
    let deep = format!(
        "{}<p>تعطل موقع يوتيوب لمدة ساعة.</p>{}",
        "<div><span>".repeat(5000),
        "</span></div>".repeat(10)
    );
    write(p, "c_deep.html", deep.as_bytes());
    let scripts = format!(
        "<html><head>{}</head><body>{}<article><p>تعطل سناب شات صباح اليوم.</p></article><script>{}</script></body></html>",
        "<script>var a = '<p>تعطل فيسبوك</p>';</script>".repeat(200),
        "<style>p{color:red}</style>".repeat(200),
        "x=1;".repeat(10000)
    );
    write(p, "d_scripts.html", scripts.as_bytes());
    let page = "<html><head><meta charset=\"windows-1256\"><title>عطل</title></head><body><article><p>تعطلت خدمة جيميل مساء السبت.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
    write(p, "e_cp1256.html", &bytes);
    write(
        p,
        "f_empty_page.html",
        b"<html><head><title></title></head><body><nav>x</nav></body></html>",
    );

    let (recs, code) = run_dir(p, &["--text"]);
    assert_eq!(code, Some(1), "only the empty page is an error");
    let first = |i: usize| recs[i]["incidents"][0]["platforms"][0]["id"].clone();
    assert_eq!(first(0), "tiktok");
    assert_eq!(first(1), "telegram");
    assert_eq!(first(2), "youtube");
    assert_eq!(first(3), "snapchat");
    assert!(
        !recs[3]["text"].as_str().unwrap().contains("فيسبوك"),
        "script text is not article text"
    );
    assert_eq!(first(4), "gmail");
    assert_eq!(recs[4]["warnings"][0], "decoded from windows-1256");
    assert_eq!(recs[5]["error"]["kind"], "empty");
}

#[test]
fn bad_json_lines_are_named_by_line() {
    let big = format!(
        "{{\"id\":\"big\",\"text\":\"{}\"}}",
        "تعطل واتساب ".repeat(500_000)
    );
    assert!(big.len() > 10_000_000);
    let input = [
        r#"{"id":"one","text":"تعطل فيسبوك"}"#,
        "{not json",
        "42",
        r#"{"id":"no_text","url":"https://x"}"#,
        r#"{"id":"wrong_type","text":["a"]}"#,
        r#"{"id":"html_number","html":5}"#,
        &big,
        r#"{"id":"last","text":"انقطعت خدمة تيليجرام"}"#,
    ]
    .join("\n");
    let out = rasd(&["-q", "--max-bytes", "12000000"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 8);
    let expect = [
        ("one", None),
        ("stdin:2", Some("line 2: not valid JSON")),
        ("stdin:3", Some("line 3: not a JSON object")),
        ("no_text", Some("line 4: no \"text\" or \"html\" field")),
        ("wrong_type", Some("line 5: \"text\" must be a string")),
        ("html_number", Some("line 6: \"html\" must be a string")),
        ("big", None),
        ("last", None),
    ];
    for (r, (id, err)) in recs.iter().zip(expect) {
        assert_eq!(r["id"], id);
        match err {
            None => assert!(r["error"].is_null(), "{id}: {}", r["error"]),
            Some(prefix) => {
                assert_eq!(r["error"]["kind"], "bad_json", "{id}");
                assert!(
                    r["error"]["message"].as_str().unwrap().starts_with(prefix),
                    "{id}: {}",
                    r["error"]
                );
            }
        }
    }
    assert_eq!(recs[6]["incidents"][0]["platforms"][0]["id"], "whatsapp");
    // Over --max-bytes, a line is too_large and the next one still read.
    let out = rasd(&["-q", "--max-bytes", "1000000"], Some(input.as_bytes()));
    let recs = records(&out);
    assert_eq!(recs[6]["error"]["kind"], "too_large");
    assert_eq!(recs[7]["id"], "last");
}

#[test]
fn strange_text_is_read_without_error() {
    let texts = [
        (
            "english",
            "Twitter was down for two hours on Monday, according to Downdetector.".to_string(),
        ),
        ("digits", "0123456789 ".repeat(20_000)),
        ("chinese", "微博服务中断了两个小时。".repeat(1000)),
        (
            "no_punctuation",
            "انقطعت خدمة الإنترنت في العراق لساعات طويلة ".repeat(25_000),
        ),
        ("repeated", "تعطل فيسبوك ".repeat(100_000)),
        ("numbers", "أكثر من 5000 بلاغ و ".repeat(30_000)),
        // Causes, connectives and outage words in one endless sentence:
        // every cause rule must stay near-linear.
        (
            "causes",
            "وتسبب العطل في امتحانات قطعت السلطات الإنترنت بسبب ليس هجوما إلكترونيا ".repeat(20_000),
        ),
        // Recalls with thousands of dates and past cues in one sentence, and
        // returns set against contrasts: each date and cue is placed by a
        // search, not a scan of the sentence.
        (
            "recalls",
            "وكانت المنصة قد شهدت انقطاعا في أكتوبر الماضي وذلك العطل حينها ".repeat(20_000),
        ),
        (
            "contrasts",
            "تعطل فيسبوك فيما عملت أجهزة الصراف بشكل طبيعي ".repeat(20_000),
        ),
    ];
    let input: String = texts
        .iter()
        .map(|(id, t)| format!("{}\n", serde_json::json!({"id": id, "text": t})))
        .collect();
    let out = rasd(&["-q"], Some(input.as_bytes()));
    let recs = ok_records(&out);
    let ids = ids(&recs);
    assert_eq!(ids, texts.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    assert_eq!(recs[4]["incidents"][0]["platforms"][0]["id"], "facebook");
}

/// Found by fuzzing (`fuzz/artifacts/pipeline/crash-c981fe0a…`): a verb of
/// denial at the end of a line and an outage word on the next made one
/// denial that ran past its sentence, and cutting its clause panicked.
#[test]
fn a_denial_does_not_run_past_its_line() {
    let text = "تعطل واتساب صباح اليوم ونفت الشركة\nانقطاع فيسبوك.";
    let input = format!("{}\n", serde_json::json!({"id": "d", "text": text}));
    let out = rasd(&["-q"], Some(input.as_bytes()));
    let recs = ok_records(&out);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["error"].is_null(), "{}", recs[0]);
    assert_eq!(recs[0]["incidents"][0]["platforms"][0]["id"], "whatsapp");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let input: String = (0..5000)
        .map(|i| {
            format!(
                "{}\n",
                serde_json::json!({"id": format!("d{i}"), "text": GOOD})
            )
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    // Read one line, then close the pipe, as `| head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut first);
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
