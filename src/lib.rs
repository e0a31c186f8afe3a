//! parallax: read coverage of one story from different national perspectives side by side.

pub mod analysis;
pub mod cli;
pub mod ingest;
pub mod model;
pub mod text;
