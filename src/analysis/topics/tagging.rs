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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Block, Format};

    /// A minimal article for tests.
    pub(crate) fn article(id: &str, perspective: &str, title: &str, blocks: &[&str]) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: title.into(),
            outlet: None,
            perspective: perspective.into(),
            perspective_reason: "test".into(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: Some("en".into()),
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: Some("s".into()),
            blocks: blocks
                .iter()
                .map(|t| Block::new(BlockKind::Paragraph, *t))
                .collect(),
            warnings: Vec::new(),
            dropped: Vec::new(),
        }
    }

    fn ids(tags: &BlockTags) -> Vec<&'static str> {
        let lexicon = Lexicon::embedded();
        tags.topics()
            .map(|t| lexicon.topic(t).id.as_str())
            .collect()
    }

    fn topics_of(text: &str) -> Vec<&'static str> {
        ids(&Lexicon::embedded().tag_text(text))
    }

    /// The matched terms of one topic, as the text shows them.
    fn terms<'a>(text: &'a str, topic: &str) -> Vec<&'a str> {
        let lexicon = Lexicon::embedded();
        let id = lexicon.find(topic).unwrap_or(TopicId(u16::MAX));
        lexicon
            .tag_text(text)
            .get(id)
            .map(|t| t.spans.iter().map(|s| &text[s.clone()]).collect())
            .unwrap_or_default()
    }

    #[test]
    fn north_korea_is_not_south_korea() {
        assert_eq!(
            topics_of("North Korea fired a ballistic missile."),
            ["defense", "north-korea"]
        );
        assert_eq!(
            topics_of("North Korean leader Kim Jong Un."),
            ["north-korea"]
        );
        assert_eq!(
            terms("North Korean leader Kim Jong Un", "north-korea"),
            ["North Korean", "Kim Jong Un"]
        );
        // The party's name ends in "Korea"; it is North Korea's ruling party.
        assert_eq!(
            topics_of("general secretary of the Workers\u{2019} Party of Korea"),
            ["north-korea"]
        );
        assert_eq!(
            topics_of("denuclearization of the Korean Peninsula"),
            ["north-korea"]
        );
    }

    #[test]
    fn korea_alone_needs_an_article_that_names_south_korea() {
        let lexicon = Lexicon::embedded();
        let nk = article(
            "nk",
            "wire",
            "North Korea launches missile",
            &[
                "North Korea launched a ballistic missile on Monday.",
                "Korea watchers said the launch was the third this month.",
            ],
        );
        let tags = lexicon.tag_article(&nk);
        assert_eq!(ids(&tags.blocks[1]), Vec::<&str>::new());
        let sk = lexicon.find("south-korea").unwrap_or(TopicId(0));
        assert!(tags.topic(sk).is_none());

        let with_seoul = article(
            "sk",
            "wire",
            "Seoul weighs its options",
            &[
                "North Korea launched a ballistic missile on Monday.",
                "Korea watchers said the launch was the third this month.",
            ],
        );
        let tags = lexicon.tag_article(&with_seoul);
        assert_eq!(ids(&tags.blocks[1]), ["south-korea"]);
        assert_eq!(
            tags.blocks[1].get(sk).map(|t| t
                .spans
                .iter()
                .map(|s| (s.start, s.end))
                .collect::<Vec<_>>()),
            Some(vec![(0, 5)])
        );
        // A lone text decides by itself.
        assert_eq!(
            topics_of("Korea should persist with its ideas"),
            Vec::<&str>::new()
        );
        assert_eq!(
            topics_of("Korea should persist, South Korea's leaders said"),
            ["south-korea"]
        );
    }

    #[test]
    fn words_inside_other_words_never_match() {
        assert_eq!(
            topics_of("the farmsteads and alarms of the countryside"),
            Vec::<&str>::new()
        );
        assert_eq!(topics_of("he said the aid was paid"), Vec::<&str>::new());
        assert_eq!(
            topics_of("Chinatown, Abebe and the oilfields"),
            Vec::<&str>::new()
        );
        assert_eq!(topics_of("a tradesman's armchair"), Vec::<&str>::new());
        assert_eq!(topics_of("arms and AI"), ["defense", "technology"]);
    }

    #[test]
    fn capitals_terms_match_only_in_capitals() {
        assert_eq!(topics_of("AI chips"), ["technology"]);
        assert_eq!(topics_of("ai and lng"), Vec::<&str>::new());
        assert_eq!(terms("more LNGs", "energy"), ["LNGs"]);
    }

    #[test]
    fn seed_000_paraphrases_are_understood() {
        assert_eq!(topics_of("implement their commerce settlement"), ["trade"]);
        assert_eq!(
            topics_of("rising your army capability and protection spending"),
            ["defense"]
        );
        assert_eq!(
            topics_of("its pledge to put money into the US"),
            ["investment"]
        );
        // "speculate" is weak: investment only next to a strong investment term.
        assert_eq!(
            topics_of("analysts speculate about the summit"),
            Vec::<&str>::new()
        );
        assert_eq!(
            terms(
                "to speculate US$550 billion and put money into the US",
                "investment"
            ),
            ["speculate", "put money into"]
        );
        assert_eq!(topics_of("responding to safety threats"), ["defense"]);
        // Nippon Ishin, paraphrased: a party, not technology.
        assert_eq!(
            topics_of("signed with the Japan Innovation Social gathering"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn plurals_inflections_hyphens_and_possessives() {
        assert_eq!(
            terms("U.S. tariffs on rare-earth magnets", "trade"),
            ["tariffs"]
        );
        assert_eq!(
            terms("U.S. tariffs on rare-earth exports", "minerals"),
            ["rare-earth"]
        );
        assert_eq!(
            terms("rare earths and critical minerals", "minerals"),
            ["rare earths", "critical minerals"]
        );
        assert_eq!(
            terms("Japan invested; investors", "investment"),
            ["invested", "investors"]
        );
        assert_eq!(
            terms("emerging technologies", "technology"),
            ["technologies"]
        );
        assert_eq!(
            terms("China's control and China\u{2019}s navy", "china"),
            ["China", "China"]
        );
        assert_eq!(
            terms("Lee Jae-myung and Lee Jae Myung", "south-korea"),
            ["Lee Jae-myung", "Lee Jae Myung"]
        );
    }

    #[test]
    fn false_friends_stay_out() {
        // A submarine's propulsion is not energy policy.
        assert_eq!(topics_of("buy nuclear-powered submarines"), ["defense"]);
        assert_eq!(topics_of("U.S. Treasury securities"), Vec::<&str>::new());
        assert_eq!(
            topics_of("the Korea Herald reported from Seoul"),
            ["south-korea"]
        );
        assert_eq!(
            terms("the Korea Herald reported from Seoul", "south-korea"),
            ["Seoul"]
        );
        // Russia alone is a neighbour, not the war in Ukraine ...
        assert_eq!(
            topics_of("threats posed by North Korea, China and Russia"),
            ["china", "north-korea"]
        );
        // ... unless the text is about the war.
        assert_eq!(
            topics_of("Russia's aggression against Ukraine; Russia and North Korea"),
            ["north-korea", "ukraine"]
        );
    }

    #[test]
    fn a_term_of_two_topics_tags_both_with_the_same_span() {
        let text = "co-development of defense technologies";
        let tags = Lexicon::embedded().tag_text(text);
        assert_eq!(ids(&tags), ["defense", "technology"]);
        let spans: Vec<(Range<usize>, &str)> = tags
            .highlights()
            .into_iter()
            .map(|(s, t)| (s, Lexicon::embedded().topic(t).id.as_str()))
            .collect();
        assert_eq!(spans, [(18..38, "defense"), (18..38, "technology")]);
        assert_eq!(&text[18..38], "defense technologies");
    }

    #[test]
    fn spans_are_byte_ranges_into_text_with_wide_characters() {
        let text = "한국 외교부: LNG와 북한";
        let tags = Lexicon::embedded().tag_text(text);
        let spans: Vec<&str> = tags
            .highlights()
            .iter()
            .map(|(s, _)| &text[s.clone()])
            .collect();
        // "한국" (South Korea in Korean), LNG before a Korean particle, "북한" (North Korea).
        assert_eq!(spans, ["한국", "LNG", "북한"]);
        assert_eq!(ids(&tags), ["north-korea", "south-korea", "energy"]);
    }

    #[test]
    fn headline_and_lead_make_a_topic_main() {
        let lexicon = Lexicon::embedded();
        let a = article(
            "a",
            "wire",
            "Summit ends with shipbuilding pact",
            &[
                "The two leaders met on Tuesday.",
                "They discussed tariffs.",
                "Nothing else.",
                "Tariffs again.",
                "And North Korea once.",
            ],
        );
        let tags = lexicon.tag_article(&a);
        let main: Vec<&str> = tags
            .main_topics()
            .map(|t| lexicon.topic(t).id.as_str())
            .collect();
        // shipbuilding: title; trade: two of five blocks; north-korea: one block, not lead.
        assert_eq!(main, ["trade", "shipbuilding"]);
        let nk = lexicon.find("north-korea").unwrap_or(TopicId(0));
        assert_eq!(
            tags.topic(nk),
            Some(&ArticleTopic {
                topic: nk,
                blocks: 1,
                matches: 1,
                in_title: false,
                in_lead: false,
                main: false
            })
        );
        assert_eq!(tags.first_block(nk), Some(4));
    }

    #[test]
    fn odd_text_never_panics_and_spans_stay_on_char_boundaries() {
        let odd = [
            "",
            "-",
            "’s",
            "Korea’",
            "ＡＩ and ＬＮＧ",
            "e\u{301}nergy 🇰🇷 South Korea🇯🇵LNG",
            "North\nKorea",
            "rare\u{00a0}earths",
            "북한북한北朝鮮拉致",
        ];
        for text in odd {
            for (span, _) in Lexicon::embedded().tag_text(text).highlights() {
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
        // A line break inside a phrase is a space.
        assert_eq!(topics_of("North\nKorea"), ["north-korea"]);
        // Between emoji flags: both terms are whole words.
        assert_eq!(topics_of("🇰🇷 South Korea🇯🇵LNG"), ["south-korea", "energy"]);
    }

    #[test]
    fn main_needs_two_blocks_and_eight_percent() {
        assert!(is_main(2, 12, false, false));
        assert!(!is_main(1, 12, false, false));
        assert!(!is_main(2, 26, false, false)); // 7.7%
        assert!(is_main(3, 26, false, false));
        assert!(is_main(1, 40, true, false));
        assert!(is_main(1, 40, false, true));
    }
}
