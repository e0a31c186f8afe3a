//! The store keeps the reading state in SQLite transactions: a writer killed at any moment
//! loses at most the change it was writing. The test re-runs this test binary as the child
//! writer; each of its saves sets every article to the same round, so a store holding two
//! rounds at once would show a torn write.

use parallax::state::{changes, Position, ReadingState};
use parallax::store::Store;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WRITER_ENV: &str = "PARALLAX_TEST_STORE_WRITER";
const ARTICLES: usize = 200;

/// `base` with every writer article set to `round`.
fn round_state(base: &ReadingState, round: usize) -> ReadingState {
    let mut state = base.clone();
    for i in 0..ARTICLES {
        state.update(&format!("article-{i}-0123456789ab"), |s| {
            s.read = round.is_multiple_of(2);
            s.position = Some(Position {
                block: round,
                line: i,
            });
            s.note = Some(format!("note {round} {i} {}", "x".repeat(i)));
        });
    }
    state
}

/// In the child: save ever-changing state as fast as possible until killed.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return; // run normally: nothing to do
    };
    let mut store = Store::open(std::path::Path::new(&path)).expect("open");
    let mut before = store.load_reading().expect("load");
    for round in 1.. {
        let after = round_state(&before, round);
        store.save_reading(&changes(&before, &after)).expect("save");
        before = after;
    }
}

#[test]
fn the_store_survives_a_writer_killed_mid_write() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("store.sqlite3");
    // A mark the writer never touches: it must survive every kill.
    {
        let mut store = Store::open(&path).expect("open");
        let mut marked = ReadingState::default();
        marked.update("other-0123456789ab", |s| s.bookmarked = true);
        store
            .save_reading(&changes(&ReadingState::default(), &marked))
            .expect("save");
    }
    let exe = std::env::current_exe().expect("test binary");
    let mut last_round = 0;
    for attempt in 0..10u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        // Kills land at different points of a write.
        let until = Instant::now() + Duration::from_millis(150 + attempt * 23);
        while Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("kill writer");
        child.wait().expect("reap writer");
        let store = Store::open(&path).expect("the store opens after a kill");
        let state = store.load_reading().expect("and reads");
        assert!(
            state.get("other-0123456789ab").bookmarked,
            "untouched mark kept"
        );
        let rounds: std::collections::BTreeSet<usize> = (0..ARTICLES)
            .filter_map(|i| state.get(&format!("article-{i}-0123456789ab")).position)
            .map(|p| p.block)
            .collect();
        // Either nothing committed yet, or exactly one whole round: never a mixture.
        assert!(
            rounds.len() <= 1,
            "torn write after kill {attempt}: rounds {rounds:?}"
        );
        if let Some(&round) = rounds.iter().next() {
            assert_eq!(
                state
                    .get(&format!("article-{}-0123456789ab", ARTICLES - 1))
                    .note,
                round_state(&ReadingState::default(), round)
                    .get(&format!("article-{}-0123456789ab", ARTICLES - 1))
                    .note
            );
            last_round = round;
        }
    }
    assert!(last_round > 0, "the writer committed at least once");
}
