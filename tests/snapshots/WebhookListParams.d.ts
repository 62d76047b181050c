/**
 * Query of `GET /webhooks`.
 */
export interface WebhookListParams {
    /**
     * Page size, 1–100.
     */
    limit?: number;
    /**
     * Cursor from the previous page's `next_starting_after`.
     */
    starting_after?: string;
    /**
     * Only webhooks of this campaign (UUID).
     */
    campaign?: string;
    /**
     * Only webhooks with this subscription type (the filter does not accept `lead_no_show`
     * or `supersearch_enrichment_completed`).
     */
    event_type?: Exclude<WebhookSubscriptionEventType, "lead_no_show" | "supersearch_enrichment_completed">;
}
