//! The perspective tabs shown when panes are shown one at a time (narrow terminal or zoom).

use super::theme;
use crate::app::{layout, AppState};
use crate::text::width::display_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Widget;

pub struct Tabs<'a> {
    pub state: &'a AppState,
}

impl Widget for Tabs<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let labels: Vec<String> = (0..state.columns.len())
            .map(|c| state.tab_label(c))
            .collect();
        let widths: Vec<usize> = labels.iter().map(|l| display_width(l)).collect();
        let rects = layout::tabs(area, &widths, state.focus);
        for (column, (rect, label)) in rects.iter().zip(&labels).enumerate() {
            if rect.width == 0 {
                continue; // scrolled off to the left
            }
            let color = theme::perspective_color(&state.columns[column].perspective);
            let style = if column == state.focus {
                Style::default()
                    .bg(color)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default().fg(color)
            };
            buf.set_stringn(
                rect.x,
                rect.y,
                format!(" {label} "),
                usize::from(rect.width),
                style,
            );
            let separator = rect.x + rect.width;
            if separator < area.x + area.width && column + 1 < labels.len() {
                buf.set_string(separator, rect.y, "│", theme::dim());
            }
        }
    }
}
