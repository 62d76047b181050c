/**
 * WebhookDeliverySummary
 */
export interface WebhookDeliverySummary {
  /**
   * Total number of webhook events
   */
  total_events: number;
  /**
   * Total number of successful webhook events
   */
  successful_events: number;
  /**
   * Total number of failed webhook events
   */
  failed_events: number;
  /**
   * Percentage (0-100) of successful webhook calls
   */
  success_rate: number;
  /**
   * Percentage (0-100) of failed webhook calls
   */
  failure_rate: number;
}
