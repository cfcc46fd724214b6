//! Lexicon loading through the CLI: bad files are reported as file:line and
//! stop the run with status 2.

use crate::util::rasd;

#[test]
fn bad_lexicon_line_gives_exit_2_and_file_line() {
    let dir = tempfile::tempdir().unwrap();
    let units = "surface\tunit\nبلاغ\treports\nشكوى\tcomplaints\nمستخدم\n";
    std::fs::write(dir.path().join("units.tsv"), units).unwrap();
    let lex = dir.path().to_str().unwrap();
    for args in [
        vec!["lexicons", "check", lex],
        vec!["extract", "--lexicons", lex, "corpus/articles"],
    ] {
        let out = rasd(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let path = dir.path().join("units.tsv");
        let path = path.display();
        assert!(
            err.contains(&format!("{path}:3: unknown value \"complaints\"")),
            "{err}"
        );
        assert!(
            err.contains(&format!("{path}:4: expected 2 TAB-separated cells")),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "no records on a configuration error");
    }
}

#[test]
fn duplicate_surfaces_are_reported_with_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    // أمس and امس are one surface after normalisation.
    std::fs::write(
        dir.path().join("relative_days.tsv"),
        "surface\toffset\nأمس\t-1\nامس\t-1\n",
    )
    .unwrap();
    let out = rasd(&["lexicons", "check", dir.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("relative_days.tsv:3: duplicate surface \"امس\" (first at line 2)"),
        "{err}"
    );
}

#[test]
fn exported_lexicons_check_clean_and_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex");
    let lex = lex.to_str().unwrap();
    assert_eq!(
        rasd(&["lexicons", "export", lex], None).status.code(),
        Some(0)
    );
    let out = rasd(&["lexicons", "check", lex], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Removing a spelling from the directory changes what is found.
    let names = std::path::Path::new(lex).join("platform_names.tsv");
    let kept: String = std::fs::read_to_string(&names)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("whatsapp\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&names, kept).unwrap();
    let doc = r#"{"id":"a","text":"تعطل تطبيق واتساب مساء أمس."}"#;
    let with = rasd(&["-q"], Some(doc.as_bytes()));
    let without = rasd(&["-q", "--lexicons", lex], Some(doc.as_bytes()));
    assert!(String::from_utf8_lossy(&with.stdout).contains("\"whatsapp\""));
    assert!(!String::from_utf8_lossy(&without.stdout).contains("\"whatsapp\""));
}
