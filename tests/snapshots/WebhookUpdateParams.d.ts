/**
 * Body of `PATCH /webhooks/{id}`: at least one field. `null` clears a nullable field
 * (`campaign: null` = every campaign, `event_type: null` = custom-label subscription).
 * In Rust, `None` leaves a field alone and `Some(None)` sends `null`.
 */
export interface WebhookUpdateParams {
    /**
     * New target URL (`http://` or `https://`).
     */
    target_hook_url?: string;
    /**
     * New subscription event type, or `null` for a custom-label subscription.
     */
    event_type?: WebhookSubscriptionEventType | null;
    /**
     * Campaign UUID, or `null` for every campaign.
     */
    campaign?: string | null;
    /**
     * Name, or `null` to clear it.
     */
    name?: string | null;
    /**
     * Custom label interest value, or `null`.
     */
    custom_interest_value?: number | null;
    /**
     * Delivery headers (replace the current ones), or `null` to remove them.
     */
    headers?: Record<string, string> | null;
}
