//! The client's own types beside the generated models: status constants, the import's settings
//! and report, analytics rates and the schedule timezones. Everything the spec defines is
//! generated (`crate::generated::models`).

mod common;
mod lead_import;
mod rates;
mod timezones;

pub use common::*;
pub use lead_import::*;
pub use rates::*;
pub use timezones::SCHEDULE_TIMEZONES;
