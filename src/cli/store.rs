//! `parallax store`: where the store is and what it holds; `--vacuum`, `--rebuild`.

use super::ListFormat;
use crate::store::Store;
use crate::text::sanitize::{clean_line, eprint_line, stdout};
use std::io::Write;
use std::process::ExitCode;

pub fn run(vacuum: bool, rebuild: bool, format: ListFormat) -> std::io::Result<ExitCode> {
    let mut store = match Store::open_default() {
        Ok(store) => store,
        Err(e) => {
            eprint_line(&format!("parallax: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let done = (|| {
        if rebuild {
            store.clear_caches()?;
        }
        if vacuum || rebuild {
            store.vacuum()?;
        }
        store.info()
    })();
    let info = match done {
        Ok(info) => info,
        Err(e) => {
            eprint_line(&format!("parallax: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let path = clean_line(&info.path.display().to_string());
    let mut out = stdout();
    match format {
        ListFormat::Json => {
            let json = serde_json::json!({
                "path": path,
                "schema_version": info.schema_version,
                "database_bytes": info.database_bytes,
                "wal_bytes": info.wal_bytes,
                "files": info.files,
                "articles": info.articles,
                "story_results": info.story_results,
                "reading_entries": info.reading_entries,
            });
            writeln!(out, "{json}")?;
        }
        ListFormat::Table => {
            if rebuild {
                writeln!(
                    out,
                    "caches cleared; the next launch parses every file again"
                )?;
            } else if vacuum {
                writeln!(out, "vacuumed")?;
            }
            let mb = |b: u64| format!("{:.1} MB", b as f64 / 1_048_576.0);
            writeln!(out, "{:<16}{path}", "store")?;
            writeln!(out, "{:<16}{}", "schema version", info.schema_version)?;
            writeln!(
                out,
                "{:<16}{} (+ {} write-ahead log)",
                "size",
                mb(info.database_bytes),
                mb(info.wal_bytes)
            )?;
            writeln!(out, "{:<16}{}", "files cached", info.files)?;
            writeln!(out, "{:<16}{}", "articles cached", info.articles)?;
            writeln!(out, "{:<16}{}", "story results", info.story_results)?;
            writeln!(out, "{:<16}{}", "reading state", info.reading_entries)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
