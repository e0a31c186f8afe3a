//! Property tests: invariants of wrapping, screen layout and scroll sync over generated text
//! (Latin, Korean, Japanese, combining marks, wide punctuation) and every screen size.

use parallax::app::layout;
use parallax::app::sync::{follow, lockstep_line, PaneView, SyncMode, Target};
use parallax::text::sanitize::is_forbidden;
use parallax::text::width::display_width;
use parallax::text::wrap::{wrap_text, Anchor};
use proptest::prelude::*;
use ratatui::layout::Rect;

/// Pieces text is made of: words in several scripts, combining marks (on a letter and
/// alone), wide and zero-width characters, spaces and line breaks.
const PIECES: &[&str] = &[
    "the",
    "summit",
    "tariffs",
    "a",
    "supercalifragilisticexpialidocious",
    "정상회담",
    "관세",
    "합의했다",
    "한미",
    "首脳会談",
    "で",
    "合意した",
    "トランプ氏",
    "高市",
    "。",
    "、",
    "「",
    "」",
    "e\u{301}",
    "\u{301}",
    "\u{1100}\u{1161}\u{11a8}", // a Hangul syllable in conjoining jamo
    "\u{200b}",
    "ｆｕｌｌ",
    "15%",
    "$550",
    " ",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{1b}[2J",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

/// The characters a reader must still find: everything but whitespace and what the
/// sanitiser drops.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !is_forbidden(*c))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wrapped_lines_fit_and_lose_nothing(text in text(), width in 2usize..40) {
        let lines = wrap_text(&text, width);
        for line in &lines {
            prop_assert!(
                display_width(line) <= width,
                "{line:?} is {} wide at {width}", display_width(line)
            );
        }
        prop_assert_eq!(visible(&lines.concat()), visible(&text));
    }

    #[test]
    fn panes_fit_the_screen(
        width in 0u16..400,
        height in 0u16..120,
        columns in 0usize..8,
        focus in 0usize..10,
        companion in 0usize..10,
        zoom: bool,
    ) {
        let area = Rect::new(0, 0, width, height);
        let screen = layout::screen(area, columns, focus, companion, zoom);
        if screen.too_small {
            prop_assert!(screen.panes.is_empty());
            return Ok(());
        }
        prop_assert!(!screen.panes.is_empty() || columns == 0);
        for rect in [screen.top_bar, screen.bottom_bar, screen.body] {
            prop_assert_eq!(area.intersection(rect), rect);
        }
        for (k, pane) in screen.panes.iter().enumerate() {
            prop_assert!(pane.column < columns.max(1));
            for part in [pane.outer, pane.header, pane.body, pane.scrollbar] {
                prop_assert_eq!(screen.body.intersection(part), part, "{:?} outside the body", part);
            }
            for part in [pane.header, pane.body] {
                prop_assert_eq!(pane.outer.intersection(part), part);
            }
            // Panes side by side never overlap.
            for other in &screen.panes[k + 1..] {
                prop_assert!(!pane.outer.intersects(other.outer));
            }
        }
    }

    #[test]
    fn lockstep_stays_within_bounds_and_is_monotone(
        leader_total in 0usize..5_000,
        leader_height in 0usize..200,
        follower_total in 0usize..5_000,
        follower_height in 0usize..200,
        top in 0usize..6_000,
        step in 0usize..500,
    ) {
        let view = |top, total, height| PaneView { article: 0, anchor: Anchor::default(), top, total, height };
        let follower = view(0, follower_total, follower_height);
        let here = lockstep_line(&view(top, leader_total, leader_height), &follower);
        let further = lockstep_line(&view(top + step, leader_total, leader_height), &follower);
        prop_assert!(here <= follower.max_top(), "{here} past {}", follower.max_top());
        prop_assert!(further >= here, "scrolling down moved the follower up: {here} -> {further}");
        // Both ends meet: the top maps to the top, the leader's last page to the follower's.
        let leader = view(0, leader_total, leader_height);
        prop_assert_eq!(lockstep_line(&leader, &follower), 0);
        if leader.max_top() > 0 {
            let last = view(leader.max_top(), leader_total, leader_height);
            prop_assert_eq!(lockstep_line(&last, &follower), follower.max_top());
        }
        prop_assert_eq!(follow(SyncMode::Off, &leader, &follower), Target::Stay);
    }
}
