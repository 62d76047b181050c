/**
 * Parameters of `GET /webhook-events/summary`: query parameters and body fields under their wire names.
 */
export interface WebhookDeliverySummaryParams {
  /**
   * Inclusive start of the window (YYYY-MM-DD).
   */
  from?: string | undefined;
  /**
   * Inclusive end of the window (YYYY-MM-DD).
   */
  to?: string | undefined;
}
