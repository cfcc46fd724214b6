//! What every fuzz target checks of a record: it serialises, it has exactly
//! its fields, and every `text` next to a `span` is that slice of the text.

use std::sync::OnceLock;

use rasd::input::{Body, RawDoc};
use rasd::{Lexicons, Options, Pipeline};

pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Lexicons::embedded().expect("embedded lexicons")))
}

pub fn check(body: Body, published: Option<String>) {
    let doc = RawDoc {
        id: "fuzz".into(),
        path: None,
        url: None,
        published,
        body: Ok(body),
        warnings: vec![],
    };
    let opts = Options {
        mentions: true,
        text: true,
        published: None,
    };
    let record = pipeline().process(doc, &opts);
    let v = serde_json::to_value(&record).expect("records serialise");
    let Some(text) = v["text"].as_str() else {
        assert!(!v["error"].is_null(), "no text and no error");
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    spans(&v["incidents"], &chars);
    spans(&v["mentions"], &chars);
}

fn spans(v: &serde_json::Value, chars: &[char]) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(t), Some(s)) = (m.get("text"), m.get("span")) {
                let (a, b) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
                assert!(a < b && b <= chars.len(), "span {a}..{b} of {}", chars.len());
                let slice: String = chars[a..b].iter().collect();
                assert_eq!(slice, t.as_str().unwrap(), "span {a}..{b}");
            }
            for (k, x) in m {
                if k != "text" {
                    spans(x, chars);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| spans(x, chars)),
        _ => {}
    }
}
