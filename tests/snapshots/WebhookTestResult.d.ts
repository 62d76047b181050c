/**
 * Answer of `POST /webhooks/{id}/test` (a test payload was sent to the target URL).
 */
export interface WebhookTestResult {
    /**
     * Whether the target answered 2xx.
     */
    success?: boolean;
    /**
     * Summary, e.g. `Webhook test successful`.
     */
    message?: string;
    /**
     * How long the target took, ms.
     */
    response_time_ms?: number;
    /**
     * The target's HTTP status.
     */
    status_code?: number;
    /**
     * Why the test failed, e.g. `Connection timeout`.
     */
    error?: string;
}
