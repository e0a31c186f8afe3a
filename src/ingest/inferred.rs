//! Perspective inference with the store's cache: inference trains on every placed article and
//! places the rest, so its result depends on the whole corpus and the reader's placements. A
//! launch whose articles (the story key: every file's rules and content) and placements are
//! unchanged reads back what inference changed last time instead of training again.

use super::infer;
use crate::model::Article;
use crate::store::hash::Hasher;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What inference changed in one article.
#[derive(Serialize, Deserialize)]
struct Change {
    index: usize,
    id: String,
    perspective: String,
    reason: String,
    source: String,
    confidence: f64,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    articles: usize,
    changes: Vec<Change>,
}

/// The cache key: the articles' key and the reader's placements, in id order.
pub fn key(articles_key: &str, choices: Option<&HashMap<String, String>>) -> String {
    let mut h = Hasher::default();
    h.field(b"inferred").field(articles_key.as_bytes());
    let mut pairs: Vec<_> = choices.into_iter().flatten().collect();
    pairs.sort();
    for (id, perspective) in pairs {
        h.field(id.as_bytes()).field(perspective.as_bytes());
    }
    h.finish()
}

/// `infer::infer`, or its stored result under `cache` (store, key); a result computed here
/// is stored for next time (a failed write only costs the next launch an inference).
pub fn infer_cached(articles: &mut [Article], cache: Option<(&mut Store, &str)>) {
    let Some((store, key)) = cache else {
        return infer::infer(articles);
    };
    if apply_stored(articles, store, key) {
        return;
    }
    let before: Vec<(String, String)> = articles
        .iter()
        .map(|a| (a.perspective.clone(), a.perspective_reason.clone()))
        .collect();
    infer::infer(articles);
    let changes = articles
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (a, (perspective, reason)))| {
            a.perspective != *perspective || a.perspective_reason != *reason
        })
        .map(|(index, (a, _))| Change {
            index,
            id: a.id.clone(),
            perspective: a.perspective.clone(),
            reason: a.perspective_reason.clone(),
            source: a.perspective_source.clone(),
            confidence: a.perspective_confidence,
        })
        .collect();
    let stored = Stored {
        articles: articles.len(),
        changes,
    };
    if let Ok(json) = serde_json::to_string(&stored) {
        let _ = store.put_placements(key, &json);
    }
}

/// Apply the result stored under `key` when there is one for these very articles; false
/// leaves them untouched (articles read without their text cannot be inferred: the caller
/// reads them whole).
pub fn apply_stored(articles: &mut [Article], store: &Store, key: &str) -> bool {
    store
        .cached_placements(key)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
        .is_some_and(|stored| apply(articles, &stored))
}

/// Apply a stored result when it is for these very articles (count and every id it names);
/// false leaves the articles untouched.
fn apply(articles: &mut [Article], stored: &Stored) -> bool {
    let fits = stored.articles == articles.len()
        && stored
            .changes
            .iter()
            .all(|c| articles.get(c.index).is_some_and(|a| a.id == c.id));
    if !fits {
        return false;
    }
    for change in &stored.changes {
        let article = &mut articles[change.index];
        article.perspective = change.perspective.clone();
        article.perspective_reason = change.reason.clone();
        article.perspective_source = change.source.clone();
        article.perspective_confidence = change.confidence;
    }
    true
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
            perspective_reason: "rules".into(),
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

    /// Four Korean and four Japanese placed articles and one nothing placed, which inference
    /// places as Japanese.
    fn corpus() -> Vec<Article> {
        let korean = "the presidential office in yongsan said chaebol exports and the won";
        let japanese = "the cabinet secretariat in kasumigaseki said keidanren exports and the yen";
        let mut v: Vec<Article> = (0..crate::ingest::infer::MIN_PER_CLASS_TO_PLACE)
            .flat_map(|i| {
                [
                    article(&format!("k{i}"), "korean", "rule", &format!("{korean} {i}")),
                    article(
                        &format!("j{i}"),
                        "japanese",
                        "rule",
                        &format!("{japanese} {i}"),
                    ),
                ]
            })
            .collect();
        v.push(article(
            "x",
            "other",
            "none",
            "kasumigaseki officials and keidanren leaders met over the yen",
        ));
        v
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("s.sqlite3")).expect("store");
        (dir, store)
    }

    #[test]
    fn a_second_run_reads_the_stored_result_and_equals_inference() {
        let (_dir, mut store) = store();
        let mut expected = corpus();
        infer::infer(&mut expected);
        let last = expected.len() - 1;
        assert_eq!(expected[last].perspective_source, "inferred");
        let mut first = corpus();
        infer_cached(&mut first, Some((&mut store, "k")));
        assert_eq!(first, expected);
        // Proof that the second run reads the store: change the stored result by hand.
        let json = store.cached_placements("k").expect("read").expect("stored");
        store
            .put_placements("k", &json.replace("japanese", "wire"))
            .expect("write");
        let mut second = corpus();
        infer_cached(&mut second, Some((&mut store, "k")));
        assert_eq!(second[last].perspective, "wire");
        assert_eq!(second[..last], expected[..last]);
    }

    #[test]
    fn a_result_for_other_articles_is_not_applied() {
        let (_dir, mut store) = store();
        let mut first = corpus();
        infer_cached(&mut first, Some((&mut store, "k")));
        let json = store.cached_placements("k").expect("read").expect("stored");
        store
            .put_placements("k", &json.replace("\"x\"", "\"y\""))
            .expect("write");
        let mut again = corpus();
        infer_cached(&mut again, Some((&mut store, "k")));
        assert_eq!(
            again, first,
            "inferred afresh, not taken from a mismatched row"
        );
        // One article fewer: the count differs, inference runs again.
        let mut fewer = corpus();
        fewer.remove(0);
        let mut expected = fewer.clone();
        infer::infer(&mut expected);
        infer_cached(&mut fewer, Some((&mut store, "k")));
        assert_eq!(fewer, expected);
    }

    #[test]
    fn the_key_follows_the_articles_and_the_readers_placements() {
        let mut choices = HashMap::new();
        let none = key("a", None);
        assert_eq!(key("a", Some(&choices)), none, "no placements either way");
        choices.insert("x".to_string(), "wire".to_string());
        assert_ne!(key("a", Some(&choices)), none);
        assert_ne!(key("b", None), none);
    }
}
