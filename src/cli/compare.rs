//! `align` and `compare`: the story analysis on the command line.

use super::report::{self, Report};
use crate::analysis::align::align_story;
use crate::analysis::story::{find_story, spread_over_perspectives, StoryAnalysis};
use crate::model::{Corpus, Story};
use crate::text::width::{display_width, truncate_to_width};
use clap::ValueEnum;
use serde_json::{json, Map, Value};
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Markdown,
    Json,
    Html,
}

fn pad(text: &str, width: usize) -> String {
    let cut = truncate_to_width(text, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `parallax align ID`: each block of the article and its best counterpart in every other
/// article of its story.
pub fn print_align(corpus: &Corpus, id: &str, format: AlignFormat) -> io::Result<ExitCode> {
    let index = match corpus.resolve(id) {
        Ok(index) => index,
        Err(why) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {why}"));
            return Ok(ExitCode::from(2));
        }
    };
    // The corpus was clustered when it loaded, and near-duplicate copies left their stories.
    let stories = &corpus.stories;
    let Some(story) = stories.iter().find(|s| s.articles.contains(&index)) else {
        crate::text::sanitize::eprint_line(&format!(
            "parallax: article \"{id}\" belongs to no story"
        ));
        return Ok(ExitCode::from(2));
    };
    // As `compare`: a story of hundreds of items is aligned against a spread of them.
    let max = crate::app::compare::MAX_COMPARED_ARTICLES;
    let mut members: Vec<usize> = story.articles.clone();
    if members.len() > max {
        let rest: Vec<usize> = members.iter().copied().filter(|&a| a != index).collect();
        members = spread_over_perspectives(corpus, &rest, max - 1);
        members.insert(0, index);
        crate::text::sanitize::eprint_line(&format!(
            "parallax: the story has {} articles: aligned against {} of them (at most {max})",
            story.articles.len(),
            members.len() - 1
        ));
    }
    let alignment = align_story(&corpus.articles, &members);
    if let Some(cap) = alignment.blocks_cap {
        crate::text::sanitize::eprint_line(&format!(
            "parallax: long articles: only the first {cap} block(s) of each aligned"
        ));
    }
    let article = &corpus.articles[index];
    let others: Vec<usize> = members.iter().copied().filter(|&a| a != index).collect();
    let mut out = crate::text::sanitize::stdout();
    match format {
        AlignFormat::Json => {
            let blocks: Vec<Value> = article
                .blocks
                .iter()
                .enumerate()
                .map(|(b, block)| {
                    let mut counterparts = Map::new();
                    for &other in &others {
                        let value = match alignment.counterpart(index, b, other) {
                            Some(m) => json!({
                                "article": corpus.articles[other].id,
                                "block": m.block,
                                "score": (f64::from(m.score) * 1000.0).round() / 1000.0,
                                "runner_up": (f64::from(m.runner_up) * 1000.0).round() / 1000.0,
                                "weak": m.is_weak(),
                                "text": corpus.articles[other].blocks[m.block].text,
                            }),
                            None => Value::Null,
                        };
                        counterparts.insert(corpus.articles[other].id.clone(), value);
                    }
                    json!({
                        "block": b,
                        "kind": block.kind.as_str(),
                        "text": block.text,
                        "group": alignment.group_of(index, b),
                        "counterparts": counterparts,
                    })
                })
                .collect();
            let value = json!({
                "article": article.id,
                "story": {"id": story.id, "title": story.title},
                "blocks": blocks,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        AlignFormat::Table => {
            writeln!(out, "{} — story: {}", article.id, story.title)?;
            // Columns as wide as the longest "perspective id": ids are never cut. Block
            // numbers count from 1, as the reader's "paragraph N" does (JSON keeps 0-based
            // indexes).
            let heads: Vec<String> = others
                .iter()
                .map(|&o| {
                    format!(
                        "{} {}",
                        corpus.articles[o].perspective, corpus.articles[o].id
                    )
                })
                .collect();
            let column = heads
                .iter()
                .map(|h| display_width(h))
                .max()
                .unwrap_or(0)
                .max(11);
            let mut header = format!("{} {}", pad("BLOCK", 5), pad("TEXT", 44));
            for head in &heads {
                header.push_str(&format!(" {}", pad(head, column)));
            }
            writeln!(out, "{}", header.trim_end())?;
            for (b, block) in article.blocks.iter().enumerate() {
                let mut line = format!("{} {}", pad(&(b + 1).to_string(), 5), pad(&block.text, 44));
                for &other in &others {
                    let cell = match alignment.counterpart(index, b, other) {
                        Some(m) => format!("{:>3} ({:.2})", m.block + 1, m.score),
                        None => "  -".to_string(),
                    };
                    line.push_str(&format!(" {}", pad(&cell, column)));
                }
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `parallax stories`: the stories clustering finds, newest first.
pub fn print_stories(corpus: &Corpus, format: AlignFormat) -> io::Result<ExitCode> {
    // The corpus was clustered when it loaded, and near-duplicate copies left their stories.
    let stories = &corpus.stories;
    let mut out = crate::text::sanitize::stdout();
    match format {
        AlignFormat::Json => {
            let items: Vec<Value> = stories
                .iter()
                .map(|s| {
                    json!({
                        "id": s.id,
                        "title": s.title,
                        "first_day": s.first_day,
                        "last_day": s.last_day,
                        "articles": s.articles.iter().map(|&i| &corpus.articles[i].id).collect::<Vec<_>>(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        AlignFormat::Table => {
            writeln!(
                out,
                "{} {} {} TITLE",
                pad("STORY", 44),
                pad("DAYS", 23),
                pad("N", 3)
            )?;
            for s in stories {
                let days = match (&s.first_day, &s.last_day) {
                    (Some(a), Some(b)) if a == b => a.clone(),
                    (Some(a), Some(b)) => format!("{a} – {b}"),
                    _ => "undated".into(),
                };
                writeln!(
                    out,
                    "{} {} {} {}",
                    pad(&s.id, 44),
                    pad(&days, 23),
                    pad(&s.articles.len().to_string(), 3),
                    s.title
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The stories a `compare` covers: the one asked for (by story id or an article id), else
/// every story of two or more articles, else every story.
fn chosen_stories(corpus: &Corpus, key: Option<&str>) -> Result<Vec<Story>, String> {
    // The corpus was clustered when it loaded, and near-duplicate copies left their stories.
    let stories = &corpus.stories;
    match key {
        Some(key) => find_story(stories, corpus, key)
            .cloned()
            .map(|s| vec![s])
            .ok_or_else(|| {
                let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
                format!(
                    "no story or article \"{key}\" (stories: {})",
                    ids.join(", ")
                )
            }),
        None => {
            let several: Vec<Story> = stories
                .iter()
                .filter(|s| s.articles.len() > 1)
                .cloned()
                .collect();
            Ok(if several.is_empty() {
                stories.clone()
            } else {
                several
            })
        }
    }
}

/// `parallax compare`: the comparison report of one story or all of them.
pub fn print_compare(
    corpus: &Corpus,
    story: Option<&str>,
    format: CompareFormat,
) -> io::Result<ExitCode> {
    let stories = match chosen_stories(corpus, story) {
        Ok(s) => s,
        Err(message) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {message}"));
            return Ok(ExitCode::from(2));
        }
    };
    let reports: Vec<Report> = stories
        .iter()
        // As the reader does: a story of hundreds of items is compared on a spread of them.
        .map(|s| {
            let analysis =
                StoryAnalysis::capped(corpus, s, crate::app::compare::MAX_COMPARED_ARTICLES);
            Report::new(corpus, &analysis)
        })
        .collect();
    let mut out = crate::text::sanitize::stdout();
    match format {
        CompareFormat::Json => {
            let value = if reports.len() == 1 {
                serde_json::to_value(&reports[0])
            } else {
                serde_json::to_value(&reports)
            }
            .unwrap_or(Value::Null);
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        CompareFormat::Markdown => out.write_all(report::markdown(&reports).as_bytes())?,
        CompareFormat::Html => out.write_all(report::html(&reports).as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
