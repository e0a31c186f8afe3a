//! Subscriptions: the feeds a reader follows, kept in `feeds.toml` beside the config file.
//! The file is the user's: parallax rewrites it only on `feeds add/remove/import`, atomically,
//! and keeps every field it knows.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "feeds.toml";

/// One subscribed feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    pub url: String,
    /// The perspective of everything this feed brings (`korean`, `japanese`, `wire` …);
    /// without it, the rules place each item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<String>,
    /// The outlet's name; without it, the feed's own title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fetch every item's linked page for its full text (feeds that carry teasers only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
}

impl Subscription {
    pub fn new(url: &str) -> Subscription {
        Subscription {
            url: url.trim().to_string(),
            perspective: None,
            outlet: None,
            tags: Vec::new(),
            full_text: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscriptions {
    #[serde(default, rename = "feed")]
    pub feeds: Vec<Subscription>,
}

/// `feeds.toml` in the folder of the config file in use (`--config PATH` or the default).
pub fn default_path(config_file: Option<&Path>) -> Option<PathBuf> {
    let config = config_file
        .map(Path::to_path_buf)
        .or_else(crate::config::default_path)?;
    Some(config.parent().unwrap_or(Path::new(".")).join(FILE_NAME))
}

/// Whether a URL is one parallax will fetch: http or https with a host.
pub fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            format!(
                "\"{}\" is not an http or https URL",
                crate::text::sanitize::clean_line(url)
            )
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "\"{}\" is not a usable URL",
            crate::text::sanitize::clean_line(url)
        ));
    }
    Ok(())
}

impl Subscriptions {
    /// Read the file; a missing file is no subscriptions, a broken one an error naming it.
    pub fn load(path: &Path) -> Result<Subscriptions, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Subscriptions::default())
            }
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Write atomically (a temporary file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut text = String::from(
            "# parallax subscriptions: `parallax feeds add URL` writes here; edit freely.\n\
             # Fields: url, perspective (korean, japanese, wire, …), outlet, tags, full_text.\n\n",
        );
        text.push_str(&toml::to_string_pretty(self).map_err(|e| e.to_string())?);
        super::keep::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    pub fn find(&self, url: &str) -> Option<&Subscription> {
        let key = same_url_key(url);
        self.feeds.iter().find(|f| same_url_key(&f.url) == key)
    }

    /// Add a subscription, or update the one with the same URL (its fields win where given).
    /// Returns whether it was new.
    pub fn add(&mut self, new: Subscription) -> bool {
        let key = same_url_key(&new.url);
        match self.feeds.iter_mut().find(|f| same_url_key(&f.url) == key) {
            Some(old) => {
                if new.perspective.is_some() {
                    old.perspective = new.perspective;
                }
                if new.outlet.is_some() {
                    old.outlet = new.outlet;
                }
                for tag in new.tags {
                    if !old.tags.contains(&tag) {
                        old.tags.push(tag);
                    }
                }
                old.full_text |= new.full_text;
                false
            }
            None => {
                self.feeds.push(new);
                true
            }
        }
    }

    /// Remove the subscription with this URL; whether there was one.
    pub fn remove(&mut self, url: &str) -> bool {
        let key = same_url_key(url);
        let before = self.feeds.len();
        self.feeds.retain(|f| same_url_key(&f.url) != key);
        self.feeds.len() != before
    }
}

/// URLs that differ only in the scheme's case or a trailing slash are one feed.
fn same_url_key(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            format!(
                "{}://{}{}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase(),
                path
            )
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_update_remove_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let mut subs = Subscriptions::load(&path).expect("missing file is empty");
        assert!(subs.feeds.is_empty());
        let mut yonhap = Subscription::new("https://en.yna.co.kr/RSS/news.xml");
        yonhap.perspective = Some("korean".into());
        assert!(subs.add(yonhap));
        let mut again = Subscription::new("HTTPS://EN.YNA.CO.KR/RSS/news.xml/");
        again.outlet = Some("Yonhap".into());
        again.tags = vec!["korea".into()];
        assert!(!subs.add(again), "same feed, other spelling");
        subs.save(&path).expect("saved");
        let loaded = Subscriptions::load(&path).expect("loads");
        assert_eq!(loaded, subs);
        let feed = &loaded.feeds[0];
        assert_eq!(feed.perspective.as_deref(), Some("korean"));
        assert_eq!(feed.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(feed.tags, vec!["korea".to_string()]);
        let mut loaded = loaded;
        assert!(loaded.remove("https://en.yna.co.kr/RSS/news.xml"));
        assert!(!loaded.remove("https://en.yna.co.kr/RSS/news.xml"));
        assert!(loaded.feeds.is_empty());
    }

    #[test]
    fn a_broken_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "[[feed]]\nurl = \"https://x.test/\"\nperspectiv = \"wire\"\n",
        )
        .expect("write");
        let err = Subscriptions::load(&path).unwrap_err();
        assert!(
            err.contains("feeds.toml") && err.contains("perspectiv"),
            "{err}"
        );
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(check_url("https://www3.nhk.or.jp/rss/news/cat0.xml").is_ok());
        assert!(check_url("http://x.test").is_ok());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://x.test/a b").is_err());
    }
}
