//! Figure identity on a fixture set of figure pairs, each read by hand: two articles of one
//! story state a figure each; "same" pairs measure one quantity with different values (the
//! figures view must flag them `⚠ differs`), "different" pairs measure different things that
//! happen to share a unit (it must not). Several units and phrasings; the four unrelated
//! durations of issue 13 (3, 2, 8 and 15 years) among them.

use parallax::analysis::figures::story_figures;
use parallax::model::{Article, Block, BlockKind, Format};

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: format!("{id}.txt"),
        format: Format::Text,
        title: id.into(),
        outlet: None,
        perspective: id.into(),
        perspective_reason: "test".into(),
        perspective_source: "none".into(),
        perspective_confidence: 0.0,
        language: None,
        date: Some("2025-10-28".into()),
        url: None,
        byline: None,
        dateline: None,
        story: Some("s".into()),
        blocks: vec![Block::new(BlockKind::Paragraph, text.to_string())],
        warnings: vec![],
        dropped: vec![],
    }
}

/// Same quantity, different values: a reader would say the outlets disagree.
const SAME: &[(&str, &str)] = &[
    (
        "Japan agreed to invest $550 billion in key U.S. industries.",
        "Japan agreed to invest $500 billion in key American industries.",
    ),
    (
        "Trump lowered the tariff on Japanese automobiles to 15 percent.",
        "Washington cut the tariff on Japanese automobiles to 25%.",
    ),
    (
        "Takaichi pledged to raise defense spending to 2 percent of GDP.",
        "Takaichi vowed to lift defense spending to 1.8% of gross domestic product.",
    ),
    (
        "The typhoon killed at least 12 people in Okinawa, officials said.",
        "At least 15 people were killed in Okinawa by the typhoon.",
    ),
    (
        "The two leaders held a 40-minute meeting at the Akasaka Palace.",
        "The leaders' meeting at the Akasaka Palace lasted 30 minutes.",
    ),
    (
        "Japan will buy 100 missiles of the Tomahawk type from the United States.",
        "Tokyo plans to buy 400 missiles from the United States, Tomahawks among them.",
    ),
    (
        "The stadium crowd of 42,000 fans watched the final game of the series.",
        "A crowd of 45,000 fans packed the stadium for the final game.",
    ),
    (
        "Exports of semiconductors to China fell 12% in September.",
        "Semiconductor exports to China dropped 9 percent in September.",
    ),
    (
        "The plan would relocate 4,000 troops of the Marine Corps from Okinawa to Guam.",
        "About 9,000 troops of the Marine Corps would move from Okinawa to Guam.",
    ),
    (
        "Japan's economy grew 0.3% in the July-September quarter.",
        "The Japanese economy expanded 0.5% in the July-September quarter.",
    ),
    (
        "The contract to upgrade the shipyard is worth $2 billion.",
        "The shipyard upgrade contract is valued at $3 billion.",
    ),
];

/// Different quantities under one unit: nothing to flag.
const DIFFERENT: &[(&str, &str)] = &[
    // The four unrelated durations of the issue, paired every way below.
    (
        "Abe served as prime minister for eight years, the longest tenure in Japan.",
        "The former aide was sentenced to 15 years in prison for bribery.",
    ),
    (
        "Japan aims to reach the spending target within two years.",
        "The trade talks had dragged on for three years before the deal.",
    ),
    (
        "Abe served as prime minister for eight years, the longest tenure in Japan.",
        "Japan aims to reach the spending target within two years.",
    ),
    (
        "The former aide was sentenced to 15 years in prison for bribery.",
        "The trade talks had dragged on for three years before the deal.",
    ),
    (
        "The two leaders held a 40-minute meeting at the Akasaka Palace.",
        "The motorcade took 15 minutes to reach Yokosuka naval base.",
    ),
    (
        "Japan will donate 250 cherry trees to mark the U.S. anniversary.",
        "A storm in Washington knocked down 30 trees along the river.",
    ),
    (
        "The typhoon killed at least 12 people in Okinawa, officials said.",
        "Some 3,000 people protested outside the U.S. embassy in Seoul.",
    ),
    (
        "Trump lowered the tariff on Japanese automobiles to 15 percent.",
        "Steel imports still face a tariff of 50% under a separate order.",
    ),
    (
        "Japan agreed to invest $550 billion in key U.S. industries.",
        "Toyota said it would invest $10 billion in a new battery plant in North Carolina.",
    ),
    (
        "Takaichi's cabinet approval rating stood at 71% in a Nikkei poll.",
        "Turnout in the upper house election was 58%.",
    ),
    (
        "The delegation visited 3 nations on its Asian tour.",
        "Officials from 12 nations signed the minerals declaration.",
    ),
    (
        "The aircraft carrier USS George Washington carries 5,000 sailors.",
        "About 300 sailors joined the rescue operation off Okinawa.",
    ),
];

fn flagged(a: &str, b: &str) -> bool {
    let articles = vec![article("a", a), article("b", b)];
    let groups = story_figures(&articles, &[0, 1]);
    groups.iter().any(|g| g.differs)
}

#[test]
fn the_fixture_set_has_twenty_pairs_and_more() {
    assert!(SAME.len() + DIFFERENT.len() >= 20);
}

#[test]
fn figures_that_measure_different_things_never_differ() {
    let wrong: Vec<_> = DIFFERENT.iter().filter(|(a, b)| flagged(a, b)).collect();
    assert!(wrong.is_empty(), "flagged as differing: {wrong:#?}");
}

#[test]
fn the_same_quantity_with_another_value_still_differs() {
    let missed: Vec<_> = SAME.iter().filter(|(a, b)| !flagged(a, b)).collect();
    assert!(missed.is_empty(), "not flagged: {missed:#?}");
}

#[test]
fn the_same_value_in_other_words_is_one_figure() {
    // "US$550 billion" and "$550 billion" in different sentences are one value of one
    // figure, not two.
    let articles = vec![
        article("a", "Japan pledged US$550 billion in investment in the US."),
        article(
            "b",
            "Tokyo promised to invest $550 billion in American industry.",
        ),
    ];
    let groups = story_figures(&articles, &[0, 1]);
    let money: Vec<_> = groups.iter().filter(|g| g.unit == "USD").collect();
    assert_eq!(money.len(), 1, "{groups:#?}");
    assert_eq!(money[0].values.len(), 1);
    assert_eq!(money[0].values[0].mentions.len(), 2);
}
