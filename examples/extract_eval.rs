//! Measure the web-page extractor on the extraction-dev set.
//!
//!     cargo run --release --example extract_eval -- OUTDIR [--stage extract|article] [--html-dir DIR]
//!     python3 ../shared/extraction-dev/eval.py OUTDIR --gt ../shared/extraction-dev/ground-truth.json --n-bootstrap 0
//!
//! Writes `OUTDIR/<id>.txt` for each `<id>.html`: the blocks' text, one block a line. Stage
//! `extract` (default) is what the extractor hands the pipeline; `article` is what a reader sees
//! after the whole ingest (boilerplate rules, metadata lines taken out). Prints the time per
//! page of the extraction alone.
#![allow(clippy::disallowed_macros)] // measurement notes, not untrusted text

use parallax::ingest::html::HtmlExtractor;
use parallax::ingest::webpage::WebPageExtractor;
use parallax::ingest::Ingestor;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut stage = "extract".to_string();
    let mut html_dir = PathBuf::from("../shared/extraction-dev/html");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stage" => stage = args.next().ok_or("--stage needs a value")?,
            "--html-dir" => html_dir = args.next().ok_or("--html-dir needs a value")?.into(),
            _ => out = Some(arg.into()),
        }
    }
    let out = out.ok_or("usage: extract_eval OUTDIR [--stage extract|article] [--html-dir DIR]")?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&html_dir)
        .map_err(|e| format!("{}: {e}", html_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    let extractor = WebPageExtractor::default();
    let ingestor = Ingestor::default();
    let mut total = Duration::ZERO;
    let mut slowest = (Duration::ZERO, String::new());
    for page in &pages {
        let bytes = std::fs::read(page).map_err(|e| format!("{}: {e}", page.display()))?;
        let html = String::from_utf8_lossy(&bytes);
        let id = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let started = Instant::now();
        let draft = extractor.extract(&html);
        let took = started.elapsed();
        total += took;
        if took > slowest.0 {
            slowest = (took, format!("{id} ({} KB)", bytes.len() / 1024));
        }
        let lines: Vec<String> = match stage.as_str() {
            // Text blocks only: image alt texts and separators never reach the reader.
            "extract" => draft
                .blocks
                .iter()
                .filter(|b| b.block_kind().is_some())
                .map(|b| b.text.clone())
                .collect(),
            "article" => ingestor
                .ingest_file(&page.display().to_string(), &bytes, None)
                .articles
                .into_iter()
                .flat_map(|a| a.blocks)
                .map(|b| b.text)
                .collect(),
            other => return Err(format!("unknown stage {other}")),
        };
        let path = out.join(format!("{id}.txt"));
        std::fs::write(&path, lines.join("\n")).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let n = pages.len().max(1) as u32;
    eprintln!(
        "{} pages, extraction {:.1} ms/page on average, slowest {:.1} ms: {}",
        pages.len(),
        (total / n).as_secs_f64() * 1000.0,
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1
    );
    Ok(())
}
