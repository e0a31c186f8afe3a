//! The parse cache: per input file, what it was when parsed (size, mtime, rules, content
//! hash) and what parsing gave (a binary row, see `rows`), whole and as a summary.

use super::{Result, Store};
use rusqlite::OptionalExtension;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFile {
    pub size: u64,
    /// Nanoseconds since the epoch; 0 when the file was too fresh to trust its time.
    pub mtime_ns: i64,
    pub rules: String,
    pub content_hash: String,
    /// The parse, in the `rows` format: whole, or read as `Part::Summary` a summary row
    /// (a row stored before summaries existed is whole either way).
    pub result: Vec<u8>,
    /// The summary row, written with the whole one; `None` when read.
    pub summary: Option<Vec<u8>>,
}

/// Which form of the parses to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Whole,
    /// The articles without their text: for listing, a fraction of the bytes.
    Summary,
}

impl Store {
    /// Every cached file, by canonical path.
    pub fn cached_files(&self, part: Part) -> Result<HashMap<String, CachedFile>> {
        let sql = match part {
            Part::Whole => "SELECT path, size, mtime_ns, rules, content_hash, result FROM files",
            Part::Summary => {
                "SELECT path, size, mtime_ns, rules, content_hash, COALESCE(summary, result) \
                 FROM files"
            }
        };
        let mut statement = self.conn.prepare(sql).map_err(|e| self.error(e))?;
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
                        summary: None,
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        // A row of the wrong shape is a cache miss, not an error.
        Ok(rows.flatten().collect())
    }

    /// The whole rows of these files (canonical paths), for the text of articles that were
    /// loaded from their summaries; a file without a row is left out.
    pub fn whole_rows(&self, paths: &[&str]) -> Result<HashMap<String, Vec<u8>>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT result FROM files WHERE path = ?1")
            .map_err(|e| self.error(e))?;
        let mut rows = HashMap::with_capacity(paths.len());
        for &path in paths {
            let row = statement
                .query_row([path], |row| row.get::<_, Vec<u8>>(0))
                .optional()
                .map_err(|e| self.error(e))?;
            if let Some(row) = row {
                rows.insert(path.to_string(), row);
            }
        }
        Ok(rows)
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
                    "INSERT OR REPLACE INTO files(path, size, mtime_ns, rules, content_hash, result,
                                                  summary)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
                        row.result,
                        row.summary
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
