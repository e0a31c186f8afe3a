//! The story picker (`s`): every story, filtered as you type, optionally only the stories
//! with something unread (`Tab`), each with its unread count. Pure: the rows are indexes into
//! `corpus.stories`, the counts read the reading state (placements included).

use super::{AppState, Overlay};
use crate::model::{Corpus, Story};
use crate::state::ReadingState;
use std::rc::Rc;

/// The picker's state that outlives one frame: the query, the unread-only toggle, the rows
/// they yield, and each story's lowercased haystack (made once per corpus).
#[derive(Debug, Clone, Default)]
pub struct StoryList {
    pub query: String,
    pub unread_only: bool,
    /// Indexes into `corpus.stories`, in corpus order (newest first).
    pub rows: Rc<Vec<usize>>,
    /// Per story: its title, its articles' titles and outlets, lowercased.
    haystacks: Rc<Vec<String>>,
}

/// Clones share the haystacks; equality looks at what the user sees.
impl PartialEq for StoryList {
    fn eq(&self, other: &Self) -> bool {
        self.query == other.query
            && self.unread_only == other.unread_only
            && self.rows == other.rows
    }
}

impl StoryList {
    /// The same query and toggle, the haystacks dropped (they index the old corpus).
    pub fn for_new_corpus(&self) -> StoryList {
        StoryList {
            query: self.query.clone(),
            unread_only: self.unread_only,
            ..StoryList::default()
        }
    }

    fn prepare(&mut self, corpus: &Corpus) {
        if self.haystacks.len() == corpus.stories.len() {
            return;
        }
        self.haystacks = Rc::new(corpus.stories.iter().map(|s| haystack(corpus, s)).collect());
    }

    /// Recompute the rows for the current query and toggle.
    pub fn refresh(&mut self, corpus: &Corpus, reading: &ReadingState) {
        self.prepare(corpus);
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let rows = (0..corpus.stories.len())
            .filter(|&i| {
                let hay = self.haystacks.get(i).map(String::as_str).unwrap_or("");
                words.iter().all(|w| hay.contains(w.as_str()))
                    && (!self.unread_only || unread(reading, corpus, &corpus.stories[i]) > 0)
            })
            .collect();
        self.rows = Rc::new(rows);
    }
}

/// What a story's filter words are looked for in: why a story can be found by an outlet or by
/// the title of one of its articles as well as by its own title.
fn haystack(corpus: &Corpus, story: &Story) -> String {
    let mut hay = story.title.to_lowercase();
    for article in story
        .articles
        .iter()
        .filter_map(|&i| corpus.articles.get(i))
    {
        hay.push('\n');
        hay.push_str(&article.title.to_lowercase());
        if let Some(outlet) = &article.outlet {
            hay.push('\n');
            hay.push_str(&outlet.to_lowercase());
        }
    }
    hay
}

/// How many of the story's articles are not marked read.
pub fn unread(reading: &ReadingState, corpus: &Corpus, story: &Story) -> usize {
    story
        .articles
        .iter()
        .filter_map(|&i| corpus.articles.get(i))
        .filter(|a| !reading.marks(&a.id).read)
        .count()
}

impl AppState {
    /// `s`: open the picker on the open story (or the first row when it is filtered out).
    pub(super) fn open_story_picker(&mut self, corpus: &Corpus) {
        self.story_list.refresh(corpus, &self.reading);
        let selected = self
            .story_list
            .rows
            .iter()
            .position(|&s| s == self.story)
            .unwrap_or(0);
        self.overlays.push(Overlay::Stories { selected });
    }
}

/// Keys in the picker: typing filters, `Tab` toggles unread-only, arrows move, `Enter` opens.
/// `selected` indexes `AppState::story_list.rows`.
pub(super) fn story_keys(
    state: &mut AppState,
    corpus: &Corpus,
    selected: usize,
    action: super::Action,
) {
    use super::Action;
    let last = state.overlays.len() - 1;
    let page = usize::from(state.size.height.saturating_sub(6)).max(1) as i64;
    let refilter = |state: &mut AppState| {
        // Keep the cursor on the same story when it is still listed.
        let at = state.story_list.rows.get(selected).copied();
        state.story_list.refresh(corpus, &state.reading);
        let selected = at
            .and_then(|s| state.story_list.rows.iter().position(|&r| r == s))
            .unwrap_or(0);
        state.overlays[last] = Overlay::Stories { selected };
    };
    match action {
        Action::Input(c) => {
            state.story_list.query.push(c);
            refilter(state);
        }
        Action::InputBackspace => {
            state.story_list.query.pop();
            refilter(state);
        }
        Action::FocusNext | Action::FocusPrev => {
            state.story_list.unread_only = !state.story_list.unread_only;
            refilter(state);
        }
        Action::Confirm => {
            state.overlays.pop();
            match state.story_list.rows.get(selected).copied() {
                Some(story) if story != state.story => {
                    state.remember_positions(corpus);
                    state.open_story(corpus, story);
                }
                Some(_) => {}
                None => state.message = Some("no story matches the filter".into()),
            }
        }
        _ => {
            let max = state.story_list.rows.len().saturating_sub(1);
            if let Some(selected) = super::moved(selected, max, page, action) {
                state.overlays[last] = Overlay::Stories { selected };
            }
        }
    }
}
