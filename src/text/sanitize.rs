//! Article text is untrusted: it must never carry a control character or an escape sequence to
//! the terminal. Everything that enters the model passes through `clean_text`.
//!
//! It is also the choke point on the way out, whatever a string's origin (article, manifest,
//! config, file name, error text): the CLI writes only through `SafeWriter` (`stdout()`,
//! `eprint_line`), and the reader cleans every cell of each frame (`clean_buffer`) before it
//! reaches the terminal. `clippy.toml` forbids the raw `println!`/`io::stdout` paths in `src/`.

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
    // Printable ASCII with single spaces between words is clean already, and is most of
    // what comes here (every file's path on every launch, ids, dates).
    let plain = input.bytes().all(|b| (b' '..=b'~').contains(&b))
        && !input.starts_with(' ')
        && !input.ends_with(' ')
        && !input.contains("  ");
    if plain {
        return input.to_string();
    }
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
            | '\u{061c}'                         // Arabic letter mark (bidi)
            | '\u{00ad}'                         // soft hyphen (invisible)
            | '\u{180e}'                         // Mongolian vowel separator (invisible)
            | '\u{2061}'..='\u{2064}'            // invisible operators
            | '\u{206a}'..='\u{206f}'            // deprecated format characters
            | '\u{e0000}'..='\u{e007f}'          // TAG characters (hidden text)
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

/// For output: escape sequences and forbidden characters removed, everything else (tabs,
/// newlines, spacing, normalisation) left exactly as the writer laid it out.
pub fn clean_output(input: &str) -> String {
    strip_escape_sequences(input)
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !is_forbidden(c))
        .collect()
}

/// True when `text` holds nothing `clean_output` would remove.
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && is_forbidden(c))
}

/// A writer that cleans what passes through it. Bytes are held until a newline (or a flush),
/// so an escape sequence split across two writes is still seen whole.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

use std::io::{self, Write};

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, upto: usize) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.pending[..upto]);
        // Nearly all output is clean already: passed on without a copy.
        let written = if is_clean(&text) {
            self.inner.write_all(text.as_bytes())
        } else {
            self.inner.write_all(clean_output(&text).as_bytes())
        };
        self.pending.drain(..upto);
        written
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let all = self.pending.len();
        self.emit(all)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output, cleaned: the only way the CLI writes to it.
#[allow(clippy::disallowed_methods)]
/// Buffered: standard output flushes at every newline by itself, and a JSON list of 10,000
/// articles is a quarter of a million lines. Flushed when the writer is dropped.
pub fn stdout() -> SafeWriter<io::BufWriter<io::StdoutLock<'static>>> {
    SafeWriter::new(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()))
}

/// One line to standard error, cleaned (messages often quote ids, paths and error text).
#[allow(clippy::disallowed_methods)]
pub fn eprint_line(line: &str) {
    let mut err = SafeWriter::new(io::stderr().lock());
    let _ = writeln!(err, "{line}");
}

/// Clean every cell of a drawn frame: whatever a view forgot, the terminal never sees.
pub fn clean_buffer(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        let symbol = cell.symbol();
        if !is_clean(symbol) || symbol.contains(['\n', '\t']) {
            let cleaned: String = clean_output(symbol).replace(['\n', '\t'], " ");
            cell.set_symbol(if cleaned.is_empty() { " " } else { &cleaned });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_line_comes_back_as_the_full_cleaning_would_give_it() {
        let slow = |s: &str| collapse_spaces(&clean_text(s).replace('\n', " "));
        for line in [
            "/tmp/seeds/001_yonhap.txt",
            "Seoul and Tokyo agree",
            "a  b",
            " leading",
            "trailing ",
            "tab\there",
            "new\nline",
            "esc\u{1b}[31mred",
            "del\u{7f}",
            "",
            "~!@#$%^&*()_+{}|:<>?",
        ] {
            assert_eq!(clean_line(line), slow(line), "{line:?}");
        }
        assert_eq!(clean_line("esc\u{1b}[31mred"), "escred");
        assert_eq!(clean_line("a  b "), "a b");
    }

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
    fn invisible_and_bidi_marks_go() {
        let dirty = "a\u{061c}b\u{e0041}\u{e007f}c\u{180e}d\u{ad}e\u{85}f\u{2066}g";
        assert_eq!(clean_text(dirty), "abcdefg");
        assert_eq!(clean_output(dirty), "abcdefg");
    }

    #[test]
    fn safe_writer_sees_a_sequence_split_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            w.write_all(b"title \x1b]52;c;ZXZp").unwrap();
            w.write_all(b"bA==\x07 end\n\tnext\x1b[2J").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "title  end\n\tnext");
    }

    #[test]
    fn clean_buffer_blanks_control_cells() {
        let mut buffer = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 4, 1));
        buffer[(0, 0)].set_symbol("\u{1b}");
        buffer[(1, 0)].set_symbol("\u{202e}");
        buffer[(2, 0)].set_symbol("가");
        clean_buffer(&mut buffer);
        assert_eq!(buffer[(0, 0)].symbol(), " ");
        assert_eq!(buffer[(1, 0)].symbol(), " ");
        assert_eq!(buffer[(2, 0)].symbol(), "가");
    }

    #[test]
    fn lone_escape_at_end_does_not_panic() {
        assert_eq!(clean_text("abc\u{1b}"), "abc");
        assert_eq!(clean_text("abc\u{1b}["), "abc");
        assert_eq!(clean_text("abc\u{1b}]unterminated"), "abc");
    }
}
