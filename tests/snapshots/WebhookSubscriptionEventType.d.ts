/**
 * Subscription `event_type` values accepted by `POST /webhooks` and `PATCH /webhooks/{id}`
 * (the spec's enum). `null` instead subscribes to custom-label events (with
 * `custom_interest_value`); `all_events` receives every event, custom labels included.
 */
export type WebhookSubscriptionEventType = "all_events" | "email_sent" | "email_opened" | "email_link_clicked" | "reply_received" | "email_bounced" | "lead_unsubscribed" | "campaign_completed" | "account_error" | "lead_neutral" | "lead_interested" | "lead_not_interested" | "lead_meeting_booked" | "lead_meeting_completed" | "lead_closed" | "lead_out_of_office" | "lead_wrong_person" | "lead_no_show" | "supersearch_enrichment_completed";
