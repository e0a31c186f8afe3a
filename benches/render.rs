//! Reader frame costs: one frame of the main view at 200x60 (three panes), a scroll keypress
//! through `update` to the next frame (lockstep and aligned), the story analysis the reader
//! computes when a story opens, and the first frame on a 10,000-article corpus.
//! Run: `cargo bench --bench render`.

use divan::Bencher;
use parallax::app::keymap::Keymap;
use parallax::app::sync::SyncMode;
use parallax::app::{update, Action, AppState, Scroll};
use parallax::model::{Article, Block, BlockKind, Corpus, Format};
use parallax::view::Screen;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::collections::BTreeMap;

fn main() {
    divan::main();
}

const W: u16 = 200;
const H: u16 = 60;

fn draw(state: &AppState, corpus: &Corpus) -> Buffer {
    let mut buffer = Buffer::empty(Rect::new(0, 0, W, H));
    Screen { state, corpus }.render(buffer.area, &mut buffer);
    buffer
}

/// A frame with the wrapped layouts already cached (every frame after the first).
#[divan::bench]
fn frame_200x60(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    assert_eq!(state.columns.len(), 3);
    draw(&state, &corpus);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// Actions that select topics in the panel (by lexicon id), in highlight mode, and close it.
fn highlight(ids: &[&str]) -> Vec<Action> {
    let lexicon = parallax::analysis::topics::Lexicon::active();
    let mut actions = vec![Action::Topics];
    let mut at = 0;
    for id in ids {
        let row = lexicon
            .find(id)
            .map(|t| t.index())
            .expect("a bundled topic");
        actions.push(Action::Scroll(Scroll::Lines(row as i32 - at as i32)));
        actions.push(Action::Confirm);
        at = row;
    }
    actions.push(Action::Close);
    actions
}

/// A cached frame with a highlight filter on two topics (terms coloured, gutter marks).
#[divan::bench]
fn frame_200x60_highlight(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    for action in highlight(&["trade", "defense"]) {
        update(&mut state, &corpus, action);
    }
    assert_eq!(state.filter_labels(), ["highlight: Defense, Trade"]);
    draw(&state, &corpus);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// A cached frame with a focus filter (folded layouts) on defense.
#[divan::bench]
fn frame_200x60_focus(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    let mut actions = highlight(&["defense"]);
    actions.insert(actions.len() - 1, Action::FocusRight);
    for action in actions {
        update(&mut state, &corpus, action);
    }
    assert_eq!(state.filter_labels(), ["focus: Defense"]);
    draw(&state, &corpus);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// A cached frame with a search for "alliance" highlighted in every pane (and the count in
/// the bottom bar, which searches the three articles).
#[divan::bench]
fn frame_200x60_search(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    update(&mut state, &corpus, Action::Search);
    for c in "alliance".chars() {
        update(&mut state, &corpus, Action::Input(c));
    }
    update(&mut state, &corpus, Action::Confirm);
    draw(&state, &corpus);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// A frame with nothing cached: the three articles are wrapped first (first frame, resize).
#[divan::bench]
fn frame_200x60_cold(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    bencher
        .with_inputs(|| AppState::new(&corpus, Keymap::embedded().clone(), W, H))
        .bench_local_values(|state| draw(&state, &corpus));
}

/// `j` in lockstep: update (the focused pane and both followers move), render, and diff
/// against the previous frame as the terminal backend does before writing.
#[divan::bench]
fn scroll_keypress_to_frame(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    state.sync = SyncMode::Lockstep;
    let mut previous = draw(&state, &corpus);
    let mut down = true;
    bencher.bench_local(|| {
        let lines = if down { 1 } else { -1 };
        down = !down;
        update(&mut state, &corpus, Action::Scroll(Scroll::Lines(lines)));
        let next = draw(&state, &corpus);
        let changes = previous.diff(&next).len();
        previous = next;
        changes
    });
}

/// 10,000 articles in 2,500 stories of four perspectives, about 4 KB of text each.
fn big_articles() -> Vec<Article> {
    let words = [
        "summit",
        "alliance",
        "tariff",
        "minister",
        "defense",
        "investment",
        "Tokyo",
        "Seoul",
        "agreement",
        "security",
        "economy",
        "cooperation",
        "president",
        "trade",
    ];
    let perspectives = ["korean", "japanese", "wire", "other"];
    (0..10_000)
        .map(|i| {
            let blocks = (0..12)
                .map(|p| {
                    let text: Vec<&str> = (0..55)
                        .map(|w| words[(i + p * 7 + w * 3) % words.len()])
                        .collect();
                    let kind = if p % 5 == 0 {
                        BlockKind::Heading
                    } else {
                        BlockKind::Paragraph
                    };
                    Block::new(kind, text.join(" "))
                })
                .collect();
            Article {
                id: format!("a{i:05}"),
                source: format!("gen/{i:05}.txt"),
                format: Format::Text,
                title: format!("Generated article {i}"),
                outlet: Some("Generated".into()),
                perspective: perspectives[i % 4].into(),
                perspective_reason: "generated".into(),
                perspective_source: "none".into(),
                perspective_confidence: 0.0,
                language: Some("en".into()),
                date: Some(format!(
                    "2025-{:02}-{:02}",
                    1 + (i / 4) % 12,
                    1 + (i / 48) % 28
                )),
                url: None,
                byline: None,
                dateline: None,
                story: Some(format!("story-{}", i / 4)),
                blocks,
                warnings: vec![],
                dropped: vec![],
            }
        })
        .collect()
}

/// Building the corpus (grouping 10,000 articles into stories): part of launch, though it
/// belongs to the model.
#[divan::bench(sample_count = 10)]
fn corpus_10k_grouping(bencher: Bencher) {
    bencher
        .with_inputs(big_articles)
        .bench_values(|articles| Corpus::new(articles, vec![], &BTreeMap::new()));
}

/// From a loaded 10,000-article corpus to the first frame: choose the story, lay out the
/// columns, wrap the shown articles, draw.
#[divan::bench(sample_count = 20)]
fn first_frame_10k(bencher: Bencher) {
    let corpus = Corpus::new(big_articles(), vec![], &BTreeMap::new());
    assert_eq!(corpus.articles.len(), 10_000);
    bencher.bench_local(|| {
        let state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
        draw(&state, &corpus)
    });
}

/// The story picker over 2,500 stories (only the visible rows are formatted).
#[divan::bench(sample_count = 20)]
fn story_picker_10k(bencher: Bencher) {
    let corpus = Corpus::new(big_articles(), vec![], &BTreeMap::new());
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    update(&mut state, &corpus, Action::Stories);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// A cached frame in aligned mode, scrolled into the story (gutter marks on every pane).
#[divan::bench]
fn frame_200x60_aligned(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    assert_eq!(state.sync, SyncMode::Aligned);
    update(&mut state, &corpus, Action::Scroll(Scroll::Lines(20)));
    draw(&state, &corpus);
    bencher.bench_local(|| draw(&state, &corpus));
}

/// `j` in aligned mode: the followers are placed through the paragraph alignment (block
/// positions mapped by each pair's `SyncMap`), then render and diff.
#[divan::bench]
fn scroll_keypress_to_frame_aligned(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let mut state = AppState::new(&corpus, Keymap::embedded().clone(), W, H);
    assert_eq!(state.sync, SyncMode::Aligned);
    update(&mut state, &corpus, Action::Scroll(Scroll::Lines(20)));
    let mut previous = draw(&state, &corpus);
    let mut down = true;
    bencher.bench_local(|| {
        let lines = if down { 1 } else { -1 };
        down = !down;
        update(&mut state, &corpus, Action::Scroll(Scroll::Lines(lines)));
        let next = draw(&state, &corpus);
        let changes = previous.diff(&next).len();
        previous = next;
        changes
    });
}

/// The analysis the reader runs once when a story opens (alignment, figures, quotes), on the
/// seed story of four articles.
#[divan::bench]
fn story_analysis_seed(bencher: Bencher) {
    let corpus = parallax::ingest::load_seeds();
    let story = &corpus.stories[parallax::app::best_story(&corpus)];
    assert_eq!(story.articles.len(), 4);
    bencher.bench_local(|| parallax::analysis::story::StoryAnalysis::new(&corpus, story));
}
