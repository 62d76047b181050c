//! `CampaignStatus`, `LeadInterestStatus` and `LeadStatus`: TS enums (values in JS, types in TS)
//! mirroring the core's constants. Fields stay plain numbers, so custom-label values still work.

use wasm_bindgen::prelude::*;

/// Campaign status codes (`Campaign.status`).
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub enum CampaignStatus {
    /// Created, never activated.
    Draft = 0,
    /// Sending.
    Active = 1,
    /// Paused.
    Paused = 2,
    /// Finished.
    Completed = 3,
    /// Running follow-up subsequences.
    RunningSubsequences = 4,
    /// The sending accounts are unhealthy.
    AccountsUnhealthy = -1,
    /// Paused by bounce protection.
    BounceProtect = -2,
    /// The account is suspended.
    AccountSuspended = -99,
}

/// Lead interest status values; pass `null` to reset a lead to plain "Lead".
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub enum LeadInterestStatus {
    /// Out of office.
    OutOfOffice = 0,
    /// Interested.
    Interested = 1,
    /// Meeting booked.
    MeetingBooked = 2,
    /// Meeting completed.
    MeetingCompleted = 3,
    /// Won ("closed").
    Won = 4,
    /// Not interested.
    NotInterested = -1,
    /// Wrong person.
    WrongPerson = -2,
    /// Lost.
    Lost = -3,
    /// No show.
    NoShow = -4,
}

/// Lead status values (`Lead.status`, read-only).
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub enum LeadStatus {
    /// Active in its campaign.
    Active = 1,
    /// Paused.
    Paused = 2,
    /// Sequence completed.
    Completed = 3,
    /// Bounced.
    Bounced = -1,
    /// Unsubscribed.
    Unsubscribed = -2,
    /// Skipped.
    Skipped = -3,
}

/// Every time zone id the API accepts in `campaign_schedule.schedules[].timezone` (the spec's
/// closed list, in its order; `America/New_York` and `UTC` are not in it). Use it to fill a
/// time zone picker.
#[wasm_bindgen(js_name = scheduleTimezones, unchecked_return_type = "string[]")]
pub fn schedule_timezones() -> js_sys::Array {
    // An array built here: a `Vec<String>` return takes wasm-bindgen's glue for a slice of
    // strings, about 1 KB of code (157 bytes gzip) for this one export.
    let zones = js_sys::Array::new();
    for zone in crate::engine::schedule_timezones() {
        zones.push(&JsValue::from_str(zone));
    }
    zones
}

/// Webhook status values (`Webhook.status`).
#[wasm_bindgen]
#[derive(Clone, Copy)]
pub enum WebhookStatus {
    /// Delivering.
    Active = 1,
    /// Disabled after repeated delivery failures; re-enable with `client.webhooks.resume(id)`.
    Disabled = -1,
}
