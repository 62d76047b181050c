//! The hand-written TypeScript declaration of the receiving side (the payload union, the
//! `parseWebhook` options and the helper functions). The facade emits it as a custom section;
//! native tests check it against the Rust lists.
//!
//! Why by hand: tsify cannot express a union discriminated by `event_type` with an open member.
//! TypeScript has no "string except these literals" type, so in `switch (event.event_type)` the
//! open member (`event_type: string`) stays in every `case`; branding it
//! (`string & { __brand }`) does not remove it either (checked with tsc 7). The open member
//! therefore declares every documented field with the same type as the known members, and the
//! narrowed type of a documented field is exact (`case "reply_received": event.reply_text` is
//! `string | undefined`). Undocumented keys are `unknown` through the index signature.

/// The TypeScript declaration, appended to the package's `.d.ts`.
pub const WEBHOOK_TS: &str = r#"
/** Documented payload `event_type` values. */
export type KnownWebhookEventType =
  | "email_sent" | "email_opened" | "reply_received" | "auto_reply_received" | "link_clicked"
  | "email_bounced" | "lead_unsubscribed" | "account_error" | "campaign_completed"
  | "lead_neutral" | "lead_interested" | "lead_not_interested" | "lead_meeting_booked"
  | "lead_meeting_completed" | "lead_closed" | "lead_out_of_office" | "lead_wrong_person";

/** Fields of every webhook payload. */
export interface WebhookEventBase {
  /** When the event occurred (ISO 8601). */
  timestamp: string;
  /** Workspace UUID. */
  workspace: string;
  /** Campaign UUID; `null` for events without a campaign. */
  campaign_id: string | null;
  /** Campaign name; `null` for events without a campaign. */
  campaign_name: string | null;
  /** The lead's email address. */
  lead_email?: string;
  /** Lead data (`first_name`, `company_name`, custom variables, …) arrives as extra keys. */
  [field: string]: unknown;
}

/** Fields of events about one campaign email. */
export interface WebhookEmailFields {
  /** The sending account's email address. */
  email_account?: string;
  /** Sequence step, 1-based. */
  step?: number;
  /** Variant of the step, 1-based (analytics endpoints count variants from 0). */
  variant?: number;
  /** True for the first email of the sequence. */
  is_first?: boolean;
  /** The email's id; for replies the `reply_to_uuid` to answer in-thread. */
  email_id?: string;
  /** Subject of the campaign email. */
  email_subject?: string;
  /** Plain-text body of the campaign email. */
  email_text?: string;
  /** HTML body of the campaign email. */
  email_html?: string;
}

/** Fields of reply events. */
export interface WebhookReplyFields {
  /** First characters of the reply. */
  reply_text_snippet?: string;
  /** Subject of the reply. */
  reply_subject?: string;
  /** Plain-text reply. */
  reply_text?: string;
  /** HTML reply. */
  reply_html?: string;
  /** Link to the conversation in Unibox. */
  unibox_url?: string;
}

/** An email was sent, opened, clicked (`link_clicked`; subscribe as `email_link_clicked`),
 * bounced, or the lead unsubscribed. */
export interface WebhookEmailEvent extends WebhookEventBase, WebhookEmailFields {
  event_type: "email_sent" | "email_opened" | "link_clicked" | "email_bounced" | "lead_unsubscribed";
}

/** A reply (`reply_received`) or an auto-reply (`auto_reply_received`, payload only: subscribe
 * with `all_events`). */
export interface WebhookReplyEvent extends WebhookEventBase, WebhookEmailFields, WebhookReplyFields {
  event_type: "reply_received" | "auto_reply_received";
}

/** The lead's interest status changed (see `interestStatusOf`). */
export interface WebhookLeadStatusEvent extends WebhookEventBase, WebhookEmailFields {
  event_type:
    | "lead_neutral" | "lead_interested" | "lead_not_interested" | "lead_meeting_booked"
    | "lead_meeting_completed" | "lead_closed" | "lead_out_of_office" | "lead_wrong_person";
}

/** A sending account failed. */
export interface WebhookAccountErrorEvent extends WebhookEventBase {
  event_type: "account_error";
  /** The failing account. */
  email_account?: string;
}

/** A campaign finished. */
export interface WebhookCampaignCompletedEvent extends WebhookEventBase {
  event_type: "campaign_completed";
}

/** A custom label (its text, as typed in the workspace) or a type this version does not know.
 * It declares every documented field, so narrowing on a documented name stays exact. */
export interface WebhookCustomEvent extends WebhookEventBase, WebhookEmailFields, WebhookReplyFields {
  event_type: string;
}

/** One webhook payload; `switch (event.event_type)` narrows it. */
export type WebhookEvent =
  | WebhookEmailEvent
  | WebhookReplyEvent
  | WebhookLeadStatusEvent
  | WebhookAccountErrorEvent
  | WebhookCampaignCompletedEvent
  | WebhookCustomEvent;

/** Anything with a `Headers`-style `get` (Fetch `Headers`, Workers, Deno, undici). */
export interface HeadersLike {
  get(name: string): string | null;
}

/** Options of `parseWebhook`. */
export interface ParseWebhookOptions {
  /** The request's headers: a `Headers` object or a plain object (Node's `req.headers`). */
  headers?: HeadersLike | Record<string, string | readonly string[] | undefined> | undefined;
  /** Header carrying the shared secret (case-insensitive). Default `"x-shared-secret"`. */
  secretHeader?: string | undefined;
  /** The shared secret set in the subscription's `headers`. When set, a delivery without the
   * header or with another value throws `WebhookAuthError` (`code: "webhook_unauthorized"`,
   * `status: 401`). When unset, nothing is checked. */
  secret?: string | undefined;
  /** Largest accepted body in bytes (default 262144, at most 67108864); larger throws
   * `PayloadTooLargeError` (`code: "payload_too_large"`, `status: 413`). */
  maxBytes?: number | undefined;
}

/**
 * Checks and decodes one webhook delivery: the shared-secret header (constant time; 401), the
 * size (413), then the JSON payload (`DecodeError`, `code: "decode"`, `status: 400`, `field`
 * naming a wrongly typed field). Bad options throw a `ValidationError` with no `status` (500).
 * Custom labels and unknown types decode as `WebhookCustomEvent`.
 */
export function parseWebhook(
  body: string | Uint8Array | ArrayBuffer,
  options?: ParseWebhookOptions,
): WebhookEvent;

/** Both names of an event type: `payload` (`link_clicked`) and `subscription`
 * (`email_link_clicked`); `null` when a side has none. */
export interface EventTypeNames {
  payload: string | null;
  subscription: string | null;
  /** True for a documented name. */
  known: boolean;
}

/** Maps a subscription or payload event name to both forms. */
export function normalizeEventType(name: string): EventTypeNames;

/** Stable key of one event (64 hex chars): the same for every redelivery, different between
 * events. Store it (KV, cache, database) to process each event once. */
export function dedupeKey(event: WebhookEvent): string;

/**
 * The `LeadInterestStatus` a lead-status event means: a number (`lead_interested` 1,
 * `lead_not_interested` -1, `lead_meeting_booked` 2, `lead_meeting_completed` 3, `lead_closed`
 * 4, `lead_out_of_office` 0, `lead_wrong_person` -2, `lead_no_show` -4); `null` for
 * `lead_neutral` (reset to plain "Lead", as `interest_value: null` does); `undefined` for every
 * other event, custom labels included.
 */
export function interestStatusOf(event: WebhookEvent): number | null | undefined;
"#;
