//! Paragraph alignment: within a story, each block of each article is matched to its best
//! counterpart in every other article, or to none when nothing is close enough.
//!
//! Similarity is the cosine of tf-idf vectors over `tokens::terms` (stemmed, synonym-folded,
//! stop words removed), with idf taken across the story's blocks so that what every article
//! says ("Trump", "Japan") weighs little and what two paragraphs share alone weighs much.
//! Numbers, names and quoted words weigh more; adjacent-term pairs add a little phrase
//! evidence. Matching does not keep order: outlets tell their points in different orders.
//!
//! `SyncMap` turns an alignment into the scroll mapping of the reader's `aligned` mode.

use super::figures::{self, FigureKind};
use super::gloss;
use super::paraphrase::{Sense, Senses};
use super::places::Places;
use super::tokens::{Lexicon, Term, TermKind};
use crate::model::{Article, BlockKind};
use serde::Serialize;
use std::collections::HashMap;

/// Tuning of the similarity. The defaults were set by reading the seed story's pairs.
#[derive(Debug, Clone, Copy)]
pub struct AlignConfig {
    /// A best counterpart scoring below this is no counterpart.
    pub threshold: f32,
    /// The same for a pair written in different languages (Korean or Japanese against English):
    /// glossed words meet their English counterparts less reliably, so more must be shared.
    /// 0.16 was read off the test fixtures (tests/crosslang.rs): the first wrong pairing there
    /// scored 0.156; on held-out articles (docs/eval/crosslang) it gave no wrong pair.
    pub cross_language_threshold: f32,
    pub name_weight: f32,
    pub number_weight: f32,
    /// Multiplier for words inside quotation marks.
    pub quoted_weight: f32,
    /// Weight of a pair of adjacent terms ("greatest alliance").
    pub bigram_weight: f32,
    /// Blocks with fewer content terms than this are too short to judge ("WHY IT MATTERS").
    pub min_terms: usize,
    /// How much paraphrase evidence (`SenseBridge`: different words sharing WordNet senses)
    /// adds to the cosine; 0 turns paraphrase matching off. At 1.0 a perfect synonym counts
    /// as much as the word itself would; on docs/eval/paraphrase anything from 1.0 to 3.0
    /// found the same pairs, 0.3–0.5 fewer.
    pub sense_weight: f32,
    /// Count a place that stands for its country ("Seoul said") as naming the country too
    /// (`places`). Off: on docs/eval/paraphrase it found one more counterpart (43/52 against
    /// 42/52) but made 2 wrong proposals and 2 false matches (a "government in Seoul"
    /// background paragraph met the wire's "South Korea" lede).
    pub place_countries: bool,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            threshold: 0.15,
            cross_language_threshold: 0.16,
            name_weight: 1.5,
            number_weight: 2.5,
            quoted_weight: 1.5,
            bigram_weight: 0.5,
            min_terms: 3,
            sense_weight: 1.0,
            place_countries: false,
        }
    }
}

/// A block's counterpart in another article.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BlockMatch {
    pub block: usize,
    pub score: f32,
    /// The score of the next-best block of the same article (0 when there is none): how
    /// clearly this one won.
    pub runner_up: f32,
}

/// Below this cosine a match is weak whatever its margin (generic paragraphs that share a
/// few story-wide words score 0.15–0.19).
pub const WEAK_SCORE: f32 = 0.2;
/// A match must beat its runner-up by this much to be a clear one (else it is drawn weak).
pub const MARGIN: f32 = 0.05;
/// A low match (below `WEAK_SCORE`) must beat its runner-up by at least this much to be
/// proposed at all. Set on the seed story's pairs, each dropped proposal read by hand: at
/// 0.02 the rule drops four wrong proposals and one true one, at 0.05 eleven wrong and four
/// true, so the stricter value is left to the dim letter.
pub const MIN_MARGIN: f32 = 0.02;

impl BlockMatch {
    /// Weak: a low cosine, or hardly better than the next-best paragraph. The reader draws
    /// such a match dim.
    pub fn is_weak(&self) -> bool {
        self.score < WEAK_SCORE || self.score - self.runner_up < MARGIN
    }

    /// The margin rule: a proposal that is both low and no clearer than its runner-up is a
    /// guess between look-alikes, not a counterpart.
    pub fn passes_margin(&self) -> bool {
        self.score >= WEAK_SCORE || self.score - self.runner_up >= MIN_MARGIN
    }
}

/// How the blocks of article `from` map onto article `to` (indexes into the corpus articles).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairAlignment {
    pub from: usize,
    pub to: usize,
    /// One entry per block of `from`.
    pub matches: Vec<Option<BlockMatch>>,
}

impl PairAlignment {
    /// The matched (from-block, to-block) pairs, in from-block order.
    pub fn pairs(&self) -> Vec<(usize, usize)> {
        self.matches
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|m| (i, m.block)))
            .collect()
    }
}

/// The alignment of every ordered pair of articles in a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryAlignment {
    /// Corpus indexes of the story's articles.
    pub articles: Vec<usize>,
    pub pairs: Vec<PairAlignment>,
    groups: Vec<Vec<BlockRef>>,
    /// When the story was too big for `MAX_ALIGN_COMPARISONS`: how many leading blocks of
    /// each article were aligned (later blocks have no counterparts).
    pub blocks_cap: Option<usize>,
}

/// One block of one article (corpus index, block index).
pub type BlockRef = (usize, usize);

impl StoryAlignment {
    pub fn pair(&self, from: usize, to: usize) -> Option<&PairAlignment> {
        self.pairs.iter().find(|p| p.from == from && p.to == to)
    }

    /// The counterpart of one block in another article, if any.
    pub fn counterpart(&self, from: usize, block: usize, to: usize) -> Option<BlockMatch> {
        self.pair(from, to)?.matches.get(block).copied().flatten()
    }

    /// Blocks that say the same thing across articles (computed by `align_story`): each
    /// group holds at most one block per article, every two members score above the
    /// threshold, and it has two or more members. The TUI marks a group's blocks alike.
    pub fn groups(&self) -> &[Vec<BlockRef>] {
        &self.groups
    }

    /// The index of the group a block belongs to, if any.
    pub fn group_of(&self, article: usize, block: usize) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.contains(&(article, block)))
    }
}

// Sparse unit-length term vectors and their cosine are shared with story clustering.
use super::cluster::{cosine, Vector};

/// What one block is compared on: its terms, and the WordNet senses of its words (keyed by
/// the byte offset of the word that carries them).
struct BlockTerms {
    terms: Vec<Term>,
    senses: Vec<(usize, Vec<Sense>)>,
}

/// Weighted term counts of one text, before idf.
/// A term said again counts less each time (1 + ln n): a paragraph that repeats "North Korea"
/// three times is not three times as much about it.
fn term_weights(block: &BlockTerms, config: &AlignConfig) -> HashMap<String, f32> {
    let terms = &block.terms;
    // key → (strongest single weight, occurrences)
    let mut seen: HashMap<String, (f32, u32)> = HashMap::new();
    for term in terms {
        let base = match term.kind {
            TermKind::Word => 1.0,
            TermKind::Name => config.name_weight,
            TermKind::Number => config.number_weight,
        };
        let w = if term.quoted {
            base * config.quoted_weight
        } else {
            base
        };
        let entry = seen.entry(term.key.clone()).or_insert((0.0, 0));
        entry.0 = entry.0.max(w);
        entry.1 += 1;
    }
    for pair in terms.windows(2) {
        let mut keys = [pair[0].key.as_str(), pair[1].key.as_str()];
        // Unordered, so "world's greatest alliance" meets "greatest alliance in the world".
        keys.sort_unstable();
        let entry = seen
            .entry(format!("{} {}", keys[0], keys[1]))
            .or_insert((0.0, 0));
        entry.0 = config.bigram_weight;
        entry.1 += 1;
    }
    seen.into_iter()
        .map(|(key, (w, n))| (key, w * (1.0 + (n as f32).ln())))
        .collect()
}

/// Build unit tf-idf vectors for a set of texts, idf taken across them; also the term ids.
fn vectorize(texts: &[BlockTerms], config: &AlignConfig) -> (Vec<Vector>, HashMap<String, u32>) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let raw: Vec<Vec<(u32, f32)>> = texts
        .iter()
        .map(|terms| {
            // Keys in a fixed order, so term ids (and float sums) are the same on every run.
            let mut weights: Vec<(String, f32)> = term_weights(terms, config).into_iter().collect();
            weights.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut v: Vec<(u32, f32)> = weights
                .into_iter()
                .map(|(key, w)| {
                    let next = ids.len() as u32;
                    (*ids.entry(key).or_insert(next), w)
                })
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            v
        })
        .collect();
    let mut df = vec![0u32; ids.len()];
    for v in &raw {
        for (id, _) in v {
            df[*id as usize] += 1;
        }
    }
    let n = texts.len().max(1) as f32;
    let vectors = raw
        .into_iter()
        .map(|v| {
            let mut v: Vector = v
                .into_iter()
                .map(|(id, w)| (id, w * (1.0 + n / df[id as usize] as f32).ln()))
                .collect();
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                for x in &mut v {
                    x.1 /= norm;
                }
            }
            v
        })
        .collect();
    (vectors, ids)
}

/// Paraphrase evidence between blocks: a soft cosine over WordNet senses. Each content term
/// with senses gets a unit vector over its synsets; a block's sense vector is the sum of its
/// terms' sense vectors, each scaled by the term's tf-idf weight. The dot product of two
/// blocks' sense vectors, less what identical terms contribute (the plain cosine counts
/// those already), is how much their *different* words mean the same: "pledged" against
/// "promised" adds about their two tf-idf weights times the overlap of their senses. The
/// unit vectors keep a word's similarity to itself at 1, so a synonym never counts more
/// than the word would.
struct SenseBridge {
    /// Per block: the summed sense vector (only synsets two different terms share).
    vectors: Vec<Vector>,
    /// Per term id: its own sense overlap (what an identical term adds to the dot product).
    self_overlap: Vec<f32>,
}

impl SenseBridge {
    fn build(texts: &[BlockTerms], ids: &HashMap<String, u32>, vectors: &[Vector]) -> SenseBridge {
        // Each term id's senses, merged over its occurrences (strongest weight).
        let mut senses_of: HashMap<u32, HashMap<u32, f32>> = HashMap::new();
        for block in texts {
            let by_start: HashMap<usize, &Vec<Sense>> =
                block.senses.iter().map(|(s, v)| (*s, v)).collect();
            for term in &block.terms {
                if term.kind == TermKind::Number {
                    continue;
                }
                let (Some(senses), Some(&id)) = (by_start.get(&term.start), ids.get(&term.key))
                else {
                    continue;
                };
                let merged = senses_of.entry(id).or_default();
                for sense in senses.iter() {
                    let w = merged.entry(sense.synset).or_insert(0.0);
                    *w = w.max(sense.weight);
                }
            }
        }
        // A synset only one term holds links nothing: leave it out (exactly, since identical
        // terms are subtracted again below).
        let mut holders: HashMap<u32, u32> = HashMap::new();
        for senses in senses_of.values() {
            for synset in senses.keys() {
                *holders.entry(*synset).or_default() += 1;
            }
        }
        let mut self_overlap = vec![0.0f32; ids.len()];
        let mut unit: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
        for (id, senses) in senses_of {
            let norm = senses.values().map(|w| w * w).sum::<f32>().sqrt();
            if norm <= 0.0 {
                continue;
            }
            let mut kept: Vec<(u32, f32)> = senses
                .into_iter()
                .filter(|(s, _)| holders.get(s).is_some_and(|&n| n >= 2))
                .map(|(s, w)| (s, w / norm))
                .collect();
            if kept.is_empty() {
                continue;
            }
            kept.sort_unstable_by_key(|x| x.0);
            self_overlap[id as usize] = kept.iter().map(|x| x.1 * x.1).sum();
            unit.insert(id, kept);
        }
        let vectors = vectors
            .iter()
            .map(|v| {
                let mut sum: HashMap<u32, f32> = HashMap::new();
                for (id, w) in v {
                    for (synset, u) in unit.get(id).into_iter().flatten() {
                        *sum.entry(*synset).or_insert(0.0) += w * u;
                    }
                }
                let mut out: Vector = sum.into_iter().collect();
                out.sort_unstable_by_key(|x| x.0);
                out
            })
            .collect();
        SenseBridge {
            vectors,
            self_overlap,
        }
    }

    /// How much blocks `a` and `b` (whose term vectors are `va`, `vb`) say alike in other words.
    fn soft(&self, a: usize, b: usize, va: &Vector, vb: &Vector) -> f32 {
        let (sa, sb) = (&self.vectors[a], &self.vectors[b]);
        if sa.is_empty() || sb.is_empty() {
            return 0.0;
        }
        let all = cosine(sa, sb);
        // Less identical terms' share, which the plain cosine already counted.
        let (mut i, mut j, mut same) = (0, 0, 0.0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    same += va[i].1 * vb[j].1 * self.self_overlap[va[i].0 as usize];
                    i += 1;
                    j += 1;
                }
            }
        }
        (all - same).max(0.0)
    }
}

/// The terms of one block plus one term per figure ("fig:$550 billion"), so that an amount
/// written "US$550 billion" in one outlet and "$550 billion" in another counts as one strong
/// shared term. Dates are left out: the day of the summit is in every paragraph's article.
fn block_terms(
    lexicon: &Lexicon,
    senses: Option<&Senses>,
    places: Option<&Places>,
    text: &str,
    year: Option<i32>,
) -> BlockTerms {
    let words = lexicon.words(text);
    let senses = senses.map_or_else(Vec::new, |s| s.of_words(&words));
    let mut terms = lexicon.fold(words);
    if let Some(places) = places {
        // Each place's country right after it, so bigrams stay as written.
        let mut with = Vec::with_capacity(terms.len());
        for term in terms {
            let countries = places.countries(std::slice::from_ref(&term));
            with.push(term);
            with.extend(countries);
        }
        terms = with;
    }
    for figure in figures::extract(text, year) {
        if figure.kind != FigureKind::Date {
            terms.push(Term {
                key: format!("fig:{}", figure.normalized),
                kind: TermKind::Number,
                quoted: false,
                start: figure.start,
                end: figure.end,
            });
        }
    }
    BlockTerms { terms, senses }
}

/// The score a pair of blocks must reach: higher when they are written in different scripts.
pub fn pair_threshold(config: &AlignConfig, a: gloss::Script, b: gloss::Script) -> f32 {
    if a == b {
        config.threshold
    } else {
        config.cross_language_threshold
    }
}

/// Block-against-block comparisons one story's alignment may make (every block of one article
/// against every block of each other, both ways). The work grows with the square of the
/// story's paragraphs: two 1,000-paragraph articles would be two million comparisons, each a
/// sparse cosine and perhaps a stored score. Past the budget each article aligns only its
/// first blocks, as many as keep the total within it.
pub const MAX_ALIGN_COMPARISONS: usize = 500_000;

/// The most leading blocks per article that keep the comparisons of articles of `lens`
/// blocks within `budget`; `None` when all of them fit. Never below one block.
pub fn blocks_cap(lens: &[usize], budget: usize) -> Option<usize> {
    let cost = |cap: usize| {
        let capped = lens.iter().map(|&l| l.min(cap));
        let total: usize = capped.clone().sum();
        let own: usize = capped.map(|l| l * l).sum();
        total.saturating_mul(total) - own // every ordered pair of different articles
    };
    let longest = lens.iter().copied().max().unwrap_or(0);
    if cost(longest) <= budget {
        return None;
    }
    // The largest cap within budget: cost grows with the cap.
    let (mut within, mut over) = (1, longest);
    while over - within > 1 {
        let mid = within + (over - within) / 2;
        if cost(mid) <= budget {
            within = mid;
        } else {
            over = mid;
        }
    }
    Some(within)
}

/// Align every ordered pair of the story's articles (`members` are corpus indexes).
pub fn align_story(articles: &[Article], members: &[usize]) -> StoryAlignment {
    align_story_with(articles, members, &AlignConfig::default())
}

pub fn align_story_with(
    articles: &[Article],
    members: &[usize],
    config: &AlignConfig,
) -> StoryAlignment {
    let lexicon = Lexicon::embedded();
    // The sense table loads only when paraphrase matching is on.
    let senses = (config.sense_weight > 0.0).then(Senses::embedded);
    let places = config.place_countries.then(Places::embedded);
    let mut texts = Vec::new();
    let mut scripts = Vec::new();
    let mut spans = Vec::new(); // (first vector index, block count) per member
    for &a in members {
        let blocks = &articles[a].blocks;
        spans.push((texts.len(), blocks.len()));
        let year = articles[a]
            .day()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        texts.extend(
            blocks
                .iter()
                .map(|b| block_terms(lexicon, senses, places, &b.text, year)),
        );
        scripts.extend(blocks.iter().map(|b| gloss::script(&b.text)));
    }
    let lens: Vec<usize> = spans.iter().map(|&(_, len)| len).collect();
    let cap = blocks_cap(&lens, MAX_ALIGN_COMPARISONS);
    // Blocks past the cap are never compared: they get no counterpart.
    let mut judged: Vec<bool> = texts
        .iter()
        .map(|t| t.terms.len() >= config.min_terms)
        .collect();
    if let Some(cap) = cap {
        for &(first, len) in &spans {
            judged[first + cap.min(len)..first + len].fill(false);
        }
    }
    let (vectors, ids) = vectorize(&texts, config);
    let bridge = senses.map(|_| SenseBridge::build(&texts, &ids, &vectors));
    let mut pairs = Vec::new();
    // Every cross-article block pair above the threshold, keyed (smaller ref, larger ref).
    let mut scores: HashMap<(BlockRef, BlockRef), f32> = HashMap::new();
    for (x, &from) in members.iter().enumerate() {
        for (y, &to) in members.iter().enumerate() {
            if x == y {
                continue;
            }
            let (fs, fl) = spans[x];
            let (ts, tl) = spans[y];
            let judged_to: Vec<usize> = (0..tl).filter(|&j| judged[ts + j]).collect();
            let matches = (0..fl)
                .map(|i| {
                    if !judged[fs + i] {
                        return None;
                    }
                    let from_kind = articles[from].blocks[i].kind;
                    let mut best: Option<BlockMatch> = None;
                    let mut runner_up = 0.0f32;
                    for &j in &judged_to {
                        let to_kind = articles[to].blocks[j].kind;
                        let (a, b) = (&vectors[fs + i], &vectors[ts + j]);
                        let mut score = cosine(a, b);
                        if let Some(bridge) = &bridge {
                            score += config.sense_weight * bridge.soft(fs + i, ts + j, a, b);
                        }
                        // A heading answers a heading; against body text it is only a hint.
                        if (from_kind == BlockKind::Heading) != (to_kind == BlockKind::Heading) {
                            score *= 0.5;
                        }
                        if score >= pair_threshold(config, scripts[fs + i], scripts[ts + j]) {
                            let (a, b) = ((from, i), (to, j));
                            scores.insert((a.min(b), a.max(b)), score);
                        }
                        // Ties go to the earlier block.
                        match best {
                            Some(b) if score <= b.score => runner_up = runner_up.max(score),
                            _ => {
                                runner_up = runner_up.max(best.map_or(0.0, |b| b.score));
                                best = Some(BlockMatch {
                                    block: j,
                                    score,
                                    runner_up: 0.0,
                                });
                            }
                        }
                    }
                    best.map(|b| BlockMatch { runner_up, ..b }).filter(|m| {
                        m.score >= pair_threshold(config, scripts[fs + i], scripts[ts + m.block])
                            && m.passes_margin()
                    })
                })
                .collect();
            pairs.push(PairAlignment { from, to, matches });
        }
    }
    let groups = build_groups(&pairs, &scores, members);
    StoryAlignment {
        articles: members.to_vec(),
        pairs,
        groups,
        blocks_cap: cap,
    }
}

/// Group blocks that say the same thing: best-match links, strongest first; a
/// block (or another group) joins only if it scores above the threshold with every member and
/// brings no second block of an article already there (complete link). This keeps a generic
/// paragraph ("the alliance matters for regional security") from chaining unrelated points.
fn build_groups(
    pairs: &[PairAlignment],
    scores: &HashMap<(BlockRef, BlockRef), f32>,
    members: &[usize],
) -> Vec<Vec<BlockRef>> {
    // Pairs by (from, to): a linear search per link made big stories cubic.
    let by_ends: HashMap<(usize, usize), &PairAlignment> =
        pairs.iter().map(|p| ((p.from, p.to), p)).collect();
    let best = |from: usize, block: usize, to: usize| -> Option<BlockMatch> {
        by_ends
            .get(&(from, to))
            .and_then(|p| p.matches.get(block).copied().flatten())
    };
    let score = |a: BlockRef, b: BlockRef| scores.get(&(a.min(b), a.max(b))).copied();
    let mut edges: Vec<(f32, BlockRef, BlockRef)> = Vec::new();
    for pair in pairs {
        for (i, m) in pair.matches.iter().enumerate() {
            let Some(m) = m else { continue };
            let (a, b) = ((pair.from, i), (pair.to, m.block));
            // Each link once; a mutual best match is listed from both sides, keep one.
            let mutual = best(pair.to, m.block, pair.from).is_some_and(|x| x.block == i);
            if !mutual || a < b {
                edges.push((m.score, a.min(b), a.max(b)));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let fits = |group: &[BlockRef], new: &[BlockRef]| {
        new.iter()
            .all(|n| group.iter().all(|g| g.0 != n.0 && score(*g, *n).is_some()))
    };
    let mut group_of: HashMap<BlockRef, usize> = HashMap::new();
    let mut groups: Vec<Vec<BlockRef>> = Vec::new();
    for (_, a, b) in edges {
        match (group_of.get(&a).copied(), group_of.get(&b).copied()) {
            (None, None) => {
                group_of.insert(a, groups.len());
                group_of.insert(b, groups.len());
                groups.push(vec![a, b]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let new = if group_of.contains_key(&a) { b } else { a };
                if fits(&groups[g], &[new]) {
                    group_of.insert(new, g);
                    groups[g].push(new);
                }
            }
            (Some(g), Some(h)) if g != h && fits(&groups[g], &groups[h]) => {
                let moved = std::mem::take(&mut groups[h]);
                for r in &moved {
                    group_of.insert(*r, g);
                }
                groups[g].extend(moved);
            }
            _ => {}
        }
    }
    let order: HashMap<usize, usize> = members.iter().enumerate().map(|(k, &a)| (a, k)).collect();
    let rank = |r: &BlockRef| (order.get(&r.0).copied().unwrap_or(usize::MAX), r.1);
    let mut groups: Vec<Vec<BlockRef>> = groups.into_iter().filter(|g| g.len() > 1).collect();
    for group in &mut groups {
        group.sort_by_key(rank);
    }
    groups.sort_by_key(|g| g.first().map(rank));
    groups
}

/// A reading position: a block and how far through it (0.0 = its top, 1.0 = its bottom).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BlockPos {
    pub block: usize,
    pub fraction: f32,
}

impl BlockPos {
    /// The position of display line `line` in a pane whose blocks start at the display lines
    /// `block_starts` (ascending, first 0) and which has `total` lines in all.
    pub fn from_line(line: usize, block_starts: &[usize], total: usize) -> BlockPos {
        let Some(last) = block_starts.len().checked_sub(1) else {
            return BlockPos {
                block: 0,
                fraction: 0.0,
            };
        };
        let block = block_starts
            .partition_point(|&s| s <= line)
            .saturating_sub(1);
        let start = block_starts[block];
        let end = if block == last {
            total
        } else {
            block_starts[block + 1]
        };
        let height = end.saturating_sub(start).max(1);
        BlockPos {
            block,
            fraction: ((line.saturating_sub(start)) as f32 / height as f32).min(1.0),
        }
    }

    /// The display line of this position (the inverse of `from_line`, rounded down).
    pub fn to_line(self, block_starts: &[usize], total: usize) -> usize {
        let Some(&start) = block_starts.get(self.block) else {
            return total.saturating_sub(1);
        };
        let end = block_starts.get(self.block + 1).copied().unwrap_or(total);
        let height = end.saturating_sub(start);
        let line = start + (self.fraction.clamp(0.0, 1.0) * height as f32).floor() as usize;
        line.min(end.saturating_sub(1).max(start))
    }
}

/// The scroll mapping of `aligned` sync mode from article A to article B.
///
/// Positions are continuous: block `i` covers `[i, i+1)`. Each matched block of A maps onto
/// its counterpart in B, so counterparts stand level. Between two matched blocks of A, the
/// unmatched stretch of A maps linearly onto the stretch of B between their counterparts (as
/// meld does between matched chunks); when that stretch of B is empty or runs backwards (the
/// outlets tell the points in another order), B holds still at the end of the previous
/// counterpart while A scrolls on. Before the first and after the last match, the stretches
/// before and after map the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncMap {
    /// (A block, B block) for every matched block of A, in A order.
    anchors: Vec<(usize, usize)>,
    len_a: usize,
    len_b: usize,
}

impl SyncMap {
    pub fn new(pair: &PairAlignment, len_a: usize, len_b: usize) -> SyncMap {
        SyncMap::from_pairs(pair.pairs(), len_a, len_b)
    }

    /// Like `new`, but keeping only the strongest order-preserving chain of matches (the
    /// heaviest increasing subsequence by score): both panes always scroll forward together
    /// and never jump, at the price of reordered counterparts not standing level (the reader
    /// can still jump to them). For a "smooth" variant of the sync mode.
    pub fn monotone(pair: &PairAlignment, len_a: usize, len_b: usize) -> SyncMap {
        let matches: Vec<(usize, usize, f32)> = pair
            .matches
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|m| (i, m.block, m.score)))
            .collect();
        SyncMap::from_pairs(heaviest_chain(&matches), len_a, len_b)
    }

    /// From explicit (A block, B block) pairs; pairs out of range are ignored.
    pub fn from_pairs(mut pairs: Vec<(usize, usize)>, len_a: usize, len_b: usize) -> SyncMap {
        pairs.retain(|&(a, b)| a < len_a && b < len_b);
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        SyncMap {
            anchors: pairs,
            len_a,
            len_b,
        }
    }

    /// The position in B that should stand level with `pos` in A.
    pub fn map(&self, pos: BlockPos) -> BlockPos {
        if self.len_a == 0 || self.len_b == 0 {
            return BlockPos {
                block: 0,
                fraction: 0.0,
            };
        }
        let x = (pos.block as f64 + pos.fraction.clamp(0.0, 1.0) as f64).min(self.len_a as f64);
        // Inside a matched block: the same fraction of its counterpart.
        let at = self
            .anchors
            .partition_point(|&(a, _)| (a as f64) + 1.0 <= x);
        if let Some(&(a, b)) = self.anchors.get(at) {
            if (a as f64) <= x {
                return from_continuous(b as f64 + (x - a as f64), self.len_b);
            }
        }
        // In the gap before anchors[at] (or after the last): [a0+1, a1) of A onto [b0+1, b1) of B.
        let (a0, b0) = match at.checked_sub(1).map(|k| self.anchors[k]) {
            Some((a, b)) => (a as f64 + 1.0, b as f64 + 1.0),
            None => (0.0, 0.0),
        };
        let (a1, b1) = match self.anchors.get(at) {
            Some(&(a, b)) => (a as f64, b as f64),
            None => (self.len_a as f64, self.len_b as f64),
        };
        let y = if b1 > b0 && a1 > a0 {
            b0 + (x - a0) / (a1 - a0) * (b1 - b0)
        } else {
            b0
        };
        from_continuous(y, self.len_b)
    }
}

/// The heaviest chain of (a, b, weight) strictly increasing in both a and b (O(n²): n is
/// the number of matched blocks of one article).
fn heaviest_chain(matches: &[(usize, usize, f32)]) -> Vec<(usize, usize)> {
    let n = matches.len();
    let mut best = vec![0.0f32; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        best[i] = matches[i].2;
        for j in 0..i {
            let increasing = matches[j].0 < matches[i].0 && matches[j].1 < matches[i].1;
            if increasing && best[j] + matches[i].2 > best[i] {
                best[i] = best[j] + matches[i].2;
                prev[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by(|&x, &y| best[x].total_cmp(&best[y])) else {
        return Vec::new();
    };
    let mut chain = vec![(matches[at].0, matches[at].1)];
    while prev[at] != usize::MAX {
        at = prev[at];
        chain.push((matches[at].0, matches[at].1));
    }
    chain.reverse();
    chain
}

fn from_continuous(y: f64, len: usize) -> BlockPos {
    let y = y.clamp(0.0, len as f64);
    if y >= len as f64 {
        return BlockPos {
            block: len - 1,
            fraction: 1.0,
        };
    }
    let block = y.floor() as usize;
    BlockPos {
        block,
        fraction: (y - block as f64) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(block: usize, fraction: f32) -> BlockPos {
        BlockPos { block, fraction }
    }

    #[test]
    fn matched_blocks_stand_level() {
        let map = SyncMap::from_pairs(vec![(0, 0), (2, 5)], 4, 8);
        assert_eq!(map.map(pos(0, 0.5)), pos(0, 0.5));
        assert_eq!(map.map(pos(2, 0.0)), pos(5, 0.0));
        assert_eq!(map.map(pos(2, 0.25)), pos(5, 0.25));
    }

    #[test]
    fn gaps_interpolate_linearly() {
        // A block 1 (unmatched) sits between anchors 0→0 and 2→5: A [1,2) maps onto B [1,5).
        let map = SyncMap::from_pairs(vec![(0, 0), (2, 5)], 4, 8);
        assert_eq!(map.map(pos(1, 0.0)), pos(1, 0.0));
        assert_eq!(map.map(pos(1, 0.5)), pos(3, 0.0));
        assert_eq!(map.map(pos(1, 0.75)), pos(4, 0.0));
        // After the last anchor: A [3,4) onto B [6,8).
        assert_eq!(map.map(pos(3, 0.5)), pos(7, 0.0));
        assert_eq!(map.map(pos(3, 1.0)), pos(7, 1.0));
    }

    #[test]
    fn unmatched_stretch_holds_still_when_b_has_nothing_between() {
        // A blocks 1..3 are unmatched; B goes straight from block 0 to block 1.
        let map = SyncMap::from_pairs(vec![(0, 0), (4, 1)], 6, 3);
        for p in [pos(1, 0.0), pos(2, 0.3), pos(3, 0.9)] {
            assert_eq!(map.map(p), pos(1, 0.0), "{p:?}");
        }
        assert_eq!(map.map(pos(4, 0.5)), pos(1, 0.5));
    }

    #[test]
    fn reordered_points_jump_and_hold() {
        // The story's order differs: A 1 → B 4, then A 3 → B 0. Between them B would run
        // backwards, so it holds at the end of B 4.
        let map = SyncMap::from_pairs(vec![(1, 4), (3, 0)], 5, 6);
        assert_eq!(map.map(pos(1, 0.5)), pos(4, 0.5));
        assert_eq!(map.map(pos(2, 0.5)), pos(5, 0.0));
        assert_eq!(map.map(pos(3, 0.0)), pos(0, 0.0));
        // Before the first anchor: A [0,1) onto B [0,4).
        assert_eq!(map.map(pos(0, 0.5)), pos(2, 0.0));
    }

    #[test]
    fn no_anchors_scrolls_proportionally_and_empty_is_safe() {
        let map = SyncMap::from_pairs(vec![], 4, 8);
        assert_eq!(map.map(pos(2, 0.0)), pos(4, 0.0));
        let empty = SyncMap::from_pairs(vec![(0, 0)], 0, 3);
        assert_eq!(empty.map(pos(5, 0.5)), pos(0, 0.0));
        // Out-of-range pairs are dropped; out-of-range positions clamp.
        let map = SyncMap::from_pairs(vec![(9, 9)], 2, 2);
        assert_eq!(map.map(pos(7, 0.0)), pos(1, 1.0));
    }

    fn story_article(id: &str, blocks: &[&str]) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: crate::model::Format::Text,
            title: id.into(),
            outlet: None,
            perspective: "wire".into(),
            perspective_reason: "test".into(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: None,
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: blocks
                .iter()
                .map(|t| crate::model::Block::new(BlockKind::Paragraph, t.to_string()))
                .collect(),
            warnings: vec![],
            dropped: vec![],
        }
    }

    #[test]
    fn blocks_cap_keeps_the_comparisons_within_budget() {
        // Two articles of 800: 2·n² comparisons, so 500 blocks each fit 500,000.
        assert_eq!(blocks_cap(&[800, 800], 500_000), Some(500));
        assert_eq!(blocks_cap(&[10, 10, 10], 500_000), None);
        assert_eq!(blocks_cap(&[], 500_000), None);
        // A thousand one-block articles are over budget even at one block: never below one.
        assert_eq!(blocks_cap(&[1; 1000], 500_000), Some(1));
        // A short article keeps all its blocks under a cap that binds the long one: from
        // 100 up, cap n costs 2·100·n, so 500 fits 100,000 exactly and 501 does not.
        assert_eq!(blocks_cap(&[100, 1000], 100_000), Some(500));
    }

    #[test]
    fn blocks_past_the_cap_get_no_counterpart() {
        let texts: Vec<String> = (0..800)
            .map(|i| {
                format!("The delegation {i} discussed shipbuilding tariffs worth {i} won in Tokyo")
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let articles = vec![story_article("a", &texts), story_article("b", &texts)];
        let alignment = align_story(&articles, &[0, 1]);
        assert_eq!(alignment.blocks_cap, Some(500));
        let pair = alignment.pair(0, 1).expect("pair");
        assert_eq!(pair.matches.len(), 800, "every block keeps its slot");
        assert!(pair.matches[..500].iter().any(Option::is_some));
        assert!(pair.matches[500..].iter().all(Option::is_none));
        assert!(pair.matches[..500].iter().flatten().all(|m| m.block < 500));
    }

    #[test]
    fn weak_and_margin_rules() {
        let m = |score, runner_up| BlockMatch {
            block: 0,
            score,
            runner_up,
        };
        // Strong and clear.
        assert!(!m(0.5, 0.1).is_weak() && m(0.5, 0.1).passes_margin());
        // Strong but a near tie: kept, drawn weak.
        assert!(m(0.5, 0.48).is_weak() && m(0.5, 0.48).passes_margin());
        // Low but clear: kept, drawn weak.
        assert!(m(0.17, 0.0).is_weak() && m(0.17, 0.0).passes_margin());
        // Low and no clearer than the next: no counterpart.
        assert!(!m(0.17, 0.16).passes_margin());
        // Low, a little clearer: proposed, but drawn weak.
        assert!(m(0.17, 0.14).passes_margin() && m(0.17, 0.14).is_weak());
    }

    #[test]
    fn a_low_proposal_that_ties_its_runner_up_is_dropped() {
        // Block 0 of `a` shares two words with two look-alike blocks of `b`: a low tie (0.17).
        // Block 1 says the same as `b` block 2: a clear match.
        let a = story_article(
            "a",
            &[
                "alliance partners region cooperation dialogue",
                "tariff cuts automobiles semiconductors agreed summit",
            ],
        );
        let b = story_article(
            "b",
            &[
                "alliance partners weather baseball stadium typhoon crowd",
                "alliance partners weather baseball stadium typhoon crowd",
                "tariff cuts automobiles semiconductors agreed summit",
            ],
        );
        let alignment = align_story(&[a, b], &[0, 1]);
        let pair = alignment.pair(0, 1).expect("the pair");
        assert_eq!(pair.matches[0], None, "{:?}", pair.matches);
        let clear = pair.matches[1].expect("a clear match");
        assert_eq!(clear.block, 2);
        assert!(!clear.is_weak());
    }

    #[test]
    fn paraphrased_counterparts_meet_through_shared_senses() {
        // a#0 and b#1 say the same in other words; a#1 and b#0 have no counterpart.
        let a = story_article(
            "a",
            &[
                "Trade negotiations in Geneva broke down as delegates pledged further \
                 retaliation over automobile duties",
                "A typhoon flooded the baseball stadium and fans waited in the rain",
            ],
        );
        let b = story_article(
            "b",
            &[
                "The central bank kept interest rates unchanged and the currency weakened",
                "The Geneva talks collapsed and officials promised more reprisals over car \
                 tariffs",
                "Farmers expect a record rice harvest despite the dry summer",
            ],
        );
        let articles = [a, b];
        let with = align_story(&articles, &[0, 1]);
        let found = with.counterpart(0, 0, 1).expect("the paraphrase is found");
        assert_eq!(found.block, 1);
        assert_eq!(with.counterpart(1, 1, 0).map(|m| m.block), Some(0));
        // Without senses only "Geneva" is shared: no counterpart.
        let plain = AlignConfig {
            sense_weight: 0.0,
            ..AlignConfig::default()
        };
        let without = align_story_with(&articles, &[0, 1], &plain);
        assert_eq!(without.counterpart(0, 0, 1), None);
        // The unrelated paragraphs stay unmatched either way.
        assert_eq!(with.counterpart(0, 1, 1), None);
        assert_eq!(with.counterpart(1, 0, 0), None);
        assert_eq!(with.counterpart(1, 2, 0), None);
    }

    /// Own fixtures (not the held-out set): counterparts that meet only when a capital stands
    /// for its country or a count is spelled out.
    #[test]
    fn capitals_meet_their_countries_and_spelled_counts_their_digits() {
        let a = story_article(
            "a",
            &[
                "Seoul and Manila signed a fisheries accord covering the disputed shoals",
                "The ministers spoke by telephone for half an hour about a dozen stranded trawlers",
                "Heavy snow closed the mountain passes and schools stayed shut",
            ],
        );
        let b = story_article(
            "b",
            &[
                "Exporters expect the currency to weaken against the dollar",
                "South Korea and the Philippines signed a fisheries accord covering the disputed shoals",
                "The ministers held a 30 minutes telephone call about 12 stranded trawlers",
            ],
        );
        let articles = [a, b];
        let places = AlignConfig {
            place_countries: true,
            ..AlignConfig::default()
        };
        let with = align_story_with(&articles, &[0, 1], &places);
        assert_eq!(with.counterpart(0, 0, 1).map(|m| m.block), Some(1));
        assert_eq!(with.counterpart(0, 1, 1).map(|m| m.block), Some(2));
        assert_eq!(with.counterpart(0, 2, 1), None);
        assert_eq!(with.counterpart(1, 0, 0), None);
        // The capitals' part (off by default): without it the accord paragraphs share less.
        let plain = align_story(&articles, &[0, 1]);
        assert_eq!(plain.counterpart(0, 1, 1).map(|m| m.block), Some(2));
        let score = |al: &StoryAlignment| al.counterpart(0, 0, 1).map_or(0.0, |m| m.score);
        assert!(
            score(&with) > score(&plain),
            "{} vs {}",
            score(&with),
            score(&plain)
        );
    }

    #[test]
    fn monotone_map_keeps_the_heaviest_ordered_chain() {
        let m = |block, score| {
            Some(BlockMatch {
                block,
                score,
                runner_up: 0.0,
            })
        };
        let pair = PairAlignment {
            from: 0,
            to: 1,
            // A0→B0, A1→B4 (out of order, weak), A2→B1, A3→B2.
            matches: vec![m(0, 0.5), m(4, 0.2), m(1, 0.3), m(2, 0.4)],
        };
        let map = SyncMap::monotone(&pair, 4, 6);
        assert_eq!(map.anchors, vec![(0, 0), (2, 1), (3, 2)]);
        // A1 is now an unmatched stretch between A0→B0 and A2→B1: B holds at its block 1.
        assert_eq!(map.map(pos(1, 0.5)), pos(1, 0.0));
        // A strong out-of-order match wins over a weak ordered one.
        let pair = PairAlignment {
            from: 0,
            to: 1,
            matches: vec![m(3, 0.9), m(0, 0.1)],
        };
        assert_eq!(SyncMap::monotone(&pair, 2, 4).anchors, vec![(0, 3)]);
    }

    #[test]
    fn display_lines_to_positions_and_back() {
        // Three blocks of 4, 2 and 6 lines (a blank line between blocks belongs to the block
        // above, as the reader lays them out).
        let starts = [0, 4, 6];
        let total = 12;
        assert_eq!(BlockPos::from_line(0, &starts, total), pos(0, 0.0));
        assert_eq!(BlockPos::from_line(2, &starts, total), pos(0, 0.5));
        assert_eq!(BlockPos::from_line(5, &starts, total), pos(1, 0.5));
        assert_eq!(BlockPos::from_line(9, &starts, total), pos(2, 0.5));
        assert_eq!(BlockPos::from_line(40, &starts, total), pos(2, 1.0));
        for line in 0..total {
            assert_eq!(
                BlockPos::from_line(line, &starts, total).to_line(&starts, total),
                line
            );
        }
        // The end of a block is its last line, not the next block's first.
        assert_eq!(pos(1, 1.0).to_line(&starts, total), 5);
        assert_eq!(pos(7, 0.0).to_line(&starts, total), 11);
        assert_eq!(BlockPos::from_line(3, &[], 0), pos(0, 0.0));
    }

    #[test]
    fn cosine_of_sparse_vectors() {
        let a: Vector = vec![(1, 0.6), (3, 0.8)];
        let b: Vector = vec![(0, 1.0)];
        assert_eq!(cosine(&a, &b), 0.0);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
    }
}
