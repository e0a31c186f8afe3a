//! Figures: money amounts, percentages, quantities with units and dates, read from text and
//! normalised so that different spellings of one figure meet ("US$550 billion" = "$550
//! billion", "15 percent" = "15%", "2 percent of gross domestic product" = "2% of GDP"; yen
//! stay yen). Each figure is tied to what it measures (a tariff, an investment, defence
//! spending …) from the words of its sentence, so that a story's figures can be grouped and
//! the places where outlets give the same quantity different values found.

use super::figure_identity::{self, Identity};
use super::tokens::{sentence_bounds, Lexicon};
use crate::model::Article;
use regex::{Captures, Regex};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    Money,
    Percent,
    Quantity,
    Date,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
            FigureKind::Date => "date",
        }
    }
}

/// One figure in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub kind: FigureKind,
    /// The amount in base units (dollars, percent points, minutes …); dates: the year.
    pub value: f64,
    /// Currency code ("USD", "JPY"), "%", "pp" (percentage points), a unit noun in the
    /// singular ("minute", "tree"), or "" for dates.
    pub unit: String,
    /// What a percentage is of ("GDP"), if said.
    pub qualifier: Option<String>,
    /// The canonical spelling: "$550 billion", "15%", "2% of GDP", "¥84 trillion",
    /// "40 minutes", "2025-10-28".
    pub normalized: String,
    /// The words as written.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

const MONTH: &str = r"(?P<month>January|Jan\.|February|Feb\.|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|August|Aug\.|September|Sept\.|Sep\.|October|Oct\.|November|Nov\.|December|Dec\.)";
const NUM: &str = r"(?P<num>\d[\d,]*(?:\.\d+)?)";
const SCALE: &str = r"(?:\s?(?P<scale>trillion|billion|million|thousand|tn|bn|mn)\b)?";
const PREP: &str =
    r"(?:in|since|by|until|from|through|before|after|of|on|fiscal|early|late|mid-|mid)";
const UNITS: &str = "minute|hour|day|week|month|year|decade|century|km|kilometer|kilometre|mile|\
                     meter|metre|ton|tonne|barrel|troop|soldier|people|person|ship|vessel|\
                     warship|aircraft|jet|fighter|missile|submarine|tree|nation|country|car|\
                     vehicle|job|worker|seat|vote|member|delegate";

struct Patterns {
    money_prefix: Regex,
    money_suffix: Regex,
    percent: Regex,
    date_mdy: Regex,
    date_dmy: Regex,
    date_my: Regex,
    date_month: Regex,
    year: Regex,
    decade: Regex,
    quantity: Regex,
    counted: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("figure patterns are valid regexes");
        Patterns {
            money_prefix: re(&format!(
                r"(?P<cur>US\$|U\.S\.\s?\$|\$|¥|￥|€|£|₩|\b(?:USD|JPY|KRW|EUR|GBP|CNY|RMB)\s?){NUM}{SCALE}"
            )),
            money_suffix: re(&format!(
                r"{NUM}\s?(?P<scale>trillion|billion|million|thousand)?\s(?P<cur>(?:US |U\.S\. )?dollars|yen|won|euros?|yuan|pounds)\b"
            )),
            percent: re(&format!(
                r"{NUM}\s?(?P<sign>%|percent\b|per cent\b|pct\b|percentage points?\b)(?P<qual>\s+of\s+(?:the\s+)?(?:\w+[’']s\s+)?(?:gross domestic product|GDP)\b)?"
            )),
            date_mdy: re(&format!(
                r"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?"
            )),
            date_dmy: re(&format!(
                r"\b(?P<day>\d{{1,2}})\s+{MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b"
            )),
            date_my: re(&format!(r"\b{MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b")),
            date_month: re(&format!(r"\b{PREP}\s+{MONTH}(?:\s|,|\.|$)")),
            year: re(&format!(
                r"\b(?:{PREP}|year|FY)\s+(?P<year>(?:19|20)\d{{2}})\b"
            )),
            decade: re(r"\b(?P<year>(?:19|20)\d0)s\b"),
            quantity: re(&format!(
                r"(?i)\b(?P<num>\d[\d,]*(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-](?P<unit>(?:{UNITS})s?)\b"
            )),
            // "250 cherry trees": a number, at most one modifier, then a plural noun.
            counted: re(r"\b(?P<num>\d[\d,]*)\s+(?:(?P<adj>[a-z]+)\s+)?(?P<unit>[a-z]{3,}s)\b"),
        }
    })
}

fn month_number(name: &str) -> u32 {
    let key: String = name.chars().take(3).collect();
    match key.as_str() {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        _ => 12,
    }
}

fn parse_num(text: &str) -> Option<f64> {
    if let Some(d) = super::tokens::number_word(&text.to_lowercase()) {
        return d.parse().ok();
    }
    text.replace(',', "").parse().ok()
}

fn scale_of(word: Option<&str>) -> f64 {
    match word.unwrap_or("") {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" => 1e9,
        "million" | "mn" => 1e6,
        "thousand" => 1e3,
        _ => 1.0,
    }
}

/// "550" for 550.0, "27.5" for 27.5, "1.3" for 1.3 (at most two decimals).
pub fn format_number(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// "$550 billion", "¥84 trillion", "$400".
pub fn format_money(value: f64, currency: &str) -> String {
    let symbol = match currency {
        "USD" => "$",
        "JPY" => "¥",
        "KRW" => "₩",
        "EUR" => "€",
        "GBP" => "£",
        "CNY" => "CN¥",
        other => other,
    };
    for (size, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if value >= size {
            return format!("{symbol}{} {word}", format_number(value / size));
        }
    }
    format!("{symbol}{}", format_number(value))
}

fn currency_code(text: &str) -> &'static str {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "¥" | "￥" | "jpy" | "yen" => "JPY",
        "₩" | "krw" | "won" => "KRW",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pounds" => "GBP",
        "cny" | "rmb" | "yuan" => "CNY",
        _ => "USD",
    }
}

/// What a pattern's captures make: kind, value, unit, qualifier, normalised spelling.
type Made = (FigureKind, f64, String, Option<String>, String);
type Maker<'a> = dyn Fn(&Captures) -> Option<Made> + 'a;

/// Every figure in `text`. `year` (the article's) completes dates written without one.
pub fn extract(text: &str, year: Option<i32>) -> Vec<Figure> {
    let p = patterns();
    let mut found: Vec<Figure> = Vec::new();
    let taken =
        |found: &Vec<Figure>, s: usize, e: usize| found.iter().any(|f| s < f.end && f.start < e);
    let push = |found: &mut Vec<Figure>, caps: &Captures, whole: (usize, usize), make: &Maker| {
        if taken(found, whole.0, whole.1) {
            return;
        }
        if let Some((kind, value, unit, qualifier, normalized)) = make(caps) {
            found.push(Figure {
                kind,
                value,
                unit,
                qualifier,
                normalized,
                text: text[whole.0..whole.1].to_string(),
                start: whole.0,
                end: whole.1,
            });
        }
    };
    let span = |c: &Captures| {
        let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        (m.0, m.1)
    };
    let money = |c: &Captures| {
        let num = parse_num(c.name("num")?.as_str())?;
        let value = num * scale_of(c.name("scale").map(|m| m.as_str()));
        let cur = c.name("cur")?.as_str();
        let code = if cur.contains('$') || cur.to_lowercase().contains("dollar") {
            "USD"
        } else {
            currency_code(cur)
        };
        Some((
            FigureKind::Money,
            value,
            code.to_string(),
            None,
            format_money(value, code),
        ))
    };
    let date = |c: &Captures| {
        let y = c
            .name("year")
            .and_then(|m| m.as_str().parse::<i32>().ok())
            .or(year);
        let month = c.name("month").map(|m| month_number(m.as_str()));
        let day = c.name("day").and_then(|m| m.as_str().parse::<u32>().ok());
        let normalized = match (y, month, day) {
            (Some(y), Some(m), Some(d)) if (1..=31).contains(&d) => format!("{y:04}-{m:02}-{d:02}"),
            (None, Some(m), Some(d)) if (1..=31).contains(&d) => format!("--{m:02}-{d:02}"),
            (_, _, Some(_)) => return None,
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, None) => format!("{y:04}"),
            _ => return None,
        };
        Some((
            FigureKind::Date,
            y.unwrap_or(0) as f64,
            String::new(),
            None,
            normalized,
        ))
    };
    let quantity = |c: &Captures| {
        let value = parse_num(c.name("num")?.as_str())?;
        let unit = singular(&c.name("unit")?.as_str().to_lowercase());
        let normalized = format!("{} {}", format_number(value), plural(&unit, value));
        Some((FigureKind::Quantity, value, unit, None, normalized))
    };
    // Korean and Japanese spellings (5500억 달러, ５５０億ドル) first, so the English patterns
    // do not take their bare digits.
    if super::gloss::needs_gloss(text) {
        found.extend(super::gloss::figures::extract(text, year));
    }
    // Most patterns need a digit; a text without one only has month names and spelled-out
    // counts to offer, and skipping the rest halves the cost on a large corpus.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        for c in p.date_month.captures_iter(text) {
            if let Some(m) = c.name("month") {
                push(&mut found, &c, (m.start(), m.end()), &date);
            }
        }
        for c in p.quantity.captures_iter(text) {
            push(&mut found, &c, span(&c), &quantity);
        }
        found.sort_by_key(|f| f.start);
        return found;
    }
    for re in [&p.money_prefix, &p.money_suffix] {
        for c in re.captures_iter(text) {
            push(&mut found, &c, span(&c), &money);
        }
    }
    for c in p.percent.captures_iter(text) {
        push(&mut found, &c, span(&c), &|c: &Captures| {
            let value = parse_num(c.name("num")?.as_str())?;
            let points = c.name("sign")?.as_str().starts_with("percentage");
            let qualifier = c.name("qual").map(|_| "GDP".to_string());
            let mut normalized = if points {
                format!("{} percentage points", format_number(value))
            } else {
                format!("{}%", format_number(value))
            };
            if qualifier.is_some() {
                normalized.push_str(" of GDP");
            }
            let unit = if points { "pp" } else { "%" };
            Some((
                FigureKind::Percent,
                value,
                unit.into(),
                qualifier,
                normalized,
            ))
        });
    }
    for re in [&p.date_mdy, &p.date_dmy, &p.date_my] {
        for c in re.captures_iter(text) {
            push(&mut found, &c, span(&c), &date);
        }
    }
    for c in p.date_month.captures_iter(text) {
        // Only the month name itself is the figure ("in July" → "July").
        if let Some(m) = c.name("month") {
            push(&mut found, &c, (m.start(), m.end()), &date);
        }
    }
    for c in p.year.captures_iter(text) {
        if let Some(m) = c.name("year") {
            push(&mut found, &c, (m.start(), m.end()), &date);
        }
    }
    for c in p.decade.captures_iter(text) {
        push(&mut found, &c, span(&c), &|c: &Captures| {
            let y = c.name("year")?.as_str();
            Some((
                FigureKind::Date,
                y.parse().ok()?,
                String::new(),
                None,
                format!("{y}s"),
            ))
        });
    }
    for c in p.quantity.captures_iter(text) {
        push(&mut found, &c, span(&c), &quantity);
    }
    for c in p.counted.captures_iter(text) {
        let looks_like_year = c
            .name("num")
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .is_some_and(|n| (1900..2100).contains(&n));
        let stop =
            |m: Option<regex::Match>| m.is_some_and(|m| Lexicon::embedded().is_stop(m.as_str()));
        if looks_like_year || stop(c.name("adj")) || stop(c.name("unit")) {
            continue;
        }
        push(&mut found, &c, span(&c), &|c: &Captures| {
            let value = parse_num(c.name("num")?.as_str())?;
            let noun = singular(c.name("unit")?.as_str());
            let unit = match c.name("adj") {
                Some(adj) => format!("{} {noun}", adj.as_str()),
                None => noun,
            };
            let normalized = format!("{} {}", format_number(value), plural(&unit, value));
            Some((FigureKind::Quantity, value, unit, None, normalized))
        });
    }
    found.sort_by_key(|f| f.start);
    found
}

fn singular(unit: &str) -> String {
    match unit {
        "people" | "aircraft" => unit.to_string(),
        "centuries" => "century".into(),
        u if u.ends_with("ies") && u.len() > 4 => format!("{}y", &u[..u.len() - 3]),
        u if u.ends_with('s') && !u.ends_with("ss") => u[..u.len() - 1].to_string(),
        u => u.to_string(),
    }
}

fn plural(unit: &str, value: f64) -> String {
    if value == 1.0 || matches!(unit, "people" | "aircraft" | "km") {
        return unit.to_string();
    }
    match unit {
        "century" => "centuries".into(),
        "country" => "countries".into(),
        u => format!("{u}s"),
    }
}

/// What a figure measures, from the words of its sentence nearest to it.
pub fn measure_of(text: &str, figure: &Figure) -> String {
    if figure.kind == FigureKind::Date {
        return "date".into();
    }
    if figure.qualifier.as_deref() == Some("GDP") {
        let sentence = sentence_around(text, figure.start);
        let terms = Lexicon::embedded().terms(sentence);
        let defense = terms
            .iter()
            .any(|t| matches!(t.key.as_str(), "defens" | "militari"));
        return if defense {
            "defense spending".into()
        } else {
            "share of GDP".into()
        };
    }
    // (label, any of these stems, and, if given, one of these too)
    const MEASURES: &[(&str, &[&str], &[&str])] = &[
        (
            "defense spending",
            &["defens", "militari"],
            &["spend", "budget", "expenditur"],
        ),
        ("tariff", &["tariff", "levi", "duti"], &[]),
        ("investment", &["invest"], &[]),
        ("debt", &["debt", "treasuri"], &[]),
        ("purchases", &["purchas", "import", "order"], &[]),
        ("trade", &["trade", "export"], &[]),
        ("growth", &["growth", "grow"], &[]),
        ("inflation", &["inflat", "price"], &[]),
    ];
    let sentence_start = sentence_start(text, figure.start);
    let sentence = sentence_around(text, figure.start);
    let terms = Lexicon::embedded().terms(sentence);
    let distance = |start: usize| {
        let at = sentence_start + start;
        at.abs_diff(figure.start).min(at.abs_diff(figure.end))
    };
    let mut best: Option<(usize, &str)> = None;
    for (label, any, also) in MEASURES {
        let present = |keys: &[&str]| {
            terms
                .iter()
                .filter(|t| keys.contains(&t.key.as_str()))
                .map(|t| distance(t.start))
                .min()
        };
        let Some(d) = present(any) else { continue };
        if !also.is_empty() && present(also).is_none() {
            continue;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, label));
        }
    }
    match (best, figure.kind) {
        (Some((_, label)), _) => label.to_string(),
        (None, FigureKind::Quantity) => figure.unit.clone(),
        (None, FigureKind::Money) => "amount".into(),
        (None, _) => "rate".into(),
    }
}

fn sentence_start(text: &str, at: usize) -> usize {
    sentence_bounds(text)
        .into_iter()
        .find(|&(s, e)| s <= at && at < e)
        .map_or(0, |(s, _)| s)
}

fn sentence_around(text: &str, at: usize) -> &str {
    sentence_bounds(text)
        .into_iter()
        .find(|&(s, e)| s <= at && at < e)
        .map_or(text, |(s, e)| &text[s..e])
}

/// Where one figure is stated: which article and block, in what words, in what sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Corpus index of the article.
    pub article: usize,
    pub article_id: String,
    pub perspective: String,
    pub block: usize,
    /// The figure as written ("US$550 billion").
    pub text: String,
    /// The sentence around it.
    pub sentence: String,
}

/// One value of a measure and everyone who states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureValue {
    pub normalized: String,
    pub value: f64,
    pub mentions: Vec<Mention>,
}

impl FigureValue {
    /// Distinct perspectives that state this value.
    pub fn perspectives(&self) -> Vec<&str> {
        let mut p: Vec<&str> = self
            .mentions
            .iter()
            .map(|m| m.perspective.as_str())
            .collect();
        p.sort_unstable();
        p.dedup();
        p
    }
}

/// Figures of a story that measure the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureGroup {
    pub measure: String,
    pub kind: FigureKind,
    /// Currency, "%", a unit noun, or "" for dates.
    pub unit: String,
    pub values: Vec<FigureValue>,
    /// Some article states one value and another article a different value without also
    /// stating the first: the outlets disagree (or measure different things under one name).
    pub differs: bool,
}

/// The figures of a story's articles (`members`: corpus indexes), grouped by what they
/// measure. Groups whose values differ between articles come first, then the most widely
/// stated.
pub fn story_figures(articles: &[Article], members: &[usize]) -> Vec<FigureGroup> {
    type Key = (String, FigureKind, String);
    // Every mention under its (measure, kind, unit), with what it counts (its context).
    let mut candidates: BTreeMap<Key, Vec<(usize, Identity, f64, Mention)>> = BTreeMap::new();
    let mut order = 0;
    for &a in members {
        let article = &articles[a];
        let year = article
            .day()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        for (b, block) in article.blocks.iter().enumerate() {
            for figure in extract(&block.text, year) {
                let measure = measure_of(&block.text, &figure);
                let unit = match (figure.kind, &figure.qualifier) {
                    (_, Some(q)) => format!("{} of {q}", figure.unit),
                    _ => figure.unit.clone(),
                };
                let key = match figure.kind {
                    // A date is its own measure: dates are facts, not quantities to compare.
                    FigureKind::Date => ("date".into(), figure.kind, figure.normalized.clone()),
                    _ => (measure, figure.kind, unit),
                };
                order += 1;
                let identity = Identity {
                    kind: figure.kind,
                    normalized: figure.normalized.clone(),
                    context: figure_identity::context_of(&block.text, &figure),
                };
                let mention = Mention {
                    article: a,
                    article_id: article.id.clone(),
                    perspective: article.perspective.clone(),
                    block: b,
                    text: figure.text.clone(),
                    sentence: sentence_around(&block.text, figure.start)
                        .trim()
                        .to_string(),
                };
                candidates
                    .entry(key)
                    .or_default()
                    .push((order, identity, figure.value, mention));
            }
        }
    }
    // One group per quantity: mentions of one measure and unit that count the same thing.
    let mut groups: BTreeMap<(Key, usize), (usize, BTreeMap<String, FigureValue>)> =
        BTreeMap::new();
    for (key, mentions) in candidates {
        let identities: Vec<Identity> = mentions.iter().map(|m| m.1.clone()).collect();
        let quantity = figure_identity::quantities(&identities);
        for ((first, identity, value, mention), q) in mentions.into_iter().zip(quantity) {
            let entry = groups
                .entry((key.clone(), q))
                .or_insert_with(|| (first, BTreeMap::new()));
            entry
                .1
                .entry(identity.normalized.clone())
                .or_insert_with(|| FigureValue {
                    normalized: identity.normalized.clone(),
                    value,
                    mentions: Vec::new(),
                })
                .mentions
                .push(mention);
        }
    }
    let mut out: Vec<(usize, FigureGroup)> = groups
        .into_iter()
        .map(|(((measure, kind, unit), _), (first, values))| {
            let mut values: Vec<FigureValue> = values.into_values().collect();
            values.sort_by(|a, b| {
                b.mentions
                    .len()
                    .cmp(&a.mentions.len())
                    .then(a.value.total_cmp(&b.value))
            });
            let differs = kind != FigureKind::Date && values_differ(&values);
            (
                first,
                FigureGroup {
                    measure,
                    kind,
                    unit,
                    values,
                    differs,
                },
            )
        })
        .collect();
    let spread = |g: &FigureGroup| {
        let mut a: Vec<usize> = g
            .values
            .iter()
            .flat_map(|v| v.mentions.iter().map(|m| m.article))
            .collect();
        a.sort_unstable();
        a.dedup();
        a.len()
    };
    out.sort_by(|(fa, a), (fb, b)| {
        b.differs
            .cmp(&a.differs)
            .then((a.kind == FigureKind::Date).cmp(&(b.kind == FigureKind::Date)))
            .then(spread(b).cmp(&spread(a)))
            .then(fa.cmp(fb))
    });
    out.into_iter().map(|(_, g)| g).collect()
}

/// True when two articles state different values, neither also stating the other's.
fn values_differ(values: &[FigureValue]) -> bool {
    let states = |v: &FigureValue, article: usize| v.mentions.iter().any(|m| m.article == article);
    for (i, v1) in values.iter().enumerate() {
        for v2 in &values[i + 1..] {
            for m1 in &v1.mentions {
                for m2 in &v2.mentions {
                    if m1.article != m2.article
                        && !states(v2, m1.article)
                        && !states(v1, m2.article)
                    {
                        return true;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        extract(text, Some(2025))
            .into_iter()
            .map(|f| f.normalized)
            .collect()
    }

    #[test]
    fn money_spellings_meet() {
        assert_eq!(
            norms("to speculate US$550 billion within the US"),
            ["$550 billion"]
        );
        assert_eq!(
            norms("to invest $550 billion (about ¥84 trillion) in"),
            ["$550 billion", "¥84 trillion"]
        );
        assert_eq!(norms("worth $400 billion in total"), ["$400 billion"]);
        assert_eq!(
            norms("over $1.3 trillion in U.S. Treasury securities"),
            ["$1.3 trillion"]
        );
        assert_eq!(norms("550 billion dollars"), ["$550 billion"]);
        assert_eq!(norms("84 trillion yen"), ["¥84 trillion"]);
        let f = &extract("US$550 billion", None)[0];
        assert_eq!(
            (f.kind, f.value, f.unit.as_str()),
            (FigureKind::Money, 550e9, "USD")
        );
        assert_eq!(f.text, "US$550 billion");
    }

    #[test]
    fn percentages_and_gdp() {
        assert_eq!(
            norms("reducing the levy to 15 percent from 27.5 percent"),
            ["15%", "27.5%"]
        );
        assert_eq!(norms("a 15% tariff"), ["15%"]);
        assert_eq!(
            norms("defense spending to 2 percent of gross domestic product by March"),
            ["2% of GDP", "2025-03"]
        );
        assert_eq!(
            norms("raise defense spending to 3.5% of gross domestic product by 2035"),
            ["3.5% of GDP", "2035"]
        );
        assert_eq!(norms("2% of GDP"), ["2% of GDP"]);
        assert_eq!(
            norms("rose 1.5 percentage points"),
            ["1.5 percentage points"]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            norms("in Tokyo on Oct. 28, 2025. (Reuters)"),
            ["2025-10-28"]
        );
        assert_eq!(norms("on Tuesday, October 28th. The"), ["2025-10-28"]);
        assert_eq!(norms("as of September 2024, according to"), ["2024-09"]);
        assert_eq!(norms("agreed in July to invest"), ["2025-07"]);
        assert_eq!(norms("assassinated in 2022 and"), ["2022"]);
        assert_eq!(norms("the fiscal 2027 target"), ["2027"]);
        assert_eq!(norms("abducted in the 1970s and 1980s"), ["1970s", "1980s"]);
        // "May" as a modal verb is not a month.
        assert_eq!(norms("prices may rise"), Vec::<String>::new());
        assert_eq!(extract("on October 28", None)[0].normalized, "--10-28");
    }

    #[test]
    fn quantities() {
        assert_eq!(norms("held an about 40-minute meeting"), ["40 minutes"]);
        assert_eq!(
            norms("donate 250 cherry trees to mark"),
            ["250 cherry trees"]
        );
        assert_eq!(norms("within six months, but"), ["6 months"]);
        assert_eq!(norms("on a three-nation Asian tour"), ["3 nations"]);
        assert_eq!(norms("the 250th anniversary"), Vec::<String>::new());
    }

    #[test]
    fn measures_from_the_sentence() {
        let text = "Based on the deal, Trump lowered U.S. tariffs on goods from Japan, reducing \
                    the levy on automobiles to 15 percent from the previous rate of 27.5 percent.";
        let figures = extract(text, None);
        assert_eq!(figures.len(), 2);
        assert!(figures.iter().all(|f| measure_of(text, f) == "tariff"));
        let text = "Japan agreed in July to invest $550 billion (about ¥84 trillion) in the US.";
        let money: Vec<_> = extract(text, None)
            .into_iter()
            .filter(|f| f.kind == FigureKind::Money)
            .collect();
        assert!(money.iter().all(|f| measure_of(text, f) == "investment"));
        let text =
            "Takaichi pledged to raise defense spending to 2 percent of gross domestic product.";
        assert_eq!(
            measure_of(text, &extract(text, None)[0]),
            "defense spending"
        );
    }
}
