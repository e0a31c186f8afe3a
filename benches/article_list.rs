//! The article list (`L`) over 10,000 articles: one frame at 200x60 with the list open, and
//! one keystroke of the filter (through `update`, which refilters every article).
//! Run: `cargo bench --bench article_list`. Targets: a frame ≤ 1 ms, a keystroke ≤ 5 ms
//! (search everywhere has no target; its keystroke is measured beside them).

use divan::Bencher;
use parallax::app::keymap::Keymap;
use parallax::app::{update, Action, AppState};
use parallax::model::{Article, Block, BlockKind, Corpus, Format};
use parallax::state::ReadingState;
use parallax::view::Screen;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::collections::BTreeMap;

fn main() {
    divan::main();
}

const W: u16 = 200;
const H: u16 = 60;

/// Title words in the three scripts the reader meets, and outlets of each perspective.
const WORDS: &[&str] = &[
    "summit",
    "tariff",
    "alliance",
    "rare earths",
    "defense",
    "investment",
    "Takaichi",
    "정상회담",
    "관세",
    "동맹",
    "투자",
    "방위비",
    "首脳会談",
    "関税",
    "同盟",
    "投資",
    "防衛費",
    "North Korea",
    "shipbuilding",
    "semiconductors",
    "$550 billion",
    "abductions",
];
const OUTLETS: &[(&str, &str)] = &[
    ("korean", "Hankyoreh"),
    ("korean", "Yonhap News Agency"),
    ("korean", "The Korea Herald"),
    ("japanese", "The Yomiuri Shimbun"),
    ("japanese", "Kyodo News"),
    ("japanese", "Nikkei Asia"),
    ("wire", "Reuters"),
    ("wire", "Associated Press"),
    ("other", "Xinhua"),
];

/// 10,000 articles with mixed-script titles of 5-9 words, in 2,500 stories, with a few
/// blocks each (the list never reads bodies).
fn articles() -> Vec<Article> {
    (0..10_000usize)
        .map(|i| {
            let (perspective, outlet) = OUTLETS[(i * 7) % OUTLETS.len()];
            let n = 5 + i % 5;
            let title: Vec<&str> = (0..n)
                .map(|w| WORDS[(i * 31 + w * 17 + w * w) % WORDS.len()])
                .collect();
            Article {
                id: format!("gen{i:05}-{:012x}", i * 2_654_435_761),
                source: format!("gen/{i:05}.txt"),
                format: Format::Text,
                title: title.join(" "),
                outlet: Some(outlet.into()),
                perspective: perspective.into(),
                perspective_reason: "generated".into(),
                perspective_source: "none".into(),
                perspective_confidence: 0.0,
                language: None,
                date: Some(format!(
                    "2025-{:02}-{:02}",
                    1 + (i / 4) % 12,
                    1 + (i / 48) % 28
                )),
                url: None,
                byline: None,
                dateline: None,
                story: Some(format!("story-{}", i / 4)),
                blocks: vec![Block::new(BlockKind::Paragraph, title.join(" "))],
                warnings: vec![],
                dropped: vec![],
            }
        })
        .collect()
}

/// The reader over the corpus, a third of the articles read, one in ten starred, one in
/// fifty with a note; the list open.
fn setup() -> (Corpus, AppState) {
    let corpus = Corpus::new(articles(), vec![], &BTreeMap::new());
    let mut reading = ReadingState::default();
    for (i, a) in corpus.articles.iter().enumerate() {
        reading.update(&a.id, |s| {
            s.read = i % 3 == 0;
            s.bookmarked = i % 10 == 0;
            s.note = (i % 50 == 0).then(|| "check the figure".to_string());
        });
    }
    let mut state =
        AppState::new(&corpus, Keymap::embedded().clone(), W, H).with_reading(&corpus, reading);
    update(&mut state, &corpus, Action::ArticleList);
    assert_eq!(state.articles.rows.len(), 10_000);
    (corpus, state)
}

/// A frame at 200x60 with the list open over 10,000 articles. The buffer is reset and
/// reused between frames, as ratatui's `Terminal::draw` does with its two buffers.
#[divan::bench(sample_count = 200)]
fn frame_200x60_list_10k(bencher: Bencher) {
    let (corpus, state) = setup();
    let mut buffer = Buffer::empty(Rect::new(0, 0, W, H));
    bencher.bench_local(|| {
        buffer.reset();
        Screen {
            state: &state,
            corpus: &corpus,
        }
        .render(buffer.area, &mut buffer);
        divan::black_box(&buffer);
    });
}

/// One keystroke of a filter being typed ("tarif" -> "tariff") over 10,000 articles.
#[divan::bench(sample_count = 50)]
fn keystroke_filter_10k(bencher: Bencher) {
    let (corpus, mut state) = setup();
    for c in "tarif".chars() {
        update(&mut state, &corpus, Action::Input(c));
    }
    bencher
        .with_inputs(|| state.clone())
        .bench_local_values(|mut s| {
            update(&mut s, &corpus, Action::Input('f'));
            s
        });
}

/// One keystroke of a filter with the reading-state words ("p:kor unrea" -> "unread").
#[divan::bench(sample_count = 50)]
fn keystroke_filter_unread_10k(bencher: Bencher) {
    let (corpus, mut state) = setup();
    for c in "p:kor unrea".chars() {
        update(&mut state, &corpus, Action::Input(c));
    }
    bencher
        .with_inputs(|| state.clone())
        .bench_local_values(|mut s| {
            update(&mut s, &corpus, Action::Input('d'));
            s
        });
}

/// One keystroke of search everywhere ("tari" -> "tarif") over the titles and bodies of
/// 10,000 articles (the first search folds the corpus once; this is a later keystroke).
#[divan::bench(sample_count = 50)]
fn keystroke_search_all_10k(bencher: Bencher) {
    let (corpus, mut state) = setup();
    update(&mut state, &corpus, Action::Close);
    update(&mut state, &corpus, Action::SearchAll);
    for c in "tari".chars() {
        update(&mut state, &corpus, Action::Input(c));
    }
    bencher
        .with_inputs(|| state.clone())
        .bench_local_values(|mut s| {
            update(&mut s, &corpus, Action::Input('f'));
            s
        });
}
