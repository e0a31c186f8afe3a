//! parallax: read coverage of one story from different national perspectives side by side.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod config;
pub mod ingest;
pub mod model;
pub mod open;
pub mod sources;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
pub mod view;
pub mod watch;
