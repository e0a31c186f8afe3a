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

    /// The same, borrowed: what a filter over thousands of articles reads (no note cloned).
    pub fn marks(&self, id: &str) -> &ArticleState {
        static UNMARKED: ArticleState = ArticleState {
            read: false,
            bookmarked: false,
            position: None,
            note: None,
            perspective: None,
        };
        self.articles.get(id).unwrap_or(&UNMARKED)
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
        // Old load-order ids are worked out only when a key needs them.
        let mut legacy_ids = None;
        let (mut renamed, mut migrated) = (0, 0);
        let keys: Vec<String> = self.articles.keys().cloned().collect();
        for key in keys {
            if current.contains(key.as_str()) {
                continue;
            }
            let target = match hash_part(&key) {
                Some(hash) => by_hash.get(hash).map(|id| (id.to_string(), false)),
                None => legacy_ids
                    .get_or_insert_with(|| corpus.legacy_ids())
                    .get(&key)
                    .map(|id| (id.clone(), true)),
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

/// One changed mark of one article: what a save writes, and all it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub field: Field,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Read(bool),
    Bookmarked(bool),
    Position(Option<Position>),
    Note(Option<String>),
    Perspective(Option<String>),
}

/// The marks that differ between `before` (as loaded) and `after` (as the session left
/// them). Saving only these, merged onto what the store holds then, is what keeps another
/// process's changes to other marks.
pub fn changes(before: &ReadingState, after: &ReadingState) -> Vec<Change> {
    let ids: std::collections::BTreeSet<&String> = before
        .articles
        .keys()
        .chain(after.articles.keys())
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let (old, new) = (before.get(id), after.get(id));
        let mut push = |field| {
            out.push(Change {
                id: id.clone(),
                field,
            })
        };
        if old.read != new.read {
            push(Field::Read(new.read));
        }
        if old.bookmarked != new.bookmarked {
            push(Field::Bookmarked(new.bookmarked));
        }
        if old.position != new.position {
            push(Field::Position(new.position));
        }
        if old.note != new.note {
            push(Field::Note(new.note.clone()));
        }
        if old.perspective != new.perspective {
            push(Field::Perspective(new.perspective.clone()));
        }
    }
    out
}

/// Where the reading state lives now: the store (see `crate::store`).
pub fn store_path() -> Option<PathBuf> {
    crate::store::default_path()
}

/// The reading state from the store at `store`. The first time, a `state.json` left by an
/// earlier version (`legacy`) is copied in and renamed `state.json.migrated`, with a message.
/// A store that cannot be opened gives an empty state and a warning.
pub fn load_stored(store: &Path, legacy: Option<&Path>) -> Loaded {
    match crate::store::Store::open(store) {
        Ok(mut db) => load_from(&mut db, legacy),
        Err(e) => unloaded(&e),
    }
}

/// No reading state, because the store could not be opened (`why`).
pub fn unloaded(why: &str) -> Loaded {
    Loaded {
        state: ReadingState::default(),
        warning: Some(format!("{why}; reading state not loaded")),
    }
}

/// `load_stored` on a store already open.
pub fn load_from(db: &mut crate::store::Store, legacy: Option<&Path>) -> Loaded {
    let mut warning = None;
    if let Some(json) = legacy.filter(|p| p.is_file()) {
        let old = load(json);
        let aside = json.with_extension("json.migrated");
        warning = Some(match (old.warning, db.save_reading(&changes(&ReadingState::default(), &old.state))) {
            (Some(w), _) => w,
            (None, Err(e)) => format!("{e}; {} not migrated", json.display()),
            (None, Ok(())) => match std::fs::rename(json, &aside) {
                Ok(()) => format!(
                    "reading state of {} article(s) moved from {} into the store (old file kept as {})",
                    old.state.articles.len(),
                    json.display(),
                    aside.display()
                ),
                Err(e) => format!("reading state copied into the store, but {} could not be renamed: {e}", json.display()),
            },
        });
    }
    match db.load_reading() {
        Ok(state) => Loaded { state, warning },
        Err(e) => Loaded {
            state: ReadingState::default(),
            warning: Some(e),
        },
    }
}

/// Where an earlier version kept the reading state (`state.json`), migrated once.
pub fn legacy_path() -> Option<PathBuf> {
    default_dir().map(|d| d.join(FILE_NAME))
}

/// The default store, migrating the default `state.json` once.
pub fn load_default() -> Loaded {
    match store_path() {
        Some(store) => load_stored(&store, legacy_path().as_deref()),
        None => Loaded {
            state: ReadingState::default(),
            warning: Some("no data directory for the store (set HOME or XDG_DATA_HOME)".into()),
        },
    }
}

/// Write what changed between `before` and `after` into the store at `store`.
pub fn save_stored(
    store: &Path,
    before: &ReadingState,
    after: &ReadingState,
) -> Result<(), String> {
    let changed = changes(before, after);
    if changed.is_empty() {
        return Ok(());
    }
    crate::store::Store::open(store)?.save_reading(&changed)
}

/// `save_stored` on a store already open.
pub fn save_to(
    db: &mut crate::store::Store,
    before: &ReadingState,
    after: &ReadingState,
) -> Result<(), String> {
    let changed = changes(before, after);
    if changed.is_empty() {
        return Ok(());
    }
    db.save_reading(&changed)
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
    fn changes_name_only_the_marks_that_differ() {
        let mut before = ReadingState::default();
        before.update("a", |s| s.note = Some("old".into()));
        let mut after = before.clone();
        after.update("a", |s| s.read = true);
        after.update("b", |s| s.bookmarked = true);
        assert_eq!(
            changes(&before, &after),
            vec![
                Change {
                    id: "a".into(),
                    field: Field::Read(true)
                },
                Change {
                    id: "b".into(),
                    field: Field::Bookmarked(true)
                },
            ]
        );
        after.update("a", |s| s.note = None);
        assert!(changes(&before, &after).contains(&Change {
            id: "a".into(),
            field: Field::Note(None)
        }));
    }

    #[test]
    fn state_json_is_migrated_into_the_store_once() {
        let dir = tempfile::tempdir().expect("dir");
        let json = dir.path().join(FILE_NAME);
        let store = dir.path().join("data/store.sqlite3");
        let mut old = ReadingState::default();
        old.update("x-0123456789ab", |s| {
            s.bookmarked = true;
            s.note = Some("kept".into());
        });
        save(&json, &old).expect("save json");
        let first = load_stored(&store, Some(&json));
        assert_eq!(first.state, old);
        let said = first.warning.expect("a message");
        assert!(said.contains("moved from"), "{said}");
        assert!(!json.exists(), "renamed aside");
        assert!(dir.path().join("state.json.migrated").exists());
        let second = load_stored(&store, Some(&json));
        assert_eq!(second.state, old);
        assert!(second.warning.is_none(), "only once");
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
