//! The article list: one line per article — date, perspective mark, outlet, title, marks,
//! story — under the filter being typed. Columns are cut and padded by display width, so
//! Korean and Japanese titles line up with English ones.

use super::{popup, theme};
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::truncate_to_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct ArticleListView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

const DATE_WIDTH: usize = 10;
const MARKS_WIDTH: usize = 7;

/// Draws `text` cut to `width` display columns (with "…" when cut) at `x`, never past
/// `right`. Columns are placed at fixed offsets rather than padded with spaces: the popup
/// is cleared first, and writing padding cell by cell was a third of a frame.
fn put_cell(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    right: u16,
    text: &str,
    width: usize,
    style: Style,
) -> u16 {
    let room = usize::from(right.saturating_sub(x)).min(width);
    if room > 0 {
        let text = truncate_to_width(text, room);
        if !put_standalone_chars(buf, x, y, &text, style) {
            buf.set_stringn(x, y, &text, room, style);
        }
    }
    x.saturating_add(u16::try_from(width).unwrap_or(u16::MAX))
}

/// Characters that are a whole grapheme on their own whatever stands beside them (no
/// combining marks, joiners, variation selectors, jamo or regional indicators): ASCII,
/// Latin, Greek, Cyrillic, punctuation and symbols, CJK, kana, Hangul syllables, fullwidth.
fn stands_alone(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0xA1..=0xAC | 0xAE..=0x2FF | 0x370..=0x482
        | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2070..=0x20CF | 0x2100..=0x2BFF
        | 0x3000..=0x3029 | 0x3030..=0x3098 | 0x309B..=0x30FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3
        | 0xFF01..=0xFF9D | 0xFFA0..=0xFFEF)
}

/// Writes `text` cell by cell when every character stands alone, as `set_stringn` would
/// but without segmenting graphemes (most of a list frame's cost). False: nothing written,
/// the caller takes ratatui's general path.
fn put_standalone_chars(buf: &mut Buffer, x: u16, y: u16, text: &str, style: Style) -> bool {
    use unicode_width::UnicodeWidthChar;
    if !text
        .chars()
        .all(|c| stands_alone(c) && matches!(c.width(), Some(1 | 2)))
    {
        return false;
    }
    let mut cx = x;
    for c in text.chars() {
        let width = if c.width() == Some(2) { 2 } else { 1 };
        buf[(cx, y)].set_char(c).set_style(style);
        if width == 2 {
            // the cell a wide character hides is blanked, as set_stringn does
            buf[(cx + 1, y)].reset();
        }
        cx += width;
    }
    true
}

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
        let prompt = Line::from(vec![
            Span::styled("filter: ", theme::dim()),
            Span::from(list.query.as_str()),
            Span::from("▏"),
            Span::styled(
                if list.query.is_empty() {
                    "  words in title/outlet, p:korean, unread, starred"
                } else {
                    ""
                },
                theme::dim(),
            ),
        ]);
        buf.set_line(inner.x, inner.y, &prompt, inner.width);

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
    use crate::text::width::display_width;

    /// The text of row 0 of `buf`, wide characters once (their second cell is skipped).
    fn row_text(buf: &Buffer) -> String {
        let mut out = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, 0)].symbol();
            skip = display_width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out
    }

    #[test]
    fn cells_cut_by_display_width_and_the_next_column_starts_in_place() {
        // Korean and Japanese characters take two columns each.
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        let next = put_cell(&mut buf, 0, 0, 20, "한일 정상회담", 8, Style::default());
        assert_eq!(next, 8);
        put_cell(&mut buf, next + 1, 0, 20, "Kyodo", 3, Style::default());
        assert_eq!(row_text(&buf), "한일 정… Ky…        ");
        // A cut that would split a wide character leaves a blank instead.
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let next = put_cell(&mut buf, 0, 0, 8, "日韓首脳", 5, Style::default());
        put_cell(&mut buf, next, 0, 8, "x", 1, Style::default());
        assert_eq!(row_text(&buf), "日韓…x  ");
        // Never past the right edge.
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        put_cell(&mut buf, 2, 0, 4, "abcdef", 6, Style::default());
        assert_eq!(row_text(&buf), "  a…");
    }

    #[test]
    fn the_fast_path_draws_what_ratatui_draws() {
        let style = Style::default().fg(ratatui::style::Color::Red);
        for text in [
            "Takaichi, Trump agree",
            "한일 정상회담 — 관세 ★✓✎ +2",
            "日米首脳会談「同盟」、投資。",
            "ｶﾀｶﾅ and ＡＢＣ",
            "café ● Ελλάδα Россия",
        ] {
            let area = Rect::new(0, 0, 40, 1);
            let mut fast = Buffer::empty(area);
            assert!(put_standalone_chars(&mut fast, 1, 0, text, style), "{text}");
            let mut general = Buffer::empty(area);
            general.set_stringn(1, 0, text, 39, style);
            assert_eq!(fast, general, "{text}");
        }
        // Combining marks, jamo, joiners and flags take the general path.
        for text in [
            "e\u{301}",
            "\u{1100}\u{1161}",
            "a\u{200d}b",
            "\u{1f1ef}\u{1f1f5}",
            "か\u{3099}",
        ] {
            let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
            assert!(
                !put_standalone_chars(&mut buf, 0, 0, text, Style::default()),
                "{text}"
            );
        }
    }

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
