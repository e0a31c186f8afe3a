//! `parallax topics` (topics per article, per block) and `parallax coverage` (a story's
//! topics × perspectives). Rendering is pure (`render_*` return the text or JSON); the
//! `print_*` functions only write it out.

use crate::analysis::topics::{coverage, default_story, ArticleTags, BlockTags, Coverage, Lexicon};
use crate::ingest::classify::Classifier;
use crate::model::{Corpus, Story};
use crate::text::width::{display_width, truncate_to_width};
use clap::ValueEnum;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TopicsFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    Table,
    Json,
    Markdown,
}

pub fn print_topics(corpus: &Corpus, format: TopicsFormat, blocks: bool) -> io::Result<ExitCode> {
    crate::text::sanitize::stdout().write_all(topics_output(corpus, format, blocks).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn print_coverage(
    corpus: &Corpus,
    story: Option<&str>,
    format: CoverageFormat,
) -> io::Result<ExitCode> {
    match coverage_output(corpus, story, format) {
        Ok(text) => {
            crate::text::sanitize::stdout().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(message) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {message}"));
            Ok(ExitCode::from(2))
        }
    }
}

/// What `parallax topics` prints.
pub fn topics_output(corpus: &Corpus, format: TopicsFormat, blocks: bool) -> String {
    let lexicon = Lexicon::active();
    let tags = lexicon.tag_corpus(corpus);
    match format {
        TopicsFormat::Json => {
            let value = topics_json(corpus, &tags, lexicon, blocks);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
        TopicsFormat::Table => topics_table(corpus, &tags, lexicon, blocks),
    }
}

/// What `parallax coverage` prints, or why there is nothing to print.
pub fn coverage_output(
    corpus: &Corpus,
    story: Option<&str>,
    format: CoverageFormat,
) -> Result<String, String> {
    let chosen = match story {
        Some(id) => corpus.stories.iter().find(|s| s.id == id),
        None => default_story(corpus),
    };
    let Some(story) = chosen else {
        return Err(match story {
            Some(id) => {
                let ids: Vec<&str> = corpus.stories.iter().map(|s| s.id.as_str()).collect();
                format!(
                    "no story with id \"{id}\" (stories: {})",
                    if ids.is_empty() {
                        "none".to_string()
                    } else {
                        ids.join(", ")
                    }
                )
            }
            None => "no articles, so no story to show".to_string(),
        });
    };
    let lexicon = Lexicon::active();
    let classifier = Classifier::active();
    let tags = lexicon.tag_corpus(corpus);
    let matrix = coverage(corpus, &tags, story, lexicon.topics().len(), &|id| {
        classifier.order(id)
    });
    let label = |id: &str| {
        classifier
            .perspective(id)
            .map_or_else(|| id.to_string(), |p| p.label.clone())
    };
    Ok(match format {
        CoverageFormat::Json => {
            let value = coverage_json(corpus, story, &matrix, lexicon, &label);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
        CoverageFormat::Table => coverage_table(corpus, story, &matrix, lexicon, &label),
        CoverageFormat::Markdown => coverage_markdown(corpus, story, &matrix, lexicon, &label),
    })
}

fn pad(text: &str, width: usize) -> String {
    let cut = truncate_to_width(text, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// The topics of a block as JSON: id and the matched spans (byte offsets into the text).
fn block_topics_json(text: &str, tags: &BlockTags, lexicon: &Lexicon) -> Value {
    Value::Array(
        tags.tags
            .iter()
            .map(|t| {
                json!({
                    "id": lexicon.topic(t.topic).id,
                    "spans": t.spans.iter().map(|s| json!({
                        "start": s.start,
                        "end": s.end,
                        "text": text.get(s.clone()).unwrap_or_default(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

pub fn topics_json(
    corpus: &Corpus,
    tags: &[ArticleTags],
    lexicon: &Lexicon,
    with_blocks: bool,
) -> Value {
    let articles = corpus
        .articles
        .iter()
        .zip(tags)
        .map(|(article, tags)| {
            let mut value = json!({
                "id": article.id,
                "perspective": article.perspective,
                "title": article.title,
                "block_count": article.blocks.len(),
                "topics": tags.topics.iter().map(|t| {
                    let topic = lexicon.topic(t.topic);
                    json!({
                        "id": topic.id,
                        "label": topic.label,
                        "blocks": t.blocks,
                        "matches": t.matches,
                        "in_title": t.in_title,
                        "in_lead": t.in_lead,
                        "main": t.main,
                    })
                }).collect::<Vec<_>>(),
            });
            if with_blocks {
                if let Some(obj) = value.as_object_mut() {
                    obj.insert(
                        "title_topics".into(),
                        block_topics_json(&article.title, &tags.title, lexicon),
                    );
                    obj.insert(
                        "blocks".into(),
                        article
                            .blocks
                            .iter()
                            .zip(&tags.blocks)
                            .enumerate()
                            .map(|(index, (block, tags))| {
                                json!({
                                    "index": index,
                                    "kind": block.kind.as_str(),
                                    "topics": block_topics_json(&block.text, tags, lexicon),
                                })
                            })
                            .collect(),
                    );
                }
            }
            value
        })
        .collect();
    Value::Array(articles)
}

/// The matched terms of a block, as the text shows them, joined for one line.
fn terms_line(text: &str, tags: &BlockTags, lexicon: &Lexicon) -> String {
    tags.tags
        .iter()
        .map(|t| {
            let mut terms: Vec<&str> = t.spans.iter().filter_map(|s| text.get(s.clone())).collect();
            terms.dedup();
            format!("{}: {}", lexicon.topic(t.topic).id, terms.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn topics_table(
    corpus: &Corpus,
    tags: &[ArticleTags],
    lexicon: &Lexicon,
    with_blocks: bool,
) -> String {
    let mut out = String::new();
    // As wide as the longest id: ids are never cut.
    let id_width = corpus
        .articles
        .iter()
        .map(|a| display_width(&a.id))
        .max()
        .unwrap_or(0)
        .max(7);
    let _ = writeln!(
        out,
        "{} {} {} TOPICS (blocks tagged; * = main topic)",
        pad("ARTICLE", id_width),
        pad("PERSPECTIVE", 11),
        pad("BLOCKS", 6),
    );
    for (article, tags) in corpus.articles.iter().zip(tags) {
        let topics = tags
            .topics
            .iter()
            .map(|t| {
                format!(
                    "{} {}{}",
                    lexicon.topic(t.topic).id,
                    t.blocks,
                    if t.main { "*" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("  ");
        let _ = writeln!(
            out,
            "{} {} {:>6} {}",
            pad(&article.id, id_width),
            pad(&article.perspective, 11),
            article.blocks.len(),
            if topics.is_empty() {
                "-".into()
            } else {
                topics
            }
        );
        if with_blocks {
            if !tags.title.is_empty() {
                let _ = writeln!(
                    out,
                    "  {:>5} {} {}",
                    "title",
                    pad("", 9),
                    terms_line(&article.title, &tags.title, lexicon)
                );
            }
            for (i, (block, block_tags)) in article.blocks.iter().zip(&tags.blocks).enumerate() {
                let terms = terms_line(&block.text, block_tags, lexicon);
                let _ = writeln!(
                    out,
                    "  {:>5} {} {}",
                    format!("#{i}"),
                    pad(block.kind.as_str(), 9),
                    if terms.is_empty() { "-".into() } else { terms }
                );
            }
            let _ = writeln!(out);
        }
    }
    let warnings = corpus.warning_count();
    if warnings > 0 {
        let _ = writeln!(
            out,
            "({} article(s), {warnings} warning(s): run `parallax check` to see them)",
            corpus.articles.len()
        );
    }
    out
}

const BAR_CELLS: usize = 10;

/// A bar of `fraction` (0..=1) of `BAR_CELLS` cells, in eighths.
fn bar(fraction: f64) -> String {
    let eighths = (fraction.clamp(0.0, 1.0) * (BAR_CELLS * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    if eighths == 0 {
        // A topic with any coverage always shows a sliver, so it never reads as a gap.
        s.push('▏');
    }
    s
}

fn story_heading(story: &Story) -> String {
    let days = match (&story.first_day, &story.last_day) {
        (Some(a), Some(b)) if a != b => format!(", {a}…{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    format!("{} ({}{days})", story.title, story.id)
}

pub fn coverage_table(
    corpus: &Corpus,
    story: &Story,
    matrix: &Coverage,
    lexicon: &Lexicon,
    label: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", story_heading(story));
    let _ = writeln!(
        out,
        "Blocks about each topic per perspective; the bar is their share of that side's blocks. ✗ gap: others cover it, this side does not.\n"
    );
    let topic_width = matrix
        .topics
        .iter()
        .map(|&t| display_width(&lexicon.topic(t).label))
        .max()
        .unwrap_or(5)
        .max(5);
    let subs: Vec<String> = matrix
        .perspectives
        .iter()
        .map(|p| {
            let articles = p.articles.len();
            let s = if articles == 1 { "" } else { "s" };
            format!("{articles} article{s}, {} blocks", p.blocks)
        })
        .collect();
    let column = matrix
        .perspectives
        .iter()
        .map(|p| display_width(&label(&p.id)))
        .chain(subs.iter().map(|s| display_width(s)))
        .fold(4 + BAR_CELLS + 2, usize::max);
    let mut header = pad("TOPIC", topic_width);
    let mut sub = pad("", topic_width);
    for (p, text) in matrix.perspectives.iter().zip(&subs) {
        header.push_str("  ");
        header.push_str(&pad(&label(&p.id), column));
        sub.push_str("  ");
        sub.push_str(&pad(text, column));
    }
    let _ = writeln!(out, "{}", header.trim_end());
    let _ = writeln!(out, "{}", sub.trim_end());
    let max = matrix.max_share();
    for (row, &topic) in matrix.topics.iter().enumerate() {
        let mut line = pad(&lexicon.topic(topic).label, topic_width);
        for (col, cell) in matrix.cells[row].iter().enumerate() {
            line.push_str("  ");
            let graphic = if cell.blocks > 0 {
                bar(if max > 0.0 {
                    matrix.share(row, col) / max
                } else {
                    0.0
                })
            } else if matrix.is_gap(row, col) {
                "✗ gap".to_string()
            } else {
                "·".to_string()
            };
            line.push_str(&pad(&format!("{:>3} {graphic}", cell.blocks), column));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }

    let _ = writeln!(out, "\nBy article:");
    let mut header = pad("TOPIC", topic_width);
    for (i, _) in matrix.articles.iter().enumerate() {
        header.push_str(&format!("  {:>4}", format!("A{}", i + 1)));
    }
    let _ = writeln!(out, "{header}");
    for (row, &topic) in matrix.topics.iter().enumerate() {
        let mut line = pad(&lexicon.topic(topic).label, topic_width);
        for a in &matrix.articles {
            line.push_str(&format!("  {:>4}", a.counts[row]));
        }
        let _ = writeln!(out, "{line}");
    }
    for (i, a) in matrix.articles.iter().enumerate() {
        let article = &corpus.articles[a.article];
        let _ = writeln!(
            out,
            "  A{} = {} ({}, {}, {} blocks) {}",
            i + 1,
            article.id,
            label(&matrix.perspectives[a.perspective].id),
            article.outlet.as_deref().unwrap_or("unknown outlet"),
            a.blocks,
            truncate_to_width(&article.title, 60)
        );
    }

    let _ = writeln!(out);
    if matrix.gaps.is_empty() {
        let _ = writeln!(out, "No gaps.");
    } else {
        let _ = writeln!(out, "Gaps:");
        for line in gap_lines(matrix, lexicon, label) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

fn gap_lines(matrix: &Coverage, lexicon: &Lexicon, label: &dyn Fn(&str) -> String) -> Vec<String> {
    matrix
        .gaps
        .iter()
        .map(|g| {
            let row = matrix.row(g.topic).unwrap_or(0);
            let covered = g
                .covered_by
                .iter()
                .map(|&c| {
                    format!(
                        "{} ({})",
                        label(&matrix.perspectives[c].id),
                        matrix.cells[row][c].blocks
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            let missing = g
                .missing
                .iter()
                .map(|&c| label(&matrix.perspectives[c].id))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "{}: covered by {covered}; absent from {missing}",
                lexicon.topic(g.topic).label
            )
        })
        .collect()
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub fn coverage_markdown(
    corpus: &Corpus,
    story: &Story,
    matrix: &Coverage,
    lexicon: &Lexicon,
    label: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Coverage: {}\n", md_cell(&story_heading(story)));
    let _ = write!(out, "| Topic |");
    for p in &matrix.perspectives {
        let _ = write!(out, " {} ({} blocks) |", md_cell(&label(&p.id)), p.blocks);
    }
    let _ = write!(out, "\n|---|");
    for _ in &matrix.perspectives {
        let _ = write!(out, "---:|");
    }
    let _ = writeln!(out);
    for (row, &topic) in matrix.topics.iter().enumerate() {
        let _ = write!(out, "| {} |", md_cell(&lexicon.topic(topic).label));
        for (col, cell) in matrix.cells[row].iter().enumerate() {
            if matrix.is_gap(row, col) {
                let _ = write!(out, " **0 — gap** |");
            } else if cell.blocks == 0 {
                let _ = write!(out, " 0 |");
            } else {
                let _ = write!(
                    out,
                    " {} ({:.0}%) |",
                    cell.blocks,
                    matrix.share(row, col) * 100.0
                );
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "\nArticles:\n");
    for a in &matrix.articles {
        let article = &corpus.articles[a.article];
        let _ = writeln!(
            out,
            "- `{}` — {}, {}: {}",
            article.id,
            md_cell(&label(&matrix.perspectives[a.perspective].id)),
            md_cell(article.outlet.as_deref().unwrap_or("unknown outlet")),
            md_cell(&article.title)
        );
    }
    let _ = writeln!(out);
    if matrix.gaps.is_empty() {
        let _ = writeln!(out, "No gaps.");
    } else {
        let _ = writeln!(out, "Gaps:\n");
        for line in gap_lines(matrix, lexicon, label) {
            let _ = writeln!(out, "- {}", md_cell(&line));
        }
    }
    out
}

pub fn coverage_json(
    corpus: &Corpus,
    story: &Story,
    matrix: &Coverage,
    lexicon: &Lexicon,
    label: &dyn Fn(&str) -> String,
) -> Value {
    let perspective_id = |c: usize| matrix.perspectives[c].id.as_str();
    json!({
        "story": {
            "id": story.id,
            "title": story.title,
            "first_day": story.first_day,
            "last_day": story.last_day,
        },
        "perspectives": matrix.perspectives.iter().map(|p| json!({
            "id": p.id,
            "label": label(&p.id),
            "articles": p.articles.iter().map(|&a| corpus.articles[a].id.as_str()).collect::<Vec<_>>(),
            "blocks": p.blocks,
        })).collect::<Vec<_>>(),
        "articles": matrix.articles.iter().map(|a| json!({
            "id": corpus.articles[a.article].id,
            "perspective": perspective_id(a.perspective),
            "blocks": a.blocks,
        })).collect::<Vec<_>>(),
        "topics": matrix.topics.iter().enumerate().map(|(row, &t)| {
            let topic = lexicon.topic(t);
            json!({
                "id": topic.id,
                "label": topic.label,
                "color": topic.color,
                "cells": matrix.cells[row].iter().enumerate().map(|(col, cell)| json!({
                    "perspective": perspective_id(col),
                    "blocks": cell.blocks,
                    "share": (matrix.share(row, col) * 1000.0).round() / 1000.0,
                    "articles": cell.articles,
                    "gap": matrix.is_gap(row, col),
                    "first": cell.first.map(|f| json!({
                        "article": corpus.articles[f.article].id,
                        "block": f.block,
                    })),
                })).collect::<Vec<_>>(),
                "articles": matrix.articles.iter().map(|a| json!({
                    "id": corpus.articles[a.article].id,
                    "blocks": a.counts[row],
                })).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "gaps": matrix.gaps.iter().map(|g| json!({
            "topic": lexicon.topic(g.topic).id,
            "covered_by": g.covered_by.iter().map(|&c| perspective_id(c)).collect::<Vec<_>>(),
            "missing": g.missing.iter().map(|&c| perspective_id(c)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
