/**
 * One delivery attempt (the spec's `WebhookEvent` schema, `GET /webhook-events/{id}`).
 */
export interface WebhookDelivery {
    /**
     * UUID.
     */
    id: string;
    /**
     * When the attempt was made (ISO 8601).
     */
    timestamp_created: string;
    /**
     * Day of the attempt, `YYYY-MM-DD`.
     */
    timestamp_created_date?: string;
    /**
     * Workspace UUID.
     */
    organization_id: string;
    /**
     * The payload sent (decode it with `WebhookEvent::from_map` in Rust).
     */
    payload?: Record<string, unknown>;
    /**
     * Whether the target answered 2xx.
     */
    success: boolean;
    /**
     * Retries made so far.
     */
    retry_count: number;
    /**
     * Whether another attempt is scheduled.
     */
    will_retry: boolean;
    /**
     * The target URL.
     */
    webhook_url: string;
    /**
     * The target's HTTP status, if it answered.
     */
    status_code?: number | null;
    /**
     * Why the attempt failed.
     */
    error_message?: string | null;
    /**
     * When the next attempt is due.
     */
    timestamp_next_retry?: string | null;
    /**
     * Groups the attempts of one event (UUID).
     */
    retry_group_id?: string | null;
    /**
     * For retries: whether this one succeeded.
     */
    retry_successful?: boolean | null;
    /**
     * The lead the event is about.
     */
    lead_email?: string | null;
    /**
     * How long the target took, ms.
     */
    response_time_ms?: number | null;
}
