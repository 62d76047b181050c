/**
 * WebhookDeliverySummaryByDateItem
 */
export interface WebhookDeliverySummaryByDateItem {
  /**
   * Date of the webhook event
   */
  date: string;
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
   * Success rate of the webhook events
   */
  success_rate: number;
}
