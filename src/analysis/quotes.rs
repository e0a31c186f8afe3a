//! Quoted speech: where quotation marks open and close (curly, straight — even glued to the
//! word before, as in `a"new golden era"` — and CJK brackets), who is speaking when the
//! sentence names them, and which quotes in different articles are the same words translated
//! or paraphrased, with a word-level diff for highlighting.

use super::tokens::{sentence_bounds, split_words, Lexicon};
use crate::model::Article;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The inside of one pair of quotation marks, as a byte range of the block text (marks
/// excluded, surrounding spaces trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub start: usize,
    pub end: usize,
}

/// Find quoted stretches. Curly and CJK quotes pair by their shape; straight double quotes
/// alternate open/close within the text (an odd one out at the end is ignored). Single quotes
/// are not read: ’ is far more often an apostrophe.
pub fn quote_spans(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut curly_open: Option<usize> = None;
    let mut straight_open: Option<usize> = None;
    let mut cjk_open: Option<(usize, char)> = None;
    for (pos, c) in text.char_indices() {
        let after = pos + c.len_utf8();
        match c {
            '“' | '„' => curly_open = Some(after),
            '”' => {
                if let Some(start) = curly_open.take() {
                    push_span(text, start, pos, &mut spans);
                }
            }
            '"' => match straight_open.take() {
                Some(start) => push_span(text, start, pos, &mut spans),
                None => straight_open = Some(after),
            },
            '「' | '『' | '«' => cjk_open = Some((after, c)),
            '」' | '』' | '»' => {
                if let Some((start, open)) = cjk_open.take() {
                    let pairs = matches!((open, c), ('「', '」') | ('『', '』') | ('«', '»'));
                    if pairs {
                        push_span(text, start, pos, &mut spans);
                    }
                }
            }
            _ => {}
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

fn push_span(text: &str, start: usize, end: usize, spans: &mut Vec<QuoteSpan>) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if start + lead < end - trail {
        spans.push(QuoteSpan {
            start: start + lead,
            end: end - trail,
        });
    }
}

/// A quotation in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Corpus index of the article.
    pub article: usize,
    pub article_id: String,
    pub perspective: String,
    pub block: usize,
    /// The quoted words, without the marks and trailing punctuation.
    pub text: String,
    /// Who says it (a surname, as the article names them), when the sentence tells.
    pub speaker: Option<String>,
    /// Byte range of the quoted words in the block text.
    pub start: usize,
    pub end: usize,
}

/// Verbs that attribute speech (lower-case surface forms). "famous" and "advised" are the
/// machine paraphrase's "noted" and "told".
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "telling",
    "stated",
    "states",
    "stating",
    "added",
    "adding",
    "noted",
    "noting",
    "declared",
    "declaring",
    "called",
    "calling",
    "described",
    "describing",
    "recalled",
    "recalling",
    "remarked",
    "wrote",
    "asked",
    "praised",
    "pledged",
    "vowed",
    "insisted",
    "stressed",
    "emphasized",
    "emphasised",
    "underscored",
    "explained",
    "urged",
    "warned",
    "announced",
    "spoke",
    "replied",
    "answered",
    "argued",
    "famous",
    "advised",
    "introduced",
    "according",
];

/// Words that may stand between a speaker and the verb ("Trump also stated", "Trump went on
/// to say").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "would",
    "will",
    "went",
    "on",
    "to",
    "often",
    "once",
    "again",
    "further",
    "repeatedly",
    "reportedly",
    "publicly",
    "even",
    "both",
    "just",
];

const PREPOSITIONS: &[&str] = &["in", "from", "of", "to", "at", "with", "for", "by", "on"];

const PRONOUNS: &[&str] = &["he", "she", "they", "who"];

/// Capitalised words that are never speakers: titles, countries, sentence openers.
const NOT_SPEAKERS: &[&str] = &[
    "U.S.",
    "US",
    "President",
    "Prime",
    "Minister",
    "Former",
    "The",
    "A",
    "An",
    "In",
    "At",
    "After",
    "During",
    "On",
    "With",
    "But",
    "And",
    "As",
    "When",
    "While",
    "I",
    "We",
    "You",
];

/// A word of the block outside quotation marks.
struct Plain<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Capitalised words the article also writes capitalised in mid-sentence: names, not
/// sentence openers like "Forward".
fn names_in(article: &Article) -> HashSet<String> {
    let mut names = HashSet::new();
    for block in &article.blocks {
        for (s, e) in sentence_bounds(&block.text) {
            let sentence = &block.text[s..e];
            for (k, (ws, we)) in split_words(sentence).into_iter().enumerate() {
                let word = &sentence[ws..we];
                if k > 0 && is_capitalised(word) {
                    names.insert(surname_form(word));
                }
            }
        }
    }
    names
}

/// "Takaichi’s" → "Takaichi".
fn surname_form(word: &str) -> String {
    let w = word.trim_end_matches(['.', ',']);
    for suffix in ["’s", "'s"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            return stripped.to_string();
        }
    }
    w.to_string()
}

/// Who speaks the quote at `span` in `text`: the name next to the speech verb nearest to the
/// quote in the same sentence ("Takaichi said", "said Takaichi", "Trump also stated"), a
/// pronoun ("she told reporters") resolved to `previous`, or the sentence's subject when the
/// verb stands apart from it ("Takaichi, who …, pledged"). `None` when no verb attributes it.
fn find_speaker(
    text: &str,
    span: QuoteSpan,
    quotes: &[QuoteSpan],
    names: &HashSet<String>,
    previous: Option<&str>,
) -> Option<String> {
    let sentences = sentence_bounds(text);
    let from = sentences
        .iter()
        .find(|(s, e)| *s <= span.start && span.start < *e)
        .map_or(0, |b| b.0);
    let to = sentences
        .iter()
        .find(|(s, e)| *s < span.end && span.end <= *e)
        .map_or(text.len(), |b| b.1);
    let inside = |pos: usize| quotes.iter().any(|q| q.start <= pos && pos < q.end);
    let words: Vec<Plain> = split_words(&text[from..to])
        .into_iter()
        .map(|(s, e)| Plain {
            text: &text[from + s..from + e],
            start: from + s,
            end: from + e,
        })
        .filter(|w| !inside(w.start))
        .collect();
    let is_name = |w: &str| {
        let form = surname_form(w);
        is_capitalised(w) && !NOT_SPEAKERS.contains(&form.as_str()) && names.contains(&form)
    };
    let gap_has_comma = |a: &Plain, b: &Plain| text[a.end..b.start].contains([',', ';', ':']);
    let resolve = |pronoun: &str| -> Option<String> {
        if pronoun == "who" {
            return None;
        }
        previous.map(str::to_string)
    };
    // Speech verbs, nearest to the quote first.
    let mut verbs: Vec<usize> = (0..words.len())
        .filter(|&k| SPEECH_VERBS.contains(&words[k].text.to_lowercase().as_str()))
        .collect();
    let distance = |k: usize| {
        let w = &words[k];
        w.start.abs_diff(span.start).min(w.end.abs_diff(span.end))
    };
    verbs.sort_by_key(|&k| distance(k));
    for &v in &verbs {
        // Left of the verb: skip auxiliaries and adverbs, never a comma.
        let mut k = v;
        while k > 0 {
            let prev = &words[k - 1];
            let lower = prev.text.to_lowercase();
            if gap_has_comma(prev, &words[k]) && lower != "who" {
                break;
            }
            if is_name(prev.text) {
                // "many in Korea had argued": a name after a preposition is a place.
                let after_preposition =
                    k >= 2 && PREPOSITIONS.contains(&words[k - 2].text.to_lowercase().as_str());
                if after_preposition {
                    break;
                }
                return Some(surname_form(prev.text));
            }
            if PRONOUNS.contains(&lower.as_str()) {
                if lower == "who" {
                    // "Trump, who said …": the name before the relative pronoun.
                    if let Some(name) = k.checked_sub(2).map(|j| &words[j]) {
                        if is_name(name.text) {
                            return Some(surname_form(name.text));
                        }
                    }
                    break;
                }
                return resolve(&lower);
            }
            let skippable = BETWEEN.contains(&lower.as_str()) || lower.ends_with("ly");
            if !skippable {
                break;
            }
            k -= 1;
        }
        // A participle takes the clause's subject: "Trump introduced her by saying, …".
        if words[v].text.ends_with("ing") {
            let mut k = v;
            while k > 0 && v - k < 6 && !gap_has_comma(&words[k - 1], &words[k]) {
                k -= 1;
                if is_name(words[k].text) {
                    return Some(surname_form(words[k].text));
                }
            }
        }
        // Right of the verb: "said Trump".
        if let Some(next) = words.get(v + 1) {
            if !gap_has_comma(&words[v], next) && is_name(next.text) {
                return Some(surname_form(next.text));
            }
        }
    }
    if verbs.is_empty() {
        return None;
    }
    // A verb with no name beside it: the sentence's subject, if it is a name.
    let first = words
        .iter()
        .find(|w| is_capitalised(w.text) && !NOT_SPEAKERS.contains(&w.text))?;
    if is_name(first.text) {
        return Some(surname_form(first.text));
    }
    if PRONOUNS.contains(&first.text.to_lowercase().as_str()) {
        return resolve(&first.text.to_lowercase());
    }
    None
}

/// The quoted text without surrounding punctuation: `the greatest alliance in the world,` →
/// `the greatest alliance in the world`.
fn trim_quote(text: &str) -> &str {
    text.trim_end_matches([',', '.', ';', ':', ' '])
}

/// Every quotation in one article (corpus index `index`), with speakers. A quote with no
/// attribution of its own that follows an attributed one in the same block ("“…,” Trump
/// went on to say. “We respect that order.”") is given the same speaker.
pub fn article_quotes(article: &Article, index: usize) -> Vec<Quote> {
    let names = names_in(article);
    let lexicon = Lexicon::embedded();
    let mut quotes = Vec::new();
    let mut previous: Option<String> = None;
    for (b, block) in article.blocks.iter().enumerate() {
        let spans = quote_spans(&block.text);
        let mut last_in_block: Option<String> = None;
        for span in &spans {
            let raw = &block.text[span.start..span.end];
            let text = trim_quote(raw);
            // A quoted single common word is emphasis, not speech.
            if lexicon.terms(text).is_empty() {
                continue;
            }
            let speaker = find_speaker(&block.text, *span, &spans, &names, previous.as_deref())
                .or_else(|| last_in_block.clone());
            if speaker.is_some() {
                previous = speaker.clone();
                last_in_block = speaker.clone();
            }
            quotes.push(Quote {
                article: index,
                article_id: article.id.clone(),
                perspective: article.perspective.clone(),
                block: b,
                text: text.to_string(),
                speaker,
                start: span.start,
                end: span.start + text.len(),
            });
        }
    }
    quotes
}

/// How alike two quotes are, 0..1: the share of the shorter quote's terms (stemmed,
/// synonym-folded) found in the longer one. Translations and paraphrases keep most content
/// words ("military capabilities" / "army capability"), and a short quote inside a longer
/// rendering of the same remark scores 1.
pub fn quote_similarity(a: &str, b: &str) -> f32 {
    let lexicon = Lexicon::embedded();
    let set =
        |t: &str| -> HashSet<String> { lexicon.terms(t).into_iter().map(|t| t.key).collect() };
    let (sa, sb) = (set(a), set(b));
    let (small, large) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    if small.is_empty() {
        return 0.0;
    }
    let shared = small.intersection(large).count();
    // One shared word is only enough when the whole of a short quote is that word.
    if shared < 2 && !(small.len() == 1 && large.len() <= 3) {
        return 0.0;
    }
    shared as f32 / small.len() as f32
}

/// Quotes at or above this similarity are the same remark.
pub const QUOTE_MATCH: f32 = 0.6;

/// One word of a word-level diff between two renderings of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiffKind {
    /// The same word.
    Same,
    /// The same meaning in other words ("army" / "military", "rising" / "increasing").
    Paraphrase,
    /// Only in the first quote.
    Removed,
    /// Only in the second quote.
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffWord {
    pub kind: DiffKind,
    /// The word in the first quote (absent for `Added`).
    pub a: Option<String>,
    /// The word in the second quote (absent for `Removed`).
    pub b: Option<String>,
}

/// Join diff words for display: spaces between words, none after a hyphen or dash.
pub fn join_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() && !out.ends_with(['-', '–', '—']) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Word-level diff of two quotes: a longest common subsequence over normalised words
/// (stemmed, synonym-folded), so that a paraphrased word pairs with its original.
pub fn word_diff(a: &str, b: &str) -> Vec<DiffWord> {
    let lexicon = Lexicon::embedded();
    // Each word keeps the punctuation written after it ("Japan,", "Indo-"), so the diff reads
    // like the quote; the renderer joins words with spaces, and not after a hyphen.
    let words = |t: &str| -> Vec<(String, String)> {
        let raw = lexicon.words(t);
        raw.iter()
            .enumerate()
            .map(|(k, w)| {
                // Glossed Korean/Japanese words share their source's span: never slice backwards.
                let next = raw.get(k + 1).map_or(t.len(), |n| n.start).max(w.end);
                let gap = &t[w.end..next];
                let attached = gap.split(char::is_whitespace).next().unwrap_or("");
                let surface = format!("{}{}", &t[w.start..w.end], attached);
                (surface, lexicon.canonical(&w.stem))
            })
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (n, m) = (wa.len(), wb.len());
    // lcs[i][j]: length of the LCS of wa[i..] and wb[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if wa[i].1 == wb[j].1 {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && wa[i].1 == wb[j].1 {
            // Punctuation written after a word ("alliance." / "alliance") does not make it a
            // different word.
            let bare = |w: &str| -> String {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            let same = bare(&wa[i].0) == bare(&wb[j].0);
            out.push(DiffWord {
                kind: if same {
                    DiffKind::Same
                } else {
                    DiffKind::Paraphrase
                },
                a: Some(wa[i].0.clone()),
                b: Some(wb[j].0.clone()),
            });
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // What the first quote has and the second lacks comes before what replaces it.
            out.push(DiffWord {
                kind: DiffKind::Removed,
                a: Some(wa[i].0.clone()),
                b: None,
            });
            i += 1;
        } else {
            out.push(DiffWord {
                kind: DiffKind::Added,
                a: None,
                b: Some(wb[j].0.clone()),
            });
            j += 1;
        }
    }
    out
}

/// The same remark as quoted by several articles of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteGroup {
    /// The quotes, in story order; the first is the reference the diffs compare against.
    pub quotes: Vec<Quote>,
    /// Who says it, when any article tells (the most often named).
    pub speaker: Option<String>,
    /// Every speaker the articles name, in story order: outlets sometimes disagree (one has
    /// Trump declare a "new golden age", another has Takaichi pledge a "new golden era").
    pub speakers: Vec<String>,
    /// `diffs[k]`: word diff of `quotes[0]` against `quotes[k + 1]`.
    pub diffs: Vec<Vec<DiffWord>>,
}

impl QuoteGroup {
    /// Distinct perspectives quoting this remark.
    pub fn perspectives(&self) -> Vec<&str> {
        let mut p: Vec<&str> = self.quotes.iter().map(|q| q.perspective.as_str()).collect();
        p.sort_unstable();
        p.dedup();
        p
    }
}

/// Every quote of a story's articles (`members`: corpus indexes), grouped with the same remark
/// in other articles. Groups quoted by several articles come first; a quote no other article
/// has is a group of one.
pub fn story_quotes(articles: &[Article], members: &[usize]) -> Vec<QuoteGroup> {
    let quotes: Vec<Quote> = members
        .iter()
        .flat_map(|&a| article_quotes(&articles[a], a))
        .collect();
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for i in 0..quotes.len() {
        for j in i + 1..quotes.len() {
            let (a, b) = (&quotes[i], &quotes[j]);
            if a.article == b.article {
                continue;
            }
            let mut needed = QUOTE_MATCH;
            // Two named, different speakers: only a near-identical quote is the same remark.
            if let (Some(x), Some(y)) = (&a.speaker, &b.speaker) {
                if x != y {
                    needed = 0.9;
                }
            }
            if quote_similarity(&a.text, &b.text) >= needed {
                let (ra, rb) = (root(&mut parent, i), root(&mut parent, j));
                parent[rb] = ra;
            }
        }
    }
    let mut grouped: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..quotes.len() {
        let r = root(&mut parent, i);
        grouped.entry(r).or_default().push(i);
    }
    let mut groups: Vec<QuoteGroup> = grouped
        .into_values()
        .map(|mut idx| {
            idx.sort_unstable();
            let quotes: Vec<Quote> = idx.iter().map(|&i| quotes[i].clone()).collect();
            let speaker = most_common(quotes.iter().filter_map(|q| q.speaker.clone()));
            let mut speakers: Vec<String> = Vec::new();
            for q in &quotes {
                if let Some(s) = &q.speaker {
                    if !speakers.contains(s) {
                        speakers.push(s.clone());
                    }
                }
            }
            let diffs = quotes[1..]
                .iter()
                .map(|q| word_diff(&quotes[0].text, &q.text))
                .collect();
            QuoteGroup {
                quotes,
                speaker,
                speakers,
                diffs,
            }
        })
        .collect();
    let position = |g: &QuoteGroup| {
        let q = &g.quotes[0];
        let order = members
            .iter()
            .position(|&m| m == q.article)
            .unwrap_or(usize::MAX);
        (order, q.block, q.start)
    };
    groups.sort_by(|a, b| {
        let articles_in = |g: &QuoteGroup| {
            let mut a: Vec<usize> = g.quotes.iter().map(|q| q.article).collect();
            a.sort_unstable();
            a.dedup();
            a.len()
        };
        articles_in(b)
            .cmp(&articles_in(a))
            .then(position(a).cmp(&position(b)))
    });
    groups
}

fn most_common(items: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(s, _)| *s == item) {
            Some(entry) => entry.1 += 1,
            None => counts.push((item, 1)),
        }
    }
    // Ties go to the first named.
    let mut best: Option<(String, usize)> = None;
    for (s, n) in counts {
        if best.as_ref().is_none_or(|(_, m)| n > *m) {
            best = Some((s, n));
        }
    }
    best.map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            quoted("declared a “new golden age” of the alliance, “robust diplomacy”"),
            ["new golden age", "robust diplomacy"]
        );
    }

    #[test]
    fn straight_quotes_glued_to_the_word_before() {
        let text = "described the relationship as\"the greatest alliance in the world,\" with \
                    both sharing the goal of promoting a \"free and open Indo-Pacific.\"";
        assert_eq!(
            quoted(text),
            [
                "the greatest alliance in the world,",
                "free and open Indo-Pacific."
            ]
        );
        assert_eq!(
            quoted("build with Trump a\"new golden era\" of"),
            ["new golden era"]
        );
    }

    #[test]
    fn an_unclosed_quote_is_ignored() {
        assert_eq!(quoted("he said \"this never ends"), Vec::<&str>::new());
        assert_eq!(quoted("“open ”closed” “"), ["open"]);
    }

    #[test]
    fn paraphrased_quotes_match() {
        let yomiuri = "You are increasing your military capabilities very substantially";
        let hankyoreh = "I do know that you’re rising your army capability very considerably, \
                         and we’ve obtained your orders for a really great amount of recent \
                         army gear";
        assert!(quote_similarity(yomiuri, hankyoreh) >= QUOTE_MATCH);
        assert!(
            quote_similarity(
                "the world’s greatest alliance",
                "the greatest alliance in the world"
            ) >= QUOTE_MATCH
        );
        assert!(quote_similarity("new golden age", "new golden era") >= QUOTE_MATCH);
        // Different remarks.
        assert_eq!(
            quote_similarity("would be very happy to know that", yomiuri),
            0.0
        );
        assert!(quote_similarity("a great friend of mine", "the greatest alliance") < QUOTE_MATCH);
    }

    #[test]
    fn word_diff_pairs_paraphrased_words() {
        let diff = word_diff(
            "You are increasing your military capabilities very substantially",
            "you’re rising your army capability very considerably",
        );
        let kinds: Vec<(DiffKind, Option<&str>, Option<&str>)> = diff
            .iter()
            .map(|w| (w.kind.clone(), w.a.as_deref(), w.b.as_deref()))
            .collect();
        use DiffKind::*;
        assert_eq!(
            kinds,
            [
                // Contractions are not expanded: "you’re" is its own word.
                (Removed, Some("You"), None),
                (Removed, Some("are"), None),
                (Added, None, Some("you’re")),
                (Paraphrase, Some("increasing"), Some("rising")),
                (Same, Some("your"), Some("your")),
                (Paraphrase, Some("military"), Some("army")),
                (Paraphrase, Some("capabilities"), Some("capability")),
                (Same, Some("very"), Some("very")),
                (Paraphrase, Some("substantially"), Some("considerably")),
            ]
        );
    }

    #[test]
    fn word_diff_of_reordered_words() {
        let diff = word_diff(
            "the world’s greatest alliance",
            "the greatest alliance in the world",
        );
        let same: Vec<&str> = diff
            .iter()
            .filter(|w| w.kind == DiffKind::Same)
            .filter_map(|w| w.a.as_deref())
            .collect();
        assert_eq!(same, ["the", "greatest", "alliance"]);
        let added: Vec<&str> = diff
            .iter()
            .filter(|w| w.kind == DiffKind::Added)
            .filter_map(|w| w.b.as_deref())
            .collect();
        assert_eq!(added, ["in", "the", "world"]);
        // Trailing punctuation stays with its word but does not make it differ.
        let diff = word_diff("the greatest alliance.", "greatest alliance, truly");
        assert_eq!(diff[2].kind, DiffKind::Same);
        assert_eq!(diff[2].a.as_deref(), Some("alliance."));
        assert_eq!(diff[2].b.as_deref(), Some("alliance,"));
    }

    #[test]
    fn cjk_brackets() {
        assert_eq!(
            quoted("首相は「世界で最も偉大な同盟」と述べた"),
            ["世界で最も偉大な同盟"]
        );
    }
}
