//! Article text is untrusted: it must never carry a control character or an escape sequence to
//! the terminal. Everything that enters the model passes through `clean_text`.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC-normalise, drop escape sequences and control characters, turn tabs into spaces.
/// Newlines are kept (callers split on them); every other C0/C1 control, and the bidi
/// overrides that could reorder what the terminal shows, are removed.
pub fn clean_text(input: &str) -> String {
    let without_escapes = strip_escape_sequences(input);
    let mut out = String::with_capacity(without_escapes.len());
    // Most text is already NFC; the quick check spares the full normalisation.
    let composed: Box<dyn Iterator<Item = char>> =
        if is_nfc_quick(without_escapes.chars()) == IsNormalized::Yes {
            Box::new(without_escapes.chars())
        } else {
            Box::new(without_escapes.nfc())
        };
    for c in composed {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{a0}' => out.push(' '),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Like `clean_text`, for a single line: newlines become spaces and runs of spaces collapse.
pub fn clean_line(input: &str) -> String {
    collapse_spaces(&clean_text(input).replace('\n', " "))
}

/// Collapse runs of whitespace to one space and trim the ends.
pub fn collapse_spaces(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for characters that must never reach a terminal.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() // C0 and C1 controls, DEL
        || matches!(c,
            '\u{200b}' | '\u{2060}'              // zero-width space, word joiner
            | '\u{200e}' | '\u{200f}'            // LRM, RLM
            | '\u{202a}'..='\u{202e}'            // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}'            // bidi isolates
            | '\u{feff}'                         // BOM / zero-width no-break space
            | '\u{fff9}'..='\u{fffb}'            // interlinear annotations
        )
}

/// Remove ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`), DCS/PM/APC
/// strings, two-character escapes, and their 8-bit C1 forms.
fn strip_escape_sequences(input: &str) -> std::borrow::Cow<'_, str> {
    if !input.contains(['\u{1b}', '\u{9b}', '\u{9d}', '\u{90}', '\u{9e}', '\u{9f}']) {
        return std::borrow::Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        let kind = match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    Some('[')
                }
                Some(']') | Some('P') | Some('^') | Some('_') | Some('X') => {
                    chars.next();
                    Some(']')
                }
                Some(_) => {
                    chars.next(); // two-character escape such as ESC c
                    None
                }
                None => None,
            },
            '\u{9b}' => Some('['),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => Some(']'),
            other => {
                out.push(other);
                continue;
            }
        };
        match kind {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(_) => {
                // String sequences end at BEL, ST (ESC \) or the 8-bit ST.
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || c == '\u{9c}' {
                        break;
                    }
                    if c == '\u{1b}' {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            None => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_controls() {
        let dirty = "a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;title\u{7}c\u{0}d\u{8}e\u{9b}2Jf";
        assert_eq!(clean_text(dirty), "ared bcdef");
    }

    #[test]
    fn strips_osc_terminated_by_st_and_bidi_overrides() {
        let dirty = "x\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{202e}y";
        assert_eq!(clean_text(dirty), "xlink y");
    }

    #[test]
    fn zero_width_spaces_go_but_joiners_that_shape_text_stay() {
        assert_eq!(clean_text("제목\u{200b}\u{2060}"), "제목");
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(clean_text(family), family);
    }

    #[test]
    fn composes_decomposed_hangul() {
        let decomposed = "\u{1100}\u{1161}\u{11a8}"; // ᄀ ᅡ ᆨ
        assert_eq!(clean_text(decomposed), "각");
    }

    #[test]
    fn keeps_newlines_turns_tabs_into_spaces() {
        assert_eq!(clean_text("a\tb\nc\r"), "a b\nc");
    }

    #[test]
    fn clean_line_collapses_whitespace() {
        assert_eq!(clean_line("  a \n  b\t c "), "a b c");
    }

    #[test]
    fn lone_escape_at_end_does_not_panic() {
        assert_eq!(clean_text("abc\u{1b}"), "abc");
        assert_eq!(clean_text("abc\u{1b}["), "abc");
        assert_eq!(clean_text("abc\u{1b}]unterminated"), "abc");
    }
}
