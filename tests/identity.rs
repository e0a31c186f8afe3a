//! Stable article ids: an id depends on the article, never on load order or other files, and
//! reading state follows its article through added, removed, renamed and moved files.

use parallax::ingest::load_paths;
use parallax::model::id::prefix;
use parallax::model::Corpus;
use parallax::state::ReadingState;
use std::collections::BTreeMap;
use std::path::Path;

fn write(path: &Path, title: &str, body: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("dir");
    }
    std::fs::write(path, format!("# {title}\n\n{body}\n")).expect("write");
}

/// Source file → id.
fn ids(corpus: &Corpus) -> BTreeMap<String, String> {
    corpus
        .articles
        .iter()
        .map(|a| (a.source.clone(), a.id.clone()))
        .collect()
}

fn id_of(corpus: &Corpus, source_end: &str) -> String {
    corpus
        .articles
        .iter()
        .find(|a| a.source.ends_with(source_end))
        .map(|a| a.id.clone())
        .unwrap_or_else(|| panic!("no {source_end} in {:?}", ids(corpus)))
}

#[test]
fn ids_stay_when_files_are_added_removed_or_reordered() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    write(
        &root.join("b.md"),
        "Port strike ends",
        "Dock workers return.",
    );
    write(&root.join("c.md"), "Rates held", "The central bank waits.");
    let before = ids(&load_paths(&[root.to_path_buf()]));
    assert_eq!(before.len(), 2);
    // A file sorting first, with the same stem as another in a subfolder.
    write(
        &root.join("a.md"),
        "Typhoon nears",
        "Ferries are cancelled.",
    );
    write(&root.join("sub/b.md"), "Another b", "A different text.");
    let after = ids(&load_paths(&[root.to_path_buf()]));
    for (source, id) in &before {
        assert_eq!(after.get(source), Some(id), "{source} kept its id");
    }
    // The paths given in another order: the same ids.
    let reordered = ids(&load_paths(&[
        root.join("sub"),
        root.join("c.md"),
        root.join("b.md"),
    ]));
    assert_eq!(
        reordered.get(&before.keys().next().cloned().unwrap_or_default()),
        before.values().next()
    );
    // Removing a file changes no other id.
    std::fs::remove_file(root.join("a.md")).expect("rm");
    let removed = ids(&load_paths(&[root.to_path_buf()]));
    for (source, id) in &before {
        assert_eq!(removed.get(source), Some(id));
    }
}

#[test]
fn two_folders_with_the_same_file_name_give_two_ids() {
    let dir = tempfile::tempdir().expect("dir");
    write(&dir.path().join("x/article.txt"), "One", "First text.");
    write(&dir.path().join("y/article.txt"), "Two", "Second text.");
    // Even an identical copy gets an id of its own.
    write(&dir.path().join("z/article.txt"), "One", "First text.");
    let corpus = load_paths(&[dir.path().to_path_buf()]);
    let all: std::collections::HashSet<&str> =
        corpus.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(all.len(), 3);
    assert!(corpus.articles.iter().all(|a| prefix(&a.id) == "article"));
    // A bare stem is ambiguous, and the CLI says so rather than guessing.
    let err = corpus.resolve("article").unwrap_err();
    assert!(err.contains("ambiguous"), "{err}");
    let x = id_of(&corpus, "x/article.txt");
    assert_eq!(
        corpus
            .resolve(&x[..x.len() - 4])
            .map(|i| &corpus.articles[i].id),
        Ok(&x)
    );
}

#[test]
fn a_note_stays_on_its_article_when_a_same_stem_file_appears_elsewhere() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    write(
        &root.join("b/report.md"),
        "Summit opens",
        "Leaders meet in Seoul.",
    );
    let corpus = load_paths(&[root.to_path_buf()]);
    let mut state = ReadingState::default();
    let id = id_of(&corpus, "b/report.md");
    state.update(&id, |s| s.note = Some("check the figures".into()));
    // A newcomer that sorts first and shares the stem.
    write(
        &root.join("a/report.md"),
        "Harbour fire",
        "A fire closed the harbour road for a day.",
    );
    let corpus = load_paths(&[root.to_path_buf()]);
    assert_eq!(state.adopt(&corpus), None, "nothing needed moving");
    let note_of = |end: &str| state.get(&id_of(&corpus, end)).note;
    assert_eq!(note_of("b/report.md").as_deref(), Some("check the figures"));
    assert_eq!(note_of("a/report.md"), None);
}

#[test]
fn a_renamed_or_moved_file_keeps_its_reading_state() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    write(
        &root.join("draft.md"),
        "Election called",
        "Voters go to the polls.",
    );
    let corpus = load_paths(&[root.to_path_buf()]);
    let mut state = ReadingState::default();
    state.update(&id_of(&corpus, "draft.md"), |s| {
        s.read = true;
        s.bookmarked = true;
    });
    std::fs::create_dir(root.join("kept")).expect("dir");
    std::fs::rename(root.join("draft.md"), root.join("kept/election.md")).expect("mv");
    let corpus = load_paths(&[root.to_path_buf()]);
    let moved = state.adopt(&corpus).expect("a message");
    assert!(moved.contains("renamed or moved"), "{moved}");
    let now = state.get(&id_of(&corpus, "kept/election.md"));
    assert!(now.read && now.bookmarked);
    assert_eq!(state.articles.len(), 1, "no stale entry left behind");
}

#[test]
fn state_saved_under_old_load_order_ids_is_migrated_once() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    write(&root.join("a/story.md"), "First", "One text.");
    write(&root.join("b/story.md"), "Second", "Another text.");
    let corpus = load_paths(&[root.to_path_buf()]);
    // Earlier versions named these `story` and `story-2`, in path order.
    let mut state: ReadingState = serde_json::from_str(
        r#"{"version": 1, "articles": {"story": {"read": true}, "story-2": {"note": "second"}, "elsewhere": {"read": true}}}"#,
    )
    .expect("old state");
    let said = state.adopt(&corpus).expect("a message");
    assert!(said.contains("2 article(s) moved"), "{said}");
    assert!(state.get(&id_of(&corpus, "a/story.md")).read);
    assert_eq!(
        state.get(&id_of(&corpus, "b/story.md")).note.as_deref(),
        Some("second")
    );
    assert!(
        state.get("elsewhere").read,
        "an entry of another folder is kept"
    );
    assert_eq!(state.adopt(&corpus), None, "a second launch moves nothing");
}
