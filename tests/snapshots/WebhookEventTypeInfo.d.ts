/**
 * One entry of `GET /webhooks/event-types`.
 */
export interface WebhookEventTypeInfo {
    /**
     * The value to subscribe with, e.g. `email_sent` (custom labels have their own ids).
     */
    id?: string;
    /**
     * Display label, e.g. `Email Sent`.
     */
    label?: string;
    /**
     * `standard`, or another value for custom labels.
     */
    type?: string;
}
