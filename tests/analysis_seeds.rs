//! Story clustering and paragraph alignment on the bundled seeds: the pairs below were checked
//! by reading the articles side by side.

use parallax::model::id::prefix;

use parallax::analysis::align::{align_story, BlockPos, StoryAlignment, SyncMap};
use parallax::analysis::cluster::cluster;
use parallax::ingest::{load_paths, load_seeds};
use parallax::model::Article;
use std::path::PathBuf;

const HANKYOREH: &str = "000_ba87cd429a98f8c1";
const YOMIURI: &str = "001_dfab2ef32de3a2b5";
const KYODO: &str = "002_f46852b532b3d29e";
const KOREA_PRO: &str = "003_aab10cb7c5a58c1f";
const REWRITE: &str = "004_ef4fb084e8f28a11";

/// The seeds with their manifest story ids cleared, plus the distractor fixtures.
fn unpinned_with_distractors() -> Vec<Article> {
    let mut articles = load_seeds().articles;
    articles.extend(
        load_paths(&[
            PathBuf::from("tests/fixtures/distractor_baseball.md"),
            PathBuf::from("tests/fixtures/distractor_typhoon.md"),
        ])
        .articles,
    );
    for article in &mut articles {
        article.story = None;
    }
    articles
}

fn ids(articles: &[Article], members: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = members
        .iter()
        .map(|&i| prefix(&articles[i].id).to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn seeds_cluster_into_the_two_summits_without_story_ids() {
    let articles = unpinned_with_distractors();
    assert!(articles
        .iter()
        .any(|a| prefix(&a.id) == "distractor_baseball"));
    assert!(articles
        .iter()
        .any(|a| prefix(&a.id) == "distractor_typhoon"));
    let stories = cluster(&articles);
    let groups: Vec<Vec<String>> = stories
        .iter()
        .map(|s| ids(&articles, &s.articles))
        .collect();
    assert!(
        groups.contains(&vec![
            HANKYOREH.into(),
            YOMIURI.into(),
            KYODO.into(),
            REWRITE.into()
        ]),
        "{groups:?}"
    );
    assert!(groups.contains(&vec![KOREA_PRO.to_string()]), "{groups:?}");
    // The sports and weather stories of the same days stay alone.
    assert!(
        groups.contains(&vec!["distractor_baseball".to_string()]),
        "{groups:?}"
    );
    assert!(
        groups.contains(&vec!["distractor_typhoon".to_string()]),
        "{groups:?}"
    );
    assert_eq!(stories.len(), 4);

    let summit = stories
        .iter()
        .find(|s| s.articles.len() == 4)
        .expect("summit story");
    assert_eq!(summit.first_day.as_deref(), Some("2025-10-28"));
    assert_eq!(summit.last_day.as_deref(), Some("2025-10-29"));
    // Named after its most central news report, not the editorial's opinion headline.
    assert_eq!(
        summit.title,
        "Takaichi, Trump agree to boost deterrence, economic cooperation"
    );
    assert_eq!(summit.id, "auto-2025-10-28-takaichi-trump-agree-boost");
    // Newest first.
    assert_eq!(
        stories.last().map(|s| s.first_day.as_deref()),
        Some(Some("2025-02-10"))
    );
}

#[test]
fn manifest_story_ids_still_pin() {
    let corpus = load_seeds();
    let stories = cluster(&corpus.articles);
    let ids: Vec<&str> = stories.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["takaichi-trump-2025-10", "ishiba-trump-2025-02"]);
    assert_eq!(stories[0].articles.len(), 4);
}

struct Story {
    articles: Vec<Article>,
    alignment: StoryAlignment,
}

impl Story {
    fn seeds() -> Story {
        let articles = load_seeds().articles;
        let members: Vec<usize> = [HANKYOREH, YOMIURI, KYODO, REWRITE]
            .iter()
            .map(|id| {
                articles
                    .iter()
                    .position(|a| prefix(&a.id) == *id)
                    .expect("seed")
            })
            .collect();
        let alignment = align_story(&articles, &members);
        Story {
            articles,
            alignment,
        }
    }

    fn index(&self, id: &str) -> usize {
        self.articles
            .iter()
            .position(|a| prefix(&a.id) == id)
            .expect("article")
    }

    /// The block of article `id` whose text contains `needle` (exactly one).
    fn block(&self, id: &str, needle: &str) -> (usize, usize) {
        let a = self.index(id);
        let hits: Vec<usize> = self.articles[a]
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.text.contains(needle))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(hits.len(), 1, "{needle:?} in {id}: {hits:?}");
        (a, hits[0])
    }

    fn counterpart(&self, from: (usize, usize), to: &str) -> Option<usize> {
        self.alignment
            .counterpart(from.0, from.1, self.index(to))
            .map(|m| m.block)
    }

    /// `a` and `b` are each other's best counterparts.
    fn assert_pair(&self, a: (&str, &str), b: (&str, &str)) {
        let ra = self.block(a.0, a.1);
        let rb = self.block(b.0, b.1);
        assert_eq!(self.counterpart(ra, b.0), Some(rb.1), "{a:?} → {b:?}");
        assert_eq!(self.counterpart(rb, a.0), Some(ra.1), "{b:?} → {a:?}");
    }

    fn assert_unmatched(&self, a: (&str, &str), in_article: &str) {
        let ra = self.block(a.0, a.1);
        assert_eq!(
            self.counterpart(ra, in_article),
            None,
            "{a:?} in {in_article}"
        );
    }

    fn assert_grouped(&self, blocks: &[(&str, &str)]) {
        let refs: Vec<(usize, usize)> = blocks.iter().map(|b| self.block(b.0, b.1)).collect();
        let group = self
            .alignment
            .group_of(refs[0].0, refs[0].1)
            .unwrap_or_else(|| panic!("{:?} has no group", blocks[0]));
        for (r, b) in refs.iter().zip(blocks) {
            assert_eq!(self.alignment.group_of(r.0, r.1), Some(group), "{b:?}");
        }
    }
}

#[test]
fn the_550_billion_paragraphs_align_across_three_outlets() {
    let s = Story::seeds();
    let hankyoreh = (HANKYOREH, "speculate US$550 billion");
    let yomiuri = (YOMIURI, "$550 billion (about ¥84 trillion)");
    let kyodo = (KYODO, "$550 billion in key U.S. industries");
    s.assert_pair(hankyoreh, yomiuri);
    s.assert_pair(hankyoreh, kyodo);
    s.assert_pair(yomiuri, kyodo);
    s.assert_grouped(&[hankyoreh, yomiuri, kyodo]);
}

#[test]
fn abduction_and_greatest_alliance_paragraphs_align() {
    let s = Story::seeds();
    s.assert_pair(
        (YOMIURI, "families of Japanese citizens who were abducted"),
        (KYODO, "family members of Japanese nationals abducted"),
    );
    s.assert_pair(
        (YOMIURI, "the world’s greatest alliance"),
        (KYODO, "the greatest alliance in the world"),
    );
    s.assert_grouped(&[
        (YOMIURI, "families of Japanese citizens who were abducted"),
        (KYODO, "family members of Japanese nationals abducted"),
    ]);
}

#[test]
fn more_pairs_found_by_reading_the_seeds() {
    let s = Story::seeds();
    // Defence spending to 2% of GDP ahead of schedule.
    s.assert_pair(
        (YOMIURI, "raising defense-related spending to 2% of GDP"),
        (KYODO, "2 percent of gross domestic product by March"),
    );
    // The rare-earth documents.
    s.assert_pair(
        (
            YOMIURI,
            "signed memorandums concerning supply chain development",
        ),
        (
            KYODO,
            "signed documents on cooperation to secure and supply rare earths",
        ),
    );
    // "Anything I can do to help Japan, we will be there."
    s.assert_pair(
        (YOMIURI, "Anything I can do to help Japan"),
        (KYODO, "any favors you need"),
    );
    // Ukraine.
    s.assert_pair(
        (YOMIURI, "end to Russia’s aggression against Ukraine"),
        (KYODO, "ending Russia's war in Ukraine"),
    );
    // China's military pressure at sea.
    s.assert_pair(
        (YOMIURI, "East China Sea"),
        (KYODO, "East and South China seas"),
    );
    // The machine paraphrase still meets the wire copy: Marine One to Yokosuka …
    s.assert_pair(
        (HANKYOREH, "boarded Marine One"),
        (KYODO, "Marine One presidential helicopter"),
    );
    // … "essentially reinforce" / "fundamentally reinforcing" defence capabilities …
    s.assert_pair(
        (HANKYOREH, "essentially reinforce"),
        (KYODO, "committed to\"fundamentally\""),
    );
    // … and "a free and open Indo-Pacific" in the opening remarks.
    s.assert_pair(
        (HANKYOREH, "free and open Indo-Pacific"),
        (KYODO, "the greatest alliance in the world"),
    );
    // The 15% car tariff in the wire story and the rewrite.
    s.assert_pair(
        (KYODO, "levy on automobiles to 15 percent"),
        (REWRITE, "a 15% tariff"),
    );
    // Every article's opening paragraph tells the meeting itself.
    s.assert_grouped(&[
        (HANKYOREH, "meet for a summit within the Akasaka Palace"),
        (YOMIURI, "held an about 40-minute meeting"),
        (KYODO, "agreed during their first summit on Tuesday"),
        (REWRITE, "Tokyo, Japan – The relationship"),
    ]);
}

#[test]
fn paragraphs_nobody_else_tells_stay_unmatched() {
    let s = Story::seeds();
    for other in [HANKYOREH, YOMIURI] {
        s.assert_unmatched((KYODO, "American rice and beef"), other);
        s.assert_unmatched((KYODO, "Nobel Peace Prize"), other);
    }
    for other in [HANKYOREH, KYODO] {
        s.assert_unmatched((YOMIURI, "liquefied natural gas (LNG) project"), other);
    }
    for other in [YOMIURI, KYODO] {
        s.assert_unmatched(
            (HANKYOREH, "we have no selection however to cooperate"),
            other,
        );
    }
    // A heading no other outlet has.
    s.assert_unmatched((YOMIURI, "Aim for mutually beneficial investments"), KYODO);
}

#[test]
fn aligned_scrolling_keeps_the_550_billion_paragraphs_level() {
    let s = Story::seeds();
    let (y, yb) = s.block(YOMIURI, "$550 billion (about ¥84 trillion)");
    let (k, kb) = s.block(KYODO, "$550 billion in key U.S. industries");
    let pair = s.alignment.pair(y, k).expect("pair");
    let map = SyncMap::new(pair, s.articles[y].blocks.len(), s.articles[k].blocks.len());
    let at = map.map(BlockPos {
        block: yb,
        fraction: 0.4,
    });
    assert_eq!(at.block, kb);
    assert!((at.fraction - 0.4).abs() < 1e-6);
}

fn seed_story() -> (Vec<Article>, Vec<usize>) {
    let articles = load_seeds().articles;
    let members = [HANKYOREH, YOMIURI, KYODO, REWRITE]
        .iter()
        .map(|id| {
            articles
                .iter()
                .position(|a| prefix(&a.id) == *id)
                .expect("seed")
        })
        .collect();
    (articles, members)
}

#[test]
fn quotes_and_speakers_in_the_seeds() {
    use parallax::analysis::quotes::article_quotes;
    let (articles, members) = seed_story();
    let said = |id: &str, needle: &str| -> Option<String> {
        let k = members
            .iter()
            .position(|&m| prefix(&articles[m].id) == id)
            .expect("id");
        let quotes = article_quotes(&articles[members[k]], members[k]);
        let hits: Vec<_> = quotes.iter().filter(|q| q.text.contains(needle)).collect();
        assert_eq!(hits.len(), 1, "{needle:?}: {quotes:#?}");
        hits[0].speaker.clone()
    };
    let some = |s: &str| Some(s.to_string());
    // Glued straight quotes in the Kyodo copy.
    assert_eq!(said(KYODO, "new golden era"), some("Takaichi"));
    assert_eq!(
        said(KYODO, "the greatest alliance in the world"),
        some("Takaichi")
    );
    assert_eq!(said(KYODO, "a great friend of mine"), some("Trump"));
    assert_eq!(said(KYODO, "any favors you need"), some("Trump"));
    // "she told reporters" — the pronoun resolves to the last named speaker.
    assert_eq!(said(KYODO, "I am convinced"), some("Takaichi"));
    assert_eq!(
        said(KYODO, "We've become very close friends"),
        some("Trump")
    );
    assert_eq!(
        said(KYODO, "ready to contribute even more"),
        some("Takaichi")
    );
    // Curly quotes in the Yomiuri editorial.
    assert_eq!(said(YOMIURI, "world’s greatest alliance"), some("Takaichi"));
    assert_eq!(
        said(YOMIURI, "Anything I can do to help Japan"),
        some("Trump")
    );
    assert_eq!(
        said(YOMIURI, "You are increasing your military"),
        some("Trump")
    );
    assert_eq!(
        said(YOMIURI, "we will do everything within our power"),
        some("Trump")
    );
    // The machine paraphrase: "she advised Trump", "Trump went on to say".
    assert_eq!(
        said(HANKYOREH, "I’m prepared to advertise"),
        some("Takaichi")
    );
    assert_eq!(
        said(HANKYOREH, "rising your army capability"),
        some("Trump")
    );
    assert_eq!(said(HANKYOREH, "We respect that order"), some("Trump"));
    assert_eq!(said(HANKYOREH, "new golden age"), some("Trump"));
    // A scare quote with no speaker.
    assert_eq!(said(HANKYOREH, "sensible diplomacy"), None);
}

#[test]
fn the_same_remark_is_matched_across_outlets() {
    use parallax::analysis::quotes::{story_quotes, DiffKind};
    let (articles, members) = seed_story();
    let groups = story_quotes(&articles, &members);
    let group_with = |needle: &str| {
        groups
            .iter()
            .find(|g| g.quotes.iter().any(|q| q.text.contains(needle)))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let has = |g: &parallax::analysis::quotes::QuoteGroup, id: &str, needle: &str| {
        g.quotes
            .iter()
            .any(|q| prefix(&q.article_id) == id && q.text.contains(needle))
    };
    let alliance = group_with("the greatest alliance in the world");
    assert!(has(alliance, YOMIURI, "world’s greatest alliance"));
    assert_eq!(alliance.speaker.as_deref(), Some("Takaichi"));

    let military = group_with("You are increasing your military capabilities");
    assert!(has(
        military,
        HANKYOREH,
        "rising your army capability very considerably"
    ));
    assert_eq!(military.speaker.as_deref(), Some("Trump"));
    // The diff pairs "military" with "army" as a paraphrase.
    let k = military
        .quotes
        .iter()
        .position(|q| prefix(&q.article_id) == HANKYOREH)
        .expect("hankyoreh");
    let diff = if k == 0 {
        let y = military
            .quotes
            .iter()
            .position(|q| prefix(&q.article_id) == YOMIURI)
            .expect("y");
        &military.diffs[y - 1]
    } else {
        &military.diffs[k - 1]
    };
    assert!(diff.iter().any(|w| w.kind == DiffKind::Paraphrase
        && [w.a.as_deref(), w.b.as_deref()].contains(&Some("army"))
        && [w.a.as_deref(), w.b.as_deref()].contains(&Some("military"))));

    let golden = group_with("new golden era");
    assert!(has(golden, HANKYOREH, "new golden age"));
    assert!(has(golden, REWRITE, "new golden era"));
    assert_eq!(golden.perspectives(), ["korean", "wire"]);

    let help = group_with("Anything I can do to help Japan");
    assert!(has(help, KYODO, "anything I can do to help Japan"));

    // A remark only one outlet quotes stays alone.
    let lunch = group_with("a fantastic relationship");
    assert_eq!(lunch.quotes.len(), 1);
    // Groups quoted by more articles come first.
    assert!(groups[0].quotes.len() >= 3, "{:?}", groups[0]);
}

#[test]
fn figures_of_the_seed_story() {
    use parallax::analysis::figures::{story_figures, FigureKind};
    let (articles, members) = seed_story();
    let groups = story_figures(&articles, &members);
    let investment = groups
        .iter()
        .find(|g| g.measure == "investment" && g.unit == "USD")
        .expect("investment");
    let pledge = investment
        .values
        .iter()
        .find(|v| v.normalized == "$550 billion")
        .expect("$550 billion");
    // Stated by the Korean, Japanese and wire outlets, in their own words.
    assert_eq!(pledge.perspectives(), ["japanese", "korean", "wire"]);
    let words: Vec<&str> = pledge.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(words.contains(&"US$550 billion"), "{words:?}");
    assert!(words.contains(&"$550 billion"), "{words:?}");
    // The same tariff, "15 percent" and "15%".
    let tariff = groups
        .iter()
        .find(|g| g.measure == "tariff" && g.kind == FigureKind::Percent)
        .expect("tariff");
    let fifteen = tariff
        .values
        .iter()
        .find(|v| v.normalized == "15%")
        .expect("15%");
    let ids: Vec<&str> = fifteen
        .mentions
        .iter()
        .map(|m| prefix(&m.article_id))
        .collect();
    assert_eq!(ids, [KYODO, REWRITE]);
    // 27.5% is the old rate the Kyodo story gives beside 15%: no disagreement.
    assert!(!tariff.differs);
    let gdp = groups
        .iter()
        .find(|g| g.measure == "defense spending" && g.unit == "% of GDP")
        .expect("defense % of GDP");
    let two = gdp
        .values
        .iter()
        .find(|v| v.normalized == "2% of GDP")
        .expect("2%");
    assert_eq!(two.perspectives(), ["japanese", "wire"]);
}

#[test]
fn a_different_tariff_rate_for_the_same_thing_is_flagged() {
    use parallax::analysis::figures::story_figures;
    let (mut articles, mut members) = seed_story();
    let mut other = articles[members[3]].clone();
    other.id = "conflicting".into();
    other.blocks = vec![parallax::model::Block::new(
        parallax::model::BlockKind::Paragraph,
        "Washington will keep a 25 percent tariff on Japanese automobiles.",
    )];
    articles.push(other);
    members.push(articles.len() - 1);
    let groups = story_figures(&articles, &members);
    let tariff = groups
        .iter()
        .find(|g| g.measure == "tariff")
        .expect("tariff");
    assert!(tariff.differs);
    // Disagreements are listed first.
    assert!(groups[0].differs);
    let values: Vec<&str> = tariff
        .values
        .iter()
        .map(|v| v.normalized.as_str())
        .collect();
    assert!(
        values.contains(&"25%") && values.contains(&"15%"),
        "{values:?}"
    );
}

#[test]
fn outlets_that_name_different_speakers_for_one_remark_are_shown() {
    use parallax::analysis::quotes::story_quotes;
    let (articles, members) = seed_story();
    let groups = story_quotes(&articles, &members);
    let golden = groups
        .iter()
        .find(|g| g.quotes.iter().any(|q| q.text == "new golden age"))
        .expect("golden age");
    // The Hankyoreh has Trump declare it; Kyodo has Takaichi pledge it.
    assert_eq!(golden.speakers, ["Trump", "Takaichi"]);
}
