/**
 * A webhook event that was sent or attempted to be sent
 */
export interface WebhookDelivery {
  /**
   * Unique identifier for the webhook event (UUID)
   */
  id: string;
  /**
   * Timestamp when the webhook event was created
   */
  timestamp_created: string;
  /**
   * Date when the webhook event was created (for partitioning)
   */
  timestamp_created_date: string;
  /**
   * Organization (workspace) UUID that owns this webhook event
   */
  organization_id: string;
  /**
   * JSON payload that was sent/attempted to be sent
   */
  payload?: Record<string, unknown>;
  /**
   * Whether the webhook call was successful
   */
  success: boolean;
  /**
   * Number of retry attempts made
   */
  retry_count: number;
  /**
   * Whether the webhook will be retried
   */
  will_retry: boolean;
  /**
   * Target URL where the webhook was sent
   */
  webhook_url: string;
  /**
   * HTTP status code received from the webhook endpoint (if any)
   */
  status_code?: number | null;
  /**
   * Error message if the webhook failed
   */
  error_message?: string | null;
  /**
   * Timestamp for the next retry attempt (if applicable)
   */
  timestamp_next_retry?: string | null;
  /**
   * UUID for grouping retry attempts
   */
  retry_group_id?: string | null;
  /**
   * Whether the retry was successful (for retry events)
   */
  retry_successful?: boolean | null;
  /**
   * Email address of the lead associated with this webhook event
   */
  lead_email?: string | null;
  /**
   * Response time in milliseconds for the webhook call
   */
  response_time_ms?: number | null;
}
