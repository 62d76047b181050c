//! Arbitrary JSON for the property tests of `instantly-wasm` (its unit tests and the suites in
//! `tests/`): one strategy, sized per suite.

use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value: `null`, booleans, integers of the full `i64` and `u64` ranges, finite floats
/// (with `-0.0`, `1.5`, `1e308` and `2^53 + 1` drawn often), strings from `strings`, and arrays
/// and objects (keys from `keys`) nested up to `depth` levels with at most `width` items each
/// and about `size` values in all.
pub fn json(
    strings: impl Strategy<Value = String> + 'static,
    keys: impl Strategy<Value = String> + 'static,
    depth: u32,
    size: u32,
    width: usize,
) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop_oneof![
            Just(-0.0),
            Just(1.5),
            Just(1e308),
            Just(9_007_199_254_740_993.0),
            any::<f64>()
        ]
        .prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        strings.prop_map(Value::String),
    ];
    let keys = keys.boxed();
    leaf.prop_recursive(depth, size, width as u32, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..width).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..width)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// [`json`] with strings of up to 12 and keys of up to 8 characters, any Unicode.
pub fn json_value(depth: u32, size: u32, width: usize) -> BoxedStrategy<Value> {
    json(".{0,12}", ".{0,8}", depth, size, width)
}
