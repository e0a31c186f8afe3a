//! Fetching from a loopback HTTP server in this process: feeds of every format, conditional
//! requests, redirects, failures of every kind, gzip, Shift_JIS, teasers with linked pages, and
//! keeping items across fetches. Nothing here touches the internet.

mod support;

use parallax::ingest::Ingestor;
use parallax::sources::fetch::{fetch_all, FeedOutcome};
use parallax::sources::http::Limits;
use parallax::sources::keep::{FetchState, ITEMS_FILE, STATE_FILE};
use parallax::sources::subscriptions::Subscription;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use support::loopback::{article_html, gzip, rss, Reply, Server};

fn fast_limits() -> Limits {
    Limits {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(300),
        total_timeout: Duration::from_secs(3),
        max_bytes: 64 * 1024,
        max_redirects: 3,
        retries: 1,
        backoff: Duration::from_millis(10),
        host_delay: Duration::from_millis(0),
    }
}

fn sub(url: &str, perspective: Option<&str>, outlet: Option<&str>) -> Subscription {
    let mut s = Subscription::new(url);
    s.perspective = perspective.map(str::to_string);
    s.outlet = outlet.map(str::to_string);
    s
}

fn fetch(subs: &[Subscription], dir: &Path) -> Vec<FeedOutcome> {
    fetch_all(subs, dir, &Ingestor::default(), fast_limits(), &|_| {})
}

fn load(dir: &Path) -> parallax::model::Corpus {
    parallax::ingest::load_paths(&[dir.to_path_buf()])
}

const RSS: &str = "application/rss+xml";

/// Every feed folder's `items.json`, parsed, by folder.
fn bundles(dir: &Path) -> Vec<(std::path::PathBuf, serde_json::Value)> {
    let mut found = Vec::new();
    for feed in std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        let names: Vec<String> = std::fs::read_dir(feed.path())
            .expect("feed dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![ITEMS_FILE.to_string()], "one file per feed");
        let text = std::fs::read_to_string(feed.path().join(ITEMS_FILE)).expect("read");
        found.push((feed.path(), serde_json::from_str(&text).expect("json")));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn two_item_rss(prefix: &str) -> String {
    rss(
        &format!("{prefix} feed"),
        &[
            (
                &format!("{prefix}-1"),
                &format!("{prefix} summit report"),
                &format!("https://example.test/{prefix}/1"),
                &article_html(&format!("{prefix} one")),
            ),
            (
                &format!("{prefix}-2"),
                &format!("{prefix} tariff talks"),
                &format!("https://example.test/{prefix}/2"),
                &article_html(&format!("{prefix} two")),
            ),
        ],
    )
}

#[test]
fn rss_atom_and_json_feed_are_kept_with_the_subscriptions_perspective() {
    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kyodo</title><id>urn:k</id><updated>2025-10-28T10:00:00Z</updated>
<entry><id>urn:k:1</id><title>Atom summit</title><link href="https://example.test/a/1"/><updated>2025-10-28T10:00:00Z</updated><content type="html"><![CDATA[{}]]></content></entry>
<entry><id>urn:k:2</id><title>Atom tariffs</title><link href="https://example.test/a/2"/><updated>2025-10-28T11:00:00Z</updated><content type="html"><![CDATA[{}]]></content></entry></feed>"#,
        article_html("atom one"),
        article_html("atom two")
    );
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Wire",
        "items": [
            {"id": "j1", "url": "https://example.test/j/1", "title": "JSON summit", "content_html": article_html("json one"), "date_published": "2025-10-28T09:00:00Z"},
            {"id": "j2", "url": "https://example.test/j/2", "title": "JSON tariffs", "content_html": article_html("json two"), "date_published": "2025-10-28T09:30:00Z"}
        ]
    })
    .to_string();
    let server = Server::start(move |r| match r.path.as_str() {
        "/rss.xml" => Reply::ok(RSS, two_item_rss("rss")),
        "/atom.xml" => Reply::ok("application/atom+xml", atom.clone()),
        "/feed.json" => Reply::ok("application/feed+json", json.clone()),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let subs = [
        sub(&server.url("/rss.xml"), Some("korean"), Some("Yonhap")),
        sub(&server.url("/atom.xml"), Some("japanese"), None),
        sub(&server.url("/feed.json"), Some("wire"), Some("Wire Co")),
    ];
    let outcomes = fetch(&subs, dir.path());
    for o in &outcomes {
        assert_eq!((o.status.as_str(), o.new, o.items), ("ok", 2, 2), "{o:?}");
    }
    let corpus = load(dir.path());
    assert_eq!(corpus.articles.len(), 6, "{:?}", corpus.warnings);
    let by_title = |t: &str| {
        corpus
            .articles
            .iter()
            .find(|a| a.title == t)
            .unwrap_or_else(|| panic!("no article {t}"))
    };
    let rss_article = by_title("rss summit report");
    assert_eq!(rss_article.perspective, "korean");
    assert_eq!(rss_article.perspective_source, "subscription");
    assert_eq!(rss_article.perspective_reason, "subscription: Yonhap feed");
    assert_eq!(rss_article.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(rss_article.format.as_str(), "fetched");
    assert_eq!(rss_article.blocks.len(), 4);
    assert!(rss_article.blocks[0]
        .text
        .starts_with("rss one: paragraph 1."));
    // Without an outlet in the subscription, the feed's own title names it.
    let atom_article = by_title("Atom tariffs");
    assert_eq!(atom_article.perspective, "japanese");
    assert_eq!(atom_article.perspective_reason, "subscription: Kyodo feed");
    assert_eq!(by_title("JSON summit").perspective, "wire");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
}

#[test]
fn second_fetch_is_conditional_and_adds_nothing() {
    let server = Server::start(|r| {
        let fresh = r.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"");
        if fresh {
            Reply::status(304)
        } else {
            Reply::ok(RSS, two_item_rss("cond"))
                .with_header("ETag", "\"v1\"")
                .with_header("Last-Modified", "Tue, 28 Oct 2025 01:00:00 GMT")
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let subs = [sub(&server.url("/rss.xml"), Some("korean"), None)];
    let first = fetch(&subs, dir.path());
    assert_eq!((first[0].status.as_str(), first[0].new), ("ok", 2));
    let second = fetch(&subs, dir.path());
    assert_eq!(second[0].status, "not-modified");
    assert_eq!(
        (second[0].new, second[0].updated, second[0].items),
        (0, 0, 2)
    );
    let requests = server.requests_for("/rss.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].headers.get("if-none-match"), None);
    assert_eq!(requests[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(
        requests[1].headers["if-modified-since"],
        "Tue, 28 Oct 2025 01:00:00 GMT"
    );
    assert!(requests[0].headers["user-agent"].starts_with("parallax/"));
    let state = FetchState::load(dir.path());
    let feed = &state.feeds[&subs[0].url];
    assert_eq!((feed.status.as_str(), feed.items), ("not-modified", 2));
    assert_eq!(load(dir.path()).articles.len(), 2);
}

#[test]
fn redirect_chains_are_followed_and_loops_are_bounded() {
    let server = Server::start(|r| match r.path.as_str() {
        "/old" => Reply::redirect(302, "/older"),
        "/older" => Reply::redirect(301, "/rss.xml"),
        "/rss.xml" => Reply::ok(RSS, two_item_rss("moved")),
        "/loop" => Reply::redirect(302, "/loop"),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let outcomes = fetch(
        &[
            sub(&server.url("/old"), None, None),
            sub(&server.url("/loop"), None, None),
        ],
        dir.path(),
    );
    assert_eq!((outcomes[0].status.as_str(), outcomes[0].new), ("ok", 2));
    assert_eq!(outcomes[1].status, "error");
    let error = outcomes[1].error.as_deref().unwrap_or_default();
    assert!(error.contains("redirect"), "{error}");
    // Three redirects allowed: the first request and three more, then it stops.
    assert_eq!(server.requests_for("/loop").len(), 4);
}

#[test]
fn every_kind_of_failure_is_recorded_and_never_stops_the_others() {
    let server = Server::start(|r| match r.path.as_str() {
        "/gone" => Reply::status(404),
        "/broken" => Reply::status(500),
        "/slow" => Reply::Slow(
            Duration::from_secs(2),
            Box::new(Reply::ok(RSS, two_item_rss("slow"))),
        ),
        "/endless" => Reply::Endless,
        "/html" => Reply::ok("text/html", "<html><body><p>not a feed</p></body></html>"),
        "/good" => Reply::ok(RSS, two_item_rss("good")),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = ["/gone", "/broken", "/slow", "/endless", "/html", "/good"];
    let subs: Vec<Subscription> = paths
        .iter()
        .map(|p| sub(&server.url(p), None, None))
        .collect();
    let started = std::time::Instant::now();
    let outcomes = fetch(&subs, dir.path());
    let error = |i: usize| outcomes[i].error.clone().unwrap_or_default();
    assert!(error(0).contains("HTTP 404"), "{}", error(0));
    assert!(
        error(1).contains("HTTP 500") && error(1).contains("2 tries"),
        "{}",
        error(1)
    );
    assert_eq!(
        server.requests_for("/broken").len(),
        2,
        "one retry after a 500"
    );
    assert!(error(2).contains("timed out"), "{}", error(2));
    assert!(error(3).contains("limit"), "{}", error(3));
    assert!(error(4).contains("not a feed"), "{}", error(4));
    assert_eq!((outcomes[5].status.as_str(), outcomes[5].new), ("ok", 2));
    // The slow server is given up on at the read timeout, twice, not waited out.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    let state = FetchState::load(dir.path());
    for (i, s) in subs.iter().enumerate().take(5) {
        assert_eq!(state.feeds[&s.url].status, "error", "{}", paths[i]);
        assert_eq!(
            state.feeds[&s.url].error.clone().unwrap_or_default(),
            error(i)
        );
    }
    assert_eq!(load(dir.path()).articles.len(), 2);
}

#[test]
fn a_failing_source_keeps_its_last_good_articles() {
    let calls = AtomicUsize::new(0);
    let server = Server::start(move |_| {
        if calls.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::ok(RSS, two_item_rss("kept"))
        } else {
            Reply::status(404)
        }
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let subs = [sub(&server.url("/rss.xml"), Some("japanese"), None)];
    assert_eq!(fetch(&subs, dir.path())[0].new, 2);
    let second = fetch(&subs, dir.path());
    assert_eq!(second[0].status, "error");
    assert_eq!(second[0].items, 2);
    let state = FetchState::load(dir.path());
    let feed = &state.feeds[&subs[0].url];
    assert_eq!(feed.error.as_deref(), Some("HTTP 404 Not Found"));
    assert!(feed.last_success.is_some());
    assert_eq!(load(dir.path()).articles.len(), 2);
}

#[test]
fn gzip_and_shift_jis_feeds_come_out_clean() {
    let japanese = "高市首相とトランプ大統領が初会談";
    let body = article_html("日米首脳会談、対米投資五千五百億ドルを確認");
    let sjis_feed = rss(
        "読売新聞",
        &[("y1", japanese, "https://example.test/y/1", &body)],
    )
    .replace("encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"");
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&sjis_feed);
    assert!(!unmappable);
    let sjis = sjis.into_owned();
    let zipped = gzip(two_item_rss("zipped").as_bytes());
    let server = Server::start(move |r| match r.path.as_str() {
        "/sjis.xml" => Reply::ok(RSS, sjis.clone()),
        "/gz.xml" => Reply::ok(RSS, zipped.clone()).with_header("Content-Encoding", "gzip"),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let outcomes = fetch(
        &[
            sub(&server.url("/sjis.xml"), Some("japanese"), None),
            sub(&server.url("/gz.xml"), None, None),
        ],
        dir.path(),
    );
    assert!(outcomes.iter().all(|o| o.status == "ok"), "{outcomes:?}");
    assert!(server.requests_for("/gz.xml")[0].headers["accept-encoding"].contains("gzip"));
    let corpus = load(dir.path());
    let article = corpus
        .articles
        .iter()
        .find(|a| a.title == japanese)
        .expect("the Shift_JIS item, its title intact");
    assert!(article.blocks[0]
        .text
        .starts_with("日米首脳会談、対米投資五千五百億ドルを確認"));
    assert_eq!(article.outlet.as_deref(), Some("読売新聞"));
    assert!(corpus
        .articles
        .iter()
        .any(|a| a.title == "zipped summit report"));
}

fn teaser_feed(base: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Asahi</title>
<item><guid>t1</guid><title>Teaser with a page</title><link>{base}/page/ok</link><description>首相は二十八日、会談に臨んだ…</description></item>
<item><guid>t2</guid><title>Teaser whose page is gone</title><link>{base}/page/gone</link><description>The two leaders met on Tuesday and…</description></item>
</channel></rss>"#
    )
}

#[test]
fn teasers_get_their_pages_and_a_failed_page_leaves_the_teaser() {
    let paragraphs: String = (1..=5)
        .map(|i| format!("<p>高市早苗首相は二十八日、東京・元赤坂の迎賓館でトランプ米大統領と初めて会談した。第{i}段落では、両首脳が日米同盟の強化と経済安全保障での協力を確認したことを伝えている。</p>"))
        .collect();
    let page = format!(
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"shift_jis\"><title>日米首脳会談</title></head><body><nav><a href=\"/\">ホーム</a></nav><article><h1>日米首脳会談</h1>{paragraphs}</article><footer>朝日新聞社</footer></body></html>"
    );
    let (page, _, _) = encoding_rs::SHIFT_JIS.encode(&page);
    let page = page.into_owned();
    let server = Server::start(move |r| match r.path.as_str() {
        "/teasers.xml" => Reply::ok(RSS, teaser_feed(&format!("http://{}", r.headers["host"]))),
        "/page/ok" => Reply::ok("text/html", page.clone()),
        _ => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let outcomes = fetch(
        &[sub(&server.url("/teasers.xml"), Some("japanese"), None)],
        dir.path(),
    );
    assert_eq!(
        (outcomes[0].full_text, outcomes[0].teasers),
        (1, 1),
        "{outcomes:?}"
    );
    let corpus = load(dir.path());
    let full = corpus
        .articles
        .iter()
        .find(|a| a.title == "Teaser with a page")
        .expect("full article");
    let text: String = full.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(text.contains("第5段落"), "{text}");
    assert!(
        !text.contains("ホーム"),
        "navigation is not article text: {text}"
    );
    assert!(
        !full.warnings.iter().any(|w| w.contains("teaser")),
        "{:?}",
        full.warnings
    );
    let teaser = corpus
        .articles
        .iter()
        .find(|a| a.title == "Teaser whose page is gone")
        .expect("teaser kept");
    assert_eq!(teaser.blocks[0].text, "The two leaders met on Tuesday and…");
    let warning = teaser
        .warnings
        .iter()
        .find(|w| w.starts_with("teaser only"))
        .expect("marked as a teaser");
    assert!(warning.contains("HTTP 404"), "{warning}");
}

#[test]
fn an_item_seen_again_is_updated_in_place_only_when_its_content_changed() {
    let version = std::sync::Arc::new(AtomicUsize::new(1));
    let serving = version.clone();
    let server = Server::start(move |_| {
        let a1 = article_html("first version");
        let a2 = article_html("second version");
        let b = article_html("unchanged");
        let c = article_html("new item");
        let body = if serving.load(Ordering::SeqCst) == 1 {
            rss(
                "F",
                &[
                    ("a", "A", "https://example.test/a", &a1),
                    ("b", "B", "https://example.test/b", &b),
                ],
            )
        } else {
            rss(
                "F",
                &[
                    ("a", "A", "https://example.test/a", &a2),
                    ("c", "C", "https://example.test/c", &c),
                ],
            )
        };
        Reply::ok(RSS, body)
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let subs = [sub(&server.url("/f.xml"), None, None)];
    fetch(&subs, dir.path());
    let files = |dir: &Path| -> std::collections::BTreeMap<String, String> {
        let mut map = std::collections::BTreeMap::new();
        for (_, bundle) in bundles(dir) {
            for article in bundle["articles"].as_object().expect("articles").values() {
                let guid = article["guid"].as_str().unwrap_or_default().to_string();
                map.insert(guid, article.to_string());
            }
        }
        map
    };
    let before = files(dir.path());
    assert_eq!(before.len(), 2);
    std::thread::sleep(Duration::from_millis(1100)); // a new second for `updated`
    version.store(2, Ordering::SeqCst);
    let outcome = &fetch(&subs, dir.path())[0];
    assert_eq!(
        (
            outcome.new,
            outcome.updated,
            outcome.unchanged,
            outcome.items
        ),
        (1, 1, 0, 3)
    );
    let after = files(dir.path());
    assert_eq!(after.len(), 3, "B dropped out of the feed and stays");
    assert_eq!(
        after["b"], before["b"],
        "an item not in the feed is left alone"
    );
    let old: serde_json::Value = serde_json::from_str(&before["a"]).expect("json");
    let new: serde_json::Value = serde_json::from_str(&after["a"]).expect("json");
    assert_eq!(new["first_seen"], old["first_seen"]);
    assert_ne!(new["updated"], old["updated"]);
    assert!(new["blocks"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .starts_with("second version"));
    // One id per item across fetches: the updated file is the same article.
    let corpus = load(dir.path());
    assert_eq!(corpus.articles.len(), 3);
    // A third fetch of the same feed rewrites nothing.
    let third = &fetch(&subs, dir.path())[0];
    assert_eq!((third.new, third.updated, third.unchanged), (0, 0, 2));
    assert_eq!(files(dir.path()), after);
    assert!(dir.path().join(STATE_FILE).is_file());
}

#[test]
fn a_local_shift_jis_page_with_meta_charset_reads_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "<html><head><meta charset=\"shift_jis\"><title>日米首脳会談</title></head><body><article><h1>日米首脳会談</h1><p>高市早苗首相は二十八日、東京でトランプ米大統領と初めて会談し、日米同盟の強化を確認した。</p><p>両首脳は造船やレアアースでの協力でも一致した。</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
    std::fs::write(dir.path().join("yomiuri.html"), &bytes).expect("write");
    let corpus = load(dir.path());
    let article = corpus.articles.first().expect("one article");
    assert_eq!(article.title, "日米首脳会談");
    let text: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(text.contains("高市早苗首相は二十八日"), "{text}");
    assert!(
        !article.warnings.iter().any(|w| w.contains("invalid")),
        "{:?}",
        article.warnings
    );
}

#[test]
fn articles_kept_one_file_per_item_by_an_earlier_version_keep_their_ids_when_folded() {
    let body = two_item_rss("yna");
    let server = Server::start(move |_| Reply::ok(RSS, body.clone()));
    let dir = tempfile::tempdir().expect("tempdir");
    let subs = [sub(&server.url("/f.xml"), Some("korean"), Some("Yonhap"))];
    fetch(&subs, dir.path());
    let ids = |dir: &Path| -> Vec<String> {
        let mut ids: Vec<String> = load(dir).articles.iter().map(|a| a.id.clone()).collect();
        ids.sort();
        ids
    };
    let bundled = ids(dir.path());
    assert_eq!(bundled.len(), 2);
    // The layout an earlier version wrote: each item in `<stem>.json`, no bundle.
    let (feed_dir, bundle) = bundles(dir.path()).remove(0);
    std::fs::remove_file(feed_dir.join(ITEMS_FILE)).expect("remove bundle");
    for (stem, article) in bundle["articles"].as_object().expect("articles") {
        std::fs::write(feed_dir.join(format!("{stem}.json")), article.to_string()).expect("write");
    }
    assert_eq!(
        ids(dir.path()),
        bundled,
        "per-item files load with the same ids"
    );
    // The next fetch finds nothing new, folds the files into the bundle and removes them.
    let outcome = &fetch(&subs, dir.path())[0];
    assert_eq!((outcome.new, outcome.unchanged, outcome.items), (0, 2, 2));
    assert_eq!(bundles(dir.path()).len(), 1);
    assert_eq!(ids(dir.path()), bundled, "and the same ids once folded");
}

#[test]
fn a_damaged_article_in_a_bundle_is_named_and_the_others_load() {
    let body = two_item_rss("nhk");
    let server = Server::start(move |_| Reply::ok(RSS, body.clone()));
    let dir = tempfile::tempdir().expect("tempdir");
    fetch(
        &[sub(&server.url("/f.xml"), Some("japanese"), None)],
        dir.path(),
    );
    let (feed_dir, mut bundle) = bundles(dir.path()).remove(0);
    let articles = bundle["articles"].as_object_mut().expect("articles");
    let first = articles.keys().next().cloned().expect("an article");
    articles.insert(
        first.clone(),
        serde_json::json!({"parallax_fetched": 1, "blocks": 7}),
    );
    std::fs::write(feed_dir.join(ITEMS_FILE), bundle.to_string()).expect("write");
    let corpus = load(dir.path());
    assert_eq!(corpus.articles.len(), 1);
    assert!(
        corpus.warnings.iter().any(|w| w.file.ends_with(ITEMS_FILE)
            && w.message.contains(&first)
            && w.message.contains("damaged")),
        "{:?}",
        corpus.warnings
    );
}
