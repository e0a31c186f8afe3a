//! Fetching 50 feeds of 50 items each from loopback servers in this process: HTTP, parsing,
//! and writing 2,500 article files. Polite delays are set to zero here; a real run adds
//! (feeds per host − 1) × the delay for its busiest host.

#[path = "../tests/support/loopback.rs"]
mod loopback;

use loopback::{article_html, rss, Reply, Server};
use parallax::ingest::Ingestor;
use parallax::sources::fetch::fetch_all;
use parallax::sources::http::Limits;
use parallax::sources::subscriptions::Subscription;
use std::time::Duration;

fn main() {
    divan::main();
}

const FEEDS: usize = 50;
const ITEMS: usize = 50;

fn feed_body(feed: usize) -> String {
    let items: Vec<(String, String, String, String)> = (0..ITEMS)
        .map(|i| {
            (
                format!("feed{feed}-item{i}"),
                format!("Feed {feed} item {i}: summit coverage"),
                format!("https://example.test/{feed}/{i}"),
                article_html(&format!("feed {feed} item {i}")),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str, &str, &str)> = items
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str()))
        .collect();
    rss(&format!("Feed {feed}"), &borrowed)
}

/// `hosts` loopback servers (one port each, so one host each), the 50 feeds spread over them.
fn setup(hosts: usize) -> (Vec<Server>, Vec<Subscription>) {
    let bodies: std::sync::Arc<Vec<String>> =
        std::sync::Arc::new((0..FEEDS).map(feed_body).collect());
    let servers: Vec<Server> = (0..hosts)
        .map(|_| {
            let bodies = bodies.clone();
            Server::start(move |r| {
                let n: Option<usize> = r
                    .path
                    .strip_prefix("/feed/")
                    .and_then(|p| p.strip_suffix(".xml"))
                    .and_then(|p| p.parse().ok());
                match n.and_then(|n| bodies.get(n)) {
                    Some(body) => Reply::ok("application/rss+xml", body.clone()),
                    None => Reply::status(404),
                }
            })
        })
        .collect();
    let subs = (0..FEEDS)
        .map(|i| Subscription::new(&servers[i % hosts].url(&format!("/feed/{i}.xml"))))
        .collect();
    (servers, subs)
}

fn limits() -> Limits {
    Limits {
        host_delay: Duration::ZERO,
        ..Limits::default()
    }
}

fn run(bencher: divan::Bencher, hosts: usize) {
    let (_servers, subs) = setup(hosts);
    let ingestor = Ingestor::default();
    bencher
        .with_inputs(|| tempfile::tempdir().expect("tempdir"))
        .bench_values(|dir| {
            let outcomes = fetch_all(&subs, dir.path(), &ingestor, limits(), &|_| {});
            let short: Vec<_> = outcomes
                .iter()
                .filter(|o| o.new != ITEMS)
                .map(|o| (o.new, o.status.clone(), o.error.clone()))
                .collect();
            assert!(short.is_empty(), "every item kept: {short:?}");
            dir
        });
}

#[divan::bench(sample_count = 5)]
fn fifty_feeds_of_fifty_items_ten_hosts(bencher: divan::Bencher) {
    run(bencher, 10);
}

#[divan::bench(sample_count = 5)]
fn fifty_feeds_of_fifty_items_one_host(bencher: divan::Bencher) {
    run(bencher, 1);
}
