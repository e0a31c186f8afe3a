//! The reader's word and the config's assignments, through the command line.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("XDG_STATE_HOME", state)
        .env("PARALLAX_DATA_DIR", state.join("data"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .output()
        .expect("the binary runs")
}

fn seed(state: &Path, prefix: &str, extra: &[&str]) -> Value {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(state, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Value = serde_json::from_slice(&out.stdout).expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"].as_str().is_some_and(|id| id.starts_with(prefix)))
        .cloned()
        .expect("seed listed")
}

#[test]
fn place_moves_an_article_until_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = "001_dfab2ef32de3a2b5";
    assert!(run(dir.path(), &["place", id, "wire"]).status.success());
    let a = seed(dir.path(), "001", &[]);
    assert_eq!(a["perspective"], "wire");
    assert_eq!(a["perspective_source"], "user");
    assert_eq!(a["perspective_confidence"], 1.0);
    let reason = a["perspective_reason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("placed by you (rules said japanese"),
        "{reason}"
    );

    let bad = run(dir.path(), &["place", id, "wires"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown perspective \"wires\""));
    assert_eq!(
        seed(dir.path(), "001", &[])["perspective"],
        "wire",
        "a bad call changes nothing"
    );

    assert!(run(dir.path(), &["place", id, "--clear"]).status.success());
    let a = seed(dir.path(), "001", &[]);
    assert_eq!(a["perspective"], "japanese");
    assert_eq!(a["perspective_source"], "rule");
}

#[test]
fn config_assignment_moves_an_outlet_and_a_typo_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[outlets]\n\"The Yomiuri Shimbun\" = \"wire\"\n").expect("write");
    let config_arg = config.display().to_string();
    let a = seed(dir.path(), "001", &["--config", &config_arg]);
    assert_eq!(a["perspective"], "wire");
    assert_eq!(a["perspective_source"], "rule");

    std::fs::write(&config, "[outlets]\n\"The Yomiuri Shimbun\" = \"wirre\"\n").expect("write");
    let out = run(dir.path(), &["--config", &config_arg, "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("c.toml"), "{err}");
    assert!(err.contains("unknown perspective \"wirre\""), "{err}");
}
