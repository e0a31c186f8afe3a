//! HTML to blocks. `blocks_from_html` turns any HTML (a WordPress `content.rendered`, a page's
//! article element) into blocks; `HtmlExtractor` is the seam where a full, boilerplate-aware
//! web page extractor plugs in. `MinimalExtractor` reads a simple page: its title and the
//! blocks of its `<article>`, `<main>` or `<body>`.

use super::draft::{Draft, Meta, RawBlock, RawKind};
use crate::model::{BlockKind, Format};
use crate::text::sanitize::collapse_spaces;
use ego_tree::NodeRef;
use scraper::{Html, Node, Selector};

/// Pulls an article out of a whole HTML page.
pub trait HtmlExtractor: Sync {
    fn extract(&self, html: &str) -> Draft;
}

/// Title and body blocks of a simple page, without boilerplate detection beyond skipping
/// scripts, styles, navigation and footers.
pub struct MinimalExtractor;

impl HtmlExtractor for MinimalExtractor {
    fn extract(&self, html: &str) -> Draft {
        let html = super::limits::bounded_html(html);
        let doc = Html::parse_document(&html);
        let meta = Meta {
            title: meta_content(&doc, "meta[property='og:title']")
                .or_else(|| first_text(&doc, "title"))
                .or_else(|| first_text(&doc, "h1")),
            outlet: meta_content(&doc, "meta[property='og:site_name']"),
            url: meta_content(&doc, "meta[property='og:url']").or_else(|| {
                select(&doc, "link[rel='canonical']")
                    .and_then(|el| el.value().attr("href").map(str::to_string))
            }),
            date: meta_content(&doc, "meta[property='article:published_time']").or_else(|| {
                select(&doc, "time[datetime]")
                    .and_then(|el| el.value().attr("datetime").map(str::to_string))
            }),
            byline: meta_content(&doc, "meta[name='author']"),
            language: select(&doc, "html[lang]")
                .and_then(|el| el.value().attr("lang").map(|l| l.to_lowercase())),
            ..Meta::default()
        };
        let root = ["article", "main", "body"]
            .iter()
            .find_map(|s| select(&doc, s))
            .map(|el| *el)
            .unwrap_or_else(|| doc.tree.root());
        let mut walker = Walker::default();
        walker.walk(root, false);
        walker.flush(BlockKind::Paragraph);
        let mut draft = Draft::new(Format::Html, walker.blocks);
        draft.meta = meta;
        draft
    }
}

fn select<'a>(doc: &'a Html, selector: &str) -> Option<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).ok()?;
    doc.select(&selector).next()
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let text = collapse_spaces(&select(doc, selector)?.text().collect::<String>());
    (!text.is_empty()).then_some(text)
}

fn meta_content(doc: &Html, selector: &str) -> Option<String> {
    let value = collapse_spaces(select(doc, selector)?.value().attr("content")?);
    (!value.is_empty()).then_some(value)
}

/// Blocks of an HTML fragment. Text outside any block element (as WordPress leaves it when a
/// paragraph lost its opening tag) still forms paragraphs; stray closing tags do no harm.
pub fn blocks_from_html(fragment: &str) -> Vec<RawBlock> {
    // The walker is iterative; the cut still bounds the parser's tree and the cost of the
    // ancestor checks in `text_of`.
    let fragment = super::limits::bounded_html(fragment);
    let doc = Html::parse_fragment(&fragment);
    let mut walker = Walker::default();
    walker.walk(doc.tree.root(), false);
    walker.flush(BlockKind::Paragraph);
    walker.blocks
}

/// An element whose children are walked: inside a quote or not, and the block kind its end
/// closes.
struct Inside {
    in_quote: bool,
    then_flush: Option<BlockKind>,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<RawBlock>,
    inline: String,
}

impl Walker {
    fn flush(&mut self, kind: BlockKind) {
        let text = collapse_spaces(&self.inline);
        self.inline.clear();
        if !text.is_empty() {
            let kind = if kind == BlockKind::Paragraph && is_caps_heading(&text) {
                BlockKind::Heading
            } else {
                kind
            };
            self.blocks.push(RawBlock::text(kind, text));
        }
    }

    /// The blocks under `root`. `in_quote` turns paragraphs into quotes inside a
    /// `<blockquote>`. Iterative, with an explicit stack of what is left to do: the depth of a
    /// tree from outside must never become the depth of our call stack.
    fn walk(&mut self, root: NodeRef<Node>, in_quote: bool) {
        enum Step<'a> {
            /// Visit this node, then the siblings after it.
            From(NodeRef<'a, Node>, bool),
            /// End the inline text gathered so far as a block of this kind.
            Flush(BlockKind),
        }
        let mut todo: Vec<Step> = root
            .first_child()
            .map(|first| Step::From(first, in_quote))
            .into_iter()
            .collect();
        while let Some(step) = todo.pop() {
            let (mut node, in_quote) = match step {
                Step::Flush(kind) => {
                    self.flush(kind);
                    continue;
                }
                Step::From(node, in_quote) => (node, in_quote),
            };
            loop {
                if let Some(inside) = self.visit(node, in_quote) {
                    // The children go first, then the flush that closes them, then the
                    // siblings: pushed in reverse.
                    if let Some(next) = node.next_sibling() {
                        todo.push(Step::From(next, in_quote));
                    }
                    if let Some(kind) = inside.then_flush {
                        todo.push(Step::Flush(kind));
                    }
                    if let Some(first) = node.first_child() {
                        todo.push(Step::From(first, inside.in_quote));
                    }
                    break;
                }
                match node.next_sibling() {
                    Some(next) => node = next,
                    None => break,
                }
            }
        }
    }

    /// Take what `node` gives by itself; `Some` when its children are to be walked too.
    fn visit(&mut self, node: NodeRef<Node>, in_quote: bool) -> Option<Inside> {
        let paragraph = if in_quote {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        };
        let walk_then = |then_flush| {
            Some(Inside {
                in_quote,
                then_flush,
            })
        };
        match node.value() {
            Node::Text(text) => self.inline.push_str(text),
            Node::Element(element) => match element.name() {
                "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "nav"
                | "footer" | "form" | "button" | "select" | "head" => {}
                "br" => self.inline.push(' '),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush(paragraph);
                    self.push_text(BlockKind::Heading, node);
                }
                "li" | "dt" | "dd" => {
                    self.flush(paragraph);
                    let nested = node.children().any(|c| {
                        matches!(c.value(), Node::Element(e) if matches!(e.name(), "ul" | "ol"))
                    });
                    if nested {
                        return walk_then(Some(BlockKind::ListItem));
                    }
                    self.push_text(BlockKind::ListItem, node);
                }
                "blockquote" => {
                    self.flush(paragraph);
                    return Some(Inside {
                        in_quote: true,
                        then_flush: Some(BlockKind::Quote),
                    });
                }
                "figcaption" | "caption" => {
                    self.flush(paragraph);
                    self.push_text(BlockKind::Caption, node);
                }
                "table" => {
                    self.flush(paragraph);
                    self.push_table(node);
                }
                "img" => {
                    let alt = element.attr("alt").map(collapse_spaces).unwrap_or_default();
                    let url = element.attr("src").unwrap_or_default().to_string();
                    self.flush(paragraph);
                    self.blocks.push(RawBlock {
                        kind: RawKind::Image { url },
                        text: alt,
                        rows: None,
                    });
                }
                "hr" => {
                    self.flush(paragraph);
                    self.blocks.push(RawBlock {
                        kind: RawKind::Separator,
                        text: "---".into(),
                        rows: None,
                    });
                }
                "p" if is_bold_only(node) => {
                    self.flush(paragraph);
                    self.push_text(BlockKind::Heading, node);
                }
                "p" | "div" | "section" | "article" | "main" | "header" | "aside" | "figure"
                | "ul" | "ol" | "dl" | "pre" | "address" | "body" | "html" => {
                    self.flush(paragraph);
                    return walk_then(Some(paragraph));
                }
                _ => return walk_then(None),
            },
            _ => {}
        }
        None
    }

    fn push_text(&mut self, kind: BlockKind, node: NodeRef<Node>) {
        let text = collapse_spaces(&text_of(node));
        if !text.is_empty() {
            self.blocks.push(RawBlock::text(kind, text));
        }
    }

    fn push_table(&mut self, table: NodeRef<Node>) {
        let mut rows = Vec::new();
        collect_rows(table, &mut rows);
        if !rows.is_empty() {
            self.blocks.push(RawBlock::table(rows));
        }
    }
}

/// The rows of a table, in document order; nested tables are layout, not data. Iterative, like
/// the walker.
fn collect_rows(table: NodeRef<Node>, rows: &mut Vec<Vec<String>>) {
    let mut todo: Vec<NodeRef<Node>> = table.children().rev().collect();
    while let Some(node) = todo.pop() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "tr" => {
                let cells: Vec<String> = node
                    .children()
                    .filter(|c| matches!(c.value(), Node::Element(e) if matches!(e.name(), "td" | "th")))
                    .map(|c| collapse_spaces(&text_of(c)))
                    .collect();
                if !cells.is_empty() {
                    rows.push(cells);
                }
            }
            "table" => {}
            _ => todo.extend(node.children().rev()),
        }
    }
}

fn text_of(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        match descendant.value() {
            Node::Text(text) => {
                let hidden = descendant.ancestors().any(|a| {
                    matches!(a.value(), Node::Element(e) if matches!(e.name(), "script" | "style"))
                });
                if !hidden {
                    out.push_str(text);
                }
            }
            Node::Element(e) if e.name() == "br" => out.push(' '),
            _ => {}
        }
    }
    out
}

/// A short all-capitals line standing alone ("WHY IT MATTERS", even when its `<b>` was lost)
/// is a sub-heading.
fn is_caps_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    // Every letter a capital: scripts without case (Japanese, Korean) never qualify.
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    let all_capitals = letters.peek().is_some() && letters.all(char::is_uppercase);
    (1..=8).contains(&words) && all_capitals && !text.ends_with(['.', ',', ';', ':'])
}

/// A paragraph whose whole text is bold is a sub-heading ("<p><b>WHY IT MATTERS</b></p>").
fn is_bold_only(p: NodeRef<Node>) -> bool {
    let mut any = false;
    for d in p.descendants() {
        if let Node::Text(text) = d.value() {
            if text.trim().is_empty() {
                continue;
            }
            let bold = d.ancestors().take_while(|a| a.id() != p.id()).any(
                |a| matches!(a.value(), Node::Element(e) if matches!(e.name(), "b" | "strong")),
            );
            if !bold {
                return false;
            }
            any = true;
        }
    }
    any && text_of(p).split_whitespace().count() <= 14
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[RawBlock]) -> Vec<(Option<BlockKind>, &str)> {
        blocks
            .iter()
            .map(|b| (b.block_kind(), b.text.as_str()))
            .collect()
    }

    #[test]
    fn stray_closing_tags_and_bare_text_make_paragraphs() {
        let html = "\nFirst <span>para</span></span> with a <a href='x'>link</a>.</span></p>\n Second &amp; last.</span></p>\n <p><b>WHY IT MATTERS</b></p>\n Third.</p> LOST BOLD</b></p>";
        let blocks = blocks_from_html(html);
        assert_eq!(
            texts(&blocks),
            vec![
                (Some(BlockKind::Paragraph), "First para with a link."),
                (Some(BlockKind::Paragraph), "Second & last."),
                (Some(BlockKind::Heading), "WHY IT MATTERS"),
                (Some(BlockKind::Paragraph), "Third."),
                (Some(BlockKind::Heading), "LOST BOLD"),
            ]
        );
    }

    #[test]
    fn lists_tables_quotes_and_captions() {
        let html = "<ul><li>One</li><li>Two</li></ul><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table><blockquote><p>Said.</p></blockquote><figure><img src='i.png' alt='Alt'><figcaption>Cap</figcaption></figure><script>evil()</script>";
        let blocks = blocks_from_html(html);
        assert_eq!(blocks[0].text, "One");
        assert_eq!(blocks[1].block_kind(), Some(BlockKind::ListItem));
        assert_eq!(blocks[2].rows.as_ref().map(|r| r.len()), Some(2));
        assert_eq!(blocks[3].block_kind(), Some(BlockKind::Quote));
        assert_eq!(
            blocks[4].kind,
            RawKind::Image {
                url: "i.png".into()
            }
        );
        assert_eq!(blocks[5].block_kind(), Some(BlockKind::Caption));
        assert_eq!(blocks.len(), 6);
    }

    #[test]
    fn nested_lists_keep_document_order() {
        let html = "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><p>d</p>";
        assert_eq!(
            texts(&blocks_from_html(html)),
            vec![
                (Some(BlockKind::Paragraph), "a"),
                (Some(BlockKind::ListItem), "b"),
                (Some(BlockKind::ListItem), "c"),
                (Some(BlockKind::Paragraph), "d"),
            ]
        );
    }

    /// The walker on a tree far deeper than the cut allows (parsed here without the cut), on
    /// a 2 MiB stack like the loader's threads: a recursive walk would overflow.
    #[test]
    fn the_walker_needs_no_stack_for_depth() {
        let run = || {
            let depth = 10_000;
            let html = format!(
                "{}<p>bottom</p>{}<p>after</p>",
                "<blockquote><div>".repeat(depth),
                "</div></blockquote>".repeat(depth)
            );
            let doc = Html::parse_fragment(&html);
            let mut walker = Walker::default();
            walker.walk(doc.tree.root(), false);
            walker.flush(BlockKind::Paragraph);
            walker.blocks
        };
        let blocks = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(run)
            .expect("spawn")
            .join()
            .expect("no overflow");
        assert_eq!(
            texts(&blocks),
            vec![
                (Some(BlockKind::Quote), "bottom"),
                (Some(BlockKind::Paragraph), "after")
            ]
        );
    }

    #[test]
    fn table_rows_in_order_and_nested_tables_skipped() {
        let html = "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1</td></tr><tr><td>2<table><tr><td>x</td></tr></table></td></tr></tbody></table>";
        let blocks = blocks_from_html(html);
        assert_eq!(
            blocks[0].rows,
            Some(vec![
                vec!["h".to_string()],
                vec!["1".into()],
                vec!["2x".into()]
            ])
        );
    }

    #[test]
    fn minimal_page_has_title_and_body() {
        let page = "<html lang='en'><head><title>The Title</title><script>x</script></head><body><nav>Home | News</nav><h1>The Title</h1><p>Body text.</p><footer>© Outlet</footer></body></html>";
        let draft = MinimalExtractor.extract(page);
        assert_eq!(draft.meta.title.as_deref(), Some("The Title"));
        assert_eq!(draft.meta.language.as_deref(), Some("en"));
        assert_eq!(
            texts(&draft.blocks),
            vec![
                (Some(BlockKind::Heading), "The Title"),
                (Some(BlockKind::Paragraph), "Body text.")
            ]
        );
    }
}
