//! Leads: the `Lead` answer, its page, and the create/update parameters (`POST /leads`,
//! `GET|PATCH|DELETE /leads/{id}`).
//!
//! Wire traps: `POST /leads` names the campaign `campaign` (not `campaign_id`); the bulk and
//! interest-status routes use `campaign_id` (see [`super::LeadBulkAddParams`]). `PATCH` accepts
//! only contact fields, the interest status, the value, the assignee and custom variables.

use super::common::{nullable, page_type};
use crate::error::{Error, Result};
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

/// A lead (`GET /leads/{id}` and every lead write).
///
/// Numeric codes stay open integers: see `LeadStatus`, `LeadInterestStatus` (custom labels use
/// their own numbers), and the verification/enrichment/ESP codes documented per field.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Lead {
    /// UUID.
    pub id: String,
    /// Creation time (ISO 8601).
    pub timestamp_created: String,
    /// Last update time (ISO 8601).
    pub timestamp_updated: String,
    /// Workspace (organization) UUID.
    pub organization: String,
    /// Status: 1 Active, 2 Paused, 3 Completed, -1 Bounced, -2 Unsubscribed, -3 Skipped
    /// (see `LeadStatus`).
    pub status: i64,
    /// Times the lead opened an email.
    pub email_open_count: i64,
    /// Times the lead replied.
    pub email_reply_count: i64,
    /// Times the lead clicked a link.
    pub email_click_count: i64,
    /// Domain of the lead's company. Required by the spec; optional here so that a lead
    /// without it still decodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_domain: Option<String>,
    /// Where the lead is in its sequence. Required by the spec; optional here so that a lead
    /// without it still decodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_summary: Option<LeadStatusSummary>,
    /// Campaign UUID (`null` when the lead is only in a list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// Lead list UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_id: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Personalization line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personalization: Option<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Custom variables (the API's name for them on a lead). Values are strings, numbers,
    /// booleans or `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<Map<String, Value>>,
    /// Subsequence progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_summary_subseq: Option<LeadSubsequenceStatus>,
    /// Source of the last step (e.g. `campaign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_step_from: Option<String>,
    /// UUID of the last step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_step_id: Option<String>,
    /// When the last step ran (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_step_timestamp_executed: Option<String>,
    /// Last step the lead opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_opened_step: Option<i64>,
    /// Variant of the last step opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_opened_variant: Option<i64>,
    /// Last step the lead replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_replied_step: Option<i64>,
    /// Variant of the last step replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_replied_variant: Option<i64>,
    /// Last step the lead clicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_clicked_step: Option<i64>,
    /// Variant of the last step clicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_clicked_variant: Option<i64>,
    /// Interest status (see `LeadInterestStatus`; custom labels have their own numbers);
    /// absent or `null` for a plain "Lead".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lt_interest_status: Option<i64>,
    /// Subsequence UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsequence_id: Option<String>,
    /// Verification: 1 Verified, 11 Pending, 12 Pending Verification Job, -1 Invalid,
    /// -2 Risky, -3 Catch All, -4 Job Change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_status: Option<i64>,
    /// Potential value of the lead (a string, e.g. `"High"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pl_value_lead: Option<String>,
    /// When the lead was added to the subsequence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_added_subsequence: Option<String>,
    /// Last contact time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_contact: Option<String>,
    /// Last open time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_open: Option<String>,
    /// Last reply time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_reply: Option<String>,
    /// Last interest status change time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_interest_change: Option<String>,
    /// Last click time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_click: Option<String>,
    /// Last touch time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_last_touch: Option<String>,
    /// Enrichment: 1 Enriched, 11 Pending, -1 not available, -2 Error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrichment_status: Option<i64>,
    /// Source of the last contact (e.g. `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_contacted_from: Option<String>,
    /// UUID of the user who uploaded the lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uploaded_by_user: Option<String>,
    /// `manual`, `api` or `website-visitor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upload_method: Option<String>,
    /// UUID of the assigned user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
    /// Whether the lead is a website visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_website_visitor: Option<bool>,
    /// Email provider: 0 In Queue, 1 Google, 2 Microsoft, 3 Zoho, 8 AirMail, 9 Yahoo,
    /// 10 Yandex, 12 Web.de, 13 Libero.it, 999 Other, 1000 Not Found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esp_code: Option<i64>,
    /// Email security gateway: 0 In Queue, 1 Barracuda, 2 Mimecast, 3 Proofpoint, 4 Cisco.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub esg_code: Option<i64>,
}

/// `Lead.status_summary`: the last step executed for the lead.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadStatusSummary {
    /// The last step.
    #[serde(rename = "lastStep", default, skip_serializing_if = "Option::is_none")]
    pub last_step: Option<LeadLastStep>,
    /// Whether the whole company domain is done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_complete: Option<bool>,
}

/// `Lead.status_summary.lastStep`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadLastStep {
    /// Source (e.g. `campaign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Step UUID.
    #[serde(rename = "stepID", default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<String>,
    /// When it ran (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_executed: Option<String>,
}

/// `Lead.status_summary_subseq`: the last subsequence step (camelCase on the wire).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadSubsequenceStatus {
    /// Source (e.g. `campaign`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Step UUID.
    #[serde(rename = "stepID", default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<String>,
    /// When it ran (ISO 8601).
    #[serde(
        rename = "timestampExecuted",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub timestamp_executed: Option<String>,
}

page_type!(
    /// A page of leads (`POST /leads/list`), ordered by id.
    LeadPage,
    Lead
);

/// Declares a lead body with the contact fields shared by `POST /leads` and each item of
/// `POST /leads/add`, plus the fields given.
macro_rules! lead_body {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $vis:vis $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
        pub struct $name {
            /// Email address (validated locally).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            /// First name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub first_name: Option<String>,
            /// Last name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_name: Option<String>,
            /// Company name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub company_name: Option<String>,
            /// Job title.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub job_title: Option<String>,
            /// Phone number.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub phone: Option<String>,
            /// Website.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub website: Option<String>,
            /// Personalization line.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub personalization: Option<String>,
            /// Interest status (see `LeadInterestStatus`; custom label numbers work too).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub lt_interest_status: Option<i64>,
            /// Potential value of the lead (a string, e.g. `"High"`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub pl_value_lead: Option<String>,
            /// UUID of the user to assign the lead to.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub assigned_to: Option<String>,
            /// Custom variables; values must be strings, numbers, booleans or `null` (no
            /// objects or arrays). They end up in the lead's `payload`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub custom_variables: Option<Map<String, Value>>,
            $($(#[$fdoc])* $vis $field: $ty,)*
        }
    };
}
pub(crate) use lead_body;

lead_body!(
    /// Body of `POST /leads` (one lead). Use `campaign` (not `campaign_id`) or `list_id`.
    /// With `campaign`, `email` is required; otherwise one of `email`, `first_name` or
    /// `last_name` is.
    LeadCreateParams {
        /// Campaign UUID to add the lead to. The wire name is `campaign`, unlike the bulk
        /// routes' `campaign_id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub campaign: Option<String>,
        /// Lead list UUID to add the lead to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub list_id: Option<String>,
        /// Skip if the lead is anywhere in the workspace.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub skip_if_in_workspace: Option<bool>,
        /// Skip if the lead is already in the campaign.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub skip_if_in_campaign: Option<bool>,
        /// Skip if the lead is already in the list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub skip_if_in_list: Option<bool>,
        /// Block list UUID to check the lead against.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub blocklist_id: Option<String>,
        /// Verify the lead for the lead finder.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verify_leads_for_lead_finder: Option<bool>,
        /// Verify the email address on import.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verify_leads_on_import: Option<bool>,
    }
);

/// Body of `PATCH /leads/{id}`: only the fields set are changed (at least one). A contact field,
/// `pl_value_lead` or `assigned_to` set to `null` is cleared; an absent (or `undefined`) field is
/// left alone. Email, campaign and list cannot be changed here, and the interest status cannot
/// be cleared here (the spec types it as a number): use `leads.updateInterestStatus`.
///
/// In Rust, `None` leaves a field alone, `Some(None)` clears it, `Some(Some(v))` sets it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadUpdateParams {
    /// First name (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<Option<String>>,
    /// Last name (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<Option<String>>,
    /// Company name (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_name: Option<Option<String>>,
    /// Job title (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub job_title: Option<Option<String>>,
    /// Phone number (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<Option<String>>,
    /// Website (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub website: Option<Option<String>>,
    /// Personalization line (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub personalization: Option<Option<String>>,
    /// Interest status (see `LeadInterestStatus`; custom label numbers work too). A number
    /// only: this route does not accept `null` (it is rejected locally); to reset a lead to
    /// plain "Lead" use `leads.updateInterestStatus({ lead_email, interest_value: null })`.
    /// In Rust, `Some(None)` is that rejected `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub lt_interest_status: Option<Option<i64>>,
    /// Potential value (`null` clears it).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub pl_value_lead: Option<Option<String>>,
    /// Assigned user UUID (`null` unassigns).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub assigned_to: Option<Option<String>>,
    /// Custom variables to set; values must be strings, numbers, booleans or `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_variables: Option<Map<String, Value>>,
}

/// A trimmed, non-empty value.
pub(crate) fn present(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The identity rule shared by `POST /leads` and `POST /leads/add`: in a campaign a lead needs
/// an email; elsewhere one of email, first name or last name. A given email must be valid.
pub(crate) fn check_identity(
    at: &dyn Fn(&str) -> String,
    in_campaign: bool,
    email: &Option<String>,
    first_name: &Option<String>,
    last_name: &Option<String>,
) -> Result<()> {
    if let Some(e) = email {
        validate::email(&at("email"), e)?;
    } else if in_campaign {
        return Err(Error::validation(
            at("email"),
            "is required for a lead added to a campaign",
        ));
    } else if !present(first_name) && !present(last_name) {
        return Err(Error::validation(
            at("email"),
            "a lead needs an email, a first_name or a last_name",
        ));
    }
    Ok(())
}

impl Validate for LeadCreateParams {
    fn validate(&self) -> Result<()> {
        check_identity(
            &|f| f.to_string(),
            self.campaign.is_some(),
            &self.email,
            &self.first_name,
            &self.last_name,
        )?;
        validate::custom_variables("custom_variables", self.custom_variables.as_ref())
    }
}

impl Validate for LeadUpdateParams {
    fn validate(&self) -> Result<()> {
        if *self == LeadUpdateParams::default() {
            return Err(Error::validation(
                "params",
                "set at least one field to change",
            ));
        }
        if self.lt_interest_status == Some(None) {
            return Err(Error::validation(
                "lt_interest_status",
                "cannot be null on PATCH /leads/{id} (the API accepts a number only); reset the \
                 status with leads.updateInterestStatus({ lead_email, interest_value: null })",
            ));
        }
        validate::custom_variables("custom_variables", self.custom_variables.as_ref())
    }
}
