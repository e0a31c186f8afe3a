//! The story picker: the stories the filter keeps, with their dates, how many articles each
//! perspective has (as the reader places them now) and how many are unread.

use super::cells::{filter_prompt, put_cell};
use super::{popup, theme, top_bar::date_span};
use crate::app::AppState;
use crate::ingest::classify::Classifier;
use crate::model::Corpus;
use crate::text::width::display_width;
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
        // While the corpus loads the list holds only what came first (or nothing): say so,
        // and the picker fills in when the rest comes.
        let loading = if state.loading.is_some() {
            " · still loading"
        } else {
            ""
        };
        let title = Line::from(format!(
            " Stories {}/{}{loading} · {only} (Tab) · Enter opens · Esc closes ",
            list.rows.len(),
            corpus.stories.len()
        ))
        .bold();
        // At least one row: with nothing matching, the filter, the header and "no story
        // matches" stay on screen (the box had shrunk to its borders and hid what was typed).
        let height = list.rows.len().clamp(1, usize::from(u16::MAX) - 4) as u16 + 4;
        let inner = popup(area, 110, height, title, buf);
        if inner.height < 3 {
            return;
        }
        filter_prompt(buf, inner, &list.query, "words in a title or outlet");
        let rows = usize::from(inner.height - 2);
        let first = (selected + 1).saturating_sub(rows);
        let shown: Vec<(usize, &crate::model::Story)> = list
            .rows
            .iter()
            .skip(first)
            .take(rows)
            .filter_map(|&s| Some((s, corpus.stories.get(s)?)))
            .collect();
        // The dates column is as wide as the widest range shown, so one-day stories leave
        // the room to their titles.
        let dates: Vec<String> = shown.iter().map(|(_, s)| compact_date_span(s)).collect();
        let date_width = dates
            .iter()
            .map(|d| display_width(d))
            .max()
            .unwrap_or(0)
            .max("Dates".len());
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
            let none = if state.loading.is_some() && list.query.is_empty() {
                "stories are still being read and grouped; they appear here when ready"
            } else {
                "no story matches"
            };
            let none = Line::from(none).dim();
            buf.set_line(inner.x, inner.y + 2, &none, inner.width);
            return;
        }

        let right = inner.right();
        for (row, ((index, story), dates)) in shown.iter().zip(&dates).enumerate() {
            let y = inner.y + 2 + row as u16;
            let plain = Style::default();
            let marker = if *index == state.story { "●" } else { " " };
            let mut x = put_cell(buf, inner.x, y, right, marker, 1, plain) + 1;
            x = put_cell(buf, x, y, right, dates, date_width, plain) + 1;
            x = put_cell(buf, x, y, right, &story.title, title_width, plain) + 1;
            let placements: Vec<String> = story.articles.iter().map(|&i| placed(i)).collect();
            for p in &perspectives {
                let n = placements.iter().filter(|&id| *id == p.id).count();
                let w = count_width(&p.label);
                let cell = if n == 0 {
                    "·".to_string()
                } else {
                    n.to_string()
                };
                x = put_cell(buf, x, y, right, &format!("{cell:>w$}"), w, plain) + 1;
            }
            let yellow = plain.fg(ratatui::style::Color::Yellow);
            let marks = story_marks(state, corpus, story);
            let end = put_cell(buf, x, y, right, &marks, MARKS_WIDTH, yellow).min(right);
            if first + row == selected {
                let used = end.saturating_sub(inner.x);
                buf.set_style(Rect::new(inner.x, y, used, 1), Style::default().reversed());
            }
        }
    }
}

/// A story's dates for the picker: "2025-10-28 – 10-29" when the range stays in one year
/// (the top bar spells both dates out).
fn compact_date_span(story: &crate::model::Story) -> String {
    match (&story.first_day, &story.last_day) {
        (Some(a), Some(b)) if a != b && a.len() == 10 && b.len() == 10 && a[..5] == b[..5] => {
            format!("{a} – {}", &b[5..])
        }
        _ => date_span(story),
    }
}
