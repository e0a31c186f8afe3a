//! Reading state that outlives a session: read marks, bookmarks, reading positions and short
//! notes, per article id. Stored as JSON under the XDG state directory and written atomically
//! (temporary file, fsync, rename), so a crash or kill mid-write never leaves a torn file.
//! A file that cannot be read is set aside, with a warning, and reading starts afresh.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "state.json";

/// Where a reader stands in an article: a block and a wrapped line within it, so the place
/// survives a different terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    pub block: usize,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleState {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bookmarked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The perspective the reader moved this article to (`parallax place`); it beats every
    /// rule and the manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<String>,
}

impl ArticleState {
    fn is_empty(&self) -> bool {
        *self == ArticleState::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub version: u32,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleState>,
}

impl Default for ReadingState {
    fn default() -> Self {
        ReadingState {
            version: 1,
            articles: BTreeMap::new(),
        }
    }
}

/// Notes are short; longer text is cut so the state file stays small.
pub const MAX_NOTE_CHARS: usize = 2000;

impl ReadingState {
    pub fn get(&self, id: &str) -> ArticleState {
        self.articles.get(id).cloned().unwrap_or_default()
    }

    /// The reader's placements (article id → perspective id), for ingest to apply and train on.
    pub fn placements(&self) -> std::collections::HashMap<String, String> {
        self.articles
            .iter()
            .filter_map(|(id, s)| Some((id.clone(), s.perspective.clone()?)))
            .collect()
    }

    /// Change one article's state; entries that return to the default are removed.
    pub fn update(&mut self, id: &str, change: impl FnOnce(&mut ArticleState)) {
        let entry = self.articles.entry(id.to_string()).or_default();
        change(entry);
        if let Some(note) = &mut entry.note {
            if note.chars().count() > MAX_NOTE_CHARS {
                *note = note.chars().take(MAX_NOTE_CHARS).collect();
            }
            if note.trim().is_empty() {
                entry.note = None;
            }
        }
        if entry.is_empty() {
            self.articles.remove(id);
        }
    }
}

impl ReadingState {
    /// Move entries saved under ids this corpus no longer uses onto the articles they belong
    /// to: a renamed or moved file (same hash, new prefix), or an id from before stable ids
    /// (the file stem numbered in load order), migrated once. Entries that match nothing are
    /// kept untouched (they may belong to another folder). Says what moved, if anything.
    pub fn adopt(&mut self, corpus: &crate::model::Corpus) -> Option<String> {
        use crate::model::id::hash_part;
        let current: std::collections::HashSet<&str> =
            corpus.articles.iter().map(|a| a.id.as_str()).collect();
        let by_hash: std::collections::HashMap<&str, &str> = corpus
            .articles
            .iter()
            .filter_map(|a| Some((hash_part(&a.id)?, a.id.as_str())))
            .collect();
        let (mut renamed, mut migrated) = (0, 0);
        let keys: Vec<String> = self.articles.keys().cloned().collect();
        for key in keys {
            if current.contains(key.as_str()) {
                continue;
            }
            let target = match hash_part(&key) {
                Some(hash) => by_hash.get(hash).map(|id| (id.to_string(), false)),
                None => corpus.legacy_ids.get(&key).map(|id| (id.clone(), true)),
            };
            // Never overwrite state the article already has under its own id.
            if let Some((id, legacy)) = target.filter(|(id, _)| !self.articles.contains_key(id)) {
                if let Some(entry) = self.articles.remove(&key) {
                    self.articles.insert(id, entry);
                    if legacy {
                        migrated += 1;
                    } else {
                        renamed += 1;
                    }
                }
            }
        }
        let mut said = Vec::new();
        if migrated > 0 {
            said.push(format!(
                "reading state of {migrated} article(s) moved from old file-name ids to stable ids"
            ));
        }
        if renamed > 0 {
            said.push(format!(
                "reading state of {renamed} renamed or moved file(s) followed them"
            ));
        }
        (!said.is_empty()).then(|| said.join("; "))
    }
}

/// `$XDG_STATE_HOME/parallax`, else `~/.local/state/parallax`.
pub fn default_dir() -> Option<PathBuf> {
    xdg_dir("XDG_STATE_HOME", ".local/state")
}

pub(crate) fn xdg_dir(variable: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(variable)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(fallback)))?;
    Some(base.join("parallax"))
}

/// The result of loading: the state, and a warning when the file had to be set aside.
pub struct Loaded {
    pub state: ReadingState,
    pub warning: Option<String>,
}

/// Read the state file; a missing file is an empty state, a corrupt one is renamed to
/// `state.json.corrupt-<unix time>` and reported.
pub fn load(path: &Path) -> Loaded {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                state: ReadingState::default(),
                warning: None,
            }
        }
        Err(e) => {
            return Loaded {
                state: ReadingState::default(),
                warning: Some(format!(
                    "{}: cannot read reading state: {e}",
                    path.display()
                )),
            }
        }
    };
    match serde_json::from_slice::<ReadingState>(&bytes) {
        Ok(state) => Loaded {
            state,
            warning: None,
        },
        Err(e) => {
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let aside = path.with_extension(format!("json.corrupt-{stamp}"));
            let moved = std::fs::rename(path, &aside).is_ok();
            Loaded {
                state: ReadingState::default(),
                warning: Some(format!(
                    "{}: reading state is corrupt ({e}); {}",
                    path.display(),
                    if moved {
                        format!("set aside as {}, starting afresh", aside.display())
                    } else {
                        "starting afresh".to_string()
                    }
                )),
            }
        }
    }
}

/// Write atomically: a temporary file in the same folder, flushed to disk, then renamed over
/// the old file. Readers see the old state or the new, never a mixture.
pub fn save(path: &Path, state: &ReadingState) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
    let temporary = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(FILE_NAME),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(&json)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults_are_not_stored() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(FILE_NAME);
        let mut state = ReadingState::default();
        state.update("a", |s| {
            s.read = true;
            s.position = Some(Position { block: 3, line: 1 });
        });
        state.update("b", |s| s.bookmarked = true);
        state.update("b", |s| s.bookmarked = false);
        save(&path, &state).expect("save");
        let loaded = load(&path);
        assert!(loaded.warning.is_none());
        assert_eq!(loaded.state, state);
        assert_eq!(
            loaded.state.articles.len(),
            1,
            "b went back to default and was removed"
        );
        assert_eq!(
            loaded.state.get("a").position,
            Some(Position { block: 3, line: 1 })
        );
        assert_eq!(loaded.state.get("zzz"), ArticleState::default());
    }

    #[test]
    fn notes_are_capped_and_blank_notes_removed() {
        let mut state = ReadingState::default();
        state.update("a", |s| s.note = Some("x".repeat(MAX_NOTE_CHARS + 50)));
        assert_eq!(
            state.get("a").note.map(|n| n.chars().count()),
            Some(MAX_NOTE_CHARS)
        );
        state.update("a", |s| s.note = Some("   ".into()));
        assert!(state.articles.is_empty());
    }

    #[test]
    fn missing_file_is_an_empty_state_without_warning() {
        let dir = tempfile::tempdir().expect("dir");
        let loaded = load(&dir.path().join(FILE_NAME));
        assert!(loaded.warning.is_none());
        assert!(loaded.state.articles.is_empty());
    }

    #[test]
    fn corrupt_file_is_set_aside_with_a_warning() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            b"{\"version\": 1, \"articles\": {\"a\": {\"read\": tr",
        )
        .expect("write");
        let loaded = load(&path);
        let warning = loaded.warning.expect("a warning");
        assert!(warning.contains("reading state is corrupt"), "{warning}");
        assert!(warning.contains("set aside as"), "{warning}");
        assert!(!path.exists(), "the corrupt file was moved away");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(aside[0]
            .file_name()
            .to_string_lossy()
            .starts_with("state.json.corrupt-"));
    }
}
