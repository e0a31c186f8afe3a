//! parallax: read coverage of one story from different national perspectives side by side.

pub mod app;
pub mod cli;
pub mod ingest;
pub mod model;
pub mod text;
pub mod tui;
pub mod view;
