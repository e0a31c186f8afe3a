//! The compare half of the reader: the story's analysis (alignment, figures, quotes), computed
//! once when a story opens; `aligned` sync; jumping to a paragraph's counterpart; and the keys
//! of the figures and quotes overlays.

use super::sync::{self, PaneView, SyncMode, Target};
use super::{Action, AppState, Overlay};
use crate::analysis::align::{BlockPos, SyncMap};
use crate::analysis::story::StoryAnalysis;
use crate::model::Corpus;
use crate::text::wrap::{LineKind, Wrapped};
use std::collections::HashMap;
use std::rc::Rc;

/// A story's analysis and what the views look up in it on every frame, built once.
#[derive(Debug)]
pub struct Comparison {
    pub analysis: StoryAnalysis,
    /// Per article (corpus index): the alignment group of each block, if any.
    groups: HashMap<usize, Vec<Option<usize>>>,
    /// Scroll mappings for `aligned` sync, per (leader article, follower article).
    maps: HashMap<(usize, usize), SyncMap>,
    /// Grouped blocks whose every match with the rest of their group is weak (drawn dim).
    weak: std::collections::HashSet<(usize, usize)>,
    /// Every figure mention in the order the figures view lists them: (group, value,
    /// mention) indexes.
    pub mentions: Vec<(usize, usize, usize)>,
}

impl Comparison {
    pub fn new(corpus: &Corpus, story: &crate::model::Story) -> Comparison {
        let analysis = StoryAnalysis::new(corpus, story);
        let blocks = |a: usize| corpus.articles.get(a).map_or(0, |a| a.blocks.len());
        let mut groups: HashMap<usize, Vec<Option<usize>>> = story
            .articles
            .iter()
            .map(|&a| (a, vec![None; blocks(a)]))
            .collect();
        for (index, group) in analysis.alignment.groups().iter().enumerate() {
            for &(article, block) in group {
                if let Some(slot) = groups.get_mut(&article).and_then(|g| g.get_mut(block)) {
                    *slot = Some(index);
                }
            }
        }
        let maps = analysis
            .alignment
            .pairs
            .iter()
            .map(|pair| {
                // A photo caption may have a counterpart (the gutter shows it), but it must
                // not decide where a pane opens or scrolls: captions stand apart from the
                // article's order (000 opens with one).
                let caption = |article: usize, block: usize| {
                    corpus
                        .articles
                        .get(article)
                        .and_then(|a| a.blocks.get(block))
                        .is_some_and(|b| b.kind == crate::model::BlockKind::Caption)
                };
                let anchors = pair
                    .pairs()
                    .into_iter()
                    .filter(|&(a, b)| !caption(pair.from, a) && !caption(pair.to, b))
                    .collect();
                let map = SyncMap::from_pairs(anchors, blocks(pair.from), blocks(pair.to));
                ((pair.from, pair.to), map)
            })
            .collect();
        let alignment = &analysis.alignment;
        let weak = alignment
            .groups()
            .iter()
            .flat_map(|group| {
                group.iter().copied().filter(move |&(article, block)| {
                    group
                        .iter()
                        .filter(|other| other.0 != article)
                        .all(|&(to, _)| {
                            alignment
                                .counterpart(article, block, to)
                                .is_none_or(|m| m.is_weak())
                        })
                })
            })
            .collect();
        let mut mentions = Vec::new();
        for (g, group) in analysis.figures.iter().enumerate() {
            for (v, value) in group.values.iter().enumerate() {
                mentions.extend((0..value.mentions.len()).map(|m| (g, v, m)));
            }
        }
        Comparison {
            analysis,
            groups,
            maps,
            weak,
            mentions,
        }
    }

    /// True when some paragraphs of the story have counterparts.
    pub fn has_alignments(&self) -> bool {
        !self.analysis.alignment.groups().is_empty()
            || self
                .analysis
                .alignment
                .pairs
                .iter()
                .any(|p| p.matches.iter().any(Option::is_some))
    }

    /// The alignment group of a block (the gutter mark), if it has one.
    pub fn group_of(&self, article: usize, block: usize) -> Option<usize> {
        self.groups.get(&article)?.get(block).copied().flatten()
    }

    /// True when a grouped block's matches are all weak (low cosine or a slim margin).
    pub fn is_weak(&self, article: usize, block: usize) -> bool {
        self.weak.contains(&(article, block))
    }

    pub fn map(&self, from: usize, to: usize) -> Option<&SyncMap> {
        self.maps.get(&(from, to))
    }
}

/// The comparison of the open story, shared by clones of the app state.
#[derive(Debug, Clone, Default)]
pub struct CompareCache {
    current: Option<Rc<Comparison>>,
    /// The user picked a sync mode with `=`: opening a story no longer sets the default.
    pub sync_chosen: bool,
}

/// A memo and a flag: states are equal when the flag is.
impl PartialEq for CompareCache {
    fn eq(&self, other: &Self) -> bool {
        self.sync_chosen == other.sync_chosen
    }
}

impl CompareCache {
    /// Analyse `story` (once per opening of a story, never per frame).
    pub fn open(&mut self, corpus: &Corpus, story: usize) {
        // Alignment compares every pair of the story's articles: past a few dozen it would
        // hold the reader up for seconds, so such a story opens without it.
        self.current = corpus
            .stories
            .get(story)
            .filter(|s| s.articles.len() <= MAX_COMPARED_ARTICLES)
            .map(|s| Rc::new(Comparison::new(corpus, s)));
    }

    pub fn get(&self) -> Option<&Comparison> {
        self.current.as_deref()
    }

    /// The sync mode a story opens in: aligned when it has matched paragraphs.
    pub fn default_sync(&self) -> SyncMode {
        match self.get() {
            Some(c) if c.has_alignments() => SyncMode::Aligned,
            _ => SyncMode::Lockstep,
        }
    }
}

/// Stories with more articles than this open without paragraph alignment, figures or quotes.
pub const MAX_COMPARED_ARTICLES: usize = 40;

/// The follower's first line in `aligned` mode: the leader's top line as a block position,
/// mapped through the pair's `SyncMap`, back to a line of the follower's layout. Block
/// positions do not depend on width or folding, so this works on folded layouts too (a
/// folded block's lines are its fold line).
pub fn aligned_line(
    map: &SyncMap,
    leader: &Wrapped,
    leader_top: usize,
    follower: &Wrapped,
) -> usize {
    let pos = BlockPos::from_line(leader_top, &leader.block_starts, leader.len());
    map.map(pos).to_line(&follower.block_starts, follower.len())
}

impl AppState {
    /// Set up the compare state for a newly opened story: analyse it, and open in the
    /// default sync mode unless the user chose one.
    pub(super) fn open_comparison(&mut self, corpus: &Corpus, story: usize) {
        self.compare.open(corpus, story);
        let size = corpus.stories.get(story).map_or(0, |s| s.articles.len());
        if size > MAX_COMPARED_ARTICLES {
            self.message = Some(format!(
                "{size} articles: too many to align (at most {MAX_COMPARED_ARTICLES}); lockstep instead"
            ));
        }
        if !self.compare.sync_chosen {
            self.sync = self.compare.default_sync();
        }
    }

    /// Where a follower goes when the leader is at `lead`: the sync mode's target; in
    /// aligned mode through the paragraph alignment of the two articles.
    pub(super) fn follow(
        &self,
        corpus: &Corpus,
        layout: &super::layout::ScreenLayout,
        leader: usize,
        follower: usize,
    ) -> Target {
        let lead = self.view_of(corpus, layout, leader);
        let other = self.view_of(corpus, layout, follower);
        if self.sync != SyncMode::Aligned {
            return sync::follow(self.sync, &lead, &other);
        }
        let Some(map) = self
            .compare
            .get()
            .and_then(|c| c.map(lead.article, other.article))
        else {
            return Target::Stay;
        };
        let lead_layout = self.layout_of(corpus, layout, leader);
        let other_layout = self.layout_of(corpus, layout, follower);
        Target::Line(aligned_line(map, &lead_layout, lead.top, &other_layout))
    }

    fn layout_of(
        &self,
        corpus: &Corpus,
        layout: &super::layout::ScreenLayout,
        column: usize,
    ) -> Rc<Wrapped> {
        let (w, h) = self.geometry(layout, column);
        self.pane_view(corpus, column, w, h).0
    }

    /// `a` / `A`: move the focus to the counterpart of the first matched paragraph on screen
    /// in the focused pane, in the next (or previous) pane that has one.
    pub(super) fn jump_to_counterpart(&mut self, corpus: &Corpus, forward: bool) {
        let Some(comparison) = self.compare.current.clone() else {
            self.message = Some("no story open".into());
            return;
        };
        let count = self.columns.len();
        if count < 2 {
            self.message = Some("no other pane to compare with".into());
            return;
        }
        let layout = self.layout();
        let (w, h) = self.geometry(&layout, self.focus);
        let (wrapped, view) = self.pane_view(corpus, self.focus, w, h);
        let on_screen = screen_blocks(&wrapped, &view);
        for step in 1..count {
            let column = if forward {
                (self.focus + step) % count
            } else {
                (self.focus + count - step) % count
            };
            // The pane's shown article first, then its others.
            let col = &self.columns[column];
            let mut articles = vec![col.article()];
            articles.extend(col.articles.iter().filter(|&&a| a != col.article()));
            for &block in &on_screen {
                for &to in &articles {
                    if let Some((target, how)) = counterpart(&comparison, view.article, block, to) {
                        let label = self.column_label(column);
                        self.jump_to_block(corpus, to, target);
                        self.message = Some(format!(
                            "{label}: paragraph {} matches paragraph {} ({how})",
                            target + 1,
                            block + 1,
                        ));
                        return;
                    }
                }
            }
        }
        self.message = Some("no counterpart of the paragraphs on screen".into());
    }
}

/// The paragraph of article `to` that answers `block` of `from`, and how it was found: the
/// member of the block's alignment group (so the jump lands on the paragraph with the same
/// gutter mark), else the best pairwise match.
fn counterpart(
    comparison: &Comparison,
    from: usize,
    block: usize,
    to: usize,
) -> Option<(usize, String)> {
    let alignment = &comparison.analysis.alignment;
    if let Some(group) = comparison.group_of(from, block) {
        if let Some(&(_, b)) = alignment.groups()[group].iter().find(|(a, _)| *a == to) {
            let letter = crate::view::theme::group_letter(group);
            return Some((b, format!("mark {letter}")));
        }
    }
    let m = alignment.counterpart(from, block, to)?;
    Some((m.block, format!("score {:.2}", m.score)))
}

/// The blocks with text on screen, top first (blank and fold lines skipped).
fn screen_blocks(wrapped: &Wrapped, view: &PaneView) -> Vec<usize> {
    let mut blocks: Vec<usize> = Vec::new();
    for line in wrapped.lines.iter().skip(view.top).take(view.height) {
        if matches!(line.kind, LineKind::Blank | LineKind::Fold) {
            continue;
        }
        if blocks.last() != Some(&line.block) {
            blocks.push(line.block);
        }
    }
    blocks
}

/// The figures overlay's keys: move over mentions; Enter jumps to the mention's paragraph.
pub(super) fn figures_view(state: &mut AppState, corpus: &Corpus, selected: usize, action: Action) {
    let Some(comparison) = state.compare.current.clone() else {
        return;
    };
    let last = state.overlays.len() - 1;
    match action {
        Action::Confirm => {
            let Some(&(g, v, m)) = comparison.mentions.get(selected) else {
                return;
            };
            let mention = &comparison.analysis.figures[g].values[v].mentions[m];
            state.overlays.pop();
            state.jump_to_block(corpus, mention.article, mention.block);
            state.message = Some(format!(
                "“{}”, paragraph {}",
                mention.text,
                mention.block + 1
            ));
        }
        _ => {
            let page = usize::from(state.size.height.saturating_sub(8)).max(1) as i64 / 2;
            let max = comparison.mentions.len().saturating_sub(1);
            if let Some(selected) = super::moved(selected, max, page.max(1), action) {
                state.overlays[last] = Overlay::Figures { selected };
            }
        }
    }
}

/// The quotes overlay's keys: up/down move over groups, left/right over the quotes of a
/// group; Enter jumps to the selected quote's paragraph.
pub(super) fn quotes_view(
    state: &mut AppState,
    corpus: &Corpus,
    group: usize,
    quote: usize,
    action: Action,
) {
    let Some(comparison) = state.compare.current.clone() else {
        return;
    };
    let groups = &comparison.analysis.quotes;
    let last = state.overlays.len() - 1;
    let in_group = groups.get(group).map_or(0, |g| g.quotes.len());
    match action {
        Action::Confirm => {
            let Some(q) = groups.get(group).and_then(|g| g.quotes.get(quote)) else {
                return;
            };
            state.overlays.pop();
            state.jump_to_block(corpus, q.article, q.block);
            state.message = Some(format!("quote in paragraph {}", q.block + 1));
        }
        Action::FocusLeft | Action::FocusPrev => {
            state.overlays[last] = Overlay::Quotes {
                group,
                quote: quote.saturating_sub(1),
            };
        }
        Action::FocusRight | Action::FocusNext => {
            state.overlays[last] = Overlay::Quotes {
                group,
                quote: (quote + 1).min(in_group.saturating_sub(1)),
            };
        }
        _ => {
            let page = usize::from(state.size.height.saturating_sub(8)).max(1) as i64 / 4;
            let max = groups.len().saturating_sub(1);
            if let Some(to) = super::moved(group, max, page.max(1), action) {
                // A new group starts at its first quote.
                let quote = if to == group { quote } else { 0 };
                state.overlays[last] = Overlay::Quotes { group: to, quote };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::{fold_layout, Line};

    /// A layout of `heights[b]` lines per block.
    fn layout(heights: &[usize]) -> Wrapped {
        let mut lines = Vec::new();
        let mut block_starts = Vec::new();
        for (block, &h) in heights.iter().enumerate() {
            block_starts.push(lines.len());
            for _ in 0..h {
                lines.push(Line {
                    block,
                    kind: LineKind::Paragraph,
                    prefix: "",
                    text: "x".into(),
                    start: Some(0),
                });
            }
        }
        Wrapped {
            width: 10,
            lines,
            block_starts,
        }
    }

    #[test]
    fn matched_blocks_stand_level_and_the_gap_between_interpolates() {
        // A: 4 blocks of 4 lines; B: 4 blocks of 2 lines. A0 ↔ B0, A3 ↔ B1.
        let (a, b) = (layout(&[4, 4, 4, 4]), layout(&[2, 2, 2, 2]));
        let map = SyncMap::from_pairs(vec![(0, 0), (3, 1)], 4, 4);
        // A's top at block 0, halfway: B halfway through block 0.
        assert_eq!(aligned_line(&map, &a, 2, &b), 1);
        // A3's first line: B1's first line (line 2).
        assert_eq!(aligned_line(&map, &a, 12, &b), 2);
        // A1 and A2 have nothing between B0 and B1 to map onto: B holds at B1's start.
        assert_eq!(aligned_line(&map, &a, 4, &b), 2);
        assert_eq!(aligned_line(&map, &a, 10, &b), 2);
    }

    #[test]
    fn an_unmatched_stretch_maps_linearly_onto_the_other_unmatched_stretch() {
        // A0 ↔ B0, A3 ↔ B3; A1..A3 (8 lines) onto B1..B3 (4 lines): half speed.
        let (a, b) = (layout(&[4, 4, 4, 4]), layout(&[2, 2, 2, 2]));
        let map = SyncMap::from_pairs(vec![(0, 0), (3, 3)], 4, 4);
        assert_eq!(aligned_line(&map, &a, 4, &b), 2);
        assert_eq!(aligned_line(&map, &a, 6, &b), 3);
        assert_eq!(aligned_line(&map, &a, 8, &b), 4);
        assert_eq!(aligned_line(&map, &a, 12, &b), 6);
    }

    #[test]
    fn folded_layouts_map_through_blocks_not_lines() {
        // B's blocks 1 and 2 folded into one line: B lines are B0 (0,1), fold (2), blank (3),
        // B3 (4,5). A3 ↔ B3 still lands on B3's first line.
        let a = layout(&[4, 4, 4, 4]);
        let b = fold_layout(&layout(&[2, 2, 2, 2]), &[true, false, false, true]);
        assert_eq!(b.block_starts, vec![0, 2, 2, 4]);
        let map = SyncMap::from_pairs(vec![(0, 0), (3, 3)], 4, 4);
        assert_eq!(aligned_line(&map, &a, 12, &b), 4);
        // A in its unmatched middle: B within the fold, on the fold line.
        assert_eq!(aligned_line(&map, &a, 6, &b), 2);
    }
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod update_tests;
