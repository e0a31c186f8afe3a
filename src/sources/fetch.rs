//! `parallax fetch`: every subscription fetched (conditionally), its items parsed by the feed
//! reader, teasers completed from their pages, and each feed's items kept in one file. Feeds
//! of one host go to one worker in turn; a few workers run at once. A feed that fails keeps
//! its last good articles and records its error; it never stops the others.

use super::http::{Client, Fetched, Limits, Validators};
use super::keep::{self, FeedItems, FeedState, FetchState, Kept, Staged};
use super::subscriptions::Subscription;
use crate::ingest::decode::{decode_with, Decoded};
use crate::ingest::draft::{Draft, RawBlock};
use crate::ingest::fetched::{FetchedArticle, FORMAT_VERSION, SUBSCRIPTION};
use crate::ingest::Ingestor;
use crate::model::Block;
use crate::text::sanitize::clean_line;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;

/// Workers at once: enough to overlap slow servers, few enough to be a polite client.
pub const MAX_WORKERS: usize = 4;

/// Linked pages fetched per feed and run, at most (a 500-item teaser feed is not 500 pages).
pub const MAX_PAGES_PER_FEED: usize = 60;

/// How a fetch run went, per feed, in subscription order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeedOutcome {
    pub url: String,
    pub outlet: Option<String>,
    /// `ok`, `not-modified` or `error`.
    pub status: String,
    pub error: Option<String>,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Articles kept for this feed after the run.
    pub items: usize,
    /// Teasers completed from their pages, and those left as teasers.
    pub full_text: usize,
    pub teasers: usize,
    pub warnings: Vec<String>,
}

/// Progress for a bar: feeds done of the total, and the feed just finished.
#[derive(Debug, Clone)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub url: String,
}

/// Fetch every subscription into `fetched_dir` and record the state there.
pub fn fetch_all(
    subscriptions: &[Subscription],
    fetched_dir: &Path,
    ingestor: &Ingestor,
    limits: Limits,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<FeedOutcome> {
    let client = Client::new(limits);
    let mut state = FetchState::load(fetched_dir);
    // Feeds of one host, in order, form one job: one connection per host.
    let mut by_host: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, sub) in subscriptions.iter().enumerate() {
        by_host
            .entry(super::http::host_of(&sub.url))
            .or_default()
            .push(i);
    }
    let jobs: Mutex<VecDeque<Vec<usize>>> = Mutex::new(by_host.into_values().collect());
    let results: Mutex<Vec<Option<(FeedOutcome, FeedState, Staged)>>> =
        Mutex::new((0..subscriptions.len()).map(|_| None).collect());
    let done = Mutex::new(0usize);
    let workers = subscriptions.len().clamp(1, MAX_WORKERS);
    let previous_states = state.feeds.clone();
    let previous = &previous_states;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let job = lock(&jobs).pop_front();
                let Some(job) = job else { break };
                for i in job {
                    let sub = &subscriptions[i];
                    let before = previous.get(&sub.url).cloned().unwrap_or_default();
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        fetch_feed(&client, ingestor, sub, &before, fetched_dir)
                    }))
                    .unwrap_or_else(|_| {
                        let (outcome, state) = failed(
                            sub,
                            &before,
                            kept_on_disk(fetched_dir, sub),
                            "internal error while fetching".into(),
                        );
                        (outcome, state, Staged::default())
                    });
                    lock(&results)[i] = Some(outcome);
                    let mut done = lock(&done);
                    *done += 1;
                    progress(Progress {
                        done: *done,
                        total: subscriptions.len(),
                        url: clean_line(&sub.url),
                    });
                }
            });
        }
    });
    let mut finished: Vec<(&Subscription, FeedOutcome, FeedState)> = Vec::new();
    let mut staged = Staged::default();
    for (sub, result) in subscriptions.iter().zip(lock(&results).drain(..)) {
        if let Some((outcome, feed_state, feed_staged)) = result {
            staged.extend(feed_staged);
            finished.push((sub, outcome, feed_state));
        }
    }
    // Every article of the run put in place at once (see `Staged`), before the fetch state
    // that vouches for them is saved: validators never outlive the articles they stand for.
    let not_written = staged.commit();
    let mut outcomes = Vec::new();
    for (sub, mut outcome, mut feed_state) in finished {
        let feed_dir = fetched_dir.join(keep::feed_slug(&sub.url));
        if let Some((target, e)) = not_written
            .iter()
            .find(|(target, _)| target.parent() == Some(feed_dir.as_path()))
        {
            let before = previous_states.get(&sub.url).cloned().unwrap_or_default();
            (outcome, feed_state) = failed(
                sub,
                &before,
                kept_on_disk(fetched_dir, sub),
                format!("cannot write {}: {e}", target.display()),
            );
        }
        state.feeds.insert(sub.url.clone(), feed_state);
        outcomes.push(outcome);
    }
    if let Err(e) = state.save(fetched_dir) {
        if let Some(first) = outcomes.first_mut() {
            first
                .warnings
                .push(format!("fetch state could not be saved: {e}"));
        }
    }
    outcomes
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// How many articles the feed's folder keeps now (what a failed run leaves it with).
fn kept_on_disk(fetched_dir: &Path, sub: &Subscription) -> usize {
    keep::count_articles(&fetched_dir.join(keep::feed_slug(&sub.url)))
}

/// A failed run of `sub`, which still keeps `items` articles.
fn failed(
    sub: &Subscription,
    before: &FeedState,
    items: usize,
    error: String,
) -> (FeedOutcome, FeedState) {
    let error = clean_line(&error);
    let state = FeedState {
        last_fetch: Some(now()),
        status: "error".into(),
        error: Some(error.clone()),
        items,
        ..before.clone()
    };
    let outcome = FeedOutcome {
        url: clean_line(&sub.url),
        outlet: sub.outlet.as_deref().map(clean_line),
        status: "error".into(),
        error: Some(error),
        items,
        ..FeedOutcome::default()
    };
    (outcome, state)
}

fn fetch_feed(
    client: &Client,
    ingestor: &Ingestor,
    sub: &Subscription,
    before: &FeedState,
    fetched_dir: &Path,
) -> (FeedOutcome, FeedState, Staged) {
    let feed_dir = fetched_dir.join(keep::feed_slug(&sub.url));
    keep::sweep_temporaries(&feed_dir);
    let mut kept = FeedItems::read(&feed_dir);
    // A feed that fails keeps what its folder held; nothing is staged before the last step.
    let on_disk = kept.len();
    let failed = |why: String| {
        let (outcome, state) = failed(sub, before, on_disk, why);
        (outcome, state, Staged::default())
    };
    let validators = Validators {
        etag: before.etag.clone(),
        last_modified: before.last_modified.clone(),
    };
    // Validators are worth sending only while the articles they vouch for are still here.
    let validators = if !kept.is_empty() {
        validators
    } else {
        Validators::default()
    };
    let (bytes, charset, validators) = match client.get(&sub.url, &validators) {
        Err(why) => return failed(why),
        Ok(Fetched::NotModified) => {
            let items = kept.len();
            let state = FeedState {
                last_fetch: Some(now()),
                last_success: Some(now()),
                status: "not-modified".into(),
                error: None,
                items,
                ..before.clone()
            };
            let outcome = FeedOutcome {
                url: clean_line(&sub.url),
                outlet: sub.outlet.as_deref().map(clean_line),
                status: "not-modified".into(),
                unchanged: items,
                items,
                ..FeedOutcome::default()
            };
            return (outcome, state, Staged::default());
        }
        Ok(Fetched::Body {
            bytes,
            charset,
            validators,
            ..
        }) => (bytes, charset, validators),
    };
    let text = match decode_with(&bytes, charset.as_deref()) {
        Decoded::Text { text, .. } => text,
        Decoded::NotText(why) => return failed(format!("not a feed: {why}")),
    };
    let drafts = match parse_feed(&text, ingestor) {
        Ok(drafts) => drafts,
        Err(why) => return failed(why),
    };
    let mut outcome = FeedOutcome {
        url: clean_line(&sub.url),
        outlet: sub.outlet.as_deref().map(clean_line),
        status: "ok".into(),
        ..FeedOutcome::default()
    };
    let mut pages_left = MAX_PAGES_PER_FEED;
    for draft in drafts {
        let (stem, article) =
            fetched_article(client, ingestor, sub, draft, &mut pages_left, &mut outcome);
        match kept.keep(&stem, article) {
            Kept::New => outcome.new += 1,
            Kept::Updated => outcome.updated += 1,
            Kept::Unchanged => outcome.unchanged += 1,
        }
    }
    // The bundle is still staged: counted here, in place once the run commits.
    outcome.items = kept.len();
    let mut staged = Staged::default();
    if let Err(e) = staged.stage(kept) {
        return failed(format!("cannot write {}: {e}", feed_dir.display()));
    }
    let state = FeedState {
        etag: validators.etag,
        last_modified: validators.last_modified,
        last_fetch: Some(now()),
        last_success: Some(now()),
        status: "ok".into(),
        error: None,
        items: outcome.items,
    };
    (outcome, state, staged)
}

/// RSS, Atom or JSON Feed, through the same reader local feed files go through.
fn parse_feed(text: &str, ingestor: &Ingestor) -> Result<Vec<Draft>, String> {
    if text.trim_start().starts_with(['{', '[']) {
        return crate::ingest::feed::json_drafts(text, ingestor.classifier)
            .unwrap_or_else(|| Err("JSON that is not a JSON Feed".into()));
    }
    let lower: String = text.chars().take(2048).collect::<String>().to_lowercase();
    if !(lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf")) {
        return Err("not a feed (no RSS, Atom or JSON Feed document at this URL)".into());
    }
    crate::ingest::feed::feed_drafts(
        &crate::ingest::limits::bounded_html(text),
        ingestor.classifier,
    )
}

/// One feed item as the file that keeps it, and that file's stem.
fn fetched_article(
    client: &Client,
    ingestor: &Ingestor,
    sub: &Subscription,
    draft: Draft,
    pages_left: &mut usize,
    outcome: &mut FeedOutcome,
) -> (String, FetchedArticle) {
    let clean = |v: Option<String>| v.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
    let mut blocks: Vec<Block> = draft
        .blocks
        .into_iter()
        .filter_map(RawBlock::into_block)
        .map(|mut b| {
            b.text = clean_line(&b.text);
            b
        })
        .filter(|b| !b.text.is_empty())
        .collect();
    let url = clean(draft.meta.url);
    let guid = clean(draft.guid);
    let identity = guid.clone().or_else(|| url.clone()).unwrap_or_else(|| {
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        crate::model::id::identity_key(
            None,
            None,
            draft.meta.title.as_deref().unwrap_or(""),
            &texts,
        )
    });
    let outlet = clean(sub.outlet.clone()).or_else(|| clean(draft.meta.outlet));
    let mut warnings: Vec<String> = draft
        .warnings
        .into_iter()
        .filter(|w| w != crate::ingest::feed::SUMMARY_ONLY)
        .map(|w| clean_line(&w))
        .collect();
    let mut teaser = super::fulltext::teaser_reason(sub.full_text, &blocks);
    let mut full_text_from = None;
    if let Some(why) = teaser.clone() {
        match (&url, *pages_left) {
            (None, _) => teaser = Some(format!("{why}; the item has no link")),
            (Some(_), 0) => {
                teaser = Some(format!(
                    "{why}; over {MAX_PAGES_PER_FEED} pages for this feed in one run"
                ))
            }
            (Some(link), _) => {
                *pages_left -= 1;
                match super::fulltext::fetch_full_text(client, ingestor, link, &blocks) {
                    Ok((page_blocks, from)) => {
                        blocks = page_blocks;
                        full_text_from = Some(clean_line(&from));
                        teaser = None;
                        outcome.full_text += 1;
                    }
                    Err(e) => teaser = Some(format!("{why}; the page: {}", clean_line(&e))),
                }
            }
        }
    }
    if teaser.is_some() {
        outcome.teasers += 1;
    }
    if blocks.is_empty() {
        warnings.push("the item has no text".into());
    }
    let stamp = now();
    let perspective = clean(sub.perspective.clone());
    let named = outlet
        .clone()
        .unwrap_or_else(|| super::http::host_of(&sub.url));
    let article = FetchedArticle {
        parallax_fetched: FORMAT_VERSION,
        title: clean(draft.meta.title),
        url,
        guid,
        date: clean(draft.meta.date),
        outlet,
        perspective_source: perspective
            .as_ref()
            .map(|_| format!("{SUBSCRIPTION}{named} feed")),
        perspective,
        language: clean(draft.meta.language),
        byline: clean(draft.meta.byline),
        feed: clean_line(&sub.url),
        first_seen: stamp.clone(),
        updated: stamp,
        teaser,
        full_text_from,
        blocks,
        warnings,
    };
    (keep::item_stem(&identity), article)
}
