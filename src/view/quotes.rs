//! The quotes view: the same remark as each article quotes it, side by side. The first
//! quote of a group is on the left, each other quote on the right, with word-level
//! differences styled (same, paraphrase, removed, added); groups whose articles name different
//! speakers are flagged. Up/down move over groups, left/right over a group's quotes; Enter
//! jumps to the selected quote's paragraph.

use super::figures::{first_line, source_label};
use super::{popup, theme};
use crate::analysis::quotes::{DiffKind, DiffWord, Quote, QuoteGroup};
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct QuotesView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub group: usize,
    pub quote: usize,
}

/// Room for the outlet and date of a quote ("Kyodo News 10-28").
const LABEL_WIDTH: usize = 17;

/// How a diffed word is drawn; each kind differs without colour too (plain, italic, crossed
/// out, underlined).
pub fn diff_style(kind: &DiffKind) -> Style {
    match kind {
        DiffKind::Same => Style::default(),
        DiffKind::Paraphrase => Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::ITALIC),
        DiffKind::Removed => Style::default()
            .fg(Color::LightRed)
            .add_modifier(Modifier::CROSSED_OUT),
        DiffKind::Added => Style::default()
            .fg(Color::LightGreen)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
    }
}

/// The words of one side of a diff with their styles: `left` is the first quote (same,
/// paraphrase, removed), else the second (same, paraphrase, added).
pub fn side(diff: &[DiffWord], left: bool) -> Vec<(String, Style)> {
    diff.iter()
        .filter_map(|w| {
            let word = if left { w.a.as_ref() } else { w.b.as_ref() }?;
            Some((word.clone(), diff_style(&w.kind)))
        })
        .collect()
}

/// Styled words wrapped to `width` cells, in curly quotes; words are separated by spaces
/// except after a hyphen or dash (as `join_words` does). A word wider than a line is cut.
pub fn wrap_words(words: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let width = width.max(4);
    let mut lines: Vec<Vec<Span<'static>>> = vec![vec![Span::from("“")]];
    let mut used = 1;
    let count = words.len();
    for (k, (word, style)) in words.iter().enumerate() {
        let mut text = word.clone();
        if k + 1 == count {
            text.push('”');
        }
        let glue = k > 0 && !words[k - 1].0.ends_with(['-', '–', '—']);
        let w = display_width(&text);
        let need = w + usize::from(glue);
        if used + need > width && used > 1 {
            lines.push(Vec::new());
            used = 0;
        } else if glue {
            if let Some(line) = lines.last_mut() {
                line.push(Span::from(" "));
            }
            used += 1;
        }
        let text = truncate_to_width(&text, width.saturating_sub(used));
        used += display_width(&text);
        if let Some(line) = lines.last_mut() {
            line.push(Span::styled(text, *style));
        }
    }
    if count == 0 {
        if let Some(line) = lines.last_mut() {
            line.push(Span::from("”"));
        }
    }
    lines.into_iter().map(Line::from).collect()
}

/// One quote's cell: the perspective's label (reversed when selected) and the wrapped words.
fn cell(
    quote: &Quote,
    source: &dyn Fn(usize) -> String,
    words: &[(String, Style)],
    width: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let label = truncate_to_width(&source(quote.article), LABEL_WIDTH - 1);
    let pad = " ".repeat(LABEL_WIDTH - display_width(&label));
    let mut style = Style::default().fg(theme::perspective_color(&quote.perspective));
    if selected {
        style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
    }
    let text = wrap_words(words, width.saturating_sub(LABEL_WIDTH));
    text.into_iter()
        .enumerate()
        .map(|(row, line)| {
            let head = if row == 0 {
                vec![Span::styled(label.clone(), style), Span::from(pad.clone())]
            } else {
                vec![Span::from(" ".repeat(LABEL_WIDTH))]
            };
            Line::from([head, line.spans].concat())
        })
        .collect()
}

/// The lines of one group at `width` cells: a heading, then each pair side by side.
pub fn group_lines(
    number: usize,
    group: &QuoteGroup,
    source: &dyn Fn(usize) -> String,
    quote: Option<usize>,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let cursor = if quote.is_some() { "▸" } else { " " };
    let speaker = group.speaker.as_deref().unwrap_or("unattributed");
    let mut heading = vec![
        Span::from(format!("{cursor}{number:>3} ")),
        Span::from(speaker.to_string()).bold(),
    ];
    if group.speakers.len() > 1 {
        heading.push(Span::styled(
            format!("  ⚠ speakers differ: {}", group.speakers.join(" / ")),
            theme::warning().add_modifier(Modifier::BOLD),
        ));
    }
    let labels: Vec<String> = group.quotes.iter().map(|q| source(q.article)).collect();
    heading.push(Span::styled(
        format!("  · {}", labels.join(" · ")),
        theme::dim(),
    ));
    let mut heading = Line::from(heading);
    if quote.is_some() {
        heading = heading.add_modifier(Modifier::BOLD);
    }
    out.push(heading);
    let column = width.saturating_sub(5) / 2;
    let Some(first) = group.quotes.first() else {
        return out;
    };
    let plain = |q: &Quote| -> Vec<(String, Style)> {
        q.text
            .split_whitespace()
            .map(|w| (w.to_string(), Style::default()))
            .collect()
    };
    let left_words = group
        .diffs
        .first()
        .map_or_else(|| plain(first), |d| side(d, true));
    let left = cell(first, source, &left_words, column, quote == Some(0));
    if group.quotes.len() == 1 {
        for line in left {
            out.push(side_by_side(
                line,
                Line::from(" quoted by one article only").dim(),
                column,
            ));
        }
        return out;
    }
    for (k, other) in group.quotes.iter().enumerate().skip(1) {
        let words = group
            .diffs
            .get(k - 1)
            .map_or_else(|| plain(other), |d| side(d, false));
        let right = cell(other, source, &words, column, quote == Some(k));
        let left_here = if k == 1 { left.clone() } else { Vec::new() };
        let rows = left_here.len().max(right.len());
        for row in 0..rows {
            out.push(side_by_side(
                left_here.get(row).cloned().unwrap_or_default(),
                right.get(row).cloned().unwrap_or_default(),
                column,
            ));
        }
    }
    out
}

/// Two cells on one line, the left padded to `column` cells, a rule between.
fn side_by_side(left: Line<'static>, right: Line<'static>, column: usize) -> Line<'static> {
    let used = left.width();
    let mut spans = vec![Span::from("    ")];
    spans.extend(left.spans);
    spans.push(Span::from(" ".repeat(column.saturating_sub(used))));
    spans.push(Span::styled("│ ", theme::dim()));
    spans.extend(right.spans);
    Line::from(spans)
}

impl Widget for QuotesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let QuotesView {
            state,
            corpus,
            group: selected,
            quote,
        } = self;
        let Some(comparison) = state.compare.get() else {
            return;
        };
        let groups = &comparison.analysis.quotes;
        let shared = groups.iter().filter(|g| g.quotes.len() > 1).count();
        let title = Line::from(format!(
            " Quotes — {} remarks, {shared} quoted by several · ↑/↓ ←/→ · Enter jumps · Esc closes ",
            groups.len()
        ))
        .bold();
        let inner = popup(area, 116, area.height.saturating_sub(4), title, buf);
        if inner.height < 3 {
            return;
        }
        if groups.is_empty() {
            let note = Line::from(" no quotes in this story").dim();
            buf.set_line(inner.x, inner.y, &note, inner.width);
            return;
        }
        let width = usize::from(inner.width);
        let source = |a: usize| source_label(corpus, a, LABEL_WIDTH - 1);
        let mut all: Vec<(Line<'static>, Option<usize>)> = Vec::new();
        for (index, group) in groups.iter().enumerate() {
            if index > 0 {
                all.push((Line::default(), None));
            }
            let cursor = (index == selected).then_some(quote);
            for line in group_lines(index + 1, group, &source, cursor, width) {
                all.push((line, Some(index)));
            }
        }
        let rows = usize::from(inner.height - 1);
        let items: Vec<Option<usize>> = all.iter().map(|(_, i)| *i).collect();
        let first = first_line(&items, selected, rows);
        for (row, (line, _)) in all.iter().skip(first).take(rows).enumerate() {
            buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
        }
        let legend = Line::from(vec![
            Span::from(format!(" {}/{} · ", selected + 1, groups.len())).dim(),
            Span::styled("same", diff_style(&DiffKind::Same)),
            Span::from(" · ").dim(),
            Span::styled("paraphrase", diff_style(&DiffKind::Paraphrase)),
            Span::from(" · ").dim(),
            Span::styled("removed", diff_style(&DiffKind::Removed)),
            Span::from(" · ").dim(),
            Span::styled("added", diff_style(&DiffKind::Added)),
            Span::from(" (against the first quote)").dim(),
        ]);
        buf.set_line(inner.x, inner.y + inner.height - 1, &legend, inner.width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn words_wrap_in_quotes_and_keep_their_styles() {
        let words: Vec<(String, Style)> = ["the", "greatest", "alliance"]
            .iter()
            .map(|w| (w.to_string(), diff_style(&DiffKind::Same)))
            .collect();
        let lines = wrap_words(&words, 14);
        let texts: Vec<String> = lines.iter().map(text).collect();
        // "“the greatest" is 13 cells; "alliance”" goes to the next line.
        assert_eq!(texts, vec!["“the greatest", "alliance”"]);
        let diff = crate::analysis::quotes::word_diff("new golden age", "new golden era");
        let right = side(&diff, false);
        assert_eq!(right.len(), 3);
        assert_eq!(right[2].0, "era");
        assert_eq!(right[2].1, diff_style(&DiffKind::Added));
        let left = side(&diff, true);
        assert_eq!(left[2].1, diff_style(&DiffKind::Removed));
    }

    #[test]
    fn wide_words_never_pass_the_width() {
        let words = vec![("日米首脳会談で合意した".to_string(), Style::default())];
        for line in wrap_words(&words, 8) {
            assert!(line.width() <= 8, "{}", text(&line));
        }
    }
}
