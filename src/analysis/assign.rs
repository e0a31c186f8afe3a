//! Stories carried from one launch to the next: automatic story ids stay put while their
//! articles do, and new articles join the stories they belong to instead of the whole corpus
//! being clustered again.
//!
//! An `Assignment` remembers, for the last corpus, each article's vector (against a shared
//! term table and its document frequencies) and story, and each story's id and the article
//! its title came from. Given it and today's articles:
//! - a removed article drops out of its story (a story left empty goes);
//! - a new article joins the story whose articles it is closest to on average (one dot
//!   product with the story's summed vector, the same average-link rule and thresholds as
//!   clustering), or starts a story of its own;
//! - only the stories new articles touched are then examined for merges with their
//!   neighbours in time;
//! - a story keeps its id, and its title while the article that named it stays.
//!
//! When most of the corpus is new (or nothing was remembered) everything is clustered
//! afresh, and each new story takes over the id of the old story whose articles it mostly
//! holds. Document frequencies are only added to between full clusterings (an article that
//! leaves does not lower them): weights drift slightly until the next one.

use super::cluster::{self, ClusterConfig, SummedVector, Vector};
use super::gloss::Script;
use crate::model::{Article, Story};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// New articles beyond this share of the corpus are clustered with everything again rather
/// than assigned one by one.
const MAX_NEW_SHARE: f32 = 0.25;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Assignment {
    /// What the vectors were made under (the caller's rules version): under other rules
    /// only the ids are carried over, and everything is clustered again.
    #[serde(default)]
    pub rules: String,
    /// The terms the vectors' ids index (those in two articles or more), and how many
    /// articles each occurs in.
    pub terms: Vec<String>,
    pub df: Vec<u32>,
    /// Articles counted in `df`.
    pub counted: u32,
    pub articles: Vec<Member>,
    pub stories: Vec<Remembered>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    /// Index into `Assignment::stories`.
    pub story: usize,
    pub day: Option<i64>,
    pub script: Script,
    pub pin: Option<String>,
    pub vector: Vector,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Remembered {
    pub id: String,
    pub title: String,
    /// The article the title was taken from: while it stays, so does the title.
    pub title_article: String,
    pub pin: Option<String>,
}

/// The stories of `articles` (indexes into it, sorted like `cluster::cluster`), and what to
/// remember for next time.
pub fn assign(
    articles: &[Article],
    previous: Option<&Assignment>,
    rules: &str,
    config: &ClusterConfig,
) -> (Vec<Story>, Assignment) {
    let (stories, mut assignment) = assign_under(
        articles,
        previous.filter(|p| p.rules == rules),
        previous,
        config,
    );
    assignment.rules = rules.to_string();
    (stories, assignment)
}

fn assign_under(
    articles: &[Article],
    same_rules: Option<&Assignment>,
    previous: Option<&Assignment>,
    config: &ClusterConfig,
) -> (Vec<Story>, Assignment) {
    if let Some(previous) = same_rules {
        let known: HashSet<&str> = previous.articles.iter().map(|m| m.id.as_str()).collect();
        let new = articles
            .iter()
            .filter(|a| !known.contains(a.id.as_str()))
            .count();
        if (new as f32) <= MAX_NEW_SHARE * articles.len() as f32 {
            return incremental(articles, previous, config);
        }
    }
    full(articles, previous, config)
}

/// Cluster everything; carry the old ids over to the stories that mostly hold their articles.
pub fn full(
    articles: &[Article],
    previous: Option<&Assignment>,
    config: &ClusterConfig,
) -> (Vec<Story>, Assignment) {
    let model = cluster::vectors_with_terms(articles, config.top_terms);
    let mut stories = cluster::cluster_vectors(articles, &model.vectors, config);
    let mut title_articles: Vec<String> =
        stories.iter().map(|s| title_article(articles, s)).collect();
    if let Some(previous) = previous {
        carry_ids(articles, previous, &mut stories, &mut title_articles);
    }
    let assignment = remember(articles, &stories, &title_articles, model);
    (stories, assignment)
}

/// The member whose title the story carries (the first, if none matches).
fn title_article(articles: &[Article], story: &Story) -> String {
    story
        .articles
        .iter()
        .find(|&&i| cluster::readable_title(&articles[i].title) == story.title)
        .or(story.articles.first())
        .map(|&i| articles[i].id.clone())
        .unwrap_or_default()
}

/// Give each fresh story the id (and, while its title article stays, the title) of the old
/// automatic story whose surviving articles it mostly holds, largest overlaps first.
fn carry_ids(
    articles: &[Article],
    previous: &Assignment,
    stories: &mut [Story],
    title_articles: &mut [String],
) {
    let story_of: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // Each old story's articles still present, by current index.
    let mut surviving: Vec<Vec<usize>> = vec![Vec::new(); previous.stories.len()];
    for member in &previous.articles {
        if let (Some(&i), Some(list)) = (
            story_of.get(member.id.as_str()),
            surviving.get_mut(member.story),
        ) {
            list.push(i);
        }
    }
    let mut overlaps: Vec<(usize, usize, usize)> = Vec::new();
    for (new, story) in stories.iter().enumerate() {
        let members: HashSet<usize> = story.articles.iter().copied().collect();
        for (old, kept) in surviving.iter().enumerate() {
            let shared = kept.iter().filter(|i| members.contains(i)).count();
            // The old story's core: more than half of what is left of it.
            if shared > 0 && shared * 2 > kept.len() {
                overlaps.push((shared, new, old));
            }
        }
    }
    overlaps.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut taken_new, mut taken_old) = (HashSet::new(), HashSet::new());
    for (_, new, old) in overlaps {
        let remembered = &previous.stories[old];
        // Pinned stories are named by their pin already.
        if remembered.pin.is_some()
            || stories[new]
                .articles
                .iter()
                .any(|&i| articles[i].story.is_some())
        {
            continue;
        }
        if taken_new.contains(&new) || !taken_old.insert(old) {
            continue;
        }
        taken_new.insert(new);
        stories[new].id = remembered.id.clone();
        let title_kept = stories[new]
            .articles
            .iter()
            .any(|&i| articles[i].id == remembered.title_article);
        if title_kept {
            stories[new].title = remembered.title.clone();
            title_articles[new] = remembered.title_article.clone();
        }
    }
    unique_ids(stories, &taken_new);
    sort_stories(stories);
}

/// Ids of stories not in `keep` that meet another story's id get a number (`-2`, `-3` …).
fn unique_ids(stories: &mut [Story], keep: &HashSet<usize>) {
    let mut used: HashSet<String> = keep.iter().map(|&k| stories[k].id.clone()).collect();
    for (k, story) in stories.iter_mut().enumerate() {
        if keep.contains(&k) {
            continue;
        }
        let base = story.id.clone();
        let mut n = 1;
        while !used.insert(story.id.clone()) {
            n += 1;
            story.id = format!("{base}-{n}");
        }
    }
}

/// Newest first, then by title and id (the order `cluster` gives).
fn sort_stories(stories: &mut [Story]) {
    stories.sort_by(|a, b| {
        b.last_day
            .cmp(&a.last_day)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// What to keep of a clustering: only the terms in two articles or more (no vector holds
/// the others), renumbered.
fn remember(
    articles: &[Article],
    stories: &[Story],
    title_articles: &[String],
    model: cluster::Vectors,
) -> Assignment {
    let mut renumber: Vec<Option<u32>> = vec![None; model.terms.len()];
    let mut terms = Vec::new();
    let mut df = Vec::new();
    for (id, (term, count)) in model.terms.into_iter().zip(model.df).enumerate() {
        if count > 1 {
            renumber[id] = Some(terms.len() as u32);
            terms.push(term);
            df.push(count);
        }
    }
    let mut story_at = vec![0usize; articles.len()];
    for (k, story) in stories.iter().enumerate() {
        for &i in &story.articles {
            story_at[i] = k;
        }
    }
    let members = articles
        .iter()
        .zip(model.vectors)
        .enumerate()
        .map(|(i, (article, vector))| Member {
            id: article.id.clone(),
            story: story_at[i],
            day: cluster::day_number(article),
            script: cluster::article_script(article),
            pin: article.story.clone(),
            vector: vector
                .into_iter()
                .filter_map(|(t, w)| renumber[t as usize].map(|t| (t, w)))
                .collect(),
        })
        .collect();
    Assignment {
        rules: String::new(),
        terms,
        df,
        counted: articles.len() as u32,
        articles: members,
        stories: stories
            .iter()
            .zip(title_articles)
            .map(|(s, title_article)| Remembered {
                id: s.id.clone(),
                title: s.title.clone(),
                title_article: title_article.clone(),
                pin: s.articles.iter().find_map(|&i| articles[i].story.clone()),
            })
            .collect(),
    }
}

/// A story being built: its members (current indexes), summed vector and day span.
struct Open {
    members: Vec<usize>,
    sum: SummedVector,
    span: Option<(i64, i64)>,
    undated: bool,
    scripts: HashSet<Script>,
    pin: Option<String>,
    /// The story remembered from last time, if any (its id and title).
    old: Option<usize>,
    changed: bool,
}

impl Open {
    fn add(&mut self, i: usize, vector: &Vector, day: Option<i64>, script: Script) {
        self.members.push(i);
        self.sum.add(vector);
        match day {
            Some(d) => {
                self.span = Some(self.span.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
            }
            None => self.undated = true,
        }
        self.scripts.insert(script);
    }
}

/// Span of two day spans together.
fn joined(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> Option<(i64, i64)> {
    match (a, b) {
        (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
        (x, y) => x.or(y),
    }
}

fn incremental(
    articles: &[Article],
    previous: &Assignment,
    config: &ClusterConfig,
) -> (Vec<Story>, Assignment) {
    let old_by_id: HashMap<&str, &Member> = previous
        .articles
        .iter()
        .map(|m| (m.id.as_str(), m))
        .collect();
    let days: Vec<Option<i64>> = articles.iter().map(cluster::day_number).collect();
    let scripts: Vec<Script> = articles.iter().map(cluster::article_script).collect();
    // Kept articles (same id, same pin) keep their vector and story; the rest are new.
    let kept: Vec<Option<&Member>> = articles
        .iter()
        .map(|a| {
            old_by_id
                .get(a.id.as_str())
                .copied()
                .filter(|m| m.pin == a.story)
        })
        .collect();
    let new: Vec<usize> = (0..articles.len()).filter(|&i| kept[i].is_none()).collect();
    // New articles' terms join the table; their document frequencies are added.
    let mut terms = previous.terms.clone();
    let mut df = previous.df.clone();
    let mut term_ids: rustc_hash::FxHashMap<String, u32> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u32))
        .collect();
    let new_counts: Vec<Vec<(u32, (f32, u32))>> = new
        .iter()
        .map(|&i| {
            cluster::term_counts(&articles[i])
                .into_iter()
                .map(|(key, c)| {
                    let id = *term_ids.entry(key).or_insert_with_key(|key| {
                        terms.push(key.clone());
                        df.push(0);
                        (terms.len() - 1) as u32
                    });
                    df[id as usize] += 1;
                    (id, c)
                })
                .collect()
        })
        .collect();
    let counted = previous.counted + new.len() as u32;
    let mut vectors: Vec<Vector> = kept
        .iter()
        .map(|m| m.map(|m| m.vector.clone()).unwrap_or_default())
        .collect();
    for (&i, counts) in new.iter().zip(new_counts) {
        vectors[i] = cluster::unit_vector(
            counts,
            |id| df[id as usize],
            counted as f32,
            config.top_terms,
        );
    }
    // The remembered stories, with the articles they keep.
    let mut open: Vec<Open> = previous
        .stories
        .iter()
        .enumerate()
        .map(|(k, s)| Open {
            members: Vec::new(),
            sum: SummedVector::default(),
            span: None,
            undated: false,
            scripts: HashSet::new(),
            pin: s.pin.clone(),
            old: Some(k),
            changed: false,
        })
        .collect();
    for (i, member) in kept.iter().enumerate() {
        if let Some(m) = member {
            if let Some(story) = open.get_mut(m.story) {
                story.add(i, &vectors[i], days[i], scripts[i]);
            }
        }
    }
    // A story that lost articles has changed (its title may have to follow).
    let mut remembered_size = vec![0usize; previous.stories.len()];
    for m in &previous.articles {
        if let Some(n) = remembered_size.get_mut(m.story) {
            *n += 1;
        }
    }
    for story in &mut open {
        if let Some(k) = story.old {
            story.changed = story.members.len() != remembered_size[k];
        }
    }
    // Each new article, in date order, joins its closest story or starts one.
    let mut order = new.clone();
    order.sort_by_key(|&i| (days[i], i));
    let mut touched: Vec<usize> = Vec::new();
    for i in order {
        let target = match &articles[i].story {
            Some(pin) => open
                .iter()
                .position(|s| s.pin.as_deref() == Some(pin.as_str())),
            None => best_story(&open, &vectors[i], days[i], scripts[i], config),
        };
        let k = target.unwrap_or_else(|| {
            open.push(Open {
                members: Vec::new(),
                sum: SummedVector::default(),
                span: None,
                undated: false,
                scripts: HashSet::new(),
                pin: articles[i].story.clone(),
                old: None,
                changed: true,
            });
            open.len() - 1
        });
        open[k].add(i, &vectors[i], days[i], scripts[i]);
        open[k].changed = true;
        if !touched.contains(&k) {
            touched.push(k);
        }
    }
    // Re-examine the touched stories: one may now be close enough to a neighbour to merge.
    for &t in &touched {
        while let Some(other) = merge_partner(&open, t, config) {
            let (keep, gone) = if prefer(&open[t], &open[other]) {
                (t, other)
            } else {
                (other, t)
            };
            let moved = std::mem::take(&mut open[gone].members);
            let sum = std::mem::take(&mut open[gone].sum);
            let span = open[gone].span.take();
            let undated = open[gone].undated;
            let scripts = std::mem::take(&mut open[gone].scripts);
            let pin = open[gone].pin.take();
            let story = &mut open[keep];
            story.members.extend(moved);
            story.sum.absorb(sum);
            story.span = joined(story.span, span);
            story.undated |= undated;
            story.scripts.extend(scripts);
            story.pin = story.pin.take().or(pin);
            story.changed = true;
            if gone == t {
                break;
            }
        }
    }
    // Name the stories: the remembered id always, the remembered title while its article
    // stays; new ones as clustering would.
    let mut stories: Vec<Story> = Vec::new();
    let mut title_articles: Vec<String> = Vec::new();
    let mut keep_ids: HashSet<usize> = HashSet::new();
    for story in open.into_iter().filter(|s| !s.members.is_empty()) {
        let mut members = story.members;
        members.sort_unstable();
        let remembered = story.old.map(|k| &previous.stories[k]);
        let keeps_title = remembered.is_some_and(|r| {
            !story.changed || members.iter().any(|&i| articles[i].id == r.title_article)
        });
        // Choosing a title compares members pairwise: only for stories that need a new one.
        let (id, title, title_article) = match remembered {
            Some(r) if keeps_title => (r.id.clone(), r.title.clone(), r.title_article.clone()),
            _ => {
                let fresh =
                    cluster::make_story(articles, &vectors, members.clone(), story.pin.clone());
                let t = title_article(articles, &fresh);
                let id = remembered.map_or(fresh.id.clone(), |r| r.id.clone());
                (id, fresh.title, t)
            }
        };
        let days = members.iter().filter_map(|&i| articles[i].day());
        let (first_day, last_day) = (
            days.clone().min().map(str::to_string),
            days.max().map(str::to_string),
        );
        if remembered.is_some() || story.pin.is_some() {
            keep_ids.insert(stories.len());
        }
        stories.push(Story {
            id: story.pin.clone().unwrap_or(id),
            title,
            articles: members,
            first_day,
            last_day,
        });
        title_articles.push(title_article);
    }
    unique_ids(&mut stories, &keep_ids);
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&stories[a], &stories[b]);
        b.last_day
            .cmp(&a.last_day)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    let stories: Vec<Story> = order.iter().map(|&k| stories[k].clone()).collect();
    let title_articles: Vec<String> = order.iter().map(|&k| title_articles[k].clone()).collect();
    let model = cluster::Vectors { vectors, terms, df };
    let mut assignment = remember(articles, &stories, &title_articles, model);
    assignment.counted = counted;
    (stories, assignment)
}

/// The story a new article joins: the closest on average among those it may join in time,
/// if that clears the clustering threshold.
fn best_story(
    open: &[Open],
    vector: &Vector,
    day: Option<i64>,
    script: Script,
    config: &ClusterConfig,
) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for (k, story) in open.iter().enumerate() {
        if story.members.is_empty() || story.pin.is_some() {
            continue;
        }
        if let (Some(d), Some((first, last))) = (day, story.span) {
            // Within the linking window of the story's days, and the story not stretched
            // beyond what an event lasts.
            if d < first - config.window_days
                || d > last + config.window_days
                || last.max(d) - first.min(d) > config.max_span_days
            {
                continue;
            }
        }
        let needed = if day.is_none() || story.undated {
            config.undated_threshold
        } else if story.scripts.contains(&script) {
            config.threshold
        } else {
            config.cross_language_threshold
        };
        let mean = story.sum.dot(vector) / story.members.len() as f32;
        if mean >= needed && best.is_none_or(|(b, _)| mean > b) {
            best = Some((mean, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Another story that story `t` should merge with (average link over the two, as in
/// clustering), the closest first.
fn merge_partner(open: &[Open], t: usize, config: &ClusterConfig) -> Option<usize> {
    let story = &open[t];
    if story.members.is_empty() {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    for (k, other) in open.iter().enumerate() {
        if k == t || other.members.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (&story.pin, &other.pin) {
            if a != b {
                continue;
            }
        }
        let span = joined(story.span, other.span);
        if let (Some((a0, a1)), Some((b0, b1))) = (story.span, other.span) {
            // Linked articles are within the window of each other.
            if a0 > b1 + config.window_days || b0 > a1 + config.window_days {
                continue;
            }
        }
        if span.is_some_and(|(first, last)| last - first > config.max_span_days) {
            continue;
        }
        let needed = if story.undated || other.undated {
            config.undated_threshold
        } else if story.scripts.iter().any(|s| other.scripts.contains(s)) {
            config.threshold
        } else {
            config.cross_language_threshold
        };
        let mean =
            story.sum.dot_sum(&other.sum) / (story.members.len() * other.members.len()) as f32;
        if mean >= needed && best.is_none_or(|(b, _)| mean > b) {
            best = Some((mean, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Which of two merging stories keeps its name: a remembered one over a new one, then the
/// larger.
fn prefer(a: &Open, b: &Open) -> bool {
    match (a.old, b.old) {
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => a.members.len() >= b.members.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format};
    use std::collections::BTreeMap;

    fn article(id: &str, date: &str, title: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: title.into(),
            outlet: None,
            perspective: "other".into(),
            perspective_reason: String::new(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: None,
            date: Some(date.into()),
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: vec![Block::new(BlockKind::Paragraph, body)],
            warnings: vec![],
            dropped: vec![],
        }
    }

    const STRIKE: &str = "Dockworkers at Busan port ended a nine-day strike after the union accepted a 6.5 percent wage rise; 3,000 containers wait at the Sinseondae terminal.";
    const RICE: &str = "Rice prices in Osaka rose 18 percent after a poor Niigata harvest, the farm ministry said, and supermarkets rationed five-kilogram bags.";
    const QUAKE: &str = "A magnitude 6.1 earthquake shook Hualien in Taiwan, cutting power to 40,000 homes and closing the Taroko gorge road.";

    /// Three stories of two articles each, a day apart.
    fn corpus() -> Vec<Article> {
        vec![
            article("strike-a", "2025-10-24", "Busan port strike ends", STRIKE),
            article(
                "strike-b",
                "2025-10-25",
                "Busan dockworkers accept wage rise",
                STRIKE,
            ),
            article("rice-a", "2025-10-24", "Osaka rice prices rise", RICE),
            article(
                "rice-b",
                "2025-10-25",
                "Rice rationed in Osaka supermarkets",
                RICE,
            ),
            article(
                "quake-a",
                "2025-10-24",
                "Hualien earthquake cuts power",
                QUAKE,
            ),
            article(
                "quake-b",
                "2025-10-25",
                "Taroko road closed after Hualien quake",
                QUAKE,
            ),
        ]
    }

    /// Story id → article ids.
    fn by_id(articles: &[Article], stories: &[Story]) -> BTreeMap<String, Vec<String>> {
        stories
            .iter()
            .map(|s| {
                let mut ids: Vec<String> =
                    s.articles.iter().map(|&i| articles[i].id.clone()).collect();
                ids.sort();
                (s.id.clone(), ids)
            })
            .collect()
    }

    fn story_of(map: &BTreeMap<String, Vec<String>>, article: &str) -> String {
        map.iter()
            .find(|(_, ids)| ids.iter().any(|a| a == article))
            .map(|(id, _)| id.clone())
            .unwrap_or_else(|| panic!("{article} in no story: {map:?}"))
    }

    fn run(
        articles: &[Article],
        previous: Option<&Assignment>,
    ) -> (BTreeMap<String, Vec<String>>, Assignment) {
        let (stories, assignment) = assign(articles, previous, "rules", &ClusterConfig::default());
        (by_id(articles, &stories), assignment)
    }

    #[test]
    fn the_three_stories_cluster_apart() {
        let articles = corpus();
        let (stories, _) = run(&articles, None);
        assert_eq!(stories.len(), 3, "{stories:?}");
        assert_eq!(
            story_of(&stories, "strike-a"),
            story_of(&stories, "strike-b")
        );
        assert_ne!(story_of(&stories, "strike-a"), story_of(&stories, "rice-a"));
    }

    #[test]
    fn a_new_article_joins_its_story_and_every_id_stays() {
        let mut articles = corpus();
        let (before, remembered) = run(&articles, None);
        // One new article on the strike (in other words) and a copy of a rice article.
        articles.push(article(
            "strike-c",
            "2025-10-26",
            "Cranes move again at Busan",
            "Cranes at the Sinseondae terminal in Busan moved again as dockworkers returned after the nine-day strike and the 6.5 percent wage deal.",
        ));
        let mut copy = articles[3].clone();
        copy.id = "rice-b-copy".into();
        articles.push(copy);
        // 2 new of 8: assigned, not clustered again.
        let (after, assignment) = run(&articles, Some(&remembered));
        for (id, members) in &before {
            let now = after
                .get(id)
                .unwrap_or_else(|| panic!("{id} lost: {after:?}"));
            assert!(members.iter().all(|m| now.contains(m)), "{after:?}");
        }
        assert_eq!(story_of(&after, "strike-c"), story_of(&before, "strike-a"));
        assert_eq!(story_of(&after, "rice-b-copy"), story_of(&before, "rice-a"));
        assert_eq!(after.len(), 3);
        // The titles stayed with the articles that gave them.
        assert_eq!(assignment.stories.len(), remembered.stories.len());
        for old in &remembered.stories {
            let now = assignment
                .stories
                .iter()
                .find(|s| s.id == old.id)
                .expect("kept");
            assert_eq!(now.title, old.title);
        }
    }

    #[test]
    fn an_unrelated_article_starts_a_story_of_its_own() {
        let mut articles = corpus();
        let (before, remembered) = run(&articles, None);
        articles.push(article(
            "volcano",
            "2025-10-25",
            "Sakurajima erupts",
            "Sakurajima volcano in Kagoshima sent ash 4,000 metres high; flights at Kagoshima airport were cancelled.",
        ));
        let (after, _) = run(&articles, Some(&remembered));
        assert_eq!(after.len(), 4, "{after:?}");
        let volcano = story_of(&after, "volcano");
        assert!(!before.contains_key(&volcano));
        assert_eq!(after[&volcano], ["volcano"]);
    }

    #[test]
    fn a_removed_article_drops_out_and_the_story_keeps_its_id() {
        let mut articles = corpus();
        let (before, remembered) = run(&articles, None);
        let strike = story_of(&before, "strike-a");
        articles.retain(|a| a.id != "strike-b");
        let (after, assignment) = run(&articles, Some(&remembered));
        assert_eq!(after[&strike], ["strike-a"]);
        // Carried on, not clustered again (which would count 5 articles).
        assert_eq!(assignment.counted, 6);
        // Removing both of a story's articles removes the story.
        articles.retain(|a| a.id != "strike-a");
        let (gone, _) = run(&articles, Some(&remembered));
        assert!(!gone.contains_key(&strike), "{gone:?}");
        assert_eq!(gone.len(), 2);
    }

    #[test]
    fn assignment_agrees_with_clustering_all_again() {
        // Three stories of four articles; the last article of each arrives later. Both ways
        // must give the same stories.
        let mut all = corpus();
        all.extend([
            article("strike-c", "2025-10-26", "Busan strike over", STRIKE),
            article(
                "rice-c",
                "2025-10-26",
                "Niigata harvest lifts Osaka rice prices",
                RICE,
            ),
            article(
                "quake-c",
                "2025-10-26",
                "Hualien counts quake damage",
                QUAKE,
            ),
        ]);
        let mut first: Vec<Article> = all.clone();
        first.retain(|a| !a.id.ends_with("-c"));
        let (_, remembered) = run(&first, None);
        let later: Vec<Article> = all
            .iter()
            .take(6)
            .cloned()
            .chain(all[6..].iter().take(2).cloned())
            .collect();
        // 2 of 8 new: the incremental path.
        let (_, step) = run(&later, Some(&remembered));
        let (assigned, _) = run(&all, Some(&step));
        let (clustered, _) = run(&all, None);
        let groups = |m: &BTreeMap<String, Vec<String>>| {
            let mut g: Vec<Vec<String>> = m.values().cloned().collect();
            g.sort();
            g
        };
        assert_eq!(groups(&assigned), groups(&clustered));
    }

    #[test]
    fn clustering_again_carries_the_ids_over() {
        let articles = corpus();
        let (before, remembered) = run(&articles, None);
        // Renamed ids in the remembered stories, so a carried id is told from a generated one.
        let mut renamed = remembered.clone();
        for s in &mut renamed.stories {
            s.id = format!("kept-{}", s.id);
        }
        // Under other rules everything is clustered again; the ids still carry over.
        let (stories, _) = assign(
            &articles,
            Some(&renamed),
            "other rules",
            &ClusterConfig::default(),
        );
        let after = by_id(&articles, &stories);
        for (id, members) in &before {
            assert_eq!(after[&format!("kept-{id}")], *members);
        }
    }
}
