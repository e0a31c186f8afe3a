//! Output of `list`, `show` and `check`: tables for people, JSON for programs.

use super::{ListFormat, ShowFormat};
use crate::model::{BlockKind, Corpus};
use crate::text::width::{display_width, truncate_to_width};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::process::ExitCode;

/// Article `index` as JSON, with its near-duplicate links (`duplicate_of`: the original's id
/// or null; `also_in`: the ids of its copies).
pub fn article_json(corpus: &Corpus, index: usize) -> Value {
    let article = &corpus.articles[index];
    let mut value = serde_json::to_value(article).unwrap_or(Value::Null);
    if let Some(obj) = value.as_object_mut() {
        let id = |i: usize| Value::String(corpus.articles[i].id.clone());
        obj.insert(
            "duplicate_of".into(),
            corpus.duplicate_of(index).map_or(Value::Null, id),
        );
        obj.insert(
            "also_in".into(),
            Value::Array(corpus.also_in(index).iter().map(|&i| id(i)).collect()),
        );
    }
    value
}

/// The reader's marks for the JSON: `read`, `bookmarked`, `note`, `position`, and
/// `story_shown`, the story the reader shows the article in (`story` is only a pinned id).
fn add_reading(
    value: &mut Value,
    corpus: &Corpus,
    index: usize,
    reading: &crate::state::ReadingState,
    stories: &[Option<usize>],
) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    let marks = reading.get(&corpus.articles[index].id);
    obj.insert("read".into(), json!(marks.read));
    obj.insert("bookmarked".into(), json!(marks.bookmarked));
    obj.insert("note".into(), json!(marks.note));
    obj.insert(
        "position".into(),
        marks
            .position
            .map_or(Value::Null, |p| json!({"block": p.block, "line": p.line})),
    );
    // A near-duplicate copy left its story: it is read in its original's.
    let story_of = |i: usize| stories.get(i).copied().flatten();
    let shown = story_of(index)
        .or_else(|| corpus.duplicate_of(index).and_then(story_of))
        .and_then(|s| corpus.stories.get(s))
        .map(|s| s.id.clone());
    obj.insert("story_shown".into(), json!(shown));
}

/// An article as JSON without its blocks (for `list`).
pub fn summary_json(corpus: &Corpus, index: usize) -> Value {
    let mut value = article_json(corpus, index);
    if let Some(obj) = value.as_object_mut() {
        obj.remove("blocks");
    }
    value
}

fn pad(text: &str, width: usize) -> String {
    let cut = truncate_to_width(text, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// The saved reading state, read only when an output needs it.
pub type ReadingSource<'a> = &'a dyn Fn() -> crate::state::ReadingState;

pub fn print_list(
    corpus: &Corpus,
    format: ListFormat,
    reading_state: ReadingSource,
) -> io::Result<ExitCode> {
    let mut out = crate::text::sanitize::stdout();
    match format {
        ListFormat::Json => {
            let reading = reading_state();
            let stories = crate::app::article_list::story_index(corpus);
            let items: Vec<Value> = (0..corpus.articles.len())
                .map(|i| {
                    let mut value = summary_json(corpus, i);
                    add_reading(&mut value, corpus, i, &reading, &stories);
                    value
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            // Columns as wide as their longest value, so ids can be copied whole into `show`.
            let width = |values: &mut dyn Iterator<Item = usize>, header: &str, max: usize| {
                values
                    .max()
                    .unwrap_or(0)
                    .max(display_width(header))
                    .min(max)
            };
            let articles = &corpus.articles;
            let id_w = width(&mut articles.iter().map(|a| display_width(&a.id)), "ID", 80);
            let p_w = width(
                &mut articles.iter().map(|a| display_width(&a.perspective)),
                "PERSPECTIVE",
                30,
            );
            let o_w = width(
                &mut articles
                    .iter()
                    .map(|a| display_width(a.outlet.as_deref().unwrap_or("-"))),
                "OUTLET",
                24,
            );
            writeln!(
                out,
                "{} {} {} {} TITLE",
                pad("ID", id_w),
                pad("PERSPECTIVE", p_w),
                pad("OUTLET", o_w),
                pad("DATE", 10)
            )?;
            for a in articles {
                writeln!(
                    out,
                    "{} {} {} {} {}",
                    pad(&a.id, id_w),
                    pad(&a.perspective, p_w),
                    pad(a.outlet.as_deref().unwrap_or("-"), o_w),
                    pad(a.day().unwrap_or("-"), 10),
                    a.title
                )?;
            }
            let warnings = corpus.warning_count();
            if warnings > 0 {
                writeln!(
                    out,
                    "({} article(s), {warnings} warning(s): run `parallax check` to see them)",
                    corpus.articles.len()
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print_show(
    corpus: &Corpus,
    id: &str,
    format: ShowFormat,
    dropped: bool,
    reading_state: ReadingSource,
) -> io::Result<ExitCode> {
    let index = match corpus.resolve(id) {
        Ok(index) => index,
        Err(why) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {why}"));
            return Ok(ExitCode::from(2));
        }
    };
    let article = &corpus.articles[index];
    let mut out = crate::text::sanitize::stdout();
    match format {
        ShowFormat::Json => {
            let mut value = article_json(corpus, index);
            let stories = crate::app::article_list::story_index(corpus);
            add_reading(&mut value, corpus, index, &reading_state(), &stories);
            if dropped {
                if let Some(obj) = value.as_object_mut() {
                    obj.insert("dropped".into(), json!(article.dropped));
                }
            }
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            writeln!(out, "{}", article.title)?;
            let field = |name: &str, value: Option<&str>| {
                value
                    .map(|v| format!("{name:<12}{v}\n"))
                    .unwrap_or_default()
            };
            write!(
                out,
                "{}{}{}{}{}{}{}{}{}{}",
                field("id", Some(&article.id)),
                field("source", Some(&article.source)),
                field("format", Some(article.format.as_str())),
                field("outlet", article.outlet.as_deref()),
                field(
                    "perspective",
                    Some(&format!(
                        "{} ({})",
                        article.perspective, article.perspective_reason
                    ))
                ),
                field("date", article.date.as_deref()),
                field("language", article.language.as_deref()),
                field("url", article.url.as_deref()),
                field("byline", article.byline.as_deref()),
                field("dateline", article.dateline.as_deref()),
            )?;
            if let Some(story) = &article.story {
                writeln!(out, "{:<12}{story}", "story")?;
            }
            if let Some(original) = corpus.duplicate_of(index) {
                writeln!(out, "{:<12}{}", "copy of", corpus.articles[original].id)?;
            }
            for &copy in corpus.also_in(index) {
                let a = &corpus.articles[copy];
                writeln!(
                    out,
                    "{:<12}{} ({})",
                    "also in",
                    a.outlet.as_deref().unwrap_or("unknown outlet"),
                    a.id
                )?;
            }
            for w in &article.warnings {
                writeln!(out, "{:<12}{w}", "warning")?;
            }
            let reading = reading_state().get(&article.id);
            if let Some(note) = &reading.note {
                writeln!(out, "{:<12}{note}", "note")?;
            }
            if reading.read || reading.bookmarked {
                let marks = [(reading.read, "read"), (reading.bookmarked, "bookmarked")];
                let marks: Vec<&str> = marks.iter().filter(|m| m.0).map(|m| m.1).collect();
                writeln!(out, "{:<12}{}", "marks", marks.join(", "))?;
            }
            writeln!(out)?;
            for block in &article.blocks {
                match block.kind {
                    BlockKind::Heading => writeln!(out, "## {}\n", block.text)?,
                    BlockKind::ListItem => writeln!(out, "  • {}", block.text)?,
                    BlockKind::Quote => writeln!(out, "  > {}\n", block.text)?,
                    BlockKind::Caption => writeln!(out, "  [{}]\n", block.text)?,
                    BlockKind::Table => {
                        for row in block.rows.iter().flatten() {
                            writeln!(out, "  | {} |", row.join(" | "))?;
                        }
                        writeln!(out)?;
                    }
                    BlockKind::Paragraph => writeln!(out, "{}\n", block.text)?,
                }
            }
            if dropped {
                writeln!(out, "--- dropped ({}) ---", article.dropped.len())?;
                for d in &article.dropped {
                    writeln!(out, "[{}] {}", d.reason, d.text)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per warning; fails only when nothing at all could be read.
pub fn print_check(corpus: &Corpus) -> io::Result<ExitCode> {
    let mut out = crate::text::sanitize::stdout();
    let warnings = corpus.all_warnings();
    for w in &warnings {
        writeln!(out, "warning: {w}")?;
    }
    writeln!(
        out,
        "{} article(s) loaded, {} warning(s)",
        corpus.articles.len(),
        warnings.len()
    )?;
    Ok(if corpus.articles.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
