/**
 * Answer of `GET /webhook-events/summary`.
 */
export interface WebhookDeliverySummary {
    /**
     * Attempts in the window.
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
     * Percentage (0–100) of successful attempts.
     */
    success_rate: number;
    /**
     * Percentage (0–100) of failed attempts.
     */
    failure_rate: number;
}
