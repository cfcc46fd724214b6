//! The whole text pipeline on arbitrary bytes: decoding, normalisation,
//! every annotator, assembly and output. No panic, no hang, and every span
//! slices to its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a publication date or none, so relative dates
    // are resolved in both ways.
    let (published, bytes) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => (Some(format!("2024-{:02}-{:02}", 1 + b % 12, 1 + b % 28)), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let Ok((text, _)) = rasd::input::decode(bytes.to_vec()) else {
        return;
    };
    common::check(rasd::input::Body::Text(text), published);
});
