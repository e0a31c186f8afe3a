//! The warnings overlay: what failed or was repaired while loading, file by file.

use super::{popup, theme};
use crate::model::Corpus;
use crate::text::wrap::wrap_text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub struct Warnings<'a> {
    pub corpus: &'a Corpus,
    /// The first warning shown.
    pub first: usize,
}

impl Widget for Warnings<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let warnings = self.corpus.all_warnings();
        let title = Line::from(format!(" Load warnings ({}) — Esc closes ", warnings.len())).bold();
        let width = area.width.saturating_sub(8).min(100);
        let text_width = usize::from(width.saturating_sub(4)).max(4);
        // Every warning's lines, so the box keeps its size while scrolling; `first` picks
        // the warning at the top.
        let mut lines: Vec<(usize, String, Style)> = Vec::new();
        if warnings.is_empty() {
            lines.push((0, "Every file loaded cleanly.".into(), Style::default()));
        }
        for (index, warning) in warnings.iter().enumerate() {
            lines.push((index, format!("⚠ {}", warning.file), theme::warning()));
            for line in wrap_text(&warning.message, text_width.saturating_sub(2)) {
                lines.push((index, format!("  {line}"), Style::default()));
            }
        }
        let inner = popup(area, width, lines.len() as u16 + 2, title, buf);
        let shown = lines.iter().skip_while(|(index, _, _)| *index < self.first);
        for (row, (_, text, style)) in shown.take(usize::from(inner.height)).enumerate() {
            buf.set_stringn(
                inner.x + 1,
                inner.y + row as u16,
                text,
                usize::from(inner.width.saturating_sub(1)),
                *style,
            );
        }
    }
}
