//! The help overlay: every bound key, read from the keymap, and the mouse.

use super::{popup, theme};
use crate::app::keymap::{Keymap, BINDABLE};
use crate::app::AppState;
use crate::text::width::display_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct Help<'a> {
    pub state: &'a AppState,
    pub scroll: usize,
}

/// How a key name from the keymap file is shown.
pub fn key_label(name: &str) -> String {
    let named = match name {
        "space" => "Space",
        "tab" => "Tab",
        "shift-tab" | "backtab" => "Shift-Tab",
        "enter" => "Enter",
        "esc" => "Esc",
        "left" => "←",
        "right" => "→",
        "up" => "↑",
        "down" => "↓",
        "pgup" | "pageup" => "PgUp",
        "pgdn" | "pagedown" => "PgDn",
        "home" => "Home",
        "end" => "End",
        _ => "",
    };
    if !named.is_empty() {
        return named.to_string();
    }
    match name.strip_prefix("ctrl-") {
        Some(rest) if !rest.is_empty() => format!("Ctrl-{}", key_label(rest)),
        _ => name.to_string(),
    }
}

/// One help line: the keys, the action's name as the config's `[keys]` spells it (empty for
/// the mouse), and what it does.
pub type HelpLine = (String, &'static str, &'static str);

/// The help text: one line per action, then the mouse.
pub fn lines(keymap: &Keymap) -> Vec<HelpLine> {
    let mut out: Vec<HelpLine> = BINDABLE
        .iter()
        .map(|(name, action, description)| {
            let keys: Vec<String> = keymap.keys(*action).iter().map(|k| key_label(k)).collect();
            (keys.join(", "), *name, *description)
        })
        .filter(|(keys, _, _)| !keys.is_empty())
        .collect();
    out.push(("wheel".into(), "", "scroll the pane under the pointer"));
    out.push((
        "click".into(),
        "",
        "focus the pane or tab under the pointer",
    ));
    out
}

pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap).len()
}

/// How many help lines a terminal `height` rows high shows at once (the box's inside).
pub fn visible_lines(keymap: &Keymap, height: u16) -> usize {
    line_count(keymap).min(usize::from(height.saturating_sub(4)).max(1))
}

/// The largest first line: the last line at the bottom of the box, never a blank box.
pub fn max_scroll(keymap: &Keymap, height: u16) -> usize {
    line_count(keymap).saturating_sub(visible_lines(keymap, height))
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let entries = lines(&self.state.keymap);
        let key_width = entries
            .iter()
            .map(|(k, _, _)| display_width(k))
            .max()
            .unwrap_or(0);
        let name_width = entries.iter().map(|(_, n, _)| n.len()).max().unwrap_or(0);
        let text_width = entries
            .iter()
            .map(|(_, _, d)| display_width(d))
            .max()
            .unwrap_or(0);
        let width = (key_width + name_width + text_width + 8) as u16;
        let title =
            Line::from(" Keys · action names as in the config's [keys] · Esc closes ").bold();
        let inner = popup(area, width, entries.len() as u16 + 2, title, buf);
        let scroll = self
            .scroll
            .min(entries.len().saturating_sub(usize::from(inner.height)));
        for (row, (keys, name, description)) in entries
            .iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let pad = " ".repeat(key_width.saturating_sub(display_width(keys)));
            let line = Line::from(vec![
                Span::styled(format!(" {keys}{pad}  "), Style::default().bold()),
                Span::styled(format!("{name:<name_width$}  "), theme::dim()),
                Span::from(*description),
            ]);
            buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
        }
        if entries.len() > usize::from(inner.height) {
            let more = format!(" {}/{} ", scroll + 1, entries.len());
            let x = (inner.x + inner.width).saturating_sub(more.len() as u16);
            buf.set_string(x, inner.y + inner.height, more, theme::dim());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_read_as_people_write_them() {
        assert_eq!(key_label("ctrl-d"), "Ctrl-d");
        assert_eq!(key_label("shift-tab"), "Shift-Tab");
        assert_eq!(key_label("pgdn"), "PgDn");
        assert_eq!(key_label("G"), "G");
        assert_eq!(key_label("down"), "↓");
    }

    #[test]
    fn help_lists_every_default_key() {
        let text: Vec<String> = lines(Keymap::embedded())
            .into_iter()
            .map(|(k, _, d)| format!("{k} {d}"))
            .collect();
        let all = text.join("\n");
        for key in [
            "q",
            "Ctrl-c",
            "?",
            "Tab",
            "Shift-Tab",
            "h, ←",
            "l, →",
            "j, ↓",
            "k, ↑",
            "Space, PgDn",
            "b, PgUp",
            "Ctrl-d",
            "Ctrl-u",
            "g, Home",
            "G, End",
            "[",
            "]",
            "s",
            "z",
            "=",
            "Esc",
            "wheel",
            "click",
        ] {
            assert!(
                text.iter().any(|l| l.starts_with(&format!("{key} "))),
                "{key} missing:\n{all}"
            );
        }
    }
}
