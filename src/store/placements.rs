//! Cached inference results: what the corpus-wide perspective inference decided for one
//! exact set of articles and the reader's placements, keyed by a hash of both (see
//! `ingest::inferred`). Inference trains on the whole corpus, so it is the one placement
//! step a warm launch would otherwise redo in full.

use super::stories::ResultTable;
use super::{Result, Store};

impl Store {
    pub fn cached_placements(&self, key: &str) -> Result<Option<String>> {
        self.cached_result(ResultTable::Placements, key)
    }

    /// Store a result and drop the oldest beyond the few kept (as for stories).
    pub fn put_placements(&mut self, key: &str, result: &str) -> Result<()> {
        self.put_result(ResultTable::Placements, key, result)
    }
}
