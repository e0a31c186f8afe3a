//! The top bar: the story's title and date span, the sync mode, the active filters.

use super::theme;
use crate::app::AppState;
use crate::model::{Corpus, Story};
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct TopBar<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
}

/// "2025-10-28 – 2025-10-29", one day when they agree, "undated" when no article has a date.
pub fn date_span(story: &Story) -> String {
    match (&story.first_day, &story.last_day) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) | (None, Some(a)) => a.clone(),
        (None, None) => "undated".into(),
    }
}

impl Widget for TopBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let TopBar { state, corpus } = self;
        buf.set_style(area, theme::bar());
        let story = corpus.stories.get(state.story);
        let (title, dates) = match story {
            Some(s) => (s.title.as_str(), date_span(s)),
            None if state.loading.is_some() => ("loading…", String::new()),
            None => ("no stories", String::new()),
        };
        // With one column there is nothing to keep level.
        let mut right = match state.columns.len() {
            0 | 1 => "sync: –".to_string(),
            _ => format!("sync: {}", state.sync.label()),
        };
        if state.zoom {
            right.push_str(" │ zoom");
        }
        let filters = state.filter_labels();
        if !filters.is_empty() {
            right.push_str(&format!(" │ filter: {}", filters.join(", ")));
        }
        let width = usize::from(area.width);
        let fixed = display_width(" parallax │ ") + display_width(&format!(" │ {dates}"));
        // "filter: none" is shown only when the whole title still fits beside it.
        if filters.is_empty() && fixed + display_width(title) + display_width(&right) + 16 <= width
        {
            right.push_str(" │ filter: none");
        }
        right.push(' ');
        let right = truncate_to_width(&right, width / 2);
        let right_width = display_width(&right);
        let left_room = width.saturating_sub(right_width + 1);
        let mut left = vec![Span::from(" parallax ").add_modifier(Modifier::BOLD)];
        let dates_part = format!(" │ {dates}");
        let title = truncate_to_width(title, left_room.saturating_sub(fixed).max(1));
        left.push(Span::from("│ ").dim());
        left.push(Span::from(title).bold().white());
        if !dates.is_empty() {
            left.push(Span::from(dates_part));
        }
        buf.set_line(area.x, area.y, &Line::from(left), left_room as u16);
        let x = area.x + area.width - right_width as u16;
        buf.set_line(x, area.y, &Line::from(right), right_width as u16);
    }
}
