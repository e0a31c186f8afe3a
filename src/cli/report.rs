//! The comparison report of `parallax compare`: one structure, three renderings (JSON via
//! serde, Markdown, and a single self-contained HTML file). Every piece of article text is
//! escaped for the format it lands in.

use crate::analysis::figures::FigureGroup;
use crate::analysis::quotes::{join_words, DiffKind, DiffWord, QuoteGroup};
use crate::analysis::story::StoryAnalysis;
use crate::ingest::classify::Classifier;
use crate::model::{Article, Corpus};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct StoryInfo {
    pub id: String,
    pub title: String,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub articles: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleInfo {
    pub id: String,
    pub outlet: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PerspectiveArticles {
    pub id: String,
    pub label: String,
    pub color: String,
    pub articles: Vec<ArticleInfo>,
}

/// Topics × perspectives: how many paragraphs of each perspective touch each topic, from the
/// topic tagger (`analysis::topics`). `None` leaves the section out of the renderings.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageMatrix {
    /// Perspective ids, the columns.
    pub perspectives: Vec<String>,
    pub rows: Vec<CoverageRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub topic: String,
    pub label: String,
    /// One count per perspective, in `perspectives` order.
    pub counts: Vec<usize>,
}

/// The story's topics × perspectives, from the topic tagger; topics no article touches are
/// left out.
fn coverage_matrix(corpus: &Corpus, story: &crate::model::Story) -> CoverageMatrix {
    use crate::analysis::topics::{coverage, Lexicon};
    use crate::ingest::classify::Classifier;
    let lexicon = Lexicon::active();
    let classifier = Classifier::active();
    let tags = lexicon.tag_corpus(corpus);
    let matrix = coverage(corpus, &tags, story, lexicon.topics().len(), &|id| {
        classifier.order(id)
    });
    let rows = matrix
        .topics
        .iter()
        .enumerate()
        .map(|(row, &topic)| {
            let topic = lexicon.topic(topic);
            CoverageRow {
                topic: topic.id.clone(),
                label: topic.label.clone(),
                counts: matrix.cells[row].iter().map(|c| c.blocks).collect(),
            }
        })
        .filter(|row| row.counts.iter().any(|&n| n > 0))
        .collect();
    CoverageMatrix {
        perspectives: matrix.perspectives.iter().map(|p| p.id.clone()).collect(),
        rows,
    }
}

/// One block in an aligned group.
#[derive(Debug, Clone, Serialize)]
pub struct AlignedBlock {
    pub article: String,
    pub perspective: String,
    pub outlet: String,
    pub block: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub story: StoryInfo,
    pub perspectives: Vec<PerspectiveArticles>,
    pub coverage: Option<CoverageMatrix>,
    /// Paragraphs that tell the same point, one group per point, story order.
    pub aligned: Vec<Vec<AlignedBlock>>,
    pub figures: Vec<FigureGroup>,
    pub quotes: Vec<QuoteGroup>,
    /// What the analysis left out to stay bounded (a story of hundreds of articles, very
    /// long articles), one sentence each; empty when nothing was.
    pub limits: Vec<String>,
    /// Article ids in the story's order: the columns of the aligned table.
    #[serde(skip)]
    columns: Vec<(String, String, String)>,
}

fn outlet_of(article: &Article) -> String {
    article
        .outlet
        .clone()
        .unwrap_or_else(|| format!("unattributed ({})", article.id))
}

impl Report {
    pub fn new(corpus: &Corpus, analysis: &StoryAnalysis) -> Report {
        let story = &analysis.story;
        let classifier = Classifier::active();
        let articles: Vec<&Article> = story
            .articles
            .iter()
            .map(|&i| &corpus.articles[i])
            .collect();
        let mut perspectives: Vec<PerspectiveArticles> = Vec::new();
        let mut members: Vec<&Article> = articles.clone();
        members.sort_by_key(|a| {
            (
                classifier.order(&a.perspective),
                a.date.clone(),
                a.id.clone(),
            )
        });
        for article in members {
            let info = ArticleInfo {
                id: article.id.clone(),
                outlet: article.outlet.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                url: article.url.clone(),
            };
            match perspectives
                .iter_mut()
                .find(|p| p.id == article.perspective)
            {
                Some(p) => p.articles.push(info),
                None => {
                    let known = classifier.perspective(&article.perspective);
                    perspectives.push(PerspectiveArticles {
                        id: article.perspective.clone(),
                        label: known
                            .map_or_else(|| article.perspective.clone(), |p| p.label.clone()),
                        color: known.map_or_else(|| "#a8a8a8".to_string(), |p| p.color.clone()),
                        articles: vec![info],
                    });
                }
            }
        }
        let aligned = analysis
            .alignment
            .groups()
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|&(a, b)| {
                        let article = &corpus.articles[a];
                        AlignedBlock {
                            article: article.id.clone(),
                            perspective: article.perspective.clone(),
                            outlet: outlet_of(article),
                            block: b,
                            text: article.blocks[b].text.clone(),
                        }
                    })
                    .collect()
            })
            .collect();
        Report {
            story: StoryInfo {
                id: story.id.clone(),
                title: story.title.clone(),
                first_day: story.first_day.clone(),
                last_day: story.last_day.clone(),
                articles: story.articles.len(),
            },
            perspectives,
            coverage: Some(coverage_matrix(corpus, story)),
            aligned,
            figures: analysis.figures.clone(),
            quotes: analysis.quotes.clone(),
            limits: analysis.limits.clone(),
            columns: articles
                .iter()
                .map(|a| (a.id.clone(), a.perspective.clone(), outlet_of(a)))
                .collect(),
        }
    }

    fn label(&self, perspective: &str) -> String {
        self.perspectives
            .iter()
            .find(|p| p.id == perspective)
            .map_or_else(|| perspective.to_string(), |p| p.label.clone())
    }

    fn color(&self, perspective: &str) -> String {
        let color = self
            .perspectives
            .iter()
            .find(|p| p.id == perspective)
            .map_or("#a8a8a8", |p| p.color.as_str());
        // Only a plain #rrggbb reaches the style attribute.
        let ok = color.len() == 7
            && color.starts_with('#')
            && color[1..].chars().all(|c| c.is_ascii_hexdigit());
        if ok {
            color.to_string()
        } else {
            "#a8a8a8".to_string()
        }
    }

    fn outlet(&self, article: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.0 == article)
            .map_or_else(|| article.to_string(), |c| c.2.clone())
    }

    fn span(&self) -> String {
        match (&self.story.first_day, &self.story.last_day) {
            (Some(a), Some(b)) if a == b => a.clone(),
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "undated".into(),
        }
    }

    /// Groups of figures worth a reader's eye: stated by two or more articles, or differing.
    fn shared_figures(&self) -> Vec<&FigureGroup> {
        self.figures
            .iter()
            .filter(|g| {
                let mut a: Vec<&str> = g
                    .values
                    .iter()
                    .flat_map(|v| v.mentions.iter().map(|m| m.article_id.as_str()))
                    .collect();
                a.sort_unstable();
                a.dedup();
                g.differs || a.len() > 1
            })
            .collect()
    }
}

/// Escape text for Markdown: backslash before every character Markdown or inline HTML could
/// act on, newlines flattened.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn md_diff(diff: &[DiffWord]) -> String {
    let parts: Vec<String> = diff
        .iter()
        .filter_map(|w| match w.kind {
            DiffKind::Same => w.b.as_deref().map(md_escape),
            DiffKind::Paraphrase => w.b.as_deref().map(|b| format!("_{}_", md_escape(b))),
            DiffKind::Added => w.b.as_deref().map(|b| format!("**{}**", md_escape(b))),
            DiffKind::Removed => w.a.as_deref().map(|a| format!("~~{}~~", md_escape(a))),
        })
        .collect();
    join_words(parts.iter().map(String::as_str))
}

/// The reports as one Markdown document.
pub fn markdown(reports: &[Report]) -> String {
    let mut md = String::new();
    for (k, r) in reports.iter().enumerate() {
        if k > 0 {
            md.push_str("\n---\n\n");
        }
        let _ = writeln!(md, "# {}\n", md_escape(&r.story.title));
        let _ = writeln!(
            md,
            "{} · {} article(s) · story `{}`\n",
            r.span(),
            r.story.articles,
            r.story.id.replace('`', "'")
        );
        for limit in &r.limits {
            let _ = writeln!(md, "> Limit: {}\n", md_escape(limit));
        }
        md.push_str("## Articles by perspective\n\n");
        for p in &r.perspectives {
            let _ = writeln!(md, "### {}\n", md_escape(&p.label));
            for a in &p.articles {
                let outlet = a.outlet.as_deref().unwrap_or("unattributed");
                let date = a
                    .date
                    .as_deref()
                    .and_then(|d| d.get(..10))
                    .unwrap_or("undated");
                let _ = writeln!(
                    md,
                    "- **{}** — {} ({date}) `{}`",
                    md_escape(outlet),
                    md_escape(&a.title),
                    a.id.replace('`', "'")
                );
            }
            md.push('\n');
        }
        if let Some(coverage) = &r.coverage {
            md.push_str("## Coverage\n\n| Topic |");
            for p in &coverage.perspectives {
                let _ = write!(md, " {} |", md_escape(&r.label(p)));
            }
            md.push_str("\n|---|");
            md.push_str(&"---:|".repeat(coverage.perspectives.len()));
            md.push('\n');
            for row in &coverage.rows {
                let _ = write!(md, "| {} |", md_escape(&row.label));
                for c in &row.counts {
                    let _ = write!(md, " {c} |");
                }
                md.push('\n');
            }
            md.push('\n');
        }
        md.push_str("## Aligned paragraphs\n\n");
        if r.aligned.is_empty() {
            md.push_str("_No paragraph has a counterpart in another article._\n\n");
        }
        for (g, group) in r.aligned.iter().enumerate() {
            let _ = writeln!(
                md,
                "### Point {} — told by {} article(s)\n",
                g + 1,
                group.len()
            );
            for b in group {
                let _ = writeln!(
                    md,
                    "> **{} · {}** (¶{})  \n> {}\n>",
                    md_escape(&r.label(&b.perspective)),
                    md_escape(&b.outlet),
                    b.block + 1,
                    md_escape(&b.text)
                );
            }
            md.push('\n');
        }
        md.push_str("## Figures\n\n");
        let figures = r.shared_figures();
        if figures.is_empty() {
            md.push_str("_No figure is stated by more than one article._\n\n");
        } else {
            md.push_str("| Measure | Value | Stated by | In their words |\n|---|---|---|---|\n");
            for g in figures {
                let measure = if g.differs {
                    format!("**{}** ⚠ values differ", md_escape(&g.measure))
                } else {
                    md_escape(&g.measure)
                };
                for v in &g.values {
                    let by: Vec<String> = v
                        .perspectives()
                        .iter()
                        .map(|p| md_escape(&r.label(p)))
                        .collect();
                    let words: Vec<String> = v
                        .mentions
                        .iter()
                        .map(|m| {
                            format!(
                                "“{}” ({})",
                                md_escape(&m.text),
                                md_escape(&r.outlet(&m.article_id))
                            )
                        })
                        .collect();
                    let words = distinct(words);
                    let _ = writeln!(
                        md,
                        "| {measure} | {} | {} | {} |",
                        md_escape(&v.normalized),
                        by.join(", "),
                        words.join("; ")
                    );
                }
            }
            md.push('\n');
        }
        md.push_str("## Quotes\n\n");
        let shared: Vec<&QuoteGroup> = r.quotes.iter().filter(|g| g.quotes.len() > 1).collect();
        if shared.is_empty() {
            md.push_str("_No remark is quoted by more than one article._\n\n");
        }
        for g in shared {
            let who = if g.speakers.is_empty() {
                "Unattributed".to_string()
            } else {
                md_escape(&g.speakers.join(" / "))
            };
            let _ = writeln!(md, "### {who}\n");
            for (k, q) in g.quotes.iter().enumerate() {
                let text = if k == 0 {
                    md_escape(&q.text)
                } else {
                    md_diff(&g.diffs[k - 1])
                };
                let _ = writeln!(
                    md,
                    "- **{} · {}**: “{}”",
                    md_escape(&r.label(&q.perspective)),
                    md_escape(&r.outlet(&q.article_id)),
                    text
                );
            }
            md.push_str(
                "\nAgainst the first rendering: **added**, ~~left out~~, _same meaning in other words_.\n\n",
            );
        }
        let single = r.quotes.iter().filter(|g| g.quotes.len() == 1).count();
        if single > 0 {
            let _ = writeln!(md, "{single} other quote(s) appear in one article only.\n");
        }
    }
    md
}

const CSS: &str = r#"
:root{--bg:#fbfaf7;--fg:#1d1d1f;--muted:#6b6b70;--card:#fff;--line:#e4e1da;--ins:#d9f2dc;--del:#f8d7d7;--para:#fff1c2}
@media (prefers-color-scheme:dark){:root{--bg:#17181a;--fg:#e8e6e1;--muted:#9a9a9f;--card:#202124;--line:#34353a;--ins:#1f4d2a;--del:#5a2424;--para:#5a4a14}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Noto Sans KR",sans-serif}
main{max-width:1200px;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.8rem;line-height:1.25;margin:0 0 .3rem}
h2{font-size:1.25rem;margin:2.5rem 0 .8rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.meta,.note{color:var(--muted);margin:.2rem 0 1rem}
nav a{margin-right:1rem;color:inherit}
.chip{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.8em;font-weight:600;color:#111;background:var(--c)}
.persp{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:1rem}
.card{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--c,var(--line));border-radius:6px;padding:.8rem 1rem}
.card ul{margin:.4rem 0 0;padding-left:1.1rem}
.card li{margin:.3rem 0}
.id{color:var(--muted);font-size:.8em;font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid var(--line);padding:.5rem .6rem;vertical-align:top;text-align:left}
th{background:var(--card);font-size:.9em}
table.aligned{table-layout:fixed;font-size:.9em}
table.aligned td{background:var(--card)}
table.aligned td.empty{background:transparent;color:var(--muted);text-align:center}
.para-no{color:var(--muted);font-size:.8em;display:block}
tr.differs td:first-child{font-weight:700}
.warn{color:#c0392b;font-weight:700}
.quote{margin:1rem 0}
.quote blockquote{margin:.4rem 0;padding:.4rem .8rem;background:var(--card);border-left:4px solid var(--c);border-radius:4px}
ins{background:var(--ins);text-decoration:none}
del{background:var(--del)}
.pa{background:var(--para);border-bottom:1px dotted var(--muted)}
.legend span{margin-right:1rem}
footer{margin-top:3rem;color:var(--muted);font-size:.85em}
"#;

fn html_diff(diff: &[DiffWord]) -> String {
    let parts: Vec<String> = diff
        .iter()
        .filter_map(|w| match w.kind {
            DiffKind::Same => w.b.as_deref().map(|b| esc(b).to_string()),
            DiffKind::Paraphrase => match (w.a.as_deref(), w.b.as_deref()) {
                (Some(a), Some(b)) => Some(format!(
                    "<span class=\"pa\" title=\"for “{}”\">{}</span>",
                    attr(a),
                    esc(b)
                )),
                _ => None,
            },
            DiffKind::Added => w.b.as_deref().map(|b| format!("<ins>{}</ins>", esc(b))),
            DiffKind::Removed => w.a.as_deref().map(|a| format!("<del>{}</del>", esc(a))),
        })
        .collect();
    join_words(parts.iter().map(String::as_str))
}

/// Only web links become links; anything else (javascript:, data:) stays text.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url.trim())
}

/// The reports as one self-contained HTML page: inline CSS, no scripts, no external assets.
pub fn html(reports: &[Report]) -> String {
    let title = match reports {
        [one] => one.story.title.clone(),
        _ => format!("{} stories compared", reports.len()),
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — parallax</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    for (k, r) in reports.iter().enumerate() {
        let anchor = |s: &str| format!("s{k}-{s}");
        let _ = write!(
            h,
            "<article>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">{} · {} article(s) from {} perspective(s) · <span class=\"id\">{}</span></p>\n",
            esc(&r.story.title),
            esc(&r.span()),
            r.story.articles,
            r.perspectives.len(),
            esc(&r.story.id)
        );
        for limit in &r.limits {
            let _ = writeln!(h, "<p class=\"meta\">Limit: {}</p>", esc(limit));
        }
        let _ = writeln!(
            h,
            "<nav><a href=\"#{0}\">Articles</a>{1}<a href=\"#{2}\">Aligned paragraphs</a><a href=\"#{3}\">Figures</a><a href=\"#{4}\">Quotes</a></nav>\n</header>",
            anchor("articles"),
            if r.coverage.is_some() {
                format!("<a href=\"#{}\">Coverage</a>", anchor("coverage"))
            } else {
                String::new()
            },
            anchor("aligned"),
            anchor("figures"),
            anchor("quotes"),
        );
        // Articles.
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2>Articles by perspective</h2>\n<div class=\"persp\">",
            anchor("articles")
        );
        for p in &r.perspectives {
            let _ = writeln!(
                h,
                "<div class=\"card\" style=\"--c:{}\"><span class=\"chip\">{}</span>\n<ul>",
                r.color(&p.id),
                esc(&p.label)
            );
            for a in &p.articles {
                let title = match a.url.as_deref().and_then(safe_url) {
                    Some(url) => format!(
                        "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                        attr(url),
                        esc(&a.title)
                    ),
                    None => esc(&a.title).to_string(),
                };
                let date = a
                    .date
                    .as_deref()
                    .and_then(|d| d.get(..10))
                    .unwrap_or("undated");
                let _ = writeln!(
                    h,
                    "<li><b>{}</b> — {title}<br><span class=\"id\">{} · {}</span></li>",
                    esc(a.outlet.as_deref().unwrap_or("unattributed")),
                    esc(date),
                    esc(&a.id)
                );
            }
            h.push_str("</ul></div>\n");
        }
        h.push_str("</div>\n</section>\n");
        // Coverage, when the topic tagger provides it.
        if let Some(coverage) = &r.coverage {
            let _ = write!(
                h,
                "<section id=\"{}\">\n<h2>Coverage</h2>\n<table><thead><tr><th>Topic</th>",
                anchor("coverage")
            );
            for p in &coverage.perspectives {
                let _ = write!(
                    h,
                    "<th><span class=\"chip\" style=\"--c:{}\">{}</span></th>",
                    r.color(p),
                    esc(&r.label(p))
                );
            }
            h.push_str("</tr></thead><tbody>\n");
            for row in &coverage.rows {
                let _ = write!(h, "<tr><td>{}</td>", esc(&row.label));
                for c in &row.counts {
                    let cell = if *c == 0 {
                        "—".to_string()
                    } else {
                        c.to_string()
                    };
                    let _ = write!(h, "<td>{cell}</td>");
                }
                h.push_str("</tr>\n");
            }
            h.push_str("</tbody></table>\n</section>\n");
        }
        // Aligned paragraphs: one row per point, one column per article.
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2>Aligned paragraphs</h2>\n<p class=\"note\">Each row is one point as each outlet tells it; an empty cell means the outlet leaves it out.</p>",
            anchor("aligned")
        );
        if r.aligned.is_empty() {
            h.push_str(
                "<p class=\"note\">No paragraph has a counterpart in another article.</p>\n",
            );
        } else {
            h.push_str("<table class=\"aligned\"><thead><tr>");
            for (_, perspective, outlet) in &r.columns {
                let _ = write!(
                    h,
                    "<th><span class=\"chip\" style=\"--c:{}\">{}</span><br>{}</th>",
                    r.color(perspective),
                    esc(&r.label(perspective)),
                    esc(outlet)
                );
            }
            h.push_str("</tr></thead><tbody>\n");
            for group in &r.aligned {
                h.push_str("<tr>");
                for (id, _, _) in &r.columns {
                    match group.iter().find(|b| &b.article == id) {
                        Some(b) => {
                            let _ = write!(
                                h,
                                "<td><span class=\"para-no\">¶{}</span>{}</td>",
                                b.block + 1,
                                esc(&b.text)
                            );
                        }
                        None => h.push_str("<td class=\"empty\">—</td>"),
                    }
                }
                h.push_str("</tr>\n");
            }
            h.push_str("</tbody></table>\n");
        }
        h.push_str("</section>\n");
        // Figures.
        let _ = writeln!(
            h,
            "<section id=\"{}\">\n<h2>Figures</h2>",
            anchor("figures")
        );
        let figures = r.shared_figures();
        if figures.is_empty() {
            h.push_str("<p class=\"note\">No figure is stated by more than one article.</p>\n");
        } else {
            h.push_str("<table><thead><tr><th>Measure</th><th>Value</th><th>Stated by</th><th>In their words</th></tr></thead><tbody>\n");
            for g in figures {
                for (i, v) in g.values.iter().enumerate() {
                    let measure = if i > 0 {
                        String::new()
                    } else if g.differs {
                        format!("{} <span class=\"warn\" title=\"Articles give different values\">⚠ values differ</span>", esc(&g.measure))
                    } else {
                        esc(&g.measure).to_string()
                    };
                    let chips: Vec<String> = v
                        .perspectives()
                        .iter()
                        .map(|p| {
                            format!(
                                "<span class=\"chip\" style=\"--c:{}\">{}</span>",
                                r.color(p),
                                esc(&r.label(p))
                            )
                        })
                        .collect();
                    let words: Vec<String> = v
                        .mentions
                        .iter()
                        .map(|m| {
                            format!(
                                "<span title=\"{}\">“{}”</span> <span class=\"id\">{}</span>",
                                attr(&m.sentence),
                                esc(&m.text),
                                esc(&r.outlet(&m.article_id))
                            )
                        })
                        .collect();
                    let words = distinct(words);
                    let _ = writeln!(
                        h,
                        "<tr{}><td>{measure}</td><td><b>{}</b></td><td>{}</td><td>{}</td></tr>",
                        if g.differs { " class=\"differs\"" } else { "" },
                        esc(&v.normalized),
                        chips.join(" "),
                        words.join("<br>")
                    );
                }
            }
            h.push_str("</tbody></table>\n");
        }
        h.push_str("</section>\n");
        // Quotes.
        let _ = writeln!(h, "<section id=\"{}\">\n<h2>Quotes</h2>", anchor("quotes"));
        let shared: Vec<&QuoteGroup> = r.quotes.iter().filter(|g| g.quotes.len() > 1).collect();
        if shared.is_empty() {
            h.push_str("<p class=\"note\">No remark is quoted by more than one article.</p>\n");
        } else {
            h.push_str("<p class=\"note legend\">Against the first rendering: <span><ins>added</ins></span><span><del>left out</del></span><span><span class=\"pa\">other words, same meaning</span></span></p>\n");
        }
        for g in shared {
            let who = if g.speakers.is_empty() {
                "Unattributed".to_string()
            } else {
                g.speakers.join(" / ")
            };
            let _ = writeln!(h, "<div class=\"quote\"><h3>{}</h3>", esc(&who));
            for (k, q) in g.quotes.iter().enumerate() {
                let text = if k == 0 {
                    esc(&q.text).to_string()
                } else {
                    html_diff(&g.diffs[k - 1])
                };
                let _ = writeln!(
                    h,
                    "<blockquote style=\"--c:{}\"><span class=\"chip\">{}</span> <b>{}</b>{}<br>“{}”</blockquote>",
                    r.color(&q.perspective),
                    esc(&r.label(&q.perspective)),
                    esc(&r.outlet(&q.article_id)),
                    q.speaker.as_deref().map(|s| format!(" <span class=\"id\">({})</span>", esc(s))).unwrap_or_default(),
                    text
                );
            }
            h.push_str("</div>\n");
        }
        let single = r.quotes.iter().filter(|g| g.quotes.len() == 1).count();
        if single > 0 {
            let _ = writeln!(
                h,
                "<p class=\"note\">{single} other quote(s) appear in one article only.</p>"
            );
        }
        h.push_str("</section>\n</article>\n");
    }
    h.push_str("<footer>Made with parallax — coverage of one story from different perspectives, side by side.</footer>\n</main>\n</body>\n</html>\n");
    h
}

/// The same words from the same outlet said once ("July" twice in one article).
fn distinct(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(
            md_escape("<script>*x*</script>|"),
            "\\<script\\>\\*x\\*\\</script\\>\\|"
        );
        assert_eq!(md_escape("a\nb"), "a b");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_url("https://example.com/a"),
            Some("https://example.com/a")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" data:text/html,x"), None);
    }

    #[test]
    fn diff_markup_is_escaped() {
        let diff = vec![
            DiffWord {
                kind: DiffKind::Added,
                a: None,
                b: Some("<b>".into()),
            },
            DiffWord {
                kind: DiffKind::Paraphrase,
                a: Some("\"x\"".into()),
                b: Some("&".into()),
            },
        ];
        assert_eq!(
            html_diff(&diff),
            "<ins>&lt;b&gt;</ins> <span class=\"pa\" title=\"for “&quot;x&quot;”\">&amp;</span>"
        );
    }

    #[test]
    fn repeated_mentions_are_listed_once() {
        let items = vec![
            "“July” (Kyodo)".to_string(),
            "“July” (Kyodo)".into(),
            "“July” (Yomiuri)".into(),
        ];
        assert_eq!(
            super::distinct(items),
            vec!["“July” (Kyodo)", "“July” (Yomiuri)"]
        );
    }
}
