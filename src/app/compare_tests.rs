//! `update` sequences for aligned sync, counterpart jumps and the figures and quotes views:
//! on a made-up story whose alignment is known by construction, and on the seed story.

use super::super::tests::{state, tops};
use super::super::*;
use crate::model::{Article, Block, BlockKind, Format};
use std::collections::BTreeMap;

fn article(id: &str, perspective: &str, blocks: Vec<String>) -> Article {
    Article {
        id: id.into(),
        source: format!("{id}.txt"),
        format: Format::Text,
        title: format!("Title {id}"),
        outlet: None,
        perspective: perspective.into(),
        perspective_reason: "test".into(),
        perspective_source: "none".into(),
        perspective_confidence: 0.0,
        language: None,
        date: Some("2025-10-28".into()),
        url: None,
        byline: None,
        dateline: None,
        story: Some("s".into()),
        blocks: blocks
            .into_iter()
            .map(|t| Block::new(BlockKind::Paragraph, t))
            .collect(),
        warnings: vec![],
        dropped: vec![],
    }
}

// Short enough for one line in a 56-cell pane.
const SUMMIT: &str = "Leaders agreed tariff cuts automobiles semiconductors";
const ABDUCTION: &str = "Abduction families demand kidnapped citizens back";

/// One-line paragraphs no other paragraph shares a word with (letters only: numbers are
/// terms of their own).
fn filler(prefix: &str, n: usize) -> Vec<String> {
    let letter = |i: usize| char::from(b'a' + (i % 26) as u8);
    (0..n)
        .map(|i| {
            let tag = format!("{prefix}{}{}", letter(i / 26), letter(i));
            format!("{tag}pa {tag}qu {tag}re {tag}so")
        })
        .collect()
}

/// Korean: SUMMIT, 30 fillers, ABDUCTION (block 31), 30 fillers: 62 blocks, 123 lines.
/// Japanese: SUMMIT, ABDUCTION (block 1), 30 fillers: 32 blocks, 63 lines.
fn corpus() -> Corpus {
    let mut korean = vec![SUMMIT.to_string()];
    korean.extend(filler("kf", 30));
    korean.push(ABDUCTION.to_string());
    korean.extend(filler("kg", 30));
    let mut japanese = vec![SUMMIT.to_string(), ABDUCTION.to_string()];
    japanese.extend(filler("jf", 30));
    Corpus::new(
        vec![
            article("k", "korean", korean),
            article("j", "japanese", japanese),
        ],
        vec![],
        &BTreeMap::new(),
    )
}

fn down(n: i32) -> Action {
    Action::Scroll(Scroll::Lines(n))
}

#[test]
fn the_made_up_story_aligns_as_built() {
    let corpus = corpus();
    let s = state(&corpus);
    let alignment = &s.compare.get().expect("analysed").analysis.alignment;
    assert_eq!(alignment.counterpart(0, 0, 1).map(|m| m.block), Some(0));
    assert_eq!(alignment.counterpart(0, 31, 1).map(|m| m.block), Some(1));
    assert_eq!(
        alignment.counterpart(0, 5, 1),
        None,
        "fillers match nothing"
    );
    assert_eq!(alignment.groups().len(), 2);
    // A story with matched paragraphs opens aligned.
    assert_eq!(s.sync, SyncMode::Aligned);
}

#[test]
fn aligned_holds_still_through_an_unmatched_stretch_then_matches_stand_level() {
    let corpus = corpus();
    let mut s = state(&corpus);
    // Korean lines: block b starts at 2b. Two lines down the Korean pane is at its first
    // filler; the Japanese has nothing between SUMMIT and ABDUCTION, so it waits at
    // ABDUCTION's first line (line 2) however far the fillers go.
    update(&mut s, &corpus, down(2));
    assert_eq!(tops(&s, &corpus), vec![2, 2]);
    update(&mut s, &corpus, down(30));
    assert_eq!(tops(&s, &corpus), vec![32, 2]);
    // Korean ABDUCTION (block 31, line 62) at the top: the Japanese one (block 1) level.
    update(&mut s, &corpus, down(30));
    assert_eq!(tops(&s, &corpus), vec![62, 2]);
    // After the last match both tails map linearly: Korean blocks 32..62 onto Japanese
    // blocks 2..32. Thirty lines further is past the Korean last page (123 - 32 = 91): at
    // 91, halfway through block 45 (13.5 of its 30-block tail), the Japanese pane would be
    // at block 2 + 13.5 = 15.5, line 31 — which is also its last page (63 - 32).
    update(&mut s, &corpus, down(30));
    assert_eq!(tops(&s, &corpus), vec![91, 31]);
    // Back to the top: everything back at the start.
    update(&mut s, &corpus, Action::Scroll(Scroll::Top));
    assert_eq!(tops(&s, &corpus), vec![0, 0]);
}

#[test]
fn the_first_frame_of_an_aligned_story_already_stands_level() {
    // Korean opens with SUMMIT; the Japanese has ten fillers before it (SUMMIT is block 10,
    // line 20). Opening must already put it level, so `k` at the top moves nothing.
    let mut japanese = filler("jf", 10);
    japanese.push(SUMMIT.to_string());
    japanese.push(ABDUCTION.to_string());
    japanese.extend(filler("jg", 30));
    let mut korean = vec![SUMMIT.to_string(), ABDUCTION.to_string()];
    korean.extend(filler("kf", 30));
    let corpus = Corpus::new(
        vec![
            article("k", "korean", korean),
            article("j", "japanese", japanese),
        ],
        vec![],
        &BTreeMap::new(),
    );
    let mut s = state(&corpus);
    assert_eq!(s.sync, SyncMode::Aligned);
    assert_eq!(tops(&s, &corpus), vec![0, 20], "level from the first frame");
    update(&mut s, &corpus, down(-1));
    assert_eq!(
        tops(&s, &corpus),
        vec![0, 20],
        "the first key moves nothing"
    );
    // A reload (and a story reopened) is level again too.
    let s = s.reloaded(&corpus, &corpus);
    assert_eq!(tops(&s, &corpus), vec![0, 20]);
}

#[test]
fn a_caption_counterpart_does_not_decide_where_a_pane_opens() {
    // As above, but the Korean SUMMIT is a photo caption (as the Hankyoreh seed opens with):
    // it keeps its counterpart, yet the Japanese pane opens at its top, not at line 20.
    let mut japanese = filler("jf", 10);
    japanese.push(SUMMIT.to_string());
    japanese.extend(filler("jg", 30));
    let mut korean = vec![SUMMIT.to_string()];
    korean.extend(filler("kf", 30));
    let mut k = article("k", "korean", korean);
    k.blocks[0].kind = BlockKind::Caption;
    let corpus = Corpus::new(
        vec![k, article("j", "japanese", japanese)],
        vec![],
        &BTreeMap::new(),
    );
    let mut s = state(&corpus);
    assert_eq!(s.sync, SyncMode::Aligned);
    assert_eq!(tops(&s, &corpus), vec![0, 0], "the caption anchors nothing");
    update(&mut s, &corpus, down(-1));
    assert_eq!(tops(&s, &corpus), vec![0, 0]);
}

#[test]
fn cycling_sync_reaches_aligned_and_the_choice_survives_a_story_switch() {
    let corpus = corpus();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::CycleSync);
    assert_eq!(s.sync, SyncMode::Off);
    update(&mut s, &corpus, Action::CycleSync);
    assert_eq!(s.sync, SyncMode::Lockstep);
    // In lockstep the Japanese pane follows by fraction (62 of 91 → 19.75 of 31 ≈ 20),
    // not by paragraph.
    update(&mut s, &corpus, down(62));
    assert_eq!(tops(&s, &corpus), vec![62, 21]);
    update(&mut s, &corpus, Action::CycleSync);
    assert_eq!(s.sync, SyncMode::Aligned);
    assert_eq!(s.message.as_deref(), Some("sync: aligned"));
    // Switching to aligned re-syncs at once: ABDUCTION level with ABDUCTION.
    assert_eq!(tops(&s, &corpus), vec![62, 2]);
    update(&mut s, &corpus, Action::CycleSync);
    s.open_story(&corpus, 0);
    assert_eq!(s.sync, SyncMode::Off, "the user's choice stays");
}

#[test]
fn a_jumps_to_the_counterpart_and_capital_a_comes_back() {
    let corpus = corpus();
    let mut s = state(&corpus);
    s.sync = SyncMode::Off;
    // The Korean ABDUCTION paragraph at the top of the Korean pane.
    update(&mut s, &corpus, down(62));
    assert_eq!(tops(&s, &corpus), vec![62, 0]);
    update(&mut s, &corpus, Action::NextCounterpart);
    assert_eq!(s.focus, 1);
    assert_eq!(
        s.columns[1].anchor(),
        Anchor {
            block: 1,
            offset: 0
        }
    );
    let message = s.message.clone().unwrap_or_default();
    assert!(
        message == "Japanese: paragraph 2 matches paragraph 32 (mark b)",
        "{message}"
    );
    // From the Japanese pane (its top is block 1, ABDUCTION), the previous pane, wrapping,
    // is the Korean one: back to Korean block 31.
    s.columns[0].anchors[0] = Anchor::default();
    update(&mut s, &corpus, Action::PrevCounterpart);
    assert_eq!(s.focus, 0);
    assert_eq!(
        s.columns[0].anchor(),
        Anchor {
            block: 31,
            offset: 0
        }
    );
    // Among fillers only (Korean lines 64..96 show blocks 32..47), nothing to jump to.
    update(&mut s, &corpus, down(2));
    update(&mut s, &corpus, Action::NextCounterpart);
    assert_eq!(s.focus, 0);
    assert_eq!(
        s.message.as_deref(),
        Some("no counterpart of the paragraphs on screen")
    );
}

#[test]
fn aligned_sync_follows_through_folded_layouts() {
    // The seed story under a focus filter on Defense: scrolling the focused Korean pane
    // still moves the others (by block, through the folds), and never past their ends.
    let corpus = crate::ingest::load_seeds();
    let mut s = state(&corpus);
    assert_eq!(s.sync, SyncMode::Aligned);
    let defense = crate::analysis::topics::Lexicon::active()
        .find("defense")
        .expect("a bundled topic");
    s.topic_filter.toggle(defense);
    s.topic_filter.mode = super::super::filter::FilterMode::Focus;
    let before = tops(&s, &corpus);
    update(&mut s, &corpus, Action::Scroll(Scroll::Pages(1)));
    let after = tops(&s, &corpus);
    assert!(after[0] > before[0]);
    assert!(after[1] > before[1] || after[2] > before[2], "{after:?}");
    let layout = s.layout();
    for c in 0..s.columns.len() {
        let view = s.view_of(&corpus, &layout, c);
        assert!(view.top <= view.max_top());
    }
}

/// The column showing `article`, with that article current.
fn shown(s: &AppState, article: usize) -> bool {
    s.columns[s.focus].article() == article
}

#[test]
fn enter_on_a_figure_mention_jumps_to_its_paragraph() {
    let corpus = crate::ingest::load_seeds();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Figures);
    assert_eq!(s.overlay(), Some(&Overlay::Figures { selected: 0 }));
    update(&mut s, &corpus, down(2));
    assert_eq!(s.overlay(), Some(&Overlay::Figures { selected: 2 }));
    // Up past the top stays at the first mention.
    update(&mut s, &corpus, down(-5));
    assert_eq!(s.overlay(), Some(&Overlay::Figures { selected: 0 }));
    update(&mut s, &corpus, down(2));
    // Mention 3 of the list: the wire's "$550 billion" (the first measure is the $550
    // billion investment, stated by Korean, Japanese and wire).
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(s.overlay(), None);
    assert_eq!(s.columns[s.focus].perspective, "wire");
    let anchor = s.columns[s.focus].anchor();
    let article = &corpus.articles[s.columns[s.focus].article()];
    assert!(shown(&s, s.columns[s.focus].article()));
    assert!(
        article.blocks[anchor.block]
            .text
            .contains("$550 billion in key U.S. industries"),
        "{}",
        article.blocks[anchor.block].text
    );
    // `f` twice opens and closes.
    update(&mut s, &corpus, Action::Figures);
    update(&mut s, &corpus, Action::Figures);
    assert_eq!(s.overlay(), None);
}

#[test]
fn quotes_view_moves_over_groups_and_quotes_and_enter_jumps() {
    let corpus = crate::ingest::load_seeds();
    let mut s = state(&corpus);
    update(&mut s, &corpus, Action::Quotes);
    assert_eq!(s.overlay(), Some(&Overlay::Quotes { group: 0, quote: 0 }));
    // The third remark: Trump on Japan's military (Korean, then Japanese).
    update(&mut s, &corpus, down(2));
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::FocusRight);
    assert_eq!(
        s.overlay(),
        Some(&Overlay::Quotes { group: 2, quote: 1 }),
        "two quotes: the cursor stops at the second"
    );
    // Moving to another group starts at its first quote.
    update(&mut s, &corpus, down(1));
    assert_eq!(s.overlay(), Some(&Overlay::Quotes { group: 3, quote: 0 }));
    update(&mut s, &corpus, down(-1));
    update(&mut s, &corpus, Action::FocusRight);
    update(&mut s, &corpus, Action::Confirm);
    assert_eq!(s.overlay(), None);
    assert_eq!(s.columns[s.focus].perspective, "japanese");
    let anchor = s.columns[s.focus].anchor();
    let article = &corpus.articles[s.columns[s.focus].article()];
    assert!(
        article.blocks[anchor.block]
            .text
            .contains("You are increasing your military capabilities very substantially"),
        "{}",
        article.blocks[anchor.block].text
    );
}

#[test]
fn a_weak_match_is_drawn_as_a_dim_letter_and_a_strong_one_reversed() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Modifier;
    use ratatui::widgets::Widget;
    // SUMMIT is shared word for word (strong); the second pair shares two words of five
    // (cosine about 0.17, below the weak score, but clear of any runner-up, so kept).
    let weak_k = "alliance partners region cooperation dialogue";
    let weak_j = "alliance partners weather baseball stadium typhoon crowd";
    let corpus = Corpus::new(
        vec![
            article("k", "korean", vec![SUMMIT.into(), weak_k.into()]),
            article("j", "japanese", vec![SUMMIT.into(), weak_j.into()]),
        ],
        vec![],
        &BTreeMap::new(),
    );
    let s = state(&corpus);
    let comparison = s.compare.get().expect("analysed");
    let weak = comparison
        .analysis
        .alignment
        .counterpart(0, 1, 1)
        .expect("the weak pair is kept");
    assert!(weak.is_weak() && weak.score < 0.2, "{weak:?}");
    assert!(comparison.is_weak(0, 1) && !comparison.is_weak(0, 0));
    let area = Rect::new(0, 0, 120, 40);
    let mut buffer = Buffer::empty(area);
    crate::view::Screen {
        state: &s,
        corpus: &corpus,
    }
    .render(area, &mut buffer);
    let pane = s.layout().panes[0];
    let gutter = pane.scrollbar.x - 1;
    let y = pane.body.y;
    // Korean block 0 (line 0) strong, block 1 (line 2) weak.
    let strong = &buffer[(gutter, y)];
    assert_eq!(strong.symbol(), "a");
    assert!(strong.modifier.contains(Modifier::BOLD) && !strong.modifier.contains(Modifier::DIM));
    let dim = &buffer[(gutter, y + 2)];
    assert_eq!(dim.symbol(), "b");
    assert!(dim.modifier.contains(Modifier::DIM) && !dim.modifier.contains(Modifier::BOLD));
}
