//! Story clustering: articles about the same event are grouped from their dates (within a
//! window of days) and the overlap of their names, places, figures and terms. A `story` set
//! in the manifest or front matter pins an article to that story.
//!
//! Each article becomes a tf-idf vector (idf across the corpus) of its title and body terms,
//! with names and numbers weighted up, cut to its strongest shared terms. Pairs of articles
//! close enough in time are linked when their cosine clears a threshold; links are taken
//! strongest first and merge two stories when their articles are similar on average
//! (average link), unless that would join two different pinned stories or stretch a story
//! over more days than an event lasts (which stops a chain of daily stories on one theme
//! from becoming one "story").

use super::gloss;
use super::tokens::{Lexicon, Term, TermKind};
use crate::model::{Article, Story};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy)]
pub struct ClusterConfig {
    /// Dated articles further apart than this many days are never linked.
    pub window_days: i64,
    /// A story's first and last day are at most this far apart.
    pub max_span_days: i64,
    /// Cosine needed to link two dated articles.
    pub threshold: f32,
    /// Cosine needed when either article has no date (no time evidence, so more text).
    pub undated_threshold: f32,
    /// Cosine needed to link two dated articles written in different languages (Korean or
    /// Japanese against English): only the glossed part of a text can meet the other
    /// language, so the same story scores lower across languages (0.11–0.20 on the seeds
    /// against 0.15–0.23 within English) while an unrelated story stays under 0.05.
    pub cross_language_threshold: f32,
    /// Shared terms kept per article vector (the strongest), which bounds the cost per pair.
    pub top_terms: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            window_days: 4,
            max_span_days: 7,
            threshold: 0.1,
            undated_threshold: 0.2,
            cross_language_threshold: 0.08,
            top_terms: 80,
        }
    }
}

/// Group `articles` into stories (indexes into `articles`), newest first. A story is titled
/// after its most central news article; pinned stories keep their id, and the caller may
/// give them the manifest's title (`story::corpus_stories` does).
pub fn cluster(articles: &[Article]) -> Vec<Story> {
    cluster_with(articles, &ClusterConfig::default())
}

/// A sparse, unit-length term vector: (term id, weight), sorted by id.
pub type Vector = Vec<(u32, f32)>;

/// How many later articles (in date order) each article is compared with.
const MAX_NEIGHBOURS: usize = 300;
/// Members compared when choosing the article that names a story.
const MEDOID_SAMPLE: usize = 64;

/// At most `n` members, evenly spread over the list (all of them when there are few).
fn sample(members: &[usize], n: usize) -> Vec<usize> {
    if members.len() <= n {
        return members.to_vec();
    }
    (0..n).map(|k| members[k * members.len() / n]).collect()
}

/// The sum of a set's unit vectors, (term id, summed weight) sorted by id: the mean cosine
/// of two sets is one dot product of their sums. A sorted list rather than a map, so adding
/// and dot products are walks in id order (the float sums, and the clustering, are the same
/// on every run).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummedVector(Vec<(u32, f32)>);

impl SummedVector {
    /// Add one sorted vector (an article's, or another set's sum) in.
    pub fn add(&mut self, vector: &[(u32, f32)]) {
        if vector.is_empty() {
            return;
        }
        let mine = std::mem::take(&mut self.0);
        let mut merged = Vec::with_capacity(mine.len() + vector.len());
        let (mut i, mut j) = (0, 0);
        while i < mine.len() && j < vector.len() {
            match mine[i].0.cmp(&vector[j].0) {
                std::cmp::Ordering::Less => {
                    merged.push(mine[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    merged.push(vector[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    merged.push((mine[i].0, mine[i].1 + vector[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        merged.extend_from_slice(&mine[i..]);
        merged.extend_from_slice(&vector[j..]);
        self.0 = merged;
    }

    pub fn absorb(&mut self, other: SummedVector) {
        self.add(&other.0);
    }

    /// Dot product with a sorted vector (an article's, or another sum's entries).
    pub fn dot(&self, other: &[(u32, f32)]) -> f32 {
        sorted_dot(&self.0, other)
    }

    pub fn dot_sum(&self, other: &SummedVector) -> f32 {
        sorted_dot(&self.0, &other.0)
    }
}

/// Dot product of two id-sorted sparse vectors, summed in id order. A short one against a
/// long one (an article against a story of hundreds) looks its ids up by binary search.
fn sorted_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut sum = 0.0;
    if small.len() * 16 < large.len() {
        let mut rest = large;
        for &(term, x) in small {
            match rest.binary_search_by_key(&term, |e| e.0) {
                Ok(k) => {
                    sum += x * rest[k].1;
                    rest = &rest[k + 1..];
                }
                Err(k) => rest = &rest[k..],
            }
        }
        return sum;
    }
    let (mut i, mut j) = (0, 0);
    while i < small.len() && j < large.len() {
        match small[i].0.cmp(&large[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += small[i].1 * large[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// One vector spread out over every term id, so its dot product with each of many others is
/// a lookup per term of theirs: no branch on which list is ahead, which made the walk of two
/// sorted lists the dearest part of finding links. Sums in the other's id order, so the
/// result is the same float as `cosine`.
struct Spread {
    weights: Vec<f32>,
    set: Vec<u32>,
}

impl Spread {
    fn new(vectors: &[Vector]) -> Spread {
        let terms = vectors
            .iter()
            .filter_map(|v| v.last())
            .map(|&(id, _)| id as usize + 1)
            .max()
            .unwrap_or(0);
        Spread {
            weights: vec![0.0; terms],
            set: Vec::new(),
        }
    }

    fn set(&mut self, vector: &Vector) {
        for id in self.set.drain(..) {
            self.weights[id as usize] = 0.0;
        }
        for &(id, weight) in vector {
            self.weights[id as usize] = weight;
            self.set.push(id);
        }
    }

    fn dot(&self, other: &Vector) -> f32 {
        other
            .iter()
            .map(|&(id, weight)| self.weights[id as usize] * weight)
            .sum()
    }
}

/// Title and body terms of one article. (Figures are not extracted here: their numbers are
/// already terms, and extraction would double the cost of clustering a large corpus.)
fn article_terms(lexicon: &Lexicon, article: &Article) -> Vec<Term> {
    let mut terms = Vec::new();
    // The title says what the article is about: count it twice.
    for _ in 0..2 {
        terms.extend(lexicon.terms(&article.title));
    }
    for block in &article.blocks {
        terms.extend(lexicon.terms(&block.text));
    }
    terms
}

/// The language an article is written in, by the script of its title and first blocks.
pub(super) fn article_script(article: &Article) -> gloss::Script {
    let mut sample = article.title.clone();
    for block in article.blocks.iter().take(3) {
        sample.push(' ');
        sample.push_str(&block.text);
    }
    gloss::script(&sample)
}

/// Unit tf-idf vectors (sublinear tf, idf across the articles), cut to `top` terms each.
pub fn vectors(articles: &[Article], top: usize) -> Vec<Vector> {
    vectors_with_terms(articles, top).vectors
}

/// Article vectors with the term table their ids index and each term's document frequency,
/// so articles added later can be weighed against the same terms (`assign`).
pub struct Vectors {
    pub vectors: Vec<Vector>,
    pub terms: Vec<String>,
    pub df: Vec<u32>,
}

/// Each term of an article with (weight by kind, occurrences), in order of first occurrence
/// (term ids follow it, which keeps every float sum, and the clustering, the same each run).
pub(super) fn term_counts(article: &Article) -> Vec<(String, (f32, u32))> {
    let mut counts: Vec<(String, (f32, u32))> = Vec::new();
    let mut at: FxHashMap<String, usize> = FxHashMap::default();
    for term in article_terms(Lexicon::embedded(), article) {
        let weight = match term.kind {
            TermKind::Word => 1.0,
            TermKind::Name => 2.0,
            TermKind::Number => 2.0,
        };
        let slot = *at.entry(term.key).or_insert_with_key(|key| {
            counts.push((key.clone(), (0.0, 0)));
            counts.len() - 1
        });
        let entry = &mut counts[slot].1;
        entry.0 = entry.0.max(weight);
        entry.1 += 1;
    }
    counts
}

/// One article's unit vector from its counts by term id, given each term's document
/// frequency among `n` articles.
pub(super) fn unit_vector(
    counts: impl IntoIterator<Item = (u32, (f32, u32))>,
    df: impl Fn(u32) -> u32,
    n: f32,
    top: usize,
) -> Vector {
    let mut v: Vector = counts
        .into_iter()
        .map(|(id, (w, count))| {
            let idf = (n / df(id).max(1) as f32).ln() + 1.0;
            (id, w * (1.0 + (count as f32).ln()) * idf)
        })
        .collect();
    // A fixed order, so the float sums below are the same on every run.
    v.sort_unstable_by_key(|x| x.0);
    // The norm counts every term, so an article full of things no other article
    // mentions stays far from all; only shared terms (df > 1) are kept for the dot
    // products, the strongest `top` of them, which bounds the cost per pair.
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    v.retain(|(id, _)| df(*id) > 1);
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(top);
    v.sort_unstable_by_key(|x| x.0);
    if norm > 0.0 {
        for x in &mut v {
            x.1 /= norm;
        }
    }
    v
}

pub fn vectors_with_terms(articles: &[Article], top: usize) -> Vectors {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut terms: Vec<String> = Vec::new();
    // Counting each article's terms is the dear part, and independent per article: on
    // every core. The ids are then given in article order, the same on every run.
    let counts: Vec<Vec<(u32, (f32, u32))>> = super::parallel::map_in_order(articles, term_counts)
        .into_iter()
        .map(|article_counts| {
            article_counts
                .into_iter()
                .map(|(key, c)| {
                    let id = *ids.entry(key).or_insert_with_key(|key| {
                        terms.push(key.clone());
                        (terms.len() - 1) as u32
                    });
                    (id, c)
                })
                .collect()
        })
        .collect();
    let mut df = vec![0u32; terms.len()];
    for c in &counts {
        for (id, _) in c {
            df[*id as usize] += 1;
        }
    }
    let n = articles.len().max(1) as f32;
    let vectors = counts
        .into_iter()
        .map(|c| unit_vector(c, |id| df[id as usize], n, top))
        .collect();
    Vectors { vectors, terms, df }
}

pub(super) fn day_number(article: &Article) -> Option<i64> {
    let day = NaiveDate::parse_from_str(article.day()?, "%Y-%m-%d").ok()?;
    Some(day.signed_duration_since(NaiveDate::default()).num_days())
}

/// Union-find over articles, each set carrying its day span and pinned story id.
struct Sets {
    parent: Vec<usize>,
    span: Vec<Option<(i64, i64)>>,
    pin: Vec<Option<String>>,
    /// Members of each root's set.
    members: Vec<Vec<usize>>,
}

impl Sets {
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut x = x;
        while self.parent[x] != root {
            let next = self.parent[x];
            self.parent[x] = root;
            x = next;
        }
        root
    }

    /// Merge the sets of `a` and `b` if allowed; `force` ignores the span limit (pins).
    fn union(&mut self, a: usize, b: usize, max_span: i64, force: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        if let (Some(pa), Some(pb)) = (&self.pin[ra], &self.pin[rb]) {
            if pa != pb {
                return false;
            }
        }
        let span = match (self.span[ra], self.span[rb]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        if !force && span.is_some_and(|(first, last)| last - first > max_span) {
            return false;
        }
        self.parent[rb] = ra;
        self.span[ra] = span;
        let moved = std::mem::take(&mut self.members[rb]);
        self.members[ra].extend(moved);
        if self.pin[ra].is_none() {
            self.pin[ra] = self.pin[rb].take();
        }
        true
    }
}

pub fn cluster_with(articles: &[Article], config: &ClusterConfig) -> Vec<Story> {
    cluster_vectors(articles, &vectors(articles, config.top_terms), config)
}

/// `cluster_with` over vectors already made (one per article).
pub fn cluster_vectors(
    articles: &[Article],
    vectors: &[Vector],
    config: &ClusterConfig,
) -> Vec<Story> {
    let n = articles.len();
    let days: Vec<Option<i64>> = articles.iter().map(day_number).collect();
    let scripts: Vec<gloss::Script> = articles.iter().map(article_script).collect();
    let dated_threshold = |a: usize, b: usize| {
        if scripts[a] == scripts[b] {
            config.threshold
        } else {
            config.cross_language_threshold
        }
    };
    let mut sets = Sets {
        parent: (0..n).collect(),
        span: days.iter().map(|d| d.map(|d| (d, d))).collect(),
        pin: articles.iter().map(|a| a.story.clone()).collect(),
        members: (0..n).map(|i| vec![i]).collect(),
    };
    // Pins first: every article naming a story joins it, whatever the dates say.
    let mut pinned: HashMap<&str, usize> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        if let Some(story) = article.story.as_deref() {
            match pinned.get(story) {
                Some(&first) => {
                    sets.union(first, i, config.max_span_days, true);
                }
                None => {
                    pinned.insert(story, i);
                }
            }
        }
    }
    // Candidate links: dated articles against those within the window (sorted by day, so
    // each looks only forward until the window closes), undated ones against everything.
    let mut by_day: Vec<usize> = (0..n).filter(|&i| days[i].is_some()).collect();
    by_day.sort_by_key(|&i| (days[i], i));
    let undated: Vec<usize> = (0..n).filter(|&i| days[i].is_none()).collect();
    let mut links: Vec<(f32, usize, usize)> = Vec::new();
    let mut spread = Spread::new(vectors);
    for (k, &a) in by_day.iter().enumerate() {
        let day_a = days[a].unwrap_or_default();
        spread.set(&vectors[a]);
        // The nearest articles in time only: a day with thousands of articles would
        // otherwise cost every pair. Links made through neighbours still join them all.
        for &b in by_day[k + 1..].iter().take(MAX_NEIGHBOURS) {
            if days[b].unwrap_or_default() - day_a > config.window_days {
                break;
            }
            let s = spread.dot(&vectors[b]);
            if s >= dated_threshold(a, b) {
                links.push((s, a.min(b), a.max(b)));
            }
        }
    }
    // Undated articles have no neighbours in time: an even sample of the dated ones, and the
    // undated ones after them.
    let dated_sample = sample(&by_day, MAX_NEIGHBOURS);
    for (k, &a) in undated.iter().enumerate() {
        for b in dated_sample
            .iter()
            .copied()
            .chain(undated[k + 1..].iter().copied().take(MAX_NEIGHBOURS))
        {
            let s = cosine(&vectors[a], &vectors[b]);
            if s >= config.undated_threshold {
                links.push((s, a.min(b), a.max(b)));
            }
        }
    }
    links.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    // Each set's summed term vector, kept up to date on merge (pins merged above included).
    let mut sums: Vec<SummedVector> = vec![SummedVector::default(); n];
    for (i, vector) in vectors.iter().enumerate() {
        let root = sets.find(i);
        sums[root].add(vector);
    }
    for (_, a, b) in links {
        // Average link: two stories merge only if their articles are close on average, so
        // one pair that happens to share paragraphs cannot chain two events together.
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra == rb {
            continue;
        }
        // The mean cosine of two sets of unit vectors is (ΣA·ΣB)/(|A||B|): one dot product
        // of the sets' summed vectors, exact, whatever their size.
        let total = sums[ra].dot_sum(&sums[rb]);
        let (ma, mb) = (&sets.members[ra], &sets.members[rb]);
        let undated = sets.members[ra]
            .iter()
            .chain(&sets.members[rb])
            .any(|&x| days[x].is_none());
        let needed = if undated {
            config.undated_threshold
        } else {
            dated_threshold(a, b)
        };
        if total / (ma.len() * mb.len()) as f32 >= needed
            && sets.union(a, b, config.max_span_days, false)
        {
            let root = sets.find(a);
            let other = if root == ra { rb } else { ra };
            let moved = std::mem::take(&mut sums[other]);
            sums[root].absorb(moved);
        }
    }
    // Collect the sets into stories.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let root = sets.find(i);
        members.entry(root).or_default().push(i);
    }
    let mut stories: Vec<Story> = members
        .into_iter()
        .map(|(root, articles_in)| {
            make_story(articles, vectors, articles_in, sets.pin[root].clone())
        })
        .collect();
    stories.sort_by(|a, b| {
        b.last_day
            .cmp(&a.last_day)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    // Generated ids can meet (two Korean titles on one day both slug to "story"): number
    // the later ones so every id names one story.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for story in &mut stories {
        let n = seen.entry(story.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            story.id = format!("{}-{n}", story.id);
        }
    }
    stories
}

pub(super) fn make_story(
    articles: &[Article],
    vectors: &[Vector],
    members: Vec<usize>,
    pin: Option<String>,
) -> Story {
    // The most central article (highest total similarity to the others) names the story.
    // Opinion pieces ("[Editorial] …") name their view, not the event: prefer news titles.
    let labelled = |i: usize| articles[i].title.trim_start().starts_with('[');
    let candidates: Vec<usize> = match members
        .iter()
        .copied()
        .filter(|&i| !labelled(i))
        .collect::<Vec<_>>()
    {
        news if !news.is_empty() => news,
        _ => members.clone(),
    };
    // Each candidate's total similarity to (a sample of) the others, computed once.
    let others = sample(&members, MEDOID_SAMPLE);
    let centrality = |x: usize| -> f32 {
        others
            .iter()
            .filter(|&&y| y != x)
            .map(|&y| cosine(&vectors[x], &vectors[y]))
            .sum()
    };
    let medoid = sample(&candidates, MEDOID_SAMPLE)
        .into_iter()
        .map(|i| (centrality(i), i))
        .max_by(|(ta, a), (tb, b)| ta.total_cmp(tb).then(b.cmp(a)))
        .map(|(_, i)| i)
        .unwrap_or(0);
    let days = members.iter().filter_map(|&i| articles[i].day());
    let first_day = days.clone().min().map(str::to_string);
    let last_day = days.max().map(str::to_string);
    let title = readable_title(&articles[medoid].title);
    let id = pin.unwrap_or_else(|| {
        let slug = slug(&title);
        match &first_day {
            Some(day) => format!("auto-{day}-{slug}"),
            None => format!("auto-{slug}"),
        }
    });
    Story {
        id,
        title,
        articles: members,
        first_day,
        last_day,
    }
}

/// A title without the section label some outlets put first ("[Editorial] …").
pub fn readable_title(title: &str) -> String {
    let t = title.trim();
    let t = match (t.starts_with('['), t.find(']')) {
        (true, Some(end)) if end + 1 < t.len() => t[end + 1..].trim_start(),
        _ => t,
    };
    t.to_string()
}

/// Up to four content words of a title, lower-case, joined by hyphens.
fn slug(title: &str) -> String {
    let lexicon = Lexicon::embedded();
    let words: Vec<String> = super::tokens::split_words(title)
        .into_iter()
        .map(|(s, e)| title[s..e].to_lowercase().replace(['’', '\'', '.'], ""))
        .filter(|w| !w.is_empty() && !lexicon.is_stop(w) && w.is_ascii())
        .take(4)
        .collect();
    if words.is_empty() {
        "story".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format};

    /// Id-sorted vectors of varied lengths and overlaps.
    fn sample_vectors() -> Vec<Vector> {
        (0..40u32)
            .map(|k| {
                (0..(3 + k * 7) % 200)
                    .map(|i| (i * (1 + k % 5) + k, 0.01 * ((i + k) % 13) as f32 + 0.001))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_spread_vector_gives_the_same_dot_products_as_walking_both() {
        let vectors = sample_vectors();
        let mut spread = Spread::new(&vectors);
        for a in &vectors {
            spread.set(a);
            for b in &vectors {
                assert_eq!(spread.dot(b).to_bits(), cosine(a, b).to_bits());
            }
        }
    }

    #[test]
    fn a_summed_vector_adds_by_term_and_dots_like_its_parts() {
        let vectors = sample_vectors();
        let mut sum = SummedVector::default();
        let mut expected: std::collections::BTreeMap<u32, f32> = Default::default();
        for v in &vectors[..10] {
            sum.add(v);
            for &(id, w) in v {
                *expected.entry(id).or_insert(0.0) += w;
            }
        }
        let flat: Vec<(u32, f32)> = expected.into_iter().collect();
        assert_eq!(sum, SummedVector(flat.clone()));
        // A short vector against the long sum (binary search) and two of like size (walk)
        // give the dot product of the plain lists.
        for v in &vectors {
            assert_eq!(sum.dot(v).to_bits(), cosine(&flat, v).to_bits());
        }
        let mut other = SummedVector::default();
        other.add(&vectors[20]);
        other.add(&vectors[30]);
        assert_eq!(sum.dot_sum(&other), cosine(&flat, &other.0));
        other.absorb(sum.clone());
        assert!(other.0.windows(2).all(|w| w[0].0 < w[1].0));
    }

    fn article(id: &str, date: Option<&str>, title: &str, body: &[&str]) -> Article {
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
            date: date.map(str::to_string),
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: body
                .iter()
                .map(|t| Block::new(BlockKind::Paragraph, *t))
                .collect(),
            warnings: vec![],
            dropped: vec![],
        }
    }

    #[test]
    fn titles_lose_section_labels_and_slugs_are_readable() {
        assert_eq!(
            readable_title("[Editorial] Korea should persist"),
            "Korea should persist"
        );
        assert_eq!(readable_title("[Editorial]"), "[Editorial]");
        assert_eq!(
            slug("Takaichi, Trump agree to boost deterrence"),
            "takaichi-trump-agree-boost"
        );
        assert_eq!(slug("日本"), "story");
    }

    #[test]
    fn same_text_far_apart_in_time_stays_apart() {
        let text = ["Ishiba and Trump agreed on a $1 trillion investment plan in Washington."];
        let a = article("a", Some("2025-02-08"), "Ishiba meets Trump", &text);
        let b = article("b", Some("2025-10-28"), "Ishiba meets Trump", &text);
        let c = article("c", Some("2025-10-29"), "Ishiba meets Trump", &text);
        let stories = cluster(&[a, b, c]);
        assert_eq!(stories.len(), 2);
        assert_eq!(stories[0].articles, vec![1, 2]);
        assert_eq!(stories[0].first_day.as_deref(), Some("2025-10-28"));
        assert_eq!(stories[0].last_day.as_deref(), Some("2025-10-29"));
        assert_eq!(stories[1].articles, vec![0]);
    }

    #[test]
    fn pins_join_and_separate() {
        let text = ["Ishiba and Trump agreed on a $1 trillion investment plan in Washington."];
        let mut a = article("a", Some("2025-02-08"), "Ishiba meets Trump", &text);
        let mut b = article(
            "b",
            Some("2025-10-28"),
            "Something else entirely",
            &["Rain."],
        );
        let mut c = article("c", Some("2025-02-08"), "Ishiba meets Trump", &text);
        a.story = Some("s1".into());
        b.story = Some("s1".into());
        c.story = Some("s2".into());
        let stories = cluster(&[a, b, c]);
        let s1 = stories.iter().find(|s| s.id == "s1").expect("s1");
        assert_eq!(s1.articles, vec![0, 1]);
        let s2 = stories.iter().find(|s| s.id == "s2").expect("s2");
        assert_eq!(s2.articles, vec![2]);
    }

    #[test]
    fn a_chain_of_daily_stories_does_not_become_one() {
        // Each day's text overlaps the next day's, but the whole run spans 12 days.
        let days = [
            "2025-01-01",
            "2025-01-04",
            "2025-01-07",
            "2025-01-10",
            "2025-01-13",
        ];
        let words = [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        ];
        let articles: Vec<Article> = days
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let text = format!("{} {} {}", words[k], words[k + 1], words[k + 2]);
                article(&format!("d{k}"), Some(d), "Daily report", &[&text])
            })
            .collect();
        let stories = cluster(&articles);
        assert!(stories.len() >= 2, "{stories:?}");
        for story in &stories {
            let first = story.first_day.as_deref().unwrap_or_default();
            let last = story.last_day.as_deref().unwrap_or_default();
            let span = NaiveDate::parse_from_str(last, "%Y-%m-%d").unwrap()
                - NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap();
            assert!(span.num_days() <= 7, "{story:?}");
        }
    }
}
