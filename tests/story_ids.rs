//! Automatic story ids through the binary: a saved `compare --story ID` must keep working
//! when files are added to (or removed from) a folder, duplicate copies included.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// story id → article ids, from `stories --format json` with its own data dir.
fn stories(home: &Path, folder: &Path) -> BTreeMap<String, Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("stories")
        .arg(folder)
        .args(["--format", "json"])
        .env("PARALLAX_DATA_DIR", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json.as_array()
        .expect("array")
        .iter()
        .map(|s| {
            let ids = s["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|a| a.as_str().expect("id").to_string())
                .collect();
            (s["id"].as_str().expect("story id").to_string(), ids)
        })
        .collect()
}

/// The bundled seed whose file name starts with `stem`, without the manifest (so every story
/// is automatic).
fn seed(stem: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let file = std::fs::read_dir(&dir)
        .expect("seeds")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(stem))
        .expect("seed file");
    std::fs::read(file.path()).expect("read seed")
}

fn wire(title: &str, day: &str, paragraphs: &[&str]) -> String {
    format!("{title}\nReuters\n{day}\n\n{}\n", paragraphs.join("\n\n"))
}

const STRIKE: [&str; 2] = [
    "Dockworkers at Busan port ended a nine-day strike on Friday after the union and the port authority agreed a 6.5 percent wage rise.",
    "The Busan port strike had left more than 3,000 containers stranded at the Sinseondae terminal, the port authority said.",
];

/// Which story holds the article whose id starts with `prefix`.
fn story_of<'a>(stories: &'a BTreeMap<String, Vec<String>>, prefix: &str) -> &'a str {
    stories
        .iter()
        .find(|(_, ids)| ids.iter().any(|id| id.starts_with(prefix)))
        .map(|(id, _)| id.as_str())
        .unwrap_or_else(|| panic!("no story holds {prefix}: {stories:?}"))
}

#[test]
fn adding_and_removing_files_keeps_every_automatic_story_id() {
    let home = tempfile::tempdir().expect("home");
    let folder = home.path().join("news");
    std::fs::create_dir_all(&folder).expect("folder");
    for stem in ["000", "001", "002", "003", "004"] {
        std::fs::write(folder.join(format!("{stem}.txt")), seed(stem)).expect("seed");
    }
    std::fs::write(
        folder.join("strike-a.txt"),
        wire(
            "Busan port strike ends with wage deal",
            "October 24, 2025",
            &STRIKE,
        ),
    )
    .expect("strike a");
    std::fs::write(
        folder.join("strike-b.txt"),
        wire(
            "Busan dockworkers end strike",
            "October 24, 2025",
            &[
                "The strike at Busan port is over: union members voted to accept a 6.5 percent wage rise from the port authority on Friday.",
                "About 3,000 containers piled up at the Sinseondae terminal during the nine-day Busan strike, shippers said.",
            ],
        ),
    )
    .expect("strike b");
    let before = stories(home.path(), &folder);
    assert!(before.len() >= 2, "{before:?}");
    let summit = story_of(&before, "000-").to_string();
    let strike = story_of(&before, "strike-a-").to_string();
    assert_ne!(summit, strike);
    assert_eq!(story_of(&before, "strike-b-"), strike, "{before:?}");

    // A duplicate copy of a summit article, a third strike article and an unrelated one.
    std::fs::write(folder.join("copy-of-004.txt"), seed("004")).expect("copy");
    std::fs::write(
        folder.join("strike-c.txt"),
        wire(
            "Busan port back at work after strike",
            "October 25, 2025",
            &[
                "Cranes at the Sinseondae terminal in Busan moved again on Saturday as dockworkers returned after the nine-day strike.",
                "The port authority said the 3,000 stranded containers at Busan would be cleared within a week under the 6.5 percent wage deal.",
            ],
        ),
    )
    .expect("strike c");
    std::fs::write(
        folder.join("rice.txt"),
        wire(
            "Rice prices climb in Osaka",
            "October 26, 2025",
            &["Rice cost 18 percent more in Osaka supermarkets in October, the farm ministry said, after a poor harvest in Niigata."],
        ),
    )
    .expect("rice");
    let after = stories(home.path(), &folder);
    for (id, articles) in &before {
        let now = after
            .get(id)
            .unwrap_or_else(|| panic!("story {id} lost its id: {after:?}"));
        for article in articles {
            assert!(now.contains(article), "{article} left {id}: {after:?}");
        }
    }
    assert_eq!(story_of(&after, "strike-c-"), strike, "joins its story");
    let rice = story_of(&after, "rice-");
    assert!(!before.contains_key(rice), "a new story gets a new id");

    // Removing a file: its article leaves, the story keeps its id.
    std::fs::remove_file(folder.join("strike-b.txt")).expect("remove");
    let removed = stories(home.path(), &folder);
    assert_eq!(story_of(&removed, "strike-a-"), strike);
    assert!(
        !removed
            .values()
            .flatten()
            .any(|a| a.starts_with("strike-b-")),
        "{removed:?}"
    );
    assert_eq!(story_of(&removed, "000-"), summit);
}
