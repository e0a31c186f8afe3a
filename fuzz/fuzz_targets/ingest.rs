//! Every ingest format: the first byte picks the file name (the extension breaks format ties),
//! the rest is the file. Output must be clean of control characters.
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

const NAMES: [&str; 6] = ["a.txt", "a.md", "a.html", "a.json", "a.xml", "a.rss"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let bytes = bytes.to_vec();
    common::on_small_stack(move || {
        let name = NAMES[pick as usize % NAMES.len()];
        let result = parallax::ingest::Ingestor::default().ingest_file(name, &bytes, None);
        for article in &result.articles {
            assert!(parallax::text::sanitize::is_clean(&article.title));
            for block in &article.blocks {
                assert!(parallax::text::sanitize::is_clean(&block.text));
            }
        }
    });
});
