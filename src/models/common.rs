//! Shapes shared by several resources: pages, status constants, small answers.

use serde::{Deserialize, Serialize};

/// Declares a page type `{ items: T[], next_starting_after?: string }` for one item type.
///
/// Concrete page types (rather than a generic `Page<T>`) keep the generated TypeScript simple.
macro_rules! page_type {
    ($(#[$doc:meta])* $name:ident, $item:ty) => {
        $(#[$doc])*
        #[derive(serde::Serialize, serde::Deserialize, Debug, Clone, PartialEq)]
        pub struct $name {
            /// The items of this page.
            pub items: Vec<$item>,
            /// Cursor for the next page: pass it as `starting_after`. The last page with data may
            /// still carry one; a page with no items ends the listing.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub next_starting_after: Option<String>,
        }

    };
}
pub(crate) use page_type;

/// A cursor page of any JSON items (used by `callEndpoint`-style helpers and pagination).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct RawPage {
    /// The items of this page.
    pub items: Vec<serde_json::Value>,
    /// Cursor for the next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_starting_after: Option<String>,
}

/// Campaign status codes (`Campaign.status`). The API may add values: the field stays a number.
pub struct CampaignStatus;

impl CampaignStatus {
    /// Created, never activated.
    pub const DRAFT: i64 = 0;
    /// Sending.
    pub const ACTIVE: i64 = 1;
    /// Paused.
    pub const PAUSED: i64 = 2;
    /// Finished.
    pub const COMPLETED: i64 = 3;
    /// Running follow-up subsequences.
    pub const RUNNING_SUBSEQUENCES: i64 = 4;
    /// The sending accounts are unhealthy.
    pub const ACCOUNTS_UNHEALTHY: i64 = -1;
    /// Paused by bounce protection.
    pub const BOUNCE_PROTECT: i64 = -2;
    /// The account is suspended.
    pub const ACCOUNT_SUSPENDED: i64 = -99;

    /// `(name, value)` pairs, as exported to JS.
    pub const ALL: &'static [(&'static str, i64)] = &[
        ("Draft", 0),
        ("Active", 1),
        ("Paused", 2),
        ("Completed", 3),
        ("RunningSubsequences", 4),
        ("AccountsUnhealthy", -1),
        ("BounceProtect", -2),
        ("AccountSuspended", -99),
    ];
}

/// Lead interest status values (`lt_interest_status`, `interest_value`). `null` resets a lead to
/// plain "Lead"; custom labels use their own (server-generated) integers, which work too.
pub struct LeadInterestStatus;

impl LeadInterestStatus {
    /// Out of office.
    pub const OUT_OF_OFFICE: i64 = 0;
    /// Interested.
    pub const INTERESTED: i64 = 1;
    /// Meeting booked.
    pub const MEETING_BOOKED: i64 = 2;
    /// Meeting completed.
    pub const MEETING_COMPLETED: i64 = 3;
    /// Won ("closed" in webhook, filter and analytics names).
    pub const WON: i64 = 4;
    /// Not interested.
    pub const NOT_INTERESTED: i64 = -1;
    /// Wrong person.
    pub const WRONG_PERSON: i64 = -2;
    /// Lost.
    pub const LOST: i64 = -3;
    /// No show.
    pub const NO_SHOW: i64 = -4;

    /// `(name, value)` pairs, as exported to JS.
    pub const ALL: &'static [(&'static str, i64)] = &[
        ("OutOfOffice", 0),
        ("Interested", 1),
        ("MeetingBooked", 2),
        ("MeetingCompleted", 3),
        ("Won", 4),
        ("NotInterested", -1),
        ("WrongPerson", -2),
        ("Lost", -3),
        ("NoShow", -4),
    ];
}

/// Lead status values (`Lead.status`, read-only).
pub struct LeadStatus;

impl LeadStatus {
    /// Active in its campaign.
    pub const ACTIVE: i64 = 1;
    /// Paused.
    pub const PAUSED: i64 = 2;
    /// Sequence completed.
    pub const COMPLETED: i64 = 3;
    /// Bounced.
    pub const BOUNCED: i64 = -1;
    /// Unsubscribed.
    pub const UNSUBSCRIBED: i64 = -2;
    /// Skipped.
    pub const SKIPPED: i64 = -3;

    /// `(name, value)` pairs, as exported to JS.
    pub const ALL: &'static [(&'static str, i64)] = &[
        ("Active", 1),
        ("Paused", 2),
        ("Completed", 3),
        ("Bounced", -1),
        ("Unsubscribed", -2),
        ("Skipped", -3),
    ];
}

/// Deserializes a field that distinguishes "absent" from `null`. With
/// `#[serde(default, deserialize_with = "nullable")]` on an `Option<Option<T>>`, a missing key
/// stays `None`, `null` becomes `Some(None)` (clear the value) and a value `Some(Some(v))`.
pub(crate) fn nullable<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}

/// Deserializes a required key whose value may be `null`: with
/// `#[serde(deserialize_with = "required_nullable")]` (and no `default`) on an `Option<T>`, a
/// missing key is an error while `null` is `None`.
pub(crate) fn required_nullable<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de)
}
