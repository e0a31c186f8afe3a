//! Saved web pages: metadata and body out of full pages with heavy boilerplate
//! (`tests/fixtures/web/`, written for these tests), through the extractor and the whole ingest.

use parallax::ingest::html::HtmlExtractor;
use parallax::ingest::load_paths;
use parallax::ingest::webpage::WebPageExtractor;
use parallax::model::{Article, BlockKind};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/web")
        .join(name)
}

fn article(name: &str) -> Article {
    let corpus = load_paths(&[fixture(name)]);
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), 1);
    corpus.articles.into_iter().next().expect("one article")
}

fn body(article: &Article) -> String {
    article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn texts_of(article: &Article, kind: BlockKind) -> Vec<&str> {
    article
        .blocks
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.text.as_str())
        .collect()
}

fn assert_absent(body: &str, leftovers: &[&str]) {
    for leftover in leftovers {
        assert!(!body.contains(leftover), "{leftover:?} left in:\n{body}");
    }
}

#[test]
fn json_ld_page_gives_title_byline_date_outlet_url_language() {
    let a = article("herald-summit.html");
    // The <title> carries " | The Korea Herald"; the headline alone is the title.
    assert_eq!(
        a.title,
        "Seoul watches Takaichi-Trump summit for tariff clues"
    );
    assert_eq!(a.byline.as_deref(), Some("Kim Min-ji"));
    // datePublished is 08:30 in Seoul on the 29th, i.e. 23:30 UTC on the 28th: the page's day.
    assert_eq!(a.date.as_deref(), Some("2025-10-29T08:30:00+09:00"));
    // No og:site_name: the outlet is the JSON-LD publisher.
    assert_eq!(a.outlet.as_deref(), Some("The Korea Herald"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.koreaherald.com/article/10599999")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
    assert_eq!(a.perspective, "korean");
    assert_eq!(a.format.as_str(), "html");
}

#[test]
fn json_ld_page_keeps_the_body_and_loses_the_boilerplate() {
    let a = article("herald-summit.html");
    let paragraphs = texts_of(&a, BlockKind::Paragraph);
    assert_eq!(paragraphs.len(), 6, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("South Korean trade officials spent Tuesday"));
    assert!(paragraphs[5].starts_with("President Lee Jae Myung is due to meet Trump"));
    assert_eq!(
        texts_of(&a, BlockKind::Heading),
        vec!["Investment structure in focus"]
    );
    assert_eq!(texts_of(&a, BlockKind::Quote).len(), 1);
    assert_eq!(texts_of(&a, BlockKind::ListItem).len(), 3);
    assert_absent(
        &body(&a),
        &[
            "cookies",             // cookie banner
            "Life & Culture",      // navigation
            "Home",                // breadcrumb
            "KakaoTalk",           // share bar
            "Copy link",           // share bar
            "Related articles",    // related links
            "Won slides",          // a related headline
            "reader_park",         // comment author
            "barely moved",        // comment text
            "Post comment",        // comment form
            "Most Popular",        // ranking
            "All rights reserved", // footer
            "Tags:",               // tag line
            "Published:",          // byline line, moved to metadata
        ],
    );
}

#[test]
fn meta_tag_page_in_japanese_keeps_its_paragraphs() {
    let a = article("mainichi-ja.html");
    assert_eq!(
        a.title,
        "日米首脳会談、対米投資５５００億ドルを確認 防衛費増額も議題に"
    );
    assert_eq!(a.outlet.as_deref(), Some("毎日新聞"));
    assert_eq!(a.byline.as_deref(), Some("山田太郎"));
    // 07:05 in Tokyo on the 29th is 22:05 UTC on the 28th.
    assert_eq!(a.date.as_deref(), Some("2025-10-29T07:05:00+09:00"));
    assert_eq!(a.language.as_deref(), Some("ja"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://mainichi.jp/articles/20251029/k00/00m/010/071000c")
    );
    assert_eq!(a.perspective, "japanese");
    // Caseless scripts are never mistaken for capitalised sub-headings.
    assert_eq!(
        texts_of(&a, BlockKind::Heading),
        vec!["レアアースで新たな枠組み"]
    );
    let paragraphs = texts_of(&a, BlockKind::Paragraph);
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("高市早苗首相は２８日")));
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with("一方、野党からは投資の中身が不透明だ")));
    assert_absent(
        &body(&a),
        &[
            "クッキー",           // cookie notice
            "スポーツ",           // navigation
            "はてなブックマーク", // share bar
            "関連記事",           // related links
            "天皇陛下",           // a related headline
            "アクセスランキング", // ranking
            "匿名希望",           // comment author
            "丁寧に説明",         // comment text
            "有料記事",           // paywall prompt
            "利用規約",           // footer
        ],
    );
}

#[test]
fn time_element_dates_a_page_without_structured_data() {
    let a = article("wire-time-only.html");
    assert_eq!(a.title, "Rare earths pact signed as leaders meet in Tokyo");
    assert_eq!(a.date.as_deref(), Some("2025-10-28T06:12:00+00:00"));
    assert_eq!(a.byline.as_deref(), Some("Mari Yamaguchi"));
    assert_eq!(a.language.as_deref(), Some("en"));
    // The navigation text is not taken for a site name; the URL places the outlet.
    assert_eq!(a.outlet.as_deref(), Some("Associated Press"));
    assert_eq!(a.perspective, "wire");
    assert_eq!(a.dateline.as_deref(), Some("TOKYO"));
    assert_eq!(texts_of(&a, BlockKind::Paragraph).len(), 5);
    assert_absent(
        &body(&a),
        &[
            "Skip to main content",
            "cookies",
            "Donate",
            "LinkedIn",
            "Read More",
            "What to know about",
            "Terms of Use",
        ],
    );
}

#[test]
fn the_extractor_alone_reports_the_metadata() {
    let html = std::fs::read_to_string(fixture("herald-summit.html")).expect("fixture");
    let draft = WebPageExtractor::default().extract(&html);
    assert_eq!(
        draft.meta.title.as_deref(),
        Some("Seoul watches Takaichi-Trump summit for tariff clues")
    );
    assert_eq!(draft.meta.byline.as_deref(), Some("Kim Min-ji"));
    assert_eq!(
        draft.meta.date.as_deref(),
        Some("2025-10-29T08:30:00+09:00")
    );
    assert_eq!(draft.meta.outlet.as_deref(), Some("The Korea Herald"));
    // The headline heading is metadata, not body.
    assert!(!draft
        .blocks
        .iter()
        .any(|b| b.text == "Seoul watches Takaichi-Trump summit for tariff clues"));
    assert!(draft.warnings.is_empty());
}

#[test]
fn a_short_page_is_read_whole_and_once() {
    // Under the crate's minimum size its fallback repeats the text ("Short note." three times).
    let draft = WebPageExtractor::default().extract(
        "<html><head><title>Note</title></head><body><div>Short note.</div></body></html>",
    );
    let texts: Vec<&str> = draft.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec!["Short note."]);
    assert_eq!(draft.meta.title.as_deref(), Some("Note"));
    assert!(draft.warnings.is_empty());
}

#[test]
fn a_page_without_text_says_so() {
    let draft = WebPageExtractor::default()
        .extract("<html><body><nav><a href='/'>Home</a></nav></body></html>");
    assert!(draft.blocks.is_empty());
    assert_eq!(
        draft.warnings,
        vec!["no article text found on the page".to_string()]
    );
}

/// `parallax show` on a real saved page (from `shared/extraction-dev`, beside the project).
#[test]
fn show_prints_a_saved_news_page_cleanly() {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/extraction-dev/html/7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f.html",
    );
    // The page sits beside the project, not in it: a clone elsewhere has no copy to read.
    if !page.exists() {
        parallax::text::sanitize::eprint_line(&format!(
            "skipped: {} is not beside this checkout",
            page.display()
        ));
        return;
    }
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args([
            "show",
            "7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f",
        ])
        .arg(&page)
        .output()
        .expect("run parallax");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "US service members killed in Afghanistan helicopter crash"
    );
    for expected in [
        "outlet      Al Jazeera",
        "date        2019-11-20",
        "language    en",
        "url         https://www.aljazeera.com/news/2019/11/service-members-killed-afghanistan-helicopter-crash-191120070028895.html",
    ] {
        assert!(lines.contains(&expected), "{expected:?} missing in:\n{stdout}");
    }
    // First and last paragraphs of the story (checked against the page by hand).
    assert!(stdout.contains("Two United States service members have been killed in a helicopter crash in Afghanistan, the US military said in a statement on Wednesday."));
    assert!(stdout.trim_end().ends_with(
        "More than 2,500 Afghan civilians have been killed in the fighting so far this year, according to the United Nations."
    ));
    // The "More:" box of related headlines inside the story is gone.
    assert!(!stdout.contains("More:"), "{stdout}");
    assert!(!stdout.contains("China invites Taliban"), "{stdout}");
    // So is the trailing list of tags.
    assert!(!stdout.contains("SOURCE:"), "{stdout}");
}

#[test]
fn a_multi_mb_page_gives_just_its_article() {
    let sentence = "Officials said the agreement would be reviewed by both governments before the end of the year.";
    let menu: String = (0..2_000)
        .map(|i| format!("<li><a href='/s/{i}'>Section {i}</a></li>"))
        .collect();
    let article: String = (0..12)
        .map(|i| format!("<p>Paragraph {i}. {sentence} {sentence}</p>"))
        .collect();
    let comments: String = (0..8_000)
        .map(|i| format!("<div class='comment'><span class='author'>reader{i}</span><p>Comment {i}: {sentence}</p></div>"))
        .collect();
    let state = "x".repeat(2_000_000);
    let page = format!(
        "<html lang='en'><head><title>Big page</title><script>var s=\"{state}\";</script></head><body>\
         <nav><ul>{menu}</ul></nav><main><article><h1>Big page</h1>{article}</article>\
         <section id='comments' class='comments'>{comments}</section></main></body></html>"
    );
    assert!(page.len() > 3_000_000);
    let draft = WebPageExtractor::default().extract(&page);
    let texts: Vec<&str> = draft.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts.len(), 12, "{:?}", &texts[..texts.len().min(5)]);
    assert!(texts[0].starts_with("Paragraph 0. Officials said"));
    assert!(texts[11].starts_with("Paragraph 11. Officials said"));
    assert!(!texts
        .iter()
        .any(|t| t.contains("Comment ") || t.contains("Section 1")));
}

#[test]
fn show_dropped_lists_what_the_page_extractor_left_out() {
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args(["show", "herald", "--dropped"])
        .arg(fixture("herald-summit.html"))
        .output()
        .expect("run parallax");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (body, dropped) = stdout
        .split_once("--- dropped (")
        .expect("a dropped section");
    let reason = "[web page extractor: outside the article text]";
    // The related links, the comments and the most-read list (read off the fixture by hand).
    for line in [
        "Related articles",
        "Lee to meet Trump in Gyeongju as tariff deadline nears",
        "Opposition demands disclosure of investment terms",
        "Most Popular",
        "Weather: first cold wave of autumn arrives",
        "Share Tweet Email",
    ] {
        assert!(
            dropped.contains(&format!("{reason} {line}\n")),
            "{line:?} not listed:\n{dropped}"
        );
        assert!(!body.contains(line), "{line:?} is in the body too");
    }
    // Article text is never listed as dropped.
    assert!(!dropped.contains("President Lee Jae Myung is due to meet Trump"));
    assert!(body.contains("President Lee Jae Myung is due to meet Trump"));
}

#[test]
fn dropped_page_text_is_sanitised() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("hostile.html");
    let paragraph = "<p>Officials from both governments met in Tokyo on Tuesday and agreed \
        to widen cooperation on shipbuilding, energy and the supply of critical minerals.</p>";
    let html = format!(
        "<html><head><title>Summit</title></head><body><article><h1>Summit</h1>{}</article>\
         <aside><ul><li>Evil \u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2Jlink \u{9b}31m\u{202e}here</li>\
         </ul></aside></body></html>",
        paragraph.repeat(4)
    );
    std::fs::write(&page, html).expect("write page");
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args(["show", "hostile", "--dropped"])
        .arg(&page)
        .output()
        .expect("run parallax");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("--- dropped ("), "{stdout}");
    assert!(stdout.contains("Evil"), "the aside is listed: {stdout}");
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!stdout.contains(bad), "{bad:?} reached the output");
    }
}
