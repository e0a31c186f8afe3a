//! The store as a user meets it through the CLI: ids that never follow load order, notes that
//! stay on their article, changed files parsed again with their stale stories dropped, stored
//! stories read back instead of computed, and two processes writing at once.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("PARALLAX_DATA_DIR", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("the binary runs")
}

fn json(home: &Path, args: &[&str]) -> Value {
    let out = run(home, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// source file name → id, from `list --format json`.
fn ids(home: &Path, paths: &[&Path]) -> std::collections::BTreeMap<String, String> {
    let mut args = vec!["list".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--format".into(), "json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json(home, &args)
        .as_array()
        .expect("array")
        .iter()
        .map(|a| {
            let source = a["source"].as_str().expect("source");
            let name = Path::new(source)
                .file_name()
                .expect("name")
                .to_string_lossy();
            (name.into_owned(), a["id"].as_str().expect("id").to_string())
        })
        .collect()
}

fn seed(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let file = std::fs::read_dir(&dir)
        .expect("seeds")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .expect("seed file");
    std::fs::read(file.path()).expect("read seed")
}

fn article(title: &str, body: &str) -> String {
    format!("{title}\nReuters\nOctober 28, 2025\n\n{body}\n\nA second paragraph about {title} ends here.\n")
}

#[test]
fn ids_do_not_change_when_files_are_added_removed_or_reordered() {
    let home = tempfile::tempdir().expect("home");
    let (a, b) = (home.path().join("a"), home.path().join("b"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    std::fs::write(
        a.join("m.txt"),
        article("Rice prices rise", "Rice cost more in Osaka."),
    )
    .expect("m");
    std::fs::write(
        a.join("z.txt"),
        article("Port strike ends", "Dockers in Busan went back."),
    )
    .expect("z");
    std::fs::write(
        b.join("k.txt"),
        article("Typhoon nears", "A typhoon neared Okinawa."),
    )
    .expect("k");
    let first = ids(home.path(), &[&a, &b]);
    assert_eq!(first.len(), 3);
    // Reordered on the command line (and cached this time).
    assert_eq!(ids(home.path(), &[&b, &a]), first);
    // A file added before the others in path order.
    std::fs::write(
        a.join("a.txt"),
        article("Bank rate held", "The bank held its rate."),
    )
    .expect("a");
    let added = ids(home.path(), &[&a, &b]);
    assert_eq!(added.len(), 4);
    for (name, id) in &first {
        assert_eq!(added.get(name), Some(id), "{name} kept its id");
    }
    // A file removed.
    std::fs::remove_file(a.join("m.txt")).expect("rm");
    let removed = ids(home.path(), &[&a, &b]);
    assert_eq!(removed.get("z.txt"), first.get("z.txt"));
    assert_eq!(removed.get("k.txt"), first.get("k.txt"));
    assert!(!removed.contains_key("m.txt"));
    // The vanished file's cache row is gone too.
    let info = json(home.path(), &["store", "--format", "json"]);
    assert_eq!(info["files"], 3, "{info}");
}

#[test]
fn a_note_stays_on_its_article_when_a_same_stem_file_appears_elsewhere() {
    let home = tempfile::tempdir().expect("home");
    let (a, b) = (home.path().join("a"), home.path().join("b"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    std::fs::write(
        a.join("article.txt"),
        article("Rice prices rise", "Rice cost more in Osaka."),
    )
    .expect("a");
    // The note command works on the config's corpus: point the config at both folders.
    let config = home.path().join("config/parallax");
    std::fs::create_dir_all(&config).expect("config");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "paths = [{:?}, {:?}]\n",
            a.display().to_string(),
            b.display().to_string()
        ),
    )
    .expect("config");
    let before = ids(home.path(), &[&a, &b]);
    let id = before["article.txt"].clone();
    let out = run(
        home.path(),
        &["note", &id[..id.len() - 4], "check the rice figure"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        b.join("article.txt"),
        article("Typhoon nears", "A typhoon neared Okinawa."),
    )
    .expect("b");
    let list = json(
        home.path(),
        &[
            "list",
            a.to_str().expect("a"),
            b.to_str().expect("b"),
            "--format",
            "json",
        ],
    );
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|x| x["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&id.as_str()), "the first article kept its id");
    let other = ids.iter().find(|i| **i != id).expect("the other");
    assert!(other.starts_with("article-"), "{other}");
    let note = |id: &str| {
        String::from_utf8_lossy(&run(home.path(), &["note", id]).stdout)
            .trim()
            .to_string()
    };
    assert_eq!(note(&id), "check the rice figure");
    assert_eq!(note(other), "", "the new file has no note");
}

#[test]
fn a_changed_file_is_parsed_again_and_its_stale_stories_dropped() {
    let home = tempfile::tempdir().expect("home");
    let folder = home.path().join("c");
    std::fs::create_dir_all(&folder).expect("c");
    std::fs::write(folder.join("001.txt"), seed("001")).expect("001");
    std::fs::write(folder.join("002.txt"), seed("002")).expect("002");
    let path = folder.to_str().expect("path");
    let stories = json(home.path(), &["stories", path, "--format", "json"]);
    assert_eq!(
        stories.as_array().expect("array").len(),
        1,
        "one summit story: {stories}"
    );
    // Rewritten as an article about something else entirely, same size class, new content.
    std::fs::write(
        folder.join("002.txt"),
        article(
            "Heavy snow closes Sapporo airport",
            "Flights out of New Chitose were cancelled after a metre of snow fell.",
        ),
    )
    .expect("rewrite");
    let list = json(home.path(), &["list", path, "--format", "json"]);
    let titles: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|a| a["title"].as_str().expect("title"))
        .collect();
    assert!(
        titles.contains(&"Heavy snow closes Sapporo airport"),
        "{titles:?}"
    );
    let stories = json(home.path(), &["stories", path, "--format", "json"]);
    assert_eq!(
        stories.as_array().expect("array").len(),
        2,
        "the snow is its own story: {stories}"
    );
}

#[test]
fn a_second_launch_reads_the_stored_stories_instead_of_clustering() {
    let home = tempfile::tempdir().expect("home");
    let folder = home.path().join("c");
    std::fs::create_dir_all(&folder).expect("c");
    std::fs::write(folder.join("001.txt"), seed("001")).expect("001");
    std::fs::write(folder.join("002.txt"), seed("002")).expect("002");
    let path = folder.to_str().expect("path");
    let first = json(home.path(), &["stories", path, "--format", "json"]);
    // Mark the stored result: if the next launch clustered, the mark would not show.
    let db = rusqlite::Connection::open(home.path().join("data/store.sqlite3")).expect("db");
    let changed = db
        .execute(
            // (Not the assignment remembered for the folder, which names the story too.)
            "UPDATE stories SET result = replace(result, 'Japan-U.S. Summit', 'FROM THE STORE')
             WHERE key NOT LIKE 'assignment-%'",
            [],
        )
        .expect("mark");
    assert_eq!(changed, 1);
    drop(db);
    let second = json(home.path(), &["stories", path, "--format", "json"]);
    assert!(
        second[0]["title"]
            .as_str()
            .expect("title")
            .starts_with("FROM THE STORE"),
        "{second}"
    );
    // A changed file changes the key: computed again, the mark gone.
    std::fs::write(
        folder.join("003.txt"),
        article("Rice prices rise", "Rice cost more in Osaka."),
    )
    .expect("003");
    let third = json(home.path(), &["stories", path, "--format", "json"]);
    assert_eq!(third[0]["title"], first[0]["title"]);
}

#[test]
fn two_processes_writing_marks_of_one_article_at_once_keep_both() {
    let home = tempfile::tempdir().expect("home");
    let seeds = json(home.path(), &["list", "--format", "json"]);
    let id = seeds[0]["id"].as_str().expect("id").to_string();
    for round in 0..3 {
        let spawn = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_parallax"))
                .args(args)
                .env("PARALLAX_DATA_DIR", home.path().join("data"))
                .env("XDG_STATE_HOME", home.path().join("state"))
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .output()
        };
        let note_text = format!("note {round}");
        let perspective = if round % 2 == 0 { "wire" } else { "other" };
        let (note, place) = std::thread::scope(|s| {
            let note = s.spawn(|| spawn(&["note", &id, &note_text]));
            let place = s.spawn(|| spawn(&["place", &id, perspective]));
            (note.join().expect("note"), place.join().expect("place"))
        });
        assert!(note.expect("note runs").status.success());
        assert!(place.expect("place runs").status.success());
        let shown = run(home.path(), &["note", &id]);
        assert_eq!(String::from_utf8_lossy(&shown.stdout).trim(), note_text);
        let list = json(home.path(), &["list", "--format", "json"]);
        let placed = list
            .as_array()
            .expect("array")
            .iter()
            .find(|a| a["id"] == id.as_str())
            .expect("article");
        assert_eq!(placed["perspective"], perspective, "round {round}");
    }
}
