//! `parallax feeds …` (subscriptions) and `parallax fetch` (fetch them all).

use super::{ListFormat, Session};
use crate::sources::fetch::{fetch_all, FeedOutcome, Progress};
use crate::sources::http::Limits;
use crate::sources::keep::{self, FetchState};
use crate::sources::opml;
use crate::sources::subscriptions::{self, check_url, Subscription, Subscriptions};
use crate::text::sanitize::{clean_line, eprint_line, stdout};
use crate::text::width::{display_width, truncate_to_width};
use clap::Subcommand;
use serde::Deserialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed (RSS, Atom or JSON Feed).
    Add {
        url: String,
        /// The perspective of everything this feed brings: korean, japanese, wire, …
        #[arg(long)]
        perspective: Option<String>,
        /// The outlet's name (default: the feed's own title).
        #[arg(long)]
        outlet: Option<String>,
        /// A tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// Fetch each item's page for its full text (for feeds that carry teasers).
        #[arg(long)]
        full_text: bool,
    },
    /// Unsubscribe (the articles already fetched stay).
    Remove { url: String },
    /// The subscriptions with their last fetch: when, status, articles kept, last error.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Subscribe to every feed of an OPML file or a newsboat `urls` file.
    Import {
        file: PathBuf,
        /// The perspective for feeds the file does not place.
        #[arg(long)]
        perspective: Option<String>,
    },
    /// The subscriptions as OPML, on standard output.
    Export,
}

const SUGGESTED: &str = include_str!("../../assets/suggested_feeds.toml");

#[derive(Deserialize)]
struct Suggested {
    feed: Vec<SuggestedFeed>,
}

#[derive(Deserialize)]
struct SuggestedFeed {
    url: String,
    outlet: String,
    perspective: String,
    language: String,
    note: Option<String>,
}

/// Where the subscriptions and the fetched articles live for this session.
pub struct Places {
    pub feeds_file: PathBuf,
    pub fetched_dir: PathBuf,
}

impl Places {
    pub fn of(session: &Session) -> Result<Places, String> {
        let feeds_file = subscriptions::default_path(session.config.source.as_deref())
            .ok_or("no config directory (set HOME or XDG_CONFIG_HOME)")?;
        let fetched_dir =
            keep::default_fetched_dir().ok_or("no data directory (set HOME or XDG_DATA_HOME)")?;
        Ok(Places {
            feeds_file,
            fetched_dir,
        })
    }
}

fn fail(message: &str, code: u8) -> io::Result<ExitCode> {
    eprint_line(&format!("parallax: {message}"));
    Ok(ExitCode::from(code))
}

pub fn run_feeds(
    session: &Session,
    action: Option<FeedsAction>,
    suggest: bool,
) -> io::Result<ExitCode> {
    if suggest {
        return print_suggestions();
    }
    let places = match Places::of(session) {
        Ok(p) => p,
        Err(e) => return fail(&e, 2),
    };
    let mut subs = match Subscriptions::load(&places.feeds_file) {
        Ok(s) => s,
        Err(e) => return fail(&e, 2),
    };
    let action = action.unwrap_or(FeedsAction::List {
        format: ListFormat::Table,
    });
    match action {
        FeedsAction::Add {
            url,
            perspective,
            outlet,
            tags,
            full_text,
        } => {
            if let Err(e) = check_url(&url) {
                return fail(&e, 2);
            }
            if let Err(e) = check_perspective(session, perspective.as_deref()) {
                return fail(&e, 2);
            }
            let mut sub = Subscription::new(&url);
            sub.perspective = perspective;
            sub.outlet = outlet.map(|o| clean_line(&o)).filter(|o| !o.is_empty());
            sub.tags = tags.iter().map(|t| clean_line(t)).collect();
            sub.full_text = full_text;
            let new = subs.add(sub);
            if let Err(e) = subs.save(&places.feeds_file) {
                return fail(&e, 1);
            }
            eprint_line(&format!(
                "parallax: {} {} in {} (run `parallax fetch` to fetch it)",
                if new { "subscribed to" } else { "updated" },
                clean_line(url.trim()),
                places.feeds_file.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        FeedsAction::Remove { url } => {
            if !subs.remove(&url) {
                return fail(
                    &format!(
                        "no subscription to \"{}\" (see `parallax feeds list`)",
                        clean_line(&url)
                    ),
                    1,
                );
            }
            if let Err(e) = subs.save(&places.feeds_file) {
                return fail(&e, 1);
            }
            eprint_line(&format!(
                "parallax: unsubscribed from {}; its fetched articles stay in {}",
                clean_line(&url),
                places.fetched_dir.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        FeedsAction::List { format } => print_feeds(&subs, &places.fetched_dir, format),
        FeedsAction::Import { file, perspective } => {
            if let Err(e) = check_perspective(session, perspective.as_deref()) {
                return fail(&e, 2);
            }
            import(session, &mut subs, &places, &file, perspective)
        }
        FeedsAction::Export => {
            let mut out = stdout();
            write!(out, "{}", opml::export(&subs.feeds))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check_perspective(session: &Session, perspective: Option<&str>) -> Result<(), String> {
    match perspective {
        Some(p) if session.classifier.perspective(p).is_none() => {
            let known: Vec<&str> = session
                .classifier
                .perspectives
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            Err(format!(
                "unknown perspective \"{}\" (known: {})",
                clean_line(p),
                known.join(", ")
            ))
        }
        _ => Ok(()),
    }
}

fn import(
    session: &Session,
    subs: &mut Subscriptions,
    places: &Places,
    file: &Path,
    perspective: Option<String>,
) -> io::Result<ExitCode> {
    let shown = clean_line(&file.display().to_string());
    let bytes = match crate::ingest::limits::read_bounded(file, 4 * 1024 * 1024) {
        Ok(b) => b,
        Err(e) => return fail(&format!("{shown}: {e}"), 1),
    };
    let text = match crate::ingest::decode::decode(&bytes) {
        crate::ingest::decode::Decoded::Text { text, .. } => text,
        crate::ingest::decode::Decoded::NotText(why) => return fail(&format!("{shown}: {why}"), 1),
    };
    let imported = match opml::import(&text) {
        Ok(i) => i,
        Err(e) => return fail(&format!("{shown}: {e}"), 1),
    };
    let (mut added, mut updated) = (0, 0);
    for mut sub in imported.feeds {
        // A tag that names a perspective (newsboat users tag by country) places the feed.
        if sub.perspective.is_none() {
            sub.perspective = sub
                .tags
                .iter()
                .find(|t| session.classifier.perspective(&t.to_lowercase()).is_some())
                .map(|t| t.to_lowercase())
                .or_else(|| perspective.clone());
        }
        if check_perspective(session, sub.perspective.as_deref()).is_err() {
            sub.perspective = perspective.clone();
        }
        if subs.add(sub) {
            added += 1;
        } else {
            updated += 1;
        }
    }
    for note in &imported.skipped {
        eprint_line(&format!("parallax: {shown}: skipped {note}"));
    }
    if let Err(e) = subs.save(&places.feeds_file) {
        return fail(&e, 1);
    }
    eprint_line(&format!(
        "parallax: {added} feed(s) added, {updated} already subscribed, from {shown}"
    ));
    Ok(ExitCode::SUCCESS)
}

fn pad(text: &str, width: usize) -> String {
    let cut = truncate_to_width(text, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

fn print_feeds(
    subs: &Subscriptions,
    fetched_dir: &Path,
    format: ListFormat,
) -> io::Result<ExitCode> {
    let state = FetchState::load(fetched_dir);
    let mut out = stdout();
    let rows: Vec<(&Subscription, keep::FeedState)> = subs
        .feeds
        .iter()
        .map(|f| (f, state.feeds.get(&f.url).cloned().unwrap_or_default()))
        .collect();
    match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(f, s)| {
                    serde_json::json!({
                        "url": clean_line(&f.url),
                        "outlet": f.outlet,
                        "perspective": f.perspective,
                        "tags": f.tags,
                        "full_text": f.full_text,
                        "status": if s.status.is_empty() { "never" } else { s.status.as_str() },
                        "last_fetch": s.last_fetch,
                        "last_success": s.last_success,
                        "items": s.items,
                        "error": s.error,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                writeln!(
                    out,
                    "no subscriptions yet: `parallax feeds add URL` or `parallax feeds --suggest`"
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(
                out,
                "{} {} {} {} {} URL",
                pad("STATUS", 12),
                pad("ITEMS", 5),
                pad("LAST FETCH", 20),
                pad("PERSPECTIVE", 11),
                pad("OUTLET", 22)
            )?;
            for (f, s) in &rows {
                let status = if s.status.is_empty() {
                    "never"
                } else {
                    &s.status
                };
                writeln!(
                    out,
                    "{} {} {} {} {} {}",
                    pad(status, 12),
                    pad(&s.items.to_string(), 5),
                    pad(s.last_fetch.as_deref().unwrap_or("-"), 20),
                    pad(f.perspective.as_deref().unwrap_or("(rules)"), 11),
                    pad(&clean_line(f.outlet.as_deref().unwrap_or("-")), 22),
                    clean_line(&f.url)
                )?;
                if let Some(error) = &s.error {
                    writeln!(out, "    error: {}", clean_line(error))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_suggestions() -> io::Result<ExitCode> {
    let suggested: Suggested = match toml::from_str(SUGGESTED) {
        Ok(s) => s,
        Err(e) => return fail(&format!("bundled feed suggestions unreadable: {e}"), 1),
    };
    let mut out = stdout();
    writeln!(
        out,
        "Feeds of Korean, Japanese and international outlets (nothing is fetched until you add one):\n"
    )?;
    for perspective in ["korean", "japanese", "wire"] {
        writeln!(out, "{perspective}:")?;
        for feed in suggested
            .feed
            .iter()
            .filter(|f| f.perspective == perspective)
        {
            let note = feed
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            writeln!(out, "  {} [{}]{note}", feed.outlet, feed.language)?;
            writeln!(
                out,
                "    parallax feeds add '{}' --perspective {} --outlet '{}'",
                feed.url, feed.perspective, feed.outlet
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning for each feed whose last fetch failed, when the fetched folder is among `paths`.
pub fn fetch_warnings(paths: &[PathBuf]) -> Vec<crate::model::LoadWarning> {
    let Some(fetched) = keep::default_fetched_dir() else {
        return Vec::new();
    };
    if !paths.iter().any(|p| p == &fetched) {
        return Vec::new();
    }
    FetchState::load(&fetched)
        .feeds
        .iter()
        .filter(|(_, s)| s.status == "error")
        .map(|(url, s)| crate::model::LoadWarning {
            file: clean_line(url),
            message: clean_line(&format!(
                "last fetch failed: {}; {} article(s) kept from before",
                s.error.as_deref().unwrap_or("unknown error"),
                s.items
            )),
        })
        .collect()
}

/// The reader's `R`: the same fetch as `parallax fetch`, summed up in one line for the status
/// bar. `None` when there is no place to keep what it fetches.
pub fn background_fetcher(session: &Session) -> Option<crate::tui::Fetcher> {
    let places = Places::of(session).ok()?;
    let classifier = session.classifier;
    Some(std::sync::Arc::new(
        move |progress: &(dyn Fn(usize, usize) + Sync)| {
            let subs = match Subscriptions::load(&places.feeds_file) {
                Ok(s) => s,
                Err(e) => return clean_line(&format!("fetch: {e}")),
            };
            if subs.feeds.is_empty() {
                return "no subscriptions: add one with `parallax feeds add URL`".to_string();
            }
            let ingestor = crate::ingest::Ingestor {
                classifier,
                ..crate::ingest::Ingestor::default()
            };
            let outcomes = fetch_all(
                &subs.feeds,
                &places.fetched_dir,
                &ingestor,
                Limits::default(),
                &|p: Progress| progress(p.done, p.total),
            );
            summary(&outcomes)
        },
    ))
}

/// "fetched 12 feeds: 30 new, 2 updated, 1 failed (https://…: HTTP 404 Not Found)".
pub fn summary(outcomes: &[FeedOutcome]) -> String {
    let new: usize = outcomes.iter().map(|o| o.new).sum();
    let updated: usize = outcomes.iter().map(|o| o.updated).sum();
    let failed: Vec<&FeedOutcome> = outcomes.iter().filter(|o| o.status == "error").collect();
    let first = failed
        .first()
        .map(|o| format!(" ({}: {})", o.url, o.error.as_deref().unwrap_or("")))
        .unwrap_or_default();
    clean_line(&format!(
        "fetched {} feed(s): {new} new, {updated} updated, {} failed{first}",
        outcomes.len(),
        failed.len()
    ))
}

/// `parallax fetch`: every subscription, with a progress bar on a terminal after a second.
pub fn run_fetch(session: &Session, format: ListFormat) -> io::Result<ExitCode> {
    let places = match Places::of(session) {
        Ok(p) => p,
        Err(e) => return fail(&e, 2),
    };
    let subs = match Subscriptions::load(&places.feeds_file) {
        Ok(s) => s,
        Err(e) => return fail(&e, 2),
    };
    if subs.feeds.is_empty() {
        return fail(
            &format!(
                "no subscriptions in {} (add one with `parallax feeds add URL`, or see `parallax feeds --suggest`)",
                places.feeds_file.display()
            ),
            1,
        );
    }
    let ingestor = crate::ingest::Ingestor {
        classifier: session.classifier,
        ..crate::ingest::Ingestor::default()
    };
    let outcomes = with_progress(subs.feeds.len(), format == ListFormat::Table, |progress| {
        fetch_all(
            &subs.feeds,
            &places.fetched_dir,
            &ingestor,
            Limits::default(),
            progress,
        )
    });
    print_outcomes(&outcomes, &places.fetched_dir, format)
}

/// Run `work` with an indicatif bar on stderr that appears only once a second has passed
/// (a quick fetch prints no bar at all) and never when stderr is not a terminal.
fn with_progress<T>(
    total: usize,
    show: bool,
    work: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> T,
) -> T {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} feeds  {wide_msg}") {
        bar.set_style(style);
    }
    let (finished, wait) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let shown_bar = bar.clone();
        scope.spawn(move || {
            if show
                && wait
                    .recv_timeout(std::time::Duration::from_secs(1))
                    .is_err()
            {
                shown_bar.set_draw_target(ProgressDrawTarget::stderr());
                shown_bar.enable_steady_tick(std::time::Duration::from_millis(200));
            }
        });
        let result = work(&|p: Progress| {
            bar.set_position(p.done as u64);
            bar.set_message(p.url);
        });
        let _ = finished.send(());
        bar.finish_and_clear();
        result
    })
}

fn print_outcomes(
    outcomes: &[FeedOutcome],
    fetched_dir: &Path,
    format: ListFormat,
) -> io::Result<ExitCode> {
    let mut out = stdout();
    let failed = outcomes.iter().filter(|o| o.status == "error").count();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, outcomes)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            for o in outcomes {
                let counts = match o.status.as_str() {
                    "error" => format!("error: {}", o.error.as_deref().unwrap_or("")),
                    "not-modified" => "not modified".to_string(),
                    _ => format!(
                        "{} new, {} updated, {} unchanged{}",
                        o.new,
                        o.updated,
                        o.unchanged,
                        if o.teasers > 0 {
                            format!(", {} teaser(s) without full text", o.teasers)
                        } else {
                            String::new()
                        }
                    ),
                };
                writeln!(
                    out,
                    "{}  {}  ({} kept)",
                    clean_line(&o.url),
                    clean_line(&counts),
                    o.items
                )?;
                for w in &o.warnings {
                    writeln!(out, "    warning: {}", clean_line(w))?;
                }
            }
            let new: usize = outcomes.iter().map(|o| o.new).sum();
            let updated: usize = outcomes.iter().map(|o| o.updated).sum();
            writeln!(
                out,
                "{} feed(s): {new} new, {updated} updated, {failed} failed; kept in {}",
                outcomes.len(),
                fetched_dir.display()
            )?;
        }
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
