//! Costs of cross-language matching: building the gloss tables (decompress + index; paid once,
//! only when a text has Korean or Japanese) and aligning a mixed-language 10-article story.
//! `cargo bench --bench gloss`

use parallax::analysis::align::align_story;
use parallax::analysis::gloss::Glossary;
use parallax::ingest::{load_paths, load_seeds};
use std::path::PathBuf;

fn main() {
    divan::main();
}

const JA: &[u8] = include_bytes!("../assets/gloss/ja.tsv.z");
const KO: &[u8] = include_bytes!("../assets/gloss/ko.tsv.z");
const NAMES: &str = include_str!("../assets/names.toml");

#[divan::bench(sample_count = 10)]
fn table_load() -> (usize, usize) {
    Glossary::build(&[JA, KO], NAMES).len()
}

#[divan::bench(sample_count = 10)]
fn align_mixed_story_of_10(bencher: divan::Bencher) {
    let mut articles = load_seeds().articles;
    let extra: Vec<PathBuf> = [
        "tests/fixtures/crosslang/ko_summit.md",
        "tests/fixtures/crosslang/ja_summit.md",
        "docs/eval/crosslang/ko_chosun.md",
        "docs/eval/crosslang/ja_nikkei.md",
        "tests/fixtures/cjk/korean.md",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    articles.extend(load_paths(&extra).articles);
    let members: Vec<usize> = (0..articles.len()).collect();
    Glossary::embedded();
    bencher.bench(|| align_story(&articles, &members).pairs.len());
}
