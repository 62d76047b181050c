/**
 * List of webhook event KPIs grouped by date
 */
export interface WebhookDeliverySummaryByDate {
  /**
   * `items`
   */
  items?: WebhookDeliverySummaryByDateItem[];
}
