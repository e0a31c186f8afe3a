//! The reader's state and the pure `update(state, corpus, action)` that changes it. No IO
//! here: `tui.rs` turns terminal events into `Action`s and draws after each change.

pub mod article_list;
pub mod compare;
pub mod filter;
pub mod keymap;
pub mod layout;
pub mod loading;
pub mod notes;
pub mod place;
pub mod search;
pub mod search_all;
pub mod story_picker;
pub mod sync;
pub mod why;

use crate::ingest::classify::Classifier;
use crate::model::Corpus;
use crate::state::{Position, ReadingState};
use crate::text::wrap::{Anchor, WrapCache, Wrapped};
use filter::{TopicCache, TopicFilter};
use keymap::Keymap;
use layout::ScreenLayout;
use ratatui::layout::Rect;
use std::rc::Rc;
use sync::{PaneView, SyncMode, Target};

/// How far a scroll goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scroll {
    Lines(i32),
    Pages(i32),
    HalfPages(i32),
    Top,
    Bottom,
}

/// Everything the user can ask for. Keys map to these through the keymap; mouse and resize
/// events carry their coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `q`: closes the top overlay if there is one, else quits.
    Quit,
    /// `Ctrl-c`: quits from anywhere.
    ForceQuit,
    Help,
    Close,
    Confirm,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Scroll(Scroll),
    PrevArticle,
    NextArticle,
    Stories,
    Zoom,
    CycleSync,
    Warnings,
    Resize {
        width: u16,
        height: u16,
    },
    /// Wheel over a point: positive lines scroll down.
    MouseScroll {
        x: u16,
        y: u16,
        lines: i32,
    },
    MouseClick {
        x: u16,
        y: u16,
    },
    /// Mark the focused article read, or unread again.
    ToggleRead,
    ToggleBookmark,
    /// Open the focused article's URL in the browser.
    OpenOriginal,
    /// `R`: fetch the subscribed feeds in the background, then merge what is new.
    Fetch,
    /// `t`: the topic panel (choose topics, highlight or focus).
    Topics,
    /// `c`: the coverage matrix of the story.
    Coverage,
    /// `/`: start typing a search.
    Search,
    /// `S`: search the titles and bodies of every article.
    SearchAll,
    SearchNext,
    SearchPrev,
    /// A character typed into the search query (keys reach bindings only outside it).
    Input(char),
    /// Backspace in the search query.
    InputBackspace,
    /// `f`: the figures view.
    Figures,
    /// `"`: the quotes view.
    Quotes,
    /// `a`: focus the counterpart of the paragraph at the top, in the next pane with one.
    NextCounterpart,
    /// `A`: the same, in the previous pane with one.
    PrevCounterpart,
    /// `L`: the list of every article.
    ArticleList,
    /// `M`: mark every article of the open story read.
    MarkStoryRead,
    /// `v`: show or hide the note line under each pane's header.
    ToggleNotes,
    /// `e`: edit the focused article's note inline.
    EditNote,
    /// `E`: edit the focused article's note in `$EDITOR`.
    EditNoteExternal,
    /// `P`: move the focused article to another perspective.
    Place,
    /// `w`: gloss the focused paragraph (why it sits level with its counterpart).
    Why,
    /// The loading worker read `done` of `total` files (no key gives this).
    LoadProgress {
        done: usize,
        total: usize,
    },
    /// `Ctrl-z`: suspend the reader to the shell (`fg` resumes it).
    Suspend,
}

/// Work for the terminal side to do after an update: `update` itself does no IO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Open this (already validated) URL in the browser.
    OpenUrl(String),
    /// Write the reading state to disk.
    SaveState,
    /// Fetch the subscribed feeds (on a worker thread owned by `tui.rs`).
    Fetch,
    /// Open article `id`'s note in `$EDITOR` (suspending the screen) and save what comes
    /// back with `AppState::set_note`.
    EditNote { id: String, note: String },
    /// Leave the screen, stop the process as a shell's Ctrl-z would, and redraw on resume.
    Suspend,
}

/// A window drawn over the panes. Overlays stack; keys go to the top one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key; `scroll` is the first line shown.
    Help { scroll: usize },
    /// The story picker; `selected` indexes `AppState::story_list.rows`.
    Stories { selected: usize },
    /// Load warnings; `first` is the first warning shown.
    Warnings { first: usize },
    /// The topic panel; `selected` is a lexicon topic index.
    Topics { selected: usize },
    /// The coverage matrix; the cursor is on topic `row`, perspective `column` (indexes into
    /// the story's `Coverage`).
    Coverage { row: usize, column: usize },
    /// The figures view; `selected` indexes `Comparison::mentions`.
    Figures { selected: usize },
    /// The quotes view; the cursor is on quote `quote` of quote group `group`.
    Quotes { group: usize, quote: usize },
    /// The article list; `selected` indexes `AppState::articles.rows`.
    Articles { selected: usize },
    /// Search everywhere; `selected` indexes `AppState::search_all.results`.
    SearchAll { selected: usize },
    /// The perspective picker for the focused article; `selected` indexes `place::choices()`.
    Place { selected: usize },
    /// The glosses of one paragraph (`article` a corpus index, `block` its block); `scroll`
    /// is the first term shown.
    Gloss {
        article: usize,
        block: usize,
        scroll: usize,
    },
}

/// One perspective's column: its articles in this story and where each is scrolled to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// A perspective id from the classifier (`other` for unknown ones).
    pub perspective: String,
    /// Indexes into `corpus.articles`, oldest first.
    pub articles: Vec<usize>,
    /// Which of `articles` is shown.
    pub current: usize,
    /// Reading position per article, kept when switching articles and across resizes.
    pub anchors: Vec<Anchor>,
}

impl Column {
    pub fn article(&self) -> usize {
        self.articles[self.current]
    }

    pub fn anchor(&self) -> Anchor {
        self.anchors[self.current]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Index into `corpus.stories`; meaningless when there are none.
    pub story: usize,
    pub columns: Vec<Column>,
    pub focus: usize,
    /// The column shown beside the focused one when only two panes fit (`Tab` cycles it;
    /// moving the focus leaves the pane it came from as the companion).
    pub companion: usize,
    pub zoom: bool,
    pub sync: SyncMode,
    pub overlays: Vec<Overlay>,
    /// The terminal size.
    pub size: Rect,
    /// A one-line note for the bottom bar, cleared by the next key.
    pub message: Option<String>,
    /// The topic filter; the top bar shows it (`filter_labels`).
    pub topic_filter: TopicFilter,
    /// The search, from `/` until Esc.
    pub search: Option<search::Search>,
    /// Topic tags and coverage, computed once.
    pub topics: TopicCache,
    /// Search matches per article, for the current query.
    pub hits: search::HitCache,
    pub warning_count: usize,
    pub running: bool,
    pub keymap: Keymap,
    pub cache: WrapCache,
    /// Read marks, bookmarks, positions and notes, per article id. Change it through
    /// `edit_reading`: `update` compares this count, not the map (which may hold thousands).
    pub reading: ReadingState,
    /// How many changes `reading` has had in this session.
    pub reading_edits: u64,
    /// Work for the terminal side, drained after each update.
    pub effects: Vec<Effect>,
    /// The open story's alignment, figures and quotes.
    pub compare: compare::CompareCache,
    /// The article list's query, sort and rows.
    pub articles: article_list::ArticleList,
    /// The story picker's query, unread-only toggle and rows.
    pub story_list: story_picker::StoryList,
    /// Search everywhere: its query and results.
    pub search_all: search_all::GlobalSearch,
    /// Whether panes show the note line (`v`).
    pub show_notes: bool,
    /// The note being typed inline (`e`), until Enter or Esc.
    pub note_edit: Option<notes::NoteEdit>,
    /// Set while the corpus loads on the worker thread (the frame shows the progress).
    pub loading: Option<loading::Loading>,
}

impl AppState {
    /// Open on the story with the most perspectives (the first such, newest first).
    pub fn new(corpus: &Corpus, keymap: Keymap, width: u16, height: u16) -> AppState {
        let story = best_story(corpus);
        let mut state = AppState {
            story,
            columns: Vec::new(),
            focus: 0,
            companion: 1,
            zoom: false,
            sync: SyncMode::Lockstep,
            overlays: Vec::new(),
            size: Rect::new(0, 0, width, height),
            message: None,
            topic_filter: TopicFilter::default(),
            search: None,
            topics: TopicCache::default(),
            hits: search::HitCache::default(),
            warning_count: corpus.warning_count(),
            running: true,
            keymap,
            cache: WrapCache::default(),
            reading: ReadingState::default(),
            reading_edits: 0,
            effects: Vec::new(),
            compare: compare::CompareCache::default(),
            articles: article_list::ArticleList::default(),
            story_list: story_picker::StoryList::default(),
            search_all: search_all::GlobalSearch::default(),
            show_notes: false,
            note_edit: None,
            loading: None,
        };
        state.open_story(corpus, story);
        state
    }

    /// Start from saved reading state: marks, and each article where it was left.
    pub fn with_reading(mut self, corpus: &Corpus, reading: ReadingState) -> AppState {
        self.reading = reading;
        self.open_story(corpus, self.story);
        self
    }

    /// The same view over a freshly loaded corpus: the same story (by id), focus and places;
    /// what vanished falls back to the best story.
    pub fn reloaded(mut self, old: &Corpus, fresh: &Corpus) -> AppState {
        self.remember_positions(old);
        let story_id = old.stories.get(self.story).map(|s| s.id.clone());
        let focused = self.columns.get(self.focus).map(|c| c.perspective.clone());
        let story = story_id
            .and_then(|id| fresh.stories.iter().position(|s| s.id == id))
            .unwrap_or_else(|| best_story(fresh));
        self.cache = WrapCache::default();
        self.topics = TopicCache::default();
        self.hits = search::HitCache::default();
        // The lists' haystacks belong to the old corpus.
        self.articles = self.articles.for_new_corpus();
        self.story_list = self.story_list.for_new_corpus();
        self.search_all = self.search_all.for_new_corpus();
        self.topic_filter.expanded.clear();
        if let Some(s) = self.search.as_mut() {
            s.current = None;
        }
        self.warning_count = fresh.warning_count();
        self.overlays.clear();
        self.open_story_focused(fresh, story, focused.as_deref());
        self.message = Some(format!("reloaded: {} articles", fresh.articles.len()));
        self
    }

    /// Remember where every article of the current story stands.
    pub(crate) fn remember_positions(&mut self, corpus: &Corpus) {
        for column in &self.columns {
            for (&article, anchor) in column.articles.iter().zip(&column.anchors) {
                let position = (anchor.block > 0 || anchor.offset > 0).then_some(Position {
                    block: anchor.block,
                    line: anchor.offset,
                });
                let id = &corpus.articles[article].id;
                if self.reading.marks(id).position != position {
                    self.reading.update(id, |s| s.position = position);
                    self.reading_edits += 1;
                }
            }
        }
    }

    /// Change one article's reading state (counted, so `update` sees it).
    pub fn edit_reading(&mut self, id: &str, change: impl FnOnce(&mut crate::state::ArticleState)) {
        self.reading.update(id, change);
        self.reading_edits += 1;
    }

    /// Mark the focused article read once its last line is on screen.
    fn mark_read_at_end(&mut self, corpus: &Corpus, column: usize) {
        let layout = self.layout();
        let view = self.view_of(corpus, &layout, column);
        if view.top >= view.max_top() {
            let id = &corpus.articles[view.article].id;
            if !self.reading.get(id).read {
                self.edit_reading(id, |s| s.read = true);
                self.effects.push(Effect::SaveState);
            }
        }
    }

    pub fn layout(&self) -> ScreenLayout {
        let layout = layout::screen(
            self.size,
            self.columns.len(),
            self.focus,
            self.companion,
            self.zoom,
        );
        match self.note_line() {
            true => layout.with_note_line(),
            false => layout,
        }
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    fn open_story(&mut self, corpus: &Corpus, story: usize) {
        self.open_story_focused(corpus, story, None);
    }

    /// Open `story` with the focus on the column of `perspective` (the first column when it
    /// has none).
    fn open_story_focused(&mut self, corpus: &Corpus, story: usize, perspective: Option<&str>) {
        self.story = story;
        let reading = &self.reading;
        self.columns =
            story_columns_by(corpus, story, |i| place::perspective_of(reading, corpus, i));
        self.open_comparison(corpus, story);
        for column in &mut self.columns {
            for (&article, anchor) in column.articles.iter().zip(column.anchors.iter_mut()) {
                if let Some(p) = self.reading.get(&corpus.articles[article].id).position {
                    *anchor = Anchor {
                        block: p.block,
                        offset: p.line,
                    };
                }
            }
        }
        self.focus = perspective
            .and_then(|p| self.columns.iter().position(|c| c.perspective == p))
            .unwrap_or(0);
        self.companion = (self.focus + 1) % self.columns.len().max(1);
        self.zoom = false;
        self.topic_filter.expanded.clear();
        if let Some(s) = self.search.as_mut() {
            s.current = None;
        }
        // The first frame already shows the others where the sync mode puts them: otherwise
        // the first key (even `k` at the top) makes them jump.
        if !self.columns.is_empty() {
            let layout = self.layout();
            self.sync_from(corpus, &layout, self.focus);
        }
    }

    /// Body width and height for a column: its own pane, or the single pane's size when
    /// panes are shown one at a time (a hidden column is laid out as it will be shown).
    fn geometry(&self, layout: &ScreenLayout, column: usize) -> (u16, u16) {
        let pane = layout
            .panes
            .iter()
            .find(|p| p.column == column)
            .or(layout.panes.first());
        match pane {
            Some(p) => (p.body.width.max(1), p.body.height.max(1)),
            None => (1, 1),
        }
    }

    /// The column's article laid out at its pane's width, and its position.
    pub fn pane_view(
        &self,
        corpus: &Corpus,
        column: usize,
        width: u16,
        height: u16,
    ) -> (Rc<Wrapped>, PaneView) {
        let col = &self.columns[column];
        let article = col.article();
        let wrapped = self.layout_for(corpus, article, width);
        let total = wrapped.len();
        let height = usize::from(height);
        let top = wrapped
            .line_of(col.anchor())
            .min(total.saturating_sub(height));
        let view = PaneView {
            article,
            anchor: col.anchor(),
            top,
            total,
            height,
        };
        (wrapped, view)
    }

    fn view_of(&self, corpus: &Corpus, layout: &ScreenLayout, column: usize) -> PaneView {
        let (w, h) = self.geometry(layout, column);
        self.pane_view(corpus, column, w, h).1
    }

    fn set_top(&mut self, corpus: &Corpus, layout: &ScreenLayout, column: usize, line: usize) {
        let (w, h) = self.geometry(layout, column);
        let (wrapped, view) = self.pane_view(corpus, column, w, h);
        let line = line.min(view.max_top());
        let col = &mut self.columns[column];
        col.anchors[col.current] = wrapped.anchor_at(line);
    }

    fn scroll_column(&mut self, corpus: &Corpus, column: usize, scroll: Scroll) {
        let layout = self.layout();
        let view = self.view_of(corpus, &layout, column);
        let page = view.height.saturating_sub(2).max(1) as i64;
        let top = view.top as i64;
        let target = match scroll {
            Scroll::Lines(n) => top + i64::from(n),
            Scroll::Pages(n) => top + i64::from(n) * page,
            Scroll::HalfPages(n) => top + i64::from(n) * (view.height as i64 / 2).max(1),
            Scroll::Top => 0,
            Scroll::Bottom => view.max_top() as i64,
        };
        self.set_top(corpus, &layout, column, target.max(0) as usize);
        self.sync_from(corpus, &layout, column);
        self.mark_read_at_end(corpus, column);
    }

    /// Move the other columns to follow `leader` under the sync mode.
    fn sync_from(&mut self, corpus: &Corpus, layout: &ScreenLayout, leader: usize) {
        if self.sync == SyncMode::Off {
            return;
        }
        for column in 0..self.columns.len() {
            if column == leader {
                continue;
            }
            match self.follow(corpus, layout, leader, column) {
                Target::Stay => {}
                Target::Line(line) => self.set_top(corpus, layout, column, line),
                Target::Anchor(anchor) => {
                    let col = &mut self.columns[column];
                    col.anchors[col.current] = anchor;
                }
            }
        }
    }

    /// Focus `column`; the pane it leaves becomes the companion, so with two panes on
    /// screen the one just read stays beside the new focus.
    fn set_focus(&mut self, column: usize) {
        if column < self.columns.len() && column != self.focus {
            self.companion = self.focus;
            self.focus = column;
        }
    }

    /// `Tab` with some columns hidden: show the next (or previous) other column beside the
    /// focused one. True when it applied.
    fn cycle_companion(&mut self, forward: bool) -> bool {
        let count = self.columns.len();
        let layout = self.layout();
        if !layout.partial() || layout.single() || count < 3 {
            return false;
        }
        let current = layout
            .panes
            .iter()
            .map(|p| p.column)
            .find(|&c| c != self.focus)
            .unwrap_or(self.focus);
        let mut next = current;
        loop {
            next = if forward {
                (next + 1) % count
            } else {
                (next + count - 1) % count
            };
            if next != self.focus {
                break;
            }
        }
        self.companion = next;
        self.message = Some(format!("beside: {}", self.column_label(next)));
        true
    }

    fn column_label(&self, column: usize) -> String {
        let id = &self.columns[column].perspective;
        Classifier::active()
            .perspective(id)
            .map(|p| p.label.clone())
            .unwrap_or_else(|| id.clone())
    }

    /// A column's tab text: its label, and its article count when it has several.
    pub fn tab_label(&self, column: usize) -> String {
        let label = self.column_label(column);
        match self.columns[column].articles.len() {
            n if n > 1 => format!("{label} ({n})"),
            _ => label,
        }
    }
}

/// The story with the most perspectives; ties go to the earlier (newer) story.
pub fn best_story(corpus: &Corpus) -> usize {
    let mut best = 0;
    let mut most = 0;
    for (index, story) in corpus.stories.iter().enumerate() {
        let count = corpus.story_perspectives(story).len();
        if count > most {
            best = index;
            most = count;
        }
    }
    best
}

/// A column per perspective present in the story, in the classifier's display order; an
/// article whose perspective the classifier does not know goes to `other`.
pub fn story_columns(corpus: &Corpus, story: usize) -> Vec<Column> {
    story_columns_by(corpus, story, |i| corpus.articles[i].perspective.clone())
}

/// The same, with each article (corpus index) in the perspective `perspective_of` says (the
/// reader's placements over the corpus' ones).
pub fn story_columns_by(
    corpus: &Corpus,
    story: usize,
    perspective_of: impl Fn(usize) -> String,
) -> Vec<Column> {
    let classifier = Classifier::active();
    let Some(story) = corpus.stories.get(story) else {
        return Vec::new();
    };
    let mut columns: Vec<Column> = Vec::new();
    for &index in &story.articles {
        if index >= corpus.articles.len() {
            continue;
        }
        let placed = perspective_of(index);
        let perspective = if classifier.perspective(&placed).is_some() {
            placed
        } else {
            "other".to_string()
        };
        match columns.iter_mut().find(|c| c.perspective == perspective) {
            Some(column) => column.articles.push(index),
            None => columns.push(Column {
                perspective,
                articles: vec![index],
                current: 0,
                anchors: Vec::new(),
            }),
        }
    }
    columns.sort_by_key(|c| classifier.order(&c.perspective));
    for column in &mut columns {
        column.articles.sort_by(|&a, &b| {
            let (a, b) = (&corpus.articles[a], &corpus.articles[b]);
            a.date.cmp(&b.date).then_with(|| a.source.cmp(&b.source))
        });
        column.anchors = vec![Anchor::default(); column.articles.len()];
    }
    columns
}

/// Apply an action; true when anything visible changed (the caller redraws only then).
pub fn update(state: &mut AppState, corpus: &Corpus, action: Action) -> bool {
    // Compared without the reading state and the keymap: cloning thousands of marks on every
    // key cost more than the key's work. `reading_edits` stands in for the marks; the keymap
    // never changes in an update.
    let before = set_aside(state, |s| s.clone());
    apply(state, corpus, action);
    set_aside(state, |s| *s != before)
}

/// Run `f` on the state with its reading marks and keymap taken out (then put back).
fn set_aside<R>(state: &mut AppState, f: impl FnOnce(&AppState) -> R) -> R {
    let reading = std::mem::take(&mut state.reading);
    let keymap = std::mem::take(&mut state.keymap);
    let result = f(state);
    state.reading = reading;
    state.keymap = keymap;
    result
}

fn apply(state: &mut AppState, corpus: &Corpus, action: Action) {
    if let Action::Resize { width, height } = action {
        // Positions are anchors (block, offset), so they survive the new widths as they are.
        state.size = Rect::new(0, 0, width, height);
        return;
    }
    if let Action::LoadProgress { done, total } = action {
        // Not a key: the message and overlays stay as they are.
        state.loading = Some(loading::Loading { done, total });
        return;
    }
    state.message = None;
    if action == Action::ForceQuit {
        quit(state, corpus);
        return;
    }
    // From anywhere, an overlay or a text input included; positions are saved first, in
    // case the shell never resumes the reader.
    if action == Action::Suspend {
        state.remember_positions(corpus);
        state.effects.push(Effect::SaveState);
        state.effects.push(Effect::Suspend);
        return;
    }
    if let Some(&top) = state.overlays.last() {
        apply_overlay(state, corpus, top, action);
        return;
    }
    if state.note_edit.is_some() && notes::note_input(state, corpus, action) {
        return;
    }
    if state.text_input() && search_input(state, corpus, action) {
        return;
    }
    let focus = state.focus;
    let count = state.columns.len();
    match action {
        Action::Quit => quit(state, corpus),
        Action::Help => state.overlays.push(Overlay::Help { scroll: 0 }),
        Action::Stories => state.open_story_picker(corpus),
        Action::SearchAll => state.open_search_all(corpus),
        Action::Warnings => state.overlays.push(Overlay::Warnings { first: 0 }),
        Action::Topics => state.overlays.push(Overlay::Topics { selected: 0 }),
        Action::Coverage => state.overlays.push(Overlay::Coverage { row: 0, column: 0 }),
        Action::Figures => state.overlays.push(Overlay::Figures { selected: 0 }),
        Action::Quotes => state.overlays.push(Overlay::Quotes { group: 0, quote: 0 }),
        Action::ArticleList => state.open_article_list(corpus),
        Action::ToggleNotes => state.toggle_notes(),
        Action::MarkStoryRead => mark_story_read(state, corpus),
        Action::EditNote if count > 0 => state.start_note_edit(corpus),
        Action::EditNoteExternal if count > 0 => state.external_note_edit(corpus),
        Action::Place => state.open_place_picker(corpus),
        Action::Why => state.open_gloss(corpus),
        Action::NextCounterpart | Action::PrevCounterpart if count > 0 => {
            state.jump_to_counterpart(corpus, action == Action::NextCounterpart)
        }
        Action::Search => {
            state.search = Some(search::Search {
                editing: true,
                ..Default::default()
            })
        }
        Action::SearchNext | Action::SearchPrev => match state.query() {
            Some(_) => state.search_step(corpus, action == Action::SearchNext, false),
            None => state.message = Some("no search: / starts one".into()),
        },
        // Esc clears the search.
        Action::Close => state.search = None,
        Action::Confirm => state.expand_next_fold(corpus),
        Action::FocusNext | Action::FocusPrev
            if state.cycle_companion(action == Action::FocusNext) => {}
        Action::FocusNext if count > 0 => state.focus = (focus + 1) % count,
        Action::FocusPrev if count > 0 => state.focus = (focus + count - 1) % count,
        Action::FocusLeft => state.set_focus(focus.saturating_sub(1)),
        Action::FocusRight => state.set_focus(focus + 1),
        Action::Scroll(scroll) if count > 0 => state.scroll_column(corpus, focus, scroll),
        Action::PrevArticle | Action::NextArticle if count > 0 => {
            switch_article(state, corpus, action == Action::NextArticle)
        }
        Action::Zoom => state.zoom = !state.zoom,
        Action::CycleSync => {
            state.sync = state.sync.next();
            state.compare.sync_chosen = true;
            state.message = Some(format!("sync: {}", state.sync.label()));
            if count > 0 {
                let layout = state.layout();
                state.sync_from(corpus, &layout, focus);
            }
        }
        Action::MouseScroll { x, y, lines } => {
            let layout = state.layout();
            if let Some(pane) = layout.pane_at(x, y) {
                state.scroll_column(corpus, pane.column, Scroll::Lines(lines));
            }
        }
        Action::MouseClick { x, y } => click(state, x, y),
        Action::ToggleRead | Action::ToggleBookmark if count > 0 => {
            toggle_mark(state, corpus, action)
        }
        Action::Fetch => state.effects.push(Effect::Fetch),
        Action::OpenOriginal if count > 0 => {
            let article = &corpus.articles[state.columns[focus].article()];
            match crate::open::validate(article.url.as_deref()) {
                Ok(url) => {
                    state.message = Some(format!("opening {url}"));
                    state.effects.push(Effect::OpenUrl(url.to_string()));
                }
                Err(refusal) => state.message = Some(refusal.to_string()),
            }
        }
        _ => {}
    }
}

/// Keys while the search query is being typed; false when the action is not for the input
/// (scrolling with the arrows still works while typing).
fn search_input(state: &mut AppState, corpus: &Corpus, action: Action) -> bool {
    let Some(search) = state.search.as_mut() else {
        return false;
    };
    match action {
        Action::Input(c) => {
            search.query.push(c);
            state.search_step(corpus, true, true);
        }
        Action::InputBackspace => {
            search.query.pop();
            search.current = None;
            state.search_step(corpus, true, true);
        }
        Action::Confirm if search.query.is_empty() => state.search = None,
        Action::Confirm => search.editing = false,
        Action::Close => state.search = None,
        _ => return false,
    }
    true
}

/// Quit, keeping every article's place for next time.
fn quit(state: &mut AppState, corpus: &Corpus) {
    state.remember_positions(corpus);
    state.effects.push(Effect::SaveState);
    state.running = false;
}

fn toggle_mark(state: &mut AppState, corpus: &Corpus, action: Action) {
    let id = corpus.articles[state.columns[state.focus].article()]
        .id
        .clone();
    let before = state.reading.get(&id);
    state.edit_reading(&id, |s| match action {
        Action::ToggleRead => s.read = !s.read,
        _ => s.bookmarked = !s.bookmarked,
    });
    let after = state.reading.get(&id);
    state.message = Some(match action {
        Action::ToggleRead if after.read => "marked read".to_string(),
        Action::ToggleRead => "marked unread".to_string(),
        _ if after.bookmarked => "bookmarked".to_string(),
        _ => "bookmark removed".to_string(),
    });
    if before != after {
        state.effects.push(Effect::SaveState);
    }
}

/// `M`: every article of the open story read, saved once.
fn mark_story_read(state: &mut AppState, corpus: &Corpus) {
    let Some(story) = corpus.stories.get(state.story) else {
        return;
    };
    let mut marked = 0;
    for &index in &story.articles {
        let id = &corpus.articles[index].id;
        if !state.reading.get(id).read {
            state.edit_reading(id, |s| s.read = true);
            marked += 1;
        }
    }
    state.message = Some(format!("{marked} article(s) of this story marked read"));
    if marked > 0 {
        state.effects.push(Effect::SaveState);
    }
}

fn switch_article(state: &mut AppState, corpus: &Corpus, forward: bool) {
    let focus = state.focus;
    let label = state.column_label(focus);
    let column = &mut state.columns[focus];
    let n = column.articles.len();
    if n < 2 {
        state.message = Some(format!("only one {label} article in this story"));
        return;
    }
    column.current = if forward {
        (column.current + 1) % n
    } else {
        (column.current + n - 1) % n
    };
    let shown = column.current + 1;
    state.message = Some(format!("{label} article {shown}/{n}"));
    // In a synced mode the new article joins the others where they are, rather than
    // pulling them all to its own position.
    if let Some(leader) = (0..state.columns.len()).find(|&c| c != focus) {
        let layout = state.layout();
        match state.follow(corpus, &layout, leader, focus) {
            Target::Stay => {}
            Target::Line(line) => state.set_top(corpus, &layout, focus, line),
            Target::Anchor(anchor) => {
                let column = &mut state.columns[focus];
                column.anchors[column.current] = anchor;
            }
        }
    }
}

fn click(state: &mut AppState, x: u16, y: u16) {
    let layout = state.layout();
    if let Some(tabs) = layout.tabs {
        let widths: Vec<usize> = (0..state.columns.len())
            .map(|c| crate::text::width::display_width(&state.tab_label(c)))
            .collect();
        if let Some(column) = layout::tabs(tabs, &widths, state.focus)
            .iter()
            .position(|r| layout::contains(*r, x, y))
        {
            state.set_focus(column);
            return;
        }
    }
    if let Some(pane) = layout.pane_at(x, y) {
        state.set_focus(pane.column);
    }
}

fn apply_overlay(state: &mut AppState, corpus: &Corpus, top: Overlay, action: Action) {
    let last = state.overlays.len() - 1;
    let page = usize::from(state.size.height.saturating_sub(6)).max(1) as i64;
    match (top, action) {
        (_, Action::Close | Action::Quit)
        | (Overlay::Help { .. }, Action::Help)
        | (Overlay::Stories { .. }, Action::Stories)
        | (Overlay::Warnings { .. }, Action::Warnings)
        | (Overlay::Topics { .. }, Action::Topics)
        | (Overlay::Coverage { .. }, Action::Coverage)
        | (Overlay::Figures { .. }, Action::Figures)
        | (Overlay::Quotes { .. }, Action::Quotes)
        | (Overlay::Place { .. }, Action::Place)
        | (Overlay::SearchAll { .. }, Action::SearchAll)
        | (Overlay::Gloss { .. }, Action::Why) => {
            state.overlays.pop();
        }
        (_, Action::Help) => state.overlays.push(Overlay::Help { scroll: 0 }),
        (Overlay::Stories { selected }, _) => {
            story_picker::story_keys(state, corpus, selected, action)
        }
        (Overlay::Help { scroll }, _) => {
            let max = crate::view::help::max_scroll(&state.keymap, state.size.height);
            if let Some(scroll) = moved(scroll, max, page, action) {
                state.overlays[last] = Overlay::Help { scroll };
            }
        }
        (Overlay::Topics { selected }, _) => filter::topics_panel(state, selected, action),
        (Overlay::Coverage { row, column }, _) => {
            filter::coverage_matrix(state, corpus, row, column, action)
        }
        (Overlay::Figures { selected }, _) => {
            compare::figures_view(state, corpus, selected, action)
        }
        (Overlay::Quotes { group, quote }, _) => {
            compare::quotes_view(state, corpus, group, quote, action)
        }
        (Overlay::Articles { selected }, _) => {
            article_list::list_keys(state, corpus, selected, action)
        }
        (Overlay::Place { selected }, _) => place::place_picker(state, corpus, selected, action),
        (Overlay::SearchAll { selected }, _) => {
            search_all::search_all_keys(state, corpus, selected, action)
        }
        (
            Overlay::Gloss {
                article,
                block,
                scroll,
            },
            _,
        ) => why::gloss_view(state, corpus, (article, block, scroll), action),
        (Overlay::Warnings { first }, _) => {
            let max = state.warning_count.saturating_sub(1);
            if let Some(first) = moved(first, max, page, action) {
                state.overlays[last] = Overlay::Warnings { first };
            }
        }
    }
}

/// A list position after a scroll action, clamped to `0..=max`; None for other actions.
fn moved(at: usize, max: usize, page: i64, action: Action) -> Option<usize> {
    let at = at as i64;
    let to = match action {
        Action::Scroll(Scroll::Lines(n)) => at + i64::from(n),
        Action::Scroll(Scroll::Pages(n)) => at + i64::from(n) * page,
        Action::Scroll(Scroll::HalfPages(n)) => at + i64::from(n) * (page / 2).max(1),
        Action::Scroll(Scroll::Top) => 0,
        Action::Scroll(Scroll::Bottom) => max as i64,
        Action::MouseScroll { lines, .. } => at + i64::from(lines),
        _ => return None,
    };
    Some(to.clamp(0, max as i64) as usize)
}

#[cfg(test)]
mod tests;
