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

fn state(corpus: &Corpus) -> AppState {
    AppState::new(corpus, Keymap::embedded().clone(), 120, 40)
}

/// The first visible line of each column at the current size.
fn tops(state: &AppState, corpus: &Corpus) -> Vec<usize> {
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
    assert!(s.layout().single(), "three 26-column panes are too narrow");
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer_and_click_focuses() {
    let corpus = corpus();
    let mut s = state(&corpus);
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
