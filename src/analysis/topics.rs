//! Topics: the lexicon (`assets/topics.toml`), tagging of blocks and articles, and the
//! coverage matrix of a story. Everything here is a pure function of its inputs.
//!
//! ```
//! use parallax::analysis::topics::Lexicon;
//! let lexicon = Lexicon::embedded();
//! let tags = lexicon.tag_text("Japan pledged to buy more LNG and to deter North Korea.");
//! let ids: Vec<&str> = tags.topics().map(|t| lexicon.topic(t).id.as_str()).collect();
//! assert_eq!(ids, ["north-korea", "energy"]);
//! ```

mod coverage;
mod lexicon;
mod tagging;

pub use coverage::{
    coverage, default_story, ArticleColumn, BlockRef, Cell, Coverage, Gap, PerspectiveColumn,
};
pub use lexicon::{IgnoreSpec, Lexicon, LexiconSpec, TermMatch, Topic, TopicId, TopicSpec};
pub use tagging::{is_main, ArticleTags, ArticleTopic, BlockTags, TopicTag};
