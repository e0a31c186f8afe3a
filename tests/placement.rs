//! The reader's word and the config's assignments, through the command line.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn run(state: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("XDG_STATE_HOME", state)
        .env("PARALLAX_DATA_DIR", state.join("data"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .output()
        .expect("the binary runs")
}

fn seed(state: &Path, prefix: &str, extra: &[&str]) -> Value {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(state, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: Value = serde_json::from_slice(&out.stdout).expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .find(|a| a["id"].as_str().is_some_and(|id| id.starts_with(prefix)))
        .cloned()
        .expect("seed listed")
}

#[test]
fn place_moves_an_article_until_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = "001_dfab2ef32de3a2b5";
    assert!(run(dir.path(), &["place", id, "wire"]).status.success());
    let a = seed(dir.path(), "001", &[]);
    assert_eq!(a["perspective"], "wire");
    assert_eq!(a["perspective_source"], "user");
    assert_eq!(a["perspective_confidence"], 1.0);
    let reason = a["perspective_reason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("placed by you (rules said japanese"),
        "{reason}"
    );

    let bad = run(dir.path(), &["place", id, "wires"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown perspective \"wires\""));
    assert_eq!(
        seed(dir.path(), "001", &[])["perspective"],
        "wire",
        "a bad call changes nothing"
    );

    assert!(run(dir.path(), &["place", id, "--clear"]).status.success());
    let a = seed(dir.path(), "001", &[]);
    assert_eq!(a["perspective"], "japanese");
    assert_eq!(a["perspective_source"], "rule");
}

#[test]
fn config_assignment_moves_an_outlet_and_a_typo_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[outlets]\n\"The Yomiuri Shimbun\" = \"wire\"\n").expect("write");
    let config_arg = config.display().to_string();
    let a = seed(dir.path(), "001", &["--config", &config_arg]);
    assert_eq!(a["perspective"], "wire");
    assert_eq!(a["perspective_source"], "rule");

    std::fs::write(&config, "[outlets]\n\"The Yomiuri Shimbun\" = \"wirre\"\n").expect("write");
    let out = run(dir.path(), &["--config", &config_arg, "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("c.toml"), "{err}");
    assert!(err.contains("unknown perspective \"wirre\""), "{err}");
}

/// The rules place three Korean and three Japanese articles by their declared outlet; two
/// articles from an outlet the table does not know (a small fishing-town paper) share their
/// house wording. Placing one of them by hand trains the inference, which then places the
/// other with it — and the corrected one itself stays where the reader put it.
#[test]
fn a_correction_trains_the_inference_and_moves_a_similar_unplaced_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let korean = [
        "The ruling party and the opposition clashed over the budget bill in the National Assembly on Monday.",
        "Lawmakers of the main opposition party boycotted the plenary session over the special counsel bill.",
        "The presidential office said the minister would visit the industrial complex in Ulsan next week.",
    ];
    let japanese = [
        "The Cabinet approved the supplementary budget on Friday, and the Diet will debate it next month.",
        "The Liberal Democratic Party and its coalition partner agreed on the tax reform outline.",
        "The prefectural government said the typhoon damaged rice paddies along the river.",
    ];
    let write = |name: &str, outlet: Option<&str>, body: &str| {
        let front = outlet.map_or(String::new(), |o| format!("outlet: {o}\n"));
        let text = format!(
            "---\ntitle: \"{name}\"\n{front}date: 2025-11-0{}\n---\n\n{body}\n",
            name.len() % 9 + 1
        );
        std::fs::write(corpus.join(format!("{name}.md")), text).expect("write");
    };
    // Ten of each: the least the inference needs per perspective before it places anything.
    let per_class = parallax::ingest::infer::MIN_PER_CLASS_TO_PLACE;
    for i in 0..per_class {
        let body = format!("{} (Desk note {i}.)", korean[i % korean.len()]);
        write(&format!("kor{i}"), Some("Hankyoreh"), &body);
        let body = format!("{} (Desk note {i}.)", japanese[i % japanese.len()]);
        write(&format!("jpn{i}"), Some("The Yomiuri Shimbun"), &body);
    }
    let house = "Harbour notes from the kelp cooperative: trawlers, kelp driers and herring nets. ";
    write(
        "harbour-one",
        None,
        &format!(
            "{}The kelp cooperative said trawlers landed herring.",
            house.repeat(4)
        ),
    );
    write(
        "harbour-two",
        None,
        &format!("{house}Kelp driers and herring trawlers waited at the cooperative nets."),
    );
    let list = |state: &Path| -> Vec<Value> {
        let out = run(
            state,
            &["list", "--format", "json", corpus.to_str().unwrap_or("")],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout)
            .expect("json")
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let find = |articles: &[Value], prefix: &str| -> Value {
        articles
            .iter()
            .find(|a| a["id"].as_str().is_some_and(|id| id.starts_with(prefix)))
            .cloned()
            .expect("listed")
    };
    let before = list(dir.path());
    assert_eq!(find(&before, "kor0")["perspective_source"], "rule");
    assert_eq!(find(&before, "jpn0")["perspective_source"], "rule");
    for name in ["harbour-one", "harbour-two"] {
        let a = find(&before, name);
        assert_eq!(
            (a["perspective"].as_str(), a["perspective_source"].as_str()),
            (Some("other"), Some("none")),
            "{name} starts unplaced: {}",
            a["perspective_reason"]
        );
    }
    let one = find(&before, "harbour-one")["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(run(dir.path(), &["place", &one, "japanese"])
        .status
        .success());

    let after = list(dir.path());
    let corrected = find(&after, "harbour-one");
    assert_eq!(corrected["perspective"], "japanese");
    assert_eq!(corrected["perspective_source"], "user");
    let similar = find(&after, "harbour-two");
    assert_eq!(
        (
            similar["perspective"].as_str(),
            similar["perspective_source"].as_str()
        ),
        (Some("japanese"), Some("inferred")),
        "{}",
        similar["perspective_reason"]
    );
    // The rules' own placements are untouched.
    assert_eq!(find(&after, "kor1")["perspective"], "korean");
}
