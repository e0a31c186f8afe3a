//! Topic tagging throughput: a generated corpus of 10,000 articles (20 blocks each, recombined
//! from the bundled seeds' blocks), tagged article by article. Reports articles per second.

use divan::counter::ItemsCount;
use divan::Bencher;
use parallax::analysis::topics::{Lexicon, LexiconSpec};
use parallax::ingest;
use parallax::model::{Article, Corpus};

const ARTICLES: usize = 10_000;
const BLOCKS_PER_ARTICLE: usize = 20;

fn main() {
    divan::main();
}

/// 10,000 articles whose blocks are the seeds' blocks in a shifting order, so every article
/// differs while the vocabulary stays that of real news copy.
fn generated_corpus() -> Corpus {
    let seeds = ingest::load_seeds();
    let pool: Vec<_> = seeds
        .articles
        .iter()
        .flat_map(|a| a.blocks.iter().cloned())
        .collect();
    let articles: Vec<Article> = (0..ARTICLES)
        .map(|i| {
            let template = &seeds.articles[i % seeds.articles.len()];
            let mut article = template.clone();
            article.id = format!("gen-{i:05}");
            article.blocks = (0..BLOCKS_PER_ARTICLE)
                .map(|j| pool[(i * 7 + j * 13) % pool.len()].clone())
                .collect();
            article
        })
        .collect();
    Corpus::new(articles, Vec::new(), &Default::default())
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn tag_10k_articles(bencher: Bencher) {
    let corpus = generated_corpus();
    let lexicon = Lexicon::embedded();
    bencher
        .counter(ItemsCount::new(ARTICLES))
        .bench(|| lexicon.tag_corpus(divan::black_box(&corpus)));
}

/// Compiling the lexicon (done once per run, or when a user's topics file changes).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn build_lexicon(bencher: Bencher) {
    let spec = LexiconSpec::from_toml(include_str!("../assets/topics.toml")).unwrap_or_default();
    bencher.bench(|| Lexicon::build(divan::black_box(&spec)));
}
