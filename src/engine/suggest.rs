//! "Did you mean …?": the field a caller most likely meant by a key that is not one.

/// A known trap first, then a field equal once `_`, `-` and ASCII case are ignored (field names
/// are ASCII), then the closest field by edit distance (at most 2, and at most half the field's
/// length). It takes a slice, not an iterator, so the wasm holds one copy of it: it only runs
/// for an error, where collecting the names costs nothing that matters.
pub fn suggest<'a>(key: &str, fields: &[&'a str], traps: &[(&str, &'a str)]) -> Option<&'a str> {
    if let Some((_, meant)) = traps.iter().find(|(from, _)| *from == key) {
        return Some(meant);
    }
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let target = squash(key);
    if let Some(&same) = fields.iter().find(|f| squash(f) == target) {
        return Some(same);
    }
    // Keys longer than any field cannot be within distance 2; skip the quadratic work.
    if key.chars().count() > 64 {
        return None;
    }
    fields
        .iter()
        .map(|&f| (edit_distance(key, f), f))
        .filter(|(d, f)| *d <= 2.min(f.chars().count() / 2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traps_then_spelling_then_distance() {
        let fields = ["campaign", "list_id", "starting_after", "limit"];
        let s = |k: &str| suggest(k, &fields, &[("campaign_id", "campaign")]);
        assert_eq!(s("campaign_id"), Some("campaign"));
        assert_eq!(s("startingAfter"), Some("starting_after"));
        assert_eq!(s("limt"), Some("limit"));
        assert_eq!(s("listid"), Some("list_id"));
        assert_eq!(s("zzz"), None);
        assert_eq!(s(&"x".repeat(100)), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
