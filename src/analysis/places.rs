//! Places that stand for their country ("Seoul said" = South Korea said): a paragraph naming
//! one counts, for alignment, as naming its country too. From `assets/places.toml`.

use super::tokens::{Lexicon, Term};
use std::collections::HashMap;
use std::sync::OnceLock;

const PLACES_TOML: &str = include_str!("../../assets/places.toml");

#[derive(serde::Deserialize)]
struct PlacesFile {
    places: HashMap<String, Vec<String>>,
}

/// Term key of a place → the term keys of its country.
#[derive(Default)]
pub struct Places {
    country_of: HashMap<String, Vec<String>>,
}

impl Places {
    /// The bundled table (a broken asset is a test failure, and leaves the table empty).
    pub fn embedded() -> &'static Places {
        static PLACES: OnceLock<Places> = OnceLock::new();
        PLACES.get_or_init(|| Places::parse(PLACES_TOML, Lexicon::embedded()).unwrap_or_default())
    }

    /// Keys come from the lexicon, as a text's own terms do ("United States" → `usa`);
    /// a place that is not one term is skipped.
    pub fn parse(text: &str, lexicon: &Lexicon) -> Result<Places, String> {
        let file: PlacesFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut country_of = HashMap::new();
        for (country, places) in &file.places {
            let keys: Vec<String> = lexicon.terms(country).into_iter().map(|t| t.key).collect();
            for place in places {
                if let [one] = lexicon.terms(place).as_slice() {
                    country_of.insert(one.key.clone(), keys.clone());
                }
            }
        }
        Ok(Places { country_of })
    }

    /// The country terms each place among `terms` stands for, spanning the place.
    pub fn countries(&self, terms: &[Term]) -> Vec<Term> {
        let mut extra = Vec::new();
        for term in terms {
            if let Some(keys) = self.country_of.get(&term.key) {
                for key in keys {
                    extra.push(Term {
                        key: key.clone(),
                        ..term.clone()
                    });
                }
            }
        }
        extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let terms = Lexicon::embedded().terms(text);
        Places::embedded()
            .countries(&terms)
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn the_table_parses_and_capitals_name_their_country() {
        assert!(Places::parse(PLACES_TOML, Lexicon::embedded()).is_ok());
        let korea: Vec<String> = Lexicon::embedded()
            .terms("South Korea")
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(keys("Officials in Seoul"), korea);
        assert_eq!(keys("Washington and Beijing"), ["usa", "china"]);
        assert_eq!(keys("Tokyo's reply"), ["japan"]);
        // Not a place: nothing added.
        assert!(keys("The ministers met on Tuesday").is_empty());
    }
}
