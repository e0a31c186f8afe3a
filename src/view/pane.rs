//! One perspective's pane: a border in the perspective's colour (thick and labelled in
//! reverse when focused), a header with outlet, date and title, the article body and a
//! scrollbar on the right border.

use super::theme;
use crate::app::layout::PaneLayout;
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::truncate_to_width;
use crate::text::wrap::wrap_text;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

pub struct Pane<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub layout: PaneLayout,
}

impl Widget for Pane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Pane {
            state,
            corpus,
            layout,
        } = self;
        let column = &state.columns[layout.column];
        let focused = layout.column == state.focus;
        let color = theme::perspective_color(&column.perspective);
        let label = format!(" {} ", theme::perspective_label(&column.perspective));
        let (border, title) = if focused {
            (
                Style::default().fg(color).add_modifier(Modifier::BOLD),
                Style::default()
                    .bg(color)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD),
            )
        } else {
            (theme::dim(), Style::default().fg(color))
        };
        let mut block = Block::bordered()
            .border_type(if focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            })
            .border_style(border)
            .title(Span::styled(label, title));
        if column.articles.len() > 1 {
            let count = format!(" {}/{} ", column.current + 1, column.articles.len());
            block = block.title(Line::from(Span::styled(count, border)).right_aligned());
        }
        block.render(area, buf);

        let article = &corpus.articles[column.article()];
        let index = column.article();
        let marks = marks(&state.reading.get(&article.id), corpus.also_in(index).len());
        render_header(article, &marks, color, layout.header, buf);

        let body = layout.body;
        let (wrapped, view) =
            state.pane_view(corpus, layout.column, body.width.max(1), body.height.max(1));
        for (row, line) in wrapped
            .lines
            .iter()
            .skip(view.top)
            .take(usize::from(body.height))
            .enumerate()
        {
            let (text_style, prefix_style) = theme::line_styles(line.kind, color);
            let spans = Line::from(vec![
                Span::styled(line.prefix, prefix_style),
                Span::styled(line.text.as_str(), text_style),
            ]);
            buf.set_line(body.x, body.y + row as u16, &spans, body.width);
        }
        if let Some((start, len)) =
            thumb(layout.scrollbar.height, view.total, view.height, view.top)
        {
            for y in start..start + len {
                buf.set_string(
                    layout.scrollbar.x,
                    layout.scrollbar.y + y,
                    "█",
                    Style::default().fg(color),
                );
            }
        }
    }
}

/// The reader's marks for an article: bookmarked, read, has a note, printed elsewhere too.
pub fn marks(reading: &crate::state::ArticleState, copies: usize) -> String {
    let mut marks = Vec::new();
    if reading.bookmarked {
        marks.push("★".to_string());
    }
    if reading.read {
        marks.push("✓ read".to_string());
    }
    if reading.note.is_some() {
        marks.push("✎ note".to_string());
    }
    if copies > 0 {
        marks.push(format!(
            "+{copies} cop{}",
            if copies == 1 { "y" } else { "ies" }
        ));
    }
    marks.join(" ")
}

/// Outlet · date (and the marks) on the first line, the title in bold on the next two, a rule
/// under it; with room for one line only, just the title.
fn render_header(
    article: &crate::model::Article,
    marks: &str,
    color: Color,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if area.height < 4 {
        buf.set_string(
            area.x,
            area.y,
            truncate_to_width(&article.title, width),
            bold,
        );
        return;
    }
    let outlet = article.outlet.as_deref().unwrap_or("unknown outlet");
    let date = article
        .date
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d))
        .unwrap_or("undated");
    let marks_width = crate::text::width::display_width(marks);
    let meta_room = if marks.is_empty() {
        width
    } else {
        width.saturating_sub(marks_width + 1)
    };
    let meta = truncate_to_width(&format!("{outlet} · {date}"), meta_room);
    buf.set_string(area.x, area.y, meta, Style::default().fg(color));
    if !marks.is_empty() && marks_width < width {
        let x = area.x + (width - marks_width) as u16;
        buf.set_string(x, area.y, marks, Style::default().fg(Color::Yellow));
    }
    let mut title = wrap_text(&article.title, width);
    if title.len() > 2 {
        // Second line: the rest of the title, cut with an ellipsis.
        let first = title[0].clone();
        let rest = article
            .title
            .find(first.as_str())
            .map(|at| article.title[at + first.len()..].trim_start())
            .unwrap_or("");
        title = vec![first, truncate_to_width(rest, width)];
    }
    for (row, line) in title.iter().take(2).enumerate() {
        buf.set_string(area.x, area.y + 1 + row as u16, line, bold);
    }
    buf.set_string(area.x, area.y + 3, "─".repeat(width), theme::dim());
}

/// The scrollbar thumb's start and length on a track of `track` cells, or None when the whole
/// article fits.
pub fn thumb(track: u16, total: usize, height: usize, top: usize) -> Option<(u16, u16)> {
    if total <= height || track == 0 {
        return None;
    }
    let track_len = usize::from(track);
    let len = (track_len * height / total).clamp(1, track_len);
    let max_top = total - height;
    let free = track_len - len;
    let start = (top.min(max_top) * free + max_top / 2) / max_top;
    Some((start as u16, len as u16))
}

#[cfg(test)]
mod tests {
    use super::{marks, thumb};

    #[test]
    fn thumb_spans_the_visible_share_and_reaches_both_ends() {
        assert_eq!(thumb(10, 5, 10, 0), None);
        // Half the text visible: a thumb of half the track.
        assert_eq!(thumb(10, 20, 10, 0), Some((0, 5)));
        assert_eq!(thumb(10, 20, 10, 10), Some((5, 5)));
        assert_eq!(thumb(10, 20, 10, 5), Some((3, 5)));
        // A long article still gets a visible thumb, at the very bottom at the end.
        assert_eq!(thumb(10, 10_000, 10, 9_990), Some((9, 1)));
    }

    #[test]
    fn marks_show_bookmark_read_note_and_copies() {
        let mut reading = crate::state::ArticleState::default();
        assert_eq!(marks(&reading, 0), "");
        reading.bookmarked = true;
        reading.read = true;
        reading.note = Some("check figures".into());
        assert_eq!(marks(&reading, 2), "★ ✓ read ✎ note +2 copies");
        assert_eq!(marks(&crate::state::ArticleState::default(), 1), "+1 copy");
    }
}
