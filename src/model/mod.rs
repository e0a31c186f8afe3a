//! The data every other layer reads: articles, their blocks, and the corpus that holds them.
//! Everything here is immutable once built by `ingest`.

mod article;
mod corpus;
pub mod id;
mod perspective;

pub use article::{Article, Block, BlockKind, Dropped, Format};
pub use corpus::{Corpus, DuplicateGroup, LoadWarning, Story, TextsAway};
pub use perspective::Perspective;
