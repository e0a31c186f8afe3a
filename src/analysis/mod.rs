//! Analysis over the loaded articles: pure functions, no IO.

pub mod duplicates;
