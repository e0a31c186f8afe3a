//! Analysis over a loaded corpus: which articles tell the same story, which paragraphs answer
//! which, and how their figures and quotes differ. Pure functions over `model` types.

pub mod align;
pub mod cluster;
pub mod figures;
pub mod quotes;
pub mod story;
pub mod tokens;
