//! Outlet identification and perspective classification, from `assets/perspectives.toml`.
//! Every decision carries its reason, shown as `perspective_reason`.

use crate::model::Perspective;
use regex::Regex;
use serde::Deserialize;

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
    aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    signatures: Vec<String>,
}

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
    /// Every outlet's signatures in one set, so text is scanned once; `(outlet, signature)`
    /// per pattern.
    signature_set: regex::RegexSet,
    signature_owners: Vec<(usize, usize)>,
    /// Every outlet's domains in one automaton; `(outlet, domain)` per pattern.
    domain_finder: aho_corasick::AhoCorasick,
    domain_owners: Vec<(usize, usize)>,
}

/// The outcome of classifying one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub perspective: String,
    pub reason: String,
    /// The outlet's canonical name, when an outlet was identified.
    pub outlet: Option<String>,
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

static ACTIVE: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();

impl Classifier {
    pub fn from_toml(source: &str) -> Result<Self, String> {
        let file: File = toml::from_str(source).map_err(|e| e.to_string())?;
        let mut perspectives = Vec::new();
        let mut outlets = Vec::new();
        for (index, spec) in file.perspective.into_iter().enumerate() {
            for outlet in spec.outlet {
                let signatures = outlet
                    .signatures
                    .iter()
                    .map(|s| {
                        regex::RegexBuilder::new(s)
                            .multi_line(true)
                            .build()
                            .map_err(|e| {
                                format!("outlet {}: bad signature {s:?}: {e}", outlet.name)
                            })
                    })
                    .collect::<Result<_, _>>()?;
                let mut names_lower = vec![outlet.name.to_lowercase()];
                names_lower.extend(outlet.aliases.iter().map(|a| a.to_lowercase()));
                outlets.push(Outlet {
                    name: outlet.name,
                    perspective: index,
                    names_lower,
                    domains: outlet.domains.iter().map(|d| d.to_lowercase()).collect(),
                    signatures,
                });
            }
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
        let mut patterns = Vec::new();
        let mut signature_owners = Vec::new();
        for (o, outlet) in outlets.iter().enumerate() {
            for (s, signature) in outlet.signatures.iter().enumerate() {
                patterns.push(signature.as_str().to_string());
                signature_owners.push((o, s));
            }
        }
        let signature_set = regex::RegexSetBuilder::new(&patterns)
            .multi_line(true)
            .build()
            .map_err(|e| e.to_string())?;
        let domain_owners: Vec<(usize, usize)> = outlets
            .iter()
            .enumerate()
            .flat_map(|(o, outlet)| (0..outlet.domains.len()).map(move |d| (o, d)))
            .collect();
        let domain_finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(domain_owners.iter().map(|&(o, d)| &outlets[o].domains[d]))
            .map_err(|e| e.to_string())?;
        Ok(Classifier {
            perspectives,
            outlets,
            signature_set,
            signature_owners,
            domain_finder,
            domain_owners,
        })
    }

    pub fn embedded() -> &'static Classifier {
        static RULES: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            Classifier::from_toml(include_str!("../../assets/perspectives.toml"))
                .expect("assets/perspectives.toml is valid (checked by tests)")
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

    /// Display position of a perspective; unknown ids sort last.
    pub fn order(&self, id: &str) -> usize {
        self.perspectives
            .iter()
            .position(|p| p.id == id)
            .unwrap_or(self.perspectives.len())
    }

    /// Identify the outlet, strongest evidence first, and place the article by it.
    pub fn classify(&self, evidence: &Evidence) -> Placement {
        let found = evidence
            .url
            .and_then(|url| {
                self.by_domain(url)
                    .map(|(o, d)| (o, format!("URL domain {d}")))
            })
            .or_else(|| {
                evidence.outlet.and_then(|name| {
                    self.by_name(name)
                        .map(|o| (o, format!("outlet name \"{name}\"")))
                })
            })
            .or_else(|| {
                self.by_domain(evidence.text)
                    .map(|(o, d)| (o, format!("domain {d} in the text")))
            })
            .or_else(|| {
                self.by_signature(evidence.text)
                    .map(|(o, s)| (o, format!("signature \"{s}\" in the text")))
            });
        match found {
            Some((outlet, how)) => {
                let perspective = &self.perspectives[outlet.perspective];
                Placement {
                    perspective: perspective.id.clone(),
                    reason: format!("{} ({}) matched {how}", outlet.name, perspective.label),
                    outlet: Some(outlet.name.clone()),
                }
            }
            None => Placement {
                perspective: OTHER.into(),
                reason: "no rule matched: no known outlet domain, name or signature".into(),
                outlet: None,
            },
        }
    }

    fn by_name(&self, name: &str) -> Option<&Outlet> {
        let lower = name.trim().to_lowercase();
        self.outlets.iter().find(|o| o.names_lower.contains(&lower))
    }

    /// The first outlet whose domain appears in `text` as a host name (after `//`, `@`, `.` or
    /// a word boundary, and not followed by more host characters).
    fn by_domain(&self, text: &str) -> Option<(&Outlet, String)> {
        self.domain_finder
            .find_overlapping_iter(text)
            .find(|m| is_whole_host(text, m.start(), m.end()))
            .map(|m| {
                let (o, d) = self.domain_owners[m.pattern().as_usize()];
                (&self.outlets[o], self.outlets[o].domains[d].clone())
            })
    }

    fn by_signature(&self, text: &str) -> Option<(&Outlet, String)> {
        let mut best: Option<(usize, &Outlet, String)> = None;
        for index in self.signature_set.matches(text).iter() {
            let (o, s) = self.signature_owners[index];
            let outlet = &self.outlets[o];
            if let Some(m) = outlet.signatures[s].find(text) {
                if best.as_ref().is_none_or(|(p, _, _)| m.start() < *p) {
                    best = Some((m.start(), outlet, m.as_str().trim().to_string()));
                }
            }
        }
        best.map(|(_, o, s)| (o, s))
    }
}

/// A domain match is a whole host name: not glued to more name characters on the left
/// (`notkbs.co.kr`), nor continued on the right (`kbs.co.kr.evil.com`); a full stop that ends
/// a sentence is fine.
fn is_whole_host(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let before_ok = before.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'));
    let after_ok = match after.next() {
        None => true,
        Some('.') => !after.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(c) => !(c.is_ascii_alphanumeric() || c == '-'),
    };
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
