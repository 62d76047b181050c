//! Event type names: the documented payload types, the subscription names, the mapping between
//! them, and the interest status a lead-status event stands for.
//!
//! Instantly names some events differently in the subscription (`POST /webhooks` `event_type`)
//! and in the delivered payload (`event_type` of the JSON body):
//!
//! | subscription         | payload               |
//! |----------------------|-----------------------|
//! | `email_link_clicked` | `link_clicked`        |
//! | (none)               | `auto_reply_received` |
//! | `all_events`         | (never a payload)     |
//! | (`null` + `custom_interest_value`) | the custom label, as typed in the workspace |
//!
//! Every other documented name is the same on both sides.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// A documented payload `event_type` (the 17 types of Instantly's webhook-events guide).
///
/// Custom labels and types this version does not know are not variants: see
/// [`super::WebhookEvent::kind`], which answers `None` for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEventType {
    /// `email_sent`
    EmailSent,
    /// `email_opened`
    EmailOpened,
    /// `link_clicked` (subscribe as `email_link_clicked`)
    LinkClicked,
    /// `reply_received`
    ReplyReceived,
    /// `auto_reply_received` (payload only: no subscription name of its own)
    AutoReplyReceived,
    /// `email_bounced`
    EmailBounced,
    /// `lead_unsubscribed`
    LeadUnsubscribed,
    /// `account_error`
    AccountError,
    /// `campaign_completed`
    CampaignCompleted,
    /// `lead_neutral` (the lead was reset to plain "Lead")
    LeadNeutral,
    /// `lead_interested`
    LeadInterested,
    /// `lead_not_interested`
    LeadNotInterested,
    /// `lead_meeting_booked`
    LeadMeetingBooked,
    /// `lead_meeting_completed`
    LeadMeetingCompleted,
    /// `lead_closed` (interest status "Won")
    LeadClosed,
    /// `lead_out_of_office`
    LeadOutOfOffice,
    /// `lead_wrong_person`
    LeadWrongPerson,
}

impl WebhookEventType {
    /// Every documented payload type, in the order of Instantly's guide.
    pub const ALL: [WebhookEventType; 17] = [
        WebhookEventType::EmailSent,
        WebhookEventType::EmailOpened,
        WebhookEventType::ReplyReceived,
        WebhookEventType::AutoReplyReceived,
        WebhookEventType::LinkClicked,
        WebhookEventType::EmailBounced,
        WebhookEventType::LeadUnsubscribed,
        WebhookEventType::AccountError,
        WebhookEventType::CampaignCompleted,
        WebhookEventType::LeadNeutral,
        WebhookEventType::LeadInterested,
        WebhookEventType::LeadNotInterested,
        WebhookEventType::LeadMeetingBooked,
        WebhookEventType::LeadMeetingCompleted,
        WebhookEventType::LeadClosed,
        WebhookEventType::LeadOutOfOffice,
        WebhookEventType::LeadWrongPerson,
    ];

    /// The payload name, e.g. `link_clicked`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEventType::EmailSent => "email_sent",
            WebhookEventType::EmailOpened => "email_opened",
            WebhookEventType::LinkClicked => "link_clicked",
            WebhookEventType::ReplyReceived => "reply_received",
            WebhookEventType::AutoReplyReceived => "auto_reply_received",
            WebhookEventType::EmailBounced => "email_bounced",
            WebhookEventType::LeadUnsubscribed => "lead_unsubscribed",
            WebhookEventType::AccountError => "account_error",
            WebhookEventType::CampaignCompleted => "campaign_completed",
            WebhookEventType::LeadNeutral => "lead_neutral",
            WebhookEventType::LeadInterested => "lead_interested",
            WebhookEventType::LeadNotInterested => "lead_not_interested",
            WebhookEventType::LeadMeetingBooked => "lead_meeting_booked",
            WebhookEventType::LeadMeetingCompleted => "lead_meeting_completed",
            WebhookEventType::LeadClosed => "lead_closed",
            WebhookEventType::LeadOutOfOffice => "lead_out_of_office",
            WebhookEventType::LeadWrongPerson => "lead_wrong_person",
        }
    }

    /// The documented type with this payload name (exact, case-sensitive match).
    pub fn from_payload_name(name: &str) -> Option<WebhookEventType> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The subscription name that receives this type (`None` for `auto_reply_received`, which
    /// has no subscription name of its own; an `all_events` subscription receives everything).
    pub fn subscription_name(self) -> Option<&'static str> {
        match self {
            WebhookEventType::LinkClicked => Some("email_link_clicked"),
            WebhookEventType::AutoReplyReceived => None,
            other => Some(other.as_str()),
        }
    }
}

/// Subscription `event_type` values accepted by `POST /webhooks` and `PATCH /webhooks/{id}`
/// (the spec's enum). `null` instead subscribes to custom-label events (with
/// `custom_interest_value`); `all_events` receives every event, custom labels included.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum WebhookSubscriptionEventType {
    /// Every event, custom labels included.
    AllEvents,
    /// `email_sent`
    EmailSent,
    /// `email_opened`
    EmailOpened,
    /// Link clicks (the payload says `link_clicked`).
    EmailLinkClicked,
    /// `reply_received`
    ReplyReceived,
    /// `email_bounced`
    EmailBounced,
    /// `lead_unsubscribed`
    LeadUnsubscribed,
    /// `campaign_completed`
    CampaignCompleted,
    /// `account_error`
    AccountError,
    /// `lead_neutral`
    LeadNeutral,
    /// `lead_interested`
    LeadInterested,
    /// `lead_not_interested`
    LeadNotInterested,
    /// `lead_meeting_booked`
    LeadMeetingBooked,
    /// `lead_meeting_completed`
    LeadMeetingCompleted,
    /// `lead_closed`
    LeadClosed,
    /// `lead_out_of_office`
    LeadOutOfOffice,
    /// `lead_wrong_person`
    LeadWrongPerson,
    /// `lead_no_show` (subscription only in the docs; not accepted by the `GET /webhooks` filter)
    LeadNoShow,
    /// `supersearch_enrichment_completed` (not accepted by the `GET /webhooks` filter)
    SupersearchEnrichmentCompleted,
}

/// Every subscription name, as the spec lists them.
pub const SUBSCRIPTION_EVENT_TYPES: [&str; 19] = [
    "all_events",
    "email_sent",
    "email_opened",
    "email_link_clicked",
    "reply_received",
    "email_bounced",
    "lead_unsubscribed",
    "campaign_completed",
    "account_error",
    "lead_neutral",
    "lead_interested",
    "lead_not_interested",
    "lead_meeting_booked",
    "lead_meeting_completed",
    "lead_closed",
    "lead_out_of_office",
    "lead_wrong_person",
    "lead_no_show",
    "supersearch_enrichment_completed",
];

/// Subscription names the `GET /webhooks?event_type=` filter accepts (the spec's narrower enum:
/// no `lead_no_show`, no `supersearch_enrichment_completed`).
pub const LIST_FILTER_EVENT_TYPES: [&str; 17] = [
    "all_events",
    "email_sent",
    "email_opened",
    "email_link_clicked",
    "reply_received",
    "email_bounced",
    "lead_unsubscribed",
    "campaign_completed",
    "account_error",
    "lead_neutral",
    "lead_interested",
    "lead_not_interested",
    "lead_meeting_booked",
    "lead_meeting_completed",
    "lead_closed",
    "lead_out_of_office",
    "lead_wrong_person",
];

/// Both names of one event type; the answer of [`normalize_event_type`] (declared for TS in
/// [`super::WEBHOOK_TS`], where `None` is `null`).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct EventTypeNames {
    /// The name a payload carries (`link_clicked`), or `null` for `all_events`, which is never
    /// a payload type.
    pub payload: Option<String>,
    /// The name to subscribe with (`email_link_clicked`), or `null` when there is none:
    /// `auto_reply_received`, custom labels (subscribe with `event_type: null` and
    /// `custom_interest_value`, or `all_events`) and unknown names.
    pub subscription: Option<String>,
    /// True when the name is a documented payload or subscription name.
    pub known: bool,
}

/// Maps an event name given either way (subscription or payload) to both forms.
///
/// Names are matched exactly (custom labels are case-sensitive raw strings). A name that is
/// neither a documented payload nor a subscription name is taken as a payload name (a custom
/// label or a future type) with no subscription name.
pub fn normalize_event_type(name: &str) -> EventTypeNames {
    let names = |payload: Option<&str>, subscription: Option<&str>, known| EventTypeNames {
        payload: payload.map(str::to_string),
        subscription: subscription.map(str::to_string),
        known,
    };
    if name == "all_events" {
        return names(None, Some(name), true);
    }
    if name == "email_link_clicked" {
        return names(Some("link_clicked"), Some(name), true);
    }
    if let Some(t) = WebhookEventType::from_payload_name(name) {
        return names(Some(t.as_str()), t.subscription_name(), true);
    }
    if SUBSCRIPTION_EVENT_TYPES.contains(&name) {
        // lead_no_show, supersearch_enrichment_completed: same name on both sides.
        return names(Some(name), Some(name), true);
    }
    names(Some(name), None, false)
}

/// A lead's interest status as [`interest_status_of`] reads it from an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestChange {
    /// The lead now has this `LeadInterestStatus` value.
    Set(i64),
    /// The lead was reset to plain "Lead" (`lead_neutral`): `interest_value: null` in
    /// `POST /leads/update-interest-status`.
    Reset,
}

/// The interest status a lead-status event means, or `None` for every other event.
///
/// `lead_interested` → 1, `lead_not_interested` → -1, `lead_meeting_booked` → 2,
/// `lead_meeting_completed` → 3, `lead_closed` → 4 (Won), `lead_out_of_office` → 0,
/// `lead_wrong_person` → -2, `lead_no_show` → -4 (a subscription name whose payload is not in
/// the documented list; by the naming of the others it arrives as `lead_no_show`), and
/// `lead_neutral` → [`InterestChange::Reset`]. Custom labels arrive as their label text, which
/// does not carry the label's number, so they answer `None`.
pub fn interest_status_of(event_type: &str) -> Option<InterestChange> {
    use crate::models::LeadInterestStatus as S;
    Some(match event_type {
        "lead_neutral" => return Some(InterestChange::Reset),
        "lead_interested" => InterestChange::Set(S::INTERESTED),
        "lead_not_interested" => InterestChange::Set(S::NOT_INTERESTED),
        "lead_meeting_booked" => InterestChange::Set(S::MEETING_BOOKED),
        "lead_meeting_completed" => InterestChange::Set(S::MEETING_COMPLETED),
        "lead_closed" => InterestChange::Set(S::WON),
        "lead_out_of_office" => InterestChange::Set(S::OUT_OF_OFFICE),
        "lead_wrong_person" => InterestChange::Set(S::WRONG_PERSON),
        "lead_no_show" => InterestChange::Set(S::NO_SHOW),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_names_round_trip() {
        for t in WebhookEventType::ALL {
            assert_eq!(WebhookEventType::from_payload_name(t.as_str()), Some(t));
        }
        assert_eq!(WebhookEventType::from_payload_name("Link_Clicked"), None);
    }

    #[test]
    fn subscription_enum_matches_the_name_list() {
        for name in SUBSCRIPTION_EVENT_TYPES {
            let v: WebhookSubscriptionEventType =
                serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(serde_json::to_value(v).unwrap(), name);
        }
        for name in LIST_FILTER_EVENT_TYPES {
            assert!(SUBSCRIPTION_EVENT_TYPES.contains(&name));
        }
    }

    #[test]
    fn every_documented_payload_type_has_a_subscription_but_auto_reply() {
        for t in WebhookEventType::ALL {
            match t.subscription_name() {
                Some(s) => assert!(SUBSCRIPTION_EVENT_TYPES.contains(&s), "{s}"),
                None => assert_eq!(t, WebhookEventType::AutoReplyReceived),
            }
        }
    }
}
