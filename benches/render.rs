//! Reader frame costs: one frame of the main view at 200x60 (three panes), a scroll keypress
//! through `update` to the next frame, and the first frame on a 10,000-article corpus.
//! Run: `cargo bench --bench render`.

use divan::Bencher;
use parallax::app::keymap::Keymap;
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
