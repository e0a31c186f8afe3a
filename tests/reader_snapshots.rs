//! Rendered frames of the reader (ratatui's TestBackend) at 120x40 and 80x24, as text
//! snapshots. Each .snap file under tests/snapshots/ was read by eye when accepted.

use parallax::app::keymap::Keymap;
use parallax::app::{update, Action, AppState, Scroll};
use parallax::model::Corpus;
use parallax::text::width::display_width;
use parallax::view::Screen;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::path::PathBuf;

fn seeds() -> Corpus {
    parallax::ingest::load_seeds()
}

fn cjk() -> Corpus {
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

fn render(corpus: &Corpus, width: u16, height: u16, actions: &[Action]) -> Buffer {
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
fn text(buffer: &Buffer) -> String {
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

fn snapshot(name: &str, buffer: &Buffer) {
    insta::assert_snapshot!(name, text(buffer));
}

#[test]
fn main_view_120x40() {
    let buffer = render(&seeds(), 120, 40, &[]);
    snapshot("main_120x40", &buffer);
    // The focused pane's label is drawn reversed in its perspective colour (Korean #5fafff)
    // and its border is bold; an unfocused label is coloured text on the default background.
    let korean = Color::Rgb(0x5f, 0xaf, 0xff);
    let label = &buffer[(2, 1)];
    assert_eq!(label.symbol(), "K");
    assert_eq!(label.bg, korean);
    assert_eq!(buffer[(0, 5)].symbol(), "┃");
    assert!(buffer[(0, 5)].modifier.contains(Modifier::BOLD));
    let japanese = &buffer[(42, 1)];
    assert_eq!(japanese.symbol(), "J");
    assert_eq!(japanese.fg, Color::Rgb(0xff, 0x5f, 0x5f));
    assert_eq!(japanese.bg, Color::Reset);
}

#[test]
fn main_view_80x24_is_narrow_with_tabs() {
    snapshot("main_80x24", &render(&seeds(), 80, 24, &[]));
}

#[test]
fn narrow_mode_on_the_wire_tab_after_scrolling() {
    let actions = [
        Action::FocusPrev,
        Action::Scroll(Scroll::Lines(3)),
        Action::NextArticle,
    ];
    snapshot("narrow_wire_80x24", &render(&seeds(), 80, 24, &actions));
}

#[test]
fn scrolled_in_lockstep_120x40() {
    let actions = [Action::Scroll(Scroll::Pages(1))];
    snapshot("lockstep_page_120x40", &render(&seeds(), 120, 40, &actions));
}

#[test]
fn help_overlay() {
    snapshot("help_120x40", &render(&seeds(), 120, 40, &[Action::Help]));
    snapshot("help_80x24", &render(&seeds(), 80, 24, &[Action::Help]));
}

#[test]
fn story_picker() {
    let open = [Action::Stories, Action::Scroll(Scroll::Lines(1))];
    snapshot("stories_120x40", &render(&seeds(), 120, 40, &open));
    snapshot("stories_80x24", &render(&seeds(), 80, 24, &open));
}

#[test]
fn warnings_overlay() {
    snapshot(
        "warnings_120x40",
        &render(&seeds(), 120, 40, &[Action::Warnings]),
    );
}

#[test]
fn cjk_text_wraps_and_aligns() {
    snapshot("cjk_120x40", &render(&cjk(), 120, 40, &[]));
    snapshot("cjk_80x24", &render(&cjk(), 80, 24, &[]));
}

#[test]
fn zoomed_pane_uses_the_full_width() {
    let actions = [Action::FocusNext, Action::Zoom];
    snapshot("zoom_120x40", &render(&seeds(), 120, 40, &actions));
}

#[test]
fn tiny_terminal_says_so_and_every_size_renders() {
    snapshot("too_small_19x5", &render(&seeds(), 19, 5, &[]));
    assert!(text(&render(&seeds(), 15, 4, &[])).contains("too small"));
    // No size panics, with or without overlays.
    for (w, h) in [
        (1, 1),
        (20, 5),
        (21, 6),
        (30, 8),
        (45, 13),
        (61, 17),
        (250, 70),
    ] {
        for overlay in [
            None,
            Some(Action::Help),
            Some(Action::Stories),
            Some(Action::Warnings),
        ] {
            let actions: Vec<Action> = overlay.into_iter().collect();
            text(&render(&seeds(), w, h, &actions));
            text(&render(&cjk(), w, h, &actions));
        }
    }
}
