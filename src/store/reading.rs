//! Reading state rows: one per article id, one column per mark. A save writes only the
//! fields this session changed, each as an upsert of its own column, so two processes
//! changing different marks of one article (the reader and `parallax note`) keep both.

use super::{Result, Store};
use crate::state::{ArticleState, Change, Field, Position, ReadingState};

/// The `meta` key of the article in front when the reader was closed.
const LAST_ARTICLE: &str = "last_article";
/// The `meta` key of the story in front then, whole (`ingest::front`, JSON).
const FRONT_STORY: &str = "front_story";

impl Store {
    /// The article in front when the reader was last closed (it opens first next time).
    pub fn last_article(&self) -> Result<Option<String>> {
        self.meta(LAST_ARTICLE)
    }

    pub fn set_last_article(&self, id: &str) -> Result<()> {
        self.set_meta(LAST_ARTICLE, id)
    }

    /// The story in front when the reader was last closed, as `ingest::front` saved it
    /// (empty when there was none to save).
    pub fn front_story(&self) -> Result<Option<String>> {
        Ok(self.meta(FRONT_STORY)?.filter(|json| !json.is_empty()))
    }

    pub fn set_front_story(&self, json: &str) -> Result<()> {
        self.set_meta(FRONT_STORY, json)
    }

    pub fn load_reading(&self) -> Result<ReadingState> {
        let mut statement = self
            .conn
            .prepare("SELECT id, read, bookmarked, block, line, note, perspective FROM reading")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| {
                let block: Option<i64> = row.get(3)?;
                let line: Option<i64> = row.get(4)?;
                Ok((
                    row.get::<_, String>(0)?,
                    ArticleState {
                        read: row.get::<_, i64>(1)? != 0,
                        bookmarked: row.get::<_, i64>(2)? != 0,
                        position: block.zip(line).map(|(block, line)| Position {
                            block: usize::try_from(block).unwrap_or(0),
                            line: usize::try_from(line).unwrap_or(0),
                        }),
                        note: row.get(5)?,
                        perspective: row.get(6)?,
                    },
                ))
            })
            .map_err(|e| self.error(e))?;
        let mut state = ReadingState::default();
        // A row SQLite cannot give as the right types loses that row, not the state.
        for (id, entry) in rows.flatten() {
            state.update(&id, |s| *s = entry);
        }
        Ok(state)
    }

    /// Apply changes in one short transaction, merged onto what is stored now.
    pub fn save_reading(&mut self, changes: &[Change]) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| format!("{}: store: {e}", path.display());
        let tx = self.conn.transaction().map_err(fail)?;
        for change in changes {
            let id = change.id.as_str();
            let done = match &change.field {
                Field::Read(on) => upsert(&tx, "read", id, &[&i64::from(*on)]),
                Field::Bookmarked(on) => upsert(&tx, "bookmarked", id, &[&i64::from(*on)]),
                Field::Note(note) => upsert(&tx, "note", id, &[note]),
                Field::Perspective(p) => upsert(&tx, "perspective", id, &[p]),
                Field::Position(position) => {
                    let block = position.map(|p| p.block as i64);
                    let line = position.map(|p| p.line as i64);
                    tx.execute(
                        "INSERT INTO reading(id, block, line) VALUES (?1, ?2, ?3)
                         ON CONFLICT(id) DO UPDATE SET block = excluded.block, line = excluded.line",
                        rusqlite::params![id, block, line],
                    )
                    .map(|_| ())
                }
            };
            done.map_err(fail)?;
            tx.execute(
                "DELETE FROM reading WHERE id = ?1 AND read = 0 AND bookmarked = 0
                 AND block IS NULL AND note IS NULL AND perspective IS NULL",
                [id],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }
}

/// Set one column of one article's row, creating the row when missing.
fn upsert(
    tx: &rusqlite::Transaction,
    column: &'static str,
    id: &str,
    value: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<()> {
    let sql = format!(
        "INSERT INTO reading(id, {column}) VALUES (?1, ?2)
         ON CONFLICT(id) DO UPDATE SET {column} = excluded.{column}"
    );
    tx.execute(&sql, rusqlite::params![id, value[0]])
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::changes;

    fn open(dir: &tempfile::TempDir) -> Store {
        Store::open(&dir.path().join(super::super::FILE_NAME)).expect("open")
    }

    #[test]
    fn two_connections_changing_different_marks_keep_both() {
        let dir = tempfile::tempdir().expect("dir");
        let mut reader = open(&dir);
        let mut note_command = open(&dir);
        // Both start from the same stored state.
        let reader_before = reader.load_reading().expect("load");
        let note_before = note_command.load_reading().expect("load");
        let mut reader_after = reader_before.clone();
        reader_after.update("a-0123456789ab", |s| {
            s.read = true;
            s.position = Some(Position { block: 4, line: 2 });
        });
        let mut note_after = note_before.clone();
        note_after.update("a-0123456789ab", |s| s.note = Some("from the CLI".into()));
        note_command
            .save_reading(&changes(&note_before, &note_after))
            .expect("note saves");
        reader
            .save_reading(&changes(&reader_before, &reader_after))
            .expect("reader saves");
        let merged = open(&dir)
            .load_reading()
            .expect("load")
            .get("a-0123456789ab");
        assert!(merged.read);
        assert_eq!(merged.position, Some(Position { block: 4, line: 2 }));
        assert_eq!(merged.note.as_deref(), Some("from the CLI"));
    }

    #[test]
    fn clearing_every_mark_removes_the_row() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = open(&dir);
        let empty = ReadingState::default();
        let mut marked = empty.clone();
        marked.update("b-0123456789ab", |s| s.bookmarked = true);
        store.save_reading(&changes(&empty, &marked)).expect("save");
        assert_eq!(store.info().expect("info").reading_entries, 1);
        store.save_reading(&changes(&marked, &empty)).expect("save");
        assert_eq!(store.info().expect("info").reading_entries, 0);
        assert_eq!(store.load_reading().expect("load"), empty);
    }
}
