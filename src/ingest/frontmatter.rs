//! Markdown front matter: `---` YAML-style `key: value` lines or `+++` TOML, at the top of
//! the file. Its fields override what the text says.

use super::draft::Meta;

/// Split front matter from the body. Returns `(meta, body, warning)`; without front matter the
/// whole text is the body.
pub fn split(text: &str) -> (Option<Meta>, &str, Option<String>) {
    let trimmed = text.trim_start_matches(['\n', ' ']);
    for fence in ["---", "+++"] {
        let Some(rest) = trimmed.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('\n') else {
            continue;
        };
        let closing = format!("\n{fence}");
        // Where the header ends, and where the closing fence line starts after it.
        let Some((end, fence_start)) = rest
            .find(&closing)
            .map(|at| (at, at + 1))
            .or_else(|| rest.starts_with(fence).then_some((0, 0)))
        else {
            return (
                None,
                text,
                Some(format!(
                    "front matter opened with {fence} is never closed; read as text"
                )),
            );
        };
        let header = &rest[..end];
        // Past the fence itself: the rest of its line may be any text, multi-byte included.
        let body_start = fence_start + fence.len();
        let body = rest[body_start..]
            .trim_start_matches(|c| c != '\n')
            .trim_start_matches('\n');
        let parsed = if fence == "+++" {
            parse_toml(header)
        } else {
            Ok(parse_yaml_like(header))
        };
        return match parsed {
            Ok(meta) => (Some(meta), body, None),
            Err(e) => (None, body, Some(format!("front matter ignored: {e}"))),
        };
    }
    (None, text, None)
}

fn parse_toml(header: &str) -> Result<Meta, String> {
    let table: toml::Table =
        toml::from_str(header).map_err(|e| super::manifest::describe_toml_error(header, &e))?;
    Ok(meta_from_pairs(table.iter().map(|(k, v)| {
        let value = match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            other => other.to_string(),
        };
        (k.as_str(), value)
    })))
}

/// Flat `key: value` pairs, quotes removed. Nested YAML is not needed for article metadata.
fn parse_yaml_like(header: &str) -> Meta {
    meta_from_pairs(header.lines().filter_map(|line| {
        if line.starts_with([' ', '\t', '-', '#']) {
            return None;
        }
        let (key, value) = line.split_once(':')?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Some((key.trim(), value.to_string()))
    }))
}

fn meta_from_pairs<'a>(pairs: impl Iterator<Item = (&'a str, String)>) -> Meta {
    let mut meta = Meta::default();
    for (key, value) in pairs {
        if value.is_empty() {
            continue;
        }
        let value = Some(value);
        match key.to_ascii_lowercase().as_str() {
            "title" | "headline" => meta.title = value,
            "outlet" | "source" | "publisher" | "site" => meta.outlet = value,
            "perspective" => meta.perspective = value,
            "language" | "lang" => meta.language = value,
            "date" | "published" | "pubdate" => meta.date = value,
            "url" | "link" | "canonical" => meta.url = value,
            "byline" | "author" | "authors" => meta.byline = value,
            "dateline" => meta.dateline = value,
            "story" => meta.story = value,
            "year" => meta.year = value.and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: \"Hello: World\"\noutlet: Yonhap\nstory: s1\ntags:\n  - a\n---\nBody line.\n";
        let (meta, body, warning) = split(text);
        let meta = meta.expect("meta");
        assert_eq!(meta.title.as_deref(), Some("Hello: World"));
        assert_eq!(meta.outlet.as_deref(), Some("Yonhap"));
        assert_eq!(meta.story.as_deref(), Some("s1"));
        assert_eq!(body, "Body line.\n");
        assert!(warning.is_none());
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-10-28\nperspective = \"wire\"\n+++\nBody.";
        let (meta, body, _) = split(text);
        let meta = meta.expect("meta");
        assert_eq!(meta.date.as_deref(), Some("2025-10-28"));
        assert_eq!(meta.perspective.as_deref(), Some("wire"));
        assert_eq!(body, "Body.");
    }

    #[test]
    fn bad_or_unclosed_front_matter_warns() {
        let (meta, _, warning) = split("+++\ntitle = \n+++\nBody");
        assert!(meta.is_none());
        assert!(warning.unwrap().starts_with("front matter ignored"));
        let (meta, body, warning) = split("---\ntitle: x\nno end");
        assert!(meta.is_none());
        assert_eq!(body, "---\ntitle: x\nno end");
        assert!(warning.unwrap().contains("never closed"));
    }

    /// Found by fuzzing (fuzz/seeds/manifest/fence-then-multibyte): an empty header closed by a
    /// fence followed by a multi-byte character sliced inside that character.
    #[test]
    fn closing_fence_followed_by_multibyte_text() {
        let text = "+++\n+++\u{2013}Tr\0\0\0\u{15}\0\0s ahe\nBody line.\n";
        let (meta, body, warning) = split(text);
        assert!(meta.is_some(), "{warning:?}");
        assert_eq!(body, "Body line.\n");
        let (_, body, _) = split("---\n---é\nBody.");
        assert_eq!(body, "Body.");
    }

    #[test]
    fn text_without_front_matter_is_untouched() {
        let (meta, body, warning) = split("Just text\n---\nmore");
        assert!(meta.is_none() && warning.is_none());
        assert_eq!(body, "Just text\n---\nmore");
    }
}
