//! Field checks run by the hand-written parts of the client (import, background jobs, path
//! values) before anything is sent. Each returns a [`crate::ErrorKind::Validation`] error
//! naming the offending field. The string formats themselves live in
//! [`engine::formats`](crate::engine::formats), shared with the operation table's validator.

use crate::engine::formats;
use crate::error::{Error, Result};

pub use crate::engine::formats::{is_email, is_hex24, is_uuid};

/// Parameters that can be checked locally.
pub trait Validate {
    /// Returns the first problem found, naming the field.
    fn validate(&self) -> Result<()>;
}

/// `field` must be an email address (see [`is_email`]).
pub fn email(field: &str, value: &str) -> Result<()> {
    if is_email(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("{} is not a valid email address", formats::quote(value)),
        ))
    }
}

/// `field` must be a UUID (see [`is_uuid`]).
pub fn uuid(field: &str, value: &str) -> Result<()> {
    if is_uuid(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!(
                "must be a UUID like \"019ffad2-9c49-7d93-989e-749770a7c9b8\" (got {})",
                formats::quote(value)
            ),
        ))
    }
}

/// `field` must be a background job id (see [`is_hex24`]).
pub fn hex24(field: &str, value: &str) -> Result<()> {
    if is_hex24(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!(
                "must be a background job id of 24 hexadecimal digits like \"675266e304a8e55b17f0228b\" (got {})",
                formats::quote(value)
            ),
        ))
    }
}

/// Exactly one of two optional targets is set.
pub fn exactly_one(a: (&str, bool), b: (&str, bool)) -> Result<()> {
    match (a.1, b.1) {
        (true, false) | (false, true) => Ok(()),
        (true, true) => Err(Error::validation(
            a.0,
            format!("set either {} or {}, not both", a.0, b.0),
        )),
        (false, false) => Err(Error::validation(
            a.0,
            format!("one of {} or {} is required", a.0, b.0),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_checks_name_the_field_and_quote_the_value() {
        email("lead_email", "jon@doe.com").unwrap();
        let e = email("lead_email", "jon doe").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("lead_email"));
        assert_eq!(
            e.message,
            "lead_email: \"jon doe\" is not a valid email address"
        );

        uuid("id", "019ffad2-9c49-7d93-989e-749770a7c9b8").unwrap();
        uuid("id", "019FFAD2-9C49-7D93-989E-749770A7C9B8").unwrap();
        let e = uuid("id", "analytics").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("id"));
        assert!(e.message.ends_with("(got \"analytics\")"), "{}", e.message);

        hex24("id", "675266e304a8e55b17f0228b").unwrap();
        for bad in [
            "",
            "675266e304a8e55b17f0228",
            "675266e304a8e55b17f0228bb",
            "z75266e304a8e55b17f0228b",
        ] {
            let e = hex24("id", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("id"), "{bad:?}");
        }
    }

    #[test]
    fn exactly_one_target() {
        exactly_one(("campaign_id", true), ("list_id", false)).unwrap();
        exactly_one(("campaign_id", false), ("list_id", true)).unwrap();
        let both = exactly_one(("campaign_id", true), ("list_id", true)).unwrap_err();
        assert_eq!(both.field.as_deref(), Some("campaign_id"));
        assert_eq!(
            both.message,
            "campaign_id: set either campaign_id or list_id, not both"
        );
        let neither = exactly_one(("campaign_id", false), ("list_id", false)).unwrap_err();
        assert_eq!(
            neither.message,
            "campaign_id: one of campaign_id or list_id is required"
        );
    }
}
