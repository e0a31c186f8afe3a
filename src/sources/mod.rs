//! Sources: what parallax fetches for itself. Subscriptions (`feeds.toml`), HTTP with limits
//! and manners, full text for teasers, OPML and newsboat import/export, and the files fetched
//! items are kept in. The only module that talks to the network; it hands bytes to `ingest`
//! and keeps the results as files `ingest` reads.

pub mod fetch;
pub mod fulltext;
pub mod http;
pub mod keep;
pub mod opml;
pub mod subscriptions;
