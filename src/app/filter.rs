//! The topic filter (which topics, highlight or focus, which folds are open), the topic tags
//! and coverage the reader computes once and keeps, and the update steps of the topic panel
//! and the coverage matrix.

use super::{AppState, Overlay};
use crate::analysis::topics::{coverage, ArticleTags, Coverage, Lexicon, TopicId};
use crate::ingest::classify::Classifier;
use crate::model::Corpus;
use crate::text::wrap::{fold_layout, Anchor, LineKind, Wrapped};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// How selected topics show in the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum FilterMode {
    /// Every paragraph shown; matched terms coloured, tagged paragraphs marked in the gutter.
    #[default]
    Highlight,
    /// Paragraphs without a selected topic fold into one dim line each run.
    Focus,
}

impl FilterMode {
    pub fn label(self) -> &'static str {
        match self {
            FilterMode::Highlight => "highlight",
            FilterMode::Focus => "focus",
        }
    }

    pub fn other(self) -> FilterMode {
        match self {
            FilterMode::Highlight => FilterMode::Focus,
            FilterMode::Focus => FilterMode::Highlight,
        }
    }
}

/// The topic filter. No topics selected means no filter, whatever the mode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TopicFilter {
    /// Selected topics, in lexicon order.
    pub topics: Vec<TopicId>,
    pub mode: FilterMode,
    /// Folds the reader opened: (article, first block of the fold).
    pub expanded: BTreeSet<(usize, usize)>,
}

impl TopicFilter {
    pub fn is_active(&self) -> bool {
        !self.topics.is_empty()
    }

    /// True when the panes show folded layouts.
    pub fn focusing(&self) -> bool {
        self.is_active() && self.mode == FilterMode::Focus
    }

    pub fn toggle(&mut self, topic: TopicId) {
        match self.topics.binary_search(&topic) {
            Ok(i) => {
                self.topics.remove(i);
            }
            Err(i) => self.topics.insert(i, topic),
        }
        // Which blocks fold depends on the topics: open folds no longer mean the same runs.
        self.expanded.clear();
    }

    /// The first selected topic a block carries: its colour marks the block.
    pub fn first_match(&self, tags: &crate::analysis::topics::BlockTags) -> Option<TopicId> {
        self.topics.iter().copied().find(|&t| tags.has(t))
    }

    /// What the top bar says: "focus: Defense, Trade"; nothing without a filter.
    pub fn labels(&self, lexicon: &Lexicon) -> Vec<String> {
        if !self.is_active() {
            return Vec::new();
        }
        let names: Vec<&str> = self
            .topics
            .iter()
            .map(|&t| lexicon.topic(t).label.as_str())
            .collect();
        vec![format!("{}: {}", self.mode.label(), names.join(", "))]
    }

    /// Which blocks of an article a focus filter shows: those with a selected topic, and the
    /// runs of others whose fold was opened.
    pub fn keep(&self, tags: &ArticleTags, article: usize) -> Vec<bool> {
        let mut keep: Vec<bool> = tags
            .blocks
            .iter()
            .map(|b| self.first_match(b).is_some())
            .collect();
        let mut b = 0;
        while b < keep.len() {
            if keep[b] {
                b += 1;
                continue;
            }
            let end = (b..keep.len()).find(|&i| keep[i]).unwrap_or(keep.len());
            if self.expanded.contains(&(article, b)) {
                keep[b..end].iter_mut().for_each(|k| *k = true);
            }
            b = end;
        }
        keep
    }

    /// A fingerprint of what the folded layout of `article` depends on; never 0, which is
    /// the full layout's key in the wrap cache.
    pub fn signature(&self, article: usize) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.topics.hash(&mut hasher);
        for (a, block) in &self.expanded {
            if *a == article {
                block.hash(&mut hasher);
            }
        }
        hasher.finish() | 1
    }
}

/// Tags per article and the current story's coverage, computed on first use and kept:
/// tagging happens once per article, never per frame. Shared by clones of the state.
#[derive(Debug, Clone, Default)]
pub struct TopicCache {
    tags: Rc<RefCell<HashMap<usize, Rc<ArticleTags>>>>,
    coverage: Rc<RefCell<Option<StoryCoverage>>>,
}

/// A story index and its coverage.
type StoryCoverage = (usize, Rc<Coverage>);

/// A memo, not state.
impl PartialEq for TopicCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl TopicCache {
    pub fn tags(&self, corpus: &Corpus, article: usize) -> Rc<ArticleTags> {
        if let Some(hit) = self.tags.borrow().get(&article) {
            return Rc::clone(hit);
        }
        let tags = Rc::new(match corpus.articles.get(article) {
            Some(a) => Lexicon::active().tag_article(a),
            None => ArticleTags::default(),
        });
        self.tags.borrow_mut().insert(article, Rc::clone(&tags));
        tags
    }

    /// Coverage of `corpus.stories[story]`, in the classifier's perspective order.
    pub fn coverage(&self, corpus: &Corpus, story: usize) -> Option<Rc<Coverage>> {
        if let Some((s, hit)) = self.coverage.borrow().as_ref() {
            if *s == story {
                return Some(Rc::clone(hit));
            }
        }
        let story_ref = corpus.stories.get(story)?;
        // `coverage` reads tags parallel to the corpus; only this story's are needed.
        let mut tags = vec![ArticleTags::default(); corpus.articles.len()];
        for &a in &story_ref.articles {
            if a < tags.len() {
                tags[a] = (*self.tags(corpus, a)).clone();
            }
        }
        let classifier = Classifier::active();
        let matrix = Rc::new(coverage(
            corpus,
            &tags,
            story_ref,
            Lexicon::active().topics().len(),
            &|id| classifier.order(id),
        ));
        *self.coverage.borrow_mut() = Some((story, Rc::clone(&matrix)));
        Some(matrix)
    }
}

impl AppState {
    /// An article laid out at `width` as the filter shows it: folded under a focus filter.
    pub fn layout_for(&self, corpus: &Corpus, article: usize, width: u16) -> Rc<Wrapped> {
        let full = self.cache.get(article, &corpus.articles[article], width);
        if !self.topic_filter.focusing() {
            return full;
        }
        let filter = &self.topic_filter;
        self.cache
            .get_or(article, width, filter.signature(article), || {
                let tags = self.topics.tags(corpus, article);
                fold_layout(&full, &filter.keep(&tags, article))
            })
    }

    /// The filters the top bar shows.
    pub fn filter_labels(&self) -> Vec<String> {
        self.topic_filter.labels(Lexicon::active())
    }

    /// Under a focus filter, open the fold hiding `block` of `article`, if one does.
    pub(super) fn unfold(&mut self, corpus: &Corpus, article: usize, block: usize) {
        if !self.topic_filter.focusing() {
            return;
        }
        let tags = self.topics.tags(corpus, article);
        let keep = self.topic_filter.keep(&tags, article);
        if keep.get(block).copied().unwrap_or(true) {
            return;
        }
        let start = (0..block).rev().find(|&b| keep[b]).map_or(0, |b| b + 1);
        self.topic_filter.expanded.insert((article, start));
    }

    /// Enter on the panes under a focus filter: open the first fold on screen in the focused
    /// pane.
    pub(super) fn expand_next_fold(&mut self, corpus: &Corpus) {
        if !self.topic_filter.focusing() || self.columns.is_empty() {
            return;
        }
        let layout = self.layout();
        let (w, h) = self.geometry(&layout, self.focus);
        let (wrapped, view) = self.pane_view(corpus, self.focus, w, h);
        let fold = wrapped
            .lines
            .iter()
            .skip(view.top)
            .take(view.height)
            .find(|l| l.kind == LineKind::Fold);
        match fold {
            Some(line) => {
                let key = (view.article, line.block);
                self.topic_filter.expanded.insert(key);
                self.message = Some(format!("unfolded {}", line.text.trim_start_matches("⋯ ")));
            }
            None => self.message = Some("no folded paragraphs on screen".into()),
        }
    }

    /// Put `block` of `article` at the top of the pane that shows it: focus that pane, switch
    /// it to the article, open its fold, and let the others follow.
    pub(super) fn jump_to_block(&mut self, corpus: &Corpus, article: usize, block: usize) {
        let Some(column) = self
            .columns
            .iter()
            .position(|c| c.articles.contains(&article))
        else {
            return;
        };
        self.unfold(corpus, article, block);
        let col = &mut self.columns[column];
        if let Some(current) = col.articles.iter().position(|&a| a == article) {
            col.current = current;
            col.anchors[current] = Anchor { block, offset: 0 };
        }
        // The pane jumped from stays beside it when only two fit.
        self.set_focus(column);
        let layout = self.layout();
        self.sync_from(corpus, &layout, column);
    }
}

/// The topic panel's keys: toggle, switch mode, move.
pub(super) fn topics_panel(state: &mut AppState, selected: usize, action: super::Action) {
    use super::{Action, Scroll};
    let count = Lexicon::active().topics().len();
    let last = state.overlays.len() - 1;
    match action {
        // Space is page-down everywhere else; here it toggles, like Enter.
        Action::Confirm | Action::Scroll(Scroll::Pages(1)) if selected < count => {
            state.topic_filter.toggle(TopicId(selected as u16));
        }
        Action::FocusLeft | Action::FocusRight | Action::FocusNext | Action::FocusPrev => {
            state.topic_filter.mode = state.topic_filter.mode.other();
            state.topic_filter.expanded.clear();
        }
        _ => {
            let page = usize::from(state.size.height.saturating_sub(6)).max(1) as i64;
            if let Some(selected) = super::moved(selected, count.saturating_sub(1), page, action) {
                state.overlays[last] = Overlay::Topics { selected };
            }
        }
    }
}

/// The coverage matrix's keys: move over cells, Enter jumps to the cell's first paragraph.
pub(super) fn coverage_matrix(
    state: &mut AppState,
    corpus: &Corpus,
    row: usize,
    column: usize,
    action: super::Action,
) {
    use super::Action;
    let Some(matrix) = state.topics.coverage(corpus, state.story) else {
        return;
    };
    let columns = matrix.perspectives.len();
    let last = state.overlays.len() - 1;
    match action {
        Action::Confirm => {
            let first = matrix
                .cells
                .get(row)
                .and_then(|r| r.get(column))
                .and_then(|c| c.first);
            match first {
                Some(at) => {
                    state.overlays.pop();
                    state.jump_to_block(corpus, at.article, at.block);
                }
                None => state.message = Some("no paragraph on this topic here".into()),
            }
        }
        Action::FocusLeft | Action::FocusPrev => {
            state.overlays[last] = Overlay::Coverage {
                row,
                column: column.saturating_sub(1),
            };
        }
        Action::FocusRight | Action::FocusNext => {
            state.overlays[last] = Overlay::Coverage {
                row,
                column: (column + 1).min(columns.saturating_sub(1)),
            };
        }
        _ => {
            let page = usize::from(state.size.height.saturating_sub(8)).max(1) as i64;
            let max = matrix.topics.len().saturating_sub(1);
            if let Some(row) = super::moved(row, max, page, action) {
                state.overlays[last] = Overlay::Coverage { row, column };
            }
        }
    }
}
