//! The article list: one line per article — date, perspective mark, outlet, title, marks,
//! story — under the filter being typed. Columns are cut and padded by display width, so
//! Korean and Japanese titles line up with English ones.

use super::cells::{filter_prompt, put_cell};
use super::{popup, theme};
use crate::app::AppState;
use crate::model::Corpus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub struct ArticleListView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

const DATE_WIDTH: usize = 10;
const MARKS_WIDTH: usize = 7;

/// The marks column: ✓ read, ★ bookmarked, ✎ note, +N copies.
pub fn row_marks(reading: &crate::state::ArticleState, copies: usize) -> String {
    let mut marks = String::new();
    marks.push(if reading.read { '✓' } else { ' ' });
    marks.push(if reading.bookmarked { '★' } else { ' ' });
    marks.push(if reading.note.is_some() { '✎' } else { ' ' });
    if copies > 0 {
        marks.push_str(&format!("+{copies}"));
    }
    marks
}

impl Widget for ArticleListView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ArticleListView {
            state,
            corpus,
            selected,
        } = self;
        let list = &state.articles;
        let title = Line::from(format!(
            " Articles {}/{} · sort: {} (Tab) · Enter opens · Esc closes ",
            list.rows.len(),
            corpus.articles.len(),
            list.sort.label()
        ))
        .bold();
        let inner = popup(area, area.width, area.height, title, buf);
        if inner.height < 3 || inner.width < 20 {
            return;
        }
        filter_prompt(
            buf,
            inner,
            &list.query,
            "words in title/outlet, p:korean, unread, starred",
        );

        let width = usize::from(inner.width);
        // date, mark, outlet, title, marks, story, with a space between each.
        let outlet_width = (width / 6).clamp(8, 22);
        let story_width = (width / 5).clamp(8, 30);
        let fixed = DATE_WIDTH + 2 + outlet_width + MARKS_WIDTH + story_width + 5;
        let title_width = width.saturating_sub(fixed).max(4);
        let rows = usize::from(inner.height - 1);
        if list.rows.is_empty() {
            let none = Line::from("no article matches").dim();
            buf.set_line(inner.x, inner.y + 1, &none, inner.width);
            return;
        }
        let first = (selected + 1).saturating_sub(rows);
        for (row, &index) in list.rows.iter().skip(first).take(rows).enumerate() {
            let Some(article) = corpus.articles.get(index) else {
                continue;
            };
            let story = list
                .story_of(index)
                .and_then(|s| corpus.stories.get(s))
                .map(|s| s.title.as_str())
                .unwrap_or("");
            let reading = state.reading.marks(&article.id);
            let color = theme::perspective_color(&article.perspective);
            let y = inner.y + 1 + row as u16;
            let right = inner.right();
            let plain = Style::default();
            let tinted = plain.fg(color);
            let marks = row_marks(reading, corpus.also_in(index).len());
            // date, mark, outlet, title, marks, story, a space between each
            let mut x = put_cell(
                buf,
                inner.x,
                y,
                right,
                article.day().unwrap_or("—"),
                DATE_WIDTH,
                plain,
            ) + 1;
            x = put_cell(buf, x, y, right, "●", 1, tinted) + 1;
            x = put_cell(
                buf,
                x,
                y,
                right,
                article.outlet.as_deref().unwrap_or("—"),
                outlet_width,
                tinted,
            ) + 1;
            x = put_cell(buf, x, y, right, &article.title, title_width, plain) + 1;
            x = put_cell(
                buf,
                x,
                y,
                right,
                &marks,
                MARKS_WIDTH,
                plain.fg(ratatui::style::Color::Yellow),
            ) + 1;
            let end = put_cell(buf, x, y, right, story, story_width, theme::dim()).min(right);
            if first + row == selected {
                let used = end.saturating_sub(inner.x);
                buf.set_style(Rect::new(inner.x, y, used, 1), Style::default().reversed());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_keep_their_columns() {
        let mut reading = crate::state::ArticleState::default();
        assert_eq!(row_marks(&reading, 0), "   ");
        reading.bookmarked = true;
        assert_eq!(row_marks(&reading, 2), " ★ +2");
        reading.read = true;
        reading.note = Some("x".into());
        assert_eq!(row_marks(&reading, 0), "✓★✎");
    }
}
