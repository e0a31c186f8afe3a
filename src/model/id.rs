//! Stable article ids. An id depends on the article only (its feed GUID, else its canonical
//! URL, else a fingerprint of its text), never on load order or on the other files: a
//! readable prefix (the file stem, plus the item's suffix in a feed) and a short hash of
//! that identity, e.g. `summit-report-3f9a01c2b7de`. The hash is what survives a rename.

/// Hex digits of the hash: 48 bits, so 100,000 articles collide with odds about 1 in 50,000.
pub const HASH_DIGITS: usize = 12;

/// The identity of an article, strongest evidence first.
pub fn identity_key(guid: Option<&str>, url: Option<&str>, title: &str, texts: &[&str]) -> String {
    if let Some(guid) = guid.map(str::trim).filter(|g| !g.is_empty()) {
        return format!("guid\0{guid}");
    }
    if let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) {
        return format!("url\0{}", url.trim_end_matches('/'));
    }
    let mut key = format!("text\0{}", title.trim());
    for text in texts {
        key.push('\0');
        key.push_str(text.trim());
    }
    key
}

/// `prefix-hash` for an identity key.
pub fn article_id(prefix: &str, key: &str) -> String {
    format!("{prefix}-{}", short_hash(key))
}

/// The hash part of an id made by `article_id`, if it has one.
pub fn hash_part(id: &str) -> Option<&str> {
    let (_, hash) = id.rsplit_once('-')?;
    (hash.len() == HASH_DIGITS && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
        .then_some(hash)
}

/// The readable part of an id (the file stem, with a feed item's suffix), without the hash.
pub fn prefix(id: &str) -> &str {
    match hash_part(id) {
        Some(hash) => &id[..id.len() - hash.len() - 1],
        None => id,
    }
}

/// FNV-1a over the bytes, then a splitmix finaliser so every digit depends on every byte.
/// Written out (not `DefaultHasher`) because ids are stored and must never change.
fn short_hash(key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("{:016x}", h)[..HASH_DIGITS].to_string()
}

/// Which of `ids` a user's `query` names: the whole id, else a unique prefix of the id or of
/// its hash part (like git). Errors say why, for the CLI to print.
pub fn resolve<'a>(ids: impl Iterator<Item = &'a str>, query: &str) -> Result<usize, String> {
    let mut matches = Vec::new();
    for (index, id) in ids.enumerate() {
        if id == query {
            return Ok(index);
        }
        let by_hash = query.len() >= 4 && hash_part(id).is_some_and(|h| h.starts_with(query));
        if !query.is_empty() && (id.starts_with(query) || by_hash) {
            matches.push((index, id));
        }
    }
    match matches.as_slice() {
        [] => Err(format!(
            "no article with id \"{query}\" (run `parallax list` to see the ids)"
        )),
        [(index, _)] => Ok(*index),
        many => {
            let shown: Vec<&str> = many.iter().take(5).map(|(_, id)| *id).collect();
            Err(format!(
                "\"{query}\" is ambiguous: {} articles match ({}{}); give more of the id",
                many.len(),
                shown.join(", "),
                if many.len() > 5 { ", …" } else { "" }
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_identity_not_the_prefix() {
        let a = article_id("one", &identity_key(None, None, "T", &["body"]));
        let b = article_id("two", &identity_key(None, None, "T", &["body"]));
        assert_eq!(hash_part(&a), hash_part(&b));
        assert_ne!(a, b);
        let c = article_id("one", &identity_key(None, None, "T", &["other body"]));
        assert_ne!(hash_part(&a), hash_part(&c));
        // A GUID wins over URL and text; a URL over text.
        assert_eq!(
            identity_key(Some("g"), Some("u"), "T", &["x"]),
            identity_key(Some("g"), None, "U", &["y"])
        );
        assert_eq!(
            identity_key(None, Some("https://x/a/"), "T", &["x"]),
            identity_key(None, Some("https://x/a"), "U", &["y"])
        );
    }

    #[test]
    fn the_hash_is_fixed_forever() {
        // Stored ids depend on this exact function: a change here orphans every note.
        // Expected value from an independent Python FNV-1a + splitmix64 of the same bytes.
        let id = article_id("x", "text\0T\0body");
        assert_eq!(id, "x-d705ce6bf06a");
        assert_eq!(hash_part(&id), Some("d705ce6bf06a"));
        assert_eq!(hash_part("000_ba87cd429a98f8c1"), None);
        assert_eq!(hash_part("reading-list-2"), None);
    }

    #[test]
    fn prefixes_resolve_like_git() {
        let ids = [
            "summit-aaaa11112222",
            "summit-bbbb33334444",
            "trade-cccc55556666",
        ];
        let find = |q: &str| resolve(ids.iter().copied(), q);
        assert_eq!(find("trade"), Ok(2));
        assert_eq!(find("summit-b"), Ok(1));
        assert_eq!(find("cccc"), Ok(2), "a hash prefix alone is enough");
        assert_eq!(find("summit-aaaa11112222"), Ok(0));
        let err = find("summit").unwrap_err();
        assert!(
            err.contains("ambiguous") && err.contains("2 articles"),
            "{err}"
        );
        assert!(find("nothing").unwrap_err().contains("no article"));
        assert!(find("").is_err());
    }
}
