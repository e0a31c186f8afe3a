//! The reader while its corpus loads on a worker thread: the first frame comes at once with a
//! progress line, and when the articles arrive the reader opens the article read last.

use super::{AppState, Overlay};
use crate::model::Corpus;

/// How far loading got: files read of the files found (0 of 0 while they are being found).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
}

impl Loading {
    /// "reading 3,412 of 10,000 files…", then "10,000 files read; grouping stories…".
    pub fn line(&self) -> String {
        match self.total {
            0 => "looking for files…".to_string(),
            // Every file read: what remains is grouping them (seconds on a first launch).
            total if self.done >= total => format!(
                "{} file{} read; grouping stories…",
                thousands(total),
                if total == 1 { "" } else { "s" }
            ),
            total => format!(
                "reading {} of {} file{}…",
                thousands(self.done),
                thousands(total),
                if total == 1 { "" } else { "s" }
            ),
        }
    }
}

/// 10000 → "10,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl AppState {
    /// The corpus has arrived (it replaces `old`, the empty one shown while loading): open
    /// the story of `last_article` (the article in front when the reader was last closed) on
    /// that article, else the best story.
    /// What the reader opened meanwhile (the story picker, help, a list…) stays open on
    /// the new corpus.
    pub fn loaded(mut self, old: &Corpus, fresh: &Corpus, last_article: Option<&str>) -> AppState {
        let overlays = std::mem::take(&mut self.overlays);
        let mut state = self.reloaded(old, fresh);
        state.loading = None;
        state.message = None;
        let article = last_article.and_then(|id| fresh.articles.iter().position(|a| a.id == id));
        if let Some(article) = article {
            state.open_on_article(fresh, article);
        }
        for overlay in overlays {
            state.reopen(overlay, old, fresh);
        }
        state
    }

    /// The story read last has come alone, before the rest (`ingest::front`): open it as
    /// `loaded` would, with the progress line kept until the rest comes.
    pub fn front_loaded(
        self,
        old: &Corpus,
        story: &Corpus,
        last_article: Option<&str>,
    ) -> AppState {
        let progress = self.loading;
        let mut state = self.loaded(old, story, last_article);
        state.loading = progress;
        state
    }

    /// The whole corpus has come: open it where the reader is now (the story read last, if
    /// it came first and the reader moved in it), else on `last_article`.
    pub fn completed(self, shown: &Corpus, fresh: &Corpus, last_article: Option<&str>) -> AppState {
        let front = self.front_article(shown).map(str::to_string);
        self.loaded(shown, fresh, front.as_deref().or(last_article))
    }

    /// Open `overlay` (open over `shown`) again over `fresh`: lists are made anew with the
    /// cursor where opening them puts it, views of the story start at their top.
    fn reopen(&mut self, overlay: Overlay, shown: &Corpus, fresh: &Corpus) {
        let same = match overlay {
            Overlay::Stories { .. } => return self.open_story_picker(fresh),
            Overlay::Articles { .. } => return self.open_article_list(fresh),
            Overlay::SearchAll { .. } => return self.open_search_all(fresh),
            Overlay::Help { .. } | Overlay::Topics { .. } | Overlay::Place { .. } => overlay,
            Overlay::Warnings { .. } => Overlay::Warnings { first: 0 },
            Overlay::Coverage { .. } => Overlay::Coverage { row: 0, column: 0 },
            Overlay::Figures { .. } => Overlay::Figures { selected: 0 },
            Overlay::Quotes { .. } => Overlay::Quotes { group: 0, quote: 0 },
            Overlay::Gloss { article, block, .. } => {
                let id = shown.articles.get(article).map(|a| a.id.as_str());
                match id.and_then(|id| fresh.articles.iter().position(|a| a.id == id)) {
                    Some(article) => Overlay::Gloss {
                        article,
                        block,
                        scroll: 0,
                    },
                    None => return,
                }
            }
        };
        self.overlays.push(same);
    }

    /// The text of the open story has come (`ingest::texts`; the reader loads articles
    /// without it): lay the story out again, on the same articles, from the positions saved
    /// for them. Nothing is saved from the layout made without the text.
    pub fn texts_arrived(mut self, corpus: &Corpus) -> AppState {
        let shown: Vec<(String, usize)> = self
            .columns
            .iter()
            .map(|c| (c.perspective.clone(), c.article()))
            .collect();
        let focused = self.columns.get(self.focus).map(|c| c.perspective.clone());
        let zoom = self.zoom;
        self.cache = crate::text::wrap::WrapCache::default();
        self.topics = super::filter::TopicCache::default();
        self.hits = super::search::HitCache::default();
        self.search_all = self.search_all.for_new_corpus();
        if matches!(self.overlay(), Some(super::Overlay::SearchAll { .. })) {
            self.search_all.refresh(corpus);
        }
        let story = self.story;
        self.open_story_focused(corpus, story, focused.as_deref());
        for column in &mut self.columns {
            let article = shown.iter().find(|(p, _)| *p == column.perspective);
            if let Some(current) =
                article.and_then(|(_, a)| column.articles.iter().position(|x| x == a))
            {
                column.current = current;
            }
        }
        self.zoom = zoom;
        if !self.columns.is_empty() {
            let layout = self.layout();
            self.sync_from(corpus, &layout, self.focus);
        }
        self
    }

    /// Open the story holding `article` (a copy is read in its original's story) with that
    /// article in front. Nothing changes when no story holds it.
    fn open_on_article(&mut self, corpus: &Corpus, article: usize) {
        let shown = corpus.duplicate_of(article).unwrap_or(article);
        let Some(story) = corpus
            .stories
            .iter()
            .position(|s| s.articles.contains(&shown))
        else {
            return;
        };
        let perspective = super::place::perspective_of(&self.reading, corpus, shown);
        self.open_story_focused(corpus, story, Some(&perspective));
        let Some(column) = self
            .columns
            .iter()
            .position(|c| c.articles.contains(&shown))
        else {
            return;
        };
        if let Some(current) = self.columns[column]
            .articles
            .iter()
            .position(|&a| a == shown)
        {
            self.columns[column].current = current;
        }
        self.set_focus(column);
        let layout = self.layout();
        self.sync_from(corpus, &layout, column);
    }

    /// The article in front, by id: what the next launch opens first.
    pub fn front_article<'a>(&self, corpus: &'a Corpus) -> Option<&'a str> {
        let column = self.columns.get(self.focus)?;
        corpus.articles.get(column.article()).map(|a| a.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::{update, Action};

    fn empty() -> Corpus {
        Corpus::new(Vec::new(), Vec::new(), &Default::default())
    }

    #[test]
    fn the_progress_line_counts_with_thousands_separators() {
        assert_eq!(Loading::default().line(), "looking for files…");
        assert_eq!(
            Loading {
                done: 3412,
                total: 10000
            }
            .line(),
            "reading 3,412 of 10,000 files…"
        );
        assert_eq!(Loading { done: 0, total: 1 }.line(), "reading 0 of 1 file…");
        assert_eq!(
            Loading {
                done: 10_000,
                total: 10_000
            }
            .line(),
            "10,000 files read; grouping stories…"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn progress_is_an_action_that_changes_the_frame() {
        let corpus = empty();
        let mut state = AppState::new(&corpus, Keymap::embedded().clone(), 80, 24);
        state.loading = Some(Loading::default());
        let progress = Action::LoadProgress {
            done: 64,
            total: 10_000,
        };
        assert!(update(&mut state, &corpus, progress));
        assert_eq!(
            state.loading,
            Some(Loading {
                done: 64,
                total: 10_000
            })
        );
        assert!(
            !update(&mut state, &corpus, progress),
            "same figure, no redraw"
        );
        // Keys work while loading: help opens, q closes it, q quits.
        assert!(update(&mut state, &corpus, Action::Help));
        assert!(update(&mut state, &corpus, Action::Quit));
        assert!(state.running);
        update(&mut state, &corpus, Action::Quit);
        assert!(!state.running);
    }

    #[test]
    fn the_loaded_corpus_opens_on_the_article_read_last() {
        let corpus = crate::ingest::load_seeds();
        let shown: Vec<usize> = corpus
            .stories
            .iter()
            .flat_map(|s| s.articles.iter().copied())
            .collect();
        // An article that is not in front when the seeds open by themselves.
        let best = AppState::new(&corpus, Keymap::embedded().clone(), 160, 48);
        let front = best.front_article(&corpus).expect("front").to_string();
        let &last = shown
            .iter()
            .rev()
            .find(|&&i| corpus.articles[i].id != front)
            .expect("another article");
        let last_id = corpus.articles[last].id.clone();

        let loading = AppState::new(&empty(), Keymap::embedded().clone(), 160, 48);
        let mut state = loading.clone();
        state.loading = Some(Loading { done: 3, total: 5 });
        let state = state.loaded(&empty(), &corpus, Some(&last_id));
        assert_eq!(state.loading, None);
        assert_eq!(state.front_article(&corpus), Some(last_id.as_str()));
        assert!(corpus.stories[state.story].articles.contains(&last));

        // An id no longer loaded: the best story, as without one.
        let state = loading.loaded(&empty(), &corpus, Some("gone-000000000000"));
        assert_eq!(state.story, best.story);
        assert_eq!(state.front_article(&corpus), Some(front.as_str()));
    }

    /// The index of the corpus's story with the most articles.
    fn largest_story(corpus: &Corpus) -> usize {
        (0..corpus.stories.len())
            .max_by_key(|&k| corpus.stories[k].articles.len())
            .expect("a story")
    }

    /// The seeds' story `k` alone, as `ingest::front` hands it over: its articles renumbered.
    fn alone(corpus: &Corpus, k: usize) -> Corpus {
        let story = &corpus.stories[k];
        let articles = story
            .articles
            .iter()
            .map(|&i| corpus.articles[i].clone())
            .collect();
        let mut alone = Corpus::new(articles, Vec::new(), &Default::default());
        let mut only = story.clone();
        only.articles = (0..story.articles.len()).collect();
        alone.stories = vec![only];
        alone
    }

    #[test]
    fn the_story_read_last_comes_first_and_the_whole_corpus_keeps_the_place() {
        let corpus = crate::ingest::load_seeds();
        // The seeds' largest story, and its last article.
        let k = largest_story(&corpus);
        let story_id = corpus.stories[k].id.clone();
        let front = alone(&corpus, k);
        let last_id = front.articles.last().expect("an article").id.clone();

        let mut state = AppState::new(&empty(), Keymap::embedded().clone(), 160, 48);
        state.loading = Some(Loading { done: 0, total: 5 });
        let state = state.front_loaded(&empty(), &front, Some(&last_id));
        assert_eq!(state.front_article(&front), Some(last_id.as_str()));
        assert_eq!(front.stories[state.story].id, story_id);
        assert!(state.loading.is_some(), "the rest is still loading");

        // The reader moves to the next pane before the rest comes: that article is where
        // the whole corpus opens, not the one read last time.
        let mut state = state;
        update(&mut state, &front, Action::FocusNext);
        let moved_to = state
            .front_article(&front)
            .expect("a front article")
            .to_string();
        assert_ne!(moved_to, last_id, "the seeds' story has two sides");
        let state = state.completed(&front, &corpus, Some(&last_id));
        assert_eq!(state.loading, None);
        assert_eq!(corpus.stories[state.story].id, story_id);
        assert_eq!(state.front_article(&corpus), Some(moved_to.as_str()));
    }
    #[test]
    fn the_picker_opened_while_loading_stays_open_as_the_stories_come() {
        let corpus = crate::ingest::load_seeds();
        let k = largest_story(&corpus);
        let story_id = corpus.stories[k].id.clone();
        let front = alone(&corpus, k);
        let last_id = front.articles[0].id.clone();

        // Help is opened and closed, then the picker opened, before anything has come.
        let mut state = AppState::new(&empty(), Keymap::embedded().clone(), 160, 48);
        state.loading = Some(Loading { done: 0, total: 5 });
        update(&mut state, &empty(), Action::Help);
        update(&mut state, &empty(), Action::Quit);
        update(&mut state, &empty(), Action::Stories);
        assert_eq!(state.story_list.rows.len(), 0);
        let state = state.front_loaded(&empty(), &front, Some(&last_id));
        assert_eq!(state.overlay(), Some(&Overlay::Stories { selected: 0 }));
        assert_eq!(state.story_list.rows.len(), 1, "the story that came first");

        let state = state.completed(&front, &corpus, Some(&last_id));
        assert_eq!(corpus.stories[state.story].id, story_id);
        let Some(&Overlay::Stories { selected }) = state.overlay() else {
            panic!("the picker closed: {:?}", state.overlays);
        };
        // The picker lists every story now, its cursor on the story open behind it.
        assert_eq!(state.story_list.rows.len(), corpus.stories.len());
        assert_eq!(state.story_list.rows.get(selected), Some(&state.story));
        assert_eq!(state.overlays.len(), 1, "help was closed before");
    }

    #[test]
    fn a_story_laid_out_before_its_text_came_reads_as_if_it_had_been_there() {
        // The reader opens a story, then reads its text from the store (`ingest::texts`).
        let corpus = crate::ingest::load_seeds();
        let k = largest_story(&corpus);
        let story = &corpus.stories[k];
        let last = corpus.articles[*story.articles.last().expect("an article")]
            .id
            .clone();
        let mut textless = corpus.clone();
        for article in &mut textless.articles {
            article.blocks.clear();
        }
        let open = |on: &Corpus| {
            let mut state = AppState::new(&empty(), Keymap::embedded().clone(), 160, 48);
            state.loading = Some(Loading::default());
            state.loaded(&empty(), on, Some(&last))
        };
        let with_text = open(&corpus);
        let before = open(&textless);
        assert_ne!(
            before, with_text,
            "laid out without text, it is not the same"
        );
        // The aligned seeds open aligned: without text there was nothing to align.
        assert_eq!(with_text.sync, crate::app::sync::SyncMode::Aligned);
        assert_ne!(before.sync, with_text.sync);
        let after = before.texts_arrived(&corpus);
        assert_eq!(after, with_text);
        assert_eq!(after.front_article(&corpus), Some(last.as_str()));
    }
}
