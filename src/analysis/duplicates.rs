//! Near-duplicates: the same story republished under another masthead (a Yonhap story in the
//! Korea Herald, a wire story on a partner site, a page and its own text extract). Found by
//! word shingles, MinHash and banded locality-sensitive hashing, then confirmed by shingle
//! containment, so the cost grows with the corpus, not with its square.

use crate::model::{Article, DuplicateGroup};
use std::collections::{HashMap, HashSet};

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash signature length = BANDS × ROWS.
/// Two rows per band make a pair sharing half its shingles (a page and a short extract of it)
/// a candidate with near certainty, at the price of more candidates to confirm.
const BANDS: usize = 32;
const ROWS: usize = 2;
/// Share of the shorter article's shingles found in the longer one to call them copies.
pub const MIN_CONTAINMENT: f64 = 0.7;
/// Articles with fewer shingles than this are too short to judge.
const MIN_SHINGLES: usize = 12;

/// Groups of near-duplicate articles; articles without a copy are in no group.
pub fn find_duplicates(articles: &[Article]) -> Vec<DuplicateGroup> {
    let shingles: Vec<Vec<u64>> = articles.iter().map(shingle_set).collect();
    let signatures: Vec<Option<Vec<u64>>> = shingles
        .iter()
        .map(|s| (s.len() >= MIN_SHINGLES).then(|| minhash(s)))
        .collect();

    // Candidates: articles sharing a whole band of their signature.
    let mut candidates: HashSet<(usize, usize)> = HashSet::new();
    for band in 0..BANDS {
        let mut buckets: HashMap<&[u64], Vec<usize>> = HashMap::new();
        for (i, signature) in signatures.iter().enumerate() {
            if let Some(signature) = signature {
                buckets
                    .entry(&signature[band * ROWS..(band + 1) * ROWS])
                    .or_default()
                    .push(i);
            }
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            // Each member against its neighbour and the bucket's first: linear in the bucket,
            // where all pairs would be quadratic (a corpus of one wire story reprinted a
            // thousand times). Confirmed links join transitively through the union-find.
            for pair in members.windows(2) {
                candidates.insert((pair[0], pair[1]));
            }
            for &b in &members[2..] {
                candidates.insert((members[0], b));
            }
        }
    }

    let mut groups = UnionFind::new(articles.len());
    let mut confirmed: Vec<(usize, usize)> = candidates
        .into_iter()
        .filter(|&(a, b)| containment(&shingles[a], &shingles[b]) >= MIN_CONTAINMENT)
        .collect();
    confirmed.sort_unstable();
    for (a, b) in confirmed {
        groups.union(a, b);
    }

    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..articles.len() {
        members.entry(groups.find(i)).or_default().push(i);
    }
    let mut result: Vec<DuplicateGroup> = members
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|m| {
            let original = pick_original(articles, &m);
            let copies = m.into_iter().filter(|&i| i != original).collect();
            DuplicateGroup { original, copies }
        })
        .collect();
    result.sort_by_key(|g| g.original);
    result
}

/// The original, where it can be told: the article whose outlet the others credit ("(Yonhap)"
/// in a Korea Herald copy); else the earliest; else the one that knows most about itself (a
/// page over its own text extract); else the longest.
fn pick_original(articles: &[Article], members: &[usize]) -> usize {
    // One pass over the group's text: how many members credit each name in parentheses,
    // "(Yonhap)" or "(Yonhap News Agency)". Counting per member keeps this linear in the
    // group, however many copies it has.
    let mut credits: HashMap<String, usize> = HashMap::new();
    for &j in members {
        let mut named: HashSet<String> = HashSet::new();
        for block in &articles[j].blocks {
            for piece in block.text.split('(').skip(1) {
                if let Some(name) = piece.split(')').next() {
                    if name.len() <= 40 {
                        named.insert(first_word(name).to_lowercase());
                    }
                }
            }
        }
        for name in named {
            *credits.entry(name).or_default() += 1;
        }
    }
    let credited = |i: usize| -> usize {
        articles[i].outlet.as_deref().map_or(0, |outlet| {
            let name = first_word(outlet.trim_start_matches("The ")).to_lowercase();
            credits.get(&name).copied().unwrap_or(0)
        })
    };
    let known_fields = |a: &Article| {
        [
            a.url.is_some(),
            a.outlet.is_some(),
            a.date.is_some(),
            a.byline.is_some(),
        ]
        .iter()
        .filter(|&&k| k)
        .count()
    };
    *members
        .iter()
        .max_by(|&&a, &&b| {
            let (x, y) = (&articles[a], &articles[b]);
            credited(a)
                .cmp(&credited(b))
                // Earlier date wins: compare reversed; a missing date loses.
                .then_with(|| match (&x.date, &y.date) {
                    (Some(p), Some(q)) => q.cmp(p),
                    (Some(_), None) => std::cmp::Ordering::Greater,
                    (None, Some(_)) => std::cmp::Ordering::Less,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| known_fields(x).cmp(&known_fields(y)))
                .then_with(|| x.body_chars().cmp(&y.body_chars()))
                .then_with(|| b.cmp(&a)) // finally the first loaded
        })
        .unwrap_or(&members[0])
}

fn first_word(text: &str) -> &str {
    text.split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .next()
        .unwrap_or(text)
}

/// Hashed shingles of lowercased words, sorted and without repeats; CJK runs count one
/// character per word, since those languages write no spaces. Words are hashed as they are
/// read, with no string made for each.
fn shingle_set(article: &Article) -> Vec<u64> {
    let mut words: Vec<u64> = Vec::new();
    for block in &article.blocks {
        for token in block.text.split(|c: char| !c.is_alphanumeric()) {
            if token.is_empty() {
                continue;
            }
            if token.chars().any(crate::ingest::plain::is_cjk) {
                words.extend(token.chars().map(|c| word_hash([c].into_iter())));
            } else {
                words.push(word_hash(token.chars().flat_map(char::to_lowercase)));
            }
        }
    }
    let mut shingles: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| {
            w.iter()
                .fold(0, |h: u64, &word| mix(h.rotate_left(5) ^ word))
        })
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// FNV-1a over a word's characters.
fn word_hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        hash ^= u64::from(u32::from(c));
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One minimum per hash function, in one pass over the shingles. The functions are the
/// shingle hash (already well spread) xor-ed with a seed and multiplied by an odd constant:
/// one multiply each, where a full mix per function made this the dearest step of a launch.
fn minhash(shingles: &[u64]) -> Vec<u64> {
    let mut seeds = [(0u64, 0u64); BANDS * ROWS];
    for (k, seed) in seeds.iter_mut().enumerate() {
        let k = k as u64 + 1;
        *seed = (mix(k), mix(k ^ 0x5555_5555_5555_5555) | 1);
    }
    let mut signature = vec![u64::MAX; BANDS * ROWS];
    for &s in shingles {
        for (min, &(xor, odd)) in signature.iter_mut().zip(&seeds) {
            let x = (s ^ xor).wrapping_mul(odd);
            *min = (*min).min(x ^ (x >> 29));
        }
    }
    signature
}

/// SplitMix64's finaliser: a cheap, well-spread bijection.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Share of the smaller set contained in the larger (both sorted, without repeats).
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < small.len() && j < large.len() {
        match small[i].cmp(&large[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / small.len() as f64
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format};

    fn article(id: &str, outlet: Option<&str>, date: Option<&str>, paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            source: format!("{id}.txt"),
            format: Format::Text,
            title: id.into(),
            outlet: outlet.map(str::to_string),
            perspective: "other".into(),
            perspective_reason: String::new(),
            perspective_source: "none".into(),
            perspective_confidence: 0.0,
            language: Some("en".into()),
            date: date.map(str::to_string),
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: paragraphs
                .iter()
                .map(|p| Block::new(BlockKind::Paragraph, *p))
                .collect(),
            warnings: vec![],
            dropped: vec![],
        }
    }

    const WIRE: [&str; 3] = [
        "SEOUL, Oct. 29 (Yonhap) -- South Korea and the United States reached a deal on the details of a tariff agreement on Wednesday, the presidential office said.",
        "Under the deal, Seoul will invest 200 billion dollars in cash in installments of up to 20 billion dollars a year, while 150 billion dollars goes to shipbuilding cooperation.",
        "The agreement was announced after President Lee Jae Myung and President Donald Trump held their summit in Gyeongju on the sidelines of the APEC meetings.",
    ];

    #[test]
    fn a_republished_wire_story_is_found_and_the_credited_agency_is_the_original() {
        let herald: Vec<String> = WIRE
            .iter()
            .map(|p| p.to_string())
            .chain(std::iter::once(
                "Related: Markets rallied on the news.".to_string(),
            ))
            .collect();
        let herald: Vec<&str> = herald.iter().map(String::as_str).collect();
        let articles = vec![
            article("herald", Some("The Korea Herald"), Some("2025-10-29"), &herald),
            article("other", Some("Reuters"), Some("2025-10-29"), &["A different story about rare earth export controls imposed by China on Thursday, with new licensing rules for magnets and processing equipment used by manufacturers worldwide."]),
            article("yonhap", Some("Yonhap News Agency"), Some("2025-10-29"), &WIRE),
        ];
        let groups = find_duplicates(&articles);
        assert_eq!(
            groups,
            vec![DuplicateGroup {
                original: 2,
                copies: vec![0]
            }]
        );
    }

    #[test]
    fn without_credit_the_earliest_copy_is_the_original() {
        let articles = vec![
            article("late", Some("Site B"), Some("2025-10-30"), &WIRE),
            article("early", Some("Site A"), Some("2025-10-29"), &WIRE),
        ];
        assert_eq!(
            find_duplicates(&articles),
            vec![DuplicateGroup {
                original: 1,
                copies: vec![0]
            }]
        );
    }

    #[test]
    fn a_text_extract_of_a_page_is_a_copy_and_the_page_wins() {
        let mut page = article("page", Some("Yonhap News Agency"), None, &WIRE);
        page.url = Some("https://en.yna.co.kr/view/1".into());
        let extract = article("extract", None, None, &WIRE[..2]);
        let groups = find_duplicates(&[extract, page]);
        assert_eq!(
            groups,
            vec![DuplicateGroup {
                original: 1,
                copies: vec![0]
            }]
        );
    }

    #[test]
    fn articles_on_the_same_event_in_different_words_are_not_copies() {
        let seeds = crate::ingest::load_seeds();
        assert!(find_duplicates(&seeds.articles).is_empty());
    }

    #[test]
    fn many_copies_of_one_story_form_one_group() {
        let articles: Vec<Article> = (0..300)
            .map(|i| article(&format!("c{i:03}"), None, Some("2025-10-29"), &WIRE))
            .collect();
        let groups = find_duplicates(&articles);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].copies.len(), 299);
    }

    /// The share of equal signature entries estimates the sets' Jaccard similarity: the
    /// cheap hash functions must still behave like independent random orders.
    #[test]
    fn signature_agreement_estimates_jaccard() {
        let spread = |k: u64| mix(k ^ 0x1234_5678);
        for (shared, own) in [(300u64, 100u64), (100, 300), (200, 0), (0, 200)] {
            let a: Vec<u64> = (0..shared + own).map(spread).collect();
            let b: Vec<u64> = (0..shared)
                .chain(10_000..10_000 + own)
                .map(spread)
                .collect();
            let mut a_sorted = a.clone();
            a_sorted.sort_unstable();
            let jaccard = shared as f64 / (shared + 2 * own) as f64;
            let (sa, sb) = (minhash(&a_sorted), minhash(&b));
            let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64;
            let estimate = agree / sa.len() as f64;
            // 64 functions: a standard error of at most 0.0625; allow three.
            assert!(
                (estimate - jaccard).abs() <= 0.19,
                "jaccard {jaccard}, estimated {estimate}"
            );
        }
    }

    #[test]
    fn containment_counts_the_smaller_sets_share() {
        assert_eq!(containment(&[1, 2, 3, 4], &[2, 4, 6, 8, 10]), 0.5);
        assert_eq!(containment(&[], &[1]), 0.0);
        assert_eq!(containment(&[5, 9], &[1, 5, 7, 9]), 1.0);
    }

    #[test]
    fn short_texts_are_never_judged() {
        let a = article("a", None, None, &["Trump met Takaichi in Tokyo."]);
        let b = article("b", None, None, &["Trump met Takaichi in Tokyo."]);
        assert!(find_duplicates(&[a, b]).is_empty());
    }

    #[test]
    fn cjk_text_is_shingled_by_character() {
        let text = "한미 양국은 수요일 관세 협정의 세부 사항에 합의했다고 대통령실이 밝혔다. 한국은 연간 최대 200억 달러씩 분할 투자한다.";
        let a = article("a", Some("Yonhap News Agency"), Some("2025-10-29"), &[text]);
        let b = article("b", Some("News1"), Some("2025-10-30"), &[text]);
        assert_eq!(
            find_duplicates(&[a, b]),
            vec![DuplicateGroup {
                original: 0,
                copies: vec![1]
            }]
        );
    }
}
