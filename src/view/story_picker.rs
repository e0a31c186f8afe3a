//! The story picker: the stories the filter keeps, with their dates, how many articles each
//! perspective has (as the reader places them now) and how many are unread.

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

/// Width of the unread/bookmark column: "12/14 ★3".
const MARKS_WIDTH: usize = 9;

/// "unread/total ★bookmarks" for a story.
fn story_marks(state: &AppState, corpus: &Corpus, story: &crate::model::Story) -> String {
    let unread = crate::app::story_picker::unread(&state.reading, corpus, story);
    let starred = story
        .articles
        .iter()
        .filter_map(|&i| corpus.articles.get(i))
        .filter(|a| state.reading.marks(&a.id).bookmarked)
        .count();
    let total = story.articles.len();
    let text = match starred {
        0 => format!("{unread}/{total}"),
        b => format!("{unread}/{total} ★{b}"),
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
        let list = &state.story_list;
        let placed = |i: usize| crate::app::place::perspective_of(&state.reading, corpus, i);
        // Only perspectives that occur in the shown stories get a column (as the reader
        // places the articles now, `P` included).
        let present: std::collections::HashSet<String> = list
            .rows
            .iter()
            .filter_map(|&s| corpus.stories.get(s))
            .flat_map(|s| s.articles.iter().map(|&i| placed(i)))
            .collect();
        let perspectives: Vec<_> = Classifier::active()
            .perspectives
            .iter()
            .filter(|p| present.contains(&p.id))
            .collect();
        let counts_width: usize = perspectives
            .iter()
            .map(|p| count_width(&p.label) + 1)
            .sum::<usize>()
            + MARKS_WIDTH;
        let only = if list.unread_only {
            "unread only"
        } else {
            "all"
        };
        let title = Line::from(format!(
            " Stories {}/{} · {only} (Tab) · Enter opens · Esc closes ",
            list.rows.len(),
            corpus.stories.len()
        ))
        .bold();
        let height = list.rows.len().min(usize::from(u16::MAX) - 4) as u16 + 4;
        let inner = popup(area, 110, height, title, buf);
        if inner.height < 3 {
            return;
        }
        let prompt = Line::from(vec![
            Span::styled("filter: ", theme::dim()),
            Span::from(list.query.as_str()),
            Span::from("▏"),
            Span::styled(
                if list.query.is_empty() {
                    "  words in a title or outlet"
                } else {
                    ""
                },
                theme::dim(),
            ),
        ]);
        buf.set_line(inner.x, inner.y, &prompt, inner.width);
        let date_width = 23;
        let title_width = usize::from(inner.width).saturating_sub(date_width + counts_width + 5);
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
        header.push(Span::from(format!("{:>MARKS_WIDTH$}", "unread ★")));
        let header = Line::from(header).bold();
        buf.set_line(inner.x, inner.y + 1, &header, inner.width);
        if list.rows.is_empty() {
            let none = Line::from("no story matches").dim();
            buf.set_line(inner.x, inner.y + 2, &none, inner.width);
            return;
        }

        let rows = usize::from(inner.height - 2);
        let first = (selected + 1).saturating_sub(rows);
        for (row, &index) in list.rows.iter().skip(first).take(rows).enumerate() {
            let Some(story) = corpus.stories.get(index) else {
                continue;
            };
            let marker = if index == state.story { "● " } else { "  " };
            let name = truncate_to_width(&story.title, title_width);
            let pad = " ".repeat(title_width.saturating_sub(display_width(&name)));
            let mut spans = vec![Span::from(format!(
                "{marker}{:<date_width$} {name}{pad} ",
                date_span(story)
            ))];
            let placements: Vec<String> = story.articles.iter().map(|&i| placed(i)).collect();
            for p in &perspectives {
                let n = placements.iter().filter(|&id| *id == p.id).count();
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
            if first + row == selected {
                line = line.reversed();
            }
            let y = inner.y + 2 + row as u16;
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}
