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
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn entry(&self, stem: &str) -> Option<&Meta> {
        self.articles.get(stem)
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
        assert!(err.contains("line 2"), "{err}");
    }
}
