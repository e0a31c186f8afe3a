//! Feeds: RSS (0.9x, 1.0, 2.0), Atom and JSON Feed files through feed-rs, and the JSON that feed
//! archivers export (newline-delimited, or one array) of `{title, link, date, content |
//! description}` objects. Every item becomes its own article: the full content where the item
//! carries it, else its summary with a "summary only" warning. The outlet is the feed's title
//! unless the perspective rules recognise the item itself (its link or a signature in its
//! text), as in an aggregator's feed or a reading list.

use super::classify::{Classifier, Evidence};
use super::draft::{Draft, Meta, RawBlock};
use super::html::blocks_from_html;
use super::local_day::LocalDays;
use super::plain;
use crate::model::Format;
use crate::text::sanitize::clean_line;
use feed_rs::model::{Entry, FeedType, Text};
use serde_json::Value;

pub const SUMMARY_ONLY: &str =
    "summary only: the feed carries no full text for this item (open the link for the article)";

/// An RSS, Atom or JSON Feed document.
use super::limits::MAX_FEED_ITEMS;

pub fn feed_drafts(text: &str, classifier: &Classifier) -> Result<Vec<Draft>, String> {
    // An empty id from the generator marks an item without a guid of its own.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(text.as_bytes())
        // The parser's message may quote the file: untrusted text.
        .map_err(|e| clean_line(&format!("feed could not be read: {e}")))?;
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::JSON => Format::JsonFeed,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 => Format::Rss,
    };
    let feed_title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let days = LocalDays::scan(text);
    let mut drafts: Vec<Draft> = feed
        .entries
        .iter()
        .take(MAX_FEED_ITEMS)
        .enumerate()
        .map(|(i, entry)| {
            let mut draft = entry_draft(entry, format, &days);
            draft.meta.language = draft.meta.language.or_else(|| feed.language.clone());
            draft.item_suffix = Some(item_suffix(&entry.id, i));
            draft.guid = Some(entry.id.clone()).filter(|g| !g.is_empty());
            place_outlet(&mut draft, feed_title.as_deref(), classifier);
            draft
        })
        .collect();
    if drafts.is_empty() {
        return Err("feed has no items; skipped".into());
    }
    note_items_cut(&mut drafts, feed.entries.len());
    Ok(drafts)
}

/// A feed of more items than `MAX_FEED_ITEMS` keeps the first ones, with a warning.
fn note_items_cut(drafts: &mut [Draft], total: usize) {
    if total > MAX_FEED_ITEMS {
        if let Some(first) = drafts.first_mut() {
            first.warnings.push(format!(
                "{total} items, over the limit of {MAX_FEED_ITEMS}: only the first {MAX_FEED_ITEMS} read"
            ));
        }
    }
}

fn entry_draft(entry: &Entry, format: Format, days: &LocalDays) -> Draft {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| Some((c.body.as_deref()?, c.content_type.to_string())))
        .filter(|(body, _)| !body.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| (s.content.as_str(), s.content_type.to_string()));
    let (blocks, summary_only) = match (content, summary) {
        (Some((body, kind)), _) => (blocks_of(body, kind.contains("plain")), false),
        (None, Some((body, kind))) => (blocks_of(body, kind.contains("plain")), true),
        (None, None) => (Vec::new(), false),
    };
    let mut draft = Draft::new(format, blocks);
    if summary_only {
        draft.warnings.push(SUMMARY_ONLY.into());
    }
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .collect();
    draft.meta = Meta {
        title: entry.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
        date: entry
            .published
            .or(entry.updated)
            .map(|utc| days.stated(utc)),
        url: entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone()),
        byline: (!authors.is_empty()).then(|| authors.join(", ")),
        language: entry.language.clone(),
        ..Meta::default()
    };
    draft
}

/// A JSON Feed document, newline-delimited JSON items, or a JSON array of them. `None` when
/// the JSON is something else (a WordPress post), for the other readers to try.
pub fn json_drafts(text: &str, classifier: &Classifier) -> Option<Result<Vec<Draft>, String>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let first = stream.next()?.ok()?;
    let rest = text[stream.byte_offset()..].trim();
    let (items, mut warnings) = if rest.is_empty() {
        match first {
            Value::Object(ref feed) if is_json_feed(feed) => {
                return Some(feed_drafts(text, classifier));
            }
            Value::Array(items) if items.first().is_some_and(looks_like_item) => {
                (items, Vec::new())
            }
            _ => return None,
        }
    } else if looks_like_item(&first) {
        json_lines(text)
    } else {
        return None;
    };
    let mut drafts = Vec::new();
    for (i, item) in items.iter().take(MAX_FEED_ITEMS).enumerate() {
        match json_item(item) {
            Some(mut draft) => {
                let guid = string_field(item, &["guid", "id"]).unwrap_or_default();
                draft.item_suffix = Some(item_suffix(&guid, i));
                draft.guid = Some(guid).filter(|g| !g.is_empty());
                let source = item.get("source").or_else(|| item.get("feed"));
                let feed_title = source.and_then(|s| {
                    s.as_str()
                        .map(str::to_string)
                        .or_else(|| string_field(s, &["title", "name"]))
                });
                place_outlet(&mut draft, feed_title.as_deref(), classifier);
                drafts.push(draft);
            }
            None => warnings.push(format!("item {} has no title or no text; skipped", i + 1)),
        }
    }
    if let Some(first) = drafts.first_mut() {
        first.warnings.extend(warnings);
        note_items_cut(&mut drafts, items.len());
        Some(Ok(drafts))
    } else {
        Some(Err(format!(
            "no usable items in the JSON ({})",
            warnings.join("; ")
        )))
    }
}

fn is_json_feed(feed: &serde_json::Map<String, Value>) -> bool {
    feed.get("version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.contains("jsonfeed.org/version"))
}

/// One object per line; lines that are not JSON objects are reported, not fatal.
fn json_lines(text: &str) -> (Vec<Value>, Vec<String>) {
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value @ Value::Object(_)) => items.push(value),
            _ => warnings.push(format!("line {} is not a JSON object; skipped", n + 1)),
        }
    }
    (items, warnings)
}

/// A feed archiver's item: a title, a link and plain-string text (WordPress nests its
/// `content` in `{"rendered": …}`).
fn looks_like_item(value: &Value) -> bool {
    let is_string = |key: &str| value.get(key).is_some_and(Value::is_string);
    is_string("title")
        && (is_string("link") || is_string("url"))
        && TEXT_FIELDS
            .iter()
            .chain(SUMMARY_FIELDS)
            .any(|k| is_string(k))
}

const TEXT_FIELDS: &[&str] = &["content", "content_html", "content_text", "content:encoded"];
const SUMMARY_FIELDS: &[&str] = &["description", "summary", "contentSnippet"];

fn json_item(item: &Value) -> Option<Draft> {
    let title = string_field(item, &["title"])?;
    let (body, summary_only) = match string_field(item, TEXT_FIELDS) {
        Some(body) => (body, false),
        None => (string_field(item, SUMMARY_FIELDS)?, true),
    };
    let mut draft = Draft::new(Format::JsonLines, blocks_of(&body, !looks_like_html(&body)));
    if summary_only {
        draft.warnings.push(SUMMARY_ONLY.into());
    }
    let author = item.get("author").or_else(|| item.get("creator"));
    draft.meta = Meta {
        title: Some(plain_title(&title)),
        url: string_field(item, &["link", "url"]),
        date: string_field(
            item,
            &[
                "date",
                "published",
                "pubDate",
                "date_published",
                "isoDate",
                "updated",
            ],
        ),
        byline: author.and_then(|a| {
            a.as_str()
                .map(str::to_string)
                .or_else(|| string_field(a, &["name"]))
        }),
        language: string_field(item, &["language", "lang"]),
        ..Meta::default()
    };
    Some(draft)
}

fn string_field(value: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| value.get(k)?.as_str())
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_string)
}

/// The rules' outlet for the item's own link or text wins over the feed's title.
fn place_outlet(draft: &mut Draft, feed_title: Option<&str>, classifier: &Classifier) {
    let text: String = draft
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let placement = classifier.classify(&Evidence {
        outlet: None,
        url: draft.meta.url.as_deref(),
        text: &text,
    });
    draft.meta.outlet = placement.outlet.or_else(|| feed_title.map(str::to_string));
}

/// `guid` slug (its last meaningful part, for URLs and tag URIs) or the item's number.
fn item_suffix(guid: &str, index: usize) -> String {
    let last = guid
        .trim_end_matches('/')
        .rsplit(['/', ':', '?', '=', '#'])
        .find(|part| !part.is_empty())
        .unwrap_or("");
    let slug: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(48).collect();
    if slug.is_empty() {
        (index + 1).to_string()
    } else {
        slug
    }
}

fn looks_like_html(text: &str) -> bool {
    ["</", "<p", "<br", "<div", "<li"]
        .iter()
        .any(|tag| text.contains(tag))
}

fn blocks_of(body: &str, plain_text: bool) -> Vec<RawBlock> {
    if plain_text {
        plain::parse(body)
    } else {
        blocks_from_html(body)
    }
}

/// A title may be HTML (Atom `type="html"`, escaped entities in RSS).
fn plain_title(title: &str) -> String {
    blocks_from_html(title)
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_of(text: &Text) -> String {
    plain_title(&text.content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_suffixes_come_from_guids_or_numbers() {
        assert_eq!(
            item_suffix("https://en.yna.co.kr/view/AEN20251029000300315", 0),
            "aen20251029000300315"
        );
        assert_eq!(item_suffix("tag:example.com,2025:item-7", 0), "item-7");
        assert_eq!(
            item_suffix("https://example.com/news/2025/10/summit-ends/", 0),
            "summit-ends"
        );
        assert_eq!(item_suffix("https://example.com/?p=1234", 0), "1234");
        assert_eq!(item_suffix("", 2), "3");
        assert_eq!(item_suffix("///", 0), "1");
    }

    #[test]
    fn archiver_items_are_told_from_wordpress_posts() {
        let item: Value =
            serde_json::json!({"title": "T", "link": "https://x.test/a", "description": "D"});
        assert!(looks_like_item(&item));
        let post: Value = serde_json::json!({"title": {"rendered": "T"}, "link": "https://x.test/a", "content": {"rendered": "<p>B</p>"}});
        assert!(!looks_like_item(&post));
        let no_link: Value = serde_json::json!({"title": "T", "content": "B"});
        assert!(!looks_like_item(&no_link));
    }
}
