//! Bytes to text: byte-order marks, UTF-16, invalid UTF-8, binary files and line endings.

/// Files larger than this are refused with a warning rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, PartialEq)]
pub enum Decoded {
    /// The text, with `\n` line endings, plus any warning about how it was decoded.
    Text {
        text: String,
        warning: Option<String>,
    },
    /// The bytes are not text at all; the reason says why.
    NotText(String),
}

pub fn decode(bytes: &[u8]) -> Decoded {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Decoded::NotText("file is empty".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if looks_binary(bytes) {
        return Decoded::NotText("binary file (not text); skipped".into());
    }
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(err) => {
            let lossy = String::from_utf8_lossy(bytes);
            let replaced = lossy.matches('\u{FFFD}').count();
            (
                lossy.into_owned(),
                Some(format!(
                    "invalid UTF-8 from byte {}: {} invalid sequence(s) replaced with \u{FFFD}",
                    err.valid_up_to(),
                    replaced
                )),
            )
        }
    };
    Decoded::Text {
        text: normalize_newlines(&text),
        warning,
    }
}

fn utf16(bytes: &[u8], to_unit: fn([u8; 2]) -> u16) -> Decoded {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| to_unit([pair[0], pair[1]]))
        .collect();
    let text = String::from_utf16_lossy(&units);
    let warning = (bytes.len() % 2 == 1 || text.contains('\u{FFFD}'))
        .then(|| "invalid UTF-16: some characters replaced with \u{FFFD}".to_string());
    Decoded::Text {
        text: normalize_newlines(&text),
        warning,
    }
}

/// NUL bytes, or many control bytes in the first 8 KiB, mean this is not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(d: Decoded) -> (String, Option<String>) {
        match d {
            Decoded::Text { text, warning } => (text, warning),
            Decoded::NotText(why) => panic!("expected text, got {why}"),
        }
    }

    #[test]
    fn strips_bom_and_crlf() {
        let (text, warning) = text_of(decode(b"\xEF\xBB\xBFa\r\nb\rc"));
        assert_eq!(text, "a\nb\nc");
        assert_eq!(warning, None);
    }

    #[test]
    fn decodes_utf16_le() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("한a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(text_of(decode(&bytes)).0, "한a");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, warning) = text_of(decode(b"abc \xFF\xFE def"));
        assert!(text.starts_with("abc "));
        assert!(warning.unwrap().contains("invalid UTF-8 from byte 4"));
    }

    #[test]
    fn empty_and_binary_are_not_text() {
        assert_eq!(decode(b""), Decoded::NotText("file is empty".into()));
        assert_eq!(decode(b" \n\n"), Decoded::NotText("file is empty".into()));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Decoded::NotText(_)
        ));
    }
}
