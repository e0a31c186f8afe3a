//! Web-page extraction time: per page on the 46 saved pages of `../shared/extraction-dev`
//! (real news pages, 25 KB to 1 MB), and on a generated page of several MB (a short article
//! inside a 2 MB inline script, a large menu and thousands of comments).
//! Run: `cargo bench --bench webpage`.
#![allow(clippy::disallowed_macros)] // measurement notes, not untrusted text

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use parallax::ingest::html::{HtmlExtractor, MinimalExtractor};
use parallax::ingest::webpage::WebPageExtractor;
use std::path::Path;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn dev_pages() -> &'static [String] {
    static PAGES: OnceLock<Vec<String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/extraction-dev/html");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        if paths.is_empty() {
            eprintln!("no pages in {}: dev-page benches skipped", dir.display());
        }
        paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .collect()
    })
}

/// A page of about 5 MB whose article is a dozen paragraphs.
fn big_page() -> &'static str {
    static PAGE: OnceLock<String> = OnceLock::new();
    PAGE.get_or_init(|| {
        let sentence = "Officials said the agreement on tariffs and investment would be reviewed by both governments before the end of the year.";
        let menu: String = (0..2_000)
            .map(|i| format!("<li><a href='/section/{i}'>Section {i}</a></li>"))
            .collect();
        let article: String = (0..12)
            .map(|i| format!("<p>{i}. {sentence} {sentence} {sentence}</p>"))
            .collect();
        let comments: String = (0..8_000)
            .map(|i| format!("<div class='comment'><span class='author'>reader{i}</span><p>{sentence}</p><a href='#r{i}'>Reply</a></div>"))
            .collect();
        let state = "x".repeat(2_000_000);
        format!(
            "<!doctype html><html lang='en'><head><title>Big page | Outlet</title>\
             <meta property='og:site_name' content='Outlet'>\
             <script>window.__STATE__={{\"blob\":\"{state}\"}}</script></head><body>\
             <header><nav><ul>{menu}</ul></nav></header><main><article><h1>Big page</h1>{article}</article>\
             <section id='comments' class='comments'>{comments}</section></main>\
             <footer>Copyright Outlet</footer></body></html>"
        )
    })
}

#[divan::bench]
fn dev_pages_production(bencher: Bencher) {
    let pages = dev_pages();
    let extractor = WebPageExtractor::default();
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        for page in pages {
            divan::black_box(extractor.extract(page));
        }
    });
}

#[divan::bench]
fn dev_pages_minimal(bencher: Bencher) {
    let pages = dev_pages();
    bencher.counter(ItemsCount::new(pages.len())).bench(|| {
        for page in pages {
            divan::black_box(MinimalExtractor.extract(page));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn multi_mb_page_production(bencher: Bencher) {
    let page = big_page();
    let extractor = WebPageExtractor::default();
    bencher
        .counter(BytesCount::of_str(page))
        .bench(|| divan::black_box(extractor.extract(page)));
}

#[divan::bench(sample_count = 10)]
fn multi_mb_page_minimal(bencher: Bencher) {
    let page = big_page();
    bencher
        .counter(BytesCount::of_str(page))
        .bench(|| divan::black_box(MinimalExtractor.extract(page)));
}
