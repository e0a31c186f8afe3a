//! The config file (its keymap included).
#![no_main]
use libfuzzer_sys::fuzz_target;
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = text.to_string();
    common::on_small_stack(move || {
        let _ = parallax::config::parse(std::path::Path::new("config.toml"), &text);
    });
});
