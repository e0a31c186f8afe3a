//! Colours and styles in one place. Perspective colours come from `assets/perspectives.toml`.

use crate::ingest::classify::Classifier;
use crate::text::wrap::LineKind;
use ratatui::style::{Color, Modifier, Style};

/// The colour of a perspective; grey for an unknown id or an unreadable colour.
pub fn perspective_color(id: &str) -> Color {
    Classifier::active()
        .perspective(id)
        .and_then(|p| p.color.parse().ok())
        .unwrap_or(Color::Gray)
}

pub fn perspective_label(id: &str) -> String {
    Classifier::active()
        .perspective(id)
        .map(|p| p.label.clone())
        .unwrap_or_else(|| id.to_string())
}

/// A topic's colour from the lexicon; grey when it cannot be read.
pub fn topic_color(topic: crate::analysis::topics::TopicId) -> Color {
    let lexicon = crate::analysis::topics::Lexicon::active();
    lexicon
        .topics()
        .get(topic.index())
        .and_then(|t| t.color.parse().ok())
        .unwrap_or(Color::Gray)
}

/// A matched topic term: its topic's colour, bold and underlined (still visible without
/// colour).
pub fn topic_term(topic: crate::analysis::topics::TopicId) -> Style {
    Style::default()
        .fg(topic_color(topic))
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// A search match, and the current one; reversed so they show without colour too.
pub fn search_match(current: bool) -> Style {
    let style = Style::default()
        .add_modifier(Modifier::REVERSED | Modifier::BOLD)
        .fg(if current {
            Color::Rgb(0xff, 0x87, 0x00)
        } else {
            Color::Yellow
        });
    if current {
        style.add_modifier(Modifier::UNDERLINED)
    } else {
        style
    }
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

pub fn bar() -> Style {
    Style::default().bg(Color::Rgb(38, 38, 38)).fg(Color::Gray)
}

pub fn overlay_border() -> Style {
    Style::default().fg(Color::White)
}

pub fn warning() -> Style {
    Style::default().fg(Color::Yellow)
}

/// The style of an article line's text, and of its prefix (bullet, quote bar).
pub fn line_styles(kind: LineKind, accent: Color) -> (Style, Style) {
    let plain = Style::default();
    match kind {
        LineKind::Heading => (plain.fg(accent).add_modifier(Modifier::BOLD), plain),
        LineKind::ListItem => (plain, plain.fg(accent)),
        LineKind::Quote => (plain.add_modifier(Modifier::ITALIC), plain.fg(accent)),
        LineKind::Caption => (plain.fg(Color::Gray).add_modifier(Modifier::ITALIC), plain),
        LineKind::TableRule | LineKind::Fold => (dim(), plain),
        LineKind::TableHead => (plain.add_modifier(Modifier::BOLD), plain),
        LineKind::TableRow | LineKind::Paragraph | LineKind::Blank => (plain, plain),
    }
}

/// Without colour (`NO_COLOR`, or `color = false` in the config): every cell keeps its text and
/// its bold, italic and reverse, but takes the terminal's own colours.
pub fn strip_colors(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        cell.set_fg(Color::Reset);
        cell.set_bg(Color::Reset);
    }
}

/// The gutter letter of a paragraph alignment group: a–z, then A–Z, then "+".
pub fn group_letter(group: usize) -> char {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    LETTERS.get(group).map_or('+', |&b| char::from(b))
}

/// The colour of an alignment group's mark: a small cycle, so neighbouring groups differ.
pub fn group_color(group: usize) -> Color {
    const COLORS: [Color; 6] = [
        Color::LightCyan,
        Color::LightMagenta,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightRed,
    ];
    COLORS[group % COLORS.len()]
}

#[cfg(test)]
mod group_mark_tests {
    use super::*;

    #[test]
    fn group_letters_run_through_both_cases_then_plus() {
        assert_eq!(group_letter(0), 'a');
        assert_eq!(group_letter(25), 'z');
        assert_eq!(group_letter(26), 'A');
        assert_eq!(group_letter(51), 'Z');
        assert_eq!(group_letter(52), '+');
        assert_ne!(group_color(0), group_color(1));
        assert_eq!(group_color(0), group_color(6));
    }
}
