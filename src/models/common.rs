//! Status codes the API uses in several places, exported to JavaScript as constants.

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
