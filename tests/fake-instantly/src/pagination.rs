//! Cursor pagination: `limit` (1..100, default 10) + `starting_after` →
//! `{items, next_starting_after}`. Items are ordered by their cursor key
//! ascending (ids are time-ordered, so that is creation order). A cursor is
//! emitted whenever the page is full, so the page after the last full page
//! may be empty: clients stop on an empty page or a missing cursor.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::ops::Bound;

pub const DEFAULT_LIMIT: usize = 10;

/// Reads `limit` from validated params (already range-checked by the schema).
pub fn limit_of(params: &Map<String, Value>) -> usize {
    params
        .get("limit")
        .and_then(Value::as_f64)
        .map(|l| l as usize)
        .unwrap_or(DEFAULT_LIMIT)
}

pub fn starting_after(params: &Map<String, Value>) -> Option<String> {
    params
        .get("starting_after")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// [`page`] with `limit` and `starting_after` read from the request's query or body `params`.
pub fn page_for<I>(sorted: I, params: &Map<String, Value>) -> Value
where
    I: IntoIterator<Item = (String, Value)>,
{
    page(sorted, limit_of(params), starting_after(params).as_deref())
}

/// Pages a key-ordered map: seeks to `starting_after` (no scan of the keys
/// before it), keeps the entries `keep` accepts and renders only the page.
pub fn page_seek<T>(
    map: &BTreeMap<String, T>,
    params: &Map<String, Value>,
    mut keep: impl FnMut(&T) -> bool,
    mut render: impl FnMut(&T) -> Value,
) -> Value {
    let limit = limit_of(params);
    let page_items = after(map, starting_after(params).as_deref())
        .filter(|(_, v)| keep(v))
        .take(limit)
        .map(|(k, v)| (k.clone(), render(v)));
    page(page_items, limit, None)
}

/// The entries of `map` after the cursor `after` (all of them without one).
pub fn after<'a, T>(
    map: &'a BTreeMap<String, T>,
    after: Option<&str>,
) -> Box<dyn Iterator<Item = (&'a String, &'a T)> + 'a> {
    match after {
        Some(a) => Box::new(map.range::<str, _>((Bound::Excluded(a), Bound::Unbounded))),
        None => Box::new(map.iter()),
    }
}

/// Pages `(cursor_key, item)` pairs that are sorted by key ascending.
pub fn page<I>(sorted: I, limit: usize, after: Option<&str>) -> Value
where
    I: IntoIterator<Item = (String, Value)>,
{
    let mut items = Vec::with_capacity(limit);
    let mut last_key = None;
    for (key, item) in sorted {
        if let Some(a) = after {
            if key.as_str() <= a {
                continue;
            }
        }
        if items.len() == limit {
            break;
        }
        last_key = Some(key);
        items.push(item);
    }
    let mut out = json!({ "items": items });
    if out["items"].as_array().map(Vec::len) == Some(limit) {
        if let Some(k) = last_key {
            out["next_starting_after"] = Value::String(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_by_key() {
        let data: Vec<(String, Value)> = (0..5).map(|i| (format!("k{i}"), json!(i))).collect();
        let p1 = page(data.clone(), 2, None);
        assert_eq!(p1["items"], json!([0, 1]));
        assert_eq!(p1["next_starting_after"], "k1");
        let p3 = page(data.clone(), 2, Some("k3"));
        assert_eq!(p3["items"], json!([4]));
        assert!(p3.get("next_starting_after").is_none());
    }

    #[test]
    fn seeks_to_the_cursor() {
        let map: BTreeMap<String, i64> = (0..6).map(|i| (format!("k{i}"), i)).collect();
        let params = json!({"limit": 2, "starting_after": "k1"});
        let p = page_seek(
            &map,
            params.as_object().unwrap(),
            |v| v % 2 == 0,
            |v| json!(v),
        );
        assert_eq!(p["items"], json!([2, 4]));
        assert_eq!(p["next_starting_after"], "k4");
        let none = json!({"starting_after": "k9"});
        let p = page_seek(&map, none.as_object().unwrap(), |_| true, |v| json!(v));
        assert_eq!(p["items"], json!([]));
    }
}
