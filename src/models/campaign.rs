//! Campaigns: `Campaign`, its schedule and sequence shapes, and the create/update/list/duplicate
//! parameters (`POST/GET /campaigns`, `PATCH /campaigns/{id}`, `POST /campaigns/{id}/duplicate`).

use super::common::page_type;
use crate::error::Result;
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// When a campaign sends: an optional date range and one or more weekly windows.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CampaignSchedule {
    /// First day to send, `YYYY-MM-DD` in the campaign's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Last day to send, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Weekly sending windows (at least one).
    pub schedules: Vec<Schedule>,
}

/// One weekly sending window.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Schedule {
    /// A label for the window.
    pub name: String,
    /// Daily time window, 24-hour `HH:MM`.
    pub timing: Timing,
    /// Days to send, keyed `"0"`..`"6"` (the API does not document which day `"0"` is; Sunday,
    /// as in JavaScript's `getDay()`, is the common reading). At least one key.
    pub days: BTreeMap<String, bool>,
    /// A time zone from the API's closed list (see `SCHEDULE_TIMEZONES`; `America/New_York`
    /// and `UTC` are not in it).
    pub timezone: String,
}

/// A daily `from`–`to` window in `HH:MM`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Timing {
    /// Start, `HH:MM`.
    pub from: String,
    /// End, `HH:MM`.
    pub to: String,
}

/// The email copy. Only the first sequence of `sequences` is used by the API.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Sequence {
    /// The steps, in order.
    pub steps: Vec<SequenceStep>,
}

/// One email step.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct SequenceStep {
    /// Always `"email"`.
    #[serde(rename = "type")]
    pub step_type: String,
    /// Delay before the NEXT email, in `delay_unit`.
    pub delay: f64,
    /// `minutes`, `hours` or `days` (default `days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_unit: Option<String>,
    /// Subsequences only: delay before the first email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_delay: Option<f64>,
    /// Unit of `pre_delay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_delay_unit: Option<String>,
    /// A/B variants of the email.
    pub variants: Vec<SequenceVariant>,
}

/// One variant of a step.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct SequenceVariant {
    /// Subject line (may use `{{firstName}}` variables).
    pub subject: String,
    /// HTML body; use `<br/>` for line breaks.
    pub body: String,
    /// True to disable this variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v_disabled: Option<bool>,
}

/// A campaign (`GET /campaigns/{id}` and every campaign write).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Campaign {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status code: see `CampaignStatus` (0 Draft, 1 Active, 2 Paused, 3 Completed, …).
    pub status: i64,
    /// Sending schedule.
    pub campaign_schedule: CampaignSchedule,
    /// Creation time (ISO 8601).
    pub timestamp_created: String,
    /// Last update time (ISO 8601).
    pub timestamp_updated: String,
    /// Value of each positive lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pl_value: Option<f64>,
    /// Whether the campaign keeps sending to new leads forever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_evergreen: Option<bool>,
    /// The email copy (only the first sequence is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequences: Option<Vec<Sequence>>,
    /// Gap between emails, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_gap: Option<f64>,
    /// Maximum random extra wait, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub random_wait_max: Option<f64>,
    /// Send plain text only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_only: Option<bool>,
    /// Send the first email as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_email_text_only: Option<bool>,
    /// Sending account emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_list: Option<Vec<String>>,
    /// Daily sending limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_limit: Option<f64>,
    /// Stop the sequence when a lead replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_on_reply: Option<bool>,
    /// Account tag UUIDs used for sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_tag_list: Option<Vec<String>>,
    /// Track link clicks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_tracking: Option<bool>,
    /// Track opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_tracking: Option<bool>,
    /// Stop on auto-replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_on_auto_reply: Option<bool>,
    /// Maximum new leads contacted per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_max_leads: Option<i64>,
    /// Contact new leads before follow-ups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prioritize_new_leads: Option<bool>,
    /// Automatic variant selection settings (`{trigger}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_variant_select: Option<Map<String, Value>>,
    /// Match the lead's email provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub match_lead_esp: Option<bool>,
    /// Why the campaign is not sending: 1 outside schedule, 2 waiting for lead, 3 daily limit,
    /// 4 all accounts at limit, 99 error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_sending_status: Option<i64>,
    /// Stop for the whole company when one lead replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_for_company: Option<bool>,
    /// Built-in variables (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_variables: Option<Map<String, Value>>,
    /// Custom variables (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_variables: Option<Map<String, Value>>,
    /// Insert a List-Unsubscribe header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insert_unsubscribe_header: Option<bool>,
    /// Send to risky contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_risky_contacts: Option<bool>,
    /// Disable bounce protection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_bounce_protect: Option<bool>,
    /// Per-company email limit override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_emails_per_company_override: Option<Map<String, Value>>,
    /// CC addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc_list: Option<Vec<String>>,
    /// BCC addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bcc_list: Option<Vec<String>>,
    /// Workspace (organization) UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Owner user UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<String>,
    /// AI SDR UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_sdr_id: Option<String>,
    /// Provider routing rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_routing_rules: Option<Vec<Value>>,
}

page_type!(
    /// A page of campaigns (`GET /campaigns`).
    CampaignPage,
    Campaign
);

/// Declares a campaign body struct with the optional settings shared by create and update.
macro_rules! campaign_body {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $vis:vis $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
        pub struct $name {
            $($(#[$fdoc])* $vis $field: $ty,)*
            /// Value of each positive lead.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub pl_value: Option<f64>,
            /// Keep sending to new leads forever.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub is_evergreen: Option<bool>,
            /// The email copy; only `sequences[0]` is used.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub sequences: Option<Vec<Sequence>>,
            /// Gap between emails, minutes.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email_gap: Option<f64>,
            /// Maximum random extra wait, minutes.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub random_wait_max: Option<f64>,
            /// Plain text only.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub text_only: Option<bool>,
            /// First email as plain text.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub first_email_text_only: Option<bool>,
            /// Sending account emails (on update this replaces the list).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email_list: Option<Vec<String>>,
            /// Daily sending limit.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub daily_limit: Option<f64>,
            /// Stop on reply.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub stop_on_reply: Option<bool>,
            /// Account tag UUIDs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email_tag_list: Option<Vec<String>>,
            /// Track link clicks.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub link_tracking: Option<bool>,
            /// Track opens.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub open_tracking: Option<bool>,
            /// Stop on auto-reply.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub stop_on_auto_reply: Option<bool>,
            /// Maximum new leads per day (≥ 0).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub daily_max_leads: Option<i64>,
            /// New leads first.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub prioritize_new_leads: Option<bool>,
            /// `{ trigger: "reply_rate" | "click_rate" | "open_rate" }`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub auto_variant_select: Option<Map<String, Value>>,
            /// Match the lead's email provider.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub match_lead_esp: Option<bool>,
            /// Stop for the company on reply.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub stop_for_company: Option<bool>,
            /// Insert a List-Unsubscribe header.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub insert_unsubscribe_header: Option<bool>,
            /// Send to risky contacts.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub allow_risky_contacts: Option<bool>,
            /// Disable bounce protection.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub disable_bounce_protect: Option<bool>,
            /// `{ mode: "custom" | "disabled", daily_limit?: number, scope?: "per_campaign" | "across_workspace" }`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub limit_emails_per_company_override: Option<Map<String, Value>>,
            /// CC addresses.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub cc_list: Option<Vec<String>>,
            /// BCC addresses.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub bcc_list: Option<Vec<String>>,
            /// Owner user UUID.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub owned_by: Option<String>,
            /// Provider routing rules: `{ action: "send" | "do_not_send", recipient_esp: string[], sender_esp: string[] }`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub provider_routing_rules: Option<Vec<Value>>,
        }
    };
}

campaign_body!(
    /// Body of `POST /campaigns`. A new campaign is a Draft (status 0) until activated.
    CampaignCreateParams {
        /// Campaign name (required).
        pub name: String,
        /// Sending schedule (required).
        pub campaign_schedule: CampaignSchedule,
        /// AI SDR UUID.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ai_sdr_id: Option<String>,
    }
);

campaign_body!(
    /// Body of `PATCH /campaigns/{id}`: every field optional; only the fields set are changed.
    CampaignUpdateParams {
        /// New name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        /// New schedule.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub campaign_schedule: Option<CampaignSchedule>,
    }
);

/// Query of `GET /campaigns`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CampaignListParams {
    /// Page size, 1–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Cursor from the previous page's `next_starting_after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starting_after: Option<String>,
    /// Search by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Comma-separated tag UUIDs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_ids: Option<String>,
    /// Filter by AI sales agent UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_sales_agent_id: Option<String>,
    /// Only this status (see `CampaignStatus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// Every status but this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_status: Option<i64>,
}

/// Body of `POST /campaigns/{id}/duplicate`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CampaignDuplicateParams {
    /// Name of the copy (default: `"<name> (copy)"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Validate for CampaignSchedule {
    fn validate(&self) -> Result<()> {
        if let Some(d) = &self.start_date {
            validate::date("campaign_schedule.start_date", d)?;
        }
        if let Some(d) = &self.end_date {
            validate::date("campaign_schedule.end_date", d)?;
        }
        if let (Some(start), Some(end)) = (&self.start_date, &self.end_date) {
            if start > end {
                return Err(crate::Error::validation(
                    "campaign_schedule.end_date",
                    "must not be before start_date",
                ));
            }
        }
        if self.schedules.is_empty() {
            return Err(crate::Error::validation(
                "campaign_schedule.schedules",
                "needs at least one schedule",
            ));
        }
        for (i, s) in self.schedules.iter().enumerate() {
            let at = |f: &str| format!("campaign_schedule.schedules[{i}].{f}");
            validate::non_empty(&at("name"), &s.name)?;
            validate::hh_mm(&at("timing.from"), &s.timing.from)?;
            validate::hh_mm(&at("timing.to"), &s.timing.to)?;
            if s.days.is_empty() {
                return Err(crate::Error::validation(
                    at("days"),
                    "needs at least one day",
                ));
            }
            if let Some(k) = s
                .days
                .keys()
                .find(|k| !matches!(k.as_str(), "0" | "1" | "2" | "3" | "4" | "5" | "6"))
            {
                return Err(crate::Error::validation(
                    at("days"),
                    format!("keys are \"0\"..\"6\", not {k:?}"),
                ));
            }
            validate::timezone(&at("timezone"), &s.timezone)?;
        }
        Ok(())
    }
}

fn validate_sequences(sequences: Option<&Vec<Sequence>>) -> Result<()> {
    for (i, seq) in sequences.into_iter().flatten().enumerate() {
        for (j, step) in seq.steps.iter().enumerate() {
            let at = |f: &str| format!("sequences[{i}].steps[{j}].{f}");
            if step.step_type != "email" {
                return Err(crate::Error::validation(at("type"), "must be \"email\""));
            }
            for (field, unit) in [
                ("delay_unit", &step.delay_unit),
                ("pre_delay_unit", &step.pre_delay_unit),
            ] {
                if let Some(u) = unit {
                    if !matches!(u.as_str(), "minutes" | "hours" | "days") {
                        return Err(crate::Error::validation(
                            at(field),
                            "must be minutes, hours or days",
                        ));
                    }
                }
            }
            if step.variants.is_empty() {
                return Err(crate::Error::validation(
                    at("variants"),
                    "needs at least one variant",
                ));
            }
        }
    }
    Ok(())
}

impl Validate for CampaignCreateParams {
    fn validate(&self) -> Result<()> {
        validate::non_empty("name", &self.name)?;
        self.campaign_schedule.validate()?;
        validate_sequences(self.sequences.as_ref())?;
        if let Some(n) = self.daily_max_leads {
            validate::limit_range("daily_max_leads", Some(n), 0, i64::MAX)?;
        }
        Ok(())
    }
}

impl Validate for CampaignUpdateParams {
    fn validate(&self) -> Result<()> {
        if let Some(name) = &self.name {
            validate::non_empty("name", name)?;
        }
        if let Some(s) = &self.campaign_schedule {
            s.validate()?;
        }
        validate_sequences(self.sequences.as_ref())?;
        if let Some(n) = self.daily_max_leads {
            validate::limit_range("daily_max_leads", Some(n), 0, i64::MAX)?;
        }
        Ok(())
    }
}

impl Validate for CampaignListParams {
    fn validate(&self) -> Result<()> {
        validate::limit("limit", self.limit)
    }
}
