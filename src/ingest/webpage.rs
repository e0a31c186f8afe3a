//! Saved web pages: the article out of a full HTML page (navigation, share bars, cookie notices,
//! related links and comments left behind) with its title, byline, date, outlet, canonical URL
//! and language.
//!
//! The extraction itself is rs-trafilatura's (a port of trafilatura). On the 46 pages of
//! `shared/extraction-dev` it scored aeb F1 0.965 against dom_smoothie's 0.952–0.956 (a port of
//! readability.js); dom_smoothie is about five times faster, but both stay well under a second
//! on a multi-MB page, so quality decides. `examples/extract_eval.rs` re-runs the measurement.
//!
//! What this module adds: the body comes back as HTML and is cut into our blocks by the same
//! walker the other HTML inputs use (headings, list items, quotes, tables stay what they are),
//! and the publication date keeps the page's own time zone (the crate normalises to UTC, which
//! moves a Seoul or Tokyo morning article to the previous day).

use super::draft::{Draft, Meta, RawBlock};
use super::html::{blocks_from_html, HtmlExtractor, MinimalExtractor};
use crate::model::{BlockKind, Format};
use chrono::{DateTime, FixedOffset, Utc};
use regex::Regex;
use std::sync::OnceLock;

/// The production extractor for full web pages.
pub struct WebPageExtractor {
    options: rs_trafilatura::Options,
}

impl Default for WebPageExtractor {
    fn default() -> Self {
        WebPageExtractor {
            options: rs_trafilatura::Options {
                include_comments: false,
                include_tables: true,
                include_images: false,
                include_links: false,
                ..rs_trafilatura::Options::default()
            },
        }
    }
}

/// A shared instance, for `Ingestor::default()`.
pub fn default_extractor() -> &'static WebPageExtractor {
    static EXTRACTOR: OnceLock<WebPageExtractor> = OnceLock::new();
    EXTRACTOR.get_or_init(WebPageExtractor::default)
}

impl HtmlExtractor for WebPageExtractor {
    fn extract(&self, html: &str) -> Draft {
        let result = match rs_trafilatura::extract_with_options(html, &self.options) {
            Ok(result) => result,
            Err(e) => return whole_page(html, &format!("article extraction failed ({e})")),
        };
        let mut blocks = result
            .content_html
            .as_deref()
            .map(blocks_from_html)
            .unwrap_or_default();
        let text_lines = result
            .content_text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        // A body taken from JSON-LD `articleBody` arrives as one escaped <p>; its line breaks
        // are the paragraphs.
        if blocks.len() <= 1 && text_lines > 1 {
            blocks = paragraphs_of(&result.content_text);
        }
        if blocks.is_empty() {
            return whole_page(html, "no article body found");
        }
        let meta = meta_of(&result.metadata, html);
        if let Some(title) = &meta.title {
            drop_title_heading(&mut blocks, title);
        }
        let mut draft = Draft::new(Format::Html, blocks);
        draft.meta = meta;
        draft
    }
}

/// When the extractor finds nothing, the plain walk of the page is better than no article.
fn whole_page(html: &str, why: &str) -> Draft {
    let mut draft = MinimalExtractor.extract(html);
    draft
        .warnings
        .push(format!("{why}; kept the whole page text"));
    draft
}

/// How far down the body the page's own headline may stand (below a kicker or a date line).
const TITLE_WITHIN: usize = 4;

/// The headline is metadata, not body: drop the heading that repeats it near the top.
fn drop_title_heading(blocks: &mut Vec<RawBlock>, title: &str) {
    let words = |text: &str| {
        text.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = words(title);
    let same = |text: &str| words(text) == title;
    if let Some(i) = blocks
        .iter()
        .take(TITLE_WITHIN)
        .position(|b| b.is(BlockKind::Heading) && same(&b.text))
    {
        blocks.remove(i);
    }
}

fn paragraphs_of(text: &str) -> Vec<RawBlock> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| RawBlock::text(BlockKind::Paragraph, l))
        .collect()
}

fn meta_of(found: &rs_trafilatura::Metadata, html: &str) -> Meta {
    let some = |v: &Option<String>| {
        v.as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Meta {
        title: some(&found.title),
        outlet: some(&found.sitename),
        language: some(&found.language),
        date: found.date.map(|utc| local_date(utc, html)),
        url: some(&found.url),
        byline: some(&found.author),
        ..Meta::default()
    }
}

/// The date as the page states it: the page's own timestamp for the same instant when it has
/// one (so the day is the outlet's day), else the UTC date.
fn local_date(utc: DateTime<Utc>, html: &str) -> String {
    static STAMP: OnceLock<Regex> = OnceLock::new();
    let stamp = STAMP.get_or_init(|| {
        Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})")
            .expect("valid timestamp pattern")
    });
    stamp
        .find_iter(html)
        .filter_map(|m| parse_stamp(m.as_str()))
        .find(|local| local.with_timezone(&Utc) == utc)
        .map(|local| local.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| utc.format("%Y-%m-%d").to_string())
}

fn parse_stamp(stamp: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(stamp)
        .ok()
        .or_else(|| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M%:z").ok())
        .or_else(|| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S%z").ok())
        .or_else(|| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M%z").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seoul_morning_keeps_its_own_day() {
        // 08:30 in Seoul on the 29th is 23:30 UTC on the 28th.
        let html =
            r#"<meta property="article:published_time" content="2025-10-29T08:30:00+09:00">"#;
        let utc = DateTime::parse_from_rfc3339("2025-10-28T23:30:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(local_date(utc, html), "2025-10-29");
        // Without the page's own timestamp the UTC day is all there is.
        assert_eq!(local_date(utc, "<p>no stamp</p>"), "2025-10-28");
        // A stamp for another instant is not taken.
        let other = r#"<time datetime="2025-10-30T08:30:00+09:00"></time>"#;
        assert_eq!(local_date(utc, other), "2025-10-28");
    }

    #[test]
    fn compact_offsets_are_read() {
        let local = parse_stamp("2025-10-29T08:30:00+0900");
        assert_eq!(
            local.map(|d| d.format("%Y-%m-%d %H:%M %z").to_string()),
            Some("2025-10-29 08:30 +0900".to_string())
        );
        let local = parse_stamp("2025-10-29T08:30+09:00");
        assert_eq!(
            local.map(|d| d.format("%H:%M").to_string()),
            Some("08:30".to_string())
        );
    }
}
