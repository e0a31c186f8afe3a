//! One story, analysed: what the compare views and the report read. Built on demand from a
//! corpus and a story (alignment of a 4-article story takes milliseconds).

use super::align::{align_story, StoryAlignment, MAX_ALIGN_COMPARISONS};
use super::assign::Assignment;
use super::cluster::{cluster, ClusterConfig};
use super::figures::{story_figures, FigureGroup};
use super::quotes::{story_quotes, QuoteGroup};
use crate::model::{Corpus, Story};

/// The stories of a corpus by clustering (pins honoured), with the titles the corpus already
/// knows for pinned stories (from the manifest). Until corpus building calls `cluster`
/// itself, the CLI uses this.
pub fn corpus_stories(corpus: &Corpus) -> Vec<Story> {
    let mut stories = cluster(&corpus.articles);
    manifest_titles(corpus, &mut stories);
    stories
}

/// As `corpus_stories`, carried on from the stories remembered last time (`assign`): new
/// articles join their stories, and automatic stories keep their ids.
pub fn assigned_stories(
    corpus: &Corpus,
    previous: Option<&Assignment>,
    rules: &str,
) -> (Vec<Story>, Assignment) {
    let (mut stories, assignment) =
        super::assign::assign(&corpus.articles, previous, rules, &ClusterConfig::default());
    manifest_titles(corpus, &mut stories);
    (stories, assignment)
}

fn manifest_titles(corpus: &Corpus, stories: &mut [Story]) {
    for story in stories {
        // A pinned story's manifest title beats the generated one.
        if let Some(known) = corpus.stories.iter().find(|s| s.id == story.id) {
            story.title = known.title.clone();
        }
    }
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
    /// What was left out to keep the analysis bounded, one sentence each (empty when nothing).
    pub limits: Vec<String>,
}

impl StoryAnalysis {
    pub fn new(corpus: &Corpus, story: &Story) -> StoryAnalysis {
        Self::of_members(corpus, story, &story.articles, Vec::new())
    }

    /// The analysis of at most `max_articles` of the story's articles, taken in turn from
    /// each perspective (story order within one) so every side stays in the comparison.
    /// Alignment compares every pair of articles: a story of 1,000 items would never finish.
    pub fn capped(corpus: &Corpus, story: &Story, max_articles: usize) -> StoryAnalysis {
        if story.articles.len() <= max_articles {
            return Self::new(corpus, story);
        }
        let members = spread_over_perspectives(corpus, &story.articles, max_articles);
        let note = format!(
            "{} articles: {} of them analysed (at most {max_articles} per story, taken in turn from each perspective)",
            story.articles.len(),
            members.len()
        );
        Self::of_members(corpus, story, &members, vec![note])
    }

    fn of_members(
        corpus: &Corpus,
        story: &Story,
        members: &[usize],
        mut limits: Vec<String>,
    ) -> StoryAnalysis {
        let articles = &corpus.articles;
        let alignment = align_story(articles, members);
        if let Some(cap) = alignment.blocks_cap {
            limits.push(format!(
                "long articles: only the first {cap} block(s) of each aligned (at most {MAX_ALIGN_COMPARISONS} block comparisons per story)"
            ));
        }
        StoryAnalysis {
            story: story.clone(),
            alignment,
            figures: story_figures(articles, members),
            quotes: story_quotes(articles, members),
            limits,
        }
    }
}

/// At most `max` of `members`, round-robin over their perspectives, back in story order.
pub fn spread_over_perspectives(corpus: &Corpus, members: &[usize], max: usize) -> Vec<usize> {
    let mut sides: Vec<(&str, std::collections::VecDeque<usize>)> = Vec::new();
    for &m in members {
        let Some(article) = corpus.articles.get(m) else {
            continue;
        };
        match sides.iter_mut().find(|(p, _)| *p == article.perspective) {
            Some((_, queue)) => queue.push_back(m),
            None => sides.push((&article.perspective, [m].into())),
        }
    }
    let mut chosen = Vec::new();
    while chosen.len() < max && sides.iter().any(|(_, q)| !q.is_empty()) {
        for (_, queue) in &mut sides {
            if chosen.len() < max {
                chosen.extend(queue.pop_front());
            }
        }
    }
    let order = |m: &usize| members.iter().position(|x| x == m);
    chosen.sort_by_key(order);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Block, BlockKind, Format};

    fn article(id: &str, perspective: &str) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: id.into(),
            outlet: None,
            perspective: perspective.into(),
            perspective_reason: "test".into(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: None,
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: Some("s".into()),
            blocks: vec![Block::new(
                BlockKind::Paragraph,
                "Leaders met in Tokyo.".to_string(),
            )],
            warnings: vec![],
            dropped: vec![],
        }
    }

    /// 45 wire items, then 5 Korean and 2 Japanese: a cap of 10 keeps every side.
    fn corpus() -> (Corpus, Story) {
        let mut articles: Vec<Article> =
            (0..45).map(|i| article(&format!("w{i}"), "wire")).collect();
        articles.extend((0..5).map(|i| article(&format!("k{i}"), "korean")));
        articles.extend((0..2).map(|i| article(&format!("j{i}"), "japanese")));
        let story = Story {
            id: "s".into(),
            title: "S".into(),
            articles: (0..articles.len()).collect(),
            first_day: None,
            last_day: None,
        };
        let corpus = Corpus {
            articles,
            stories: vec![story.clone()],
            warnings: vec![],
            duplicates: vec![],
            whole_load: false,
            ruled_perspectives: Default::default(),
            texts_away: Default::default(),
        };
        (corpus, story)
    }

    #[test]
    fn a_capped_story_keeps_every_perspective() {
        let (corpus, story) = corpus();
        let chosen = spread_over_perspectives(&corpus, &story.articles, 10);
        // Turns wire, korean, japanese: w0 k0 j0 w1 k1 j1 w2 k2 w3 k3.
        let ids: Vec<&str> = chosen
            .iter()
            .map(|&i| corpus.articles[i].id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["w0", "w1", "w2", "w3", "k0", "k1", "k2", "k3", "j0", "j1"]
        );
        let analysis = StoryAnalysis::capped(&corpus, &story, 10);
        assert_eq!(analysis.alignment.articles, chosen);
        assert_eq!(
            analysis.limits,
            ["52 articles: 10 of them analysed (at most 10 per story, taken in turn from each perspective)"]
        );
        // Within the cap nothing is left out, and nothing said.
        let analysis = StoryAnalysis::capped(&corpus, &story, 52);
        assert_eq!(analysis.alignment.articles.len(), 52);
        assert!(analysis.limits.is_empty());
    }
}
