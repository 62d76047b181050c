/**
 * Parameters of `GET /campaigns/analytics`: query parameters and body fields under their wire names.
 */
export interface AnalyticsParams {
  /**
   * A campaign ID to get the analytics for. Leave this field empty to get the analytics for all campaigns
   */
  id?: string | undefined;
  /**
   * `ids`
   */
  ids?: string[] | undefined;
  /**
   * Start of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  start_date?: string | undefined;
  /**
   * End of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  end_date?: string | undefined;
  /**
   * Exclude the total leads from the result. Setting this to true will considerably decrease the response time
   */
  exclude_total_leads_count?: boolean | undefined;
}
