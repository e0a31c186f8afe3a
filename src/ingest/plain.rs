//! Plain text with Markdown-ish structure: one block per line (or per paragraph when the text
//! is hard-wrapped), `-`/`*` list items, `|` tables, `#` headings, `>` quotes, images.

use super::draft::{RawBlock, RawKind};
use crate::model::BlockKind;
use crate::text::sanitize::collapse_spaces;

pub fn parse(text: &str) -> Vec<RawBlock> {
    let lines: Vec<&str> = text.lines().collect();
    let wrap_width = hard_wrap_width(&lines);
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();

    let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<RawBlock>| {
        if !paragraph.is_empty() {
            let text = strip_inline_markup(&paragraph.join(" "));
            if !text.is_empty() {
                let kind = if looks_like_heading(&text) {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(RawBlock::text(kind, text));
            }
            paragraph.clear();
        }
    };
    let flush_table = |table: &mut Vec<Vec<String>>, blocks: &mut Vec<RawBlock>| {
        if !table.is_empty() {
            blocks.push(RawBlock::table(std::mem::take(table)));
        }
    };

    for raw_line in lines {
        let line = raw_line.trim();
        if line.starts_with('|') {
            flush_paragraph(&mut paragraph, &mut blocks);
            if !is_table_rule(line) {
                table.push(table_cells(line));
            }
            continue;
        }
        flush_table(&mut table, &mut blocks);
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            continue;
        }
        if let Some(block) = structural_line(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            blocks.push(block);
            continue;
        }
        let Some(wrap_width) = wrap_width else {
            flush_paragraph(&mut paragraph, &mut blocks);
            paragraph.push(line);
            continue;
        };
        // A line well short of the wrap width was broken by the writer, not the wrapper: it
        // ends its paragraph, and a short title-like line (a headline, a byline, "The
        // Associated Press") stands alone even with no blank line around it.
        let short = line.chars().count() * 10 < wrap_width * 6;
        if short && looks_like_heading(line) {
            flush_paragraph(&mut paragraph, &mut blocks);
            paragraph.push(line);
            flush_paragraph(&mut paragraph, &mut blocks);
            continue;
        }
        paragraph.push(line);
        if short {
            flush_paragraph(&mut paragraph, &mut blocks);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_table(&mut table, &mut blocks);
    blocks
}

/// Lines whose own shape says what they are: images, separators, headings, list items, quotes.
fn structural_line(line: &str) -> Option<RawBlock> {
    if let Some((alt, url)) = markdown_image(line) {
        return Some(RawBlock {
            kind: RawKind::Image { url },
            text: alt,
            rows: None,
        });
    }
    if is_separator(line) {
        return Some(RawBlock {
            kind: RawKind::Separator,
            text: line.to_string(),
            rows: None,
        });
    }
    if let Some(rest) = heading_marker(line) {
        return Some(RawBlock::text(
            BlockKind::Heading,
            strip_inline_markup(rest),
        ));
    }
    if let Some(rest) = list_marker(line) {
        return Some(RawBlock::text(
            BlockKind::ListItem,
            strip_inline_markup(rest),
        ));
    }
    if let Some(rest) = line.strip_prefix('>') {
        return Some(RawBlock::text(BlockKind::Quote, strip_inline_markup(rest)));
    }
    None
}

fn heading_marker(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &line[hashes..];
        if rest.starts_with(' ') {
            return Some(rest.trim());
        }
    }
    None
}

fn list_marker(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "+ ", "• ", "· "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim());
        }
    }
    None
}

fn is_separator(line: &str) -> bool {
    let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.first() {
        Some(&first) if matches!(first, '-' | '*' | '_' | '=' | '—' | '–') => {
            chars.iter().all(|&c| c == first) && (chars.len() == 1 || chars.len() >= 3)
        }
        _ => false,
    }
}

/// `![alt](url)` alone on a line.
fn markdown_image(line: &str) -> Option<(String, String)> {
    let inner = line.strip_prefix("![")?.strip_suffix(')')?;
    let split = inner.rfind("](")?;
    let alt = collapse_spaces(&inner[..split]);
    let url = inner[split + 2..].trim().to_string();
    Some((alt, url))
}

fn is_table_rule(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+'))
        && line.contains('-')
}

fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|cell| strip_inline_markup(cell.trim()))
        .collect()
}

/// Remove `**bold**`, `__bold__` markers and collapse spaces; other characters stay.
pub fn strip_inline_markup(text: &str) -> String {
    collapse_spaces(&text.replace("**", "").replace("__", ""))
}

/// Hard-wrapped text breaks paragraphs into lines of similar length; such lines are joined.
/// Text with one paragraph per line (most copied web text) keeps each line a block.
/// The width the text is wrapped at, when it is.
fn hard_wrap_width(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 40)
        .collect();
    if widths.len() < 4 {
        return None;
    }
    widths.sort_unstable();
    let max = widths[widths.len() - 1];
    let near_wrap = widths.iter().filter(|&&n| (55..=100).contains(&n)).count();
    // The width most lines reach (the 90th percentile), not the longest line: one long URL
    // in text wrapped at 72 must not make every ordinary line look short.
    let width = widths[widths.len() * 9 / 10];
    (max <= 100 && near_wrap * 10 >= widths.len() * 7).then_some(width)
}

const TERMINAL: &[char] = &[
    '.', ',', ';', ':', '!', '"', '”', '’', '\'', ')', '。', '」', '…', '-',
];

/// A short line with no closing punctuation that starts like a title reads as a heading.
pub fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let chars = text.chars().count();
    let Some(last) = text.chars().last() else {
        return false;
    };
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic() || is_cjk(c));
    let question_heading = last == '?' && words <= 20;
    first_ok
        && chars <= 120
        && (question_heading || (words <= 14 && !TERMINAL.contains(&last) && last != '?'))
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[RawBlock]) -> Vec<Option<BlockKind>> {
        blocks.iter().map(|b| b.block_kind()).collect()
    }

    #[test]
    fn lines_become_blocks_with_structure() {
        let text = "# Title\nA paragraph that ends with a period.\n- item one\n* **item** two\n> quoted words.\nShort heading line\n";
        let blocks = parse(text);
        assert_eq!(
            kinds(&blocks),
            vec![
                Some(BlockKind::Heading),
                Some(BlockKind::Paragraph),
                Some(BlockKind::ListItem),
                Some(BlockKind::ListItem),
                Some(BlockKind::Quote),
                Some(BlockKind::Heading),
            ]
        );
        assert_eq!(blocks[3].text, "item two");
        assert_eq!(blocks[4].text, "quoted words.");
    }

    #[test]
    fn tables_keep_rows_and_skip_the_rule() {
        let blocks = parse("| a | **b** |\n|---|---|\n| 1 | 2 |\nafter.");
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[0].rows,
            Some(vec![
                vec!["a".to_string(), "b".into()],
                vec!["1".into(), "2".into()]
            ])
        );
        assert_eq!(blocks[0].block_kind(), Some(BlockKind::Table));
    }

    #[test]
    fn images_and_separators_are_marked() {
        let blocks = parse("![alt text](https://x.example/a.png)\n-\n***\n");
        assert_eq!(
            blocks[0].kind,
            RawKind::Image {
                url: "https://x.example/a.png".into()
            }
        );
        assert_eq!(blocks[0].text, "alt text");
        assert_eq!(blocks[1].kind, RawKind::Separator);
        assert_eq!(blocks[2].kind, RawKind::Separator);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let line = "This line is part of a paragraph wrapped at about seventy chars";
        let text = format!("{line}\n{line}\n{line}.\n\n{line}\n{line}.\n");
        let blocks = parse(&text);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.ends_with("seventy chars."));
    }

    #[test]
    fn short_lines_in_hard_wrapped_text_end_paragraphs() {
        // A wire story pasted with no blank lines: headline, byline, outlet, date, body.
        let body = "South Korea balked Monday at participating in a U.S.-led plan that";
        let text = format!(
            "SKorea Balks at Sanctions\nBy JAE-SOON CHANG\nThe Associated Press\n{body}\n{body}\n{body}\nforesees intercepting ships.\n{body}\n{body} ends.\n"
        );
        let blocks = parse(&text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 5, "{texts:?}");
        assert_eq!(
            texts[..3],
            [
                "SKorea Balks at Sanctions",
                "By JAE-SOON CHANG",
                "The Associated Press"
            ]
        );
        assert!(texts[3].ends_with("intercepting ships."), "{texts:?}");
        assert!(texts[4].ends_with("ends."), "{texts:?}");
    }

    #[test]
    fn one_long_line_does_not_set_the_wrap_width() {
        // Wrapped at about 67 columns, with one 98-character link line: a 46-character line
        // inside a paragraph is ragged wrapping, not a paragraph's end.
        let body = "South Korea balked Monday at participating in a U.S.-led plan that";
        let link = format!("https://www.example.com/news/{}", "a".repeat(70));
        let text = format!(
            "{body}\n{body}\n{body}\nthe envoys met on Sunday in the capital city,\n{body}\n{body} ends.\n\n{link}\n\n{body}\n{body}\n{body}\n{body}\n{body} too.\n"
        );
        let blocks = parse(&text);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts[0].contains("capital city, South Korea"), "{texts:?}");
        assert!(texts[0].ends_with("ends."), "{texts:?}");
    }

    #[test]
    fn heading_heuristic() {
        assert!(looks_like_heading(
            "Conveying resolve on strengthening defense"
        ));
        assert!(looks_like_heading(
            "How might a strengthened alliance change things?"
        ));
        assert!(!looks_like_heading("We respect that order."));
        assert!(!looks_like_heading("lowercase start here"));
        assert!(!looks_like_heading("The proposed enhancements aren’t simply rhetoric; they’re built on several key pillars:"));
    }
}
