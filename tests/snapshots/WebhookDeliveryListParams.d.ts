/**
 * Query of `GET /webhook-events`.
 */
export interface WebhookDeliveryListParams {
    /**
     * Page size, 1–100.
     */
    limit?: number;
    /**
     * Cursor from the previous page's `next_starting_after`.
     */
    starting_after?: string;
    /**
     * Only successful (`true`) or failed (`false`) attempts.
     */
    success?: boolean;
    /**
     * First day, `YYYY-MM-DD` (inclusive).
     */
    from?: string;
    /**
     * Last day, `YYYY-MM-DD` (inclusive).
     */
    to?: string;
    /**
     * Exact target URL or lead email.
     */
    search?: string;
}
