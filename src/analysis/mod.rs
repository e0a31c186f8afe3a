//! Analysis over a loaded corpus, pure functions over `model` types: topics, which articles
//! tell the same story (and which are copies), which paragraphs answer which, and how their
//! figures and quotes differ.

pub mod align;
pub mod assign;
pub mod cluster;
pub mod duplicates;
pub mod figure_identity;
pub mod figures;
pub mod gloss;
pub mod parallel;
pub mod paraphrase;
pub mod places;
pub mod quotes;
pub mod story;
pub mod tokens;
pub mod topics;
