//! Hostile input, as an attacker would send it: every file here is generated at run time (the
//! giant ones are never committed). Each must give a warning naming the file while the other
//! files of the corpus still load, and nothing it carries may reach the output. Time and memory
//! are measured outside the tests (README "Limits"); these only check behaviour.

use parallax::text::sanitize::is_clean;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "A Good Headline About the Summit\nOct. 28, 2025\nThe leaders met in Tokyo on Tuesday and agreed to deepen their alliance, officials said.\n";

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env(
            "XDG_STATE_HOME",
            std::env::temp_dir().join("parallax-hostile-state"),
        )
        .env(
            "PARALLAX_DATA_DIR",
            std::env::temp_dir().join("parallax-hostile-data"),
        )
        .output()
        .expect("the binary runs")
}

/// `check` over good.txt and one hostile file: the warning line names the file and says
/// `expected`; good.txt still loads; the process ends normally.
fn check_with(name: &str, bad: &[u8], expected: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    std::fs::write(dir.path().join(name), bad).expect("write");
    check_dir(dir.path(), name, expected)
}

fn check_dir(dir: &Path, name: &str, expected: &str) -> String {
    let output = parallax(&["check", dir.to_str().expect("utf-8 path")]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.code().is_some(), "killed by a signal: {text}");
    let named = text
        .lines()
        .filter(|l| l.contains(name))
        .find(|l| l.contains(expected));
    assert!(
        named.is_some(),
        "no warning for {name} saying {expected:?}:\n{text}"
    );
    // good.txt loads whatever the hostile file did (and the hostile one may add more).
    assert!(
        output.status.success() && !text.contains("\n0 article(s) loaded"),
        "good.txt did not load:\n{text}"
    );
    text
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn html_page_nested_ten_thousand_deep() {
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}</body></html>",
        nested(
            "<div>",
            "</div>",
            10_000,
            "<p>Text at the bottom of the well, said officials on Tuesday.</p>"
        )
    );
    check_with(
        "deep.html",
        page.as_bytes(),
        "nested deeper than 256 levels",
    );
}

#[test]
fn html_page_nested_a_hundred_thousand_deep() {
    let page = format!(
        "<html><body>{}</body></html>",
        nested("<div>", "", 100_000, "Deep text.")
    );
    check_with(
        "deeper.html",
        page.as_bytes(),
        "nested deeper than 256 levels",
    );
}

#[test]
fn html_page_of_too_many_tags() {
    let page = format!(
        "<html><body>{}</body></html>",
        "<span>a</span>".repeat(100_000)
    );
    check_with("many.html", page.as_bytes(), "beyond the first 60000");
}

#[test]
fn wordpress_post_nested_deep() {
    let content = nested(
        "<div>",
        "</div>",
        10_000,
        "<p>Body of the post, long enough to read.</p>",
    );
    let post =
        serde_json::json!({"title": {"rendered": "Deep post"}, "content": {"rendered": content}});
    check_with(
        "deep.json",
        post.to_string().as_bytes(),
        "nested deeper than 256 levels",
    );
}

#[test]
fn json_feed_item_nested_deep() {
    let content = nested("<b>", "</b>", 10_000, "Body of the item.");
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Feed",
        "items": [{"id": "1", "title": "Deep item", "content_html": content}]
    });
    check_with(
        "deep-feed.json",
        feed.to_string().as_bytes(),
        "nested deeper than 256 levels",
    );
}

#[test]
fn rss_item_nested_deep() {
    // The item's HTML is escaped inside the XML, as feeds serve it.
    let content = nested("&lt;div&gt;", "&lt;/div&gt;", 10_000, "Body of the item.");
    let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Deep</title><description>{content}</description></item></channel></rss>");
    check_with("deep.rss", rss.as_bytes(), "nested deeper than 256 levels");
}

#[test]
fn rss_feed_xml_nested_deep() {
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item><title>Deep</title><description>x</description>{}</item></channel></rss>",
        nested("<x>", "</x>", 10_000, "")
    );
    check_with(
        "deep-xml.rss",
        rss.as_bytes(),
        "nested deeper than 256 levels",
    );
}

#[test]
fn feed_of_a_hundred_thousand_items() {
    let item =
        "<item><title>Same</title><description>Same text in every item.</description></item>";
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{}</channel></rss>",
        item.repeat(100_000)
    );
    let text = check_with("big.rss", rss.as_bytes(), "items, over the limit of 2000");
    let lines = text.lines().filter(|l| l.contains("big.rss")).count();
    assert!(
        lines <= 25,
        "{lines} lines name big.rss: warnings are not capped"
    );
}

#[test]
fn link_to_an_endless_proc_file_is_read_only_to_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    // stat says 0 bytes; reading would go on for terabytes.
    std::os::unix::fs::symlink("/proc/self/pagemap", dir.path().join("proc.txt")).expect("link");
    check_dir(dir.path(), "proc.txt", "over the 32 MB limit");
}

#[test]
fn bare_json_scalars_are_refused() {
    check_with(
        "string.json",
        b"\"just a string\"",
        "JSON is a single value",
    );
    check_with("number.json", b"42\n", "JSON is a single value");
    check_with("null.json", b"null", "JSON is a single value");
}

#[test]
fn non_utf8_manifest_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    std::fs::write(
        dir.path().join("manifest.toml"),
        b"[stories.a]\ntitle = \"\xff\xfe\"\n",
    )
    .expect("write");
    check_dir(dir.path(), "manifest.toml", "not UTF-8");
}

#[test]
fn twenty_megabyte_single_line_is_cut() {
    let line = "word ".repeat(4 * 1024 * 1024);
    let text = format!("Headline\n{line}.\n");
    check_with(
        "line.txt",
        text.as_bytes(),
        "paragraph(s) longer than 50000 characters cut",
    );
}

#[test]
fn a_panicking_parser_loses_only_its_own_file() {
    struct Panics;
    impl parallax::ingest::html::HtmlExtractor for Panics {
        fn extract(&self, _: &str) -> parallax::ingest::draft::Draft {
            panic!("extractor bug")
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    std::fs::write(
        dir.path().join("page.html"),
        "<html><body><p>x</p></body></html>",
    )
    .expect("write");
    let ingestor = parallax::ingest::Ingestor {
        html: &Panics,
        ..parallax::ingest::Ingestor::default()
    };
    let corpus = ingestor.load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 1, "good.txt still loads");
    assert!(corpus
        .warnings
        .iter()
        .any(|w| w.file.ends_with("page.html") && w.message.contains("internal error")));
}

#[test]
fn compare_on_a_thousand_identical_short_items_finishes() {
    let items: Vec<serde_json::Value> = (0..1000)
        .map(|i| serde_json::json!({"id": i.to_string(), "title": "Summit", "content_text": "Leaders met in Tokyo.", "date_published": "2025-10-28T00:00:00Z"}))
        .collect();
    let feed = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": items});
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("items.json"), feed.to_string()).expect("write");
    let output = parallax(&[
        "compare",
        dir.path().to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report["story"]["articles"], 1000,
        "the story keeps its size"
    );
    assert_eq!(
        report["limits"][0],
        "1000 articles: 40 of them analysed (at most 40 per story, taken in turn from each perspective)"
    );
    let mut aligned: Vec<&str> = report["aligned"]
        .as_array()
        .expect("aligned")
        .iter()
        .flat_map(|g| g.as_array().expect("group"))
        .map(|b| b["article"].as_str().expect("id"))
        .collect();
    aligned.sort_unstable();
    aligned.dedup();
    assert!(
        !aligned.is_empty() && aligned.len() <= 40,
        "{}",
        aligned.len()
    );
}

#[test]
fn compare_on_two_thousand_paragraph_articles_finishes() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Worded differently, so neither is a near-copy of the other (copies leave the story).
    type Wording = fn(usize) -> String;
    let wordings: [(&str, &str, Wording); 2] = [
        ("a.md", "Kyodo News", |i| {
            format!("The delegation number {i} discussed tariffs, shipbuilding and {} billion dollars of investment in Tokyo.", i % 97)
        }),
        ("b.md", "Yonhap", |i| {
            format!("Officials said round {i} of the talks covered tariffs and shipbuilding, with {} billion dollars pledged.", i % 97)
        }),
    ];
    for (name, outlet, wording) in wordings {
        let paragraphs: String = (0..1000).map(|i| format!("{}\n\n", wording(i))).collect();
        let text = format!("---\ntitle: Summit talks\noutlet: {outlet}\ndate: 2025-10-28\nstory: s\n---\n{paragraphs}");
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let output = parallax(&[
        "compare",
        dir.path().to_str().expect("utf-8"),
        "--story",
        "s",
        "--format",
        "json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // 1,000 paragraphs each: 2·n² ≤ 500,000 gives n = 500.
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report["limits"][0],
        "long articles: only the first 500 block(s) of each aligned (at most 500000 block comparisons per story)"
    );
    for group in report["aligned"].as_array().expect("aligned") {
        for block in group.as_array().expect("group") {
            assert!(block["block"].as_u64().expect("block") < 500);
        }
    }
}

/// Escape sequences, C1, bidi and invisible characters, as they would be planted in a field.
const NASTY: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{61c}\u{e0041}\u{180e}\u{ad}\u{85}\u{200b}\u{1b}]8;;http://evil\u{1b}\\";

fn toml_escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || !c.is_ascii() {
                format!("\\U{:08X}", c as u32)
            } else if c == '\\' {
                "\\\\".into()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Every string in a JSON document, keys too.
fn strings_of(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings_of(v, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings_of(v, out)
        }),
        _ => {}
    }
}

#[test]
fn no_escape_survives_any_command_or_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = NASTY;
    let t = toml_escaped(NASTY);
    std::fs::write(
        dir.path().join("manifest.toml"),
        format!("[stories.s]\ntitle = \"Summit {t}\"\n\n[articles.plain]\nstory = \"s\"\noutlet = \"Outlet {t}\"\n"),
    )
    .expect("write");
    let md = format!("---\ntitle: Leaders meet {n}\noutlet: Kyodo {n}\nurl: https://x.test/{n}\nbyline: By {n}\ndate: 2025-10-28\nstory: s\n---\n# Heading {n}\n\nThe leaders met in Tokyo on Tuesday {n} and agreed to deepen the alliance, officials said.\n\n\"We agreed on $550 billion {n},\" the prime minister said.\n");
    std::fs::write(
        dir.path().join(format!("name{}.md", n.replace('/', "_"))),
        md,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("plain.txt"),
        format!("Leaders meet in Tokyo {n}\nOct. 28, 2025\nThe leaders met in Tokyo on Tuesday and agreed to deepen their alliance {n}, officials said.\n"),
    )
    .expect("write");
    let post = serde_json::json!({
        "id": 7, "link": format!("https://wp.test/{n}"),
        "title": {"rendered": format!("Summit post {n}")},
        "content": {"rendered": format!("<p>Share on Facebook</p><img src=\"https://img.test/{n}.jpg\" alt=\"{n}\"><p>The leaders met in Tokyo on Tuesday {n} and agreed to deepen their alliance, officials said.</p>")}
    });
    std::fs::write(dir.path().join("post.json"), post.to_string()).expect("write");
    std::fs::write(
        dir.path().join("keys.json"),
        format!("{{\"{n}\": 1, \"other{n}\": 2}}"),
    )
    .expect("write");
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).expect("dir");
    std::fs::write(
        broken.join("manifest.toml"),
        format!("[stories.s]\ntitle = \"{n}\n"),
    )
    .expect("write");
    std::fs::write(broken.join("x.txt"), GOOD).expect("write");
    // The config lives outside the corpus folder, so it is read as a config, never as an article.
    let config_dir = tempfile::tempdir().expect("temp dir");
    let config = config_dir.path().join("config.toml");
    std::fs::write(&config, format!("[keys]\n\"act{t}\" = [\"j\"]\n")).expect("write");

    let d = dir.path().to_str().expect("utf-8");
    let list = parallax(&["list", d, "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_slice(&list.stdout).expect("list json");
    let ids: Vec<String> = listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|a| a["id"].as_str().map(str::to_string))
        .collect();
    assert!(ids.len() >= 3, "{listed}");
    let mut runs: Vec<Vec<String>> = Vec::new();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for f in ["table", "json"] {
        runs.push(s(&["list", d, "--format", f]));
        runs.push(s(&["stories", d, "--format", f]));
        runs.push(s(&["topics", d, "--format", f, "--blocks"]));
        runs.push(s(&["coverage", d, "--format", f]));
        for id in &ids {
            runs.push(s(&["align", id, d, "--format", f]));
        }
    }
    for f in ["markdown", "json", "html"] {
        runs.push(s(&["compare", d, "--story", "s", "--format", f]));
        runs.push(s(&["compare", d, "--format", f]));
    }
    for id in &ids {
        for f in ["text", "json"] {
            runs.push(s(&["show", id, d, "--format", f, "--dropped"]));
        }
        runs.push(s(&["show", &format!("{id}{n}"), d]));
    }
    runs.push(s(&["check", d]));
    runs.push(s(&["check", broken.to_str().expect("utf-8")]));
    runs.push(s(&["--config", config.to_str().expect("utf-8"), "list", d]));
    runs.push(s(&["align", &format!("no-such{n}"), d]));
    let mut printed_bytes = 0;
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = parallax(&args);
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8(bytes.clone()).expect("utf-8 output");
            assert!(
                is_clean(&text),
                "{args:?} {stream} carries a forbidden character: {text:?}"
            );
            // JSON escapes a control character as \u001b: decode and look at the strings too.
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                let mut strings = Vec::new();
                strings_of(&value, &mut strings);
                for s in strings {
                    assert!(is_clean(&s), "{args:?}: JSON string {s:?}");
                    assert!(!s.contains("52;c") && !s.contains("[2J"), "{args:?}: {s:?}");
                }
            }
            assert!(
                !text.contains("52;c;") && !text.contains("[2J") && !text.contains("8;;http"),
                "{args:?} {stream}: remains of a sequence: {text}"
            );
            printed_bytes += text.len();
        }
    }
    assert!(
        printed_bytes > 10_000,
        "the commands printed little: the corpus did not load"
    );
}

#[test]
fn links_and_special_files_in_a_folder_neither_loop_nor_stop_the_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("good.txt"), GOOD).expect("write");
    std::fs::create_dir(root.join("inner")).expect("mkdir");
    let other = GOOD
        .replace("Tokyo", "Seoul")
        .replace("Good Headline", "Second Headline");
    std::fs::write(root.join("inner/second.txt"), other).expect("write");
    // A link to its own parent folder would walk forever if folder links were followed.
    std::os::unix::fs::symlink(root, root.join("inner/loop")).expect("link");
    // A link to a file is read like the file (as a second copy of it).
    std::os::unix::fs::symlink(root.join("good.txt"), root.join("alias.txt")).expect("link");
    std::os::unix::fs::symlink(root.join("missing.txt"), root.join("dangling.txt")).expect("link");
    let fifo = root.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let text = check_dir(root, "dangling.txt", "cannot open");
    assert!(text.contains("3 article(s) loaded"), "{text}");
    if made.is_ok_and(|s| s.success()) {
        assert!(
            text.lines()
                .any(|l| l.contains("pipe.txt") && l.contains("not a regular file or folder")),
            "{text}"
        );
    }
}
