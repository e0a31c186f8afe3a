//! Writes `assets/paraphrase/senses-index.tsv.z`: the WordNet sense table
//! (`assets/paraphrase/senses.tsv.z`, from `tools/build-paraphrase`) with every lemma stemmed
//! by parallax's own tokenizer, merged and indexed, so the reader loads it without stemming.
//!
//!     cargo run --release --example build_senses_index
//!
//! Run it after rebuilding the table or changing the stemmer or the stop words; a unit test
//! (`paraphrase::tests::the_committed_index_is_the_table_as_stemmed_today`) fails until then.
#![allow(clippy::disallowed_macros)] // a build tool's own messages

use parallax::analysis::paraphrase::{unzip, Senses, INDEX_PATH, TABLE_PATH};
use parallax::analysis::tokens::Lexicon;
use std::path::Path;

fn main() -> std::process::ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let raw = match std::fs::read(root.join(TABLE_PATH)) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("{TABLE_PATH}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let Some(text) = unzip(&raw) else {
        eprintln!("{TABLE_PATH}: not a zlib stream of UTF-8 text");
        return std::process::ExitCode::FAILURE;
    };
    let index = Senses::parse(&text, Lexicon::embedded()).index_text();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(index.as_bytes(), 9);
    if let Err(e) = std::fs::write(root.join(INDEX_PATH), &packed) {
        eprintln!("{INDEX_PATH}: {e}");
        return std::process::ExitCode::FAILURE;
    }
    eprintln!(
        "{INDEX_PATH}: {} lines, {} bytes ({} uncompressed)",
        index.lines().count(),
        packed.len(),
        index.len()
    );
    std::process::ExitCode::SUCCESS
}
