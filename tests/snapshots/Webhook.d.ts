/**
 * A webhook subscription (`GET /webhooks/{id}` and every webhook write).
 */
export interface Webhook {
    /**
     * UUID.
     */
    id: string;
    /**
     * Workspace (organization) UUID.
     */
    organization: string;
    /**
     * Where payloads are POSTed.
     */
    target_hook_url: string;
    /**
     * Creation time (ISO 8601).
     */
    timestamp_created: string;
    /**
     * Campaign UUID the subscription is limited to; `null` for every campaign.
     */
    campaign?: string | null;
    /**
     * Name.
     */
    name?: string | null;
    /**
     * Subscription event type (see `WebhookSubscriptionEventType`; an open string here so
     * future values decode); `null` for custom-label subscriptions.
     */
    event_type?: WebhookSubscriptionEventType | (string & {}) | null;
    /**
     * The custom label's interest value, for custom-label subscriptions.
     */
    custom_interest_value?: number | null;
    /**
     * Extra HTTP headers sent with every delivery (where a shared secret lives).
     */
    headers?: Record<string, string> | null;
    /**
     * 1 active, -1 disabled after delivery failures (see `WebhookStatus`); open for new values.
     */
    status?: number | null;
    /**
     * When the webhook was disabled (`null` while active).
     */
    timestamp_error?: string | null;
}
