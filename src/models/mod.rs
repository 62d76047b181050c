//! Request and response models: serde + tsify, snake_case wire fields, one file per resource.
//!
//! Responses decode leniently: unknown fields are ignored, numeric statuses are open integers
//! (custom labels and future values decode fine). Input strictness is applied where input enters
//! (see [`crate::input`]), so the same nested types serve both directions.

mod background_job;
mod common;
mod lead_import;
mod rates;
mod timezones;

pub use background_job::*;
pub use common::*;
pub use lead_import::*;
pub use rates::*;
pub use timezones::SCHEDULE_TIMEZONES;
