//! JSON inputs: WordPress REST API posts (one object or an array), including the broken JSON
//! real copies come in: raw newlines inside strings and documents cut off mid-way.

use super::draft::{Draft, Meta};
use super::html::blocks_from_html;
use crate::model::Format;
use serde_json::Value;

/// Parse JSON leniently. Returns the value and, when the text had to be repaired, what was
/// wrong with it.
pub fn parse_lenient(text: &str) -> Result<(Value, Vec<String>), String> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok((value, Vec::new()));
    }
    let repair = repair(text);
    let mut notes = Vec::new();
    if repair.raw_controls > 0 {
        notes.push(format!(
            "invalid JSON: {} raw control character(s) inside strings were escaped",
            repair.raw_controls
        ));
    }
    if repair.truncated {
        notes.push(format!(
            "truncated: the JSON ends mid-document after {} bytes; recovered what was there",
            text.len()
        ));
    }
    match serde_json::from_str::<Value>(&repair.text) {
        Ok(value) => Ok((value, notes)),
        Err(e) if e.to_string().contains("recursion limit") => Err(format!(
            "JSON nested deeper than {} levels; skipped",
            super::limits::MAX_JSON_DEPTH
        )),
        Err(e) => Err(format!("invalid JSON that could not be repaired: {e}")),
    }
}

struct Repair {
    text: String,
    raw_controls: usize,
    truncated: bool,
}

/// Escape raw control characters inside strings, then close whatever a truncated document
/// left open: a string (dropping a half-written escape), a key without a value, arrays and
/// objects.
fn repair(text: &str) -> Repair {
    let mut out = String::with_capacity(text.len() + 16);
    let mut stack: Vec<char> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut raw_controls = 0;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
                out.push(c);
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                c if (c as u32) < 0x20 => {
                    raw_controls += 1;
                    match c {
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        other => out.push_str(&format!("\\u{:04x}", other as u32)),
                    }
                }
                c => out.push(c),
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => stack.push('}'),
            '[' => stack.push(']'),
            '}' | ']' => {
                stack.pop();
            }
            _ => {}
        }
        out.push(c);
    }
    let truncated = in_string || !stack.is_empty();
    if in_string {
        if escaped {
            out.pop();
        }
        // A cut inside "\u12" leaves a partial escape: drop it.
        if let Some(pos) = out.rfind("\\u") {
            let tail = &out[pos + 2..];
            if tail.len() < 4 && tail.chars().all(|c| c.is_ascii_hexdigit()) {
                out.truncate(pos);
            }
        }
        out.push('"');
    }
    // Close open containers, completing a dangling key or comma first.
    while let Some(closer) = stack.pop() {
        let trimmed = out.trim_end();
        if trimmed.ends_with(',') {
            let len = trimmed.len() - 1;
            out.truncate(len);
        } else if trimmed.ends_with(':') {
            out.push_str("null");
        } else if closer == '}' && ends_with_key(trimmed) {
            out.push_str(":null");
        }
        out.push(closer);
    }
    Repair {
        text: out,
        raw_controls,
        truncated,
    }
}

/// Whether the object text ends with a string that is a key (preceded by `{` or `,`).
fn ends_with_key(text: &str) -> bool {
    if !text.ends_with('"') {
        return false;
    }
    let body = &text[..text.len() - 1];
    let mut i = body.len();
    let bytes = body.as_bytes();
    while i > 0 {
        i -= 1;
        if bytes[i] == b'"' && (i == 0 || bytes[i - 1] != b'\\') {
            let before = body[..i].trim_end();
            return before.ends_with('{') || before.ends_with(',');
        }
    }
    false
}

/// A WordPress post (or an array of them) as drafts; `Err` says why this JSON is not one.
pub fn wordpress_drafts(value: &Value) -> Result<Vec<Draft>, String> {
    match value {
        Value::Array(items) => {
            let mut drafts: Vec<Draft> = items
                .iter()
                .take(super::limits::MAX_FEED_ITEMS)
                .enumerate()
                .filter_map(|(i, item)| {
                    let mut draft = wordpress_post(item)?;
                    draft.item_suffix = Some(
                        item.get("id")
                            .map(|id| id.to_string().trim_matches('"').to_string())
                            .unwrap_or_else(|| (i + 1).to_string()),
                    );
                    Some(draft)
                })
                .collect();
            if drafts.is_empty() {
                return Err(
                    "JSON array holds no WordPress posts (objects with title and content)".into(),
                );
            }
            if items.len() > super::limits::MAX_FEED_ITEMS {
                drafts[0].warnings.push(format!(
                    "{} posts, over the limit of {}: only the first ones read",
                    items.len(),
                    super::limits::MAX_FEED_ITEMS
                ));
            }
            Ok(drafts)
        }
        Value::Object(_) => wordpress_post(value)
            .map(|d| vec![d])
            .ok_or_else(|| not_wordpress(value)),
        _ => Err("JSON is a single value, not an article or a list of articles; skipped".into()),
    }
}

fn not_wordpress(value: &Value) -> String {
    let keys: Vec<&str> = value
        .as_object()
        .map(|o| o.keys().map(String::as_str).take(6).collect())
        .unwrap_or_default();
    format!(
        "JSON is not a WordPress post or a feed: expected fields \"title\" and \"content\", found {}",
        if keys.is_empty() {
            "none".to_string()
        } else {
            keys.join(", ")
        }
    )
}

/// `{"title": {"rendered"}, "content": {"rendered"}, "date", "link", ...}`.
fn wordpress_post(post: &Value) -> Option<Draft> {
    let rendered = |field: &str| -> Option<String> {
        match post.get(field)? {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("rendered")?.as_str().map(str::to_string),
            _ => None,
        }
    };
    let content = rendered("content")?;
    let title = rendered("title")?;
    let mut draft = Draft::new(Format::WordpressJson, blocks_from_html(&content));
    let title_text = crate::text::sanitize::clean_line(&html_text(&title));
    draft.meta = Meta {
        title: (!title_text.is_empty()).then_some(title_text),
        url: post
            .get("link")
            .and_then(Value::as_str)
            .or_else(|| {
                post.get("guid")
                    .and_then(|g| g.get("rendered"))
                    .and_then(Value::as_str)
            })
            .map(str::to_string),
        date: wordpress_date(post),
        ..Meta::default()
    };
    if let Some(excerpt) = rendered("excerpt") {
        draft.extra_text.push_str(&html_text(&excerpt));
    }
    Some(draft)
}

/// WordPress gives local time in `date` and UTC in `date_gmt`: together they give the offset.
fn wordpress_date(post: &Value) -> Option<String> {
    let local = post.get("date").and_then(Value::as_str)?;
    let parse = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
    let Some(local_time) = parse(local) else {
        return Some(local.to_string());
    };
    let offset = post
        .get("date_gmt")
        .and_then(Value::as_str)
        .and_then(parse)
        .map(|gmt| (local_time - gmt).num_minutes());
    Some(match offset {
        Some(minutes) if minutes.abs() <= 14 * 60 => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.abs();
            format!("{local}{sign}{:02}:{:02}", m / 60, m % 60)
        }
        _ => local.to_string(),
    })
}

/// Text of a small HTML snippet (a title), entities decoded.
fn html_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    fragment.root_element().text().collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_json_needs_no_repair() {
        let (value, notes) = parse_lenient(r#"{"a": [1, 2]}"#).expect("valid");
        assert_eq!(value["a"][1], 2);
        assert!(notes.is_empty());
    }

    #[test]
    fn raw_newlines_and_truncation_are_repaired() {
        let text = "{\"title\":{\"rendered\":\"T\"},\"content\":{\"rendered\":\"line one\nline tw";
        let (value, notes) = parse_lenient(text).expect("repaired");
        assert_eq!(value["content"]["rendered"], "line one\nline tw");
        assert_eq!(notes.len(), 2);
        assert!(notes[1].starts_with("truncated"));
    }

    #[test]
    fn cuts_in_awkward_places_are_repaired() {
        for text in [
            r#"{"a":"x\u20"#,
            r#"{"a":"x\"#,
            r#"{"a":1,"#,
            r#"{"a":"#,
            r#"{"a":1,"b""#,
            r#"[{"a":1},{"b":[1,2"#,
        ] {
            assert!(parse_lenient(text).is_ok(), "could not repair {text}");
        }
    }

    #[test]
    fn hopeless_json_is_an_error() {
        assert!(parse_lenient("{]]]").is_err());
    }

    #[test]
    fn wordpress_post_fields() {
        let post: Value = serde_json::json!({
            "date": "2025-02-10T08:00:00", "date_gmt": "2025-02-09T23:00:00",
            "link": "https://koreapro.org/x/",
            "title": {"rendered": "A &amp; B"},
            "content": {"rendered": "<p>Hello.</p>"}
        });
        let drafts = wordpress_drafts(&post).expect("a post");
        assert_eq!(drafts[0].meta.title.as_deref(), Some("A & B"));
        assert_eq!(
            drafts[0].meta.date.as_deref(),
            Some("2025-02-10T08:00:00+09:00")
        );
        assert_eq!(drafts[0].blocks.len(), 1);
    }

    #[test]
    fn other_json_is_named_as_such() {
        let err = wordpress_drafts(&serde_json::json!({"name": "x", "version": 2})).unwrap_err();
        assert!(err.contains("not a WordPress post"), "{err}");
        assert!(err.contains("name, version"), "{err}");
    }
}
