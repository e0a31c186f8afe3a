//! Notes in the reader: a line under each pane's header shows the article's note (`v`
//! toggles it), `e` edits it there on one line, `E` hands it to `$EDITOR` (through an
//! `Effect`: the terminal side suspends the screen and runs the editor).

use super::{AppState, Effect};
use crate::model::Corpus;

/// Longest note kept from the inline editor or `$EDITOR`, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// The note being typed inline for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEdit {
    pub article: usize,
    pub text: String,
}

/// A note as saved: control characters out, trimmed, capped; empty means no note.
pub fn clean_note(text: &str) -> Option<String> {
    let cleaned = crate::text::sanitize::clean_line(text);
    let trimmed: String = cleaned.trim().chars().take(MAX_NOTE_CHARS).collect();
    (!trimmed.is_empty()).then_some(trimmed)
}

impl AppState {
    /// Whether panes give a line to the note under their header.
    pub fn note_line(&self) -> bool {
        self.show_notes || self.note_edit.is_some()
    }

    pub(super) fn toggle_notes(&mut self) {
        self.show_notes = !self.show_notes;
        self.message = Some(if self.show_notes {
            "notes shown (e edits, E opens $EDITOR)".into()
        } else {
            "notes hidden".into()
        });
    }

    /// `e`: edit the focused article's note on its note line.
    pub(super) fn start_note_edit(&mut self, corpus: &Corpus) {
        let Some(column) = self.columns.get(self.focus) else {
            return;
        };
        let article = column.article();
        let text = self
            .reading
            .get(&corpus.articles[article].id)
            .note
            .unwrap_or_default();
        self.note_edit = Some(NoteEdit { article, text });
        self.message = Some("note: Enter saves, Esc cancels".into());
    }

    /// `E`: ask the terminal side to open the note in `$EDITOR`.
    pub(super) fn external_note_edit(&mut self, corpus: &Corpus) {
        let Some(column) = self.columns.get(self.focus) else {
            return;
        };
        let article = &corpus.articles[column.article()];
        let note = self.reading.get(&article.id).note.unwrap_or_default();
        self.effects.push(Effect::EditNote {
            id: article.id.clone(),
            note,
        });
    }

    /// Save `text` as the note of article `id` (empty clears it).
    pub fn set_note(&mut self, id: &str, text: &str) {
        let note = clean_note(text);
        let saved = note.is_some();
        self.edit_reading(id, |s| s.note = note);
        self.effects.push(Effect::SaveState);
        self.message = Some(if saved { "note saved" } else { "note removed" }.into());
    }
}

/// Keys while a note is typed; false for keys that are not for it.
pub(super) fn note_input(state: &mut AppState, corpus: &Corpus, action: super::Action) -> bool {
    use super::Action;
    let Some(edit) = state.note_edit.as_mut() else {
        return false;
    };
    match action {
        Action::Input(c) => {
            if edit.text.chars().count() < MAX_NOTE_CHARS {
                edit.text.push(c);
            }
        }
        Action::InputBackspace => {
            edit.text.pop();
        }
        Action::Confirm => {
            if let Some(edit) = state.note_edit.take() {
                let id = corpus.articles[edit.article].id.clone();
                state.set_note(&id, &edit.text);
            }
        }
        Action::Close => {
            state.note_edit = None;
            state.message = Some("note unchanged".into());
        }
        _ => return false,
    }
    true
}
