//! `parallax config`: where the config file is and whether it exists; with `--effective`,
//! the settings in force (the defaults with the file over them) as TOML.

use crate::app::keymap::{Keymap, BINDABLE};
use crate::config::{self, Config};
use std::path::Path;

/// The file `parallax` reads, and whether it is there.
pub fn describe_file(explicit: Option<&Path>) -> String {
    let path = explicit
        .map(Path::to_path_buf)
        .or_else(config::default_path);
    match path {
        Some(p) if p.is_file() => format!("config file: {} (exists)", p.display()),
        Some(p) => format!(
            "config file: {} (not found: the defaults are in use)",
            p.display()
        ),
        None => "config file: none (no home directory; the defaults are in use)".to_string(),
    }
}

/// The effective settings as TOML: paths (expanded), colour, every action's keys, and the
/// outlet moves and names the file adds. Perspectives and topics are counted, not repeated.
pub fn effective(config: &Config) -> Result<String, String> {
    use toml::{Table, Value};
    let keymap = Keymap::with_overrides(&config.keys)?;
    let strings = |items: Vec<String>| Value::Array(items.into_iter().map(Value::String).collect());
    let mut out = Table::new();
    out.insert(
        "paths".into(),
        strings(
            config
                .expanded_paths()
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        ),
    );
    let mut theme = Table::new();
    theme.insert("color".into(), Value::Boolean(config.theme.use_color()));
    out.insert("theme".into(), Value::Table(theme));
    let mut keys = Table::new();
    for (name, action, _) in BINDABLE {
        keys.insert((*name).into(), strings(keymap.keys(*action).to_vec()));
    }
    out.insert("keys".into(), Value::Table(keys));
    let map = |m: &std::collections::BTreeMap<String, String>| {
        Value::Table(
            m.iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect(),
        )
    };
    out.insert("outlets".into(), map(&config.outlets));
    out.insert("names".into(), map(&config.names));
    let body = toml::to_string(&out).map_err(|e| e.to_string())?;
    let source = config
        .source
        .as_ref()
        .map_or("no file".to_string(), |p| p.display().to_string());
    let paths_note = if config.paths.is_empty() {
        "\n# paths = []: the reader opens the fetched articles, else the bundled seeds"
    } else {
        ""
    };
    Ok(format!(
        "# effective settings: the defaults with {source} over them\n\
         # {} [[perspective]] and {} [[topic]] table(s) from the file are in force too{paths_note}\n{body}",
        config.perspective.len(),
        config.topic.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_settings_show_the_users_keys_over_the_defaults() {
        let mut config = Config::default();
        config
            .keys
            .insert("scroll-down".into(), vec!["ctrl-n".into()]);
        config.paths.push("/news".into());
        let text = effective(&config).unwrap();
        let parsed: toml::Table = toml::from_str(&text).expect("the output is TOML");
        let keys = parsed["keys"].as_table().unwrap();
        assert_eq!(keys["scroll-down"].as_array().unwrap().len(), 1);
        assert_eq!(keys["scroll-down"][0].as_str(), Some("ctrl-n"));
        assert_eq!(keys["quit"][0].as_str(), Some("q"), "defaults stay");
        assert_eq!(keys.len(), BINDABLE.len(), "every action is listed");
        assert_eq!(parsed["paths"][0].as_str(), Some("/news"));
        assert!(text.starts_with("# effective settings: the defaults with no file"));
    }

    #[test]
    fn bad_keys_are_an_error_not_a_listing() {
        let mut config = Config::default();
        config.keys.insert("fly".into(), vec!["f".into()]);
        assert!(effective(&config).unwrap_err().contains("fly"));
    }

    #[test]
    fn the_file_is_said_to_exist_or_not() {
        let dir = std::env::temp_dir().join(format!("parallax-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("config.toml");
        assert!(describe_file(Some(&file)).ends_with("(not found: the defaults are in use)"));
        std::fs::write(&file, "").unwrap();
        assert!(describe_file(Some(&file)).ends_with("(exists)"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
