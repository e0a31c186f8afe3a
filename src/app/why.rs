//! `w` ("why"): the overlay glossing the focused paragraph — each Korean or Japanese term with
//! its English, and which of them its counterpart shares. This file picks the paragraph and
//! handles the overlay's keys; `view::gloss` draws it.

use super::{Action, AppState, Overlay};
use crate::analysis::gloss::paragraph::{glossed_terms, has_terms};
use crate::analysis::gloss::Glossary;
use crate::model::Corpus;
use crate::text::wrap::LineKind;

impl AppState {
    /// The paragraph `w` explains: the first one on screen in the focused pane that has
    /// Korean or Japanese in it, else the first one on screen.
    pub(super) fn open_gloss(&mut self, corpus: &Corpus) {
        if self.columns.is_empty() {
            return;
        }
        let layout = self.layout();
        let (w, h) = self.geometry(&layout, self.focus);
        let (wrapped, view) = self.pane_view(corpus, self.focus, w, h);
        let mut on_screen: Vec<usize> = Vec::new();
        for line in wrapped.lines.iter().skip(view.top).take(view.height) {
            if !matches!(line.kind, LineKind::Blank | LineKind::Fold)
                && on_screen.last() != Some(&line.block)
            {
                on_screen.push(line.block);
            }
        }
        let Some(article) = corpus.articles.get(view.article) else {
            return;
        };
        let text = |b: usize| article.blocks.get(b).map_or("", |b| b.text.as_str());
        let Some(block) = on_screen
            .iter()
            .copied()
            .find(|&b| has_terms(text(b)))
            .or(on_screen.first().copied())
        else {
            return;
        };
        self.overlays.push(Overlay::Gloss {
            article: view.article,
            block,
            scroll: 0,
        });
    }
}

/// Keys in the overlay: the scroll keys move through the list of terms.
pub(super) fn gloss_view(
    state: &mut AppState,
    corpus: &Corpus,
    at: (usize, usize, usize),
    action: Action,
) {
    let (article, block, scroll) = at;
    let last = state.overlays.len() - 1;
    let page = usize::from(state.size.height.saturating_sub(8)).max(1) as i64;
    let text = corpus
        .articles
        .get(article)
        .and_then(|a| a.blocks.get(block))
        .map_or("", |b| b.text.as_str());
    let count = match has_terms(text) {
        true => glossed_terms(Glossary::embedded(), text).len(),
        false => 0,
    };
    if let Some(scroll) = super::moved(scroll, count.saturating_sub(1), page, action) {
        state.overlays[last] = Overlay::Gloss {
            article,
            block,
            scroll,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::{update, Scroll};
    use crate::model::{Article, Block, BlockKind, Format};
    use std::collections::BTreeMap;

    fn corpus() -> Corpus {
        let article = Article {
            id: "k1".into(),
            source: "k1.txt".into(),
            format: Format::Text,
            title: "T".into(),
            outlet: None,
            perspective: "korean".into(),
            perspective_reason: "test".into(),
            perspective_source: "rule".into(),
            perspective_confidence: 1.0,
            language: None,
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: Some("s".into()),
            blocks: vec![
                Block::new(BlockKind::Heading, "Seoul desk"),
                Block::new(
                    BlockKind::Paragraph,
                    "다카이치 총리와 트럼프 대통령이 회담했다.",
                ),
            ],
            warnings: vec![],
            dropped: vec![],
        };
        Corpus::new(vec![article], vec![], &BTreeMap::new())
    }

    #[test]
    fn w_glosses_the_first_paragraph_on_screen_with_korean_or_japanese_in_it() {
        let corpus = corpus();
        let mut s = AppState::new(&corpus, Keymap::embedded().clone(), 120, 40);
        assert!(update(&mut s, &corpus, Action::Why));
        // The English heading is skipped for the Korean paragraph below it.
        assert_eq!(
            s.overlay(),
            Some(&Overlay::Gloss {
                article: 0,
                block: 1,
                scroll: 0
            })
        );
        // Scrolling stops at the last term (다카이치, 총리, 트럼프, 대통령, 회담: five).
        let terms = glossed_terms(Glossary::embedded(), &corpus.articles[0].blocks[1].text);
        assert_eq!(terms.len(), 5, "{terms:?}");
        update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
        assert_eq!(
            s.overlay(),
            Some(&Overlay::Gloss {
                article: 0,
                block: 1,
                scroll: 4
            })
        );
        update(&mut s, &corpus, Action::Why);
        assert_eq!(s.overlay(), None, "w closes it again");
    }

    #[test]
    fn w_without_articles_does_nothing() {
        let corpus = Corpus::new(vec![], vec![], &BTreeMap::new());
        let mut s = AppState::new(&corpus, Keymap::embedded().clone(), 80, 24);
        update(&mut s, &corpus, Action::Why);
        assert_eq!(s.overlay(), None);
    }
}
