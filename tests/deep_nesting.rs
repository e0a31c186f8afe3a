//! Nesting 10,000 and 100,000 levels deep in every format that nests, parsed on a thread with a
//! 2 MiB stack (the size of the loader's worker threads): nothing recursive may see that
//! depth. Each file must end in a warning naming it, never in a stack overflow (which no
//! `join()` could catch: it aborts the process, so a failure here kills the test binary).

use parallax::ingest::Ingestor;

const DEPTHS: [usize; 2] = [10_000, 100_000];

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Ingest `bytes` as `name` on a small stack: some warning names the file and says
/// `expected`; returns the texts of the articles read.
fn ingest(name: &'static str, bytes: String, expected: &'static str) -> Vec<String> {
    let result =
        on_small_stack(move || Ingestor::default().ingest_file(name, bytes.as_bytes(), None));
    let warnings = warnings_of(name, &result);
    assert!(
        warnings.iter().any(|w| w.contains(expected)),
        "{name}: no warning saying {expected:?}: {warnings:?}"
    );
    result
        .articles
        .iter()
        .map(|a| {
            a.blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect()
}

/// The file's own warnings and its articles' (`check` lists both under the file's name), each
/// short enough to read: a warning never quotes a huge line whole.
fn warnings_of(name: &str, result: &parallax::ingest::FileResult) -> Vec<String> {
    let warnings: Vec<String> = result
        .warnings
        .iter()
        .filter(|w| w.file == name)
        .map(|w| w.message.clone())
        .chain(result.articles.iter().flat_map(|a| a.warnings.clone()))
        .collect();
    for w in &warnings {
        assert!(
            w.chars().count() < 1_000,
            "{name}: a warning of {} chars",
            w.len()
        );
    }
    warnings
}

const CUT: &str = "nested deeper than 256 levels";

#[test]
fn html_page() {
    for depth in DEPTHS {
        let page = format!(
            "<html><head><title>Deep</title></head><body>{}</body></html>",
            nested(
                "<div>",
                "</div>",
                depth,
                "<p>Text at the bottom of the well, said officials.</p>"
            )
        );
        let texts = ingest("deep.html", page, CUT);
        assert!(texts.iter().any(|t| t.contains("bottom of the well")));
    }
}

#[test]
fn html_page_of_unclosed_inline_tags() {
    for depth in DEPTHS {
        let page = format!(
            "<html><body><p>{}Deep text at the end.</p></body></html>",
            "<b><i>".repeat(depth / 2)
        );
        ingest("inline.html", page, CUT);
    }
}

#[test]
fn wordpress_post_html() {
    for depth in DEPTHS {
        let content = nested("<blockquote>", "</blockquote>", depth, "<p>Body.</p>");
        let post =
            serde_json::json!({"title": {"rendered": "Deep"}, "content": {"rendered": content}});
        ingest("deep.json", post.to_string(), CUT);
    }
}

#[test]
fn json_arrays_and_objects() {
    for depth in DEPTHS {
        ingest(
            "arrays.json",
            nested("[", "]", depth, "1"),
            "nested deeper than 128 levels",
        );
        ingest(
            "objects.json",
            nested("{\"a\":", "}", depth, "1"),
            "nested deeper than 128 levels",
        );
        // Cut off, so the repair closes 100,000 brackets itself.
        ingest(
            "cut.json",
            "{\"content\":".repeat(depth),
            "nested deeper than 128 levels",
        );
        ingest(
            "lines.ndjson",
            format!(
                "{{\"title\":\"a\",\"content\":\"b\"}}\n{}",
                nested("[", "]", depth, "")
            ),
            "",
        );
    }
}

#[test]
fn json_feed_item_html() {
    for depth in DEPTHS {
        let feed = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Feed",
            "items": [{"id": "1", "title": "Deep", "content_html": nested("<ul><li>", "</li></ul>", depth, "x")}]
        });
        ingest("feed.json", feed.to_string(), CUT);
    }
}

#[test]
fn rss_item_html_and_xml() {
    for depth in DEPTHS {
        let escaped = nested("&lt;div&gt;", "&lt;/div&gt;", depth, "Body of the item.");
        let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Deep</title><description>{escaped}</description></item></channel></rss>");
        ingest("html.rss", rss, CUT);
        let rss = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Deep</title><description>x</description>{}</item></channel></rss>",
            nested("<x>", "</x>", depth, "")
        );
        ingest("xml.rss", rss, CUT);
    }
}

#[test]
fn atom_xml() {
    for depth in DEPTHS {
        let atom = format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><title>Deep</title><content type=\"xhtml\">{}</content></entry></feed>",
            nested("<div xmlns=\"http://www.w3.org/1999/xhtml\">", "</div>", depth, "Body.")
        );
        ingest("deep.atom", atom, CUT);
    }
}

#[test]
fn markdown_quotes_and_lists() {
    for depth in DEPTHS {
        // Line-based: nothing to overflow, the text is read.
        let quotes = format!("# Deep\n\n{} Quoted text.\n", ">".repeat(depth));
        let result = on_small_stack(move || {
            Ingestor::default().ingest_file("q.md", quotes.as_bytes(), None)
        });
        assert_eq!(result.articles.len(), 1);
        let list: String = (0..depth.min(20_000))
            .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
            .collect();
        let result =
            on_small_stack(move || Ingestor::default().ingest_file("l.md", list.as_bytes(), None));
        assert_eq!(result.articles.len(), 1);
    }
}

/// TOML: the manifest, front matter and the config all go through toml_edit, which refuses
/// more than 80 levels (`limits::MAX_TOML_DEPTH`) with an error.
#[test]
fn toml_manifest_front_matter_and_config() {
    for depth in DEPTHS {
        let arrays = format!("[stories.a]\ntitle = {}\n", nested("[", "]", depth, "1"));
        let tables = format!("x = {}\n", nested("{a = ", "}", depth, "1"));
        let dotted = format!("{} = 1\n", vec!["a"; depth].join("."));
        for text in [arrays, tables, dotted] {
            let t = text.clone();
            let manifest =
                on_small_stack(move || parallax::ingest::manifest::Manifest::parse(&t).is_err());
            assert!(manifest, "a manifest that deep is an error");
            let t = text.clone();
            let config = on_small_stack(move || {
                parallax::config::parse(std::path::Path::new("c.toml"), &t).is_err()
            });
            assert!(config, "a config that deep is an error");
            let front = format!("+++\n{text}+++\n# Title\n\nBody text of the article.\n");
            let result = on_small_stack(move || {
                Ingestor::default().ingest_file("front.md", front.as_bytes(), None)
            });
            assert_eq!(result.articles.len(), 1, "the body still loads");
            let warnings = warnings_of("front.md", &result);
            assert!(
                warnings.iter().any(|w| w.contains("front matter ignored")),
                "{warnings:?}"
            );
        }
    }
}
