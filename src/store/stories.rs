//! Cached story results: the stories and duplicate groups of one exact set of articles,
//! keyed by a hash of everything they depend on (see `ingest::cache::StoryKey`).

use super::{Result, Store};
use rusqlite::OptionalExtension;

/// Results kept: the last few article sets (e.g. the config's folders and one other).
const KEEP: i64 = 8;

/// The tables holding one JSON result per key, with a last-use time to keep only recent ones.
#[derive(Clone, Copy)]
pub(super) enum ResultTable {
    Stories,
    Placements,
}

impl ResultTable {
    fn name(self) -> &'static str {
        match self {
            ResultTable::Stories => "stories",
            ResultTable::Placements => "placements",
        }
    }
}

impl Store {
    pub fn cached_stories(&self, key: &str) -> Result<Option<String>> {
        self.cached_result(ResultTable::Stories, key)
    }

    /// Store a result and drop the oldest beyond `KEEP`.
    pub fn put_stories(&mut self, key: &str, result: &str) -> Result<()> {
        self.put_result(ResultTable::Stories, key, result)
    }

    pub(super) fn cached_result(&self, table: ResultTable, key: &str) -> Result<Option<String>> {
        let sql = format!("SELECT result FROM {} WHERE key = ?1", table.name());
        self.conn
            .query_row(&sql, [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.error(e))
    }

    pub(super) fn put_result(&mut self, table: ResultTable, key: &str, result: &str) -> Result<()> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let name = table.name();
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(
            &format!("INSERT OR REPLACE INTO {name}(key, result, used) VALUES (?1, ?2, ?3)"),
            rusqlite::params![key, result, now],
        )
        .map_err(fail)?;
        tx.execute(
            &format!(
                "DELETE FROM {name} WHERE key NOT IN
                 (SELECT key FROM {name} ORDER BY used DESC, rowid DESC LIMIT ?1)"
            ),
            [KEEP],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }
}
