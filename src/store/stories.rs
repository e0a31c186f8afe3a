//! Cached story results: the stories and duplicate groups of one exact set of articles,
//! keyed by a hash of everything they depend on (see `ingest::cache::StoryKey`).

use super::{Result, Store};
use rusqlite::OptionalExtension;

/// Results kept: the last few article sets (e.g. the config's folders and one other).
const KEEP: i64 = 8;

impl Store {
    pub fn cached_stories(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT result FROM stories WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Store a result and drop the oldest beyond `KEEP`.
    pub fn put_stories(&mut self, key: &str, result: &str) -> Result<()> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(
            "INSERT OR REPLACE INTO stories(key, result, used) VALUES (?1, ?2, ?3)",
            rusqlite::params![key, result, now],
        )
        .map_err(fail)?;
        tx.execute(
            "DELETE FROM stories WHERE key NOT IN
             (SELECT key FROM stories ORDER BY used DESC, rowid DESC LIMIT ?1)",
            [KEEP],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }
}
