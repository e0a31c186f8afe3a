//! Bytes to text: byte-order marks, UTF-16, legacy charsets (Shift_JIS, EUC-KR, Big5 …),
//! invalid UTF-8, binary files and line endings. One path for local files and fetched bytes.
//!
//! The charset is taken, strongest first, from the byte-order mark, the HTTP header (fetched
//! bytes only), the document's own `<meta charset>` / `http-equiv` or XML declaration, and else
//! guessed by chardetng. A declared legacy charset loses to bytes that are valid UTF-8 with
//! non-ASCII in them: mislabelled UTF-8 pages are common, and Shift_JIS or EUC-KR text that
//! happens to be valid UTF-8 is vanishingly rare.

use encoding_rs::{Encoding, UTF_8};

/// Files larger than this are refused with a warning rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How far into a document a `<meta charset>` or XML declaration is looked for (the HTML
/// standard's prescan reads 1024 bytes; real pages put long `<head>` scripts first).
const DECLARATION_SCAN_BYTES: usize = 4096;

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

/// A local file's bytes: no HTTP header to go by.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, None)
}

/// Bytes with the charset an HTTP `Content-Type` header named, if any.
pub fn decode_with(bytes: &[u8], header_charset: Option<&str>) -> Decoded {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Decoded::NotText("file is empty".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let had_utf8_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if looks_binary(bytes) {
        return Decoded::NotText("binary file (not text); skipped".into());
    }
    let declared = header_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| declared_charset(bytes));
    let encoding = if had_utf8_bom {
        UTF_8
    } else {
        match declared {
            Some(enc) if enc != UTF_8 && !is_non_ascii_utf8(bytes) => enc,
            Some(_) => UTF_8,
            None if mostly_utf8(bytes) => UTF_8,
            None => guess(bytes),
        }
    };
    let (text, warning) = if encoding == UTF_8 {
        utf8_lossy(bytes)
    } else {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        let warning = had_errors.then(|| {
            format!(
                "invalid {}: {} sequence(s) replaced with \u{FFFD}",
                encoding.name(),
                text.matches('\u{FFFD}').count()
            )
        });
        (text.into_owned(), warning)
    };
    Decoded::Text {
        text: utf8_declaration(&normalize_newlines(&text)),
        warning,
    }
}

/// The charset a `Content-Type` value names: `text/html; charset="Shift_JIS"` → `Shift_JIS`.
pub fn charset_from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

fn utf8_lossy(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
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
    }
}

/// Valid UTF-8, or UTF-8 with a few broken sequences: more good multi-byte characters than
/// broken ones, or fewer than one break per `SPARSE_BREAKS` bytes (a file damaged in places is
/// still UTF-8; Latin-1 prose has an accented letter every few dozen bytes).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    bad == 0 || good > bad || bad * SPARSE_BREAKS < bytes.len()
}

const SPARSE_BREAKS: usize = 100;

fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// chardetng's guess over the whole input (it looks at byte pairs, so more is better).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The charset the document declares about itself: an XML declaration's `encoding`, or an
/// HTML `<meta charset=…>` / `<meta http-equiv="Content-Type" content="…; charset=…">`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(DECLARATION_SCAN_BYTES)];
    // Every label is ASCII, so an ASCII-lowercased copy is safe to search in any charset.
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let trimmed_start = lower.iter().position(|b| !b.is_ascii_whitespace())?;
    if lower[trimmed_start..].starts_with(b"<?xml") {
        let end = find(&lower[trimmed_start..], b"?>").map_or(lower.len(), |e| trimmed_start + e);
        let declaration = &lower[trimmed_start..end];
        if let Some(label) = attribute_value(declaration, b"encoding") {
            return Encoding::for_label(label);
        }
    }
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(enc) = attribute_value(tag, b"charset").and_then(Encoding::for_label) {
            return Some(enc);
        }
        from = end;
    }
    None
}

/// The value after `name` `=` (quoted or not) within `tag`; `charset` also matches inside
/// `content="text/html; charset=euc-kr"`.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find(tag, name)?;
    let rest = &tag[at + name.len()..];
    let rest = trim_ascii_start(rest);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The text is UTF-8 now: an XML declaration that still names the old charset would make the
/// XML parser decode it a second time.
fn utf8_declaration(text: &str) -> String {
    let start = text.len() - text.trim_start().len();
    let head = &text[start..];
    if !head.starts_with("<?xml") {
        return text.to_string();
    }
    let Some(end) = head.find("?>") else {
        return text.to_string();
    };
    let declaration = &head[..end];
    let Some(at) = declaration.find("encoding") else {
        return text.to_string();
    };
    let after = &declaration[at + "encoding".len()..];
    let Some(quote_at) = after.find(['"', '\'']) else {
        return text.to_string();
    };
    let quote = &after[quote_at..=quote_at];
    let value_start = at + "encoding".len() + quote_at + 1;
    let Some(value_len) = declaration[value_start..].find(quote) else {
        return text.to_string();
    };
    let absolute = start + value_start;
    format!(
        "{}UTF-8{}",
        &text[..absolute],
        &text[absolute + value_len..]
    )
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
        // Mostly UTF-8 with a broken byte: still UTF-8, with the damage named.
        let mut bytes = "abc ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(" 한국과 일본".as_bytes());
        let (text, warning) = text_of(decode(&bytes));
        assert_eq!(text, "abc \u{FFFD} 한국과 일본");
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
    /// `text` in `encoding`, as a page or feed would carry it.
    fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "fixture not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    const JAPANESE: &str = "高市早苗首相は二十八日、東京の迎賓館でトランプ米大統領と初めて会談し、日米同盟の強化と五千五百億ドルの対米投資について確認した。";
    const KOREAN: &str = "이재명 대통령은 경주에서 트랜스 미 대통령과 정상회담을 열고 관세 협상과 대미 투자 문제를 논의했다. 똠방각하는 펲시를 마셨다.";
    const CHINESE_TRAD: &str = "日本首相高市早苗二十八日在東京與美國總統川普舉行首次會談，雙方確認強化美日同盟，並討論五千五百億美元的對美投資計畫。";
    const CHINESE_SIMP: &str = "日本首相高市早苗二十八日在东京与美国总统特朗普举行首次会谈，双方确认强化美日同盟，并讨论五千五百亿美元的对美投资计划。";

    #[test]
    fn shift_jis_page_with_meta_charset_is_clean() {
        let page = format!("<html><head><meta charset=\"shift_jis\"><title>会談</title></head><body><p>{JAPANESE}</p></body></html>");
        let (text, warning) = text_of(decode(&encoded(&page, encoding_rs::SHIFT_JIS)));
        assert!(text.contains(JAPANESE), "{text}");
        assert_eq!(warning, None);
    }

    #[test]
    fn euc_jp_feed_declaration_is_honoured_and_rewritten() {
        let feed = format!("<?xml version=\"1.0\" encoding=\"EUC-JP\"?>\n<rss><channel><title>{JAPANESE}</title></channel></rss>");
        let (text, _) = text_of(decode(&encoded(&feed, encoding_rs::EUC_JP)));
        assert!(text.contains(JAPANESE), "{text}");
        // The XML parser must not decode the (now UTF-8) text as EUC-JP a second time.
        assert!(
            text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{text}"
        );
    }

    #[test]
    fn euc_kr_and_cp949_by_http_equiv_and_by_header() {
        // 똠 and 펲 are CP949 extensions outside EUC-KR proper: the WHATWG "euc-kr" is CP949.
        let page = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"></head><body><p>{KOREAN}</p></body></html>");
        let bytes = encoded(&page, encoding_rs::EUC_KR);
        assert!(text_of(decode(&bytes)).0.contains(KOREAN));
        let bare = encoded(KOREAN, encoding_rs::EUC_KR);
        let (text, warning) = text_of(decode_with(&bare, Some("cp949")));
        assert_eq!(text, KOREAN);
        assert_eq!(warning, None);
    }

    #[test]
    fn gb18030_by_header_and_big5_by_meta() {
        let bytes = encoded(CHINESE_SIMP, encoding_rs::GB18030);
        assert_eq!(
            text_of(decode_with(&bytes, Some("GB18030"))).0,
            CHINESE_SIMP
        );
        let page = format!("<meta charset='big5'><p>{CHINESE_TRAD}</p>");
        let bytes = encoded(&page, encoding_rs::BIG5);
        assert!(text_of(decode(&bytes)).0.contains(CHINESE_TRAD));
    }

    #[test]
    fn undeclared_legacy_charsets_are_detected() {
        for (text, encoding) in [
            (JAPANESE, encoding_rs::SHIFT_JIS),
            (JAPANESE, encoding_rs::EUC_JP),
            (KOREAN, encoding_rs::EUC_KR),
            (CHINESE_TRAD, encoding_rs::BIG5),
            (CHINESE_SIMP, encoding_rs::GB18030),
        ] {
            let (decoded, _) = text_of(decode(&encoded(text, encoding)));
            assert_eq!(decoded, text, "undeclared {}", encoding.name());
        }
        let latin =
            "Le président a déclaré à Séoul que la coopération économique était « très forte ».";
        let (decoded, warning) = text_of(decode(&encoded(latin, encoding_rs::WINDOWS_1252)));
        assert_eq!(decoded, latin);
        assert_eq!(warning, None);
    }

    #[test]
    fn latin1_header_label_and_mislabelled_utf8() {
        let bytes = encoded("Café déjà vu", encoding_rs::WINDOWS_1252);
        assert_eq!(
            text_of(decode_with(&bytes, Some("ISO-8859-1"))).0,
            "Café déjà vu"
        );
        // A page that says Shift_JIS but is valid UTF-8 is UTF-8.
        let page = format!("<meta charset=\"shift_jis\"><p>{JAPANESE}</p>");
        assert!(text_of(decode(page.as_bytes())).0.contains(JAPANESE));
        // The header beats the document's own declaration.
        let page = format!("<meta charset=\"big5\"><p>{JAPANESE}</p>");
        let bytes = encoded(&page, encoding_rs::SHIFT_JIS);
        assert!(text_of(decode_with(&bytes, Some("Shift_JIS")))
            .0
            .contains(JAPANESE));
    }

    #[test]
    fn charset_of_a_content_type() {
        assert_eq!(
            charset_from_content_type("text/html; charset=\"Shift_JIS\""),
            Some("Shift_JIS")
        );
        assert_eq!(
            charset_from_content_type("application/rss+xml;CHARSET=euc-kr"),
            Some("euc-kr")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
        assert_eq!(charset_from_content_type("text/html; charset="), None);
    }
}
