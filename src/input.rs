//! Strict decoding of caller input.
//!
//! Models are shared by requests and responses, so they cannot use `deny_unknown_fields`
//! (responses must stay lenient when the API adds fields). Input from JavaScript goes through
//! [`decode_input`] instead: it deserializes with `serde_ignored` and turns every ignored key
//! into a [`ErrorKind::Validation`] error that names the field and, where it can, the field that
//! was meant (`campaign_id` on `leads.create` → "did you mean `campaign`?").

use crate::error::{Error, ErrorKind, Result};
use serde::de::{Deserialize, Deserializer};

/// Deserializes `T` from `de`, rejecting unknown fields anywhere in the input.
///
/// `what` names the input in messages, e.g. `leads.create params`.
pub fn decode_input<'de, T, D>(what: &str, de: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    let mut unknown: Vec<String> = Vec::new();
    let value: T = serde_ignored::deserialize(de, |path| unknown.push(format_path(&path)))
        .map_err(|e| type_error(what, &e.to_string()))?;
    if let Some(path) = unknown.into_iter().next() {
        let field = path.rsplit('.').next().unwrap_or(&path).to_string();
        let mut msg = format!("unknown field `{field}` in {what}");
        if let Some(hint) = suggest(&field) {
            msg.push_str(&format!("; did you mean `{hint}`?"));
        }
        let mut e = Error::new(ErrorKind::Validation, msg);
        e.field = Some(path);
        return Err(e);
    }
    Ok(value)
}

/// `schedules[0].timing.from` style path (serde_ignored's own display marks `Option`s with `?`).
fn format_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", format_path(parent)),
        Path::Map { parent, key } => {
            let p = format_path(parent);
            if p.is_empty() {
                key.to_string()
            } else {
                format!("{p}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => format_path(parent),
    }
}

/// Turns a serde error ("missing field `name`", "invalid type: …") into a validation error.
fn type_error(what: &str, serde_msg: &str) -> Error {
    let field = serde_msg.split('`').nth(1).filter(|_| {
        serde_msg.starts_with("missing field") || serde_msg.starts_with("unknown field")
    });
    let mut e = Error::new(
        ErrorKind::Validation,
        format!("invalid {what}: {serde_msg}"),
    );
    e.field = field.map(str::to_string);
    e
}

/// The field a caller most likely meant: known traps of this API first, then camelCase →
/// snake_case.
pub fn suggest(field: &str) -> Option<String> {
    const TRAPS: &[(&str, &str)] = &[
        ("campaign_id", "campaign"),
        ("campaignId", "campaign"),
        ("listId", "list_id"),
        ("interest_status", "interest_value"),
        ("lt_interest_status", "interest_value"),
        ("email_address", "email"),
        ("lead_ids", "ids"),
        ("destination_campaign_id", "to_campaign_id"),
        ("destination_campaign", "to_campaign_id"),
        ("destination_list_id", "to_list_id"),
        ("schedule", "campaign_schedule"),
        ("timeout", "timeoutMs"),
        ("api_key", "apiKey"),
        ("base_url", "baseUrl"),
    ];
    if let Some((_, to)) = TRAPS.iter().find(|(from, _)| *from == field) {
        return Some((*to).to_string());
    }
    if field.chars().any(|c| c.is_ascii_uppercase()) {
        let mut snake = String::new();
        for c in field.chars() {
            if c.is_ascii_uppercase() {
                snake.push('_');
                snake.push(c.to_ascii_lowercase());
            } else {
                snake.push(c);
            }
        }
        return Some(snake);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Inner {
        #[allow(dead_code)]
        from: String,
    }

    #[derive(Deserialize, Debug)]
    struct Params {
        #[allow(dead_code)]
        campaign: Option<String>,
        #[allow(dead_code)]
        timing: Option<Inner>,
    }

    fn decode(json: &str) -> Result<Params> {
        let mut de = serde_json::Deserializer::from_str(json);
        decode_input("leads.create params", &mut de)
    }

    #[test]
    fn unknown_top_level_field_names_the_right_one() {
        let e = decode(r#"{"campaign_id":"x"}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some("campaign_id"));
        assert!(
            e.message.contains("did you mean `campaign`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_nested_field_has_its_path() {
        let e = decode(r#"{"timing":{"from":"09:00","fromTime":"x"}}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("timing.fromTime"));
        assert!(
            e.message.contains("did you mean `from_time`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn type_errors_are_validation_errors() {
        let e = decode(r#"{"campaign":5}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert!(e.message.contains("invalid type"), "{}", e.message);
        let e = decode(r#"{"timing":{}}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("from"));
    }

    #[test]
    fn known_fields_pass() {
        decode(r#"{"campaign":"x","timing":{"from":"09:00"}}"#).unwrap();
    }
}
