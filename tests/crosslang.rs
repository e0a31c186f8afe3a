//! Korean- and Japanese-language coverage meets the English seeds through the gloss tables.
//! The fixtures (tests/fixtures/crosslang) were written for these tests: a Yonhap-style Korean
//! and a Kyodo-style Japanese report of the Takaichi–Trump summit of 28 Oct 2025, and an
//! unrelated story of the same week in each language (KOSPI passing 4000; bear attacks in
//! Akita). The expected pairs below were checked by reading the paragraphs side by side.

use parallax::analysis::align::align_story;
use parallax::analysis::cluster::cluster;
use parallax::ingest::{load_paths, load_seeds};
use parallax::model::Article;
use std::path::PathBuf;

const HANKYOREH: &str = "000_ba87cd429a98f8c1";
const KYODO: &str = "002_f46852b532b3d29e";

fn corpus() -> Vec<Article> {
    let mut articles = load_seeds().articles;
    let fixtures = [
        "crosslang/ko_summit.md",
        "crosslang/ja_summit.md",
        "crosslang/ko_unrelated.md",
        "crosslang/ja_unrelated.md",
        "distractor_baseball.md",
        "distractor_typhoon.md",
    ];
    let paths: Vec<PathBuf> = fixtures
        .iter()
        .map(|f| PathBuf::from("tests/fixtures").join(f))
        .collect();
    articles.extend(load_paths(&paths).articles);
    for article in &mut articles {
        article.story = None;
    }
    articles
}

fn index(articles: &[Article], id: &str) -> usize {
    articles
        .iter()
        .position(|a| parallax::model::id::prefix(&a.id) == id)
        .unwrap_or_else(|| panic!("{id} loaded"))
}

#[test]
fn korean_and_japanese_summit_reports_join_the_english_story_and_unrelated_ones_stay_out() {
    let articles = corpus();
    let stories = cluster(&articles);
    let story_of = |id: &str| {
        let i = index(&articles, id);
        stories
            .iter()
            .position(|s| s.articles.contains(&i))
            .expect("every article is in a story")
    };
    let summit = story_of(HANKYOREH);
    assert_eq!(story_of(KYODO), summit);
    assert_eq!(story_of("ko_summit"), summit, "Korean report joins");
    assert_eq!(story_of("ja_summit"), summit, "Japanese report joins");
    assert_ne!(story_of("ko_unrelated"), summit, "KOSPI story stays out");
    assert_ne!(story_of("ja_unrelated"), summit, "bear story stays out");
    assert_ne!(story_of("ko_unrelated"), story_of("ja_unrelated"));
}

/// The block of `to` matched to block `block` of `from`, if any.
fn counterpart(articles: &[Article], from: &str, block: usize, to: &str) -> Option<usize> {
    let (f, t) = (index(articles, from), index(articles, to));
    let alignment = align_story(articles, &[f, t]);
    alignment.counterpart(f, block, t).map(|m| m.block)
}

#[test]
fn korean_and_japanese_paragraphs_meet_their_counterparts() {
    let articles = corpus();
    // The two reports were written paragraph for paragraph: each answers its twin.
    for block in [0, 1, 3, 4, 5, 7] {
        assert_eq!(
            counterpart(&articles, "ko_summit", block, "ja_summit"),
            Some(block),
            "Korean paragraph {block}"
        );
    }
    // The Korean lede (summit at the Akasaka guest house) answers the Hankyoreh's photo
    // caption of that meeting; the Japanese Yokosuka paragraph answers Kyodo's.
    assert_eq!(counterpart(&articles, "ko_summit", 0, HANKYOREH), Some(0));
    let kyodo = index(&articles, KYODO);
    let yokosuka = counterpart(&articles, "ja_summit", 6, KYODO).expect("Yokosuka matched");
    assert!(articles[kyodo].blocks[yokosuka].text.contains("Marine One"));
}

#[test]
fn unrelated_korean_and_japanese_paragraphs_find_no_counterpart() {
    let articles = corpus();
    for (from, to) in [
        ("ko_unrelated", HANKYOREH),
        ("ko_unrelated", "ja_summit"),
        ("ja_unrelated", KYODO),
        ("ja_unrelated", "ko_summit"),
    ] {
        let blocks = articles[index(&articles, from)].blocks.len();
        for block in 0..blocks {
            assert_eq!(
                counterpart(&articles, from, block, to),
                None,
                "{from} {block} → {to}"
            );
        }
    }
}

#[test]
fn korean_and_japanese_amounts_stand_next_to_the_english_one() {
    use parallax::analysis::figures::story_figures;
    let articles = corpus();
    let members: Vec<usize> = [HANKYOREH, KYODO, "ko_summit", "ja_summit"]
        .iter()
        .map(|id| index(&articles, id))
        .collect();
    let groups = story_figures(&articles, &members);
    let investment = groups
        .iter()
        .find(|g| g.measure == "investment")
        .expect("an investment group");
    let value = investment
        .values
        .iter()
        .find(|v| v.normalized == "$550 billion")
        .expect("$550 billion");
    let written: Vec<&str> = value.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(written.contains(&"5500억 달러"), "{written:?}");
    assert!(written.contains(&"5500億ドル"), "{written:?}");
    assert!(written.contains(&"US$550 billion"), "{written:?}");
    assert!(!investment.differs, "all say $550 billion");
}

#[test]
fn quote_diffs_of_glossed_japanese_do_not_slice_backwards() {
    // Glossed words share their source's span; this once panicked in the compare report.
    let diff = parallax::analysis::quotes::word_diff(
        "日本を助けるためにできることがあれば何でもする",
        "日本を助けるためなら何でもする",
    );
    assert!(!diff.is_empty());
}
