/**
 * Parameters of `GET /campaigns`: query parameters and body fields under their wire names.
 */
export interface CampaignListParams {
  /**
   * The number of items to return
   */
  limit?: number | undefined;
  /**
   * The ID of the last item in the previous page - used for pagination. You can use the value of the `next_starting_after` field from the previous response.
   */
  starting_after?: string | undefined;
  /**
   * Search by campaign name
   */
  search?: string | undefined;
  /**
   * Filter campaigns by tag ids. Returns campaigns that have any of the specified tags assigned. You can specify multiple tag ids by separating them with a comma.
   */
  tag_ids?: string | undefined;
  /**
   * Filter campaigns by AI Sales Agent ID. Returns campaigns that were created by the specified AI Sales Agent.
   */
  ai_sales_agent_id?: string | undefined;
  /**
   * Filter campaigns by status using the campaign status enum value (e.g., ACTIVE, PAUSED).
   */
  status?: -99 | -1 | -2 | 0 | 1 | 2 | 3 | 4 | undefined;
  /**
   * Exclude campaigns with this status using the campaign status enum value (e.g., exclude ACTIVE to list only campaigns that are not currently active).
   */
  exclude_status?: -99 | -1 | -2 | 0 | 1 | 2 | 3 | 4 | undefined;
}
