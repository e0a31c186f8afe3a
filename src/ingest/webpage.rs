//! Saved web pages: the article out of a full HTML page (navigation, share bars, cookie notices,
//! related links and comments left behind) with its title, byline, date, outlet, canonical URL
//! and language.
//!
//! The extraction itself is rs-trafilatura's (a port of trafilatura). On the 46 pages of
//! `shared/extraction-dev` its plain text scored aeb F1 0.965 against dom_smoothie's 0.952–0.956
//! (a port of readability.js). dom_smoothie is about five times faster (6 against 29 ms a page,
//! 86 against 425 ms on a 4.7 MB page), but both stay under half a second on multi-MB pages,
//! so quality decides. What a reader finally sees (these blocks after the boilerplate rules and
//! the metadata pass) scores 0.966; `examples/extract_eval.rs` re-runs the measurement.
//!
//! What this module adds: the body comes back as HTML and is cut into our blocks by the same
//! walker the other HTML inputs use (headings, list items, quotes, tables stay what they are);
//! the headline heading is dropped (it is the title); the publication date keeps the page's own
//! time zone (`local_day`), with JSON-LD and `<time>` stamps the crate cannot parse as
//! fallbacks; a site name is taken only where the page states it (head or JSON-LD); pages too
//! short for the crate's statistics are read whole.

use super::dates;
use super::draft::{Draft, Meta, RawBlock};
use super::html::{blocks_from_html, HtmlExtractor, MinimalExtractor};
use super::local_day::LocalDays;
use crate::model::{BlockKind, Format};
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
        let mut meta = meta_of(&result.metadata, html);
        if result.content_text.chars().count() < self.options.min_extracted_size {
            // Too little text for the crate's statistics (its fallback then repeats what it
            // found): a short page is read whole, with the crate's metadata on top.
            let mut draft = MinimalExtractor.extract(html);
            draft.meta.overlay(&meta);
            if draft.blocks.is_empty() {
                draft
                    .warnings
                    .push("no article text found on the page".into());
            }
            return draft;
        }
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
        if let Some(title) = &meta.title {
            drop_title_heading(&mut blocks, title);
        }
        if meta.date.is_none() {
            meta.date = json_ld_date(html).or_else(|| time_element_date(html));
        }
        let dropped = super::web_dropped::left_out(html, &blocks, &result.content_text);
        let mut draft = Draft::new(Format::Html, blocks);
        draft.meta = meta;
        draft.dropped = dropped;
        draft
    }
}

/// When the extractor fails, the plain walk of the page is better than no article.
fn whole_page(html: &str, why: &str) -> Draft {
    let mut draft = MinimalExtractor.extract(html);
    draft
        .warnings
        .push(format!("{why}; kept the whole page text"));
    draft
}

/// The first JSON-LD `datePublished` our date reader understands, for stamps the crate
/// cannot parse ("2019-11-20T09:29:08+0000") or types it does not read.
fn json_ld_date(html: &str) -> Option<String> {
    static PUBLISHED: OnceLock<Regex> = OnceLock::new();
    let published = PUBLISHED.get_or_init(|| {
        Regex::new(r#""datePublished"\s*:\s*"([^"]{6,64})""#).expect("valid datePublished pattern")
    });
    json_ld_scripts(html)
        .flat_map(|script| published.captures_iter(script))
        .find_map(|c| {
            let raw = c.get(1)?.as_str();
            dates::find_first(raw, None).map(|found| found.iso)
        })
}

/// The first `<time datetime="…">` our date reader understands, for pages whose stamp the
/// crate cannot parse ("Wed Nov 20 2019 08:00:58 GMT+0000").
fn time_element_date(html: &str) -> Option<String> {
    static DATETIME: OnceLock<Regex> = OnceLock::new();
    let datetime = DATETIME.get_or_init(|| {
        Regex::new(r#"(?i)<time\b[^>]*\bdatetime\s*=\s*["']([^"']{6,64})["']"#)
            .expect("valid datetime pattern")
    });
    datetime
        .captures_iter(html)
        .find_map(|c| dates::find_first(&c[1], None).map(|found| found.iso))
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
    // Meta tag values can arrive still escaped ("doesn&#039;t").
    let some = |v: &Option<String>| {
        v.as_deref()
            .map(|s| html_escape::decode_html_entities(s.trim()).into_owned())
            .filter(|s| !s.is_empty())
    };
    Meta {
        title: some(&found.title),
        outlet: some(&found.sitename).filter(|name| is_stated_site_name(name, html)),
        language: some(&found.language),
        date: found.date.map(|utc| LocalDays::scan(html).stated(utc)),
        url: some(&found.url),
        byline: some(&found.author),
        ..Meta::default()
    }
}

/// The crate falls back to the text of page elements for the site name, which can be a whole
/// menu ("AP News | World | U.S.") or a search label. A name the page states for machines sits
/// in the head (`og:site_name`, the title) or in JSON-LD; anything else is not taken.
fn is_stated_site_name(name: &str, html: &str) -> bool {
    // A social-media handle ("@smithsonianmag") is an account, not the outlet's name.
    if name.split_whitespace().count() > 6 || name.contains(" | ") || name.starts_with('@') {
        return false;
    }
    let head_end = find_ascii_ci(html, "<body").unwrap_or(html.len());
    let escaped = html_escape::encode_double_quoted_attribute(name);
    let stated = |part: &str| part.contains(name) || part.contains(escaped.as_ref());
    stated(&html[..head_end]) || json_ld_scripts(html).any(stated)
}

/// Byte offset of the first ASCII-case-insensitive match of an ASCII `needle`.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The bodies of `<script type="application/ld+json">` elements, found by scanning.
fn json_ld_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("application/ld+json")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = find_ascii_ci(&rest[start..], "</script")?;
            Some(&rest[start..start + end])
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_dates_with_compact_offsets_are_read() {
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-20T09:29:08+0000"}</script><script type="application/ld+json">{"datePublished":"2019-11-19T14:33:37+0000"}</script>"#;
        assert_eq!(
            json_ld_date(html).as_deref(),
            Some("2019-11-20T09:29:08+00:00")
        );
        // Outside JSON-LD the key means nothing.
        assert_eq!(
            json_ld_date(r#"<script>var x = {"datePublished":"2019-11-20"}</script>"#),
            None
        );
    }

    #[test]
    fn unusual_time_stamps_are_read_by_our_date_reader() {
        let html = r#"<p>x</p><time class="ago" datetime="Wed Nov 20 2019 08:00:58 GMT+0000">2 days ago</time>"#;
        assert_eq!(time_element_date(html).as_deref(), Some("2019-11-20"));
        assert_eq!(time_element_date("<time datetime=\"soon\">"), None);
    }
}
