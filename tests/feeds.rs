//! Feeds: one article per item from RSS 2.0, Atom, JSON Feed, newline-delimited JSON and JSON
//! arrays (`tests/fixtures/feeds/`, written for these tests).

use parallax::model::id::prefix;

use parallax::ingest::feed::SUMMARY_ONLY;
use parallax::ingest::load_paths;
use parallax::model::{Article, BlockKind, Corpus};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn load(name: &str) -> Corpus {
    load_paths(&[fixture(name)])
}

fn texts(article: &Article) -> Vec<&str> {
    article.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn ids(corpus: &Corpus) -> Vec<&str> {
    let mut ids: Vec<&str> = corpus.articles.iter().map(|a| prefix(&a.id)).collect();
    ids.sort();
    ids
}

fn by_id<'a>(corpus: &'a Corpus, id: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| prefix(&a.id) == id)
        .unwrap_or_else(|| panic!("no article {id} in {:?}", ids(corpus)))
}

#[test]
fn rss_items_become_articles_with_full_content_where_given() {
    let corpus = load("yonhap.rss");
    assert_eq!(
        ids(&corpus),
        vec![
            "yonhap-3",
            "yonhap-aen20251029006000315",
            "yonhap-aen20251030004500315"
        ]
    );
    let full = by_id(&corpus, "yonhap-aen20251030004500315");
    assert_eq!(full.format.as_str(), "rss");
    assert_eq!(
        full.title,
        "Lee, Takaichi agree to keep up shuttle diplomacy"
    );
    // 08:15 in Seoul on the 30th (23:15 UTC on the 29th): the feed's own day.
    assert_eq!(full.date.as_deref(), Some("2025-10-30T08:15:00+09:00"));
    assert_eq!(full.byline.as_deref(), Some("Kim Soo-yeon"));
    assert_eq!(full.language.as_deref(), Some("en"));
    assert_eq!(
        full.url.as_deref(),
        Some("https://en.yna.co.kr/view/AEN20251030004500315")
    );
    assert_eq!(full.outlet.as_deref(), Some("Yonhap News Agency"));
    assert_eq!(full.perspective, "korean");
    // content:encoded, not the one-line description.
    assert_eq!(full.blocks.len(), 4);
    assert_eq!(full.blocks[2].kind, BlockKind::Heading);
    assert_eq!(full.blocks[2].text, "History issues");
    assert!(full.warnings.is_empty(), "{:?}", full.warnings);

    let summary = by_id(&corpus, "yonhap-aen20251029006000315");
    assert_eq!(texts(summary), vec!["US President Donald Trump arrived in Gyeongju on Wednesday for the APEC summit and talks with President Lee Jae Myung."]);
    assert_eq!(summary.warnings, vec![SUMMARY_ONLY.to_string()]);
    assert_eq!(summary.date.as_deref(), Some("2025-10-29T12:40:00+09:00"));

    // No guid: numbered. Entities decoded in the title.
    let numbered = by_id(&corpus, "yonhap-3");
    assert_eq!(
        numbered.title,
        "Editorial & analysis: what the summit means"
    );
}

#[test]
fn an_item_linking_elsewhere_takes_the_outlet_the_rules_give_it() {
    let corpus = load("yonhap.rss");
    let herald = by_id(&corpus, "yonhap-3");
    assert_eq!(herald.outlet.as_deref(), Some("The Korea Herald"));
    assert_eq!(herald.perspective, "korean");
}

#[test]
fn atom_entries_use_content_then_summary() {
    let corpus = load("kyodo.atom");
    assert_eq!(
        ids(&corpus),
        vec!["kyodo-news-2025-10-abc123", "kyodo-news-2025-10-def456"]
    );
    let full = by_id(&corpus, "kyodo-news-2025-10-abc123");
    assert_eq!(full.format.as_str(), "atom");
    // type="html" title: the markup goes, the words stay.
    assert_eq!(full.title, "Takaichi, Trump sign rare earths framework");
    // `published` (07:30 in Tokyo on the 28th), not `updated`.
    assert_eq!(full.date.as_deref(), Some("2025-10-28T07:30:00+09:00"));
    assert_eq!(full.byline.as_deref(), Some("Kyodo News"));
    assert_eq!(full.language.as_deref(), Some("en"));
    assert_eq!(full.blocks.len(), 2);
    assert!(full.blocks[1].text.contains("550 billion dollars"));
    assert!(full.warnings.is_empty());

    let summary = by_id(&corpus, "kyodo-news-2025-10-def456");
    assert_eq!(summary.warnings, vec![SUMMARY_ONLY.to_string()]);
    assert_eq!(summary.date.as_deref(), Some("2025-10-28T18:45:00+09:00"));
    assert_eq!(summary.outlet.as_deref(), Some("Kyodo News"));
}

#[test]
fn json_feed_items_fall_back_to_the_feed_title_as_outlet() {
    let corpus = load("reading-list.json");
    assert_eq!(
        ids(&corpus),
        vec!["reading-list-20251029-1", "reading-list-note-2"]
    );
    let yomiuri = by_id(&corpus, "reading-list-20251029-1");
    assert_eq!(yomiuri.format.as_str(), "json-feed");
    assert_eq!(
        yomiuri.title,
        "Japan-U.S. summit: Build trust to deepen alliance"
    );
    assert_eq!(yomiuri.date.as_deref(), Some("2025-10-29T16:19:00+09:00"));
    // The link is the Yomiuri's: the rules place it better than "My summit reading list".
    assert_eq!(yomiuri.outlet.as_deref(), Some("The Yomiuri Shimbun"));
    assert_eq!(yomiuri.perspective, "japanese");
    assert_eq!(yomiuri.blocks.len(), 2);

    let note = by_id(&corpus, "reading-list-note-2");
    assert_eq!(note.outlet.as_deref(), Some("My summit reading list"));
    assert_eq!(note.perspective, "other");
    assert_eq!(note.warnings, vec![SUMMARY_ONLY.to_string()]);
    assert_eq!(note.date.as_deref(), Some("2025-10-30T09:00:00+00:00"));
}

#[test]
fn newline_delimited_json_items_skip_bad_lines_with_a_warning() {
    let corpus = load("archive.ndjson");
    assert_eq!(ids(&corpus), vec!["archive-1", "archive-2", "archive-3"]);
    let herald = by_id(&corpus, "archive-1");
    assert_eq!(herald.format.as_str(), "json-lines");
    assert_eq!(herald.title, "Seoul, Washington near tariff deal");
    assert_eq!(herald.date.as_deref(), Some("2025-10-29T22:10:00+09:00"));
    // "Korea Herald RSS" is the source; the link places it exactly.
    assert_eq!(herald.outlet.as_deref(), Some("The Korea Herald"));
    assert_eq!(herald.blocks.len(), 2);
    assert!(herald
        .warnings
        .contains(&"line 3 is not a JSON object; skipped".to_string()));

    let markets = by_id(&corpus, "archive-2");
    assert_eq!(markets.outlet.as_deref(), Some("Markets Wire"));
    assert_eq!(markets.warnings, vec![SUMMARY_ONLY.to_string()]);

    // Plain-text content: blank lines separate paragraphs.
    let abe = by_id(&corpus, "archive-3");
    assert_eq!(
        texts(abe),
        vec![
            "Trump repeatedly mentioned the late prime minister Shinzo Abe.",
            "Takaichi presented him with a putter that once belonged to Abe."
        ]
    );
    assert_eq!(abe.date.as_deref(), Some("2025-10-28"));
    assert_eq!(abe.outlet, None);
}

#[test]
fn json_arrays_of_items_are_read_like_lines() {
    let corpus = load("archive-array.json");
    assert_eq!(ids(&corpus), vec!["archive-array-1", "archive-array-2"]);
    let mainichi = by_id(&corpus, "archive-array-1");
    assert_eq!(mainichi.outlet.as_deref(), Some("The Mainichi"));
    assert_eq!(mainichi.perspective, "japanese");
    assert_eq!(mainichi.date.as_deref(), Some("2025-10-28T19:00:00+09:00"));
    assert!(mainichi.warnings.is_empty());
    let protest = by_id(&corpus, "archive-array-2");
    assert_eq!(protest.warnings, vec![SUMMARY_ONLY.to_string()]);
    assert_eq!(
        texts(protest),
        vec!["A small group of protesters gathered near the US Embassy in Tokyo."]
    );
}

#[test]
fn broken_and_empty_feeds_are_reported_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("empty.rss"),
        "<rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("broken.atom"),
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Cut \u{1b}[31m</bad\u{1b}]0;x\u{7}>",
    )
    .expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert!(corpus.articles.is_empty());
    let messages: Vec<&str> = corpus.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("feed could not be read")),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"feed has no items; skipped"),
        "{messages:?}"
    );
    // The parser's messages may quote the file; nothing from it reaches the terminal raw.
    assert!(
        !messages.iter().any(|m| m.chars().any(char::is_control)),
        "{messages:?}"
    );
}

#[test]
fn wordpress_arrays_still_go_to_the_wordpress_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("posts.json"),
        r#"[{"id": 7, "link": "https://koreapro.org/a", "title": {"rendered": "One"}, "content": {"rendered": "<p>First post body.</p>"}}]"#,
    )
    .expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles[0].format.as_str(), "wordpress-json");
    assert_eq!(prefix(&corpus.articles[0].id), "posts-7");
}

#[test]
fn a_json_feed_is_known_by_its_version_wherever_it_stands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let padding = "x".repeat(4000);
    let feed = format!(
        r#"{{"description": "{padding}", "title": "Desk notes", "items": [{{"id": "1", "title": "Short item", "content_text": "A plain note.\n\nSecond paragraph."}}], "version": "https://jsonfeed.org/version/1"}}"#
    );
    std::fs::write(dir.path().join("late.json"), feed).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let a = &corpus.articles[0];
    assert_eq!(prefix(&a.id), "late-1");
    assert_eq!(a.format.as_str(), "json-feed");
    assert_eq!(a.outlet.as_deref(), Some("Desk notes"));
    assert_eq!(texts(a), vec!["A plain note.", "Second paragraph."]);
}
