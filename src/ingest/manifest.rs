//! `manifest.toml`: metadata the texts themselves lack, per file stem, and story titles.
//! A manifest applies to the files of its own folder and overrides any field.

use super::draft::Meta;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(default)]
    pub stories: BTreeMap<String, StoryMeta>,
    #[serde(default)]
    pub articles: BTreeMap<String, Meta>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryMeta {
    pub title: String,
}

pub const FILE_NAME: &str = "manifest.toml";

impl Manifest {
    pub fn parse(text: &str) -> Result<Manifest, String> {
        toml::from_str(text).map_err(|e| describe_toml_error(text, &e))
    }

    pub fn entry(&self, stem: &str) -> Option<&Meta> {
        self.articles.get(stem)
    }
}

/// A TOML error as "line L, column C: message". The error's own display quotes the offending
/// line, which may be megabytes long (and is untrusted text): a warning names the place instead.
pub fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_articles_and_stories() {
        let m = Manifest::parse(
            "[stories.s]\ntitle = \"Summit\"\n[articles.\"002_x\"]\noutlet = \"Kyodo News\"\nperspective = \"wire\"\nyear = 2025\n",
        )
        .expect("valid");
        assert_eq!(m.stories["s"].title, "Summit");
        let e = m.entry("002_x").expect("entry");
        assert_eq!(e.outlet.as_deref(), Some("Kyodo News"));
        assert_eq!(e.year, Some(2025));
    }

    #[test]
    fn unknown_fields_are_errors_with_a_location() {
        let err = Manifest::parse("[articles.a]\noutlett = \"x\"\n").unwrap_err();
        assert!(err.contains("outlett"), "{err}");
        assert!(err.starts_with("line 2, column 1:"), "{err}");
        // The line itself is not quoted: it may be huge.
        let long = format!("[articles.a]\noutlet = [{}\n", "1,".repeat(50_000));
        let err = Manifest::parse(&long).unwrap_err();
        assert!(err.len() < 200, "{err}");
    }
}
