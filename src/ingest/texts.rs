//! The text of articles loaded without it. A reader launch on an unchanged corpus reads
//! each file's summary row (the articles without their text) and the stored stories: on
//! 100,000 files that is a fraction of the bytes and the time of the whole rows. The text of
//! a story is read from the store when the story is opened (`bring`).

use crate::model::Corpus;
use std::collections::BTreeMap;

/// Read the text of `articles` that is still away from the store into the corpus. Articles
/// whose row is gone or no longer holds them (the file changed since the launch) are left
/// without text; the error counts them. Either way they are no longer away, so they are not
/// looked for again.
pub fn bring(
    corpus: &mut Corpus,
    articles: &[usize],
    store: &crate::store::Shared,
) -> Result<usize, String> {
    // By file, so that a feed of many articles is read and decoded once.
    let mut by_file: BTreeMap<u32, Vec<(usize, u32)>> = BTreeMap::new();
    for &article in articles {
        if let Some(Some((file, nth))) = corpus.texts_away.away.get(article) {
            by_file.entry(*file).or_default().push((article, *nth));
        }
    }
    if by_file.is_empty() {
        return Ok(0);
    }
    let keys: Vec<&str> = by_file
        .keys()
        .filter_map(|&f| corpus.texts_away.files.get(f as usize).map(String::as_str))
        .collect();
    let rows = store.lock().whole_rows(&keys);
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            for wanted in by_file.values().flatten() {
                corpus.texts_away.away[wanted.0] = None;
            }
            return Err(format!("{e}; articles shown without their text"));
        }
    };
    let mut brought = 0;
    let mut lost = 0;
    for (file, wanted) in by_file {
        let stored = corpus
            .texts_away
            .files
            .get(file as usize)
            .and_then(|key| rows.get(key))
            .and_then(|row| crate::store::rows::decode(row))
            .filter(|row| row.whole);
        let mut stored_articles = stored.map(|row| row.articles).unwrap_or_default();
        for (article, nth) in wanted {
            corpus.texts_away.away[article] = None;
            let here = &mut corpus.articles[article];
            // The same article as loaded, or the file has changed since: no text then.
            match stored_articles.get_mut(nth as usize) {
                Some(found) if found.title == here.title && found.date == here.date => {
                    here.blocks = std::mem::take(&mut found.blocks);
                    here.dropped = std::mem::take(&mut found.dropped);
                    brought += 1;
                }
                _ => lost += 1,
            }
        }
    }
    // Every text here: the reader's checks stop at once from now on.
    if corpus.texts_away.none() {
        corpus.texts_away = Default::default();
    }
    match lost {
        0 => Ok(brought),
        n => Err(format!(
            "the text of {n} article{} is no longer in the store (changed since the launch?); \
             it comes back with the next reload",
            if n == 1 { "" } else { "s" }
        )),
    }
}
