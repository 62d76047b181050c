/**
 * Answer of `GET /webhook-events/summary-by-date`.
 */
export interface WebhookDeliverySummaryByDate {
    /**
     * One entry per day.
     */
    items: WebhookDeliveryDailySummary[];
}
