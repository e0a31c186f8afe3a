//! The bundled corpus, compiled into the binary so `parallax` works from any directory.

pub const MANIFEST: &str = include_str!("../../seeds/manifest.toml");

/// `(path shown to the user, bytes)` of each bundled article file.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "seeds/000_ba87cd429a98f8c1.txt",
        include_bytes!("../../seeds/000_ba87cd429a98f8c1.txt"),
    ),
    (
        "seeds/001_dfab2ef32de3a2b5.txt",
        include_bytes!("../../seeds/001_dfab2ef32de3a2b5.txt"),
    ),
    (
        "seeds/002_f46852b532b3d29e.txt",
        include_bytes!("../../seeds/002_f46852b532b3d29e.txt"),
    ),
    (
        "seeds/003_aab10cb7c5a58c1f.txt",
        include_bytes!("../../seeds/003_aab10cb7c5a58c1f.txt"),
    ),
    (
        "seeds/004_ef4fb084e8f28a11.txt",
        include_bytes!("../../seeds/004_ef4fb084e8f28a11.txt"),
    ),
];
