//! The shape of the operation table that `codegen/` generates into `src/generated/table.rs`.
//!
//! Every operation of the spec is one [`Operation`]: its route, its parameters (path, query and
//! JSON body fields, each with a [`Schema`]), how it pages, whether it may be repeated after an
//! ambiguous failure, and the few checks the spec cannot express ([`Rule`]). The engine
//! interprets this data; nothing here is specific to one operation.

use crate::http::Method;

/// A value format the engine checks on strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// No format.
    None,
    /// An RFC 4122 UUID (`0190b4a2-…`), any version.
    Uuid,
    /// An email address.
    Email,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// A date `YYYY-MM-DD` or an ISO 8601 date-time.
    DateOrDateTime,
    /// An ISO 8601 / RFC 3339 date-time.
    DateTime,
    /// An absolute URI with a scheme.
    Uri,
    /// An `http://` or `https://` URL with a host.
    HttpUrl,
    /// `HH:MM`, 24-hour.
    HhMm,
    /// At least one non-whitespace character.
    NonBlank,
    /// A background job id: 24 hexadecimal characters.
    Hex24,
    /// A prompt template id: `ptid_` then 1–45 of `[A-Za-z0-9_-]`.
    PromptId,
    /// Empty, blank, or an optional `ptid_` prefix then 1–45 of `[A-Za-z0-9_-]`.
    PromptIdOrBlank,
}

/// A JSON Schema subset: what the spec's request schemas use.
#[derive(Debug)]
pub struct Schema {
    /// The value's type and constraints.
    pub kind: Kind,
    /// Whether `null` is accepted.
    pub nullable: bool,
    /// A schema the value must NOT match (JSON Schema `not`).
    pub not: Option<&'static Schema>,
}

/// The type of a [`Schema`] with its constraints.
#[derive(Debug)]
pub enum Kind {
    /// Any JSON value.
    Any,
    /// `true` or `false`.
    Bool,
    /// A boolean that must have this value.
    BoolIs(bool),
    /// A string.
    Str(Str),
    /// A number (or an integer).
    Num(Num),
    /// An array.
    Array(Array),
    /// An object.
    Object(Object),
    /// A value matching at least one of the schemas (`oneOf`, `anyOf`, type lists).
    OneOf(&'static [&'static Schema]),
}

/// String constraints.
#[derive(Debug)]
pub struct Str {
    /// Format checked on the value.
    pub format: Format,
    /// Allowed values (empty: any).
    pub values: &'static [&'static str],
    /// Minimum length in characters.
    pub min_len: u32,
    /// Maximum length in characters (`u32::MAX`: none).
    pub max_len: u32,
}

/// Number constraints.
#[derive(Debug)]
pub struct Num {
    /// Whether the value must be an integer.
    pub integer: bool,
    /// Inclusive minimum (`f64::NEG_INFINITY`: none).
    pub min: f64,
    /// Inclusive maximum (`f64::INFINITY`: none).
    pub max: f64,
    /// Allowed values (empty: any).
    pub values: &'static [f64],
}

/// Array constraints.
#[derive(Debug)]
pub struct Array {
    /// Schema of every item.
    pub items: &'static Schema,
    /// Minimum number of items.
    pub min: u32,
    /// Maximum number of items (`u32::MAX`: none).
    pub max: u32,
    /// A schema at least one item must match (JSON Schema `contains`).
    pub contains: Option<&'static Schema>,
}

/// Object constraints.
#[derive(Debug)]
pub struct Object {
    /// The declared fields.
    pub fields: &'static [Field],
    /// What other keys may hold.
    pub extra: Extra,
    /// Minimum number of keys.
    pub min_props: u32,
    /// Alternatives of which the object must match at least one (the spec's `anyOf` beside
    /// `properties`, typically "one of these fields is required"); empty: none.
    pub any_of: &'static [&'static Schema],
}

/// Keys of an object that are not declared fields.
#[derive(Debug)]
pub enum Extra {
    /// Refused: an unknown key is an error naming the closest field.
    Deny,
    /// Any key, any value (a free-form object).
    Any,
    /// Any key, values matching the schema (a map).
    Values(&'static Schema),
}

/// One named field of an object or of an operation's parameters.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// Its schema.
    pub schema: &'static Schema,
    /// Whether it must be present.
    pub required: bool,
}

/// Where a list operation takes its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// Not a cursor-paginated list.
    None,
    /// `limit` and `starting_after` in the query string; the answer is
    /// `{ items, next_starting_after? }`.
    Query,
    /// `limit` and `starting_after` in the JSON body (`POST /leads/list`).
    Body,
}

/// What a successful answer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// JSON.
    Json,
    /// Text of another type (a CSV download).
    Text,
    /// Nothing (204).
    Empty,
}

/// Work the client does on an answer, beyond handing it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// None.
    None,
    /// Adds `open_rate`, `reply_rate`, `click_rate` and `bounce_rate` to each analytics object.
    AnalyticsRates,
}

/// A check the spec's schemas cannot express. Field names are top-level parameters.
#[derive(Debug)]
pub enum Rule {
    /// Exactly one of the fields is set (not absent, not `null`).
    ExactlyOne(&'static [&'static str]),
    /// At most one of the fields is set.
    AtMostOne(&'static [&'static str]),
    /// When the first field is set (a non-empty array, or any other value), one of the others is
    /// set too; the message says why.
    Requires(&'static str, &'static [&'static str], &'static str),
    /// The date at the second dotted path is not before the one at the first.
    NotBefore(&'static str, &'static str),
    /// A field that must not be `null`, with the message to give when it is.
    NotNull(&'static str, &'static str),
    /// Each lead of the array field can be identified: with an `email` when the campaign field
    /// is set (campaign mode), else with an `email`, `first_name` or `last_name`.
    LeadIdentity(&'static str, &'static str),
    /// The params are one lead that can be identified the same way: with an `email` when the
    /// campaign field is set, else with an `email`, `first_name` or `last_name`.
    OneLeadIdentity(&'static str),
    /// Header names of the object field are HTTP tokens and values are single-line.
    HeaderMap(&'static str),
}

/// One operation of the API.
#[derive(Debug)]
pub struct Operation {
    /// The spec's `operationId`, e.g. `listCampaign`.
    pub id: &'static str,
    /// The client method, e.g. `campaigns.list`.
    pub call: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template relative to `/api/v2`, e.g. `/campaigns/{id}`.
    pub path: &'static str,
    /// Path parameters in path order (all required strings).
    pub path_params: &'static [Field],
    /// Query parameters.
    pub query: &'static [Field],
    /// The JSON body's object schema (`None`: the operation sends no body).
    pub body: Option<&'static Object>,
    /// Whether a JSON body is sent even when no body field is given (`{}`).
    pub body_required: bool,
    /// True when repeating the request after a timeout, connection error or 5xx cannot
    /// duplicate an effect.
    pub retry_safe: bool,
    /// How the operation pages.
    pub paging: Paging,
    /// What a success carries.
    pub answer: Answer,
    /// Post-processing of the answer.
    pub hook: Hook,
    /// Checks beyond the schemas.
    pub rules: &'static [Rule],
    /// Keys callers mistype for another parameter: `(mistyped, meant)`.
    pub traps: &'static [(&'static str, &'static str)],
}
