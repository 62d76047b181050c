/**
 * Query of `GET /webhook-events/summary` and `/summary-by-date`.
 */
export interface WebhookDeliverySummaryParams {
    /**
     * First day, `YYYY-MM-DD` (inclusive).
     */
    from?: string;
    /**
     * Last day, `YYYY-MM-DD` (inclusive).
     */
    to?: string;
}
