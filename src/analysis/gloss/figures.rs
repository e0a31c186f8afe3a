//! Figures written the Korean or Japanese way: 5500억 달러 / 5500億ドル = "$550 billion",
//! 約84兆円 = "¥84 trillion", 2％ / GDP 대비 2% = "2%" / "2% of GDP", 1時間半 / 1시간 30분 =
//! "90 minutes", 10月28日 / 10월 28일 = a date. Full-width digits count as digits. The
//! results are `figures::Figure`s, so the figures view and alignment compare them with
//! English ones unchanged.

use crate::analysis::figures::{format_money, format_number, Figure, FigureKind};
use regex::{Captures, Regex};
use std::sync::OnceLock;

const NUM: &str = r"(?P<num>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)";

struct Patterns {
    money: Regex,
    percent: Regex,
    duration: Regex,
    date: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("CJK figure patterns are valid regexes");
        Patterns {
            money: re(&format!(
                r"{NUM}\s?(?P<scale>만|억|조|万|億|兆|천|千)?\s?(?P<cur>달러|ドル|엔|円|원|ウォン|유로|ユーロ|위안|人民元)"
            )),
            percent: re(&format!(r"{NUM}\s?(?:%|％|퍼센트|パーセント)")),
            duration: re(&format!(
                r"{NUM}\s?(?:시간|時間)(?P<half>반|半)?(?:\s?(?P<min>[0-9０-９]+)\s?(?:분|分))?|(?P<only>[0-9０-９]+)\s?(?:분간|分間|분 동안|分)"
            )),
            date: re(
                r"(?:(?P<year>(?:19|20)[0-9]{2})\s?(?:년|年)\s?)?(?P<month>1[0-2]|[1-9])\s?(?:월|月)\s?(?P<day>3[01]|[12][0-9]|[1-9])\s?(?:일|日)",
            ),
        }
    })
}

/// Full-width digits and separators as ASCII, then the number ("５，５００" → 5500).
fn parse_num(text: &str) -> Option<f64> {
    let ascii: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            ',' | '，' => None,
            c => Some(c),
        })
        .collect();
    ascii.parse().ok()
}

fn scale(word: Option<&str>) -> f64 {
    match word.unwrap_or("") {
        "만" | "万" => 1e4,
        "억" | "億" => 1e8,
        "조" | "兆" => 1e12,
        "천" | "千" => 1e3,
        _ => 1.0,
    }
}

fn currency(word: &str) -> &'static str {
    match word {
        "엔" | "円" => "JPY",
        "원" | "ウォン" => "KRW",
        "유로" | "ユーロ" => "EUR",
        "위안" | "人民元" => "CNY",
        _ => "USD",
    }
}

/// GDP named just before a percentage ("GDP 대비 2%", "国内総生産（GDP）比2％").
fn of_gdp(before: &str) -> bool {
    let near: String = before
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    ["GDP", "국내총생산", "国内総生産"]
        .iter()
        .any(|w| near.contains(w))
}

/// Every Korean- or Japanese-written figure in `text`; `year` completes dates without one.
pub fn extract(text: &str, year: Option<i32>) -> Vec<Figure> {
    let p = patterns();
    let mut found: Vec<Figure> = Vec::new();
    let mut push = |c: &Captures, kind, value, unit: &str, qualifier, normalized| {
        let Some(m) = c.get(0) else { return };
        if found.iter().any(|f| m.start() < f.end && f.start < m.end()) {
            return;
        }
        found.push(Figure {
            kind,
            value,
            unit: unit.to_string(),
            qualifier,
            normalized,
            text: m.as_str().to_string(),
            start: m.start(),
            end: m.end(),
        });
    };
    for c in p.money.captures_iter(text) {
        let Some(num) = c.name("num").and_then(|m| parse_num(m.as_str())) else {
            continue;
        };
        let value = num * scale(c.name("scale").map(|m| m.as_str()));
        let code = currency(c.name("cur").map_or("", |m| m.as_str()));
        push(
            &c,
            FigureKind::Money,
            value,
            code,
            None,
            format_money(value, code),
        );
    }
    for c in p.percent.captures_iter(text) {
        let (Some(m), Some(value)) = (c.get(0), c.name("num").and_then(|m| parse_num(m.as_str())))
        else {
            continue;
        };
        let gdp = of_gdp(&text[..m.start()]);
        let mut normalized = format!("{}%", format_number(value));
        if gdp {
            normalized.push_str(" of GDP");
        }
        let qualifier = gdp.then(|| "GDP".to_string());
        push(&c, FigureKind::Percent, value, "%", qualifier, normalized);
    }
    for c in p.duration.captures_iter(text) {
        let num = |name: &str| c.name(name).and_then(|m| parse_num(m.as_str()));
        let minutes = match (num("num"), num("only")) {
            (Some(hours), _) => {
                hours * 60.0
                    + if c.name("half").is_some() {
                        30.0
                    } else {
                        num("min").unwrap_or(0.0)
                    }
            }
            (None, Some(minutes)) => minutes,
            _ => continue,
        };
        let unit = if minutes == 1.0 { "minute" } else { "minutes" };
        let normalized = format!("{} {unit}", format_number(minutes));
        push(
            &c,
            FigureKind::Quantity,
            minutes,
            "minute",
            None,
            normalized,
        );
    }
    for c in p.date.captures_iter(text) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
        let (Some(month), Some(day)) = (num("month"), num("day")) else {
            continue;
        };
        let y = num("year").or(year);
        let normalized = match y {
            Some(y) => format!("{y:04}-{month:02}-{day:02}"),
            None => format!("--{month:02}-{day:02}"),
        };
        push(
            &c,
            FigureKind::Date,
            y.unwrap_or(0) as f64,
            "",
            None,
            normalized,
        );
    }
    found.sort_by_key(|f| f.start);
    found
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
    fn money_in_korean_and_japanese_meets_the_english_spelling() {
        assert_eq!(norms("5500억 달러 대미 투자"), ["$550 billion"]);
        assert_eq!(norms("5500億ドルの対米投資"), ["$550 billion"]);
        assert_eq!(norms("５５００億ドル"), ["$550 billion"]);
        assert_eq!(norms("（約84兆円）"), ["¥84 trillion"]);
        assert_eq!(norms("1조 원"), ["₩1 trillion"]);
    }

    #[test]
    fn percentages_durations_and_dates() {
        assert_eq!(norms("GDP 대비 2%로"), ["2% of GDP"]);
        assert_eq!(norms("国内総生産（GDP）比2％に"), ["2% of GDP"]);
        assert_eq!(norms("2.6% 오른"), ["2.6%"]);
        assert_eq!(norms("約1時間半会談した"), ["90 minutes"]);
        assert_eq!(norms("약 1시간 30분 동안"), ["90 minutes"]);
        assert_eq!(norms("約40分間"), ["40 minutes"]);
        assert_eq!(norms("10月28日"), ["2025-10-28"]);
        assert_eq!(norms("2025년 10월 28일"), ["2025-10-28"]);
    }

    #[test]
    fn bare_numbers_are_not_figures() {
        assert!(norms("4000선을 돌파했다").is_empty());
        assert!(norms("250本").is_empty());
    }
}
