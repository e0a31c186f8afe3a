//! Held-out evaluation of cross-language paragraph matches (docs/eval/crosslang): prints, for
//! each Korean/Japanese paragraph and each English seed article of the summit, the best
//! candidate and its score, for judging by hand. `cargo run --example eval_crosslang`.
#![allow(clippy::disallowed_macros)] // measurement notes printed for judging by hand
use parallax::analysis::align::{align_story_with, AlignConfig};
use parallax::ingest::{load_paths, load_seeds};
use std::path::PathBuf;

fn main() {
    let mut articles = load_seeds().articles;
    let english: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].story.as_deref() == Some("takaichi-trump-2025-10"))
        .collect();
    // Arguments: other files to judge instead (the test fixtures, to choose the threshold).
    let mut held_out: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if held_out.is_empty() {
        held_out = ["ko_chosun.md", "ja_nikkei.md", "ko_unrelated_heldout.md"]
            .iter()
            .map(|f| PathBuf::from("docs/eval/crosslang").join(f))
            .collect();
    }
    let first = articles.len();
    articles.extend(load_paths(&held_out).articles);
    let mut members = english.clone();
    members.extend(first..articles.len());
    // Threshold 0 so every best candidate shows; the real threshold is printed beside it.
    let config = AlignConfig {
        threshold: 0.0,
        cross_language_threshold: 0.0,
        ..AlignConfig::default()
    };
    let alignment = align_story_with(&articles, &members, &config);
    let needed = AlignConfig::default().cross_language_threshold;
    for from in first..articles.len() {
        for &to in &english {
            let Some(pair) = alignment.pair(from, to) else {
                continue;
            };
            for (i, m) in pair.matches.iter().enumerate() {
                let Some(m) = m else { continue };
                let a: String = articles[from].blocks[i].text.chars().take(60).collect();
                let b: String = articles[to].blocks[m.block]
                    .text
                    .chars()
                    .take(110)
                    .collect();
                let mark = if m.score >= needed { "MATCH" } else { "below" };
                println!(
                    "{mark} {:.3} {}#{i} -> {}#{}\n    {a}\n    {b}",
                    m.score, articles[from].id, articles[to].id, m.block
                );
            }
        }
    }
}
