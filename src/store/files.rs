//! The parse cache: per input file, what it was when parsed (size, mtime, rules, content
//! hash) and what parsing gave (a binary row, see `rows`).

use super::{Result, Store};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFile {
    pub size: u64,
    /// Nanoseconds since the epoch; 0 when the file was too fresh to trust its time.
    pub mtime_ns: i64,
    pub rules: String,
    pub content_hash: String,
    /// The parse, in the `rows` format.
    pub result: Vec<u8>,
}

impl Store {
    /// Every cached file, by canonical path.
    pub fn cached_files(&self) -> Result<HashMap<String, CachedFile>> {
        let mut statement = self
            .conn
            .prepare("SELECT path, size, mtime_ns, rules, content_hash, result FROM files")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    CachedFile {
                        size: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(u64::MAX),
                        mtime_ns: row.get(2)?,
                        rules: row.get(3)?,
                        content_hash: row.get(4)?,
                        // A row of an older format (JSON text) fails here: a miss.
                        result: row.get(5)?,
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        // A row of the wrong shape is a cache miss, not an error.
        Ok(rows.flatten().collect())
    }

    /// How many articles the cached parses hold (each row starts with its count).
    pub fn cached_article_count(&self) -> Result<u64> {
        let mut statement = self
            .conn
            .prepare("SELECT substr(result, 1, 8) FROM files WHERE typeof(result) = 'blob'")
            .map_err(|e| self.error(e))?;
        let heads = statement
            .query_map([], |row| row.get::<_, Vec<u8>>(0))
            .map_err(|e| self.error(e))?;
        Ok(heads
            .flatten()
            .map(|head| super::rows::article_count(&head))
            .sum())
    }

    /// Store new parses and forget vanished files, in one transaction.
    pub fn update_files(&mut self, put: &[(String, CachedFile)], drop: &[String]) -> Result<()> {
        if put.is_empty() && drop.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR REPLACE INTO files(path, size, mtime_ns, rules, content_hash, result)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(fail)?;
            for (file, row) in put {
                insert
                    .execute(rusqlite::params![
                        file,
                        i64::try_from(row.size).unwrap_or(i64::MAX),
                        row.mtime_ns,
                        row.rules,
                        row.content_hash,
                        row.result
                    ])
                    .map_err(fail)?;
            }
            let mut delete = tx
                .prepare("DELETE FROM files WHERE path = ?1")
                .map_err(fail)?;
            for file in drop {
                delete.execute([file]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }
}
