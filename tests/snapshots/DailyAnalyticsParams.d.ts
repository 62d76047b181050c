/**
 * Parameters of `GET /campaigns/analytics/daily`: query parameters and body fields under their wire names.
 */
export interface DailyAnalyticsParams {
  /**
   * Campaign ID (optional). Leave this field empty to get the analytics for all campaigns
   */
  campaign_id?: string | undefined;
  /**
   * Start of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  start_date?: string | undefined;
  /**
   * End of the analytics range. Accepts a date-only value (`YYYY-MM-DD`) or a full ISO 8601 timestamp. Date-only values are interpreted as UTC midnight — e.g. `2026-04-07` is treated as `2026-04-07T00:00:00.000Z`.
   */
  end_date?: string | undefined;
  /**
   * Filter by campaign status (only the analytics for the campaigns with the specified status will be returned)
   */
  campaign_status?: -99 | -1 | -2 | 0 | 1 | 2 | 3 | 4 | undefined;
}
