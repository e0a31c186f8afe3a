//! The reader's first frame while the corpus loads on the worker thread: a progress line on
//! an otherwise empty reader, at the two sizes the README names.

#[path = "support/screen.rs"]
mod screen;

use parallax::app::loading::Loading;
use parallax::app::Action;
use parallax::model::Corpus;
use screen::{render, text};

fn empty() -> Corpus {
    Corpus::new(Vec::new(), Vec::new(), &Default::default())
}

fn loading_frame(width: u16, height: u16) -> String {
    let progress = Action::LoadProgress {
        done: 3_412,
        total: 10_000,
    };
    text(&render(&empty(), width, height, &[progress]))
}

#[test]
fn the_loading_frame_shows_the_progress_line_at_80x24() {
    let screen = loading_frame(80, 24);
    assert!(
        screen.contains("reading 3,412 of 10,000 files…"),
        "{screen}"
    );
    assert!(screen
        .lines()
        .next()
        .is_some_and(|top| top.contains("loading…")));
    insta::assert_snapshot!(screen);
}

#[test]
fn the_loading_frame_shows_the_progress_line_at_160x48() {
    let screen = loading_frame(160, 48);
    assert!(
        screen.contains("reading 3,412 of 10,000 files…"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn before_any_file_is_counted_it_says_it_is_looking() {
    // The state the reader starts in, before the first progress report.
    let corpus = empty();
    let mut state = parallax::app::AppState::new(
        &corpus,
        parallax::app::keymap::Keymap::embedded().clone(),
        80,
        24,
    );
    state.loading = Some(Loading::default());
    let line = state.loading.map(|l| l.line());
    assert_eq!(line.as_deref(), Some("looking for files…"));
}
