//! Display width of text in terminal cells (East Asian wide characters take two).

use unicode_width::UnicodeWidthStr;

pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` that fits in `max` cells, with "…" when it was cut.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(display_width("한국"), 4);
        assert_eq!(display_width("日本語abc"), 9);
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate_to_width("한국어입니다", 7), "한국어…");
        assert_eq!(display_width(&truncate_to_width("한국어입니다", 7)), 7);
        assert_eq!(truncate_to_width("short", 10), "short");
        assert_eq!(truncate_to_width("abc", 0), "");
    }
}
