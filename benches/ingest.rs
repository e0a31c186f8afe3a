//! Ingest throughput on a generated corpus of 10,000 articles in mixed formats (plain text,
//! Markdown with front matter, WordPress JSON, HTML), against merely reading the same bytes.
//! Run: `cargo bench --bench ingest`.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const ARTICLES: usize = 10_000;

fn main() {
    divan::main();
}

/// Paragraphs borrowed from the seeds' vocabulary, recombined per article.
const PARAGRAPHS: &[&str] = &[
    "Japan's new prime minister and the U.S. president agreed during their first summit on Tuesday to strengthen the bilateral alliance's deterrence and response capabilities.",
    "The bilateral trade agreement struck in July includes a Japanese commitment to invest $550 billion in key U.S. industries, such as semiconductors, critical minerals and shipbuilding.",
    "After the summit, Trump met with families of Japanese citizens who were abducted by North Korea, telling them “we will do everything within our power” to resolve the issue.",
    "China holds an overwhelming share of the production of rare earths and other critical minerals, and the two countries signed a framework on supply chains.",
    "North Atlantic Treaty Organization member states have agreed to raise defense spending to 3.5% of gross domestic product by 2035.",
    "한미 정상은 관세 협상과 대미 투자 규모를 두고 막판 조율을 이어갔다고 정부 관계자가 밝혔다.",
    "高市首相は日米同盟を新たな高みに引き上げる決意を示し、防衛力の抜本的強化を表明した。",
];

fn paragraph(i: usize, j: usize) -> &'static str {
    PARAGRAPHS[(i * 7 + j * 3) % PARAGRAPHS.len()]
}

fn article_bytes(i: usize) -> (String, String) {
    let body: Vec<&str> = (0..8).map(|j| paragraph(i, j)).collect();
    let title = format!("Summit article number {i} on alliance and trade");
    match i % 4 {
        0 => (
            format!("a{i}.txt"),
            format!("{title}\nOct. 28, 2025\n{}\nPlease direct questions or feedback to [desk@example.com]\n", body.join("\n")),
        ),
        1 => (
            format!("a{i}.md"),
            format!("---\ntitle: \"{title}\"\noutlet: Yonhap\ndate: 2025-10-28\n---\n\n## Background\n\n{}\n", body.join("\n\n")),
        ),
        2 => {
            let html: String = body.iter().map(|p| format!("<p>{p}</p>")).collect();
            let post = serde_json::json!({
                "date": "2025-10-28T08:00:00", "date_gmt": "2025-10-27T23:00:00",
                "link": format!("https://koreapro.org/2025/10/a{i}/"),
                "title": {"rendered": title}, "content": {"rendered": html},
            });
            (format!("a{i}.json"), post.to_string())
        }
        _ => {
            let html: String = body.iter().map(|p| format!("<p>{p}</p>")).collect();
            (
                format!("a{i}.html"),
                format!("<!doctype html><html lang=en><head><title>{title}</title><meta property='og:site_name' content='Kyodo News'></head><body><nav>Home</nav><article><h1>{title}</h1>{html}</article><footer>(c)</footer></body></html>"),
            )
        }
    }
}

struct Generated {
    dir: PathBuf,
    bytes: u64,
}

fn corpus() -> &'static Generated {
    static CORPUS: OnceLock<Generated> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("parallax-bench-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("bench dir");
        let mut bytes = 0;
        for i in 0..ARTICLES {
            let (name, text) = article_bytes(i);
            bytes += text.len() as u64;
            std::fs::write(dir.join(name), text).expect("write bench file");
        }
        Generated { dir, bytes }
    })
}

fn read_all(dir: &Path) -> usize {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        total += std::fs::read(entry.path()).map(|b| b.len()).unwrap_or(0);
    }
    total
}

/// The baseline: reading every file's bytes and nothing else.
#[divan::bench(sample_count = 5)]
fn read_bytes_only(bencher: Bencher) {
    let generated = corpus();
    bencher
        .counter(BytesCount::new(generated.bytes))
        .bench(|| read_all(&generated.dir));
}

/// The whole load: walk, read, decode, parse, strip, extract metadata, classify, then the
/// corpus-wide near-duplicate detection and story clustering. The generated corpus is a
/// worst case for both: every article recombines the same seven paragraphs on one day.
#[divan::bench(sample_count = 5)]
fn load_10k_mixed(bencher: Bencher) {
    let generated = corpus();
    bencher
        .counter(ItemsCount::new(ARTICLES))
        .counter(BytesCount::new(generated.bytes))
        .bench(|| {
            let corpus = parallax::ingest::load_paths(std::slice::from_ref(&generated.dir));
            assert_eq!(corpus.articles.len(), ARTICLES);
            corpus
        });
}

/// The bundled seeds, as `parallax` loads them at start.
#[divan::bench]
fn load_seeds() -> parallax::model::Corpus {
    parallax::ingest::load_seeds()
}

/// Parsing alone: each file to articles (decode, sniff, parse, boilerplate, metadata,
/// classification), without the corpus-wide analysis (near-duplicates, story clustering).
#[divan::bench(sample_count = 5)]
fn ingest_files_only_10k(bencher: Bencher) {
    let generated = corpus();
    let files: Vec<PathBuf> = std::fs::read_dir(&generated.dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    let ingestor = parallax::ingest::Ingestor::default();
    bencher
        .counter(ItemsCount::new(ARTICLES))
        .counter(BytesCount::new(generated.bytes))
        .bench(|| {
            let mut count = 0;
            for file in &files {
                let bytes = std::fs::read(file).unwrap_or_default();
                count += ingestor
                    .ingest_file(&file.display().to_string(), &bytes, None)
                    .articles
                    .len();
            }
            assert_eq!(count, ARTICLES);
        });
}

/// Placement alone for the same 10,000 articles: outlet rules (one automaton pass for
/// domains, one RegexSet pass for signatures, masthead lines) and, where no outlet matches,
/// the cues. Compare with `ingest_files_only_10k`: placement should stay under 5 % of it.
#[divan::bench(sample_count = 5)]
fn classify_10k(bencher: Bencher) {
    use parallax::ingest::classify::{Classifier, Evidence};
    let texts: Vec<(String, String)> = (0..ARTICLES).map(article_bytes).collect();
    let classifier = Classifier::embedded();
    bencher.counter(ItemsCount::new(ARTICLES)).bench(|| {
        texts
            .iter()
            .enumerate()
            .filter(|(i, (_, text))| {
                // Every third article without a URL, so the text rules and the cues run too.
                let url = (i % 3 != 0).then_some("https://example.org/news/1");
                classifier
                    .classify(&Evidence {
                        outlet: None,
                        url,
                        text,
                    })
                    .perspective
                    != "other"
            })
            .count()
    });
}

/// The 10,000 generated articles as ingest parses them (placement included).
fn parsed_articles() -> Vec<parallax::model::Article> {
    let ingestor = parallax::ingest::Ingestor::default();
    (0..ARTICLES)
        .flat_map(|i| {
            let (name, text) = article_bytes(i);
            ingestor.ingest_file(&name, text.as_bytes(), None).articles
        })
        .collect()
}

/// Placement on about the text ingest hands it: the parsed blocks of the same 10,000
/// articles followed by the boilerplate dropped from them (ingest keeps page order and adds
/// page metadata; the length is the same), with the URL each carries. `classify_10k` reads
/// the raw files instead (HTML tags, JSON escapes and all), so it overstates the cost; this is
/// the figure to set against `ingest_files_only_10k`.
#[divan::bench(sample_count = 5)]
fn classify_parsed_10k(bencher: Bencher) {
    use parallax::ingest::classify::{Classifier, Evidence};
    let parsed: Vec<(Option<String>, String)> = parsed_articles()
        .into_iter()
        .map(|a| {
            let text = a
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .chain(a.dropped.iter().map(|d| d.text.as_str()))
                .collect::<Vec<_>>()
                .join("\n");
            (a.url, text)
        })
        .collect();
    let classifier = Classifier::embedded();
    bencher.counter(ItemsCount::new(ARTICLES)).bench(|| {
        parsed
            .iter()
            .filter(|(url, text)| {
                classifier
                    .classify(&Evidence {
                        outlet: None,
                        url: url.as_deref(),
                        text,
                    })
                    .perspective
                    != "other"
            })
            .count()
    });
}

/// The rest of placement: the naive Bayes inference over the same 10,000 parsed articles
/// (training on the rule-placed ones, then a guess for each unplaced one). With
/// `classify_10k` this is the whole placement cost.
#[divan::bench(sample_count = 5)]
fn infer_10k(bencher: Bencher) {
    let articles = parsed_articles();
    bencher
        .counter(ItemsCount::new(ARTICLES))
        .with_inputs(|| articles.clone())
        .bench_local_values(|mut articles| {
            parallax::ingest::infer::infer(&mut articles);
            articles
        });
}
