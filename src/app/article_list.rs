//! The article list (`L`): every article of the corpus, sorted and filtered as you type.
//! Pure: the filter is parsed from the query, the rows are indexes into `corpus.articles`.

use super::{AppState, Overlay};
use crate::model::Corpus;
use crate::state::ReadingState;
use std::rc::Rc;

/// What the list is sorted by; `Tab` cycles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Newest first (undated last).
    #[default]
    Date,
    Outlet,
    Perspective,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Outlet,
            SortKey::Outlet => SortKey::Perspective,
            SortKey::Perspective => SortKey::Date,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Outlet => "outlet",
            SortKey::Perspective => "perspective",
        }
    }
}

/// A parsed query: words that must all occur in the title or outlet (any case, any
/// script), and the special words `p:ID`, `unread`, `starred`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListFilter {
    pub words: Vec<String>,
    pub perspective: Option<String>,
    pub unread: bool,
    pub starred: bool,
}

impl ListFilter {
    pub fn parse(query: &str) -> ListFilter {
        let mut filter = ListFilter::default();
        for word in query.split_whitespace() {
            let lower = word.to_lowercase();
            match lower.as_str() {
                "unread" => filter.unread = true,
                "starred" => filter.starred = true,
                _ => match lower.strip_prefix("p:") {
                    Some(p) if !p.is_empty() => filter.perspective = Some(p.to_string()),
                    Some(_) => {}
                    None => filter.words.push(lower),
                },
            }
        }
        filter
    }
}

/// The list's state that outlives one frame: the query, the sort, the rows it yields, and
/// the lowercased title and outlet of every article (made once per corpus).
#[derive(Debug, Clone, Default)]
pub struct ArticleList {
    pub query: String,
    pub sort: SortKey,
    /// Indexes into `corpus.articles`, in display order.
    pub rows: Rc<Vec<usize>>,
    haystacks: Rc<Vec<String>>,
    /// Every article's perspective id, lowercased (for `p:`).
    perspectives: Rc<Vec<String>>,
    /// Every article in the order of a sort key, made once per key: a keystroke then only
    /// filters this order, it never sorts.
    order: Rc<(SortKey, Vec<usize>)>,
    /// The story each article is in, by article index.
    stories: Rc<Vec<Option<usize>>>,
}

/// Clones share the caches; equality looks at what the user sees.
impl PartialEq for ArticleList {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query && self.sort == other.sort && self.rows == other.rows
    }
}

impl ArticleList {
    /// The story (index into `corpus.stories`) that `article` is shown in.
    pub fn story_of(&self, article: usize) -> Option<usize> {
        self.stories.get(article).copied().flatten()
    }

    /// The same query and sort, its caches dropped (they index the old corpus).
    pub fn for_new_corpus(&self) -> ArticleList {
        ArticleList {
            query: self.query.clone(),
            sort: self.sort,
            ..ArticleList::default()
        }
    }

    pub(super) fn prepare(&mut self, corpus: &Corpus) {
        if self.order.0 != self.sort || self.order.1.len() != corpus.articles.len() {
            self.order = Rc::new((self.sort, sorted(corpus, self.sort)));
        }
        if self.haystacks.len() == corpus.articles.len() {
            return;
        }
        self.perspectives = Rc::new(
            corpus
                .articles
                .iter()
                .map(|a| a.perspective.to_lowercase())
                .collect(),
        );
        self.haystacks = Rc::new(
            corpus
                .articles
                .iter()
                .map(|a| {
                    let outlet = a.outlet.as_deref().unwrap_or("");
                    format!("{}\n{}", a.title, outlet).to_lowercase()
                })
                .collect(),
        );
        self.stories = Rc::new(story_index(corpus));
    }

    /// Recompute the rows for the current query and sort.
    pub fn refresh(&mut self, corpus: &Corpus, reading: &ReadingState) {
        self.prepare(corpus);
        let filter = ListFilter::parse(&self.query);
        let rows = self
            .order
            .1
            .iter()
            .copied()
            .filter(|&i| passes(corpus, reading, self, &filter, i))
            .collect();
        self.rows = Rc::new(rows);
    }
}

/// For each article, the story that lists it.
pub fn story_index(corpus: &Corpus) -> Vec<Option<usize>> {
    let mut stories = vec![None; corpus.articles.len()];
    for (index, story) in corpus.stories.iter().enumerate() {
        for &article in &story.articles {
            if let Some(slot) = stories.get_mut(article) {
                *slot = Some(index);
            }
        }
    }
    stories
}

/// Whether article `i` passes `filter` (the list's lowercased haystacks already made).
fn passes(
    corpus: &Corpus,
    reading: &ReadingState,
    list: &ArticleList,
    filter: &ListFilter,
    i: usize,
) -> bool {
    if let Some(p) = &filter.perspective {
        let own = list.perspectives.get(i).map(String::as_str).unwrap_or("");
        if !own.starts_with(p.as_str()) {
            return false;
        }
    }
    let hay = list.haystacks.get(i).map(String::as_str).unwrap_or("");
    if !filter.words.iter().all(|w| hay.contains(w.as_str())) {
        return false;
    }
    if filter.unread || filter.starred {
        let marks = reading.marks(&corpus.articles[i].id);
        if (filter.unread && marks.read) || (filter.starred && !marks.bookmarked) {
            return false;
        }
    }
    true
}

/// Every article sorted by `sort` (ties: newest, then by source).
pub fn sorted(corpus: &Corpus, sort: SortKey) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..corpus.articles.len()).collect();
    let newest_first = |a: &usize, b: &usize| {
        let (x, y) = (&corpus.articles[*a], &corpus.articles[*b]);
        // Undated sorts after dated: `None` is the smallest, so compare reversed.
        y.date.cmp(&x.date).then_with(|| x.source.cmp(&y.source))
    };
    match sort {
        SortKey::Date => rows.sort_by(newest_first),
        SortKey::Outlet => {
            let outlets: Vec<Option<String>> = corpus
                .articles
                .iter()
                .map(|a| a.outlet.as_deref().map(str::to_lowercase))
                .collect();
            rows.sort_by(|a, b| {
                // Articles with no outlet go last.
                match (&outlets[*a], &outlets[*b]) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (x, y) => y.is_some().cmp(&x.is_some()),
                }
                .then_with(|| newest_first(a, b))
            })
        }
        SortKey::Perspective => {
            let classifier = crate::ingest::classify::Classifier::active();
            rows.sort_by(|a, b| {
                let order = |i: &usize| classifier.order(&corpus.articles[*i].perspective);
                order(a).cmp(&order(b)).then_with(|| newest_first(a, b))
            })
        }
    }
    rows
}

impl AppState {
    /// `L`: open the list with the cursor on the focused article.
    pub(super) fn open_article_list(&mut self, corpus: &Corpus) {
        self.articles.refresh(corpus, &self.reading);
        let focused = self.columns.get(self.focus).map(|c| c.article());
        let selected = focused
            .and_then(|a| self.articles.rows.iter().position(|&r| r == a))
            .unwrap_or(0);
        self.overlays.push(Overlay::Articles { selected });
    }

    /// `Enter` in the list: open the article's story with that article in front.
    pub(super) fn open_article(&mut self, corpus: &Corpus, article: usize) {
        self.articles.prepare(corpus);
        let Some(story) = self.articles.story_of(article) else {
            self.message = Some("this article is in no story".into());
            return;
        };
        self.remember_positions(corpus);
        let perspective = corpus.articles[article].perspective.clone();
        self.open_story_focused(corpus, story, Some(&perspective));
        if let Some(column) = self
            .columns
            .iter()
            .position(|c| c.articles.contains(&article))
        {
            if let Some(current) = self.columns[column]
                .articles
                .iter()
                .position(|&a| a == article)
            {
                self.columns[column].current = current;
            }
            self.set_focus(column);
            let layout = self.layout();
            self.sync_from(corpus, &layout, column);
        }
    }
}

/// Keys in the list: typing filters, `Tab` changes the sort, arrows move, `Enter` opens.
pub(super) fn list_keys(
    state: &mut AppState,
    corpus: &Corpus,
    selected: usize,
    action: super::Action,
) {
    use super::Action;
    let last = state.overlays.len() - 1;
    let page = usize::from(state.size.height.saturating_sub(6)).max(1) as i64;
    let refilter = |state: &mut AppState| {
        // Keep the cursor on the same article when it is still listed.
        let at = state.articles.rows.get(selected).copied();
        state.articles.refresh(corpus, &state.reading);
        let selected = at
            .and_then(|a| state.articles.rows.iter().position(|&r| r == a))
            .unwrap_or(0);
        state.overlays[last] = Overlay::Articles { selected };
    };
    match action {
        Action::Input(c) => {
            state.articles.query.push(c);
            refilter(state);
        }
        Action::InputBackspace => {
            state.articles.query.pop();
            refilter(state);
        }
        Action::FocusNext | Action::FocusPrev => {
            state.articles.sort = state.articles.sort.next();
            refilter(state);
        }
        Action::Confirm => {
            if let Some(&article) = state.articles.rows.get(selected) {
                state.overlays.pop();
                state.open_article(corpus, article);
            }
        }
        _ => {
            let max = state.articles.rows.len().saturating_sub(1);
            if let Some(selected) = super::moved(selected, max, page, action) {
                state.overlays[last] = Overlay::Articles { selected };
            }
        }
    }
}
