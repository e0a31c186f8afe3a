//! Analysis over the ingested corpus: pure functions from articles to what the views show.

pub mod topics;
