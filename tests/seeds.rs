//! The bundled seeds: metadata, perspectives and boilerplate kept/dropped, checked against a
//! careful reading of each file (see DESIGN.md's table of their quirks).

use parallax::ingest::{load_seeds, seeds, Ingestor};
use parallax::model::{Article, BlockKind, Corpus};

fn corpus() -> Corpus {
    load_seeds()
}

fn article<'a>(corpus: &'a Corpus, prefix: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| a.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} loaded"))
}

/// A seed ingested on its own, without the manifest.
fn without_manifest(prefix: &str) -> Article {
    let (path, bytes) = seeds::FILES
        .iter()
        .find(|(p, _)| p.starts_with(&format!("seeds/{prefix}")))
        .expect("seed file");
    let mut result = Ingestor::default().ingest_file(path, bytes, None);
    assert!(result.warnings.is_empty(), "{:?}", result.warnings);
    result.articles.remove(0)
}

fn texts(a: &Article, kind: BlockKind) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn body(a: &Article) -> String {
    a.blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn dropped(a: &Article) -> String {
    a.dropped
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every non-empty line of the source between two markers is kept as a block, word for word.
fn assert_lines_kept(a: &Article, source: &str, from: &str, to: &str) {
    let start = source.find(from).expect("start marker");
    let end = source.find(to).expect("end marker");
    for line in source[start..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        assert!(
            a.blocks.iter().any(|b| b.text == line),
            "{}: line not kept as a block: {line}",
            a.id
        );
    }
}

fn source_of(prefix: &str) -> String {
    let (_, bytes) = seeds::FILES
        .iter()
        .find(|(p, _)| p.starts_with(&format!("seeds/{prefix}")))
        .expect("seed file");
    String::from_utf8(bytes.to_vec()).expect("seed is UTF-8")
}

#[test]
fn all_five_seeds_load_with_only_the_expected_warnings() {
    let corpus = corpus();
    assert_eq!(corpus.articles.len(), 5);
    let warnings: Vec<String> = corpus
        .all_warnings()
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("seeds/003_aab10cb7c5a58c1f.txt: truncated")));
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("seeds/004_ef4fb084e8f28a11.txt: text ends mid-sentence")));
}

#[test]
fn seed_000_hankyoreh_editorial() {
    let corpus = corpus();
    let a = article(&corpus, "000");
    assert_eq!(
        a.title,
        "[Editorial] Korea should persist with its ideas whereas working with US, Japan"
    );
    assert_eq!(a.outlet.as_deref(), Some("Hankyoreh"));
    assert_eq!(a.perspective, "korean");
    assert_eq!(a.date.as_deref(), Some("2025-10-28"));
    assert_eq!(a.language.as_deref(), Some("en"));
    // The photo caption opens the text and is kept as a caption.
    assert_eq!(a.blocks[0].kind, BlockKind::Caption);
    assert!(a.blocks[0].text.ends_with("(Reuters/Yonhap)"));
    // Every paragraph of the editorial is kept.
    let paragraphs = texts(a, BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 11);
    assert!(paragraphs[0].starts_with("After securing a promise"));
    assert!(paragraphs[10].starts_with("Whereas now we have no selection"));
    // The contact line and the image link are dropped.
    assert!(!body(a).contains("Please direct questions"));
    assert!(!body(a).contains("flexible.img.hani.co.kr"));
    assert!(dropped(a).contains("Please direct questions"));
    assert!(dropped(a).contains("3717617261405168.webp"));
}

#[test]
fn seed_001_yomiuri_editorial() {
    let corpus = corpus();
    let a = article(&corpus, "001");
    assert!(a
        .title
        .starts_with("Japan-U.S. Summit: Alliance in a New Era Expands Scope of Cooperation"));
    assert_eq!(a.outlet.as_deref(), Some("The Yomiuri Shimbun"));
    assert_eq!(a.perspective, "japanese");
    assert_eq!(a.date.as_deref(), Some("2025-10-29T16:19:00+09:00"));
    assert_eq!(
        texts(a, BlockKind::Heading),
        vec![
            "Conveying resolve on strengthening defense",
            "Aim for mutually beneficial investments",
            "Seeking progress on abduction issue"
        ]
    );
    let source = source_of("001");
    assert_lines_kept(
        a,
        &source,
        "As the United States strengthens",
        "(From The Yomiuri Shimbun",
    );
    // Both trailing ranking lists and all their entries are gone.
    for gone in [
        "POPULAR ARTICLE",
        "JN ACCESS RANKING",
        "Corporate Interim Earnings",
        "Japan GDP Down Annualized",
        "Govt Plans to Urge Municipalities",
    ] {
        assert!(!body(a).contains(gone), "{gone} should be dropped");
        assert!(
            dropped(a).contains(gone),
            "{gone} should be recorded as dropped"
        );
    }
    assert!(a
        .blocks
        .last()
        .map(|b| b.text.starts_with("During his first term"))
        .unwrap_or(false));
}

#[test]
fn seed_002_kyodo_wire_story_from_an_app() {
    let corpus = corpus();
    let a = article(&corpus, "002");
    assert_eq!(
        a.title,
        "Takaichi, Trump agree to boost deterrence, economic cooperation"
    );
    assert_eq!(a.outlet.as_deref(), Some("Kyodo News"));
    assert_eq!(a.perspective, "wire");
    assert!(a.perspective_reason.contains("manifest"));
    assert_eq!(a.date.as_deref(), Some("2025-10-28"));
    let source = source_of("002");
    assert_lines_kept(
        a,
        &source,
        "Japan's new prime minister",
        "Get the full experience",
    );
    assert_eq!(texts(a, BlockKind::Paragraph).len(), 30);
    for gone in [
        "Overview Logo",
        "Article Main Image",
        "Alternative Takes",
        "Trump's Regional Dominance in Asian Diplomacy",
        "China-Taiwan-US Strategic Tensions",
        "Get the full experience in the app",
        "50 countries, 150 news sites",
        "Apple App Store Badge",
    ] {
        assert!(!body(a).contains(gone), "{gone} should be dropped");
        assert!(dropped(a).contains(gone), "{gone} should be recorded");
    }
}

#[test]
fn seed_003_korea_pro_truncated_wordpress_json() {
    let corpus = corpus();
    let a = article(&corpus, "003");
    assert_eq!(a.format.as_str(), "wordpress-json");
    assert_eq!(
        a.title,
        "US-Japan summit signals tight defense ties and economic rivalry with South Korea"
    );
    assert_eq!(a.outlet.as_deref(), Some("Korea Pro"));
    assert_eq!(a.perspective, "korean");
    assert_eq!(a.date.as_deref(), Some("2025-02-10T08:00:00+09:00"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://koreapro.org/2025/02/us-japan-summit-signals-tight-defense-ties-and-economic-rivalry-with-south-korea/")
    );
    assert!(a.warnings.iter().any(|w| w.starts_with("truncated")));
    assert_eq!(texts(a, BlockKind::Heading), vec!["WHY IT MATTERS"]);
    let paragraphs = texts(a, BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 5);
    // \u2019 and \u201c escapes decoded, stray tags gone.
    assert!(paragraphs[0].contains("Washington’s “unwavering commitment”"));
    assert!(paragraphs[0].contains("reaffirmed their commitment to strengthening"));
    assert!(!body(a).contains('<') && !body(a).contains("\\u"));
    assert!(paragraphs[4].ends_with("geopolitical liability."));
}

#[test]
fn seed_004_unattributed_rewrite() {
    let corpus = corpus();
    let a = article(&corpus, "004");
    assert_eq!(
        a.title,
        "Trump and Takaichi Pledge New Golden Era for Japan-U.S. Relations in Japan"
    );
    assert_eq!(a.perspective, "wire");
    assert_eq!(a.date.as_deref(), Some("2025-10-28"));
    assert_eq!(a.dateline.as_deref(), Some("Tokyo, Japan"));
    let tables: Vec<_> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Table)
        .collect();
    assert_eq!(tables.len(), 1);
    let rows = tables[0].rows.as_ref().expect("table rows");
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0],
        vec![
            "Area of cooperation",
            "Current Status",
            "Potential Developments"
        ]
    );
    assert_eq!(rows[2][1], "$185 billion in bilateral trade (2023)");
    let items = texts(a, BlockKind::ListItem);
    assert!(items
        .iter()
        .any(|i| i.starts_with("Economic Partnership: Discussions focused")));
    assert!(items
        .iter()
        .any(|i| i.starts_with("What is the primary focus of the U.S.-Japan alliance?")));
    assert!(items
        .iter()
        .any(|i| i.starts_with("Impact on South Korea:")));
    assert!(!items.iter().any(|i| i.contains("**")));
    // The table of contents and the comment prompt are gone; the sections they listed stay.
    assert!(!body(a).contains("Table of Contents"));
    assert!(!items.iter().any(|i| i.starts_with("1. A New chapter")));
    assert!(texts(a, BlockKind::Heading).contains(&"A New chapter in Bilateral Relations"));
    assert!(!body(a).contains("Share your opinions in the comments"));
    assert!(dropped(a).contains("Table of Contents"));
    assert!(dropped(a).contains("Share your opinions in the comments below."));
    assert!(a.warnings.iter().any(|w| w.contains("may be truncated")));
}

#[test]
fn perspectives_from_the_texts_alone() {
    assert_eq!(without_manifest("000").perspective, "korean");
    assert_eq!(without_manifest("001").perspective, "japanese");
    let korea_pro = Ingestor::default().ingest_file(seeds::FILES[3].0, seeds::FILES[3].1, None);
    assert_eq!(korea_pro.articles[0].perspective, "korean");
    // 002 and 004 name no outlet: without the manifest no rule places them.
    for prefix in ["002", "004"] {
        let a = without_manifest(prefix);
        assert_eq!(a.perspective, "other", "{prefix}: {}", a.perspective_reason);
        assert!(a.perspective_reason.starts_with("no rule matched"));
    }
}

#[test]
fn weekday_date_without_manifest_year_is_inferred() {
    // "Tuesday, October 28" with no year: 2025 is the year near the text's own years on which
    // October 28 is a Tuesday.
    assert_eq!(without_manifest("002").date.as_deref(), Some("2025-10-28"));
}

#[test]
fn stories_come_from_the_manifest() {
    let corpus = corpus();
    assert_eq!(corpus.stories.len(), 2);
    let summit = &corpus.stories[0];
    assert_eq!(summit.id, "takaichi-trump-2025-10");
    assert_eq!(summit.articles.len(), 4);
    assert_eq!(summit.first_day.as_deref(), Some("2025-10-28"));
    assert_eq!(summit.last_day.as_deref(), Some("2025-10-29"));
    assert_eq!(
        corpus.story_perspectives(summit),
        vec!["japanese", "korean", "wire"]
    );
    assert_eq!(corpus.stories[1].id, "ishiba-trump-2025-02");
}
