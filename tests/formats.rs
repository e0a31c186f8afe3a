//! Each input format the loader sniffs from content, through the library API.

use parallax::model::id::prefix;

use parallax::ingest::load_paths;
use std::path::Path;

fn load_one(name: &str, text: &str) -> parallax::model::Corpus {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write");
    load_paths(&[dir.path().to_path_buf()])
}

#[test]
fn markdown_front_matter_overrides_what_the_text_says() {
    let corpus = load_one(
        "note.md",
        "---\ntitle: Front matter title\noutlet: Yonhap\nperspective: wire\nstory: summit\ndate: 2025-10-30\n---\n# Heading in text\n\nSEOUL, Oct. 29 (Yonhap) -- The body paragraph of the article with enough words.\n",
    );
    let a = &corpus.articles[0];
    assert_eq!(a.format.as_str(), "markdown");
    assert_eq!(a.title, "Front matter title");
    assert_eq!(a.outlet.as_deref(), Some("Yonhap"));
    assert_eq!(a.perspective, "wire");
    assert_eq!(a.perspective_reason, "set by front matter");
    assert_eq!(a.story.as_deref(), Some("summit"));
    assert_eq!(a.date.as_deref(), Some("2025-10-30"));
    assert_eq!(a.dateline.as_deref(), Some("SEOUL"));
}

#[test]
fn outlet_from_front_matter_places_the_perspective() {
    let corpus = load_one("n.md", "+++\noutlet = \"Asahi Shimbun\"\n+++\nBody text of the piece that is long enough to read.\n");
    assert_eq!(corpus.articles[0].perspective, "japanese");
    assert_eq!(corpus.articles[0].outlet.as_deref(), Some("Asahi Shimbun"));
}

#[test]
fn minimal_html_page_is_sniffed_by_content_not_extension() {
    let corpus = load_one(
        "page.txt",
        "<!DOCTYPE html><html lang=\"ko\"><head><title>정상회담 결과</title><meta property=\"og:site_name\" content=\"Yonhap News Agency\"></head><body><p>한미 정상은 관세 협상을 이어갔다.</p><p>두 번째 문단.</p></body></html>",
    );
    let a = &corpus.articles[0];
    assert_eq!(a.format.as_str(), "html");
    assert_eq!(a.title, "정상회담 결과");
    assert_eq!(a.language.as_deref(), Some("ko"));
    assert_eq!(a.perspective, "korean");
    assert_eq!(a.blocks.len(), 2);
}

#[test]
fn wordpress_array_gives_one_article_per_post_with_suffixed_ids() {
    let corpus = load_one(
        "posts.json",
        r#"[{"id": 7, "title": {"rendered": "One"}, "content": {"rendered": "<p>First post body.</p>"}},
            {"id": 8, "title": {"rendered": "Two"}, "content": {"rendered": "<p>Second post body.</p>"}}]"#,
    );
    let ids: Vec<&str> = corpus.articles.iter().map(|a| prefix(&a.id)).collect();
    assert_eq!(ids, vec!["posts-7", "posts-8"]);
}

#[test]
fn a_folder_manifest_applies_to_its_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("x.txt"),
        "Headline Here\nA body paragraph with some words in it.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("manifest.toml"),
        "[stories.s1]\ntitle = \"Story One\"\n[articles.x]\nperspective = \"japanese\"\nstory = \"s1\"\n",
    )
    .expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(
        corpus.articles.len(),
        1,
        "the manifest itself is not an article"
    );
    let a = &corpus.articles[0];
    assert_eq!(a.perspective, "japanese");
    assert!(
        a.perspective_reason.starts_with("set by ")
            && a.perspective_reason.ends_with("manifest.toml")
    );
    assert_eq!(corpus.stories[0].title, "Story One");
}

#[test]
fn a_broken_manifest_is_a_warning_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("x.txt"),
        "Headline Here\nA body paragraph with some words in it.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("manifest.toml"),
        "[articles.x]\nperspectiv = 3\n",
    )
    .expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 1);
    let w = &corpus.warnings[0];
    assert!(Path::new(&w.file).ends_with("manifest.toml"));
    assert!(w.message.starts_with("manifest ignored"), "{}", w.message);
}

#[test]
fn utf16_and_crlf_text_loads() {
    let text = "Headline Here\r\nA body paragraph with some words in it.\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("w.txt"), bytes).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles[0].title, "Headline Here");
    assert_eq!(
        corpus.articles[0].blocks[0].text,
        "A body paragraph with some words in it."
    );
}

#[test]
fn a_wire_story_republished_is_shown_once_with_also_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = "SEOUL, Oct. 29 (Yonhap) -- South Korea and the United States reached a deal on the details of a tariff agreement on Wednesday, the presidential office said.\n\nUnder the deal, Seoul will invest 200 billion dollars in cash in installments of up to 20 billion dollars a year, while 150 billion dollars goes to shipbuilding cooperation.\n";
    std::fs::write(
        dir.path().join("yonhap.md"),
        format!("---\ntitle: Deal reached\noutlet: Yonhap\nstory: deal\n---\n{body}"),
    )
    .expect("write");
    std::fs::write(dir.path().join("herald.md"), format!("---\ntitle: S. Korea, US reach deal\noutlet: Korea Herald\nstory: deal\n---\n{body}\nMarkets rallied on the news.\n")).expect("write");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = corpus.articles.iter().map(|a| prefix(&a.id)).collect();
    assert_eq!(ids, vec!["herald", "yonhap"]);
    assert_eq!(
        corpus.duplicate_of(0),
        Some(1),
        "the Herald copy credits Yonhap"
    );
    assert_eq!(corpus.also_in(1), &[0]);
    assert_eq!(corpus.stories.len(), 1);
    assert_eq!(
        corpus.stories[0].articles,
        vec![1],
        "the story shows the story once"
    );

    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args([
            "list",
            "--format",
            "json",
            dir.path().to_str().expect("path"),
        ])
        .output()
        .expect("runs");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let stem = |v: &serde_json::Value| prefix(v.as_str().unwrap_or_default()).to_string();
    assert_eq!(stem(&list[0]["duplicate_of"]), "yonhap");
    assert_eq!(list[1]["also_in"].as_array().map(|a| a.len()), Some(1));
    assert_eq!(stem(&list[1]["also_in"][0]), "herald");
    assert!(list[1]["duplicate_of"].is_null());
}

#[test]
fn text_opening_with_a_bracketed_label_is_text_not_json() {
    let corpus = load_one(
        "editorial.txt",
        "[사설] 한미일 정상외교, 실리를 챙겨야\n\n다카이치 총리와 트럼프 대통령의 정상회담은 동맹의 새로운 시대를 예고했다. 우리 정부도 대응을 서둘러야 한다.\n",
    );
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.warnings);
    let a = &corpus.articles[0];
    assert_eq!(a.format.as_str(), "text");
    assert_eq!(a.title, "[사설] 한미일 정상외교, 실리를 챙겨야");
    // A real JSON array after all still loads as JSON.
    let corpus = load_one("posts.txt", "[ {\"title\": {\"rendered\": \"A post\"}, \"content\": {\"rendered\": \"<p>Body text of the post with enough words.</p>\"}} ]");
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.warnings);
    assert_eq!(corpus.articles[0].format.as_str(), "wordpress-json");
}
