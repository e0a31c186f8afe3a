//! The coverage matrix: topics by perspectives (paragraph counts and a bar of the share of
//! each side's paragraphs), gaps marked, then the same counts per article. A cursor moves
//! over the perspective cells; Enter jumps to the cell's first paragraph.

use super::{popup, theme};
use crate::analysis::topics::{Coverage, Lexicon};
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct CoverageMatrix<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub row: usize,
    pub column: usize,
}

/// Topic labels get their full width up to this, less when the terminal is narrow.
const MAX_LABEL_WIDTH: usize = 28;
/// A perspective cell: a count of 3, a space, a bar of 10, two spaces.
const BAR_WIDTH: usize = 10;
const CELL_WIDTH: usize = 3 + 1 + BAR_WIDTH + 2;
/// A per-article cell: "K1" and two spaces.
const ARTICLE_WIDTH: usize = 4;

/// A bar `fraction` (0..=1) of `width` cells long, in eighths of a cell; at least one eighth
/// for any fraction above zero, so a small share still shows.
pub fn bar(fraction: f64, width: usize) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if fraction <= 0.0 || width == 0 {
        return String::new();
    }
    let eighths = ((fraction.min(1.0) * (width * 8) as f64).round() as usize).max(1);
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS[eighths % 8]);
    s
}

/// Short names of the story's articles for the per-article columns: the perspective's
/// initial and the article's number in it ("K1", "K2", "W1").
fn article_names(matrix: &Coverage) -> Vec<String> {
    let mut seen = vec![0; matrix.perspectives.len()];
    matrix
        .articles
        .iter()
        .map(|a| {
            seen[a.perspective] += 1;
            let label = theme::perspective_label(&matrix.perspectives[a.perspective].id);
            let initial = label.chars().next().unwrap_or('?').to_uppercase();
            format!("{initial}{}", seen[a.perspective])
        })
        .collect()
}

impl Widget for CoverageMatrix<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let CoverageMatrix {
            state,
            corpus,
            row: cursor_row,
            column: cursor_column,
        } = self;
        let Some(matrix) = state.topics.coverage(corpus, state.story) else {
            return;
        };
        let lexicon = Lexicon::active();
        let columns = matrix.perspectives.len();
        let names = article_names(&matrix);
        let available = usize::from(area.width.saturating_sub(4));
        let longest = lexicon
            .topics()
            .iter()
            .map(|t| display_width(&t.label) + 2)
            .max()
            .unwrap_or(0);
        let label_width = longest
            .min(MAX_LABEL_WIDTH)
            .min(available.saturating_sub(2 + columns * CELL_WIDTH))
            .max(8);
        let base = 1 + label_width + 1 + columns * CELL_WIDTH;
        let with_articles = base + 2 + names.len() * ARTICLE_WIDTH;
        let fits_articles = available >= with_articles;
        let width = if fits_articles { with_articles } else { base } as u16 + 2;
        let story = corpus
            .stories
            .get(state.story)
            .map_or("", |s| s.title.as_str());
        let title = Line::from(format!(
            " Coverage — {} · Enter jumps · Esc closes ",
            truncate_to_width(story, 40)
        ))
        .bold();
        let inner = popup(
            area,
            width.max(50),
            matrix.topics.len() as u16 + 6,
            title,
            buf,
        );
        if inner.height < 3 {
            return;
        }
        // Header: perspectives with their article counts, then the articles.
        let mut header = vec![Span::from(format!(" {:label_width$} ", "Topic")).bold()];
        for p in &matrix.perspectives {
            let text = format!("{} ({})", theme::perspective_label(&p.id), p.articles.len());
            let text = truncate_to_width(&text, CELL_WIDTH - 1);
            let pad = " ".repeat(CELL_WIDTH - display_width(&text));
            header.push(Span::styled(
                format!("{text}{pad}"),
                Style::default()
                    .fg(theme::perspective_color(&p.id))
                    .add_modifier(Modifier::BOLD),
            ));
        }
        if fits_articles {
            header.push(Span::from("│ ").dim());
            for (name, a) in names.iter().zip(&matrix.articles) {
                let color = theme::perspective_color(&matrix.perspectives[a.perspective].id);
                header.push(Span::styled(
                    format!("{name:>2}  "),
                    Style::default().fg(color),
                ));
            }
        }
        buf.set_line(inner.x, inner.y, &Line::from(header), inner.width);

        let max = matrix.max_share();
        let rows = usize::from(inner.height.saturating_sub(4));
        let first = (cursor_row + 1).saturating_sub(rows);
        for (y, row) in (0..matrix.topics.len()).skip(first).take(rows).enumerate() {
            let topic = matrix.topics[row];
            let label = truncate_to_width(&lexicon.topic(topic).label, label_width - 2);
            let pad = " ".repeat(label_width - 2 - display_width(&label));
            let mut spans = vec![
                Span::from(" "),
                Span::styled("● ", Style::default().fg(theme::topic_color(topic))),
                Span::from(format!("{label}{pad} ")),
            ];
            for column in 0..columns {
                let cell = matrix.cells[row][column];
                let text = if matrix.is_gap(row, column) {
                    format!("{:>3} {:<BAR_WIDTH$}  ", "✗", "gap")
                } else if cell.blocks == 0 {
                    format!("{:>3} {:BAR_WIDTH$}  ", "·", "")
                } else {
                    let fraction = if max > 0.0 {
                        matrix.share(row, column) / max
                    } else {
                        0.0
                    };
                    let b = bar(fraction, BAR_WIDTH);
                    let pad = " ".repeat(BAR_WIDTH - display_width(&b));
                    format!("{:>3} {b}{pad}  ", cell.blocks)
                };
                let mut style = if matrix.is_gap(row, column) {
                    Style::default()
                        .fg(Color::LightRed)
                        .add_modifier(Modifier::BOLD)
                } else if cell.blocks == 0 {
                    theme::dim()
                } else {
                    Style::default().fg(theme::perspective_color(&matrix.perspectives[column].id))
                };
                if row == cursor_row && column == cursor_column {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                spans.push(Span::styled(text, style));
            }
            if fits_articles {
                spans.push(Span::from("│ ").dim());
                for a in &matrix.articles {
                    let n = a.counts[row];
                    let cell = if n == 0 {
                        "·".to_string()
                    } else {
                        n.to_string()
                    };
                    let style = if n == 0 {
                        theme::dim()
                    } else {
                        Style::default()
                    };
                    spans.push(Span::styled(format!("{cell:>2}  "), style));
                }
            }
            buf.set_line(
                inner.x,
                inner.y + 1 + y as u16,
                &Line::from(spans),
                inner.width,
            );
        }
        let legend = [
            Line::from(" count: paragraphs · bar: share of that side's paragraphs").dim(),
            Line::from(vec![
                Span::styled(" ✗ gap", Style::default().fg(Color::LightRed)),
                Span::from(": two or more sides cover the topic, this side does not"),
            ])
            .dim(),
        ];
        for (i, line) in legend.iter().enumerate() {
            let y = inner.y + inner.height.saturating_sub(2) + i as u16;
            buf.set_line(inner.x, y, line, inner.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_grow_in_eighths_and_never_vanish_above_zero() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 10), "█".repeat(10));
        assert_eq!(bar(0.5, 10), "█████");
        // 0.33 of 80 eighths = 26.4 -> 26 = 3 cells and 2 eighths.
        assert_eq!(bar(0.33, 10), "███▎");
        assert_eq!(bar(0.001, 10), "▏");
        assert_eq!(bar(2.0, 4), "████");
    }
}
