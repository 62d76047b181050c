//! Bulk and asynchronous lead writes: `POST /leads/add` (up to 1000 leads) and
//! `POST /leads/update-interest-status` (202 Accepted).
//!
//! Wire traps: both use `campaign_id` (not `campaign` as `POST /leads` does). The bulk answer
//! has counts and `created_leads` only: there is no list of failed or updated leads, and
//! existing leads are not updated (they are counted as duplicated or skipped).

use super::common::required_nullable;
use super::lead::{check_identity, lead_body};
use crate::error::{Error, Result};
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Most leads one `POST /leads/add` accepts.
pub const MAX_BULK_LEADS: usize = 1000;

lead_body!(
    /// One lead of `POST /leads/add`. In campaign mode it needs an `email`; in list mode one of
    /// `email`, `first_name` or `last_name`.
    LeadBulkItem {}
);

/// Body of `POST /leads/add`: 1–1000 leads into exactly one of `campaign_id` or `list_id`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadBulkAddParams {
    /// The leads (1–1000).
    pub leads: Vec<LeadBulkItem>,
    /// Campaign UUID (note: `campaign_id` here, unlike `POST /leads`). Exactly one of
    /// `campaign_id` or `list_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// Lead list UUID. Exactly one of `campaign_id` or `list_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_id: Option<String>,
    /// Block list UUID to check against (default: the workspace's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocklist_id: Option<String>,
    /// Assign every imported lead to this user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
    /// Start a background job verifying the imported emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_leads_on_import: Option<bool>,
    /// Skip leads that exist anywhere in the workspace (overrides the other skip flags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_if_in_workspace: Option<bool>,
    /// Skip leads that are in any campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_if_in_campaign: Option<bool>,
    /// Skip leads that are in any list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_if_in_list: Option<bool>,
}

/// Answer of `POST /leads/add`: what happened to the leads sent, as counts.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct LeadBulkAddResult {
    /// `"success"` when the request was processed.
    pub status: String,
    /// Leads in the request.
    pub total_sent: i64,
    /// Leads created.
    pub leads_uploaded: i64,
    /// Skipped: on the block list.
    pub in_blocklist: i64,
    /// The block list checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocklist_used: Option<String>,
    /// Skipped: already in this campaign or list.
    pub duplicated_leads: i64,
    /// Skipped by the `skip_if_in_*` flags.
    pub skipped_count: i64,
    /// Skipped: invalid or missing email.
    pub invalid_email_count: i64,
    /// Skipped: no email and no name (lists only).
    pub incomplete_count: i64,
    /// Skipped: the email appeared twice in the request.
    pub duplicate_email_count: i64,
    /// Lead uploads left in the plan (campaign mode only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_in_plan: Option<i64>,
    /// The leads created, with their index in the request.
    pub created_leads: Vec<CreatedLead>,
}

/// One created lead of a bulk add.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct CreatedLead {
    /// Index of the lead in the request's `leads` (the key for leads without an email).
    pub index: i64,
    /// The new lead's UUID.
    pub id: String,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Body of `POST /leads/update-interest-status`. `interest_value` is required: a number (see
/// `LeadInterestStatus`, or a custom label's number) or `null` to reset the lead to "Lead".
/// The change is applied by a background job; the call answers 202.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct UpdateInterestStatusParams {
    /// The lead's email (required, validated).
    pub lead_email: String,
    /// The new interest status, or `null` (Rust: `None`) to reset to plain "Lead". Always sent.
    #[serde(deserialize_with = "required_nullable")]
    pub interest_value: Option<i64>,
    /// Limit the change to the lead in this campaign (`campaign_id` on this route).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// Limit the change to the lead in this list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_id: Option<String>,
    /// The AI interest value to record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_interest_value: Option<i64>,
    /// Stop automatic interest detection for the lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_auto_interest: Option<bool>,
}

/// Answer (202 Accepted) of `POST /leads/update-interest-status`: the job was queued.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct UpdateInterestStatusResult {
    /// E.g. `"Lead interest status update background job submitted"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Validate for LeadBulkAddParams {
    fn validate(&self) -> Result<()> {
        if self.leads.is_empty() || self.leads.len() > MAX_BULK_LEADS {
            return Err(Error::validation(
                "leads",
                format!(
                    "must hold 1 to {MAX_BULK_LEADS} leads (got {}); split larger imports",
                    self.leads.len()
                ),
            ));
        }
        validate::exactly_one(
            ("campaign_id", self.campaign_id.is_some()),
            ("list_id", self.list_id.is_some()),
        )?;
        let in_campaign = self.campaign_id.is_some();
        for (i, lead) in self.leads.iter().enumerate() {
            let at = |f: &str| format!("leads[{i}].{f}");
            check_identity(
                &at,
                in_campaign,
                &lead.email,
                &lead.first_name,
                &lead.last_name,
            )?;
            validate::custom_variables(&at("custom_variables"), lead.custom_variables.as_ref())?;
        }
        Ok(())
    }
}

impl Validate for UpdateInterestStatusParams {
    fn validate(&self) -> Result<()> {
        validate::email("lead_email", &self.lead_email)
    }
}
