//! Drawing: one file per pane or overlay, each a Widget over borrowed state. `Screen` draws
//! the whole frame: bars, panes (or tabs and one pane), then the overlays in stacking order.

pub mod article_list;
pub mod bottom_bar;
pub mod cells;
pub mod coverage;
pub mod figures;
pub mod gloss;
pub mod help;
pub mod pane;
pub mod place_picker;
pub mod quotes;
pub mod search_all;
pub mod story_picker;
pub mod tabs;
pub mod theme;
pub mod top_bar;
pub mod topic_panel;
pub mod warnings;

use crate::app::{AppState, Overlay};
use crate::model::Corpus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// The whole reader for one frame.
pub struct Screen<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
}

impl Widget for Screen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Screen { state, corpus } = self;
        let layout = crate::app::layout::screen(
            area,
            state.columns.len(),
            state.focus,
            state.companion,
            state.zoom,
        );
        let layout = match state.note_line() {
            true => layout.with_note_line(),
            false => layout,
        };
        if layout.too_small {
            too_small(area, buf);
            return;
        }
        top_bar::TopBar { state, corpus }.render(layout.top_bar, buf);
        // The full-screen lists hide the panes: drawing them under the list is wasted time.
        let hidden = matches!(
            state.overlay(),
            Some(Overlay::Articles { .. } | Overlay::SearchAll { .. })
        );
        if let (Some(tabs), false) = (layout.tabs, hidden) {
            tabs::Tabs { state }.render(tabs, buf);
        }
        for pane in layout.panes.iter().filter(|_| !hidden) {
            pane::Pane {
                state,
                corpus,
                layout: *pane,
            }
            .render(pane.outer, buf);
        }
        if state.columns.is_empty() {
            let note = match &state.loading {
                // The first frame while the worker thread reads the files.
                Some(loading) => Line::from(format!("Loading: {}", loading.line())),
                None => Line::from("No articles to show. Open files with `parallax PATH…`.").dim(),
            };
            buf.set_line(
                layout.body.x + 1,
                layout.body.y + 1,
                &note,
                layout.body.width,
            );
        }
        bottom_bar::BottomBar { state, corpus }.render(layout.bottom_bar, buf);
        for overlay in &state.overlays {
            match *overlay {
                Overlay::Help { scroll } => help::Help { state, scroll }.render(area, buf),
                Overlay::Stories { selected } => story_picker::StoryPicker {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
                Overlay::Warnings { first } => {
                    warnings::Warnings { corpus, first }.render(area, buf)
                }
                Overlay::Topics { selected } => topic_panel::TopicPanel {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
                Overlay::Coverage { row, column } => coverage::CoverageMatrix {
                    state,
                    corpus,
                    row,
                    column,
                }
                .render(area, buf),
                Overlay::Figures { selected } => figures::FiguresView {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
                Overlay::Articles { selected } => article_list::ArticleListView {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
                Overlay::Quotes { group, quote } => quotes::QuotesView {
                    state,
                    corpus,
                    group,
                    quote,
                }
                .render(area, buf),
                Overlay::Gloss {
                    article,
                    block,
                    scroll,
                } => gloss::GlossView {
                    state,
                    corpus,
                    article,
                    block,
                    scroll,
                }
                .render(area, buf),
                Overlay::SearchAll { selected } => search_all::SearchAllView {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
                Overlay::Place { selected } => place_picker::PlacePicker {
                    state,
                    corpus,
                    selected,
                }
                .render(area, buf),
            }
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    // The longest wording that fits.
    let width = usize::from(area.width);
    let text = ["terminal too small", "too small", "small", "!"]
        .into_iter()
        .find(|t| t.len() <= width)
        .unwrap_or("");
    let y = area.y + area.height / 2;
    let x = area.x + (area.width - text.len() as u16) / 2;
    buf.set_string(x, y, text, Style::default().bold());
}

/// A bordered box centred in `area`, cleared, with a title; returns its inside.
pub fn popup(area: Rect, width: u16, height: u16, title: Line<'_>, buf: &mut Buffer) -> Rect {
    let width = width
        .min(area.width.saturating_sub(2))
        .max(area.width.min(10));
    let height = height
        .min(area.height.saturating_sub(2))
        .max(area.height.min(3));
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(rect, buf);
    // A wide character just left of the box would spill its second half over the border:
    // blank it (the terminal would otherwise hide the border cell under it).
    if rect.x > area.x {
        for y in rect.top()..rect.bottom() {
            let cell = &mut buf[(rect.x - 1, y)];
            if crate::text::width::display_width(cell.symbol()) > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::overlay_border())
        .title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}
