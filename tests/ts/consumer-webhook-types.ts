// The webhook payload types one by one, as a handler narrows them (type-checked only; webhooks.ts
// covers parseWebhook and the helpers).

import {
  type HeadersLike,
  type WebhookAccountErrorEvent,
  type WebhookCampaignCompletedEvent,
  type WebhookEmailEvent,
  type WebhookEmailFields,
  type WebhookEvent,
  type WebhookEventBase,
  type WebhookLeadStatusEvent,
  type WebhookReplyEvent,
  type WebhookReplyFields,
  type WebhookSubscriptionEventType,
  parseWebhook,
} from "instantly-wasm";

/** A `Headers`-like object, as Cloudflare Workers and the fetch API pass them. */
const headers: HeadersLike = { get: (name) => (name === "x-shared-secret" ? "s3cret" : null) };

// `switch (event.event_type)` cannot narrow to one member: `WebhookCustomEvent` (custom labels,
// future types) has `event_type: string`, which every `case` also matches. Handlers that want the
// precise interface use a guard on the documented names.
const EMAIL_TYPES: ReadonlyArray<string> = ["email_sent", "email_opened", "link_clicked", "email_bounced", "lead_unsubscribed"];
const isEmailEvent = (e: WebhookEvent): e is WebhookEmailEvent => EMAIL_TYPES.includes(e.event_type);
const isReplyEvent = (e: WebhookEvent): e is WebhookReplyEvent => e.event_type === "reply_received" || e.event_type === "auto_reply_received";
const isLeadStatusEvent = (e: WebhookEvent): e is WebhookLeadStatusEvent => e.event_type.startsWith("lead_") && e.event_type !== "lead_unsubscribed";
const isAccountError = (e: WebhookEvent): e is WebhookAccountErrorEvent => e.event_type === "account_error";
const isCampaignCompleted = (e: WebhookEvent): e is WebhookCampaignCompletedEvent => e.event_type === "campaign_completed";

export function handle(body: string): string {
  const event: WebhookEvent = parseWebhook(body, { headers, secret: "s3cret" });
  const base: WebhookEventBase = event;
  const campaign: string | null = base.campaign_id;
  if (isEmailEvent(event)) {
    const fields: WebhookEmailFields = event;
    return `${campaign} ${fields.step ?? 0} ${event.email_subject ?? ""}`;
  }
  if (isReplyEvent(event)) {
    const reply: WebhookReplyFields = event;
    return reply.reply_text_snippet ?? "";
  }
  if (isLeadStatusEvent(event)) return event.lead_email ?? "";
  if (isAccountError(event)) return event.email_account ?? "";
  if (isCampaignCompleted(event)) return event.timestamp;
  // @ts-expect-error: only documented fields are typed; others are `unknown`.
  const extra: string = event["some_future_field"];
  return `${event.event_type} ${String(extra)}`;
}

/** Subscription event names (what `POST /webhooks` takes) are a closed union. */
export const subscribed: WebhookSubscriptionEventType[] = ["all_events", "email_link_clicked", "lead_no_show"];
// @ts-expect-error: `link_clicked` is the payload name; subscriptions say `email_link_clicked`.
export const wrong: WebhookSubscriptionEventType = "link_clicked";
