/*!
rasd (رصد, "monitoring") reads Arabic news articles about outages of digital
services and turns each into structured incident records: which services
were affected, when, why, for how long and how many people.

# Brief overview

```text
inputs ─► input::Documents ─► Pipeline::process ─────────────────────────► record::Record
          (.txt .html .jsonl,   │ html extraction, furniture (boilerplate)
           stdin, directories)  │ Document: normalised view + offset map
                                │ annotators: cue, region, cause, number,
                                │   datetime, duration, quantity, platform
                                │ publication date, incident::Assembler
          batch::run: bounded chunks, rayon, output in input order
```

Everything lexical comes from [`lexicon::Lexicons`] (TSV files in
`lexicons/`, embedded by default). Every span in a record points into the
text rasd read, in code points, and its `text` is that slice.

```
use rasd::{Lexicons, Options, Pipeline};
use rasd::input::{Body, RawDoc};

let lexicons = Lexicons::embedded().unwrap();
let pipeline = Pipeline::new(&lexicons);
let doc = RawDoc {
    id: "example".into(),
    path: None,
    url: None,
    published: Some("2024-03-06".into()),
    body: Ok(Body::Text("تعطل تطبيق واتساب مساء أمس الثلاثاء لمدة ساعتين.".into())),
    warnings: vec![],
};
let record = pipeline.process(doc, &Options::default());
let primary = &record.incidents[0];
assert_eq!(primary.platforms[0].id, "whatsapp");
assert_eq!(primary.date.as_ref().unwrap().fields.value.as_deref(), Some("2024-03-05"));
```
*/

pub mod annotate;
pub mod batch;
pub mod bench;
pub mod boilerplate;
pub mod calendar;
pub mod cli;
pub mod document;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod hijri;
pub mod incident;
pub mod input;
pub mod lexicon;
pub mod normalize;
pub mod pipeline;
pub mod published;
pub mod record;
pub mod span;
pub mod synth;
pub mod trie;
pub mod vocab;

pub use document::Document;
pub use incident::Incident;
pub use lexicon::Lexicons;
pub use pipeline::{Options, Pipeline};
pub use record::Record;
