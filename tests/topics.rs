//! Topic tagging on the bundled seeds, judged against a careful reading of each article, and
//! the `topics` / `coverage` command-line contracts.

use clap::Parser;
use parallax::analysis::topics::{coverage, default_story, ArticleTags, Lexicon};
use parallax::cli::topics::{coverage_markdown, coverage_output, coverage_table, topics_output};
use parallax::cli::{load, Cli, Command};
use parallax::ingest::{self, classify::Classifier};
use parallax::model::{Article, Corpus};
use serde_json::Value;

fn seeds() -> (Corpus, Vec<ArticleTags>) {
    let corpus = ingest::load_seeds();
    let tags = Lexicon::embedded().tag_corpus(&corpus);
    (corpus, tags)
}

fn seed<'a>(
    corpus: &'a Corpus,
    tags: &'a [ArticleTags],
    prefix: &str,
) -> (&'a Article, &'a ArticleTags) {
    let i = corpus
        .articles
        .iter()
        .position(|a| a.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} is bundled"));
    (&corpus.articles[i], &tags[i])
}

fn all_topics(tags: &ArticleTags) -> Vec<&'static str> {
    let lexicon = Lexicon::embedded();
    tags.topics
        .iter()
        .map(|t| lexicon.topic(t.topic).id.as_str())
        .collect()
}

fn main_topics(tags: &ArticleTags) -> Vec<&'static str> {
    let lexicon = Lexicon::embedded();
    tags.main_topics()
        .map(|t| lexicon.topic(t).id.as_str())
        .collect()
}

/// Topics of the block whose text starts with `prefix`.
fn block_topics(article: &Article, tags: &ArticleTags, prefix: &str) -> Vec<&'static str> {
    let lexicon = Lexicon::embedded();
    let i = article
        .blocks
        .iter()
        .position(|b| b.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("{}: no block starts with {prefix:?}", article.id));
    tags.blocks[i]
        .topics()
        .map(|t| lexicon.topic(t).id.as_str())
        .collect()
}

#[test]
fn seed_000_hankyoreh_is_about_trade_defense_investment_and_korea_despite_the_paraphrase() {
    let (corpus, tags) = seeds();
    let (article, tags) = seed(&corpus, &tags, "000_");
    // The editorial: Japan's $550bn pledge ("speculate", "put money into") and "commerce
    // settlement" put pressure on South Korea; Takaichi's "army" and "protection spending"
    // build-up against North Korea, China and Russia. Rare earths and Abe are one line each.
    assert_eq!(
        main_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "china",
            "north-korea",
            "south-korea"
        ]
    );
    assert_eq!(
        all_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "south-korea",
            "abe"
        ]
    );
    assert_eq!(
        block_topics(article, tags, "After securing a promise"),
        ["trade", "investment", "south-korea"]
    );
    // "nuclear-powered submarines" is defense, not energy.
    assert_eq!(
        block_topics(article, tags, "In her coverage speech"),
        ["defense"]
    );
    // "demand that Korea comply": South Korea, since the editorial names it elsewhere.
    assert_eq!(
        block_topics(article, tags, "Takaichi has additionally"),
        ["defense", "china", "north-korea", "south-korea"]
    );
    // "the Japan Innovation Social gathering" is a party, not technology.
    assert!(!all_topics(tags).contains(&"technology"));
}

#[test]
fn seed_001_yomiuri_covers_shipbuilding_and_the_abductions() {
    let (corpus, tags) = seeds();
    let (article, tags) = seed(&corpus, &tags, "001_");
    // Sections on defense, on investment (critical minerals, shipbuilding) and on the
    // abduction issue; two paragraphs on aid to Ukraine; China's threat. Trade (the tariff
    // negotiations), energy (one LNG paragraph), Abe (two mentions) and South Korea (a
    // shipbuilding rival) are named, not discussed at length.
    assert_eq!(
        main_topics(tags),
        [
            "defense",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "shipbuilding",
            "ukraine"
        ]
    );
    assert_eq!(
        all_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "south-korea",
            "energy",
            "shipbuilding",
            "ukraine",
            "abe"
        ]
    );
    // "Workers’ Party of Korea" and "North Korean leader" are North Korea only.
    assert_eq!(
        block_topics(article, tags, "After the summit, Trump met"),
        ["north-korea"]
    );
    assert_eq!(
        block_topics(article, tags, "Seeking progress"),
        ["north-korea"]
    );
    assert_eq!(
        block_topics(article, tags, "Japan plans to purchase"),
        ["energy"]
    );
}

#[test]
fn seed_002_kyodo_covers_the_whole_summit() {
    let (corpus, tags) = seeds();
    let (article, tags) = seed(&corpus, &tags, "002_");
    assert_eq!(
        main_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "abe"
        ]
    );
    // In passing: the war in Ukraine, semiconductors and shipbuilding (in the list of
    // investment sectors), South Korea (a like-minded nation; Trump's next stop).
    assert_eq!(
        all_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "south-korea",
            "shipbuilding",
            "ukraine",
            "technology",
            "abe"
        ]
    );
    assert_eq!(
        block_topics(article, tags, "The bilateral trade agreement struck"),
        [
            "trade",
            "investment",
            "minerals",
            "shipbuilding",
            "technology"
        ]
    );
    assert_eq!(
        block_topics(article, tags, "The two leaders reaffirmed"),
        ["defense", "china", "north-korea"]
    );
}

#[test]
fn seed_003_korea_pro_covers_technology_and_energy() {
    let (corpus, tags) = seeds();
    let (article, tags) = seed(&corpus, &tags, "003_");
    // Defense ties and Japan's $1 trillion pledge; AI, semiconductors and supply chains;
    // LNG and energy security; what it means for South Korea. No China, no trade talk.
    assert_eq!(
        main_topics(tags),
        [
            "defense",
            "investment",
            "minerals",
            "south-korea",
            "energy",
            "technology"
        ]
    );
    assert_eq!(all_topics(tags), main_topics(tags));
    assert_eq!(
        block_topics(article, tags, "On economic ties"),
        [
            "defense",
            "investment",
            "minerals",
            "south-korea",
            "energy",
            "technology"
        ]
    );
}

#[test]
fn seed_004_web_rewrite_covers_defense_trade_china_and_technology() {
    let (corpus, tags) = seeds();
    let (article, tags) = seed(&corpus, &tags, "004_");
    assert_eq!(
        main_topics(tags),
        ["defense", "trade", "investment", "china", "technology"]
    );
    assert_eq!(
        all_topics(tags),
        [
            "defense",
            "trade",
            "investment",
            "minerals",
            "china",
            "north-korea",
            "south-korea",
            "energy",
            "technology"
        ]
    );
    // "Treasury securities" is finance, not security policy.
    assert_eq!(
        block_topics(article, tags, "Did You Know?"),
        Vec::<&str>::new()
    );
    // "moscow" alone, with no word of Ukraine anywhere, is not the war.
    assert_eq!(
        block_topics(article, tags, "The summit occurred against"),
        ["defense", "trade", "china", "north-korea"]
    );
}

fn takaichi_coverage() -> (Corpus, String, String) {
    let (corpus, tags) = seeds();
    let lexicon = Lexicon::embedded();
    let classifier = Classifier::embedded();
    let story = default_story(&corpus).unwrap_or_else(|| panic!("the seeds form stories"));
    assert_eq!(story.id, "takaichi-trump-2025-10");
    let m = coverage(&corpus, &tags, story, lexicon.topics().len(), &|id| {
        classifier.order(id)
    });
    let label = |id: &str| {
        classifier
            .perspective(id)
            .map_or_else(|| id.to_string(), |p| p.label.clone())
    };
    let table = coverage_table(&corpus, story, &m, lexicon, &label);
    let markdown = coverage_markdown(&corpus, story, &m, lexicon, &label);
    (corpus, table, markdown)
}

#[test]
fn coverage_table_of_the_takaichi_summit() {
    let (_, table, _) = takaichi_coverage();
    insta::assert_snapshot!(table);
}

#[test]
fn coverage_markdown_of_the_takaichi_summit() {
    let (_, _, markdown) = takaichi_coverage();
    insta::assert_snapshot!(markdown);
}

/// Parse a command line as `parallax` would and return what it prints (Err: the message for
/// stderr, exit code 2). In-process, so the test never runs a stale binary.
fn run(args: &[&str]) -> Result<String, String> {
    let cli = Cli::try_parse_from(std::iter::once("parallax").chain(args.iter().copied()))
        .map_err(|e| e.to_string())?;
    match cli.command {
        Some(Command::Topics {
            paths,
            format,
            blocks,
        }) => Ok(topics_output(&load(&paths), format, blocks)),
        Some(Command::Coverage {
            story,
            paths,
            format,
        }) => coverage_output(&load(&paths), story.as_deref(), format),
        other => Err(format!("not a topics command: {other:?}")),
    }
}

#[test]
fn topics_json_contract() {
    let stdout = run(&["topics", "--format", "json", "--blocks"]).unwrap_or_default();
    let v: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let first = &v[0];
    assert_eq!(
        parallax::model::id::prefix(first["id"].as_str().unwrap_or_default()),
        "000_ba87cd429a98f8c1"
    );
    assert_eq!(first["perspective"], "korean");
    assert_eq!(first["block_count"], 12);
    assert_eq!(
        first["topics"][0],
        serde_json::json!({
            "id": "defense", "label": "Defense", "blocks": 6, "matches": 15,
            "in_title": false, "in_lead": false, "main": true
        })
    );
    // The title "[Editorial] Korea should persist …": South Korea, bytes 12..17.
    assert_eq!(
        first["title_topics"],
        serde_json::json!([{"id": "south-korea", "spans": [{"start": 12, "end": 17, "text": "Korea"}]}])
    );
    let block1 = &first["blocks"][1];
    assert_eq!(block1["index"], 1);
    assert_eq!(block1["kind"], "paragraph");
    let trade = &block1["topics"][0];
    assert_eq!(trade["id"], "trade");
    assert_eq!(trade["spans"][0]["text"], "commerce settlement");
    // Spans are byte offsets into the block's text.
    let text = parallax::ingest::load_seeds().articles[0].blocks[1]
        .text
        .clone();
    let (s, e) = (
        trade["spans"][0]["start"].as_u64().unwrap_or(0) as usize,
        trade["spans"][0]["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[s..e], "commerce settlement");
}

#[test]
fn coverage_json_contract() {
    let stdout = run(&["coverage", "--format", "json"]).unwrap_or_default();
    let v: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    assert_eq!(v["story"]["id"], "takaichi-trump-2025-10");
    let perspectives: Vec<&str> = v["perspectives"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(perspectives, ["korean", "japanese", "wire"]);
    assert_eq!(v["perspectives"][2]["blocks"], 73);
    // The Korean editorial never mentions energy, shipbuilding or Ukraine; both the Japanese
    // editorial and the wire copy do.
    assert_eq!(
        v["gaps"],
        serde_json::json!([
            {"topic": "energy", "covered_by": ["japanese", "wire"], "missing": ["korean"]},
            {"topic": "shipbuilding", "covered_by": ["japanese", "wire"], "missing": ["korean"]},
            {"topic": "ukraine", "covered_by": ["japanese", "wire"], "missing": ["korean"]}
        ])
    );
    let seeds = parallax::ingest::load_seeds();
    let hankyoreh = seeds
        .articles
        .iter()
        .find(|a| parallax::model::id::prefix(&a.id) == "000_ba87cd429a98f8c1")
        .map(|a| a.id.clone())
        .expect("seed");
    let defense = &v["topics"][0];
    assert_eq!(defense["id"], "defense");
    assert_eq!(
        defense["cells"][0],
        serde_json::json!({
            "perspective": "korean", "blocks": 6, "share": 0.5, "articles": 1, "gap": false,
            "first": {"article": hankyoreh, "block": 5}
        })
    );
}

#[test]
fn coverage_of_an_unknown_story_fails_with_the_known_ids() {
    let message = run(&["coverage", "--story", "nope"])
        .err()
        .unwrap_or_default();
    assert_eq!(
        message,
        "no story with id \"nope\" (stories: takaichi-trump-2025-10, ishiba-trump-2025-02)"
    );
}

#[test]
fn coverage_of_a_named_story_and_markdown_format() {
    let out = run(&[
        "coverage",
        "--story",
        "ishiba-trump-2025-02",
        "--format",
        "markdown",
    ])
    .unwrap_or_default();
    assert!(out.starts_with("## Coverage: Ishiba–Trump summit in Washington, February 2025"));
    // One perspective only: nothing can be a gap.
    assert!(out.ends_with("No gaps.\n"), "{out}");
    assert!(out.contains("| Energy | 2 (33%) |"), "{out}");
}

/// The same concept in other words: a paragraph on "chip supply chains" (Reuters' phrasing)
/// covers Technology, and "strategic minerals" / "rare metals" are the minerals topic, so
/// the coverage matrix shows no gap a reader would call false.
#[test]
fn concepts_in_other_words_are_tagged() {
    let lexicon = Lexicon::embedded();
    let ids = |text: &str| -> Vec<String> {
        lexicon
            .tag_text(text)
            .tags
            .iter()
            .map(|t| lexicon.topic(t.topic).id.clone())
            .collect()
    };
    let chips = ids("The two leaders agreed to make chip supply chains more resilient.");
    assert!(chips.contains(&"technology".to_string()), "{chips:?}");
    assert!(chips.contains(&"minerals".to_string()), "{chips:?}");
    let minerals = ids("They signed a framework on strategic minerals and rare metals.");
    assert!(minerals.contains(&"minerals".to_string()), "{minerals:?}");
    // Not a semiconductor: a bargaining chip is still ignored.
    let bargaining = ids("Seoul fears becoming a bargaining chip in the talks.");
    assert!(
        !bargaining.contains(&"technology".to_string()),
        "{bargaining:?}"
    );
}
