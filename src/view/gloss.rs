//! The `w` overlay: one paragraph's Korean and Japanese terms, each with its English glosses
//! in an aligned column (terms padded by display width, so Hangul and kanji line up), a ✓ on
//! the terms its counterpart paragraph shares, and which paragraph that counterpart is.

use super::{popup, theme};
use crate::analysis::gloss::paragraph::{glossed_terms, has_terms, mark_shared, GlossedTerm};
use crate::analysis::gloss::Glossary;
use crate::analysis::tokens::Lexicon;
use crate::app::{place, AppState};
use crate::model::Corpus;
use crate::text::sanitize::clean_line;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct GlossView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub article: usize,
    pub block: usize,
    pub scroll: usize,
}

const WIDTH: u16 = 96;
/// The widest term column: longer terms (rare compounds) are cut with an ellipsis.
const MAX_TERM_WIDTH: usize = 16;

/// The paragraph aligned with (`article`, `block`) in another article, if the story's
/// alignment put one level with it.
fn counterpart(state: &AppState, article: usize, block: usize) -> Option<(usize, usize)> {
    let alignment = &state.compare.get()?.analysis.alignment;
    let group = alignment.group_of(article, block)?;
    alignment
        .groups()
        .get(group)?
        .iter()
        .copied()
        .find(|&(a, _)| a != article)
}

/// Rows for one term: the term padded to `term_width`, a mark, then its glosses wrapped in
/// the rest; continuation lines start under the glosses.
fn term_rows(term: &GlossedTerm, term_width: usize, width: usize) -> Vec<Line<'static>> {
    let surface = truncate_to_width(&clean_line(&term.surface), term_width);
    let pad = " ".repeat(term_width.saturating_sub(display_width(&surface)));
    let mark = if term.shared { "✓ " } else { "  " };
    let mut english = clean_line(&term.english.join("; "));
    if term.name {
        english.push_str("  (name)");
    }
    let room = width.saturating_sub(term_width + 3).max(8);
    let wrapped = textwrap::wrap(&english, room);
    let style = if term.shared {
        Style::default().bold()
    } else {
        Style::default()
    };
    wrapped
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let head = if i == 0 {
                format!("{surface}{pad} ")
            } else {
                " ".repeat(term_width + 1)
            };
            let mark = if i == 0 { mark } else { "  " };
            Line::from(vec![
                Span::styled(head, style),
                Span::styled(mark.to_string(), Style::default().green()),
                Span::styled(part.to_string(), style),
            ])
        })
        .collect()
}

impl Widget for GlossView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let GlossView {
            state,
            corpus,
            article,
            block,
            scroll,
        } = self;
        let Some(source) = corpus.articles.get(article) else {
            return;
        };
        let text = source.blocks.get(block).map_or("", |b| b.text.as_str());
        let there = counterpart(state, article, block);
        let mut terms = match has_terms(text) {
            true => glossed_terms(Glossary::embedded(), text),
            false => Vec::new(),
        };
        if let Some((a, b)) = there {
            let other = corpus
                .articles
                .get(a)
                .and_then(|x| x.blocks.get(b))
                .map_or("", |x| x.text.as_str());
            mark_shared(Lexicon::embedded(), &mut terms, other);
        }
        let width = usize::from(WIDTH.min(area.width.saturating_sub(2))).saturating_sub(2);
        let term_width = terms
            .iter()
            .map(|t| display_width(&t.surface))
            .max()
            .unwrap_or(0)
            .min(MAX_TERM_WIDTH);
        let mut rows: Vec<Line> = Vec::new();
        for term in &terms {
            rows.extend(term_rows(term, term_width, width));
        }
        let outlet = clean_line(source.outlet.as_deref().unwrap_or(&source.title));
        let here = format!("{outlet}, paragraph {}", block + 1);
        let level = match there {
            Some((a, b)) => {
                let perspective = place::perspective_of(&state.reading, corpus, a);
                let who = corpus.articles[a]
                    .outlet
                    .as_deref()
                    .map(clean_line)
                    .unwrap_or_else(|| theme::perspective_label(&perspective));
                format!(
                    "level with {who} ({}), paragraph {}",
                    theme::perspective_label(&perspective),
                    b + 1
                )
            }
            None => "no counterpart in this story".to_string(),
        };
        let shared = terms.iter().filter(|t| t.shared).count();
        let mut head = vec![
            Line::from(truncate_to_width(&format!("{here} — {level}"), width)).bold(),
            Line::from(match (terms.len(), there) {
                (0, _) => "No Korean or Japanese words in this paragraph.".to_string(),
                (n, Some(_)) => format!("{n} terms; ✓ {shared} shared with the counterpart"),
                (n, None) => format!("{n} terms"),
            })
            .dim(),
            Line::from(""),
        ];
        let title =
            Line::from(" Glosses: this paragraph's terms in English — j/k scroll, Esc closes ")
                .bold();
        let height = (head.len() + rows.len() + 2) as u16;
        let inner = popup(area, WIDTH, height, title, buf);
        if inner.height < 2 {
            return;
        }
        let room = usize::from(inner.height).saturating_sub(head.len());
        // `scroll` counts terms; start at the first row of that term.
        let first_row: usize = terms
            .iter()
            .take(scroll.min(terms.len()))
            .map(|t| term_rows(t, term_width, width).len())
            .sum::<usize>()
            .min(rows.len().saturating_sub(room));
        head.extend(rows.into_iter().skip(first_row).take(room));
        for (row, line) in head.iter().enumerate().take(usize::from(inner.height)) {
            buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
        }
    }
}
