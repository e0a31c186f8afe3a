//! Inference from the corpus: the articles placed by outlet rules, the manifest and the reader
//! train a small multinomial naive Bayes model (words and CJK character pairs) that places the
//! articles nothing else placed — only when it is confident. Otherwise the article stays in
//! `other` and its reason gains the model's best guess.

use crate::model::Article;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The posterior a guess needs to place an article.
pub const PLACE_POSTERIOR: f64 = 0.9;
/// Naive Bayes posteriors are extreme on any long text; the mean per-word margin (nats) over
/// the runner-up is the steadier measure of how distinct the article's wording is.
pub const PLACE_MARGIN: f64 = 0.5;
/// Each perspective needs this many training articles, and at least two perspectives must be
/// represented, before the model speaks at all.
pub const MIN_PER_CLASS: usize = 3;
/// To *place* an article, every perspective the model knows needs this many training
/// articles: with fewer, posteriors still come out near 100 % (naive Bayes on long texts),
/// and 16 placed articles once put a Yonhap digest under Wire at "100 %".
pub const MIN_PER_CLASS_TO_PLACE: usize = 10;
/// Training articles read per perspective, at most: a model of wording learns little from
/// the 3,001st article, and reading every one of a large corpus cost more than all the
/// outlet rules together. Taken evenly from the whole range, so the sample is stable.
pub const MAX_TRAINING_PER_CLASS: usize = 600;
/// Tokens read per article: enough for a model of style, bounded for large inputs.
const MAX_TOKENS: usize = 3000;

/// A token (a lower-cased ASCII word of 3+ characters, or a pair of adjacent CJK characters)
/// as a 64-bit FNV-1a hash of its bytes. Ten thousand articles make millions of tokens: as
/// `String`s each was an allocation and every model lookup hashed the text again. Two tokens
/// sharing a hash is a 1-in-2^64 event per pair, and would merely merge their counts.
type Token = u64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

fn fnv_char(mut hash: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        hash = fnv_byte(hash, b);
    }
    hash
}

/// Tokens are hashes already: the map uses them as they are.
#[derive(Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_byte(self.0, b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type TokenMap<V> = HashMap<Token, V, BuildHasherDefault<PreHashed>>;

/// Walk the article's tokens in order, calling `emit` with each token's hash and a way to
/// spell it (only the reason needs the spelling, for three tokens of a few articles).
fn scan(article: &Article, mut emit: impl FnMut(Token, &dyn Fn() -> String)) {
    let mut emitted = 0usize;
    for block in &article.blocks {
        let text = block.text.as_str();
        let mut word_hash = FNV_OFFSET;
        let mut word_start: Option<usize> = None;
        let mut prev_cjk: Option<char> = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let cjk = matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3);
            if cjk {
                if let Some(p) = prev_cjk {
                    let hash = fnv_char(fnv_char(FNV_OFFSET, p), c);
                    emit(hash, &|| format!("{p}{c}"));
                    emitted += 1;
                }
                prev_cjk = Some(c);
            } else {
                prev_cjk = None;
            }
            if c.is_ascii_alphanumeric() {
                word_start.get_or_insert(at);
                word_hash = fnv_byte(word_hash, c.to_ascii_lowercase() as u8);
            } else {
                if let Some(start) = word_start.take() {
                    // ASCII only, so bytes are characters.
                    if at - start >= 3 {
                        let word = &text[start..at];
                        emit(word_hash, &|| word.to_ascii_lowercase());
                        emitted += 1;
                    }
                }
                word_hash = FNV_OFFSET;
            }
        }
        // As before: the cap is checked after each block, the list cut to it.
        if emitted >= MAX_TOKENS {
            break;
        }
    }
}

fn tokens(article: &Article) -> Vec<Token> {
    let mut out = Vec::new();
    scan(article, |t, _| out.push(t));
    out.truncate(MAX_TOKENS);
    out
}

/// The spelling of each of `wanted` in the article.
fn spell(article: &Article, wanted: &[Token]) -> Vec<String> {
    let mut found: Vec<Option<String>> = vec![None; wanted.len()];
    scan(article, |t, spelling| {
        if let Some(i) = wanted.iter().position(|&w| w == t) {
            if found[i].is_none() {
                found[i] = Some(spelling());
            }
        }
    });
    found.into_iter().flatten().collect()
}

struct Model {
    classes: Vec<String>,
    prior: Vec<f64>,
    /// Token → its row in `log_likelihood`.
    rows: TokenMap<usize>,
    /// ln P(token | class), Laplace-smoothed: one row of `classes.len()` per known token.
    log_likelihood: Vec<f64>,
    /// ln P(token | class) of a token no training article had.
    unseen: Vec<f64>,
    /// How many placed articles it learnt from (thin perspectives left out).
    trained: usize,
    /// The fewest training articles of any of its perspectives.
    thinnest: usize,
}

impl Model {
    fn train(docs: &[(String, Vec<Token>)]) -> Option<Model> {
        let mut classes: Vec<String> = docs.iter().map(|(c, _)| c.clone()).collect();
        classes.sort();
        classes.dedup();
        // A perspective with too few examples is left out rather than silencing the model:
        // one correction into a perspective nothing else placed must not stop inference.
        classes.retain(|c| docs.iter().filter(|(d, _)| d == c).count() >= MIN_PER_CLASS);
        let sizes: Vec<usize> = classes
            .iter()
            .map(|c| docs.iter().filter(|(d, _)| d == c).count())
            .collect();
        if classes.len() < 2 {
            return None;
        }
        let width = classes.len();
        let mut rows: TokenMap<usize> = TokenMap::default();
        let mut counts: Vec<u32> = Vec::new();
        let mut totals = vec![0u64; width];
        for (class, words) in docs {
            let Some(k) = classes.iter().position(|c| c == class) else {
                continue;
            };
            for &w in words {
                let next = rows.len();
                let row = *rows.entry(w).or_insert(next);
                if row == next {
                    counts.resize(counts.len() + width, 0);
                }
                counts[row * width + k] += 1;
                totals[k] += 1;
            }
        }
        let vocabulary = rows.len() as f64 + 1.0;
        let denominators: Vec<f64> = totals.iter().map(|&t| t as f64 + vocabulary).collect();
        let log_likelihood = counts
            .iter()
            .enumerate()
            .map(|(i, &n)| ((f64::from(n) + 1.0) / denominators[i % width]).ln())
            .collect();
        let n = sizes.iter().sum::<usize>() as f64;
        Some(Model {
            prior: sizes.iter().map(|&s| (s as f64 / n).ln()).collect(),
            unseen: denominators.iter().map(|d| (1.0 / d).ln()).collect(),
            classes,
            rows,
            log_likelihood,
            trained: sizes.iter().sum(),
            thinnest: sizes.iter().copied().min().unwrap_or(0),
        })
    }

    /// The log-likelihoods of one token, one per class.
    fn likelihoods(&self, w: Token) -> &[f64] {
        let width = self.classes.len();
        match self.rows.get(&w) {
            Some(&row) => &self.log_likelihood[row * width..(row + 1) * width],
            None => &self.unseen,
        }
    }

    /// The best class, its posterior, the mean per-word log-likelihood margin over the
    /// runner-up, and the (up to three) tokens that pulled most toward it.
    fn predict(&self, words: &[Token]) -> (usize, f64, f64, Vec<Token>) {
        let width = self.classes.len();
        // The words' sum first, then the prior: the same additions in the same order as the
        // per-class sums this replaced, so no placement moves by a rounding.
        let mut scores = vec![0.0f64; width];
        for &w in words {
            for (score, l) in scores.iter_mut().zip(self.likelihoods(w)) {
                *score += l;
            }
        }
        for (score, prior) in scores.iter_mut().zip(&self.prior) {
            // (Addition is commutative in IEEE 754: this is exactly prior + sum.)
            *score += prior;
        }
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
        let sum: f64 = exp.iter().sum();
        let best = (0..exp.len())
            .max_by(|&a, &b| exp[a].total_cmp(&exp[b]))
            .unwrap_or(0);
        // Each distinct token's pull toward the best class over the strongest other; the
        // three strongest, ties going to the token met first (as a stable sort gave).
        let mut seen: TokenMap<()> = TokenMap::default();
        let mut top: Vec<(f64, Token)> = Vec::with_capacity(4);
        for &w in words {
            if seen.insert(w, ()).is_some() {
                continue;
            }
            let l = self.likelihoods(w);
            let others = (0..width)
                .filter(|&k| k != best)
                .map(|k| l[k])
                .fold(f64::NEG_INFINITY, f64::max);
            let pull = l[best] - others;
            let at = top.iter().position(|&(p, _)| pull > p).unwrap_or(top.len());
            if at < 3 {
                top.insert(at, (pull, w));
                top.truncate(3);
            }
        }
        let runner_up = (0..scores.len())
            .filter(|&k| k != best)
            .map(|k| scores[k])
            .fold(f64::NEG_INFINITY, f64::max);
        let margin = (scores[best] - runner_up) / words.len().max(1) as f64;
        let top = top.into_iter().map(|(_, w)| w).collect();
        (best, exp[best] / sum.max(f64::MIN_POSITIVE), margin, top)
    }
}

/// Place the unplaced (`perspective_source` `none`) articles that the corpus' placed ones
/// say, with confidence, belong somewhere.
pub fn infer(articles: &mut [Article]) {
    if !articles.iter().any(|a| a.perspective_source == "none") {
        return;
    }
    let training: Vec<&Article> = articles
        .iter()
        .filter(|a| {
            matches!(
                a.perspective_source.as_str(),
                "rule" | "manifest" | "subscription" | "user"
            )
        })
        .filter(|a| a.perspective != super::classify::OTHER)
        .collect();
    let docs: Vec<(String, Vec<Token>)> = sample_per_class(&training, MAX_TRAINING_PER_CLASS)
        .into_iter()
        .map(|a| (a.perspective.clone(), tokens(a)))
        .collect();
    let Some(model) = Model::train(&docs) else {
        return;
    };
    for article in articles
        .iter_mut()
        .filter(|a| a.perspective_source == "none")
    {
        let words = tokens(article);
        if words.is_empty() {
            continue;
        }
        let (best, posterior, margin, top) = model.predict(&words);
        let class = &model.classes[best];
        let guess = format!(
            "{:.0} % {class} from {} placed articles ({})",
            posterior * 100.0,
            model.trained,
            spell(article, &top).join(", ")
        );
        let enough = model.thinnest >= MIN_PER_CLASS_TO_PLACE;
        if enough && posterior >= PLACE_POSTERIOR && margin >= PLACE_MARGIN {
            article.perspective = class.clone();
            article.perspective_reason = format!("inferred: {guess}");
            article.perspective_source = "inferred".into();
            article.perspective_confidence = (posterior * 100.0).round() / 100.0;
        } else {
            article.perspective_reason =
                format!("{}; corpus guess {guess}", article.perspective_reason);
        }
    }
}

/// At most `cap` articles of each perspective, spread evenly over its articles in order;
/// the reader's own placements are always kept.
fn sample_per_class<'a>(articles: &[&'a Article], cap: usize) -> Vec<&'a Article> {
    let mut by_class: std::collections::BTreeMap<&str, Vec<&'a Article>> = Default::default();
    for &a in articles {
        by_class.entry(a.perspective.as_str()).or_default().push(a);
    }
    let mut out = Vec::new();
    for members in by_class.values() {
        let n = members.len();
        for (i, &a) in members.iter().enumerate() {
            // The i-th is taken when it starts a new step of n / cap.
            let taken = n <= cap || (i * cap) / n != ((i + 1) * cap) / n;
            if taken || a.perspective_source == "user" {
                out.push(a);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format};

    fn article(id: &str, perspective: &str, source: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: id.into(),
            outlet: None,
            perspective: perspective.into(),
            perspective_reason: "test".into(),
            perspective_source: source.into(),
            perspective_confidence: 0.0,
            language: None,
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: vec![Block::new(BlockKind::Paragraph, text)],
            warnings: Vec::new(),
            dropped: Vec::new(),
        }
    }

    fn corpus(unplaced: &str) -> Vec<Article> {
        corpus_of(MIN_PER_CLASS_TO_PLACE, unplaced)
    }

    fn corpus_of(per_class: usize, unplaced: &str) -> Vec<Article> {
        let korean = "the presidential office in yongsan said chaebol exports and the won";
        let japanese = "the cabinet secretariat in kasumigaseki said keidanren exports and the yen";
        let mut v: Vec<Article> = (0..per_class)
            .flat_map(|i| {
                [
                    article(
                        &format!("k{i}"),
                        "korean",
                        "rule",
                        &format!("{korean} item {i}"),
                    ),
                    article(
                        &format!("j{i}"),
                        "japanese",
                        "rule",
                        &format!("{japanese} item {i}"),
                    ),
                ]
            })
            .collect();
        v.push(article("x", "other", "none", unplaced));
        v
    }

    #[test]
    fn a_confident_guess_places_the_article_and_says_why() {
        let mut articles = corpus("kasumigaseki officials and keidanren leaders met over the yen");
        infer(&mut articles);
        let x = articles.last().expect("article");
        assert_eq!(x.perspective, "japanese");
        assert_eq!(x.perspective_source, "inferred");
        assert!(x.perspective_confidence >= PLACE_POSTERIOR);
        assert!(
            x.perspective_reason.contains("kasumigaseki"),
            "{}",
            x.perspective_reason
        );
    }

    #[test]
    fn an_unsure_guess_stays_other_with_the_guess_shown() {
        let mut articles = corpus("exports said item");
        infer(&mut articles);
        let x = articles.last().expect("article");
        assert_eq!(x.perspective, "other");
        assert_eq!(x.perspective_source, "none");
        assert!(
            x.perspective_reason.contains("corpus guess"),
            "{}",
            x.perspective_reason
        );
    }

    #[test]
    fn a_thin_perspective_is_left_out_and_the_others_still_infer() {
        let mut articles = corpus("kasumigaseki officials and keidanren leaders met over the yen");
        // One correction into wire: too few to learn wire, not a reason to stop.
        articles.insert(
            0,
            article("w0", "wire", "user", "agency copy filed overnight"),
        );
        infer(&mut articles);
        let x = articles.last().expect("article");
        assert_eq!(
            (x.perspective.as_str(), x.perspective_source.as_str()),
            ("japanese", "inferred")
        );
        assert!(
            x.perspective_reason.contains("from 20 placed articles"),
            "{}",
            x.perspective_reason
        );
        assert_eq!(
            articles[0].perspective_source, "user",
            "a correction is final"
        );
    }

    #[test]
    fn a_thin_model_shows_its_guess_but_places_nothing() {
        let thin = MIN_PER_CLASS_TO_PLACE - 1;
        let mut articles = corpus_of(
            thin,
            "kasumigaseki officials and keidanren leaders met over the yen",
        );
        infer(&mut articles);
        let x = articles.last().expect("article");
        assert_eq!(
            (x.perspective.as_str(), x.perspective_source.as_str()),
            ("other", "none")
        );
        assert!(
            x.perspective_reason.contains("corpus guess 100 % japanese"),
            "{}",
            x.perspective_reason
        );
    }

    #[test]
    fn training_is_sampled_evenly_per_perspective_and_keeps_the_readers_choices() {
        let mut all: Vec<Article> = (0..25)
            .map(|i| article(&format!("k{i}"), "korean", "rule", "korean text"))
            .collect();
        all.extend((0..4).map(|i| article(&format!("j{i}"), "japanese", "rule", "japanese text")));
        all[7].perspective_source = "user".into();
        let refs: Vec<&Article> = all.iter().collect();
        let sample = sample_per_class(&refs, 5);
        let ids: Vec<&str> = sample.iter().map(|a| a.id.as_str()).collect();
        // Korean: every fifth of 25, plus the reader's k7; Japanese: all four (under the cap).
        assert_eq!(
            ids,
            vec!["j0", "j1", "j2", "j3", "k4", "k7", "k9", "k14", "k19", "k24"]
        );
    }

    #[test]
    fn too_little_training_says_nothing() {
        let mut articles = corpus("kasumigaseki keidanren yen");
        articles.retain(|a| !a.id.starts_with('k') || a.id == "k0");
        infer(&mut articles);
        let x = articles.last().expect("article");
        assert_eq!(
            (x.perspective.as_str(), x.perspective_reason.as_str()),
            ("other", "test")
        );
    }
}
