//! Outlet identification and perspective classification, from `assets/perspectives.toml`
//! (the perspectives and the user's outlets) and `assets/sources.toml` (the source table).
//! Every decision carries its reason, shown as `perspective_reason`, where it came from
//! (`perspective_source`) and how sure it is (`perspective_confidence`).
//!
//! Order of evidence: who *wrote* the copy (an agency's dateline or credit) beats who
//! *hosts* it (URL domain, page metadata, a domain or masthead in the text); both beat the
//! weighted cues of `cues.rs`, which only speak when no outlet is identified.

use super::self_reference;
use crate::ingest::cues;
use crate::model::Perspective;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Deserialize)]
struct File {
    perspective: Vec<PerspectiveSpec>,
}

#[derive(Debug, Deserialize)]
struct PerspectiveSpec {
    id: String,
    label: String,
    color: String,
    #[serde(default)]
    outlet: Vec<OutletSpec>,
}

#[derive(Debug, Deserialize)]
struct OutletSpec {
    name: String,
    #[serde(default)]
    native: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    credits: Vec<String>,
    #[serde(default)]
    signatures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    group: Vec<GroupSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSpec {
    perspective: String,
    #[serde(default)]
    finer: Option<String>,
    outlets: Vec<OutletSpec>,
}

/// The embedded source table.
pub const SOURCES: &str = include_str!("../../assets/sources.toml");

struct Outlet {
    name: String,
    perspective: usize,
    names_lower: Vec<String>,
    domains: Vec<String>,
    signatures: Vec<Regex>,
}

/// The perspectives in display order and the outlet rules that place articles in them.
pub struct Classifier {
    pub perspectives: Vec<Perspective>,
    outlets: Vec<Outlet>,
    /// Lower-cased name or alias → outlet, for metadata names and masthead lines.
    by_name: HashMap<String, usize>,
    /// The longest lower-cased name in `by_name`, in bytes: a masthead cut past it names nothing.
    longest_name: usize,
    /// Every name's beginnings that end where a run of letters does ("yonhap", "yonhap ",
    /// "yonhap news"): a masthead line whose start is none of these names no outlet, and
    /// most lines are ruled out at their first word.
    name_beginnings: HashSet<String>,
    /// Every outlet's signatures in one set, then the cues' patterns (from `cue_start` on),
    /// so a text is scanned once for both; `(outlet, signature)` per signature pattern.
    signature_set: regex::RegexSet,
    signature_owners: Vec<(usize, usize)>,
    /// One regex per kind of credit line (datelines, copyright marks …) over every agency's
    /// credit, in the set from `credit_start` on; the captured credit names the outlet.
    credit_kinds: Vec<Regex>,
    credit_owner: HashMap<String, usize>,
    credit_start: usize,
    cue_start: usize,
    /// Lower-cased host name → `(outlet, domain)`: a text's host names are looked up here.
    domains_by_host: HashMap<String, (usize, usize)>,
}

/// Where a placement came from: the JSON field `perspective_source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Manifest,
    /// The perspective of the feed subscription the article came from.
    Subscription,
    User,
    Rule,
    Cue,
    Inferred,
    None,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manifest => "manifest",
            Source::Subscription => "subscription",
            Source::User => "user",
            Source::Rule => "rule",
            Source::Cue => "cue",
            Source::Inferred => "inferred",
            Source::None => "none",
        }
    }
}

/// The outcome of classifying one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub perspective: String,
    pub reason: String,
    /// The outlet's canonical name, when an outlet was identified.
    pub outlet: Option<String>,
    pub source: Source,
    /// 0–1.
    pub confidence: f32,
}

/// What the classifier looks at.
pub struct Evidence<'a> {
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    /// All text of the input, including what boilerplate removal dropped: contact lines and
    /// credits are where outlets sign.
    pub text: &'a str,
}

pub const OTHER: &str = "other";

/// How sure each kind of outlet evidence is.
const CONFIDENCE_URL: f32 = 0.97;
const CONFIDENCE_NAME: f32 = 0.95;
const CONFIDENCE_SIGNATURE: f32 = 0.93;
const CONFIDENCE_TEXT_DOMAIN: f32 = 0.9;
const CONFIDENCE_MASTHEAD: f32 = 0.88;
/// Masthead lines are looked for among this many first and last lines of the text.
const MASTHEAD_LINES: usize = 6;

/// Words that may follow an outlet's name on its masthead line: a section or a product.
const MASTHEAD_WORDS: &[&str] = &[
    "news",
    "online",
    "digital",
    "english",
    "edition",
    "world",
    "radio",
    "tv",
    "summary",
    "digest",
    "briefs",
    "roundup",
    "headlines",
];
/// Words of a date or a time stamp after the name: "KBS WORLD Radio Mon, 25 Aug 2025",
/// "Yomiuri Shimbun 8 hours ago".
const DATE_WORDS: &[&str] = &[
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "kst",
    "jst",
    "gmt",
    "utc",
    "updated",
    "posted",
    "published",
];
/// A masthead line is short; one with a date stamp may run to this.
const MASTHEAD_MAX_CHARS: usize = 90;

/// Whether what follows an outlet's name on a line (`lower`, and `original` as written) leaves
/// it a masthead: section words and dates on a short line; on a longer line a date must be
/// there (a feed's credit line), and one word more (its section) may follow. "… in Tokyo"
/// at the end is an author line's place.
fn masthead_rest(lower: &str, original: &str, short: bool) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty())
        .collect();
    let original_words: Vec<&str> = original
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty())
        .collect();
    // "Agence France-Presse in Tokyo": the place of an author page's heading.
    let place_at = words.iter().position(|w| *w == "in").filter(|&i| {
        let place = original_words.get(i + 1..).unwrap_or(&[]);
        (1..=2).contains(&place.len())
            && place
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    let words = &words[..place_at.unwrap_or(words.len())];
    let has_date = lower.chars().any(|c| c.is_ascii_digit());
    let unknown = words
        .iter()
        .filter(|w| !(MASTHEAD_WORDS.contains(w) || (has_date && DATE_WORDS.contains(w))))
        .count();
    match (short, has_date) {
        (true, _) => unknown == 0,
        (false, true) => unknown <= 1,
        (false, false) => false,
    }
}

/// `char::is_alphabetic`, with Hangul, kana and the common CJK ideographs answered from
/// their ranges: Unicode's table lookup for them was a sixth of placement's time.
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xAC00..=0xD7A3 | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => {
            true
        }
        _ => c.is_alphabetic(),
    }
}

static ACTIVE: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();

/// Regexes for agency credits such as `Yonhap`: their datelines, copyright marks and the
/// "AFP-Jiji" byline of copy passed on by a partner agency. `c` is a regex matching any one
/// credit, capturing it as `credit`: one pattern of each kind serves every agency.
fn credit_patterns(c: &str) -> Vec<String> {
    // The credit in brackets before a dash, alone or shared with a partner or host:
    // "(Yonhap) --", "(The Japan News/ANN) -", "(d.de/dpa) -".
    // A partner may also be joined by a hyphen: "(ANSA-AFP) -", "SEOUL (dpa-AFX) -".
    let credit = format!(r"\((?:[^()/\n]{{1,30}}[/-])?{c}(?:[/-][^()\n]{{1,30}})?\)");
    vec![
        format!(r"{credit}\s*(--|—|–|-)"),
        // "SEOUL, Oct. 28 (Yonhap)", "SEOUL, September 27 (Reuters)", indented or not.
        // (Alone in its brackets here: "Tokyo. (Reuters/Yonhap)" ends a photo caption.)
        format!(r"^[ \t]*[A-Z][A-Za-z .'-]{{1,30}}(, [A-Z][a-z]{{2,8}}\.? \d{{1,2}})? \({c}\)"),
        // Marks are often set in capitals: "© KYODO".
        format!(r"(©|\(c\)|\(C\)|Copyright)\s*(\d{{4}}\s*)?(?i:{c})\b"),
        format!(r"^{c}-(Jiji|JIJI|Kyodo|Yonhap)$"),
        // The credit and the bureau in capitals on a line of their own under the headline,
        // as Taipei Times and others print wire copy: "AFP, SEOUL", "Reuters, TOKYO".
        format!(r"^{c}, [A-Z][A-Z .'-]{{1,30}}$"),
        // A tag page's teaser: "Seoul, South Korea | AFP | North Korean leader…".
        // (Unanchored: a place of up to 40 characters before it made the set's automaton
        // measurably slower.)
        format!(r"[a-z] \| {c} \| [A-Z]"),
        // The older dateline line with the agency after the date: "TOKYO, Oct. 6 Kyodo".
        format!(r"^[A-Z][A-Za-z .'-]{{1,30}}, [A-Z][a-z]{{2,4}}\.? \d{{1,2}},? {c}$"),
        // An agency's own scoop: "…, Jiji Press learned Wednesday", "Kyodo News has learned".
        format!(r"\b{c}(?: News| Press)? (?:has )?learned\b"),
        // Its own kinds of story, flagged in the headline: "(Yonhap Interview)".
        format!(
            r"\({c} (?:Interview|Feature|Exclusive|News Focus|Analysis|Special|Commentary|Profile|Q&A)\)"
        ),
    ]
}

impl Classifier {
    /// The perspectives file (embedded or merged with the user's config) with the embedded
    /// source table.
    pub fn from_toml(source: &str) -> Result<Self, String> {
        Classifier::build(source, SOURCES, &BTreeMap::new())
    }

    /// `perspectives`: perspectives and their (user's) outlets, which come first and win ties;
    /// `sources`: the source table; `assign`: outlet name → perspective id from the config.
    pub fn build(
        perspectives_toml: &str,
        sources_toml: &str,
        assign: &BTreeMap<String, String>,
    ) -> Result<Self, String> {
        let file: File = toml::from_str(perspectives_toml).map_err(|e| e.to_string())?;
        let mut perspectives = Vec::new();
        let mut specs: Vec<(usize, OutletSpec)> = Vec::new();
        for (index, spec) in file.perspective.into_iter().enumerate() {
            specs.extend(spec.outlet.into_iter().map(|o| (index, o)));
            perspectives.push(Perspective {
                id: spec.id,
                label: spec.label,
                color: spec.color,
            });
        }
        if !perspectives.iter().any(|p| p.id == OTHER) {
            perspectives.push(Perspective {
                id: OTHER.into(),
                label: "Other".into(),
                color: "#a8a8a8".into(),
            });
        }
        let index_of = |id: &str| perspectives.iter().position(|p| p.id == id);
        let other = index_of(OTHER).unwrap_or(perspectives.len() - 1);
        let table: SourcesFile =
            toml::from_str(sources_toml).map_err(|e| format!("sources.toml: {e}"))?;
        for group in table.group {
            // The finer perspective when the config defines it, else the group's, else other.
            let index = group
                .finer
                .as_deref()
                .and_then(index_of)
                .or_else(|| index_of(&group.perspective))
                .unwrap_or(other);
            specs.extend(group.outlets.into_iter().map(|o| (index, o)));
        }

        let mut outlets: Vec<Outlet> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        // Lower-cased credit → the first outlet to sign with it; every spelling, as written.
        let mut credit_owner: HashMap<String, usize> = HashMap::new();
        let mut credit_spellings: Vec<String> = Vec::new();
        for (perspective, spec) in specs {
            let signatures = spec
                .signatures
                .iter()
                .map(|s| {
                    regex::RegexBuilder::new(&ascii_word_boundaries(s))
                        .multi_line(true)
                        .build()
                        .map_err(|e| format!("outlet {}: bad signature {s:?}: {e}", spec.name))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut names_lower = vec![spec.name.to_lowercase()];
            names_lower.extend(
                spec.aliases
                    .iter()
                    .chain(&spec.native)
                    .map(|a| a.to_lowercase()),
            );
            let without_article: Vec<String> = names_lower
                .iter()
                .filter_map(|n| without_leading_the(n))
                .filter(|n| !names_lower.contains(n))
                .collect();
            names_lower.extend(without_article);
            let domains: Vec<String> = spec.domains.iter().map(|d| d.to_lowercase()).collect();
            // An outlet named twice (the user's entry and the table's, or the perspectives
            // file and the table) is one outlet: the first entry's perspective, all evidence.
            let existing = names_lower.iter().find_map(|n| by_name.get(n).copied());
            for credit in &spec.credits {
                let at = existing.unwrap_or(outlets.len());
                credit_owner.entry(credit.to_lowercase()).or_insert(at);
                if !credit_spellings.contains(credit) {
                    credit_spellings.push(credit.clone());
                }
            }
            match existing {
                Some(existing) => {
                    let outlet = &mut outlets[existing];
                    for d in domains {
                        if !outlet.domains.contains(&d) {
                            outlet.domains.push(d);
                        }
                    }
                    outlet.signatures.extend(signatures);
                    for n in names_lower {
                        by_name.entry(n.clone()).or_insert(existing);
                        outlet.names_lower.push(n);
                    }
                }
                None => {
                    let at = outlets.len();
                    for n in &names_lower {
                        by_name.entry(n.clone()).or_insert(at);
                    }
                    outlets.push(Outlet {
                        name: spec.name,
                        perspective,
                        names_lower,
                        domains,
                        signatures,
                    });
                }
            }
        }
        for (name, id) in assign {
            let Some(index) = index_of(id) else {
                let known: Vec<&str> = perspectives.iter().map(|p| p.id.as_str()).collect();
                return Err(format!(
                    "outlet \"{name}\" is assigned to unknown perspective \"{id}\" (known: {})",
                    known.join(", ")
                ));
            };
            let Some(&outlet) = by_name.get(&name.trim().to_lowercase()) else {
                return Err(format!(
                    "outlet \"{name}\" assigned to \"{id}\" is not in the source table; add it under [[perspective.outlet]]"
                ));
            };
            outlets[outlet].perspective = index;
        }

        let mut patterns = Vec::new();
        let mut signature_owners = Vec::new();
        for (o, outlet) in outlets.iter().enumerate() {
            for (s, signature) in outlet.signatures.iter().enumerate() {
                patterns.push(signature.as_str().to_string());
                signature_owners.push((o, s));
            }
        }
        // Every credit in one alternation (longest first, so "Yonhap News" wins over
        // "Yonhap"), each kind of credit line one pattern.
        credit_spellings.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let spelled: Vec<String> = credit_spellings.iter().map(|c| regex::escape(c)).collect();
        let credit_kinds: Vec<Regex> = if spelled.is_empty() {
            Vec::new()
        } else {
            // As written; the copyright kind reads it case-insensitively itself.
            let any = format!("(?P<credit>{})", spelled.join("|"));
            credit_patterns(&any)
                .iter()
                .map(|p| {
                    regex::RegexBuilder::new(&ascii_word_boundaries(p))
                        .multi_line(true)
                        .build()
                        .map_err(|e| format!("credits: {e}"))
                })
                .collect::<Result<_, _>>()?
        };
        let credit_start = patterns.len();
        patterns.extend(credit_kinds.iter().map(|r| r.as_str().to_string()));
        // The cues' patterns ride along in the same pass (as written: not multi-line).
        let cue_start = patterns.len();
        patterns.extend(
            cues::table_patterns()
                .into_iter()
                .map(|p| format!("(?-m:{p})")),
        );
        // A thousand patterns: room for the lazy DFA's states, so it does not give up and
        // fall back to the (far slower) PikeVM on every text.
        let signature_set = regex::RegexSetBuilder::new(&patterns)
            .multi_line(true)
            .dfa_size_limit(64 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        let mut domains_by_host = HashMap::new();
        for (o, outlet) in outlets.iter().enumerate() {
            for (d, domain) in outlet.domains.iter().enumerate() {
                // The first outlet to claim a host keeps it, as the first rule wins elsewhere.
                domains_by_host
                    .entry(host_of_domain(domain))
                    .or_insert((o, d));
            }
        }
        Ok(Classifier {
            perspectives,
            outlets,
            longest_name: by_name.keys().map(String::len).max().unwrap_or(0),
            name_beginnings: by_name
                .keys()
                .flat_map(|name| name_ends(name).map(move |end| name[..end].to_string()))
                .collect(),
            by_name,
            signature_set,
            signature_owners,
            credit_kinds,
            credit_owner,
            credit_start,
            cue_start,
            domains_by_host,
        })
    }

    pub fn embedded() -> &'static Classifier {
        static RULES: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            Classifier::from_toml(include_str!("../../assets/perspectives.toml"))
                .expect("assets/perspectives.toml and sources.toml are valid (checked by tests)")
        })
    }

    /// Make `classifier` (the embedded rules with the user's config laid over them) the one
    /// the whole program uses from now on. Only the first call takes effect.
    pub fn install(classifier: Classifier) -> &'static Classifier {
        let _ = ACTIVE.set(classifier);
        Classifier::active()
    }

    /// The installed classifier, or the embedded one when none was installed.
    pub fn active() -> &'static Classifier {
        ACTIVE.get().unwrap_or_else(Classifier::embedded)
    }

    pub fn perspective(&self, id: &str) -> Option<&Perspective> {
        self.perspectives.iter().find(|p| p.id == id)
    }

    /// Number of outlets known, per perspective id (the table's size, for notes and tests).
    pub fn outlet_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for o in &self.outlets {
            *counts
                .entry(self.perspectives[o.perspective].id.clone())
                .or_insert(0) += 1;
        }
        counts
    }

    /// Display position of a perspective; unknown ids sort last.
    pub fn order(&self, id: &str) -> usize {
        self.perspectives
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(self.perspectives.len())
    }

    /// Identify the writer and the host, and place the article by the writer when there is
    /// one; without either, by the cues.
    pub fn classify(&self, evidence: &Evidence) -> Placement {
        let host = evidence
            .url
            .and_then(|url| {
                self.by_domain(url)
                    .map(|(o, d)| (o, format!("URL domain {d}"), d, CONFIDENCE_URL))
            })
            .or_else(|| {
                evidence.outlet.and_then(|name| {
                    self.by_name(name).map(|o| {
                        let name = name.trim().to_string();
                        (o, format!("outlet name \"{name}\""), name, CONFIDENCE_NAME)
                    })
                })
            })
            .or_else(|| {
                self.by_domain(evidence.text).map(|(o, d)| {
                    (
                        o,
                        format!("domain {d} in the text"),
                        d,
                        CONFIDENCE_TEXT_DOMAIN,
                    )
                })
            })
            .or_else(|| {
                self.by_masthead(evidence.text)
                    .map(|(o, line)| (o, format!("masthead \"{line}\""), line, CONFIDENCE_MASTHEAD))
            });
        let hits = self.signature_set.matches(evidence.text);
        // Who wrote it, and what kind of evidence says so.
        let writer = self
            .by_signature(evidence.text, &hits)
            .map(|(o, s)| (o, s, "signature"))
            .or_else(|| {
                self.by_source_line(evidence.text)
                    .map(|(o, s)| (o, s, "source line"))
            })
            .or_else(|| {
                self.by_self_reference(evidence.text)
                    .map(|(o, s)| (o, s, "self-reference"))
            });
        match (writer, host) {
            (Some((w, signature, kind)), Some((h, _, host_label, _))) if w != h => {
                let label = &self.perspectives[self.outlets[w].perspective].label;
                self.placed(
                    w,
                    format!(
                        "{} copy ({kind} \"{signature}\"), hosted by {host_label} ({label})",
                        self.outlets[w].name
                    ),
                    CONFIDENCE_SIGNATURE,
                )
            }
            (_, Some((h, how, _, confidence))) => {
                let label = &self.perspectives[self.outlets[h].perspective].label;
                self.placed(
                    h,
                    format!("{} ({label}) matched {how}", self.outlets[h].name),
                    confidence,
                )
            }
            (Some((w, signature, kind)), None) => {
                let label = &self.perspectives[self.outlets[w].perspective].label;
                self.placed(
                    w,
                    format!(
                        "{} ({label}) matched {kind} \"{signature}\" in the text",
                        self.outlets[w].name
                    ),
                    CONFIDENCE_SIGNATURE,
                )
            }
            (None, None) => self.by_cues(evidence.text, &hits),
        }
    }

    fn placed(&self, outlet: usize, reason: String, confidence: f32) -> Placement {
        let outlet = &self.outlets[outlet];
        Placement {
            perspective: self.perspectives[outlet.perspective].id.clone(),
            reason,
            outlet: Some(outlet.name.clone()),
            source: Source::Rule,
            confidence,
        }
    }

    fn by_cues(&self, text: &str, hits: &regex::SetMatches) -> Placement {
        const NO_RULE: &str = "no rule matched: no known outlet domain, name or signature";
        let verdict = cues::read_with(text, |i| hits.matched(self.cue_start + i));
        match verdict {
            Some(v) if v.places() && self.perspective(v.perspective).is_some() => Placement {
                perspective: v.perspective.to_string(),
                reason: format!("cues: {} (score {:.1})", v.describe(), v.score),
                outlet: None,
                source: Source::Cue,
                confidence: v.confidence(),
            },
            Some(v) => Placement {
                perspective: OTHER.into(),
                reason: format!(
                    "{NO_RULE}; cues lean {} {:.0} %: {}",
                    v.perspective,
                    v.confidence() * 100.0,
                    v.describe()
                ),
                outlet: None,
                source: Source::None,
                confidence: 0.0,
            },
            None => Placement {
                perspective: OTHER.into(),
                reason: NO_RULE.into(),
                outlet: None,
                source: Source::None,
                confidence: 0.0,
            },
        }
    }

    fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(&name.trim().to_lowercase()).copied()
    }

    /// A line crediting an outlet as the source of the copy ("News source: Nikkei"), anywhere
    /// in the text: the outlet wrote what the host republished.
    fn by_source_line(&self, text: &str) -> Option<(usize, String)> {
        text.lines().find_map(|line| {
            let (name, agencies_only) = source_line_name(line)?;
            let o = self.by_name(name)?;
            // "From The Japan Times" heads a list of a paper's other stories; "From Associated
            // Press" credits an agency's copy.
            let agency = || self.credit_owner.values().any(|&owner| owner == o);
            (!agencies_only || agency()).then(|| (o, line.trim().to_string()))
        })
    }

    /// The text naming its own maker in words: a digest's opening line, a broadcast's
    /// greeting, a byline naming the paper, a lone "(NHK)" under an item. The earliest counts.
    fn by_self_reference(&self, text: &str) -> Option<(usize, String)> {
        let mut found: Vec<(usize, usize, String)> = self_reference::find(text)
            .into_iter()
            .filter_map(|r| {
                let outlet = match r.name {
                    self_reference::NameSpot::StartsAt(rest) => {
                        self_reference::longest_name_at(rest, |n| self.by_name(n))?.0
                    }
                    self_reference::NameSpot::Exactly(name) => self.by_name(name)?,
                };
                Some((r.at, outlet, r.phrase.to_string()))
            })
            .collect();
        found.sort_by_key(|(at, _, _)| *at);
        found.into_iter().next().map(|(_, o, phrase)| (o, phrase))
    }

    /// A masthead: a short line near the top or the bottom that is an outlet's name alone,
    /// or its name followed by a date or a separator ("연합뉴스 | 2025-10-29").
    fn by_masthead(&self, text: &str) -> Option<(usize, String)> {
        let lines = || text.lines().map(str::trim).filter(|l| !l.is_empty());
        let head = lines().take(MASTHEAD_LINES);
        let tail = lines().rev().take(MASTHEAD_LINES);
        head.chain(tail).find_map(|line| {
            // A list's bullet or a blank field's comma before the name: "• , Kyodo News , 10:36".
            let unbulleted = line.trim_start_matches(['•', '·', '|', ',', '*', ' ']);
            // (A bulleted name with no date is a list of sources, not a credit field.)
            let bulleted = unbulleted.len() != line.len();
            let line = unbulleted;
            // Most lines start with a word that begins no name: ruled out before their
            // characters are counted or lower-cased.
            let first_word = &line[..name_ends(line).next().unwrap_or(line.len())];
            let first_word = first_word.to_lowercase();
            if !self.name_beginnings.contains(&first_word)
                && !self.by_name.contains_key(first_word.trim_end())
            {
                return None;
            }
            let chars_in_line = line.chars().count();
            if chars_in_line > MASTHEAD_MAX_CHARS {
                return None;
            }
            let lower = line.to_lowercase();
            let short = chars_in_line <= 40;
            // The names the line starts with, shortest first, until its start is no name's
            // beginning. (One byte past the longest name: the blank a cut may leave before a
            // mark.)
            let mut names = Vec::new();
            for end in name_ends(&lower) {
                if end > self.longest_name + 1 {
                    break;
                }
                let name = &lower[..end];
                if name.chars().count() >= 3 {
                    if let Some(&o) = self.by_name.get(name.trim_end()) {
                        names.push((end, o));
                    }
                }
                if !self.name_beginnings.contains(name) {
                    break;
                }
            }
            // The longest name followed by nothing but dates, separators and a section word
            // ("News", "Online").
            names.into_iter().rev().find_map(|(end, o)| {
                if bulleted && !lower[end..].chars().any(|c| c.is_ascii_digit()) {
                    return None;
                }
                masthead_rest(&lower[end..], line.get(end..).unwrap_or(""), short)
                    .then(|| (o, line.to_string()))
            })
        })
    }

    /// The first outlet whose domain appears in `text` as a whole host name or as the end of
    /// one at a label (`en.yna.co.kr` is Yonhap's `yna.co.kr`; `notkbs.co.kr` is not KBS's).
    /// Host names are found by their dots, so prose costs little more than a search for `.`.
    /// (Every domain in the table ends in a top-level domain of two or more characters.)
    fn by_domain(&self, text: &str) -> Option<(usize, String)> {
        host_names(text).find_map(|host| {
            // A host name ends in a top-level domain that starts with a letter: "3.5", "p.m"
            // and "U.S" are not worth a lookup.
            let tld = host.rsplit('.').next().unwrap_or("");
            if tld.len() < 2 || !tld.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return None;
            }
            let host = host.to_ascii_lowercase();
            let mut rest = host.as_str();
            loop {
                if let Some(&(o, d)) = self.domains_by_host.get(rest) {
                    return Some((o, self.outlets[o].domains[d].clone()));
                }
                rest = &rest[rest.find('.')? + 1..];
            }
        })
    }

    fn by_signature(&self, text: &str, hits: &regex::SetMatches) -> Option<(usize, String)> {
        let mut best: Option<(usize, usize, String)> = None;
        let mut consider = |start: usize, outlet: usize, matched: &str| {
            if best.as_ref().is_none_or(|(p, _, _)| start < *p) {
                best = Some((start, outlet, matched.trim().to_string()));
            }
        };
        for index in hits.iter().take_while(|&i| i < self.cue_start) {
            if index < self.credit_start {
                let (o, s) = self.signature_owners[index];
                let found = self.outlets[o].signatures[s]
                    .find_iter(text)
                    .find(|m| !is_photo_credit(text, m.start(), m.as_str()));
                if let Some(m) = found {
                    consider(m.start(), o, m.as_str());
                }
                continue;
            }
            let kind = &self.credit_kinds[index - self.credit_start];
            let found = kind.captures_iter(text).find_map(|caps| {
                let whole = caps.get(0)?;
                let credit = caps.name("credit")?.as_str().to_lowercase();
                let outlet = *self.credit_owner.get(&credit)?;
                (!is_photo_credit(text, whole.start(), whole.as_str())).then_some((whole, outlet))
            });
            if let Some((m, o)) = found {
                consider(m.start(), o, m.as_str());
            }
        }
        best.map(|(_, o, s)| (o, s))
    }
}

/// The reader's own choices (article id → perspective id) laid over the placements: they win
/// over everything, and say so. A choice naming a perspective that no longer exists is left
/// out (the article keeps its placement). Returns, for each article a choice moved, the
/// perspective the rules had given it (so the reader can undo a choice at once).
pub fn apply_user_choices(
    articles: &mut [crate::model::Article],
    classifier: &Classifier,
    choice: impl Fn(&str) -> Option<String>,
) -> std::collections::HashMap<String, String> {
    let mut ruled = std::collections::HashMap::new();
    for article in articles {
        let Some(chosen) = choice(&article.id) else {
            continue;
        };
        if classifier.perspective(&chosen).is_none() {
            continue;
        }
        let was = if article.perspective == chosen {
            String::new()
        } else {
            format!(
                " (rules said {}: {})",
                article.perspective, article.perspective_reason
            )
        };
        article.perspective_reason = format!("placed by you{was}");
        ruled.insert(
            article.id.clone(),
            std::mem::replace(&mut article.perspective, chosen),
        );
        article.perspective_source = Source::User.as_str().to_string();
        article.perspective_confidence = 1.0;
    }
    ruled
}

/// `\b` made ASCII-only: a Unicode word boundary stops the lazy DFA at the first non-ASCII
/// byte (every Korean or Japanese text, every curly quote), and the fallback engine over a
/// thousand signatures cost milliseconds per article. The signatures are Latin-script words,
/// so the ASCII boundary says the same thing about them.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Where a name in `lower` may end, in order: wherever a run of letters does, never inside a
/// word ("Yomiuri Shimbun|8 hours ago" may end after "yomiuri" or "shimbun"), and at its end.
fn name_ends(lower: &str) -> impl Iterator<Item = usize> + '_ {
    let mut previous: Option<char> = None;
    lower
        .char_indices()
        .filter_map(move |(i, c)| {
            let cut = previous.is_some_and(|p| !(is_letter(p) && is_letter(c)));
            previous = Some(c);
            cut.then_some(i)
        })
        .chain(std::iter::once(lower.len()))
}

/// The start and end (byte offsets) of the line of `text` that holds the span from `start`
/// to `end`, without its line break.
pub(crate) fn line_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// Words that name a picture, in a caption or its credit line (lower case).
pub(crate) const PHOTO_WORDS: &[&str] =
    &["photo", "picture", "image", "getty", "사진", "写真", "撮影"];

/// Words before a copyright mark on its line that make the line a caption, not a signature.
const CAPTION_WORDS: usize = 6;

/// A copyright mark that credits a picture, not the copy: "…in Tokyo on Oct. 28. (c)AFP" at
/// the end of a caption, or on a line that says photo. An agency that only supplied the
/// photo did not write the article (a Korean daily's own story stays Korean).
fn is_photo_credit(text: &str, start: usize, matched: &str) -> bool {
    let mark = matched.trim_start();
    let copyright = mark.starts_with('©')
        || mark.starts_with("(c)")
        || mark.starts_with("(C)")
        || mark.starts_with("Copyright");
    if !copyright {
        return false;
    }
    let (line_start, line_end) = line_bounds(text, start, start);
    let line = text[line_start..line_end].to_lowercase();
    let photo = PHOTO_WORDS.iter().any(|w| line.contains(w));
    let before = &text[line_start..start];
    photo
        || (before.split_whitespace().count() >= CAPTION_WORDS
            && !is_sign_off(text, start, matched, before))
}

/// Sentences before a mark on its line from which it signs the paragraph off ("…according
/// to the ministry. © KYODO" ending the last paragraph), not a caption (one or two sentences).
const SIGN_OFF_SENTENCES: usize = 3;

/// A mark that ends its line after a paragraph of several sentences: the copy's own sign-off
/// (sites that print the agency's mark at the end of the last paragraph).
fn is_sign_off(text: &str, start: usize, matched: &str, before: &str) -> bool {
    let after = &text[(start + matched.len()).min(text.len())..];
    let line_rest = after.split('\n').next().unwrap_or("");
    // Only the mark's own words may follow it: "All rights reserved."
    let ends_line = line_rest
        .chars()
        .all(|c| c.is_alphanumeric() || c == '.' || c == ' ');
    ends_line && sentence_ends(before) >= SIGN_OFF_SENTENCES
}

/// Full stops that end a sentence: after a lower-case letter and before a capital ("…said.
/// The"), not those of "Oct. 28" or "U.S."; and Japanese full stops.
fn sentence_ends(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let latin = chars
        .windows(4)
        .filter(|w| w[0].is_lowercase() && w[1] == '.' && w[2] == ' ' && w[3].is_uppercase())
        .count();
    latin + chars.iter().filter(|&&c| c == '。').count()
}

/// Words too common to name an outlet without its "The": "Japan News" is a section heading.
const GENERIC_NAME_WORDS: &[&str] = &[
    "japan",
    "japanese",
    "korea",
    "korean",
    "news",
    "times",
    "daily",
    "world",
    "post",
    "asia",
    "press",
    "the",
    "new",
    "york",
    "national",
    "international",
    "global",
    "today",
];

/// "the korea bizwire" → "korea bizwire": mastheads and credit lines often drop the article.
/// Kept only when a word of what is left names the outlet by itself.
fn without_leading_the(name: &str) -> Option<String> {
    let rest = name.strip_prefix("the ")?.trim();
    let distinctive = rest
        .split_whitespace()
        .any(|w| !GENERIC_NAME_WORDS.contains(&w));
    (distinctive && rest.chars().count() >= 5).then(|| rest.to_string())
}

/// The outlet a source line credits: "Source: Nikkei", "News source: Kyodo News",
/// "Provided by Yonhap" (a short line of its own, the name alone after the prefix).
/// `true` with the name when the prefix is a bare "from"/"by", which credits only an agency.
fn source_line_name(line: &str) -> Option<(&str, bool)> {
    const PREFIXES: &[&str] = &[
        "news source:",
        "source:",
        "sources:",
        "provided by",
        "courtesy of",
        // "From Associated Press", "By Reuters": the whole line is the credit.
        "from ",
        "by ",
        "출처:",
        "출처 :",
        "提供:",
        "提供：",
        "出典:",
        "出典：",
    ];
    let line = line.trim();
    if line.len() > 180 {
        return None;
    }
    if let Some(holder) = copyright_holder(line) {
        return Some((holder, false));
    }
    // Compared byte for byte, ASCII letters in either case (the CJK prefixes have no case).
    let prefix = PREFIXES.iter().find(|p| {
        line.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    })?;
    let name = line.get(prefix.len()..)?.trim();
    let name = name.trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    let bare = matches!(*prefix, "from " | "by ");
    (!name.is_empty()).then_some((name, bare))
}

/// The holder a copyright line names, written out: "Copyright Agence France-Presse, 2007",
/// "© 2024 The Japan Times. All rights reserved.", "Copyright (C) Kyodo News". (The short
/// credits — "(c) AFP" — are credit patterns; this reads the names the table knows.)
fn copyright_holder(line: &str) -> Option<&str> {
    // The mark may follow a sentence of rights: "Tous droits … réservés. © 2018 - Agence
    // France-Presse." Only that: after a caption a mark credits the picture.
    const RIGHTS_WORDS: &[&str] = &["rights", "droits", "derechos", "rechte", "diritti", "無断"];
    let mut rest = match line.rfind('©') {
        Some(at) if at > 0 => {
            let before = line[..at].to_lowercase();
            if !RIGHTS_WORDS.iter().any(|w| before.contains(w)) {
                return None;
            }
            &line[at..]
        }
        _ => line,
    };
    let mut marked = false;
    loop {
        let before = rest;
        for mark in ["copyright", "©", "(c)"] {
            let marked_here = rest
                .get(..mark.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(mark))
                // "Copyrighted material" is a word, not the mark.
                && !rest[mark.len()..].starts_with(|c: char| c.is_alphabetic());
            if marked_here {
                rest = rest[mark.len()..].trim_start();
                marked = true;
            }
        }
        // A year or a span of years between the mark and the name: "2007", "2004-2024".
        rest = rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '–')
            .trim_start_matches([',', ' ']);
        if rest == before {
            break;
        }
    }
    if !marked {
        return None;
    }
    let rest = rest
        .split_once(". All rights reserved")
        .or_else(|| rest.split_once(" All rights reserved"))
        .map_or(rest, |(name, _)| name);
    let rest = rest.trim_end_matches(['.', ' ']);
    // A year after the name: "Agence France-Presse, 2007" (not the 1 of "News1").
    let name = match rest.rsplit_once(' ') {
        Some((name, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            name.trim_end_matches([',', ' '])
        }
        _ => rest,
    };
    (!name.is_empty()).then_some(name)
}

/// A domain as the host name it stands for: lower case, without a scheme, a path or a port.
fn host_of_domain(domain: &str) -> String {
    let domain = domain.trim();
    let domain = domain.split_once("://").map_or(domain, |(_, rest)| rest);
    let end = domain.find(['/', ':', '?', '#']).unwrap_or(domain.len());
    domain[..end].trim_matches('.').to_ascii_lowercase()
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'.'
}

/// The host-name-like runs of `text` (ASCII letters, digits, `-` and `.`, with a dot inside),
/// in order, without the full stops that end a sentence after them.
fn host_names(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let dot = from + text.get(from..)?.find('.')?;
        let start = bytes[..dot]
            .iter()
            .rposition(|&b| !is_host_byte(b))
            .map_or(0, |i| i + 1)
            .max(from);
        let end = bytes[dot..]
            .iter()
            .position(|&b| !is_host_byte(b))
            .map_or(bytes.len(), |i| dot + i);
        from = end.max(dot + 1);
        // Only ASCII bytes were taken, so both ends are character boundaries.
        let run = text[start..end].trim_matches('.');
        if run.contains('.') {
            return Some(run);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_agrees_with_the_unicode_letter_table() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    fn place(outlet: Option<&str>, url: Option<&str>, text: &str) -> Placement {
        Classifier::embedded().classify(&Evidence { outlet, url, text })
    }

    #[test]
    fn embedded_rules_load_in_order_with_other_last() {
        let ids: Vec<&str> = Classifier::embedded()
            .perspectives
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, vec!["korean", "japanese", "wire", "other"]);
    }

    #[test]
    fn domain_in_text_places_the_article() {
        let p = place(
            None,
            None,
            "Please direct questions to [english@hani.co.kr]",
        );
        assert_eq!(p.perspective, "korean");
        assert_eq!(p.outlet.as_deref(), Some("Hankyoreh"));
        assert!(p.reason.contains("hani.co.kr"), "{}", p.reason);
    }

    #[test]
    fn domain_must_be_a_whole_host() {
        assert_eq!(
            place(None, None, "see notkbs.co.krx.com").perspective,
            "other"
        );
        assert_eq!(
            place(None, Some("https://www.reuters.com/world/x"), "").perspective,
            "wire"
        );
        assert_eq!(
            place(None, None, "at japannews.yomiuri.co.jp.").perspective,
            "japanese"
        );
        // A subdomain, in capitals, glued to a path or an address; never glued to a word.
        for text in [
            "(EN.YNA.CO.KR)",
            "mail desk@yna.co.kr",
            "//m.yna.co.kr/view/A1.html",
        ] {
            assert_eq!(place(None, None, text).perspective, "korean", "{text}");
        }
        for text in [
            "notyna.co.kr",
            "yna.co.kr-mirror.example",
            "yna.co.kr.evil.example",
        ] {
            assert_eq!(place(None, None, text).perspective, "other", "{text}");
        }
    }

    #[test]
    fn cues_read_from_the_shared_pass_equal_cues_read_alone() {
        let c = Classifier::embedded();
        let texts = [
            "SEOUL, Oct. 28 -- Exports rose 3 trillion won. Times are KST.",
            "Note\nKorea-US talks resumed, 한미 officials said.",
            "Korea-US talks resumed at the start of the text.",
            "東京 — 日米首脳会談で国会の日程が決まった。円安が進んだ。",
            "TOKYO, Oct. 28 -- The Diet met at 10:00 JST, Oct 28.",
            "김민수 기자\n정부는 발표했다.",
            "Nothing here at all.",
        ];
        for text in texts {
            let hits = c.signature_set.matches(text);
            let shared = cues::read_with(text, |i| hits.matched(c.cue_start + i));
            assert_eq!(shared, cues::read(text), "{text}");
        }
    }

    #[test]
    fn host_names_are_the_dotted_runs_without_sentence_stops() {
        let found: Vec<&str> =
            host_names("Read yna.co.kr. Or e.g. 한국.kr and x..y, ...").collect();
        assert_eq!(found, vec!["yna.co.kr", "e.g", "x..y"]);
        assert_eq!(
            host_of_domain(" https://WWW.Example.com/news "),
            "www.example.com"
        );
    }

    #[test]
    fn agency_marks_in_capitals_and_older_datelines_are_signatures() {
        let p = place(
            None,
            None,
            "Officials met on Friday.\nThe talks go on next week.\n© KYODO",
        );
        assert_eq!(p.outlet.as_deref(), Some("Kyodo News"), "{}", p.reason);
        let p = place(
            None,
            None,
            "Kyodo news summary\n\nTOKYO, Oct. 6 Kyodo\n\nA fire broke out.",
        );
        assert_eq!(p.outlet.as_deref(), Some("Kyodo News"), "{}", p.reason);
        // The agency's name inside a sentence is not its dateline.
        let p = place(
            None,
            None,
            "Reporters in TOKYO, Oct. 6 quoted a Kyodo report.",
        );
        assert_eq!(p.perspective, "other", "{}", p.reason);
    }

    #[test]
    fn yonhap_japanese_service_is_korean_copy_despite_the_kana() {
        let p = place(
            None,
            None,
            "【ソウル聯合ニュース】韓国の外交部長官は21日、東京で会談した。",
        );
        assert_eq!(
            (p.perspective.as_str(), p.outlet.as_deref()),
            ("korean", Some("Yonhap News Agency")),
            "{}",
            p.reason
        );
        let p = place(
            None,
            None,
            "SEOUL, August 26 (AJP) - President Lee met Trump in Washington.",
        );
        assert_eq!(
            p.outlet.as_deref(),
            Some("Aju Business Daily"),
            "{}",
            p.reason
        );
        assert_eq!(p.perspective, "korean");
    }

    #[test]
    fn signatures_and_names() {
        assert_eq!(
            place(
                None,
                None,
                "text\n(From The Yomiuri Shimbun, Oct. 29, 2025)"
            )
            .perspective,
            "japanese"
        );
        assert_eq!(
            place(None, None, "SEOUL, Oct. 29 (Yonhap) -- South Korea said").perspective,
            "korean"
        );
        assert_eq!(
            place(Some("Kyodo"), None, "").outlet.as_deref(),
            Some("Kyodo News")
        );
    }

    #[test]
    fn mentions_and_photo_credits_do_not_place_an_article() {
        let text =
            "Leaders meet in Tokyo. (Reuters/Yonhap)\nFollow the Associated Press and Reuters.";
        let p = place(None, None, text);
        assert_eq!(p.perspective, "other");
        assert!(p.reason.starts_with("no rule matched"));
    }

    fn embedded_with(config: &str) -> Result<Classifier, String> {
        let config = crate::config::parse(std::path::Path::new("c.toml"), config)?;
        let perspectives =
            config.perspectives_toml(include_str!("../../assets/perspectives.toml"))?;
        Classifier::build(&perspectives, SOURCES, &config.outlets)
    }

    #[test]
    fn the_source_table_has_three_hundred_outlets_beyond_the_defaults() {
        let counts = Classifier::embedded().outlet_counts();
        let total: usize = counts.values().sum();
        assert!(total >= 300, "{counts:?}");
        assert!(counts["korean"] >= 80, "{counts:?}");
        assert!(counts["japanese"] >= 70, "{counts:?}");
        assert!(counts["wire"] >= 50, "{counts:?}");
    }

    #[test]
    fn a_table_domain_a_mobile_domain_and_a_native_name() {
        let p = place(None, Some("https://m.yna.co.kr/view/AKR2025"), "");
        assert_eq!((p.perspective.as_str(), p.source), ("korean", Source::Rule));
        assert!(p.confidence > 0.9);
        assert_eq!(place(Some("読売新聞"), None, "").perspective, "japanese");
        assert_eq!(
            place(Some("연합뉴스"), None, "").outlet.as_deref(),
            Some("Yonhap News Agency")
        );
        assert_eq!(
            place(None, Some("https://www.nishinippon.co.jp/item/1"), "").perspective,
            "japanese"
        );
    }

    #[test]
    fn a_masthead_line_in_either_script() {
        let p = place(
            None,
            None,
            "조선일보\nLee meets Trump\nThe two leaders met.",
        );
        assert_eq!(p.outlet.as_deref(), Some("The Chosun Ilbo"));
        assert!(p.reason.contains("masthead \"조선일보\""), "{}", p.reason);
        let p = place(
            None,
            None,
            "NHK WORLD-JAPAN News\nTakaichi meets Trump\nThey met.",
        );
        assert_eq!(p.perspective, "japanese");
        // A name inside a sentence is a mention, not a masthead.
        assert_eq!(
            place(
                None,
                None,
                "조선일보 보도에 따르면 회담이 열렸다 and more words here to pass"
            )
            .outlet,
            None
        );
    }

    #[test]
    fn agency_credits_datelines_and_copyright_marks() {
        let p = place(None, None, "TOKYO, Oct. 28 (Kyodo) -- Japan said");
        assert_eq!(p.outlet.as_deref(), Some("Kyodo News"));
        assert_eq!(
            place(None, None, "本文。\n©共同通信").outlet.as_deref(),
            Some("Kyodo News")
        );
        assert_eq!(
            place(None, None, "Text.\n(c) Yonhap News").perspective,
            "korean"
        );
        assert_eq!(
            place(None, None, "AFP-JIJI\nTrump spoke.")
                .outlet
                .as_deref(),
            Some("Agence France-Presse")
        );
    }

    #[test]
    fn full_month_datelines_wire_bylines_and_japanese_wire_datelines() {
        let outlet = |text: &str| place(None, None, text).outlet;
        // The month spelt out, and the dateline indented as pages pasted from a browser are.
        assert_eq!(
            outlet("  SEOUL, September 27 (Reuters) - South Korea's exports rose.").as_deref(),
            Some("Reuters")
        );
        // Reuters' Japanese service: the kana around it do not make it Japanese copy.
        let japanese_reuters =
            "[東京 19日 ロイター] - 日経平均は続落した。市場では円高を嫌気した売りが出た。";
        let p = place(None, None, japanese_reuters);
        assert_eq!(
            (p.outlet.as_deref(), p.perspective.as_str()),
            (Some("Reuters"), "wire")
        );
        assert_eq!(
            outlet("（ブルームバーグ）：日本銀行は金利を据え置いた。").as_deref(),
            Some("Bloomberg")
        );
        // A credit shared with a partner network or the host, either side of the slash.
        assert_eq!(
            outlet("TOKYO (The Japan News/ANN) - The Cabinet approved").as_deref(),
            Some("The Yomiuri Shimbun")
        );
        assert_eq!(
            outlet("Tokio (d.de/dpa) - Die Regierung hat").as_deref(),
            Some("Deutsche Presse-Agentur")
        );
        // An AP byline on its own line, in capitals as AP sets it, with or without "The".
        for byline in [
            "By MARI YAMAGUCHI Associated Press",
            "By Kim Tong-hyung, The Associated Press",
        ] {
            let text = format!("Japan election\n{byline}\nTOKYO — Voters went to the polls.");
            assert_eq!(
                outlet(&text).as_deref(),
                Some("Associated Press"),
                "{byline}"
            );
        }
        // A sentence that merely names AP is not its byline.
        assert_eq!(
            place(
                None,
                None,
                "By then, officials had told The Associated Press\nmore."
            )
            .outlet,
            None
        );
    }

    #[test]
    fn word_boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(
            ascii_word_boundaries(r"\(c\) ?AFP\b"),
            r"\(c\) ?AFP(?-u:\b)"
        );
        assert_eq!(
            ascii_word_boundaries(r"a\\b"),
            r"a\\b",
            "an escaped backslash then b"
        );
        // Still a boundary next to Hangul and punctuation.
        let re = regex::Regex::new(&ascii_word_boundaries(r"\bAFP\b")).expect("valid");
        assert!(re.is_match("사진=AFP 연합뉴스"));
        assert!(!re.is_match("XAFPX"));
    }

    #[test]
    fn an_agency_photo_credit_does_not_make_the_article_its_copy() {
        // A Korean daily's own story with an AFP picture: its caption ends in the credit.
        let text = "Japanese Prime Minister Sanae Takaichi and US President Donald Trump shake hands at the Akasaka Palace in Tokyo on Oct. 28. (c)AFP\nThe summit showed how far Tokyo will go.\nPlease direct questions to [english@joongang.co.kr]";
        let p = place(
            None,
            Some("https://koreajoongangdaily.joins.com/news/x"),
            text,
        );
        assert_eq!(p.perspective, "korean", "{}", p.reason);
        assert!(!p.reason.contains("AFP"), "{}", p.reason);
        // A credit line that says photo, with no host: no placement from it at all.
        let p = place(None, None, "Leaders met.\nPhoto: © AFP\nTalks went on.");
        assert_eq!(p.perspective, "other", "{}", p.reason);
        // AFP's own copy on the same host, its mark alone on the last line, is still Wire.
        let p = place(
            None,
            Some("https://koreajoongangdaily.joins.com/news/x"),
            "Takaichi and Trump met in Tokyo.\n(c) AFP",
        );
        assert_eq!(p.perspective, "wire", "{}", p.reason);
        assert!(
            p.reason.contains("Agence France-Presse copy"),
            "{}",
            p.reason
        );
        let p = place(
            None,
            None,
            "Text.\n© Copyright 2025 The Associated Press. All rights reserved.",
        );
        assert_eq!(
            p.outlet.as_deref(),
            Some("Associated Press"),
            "{}",
            p.reason
        );
    }

    #[test]
    fn who_wrote_it_beats_who_hosts_it() {
        let p = place(
            None,
            Some("https://japantoday.com/category/politics/x"),
            "TOKYO (AP) — President Trump praised Takaichi.",
        );
        assert_eq!(p.perspective, "wire");
        assert_eq!(p.outlet.as_deref(), Some("Associated Press"));
        assert!(
            p.reason.contains(
                "Associated Press copy (signature \"TOKYO (AP)\"), hosted by japantoday.com"
            ),
            "{}",
            p.reason
        );
        // A Yonhap story in a Korean daily stays Korean, and says so.
        let p = place(
            None,
            Some("https://www.koreatimes.co.kr/x"),
            "SEOUL, Oct. 29 (Yonhap) -- Talks.",
        );
        assert_eq!(p.perspective, "korean");
        assert!(
            p.reason.contains("hosted by koreatimes.co.kr"),
            "{}",
            p.reason
        );
    }

    #[test]
    fn a_confident_wrong_cue_loses_to_an_outlet_rule() {
        // Hangul, KST and a Seoul dateline all say Korean; the URL says Reuters.
        let text = "SEOUL, Oct 29 — 회담은 오후 7시(KST)에 열렸다. 한국 정부는 환영했다.";
        assert!(crate::ingest::cues::read(text).is_some_and(|v| v.places()));
        let p = place(
            None,
            Some("https://www.reuters.com/world/asia-pacific/x"),
            text,
        );
        assert_eq!((p.perspective.as_str(), p.source), ("wire", Source::Rule));
    }

    #[test]
    fn cues_place_only_without_an_outlet_and_the_best_guess_is_shown() {
        let p = place(None, None, "高市首相は28日、トランプ大統領と会談した。");
        assert_eq!(
            (p.perspective.as_str(), p.source),
            ("japanese", Source::Cue)
        );
        assert!(p.reason.contains("kana"), "{}", p.reason);
        let p = place(None, None, "The meeting began at 10am JST in the capital.");
        assert_eq!((p.perspective.as_str(), p.source), ("other", Source::None));
        assert!(p.reason.contains("cues lean japanese"), "{}", p.reason);
        assert!(p.reason.contains("JST +1.5"), "{}", p.reason);
    }

    #[test]
    fn config_assigns_an_outlet_and_rejects_unknown_perspectives() {
        let classifier = embedded_with("[outlets]\n\"Kyodo\" = \"wire\"\n").expect("valid");
        let p = classifier.classify(&Evidence {
            outlet: None,
            url: Some("https://english.kyodonews.net/news/1"),
            text: "",
        });
        assert_eq!(p.perspective, "wire");
        let err = embedded_with("[outlets]\n\"Kyodo News\" = \"wires\"\n")
            .err()
            .unwrap_or_default();
        assert!(err.contains("unknown perspective \"wires\""), "{err}");
        assert!(err.contains("korean, japanese, wire"), "{err}");
        let err = embedded_with("[outlets]\n\"No Such Paper\" = \"wire\"\n")
            .err()
            .unwrap_or_default();
        assert!(err.contains("not in the source table"), "{err}");
    }

    #[test]
    fn a_finer_perspective_takes_effect_only_when_configured() {
        let url = Some("https://www.globaltimes.cn/page/1.shtml");
        assert_eq!(place(None, url, "").perspective, "other");
        let classifier = embedded_with(
            "[[perspective]]\nid = \"chinese\"\nlabel = \"Chinese\"\ncolor = \"#ffaf00\"\n",
        )
        .expect("valid");
        let p = classifier.classify(&Evidence {
            outlet: None,
            url,
            text: "",
        });
        assert_eq!(p.perspective, "chinese");
    }

    /// The outlet a text alone (no URL, no declared outlet) is credited to.
    fn writer_of(text: &str) -> Option<String> {
        let p = place(None, None, text);
        assert!(
            p.outlet.is_some() || p.perspective == "other",
            "{}",
            p.reason
        );
        p.outlet
    }

    #[test]
    fn wire_sign_offs_source_lines_scoops_and_names_without_the() {
        // Reuters' sign-off line and Bloomberg's contact lines name the writer.
        let reuters = writer_of("TOKYO, Sept 2 Stocks rose.\n(Editing by Jane Roe)");
        assert_eq!(reuters.as_deref(), Some("Reuters"));
        let bloomberg =
            writer_of("The yen fell.\nTo contact the reporter on this story: A B in Tokyo");
        assert_eq!(bloomberg.as_deref(), Some("Bloomberg"));
        // A reporter's address at bloomberg.net is Bloomberg's domain in the text.
        let p = place(
            None,
            None,
            "Bonds slid.\nReach the desk at desk1@bloomberg.net",
        );
        assert_eq!(p.perspective, "wire", "{}", p.reason);
        // "Jiji Press learned": the agency's own scoop, even on a Japanese daily's page.
        let jiji = writer_of("Police are testing drone nets, Jiji Press learned Wednesday.");
        assert_eq!(jiji.as_deref(), Some("Jiji Press"));
        // A source line credits the writer, in either script; the host is named too.
        let text = "Nikkei -- Jan 17\nThe bank may act.\nNews source: Nikkei";
        let p = place(None, None, text);
        assert_eq!(p.perspective, "japanese", "{}", p.reason);
        let p = place(None, Some("https://www.straitstimes.com/asia/x"), text);
        assert_eq!(p.perspective, "japanese", "{}", p.reason);
        assert!(p.reason.contains("hosted by"), "{}", p.reason);
        let yonhap = writer_of("정부가 발표했다.\n출처: 연합뉴스");
        assert_eq!(yonhap.as_deref(), Some("Yonhap News Agency"));
        // A source line naming no outlet, or inside a sentence, places nothing.
        assert_eq!(writer_of("Prices rose.\nSource: Bank of Japan"), None);
        assert_eq!(
            writer_of("Our source: Nikkei reported a merger. Shares rose."),
            None
        );
        // A masthead without its "The"; a generic remainder ("Japan News") is not a name.
        let bizwire = writer_of("Korea Bizwire\nSEOUL, Oct. 1 -- Exports rose.");
        assert_eq!(bizwire.as_deref(), Some("The Korea Bizwire"));
        assert_eq!(without_leading_the("the japan news"), None);
        assert_eq!(
            without_leading_the("the asahi shimbun").as_deref(),
            Some("asahi shimbun")
        );
    }

    #[test]
    fn partner_credits_agency_stamps_and_lone_credit_lines() {
        // A credit shared with a partner by a hyphen: either agency makes it wire copy.
        let ansa = writer_of("ROME, Sept 3 (ANSA-AFP) - Talks resumed in Seoul.");
        assert!(
            matches!(
                ansa.as_deref(),
                Some("Agenzia Nazionale Stampa Associata" | "Agence France-Presse")
            ),
            "{ansa:?}"
        );
        let dpa = writer_of("SEOUL (dpa-AFX) - Samsung shares rose on Monday.");
        assert_eq!(dpa.as_deref(), Some("Deutsche Presse-Agentur"));
        // A hyphenated place in brackets is no credit.
        assert_eq!(
            writer_of("Leaders met (South Korea-Japan) - talks went on."),
            None
        );
        // AFPBB's stamp in Japanese brackets, with or without a date in it.
        let afp = writer_of("【9月9日 AFP】北朝鮮は建国記念日を迎えた。");
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        // Reuters' sign-off in brackets names its reporters on a line of its own.
        let reuters = writer_of("Tokyo shares fell.\n(Reporting by Jane Roe; Editing by Sam Poe)");
        assert_eq!(reuters.as_deref(), Some("Reuters"));
        let reuters = writer_of("Tokyo shares fell.\n(Additional reporting by Jane Roe in Seoul)");
        assert_eq!(reuters.as_deref(), Some("Reuters"));
        // A whole line crediting the writer with "From" or "By".
        let ap = writer_of("North Korea fired a missile.\nFrom Associated Press");
        assert_eq!(ap.as_deref(), Some("Associated Press"));
        let kyodo = writer_of("By Kyodo\nThe Diet passed the budget.");
        assert_eq!(kyodo.as_deref(), Some("Kyodo News"));
        // EFE signs a story's last sentence with its name, perhaps with the desk's initials.
        let efe = writer_of("TOKIO. Japón votó.\nAñadió que firmarán «este año». EFE\nOtra nota.");
        assert_eq!(efe.as_deref(), Some("Agencia EFE"));
        let efe = writer_of("Japón votó el domingo. EFE jm/sb");
        assert_eq!(efe.as_deref(), Some("Agencia EFE"));
        // The Hankyoreh English edition's date stamp; a byline in capitals without a role.
        let hani = writer_of(
            "Posted on : Oct.9,2006 22:23 KST Modified on : Oct.10,2006 10:02 KST\nAid was halted.",
        );
        assert_eq!(hani.as_deref(), Some("Hankyoreh"));
        let jt =
            writer_of("Featured article TOMOHIRO OSAKI, THE JAPAN TIMES Among the effects of it.");
        assert_eq!(jt.as_deref(), Some("The Japan Times"));
        // A "from"/"by" line naming something else, or a sentence, credits nothing.
        assert_eq!(writer_of("Greetings\nFrom Seoul\nThe summit opened."), None);
        assert_eq!(
            writer_of("The report was written by Reuters reporters in Tokyo.\nShares fell."),
            None
        );
    }

    #[test]
    fn copyright_holders_bureau_lines_closing_dashes_and_uncredited_reuters_datelines() {
        // A copyright line naming the agency in full, with a year before or after the name.
        let afp = writer_of("Japan's economy shrank.\nCopyright Agence France-Presse, 2007");
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        let jt = writer_of("Rates held.\n© 2024 The Japan Times. All rights reserved.");
        assert_eq!(jt.as_deref(), Some("The Japan Times"));
        // After a sentence of rights in another language; not after a caption.
        let afp = writer_of("Kim ira à Séoul.\nTous droits de reproduction et de représentation réservés. © 2018 - Agence France-Presse.");
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        assert_eq!(
            copyright_holder(
                "The prime minister speaks at a news conference in Tokyo. © 2025 Kyodo News"
            ),
            None
        );
        // A tag page's teaser line, a date-first dateline, KBS World's stamp.
        let afp = writer_of(
            "Seoul, South Korea | AFP | North Korean leader Kim Jong Un has not been seen.",
        );
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        let nikkei = writer_of(
            "Suganomics\n\nSep 18 (Nikkei) - Japanese Prime Minister Yoshihide Suga met ministers.",
        );
        assert_eq!(nikkei.as_deref(), Some("Nikkei Asia"));
        let kbs = writer_of("Economy\nShares Touch 1.5 Mln\nWritten: 2016-07-11 15:56:50Updated: 2016-07-12 09:16:16\nSamsung shares rose.");
        assert_eq!(kbs.as_deref(), Some("KBS"));
        // The year is cut only when it stands apart: "News1" keeps its 1.
        assert_eq!(copyright_holder("Copyright News1"), Some("News1"));
        assert_eq!(copyright_holder("Copyrighted material"), None);
        // Taipei Times prints wire credits with the bureau in capitals under the headline.
        let afp = writer_of("Samsung profit surges\n\nAFP, SEOUL\n\nSamsung reported on Friday.");
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        // In a sentence the same words credit nothing.
        assert_eq!(
            writer_of("Reporters from AFP, Seoul bureau, said so."),
            None
        );
        // A dash and the agency after the last sentence of the last paragraph.
        let ap = writer_of(
            "Exports fell.\n\"The recession could be more than just technical, and worse,\" he said. -AP",
        );
        assert_eq!(ap.as_deref(), Some("Associated Press"));
        // dpa with its editor's initials on the last line.
        let dpa = writer_of("Ein schweres Erdbeben hat Tokio erschüttert.\ndpa/jp");
        assert_eq!(dpa.as_deref(), Some("Deutsche Presse-Agentur"));
        // Reuters' dateline when a feed stripped its "(Reuters)": month abbreviated without
        // a full stop; other agencies write "Nov. 27".
        let reuters =
            writer_of("TOKYO Nov 27 Toyota Motor Corp said on\nThursday it would recall.");
        assert_eq!(reuters.as_deref(), Some("Reuters"));
        assert_eq!(
            writer_of("TOKYO, Nov. 27 Toyota said it would recall."),
            None
        );
        // Dong-A's English edition stamps a full month name with a full stop after it.
        let donga =
            writer_of("Al-Jazeera's Seoul bureau\n\nPosted January. 04, 2011 11:37,\n\nText.");
        assert_eq!(donga.as_deref(), Some("The Dong-A Ilbo"));
        assert_eq!(writer_of("Posted January 04, 2011 11:37\nText."), None);
        // A bracketed credit closes a last paragraph of any length.
        let long = "Das Erdbeben ereignete sich im Pazifik, rund tausend Kilometer südlich der Hauptstadt Tokio. ".repeat(6);
        let afp = writer_of(&format!("Tsunami-Alarm in Japan\n{long}(AFP)"));
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        // The Straits Times signs wire copy with the agency in capitals after the last sentence;
        // under a photo's caption the same credit is the picture's.
        let reuters = writer_of(
            "North Korea fires missile\nSouth Korean and American forces are conducting 11-day joint military drills. REUTERS",
        );
        assert_eq!(reuters.as_deref(), Some("Reuters"));
        assert_eq!(
            writer_of("Missile test\nA man walks past a screen showing the launch at a station in Seoul. REUTERS"),
            None
        );
        // A broadcast reporter's sign-off, after the last sentence or on a line of its own.
        let arirang = writer_of(
            "Green Book\nThe ministry said that downside pressure on the economy persists for now. Park Jun-han, Arirang News.",
        );
        assert_eq!(arirang.as_deref(), Some("Arirang"));
        let arirang = writer_of("Green Book\nThe ministry spoke.\nPark Jun-han, Arirang News.");
        assert_eq!(arirang.as_deref(), Some("Arirang"));
        assert_eq!(
            writer_of(
                "Talks\nThe ministers met again in the capital on Friday. Seoul, South Korea."
            ),
            None
        );
        // Korean dailies' Japanese editions: a headline stamp, a credit after the time stamp.
        let chosun =
            writer_of("【朝鮮日報】訪韓の河野外相が帰国\n南北の首脳会談を前に外相が訪れた。");
        assert_eq!(chosun.as_deref(), Some("The Chosun Ilbo"));
        let joongang = writer_of("気象衛星が復旧\n韓国航空宇宙研究院が発表した。\n2018年02月15日08時17分 [中央日報日本語版]");
        // (The source table's JoongAng shares 중앙일보 with perspectives.toml's entry, which
        // comes first and takes the merged names.)
        assert_eq!(joongang.as_deref(), Some("Korea JoongAng Daily"));
        // A digest's credit field after a bullet and an empty field.
        let kyodo = writer_of("Japan concerned with slowing China economy\n  • July 23, 2019\n  • , Kyodo News , 10:36 a.m.\nTOKYO – Japan is on the lookout.");
        assert_eq!(kyodo.as_deref(), Some("Kyodo News"));
        // Mainichi credits its own photographers in brackets.
        let mainichi =
            writer_of("Tanks at the plant. (Mainichi/Koichiro Tezuka)\nFishermen spoke.");
        assert_eq!(mainichi.as_deref(), Some("The Mainichi"));
    }

    #[test]
    fn mentions_photo_credits_and_lists_that_look_like_closing_credits_name_no_writer() {
        // Each of these once named a writer (found in review of the closing-credit rules).
        let none = |text: &str| {
            // (Cues may still place it: no outlet is named.)
            assert_eq!(place(None, None, text).outlet, None, "{text}");
        };
        // A photographer's credit and a caption's subject are no broadcast sign-off.
        none("Profit rose in the third quarter, the company said on Friday.\n\nPhoto: Kim Hong-ji, Reuters.");
        none("The parade was held to mark the party's anniversary next year. Leader Kim Jong Un, KCNA.");
        // A headline in capitals reporting what an outlet said; a photo's credit in capitals.
        none("NORTH KOREA FIRES MISSILE, YONHAP SAYS\nThe launch came at dawn.");
        none("QUAKE JOLTS NORTHEASTERN JAPAN, NHK REPORTED\nNo damage was reported.");
        none("Talks resumed.\nPHOTO: JUNG YEON-JE, AFP\nThe envoys met in Seoul.");
        // Other agencies' datelines that lost their full stop are not Reuters'.
        assert_eq!(
            writer_of("TOKYO, Oct 6 Kyodo").as_deref(),
            Some("Kyodo News")
        );
        assert_eq!(
            writer_of("BEIJING, Dec 7 Xinhua").as_deref(),
            Some("Xinhua")
        );
        // A quotation attributed after a dash; a caption of several people; a photo's "/file".
        none("Markets\n\"Japan is back, and its stock market is the best performer in Asia this year.\" — The Economist");
        none(
            "Rally\nProtesters hold placards during a rally in central Seoul on Saturday. REUTERS",
        );
        none("Shares fell for a third day in a row, as exporters slid on the stronger yen.\nAFP/file");
        // A reference list's date before a bracketed name; a press review's 【…】 further down.
        none("Further reading\n2024-03-01 (Reuters)");
        none("今日の各紙\n日本の新聞は首相の発言を報じた。\n韓国の新聞も取り上げた。\n【朝鮮日報】社説で首相を批判した。");
        // A paper's related-stories heading; a bulleted list of sources.
        none("The summit ended.\nFrom The Japan Times\nMore stories here.");
        none("Sources:\n• Reuters\n• The Guardian\nThanks for reading.");
    }

    #[test]
    fn a_text_naming_its_maker_in_words() {
        // A digest's opening line names the agency whose stories it gathers.
        let yonhap = writer_of(
            "Yonhap News Summary\nThe following is the first summary of major stories moved by Yonhap News Agency on Wednesday.\nBEIJING -- Envoys met.",
        );
        assert_eq!(yonhap.as_deref(), Some("Yonhap News Agency"));
        let kyodo = writer_of(
            "TOKYO – The following is the most recent compilation of selected news summaries from Kyodo News.\n———-\nTOKYO – The prime minister spoke.",
        );
        assert_eq!(kyodo.as_deref(), Some("Kyodo News"));
        // A broadcast's greeting; a byline naming the paper; an item's lone sign-off.
        let nhk = writer_of("at 18:00, May 31\nWelcome to NHK Newsline. I'm Ramin Mellegard in Tokyo.\nRice hits shelves.");
        assert_eq!(nhk.as_deref(), Some("NHK"));
        let p = place(
            None,
            None,
            "Yen rises\nAKIRA INUJIMA, Nikkei staff writer | Japan\nTOKYO -- The yen rose.",
        );
        assert_eq!(p.perspective, "japanese", "{}", p.reason);
        assert!(p.reason.contains("self-reference"), "{}", p.reason);
        let nhk = writer_of("Police arrested a man in Tokyo.\n(NHK)\nApr 30\nTrump spoke.\n(NHK)");
        assert_eq!(nhk.as_deref(), Some("NHK"));
        // Its own kind of story flagged in the headline.
        let yonhap = writer_of(
            "(Yonhap Interview) Ukraine vice speaker says war goes on\nSEOUL -- He spoke.",
        );
        assert_eq!(yonhap.as_deref(), Some("Yonhap News Agency"));
        // A mention is not a self-reference: a wire story citing Kyodo, a lone unknown bracket.
        assert_eq!(
            writer_of("The minister resigned, according to Kyodo News.\n(END)"),
            None
        );
        let p = place(
            None,
            None,
            "SEOUL (AP) — Talks began.\nWelcome to Yonhap's report, he said.",
        );
        assert_eq!(
            p.outlet.as_deref(),
            Some("Associated Press"),
            "{}",
            p.reason
        );
        // Who wrote it still beats who hosts it, and the reason says which evidence.
        let p = place(
            None,
            Some("https://www.straitstimes.com/asia/x"),
            "(Yonhap Interview) Talks\nSEOUL -- He spoke.",
        );
        assert_eq!(p.perspective, "korean", "{}", p.reason);
        assert!(p.reason.contains("hosted by"), "{}", p.reason);
    }

    #[test]
    fn mastheads_with_a_place_a_date_or_a_product_word() {
        // An author page's heading: the agency and its bureau.
        let afp =
            writer_of("Agence France-Presse in Tokyo\n\nJapan's prime minister plans an election.");
        assert_eq!(afp.as_deref(), Some("Agence France-Presse"));
        // A feed's credit line: name, date, section.
        let kbs = writer_of("Commercial Act passes\nThe bill passed.\nKBS WORLD Radio Mon, 25 Aug 2025 11:28:21 +0900 Politics\n");
        assert_eq!(kbs.as_deref(), Some("KBS World Radio"));
        // A relative time stamp, glued to the name as pages are copied.
        let yomiuri = writer_of(
            "Ishiba vows help\n\nYomiuri Shimbun8 hours ago\nPrime Minister Shigeru Ishiba said.",
        );
        assert_eq!(yomiuri.as_deref(), Some("The Yomiuri Shimbun"));
        // A sentence starting with a name is not a masthead, with or without a date.
        assert_eq!(
            writer_of("Kyodo News reported on Monday that talks ended."),
            None
        );
        assert_eq!(
            writer_of("Reuters on Oct. 3 reported that talks ended in Seoul."),
            None
        );
        assert_eq!(
            writer_of("NHK reporters in Seoul 3 hours ago said the talks ended."),
            None
        );
    }

    #[test]
    fn a_mark_ending_a_paragraph_signs_the_copy_and_a_caption_mark_does_not() {
        let text = "Evacuees left Iran.\nA total of 87 Japanese nationals have evacuated. The evacuees arrived by bus. None had health issues. Around 220 remained in Iran, according to the ministry. © KYODO";
        assert_eq!(writer_of(text).as_deref(), Some("Kyodo News"));
        // A caption's two sentences before the mark: still a photo credit.
        let caption = "Leaders meet in Tokyo on Oct. 28. They shook hands at the palace. (c)AFP\nThe summit showed how far Tokyo will go.";
        assert_eq!(writer_of(caption), None);
        assert_eq!(sentence_ends("He said. The U.S. and Oct. 28. Then. So"), 2);
    }
}
