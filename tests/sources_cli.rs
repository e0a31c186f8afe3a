//! The commands end to end: `feeds add` + `fetch` + `list`, a second `fetch` that sends
//! conditional requests and adds nothing, `feeds list`, import and export. The binary runs with
//! its config, data and state folders in a temporary home; the feed is served on loopback.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::loopback::{article_html, rss, Reply, Server};

fn parallax(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            stdout(output),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn feed() -> String {
    rss(
        "Yonhap News",
        &[
            (
                "y1",
                "Lee and Takaichi meet in Gyeongju",
                "https://en.yna.co.kr/view/AEN1",
                &article_html("Gyeongju"),
            ),
            (
                "y2",
                "Tariff deal signed",
                "https://en.yna.co.kr/view/AEN2",
                &article_html("tariffs"),
            ),
        ],
    )
}

#[test]
fn add_fetch_list_then_a_conditional_fetch_that_adds_nothing() {
    let server = Server::start(|r| {
        if r.headers.get("if-none-match").map(String::as_str) == Some("\"e1\"") {
            Reply::status(304)
        } else {
            Reply::ok("application/rss+xml", feed()).with_header("ETag", "\"e1\"")
        }
    });
    let home = tempfile::tempdir().expect("home");
    let url = server.url("/rss.xml");
    let added = parallax(
        home.path(),
        &[
            "feeds",
            "add",
            &url,
            "--perspective",
            "korean",
            "--outlet",
            "Yonhap",
        ],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let feeds_file = home.path().join("config/parallax/feeds.toml");
    let text = std::fs::read_to_string(&feeds_file).expect("feeds.toml beside the config");
    assert!(
        text.contains(&url) && text.contains("perspective = \"korean\""),
        "{text}"
    );

    let first = parallax(home.path(), &["fetch", "--format", "json"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let outcome = json(&first);
    assert_eq!(outcome[0]["status"], "ok");
    assert_eq!(outcome[0]["new"], 2);

    let list = json(&parallax(home.path(), &["list", "--format", "json"]));
    let articles = list.as_array().expect("array");
    assert_eq!(
        articles.len(),
        2,
        "the fetched articles, not the seeds: {list}"
    );
    for article in articles {
        assert_eq!(article["perspective"], "korean");
        assert_eq!(article["perspective_source"], "subscription");
        assert_eq!(article["perspective_reason"], "subscription: Yonhap feed");
        assert_eq!(article["outlet"], "Yonhap");
        assert_eq!(article["format"], "fetched");
    }
    let titles: Vec<&str> = articles
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.contains(&"Tariff deal signed"), "{titles:?}");

    let second = json(&parallax(home.path(), &["fetch", "--format", "json"]));
    assert_eq!(second[0]["status"], "not-modified");
    assert_eq!(second[0]["new"], 0);
    let requests = server.requests_for("/rss.xml");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].headers["if-none-match"], "\"e1\"");
    assert_eq!(
        json(&parallax(home.path(), &["list", "--format", "json"]))
            .as_array()
            .map(Vec::len),
        Some(2)
    );

    let feeds = json(&parallax(
        home.path(),
        &["feeds", "list", "--format", "json"],
    ));
    assert_eq!(feeds[0]["url"], url.as_str());
    assert_eq!(feeds[0]["status"], "not-modified");
    assert_eq!(feeds[0]["items"], 2);
    assert!(feeds[0]["last_fetch"].is_string());
    assert!(feeds[0]["error"].is_null());
}

#[test]
fn a_failing_feed_shows_its_error_in_feeds_list_and_fetch_exits_nonzero() {
    let server = Server::start(|_| Reply::status(404));
    let home = tempfile::tempdir().expect("home");
    let url = server.url("/gone.xml");
    assert!(parallax(home.path(), &["feeds", "add", &url])
        .status
        .success());
    let fetched = parallax(home.path(), &["fetch"]);
    assert!(!fetched.status.success());
    assert!(
        stdout(&fetched).contains("error: HTTP 404 Not Found"),
        "{}",
        stdout(&fetched)
    );
    let table = stdout(&parallax(home.path(), &["feeds", "list"]));
    assert!(table.contains("error: HTTP 404 Not Found"), "{table}");
    assert!(
        table.lines().nth(1).is_some_and(|l| l.starts_with("error")),
        "{table}"
    );
    // Nothing fetched yet: the reader's default corpus is still the bundled seeds.
    let list = json(&parallax(home.path(), &["list", "--format", "json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(5));
}

#[test]
fn import_newsboat_and_opml_then_export() {
    let home = tempfile::tempdir().expect("home");
    let urls = home.path().join("urls");
    std::fs::write(
        &urls,
        "https://en.yna.co.kr/RSS/news.xml korean \"daily news\" ~Yonhap\nexec:rm -rf /\nhttps://www3.nhk.or.jp/rss/news/cat0.xml japanese\n",
    )
    .expect("write urls");
    let imported = parallax(
        home.path(),
        &["feeds", "import", urls.to_str().expect("path")],
    );
    assert!(imported.status.success());
    let stderr = String::from_utf8_lossy(&imported.stderr);
    assert!(
        stderr.contains("2 feed(s) added") && stderr.contains("skipped line 2"),
        "{stderr}"
    );
    let opml = home.path().join("subs.opml");
    std::fs::write(&opml, r#"<opml version="2.0"><body><outline text="Wire"><outline text="Guardian" xmlUrl="https://www.theguardian.com/world/rss"/></outline></body></opml>"#).expect("write opml");
    let imported = parallax(
        home.path(),
        &[
            "feeds",
            "import",
            opml.to_str().expect("path"),
            "--perspective",
            "wire",
        ],
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let feeds = json(&parallax(
        home.path(),
        &["feeds", "list", "--format", "json"],
    ));
    let feeds = feeds.as_array().expect("array");
    assert_eq!(feeds.len(), 3);
    assert_eq!(
        feeds[0]["perspective"], "korean",
        "a tag naming a perspective places the feed"
    );
    assert_eq!(feeds[0]["outlet"], "Yonhap");
    assert_eq!(feeds[1]["perspective"], "japanese");
    assert_eq!(feeds[2]["perspective"], "wire");
    assert_eq!(feeds[2]["tags"][0], "Wire");
    assert_eq!(feeds[2]["status"], "never");
    let exported = stdout(&parallax(home.path(), &["feeds", "export"]));
    assert!(
        exported.contains(r#"xmlUrl="https://www3.nhk.or.jp/rss/news/cat0.xml""#),
        "{exported}"
    );
    assert!(
        exported.contains(r#"parallaxPerspective="wire""#),
        "{exported}"
    );
    let removed = parallax(
        home.path(),
        &["feeds", "remove", "https://www.theguardian.com/world/rss"],
    );
    assert!(removed.status.success());
    assert_eq!(
        json(&parallax(
            home.path(),
            &["feeds", "list", "--format", "json"]
        ))
        .as_array()
        .map(Vec::len),
        Some(2)
    );
    assert!(
        !parallax(home.path(), &["feeds", "add", "file:///etc/passwd"])
            .status
            .success()
    );
    assert!(!parallax(
        home.path(),
        &[
            "feeds",
            "add",
            "https://x.test/",
            "--perspective",
            "martian"
        ]
    )
    .status
    .success());
}

#[test]
fn suggestions_name_real_outlets_of_each_perspective_and_add_nothing() {
    let home = tempfile::tempdir().expect("home");
    let out = stdout(&parallax(home.path(), &["feeds", "--suggest"]));
    for expected in [
        "korean:",
        "japanese:",
        "wire:",
        "Yonhap News Agency",
        "NHK",
        "parallax feeds add 'https://",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    assert!(!home.path().join("config/parallax/feeds.toml").exists());
}

#[test]
fn a_feed_that_fails_after_a_good_fetch_keeps_its_articles_and_warns() {
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let server = Server::start(move |_| {
        if calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Reply::ok("application/rss+xml", feed())
        } else {
            Reply::status(500)
        }
    });
    let home = tempfile::tempdir().expect("home");
    let url = server.url("/rss.xml");
    assert!(parallax(
        home.path(),
        &["feeds", "add", &url, "--perspective", "korean"]
    )
    .status
    .success());
    assert!(parallax(home.path(), &["fetch"]).status.success());
    let second = parallax(home.path(), &["fetch"]);
    assert!(!second.status.success());
    let check = stdout(&parallax(home.path(), &["check"]));
    assert!(
        check.contains(&format!("{url}: last fetch failed: HTTP 500 (server error) (after 3 tries); 2 article(s) kept from before")),
        "{check}"
    );
    let list = json(&parallax(home.path(), &["list", "--format", "json"]));
    assert_eq!(list.as_array().map(Vec::len), Some(2));
}
