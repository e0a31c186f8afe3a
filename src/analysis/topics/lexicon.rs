//! The topic lexicon: `assets/topics.toml` compiled into one Aho-Corasick automaton, and the
//! scan that finds every whole-word term in a text in one pass.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// Index of a topic in `Lexicon::topics`, which is also the display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TopicId(pub u16);

impl TopicId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A topic as written in the TOML file. `terms` inflect, `exact` do not, `context` terms are
/// weak: they count only in an article that also has a strong term of the topic.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicSpec {
    pub id: String,
    pub label: String,
    pub color: String,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub exact: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreSpec {
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// The whole file. `overlay` lets a user's file add topics or replace them by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconSpec {
    #[serde(default)]
    pub ignore: IgnoreSpec,
    #[serde(default, rename = "topic")]
    pub topics: Vec<TopicSpec>,
}

impl LexiconSpec {
    pub fn from_toml(source: &str) -> Result<Self, String> {
        toml::from_str(source).map_err(|e| format!("topics: {e}"))
    }

    /// Topics of `other` replace ours with the same id (keeping our position) or are appended;
    /// its ignore phrases are added to ours.
    pub fn overlay(&mut self, other: LexiconSpec) {
        self.ignore.phrases.extend(other.ignore.phrases);
        for topic in other.topics {
            match self.topics.iter_mut().find(|t| t.id == topic.id) {
                Some(existing) => *existing = topic,
                None => self.topics.push(topic),
            }
        }
    }
}

/// What a topic looks like to the layers above: its id, label and colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
}

/// One meaning of a pattern: the topic it tags (None for an ignore phrase) and how.
#[derive(Debug, Clone)]
struct Entry {
    topic: Option<TopicId>,
    weak: bool,
    /// For terms written in capitals: the capitals the text must show.
    capitals: Option<Box<str>>,
}

/// One pattern of the automaton: the folded bytes, and every entry that shares them.
#[derive(Debug, Clone)]
struct Pattern {
    /// Whether the text must have a word boundary before / after the match (false where the
    /// term's edge is not an ASCII letter or digit, as in CJK scripts).
    bound_start: bool,
    bound_end: bool,
    entries: Vec<Entry>,
}

/// A term found in a text: its byte range and the topics it tags (`weak` per topic).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub span: Range<usize>,
    pub hits: Vec<(TopicId, bool)>,
}

/// Compiled topics.
#[derive(Debug, Clone)]
pub struct Lexicon {
    topics: Vec<Topic>,
    patterns: Vec<Pattern>,
    automaton: AhoCorasick,
}

static ACTIVE: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();

impl Lexicon {
    /// The bundled `assets/topics.toml`.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::from_toml(EMBEDDED).expect("assets/topics.toml is valid (checked by tests)")
        })
    }

    pub fn from_toml(source: &str) -> Result<Lexicon, String> {
        Lexicon::build(&LexiconSpec::from_toml(source)?)
    }

    /// The bundled topics with a user's file laid over them (same id replaces, new id adds).
    /// Make `lexicon` (the embedded topics with the user's laid over them) the one the whole
    /// program uses. Only the first call takes effect.
    pub fn install(lexicon: Lexicon) -> &'static Lexicon {
        let _ = ACTIVE.set(lexicon);
        Lexicon::active()
    }

    /// The installed lexicon, or the embedded one.
    pub fn active() -> &'static Lexicon {
        ACTIVE.get().unwrap_or_else(Lexicon::embedded)
    }

    pub fn with_overrides(user_toml: &str) -> Result<Lexicon, String> {
        let mut spec = LexiconSpec::from_toml(EMBEDDED)?;
        spec.overlay(LexiconSpec::from_toml(user_toml)?);
        Lexicon::build(&spec)
    }

    pub fn build(spec: &LexiconSpec) -> Result<Lexicon, String> {
        if spec.topics.len() > usize::from(u16::MAX) {
            return Err("topics: too many topics".into());
        }
        let mut topics = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut folded_patterns: Vec<Vec<u8>> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut add = |form: &str, entry: Entry| {
            let folded = fold(form);
            let slot = *index.entry(folded.clone()).or_insert_with(|| {
                patterns.push(Pattern {
                    bound_start: form
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric()),
                    bound_end: form
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric()),
                    entries: Vec::new(),
                });
                folded_patterns.push(folded);
                patterns.len() - 1
            });
            let entries = &mut patterns[slot].entries;
            match entries
                .iter_mut()
                .find(|e| e.topic == entry.topic && e.capitals == entry.capitals)
            {
                // The same form listed twice (or as strong and weak): strong wins.
                Some(existing) => existing.weak &= entry.weak,
                None => entries.push(entry),
            }
        };

        for phrase in &spec.ignore.phrases {
            for form in forms(phrase, false)? {
                add(
                    &form,
                    Entry {
                        topic: None,
                        weak: false,
                        capitals: None,
                    },
                );
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, t) in spec.topics.iter().enumerate() {
            if !seen.insert(t.id.as_str()) {
                return Err(format!("topics: topic \"{}\" is defined twice", t.id));
            }
            let id = TopicId(i as u16);
            topics.push(Topic {
                id: t.id.clone(),
                label: t.label.clone(),
                color: t.color.clone(),
            });
            let lists = [
                (&t.terms, true, false),
                (&t.exact, false, false),
                (&t.context, true, true),
            ];
            for (terms, inflect, weak) in lists {
                for term in terms {
                    let capitals = is_capitals(term).then(|| term.trim().into());
                    // Capitalised acronyms take a plural only ("LNGs"), never -ed/-ing.
                    let inflect = inflect || capitals.is_some();
                    for form in forms(term, inflect)? {
                        add(
                            &form,
                            Entry {
                                topic: Some(id),
                                weak,
                                capitals: capitals.clone(),
                            },
                        );
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A DFA: tagging runs over every block of every article, the build runs once.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&folded_patterns)
            .map_err(|e| format!("topics: {e}"))?;
        Ok(Lexicon {
            topics,
            patterns,
            automaton,
        })
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn topic(&self, id: TopicId) -> &Topic {
        &self.topics[id.index()]
    }

    pub fn find(&self, id: &str) -> Option<TopicId> {
        self.topics
            .iter()
            .position(|t| t.id == id)
            .map(|i| TopicId(i as u16))
    }

    /// Every term in `text`, left to right, not overlapping: where matches overlap the one
    /// that starts first wins, then the longest. Ignore phrases consume text but are not
    /// returned. `buffer` is scratch space, reused across calls to avoid allocating.
    pub fn scan(&self, text: &str, buffer: &mut Vec<u8>) -> Vec<TermMatch> {
        buffer.clear();
        buffer.extend(text.bytes().map(fold_byte));
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(buffer.as_slice()) {
            let (start, end, pattern) = (m.start(), m.end(), m.pattern().as_usize());
            // Always true (folding keeps every non-ASCII byte, so a UTF-8 pattern can only
            // match whole characters), checked so the slicing below can never panic.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let p = &self.patterns[pattern];
            if p.bound_start && !boundary_before(text, start) {
                continue;
            }
            if p.bound_end && !boundary_after(text, end) {
                continue;
            }
            candidates.push((start, end, pattern));
        }
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut covered = 0;
        for (start, end, pattern) in candidates {
            if start < covered {
                continue;
            }
            let matched = &text[start..end];
            let entries = self.patterns[pattern].entries.iter().filter(|e| {
                e.capitals
                    .as_deref()
                    .is_none_or(|caps| matched.starts_with(caps))
            });
            let mut any = false;
            let mut ignored = false;
            let mut hits = Vec::new();
            for e in entries {
                any = true;
                match e.topic {
                    Some(topic) => hits.push((topic, e.weak)),
                    None => ignored = true,
                }
            }
            if !any {
                // Only capitalised entries, and the text is not in capitals: no match here.
                continue;
            }
            covered = end;
            // An ignore phrase overrides a topic term of the same form ("securities").
            if !ignored && !hits.is_empty() {
                out.push(TermMatch {
                    span: start..end,
                    hits,
                });
            }
        }
        out
    }
}

const EMBEDDED: &str = include_str!("../../../assets/topics.toml");

/// Bytes as the automaton sees them: ASCII lower case, hyphens and line breaks as spaces.
/// Each byte maps to one byte, so offsets into the folded text are offsets into the text.
fn fold_byte(b: u8) -> u8 {
    match b {
        b'-' | b'\n' | b'\r' | b'\t' => b' ',
        _ => b.to_ascii_lowercase(),
    }
}

fn fold(s: &str) -> Vec<u8> {
    s.bytes().map(fold_byte).collect()
}

/// A term written in capitals ("AI", "LNG", "R&D"): at least two letters, none lower case.
fn is_capitals(term: &str) -> bool {
    let letters = term.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !term.chars().any(|c| c.is_lowercase()) && term.is_ascii()
}

/// A character that continues a Latin word. Korean, Japanese and Chinese letters do not:
/// those scripts attach particles straight to a Latin term ("LNG와", "AIを").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'   // Hangul Jamo
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3130}'..='\u{318F}' // Hangul compatibility Jamo
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // half-width Katakana
    )
}

fn boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// The forms a term matches: as written, with both apostrophes, and when `inflect`, with the
/// last word's plural and -ed/-ing forms.
fn forms(term: &str, inflect: bool) -> Result<Vec<String>, String> {
    let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
    if term.is_empty() {
        return Err("topics: an empty term".into());
    }
    let mut out = vec![term.clone()];
    if inflect {
        out.extend(inflections(&term));
    }
    let curly: Vec<String> = out
        .iter()
        .filter(|f| f.contains('\''))
        .map(|f| f.replace('\'', "\u{2019}"))
        .collect();
    out.extend(curly);
    Ok(out)
}

/// Plural and -ed/-ing forms of the last word, by the common English spelling rules. Forms
/// that are not words ("defensing") are harmless: they never occur in text.
fn inflections(term: &str) -> Vec<String> {
    let last_start = term.rfind(' ').map_or(0, |i| i + 1);
    let (head, word) = term.split_at(last_start);
    if word.len() < 2 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    if is_capitals(word) {
        return vec![format!("{head}{word}s")];
    }
    let lower = word.to_ascii_lowercase();
    let with = |suffix: &str| format!("{head}{word}{suffix}");
    let stem = &word[..word.len() - 1];
    let mut out = Vec::new();
    let ends = |s: &str| lower.ends_with(s);
    if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        out.push(with("es"));
    } else if ends("y") && !ends("ay") && !ends("ey") && !ends("oy") && !ends("uy") {
        out.push(format!("{head}{stem}ies"));
        out.push(format!("{head}{stem}ied"));
    } else {
        out.push(with("s"));
    }
    if ends("e") {
        out.push(with("d"));
        out.push(format!("{head}{stem}ing"));
    } else if !ends("y") || ends("ay") || ends("ey") || ends("oy") || ends("uy") {
        out.push(with("ed"));
        out.push(with("ing"));
    } else {
        out.push(with("ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_builds_with_the_default_topics() {
        let ids: Vec<&str> = Lexicon::embedded()
            .topics()
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "defense",
                "trade",
                "investment",
                "minerals",
                "china",
                "north-korea",
                "south-korea",
                "energy",
                "shipbuilding",
                "ukraine",
                "technology",
                "abe"
            ]
        );
        for t in Lexicon::embedded().topics() {
            assert!(
                t.color.len() == 7
                    && t.color.starts_with('#')
                    && t.color[1..].chars().all(|c| c.is_ascii_hexdigit()),
                "{} has colour {}",
                t.id,
                t.color
            );
        }
    }

    /// Every strong term of the bundled file, alone in a sentence, tags its topic: no term is
    /// shadowed by an ignore phrase, misspelt into a form that cannot match, or lost.
    #[test]
    fn every_bundled_term_tags_its_topic() {
        let Ok(spec) = LexiconSpec::from_toml(EMBEDDED) else {
            panic!("assets/topics.toml parses");
        };
        let lexicon = Lexicon::embedded();
        let mut failures = Vec::new();
        for t in &spec.topics {
            let id = lexicon.find(&t.id);
            for term in t.terms.iter().chain(&t.exact) {
                let text = format!("They spoke of {term} today.");
                let tags = lexicon.tag_text(&text);
                if !id.is_some_and(|id| tags.has(id)) {
                    failures.push(format!("{}: {term}", t.id));
                }
            }
            // Weak terms alone tag nothing.
            for term in &t.context {
                let text = format!("They spoke of {term} today.");
                if id.is_some_and(|id| lexicon.tag_text(&text).has(id)) {
                    failures.push(format!("{} (context): {term}", t.id));
                }
            }
        }
        assert_eq!(failures, Vec::<String>::new());
    }

    #[test]
    fn inflections_follow_english_spelling() {
        assert_eq!(inflections("tariff"), ["tariffs", "tariffed", "tariffing"]);
        assert_eq!(
            inflections("rare earth"),
            ["rare earths", "rare earthed", "rare earthing"]
        );
        assert_eq!(
            inflections("technology"),
            ["technologies", "technologied", "technologying"]
        );
        assert_eq!(inflections("trade"), ["trades", "traded", "trading"]);
        assert_eq!(inflections("tax"), ["taxes", "taxed", "taxing"]);
        assert_eq!(inflections("LNG"), ["LNGs"]);
        assert_eq!(inflections("5G"), Vec::<String>::new());
    }

    #[test]
    fn forms_cover_both_apostrophes() {
        let f = forms("Workers' Party of Korea", false).unwrap_or_default();
        assert_eq!(
            f,
            ["Workers' Party of Korea", "Workers\u{2019} Party of Korea"]
        );
    }

    #[test]
    fn overlay_replaces_by_id_and_appends_new_topics() {
        let mut base = LexiconSpec::from_toml(
            "[[topic]]\nid='a'\nlabel='A'\ncolor='#000000'\nterms=['x']\n\
             [[topic]]\nid='b'\nlabel='B'\ncolor='#000000'\nterms=['y']",
        )
        .unwrap_or_default();
        let user = LexiconSpec::from_toml(
            "[ignore]\nphrases=['z z']\n\
             [[topic]]\nid='a'\nlabel='A2'\ncolor='#ffffff'\nterms=['w']\n\
             [[topic]]\nid='c'\nlabel='C'\ncolor='#000000'\nterms=['v']",
        )
        .unwrap_or_default();
        base.overlay(user);
        let ids: Vec<(&str, &str)> = base
            .topics
            .iter()
            .map(|t| (t.id.as_str(), t.label.as_str()))
            .collect();
        assert_eq!(ids, [("a", "A2"), ("b", "B"), ("c", "C")]);
        assert_eq!(base.ignore.phrases, ["z z"]);
    }

    #[test]
    fn user_topics_override_and_extend_the_bundled_ones() {
        let user = "[[topic]]\nid='energy'\nlabel='Power'\ncolor='#00ff00'\nterms=['grid']\n\
                    [[topic]]\nid='rice'\nlabel='Rice'\ncolor='#ffffff'\nterms=['rice']";
        let Ok(lexicon) = Lexicon::with_overrides(user) else {
            panic!("the user's file is valid");
        };
        assert_eq!(lexicon.topics().len(), 13);
        let energy = lexicon
            .find("energy")
            .map(|t| lexicon.topic(t).label.as_str());
        assert_eq!(energy, Some("Power"));
        let ids = |text: &str| -> Vec<String> {
            lexicon
                .tag_text(text)
                .topics()
                .map(|t| lexicon.topic(t).id.clone())
                .collect()
        };
        // "LNG" was a term of the bundled energy topic; the user's replaces it.
        assert_eq!(ids("LNG for the grid"), ["energy"]);
        assert_eq!(ids("LNG"), Vec::<String>::new());
        assert_eq!(ids("American rice"), ["rice"]);
        assert!(Lexicon::with_overrides("[[topic]]\nid='x'").is_err());
    }

    #[test]
    fn a_duplicate_topic_id_is_an_error() {
        let err = Lexicon::from_toml(
            "[[topic]]\nid='a'\nlabel='A'\ncolor='#000000'\n\
             [[topic]]\nid='a'\nlabel='A'\ncolor='#000000'",
        )
        .err();
        assert_eq!(err.as_deref(), Some("topics: topic \"a\" is defined twice"));
    }

    #[test]
    fn an_unknown_field_is_an_error() {
        assert!(
            Lexicon::from_toml("[[topic]]\nid='a'\nlabel='A'\ncolor='#0'\nterm=['x']").is_err()
        );
    }
}
