/**
 * Parameters of `GET /webhook-events`: query parameters and body fields under their wire names.
 */
export interface WebhookDeliveryListParams {
  /**
   * The number of items to return
   */
  limit?: number | undefined;
  /**
   * The ID of the last item in the previous page - used for pagination. You can use the value of the `next_starting_after` field from the previous response.
   */
  starting_after?: string | undefined;
  /**
   * Filter by success status
   */
  success?: boolean | undefined;
  /**
   * Inclusive start of the window (YYYY-MM-DD).
   */
  from?: string | undefined;
  /**
   * Inclusive end of the window (YYYY-MM-DD).
   */
  to?: string | undefined;
  /**
   * Search by exact webhook URL or lead email match
   */
  search?: string | undefined;
}
