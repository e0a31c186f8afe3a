//! Keeping what was fetched: every item of a feed in one JSON file,
//! `<data dir>/fetched/<feed slug>/items.json`, and each feed's fetch state in
//! `<data dir>/fetched/.fetch-state.json` (hidden, so the loader skips it). The state lives
//! beside the articles on purpose: deleting the folder forgets both, so the next fetch is a
//! full one instead of a 304 that brings nothing back.

use crate::ingest::fetched::{FeedBundle, FetchedArticle, BUNDLE_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const STATE_FILE: &str = ".fetch-state.json";

/// `$XDG_DATA_HOME/parallax/fetched`, else `~/.local/share/parallax/fetched`.
pub fn default_fetched_dir() -> Option<PathBuf> {
    crate::state::xdg_dir("XDG_DATA_HOME", ".local/share").map(|d| d.join("fetched"))
}

/// What is known about one feed's last fetches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// When the feed was last tried, and last fetched without error (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_fetch: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<String>,
    /// `ok`, `not-modified` or `error`.
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Articles kept for this feed (files in its folder).
    #[serde(default)]
    pub items: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FetchState {
    /// By feed URL.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
}

impl FetchState {
    /// A missing or unreadable state is an empty one: the next fetch is simply unconditional.
    pub fn load(fetched_dir: &Path) -> FetchState {
        std::fs::read(fetched_dir.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, fetched_dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(&fetched_dir.join(STATE_FILE), &json)
    }
}

/// Write through a temporary file in the same folder, synced, then renamed over the target:
/// a reader (or a crash) sees the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// A folder name for a feed: readable host and path, plus a hash so two feeds never share one.
pub fn feed_slug(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let readable = slug(rest, 48);
    format!("{readable}-{}", &hash_hex(url)[..6])
}

/// The file stem of an item: the readable end of its GUID or link, plus a hash of that
/// identity. The same item fetched again lands in the same file.
pub fn item_stem(identity: &str) -> String {
    let last = identity
        .trim_end_matches('/')
        .rsplit(['/', ':', '?', '=', '#'])
        .find(|p| !p.is_empty())
        .unwrap_or("");
    let last = last.rsplit_once('.').map_or(last, |(stem, ext)| {
        if matches!(ext, "html" | "htm" | "php" | "aspx" | "do") {
            stem
        } else {
            last
        }
    });
    let readable = slug(last, 40);
    let hash = &hash_hex(identity)[..8];
    if readable.is_empty() {
        format!("item-{hash}")
    } else {
        format!("{readable}-{hash}")
    }
}

fn slug(text: &str, max: usize) -> String {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let joined = mapped
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    joined
        .chars()
        .take(max)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A stable hash for file names (never `DefaultHasher`, whose output may change).
fn hash_hex(text: &str) -> String {
    let id = crate::model::id::article_id("x", text);
    id.rsplit_once('-')
        .map_or(id.clone(), |(_, h)| h.to_string())
}

/// What became of one item when it was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    New,
    Updated,
    Unchanged,
}

/// The file holding every article kept for one feed.
pub const ITEMS_FILE: &str = "items.json";

/// Where a bundle that could not be read is set aside (hidden, so the loader skips it) when a
/// new one is written: never overwritten, in case someone wants it back.
pub const DAMAGED_ITEMS_FILE: &str = ".items.json.damaged";

/// One feed's kept articles as read from its folder: the bundle, plus any one-file-per-item
/// articles an earlier version wrote, which the next write folds into the bundle.
///
/// Why one file per feed: creating a file costs the file system far more than writing its
/// bytes; 2,500 items kept as 2,500 files (each through a temporary) spent about 75 % of a
/// one-host fetch run creating inodes.
#[derive(Debug, Default)]
pub struct FeedItems {
    dir: PathBuf,
    articles: BTreeMap<String, FetchedArticle>,
    /// Per-item files read into `articles`, removed once the bundle holding them is in place.
    loose: Vec<PathBuf>,
    /// The bundle exists but could not be read.
    damaged: bool,
    changed: bool,
}

impl FeedItems {
    /// Read what `feed_dir` keeps. A missing folder is an empty feed; a damaged bundle counts
    /// as empty too (so the next fetch is a full one) and is set aside when replaced.
    pub fn read(feed_dir: &Path) -> FeedItems {
        let mut items = FeedItems {
            dir: feed_dir.to_path_buf(),
            ..FeedItems::default()
        };
        if let Ok(bytes) = std::fs::read(feed_dir.join(ITEMS_FILE)) {
            match serde_json::from_slice::<FeedBundle>(&bytes) {
                Ok(bundle) => items.articles = bundle.articles,
                Err(_) => items.damaged = true,
            }
        }
        let Ok(entries) = std::fs::read_dir(feed_dir) else {
            return items;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !is_article_file(&name) || name == ITEMS_FILE {
                continue;
            }
            let stem = name.strip_suffix(".json").unwrap_or(&name);
            let path = entry.path();
            let article: Option<FetchedArticle> = std::fs::read(&path)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok());
            // An unreadable loose file is left where it is: the loader reports it.
            if let Some(article) = article {
                // The bundle is newer than any loose file holding the same item.
                items.articles.entry(stem.to_string()).or_insert(article);
                items.loose.push(path);
            }
        }
        items.loose.sort();
        items
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Keep `article` under `stem`: new, a rewrite when the content changed (keeping when it
    /// was first seen), or nothing at all when it is the same.
    pub fn keep(&mut self, stem: &str, mut article: FetchedArticle) -> Kept {
        let kept = match self.articles.get(stem) {
            Some(old) if old.same_content(&article) => Kept::Unchanged,
            // A full text fetched before is not thrown away for today's teaser of the same item.
            Some(old) if old.teaser.is_none() && article.teaser.is_some() => Kept::Unchanged,
            Some(old) => {
                article.first_seen = old.first_seen.clone();
                Kept::Updated
            }
            None => Kept::New,
        };
        if kept != Kept::Unchanged {
            self.articles.insert(stem.to_string(), article);
            self.changed = true;
        }
        kept
    }
}

/// Feed bundles written to hidden temporary files beside their targets, not yet in place.
///
/// Why staged: one `fsync` per file made a fetch run spend seconds waiting on the disk.
/// Instead every bundle of a run is written to its temporary file first, then
/// [`Staged::commit`] makes all of them durable with one flush of the file system, renames each
/// over its target and syncs each folder once. A crash (or power cut) at any point leaves every
/// bundle whole: the old version or the new one; a temporary left behind is hidden, so the
/// loader never reads it, and the next fetch of that feed sweeps it away.
#[derive(Debug, Default)]
pub struct Staged {
    /// Target path → what replaces it.
    pending: BTreeMap<PathBuf, Pending>,
}

#[derive(Debug)]
struct Pending {
    temporary: PathBuf,
    /// Per-item files the new bundle holds, removed once it is in place.
    loose: Vec<PathBuf>,
    /// The target could not be read: set aside, not overwritten.
    damaged: bool,
}

/// Temporaries older than this are left from a run that crashed (a live run commits within
/// its own total timeouts), so the next fetch may remove them.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(3600);

impl Staged {
    pub fn len(&self) -> usize {
        self.pending.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Take over what another worker staged.
    pub fn extend(&mut self, mut other: Staged) {
        self.pending.append(&mut other.pending);
    }

    /// Stage a feed's bundle, when anything in it changed (or loose files wait to be folded
    /// in); an unchanged feed writes nothing.
    pub fn stage(&mut self, items: FeedItems) -> std::io::Result<()> {
        if !items.changed && items.loose.is_empty() {
            return Ok(());
        }
        let path = items.dir.join(ITEMS_FILE);
        let bundle = FeedBundle {
            parallax_fetched_feed: BUNDLE_VERSION,
            articles: items.articles,
        };
        let json = serde_json::to_vec_pretty(&bundle).map_err(std::io::Error::other)?;
        let temporary = temporary_path(&path);
        std::fs::create_dir_all(&items.dir)?;
        if let Err(e) = std::fs::write(&temporary, &json) {
            let _ = std::fs::remove_file(&temporary);
            return Err(e);
        }
        let pending = Pending {
            temporary,
            loose: items.loose,
            damaged: items.damaged,
        };
        // The same feed staged twice in a run (a subscription listed twice) wrote the same
        // temporary again: the later bundle stands, and its loose files are the same ones.
        self.pending.insert(path, pending);
        Ok(())
    }

    /// Make every staged file durable, then put each in place. Returns the targets that could
    /// not be put in place, with why (their temporaries are removed; the old files stay).
    pub fn commit(mut self) -> Vec<(PathBuf, std::io::Error)> {
        let pending = std::mem::take(&mut self.pending);
        let mut failed = Vec::new();
        let synced = flush_file_system(pending.values().map(|p| &p.temporary));
        let mut folders: Vec<&Path> = Vec::new();
        for (target, staged) in &pending {
            let temporary = &staged.temporary;
            if !synced {
                // No file-system flush here: each temporary is synced on its own.
                if let Err(e) = std::fs::File::open(temporary).and_then(|f| f.sync_all()) {
                    let _ = std::fs::remove_file(temporary);
                    failed.push((target.clone(), e));
                    continue;
                }
            }
            let folder = target.parent().unwrap_or(Path::new("."));
            if staged.damaged {
                let _ = std::fs::rename(target, folder.join(DAMAGED_ITEMS_FILE));
            }
            if let Err(e) = std::fs::rename(temporary, target) {
                let _ = std::fs::remove_file(temporary);
                failed.push((target.clone(), e));
                continue;
            }
            // A crash before these go leaves each item twice on disk; the loader gives the
            // copy its own id and the next fetch removes it.
            for loose in &staged.loose {
                let _ = std::fs::remove_file(loose);
            }
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        // The renames themselves, durable: one sync per folder.
        for folder in folders {
            if let Ok(dir) = std::fs::File::open(folder) {
                let _ = dir.sync_all();
            }
        }
        failed
    }
}

/// What was staged and never committed (a feed that failed after staging, a worker that
/// panicked) leaves no temporaries behind.
impl Drop for Staged {
    fn drop(&mut self) {
        for staged in self.pending.values() {
            let _ = std::fs::remove_file(&staged.temporary);
        }
    }
}

/// The hidden temporary file a target is written to first.
fn temporary_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

/// One flush of the whole file system holding the first file (Linux `syncfs`): every staged
/// file is written through in one go. `false` where there is no such call, or it failed, so
/// the caller syncs file by file.
#[cfg(target_os = "linux")]
fn flush_file_system<'a>(mut files: impl Iterator<Item = &'a PathBuf>) -> bool {
    use std::os::fd::AsRawFd;
    let Some(first) = files.next() else {
        return true;
    };
    let Ok(file) = std::fs::File::open(first) else {
        return false;
    };
    // The staged files may sit on different file systems only if feed folders are symlinked
    // elsewhere; then this flush misses them, so that case syncs file by file.
    let device = |p: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).map(|m| m.dev()).ok()
    };
    let Some(dev) = device(first) else {
        return false;
    };
    if files.any(|p| device(p) != Some(dev)) {
        return false;
    }
    // SAFETY: `syncfs` takes a file descriptor and nothing else; `file` keeps it open for the
    // duration of the call. Since Linux 5.8 it reports write-back errors, which we honour.
    unsafe { libc::syncfs(file.as_raw_fd()) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn flush_file_system<'a>(files: impl Iterator<Item = &'a PathBuf>) -> bool {
    files.count() == 0
}

/// Remove temporaries a crashed run left in a feed folder (hidden, older than an hour).
pub fn sweep_temporaries(feed_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(feed_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.contains(".json.tmp-")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMPORARY);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether any feed folder under `fetched_dir` holds an article file (an empty or failed
/// first fetch leaves the bundled seeds in place). Looks at names only: this runs on every
/// launch.
pub fn has_articles(fetched_dir: &Path) -> bool {
    let holds_articles = |feed_dir: &Path| {
        std::fs::read_dir(feed_dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| is_article_file(&e.file_name().to_string_lossy()))
        })
    };
    std::fs::read_dir(fetched_dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().is_dir() && holds_articles(&e.path()))
    })
}

/// A file the loader reads as fetched articles: the bundle, or an earlier version's per-item
/// file (hidden names are temporaries, state and set-aside files).
fn is_article_file(name: &str) -> bool {
    !name.starts_with('.') && name.ends_with(".json")
}

/// How many articles a feed's folder holds.
pub fn count_articles(feed_dir: &Path) -> usize {
    FeedItems::read(feed_dir).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_distinct() {
        let a = feed_slug("https://www.yna.co.kr/rss/news.xml");
        assert!(a.starts_with("yna-co-kr-rss-news-xml-"), "{a}");
        assert_ne!(a, feed_slug("http://www.yna.co.kr/rss/news.xml"));
        let item = item_stem("https://en.yna.co.kr/view/AEN20251029000300315.html");
        assert!(item.starts_with("aen20251029000300315-"), "{item}");
        assert_eq!(
            item,
            item_stem("https://en.yna.co.kr/view/AEN20251029000300315.html")
        );
        assert!(item_stem("///").starts_with("item-"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/a.json");
        write_atomically(&path, b"one").expect("write");
        write_atomically(&path, b"two").expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    fn article(title: &str) -> FetchedArticle {
        FetchedArticle {
            parallax_fetched: crate::ingest::fetched::FORMAT_VERSION,
            title: Some(title.into()),
            url: None,
            guid: None,
            date: None,
            outlet: None,
            perspective: None,
            perspective_source: None,
            language: None,
            byline: None,
            feed: "https://x.test/feed".into(),
            first_seen: "2025-10-28T00:00:00Z".into(),
            updated: "2025-10-28T00:00:00Z".into(),
            teaser: None,
            full_text_from: None,
            blocks: vec![crate::model::Block::new(
                crate::model::BlockKind::Paragraph,
                format!("{title} body"),
            )],
            warnings: Vec::new(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// Stage one feed's items and commit them, as a fetch run does.
    fn commit(items: FeedItems) {
        let mut staged = Staged::default();
        staged.stage(items).expect("stage");
        assert!(staged.commit().is_empty());
    }

    fn bundle(feed: &Path) -> FeedBundle {
        serde_json::from_slice(&std::fs::read(feed.join(ITEMS_FILE)).expect("read"))
            .expect("a whole bundle")
    }

    #[test]
    fn a_feed_is_kept_in_one_file_that_appears_only_when_committed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        let mut items = FeedItems::read(&feed);
        assert!(items.is_empty());
        assert_eq!(items.keep("a", article("A")), Kept::New);
        assert_eq!(items.keep("b", article("B")), Kept::New);
        // The same item again in one run is what it will become: unchanged, not new.
        assert_eq!(items.keep("a", article("A")), Kept::Unchanged);
        let mut staged = Staged::default();
        staged.stage(items).expect("stage");
        assert_eq!(staged.len(), 1, "one file for the whole feed");
        // Before the commit only a hidden temporary exists: the loader sees no article.
        assert_eq!(count_articles(&feed), 0);
        assert!(!has_articles(dir.path()));
        assert!(staged.commit().is_empty());
        assert_eq!(names(&feed), vec![ITEMS_FILE.to_string()]);
        assert!(has_articles(dir.path()));
        let back = bundle(&feed);
        assert_eq!(back.parallax_fetched_feed, BUNDLE_VERSION);
        assert_eq!(back.articles.len(), 2);
        assert_eq!(back.articles["a"], article("A"));
        // Fetched again with a change: updated, first seen kept, the other item untouched.
        let mut changed = article("A");
        changed.blocks[0].text = "A body, corrected".into();
        changed.first_seen = "2025-10-29T00:00:00Z".into();
        let mut items = FeedItems::read(&feed);
        assert_eq!(items.len(), 2);
        assert_eq!(items.keep("a", changed), Kept::Updated);
        commit(items);
        let back = bundle(&feed);
        assert_eq!(back.articles["a"].first_seen, "2025-10-28T00:00:00Z");
        assert_eq!(back.articles["a"].blocks[0].text, "A body, corrected");
        assert_eq!(back.articles["b"], article("B"));
    }

    #[test]
    fn a_feed_staged_twice_in_one_run_is_committed_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        let mut staged = Staged::default();
        for _ in 0..2 {
            let mut items = FeedItems::read(&feed);
            items.keep("a", article("A"));
            staged.stage(items).expect("stage");
        }
        assert_eq!(staged.len(), 1);
        assert!(
            staged.commit().is_empty(),
            "the one temporary is still there"
        );
        assert_eq!(names(&feed), vec![ITEMS_FILE.to_string()]);
        assert_eq!(bundle(&feed).articles["a"], article("A"));
    }

    #[test]
    fn an_unchanged_feed_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        let mut items = FeedItems::read(&feed);
        items.keep("a", article("A"));
        commit(items);
        let mut items = FeedItems::read(&feed);
        assert_eq!(items.keep("a", article("A")), Kept::Unchanged);
        let mut staged = Staged::default();
        staged.stage(items).expect("stage");
        assert!(staged.is_empty());
    }

    #[test]
    fn per_item_files_of_an_earlier_version_are_folded_into_the_bundle() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        std::fs::create_dir_all(&feed).expect("dir");
        for (stem, title) in [("a", "A"), ("b", "B")] {
            let json = serde_json::to_vec(&article(title)).expect("json");
            std::fs::write(feed.join(format!("{stem}.json")), json).expect("write");
        }
        assert!(has_articles(dir.path()));
        let mut items = FeedItems::read(&feed);
        assert_eq!(items.len(), 2);
        // Nothing new in the feed, yet the loose files are folded in and removed.
        assert_eq!(items.keep("a", article("A")), Kept::Unchanged);
        commit(items);
        assert_eq!(names(&feed), vec![ITEMS_FILE.to_string()]);
        let back = bundle(&feed);
        assert_eq!(back.articles["b"], article("B"));
    }

    #[test]
    fn a_damaged_bundle_counts_as_empty_and_is_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        std::fs::create_dir_all(&feed).expect("dir");
        std::fs::write(
            feed.join(ITEMS_FILE),
            b"{\"parallax_fetched_feed\": 1, \"artic",
        )
        .expect("write");
        let mut items = FeedItems::read(&feed);
        assert!(items.is_empty());
        items.keep("a", article("A"));
        commit(items);
        assert_eq!(
            names(&feed),
            vec![DAMAGED_ITEMS_FILE.to_string(), ITEMS_FILE.to_string()]
        );
        assert_eq!(
            std::fs::read(feed.join(DAMAGED_ITEMS_FILE)).expect("read"),
            b"{\"parallax_fetched_feed\": 1, \"artic"
        );
        assert_eq!(bundle(&feed).articles.len(), 1);
    }

    #[test]
    fn an_uncommitted_run_leaves_the_old_file_and_no_temporaries() {
        let dir = tempfile::tempdir().expect("tempdir");
        let feed = dir.path().join("feed-abc");
        let mut items = FeedItems::read(&feed);
        items.keep("a", article("A"));
        commit(items);
        let mut changed = article("A");
        changed.blocks[0].text = "new text".into();
        let mut items = FeedItems::read(&feed);
        items.keep("a", changed);
        items.keep("b", article("B"));
        let mut second = Staged::default();
        second.stage(items).expect("stage");
        drop(second); // as when the feed fails after staging, or the worker panics
        assert_eq!(names(&feed), vec![ITEMS_FILE.to_string()]);
        let back = bundle(&feed);
        assert_eq!(back.articles.len(), 1);
        assert_eq!(back.articles["a"], article("A"));
    }

    #[test]
    fn a_target_that_cannot_be_replaced_is_reported_and_the_rest_committed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocked = dir.path().join("feed-abc");
        let fine = dir.path().join("feed-def");
        std::fs::create_dir_all(blocked.join(ITEMS_FILE)).expect("a folder where a file goes");
        let mut staged = Staged::default();
        for feed in [&blocked, &fine] {
            let mut items = FeedItems::read(feed);
            items.keep("a", article("A"));
            staged.stage(items).expect("stage");
        }
        let failed = staged.commit();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, blocked.join(ITEMS_FILE));
        assert_eq!(names(&blocked), vec![ITEMS_FILE.to_string()]);
        assert!(blocked.join(ITEMS_FILE).is_dir());
        assert_eq!(bundle(&fine).articles.len(), 1);
    }

    #[test]
    fn stale_temporaries_are_swept_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let stale = dir.path().join(".a.json.tmp-1");
        let fresh = dir.path().join(".b.json.tmp-2");
        std::fs::write(&stale, b"{half").expect("write");
        std::fs::write(&fresh, b"{half").expect("write");
        std::fs::write(dir.path().join("c.json"), b"{}").expect("write");
        let old = std::time::SystemTime::now() - 2 * STALE_TEMPORARY;
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(old))
            .expect("age the file");
        sweep_temporaries(dir.path());
        assert_eq!(
            names(dir.path()),
            vec![".b.json.tmp-2".to_string(), "c.json".to_string()]
        );
    }

    #[test]
    fn state_round_trips_and_a_damaged_one_is_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut state = FetchState::default();
        state.feeds.insert(
            "https://x.test/feed".into(),
            FeedState {
                etag: Some("\"v1\"".into()),
                status: "ok".into(),
                items: 3,
                ..FeedState::default()
            },
        );
        state.save(dir.path()).expect("save");
        assert_eq!(FetchState::load(dir.path()), state);
        std::fs::write(dir.path().join(STATE_FILE), b"{not json").expect("write");
        assert_eq!(FetchState::load(dir.path()), FetchState::default());
    }
}
