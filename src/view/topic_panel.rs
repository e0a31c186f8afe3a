//! The topic panel: every topic with how many paragraphs each perspective of the story gives
//! it, which topics are selected, and the filter mode.

use super::{popup, theme};
use crate::analysis::topics::{Lexicon, TopicId};
use crate::app::filter::FilterMode;
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct TopicPanel<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

/// Widest topic label column.
const MAX_LABEL_WIDTH: usize = 28;

impl Widget for TopicPanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let TopicPanel {
            state,
            corpus,
            selected,
        } = self;
        let lexicon = Lexicon::active();
        let matrix = state.topics.coverage(corpus, state.story);
        let perspectives = matrix.as_ref().map_or(&[][..], |m| &m.perspectives[..]);
        let widths: Vec<usize> = perspectives
            .iter()
            .map(|p| display_width(&theme::perspective_label(&p.id)).max(3))
            .collect();
        let counts_width: usize = widths.iter().map(|w| w + 2).sum();
        let topics = lexicon.topics();
        let label_width = topics
            .iter()
            .map(|t| display_width(&t.label))
            .max()
            .unwrap_or(0)
            .clamp(8, MAX_LABEL_WIDTH);
        let width = (10 + label_width + counts_width).max(56) as u16;
        let title = Line::from(" Topics — Space/Enter toggles · ←/→ mode · Esc closes ").bold();
        let inner = popup(area, width, topics.len() as u16 + 6, title, buf);
        if inner.height < 3 {
            return;
        }
        // Mode line: both modes, the active one reversed.
        let filter = &state.topic_filter;
        let mut mode = vec![Span::from(" mode: ")];
        for m in [FilterMode::Highlight, FilterMode::Focus] {
            let label = format!(" {} ", m.label());
            mode.push(if m == filter.mode {
                Span::styled(label, Style::default().add_modifier(Modifier::REVERSED))
            } else {
                Span::styled(label, theme::dim())
            });
            mode.push(Span::from(" "));
        }
        buf.set_line(inner.x, inner.y, &Line::from(mode), inner.width);
        // Header: a column per perspective, in its colour.
        let mut header = vec![Span::from(format!(
            "{:width$}",
            "",
            width = 8 + label_width
        ))];
        for (p, w) in perspectives.iter().zip(&widths) {
            header.push(Span::styled(
                format!("{:>w$}  ", theme::perspective_label(&p.id)),
                Style::default()
                    .fg(theme::perspective_color(&p.id))
                    .add_modifier(Modifier::BOLD),
            ));
        }
        buf.set_line(inner.x, inner.y + 2, &Line::from(header), inner.width);

        let rows = usize::from(inner.height.saturating_sub(4));
        let first = (selected + 1).saturating_sub(rows);
        for (row, (index, topic)) in topics.iter().enumerate().skip(first).take(rows).enumerate() {
            let id = TopicId(index as u16);
            let on = filter.topics.contains(&id);
            let cursor = if index == selected { "▸" } else { " " };
            let check = if on { "[x]" } else { "[ ]" };
            let label = truncate_to_width(&topic.label, label_width);
            let pad = " ".repeat(label_width - display_width(&label));
            let mut spans = vec![
                Span::from(format!(" {cursor} {check} ")),
                Span::styled("●", Style::default().fg(theme::topic_color(id))),
                Span::from(format!(" {label}{pad}")),
            ];
            for (column, w) in widths.iter().enumerate() {
                let n = matrix
                    .as_ref()
                    .and_then(|m| m.row(id).map(|r| m.cells[r][column].blocks))
                    .unwrap_or(0);
                let cell = if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                };
                spans.push(Span::from(format!("{cell:>w$}  ")));
            }
            let mut line = Line::from(spans);
            if on {
                line = line.bold();
            }
            if index == selected {
                line = line.reversed();
            }
            buf.set_line(inner.x, inner.y + 3 + row as u16, &line, inner.width);
        }
        let note = Line::from(" paragraphs per perspective in this story").dim();
        buf.set_line(inner.x, inner.y + inner.height - 1, &note, inner.width);
    }
}
