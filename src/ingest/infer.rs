//! Inference from the corpus: the articles placed by outlet rules, the manifest and the reader
//! train a small multinomial naive Bayes model (words and CJK character pairs) that places the
//! articles nothing else placed — only when it is confident. Otherwise the article stays in
//! `other` and its reason gains the model's best guess.

use crate::model::Article;
use std::collections::HashMap;

/// The posterior a guess needs to place an article.
pub const PLACE_POSTERIOR: f64 = 0.9;
/// Naive Bayes posteriors are extreme on any long text; the mean per-word margin (nats) over
/// the runner-up is the steadier measure of how distinct the article's wording is.
pub const PLACE_MARGIN: f64 = 0.5;
/// Each perspective needs this many training articles, and at least two perspectives must be
/// represented, before the model speaks at all.
pub const MIN_PER_CLASS: usize = 3;
/// Tokens read per article: enough for a model of style, bounded for large inputs.
const MAX_TOKENS: usize = 3000;

fn tokens(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    for block in &article.blocks {
        let mut word = String::new();
        let mut prev_cjk: Option<char> = None;
        for c in block.text.chars().chain(std::iter::once(' ')) {
            let cjk = matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3);
            if cjk {
                if let Some(p) = prev_cjk {
                    out.push(format!("{p}{c}"));
                }
                prev_cjk = Some(c);
            } else {
                prev_cjk = None;
            }
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                if word.len() >= 3 {
                    out.push(std::mem::take(&mut word));
                }
                word.clear();
            }
        }
        if out.len() >= MAX_TOKENS {
            out.truncate(MAX_TOKENS);
            break;
        }
    }
    out
}

struct Model {
    classes: Vec<String>,
    prior: Vec<f64>,
    counts: Vec<HashMap<String, f64>>,
    totals: Vec<f64>,
    vocabulary: f64,
    /// How many placed articles it learnt from (thin perspectives left out).
    trained: usize,
}

impl Model {
    fn train(docs: &[(String, Vec<String>)]) -> Option<Model> {
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
        let mut counts = vec![HashMap::new(); classes.len()];
        let mut vocabulary: HashMap<&str, ()> = HashMap::new();
        for (class, words) in docs {
            let Some(k) = classes.iter().position(|c| c == class) else {
                continue;
            };
            for w in words {
                *counts[k].entry(w.clone()).or_insert(0.0) += 1.0;
                vocabulary.insert(w, ());
            }
        }
        let totals = counts.iter().map(|m| m.values().sum()).collect();
        let n = sizes.iter().sum::<usize>() as f64;
        Some(Model {
            prior: sizes.iter().map(|&s| (s as f64 / n).ln()).collect(),
            classes,
            counts,
            totals,
            vocabulary: vocabulary.len() as f64 + 1.0,
            trained: sizes.iter().sum(),
        })
    }

    /// The best class, its posterior, the mean per-word log-likelihood margin over the
    /// runner-up, and the words that pulled most toward it.
    fn predict(&self, words: &[String]) -> (usize, f64, f64, Vec<String>) {
        let likelihood = |k: usize, w: &str| {
            ((self.counts[k].get(w).copied().unwrap_or(0.0) + 1.0)
                / (self.totals[k] + self.vocabulary))
                .ln()
        };
        let scores: Vec<f64> = (0..self.classes.len())
            .map(|k| self.prior[k] + words.iter().map(|w| likelihood(k, w)).sum::<f64>())
            .collect();
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
        let sum: f64 = exp.iter().sum();
        let best = (0..exp.len())
            .max_by(|&a, &b| exp[a].total_cmp(&exp[b]))
            .unwrap_or(0);
        let mut pull: Vec<(f64, &String)> = words
            .iter()
            .map(|w| {
                let others = (0..self.classes.len())
                    .filter(|&k| k != best)
                    .map(|k| likelihood(k, w))
                    .fold(f64::NEG_INFINITY, f64::max);
                (likelihood(best, w) - others, w)
            })
            .collect();
        pull.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut top: Vec<String> = Vec::new();
        for (_, w) in pull {
            if !top.contains(w) {
                top.push(w.clone());
            }
            if top.len() == 3 {
                break;
            }
        }
        let runner_up = (0..scores.len())
            .filter(|&k| k != best)
            .map(|k| scores[k])
            .fold(f64::NEG_INFINITY, f64::max);
        let margin = (scores[best] - runner_up) / words.len().max(1) as f64;
        (best, exp[best] / sum.max(f64::MIN_POSITIVE), margin, top)
    }
}

/// Place the unplaced (`perspective_source` `none`) articles that the corpus' placed ones
/// say, with confidence, belong somewhere.
pub fn infer(articles: &mut [Article]) {
    let docs: Vec<(String, Vec<String>)> = articles
        .iter()
        .filter(|a| {
            matches!(
                a.perspective_source.as_str(),
                "rule" | "manifest" | "subscription" | "user"
            )
        })
        .filter(|a| a.perspective != super::classify::OTHER)
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
            top.join(", ")
        );
        if posterior >= PLACE_POSTERIOR && margin >= PLACE_MARGIN {
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
        let korean = "the presidential office in yongsan said chaebol exports and the won";
        let japanese = "the cabinet secretariat in kasumigaseki said keidanren exports and the yen";
        let mut v: Vec<Article> = (0..4)
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
            x.perspective_reason.contains("from 8 placed articles"),
            "{}",
            x.perspective_reason
        );
        assert_eq!(
            articles[0].perspective_source, "user",
            "a correction is final"
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
