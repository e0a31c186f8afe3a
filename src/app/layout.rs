//! Screen geometry as a pure function of the terminal size and a few state flags. `update`
//! uses it to know page sizes and what the mouse points at; the view uses it to draw. One
//! function for both, so they never disagree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Narrowest pane that still reads well: two such panes side by side need 60 columns.
pub const MIN_PANE_WIDTH: u16 = 30;
/// From this width on, two panes are shown (the focused one and its companion).
pub const TWO_PANES_WIDTH: u16 = 2 * MIN_PANE_WIDTH;
/// From this width on, three panes and more: one per `WIDE_PANE_WIDTH` columns.
pub const THREE_PANES_WIDTH: u16 = 3 * WIDE_PANE_WIDTH;
/// A pane's share when three or more are shown: a little more than the minimum, so three
/// panes of 30 at 90 columns do not crowd out the two roomier ones.
pub const WIDE_PANE_WIDTH: u16 = 32;
/// Below this the reader shows only "terminal too small".
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenLayout {
    pub too_small: bool,
    pub top_bar: Rect,
    pub bottom_bar: Rect,
    /// The perspective tabs, when not every column has a pane (narrow or zoomed).
    pub tabs: Option<Rect>,
    pub panes: Vec<PaneLayout>,
    /// The area overlays are centred in.
    pub body: Rect,
}

/// Where one column is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneLayout {
    /// Index into `AppState::columns`.
    pub column: usize,
    /// The whole pane, border included.
    pub outer: Rect,
    /// The article's outlet, date and title.
    pub header: Rect,
    /// The note line under the header (zero height unless notes are shown).
    pub note: Rect,
    /// The article text.
    pub body: Rect,
    /// The scrollbar track, on the right border.
    pub scrollbar: Rect,
}

impl ScreenLayout {
    /// True when the panes are shown one at a time.
    pub fn single(&self) -> bool {
        self.tabs.is_some() && self.panes.len() == 1
    }

    /// True when some columns have no pane (the tabs show them all).
    pub fn partial(&self) -> bool {
        self.tabs.is_some()
    }

    /// The same layout with every pane giving its body's first row to the note line.
    pub fn with_note_line(mut self) -> ScreenLayout {
        for pane in &mut self.panes {
            if pane.body.height > 1 {
                pane.note = Rect::new(pane.header.x, pane.body.y, pane.header.width, 1);
                pane.body.y += 1;
                pane.body.height -= 1;
            }
        }
        self
    }

    /// Whether `column` has a pane on screen.
    pub fn shows(&self, column: usize) -> bool {
        self.panes.iter().any(|p| p.column == column)
    }

    pub fn pane_at(&self, x: u16, y: u16) -> Option<&PaneLayout> {
        self.panes.iter().find(|p| contains(p.outer, x, y))
    }
}

pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}

/// How many panes fit side by side in `width` columns.
pub fn panes_that_fit(width: u16) -> usize {
    match width {
        w if w < TWO_PANES_WIDTH => 1,
        w if w < THREE_PANES_WIDTH => 2,
        w => usize::from(w / WIDE_PANE_WIDTH),
    }
}

/// The columns shown when only `fit` of `columns` have room, in display order: the focused
/// one, its companion (the next column when the companion is unset or the focus itself),
/// then the columns after the focus.
pub fn visible_columns(columns: usize, focus: usize, companion: usize, fit: usize) -> Vec<usize> {
    let focus = focus.min(columns.saturating_sub(1));
    let companion = if companion != focus && companion < columns {
        companion
    } else {
        (focus + 1) % columns.max(1)
    };
    let mut shown = vec![focus];
    if fit > 1 && companion != focus {
        shown.push(companion);
    }
    let mut next = focus;
    while shown.len() < fit.min(columns) {
        next = (next + 1) % columns;
        if !shown.contains(&next) {
            shown.push(next);
        }
    }
    shown.sort_unstable();
    shown
}

/// Lay the screen out for `columns` perspective columns. When not all fit, the focused
/// column and `companion` get panes and tabs name them all.
pub fn screen(
    area: Rect,
    columns: usize,
    focus: usize,
    companion: usize,
    zoom: bool,
) -> ScreenLayout {
    let mut layout = ScreenLayout {
        too_small: area.width < MIN_WIDTH || area.height < MIN_HEIGHT,
        top_bar: Rect::default(),
        bottom_bar: Rect::default(),
        tabs: None,
        panes: Vec::new(),
        body: Rect::default(),
    };
    if layout.too_small {
        return layout;
    }
    let [top_bar, middle, bottom_bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    layout.top_bar = top_bar;
    layout.bottom_bar = bottom_bar;
    layout.body = middle;
    if columns == 0 {
        return layout;
    }
    let fit = if zoom {
        1
    } else {
        panes_that_fit(middle.width)
    };
    let mut area = middle;
    let shown: Vec<usize> = if fit >= columns {
        (0..columns).collect()
    } else {
        let [tabs, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(middle);
        layout.tabs = Some(tabs);
        area = rest;
        visible_columns(columns, focus, companion, fit)
    };
    let constraints = vec![Constraint::Ratio(1, shown.len() as u32); shown.len()];
    let rects = Layout::horizontal(constraints).split(area);
    for (&column, rect) in shown.iter().zip(rects.iter()) {
        layout.panes.push(pane(column, *rect));
    }
    layout
}

/// A pane's parts: a border, one column of padding each side, the header, then the body (one
/// column narrower than the header: a blank column between the text and the gutter).
pub fn pane(column: usize, outer: Rect) -> PaneLayout {
    let inner_height = outer.height.saturating_sub(2);
    let text_x = outer.x + 2;
    let text_width = outer.width.saturating_sub(4);
    let header_height = match inner_height {
        h if h >= 12 => 4,
        h if h >= 4 => 1,
        _ => 0,
    };
    let header = Rect::new(text_x, outer.y + 1, text_width, header_height);
    // The body gives up its last column to a blank one, so the alignment letter in the right
    // padding never touches a full-width line of text ("fromb").
    let body = Rect::new(
        text_x,
        outer.y + 1 + header_height,
        text_width.saturating_sub(1),
        inner_height - header_height,
    );
    let scrollbar = Rect::new(
        (outer.x + outer.width).saturating_sub(1),
        outer.y + 1,
        u16::from(outer.width > 0),
        inner_height,
    );
    PaneLayout {
        column,
        outer,
        header,
        note: Rect::new(text_x, body.y, body.width, 0),
        body,
        scrollbar,
    }
}

/// The tab strip's hit areas: each label takes its width plus a space either side and a
/// separator. When they do not all fit, the strip starts late enough for the focused tab to
/// show; tabs scrolled off to the left get empty areas.
pub fn tabs(area: Rect, label_widths: &[usize], focus: usize) -> Vec<Rect> {
    let span = |w: usize| w as u16 + 3; // label, a space either side, the separator
    let mut first = 0;
    while first < focus
        && label_widths[first..=focus.min(label_widths.len().saturating_sub(1))]
            .iter()
            .map(|&w| span(w))
            .sum::<u16>()
            > area.width + 1
    {
        first += 1;
    }
    let mut x = area.x;
    let end = area.x + area.width;
    label_widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            if i < first {
                return Rect::new(area.x, area.y, 0, 1);
            }
            let width = (w as u16 + 2).min(end.saturating_sub(x));
            let rect = Rect::new(x, area.y, width, 1);
            x = (x + width + 1).min(end);
            rect
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_scroll_so_the_focused_one_shows() {
        let area = Rect::new(0, 0, 20, 1);
        let widths = [6, 8, 4, 5]; // Korean, Japanese, Wire, Other
        let at_start = tabs(area, &widths, 0);
        assert_eq!((at_start[0].x, at_start[0].width), (0, 8));
        let last = tabs(area, &widths, 3);
        assert_eq!(last[0].width, 0, "Korean scrolled off");
        assert_eq!(last[1].width, 0, "Japanese scrolled off");
        assert_eq!((last[2].x, last[2].width), (0, 6));
        assert_eq!(
            (last[3].x, last[3].width),
            (7, 7),
            "the focused tab is whole"
        );
    }

    #[test]
    fn wide_terminal_gets_one_pane_per_column() {
        let l = screen(Rect::new(0, 0, 120, 40), 3, 0, 0, false);
        assert!(!l.too_small && !l.single());
        assert_eq!(l.panes.len(), 3);
        assert_eq!(l.top_bar, Rect::new(0, 0, 120, 1));
        assert_eq!(l.bottom_bar, Rect::new(0, 39, 120, 1));
        assert_eq!(l.panes[0].outer, Rect::new(0, 1, 40, 38));
        assert_eq!(l.panes[2].outer, Rect::new(80, 1, 40, 38));
        // Border, padding, header of 4 lines.
        assert_eq!(l.panes[1].body, Rect::new(42, 6, 35, 32));
        assert_eq!(l.panes[1].scrollbar, Rect::new(79, 2, 1, 36));
    }

    #[test]
    fn narrow_terminal_shows_the_focused_column_with_tabs() {
        // 59 columns: one pane of three, with tabs.
        let l = screen(Rect::new(0, 0, 59, 24), 3, 2, 0, false);
        assert!(l.single());
        assert_eq!(l.tabs, Some(Rect::new(0, 1, 59, 1)));
        assert_eq!(l.panes.len(), 1);
        assert_eq!(l.panes[0].column, 2);
        assert_eq!(l.panes[0].outer, Rect::new(0, 2, 59, 21));
        // Two columns of 40 fit side by side, no tabs needed.
        let two = screen(Rect::new(0, 0, 80, 24), 2, 0, 0, false);
        assert!(!two.partial() && two.panes.len() == 2);
    }

    #[test]
    fn eighty_columns_show_the_focused_pane_and_its_companion() {
        // Focus on the first of three, no companion chosen: the next one beside it.
        let l = screen(Rect::new(0, 0, 80, 24), 3, 0, 0, false);
        assert!(l.partial() && !l.single());
        let shown: Vec<usize> = l.panes.iter().map(|p| p.column).collect();
        assert_eq!(shown, vec![0, 1]);
        assert_eq!(l.panes[0].outer, Rect::new(0, 2, 40, 21));
        assert_eq!(l.panes[1].outer, Rect::new(40, 2, 40, 21));
        // Focus on the last with the first as companion: shown in display order.
        let l = screen(Rect::new(0, 0, 80, 24), 3, 2, 0, false);
        let shown: Vec<usize> = l.panes.iter().map(|p| p.column).collect();
        assert_eq!(shown, vec![0, 2]);
        // Focus on the last, no companion: the next wraps round to the first.
        assert_eq!(visible_columns(3, 2, 2, 2), vec![0, 2]);
        assert_eq!(visible_columns(3, 1, 0, 2), vec![0, 1]);
        assert_eq!(visible_columns(5, 3, 0, 3), vec![0, 3, 4]);
    }

    #[test]
    fn pane_counts_by_width() {
        assert_eq!(panes_that_fit(59), 1);
        assert_eq!(panes_that_fit(60), 2);
        assert_eq!(panes_that_fit(95), 2);
        assert_eq!(panes_that_fit(96), 3);
        assert_eq!(panes_that_fit(127), 3);
        assert_eq!(panes_that_fit(128), 4);
        // Four columns at 100: three panes and the tabs.
        let l = screen(Rect::new(0, 0, 100, 30), 4, 3, 0, false);
        assert!(l.partial());
        assert_eq!(l.panes.len(), 3);
        let l = screen(Rect::new(0, 0, 96, 30), 3, 0, 0, false);
        assert!(!l.partial() && l.panes.len() == 3);
    }

    #[test]
    fn zoom_shows_one_pane_and_a_single_column_needs_no_tabs() {
        assert!(screen(Rect::new(0, 0, 200, 60), 3, 1, 0, true).single());
        let one = screen(Rect::new(0, 0, 200, 60), 1, 0, 0, true);
        assert!(!one.single());
        assert_eq!(one.panes[0].outer.width, 200);
    }

    #[test]
    fn tiny_terminal_is_too_small_and_small_ones_shrink_the_header() {
        assert!(screen(Rect::new(0, 0, 19, 30), 3, 0, 0, false).too_small);
        assert!(screen(Rect::new(0, 0, 80, 4), 3, 0, 0, false).too_small);
        let l = screen(Rect::new(0, 0, 20, 5), 3, 0, 0, false);
        assert!(!l.too_small);
        // 5 rows: bars, tabs, and a pane of 2 rows (border only).
        assert_eq!(l.panes[0].body.height, 0);
        let l = screen(Rect::new(0, 0, 40, 10), 3, 0, 0, false);
        assert_eq!(l.panes[0].header.height, 1);
    }

    #[test]
    fn hit_testing_finds_the_pane_under_the_pointer() {
        let l = screen(Rect::new(0, 0, 120, 40), 3, 0, 0, false);
        assert_eq!(l.pane_at(0, 1).map(|p| p.column), Some(0));
        assert_eq!(l.pane_at(85, 20).map(|p| p.column), Some(2));
        assert_eq!(l.pane_at(85, 0), None);
        let t = tabs(Rect::new(0, 1, 80, 1), &[6, 8, 4], 0);
        assert_eq!(t[0], Rect::new(0, 1, 8, 1));
        assert_eq!(t[1], Rect::new(9, 1, 10, 1));
        assert_eq!(t[2], Rect::new(20, 1, 6, 1));
    }
}
