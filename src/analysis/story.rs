//! One story, analysed: what the compare views and the report read. Built on demand from a
//! corpus and a story (alignment of a 4-article story takes milliseconds).

use super::align::{align_story, StoryAlignment};
use super::cluster::cluster;
use super::figures::{story_figures, FigureGroup};
use super::quotes::{story_quotes, QuoteGroup};
use crate::model::{Corpus, Story};

/// The stories of a corpus by clustering (pins honoured), with the titles the corpus already
/// knows for pinned stories (from the manifest). Until corpus building calls `cluster`
/// itself, the CLI uses this.
pub fn corpus_stories(corpus: &Corpus) -> Vec<Story> {
    let mut stories = cluster(&corpus.articles);
    for story in &mut stories {
        // A pinned story's manifest title beats the generated one.
        if let Some(known) = corpus.stories.iter().find(|s| s.id == story.id) {
            story.title = known.title.clone();
        }
    }
    stories
}

/// The story an article belongs to, or the story with this id.
pub fn find_story<'a>(stories: &'a [Story], corpus: &Corpus, key: &str) -> Option<&'a Story> {
    stories.iter().find(|s| s.id == key).or_else(|| {
        let index = corpus.resolve(key).ok()?;
        stories.iter().find(|s| s.articles.contains(&index))
    })
}

/// Alignment, figures and quotes of one story.
#[derive(Debug, Clone)]
pub struct StoryAnalysis {
    pub story: Story,
    pub alignment: StoryAlignment,
    pub figures: Vec<FigureGroup>,
    pub quotes: Vec<QuoteGroup>,
}

impl StoryAnalysis {
    pub fn new(corpus: &Corpus, story: &Story) -> StoryAnalysis {
        let articles = &corpus.articles;
        StoryAnalysis {
            story: story.clone(),
            alignment: align_story(articles, &story.articles),
            figures: story_figures(articles, &story.articles),
            quotes: story_quotes(articles, &story.articles),
        }
    }
}
