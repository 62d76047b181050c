/**
 * One day of `GET /webhook-events/summary-by-date`.
 */
export interface WebhookDeliveryDailySummary {
    /**
     * The day, `YYYY-MM-DD`.
     */
    date: string;
    /**
     * Attempts that day.
     */
    total_events: number;
    /**
     * Successful attempts.
     */
    successful_events: number;
    /**
     * Failed attempts.
     */
    failed_events: number;
    /**
     * Success rate of the day.
     */
    success_rate: number;
}
