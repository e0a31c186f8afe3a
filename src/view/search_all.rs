//! Search everywhere: the query, then one row per match — outlet, where (title or ¶N, the
//! reader's 1-based paragraph number), and the line it occurs in, cut so the match shows and
//! highlighted.

use super::{popup, theme};
use crate::app::search_all::{row_text, Found, MAX_RESULTS};
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct SearchAllView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

const OUTLET_WIDTH: usize = 18;
const WHERE_WIDTH: usize = 6;

/// The piece of `text` a row shows: from a little before the match (at most `lead` columns,
/// so the match is on screen), on one line (newlines of table text become spaces), and the
/// match's byte range in that piece.
pub fn excerpt(
    text: &str,
    range: std::ops::Range<usize>,
    lead: usize,
) -> (String, std::ops::Range<usize>) {
    let range = range.start.min(text.len())..range.end.min(text.len());
    let mut start = range.start;
    let mut used = 0;
    for (at, c) in text[..range.start].char_indices().rev() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > lead || c == '\n' {
            break;
        }
        used += w;
        start = at;
    }
    let piece: String = text[start..]
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    // '\n' -> ' ' keeps byte lengths, so the range moves by `start` only.
    let ellipsis = if start > 0 { "…" } else { "" };
    let shift = ellipsis.len();
    (
        format!("{ellipsis}{piece}"),
        range.start - start + shift..range.end - start + shift,
    )
}

impl Widget for SearchAllView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let SearchAllView {
            state,
            corpus,
            selected,
        } = self;
        let search = &state.search_all;
        let more = if search.results.len() >= MAX_RESULTS {
            " (first shown)"
        } else {
            ""
        };
        let title = Line::from(format!(
            " Search everywhere · {} match(es) in {} article(s){more} · Enter opens · Esc closes ",
            search.results.len(),
            search.matched.len(),
        ))
        .bold();
        let inner = popup(area, area.width, area.height, title, buf);
        if inner.height < 3 || inner.width < 20 {
            return;
        }
        let prompt = Line::from(vec![
            Span::styled("search: ", theme::dim()),
            Span::from(search.query.as_str()),
            Span::from("▏"),
            Span::styled(
                if search.query.is_empty() {
                    "  words in any title or paragraph, any script"
                } else {
                    ""
                },
                theme::dim(),
            ),
        ]);
        buf.set_line(inner.x, inner.y, &prompt, inner.width);
        if search.results.is_empty() {
            if !search.query.trim().is_empty() {
                let none = Line::from("nothing found").dim();
                buf.set_line(inner.x, inner.y + 1, &none, inner.width);
            }
            return;
        }
        let width = usize::from(inner.width);
        let text_width = width.saturating_sub(OUTLET_WIDTH + WHERE_WIDTH + 4 + 2);
        let rows = usize::from(inner.height - 1);
        let first = (selected + 1).saturating_sub(rows);
        for (row, found) in search.results.iter().skip(first).take(rows).enumerate() {
            let line = result_line(corpus, found, text_width);
            let line = if first + row == selected {
                line.reversed()
            } else {
                line
            };
            buf.set_line(inner.x, inner.y + 1 + row as u16, &line, inner.width);
        }
    }
}

/// `text` cut to `width` columns and padded to exactly that many.
fn cell(text: &str, width: usize) -> String {
    let cut = truncate_to_width(text, width);
    let pad = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

fn result_line<'a>(corpus: &'a Corpus, found: &Found, text_width: usize) -> Line<'a> {
    let Some(article) = corpus.articles.get(found.article) else {
        return Line::default();
    };
    let color = theme::perspective_color(&article.perspective);
    let place = match found.block {
        Some(b) => format!("¶{}", b + 1),
        None => "title".to_string(),
    };
    let count = match found.count {
        1 => String::new(),
        n => format!(" ×{n}"),
    };
    let (piece, hit) = excerpt(row_text(corpus, found), found.range.clone(), text_width / 3);
    let shown = truncate_to_width(&piece, text_width.saturating_sub(display_width(&count)));
    let hit = hit.start.min(shown.len())..hit.end.min(shown.len());
    let mut spans = vec![
        Span::styled("● ", Style::default().fg(color)),
        Span::styled(
            cell(article.outlet.as_deref().unwrap_or("—"), OUTLET_WIDTH),
            Style::default().fg(color),
        ),
        Span::from(" "),
        Span::styled(cell(&place, WHERE_WIDTH), theme::dim()),
        Span::from(" "),
    ];
    if shown.is_char_boundary(hit.start) && shown.is_char_boundary(hit.end) {
        spans.push(Span::from(shown[..hit.start].to_string()));
        spans.push(Span::styled(
            shown[hit.clone()].to_string(),
            theme::search_match(true),
        ));
        spans.push(Span::from(shown[hit.end..].to_string()));
    } else {
        spans.push(Span::from(shown));
    }
    spans.push(Span::styled(count, theme::dim()));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_start_a_little_before_the_match_on_one_line() {
        let text = "first line\nthe summit in Tokyo ended";
        let at = text.find("Tokyo").unwrap();
        let (piece, hit) = excerpt(text, at..at + 5, 10);
        assert_eq!(&piece[hit.clone()], "Tokyo");
        assert_eq!(piece, "…summit in Tokyo ended");
        // A match near the start keeps the whole beginning, without an ellipsis.
        let (piece, hit) = excerpt(text, 0..5, 10);
        assert_eq!(piece, "first line the summit in Tokyo ended");
        assert_eq!(&piece[hit], "first");
    }

    #[test]
    fn excerpts_of_wide_text_count_columns() {
        let text = "한미 정상회담에서 관세 협상이 타결됐다";
        let at = text.find("관세").unwrap();
        // Four columns of lead: "에서 " is 5 columns, so only "서 " (3) fits.
        let (piece, hit) = excerpt(text, at..at + "관세".len(), 4);
        assert_eq!(piece, "…서 관세 협상이 타결됐다");
        assert_eq!(&piece[hit], "관세");
    }
}
