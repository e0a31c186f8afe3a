//! The story picker: every story with its dates and how many articles each perspective has.

use super::{popup, theme, top_bar::date_span};
use crate::app::AppState;
use crate::ingest::classify::Classifier;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct StoryPicker<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

/// Width of the read/bookmark column: "12/14 ★3".
const MARKS_WIDTH: usize = 9;

/// "read/total ★bookmarks" for a story, blank when nothing is marked.
fn story_marks(state: &AppState, corpus: &Corpus, story: &crate::model::Story) -> String {
    let marks: Vec<_> = story
        .articles
        .iter()
        .map(|&i| state.reading.get(&corpus.articles[i].id))
        .collect();
    let read = marks.iter().filter(|m| m.read).count();
    let starred = marks.iter().filter(|m| m.bookmarked).count();
    let text = match (read, starred) {
        (0, 0) => String::new(),
        (r, 0) => format!("{r}/{}", marks.len()),
        (r, b) => format!("{r}/{} ★{b}", marks.len()),
    };
    format!("{text:>MARKS_WIDTH$}")
}

/// Width of a count column: the perspective's label, at least 3.
fn count_width(label: &str) -> usize {
    display_width(label).max(3)
}

impl Widget for StoryPicker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let StoryPicker {
            state,
            corpus,
            selected,
        } = self;
        // Only perspectives that occur in the corpus get a column.
        let perspectives: Vec<_> = Classifier::active()
            .perspectives
            .iter()
            .filter(|p| corpus.articles.iter().any(|a| a.perspective == p.id))
            .collect();
        let counts_width: usize = perspectives
            .iter()
            .map(|p| count_width(&p.label) + 1)
            .sum::<usize>()
            + MARKS_WIDTH;
        let title = Line::from(format!(
            " Stories ({}) — Enter opens, Esc closes ",
            corpus.stories.len()
        ))
        .bold();
        let height = corpus.stories.len() as u16 + 3;
        let inner = popup(area, 110, height, title, buf);
        if inner.height < 2 {
            return;
        }
        let date_width = 23;
        let title_width = usize::from(inner.width).saturating_sub(date_width + counts_width + 4);
        // Header row.
        let mut header = vec![Span::from(format!(
            "  {:<date_width$} {:<title_width$} ",
            "Dates", "Story"
        ))];
        for p in &perspectives {
            let w = count_width(&p.label);
            header.push(Span::styled(
                format!("{:>w$} ", p.label),
                Style::default().fg(theme::perspective_color(&p.id)),
            ));
        }
        header.push(Span::from(format!("{:>MARKS_WIDTH$}", "read ★")));
        let header = Line::from(header).bold();
        buf.set_line(inner.x, inner.y, &header, inner.width);

        let rows = usize::from(inner.height - 1);
        let first = (selected + 1).saturating_sub(rows);
        for (row, (index, story)) in corpus
            .stories
            .iter()
            .enumerate()
            .skip(first)
            .take(rows)
            .enumerate()
        {
            let marker = if index == state.story { "● " } else { "  " };
            let name = truncate_to_width(&story.title, title_width);
            let pad = " ".repeat(title_width.saturating_sub(display_width(&name)));
            let mut spans = vec![Span::from(format!(
                "{marker}{:<date_width$} {name}{pad} ",
                date_span(story)
            ))];
            for p in &perspectives {
                let n = story
                    .articles
                    .iter()
                    .filter(|&&i| corpus.articles[i].perspective == p.id)
                    .count();
                let w = count_width(&p.label);
                let cell = if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                };
                spans.push(Span::from(format!("{cell:>w$} ")));
            }
            spans.push(Span::styled(
                story_marks(state, corpus, story),
                Style::default().fg(ratatui::style::Color::Yellow),
            ));
            let mut line = Line::from(spans);
            if index == selected {
                line = line.reversed();
            }
            let y = inner.y + 1 + row as u16;
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}
