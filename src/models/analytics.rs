//! Campaign analytics: `GET /campaigns/analytics` (one item per campaign), `/overview` (one
//! aggregate object) and `/daily` (one row per day), plus the rates this client computes.
//!
//! Wire traps: the per-campaign route answers a JSON **array** even for one id (empty until the
//! campaign has sent); `ids` is a repeated query key (`?ids=a&ids=b`); the daily route takes
//! `campaign_id`, not `id`. A bad date range answers 400 `{message}` without the usual envelope.

use crate::error::Result;
use crate::validate::{self, Validate};
use serde::{Deserialize, Serialize};

/// One campaign's analytics (an item of `GET /campaigns/analytics`). The API sends counts only;
/// the JS objects also carry `open_rate`, `reply_rate`, `click_rate` and `bounce_rate`
/// (`AnalyticsRates`), computed by this client (in Rust: the `Rates` trait).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct CampaignAnalytics {
    /// Campaign name.
    pub campaign_name: String,
    /// Campaign UUID.
    pub campaign_id: String,
    /// Campaign status (see `CampaignStatus`).
    pub campaign_status: i64,
    /// Whether the campaign is evergreen.
    pub campaign_is_evergreen: bool,
    /// Leads in the campaign.
    pub leads_count: i64,
    /// Leads whose sequence has started.
    pub contacted_count: i64,
    /// Emails sent.
    pub emails_sent_count: i64,
    /// New leads contacted.
    pub new_leads_contacted_count: i64,
    /// Leads that opened at least one email.
    pub open_count: i64,
    /// Replies, each reply counted.
    pub reply_count: i64,
    /// Link clicks.
    pub link_click_count: i64,
    /// Bounced leads.
    pub bounced_count: i64,
    /// Unsubscribed leads.
    pub unsubscribed_count: i64,
    /// Leads the campaign completed for.
    pub completed_count: i64,
    /// Unique opportunities.
    pub total_opportunities: i64,
    /// Total value of the opportunities.
    pub total_opportunity_value: f64,
    /// Unique opens (first open per lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_count_unique: Option<i64>,
    /// Unique opens per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_count_unique_by_step: Option<i64>,
    /// Unique replies (first per lead, automatic replies excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_unique: Option<i64>,
    /// Unique replies per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_unique_by_step: Option<i64>,
    /// Automatic replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic: Option<i64>,
    /// Unique automatic replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic_unique: Option<i64>,
    /// Unique automatic replies per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic_unique_by_step: Option<i64>,
    /// Unique link clicks (first per lead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_click_count_unique: Option<i64>,
    /// Unique link clicks per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_click_count_unique_by_step: Option<i64>,
}

/// Aggregate analytics over the selected campaigns (`GET /campaigns/analytics/overview`).
/// Every field is optional on the wire. The JS object also carries the client-computed
/// `AnalyticsRates` (in Rust: the `Rates` trait).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct CampaignAnalyticsOverview {
    /// Opens, duplicates included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_count: Option<i64>,
    /// Emails opened (first open only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_count_unique: Option<i64>,
    /// Unique opens per lead, step and campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_count_unique_by_step: Option<i64>,
    /// Link clicks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_click_count: Option<i64>,
    /// Link clicks (first time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_click_count_unique: Option<i64>,
    /// Unique clicks per lead, step and campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_click_count_unique_by_step: Option<i64>,
    /// Replies, each reply counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count: Option<i64>,
    /// Unique replies (automatic replies excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_unique: Option<i64>,
    /// Unique replies per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_unique_by_step: Option<i64>,
    /// Automatic replies (e.g. out of office).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic: Option<i64>,
    /// Leads that sent automatic replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic_unique: Option<i64>,
    /// Unique automatic replies per step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_count_automatic_unique_by_step: Option<i64>,
    /// Bounced leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounced_count: Option<i64>,
    /// Unsubscribed leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribed_count: Option<i64>,
    /// Leads the campaigns completed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_count: Option<i64>,
    /// Emails sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails_sent_count: Option<i64>,
    /// Unique leads contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted_count: Option<i64>,
    /// New leads contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_leads_contacted_count: Option<i64>,
    /// Unique opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_opportunities: Option<i64>,
    /// Total value of the opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_opportunity_value: Option<f64>,
    /// Interested opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_interested: Option<i64>,
    /// Meeting-booked opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_meeting_booked: Option<i64>,
    /// Meeting-completed opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_meeting_completed: Option<i64>,
    /// Closed (won) opportunities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_closed: Option<i64>,
}

/// One day of `GET /campaigns/analytics/daily`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct DailyAnalytics {
    /// The day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Emails sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent: Option<i64>,
    /// Unique contacts emailed that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted: Option<i64>,
    /// New leads contacted that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_leads_contacted: Option<i64>,
    /// Opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<i64>,
    /// Unique opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_opened: Option<i64>,
    /// Replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replies: Option<i64>,
    /// Unique replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_replies: Option<i64>,
    /// Automatic replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replies_automatic: Option<i64>,
    /// Unique automatic replies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_replies_automatic: Option<i64>,
    /// Link clicks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clicks: Option<i64>,
    /// Leads that clicked (each lead once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_clicks: Option<i64>,
    /// Opportunities created that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunities: Option<i64>,
    /// Opportunities from unique leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_opportunities: Option<i64>,
}

/// Query of `GET /campaigns/analytics`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct AnalyticsParams {
    /// One campaign UUID (omit for every campaign).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Several campaign UUIDs, sent as a repeated key (`ids=a&ids=b`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// Start, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp; not before `start_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Skip counting the campaign's leads (much faster; `leads_count` is then not meaningful).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude_total_leads_count: Option<bool>,
}

/// Query of `GET /campaigns/analytics/overview`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct AnalyticsOverviewParams {
    /// One campaign UUID (omit for every campaign).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Several campaign UUIDs, sent as a repeated key (`ids=a&ids=b`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// Start, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End, `YYYY-MM-DD` or an ISO 8601 timestamp; not before `start_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Only campaigns with this status (see `CampaignStatus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_status: Option<i64>,
    /// Count every interest-status event instead of the first per contact (affects the
    /// `total_*` opportunity fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expand_crm_events: Option<bool>,
}

/// Query of `GET /campaigns/analytics/daily`. The campaign is `campaign_id` here, not `id`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct DailyAnalyticsParams {
    /// Campaign UUID (omit for every campaign).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_id: Option<String>,
    /// Start, `YYYY-MM-DD` (UTC midnight) or an ISO 8601 timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// End, `YYYY-MM-DD` or an ISO 8601 timestamp; not before `start_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Only campaigns with this status (see `CampaignStatus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign_status: Option<i64>,
}

/// Checks an optional date range: each end a date or timestamp, start not after end.
fn check_range(start: &Option<String>, end: &Option<String>) -> Result<()> {
    if let Some(s) = start {
        validate::date_or_timestamp("start_date", s)?;
    }
    if let Some(e) = end {
        validate::date_or_timestamp("end_date", e)?;
    }
    if let (Some(s), Some(e)) = (start, end) {
        validate::date_order("start_date", s, e)?;
    }
    Ok(())
}

impl Validate for AnalyticsParams {
    fn validate(&self) -> Result<()> {
        check_range(&self.start_date, &self.end_date)
    }
}

impl Validate for AnalyticsOverviewParams {
    fn validate(&self) -> Result<()> {
        check_range(&self.start_date, &self.end_date)
    }
}

impl Validate for DailyAnalyticsParams {
    fn validate(&self) -> Result<()> {
        check_range(&self.start_date, &self.end_date)
    }
}
