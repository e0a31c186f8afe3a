//! Search everywhere (`S`): a query over the titles and bodies of every article of the
//! corpus, in any script, listed one match per paragraph with the line it occurs in; `Enter`
//! opens the story at that paragraph with the query highlighted in the panes. Pure.

use super::search::{Hit, Search};
use super::{AppState, Overlay};
use crate::model::Corpus;
use crate::text::search::find_all;
use std::ops::Range;
use std::rc::Rc;

/// Rows listed at most; the title says when there were more.
pub const MAX_RESULTS: usize = 1000;

/// One listed match: the first occurrence of the query in a title (`block` None) or in one
/// paragraph, and how many occurrences that paragraph has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub article: usize,
    pub block: Option<usize>,
    /// Byte range of the first occurrence in the title or the block's text.
    pub range: Range<usize>,
    pub count: usize,
}

/// The query, what it found, and every article's text case-folded (made once per corpus,
/// on the first search), so a keystroke is a substring scan rather than a fold of the corpus.
#[derive(Debug, Clone, Default)]
pub struct GlobalSearch {
    pub query: String,
    /// Listed rows, in corpus order, at most `MAX_RESULTS`.
    pub results: Rc<Vec<Found>>,
    /// Every article whose title or body holds the query (not capped).
    pub matched: Rc<Vec<usize>>,
    /// The query `matched` was computed for: a longer query only looks among those.
    searched: String,
    folded: Rc<Vec<String>>,
}

/// Clones share the folded text; equality looks at what the user sees.
impl PartialEq for GlobalSearch {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query && self.results == other.results
    }
}

/// Lower-cased char by char, as `find_all` folds, so both agree on what matches.
fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// An article's title and blocks folded into one haystack.
fn folded_article(article: &crate::model::Article) -> String {
    let mut hay = fold(&article.title);
    for block in &article.blocks {
        hay.push('\n');
        hay.push_str(&fold(&block.text));
    }
    hay
}

impl GlobalSearch {
    /// The same query, its caches dropped (they index the old corpus).
    pub fn for_new_corpus(&self) -> GlobalSearch {
        GlobalSearch {
            query: self.query.clone(),
            ..GlobalSearch::default()
        }
    }

    /// Search for the current query.
    pub fn refresh(&mut self, corpus: &Corpus) {
        if self.folded.len() != corpus.articles.len() {
            self.folded = Rc::new(corpus.articles.iter().map(folded_article).collect());
            self.searched.clear();
            self.matched = Rc::new(Vec::new());
        }
        let needle = fold(self.query.trim());
        if needle.is_empty() {
            self.results = Rc::new(Vec::new());
            self.matched = Rc::new(Vec::new());
            self.searched.clear();
            return;
        }
        // Typing on narrows: what holds "tarif" is among what held "tari".
        let refine = !self.searched.is_empty() && needle.contains(self.searched.as_str());
        let pool: Vec<usize> = match refine {
            true => self.matched.to_vec(),
            false => (0..corpus.articles.len()).collect(),
        };
        let matched: Vec<usize> = pool
            .into_iter()
            .filter(|&i| {
                self.folded
                    .get(i)
                    .is_some_and(|h| h.contains(needle.as_str()))
            })
            .collect();
        let query = self.query.trim();
        let mut results = Vec::new();
        'articles: for &i in &matched {
            let article = &corpus.articles[i];
            let title = find_all(&article.title, query);
            if let Some(first) = title.first() {
                results.push(Found {
                    article: i,
                    block: None,
                    range: first.clone(),
                    count: title.len(),
                });
            }
            for (b, block) in article.blocks.iter().enumerate() {
                if results.len() >= MAX_RESULTS {
                    break 'articles;
                }
                let found = find_all(&block.text, query);
                if let Some(first) = found.first() {
                    results.push(Found {
                        article: i,
                        block: Some(b),
                        range: first.clone(),
                        count: found.len(),
                    });
                }
            }
        }
        results.truncate(MAX_RESULTS);
        self.results = Rc::new(results);
        self.matched = Rc::new(matched);
        self.searched = needle;
    }
}

/// The text a row shows: the title, or the paragraph the match is in.
pub fn row_text<'a>(corpus: &'a Corpus, found: &Found) -> &'a str {
    let Some(article) = corpus.articles.get(found.article) else {
        return "";
    };
    match found.block.and_then(|b| article.blocks.get(b)) {
        Some(block) => &block.text,
        None => &article.title,
    }
}

impl AppState {
    /// `S`: open the search over every article, with the last query.
    pub(super) fn open_search_all(&mut self, corpus: &Corpus) {
        self.search_all.refresh(corpus);
        self.overlays.push(Overlay::SearchAll { selected: 0 });
    }

    /// Open a listed match: its story, its article in front, the paragraph on screen with the
    /// query highlighted (and `n`/`N` going on from it).
    fn open_found(&mut self, corpus: &Corpus, found: &Found) {
        self.open_article(corpus, found.article);
        if self.columns.get(self.focus).map(|c| c.article()) != Some(found.article) {
            return;
        }
        let query = self.search_all.query.trim().to_string();
        self.search = Some(Search {
            query,
            editing: false,
            current: None,
        });
        match found.block {
            Some(block) => {
                let hit = Hit {
                    article: found.article,
                    block,
                    start: found.range.start,
                    end: found.range.end,
                };
                self.go_to_hit(corpus, hit);
            }
            None => {
                let layout = self.layout();
                self.set_top(corpus, &layout, self.focus, 0);
                self.sync_from(corpus, &layout, self.focus);
                self.message = Some("found in the title".into());
            }
        }
    }
}

/// Keys in the results: typing edits the query, arrows move, `Enter` opens.
pub(super) fn search_all_keys(
    state: &mut AppState,
    corpus: &Corpus,
    selected: usize,
    action: super::Action,
) {
    use super::Action;
    let last = state.overlays.len() - 1;
    let page = usize::from(state.size.height.saturating_sub(6)).max(1) as i64;
    match action {
        Action::Input(c) => {
            state.search_all.query.push(c);
            state.search_all.refresh(corpus);
            state.overlays[last] = Overlay::SearchAll { selected: 0 };
        }
        Action::InputBackspace => {
            state.search_all.query.pop();
            state.search_all.refresh(corpus);
            state.overlays[last] = Overlay::SearchAll { selected: 0 };
        }
        Action::Confirm => {
            let Some(found) = state.search_all.results.get(selected).cloned() else {
                return;
            };
            state.overlays.pop();
            state.open_found(corpus, &found);
        }
        _ => {
            let max = state.search_all.results.len().saturating_sub(1);
            if let Some(selected) = super::moved(selected, max, page, action) {
                state.overlays[last] = Overlay::SearchAll { selected };
            }
        }
    }
}
