//! Limits on what one input file may cost. A file a person could be sent, or a feed could
//! serve, must not take the reader down: each limit is a named constant here, and hitting one
//! gives a warning naming the file while the rest of the corpus loads.

use std::io::Read;
use std::path::Path;

/// Bytes read from one file. Read through a bounded reader: a size of 0 from `stat` (a link
/// to a `/proc` file) is no promise.
pub const MAX_FILE_BYTES: u64 = super::decode::MAX_FILE_BYTES;
/// Bytes read from one manifest.
pub const MAX_MANIFEST_BYTES: u64 = 1024 * 1024;
/// Element nesting an HTML document may reach before deeper tags are dropped (their text
/// kept). The recursive code in the HTML extractor and our walker never sees more.
pub const MAX_HTML_DEPTH: usize = 256;
/// Tags one HTML document may hold before further tags are dropped (their text kept): the
/// extractor's scoring grows faster than the tree, so this caps the work per page.
pub const MAX_HTML_TAGS: usize = 60_000;
/// JSON nesting: serde_json's own recursion limit, which refuses deeper documents with an error
/// (and keeps its recursive parser and `Value` drop within the stack). Named here so the
/// warning can say it.
pub const MAX_JSON_DEPTH: usize = 128;
/// TOML nesting (manifest, front matter, config): toml_edit's own recursion limit (its
/// `unbounded` feature stays off), which refuses deeper documents with an error.
pub const MAX_TOML_DEPTH: usize = 80;
/// Items read from one feed or JSON array.
pub const MAX_FEED_ITEMS: usize = 2_000;
/// Characters of one block: a 20 MB single line is no paragraph, and every later pass
/// (terms, figures, quotes, wrapping) would pay for all of it.
pub const MAX_BLOCK_CHARS: usize = 50_000;
/// Characters of one article's text, all blocks together; later blocks are dropped.
pub const MAX_ARTICLE_CHARS: usize = 1_000_000;
/// Warnings listed for one file; the rest are counted in one line.
pub const MAX_WARNINGS_PER_FILE: usize = 20;

fn over_limit(limit: u64) -> String {
    format!(
        "file is over the {} MB limit for one input file; skipped",
        limit / 1_048_576
    )
}

/// The file's bytes, never more than `limit`: `Err` names the limit when the file is larger.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // Whole 64 KiB reads: some /proc files refuse reads of odd sizes. One buffer per thread:
    // a fresh zeroed one per file was 64 KiB of memset for every 3 KiB article.
    thread_local! {
        static CHUNK: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0u8; 64 * 1024]);
    }
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    // The size on disk, where known, saves regrowing (a /proc file says 0; the cap bounds it).
    let on_disk = file.metadata().map_or(0, |m| m.len());
    if on_disk > limit {
        return Err(over_limit(limit));
    }
    let expected = on_disk.min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    CHUNK.with_borrow_mut(|chunk| {
        while bytes.len() as u64 <= limit {
            match file.read(chunk) {
                Ok(0) => break,
                Ok(n) => bytes.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("cannot read: {e}")),
            }
        }
        Ok(())
    })?;
    if bytes.len() as u64 > limit {
        return Err(over_limit(limit));
    }
    Ok(bytes)
}

/// Tags that never hold children (HTML void elements).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose text is raw: no tags inside until their own end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "plaintext"];
/// Elements that close an open one of the same name (`<li>` after `<li>`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// HTML with every tag beyond `MAX_HTML_DEPTH` levels of nesting, or beyond `MAX_HTML_TAGS`
/// tags, removed (text kept), and a warning when anything was cut. Nesting is followed with a
/// stack of open tag names, closing as a browser would (an end tag closes up to its opening,
/// stray end tags do nothing), so depth is never underestimated. `None` when nothing was cut.
pub fn flatten_html(html: &str) -> Option<(String, String)> {
    let bytes = html.as_bytes();
    // Open elements, each with whether its tag was kept: an end tag shares its opening's fate.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut out = String::new();
    let mut copied = 0; // bytes of `html` already in `out`
    let mut tags = 0usize;
    let mut cut_deep = 0usize;
    let mut cut_many = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let Some(tag_end) = rest.find('>').map(|e| start + e + 1) else {
            break;
        };
        let inner = &html[start + 1..tag_end - 1];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        i = tag_end;
        if name.is_empty() {
            continue; // `<!doctype`, `<?xml`, a lone `<`
        }
        tags += 1;
        let keep = if closing {
            match stack.iter().rposition(|(n, _)| *n == name) {
                Some(pos) => {
                    let kept = stack[pos].1;
                    stack.truncate(pos);
                    kept
                }
                None => tags <= MAX_HTML_TAGS, // a stray end tag does nothing
            }
        } else {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                && stack.last().is_some_and(|(n, _)| *n == name)
            {
                stack.pop();
            }
            let void = VOID.contains(&name.as_str());
            let too_deep = stack.len() + usize::from(!void) > MAX_HTML_DEPTH;
            let too_many = tags > MAX_HTML_TAGS;
            if !void {
                stack.push((name.clone(), !too_deep && !too_many));
            }
            if RAW_TEXT.contains(&name.as_str()) {
                i = find_end_tag(html, i, &name).unwrap_or(bytes.len());
            }
            cut_deep += usize::from(too_deep);
            cut_many += usize::from(too_many && !too_deep);
            !too_deep && !too_many
        };
        if !keep {
            out.push_str(&html[copied..start]);
            // One space stands for any run of dropped tags: a tag may have parted two words,
            // but 100,000 spaces would cost the extractor as much as the tags did.
            if !out.ends_with(' ') {
                out.push(' ');
            }
            copied = tag_end;
        }
    }
    if cut_deep == 0 && cut_many == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    let mut why = Vec::new();
    if cut_deep > 0 {
        why.push(format!(
            "{cut_deep} tag(s) nested deeper than {MAX_HTML_DEPTH} levels"
        ));
    }
    if cut_many > 0 {
        why.push(format!(
            "{cut_many} tag(s) beyond the first {MAX_HTML_TAGS}"
        ));
    }
    Some((
        out,
        format!(
            "HTML cut to stay within limits: {} dropped (their text kept)",
            why.join(" and ")
        ),
    ))
}

/// Where `</name` (any case) starts at or after `from`: one pass, no copy of the rest.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        let tail = &bytes[at + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

thread_local! {
    /// Limits hit while parsing the current file, deep inside code that returns no warnings
    /// (an HTML fragment in a feed item); `ingest_file` collects them for the file's warnings.
    static NOTES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Record that a limit was hit while parsing the current file.
pub fn note(message: String) {
    NOTES.with(|n| {
        let mut notes = n.borrow_mut();
        if !notes.contains(&message) {
            notes.push(message);
        }
    });
}

/// The limits hit since the last call, on this thread.
pub fn take_notes() -> Vec<String> {
    NOTES.with(|n| std::mem::take(&mut *n.borrow_mut()))
}

/// `html` within the limits, with a note when it was cut.
pub fn bounded_html(html: &str) -> std::borrow::Cow<'_, str> {
    match flatten_html(html) {
        Some((flat, warning)) => {
            note(warning);
            std::borrow::Cow::Owned(flat)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// Blocks cut to `MAX_BLOCK_CHARS` and the article to `MAX_ARTICLE_CHARS`; the warning says
/// what was cut, if anything.
pub fn cap_text(blocks: &mut Vec<super::draft::RawBlock>) -> Option<String> {
    let mut long_blocks = 0;
    let mut total = 0;
    let mut keep = blocks.len();
    for (i, block) in blocks.iter_mut().enumerate() {
        if let Some((cut, _)) = block.text.char_indices().nth(MAX_BLOCK_CHARS) {
            block.text.truncate(cut);
            block.text.push('…');
            long_blocks += 1;
        }
        total += block.text.chars().count();
        if total > MAX_ARTICLE_CHARS {
            keep = i;
            break;
        }
    }
    let dropped = blocks.len() - keep;
    blocks.truncate(keep);
    let mut why = Vec::new();
    if long_blocks > 0 {
        why.push(format!(
            "{long_blocks} paragraph(s) longer than {MAX_BLOCK_CHARS} characters cut"
        ));
    }
    if dropped > 0 {
        why.push(format!(
            "text over {MAX_ARTICLE_CHARS} characters: the last {dropped} block(s) dropped"
        ));
    }
    (!why.is_empty()).then(|| format!("article too long: {}", why.join("; ")))
}

/// At most `MAX_WARNINGS_PER_FILE` warnings, the rest counted in one closing line.
pub fn cap_warnings(warnings: &mut Vec<String>) {
    if warnings.len() > MAX_WARNINGS_PER_FILE {
        let more = warnings.len() - MAX_WARNINGS_PER_FILE;
        warnings.truncate(MAX_WARNINGS_PER_FILE);
        warnings.push(format!("… and {more} more warning(s) for this file"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::draft::RawBlock;
    use super::*;

    #[test]
    fn read_bounded_reads_up_to_the_limit_and_refuses_beyond_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, vec![b'x'; 3000]).expect("write");
        // Twice on one thread: the shared read buffer must not carry bytes over.
        assert_eq!(read_bounded(&path, 3000).map(|b| b.len()), Ok(3000));
        std::fs::write(&path, b"short").expect("write");
        assert_eq!(read_bounded(&path, 3000), Ok(b"short".to_vec()));
        std::fs::write(&path, vec![b'x'; 3000]).expect("write");
        let err = read_bounded(&path, 2999).expect_err("over the limit");
        assert!(err.contains("limit"), "{err}");
    }

    fn depth_of(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        doc.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<!doctype html><html><head><title>a < b</title><script>if (a<b) x='<div>'</script></head><body><!-- <div> --><ul><li>one<li>two</ul><p>x<br>y<p>z</body></html>";
        assert_eq!(flatten_html(page), None);
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_and_text_kept() {
        let n = 10_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let (flat, warning) = flatten_html(&html).expect("cut");
        assert!(flat.contains("deep text"));
        assert!(depth_of(&flat) <= MAX_HTML_DEPTH + 4, "{}", depth_of(&flat));
        assert!(warning.contains("deeper than 256"), "{warning}");
    }

    #[test]
    fn stray_end_tags_do_not_hide_depth() {
        let html = "<div></span>".repeat(2_000);
        let (flat, _) = flatten_html(&html).expect("cut");
        assert!(depth_of(&flat) <= MAX_HTML_DEPTH + 4);
    }

    #[test]
    fn unclosed_formatting_tags_count_as_depth() {
        let html = format!("<p>{}x", "<b><i>".repeat(1_000));
        let (flat, _) = flatten_html(&html).expect("cut");
        assert!(depth_of(&flat) <= MAX_HTML_DEPTH + 4);
    }

    #[test]
    fn cutting_many_tags_keeps_the_document_well_formed() {
        let xml = format!(
            "<rss><channel>{}</channel></rss>",
            "<item><t>a</t></item>".repeat(MAX_HTML_TAGS)
        );
        let (flat, warning) = flatten_html(&xml).expect("cut");
        assert!(
            flat.ends_with("</channel></rss>"),
            "{}",
            &flat[flat.len() - 40..]
        );
        assert_eq!(
            flat.matches("<item>").count(),
            flat.matches("</item>").count()
        );
        assert!(warning.contains("beyond the first 60000"), "{warning}");
    }

    #[test]
    fn long_paragraphs_and_articles_are_cut() {
        use crate::model::BlockKind;
        let mut blocks = vec![
            RawBlock::text(BlockKind::Paragraph, "가".repeat(MAX_BLOCK_CHARS + 10)),
            RawBlock::text(BlockKind::Paragraph, "short"),
        ];
        let warning = cap_text(&mut blocks).expect("cut");
        assert_eq!(blocks[0].text.chars().count(), MAX_BLOCK_CHARS + 1); // with the ellipsis
        assert_eq!(blocks[1].text, "short");
        assert!(
            warning.contains("1 paragraph(s) longer than 50000"),
            "{warning}"
        );
        let block = RawBlock::text(BlockKind::Paragraph, "a".repeat(MAX_BLOCK_CHARS));
        let mut many = vec![block; MAX_ARTICLE_CHARS / MAX_BLOCK_CHARS + 3];
        let warning = cap_text(&mut many).expect("cut");
        assert_eq!(many.len(), MAX_ARTICLE_CHARS / MAX_BLOCK_CHARS);
        assert!(warning.contains("the last 3 block(s) dropped"), "{warning}");
    }

    #[test]
    fn warnings_beyond_the_cap_become_one_count() {
        let mut w: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        cap_warnings(&mut w);
        assert_eq!(w.len(), MAX_WARNINGS_PER_FILE + 1);
        assert_eq!(w.last().unwrap(), "… and 80 more warning(s) for this file");
    }
}
