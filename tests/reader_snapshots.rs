//! Rendered frames of the reader (ratatui's TestBackend) at 120x40 and 80x24, as text
//! snapshots. Each .snap file under tests/snapshots/ was read by eye when accepted.

use parallax::app::keymap::Keymap;
use parallax::app::{update, Action, AppState, Scroll};
use parallax::model::Corpus;
use parallax::text::width::display_width;
use parallax::view::Screen;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::path::PathBuf;

#[path = "support/screen.rs"]
mod screen;
use screen::{cjk, render, seeds, text};

fn snapshot(name: &str, buffer: &Buffer) {
    insta::assert_snapshot!(name, text(buffer));
}

#[test]
fn main_view_120x40() {
    let buffer = render(&seeds(), 120, 40, &[]);
    snapshot("main_120x40", &buffer);
    // The focused pane's label is drawn reversed in its perspective colour (Korean #5fafff)
    // and its border is bold; an unfocused label is coloured text on the default background.
    let korean = Color::Rgb(0x5f, 0xaf, 0xff);
    let label = &buffer[(2, 1)];
    assert_eq!(label.symbol(), "K");
    assert_eq!(label.bg, korean);
    assert_eq!(buffer[(0, 5)].symbol(), "┃");
    assert!(buffer[(0, 5)].modifier.contains(Modifier::BOLD));
    let japanese = &buffer[(42, 1)];
    assert_eq!(japanese.symbol(), "J");
    assert_eq!(japanese.fg, Color::Rgb(0xff, 0x5f, 0x5f));
    assert_eq!(japanese.bg, Color::Reset);
}

#[test]
fn main_view_80x24_is_narrow_with_tabs() {
    snapshot("main_80x24", &render(&seeds(), 80, 24, &[]));
}

#[test]
fn narrow_mode_on_the_wire_tab_after_scrolling() {
    // `l` twice: Wire focused, the Japanese pane it came from beside it.
    let actions = [
        Action::FocusRight,
        Action::FocusRight,
        Action::Scroll(Scroll::Lines(3)),
        Action::NextArticle,
    ];
    snapshot("narrow_wire_80x24", &render(&seeds(), 80, 24, &actions));
}

#[test]
fn tab_at_80_columns_puts_the_next_pane_beside_the_focused_one() {
    // Korean stays focused; Wire replaces Japanese as the pane beside it.
    let buffer = render(&seeds(), 80, 24, &[Action::FocusNext]);
    snapshot("tab_companion_80x24", &buffer);
    let screen = text(&buffer);
    assert!(screen.contains("┏ Korean"), "Korean keeps the focus");
    assert!(screen.contains("┌ Wire"), "Wire shown beside");
    assert!(!screen.contains("┌ Japanese"), "Japanese only in the tabs");
}

#[test]
fn scrolled_in_lockstep_120x40() {
    // The seed story opens aligned: aligned -> off -> lockstep.
    let actions = [
        Action::CycleSync,
        Action::CycleSync,
        Action::Scroll(Scroll::Pages(1)),
    ];
    snapshot("lockstep_page_120x40", &render(&seeds(), 120, 40, &actions));
}

#[test]
fn help_overlay() {
    snapshot("help_120x40", &render(&seeds(), 120, 40, &[Action::Help]));
    snapshot("help_80x24", &render(&seeds(), 80, 24, &[Action::Help]));
}

#[test]
fn story_picker() {
    let open = [Action::Stories, Action::Scroll(Scroll::Lines(1))];
    snapshot("stories_120x40", &render(&seeds(), 120, 40, &open));
    snapshot("stories_80x24", &render(&seeds(), 80, 24, &open));
}

#[test]
fn story_picker_matching_nothing_still_shows_what_was_typed() {
    let mut actions = vec![Action::Stories];
    actions.extend("zzq".chars().map(Action::Input));
    for (width, height) in [(120, 40), (80, 24)] {
        let screen = text(&render(&seeds(), width, height, &actions));
        assert!(screen.contains("Stories 0/"), "{screen}");
        assert!(
            screen.contains("zzq"),
            "the filter typed is on screen:\n{screen}"
        );
        assert!(screen.contains("no story matches"), "{screen}");
    }
}

#[test]
fn story_picker_while_the_corpus_loads_says_so() {
    use parallax::app::loading::Loading;
    let empty = Corpus::new(Vec::new(), Vec::new(), &Default::default());
    for (width, height) in [(120, 40), (80, 24)] {
        let mut state = AppState::new(&empty, Keymap::embedded().clone(), width, height);
        state.loading = Some(Loading {
            done: 10,
            total: 10_000,
        });
        update(&mut state, &empty, Action::Stories);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("backend");
        terminal
            .draw(|frame| {
                let screen = Screen {
                    state: &state,
                    corpus: &empty,
                };
                frame.render_widget(screen, frame.area())
            })
            .expect("draw");
        let screen = text(terminal.backend().buffer());
        assert!(screen.contains("Stories 0/0 · still loading"), "{screen}");
        assert!(screen.contains("stories are still being read"), "{screen}");
        assert!(!screen.contains("no story matches"), "{screen}");
    }
}

#[test]
fn warnings_overlay() {
    snapshot(
        "warnings_120x40",
        &render(&seeds(), 120, 40, &[Action::Warnings]),
    );
}

#[test]
fn cjk_text_wraps_and_aligns() {
    snapshot("cjk_120x40", &render(&cjk(), 120, 40, &[]));
    snapshot("cjk_80x24", &render(&cjk(), 80, 24, &[]));
}

#[test]
fn zoomed_pane_uses_the_full_width() {
    let actions = [Action::FocusNext, Action::Zoom];
    snapshot("zoom_120x40", &render(&seeds(), 120, 40, &actions));
}

#[test]
fn tiny_terminal_says_so_and_every_size_renders() {
    snapshot("too_small_19x5", &render(&seeds(), 19, 5, &[]));
    assert!(text(&render(&seeds(), 15, 4, &[])).contains("too small"));
    // No size panics, with or without overlays.
    for (w, h) in [
        (1, 1),
        (20, 5),
        (21, 6),
        (30, 8),
        (45, 13),
        (61, 17),
        (250, 70),
    ] {
        for overlay in [
            None,
            Some(Action::Help),
            Some(Action::Stories),
            Some(Action::Warnings),
            Some(Action::Topics),
            Some(Action::Coverage),
            Some(Action::Figures),
            Some(Action::Quotes),
        ] {
            let actions: Vec<Action> = overlay.into_iter().collect();
            text(&render(&seeds(), w, h, &actions));
            text(&render(&cjk(), w, h, &actions));
        }
        // A focus filter and a search, at every size.
        let mut actions = select_topics(&["defense"]);
        actions.extend([Action::FocusRight, Action::Close, Action::Search]);
        actions.extend("大統領 the".chars().map(Action::Input));
        text(&render(&seeds(), w, h, &actions));
        text(&render(&cjk(), w, h, &actions));
    }
}

/// Open the topic panel and toggle each topic of `ids` (by moving the cursor to it).
fn select_topics(ids: &[&str]) -> Vec<Action> {
    let lexicon = parallax::analysis::topics::Lexicon::active();
    let mut actions = vec![Action::Topics];
    let mut at = 0;
    for id in ids {
        let row = lexicon
            .find(id)
            .map(|t| t.index())
            .expect("a bundled topic");
        let step = row as i32 - at as i32;
        actions.push(Action::Scroll(Scroll::Lines(step)));
        actions.push(Action::Confirm);
        at = row;
    }
    actions
}

/// Where `word` is drawn (its first cell), reading row by row; a wide character takes two
/// cells, the second left blank.
fn find_word(buffer: &Buffer, word: &str) -> Option<(u16, u16)> {
    find_word_in(buffer, word, buffer.area.width)
}

/// `find_word` left of column `before` only (one pane of several).
fn find_word_in(buffer: &Buffer, word: &str, before: u16) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..before.min(area.width) {
            let mut at = x;
            let fits = word.chars().all(|c| {
                let ok = at < area.width && buffer[(at, y)].symbol() == c.to_string();
                at += display_width(&c.to_string()) as u16;
                ok
            });
            if fits {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn topic_panel() {
    let actions = select_topics(&["trade", "defense"]);
    snapshot("topic_panel_120x40", &render(&seeds(), 120, 40, &actions));
    snapshot("topic_panel_80x24", &render(&seeds(), 80, 24, &actions));
}

#[test]
fn highlight_filter_colours_terms_and_marks_the_gutter() {
    let mut actions = select_topics(&["trade"]);
    actions.push(Action::Close);
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("highlight_trade_120x40", &buffer);
    // Trade is #ffaf5f in assets/topics.toml: "tariff" in the Korean pane is drawn in it,
    // bold and underlined, and its paragraph has the mark in the left padding column.
    let trade = Color::Rgb(0xff, 0xaf, 0x5f);
    // (The wire pane may show a tariff higher up: look in the Korean pane's columns.)
    let (x, y) = find_word_in(&buffer, "tariff", 40).expect("a tariff in the Korean pane");
    for i in 0..6 {
        let cell = &buffer[(x + i, y)];
        assert_eq!(cell.fg, trade, "{i}");
        assert!(cell
            .modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED));
    }
    assert_eq!(buffer[(1, y)].symbol(), "▌");
    assert_eq!(buffer[(1, y)].fg, trade);
    // An untagged word stays plain.
    let (x, y) = find_word(&buffer, "confirming").expect("the Japanese lead");
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
}

#[test]
fn focus_filter_folds_other_paragraphs() {
    let mut actions = select_topics(&["defense"]);
    actions.push(Action::FocusRight);
    actions.push(Action::Close);
    snapshot("focus_defense_120x40", &render(&seeds(), 120, 40, &actions));
    snapshot("focus_defense_80x24", &render(&seeds(), 80, 24, &actions));
}

#[test]
fn coverage_matrix() {
    let actions = [Action::Coverage, Action::Scroll(Scroll::Lines(1))];
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("coverage_120x40", &buffer);
    snapshot("coverage_80x24", &render(&seeds(), 80, 24, &actions));
    // The cursor is on Trade (second row) × Korean (first column): that cell is reversed,
    // the Japanese cell beside it is not.
    let (x, y) = find_word(&buffer, "Trade").expect("the trade row");
    let korean = (x..120)
        .find(|&x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        .expect("a reversed cell");
    assert_eq!(buffer[(korean + 2, y)].symbol(), "4");
    let (jx, _) = find_word(&buffer, "Japanese (1)").expect("the Japanese header");
    assert!(!buffer[(jx + 2, y)].modifier.contains(Modifier::REVERSED));
    // Gaps are marked where Korean ignores what the others cover.
    let (gx, gy) = find_word(&buffer, "✗ gap").expect("a gap");
    let (ex, ey) = find_word(&buffer, "Energy").expect("the energy row");
    assert_eq!(gy, ey);
    assert!(gx > ex && gx < korean + 16);
}

#[test]
fn search_highlights_matches_in_every_pane() {
    let mut actions = vec![Action::Search];
    actions.extend("ALLIANCE".chars().map(Action::Input));
    let typing = render(&seeds(), 120, 40, &actions);
    snapshot("search_typing_120x40", &typing);
    actions.push(Action::Confirm);
    actions.push(Action::SearchNext);
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("search_alliance_120x40", &buffer);
    // Matches are reversed (so they show without colour too), in every pane.
    let mut panes = [false; 3];
    let area = buffer.area;
    for y in 6..area.height - 1 {
        for x in 0..area.width {
            if buffer[(x, y)].modifier.contains(Modifier::REVERSED) {
                panes[usize::from(x / 40)] = true;
            }
        }
    }
    assert_eq!(panes, [true, true, true]);
}

#[test]
fn search_in_cjk_text_highlights_whole_characters() {
    let mut actions = vec![Action::Search];
    actions.extend("半導体".chars().map(Action::Input));
    actions.push(Action::Confirm);
    let buffer = render(&cjk(), 120, 40, &actions);
    snapshot("search_cjk_120x40", &buffer);
    // The Japanese pane (the second) has it in a paragraph and a list item; both wide
    // characters' cells are marked, the next character is not. The Chinese 半导体 is
    // another word and stays plain.
    let (x, y) = find_word(&buffer, "半導体と").expect("the paragraph's match");
    assert!((40..80).contains(&x));
    for i in [0, 2, 4] {
        assert!(
            buffer[(x + i, y)].modifier.contains(Modifier::REVERSED),
            "{i}"
        );
    }
    assert!(!buffer[(x + 6, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find_word(&buffer, "半导体").expect("the Chinese word");
    assert!(!buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

/// The letter in a pane's gutter column (the right padding, before the scrollbar) on row `y`.
fn gutter(buffer: &Buffer, pane: u16, y: u16) -> String {
    // Three 40-column panes: the gutter is each pane's second-to-last column.
    buffer[(pane * 40 + 38, y)].symbol().to_string()
}

#[test]
fn aligned_view_keeps_matched_paragraphs_level() {
    // The seed story opens aligned. Ten lines down, the Korean pane is three lines into its
    // "$550 billion" paragraph: the others are as far into theirs (mid-paragraph, so no
    // letters on the top row).
    let actions = [Action::Scroll(Scroll::Lines(10))];
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("aligned_scrolled_120x40", &buffer);
    assert!(text(&buffer).contains("sync: aligned"));
    // Seven lines down, that paragraph starts the Korean pane: its counterparts in the
    // Japanese and Wire panes start on the same row, marked with the same letter.
    let buffer = render(&seeds(), 120, 40, &[Action::Scroll(Scroll::Lines(7))]);
    let (_, y) = find_word(&buffer, "After securing a promise").expect("the Korean lead");
    let top = 6;
    assert_eq!(y, top);
    let mark = gutter(&buffer, 0, top);
    assert_eq!(mark, "b");
    assert!(mark.chars().all(|c| c.is_ascii_alphabetic()) && !mark.is_empty());
    let rows_with = |pane: u16| -> Vec<u16> {
        (6..39)
            .filter(|&y| gutter(&buffer, pane, y) == mark)
            .collect()
    };
    assert_eq!(rows_with(0), vec![top]);
    assert_eq!(rows_with(1), vec![top], "Japanese counterpart level");
    assert_eq!(rows_with(2), vec![top], "Wire counterpart level");
}

#[test]
fn figures_view() {
    let buffer = render(&seeds(), 120, 40, &[Action::Figures]);
    snapshot("figures_120x40", &buffer);
    snapshot(
        "figures_80x24",
        &render(&seeds(), 80, 24, &[Action::Figures]),
    );
    let screen = text(&buffer);
    assert!(screen.contains("US$550 billion"), "a mention as written");
    assert!(screen.contains("⚠ differs"));
    // The cursor row (the first mention) is reversed.
    let (x, y) = find_word(&buffer, "▸").expect("the cursor");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn quotes_view() {
    let actions = [Action::Quotes, Action::Scroll(Scroll::Lines(2))];
    let buffer = render(&seeds(), 120, 40, &actions);
    snapshot("quotes_120x40", &buffer);
    let screen = text(&buffer);
    assert!(screen.contains("⚠ speakers differ: Trump / Takaichi"));
    // "age" (only in the first quote) is crossed out, "era" (only in the second) underlined.
    let (x, y) = find_word(&buffer, "age”").expect("the first quote");
    assert!(buffer[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
    let (x, y) = find_word(&buffer, "era”").expect("the second quote");
    assert!(buffer[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // A paraphrase ("army" for "military") is italic.
    let (x, y) = find_word(&buffer, "army").expect("a paraphrase");
    assert!(buffer[(x, y)].modifier.contains(Modifier::ITALIC));
}

/// The alignment letters stand in a column of their own: the cell between the text and the
/// gutter is blank on every row of every pane, at 80, 120 and 200 columns, on English and
/// CJK text, at the top and a few pages down.
#[test]
fn gutter_letters_never_touch_the_text() {
    for corpus in [seeds(), cjk()] {
        for width in [80u16, 120, 200] {
            for pages in [0, 2, 5] {
                let mut state = AppState::new(&corpus, Keymap::embedded().clone(), width, 40);
                for _ in 0..pages {
                    update(&mut state, &corpus, Action::Scroll(Scroll::Pages(1)));
                }
                let mut terminal =
                    Terminal::new(TestBackend::new(width, 40)).expect("test backend");
                terminal
                    .draw(|frame| {
                        frame.render_widget(
                            Screen {
                                state: &state,
                                corpus: &corpus,
                            },
                            frame.area(),
                        )
                    })
                    .expect("draw");
                let buffer = terminal.backend().buffer();
                let mut letters = 0;
                for pane in &state.layout().panes {
                    let gutter = pane.scrollbar.x - 1;
                    for y in pane.body.y..pane.body.y + pane.body.height {
                        let mark = buffer[(gutter, y)].symbol();
                        if mark.chars().all(|c| c.is_ascii_lowercase()) && !mark.is_empty() {
                            letters += 1;
                        }
                        let between = buffer[(gutter - 1, y)].symbol();
                        assert!(
                            between == " " || between.is_empty(),
                            "{width} cols, {pages} pages, row {y}: {between:?} next to the gutter"
                        );
                    }
                }
                if pages == 0 {
                    assert!(letters > 0, "{width} cols: the first screen shows marks");
                }
            }
        }
    }
}

/// The seeds and the CJK fixture in one corpus: English, Korean and Japanese titles.
fn mixed() -> Corpus {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    parallax::ingest::load_paths(&[root.join("seeds"), root.join("tests/fixtures/cjk")])
}

#[test]
fn article_list_aligns_wide_titles_and_filters() {
    let corpus = mixed();
    let open = [Action::ArticleList];
    let wide = render(&corpus, 160, 48, &open);
    snapshot("article_list_160x48", &wide);
    let narrow = render(&corpus, 80, 24, &open);
    snapshot("article_list_80x24", &narrow);
    // Every row's story column starts at the same display column, whatever the script of
    // the title before it.
    let screen = text(&wide);
    let starts: Vec<usize> = screen
        .lines()
        .filter(|l| l.contains('●'))
        .filter_map(|l| {
            ["한일 정상회담 /", "Takaichi–Trump", "Ishiba–Trump"]
                .iter()
                .filter_map(|story| l.rfind(story))
                .max()
                .map(|at| display_width(&l[..at]))
        })
        .collect();
    assert_eq!(starts.len(), 8, "{screen}");
    assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}");
    let mut filtered = open.to_vec();
    filtered.extend("p:kor".chars().map(Action::Input));
    let buffer = render(&corpus, 80, 24, &filtered);
    snapshot("article_list_korean_80x24", &buffer);
    let rows = text(&buffer).lines().filter(|l| l.contains('●')).count();
    let korean = corpus
        .articles
        .iter()
        .filter(|a| a.perspective == "korean")
        .count();
    assert_eq!(rows, korean);
}

#[test]
fn note_line_under_the_header_while_typing() {
    let mut actions = vec![Action::ToggleNotes, Action::EditNote];
    actions.extend(
        "ask Kyodo about the ¥84 trillion / 84조"
            .chars()
            .map(Action::Input),
    );
    let buffer = render(&seeds(), 80, 24, &actions);
    snapshot("note_typing_80x24", &buffer);
    let screen = text(&buffer);
    // Too long for the 36-column pane: the end being typed shows, the cursor after it.
    assert!(
        screen.contains("┃ ✎ odo about the ¥84 trillion / 84조▏ ┃"),
        "{screen}"
    );
    assert!(screen.contains("✎ no note (e writes one)"), "{screen}");
}
