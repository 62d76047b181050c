//! Unit tests of the validator's private parts, on hand-written schemas.

use super::*;
use crate::engine::table::{Answer, Array, Format, Hook, Num, Paging, Str};
use crate::http::Method;
use serde_json::json;

// The checks at a path given as text (the validator builds paths as it descends).
fn check(schema: &Schema, value: &Value, path: &str, op: &Operation) -> Result<()> {
    super::check(schema, value, &Path::Text(path), op)
}

fn unknown_in(schema: &Schema, value: &Value, path: &str, op: &Operation) -> Result<()> {
    super::unknown_in(schema, value, &Path::Text(path), op)
}

fn check_object_fields(
    o: &Object,
    map: &Map<String, Value>,
    path: &str,
    op: &Operation,
) -> Result<()> {
    super::check_object_fields(o, map, &Path::Text(path), op)
}

fn not_in_list(path: &str, text: &str, values: &[&str]) -> Error {
    super::not_in_list(&Path::Text(path), text, values)
}

// ---- schemas -------------------------------------------------------------------------------

const fn text(min_len: u32, max_len: u32, values: &'static [&'static str]) -> Schema {
    Schema {
        kind: Kind::Str(Str {
            format: Format::None,
            values,
            min_len,
            max_len,
        }),
        nullable: false,
        not: None,
    }
}

const fn number(integer: bool, min: f64, max: f64) -> Schema {
    Schema {
        kind: Kind::Num(Num {
            integer,
            min,
            max,
            values: &[],
        }),
        nullable: false,
        not: None,
    }
}

const fn plain(kind: Kind) -> Schema {
    Schema {
        kind,
        nullable: false,
        not: None,
    }
}

const fn closed(fields: &'static [Field]) -> Object {
    Object {
        fields,
        extra: Extra::Deny,
        min_props: 0,
        any_of: &[],
    }
}

static TEXT: Schema = text(0, u32::MAX, &[]);
static NULLABLE_TEXT: Schema = Schema {
    kind: Kind::Str(Str {
        format: Format::None,
        values: &[],
        min_len: 0,
        max_len: u32::MAX,
    }),
    nullable: true,
    not: None,
};
static NON_EMPTY: Schema = text(1, u32::MAX, &[]);
static THREE_TO_FIVE: Schema = text(3, 5, &[]);
static AT_LEAST_5: Schema = text(5, u32::MAX, &[]);
static AT_LEAST_10: Schema = text(10, u32::MAX, &[]);
static PAUSED: Schema = text(0, u32::MAX, &["paused"]);
static A_OR_B: Schema = text(0, u32::MAX, &["a", "b"]);
static NUM: Schema = number(false, f64::NEG_INFINITY, f64::INFINITY);
static ONE_TO_FIVE: Schema = number(false, 1.0, 5.0);
static AT_LEAST_10_NUM: Schema = number(false, 10.0, f64::INFINITY);
static FLAG: Schema = plain(Kind::Bool);
static TRUE_ONLY: Schema = plain(Kind::BoolIs(true));
static FALSE_ONLY: Schema = plain(Kind::BoolIs(false));
static ANY: Schema = plain(Kind::Any);
static ONE_TO_THREE_TEXTS: Schema = plain(Kind::Array(Array {
    items: &TEXT,
    min: 1,
    max: 3,
    contains: None,
}));

static NAMED: Schema = plain(Kind::Object(closed(&[Field {
    name: "name",
    schema: &TEXT,
    required: false,
}])));
static COUNTED: Schema = plain(Kind::Object(closed(&[Field {
    name: "count",
    schema: &NUM,
    required: false,
}])));
static TEXT_OR_NUM: Schema = plain(Kind::OneOf(&[&TEXT, &NUM]));
static NULLABLE_TEXT_OR_NUM: Schema = Schema {
    kind: Kind::OneOf(&[&TEXT, &NUM]),
    nullable: true,
    not: None,
};
static NAMED_OR_TEXT: Schema = plain(Kind::OneOf(&[&NAMED, &TEXT]));
static NAMED_OR_COUNTED: Schema = plain(Kind::OneOf(&[&NAMED, &COUNTED]));
static NUM_OR_LONG_TEXTS: Schema = plain(Kind::OneOf(&[&NUM, &AT_LEAST_5, &AT_LEAST_10]));

// `not` schemas.
static NOT_DISABLED: Schema = plain(Kind::Object(closed(&[Field {
    name: "v_disabled",
    schema: &TRUE_ONLY,
    required: true,
}])));
static NOT_ENABLED: Schema = plain(Kind::Object(closed(&[Field {
    name: "enabled",
    schema: &FALSE_ONLY,
    required: true,
}])));
static NOT_PAUSED_WITH_MODE: Schema = plain(Kind::Object(closed(&[
    Field {
        name: "status",
        schema: &PAUSED,
        required: true,
    },
    Field {
        name: "mode",
        schema: &ANY,
        required: true,
    },
    Field {
        name: "note",
        schema: &TEXT,
        required: false,
    },
])));
static NOT_A_OR_B: Schema = plain(Kind::Object(closed(&[Field {
    name: "kind",
    schema: &A_OR_B,
    required: true,
}])));
static NOT_NOTHING_REQUIRED: Schema = plain(Kind::Object(closed(&[Field {
    name: "note",
    schema: &TEXT,
    required: false,
}])));
static SETTINGS: Schema = Schema {
    kind: Kind::Object(Object {
        fields: &[Field {
            name: "v_disabled",
            schema: &FLAG,
            required: false,
        }],
        extra: Extra::Any,
        min_props: 0,
        any_of: &[],
    }),
    nullable: false,
    not: Some(&NOT_DISABLED),
};

// `anyOf` alternatives: `a` (any string) or `b` (a number of at least 10).
static ALT_A: Schema = plain(Kind::Object(Object {
    fields: &[
        Field {
            name: "a",
            schema: &TEXT,
            required: true,
        },
        Field {
            name: "note",
            schema: &TEXT,
            required: false,
        },
    ],
    extra: Extra::Any,
    min_props: 0,
    any_of: &[],
}));
static ALT_B: Schema = plain(Kind::Object(Object {
    fields: &[Field {
        name: "b",
        schema: &AT_LEAST_10_NUM,
        required: true,
    }],
    extra: Extra::Any,
    min_props: 0,
    any_of: &[],
}));
static A_OR_B_REQUIRED: Object = Object {
    fields: &[],
    extra: Extra::Any,
    min_props: 0,
    any_of: &[&ALT_A, &ALT_B],
};

// ---- operations ----------------------------------------------------------------------------

static DRY_RUN: [Field; 1] = [Field {
    name: "dry_run",
    schema: &FLAG,
    required: false,
}];

const fn post(call: &'static str, body: &'static Object, rules: &'static [Rule]) -> Operation {
    Operation {
        id: "postThing",
        call,
        method: Method::Post,
        path: "/things",
        path_params: &[],
        query: &DRY_RUN,
        body: Some(body),
        body_required: true,
        retry_safe: false,
        paging: Paging::None,
        answer: Answer::Json,
        hook: Hook::None,
        rules,
        traps: &[],
    }
}

/// A body with one declared field, `name`, whose other keys must hold numbers.
static MAP_BODY: Object = Object {
    fields: &[Field {
        name: "name",
        schema: &TEXT,
        required: false,
    }],
    extra: Extra::Values(&NUM),
    min_props: 0,
    any_of: &[],
};
static MAP_OP: Operation = post("things.create", &MAP_BODY, &[]);

/// A body that takes any other key.
static OPEN_BODY: Object = Object {
    fields: &[Field {
        name: "name",
        schema: &TEXT,
        required: false,
    }],
    extra: Extra::Any,
    min_props: 0,
    any_of: &[],
};
static OPEN_OP: Operation = post("things.open", &OPEN_BODY, &[]);

/// A body whose other keys must be `{ name }` objects.
static NAMED_MAP_BODY: Object = Object {
    fields: &[],
    extra: Extra::Values(&NAMED),
    min_props: 0,
    any_of: &[],
};
static NAMED_MAP_OP: Operation = post("things.named", &NAMED_MAP_BODY, &[]);

fn params(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// The error's field and full message.
fn err(r: Result<()>) -> (String, String) {
    let e = r.expect_err("expected a validation error");
    assert_eq!(e.kind, ErrorKind::Validation);
    (e.field.clone().unwrap_or_default(), e.message.clone())
}

fn owned(field: &str, message: &str) -> (String, String) {
    (field.to_string(), message.to_string())
}

// ---- check_value and pass 1 ----------------------------------------------------------------

#[test]
fn check_value_refuses_a_value_of_the_wrong_type() {
    assert_eq!(
        err(check_value(&TEXT, &json!(1), "label", &MAP_OP)),
        owned("label", "label: must be a string (got a number)")
    );
    assert!(check_value(&TEXT, &json!("x"), "label", &MAP_OP).is_ok());
}

#[test]
fn check_value_names_an_unknown_key_with_the_field_that_was_meant() {
    assert_eq!(
        err(check_value(
            &NAMED,
            &json!({ "nmae": "x" }),
            "thing",
            &MAP_OP
        )),
        owned(
            "thing.nmae",
            "unknown field `nmae` in things.create params; did you mean `name`?"
        )
    );
}

#[test]
fn an_open_body_takes_keys_it_does_not_declare() {
    assert!(check_params(&OPEN_OP, &params(json!({ "anything": [1, 2] }))).is_ok());
}

#[test]
fn a_map_body_checks_unknown_keys_inside_its_values() {
    assert!(check_params(&NAMED_MAP_OP, &params(json!({ "k": { "name": "n" } }))).is_ok());
    assert_eq!(
        err(check_params(
            &NAMED_MAP_OP,
            &params(json!({ "k": { "nam": "n" } }))
        )),
        owned(
            "k.nam",
            "unknown field `nam` in things.named params; did you mean `name`?"
        )
    );
}

#[test]
fn unknown_keys_are_found_inside_the_one_of_member_of_the_values_type() {
    // Only the object member takes an object, so its closed field list applies.
    assert_eq!(
        err(check_value(
            &NAMED_OR_TEXT,
            &json!({ "colour": 1 }),
            "thing",
            &MAP_OP
        )),
        owned(
            "thing.colour",
            "unknown field `colour` in things.create params"
        )
    );
    assert!(check_value(&NAMED_OR_TEXT, &json!({ "name": "n" }), "thing", &MAP_OP).is_ok());
}

#[test]
fn unknown_keys_are_not_judged_when_two_one_of_members_take_the_values_type() {
    assert!(unknown_in(&NAMED_OR_COUNTED, &json!({ "colour": 1 }), "thing", &MAP_OP).is_ok());
}

// ---- types ---------------------------------------------------------------------------------

#[test]
fn type_matches_compares_json_types() {
    assert!(type_matches(&TEXT, &json!("x")));
    assert!(!type_matches(&TEXT, &json!(1)));
    assert!(type_matches(&NUM, &json!(1.5)));
    assert!(!type_matches(&NUM, &json!("1")));
    assert!(type_matches(&ANY, &json!(null)));
}

#[test]
fn type_matches_takes_null_only_for_a_nullable_schema() {
    assert!(!type_matches(&TEXT, &json!(null)));
    assert!(type_matches(&NULLABLE_TEXT, &json!(null)));
    assert!(type_matches(&NULLABLE_TEXT, &json!("x")));
    assert!(!type_matches(&NULLABLE_TEXT, &json!(1)));
}

#[test]
fn type_fits_a_one_of_when_a_member_takes_the_type() {
    assert!(type_fits(&TEXT_OR_NUM, &json!("x")));
    assert!(type_fits(&TEXT_OR_NUM, &json!(2)));
    assert!(!type_fits(&TEXT_OR_NUM, &json!(true)));
    assert!(!type_fits(&TEXT_OR_NUM, &json!(null)));
    assert!(type_fits(&NULLABLE_TEXT_OR_NUM, &json!(null)));
    assert!(!type_fits(&NULLABLE_TEXT_OR_NUM, &json!([])));
}

#[test]
fn type_fits_other_schemas_by_their_own_type() {
    assert!(type_fits(&TEXT, &json!("x")));
    assert!(!type_fits(&TEXT, &json!(1)));
}

#[test]
fn json_type_names_each_json_type() {
    assert_eq!(json_type(&json!(null)), "null");
    assert_eq!(json_type(&json!(false)), "a boolean");
    assert_eq!(json_type(&json!(1)), "a number");
    assert_eq!(json_type(&json!("s")), "a string");
    assert_eq!(json_type(&json!([])), "an array");
    assert_eq!(json_type(&json!({})), "an object");
}

#[test]
fn kind_name_names_each_kind() {
    let num = |integer| {
        Kind::Num(Num {
            integer,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            values: &[],
        })
    };
    assert_eq!(kind_name(&Kind::Any), "any value");
    assert_eq!(kind_name(&Kind::Bool), "a boolean");
    assert_eq!(kind_name(&Kind::BoolIs(true)), "true");
    assert_eq!(kind_name(&Kind::BoolIs(false)), "false");
    assert_eq!(kind_name(&TEXT.kind), "a string");
    assert_eq!(kind_name(&num(true)), "an integer");
    assert_eq!(kind_name(&num(false)), "a number");
    assert_eq!(kind_name(&ONE_TO_THREE_TEXTS.kind), "an array");
    assert_eq!(kind_name(&NAMED.kind), "an object");
    assert_eq!(kind_name(&TEXT_OR_NUM.kind), "one of several types");
}

// ---- check_kind ----------------------------------------------------------------------------

#[test]
fn a_fixed_boolean_takes_only_its_value() {
    assert!(check(&TRUE_ONLY, &json!(true), "on", &MAP_OP).is_ok());
    assert_eq!(
        err(check(&TRUE_ONLY, &json!(false), "on", &MAP_OP)),
        owned("on", "on: must be true (got a boolean)")
    );
    assert!(check(&FALSE_ONLY, &json!(false), "off", &MAP_OP).is_ok());
}

#[test]
fn a_string_of_exactly_the_minimum_length_passes() {
    assert!(check(&THREE_TO_FIVE, &json!("abc"), "s", &MAP_OP).is_ok());
    assert!(check(&THREE_TO_FIVE, &json!("äöü"), "s", &MAP_OP).is_ok());
}

#[test]
fn a_string_one_shorter_than_the_minimum_is_refused() {
    assert_eq!(
        err(check(&THREE_TO_FIVE, &json!("ab"), "s", &MAP_OP)),
        owned("s", "s: must be at least 3 characters long")
    );
}

#[test]
fn an_empty_string_where_one_character_is_needed_must_not_be_empty() {
    assert_eq!(
        err(check(&NON_EMPTY, &json!(""), "s", &MAP_OP)),
        owned("s", "s: must not be empty")
    );
    assert!(check(&NON_EMPTY, &json!("a"), "s", &MAP_OP).is_ok());
}

#[test]
fn a_string_of_exactly_the_maximum_length_passes() {
    assert!(check(&THREE_TO_FIVE, &json!("abcde"), "s", &MAP_OP).is_ok());
}

#[test]
fn a_string_one_longer_than_the_maximum_is_refused() {
    assert_eq!(
        err(check(&THREE_TO_FIVE, &json!("abcdef"), "s", &MAP_OP)),
        owned("s", "s: must be at most 5 characters long")
    );
}

#[test]
fn a_number_at_the_bounds_passes_and_past_them_is_refused() {
    assert!(check(&ONE_TO_FIVE, &json!(1), "n", &MAP_OP).is_ok());
    assert!(check(&ONE_TO_FIVE, &json!(5), "n", &MAP_OP).is_ok());
    assert!(check(&ONE_TO_FIVE, &json!(5.0), "n", &MAP_OP).is_ok());
    assert_eq!(
        err(check(&ONE_TO_FIVE, &json!(5.5), "n", &MAP_OP)),
        owned("n", "n: must be between 1 and 5 (got 5.5)")
    );
    assert_eq!(
        err(check(&ONE_TO_FIVE, &json!(0), "n", &MAP_OP)),
        owned("n", "n: must be between 1 and 5 (got 0)")
    );
}

#[test]
fn an_array_of_exactly_the_maximum_count_passes() {
    assert!(check(&ONE_TO_THREE_TEXTS, &json!(["a", "b", "c"]), "xs", &MAP_OP).is_ok());
}

#[test]
fn an_array_one_longer_than_the_maximum_is_refused() {
    assert_eq!(
        err(check(
            &ONE_TO_THREE_TEXTS,
            &json!(["a", "b", "c", "d"]),
            "xs",
            &MAP_OP
        )),
        owned("xs", "xs: must hold 1 to 3 items (got 4)")
    );
}

#[test]
fn a_one_of_reports_the_first_member_of_the_values_type_that_refused_it() {
    // The number member is skipped (wrong type); of the two string members the first explains.
    assert_eq!(
        err(check(&NUM_OR_LONG_TEXTS, &json!("ab"), "v", &MAP_OP)),
        owned("v", "v: must be at least 5 characters long")
    );
    assert!(check(&NUM_OR_LONG_TEXTS, &json!("abcde"), "v", &MAP_OP).is_ok());
}

#[test]
fn a_one_of_no_member_of_which_takes_the_type_lists_the_types() {
    assert_eq!(
        err(check(&TEXT_OR_NUM, &json!(true), "v", &MAP_OP)),
        owned("v", "v: must be a string or a number (got a boolean)")
    );
}

// ---- not -----------------------------------------------------------------------------------

#[test]
fn a_value_matching_the_not_schema_is_refused_in_words() {
    assert_eq!(
        err(check(
            &SETTINGS,
            &json!({ "v_disabled": true }),
            "settings",
            &MAP_OP
        )),
        owned(
            "settings",
            "settings: must not have `v_disabled` set to true"
        )
    );
    assert!(check(
        &SETTINGS,
        &json!({ "v_disabled": false }),
        "settings",
        &MAP_OP
    )
    .is_ok());
    assert!(check(&SETTINGS, &json!({}), "settings", &MAP_OP).is_ok());
}

#[test]
fn describe_not_names_fixed_booleans() {
    assert_eq!(
        describe_not(&NOT_DISABLED),
        "must not have `v_disabled` set to true"
    );
    assert_eq!(
        describe_not(&NOT_ENABLED),
        "must not have `enabled` set to false"
    );
}

#[test]
fn describe_not_names_a_single_value_string_and_an_any_field() {
    assert_eq!(
        describe_not(&NOT_PAUSED_WITH_MODE),
        "must not have `status` set to \"paused\" and `mode`"
    );
}

#[test]
fn describe_not_does_not_quote_a_string_with_several_values() {
    assert_eq!(
        describe_not(&NOT_A_OR_B),
        "must not have `kind` set like that"
    );
}

#[test]
fn describe_not_without_required_fields_or_of_a_non_object_is_generic() {
    assert_eq!(
        describe_not(&NOT_NOTHING_REQUIRED),
        "has a shape the API refuses"
    );
    assert_eq!(describe_not(&TEXT), "has a shape the API refuses");
}

// ---- objects -------------------------------------------------------------------------------

#[test]
fn extra_body_keys_are_checked_against_the_values_schema() {
    assert_eq!(
        err(check_params(&MAP_OP, &params(json!({ "x": "s" })))),
        owned("x", "x: must be a number (got a string)")
    );
    assert!(check_params(&MAP_OP, &params(json!({ "x": 2 }))).is_ok());
}

#[test]
fn declared_fields_and_query_params_are_not_checked_against_the_values_schema() {
    assert!(check_params(
        &MAP_OP,
        &params(json!({ "name": "n", "dry_run": true, "x": 1 }))
    )
    .is_ok());
}

#[test]
fn extra_keys_of_a_nested_map_named_like_a_query_param_are_checked() {
    static WRAPPER: Object = Object {
        fields: &[],
        extra: Extra::Values(&NUM),
        min_props: 0,
        any_of: &[],
    };
    assert_eq!(
        err(check_object_fields(
            &WRAPPER,
            &params(json!({ "dry_run": "yes" })),
            "inner",
            &MAP_OP
        )),
        owned(
            "inner.dry_run",
            "inner.dry_run: must be a number (got a string)"
        )
    );
}

#[test]
fn any_of_reports_the_alternative_whose_required_fields_are_there() {
    assert_eq!(
        err(check_object_fields(
            &A_OR_B_REQUIRED,
            &params(json!({ "b": 1 })),
            "",
            &MAP_OP
        )),
        owned("b", "b: must be at least 10 (got 1)")
    );
    assert!(
        check_object_fields(&A_OR_B_REQUIRED, &params(json!({ "b": 10 })), "", &MAP_OP).is_ok()
    );
    assert!(
        check_object_fields(&A_OR_B_REQUIRED, &params(json!({ "a": "x" })), "", &MAP_OP).is_ok()
    );
}

#[test]
fn any_of_with_no_alternative_complete_lists_the_required_fields() {
    assert_eq!(
        err(check_object_fields(
            &A_OR_B_REQUIRED,
            &params(json!({ "note": "n" })),
            "",
            &MAP_OP
        )),
        owned("a", "a: one of `a` or `b` is required")
    );
    assert_eq!(
        err(check_object_fields(
            &A_OR_B_REQUIRED,
            &params(json!({})),
            "target",
            &MAP_OP
        )),
        owned("target.a", "target.a: one of `a` or `b` is required")
    );
}

#[test]
fn required_of_lists_an_objects_required_fields() {
    assert_eq!(required_of(&ALT_A), vec!["a"]);
    assert_eq!(required_of(&NOT_PAUSED_WITH_MODE), vec!["status", "mode"]);
    assert!(required_of(&NOT_NOTHING_REQUIRED).is_empty());
    assert!(required_of(&TEXT).is_empty());
}

// ---- messages ------------------------------------------------------------------------------

#[test]
fn not_in_list_hints_the_value_meant_for_that_field_and_value() {
    let e = not_in_list("settings.timezone", "Etc/UTC", &["Africa/Abidjan"]);
    assert_eq!(e.field.as_deref(), Some("settings.timezone"));
    assert_eq!(
        e.message,
        "settings.timezone: must be one of \"Africa/Abidjan\" (got \"Etc/UTC\") (try \"Africa/Abidjan\")"
    );
}

#[test]
fn not_in_list_lists_up_to_twelve_values() {
    let twelve = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    let e = not_in_list("letter", "z", &twelve);
    assert_eq!(
        e.message,
        "letter: must be one of \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\", \"j\", \"k\", \"l\" (got \"z\")"
    );
}

#[test]
fn not_in_list_counts_more_than_twelve_values() {
    let thirteen = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
    ];
    let e = not_in_list("letter", "z", &thirteen);
    assert_eq!(
        e.message,
        "letter: \"z\" is not in the API's list of 13 accepted values"
    );
}

#[test]
fn fmt_num_writes_whole_numbers_without_a_fraction() {
    assert_eq!(fmt_num(3.0), "3");
    assert_eq!(fmt_num(-2.0), "-2");
    assert_eq!(fmt_num(999_999_999_999_999.0), "999999999999999");
}

#[test]
fn fmt_num_writes_fractions_and_huge_numbers_in_json_form() {
    assert_eq!(fmt_num(2.5), "2.5");
    // From 1e15 on, as JSON writes the float (not cast to an integer).
    assert_eq!(fmt_num(1e15), "1000000000000000.0");
    assert_eq!(fmt_num(1e20), "1e+20");
}

#[test]
fn range_message_says_which_bounds_there_are() {
    let got = serde_json::Number::from(7);
    assert_eq!(
        range_message(1.0, 5.0, &got),
        "must be between 1 and 5 (got 7)"
    );
    assert_eq!(
        range_message(10.0, f64::INFINITY, &got),
        "must be at least 10 (got 7)"
    );
    assert_eq!(
        range_message(f64::NEG_INFINITY, 5.0, &got),
        "must be at most 5 (got 7)"
    );
}

#[test]
fn count_message_says_which_bounds_there_are() {
    assert_eq!(
        count_message(1, u32::MAX, 0, "item"),
        "must hold at least 1 item(s) (got 0)"
    );
    assert_eq!(
        count_message(1, 3, 4, "item"),
        "must hold 1 to 3 items (got 4)"
    );
}

// ---- rules ---------------------------------------------------------------------------------

#[test]
fn present_counts_a_non_empty_array_and_not_an_empty_one() {
    let map = params(json!({ "empty": [], "full": [1], "null": null, "zero": 0 }));
    assert!(!present(&map, "empty"));
    assert!(present(&map, "full"));
    assert!(!present(&map, "null"));
    assert!(present(&map, "zero"));
    assert!(!present(&map, "absent"));
}

#[test]
fn not_before_ignores_a_date_cut_inside_a_character() {
    // Byte 10 falls inside `é`: the value is not a date, and it must not panic.
    let rule = Rule::NotBefore("start", "end");
    assert!(check_rule(
        &rule,
        &params(json!({ "start": "2024-01-0é5", "end": "2020-01-01" }))
    )
    .is_ok());
    assert_eq!(
        err(check_rule(
            &rule,
            &params(json!({ "start": "2024-01-05", "end": "2020-01-01" }))
        )),
        owned(
            "end",
            "end: must not be before `start` (2020-01-01 < 2024-01-05)"
        )
    );
}

#[test]
fn header_values_with_a_line_break_or_nul_are_refused() {
    let rule = Rule::HeaderMap("headers");
    for bad in ["a\nb", "a\rb", "a\0b"] {
        assert_eq!(
            err(check_rule(
                &rule,
                &params(json!({ "headers": { "X-A": bad } }))
            )),
            owned("headers.X-A", "headers.X-A: must be a single-line string"),
            "{bad:?}"
        );
    }
    assert!(check_rule(&rule, &params(json!({ "headers": { "X-A": "a b" } }))).is_ok());
}
