//! Rendering helpers shared by the snapshot tests (reader_snapshots.rs, overlay_snapshots.rs):
//! the bundled and CJK corpora, a frame drawn on ratatui's TestBackend, and that frame as text.
#![allow(dead_code)] // each test file uses its own subset

use parallax::app::keymap::Keymap;
use parallax::app::{update, Action, AppState};
use parallax::model::Corpus;
use parallax::text::width::display_width;
use parallax::view::Screen;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use std::path::PathBuf;

pub fn seeds() -> Corpus {
    parallax::ingest::load_seeds()
}

pub fn cjk() -> Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cjk");
    let corpus = parallax::ingest::load_paths(&[dir]);
    assert_eq!(corpus.articles.len(), 3, "the CJK fixture loads");
    assert!(
        corpus.all_warnings().is_empty(),
        "{:?}",
        corpus.all_warnings()
    );
    corpus
}

pub fn render(corpus: &Corpus, width: u16, height: u16, actions: &[Action]) -> Buffer {
    let mut state = AppState::new(corpus, Keymap::embedded().clone(), width, height);
    for &action in actions {
        update(&mut state, corpus, action);
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| {
            frame.render_widget(
                Screen {
                    state: &state,
                    corpus,
                },
                frame.area(),
            )
        })
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as text, one row per line. The cell after a wide character is skipped (the
/// terminal shows the wide character there), after checking nothing was drawn into it.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for (y, row) in buffer.content.chunks(width).enumerate() {
        let mut line = String::new();
        let mut skip = 0;
        for (x, cell) in row.iter().enumerate() {
            if skip > 0 {
                assert!(
                    cell.symbol() == " " || cell.symbol().is_empty(),
                    "row {y} col {x}: {:?} drawn over the second half of a wide character",
                    cell.symbol()
                );
                skip -= 1;
                continue;
            }
            line.push_str(cell.symbol());
            skip = display_width(cell.symbol()).saturating_sub(1);
        }
        assert_eq!(
            display_width(&line),
            width,
            "row {y} is not {width} cells: {line}"
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
