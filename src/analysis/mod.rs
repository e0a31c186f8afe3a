//! Analysis over the loaded articles: pure functions from articles to what the views show.

pub mod duplicates;
pub mod topics;
