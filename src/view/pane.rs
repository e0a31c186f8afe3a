//! One perspective's pane: a border in the perspective's colour (thick and labelled in
//! reverse when focused), a header with outlet, date and title, the article body and a
//! scrollbar on the right border.

use super::theme;
use crate::app::layout::PaneLayout;
use crate::app::search::in_block;
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::truncate_to_width;
use crate::text::wrap::{wrap_text, LineKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};
use std::ops::Range;

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
        render_header(article, &marks, color, state.query(), layout.header, buf);
        if layout.note.height > 0 {
            note_line(state, article, index, layout.note, buf);
        }

        let body = layout.body;
        let (wrapped, view) =
            state.pane_view(corpus, layout.column, body.width.max(1), body.height.max(1));
        let filter = &state.topic_filter;
        let tags = filter.is_active().then(|| state.topics.tags(corpus, index));
        let query = state.query();
        let found = query.map(|q| state.hits.get(corpus, index, q));
        let current = state.search.as_ref().and_then(|s| s.current);
        // Marks (topic terms, search matches) of the block being drawn, found once per block.
        let mut block_marks: Option<(usize, Vec<Mark>)> = None;
        for (row, line) in wrapped
            .lines
            .iter()
            .skip(view.top)
            .take(usize::from(body.height))
            .enumerate()
        {
            let y = body.y + row as u16;
            let (text_style, prefix_style) = theme::line_styles(line.kind, color);
            let block_tags = tags.as_ref().and_then(|t| t.blocks.get(line.block));
            // The gutter mark: the left padding column, so the text keeps its width.
            let marked = block_tags.and_then(|t| filter.first_match(t));
            if let (Some(topic), false) = (
                marked,
                matches!(line.kind, LineKind::Blank | LineKind::Fold),
            ) {
                if body.x > area.x + 1 && body.width > 0 {
                    buf.set_string(
                        body.x - 1,
                        y,
                        "▌",
                        Style::default().fg(theme::topic_color(topic)),
                    );
                }
            }
            let mut spans = vec![Span::styled(line.prefix, prefix_style)];
            let text = line.text.as_str();
            match line.start {
                Some(start) if block_tags.is_some() || query.is_some() => {
                    if block_marks.as_ref().map(|(b, _)| *b) != Some(line.block) {
                        let mut marks = Vec::new();
                        if let Some(t) = block_tags {
                            for tag in t.tags.iter().filter(|t| filter.topics.contains(&t.topic)) {
                                let style = theme::topic_term(tag.topic);
                                marks.extend(tag.spans.iter().map(|s| (s.clone(), style, 1)));
                            }
                        }
                        if let Some(found) = &found {
                            for h in in_block(found, line.block) {
                                let style = theme::search_match(current == Some(*h));
                                marks.push((h.start..h.end, style, 2));
                            }
                        }
                        block_marks = Some((line.block, marks));
                    }
                    let marks = block_marks.as_ref().map_or(&[][..], |(_, m)| m.as_slice());
                    for (range, style) in pieces(text, start, marks) {
                        spans.push(Span::styled(&text[range], style.unwrap_or(text_style)));
                    }
                }
                // Table cells are laid out from the cells, not cut from the block's text:
                // their matches are found in the drawn line itself.
                None if query.is_some()
                    && matches!(line.kind, LineKind::TableHead | LineKind::TableRow) =>
                {
                    let current =
                        current.is_some_and(|h| h.article == index && h.block == line.block);
                    spans.extend(highlighted(text, query, text_style, current).spans);
                }
                _ => spans.push(Span::styled(text, text_style)),
            }
            buf.set_line(body.x, y, &Line::from(spans), body.width);
            // The alignment mark: the right padding column, before the scrollbar, with a blank
            // column between it and the text.
            let group = state
                .compare
                .get()
                .and_then(|c| c.group_of(index, line.block));
            let gutter = body.x + body.width + 1;
            if let (Some(group), false, true) = (
                group,
                matches!(line.kind, LineKind::Blank | LineKind::Fold),
                gutter < layout.scrollbar.x,
            ) {
                let first = wrapped.block_starts.get(line.block) == Some(&(view.top + row));
                let weak = state
                    .compare
                    .get()
                    .is_some_and(|c| c.is_weak(index, line.block));
                let style = Style::default().fg(theme::group_color(group));
                if first {
                    // A strong match reversed and bold; a weak one (low cosine or slim margin)
                    // a dim letter, so it reads as a hint rather than a claim.
                    let letter = theme::group_letter(group).to_string();
                    let mark = if weak {
                        style.add_modifier(Modifier::DIM)
                    } else {
                        Style::default()
                            .bg(theme::group_color(group))
                            .fg(Color::Black)
                            .add_modifier(Modifier::BOLD)
                    };
                    buf.set_string(gutter, y, letter, mark);
                } else {
                    buf.set_string(gutter, y, "▏", style);
                }
            }
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

/// The note line: "✎ " and the note (its end when it is being typed and too long), or a
/// hint when there is none.
fn note_line(
    state: &AppState,
    article: &crate::model::Article,
    index: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = usize::from(area.width);
    let note_style = Style::default().fg(Color::Yellow);
    let line = match &state.note_edit {
        Some(edit) if edit.article == index => {
            // Show the end being typed: drop characters from the front until it fits.
            let room = width.saturating_sub(3);
            let mut text = edit.text.as_str();
            while crate::text::width::display_width(text) > room {
                let mut chars = text.chars();
                chars.next();
                text = chars.as_str();
            }
            Line::from(vec![
                Span::styled("✎ ", note_style),
                Span::styled(text.to_string(), note_style.add_modifier(Modifier::BOLD)),
                Span::styled("▏", note_style),
            ])
        }
        _ => match state.reading.get(&article.id).note {
            Some(note) => Line::from(vec![
                Span::styled("✎ ", note_style),
                Span::styled(
                    truncate_to_width(&note, width.saturating_sub(2)),
                    note_style,
                ),
            ]),
            None => Line::from(Span::styled("✎ no note (e writes one)", theme::dim())),
        },
    };
    buf.set_line(area.x, area.y, &line, area.width);
}

/// A styled byte range of a block's text; the higher priority wins where two overlap (a
/// search match over a topic term).
pub type Mark = (Range<usize>, Style, u8);

/// A wrapped line cut into pieces by the marks of its block: `start` is where the line begins
/// in the block's text. Returns ranges of `text` (always on char boundaries) with the style of
/// the strongest mark covering them, or None for plain text. A mark crossing the line's edge
/// (a match split by wrapping) styles the part on this line.
pub fn pieces(text: &str, start: usize, marks: &[Mark]) -> Vec<(Range<usize>, Option<Style>)> {
    let end = start + text.len();
    let local: Vec<(Range<usize>, Style, u8)> = marks
        .iter()
        .filter(|(r, _, _)| r.start < end && r.end > start)
        .map(|(r, style, p)| {
            (
                r.start.max(start) - start..r.end.min(end) - start,
                *style,
                *p,
            )
        })
        .filter(|(r, _, _)| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _, _) in &local {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<(Range<usize>, Option<Style>)> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let style = local
            .iter()
            .filter(|(r, _, _)| r.start <= a && r.end >= b)
            .max_by_key(|(_, _, p)| *p)
            .map(|(_, style, _)| *style);
        match out.last_mut() {
            Some((last, s)) if *s == style && last.end == a => last.end = b,
            _ => out.push((a..b, style)),
        }
    }
    out
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
    query: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if area.height < 4 {
        let title = truncate_to_width(&article.title, width);
        buf.set_line(
            area.x,
            area.y,
            &highlighted(&title, query, bold, false),
            area.width,
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
        let y = area.y + 1 + row as u16;
        buf.set_line(
            area.x,
            y,
            &highlighted(line, query, bold, false),
            area.width,
        );
    }
    buf.set_string(area.x, area.y + 3, "─".repeat(width), theme::dim());
}

/// `text` in `style` with the search query's matches in it highlighted (for text drawn as
/// it is, not cut from a block: titles and table cells).
fn highlighted<'t>(text: &'t str, query: Option<&str>, style: Style, current: bool) -> Line<'t> {
    let found = query
        .map(|q| crate::text::search::find_all(text, q))
        .unwrap_or_default();
    let marks: Vec<Mark> = found
        .into_iter()
        .map(|r| (r, theme::search_match(current), 2))
        .collect();
    let spans: Vec<Span<'t>> = pieces(text, 0, &marks)
        .into_iter()
        .map(|(range, s)| Span::styled(&text[range], s.unwrap_or(style)))
        .collect();
    Line::from(spans)
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
    use super::{marks, pieces, thumb};
    use ratatui::style::{Color, Style};

    #[test]
    fn pieces_cut_a_line_at_marks_and_search_wins_over_topics() {
        let topic = Style::default().fg(Color::Red);
        let hit = Style::default().fg(Color::Yellow);
        // The block "the trade deal was signed" wrapped; this line is "deal was" (from 10).
        let marks = [(4..14, topic, 1), (10..13, hit, 2)];
        let cut = pieces("deal was", 10, &marks);
        assert_eq!(
            cut,
            vec![(0..3, Some(hit)), (3..4, Some(topic)), (4..8, None)]
        );
        // No marks on the line: one plain piece.
        assert_eq!(pieces("signed", 19, &marks), vec![(0..6, None)]);
    }

    #[test]
    fn pieces_of_cjk_lines_fall_on_char_boundaries() {
        let hit = Style::default().fg(Color::Yellow);
        // "日米首脳会談" wrapped as "日米首" (0..9) and "脳会談" (9..18); a match of "首脳"
        // (6..12) spans the wrap and is marked on both lines.
        let marks = [(6..12, hit, 2)];
        assert_eq!(
            pieces("日米首", 0, &marks),
            vec![(0..6, None), (6..9, Some(hit))]
        );
        assert_eq!(
            pieces("脳会談", 9, &marks),
            vec![(0..3, Some(hit)), (3..9, None)]
        );
        // A mark that would cut a character in two is ignored rather than panicking.
        assert_eq!(pieces("日米", 0, &[(1..4, hit, 2)]), vec![(0..6, None)]);
    }

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
