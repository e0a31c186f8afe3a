//! Rendered frames of the perspective picker (`P`) and the gloss overlay (`w`), as text
//! snapshots (same method as reader_snapshots.rs). Each .snap file was read by eye when
//! accepted.

use parallax::app::{Action, Scroll};
use parallax::text::width::display_width;
use ratatui::buffer::Buffer;

#[path = "support/screen.rs"]
mod screen;
use screen::{cjk, render, seeds, text};

fn snapshot(name: &str, buffer: &Buffer) {
    insta::assert_snapshot!(name, text(buffer));
}

#[test]
fn place_picker_120x40() {
    // P on the Korean editorial (000): its reason, the four perspectives, clear; j selects
    // Japanese.
    let actions = [Action::Place, Action::Scroll(Scroll::Lines(1))];
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("place_picker_120x40", &buffer);
    // The selection is drawn reversed: the Japanese line, not the Korean one.
    let row = |label: &str| {
        (0..40u16)
            .find(|&y| {
                let line: String = (0..120u16).map(|x| buffer[(x, y)].symbol()).collect();
                line.contains(&format!("│  {label} ")) || line.contains(&format!("│● {label} "))
            })
            .expect("picker line")
    };
    let x = 30; // inside the popup's text
    assert!(buffer[(x, row("Japanese"))]
        .modifier
        .contains(ratatui::style::Modifier::REVERSED));
    assert!(!buffer[(x, row("Korean"))]
        .modifier
        .contains(ratatui::style::Modifier::REVERSED));
}

#[test]
fn place_picker_80x24() {
    snapshot(
        "place_picker_80x24",
        &render(&seeds(), 80, 24, &[Action::Place]),
    );
}

#[test]
fn placed_article_shows_in_its_new_column() {
    // Korean -> Wire (down twice): the Korean column is gone, the editorial sits under Wire
    // with Kyodo's story and the note says who placed it.
    let actions = [
        Action::Place,
        Action::Scroll(Scroll::Lines(2)),
        Action::Confirm,
    ];
    snapshot("placed_wire_120x40", &render(&seeds(), 120, 40, &actions));
}

#[test]
fn gloss_overlay_on_the_korean_paragraph() {
    // The CJK fixture opens on its Korean article; w glosses its first paragraph on screen:
    // every term padded to one column whatever its width, ✓ where the Japanese counterpart
    // says the same.
    let buffer = render(&cjk(), 120, 40, &[Action::Why]);
    snapshot("gloss_korean_120x40", &buffer);
    snapshot(
        "gloss_korean_80x24",
        &render(&cjk(), 80, 24, &[Action::Why]),
    );
}

#[test]
fn gloss_overlay_on_an_english_paragraph_says_so() {
    snapshot(
        "gloss_english_80x24",
        &render(&seeds(), 80, 24, &[Action::Why]),
    );
}

#[test]
fn place_picker_over_wide_characters_keeps_its_border() {
    // At 80x24 the picker's left border falls where a Korean syllable's second half would be:
    // `text` fails if anything is drawn over half a wide character, and the border is there.
    let buffer = render(&cjk(), 80, 24, &[Action::Place]);
    let text = text(&buffer);
    let rows: Vec<&str> = text.lines().collect();
    let top = rows
        .iter()
        .position(|r| r.contains("Place this article"))
        .expect("picker shown");
    // The character at a display column (wide characters take two).
    let at = |row: &str, column: usize| {
        let mut x = 0;
        row.chars().find(|c| {
            let here = x;
            x += display_width(&c.to_string());
            here >= column
        })
    };
    let corner = rows[top].find('╭').expect("corner");
    let left = display_width(&rows[top][..corner]);
    for row in &rows[top + 1..top + 8] {
        assert_eq!(at(row, left), Some('│'), "{row}");
    }
    snapshot("place_picker_cjk_80x24", &buffer);
}
