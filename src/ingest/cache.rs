//! What the parse cache and the story cache decide, around the store's rows: whether a file
//! may be taken from the cache (same size and mtime, or same content, under the same rules),
//! how a parse is written down, and the key a corpus's stories are cached under.

use super::FileResult;
use crate::model::{DuplicateGroup, LoadWarning, Story};
use crate::store::files::CachedFile;
use crate::store::hash::Hasher;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Files changed less than this long before they were parsed may change again within the
/// same mtime tick: their time is not trusted (stored as 0) and the content hash decides.
const RACY_NS: i64 = 2_000_000_000;

static CONFIG_FINGERPRINT: OnceLock<String> = OnceLock::new();

/// The parts of the user's config that change parsing, placement or stories (the merged
/// perspectives, outlet assignments, user topics). Set once by the CLI session.
pub fn set_config_fingerprint(config: &str) {
    let _ = CONFIG_FINGERPRINT.set(crate::store::hash::of(config.as_bytes()));
}

/// The version of everything a parse depends on besides the file itself: this build (crate
/// version, and the executable's size and time, so a rebuilt binary never trusts old
/// results), the embedded rule assets and the config's fingerprint.
pub fn rules_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let mut h = Hasher::default();
        h.field(env!("CARGO_PKG_VERSION").as_bytes());
        for asset in [
            include_str!("../../assets/perspectives.toml"),
            include_str!("../../assets/boilerplate.toml"),
            include_str!("../../assets/sources.toml"),
            include_str!("../../assets/topics.toml"),
            include_str!("../../assets/names.toml"),
        ] {
            h.field(asset.as_bytes());
        }
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::metadata(exe).ok())
        {
            h.field(&meta.len().to_le_bytes());
            h.field(&mtime_ns(&meta).to_le_bytes());
        }
        h.field(
            CONFIG_FINGERPRINT
                .get()
                .map_or("", String::as_str)
                .as_bytes(),
        );
        h.finish()
    })
}

pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// How a file stood when looked at: the key its cache row is under and its stat.
#[derive(Debug, Clone)]
pub struct Stat {
    pub key: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// `rules_version` with the folder manifest's hash.
    pub rules: String,
}

impl Stat {
    pub fn of(file: &Path, key: String, folder_rules: &str) -> Option<Stat> {
        let meta = std::fs::metadata(file).ok()?;
        Some(Stat {
            key,
            size: meta.len(),
            mtime_ns: mtime_ns(&meta),
            rules: folder_rules.to_string(),
        })
    }

    /// Same size, same trusted mtime, same rules: the file need not even be read.
    pub fn unchanged(&self, row: &CachedFile) -> bool {
        row.mtime_ns != 0
            && row.mtime_ns == self.mtime_ns
            && row.size == self.size
            && row.rules == self.rules
    }
}

/// Cache keys without a `canonicalize` per file (a warm launch stats 10,000 files; resolving
/// each path's every component too cost more than the stat). Each opened path is resolved
/// once, and a file found under it is keyed by that plus its path below it: the walk follows
/// no links to folders, so the result is the file's canonical path (a link to a file is keyed
/// where the link is).
pub struct Keys {
    /// (path as given, canonical path)
    roots: Vec<(PathBuf, PathBuf)>,
}

impl Keys {
    pub fn new(paths: &[PathBuf]) -> Keys {
        Keys {
            roots: paths
                .iter()
                .filter_map(|p| Some((p.clone(), std::fs::canonicalize(p).ok()?)))
                .collect(),
        }
    }

    pub fn key(&self, file: &Path) -> String {
        let found = self.roots.iter().find_map(|(given, canonical)| {
            let rest = file.strip_prefix(given).ok()?;
            // `join("")` would add a trailing slash to an opened file's own key.
            Some(match rest.as_os_str().is_empty() {
                true => canonical.clone(),
                false => canonical.join(rest),
            })
        });
        found
            .or_else(|| std::fs::canonicalize(file).ok())
            .unwrap_or_else(|| file.to_path_buf())
            .to_string_lossy()
            .into_owned()
    }

    /// The opened paths, canonical: rows under them whose file was not seen have vanished.
    pub fn roots(&self) -> Vec<String> {
        self.roots
            .iter()
            .map(|(_, canonical)| canonical.to_string_lossy().into_owned())
            .collect()
    }
}

/// A parse as stored (the articles with what boilerplate removal dropped, and the file's
/// warnings), in the store's binary row format: (whole row, summary row).
pub fn encode(result: &FileResult) -> (Vec<u8>, Vec<u8>) {
    let warnings: Vec<String> = result.warnings.iter().map(|w| w.message.clone()).collect();
    (
        crate::store::rows::encode(&result.articles, &warnings),
        crate::store::rows::encode_summary(&result.articles, &warnings),
    )
}

/// The stored parse, with the file's name as shown this time (the same file may be opened
/// by another relative path), and whether it is whole (false: a summary row, the articles
/// without their text). `None` when the row cannot be read: parse again.
pub fn decode(row: &[u8], display: &str) -> Option<(FileResult, bool)> {
    let stored = crate::store::rows::decode(row)?;
    let mut articles = stored.articles;
    for article in &mut articles {
        article.source = display.to_string();
    }
    let warnings = stored
        .warnings
        .into_iter()
        .map(|message| LoadWarning {
            file: display.to_string(),
            message,
        })
        .collect();
    Some((FileResult { articles, warnings }, stored.whole))
}

/// The row to store for a fresh parse of `bytes`.
pub fn row(stat: &Stat, content_hash: String, result: &FileResult) -> CachedFile {
    let (whole, summary) = encode(result);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    CachedFile {
        size: stat.size,
        mtime_ns: if now - stat.mtime_ns < RACY_NS {
            0
        } else {
            stat.mtime_ns
        },
        rules: stat.rules.clone(),
        content_hash,
        result: whole,
        summary: Some(summary),
    }
}

/// What the stories of a corpus depend on: the rules, and each file's rules and content in
/// path order (which fixes every article, its id and its index).
#[derive(Default)]
pub struct StoryKey {
    hasher: Hasher,
    usable: bool,
}

impl StoryKey {
    pub fn new() -> StoryKey {
        let mut hasher = Hasher::default();
        hasher.field(rules_version().as_bytes());
        StoryKey {
            hasher,
            usable: true,
        }
    }

    pub fn file(&mut self, path: &Path, rules: &str, content_hash: Option<&str>) {
        match content_hash {
            Some(hash) => {
                // The path as the walk found it: the key needs no cleaned copy for display.
                self.hasher
                    .field(path.as_os_str().as_encoded_bytes())
                    .field(rules.as_bytes())
                    .field(hash.as_bytes());
            }
            // A file that could not be read may read differently next time.
            None => self.usable = false,
        }
    }

    pub fn finish(&self) -> Option<String> {
        self.usable.then(|| self.hasher.finish())
    }
}

#[derive(Serialize, Deserialize)]
pub struct StoredStories {
    pub stories: Vec<Story>,
    pub duplicates: Vec<DuplicateGroup>,
    /// How many articles they index, checked before use.
    pub articles: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_canonical_paths_without_resolving_each_file() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("day");
        std::fs::create_dir_all(folder.join("sub")).expect("folders");
        let file = folder.join("sub/a.txt");
        std::fs::write(&file, "text").expect("write");
        let canonical = std::fs::canonicalize(&file)
            .expect("canonical")
            .to_string_lossy()
            .into_owned();
        // Opened as a folder, through a path with a `..` in it, and as the file itself.
        let roundabout = folder.join("sub/../");
        for (opened, found) in [
            (folder.clone(), file.clone()),
            (roundabout.clone(), roundabout.join("sub/a.txt")),
            (file.clone(), file.clone()),
        ] {
            let keys = Keys::new(std::slice::from_ref(&opened));
            assert_eq!(keys.key(&found), canonical, "opened {}", opened.display());
        }
        // A file under no opened path is resolved on its own.
        assert_eq!(Keys::new(&[]).key(&file), canonical);
        let roots = Keys::new(std::slice::from_ref(&folder)).roots();
        assert!(
            canonical.starts_with(&format!("{}/", roots[0])),
            "{roots:?}"
        );
    }
}
