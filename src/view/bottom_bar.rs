//! The bottom bar: the last message or key hints, and the warning count.

use super::theme;
use crate::app::{Action, AppState, Scroll};
use crate::model::Corpus;
use crate::text::width::display_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct BottomBar<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
}

/// The hints, most useful first; as many as fit are shown.
/// A pair shows both keys ("j/k scroll").
const HINTS: &[(Action, Option<Action>, &str)] = &[
    (Action::Quit, None, "quit"),
    (Action::Help, None, "help"),
    (Action::Stories, None, "stories"),
    (Action::FocusNext, None, "focus"),
    (
        Action::Scroll(Scroll::Lines(1)),
        Some(Action::Scroll(Scroll::Lines(-1))),
        "scroll",
    ),
    (Action::CycleSync, None, "sync"),
    (Action::Zoom, None, "zoom"),
    (Action::PrevArticle, Some(Action::NextArticle), "article"),
];

/// The search in the bar: "/query▏" while typing, then "/query  3/17 (42 in all panes)".
fn search_spans(
    state: &AppState,
    corpus: &Corpus,
    search: &crate::app::search::Search,
) -> Vec<Span<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::styled(format!("/{}", search.query), bold)];
    if search.editing {
        spans.push(Span::styled("▏", bold));
    }
    if let Some(tally) = state.tally(corpus) {
        let at = tally
            .current
            .map_or("-".to_string(), |i| (i + 1).to_string());
        spans.push(Span::from(format!("  {at}/{}", tally.focused)));
        if tally.all != tally.focused {
            spans.push(Span::styled(
                format!(" ({} in all panes)", tally.all),
                theme::dim(),
            ));
        }
    }
    spans.push(Span::styled(
        if search.editing {
            "  Enter keeps · Esc clears"
        } else {
            "  n/N next/prev · Esc clears"
        },
        theme::dim(),
    ));
    spans.push(Span::from("  "));
    spans
}

impl Widget for BottomBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let BottomBar { state, corpus } = self;
        buf.set_style(area, theme::bar());
        let right = match state.warning_count {
            0 => String::from("no warnings "),
            n => {
                let key = state.keymap.key(Action::Warnings).unwrap_or("!");
                format!("⚠ {n} warning{} ({key}) ", if n == 1 { "" } else { "s" })
            }
        };
        let right_width = display_width(&right) as u16;
        let right_style = if state.warning_count > 0 {
            theme::warning()
        } else {
            theme::dim()
        };
        let room = area.width.saturating_sub(right_width + 1);
        let mut spans = vec![Span::from(" ")];
        if let Some(search) = &state.search {
            spans.extend(search_spans(state, corpus, search));
        }
        // The story read last is shown before the rest of the corpus has come.
        if let (Some(loading), false) = (&state.loading, state.columns.is_empty()) {
            spans.push(Span::styled(loading.line(), theme::dim()));
            spans.push(Span::from("  "));
        }
        if let Some(message) = &state.message {
            spans.push(Span::styled(
                message.clone(),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::from("  "));
        }
        let mut used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        let hints = if state.text_input() { &[][..] } else { HINTS };
        for (action, pair, label) in hints {
            let Some(key) = state.keymap.key(*action) else {
                continue;
            };
            let mut key = super::help::key_label(key);
            if let Some(other) = pair.and_then(|a| state.keymap.key(a)) {
                key = format!("{key}/{}", super::help::key_label(other));
            }
            let hint_width = display_width(&key) + 1 + display_width(label) + 2;
            if used + hint_width > usize::from(room) {
                break;
            }
            used += hint_width;
            spans.push(Span::styled(
                key,
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::from(format!(" {label}  ")));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), room);
        if right_width <= area.width {
            buf.set_string(
                area.x + area.width - right_width,
                area.y,
                right,
                right_style,
            );
        }
    }
}
