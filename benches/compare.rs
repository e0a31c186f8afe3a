//! Story clustering and paragraph alignment at scale, on synthetic articles made from the
//! seeds' paragraphs: a story of 50 articles, and a corpus of 10,000 articles in 1,000
//! stories spread over three years.
//!
//! `cargo bench --bench compare`
#![allow(clippy::disallowed_macros)] // measurement notes, not untrusted text

use parallax::analysis::align::{align_story, align_story_with, AlignConfig};
use parallax::analysis::cluster::cluster;
use parallax::ingest::load_seeds;
use parallax::model::{Article, Block, BlockKind};

fn main() {
    report_quality();
    divan::main();
}

/// Before timing: how well clustering recovers the generated stories (printed, not timed).
fn report_quality() {
    let articles = corpus();
    let stories = cluster(&articles);
    let truth = |i: usize| articles[i].id.split('-').next().unwrap_or("").to_string();
    let pure = stories
        .iter()
        .filter(|s| s.articles.iter().all(|&i| truth(i) == truth(s.articles[0])))
        .count();
    let whole = stories
        .iter()
        .filter(|s| {
            s.articles.len() == 10 && s.articles.iter().all(|&i| truth(i) == truth(s.articles[0]))
        })
        .count();
    eprintln!(
        "10,000-article corpus: {} stories found for 1,000 generated; {pure} pure, {whole} exactly recovered",
        stories.len()
    );
    let story = story(50, 7);
    let found = cluster(&story);
    eprintln!(
        "50-article story: clustered into {} story(ies)",
        found.len()
    );
}

/// A small deterministic generator (xorshift), so every run benches the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Word swaps the way outlets and paraphrasers vary copy.
const SWAPS: &[(&str, &str)] = &[
    ("military", "army"),
    ("defense", "defence"),
    ("trade agreement", "commerce settlement"),
    ("invest", "put money into"),
    ("increasing", "rising"),
    ("United States", "US"),
    ("said", "told reporters"),
];

fn vary(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_string();
    for (a, b) in SWAPS {
        if rng.below(2) == 0 {
            out = out.replace(a, b);
        }
    }
    // Sometimes drop the last sentence, as a shorter rewrite would.
    if rng.below(3) == 0 {
        if let Some(cut) = out.trim_end_matches('.').rfind(". ") {
            out.truncate(cut + 1);
        }
    }
    out
}

fn paragraph_pool() -> Vec<String> {
    load_seeds()
        .articles
        .iter()
        .flat_map(|a| a.blocks.iter())
        .filter(|b| b.kind == BlockKind::Paragraph && b.text.len() > 80)
        .map(|b| b.text.clone())
        .collect()
}

fn article(id: String, date: String, title: String, blocks: Vec<String>) -> Article {
    Article {
        id: id.clone(),
        source: format!("{id}.txt"),
        format: parallax::model::Format::Text,
        title,
        outlet: None,
        perspective: "other".into(),
        perspective_reason: String::new(),
        perspective_source: "none".into(),
        perspective_confidence: 0.0,
        language: Some("en".into()),
        date: Some(date),
        url: None,
        byline: None,
        dateline: None,
        story: None,
        blocks: blocks
            .into_iter()
            .map(|t| Block::new(BlockKind::Paragraph, t))
            .collect(),
        warnings: vec![],
        dropped: vec![],
    }
}

/// Invented names, so each synthetic story has people and places of its own.
fn name(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "ro", "mi", "zen", "ta", "vol", "ser", "dan", "ko", "lu", "bri", "shi", "nor", "ga",
    ];
    let mut s = String::new();
    for _ in 0..3 {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `n` articles of one story: each takes 12–25 paragraphs of the seed pool (the story's
/// shared points first), varied and shuffled.
fn story(n: usize, seed: u64) -> Vec<Article> {
    let pool = paragraph_pool();
    let mut rng = Rng(seed);
    (0..n)
        .map(|k| {
            let count = 12 + rng.below(14);
            let mut blocks: Vec<String> = (0..count)
                .map(|_| vary(&pool[rng.below(pool.len())], &mut rng))
                .collect();
            for i in (1..blocks.len()).rev() {
                blocks.swap(i, rng.below(i + 1));
            }
            let day = 28 + rng.below(2);
            article(
                format!("s{k}"),
                format!("2025-10-{day}"),
                "Takaichi and Trump meet in Tokyo".into(),
                blocks,
            )
        })
        .collect()
}

/// 10,000 articles: 1,000 stories of 10, one story starting each day over ~3 years. Each
/// story draws paragraphs from its own stretch of the seed pool, with the seeds' people and
/// places renamed to its own, and a lede with its own names and amount.
fn corpus() -> Vec<Article> {
    let pool = paragraph_pool();
    let mut rng = Rng(0x5eed);
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
    let mut articles = Vec::with_capacity(10_000);
    for s in 0..1_000 {
        let (leader, place) = (name(&mut rng), name(&mut rng));
        // The seed paragraphs' people and places become this story's own.
        let cast = [
            ("Takaichi", leader.clone()),
            ("Trump", name(&mut rng)),
            ("Abe", name(&mut rng)),
            ("Tokyo", place.clone()),
            ("Japanese", format!("{}ian", name(&mut rng))),
            ("Japan", name(&mut rng)),
            ("Washington", name(&mut rng)),
            ("China", name(&mut rng)),
        ];
        let amount = 10 + rng.below(900);
        // Each story draws from its own slice of the pool, so stories differ in content too.
        let offset = rng.below(pool.len());
        for k in 0..10 {
            let day = start + chrono::Days::new((s + rng.below(3)) as u64);
            let mut blocks = vec![format!(
                "{leader} met officials in {place} and pledged ${amount} billion in new spending."
            )];
            for _ in 0..(8 + rng.below(10)) {
                let mut p = pool[(offset + rng.below(12)) % pool.len()].clone();
                for (from, to) in &cast {
                    p = p.replace(from, to);
                }
                blocks.push(vary(&p, &mut rng));
            }
            articles.push(article(
                format!("c{s}-{k}"),
                day.format("%Y-%m-%d").to_string(),
                format!("{leader} visits {place}"),
                blocks,
            ));
        }
    }
    articles
}

#[divan::bench(sample_count = 10)]
fn cluster_story_of_50(bencher: divan::Bencher) {
    let articles = story(50, 7);
    bencher.bench(|| cluster(divan::black_box(&articles)));
}

#[divan::bench(sample_count = 10)]
fn align_story_of_50(bencher: divan::Bencher) {
    let articles = story(50, 7);
    let members: Vec<usize> = (0..articles.len()).collect();
    bencher.bench(|| align_story(divan::black_box(&articles), &members));
}

#[divan::bench(sample_count = 3)]
fn cluster_corpus_of_10000(bencher: divan::Bencher) {
    let articles = corpus();
    bencher.bench(|| cluster(divan::black_box(&articles)));
}

#[divan::bench(sample_count = 3)]
fn cluster_and_align_corpus_of_10000(bencher: divan::Bencher) {
    let articles = corpus();
    bencher.bench(|| {
        let stories = cluster(&articles);
        stories
            .iter()
            .filter(|s| s.articles.len() > 1)
            .map(|s| align_story(&articles, &s.articles).pairs.len())
            .sum::<usize>()
    });
}

/// Paraphrase matching off, for the cost of the WordNet senses (`sense_weight` 0).
fn without_senses() -> AlignConfig {
    AlignConfig {
        sense_weight: 0.0,
        ..AlignConfig::default()
    }
}

#[divan::bench(sample_count = 10)]
fn align_story_of_50_without_senses(bencher: divan::Bencher) {
    let articles = story(50, 7);
    let members: Vec<usize> = (0..articles.len()).collect();
    let config = without_senses();
    bencher.bench(|| align_story_with(divan::black_box(&articles), &members, &config));
}

#[divan::bench(sample_count = 10, args = [true, false])]
fn align_story_of_10(bencher: divan::Bencher, senses: bool) {
    let articles = story(10, 11);
    let members: Vec<usize> = (0..articles.len()).collect();
    let config = if senses {
        AlignConfig::default()
    } else {
        without_senses()
    };
    bencher.bench(|| align_story_with(divan::black_box(&articles), &members, &config));
}

/// Two long articles of 300 paragraphs each (varied seed paragraphs): 90,000 block pairs.
#[divan::bench(sample_count = 5, args = [true, false])]
fn align_two_articles_of_300(bencher: divan::Bencher, senses: bool) {
    let pool = paragraph_pool();
    let mut rng = Rng(0x300);
    let articles: Vec<Article> = (0..2)
        .map(|k| {
            let blocks = (0..300)
                .map(|_| vary(&pool[rng.below(pool.len())], &mut rng))
                .collect();
            article(
                format!("long{k}"),
                "2025-10-28".into(),
                "Takaichi and Trump meet in Tokyo".into(),
                blocks,
            )
        })
        .collect();
    let config = if senses {
        AlignConfig::default()
    } else {
        without_senses()
    };
    bencher.bench(|| align_story_with(divan::black_box(&articles), &[0, 1], &config));
}

/// Decompressing and indexing the WordNet senses: the reader's first aligned story waits
/// for it (it runs on a thread of its own from launch).
#[divan::bench(sample_count = 5)]
fn unpack_paraphrase_senses() -> parallax::analysis::paraphrase::Senses {
    parallax::analysis::paraphrase::Senses::unpack_embedded()
}
