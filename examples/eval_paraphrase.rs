//! Held-out evaluation of paragraph counterparts (docs/eval/paraphrase): for every gold pair,
//! is the other paragraph proposed as the best match, in each direction; and how many
//! proposals come from paragraphs that have no counterpart at all.
//!
//! `cargo run --release --example eval_paraphrase [-- --before] [-- --verbose]`
//! (`--before`: alignment without WordNet senses, for the before/after figure).
#![allow(clippy::disallowed_macros)] // measurement notes printed for judging by hand
use parallax::analysis::align::{align_story_with, AlignConfig};
use parallax::ingest::load_paths;
use parallax::model::Article;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Gold {
    pairs: Vec<[String; 2]>,
    #[serde(default)]
    none: Vec<String>,
}

/// Every proposal on the bundled seed story that paraphrase matching adds, drops or moves,
/// with both paragraphs, for reading by hand.
fn seed_changes(config: &AlignConfig) {
    let articles = parallax::ingest::load_seeds().articles;
    let members: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].story.as_deref() == Some("takaichi-trump-2025-10"))
        .collect();
    let off = AlignConfig {
        sense_weight: 0.0,
        ..*config
    };
    let before = align_story_with(&articles, &members, &off);
    let after = align_story_with(&articles, &members, config);
    let snippet =
        |a: usize, b: usize| -> String { articles[a].blocks[b].text.chars().take(90).collect() };
    let (mut same, mut changed) = (0, 0);
    for pair in &after.pairs {
        let Some(old) = before.pair(pair.from, pair.to) else {
            continue;
        };
        for (i, (new, old)) in pair.matches.iter().zip(&old.matches).enumerate() {
            if new.map(|m| m.block) == old.map(|m| m.block) {
                same += usize::from(new.is_some());
                continue;
            }
            changed += 1;
            println!("{}#{i}: {}", articles[pair.from].id, snippet(pair.from, i));
            for (label, m) in [("before", old), ("after ", new)] {
                match m {
                    Some(m) => println!(
                        "  {label} {:.3} {}#{}: {}",
                        m.score,
                        articles[pair.to].id,
                        m.block,
                        snippet(pair.to, m.block)
                    ),
                    None => println!("  {label} none in {}", articles[pair.to].id),
                }
            }
        }
    }
    println!("seed story: {same} proposals unchanged, {changed} changed");
}

/// "file: prefix" → (article index, block index).
fn find(articles: &[Article], spec: &str) -> (usize, usize) {
    let (stem, prefix) = spec.split_once(": ").unwrap_or((spec, ""));
    let article = articles
        .iter()
        .position(|a| Path::new(&a.source).file_stem().and_then(|s| s.to_str()) == Some(stem))
        .unwrap_or_else(|| panic!("no article {stem}"));
    let block = articles[article]
        .blocks
        .iter()
        .position(|b| b.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no paragraph {spec:?}"));
    (article, block)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let before = args.iter().any(|a| a == "--before");
    let verbose = args.iter().any(|a| a == "--verbose");
    let mut config = AlignConfig::default();
    if before {
        config.sense_weight = 0.0;
    }
    // `--weight X`, `--threshold X`: try other settings (for choosing the defaults).
    let value = |flag: &str| -> Option<f32> {
        args.iter()
            .position(|a| a == flag)
            .and_then(|k| args.get(k + 1))
            .and_then(|w| w.parse().ok())
    };
    if let Some(w) = value("--weight") {
        config.sense_weight = w;
    }
    if let Some(t) = value("--threshold") {
        config.threshold = t;
    }
    if args.iter().any(|a| a == "--seeds") {
        seed_changes(&config);
        return;
    }
    let root = PathBuf::from("docs/eval/paraphrase");
    let mut stories: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("docs/eval/paraphrase")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    stories.sort();
    let (mut checks, mut found, mut wrong, mut none_checks, mut false_matches) = (0, 0, 0, 0, 0);
    for story in &stories {
        let mut files: Vec<PathBuf> = std::fs::read_dir(story)
            .expect("story dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let articles = load_paths(&files).articles;
        let gold: Gold =
            toml::from_str(&std::fs::read_to_string(story.join("gold.toml")).expect("gold.toml"))
                .expect("gold.toml parses");
        let members: Vec<usize> = (0..articles.len()).collect();
        let alignment = align_story_with(&articles, &members, &config);
        // The best candidates whatever their score, to show how far a miss fell short.
        let open = AlignConfig {
            threshold: 0.0,
            cross_language_threshold: 0.0,
            ..config
        };
        let candidates = align_story_with(&articles, &members, &open);
        let name = story.file_name().and_then(|s| s.to_str()).unwrap_or("?");
        let (mut story_found, mut story_checks) = (0, 0);
        for [a, b] in &gold.pairs {
            let (a, b) = (find(&articles, a), find(&articles, b));
            for (x, y) in [(a, b), (b, a)] {
                checks += 1;
                story_checks += 1;
                let m = alignment.counterpart(x.0, x.1, y.0);
                let ok = m.is_some_and(|m| m.block == y.1);
                if ok {
                    found += 1;
                    story_found += 1;
                } else if m.is_some() {
                    wrong += 1;
                }
                if verbose || !ok {
                    let text: String = articles[x.0].blocks[x.1].text.chars().take(50).collect();
                    let best = candidates.counterpart(x.0, x.1, y.0);
                    println!(
                        "  {} {name} {}#{} -> {}#{} got {:?} best {:?}  {text}",
                        if ok { "ok  " } else { "MISS" },
                        articles[x.0].source,
                        x.1,
                        articles[y.0].source,
                        y.1,
                        m.map(|m| (m.block, (m.score * 1000.0).round() / 1000.0)),
                        best.map(|m| (
                            m.block,
                            (m.score * 1000.0).round() / 1000.0,
                            (m.runner_up * 1000.0).round() / 1000.0
                        )),
                    );
                }
            }
        }
        for spec in &gold.none {
            let (a, i) = find(&articles, spec);
            for to in (0..articles.len()).filter(|&t| t != a) {
                none_checks += 1;
                if let Some(m) = alignment.counterpart(a, i, to) {
                    false_matches += 1;
                    println!(
                        "  FALSE {name} {spec:?} -> {}#{} ({:.3})",
                        articles[to].source, m.block, m.score
                    );
                }
            }
        }
        println!("{name}: {story_found}/{story_checks}");
    }
    println!(
        "{}: best match found {found}/{checks} = {:.1} %, wrong proposals {wrong}; \
         false matches from paragraphs with no counterpart: {false_matches}/{none_checks}",
        if before {
            "before (no senses)"
        } else {
            "with WordNet senses"
        },
        100.0 * found as f64 / checks.max(1) as f64
    );
}
