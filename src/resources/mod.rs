//! One file per resource. Each method validates its input, builds an [`ApiRequest`] and lets the
//! client's request loop send it and decode the answer.
//!
//! Adding a resource means adding a file here and a model file in [`crate::models`]; nothing in
//! the request loop changes.

mod analytics;
mod background_jobs;
mod campaigns;
mod endpoint;
mod lead_lists;
mod leads;
mod webhook_events;
mod webhooks;

pub use analytics::Analytics;
pub use background_jobs::BackgroundJobs;
pub use campaigns::Campaigns;
pub use endpoint::{endpoint_request, CallEndpointOptions};
pub use lead_lists::LeadLists;
pub use leads::Leads;
pub use webhook_events::WebhookEvents;
pub use webhooks::Webhooks;

use crate::http::{path_value, PathFormat};
use crate::Result;

/// `/{collection}/{id}{suffix}` with `id` checked against its declared `format` and
/// percent-encoded (see [`path_value`]): an id can never name another route.
pub(crate) fn item_path(
    collection: &str,
    field: &str,
    id: &str,
    format: PathFormat,
    suffix: &str,
) -> Result<String> {
    let id = path_value(field, id, format)?;
    Ok(format!("/{collection}/{id}{suffix}"))
}
