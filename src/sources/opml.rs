//! Subscription lists from other readers: OPML (every feed reader exports it) and newsboat's
//! `urls` file (`URL tag "tag with spaces" ~Title`), and OPML out again.

use super::subscriptions::{check_url, Subscription};
use crate::text::sanitize::clean_line;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

/// Outlines nested deeper than this are not read (a hostile file could nest forever).
const MAX_OUTLINE_DEPTH: usize = 32;

/// What an import found: the feeds and a note for every line or outline skipped.
#[derive(Debug, Default)]
pub struct Imported {
    pub feeds: Vec<Subscription>,
    pub skipped: Vec<String>,
}

/// OPML when the file looks like XML, else a newsboat `urls` file.
pub fn import(text: &str) -> Result<Imported, String> {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('<') {
        parse_opml(text)
    } else {
        Ok(parse_newsboat(text))
    }
}

/// `<outline xmlUrl=… title=… category=…>`; enclosing outlines without a feed are folders,
/// and their names become tags.
pub fn parse_opml(text: &str) -> Result<Imported, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut imported = Imported::default();
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| clean_line(&format!("not readable OPML: {e}")))?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref().eq_ignore_ascii_case("opml") =>
            {
                saw_opml = true;
            }
            Event::Start(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                let folder = outline(&e, &folders, &mut imported);
                if folders.len() < MAX_OUTLINE_DEPTH {
                    folders.push(folder);
                } else {
                    return Err(format!(
                        "outlines nested deeper than {MAX_OUTLINE_DEPTH} levels; not read"
                    ));
                }
            }
            Event::Empty(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                outline(&e, &folders, &mut imported);
            }
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("XML without an <opml> element: not an OPML file".into());
    }
    Ok(imported)
}

/// Read one outline: a feed is added; a folder's name is returned for its children's tags.
fn outline(e: &BytesStart, folders: &[Option<String>], imported: &mut Imported) -> Option<String> {
    let attr = |name: &str| -> Option<String> {
        e.attributes().flatten().find_map(|a| {
            let key = a.key.local_name().as_ref().to_ascii_lowercase();
            (key == name.to_ascii_lowercase())
                .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
                .flatten()
                .map(|v| clean_line(v.trim()))
                .filter(|v| !v.is_empty())
        })
    };
    let name = attr("title").or_else(|| attr("text"));
    let Some(url) = attr("xmlUrl") else {
        return name;
    };
    if let Err(why) = check_url(&url) {
        imported
            .skipped
            .push(format!("outline {}: {why}", name.unwrap_or_default()));
        return None;
    }
    let mut sub = Subscription::new(&url);
    sub.outlet = name;
    sub.tags = folders.iter().flatten().cloned().collect();
    if let Some(categories) = attr("category") {
        for tag in categories
            .split([',', '/'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !sub.tags.iter().any(|t| t == tag) {
                sub.tags.push(tag.to_string());
            }
        }
    }
    sub.perspective = attr("parallaxPerspective");
    sub.full_text = attr("parallaxFullText").is_some_and(|v| v == "true");
    imported.feeds.push(sub);
    None
}

/// newsboat's `urls`: one feed per line, then tags; `"quoted tags"` may hold spaces, `~Name`
/// names the feed, `!` hides it (imported anyway). `query:`, `exec:` and `filter:` lines are
/// newsboat's own machinery and are skipped: parallax never runs a command from a file.
pub fn parse_newsboat(text: &str) -> Imported {
    let mut imported = Imported::default();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = split_quoted(line);
        let Some((url, rest)) = words.split_first() else {
            continue;
        };
        if let Err(why) = check_url(url) {
            imported.skipped.push(format!("line {}: {why}", number + 1));
            continue;
        }
        let mut sub = Subscription::new(url);
        for word in rest {
            if let Some(title) = word.strip_prefix('~') {
                sub.outlet = Some(clean_line(title)).filter(|t| !t.is_empty());
            } else if *word != "!" {
                sub.tags.push(clean_line(word));
            }
        }
        imported.feeds.push(sub);
    }
    imported
}

/// Words split at spaces, `"double quoted"` words kept whole.
fn split_quoted(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// OPML 2.0 of the subscriptions; the perspective and full-text flag ride along in attributes
/// other readers ignore, so an export imports back whole.
pub fn export(feeds: &[Subscription]) -> String {
    use quick_xml::escape::escape;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>parallax subscriptions</title>\n  </head>\n  <body>\n",
    );
    for feed in feeds {
        let url = clean_line(&feed.url);
        let name = feed.outlet.as_deref().map_or(url.clone(), clean_line);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
            escape(name.as_str()),
            escape(url.as_str())
        ));
        if !feed.tags.is_empty() {
            let tags: Vec<String> = feed.tags.iter().map(|t| clean_line(t)).collect();
            out.push_str(&format!(
                " category=\"{}\"",
                escape(tags.join(",").as_str())
            ));
        }
        if let Some(p) = &feed.perspective {
            out.push_str(&format!(
                " parallaxPerspective=\"{}\"",
                escape(clean_line(p).as_str())
            ));
        }
        if feed.full_text {
            out.push_str(" parallaxFullText=\"true\"");
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_folders_become_tags() {
        let text = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="Korea">
    <outline text="Yonhap &amp; Co" type="rss" xmlUrl="https://en.yna.co.kr/RSS/news.xml" category="wire,asia"/>
  </outline>
  <outline text="NHK" xmlUrl="https://www3.nhk.or.jp/rss/news/cat0.xml"></outline>
  <outline text="bad" xmlUrl="javascript:alert(1)"/>
</body></opml>"#;
        let imported = import(text).expect("opml");
        assert_eq!(imported.feeds.len(), 2);
        let yonhap = &imported.feeds[0];
        assert_eq!(yonhap.outlet.as_deref(), Some("Yonhap & Co"));
        assert_eq!(yonhap.tags, vec!["Korea", "wire", "asia"]);
        assert_eq!(imported.feeds[1].tags, Vec::<String>::new());
        assert_eq!(imported.skipped.len(), 1);
        assert!(
            imported.skipped[0].contains("not an http"),
            "{:?}",
            imported.skipped
        );
    }

    #[test]
    fn newsboat_urls_with_quoted_tags_titles_and_queries() {
        let text = "# my feeds\nhttps://www.japantimes.co.jp/feed/ japan \"daily news\" ~JapanTimes\n\n\"query:unread:unread = \\\"yes\\\"\"\nexec:~/bin/feed.sh\nhttp://x.test/rss !\n";
        let imported = import(text).expect("urls");
        assert_eq!(imported.feeds.len(), 2);
        let jt = &imported.feeds[0];
        assert_eq!(jt.tags, vec!["japan", "daily news"]);
        assert_eq!(jt.outlet.as_deref(), Some("JapanTimes"));
        assert!(imported.feeds[1].tags.is_empty());
        assert_eq!(imported.skipped.len(), 2, "{:?}", imported.skipped);
    }

    #[test]
    fn export_imports_back_whole() {
        let mut a = Subscription::new("https://x.test/feed?a=1&b=2");
        a.outlet = Some("X \"News\" <Seoul>".into());
        a.tags = vec!["korea".into(), "daily".into()];
        a.perspective = Some("korean".into());
        a.full_text = true;
        let b = Subscription::new("https://y.test/rss");
        let text = export(&[a.clone(), b.clone()]);
        let back = import(&text).expect("own export");
        let mut b_named = b;
        b_named.outlet = Some("https://y.test/rss".into());
        assert_eq!(back.feeds, vec![a, b_named]);
    }

    #[test]
    fn xml_that_is_not_opml_is_refused() {
        assert!(import("<rss><channel/></rss>").is_err());
        assert!(import("<opml><body><outline").is_err());
    }
}
