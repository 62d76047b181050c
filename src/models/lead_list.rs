//! Lead lists (`/lead-lists`, `/lead-lists/{id}`): containers for leads outside campaigns.

use super::common::{nullable, page_type};
use crate::error::{Error, Result};
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};

/// A lead list.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct LeadList {
    /// UUID.
    pub id: String,
    /// Workspace (organization) UUID.
    pub organization_id: String,
    /// Name.
    pub name: String,
    /// Creation time (ISO 8601).
    pub timestamp_created: String,
    /// Whether every added lead is enriched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_enrichment_task: Option<bool>,
    /// Owner user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<String>,
}

page_type!(
    /// A page of lead lists (`GET /lead-lists`).
    LeadListPage,
    LeadList
);

/// Body of `POST /lead-lists`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadListCreateParams {
    /// Name (required).
    pub name: String,
    /// Enrich every added lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_enrichment_task: Option<bool>,
    /// Owner user UUID (default: the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<String>,
}

/// Body of `PATCH /lead-lists/{id}`: at least one field; `null` clears a nullable field.
/// In Rust, `None` leaves a field alone and `Some(None)` clears it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadListUpdateParams {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Enrich every added lead (`null` clears the setting).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub has_enrichment_task: Option<Option<bool>>,
    /// Owner user UUID (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub owned_by: Option<Option<String>>,
}

/// Query of `GET /lead-lists`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadListListParams {
    /// Page size, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Cursor from the previous page's `next_starting_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<String>,
    /// Only lists with (or without) an enrichment task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_enrichment_task: Option<bool>,
    /// Search by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

impl Validate for LeadListCreateParams {
    fn validate(&self) -> Result<()> {
        validate::non_empty("name", &self.name)
    }
}

impl Validate for LeadListUpdateParams {
    fn validate(&self) -> Result<()> {
        if *self == LeadListUpdateParams::default() {
            return Err(Error::validation(
                "params",
                "set at least one field to change",
            ));
        }
        if let Some(name) = &self.name {
            validate::non_empty("name", name)?;
        }
        Ok(())
    }
}

impl Validate for LeadListListParams {
    fn validate(&self) -> Result<()> {
        validate::limit("limit", self.limit)
    }
}
