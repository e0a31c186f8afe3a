//! Text utilities shared by ingestion and the views: sanitising untrusted text and measuring
//! its display width.

pub mod sanitize;
pub mod width;
pub mod wrap;
