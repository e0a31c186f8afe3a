//! Cached inference results: what the corpus-wide perspective inference decided for one
//! exact set of articles and the reader's placements, keyed by a hash of both (see
//! `ingest::inferred`). Inference trains on the whole corpus, so it is the one placement
//! step a warm launch would otherwise redo in full.

use super::{Result, Store};
use rusqlite::OptionalExtension;

/// Results kept: the last few article sets, as for stories.
const KEEP: i64 = 8;

impl Store {
    pub fn cached_placements(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT result FROM placements WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.error(e))
    }

    /// Store a result and drop the oldest beyond `KEEP`.
    pub fn put_placements(&mut self, key: &str, result: &str) -> Result<()> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(
            "INSERT OR REPLACE INTO placements(key, result, used) VALUES (?1, ?2, ?3)",
            rusqlite::params![key, result, now],
        )
        .map_err(fail)?;
        tx.execute(
            "DELETE FROM placements WHERE key NOT IN
             (SELECT key FROM placements ORDER BY used DESC, rowid DESC LIMIT ?1)",
            [KEEP],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }
}
