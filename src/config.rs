//! The user's configuration: `$XDG_CONFIG_HOME/parallax/config.toml` (or `--config PATH`)
//! overlaid on the defaults embedded from `assets/`. A bad file is an error naming the file,
//! line and column and what was expected — never a panic.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "config.toml";

/// Everything a user may set. Unknown keys are errors, so typos are caught.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Files and folders to open when parallax starts without paths (`~` is expanded).
    #[serde(default)]
    pub paths: Vec<String>,
    /// Perspectives to add, or to extend when the id exists (label, colour, more outlets).
    #[serde(default)]
    pub perspective: Vec<toml::Table>,
    /// Outlet name (or alias) → perspective id: moves a known outlet, e.g.
    /// `"Kyodo News" = "wire"`. An unknown perspective or outlet is an error.
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
    /// Names for matching across languages: a Korean or Japanese spelling → its English
    /// (`"홍길동" = "Hong Gil-dong"`), joining `assets/names.toml` and winning over it.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Topics to add, or to replace when the id exists.
    #[serde(default)]
    pub topic: Vec<toml::Table>,
    /// Key bindings: action name → keys such as `"ctrl-d"`, replacing the default keys.
    #[serde(default)]
    pub keys: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub theme: Theme,
    /// The file this came from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// `false` turns colour off; colour is also off when the `NO_COLOR` variable is set.
    pub color: Option<bool>,
}

impl Theme {
    /// Whether to draw in colour, honouring https://no-color.org.
    pub fn use_color(&self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        !no_color && self.color.unwrap_or(true)
    }
}

/// `$XDG_CONFIG_HOME/parallax/config.toml`, else `~/.config/parallax/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    crate::state::xdg_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join(FILE_NAME))
}

/// Parse a config file's text; the error names the file, line, column and what was wrong.
pub fn parse(path: &Path, text: &str) -> Result<Config, String> {
    let mut config: Config = toml::from_str(text).map_err(|e| describe(path, text, &e))?;
    config.source = Some(path.to_path_buf());
    for (i, table) in config.perspective.iter().enumerate() {
        if !table.get("id").is_some_and(toml::Value::is_str) {
            return Err(format!(
                "{}: perspective #{} needs an `id` string",
                path.display(),
                i + 1
            ));
        }
        for (k, outlet) in table
            .get("outlet")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if !outlet.get("name").is_some_and(toml::Value::is_str) {
                return Err(format!(
                    "{}: perspective #{} outlet #{} needs a `name` string",
                    path.display(),
                    i + 1,
                    k + 1
                ));
            }
        }
    }
    for (spelling, english) in &config.names {
        if !crate::analysis::gloss::needs_gloss(spelling)
            || spelling.chars().any(crate::text::sanitize::is_forbidden)
        {
            return Err(format!(
                "{}: names: \"{}\" is not a Korean or Japanese spelling",
                path.display(),
                crate::text::sanitize::clean_line(spelling)
            ));
        }
        if english.trim().is_empty() || english.chars().any(crate::text::sanitize::is_forbidden) {
            return Err(format!(
                "{}: names: \"{}\" needs its English (plain text)",
                path.display(),
                crate::text::sanitize::clean_line(spelling)
            ));
        }
    }
    for (i, table) in config.topic.iter().enumerate() {
        for field in ["id", "label", "color"] {
            if !table.get(field).is_some_and(toml::Value::is_str) {
                return Err(format!(
                    "{}: topic #{} needs a `{field}` string",
                    path.display(),
                    i + 1
                ));
            }
        }
        let has_terms = ["terms", "exact"]
            .iter()
            .any(|f| table.get(*f).is_some_and(toml::Value::is_array));
        if !has_terms {
            return Err(format!(
                "{}: topic #{} needs `terms` (a list of words and phrases)",
                path.display(),
                i + 1
            ));
        }
    }
    Ok(config)
}

fn describe(path: &Path, text: &str, error: &toml::de::Error) -> String {
    let message = error.message();
    match error.span() {
        Some(span) => {
            let (line, column) = line_and_column(text, span.start);
            format!("{}:{line}:{column}: {message}", path.display())
        }
        None => format!("{}: {message}", path.display()),
    }
}

/// 1-based line and column (in characters) of byte `offset`. An offset past the end or inside
/// a multi-byte character (a span from the parser is not promised to sit on a boundary) is
/// moved back to the character it falls in, never sliced through.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Load the config: the explicit path must exist; the default path may be absent.
pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
    let (path, required) = match explicit {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
        Err(e) => Err(format!("{}: cannot read config: {e}", path.display())),
    }
}

impl Config {
    /// Paths with a leading `~` expanded.
    pub fn expanded_paths(&self) -> Vec<PathBuf> {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        self.paths
            .iter()
            .map(|p| match (p.strip_prefix("~/"), &home) {
                (Some(rest), Some(home)) => home.join(rest),
                _ => PathBuf::from(p),
            })
            .collect()
    }

    /// The embedded perspectives file with the user's perspectives merged in: an existing id
    /// takes the user's label and colour and gains their outlets; a new id is added before
    /// `other`.
    pub fn perspectives_toml(&self, embedded: &str) -> Result<String, String> {
        let mut base: toml::Table = toml::from_str(embedded).map_err(|e| e.to_string())?;
        let list = base
            .entry("perspective")
            .or_insert_with(|| toml::Value::Array(Vec::new()));
        let Some(list) = list.as_array_mut() else {
            return Err("perspectives: `perspective` must be an array".into());
        };
        for user in &self.perspective {
            let id = user
                .get("id")
                .and_then(toml::Value::as_str)
                .unwrap_or_default();
            let existing = list
                .iter_mut()
                .filter_map(toml::Value::as_table_mut)
                .find(|t| t.get("id").and_then(toml::Value::as_str) == Some(id));
            match existing {
                Some(table) => {
                    for (key, value) in user {
                        if key == "outlet" {
                            let outlets = table
                                .entry("outlet")
                                .or_insert_with(|| toml::Value::Array(Vec::new()));
                            if let (Some(outlets), Some(more)) =
                                (outlets.as_array_mut(), value.as_array())
                            {
                                // The user's outlets first, so their rules win ties.
                                let mut merged = more.clone();
                                merged.append(outlets);
                                *outlets = merged;
                            }
                        } else {
                            table.insert(key.clone(), value.clone());
                        }
                    }
                }
                None => {
                    let at = list
                        .iter()
                        .position(|v| v.get("id").and_then(toml::Value::as_str) == Some("other"))
                        .unwrap_or(list.len());
                    list.insert(at, toml::Value::Table(user.clone()));
                }
            }
        }
        toml::to_string(&base).map_err(|e| e.to_string())
    }
}

/// The commented default config printed by `parallax config --print-default`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.default.toml");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::classify::{Classifier, Evidence};

    #[test]
    fn an_error_position_inside_a_wide_character_is_its_character() {
        // "한" is bytes 6..9, at the start of line 2; offsets 7 and 8 fall inside it.
        let text = "a = 1\n한 = 2\n";
        assert_eq!(line_and_column(text, 6), (2, 1));
        assert_eq!(line_and_column(text, 7), (2, 1));
        assert_eq!(line_and_column(text, 8), (2, 1));
        assert_eq!(line_and_column(text, 9), (2, 2));
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 500), (3, 1));
    }

    fn parse_str(text: &str) -> Result<Config, String> {
        parse(Path::new("/home/u/.config/parallax/config.toml"), text)
    }

    #[test]
    fn the_printed_default_parses() {
        let config = parse_str(DEFAULT_CONFIG).expect("default config is valid");
        assert!(config.paths.is_empty());
    }

    #[test]
    fn names_are_read_and_a_spelling_that_is_not_korean_or_japanese_is_an_error() {
        let config = parse_str("[names]\n\"홍길동\" = \"Hong Gil-dong\"\n\"小泉\" = \"Koizumi\"\n")
            .expect("valid names");
        assert_eq!(
            config.names.get("홍길동").map(String::as_str),
            Some("Hong Gil-dong")
        );
        assert_eq!(config.names.len(), 2);
        let err = parse_str("[names]\n\"Trump\" = \"Trump\"\n").unwrap_err();
        assert!(
            err.starts_with("/home/u/.config/parallax/config.toml: names: \"Trump\""),
            "{err}"
        );
        let err = parse_str("[names]\n\"홍길동\" = \" \"\n").unwrap_err();
        assert!(err.contains("needs its English"), "{err}");
        let err = parse_str("[names]\n\"홍길동\" = \"x\\u001b[31m\"\n").unwrap_err();
        assert!(err.contains("needs its English"), "{err}");
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = parse_str("paths = [\"a\"]\n\n[theme]\ncolor = maybe\n").unwrap_err();
        assert!(
            err.starts_with("/home/u/.config/parallax/config.toml:4:9: "),
            "{err}"
        );
        assert!(err.contains("invalid"), "{err}");
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_errors() {
        let err = parse_str("pathz = []\n").unwrap_err();
        assert!(
            err.contains(":1:1:") && err.contains("unknown field `pathz`"),
            "{err}"
        );
        assert!(err.contains("expected one of"), "{err}");
        let err = parse_str("paths = \"one\"\n").unwrap_err();
        assert!(
            err.contains(":1:9:") && err.contains("expected a sequence"),
            "{err}"
        );
        let err = parse_str("[[perspective]]\nlabel = \"No id\"\n").unwrap_err();
        assert!(err.contains("perspective #1 needs an `id`"), "{err}");
        let err = parse_str("[[topic]]\nid = \"rice\"\n").unwrap_err();
        assert!(
            err.ends_with("config.toml: topic #1 needs a `label` string"),
            "{err}"
        );
        let err =
            parse_str("[[topic]]\nid = \"r\"\nlabel = \"R\"\ncolor = \"#fff\"\n").unwrap_err();
        assert!(err.contains("topic #1 needs `terms`"), "{err}");
        let err = parse_str("[[perspective]]\nid = \"x\"\n[[perspective.outlet]]\ndomains = []\n")
            .unwrap_err();
        assert!(
            err.contains("perspective #1 outlet #1 needs a `name`"),
            "{err}"
        );
    }

    #[test]
    fn user_perspectives_extend_and_add() {
        let config = parse_str(
            "[[perspective]]\nid = \"korean\"\ncolor = \"#00ff00\"\n[[perspective.outlet]]\nname = \"My Blog\"\ndomains = [\"myblog.kr\"]\n\n[[perspective]]\nid = \"chinese\"\nlabel = \"Chinese\"\ncolor = \"#ffaf00\"\n[[perspective.outlet]]\nname = \"Global Times\"\ndomains = [\"globaltimes.cn\"]\n",
        )
        .expect("valid");
        let merged = config
            .perspectives_toml(include_str!("../assets/perspectives.toml"))
            .expect("merge");
        let classifier = Classifier::from_toml(&merged).expect("classifier");
        let ids: Vec<&str> = classifier
            .perspectives
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, vec!["korean", "japanese", "wire", "chinese", "other"]);
        assert_eq!(classifier.perspectives[0].color, "#00ff00");
        let place = |url: &str| {
            classifier
                .classify(&Evidence {
                    outlet: None,
                    url: Some(url),
                    text: "",
                })
                .perspective
        };
        assert_eq!(place("https://myblog.kr/post"), "korean");
        assert_eq!(place("https://www.globaltimes.cn/x"), "chinese");
        assert_eq!(
            place("https://www.hani.co.kr/x"),
            "korean",
            "built-in outlets stay"
        );
    }

    #[test]
    fn tilde_paths_expand() {
        let config = parse_str("paths = [\"~/news\", \"/abs\"]\n").expect("valid");
        let paths = config.expanded_paths();
        assert!(!paths[0].starts_with("~"));
        assert!(paths[0].ends_with("news"));
        assert_eq!(paths[1], PathBuf::from("/abs"));
    }
}
