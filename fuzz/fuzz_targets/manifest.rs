//! The manifest and Markdown front matter.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.to_string();
    common::on_small_stack(move || {
        let _ = parallax::ingest::manifest::Manifest::parse(&text);
        let _ = parallax::ingest::frontmatter::split(&text);
    });
});
