//! Lay an article's blocks out as display lines for a given width: paragraphs wrapped with
//! textwrap (UAX #14 break opportunities, so CJK text breaks between ideographs), list items
//! with bullets, quotes with a bar, tables as box-drawn tables with columns measured in
//! terminal cells. The result is cached per (article, width).
//!
//! Every line remembers which block it came from, so a reading position can be stored as
//! (block, line offset inside the block) and survive a change of width.

use crate::model::{Article, Block, BlockKind};
use crate::text::sanitize::is_forbidden;
use crate::text::width::display_width;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use unicode_width::UnicodeWidthChar;

/// How a line is drawn; the view maps each kind to a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Caption,
    /// A table's frame (`┌─┬─┐`, `├─┼─┤`, `└─┴─┘`).
    TableRule,
    /// A table's header row.
    TableHead,
    TableRow,
    /// The empty line between blocks.
    Blank,
    /// Blocks folded away by a focus filter: "⋯ 3 paragraphs".
    Fold,
}

/// One display line: a decoration prefix (bullet, quote bar, indentation) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub block: usize,
    pub kind: LineKind,
    pub prefix: &'static str,
    pub text: String,
    /// Where `text` starts in the block's text (bytes), when it is a piece of it: lets a view
    /// highlight byte ranges of the block (topic terms, search matches) on wrapped lines.
    pub start: Option<usize>,
}

/// A reading position that does not depend on the width: a block and a line inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    pub offset: usize,
}

/// An article laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wrapped {
    pub width: u16,
    pub lines: Vec<Line>,
    /// Index of each block's first line; `block_starts.len() == blocks.len()`.
    pub block_starts: Vec<usize>,
}

impl Wrapped {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The line an anchor points at; an anchor past the end lands on the last line.
    pub fn line_of(&self, anchor: Anchor) -> usize {
        let Some(&start) = self.block_starts.get(anchor.block) else {
            return self.lines.len().saturating_sub(1);
        };
        let end = self
            .block_starts
            .get(anchor.block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        (start + anchor.offset).min(end.saturating_sub(1).max(start))
    }

    /// The anchor of a line.
    pub fn anchor_at(&self, line: usize) -> Anchor {
        let line = line.min(self.lines.len().saturating_sub(1));
        match self.lines.get(line) {
            Some(l) => Anchor {
                block: l.block,
                offset: line - self.block_starts.get(l.block).copied().unwrap_or(line),
            },
            None => Anchor::default(),
        }
    }
}

/// Narrowest width wrapping is attempted at; below it lines are simply clipped by the view.
const MIN_WIDTH: usize = 4;

/// Lay out an article at `width` cells.
pub fn wrap_article(article: &Article, width: u16) -> Wrapped {
    let w = usize::from(width).max(MIN_WIDTH);
    let mut lines = Vec::new();
    let mut block_starts = Vec::with_capacity(article.blocks.len());
    for (index, block) in article.blocks.iter().enumerate() {
        block_starts.push(lines.len());
        wrap_block(index, block, w, &mut lines);
        if index + 1 < article.blocks.len() {
            lines.push(Line {
                block: index,
                kind: LineKind::Blank,
                prefix: "",
                text: String::new(),
                start: None,
            });
        }
    }
    Wrapped {
        width,
        lines,
        block_starts,
    }
}

fn wrap_block(index: usize, block: &Block, width: usize, out: &mut Vec<Line>) {
    let (kind, first, rest) = match block.kind {
        BlockKind::Heading => (LineKind::Heading, "", ""),
        BlockKind::Paragraph => (LineKind::Paragraph, "", ""),
        BlockKind::ListItem => (LineKind::ListItem, "• ", "  "),
        BlockKind::Quote => (LineKind::Quote, "│ ", "│ "),
        BlockKind::Caption => (LineKind::Caption, "  ", "  "),
        BlockKind::Table => {
            if let Some(rows) = block.rows.as_ref().filter(|r| !r.is_empty()) {
                if table_lines(index, rows, width, out) {
                    return;
                }
            }
            (LineKind::TableRow, "", "")
        }
    };
    let inner = width
        .saturating_sub(display_width(first))
        .max(MIN_WIDTH - 2);
    // Each wrapped line is a piece of the block's text, in order: find where it starts.
    let mut cursor = 0;
    for (n, text) in wrap_text(&block.text, inner).into_iter().enumerate() {
        let start = block
            .text
            .get(cursor..)
            .and_then(|rest| rest.find(text.as_str()));
        let start = start.map(|at| {
            cursor += at + text.len();
            cursor - text.len()
        });
        out.push(Line {
            block: index,
            kind,
            prefix: if n == 0 { first } else { rest },
            text,
            start,
        });
    }
}

/// Wrap text to `width` cells. Newlines inside a block are kept as line breaks.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let options = textwrap::Options::new(width)
        .break_words(true)
        .word_separator(word_separator(text));
    // Ingest already cleans article text; this second guard costs one scan and means no
    // escape sequence can reach the terminal even from an article built some other way.
    let cleaned: std::borrow::Cow<str> = if text.chars().any(|c| c != '\n' && is_forbidden(c)) {
        text.chars()
            .filter(|&c| c == '\n' || !is_forbidden(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    let mut out = Vec::new();
    for paragraph in cleaned.split('\n') {
        for line in textwrap::wrap(paragraph, &options) {
            push_fitted(&mut out, &line, width);
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Korean separates words with spaces and reads best broken only there (CSS `keep-all`);
/// Japanese and Chinese have no spaces and break between characters (UAX #14). Text with
/// Hangul and no kana or ideographs is treated as Korean.
fn word_separator(text: &str) -> textwrap::WordSeparator {
    let hangul = text
        .chars()
        .any(|c| matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}'));
    let han_or_kana = text.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}')
    });
    if hangul && !han_or_kana {
        textwrap::WordSeparator::AsciiSpace
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties
    }
}

/// textwrap measures words in cells but may leave a line one wide character too long when a
/// single "word" is split; cut such a line at `width` cells so nothing spills over.
fn push_fitted(out: &mut Vec<String>, line: &str, width: usize) {
    if display_width(line) <= width {
        out.push(line.to_string());
        return;
    }
    let mut current = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            used = 0;
        }
        current.push(c);
        used += w;
    }
    if !current.is_empty() {
        out.push(current);
    }
}

/// Draw a table with box characters into `out`; false when it cannot fit (then the caller
/// falls back to wrapped text).
fn table_lines(index: usize, rows: &[Vec<String>], width: usize, out: &mut Vec<Line>) -> bool {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return false;
    }
    // Frame: one `│` per column plus the closing one, and one space of padding each side.
    let chrome = 3 * columns + 1;
    let Some(available) = width.checked_sub(chrome) else {
        return false;
    };
    if available < 3 * columns {
        return false;
    }
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| display_width(cell))
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let widths = fit_columns(&natural, available);
    let rule = |left: &str, mid: &str, right: &str| {
        let mut s = String::from(left);
        for (c, w) in widths.iter().enumerate() {
            s.push_str(&"─".repeat(w + 2));
            s.push_str(if c + 1 == columns { right } else { mid });
        }
        s
    };
    let push = |out: &mut Vec<Line>, kind: LineKind, text: String| {
        out.push(Line {
            block: index,
            kind,
            prefix: "",
            text,
            start: None,
        })
    };
    push(out, LineKind::TableRule, rule("┌", "┬", "┐"));
    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = (0..columns)
            .map(|c| wrap_text(row.get(c).map(String::as_str).unwrap_or(""), widths[c]))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        let kind = if r == 0 && rows.len() > 1 {
            LineKind::TableHead
        } else {
            LineKind::TableRow
        };
        for l in 0..height {
            let mut s = String::from("│");
            for (c, w) in widths.iter().enumerate() {
                let cell = cells[c].get(l).map(String::as_str).unwrap_or("");
                s.push(' ');
                s.push_str(cell);
                s.push_str(&" ".repeat(w.saturating_sub(display_width(cell)) + 1));
                s.push('│');
            }
            push(out, kind, s);
        }
        if r == 0 && rows.len() > 1 {
            push(out, LineKind::TableRule, rule("├", "┼", "┤"));
        }
    }
    push(out, LineKind::TableRule, rule("└", "┴", "┘"));
    true
}

/// Share `available` cells between columns: natural widths when they fit, else shrink the
/// widest columns first so narrow ones (numbers, short labels) stay intact.
fn fit_columns(natural: &[usize], available: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let mut total: usize = widths.iter().sum();
    while total > available {
        let (widest, &w) = widths
            .iter()
            .enumerate()
            .max_by_key(|&(i, w)| (*w, std::cmp::Reverse(i)))
            .expect("at least one column");
        if w <= 3 {
            break;
        }
        widths[widest] -= 1;
        total -= 1;
    }
    widths
}

/// The layout a focus filter shows: every run of blocks with `keep[b] == false` folds into one
/// dim line ("⋯ 3 paragraphs"). A folded block's start is its fold line, so any anchor into
/// it lands there, and `line_of`/`anchor_at` (hence sync scrolling) work unchanged.
pub fn fold_layout(full: &Wrapped, keep: &[bool]) -> Wrapped {
    let blocks = full.block_starts.len();
    let kept = |b: usize| keep.get(b).copied().unwrap_or(true);
    let mut lines = Vec::with_capacity(full.lines.len());
    let mut block_starts = Vec::with_capacity(blocks);
    let mut b = 0;
    while b < blocks {
        if kept(b) {
            block_starts.push(lines.len());
            let end = full
                .block_starts
                .get(b + 1)
                .copied()
                .unwrap_or(full.lines.len());
            lines.extend_from_slice(&full.lines[full.block_starts[b]..end]);
            b += 1;
            continue;
        }
        let run_end = (b..blocks).find(|&i| kept(i)).unwrap_or(blocks);
        let n = run_end - b;
        block_starts.extend(std::iter::repeat_n(lines.len(), n));
        lines.push(Line {
            block: b,
            kind: LineKind::Fold,
            prefix: "",
            text: format!("⋯ {n} paragraph{}", if n == 1 { "" } else { "s" }),
            start: None,
        });
        if run_end < blocks {
            lines.push(Line {
                block: run_end - 1,
                kind: LineKind::Blank,
                prefix: "",
                text: String::new(),
                start: None,
            });
        }
        b = run_end;
    }
    Wrapped {
        width: full.width,
        lines,
        block_starts,
    }
}

/// Wrapped layouts keyed by (article index, width, filter signature). Shared by clones of the
/// app state, so the view and `update` see the same layouts; a resize only adds entries.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    entries: Rc<RefCell<Layouts>>,
}

/// (article index, width, filter signature) -> layout. Signature 0 is the full layout.
type Layouts = HashMap<(usize, u16, u64), Rc<Wrapped>>;

/// Layouts kept before the cache is emptied (a long drag-resize makes one per width).
const CACHE_LIMIT: usize = 512;

impl WrapCache {
    pub fn get(&self, index: usize, article: &Article, width: u16) -> Rc<Wrapped> {
        self.get_or(index, width, 0, || wrap_article(article, width))
    }

    /// The layout stored under `signature` (a filter's fingerprint), built once by `build`.
    pub fn get_or(
        &self,
        index: usize,
        width: u16,
        signature: u64,
        build: impl FnOnce() -> Wrapped,
    ) -> Rc<Wrapped> {
        if let Some(hit) = self.entries.borrow().get(&(index, width, signature)) {
            return Rc::clone(hit);
        }
        let wrapped = Rc::new(build());
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= CACHE_LIMIT {
            entries.clear();
        }
        entries.insert((index, width, signature), Rc::clone(&wrapped));
        wrapped
    }

    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.borrow().is_empty()
    }
}

/// The cache is a memo, not state: two app states are equal whatever their caches hold.
impl PartialEq for WrapCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn article(blocks: Vec<Block>) -> Article {
        Article {
            id: "t".into(),
            source: "t.txt".into(),
            format: Format::Text,
            title: "T".into(),
            outlet: None,
            perspective: "other".into(),
            perspective_reason: String::new(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: None,
            date: None,
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks,
            warnings: vec![],
            dropped: vec![],
        }
    }

    #[test]
    fn english_wraps_at_word_boundaries() {
        assert_eq!(
            wrap_text("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn cjk_wraps_between_ideographs_by_cell_width() {
        // 9 ideographs = 18 cells; at 8 cells: 4 + 4 + 1 ideographs.
        let lines = wrap_text("日本語の文章を折り返", 8);
        assert_eq!(lines, vec!["日本語の", "文章を折", "り返"]);
        for line in &lines {
            assert!(display_width(line) <= 8, "{line}");
        }
        // An odd width never lets a wide character spill over.
        for line in wrap_text("经济安全领域加强合作", 7) {
            assert!(display_width(&line) <= 7, "{line}");
        }
    }

    #[test]
    fn korean_wraps_at_spaces_and_fits() {
        let lines = wrap_text("한국과 일본 정상은 서울에서 회담을 열었다", 12);
        // Broken only at spaces, never inside a word.
        // "회담을 열었다" is 13 cells, one too many for a line.
        assert_eq!(
            lines,
            vec!["한국과 일본", "정상은", "서울에서", "회담을", "열었다"]
        );
        for line in &lines {
            assert!(display_width(line) <= 12, "{line}");
        }
    }

    #[test]
    fn blocks_get_prefixes_and_blank_separators() {
        let a = article(vec![
            Block::new(BlockKind::Heading, "Head"),
            Block::new(BlockKind::ListItem, "one two three four"),
            Block::new(BlockKind::Quote, "said"),
        ]);
        let w = wrap_article(&a, 12);
        let shown: Vec<String> = w
            .lines
            .iter()
            .map(|l| format!("{}{}", l.prefix, l.text))
            .collect();
        assert_eq!(
            shown,
            vec!["Head", "", "• one two", "  three four", "", "│ said"]
        );
        assert_eq!(w.block_starts, vec![0, 2, 5]);
    }

    #[test]
    fn anchors_round_trip_and_clamp() {
        let a = article(vec![
            Block::new(BlockKind::Paragraph, "aaa bbb ccc ddd"),
            Block::new(BlockKind::Paragraph, "eee"),
        ]);
        let w = wrap_article(&a, 8);
        // Lines: "aaa bbb", "ccc ddd", "", "eee".
        assert_eq!(w.len(), 4);
        assert_eq!(
            w.anchor_at(1),
            Anchor {
                block: 0,
                offset: 1
            }
        );
        assert_eq!(
            w.anchor_at(3),
            Anchor {
                block: 1,
                offset: 0
            }
        );
        for line in 0..w.len() {
            assert_eq!(w.line_of(w.anchor_at(line)), line);
        }
        // An offset beyond its block stays inside the block; a block beyond the end clamps.
        assert_eq!(
            w.line_of(Anchor {
                block: 0,
                offset: 99
            }),
            2
        );
        assert_eq!(
            w.line_of(Anchor {
                block: 9,
                offset: 0
            }),
            3
        );
    }

    #[test]
    fn table_columns_align_with_wide_cells() {
        let a = article(vec![Block::table(vec![
            vec!["分野".into(), "時期".into()],
            vec!["半導体".into(), "2026年".into()],
        ])]);
        let w = wrap_article(&a, 40);
        let shown: Vec<&str> = w.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            shown,
            vec![
                "┌────────┬────────┐",
                "│ 分野   │ 時期   │",
                "├────────┼────────┤",
                "│ 半導体 │ 2026年 │",
                "└────────┴────────┘",
            ]
        );
        for line in &w.lines {
            assert_eq!(display_width(&line.text), 19);
        }
    }

    #[test]
    fn narrow_table_wraps_cells_and_tiny_width_falls_back_to_text() {
        let a = article(vec![Block::table(vec![
            vec!["Area".into(), "Status".into()],
            vec!["Defense".into(), "Existing security treaty".into()],
        ])]);
        let w = wrap_article(&a, 24);
        for line in &w.lines {
            assert!(display_width(&line.text) <= 24, "{}", line.text);
        }
        assert!(w.lines.iter().any(|l| l.text.contains("security")));
        let tiny = wrap_article(&a, 6);
        assert!(tiny.lines.iter().all(|l| l.kind == LineKind::TableRow));
    }

    #[test]
    fn control_characters_never_survive_wrapping() {
        let lines = wrap_text("red\u{1b}[31m text\u{7} here\nnext", 40);
        assert_eq!(lines, vec!["red[31m text here", "next"]);
        assert!(lines
            .iter()
            .flat_map(|l| l.chars())
            .all(|c| !c.is_control()));
    }

    #[test]
    fn cache_returns_the_same_layout() {
        let a = article(vec![Block::new(BlockKind::Paragraph, "x")]);
        let cache = WrapCache::default();
        let one = cache.get(0, &a, 20);
        let two = cache.get(0, &a, 20);
        assert!(Rc::ptr_eq(&one, &two));
        cache.get(0, &a, 30);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn lines_know_where_they_start_in_the_block_text() {
        let a = article(vec![
            Block::new(BlockKind::Paragraph, "aaa bbb ccc ddd"),
            Block::new(BlockKind::ListItem, "日本語の文章を折り返"),
        ]);
        let w = wrap_article(&a, 8);
        let starts: Vec<(usize, &str, Option<usize>)> = w
            .lines
            .iter()
            .map(|l| (l.block, l.text.as_str(), l.start))
            .collect();
        // The bullet takes 2 cells, so the list item wraps at 6: three ideographs a line.
        assert_eq!(
            starts,
            vec![
                (0, "aaa bbb", Some(0)),
                (0, "ccc ddd", Some(8)),
                (0, "", None),
                (1, "日本語", Some(0)),
                (1, "の文章", Some(9)),
                (1, "を折り", Some(18)),
                (1, "返", Some(27)),
            ]
        );
    }

    #[test]
    fn folded_runs_become_one_line_and_anchors_still_round_trip() {
        let blocks = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        let full = wrap_article(&article(blocks), 20);
        // Keep b and e: a folds alone, c and d fold together.
        let folded = fold_layout(&full, &[false, true, false, false, true]);
        let shown: Vec<(usize, &str)> = folded
            .lines
            .iter()
            .map(|l| (l.block, l.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (0, "⋯ 1 paragraph"),
                (0, ""),
                (1, "b"),
                (1, ""),
                (2, "⋯ 2 paragraphs"),
                (3, ""),
                (4, "e"),
            ]
        );
        assert_eq!(folded.lines[4].kind, LineKind::Fold);
        assert_eq!(folded.block_starts, vec![0, 2, 4, 4, 6]);
        for line in 0..folded.len() {
            assert_eq!(folded.line_of(folded.anchor_at(line)), line);
        }
        // An anchor inside a folded block lands on its fold line.
        assert_eq!(
            folded.line_of(Anchor {
                block: 3,
                offset: 0
            }),
            4
        );
        // Nothing folded: the same layout.
        assert_eq!(fold_layout(&full, &[true; 5]), full);
    }

    #[test]
    fn filtered_layouts_are_cached_apart_from_the_full_one() {
        let a = article(vec![Block::new(BlockKind::Paragraph, "x")]);
        let cache = WrapCache::default();
        let full = cache.get(0, &a, 20);
        let folded = cache.get_or(0, 20, 7, || fold_layout(&full, &[false]));
        assert_eq!(folded.lines[0].kind, LineKind::Fold);
        assert_eq!(cache.get(0, &a, 20).lines[0].text, "x");
        let again = cache.get_or(0, 20, 7, || unreachable!("cached"));
        assert!(Rc::ptr_eq(&folded, &again));
    }
}
