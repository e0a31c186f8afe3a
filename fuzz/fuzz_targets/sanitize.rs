//! The sanitiser: whatever goes in, nothing forbidden comes out, and cleaning is idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;
use parallax::text::sanitize::{clean_line, clean_output, clean_text, is_clean};
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    common::on_small_stack(move || {
        let out = clean_output(&text);
        assert!(is_clean(&out));
        assert_eq!(clean_output(&out), out);
        assert!(is_clean(&clean_text(&text)));
        let line = clean_line(&text);
        assert!(is_clean(&line) && !line.contains('\n'));
    });
});
