//! HTML extraction on arbitrary bytes (declared encodings included), then
//! the pipeline: no panic, no hang, and every span slices to its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok((html, _)) = rasd::input::html::decode_html(data.to_vec()) else {
        return;
    };
    common::check(rasd::input::Body::Html(html), None);
});
