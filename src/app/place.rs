//! `P`: the reader moves the focused article to another perspective. The choice goes into the
//! reading state (as `parallax place` writes it), the article changes column at once, and the
//! next load trains the inference on it.

use super::{Action, AppState, Effect, Overlay};
use crate::ingest::classify::Classifier;
use crate::model::Corpus;
use crate::state::ReadingState;

/// One line of the picker: a perspective to move to, or undoing the reader's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Perspective { id: String, label: String },
    Clear,
}

/// The picker's lines: every perspective the config knows, in display order, then "clear".
pub fn choices() -> Vec<Choice> {
    let mut out: Vec<Choice> = Classifier::active()
        .perspectives
        .iter()
        .map(|p| Choice::Perspective {
            id: p.id.clone(),
            label: p.label.clone(),
        })
        .collect();
    out.push(Choice::Clear);
    out
}

/// Where the article stands for the reader now: the reader's choice when it names a known
/// perspective, else the perspective the rules gave it (also when a choice made at load time
/// was cleared since).
pub fn perspective_of(reading: &ReadingState, corpus: &Corpus, index: usize) -> String {
    let Some(article) = corpus.articles.get(index) else {
        return crate::ingest::classify::OTHER.to_string();
    };
    let classifier = Classifier::active();
    let known = |p: &str| classifier.perspective(p).is_some();
    match reading.marks(&article.id).perspective.as_deref() {
        Some(p) if known(p) => p.to_string(),
        _ => {
            let ruled = corpus
                .ruled_perspectives
                .get(&article.id)
                .unwrap_or(&article.perspective);
            match known(ruled) {
                true => ruled.clone(),
                false => crate::ingest::classify::OTHER.to_string(),
            }
        }
    }
}

/// Why the article stands where it does, as the picker shows it.
pub fn reason_of(reading: &ReadingState, corpus: &Corpus, index: usize) -> String {
    let Some(article) = corpus.articles.get(index) else {
        return String::new();
    };
    let chosen = reading
        .get(&article.id)
        .perspective
        .filter(|p| Classifier::active().perspective(p).is_some());
    match (chosen, corpus.ruled_perspectives.get(&article.id)) {
        (Some(_), _) if article.perspective_source == "user" => article.perspective_reason.clone(),
        (Some(_), _) => format!(
            "placed by you (rules said {}: {})",
            article.perspective, article.perspective_reason
        ),
        (None, Some(_)) => "your placement cleared: the rules' placement".to_string(),
        (None, None) => article.perspective_reason.clone(),
    }
}

impl AppState {
    /// The corpus index of the focused article, if any column is open.
    pub fn focused_article(&self) -> Option<usize> {
        self.columns.get(self.focus).map(|c| c.article())
    }

    /// Open the picker on the focused article's perspective.
    pub(super) fn open_place_picker(&mut self, corpus: &Corpus) {
        let Some(article) = self.focused_article() else {
            return;
        };
        let now = perspective_of(&self.reading, corpus, article);
        let selected = choices()
            .iter()
            .position(|c| matches!(c, Choice::Perspective { id, .. } if *id == now))
            .unwrap_or(0);
        self.overlays.push(Overlay::Place { selected });
    }
}

/// Keys in the picker: move the selection; Enter places the article (or clears the choice).
pub(super) fn place_picker(state: &mut AppState, corpus: &Corpus, selected: usize, action: Action) {
    let options = choices();
    let last = state.overlays.len() - 1;
    if action != Action::Confirm {
        let max = options.len().saturating_sub(1);
        if let Some(selected) = super::moved(selected, max, max as i64, action) {
            state.overlays[last] = Overlay::Place { selected };
        }
        return;
    }
    state.overlays.pop();
    let (Some(article), Some(choice)) = (state.focused_article(), options.get(selected)) else {
        return;
    };
    let id = corpus.articles[article].id.clone();
    let chosen = match choice {
        Choice::Perspective { id, .. } => Some(id.clone()),
        Choice::Clear => None,
    };
    if state.reading.get(&id).perspective != chosen {
        state.edit_reading(&id, |s| s.perspective = chosen.clone());
        state.effects.push(Effect::SaveState);
    }
    let now = perspective_of(&state.reading, corpus, article);
    state.remember_positions(corpus);
    state.open_story_focused(corpus, state.story, Some(&now));
    // The article is shown in its new column (which may hold others too).
    if let Some(column) = state.columns.get_mut(state.focus) {
        if let Some(at) = column.articles.iter().position(|&a| a == article) {
            column.current = at;
        }
    }
    let label = state.column_label(state.focus);
    state.message = Some(match chosen {
        Some(_) => format!("placed by you: {label}"),
        None => format!("your placement cleared: {label} by the rules"),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::{update, Scroll};
    use crate::model::{Article, Block, BlockKind, Format};
    use std::collections::BTreeMap;

    fn article(id: &str, perspective: &str, source: &str) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: format!("Title {id}"),
            outlet: None,
            perspective: perspective.into(),
            perspective_reason: format!("rule reason of {id}"),
            perspective_source: source.into(),
            perspective_confidence: 1.0,
            language: None,
            date: Some("2025-10-28".into()),
            url: None,
            byline: None,
            dateline: None,
            story: Some("big".into()),
            blocks: vec![Block::new(BlockKind::Paragraph, "words")],
            warnings: vec![],
            dropped: vec![],
        }
    }

    /// One story: two Korean articles and a wire one.
    fn corpus() -> Corpus {
        let articles = vec![
            article("k1", "korean", "rule"),
            article("k2", "korean", "rule"),
            article("w1", "wire", "rule"),
        ];
        Corpus::new(articles, vec![], &BTreeMap::new())
    }

    fn columns(s: &AppState, corpus: &Corpus) -> Vec<(String, Vec<String>)> {
        s.columns
            .iter()
            .map(|c| {
                let ids = c.articles.iter().map(|&a| corpus.articles[a].id.clone());
                (c.perspective.clone(), ids.collect())
            })
            .collect()
    }

    fn open(corpus: &Corpus) -> AppState {
        AppState::new(corpus, Keymap::embedded().clone(), 120, 40)
    }

    fn down(n: i32) -> Action {
        Action::Scroll(Scroll::Lines(n))
    }

    #[test]
    fn the_picker_lists_every_perspective_then_clear_and_starts_on_the_current_one() {
        let corpus = corpus();
        let mut s = open(&corpus);
        assert_eq!(corpus.articles[s.focused_article().unwrap_or(9)].id, "k1");
        assert!(update(&mut s, &corpus, Action::Place));
        // Embedded perspectives in display order: korean, japanese, wire, other; then clear.
        let ids: Vec<String> = choices()
            .iter()
            .map(|c| match c {
                Choice::Perspective { id, .. } => id.clone(),
                Choice::Clear => "clear".into(),
            })
            .collect();
        assert_eq!(ids, ["korean", "japanese", "wire", "other", "clear"]);
        assert_eq!(s.overlay(), Some(&Overlay::Place { selected: 0 }));
        update(&mut s, &corpus, down(10));
        assert_eq!(s.overlay(), Some(&Overlay::Place { selected: 4 }));
        update(&mut s, &corpus, Action::Close);
        assert_eq!(s.overlay(), None);
        assert!(s.effects.is_empty(), "Esc changes nothing");
        assert!(s.reading.get("k1").perspective.is_none());
    }

    #[test]
    fn enter_moves_the_article_to_its_new_column_at_once_and_saves_the_choice() {
        let corpus = corpus();
        let mut s = open(&corpus);
        update(&mut s, &corpus, Action::Place);
        update(&mut s, &corpus, down(1)); // japanese
        update(&mut s, &corpus, Action::Confirm);
        assert_eq!(s.overlay(), None);
        assert_eq!(s.reading.get("k1").perspective.as_deref(), Some("japanese"));
        assert_eq!(s.effects, vec![Effect::SaveState]);
        assert_eq!(
            columns(&s, &corpus),
            vec![
                ("korean".to_string(), vec!["k2".to_string()]),
                ("japanese".to_string(), vec!["k1".to_string()]),
                ("wire".to_string(), vec!["w1".to_string()]),
            ]
        );
        // The focus follows the article into its new column.
        assert_eq!(s.focus, 1);
        assert_eq!(corpus.articles[s.focused_article().unwrap_or(9)].id, "k1");
        assert_eq!(s.message.as_deref(), Some("placed by you: Japanese"));
        let index = s.focused_article().unwrap_or(9);
        assert!(
            reason_of(&s.reading, &corpus, index).starts_with("placed by you (rules said korean")
        );
    }

    #[test]
    fn clear_gives_a_choice_made_before_this_session_back_to_the_rules() {
        // As ingest leaves it when the saved state placed w1 under Japanese.
        let mut corpus = corpus();
        corpus.articles[2].perspective = "japanese".into();
        corpus.articles[2].perspective_source = "user".into();
        corpus.articles[2].perspective_reason = "placed by you (rules said wire: x)".into();
        corpus.ruled_perspectives.insert("w1".into(), "wire".into());
        let mut reading = ReadingState::default();
        reading.update("w1", |a| a.perspective = Some("japanese".into()));
        let mut s = open(&corpus).with_reading(&corpus, reading);
        let japanese = s
            .columns
            .iter()
            .position(|c| c.perspective == "japanese")
            .unwrap_or(9);
        s.focus = japanese;
        update(&mut s, &corpus, Action::Place);
        assert_eq!(s.overlay(), Some(&Overlay::Place { selected: 1 }));
        update(&mut s, &corpus, Action::Scroll(Scroll::Bottom)); // clear
        update(&mut s, &corpus, Action::Confirm);
        assert_eq!(s.reading.get("w1").perspective, None);
        assert_eq!(
            columns(&s, &corpus),
            vec![
                (
                    "korean".to_string(),
                    vec!["k1".to_string(), "k2".to_string()]
                ),
                ("wire".to_string(), vec!["w1".to_string()]),
            ]
        );
        assert_eq!(s.focus, 1);
        assert_eq!(
            s.message.as_deref(),
            Some("your placement cleared: Wire by the rules")
        );
    }

    #[test]
    fn place_does_nothing_without_articles() {
        let corpus = Corpus::new(vec![], vec![], &BTreeMap::new());
        let mut s = open(&corpus);
        update(&mut s, &corpus, Action::Place);
        assert_eq!(s.overlay(), None);
    }
}
