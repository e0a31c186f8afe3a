//! The figures view: each measure of the story (what it measures, its kind and unit), its
//! values as normalised, and every mention as written by each perspective, with the sentence
//! around it. Measures where outlets give different values are marked "⚠ differs". A cursor
//! moves over mentions; Enter jumps to the mention's paragraph.

use super::{popup, theme};
use crate::analysis::figures::FigureGroup;
use crate::app::AppState;
use crate::model::Corpus;
use crate::text::width::{display_width, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

pub struct FiguresView<'a> {
    pub state: &'a AppState,
    pub corpus: &'a Corpus,
    pub selected: usize,
}

/// Widest value column ("US$550 billion" fits).
const MAX_VALUE_WIDTH: usize = 18;
/// Widest column of mentions as written; a longer one pushes its sentence right.
const MAX_WRITTEN_WIDTH: usize = 24;
/// Room for the outlet and date of a mention ("Yomiuri Shimbu… 10-28").
const LABEL_WIDTH: usize = 21;

/// The view's lines at `width` cells, each with the mention it shows (None for a measure's
/// heading and the blank line between measures).
pub fn lines(
    figures: &[FigureGroup],
    source: &dyn Fn(usize) -> String,
    selected: usize,
    width: usize,
) -> Vec<(Line<'static>, Option<usize>)> {
    let written_width = figures
        .iter()
        .flat_map(|g| &g.values)
        .flat_map(|v| &v.mentions)
        .map(|m| display_width(&m.text) + 2)
        .max()
        .unwrap_or(0)
        .min(MAX_WRITTEN_WIDTH);
    let value_width = figures
        .iter()
        .flat_map(|g| &g.values)
        .map(|v| display_width(&v.normalized))
        .max()
        .unwrap_or(0)
        .min(MAX_VALUE_WIDTH);
    let mut out = Vec::new();
    let mut index = 0;
    for (g, group) in figures.iter().enumerate() {
        if g > 0 {
            out.push((Line::default(), None));
        }
        let mut heading = vec![
            Span::from(" "),
            Span::from(group.measure.clone()).bold(),
            Span::styled(
                format!("  {} {}", group.kind.as_str(), group.unit),
                theme::dim(),
            ),
        ];
        if group.differs {
            heading.push(Span::styled(
                "  ⚠ differs",
                theme::warning().add_modifier(Modifier::BOLD),
            ));
        }
        out.push((Line::from(heading), None));
        for value in &group.values {
            for (m, mention) in value.mentions.iter().enumerate() {
                let shown = if m == 0 {
                    truncate_to_width(&value.normalized, value_width)
                } else {
                    String::new()
                };
                let cursor = if index == selected { "▸" } else { " " };
                let label = truncate_to_width(&source(mention.article), LABEL_WIDTH);
                let mut written = format!("“{}”", mention.text);
                written.push_str(&pad(written_width, &written));
                let fixed = 3 + value_width + 2 + LABEL_WIDTH + 2 + display_width(&written) + 2;
                let sentence = truncate_to_width(&mention.sentence, width.saturating_sub(fixed));
                let value_style = if group.differs {
                    theme::warning()
                } else {
                    Style::default()
                };
                let mut line = Line::from(vec![
                    Span::from(format!(" {cursor} ")),
                    Span::styled(
                        format!("{shown}{}", pad(value_width, &shown)),
                        value_style.add_modifier(Modifier::BOLD),
                    ),
                    Span::from("  "),
                    Span::styled(
                        format!("{label}{}", pad(LABEL_WIDTH, &label)),
                        Style::default().fg(theme::perspective_color(&mention.perspective)),
                    ),
                    Span::from("  "),
                    Span::from(written),
                    Span::from("  "),
                    Span::styled(sentence, theme::dim()),
                ]);
                if index == selected {
                    line = line.reversed();
                }
                out.push((line, Some(index)));
                index += 1;
            }
        }
    }
    out
}

/// Who wrote a mention or quote: the article's outlet and day ("Yomiuri Shimbun 10-28"),
/// the outlet cut first so the date stays; the perspective shows as the label's colour.
pub fn source_label(corpus: &Corpus, article: usize, width: usize) -> String {
    let Some(article) = corpus.articles.get(article) else {
        return String::new();
    };
    // "The Yomiuri Shimbun" reads as well without its article, and the column is narrow; an
    // article without an outlet is named by its perspective.
    let outlet = match article.outlet.as_deref() {
        Some(o) => o.strip_prefix("The ").unwrap_or(o).to_string(),
        None => theme::perspective_label(&article.perspective),
    };
    let outlet = outlet.as_str();
    let day = article
        .date
        .as_deref()
        .and_then(|d| d.get(5..10))
        .filter(|d| d.as_bytes().get(2) == Some(&b'-'));
    match day {
        Some(day) => {
            let outlet = truncate_to_width(outlet, width.saturating_sub(day.len() + 1));
            format!("{outlet} {day}")
        }
        None => truncate_to_width(outlet, width),
    }
}

fn pad(width: usize, text: &str) -> String {
    " ".repeat(width.saturating_sub(display_width(text)))
}

/// The first line to show so that the selected item's lines are on screen: the list scrolls
/// only once the selection would leave the bottom.
pub fn first_line(items: &[Option<usize>], selected: usize, rows: usize) -> usize {
    let start = items.iter().position(|&i| i == Some(selected)).unwrap_or(0);
    let end = items
        .iter()
        .rposition(|&i| i == Some(selected))
        .map_or(0, |e| e + 1);
    end.saturating_sub(rows).min(start)
}

impl Widget for FiguresView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let FiguresView {
            state,
            corpus,
            selected,
        } = self;
        let Some(comparison) = state.compare.get() else {
            return;
        };
        let figures = &comparison.analysis.figures;
        let differ = figures.iter().filter(|g| g.differs).count();
        let title = Line::from(format!(
            " Figures — {} measures, {differ} differ · ↑/↓ · Enter jumps · Esc closes ",
            figures.len()
        ))
        .bold();
        let inner = popup(area, 116, area.height.saturating_sub(4), title, buf);
        if inner.height < 3 {
            return;
        }
        if figures.is_empty() {
            let note = Line::from(" no figures in this story").dim();
            buf.set_line(inner.x, inner.y, &note, inner.width);
            return;
        }
        let source = |a: usize| source_label(corpus, a, LABEL_WIDTH);
        let all = lines(figures, &source, selected, usize::from(inner.width));
        let rows = usize::from(inner.height - 1);
        let items: Vec<Option<usize>> = all.iter().map(|(_, i)| *i).collect();
        let first = first_line(&items, selected, rows);
        for (row, (line, _)) in all.iter().skip(first).take(rows).enumerate() {
            buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
        }
        let note = format!(
            " {}/{} mentions · ⚠ differs: outlets give different values for one measure",
            selected + 1,
            comparison.mentions.len()
        );
        buf.set_line(
            inner.x,
            inner.y + inner.height - 1,
            &Line::from(note).dim(),
            inner.width,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{first_line, lines};
    use crate::analysis::figures::{FigureGroup, FigureKind, FigureValue, Mention};

    fn mention(perspective: &str, text: &str) -> Mention {
        let article = match perspective {
            "korean" => 0,
            "wire" => 1,
            _ => 2,
        };
        Mention {
            article,
            article_id: "a".into(),
            perspective: perspective.into(),
            block: 3,
            text: text.into(),
            sentence: format!("The tariff is {text}."),
        }
    }

    fn value(normalized: &str, mentions: Vec<Mention>) -> FigureValue {
        FigureValue {
            normalized: normalized.into(),
            value: 0.0,
            mentions,
        }
    }

    fn plain(line: &ratatui::text::Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_measure_whose_outlets_disagree_is_marked_and_each_mention_has_a_row() {
        let group = FigureGroup {
            measure: "tariff".into(),
            kind: FigureKind::Percent,
            unit: "%".into(),
            values: vec![
                value(
                    "15%",
                    vec![mention("korean", "15 percent"), mention("wire", "15%")],
                ),
                value("25%", vec![mention("japanese", "25%")]),
            ],
            differs: true,
        };
        let outlets = ["Hankyoreh 10-29", "Reuters 10-28", "Yomiuri 10-29"];
        let source = |a: usize| outlets[a].to_string();
        let out = lines(&[group], &source, 1, 100);
        let text: Vec<String> = out.iter().map(|(l, _)| plain(l)).collect();
        assert!(
            text[0].contains("tariff") && text[0].ends_with("⚠ differs"),
            "{}",
            text[0]
        );
        // One row per mention; the value shown once, on its first mention; the cursor on
        // mention 1.
        assert_eq!(
            out.iter().map(|(_, i)| *i).collect::<Vec<_>>(),
            vec![None, Some(0), Some(1), Some(2)]
        );
        assert!(text[1].starts_with("   15%") && text[1].contains("“15 percent”"));
        assert!(text[2].starts_with(" ▸    ") && text[2].contains("“15%”"));
        assert!(text[3].contains("25%") && text[3].contains("The tariff is 25%."));
        // Each row names its outlet and day, not just the perspective.
        assert!(text[1].contains("Hankyoreh 10-29"), "{}", text[1]);
        assert!(text[2].contains("Reuters 10-28"), "{}", text[2]);
        assert!(text[3].contains("Yomiuri 10-29"), "{}", text[3]);
        // The sentences start in one column.
        let at =
            |t: &str| crate::text::width::display_width(&t[..t.find("The tariff").unwrap_or(0)]);
        assert_eq!(at(&text[1]), at(&text[2]));
    }

    #[test]
    fn the_list_scrolls_only_when_the_selection_leaves_the_bottom() {
        // Heading, two mentions, blank, heading, one mention.
        let items = [None, Some(0), Some(1), None, None, Some(2)];
        assert_eq!(first_line(&items, 0, 3), 0);
        assert_eq!(first_line(&items, 1, 3), 0);
        // Mention 2 is line 5: with 3 rows the view starts at line 3 (its heading is line 4).
        assert_eq!(first_line(&items, 2, 3), 3);
        // With one row, the mention itself.
        assert_eq!(first_line(&items, 2, 1), 5);
    }
}
