use serde::{Deserialize, Serialize};

/// A national (or wire) perspective: a column of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perspective {
    pub id: String,
    pub label: String,
    /// `#rrggbb` or a colour name.
    pub color: String,
}
