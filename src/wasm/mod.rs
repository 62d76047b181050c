//! The JavaScript facade: wasm-bindgen classes that convert, call the core, and convert back.
//!
//! No logic lives here. Input arrives as `Ts<T>` and is decoded strictly by
//! [`crate::input::decode_input`]; output leaves as plain JSON-compatible objects; every failure
//! becomes a real JS `Error` built by [`errors`].

mod analytics;
mod background_jobs;
mod campaigns;
mod client;
mod constants;
mod convert;
mod csv;
mod errors;
mod js;
mod lead_lists;
mod leads;
mod paginate;
mod signal;
mod webhook_receive;
mod webhooks;

pub use analytics::AnalyticsApi;
pub use background_jobs::BackgroundJobsApi;
pub use campaigns::CampaignsApi;
pub use client::InstantlyClient;
pub use convert::{read_json, read_json_with, ReadLimits, DEFAULT_READ_LIMITS};
pub use lead_lists::LeadListsApi;
pub use leads::LeadsApi;
pub use paginate::ListIterator;
pub use webhooks::{WebhookEventsApi, WebhooksApi};

/// The core client over `fetch` and `setTimeout`, as every facade class holds it.
pub(crate) type Core =
    crate::Client<crate::http::fetch::FetchTransport, crate::http::fetch::JsClock>;
