//! Synchronised scrolling: where a follower pane should be when the leader pane is at a given
//! position. Pure functions over line counts and anchors, no terminal.
//!
//! `Aligned` needs the story's paragraph alignment and both layouts, so the app maps it in
//! `app::compare`; here it is only a mode to cycle through.

use crate::text::wrap::Anchor;

/// How the other panes follow the focused one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncMode {
    /// Every pane scrolls on its own.
    #[default]
    Off,
    /// The others keep the same relative position in their articles, so articles of
    /// different lengths reach their ends together.
    Lockstep,
    /// Matched paragraphs stand level: the others follow the focused pane through the
    /// story's paragraph alignment (see `app::compare::aligned_line`).
    Aligned,
}

impl SyncMode {
    /// The modes in the order `=` cycles through them.
    pub const ALL: &'static [SyncMode] = &[SyncMode::Off, SyncMode::Lockstep, SyncMode::Aligned];

    pub fn next(self) -> SyncMode {
        let at = Self::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            SyncMode::Off => "off",
            SyncMode::Lockstep => "lockstep",
            SyncMode::Aligned => "aligned",
        }
    }
}

/// One pane's position and size, as the mapping sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaneView {
    /// Index of the article in the corpus (an alignment looks pairs up by it).
    pub article: usize,
    pub anchor: Anchor,
    /// The first visible line (the anchor resolved at the pane's width).
    pub top: usize,
    /// Number of wrapped lines of the article at the pane's width.
    pub total: usize,
    /// Number of body lines the pane shows.
    pub height: usize,
}

impl PaneView {
    /// The greatest useful first line: the last page starts here.
    pub fn max_top(&self) -> usize {
        self.total.saturating_sub(self.height)
    }
}

/// Where a follower should go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Leave it where it is.
    Stay,
    /// Put this wrapped line at the top.
    Line(usize),
    /// Put this block position at the top (what a paragraph alignment yields).
    Anchor(Anchor),
}

/// The follower's new position for a leader position, under a mode. `Aligned` needs more
/// than the two views (the app maps it itself); here it falls back to lockstep.
pub fn follow(mode: SyncMode, leader: &PaneView, follower: &PaneView) -> Target {
    match mode {
        SyncMode::Off => Target::Stay,
        SyncMode::Aligned => Target::Line(lockstep_line(leader, follower)),
        SyncMode::Lockstep => Target::Line(lockstep_line(leader, follower)),
    }
}

/// Same fraction of the scrollable range: leader at its last page puts the follower at its
/// last page, leader at the top puts it at the top. Rounded to the nearest line.
pub fn lockstep_line(leader: &PaneView, follower: &PaneView) -> usize {
    let leader_max = leader.max_top();
    let follower_max = follower.max_top();
    if leader_max == 0 {
        return 0;
    }
    let top = leader.top.min(leader_max);
    (top * follower_max + leader_max / 2) / leader_max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pane(top: usize, total: usize, height: usize) -> PaneView {
        PaneView {
            article: 0,
            anchor: Anchor::default(),
            top,
            total,
            height,
        }
    }

    #[test]
    fn cycle_visits_every_mode_and_returns() {
        assert_eq!(SyncMode::Off.next(), SyncMode::Lockstep);
        assert_eq!(SyncMode::Lockstep.next(), SyncMode::Aligned);
        assert_eq!(SyncMode::Aligned.next(), SyncMode::Off);
        assert_eq!(SyncMode::Aligned.label(), "aligned");
        assert_eq!(SyncMode::Lockstep.label(), "lockstep");
    }

    #[test]
    fn off_never_moves_the_follower() {
        assert_eq!(
            follow(SyncMode::Off, &pane(50, 100, 10), &pane(3, 200, 10)),
            Target::Stay
        );
    }

    #[test]
    fn lockstep_keeps_the_relative_position() {
        // Leader scroll range 0..=90, follower 0..=190.
        let follower = pane(0, 200, 10);
        assert_eq!(lockstep_line(&pane(0, 100, 10), &follower), 0);
        assert_eq!(lockstep_line(&pane(45, 100, 10), &follower), 95);
        assert_eq!(lockstep_line(&pane(90, 100, 10), &follower), 190);
        // A shorter follower: 0..=40; 45/90 of it is 20.
        assert_eq!(lockstep_line(&pane(45, 100, 10), &pane(0, 50, 10)), 20);
    }

    #[test]
    fn lockstep_ends_together_even_past_the_end() {
        // A leader scrolled past its last page still maps to the follower's last page.
        assert_eq!(lockstep_line(&pane(500, 100, 10), &pane(0, 31, 10)), 21);
    }

    #[test]
    fn lockstep_with_nothing_to_scroll_stays_at_the_top() {
        assert_eq!(lockstep_line(&pane(0, 5, 10), &pane(7, 100, 10)), 0);
        assert_eq!(lockstep_line(&pane(40, 100, 10), &pane(0, 5, 10)), 0);
        assert_eq!(
            follow(SyncMode::Lockstep, &pane(40, 100, 10), &pane(0, 5, 10)),
            Target::Line(0)
        );
    }

    #[test]
    fn lockstep_rounds_to_the_nearest_line() {
        // 1/3 of 10 is 3.33 -> 3; 2/3 of 10 is 6.67 -> 7.
        assert_eq!(lockstep_line(&pane(1, 13, 10), &pane(0, 20, 10)), 3);
        assert_eq!(lockstep_line(&pane(2, 13, 10), &pane(0, 20, 10)), 7);
    }
}
