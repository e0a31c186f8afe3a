//! The perspective picker (`P`): where the focused article stands and why, then every
//! perspective to move it to and "clear" to give it back to the rules.

use super::{popup, theme};
use crate::app::place::{self, Choice};
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::sanitize::clean_line;
use crate::text::width::truncate_to_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct PlacePicker<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

/// Lines the reason may take before it is cut.
const REASON_LINES: usize = 3;
const WIDTH: u16 = 64;

impl Widget for PlacePicker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let PlacePicker {
            state,
            corpus,
            selected,
        } = self;
        let Some(article) = state.focused_article() else {
            return;
        };
        let now = place::perspective_of(&state.reading, corpus, article);
        let reason = clean_line(&place::reason_of(&state.reading, corpus, article));
        let inner_width = usize::from(WIDTH.min(area.width.saturating_sub(2))).saturating_sub(2);
        let mut reason_lines: Vec<String> = textwrap::wrap(
            &format!("{} — {reason}", theme::perspective_label(&now)),
            inner_width.max(1),
        )
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
        if reason_lines.len() > REASON_LINES {
            reason_lines.truncate(REASON_LINES);
            let last = &mut reason_lines[REASON_LINES - 1];
            *last = format!(
                "{}…",
                truncate_to_width(last, inner_width.saturating_sub(1))
            );
        }
        let options = place::choices();
        let height = (reason_lines.len() + options.len() + 3) as u16;
        let title = Line::from(" Place this article — Enter moves it, Esc closes ").bold();
        let inner = popup(area, WIDTH, height, title, buf);
        if inner.height < 2 {
            return;
        }
        let mut lines: Vec<Line> = reason_lines
            .into_iter()
            .map(|l| Line::from(l).dim())
            .collect();
        lines.push(Line::from(""));
        for (index, choice) in options.iter().enumerate() {
            let marker = match choice {
                Choice::Perspective { id, .. } if *id == now => "● ",
                _ => "  ",
            };
            let mut line = match choice {
                Choice::Perspective { id, label } => Line::from(vec![
                    Span::from(marker),
                    Span::styled(
                        clean_line(label),
                        Style::default().fg(theme::perspective_color(id)),
                    ),
                ]),
                Choice::Clear => Line::from(vec![
                    Span::from(marker),
                    Span::from("clear (give it back to the rules)"),
                ]),
            };
            if index == selected {
                line = line.reversed();
            }
            lines.push(line);
        }
        // Keep the selection on screen when the terminal is short: the reason goes first.
        let rows = usize::from(inner.height);
        let first = lines.len().saturating_sub(rows).min(lines.len());
        for (row, line) in lines.iter().skip(first).take(rows).enumerate() {
            buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
        }
    }
}
