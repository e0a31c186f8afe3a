//! Incremental search across the panes: the query being typed, the current match, and the
//! steps that move the focused pane to a match.

use super::AppState;
use crate::model::Corpus;
use crate::text::search::find_all;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A match: a byte range in one block of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub article: usize,
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub query: String,
    /// True while the query is being typed: keys go to it, not to the bindings.
    pub editing: bool,
    /// The match last moved to.
    pub current: Option<Hit>,
}

/// Every match of `query` in an article's blocks, in reading order.
pub fn hits(corpus: &Corpus, article: usize, query: &str) -> Vec<Hit> {
    let Some(a) = corpus.articles.get(article) else {
        return Vec::new();
    };
    a.blocks
        .iter()
        .enumerate()
        .flat_map(|(block, b)| {
            find_all(&b.text, query).into_iter().map(move |r| Hit {
                article,
                block,
                start: r.start,
                end: r.end,
            })
        })
        .collect()
}

/// Matches per article for the last query searched in it, so a frame does not search again.
/// A memo shared by clones of the state, like the wrap cache.
#[derive(Debug, Clone, Default)]
pub struct HitCache {
    entries: Rc<RefCell<HashMap<usize, QueryHits>>>,
}

/// The query an article was searched for, and what it found.
type QueryHits = (String, Rc<Vec<Hit>>);

impl PartialEq for HitCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl HitCache {
    pub fn get(&self, corpus: &Corpus, article: usize, query: &str) -> Rc<Vec<Hit>> {
        if let Some((q, found)) = self.entries.borrow().get(&article) {
            if q == query {
                return Rc::clone(found);
            }
        }
        let found = Rc::new(hits(corpus, article, query));
        self.entries
            .borrow_mut()
            .insert(article, (query.to_string(), Rc::clone(&found)));
        found
    }
}

/// The hits in one block, from an article's hits (sorted by block).
pub fn in_block(found: &[Hit], block: usize) -> &[Hit] {
    let from = found.partition_point(|h| h.block < block);
    let to = found.partition_point(|h| h.block <= block);
    &found[from..to]
}

/// What the bottom bar counts: the current match's place among the focused pane's matches,
/// that pane's count, and the count over every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub current: Option<usize>,
    pub focused: usize,
    pub all: usize,
}

impl AppState {
    /// True while a text input (the search query) takes the keys.
    pub fn text_input(&self) -> bool {
        // The article list's filter takes typed characters too.
        matches!(
            self.overlay(),
            Some(
                super::Overlay::Articles { .. }
                    | super::Overlay::Stories { .. }
                    | super::Overlay::SearchAll { .. }
            )
        ) || self.note_edit.is_some()
            || self.search.as_ref().is_some_and(|s| s.editing)
    }

    /// The active query, if any (empty queries match nothing).
    pub fn query(&self) -> Option<&str> {
        self.search
            .as_ref()
            .map(|s| s.query.as_str())
            .filter(|q| !q.is_empty())
    }

    pub fn tally(&self, corpus: &Corpus) -> Option<Tally> {
        let query = self.query()?;
        let mut all = 0;
        let mut focused = Vec::new();
        for (c, column) in self.columns.iter().enumerate() {
            let found = self.hits.get(corpus, column.article(), query);
            all += found.len();
            if c == self.focus {
                focused = found.to_vec();
            }
        }
        let current = self
            .search
            .as_ref()
            .and_then(|s| s.current)
            .and_then(|h| focused.iter().position(|f| *f == h));
        Some(Tally {
            current,
            focused: focused.len(),
            all,
        })
    }

    /// Move the focused pane to the next (or previous) match, wrapping around. With
    /// `inclusive`, a match at the current place counts (typing refines the match in view).
    pub(super) fn search_step(&mut self, corpus: &Corpus, forward: bool, inclusive: bool) {
        let Some(query) = self.query().map(str::to_string) else {
            return;
        };
        if self.columns.is_empty() {
            return;
        }
        let mut article = self.columns[self.focus].article();
        let mut found = self.hits.get(corpus, article, &query);
        // n/N with nothing in the focused pane go on to the next pane that has a match
        // (typing stays in the pane being read).
        if found.is_empty() && !inclusive {
            let n = self.columns.len();
            let next = (1..n)
                .map(|step| {
                    if forward {
                        (self.focus + step) % n
                    } else {
                        (self.focus + n - step) % n
                    }
                })
                .find(|&c| {
                    !self
                        .hits
                        .get(corpus, self.columns[c].article(), &query)
                        .is_empty()
                });
            if let Some(column) = next {
                self.focus = column;
                article = self.columns[column].article();
                found = self.hits.get(corpus, article, &query);
                self.message = Some(format!("matches in {}", self.column_label(column)));
            }
        }
        if found.is_empty() {
            self.message = Some(format!("not found in this pane: {query}"));
            if let Some(s) = self.search.as_mut() {
                s.current = None;
            }
            return;
        }
        // From the current match if it is in this pane, else from the top of the pane.
        let from = match self.search.as_ref().and_then(|s| s.current) {
            Some(h) if h.article == article => h,
            _ => {
                let anchor = self.columns[self.focus].anchor();
                let top = Hit {
                    article,
                    block: anchor.block,
                    start: 0,
                    end: 0,
                };
                // Nothing precedes the top of the pane: the first match at or below it.
                return self.go_to_hit(corpus, first_from(&found, top, forward, true));
            }
        };
        self.go_to_hit(corpus, first_from(&found, from, forward, inclusive));
    }

    pub(super) fn go_to_hit(&mut self, corpus: &Corpus, hit: Hit) {
        if let Some(s) = self.search.as_mut() {
            s.current = Some(hit);
        }
        self.unfold(corpus, hit.article, hit.block);
        let layout = self.layout();
        let (w, h) = self.geometry(&layout, self.focus);
        let (wrapped, view) = self.pane_view(corpus, self.focus, w, h);
        // The wrapped line holding the match's start: the last line of its block that starts
        // at or before it.
        let line = wrapped
            .lines
            .iter()
            .rposition(|l| l.block == hit.block && l.start.is_some_and(|s| s <= hit.start))
            .unwrap_or_else(|| {
                wrapped.line_of(crate::text::wrap::Anchor {
                    block: hit.block,
                    offset: 0,
                })
            });
        // Scroll only when the match is off screen; then show it a third of the way down.
        if line < view.top || line >= view.top + view.height {
            let top = line.saturating_sub(view.height / 3);
            self.set_top(corpus, &layout, self.focus, top);
            self.sync_from(corpus, &layout, self.focus);
        }
    }
}

/// The first hit after (or before) `from`, wrapping around; `found` is non-empty and sorted.
fn first_from(found: &[Hit], from: Hit, forward: bool, inclusive: bool) -> Hit {
    let key = |h: &Hit| (h.block, h.start);
    let at = key(&from);
    let pick = if forward {
        found
            .iter()
            .find(|h| if inclusive { key(h) >= at } else { key(h) > at })
            .or(found.first())
    } else {
        found
            .iter()
            .rev()
            .find(|h| if inclusive { key(h) <= at } else { key(h) < at })
            .or(found.last())
    };
    *pick.unwrap_or(&found[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(block: usize, start: usize) -> Hit {
        Hit {
            article: 0,
            block,
            start,
            end: start + 1,
        }
    }

    #[test]
    fn hits_of_a_block_are_a_slice_of_the_sorted_list() {
        let found = [hit(0, 3), hit(2, 0), hit(2, 9), hit(5, 1)];
        assert_eq!(in_block(&found, 2), &[hit(2, 0), hit(2, 9)]);
        assert!(in_block(&found, 1).is_empty());
        assert_eq!(in_block(&found, 5), &[hit(5, 1)]);
        assert!(in_block(&found, 9).is_empty());
    }

    #[test]
    fn steps_wrap_around_both_ways() {
        let found = [hit(0, 3), hit(2, 0), hit(2, 9)];
        assert_eq!(first_from(&found, hit(0, 3), true, false), hit(2, 0));
        assert_eq!(first_from(&found, hit(0, 3), true, true), hit(0, 3));
        assert_eq!(first_from(&found, hit(2, 9), true, false), hit(0, 3));
        assert_eq!(first_from(&found, hit(0, 3), false, false), hit(2, 9));
        assert_eq!(first_from(&found, hit(2, 5), false, false), hit(2, 0));
        // From the top of block 1: the first match at or below is in block 2.
        assert_eq!(first_from(&found, hit(1, 0), true, true), hit(2, 0));
    }
}
