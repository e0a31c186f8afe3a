//! Cells of the list overlays (articles, stories): text cut to a column's display width and
//! placed at a fixed offset, and the filter prompt above the rows.

use super::theme;
use crate::text::width::truncate_to_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Draws `text` cut to `width` display columns (with "…" when cut) at `x`, never past
/// `right`. Columns are placed at fixed offsets rather than padded with spaces: the popup
/// is cleared first, and writing padding cell by cell was a third of a frame.
pub fn put_cell(
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

/// The first line of a list overlay: "filter: " and what is typed, with a hint while empty.
pub fn filter_prompt(buf: &mut Buffer, inner: Rect, query: &str, hint: &str) {
    let hint = if query.is_empty() {
        format!("  {hint}")
    } else {
        String::new()
    };
    let prompt = Line::from(vec![
        Span::styled("filter: ", theme::dim()),
        Span::from(query),
        Span::from("▏"),
        Span::styled(hint, theme::dim()),
    ]);
    buf.set_line(inner.x, inner.y, &prompt, inner.width);
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
}
