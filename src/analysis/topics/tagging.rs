//! Tags for blocks and articles: which topics each block is about, where the terms are (for
//! highlighting), and which topics an article is mainly about.

use super::lexicon::{Lexicon, TermMatch, TopicId};
use crate::model::{Article, BlockKind, Corpus};
use std::ops::Range;

/// One topic found in a block, with the byte ranges (into the block's text) of its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicTag {
    pub topic: TopicId,
    pub spans: Vec<Range<usize>>,
}

/// The topics of one block, ordered by topic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockTags {
    pub tags: Vec<TopicTag>,
}

impl BlockTags {
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    pub fn has(&self, topic: TopicId) -> bool {
        self.get(topic).is_some()
    }

    pub fn get(&self, topic: TopicId) -> Option<&TopicTag> {
        self.tags.iter().find(|t| t.topic == topic)
    }

    pub fn topics(&self) -> impl Iterator<Item = TopicId> + '_ {
        self.tags.iter().map(|t| t.topic)
    }

    /// Every span with its topic, in text order (a term tagging two topics appears twice), for
    /// a view that colours matched terms.
    pub fn highlights(&self) -> Vec<(Range<usize>, TopicId)> {
        let mut all: Vec<(Range<usize>, TopicId)> = self
            .tags
            .iter()
            .flat_map(|t| t.spans.iter().map(move |s| (s.clone(), t.topic)))
            .collect();
        all.sort_by_key(|(s, t)| (s.start, *t));
        all
    }

    fn add(&mut self, topic: TopicId, span: Range<usize>) {
        match self.tags.binary_search_by_key(&topic, |t| t.topic) {
            Ok(i) => self.tags[i].spans.push(span),
            Err(i) => self.tags.insert(
                i,
                TopicTag {
                    topic,
                    spans: vec![span],
                },
            ),
        }
    }
}

/// How much of an article is about one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTopic {
    pub topic: TopicId,
    /// Blocks (paragraphs, headings, list items …) tagged with the topic.
    pub blocks: usize,
    /// Terms matched, over the title and all blocks.
    pub matches: usize,
    pub in_title: bool,
    /// Tagged in the lead, the first paragraph.
    pub in_lead: bool,
    /// One of the article's main topics; see `is_main`.
    pub main: bool,
}

/// The topics of an article: per block, for the title, and summed up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleTags {
    pub title: BlockTags,
    /// Parallel to `Article::blocks`.
    pub blocks: Vec<BlockTags>,
    /// Every topic found, in lexicon order.
    pub topics: Vec<ArticleTopic>,
}

impl ArticleTags {
    pub fn topic(&self, topic: TopicId) -> Option<&ArticleTopic> {
        self.topics.iter().find(|t| t.topic == topic)
    }

    pub fn main_topics(&self) -> impl Iterator<Item = TopicId> + '_ {
        self.topics.iter().filter(|t| t.main).map(|t| t.topic)
    }

    /// Index of the first block tagged with `topic`.
    pub fn first_block(&self, topic: TopicId) -> Option<usize> {
        self.blocks.iter().position(|b| b.has(topic))
    }
}

/// A topic is one of an article's main topics when the headline or the lead carries it, or
/// when it runs through the text: at least two blocks and at least 8% of them (one block in
/// twelve). A topic named in passing once or twice in a long article is not.
pub fn is_main(blocks_tagged: usize, total_blocks: usize, in_title: bool, in_lead: bool) -> bool {
    in_title || in_lead || (blocks_tagged >= 2 && blocks_tagged * 100 >= total_blocks * 8)
}

impl Lexicon {
    /// Tags of a text on its own: weak terms count when the same text has a strong term of
    /// their topic.
    pub fn tag_text(&self, text: &str) -> BlockTags {
        let mut buffer = Vec::new();
        let matches = [self.scan(text, &mut buffer)];
        resolve(&matches).pop().unwrap_or_default()
    }

    /// Tags of a whole article. Weak terms count when the title or any block has a strong
    /// term of their topic: "Korea" is South Korea in an article that names South Korea.
    pub fn tag_article(&self, article: &Article) -> ArticleTags {
        let mut buffer = Vec::new();
        let mut units: Vec<Vec<TermMatch>> = Vec::with_capacity(article.blocks.len() + 1);
        units.push(self.scan(&article.title, &mut buffer));
        for block in &article.blocks {
            units.push(self.scan(&block.text, &mut buffer));
        }
        let mut tags = resolve(&units);
        let title = tags.remove(0);
        let blocks = tags;
        let lead = article
            .blocks
            .iter()
            .position(|b| b.kind == BlockKind::Paragraph);

        let mut topics: Vec<ArticleTopic> = Vec::new();
        for topic in (0..self.topics().len()).map(|i| TopicId(i as u16)) {
            let tagged = blocks.iter().filter(|b| b.has(topic)).count();
            let in_title = title.has(topic);
            if tagged == 0 && !in_title {
                continue;
            }
            let matches = std::iter::once(&title)
                .chain(&blocks)
                .filter_map(|b| b.get(topic))
                .map(|t| t.spans.len())
                .sum();
            let in_lead = lead.is_some_and(|i| blocks[i].has(topic));
            topics.push(ArticleTopic {
                topic,
                blocks: tagged,
                matches,
                in_title,
                in_lead,
                main: is_main(tagged, blocks.len(), in_title, in_lead),
            });
        }
        ArticleTags {
            title,
            blocks,
            topics,
        }
    }

    /// Tags of every article, parallel to `Corpus::articles`.
    pub fn tag_corpus(&self, corpus: &Corpus) -> Vec<ArticleTags> {
        corpus
            .articles
            .iter()
            .map(|a| self.tag_article(a))
            .collect()
    }
}

/// Matches to tags, unit by unit; weak hits count where some unit has a strong hit of the
/// same topic.
fn resolve(units: &[Vec<TermMatch>]) -> Vec<BlockTags> {
    let mut strong: Vec<TopicId> = units
        .iter()
        .flatten()
        .flat_map(|m| m.hits.iter())
        .filter(|(_, weak)| !weak)
        .map(|(topic, _)| *topic)
        .collect();
    strong.sort_unstable();
    strong.dedup();
    units
        .iter()
        .map(|matches| {
            let mut tags = BlockTags::default();
            for m in matches {
                for &(topic, weak) in &m.hits {
                    if !weak || strong.binary_search(&topic).is_ok() {
                        tags.add(topic, m.span.clone());
                    }
                }
            }
            tags
        })
        .collect()
}
