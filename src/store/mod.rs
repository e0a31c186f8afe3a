//! The persistent store: one SQLite database (WAL mode) holding the parse cache, cached story
//! results and the reading state. This is the only module that runs SQL; everything above it
//! sees plain Rust values. A store that cannot be opened is never fatal: callers warn and go on
//! without it, and nothing here ever deletes the database file.

pub mod files;
pub mod hash;
pub mod placements;
pub mod reading;
pub mod rows;
pub mod stories;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "store.sqlite3";

/// Overrides where the store lives (tests, or a reader who keeps it elsewhere).
pub const DIR_VARIABLE: &str = "PARALLAX_DATA_DIR";

/// How long a writer waits for another process's transaction before giving up. Writes are
/// short (one article's marks, one file's parse), so a few seconds is generous.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The schema, one migration per version, applied in order. Never edit a released entry:
/// add a new one, so a store written by an older parallax is upgraded, never lost.
const MIGRATIONS: &[&str] = &[
    // 1: parse cache and reading state.
    "CREATE TABLE files (
        path TEXT PRIMARY KEY,      -- canonical path of the input file
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,  -- 0: not trusted, compare the content hash
        rules TEXT NOT NULL,        -- rules version + the folder manifest's hash
        content_hash TEXT NOT NULL,
        result TEXT NOT NULL        -- the parsed articles and warnings (JSON)
    );
    CREATE TABLE reading (
        id TEXT PRIMARY KEY,        -- stable article id
        read INTEGER NOT NULL DEFAULT 0,
        bookmarked INTEGER NOT NULL DEFAULT 0,
        block INTEGER,
        line INTEGER,
        note TEXT,
        perspective TEXT
    );",
    // 2: cached story results, and small facts about the store itself.
    "CREATE TABLE stories (
        key TEXT PRIMARY KEY,       -- hash of the rules and every article id + content hash
        result TEXT NOT NULL,       -- stories and duplicate groups (JSON)
        used INTEGER NOT NULL       -- unix time of the last use, to keep only recent ones
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    // 3: cached inference results (the parse cache's rows also became binary; its old JSON
    // rows read as misses and are replaced as files are parsed again).
    "CREATE TABLE placements (
        key TEXT PRIMARY KEY,       -- hash of the articles' key and the reader's placements
        result TEXT NOT NULL,       -- what inference changed, per article (JSON)
        used INTEGER NOT NULL
    );",
    // 4: each parse also as a summary row (the articles without their text), so listing
    // 10,000 articles reads a fraction of the bytes. Older rows have none: read whole.
    "ALTER TABLE files ADD COLUMN summary BLOB;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// One open store shared by everything a session does: the corpus load, the commands and the
/// reader (its loading worker thread included). Opening costs a few milliseconds and a
/// schema check; a session pays it once.
#[derive(Clone)]
pub struct Shared(std::sync::Arc<std::sync::Mutex<Store>>);

impl Shared {
    pub fn new(store: Store) -> Shared {
        Shared(std::sync::Arc::new(std::sync::Mutex::new(store)))
    }

    /// The store, for one short use. A thread that panicked while holding it left nothing
    /// half-written (every write is one transaction), so a poisoned lock is taken over.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A store error, already worded for the user (it names the database file).
pub type Result<T> = std::result::Result<T, String>;

/// `$PARALLAX_DATA_DIR`, else `$XDG_DATA_HOME/parallax`, else `~/.local/share/parallax`.
pub fn default_dir() -> Option<PathBuf> {
    std::env::var_os(DIR_VARIABLE)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| crate::state::xdg_dir("XDG_DATA_HOME", ".local/share"))
}

pub fn default_path() -> Option<PathBuf> {
    default_dir().map(|d| d.join(FILE_NAME))
}

impl Store {
    /// Open (creating it and its folder when missing) and bring the schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let fail = |e: &dyn std::fmt::Display| format!("{}: store: {e}", path.display());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(&e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| fail(&e))?;
        // WAL: readers never block the writer and a killed writer loses only its own
        // unfinished transaction. NORMAL sync is durable across process crashes in WAL mode.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| fail(&e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| fail(&e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate().map_err(|e| fail(&e))?;
        Ok(store)
    }

    /// The store at its default place, if there is a home to put it in.
    pub fn open_default() -> Result<Store> {
        let path =
            default_path().ok_or("no data directory for the store (set HOME or XDG_DATA_HOME)")?;
        Store::open(&path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<u32> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.error(e))
    }

    fn migrate(&mut self) -> std::result::Result<(), String> {
        let e = |e: rusqlite::Error| e.to_string();
        let mut version: u32 = self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(e)?;
        if version > SCHEMA_VERSION {
            return Err(format!(
                "written by a newer parallax (schema {version}, this one knows {SCHEMA_VERSION}); left untouched"
            ));
        }
        while (version as usize) < MIGRATIONS.len() {
            // Each step and its version number commit together: a kill mid-migration leaves
            // the previous version, which the next start upgrades again.
            let tx = self.conn.transaction().map_err(e)?;
            tx.execute_batch(MIGRATIONS[version as usize]).map_err(e)?;
            version += 1;
            tx.pragma_update(None, "user_version", version).map_err(e)?;
            tx.commit().map_err(e)?;
        }
        Ok(())
    }

    fn error(&self, e: impl std::fmt::Display) -> String {
        format!("{}: store: {e}", self.path.display())
    }

    /// What `parallax store --info` shows.
    pub fn info(&self) -> Result<Info> {
        let count = |table: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(|e| self.error(e))
        };
        let file_bytes = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        let cached_articles = self.cached_article_count()?;
        Ok(Info {
            path: self.path.clone(),
            schema_version: self.schema_version()?,
            database_bytes: file_bytes(&self.path),
            wal_bytes: file_bytes(&wal),
            files: count("files")?,
            articles: cached_articles,
            story_results: count("stories")?,
            reading_entries: count("reading")?,
        })
    }

    /// Give free pages back to the file system.
    pub fn vacuum(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
            .map_err(|e| self.error(e))
    }

    /// Forget every cached result (parses and stories); the reading state stays. The next
    /// launch parses and clusters everything again.
    pub fn clear_caches(&mut self) -> Result<()> {
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute_batch("DELETE FROM files; DELETE FROM stories; DELETE FROM placements;")
            .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// A fact about the store (e.g. that state.json was migrated).
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
            .map_err(|e| self.error(e))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub path: PathBuf,
    pub schema_version: u32,
    pub database_bytes: u64,
    pub wal_bytes: u64,
    pub files: u64,
    pub articles: u64,
    pub story_results: u64,
    pub reading_entries: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_store_has_the_current_schema_in_wal_mode() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("sub/store.sqlite3")).expect("open");
        assert_eq!(store.schema_version(), Ok(SCHEMA_VERSION));
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        // Opening again migrates nothing and keeps the version.
        drop(store);
        let again = Store::open(&dir.path().join("sub/store.sqlite3")).expect("reopen");
        assert_eq!(again.schema_version(), Ok(SCHEMA_VERSION));
    }

    #[test]
    fn a_version_1_store_is_upgraded_with_nothing_lost() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(FILE_NAME);
        {
            // Built by hand the way the first release wrote it.
            let conn = Connection::open(&path).expect("raw open");
            conn.execute_batch(MIGRATIONS[0]).expect("v1 schema");
            conn.pragma_update(None, "user_version", 1)
                .expect("version");
            conn.execute(
                "INSERT INTO reading(id, read, note) VALUES ('summit-0123456789ab', 1, 'keep me')",
                [],
            )
            .expect("state row");
            conn.execute(
                "INSERT INTO files VALUES ('/x/a.txt', 10, 5, 'r', 'h', '{\"articles\":[]}')",
                [],
            )
            .expect("file row");
        }
        let store = Store::open(&path).expect("open with current code");
        assert_eq!(store.schema_version(), Ok(SCHEMA_VERSION));
        let state = store.load_reading().expect("state");
        let entry = state.get("summit-0123456789ab");
        assert!(entry.read);
        assert_eq!(entry.note.as_deref(), Some("keep me"));
        assert_eq!(store.info().expect("info").files, 1);
        // The version-2 table exists and works.
        store.set_meta("k", "v").expect("meta");
        assert_eq!(store.meta("k"), Ok(Some("v".into())));
    }

    #[test]
    fn a_store_from_a_newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(FILE_NAME);
        {
            let conn = Connection::open(&path).expect("raw open");
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
                .expect("version");
        }
        let error = Store::open(&path).err().expect("refused");
        assert!(error.contains("newer parallax"), "{error}");
        assert!(path.exists(), "never deleted");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            b"this is not sqlite, just text, long enough to be a header...",
        )
        .expect("write");
        assert!(Store::open(&path).is_err());
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            b"this is not sqlite, just text, long enough to be a header..."
        );
    }
}
