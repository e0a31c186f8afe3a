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
        LineKind::TableRule => (dim(), plain),
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
