//! One corpus for every command: without a PATH, `list`, `stories`, `compare`, `coverage`
//! and `note` open the config's `paths` as the reader does; a PATH that does not exist is an
//! error naming it; `note` refuses an id that is not loaded.

use std::path::Path;
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A news folder with two articles and a config whose `paths` names it.
    fn with_news(&self) -> std::path::PathBuf {
        let news = self.dir.path().join("news");
        std::fs::create_dir_all(&news).expect("news dir");
        let article = |name: &str, outlet: &str, title: &str| {
            let text = format!(
                "---\ntitle: {title}\noutlet: {outlet}\ndate: 2025-11-02\n---\n\n{title}. The ministers met in Seoul on Sunday to discuss tariffs and shipbuilding.\n\nBoth sides said talks would continue next month.\n"
            );
            std::fs::write(news.join(name), text).expect("write article");
        };
        article("alpha.md", "Yonhap", "Ministers meet on tariffs");
        article("beta.md", "Kyodo News", "Tariff talks continue in Seoul");
        let config = format!("paths = [\"{}\"]\n", news.display());
        std::fs::write(self.dir.path().join("config.toml"), config).expect("config");
        news
    }

    fn run(&self, args: &[&str]) -> Output {
        let config = self.dir.path().join("config.toml");
        let mut command = Command::new(env!("CARGO_BIN_EXE_parallax"));
        if config.exists() {
            command.arg("--config").arg(&config);
        }
        command
            .args(args)
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("PARALLAX_DATA_DIR", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config-home"))
            .env("HOME", self.dir.path())
            .output()
            .expect("the binary runs")
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ids(output: &Output) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn commands_without_a_path_open_the_config_paths() {
    let home = Home::new();
    home.with_news();
    let list = home.run(&["list", "--format", "json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let mut found: Vec<String> = ids(&list)
        .iter()
        .map(|id| parallax::model::id::prefix(id).to_string())
        .collect();
    found.sort();
    assert_eq!(
        found,
        ["alpha", "beta"],
        "the config's folder, not the seeds"
    );
    let stories = stdout(&home.run(&["stories"]));
    assert!(stories.to_lowercase().contains("tariff"), "{stories}");
    assert!(!stories.contains("Takaichi"), "no seed story: {stories}");
    for command in [["compare"], ["coverage"]] {
        let out = home.run(&command);
        assert!(out.status.success(), "{command:?}: {}", stderr(&out));
        assert!(!stdout(&out).contains("Takaichi"), "{command:?}");
    }
}

#[test]
fn a_missing_path_is_an_error_naming_it() {
    let home = Home::new();
    let missing = home.dir.path().join("no-such-folder");
    let missing = missing.to_str().expect("path");
    for args in [
        vec!["list", missing],
        vec!["stories", missing],
        vec!["compare", missing],
        vec!["coverage", missing],
        vec!["note", "x", "text", missing],
    ] {
        let out = home.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains(&format!("{missing}: no such file or folder")),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn note_takes_paths_and_refuses_ids_that_are_not_loaded() {
    let home = Home::new();
    let news = home.with_news();
    let other = home.dir.path().join("other");
    std::fs::create_dir_all(&other).expect("dir");
    std::fs::copy(news.join("alpha.md"), other.join("gamma.md")).expect("copy");
    std::fs::remove_file(home.dir.path().join("config.toml")).expect("no config");
    let other_path = other.to_str().expect("path");
    // A typo'd id is refused and nothing is saved.
    let typo = home.run(&["note", "gamm-zzz", "a note", other_path]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("gamm-zzz"), "{}", stderr(&typo));
    assert!(
        !Path::new(&home.dir.path().join("state"))
            .join("parallax")
            .exists()
            || !std::fs::read_to_string(home.dir.path().join("state/parallax/reading.json"))
                .unwrap_or_default()
                .contains("a note")
    );
    // The article of a given PATH, by prefix.
    let set = home.run(&["note", "gamma", "ask about tariffs", other_path]);
    assert!(set.status.success(), "{}", stderr(&set));
    let print = home.run(&["note", "gamma", "--print", other_path]);
    assert!(print.status.success(), "{}", stderr(&print));
    assert_eq!(stdout(&print).trim(), "ask about tariffs");
    // Not in the seeds: without the PATH the id is not loaded.
    let seeds = home.run(&["note", "gamma"]);
    assert_eq!(seeds.status.code(), Some(2), "{}", stdout(&seeds));
}

#[test]
fn list_and_show_json_carry_the_reading_state_and_the_story_shown() {
    let home = Home::new();
    home.with_news();
    assert!(home.run(&["note", "alpha", "follow up"]).status.success());
    let list = home.run(&["list", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_slice(&list.stdout).expect("json");
    let items = items.as_array().expect("array");
    assert_eq!(items.len(), 2);
    let stories = stdout(&home.run(&["stories", "--format", "json"]));
    for item in items {
        let id = item["id"].as_str().expect("id");
        let alpha = parallax::model::id::prefix(id) == "alpha";
        assert_eq!(item["read"], serde_json::json!(false));
        assert_eq!(item["bookmarked"], serde_json::json!(false));
        assert_eq!(item["position"], serde_json::Value::Null);
        assert_eq!(
            item["note"],
            if alpha {
                serde_json::json!("follow up")
            } else {
                serde_json::Value::Null
            }
        );
        // The story shown is one `stories` lists, though no manifest pinned it.
        assert_eq!(item["story"], serde_json::Value::Null);
        let shown = item["story_shown"].as_str().expect("a story");
        assert!(stories.contains(shown), "{shown} in {stories}");
    }
    let show = home.run(&["show", "alpha", "--format", "json"]);
    let one: serde_json::Value = serde_json::from_slice(&show.stdout).expect("json");
    assert_eq!(one["note"], serde_json::json!("follow up"));
    assert!(one["story_shown"].is_string());
    assert!(one["blocks"].is_array(), "existing fields stay");
}
