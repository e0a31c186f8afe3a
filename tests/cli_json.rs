//! The JSON output is a contract other programs rely on: these tests pin its field names.

use serde_json::Value;
use std::process::Command;

fn json(args: &[&str]) -> Value {
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

const ARTICLE_FIELDS: &[&str] = &[
    "also_in",
    "bookmarked",
    "byline",
    "date",
    "dateline",
    "duplicate_of",
    "format",
    "id",
    "language",
    "note",
    "outlet",
    "perspective",
    "perspective_confidence",
    "perspective_reason",
    "perspective_source",
    "position",
    "read",
    "source",
    "story",
    "story_shown",
    "title",
    "url",
    "warnings",
];

#[test]
fn list_json_has_every_article_field_but_blocks() {
    let list = json(&["list", "--format", "json"]);
    let items = list.as_array().expect("array");
    assert_eq!(items.len(), 5);
    for item in items {
        assert_eq!(keys(item), ARTICLE_FIELDS);
    }
    assert_eq!(
        parallax::model::id::prefix(items[1]["id"].as_str().unwrap_or_default()),
        "001_dfab2ef32de3a2b5"
    );
    assert_eq!(items[1]["perspective"], "japanese");
    // Yomiuri's credit line places 001 by rule; the manifest places 002 and 004.
    assert_eq!(items[1]["perspective_source"], "rule");
    assert_eq!(items[1]["perspective_confidence"], 0.93);
    assert_eq!(items[2]["perspective_source"], "manifest");
    assert_eq!(items[2]["perspective_confidence"], 1.0);
    assert_eq!(items[1]["format"], "text");
    assert_eq!(items[3]["format"], "wordpress-json");
    assert!(items[4]["outlet"].is_null());
}

#[test]
fn show_json_has_blocks_as_kind_and_text_and_tables_with_rows() {
    let article = json(&["show", "004_ef4fb084e8f28a11", "--format", "json"]);
    let mut expected: Vec<&str> = ARTICLE_FIELDS.to_vec();
    expected.push("blocks");
    expected.sort_unstable();
    assert_eq!(keys(&article), expected);
    let blocks = article["blocks"].as_array().expect("blocks");
    for block in blocks {
        let kind = block["kind"].as_str().expect("kind");
        if kind == "table" {
            assert_eq!(keys(block), vec!["kind", "rows", "text"]);
            assert_eq!(block["rows"][0][0], "Area of cooperation");
        } else {
            assert_eq!(keys(block), vec!["kind", "text"]);
            assert!(["heading", "paragraph", "list-item", "quote", "caption"].contains(&kind));
        }
    }
}

#[test]
fn show_dropped_adds_the_dropped_blocks_with_reasons() {
    let article = json(&[
        "show",
        "000_ba87cd429a98f8c1",
        "--format",
        "json",
        "--dropped",
    ]);
    let dropped = article["dropped"].as_array().expect("dropped");
    assert_eq!(dropped.len(), 2);
    assert_eq!(dropped[0]["reason"], "rule \"contact-line\"");
    assert_eq!(dropped[1]["reason"], "image");
}

#[test]
fn unknown_id_exits_with_status_2() {
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args(["show", "nope"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no article with id \"nope\""));
}
