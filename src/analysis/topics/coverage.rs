//! Coverage of one story: topics × perspectives (and × articles), counted in tagged blocks,
//! with the gaps marked: a topic at least two perspectives write about and another ignores.

use super::lexicon::TopicId;
use super::tagging::ArticleTags;
use crate::model::{Corpus, Story};

/// A block of the corpus: `Corpus::articles[article].blocks[block]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockRef {
    pub article: usize,
    pub block: usize,
}

/// One perspective's articles in the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerspectiveColumn {
    pub id: String,
    /// Indexes into `Corpus::articles`, in corpus order.
    pub articles: Vec<usize>,
    /// Blocks in those articles: the denominator of `Cell::share`.
    pub blocks: usize,
}

/// One topic in one perspective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    /// Blocks tagged with the topic, over the perspective's articles.
    pub blocks: usize,
    /// Of the perspective's articles, how many have the topic at all.
    pub articles: usize,
    /// The first tagged block (articles in corpus order), where a view can jump to.
    pub first: Option<BlockRef>,
}

/// One topic in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleColumn {
    pub article: usize,
    /// Index into `Coverage::perspectives`.
    pub perspective: usize,
    pub blocks: usize,
    /// Tagged blocks per topic row.
    pub counts: Vec<usize>,
}

/// A topic covered by at least two perspectives and absent from others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub topic: TopicId,
    /// Indexes into `Coverage::perspectives`.
    pub covered_by: Vec<usize>,
    pub missing: Vec<usize>,
}

/// The coverage matrix of one story. Rows are every topic of the lexicon, in its order
/// (a row of zeros says "nobody covers this", which is worth seeing too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub story: String,
    pub topics: Vec<TopicId>,
    pub perspectives: Vec<PerspectiveColumn>,
    /// `cells[row][column]`: row per `topics`, column per `perspectives`.
    pub cells: Vec<Vec<Cell>>,
    /// Perspective by perspective, then corpus order.
    pub articles: Vec<ArticleColumn>,
    pub gaps: Vec<Gap>,
}

impl Coverage {
    /// Tagged blocks as a share of the perspective's blocks: how much of what this side wrote
    /// is about the topic, comparable across sides that wrote different amounts.
    pub fn share(&self, row: usize, column: usize) -> f64 {
        let total = self.perspectives[column].blocks;
        if total == 0 {
            0.0
        } else {
            self.cells[row][column].blocks as f64 / total as f64
        }
    }

    /// The largest share in the matrix, for scaling bars.
    pub fn max_share(&self) -> f64 {
        (0..self.topics.len())
            .flat_map(|r| (0..self.perspectives.len()).map(move |c| (r, c)))
            .map(|(r, c)| self.share(r, c))
            .fold(0.0, f64::max)
    }

    /// The row of a topic.
    pub fn row(&self, topic: TopicId) -> Option<usize> {
        self.topics.iter().position(|&t| t == topic)
    }

    pub fn is_gap(&self, row: usize, column: usize) -> bool {
        let topic = self.topics[row];
        self.gaps
            .iter()
            .any(|g| g.topic == topic && g.missing.contains(&column))
    }
}

/// Coverage of `story`. `tags` is parallel to `corpus.articles`; `topic_count` is the
/// lexicon's size; `order` gives a perspective's display position (unknown ids last).
pub fn coverage(
    corpus: &Corpus,
    tags: &[ArticleTags],
    story: &Story,
    topic_count: usize,
    order: &dyn Fn(&str) -> usize,
) -> Coverage {
    let mut perspectives: Vec<PerspectiveColumn> = Vec::new();
    for &a in &story.articles {
        let Some(article) = corpus.articles.get(a) else {
            continue;
        };
        let blocks = article.blocks.len();
        match perspectives
            .iter_mut()
            .find(|p| p.id == article.perspective)
        {
            Some(p) => {
                p.articles.push(a);
                p.blocks += blocks;
            }
            None => perspectives.push(PerspectiveColumn {
                id: article.perspective.clone(),
                articles: vec![a],
                blocks,
            }),
        }
    }
    perspectives.sort_by(|a, b| {
        order(&a.id)
            .cmp(&order(&b.id))
            .then_with(|| a.id.cmp(&b.id))
    });
    for p in &mut perspectives {
        p.articles.sort_unstable();
    }

    let topics: Vec<TopicId> = (0..topic_count).map(|i| TopicId(i as u16)).collect();
    let mut cells = vec![vec![Cell::default(); perspectives.len()]; topics.len()];
    let mut articles = Vec::new();
    for (column, p) in perspectives.iter().enumerate() {
        for &a in &p.articles {
            let Some(article_tags) = tags.get(a) else {
                continue;
            };
            let mut counts = vec![0; topics.len()];
            for (row, &topic) in topics.iter().enumerate() {
                let tagged = article_tags.blocks.iter().filter(|b| b.has(topic)).count();
                counts[row] = tagged;
                let cell = &mut cells[row][column];
                cell.blocks += tagged;
                if tagged > 0 {
                    cell.articles += 1;
                    if cell.first.is_none() {
                        cell.first = article_tags
                            .first_block(topic)
                            .map(|block| BlockRef { article: a, block });
                    }
                }
            }
            articles.push(ArticleColumn {
                article: a,
                perspective: column,
                blocks: corpus.articles[a].blocks.len(),
                counts,
            });
        }
    }

    let gaps = topics
        .iter()
        .zip(&cells)
        .filter_map(|(&topic, row)| {
            let (covered_by, missing): (Vec<usize>, Vec<usize>) =
                (0..row.len()).partition(|&c| row[c].blocks > 0);
            (covered_by.len() >= 2 && !missing.is_empty()).then_some(Gap {
                topic,
                covered_by,
                missing,
            })
        })
        .collect();

    Coverage {
        story: story.id.clone(),
        topics,
        perspectives,
        cells,
        articles,
        gaps,
    }
}

/// The story to show by default: the one with the most perspectives, then the most articles,
/// then the first in corpus order (newest first).
pub fn default_story(corpus: &Corpus) -> Option<&Story> {
    corpus
        .stories
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            corpus
                .story_perspectives(a)
                .len()
                .cmp(&corpus.story_perspectives(b).len())
                .then(a.articles.len().cmp(&b.articles.len()))
                .then(ib.cmp(ia))
        })
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::topics::tagging::tests::article;
    use crate::analysis::topics::Lexicon;
    use std::collections::BTreeMap;

    fn order(id: &str) -> usize {
        ["korean", "japanese", "wire"]
            .iter()
            .position(|p| *p == id)
            .unwrap_or(3)
    }

    fn corpus() -> Corpus {
        let mut lone = article("z", "wire", "Elsewhere", &["Tariffs."]);
        lone.story = Some("other".into());
        Corpus::new(
            vec![
                article(
                    "w1",
                    "wire",
                    "Wire one",
                    &["Tariffs rose.", "LNG deal.", "Plain."],
                ),
                article("k", "korean", "Korean view", &["Tariffs hurt.", "Plain."]),
                article(
                    "j",
                    "japanese",
                    "Japanese view",
                    &["Plain.", "LNG and tariffs."],
                ),
                article(
                    "w2",
                    "wire",
                    "Wire two",
                    &["Shipbuilding.", "More tariffs."],
                ),
                lone,
            ],
            Vec::new(),
            &BTreeMap::new(),
        )
    }

    #[test]
    fn counts_blocks_per_perspective_and_marks_gaps() {
        let corpus = corpus();
        let lexicon = Lexicon::embedded();
        let tags = lexicon.tag_corpus(&corpus);
        let story = corpus.stories.iter().find(|s| s.id == "s");
        let Some(story) = story else {
            panic!("story s exists");
        };
        let m = coverage(&corpus, &tags, story, lexicon.topics().len(), &order);
        let columns: Vec<(&str, Vec<usize>, usize)> = m
            .perspectives
            .iter()
            .map(|p| (p.id.as_str(), p.articles.clone(), p.blocks))
            .collect();
        assert_eq!(
            columns,
            [
                ("korean", vec![1], 2),
                ("japanese", vec![2], 2),
                ("wire", vec![0, 3], 5)
            ]
        );
        let row = |id: &str| {
            let t = lexicon.find(id).unwrap_or(TopicId(0));
            m.topics.iter().position(|&r| r == t).unwrap_or(usize::MAX)
        };
        let trade = row("trade");
        let blocks: Vec<usize> = m.cells[trade].iter().map(|c| c.blocks).collect();
        assert_eq!(blocks, [1, 1, 2]);
        assert_eq!(m.cells[trade][2].articles, 2);
        assert_eq!(
            m.cells[trade][2].first,
            Some(BlockRef {
                article: 0,
                block: 0
            })
        );
        assert_eq!(m.share(trade, 2), 0.4);
        // Energy: Japanese and wire write about LNG, the Korean article does not.
        let energy = row("energy");
        assert_eq!(
            m.cells[energy][1].first,
            Some(BlockRef {
                article: 2,
                block: 1
            })
        );
        assert!(m.is_gap(energy, 0));
        assert!(!m.is_gap(energy, 1));
        // Shipbuilding: only the wire covers it: not a gap, nobody else is "missing" it.
        assert!(!m.is_gap(row("shipbuilding"), 0));
        let gaps: Vec<(&str, Vec<usize>, Vec<usize>)> = m
            .gaps
            .iter()
            .map(|g| {
                (
                    lexicon.topic(g.topic).id.as_str(),
                    g.covered_by.clone(),
                    g.missing.clone(),
                )
            })
            .collect();
        assert_eq!(gaps, [("energy", vec![1, 2], vec![0])]);
        // Articles: perspective order, then corpus order; counts per topic row.
        let articles: Vec<(usize, usize, usize)> = m
            .articles
            .iter()
            .map(|a| (a.article, a.perspective, a.counts[trade]))
            .collect();
        assert_eq!(articles, [(1, 0, 1), (2, 1, 1), (0, 2, 1), (3, 2, 1)]);
        assert_eq!(m.max_share(), 0.5);
    }

    #[test]
    fn default_story_has_the_most_perspectives() {
        let corpus = corpus();
        assert_eq!(default_story(&corpus).map(|s| s.id.as_str()), Some("s"));
        assert_eq!(default_story(&Corpus::default()), None);
    }
}
