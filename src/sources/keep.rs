//! Keeping what was fetched: one JSON article file per feed item under
//! `<data dir>/fetched/<feed slug>/`, and each feed's fetch state in
//! `<data dir>/fetched/.fetch-state.json` (hidden, so the loader skips it). The state lives
//! beside the articles on purpose: deleting the folder forgets both, so the next fetch is a
//! full one instead of a 304 that brings nothing back.

use crate::ingest::fetched::FetchedArticle;
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

/// Write `article` as `<feed dir>/<stem>.json`: a new file, a rewrite when the content
/// changed (keeping when it was first seen), or nothing at all when it is the same.
pub fn keep_article(
    feed_dir: &Path,
    stem: &str,
    mut article: FetchedArticle,
) -> std::io::Result<Kept> {
    let path = feed_dir.join(format!("{stem}.json"));
    let old: Option<FetchedArticle> = std::fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let kept = match &old {
        Some(old) if old.same_content(&article) => return Ok(Kept::Unchanged),
        // A full text fetched before is not thrown away for today's teaser of the same item.
        Some(old) if old.teaser.is_none() && article.teaser.is_some() => {
            return Ok(Kept::Unchanged)
        }
        Some(old) => {
            article.first_seen = old.first_seen.clone();
            Kept::Updated
        }
        None => Kept::New,
    };
    let json = serde_json::to_vec_pretty(&article).map_err(std::io::Error::other)?;
    write_atomically(&path, &json)?;
    Ok(kept)
}

/// Whether any feed folder under `fetched_dir` holds an article (an empty or failed first
/// fetch leaves the bundled seeds in place).
pub fn has_articles(fetched_dir: &Path) -> bool {
    std::fs::read_dir(fetched_dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().is_dir() && count_articles(&e.path()) > 0)
    })
}

/// How many articles a feed's folder holds.
pub fn count_articles(feed_dir: &Path) -> usize {
    std::fs::read_dir(feed_dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    !name.starts_with('.') && name.ends_with(".json")
                })
                .count()
        })
        .unwrap_or(0)
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
