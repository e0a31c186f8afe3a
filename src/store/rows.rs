//! The binary row format of one parsed file in the parse cache: its articles (with what
//! boilerplate removal dropped) and its warnings. A warm launch reads every row back, so the
//! format is made for reading: length-prefixed UTF-8 and one byte per tag, no field names,
//! no escapes (JSON rows took most of a warm launch's decode time).
//!
//! Layout: `MAGIC`, then a u32 article count and each article's fields in declaration order,
//! then a u32 warning count and each warning's message. Strings are a u32 byte length and
//! the bytes; `Option` is a 0/1 byte before the value; enums are their JSON names. Integers
//! are little-endian. A row that does not read back whole (another version, a torn write) is
//! `None`: the caller parses the file again.
//!
//! A summary row (`SUMMARY_MAGIC`) is the same layout without each article's blocks and
//! dropped text: what `list` and `check` need, a fraction of the bytes to fetch and decode.

use crate::model::{Article, Block, BlockKind, Dropped, Format};

/// Names the layout; bump the last byte when it changes (old rows then read as misses).
const MAGIC: &[u8; 4] = b"PXR1";
/// The summary layout's name; bumped with `MAGIC`.
const SUMMARY_MAGIC: &[u8; 4] = b"PXS1";

/// What one file's row holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// From a summary row: every field but `blocks` and `dropped`, which are empty.
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    /// False when it was a summary row: the articles' text is not there.
    pub whole: bool,
}

/// The whole row.
pub fn encode(articles: &[Article], warnings: &[String]) -> Vec<u8> {
    encode_as(articles, warnings, true)
}

/// The summary row: the articles without their text.
pub fn encode_summary(articles: &[Article], warnings: &[String]) -> Vec<u8> {
    encode_as(articles, warnings, false)
}

fn encode_as(articles: &[Article], warnings: &[String], whole: bool) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(if whole { 4096 } else { 512 }));
    out.0
        .extend_from_slice(if whole { MAGIC } else { SUMMARY_MAGIC });
    out.len(articles.len());
    for article in articles {
        // Destructured whole: a new field must be added here too, or this stops compiling.
        let Article {
            id,
            source,
            format,
            title,
            outlet,
            perspective,
            perspective_reason,
            perspective_source,
            perspective_confidence,
            language,
            date,
            url,
            byline,
            dateline,
            story,
            blocks,
            warnings,
            dropped,
        } = article;
        out.str(id);
        out.str(source);
        out.str(format.as_str());
        out.str(title);
        out.opt(outlet);
        out.str(perspective);
        out.str(perspective_reason);
        out.str(perspective_source);
        out.0
            .extend_from_slice(&perspective_confidence.to_le_bytes());
        for field in [language, date, url, byline, dateline, story] {
            out.opt(field);
        }
        if !whole {
            out.strs(warnings);
            continue;
        }
        out.len(blocks.len());
        for Block { kind, text, rows } in blocks {
            out.str(kind.as_str());
            out.str(text);
            match rows {
                None => out.0.push(0),
                Some(rows) => {
                    out.0.push(1);
                    out.len(rows.len());
                    for row in rows {
                        out.strs(row);
                    }
                }
            }
        }
        out.strs(warnings);
        out.len(dropped.len());
        for Dropped { text, reason } in dropped {
            out.str(text);
            out.str(reason);
        }
    }
    out.strs(warnings);
    out.0
}

/// A whole or a summary row, told apart by its magic.
pub fn decode(bytes: &[u8]) -> Option<Row> {
    let (whole, rest) = match bytes.strip_prefix(MAGIC) {
        Some(rest) => (true, rest),
        None => (false, bytes.strip_prefix(SUMMARY_MAGIC)?),
    };
    let mut r = Reader { bytes: rest };
    let count = r.len()?;
    let mut articles = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let id = r.string()?;
        let source = r.string()?;
        let format = format_named(r.str()?)?;
        let title = r.string()?;
        let outlet = r.opt()?;
        let perspective = r.string()?;
        let perspective_reason = r.string()?;
        let perspective_source = r.string()?;
        let perspective_confidence = f64::from_le_bytes(r.take(8)?.try_into().ok()?);
        let language = r.opt()?;
        let date = r.opt()?;
        let url = r.opt()?;
        let byline = r.opt()?;
        let dateline = r.opt()?;
        let story = r.opt()?;
        let block_count = if whole { r.len()? } else { 0 };
        let mut blocks = Vec::with_capacity(block_count.min(r.bytes.len()));
        for _ in 0..block_count {
            let kind = kind_named(r.str()?)?;
            let text = r.string()?;
            let rows = match r.byte()? {
                0 => None,
                1 => {
                    let n = r.len()?;
                    let mut rows = Vec::with_capacity(n.min(r.bytes.len()));
                    for _ in 0..n {
                        rows.push(r.strings()?);
                    }
                    Some(rows)
                }
                _ => return None,
            };
            blocks.push(Block { kind, text, rows });
        }
        let warnings = r.strings()?;
        let dropped_count = if whole { r.len()? } else { 0 };
        let mut dropped = Vec::with_capacity(dropped_count.min(r.bytes.len()));
        for _ in 0..dropped_count {
            dropped.push(Dropped {
                text: r.string()?,
                reason: r.string()?,
            });
        }
        articles.push(Article {
            id,
            source,
            format,
            title,
            outlet,
            perspective,
            perspective_reason,
            perspective_source,
            perspective_confidence,
            language,
            date,
            url,
            byline,
            dateline,
            story,
            blocks,
            warnings,
            dropped,
        });
    }
    let warnings = r.strings()?;
    r.bytes.is_empty().then_some(Row {
        articles,
        warnings,
        whole,
    })
}

/// The article count at the head of a row, whole or summary (0 for a row of another format).
pub fn article_count(head: &[u8]) -> u64 {
    head.strip_prefix(MAGIC)
        .or_else(|| head.strip_prefix(SUMMARY_MAGIC))
        .and_then(|rest| rest.get(..4))
        .and_then(|n| n.try_into().ok())
        .map_or(0, |n| u64::from(u32::from_le_bytes(n)))
}

fn format_named(name: &str) -> Option<Format> {
    use Format::*;
    [
        Text,
        Markdown,
        WordpressJson,
        Html,
        Rss,
        Atom,
        JsonFeed,
        JsonLines,
        Fetched,
    ]
    .into_iter()
    .find(|f| f.as_str() == name)
}

fn kind_named(name: &str) -> Option<BlockKind> {
    use BlockKind::*;
    [Heading, Paragraph, ListItem, Quote, Table, Caption]
        .into_iter()
        .find(|k| k.as_str() == name)
}

struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        // Rows come from parses bounded far below 4 GiB (see ingest::limits).
        self.0
            .extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: &Option<String>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
        }
    }

    fn strs(&mut self, items: &[String]) {
        self.len(items.len());
        for s in items {
            self.str(s);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn len(&mut self) -> Option<usize> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        usize::try_from(n).ok()
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            out.push(self.string()?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Article> {
        crate::ingest::load_seeds().articles
    }

    #[test]
    fn every_seed_article_reads_back_equal_with_what_was_dropped() {
        let articles = seeds();
        assert!(articles.iter().any(|a| !a.dropped.is_empty()));
        assert!(articles
            .iter()
            .any(|a| a.outlet.is_none() || a.url.is_none()));
        let warnings = vec!["first".to_string(), "Ünïcode 한국어 日本語".to_string()];
        let row = decode(&encode(&articles, &warnings)).expect("reads back");
        assert_eq!(row.articles, articles);
        assert_eq!(row.warnings, warnings);
    }

    #[test]
    fn a_summary_row_holds_every_field_but_the_text_and_says_so() {
        let articles = seeds();
        let warnings = vec!["a file warning".to_string()];
        let whole = encode(&articles, &warnings);
        let summary = encode_summary(&articles, &warnings);
        assert!(
            summary.len() * 4 < whole.len(),
            "{} vs {}",
            summary.len(),
            whole.len()
        );
        let row = decode(&summary).expect("reads back");
        assert!(!row.whole);
        assert!(decode(&whole).expect("reads back").whole);
        assert_eq!(row.warnings, warnings);
        assert_eq!(article_count(&summary), articles.len() as u64);
        // The same articles with their text emptied: nothing else is lost or shifted.
        let without_text: Vec<Article> = articles
            .iter()
            .cloned()
            .map(|mut a| {
                a.blocks.clear();
                a.dropped.clear();
                a
            })
            .collect();
        assert_eq!(row.articles, without_text);
        for cut in [4, summary.len() / 2, summary.len() - 1] {
            assert_eq!(decode(&summary[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn tables_and_every_kind_and_format_survive() {
        let mut article = seeds().remove(0);
        article.blocks = vec![
            Block::table(vec![vec!["a".into(), "b".into()], vec!["".into()]]),
            Block::new(BlockKind::Heading, "h"),
            Block::new(BlockKind::ListItem, "l"),
            Block::new(BlockKind::Quote, "q"),
            Block::new(BlockKind::Caption, "c"),
            Block::new(BlockKind::Paragraph, ""),
        ];
        for format in [Format::Rss, Format::JsonLines, Format::Fetched] {
            article.format = format;
            article.perspective_confidence = 0.37;
            let row = decode(&encode(std::slice::from_ref(&article), &[])).expect("reads");
            assert_eq!(row.articles, vec![article.clone()]);
        }
    }

    #[test]
    fn a_cut_or_foreign_row_is_a_miss_never_a_panic() {
        let bytes = encode(&seeds(), &["w".into()]);
        for cut in [0, 3, 4, 5, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
        assert_eq!(decode(br#"{"articles":[]}"#), None, "an old JSON row");
        // A length far past the end must not allocate or read out of bounds.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge), None);
    }
}
