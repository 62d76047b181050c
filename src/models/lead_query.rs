//! Selecting leads: the filter vocabulary shared by `POST /leads/list` and `POST /leads/move`.
//!
//! Both routes accept unknown keys without complaint (a mistyped `campaign_id` would silently
//! select every lead), which is why these bodies are decoded strictly and checked locally.

use super::common::string_union;
use crate::error::{Error, Result};
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};
use tsify::Tsify;

string_union!(
    /// The `filter` values of `POST /leads/list` and `POST /leads/move`. For custom lead labels
    /// the API filters by interest status instead.
    LeadFilter {
        /// Contacted leads.
        ValContacted = "FILTER_VAL_CONTACTED",
        /// Not yet contacted.
        ValNotContacted = "FILTER_VAL_NOT_CONTACTED",
        /// Sequence completed.
        ValCompleted = "FILTER_VAL_COMPLETED",
        /// Unsubscribed.
        ValUnsubscribed = "FILTER_VAL_UNSUBSCRIBED",
        /// Active.
        ValActive = "FILTER_VAL_ACTIVE",
        /// Interested.
        LeadInterested = "FILTER_LEAD_INTERESTED",
        /// Not interested.
        LeadNotInterested = "FILTER_LEAD_NOT_INTERESTED",
        /// Meeting booked.
        LeadMeetingBooked = "FILTER_LEAD_MEETING_BOOKED",
        /// Meeting completed.
        LeadMeetingCompleted = "FILTER_LEAD_MEETING_COMPLETED",
        /// Closed (won).
        LeadClosed = "FILTER_LEAD_CLOSED",
        /// Out of office.
        LeadOutOfOffice = "FILTER_LEAD_OUT_OF_OFFICE",
        /// Wrong person.
        LeadWrongPerson = "FILTER_LEAD_WRONG_PERSON",
        /// Lost.
        LeadLost = "FILTER_LEAD_LOST",
        /// No show.
        LeadNoShow = "FILTER_LEAD_NO_SHOW",
        /// A positive custom label.
        LeadCustomLabelPositive = "FILTER_LEAD_CUSTOM_LABEL_POSITIVE",
        /// A negative custom label.
        LeadCustomLabelNegative = "FILTER_LEAD_CUSTOM_LABEL_NEGATIVE",
        /// Bounced.
        ValBounced = "FILTER_VAL_BOUNCED",
        /// Skipped.
        ValSkipped = "FILTER_VAL_SKIPPED",
        /// Risky.
        ValRisky = "FILTER_VAL_RISKY",
        /// Invalid.
        ValInvalid = "FILTER_VAL_INVALID",
        /// Valid.
        ValValid = "FILTER_VAL_VALID",
        /// In a subsequence.
        ValInSubsequence = "FILTER_VAL_IN_SUBSEQUENCE",
        /// Opened but did not reply.
        ValOpenedNoReply = "FILTER_VAL_OPENED_NO_REPLY",
        /// Completed without a reply.
        ValCompletedNoReply = "FILTER_VAL_COMPLETED_NO_REPLY",
        /// No opens.
        ValNoOpens = "FILTER_VAL_NO_OPENS",
        /// Replied.
        ValReplied = "FILTER_VAL_REPLIED",
        /// Clicked a link.
        ValLinkClicked = "FILTER_VAL_LINK_CLICKED",
    }
);

/// ESG code filter values (`esg_code` on list and move): `"0"`–`"4"`, `"all"`, `"none"`.
pub const ESG_CODE_FILTERS: &[&str] = &["0", "1", "2", "3", "4", "all", "none"];
/// Lead enrichment status values accepted as a list filter.
pub const ENRICHMENT_STATUS_FILTERS: &[i64] = &[1, -1, 11, -2];
/// ESP codes accepted by `POST /leads/move`.
pub const ESP_CODES: &[i64] = &[0, 1, 2, 3, 8, 9, 10, 12, 13, 999, 1000];
/// `queries[].actionType` values.
pub const QUERY_ACTION_TYPES: &[&str] = &[
    "reply",
    "email-open",
    "last-contacted",
    "link-click",
    "lead-status",
    "lead-status-change",
];

/// A smart-view query (`queries[]`): an activity type and its conditions.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadQuery {
    /// The activity the query looks at.
    #[serde(rename = "actionType")]
    pub action_type: String,
    /// The conditions.
    pub values: LeadQueryValues,
}

/// `queries[].values` (kebab-case keys on the wire).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadQueryValues {
    /// Within the last N days.
    #[serde(
        rename = "occurrence-days",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub occurrence_days: Option<f64>,
    /// How many times.
    #[serde(
        rename = "occurrence-count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub occurrence_count: Option<LeadQueryCount>,
    /// Which lead status.
    #[serde(
        rename = "lead-status",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub lead_status: Option<LeadQueryStatus>,
}

/// `occurrence-count`: more/less/equal than `count`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadQueryCount {
    /// Comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "\"more\" | \"less\" | \"equal\"")]
    pub condition: Option<String>,
    /// The count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
}

/// `lead-status`: the status is / is not `status`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct LeadQueryStatus {
    /// A lead status number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i64>,
    /// `is` or `is-not`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "\"is\" | \"is-not\"")]
    pub condition: Option<String>,
}

/// Declares a body with the lead-selection fields shared by list and move, plus the fields
/// given.
macro_rules! lead_selection {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $vis:vis $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
        pub struct $name {
            /// Search first name, last name or email.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub search: Option<String>,
            /// A status filter (see `LeadFilter`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub filter: Option<String>,
            /// Campaign UUID. The wire name is `campaign`, not `campaign_id`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub campaign: Option<String>,
            /// Lead list UUID.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub list_id: Option<String>,
            /// Only leads that are (true) or are not (false) in a campaign.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub in_campaign: Option<bool>,
            /// Only leads that are (true) or are not (false) in a list.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub in_list: Option<bool>,
            /// Only these lead UUIDs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub ids: Option<Vec<String>>,
            /// Never these lead UUIDs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub excluded_ids: Option<Vec<String>>,
            /// Only leads with these emails.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub contacts: Option<Vec<String>>,
            /// Smart-view queries.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub queries: Option<Vec<LeadQuery>>,
            /// Email security gateway: `"0"`–`"4"`, `"all"` or `"none"`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub esg_code: Option<String>,
            $($(#[$fdoc])* $vis $field: $ty,)*
        }
    };
}

lead_selection!(
    /// Body of `POST /leads/list`. A POST that reads: `limit` and the cursor go in the body.
    LeadListParams {
        /// Page size, 1–100.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        /// Cursor: the previous page's `next_starting_after` (a lead id, or an email with
        /// `distinct_contacts`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub starting_after: Option<String>,
        /// Only leads of these workspace users.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub organization_user_ids: Option<Vec<String>>,
        /// Smart view UUID.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub smart_view_id: Option<String>,
        /// Only website visitors (or only others).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_website_visitor: Option<bool>,
        /// One lead per email (the cursor is then an email).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub distinct_contacts: Option<bool>,
        /// Enrichment status: 1, 11, -1 or -2.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enrichment_status: Option<i64>,
    }
);

lead_selection!(
    /// Body of `POST /leads/move`: selects leads like `leads.list` and moves (or copies) them
    /// to exactly one of `to_campaign_id` or `to_list_id`. Runs as a background job.
    LeadMoveParams {
        /// Destination campaign UUID (exactly one destination).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub to_campaign_id: Option<String>,
        /// Destination list UUID (exactly one destination).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub to_list_id: Option<String>,
        /// At most this many leads (≥ 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        /// Assign the moved leads to this user UUID.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub assigned_to: Option<String>,
        /// Only leads with this email provider code (see `Lead.esp_code`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub esp_code: Option<i64>,
        /// Copy instead of move.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub copy_leads: Option<bool>,
        /// Skip leads already in the destination.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub check_duplicates: Option<bool>,
        /// Skip leads already in any campaign.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub check_duplicates_in_campaigns: Option<bool>,
        /// Skip leads being verified.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub skip_leads_in_verification: Option<bool>,
        /// Reset the interest status (otherwise kept; campaign-to-campaign moves then carry
        /// opportunities along).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reset_interest_status: Option<bool>,
        /// Ignore the source's saved lead-finder clauses.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ignore_resource_filter_clauses: Option<bool>,
    }
);

/// Checks the selection fields common to list and move.
fn check_selection(
    filter: &Option<String>,
    contacts: &Option<Vec<String>>,
    queries: &Option<Vec<LeadQuery>>,
    esg_code: &Option<String>,
) -> Result<()> {
    if let Some(f) = filter {
        validate::one_of("filter", f, LeadFilter::ALL)?;
    }
    for (i, c) in contacts.iter().flatten().enumerate() {
        validate::email(&format!("contacts[{i}]"), c)?;
    }
    for (i, q) in queries.iter().flatten().enumerate() {
        validate::one_of(
            &format!("queries[{i}].actionType"),
            &q.action_type,
            QUERY_ACTION_TYPES,
        )?;
        if let Some(c) = q
            .values
            .occurrence_count
            .as_ref()
            .and_then(|c| c.condition.as_ref())
        {
            validate::one_of(
                &format!("queries[{i}].values.occurrence-count.condition"),
                c,
                &["more", "less", "equal"],
            )?;
        }
        if let Some(c) = q
            .values
            .lead_status
            .as_ref()
            .and_then(|s| s.condition.as_ref())
        {
            validate::one_of(
                &format!("queries[{i}].values.lead-status.condition"),
                c,
                &["is", "is-not"],
            )?;
        }
    }
    if let Some(e) = esg_code {
        validate::one_of("esg_code", e, ESG_CODE_FILTERS)?;
    }
    Ok(())
}

fn one_of_numbers(field: &str, value: Option<i64>, allowed: &[i64]) -> Result<()> {
    match value {
        Some(v) if !allowed.contains(&v) => Err(Error::validation(
            field,
            format!("{v} is not one of {allowed:?}"),
        )),
        _ => Ok(()),
    }
}

impl Validate for LeadListParams {
    fn validate(&self) -> Result<()> {
        validate::limit("limit", self.limit)?;
        check_selection(&self.filter, &self.contacts, &self.queries, &self.esg_code)?;
        one_of_numbers(
            "enrichment_status",
            self.enrichment_status,
            ENRICHMENT_STATUS_FILTERS,
        )
    }
}

impl Validate for LeadMoveParams {
    fn validate(&self) -> Result<()> {
        validate::exactly_one(
            ("to_campaign_id", self.to_campaign_id.is_some()),
            ("to_list_id", self.to_list_id.is_some()),
        )?;
        if self.ids.as_ref().is_some_and(|ids| !ids.is_empty())
            && self.campaign.is_none()
            && self.list_id.is_none()
        {
            return Err(Error::validation(
                "ids",
                "needs `campaign` or `list_id`: ids only filter within a source campaign or list",
            ));
        }
        validate::limit_range("limit", self.limit, 1, i64::MAX)?;
        check_selection(&self.filter, &self.contacts, &self.queries, &self.esg_code)?;
        one_of_numbers("esp_code", self.esp_code, ESP_CODES)
    }
}
