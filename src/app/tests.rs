//! `update` sequences on a small in-memory corpus with predictable line counts: every block
//! is one short word, so an article of n blocks is 2n - 1 lines at any width.

use super::*;
use crate::model::{Article, Block, BlockKind, Format};
use std::collections::BTreeMap;

fn article(id: &str, perspective: &str, story: &str, date: &str, blocks: Vec<Block>) -> Article {
    Article {
        id: id.into(),
        source: format!("{id}.txt"),
        format: Format::Text,
        title: format!("Title {id}"),
        outlet: Some(format!("Outlet {id}")),
        perspective: perspective.into(),
        perspective_reason: "test".into(),
        perspective_source: "none".into(),
        perspective_confidence: 0.0,
        language: None,
        date: Some(date.into()),
        url: None,
        byline: None,
        dateline: None,
        story: Some(story.into()),
        blocks,
        warnings: vec![],
        dropped: vec![],
    }
}

fn words(n: usize) -> Vec<Block> {
    (0..n)
        .map(|i| Block::new(BlockKind::Paragraph, format!("w{i}")))
        .collect()
}

/// Story "big": Korean 50 blocks (99 lines) and a second Korean article, Japanese 100 blocks
/// (199 lines), Wire 10 blocks (19 lines). Story "small": one Korean article.
fn corpus() -> Corpus {
    let long = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor";
    let mut korean_two = words(3);
    korean_two.push(Block::new(
        BlockKind::Paragraph,
        format!("{long} ").repeat(20),
    ));
    let articles = vec![
        article("k1", "korean", "big", "2025-10-28", words(50)),
        article("k2", "korean", "big", "2025-10-29", korean_two),
        article("j1", "japanese", "big", "2025-10-29", words(100)),
        article("w1", "wire", "big", "2025-10-28", words(10)),
        article("s1", "korean", "small", "2025-10-30", words(5)),
    ];
    let mut titles = BTreeMap::new();
    titles.insert("big".to_string(), "Big story".to_string());
    Corpus::new(articles, vec![], &titles)
}

pub(super) fn state(corpus: &Corpus) -> AppState {
    AppState::new(corpus, Keymap::embedded().clone(), 120, 40)
}

/// The first visible line of each column at the current size.
pub(super) fn tops(state: &AppState, corpus: &Corpus) -> Vec<usize> {
    let layout = state.layout();
    (0..state.columns.len())
        .map(|c| state.view_of(corpus, &layout, c).top)
        .collect()
}

fn down(n: i32) -> Action {
    Action::Scroll(Scroll::Lines(n))
}

#[test]
fn opens_on_the_story_with_most_perspectives_in_display_order() {
    let corpus = corpus();
    // "small" is newer, so it sorts first; "big" has more perspectives.
    assert_eq!(corpus.stories[0].id, "small");
    let s = state(&corpus);
    assert_eq!(corpus.stories[s.story].id, "big");
    let ids: Vec<&str> = s.columns.iter().map(|c| c.perspective.as_str()).collect();
    assert_eq!(ids, vec!["korean", "japanese", "wire"]);
    // Korean articles oldest first.
    let korean: Vec<&str> = s.columns[0]
        .articles
        .iter()
        .map(|&i| corpus.articles[i].id.as_str())
        .collect();
    assert_eq!(korean, vec!["k1", "k2"]);
    assert_eq!(s.sync, SyncMode::Lockstep);
    assert!(s.running);
}

#[test]
fn unknown_perspectives_become_other_and_go_last() {
    let articles = vec![
        article("x", "martian", "s", "2025-01-01", words(2)),
        article("k", "korean", "s", "2025-01-01", words(2)),
    ];
    let corpus = Corpus::new(articles, vec![], &BTreeMap::new());
    let s = state(&corpus);
    let ids: Vec<&str> = s.columns.iter().map(|c| c.perspective.as_str()).collect();
    assert_eq!(ids, vec!["korean", "other"]);
}

#[test]
fn focus_moves_wrap_with_tab_and_stop_at_the_edges_with_h_l() {
    let corpus = corpus();
    let mut s = state(&corpus);
    assert!(update(&mut s, &corpus, Action::FocusPrev));
    assert_eq!(s.focus, 2);
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(s.focus, 0);
    assert!(
        !update(&mut s, &corpus, Action::FocusLeft),
        "no change at the left edge"
    );
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::FocusRight);
    assert!(!update(&mut s, &corpus, Action::FocusRight));
    assert_eq!(s.focus, 2);
}

#[test]
fn lockstep_scrolls_the_others_by_relative_position() {
    let corpus = corpus();
    let mut s = state(&corpus);
    // Body height at 120x40 is 32: Korean scrolls 0..=67, Japanese 0..=167, Wire not at all.
    assert!(update(&mut s, &corpus, down(1)));
    // 1/67 of 167 = 2.49 -> 2.
    assert_eq!(tops(&s, &corpus), vec![1, 2, 0]);
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    assert_eq!(tops(&s, &corpus), vec![67, 167, 0]);
    // Scrolling past the end changes nothing.
    assert!(!update(&mut s, &corpus, down(1)));
    update(&mut s, &corpus, Action::Scroll(Scroll::Top));
    assert_eq!(tops(&s, &corpus), vec![0, 0, 0]);
    assert!(!update(&mut s, &corpus, down(-1)));
}

#[test]
fn sync_off_scrolls_only_the_focused_pane_and_cycling_back_resyncs() {
    let corpus = corpus();
    let mut s = state(&corpus);
    // Lockstep -> aligned -> off.
    update(&mut s, &corpus, Action::CycleSync);
    update(&mut s, &corpus, Action::CycleSync);
    assert_eq!(s.sync, SyncMode::Off);
    assert_eq!(s.message.as_deref(), Some("sync: off"));
    update(&mut s, &corpus, Action::FocusNext);
    update(&mut s, &corpus, Action::Scroll(Scroll::Pages(1)));
    // A page is the body height less two lines of overlap: 30.
    assert_eq!(tops(&s, &corpus), vec![0, 30, 0]);
    update(&mut s, &corpus, Action::Scroll(Scroll::HalfPages(1)));
    assert_eq!(tops(&s, &corpus), vec![0, 46, 0]);
    // Back to lockstep: the others follow the focused pane at once (46/167 of 67 = 18.46).
    update(&mut s, &corpus, Action::CycleSync);
    assert_eq!(tops(&s, &corpus), vec![18, 46, 0]);
}

#[test]
fn resize_keeps_the_reading_position_by_block() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync); // aligned
    update(&mut s, &corpus, Action::CycleSync); // off
    update(&mut s, &corpus, down(10));
    let anchor = s.columns[0].anchor();
    // Line 10 is block 5 ("w5"), its first line.
    assert_eq!(
        anchor,
        Anchor {
            block: 5,
            offset: 0
        }
    );
    assert!(update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 200,
            height: 60
        }
    ));
    assert_eq!(s.columns[0].anchor(), anchor);
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 40,
            height: 12,
        },
    );
    assert_eq!(s.columns[0].anchor(), anchor);
    // Still showing block 5 at the top at the narrow size.
    let layout = s.layout();
    let (wrapped, view) = s.pane_view(
        &corpus,
        0,
        layout.panes[0].body.width,
        layout.panes[0].body.height,
    );
    assert_eq!(wrapped.lines[view.top].text, "w5");
}

#[test]
fn a_long_paragraph_keeps_its_line_offset_across_widths() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync); // aligned
    update(&mut s, &corpus, Action::CycleSync); // off
    update(&mut s, &corpus, Action::NextArticle); // k2: 3 words, then a long paragraph
    update(&mut s, &corpus, down(7)); // w0 _ w1 _ w2 _ | long paragraph line 1
    assert_eq!(
        s.columns[0].anchor(),
        Anchor {
            block: 3,
            offset: 1
        }
    );
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 100,
            height: 20,
        },
    );
    assert_eq!(
        s.columns[0].anchor(),
        Anchor {
            block: 3,
            offset: 1
        }
    );
}

#[test]
fn overlays_take_keys_first_and_close_with_esc_or_q() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Help);
    assert_eq!(s.overlay(), Some(&Overlay::Help { scroll: 0 }));
    update(&mut s, &corpus, down(1));
    assert_eq!(s.overlay(), Some(&Overlay::Help { scroll: 1 }));
    assert_eq!(tops(&s, &corpus), vec![0, 0, 0], "panes did not scroll");
    update(&mut s, &corpus, Action::Quit);
    assert!(s.overlays.is_empty());
    assert!(s.running, "q in an overlay closes it");
    update(&mut s, &corpus, Action::Warnings);
    update(&mut s, &corpus, Action::Help);
    assert_eq!(s.overlays.len(), 2, "help opens on top of another overlay");
    update(&mut s, &corpus, Action::Close);
    assert_eq!(s.overlay(), Some(&Overlay::Warnings { first: 0 }));
    update(&mut s, &corpus, Action::Close);
    assert!(s.overlays.is_empty());
    update(&mut s, &corpus, Action::Stories);
    update(&mut s, &corpus, Action::ForceQuit);
    assert!(!s.running, "Ctrl-c quits from an overlay");
}

#[test]
fn story_picker_moves_and_opens_a_story() {
    let corpus = corpus();
    let mut s = state(&corpus);
    let big = s.story;
    update(&mut s, &corpus, Action::Stories);
    assert_eq!(s.overlay(), Some(&Overlay::Stories { selected: big }));
    update(&mut s, &corpus, down(-5));
    assert_eq!(s.overlay(), Some(&Overlay::Stories { selected: 0 }));
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    assert_eq!(s.overlay(), Some(&Overlay::Stories { selected: 1 }));
    update(&mut s, &corpus, Action::Scroll(Scroll::Top));
    update(&mut s, &corpus, Action::Confirm);
    assert!(s.overlays.is_empty());
    assert_eq!(corpus.stories[s.story].id, "small");
    assert_eq!(s.columns.len(), 1);
    assert_eq!(s.focus, 0);
}

#[test]
fn brackets_switch_articles_and_keep_each_position() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync); // aligned
    update(&mut s, &corpus, Action::CycleSync); // off
    update(&mut s, &corpus, down(4));
    update(&mut s, &corpus, Action::NextArticle);
    assert_eq!(s.columns[0].current, 1);
    assert_eq!(s.message.as_deref(), Some("Korean article 2/2"));
    assert_eq!(s.columns[0].anchor(), Anchor::default());
    update(&mut s, &corpus, Action::PrevArticle);
    assert_eq!(
        s.columns[0].anchor(),
        Anchor {
            block: 2,
            offset: 0
        }
    );
    update(&mut s, &corpus, Action::FocusNext);
    update(&mut s, &corpus, Action::NextArticle);
    assert_eq!(s.columns[1].current, 0);
    assert_eq!(
        s.message.as_deref(),
        Some("only one Japanese article in this story")
    );
    // The message goes with the next key.
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(s.message, None);
}

#[test]
fn zoom_and_narrow_show_one_pane_and_sync_still_covers_hidden_columns() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Zoom);
    assert!(s.layout().single());
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    let t = tops(&s, &corpus);
    // Zoomed to 120x37 with tabs: body height 31, so Korean max 68, Japanese max 168.
    assert_eq!(t, vec![68, 168, 0]);
    update(&mut s, &corpus, Action::Zoom);
    assert!(!s.layout().single());
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    assert!(!s.layout().single(), "80 columns show two panes");
    assert!(s.layout().partial(), "three 26-column panes are too narrow");
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 59,
            height: 24,
        },
    );
    assert!(s.layout().single(), "below 60 columns one pane");
}

fn shown_panes(s: &AppState) -> Vec<usize> {
    s.layout().panes.iter().map(|p| p.column).collect()
}

#[test]
fn eighty_columns_show_two_panes_and_tab_cycles_the_other() {
    let corpus = corpus();
    let mut s = AppState::new(&corpus, Keymap::embedded().clone(), 80, 24);
    assert_eq!(s.columns.len(), 3);
    // Korean focused, Japanese beside it.
    assert_eq!((s.focus, shown_panes(&s)), (0, vec![0, 1]));
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(
        (s.focus, shown_panes(&s)),
        (0, vec![0, 2]),
        "Tab: Wire beside"
    );
    assert_eq!(s.message.as_deref(), Some("beside: Wire"));
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(shown_panes(&s), vec![0, 1], "Tab wraps past the focus");
    update(&mut s, &corpus, Action::FocusPrev);
    assert_eq!(shown_panes(&s), vec![0, 2]);
    // `l` moves the focus; the pane it leaves stays beside.
    update(&mut s, &corpus, Action::FocusRight);
    assert_eq!((s.focus, shown_panes(&s)), (1, vec![0, 1]));
    update(&mut s, &corpus, Action::FocusRight);
    assert_eq!((s.focus, shown_panes(&s)), (2, vec![1, 2]));
    // At 120 columns all three show again and Tab moves the focus as before.
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(shown_panes(&s), vec![0, 1, 2]);
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(s.focus, 0);
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync); // aligned
    update(&mut s, &corpus, Action::CycleSync); // off
    update(
        &mut s,
        &corpus,
        Action::MouseScroll {
            x: 50,
            y: 20,
            lines: 3,
        },
    );
    assert_eq!(tops(&s, &corpus), vec![0, 3, 0]);
    assert_eq!(s.focus, 0, "the wheel does not move focus");
    assert!(!update(
        &mut s,
        &corpus,
        Action::MouseScroll {
            x: 50,
            y: 0,
            lines: 3
        }
    ));
    update(&mut s, &corpus, Action::MouseClick { x: 100, y: 10 });
    assert_eq!(s.focus, 2);
    // Narrow: the tabs row is clickable. Tabs: " Korean (2) " 0..12, "│", " Japanese " 13..23.
    update(
        &mut s,
        &corpus,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    update(&mut s, &corpus, Action::MouseClick { x: 15, y: 1 });
    assert_eq!(s.focus, 1);
}

#[test]
fn an_empty_corpus_does_not_panic() {
    let corpus = Corpus::default();
    let mut s = state(&corpus);
    assert!(s.columns.is_empty());
    for action in [
        down(1),
        Action::Scroll(Scroll::Bottom),
        Action::FocusNext,
        Action::FocusRight,
        Action::NextArticle,
        Action::Zoom,
        Action::CycleSync,
        Action::NextCounterpart,
        Action::PrevCounterpart,
        Action::Figures,
        Action::Confirm,
        Action::Close,
        Action::Quotes,
        Action::FocusRight,
        Action::Confirm,
        Action::Close,
        Action::MouseClick { x: 3, y: 3 },
        Action::Stories,
        down(1),
        Action::Confirm,
    ] {
        update(&mut s, &corpus, action);
    }
    assert!(s.running);
}

#[test]
fn marks_toggle_and_ask_for_a_save() {
    let corpus = corpus();
    let mut s = state(&corpus);
    assert!(update(&mut s, &corpus, Action::ToggleBookmark));
    assert!(s.reading.get("k1").bookmarked);
    assert_eq!(s.effects, vec![Effect::SaveState]);
    update(&mut s, &corpus, Action::ToggleRead);
    assert!(s.reading.get("k1").read);
    update(&mut s, &corpus, Action::ToggleRead);
    assert!(!s.reading.get("k1").read);
    assert_eq!(s.message.as_deref(), Some("marked unread"));
}

#[test]
fn reaching_the_end_marks_an_article_read() {
    let corpus = corpus();
    let mut s = state(&corpus);
    s.sync = SyncMode::Off;
    update(&mut s, &corpus, Action::Scroll(Scroll::Lines(3)));
    assert!(!s.reading.get("k1").read);
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    assert!(s.reading.get("k1").read);
    assert!(
        !s.reading.get("j1").read,
        "only the focused article was read"
    );
}

#[test]
fn positions_are_kept_on_quit_and_restored_next_time() {
    let corpus = corpus();
    let mut s = state(&corpus);
    s.sync = SyncMode::Off;
    update(&mut s, &corpus, Action::Scroll(Scroll::Lines(7)));
    let place = s.columns[0].anchor();
    update(&mut s, &corpus, Action::Quit);
    assert!(!s.running);
    assert!(s.effects.contains(&Effect::SaveState));
    let saved = s.reading.get("k1").position.expect("a position");
    assert_eq!((saved.block, saved.line), (place.block, place.offset));
    let next = state(&corpus).with_reading(&corpus, s.reading.clone());
    assert_eq!(next.columns[0].anchor(), place);
}

#[test]
fn open_original_refuses_articles_without_a_url_and_asks_for_safe_ones() {
    let mut corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::OpenOriginal);
    assert_eq!(s.message.as_deref(), Some("this article has no URL"));
    assert!(s.effects.is_empty());
    corpus.articles[0].url = Some("https://example.com/a".into());
    update(&mut s, &corpus, Action::OpenOriginal);
    assert_eq!(
        s.effects,
        vec![Effect::OpenUrl("https://example.com/a".into())]
    );
    corpus.articles[0].url = Some("-x https://example.com".into());
    s.effects.clear();
    update(&mut s, &corpus, Action::OpenOriginal);
    assert!(s.effects.is_empty());
    assert_eq!(s.message.as_deref(), Some("refused: URL starts with '-'"));
}

#[test]
fn a_reload_keeps_the_story_focus_and_place() {
    let corpus = corpus();
    let mut s = state(&corpus);
    s.sync = SyncMode::Off;
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::Scroll(Scroll::Lines(9)));
    let place = s.columns[1].anchor();
    let mut fresh_articles = corpus.articles.clone();
    fresh_articles.push(article("w2", "wire", "big", "2025-10-30", words(4)));
    let mut titles = BTreeMap::new();
    titles.insert("big".to_string(), "Big story".to_string());
    let fresh = Corpus::new(fresh_articles, vec![], &titles);
    let s = s.reloaded(&corpus, &fresh);
    assert_eq!(fresh.stories[s.story].id, "big");
    assert_eq!(s.columns[s.focus].perspective, "japanese");
    assert_eq!(s.columns[1].anchor(), place);
    assert_eq!(
        s.columns[2].articles.len(),
        2,
        "the new wire article joined"
    );
    assert_eq!(s.message.as_deref(), Some("reloaded: 6 articles"));
}

/// Story "t": Korean 40 blocks with "Tariffs" in every fourth (0, 4, … 36), Japanese 80 blocks
/// with "Tariffs" at 3, 7, … 79 and "LNG" at block 1, Wire 10 blocks with no topic.
fn topical() -> Corpus {
    let blocks = |n: usize, tagged: &dyn Fn(usize) -> bool| -> Vec<Block> {
        (0..n)
            .map(|i| {
                let text = if tagged(i) {
                    format!("Tariffs {i}.")
                } else if i == 1 && n == 80 {
                    "LNG cargo.".to_string()
                } else {
                    format!("w{i}")
                };
                Block::new(BlockKind::Paragraph, text)
            })
            .collect()
    };
    let articles = vec![
        article(
            "k",
            "korean",
            "t",
            "2025-10-28",
            blocks(40, &|i| i % 4 == 0),
        ),
        article(
            "j",
            "japanese",
            "t",
            "2025-10-28",
            blocks(80, &|i| i % 4 == 3),
        ),
        article("w", "wire", "t", "2025-10-28", blocks(10, &|_| false)),
    ];
    Corpus::new(articles, vec![], &BTreeMap::new())
}

fn topic_row(id: &str) -> usize {
    crate::analysis::topics::Lexicon::active()
        .find(id)
        .map(|t| t.index())
        .unwrap_or(usize::MAX)
}

/// Open the topic panel, select `id` (moving down from the first topic), toggle it.
fn select_topic(s: &mut AppState, corpus: &Corpus, id: &str) {
    update(s, corpus, Action::Topics);
    for _ in 0..topic_row(id) {
        update(s, corpus, down(1));
    }
    update(s, corpus, Action::Confirm);
}

/// The focused column's lines from the top of its pane.
fn shown(s: &AppState, corpus: &Corpus, column: usize, n: usize) -> Vec<String> {
    let layout = s.layout();
    let (w, h) = s.geometry(&layout, column);
    let (wrapped, view) = s.pane_view(corpus, column, w, h);
    wrapped
        .lines
        .iter()
        .skip(view.top)
        .take(n)
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn topic_panel_toggles_topics_and_switches_mode_and_the_top_bar_follows() {
    let corpus = topical();
    let mut s = state(&corpus);
    assert!(s.filter_labels().is_empty());
    select_topic(&mut s, &corpus, "trade");
    assert_eq!(
        s.overlay(),
        Some(&Overlay::Topics {
            selected: topic_row("trade")
        })
    );
    assert_eq!(s.filter_labels(), vec!["highlight: Trade".to_string()]);
    // Space toggles too; a second topic joins in lexicon order.
    update(&mut s, &corpus, down(-1));
    update(&mut s, &corpus, Action::Scroll(Scroll::Pages(1)));
    assert_eq!(s.topic_filter.topics.len(), 2);
    update(&mut s, &corpus, Action::Scroll(Scroll::Pages(1)));
    assert_eq!(s.filter_labels(), vec!["highlight: Trade".to_string()]);
    // Left/right switch the mode.
    update(&mut s, &corpus, Action::FocusRight);
    assert_eq!(s.filter_labels(), vec!["focus: Trade".to_string()]);
    // `t` closes the panel; the filter stays.
    update(&mut s, &corpus, Action::Topics);
    assert_eq!(s.overlay(), None);
    assert!(s.topic_filter.focusing());
    // Toggling the last topic off leaves no filter, whatever the mode.
    select_topic(&mut s, &corpus, "trade");
    assert!(s.filter_labels().is_empty());
    assert!(!s.topic_filter.focusing());
}

#[test]
fn focus_folds_untagged_paragraphs_and_enter_unfolds_the_first_on_screen() {
    let corpus = topical();
    let mut s = state(&corpus);
    select_topic(&mut s, &corpus, "trade");
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::Close);
    assert_eq!(
        shown(&s, &corpus, 0, 5),
        vec!["Tariffs 0.", "", "⋯ 3 paragraphs", "", "Tariffs 4."]
    );
    // The wire article has no trade at all: one fold.
    assert_eq!(shown(&s, &corpus, 2, 5), vec!["⋯ 10 paragraphs"]);
    assert!(update(&mut s, &corpus, Action::Confirm));
    assert_eq!(s.message.as_deref(), Some("unfolded 3 paragraphs"));
    assert_eq!(
        shown(&s, &corpus, 0, 6),
        vec!["Tariffs 0.", "", "w1", "", "w2", ""]
    );
    // Highlight mode shows every paragraph again.
    update(&mut s, &corpus, Action::Topics);
    update(&mut s, &corpus, Action::FocusLeft);
    update(&mut s, &corpus, Action::Close);
    assert_eq!(shown(&s, &corpus, 2, 3), vec!["w0", "", "w1"]);
}

#[test]
fn sync_scrolling_works_on_the_folded_layouts() {
    let corpus = topical();
    let mut s = state(&corpus);
    select_topic(&mut s, &corpus, "trade");
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::Close);
    // Folded: Korean 10 kept blocks -> 10 * 4 - 1 = 39 lines. Japanese: a fold of blocks
    // 0..=2 and its blank (2 lines), then 19 kept blocks each with its blank and a fold of 3
    // with its blank (4 lines each), then block 79 alone: 2 + 76 + 1 = 79 lines. Unfolded they
    // would be 79 and 159 lines. Body height at 120x40 is 32.
    let layout = s.layout();
    assert_eq!(s.view_of(&corpus, &layout, 0).total, 39);
    assert_eq!(s.view_of(&corpus, &layout, 1).total, 79);
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    // Both at their last page: 39 - 32 = 7 and 79 - 32 = 47.
    assert_eq!(tops(&s, &corpus), vec![7, 47, 0]);
    update(&mut s, &corpus, Action::Scroll(Scroll::Top));
    update(&mut s, &corpus, down(1));
    // 1/7 of 47 = 6.71 -> 7.
    assert_eq!(tops(&s, &corpus), vec![1, 7, 0]);
}

#[test]
fn coverage_enter_jumps_to_the_first_paragraph_of_the_cell_and_unfolds_it() {
    let corpus = topical();
    let mut s = state(&corpus);
    // Focus on energy: the Japanese trade paragraphs are folded away.
    select_topic(&mut s, &corpus, "energy");
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::Close);
    update(&mut s, &corpus, Action::Coverage);
    assert_eq!(s.overlay(), Some(&Overlay::Coverage { row: 0, column: 0 }));
    for _ in 0..topic_row("trade") {
        update(&mut s, &corpus, down(1));
    }
    update(&mut s, &corpus, Action::FocusRight);
    // The column stops at the last perspective.
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::FocusRight);
    assert_eq!(
        s.overlay(),
        Some(&Overlay::Coverage {
            row: topic_row("trade"),
            column: 2
        })
    );
    // The wire has no trade paragraph: Enter says so and stays.
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(
        s.message.as_deref(),
        Some("no paragraph on this topic here")
    );
    update(&mut s, &corpus, Action::FocusLeft);
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(s.overlay(), None);
    assert_eq!(s.focus, 1);
    assert_eq!(
        s.columns[1].anchor(),
        Anchor {
            block: 3,
            offset: 0
        }
    );
    // Block 3 was folded with 2 (block 1, LNG, is kept): its fold opened, so it is on top.
    assert!(s.topic_filter.expanded.contains(&(1, 2)));
    assert_eq!(shown(&s, &corpus, 1, 1), vec!["Tariffs 3."]);
}

#[test]
fn search_types_into_the_query_jumps_and_steps_through_matches() {
    let corpus = topical();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync); // aligned
    update(&mut s, &corpus, Action::CycleSync); // off: only the focused pane moves
    update(&mut s, &corpus, Action::Search);
    assert!(s.text_input());
    for c in "TARIFFS 2".chars() {
        update(&mut s, &corpus, Action::Input(c));
    }
    // "Tariffs 2" matches blocks 20, 24 and 28 in the Korean pane ("Tariffs 2x." too).
    let hit = |block: usize| {
        Some(search::Hit {
            article: 0,
            block,
            start: 0,
            end: 9,
        })
    };
    assert_eq!(s.search.as_ref().and_then(|x| x.current), hit(20));
    // Block 20 starts on line 40, off screen: it is shown a third of the way down (32 / 3).
    assert_eq!(tops(&s, &corpus)[0], 30);
    let tally = s.tally(&corpus).map(|t| (t.current, t.focused, t.all));
    // Japanese: 23 and 27 — and blocks 2x of 80 only where i % 4 == 3.
    assert_eq!(tally, Some((Some(0), 3, 5)));
    // `q` is a letter in the query, not quit.
    update(&mut s, &corpus, Action::Input('q'));
    assert!(s.running);
    update(&mut s, &corpus, Action::InputBackspace);
    assert_eq!(
        s.search.as_ref().map(|x| x.query.as_str()),
        Some("TARIFFS 2")
    );
    update(&mut s, &corpus, Action::Confirm);
    assert!(!s.text_input());
    update(&mut s, &corpus, Action::SearchNext);
    assert_eq!(s.search.as_ref().and_then(|x| x.current), hit(24));
    // On screen already: no scroll.
    assert_eq!(tops(&s, &corpus)[0], 30);
    update(&mut s, &corpus, Action::SearchNext);
    update(&mut s, &corpus, Action::SearchNext);
    // Wrapped around to the first.
    assert_eq!(s.search.as_ref().and_then(|x| x.current), hit(20));
    update(&mut s, &corpus, Action::SearchPrev);
    assert_eq!(s.search.as_ref().and_then(|x| x.current), hit(28));
    // Esc clears the search.
    update(&mut s, &corpus, Action::Close);
    assert_eq!(s.search, None);
    update(&mut s, &corpus, Action::SearchNext);
    assert_eq!(s.message.as_deref(), Some("no search: / starts one"));
}

#[test]
fn search_in_lockstep_moves_the_others_along() {
    let corpus = topical();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Search);
    for c in "tariffs 36".chars() {
        update(&mut s, &corpus, Action::Input(c));
    }
    // Korean block 36 is line 72, shown at 72 - 10 = 62, clamped to the last page 79 - 32 =
    // 47; the Japanese pane follows to its last page too (159 - 32 = 127).
    assert_eq!(tops(&s, &corpus), vec![47, 127, 0]);
    // Esc while typing clears.
    update(&mut s, &corpus, Action::Close);
    assert_eq!(s.search, None);
}

#[test]
fn next_match_moves_on_to_a_pane_that_has_one() {
    let corpus = topical();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Search);
    // "LNG" is only in the Japanese article (block 1); the Korean pane has none.
    for c in "lng".chars() {
        update(&mut s, &corpus, Action::Input(c));
    }
    assert_eq!(s.focus, 0, "typing stays in the pane being read");
    assert_eq!(s.message.as_deref(), Some("not found in this pane: lng"));
    update(&mut s, &corpus, Action::Confirm);
    update(&mut s, &corpus, Action::SearchNext);
    assert_eq!(s.focus, 1);
    assert_eq!(s.message.as_deref(), Some("matches in Japanese"));
    assert_eq!(
        s.search
            .as_ref()
            .and_then(|x| x.current)
            .map(|h| (h.block, h.start, h.end)),
        Some((1, 0, 3))
    );
    // From there, n stays in the Japanese pane (its only match again).
    update(&mut s, &corpus, Action::SearchNext);
    assert_eq!(s.focus, 1);
}

#[test]
fn a_story_too_big_to_align_opens_in_lockstep_with_a_note() {
    let articles: Vec<Article> = (0..41)
        .map(|i| {
            let perspective = ["korean", "japanese", "wire"][i % 3];
            article(&format!("a{i}"), perspective, "big", "2025-10-28", words(3))
        })
        .collect();
    let corpus = Corpus::new(articles, vec![], &BTreeMap::new());
    let s = state(&corpus);
    assert_eq!(s.sync, SyncMode::Lockstep);
    assert!(s.compare.get().is_none());
    assert_eq!(
        s.message.as_deref(),
        Some("41 articles: too many to align (at most 40); lockstep instead")
    );
}

#[test]
fn capital_r_asks_the_loop_to_fetch_and_changes_nothing_else() {
    let corpus = corpus();
    let mut s = state(&corpus);
    let before = s.columns[0].anchor();
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('R'),
        crossterm::event::KeyModifiers::SHIFT,
    );
    let action = s.keymap.action(&key).expect("R is bound");
    assert_eq!(action, Action::Fetch);
    update(&mut s, &corpus, action);
    assert_eq!(s.effects, vec![Effect::Fetch]);
    assert_eq!(s.columns[0].anchor(), before);
}

fn list_ids(s: &AppState, corpus: &Corpus) -> Vec<String> {
    s.articles
        .rows
        .iter()
        .map(|&i| corpus.articles[i].id.clone())
        .collect()
}

fn type_text(s: &mut AppState, corpus: &Corpus, text: &str) {
    for c in text.chars() {
        update(s, corpus, Action::Input(c));
    }
}

#[test]
fn article_list_lists_every_article_newest_first_and_filters_as_you_type() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::ArticleList);
    assert!(s.text_input(), "typing goes to the filter");
    // Newest first; same day by source name.
    assert_eq!(list_ids(&s, &corpus), ["s1", "j1", "k2", "k1", "w1"]);
    // The cursor starts on the focused article (Korean k1).
    assert_eq!(s.overlay(), Some(&Overlay::Articles { selected: 3 }));
    type_text(&mut s, &corpus, "p:jap");
    assert_eq!(list_ids(&s, &corpus), ["j1"]);
    for _ in 0..5 {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    // Words match title or outlet, any case; `q` is a letter here, not quit.
    type_text(&mut s, &corpus, "OUTLET K");
    assert_eq!(list_ids(&s, &corpus), ["k2", "k1"]);
    assert!(s.running);
    for _ in 0..8 {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    assert_eq!(s.articles.query, "");
    // Tab sorts by outlet, then by perspective (display order: Korean, Japanese, Wire).
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(list_ids(&s, &corpus), ["j1", "k1", "k2", "s1", "w1"]);
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(list_ids(&s, &corpus), ["s1", "k2", "k1", "j1", "w1"]);
    update(&mut s, &corpus, Action::Close);
    assert_eq!(s.overlay(), None);
    assert!(!s.text_input());
}

#[test]
fn article_list_unread_and_starred_filters_follow_the_reading_state() {
    let corpus = corpus();
    let mut s = state(&corpus);
    // k1 is focused: mark it read and bookmark it.
    update(&mut s, &corpus, Action::ToggleRead);
    update(&mut s, &corpus, Action::ToggleBookmark);
    update(&mut s, &corpus, Action::ArticleList);
    type_text(&mut s, &corpus, "unread");
    assert_eq!(list_ids(&s, &corpus), ["s1", "j1", "k2", "w1"]);
    for _ in 0.."unread".len() {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    type_text(&mut s, &corpus, "starred");
    assert_eq!(list_ids(&s, &corpus), ["k1"]);
    type_text(&mut s, &corpus, " nothing-like-this");
    assert!(list_ids(&s, &corpus).is_empty());
    // Enter on an empty list does nothing.
    update(&mut s, &corpus, Action::Confirm);
    assert!(matches!(s.overlay(), Some(Overlay::Articles { .. })));
}

#[test]
fn enter_in_the_article_list_opens_its_story_with_that_article_focused() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::ArticleList);
    type_text(&mut s, &corpus, "title k2");
    assert_eq!(list_ids(&s, &corpus), ["k2"]);
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(s.overlay(), None);
    assert_eq!(corpus.stories[s.story].id, "big");
    let column = &s.columns[s.focus];
    assert_eq!(corpus.articles[column.article()].id, "k2");
    // The query is kept for the next visit to the list.
    update(&mut s, &corpus, Action::ArticleList);
    assert_eq!(s.articles.query, "title k2");
    for _ in 0.."title k2".len() {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    // The one-article story: its own story opens.
    type_text(&mut s, &corpus, "s1");
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(corpus.stories[s.story].id, "small");
    assert_eq!(corpus.articles[s.columns[s.focus].article()].id, "s1");
}

#[test]
fn notes_are_typed_inline_saved_through_the_reading_state_and_shown() {
    let corpus = corpus();
    let mut s = state(&corpus);
    let body_before = s.layout().panes[0].body;
    update(&mut s, &corpus, Action::ToggleNotes);
    assert!(s.note_line());
    let layout = s.layout();
    assert_eq!(layout.panes[0].note.height, 1);
    assert_eq!(
        layout.panes[0].note.y, body_before.y,
        "the note takes the body's first row"
    );
    assert_eq!(layout.panes[0].body.height, body_before.height - 1);
    update(&mut s, &corpus, Action::EditNote);
    assert!(s.text_input());
    // `q` and `e` are letters while typing; Backspace edits.
    type_text(&mut s, &corpus, "check the quote");
    update(&mut s, &corpus, Action::InputBackspace);
    assert!(s.running);
    s.effects.clear();
    update(&mut s, &corpus, Action::Confirm);
    assert!(!s.text_input());
    assert_eq!(s.reading.get("k1").note.as_deref(), Some("check the quot"));
    assert_eq!(s.effects, vec![Effect::SaveState]);
    assert_eq!(s.message.as_deref(), Some("note saved"));
    // Esc leaves the note as it was.
    update(&mut s, &corpus, Action::EditNote);
    type_text(&mut s, &corpus, " again");
    update(&mut s, &corpus, Action::Close);
    assert_eq!(s.reading.get("k1").note.as_deref(), Some("check the quot"));
    // Emptied, the note goes; control characters never get in.
    update(&mut s, &corpus, Action::EditNote);
    for _ in 0..20 {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(s.reading.get("k1").note, None);
    s.set_note("k1", "a\u{1b}[31m b\u{7}");
    assert_eq!(s.reading.get("k1").note.as_deref(), Some("a b"));
    update(&mut s, &corpus, Action::ToggleNotes);
    assert!(!s.note_line());
}

#[test]
fn editor_key_hands_the_note_to_the_terminal_side() {
    let corpus = corpus();
    let mut s = state(&corpus);
    s.set_note("k1", "long note");
    s.effects.clear();
    update(&mut s, &corpus, Action::EditNoteExternal);
    assert_eq!(
        s.effects,
        vec![Effect::EditNote {
            id: "k1".into(),
            note: "long note".into()
        }]
    );
}

#[test]
fn mark_story_read_marks_every_article_of_the_open_story_and_the_list_hides_them() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::MarkStoryRead);
    for id in ["k1", "k2", "j1", "w1"] {
        assert!(s.reading.get(id).read, "{id}");
    }
    assert!(!s.reading.get("s1").read, "another story's article");
    assert_eq!(s.effects, vec![Effect::SaveState]);
    assert_eq!(
        s.message.as_deref(),
        Some("4 article(s) of this story marked read")
    );
    update(&mut s, &corpus, Action::ArticleList);
    type_text(&mut s, &corpus, "unread");
    assert_eq!(list_ids(&s, &corpus), ["s1"]);
}

fn story_rows(s: &AppState, corpus: &Corpus) -> Vec<String> {
    s.story_list
        .rows
        .iter()
        .map(|&i| corpus.stories[i].id.clone())
        .collect()
}

#[test]
fn story_picker_filters_as_you_type_in_any_script() {
    let mut articles: Vec<Article> = corpus().articles;
    articles[4].title = "한일 정상회담 관세".into();
    articles[2].outlet = Some("読売新聞".into());
    let corpus = Corpus::new(articles, vec![], &BTreeMap::new());
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Stories);
    assert!(s.text_input(), "typed characters go to the picker's filter");
    assert_eq!(story_rows(&s, &corpus), ["small", "big"]);
    // An article's title finds its story; so does an outlet in kanji.
    type_text(&mut s, &corpus, "관세");
    assert_eq!(story_rows(&s, &corpus), ["small"]);
    assert_eq!(s.overlay(), Some(&Overlay::Stories { selected: 0 }));
    update(&mut s, &corpus, Action::InputBackspace);
    update(&mut s, &corpus, Action::InputBackspace);
    assert_eq!(story_rows(&s, &corpus), ["small", "big"]);
    type_text(&mut s, &corpus, "読売");
    assert_eq!(story_rows(&s, &corpus), ["big"]);
    // Letters are letters here, not bindings: `q` filters rather than closing.
    type_text(&mut s, &corpus, "q");
    assert!(story_rows(&s, &corpus).is_empty());
    assert!(s.overlay().is_some());
    // Enter on nothing says so and opens nothing.
    let story = s.story;
    update(&mut s, &corpus, Action::Confirm);
    assert!(s.overlays.is_empty());
    assert_eq!(s.story, story);
    assert_eq!(s.message.as_deref(), Some("no story matches the filter"));
}

#[test]
fn story_picker_enter_opens_the_filtered_row() {
    let corpus = corpus();
    let mut s = state(&corpus);
    assert_eq!(corpus.stories[s.story].id, "big");
    update(&mut s, &corpus, Action::Stories);
    type_text(&mut s, &corpus, "TITLE S1");
    assert_eq!(story_rows(&s, &corpus), ["small"]);
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(corpus.stories[s.story].id, "small");
    // The query stays for the next time the picker opens.
    update(&mut s, &corpus, Action::Stories);
    assert_eq!(s.story_list.query, "TITLE S1");
    assert_eq!(s.overlay(), Some(&Overlay::Stories { selected: 0 }));
}

#[test]
fn story_picker_counts_unread_and_hides_read_stories_on_tab() {
    let corpus = corpus();
    let mut s = state(&corpus);
    let big = corpus.stories.iter().position(|x| x.id == "big").unwrap();
    assert_eq!(
        story_picker::unread(&s.reading, &corpus, &corpus.stories[big]),
        4
    );
    s.reading.update("k1", |m| m.read = true);
    s.reading.update("s1", |m| m.read = true);
    assert_eq!(
        story_picker::unread(&s.reading, &corpus, &corpus.stories[big]),
        3
    );
    update(&mut s, &corpus, Action::Stories);
    assert_eq!(story_rows(&s, &corpus), ["small", "big"]);
    update(&mut s, &corpus, Action::FocusNext);
    assert!(s.story_list.unread_only);
    assert_eq!(story_rows(&s, &corpus), ["big"], "small has nothing unread");
    update(&mut s, &corpus, Action::FocusNext);
    assert_eq!(story_rows(&s, &corpus), ["small", "big"]);
}

#[test]
fn story_picker_counts_follow_placements_made_in_the_session() {
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;
    let corpus = corpus();
    let mut s = state(&corpus);
    let row = |s: &AppState| {
        let mut opened = s.clone();
        update(&mut opened, &corpus, Action::Stories);
        let mut buf = Buffer::empty(Rect::new(0, 0, 120, 20));
        crate::view::Screen {
            state: &opened,
            corpus: &corpus,
        }
        .render(buf.area, &mut buf);
        (0..20)
            .map(|y| (0..120).map(|x| buf[(x, y)].symbol()).collect::<String>())
            // The last one: the top bar names the open story too.
            .rfind(|l| l.contains("Big story"))
            .unwrap_or_default()
    };
    // Korean 2, Japanese 1, Wire 1, all four unread.
    let before = row(&s);
    let counts: Vec<&str> = before
        .split("Big story")
        .nth(1)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    assert_eq!(counts[..4], ["2", "1", "1", "4/4"], "{before}");
    // Move the wire article to Japanese, as `P` does.
    s.reading
        .update("w1", |m| m.perspective = Some("japanese".into()));
    let after = row(&s);
    let counts: Vec<&str> = after
        .split("Big story")
        .nth(1)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    // No wire article is left, so the Wire column goes.
    assert_eq!(counts[..3], ["2", "2", "4/4"], "{after}");
}

/// Story "big" of `corpus()` with Korean, Japanese (kanji and kana) and English text in its
/// bodies and titles; story "small" unchanged.
fn multilingual() -> Corpus {
    let mut articles: Vec<Article> = corpus().articles;
    articles[0].blocks[3] = Block::new(BlockKind::Paragraph, "한미 정상회담에서 관세 협상");
    articles[2].blocks[40] = Block::new(BlockKind::Paragraph, "日米首脳会談で、かんぜいを協議");
    articles[2].title = "首脳会談の成果".into();
    articles[3].blocks[7] = Block::table(vec![
        vec!["Item".into(), "Rate".into()],
        vec!["Tariff".into(), "15%".into()],
    ]);
    articles[4].blocks[2] = Block::new(BlockKind::Paragraph, "The tariff deal, and a tariff cut");
    Corpus::new(articles, vec![], &BTreeMap::new())
}

fn found(s: &AppState, corpus: &Corpus) -> Vec<(String, Option<usize>, usize)> {
    s.search_all
        .results
        .iter()
        .map(|f| (corpus.articles[f.article].id.clone(), f.block, f.count))
        .collect()
}

#[test]
fn search_everywhere_finds_bodies_and_titles_in_any_script() {
    let corpus = multilingual();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::SearchAll);
    assert_eq!(s.overlay(), Some(&Overlay::SearchAll { selected: 0 }));
    assert!(s.text_input());
    type_text(&mut s, &corpus, "정상회담");
    assert_eq!(found(&s, &corpus), [("k1".to_string(), Some(3), 1)]);
    for _ in 0.."정상회담".chars().count() {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    assert!(
        found(&s, &corpus).is_empty(),
        "an empty query lists nothing"
    );
    // Kanji: the title and the paragraph of the same article.
    type_text(&mut s, &corpus, "首脳会談");
    assert_eq!(
        found(&s, &corpus),
        [("j1".to_string(), None, 1), ("j1".to_string(), Some(40), 1)]
    );
    update(&mut s, &corpus, Action::Close);
    update(&mut s, &corpus, Action::SearchAll);
    assert_eq!(
        s.search_all.query, "首脳会談",
        "the query stays for next time"
    );
    for _ in 0..4 {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    // Kana, and a case-insensitive English word found in a table cell and twice in one
    // paragraph of the other story.
    type_text(&mut s, &corpus, "かんぜい");
    assert_eq!(found(&s, &corpus), [("j1".to_string(), Some(40), 1)]);
    for _ in 0..4 {
        update(&mut s, &corpus, Action::InputBackspace);
    }
    type_text(&mut s, &corpus, "TARIFF");
    assert_eq!(
        found(&s, &corpus),
        [
            ("w1".to_string(), Some(7), 1),
            ("s1".to_string(), Some(2), 2)
        ]
    );
    assert_eq!(s.search_all.matched.len(), 2);
}

#[test]
fn search_everywhere_narrowing_finds_what_a_fresh_search_finds() {
    let corpus = multilingual();
    let mut typed = state(&corpus);
    update(&mut typed, &corpus, Action::SearchAll);
    type_text(&mut typed, &corpus, "t");
    type_text(&mut typed, &corpus, "ariff");
    let mut fresh = search_all::GlobalSearch::default();
    fresh.query = "tariff".into();
    fresh.refresh(&corpus);
    assert_eq!(typed.search_all.results, fresh.results);
    assert_eq!(typed.search_all.matched, fresh.matched);
    assert_eq!(fresh.matched.len(), 2);
}

#[test]
fn search_everywhere_enter_opens_the_story_at_the_paragraph_with_the_query_highlighted() {
    let corpus = multilingual();
    let mut s = state(&corpus);
    // Start in the other story.
    update(&mut s, &corpus, Action::Stories);
    type_text(&mut s, &corpus, "title s1");
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(corpus.stories[s.story].id, "small");
    update(&mut s, &corpus, Action::SearchAll);
    type_text(&mut s, &corpus, "かんぜい");
    update(&mut s, &corpus, Action::Confirm);
    assert!(s.overlays.is_empty());
    assert_eq!(corpus.stories[s.story].id, "big");
    let column = &s.columns[s.focus];
    assert_eq!(corpus.articles[column.article()].id, "j1");
    let current = s.search.as_ref().and_then(|x| x.current);
    assert_eq!(
        current.map(|h| (h.article, h.block)),
        Some((column.article(), 40))
    );
    assert_eq!(s.query(), Some("かんぜい"));
    // Block 40 of j1 is on screen (each block is two lines: 80 and 81).
    let layout = s.layout();
    let view = s.view_of(&corpus, &layout, s.focus);
    assert!(view.top <= 80 && 80 < view.top + view.height, "{view:?}");
    // n goes on from there in the panes (one match only: it stays).
    update(&mut s, &corpus, Action::SearchNext);
    let again = s.search.as_ref().and_then(|x| x.current);
    assert_eq!(again, current);
}

#[test]
fn help_bottom_shows_the_last_line_at_the_bottom_not_a_blank_box() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Help);
    update(&mut s, &corpus, Action::Scroll(Scroll::Bottom));
    let total = crate::view::help::line_count(&s.keymap);
    // 40 rows: a 36-line box inside the border and margin.
    assert!(total > 36, "the help is longer than the screen");
    assert_eq!(s.overlay(), Some(&Overlay::Help { scroll: total - 36 }));
    // The last line (the mouse click) is drawn on the box's last row.
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;
    let mut buf = Buffer::empty(Rect::new(0, 0, 120, 40));
    crate::view::Screen {
        state: &s,
        corpus: &corpus,
    }
    .render(buf.area, &mut buf);
    let row = |y: u16| (0..120).map(|x| buf[(x, y)].symbol()).collect::<String>();
    assert!(
        row(37).contains("focus the pane or tab under the pointer"),
        "{}",
        row(37)
    );
    assert!(row(38).contains('╰'), "the box ends under it: {}", row(38));
}

#[test]
fn ctrl_z_asks_the_terminal_side_to_suspend_from_anywhere_after_saving() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, down(3));
    update(&mut s, &corpus, Action::Stories);
    type_text(&mut s, &corpus, "big");
    s.effects.clear();
    update(&mut s, &corpus, Action::Suspend);
    assert_eq!(s.effects, [Effect::SaveState, Effect::Suspend]);
    assert_eq!(s.story_list.query, "big", "not typed into the filter");
    assert!(
        s.overlay().is_some() && s.running,
        "the reader comes back as it was"
    );
    let k1 = s.reading.marks("k1").position;
    assert!(
        k1.is_some(),
        "the place is in the reading state before the stop"
    );
}
