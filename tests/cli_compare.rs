//! `parallax align` and `parallax compare` as a program sees them.

use serde_json::Value;
use std::process::Command;

fn parallax(args: &[&str]) -> (i32, String) {
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .args(args)
        .output()
        .expect("run parallax");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The full id of the seed with this file stem.
fn seed_id(stem: &str) -> String {
    let corpus = parallax::ingest::load_seeds();
    let ids: Vec<&str> = corpus
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| parallax::model::id::prefix(id) == stem)
        .collect();
    assert_eq!(ids.len(), 1, "{stem}");
    ids[0].to_string()
}

fn json(args: &[&str]) -> Value {
    let (code, out) = parallax(args);
    assert_eq!(code, 0, "{args:?}");
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn align_json_gives_each_block_its_counterparts() {
    let v = json(&["align", "001_dfab2ef32de3a2b5", "--format", "json"]);
    // Ids are the file stem plus a hash; the stem alone is a unique prefix the CLI accepts.
    let (yomiuri, kyodo_id) = (
        seed_id("001_dfab2ef32de3a2b5"),
        seed_id("002_f46852b532b3d29e"),
    );
    assert_eq!(v["article"], yomiuri.as_str());
    assert_eq!(v["story"]["id"], "takaichi-trump-2025-10");
    let blocks = v["blocks"].as_array().expect("blocks");
    assert_eq!(blocks.len(), 26);
    for b in blocks {
        let c = b["counterparts"].as_object().expect("counterparts");
        assert_eq!(c.len(), 3, "one entry per other article of the story");
    }
    // ¶ "$550 billion (about ¥84 trillion)" ↔ Kyodo's "$550 billion in key U.S. industries".
    let pledge = &blocks[16];
    assert!(pledge["text"]
        .as_str()
        .unwrap_or("")
        .contains("$550 billion (about"));
    let kyodo = &pledge["counterparts"][&kyodo_id];
    assert_eq!(kyodo["article"], kyodo_id.as_str());
    assert_eq!(kyodo["block"], 22);
    assert!(kyodo["text"]
        .as_str()
        .unwrap_or("")
        .contains("in key U.S. industries"));
    let score = kyodo["score"].as_f64().expect("score");
    assert!(score > 0.0 && score <= 1.0);
    // The runner-up is another Kyodo paragraph, below the best; the $550 billion pledge is
    // a clear match, not a weak one.
    let runner_up = kyodo["runner_up"].as_f64().expect("runner_up");
    assert!((0.0..score).contains(&runner_up), "{runner_up} vs {score}");
    assert_eq!(kyodo["weak"], false);
    // The LNG paragraph has no counterpart in Kyodo's copy.
    assert!(blocks[18]["text"].as_str().unwrap_or("").contains("LNG"));
    assert!(blocks[18]["counterparts"][&kyodo_id].is_null());
}

#[test]
fn align_table_and_unknown_ids() {
    let (code, out) = parallax(&["align", "002_f46852b532b3d29e"]);
    assert_eq!(code, 0);
    let kyodo = seed_id("002_f46852b532b3d29e");
    assert!(out.starts_with(&format!("{kyodo} — story: Takaichi–Trump summit")));
    assert_eq!(
        out.lines().count(),
        2 + 30,
        "title, header, one line per block"
    );
    // The other articles' ids stand whole in the header, and blocks count from 1 (as the
    // reader's "paragraph N").
    let header = out.lines().nth(1).unwrap_or("");
    for stem in ["000_", "001_", "004_"] {
        let id = header
            .split_whitespace()
            .find(|w| w.starts_with(stem))
            .unwrap_or_else(|| panic!("{stem} missing: {header}"));
        assert_eq!(id.len(), stem.len() + 16 + 1 + 12, "{id} cut short");
    }
    let first = out.lines().nth(2).unwrap_or("");
    assert!(first.starts_with("1 "), "{first}");
    assert!(out.lines().last().unwrap_or("").starts_with("30 "));
    let (code, _) = parallax(&["align", "no-such-article"]);
    assert_eq!(code, 2);
    let (code, _) = parallax(&["compare", "--story", "no-such-story"]);
    assert_eq!(code, 2);
}

#[test]
fn compare_json_report_of_a_story_chosen_by_article() {
    let v = json(&[
        "compare",
        "--story",
        "002_f46852b532b3d29e",
        "--format",
        "json",
    ]);
    assert_eq!(v["story"]["id"], "takaichi-trump-2025-10");
    assert_eq!(v["story"]["articles"], 4);
    let perspectives: Vec<&str> = v["perspectives"]
        .as_array()
        .expect("perspectives")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(perspectives, ["korean", "japanese", "wire"]);
    // Coverage agrees with `parallax topics`: 000 (the Korean side) has 6 defense blocks,
    // 001 (Japanese) 9, and the wire side 002 + 004 = 9 + 14.
    assert_eq!(
        v["coverage"]["perspectives"],
        serde_json::json!(["korean", "japanese", "wire"])
    );
    let defense = v["coverage"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["topic"] == "defense")
        .expect("a defense row");
    assert_eq!(defense["counts"], serde_json::json!([6, 9, 23]));
    assert!(!v["aligned"].as_array().expect("aligned").is_empty());
    assert!(!v["figures"].as_array().expect("figures").is_empty());
    assert!(!v["quotes"].as_array().expect("quotes").is_empty());
    // Without --story: every story of two or more articles (here one).
    let all = json(&["compare", "--format", "json"]);
    assert_eq!(all["story"]["id"], "takaichi-trump-2025-10");
}

#[test]
fn reports_escape_article_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Two reports of one event in different words (identical texts would be near-duplicate
    // copies, shown once).
    for (name, extra, own) in [
        ("a.md", "first", "Shipping lines welcomed the plan, which adds four container berths and a rail link to the terminal."),
        ("b.md", "second", "Opposition councillors questioned the cost, saying the city had not published an environmental review."),
    ] {
        let text = format!(
            "---\ntitle: Harbour <script>alert(1)</script> deal {extra}\ndate: 2025-05-01\nstory: harbour\n---\n\n\
             The harbour authority signed a <b>$12 billion</b> expansion deal with Busan port operators on Monday.\n\n\
             \"We will <script>double</script> capacity by 2030,\" the harbour chief said.\n\n{own}\n"
        );
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let path = dir.path().to_string_lossy().into_owned();
    let (code, html) = parallax(&["compare", &path, "--format", "html"]);
    assert_eq!(code, 0);
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        !html.contains("<script"),
        "no raw script tag from article text"
    );
    assert!(
        !html.contains("billion</b> expansion"),
        "no raw markup from article text"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("$12 billion"), "the figure is reported");
    assert!(
        !html.contains("http"),
        "self-contained: no external resource"
    );
    let (code, md) = parallax(&["compare", &path, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(md.contains("\\<script\\>"));
    // Every angle bracket from the text is backslash-escaped, so no renderer reads a tag.
    assert!(md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')));
}

#[test]
fn stories_lists_the_clustered_stories() {
    let v = json(&["stories", "--format", "json"]);
    let ids: Vec<&str> = v
        .as_array()
        .expect("stories")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(ids, ["takaichi-trump-2025-10", "ishiba-trump-2025-02"]);
    assert_eq!(
        v[0]["title"],
        "Takaichi–Trump summit in Tokyo, October 2025"
    );
    assert_eq!(v[0]["articles"].as_array().map(Vec::len), Some(4));
    let (code, table) = parallax(&["stories"]);
    assert_eq!(code, 0);
    assert_eq!(table.lines().count(), 3);
}
